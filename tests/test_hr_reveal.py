"""`blindrec reveal DIR ID...`: shortlisted IDs back to sources and contact details, after scoring."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from blindrec.cli import cli
from blindrec.hr.audit import read_audit
from tests.test_hr_support import write_output


@pytest.fixture
def out(tmp_path):
    """A finished output folder of two candidates, C-AAAA and C-BBBB."""
    return write_output(tmp_path / "out")


@pytest.fixture
def scored(out, tmp_path):
    """The folder with every candidate's scores recorded."""
    path = tmp_path / "scores.csv"
    path.write_text("candidate_id,assessor,criterion,score\nC-AAAA,A1,Experience,4\nC-BBBB,A1,Experience,2\n",
                    encoding="utf-8")
    assert CliRunner().invoke(cli, ["scores", str(out), str(path)]).exit_code == 0
    return out


def reveal(*args):
    """Run `blindrec reveal`."""
    return CliRunner().invoke(cli, ["reveal", *map(str, args)])


def test_reveal_is_refused_until_every_candidate_has_scores(out):
    result = reveal(out, "C-AAAA")
    assert result.exit_code == 1
    assert "scores are not recorded for 2 candidate(s) (C-AAAA, C-BBBB)" in result.output
    assert "zebedee" not in result.output.lower()
    assert read_audit(out)[-1]["outcomes"]["refused"] is True


def test_reveal_prints_a_table_of_sources_and_contact_details(scored):
    result = reveal(scored, "C-AAAA")
    assert result.exit_code == 0, result.output
    header, rule, row = result.output.splitlines()
    assert header.split() == ["candidate_id", "source", "email", "phone", "postcode", "address"]
    assert set(rule) == {"-", " "}
    assert row.split("  ")[0] == "C-AAAA"
    assert "CV - Zebedee Quartermaine.docx; letters/Cover letter ZQ.pdf  zebedee.q@example.com" in row
    assert "07700 900111" in row and "WV3 7QT" in row and "12 Larkspur Road, Wolverhampton" in row
    assert "mentor@example.gov.uk" not in row  # a referee's address is not the candidate's


def test_reveal_csv_is_ready_for_a_mail_merge(scored):
    result = reveal(scored, "c-bbbb", "C-AAAA", "--format", "csv")
    rows = list(csv.DictReader(result.output.splitlines()))
    assert [r["candidate_id"] for r in rows] == ["C-BBBB", "C-AAAA"]
    assert rows[0]["email"] == "ottoline.f@example.org" and rows[0]["source"] == "Fairweather, Ottoline - application.docx"


def test_force_needs_a_reason_which_the_audit_records(out):
    assert reveal(out, "C-AAAA", "--force").exit_code == 2
    assert reveal(out, "C-AAAA", "--reason", "why").exit_code == 2
    result = reveal(out, "C-AAAA", "--force", "--reason", "panel chair approved early release")
    assert result.exit_code == 0, result.output
    entry = read_audit(out)[-1]
    assert entry["command"] == "reveal" and entry["reason"] == "panel chair approved early release"
    assert entry["outcomes"] == {"requested": 1, "revealed": 1, "refused": False, "forced": True,
                                 "unscored_candidates": 2}


def test_unknown_candidate_ids_are_a_usage_error(scored):
    result = reveal(scored, "C-AAAA", "C-ZZZZ")
    assert result.exit_code == 2 and "unknown candidate ID(s) C-ZZZZ" in result.output


def test_the_audit_of_a_reveal_holds_no_personal_data(scored):
    reveal(scored, "C-AAAA")
    text = (scored / "hr" / "audit.jsonl").read_text(encoding="utf-8")
    assert "Zebedee" not in text and "example.com" not in text and "C-AAAA" not in text


def test_multi_line_addresses_are_printed_on_one_line(scored):
    identifiers = json.loads((scored / "hr" / "identifiers.json").read_text(encoding="utf-8"))
    identifiers["C-BBBB"]["STREET_ADDRESS"] = ["3 Kestrel Way\nSolihull"]
    (scored / "hr" / "identifiers.json").write_text(json.dumps(identifiers), encoding="utf-8")
    result = reveal(scored, "C-BBBB")
    assert result.output.splitlines()[2].endswith("B91 3QF   3 Kestrel Way, Solihull")


def test_a_reveal_that_cannot_be_audited_is_refused_clearly(scored, monkeypatch):
    import blindrec.hr.audit

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(blindrec.hr.audit, "append_audit", refuse)
    result = reveal(scored, "C-AAAA")
    assert result.exit_code == 2 and "no reveal goes unrecorded" in result.output
    assert "zebedee" not in result.output.lower()
