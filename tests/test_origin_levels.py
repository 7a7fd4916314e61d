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
