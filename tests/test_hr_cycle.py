"""The HR cycle on a real run: anonymise, review, correct with overrides, verify, scores, reveal."""

from __future__ import annotations

import csv
import json
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from blindrec.cli import cli
from blindrec.hr.audit import read_audit
from tests.test_hr_support import cv_docx

OKONKWO = dict(name="Chiamaka Okonkwo", email="chiamaka.okonkwo@example.com", phone="07700 900123",
               address="12 Larkspur Road, Wolverhampton WV3 7QT",
               profile="I am an experienced housing officer who led the Zorblatt Estate regeneration "
                       "with Harrowgate Partners.",
               referee="Eleanor Whitcombe", referee_email="e.whitcombe@example.gov.uk")
WISNIEWSKI = dict(name="Łukasz Wiśniewski", email="lwisniewski@example.net", phone="(01902) 555123",
                  address="88 Hollybank Avenue, Walsall WS2 9PL",
                  profile="I am a tenancy officer with eight years of experience in supported housing.",
                  referee="Tariq Mahmood", referee_email="t.mahmood@example.gov.uk")


def anonymise(apps: Path, out: Path, *more: str):
    """Run `blindrec anonymise` the way the tests need it (one process, Markdown packs too)."""
    return CliRunner().invoke(cli, ["anonymise", str(apps), "--out", str(out), "--jobs", "1",
                                    "--format", "docx", "--format", "md", *more])


def key_ids(out: Path) -> dict[str, str]:
    """source -> candidate ID, from hr/key.csv."""
    with open(out / "hr" / "key.csv", newline="", encoding="utf-8") as handle:
        return {row["source"]: row["candidate_id"] for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def apps(tmp_path_factory) -> Path:
    """Two synthetic applications."""
    folder = tmp_path_factory.mktemp("apps")
    cv_docx(folder / "CV - Chiamaka Okonkwo.docx", **OKONKWO)
    cv_docx(folder / "Wisniewski_Lukasz_CV.docx", **WISNIEWSKI)
    return folder


@pytest.fixture(scope="module")
def first_run(apps, tmp_path_factory) -> Path:
    """The applications anonymised once; tests copy it before changing anything."""
    out = tmp_path_factory.mktemp("first") / "out"
    result = anonymise(apps, out)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def corrected_run(apps, first_run, tmp_path_factory) -> tuple[Path, dict]:
    """The first run's folder with an hr/overrides.yaml, anonymised again."""
    out = tmp_path_factory.mktemp("corrected") / "out"
    shutil.copytree(first_run, out)
    okonkwo = key_ids(out)["CV - Chiamaka Okonkwo.docx"]
    (out / "hr" / "overrides.yaml").write_text(
        f"{okonkwo}:\n"
        "  redact:\n"
        "    - harrowgate partners\n"
        "    - pattern: 'Zorblatt\\s+\\w+'\n"
        "      placeholder: '[PROJECT]'\n"
        "  keep:\n"
        "    - Eleanor Whitcombe\n", encoding="utf-8")
    result = anonymise(apps, out, "--replace")
    return out, {"result": result, "okonkwo": okonkwo}


def test_anonymise_verifies_and_audits_its_run(first_run):
    record = read_audit(first_run)[-1]
    assert record["command"] == "anonymise" and record["inputs"] == 2
    assert record["outcomes"]["verified"] is True and record["outcomes"]["leaks"] == 0


def test_review_shows_each_pack_with_labelled_redactions_and_unsure_words(first_run, apps):
    result = CliRunner().invoke(cli, ["review", str(first_run), "--with-originals", str(apps)])
    assert result.exit_code == 0, result.output
    page = (first_run / "hr" / "review.html").read_text(encoding="utf-8")
    assert page.count("<section class='candidate'") == 2
    assert "data-type='CANDIDATE'" in page and "data-type='REFEREE'" in page
    assert "<mark class='unsure' title='Kept, but may identify someone: check it'>Zorblatt</mark>" in page
    assert "Okonkwo" in page  # the original, beside the pack, because HR asked for it
    assert stat.S_IMODE((first_run / "hr" / "review.html").stat().st_mode) == 0o600


def test_rerun_with_overrides_keeps_candidate_ids(first_run, corrected_run):
    out, run = corrected_run
    assert run["result"].exit_code == 0, run["result"].output
    assert key_ids(out) == key_ids(first_run)


def test_overrides_redact_strings_and_patterns(corrected_run):
    out, run = corrected_run
    pack = (out / "panel" / f"{run['okonkwo']}.md").read_text(encoding="utf-8")
    assert "Harrowgate" not in pack and "Zorblatt" not in pack
    assert "[PROJECT] regeneration with [REDACTED]." in pack


def test_overrides_keep_a_name_but_never_a_contact_detail(corrected_run):
    # Asking to keep a contact detail is refused outright: tests/test_failsafe_mistakes.py.
    out, run = corrected_run
    pack = (out / "panel" / f"{run['okonkwo']}.md").read_text(encoding="utf-8")
    assert "Eleanor Whitcombe, Housing Manager" in pack
    assert "chiamaka.okonkwo@example.com" not in pack


def test_rerun_with_overrides_verifies_clean_and_audits_the_overrides_hash(corrected_run):
    out, _ = corrected_run
    result = CliRunner().invoke(cli, ["verify", str(out)])
    assert result.exit_code == 0, result.output
    anonymise_records = [r for r in read_audit(out) if r["command"] == "anonymise"]
    assert len(anonymise_records) == 2 and len(anonymise_records[-1]["overrides_sha256"]) == 64


def test_overridden_values_are_checked_by_verify(corrected_run, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(corrected_run[0], out)
    okonkwo = corrected_run[1]["okonkwo"]
    pack = out / "panel" / f"{okonkwo}.md"
    pack.write_text(pack.read_text(encoding="utf-8") + "\nWith Harrowgate Partners.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify", str(out)])
    assert result.exit_code == 1
    assert f"LEAK panel/{okonkwo}.md: HR_OVERRIDE" in result.output
    assert "Harrowgate" not in result.output


def test_broken_overrides_stop_anonymise_before_anything_is_written(apps, tmp_path):
    (tmp_path / "out" / "hr").mkdir(parents=True)
    (tmp_path / "out" / "hr" / "overrides.yaml").write_text("C-AAAA:\n  redact: [x: [\n", encoding="utf-8")
    result = anonymise(apps, tmp_path / "out")
    assert result.exit_code == 2
    assert "overrides.yaml: not valid YAML at line" in result.output
    assert not (tmp_path / "out" / "panel").exists()


def test_scores_then_reveal_prints_sources_and_contact_details(first_run, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(first_run, out)
    ids = key_ids(out)
    okonkwo, wisniewski = ids["CV - Chiamaka Okonkwo.docx"], ids["Wisniewski_Lukasz_CV.docx"]
    refused = CliRunner().invoke(cli, ["reveal", str(out), okonkwo])
    assert refused.exit_code == 1 and "chiamaka" not in refused.output.lower()
    scores = tmp_path / "scores.csv"
    scores.write_text(f"candidate_id,assessor,criterion,score\n{okonkwo},A1,Experience,4\n"
                      f"{wisniewski},A1,Experience,3\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["scores", str(out), str(scores)]).exit_code == 0
    result = CliRunner().invoke(cli, ["reveal", str(out), okonkwo, "--format", "csv"])
    assert result.exit_code == 0, result.output
    row = next(csv.DictReader(result.output.splitlines()))
    assert row["source"] == "CV - Chiamaka Okonkwo.docx" and row["email"] == "chiamaka.okonkwo@example.com"
    assert row["phone"] == "07700 900123" and row["postcode"] == "WV3 7QT"


def test_audit_log_of_the_cycle_holds_no_personal_data(first_run, corrected_run):
    text = (corrected_run[0] / "hr" / "audit.jsonl").read_text(encoding="utf-8")
    for secret in ("Okonkwo", "okonkwo", "Chiamaka", "Wisniewski", "Whitcombe", "07700", "WV3", "@example", ".docx"):
        assert secret not in text
    assert all(json.loads(line)["blindrec_version"] for line in text.splitlines())
