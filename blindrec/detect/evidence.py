"""Whose document is this: the candidate evidence grouping decides on.

Detection redacts every name word it can find, from any signal; grouping needs less and
surer: the candidate's name as the document states it (a heading, a form label, a
sign-off, "my name is"), and contact details outside the references. A word inside an
address, an email domain, a generic author or the file name is never a name word here.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePosixPath
from typing import Callable, Iterable, Sequence

from blindrec.detect.fold import WORD, fold_key, phone_key
from blindrec.detect.names import CANDIDATE, NameVocabulary, PersonName
from blindrec.model import CandidateEvidence, CandidateName, Span

# Signals that state the candidate's name; the others (file name, email, NER, variants of
# words already known) only ever add words to redact.
NAME_SIGNALS = frozenset({"first line", "form label", "sign-off", "my name is", "document author",
                          "document title", "name line", "known"})
# Authors a machine or an office wrote, not a person ("HP", "Candidate").
GENERIC_AUTHOR_WORDS = frozenset({"user", "users", "admin", "administrator", "windows", "microsoft", "office",
                                  "owner", "author", "unknown", "hp", "dell", "lenovo", "candidate", "applicant",
                                  "pc", "laptop", "home", "guest", "default", "staff", "student", "test"})
# Mailbox names that belong to an organisation, not a person.
GENERIC_LOCAL_PARTS = frozenset({"info", "admin", "jobs", "job", "hr", "recruitment", "recruit", "recruiting",
                                 "enquiries", "enquiry", "contact", "office", "mail", "hello", "careers",
                                 "career", "team", "noreply", "no-reply", "donotreply", "vacancies", "vacancy",
                                 "applications", "talent", "resourcing", "people", "humanresources", "employment",
                                 "workforce", "council", "customerservices", "reception", "support"})
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_EMAIL_TEXT = re.compile(r"(?i)[a-z0-9][a-z0-9._%+'-]*@[a-z0-9.-]+")


def candidate_evidence(relative_source: str, text: str, spans: Sequence[Span],
                       sightings: Sequence[PersonName], vocab: NameVocabulary,
                       in_references: Callable[[int], bool]) -> CandidateEvidence:
    """The evidence of one document from its spans and name sightings."""
    not_name = _place_and_mailbox_words(text, spans)
    names = tuple(_names(sightings, vocab, not_name))
    name_keys = {w for n in names for w in n.words}
    outside = [s for s in spans if not in_references(s.start)]

    def values(entity: str) -> list[str]:
        return [text[s.start:s.end].strip() for s in outside if s.entity == entity]

    emails = sorted({e.casefold() for v in values("EMAIL_ADDRESS") for e in _EMAIL_TEXT.findall(v)})
    emails = [e for e in emails if not _generic_mailbox(e)]
    phones = sorted({phone_key(v) for v in values("PHONE_NUMBER") if len(phone_key(v)) >= 9})
    ni_numbers = sorted({re.sub(r"[^A-Z0-9]", "", v.upper()) for v in values("UK_NINO")} - {""})
    dobs = sorted({d for d in map(read_date, values("DATE_OF_BIRTH")) if d})
    folder = str(PurePosixPath(relative_source.replace("\\", "/")).parent)
    return CandidateEvidence(
        names=names, emails=tuple(emails),
        named_emails=tuple(e for e in emails if email_spells(e, name_keys)),
        phones=tuple(phones), ni_numbers=tuple(ni_numbers), dates_of_birth=tuple(dobs),
        folder="" if folder == "." else folder, file_words=file_words(relative_source))


def _names(sightings: Sequence[PersonName], vocab: NameVocabulary, not_name: set[str]) -> Iterable[CandidateName]:
    file_keys = {fold_key(w) for s in sightings if s.signal == "file name" for w in s.words}
    for sighting in sightings:
        if not _states_the_name(sighting, file_keys):
            continue
        last = len(sighting.words) - 1
        keys = [fold_key(w).strip(".") for i, w in enumerate(sighting.words)
                if not vocab.is_particle(w) or (i == last and w[:1].isupper())]
        if sighting.signal == "document author" and any(k in GENERIC_AUTHOR_WORDS for k in keys):
            continue
        keys = [k for k in keys if k and k not in not_name and k not in vocab.not_names]
        if keys:
            yield CandidateName(tuple(keys), sighting.signal)


def _states_the_name(sighting: PersonName, file_keys: set[str]) -> bool:
    """Whether a sighting states the candidate's name, not only words to redact.

    Besides the stating signals: a profile address spelling two name words (the name as the
    candidate chose it for LinkedIn), and a name NER read in the text that the file name
    spells too ("Abel Biniam Alemu" in "Alemu_Abel_europass.docx"): neither alone would do.
    """
    if sighting.role == CANDIDATE and sighting.signal in NAME_SIGNALS:
        return True
    if sighting.role == CANDIDATE and sighting.signal == "profile link":
        return len(sighting.words) >= 2
    return sighting.signal == "ner" and len({fold_key(w) for w in sighting.words} & file_keys) >= 2


def _place_and_mailbox_words(text: str, spans: Sequence[Span]) -> set[str]:
    """Words of addresses and email addresses: a town or a domain is never a name word."""
    words: set[str] = set()
    for span in spans:
        if span.entity in ("STREET_ADDRESS", "UK_POSTCODE", "EMAIL_ADDRESS", "URL", "PROFILE_URL"):
            piece = text[span.start:span.end]
            if span.entity == "EMAIL_ADDRESS":
                piece = piece.partition("@")[2]
            words.update(fold_key(w) for w in WORD.findall(piece))
    return words


def _generic_mailbox(email: str) -> bool:
    local = email.partition("@")[0]
    pieces = set(re.split(r"[._+-]+", local)) | {local}
    return bool(pieces & GENERIC_LOCAL_PARTS)


def email_spells(email: str, name_keys: Iterable[str]) -> bool:
    """Whether an address's local part spells a name word (jane.doe@, doej84@, jdoe@)."""
    local = re.sub(r"[^a-z]", "", fold_key(email.partition("@")[0]))
    return any(len(k) >= 3 and re.sub(r"[^a-z]", "", k) in local for k in name_keys)


def file_words(relative_source: str) -> tuple[str, ...]:
    """Fold keys of the words of a file's name (not its folders)."""
    stem = PurePosixPath(relative_source.replace("\\", "/")).stem
    stem = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", stem)
    return tuple(fold_key(w) for w in WORD.findall(stem.replace("_", " ")))


def read_date(value: str) -> str:
    """A written date of birth as ISO (1985-06-20), or the digits when it cannot be read."""
    folded = fold_key(value)
    numbers = [int(n) for n in re.findall(r"\d+", folded)]
    month = next((i + 1 for i, m in enumerate(_MONTHS) if re.search(rf"\b{m}", folded)), 0)
    try:
        if month and len(numbers) >= 2:
            year = next(n for n in numbers if n > 31)
            day = next(n for n in numbers if n <= 31)
            return date(year, month, day).isoformat()
        if len(numbers) >= 3:
            a, b, c = numbers[:3]
            return (date(a, b, c) if a > 31 else date(c, b, a)).isoformat()
    except (StopIteration, ValueError):
        pass
    return "".join(re.findall(r"\d", value))
