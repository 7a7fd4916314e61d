"""hr/audit.jsonl: one owner-only line per run, counts and hashes only."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

from blindrec.api import BatchResult, CandidatePack
from blindrec.hr.audit import anonymise_record, append_audit, audit_record, read_audit, recorded_rules_sha256
from blindrec.model import Failure, RedactedDocument
from blindrec.settings import load_settings
from tests.test_hr_support import RULES_SHA256, write_output


def test_a_record_has_time_version_rules_inputs_and_outcomes():
    now = dt.datetime(2026, 6, 1, 9, 30, 15, 123, tzinfo=dt.timezone.utc)
    record = audit_record("verify", "abc", 3, {"leaks": 0}, now=now, reason=None)
    assert record == {"time": "2026-06-01T09:30:15+00:00", "command": "verify", "blindrec_version": "0.1.0",
                      "rules_sha256": "abc", "inputs": 3, "outcomes": {"leaks": 0}}


def test_records_are_appended_to_an_owner_only_file(tmp_path):
    append_audit(tmp_path, audit_record("verify", "abc", 1, {"leaks": 0}))
    append_audit(tmp_path, audit_record("reveal", "abc", 2, {"revealed": 2}, reason="chair approved"))
    assert [r["command"] for r in read_audit(tmp_path)] == ["verify", "reveal"]
    assert read_audit(tmp_path)[1]["reason"] == "chair approved"
    assert stat.S_IMODE((tmp_path / "hr" / "audit.jsonl").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "hr").stat().st_mode) == 0o700


def test_the_rules_hash_of_hr_commands_is_that_of_the_run_that_wrote_the_panel(tmp_path):
    assert recorded_rules_sha256(write_output(tmp_path / "out")) == RULES_SHA256
    assert recorded_rules_sha256(tmp_path / "nothing") == ""


def test_an_anonymise_record_counts_without_naming_anyone():
    document = RedactedDocument("CV - Jo Bloggs.docx", "ab" * 32, (), {"CANDIDATE": 2},
                                found_identifiers={"CANDIDATE_NAME": ("jo", "bloggs")})
    result = BatchResult(Path("out"), (CandidatePack("C-AAAA", (document,)),),
                         (Failure("Bloggs letter.doc", "a Word 97 file"),), 2, ("C-AAAA.docx: CANDIDATE_NAME",))
    record = anonymise_record(result, load_settings(), "f" * 64, verified=True)
    assert record["outcomes"] == {"candidates": 1, "documents": 1, "table_rows": 0, "failed": 1,
                                  "verified": True, "leaks": 1, "exit_code": 1}
    assert record["inputs"] == 2 and record["overrides_sha256"] == "f" * 64
    assert len(record["rules_sha256"]) == 64
    assert "bloggs" not in str(record).lower() and "C-AAAA" not in str(record)


def test_an_anonymise_record_says_when_verification_was_switched_off():
    result = BatchResult(Path("out"), (), (), 0)
    record = anonymise_record(result, load_settings(), verified=False)
    assert record["outcomes"]["verified"] is False and "overrides_sha256" not in record
