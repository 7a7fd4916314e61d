"""ATS temporary files (names, contacts, monitoring answers) stay inside the output folder and never outlive a run."""

from __future__ import annotations

import csv
import os
import stat
import subprocess
import sys
import tempfile

from click.testing import CliRunner

import blindrec.output
from blindrec.cli import cli

ROWS = [["applicant_ref", "first_name", "last_name", "email", "gender", "supporting_statement"],
        ["APP-1", "Siobhán", "O'Sullivan", "siobhan@example.com", "Female", "I manage planning casework."],
        ["APP-2", "Tomasz", "Wróblewski", "tomasz@example.com", "Male", "I lead a housing team."]]


def _export(tmp_path):
    path = tmp_path / "in" / "export.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(ROWS)
    return path


def _system_temp(tmp_path, monkeypatch):
    """A private stand-in for /tmp, so the test sees every file a run leaves there."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _leftovers(out):
    return [p for p in out.rglob("*") if ".blindrec-tmp-" in p.as_posix()]


def test_a_failed_run_leaves_no_ats_temporary_file_anywhere(tmp_path, monkeypatch):
    system_tmp = _system_temp(tmp_path, monkeypatch)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(blindrec.output, "_write_panel", disk_full)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["anonymise", str(_export(tmp_path)), "--out", str(out), "--jobs", "1"])
    assert result.exit_code != 0
    assert list(system_tmp.iterdir()) == []
    assert _leftovers(out) == []


def test_ats_temporary_files_are_private_and_inside_the_output_folder(tmp_path, monkeypatch):
    system_tmp = _system_temp(tmp_path, monkeypatch)
    seen = {}
    real_write = blindrec.output.write_outputs

    def write_outputs(result, settings, options, table_result=None):
        seen["scratch"] = table_result.scratch
        seen["files"] = {p: stat.S_IMODE(p.stat().st_mode) for p in table_result.scratch.iterdir()}
        seen["named"] = [*table_result.hr_paths.values(), *table_result.key_paths, *table_result.identifier_paths]
        seen["panel"] = list(table_result.panel_paths.values())
        return real_write(result, settings, options, table_result)

    monkeypatch.setattr(blindrec.output, "write_outputs", write_outputs)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["anonymise", str(_export(tmp_path)), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    scratch = seen["scratch"]
    assert scratch.parent == out and scratch.name.startswith(".blindrec-tmp-")
    assert set(seen["named"] + seen["panel"]) <= set(seen["files"])
    # HR's files are 0600; the panel table is already anonymised (and the folder is 0700).
    assert all(mode == 0o600 for path, mode in seen["files"].items() if path not in seen["panel"])
    assert list(system_tmp.iterdir()) == [] and _leftovers(out) == []


def test_a_scratch_folder_left_by_a_killed_run_is_removed_by_the_next(tmp_path, monkeypatch):
    out = tmp_path / "out"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = out / f".blindrec-tmp-{dead.stdout.strip()}-x1y2"
    stale.mkdir(parents=True)
    (stale / "ats-key.csv").write_text("C-AAAA,export.csv#APP-1\n")
    result = CliRunner().invoke(cli, ["anonymise", str(_export(tmp_path)), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert not stale.exists()


def test_the_scratch_folder_of_a_live_run_is_left_alone(tmp_path):
    from blindrec.tabular.write import scratch_folder

    out = tmp_path / "out"
    out.mkdir()
    live = out / f".blindrec-tmp-{os.getppid()}-live"
    live.mkdir()
    mine = scratch_folder(out)
    assert live.exists() and stat.S_IMODE(mine.stat().st_mode) == 0o700
