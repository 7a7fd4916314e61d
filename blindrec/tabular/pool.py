"""Anonymise a stream of rows on several cores without reading ahead of the workers.

Rows go to worker processes in chunks, with at most a few chunks per worker in flight, so
memory stays flat however long the export is. Each worker builds its own detection engine.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import Iterable, Iterator

from blindrec.settings import Settings
from blindrec.tabular.read import RawRow
from blindrec.tabular.rows import AnonymisedRow, RowFailure, RowRules, anonymise_row

CHUNK_ROWS = 32
# Chunks in flight per worker: enough to keep every worker busy while results are written.
_IN_FLIGHT = 3
# Below this many rows per worker, starting one (each loads spaCy) costs more than it saves.
_MIN_ROWS_PER_WORKER = 50


def worker_count(jobs: int | None, rows_estimate: int) -> int:
    """How many worker processes an export of about this many rows is worth."""
    from blindrec.workers import default_jobs

    return max(1, min(jobs or default_jobs(), rows_estimate // _MIN_ROWS_PER_WORKER))


def anonymise_stream(rows: Iterable[RawRow], rules: RowRules, settings: Settings,
                     workers: int) -> Iterator[AnonymisedRow | RowFailure]:
    """Every row anonymised (or failed); in input order, which the caller then shuffles away."""
    if workers <= 1:
        for row in rows:
            yield safe_anonymise_row(row, rules, settings)
        return
    rows = iter(rows)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque = deque()
        while chunk := list(islice(rows, CHUNK_ROWS)):
            pending.append(pool.submit(_anonymise_chunk, chunk, rules, settings))
            while len(pending) >= workers * _IN_FLIGHT:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _anonymise_chunk(chunk: list[RawRow], rules: RowRules, settings: Settings) -> list:
    return [safe_anonymise_row(row, rules, settings) for row in chunk]


def safe_anonymise_row(row: RawRow, rules: RowRules, settings: Settings) -> AnonymisedRow | RowFailure:
    """anonymise_row, with any unexpected error turned into a failure of that row alone."""
    from blindrec.detect.engine import ModelError

    try:
        return anonymise_row(row, rules, settings)
    except ModelError:
        raise
    except Exception as error:  # noqa: BLE001 - one bad row must never stop the export
        return RowFailure(row.number, row.line, "", f"could not be processed ({type(error).__name__}); "
                                                    f"handle this applicant by hand and report the problem")
