"""One ATS export from start to finish: read, plan the columns, anonymise every row, write the tables."""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections import Counter
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

from blindrec.grouping import new_candidate_id
from blindrec.model import Failure
from blindrec.settings import Settings, rules_dir
from blindrec.tabular import TableResult
from blindrec.tabular.columns import (ColumnError, ColumnPlan, Guesses, describe_plan, load_column_map,
                                      load_guesses, plan_columns)
from blindrec.tabular.pool import anonymise_stream, worker_count
from blindrec.tabular.read import (ExportError, ExportFormat, delimiter_name, inspect_export, read_header,
                                   read_rows, spool_stdin)
from blindrec.tabular.rows import AnonymisedRow, RowFailure, RowRules
from blindrec.tabular.write import SortedSpool, private_temp_path, random_key, write_csv, write_json

# More ragged rows than this (and than good rows) means the export was misread, not mistyped.
_RAGGED_LIMIT = 20


@dataclass(frozen=True)
class _Run:
    """What every export of one run shares."""

    settings: Settings
    options: object  # blindrec.api.RunOptions
    previous_ids: Mapping[str, str]
    taken: set[str]
    guesses: Guesses
    column_map: Mapping[str, tuple[str, ...]] | None
    panel_format: str  # "csv" | "json"


@dataclass
class _Tally:
    """What one export's rows added up to, while they stream past."""

    key_rows: list = field(default_factory=list)
    identifiers: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)
    redactions: Counter = field(default_factory=Counter)
    references: Counter = field(default_factory=Counter)
    rows: int = 0
    ragged: int = 0


def anonymise_exports(tables: Sequence, settings: Settings, options, previous_ids: Mapping[str, str]) -> TableResult:
    """Every export anonymised into its own panel table and HR monitoring file."""
    column_map = load_column_map(options.columns_file) if options.columns_file else None
    run = _Run(settings, options, previous_ids, set(previous_ids.values()),
               load_guesses(rules_dir() / "columns" / "default.yaml"), column_map,
               "json" if "json" in options.formats else "csv")
    names = output_names([t.relative_source for t in tables])
    return _merged([anonymise_export(table, stem, run) for table, stem in zip(tables, names)])


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
    path = spool_stdin(sys.stdin.buffer) if from_stdin else Path(table.path)
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
    panel, monitoring, tally = SortedSpool(), SortedSpool(), _Tally()
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
        panel_name, panel_path = _write_panel(stem, plan, panel, run.panel_format)
        hr_name = stem.replace("applications", "monitoring", 1) + ".csv"
        hr_path = private_temp_path(".csv")
        write_csv(hr_path, ("candidate_id", *plan.monitoring_headers), monitoring.sorted_rows())
    finally:
        panel.close()
        monitoring.close()
        _progress(run.options, source, tally.rows, done=True)
    warnings = [*export.warnings, *warnings, *_row_warnings(source, tally)]
    return TableResult(tally.rows, tally.key_rows, {}, {}, tally.identifiers, tuple(tally.failures),
                       {panel_name: panel_path}, {hr_name: hr_path}, tuple(warnings),
                       (_summary(export, plan, tally, panel_name, hr_name),))


def _summary(export: ExportFormat, plan: ColumnPlan, tally: _Tally, panel_name: str, hr_name: str) -> dict:
    """The export's entry in hr/report.json: where its rows went and what was redacted (no values)."""
    return {"source": export.source, "panel_file": panel_name, "monitoring_file": hr_name, "rows": tally.rows,
            "failed_rows": len(tally.failures), "encoding": export.encoding, "kind": export.kind,
            "delimiter": delimiter_name(export.delimiter) if export.kind == "csv" else None,
            "columns": describe_plan(plan), "redactions": dict(sorted(tally.redactions.items()))}


def _admit_row(row: AnonymisedRow, export: ExportFormat, run: _Run, tally: _Tally) -> str:
    reference = row.reference or f"row-{row.number}"
    tally.references[reference] += 1
    # The row's fingerprint: its reference in this exact export, so a re-run keeps its ID.
    sha = hashlib.sha256(f"{export.sha256}\0{reference}\0{tally.references[reference]}".encode()).hexdigest()
    candidate_id = run.previous_ids.get(sha) or new_candidate_id(run.taken)
    tally.key_rows.append((candidate_id, f"{export.source}#{reference}", sha))
    tally.identifiers[candidate_id] = row.identifiers
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
    repeated = sum(1 for count in tally.references.values() if count > 1)
    if repeated:
        warnings.append(f"{source}: {repeated} applicant reference(s) appear on more than one row; each row has "
                        f"its own candidate ID (see hr/key.csv).")
    return warnings


def _write_panel(stem: str, plan: ColumnPlan, panel: SortedSpool, panel_format: str) -> tuple[str, Path]:
    path = private_temp_path(f".{panel_format}")
    writer = write_json if panel_format == "json" else write_csv
    writer(path, ("candidate_id", *plan.panel_headers), panel.sorted_rows())
    os.chmod(path, 0o644)  # a panel file like any other, once it is moved into panel/
    return f"{stem}.{panel_format}", path


def _progress(options, source: str, rows: int, done: bool = False) -> None:
    if getattr(options, "show_progress", False) and (done or rows % 100 == 0) and rows:
        sys.stderr.write(f"\r{source}: {rows} rows" + ("\n" if done else ""))
        sys.stderr.flush()


def _merged(parts: Sequence[TableResult]) -> TableResult:
    merged = TableResult()
    for part in parts:
        merged.key_rows.extend(part.key_rows)
        merged.identifiers.update(part.identifiers)
        merged.panel_paths.update(part.panel_paths)
        merged.hr_paths.update(part.hr_paths)
    return TableResult(sum(p.rows for p in parts), merged.key_rows, {}, {}, merged.identifiers,
                       tuple(f for p in parts for f in p.failures), merged.panel_paths, merged.hr_paths,
                       tuple(w for p in parts for w in p.warnings), tuple(s for p in parts for s in p.exports))
