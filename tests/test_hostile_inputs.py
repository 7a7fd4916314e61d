"""Hostile or odd files: each is read safely or reported by name, and the rest of the batch is written."""

from __future__ import annotations

import json
import re
import os

import pytest
from click.testing import CliRunner

from blindrec.cli import cli
from tests import builders
from tests.panel_text import all_panel_text

IRISH = builders.APPLICANTS["irish"]
STATEMENT = "I have run the tenancy sustainment service for six years and cut arrears by 18 percent."


def _anonymise(inputs, out, *extra):
    return CliRunner().invoke(cli, ["anonymise", str(inputs), "--out", str(out), "--jobs", "1", *extra])


def _failures(out) -> dict[str, str]:
    report = json.loads((out / "hr" / "report.json").read_text(encoding="utf-8"))
    return {f["source"]: f["reason"] for f in report["failures"]}


def _rules(tmp_path, text: str):
    path = tmp_path / "limits.yaml"
    path.write_text(text)
    return path


# --- control characters -------------------------------------------------------------------------

def test_pdf_text_with_control_characters_reaches_the_panel_without_them(tmp_path):
    inputs = tmp_path / "in"
    builders.raw_text_pdf(inputs / "statement.pdf", [
        b"Supporting statement for the post of Housing Officer",
        b"I have run the tenancy\x01 sustainment\x0b service\x1f for six years\x08 in local government."])
    builders.cv_docx(IRISH, inputs / "cv.docx")
    result = _anonymise(inputs, tmp_path / "out")
    assert result.exit_code == 0, result.output
    text = all_panel_text(tmp_path / "out")
    assert "tenancy sustainment service for six years in local government" in " ".join(text.split())
    assert not any(ch in text for ch in "\x01\x0b\x1f\x08")


def test_xml_safe_replaces_every_character_xml_cannot_hold():
    from blindrec.extract import xml_safe

    assert xml_safe("a\x00b\x0cc\ud800d\ufffee\x85f") == "a b c d e f"
    assert xml_safe("tab\tnew\nline\r ok £ é 漢") == "tab\tnew\nline\r ok £ é 漢"


def test_mutated_pdfs_are_read_or_refused_and_never_break_pack_writing(tmp_path):
    import random

    from blindrec.extract import ExtractionError, extract_document
    from blindrec.model import RedactedDocument
    from blindrec.packs.docx import write_candidate_docx
    from blindrec.packs.markdown import candidate_markdown

    seeds = [builders.cover_letter_pdf(IRISH, tmp_path / "letter.pdf").read_bytes(),
             builders.raw_text_pdf(tmp_path / "raw.pdf", [STATEMENT.encode(), bytes(range(1, 32))]).read_bytes()]
    rng = random.Random(9)
    for number in range(60):
        data = bytearray(seeds[number % 2])
        for _ in range(rng.randint(1, 12)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        (tmp_path / "mutated.pdf").write_bytes(bytes(data))
        try:
            document = extract_document(tmp_path / "mutated.pdf", "mutated.pdf")
        except ExtractionError:
            continue
        packed = [RedactedDocument("mutated.pdf", document.sha256, document.blocks, {})]
        write_candidate_docx(tmp_path / "pack.docx", "C-AAAA", packed)
        candidate_markdown("C-AAAA", packed)


# --- resource limits ----------------------------------------------------------------------------

def test_zip_bomb_docx_is_refused_under_the_default_limits(tmp_path):
    inputs = tmp_path / "in"
    builders.cv_docx(IRISH, inputs / "cv.docx")
    clean = builders.cv_docx(builders.APPLICANTS["polish"], tmp_path / "clean.docx")
    # One image of zeros, referenced by several entries: tiny compressed, huge uncompressed.
    zeros = bytes(8 * 1024 * 1024)
    builders.with_zip_entries(clean, inputs / "bomb.docx", {f"word/media/image{n}.png": zeros for n in range(4)})
    result = _anonymise(inputs, tmp_path / "out")
    assert result.exit_code == 1
    assert "limits.zip_ratio" in _failures(tmp_path / "out")["bomb.docx"]
    assert "bomb.docx: the compression ratio" in result.stderr
    assert len(list((tmp_path / "out" / "panel").glob("C-*.docx"))) == 1


@pytest.mark.parametrize("rules, entries, key", [
    ("limits: {zip_entry_bytes: 200000}", {"word/media/big.bin": os.urandom(300_000)}, "zip_entry_bytes"),
    ("limits: {zip_total_bytes: 500000}", {f"word/media/p{n}.bin": os.urandom(200_000) for n in range(3)},
     "zip_total_bytes"),
])
def test_docx_over_a_zip_limit_is_a_named_failure(tmp_path, rules, entries, key):
    inputs = tmp_path / "in"
    clean = builders.cv_docx(IRISH, tmp_path / "clean.docx")
    builders.with_zip_entries(clean, inputs / "big.docx", entries)
    result = _anonymise(inputs, tmp_path / "out", "--rules", str(_rules(tmp_path, rules)))
    assert result.exit_code == 1
    assert f"limits.{key}" in _failures(tmp_path / "out")["big.docx"]


def test_pdf_over_the_page_limit_is_a_named_failure(tmp_path):
    inputs = tmp_path / "in"
    builders.raw_text_pdf(inputs / "long.pdf", [STATEMENT.encode()], pages=3)
    result = _anonymise(inputs, tmp_path / "out", "--rules", str(_rules(tmp_path, "limits: {pages: 2}")))
    assert result.exit_code == 1
    reason = _failures(tmp_path / "out")["long.pdf"]
    assert "its length is 3 pages, over the limit of 2 pages (limits.pages in the rules)" in reason


def test_document_over_the_character_limit_is_a_named_failure(tmp_path):
    inputs = tmp_path / "in"
    builders.cv_docx(IRISH, inputs / "cv.docx")
    result = _anonymise(inputs, tmp_path / "out", "--rules", str(_rules(tmp_path, "limits: {characters: 100}")))
    assert result.exit_code == 1
    assert "over the limit of 100 characters (limits.characters" in _failures(tmp_path / "out")["cv.docx"]
    assert not list((tmp_path / "out" / "panel").glob("C-*"))


@pytest.mark.parametrize("text", ["limits: {pages: 0}", "limits: {pagez: 10}", "limits: {pages: lots}",
                                  "limits: [1, 2]"])
def test_bad_limits_in_the_rules_are_a_usage_error(tmp_path, text):
    good = builders.cv_docx(IRISH, tmp_path / "cv.docx")
    result = _anonymise(good, tmp_path / "out", "--rules", str(_rules(tmp_path, text)))
    assert result.exit_code == 2 and "limits" in result.output


# --- text only in customXml or altChunk, and documents with no text -----------------------------

_PARAGRAPH = '<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>'


def test_text_in_block_level_custom_xml_is_read_and_redacted(tmp_path):
    body = ('<w:customXml w:element="application">' + _PARAGRAPH.format(f"Name: {IRISH.name}")
            + _PARAGRAPH.format(f"Email: {IRISH.email}") + _PARAGRAPH.format(STATEMENT) + "</w:customXml>")
    builders.body_xml_docx(tmp_path / "in" / "form.docx", body)
    result = _anonymise(tmp_path / "in", tmp_path / "out")
    assert result.exit_code == 0, result.output
    text = all_panel_text(tmp_path / "out")
    assert "tenancy sustainment service" in text
    assert IRISH.last not in text and IRISH.email not in text


def test_table_cells_wrapped_in_custom_xml_are_read(tmp_path):
    cell = '<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>{}</w:tc>'
    row = "<w:tr>" + cell.format(_PARAGRAPH.format("Supporting statement")) + cell.format(
        '<w:customXml w:element="answer">' + _PARAGRAPH.format(STATEMENT) + "</w:customXml>") + "</w:tr>"
    body = '<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:customXml w:element="r">' \
           + row + "</w:customXml></w:tbl>"
    builders.body_xml_docx(tmp_path / "in" / "form.docx", body)
    result = _anonymise(tmp_path / "in", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "tenancy sustainment service" in all_panel_text(tmp_path / "out")


def test_text_only_in_an_html_alt_chunk_is_read_and_redacted(tmp_path):
    html = (f"<html><head><title>{IRISH.name}</title><style>p {{color: red}}</style></head><body>"
            f"<h1>Curriculum vitae</h1><p>Name: {IRISH.name}<br>Email: {IRISH.email}</p>"
            f"<ul><li>{STATEMENT}</li></ul><table><tr><td>Employer</td><td>{IRISH.employer}</td></tr></table>"
            f"</body></html>").encode("utf-8")
    builders.altchunk_docx(tmp_path / "in" / "cv.docx", html)
    result = _anonymise(tmp_path / "in", tmp_path / "out")
    assert result.exit_code == 0, result.output
    text = all_panel_text(tmp_path / "out")
    assert "tenancy sustainment service" in text and IRISH.employer in text
    assert IRISH.last not in text and IRISH.email not in text and "color: red" not in text


def test_alt_chunk_of_a_kind_blindrec_cannot_read_is_a_failure(tmp_path):
    builders.altchunk_docx(tmp_path / "in" / "cv.docx", b"{\\rtf1 " + STATEMENT.encode() + b"}", "application/rtf")
    result = _anonymise(tmp_path / "in", tmp_path / "out")
    assert result.exit_code == 1
    assert "altChunk, application/rtf" in _failures(tmp_path / "out")["cv.docx"]


def test_document_with_no_text_is_a_failure_not_an_empty_pack(tmp_path):
    builders.body_xml_docx(tmp_path / "in" / "empty.docx", "<w:p/>")
    result = _anonymise(tmp_path / "in", tmp_path / "out")
    assert result.exit_code == 1
    assert "no text could be read" in _failures(tmp_path / "out")["empty.docx"]
    assert not list((tmp_path / "out" / "panel").glob("C-*"))


# --- every file in a folder is accounted for -----------------------------------------------------

NOT_READ = {
    "archive.zip": "an archive",
    "photo.png": "an image",
    "photo.jpg": "an image",
    "notes.txt": "a plain-text file",
    "letter.odt": "OpenDocument is not supported; save it as DOCX or PDF",
}
IGNORED = {".DS_Store": "a hidden file", "~$cv.docx": "an Office lock file", "Thumbs.db": "thumbnail cache",
           ".git/": "a hidden folder"}


def _folder_of_odd_files(folder):
    builders.cv_docx(IRISH, folder / "cv.docx")
    builders.with_zip_entries(folder / "cv.docx", folder / "archive.zip", {})
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff" + bytes(64))
    (folder / "notes.txt").write_text(f"Call {IRISH.name} on {IRISH.phone}")
    builders.odt_file(folder / "letter.odt", STATEMENT)


def test_every_file_not_anonymised_is_named_with_its_reason(tmp_path):
    inputs = tmp_path / "in"
    _folder_of_odd_files(inputs)
    result = _anonymise(inputs, tmp_path / "out")
    assert result.exit_code == 1
    failures = _failures(tmp_path / "out")
    assert set(failures) == set(NOT_READ)
    for name, reason in NOT_READ.items():
        assert reason in failures[name]
        assert f"blindrec: {name}: {failures[name]}" in result.stderr
    assert "| letter.odt | OpenDocument is not supported" in (tmp_path / "out" / "hr" / "report.md").read_text()


def test_hidden_and_lock_files_are_listed_never_read_and_do_not_fail_the_run(tmp_path):
    inputs = tmp_path / "in"
    builders.cv_docx(IRISH, inputs / "cv.docx")
    polish = builders.APPLICANTS["polish"]
    builders.cv_docx(polish, inputs / "~$cv.docx")  # a real CV under a lock file's name: still not read
    builders.cv_docx(polish, inputs / ".git" / "cv.docx")
    (inputs / ".DS_Store").write_bytes(bytes(16))
    (inputs / "Thumbs.db").write_bytes(bytes(16))
    result = _anonymise(inputs, tmp_path / "out")
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "hr" / "report.json").read_text())
    ignored = {f["source"]: f["reason"] for f in report["ignored"]}
    assert set(ignored) == set(IGNORED)
    for name, reason in IGNORED.items():
        assert reason in ignored[name] and f"blindrec: {name}: " in result.stderr
    assert "hidden or lock file(s) not read" in result.stdout
    assert "| ~$cv.docx | an Office lock file" in (tmp_path / "out" / "hr" / "report.md").read_text()
    assert [c["sources"] for c in report["candidates"]] == [["cv.docx"]]
    assert polish.last not in all_panel_text(tmp_path / "out")


def test_an_opendocument_file_named_on_the_command_line_is_not_called_corrupt(tmp_path):
    odt = builders.odt_file(tmp_path / "letter.odt", STATEMENT)
    result = _anonymise(odt, tmp_path / "out")
    assert result.exit_code == 1
    assert "OpenDocument is not supported; save it as DOCX or PDF" in _failures(tmp_path / "out")["letter.odt"]


# --- file names cannot inject lines into report.md or stderr -------------------------------------

_INJECTED = "| injected | row |\nblindrec: 0 input(s) need manual handling"


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_newline_and_pipe_in_file_names_do_not_inject_lines(tmp_path):
    inputs = tmp_path / "in"
    (inputs / "sub").mkdir(parents=True)
    (inputs / f"bad{_INJECTED}.pdf").write_bytes(b"")
    (inputs / f"notes{_INJECTED}.txt").write_text("x")
    builders.cv_docx(IRISH, inputs / f"good|cv\n| injected |.docx")
    result = _anonymise(inputs, tmp_path / "out")
    assert result.exit_code == 1
    assert not any(line.startswith(("| injected", "blindrec: 0 input")) for line in result.stderr.splitlines())
    assert len([line for line in result.stderr.splitlines() if line.startswith("blindrec: ")]) == 2
    markdown = (tmp_path / "out" / "hr" / "report.md").read_text().splitlines()
    assert not any(line.startswith(("| injected", "blindrec: 0 input")) for line in markdown)
    table_rows = [line for line in markdown if line.startswith("| ")]
    assert table_rows and all(_unescaped_pipes(row) == _unescaped_pipes(table_rows[0]) or
                              _unescaped_pipes(row) == 5 for row in table_rows)
    assert r"bad\| injected \| row \|\nblindrec: 0 input(s)" in "\n".join(markdown)


def test_printable_escapes_invisible_characters_and_undecodable_bytes():
    from blindrec.hr.report import printable

    assert printable("a\nb\r\tc\x1b[31m\u202edocx.exe") == r"a\nb\r\tc\x1b[31m\u202edocx.exe"
    assert printable("Jos\udce9 García.docx") == r"Jos\xe9 García.docx"


def test_a_folder_that_cannot_be_read_is_named_not_skipped(tmp_path, monkeypatch):
    inputs = tmp_path / "in"
    builders.cv_docx(IRISH, inputs / "cv.docx")
    (inputs / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        # chmod 000 does not stop root (as CI runs), so the refusal is simulated.
        if not isinstance(path, int) and os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = _anonymise(inputs, tmp_path / "out")
    assert result.exit_code == 1
    assert _failures(tmp_path / "out") == {"locked/": "a folder that cannot be read (Permission denied); not read"}
