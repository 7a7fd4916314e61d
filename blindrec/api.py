"""The library API behind ``blindrec anonymise``: scripts import this, the CLI wraps it.

    from blindrec.api import anonymise_batch, RunOptions
    from blindrec.settings import load_settings
    result = anonymise_batch([Path("applications")], Path("out"), load_settings(), RunOptions())
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from blindrec.model import Failure, RedactedDocument
from blindrec.settings import Settings

EXIT_OK, EXIT_SOME_FAILED = 0, 1

# Files in a folder that look like applications; anything else there is left alone.
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".docm", ".odt", ".rtf")
TABULAR_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl")


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
    near_misses: tuple = ()  # grouping.NearMiss: documents that may be one candidate's, kept apart

    @property
    def exit_code(self) -> int:
        """0 when every input reached the panel cleanly, 1 when any failed or leaked."""
        return EXIT_SOME_FAILED if self.failures or self.leaks else EXIT_OK


class OutputFolderError(Exception):
    """The output folder cannot be created or written to (checked before any work is done)."""


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


def collect_inputs(paths: Iterable[Path], exclude: Path | None = None) -> tuple[list[InputFile], list[Failure]]:
    """Expand folders (recursively) into files; unreadable paths become failures.

    ``exclude`` (the output folder) is never read, so `anonymise . --out out` run twice
    does not take last run's packs for applications.
    """
    files: list[InputFile] = []
    failures: list[Failure] = []
    for path in paths:
        path = Path(path)
        if str(path) == "-":
            files.append(InputFile(path, "-"))
        elif path.is_dir():
            for found in sorted(_walk(path)):
                if exclude is None or not _is_inside(found, exclude):
                    files.append(InputFile(found, found.relative_to(path).as_posix()))
        elif path.is_file():
            files.append(InputFile(path, path.name))
        else:
            failures.append(Failure(path.name or str(path), "no such file or folder, or it cannot be read"))
    return files, failures


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _walk(folder: Path) -> Iterable[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if name.startswith((".", "~$")):
                continue  # hidden files and Word's lock files
            if name.lower().endswith(DOCUMENT_SUFFIXES + TABULAR_SUFFIXES):
                yield Path(root) / name


def anonymise_document(item: InputFile, settings: Settings) -> RedactedDocument | Failure:
    """Extract, detect and redact one document; any problem becomes a Failure."""
    from blindrec.detect import detect_document
    from blindrec.detect.engine import ModelError
    from blindrec.detect.text import join_document
    from blindrec.extract import ExtractionError, extract_document
    from blindrec.redact import redact_document

    try:
        document = extract_document(item.path, item.relative_source)
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
    from blindrec import grouping, output
    from blindrec.hr.audit import anonymise_record, append_audit
    from blindrec.hr.overrides import apply_to_packs, load_overrides
    from blindrec.workers import run_parallel

    check_output_folder(out_dir)
    overrides = load_overrides(out_dir)  # a broken hr/overrides.yaml stops the run before any work
    files, failures = collect_inputs(inputs, exclude=Path(out_dir))
    documents = [f for f in files if not f.relative_source.lower().endswith(TABULAR_SUFFIXES) and f.relative_source != "-"]
    tables = [f for f in files if f not in documents]
    outcomes = run_parallel(documents, settings, options.jobs, options.show_progress)
    redacted = [o for o in outcomes if isinstance(o, RedactedDocument)]
    failures += [o for o in outcomes if isinstance(o, Failure)]
    previous_ids = output.previous_candidate_ids(out_dir)
    grouped = grouping.group_documents(redacted, overrides.joins, overrides.splits)
    candidates = grouping.packs_for(grouped.groups, previous_ids)
    candidates = apply_to_packs(candidates, overrides, settings, {f.relative_source: f.path for f in documents})
    table_result = None
    if tables:
        from blindrec.tabular import anonymise_tables

        table_result = anonymise_tables(tables, settings, options, previous_ids,
                                        [c.candidate_id for c in candidates])
        failures += list(table_result.failures)
    result = BatchResult(Path(out_dir), tuple(candidates), tuple(failures), len(files),
                         table_rows=table_result.rows if table_result else 0, near_misses=grouped.near_misses)
    output.write_outputs(result, settings, options, table_result)
    if options.verify:
        leaks = output.verify_after_run(result)
        if leaks:
            result = BatchResult(result.out_dir, result.candidates, result.failures, result.inputs,
                                 tuple(leaks), result.table_rows, result.near_misses)
            output.append_leaks_to_report(result)
    append_audit(out_dir, anonymise_record(result, settings, overrides.sha256, options.verify))
    return result
