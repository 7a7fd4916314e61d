"""A worker process killed under a document (as the out-of-memory killer does) loses one document, not the batch.

The tests make a worker SIGKILL itself while reading a chosen file. The patch is made in
this process before the pool starts, so forked workers inherit it.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal

import pytest
from click.testing import CliRunner

import blindrec.extract
import blindrec.workers
from blindrec.cli import cli
from tests import builders

KILLER = f"{builders.APPLICANTS['polish'].last} CV.docx"
OTHERS = sorted(f"{builders.APPLICANTS[origin].last} CV.docx" for origin in ("irish", "indian"))
pytestmark = pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                                reason="workers inherit the test's patch only when forked")


@pytest.fixture()
def three_applications(tmp_path, monkeypatch):
    """Three CVs and a run that uses two workers for them."""
    monkeypatch.setattr(blindrec.workers, "_MIN_DOCS_PER_WORKER", 1)
    folder = tmp_path / "in"
    for origin in ("irish", "polish", "indian"):
        builders.cv_docx(builders.APPLICANTS[origin], folder / f"{builders.APPLICANTS[origin].last} CV.docx")
    return folder


def _kill_worker_on(monkeypatch, name: str, times_file=None) -> None:
    """Make the worker reading ``name`` SIGKILL itself (only the first time, if ``times_file`` is given)."""
    real = blindrec.extract.extract_document

    def extract(path, relative_source, *args, **kwargs):
        if relative_source == name and os.getpid() != parent:
            if times_file is None or not times_file.exists():
                if times_file is not None:
                    times_file.touch()
                os.kill(os.getpid(), signal.SIGKILL)
        return real(path, relative_source, *args, **kwargs)

    parent = os.getpid()
    monkeypatch.setattr(blindrec.extract, "extract_document", extract)


def _run(folder, out):
    result = CliRunner().invoke(cli, ["anonymise", str(folder), "--out", str(out), "--jobs", "2"])
    report = json.loads((out / "hr" / "report.json").read_text()) if (out / "hr" / "report.json").exists() else {}
    return result, report


def test_a_document_that_kills_its_worker_twice_is_a_failure_and_the_rest_are_written(
        three_applications, tmp_path, monkeypatch):
    _kill_worker_on(monkeypatch, KILLER)
    result, report = _run(three_applications, tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert report["failures"] == [{"source": KILLER, "reason": blindrec.workers.WORKER_DIED}]
    assert sorted(s for c in report["candidates"] for s in c["sources"]) == OTHERS
    assert f"{KILLER}: the worker process reading it was killed twice" in result.stderr


def test_a_document_whose_worker_died_once_is_retried_in_a_fresh_worker(three_applications, tmp_path, monkeypatch):
    _kill_worker_on(monkeypatch, KILLER, times_file=tmp_path / "killed-once")
    result, report = _run(three_applications, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "killed-once").exists()
    assert sorted(s for c in report["candidates"] for s in c["sources"]) == sorted([*OTHERS, KILLER])
