"""Turn an input file into a Document, or explain in one sentence why it cannot be read."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path

from blindrec.extract.limits import Limits, over_limit
from blindrec.model import Block, Document


class ExtractionError(Exception):
    """An input that cannot be read; the message is a reason HR can act on."""


SUPPORTED_SUFFIXES = (".pdf", ".docx")

# The first bytes of a file say what it really is, whatever its name claims.
_MAGIC = (
    (b"%PDF", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"{\\rtf", "rtf"),
)


def sniff(head: bytes) -> str:
    """The kind of file these first bytes belong to, or 'unknown'."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    return "unknown"


# Characters XML 1.0 cannot hold (C0 controls but tab, newline and return; lone surrogates;
# U+FFFE/U+FFFF), and the C1 controls, which no reader sees. A pack is XML, so one of these in
# a PDF's text stopped the whole batch while writing packs ("All strings must be XML compatible").
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """The text with every character XML cannot hold replaced by a space (they often separate words)."""
    return _NOT_XML.sub(" ", text)


def extract_document(path: Path, relative_source: str, limits: Limits = Limits()) -> Document:
    """Read a PDF or DOCX application into a Document with only XML-safe text, within ``limits``."""
    document = _read(path, relative_source, limits)
    document = _xml_safe_document(document)
    characters = sum(len(s) for block in document.blocks for s in block.segments)
    if characters > limits.characters:
        raise ExtractionError(over_limit("its text", characters, "characters", limits.characters, " characters"))
    if not any(s.strip() for block in document.blocks for s in block.segments):
        raise ExtractionError("no text could be read from it (it may hold only images or embedded objects); "
                              "handle it manually or ask for a copy with text")
    return document


def _xml_safe_document(document: Document) -> Document:
    blocks = tuple(Block(b.kind, xml_safe(b.text), tuple(xml_safe(c) for c in b.cells), b.level, b.region)
                   for b in document.blocks)
    metadata = {key: xml_safe(value) for key, value in document.metadata.items()}
    return dataclasses.replace(document, blocks=blocks, metadata=metadata,
                               hyperlinks=tuple(xml_safe(h) for h in document.hyperlinks))


def _read(path: Path, relative_source: str, limits: Limits) -> Document:
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise ExtractionError(f"cannot read the file ({error.strerror or error}); check it exists and HR can open it") from error
    if not raw:
        raise ExtractionError("the file is empty (0 bytes); ask for a new copy")
    kind = sniff(raw[:16])
    suffix = Path(path).suffix.lower()
    sha256 = hashlib.sha256(raw).hexdigest()
    if kind == "pdf":
        from blindrec.extract.pdf import read_pdf

        return read_pdf(raw, path, relative_source, sha256, limits)
    if kind == "zip" and suffix != ".pdf":
        from blindrec.extract.docx import read_docx

        return read_docx(raw, path, relative_source, sha256, limits)
    raise ExtractionError(_unsupported_reason(kind, suffix))


def _unsupported_reason(kind: str, suffix: str) -> str:
    if kind == "ole":
        return ("a Word 97-2003 (.doc) file or a password-protected Word document; "
                "save it as an unprotected .docx or PDF and run again")
    if kind in ("png", "jpeg", "gif", "tiff"):
        return f"an image ({kind.upper()}) named {suffix or 'without an extension'}, not a document; handle it manually"
    if kind == "rtf":
        return "a Rich Text (.rtf) file; save it as .docx or PDF and run again"
    if suffix == ".pdf":
        return "not a valid PDF (it does not start with a PDF header); ask for a new copy"
    return f"not a readable {suffix or 'document'} file; save it as .docx or PDF and run again"
