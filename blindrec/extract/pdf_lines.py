"""PDF text lines back into paragraphs and list items.

pypdf gives a PDF's text as the lines the page shows, so every wrapped line would become a
paragraph of its own ("...and would like" / "to be considered for it.") and a PDF sender's
pack would read worse than a DOCX sender's. A line continues the one before when that one
runs (nearly) to the page's usual line length and does not end a sentence, or when the next
line starts in lower case. Short lines (names, contact details, address lines, headings)
never join: they are what detection reads line by line.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator, Sequence

from blindrec.model import Block

# Bullets as PDFs carry them, including Word's Symbol and Wingdings ones (private-use
# characters that would show as boxes in a pack).
BULLET = re.compile(r"^\s*(?:[\u2022\u25cf\u25aa\u25e6\u2023\u2043\u2013\u2014\u00b7\-\*]\s+|[\uf0b7\uf0a7\uf0d8\uf076\uf0fc]\s*)")

# A line this share of the page's usual full line length or more was wrapped by the layout.
_FULL_LINE_SHARE = 0.7
# The usual full line: this quantile of the page's line lengths (robust to one long line).
_FULL_LINE_QUANTILE = 0.9
# Pages with fewer lines than this have no usual line length to go by.
_MIN_LINES_FOR_LENGTH = 6
_MID_PHRASE_END = re.compile(r"(?:,|\b[a-z]{1,4})$")
_JOINING_END = re.compile(r"(?:,|\b(?:and|or|but|that|which|as|where|when))$")
_CONTINUATION_START = re.compile(r"^[a-z(,;–-]")
_LOOKS_LIKE_FIELD = re.compile(r"@|\d{3}|^\S+:\s")


def page_blocks(pages: Iterable[str]) -> Iterator[Block]:
    """Paragraph and list-item blocks for each page's text, wrapped lines re-joined."""
    for page in pages:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        yield from _join(lines, _full_line_length(lines))


def _full_line_length(lines: Sequence[str]) -> int:
    if len(lines) < _MIN_LINES_FOR_LENGTH:
        return 0
    lengths = sorted(len(line) for line in lines)
    return lengths[min(len(lengths) - 1, int(len(lengths) * _FULL_LINE_QUANTILE))]


def _join(lines: Sequence[str], full_length: int) -> Iterator[Block]:
    current: Block | None = None
    previous_line = ""
    for line in lines:
        bullet = BULLET.match(line)
        if current is not None and not bullet and _continues(previous_line, line, full_length):
            current = Block(current.kind, f"{current.text} {line}", (), current.level, current.region)
        else:
            if current is not None:
                yield current
            current = Block("list_item", BULLET.sub("", line)) if bullet else Block("paragraph", line)
        previous_line = line
    if current is not None:
        yield current


def _continues(previous: str, line: str, full_length: int) -> bool:
    """Whether ``line`` is the wrapped rest of the paragraph that ``previous`` is part of."""
    if not full_length or len(previous) < full_length * _FULL_LINE_SHARE:
        return False
    if _LOOKS_LIKE_FIELD.search(line) and not _CONTINUATION_START.match(line):
        return False  # "Email: ...", a phone number or a date row starts a new line
    if _CONTINUATION_START.match(line):
        return True
    # A capital after a line that stops mid-phrase ("... with" / "County Council") continues
    # it; after any other word it more likely starts a heading or a new item.
    if line.startswith("I "):  # "... for it" / "I give ...": a new sentence unless clearly joined
        return bool(_JOINING_END.search(previous))
    return bool(_MID_PHRASE_END.search(previous)) and not line.isupper()
