"""Write a run's outputs: panel/ replaced as a whole, hr/ readable by its owner only."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, Callable

from blindrec.hr.identifiers import IDENTIFIERS_FILE, ROW_IDENTIFIERS_FILE
from blindrec.hr.key import iter_key, write_key
from blindrec.hr.report import report_dict, report_markdown

PANEL, HR = "panel", "hr"


def previous_candidate_ids(out_dir: Path) -> dict[str, str]:
    """sha256 of a source to its candidate ID in an earlier run, so IDs stay stable.

    O(rows) in memory (about 200 bytes a row: a 64-character digest, a 6-character ID and a
    dict entry), though read a row at a time: a run must know every earlier ID first.
    """
    rows = iter_key(Path(out_dir) / HR / "key.csv")
    return {row["sha256"]: row["candidate_id"] for row in rows if row.get("sha256") and row.get("candidate_id")}


def write_outputs(result, settings, options, table_result=None) -> None:
    """Write panel/ atomically, then the HR key, report and identifier lists.

    ATS rows' key lines and identifiers come from the table run's spools, streamed into
    hr/key.csv and hr/identifiers-rows.jsonl, so their number never shows in memory here.
    """
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
    key_spools = table_result.key_paths if table_result else ()
    try:
        if table_result:
            for name, path in table_result.hr_paths.items():  # ATS tables, written while streaming
                os.chmod(path, 0o600)
                shutil.move(path, hr / name)
            write_private_with(hr / ROW_IDENTIFIERS_FILE,
                               lambda handle: _concatenate(table_result.identifier_paths, handle))
        else:
            (hr / ROW_IDENTIFIERS_FILE).unlink(missing_ok=True)  # an earlier run's rows are not this run's
        write_private_with(hr / "key.csv", lambda handle: write_key(handle, key_rows, key_spools))
    finally:
        if table_result:
            table_result.discard_spools()
    report = report_dict(result, settings, table_result)
    write_private(hr / "report.json", json.dumps(report, indent=2) + "\n")
    write_private(hr / "report.md", report_markdown(report))
    # What was found in each source: HR-only, for `blindrec verify` and `blindrec reveal`.
    write_private(hr / IDENTIFIERS_FILE, json.dumps(identifiers, indent=2, ensure_ascii=False) + "\n")


def _concatenate(paths, handle: IO[str]) -> None:
    for path in paths:
        with open(path, encoding="utf-8", newline="") as spool:
            shutil.copyfileobj(spool, handle)


def _write_panel(folder: Path, result, options, table_result) -> None:
    from blindrec.packs.combined import combined_markdown, shuffled, write_combined_docx
    from blindrec.packs.docx import write_candidate_docx
    from blindrec.packs.markdown import candidate_markdown

    for pack in result.candidates:
        if "docx" in options.formats:
            write_candidate_docx(folder / f"{pack.candidate_id}.docx", pack.candidate_id, pack.documents, options.role)
        if "md" in options.formats:
            (folder / f"{pack.candidate_id}.md").write_text(candidate_markdown(pack.candidate_id, pack.documents),
                                                            encoding="utf-8")
    if result.candidates:
        order = shuffled(result.candidates)
        today = dt.date.today()
        if "docx" in options.formats:
            write_combined_docx(folder / "pack.docx", order, options.role, today)
        if "md" in options.formats:
            (folder / "pack.md").write_text(combined_markdown(order, options.role, today), encoding="utf-8")
    if table_result:
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
    write_private_with(path, lambda handle: handle.write(text))


def write_private_with(path: Path, write: Callable[[IO[str]], object]) -> None:
    """Like write_private, for content written as it streams: ``write`` gets the open file."""
    temporary = path.with_name(f".{path.name}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            write(handle)
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


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
