"""`blindrec scores DIR FILE.csv`: the panel's scores recorded in hr/ and locked there."""

from __future__ import annotations

import csv
import stat

import pytest
from click.testing import CliRunner

from blindrec.cli import cli
from blindrec.hr.audit import read_audit
from tests.test_hr_support import write_output

HEADER = "candidate_id,assessor,criterion,score\n"


@pytest.fixture
def out(tmp_path):
    """A finished output folder of two candidates, C-AAAA and C-BBBB."""
    return write_output(tmp_path / "out")


def record(out, tmp_path, text: str, name: str = "scores.csv"):
    """Write a scores CSV and run `blindrec scores` on it."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return CliRunner().invoke(cli, ["scores", str(out), str(path)])


def recorded(out) -> list[dict]:
    """Rows of hr/scores.csv."""
    with open(out / "hr" / "scores.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_scores_are_recorded_in_hr_for_the_owner_only(out, tmp_path):
    result = record(out, tmp_path, HEADER + "C-AAAA,A1,Experience,4\nc-bbbb,A1,Experience,2.5\n")
    assert result.exit_code == 0, result.output
    assert "Recorded 2 new score(s); 2 in" in result.output and "for 2 candidate(s)" in result.output
    assert [(r["candidate_id"], r["score"]) for r in recorded(out)] == [("C-AAAA", "4"), ("C-BBBB", "2.5")]
    assert all(r["recorded_at"] for r in recorded(out))
    assert stat.S_IMODE((out / "hr" / "scores.csv").stat().st_mode) == 0o600


def test_candidates_still_without_scores_are_listed(out, tmp_path):
    result = record(out, tmp_path, HEADER + "C-AAAA,A1,Experience,4\n")
    assert "Still no scores for: C-BBBB" in result.output


def test_later_files_add_to_the_recorded_scores(out, tmp_path):
    record(out, tmp_path, HEADER + "C-AAAA,A1,Experience,4\n", "a1.csv")
    result = record(out, tmp_path, HEADER + "C-AAAA,A1,Experience,4\nC-AAAA,A2,Experience,3\n", "a2.csv")
    assert result.exit_code == 0 and "Recorded 1 new score(s); 2 in" in result.output


def test_a_recorded_score_cannot_be_changed(out, tmp_path):
    record(out, tmp_path, HEADER + "C-AAAA,A1,Experience,4\n", "first.csv")
    result = record(out, tmp_path, HEADER + "C-AAAA,a1,experience,5\n", "second.csv")
    assert result.exit_code == 1
    assert "recorded scores are locked" in result.output
    assert [r["score"] for r in recorded(out)] == ["4"]


def test_excel_csv_with_a_byte_order_mark_and_blank_lines_is_read(out, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes("\ufeffCandidate_ID,Assessor,Criterion,Score\r\nC-AAAA,A1,Experience,4\r\n,,,\r\n".encode())
    result = CliRunner().invoke(cli, ["scores", str(out), str(path)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("text, message", [
    ("candidate_id,assessor,score\nC-AAAA,A1,4\n", "needs the columns candidate_id, assessor, criterion, score"),
    (HEADER + "C-AAAA,A1,Experience,\n", "line 2 has no score"),
    (HEADER + "C-AAAA,A1,Experience,good\n", "line 2: the score 'good' is not a number"),
    (HEADER + "C-ZZZZ,A1,Experience,3\n", "unknown candidate ID(s) C-ZZZZ"),
])
def test_a_bad_scores_file_is_a_usage_error_naming_the_file(out, tmp_path, text, message):
    result = record(out, tmp_path, text)
    assert result.exit_code == 2
    assert "scores.csv" in result.output and message in result.output
    assert not (out / "hr" / "scores.csv").exists()


def test_recording_is_audited_without_names(out, tmp_path):
    record(out, tmp_path, HEADER + "C-AAAA,Priya Assessor,Experience,4\n")
    entry = read_audit(out)[-1]
    assert entry["command"] == "scores" and entry["outcomes"]["added"] == 1
    assert "Priya" not in (out / "hr" / "audit.jsonl").read_text(encoding="utf-8")


def test_scores_need_an_anonymised_folder(tmp_path):
    result = record(tmp_path, tmp_path, HEADER + "C-AAAA,A1,Experience,4\n")
    assert result.exit_code == 2 and "key.csv: missing or empty" in result.output
