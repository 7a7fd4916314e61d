"""The one registry of entity kinds: what detection redacts and records, and how each is checked.

Detection records the text of some kinds for HR (hr/identifiers.json); verify looks for
every recorded kind in panel/, review labels and colours each, and HR's overrides never
restore the kinds that identify a person whatever the context. All of them read this table,
so a kind added here is recorded, checked, labelled and protected together, and a kind
recorded but missing here fails the tests (tests/test_entities.py).

``match`` is how verify compares a recorded value with panel text:
    name     whole words, capitalised or upper case ("will" is not "Will")
    digits   the last nine or ten digits, whatever the punctuation (phone numbers)
    squashed without whitespace, any case (postcodes, NI, passport, licence numbers)
    text     accent-folded, any case (emails, dates, web addresses)
    address  the whole address, or any of its lines that starts with a house number
    phrase   whole words, any case (HR's own redactions)
    ""       not recorded: a statement (gender, age...) is redacted, not an identifier
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EntityKind:
    """One kind of thing blindrec redacts or records."""

    name: str
    label: str
    match: str = ""
    from_span: bool = False  # detection records the text of each span of this kind
    never_kept: bool = False  # no HR override puts it back
    colour: str = ""


KINDS: tuple[EntityKind, ...] = (
    # Placeholders of people; their words are recorded under the *_NAME kinds below.
    EntityKind("CANDIDATE", "candidate's name", colour="#ffb3b3"),
    EntityKind("REFEREE", "referee's name", colour="#ffd59e"),
    EntityKind("PERSON", "another person's name", colour="#ffe98a"),
    EntityKind("CANDIDATE_NAME", "candidate's name", "name"),
    EntityKind("REFEREE_NAME", "referee's name", "name"),
    EntityKind("PERSON_NAME", "another person's name", "name"),
    EntityKind("SOURCE_FILE_NAME", "source file name", "name"),
    EntityKind("EMAIL_ADDRESS", "email address", "text", True, True, "#b3e5ff"),
    EntityKind("CANDIDATE_EMAIL", "candidate's email address", "text", never_kept=True),
    EntityKind("PHONE_NUMBER", "phone number", "digits", True, True, "#b9f6ca"),
    EntityKind("UK_POSTCODE", "postcode", "squashed", True, True, "#d1c4e9"),
    EntityKind("UK_NINO", "NI number", "squashed", True, True),
    EntityKind("UK_PASSPORT", "passport number", "squashed", True, True),
    EntityKind("UK_DRIVING_LICENCE", "driving licence", "squashed", True, True),
    EntityKind("DATE_OF_BIRTH", "date of birth", "text", True, True, "#f8bbd0"),
    EntityKind("URL", "web address", "text", True),
    EntityKind("PROFILE_URL", "profile link", "text", True),
    EntityKind("STREET_ADDRESS", "address", "address", True, colour="#e1bee7"),
    EntityKind("HR_OVERRIDE", "HR correction", "phrase", colour="#cfd8dc"),
    EntityKind("GENDER", "gender"),
    EntityKind("AGE_STATEMENT", "age"),
    EntityKind("NATIONALITY_STATEMENT", "nationality"),
    EntityKind("RELIGION_ETHNICITY", "personal detail"),
    EntityKind("SCHOOL_NAME", "school"),
)
BY_NAME = {kind.name: kind for kind in KINDS}

# Kinds verify checks: every kind with recorded values.
CHECKED_KINDS = tuple(k.name for k in KINDS if k.match)
NAME_KINDS = tuple(k.name for k in KINDS if k.match == "name" and k.name != "SOURCE_FILE_NAME")
WORD_KINDS = tuple(k.name for k in KINDS if k.match == "name")
# Kinds whose value identifies one person wherever it appears, by how verify compares them.
EXACT_KINDS = {k.name: k.match for k in KINDS if k.match in ("digits", "squashed", "text")}
SPAN_RECORDED_KINDS = tuple(k.name for k in KINDS if k.from_span)
NEVER_KEPT_KINDS = tuple(k.name for k in KINDS if k.never_kept)
LABELS = {k.name: k.label for k in KINDS if k.name not in ("CANDIDATE_NAME", "REFEREE_NAME", "PERSON_NAME")}
COLOURS = {k.name: k.colour for k in KINDS if k.colour}


def label(kind: str) -> str:
    """How a person reads a kind: "phone number" for PHONE_NUMBER."""
    return LABELS.get(kind, kind.replace("_", " ").lower())
