"""Detection: a document's joined text in, the spans to redact out.

Presidio (configured from the rules) finds contact details, numbers, addresses and NER
persons; the document's structure finds names NER misses; propagation finds every other
occurrence of every name.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from blindrec.detect.fold import fold_key
from blindrec.detect.names import CANDIDATE, PERSON, REFEREE, NameVocabulary, PersonName, gather_people
from blindrec.detect.propagate import group_people, name_spans
from blindrec.detect.text import DocumentText, Segment
from blindrec.entities import SPAN_RECORDED_KINDS
from blindrec.model import Block, CandidateEvidence, Document, Span
from blindrec.settings import Settings

_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-zà-ÿ]+(?![\w])")
# Entities whose text is an identifier worth checking for in the panel output later.
_IDENTIFIER_TYPES = SPAN_RECORDED_KINDS  # one registry (blindrec.entities) for detection, verify, review


@dataclass(frozen=True)
class Detection:
    """What detection found in one document."""

    spans: tuple[Span, ...]
    identifiers: dict[str, tuple[str, ...]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    evidence: CandidateEvidence = field(default_factory=CandidateEvidence)


def detect_document(document: Document, joined: DocumentText, settings: Settings,
                    known_people: Sequence[PersonName] = ()) -> Detection:
    """Every span to redact in a document, with the identifiers found (for HR checks).

    ``known_people`` are names known from elsewhere (an ATS row's name columns).
    """
    from blindrec.detect.engine import analyze, dictionary_words

    text = joined.text
    results = analyze(text, settings)
    block_of = _block_locator(joined)
    ner_persons = [(r.start, r.end, block_of(r.start)) for r in results if r.entity_type == "PERSON"]
    lowercase_words = frozenset(fold_key(w) for w in _LOWER_WORD.findall(text))
    vocab = NameVocabulary.from_rules(settings.name_signals, settings.ner_names)
    # A lower-case occurrence of a dictionary word ("will", "hope", "banks") is left alone;
    # every other occurrence of a name word, in any case, is redacted.
    dictionary = dictionary_words(settings)
    ordinary_words = lowercase_words & dictionary
    sightings = [*known_people, *gather_people(document, text, ner_persons, vocab, lowercase_words,
                                               ordinary_words, dictionary)]
    people = group_people(sightings, vocab)
    placeholders = {role: settings.placeholder(role) for role in (CANDIDATE, REFEREE, PERSON)}
    spans = name_spans(text, people, ordinary_words, vocab, placeholders)
    spans += [Span(r.start, r.end, r.entity_type, settings.placeholder(r.entity_type), r.score, "presidio")
              for r in results if r.entity_type != "PERSON"]
    spans += label_spans(document, joined, settings)
    spans += address_block_spans(text, [s for s in spans if s.entity == "UK_POSTCODE"], settings)
    spans += pronoun_spans(text, settings.pronouns)
    if settings.level == "strict":
        from blindrec.detect.origin import load_origin_lists, origin_spans
        from blindrec.settings import rules_dir

        spans += origin_spans(text, load_origin_lists(rules_dir() / "origin-cues.yaml"), settings.required_languages)
    identifiers = _identifiers(text, spans, people, dictionary)
    warnings = () if any(p.role == CANDIDATE for p in people) else (
        "no candidate name was found; check the pack by hand",)
    return Detection(tuple(spans), identifiers, warnings,
                     _evidence(document, joined, spans, sightings, vocab, block_of))


def _evidence(document: Document, joined: DocumentText, spans: list[Span], sightings: Sequence[PersonName],
              vocab: NameVocabulary, block_of) -> CandidateEvidence:
    """Whose document this is, for grouping (see detect/evidence.py)."""
    from blindrec.detect.evidence import candidate_evidence
    from blindrec.detect.names import referee_section

    references = referee_section(document.blocks, vocab)
    return candidate_evidence(document.relative_source, joined.text, spans, sightings, vocab,
                              lambda offset: block_of(offset) in references)


def _block_locator(joined: DocumentText):
    starts = [s.start for s in joined.segments]

    def block_of(offset: int) -> int:
        index = max(0, bisect.bisect_right(starts, offset) - 1)
        return joined.segments[index].block_index if joined.segments else 0
    return block_of


# Form labels whose whole value identifies the candidate, whatever its shape.
_VALUE_LABELS = {
    "address": "STREET_ADDRESS", "home address": "STREET_ADDRESS", "postal address": "STREET_ADDRESS",
    "address line 1": "STREET_ADDRESS", "address line 2": "STREET_ADDRESS", "street": "STREET_ADDRESS",
    "town": "STREET_ADDRESS", "town/city": "STREET_ADDRESS", "city": "STREET_ADDRESS", "county": "STREET_ADDRESS",
    "postcode": "UK_POSTCODE", "post code": "UK_POSTCODE",
    "date of birth": "DATE_OF_BIRTH", "dob": "DATE_OF_BIRTH", "d.o.b": "DATE_OF_BIRTH", "d.o.b.": "DATE_OF_BIRTH",
    "email": "EMAIL_ADDRESS", "email address": "EMAIL_ADDRESS", "e-mail": "EMAIL_ADDRESS",
    "telephone": "PHONE_NUMBER", "phone": "PHONE_NUMBER", "mobile": "PHONE_NUMBER", "tel": "PHONE_NUMBER",
    "home telephone": "PHONE_NUMBER", "mobile telephone": "PHONE_NUMBER", "contact number": "PHONE_NUMBER",
    "telephone number": "PHONE_NUMBER", "phone number": "PHONE_NUMBER", "mobile number": "PHONE_NUMBER",
    "ni number": "UK_NINO", "national insurance number": "UK_NINO", "national insurance no": "UK_NINO",
    "gender": "GENDER", "sex": "GENDER", "title": "GENDER_TITLE",
    "nationality": "NATIONALITY_STATEMENT", "age": "AGE_STATEMENT",
    # Equal-opportunities questions asked on the form itself: HR's data, never the panel's.
    **dict.fromkeys(("marital status", "civil status", "relationship status", "pronouns", "preferred pronouns",
                     "religion", "religion or belief", "faith", "ethnicity", "ethnic origin", "ethnic group",
                     "sexual orientation", "place of birth", "country of birth", "country of origin", "birthplace",
                     "disability", "gender identity"), "PERSONAL_DETAIL"),
}


def label_spans(document: Document, joined: DocumentText, settings: Settings) -> list[Span]:
    """Whole values of identifying form labels ("Address | 3 Rose Cottage, Ludlow")."""
    enabled = set(settings.entities) | {"GENDER"}
    spans: list[Span] = []
    by_block: dict[int, list] = {}
    for segment in joined.segments:
        by_block.setdefault(segment.block_index, []).append(segment)
    for block_index, segments in by_block.items():
        if len(segments) >= 2:
            spans += _row_label_spans(joined.text, segments, enabled, settings)
            continue
        segment = segments[0]
        for match in re.finditer(r"(?m)^[ \t]*([A-Za-z][A-Za-z .\-/]{1,30}?)[ \t]*:[ \t]*(\S[^\n|]*)", joined.text[segment.start:segment.end]):
            entity = _VALUE_LABELS.get(_normal_label(match.group(1)))
            if entity in enabled:
                start, end = segment.start + match.start(2), segment.start + match.end(2)
                spans.append(Span(start, end, entity, settings.placeholder(entity), 0.9, "form label"))
    return spans


_FIELD_BREAK = re.compile(r"\||•|·|\t|:|;| {3,}")
_ADDRESS_LINE = re.compile(r"^(?:(?:Flat|Apartment|Unit)\s+\d+\w?,?\s+)?\d{0,4}\w?,?\s*[A-Z][^\W\d_]*(?:['’\-][^\W\d_]+)*"
                           r"(?:[ ,]+[A-Z][^\W\d_]*(?:['’\-][^\W\d_]+)*){0,4},?$")


def address_block_spans(text: str, postcodes: Sequence[Span], settings: Settings) -> list[Span]:
    """The rest of an address around a postcode: its field on the line, and the lines above.

    Streets without a street word ("84 Kingsway") and towns on their own line in a letter's
    address block are found through the postcode they lead to.
    """
    spans = []
    for postcode in postcodes:
        line_start = text.rfind("\n", 0, postcode.start) + 1
        before = text[line_start:postcode.start]
        breaks = list(_FIELD_BREAK.finditer(before))
        field_start = line_start + (breaks[-1].end() if breaks else 0)
        field = text[field_start:postcode.start]
        if field.strip(" ,"):
            field_end = field_start + len(field.rstrip(" ,"))
            spans.append(Span(field_start + _leading_space(field), field_end,
                              "STREET_ADDRESS", settings.placeholder("STREET_ADDRESS"), 0.7, "address block"))
        if breaks or _HOUSE_NUMBER.match(field.strip()):
            continue
        # A postcode alone or opening its line: the address lines above belong with it, up to
        # and including the street line (it starts with a house number or a flat).
        cursor = line_start
        for _ in range(4):
            previous_start = text.rfind("\n", 0, max(0, cursor - 1)) + 1
            line = text[previous_start:cursor - 1] if cursor else ""
            if not cursor or not _ADDRESS_LINE.match(line.strip()) or _NOT_ADDRESS.search(line):
                break
            spans.append(Span(previous_start + _leading_space(line), cursor - 1, "STREET_ADDRESS",
                              settings.placeholder("STREET_ADDRESS"), 0.7, "address block"))
            if _HOUSE_NUMBER.match(line.strip()):
                spans += _building_line_spans(text, previous_start, settings)
                break
            cursor = previous_start
    return spans


# A building line above the street line: "Flat 30, Riverside Apartments", "Unit 4 The Maltings".
_BUILDING_LINE = re.compile(r"^(?:(?:Flat|Apartment|Apt|Unit|Suite|Room)\.?\s+\d+\w?\b.*|"
                            r"(?:[A-Z][\w'’\-]*\s+){0,3}(?:Apartments|Mansions|House|Court|Lodge|Tower|Heights|"
                            r"Buildings|Cottage|Farm|Mill|Wharf|Point|Quarter|Place),?)$")


def _building_line_spans(text: str, street_start: int, settings: Settings) -> list[Span]:
    """The line above a street line, when it names a flat or a building."""
    if not street_start:
        return []
    start = text.rfind("\n", 0, street_start - 1) + 1
    line = text[start:street_start - 1]
    if not _BUILDING_LINE.match(line.strip()) or _NOT_ADDRESS.search(line) or len(line) > 60:
        return []
    return [Span(start + _leading_space(line), street_start - 1, "STREET_ADDRESS",
                 settings.placeholder("STREET_ADDRESS"), 0.7, "address block")]


_HOUSE_NUMBER = re.compile(r"^(?:\d|(?:Flat|Apartment|Apt|Unit|Room)\b)", re.IGNORECASE)
# Headings and labels that sit above an address block but are not part of it.
_NOT_ADDRESS = re.compile(r"(?i)\b(?:contact|details|address|personal|dear|profile|curriculum|vitae|cv|"
                          r"email|e-mail|tel|telephone|phone|mobile|name)\b")


def _leading_space(text: str) -> int:
    return len(text) - len(text.lstrip(" ,"))


def _label_entity(text: str) -> str | None:
    label = _normal_label(text)
    entity = _VALUE_LABELS.get(label)
    if entity is None and not re.search(r"[\d@]", label) and len(label.split()) <= 4:
        # "Daytime telephone", "Personal email address": a known label after a qualifier.
        # Only for kinds whose values hold digits or an @, so a value is never taken for one.
        words = label.split()
        entity = next((_VALUE_LABELS[" ".join(words[n:])] for n in (1, 2)
                       if " ".join(words[n:]) in _VALUE_LABELS
                       and _VALUE_LABELS[" ".join(words[n:])] in _QUALIFIED_LABEL_KINDS), None)
    return entity


# Kinds whose labels may carry a qualifier ("Daytime telephone", "Work email").
_QUALIFIED_LABEL_KINDS = frozenset({"PHONE_NUMBER", "EMAIL_ADDRESS", "DATE_OF_BIRTH", "UK_NINO"})


def _normal_label(text: str) -> str:
    # "National Insurance No.:" and "Date of  birth*" are the labels in the table below.
    return " ".join(fold_key(text).strip().rstrip(":*.").split())


def _row_label_spans(text: str, segments: Sequence[Segment], enabled: set[str], settings: Settings) -> list[Span]:
    """Values of a form row: "Postcode | B1 1AA | Telephone | 0121 ..." pairs each label with the
    cell after it; a row of one label and several values (referees side by side) takes them all."""
    cells = [text[s.start:s.end] for s in segments]
    labels = [i for i, cell in enumerate(cells) if _label_entity(cell)]
    spans = []
    for i in labels:
        entity = _label_entity(cells[i])
        value_cells = range(i + 1, len(cells)) if labels == [0] else range(i + 1, min(i + 2, len(cells)))
        for j in value_cells:
            if j in labels or not cells[j].strip() or entity not in enabled:
                continue
            spans.append(Span(segments[j].start, segments[j].end, entity, settings.placeholder(entity), 0.9, "form label"))
    return spans


def pronoun_spans(text: str, replacements: dict[str, str]) -> list[Span]:
    """Gendered pronouns replaced by neutral ones, when the rules switch it on."""
    if not replacements:
        return []
    spans = []
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, replacements)) + r")\b", re.IGNORECASE)
    for match in pattern.finditer(text):
        word = match.group(1)
        neutral = replacements[word.lower()]
        neutral = neutral.capitalize() if word[0].isupper() else neutral
        spans.append(Span(match.start(), match.end(), "PRONOUN", neutral, 0.5, "pronoun"))
    return spans


def _identifiers(text: str, spans: list[Span], people, dictionary: frozenset[str] = frozenset()
                 ) -> dict[str, tuple[str, ...]]:
    found: dict[str, set[str]] = {}
    for span in spans:
        if span.entity in _IDENTIFIER_TYPES:
            found.setdefault(span.entity, set()).add(text[span.start:span.end].strip())
    for person in people:
        # Another person's word that is also a dictionary word ("Business" of a product NER
        # took for a person) is not propagated through the text, so verify would report every
        # "Finance Business Partner" as a leak. The candidate's and referees' are all checked.
        words = person.words if person.role != PERSON else {w for w in person.words if w not in dictionary}
        found.setdefault(f"{person.role}_NAME", set()).update(words)
    candidate = next((p for p in people if p.role == CANDIDATE), None)
    if candidate:
        # The candidate's own address is the one spelling their name; it groups a CV with its letter.
        found["CANDIDATE_EMAIL"] = {e for e in found.get("EMAIL_ADDRESS", ())
                                    if set(re.split(r"[^a-z]+", fold_key(e.split("@")[0]))) & candidate.words}
    return {k: tuple(sorted(v)) for k, v in found.items() if v}


def detect_free_text(text: str, settings: Settings, known_names: Mapping[str, Sequence[str]] = {},
                     known_values: Mapping[str, Sequence[str]] = {}) -> list[Span]:
    """Spans in one free-text answer (an ATS cell), given identifiers known for its author.

    ``known_names`` maps a role (CANDIDATE, REFEREE, PERSON) to name words; ``known_values``
    maps an entity (EMAIL_ADDRESS, PHONE_NUMBER, UK_POSTCODE, STREET_ADDRESS, ...) to values
    that are redacted wherever they appear, in any case.
    """
    from pathlib import Path

    document = Document(Path("-"), "-", (Block("paragraph", text),))
    joined = DocumentText(text, (Segment(0, 0, 0, len(text)),))
    known = [PersonName(role, tuple(words), "known") for role, words in known_names.items() if words]
    spans = list(detect_document(document, joined, settings, known).spans)
    return spans + known_value_spans(text, known_values, settings)


def known_value_spans(text: str, known_values: Mapping[str, Sequence[str]], settings: Settings) -> list[Span]:
    """A span for every case-insensitive, whole-word occurrence of each known value."""
    from blindrec.detect.fold import fold

    folded = fold(text)
    spans = []
    for entity, values in known_values.items():
        for value in values:
            value = (value or "").strip()
            if len(value) < 2:
                continue
            pattern = re.compile(r"(?<![\w])" + re.escape(fold(value)) + r"(?![\w])", re.IGNORECASE)
            spans += [Span(m.start(), m.end(), entity, settings.placeholder(entity), 1.0, "known")
                      for m in pattern.finditer(folded)]
    return spans
