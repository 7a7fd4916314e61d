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


# --- the scale, any-case headers and assessors, every bad row, corrections ----------------

def test_a_score_outside_the_default_scale_is_refused(out, tmp_path):
    result = record(out, tmp_path, HEADER + "C-AAAA,A1,Experience,7\n")
    assert result.exit_code == 2
    assert "line 2: the score 7 is outside the scale 0-5" in result.output
    assert not (out / "hr" / "scores.csv").exists()


def test_the_scale_comes_from_the_sift_config(out, tmp_path):
    (out / "hr" / "sift.yaml").write_text("scale: {min: 1, max: 10}\n", encoding="utf-8")
    assert record(out, tmp_path, HEADER + "C-AAAA,A1,Experience,9\n").exit_code == 0
    result = record(out, tmp_path, HEADER + "C-BBBB,A1,Experience,0\n", "zero.csv")
    assert result.exit_code == 2 and "outside the scale 1-10" in result.output


def test_headers_match_in_any_case_and_spacing(out, tmp_path):
    result = record(out, tmp_path, "Candidate ID,ASSESSOR,Criterion,Score\nC-AAAA,A1,Experience,4\n")
    assert result.exit_code == 0, result.output


def test_an_assessor_in_another_case_is_the_same_assessor(out, tmp_path):
    record(out, tmp_path, HEADER + "C-AAAA,A1,Experience,4\n", "first.csv")
    result = record(out, tmp_path, HEADER + "C-AAAA,a1,Experience,4\nC-BBBB,a1,Experience,3\n", "second.csv")
    assert result.exit_code == 0 and "Recorded 1 new score(s); 2 in" in result.output
    assert {r["assessor"] for r in recorded(out)} == {"A1"}


def test_every_bad_row_is_reported_not_only_the_first(out, tmp_path):
    result = record(out, tmp_path, HEADER + "C-AAAA,A1,Experience,9\nC-AAAA,A2,Experience,4\n"
                                            "C-BBBB,A1,Experience,good\nC-BBBB,A2,,3\n")
    assert result.exit_code == 2
    assert "3 bad row(s)" in result.output
    assert "line 2:" in result.output and "line 4:" in result.output and "line 5 has no criterion" in result.output


def test_one_file_scoring_the_same_thing_twice_differently_is_a_bad_row(out, tmp_path):
    result = record(out, tmp_path, HEADER + "C-AAAA,A1,Experience,4\nC-AAAA,a1,experience,2\n")
    assert result.exit_code == 2 and "line 3 scores C-AAAA" in result.output


def correct(out, *args):
    return CliRunner().invoke(cli, ["scores", str(out), "--correct", *args])


def test_a_score_is_corrected_with_a_reason_in_the_audit_log(out, tmp_path):
    record(out, tmp_path, HEADER + "C-AAAA,Priya Assessor,Experience,4\n")
    result = correct(out, "c-aaaa", "priya assessor", "experience", "2", "--reason", "typed 4 for 2")
    assert result.exit_code == 0, result.output
    assert [r["score"] for r in recorded(out)] == ["2"]
    entry = read_audit(out)[-1]
    assert entry["command"] == "scores-correct" and entry["reason"] == "typed 4 for 2"
    assert entry["outcomes"]["previous_score"] == "4" and entry["outcomes"]["score"] == "2"
    audit = (out / "hr" / "audit.jsonl").read_text(encoding="utf-8")
    assert "Priya" not in audit and "C-AAAA" not in audit


@pytest.mark.parametrize("args, message", [
    (["C-AAAA", "A1", "Experience", "2"], "--reason"),
    (["C-AAAA", "A1", "Experience", "8", "--reason", "x"], "outside the scale"),
    (["C-AAAA", "A9", "Experience", "2", "--reason", "x"], "no recorded score"),
])
def test_a_correction_needs_a_reason_a_recorded_score_and_the_scale(out, tmp_path, args, message):
    record(out, tmp_path, HEADER + "C-AAAA,A1,Experience,4\n")
    result = correct(out, *args)
    assert result.exit_code == 2 and message in result.output
    assert [r["score"] for r in recorded(out)] == ["4"]


# --- tamper evidence ---------------------------------------------------------------------

def test_each_recording_is_chained_into_the_audit_log(out, tmp_path):
    import hashlib

    record(out, tmp_path, HEADER + "C-AAAA,A1,Experience,4\n")
    lines = (out / "hr" / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    entry = read_audit(out)[-1]
    assert entry["scores_sha256"] == hashlib.sha256((out / "hr" / "scores.csv").read_bytes()).hexdigest()
    assert entry["previous_sha256"] == (hashlib.sha256(lines[-2].encode()).hexdigest() if len(lines) > 1 else "")


def _edit_scores(out, old: str, new: str) -> None:
    path = out / "hr" / "scores.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_score_changed_by_hand_is_refused_by_scores(out, tmp_path):
    record(out, tmp_path, HEADER + "C-AAAA,A1,Experience,4\n", "first.csv")
    _edit_scores(out, "C-AAAA,A1,Experience,4", "C-AAAA,A1,Experience,5")
    result = record(out, tmp_path, HEADER + "C-BBBB,A1,Experience,3\n", "second.csv")
    assert result.exit_code == 1 and "changed by hand" in result.output


def test_a_row_appended_by_hand_does_not_unlock_reveal(out, tmp_path):
    record(out, tmp_path, HEADER + "C-AAAA,A1,Experience,4\n")
    with open(out / "hr" / "scores.csv", "a", encoding="utf-8") as handle:
        handle.write("C-BBBB,A1,Experience,3,2026-01-01T00:00:00+00:00\n")
    result = CliRunner().invoke(cli, ["reveal", str(out), "C-AAAA"])
    assert result.exit_code == 1 and "changed by hand" in result.output
    assert "zebedee" not in result.output.lower()


def test_a_deleted_scores_file_is_refused_not_taken_as_no_scores(out, tmp_path):
    record(out, tmp_path, HEADER + "C-AAAA,A1,Experience,4\nC-BBBB,A1,Experience,3\n")
    (out / "hr" / "scores.csv").unlink()
    result = record(out, tmp_path, HEADER + "C-AAAA,A1,Experience,1\n", "again.csv")
    assert result.exit_code == 1 and "was deleted" in result.output


def test_a_scores_file_written_by_hand_is_refused_by_reveal_even_forced(out):
    (out / "hr" / "scores.csv").write_text("candidate_id,assessor,criterion,score,recorded_at\n"
                                           "C-AAAA,A1,E,4,\nC-BBBB,A1,E,4,\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["reveal", str(out), "C-AAAA", "--force", "--reason", "x"])
    assert result.exit_code == 1 and "not written by blindrec scores" in result.output


def test_an_edited_audit_line_breaks_the_chain(out, tmp_path):
    record(out, tmp_path, HEADER + "C-AAAA,A1,Experience,4\n", "first.csv")
    CliRunner().invoke(cli, ["verify", str(out)])
    record(out, tmp_path, HEADER + "C-BBBB,A1,Experience,3\n", "second.csv")
    audit = out / "hr" / "audit.jsonl"
    lines = audit.read_text(encoding="utf-8").splitlines()
    lines[-2] = lines[-2].replace('"command": "verify"', '"command": "verify", "x": 1')
    audit.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["reveal", str(out), "C-AAAA"])
    assert result.exit_code == 1 and "no longer follows" in result.output


def test_scores_into_a_folder_that_cannot_be_written_is_a_clear_error(out, tmp_path, monkeypatch):
    import blindrec.output

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(blindrec.output, "write_private", refuse)
    result = record(out, tmp_path, HEADER + "C-AAAA,A1,Experience,4\n")
    assert result.exit_code == 2 and "cannot be written (Permission denied)" in result.output
    assert "Traceback" not in result.output


def test_a_full_disk_while_auditing_keeps_the_old_scores_and_their_record(out, tmp_path, monkeypatch):
    import errno

    from blindrec.hr import audit
    from blindrec.hr.scores import check_scores_file

    assert record(out, tmp_path, HEADER + "C-AAAA,A1,c1,3\n").exit_code == 0
    before = (out / "hr" / "scores.csv").read_bytes()

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(audit, "append_audit", full)
    assert record(out, tmp_path, HEADER + "C-BBBB,A1,c1,4\n", "more.csv").exit_code != 0
    monkeypatch.undo()
    assert (out / "hr" / "scores.csv").read_bytes() == before
    check_scores_file(out)  # still matches its record: the next recording is not refused
    assert record(out, tmp_path, HEADER + "C-BBBB,A1,c1,4\n", "more.csv").exit_code == 0


def test_a_kill_between_the_audit_record_and_the_rename_is_finished_by_the_next_check(out, tmp_path):
    from blindrec.hr.scores import check_scores_file

    assert record(out, tmp_path, HEADER + "C-AAAA,A1,c1,3\n").exit_code == 0
    scores = out / "hr" / "scores.csv"
    # As a killed run leaves it: the new file pending, its record already in the audit log.
    pending = scores.with_name(".scores.csv.pending")
    scores.rename(pending)
    scores.write_text("candidate_id,assessor,criterion,score,source,recorded_at\n", encoding="utf-8")
    check_scores_file(out)
    assert not pending.exists() and "C-AAAA" in scores.read_text(encoding="utf-8")


def test_a_line_cut_short_in_the_audit_log_does_not_lock_the_scores(out, tmp_path):
    assert record(out, tmp_path, HEADER + "C-AAAA,A1,c1,3\n").exit_code == 0
    with open(out / "hr" / "audit.jsonl", "a", encoding="utf-8") as handle:
        handle.write('{"command": "verify", "outc')  # a disk that filled mid-write
    assert record(out, tmp_path, HEADER + "C-BBBB,A1,c1,4\n", "more.csv").exit_code == 0
    assert {r["candidate_id"] for r in recorded(out)} == {"C-AAAA", "C-BBBB"}


def test_a_broken_sift_record_stops_reveal_instead_of_counting_one_sheet_as_all(out, tmp_path):
    assert record(out, tmp_path, HEADER + "C-AAAA,A1,c1,3\nC-BBBB,A1,c1,4\n").exit_code == 0
    (out / "hr" / "sift.yaml").write_text("panellists: [A1, B2\ncriteria: [", encoding="utf-8")
    result = CliRunner().invoke(cli, ["reveal", str(out), "C-AAAA"])
    assert result.exit_code != 0 and "sift.yaml" in result.output


def test_scores_recorded_before_the_chain_existed_are_not_locked_out(out, tmp_path):
    import json

    from blindrec.hr.scores import check_scores_file

    # As an earlier blindrec left a scored campaign: a scores file and an unchained audit line.
    (out / "hr" / "scores.csv").write_text("candidate_id,assessor,criterion,score,source,recorded_at\n"
                                           "C-AAAA,A1,c1,3,s.csv,2026-11-01T10:00:00+00:00\n", encoding="utf-8")
    with open(out / "hr" / "audit.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"command": "scores", "inputs": 1, "outcomes": {}}) + "\n")
    check_scores_file(out)
    assert record(out, tmp_path, HEADER + "C-BBBB,A1,c1,4\n", "more.csv").exit_code == 0
    check_scores_file(out)  # the recording chained the file from here on
