"""ATS exports (CSV, TSV, JSON, JSON Lines): one row per applicant, anonymised row by row.

    read.py     decode, sniff and stream an export's rows
    columns.py  the column map: given (--columns) or guessed from the headers
    rows.py     one row: identifiers from its own columns, free text redacted (pure)
    pool.py     rows across worker processes, never reading far ahead
    write.py    formula-safe CSV/JSON, and the shuffle (an external sort on random keys)
    run.py      an export from start to finish
"""

from __future__ import annotations

import shutil
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
    # The folder (inside --out) holding all of the above until they are moved or discarded.
    scratch: Path | None = None

    def discard_spools(self) -> None:
        """Remove every temporary file of the run, whatever was not moved into place (safe to call twice)."""
        for path in (*self.key_paths, *self.identifier_paths):
            path.unlink(missing_ok=True)
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)


def anonymise_tables(tables, settings, options, previous_ids, taken_ids, out_dir: Path) -> TableResult:
    """Anonymise ATS exports into a panel table and HR files each; see blindrec.tabular.run.

    ``taken_ids`` are IDs this run already gave to document candidates: no row may get one.
    Temporary files go in a scratch folder inside ``out_dir``; call discard_spools() when done.
    """
    from blindrec.tabular.run import anonymise_exports

    return anonymise_exports(tables, settings, options, previous_ids, taken_ids, Path(out_dir))
