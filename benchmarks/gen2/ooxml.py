"""Raw WordprocessingML where python-docx has no API: text boxes, content controls, legacy form
fields, footnotes, character spacing; and fixed zip timestamps so a seed gives the same bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
FIXED_TIME = datetime(2026, 2, 11, 9, 30, 0)


def _run(text: str, bold: bool = False, size: int | None = None, caps: bool = False, spacing: int = 0) -> str:
    """One w:r with optional bold, size (half-points), caps and character spacing (twentieths of a point)."""
    props = ("<w:b/>" if bold else "") + ("<w:caps/>" if caps else "") + \
        (f'<w:spacing w:val="{spacing}"/>' if spacing else "") + (f'<w:sz w:val="{size}"/>' if size else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph_xml(text: str, **style) -> str:
    """A w:p holding one run."""
    return f"<w:p>{_run(text, **style)}</w:p>"


def add_text_box(paragraph, lines: list[tuple[str, dict]], box_id: int, width_cm: float = 5.5,
                 height_cm: float = 22.0) -> None:
    """Anchor a text box holding `lines` to a paragraph, the way Word saves it (DrawingML with a VML fallback)."""
    body = "".join(paragraph_xml(text, **style) for text, style in lines)
    cx, cy = int(width_cm * 360000), int(height_cm * 360000)
    xml = (f'<w:r {NS}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
           f'<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="{box_id}" '
           f'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
           f'<wp:positionH relativeFrom="page"><wp:posOffset>360000</wp:posOffset></wp:positionH>'
           f'<wp:positionV relativeFrom="page"><wp:posOffset>540000</wp:posOffset></wp:positionV>'
           f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/>'
           f'<wp:docPr id="{box_id}" name="Text Box {box_id}"/><wp:cNvGraphicFramePr/>'
           f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
           f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
           f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
           f'<wps:txbx><w:txbxContent>{body}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>'
           f'</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>'
           f'<mc:Fallback><w:pict><v:shape id="Text Box {box_id}" type="#_x0000_t202" '
           f'style="position:absolute;width:{width_cm}cm;height:{height_cm}cm"><v:textbox>'
           f'<w:txbxContent>{body}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
           f'</mc:AlternateContent></w:r>')
    paragraph._p.append(parse_xml(xml))


def add_content_control(paragraph, alias: str, text: str, sdt_id: int) -> None:
    """A plain-text content control (w:sdt) inside a paragraph, titled like a form's field."""
    xml = (f'<w:sdt {NS}><w:sdtPr><w:alias w:val="{escape(alias)}"/><w:tag w:val="{escape(alias)}"/>'
           f'<w:id w:val="{sdt_id}"/><w:text/></w:sdtPr><w:sdtContent>{_run(text)}</w:sdtContent></w:sdt>')
    paragraph._p.append(parse_xml(xml))


def add_checkbox_control(paragraph, checked: bool, sdt_id: int) -> None:
    """A Word 2010 check box content control (w14:checkbox) showing ☒ or ☐."""
    mark = "☒" if checked else "☐"
    xml = (f'<w:sdt {NS}><w:sdtPr><w:id w:val="{sdt_id}"/><w14:checkbox><w14:checked w14:val="{int(checked)}"/>'
           f'<w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
           f'</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>{mark}</w:t></w:r></w:sdtContent></w:sdt>')
    paragraph._p.append(parse_xml(xml))


def add_legacy_text_field(paragraph, name: str, text: str) -> None:
    """A legacy FORMTEXT field (Word 97 form) whose result is the typed value."""
    runs = (f'<w:r {NS}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="{escape(name)[:20]}"/>'
            f'<w:enabled/><w:calcOnExit w:val="0"/><w:textInput/></w:ffData></w:fldChar></w:r>',
            f'<w:r {NS}><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>',
            f'<w:r {NS}><w:fldChar w:fldCharType="separate"/></w:r>',
            f'<w:r {NS}><w:t xml:space="preserve">{escape(text)}</w:t></w:r>',
            f'<w:r {NS}><w:fldChar w:fldCharType="end"/></w:r>')
    for run in runs:
        paragraph._p.append(parse_xml(run))


def add_legacy_checkbox(paragraph, name: str, checked: bool) -> None:
    """A legacy FORMCHECKBOX field."""
    runs = (f'<w:r {NS}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="{escape(name)[:20]}"/><w:enabled/>'
            f'<w:checkBox><w:sizeAuto/><w:default w:val="{int(checked)}"/></w:checkBox></w:ffData></w:fldChar></w:r>',
            f'<w:r {NS}><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>',
            f'<w:r {NS}><w:fldChar w:fldCharType="end"/></w:r>')
    for run in runs:
        paragraph._p.append(parse_xml(run))


def add_run(paragraph, text: str, **style) -> None:
    """A raw run (for caps and character spacing python-docx cannot set)."""
    paragraph._p.append(parse_xml(_run(text, **style).replace("<w:r>", f"<w:r {NS}>", 1)))


def add_footnotes(document, notes: list[str]) -> None:
    """A footnotes part holding `notes` (ids 1..n), with Word's separator notes."""
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr>'
        f'<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>{_run(" " + note)}</w:p></w:footnote>'
        for i, note in enumerate(notes, start=1))
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {NS}>'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
           f'{body}</w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def add_footnote_reference(paragraph, note_id: int) -> None:
    """A superscript footnote mark glued to the text before it."""
    paragraph._p.append(parse_xml(f'<w:r {NS}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                                  f'<w:footnoteReference w:id="{note_id}"/></w:r>'))


def set_properties(document, author: str, title: str) -> None:
    """Core properties with a fixed date, so files are reproducible."""
    props = document.core_properties
    props.author = author
    props.last_modified_by = author
    props.title = title
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.revision = 1
    props.comments = ""


def save_frozen(document, path: Path) -> None:
    """Save a DOCX with fixed member timestamps so the same seed gives the same bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source:
        members = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, blob in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            target.writestr(info, blob, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)


def add_hyperlink(paragraph, text: str, url: str) -> None:
    """A hyperlink whose target (the URL) is only in the relationship, not in the visible text."""
    rel_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    paragraph._p.append(parse_xml(f'<w:hyperlink {NS} r:id="{rel_id}"><w:r><w:rPr><w:u w:val="single"/></w:rPr>'
                                  f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:hyperlink>'))


def add_split_runs(paragraph, text: str, cuts: list[int], bold: bool = False) -> None:
    """Text cut into several runs at arbitrary points, as Word's editing sessions (rsids) leave it."""
    points = [0, *sorted(c for c in cuts if 0 < c < len(text)), len(text)]
    for start, end in zip(points, points[1:]):
        if end > start:
            paragraph.add_run(text[start:end]).bold = bold
