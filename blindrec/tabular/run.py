"""One ATS export from start to finish: read, plan the columns, anonymise every row, write the tables."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import os
import re
import shutil
import sqlite3
import sys
from collections import Counter
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterable, Mapping, Sequence

from blindrec.grouping import ID_ALPHABET, ID_LENGTH, new_candidate_id
from blindrec.hr.identifiers import row_identifiers_line
from blindrec.model import Failure
from blindrec.settings import Settings, rules_dir
from blindrec.tabular import TableResult
from blindrec.tabular.columns import (ColumnError, ColumnPlan, Guesses, describe_plan, load_column_map,
                                      load_guesses, plan_columns)
from blindrec.tabular.pool import anonymise_stream, worker_count
from blindrec.tabular.read import (ExportError, ExportFormat, delimiter_name, inspect_export, read_header,
                                   read_rows, spool_stdin)
from blindrec.tabular.rows import AnonymisedRow, RowFailure, RowRules
from blindrec.tabular.write import (SortedSpool, private_temp_path, random_key, scratch_folder, write_csv,
                                    write_json)

# More ragged rows than this (and than good rows) means the export was misread, not mistyped.
_RAGGED_LIMIT = 20


@dataclass(frozen=True)
class _Run:
    """What every export of one run shares."""

    settings: Settings
    options: object  # blindrec.api.RunOptions
    previous_ids: Mapping[str, str]
    taken: _TakenIds
    guesses: Guesses
    column_map: Mapping[str, tuple[str, ...]] | None
    panel_format: str  # "csv" | "json"
    scratch: Path  # every temporary file of the run goes here (inside --out)


class _TakenIds:
    """The candidate IDs given out so far: a fixed bitmap over every "C-XXXX" ID, not a set.

    Why: a set of 100,000 IDs is ~9 MB that grows with the export; the bitmap is 31^4 bits
    (115 KB) whatever the row count. IDs of any other shape (from an edited hr/key.csv) go in
    a set: there are few. It offers what grouping.new_candidate_id uses: ``in`` and ``add``.
    """

    def __init__(self, ids: Iterable[str] = ()) -> None:
        self._bits = bytearray(len(ID_ALPHABET) ** ID_LENGTH // 8 + 1)
        self._other: set[str] = set()
        for candidate_id in ids:
            self.add(candidate_id)

    @staticmethod
    def _index(candidate_id: str) -> int | None:
        if len(candidate_id) != ID_LENGTH + 2 or not candidate_id.startswith("C-"):
            return None
        number = 0
        for char in candidate_id[2:]:
            digit = ID_ALPHABET.find(char)
            if digit < 0:
                return None
            number = number * len(ID_ALPHABET) + digit
        return number

    def __contains__(self, candidate_id: object) -> bool:
        index = self._index(candidate_id) if isinstance(candidate_id, str) else None
        if index is None:
            return candidate_id in self._other
        return bool(self._bits[index >> 3] & (1 << (index & 7)))

    def add(self, candidate_id: str) -> None:
        index = self._index(candidate_id)
        if index is None:
            self._other.add(candidate_id)
        else:
            self._bits[index >> 3] |= 1 << (index & 7)


class _ReferenceCounts:
    """How many rows of one export carried each applicant reference, in a private temporary SQLite file.

    Why not a Counter: it kept every reference in memory (~100 bytes a row). A row's
    fingerprint needs its reference's count so far (the second "APP-7" is another applicant),
    and the warnings need how many references repeat; SQLite answers both from disk.
    """

    def __init__(self, scratch: Path) -> None:
        self._path = private_temp_path(scratch, ".sqlite")
        self._db = sqlite3.connect(self._path, isolation_level=None)  # autocommit: no transaction grows
        self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                               "CREATE TABLE seen (reference TEXT PRIMARY KEY, count INTEGER) WITHOUT ROWID;")
        self.repeated = 0

    def add(self, reference: str) -> int:
        """Count one more row with this reference; how many there are now."""
        # A look-up, then an insert or update: plain SQL any SQLite build runs (no UPSERT).
        found = self._db.execute("SELECT count FROM seen WHERE reference = ?", (reference,)).fetchone()
        count = found[0] + 1 if found else 1
        if found:
            self._db.execute("UPDATE seen SET count = ? WHERE reference = ?", (count, reference))
        else:
            self._db.execute("INSERT INTO seen VALUES (?, 1)", (reference,))
        self.repeated += count == 2
        return count

    def close(self) -> None:
        """Remove the file."""
        self._db.close()
        self._path.unlink(missing_ok=True)


class _HrSpool:
    """What HR keeps for every admitted row, written to private temporary files as rows stream.

    Why on disk: at 100,000 rows the key rows and identifiers were the one thing in the main
    process that grew with the export (~1.4 KB a row). The key rows go through a SortedSpool
    so hr/key.csv stays sorted by candidate ID; the identifiers are appended as JSON Lines.
    """

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.key = SortedSpool(scratch)
        self.identifiers_path = private_temp_path(scratch, ".jsonl")
        self.identifiers: IO[str] = open(self.identifiers_path, "w", encoding="utf-8", newline="\n")

    def add(self, candidate_id: str, source: str, sha256: str, identifiers: Mapping[str, Sequence[str]]) -> None:
        """Spool one row's key line and identifiers."""
        self.key.add(candidate_id, (candidate_id, source, sha256))
        self.identifiers.write(row_identifiers_line(candidate_id, identifiers))

    def finish(self) -> tuple[Path, Path]:
        """The key rows (headerless CSV, by candidate ID) and identifiers (JSON Lines) as files."""
        self.identifiers.close()
        key_path = private_temp_path(self.scratch, ".csv")
        with open(key_path, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows(self.key.sorted_rows())
        self.key.close()
        return key_path, self.identifiers_path

    def discard(self) -> None:
        """Remove what was spooled (the export failed: nothing of it reaches hr/)."""
        self.identifiers.close()
        self.identifiers_path.unlink(missing_ok=True)
        self.key.close()


@dataclass
class _Tally:
    """What one export's rows added up to, while they stream past."""

    hr: _HrSpool
    references: _ReferenceCounts
    failures: list = field(default_factory=list)
    redactions: Counter = field(default_factory=Counter)
    rows: int = 0
    ragged: int = 0


def anonymise_exports(tables: Sequence, settings: Settings, options, previous_ids: Mapping[str, str],
                      taken_ids: Iterable[str], out_dir: Path) -> TableResult:
    """Every export anonymised into its own panel table and HR monitoring file.

    Every temporary file lives in one scratch folder inside ``out_dir``; the result's
    discard_spools() removes it, and it is removed here if anonymising fails.
    """
    column_map = load_column_map(options.columns_file) if options.columns_file else None
    scratch = scratch_folder(out_dir)
    try:
        run = _Run(settings, options, previous_ids, _TakenIds([*previous_ids.values(), *taken_ids]),
                   load_guesses(rules_dir() / "columns" / "default.yaml"), column_map,
                   "json" if "json" in options.formats else "csv", scratch)
        names = output_names([t.relative_source for t in tables])
        merged = _merged([anonymise_export(table, stem, run) for table, stem in zip(tables, names)])
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return dataclasses.replace(merged, scratch=scratch)


def output_names(sources: Sequence[str]) -> list[str]:
    """File stems for each export's tables: "applications" alone, else "applications-<export>"."""
    if len(sources) == 1:
        return ["applications"]
    stems: list[str] = []
    for source in sources:
        stem = "applications-" + (re.sub(r"[^A-Za-z0-9_-]+", "_", Path(source).stem) or "stdin")
        stems.append(stem if stem not in stems else f"{stem}-{len(stems) + 1}")
    return stems


def anonymise_export(table, stem: str, run: _Run) -> TableResult:
    """One export (a file, or "-" for stdin); any problem with it becomes one Failure."""
    from_stdin = table.relative_source == "-"
    source = "stdin" if from_stdin else table.relative_source
    path = spool_stdin(sys.stdin.buffer, run.scratch) if from_stdin else Path(table.path)
    try:
        return _anonymise(path, source, stem, run)
    except (ExportError, ColumnError) as error:
        # The messages name the file for the library's users; the Failure names it already.
        return TableResult(failures=(Failure(source, str(error).removeprefix(f"{source}: ")),))
    except BrokenProcessPool:
        return TableResult(failures=(Failure(source, "a worker process stopped (out of memory?); nothing from "
                                                     "this export reached the panel: run again with --jobs 1."),))
    finally:
        if from_stdin:
            path.unlink(missing_ok=True)


def _anonymise(path: Path, source: str, stem: str, run: _Run) -> TableResult:
    export = inspect_export(path, source)
    header = read_header(export)
    plan, warnings = plan_columns(source, header, run.column_map, run.guesses, run.options.allow_unknown_columns)
    rules = RowRules(plan, run.guesses.generic_answers)
    workers = worker_count(run.options.jobs, export.lines)
    panel, monitoring = SortedSpool(run.scratch), SortedSpool(run.scratch)
    tally = _Tally(_HrSpool(run.scratch), _ReferenceCounts(run.scratch))
    finished = False
    try:
        for outcome in anonymise_stream(read_rows(export, header), rules, run.settings, workers):
            if isinstance(outcome, RowFailure):
                _fail_row(outcome, export, len(header), tally)
                continue
            candidate_id = _admit_row(outcome, export, run, tally)
            panel.add(random_key(), (candidate_id, *outcome.panel))
            monitoring.add(candidate_id, (candidate_id, *outcome.monitoring))
            _progress(run.options, source, tally.rows)
        if tally.ragged and tally.ragged > tally.rows:
            raise ExportError(_misread(export, len(header), tally))
        panel_name, panel_path = _write_panel(stem, plan, panel, run.panel_format, run.scratch)
        hr_name = stem.replace("applications", "monitoring", 1) + ".csv"
        hr_path = private_temp_path(run.scratch, ".csv")
        write_csv(hr_path, ("candidate_id", *plan.monitoring_headers), monitoring.sorted_rows())
        key_path, identifiers_path = tally.hr.finish()
        finished = True
    finally:
        if not finished:
            tally.hr.discard()
        panel.close()
        monitoring.close()
        tally.references.close()
        _progress(run.options, source, tally.rows, done=True)
    warnings = [*export.warnings, *warnings, *_row_warnings(source, tally)]
    return TableResult(tally.rows, failures=tuple(tally.failures), panel_paths={panel_name: panel_path},
                       hr_paths={hr_name: hr_path}, warnings=tuple(warnings),
                       exports=(_summary(export, plan, tally, panel_name, hr_name),),
                       key_paths=(key_path,), identifier_paths=(identifiers_path,))


def _summary(export: ExportFormat, plan: ColumnPlan, tally: _Tally, panel_name: str, hr_name: str) -> dict:
    """The export's entry in hr/report.json: where its rows went and what was redacted (no values)."""
    return {"source": export.source, "panel_file": panel_name, "monitoring_file": hr_name, "rows": tally.rows,
            "failed_rows": len(tally.failures), "encoding": export.encoding, "kind": export.kind,
            "delimiter": delimiter_name(export.delimiter) if export.kind == "csv" else None,
            "columns": describe_plan(plan), "redactions": dict(sorted(tally.redactions.items()))}


def _admit_row(row: AnonymisedRow, export: ExportFormat, run: _Run, tally: _Tally) -> str:
    reference = row.reference or f"row-{row.number}"
    count = tally.references.add(reference)
    # The row's fingerprint: its reference in this exact export, so a re-run keeps its ID.
    sha = hashlib.sha256(f"{export.sha256}\0{reference}\0{count}".encode()).hexdigest()
    candidate_id = run.previous_ids.get(sha) or new_candidate_id(run.taken)
    tally.hr.add(candidate_id, f"{export.source}#{reference}", sha, row.identifiers)
    tally.redactions.update(row.redactions)
    tally.rows += 1
    return candidate_id


def _fail_row(row: RowFailure, export: ExportFormat, width: int, tally: _Tally) -> None:
    tally.ragged += row.ragged
    if row.ragged and tally.ragged > _RAGGED_LIMIT and tally.ragged > tally.rows:
        raise ExportError(_misread(export, width, tally))
    which = f"row {row.number} (line {row.line}" + (f", reference {row.reference})" if row.reference else ")")
    tally.failures.append(Failure(export.source, f"{which} {row.reason}; it was left out of the panel: fix the "
                                                 f"row and run again, or give this applicant to the panel by hand."))


def _misread(export: ExportFormat, width: int, tally: _Tally) -> str:
    how = f"read with {delimiter_name(export.delimiter)}s between columns" if export.kind == "csv" else "read"
    return (f"{export.source}: {tally.ragged} rows do not have the header's {width} columns ({how}); check the "
            f"export's delimiter and quoting and export it again. Nothing from this export reached the panel.")


def _row_warnings(source: str, tally: _Tally) -> list[str]:
    warnings = []
    if not tally.rows:
        warnings.append(f"{source}: has no applicant rows; the panel table is empty.")
    repeated = tally.references.repeated
    if repeated:
        warnings.append(f"{source}: {repeated} applicant reference(s) appear on more than one row; each row has "
                        f"its own candidate ID (see hr/key.csv).")
    return warnings


def _write_panel(stem: str, plan: ColumnPlan, panel: SortedSpool, panel_format: str,
                 scratch: Path) -> tuple[str, Path]:
    path = private_temp_path(scratch, f".{panel_format}")
    writer = write_json if panel_format == "json" else write_csv
    writer(path, ("candidate_id", *plan.panel_headers), panel.sorted_rows())
    os.chmod(path, 0o644)  # a panel file like any other, once it is moved into panel/
    return f"{stem}.{panel_format}", path


def _progress(options, source: str, rows: int, done: bool = False) -> None:
    if getattr(options, "show_progress", False) and (done or rows % 100 == 0) and rows:
        from blindrec.hr.report import printable

        sys.stderr.write(f"\r{printable(source)}: {rows} rows" + ("\n" if done else ""))
        sys.stderr.flush()


def _merged(parts: Sequence[TableResult]) -> TableResult:
    return TableResult(sum(p.rows for p in parts), failures=tuple(f for p in parts for f in p.failures),
                       panel_paths={n: path for p in parts for n, path in p.panel_paths.items()},
                       hr_paths={n: path for p in parts for n, path in p.hr_paths.items()},
                       warnings=tuple(w for p in parts for w in p.warnings),
                       exports=tuple(s for p in parts for s in p.exports),
                       key_paths=tuple(k for p in parts for k in p.key_paths),
                       identifier_paths=tuple(i for p in parts for i in p.identifier_paths))
