"""Run documents through the pipeline on every core, one NLP model per worker process.

A worker can die under a document (the out-of-memory killer sends SIGKILL): the pool
breaks and every document in flight with it. Documents go to the pool a few per worker at
a time, so the ones in flight at a death are known; each is retried once, alone, in a
fresh worker, and a document that kills that worker too is reported as a Failure. The
rest of the batch goes on.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Sequence

from blindrec.model import Failure, RedactedDocument
from blindrec.settings import Settings

# Below this many documents, starting workers (each loads spaCy) costs more than it saves.
_MIN_DOCS_PER_WORKER = 4
# Documents handed to the pool per worker: one running and one queued keeps each worker busy;
# no more, so few documents are in doubt (and retried alone) when a worker dies.
_IN_FLIGHT_PER_WORKER = 2
WORKER_DIED = ("the worker process reading it was killed twice (perhaps for lack of memory); handle it "
               "manually, or lower the limits in the rules so such a file is refused")

Outcome = RedactedDocument | Failure


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_parallel(items: Sequence, settings: Settings, jobs: int | None,
                 show_progress: bool) -> list[Outcome]:
    """Anonymise the items, in input order, across worker processes."""
    from blindrec.api import anonymise_document

    jobs = min(jobs or default_jobs(), max(1, len(items) // _MIN_DOCS_PER_WORKER))
    bar = _Progress(len(items)) if show_progress and items else None
    step = bar.step if bar else (lambda: None)
    if jobs <= 1:
        results = []
        for item in items:
            results.append(anonymise_document(item, settings))
            step()
    else:
        results = _in_workers(items, settings, jobs, step)
    bar and bar.close()
    return results


def _in_workers(items: Sequence, settings: Settings, jobs: int, step: Callable[[], None]) -> list[Outcome]:
    outcomes: dict[int, Outcome] = {}
    waiting = deque(range(len(items)))
    while waiting:
        in_flight_at_death = _pool_round(items, settings, jobs, waiting, outcomes, step)
        _retry_alone(items, settings, in_flight_at_death, outcomes, step)
    return [outcomes[index] for index in range(len(items))]


def _pool_round(items: Sequence, settings: Settings, jobs: int, waiting: deque, outcomes: dict[int, Outcome],
                step: Callable[[], None]) -> list[int]:
    """Run waiting items, a few per worker at a time, until all are done or a worker dies; then those in flight."""
    in_flight: dict[Future, int] = {}
    with _pool(jobs, settings) as pool:
        try:
            while waiting or in_flight:
                while waiting and len(in_flight) < jobs * _IN_FLIGHT_PER_WORKER:
                    index = waiting.popleft()
                    in_flight[pool.submit(_anonymise_in_worker, items[index])] = index
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    outcomes[in_flight[future]] = future.result()
                    del in_flight[future]
                    step()
        except BrokenProcessPool:
            for future, index in list(in_flight.items()):
                if future.done() and future.exception() is None:  # finished before the death
                    outcomes[index] = future.result()
                    del in_flight[future]
                    step()
            return sorted(in_flight.values())
    return []


def _retry_alone(items: Sequence, settings: Settings, suspects: list[int], outcomes: dict[int, Outcome],
                 step: Callable[[], None]) -> None:
    """Each item that was in flight when a worker died, once more in a worker of its own."""
    pool: ProcessPoolExecutor | None = None
    try:
        for index in suspects:
            pool = pool or _pool(1, settings)
            try:
                outcomes[index] = pool.submit(_anonymise_in_worker, items[index]).result()
            except BrokenProcessPool:  # alone, so this item is what killed it
                outcomes[index] = Failure(items[index].relative_source, WORKER_DIED)
                pool.shutdown()
                pool = None
            step()
    finally:
        if pool is not None:
            pool.shutdown()


# The settings of this worker process, given once when it starts: sent with every document,
# each copy would be a new object to the engine's per-Settings cache, which would grow with
# every document a worker reads.
_worker_settings: Settings | None = None


def _pool(jobs: int, settings: Settings) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, initializer=_keep_settings, initargs=(settings,))


def _keep_settings(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings


def _anonymise_in_worker(item) -> Outcome:
    from blindrec.api import anonymise_document

    assert _worker_settings is not None, "a worker runs only in a pool made by _pool()"
    return anonymise_document(item, _worker_settings)


class _Progress:
    """A one-line progress bar on stderr (never stdout, which scripts read)."""

    def __init__(self, total: int) -> None:
        self.total, self.done = total, 0

    def step(self) -> None:
        self.done += 1
        filled = int(30 * self.done / self.total)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} documents")
        sys.stderr.flush()

    def close(self) -> None:
        sys.stderr.write("\n")
