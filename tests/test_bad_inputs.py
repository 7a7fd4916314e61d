"""Bad input gets a one-line reason, the batch goes on, and nothing of it reaches panel/."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from blindrec.cli import cli
from tests import builders
from tests.panel_text import all_panel_text

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
PNG_HEADER = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _make_bad(folder, kind):
    """Write one bad input of the given kind and return its file name."""
    if kind == "encrypted":
        builders.encrypted_pdf(folder / "Jan Kowalski CV.pdf")
        return "Jan Kowalski CV.pdf"
    if kind == "truncated":
        good = builders.cv_docx(builders.APPLICANTS["polish"], folder / "tmp.docx")
        data = good.read_bytes()
        good.unlink()
        (folder / "Jan Kowalski CV.docx").write_bytes(data[: len(data) // 2])
        return "Jan Kowalski CV.docx"
    if kind == "empty":
        (folder / "Jan Kowalski CV.pdf").write_bytes(b"")
        return "Jan Kowalski CV.pdf"
    if kind == "word97":
        (folder / "Jan Kowalski form.doc").write_bytes(OLE_HEADER)
        return "Jan Kowalski form.doc"
    if kind == "image_named_docx":
        (folder / "Jan Kowalski CV.docx").write_bytes(PNG_HEADER)
        return "Jan Kowalski CV.docx"
    if kind == "scanned":
        builders.blank_pdf(folder / "Jan Kowalski scan.pdf")
        return "Jan Kowalski scan.pdf"
    raise ValueError(kind)


REASONS = {
    "encrypted": "password-protected",
    "truncated": "corrupt or truncated",
    "empty": "empty (0 bytes)",
    "word97": "Word 97-2003 (.doc)",
    "image_named_docx": "an image (PNG)",
    "scanned": "no text layer",
}


@pytest.mark.parametrize("kind", sorted(REASONS))
def test_bad_input_is_reported_and_the_batch_goes_on(kind, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    bad_name = _make_bad(inputs, kind)
    builders.cv_docx(builders.APPLICANTS["irish"], inputs / "good.docx")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["anonymise", str(inputs), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 1
    assert f"{bad_name}: " in result.stderr and REASONS[kind] in result.stderr
    report = json.loads((out / "hr" / "report.json").read_text())
    assert [f["source"] for f in report["failures"]] == [bad_name]
    assert REASONS[kind] in report["failures"][0]["reason"]
    assert len(report["candidates"]) == 1
    with open(out / "hr" / "key.csv", newline="") as handle:
        assert [r["source"] for r in csv.DictReader(handle)] == ["good.docx"]
    assert "Kowalski" not in all_panel_text(out)


def test_a_missing_path_is_a_usage_error_before_anything_is_written(tmp_path):
    good = builders.cv_docx(builders.APPLICANTS["irish"], tmp_path / "good.docx")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["anonymise", str(good), str(tmp_path / "missing.pdf"),
                                      "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 2
    assert "missing.pdf: no such file" in result.output
    assert not out.exists()


def test_file_that_cannot_be_read_is_reported(tmp_path, monkeypatch):
    from pathlib import Path

    locked = builders.cv_docx(builders.APPLICANTS["irish"], tmp_path / "locked.docx")
    real_read = Path.read_bytes

    def refuse(path):
        # chmod 000 does not stop root (as CI runs), so the refusal is simulated.
        if path.name == "locked.docx":
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = CliRunner().invoke(cli, ["anonymise", str(locked), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 1
    assert "locked.docx: cannot read the file (Permission denied)" in result.stderr


def test_bad_rules_file_is_a_usage_error(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("recognizers: [\n")
    good = builders.cv_docx(builders.APPLICANTS["irish"], tmp_path / "good.docx")
    result = CliRunner().invoke(cli, ["anonymise", str(good), "--out", str(tmp_path / "out"), "--rules", str(rules)])
    assert result.exit_code == 2 and "not valid YAML" in result.output


def test_an_output_folder_that_cannot_be_written_is_a_usage_error(tmp_path):
    builders.cv_docx(builders.APPLICANTS["irish"], tmp_path / "in" / "cv.docx")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = CliRunner().invoke(cli, ["anonymise", str(tmp_path / "in"), "--out", str(blocker / "out")])
    assert result.exit_code == 2
    assert "cannot write to the output folder" in result.output and "Traceback" not in result.output
