"""Plain, frozen dataclasses that flow between the pipeline stages.

files -> Document -> (Document, spans) -> RedactedDocument -> packs and HR reports
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping


@dataclass(frozen=True)
class Block:
    """One unit of a document a reader sees: a heading, a paragraph, a list item or a table row.

    Table rows carry their cells; every other kind carries text. ``region`` says where in
    the page it came from (body, header, footer, textbox, footnote) so packs can keep order.
    """

    kind: str  # "heading" | "paragraph" | "list_item" | "table_row"
    text: str = ""
    cells: tuple[str, ...] = ()
    level: int = 0
    region: str = "body"

    @property
    def segments(self) -> tuple[str, ...]:
        """The separately redactable texts of the block: its cells, or its text."""
        return self.cells if self.kind == "table_row" else (self.text,)

    def with_segments(self, segments: tuple[str, ...]) -> "Block":
        """The same block with new segment texts (used by redaction)."""
        if self.kind == "table_row":
            return Block(self.kind, "", tuple(segments), self.level, self.region)
        return Block(self.kind, segments[0], (), self.level, self.region)


@dataclass(frozen=True)
class Document:
    """An extracted application: its readable blocks plus signals that never reach a panel."""

    source: Path
    relative_source: str
    blocks: tuple[Block, ...]
    # Core properties (author, title, ...) and hyperlink targets: used only as detection
    # signals, never copied to the panel.
    metadata: Mapping[str, str] = field(default_factory=dict)
    hyperlinks: tuple[str, ...] = ()
    sha256: str = ""


@dataclass(frozen=True)
class Span:
    """A stretch of a document's joined text to replace, with the entity type it holds."""

    start: int
    end: int
    entity: str
    placeholder: str
    score: float = 1.0
    signal: str = ""  # which detector found it, for the HR report


@dataclass(frozen=True)
class Failure:
    """An input that could not be turned into a panel pack, with a reason HR can act on."""

    relative_source: str
    reason: str


@dataclass(frozen=True)
class CandidateName:
    """One sighting of the candidate's name, as fold keys in reading order, and the signal that saw it."""

    words: tuple[str, ...]
    signal: str


@dataclass(frozen=True)
class CandidateEvidence:
    """What a document says about whose it is: grouping's only input besides file names.

    Names come from name evidence only (a heading, a form label, a sign-off), never from a
    place, an organisation, a mailbox, a generic author or a file name. Contact details are
    those outside the references; grouping decides which of them are the candidate's own.
    """

    names: tuple[CandidateName, ...] = ()
    emails: tuple[str, ...] = ()          # casefolded
    named_emails: tuple[str, ...] = ()    # those whose local part spells a name word
    phones: tuple[str, ...] = ()          # last ten digits
    ni_numbers: tuple[str, ...] = ()      # compact, upper case
    dates_of_birth: tuple[str, ...] = ()  # ISO where the date could be read
    folder: str = ""                      # sub-folder of the batch, "" at its top
    file_words: tuple[str, ...] = ()      # fold keys of the file name's words (corroboration only)


@dataclass(frozen=True)
class RedactedDocument:
    """A document with every identifier replaced: the only text that may reach a panel."""

    relative_source: str
    sha256: str
    blocks: tuple[Block, ...]
    redaction_counts: Mapping[str, int]
    warnings: tuple[str, ...] = ()
    # Identifiers found in the source, kept for HR-side verification only; never written
    # to the panel and never printed.
    found_identifiers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Whose document this is, for grouping (HR side only, like found_identifiers).
    evidence: CandidateEvidence = field(default_factory=CandidateEvidence)
