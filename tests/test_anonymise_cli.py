"""`blindrec anonymise` on synthetic PDF and DOCX applications: what reaches panel/ and hr/."""

from __future__ import annotations

import csv
import json
import re
import stat
import zipfile

import docx
from click.testing import CliRunner

from blindrec.cli import cli
from tests import builders
from tests.panel_text import all_panel_text, panel_texts

ID = re.compile(r"^C-[2-9A-HJ-NP-Z]{4}$")


def _key(out):
    with open(out / "hr" / "key.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_batch_succeeds_with_exit_code_zero(batch_run):
    result, _ = batch_run
    assert result.exit_code == 0, result.output


def test_no_identifier_of_any_origin_reaches_the_panel(batch_run):
    _, out = batch_run
    text = all_panel_text(out)
    for origin, applicant in builders.APPLICANTS.items():
        for identifier in applicant.identifiers():
            if origin == "common_words" and identifier in ("Hope", "Banks"):
                continue  # checked separately: only name-like occurrences count
            assert identifier.casefold() not in text.casefold(), (origin, identifier)


def test_common_word_names_are_redacted_where_they_are_names(batch_run):
    _, out = batch_run
    text = all_panel_text(out)
    assert not re.search(r"\b(Hope|Banks|HOPE|BANKS)\b", text)


def test_panel_holds_only_candidate_files_and_combined_packs(batch_run):
    _, out = batch_run
    names = {p.name for p in (out / "panel").iterdir()}
    stems = {n.rsplit(".", 1)[0] for n in names} - {"pack"}
    assert {"pack.docx", "pack.md"} <= names
    assert all(ID.match(stem) for stem in stems), names


def test_cv_and_cover_letter_of_one_candidate_share_an_id(batch_run):
    _, out = batch_run
    ids = {row["source"]: row["candidate_id"] for row in _key(out)}
    assert ids["hope banks cv.docx"] == ids["hope banks letter.pdf"]
    assert len(set(ids.values())) == 6


def test_key_lists_every_source_relative_to_the_input_folder(batch_run):
    _, out = batch_run
    rows = _key(out)
    assert list(rows[0]) == ["candidate_id", "source", "sha256"]
    assert "forms/Application form 17.docx" in {r["source"] for r in rows}
    assert all(len(r["sha256"]) == 64 for r in rows)


def test_hr_folder_is_private_to_its_owner(batch_run):
    _, out = batch_run
    assert stat.S_IMODE((out / "hr").stat().st_mode) == 0o700
    for path in (out / "hr").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_panel_documents_carry_no_identifying_metadata(batch_run):
    _, out = batch_run
    for path in (out / "panel").glob("*.docx"):
        props = docx.Document(str(path)).core_properties
        assert props.author == "blindrec" and props.last_modified_by == "blindrec"
        assert not re.search(r"CV|Okonkwo|Banks", props.title or "")


def test_panel_documents_have_no_images_from_the_originals(batch_run):
    _, out = batch_run
    for path in (out / "panel").glob("*.docx"):
        with zipfile.ZipFile(path) as package:
            assert not [n for n in package.namelist() if n.startswith("word/media/")]


def test_job_relevant_content_stays(batch_run):
    _, out = batch_run
    text = all_panel_text(out)
    for phrase in ("Senior Housing Officer", "Sandwell Metropolitan Borough Council", "£2.4m budget",
                   "BSc (Hons) Housing Studies, 2010", "2014 – present", "CIH Level 4 Certificate"):
        assert phrase in text, phrase


def test_placeholders_are_readable_and_typed(batch_run):
    _, out = batch_run
    text = all_panel_text(out)
    for placeholder in ("[CANDIDATE]", "[EMAIL]", "[PHONE]", "[POSTCODE]", "[ADDRESS]", "[DATE OF BIRTH]",
                        "[NI NUMBER]", "[REFEREE 1]", "[REFEREE 2]"):
        assert placeholder in text, placeholder


def test_gender_titles_are_removed(batch_run):
    _, out = batch_run
    assert not re.search(r"\bMs\b", all_panel_text(out))


def test_combined_pack_has_cover_page_and_every_candidate(batch_run):
    _, out = batch_run
    pack = panel_texts(out)["pack.md"]
    assert "Role: Housing Officer" in pack and "Number of candidates: 6" in pack
    ids = {row["candidate_id"] for row in _key(out)}
    assert all(candidate_id in pack for candidate_id in ids)


def test_report_counts_redactions_by_type_without_values(batch_run):
    _, out = batch_run
    report = json.loads((out / "hr" / "report.json").read_text())
    assert len(report["candidates"]) == 6 and report["failures"] == []
    assert all(c["redactions"].get("CANDIDATE", 0) > 0 for c in report["candidates"])
    raw = (out / "hr" / "report.json").read_text()
    applicant = builders.APPLICANTS["nigerian"]
    for value in (applicant.email, applicant.phone, applicant.postcode, applicant.dob, applicant.street):
        assert value not in raw


def test_candidate_order_in_pack_does_not_follow_input_order(batch_dir, tmp_path):
    orders = set()
    for run in range(3):
        out = tmp_path / f"run{run}"
        CliRunner().invoke(cli, ["anonymise", str(batch_dir), "--out", str(out), "--jobs", "1",
                                 "--format", "md", "--no-verify"])
        pack = (out / "panel" / "pack.md").read_text()
        order = re.findall(r"^# Candidate (C-\w{4})", pack, re.M)
        by_source = {r["candidate_id"]: r["source"] for r in _key(out)}
        orders.add(tuple(by_source[c] for c in order))
    assert len(orders) > 1


def test_rerun_into_same_folder_leaves_no_stale_panel_files(batch_dir, tmp_path):
    out = tmp_path / "out"
    (out / "panel").mkdir(parents=True)
    (out / "panel" / "C-OLD1.docx").write_text("stale")
    result = CliRunner().invoke(cli, ["anonymise", str(batch_dir / "hope banks cv.docx"), "--out", str(out),
                                      "--jobs", "1", "--format", "md"])
    assert result.exit_code == 0, result.output
    assert not (out / "panel" / "C-OLD1.docx").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".panel")]


def test_rerun_keeps_candidate_ids_for_unchanged_files(batch_dir, tmp_path):
    out = tmp_path / "out"
    source = str(batch_dir / "hope banks cv.docx")
    CliRunner().invoke(cli, ["anonymise", source, "--out", str(out), "--jobs", "1", "--format", "md"])
    first = _key(out)[0]["candidate_id"]
    CliRunner().invoke(cli, ["anonymise", source, "--out", str(out), "--jobs", "1", "--format", "md"])
    assert _key(out)[0]["candidate_id"] == first


def test_json_summary_is_machine_readable(batch_dir, tmp_path):
    result = CliRunner().invoke(cli, ["anonymise", str(batch_dir / "hope banks cv.docx"), "--out",
                                      str(tmp_path / "out"), "--jobs", "1", "--json"])
    summary = json.loads(result.stdout)
    assert summary["candidates"] == 1 and summary["exit_code"] == 0 and result.exit_code == 0


def test_missing_out_option_is_a_usage_error(batch_dir):
    result = CliRunner().invoke(cli, ["anonymise", str(batch_dir)])
    assert result.exit_code == 2


def test_markdown_pack_per_candidate_when_asked(batch_run):
    _, out = batch_run
    ids = {row["candidate_id"] for row in _key(out)}
    assert all((out / "panel" / f"{candidate_id}.md").exists() for candidate_id in ids)


def test_a_name_word_found_in_one_document_is_redacted_in_the_candidates_others(tmp_path):
    import docx as python_docx

    cv = python_docx.Document()
    cv.add_paragraph("Adaeze Chinwe Nwosu")
    cv.add_paragraph("Email: adaeze.nwosu@example.com")
    cv.add_paragraph("Housing Officer since 2019.")
    cv.save(str(tmp_path / "cv.docx"))
    letter = python_docx.Document()
    letter.add_paragraph("Contact: adaeze.nwosu@example.com")
    letter.add_paragraph("Friends call me Chinwe at work.")
    letter.save(str(tmp_path / "letter.docx"))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["anonymise", str(tmp_path / "cv.docx"), str(tmp_path / "letter.docx"),
                                      "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert len({r["candidate_id"] for r in _key(out)}) == 1
    assert "Chinwe" not in all_panel_text(out)


def test_an_output_folder_inside_the_input_folder_is_not_read_as_input(tmp_path):
    builders.cv_docx(builders.APPLICANTS["irish"], tmp_path / "cv.docx")
    for _ in range(2):
        result = CliRunner().invoke(cli, ["anonymise", str(tmp_path), "--out", str(tmp_path / "out"), "--jobs", "1"])
        assert result.exit_code == 0, result.output
    assert [r["source"] for r in _key(tmp_path / "out")] == ["cv.docx"]


def test_a_layout_table_reads_as_sections_in_markdown():
    from blindrec.model import Block
    from blindrec.packs.markdown import blocks_to_markdown

    row = Block("table_row", cells=("Skills\nExcel\nSQL\nPython\nTableau", "Profile\nAnalyst since 2019"))
    markdown = blocks_to_markdown([row])
    assert "|" not in markdown and "Skills\n\nExcel" in markdown and "Analyst since 2019" in markdown


def test_worker_processes_give_the_same_result_as_one_process(tmp_path):
    for number, applicant in enumerate(list(builders.APPLICANTS.values()) * 2):
        builders.application_form_docx(applicant, tmp_path / "in" / f"form {number}.docx")
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = CliRunner().invoke(cli, ["anonymise", str(tmp_path / "in"), "--out", str(out), "--jobs", jobs,
                                          "--format", "md"])
        assert result.exit_code == 0, result.output
        packs = sorted(p.read_text() for p in (out / "panel").glob("C-*.md"))
        runs[jobs] = [re.sub(r"C-\w{4}", "C-ID", pack) for pack in packs]
    assert runs["1"] == runs["2"] and len(runs["1"]) == 6


def test_answers_typed_into_a_fillable_pdf_form_reach_the_panel_anonymised(tmp_path):
    applicant = builders.APPLICANTS["polish"]
    builders.fillable_form_pdf(applicant, tmp_path / "in" / "form.pdf")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["anonymise", str(tmp_path / "in"), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    text = all_panel_text(out)
    assert applicant.employer in text and applicant.job_title in text and "Current employer" in text
    for identifier in (applicant.first, applicant.last, applicant.email, applicant.phone, applicant.postcode):
        assert identifier.casefold() not in text.casefold(), identifier


def test_symbol_font_bullets_from_word_become_list_items():
    from blindrec.extract.pdf_lines import page_blocks

    blocks = list(page_blocks(["\uf0b7 Processed new claims\n\uf0a7Audited budgets\n-5% on last year"]))
    assert [(b.kind, b.text) for b in blocks] == [("list_item", "Processed new claims"),
                                                   ("list_item", "Audited budgets"), ("paragraph", "-5% on last year")]
