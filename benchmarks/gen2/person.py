"""A synthetic candidate (name, contacts, career, origin cues) and the recorder that turns what a
layout writes into a truth entry."""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from benchmarks.gen2 import content
from benchmarks.gen2.people import FEMININE_SURNAME, PARTICLES, REFEREES, SHORT_NAMES, Group

CATEGORIES = ("name_tokens", "full_names", "emails", "phones", "postcodes", "street_lines", "dob", "ni_numbers",
              "urls", "referee_name_tokens")
TODAY = date(2026, 2, 11)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# Ofcom's ranges reserved for drama: numbers that reach nobody.
PHONE_RANGES = (("07700", "900"), ("0113", "496"), ("020", "7946"), ("029", "2018"), ("0191", "498"), ("01632", "960"))
EMAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example.com", "post.example.org")
_NI_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
_NI_SECOND = "ABCEGHJKLMNPRSTWXYZ"
_POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def name_tokens(name: str) -> list[str]:
    """The name words of a written name: hyphens split, particles dropped, superscripts stripped."""
    words = re.split(r"[\s\-]+", re.sub(r"[¹²³⁴*†]", "", name).strip())
    return [w for w in words if w and w.lower() not in PARTICLES and w.lower() != "al"]


def ascii_fold(text: str) -> str:
    """Lower-case ASCII for email local parts and profile slugs."""
    text = text.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if c.isascii() and c.isalnum()).lower()


@dataclass(frozen=True)
class Referee:
    """Someone a candidate names as a referee (shared across candidates on purpose)."""

    first: str
    family: str
    job: str
    employer: str
    email: str
    phone: str

    @property
    def name(self) -> str:
        """The referee's full name."""
        return f"{self.first} {self.family}"


@dataclass(frozen=True)
class Job:
    """One post held."""

    title: str
    employer: str
    start: date
    end: date | None
    abroad: bool = False


@dataclass
class Person:
    """One synthetic candidate."""

    key: str
    group: Group
    sex: str
    given: str
    middle: tuple[str, ...]
    family: str
    short: str | None
    previous: str | None
    email: str
    phone: str
    town: str
    postcode: str
    street_line: str
    building_line: str
    dob: date
    ni: str
    slug: str
    role: dict
    jobs: list[Job]
    school: str
    referees: tuple[Referee, Referee]
    cue_sets: dict = field(default_factory=dict)

    def full_name(self, variant: int = 0) -> str:
        """The name as a document writes it; variant picks family-first or capitalised styles."""
        parts = [self.given, *self.middle, self.family] if self.family else [self.given, *self.middle]
        if self.group.style == "family_first" and variant % 2 == 1:
            return f"{self.family.upper()} {self.given}"
        if self.group.style == "family_first" and variant % 3 == 2:
            return f"{self.given} {self.family.upper()}"
        return " ".join(parts)

    @property
    def first_last(self) -> str:
        """Given name and family name only."""
        return f"{self.given} {self.family}".strip()


def _phone(rng: random.Random, style: int) -> str:
    """A number in a drama range, in one of several written styles."""
    area, exchange = rng.choice(PHONE_RANGES)
    tail = f"{rng.randrange(1000):03d}" if area in ("07700", "01632") else f"0{rng.randrange(1000):03d}"
    if style % 4 == 3:
        return f"+44 {area[1:]} {exchange} {tail}"
    if style % 5 == 4 and area != "07700":
        return f"({area}) {exchange} {tail}"
    return f"{area} {exchange} {tail}" if style % 3 else f"{area} {exchange}{tail}"


def _ni(rng: random.Random) -> str:
    """A National Insurance number of the right shape."""
    while True:
        prefix = rng.choice(_NI_FIRST) + rng.choice(_NI_SECOND)
        if prefix not in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
            break
    digits = f"{rng.randrange(10**6):06d}"
    suffix = rng.choice("ABCD")
    if rng.random() < 0.5:
        return f"{prefix} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"
    return f"{prefix}{digits}{suffix}"


def _referees(rng: random.Random) -> tuple[Referee, Referee]:
    """Two referees from the shared pool, each with a fixed email and phone."""
    chosen = rng.sample(range(len(REFEREES)), 2)
    result = []
    for index in chosen:
        first, family, job = REFEREES[index]
        employer = content.EMPLOYERS[index % len(content.EMPLOYERS)]
        email = f"{ascii_fold(first)}.{ascii_fold(family)}@{content.EMAIL_DOMAINS_ORG[index % 3]}"
        phone = f"0113 496 {index:04d}"
        result.append(Referee(first, family, job, employer, email, phone))
    return tuple(result)  # type: ignore[return-value]


def make_person(rng: random.Random, key: str, group: Group, *, given: str | None = None, family: str | None = None,
                want_short: bool = False) -> Person:
    """A candidate of a group; given/family force a collision with another candidate."""
    sex = rng.choice("FM")
    pool = group.female if sex == "F" else group.male
    if want_short:
        shorts = [n for n in pool if n in SHORT_NAMES] or [n for n in group.female + group.male if n in SHORT_NAMES]
        if shorts:
            given = given or rng.choice(shorts)
            sex = "F" if given in group.female else "M"
    if given and not want_short:
        sex = "F" if given in group.female else "M"
    given = given or rng.choice(pool)
    family = family if family is not None else rng.choice(group.family)
    if sex == "F":
        family = FEMININE_SURNAME.get(family, family)
    middle: tuple[str, ...] = ()
    if group.style == "sikh":
        middle = ("Kaur",) if sex == "F" else ("Singh",)
    elif group.style == "patronymic":
        middle = (rng.choice([n for n in group.male if n != given]),)
    elif group.style == "arabic":
        roll = rng.random()
        father = rng.choice([n for n in group.male if n != given])
        if roll < 0.35:
            middle = ("bin" if sex == "M" else "bint", father)
            family = f"al-{family}"
        elif roll < 0.55:
            middle = ("Abu",)
        elif roll < 0.8:
            family = f"al-{family}"
    elif group.style == "western" and rng.random() < 0.25:
        middle = (rng.choice([n for n in pool if n != given]),)
    short = SHORT_NAMES.get(given)
    previous = rng.choice([f for f in group.family if f not in family]) if sex == "F" and rng.random() < 0.3 else None
    town, outwards = rng.choice(content.TOWNS)
    postcode = f"{rng.choice(outwards)} {rng.randrange(1, 10)}{rng.choice(_POSTCODE_LETTERS)}{rng.choice(_POSTCODE_LETTERS)}"
    street_line = f"{rng.randrange(2, 140)} {rng.choice(content.STREETS)}"
    building_line = f"Flat {rng.randrange(1, 60)}, {rng.choice(content.BUILDINGS)}" if rng.random() < 0.4 else ""
    dob = date(rng.randrange(1966, 2003), rng.randrange(1, 13), rng.randrange(1, 29))
    fam = ascii_fold(family.replace("al-", ""))
    first = ascii_fold(given)
    yy = f"{dob.year % 100:02d}"
    local = rng.choice([f"{first}.{fam}", f"{first[0]}{fam}{yy}", f"{first}{fam[0]}{yy}", f"{fam}.{first}"])
    email = f"{local}@{rng.choice(EMAIL_DOMAINS)}"
    slug = rng.choice([f"{first}{fam[0]}{yy}", f"{first}-{fam}-{rng.randrange(10, 99)}", f"{fam}{first[0]}"])
    role = rng.choice(content.ROLES)
    jobs = _career(rng, role, group.key)
    cues = content.CUES[group.key]
    return Person(key, group, sex, given, middle, family, short, previous, email, _phone(rng, rng.randrange(20)),
                  town, postcode, street_line, building_line, dob, _ni(rng), slug, role, jobs,
                  rng.choice(content.UK_SCHOOLS), _referees(rng), cues)


def _career(rng: random.Random, role: dict, group_key: str) -> list[Job]:
    """Three posts, most recent first; the oldest may be abroad (an origin cue)."""
    employers = rng.sample(content.EMPLOYERS, 3)
    start = date(2026 - rng.randrange(1, 4), rng.randrange(1, 13), 1)
    jobs = [Job(role["title"], employers[0], start, None)]
    for index in (1, 2):
        end = date(start.year, start.month, 1)
        start = date(end.year - rng.randrange(1, 4), rng.randrange(1, 13), 1)
        abroad = index == 2 and rng.random() < 0.6 and group_key not in content.REGIONAL
        employer = content.CUES[group_key]["employer"][0] if abroad else employers[index]
        title = rng.choice(("Assistant Officer", "Project Support Officer", "Graduate Trainee", "Technical Officer",
                            "Administrative Assistant", "Caseworker"))
        jobs.append(Job(title, employer, start, end, abroad))
    return jobs


def months_between(start: date, end: date) -> str:
    """LinkedIn's duration: '2 years 3 months'."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years > 1 else ''}")
    if rest:
        parts.append(f"{rest} month{'s' if rest > 1 else ''}")
    return " ".join(parts) or "1 month"


def written_dob(rng: random.Random, born: date) -> str:
    """A date of birth in one of the ways people write it."""
    style = rng.randrange(5)
    if style == 0:
        return born.strftime("%d/%m/%Y")
    if style == 1:
        return f"{born.day} {MONTHS[born.month - 1]} {born.year}"
    if style == 2:
        return born.strftime("%d.%m.%Y")
    if style == 3:
        return born.isoformat()
    return f"{born.day:02d}-{born.month:02d}-{born.year}"


class Rec:
    """Records what a layout actually wrote, so the truth never claims something a file lacks."""

    def __init__(self) -> None:
        self.ids: dict[str, list[str]] = {c: [] for c in CATEGORIES}
        self.keep: list[str] = []
        self.features: list[str] = []
        self.cues: list[dict] = []

    def add(self, category: str, *values: str) -> None:
        """Add identifiers of a category (duplicates dropped)."""
        for value in values:
            if value and value not in self.ids[category]:
                self.ids[category].append(value)

    def name(self, written: str, full: bool = True) -> str:
        """A candidate name as written; its words become name tokens, the whole a full name."""
        self.add("name_tokens", *name_tokens(written))
        if full and len(name_tokens(written)) > 1:
            self.add("full_names", re.sub(r"[¹²³⁴*†]", "", written).strip())
        return written

    def referee(self, referee: Referee) -> str:
        """A referee's name, email and phone."""
        self.add("referee_name_tokens", referee.first, referee.family)
        self.add("emails", referee.email)
        self.add("phones", referee.phone)
        return referee.name

    def k(self, phrase: str) -> str:
        """A keep phrase as written."""
        if phrase not in self.keep:
            self.keep.append(phrase)
        return phrase

    def cue(self, kind: str, text: str, markers: tuple[str, ...]) -> str:
        """An origin cue: what it says, which words give it away, and the least level that must remove it."""
        level = "standard" if kind in content.STANDARD_KINDS else "strict"
        self.cues.append({"kind": kind, "text": text, "markers": list(markers), "level": level})
        return text

    def feature(self, *names: str) -> None:
        """Note a trap the file contains."""
        for name in names:
            if name not in self.features:
                self.features.append(name)
