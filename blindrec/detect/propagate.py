"""Group name sightings into people, then find every occurrence of their names.

Every name word found anywhere in a document is redacted everywhere in it: in any case,
before a possessive, after an initial or a particle ("D. Thomas", "de Souza").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from blindrec.detect.fold import fold, fold_key
from blindrec.detect.names import CANDIDATE, PERSON, REFEREE, NameVocabulary, PersonName
from blindrec.model import Span

_LOOKBACK = 40


@dataclass(frozen=True)
class Person:
    """A person of the document: role, number among its role, and the name words."""

    role: str
    number: int
    words: frozenset[str]  # fold keys


def group_people(sightings: Sequence[PersonName], vocab: NameVocabulary) -> list[Person]:
    """Merge sightings into people: the candidate first, then referees and others in order."""
    candidate = {k for s in sightings if s.role == CANDIDATE for k in name_keys(s.words, vocab)}
    candidate_parts = _with_parts(frozenset(candidate), vocab)
    others: list[tuple[str, set[str], int]] = []
    for sighting in sorted((s for s in sightings if s.role != CANDIDATE), key=lambda s: s.position):
        keys = name_keys(sighting.words, vocab)
        # Compared by parts too: "Ms Al-Hassan" is the candidate Noura Hassan.
        if _with_parts(frozenset(keys), vocab) & candidate_parts:
            # Another sighting of the candidate (a title, NER): its extra words are theirs too.
            if sighting.signal in ("title", "ner") and len(keys) <= 3:
                candidate |= keys
                candidate_parts = _with_parts(frozenset(candidate), vocab)
            continue
        for i, (role, words, position) in enumerate(others):
            if keys & words:
                best = REFEREE if REFEREE in (role, sighting.role) else role
                others[i] = (best, words | keys, position)
                break
        else:
            others.append((sighting.role, keys, sighting.position))
    people = [Person(CANDIDATE, 1, frozenset(candidate))] if candidate else []
    counters = {REFEREE: 0, PERSON: 0}
    for role, words, _ in sorted(others, key=lambda o: o[2]):
        counters[role] += 1
        people.append(Person(role, counters[role], frozenset(words - candidate)))
    return [p for p in people if p.words]


def name_keys(words: Sequence[str], vocab: NameVocabulary) -> set[str]:
    """Fold keys of a name's words; a particle counts only as a capitalised last word ("Trang Lê", "Lê")."""
    keys = set()
    for position, word in enumerate(words):
        is_last = position == len(words) - 1
        # A capitalised particle is a name of its own when it ends a name ("Trang Lê") or is the
        # whole value of a surname field ("Surname: LÊ").
        if not vocab.is_particle(word) or (is_last and word[:1].isupper()):
            keys.add(fold_key(word))
    return keys


def name_spans(text: str, people: Sequence[Person], ordinary_words: frozenset[str],
               vocab: NameVocabulary, placeholders: dict[str, str]) -> list[Span]:
    """A span for every occurrence of every person's name words in the text."""
    owner: dict[str, Person] = {}
    for person in people:  # the candidate comes first and keeps a shared word
        for key in _with_parts(person.words, vocab):
            owner.setdefault(key, person)
    if not owner:
        return []
    alternatives = sorted(owner, key=len, reverse=True)
    # Digits, superscripts and underscores may touch a name: a footnote mark ("Pritchard¹") or
    # a file tag ("20260211_Pritchard_CV"). Letters may not.
    pattern = re.compile(r"(?<![^\W\d_¹²³⁰⁴⁵⁶⁷⁸⁹])(" + "|".join(re.escape(a) for a in alternatives)
                         + r")(?![^\W\d_¹²³⁰⁴⁵⁶⁷⁸⁹])", re.IGNORECASE)
    folded = fold(text)
    spans: list[Span] = _spaced_spans(text, owner, placeholders)
    for match in pattern.finditer(folded):
        original = text[match.start():match.end()]
        key = fold_key(original)
        if key in ordinary_words and original.islower():
            continue  # "will", "hope", "banks" used as ordinary words in this document
        person = owner.get(key)
        if person is None:
            continue
        start = _extend_back(text, match.start(), vocab)
        label = placeholders[person.role].format(n=person.number)
        spans.append(Span(start, match.end(), person.role, label, 1.0, "name"))
    return spans


_SPACED_RUN = re.compile(r"(?<![^\W\d_])[^\W\d_](?: (?:[^\W\d_]|['’\-]))*(?: [^\W\d_]){2}(?![^\W\d_])")


def _spaced_spans(text: str, owner: dict[str, Person], placeholders: dict[str, str]) -> list[Span]:
    """Name words typed with their letters apart ("O K O R O"), or two run together ("MARCUSOKORO")."""
    spans = []
    for match in _SPACED_RUN.finditer(text):
        key = fold_key(match.group(0).replace(" ", ""))
        parts = [key] if key in owner else [
            key[:i] for i in range(2, len(key) - 1) if key[:i] in owner and key[i:] in owner]
        if parts:
            person = owner[parts[0]]
            label = placeholders[person.role].format(n=person.number)
            spans.append(Span(match.start(), match.end(), person.role, label, 1.0, "spaced name"))
    return spans


def _with_parts(words: frozenset[str], vocab: NameVocabulary) -> set[str]:
    keys = set(words)
    for word in words:
        for part in re.split(r"[-'’]", word):
            if len(part) >= 2 and not vocab.is_particle(part):
                keys.add(part)
    return {k for k in keys if len(k) >= 2}


def _extend_back(text: str, start: int, vocab: NameVocabulary) -> int:
    """Take in an initial ("D. Thomas") or particles ("van der Berg") before a name word."""
    before = text[max(0, start - _LOOKBACK):start]
    joined = re.search(r"(?<![\w])([^\W\d_]+)[-'’]$", before)  # "Al-Hassan", "d'Souza": the particle is the name's
    if joined and vocab.is_particle(joined.group(1)):
        return _extend_back(text, start - (len(before) - joined.start()), vocab)
    initials = re.search(r"(?:(?<![\w])[A-Z](?:\.\s?|\s)){1,3}$", before)
    if initials and before[initials.start():].strip():
        return start - (len(before) - initials.start())
    particles = re.search(r"(?:(?<![\w])([^\W\d_]+)\s+)+$", before)
    if particles:
        offset = start
        for word in reversed(re.findall(r"([^\W\d_]+)\s+", before[particles.start():])):
            if not vocab.is_particle(word):
                break
            offset = text.rfind(word, 0, offset)
        return offset
    return start


def capitalised_name_spans(text: str, words: frozenset[str], entity: str, placeholder: str) -> list[Span]:
    """Spans for capitalised or upper-case occurrences of name words (no dictionary needed)."""
    keys = sorted({w for w in words if len(w) >= 2}, key=len, reverse=True)
    if not keys:
        return []
    pattern = re.compile(r"(?<![\w])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w])", re.IGNORECASE)
    return [Span(m.start(), m.end(), entity, placeholder, 1.0, "same candidate")
            for m in pattern.finditer(fold(text)) if text[m.start()].isupper()]
