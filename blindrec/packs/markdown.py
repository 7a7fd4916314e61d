"""Panel packs as Markdown, for panels who read on screen or paste into other systems."""

from __future__ import annotations

from typing import Sequence

from blindrec.model import Block, RedactedDocument
from blindrec.packs.tidy import tidy_blocks


def blocks_to_markdown(blocks: Sequence[Block]) -> str:
    """Markdown for redacted blocks: headings, paragraphs, bullets and pipe tables."""
    lines: list[str] = []
    previous = ""
    for block in blocks:
        if block.kind == "table_row" and _is_layout_row(block):
            # A two-column CV is a table used for layout: its cells read as sections.
            for cell in block.cells:
                for line in cell.splitlines():
                    lines += [line, ""]
            previous = "paragraph"
            continue
        if block.kind == "table_row":
            cells = [c.replace("\n", "<br>").replace("|", "\\|") for c in block.cells]
            if previous != "table_row":
                lines.append("")
                lines.append("| " + " | ".join(cells) + " |")
                lines.append("|" + "---|" * len(cells))
            else:
                lines.append("| " + " | ".join(cells) + " |")
        elif block.kind == "heading":
            lines += ["", "#" * min(block.level + 2, 6) + " " + block.text, ""]
        elif block.kind == "list_item":
            lines.append("- " + block.text)
        else:
            lines += ["", block.text] if previous == "table_row" else [block.text, ""]
        previous = block.kind
    return "\n".join(lines).strip() + "\n"


def candidate_markdown(candidate_id: str, documents: Sequence[RedactedDocument]) -> str:
    """One candidate's pack as Markdown, each document under its kind, as in the DOCX pack."""
    from blindrec.packs.docx import ordered_documents

    parts = [f"# Candidate {candidate_id}\n"]
    ordered = ordered_documents(documents)
    for number, (kind, document) in enumerate(ordered, start=1):
        label = kind if len(ordered) == 1 else f"{kind} (document {number} of {len(ordered)})"
        parts.append(f"\n## {label}\n")
        parts.append(blocks_to_markdown(tidy_blocks(document.blocks)))
    return "\n".join(parts)


def _is_layout_row(block: Block) -> bool:
    """A row whose cells hold whole sections (many lines), not table data."""
    return any(cell.count("\n") >= 4 for cell in block.cells)
