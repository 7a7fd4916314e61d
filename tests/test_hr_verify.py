"""`blindrec verify DIR`: every panel file, its name and its properties, searched for identifiers."""

from __future__ import annotations

import docx
from click.testing import CliRunner

from blindrec.cli import cli
from blindrec.hr.audit import read_audit
from blindrec.hr.verify import Leak, source_name_words, verify_output
from tests.test_hr_support import PACKS, write_output


def verify(out):
    """Run `blindrec verify` on an output folder."""
    return CliRunner().invoke(cli, ["verify", str(out)])


def test_a_clean_panel_passes(tmp_path):
    result = verify(write_output(tmp_path / "out"))
    assert result.exit_code == 0
    assert "Checked 3 panel file(s) against 2 candidate(s): no leak(s)." in result.output


def test_a_name_in_a_pack_is_reported_by_file_and_type_not_value(tmp_path):
    out = write_output(tmp_path / "out", {**PACKS, "C-AAAA": PACKS["C-AAAA"] + "\nSigned, Zebedee.\n"})
    result = verify(out)
    assert result.exit_code == 1
    assert "LEAK panel/C-AAAA.md: CANDIDATE_NAME" in result.output
    assert "Zebedee" not in result.output and "zebedee" not in result.output


def test_a_lower_case_ordinary_word_is_not_a_name_leak(tmp_path):
    out = write_output(tmp_path / "out", {**PACKS, "C-BBBB": PACKS["C-BBBB"] + "\nfair weather all year.\n"})
    assert verify(out).exit_code == 0


def test_contact_details_are_found_in_any_spelling(tmp_path):
    leaked = PACKS["C-BBBB"] + "\nCall 0121-496-0000, post to b913qf.\n"
    leaks = verify_output(write_output(tmp_path / "out", {**PACKS, "C-BBBB": leaked})).leaks
    assert Leak("C-BBBB.md", "PHONE_NUMBER") in leaks and Leak("C-BBBB.md", "UK_POSTCODE") in leaks


def test_docx_properties_are_searched(tmp_path):
    out = write_output(tmp_path / "out")
    document = docx.Document()
    document.add_paragraph("Candidate C-BBBB")
    document.core_properties.author = "Ottoline Fairweather"
    document.save(str(out / "panel" / "C-BBBB.docx"))
    assert Leak("C-BBBB.docx", "CANDIDATE_NAME") in verify_output(out).leaks


def test_words_split_across_docx_runs_are_still_found(tmp_path):
    out = write_output(tmp_path / "out")
    document = docx.Document()
    paragraph = document.add_paragraph("Written by Otto")
    paragraph.add_run("line")
    document.save(str(out / "panel" / "C-BBBB.docx"))
    assert Leak("C-BBBB.docx", "CANDIDATE_NAME") in verify_output(out).leaks


def test_source_file_name_words_are_searched_for(tmp_path):
    # "Zq" is no identifier blindrec found, but the source file is "Cover letter ZQ.pdf".
    out = write_output(tmp_path / "out", {**PACKS, "C-AAAA": PACKS["C-AAAA"] + "\nFrom the desk of Quartermaine.\n"})
    (out / "hr" / "identifiers.json").write_text("{}", encoding="utf-8")
    result = verify(out)
    assert result.exit_code == 1
    assert "LEAK panel/C-AAAA.md: SOURCE_FILE_NAME" in result.output


def test_source_name_words_skip_document_words():
    not_names = frozenset({"cv", "cover", "letter", "application"})
    words = source_name_words(["CV - Zebedee Quartermaine.docx", "letters/Cover letter ZQ.pdf",
                               "ats_export.csv#A-17"], not_names)
    assert words == ["Quartermaine", "Zebedee"]


def test_panel_file_names_are_searched(tmp_path):
    out = write_output(tmp_path / "out")
    (out / "panel" / "notes_fairweather.md").write_text("Nothing here.\n", encoding="utf-8")
    result = verify(out)
    assert result.exit_code == 1
    assert "LEAK panel/(file names): CANDIDATE_NAME" in result.output


def test_shared_pack_is_checked_for_everyones_contact_details(tmp_path):
    out = write_output(tmp_path / "out")
    pack = out / "panel" / "pack.md"
    pack.write_text(pack.read_text(encoding="utf-8") + "\nReply to zebedee.q@example.com\n", encoding="utf-8")
    assert verify_output(out).leaks == (Leak("pack.md", "CANDIDATE_EMAIL"), Leak("pack.md", "EMAIL_ADDRESS"))


def test_shared_pack_checks_names_only_in_their_own_candidates_section(tmp_path):
    # "Marchbanks" is C-AAAA's referee: harmless as a word in C-BBBB's section, a leak in C-AAAA's.
    out = write_output(tmp_path / "out")
    pack = out / "panel" / "pack.md"
    sections = pack.read_text(encoding="utf-8").split("\n---\n")
    pack.write_text(sections[0] + "\n---\n" + sections[1] + "\nMarchbanks Estate.\n", encoding="utf-8")
    assert verify_output(out).leaks == ()
    pack.write_text(sections[0] + "\nMarchbanks Estate.\n---\n" + sections[1], encoding="utf-8")
    assert verify_output(out).leaks == (Leak("pack.md", "REFEREE_NAME"),)


def test_verify_is_recorded_in_the_audit_log(tmp_path):
    out = write_output(tmp_path / "out")
    verify(out)
    record = read_audit(out)[-1]
    assert record["command"] == "verify" and record["outcomes"]["leaks"] == 0 and record["inputs"] == 3


def test_a_folder_without_hr_files_is_a_usage_error(tmp_path):
    result = verify(tmp_path)
    assert result.exit_code == 2
    assert "identifiers.json: cannot be read" in result.output and "Traceback" not in result.output


def test_a_file_about_no_candidate_is_checked_for_everyones_names(tmp_path):
    # An original dropped into panel/ by mistake carries no candidate ID to find sections by.
    out = write_output(tmp_path / "out")
    (out / "panel" / "notes.md").write_text("Interview Ottoline on Monday.\n", encoding="utf-8")
    assert verify_output(out).leaks == (Leak("notes.md", "CANDIDATE_NAME"), Leak("notes.md", "SOURCE_FILE_NAME"))
