"""Read the anonymised panel packs back as candidates' documents: the sift's only source of text.

The sift never opens an application again: it reads DIR/panel/ (each candidate's DOCX pack,
or the Markdown pack when there is no DOCX, and the ATS panel tables), which hold redacted
text only.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from blindrec.model import Block
from blindrec.safecsv import read_cell
from blindrec.sift.errors import SiftError

ATS_KIND = "ATS application"
_LABEL = re.compile(r"\s*\(document \d+ of \d+\)\s*$")
_CANDIDATE_HEADING = re.compile(r"Candidate\s+(\S+)\s*$")


@dataclass(frozen=True)
class PackDocument:
    """One document of a candidate's pack: its kind label and its redacted blocks."""

    kind: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class CandidatePack:
    """Everything the panel has of one candidate: documents (packs) or one ATS row's columns."""

    candidate_id: str
    documents: tuple[PackDocument, ...] = ()
    columns: tuple[tuple[str, str], ...] = ()  # (ATS column, cell) for an ATS row


def read_panel(out_dir: Path) -> list[CandidatePack]:
    """Every candidate in DIR/panel/, sorted by ID; SiftError when there is nothing to sift."""
    panel = Path(out_dir) / "panel"
    if not panel.is_dir():
        raise SiftError(f"{panel}: no panel folder; run blindrec anonymise with --out {out_dir} first.")
    packs: dict[str, CandidatePack] = {}
    for path in sorted(panel.glob("*.docx")) + sorted(panel.glob("*.md")):
        if path.stem in packs or path.stem == "pack":
            continue
        documents = _docx_documents(path) if path.suffix == ".docx" else _markdown_documents(path)
        if documents is not None:
            packs[path.stem] = CandidatePack(path.stem, tuple(documents))
    for table in sorted(panel.glob("applications*.csv")) + sorted(panel.glob("applications*.json")):
        for pack in _table_rows(table) if table.suffix == ".csv" else _json_rows(table):
            packs.setdefault(pack.candidate_id, pack)
    if not packs:
        raise SiftError(f"{panel}: no candidate packs or ATS panel tables; run blindrec anonymise first.")
    return [packs[key] for key in sorted(packs)]


def _split_documents(blocks: list[tuple[str, int, str, tuple[str, ...]]]) -> list[PackDocument]:
    """Blocks (style, heading level, text, cells) grouped under the pack's level-2 document labels."""
    documents: list[PackDocument] = []
    kind, current = "Document", []
    for style, level, text, cells in blocks:
        if style == "heading" and level == 1 and _CANDIDATE_HEADING.match(text):
            continue
        if style == "heading" and level == 2:
            if current:
                documents.append(PackDocument(kind, tuple(current)))
            kind, current = _LABEL.sub("", text), []
            continue
        if style == "heading":
            current.append(Block("heading", text, level=max(level - 2, 1)))
        elif style == "table_row":
            current.append(Block("table_row", cells=cells))
        elif text.strip():
            current.append(Block(style, text))
    if current:
        documents.append(PackDocument(kind, tuple(current)))
    return documents


def _docx_documents(path: Path) -> list[PackDocument] | None:
    """A candidate's DOCX pack as documents, or None when the file is not one (its first heading names no ID)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as error:  # noqa: BLE001 - python-docx raises many kinds for a broken package
        raise SiftError(f"{path}: cannot be read as a DOCX pack ({error}); run blindrec anonymise again.") from error
    # paragraph.style searches every style of the document for each paragraph; look names up once.
    style_names = {style.style_id: style.name for style in document.styles}
    blocks: list[tuple[str, int, str, tuple[str, ...]]] = []
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            paragraph = Paragraph(element, document)
            properties = element.pPr
            style_id = properties.pStyle.val if properties is not None and properties.pStyle is not None else None
            style = style_names.get(style_id, "") or ""
            heading = re.fullmatch(r"Heading (\d)", style)
            if heading:
                blocks.append(("heading", int(heading.group(1)), paragraph.text, ()))
            else:
                blocks.append(("list_item" if style.startswith("List") else "paragraph", 0, paragraph.text, ()))
        elif element.tag.endswith("}tbl"):
            for row in Table(element, document).rows:
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) not in seen:  # a merged cell is listed once per column it spans
                        seen.add(id(cell._tc))
                        cells.append(cell.text)
                blocks.append(("table_row", 0, "", tuple(cells)))
    if not blocks or not _is_pack(path, blocks[0]):
        return None
    return _split_documents(blocks)


def _markdown_documents(path: Path) -> list[PackDocument] | None:
    """A candidate's Markdown pack as documents, or None when the file is not one."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SiftError(f"{path}: cannot be read ({error}); run blindrec anonymise again.") from error
    blocks: list[tuple[str, int, str, tuple[str, ...]]] = []
    for line in text.splitlines():
        heading = re.match(r"(#{1,6}) (.*)", line)
        if heading:
            blocks.append(("heading", len(heading.group(1)), heading.group(2).strip(), ()))
        elif line.startswith("|") and not re.fullmatch(r"\|(?:-+\|)+", line.strip()):
            cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
            blocks.append(("table_row", 0, "", tuple(c.strip().replace("\\|", "|").replace("<br>", "\n")
                                                     for c in cells)))
        elif line.startswith("- "):
            blocks.append(("list_item", 0, line[2:], ()))
        elif line.strip():
            blocks.append(("paragraph", 0, line.strip(), ()))
    if not blocks or not _is_pack(path, blocks[0]):
        return None
    return _split_documents(blocks)


def _is_pack(path: Path, first: tuple[str, int, str, tuple[str, ...]]) -> bool:
    match = _CANDIDATE_HEADING.match(first[2]) if first[0] == "heading" else None
    return bool(match and match.group(1) == path.stem)


def _table_rows(path: Path) -> list[CandidatePack]:
    """One CandidatePack per row of an ATS panel table (cells read back from their safe-CSV form)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise SiftError(f"{path}: cannot be read as the ATS panel table ({error}); run blindrec anonymise again.") \
            from error
    if not rows or not rows[0] or rows[0][0] != "candidate_id":
        return []
    header = [read_cell(name) for name in rows[0]]
    packs = []
    for row in rows[1:]:
        if row and row[0].strip():
            columns = tuple((name, read_cell(cell)) for name, cell in zip(header[1:], row[1:]))
            packs.append(CandidatePack(row[0].strip(), columns=columns))
    return packs


def _json_rows(path: Path) -> list[CandidatePack]:
    """One CandidatePack per object of an ATS panel table written as JSON (--format json)."""
    import json

    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise SiftError(f"{path}: cannot be read as the ATS panel table ({error}); run blindrec anonymise again.") \
            from error
    packs = []
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, dict) and str(row.get("candidate_id") or "").strip():
            columns = tuple((read_cell(str(k)), read_cell(str(v))) for k, v in row.items() if k != "candidate_id")
            packs.append(CandidatePack(str(row["candidate_id"]).strip(), columns=columns))
    return packs
