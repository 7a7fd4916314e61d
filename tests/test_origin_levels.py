"""Origin cues as a policy level: standard removes statements, strict also generalises (issue 11)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from blindrec.cli import cli
from blindrec.settings import load_settings
from tests.panel_text import all_panel_text
from tests.test_detection_generality import redact_lines


@pytest.fixture(scope="module")
def standard():
    return load_settings()


@pytest.fixture(scope="module")
def strict():
    return load_settings(level="strict")


# (text, what must go, what must stay) at both levels.
STANDARD = [
    ("Born in Lagos, Nigeria, I moved here for work.", "Lagos", "for work"),
    ("I was born and raised in Kraków.", "Kraków", ""),
    ("I am a Polish national with settled status.", "Polish national", ""),
    ("As a Muslim woman I value service.", "Muslim", "I value service."),
    ("I am of Punjabi heritage.", "Punjabi", ""),
    ("My Sikh faith guides my volunteering.", "Sikh", "guides my volunteering"),
    ("Nationality: Eritrean", "Eritrean", ""),
]
KEPT_AT_BOTH = [
    "I worked on Christian Aid appeals and Black History Month.",
    "I worked with the Polish community in Walsall.",
    "Housing Officer, Walsall Council (2019-2024)",
    "BSc Accounting, University of Birmingham",
    "I speak English and enjoy Punjabi food.",
]


@pytest.mark.parametrize("text, removed, kept", STANDARD)
@pytest.mark.parametrize("level", ["standard", "strict"])
def test_statements_of_origin_are_removed_at_every_level(text, removed, kept, level, standard, strict):
    redacted = redact_lines(["Jo Bloggs", "Profile", text], standard if level == "standard" else strict)
    assert removed not in redacted and kept in redacted, redacted


@pytest.mark.parametrize("text", KEPT_AT_BOTH)
@pytest.mark.parametrize("level", ["standard", "strict"])
def test_work_evidence_without_origin_is_kept(text, level, standard, strict):
    redacted = redact_lines(["Jo Bloggs", "Profile", text], standard if level == "standard" else strict)
    assert text in redacted


STRICT = [
    ("I volunteer at my local gurdwara every weekend.", "I volunteer at a local place of worship every weekend."),
    ("I volunteer at the mosque and at our local synagogue.",
     "I volunteer at a local place of worship and at a local place of worship."),
    ("I help at St Mary's Church on Sundays.", "I help at a local place of worship on Sundays."),
    ("I am fluent in Punjabi and Urdu.", "I am fluent in two further languages."),
    ("Languages: Polish (native), Russian (basic), English (fluent)", "Languages: English and two further languages"),
    ("I speak Somali.", "I speak one further language."),
    ("Lycée Victor Hugo, Paris (2005-2010)", "[SCHOOL OUTSIDE THE UK] (2005-2010)"),
    ("University of Lagos, BSc Accounting", "[SCHOOL OUTSIDE THE UK], BSc Accounting"),
    ("Government College, Lahore, Pakistan", "[SCHOOL OUTSIDE THE UK]"),
    ("Senior Engineer, Dangote Group, Lagos, Nigeria (2015-2018)",
     "Senior Engineer, [EMPLOYER OUTSIDE THE UK] (2015-2018)"),
    ("Accountant - Bank Pekao, Warsaw", "Accountant - [EMPLOYER OUTSIDE THE UK]"),
]


@pytest.mark.parametrize("text, generalised", STRICT)
def test_strict_level_generalises_origin_cues(text, generalised, strict):
    assert redact_lines(["Jo Bloggs", "Profile", text], strict).splitlines()[-1] == generalised


@pytest.mark.parametrize("text", [s[0] for s in STRICT])
def test_standard_level_keeps_evidence_that_strict_generalises(text, standard):
    assert redact_lines(["Jo Bloggs", "Profile", text], standard).splitlines()[-1] == text


def test_languages_the_role_needs_are_kept(tmp_path: Path):
    rules = tmp_path / "outreach.yaml"
    rules.write_text("level: strict\nrequired_languages: [Punjabi]\n")
    settings = load_settings([rules])
    redacted = redact_lines(["Jo Bloggs", "Profile", "I am fluent in Punjabi and Urdu."], settings)
    assert redacted.splitlines()[-1] == "I am fluent in Punjabi and one further language."


def test_cli_level_strict_generalises_in_the_pack(tmp_path: Path):
    source = tmp_path / "in"
    source.mkdir()
    document = docx.Document()
    for line in ("Jo Bloggs", "Profile", "I volunteer at my local gurdwara.", "I am fluent in Punjabi and Urdu."):
        document.add_paragraph(line)
    document.save(str(source / "cv.docx"))
    runner = CliRunner()
    result = runner.invoke(cli, ["anonymise", str(source), "--out", str(tmp_path / "strict"), "--level", "strict"])
    assert result.exit_code == 0, result.output
    panel = all_panel_text(tmp_path / "strict")
    assert "a local place of worship" in panel and "two further languages" in panel
    assert "gurdwara" not in panel and "Punjabi" not in panel
    result = runner.invoke(cli, ["anonymise", str(source), "--out", str(tmp_path / "standard")])
    assert result.exit_code == 0, result.output
    assert "gurdwara" in all_panel_text(tmp_path / "standard")


def test_an_unknown_level_in_the_rules_is_a_usage_error(tmp_path: Path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("level: paranoid\n")
    source = tmp_path / "in"
    source.mkdir()
    result = CliRunner().invoke(cli, ["anonymise", str(source), "--out", str(tmp_path / "out"), "--rules", str(rules)])
    assert result.exit_code == 2
    assert "rules.yaml" in result.output and "standard or strict" in result.output
    assert not (tmp_path / "out").exists()


# --- A labelled set of origin cues, varied over places, languages and phrasing -------------

_PLACES = [("Lagos", "Nigeria"), ("Lahore", "Pakistan"), ("Sylhet", "Bangladesh"), ("Kraków", "Poland"),
           ("Mogadishu", "Somalia"), ("Asmara", "Eritrea"), ("Amritsar", "India"), ("Kingston", "Jamaica"),
           ("Cluj", "Romania"), ("Hanoi", "Vietnam"), ("Seoul", "South Korea"), ("Osaka", "Japan"),
           ("Accra", "Ghana"), ("Aleppo", "Syria"), ("Kyiv", "Ukraine")]
_LANGUAGES = [("Punjabi", "Urdu"), ("Polish", "Russian"), ("Somali", "Arabic"), ("Tigrinya", "Amharic"),
              ("Yoruba", "French"), ("Bengali", "Sylheti"), ("Romanian", "Hungarian"), ("Korean", "Japanese"),
              ("Twi", "Hausa"), ("Vietnamese", "Mandarin")]
_WORSHIP = ["gurdwara", "mosque", "synagogue", "church", "temple", "mandir"]
_ORGS = ["Dangote Group", "Bank Pekao", "Grameen Trust", "Ministry of Finance", "Tata Consultancy Services",
         "Hormuud Telecom", "City Hospital", "Orange Polska"]


def _cue_cases() -> list[tuple[str, str]]:
    """(sentence, the origin word that must not survive at strict)."""
    cases = []
    for i, (city, country) in enumerate(_PLACES):
        first, second = _LANGUAGES[i % len(_LANGUAGES)]
        worship = _WORSHIP[i % len(_WORSHIP)]
        org = _ORGS[i % len(_ORGS)]
        cases += [
            (f"I volunteer at my local {worship} every weekend.", worship),
            (f"Every Sunday I run the youth club at our {worship}.", worship),
            (f"I am fluent in {first} and {second}.", first),
            (f"Languages: {first} (native), English (fluent)", first),
            (f"I speak {second} at a conversational level.", second),
            (f"Bilingual in English and {first}.", first),
            (f"{city} Grammar School, {city}, {country} (2001-2006)", city),
            (f"University of {city}, BSc Accounting (2006-2009)", city),
            (f"Finance Officer, {org}, {city}, {country} (2010-2015)", city),
            (f"{org} ({city}) - Finance Officer, 2010-2015", city),
            (f"Born in {city}, {country}, I moved here in 2016.", city),
            (f"I am a {country} national.", country) if i % 3 == 0 else (f"I was born in {city}.", city),
        ]
    return cases


_KEEP = ["Housing Officer, Walsall Council (2019-2024)", "BSc Accounting, University of Birmingham (2006-2009)",
         "I worked with the Polish community in Walsall.", "I speak English.", "I volunteer at a food bank.",
         "I organised Black History Month events.", "Walsall College, Level 3 Diploma (2004-2006)",
         "I enjoy Punjabi food and Bollywood films.", "I led the Christian Aid appeal at work."]


def test_origin_cues_surviving_the_strict_level_are_at_most_five_percent(strict):
    cases = _cue_cases()
    redacted = redact_lines(["Jo Bloggs", "Profile", *[c[0] for c in cases], *_KEEP], strict).splitlines()[2:]
    survived = [text for (text, cue), out in zip(cases, redacted) if cue in out]
    kept = sum(k == out for k, out in zip(_KEEP, redacted[len(cases):]))
    assert len(survived) / len(cases) <= 0.05, survived
    assert kept / len(_KEEP) >= 0.95, redacted[len(cases):]
