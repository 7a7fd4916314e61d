"""ATS exports (CSV, TSV, JSON, JSON Lines): one row per applicant, anonymised row by row.

    read.py     decode, sniff and stream an export's rows
    columns.py  the column map: given (--columns) or guessed from the headers
    rows.py     one row: identifiers from its own columns, free text redacted (pure)
    pool.py     rows across worker processes, never reading far ahead
    write.py    formula-safe CSV/JSON, and the shuffle (an external sort on random keys)
    run.py      an export from start to finish
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class TableResult:
    """What anonymising ATS exports produced: panel and HR tables, failures, and HR's spools.

    What HR keeps for every row (its key.csv line and its identifiers) is never held in
    memory: it is spooled to private temporary files while the rows stream, and output.py
    streams those into hr/key.csv and hr/identifiers-rows.jsonl, then removes them.
    """

    rows: int = 0
    failures: tuple = ()
    # Tables are written to temporary files as they stream; output.py moves them into place.
    panel_paths: dict[str, Path] = field(default_factory=dict)
    hr_paths: dict[str, Path] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    exports: tuple[dict, ...] = ()  # per export: rows, columns, redaction counts (for the report)
    # Per export: headerless CSV of (candidate_id, "export.csv#REF", sha256), sorted by candidate ID.
    key_paths: tuple[Path, ...] = ()
    # Per export: JSON Lines of {"candidate_id", "identifiers"} (see blindrec.hr.identifiers).
    identifier_paths: tuple[Path, ...] = ()

    def discard_spools(self) -> None:
        """Remove the spooled key rows and identifiers (once copied into hr/, or when unused)."""
        for path in (*self.key_paths, *self.identifier_paths):
            path.unlink(missing_ok=True)


def anonymise_tables(tables, settings, options, previous_ids, taken_ids=()) -> TableResult:
    """Anonymise ATS exports into a panel table and HR files each; see blindrec.tabular.run.

    ``taken_ids`` are IDs this run already gave to document candidates: no row may get one.
    """
    from blindrec.tabular.run import anonymise_exports

    return anonymise_exports(tables, settings, options, previous_ids, taken_ids)
