"""The README's promises about its own commands and the shipped examples."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from blindrec.cli import cli

ROOT = Path(__file__).resolve().parent.parent
INSTALL_AND_RUN = "pip install . && blindrec anonymise examples/applications --out out"
TEST_COMMAND = "pip install '.[test]' && python -m pytest"


def test_readme_gives_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert INSTALL_AND_RUN in readme and TEST_COMMAND in readme


def test_ci_runs_exactly_the_readme_test_command():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert TEST_COMMAND in lines


def _anonymise_example(name: str, out) -> dict:
    """Run the README's command on an example; its JSON summary, after checking the exit code."""
    result = CliRunner().invoke(cli, ["anonymise", str(ROOT / "examples" / name), "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_example_applications_anonymise_cleanly(tmp_path):
    summary = _anonymise_example("applications", tmp_path / "out")
    assert summary["failed"] == [] and summary["leaks"] == []
    assert summary["candidates"] >= 5


def test_the_json_summary_shape_matches_the_readme(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = json.loads(re.search(r"\$ blindrec anonymise examples/applications --out out --json\n\s+(\{.*\})",
                                 readme).group(1))
    result = CliRunner().invoke(cli, ["anonymise", str(ROOT / "examples" / "applications"), "--out",
                                      str(tmp_path / "out"), "--json"])
    assert set(json.loads(result.stdout)) == set(shown)


def test_the_example_ats_export_anonymises_cleanly(tmp_path):
    out = tmp_path / "out"
    summary = _anonymise_example("ats-export.csv", out)
    assert summary["failed"] == [] and summary["leaks"] == [] and summary["table_rows"] == 8
    panel = (out / "panel" / "applications.csv").read_text(encoding="utf-8-sig")
    assert "Surname" not in panel and "Ethnicity" not in panel and "[REFEREE 1]" in panel
