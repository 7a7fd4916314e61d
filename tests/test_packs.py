"""Panel packs read the same for everyone: A4, the candidate ID on every page, page numbers,
each document labelled by kind and on its own pages, and nothing redaction emptied."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from blindrec.model import Block, RedactedDocument
from blindrec.packs.docx import write_candidate_docx
from blindrec.packs.kind import APPLICATION_FORM, COVER_LETTER, CV, OTHER, SUPPORTING_STATEMENT, document_kind
from blindrec.packs.tidy import tidy_blocks


def _paragraph(text: str) -> Block:
    return Block("paragraph", text)


@pytest.mark.parametrize("source, blocks, kind", [
    ("CV - Nneka Okonkwo.docx", (), CV),
    ("Joris_Price_CV.docx", (), CV),
    ("Noah-Iyer-Resume.docx", (), CV),
    ("Covering letter Noura Al-Hassan.pdf", (), COVER_LETTER),
    ("David_Obi_covering_letter.docx", (), COVER_LETTER),
    ("Okoro_letter.pdf", (), COVER_LETTER),
    ("Okoro_form_2026.pdf", (), APPLICATION_FORM),
    ("Application form - Beata Michalska.docx", (), APPLICATION_FORM),
    ("JakeIngram_ApplicationForm.docx", (), APPLICATION_FORM),
    ("Supporting statement.pdf", (), SUPPORTING_STATEMENT),
    # No kind word in the file name: the opening text decides.
    ("scan0042.pdf", (_paragraph("Dear Recruiting Manager,"),), COVER_LETTER),
    ("doc1.docx", (_paragraph("APPLICATION FOR EMPLOYMENT"),), APPLICATION_FORM),
    ("doc2.docx", (Block("heading", "Work experience", level=1),), CV),
    ("doc3.docx", (_paragraph("How I meet the person specification"),), SUPPORTING_STATEMENT),
    ("doc4.docx", (_paragraph("Some text about a project."),), OTHER),
])
def test_document_kind(source, blocks, kind):
    assert document_kind(source, blocks) == kind


def test_kind_words_inside_a_surname_are_not_kind_words():
    assert document_kind("Formby, Lettice.docx", ()) == OTHER


def test_tidy_collapses_an_address_run_to_one_line():
    blocks = [_paragraph("[ADDRESS]"), _paragraph("[ADDRESS]"), _paragraph("[ADDRESS] [POSTCODE]"),
              _paragraph("[PHONE]")]
    assert [b.text for b in tidy_blocks(blocks)] == ["[ADDRESS]", "[PHONE]"]


def test_tidy_keeps_labelled_address_rows_and_text_around_placeholders():
    blocks = [_paragraph("Address: [ADDRESS]"), _paragraph("I moved from [ADDRESS] last year.")]
    assert [b.text for b in tidy_blocks(blocks)] == ["Address: [ADDRESS]", "I moved from [ADDRESS] last year."]


def test_tidy_drops_what_redaction_emptied():
    blocks = [_paragraph(""), _paragraph("  "), Block("table_row", cells=("", "")),
              Block("table_row", cells=("Title", "")), _paragraph("Profile")]
    assert tidy_blocks(blocks) == (Block("table_row", cells=("Title", "")), _paragraph("Profile"))


def _document(source: str, *texts: str) -> RedactedDocument:
    return RedactedDocument(source, "0" * 64, tuple(_paragraph(t) for t in texts), {})


@pytest.fixture()
def two_document_pack(tmp_path) -> Path:
    path = tmp_path / "C-TEST.docx"
    letter = _document("Cover letter.docx", "Dear Panel,", "I am applying.", "Yours sincerely,")
    cv = _document("CV.docx", "Profile", "Housing officer with ten years in tenancy work.")
    write_candidate_docx(path, "C-TEST", [letter, cv], role="Housing Officer")
    return path


def test_pack_is_a4_with_uk_margins(two_document_pack):
    section = docx.Document(str(two_document_pack)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == round(section.right_margin.mm) == 25


def test_every_page_names_the_candidate_and_role_and_counts_pages(two_document_pack):
    section = docx.Document(str(two_document_pack)).sections[0]
    assert section.header.paragraphs[0].text == "Candidate C-TEST · Housing Officer"
    footer_xml = section.footer._element.xml
    assert 'w:instr="PAGE"' in footer_xml and 'w:instr="NUMPAGES"' in footer_xml
    # No word on every page: "Page" would read as a candidate or referee called Page.
    footer_text = "".join(t.text or "" for t in section.footer._element.iter(qn("w:t")))
    assert not any(character.isalpha() for character in footer_text)


def test_documents_are_labelled_by_kind_in_the_same_order_each_on_a_new_page(two_document_pack):
    document = docx.Document(str(two_document_pack))
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading 2")]
    assert [h.text for h in headings] == ["CV (document 1 of 2)", "Cover letter (document 2 of 2)"]
    assert [bool(h.paragraph_format.page_break_before) for h in headings] == [False, True]


def test_pack_language_is_british_english(two_document_pack):
    document = docx.Document(str(two_document_pack))
    lang = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")) \
        .find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "en-GB"


def test_table_cells_with_equal_text_stay_separate_and_rows_do_not_split(tmp_path):
    path = tmp_path / "C-ROWS.docx"
    form = RedactedDocument("Application form.docx", "0" * 64, (
        Block("table_row", cells=("Full driving licence?", "Yes", "Yes")),
        Block("table_row", cells=("Car owner?", "No", "Yes")),
    ), {})
    write_candidate_docx(path, "C-ROWS", [form])
    table = docx.Document(str(path)).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Full driving licence?", "Yes", "Yes"]
    assert len(table.rows[0]._tr.tc_lst) == 3
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)


def test_wider_text_gets_wider_columns(tmp_path):
    path = tmp_path / "C-COLS.docx"
    form = RedactedDocument("Application form.docx", "0" * 64, (
        Block("table_row", cells=("Year", "Qualification and awarding body, with the grade achieved")),
    ), {})
    write_candidate_docx(path, "C-COLS", [form])
    widths = [c.width for c in docx.Document(str(path)).tables[0].columns]
    assert widths[1] > 2 * widths[0]


def test_cli_pack_of_cv_and_letter_labels_each_document(batch_run):
    result, out = batch_run
    assert result.exit_code == 0, result.output
    with open(out / "hr" / "key.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    candidate = next(r["candidate_id"] for r in rows if r["source"] == "hope banks cv.docx")
    text = (out / "panel" / f"{candidate}.md").read_text(encoding="utf-8")
    assert "## CV (document 1 of 2)" in text and "## Cover letter (document 2 of 2)" in text
    header = docx.Document(str(out / "panel" / f"{candidate}.docx")).sections[0].header.paragraphs[0].text
    assert header == f"Candidate {candidate} · Housing Officer"


def test_combined_pack_gives_each_candidate_pages_headed_with_their_id(batch_run):
    _, out = batch_run
    document = docx.Document(str(out / "panel" / "pack.docx"))
    headers = [s.header.paragraphs[0].text for s in document.sections]
    ids = sorted(p.stem for p in (out / "panel").glob("C-*.docx"))
    assert headers[0].startswith("Anonymised applications")
    assert sorted(h.split(" · ")[0].removeprefix("Candidate ") for h in headers[1:]) == ids


def _soffice() -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not on PATH; CI installs it from .ci/apt-packages-checklist.txt")
    return soffice


def test_rendered_pack_has_a4_pages_the_id_on_each_and_each_document_on_a_new_page(tmp_path, two_document_pack):
    from pypdf import PdfReader

    subprocess.run([_soffice(), f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(two_document_pack)],
                   check=True, capture_output=True, timeout=180)
    pages = PdfReader(str(tmp_path / "C-TEST.pdf")).pages
    assert len(pages) == 2
    for number, page in enumerate(pages, start=1):
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
        text = page.extract_text()
        assert "Candidate C-TEST · Housing Officer" in text
        assert f"{number} / 2" in text
    assert "Cover letter (document 2 of 2)" in pages[1].extract_text()
    assert "Cover letter" not in pages[0].extract_text()


def test_docx_cells_with_equal_text_are_read_as_separate_cells(tmp_path):
    from blindrec.extract import extract_document

    source = docx.Document()
    table = source.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Full driving licence?", "Yes", "Yes")):
        cell.text = text
    merged = table.rows[1].cells[1].merge(table.rows[1].cells[2])  # a real merge stays one cell
    table.rows[1].cells[0].text, merged.text = "Car owner?", "No"
    path = tmp_path / "form.docx"
    source.save(str(path))
    rows = [b.cells for b in extract_document(path, "form.docx").blocks if b.kind == "table_row"]
    assert rows == [("Full driving licence?", "Yes", "Yes"), ("Car owner?", "No")]
