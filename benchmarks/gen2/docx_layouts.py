"""DOCX layouts studied from public templates (Europass, two-column CVs, council forms, agency
profiles), written with python-docx plus raw OOXML where it has no API."""

from __future__ import annotations

import random
from pathlib import Path

import docx
from docx.shared import Pt

from benchmarks.gen2 import content, ooxml
from benchmarks.gen2 import text as t
from benchmarks.gen2.person import TODAY, Person, Rec

ETHNICITY = {"sikh_punjabi": "Asian or Asian British: Indian", "korean": "Asian or Asian British: Korean",
             "japanese": "Asian or Asian British: Japanese", "chinese": "Asian or Asian British: Chinese",
             "arabic": "Arab", "somali": "Black or Black British: African", "eritrean_ethiopian": "Black or Black British: African",
             "welsh": "White: Welsh", "scottish_gaelic": "White: Scottish", "jewish": "White: Jewish",
             "caribbean": "Black or Black British: Caribbean", "roma_traveller": "White: Gypsy or Irish Traveller",
             "word_names": "White: English", "white_british": "White: English", "polish": "White: Polish",
             "west_african": "Black or Black British: African"}


def _new(p: Person, rec: Rec, rng: random.Random, title: str) -> docx.Document:
    """A blank document whose author is generic or the candidate (a metadata trap)."""
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = rng.choice(("Calibri", "Arial", "Georgia"))
    style.font.size = Pt(10.5)
    if rng.random() < 0.3:
        author = rec.name(p.first_last)
        rec.feature("meta_author_name")
    else:
        author = rng.choice(content.GENERIC_AUTHORS)
        rec.feature("meta_author_generic")
    ooxml.set_properties(document, author, title)
    return document


def _save(document: docx.Document, path: Path) -> None:
    """Write and freeze timestamps."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ooxml.save_frozen(document, path)


def _lines(container, lines: list[str], bold_first: bool = False) -> None:
    """Paragraphs into a document or cell."""
    for i, line in enumerate(lines):
        run = container.add_paragraph().add_run(line)
        run.bold = bold_first and i == 0


def _cv_body(document, p: Person, rec: Rec, rng: random.Random, durations: bool = False) -> None:
    """Profile, experience, education, interests: the shared middle of a CV."""
    document.add_heading("Profile", level=2)
    document.add_paragraph(t.summary(p, rec, rng))
    document.add_heading("Experience", level=2)
    for job in p.jobs:
        _lines(document, t.job_lines(p, rec, rng, job, durations), bold_first=True)
    document.add_heading("Education", level=2)
    _lines(document, t.education_lines(p, rec, rng, abroad=rng.random() < 0.5))
    document.add_heading("Interests", level=2)
    document.add_paragraph(t.worship_line(p, rec))
    document.add_paragraph(t.languages_line(p, rec))


def europass(p: Person, path: Path, rec: Rec, rng: random.Random) -> None:
    """Europass-style: label column on the left, personal information with nationality and birth."""
    document = _new(p, rec, rng, "Europass Curriculum Vitae")
    document.add_paragraph().add_run("europass  Curriculum Vitae").bold = True
    table = document.add_table(rows=0, cols=2)
    written = p.full_name(rng.randrange(3))

    def row(label: str, value: str) -> None:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value

    row("PERSONAL INFORMATION", "")
    ooxml.add_split_runs(table.rows[-1].cells[1].paragraphs[0], rec.name(written), [rng.randrange(1, len(written))])
    rec.feature("name_split_runs")
    row("Address", ", ".join(t.address_lines(p, rec)))
    row("Telephone", t.phone(p, rec))
    row("E-mail", t.email(p, rec))
    row("Date of birth", t.dob(p, rec, rng))
    row("Nationality", t.nationality_line(p, rec).split(": ", 1)[1])
    if rng.random() < 0.6:
        row("Place of birth", t.birth_line(p, rec).split(": ", 1)[1])
    row("JOB APPLIED FOR", rec.k(p.role["title"]))
    row("WORK EXPERIENCE", "")
    for job in p.jobs:
        lines = t.job_lines(p, rec, rng, job)
        row(lines[1], "\n".join([lines[0], lines[2]]))
    row("EDUCATION AND TRAINING", "\n".join(t.education_lines(p, rec, rng, abroad=True)))
    spoken = p.cue_sets["languages"]
    row("Mother tongue(s)", rec.cue("languages", ", ".join(spoken), spoken))
    row("Other language(s)", "English: C2")
    row("Digital skills", ", ".join(rec.k(s) for s in p.role["skills"][:2]))
    row("Driving licence", "B")
    rec.feature("europass", "label_column")
    _save(document, path)


def _sidebar_lines(p: Person, rec: Rec, rng: random.Random) -> list[tuple[str, dict]]:
    """The sidebar: name split over two lines in capitals, contacts, skills."""
    rec.name(p.given.upper(), full=False)
    rec.name(p.family.upper(), full=False)
    rec.feature("name_split_lines", "caps_name")
    lines = [(p.given.upper(), {"bold": True, "size": 36}), (p.family.upper(), {"bold": True, "size": 36}),
             (rec.k(p.role["title"]), {}), ("CONTACT", {"bold": True}), (t.phone(p, rec), {}), (t.email(p, rec), {})]
    lines += [(line, {}) for line in t.address_lines(p, rec)]
    lines += [(t.profile_link(p, rec, rng), {}), ("SKILLS", {"bold": True})]
    lines += [(rec.k(s), {}) for s in p.role["skills"][:3]]
    return lines


def sidebar_textbox(p: Person, path: Path, rec: Rec, rng: random.Random) -> None:
    """Two-column CV whose sidebar is a floating text box (DrawingML with a VML fallback)."""
    document = _new(p, rec, rng, "CV")
    ooxml.add_text_box(document.add_paragraph(), _sidebar_lines(p, rec, rng), box_id=rng.randrange(2, 900))
    _cv_body(document, p, rec, rng)
    document.add_heading("References", level=2)
    _lines(document, t.referee_block(p, rec))
    rec.feature("sidebar_textbox")
    _save(document, path)


def sidebar_table(p: Person, path: Path, rec: Rec, rng: random.Random) -> None:
    """Two-column CV made of a one-row table: sidebar cell left, body right."""
    document = _new(p, rec, rng, "Curriculum Vitae")
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    for i, (line, style) in enumerate(_sidebar_lines(p, rec, rng)):
        paragraph = left.paragraphs[0] if i == 0 else left.add_paragraph()
        paragraph.add_run(line).bold = bool(style.get("bold"))
    right.paragraphs[0].add_run("PROFILE").bold = True
    right.add_paragraph(t.summary(p, rec, rng))
    right.add_paragraph().add_run("EXPERIENCE").bold = True
    for job in p.jobs:
        _lines(right, t.job_lines(p, rec, rng, job), bold_first=True)
    right.add_paragraph().add_run("EDUCATION").bold = True
    _lines(right, t.education_lines(p, rec, rng, abroad=rng.random() < 0.5))
    right.add_paragraph(t.languages_line(p, rec))
    if rng.random() < 0.5:
        url = f"https://www.linkedin.com/in/{p.slug}-{p.dob.year % 100:02d}"
        rec.add("urls", url)
        ooxml.add_hyperlink(right.add_paragraph(), "My LinkedIn profile", url)
        rec.feature("url_only_in_link_target")
    rec.feature("sidebar_table")
    _save(document, path)


def council_form(p: Person, path: Path, rec: Rec, rng: random.Random) -> None:
    """A council application form: content controls, legacy form fields, tick boxes, declaration."""
    document = _new(p, rec, rng, "Application form")
    document.add_heading(content.COUNCIL, level=1)
    document.add_paragraph(f"Application for employment. Post: {rec.k(p.role['title'])}   Reference: {p.role['post']}")
    document.add_heading("Section 1: Personal details", level=2)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    sdt_id = [rng.randrange(10**6, 10**7)]

    def field(label: str, value: str, how: str) -> None:
        cells = table.add_row().cells
        cells[0].text = label
        paragraph = cells[1].paragraphs[0]
        if how == "sdt":
            sdt_id[0] += 1
            ooxml.add_content_control(paragraph, label, value, sdt_id[0])
        elif how == "legacy":
            ooxml.add_legacy_text_field(paragraph, label.split(" ")[0], value)
        else:
            paragraph.add_run(value)

    hows = ("sdt", "legacy", "plain")
    how = lambda: rng.choice(hows)  # noqa: E731 - one mix of field kinds per row
    field("Title", "Ms" if p.sex == "F" else "Mr", how())
    field("Surname", rec.name(p.family.replace("al-", "Al-"), full=False), how())
    field("Forename(s)", rec.name(" ".join([p.given, *p.middle]), full=False), how())
    if p.short:
        field(rng.choice(("Preferred name (if different)", "Known as")), rec.name(p.short, full=False), how())
        rec.feature("known_as")
    else:
        field("Preferred name (if different)", "", how())
    if p.previous:
        field("Previous surname(s)", rec.name(p.previous, full=False), how())
        rec.feature("previous_surname")
    field("Address", ", ".join(t.address_lines(p, rec)[:-1]), how())
    field("Postcode", p.postcode, how())
    field("Telephone", t.phone(p, rec), how())
    field("Email", t.email(p, rec), how())
    field("National Insurance number", t.ni(p, rec), how())
    rec.feature("content_controls", "legacy_form_fields", "tick_boxes")
    for question, answer in (("Do you require a work permit to work in the UK?", False),
                             ("Do you hold a full driving licence?", True)):
        paragraph = document.add_paragraph(question + "   Yes ")
        ooxml.add_checkbox_control(paragraph, answer, sdt_id[0] + 50)
        paragraph.add_run("  No ")
        ooxml.add_legacy_checkbox(paragraph, "Check" + str(sdt_id[0] % 97), not answer)
        sdt_id[0] += 1
    document.add_heading("Section 2: Employment history", level=2)
    jobs = document.add_table(rows=1, cols=4)
    jobs.style = "Table Grid"
    for cell, label in zip(jobs.rows[0].cells, ("Employer", "Post held", "Dates", "Main duties")):
        cell.text = label
    for job in p.jobs:
        lines = t.job_lines(p, rec, rng, job)
        cells = jobs.add_row().cells
        title, employer = lines[0].split(", ", 1)
        cells[0].text, cells[1].text, cells[2].text, cells[3].text = employer, title, lines[1], lines[2]
    document.add_heading("Section 3: Education and qualifications", level=2)
    _lines(document, t.education_lines(p, rec, rng, abroad=rng.random() < 0.6))
    document.add_heading("Section 4: Supporting statement", level=2)
    _lines(document, t.statement(p, rec, rng))
    document.add_heading("Section 5: References", level=2)
    refs = document.add_table(rows=1, cols=2)
    refs.style = "Table Grid"
    for cell, referee in zip(refs.rows[0].cells, p.referees):
        cell.text = "\n".join([rec.referee(referee), referee.job, rec.k(referee.employer), referee.email, referee.phone])
    document.add_heading("Section 6: Equality monitoring", level=2)
    document.add_paragraph(t.nationality_line(p, rec))
    document.add_paragraph("Religion or belief: " + rec.cue("religion", p.cue_sets["religion"][0], p.cue_sets["religion"]))
    ethnic = ETHNICITY[p.group.key]
    document.add_paragraph("Ethnic origin: " + rec.cue("ethnicity", ethnic, (ethnic.split(": ")[-1],)))
    document.add_paragraph("Date of birth: " + t.dob(p, rec, rng))
    document.add_heading("Section 7: Declaration", level=2)
    document.add_paragraph("I confirm that the information given on this form is true and complete.")
    document.add_paragraph(f"Signed: {rec.name(p.full_name())}    Date: {TODAY:%d/%m/%Y}")
    _save(document, path)


def agency(p: Person, path: Path, rec: Rec, rng: random.Random) -> None:
    """An agency profile: the name only in the first-page header, a file tag in the footer."""
    document = _new(p, rec, rng, "Candidate profile")
    section = document.sections[0]
    section.different_first_page_header_footer = True
    first = section.first_page_header.paragraphs[0]
    first.add_run(rec.name(p.full_name(rng.randrange(3)))).bold = True
    section.first_page_header.add_paragraph(f"{content.AGENCY}: candidate profile")
    section.header.paragraphs[0].text = f"{content.AGENCY}: confidential"
    tag = t.file_tag(p)
    rec.name(p.family, full=False)
    for footer in (section.first_page_footer, section.footer):
        footer.paragraphs[0].text = tag
    rec.feature("name_first_page_header_only", "footer_file_tag")
    document.add_paragraph(f"Presented by {content.AGENCY}. Candidate reference KTP-{rng.randrange(1000, 9999)}.")
    _cv_body(document, p, rec, rng, durations=rng.random() < 0.5)
    if rng.random() < 0.5:
        document.add_paragraph(f"This CV was prepared by {rec.name(p.first_last)} for {content.AGENCY}.")
        rec.feature("prepared_by")
    document.add_paragraph("Contact details are held by the agency and released on request.")
    _save(document, path)


def footnote_cv(p: Person, path: Path, rec: Rec, rng: random.Random) -> None:
    """A CV whose name carries a footnote mark: a real footnote, or a typed '¹' glued to the name."""
    document = _new(p, rec, rng, "CV")
    heading = document.add_paragraph()
    name = p.full_name(rng.randrange(3))
    if rng.random() < 0.5:
        ooxml.add_split_runs(heading, rec.name(name), [rng.randrange(1, len(name)) for _ in range(2)], bold=True)
        rec.feature("name_split_runs")
        ooxml.add_footnote_reference(heading, 1)
        ooxml.add_footnotes(document, [f"This CV was prepared by {rec.name(p.first_last)} in {TODAY:%B %Y}."])
        rec.feature("footnote_part", "prepared_by")
    else:
        heading.add_run(rec.name(name + "¹")).bold = True
        rec.feature("typed_footnote_mark")
    document.add_paragraph(" | ".join([t.email(p, rec), t.phone(p, rec), t.profile_link(p, rec, rng)]))
    document.add_paragraph(", ".join(t.address_lines(p, rec)))
    _cv_body(document, p, rec, rng)
    if rng.random() < 0.5:
        document.sections[0].footer.paragraphs[0].text = f"{rec.name(p.first_last)} | Curriculum Vitae"
        rec.feature("name_in_footer")
    if "typed_footnote_mark" in rec.features:
        document.add_paragraph(f"¹ Known as {rec.name(p.short or p.given, full=False)} at work.")
    _save(document, path)


def spaced_caps(p: Person, path: Path, rec: Rec, rng: random.Random) -> None:
    """A CV headed by the name in spaced capitals: typed 'M A R C U S' or made with character spacing."""
    document = _new(p, rec, rng, "CV")
    heading = document.add_paragraph()
    if rng.random() < 0.5:
        spaced = "   ".join(" ".join(word.upper()) for word in p.first_last.split())
        heading.add_run(spaced).bold = True
        rec.add("full_names", spaced)
        rec.feature("spaced_capitals_typed")
    else:
        ooxml.add_run(heading, rec.name(p.first_last), bold=True, caps=True, spacing=rng.choice((40, 60, 100)), size=40)
        rec.feature("spaced_capitals_character_spacing")
    document.add_paragraph(rec.k(p.role["title"]))
    document.add_paragraph(" · ".join([t.phone(p, rec), t.email(p, rec)] + t.address_lines(p, rec)))
    _cv_body(document, p, rec, rng)
    document.add_heading("References", level=2)
    _lines(document, t.referee_block(p, rec))
    document.add_paragraph(f"I, {rec.name(p.first_last)}, confirm this CV is accurate.")
    _save(document, path)


def statement_docx(p: Person, path: Path, rec: Rec, rng: random.Random) -> None:
    """A supporting statement signed only in the declaration at the end."""
    document = _new(p, rec, rng, "Supporting statement")
    document.add_heading("Supporting statement", level=1)
    document.add_paragraph(f"Post: {rec.k(p.role['title'])}, reference {p.role['post']}")
    _lines(document, t.statement(p, rec, rng))
    document.add_heading("Declaration", level=2)
    document.add_paragraph("I declare that the information in this statement is true and complete.")
    document.add_paragraph(f"Signed: {rec.name(p.full_name())}")
    document.add_paragraph(f"Date: {TODAY.day} {TODAY:%B %Y}")
    rec.feature("name_only_in_declaration")
    _save(document, path)


def letter_docx(p: Person, path: Path, rec: Rec, rng: random.Random) -> None:
    """A cover letter: own address block, the council's, 'Dear', a sign-off with a short name."""
    document = _new(p, rec, rng, "Cover letter")
    _lines(document, t.address_lines(p, rec) + [t.email(p, rec)])
    _lines(document, ["", f"{TODAY.day} {TODAY:%B %Y}", "", "Recruitment Team", content.COUNCIL, "Civic Centre",
                      "Harrowgate Vale", ""])
    document.add_paragraph("Dear Recruitment Team,")
    _lines(document, t.statement(p, rec, rng, cues=rng.random() < 0.5))
    document.add_paragraph("Thank you for considering my application.")
    document.add_paragraph("Kind regards,")
    _sign_off(document.add_paragraph, p, rec, rng)
    _save(document, path)


def _sign_off(add, p: Person, rec: Rec, rng: random.Random) -> None:
    """A short name alone, or with the full name below it."""
    if p.short:
        add(rec.name(p.short, full=False))
        rec.feature("nickname_signoff")
        if rng.random() < 0.5:
            add(rec.name(p.first_last))
    else:
        add(rec.name(p.full_name()))


LAYOUTS = {"europass": europass, "sidebar_textbox": sidebar_textbox, "sidebar_table": sidebar_table,
           "council_form": council_form, "agency": agency, "footnote_cv": footnote_cv, "spaced_caps": spaced_caps,
           "statement": statement_docx, "cover_letter": letter_docx}
