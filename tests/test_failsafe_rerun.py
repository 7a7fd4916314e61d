"""The key is never lost and panel/ never disagrees with hr/: re-runs, file names, leftovers, locks, Ctrl-C."""

from __future__ import annotations

import csv
import fcntl
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from blindrec import output
from blindrec.cli import cli
from tests import builders


def _run(*args: str):
    return CliRunner().invoke(cli, ["anonymise", *args, "--jobs", "1", "--format", "md"])


def _key_ids(out: Path) -> set[str]:
    with open(out / "hr" / "key.csv", newline="", encoding="utf-8") as handle:
        return {row["candidate_id"] for row in csv.DictReader(handle)}


def _panel_ids(out: Path) -> set[str]:
    return {p.stem for p in (out / "panel").glob("C-*.md")}


@pytest.fixture()
def inputs(tmp_path) -> Path:
    """Two candidates' applications."""
    folder = tmp_path / "in"
    builders.cv_docx(builders.APPLICANTS["irish"], folder / "irish.docx")
    builders.cv_docx(builders.APPLICANTS["polish"], folder / "polish.docx")
    return folder


def test_a_run_into_a_folder_holding_a_run_is_refused_without_replace(inputs, tmp_path):
    out = tmp_path / "out"
    assert _run(str(inputs), "--out", str(out)).exit_code == 0
    key = (out / "hr" / "key.csv").read_bytes()
    result = _run(str(inputs / "irish.docx"), "--out", str(out))
    assert result.exit_code == 2
    assert "already holds a run (2 candidate(s)" in result.output and "--replace" in result.output
    assert (out / "hr" / "key.csv").read_bytes() == key


def test_replace_keeps_a_dated_copy_of_the_replaced_key_and_identifiers(inputs, tmp_path):
    out = tmp_path / "out"
    assert _run(str(inputs), "--out", str(out)).exit_code == 0
    key, identifiers = (out / "hr" / "key.csv").read_bytes(), (out / "hr" / "identifiers.json").read_bytes()
    result = _run(str(inputs / "irish.docx"), "--out", str(out), "--replace")
    assert result.exit_code == 0
    assert "1 candidate(s) of the previous run are not in this one" in result.stderr
    (copy,) = (out / "hr" / "history").iterdir()
    assert copy.name[:4].isdigit()  # named by the UTC time of the run that replaced it
    assert (copy / "key.csv").read_bytes() == key and (copy / "identifiers.json").read_bytes() == identifiers
    assert len(_key_ids(out)) == 1 and _panel_ids(out) == _key_ids(out)


def test_a_first_run_leaves_no_history(inputs, tmp_path):
    out = tmp_path / "out"
    assert _run(str(inputs), "--out", str(out)).exit_code == 0
    assert not (out / "hr" / "history").exists()


def test_a_latin1_file_name_does_not_break_the_key(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    built = builders.cv_docx(builders.APPLICANTS["irish"], folder / "tmp.docx")
    os.rename(built, os.path.join(os.fsencode(folder), "Jos\xe9 Garc\xeda CV.docx".encode("latin-1")))
    out = tmp_path / "out"
    result = _run(str(folder), "--out", str(out))
    assert result.exit_code == 0, result.output
    with open(out / "hr" / "key.csv", newline="", encoding="utf-8") as handle:
        assert [row["source"] for row in csv.DictReader(handle)] == ["José García CV.docx"]
    assert _panel_ids(out) == _key_ids(out)


def test_hr_is_written_before_panel_is_replaced(inputs, tmp_path, monkeypatch):
    out = tmp_path / "out"
    seen = []
    real = output._replace_panel

    def replace_panel(out_dir, staging):
        seen.append(({p.stem for p in staging.glob("C-*.md")}, _key_ids(out_dir)))
        real(out_dir, staging)

    monkeypatch.setattr(output, "_replace_panel", replace_panel)
    assert _run(str(inputs), "--out", str(out)).exit_code == 0
    ((staged, key),) = seen
    assert staged and staged == key


def test_leftovers_of_a_killed_run_are_removed_by_the_next_run(inputs, tmp_path):
    out = tmp_path / "out"
    assert _run(str(inputs), "--out", str(out)).exit_code == 0
    (out / ".panel-new-abc123").mkdir()
    (out / ".panel-new-abc123" / "C-HALF.md").write_text("half written")
    (out / ".panel-old-def456").mkdir()
    result = _run(str(inputs), "--out", str(out), "--replace")
    assert result.exit_code == 0
    assert "removed .panel-new-abc123 (left by a run that was stopped)." in result.stderr
    assert not list(out.glob(".panel-*"))


def test_a_panel_left_aside_between_the_two_renames_is_put_back(inputs, tmp_path):
    out = tmp_path / "out"
    assert _run(str(inputs), "--out", str(out)).exit_code == 0
    ids = _panel_ids(out)
    (out / ".panel-old-def456").mkdir()
    os.rename(out / "panel", out / ".panel-old-def456" / "panel")
    output.recover(out)
    assert _panel_ids(out) == ids == _key_ids(out) and not list(out.glob(".panel-*"))


def test_a_second_run_into_the_same_folder_at_once_is_refused(inputs, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".blindrec.lock", "w") as held:  # the first run holds the lock
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = _run(str(inputs), "--out", str(out))
    assert result.exit_code == 2
    assert "another blindrec run is writing to this folder" in " ".join(result.output.split())
    assert not (out / "panel").exists() and not (out / "hr").exists()


def test_ctrl_c_exits_130_and_says_the_output_is_unchanged(inputs, tmp_path, monkeypatch):
    import blindrec.workers

    out = tmp_path / "out"
    assert _run(str(inputs), "--out", str(out)).exit_code == 0
    key = (out / "hr" / "key.csv").read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(blindrec.workers, "run_parallel", interrupted)
    result = _run(str(inputs), "--out", str(out), "--replace")
    assert result.exit_code == 130
    assert "interrupted" in result.stderr and "is as it was before the run" in result.stderr
    assert (out / "hr" / "key.csv").read_bytes() == key
