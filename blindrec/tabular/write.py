"""Write ATS tables safely: no cell a spreadsheet would run, rows in an order that says nothing.

Rows are shuffled without holding them all: each gets a random sort key, and a
``SortedSpool`` sorts by it the way an external sort does (sorted runs of a few thousand
rows spilled to temporary files, merged at the end).
"""

from __future__ import annotations

import csv
import heapq
import json
import os
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import IO, Iterable, Iterator, Sequence

from blindrec.safecsv import safe_cell

RUN_ROWS = 2000


def random_key() -> str:
    """A sort key that shuffles: 64 random bits, so no input order survives."""
    return f"{secrets.randbits(64):016x}"


class SortedSpool:
    """Rows sorted by a key with bounded memory: sorted runs spilled to temporary files, then merged."""

    def __init__(self, scratch: Path, run_rows: int = RUN_ROWS) -> None:
        self._scratch = scratch
        self._run_rows = run_rows
        self._buffer: list[tuple[str, str]] = []
        self._runs: list[IO[str]] = []
        self.rows = 0

    def add(self, key: str, cells: Sequence[str]) -> None:
        """Queue a row under a key (keys hold no tab or newline)."""
        self._buffer.append((key, json.dumps(list(cells))))
        self.rows += 1
        if len(self._buffer) >= self._run_rows:
            self._spill()

    def _spill(self) -> None:
        # Unnamed temporary files in the run's scratch folder: readable by this process only, gone when closed.
        self._buffer.sort()
        run = tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n", dir=self._scratch)
        run.writelines(f"{key}\t{line}\n" for key, line in self._buffer)
        run.seek(0)
        self._runs.append(run)
        self._buffer = []

    def sorted_rows(self) -> Iterator[list[str]]:
        """Every row, in key order."""
        self._buffer.sort()
        for _, line in heapq.merge(*(_run_lines(run) for run in self._runs), iter(self._buffer)):
            yield json.loads(line)

    def close(self) -> None:
        """Remove the spilled runs."""
        for run in self._runs:
            run.close()
        self._runs, self._buffer = [], []


def _run_lines(run: IO[str]) -> Iterator[tuple[str, str]]:
    for text in run:
        key, _, line = text.rstrip("\n").partition("\t")
        yield key, line


def unique_headers(headers: Sequence[str]) -> list[str]:
    """Headers with repeats numbered ("phone", "phone (2)"), so JSON objects keep every column."""
    seen: dict[str, int] = {}
    unique = []
    for header in headers:
        seen[header] = seen.get(header, 0) + 1
        unique.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    return unique


SCRATCH_PREFIX = ".blindrec-tmp-"


def scratch_folder(out_dir: Path) -> Path:
    """A new folder for a run's temporary files (ATS names, contacts, monitoring answers) inside ``out_dir``.

    Never the system temp folder: what a failed run leaves must stay with HR's output, which
    the next run cleans (folders of runs whose process is gone). Mode 0700, files 0600.
    """
    _remove_stale_scratch(Path(out_dir))
    return Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-", dir=out_dir))


def _remove_stale_scratch(out_dir: Path) -> None:
    for folder in out_dir.glob(f"{SCRATCH_PREFIX}*"):
        pid = folder.name[len(SCRATCH_PREFIX):].partition("-")[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


def private_temp_path(scratch: Path, suffix: str) -> Path:
    """A new empty file in the scratch folder that only this user can read."""
    descriptor, name = tempfile.mkstemp(prefix="ats-", suffix=suffix, dir=scratch)
    os.close(descriptor)
    return Path(name)


def write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """A CSV file Excel opens as UTF-8 (byte-order mark), every cell made safe."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([safe_cell(h) for h in headers])
        writer.writerows([safe_cell(c) for c in row] for row in rows)


def write_json(path: Path, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    """A JSON list of objects, one per row, written as it streams; cells made safe as in CSV."""
    keys = [safe_cell(h) for h in unique_headers(headers)]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("[")
        for i, row in enumerate(rows):
            handle.write(("\n" if i == 0 else ",\n")
                         + json.dumps(dict(zip(keys, (safe_cell(c) for c in row))), ensure_ascii=False))
        handle.write("\n]\n")
