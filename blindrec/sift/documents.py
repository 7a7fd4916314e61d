"""A panellist's document for one criterion: the marking guide, then every candidate's answer in their order.

DOCX (A4, with the pack's header and page numbers) and a plain accessible HTML page: one
language, real headings, one landmark, no scripts, no external files, so it opens offline
in any browser and reads well with a screen reader.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Sequence

from blindrec.model import Block
from blindrec.sift.answers import Answer
from blindrec.sift.config import Criterion, SiftConfig

SIFT_REMINDER = (
    "Score every answer on this page against this criterion only, on your own, before the panel meets. "
    "Read the candidates in the order given: it is yours alone, so that no candidate is always read "
    "first or last. Answers are anonymised; if anything identifies someone, stop and tell HR. Where "
    "the note under a candidate says the whole statement is shown, look for evidence of this "
    "criterion anywhere in it."
)


def document_title(criterion: Criterion) -> str:
    """The title of a criterion's document."""
    return f"Criterion {criterion.id}: {criterion.title}"


def guide_lines(config: SiftConfig, criterion: Criterion, panellist: str) -> list[str]:
    """The facts and marking guide above the answers."""
    return [f"Role: {config.role}", f"Panellist: {panellist}", f"Scale: {config.scale.low} to {config.scale.high}"]


def found_note(answer: Answer) -> str:
    """One line under a candidate's heading saying where their answer was found."""
    return f"Found by {answer.found_by}: {answer.where}."


def write_criterion_docx(path: Path, config: SiftConfig, criterion: Criterion, panellist: str,
                         answers: Sequence[Answer]) -> None:
    """The DOCX for one panellist and one criterion, candidates in the order given."""
    from blindrec.packs.docx import PackWriter, new_document, set_page_furniture
    from blindrec.packs.tidy import tidy_blocks

    title = document_title(criterion)
    document = new_document(title)
    set_page_furniture(document.sections[0], f"Panellist {panellist} · {criterion.id} · {config.role}")
    writer = PackWriter(document)
    writer.heading(title, 0)
    for line in guide_lines(config, criterion, panellist):
        writer.paragraph(line)
    writer.heading("What good evidence looks like", 1)
    writer.paragraph(criterion.evidence)
    if config.scale.labels:
        writer.heading("Marking scale", 1)
        for point, words in config.scale.labels.items():
            writer.paragraph(f"{point}: {words}", "List Bullet")
    writer.paragraph(SIFT_REMINDER)
    for number, answer in enumerate(answers, start=1):
        writer.heading(f"Candidate {answer.candidate_id}", 1, page_break=True)
        writer.paragraph(f"{number} of {len(answers)}. {found_note(answer)}")
        writer.blocks(tidy_blocks(answer.blocks), base_level=1)
        writer.paragraph(f"Score for {criterion.id} ({config.scale.low}-{config.scale.high}): ______")
        writer.flush()
    writer.flush()
    document.save(str(path))


def criterion_html(config: SiftConfig, criterion: Criterion, panellist: str, answers: Sequence[Answer]) -> str:
    """The same content as the DOCX, as one self-contained, script-free HTML page."""
    from blindrec.packs.tidy import tidy_blocks

    title = document_title(criterion)
    parts = ["<!DOCTYPE html>", '<html lang="en-GB">', "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{_e(title)} ({_e(panellist)})</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
             "<main>", f"<h1>{_e(title)}</h1>"]
    parts += [f"<p>{_e(line)}</p>" for line in guide_lines(config, criterion, panellist)]
    parts += ["<h2>What good evidence looks like</h2>", f"<p>{_e(criterion.evidence)}</p>"]
    if config.scale.labels:
        parts += ["<h2>Marking scale</h2>", "<ul>"]
        parts += [f"<li>{point}: {_e(words)}</li>" for point, words in config.scale.labels.items()]
        parts.append("</ul>")
    parts.append(f'<p class="reminder">{_e(SIFT_REMINDER)}</p>')
    for number, answer in enumerate(answers, start=1):
        anchor = f"candidate-{_e(answer.candidate_id)}"
        parts += [f'<section aria-labelledby="{anchor}">', f'<h2 id="{anchor}">Candidate {_e(answer.candidate_id)}</h2>',
                  f'<p class="found">{number} of {len(answers)}. {_e(found_note(answer))}</p>',
                  _blocks_html(tidy_blocks(answer.blocks)), "</section>"]
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


_CSS = ("body{font-family:Arial,Helvetica,sans-serif;font-size:1.1rem;line-height:1.5;max-width:46rem;"
        "margin:1rem auto;padding:0 1rem;color:#0b0c0c;background:#fff}"
        "section{border-top:3px solid #0b0c0c;margin-top:2rem}"
        ".found{color:#505a5f}.reminder{border-left:5px solid #1d70b8;padding-left:.75rem}"
        "table{border-collapse:collapse}td,th{border:1px solid #b1b4b6;padding:.25rem .5rem;vertical-align:top}")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _blocks_html(blocks: Sequence[Block]) -> str:
    """Blocks as HTML: headings one level under the candidate's, lists, paragraphs and tables."""
    out: list[str] = []
    open_tag = ""
    for block in blocks:
        wanted = "ul" if block.kind == "list_item" else "table" if block.kind == "table_row" else ""
        if wanted != open_tag:
            if open_tag:
                out.append(f"</{open_tag}>")
            if wanted:
                out.append(f"<{wanted}>")
            open_tag = wanted
        if block.kind == "heading":
            level = min(max(block.level, 1) + 2, 6)
            out.append(f"<h{level}>{_e(block.text)}</h{level}>")
        elif block.kind == "list_item":
            out.append(f"<li>{_e(block.text)}</li>")
        elif block.kind == "table_row":
            out.append("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in block.cells) + "</tr>")
        elif block.text.strip():
            out.append(f"<p>{_e(block.text)}</p>")
    if open_tag:
        out.append(f"</{open_tag}>")
    return "\n".join(out)
