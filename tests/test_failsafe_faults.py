"""Fault injection: a run killed or failing at any stage leaves the previous output or the new one, never a mix.

A second run (two candidates) replaces a first (one candidate). Each test stops it at one
stage, by an error the run can catch (a full disk, Ctrl-C, a dead worker) or by a "kill"
(an exception nothing in blindrec catches, with clean-up switched off, as SIGKILL leaves the
folder), then checks the folder: after a kill, once the next run's recovery has run.
"""

from __future__ import annotations

import csv
import errno
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from blindrec import output
from blindrec.cli import cli
from tests import builders


HR_RUN_FILES = ("key.csv", "identifiers.json", "identifiers-rows.jsonl", "report.json", "report.md")


class Killed(BaseException):
    """Stands for SIGKILL: no except clause in blindrec catches it."""


def _run(*args: str):
    return CliRunner().invoke(cli, ["anonymise", *args, "--jobs", "1", "--format", "md"])


def _state(out: Path) -> dict[str, bytes]:
    """What a reader sees: panel/ and the hr/ files a run writes (not the audit log or history)."""
    files = {p for p in (out / "panel").rglob("*") if p.is_file()} if (out / "panel").is_dir() else set()
    files |= {out / "hr" / name for name in HR_RUN_FILES if (out / "hr" / name).is_file()}
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(files)}


def _key_ids(out: Path) -> set[str]:
    with open(out / "hr" / "key.csv", newline="", encoding="utf-8") as handle:
        return {row["candidate_id"] for row in csv.DictReader(handle)}


def _assert_consistent(out: Path) -> None:
    """Every panel ID in the key and in identifiers.json, and no temporary file left behind."""
    panel_ids = {p.stem for p in (out / "panel").glob("C-*.md")}
    assert panel_ids and panel_ids <= _key_ids(out)
    assert panel_ids <= set(json.loads((out / "hr" / "identifiers.json").read_text(encoding="utf-8")))
    leftovers = [p.name for p in out.rglob("*") if p.name.startswith((".panel-", ".run-journal")) or
                 p.name.endswith(".tmp")]
    assert not leftovers


@pytest.fixture()
def runs(tmp_path):
    """(second run's inputs, output folder holding the first run, the first run's state)."""
    first, second = tmp_path / "first", tmp_path / "second"
    builders.cv_docx(builders.APPLICANTS["irish"], first / "irish.docx")
    shutil.copytree(first, second)
    builders.cv_docx(builders.APPLICANTS["polish"], second / "polish.docx")
    out = tmp_path / "out"
    assert _run(str(first), "--out", str(out)).exit_code == 0
    return second, out, _state(out)


def _assert_previous(out: Path, previous: dict[str, bytes]) -> None:
    assert _state(out) == previous
    _assert_consistent(out)


def _assert_new(out: Path) -> None:
    _assert_consistent(out)
    assert len({p.stem for p in (out / "panel").glob("C-*.md")}) == 2 == len(_key_ids(out))


def _kill(monkeypatch) -> None:
    """Switch off the clean-up a kill would never get to."""
    monkeypatch.setattr(output, "_roll_back", lambda out_dir, journal: None)
    monkeypatch.setattr(output.shutil, "rmtree", lambda *args, **kwargs: None)


def _fail_on(monkeypatch, owner, name: str, error: BaseException, after_real: bool = False) -> None:
    real = getattr(owner, name)

    def failing(*args, **kwargs):
        if after_real:
            real(*args, **kwargs)
        raise error

    monkeypatch.setattr(owner, name, failing)


def _recover(out: Path, monkeypatch) -> None:
    monkeypatch.undo()  # the next run: clean-up works again
    output.recover(out)


# Kills (nothing caught): the folder is recovered by the next run.

def test_kill_before_staging_leaves_the_previous_output(runs, monkeypatch):
    import blindrec.workers

    second, out, previous = runs
    _fail_on(monkeypatch, blindrec.workers, "run_parallel", Killed())
    with pytest.raises(Killed):
        _run(str(second), "--out", str(out), "--replace")
    _assert_previous(out, previous)


def test_kill_during_staging_leaves_the_previous_output(runs, monkeypatch):
    second, out, previous = runs
    _kill(monkeypatch)
    _fail_on(monkeypatch, output, "_write_panel", Killed(), after_real=True)
    with pytest.raises(Killed):
        _run(str(second), "--out", str(out), "--replace")
    assert _state(out) == previous  # the half-staged panel is not panel/
    _recover(out, monkeypatch)
    _assert_previous(out, previous)


def test_kill_while_writing_hr_puts_the_previous_output_back(runs, monkeypatch):
    second, out, previous = runs
    _kill(monkeypatch)
    _fail_on(monkeypatch, output, "write_key", Killed())
    with pytest.raises(Killed):
        _run(str(second), "--out", str(out), "--replace")
    _recover(out, monkeypatch)
    _assert_previous(out, previous)


def test_kill_between_the_two_renames_puts_the_previous_output_back(runs, monkeypatch):
    second, out, previous = runs
    _kill(monkeypatch)
    real_rename = output.os.rename
    calls = []

    def rename(source, target):
        calls.append(target)
        if Path(target).name == "panel" and len(calls) > 1:
            raise Killed()
        real_rename(source, target)

    monkeypatch.setattr(output.os, "rename", rename)
    with pytest.raises(Killed):
        _run(str(second), "--out", str(out), "--replace")
    assert not (out / "panel").exists()  # the old panel is aside, the new one not yet in place
    _recover(out, monkeypatch)
    _assert_previous(out, previous)


def test_kill_after_the_swap_keeps_the_new_output(runs, monkeypatch):
    second, out, _ = runs
    _kill(monkeypatch)
    _fail_on(monkeypatch, output, "_replace_panel", Killed(), after_real=True)
    with pytest.raises(Killed):
        _run(str(second), "--out", str(out), "--replace")
    _recover(out, monkeypatch)
    _assert_new(out)


def test_kill_during_verification_keeps_the_new_output(runs, monkeypatch):
    second, out, _ = runs
    _kill(monkeypatch)
    _fail_on(monkeypatch, output, "verify_after_run", Killed())
    with pytest.raises(Killed):
        _run(str(second), "--out", str(out), "--replace")
    _recover(out, monkeypatch)
    _assert_new(out)


# Errors the run catches: it says what state the folder is in and leaves it whole at once.

def _enospc() -> OSError:
    return OSError(errno.ENOSPC, "No space left on device")


def test_disk_full_while_staging_leaves_the_previous_output(runs, monkeypatch):
    second, out, previous = runs
    _fail_on(monkeypatch, output, "_write_panel", _enospc(), after_real=True)
    result = _run(str(second), "--out", str(out), "--replace")
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr and "is as it was before the run" in result.stderr
    _assert_previous(out, previous)
    assert not (out / "hr" / "history").exists()


def test_disk_full_while_writing_the_key_puts_the_previous_output_back(runs, monkeypatch):
    second, out, previous = runs
    real = output.write_private_with

    def full(path, write):
        if path.name == "key.csv":
            raise _enospc()
        real(path, write)

    monkeypatch.setattr(output, "write_private_with", full)
    result = _run(str(second), "--out", str(out), "--replace")
    assert result.exit_code == 1 and "the previous output was put back" in result.stderr
    _assert_previous(out, previous)


def test_disk_full_while_writing_the_report_puts_the_previous_output_back(runs, monkeypatch):
    second, out, previous = runs
    real = output.write_private

    def full(path, text):
        if path.name == "report.md":
            raise _enospc()
        real(path, text)

    monkeypatch.setattr(output, "write_private", full)
    assert _run(str(second), "--out", str(out), "--replace").exit_code == 1
    _assert_previous(out, previous)


def test_a_failure_between_the_two_renames_puts_the_previous_output_back(runs, monkeypatch):
    second, out, previous = runs
    real_rename = output.os.rename
    calls = []

    def rename(source, target):
        calls.append(target)
        if Path(target).name == "panel" and len(calls) == 2:  # the second rename, once
            raise _enospc()
        real_rename(source, target)

    monkeypatch.setattr(output.os, "rename", rename)
    assert _run(str(second), "--out", str(out), "--replace").exit_code == 1
    monkeypatch.undo()
    _assert_previous(out, previous)


def test_ctrl_c_while_writing_puts_the_previous_output_back_and_exits_130(runs, monkeypatch):
    second, out, previous = runs
    _fail_on(monkeypatch, output, "write_key", KeyboardInterrupt())
    result = _run(str(second), "--out", str(out), "--replace")
    assert result.exit_code == 130 and "interrupted; the previous output was put back" in result.stderr
    _assert_previous(out, previous)


def test_ctrl_c_during_verification_says_the_new_output_is_unverified(runs, monkeypatch):
    second, out, _ = runs
    _fail_on(monkeypatch, output, "verify_after_run", KeyboardInterrupt())
    result = _run(str(second), "--out", str(out), "--replace")
    assert result.exit_code == 130 and "complete but was not verified" in result.stderr
    _assert_new(out)


def test_verification_that_fails_is_reported_as_a_problem_not_a_pass(runs, monkeypatch):
    second, out, _ = runs
    _fail_on(monkeypatch, output, "verify_after_run", ValueError("identifiers.json is broken"))
    result = _run(str(second), "--out", str(out), "--replace")
    assert result.exit_code == 1
    report = json.loads((out / "hr" / "report.json").read_text(encoding="utf-8"))
    assert report["leaks"] and "verification could not finish" in report["leaks"][0]
    _assert_new(out)


def test_worker_death_leaves_the_previous_output(runs, monkeypatch):
    from concurrent.futures.process import BrokenProcessPool

    import blindrec.workers

    second, out, previous = runs
    _fail_on(monkeypatch, blindrec.workers, "run_parallel", BrokenProcessPool("a worker was killed"))
    result = _run(str(second), "--out", str(out), "--replace")
    assert result.exit_code == 1 and "BrokenProcessPool" in result.stderr and "Traceback" not in result.output
    _assert_previous(out, previous)


KILL_BETWEEN_RENAMES = """
import os, signal, sys
from blindrec import output
from blindrec.cli import cli

real_rename = os.rename
def rename(source, target):
    if os.path.basename(str(target)) == "panel" and ".panel-new-" in str(source):
        os.kill(os.getpid(), signal.SIGKILL)  # the old panel is already aside
    real_rename(source, target)
output.os.rename = rename
cli(sys.argv[1:])
"""


def test_a_real_sigkill_between_the_two_renames_is_undone_by_the_next_run(runs, tmp_path):
    import signal
    import subprocess
    import sys

    second, out, previous = runs
    killed = subprocess.run([sys.executable, "-c", KILL_BETWEEN_RENAMES, "anonymise", str(second), "--out", str(out),
                             "--replace", "--jobs", "1", "--format", "md"], capture_output=True,
                            cwd=Path(__file__).resolve().parent.parent)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert not (out / "panel").exists() and (out / "hr" / ".run-journal.json").exists()
    output.recover(out)
    _assert_previous(out, previous)


def test_a_roll_back_that_fails_too_is_finished_by_the_next_run(runs, monkeypatch):
    second, out, previous = runs
    _fail_on(monkeypatch, output, "write_key", _enospc())
    _fail_on(monkeypatch, output, "_roll_back", _enospc())
    assert _run(str(second), "--out", str(out), "--replace").exit_code == 1
    _recover(out, monkeypatch)
    _assert_previous(out, previous)
