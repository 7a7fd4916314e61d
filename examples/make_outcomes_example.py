"""Write a synthetic campaign for outcome monitoring into examples/outcomes/ (no real person in it).

    python examples/make_outcomes_example.py

The campaign is what blindrec leaves in hr/ after `anonymise` on an ATS export (key.csv,
monitoring.csv) and `decisions` (decisions.csv): 420 applicants under random-looking
candidate IDs, invented monitoring answers, and stage decisions drawn so that some groups
are shortlisted less often. Small groups are there on purpose, to show suppression. Try:

    blindrec outcomes examples/outcomes/campaign-2026-061 --out outcomes-report
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = ROOT / "examples" / "outcomes" / "campaign-2026-061"
SEED = 17
APPLICANTS = 420
ETHNICITIES = (("White - English, Welsh, Scottish, Northern Irish or British", 120), ("White - Irish", 8),
               ("White - Any other White background", 16), ("Asian or Asian British - Indian", 24),
               ("Asian or Asian British - Pakistani", 20), ("Asian or Asian British - Bangladeshi", 6),
               ("Black or Black British - African", 22), ("Black or Black British - Caribbean", 10),
               ("Mixed - White and Black Caribbean", 4), ("Mixed - White and Asian", 3), ("Arab", 3),
               ("Prefer not to say", 12), ("", 12))
SHORTLIST = {"White": 0.40, "Asian": 0.30, "Black": 0.26, "Mixed": 0.35, "Arab": 0.3, "": 0.3, "Prefer": 0.3}


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def applicant(rng: random.Random) -> tuple[str, dict[str, str], list[str]]:
    """One invented applicant: candidate ID, monitoring answers, stages reached."""
    candidate_id = f"{rng.choice('BCDFGHJKLMNPQRSTVWXZ')}{rng.randrange(16**5):05X}"
    answers = {"Gender": _weighted(rng, (("Female", 52), ("Male", 44), ("Non-binary", 1), ("Prefer not to say", 3))),
               "Ethnicity": _weighted(rng, ETHNICITIES),
               "Disability": _weighted(rng, (("No", 82), ("Yes", 11), ("Prefer not to say", 7))),
               "Age band": _weighted(rng, (("16-24", 14), ("25-34", 30), ("35-44", 26), ("45-54", 19),
                                          ("55-64", 10), ("65+", 1)))}
    first_word = (answers["Ethnicity"].split() or [""])[0]
    chance = SHORTLIST.get(first_word, 0.3) * (0.8 if answers["Disability"] == "Yes" else 1.0)
    stages: list[str] = []
    if rng.random() < chance:
        stages.append("shortlisted")
        if rng.random() < 0.75:
            stages.append("interviewed")
            if rng.random() < 0.3:
                stages.append("offered")
                if rng.random() < 0.85:
                    stages.append("appointed")
    if rng.random() < 0.04:
        stages.append("withdrew")
    return candidate_id, answers, stages


def main() -> None:
    """Write key.csv, monitoring.csv and decisions.csv of the example campaign."""
    rng = random.Random(SEED)
    people = {}
    while len(people) < APPLICANTS:
        candidate_id, answers, stages = applicant(rng)
        people.setdefault(candidate_id, (answers, stages))
    hr = CAMPAIGN / "hr"
    hr.mkdir(parents=True, exist_ok=True)
    ids = sorted(people)
    references = {c: f"APP-26-{100000 + i * 37:06d}" for i, c in enumerate(rng.sample(ids, len(ids)))}
    with open(hr / "key.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("candidate_id", "source", "sha256"))
        writer.writerows((c, f"applications.csv#{references[c]}", f"{rng.randrange(16**64):064x}") for c in ids)
    with open(hr / "monitoring.csv", "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(("candidate_id", "Gender", "Ethnicity", "Disability", "Age band"))
        writer.writerows((c, *people[c][0].values()) for c in ids)
    with open(hr / "decisions.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("candidate_id", "stage", "date", "recorded_at"))
        days = {"shortlisted": "2026-04-20", "interviewed": "2026-05-06", "offered": "2026-05-12",
                "appointed": "2026-05-29", "withdrew": "2026-05-01"}
        writer.writerows((c, stage, days[stage], f"{days[stage]}T16:00:00+00:00")
                         for c in ids for stage in people[c][1])
    print(f"Wrote {CAMPAIGN.relative_to(ROOT)}/hr: {len(ids)} applicants.")


if __name__ == "__main__":
    main()
