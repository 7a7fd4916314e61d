"""PDF layouts drawn with fpdf2: a LinkedIn "Save to PDF" profile, an email printout, a plain CV."""

from __future__ import annotations

import atexit
import logging
import os
import random
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

from benchmarks.gen2 import content
from benchmarks.gen2 import text as t
from benchmarks.gen2.person import TODAY, Person, Rec

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
CREATED = datetime(2026, 2, 11, 9, 30, tzinfo=timezone.utc)
# Latin, Latin Extended, general punctuation, superscripts, ballot boxes: all the corpus writes.
_CHARS = [*range(0x20, 0x250), *range(0x2000, 0x2070), 0x2122, 0x2610, 0x2612, 0x20AC]
_FONTS: dict[str, str] = {}


def _font(style: str) -> str:
    """DejaVu Sans cut down to the characters the corpus uses, made once per process (loading is 10x faster)."""
    if style not in _FONTS:
        from fontTools import subset

        logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

        source = FONT_DIR / ("DejaVuSans-Bold.ttf" if style == "B" else "DejaVuSans.ttf")
        target = Path(tempfile.gettempdir()) / f"gen2-{os.getpid()}-{source.name}"
        font = subset.load_font(str(source), subset.Options())
        subsetter = subset.Subsetter(subset.Options())
        subsetter.populate(unicodes=_CHARS)
        subsetter.subset(font)
        font.save(str(target))
        atexit.register(target.unlink, missing_ok=True)
        _FONTS[style] = str(target)
    return _FONTS[style]


def _pdf(p: Person, rec: Rec, rng: random.Random, title: str) -> FPDF:
    """A blank A4 PDF with a Unicode font and fixed, generic or named metadata."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(CREATED)
    pdf.add_font("Sans", "", _font(""))
    pdf.add_font("Sans", "B", _font("B"))
    pdf.set_title(title)
    if rng.random() < 0.3:
        pdf.set_author(rec.name(p.first_last))
        rec.feature("meta_author_name")
    else:
        pdf.set_author(rng.choice(content.GENERIC_AUTHORS))
        rec.feature("meta_author_generic")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    return pdf


def _write(pdf: FPDF, text: str, size: float = 10, bold: bool = False, x: float | None = None,
           width: float = 0, gap: float = 1.5) -> None:
    """One wrapped paragraph at x."""
    pdf.set_font("Sans", "B" if bold else "", size)
    if x is not None:
        pdf.set_x(x)
    pdf.multi_cell(width, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def linkedin(p: Person, path: Path, rec: Rec, rng: random.Random) -> None:
    """LinkedIn's profile export: name first, headline, a Contact/Top Skills column, durations."""
    pdf = _pdf(p, rec, rng, "Profile")
    pdf.set_fill_color(236, 240, 243)
    pdf.rect(0, 0, 68, 297, style="F")
    pdf.set_y(18)
    column = [("Contact", 12, True), (t.email(p, rec), 9, False)]
    if rng.random() < 0.5:
        column.append((t.phone(p, rec) + " (Mobile)", 9, False))
    rec.add("urls", f"www.linkedin.com/in/{p.slug}")
    column += [(f"www.linkedin.com/in/{p.slug} (LinkedIn)", 9, False), ("Top Skills", 12, True)]
    column += [(rec.k(s), 9, False) for s in p.role["skills"][:3]]

    spoken = p.cue_sets["languages"]
    column += [("Languages", 12, True), ("English (Full Professional)", 9, False)]
    column += [(rec.cue("languages", f"{lang} (Native or Bilingual)", (lang,)), 9, False) for lang in spoken]
    column += [("Certifications", 12, True), (rec.k(p.role["skills"][-1]), 9, False)]
    for line, size, bold in column:
        if line.endswith("(LinkedIn)"):  # the export makes the profile line a link
            pdf.link(8, pdf.get_y(), 56, 5, f"https://www.linkedin.com/in/{p.slug}")
        _write(pdf, line, size, bold, x=8, width=56, gap=1)
    pdf.set_y(18)
    pdf.set_left_margin(76)
    pronouns = rng.choice(("", "", " (She/Her)" if p.sex == "F" else " (He/Him)"))
    _write(pdf, rec.name(p.full_name(rng.randrange(3))) + pronouns, 22, True, width=120)
    _write(pdf, f"{rec.k(p.role['title'])} at {rec.k(p.jobs[0].employer)}", 11, width=120)
    _write(pdf, f"{p.town}, England, United Kingdom", 9, width=120, gap=4)
    _write(pdf, "Summary", 14, True, width=120)
    _write(pdf, t.summary(p, rec, rng), 10, width=120, gap=4)
    _write(pdf, "Experience", 14, True, width=120)
    for job in p.jobs:
        title_employer, when, duty = t.job_lines(p, rec, rng, job, durations=True)
        title, employer = title_employer.split(", ", 1)
        _write(pdf, employer, 11, True, width=120, gap=0.5)
        _write(pdf, title, 10, width=120, gap=0.5)
        _write(pdf, when, 9, width=120, gap=0.5)
        _write(pdf, duty, 9, width=120, gap=3)
    _write(pdf, "Education", 14, True, width=120)
    for line in t.education_lines(p, rec, rng, abroad=rng.random() < 0.6):
        _write(pdf, line, 10, width=120)
    pdf.set_left_margin(10)
    pdf.set_y(-15)
    _write(pdf, f"Page 1 of {pdf.page_no()}", 8)
    rec.feature("linkedin_export", "name_first_line", "durations")
    _save(pdf, path)


def email_printout(p: Person, path: Path, rec: Rec, rng: random.Random) -> None:
    """A cover letter sent as an email and printed: From/To/Subject to the shared recruitment mailbox."""
    pdf = _pdf(p, rec, rng, "Application")
    _write(pdf, rec.name(p.first_last), 13, True)
    pdf.line(10, pdf.get_y(), 200, pdf.get_y())
    pdf.ln(2)
    _write(pdf, f"From: {rec.name(p.full_name())} <{t.email(p, rec)}>", 9, gap=0.5)
    _write(pdf, f"Sent: {TODAY:%A}, {TODAY.day} {TODAY:%B %Y} {rng.randrange(8, 18)}:{rng.randrange(60):02d}", 9, gap=0.5)
    _write(pdf, f"To: {content.MAILBOX_DISPLAY} <{content.MAILBOX}>", 9, gap=0.5)
    _write(pdf, f"Subject: Application for {rec.k(p.role['title'])} - ref {p.role['post']}", 9, gap=4)
    _write(pdf, "Dear Recruitment Team,", 10)
    for paragraph in t.statement(p, rec, rng, cues=rng.random() < 0.6):
        _write(pdf, paragraph, 10, gap=2)
    _write(pdf, "Many thanks,", 10)
    if p.short:
        _write(pdf, rec.name(p.short, full=False), 10)
        rec.feature("nickname_signoff")
    else:
        _write(pdf, rec.name(p.given, full=False), 10)
    _write(pdf, "Mob: " + t.phone(p, rec), 9, gap=0.5)
    _write(pdf, t.profile_link(p, rec, rng), 9)
    rec.feature("email_printout", "shared_mailbox")
    _save(pdf, path)


def plain_cv(p: Person, path: Path, rec: Rec, rng: random.Random) -> None:
    """A one-column CV as PDF: name with a typed footnote mark or in spaced capitals, footnote at the foot."""
    pdf = _pdf(p, rec, rng, "CV")
    style = rng.randrange(3)
    if style == 0:
        pdf.set_char_spacing(rng.choice((3, 5, 8)))
        _write(pdf, rec.name(p.first_last.upper()), 16, True)
        pdf.set_char_spacing(0)
        rec.feature("spaced_capitals_character_spacing")
        note = f"Prepared by {rec.name(p.first_last)}, {TODAY:%B %Y}."
        rec.feature("prepared_by")
    elif style == 1:
        _write(pdf, rec.name(p.first_last + "¹"), 18, True)
        rec.feature("typed_footnote_mark")
        note = f"¹ This CV was prepared by {rec.name(p.first_last)}."
        rec.feature("prepared_by")
    else:
        spaced = "  ".join(" ".join(word.upper()) for word in p.first_last.split())
        rec.add("full_names", spaced)
        _write(pdf, spaced, 16, True)
        rec.feature("spaced_capitals_typed")
        note = f"References are available from {rec.name(p.given, full=False)} on request."
    _write(pdf, " | ".join([t.phone(p, rec), t.email(p, rec), t.profile_link(p, rec, rng)]), 9)
    _write(pdf, ", ".join(t.address_lines(p, rec)), 9, gap=4)
    _write(pdf, "Profile", 13, True)
    _write(pdf, t.summary(p, rec, rng), 10, gap=3)
    _write(pdf, "Employment", 13, True)
    for job in p.jobs:
        for i, line in enumerate(t.job_lines(p, rec, rng, job)):
            _write(pdf, line, 10, bold=i == 0, gap=0.5)
        pdf.ln(2)
    _write(pdf, "Education", 13, True)
    for line in t.education_lines(p, rec, rng, abroad=rng.random() < 0.5):
        _write(pdf, line, 10)
    _write(pdf, t.birth_line(p, rec), 10)
    _write(pdf, t.worship_line(p, rec), 10, gap=4)
    _write(pdf, note, 8)
    _save(pdf, path)


def _save(pdf: FPDF, path: Path) -> None:
    """Write the PDF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))


LAYOUTS = {"linkedin_pdf": linkedin, "email_printout": email_printout, "plain_cv_pdf": plain_cv}
