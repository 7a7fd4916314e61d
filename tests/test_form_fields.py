"""Council forms' fields: content controls (w:sdt) and legacy form fields (FORMTEXT) (issue 11)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from blindrec.cli import cli
from tests.panel_text import all_panel_text

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _cell_control(table, row: int, value: str) -> None:
    """The value cell's paragraph wrapped in a content control, as Word's form templates do."""
    tc = table.cell(row, 1)._tc
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="field"/></w:sdtPr><w:sdtContent>'
                    f'<w:p><w:r><w:t>{value}</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    tc.replace(tc.find(f"{_W}p"), sdt)


def _row_control(table, row: int, value: str) -> None:
    """The value cell itself inside a content control (a repeating-section row)."""
    tc = table.cell(row, 1)._tc
    tr = tc.getparent()
    tr.remove(tc)
    tr.append(parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent><w:tc><w:p><w:r><w:t>{value}</w:t>'
                        f'</w:r></w:p></w:tc></w:sdtContent></w:sdt>'))


def _legacy_field(document, label: str, value: str) -> None:
    """A "Label: [FORMTEXT value]" paragraph, as pre-2007 council forms have."""
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(
        f'<w:p {nsdecls("w")}><w:r><w:t xml:space="preserve">{label}: </w:t></w:r><w:r><w:fldChar '
        f'w:fldCharType="begin"><w:ffData><w:name w:val="Text1"/><w:enabled/><w:textInput><w:default w:val=""/>'
        f'</w:textInput></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText>'
        f'</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{value}</w:t></w:r><w:r><w:fldChar '
        f'w:fldCharType="end"/></w:r></w:p>'))


@pytest.mark.parametrize("label, value, control", [
    ("Preferred name (if different)", "Kasia", "cell"),
    ("Known as", "Gosia", "row"),
    ("Previous surname(s)", "Wójcik", "cell"),
    ("Previous family name(s)", "Haddad", "row"),
    ("Known as", "Tomek", "legacy"),
    ("Preferred name (if different)", "Jas", "legacy"),
])
def test_name_fields_in_form_controls_are_read_and_redacted(tmp_path: Path, label, value, control):
    document = docx.Document()
    document.add_paragraph("Application form: Housing Officer")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Surname", "Nowak"
    table.cell(1, 0).text, table.cell(1, 1).text = label, value
    if control == "cell":
        _cell_control(table, 1, value)
    elif control == "row":
        _row_control(table, 1, value)
    else:
        _legacy_field(document, label, value)
    document.add_paragraph(f"Supporting statement: {value} has run tenancy audits for Walsall Council.")
    source = tmp_path / "in"
    source.mkdir()
    document.save(str(source / "form.docx"))
    result = CliRunner().invoke(cli, ["anonymise", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    panel = all_panel_text(tmp_path / "out")
    assert value not in panel and "Nowak" not in panel
    assert "has run tenancy audits for Walsall Council" in panel


def test_agency_template_name_only_in_first_page_header_and_footer_tag(tmp_path: Path):
    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.first_page_header
    header.paragraphs[0].text = "Brightwater Talent | Candidate Profile"
    header.add_paragraph("F F I O N   P R I T C H A R D")
    section.footer.paragraphs[0].text = "20260211_Pritchard_CV"
    section.first_page_footer.paragraphs[0].text = "20260211_Pritchard_CV"
    for line in ("Profile", "Ffion has led tenancy audits for Walsall Council.", "Experience",
                 "Housing Officer, Walsall Council (2019-2024)"):
        document.add_paragraph(line)
    source = tmp_path / "in"
    source.mkdir()
    document.save(str(source / "CV.docx"))
    result = CliRunner().invoke(cli, ["anonymise", str(source), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    panel = all_panel_text(tmp_path / "out")
    assert "Ffion" not in panel and "Pritchard" not in panel and "P R I T" not in panel
    assert "Housing Officer, Walsall Council (2019-2024)" in panel
