"""Every CSV blindrec writes opens in a spreadsheet as data: no cell starts a formula."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from blindrec.cli import cli
from blindrec.hr.key import iter_key, read_key, write_key
from blindrec.safecsv import read_cell, safe_cell
from tests.test_hr_support import IDENTIFIERS, write_output
from tests.test_tabular import HEADER, _applicants, _hr, _panel, _write_csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫")


def _is_safe(cell: str) -> bool:
    return not cell.lstrip().startswith(FORMULA_STARTS)


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_every_formula_start_is_neutralised_and_read_back(start):
    cell = start + 'HYPERLINK("http://evil.example")'
    assert safe_cell(cell) == "'" + cell
    assert read_cell(safe_cell(cell)) == cell


@pytest.mark.parametrize("cell", ["ok", "a=b", "", "'quoted", "'=already quoted"])
def test_safe_cells_round_trip_unchanged(cell):
    assert read_cell(safe_cell(cell)) == cell


def test_reveal_csv_neutralises_contact_details(tmp_path):
    out = write_output(tmp_path / "out")
    identifiers = {**IDENTIFIERS, "C-BBBB": {**IDENTIFIERS["C-BBBB"], "PHONE_NUMBER": ['=HYPERLINK("http://x")'],
                                             "STREET_ADDRESS": ['@SUM(1) 1 High Street']}}
    import json
    (out / "hr" / "identifiers.json").write_text(json.dumps(identifiers), encoding="utf-8")
    result = CliRunner().invoke(cli, ["reveal", str(out), "C-BBBB", "--format", "csv", "--force", "--reason", "test"])
    assert result.exit_code == 0, result.output
    cells = [cell for row in csv.reader(io.StringIO(result.output)) for cell in row]
    assert "'=HYPERLINK(\"http://x\")" in cells and "'@SUM(1) 1 High Street" in cells
    assert all(_is_safe(cell) for cell in cells)


def test_key_csv_neutralises_file_names_and_reads_them_back(tmp_path):
    path = tmp_path / "key.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        write_key(handle, [("C-AAAA", "=cmd|' /C calc'!A0.docx", "ab" * 32)], [])
    cells = [cell for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"))) for cell in row]
    assert "'=cmd|' /C calc'!A0.docx" in cells and all(_is_safe(cell) for cell in cells)
    assert [row["source"] for row in iter_key(path)] == ["=cmd|' /C calc'!A0.docx"]
    assert read_key(path)[0]["source"] == "=cmd|' /C calc'!A0.docx"


def test_scores_csv_neutralises_assessor_and_criterion(tmp_path):
    out = write_output(tmp_path / "out")
    scores = tmp_path / "in.csv"
    scores.write_text('candidate_id,assessor,criterion,score\nC-AAAA,"=HYPERLINK(""x"")",+Experience,4\n',
                      encoding="utf-8")
    assert CliRunner().invoke(cli, ["scores", str(out), str(scores)]).exit_code == 0
    text = (out / "hr" / "scores.csv").read_text(encoding="utf-8")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert all(_is_safe(cell) for cell in cells)
    again = CliRunner().invoke(cli, ["scores", str(out), str(scores)])  # read back as the same scores
    assert again.exit_code == 0 and "Recorded 0 new score(s)" in again.output


@pytest.fixture(scope="module")
def small_form_run(tmp_path_factory):
    """An ATS export whose job title and a monitoring answer start with a small-form equals sign."""
    folder = tmp_path_factory.mktemp("ats-formula")
    row = dict(_applicants(1)[0], current_job_title="﹦HYPERLINK(\"http://evil.example\")", religion="﹫SUM(1)")
    _write_csv(folder / "export.csv", [row], HEADER)
    result = CliRunner().invoke(cli, ["anonymise", str(folder / "export.csv"), "--out", str(folder / "out")])
    assert result.exit_code == 0, result.output
    return folder / "out"


def test_panel_table_neutralises_small_form_formula_starts(small_form_run):
    row = _panel(small_form_run)[0]
    assert row["current_job_title"].startswith("'﹦")
    assert all(_is_safe(cell) for cell in row.values())


def test_monitoring_table_neutralises_small_form_formula_starts(small_form_run):
    row = _hr(small_form_run, "monitoring.csv")[0]
    assert row["religion"] == "'﹫SUM(1)"
    assert all(_is_safe(cell) for cell in row.values())
