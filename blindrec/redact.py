"""Spans to a redacted document: placeholders replace text, segment by segment."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

from blindrec.detect.text import DocumentText
from blindrec.model import Block, CandidateEvidence, Document, RedactedDocument, Span


def resolve_overlaps(spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans: where two overlap, the wider one wins, then the likelier one."""
    ordered = sorted(spans, key=lambda s: (-(s.end - s.start), -s.score, s.start))
    taken: list[Span] = []
    for span in ordered:
        if all(span.end <= t.start or span.start >= t.end for t in taken):
            taken.append(span)
    return sorted(taken, key=lambda s: s.start)


def merge_adjacent(spans: list[Span], text: str) -> list[Span]:
    """Join neighbouring spans with the same placeholder ("[CANDIDATE] [CANDIDATE]" reads as one)."""
    merged: list[Span] = []
    for span in spans:
        if merged and merged[-1].placeholder == span.placeholder and span.placeholder \
                and _only_joiners(text[merged[-1].end:span.start]):
            last = merged[-1]
            merged[-1] = Span(last.start, span.end, last.entity, last.placeholder, max(last.score, span.score), last.signal)
        else:
            merged.append(span)
    return merged


def _only_joiners(gap: str) -> bool:
    return len(gap) <= 3 and all(ch in " \t,.-'’" for ch in gap) and "\n" not in gap


def redact_document(document: Document, joined: DocumentText, spans: list[Span],
                    warnings: tuple[str, ...] = (), found: dict | None = None,
                    evidence: CandidateEvidence | None = None) -> RedactedDocument:
    """Replace every span in a document's blocks by its placeholder."""
    spans = merge_adjacent(resolve_overlaps(spans), joined.text)
    new_segments: dict[int, list[str]] = {}
    for segment in joined.segments:
        inside = [s for s in spans if s.start < segment.end and s.end > segment.start]
        text = _apply(joined.text, segment.start, segment.end, inside)
        new_segments.setdefault(segment.block_index, []).append(text)
    blocks = tuple(block.with_segments(tuple(new_segments[i])) for i, block in enumerate(document.blocks))
    blocks = tuple(b for b in blocks if any(seg.strip() for seg in b.segments))
    counts = Counter(s.entity for s in spans)
    return RedactedDocument(document.relative_source, document.sha256, blocks, dict(counts),
                            warnings, found or {}, evidence or CandidateEvidence())


def redact_text(text: str, spans: list[Span]) -> str:
    """Replace spans in a plain text (ATS free-text cells, for example)."""
    spans = merge_adjacent(resolve_overlaps(spans), text)
    return _apply(text, 0, len(text), spans)


def _apply(text: str, start: int, end: int, spans: list[Span]) -> str:
    out: list[str] = []
    cursor = start
    for span in spans:
        span_start, span_end = max(span.start, start), min(span.end, end)
        if span_start < cursor:
            continue
        out.append(text[cursor:span_start])
        out.append(span.placeholder)
        cursor = span_end
        # A dropped title ("Mr ") takes its following space with it.
        if not span.placeholder:
            while cursor < end and text[cursor] in " \t":
                cursor += 1
    out.append(text[cursor:end])
    return "".join(out)
