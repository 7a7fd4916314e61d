"""The library API behind ``blindrec anonymise``: scripts import this, the CLI wraps it.

    from blindrec.api import anonymise_batch, RunOptions
    from blindrec.settings import load_settings
    result = anonymise_batch([Path("applications")], Path("out"), load_settings(), RunOptions())
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

# Which files in a folder are read, and why each other one is not.
from blindrec.extract.kinds import TABULAR_SUFFIXES, ignored_reason, is_read, not_read_reason
from blindrec.model import Failure, RedactedDocument
from blindrec.settings import Settings

EXIT_OK, EXIT_SOME_FAILED = 0, 1


@dataclass(frozen=True)
class RunOptions:
    """How to run a batch; every field has the default an HR officer would expect."""

    role: str | None = None
    formats: tuple[str, ...] = ("docx",)
    jobs: int | None = None
    show_progress: bool = False
    columns_file: Path | None = None
    allow_unknown_columns: bool = False
    panel_stdout: bool = False
    verify: bool = True
    replace: bool = False  # run again into a folder that holds a run (its key goes to hr/history/)


@dataclass(frozen=True)
class InputFile:
    """One file to anonymise and the name it goes by in the key (relative to its folder)."""

    path: Path
    relative_source: str


@dataclass(frozen=True)
class CandidatePack:
    """The documents of one candidate, under the random ID the panel knows them by."""

    candidate_id: str
    documents: tuple[RedactedDocument, ...]


@dataclass(frozen=True)
class BatchResult:
    """What a run wrote and what went wrong; the exit code follows from it."""

    out_dir: Path
    candidates: tuple[CandidatePack, ...]
    failures: tuple[Failure, ...]
    inputs: int
    leaks: tuple[str, ...] = field(default=())
    table_rows: int = 0
    notes: tuple[str, ...] = field(default=())  # what HR should know about --out: recovery, replaced candidates
    # Hidden files and Office lock files in the input folders: named in the report, never
    # read, and (being harmless) no reason for exit code 1.
    ignored: tuple[Failure, ...] = field(default=())
    near_misses: tuple = ()  # grouping.NearMiss: documents that may be one candidate's, kept apart

    @property
    def exit_code(self) -> int:
        """0 when every input reached the panel cleanly, 1 when any failed or leaked."""
        return EXIT_SOME_FAILED if self.failures or self.leaks else EXIT_OK


class UsageProblem(Exception):
    """A mistake in the command, found before any work: exit 2, nothing in --out written or changed."""


class OutputFolderError(UsageProblem):
    """The output folder cannot be created or written to (checked before any work is done)."""


class RunStopped(Exception):
    """The run stopped part-way (interrupted, disk full, a worker died); the message says what --out holds."""

    def __init__(self, message: str, interrupted: bool = False) -> None:
        super().__init__(message)
        self.interrupted = interrupted


def check_inputs(inputs: Sequence[Path], out_dir: Path) -> None:
    """UsageProblem unless every input exists and --out is neither an input folder nor above one."""
    out = Path(out_dir).resolve()
    for path in inputs:
        path = Path(path)
        if str(path) == "-":
            continue
        if not path.exists():
            raise UsageProblem(f"{path}: no such file or folder; check the path (nothing was written).")
        if path.resolve() == out or out in path.resolve().parents:
            raise UsageProblem(f"--out {out_dir} is the input {path} or a folder above it; choose an output "
                               f"folder outside the applications, for example --out {path.resolve().name}-blind.")


def check_output_folder(out_dir: Path) -> None:
    """Create ``out_dir`` if needed and prove it is writable; OutputFolderError if not."""
    import tempfile

    try:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out_dir):
            pass
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise OutputFolderError(f"cannot write to the output folder {out_dir} ({reason}); choose another "
                                f"folder with --out.") from error


def collect_inputs(paths: Iterable[Path], exclude: Path | None = None
                   ) -> tuple[list[InputFile], list[Failure], list[Failure]]:
    """Expand folders (recursively) into files, naming every file that is not read and why.

    Returns the files to read; the failures (paths that cannot be read, files of a kind
    blindrec does not anonymise: HR must handle them, so they fail the run); and the ignored
    (hidden files, Office lock files: listed, never read, harmless). ``exclude`` (the output
    folder) is never read, so `anonymise . --out out` run twice does not take last run's
    packs for applications.
    """
    files: list[InputFile] = []
    failures: list[Failure] = []
    ignored: list[Failure] = []
    for path in paths:
        path = Path(path)
        if str(path) == "-":
            files.append(InputFile(path, "-"))
        elif path.is_dir():
            for found, reason, harmless in sorted(_walk(path, exclude), key=lambda entry: entry[0]):
                relative = found.relative_to(path).as_posix()
                if reason is None:
                    files.append(InputFile(found, relative))
                else:
                    relative += "/" if found.is_dir() else ""
                    (ignored if harmless else failures).append(Failure(relative, reason))
        elif path.is_file():
            files.append(InputFile(path, path.name))
        else:
            failures.append(Failure(path.name or str(path), "no such file or folder, or it cannot be read"))
    return files, failures, ignored


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _walk(folder: Path, exclude: Path | None) -> Iterator[tuple[Path, str | None, bool]]:
    """Every entry under ``folder``: (path, None, _) to read, or (path, why not, harmless)."""
    unreadable: list[OSError] = []  # os.walk skips a folder it cannot list unless told
    for root, dirs, names in os.walk(folder, onerror=unreadable.append):
        while unreadable:
            error = unreadable.pop()
            yield Path(error.filename), f"a folder that cannot be read ({error.strerror}); not read", False
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if exclude is None or not _is_inside(here / d, exclude))
        for name in [d for d in dirs if ignored_reason(d, folder=True)]:
            dirs.remove(name)
            yield here / name, ignored_reason(name, folder=True), True
        for name in names:
            found = here / name
            if exclude is not None and _is_inside(found, exclude):
                continue
            if ignored_reason(name):
                yield found, ignored_reason(name), True
            elif not found.is_file():
                yield found, "not a regular file (a broken link, a pipe or a device); not read", False
            elif is_read(name):
                yield found, None, False
            else:
                yield found, not_read_reason(name), False
    for error in unreadable:
        yield Path(error.filename), f"a folder that cannot be read ({error.strerror}); not read", False


def anonymise_document(item: InputFile, settings: Settings) -> RedactedDocument | Failure:
    """Extract, detect and redact one document; any problem becomes a Failure."""
    from blindrec.detect import detect_document
    from blindrec.detect.engine import ModelError
    from blindrec.detect.text import join_document
    from blindrec.extract import ExtractionError, extract_document
    from blindrec.redact import redact_document

    try:
        document = extract_document(item.path, item.relative_source, settings.limits)
        joined = join_document(document)
        detection = detect_document(document, joined, settings)
        return redact_document(document, joined, list(detection.spans), detection.warnings,
                               detection.identifiers, detection.evidence)
    except ExtractionError as error:
        return Failure(item.relative_source, str(error))
    except ModelError:
        raise
    except Exception as error:  # noqa: BLE001 - one bad file must never stop the batch
        return Failure(item.relative_source, f"could not be processed ({type(error).__name__}: {error}); "
                                             f"handle it manually and report the problem")


def anonymise_batch(inputs: Sequence[Path], out_dir: Path, settings: Settings,
                    options: RunOptions = RunOptions(),
                    progress: Callable[[int, int], None] | None = None) -> BatchResult:
    """Anonymise every input into ``out_dir/panel`` and ``out_dir/hr``."""
    from blindrec import output
    from blindrec.hr.overrides import check_candidate_ids, load_overrides

    check_inputs(inputs, out_dir)
    check_output_folder(out_dir)
    with output.run_lock(out_dir):
        notes = [f"{done} (left by a run that was stopped)" for done in output.recover(out_dir)]
        _check_rerun(out_dir, options)
        overrides = load_overrides(out_dir)  # a broken hr/overrides.yaml stops the run before any work
        previous = set(output.previous_candidate_ids(out_dir).values())
        check_candidate_ids(overrides, previous, Path(out_dir) / "hr" / "overrides.yaml")
        unchanged = f"{out_dir} is as it was before the run"
        with _stopping(unchanged):
            result, table_result = _prepare(inputs, out_dir, settings, options, overrides)
        with _stopping(f"the previous output was put back: {unchanged}"):
            output.write_outputs(result, settings, options, table_result)
        with _stopping(f"the new output in {out_dir} is complete but was not verified; run blindrec verify {out_dir}"):
            notes += _dropped_note(previous, output.previous_candidate_ids(out_dir).values())
            result = replace(result, notes=tuple(notes))
            return _finish(result, settings, options, overrides)


@contextmanager
def _stopping(state: str) -> Iterator[None]:
    """Turn Ctrl-C, a full disk or a dead worker into RunStopped, saying what --out holds now."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        yield
    except KeyboardInterrupt as stop:
        raise RunStopped(f"interrupted; {state}.", interrupted=True) from stop
    except (OSError, BrokenProcessPool) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else type(error).__name__
        raise RunStopped(f"the run stopped ({reason}); {state}.") from error


def _dropped_note(previous: set[str], now: Iterable[str]) -> list[str]:
    """A note naming the earlier candidates a --replace run left out of the key (kept in hr/history/)."""
    dropped = sorted(previous - set(now))
    if not dropped:
        return []
    more = ", ..." if len(dropped) > 5 else ""
    return [f"{len(dropped)} candidate(s) of the previous run are not in this one ({', '.join(dropped[:5])}{more}); "
            f"their key is kept in hr/history/"]


def _check_rerun(out_dir: Path, options: RunOptions) -> None:
    """UsageProblem when --out already holds a run and --replace was not given."""
    from blindrec import output

    held = output.candidates_held(out_dir)
    if held and not options.replace:
        raise UsageProblem(f"{out_dir} already holds a run ({held} candidate(s) in {Path(out_dir) / 'hr' / 'key.csv'}); "
                           f"add --replace to run again into it (its key is kept under hr/history/), "
                           f"or choose a new --out.")


def readable_source(name: str) -> str:
    """A file name fit for the key: bytes that were not UTF-8 (a Latin-1 'José') read as Windows-1252."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        raw = name.encode("utf-8", "surrogateescape")
        return raw.decode("cp1252", "replace")


def _prepare(inputs: Sequence[Path], out_dir: Path, settings: Settings, options: RunOptions, overrides):
    """Every document anonymised and grouped, in memory and spools: nothing in --out is touched."""
    from blindrec import grouping, output
    from blindrec.hr.overrides import apply_to_packs, check_kept
    from blindrec.workers import run_parallel

    files, failures, ignored = collect_inputs(inputs, exclude=Path(out_dir))
    files = [InputFile(f.path, readable_source(f.relative_source)) for f in files]
    failures = [Failure(readable_source(f.relative_source), f.reason) for f in failures]
    ignored = [Failure(readable_source(f.relative_source), f.reason) for f in ignored]
    documents = [f for f in files if not f.relative_source.lower().endswith(TABULAR_SUFFIXES) and f.relative_source != "-"]
    tables = [f for f in files if f not in documents]
    outcomes = run_parallel(documents, settings, options.jobs, options.show_progress)
    redacted = [o for o in outcomes if isinstance(o, RedactedDocument)]
    failures += [o for o in outcomes if isinstance(o, Failure)]
    previous_ids = output.previous_candidate_ids(out_dir)
    grouped = grouping.group_documents(redacted, overrides.joins, overrides.splits)
    candidates = grouping.packs_for(grouped.groups, previous_ids)
    candidates = apply_to_packs(candidates, overrides, settings, {f.relative_source: f.path for f in documents})
    check_kept(candidates, overrides)  # before anything is written: panel/ stays as it was
    table_result = None
    if tables:
        from blindrec.tabular import anonymise_tables

        table_result = anonymise_tables(tables, settings, options, previous_ids,
                                        [c.candidate_id for c in candidates], Path(out_dir))
        failures += list(table_result.failures)
    result = BatchResult(Path(out_dir), tuple(candidates), tuple(failures), len(files),
                         table_rows=table_result.rows if table_result else 0, ignored=tuple(ignored),
                         near_misses=grouped.near_misses)
    return result, table_result


def _finish(result: BatchResult, settings: Settings, options: RunOptions, overrides) -> BatchResult:
    """Verify the written panel and record the run in the audit log."""
    from blindrec import output
    from blindrec.hr.audit import anonymise_record, append_audit

    if options.verify:
        leaks = _verified(result)
        if leaks:
            result = replace(result, leaks=tuple(leaks))
            output.append_leaks_to_report(result)
    append_audit(result.out_dir, anonymise_record(result, settings, overrides.sha256, options.verify))
    return result


def _verified(result: BatchResult) -> list[str]:
    """The leaks verification finds; verification that cannot finish counts as one (fail closed)."""
    from blindrec import output

    try:
        return output.verify_after_run(result)
    except Exception as error:  # noqa: BLE001 - an unchecked panel must never pass as checked
        return [f"verification could not finish ({type(error).__name__}: {error}); run blindrec verify"]
