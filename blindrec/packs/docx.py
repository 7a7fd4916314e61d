"""Panel packs as DOCX: the redacted blocks, and nothing of the original file.

Each pack is a new document built from redacted text only, so no image, comment, tracked
change, hyperlink target or property of the candidate's file can come along.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Sequence

from blindrec.model import Block

PACK_AUTHOR = "blindrec"


def new_document(title: str):
    """An empty DOCX whose properties say nothing about anyone."""
    import docx

    document = docx.Document()
    props = document.core_properties
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.author = PACK_AUTHOR
    props.last_modified_by = PACK_AUTHOR
    props.title = title
    props.subject = props.keywords = props.comments = props.category = ""
    props.created = props.modified = now
    props.revision = 1
    return document


def add_blocks(document, blocks: Sequence[Block]) -> None:
    """Append blocks as headings, paragraphs, list items and tables."""
    pending_rows: list[Block] = []
    for block in blocks:
        if block.kind == "table_row":
            pending_rows.append(block)
            continue
        _flush_table(document, pending_rows)
        pending_rows = []
        if block.kind == "heading":
            document.add_heading(block.text, level=min(max(block.level, 1) + 1, 4))
        elif block.kind == "list_item":
            document.add_paragraph(block.text, style="List Bullet")
        else:
            document.add_paragraph(block.text)
    _flush_table(document, pending_rows)


def _flush_table(document, rows: list[Block]) -> None:
    if not rows:
        return
    columns = max(len(r.cells) for r in rows)
    table = document.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    for row in rows:
        cells = table.add_row().cells
        for i, text in enumerate(row.cells):
            cells[i].text = text
        if len(row.cells) < columns and len(row.cells) > 0:
            # A short row (a label spanning the table) spans the remaining columns.
            cells[len(row.cells) - 1].merge(cells[columns - 1])


def write_candidate_docx(path: Path, candidate_id: str, sections: Sequence[Sequence[Block]]) -> None:
    """One candidate's pack: each of their documents under its own heading."""
    document = new_document(f"Candidate {candidate_id}")
    document.add_heading(f"Candidate {candidate_id}", level=1)
    for number, blocks in enumerate(sections, start=1):
        if len(sections) > 1:
            document.add_heading(f"Document {number} of {len(sections)}", level=2)
        add_blocks(document, blocks)
    document.save(str(path))
