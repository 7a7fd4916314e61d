"""A small, format-neutral model of an application document, rendered to DOCX or PDF.

Layouts build these; render_docx.py and render_pdf.py turn them into files, so a DOCX and
a PDF of the same application carry the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class Run:
    """A stretch of text with one look; ``link`` makes it a hyperlink to that target."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str = ""


@dataclass(frozen=True)
class Para:
    """A paragraph: title, subtitle, heading, body, bullet, small or right (right-aligned)."""

    runs: tuple[Run, ...]
    style: str = "body"

    @property
    def text(self) -> str:
        """The paragraph's plain text."""
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Table:
    """A grid of plain-text cells ("\\n" separates paragraphs in a cell)."""

    rows: tuple[tuple[str, ...], ...]
    header: bool = False          # first row is a header row
    label_column: bool = False    # first column holds labels (bold)
    widths: tuple[float, ...] = ()  # relative column widths
    borders: bool = True


@dataclass(frozen=True)
class TextBox:
    """A floating text box (DOCX) or a framed block (PDF)."""

    paras: tuple[Para, ...]


@dataclass(frozen=True)
class Columns:
    """A two-column page: a narrow side column and a main column."""

    side: tuple["Item", ...]
    main: tuple["Item", ...]
    side_width: float = 0.34


Item = Union[Para, Table, TextBox, Columns]


@dataclass(frozen=True)
class Application:
    """A whole document: body, page header and footer, and its document properties."""

    body: tuple[Item, ...]
    header: tuple[Item, ...] = ()
    footer: tuple[Item, ...] = ()
    properties: dict[str, str] = field(default_factory=dict)  # author, title, subject


def para(text: str, style: str = "body", bold: bool = False, link: str = "") -> Para:
    """A paragraph of one run."""
    return Para((Run(text, bold=bold, link=link),), style)


def item_texts(item: Item) -> list[str]:
    """Every plain text of an item, for checks and tests."""
    if isinstance(item, Para):
        return [item.text]
    if isinstance(item, Table):
        return [cell for row in item.rows for cell in row]
    if isinstance(item, TextBox):
        return [p.text for p in item.paras]
    return [t for sub in item.side + item.main for t in item_texts(sub)]
