"""The combined pack: a cover page for the panel, then every candidate in random order."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path
from typing import Sequence

PANEL_REMINDER = (
    "These applications have been anonymised. Each candidate is known only by a candidate ID. "
    "Score every candidate against the same published criteria, on your own, before the panel "
    "discusses them. Do not try to work out who a candidate is; if anything in a pack identifies "
    "someone, stop and tell HR. Candidates appear in random order."
)


def shuffled(packs: Sequence) -> list:
    """Candidates in a random order that owes nothing to names, files or input order."""
    order = list(packs)
    secrets.SystemRandom().shuffle(order)
    return order


def cover_lines(role: str | None, count: int, today: dt.date) -> list[str]:
    """The facts on the cover page."""
    lines = [f"Role: {role}"] if role else []
    lines += [f"Date: {today.strftime('%d %B %Y')}", f"Number of candidates: {count}"]
    return lines


def write_combined_docx(path: Path, packs: Sequence, role: str | None, today: dt.date) -> None:
    """pack.docx: cover page, then each candidate in a section of their own.

    A section per candidate gives every page a header with that candidate's ID, so a page
    printed or read on its own still says whose it is.
    """
    from blindrec.packs.docx import PackWriter, add_candidate, header_text, new_document, set_page_furniture

    document = new_document("Anonymised applications")
    set_page_furniture(document.sections[0], "Anonymised applications" + (f" · {role}" if role else ""))
    writer = PackWriter(document)
    writer.heading("Anonymised applications for shortlisting", 0)
    for line in cover_lines(role, len(packs), today):
        writer.paragraph(line)
    writer.paragraph(PANEL_REMINDER)
    writer.flush()
    for pack in packs:
        set_page_furniture(_new_section(document), header_text(pack.candidate_id, role))
        add_candidate(writer, pack.candidate_id, pack.documents, page_break=False)
    document.save(str(path))


def _new_section(document):
    """End the current section (its copy moves into a paragraph) and return the new last one."""
    import copy

    from docx.oxml import OxmlElement
    from docx.section import Section

    closing = document.element.body.get_or_add_sectPr()
    paragraph, properties = OxmlElement("w:p"), OxmlElement("w:pPr")
    properties.append(copy.deepcopy(closing))
    paragraph.append(properties)
    closing.addprevious(paragraph)
    for reference in closing.xpath("w:headerReference|w:footerReference"):
        closing.remove(reference)
    return Section(closing, document.part)


def combined_markdown(packs: Sequence, role: str | None, today: dt.date) -> str:
    """pack.md: the same content as pack.docx, in Markdown."""
    from blindrec.packs.markdown import candidate_markdown

    parts = ["# Anonymised applications for shortlisting\n"]
    parts += [line + "  " for line in cover_lines(role, len(packs), today)]
    parts += ["", PANEL_REMINDER, ""]
    for pack in packs:
        parts += ["\n---\n", candidate_markdown(pack.candidate_id, pack.documents)]
    return "\n".join(parts)
