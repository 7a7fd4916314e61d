"""Synthetic applications for tests: DOCX and PDF files with known identifiers.

Names come from several origins; details are put where candidates put them: the page
header, a table, a text box, a footer, the document's author property.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

_VML_TEXTBOX = (
    '<w:r {w} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:200pt;height:40pt">'
    '<v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox>'
    "</v:shape></w:pict></w:r>"
)


@dataclass(frozen=True)
class Applicant:
    """A synthetic candidate and their identifiers."""

    first: str
    last: str
    email: str
    phone: str
    street: str
    town: str
    postcode: str
    dob: str = "14/03/1986"
    nino: str = "QQ 12 34 56 C"
    job_title: str = "Senior Housing Officer"
    employer: str = "Sandwell Metropolitan Borough Council"
    referees: tuple[tuple[str, str], ...] = field(default=(("Eleanor", "Whitcombe"), ("Tariq", "Mahmood")))

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    def identifiers(self) -> list[str]:
        """Every string that must never reach the panel."""
        return [self.first, self.last, self.email, self.phone, self.street, self.postcode, self.dob,
                self.nino, *(part for referee in self.referees for part in referee)]


APPLICANTS = {
    "nigerian": Applicant("Chiamaka", "Okonkwo", "chiamaka.okonkwo@example.com", "07700 900123",
                          "12 Larkspur Road", "Wolverhampton", "WV3 7QT"),
    "vietnamese": Applicant("Nguyễn", "Thị Hương", "huong.nguyen88@example.org", "+44 (0)7700 900456",
                            "7 Orchard Close", "Dudley", "DY1 4RS"),
    "polish": Applicant("Łukasz", "Wiśniewski", "lwisniewski@example.net", "(01902) 555123",
                        "88 Hollybank Avenue", "Walsall", "WS2 9PL"),
    "irish": Applicant("Siobhán", "O'Sullivan", "siobhan.osullivan@example.co.uk", "0121 496 0000",
                       "3 Kestrel Way", "Solihull", "B91 3QF"),
    "indian": Applicant("Priyanka", "Raghunathan", "p.raghunathan@example.com", "07700-900-789",
                        "41 Meadowsweet Lane", "Coventry", "CV3 6HY"),
    "common_words": Applicant("Hope", "Banks", "hope.banks@example.com", "07700 900321",
                              "9 Foxglove Drive", "Redditch", "B97 5LJ"),
}


def save_docx(document, path: Path) -> Path:
    """Write a python-docx document to path and return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def add_text_box(paragraph, text: str) -> None:
    """Anchor a VML text box holding text in a paragraph (python-docx has no API for it)."""
    paragraph._p.append(parse_xml(_VML_TEXTBOX.format(w=nsdecls("w"), text=text)))


def cv_docx(applicant: Applicant, path: Path, *, author: bool = True) -> Path:
    """A CV: name and contacts in the page header, a text box, body sections, referees."""
    document = docx.Document()
    if author:
        document.core_properties.author = applicant.name
        document.core_properties.title = f"CV - {applicant.name}"
    section = document.sections[0]
    section.header.paragraphs[0].text = f"{applicant.name.upper()} | {applicant.phone} | {applicant.email}"
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = f"{applicant.name} – Curriculum Vitae"
    section.footer.paragraphs[0].text = f"{applicant.last} CV page"
    document.add_heading(applicant.name, level=0)
    add_text_box(document.add_paragraph(), f"{applicant.street}, {applicant.town} {applicant.postcode}")
    document.add_heading("Profile", level=1)
    document.add_paragraph(
        f"{applicant.first} is an experienced {applicant.job_title} with 12 years in local government. "
        f"{applicant.first}'s work on tenancy sustainment cut arrears by 18%.")
    document.add_heading("Employment", level=1)
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Employer", "Job title", "Years")):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, (applicant.employer, applicant.job_title, "2014 – present")):
        cell.text = text
    inner = table.rows[1].cells[2].add_table(rows=1, cols=1)
    inner.rows[0].cells[0].text = "Managed a £2.4m budget"
    document.add_heading("Qualifications", level=1)
    document.add_paragraph("BSc (Hons) Housing Studies, 2010", style="List Bullet")
    document.add_paragraph(f"Date of birth: {applicant.dob}")
    document.add_paragraph(f"National Insurance number: {applicant.nino}")
    document.add_heading("References", level=1)
    for first, last in applicant.referees:
        document.add_paragraph(f"{first} {last}, Head of Housing, Walsall Council, "
                               f"{first.lower()}.{last.lower()}@walsall.example.gov.uk")
    return save_docx(document, path)


def application_form_docx(applicant: Applicant, path: Path) -> Path:
    """A council application form: personal details in a label/value table."""
    document = docx.Document()
    document.add_heading("Application for Employment", level=0)
    document.add_paragraph(f"Post applied for: {applicant.job_title}")
    document.add_heading("Section 1 – Personal details", level=1)
    rows = [("Title", "Ms"), ("Surname", applicant.last.upper()), ("Forename(s)", applicant.first),
            ("Address", f"{applicant.street}, {applicant.town}"), ("Postcode", applicant.postcode),
            ("Telephone", applicant.phone), ("Email", applicant.email), ("Date of birth", applicant.dob)]
    table = document.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_heading("Section 2 – Supporting statement", level=1)
    document.add_paragraph(f"I have led the {applicant.employer} homelessness prevention team since 2019 "
                           f"and I hold CIH Level 4 Certificate in Housing.")
    document.add_paragraph("Yours sincerely,")
    document.add_paragraph(applicant.name)
    return save_docx(document, path)


def cover_letter_pdf(applicant: Applicant, path: Path) -> Path:
    """A cover letter as a text PDF, made with fpdf2 and a Unicode font."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", _unicode_font())
    pdf.set_font("DejaVu", size=11)
    pdf.set_author(applicant.name)
    lines = [applicant.name, applicant.street, applicant.town, applicant.postcode, applicant.email, "",
             "Dear Hiring Manager,", "",
             f"I am applying for the post of {applicant.job_title}. At {applicant.employer} I manage a team of 9.",
             "", "Yours sincerely,", applicant.name]
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def _unicode_font() -> str:
    for candidate in ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                      "/usr/share/fonts/dejavu/DejaVuSans.ttf"):
        if Path(candidate).exists():
            return candidate
    import glob

    found = glob.glob("/usr/share/fonts/**/*.ttf", recursive=True)
    if not found:
        raise RuntimeError("no TrueType font found; install fonts-dejavu-core")
    return found[0]


def encrypted_pdf(path: Path) -> Path:
    """A PDF that needs a password to open."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", owner_password="owner")
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def fillable_form_pdf(applicant: Applicant, path: Path) -> Path:
    """A council form as a fillable PDF: headings on the page, every answer in a form field."""
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in ("Application form", "Section 1: Personal details", "Section 2: Employment"):
        pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bytes(pdf.output()))))
    answers = [("Surname", applicant.last), ("Forename(s)", applicant.first), ("Email", applicant.email),
               ("Telephone", applicant.phone), ("Address", f"{applicant.street}, {applicant.town}"),
               ("Postcode", applicant.postcode), ("Current employer", applicant.employer),
               ("Job title", applicant.job_title)]
    fields = ArrayObject()
    for number, (label, value) in enumerate(answers):
        top = 700 - 30 * number
        widget = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject(label),
            NameObject("/V"): TextStringObject(value),
            NameObject("/Rect"): ArrayObject([FloatObject(200), FloatObject(top), FloatObject(500),
                                              FloatObject(top + 20)])})
        fields.append(writer._add_object(widget))
    writer.pages[0][NameObject("/Annots")] = fields
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): fields})
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def blank_pdf(path: Path) -> Path:
    """A PDF with a page and no text layer (what a scan looks like to pypdf)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def docx_bytes(document) -> bytes:
    """A python-docx document as bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def raw_text_pdf(path: Path, lines: list[bytes], pages: int = 1) -> Path:
    """A PDF whose content stream shows these exact bytes (control characters included) in Helvetica."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica")}))
    for _ in range(pages):
        page = writer.add_blank_page(width=595, height=842)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
        shown = b" ".join(b"(" + line.replace(b"(", b"\\(").replace(b")", b"\\)") + b") Tj T*" for line in lines)
        stream = DecodedStreamObject()
        stream.set_data(b"BT /F1 11 Tf 14 TL 72 760 Td " + shown + b" ET")
        page[NameObject("/Contents")] = writer._add_object(stream)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def body_xml_docx(path: Path, body_xml: str) -> Path:
    """A DOCX whose body is exactly this WordprocessingML (namespaces w and r declared)."""
    document = docx.Document()
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("sectPr"):
            body.remove(child)
    wrapper = parse_xml(f"<w:body {nsdecls('w', 'r')}>{body_xml}</w:body>")
    for position, child in enumerate(list(wrapper)):
        body.insert(position, child)
    return save_docx(document, path)


def altchunk_docx(path: Path, content: bytes, content_type: str = "text/html") -> Path:
    """A DOCX whose only text is an embedded HTML (or other) document, merged in by Word (altChunk)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    document = docx.Document()
    extension = {"text/html": "html", "text/plain": "txt"}.get(content_type, "bin")
    chunk = Part(PackURI(f"/word/afchunk1.{extension}"), content_type, content, document.part.package)
    rel_id = document.part.relate_to(chunk, RT.A_F_CHUNK)
    body = document.element.body
    body.insert(0, parse_xml(f'<w:altChunk {nsdecls("w", "r")} r:id="{rel_id}"/>'))
    for paragraph in list(body.iterchildren("{%s}p" % body.nsmap["w"])):
        body.remove(paragraph)
    return save_docx(document, path)


def with_zip_entries(source: Path, path: Path, entries: dict[str, bytes]) -> Path:
    """A copy of a DOCX (zip) with extra entries added, each deflated."""
    import zipfile

    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            copy.writestr(item, original.read(item))
        for name, data in entries.items():
            copy.writestr(name, data)
    return path


def odt_file(path: Path, text: str) -> Path:
    """A minimal valid OpenDocument text file (what LibreOffice saves as .odt)."""
    import zipfile

    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f'<office:body><office:text><text:p>{text}</text:p></office:text></office:body>'
               '</office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path
