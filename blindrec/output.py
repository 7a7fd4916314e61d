"""Write a run's outputs: panel/ replaced as a whole, hr/ readable by its owner only."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from pathlib import Path

from blindrec.hr.key import key_csv, read_key
from blindrec.hr.report import report_dict, report_markdown

PANEL, HR = "panel", "hr"


def previous_candidate_ids(out_dir: Path) -> dict[str, str]:
    """sha256 of a source to its candidate ID in an earlier run, so IDs stay stable."""
    rows = read_key(Path(out_dir) / HR / "key.csv")
    return {row["sha256"]: row["candidate_id"] for row in rows if row.get("sha256") and row.get("candidate_id")}


def write_outputs(result, settings, options, table_result=None) -> None:
    """Write panel/ atomically, then the HR key, report and identifier list."""
    out_dir = Path(result.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".panel-new-", dir=out_dir))
    try:
        _write_panel(staging, result, options, table_result)
        _replace_panel(out_dir, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    hr = _hr_dir(out_dir)
    key_rows = [(p.candidate_id, d.relative_source, d.sha256) for p in result.candidates for d in p.documents]
    identifiers = {p.candidate_id: _merged_identifiers(p.documents) for p in result.candidates}
    if table_result:
        key_rows += table_result.key_rows
        identifiers.update(table_result.identifiers)
        for name, text in table_result.hr_files.items():
            write_private(hr / name, text)
        for name, path in table_result.hr_paths.items():  # large ATS tables, written while streaming
            os.chmod(path, 0o600)
            shutil.move(path, hr / name)
    write_private(hr / "key.csv", key_csv(key_rows))
    report = report_dict(result, settings, table_result)
    write_private(hr / "report.json", json.dumps(report, indent=2) + "\n")
    write_private(hr / "report.md", report_markdown(report))
    # What was found in each source: HR-only, for `blindrec verify` and `blindrec reveal`.
    write_private(hr / "identifiers.json", json.dumps(identifiers, indent=2, ensure_ascii=False) + "\n")


def _write_panel(folder: Path, result, options, table_result) -> None:
    from blindrec.packs.combined import combined_markdown, shuffled, write_combined_docx
    from blindrec.packs.docx import write_candidate_docx
    from blindrec.packs.markdown import candidate_markdown

    for pack in result.candidates:
        sections = [d.blocks for d in pack.documents]
        if "docx" in options.formats:
            write_candidate_docx(folder / f"{pack.candidate_id}.docx", pack.candidate_id, sections)
        if "md" in options.formats:
            (folder / f"{pack.candidate_id}.md").write_text(candidate_markdown(pack.candidate_id, sections), encoding="utf-8")
    if result.candidates:
        order = shuffled(result.candidates)
        today = dt.date.today()
        if "docx" in options.formats:
            write_combined_docx(folder / "pack.docx", order, options.role, today)
        if "md" in options.formats:
            (folder / "pack.md").write_text(combined_markdown(order, options.role, today), encoding="utf-8")
    if table_result:
        for name, content in table_result.panel_files.items():
            (folder / name).write_bytes(content)
        for name, path in table_result.panel_paths.items():
            shutil.move(path, folder / name)


def _replace_panel(out_dir: Path, staging: Path) -> None:
    # Two renames: a crash leaves the old complete panel/ or none, never a mixture.
    panel = out_dir / PANEL
    retired = None
    if panel.exists():
        retired = Path(tempfile.mkdtemp(prefix=".panel-old-", dir=out_dir))
        os.rename(panel, retired / PANEL)
    os.rename(staging, panel)
    staging.mkdir()  # the caller removes it
    if retired:
        shutil.rmtree(retired, ignore_errors=True)


def _hr_dir(out_dir: Path) -> Path:
    hr = out_dir / HR
    hr.mkdir(mode=0o700, exist_ok=True)
    os.chmod(hr, 0o700)
    return hr


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read, replacing it atomically."""
    temporary = path.with_name(f".{path.name}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def _merged_identifiers(documents) -> dict[str, list[str]]:
    merged: dict[str, set[str]] = {}
    for document in documents:
        for kind, values in document.found_identifiers.items():
            merged.setdefault(kind, set()).update(values)
    return {k: sorted(v) for k, v in sorted(merged.items())}


def verify_after_run(result) -> list[str]:
    """Leaks `blindrec verify` would report for this run's output."""
    from blindrec.hr.verify import find_leaks

    return [f"{leak.panel_file}: {leak.kind}" for leak in find_leaks(Path(result.out_dir))]


def append_leaks_to_report(result) -> None:
    """Rewrite the report with the leaks verification found."""
    hr = Path(result.out_dir) / HR
    report = json.loads((hr / "report.json").read_text(encoding="utf-8"))
    report["leaks"] = list(result.leaks)
    report["exit_code"] = result.exit_code
    write_private(hr / "report.json", json.dumps(report, indent=2) + "\n")
    write_private(hr / "report.md", report_markdown(report))
