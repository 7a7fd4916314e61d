"""CSV that a spreadsheet opens as data: no cell starts a formula (CSV injection).

Every CSV blindrec writes goes through ``safe_cell`` (or ``safe_writer``), and every CSV it
reads back through ``read_cell``, so a value survives the round trip unchanged.
"""

from __future__ import annotations

import csv
from typing import IO, Any, Iterable, Sequence

# Leading characters that make Excel, LibreOffice or Google Sheets read a cell as a formula
# (or, for tab and carriage return, hide one), with their full-width and small forms.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫")
_QUOTE = "'"


def _needs_quote(text: str) -> bool:
    # A value that already starts with ' before a formula gets one more, so reading undoes exactly one.
    bare = text.lstrip(_QUOTE)
    return bare.startswith(FORMULA_START) or bare.lstrip().startswith(FORMULA_START)


def safe_cell(text: Any) -> str:
    """The cell with a leading ' when a spreadsheet would otherwise run it (or when it already has one)."""
    text = "" if text is None else str(text)
    return _QUOTE + text if _needs_quote(text) else text


def read_cell(text: str) -> str:
    """A cell written by ``safe_cell`` back as the value it was made from."""
    if text.startswith(_QUOTE) and _needs_quote(text[1:]):
        return text[1:]
    return text


class SafeWriter:
    """``csv.writer`` whose every cell goes through ``safe_cell``."""

    def __init__(self, handle: IO[str], **options: Any) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Sequence[Any]) -> Any:
        """Write one row, every cell made safe."""
        return self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Sequence[Any]]) -> None:
        """Write rows, every cell made safe."""
        for row in rows:
            self.writerow(row)


def safe_writer(handle: IO[str], **options: Any) -> SafeWriter:
    """A CSV writer for ``handle`` that neutralises formula starts in every cell."""
    return SafeWriter(handle, **options)
