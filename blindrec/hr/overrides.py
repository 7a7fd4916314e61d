"""hr/overrides.yaml: HR's corrections to what blindrec redacted, applied on the next run.

    C-7K2Q:                       # a candidate ID from hr/key.csv
      redact:
        - Ludlow Rugby Club       # a string: whole words, any case, any accents
        - pattern: 'Project \\w+'  # a regular expression
          placeholder: "[PROJECT]"  # optional; [REDACTED] by default
      keep:
        - Excel                   # a word blindrec took for a name but is not one
    all:                          # applies to every candidate
      redact: [Ludlow]
    join:                         # documents that are one candidate's (file names from hr/key.csv)
      - [CV - Jo Bloggs.docx, letter.pdf]
    split:                        # documents that each stand alone, whatever they share
      - statement.docx

``redact`` is applied to the redacted text, so it can only take more out. ``keep``
restores a string where blindrec replaced exactly that text, found by lining the redacted
block up with the source block; where the two cannot be lined up with certainty (a block
whose other words changed, such as a pronoun rewritten), nothing is restored. Contact
details and numbers (email, phone, postcode, NI number, date of birth) are never restored.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import yaml

from blindrec.detect.fold import fold, fold_key
from blindrec.entities import NEVER_KEPT_KINDS
from blindrec.model import Block, Document, RedactedDocument
from blindrec.settings import Settings, SettingsError

OVERRIDES_FILE = "overrides.yaml"
ALL_CANDIDATES = "all"
JOIN, SPLIT = "join", "split"
DEFAULT_PLACEHOLDER = "[REDACTED]"
HR_OVERRIDE = "HR_OVERRIDE"
PLACEHOLDER = re.compile(r"\[[A-Z][A-Z ]*[A-Z](?: \d+)?\]")
# Identifiers no HR correction brings back: they identify a person whatever the context.
_NEVER_KEPT = NEVER_KEPT_KINDS
# What a never-kept identifier looks like: a 'keep' of this shape is refused when the file is read.
_NEVER_KEPT_SHAPES = {
    "an email address": re.compile(r"\S@\S"),
    "a phone number": re.compile(r"(?:\d[\s().+-]*){9,}"),
    "a postcode": re.compile(r"(?i)\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"),
    "an NI number": re.compile(r"(?i)\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b"),
    "a date": re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"),
}
# Lining up a block with many placeholders could take long; such blocks are left as they are.
_MAX_ALIGNED_PLACEHOLDERS = 12


class OverridesError(SettingsError):
    """An overrides file that cannot be used; the message names the file and what to fix."""


@dataclass(frozen=True)
class RedactRule:
    """One extra thing to redact: a literal string or a regular expression, and its placeholder."""

    pattern: re.Pattern
    literal: bool
    placeholder: str = DEFAULT_PLACEHOLDER


@dataclass(frozen=True)
class CandidateOverrides:
    """HR's corrections for one candidate."""

    redact: tuple[RedactRule, ...] = ()
    keep: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.redact or self.keep)


@dataclass(frozen=True)
class Overrides:
    """Every candidate's corrections, and the file's hash for the audit log."""

    by_candidate: Mapping[str, CandidateOverrides] = field(default_factory=dict)
    sha256: str = ""
    joins: tuple[tuple[str, ...], ...] = ()  # lists of documents that are one candidate's
    splits: tuple[str, ...] = ()             # documents that each stand alone

    def for_candidate(self, candidate_id: str) -> CandidateOverrides:
        """The corrections for one candidate, with those for all candidates."""
        own = self.by_candidate.get(candidate_id, CandidateOverrides())
        common = self.by_candidate.get(ALL_CANDIDATES, CandidateOverrides())
        return CandidateOverrides(common.redact + own.redact, common.keep + own.keep)


def load_overrides(out_dir: Path) -> Overrides:
    """DIR/hr/overrides.yaml, or no overrides when there is no such file."""
    path = Path(out_dir) / "hr" / OVERRIDES_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Overrides()
    except OSError as error:
        raise OverridesError(f"{path}: cannot be read ({error.strerror}); check its permissions.") from error
    try:
        parsed = yaml.safe_load(raw) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise OverridesError(f"{path}: not valid YAML{where}; fix the file and run again.") from error
    if not isinstance(parsed, Mapping):
        raise OverridesError(f"{path}: must map candidate IDs to 'redact' and 'keep' lists; see docs/hr-workflow.md.")
    joins, splits = _joins(path, parsed.get(JOIN)), _splits(path, parsed.get(SPLIT))
    by_candidate = {str(cid): _candidate_overrides(path, str(cid), entry) for cid, entry in parsed.items()
                    if cid not in (JOIN, SPLIT)}
    return Overrides(by_candidate, hashlib.sha256(raw).hexdigest(), joins, splits)


def _joins(path: Path, value: Any) -> tuple[tuple[str, ...], ...]:
    """'join': a list of lists of two or more file names."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(g, list) and len(g) >= 2 for g in value):
        raise OverridesError(f"{path}: 'join' must be a list of lists of two or more file names "
                             f"(e.g. join: [[cv.docx, letter.pdf]]); fix the file.")
    return tuple(tuple(str(name).strip() for name in group) for group in value)


def _splits(path: Path, value: Any) -> tuple[str, ...]:
    """'split': a list of file names."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(name, (str, int, float)) for name in value):
        raise OverridesError(f"{path}: 'split' must be a list of file names (e.g. split: [statement.docx]); "
                             f"fix the file.")
    return tuple(str(name).strip() for name in value)


def _candidate_overrides(path: Path, candidate_id: str, entry: Any) -> CandidateOverrides:
    entry = entry or {}
    if not isinstance(entry, Mapping) or set(entry) - {"redact", "keep"}:
        raise OverridesError(f"{path}: {candidate_id} may only have 'redact' and 'keep' lists; fix the file.")
    redact = tuple(_redact_rule(path, candidate_id, item) for item in _as_list(path, candidate_id, entry, "redact"))
    keep = tuple(str(item).strip() for item in _as_list(path, candidate_id, entry, "keep") if str(item).strip())
    for text in keep:
        for shape, pattern in _NEVER_KEPT_SHAPES.items():
            if pattern.search(text):
                raise OverridesError(f"{path}: {candidate_id}: 'keep: {text}' looks like {shape}, which is never "
                                     f"put back; remove it from the file.")
    return CandidateOverrides(redact, keep)


def check_candidate_ids(overrides: Overrides, known_ids: Iterable[str], path: Path) -> None:
    """OverridesError when hr/overrides.yaml names a candidate ID that hr/key.csv does not hold."""
    unknown = sorted(set(overrides.by_candidate) - {ALL_CANDIDATES} - set(known_ids))
    if unknown:
        raise OverridesError(f"{path}: no candidate {', '.join(unknown)} in hr/key.csv; correct the ID "
                             f"(as on the panel's pack) or use 'all'.")


def check_kept(packs: Sequence, overrides: Overrides) -> None:
    """OverridesError when a 'keep' would put back a candidate's contact detail or number (never kept)."""
    for pack in packs:
        keep = {fold_key(text): text for text in overrides.for_candidate(pack.candidate_id).keep}
        for document in pack.documents if keep else ():
            for kind in _NEVER_KEPT:
                for value in document.found_identifiers.get(kind, ()):
                    if fold_key(value) in keep:
                        raise OverridesError(f"hr/{OVERRIDES_FILE}: {pack.candidate_id}: 'keep: {keep[fold_key(value)]}' "
                                             f"is the candidate's {kind.lower().replace('_', ' ')}, which is never "
                                             f"put back; remove it from the file (panel/ was not changed).")


def _as_list(path: Path, candidate_id: str, entry: Mapping, key: str) -> list:
    value = entry.get(key) or []
    if not isinstance(value, list):
        raise OverridesError(f"{path}: {candidate_id}: '{key}' must be a list (lines starting '- '); fix the file.")
    return value


def _redact_rule(path: Path, candidate_id: str, item: Any) -> RedactRule:
    if isinstance(item, (str, int, float)):
        text = str(item).strip()
        if len(text) < 2:
            raise OverridesError(f"{path}: {candidate_id}: a string to redact needs at least 2 characters.")
        return RedactRule(_literal_pattern(text), True)
    if not isinstance(item, Mapping) or not (("text" in item) ^ ("pattern" in item)):
        raise OverridesError(f"{path}: {candidate_id}: each 'redact' entry is a string, or has 'text' or "
                             f"'pattern' (and optionally 'placeholder'); fix the file.")
    placeholder = str(item.get("placeholder") or DEFAULT_PLACEHOLDER)
    if not PLACEHOLDER.fullmatch(placeholder):
        raise OverridesError(f"{path}: {candidate_id}: placeholder {placeholder!r} must look like [CAPITALS], "
                             f"for example [PROJECT]; fix the file.")
    if "text" in item:
        return RedactRule(_literal_pattern(str(item["text"]).strip()), True, placeholder)
    try:
        pattern = re.compile(str(item["pattern"]))
    except re.error as error:
        raise OverridesError(f"{path}: {candidate_id}: pattern {item['pattern']!r} is not a valid regular "
                             f"expression ({error}); fix the file.") from error
    if pattern.search(""):
        raise OverridesError(f"{path}: {candidate_id}: pattern {item['pattern']!r} matches empty text; fix the file.")
    return RedactRule(pattern, False, placeholder)


def _literal_pattern(text: str) -> re.Pattern:
    return re.compile(r"(?<![\w])" + re.escape(fold(text)) + r"(?![\w])", re.IGNORECASE)


def apply_overrides(redacted: RedactedDocument, candidate_id: str, overrides: Overrides, settings: Settings,
                    original: Document | None = None) -> RedactedDocument:
    """A redacted document with HR's corrections: kept strings restored, extra strings redacted."""
    corrections = overrides.for_candidate(candidate_id)
    if not corrections:
        return redacted
    keep = _keepable(corrections.keep, redacted.found_identifiers)
    blocks, restored = (restore_kept(redacted.blocks, original.blocks, keep)
                        if keep and original is not None else (redacted.blocks, []))
    blocks, removed = redact_extra(blocks, corrections.redact)
    counts = _recount(redacted.redaction_counts, restored, len(removed), settings)
    found = _without_kept(redacted.found_identifiers, [text for _, text in restored])
    if removed:
        found[HR_OVERRIDE] = tuple(sorted(set(found.get(HR_OVERRIDE, ())) | set(removed)))
    return replace(redacted, blocks=blocks, redaction_counts=counts, found_identifiers=found)


def _keepable(keep: Sequence[str], found: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    protected = {fold_key(v) for kind in _NEVER_KEPT for v in found.get(kind, ())}
    return tuple(k for k in keep if fold_key(k) not in protected)


def restore_kept(redacted: Sequence[Block], original: Sequence[Block],
                 keep: Sequence[str]) -> tuple[tuple[Block, ...], list[tuple[str, str]]]:
    """Blocks with each placeholder that replaced exactly a kept string turned back into it."""
    wanted = {fold_key(k) for k in keep}
    source = [block.with_segments(tuple(unicodedata.normalize("NFC", s) for s in block.segments))
              for block in original]
    restored: list[tuple[str, str]] = []
    blocks: list[Block] = []
    cursor = 0
    for block in redacted:
        match = _aligned_block(block, source, cursor)
        if match is None or not any(PLACEHOLDER.search(s) for s in block.segments):
            blocks.append(block)
            cursor = match + 1 if match is not None else cursor
            continue
        segments = []
        for text, before in zip(block.segments, source[match].segments):
            new_text, done = _restore_segment(text, before, wanted)
            segments.append(new_text)
            restored += done
        blocks.append(block.with_segments(tuple(segments)))
        cursor = match + 1
    return tuple(blocks), restored


def _aligned_block(block: Block, source: Sequence[Block], start: int) -> int | None:
    for index in range(start, len(source)):
        candidate = source[index]
        if candidate.kind == block.kind and len(candidate.segments) == len(block.segments) and all(
                _alignment(after, before) is not None for after, before in zip(block.segments, candidate.segments)):
            return index
    return None


def _alignment(redacted: str, original: str) -> re.Match | None:
    """How a redacted segment lines up with its source: one group per placeholder, or None."""
    placeholders = PLACEHOLDER.findall(redacted)
    if len(placeholders) > _MAX_ALIGNED_PLACEHOLDERS:
        return None
    pieces = PLACEHOLDER.split(redacted)
    pattern = "(.+?)".join(re.escape(piece) for piece in pieces)
    return re.fullmatch(pattern, original, re.DOTALL)


def _restore_segment(redacted: str, original: str, wanted: set[str]) -> tuple[str, list[tuple[str, str]]]:
    aligned = _alignment(redacted, original)
    if aligned is None:
        return redacted, []
    pieces, placeholders = PLACEHOLDER.split(redacted), PLACEHOLDER.findall(redacted)
    out, restored = [pieces[0]], []
    for number, placeholder in enumerate(placeholders, start=1):
        replaced = aligned.group(number)
        if fold_key(replaced.strip()) in wanted and replaced == replaced.strip():
            out.append(replaced)
            restored.append((placeholder, replaced))
        else:
            out.append(placeholder)
        out.append(pieces[number])
    return "".join(out), restored


def redact_extra(blocks: Sequence[Block], rules: Sequence[RedactRule]) -> tuple[tuple[Block, ...], list[str]]:
    """Blocks with every match of HR's extra rules replaced, and the texts that were replaced."""
    if not rules:
        return tuple(blocks), []
    removed: list[str] = []
    new_blocks = []
    for block in blocks:
        segments = []
        for segment in block.segments:
            # Placeholders already there stay as they are; only the text between them is searched.
            parts = re.split(f"({PLACEHOLDER.pattern})", segment)
            for index in range(0, len(parts), 2):
                for rule in rules:
                    parts[index] = _redact_text(parts[index], rule, removed)
            segments.append("".join(parts))
        new_blocks.append(block.with_segments(tuple(segments)))
    return tuple(new_blocks), removed


def _redact_text(text: str, rule: RedactRule, removed: list[str]) -> str:
    searched = fold(text) if rule.literal else text
    out, cursor = [], 0
    for match in rule.pattern.finditer(searched):
        if match.end() == match.start():
            continue
        out += [text[cursor:match.start()], rule.placeholder]
        removed.append(text[match.start():match.end()])
        cursor = match.end()
    return "".join(out) + text[cursor:]


def _recount(counts: Mapping[str, int], restored: Sequence[tuple[str, str]], added: int,
             settings: Settings) -> dict[str, int]:
    result = dict(counts)
    for placeholder, _ in restored:
        entity = placeholder_entity(placeholder, settings.placeholders)
        if result.get(entity, 0) > 0:
            result[entity] -= 1
    if added:
        result[HR_OVERRIDE] = result.get(HR_OVERRIDE, 0) + added
    return {k: v for k, v in sorted(result.items()) if v}


def placeholder_entity(placeholder: str, placeholders: Mapping[str, str]) -> str:
    """The entity type a placeholder stands for ("[REFEREE 2]" -> REFEREE), or HR_OVERRIDE."""
    for entity, configured in placeholders.items():
        if configured and re.fullmatch(re.escape(configured).replace(r"\{n\}", r"\d+"), placeholder):
            return entity
    return HR_OVERRIDE


def _without_kept(found: Mapping[str, Sequence[str]], kept: Sequence[str]) -> dict[str, tuple[str, ...]]:
    # A kept string is no longer an identifier: verify must not report it where HR put it back.
    # Names are recorded word by word, so the words of a kept name go too.
    gone = {fold_key(k) for k in kept}
    words = {fold_key(w) for k in kept for w in re.findall(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", k)}
    return {kind: tuple(v for v in values if kind in _NEVER_KEPT or fold_key(v) not in
                        (gone | words if kind.endswith("_NAME") else gone))
            for kind, values in found.items()}


def apply_to_packs(packs: Sequence, overrides: Overrides, settings: Settings,
                   sources: Mapping[str, Path]) -> list:
    """Candidate packs with HR's corrections; sources (by key name) are re-read only to keep strings."""
    if not overrides.by_candidate:
        return list(packs)
    return [replace(pack, documents=tuple(
        apply_overrides(document, pack.candidate_id, overrides, settings,
                        _original(document.relative_source, sources)
                        if overrides.for_candidate(pack.candidate_id).keep else None)
        for document in pack.documents)) for pack in packs]


def _original(relative_source: str, sources: Mapping[str, Path]) -> Document | None:
    from blindrec.extract import ExtractionError, extract_document

    path = sources.get(relative_source)
    try:
        return extract_document(path, relative_source) if path else None
    except ExtractionError:
        return None
