"""`blindrec review DIR`: a self-contained HTML page of every pack, redactions highlighted by type."""

from __future__ import annotations

import html
import re
import stat

import docx
import pytest
from click.testing import CliRunner

from blindrec.cli import cli
from blindrec.hr.review import Line, unsure_words
from tests.test_hr_support import write_output


@pytest.fixture
def out(tmp_path):
    """A finished output folder of two candidates."""
    return write_output(tmp_path / "out")


def review(*args):
    """Run `blindrec review`."""
    return CliRunner().invoke(cli, ["review", *map(str, args)])


def test_review_writes_an_owner_only_page_with_every_candidate(out):
    result = review(out)
    assert result.exit_code == 0, result.output
    assert "review.html: 2 candidate(s)" in result.output
    page = (out / "hr" / "review.html").read_text(encoding="utf-8")
    assert "id='C-AAAA'" in page and "id='C-BBBB'" in page
    assert stat.S_IMODE((out / "hr" / "review.html").stat().st_mode) == 0o600


def test_every_placeholder_is_highlighted_and_labelled_by_type(out):
    review(out)
    page = (out / "hr" / "review.html").read_text(encoding="utf-8")
    marks = [(kind, html.unescape(label), text) for kind, label, text in re.findall(
        r"<mark class='redaction' data-type='(\w+)' title='Redacted: ([^']+)'>(\[[^\]]+\])</mark>", page)]
    assert ("EMAIL_ADDRESS", "email address", "[EMAIL]") in marks
    assert ("REFEREE", "referee's name", "[REFEREE 1]") in marks
    assert ("STREET_ADDRESS", "address", "[ADDRESS]") in marks
    assert len(marks) == 12 and all(kind != "HR_OVERRIDE" for kind, _, _ in marks)  # every placeholder of both packs


def test_text_is_escaped(out):
    review(out)
    page = (out / "hr" / "review.html").read_text(encoding="utf-8")
    assert "eight years &amp; I enjoy it &lt;really&gt;." in page and "<really>" not in page


def test_the_page_loads_nothing_from_anywhere(out):
    review(out)
    page = (out / "hr" / "review.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//|file:)""", page)
    assert "@import" not in page and "url(" not in page and "<script" not in page
    assert "default-src 'none'" in page


def test_capitalised_words_kept_mid_sentence_are_marked_unsure(out):
    review(out)
    page = (out / "hr" / "review.html").read_text(encoding="utf-8")
    assert "<mark class='unsure' title='Kept, but may identify someone: check it'>Zorblatt</mark>" in page


def test_without_originals_the_page_holds_no_source_text(out):
    review(out)
    page = (out / "hr" / "review.html").read_text(encoding="utf-8")
    assert "Quartermaine" not in page and "CV - Zebedee" not in page and "class='pane original'" not in page


def test_with_originals_each_source_is_shown_beside_its_pack(out, tmp_path):
    sources = tmp_path / "applications"
    sources.mkdir()
    document = docx.Document()
    document.add_paragraph("Zebedee Quartermaine, zebedee.q@example.com")
    document.save(str(sources / "CV - Zebedee Quartermaine.docx"))
    result = review(out, "--with-originals", sources)
    assert result.exit_code == 0, result.output
    page = (out / "hr" / "review.html").read_text(encoding="utf-8")
    assert "<mark class='found' title='Found by blindrec'>Zebedee</mark>" in page
    assert "<mark class='found' title='Found by blindrec'>zebedee.q@example.com</mark>" in page
    assert "Cannot show this source: not found under" in page  # the cover letter is not there


@pytest.mark.parametrize("text, expected", [
    ("I worked with Zorblatt on it.", {"Zorblatt": 1}),
    ("Zorblatt was there.", {}),                           # the start of a sentence
    ("Thanks. Zorblatt said so.", {}),
    ("I met [CANDIDATE] Zorblatt there.", {"Zorblatt": 1}),  # a placeholder does not start a sentence
    ("I use Excel and Resources daily.", {}),               # dictionary words, and their inflections
    ("I met Zorblatt, then zorblatt again.", {}),           # also used in lower case
    ("Born in March in Ab.", {}),
])
def test_unsure_words(text, expected):
    assert unsure_words([Line(text)], frozenset({"excel", "resource", "march"})) == expected


def test_headings_are_not_searched_for_unsure_words():
    assert unsure_words([Line("Work at Zorblatt", heading=True)], frozenset()) == {}


def test_a_folder_that_was_never_anonymised_is_a_usage_error(tmp_path):
    result = review(tmp_path)
    assert result.exit_code == 2
    assert "key.csv: missing or empty; run blindrec anonymise" in result.output


def test_an_ats_row_is_shown_from_the_panel_table(out):
    with open(out / "hr" / "key.csv", "a", encoding="utf-8") as key:
        key.write(f"C-CCCC,ats_export.csv#A-17,{'cd' * 32}\n")
    (out / "panel" / "applications.csv").write_text(
        "candidate_id,current_job_title,supporting_statement\n"
        "C-CCCC,Planner,I have lived in [ADDRESS] for 21 years.\n", encoding="utf-8")
    review(out)
    page = (out / "hr" / "review.html").read_text(encoding="utf-8")
    section = page[page.index("id='C-CCCC'"):]
    assert "<p>current_job_title: Planner</p>" in section
    assert "<mark class='redaction' data-type='STREET_ADDRESS' title='Redacted: address'>[ADDRESS]</mark>" in section
