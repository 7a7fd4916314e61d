"""Run documents through the pipeline on every core, one NLP model per worker process."""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import Sequence

from blindrec.model import Failure, RedactedDocument
from blindrec.settings import Settings

# Below this many documents, starting workers (each loads spaCy) costs more than it saves.
_MIN_DOCS_PER_WORKER = 4


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_parallel(items: Sequence, settings: Settings, jobs: int | None,
                 show_progress: bool) -> list[RedactedDocument | Failure]:
    """Anonymise the items, in input order, across worker processes."""
    from blindrec.api import anonymise_document

    jobs = min(jobs or default_jobs(), max(1, len(items) // _MIN_DOCS_PER_WORKER))
    bar = _Progress(len(items)) if show_progress and items else None
    results: list[RedactedDocument | Failure] = []
    if jobs <= 1:
        for item in items:
            results.append(anonymise_document(item, settings))
            bar and bar.step()
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            chunk = max(1, len(items) // (jobs * 8))
            for outcome in pool.map(anonymise_document, items, [settings] * len(items), chunksize=chunk):
                results.append(outcome)
                bar and bar.step()
    bar and bar.close()
    return results


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
