"""Builders for the HR workflow tests (no tests here): applications and finished output folders.

`write_output` makes an output folder as `blindrec anonymise` leaves it, without running
the pipeline, so the HR commands can be tested quickly and on exactly known identifiers.
"""

from __future__ import annotations

import json
from pathlib import Path

import docx

# Two candidates of a finished run: what hr/identifiers.json says was found in their sources.
IDENTIFIERS = {
    "C-AAAA": {"CANDIDATE_NAME": ["quartermaine", "zebedee"], "CANDIDATE_EMAIL": ["zebedee.q@example.com"],
               "EMAIL_ADDRESS": ["mentor@example.gov.uk", "zebedee.q@example.com"],
               "PHONE_NUMBER": ["07700 900111"], "UK_POSTCODE": ["WV3 7QT"],
               "STREET_ADDRESS": ["12 Larkspur Road, Wolverhampton"], "REFEREE_NAME": ["gwendolyn", "marchbanks"]},
    "C-BBBB": {"CANDIDATE_NAME": ["fairweather", "ottoline"], "EMAIL_ADDRESS": ["ottoline.f@example.org"],
               "CANDIDATE_EMAIL": ["ottoline.f@example.org"], "PHONE_NUMBER": ["0121 496 0000"],
               "UK_POSTCODE": ["B91 3QF"]},
}
SOURCES = {"C-AAAA": ["CV - Zebedee Quartermaine.docx", "letters/Cover letter ZQ.pdf"],
           "C-BBBB": ["Fairweather, Ottoline - application.docx"]}
PACKS = {
    "C-AAAA": "# Candidate C-AAAA\n\n[CANDIDATE]\n\n[EMAIL] | [PHONE] | [ADDRESS] [POSTCODE]\n\n"
              "I led the Zorblatt Estate project for [PERSON 1] at Sandwell Council.\n\n"
              "## References\n\n[REFEREE 1], Housing Manager, [EMAIL]\n",
    "C-BBBB": "# Candidate C-BBBB\n\n[CANDIDATE]\n\n[EMAIL] | [PHONE] | [POSTCODE]\n\n"
              "I have managed tenancy services for eight years & I enjoy it <really>.\n",
}
RULES_SHA256 = "0123456789abcdef" * 4


def write_output(out: Path, packs: dict[str, str] = PACKS) -> Path:
    """An output folder as `blindrec anonymise --format md` leaves it, for two candidates."""
    hr, panel = out / "hr", out / "panel"
    hr.mkdir(parents=True, mode=0o700)
    panel.mkdir()
    rows = ["candidate_id,source,sha256"] + [f'{cid},"{source}",{"ab" * 32}'
                                             for cid, sources in SOURCES.items() for source in sources]
    (hr / "key.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (hr / "identifiers.json").write_text(json.dumps(IDENTIFIERS), encoding="utf-8")
    report = {"rules_sha256": RULES_SHA256, "candidates": [
        {"candidate_id": "C-AAAA", "sources": SOURCES["C-AAAA"], "warnings": [],
         "redactions": {"CANDIDATE": 1, "EMAIL_ADDRESS": 2, "PHONE_NUMBER": 1, "STREET_ADDRESS": 1,
                        "UK_POSTCODE": 1, "PERSON": 1, "REFEREE": 1}},
        {"candidate_id": "C-BBBB", "sources": SOURCES["C-BBBB"], "warnings": [],
         "redactions": {"CANDIDATE": 1, "EMAIL_ADDRESS": 1, "PHONE_NUMBER": 1, "UK_POSTCODE": 1}}]}
    (hr / "report.json").write_text(json.dumps(report), encoding="utf-8")
    for candidate_id, text in packs.items():
        (panel / f"{candidate_id}.md").write_text(text, encoding="utf-8")
    (panel / "pack.md").write_text("# Anonymised applications\n\n" + "\n---\n".join(packs.values()), encoding="utf-8")
    return out


def cv_docx(path: Path, name: str, email: str, phone: str, address: str, profile: str,
            referee: str, referee_email: str) -> Path:
    """A plain one-page CV with a name line, a contact line, a profile and a referee."""
    document = docx.Document()
    document.core_properties.author = name
    document.add_heading(name, level=0)
    document.add_paragraph(f"{email} | {phone} | {address}")
    document.add_heading("Profile", level=1)
    document.add_paragraph(profile)
    document.add_heading("Employment History", level=1)
    document.add_paragraph("Housing Officer, Sandwell Metropolitan Borough Council, 2018 to present.")
    document.add_paragraph("I manage a patch of 600 homes and chair the tenants' forum every month.")
    document.add_heading("References", level=1)
    document.add_paragraph(f"{referee}, Housing Manager, Sandwell Council, {referee_email}")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path
