"""ATS exports (CSV, JSON): one row per applicant. Placeholder until the tabular module lands."""

from __future__ import annotations

from dataclasses import dataclass, field

from blindrec.model import Failure


@dataclass(frozen=True)
class TableResult:
    """What anonymising ATS exports produced: panel files, HR files, key rows, failures."""

    rows: int = 0
    key_rows: list = field(default_factory=list)
    panel_files: dict = field(default_factory=dict)
    hr_files: dict = field(default_factory=dict)
    identifiers: dict = field(default_factory=dict)
    failures: tuple = ()


def anonymise_tables(tables, settings, options, previous_ids) -> TableResult:
    """Report ATS exports as not yet supported."""
    return TableResult(failures=tuple(Failure(t.relative_source, "ATS exports are not supported yet") for t in tables))
