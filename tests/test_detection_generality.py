"""Detection on layouts and names nobody here wrote (issue 11): one case table per class of
failure, and a fuzz test that varies names across origin groups and layouts."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from blindrec.detect import detect_document
from blindrec.detect.text import join_document
from blindrec.model import Block, Document
from blindrec.redact import redact_text
from blindrec.settings import load_settings


@pytest.fixture(scope="module")
def settings():
    return load_settings()


def redact_lines(lines, settings, source: str = "application.docx") -> str:
    """The redacted text of a document made of these lines (a tuple is a table row)."""
    blocks = tuple(Block("table_row", cells=tuple(line)) if isinstance(line, tuple) else Block("paragraph", line)
                   for line in lines)
    document = Document(Path(source), source, blocks)
    joined = join_document(document)
    return redact_text(joined.text, list(detect_document(document, joined, settings).spans))


def _present(word: str, text: str) -> bool:
    # A name word counts as shown even glued to digits or underscores ("Pritchard1", "_Pritchard_").
    return re.search(r"(?<![^\W\d_])" + re.escape(word) + r"(?![^\W\d_])", text, re.IGNORECASE) is not None


LINKEDIN = ["Contact", "m.okoro@example.com", "www.linkedin.com/in/marcus-okoro-1a2b3c (LinkedIn)", "Top Skills",
            "Stakeholder Management", "Housing Law", "Languages", "English", "Marcus Okoro",
            "Senior Housing Officer at Walsall Council", "Birmingham, England, United Kingdom", "Summary",
            "Experienced officer.", "Experience", "Walsall Council", "Housing Officer",
            "March 2021 - Present (2 years 3 months)", "Page 1 of 2"]

# (class, lines, words that must go, phrases that must stay)
CASES = [
    # 1. Marks and spacing glued to or inside a name.
    ("footnote superscript", ["Ffion Pritchard¹", "Planning Officer", "Experience", "Pritchard¹ led the plan."],
     ["Ffion", "Pritchard"], ["Planning Officer"]),
    ("footnote digit", ["Ffion Pritchard1", "Planning Officer"], ["Ffion", "Pritchard"], ["Planning Officer"]),
    ("spaced capitals", ["M A R C U S   O K O R O", "Housing Officer", "Profile", "Marcus is a housing officer."],
     ["Marcus", "Okoro", "M A R C U S", "O K O R O"], ["Housing Officer"]),
    ("spaced capitals, one space", ["Marcus Okoro", "Housing Officer", "O K O R O"], ["O K O R O"], ["Housing Officer"]),
    ("split name, capitals", ["REUBEN", "ASHDOWN", "Housing Officer"], ["Reuben", "Ashdown"], ["Housing Officer"]),
    ("split name, title case", ["Reuben", "Ashdown", "Housing Officer", "Profile", "Reuben is tidy."],
     ["Reuben", "Ashdown"], ["Housing Officer"]),
    # 2. Profile exports and agency templates.
    ("linkedin profile", LINKEDIN, ["Marcus", "Okoro"],
     ["Top Skills", "Stakeholder Management", "Walsall Council", "2 years 3 months", "Housing Law"]),
    ("linkedin, slug not spelling the name", ["Contact", "www.linkedin.com/in/tomekw84", "Top Skills", "Excel",
                                              "Tomasz Wiśniewski", "Accountant", "Leeds", "Summary", "Experience"],
     ["Tomasz", "Wiśniewski", "tomekw84"], ["Accountant", "Excel"]),
    ("agency footer file tag", ["PROFILE", "An experienced planner.", "Experience", "20260211_Pritchard_CV"],
     ["Pritchard"], ["An experienced planner."]),
    ("file tag with extension", ["Skills", "Excel", "Okoro_Marcus_Application.pdf"], ["Okoro", "Marcus"], ["Excel"]),
    # 3. Form labels for other names.
    ("preferred name (if different)", [("Surname", "Nowak"), ("Preferred name (if different)", "Kasia"),
                                       "Kasia led the team."], ["Kasia", "Nowak"], ["led the team"]),
    ("known as", [("Surname", "Nowak"), ("Known as", "Gosia"), "Gosia led the team."], ["Gosia"], ["led the team"]),
    ("previous surname(s)", [("Surname", "Nowak"), ("Previous surname(s)", "Wójcik"), "Wojcik"], ["Wójcik", "Wojcik"],
     []),
    ("previous family name(s) line", ["Previous family name(s): Mahmoud", "Experience"], ["Mahmoud"], ["Experience"]),
    # 4. Sikh/Punjabi names, short names, word names.
    ("Kaur as a middle name", ["Harleen Kaur Sandhu", "Social Worker", "Profile", "Harleen Kaur leads. Sandhu"],
     ["Harleen", "Kaur", "Sandhu"], ["Social Worker"]),
    ("given and middle names before a known surname",
     ["Contact: h.sandhu@example.com", "Profile", "I am Harleen Kaur Sandhu, a social worker."],
     ["Harleen", "Kaur", "Sandhu"], ["a social worker"]),
    ("Singh as a middle name", ["Name: Jaspreet Singh Bhatia", "Jaspreet Singh Bhatia has led."],
     ["Jaspreet", "Singh", "Bhatia"], ["has led"]),
    *[(f"short name {short} in a sign-off", ["Dear Hiring Manager,", "I am applying for the post.", "Kind regards,",
                                             short], [short], ["I am applying for the post."])
      for short in ("Mo", "Kasia", "Gosia", "Tomek", "Jas", "Eli")],
    ("word name with a job word", ["Faith Bank", "Housing Officer", "Profile", "Faith Bank has faith in people."],
     ["Faith Bank"], ["Housing Officer", "has faith in people"]),
    ("word name Will", ["Will Mason", "Accountant", "I will deliver. Will Mason"], ["Mason"], ["I will deliver."]),
    ("word name Hope", ["Hope Baker", "Accountant", "I hope to join."], ["Baker"], ["I hope to join."]),
    # 5. Addresses, partial links, sentences about the document.
    ("building line above the street", ["Jo Bloggs", "Flat 30, Riverside Apartments", "12 Mill Road", "Walsall",
                                        "WS2 1QN"], ["Riverside Apartments", "Flat 30", "Mill Road"], []),
    ("flat line on its own", ["Jo Bloggs", "Address: see below", "Flat 4, Kestrel House"], ["Kestrel House"], []),
    ("partial linkedin path", ["Jo Bloggs", "linkedin: /in/marcuso84/"], ["marcuso84"], []),
    ("partial github path", ["Jo Bloggs", "Github: /mokoro-work"], ["mokoro-work"], []),
    ("prepared by", ["Profile", "Jo is great.", "This CV was prepared by Marcus Okoro on 2 March 2026."],
     ["Marcus", "Okoro"], ["This CV was prepared by", "2 March 2026"]),
    # A middle name that is also a dictionary word, between the known given name and surname.
    ("middle name between known names", ["Liban Mohamud", "From: Liban Faisal Mohamud <libanm68@example.org>", "Dear Team,",
                                         "Many thanks,", "Liban"], ["Liban", "Faisal", "Mohamud"], ["Dear Team"]),
    ("word middle name between known names", ["Mary Smith", "Profile", "I am Mary Rose Smith, a planner."],
     ["Mary", "Rose", "Smith"], ["a planner"]),
    ("employer before a word surname is kept", ["Lucy Lane", "Profile", "I worked at Dudley Lane Surgery."],
     ["Lucy", "Lane"], ["Dudley"]),
    ("employers abroad are no people", ["Jo Bloggs", "Experience", "Mairie de Lyon", "Administrative Assistant",
                                        "I worked at Mairie de Lyon and at Urząd Miasta Krakowa."],
     ["Bloggs"], ["I worked at Mairie de Lyon and at Urząd Miasta Krakowa."]),
    # 6. Over-redaction.
    ("product and acronym kept", ["Jo Bloggs", "Housing Officer", "Skills", "HHSRS", "Bartec Collective",
                                  "I enforced HHSRS standards using Bartec Collective software."],
     ["Bloggs"], ["HHSRS", "Bartec Collective"]),
    ("employer wrapped over two lines in References", ["Jo Bloggs", "References", "Sam Okoye",
                                                        "Principal Officer, Citizens Advice Dudley and", "Wyre Forest"],
     ["Okoye"], ["Wyre Forest"]),
    ("product line above a Summary is not a profile name", ["Bile Elmi", "Contact", "IT Skills", "Power BI",
                                                             "Python", "Summary", "I lead a desk."],
     ["Bile", "Elmi"], ["Power BI"]),
    ("acronym heading is not a name", ["HHSRS", "Housing Officer", "Profile", "I am HHSRS trained."], [],
     ["HHSRS", "I am HHSRS trained."]),
    ("product after 'used' is not a person", ["Jo Bloggs", "Profile", "I used Bartec Collective daily."], ["Bloggs"],
     ["Bartec Collective"]),
    ("linkedin learning kept", ["Jo Bloggs", "Training", "LinkedIn Learning: Excel"], ["Bloggs"], ["LinkedIn Learning"]),
]


@pytest.mark.parametrize("lines, removed, kept", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_detection_class(lines, removed, kept, settings):
    redacted = redact_lines(lines, settings)
    assert [w for w in removed if _present(w, redacted)] == [], redacted
    assert [k for k in kept if k not in redacted] == [], redacted


# --- Fuzz: names from many origin groups, in the layouts above. ---------------------------

HAND_NAMES = {
    "sikh_punjabi": [("Harleen", "Kaur Sandhu"), ("Gurpreet", "Singh Dhillon"), ("Jasvinder", "Kaur Gill"),
                     ("Manpreet", "Singh Grewal"), ("Simran", "Kaur Bains")],
    "arabic": [("Yousef", "Al-Masri"), ("Layla", "bin Rashid"), ("Omar", "Abu Bakr"), ("Noura", "Haddad")],
    "somali": [("Abdirahman", "Warsame"), ("Hodan", "Farah"), ("Ayaan", "Jama")],
    "eritrean": [("Selam", "Tesfay"), ("Yonas", "Gebremedhin"), ("Helen", "Haile")],
    "welsh": [("Ffion", "Pritchard"), ("Rhodri", "Llewellyn"), ("Cerys", "ap Gwynedd"), ("Dafydd", "Rhys")],
    "gaelic": [("Eilidh", "NicLeòid"), ("Ruairidh", "MacAoidh"), ("Seònaid", "Mhoireach")],
    "korean": [("Ji-woo", "Park"), ("Min-jun", "Kim"), ("Seo-yeon", "Choi")],
    "japanese": [("Haruto", "Takahashi"), ("Yui", "Nakamura"), ("Sota", "Yamamoto")],
    "chinese": [("Wei", "Zhang"), ("Xiaoling", "Chen"), ("Jun", "Liu")],
    "roma_traveller": [("Bartley", "Ward"), ("Shelta", "McDonagh"), ("Tyson", "Lee")],
    "jewish": [("Moshe", "Rosenberg"), ("Rivka", "Goldstein"), ("Eliezer", "Katz")],
    "caribbean": [("Delroy", "Campbell"), ("Marcia", "Thompson"), ("Winston", "Grant")],
    "word_names": [("Faith", "Bank"), ("Will", "Mason"), ("Hope", "Baker"), ("Grace", "Court"), ("Rose", "Lane")],
}
FAKER_LOCALES = {"white_british": "en_GB", "polish": "pl_PL", "indian": "en_IN", "irish": "en_IE",
                 "dutch": "nl_NL", "turkish": "tr_TR", "vietnamese": "vi_VN", "nigerian": "en_NG"}


def _fuzz_names(per_group: int = 3) -> list[tuple[str, str, str]]:
    from faker import Faker

    rng = random.Random(11)
    names = [(group, given, family) for group, pairs in HAND_NAMES.items() for given, family in pairs]
    for group, locale in FAKER_LOCALES.items():
        fake = Faker(locale)
        fake.seed_instance(11)
        for _ in range(per_group):
            names.append((group, fake.first_name(), fake.last_name()))
    rng.shuffle(names)
    return names


def _layouts(given: str, family: str) -> dict[str, list]:
    full = f"{given} {family}"
    spaced = "   ".join(" ".join(word.upper()) for word in full.split())
    body = ["Housing Officer", "Profile", "I manage a caseload of 40 tenancies for Walsall Council.", "Experience",
            "Housing Officer, Walsall Council, 2019 - 2024"]
    return {
        "first line": [full, *body, f"{given} also mentors new staff."],
        "footnote": [f"{full}¹", *body, "¹ Name as on passport."],
        "spaced capitals": [spaced, *body],
        "split lines": [given.upper(), family.upper(), *body],
        "linkedin": ["Contact", "Top Skills", "Stakeholder Management", full, "Housing Officer", "Walsall",
                     "Summary", *body],
        "form": [("Surname", family), ("Forename(s)", given), *body, f"{given} also mentors new staff."],
        "letter": ["Dear Hiring Manager,", "I am applying for the Housing Officer post at Walsall Council.",
                   "Kind regards,", full],
        "footer tag": [*body, f"20260211_{family.replace(' ', '_')}_CV"],
    }


def _tokens(given: str, family: str) -> list[str]:
    """Name tokens as the benchmark counts them: hyphenated parts, particles dropped."""
    particles = {"van", "de", "bin", "al", "ap", "abu", "der", "da", "di", "le"}
    return [part for word in f"{given} {family}".split() for part in re.split(r"[-']", word)
            if part.lower() not in particles and len(part) > 1]


FUZZ = [(group, layout, given, family) for group, given, family in _fuzz_names()
        for layout in _layouts(given, family)]


@pytest.mark.parametrize("group, layout, given, family", FUZZ,
                         ids=[f"{g}-{layout}-{given}_{family}" for g, layout, given, family in FUZZ])
def test_fuzz_names_across_groups_and_layouts(group, layout, given, family, settings):
    redacted = redact_lines(_layouts(given, family)[layout], settings)
    # A footer tag spells only the surname; the word names' surnames are job words a tag alone
    # cannot tell from one ("20260211_Bank_CV"), so the header's first line must carry them.
    tokens = _tokens("", family) if layout == "footer tag" else _tokens(given, family)
    if layout == "footer tag" and group == "word_names":
        pytest.skip("a word-name surname alone in a file tag is a known gap")
    if layout == "spaced capitals" and any(len(t) == 2 for t in tokens):
        pytest.skip("a two-letter word in spaced capitals ('L Ê') is a known gap: any two letters would match")
    leaked = [t for t in tokens if _present(t, redacted)]
    if layout == "spaced capitals":
        leaked += [t for t in _tokens(given, family) if " ".join(t.upper()) in redacted]
    assert leaked == [], redacted
    assert "Walsall Council" in redacted


def test_a_qualified_label_in_a_form_row_is_a_label_not_a_postcode(settings):
    from blindrec.detect import detect_document
    from blindrec.detect.text import join_document
    from blindrec.model import Block, Document

    document = Document(Path("form.docx"), "form.docx", (
        Block("paragraph", "Application form"),
        Block("table_row", cells=("Post code", "CV10 2GZ", "Daytime telephone", "07736 157266")),
    ))
    found = detect_document(document, join_document(document), settings).identifiers
    assert found["UK_POSTCODE"] == ("CV10 2GZ",)
    assert "Daytime telephone" not in found.get("PHONE_NUMBER", ())
