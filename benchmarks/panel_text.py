"""Everything a reader (or a curious panel member) can get out of a file: text, properties, link targets.

DOCX files are swept part by part (body, headers, footers, text boxes, footnotes,
comments), so nothing the tool left anywhere in the package is missed.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W_NS}}}"
_ALT_TEXT_ATTRS = ("descr", "title", "alt")


def docx_text(path: Path) -> str:
    """All text of a DOCX: every part's paragraphs, alt texts, hyperlink targets and core properties."""
    import docx
    from lxml import etree

    document = docx.Document(str(path))
    chunks: list[str] = []
    for part in document.part.package.iter_parts():
        content_type = getattr(part, "content_type", "")
        if "xml" not in content_type or "relationships" in content_type:
            continue
        element = getattr(part, "_element", None)
        if element is None:
            try:
                element = etree.fromstring(part.blob)
            except (etree.XMLSyntaxError, ValueError):
                continue
        for paragraph in element.iter(f"{_W}p"):
            texts = [t.text or "" for t in paragraph.iter(f"{_W}t", f"{_W}delText", f"{_W}instrText")]
            if texts:
                chunks.append("".join(texts))
        for node in element.iter():
            if not isinstance(node.tag, str):
                continue
            for attr in _ALT_TEXT_ATTRS:
                value = node.get(attr)
                if value and node.tag.endswith("}docPr"):
                    chunks.append(value)
        if not content_type.endswith("wordprocessingml.document.main+xml") and "wordprocessingml" not in content_type:
            # Core, app and custom properties: every element's text.
            chunks.extend(t.strip() for t in element.itertext() if t.strip())
        for rel in part.rels.values():
            if rel.is_external:
                chunks.append(rel.target_ref)
    props = document.core_properties
    for value in (props.author, props.title, props.subject, props.keywords, props.comments, props.last_modified_by,
                  props.category, props.identifier):
        if value:
            chunks.append(value)
    return "\n".join(chunks)


def pdf_text(path: Path) -> str:
    """All text of a PDF: page text, document information and link targets."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    chunks: list[str] = []
    for page in reader.pages:
        chunks.append(page.extract_text() or "")
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and action.get_object().get("/URI"):
                chunks.append(str(action.get_object()["/URI"]))
    info = reader.metadata or {}
    chunks.extend(str(v) for v in info.values() if v)
    return "\n".join(chunks)


def plain_text(path: Path) -> str:
    """Text of a .md/.txt/.html/.csv/.json file (HTML tags dropped, attributes kept for links)."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() in (".html", ".htm"):
        links = re.findall(r"""(?:href|src|alt|title)\s*=\s*["']([^"']*)["']""", raw, re.IGNORECASE)
        raw = html.unescape(re.sub(r"<[^>]+>", " ", raw)) + "\n" + "\n".join(links)
    return raw


def file_text(path: Path) -> str:
    """Everything readable in a file, plus its name."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        body = docx_text(path)
    elif suffix == ".pdf":
        body = pdf_text(path)
    else:
        body = plain_text(path)
    return f"{path.name}\n{body}"
