"""hr/key.csv: candidate ID to source file, for HR only."""

from __future__ import annotations

import csv
import heapq
from pathlib import Path
from typing import IO, Iterable, Iterator, Sequence

from blindrec.safecsv import read_cell, safe_writer

KEY_COLUMNS = ("candidate_id", "source", "sha256")


def write_key(handle: IO[str], rows: Iterable[tuple[str, str, str]], spools: Sequence[Path]) -> None:
    """key.csv written as it streams: the documents' rows and each export's spooled rows, by candidate ID.

    Each spool is a headerless CSV already sorted by candidate ID (tabular/run.py), so a
    merge keeps the whole key sorted without reading any spool into memory.
    """
    writer = safe_writer(handle, lineterminator="\n")  # file names can start a formula
    writer.writerow(KEY_COLUMNS)
    files = [open(path, newline="", encoding="utf-8") for path in spools]
    try:
        writer.writerows(heapq.merge(sorted(rows), *(map(tuple, csv.reader(f)) for f in files)))
    finally:
        for f in files:
            f.close()


class UnreadableKey(Exception):
    """hr/key.csv exists but cannot be read whole."""


def iter_key(path: Path, strict: bool = False) -> Iterator[dict[str, str]]:
    """Rows of an existing key.csv one at a time (none when there is none).

    An unreadable key yields what could be read, or with ``strict`` raises UnreadableKey:
    a check that must not pass on half a key (verify, the re-run guard) asks for strict.
    """
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                yield _read_row(row)
    except FileNotFoundError:
        return
    except (OSError, csv.Error, UnicodeDecodeError) as error:
        if strict:
            raise UnreadableKey(f"{path}: cannot be read ({error}); restore it from hr/history/ or a backup.") \
                from error
        return


def read_key(path: Path) -> list[dict[str, str]]:
    """Rows of an existing key.csv, or [] when there is none or it is unreadable."""
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            return [_read_row(row) for row in csv.DictReader(handle)]
    except (OSError, csv.Error, UnicodeDecodeError):
        return []


def _read_row(row: dict) -> dict[str, str]:
    return {k: read_cell(v) if isinstance(v, str) else v for k, v in row.items()}
