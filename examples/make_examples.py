"""Write synthetic example applications into examples/applications/ and an ATS export.

    python examples/make_examples.py

Built from the benchmark corpus's building blocks (benchmarks/), so every name, address
and number is invented. Try them with:

    blindrec anonymise examples/applications --out out
    blindrec anonymise examples/ats-export.csv --out out-ats
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

from faker import Faker

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import phrasebook  # noqa: E402
from benchmarks.identity import make_candidate  # noqa: E402
from benchmarks.layouts import build  # noqa: E402
from benchmarks.render_docx import render_docx  # noqa: E402
from benchmarks.render_pdf import render_pdf  # noqa: E402

SEED = 2026
OUT = ROOT / "examples" / "applications"
ATS_EXPORT = ROOT / "examples" / "ats-export.csv"
# One applicant per origin group in the ATS export, with the headers a council ATS uses.
ATS_GROUPS = ("white_british", "pakistani", "chinese", "somali", "romanian", "caribbean", "vietnamese", "irish")
ATS_HEADER = ("Applicant Ref", "Title", "First Name", "Surname", "Email", "Mobile", "Address Line 1", "Town",
              "Postcode", "Date of Birth", "Gender", "Ethnicity", "Disability", "Religion", "Current Employer",
              "Current Job Title", "Qualifications", "Supporting Statement")

# (origin group, job profile, [(layout, format, file name pattern), ...]) per applicant.
EXAMPLES = (
    ("polish", "housing", [("form", "docx", "Application form - {first} {last}")]),
    ("nigerian", "finance", [("cv_header", "docx", "CV - {first} {last}"), ("cover", "docx", "Cover letter - {first} {last}")]),
    ("indian", "planning", [("cv_plain", "pdf", "{last}, {first} - CV")]),
    ("hard", "libraries", [("cv_sidebar", "docx", "{first}_{last}_CV")]),
    ("arabic", "digital", [("cover", "pdf", "Covering letter {first} {last}")]),
)


def main() -> int:
    """Write the example files; prints what it wrote."""
    rng = random.Random(SEED)
    fake = Faker("en_GB")
    fake.seed_instance(SEED)
    profiles = {p.key: p for p in phrasebook.PROFILES}
    OUT.mkdir(parents=True, exist_ok=True)
    for old in list(OUT.glob("*.docx")) + list(OUT.glob("*.pdf")):
        old.unlink()
    for number, (group, profile, documents) in enumerate(EXAMPLES, start=1):
        candidate = make_candidate(rng, fake, f"example-{number}", group, profiles[profile])
        for layout, fmt, pattern in documents:
            app, _ = build(layout, candidate, random.Random(f"{SEED}:{number}:{layout}"), fake)
            name = pattern.format(first=candidate.name.first, last=candidate.name.surname)
            path = OUT / f"{name}.{fmt}"
            path.write_bytes(render_docx(app) if fmt == "docx" else render_pdf(app))
            print(f"wrote {path.relative_to(ROOT)} ({layout})")
    write_ats_export(rng, fake, profiles)
    print(f"wrote {ATS_EXPORT.relative_to(ROOT)}")
    return 0


def write_ats_export(rng: random.Random, fake: Faker, profiles: dict) -> None:
    """A small CSV export: identifying, monitoring, free-text and pass-through columns."""
    with open(ATS_EXPORT, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(ATS_HEADER)
        for number, group in enumerate(ATS_GROUPS, start=1):
            c = make_candidate(rng, fake, f"ats-{number}", group, rng.choice(list(profiles.values())))
            job, qualification, referee = c.jobs[0], c.qualifications[0], c.referees[0]
            statement = (f"My name is {c.name.first} and I am applying for the post of {c.post}. "
                         f"{c.statement[0]} I have lived in {c.town.name} for {rng.randint(2, 30)} years. "
                         f"My current manager, {referee.name}, has agreed to act as my referee.")
            writer.writerow([f"APP-26-{rng.randint(100000, 999999)}", c.name.title, c.name.first, c.name.surname,
                             c.email, c.mobile, c.street_line, c.town.name, c.postcode, c.dob.strftime("%d/%m/%Y"),
                             "Female" if c.gender == "f" else "Male", rng.choice(_ETHNICITIES),
                             rng.choice(("No", "Yes", "Prefer not to say")),
                             rng.choice(("No religion", "Christian", "Muslim", "Buddhist", "Prefer not to say")),
                             job.employer, job.title, f"{qualification.title} ({qualification.year})", statement])


_ETHNICITIES = ("White - British", "White - Irish", "White - Any other White background", "Asian or Asian British - "
                "Pakistani", "Chinese", "Black or Black British - African", "Black or Black British - Caribbean",
                "Asian or Asian British - Any other Asian background")


if __name__ == "__main__":
    raise SystemExit(main())
