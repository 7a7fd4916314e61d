"""Write a handful of synthetic example applications into examples/applications/.

    python examples/make_examples.py

Built from the benchmark corpus's building blocks (benchmarks/), so every name, address
and number is invented. Try them with:

    blindrec anonymise examples/applications --out out
"""

from __future__ import annotations

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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
