"""What kind of document a pack section is, so every pack reads in the same order.

The label comes from a fixed vocabulary (CV, cover letter, ...), never from the file
name's other words, so nothing about the candidate reaches the panel through it.
"""

from __future__ import annotations

import re
from typing import Sequence

from blindrec.model import Block

APPLICATION_FORM = "Application form"
CV = "CV"
COVER_LETTER = "Cover letter"
SUPPORTING_STATEMENT = "Supporting statement"
OTHER = "Document"

# The order a panel reads a candidate's documents in, the same for everyone.
KIND_ORDER = (APPLICATION_FORM, CV, COVER_LETTER, SUPPORTING_STATEMENT, OTHER)

_FILE_WORDS = (
    (COVER_LETTER, re.compile(r"cover(?:ing)?[\s_-]*letter|(?:^|[\W_])(?:letter|cover)(?:$|[\W_])", re.I)),
    (SUPPORTING_STATEMENT, re.compile(r"statement|supporting", re.I)),
    (APPLICATION_FORM, re.compile(r"application|(?:^|[\W_])form(?:$|[\W_])", re.I)),
    (CV, re.compile(r"(?:^|[\W_])(?:cv|resume|résumé|curriculum)(?:$|[\W_])", re.I)),
)

_CONTENT_WORDS = (
    (APPLICATION_FORM, re.compile(r"\bapplication (?:form|for employment)\b|\bpart [a-f]\b|\bsection 1\b", re.I)),
    (SUPPORTING_STATEMENT, re.compile(r"\bsupporting (?:statement|information)\b|\bperson specification\b", re.I)),
    (COVER_LETTER, re.compile(r"^\s*dear\b|\byours (?:sincerely|faithfully)\b", re.I | re.M)),
    (CV, re.compile(r"\b(?:curriculum vitae|work experience|employment history|professional experience|"
                    r"education|key skills|profile)\b", re.I)),
)

# Only the opening of a document says what it is; a CV may mention "application" later.
_OPENING_BLOCKS = 12


def document_kind(relative_source: str, blocks: Sequence[Block]) -> str:
    """The kind of a document, from its file name's kind words, else its opening text."""
    file_name = relative_source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    for kind, pattern in _FILE_WORDS:
        if pattern.search(file_name):
            return kind
    opening = "\n".join(segment for block in blocks[:_OPENING_BLOCKS] for segment in block.segments)
    for kind, pattern in _CONTENT_WORDS:
        if pattern.search(opening):
            return kind
    return OTHER


def kind_rank(kind: str) -> int:
    """Where a kind sits in KIND_ORDER (unknown kinds last)."""
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)
