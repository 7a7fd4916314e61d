"""DOCX applications with python-docx: body, tables, headers, footers, text boxes, footnotes.

Candidates put their names and contact details in page headers, tables and text boxes,
so every part of the package that holds text is read, not only body paragraphs.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Iterator

from blindrec.extract import ExtractionError
from blindrec.extract.limits import Limits, over_limit
from blindrec.model import Block, Document

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# A part smaller than this may compress as well as it likes (XML of blank table cells does).
_RATIO_FLOOR_BYTES = 1024 * 1024


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def read_docx(raw: bytes, path: Path, relative_source: str, sha256: str, limits: Limits = Limits()) -> Document:
    """Extract a DOCX into blocks, with its core properties and hyperlink targets as signals."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _check_package(raw, limits)
    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, EOFError) as error:
        raise ExtractionError("the Word document is corrupt or truncated; ask the candidate for a new copy") from error
    except Exception as error:  # noqa: BLE001 - lxml and zip raise many types for broken files
        raise ExtractionError(f"the Word document cannot be read ({type(error).__name__}); ask for a new copy") from error
    blocks: list[Block] = []
    for section in document.sections:
        for part in _header_parts(section):
            blocks.extend(_blocks(part._element, "header"))
    blocks.extend(_blocks(document.element.body, "body", document.part))
    blocks.extend(_footnote_blocks(document))
    for section in document.sections:
        for part in _footer_parts(section):
            blocks.extend(_blocks(part._element, "footer"))
    return Document(Path(path), relative_source, tuple(_dedupe_headers(blocks)),
                    _core_properties(document), tuple(_hyperlinks(document)), sha256)


def _check_package(raw: bytes, limits: Limits) -> None:
    """Refuse OpenDocument files and zip bombs before python-docx inflates every part into memory."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise ExtractionError("the Word document is corrupt or truncated; ask the candidate for a new copy") from error
    with archive:
        entries = archive.infolist()
        if _is_opendocument(archive):
            raise ExtractionError("OpenDocument is not supported; save it as DOCX or PDF and run again")
        total = 0
        for entry in entries:
            if entry.file_size > limits.zip_entry_bytes:
                raise ExtractionError(over_limit("one part of the Word document, uncompressed,", entry.file_size,
                                                 "zip_entry_bytes", limits.zip_entry_bytes, " bytes"))
            ratio = entry.file_size // max(1, entry.compress_size)
            if entry.file_size > _RATIO_FLOOR_BYTES and ratio > limits.zip_ratio:
                raise ExtractionError(over_limit("the compression ratio of one part of the Word document", ratio,
                                                 "zip_ratio", limits.zip_ratio, " to 1"))
            total += entry.file_size
        if total > limits.zip_total_bytes:
            raise ExtractionError(over_limit("the Word document, uncompressed,", total,
                                             "zip_total_bytes", limits.zip_total_bytes, " bytes"))


def _is_opendocument(archive: zipfile.ZipFile) -> bool:
    # OpenDocument (LibreOffice's .odt) starts with a "mimetype" entry naming its type.
    try:
        entry = archive.getinfo("mimetype")
    except KeyError:
        return False
    return entry.file_size < 200 and archive.read(entry).startswith(b"application/vnd.oasis.opendocument")


def _header_parts(section):
    for header in (section.first_page_header, section.header, section.even_page_header):
        if not header.is_linked_to_previous:
            yield header


def _footer_parts(section):
    for footer in (section.first_page_footer, section.footer, section.even_page_footer):
        if not footer.is_linked_to_previous:
            yield footer


def _dedupe_headers(blocks: list[Block]) -> list[Block]:
    # The same header repeated by several sections says nothing new to a panel.
    seen: set[tuple] = set()
    kept = []
    for block in blocks:
        key = (block.region, block.kind, block.text, block.cells)
        if block.region in ("header", "footer") and key in seen:
            continue
        seen.add(key)
        kept.append(block)
    return kept


def _blocks(container, region: str, part=None) -> Iterator[Block]:
    """Blocks of a body, header, footer, cell or text box, in document order.

    ``part`` (the main document part) lets an altChunk's embedded HTML be read.
    """
    for child in container.iterchildren():
        if child.tag == _w("p"):
            yield from _paragraph_blocks(child, region)
        elif child.tag == _w("tbl"):
            yield from _table_blocks(child, region)
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _blocks(content, region, part)
        elif child.tag == _w("customXml"):  # a block wrapped in custom XML markup: the text is inside
            yield from _blocks(child, region, part)
        elif child.tag == _w("altChunk"):
            yield from _alt_chunk_blocks(child, region, part)


def _alt_chunk_blocks(chunk, region: str, part) -> Iterator[Block]:
    """The text of an altChunk: another document (usually HTML) that Word merges in when it opens the file."""
    from blindrec.extract.html import html_blocks

    try:
        target = part.rels[chunk.get(_R_ID)].target_part
    except (AttributeError, KeyError) as error:
        raise ExtractionError("it holds an embedded document (altChunk) that is missing; open it in Word, "
                              "save it as DOCX again and run again") from error
    content_type = target.content_type.split(";")[0].strip().lower()
    if content_type in ("text/html", "application/xhtml+xml"):
        yield from html_blocks(target.blob, region)
    elif content_type == "text/plain":
        text = target.blob.decode("utf-8", errors="replace")
        yield from (Block("paragraph", line.strip(), region=region) for line in text.splitlines() if line.strip())
    else:
        raise ExtractionError(f"it holds an embedded document (altChunk, {content_type}) blindrec cannot read; "
                              f"open it in Word, save it as DOCX again and run again")


def _paragraph_blocks(paragraph, region: str) -> Iterator[Block]:
    text = _paragraph_text(paragraph).strip()
    if text:
        yield Block(_paragraph_kind(paragraph), text, (), _heading_level(paragraph), region)
    # Text boxes and shapes live inside runs; they read as their own blocks.
    for box in _text_boxes(paragraph):
        yield from _blocks(box, "textbox")


def _table_blocks(table, region: str) -> Iterator[Block]:
    for row in _wrapped_children(table, _w("tr")):
        cells: list[str] = []
        nested: list = []
        for cell in _wrapped_children(row, _w("tc")):
            paragraphs = [_paragraph_text(p).strip() for p in _wrapped_children(cell, _w("p"))]
            cells.append("\n".join(p for p in paragraphs if p))
            nested.extend(_wrapped_children(cell, _w("tbl")))
            for p in _wrapped_children(cell, _w("p")):
                nested.extend(_text_boxes(p))
        if any(cells):
            yield Block("table_row", "", tuple(cells), 0, region)
        for inner in nested:
            if inner.tag == _w("tbl"):
                yield from _table_blocks(inner, region)
            else:
                yield from _blocks(inner, "textbox")


def _wrapped_children(element, tag: str):
    """Children with this tag, including those wrapped in content controls (sdt) or custom XML."""
    for child in element.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag == _w("customXml"):
            yield from _wrapped_children(child, tag)
        elif child.tag == _w("sdt"):
            content = child.find(_w("sdtContent"))
            if content is not None:
                yield from _wrapped_children(content, tag)


def _paragraph_text(paragraph) -> str:
    """A paragraph's visible text, without the text of boxes anchored in it."""
    parts: list[str] = []
    for node in paragraph.iter(_w("t"), _w("tab"), _w("br"), _w("cr"), _w("delText")):
        if _inside_text_box(node, paragraph) or node.tag == _w("delText"):
            continue
        if node.tag == _w("t"):
            parts.append(node.text or "")
        elif node.tag == _w("tab"):
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts).replace("\t", "    ")


def _inside_text_box(node, stop) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == _w("txbxContent") or parent.tag == f"{{{_MC}}}Fallback":
            return True
        parent = parent.getparent()
    return False


def _text_boxes(paragraph):
    """Outermost text-box contents in a paragraph, skipping VML fallbacks that repeat them."""
    for box in paragraph.iter(_w("txbxContent")):
        if not _inside_text_box(box, paragraph):
            yield box


def _paragraph_kind(paragraph) -> str:
    style = _style_id(paragraph).lower()
    if style.startswith("heading") or style in ("title", "subtitle"):
        return "heading"
    properties = paragraph.find(_w("pPr"))
    if "list" in style or (properties is not None and properties.find(_w("numPr")) is not None):
        return "list_item"
    return "paragraph"


def _heading_level(paragraph) -> int:
    style = _style_id(paragraph).lower()
    digits = "".join(ch for ch in style if ch.isdigit())
    if style.startswith("heading"):
        return int(digits or 1)
    return 0 if style not in ("title", "subtitle") else 1


def _style_id(paragraph) -> str:
    properties = paragraph.find(_w("pPr"))
    style = properties.find(_w("pStyle")) if properties is not None else None
    return style.get(_w("val"), "") if style is not None else ""


def _footnote_blocks(document) -> Iterator[Block]:
    for rel in document.part.rels.values():
        if rel.reltype != _FOOTNOTES or rel.is_external:
            continue
        from lxml import etree

        root = etree.fromstring(rel.target_part.blob)
        for note in root.iterchildren(_w("footnote")):
            if note.get(_w("type")) in ("separator", "continuationSeparator"):
                continue
            yield from _blocks(note, "footnote")


def _hyperlinks(document) -> Iterator[str]:
    parts = [document.part]
    for section in document.sections:
        parts.extend(h.part for h in (*_header_parts(section), *_footer_parts(section)))
    for part in parts:
        for rel in part.rels.values():
            if rel.reltype == _HYPERLINK and rel.is_external:
                yield rel.target_ref


def _core_properties(document) -> dict[str, str]:
    props = document.core_properties
    fields = ("author", "last_modified_by", "title", "subject", "keywords", "comments", "category")
    return {name: str(getattr(props, name) or "") for name in fields if getattr(props, name, None)}
