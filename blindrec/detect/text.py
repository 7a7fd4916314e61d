"""A document's text joined into one string, with a map back to blocks and cells.

Detection works on the joined text (NER needs sentences in context, propagation needs the
whole document); redaction maps spans back to the block or table cell they fall in.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from blindrec.model import Document

CELL_SEPARATOR = " | "
BLOCK_SEPARATOR = "\n"


@dataclass(frozen=True)
class Segment:
    """Where one block's text, or one table cell's, sits in the joined text."""

    block_index: int
    cell_index: int
    start: int
    end: int


@dataclass(frozen=True)
class DocumentText:
    """The joined text of a document and where each segment of it came from."""

    text: str
    segments: tuple[Segment, ...]


def join_document(document: Document) -> DocumentText:
    """Join every block (and every table cell) of a document into one text."""
    parts: list[str] = []
    segments: list[Segment] = []
    offset = 0
    for block_index, block in enumerate(document.blocks):
        if parts:
            parts.append(BLOCK_SEPARATOR)
            offset += len(BLOCK_SEPARATOR)
        for cell_index, segment_text in enumerate(block.segments):
            # NFC so an accent typed as a combining mark folds like a precomposed one.
            segment_text = unicodedata.normalize("NFC", segment_text)
            if cell_index:
                parts.append(CELL_SEPARATOR)
                offset += len(CELL_SEPARATOR)
            parts.append(segment_text)
            segments.append(Segment(block_index, cell_index, offset, offset + len(segment_text)))
            offset += len(segment_text)
    return DocumentText("".join(parts), tuple(segments))
