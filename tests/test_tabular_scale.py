"""ATS exports at scale: HR's per-row files spooled to disk, and verification a table row at a time.

No timings here (they belong to benchmarks/ats.py): these tests check that what is spooled
comes out whole and private, and that the row-by-row verification still finds every kind
of leak the whole-text one did.
"""

from __future__ import annotations

import csv
import json
import stat
import tempfile
from pathlib import Path

import pytest

from blindrec.hr.identifiers import RowIndex, exact_candidates, exact_key, identifiers_of, row_identifiers_line
from blindrec.hr.key import write_key
from blindrec.hr.verify import Leak, VerifyError, verify_output
from tests.test_tabular import HEADER, MONITORING, _applicants, _hr, _panel, _write_csv

# --- the table run's spools ----------------------------------------------------------------


@pytest.fixture(scope="module")
def two_exports(tmp_path_factory):
    """Two exports through the API into one folder, temporary files confined to a folder of their own."""
    from blindrec.api import RunOptions, anonymise_batch
    from blindrec.settings import load_settings

    folder = tmp_path_factory.mktemp("spool")
    scratch = folder / "tmp"
    scratch.mkdir()
    people = _applicants(7, seed=3)
    first = _write_csv(folder / "first.csv", people[:4])
    second = _write_csv(folder / "second.csv", people[4:])
    saved = tempfile.tempdir
    tempfile.tempdir = str(scratch)
    try:
        result = anonymise_batch([first, second], folder / "out", load_settings(), RunOptions(jobs=1))
    finally:
        tempfile.tempdir = saved
    return result, folder / "out", scratch, people


def test_every_row_reaches_the_key_sorted_by_candidate_id(two_exports):
    result, out, _, people = two_exports
    key = _hr(out, "key.csv")
    assert result.exit_code == 0 and result.table_rows == 7
    assert [r["candidate_id"] for r in key] == sorted(r["candidate_id"] for r in key)
    assert sorted(r["source"] for r in key) == sorted(
        [f"first.csv#{p['applicant_ref']}" for p in people[:4]] + [f"second.csv#{p['applicant_ref']}"
                                                                   for p in people[4:]])
    assert all(len(r["sha256"]) == 64 for r in key)


def test_every_row_has_its_identifiers_in_the_hr_json_lines(two_exports):
    _, out, _, people = two_exports
    found = identifiers_of(out)
    key = {r["source"].split("#")[1]: r["candidate_id"] for r in _hr(out, "key.csv")}
    for person in people:
        identifiers = found[key[person["applicant_ref"]]]
        assert person["email"] in identifiers["EMAIL_ADDRESS"]
        assert person["last_name"] in identifiers["CANDIDATE_NAME"]


def test_hr_files_are_private_and_no_spool_is_left_behind(two_exports):
    _, out, scratch, _ = two_exports
    for name in ("key.csv", "identifiers.json", "identifiers-rows.jsonl", "monitoring-first.csv"):
        assert stat.S_IMODE((out / "hr" / name).stat().st_mode) == 0o600, name
    assert list(scratch.iterdir()) == []


def test_monitoring_answers_never_reach_the_panel(two_exports):
    _, out, _, people = two_exports
    panel_text = "\n".join(p.read_text(encoding="utf-8-sig") for p in (out / "panel").iterdir())
    for person in people:
        for column in MONITORING:
            if len(person[column]) > 5:  # "Yes", "25-34" are words of ordinary text
                assert person[column] not in panel_text, column
    assert not set(MONITORING) & set(_panel(out, "applications-first.csv")[0])


def test_a_later_run_without_exports_drops_the_rows_identifiers(two_exports, tmp_path):
    from blindrec.api import RunOptions, anonymise_batch
    from blindrec.settings import load_settings

    _, out, _, _ = two_exports
    copy = tmp_path / "out"
    copy.mkdir()
    (copy / "hr").mkdir()
    (copy / "hr" / "identifiers-rows.jsonl").write_text((out / "hr" / "identifiers-rows.jsonl").read_text())
    empty = tmp_path / "empty"
    empty.mkdir()
    anonymise_batch([empty], copy, load_settings(), RunOptions())
    assert not (copy / "hr" / "identifiers-rows.jsonl").exists()


def test_a_failed_export_leaves_no_spool_behind(tmp_path, monkeypatch):
    from blindrec.api import RunOptions, anonymise_batch
    from blindrec.settings import load_settings

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    export = tmp_path / "ragged.csv"
    export.write_text("applicant_ref,first_name,last_name\n" + "".join(f"A{i},Jo\n" for i in range(30)))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    result = anonymise_batch([export], tmp_path / "out", load_settings(), RunOptions(jobs=1))
    assert result.failures and result.table_rows == 0
    assert [p.name for p in scratch.iterdir()] == []


def test_a_repeated_reference_is_two_applicants_with_ids_kept_on_a_rerun(tmp_path):
    from blindrec.api import RunOptions, anonymise_batch
    from blindrec.settings import load_settings

    people = _applicants(3, seed=9)
    people[2]["applicant_ref"] = people[0]["applicant_ref"]
    export = _write_csv(tmp_path / "export.csv", people)
    anonymise_batch([export], tmp_path / "out", load_settings(), RunOptions(jobs=1, verify=False))
    first = sorted((r["source"], r["sha256"], r["candidate_id"]) for r in _hr(tmp_path / "out", "key.csv"))
    report = json.loads((tmp_path / "out" / "hr" / "report.json").read_text())
    assert [w for w in report["table_warnings"] if "1 applicant reference(s) appear on more than one row" in w]
    assert len(first) == 3 and len({sha for _, sha, _ in first}) == 3 and len({c for _, _, c in first}) == 3
    anonymise_batch([export], tmp_path / "out", load_settings(), RunOptions(jobs=1, verify=False, replace=True))
    assert sorted((r["source"], r["sha256"], r["candidate_id"]) for r in _hr(tmp_path / "out", "key.csv")) == first


def test_taken_ids_never_hand_out_an_id_twice():
    from blindrec.grouping import new_candidate_id
    from blindrec.tabular.run import _TakenIds

    taken = _TakenIds(["C-2222", "HR-CUSTOM"])
    assert "C-2222" in taken and "HR-CUSTOM" in taken and "C-2223" not in taken
    given = [new_candidate_id(taken) for _ in range(20000)]
    assert len(set(given)) == 20000 and "C-2222" not in given and all(c in taken for c in given)


def test_key_merges_documents_with_spooled_rows_in_order(tmp_path):
    spool = tmp_path / "spool.csv"
    spool.write_text("C-AAAA,x.csv#1,a\nC-CCCC,x.csv#2,c\n", encoding="utf-8")
    out = tmp_path / "key.csv"
    with open(out, "w", encoding="utf-8", newline="") as handle:
        write_key(handle, [("C-DDDD", "cv.docx", "d"), ("C-BBBB", "cv2.docx", "b")], [spool])
    assert [row[0] for row in csv.reader(out.open())] == ["candidate_id", "C-AAAA", "C-BBBB", "C-CCCC", "C-DDDD"]


# --- verification, a row at a time ---------------------------------------------------------

def _people(count: int) -> list[dict[str, str]]:
    return [{"id": f"C-{i:04d}".replace("0", "Q"), "first": f"Ottoline{chr(65 + i % 26)}",
             "last": f"Fairweather{chr(65 + i // 26 % 26)}x", "email": f"applicant{i}@example.org",
             "phone": f"07700 9{i:05d}", "postcode": f"B{i % 90 + 10} {i % 10}QF"} for i in range(count)]


def _table_output(folder: Path, people: list[dict[str, str]], statements: dict[int, str] | None = None) -> Path:
    """An output folder as a table run leaves it: a panel table and the rows' HR files."""
    (folder / "panel").mkdir(parents=True)
    (folder / "hr").mkdir()
    (folder / "hr" / "identifiers.json").write_text("{}", encoding="utf-8")
    (folder / "hr" / "key.csv").write_text("candidate_id,source,sha256\n" + "".join(
        f"{person['id']},export.csv#{i},-\n" for i, person in enumerate(people)), encoding="utf-8")
    with open(folder / "hr" / "identifiers-rows.jsonl", "w", encoding="utf-8") as handle:
        for person in people:
            handle.write(row_identifiers_line(person["id"], {
                "CANDIDATE_NAME": [person["first"], person["last"]], "EMAIL_ADDRESS": [person["email"]],
                "PHONE_NUMBER": [person["phone"]], "UK_POSTCODE": [person["postcode"]]}))
    with open(folder / "panel" / "applications.csv", "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["candidate_id", "current_job_title", "supporting_statement"])
        for i, person in enumerate(people):
            statement = (statements or {}).get(i, "I am [CANDIDATE], reachable at [EMAIL] or [PHONE].")
            writer.writerow([person["id"], "Planning Officer", statement])
    return folder


def test_a_clean_table_has_no_leaks(tmp_path):
    people = _people(300)
    verification = verify_output(_table_output(tmp_path / "out", people))
    assert verification.leaks == ()
    assert (verification.files_checked, verification.candidates) == (1, 300)


@pytest.mark.parametrize("leaked, kind", [
    (lambda other: f"Write to {other['email'].upper()}", "EMAIL_ADDRESS"),
    (lambda other: f"Ring +44 (0){other['phone'][1:5]}-{other['phone'][6:]}", "PHONE_NUMBER"),
    (lambda other: f"I live near {other['postcode'].lower().replace(' ', '')} now", "UK_POSTCODE"),
])
def test_a_row_carrying_another_applicants_exact_value_is_a_leak(tmp_path, leaked, kind):
    people = _people(300)
    out = _table_output(tmp_path / "out", people, {17: leaked(people[250])})
    assert verify_output(out).leaks == (Leak("applications.csv", kind),)


def test_a_row_carrying_its_own_candidates_surname_is_a_leak(tmp_path):
    people = _people(300)
    out = _table_output(tmp_path / "out", people, {42: f"Mrs {people[42]['last']} manages the team."})
    assert verify_output(out).leaks == (Leak("applications.csv", "CANDIDATE_NAME"),)


def test_a_name_on_a_cells_continuation_line_is_its_rows(tmp_path):
    people = _people(30)
    out = _table_output(tmp_path / "out", people, {5: f"First paragraph.\n\nSigned, {people[5]['first']}"})
    assert verify_output(out).leaks == (Leak("applications.csv", "CANDIDATE_NAME"),)


def test_another_applicants_name_word_is_not_a_leak_in_a_row(tmp_path):
    # Names are only checked where they would point to their own applicant: among 100,000
    # applicants someone is called "Hope" or "West".
    people = _people(30)
    out = _table_output(tmp_path / "out", people, {3: f"I worked with {people[29]['last']} on the plan."})
    assert verify_output(out).leaks == ()


def test_a_table_about_no_one_is_checked_for_everyones_names(tmp_path):
    people = _people(30)
    out = _table_output(tmp_path / "out", people)
    (out / "panel" / "notes.csv").write_text(f"note\nAsk {people[12]['first']} about it\n", encoding="utf-8")
    assert verify_output(out).leaks == (Leak("notes.csv", "CANDIDATE_NAME"),)


def test_a_broken_identifiers_line_stops_verification_and_leaves_no_index(tmp_path, monkeypatch):
    out = _table_output(tmp_path / "out", _people(3))
    with open(out / "hr" / "identifiers-rows.jsonl", "a", encoding="utf-8") as handle:
        handle.write("{not json\n")
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    with pytest.raises(VerifyError, match="identifiers-rows.jsonl: line 4"):
        verify_output(out)
    assert list(scratch.iterdir()) == []


def test_anonymise_then_tamper_the_panel_table(tmp_path):
    """End to end: a clean run verifies clean; a pasted-in email of another applicant does not."""
    from click.testing import CliRunner

    from blindrec.cli import cli

    people = _applicants(4, seed=5)
    export = _write_csv(tmp_path / "export.csv", people, HEADER)
    run = CliRunner().invoke(cli, ["anonymise", str(export), "--out", str(tmp_path / "out"), "--jobs", "1"])
    assert run.exit_code == 0, run.output
    table = tmp_path / "out" / "panel" / "applications.csv"
    rows = list(csv.reader(table.open(encoding="utf-8-sig")))
    key = {r["candidate_id"]: r["source"].split("#")[1] for r in _hr(tmp_path / "out", "key.csv")}
    other = next(p for p in people if p["applicant_ref"] != key[rows[1][0]])
    rows[1][-1] += f" Or ask {other['email']}."
    with open(table, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert verify_output(tmp_path / "out").leaks == (Leak("applications.csv", "EMAIL_ADDRESS"),)


# --- the index's look-ups ------------------------------------------------------------------

def test_phone_and_postcode_shapes_are_found_in_any_spelling():
    keys = exact_candidates("Call +44 (0)7700-900 123 or 07700900123, post to b91 3qf; NI QQ 12 34 56 C.")
    for kind, value in (("PHONE_NUMBER", "07700 900123"), ("UK_POSTCODE", "B91 3QF"), ("UK_NINO", "QQ123456C"),
                        ("UK_NINO", "QQ 12 34 56")):
        assert exact_key(kind, value) in keys, (kind, value)
    assert exact_key("PHONE_NUMBER", "07700 900124") not in keys


def test_row_index_looks_up_by_candidate_and_by_value():
    with RowIndex([("C-AAAA", {"EMAIL_ADDRESS": ["Jo@Example.org"], "CANDIDATE_NAME": ["Jo"]})]) as index:
        assert index.identifiers("C-AAAA")["CANDIDATE_NAME"] == ["Jo"]
        assert index.identifiers("C-BBBB") is None
        assert index.kinds(exact_candidates("mail jo@example.org")) == {"EMAIL_ADDRESS"}
        assert index.kinds(exact_candidates("mail jo@example.com")) == set()
        path = index._path
    assert not path.exists()


def test_identifier_lines_round_trip_with_any_characters(tmp_path):
    line = row_identifiers_line("C-AAAA", {"CANDIDATE_NAME": ["Siobhán", "O'Sullivan\u2028"]})
    assert line.count("\n") == 1
    (tmp_path / "hr").mkdir()
    (tmp_path / "hr" / "identifiers-rows.jsonl").write_text(line * 2, encoding="utf-8")
    assert identifiers_of(tmp_path, ["C-AAAA"]) == {"C-AAAA": json.loads(line)["identifiers"]}


def test_rows_never_get_an_id_this_run_gave_a_document_candidate(tmp_path, monkeypatch):
    from blindrec import grouping
    from blindrec.api import RunOptions, anonymise_batch
    from blindrec.settings import load_settings
    from tests import builders

    # Every ID drawn is C-2222 until it is taken, then C-3333: a clash unless rows know the
    # documents' IDs.
    draws = iter("2222" * 2 + "3333" * 4)
    monkeypatch.setattr(grouping.secrets, "choice", lambda alphabet: next(draws))
    builders.cv_docx(builders.APPLICANTS["irish"], tmp_path / "in" / "cv.docx")
    _write_csv(tmp_path / "in" / "export.csv", _applicants(1, seed=5))
    anonymise_batch([tmp_path / "in"], tmp_path / "out", load_settings(), RunOptions(jobs=1, verify=False))
    ids = {r["source"]: r["candidate_id"] for r in _hr(tmp_path / "out", "key.csv")}
    assert ids["cv.docx"] == "C-2222" and list(ids.values()).count("C-3333") == 1 and len(ids) == 2
