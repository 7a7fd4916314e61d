"""Shared fixtures: a synthetic batch of applications, anonymised once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests import builders


@pytest.fixture(scope="session")
def batch_dir(tmp_path_factory) -> Path:
    """A folder of synthetic applications from several origins, in several layouts."""
    folder = tmp_path_factory.mktemp("applications")
    a = builders.APPLICANTS
    builders.cv_docx(a["nigerian"], folder / f"CV - {a['nigerian'].name}.docx")
    builders.application_form_docx(a["vietnamese"], folder / "forms" / "Application form 17.docx")
    builders.cv_docx(a["polish"], folder / "lwisniewski_cv_final.docx", author=False)
    builders.cover_letter_pdf(a["irish"], folder / f"Cover letter {a['irish'].name}.pdf")
    builders.application_form_docx(a["indian"], folder / f"{a['indian'].last}, {a['indian'].first}.docx")
    builders.cv_docx(a["common_words"], folder / "hope banks cv.docx")
    builders.cover_letter_pdf(a["common_words"], folder / "hope banks letter.pdf")
    return folder


@pytest.fixture(scope="session")
def batch_run(batch_dir, tmp_path_factory):
    """The batch anonymised through the CLI: (result of CliRunner.invoke, output folder)."""
    from blindrec.cli import cli

    out = tmp_path_factory.mktemp("run") / "out"
    result = CliRunner().invoke(cli, ["anonymise", str(batch_dir), "--out", str(out), "--jobs", "1",
                                      "--format", "docx", "--format", "md", "--role", "Housing Officer"])
    return result, out
