"""The text of an HTML part (a DOCX altChunk) as blocks, with the standard library's html.parser."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Iterator

from blindrec.model import Block

_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCK_TAGS = {"p", "div", "li", "blockquote", "pre", "address", "section", "article", "header", "footer",
               "dt", "dd", "caption", "body", *_HEADINGS}
_HIDDEN = {"script", "style", "head", "title", "template"}
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""")


def html_blocks(raw: bytes, region: str = "body") -> Iterator[Block]:
    """Headings, paragraphs, list items and table rows of an HTML document, in order."""
    reader = _BlockReader(region)
    reader.feed(_decode(raw))
    reader.close()
    yield from reader.blocks


def _decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    found = _CHARSET.search(raw[:4096])
    try:
        return raw.decode(found.group(1).decode("ascii") if found else "utf-8-sig", errors="replace")
    except LookupError:  # a charset Python does not know
        return raw.decode("utf-8", errors="replace")


class _BlockReader(HTMLParser):
    """Collects visible text into blocks; table cells gather into one row block."""

    def __init__(self, region: str) -> None:
        super().__init__(convert_charrefs=True)
        self.region = region
        self.blocks: list[Block] = []
        self._text: list[str] = []
        self._kind, self._level = "paragraph", 0
        self._hidden = 0
        self._cells: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag == "br":
            self._text.append("\n")
        elif tag == "tr":
            self._flush()
            self._cells = []
        elif tag in ("td", "th"):
            self._flush()
        elif tag in _BLOCK_TAGS:
            self._flush()
            self._kind = "heading" if tag in _HEADINGS else "list_item" if tag == "li" else "paragraph"
            self._level = _HEADINGS.get(tag, 0)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br":
            self._text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in ("td", "th"):
            self._flush()
        elif tag == "tr":
            self._flush()
            if self._cells and any(self._cells):
                self.blocks.append(Block("table_row", "", tuple(self._cells), 0, self.region))
            self._cells = None
        elif tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        lines = (" ".join(line.split()) for line in "".join(self._text).split("\n"))
        text = "\n".join(line for line in lines if line)
        self._text = []
        if self._cells is not None:
            if text:
                self._cells.append(text)
        elif text:
            self.blocks.append(Block(self._kind, text, (), self._level, self.region))
        self._kind, self._level = "paragraph", 0
