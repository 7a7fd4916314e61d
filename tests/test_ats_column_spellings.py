"""ATS exports whose columns are spelled the way other systems spell them (issue 11)."""

from __future__ import annotations

import csv

import pytest
from click.testing import CliRunner

from blindrec.cli import cli
from blindrec.settings import rules_dir
from blindrec.tabular.columns import guess_role, load_guesses

OTHER_SPELLINGS = ["Candidate No.", "Forename(s)", "Family name", "Known as", "Previous family name(s)",
                   "Home address line 1", "Contact telephone", "D.O.B.", "NI No.", "Supporting statement"]
ROWS = [
    ["C-104233", "Katarzyna", "Nowak", "Kasia", "Wójcik", "14 Alder Grove", "07700 900431", "03/04/1988",
     "QQ 12 34 56 C", "Kasia has led tenancy audits; Wójcik was my name at Leeds City Council."],
    ["C-104234", "Harleen", "Sandhu", "Harleen", "Gill", "Flat 2, Mercia House", "07700 900432", "11/09/1990",
     "QQ 65 43 21 A", "I manage 40 tenancies. Harleen Sandhu, previously Gill."],
]


@pytest.fixture(scope="module")
def guesses():
    return load_guesses(rules_dir() / "columns" / "default.yaml")


@pytest.mark.parametrize("header, role", [
    ("Candidate No.", "reference"), ("Applicant Ref. No.", "reference"), ("Application Number", "reference"),
    ("Forename(s)", "first_name"), ("Family name", "last_name"), ("Known as", "preferred_name"),
    ("Preferred name (if different)", "preferred_name"), ("Previous family name(s)", "last_name"),
    ("Home address line 1", "address"), ("Contact telephone", "phone"), ("D.O.B.", "date_of_birth"),
    ("NI No.", "ni_number"), ("N.I. Number", "ni_number"), ("Vacancy ref", "pass_through"),
    ("Mobile phone number", "phone"),
])
def test_other_systems_spellings_are_recognised(header, role, guesses):
    assert guess_role(header, guesses) == role


def _export(tmp_path):
    path = tmp_path / "export.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(OTHER_SPELLINGS)
        writer.writerows(ROWS)
    return path


def _read(path):
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def test_export_with_other_spellings_is_accepted_and_nothing_identifying_reaches_the_panel(tmp_path):
    result = CliRunner().invoke(cli, ["anonymise", str(_export(tmp_path)), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    panel = (tmp_path / "out" / "panel" / "applications.csv").read_text(encoding="utf-8-sig")
    for row in ROWS:
        for value in (row[0], row[1], row[2], row[3], row[4], "Alder Grove", "900431", "1988", "QQ 12"):
            assert value not in panel
    assert "I manage 40 tenancies." in panel
    assert {r["source"].split("#")[-1] for r in _read(tmp_path / "out" / "hr" / "key.csv")} == {"C-104233", "C-104234"}


def test_applicant_number_never_reaches_the_panel_even_with_unknown_columns_allowed(tmp_path):
    columns = tmp_path / "columns.yaml"
    columns.write_text("free_text: [Supporting statement]\nfirst_name: [Forename(s)]\nlast_name: [Family name]\n")
    result = CliRunner().invoke(cli, ["anonymise", str(_export(tmp_path)), "--out", str(tmp_path / "out"),
                                      "--columns", str(columns), "--allow-unknown-columns"])
    assert result.exit_code == 0, result.output
    panel = (tmp_path / "out" / "panel" / "applications.csv").read_text(encoding="utf-8-sig")
    assert "C-104233" not in panel and "Candidate No" not in panel
    assert {r["source"].split("#")[-1] for r in _read(tmp_path / "out" / "hr" / "key.csv")} == {"C-104233", "C-104234"}


def test_an_unknown_code_column_is_dropped_not_given_to_the_panel(tmp_path):
    path = tmp_path / "export.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Candidate No.", "Cand. #", "Supporting statement"])
        writer.writerow(["C-1", "ATS-99812", "I manage 40 tenancies."])
    result = CliRunner().invoke(cli, ["anonymise", str(path), "--out", str(tmp_path / "out"),
                                      "--allow-unknown-columns"])
    assert result.exit_code == 0, result.output
    panel = (tmp_path / "out" / "panel" / "applications.csv").read_text(encoding="utf-8-sig")
    assert "ATS-99812" not in panel and "I manage 40 tenancies." in panel
