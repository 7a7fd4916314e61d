"""Render a docmodel Application as a PDF with fpdf2 and a Unicode TrueType font."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from benchmarks.docmodel import Application, Columns, Item, Para, Table, TextBox

FIXED_TIME = datetime(2026, 2, 20, 9, 30, tzinfo=timezone.utc)
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_SIZES = {"title": 18, "subtitle": 12, "heading": 12, "subheading": 10.5, "small": 8.5, "bullet": 10, "body": 10, "right": 10}
_LINE = 5.0
FAMILY = "BenchSans"


@lru_cache(maxsize=1)
def font_files() -> dict[str, Path]:
    """Regular/bold/italic TrueType files of a Unicode sans font (DejaVu Sans, else whatever fc-list offers)."""
    wanted = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf", "BI": "DejaVuSans-BoldOblique.ttf"}
    if (DEJAVU / wanted[""]).exists():
        return {style: DEJAVU / name if (DEJAVU / name).exists() else DEJAVU / wanted[""] for style, name in wanted.items()}
    if shutil.which("fc-list"):
        listing = subprocess.run(["fc-list", ":fontformat=TrueType", "file"], capture_output=True, text=True).stdout
        files = sorted(line.split(":")[0].strip() for line in listing.splitlines() if line.strip())
        sans = [f for f in files if "sans" in f.lower() and "mono" not in f.lower()] or files
        if sans:
            regular = Path(sans[0])
            return {style: regular for style in wanted}
    raise RuntimeError("No Unicode TrueType font found: install fonts-dejavu-core (see .ci/apt-packages-benchmark.txt)")


class _ApplicationPDF(FPDF):
    """An FPDF that repeats the application's header and footer items on every page."""

    def __init__(self, app: Application):
        super().__init__(format="A4")
        self.app = app
        self._loaded_styles: set[str] = set()
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=20)
        self.c_margin = 1

    def set_font(self, family=None, style="", size=0):
        """Load each font style on first use (parsing a TTF is the slow part of making a PDF)."""
        text = style if isinstance(style, str) else style.style  # fpdf2 passes a TextEmphasis on page breaks
        key = ("B" if "B" in text.upper() else "") + ("I" if "I" in text.upper() else "")
        if family == FAMILY and key not in self._loaded_styles:
            self.add_font(FAMILY, key, str(font_files()[key]))
            self._loaded_styles.add(key)
        super().set_font(family, style, size)

    def header(self) -> None:
        """The page header items, drawn in the top margin."""
        if not self.app.header:
            return
        margins = (self.l_margin, self.r_margin)
        self.set_margins(18, 10, 18)
        self.set_xy(18, 10)
        render_items(self, self.app.header)
        self.set_draw_color(160, 160, 160)
        self.line(18, self.get_y() + 1, self.w - 18, self.get_y() + 1)
        self.set_y(self.get_y() + 4)
        self.set_left_margin(margins[0])
        self.set_right_margin(margins[1])
        self.set_x(margins[0])

    def footer(self) -> None:
        """The footer items at the bottom of the page."""
        if not self.app.footer:
            return
        margins = (self.l_margin, self.r_margin)
        self.set_margins(18, 10, 18)
        self.set_y(-14)
        for item in self.app.footer:
            if isinstance(item, Para):
                self.set_font(FAMILY, "", 8)
                self.cell(0, 4, item.text, align="C")
        self.set_left_margin(margins[0])
        self.set_right_margin(margins[1])


def render_pdf(app: Application) -> bytes:
    """The PDF bytes of an application."""
    pdf = _ApplicationPDF(app)
    pdf.set_creation_date(FIXED_TIME)
    if app.properties.get("author"):
        pdf.set_author(app.properties["author"])
    if app.properties.get("title"):
        pdf.set_title(app.properties["title"])
    pdf.set_creator("Microsoft Word")
    pdf.add_page()
    render_items(pdf, app.body)
    return bytes(pdf.output())


def render_items(pdf: FPDF, items: tuple[Item, ...]) -> None:
    """Draw items in order at the current position."""
    for item in items:
        if isinstance(item, Para):
            _para(pdf, item)
        elif isinstance(item, Table):
            _table(pdf, item)
        elif isinstance(item, TextBox):
            _textbox(pdf, item)
        elif isinstance(item, Columns):
            _columns(pdf, item)


def _para(pdf: FPDF, p: Para) -> None:
    """One paragraph: runs written in flow (so links work), bullets indented."""
    size = _SIZES.get(p.style, 10)
    height = size * 0.5
    if p.style in ("heading",):
        pdf.ln(2.5)
    if p.style == "right":
        pdf.set_font(FAMILY, "", size)
        pdf.multi_cell(0, height, p.text, align="R", new_x="LMARGIN", new_y="NEXT")
        return
    left = pdf.l_margin
    pdf.set_x(left)
    if p.style == "bullet":
        pdf.set_font(FAMILY, "", size)
        pdf.write(height, "•")
        pdf.set_left_margin(left + 5)
        pdf.set_x(left + 5)
    for run in p.runs:
        style = ("B" if run.bold or p.style in ("title", "heading", "subheading") else "") + ("I" if run.italic or p.style == "subtitle" else "")
        pdf.set_font(FAMILY, style, size)
        first_word = run.text.split(" ", 1)[0]
        if first_word and pdf.get_x() > pdf.l_margin and pdf.get_string_width(first_word) > pdf.w - pdf.r_margin - pdf.get_x():
            # Start the run on a new line rather than let fpdf2 cut an email or URL in two.
            pdf.ln(height)
        if run.link:
            pdf.set_text_color(5, 99, 193)
            pdf.write(height, run.text, link=run.link)
            pdf.set_text_color(0, 0, 0)
        else:
            pdf.write(height, run.text)
    pdf.ln(height + (1.5 if p.style in ("body", "heading", "title") else 0.8))
    pdf.set_left_margin(left)
    pdf.set_x(left)
    if p.style == "heading":
        pdf.set_draw_color(190, 190, 190)
        pdf.line(left, pdf.get_y() - 1, pdf.w - pdf.r_margin, pdf.get_y() - 1)


def _table(pdf: FPDF, t: Table) -> None:
    """A table with fpdf2's table API; labels or the header row in bold."""
    pdf.set_font(FAMILY, "", 9)
    cols = max(len(r) for r in t.rows)
    widths = t.widths if t.widths else tuple(1 for _ in range(cols))
    bold = FontFace(emphasis="BOLD")
    with pdf.table(col_widths=widths, first_row_as_headings=False, borders_layout="ALL" if t.borders else "NONE",
                   text_align="LEFT", line_height=4.6, align="LEFT", width=pdf.w - pdf.l_margin - pdf.r_margin) as table:
        for row_index, row in enumerate(t.rows):
            cells = table.row()
            for col_index, text in enumerate(row):
                is_label = (t.header and row_index == 0) or (t.label_column and col_index == 0)
                cells.cell(text, style=bold if is_label else None)
    pdf.ln(2)


def _textbox(pdf: FPDF, box: TextBox) -> None:
    """A framed, shaded block; link targets become link areas over their lines."""
    width = min(120, pdf.w - pdf.l_margin - pdf.r_margin)
    pdf.set_fill_color(242, 242, 242)
    pdf.set_font(FAMILY, "", 8.5)
    x = pdf.l_margin
    for i, p in enumerate(box.paras):
        border = "LR" + ("T" if i == 0 else "") + ("B" if i == len(box.paras) - 1 else "")
        y = pdf.get_y()
        pdf.set_x(x)
        pdf.multi_cell(width, 4.4, p.text, border=border, fill=True, new_x="LMARGIN", new_y="NEXT", padding=(0.5, 2))
        for run in p.runs:
            if run.link:
                pdf.link(x, y, width, pdf.get_y() - y, run.link)
    pdf.ln(3)


def _columns(pdf: FPDF, columns: Columns) -> None:
    """Side column first, then the main column beside it (continuing onto later pages)."""
    left, right = pdf.l_margin, pdf.r_margin
    usable = pdf.w - left - right
    side_width = usable * columns.side_width
    top, page = pdf.get_y(), pdf.page
    pdf.set_fill_color(234, 241, 248)
    pdf.rect(left - 2, top - 2, side_width + 2, pdf.h - top - 18, style="F")
    pdf.set_right_margin(pdf.w - left - side_width + 2)
    render_items(pdf, columns.side)
    pdf.page = page
    pdf.set_right_margin(right)
    pdf.set_left_margin(left + side_width + 4)
    pdf.set_xy(left + side_width + 4, top)
    render_items(pdf, columns.main)
    pdf.set_left_margin(left)
    pdf.set_x(left)
