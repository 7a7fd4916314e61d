"""Sentences and lines shared by the layouts; each records what it writes."""

from __future__ import annotations

import random

from benchmarks.gen2 import content
from benchmarks.gen2.person import MONTHS, TODAY, Job, Person, Rec, months_between, written_dob


def month_year(day) -> str:
    """'March 2021'."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def span(job: Job) -> str:
    """'March 2021 - Present'."""
    return f"{month_year(job.start)} - {month_year(job.end) if job.end else 'Present'}"


def summary(p: Person, rec: Rec, rng: random.Random) -> str:
    """A profile paragraph: role, skills, one result; no name."""
    skills = rng.sample(p.role["skills"], 2)
    years = TODAY.year - p.jobs[-1].start.year
    return (f"{rec.k(p.role['title'])} with {years} years in public services. Experienced in "
            f"{rec.k(skills[0])} and {rec.k(skills[1])}; most recently {rec.k(rng.choice(p.role['wins']))}.")


def job_lines(p: Person, rec: Rec, rng: random.Random, job: Job, durations: bool = False) -> list[str]:
    """Heading, dates and one duty line for a post."""
    when = span(job) + (f" ({months_between(job.start, job.end or TODAY)})" if durations else "")
    if job.abroad:
        employer = rec.cue("employer_abroad", job.employer, (job.employer.split(",")[0],))
    else:
        employer = rec.k(job.employer)
    duty = rng.choice(p.role["skills"])
    return [f"{rec.k(job.title)}, {employer}", when, f"Responsible for {rec.k(duty)} and {rng.choice(content.STRENGTHS)}."]


def education_lines(p: Person, rec: Rec, rng: random.Random, abroad: bool) -> list[str]:
    """A qualification, and a school (abroad: an origin cue)."""
    lines = [f"{rec.k(rng.choice(content.QUALIFICATIONS))}, {rec.k(p.school)}"]
    if abroad and p.group.key not in content.REGIONAL:
        school = p.cue_sets["school"][0]
        lines.append(f"Secondary education: {rec.cue('school_abroad', school, (school.split(',')[0],))}")
    return lines


def languages_line(p: Person, rec: Rec) -> str:
    """Languages spoken (a strict-level origin cue)."""
    spoken = p.cue_sets["languages"]
    text = ", ".join(f"{lang} (native)" if i == 0 else f"{lang} (good)" for i, lang in enumerate(spoken))
    return f"Languages: English (fluent), {rec.cue('languages', text, spoken)}"


def worship_line(p: Person, rec: Rec) -> str:
    """Volunteering at a place of worship (a strict-level origin cue)."""
    marker = p.cue_sets["worship"][0]
    place = content.PLACE_OF_WORSHIP_WORDS.get(marker) or (
        marker if any(word in marker for word in ("Church", "Mission")) else f"{marker} church")
    return rec.cue("worship_volunteering", f"I volunteer at my local {place}, running its weekly food parcel scheme.",
                   (marker,))


def birth_line(p: Person, rec: Rec) -> str:
    """Place of birth (a standard-level origin cue)."""
    place = ", ".join(p.cue_sets["birth"])
    return "Place of birth: " + rec.cue("place_of_birth", place, p.cue_sets["birth"][:1])


def nationality_line(p: Person, rec: Rec) -> str:
    """Nationality (standard level)."""
    return "Nationality: " + rec.cue("nationality", p.cue_sets["nationality"][0], p.cue_sets["nationality"])


def moved_line(p: Person, rec: Rec) -> str:
    """'I moved to the UK from X in YYYY' (standard level)."""
    place = p.cue_sets["birth"][-1]
    return rec.cue("moved_from", f"I moved to the UK from {place} in {p.dob.year + 19}.", (place,))


def address_lines(p: Person, rec: Rec) -> list[str]:
    """The candidate's address block; the town is shared with others and is not an identifier."""
    lines = []
    if p.building_line:
        rec.add("street_lines", p.building_line)
        lines.append(p.building_line)
    rec.add("street_lines", p.street_line)
    rec.add("postcodes", p.postcode)
    return lines + [p.street_line, p.town, p.postcode]


def email(p: Person, rec: Rec) -> str:
    """The candidate's email."""
    rec.add("emails", p.email)
    return p.email


def phone(p: Person, rec: Rec) -> str:
    """The candidate's phone."""
    rec.add("phones", p.phone)
    return p.phone


def dob(p: Person, rec: Rec, rng: random.Random) -> str:
    """The date of birth as written."""
    rec.add("dob", p.dob.isoformat())
    return written_dob(rng, p.dob)


def ni(p: Person, rec: Rec) -> str:
    """The NI number."""
    rec.add("ni_numbers", p.ni)
    return p.ni


def profile_link(p: Person, rec: Rec, rng: random.Random) -> str:
    """A profile link, full or partial ('linkedin: /in/slug/')."""
    style = rng.randrange(4)
    if style == 0:
        url = f"https://www.linkedin.com/in/{p.slug}"
        rec.add("urls", url)
        return url
    if style == 1:
        url = f"linkedin.com/in/{p.slug}/"
        rec.add("urls", url)
        return url
    if style == 2:
        rec.add("urls", f"/in/{p.slug}/")
        rec.feature("partial_link")
        return f"linkedin: /in/{p.slug}/"
    rec.add("urls", f"/{p.slug}-work")
    rec.feature("partial_link")
    return f"Github: /{p.slug}-work"


def referee_block(p: Person, rec: Rec) -> list[str]:
    """Two referees (shared across candidates): name, post, employer, email, phone."""
    lines = []
    for referee in p.referees:
        lines += [rec.referee(referee), f"{referee.job}, {rec.k(referee.employer)}", referee.email, referee.phone, ""]
    return lines


def statement(p: Person, rec: Rec, rng: random.Random, cues: bool = True) -> list[str]:
    """Supporting-statement paragraphs against the person specification, with origin cues."""
    skills = p.role["skills"]
    paragraphs = [
        f"I am applying for the post of {rec.k(p.role['title'])} (reference {p.role['post']}). In my current post at "
        f"{rec.k(p.jobs[0].employer)} I have {rec.k(p.role['wins'][0])}, and I have {rec.k(p.role['wins'][1])}.",
        f"The person specification asks for {rec.k(skills[2])}. I have used it daily, alongside "
        f"{rec.k(skills[3])}, and I keep {rec.k(rng.choice(content.STRENGTHS))} at the centre of my work.",
    ]
    if cues:
        paragraphs.append(worship_line(p, rec) + " " + languages_line(p, rec) + ".")
        if rng.random() < 0.5 and p.group.key not in content.UK_BORN:
            paragraphs.append(moved_line(p, rec))
    return paragraphs


def file_tag(p: Person) -> str:
    """An agency's footer file tag such as '20260211_Surname_CV'."""
    return f"{TODAY:%Y%m%d}_{p.family.replace('al-', '').replace(' ', '')}_CV"
