"""A panellist's score sheet: one row per criterion and candidate, in the order of their documents.

The sheet opens in Excel as it is (UTF-8 with a byte-order mark, CRLF lines) and every cell
goes through the shared safe-CSV helper, so nothing in it runs as a formula. Its columns are
the ones `blindrec scores` reads (candidate_id, assessor, criterion, score), with the
criterion's title, the reading order and a comment column to help the panellist.
"""

from __future__ import annotations

import codecs
import io
from typing import Mapping, Sequence

from blindrec.safecsv import safe_writer
from blindrec.sift.config import SiftConfig

SHEET_COLUMNS = ("order", "criterion", "criterion_title", "candidate_id", "assessor", "score", "comment")


def sheet_name(panellist: str) -> str:
    """The file name of a panellist's score sheet."""
    return f"scores-{panellist}.csv"


def sheet_rows(config: SiftConfig, panellist: str, orders: Mapping[str, Sequence[str]]) -> list[tuple[str, ...]]:
    """The rows to fill in: criteria in person-specification order, candidates in this panellist's order."""
    rows = []
    for criterion in config.criteria:
        for number, candidate_id in enumerate(orders[criterion.id], start=1):
            rows.append((str(number), criterion.id, criterion.title, candidate_id, panellist, "", ""))
    return rows


def sheet_csv(config: SiftConfig, panellist: str, orders: Mapping[str, Sequence[str]]) -> bytes:
    """The score sheet as bytes Excel opens as UTF-8."""
    buffer = io.StringIO()
    writer = safe_writer(buffer, lineterminator="\r\n")
    writer.writerow(SHEET_COLUMNS)
    writer.writerows(sheet_rows(config, panellist, orders))
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")
