"""PDF applications with pypdf: every page's text, in pypdf's reading order, wrapped lines re-joined."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from blindrec.extract import ExtractionError
from blindrec.extract.pdf_lines import page_blocks
from blindrec.model import Block, Document

# A page with fewer characters than this across the whole file is taken as scanned.
_MIN_TEXT_CHARS = 20



def read_pdf(raw: bytes, path: Path, relative_source: str, sha256: str) -> Document:
    """Extract a PDF's text as line blocks; refuse encrypted and image-only files."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf logs warnings for harmless damage it repairs; the report says what matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise ExtractionError("the PDF is password-protected; ask the candidate for an unprotected copy")
        pages = [page.extract_text() or "" for page in reader.pages]
        fields = tuple(_form_field_rows(reader))
        metadata = _metadata(reader)
        links = tuple(_link_targets(reader))
    except ExtractionError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as error:
        raise ExtractionError(f"the PDF is damaged and cannot be read ({type(error).__name__}); ask for a new copy") from error
    blocks = tuple(page_blocks(pages)) + fields
    if sum(len(b.text.strip()) for b in blocks) < _MIN_TEXT_CHARS:
        raise ExtractionError("the PDF has no text layer (a scan or image); handle it manually or ask for a text PDF")
    return Document(Path(path), relative_source, blocks, metadata, links, sha256)


def _opens_without_password(reader) -> bool:
    # Some PDFs are "encrypted" with an empty user password only to restrict printing.
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 - any failure means we cannot read it
        return False


def _form_field_rows(reader):
    """A filled-in PDF form's answers, as label | value rows in page order.

    pypdf's text extraction leaves out what was typed into form fields (it lives in the
    fields, not the page), so a fillable council form would otherwise reach the panel with
    every answer missing. The rows follow the page text, top to bottom, left to right.
    """
    found = []
    for page_number, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            try:
                widget = annot.get_object()
                if widget.get("/Subtype") != "/Widget":
                    continue
                field = widget if "/T" in widget else widget.get("/Parent", widget).get_object()
                value = _field_value(widget.get("/V", field.get("/V")), widget.get("/AS"))
                label = _field_label(str(field.get("/TU") or field.get("/T") or ""))
                rect = [float(x) for x in widget.get("/Rect", (0, 0, 0, 0))]
            except Exception:  # noqa: BLE001 - a broken field is no reason to lose the rest
                continue
            if value:
                found.append((page_number, -max(rect[1], rect[3]), min(rect[0], rect[2]), label, value))
    for *_, label, value in sorted(found, key=lambda f: f[:3]):
        yield Block("table_row", cells=(label, value), region="body")


def _field_label(name: str) -> str:
    """A readable label from a field name: "Page1[0].Sur_name[0]" reads "Sur name"."""
    return re.sub(r"\[\d+\]", "", name.split(".")[-1]).replace("_", " ").strip()


def _field_value(value, appearance) -> str:
    """Text of a field's value; a ticked box reads "Yes", an unticked one nothing."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_field_value(v, None) for v in value)
    text = str(value)
    if text.startswith("/"):  # a check box or radio button: its "on" state's name
        return "" if text in ("/Off", "/No") or appearance == "/Off" else "Yes"
    return text.strip()


def _metadata(reader) -> dict[str, str]:
    info = reader.metadata or {}
    return {str(k).lstrip("/").lower(): str(v) for k, v in info.items() if isinstance(v, str)}


def _link_targets(reader):
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            try:
                action = annot.get_object().get("/A") or {}
                uri = action.get("/URI")
            except Exception:  # noqa: BLE001 - a broken annotation is no reason to fail
                continue
            if uri:
                yield str(uri)
