"""Plan candidates (with the collisions of issue 10), lay out their documents, write truth.json."""

from __future__ import annotations

import json
import random
import shutil
from collections import Counter
from pathlib import Path

from benchmarks.gen2 import docx_layouts, pdf_layouts, purity
from benchmarks.gen2.people import GROUPS
from benchmarks.gen2.person import Person, Rec, make_person

LAYOUTS = {**docx_layouts.LAYOUTS, **pdf_layouts.LAYOUTS}
MAIN_LAYOUTS = ("linkedin_pdf", "europass", "sidebar_textbox", "sidebar_table", "council_form", "agency",
                "footnote_cv", "spaced_caps", "plain_cv_pdf", "statement")
SECOND_LAYOUTS = ("email_printout", "cover_letter", "statement")
GENERIC_NAMES = {"linkedin_pdf": "Profile.pdf", "plain_cv_pdf": "CV.pdf", "email_printout": "Email.pdf",
                 "statement": "Supporting statement.docx", "cover_letter": "Cover letter.docx",
                 "council_form": "Application form.docx"}


def plan_people(rng: random.Random, count: int) -> list[Person]:
    """Candidates dealt round-robin over the groups, with forced name collisions."""
    people: list[Person] = []
    dealt = 0  # round-robin over groups; a collision borrows the other person's group instead
    for index in range(count):
        group = GROUPS[dealt % len(GROUPS)]
        key = f"g2-{index + 1:03d}"
        kind = index % 10
        if kind == 3 and people:  # two different people with the same full name (own contacts)
            twin = people[-1]
            person = make_person(rng, key, twin.group, given=twin.given, family=twin.family.replace("al-", ""))
            person.middle, person.sex, person.family, person.short = twin.middle, twin.sex, twin.family, twin.short
        elif kind == 6 and len(people) > 2:  # same first name
            person = make_person(rng, key, people[-3].group, given=people[-3].given)
        elif kind == 8 and len(people) > 4:  # same surname
            person = make_person(rng, key, people[-5].group, family=people[-5].family.replace("al-", ""))
        else:
            person = make_person(rng, key, group, want_short=index % 4 == 1)
            dealt += 1
        people.append(person)
    return people


def _paths(rng: random.Random, index: int, layouts: list[str], person: Person) -> list[str]:
    """Where each document goes: a sub-folder per application with generic names, a split CV/letter, or flat."""
    mode = rng.random()
    names = []
    for i, layout in enumerate(layouts):
        suffix = ".pdf" if layout in pdf_layouts.LAYOUTS else ".docx"
        generic = GENERIC_NAMES.get(layout, "CV.docx" if suffix == ".docx" else "CV.pdf")
        if mode < 0.45:
            names.append(f"Applicant {index + 1:03d}/{generic}")
        elif mode < 0.65 and i > 0:
            names.append(f"Letters and statements/{rng.randrange(1000, 9999)} {generic}")
        elif mode < 0.65:
            names.append(f"Applicant {index + 1:03d}/{generic}")
        else:
            family = person.family.replace("al-", "")
            names.append(f"{family}_{person.given}_{layout}{suffix}" if i == 0 else f"{index + 1:03d}_{generic}")
    return names


def generate(out: Path, n: int, seed: int) -> list[dict]:
    """Write `n` documents under out/applications and their truth to out/truth.json."""
    problems = purity.violations()
    if problems:
        raise SystemExit("gen2 name-word rule broken:\n" + "\n".join(problems))
    rng = random.Random(seed)
    applications = out / "applications"
    if applications.exists():
        shutil.rmtree(applications)
    applications.mkdir(parents=True)
    people = plan_people(rng, n)
    tags = collision_tags(people)
    truth: list[dict] = []
    used: set[str] = set()
    for index, person in enumerate(people):
        if len(truth) >= n:
            break
        layouts = [MAIN_LAYOUTS[index % len(MAIN_LAYOUTS)]]
        if rng.random() < 0.6:
            layouts.append(rng.choice([s for s in SECOND_LAYOUTS if s != layouts[0]]))
        if person.short and not {"email_printout", "cover_letter"} & set(layouts):  # somewhere to sign "Mo"
            layouts.append(rng.choice(("email_printout", "cover_letter")))
        if rng.random() < 0.15 and layouts[0] != "council_form":
            layouts.append("council_form")
        layouts = layouts[: n - len(truth)]
        for relative, layout in zip(_paths(rng, index, layouts, person), layouts):
            relative = _unique(relative, used)
            rec = Rec()
            if relative.count("/") and relative.split("/")[0].startswith("Letters"):
                rec.feature("separate_subfolder")
            elif "/" in relative:
                rec.feature("subfolder_generic_name")
            else:
                rec.name(person.family.replace("al-", ""), full=False)
                rec.name(person.given, full=False)
                rec.feature("name_in_file_name")
            LAYOUTS[layout](person, applications / relative, rec, random.Random(rng.random()))
            truth.append(_entry(relative, person, layout, rec, tags.get(person.key, [])))
    (out / "truth.json").write_text(json.dumps(truth, indent=1, ensure_ascii=False), encoding="utf-8")
    return truth


def _unique(relative: str, used: set[str]) -> str:
    """A path no other document has, numbered the way a second download is ('CV (1).docx')."""
    stem, dot, suffix = relative.rpartition(".")
    candidate, number = relative, 0
    while candidate.lower() in used:
        number += 1
        candidate = f"{stem} ({number}).{suffix}"
    used.add(candidate.lower())
    return candidate


def collision_tags(people: list[Person]) -> dict[str, list[str]]:
    """Which name collisions each candidate is part of (issue 10), for the grouping figures."""
    counts = {
        "same_full_name": Counter(p.full_name() for p in people),
        "same_first_name": Counter(p.given for p in people),
        "same_surname": Counter(p.family for p in people),
        "same_short_name": Counter(p.short for p in people if p.short),
    }
    values = {"same_full_name": lambda p: p.full_name(), "same_first_name": lambda p: p.given,
              "same_surname": lambda p: p.family, "same_short_name": lambda p: p.short}
    return {p.key: [tag for tag, counter in counts.items() if counter.get(values[tag](p), 0) > 1] for p in people}


def _entry(relative: str, person: Person, layout: str, rec: Rec, collisions: list[str]) -> dict:
    """One truth entry in the format benchmarks/score.py reads, plus origin_cues."""
    made_with = "fpdf2" if relative.endswith(".pdf") else "python-docx"
    return {"file": relative, "candidate_key": person.key, "group": person.group.key, "layout": layout,
            "format": relative.rsplit(".", 1)[1], "made_with": made_with, "generator": "gen2",
            "identifiers": rec.ids, "keep": rec.keep, "features": rec.features, "origin_cues": rec.cues,
            "town": person.town, "collisions": collisions}
