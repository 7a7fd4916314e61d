"""Write a run's outputs: panel/ replaced as a whole, hr/ readable by its owner only."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Callable, Iterator

from blindrec.hr.identifiers import IDENTIFIERS_FILE, ROW_IDENTIFIERS_FILE
from blindrec.hr.key import UnreadableKey, iter_key, write_key
from blindrec.hr.report import report_dict, report_markdown

PANEL, HR = "panel", "hr"
STAGING_PREFIX, RETIRED_PREFIX = ".panel-new-", ".panel-old-"
LOCK_FILE = ".blindrec.lock"
HISTORY = "history"
JOURNAL = ".run-journal.json"
# The hr/ files every run replaces (ATS monitoring tables are added per run).
HR_RUN_FILES = ("key.csv", IDENTIFIERS_FILE, ROW_IDENTIFIERS_FILE, "report.json", "report.md")


def previous_candidate_ids(out_dir: Path) -> dict[str, str]:
    """sha256 of a source to its candidate ID in an earlier run, so IDs stay stable.

    O(rows) in memory (about 200 bytes a row: a 64-character digest, a 6-character ID and a
    dict entry), though read a row at a time: a run must know every earlier ID first.
    """
    rows = iter_key(Path(out_dir) / HR / "key.csv")
    return {row["sha256"]: row["candidate_id"] for row in rows if row.get("sha256") and row.get("candidate_id")}


def write_outputs(result, settings, options, table_result=None) -> None:
    """Write hr/ (key first, fsynced), then swap in panel/: a failure at any point puts the previous output back.

    The order matters: the key must know every ID the panel shows, so a panel is never
    visible before its key. A journal (hr/.run-journal.json) lets the next run finish
    or undo a run that was killed (kill -9, power cut) half way; see recover().
    ATS rows' key lines and identifiers come from the table run's spools, streamed into
    hr/key.csv and hr/identifiers-rows.jsonl, so their number never shows in memory here.
    """
    out_dir = Path(result.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    hr = _hr_dir(out_dir)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out_dir))
    journal = history = None
    try:
        _write_panel(staging, result, options, table_result)
        _fsync_tree(staging)
        names = [*HR_RUN_FILES, *(table_result.hr_paths if table_result else ())]
        history = _keep_history(hr, names)
        journal = {"staging": staging.name, "history": history.relative_to(hr).as_posix(), "files": names}
        write_private(hr / JOURNAL, json.dumps(journal) + "\n")
        _write_hr(hr, result, settings, table_result)
        _fsync_dir(hr)
        _replace_panel(out_dir, staging)
    except BaseException:
        try:
            if journal is not None:
                _roll_back(out_dir, journal)
            elif history is not None:
                shutil.rmtree(history, ignore_errors=True)
            shutil.rmtree(staging, ignore_errors=True)
            _drop_empty_history(hr)
        except OSError:
            pass  # journal and staging stay: the next run's recover() finishes putting things back
        raise
    finally:
        if table_result:
            table_result.discard_spools()
    (hr / JOURNAL).unlink(missing_ok=True)
    _drop_empty_history(hr)


def _write_hr(hr: Path, result, settings, table_result) -> None:
    key_rows = [(p.candidate_id, d.relative_source, d.sha256) for p in result.candidates for d in p.documents]
    identifiers = {p.candidate_id: _merged_identifiers(p.documents) for p in result.candidates}
    key_spools = table_result.key_paths if table_result else ()
    if table_result:
        for name, path in table_result.hr_paths.items():  # ATS tables, written while streaming
            os.chmod(path, 0o600)
            shutil.move(path, hr / name)
            _fsync_file(hr / name)
        write_private_with(hr / ROW_IDENTIFIERS_FILE,
                           lambda handle: _concatenate(table_result.identifier_paths, handle))
    else:
        (hr / ROW_IDENTIFIERS_FILE).unlink(missing_ok=True)  # an earlier run's rows are not this run's
    write_private_with(hr / "key.csv", lambda handle: write_key(handle, key_rows, key_spools))
    # What was found in each source: HR-only, for `blindrec verify` and `blindrec reveal`.
    write_private(hr / IDENTIFIERS_FILE, json.dumps(identifiers, indent=2, ensure_ascii=False) + "\n")
    report = report_dict(result, settings, table_result)
    write_private(hr / "report.json", json.dumps(report, indent=2) + "\n")
    write_private(hr / "report.md", report_markdown(report))


def _keep_history(hr: Path, names) -> Path:
    """Copy the hr/ files this run replaces to hr/history/<UTC time>/: the dated copy, and the way back."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H%M%SZ")
    history = hr / HISTORY
    history.mkdir(mode=0o700, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{stamp}-", dir=history))
    for name in names:
        if (hr / name).is_file():
            shutil.copy2(hr / name, folder / name)
            _fsync_file(folder / name)
    _fsync_dir(folder)
    _fsync_dir(history)
    return folder


def _drop_empty_history(hr: Path) -> None:
    # A first run replaces nothing: an empty dated folder would only puzzle HR.
    for folder in (hr / HISTORY).glob("*"):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    if (hr / HISTORY).is_dir() and not any((hr / HISTORY).iterdir()):
        (hr / HISTORY).rmdir()


def _roll_back(out_dir: Path, journal: dict) -> None:
    """Undo an unfinished run: the previous panel/ and hr/ files back, this run's copies gone."""
    hr = out_dir / HR
    panel = out_dir / PANEL
    if (out_dir / journal["staging"]).exists():  # the swap did not happen, or only its first rename
        if not panel.exists():
            for retired in sorted(out_dir.glob(f"{RETIRED_PREFIX}*/{PANEL}")):
                os.rename(retired, panel)
                break
        for retired in out_dir.glob(f"{RETIRED_PREFIX}*"):
            shutil.rmtree(retired, ignore_errors=True)
        history = hr / journal["history"]
        for name in journal["files"]:
            if (history / name).is_file():
                os.replace(history / name, hr / name)
            else:
                (hr / name).unlink(missing_ok=True)
            (hr / f".{name}.tmp").unlink(missing_ok=True)
        shutil.rmtree(history, ignore_errors=True)
        _fsync_dir(hr)
    (hr / JOURNAL).unlink(missing_ok=True)


def recover(out_dir: Path) -> list[str]:
    """Finish or undo what a killed run left in ``out_dir``; what was done, for the record."""
    out_dir = Path(out_dir)
    hr = out_dir / HR
    done: list[str] = []
    try:
        journal = json.loads((hr / JOURNAL).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        journal = None
    if isinstance(journal, dict) and {"staging", "history", "files"} <= set(journal):
        finished = not (out_dir / journal["staging"]).exists()
        _roll_back(out_dir, journal)
        done.append("kept the output of a run that was stopped after panel/ was replaced" if finished
                    else "put back the output a stopped run had begun to replace")
    for leftover in sorted(out_dir.glob(f"{STAGING_PREFIX}*")):
        shutil.rmtree(leftover, ignore_errors=True)
        done.append(f"removed {leftover.name}")
    for retired in sorted(out_dir.glob(f"{RETIRED_PREFIX}*")):
        if not (out_dir / PANEL).exists() and (retired / PANEL).is_dir():
            os.rename(retired / PANEL, out_dir / PANEL)
            done.append(f"put back panel/ from {retired.name}")
        shutil.rmtree(retired, ignore_errors=True)
        done.append(f"removed {retired.name}")
    if hr.is_dir():
        for temporary in hr.glob(".*.tmp"):  # a file a killed run was writing
            temporary.unlink(missing_ok=True)
        _drop_empty_history(hr)
    return done


@contextmanager
def run_lock(out_dir: Path) -> Iterator[None]:
    """Hold DIR/.blindrec.lock for the run; UsageProblem when another run holds it."""
    import fcntl

    from blindrec.api import UsageProblem

    descriptor = os.open(Path(out_dir) / LOCK_FILE, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            # Some network shares have no locks at all: run there as before locks existed.
            if error.errno in (errno.EAGAIN, errno.EACCES):
                raise UsageProblem(f"{out_dir}: another blindrec run is writing to this folder; wait for it to "
                                   f"finish, or choose another --out.") from error
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def candidates_held(out_dir: Path) -> int:
    """How many candidates an earlier run left in DIR (key rows, or panel packs if the key is unreadable).

    A key that exists but cannot be read counts as a run (at least 1): a guard that passed
    on a key it could not read would let a run replace every ID.
    """
    try:
        ids = {row["candidate_id"] for row in iter_key(Path(out_dir) / HR / "key.csv", strict=True)
               if row.get("candidate_id")}
        unreadable = False
    except UnreadableKey:
        ids, unreadable = set(), True
    if ids:
        return len(ids)
    panel = Path(out_dir) / PANEL
    packs = sum(1 for p in panel.iterdir() if p.stem != "pack") if panel.is_dir() else 0
    return max(packs, 1) if unreadable else packs


def _fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_dir(path: Path) -> None:
    _fsync_file(path)  # a folder's entries (renames) reach the disk only when the folder is synced


def _fsync_tree(folder: Path) -> None:
    for root, _, names in os.walk(folder):
        for name in names:
            _fsync_file(Path(root) / name)
        _fsync_dir(Path(root))


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
    # Two renames: a crash between them leaves no panel/ and the old one in .panel-old-*,
    # which _roll_back() or the next run's recover() puts back.
    panel = out_dir / PANEL
    retired = None
    if panel.exists():
        retired = Path(tempfile.mkdtemp(prefix=RETIRED_PREFIX, dir=out_dir))
        os.rename(panel, retired / PANEL)
    os.rename(staging, panel)
    _fsync_dir(out_dir)
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
            handle.flush()
            os.fsync(handle.fileno())
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
