"""hr/key.csv: candidate ID to source file, for HR only."""

from __future__ import annotations

import csv
import io
from pathlib import Path

KEY_COLUMNS = ("candidate_id", "source", "sha256")


def key_csv(rows: list[tuple[str, str, str]]) -> str:
    """The key as CSV text, one row per source document."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(KEY_COLUMNS)
    writer.writerows(sorted(rows))
    return buffer.getvalue()


def read_key(path: Path) -> list[dict[str, str]]:
    """Rows of an existing key.csv, or [] when there is none or it is unreadable."""
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            return [dict(row) for row in csv.DictReader(handle)]
    except (OSError, csv.Error, UnicodeDecodeError):
        return []
