"""Render a docmodel Application as a Word document (python-docx plus a little raw XML).

Text boxes are written the way Word 2010+ writes them (a DrawingML shape with a VML
fallback), so the box's text sits twice in document.xml, as in real files.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from xml.sax.saxutils import escape, quoteattr

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from benchmarks.docmodel import Application, Columns, Item, Para, Run, Table, TextBox

# Fixed timestamps keep the files byte-identical for a seed.
FIXED_TIME = datetime(2026, 2, 20, 9, 30, tzinfo=timezone.utc)
ZIP_TIME = (2026, 2, 20, 9, 30, 0)
_STYLE = {"title": "Title", "subtitle": "Subtitle", "heading": "Heading 1", "subheading": "Heading 2", "bullet": "List Bullet"}
_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)


def render_docx(app: Application) -> bytes:
    """The DOCX bytes of an application."""
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = Cm(2.2)
    _clear(document)
    _add_items(document, app.body, section)
    if app.header:
        _add_items(section.header, app.header, section)
    if app.footer:
        _add_items(section.footer, app.footer, section)
    _set_properties(document, app.properties)
    out = io.BytesIO()
    document.save(out)
    return _normalised_zip(out.getvalue())


def _clear(document) -> None:
    """Remove the template's empty first paragraph."""
    for p in list(document.paragraphs):
        if not p.text:
            p._p.getparent().remove(p._p)


def _set_properties(document, props: dict[str, str]) -> None:
    """Core properties: author and title when given, fixed dates, nothing left from the template."""
    core = document.core_properties
    core.author = props.get("author", "")
    core.last_modified_by = props.get("author", "")
    core.title = props.get("title", "")
    core.subject = props.get("subject", "")
    core.comments = ""
    core.created = FIXED_TIME
    core.modified = FIXED_TIME
    core.revision = 1


def _normalised_zip(data: bytes) -> bytes:
    """The same package with fixed member timestamps, so output does not depend on the clock."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def _reuse_or_add_paragraph(container):
    """The container's lone empty paragraph (headers and cells start with one), else a new one."""
    paragraphs = container.paragraphs
    if len(paragraphs) == 1 and not paragraphs[0]._p.xpath(".//w:r | .//w:hyperlink"):
        return paragraphs[0]
    return container.add_paragraph()


def _add_items(container, items: tuple[Item, ...], section) -> None:
    """Add items to a document, header, footer or table cell."""
    for item in items:
        if isinstance(item, Para):
            _add_para(container, item)
        elif isinstance(item, Table):
            _add_table(container, item, section)
        elif isinstance(item, TextBox):
            _add_textbox(container, item)
        elif isinstance(item, Columns):
            _add_columns(container, item, section)


def _add_para(container, p: Para) -> None:
    """One paragraph with its runs, style and links."""
    paragraph = _reuse_or_add_paragraph(container)
    style = _STYLE.get(p.style)
    if style:
        paragraph.style = style
    if p.style == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for run in p.runs:
        if run.link:
            _add_hyperlink(paragraph, run)
        else:
            r = paragraph.add_run(run.text)
            r.bold = run.bold or None
            r.italic = run.italic or None
            if p.style == "small":
                r.font.size = Pt(9)


def _add_hyperlink(paragraph, run: Run) -> None:
    """A hyperlink run pointing at an external target."""
    r_id = paragraph.part.relate_to(run.link, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    r = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0563C1")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(color)
    props.append(underline)
    r.append(props)
    text = OxmlElement("w:t")
    text.text = run.text
    text.set(qn("xml:space"), "preserve")
    r.append(text)
    link.append(r)
    paragraph._p.append(link)


def _add_table(container, t: Table, section) -> None:
    """A table of plain cells; labels or header row in bold."""
    cols = max(len(r) for r in t.rows)
    if hasattr(container, "add_table") and container.__class__.__name__ in ("_Header", "_Footer"):
        width = section.page_width - section.left_margin - section.right_margin
        table = container.add_table(len(t.rows), cols, width)
    else:
        table = container.add_table(len(t.rows), cols)
    if t.borders:
        table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    total = section.page_width - section.left_margin - section.right_margin
    if t.widths:
        # Word reads the cell widths, LibreOffice the grid columns: set both.
        table.autofit = False
        for column, share in zip(table.columns, t.widths):
            column.width = int(total * share)
    for row_index, row in enumerate(t.rows):
        for col_index, text in enumerate(row):
            cell = table.cell(row_index, col_index)
            if t.widths:
                cell.width = int(total * t.widths[col_index])
            bold = (t.header and row_index == 0) or (t.label_column and col_index == 0)
            for line_index, line in enumerate(text.split("\n")):
                paragraph = cell.paragraphs[0] if line_index == 0 else cell.add_paragraph()
                run = paragraph.add_run(line)
                run.bold = bold or None


def _add_columns(container, columns: Columns, section) -> None:
    """A borderless two-cell table holding a side column and a main column."""
    table = container.add_table(1, 2)
    total = section.page_width - section.left_margin - section.right_margin
    table.autofit = False
    table.columns[0].width = int(total * columns.side_width)
    table.columns[1].width = int(total * (1 - columns.side_width))
    side, main = table.cell(0, 0), table.cell(0, 1)
    side.width = int(total * columns.side_width)
    main.width = int(total * (1 - columns.side_width))
    shading = parse_xml('<w:shd xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:val="clear" w:color="auto" w:fill="EAF1F8"/>')
    side._tc.get_or_add_tcPr().append(shading)
    _add_items(side, columns.side, section)
    _add_items(main, columns.main, section)


def _run_xml(paragraph_part, run: Run, size_half_points: int) -> str:
    """WordprocessingML for one run inside a text box (hyperlinks included)."""
    props = f'<w:rPr>{"<w:b/>" if run.bold else ""}<w:sz w:val="{size_half_points}"/></w:rPr>'
    text = f'<w:r>{props}<w:t xml:space="preserve">{escape(run.text)}</w:t></w:r>'
    if run.link:
        r_id = paragraph_part.relate_to(run.link, RT.HYPERLINK, is_external=True)
        return f'<w:hyperlink r:id={quoteattr(r_id)}>{text}</w:hyperlink>'
    return text


def _add_textbox(container, box: TextBox) -> None:
    """A floating text box (DrawingML with a VML fallback) anchored in a new paragraph."""
    paragraph = _reuse_or_add_paragraph(container)
    part = paragraph.part
    content = "".join(
        '<w:p><w:pPr><w:spacing w:after="0"/></w:pPr>' + "".join(_run_xml(part, r, 18) for r in p.runs) + "</w:p>"
        for p in box.paras
    )
    shape_id = 100 + len(part.element.xpath(".//w:drawing"))
    height_emu = 200000 * (len(box.paras) + 1)
    width_emu = 4500000
    xml = f"""
<w:r {_NS}>
  <mc:AlternateContent>
    <mc:Choice Requires="wps">
      <w:drawing>
        <wp:anchor distT="45720" distB="45720" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264"
                   behindDoc="0" locked="0" layoutInCell="1" allowOverlap="0">
          <wp:simplePos x="0" y="0"/>
          <wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>
          <wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>
          <wp:extent cx="{width_emu}" cy="{height_emu}"/>
          <wp:effectExtent l="0" t="0" r="0" b="0"/>
          <wp:wrapTopAndBottom/>
          <wp:docPr id="{shape_id}" name="Text Box {shape_id}"/>
          <wp:cNvGraphicFramePr/>
          <a:graphic>
            <a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
              <wps:wsp>
                <wps:cNvSpPr txBox="1"/>
                <wps:spPr>
                  <a:xfrm><a:off x="0" y="0"/><a:ext cx="{width_emu}" cy="{height_emu}"/></a:xfrm>
                  <a:prstGeom prst="rect"><a:avLst/></a:prstGeom>
                  <a:solidFill><a:srgbClr val="F2F2F2"/></a:solidFill>
                  <a:ln w="6350"><a:solidFill><a:srgbClr val="808080"/></a:solidFill></a:ln>
                </wps:spPr>
                <wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>
                <wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr>
              </wps:wsp>
            </a:graphicData>
          </a:graphic>
        </wp:anchor>
      </w:drawing>
    </mc:Choice>
    <mc:Fallback>
      <w:pict>
        <v:rect style="width:{width_emu / 12700:.0f}pt;height:{height_emu / 12700:.0f}pt" fillcolor="#f2f2f2" strokecolor="gray">
          <v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox>
        </v:rect>
      </w:pict>
    </mc:Fallback>
  </mc:AlternateContent>
</w:r>"""
    paragraph._p.append(parse_xml(xml))
