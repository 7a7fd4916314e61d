"""Panel packs as DOCX: the redacted blocks, and nothing of the original file.

Each pack is a new document built from redacted text only, so no image, comment, tracked
change, hyperlink target or property of the candidate's file can come along. Pages are A4
with UK margins, every page names the candidate ID, and the footer counts pages ('2 / 5').
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Sequence

from blindrec.model import Block, RedactedDocument
from blindrec.packs.kind import document_kind, kind_rank
from blindrec.packs.tidy import tidy_blocks

PACK_AUTHOR = "blindrec"
PACK_LANGUAGE = "en-GB"
A4_MM = (210, 297)
MARGIN_MM = 25
# Cell widths follow the longest word in a column, within these bounds (characters).
_MIN_COLUMN_CHARS, _MAX_COLUMN_CHARS = 8, 40


def new_document(title: str):
    """An empty A4 DOCX in British English whose properties say nothing about anyone."""
    import docx
    from docx.shared import Mm

    document = docx.Document()
    props = document.core_properties
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.author = PACK_AUTHOR
    props.last_modified_by = PACK_AUTHOR
    props.title = title
    props.subject = props.keywords = props.comments = props.category = ""
    props.created = props.modified = now
    props.revision = 1
    props.language = PACK_LANGUAGE
    section = document.sections[0]
    section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
    section.left_margin = section.right_margin = Mm(MARGIN_MM)
    section.top_margin = section.bottom_margin = Mm(MARGIN_MM)
    _set_default_language(document, PACK_LANGUAGE)
    return document


def _set_default_language(document, language: str) -> None:
    """Screen readers pick their voice from the document language (WCAG 3.1.1)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    properties = run_defaults.find(qn("w:rPr")) if run_defaults is not None else None
    if properties is None:
        return
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), language)


def set_page_furniture(section, header_text: str) -> None:
    """A header naming the candidate (and role) and an 'X / Y' page-number footer on every page."""
    header = section.header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = header_text
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.text = ""
    # Numbers only: a word such as "Page" on every page would read as the name of a
    # candidate or referee called Page to anyone checking a pack for names.
    _add_field(paragraph, "PAGE")
    paragraph.add_run(" / ")
    _add_field(paragraph, "NUMPAGES")


def _add_field(paragraph, instruction: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run._r.addnext(field)
    # A placeholder result so readers that do not update fields still show a number.
    inner = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    inner.append(text)
    field.append(inner)


def header_text(candidate_id: str, role: str | None) -> str:
    """What the page header says: the candidate ID, and the role when known."""
    return f"Candidate {candidate_id}" + (f" · {role}" if role else "")


class PackWriter:
    """Appends headings, paragraphs, lists and tables to a document, fast at any length.

    python-docx finds the body's closing section on every paragraph it adds and looks styles
    up by name each time; on a combined pack of a thousand candidates both grow with the
    body. Content is built in a small scratch document and moved across in one step, and
    each style is looked up once.
    """

    def __init__(self, target) -> None:
        self.target = target
        self.scratch = new_document("")
        self._styles: dict[str, object] = {}
        self._block_width = _text_width(target.sections[0])

    def style(self, name: str):
        """The scratch document's style of that name, looked up once."""
        if name not in self._styles:
            self._styles[name] = self.scratch.styles[name]
        return self._styles[name]

    def heading(self, text: str, level: int, page_break: bool = False) -> None:
        """A heading paragraph in Word's own heading style (navigable, and read as a heading)."""
        paragraph = self.scratch.add_paragraph(text, style=self.style("Title" if level == 0 else f"Heading {level}"))
        paragraph.paragraph_format.page_break_before = page_break
        paragraph.paragraph_format.keep_with_next = True

    def paragraph(self, text: str, style: str | None = None) -> None:
        """A body paragraph."""
        self.scratch.add_paragraph(text, style=self.style(style) if style else None)

    def blocks(self, blocks: Sequence[Block], base_level: int) -> None:
        """Redacted blocks as headings, paragraphs, list items and tables."""
        pending_rows: list[Block] = []
        for block in blocks:
            if block.kind == "table_row":
                pending_rows.append(block)
                continue
            self._table(pending_rows)
            pending_rows = []
            if block.kind == "heading":
                self.heading(block.text, min(max(block.level, 1) + base_level, 6))
            elif block.kind == "list_item":
                self.paragraph(block.text, "List Bullet")
            else:
                self.paragraph(block.text)
        self._table(pending_rows)

    def _table(self, rows: list[Block]) -> None:
        if not rows:
            return
        from docx.oxml import OxmlElement

        columns = max(len(r.cells) for r in rows)
        table = self.scratch.add_table(rows=0, cols=columns)
        table.style = self.style("Table Grid")
        table.autofit = False
        for row in rows:
            table_row = table.add_row()
            # A row is read whole on one page; a form row split over two pages loses its label.
            row_properties = table_row._tr.get_or_add_trPr()
            row_properties.append(OxmlElement("w:cantSplit"))
            cells = table_row.cells
            for i, text in enumerate(row.cells):
                cells[i].text = text
            if 0 < len(row.cells) < columns:
                # A short row (a label spanning the table) spans the remaining columns.
                cells[len(row.cells) - 1].merge(cells[columns - 1])
        _fit_columns(table, rows, columns, self._block_width)

    def flush(self) -> None:
        """Move what was built into the target document, before its closing section."""
        body = self.scratch.element.body
        closing = self.target.element.body.sectPr
        for element in list(body):
            if element.tag.endswith("}sectPr"):
                continue
            if closing is not None:
                closing.addprevious(element)
            else:
                self.target.element.body.append(element)


def _text_width(section) -> int:
    return section.page_width - section.left_margin - section.right_margin


def _fit_columns(table, rows: Sequence[Block], columns: int, block_width: int) -> None:
    """Column widths in proportion to their longest word, so no word breaks mid-word."""
    weights = []
    for column in range(columns):
        texts = [r.cells[column] for r in rows if column < len(r.cells)]
        longest_word = max((len(w) for t in texts for w in t.split()), default=0)
        longest_line = max((len(line) for t in texts for line in t.splitlines()), default=0)
        weights.append(min(max(longest_word, longest_line // 3, _MIN_COLUMN_CHARS), _MAX_COLUMN_CHARS))
    total = sum(weights)
    widths = [int(block_width * w / total) for w in weights]
    # Word reads column widths from each cell, LibreOffice from the grid: set both.
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width


def ordered_documents(documents: Sequence[RedactedDocument]) -> list[tuple[str, RedactedDocument]]:
    """A candidate's documents with their kinds, in the same kind order for every candidate."""
    kinds = [(document_kind(d.relative_source, d.blocks), d) for d in documents]
    return sorted(kinds, key=lambda pair: kind_rank(pair[0]))


def add_candidate(writer: PackWriter, candidate_id: str, documents: Sequence[RedactedDocument],
                  page_break: bool) -> None:
    """A candidate's heading, then each of their documents, labelled, each on a new page."""
    writer.heading(f"Candidate {candidate_id}", 1, page_break=page_break)
    ordered = ordered_documents(documents)
    for number, (kind, document) in enumerate(ordered, start=1):
        label = kind if len(ordered) == 1 else f"{kind} (document {number} of {len(ordered)})"
        writer.heading(label, 2, page_break=number > 1)
        writer.blocks(tidy_blocks(document.blocks), base_level=2)
    writer.flush()


def write_candidate_docx(path: Path, candidate_id: str, documents: Sequence[RedactedDocument],
                         role: str | None = None) -> None:
    """One candidate's pack: each of their documents under its kind, on its own pages."""
    document = new_document(f"Candidate {candidate_id}")
    set_page_furniture(document.sections[0], header_text(candidate_id, role))
    add_candidate(PackWriter(document), candidate_id, documents, page_break=False)
    document.save(str(path))
