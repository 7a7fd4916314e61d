"""PDF applications with pypdf: every page's text, in pypdf's reading order."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

from blindrec.extract import ExtractionError
from blindrec.model import Block, Document

# A page with fewer characters than this across the whole file is taken as scanned.
_MIN_TEXT_CHARS = 20
_BULLET = re.compile(r"^\s*[\u2022\u25cf\u25aa\u2013\u2014\u00b7\-\*]\s+")


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
        metadata = _metadata(reader)
        links = tuple(_link_targets(reader))
    except ExtractionError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as error:
        raise ExtractionError(f"the PDF is damaged and cannot be read ({type(error).__name__}); ask for a new copy") from error
    blocks = tuple(_line_blocks(pages))
    if sum(len(b.text.strip()) for b in blocks) < _MIN_TEXT_CHARS:
        raise ExtractionError("the PDF has no text layer (a scan or image); handle it manually or ask for a text PDF")
    return Document(Path(path), relative_source, blocks, metadata, links, sha256)


def _opens_without_password(reader) -> bool:
    # Some PDFs are "encrypted" with an empty user password only to restrict printing.
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 - any failure means we cannot read it
        return False


def _line_blocks(pages: list[str]):
    for page in pages:
        for line in page.splitlines():
            text = line.strip()
            if not text:
                continue
            if _BULLET.match(text):
                yield Block("list_item", _BULLET.sub("", text))
            else:
                yield Block("paragraph", text)


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
