"""Synthetic applicants: who they are, how to reach them, and the career they describe.

Everything is drawn from a seeded random generator (names from benchmarks/names.py,
referees from Faker's en_GB provider), so the same seed gives the same people.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date

from faker import Faker

from benchmarks import phrasebook as pb
from benchmarks.matching import MONTHS, fold
from benchmarks.names import GROUPS_BY_KEY, feminine_surname, name_words
from benchmarks.purity import usable_other_name

# Applications are dated as if the corpus were collected in spring 2026.
TODAY = date(2026, 3, 2)
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
NI_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
NI_SECOND = "ABCEGHJKLMNPRSTWXYZ"
NI_BAD_PREFIXES = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


@dataclass(frozen=True)
class PersonName:
    """A candidate's name: given names (first, then middle), surname, title and a known-as name."""

    given: tuple[str, ...]
    surname: str
    title: str
    known_as: str = ""

    @property
    def first(self) -> str:
        """The first given name."""
        return self.given[0]

    @property
    def full(self) -> str:
        """First name and surname."""
        return f"{self.first} {self.surname}"

    @property
    def surname_core(self) -> str:
        """The surname without leading particles ("van der Berg" -> "Berg")."""
        return " ".join(name_words(self.surname))


@dataclass(frozen=True)
class Referee:
    """A referee as a form or CV lists them."""

    name: str
    position: str
    organisation: str
    email: str
    phone: str
    relationship: str


@dataclass(frozen=True)
class Job:
    """One post in a career history."""

    title: str
    employer: str
    start: date
    end: date | None
    duties: tuple[str, ...]


@dataclass(frozen=True)
class Qualification:
    """A qualification with where and when it was gained."""

    title: str
    institution: str
    year: int
    professional: bool


@dataclass(frozen=True)
class Candidate:
    """One synthetic applicant and everything their documents may say."""

    key: str
    group: str
    gender: str
    name: PersonName
    street_line: str
    town: pb.Town
    postcode: str
    mobile: str          # national digits, 11 long
    landline: str        # national digits or ""
    email: str
    dob: date
    ni_number: str       # compact, e.g. "JK123456C"
    urls: tuple[str, ...]
    profile: pb.JobProfile
    post: str
    post_ref: str
    applying_to: str     # the council advertising the post
    jobs: tuple[Job, ...]
    qualifications: tuple[Qualification, ...]
    skills: tuple[str, ...]
    software: tuple[str, ...]
    figures: tuple[tuple[str, str], ...]
    statement: tuple[str, ...]
    referees: tuple[Referee, Referee]
    signs_with_nickname: bool = False  # a cover letter signed with the known-as name alone

    @property
    def years_experience(self) -> int:
        """Years since the first job started."""
        return TODAY.year - min(j.start.year for j in self.jobs)


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters and digits only (for email local parts and URLs)."""
    return re.sub(r"[^a-z0-9]", "", fold(text).lower())


def make_name(rng: random.Random, group_key: str, gender: str) -> PersonName:
    """A name from a group's lists, sometimes with a middle name or a known-as name."""
    group = GROUPS_BY_KEY[group_key]
    pool = group.female if gender == "f" else group.male
    first = rng.choice(pool)
    given = (first,)
    if rng.random() < 0.25:
        middle = rng.choice([g for g in pool if g != first])
        given = (first, middle)
    surname = rng.choice(group.surnames)
    if gender == "f" and group.gendered_surnames:
        surname = feminine_surname(surname)
    titles = ("Ms", "Mrs", "Miss", "Dr") if gender == "f" else ("Mr", "Mr", "Mr", "Dr")
    title = rng.choice(titles) if rng.random() < 0.9 else "Mx"
    known_as = ""
    if rng.random() < 0.12:
        # A short form of a long first name, or an English name used at work.
        others = [g for g in pool if g not in given and len(g) <= 6]
        known_as = rng.choice(others) if others else ""
    return PersonName(given, surname, title, known_as)


def make_postcode(rng: random.Random, town: pb.Town) -> str:
    """A postcode in the town's area, in standard form (outward space inward)."""
    inward = f"{rng.randint(1, 9)}{rng.choice(INWARD_LETTERS)}{rng.choice(INWARD_LETTERS)}"
    return f"{town.area}{rng.choice(town.districts)} {inward}"


def make_street_line(rng: random.Random) -> str:
    """A numbered street line, sometimes a flat."""
    street = f"{rng.choice(pb.STREET_STEMS)} {rng.choice(pb.STREET_TYPES)}"
    number = f"{rng.randint(1, 240)}{rng.choice(['', '', '', '', 'a', 'b'])}"
    if rng.random() < 0.15:
        return f"{rng.choice(pb.FLAT_WORDS)} {rng.randint(1, 24)}, {number} {street}"
    return f"{number} {street}"


def make_mobile(rng: random.Random) -> str:
    """An 11-digit UK mobile number."""
    return "07" + rng.choice("1234789") + "".join(str(rng.randint(0, 9)) for _ in range(8))


def make_landline(rng: random.Random, code: str) -> str:
    """A UK landline in a dialling code, as national digits."""
    return code + "".join(str(rng.randint(0, 9)) for _ in range(11 - len(code)))


def make_ni_number(rng: random.Random) -> str:
    """A National Insurance number in a valid-looking format."""
    while True:
        prefix = rng.choice(NI_FIRST) + rng.choice(NI_SECOND)
        if prefix not in NI_BAD_PREFIXES:
            break
    return prefix + "".join(str(rng.randint(0, 9)) for _ in range(6)) + rng.choice("ABCD")


def make_email(rng: random.Random, name: PersonName, dob: date) -> str:
    """A personal email whose local part is built from the name in one of several ways."""
    first, last = ascii_slug(name.first), ascii_slug(name.surname)
    core = ascii_slug(name.surname_core.split()[-1])
    styles = (
        f"{first}.{last}", f"{first}{last}", f"{first[0]}.{last}", f"{first}_{last}{dob.year % 100:02d}",
        f"{last}.{first}", f"{first}.{core}{rng.randint(1, 99)}", f"{first}{core[0]}{rng.randint(100, 999)}",
        f"{core}{first[0]}", f"{first}-{core}",
    )
    return f"{rng.choice(styles)}@{rng.choice(pb.EMAIL_DOMAINS)}"


def make_urls(rng: random.Random, name: PersonName, profile: pb.JobProfile) -> tuple[str, ...]:
    """Profile links: LinkedIn often, a code profile for digital posts."""
    urls = []
    first, last = ascii_slug(name.first), ascii_slug(name.surname)
    if rng.random() < 0.45:
        slug = rng.choice((f"{first}-{last}-{rng.getrandbits(16):04x}", f"{first}{last}", f"{first[0]}{last}{rng.randint(1, 99)}",
                           f"{last}-{first}"))
        prefix = rng.choice(("linkedin.com/in/", "www.linkedin.com/in/", "https://www.linkedin.com/in/", "uk.linkedin.com/in/"))
        urls.append(prefix + slug)
    if profile.key == "digital" and rng.random() < 0.6:
        urls.append(rng.choice(("github.com/", "https://github.com/")) + f"{first[0]}{last}")
    return tuple(urls)


def make_other_name(fake: Faker, gender: str | None = None) -> tuple[str, str]:
    """A first name and surname for someone who is not a candidate (a referee, an addressee)."""
    while True:
        first = fake.first_name_female() if gender == "f" else fake.first_name_male() if gender == "m" else fake.first_name()
        last = fake.last_name()
        if usable_other_name(f"{first} {last}"):
            return first, last


def domain_for(organisation: str) -> str:
    """An email domain for an organisation (example.* only)."""
    words = [w for w in re.findall(r"[A-Za-z]+", organisation) if w.lower() not in {"of", "and", "the", "council", "borough", "metropolitan", "city", "county", "district", "nhs", "foundation", "trust", "llp"}]
    slug = "".join(words).lower()[:14] or "org"
    suffix = pb.REFEREE_EMAIL_SUFFIX if "Council" in organisation or "Authority" in organisation else "example.org"
    return f"{slug}.{suffix}"


def make_referee(rng: random.Random, fake: Faker, organisation: str, taken: set[str]) -> Referee:
    """A referee at an organisation, with a work email and phone."""
    while True:
        first, last = make_other_name(fake)
        if first.lower() not in taken and last.lower() not in taken:
            break
    taken.update({first.lower(), last.lower()})
    email = f"{ascii_slug(first)}.{ascii_slug(last)}@{domain_for(organisation)}"
    town = rng.choice(pb.TOWNS)
    phone = make_landline(rng, town.dialling_code) if rng.random() < 0.7 else make_mobile(rng)
    return Referee(f"{first} {last}", rng.choice(pb.REFEREE_POSITIONS), organisation, email, phone,
                   rng.choice(pb.RELATIONSHIPS))


def _career(rng: random.Random, profile: pb.JobProfile, degree_year: int) -> tuple[Job, ...]:
    """Two to four jobs since graduating, most recent first."""
    count = min(rng.randint(2, 4), max(2, (TODAY.year - degree_year) // 2))
    titles = list(profile.ladder)
    employers = list(pb.COUNCILS) + list(profile.employers) * 2
    rng.shuffle(employers)
    jobs = []
    end: date | None = None
    start_floor = date(degree_year, 9, 1)
    cursor = TODAY
    for i in range(count):
        length_months = rng.randint(14, 70)
        start_year = cursor.year - length_months // 12
        start_month = rng.randint(1, 12)
        start = date(max(start_year, start_floor.year), start_month, 1)
        if start >= cursor:
            start = date(cursor.year - 1, start_month, 1)
        duties = tuple(rng.sample(profile.duties, rng.randint(2, 3)))
        jobs.append(Job(titles[min(i, len(titles) - 1)], employers[i], start, end, duties))
        end = start
        cursor = start
    return tuple(jobs)


def _qualifications(rng: random.Random, group: str, profile: pb.JobProfile, degree_year: int, jobs: tuple[Job, ...]) -> tuple[Qualification, ...]:
    """A degree (UK or overseas) and one or two professional qualifications with years."""
    overseas = pb.OVERSEAS_UNIVERSITIES.get(group, ())
    university = rng.choice(overseas) if overseas and rng.random() < 0.45 else rng.choice(pb.UK_UNIVERSITIES)
    quals = [Qualification(rng.choice(profile.degrees), university, degree_year, False)]
    first_job = min(j.start.year for j in jobs)
    for title, body in rng.sample(profile.professional, min(len(profile.professional), rng.randint(1, 2))):
        year = rng.randint(min(first_job + 1, TODAY.year - 1), TODAY.year - 1)
        quals.append(Qualification(title, body, year, True))
    return tuple(quals)


def make_candidate(rng: random.Random, fake: Faker, key: str, group: str, profile: pb.JobProfile | None = None) -> Candidate:
    """A whole synthetic applicant for one group."""
    gender = rng.choice("fm")
    name = make_name(rng, group, gender)
    dob = date(rng.randint(1964, 2001), rng.randint(1, 12), rng.randint(1, 28))
    town = rng.choice(pb.TOWNS)
    profile = profile or rng.choice(pb.PROFILES)
    degree_year = min(dob.year + rng.randint(21, 24), TODAY.year - 3)
    jobs = _career(rng, profile, degree_year)
    taken = {fold(w).lower() for w in name_words(" ".join(name.given) + " " + name.surname)}
    referees = (make_referee(rng, fake, jobs[0].employer, taken), make_referee(rng, fake, jobs[1].employer, taken))
    prefix = rng.choice(pb.POST_REFERENCE_PREFIXES)
    return Candidate(
        key=key, group=group, gender=gender, name=name,
        street_line=make_street_line(rng), town=town, postcode=make_postcode(rng, town),
        mobile=make_mobile(rng), landline=make_landline(rng, town.dialling_code) if rng.random() < 0.35 else "",
        email=make_email(rng, name, dob), dob=dob, ni_number=make_ni_number(rng),
        urls=make_urls(rng, name, profile), profile=profile, post=rng.choice(profile.posts),
        post_ref=f"{prefix}{rng.randint(1000, 9999)}-{rng.randint(10, 99)}",
        applying_to=rng.choice(pb.COUNCILS[:-1]),
        jobs=jobs, qualifications=_qualifications(rng, group, profile, degree_year, jobs),
        skills=tuple(rng.sample(profile.skills, rng.randint(5, 7))),
        software=tuple(rng.sample(profile.software, min(len(profile.software), rng.randint(2, 4)))),
        figures=tuple(rng.sample(profile.figures, rng.randint(2, 3))),
        statement=tuple(rng.sample(profile.statement, rng.randint(3, 5))),
        referees=referees,
    )


# ---- How identifiers are written, one style per document ------------------------------------

PHONE_STYLES = ("space_5_3_3", "space_5_6", "compact", "dashes", "intl_zero", "intl_spaced", "intl_compact", "intl_00")


def format_phone(digits: str, style: str) -> str:
    """A national-digits UK number in one of the common written styles."""
    if digits.startswith("07"):
        a, b, c = digits[:5], digits[5:8], digits[8:]
        rest = digits[1:]
        return {
            "space_5_3_3": f"{a} {b} {c}", "space_5_6": f"{a} {b}{c}", "compact": digits, "dashes": f"{a}-{b}-{c}",
            "intl_zero": f"+44 (0){rest[:4]} {rest[4:]}", "intl_spaced": f"+44 {rest[:4]} {rest[4:7]} {rest[7:]}",
            "intl_compact": f"+44{rest}", "intl_00": f"0044 {rest[:4]} {rest[4:]}",
        }[style]
    code, local = _split_landline(digits)
    if style in ("space_5_3_3", "dashes") and len(local) == 7:
        sep = " " if style == "space_5_3_3" else "-"
        return f"{code}{sep}{local[:3]}{sep}{local[3:]}"
    if style in ("intl_zero", "intl_spaced", "intl_compact", "intl_00"):
        return f"+44 {code[1:]} {local}" if style != "intl_zero" else f"+44 (0){code[1:]} {local}"
    if style == "compact":
        return f"({code}) {local}"
    return f"{code} {local}"


def _split_landline(digits: str) -> tuple[str, str]:
    """Dialling code and local number of a national landline."""
    for code_length in (5, 4, 3):
        code = digits[:code_length]
        if code in {t.dialling_code for t in pb.TOWNS}:
            local = digits[code_length:]
            if code == "024":
                return code, f"{local[:4]} {local[4:]}"
            return code, local
    return digits[:5], digits[5:]


POSTCODE_STYLES = ("standard", "standard", "standard", "no_space", "lower")


def format_postcode(postcode: str, style: str) -> str:
    """A postcode with or without its space, or in lower case."""
    if style == "no_space":
        return postcode.replace(" ", "")
    if style == "lower":
        return postcode.lower()
    return postcode


NI_STYLES = ("compact", "pairs", "split")


def format_ni(ni_number: str, style: str) -> str:
    """An NI number compact (JK123456C), in pairs (JK 12 34 56 C) or split (JK 123456 C)."""
    if style == "pairs":
        return " ".join([ni_number[:2], ni_number[2:4], ni_number[4:6], ni_number[6:8], ni_number[8]])
    if style == "split":
        return f"{ni_number[:2]} {ni_number[2:8]} {ni_number[8]}"
    return ni_number


DOB_STYLES = ("slash", "long", "iso", "ordinal", "dots", "short_month", "us_long")


def format_dob(born: date, style: str) -> str:
    """A date of birth in one of the common UK (and one US) written styles."""
    month = MONTHS[born.month - 1]
    day = born.day
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return {
        "slash": born.strftime("%d/%m/%Y"), "long": f"{day} {month} {born.year}", "iso": born.isoformat(),
        "ordinal": f"{day}{suffix} {month} {born.year}", "dots": born.strftime("%d.%m.%Y"),
        "short_month": f"{day:02d} {month[:3]} {born.year}", "us_long": f"{month} {day}, {born.year}",
    }[style]


def format_month_year(when: date | None, present: str) -> str:
    """An employment date as "March 2019", or the word for the current job."""
    return present if when is None else f"{MONTHS[when.month - 1]} {when.year}"
