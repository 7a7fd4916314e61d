"""Anonymise one ATS row: its identifying columns say who the applicant is, its free text is redacted.

Pure: a row and the column plan in, the panel cells, monitoring cells and identifiers out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from blindrec.detect.fold import WORD, fold_key, phone_key
from blindrec.model import Span
from blindrec.settings import Settings
from blindrec.tabular.columns import NAME_ROLES, PANEL_ROLES, VALUE_ROLES, ColumnPlan, header_key
from blindrec.tabular.read import RawRow

CANDIDATE, REFEREE = "CANDIDATE", "REFEREE"
# Between free-text cells when they are detected as one text: a blank line stops any address
# or name span from running from one answer into the next.
_CELL_BREAK = "\n\n"
_NOT_A_HEADING = "-\n-\n-\n-\n\n"
_PHONE_LIKE = re.compile(r"\+?\(?\d[\d\s().\-]{7,}\d")


@dataclass(frozen=True)
class RowRules:
    """What anonymising a row needs besides the rules: the columns' roles and answers to ignore."""

    plan: ColumnPlan
    generic_answers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Known:
    """The applicant's identifiers, read from the row's identifying columns."""

    names: Mapping[str, tuple[str, ...]]  # role -> name words
    values: Mapping[str, tuple[str, ...]]  # entity -> values, matched in any case
    words: Mapping[str, tuple[str, ...]]  # entity -> single words, matched only capitalised ("Reading")
    phones: tuple[str, ...] = ()
    cells: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # entity -> the cells as given


@dataclass(frozen=True)
class AnonymisedRow:
    """One applicant ready for the panel (``panel``) and for HR (``monitoring``, ``identifiers``)."""

    number: int
    reference: str
    panel: tuple[str, ...]
    monitoring: tuple[str, ...]
    identifiers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    redactions: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class RowFailure:
    """A row that cannot go to the panel, and why (for HR to handle by hand)."""

    number: int
    line: int
    reference: str
    reason: str
    ragged: bool = False


def anonymise_row(row: RawRow, rules: RowRules, settings: Settings) -> AnonymisedRow | RowFailure:
    """The panel's and HR's view of one row; a row whose cells do not fit the header fails."""
    plan = rules.plan
    reference = _reference(row.cells, plan)
    if len(row.cells) != len(plan.headers):
        got = f"{len(row.cells)} cells" if row.cells else "no cells (it is not a JSON object)"
        return RowFailure(row.number, row.line, reference,
                          f"has {got} where the header has {len(plan.headers)}", ragged=True)
    cells = tuple(_clean(c) for c in row.cells)
    known = known_identifiers(cells, plan, rules.generic_answers)
    free = plan.columns("free_text")
    texts, found = redact_free_text([cells[i] for i in free], known, settings)
    redacted = dict(zip(free, texts))
    for i in plan.columns("pass_through"):
        cell_spans = known_spans(cells[i], known, settings)
        found += [(s.entity, cells[i][s.start:s.end]) for s in cell_spans]
        redacted[i] = _redact(cells[i], cell_spans)
    panel = tuple(redacted[i] for i in plan.columns(*PANEL_ROLES))
    monitoring = tuple(cells[i] for i in plan.columns("monitoring"))
    counts = Counter(entity for entity, _ in found)
    return AnonymisedRow(row.number, reference, panel, monitoring, row_identifiers(known, found), dict(counts))


def _reference(cells: Sequence[str], plan: ColumnPlan) -> str:
    columns = plan.columns("reference")
    if columns and columns[0] < len(cells):
        return cells[columns[0]].strip()
    return ""


def _clean(cell: str) -> str:
    return cell.replace("\r\n", "\n").replace("\r", "\n").strip()


def known_identifiers(cells: Sequence[str], plan: ColumnPlan, generic_answers: frozenset[str]) -> Known:
    """The row's own identifiers, from its name, contact, address and referee columns."""
    names: dict[str, list[str]] = {CANDIDATE: [], REFEREE: []}
    values: dict[str, list[str]] = {}
    words: dict[str, list[str]] = {}
    phones: list[str] = []
    originals: dict[str, list[str]] = {}
    for i, role in enumerate(plan.roles):
        cell = cells[i]
        if not cell:
            continue
        if role in NAME_ROLES:
            names[CANDIDATE] += name_words(cell)
        elif role == "referee":
            _referee_cell(plan.headers[i], cell, names, values, phones)
        elif role == "phone":
            phones.append(cell)
        elif role in VALUE_ROLES:
            originals.setdefault(VALUE_ROLES[role], []).append(cell)
            for value in _value_variants(role, cell):
                _add_value(VALUE_ROLES[role], value, values, words)
        elif role == "monitoring" and fold_key(cell) not in generic_answers and len(cell) >= 4:
            # Free text that repeats a monitoring answer ("as a Hindu...") would carry it to the panel.
            _add_value("RELIGION_ETHNICITY", cell, values, words)
    return Known({k: tuple(dict.fromkeys(v)) for k, v in names.items() if v},
                 {k: tuple(dict.fromkeys(v)) for k, v in values.items()},
                 {k: tuple(dict.fromkeys(v)) for k, v in words.items()}, tuple(phones),
                 {k: tuple(v) for k, v in originals.items()})


def name_words(cell: str) -> list[str]:
    """The words of a name cell, without initials ("Mary-Jane O'Neil" -> Mary-Jane, O'Neil)."""
    return [w for w in WORD.findall(cell) if len(w) >= 2]


def _referee_cell(header: str, cell: str, names: dict, values: dict, phones: list) -> None:
    if "@" in cell:
        values.setdefault("EMAIL_ADDRESS", []).extend(re.findall(r"[^\s,;<>]+@[^\s,;<>]+", cell))
    elif len(re.sub(r"\D", "", cell)) >= 9:
        phones.append(cell)
    elif "name" in header_key(header).split():
        names[REFEREE] += name_words(cell)


def _value_variants(role: str, cell: str) -> list[str]:
    if role == "address":
        # A whole address in one cell: each line or comma-separated part, and a street without
        # its number ("156 Sedgley Road" is also written "Sedgley Road").
        parts = [p.strip() for p in re.split(r"[,\n]", cell) if p.strip()]
        unnumbered = [re.sub(r"^\d+\w?\s+", "", p) for p in parts if re.match(r"^\d+\w?\s+\S+\s+\S", p)]
        return [cell, *parts, *unnumbered]
    if role in ("postcode", "ni_number"):
        squashed = re.sub(r"\s+", "", cell)
        spaced = f"{squashed[:-3]} {squashed[-3:]}" if role == "postcode" and len(squashed) > 4 else squashed
        return [cell, squashed, spaced]
    if role == "email":
        return re.findall(r"[^\s,;<>]+@[^\s,;<>]+", cell) or [cell]
    if role == "url":
        bare = re.sub(r"^(?:https?://)?(?:www\.)?", "", cell, flags=re.IGNORECASE).rstrip("/")
        return [cell, bare]
    return [cell]


def _add_value(entity: str, value: str, values: dict, words: dict) -> None:
    value = value.strip()
    if len(value) < 2:
        return
    if WORD.fullmatch(value):
        # One ordinary-looking word ("Reading", "March", "Female") counts only where capitalised.
        words.setdefault(entity, []).append(value)
    else:
        values.setdefault(entity, []).append(value)


def redact_free_text(cells: Sequence[str], known: Known,
                     settings: Settings) -> tuple[list[str], list[tuple[str, str]]]:
    """Each free-text cell redacted, and what was redacted (entity, text).

    The cells are detected together as one text, so one model call serves the whole row.
    """
    from blindrec.detect import detect_free_text
    from blindrec.redact import merge_adjacent, resolve_overlaps

    if not any(cells):
        return list(cells), []
    # Detection reads the first short lines of a document as its author's name (a CV's
    # heading): right for a CV, wrong for "CIPFA; ACCA". When the row names its applicant,
    # filler lines take that place.
    lead = _NOT_A_HEADING if known.names.get(CANDIDATE) else ""
    text = lead + _CELL_BREAK.join(cells)
    spans = detect_free_text(text, settings, known.names, known.values) + known_spans(text, known, settings, False)
    spans = merge_adjacent(resolve_overlaps(spans), text)
    redacted, start = [], len(lead)
    for cell in cells:
        end = start + len(cell)
        inside = [Span(max(s.start, start) - start, min(s.end, end) - start, s.entity, s.placeholder, s.score, s.signal)
                  for s in spans if s.start < end and s.end > start]
        redacted.append(_redact(cell, inside))
        start = end + len(_CELL_BREAK)
    return redacted, [(s.entity, text[s.start:s.end]) for s in spans]


def known_spans(text: str, known: Known, settings: Settings, with_values: bool = True) -> list[Span]:
    """Spans of the row's own identifiers in a text, without the detection model."""
    from blindrec.detect import known_value_spans
    from blindrec.detect.propagate import capitalised_name_spans

    if not text:
        return []
    spans = known_value_spans(text, known.values, settings) if with_values else []
    spans += phone_spans(text, known.phones, settings.placeholder("PHONE_NUMBER"))
    for entity, words in known.words.items():
        spans += capitalised_name_spans(text, frozenset(fold_key(w) for w in words), entity,
                                        settings.placeholder(entity))
    for role, words in known.names.items():
        if with_values:  # in free text, detection finds names (in any case, with possessives)
            placeholder = settings.placeholder(role).replace(" {n}", "")
            spans += capitalised_name_spans(text, frozenset(fold_key(w) for w in _with_parts(words)), role,
                                            placeholder)
    return spans


def _with_parts(words: Sequence[str]) -> set[str]:
    return {part for word in words for part in (word, *re.split(r"['’\-]", word)) if len(part) >= 2}


def phone_spans(text: str, phones: Sequence[str], placeholder: str) -> list[Span]:
    """Every number in the text that is one of these phone numbers, however it is spaced."""
    wanted = {key for key in map(phone_key, phones) if len(key) >= 9}
    if not wanted:
        return []
    return [Span(m.start(), m.end(), "PHONE_NUMBER", placeholder, 1.0, "known")
            for m in _PHONE_LIKE.finditer(text) if phone_key(m.group()) in wanted]


def _redact(text: str, spans: list[Span]) -> str:
    from blindrec.redact import redact_text

    return redact_text(text, spans) if spans else text


def row_identifiers(known: Known, found: Sequence[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    """What HR's verify step looks for in the panel for this row (never written to the panel)."""
    identifiers: dict[str, set[str]] = {"CANDIDATE_NAME": set(known.names.get(CANDIDATE, ())),
                                         "REFEREE_NAME": set(known.names.get(REFEREE, ())),
                                         "PHONE_NUMBER": set(known.phones)}
    # The cells as given, not their spelling variants: verify matches postcodes without
    # spaces and phones by their digits itself.
    for entity, values in known.cells.items():
        identifiers.setdefault(entity, set()).update(values)
    for entity, text in found:
        if entity in (CANDIDATE, REFEREE, "PERSON"):
            identifiers.setdefault(f"{entity}_NAME", set()).update(name_words(text))
        elif entity in _VALUE_ENTITIES:
            identifiers.setdefault(entity, set()).add(text.strip())
    return {k: tuple(sorted(v)) for k, v in identifiers.items() if v}


_VALUE_ENTITIES = ("EMAIL_ADDRESS", "PHONE_NUMBER", "UK_POSTCODE", "UK_NINO", "URL", "PROFILE_URL", "DATE_OF_BIRTH")
