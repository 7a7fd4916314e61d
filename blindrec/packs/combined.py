"""The combined pack: a cover page for the panel, then every candidate in random order."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path
from typing import Sequence

PANEL_REMINDER = (
    "These applications have been anonymised. Each candidate is known only by a candidate ID. "
    "Score every candidate against the same published criteria, on your own, before the panel "
    "discusses them. Do not try to work out who a candidate is; if anything in a pack identifies "
    "someone, stop and tell HR. Candidates appear in random order."
)


def shuffled(packs: Sequence) -> list:
    """Candidates in a random order that owes nothing to names, files or input order."""
    order = list(packs)
    secrets.SystemRandom().shuffle(order)
    return order


def cover_lines(role: str | None, count: int, today: dt.date) -> list[str]:
    """The facts on the cover page."""
    lines = [f"Role: {role}"] if role else []
    lines += [f"Date: {today.strftime('%d %B %Y')}", f"Number of candidates: {count}"]
    return lines


def write_combined_docx(path: Path, packs: Sequence, role: str | None, today: dt.date) -> None:
    """pack.docx: cover page, then each candidate on new pages."""
    from docx.enum.text import WD_BREAK

    from blindrec.packs.docx import add_blocks, new_document

    document = new_document("Anonymised applications")
    document.add_heading("Anonymised applications for shortlisting", level=0)
    for line in cover_lines(role, len(packs), today):
        document.add_paragraph(line)
    document.add_paragraph(PANEL_REMINDER)
    for pack in packs:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_heading(f"Candidate {pack.candidate_id}", level=1)
        for number, redacted in enumerate(pack.documents, start=1):
            if len(pack.documents) > 1:
                document.add_heading(f"Document {number} of {len(pack.documents)}", level=2)
            add_blocks(document, redacted.blocks)
    document.save(str(path))


def combined_markdown(packs: Sequence, role: str | None, today: dt.date) -> str:
    """pack.md: the same content as pack.docx, in Markdown."""
    from blindrec.packs.markdown import candidate_markdown

    parts = ["# Anonymised applications for shortlisting\n"]
    parts += [line + "  " for line in cover_lines(role, len(packs), today)]
    parts += ["", PANEL_REMINDER, ""]
    for pack in packs:
        parts += ["\n---\n", candidate_markdown(pack.candidate_id, [d.blocks for d in pack.documents])]
    return "\n".join(parts)
