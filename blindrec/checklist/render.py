"""Write a checklist or a summary as Markdown, JSON or DOCX.

Renderers only see Checklist and Summary, which hold no member characteristics, so nothing
written here can leak one.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from docx import Document
from docx.shared import Cm, Pt

from blindrec import __version__
from blindrec.checklist.evaluate import DECLARATION, MET, NEEDS_ACTION, NOT_MET, Checklist, ChecklistItem
from blindrec.checklist.summary import Summary

FORMATS = ("md", "docx", "json")
TICK_BOX = "\u2610"
SIGN_OFF = ("Chair", "Signature", "Date")


def choose_format(requested: str | None, out: Path | None) -> str:
    """The output format: as requested, else from the --out file's extension, else Markdown."""
    if requested:
        return requested
    suffix = out.suffix.lower().lstrip(".") if out else ""
    return {"docx": "docx", "json": "json"}.get(suffix, "md")


def render_checklist(checklist: Checklist, fmt: str) -> str | bytes:
    """The checklist in `fmt` (md, json: text; docx: bytes)."""
    return {"md": checklist_markdown, "json": checklist_json, "docx": checklist_docx}[fmt](checklist)


def render_summary(summary: Summary, fmt: str) -> str | bytes:
    """The summary in `fmt` (md, json: text; docx: bytes)."""
    return {"md": summary_markdown, "json": summary_json, "docx": summary_docx}[fmt](summary)


def _count(number: int, noun: str) -> str:
    """'1 item', '2 items'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def verdict(checklist: Checklist) -> str:
    """One sentence on the outcome, for the top of the checklist and the terminal."""
    failing = len(checklist.failing)
    confirm = checklist.count(DECLARATION)
    tail = f"; {_count(confirm, 'item')} for the chair to confirm" if confirm else ""
    if failing:
        return f"{_count(failing, 'required item')} not met or needing action{tail}."
    return f"Every required item checked from the records is met{tail}."


def _details(checklist: Checklist) -> list[tuple[str, str]]:
    """The recruitment's identifying details, as label/value rows."""
    return [
        ("Role", checklist.role),
        ("Reference", checklist.reference),
        ("Level", checklist.level),
        ("Interview", f"{checklist.interview_date.day} {checklist.interview_date:%B %Y}"),
        ("Policy", f"{checklist.policy_name} ({Path(checklist.policy_source).name})"),
        ("HR report", Path(checklist.report_source).name if checklist.report_source else "not given"),
    ]


def _requirement(item: ChecklistItem) -> str:
    """Whether an item is required here, in words."""
    return "yes" if item.required else "advisory"


def _required_note(item: ChecklistItem) -> str:
    """' (required)' or ' (advisory)', after a tick box's title."""
    return " (required)" if item.required else " (advisory)"


def _cell(text: str) -> str:
    """Text made safe for a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def checklist_markdown(checklist: Checklist) -> str:
    """The checklist as Markdown: checked items in a table, declarations as tick boxes."""
    lines = [f"# Panel checklist: {checklist.role}", ""]
    lines += [f"- **{label}:** {value}" for label, value in _details(checklist)]
    lines += ["", f"**Result:** {verdict(checklist)}", "", "## Checked from the records", "",
              "| Item | Status | Required | Why |", "| --- | --- | --- | --- |"]
    lines += [f"| {_cell(i.title)} | {i.status} | {_requirement(i)} | {_cell(i.reason)} |"
              for i in checklist.items if i.status != DECLARATION]
    declarations = [i for i in checklist.items if i.status == DECLARATION]
    if declarations:
        lines += ["", "## For the chair to confirm", "", "Tick each item you can confirm, then sign below.", ""]
        lines += [f"- [ ] **{i.title}**{_required_note(i)}: {i.reason}" for i in declarations]
    lines += ["", " | ".join(f"{label}: ________________" for label in SIGN_OFF), "",
              "_Members' voluntary characteristics are never shown: only whether the panel as a whole meets the policy._", ""]
    return "\n".join(lines)


def checklist_json(checklist: Checklist) -> str:
    """The checklist as JSON for scripts."""
    return json.dumps({
        "blindrec_version": __version__,
        "kind": "panel-checklist",
        "reference": checklist.reference,
        "role": checklist.role,
        "level": checklist.level,
        "interview_date": checklist.interview_date.isoformat(),
        "panel": checklist.panel_source,
        "policy": {"name": checklist.policy_name, "source": checklist.policy_source},
        "hr_report": checklist.report_source,
        "result": {
            "required_unmet": [item.key for item in checklist.failing],
            "counts": {status: checklist.count(status) for status in (MET, NOT_MET, NEEDS_ACTION, DECLARATION)},
        },
        "items": [{"key": i.key, "title": i.title, "status": i.status, "required": i.required, "reason": i.reason}
                  for i in checklist.items],
    }, indent=2, ensure_ascii=False) + "\n"


def _new_document(title: str) -> Document:
    """A blank document with neutral metadata (python-docx's template names itself as author)."""
    document = Document()
    document.core_properties.author = "blindrec"
    document.core_properties.last_modified_by = "blindrec"
    document.core_properties.title = title
    document.core_properties.comments = ""
    document.styles["Normal"].font.size = Pt(10)
    return document


def _table(document: Document, header: tuple[str, ...] | None, rows: list[tuple[str, ...]],
           widths_cm: tuple[float, ...]) -> None:
    """A bordered table, with a bold header row when one is given."""
    table = document.add_table(rows=0, cols=len(widths_cm))
    table.style = "Table Grid"
    table.autofit = False
    if header:
        for cell, text in zip(table.add_row().cells, header):
            cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    # Word reads column widths from each cell, LibreOffice from the columns: set both.
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _to_bytes(document: Document) -> bytes:
    """The document's .docx bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def checklist_docx(checklist: Checklist) -> bytes:
    """The checklist as a Word document for the chair to print and sign."""
    document = _new_document(f"Panel checklist {checklist.reference}")
    document.add_heading(f"Panel checklist: {checklist.role}", level=1)
    _table(document, None, _details(checklist), (3.0, 13.0))
    result = document.add_paragraph()
    result.add_run("Result: ").bold = True
    result.add_run(verdict(checklist))
    document.add_heading("Checked from the records", level=2)
    _table(document, ("Item", "Status", "Required", "Why"),
           [(i.title, i.status, _requirement(i), i.reason) for i in checklist.items if i.status != DECLARATION],
           (4.2, 2.4, 2.0, 7.4))
    declarations = [i for i in checklist.items if i.status == DECLARATION]
    if declarations:
        document.add_heading("For the chair to confirm", level=2)
        document.add_paragraph("Tick each item you can confirm, then sign below.")
        for item in declarations:
            line = document.add_paragraph()
            line.add_run(f"{TICK_BOX}  {item.title}").bold = True
            line.add_run(f"{_required_note(item)}: {item.reason}")
    document.add_paragraph()
    for label in SIGN_OFF:
        document.add_paragraph(f"{label}: ______________________________")
    document.add_paragraph(
        "Members' voluntary characteristics are never shown: only whether the panel as a whole meets the policy.")
    return _to_bytes(document)


def _share(met: int, total: int) -> str:
    """'3 of 4 (75%)'."""
    return f"{met} of {total} ({round(100 * met / total) if total else 0}%)"


def summary_markdown(summary: Summary) -> str:
    """The summary as Markdown: one table per role level."""
    lines = [f"# Panel checklist summary: {_count(summary.recruitments, 'recruitment')}", "",
             f"- **Panel files:** {summary.folder}", f"- **Policy:** {summary.policy_name}", "",
             "Met: the records show the item met. Not met: not met or needing action. "
             "Unconfirmed: left to the chair's declaration, so not counted as met.", ""]
    for level in summary.levels:
        lines += [f"## {level.level.capitalize()} ({_count(level.recruitments, 'recruitment')})", "",
                  "| Item | Met | Not met | Unconfirmed | Required in |", "| --- | --- | --- | --- | --- |"]
        lines += [f"| {_cell(t.title)} | {_share(t.met, t.total)} | {t.unmet} | {t.unconfirmed} | {t.required} |"
                  for t in level.items]
        lines.append("")
    return "\n".join(lines)


def summary_json(summary: Summary) -> str:
    """The summary as JSON for scripts and dashboards."""
    return json.dumps({
        "blindrec_version": __version__,
        "kind": "panel-checklist-summary",
        "folder": summary.folder,
        "policy": summary.policy_name,
        "recruitments": summary.recruitments,
        "levels": [{
            "level": level.level,
            "recruitments": level.recruitments,
            "items": [{"key": t.key, "title": t.title, "met": t.met, "not_met": t.unmet,
                       "unconfirmed": t.unconfirmed, "required_in": t.required, "share_met": round(t.share_met, 4)}
                      for t in level.items],
        } for level in summary.levels],
    }, indent=2, ensure_ascii=False) + "\n"


def summary_docx(summary: Summary) -> bytes:
    """The summary as a Word document for a progress report."""
    document = _new_document("Panel checklist summary")
    document.add_heading(f"Panel checklist summary: {_count(summary.recruitments, 'recruitment')}", level=1)
    document.add_paragraph(f"Policy: {summary.policy_name}. Unconfirmed items were left to the chair's "
                           "declaration and are not counted as met.")
    for level in summary.levels:
        document.add_heading(f"{level.level.capitalize()} ({_count(level.recruitments, 'recruitment')})", level=2)
        _table(document, ("Item", "Met", "Not met", "Unconfirmed", "Required in"),
               [(t.title, _share(t.met, t.total), str(t.unmet), str(t.unconfirmed), str(t.required))
                for t in level.items],
               (6.4, 2.8, 2.2, 2.6, 2.0))
    return _to_bytes(document)
