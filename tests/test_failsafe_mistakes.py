"""Mistakes in the command are found before any work: exit 2, one sentence, nothing in --out changed."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from blindrec.cli import cli
from tests import builders


def _snapshot(out: Path) -> dict[str, bytes]:
    """Every file under --out except the lock (which a refused run may create), by relative path."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".blindrec.lock"}


def _run(*args: str):
    return CliRunner().invoke(cli, ["anonymise", *args, "--jobs", "1", "--format", "md"])


@pytest.fixture()
def earlier_run(tmp_path) -> Path:
    """An output folder holding one run of one candidate."""
    builders.cv_docx(builders.APPLICANTS["irish"], tmp_path / "in" / "cv.docx")
    out = tmp_path / "out"
    assert _run(str(tmp_path / "in"), "--out", str(out)).exit_code == 0
    return out


def test_a_missing_input_path_is_a_usage_error_and_the_earlier_run_is_untouched(earlier_run, tmp_path):
    before = _snapshot(earlier_run)
    result = _run(str(tmp_path / "aplications"), "--out", str(earlier_run), "--replace")
    assert result.exit_code == 2
    assert f"{tmp_path / 'aplications'}: no such file or folder" in result.output
    assert _snapshot(earlier_run) == before


def test_a_missing_input_path_creates_no_output_folder(tmp_path):
    result = _run(str(tmp_path / "aplications"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2 and not (tmp_path / "out").exists()


@pytest.mark.parametrize("out", [".", "..", ""])
def test_an_output_folder_that_is_or_holds_the_input_folder_is_refused(out, tmp_path, monkeypatch):
    inputs = tmp_path / "applications"
    builders.cv_docx(builders.APPLICANTS["irish"], inputs / "cv.docx")
    monkeypatch.chdir(inputs)
    result = _run(".", "--out", out)
    assert result.exit_code == 2, result.output
    assert "--out" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["applications", "cv.docx"]


RULES = {
    "misspelt top-level key": ("recogniser:\n  - name: x\n", "unknown key 'recogniser'"),
    "misspelt nested key": ("nlp:\n  modle: en_core_web_lg\n", "unknown key 'nlp: modle'"),
    "misspelt recognizer key": ("recognizers:\n  - name: UkNinoRecognizer\n    enabeld: false\n",
                                "'UkNinoRecognizer': unknown key 'enabeld'"),
    "bad regex": ('recognizers:\n  - name: staff_no\n    type: custom\n    supported_entity: STAFF\n'
                  '    patterns:\n      - {name: staff number, regex: "(SN\\\\d+", score: 0.5}\n',
                  "'staff_no': pattern 'staff number' is not a valid regular expression"),
    "unknown recognizer": ("recognizers:\n  - name: UkNinoRecogniser\n    type: predefined\n",
                           "'UkNinoRecogniser': Presidio refuses it (Value error, Predefined recognizer "
                           "'UkNinoRecogniser' not found"),
    "score that is not a number": ('recognizers:\n  - name: staff_no\n    type: custom\n    supported_entity: STAFF\n'
                                   '    patterns:\n      - {name: n, regex: "SN\\\\d+", score: high}\n',
                                   "Pattern score should be a float"),
}


@pytest.mark.parametrize("case", sorted(RULES))
def test_a_rules_file_is_checked_whole_before_any_work(case, earlier_run, tmp_path):
    text, message = RULES[case]
    rules = tmp_path / "council.yaml"
    rules.write_text(text)
    before = _snapshot(earlier_run)
    result = _run(str(tmp_path / "in"), "--out", str(earlier_run), "--replace", "--rules", str(rules))
    assert result.exit_code == 2
    assert f"{rules}: " in result.output and message in " ".join(result.output.split())
    assert "could not be processed" not in result.output and "Traceback" not in result.output
    assert _snapshot(earlier_run) == before


def test_sections_other_features_read_are_accepted_in_a_rules_file(tmp_path):
    from blindrec.settings import load_settings

    rules = tmp_path / "council.yaml"
    rules.write_text("limits:\n  pages: 40\n  characters: 200000\nlevel: strict\n")
    assert load_settings([rules]).entities


def test_the_recognizer_registry_is_built_once_for_a_rules_file(tmp_path, monkeypatch):
    from presidio_analyzer.recognizer_registry import RecognizerRegistryProvider

    from blindrec.settings import _registry_problem, load_settings

    _registry_problem.cache_clear()
    built = []
    real = RecognizerRegistryProvider.create_recognizer_registry
    monkeypatch.setattr(RecognizerRegistryProvider, "create_recognizer_registry",
                        lambda self: built.append(1) or real(self))
    rules = tmp_path / "council.yaml"
    rules.write_text("recognizers:\n  - name: UkNinoRecognizer\n    enabled: false\n")
    load_settings([rules])
    assert len(built) == 1


def _overrides(out: Path, text: str) -> None:
    (out / "hr" / "overrides.yaml").write_text(text)


def test_overrides_naming_a_candidate_not_in_the_key_are_refused(earlier_run, tmp_path):
    _overrides(earlier_run, "C-ZZZZ:\n  redact: [Kestrel]\n")
    before = _snapshot(earlier_run)
    result = _run(str(tmp_path / "in"), "--out", str(earlier_run), "--replace")
    assert result.exit_code == 2
    assert "overrides.yaml: no candidate C-ZZZZ in hr/key.csv" in " ".join(result.output.split())
    assert _snapshot(earlier_run) == before


def test_a_keep_shaped_like_a_contact_detail_is_refused_before_any_work(earlier_run, tmp_path):
    _overrides(earlier_run, "all:\n  keep: [siobhan.osullivan@example.co.uk]\n")
    before = _snapshot(earlier_run)
    result = _run(str(tmp_path / "in"), "--out", str(earlier_run), "--replace")
    assert result.exit_code == 2 and "looks like an email address" in " ".join(result.output.split())
    assert _snapshot(earlier_run) == before


def test_a_keep_of_a_never_kept_identifier_is_refused_before_the_panel_is_replaced():
    from blindrec.hr.overrides import Overrides, OverridesError, CandidateOverrides, check_kept

    pack = SimpleNamespace(candidate_id="C-ABCD", documents=(
        SimpleNamespace(found_identifiers={"DATE_OF_BIRTH": ("14th March 1986",)}),))
    overrides = Overrides({"C-ABCD": CandidateOverrides(keep=("14th march 1986",))})
    with pytest.raises(OverridesError, match="C-ABCD: 'keep: 14th march 1986' is the candidate's date of birth"):
        check_kept([pack], overrides)


def test_a_checklist_with_an_impossible_date_is_a_clear_error(tmp_path):
    panel = tmp_path / "panel.yaml"
    text = (Path(__file__).resolve().parent.parent / "examples" / "panel.yaml").read_text(encoding="utf-8")
    panel.write_text("\n".join("interview_date: 2027-13-03" if line.startswith("interview_date:") else line
                               for line in text.splitlines()), encoding="utf-8")
    result = CliRunner().invoke(cli, ["checklist", str(panel)])
    assert result.exit_code == 2
    assert "2027-13-03 is not a real date" in result.output and "Traceback" not in result.output
