"""Aggregate files: a campaign's (or region's) suppressed counts, to pool without any row about a person.

The file is JSON: how ethnicity was grouped, the suppression threshold, how many campaigns,
and one entry per characteristic, group and stage with its count (null where suppressed).
"""

from __future__ import annotations

import json
from pathlib import Path

from blindrec import __version__
from blindrec.outcomes import OutcomesError
from blindrec.outcomes.groups import Grouping
from blindrec.outcomes.stats import COLUMNS, Counts, Outcomes

FORMAT = "blindrec-outcomes-aggregate"
VERSION = 1
KEPT_AGGREGATE = "outcomes-aggregate.json"  # what a purged campaign keeps in hr/


def aggregate_json(outcomes: Outcomes) -> str:
    """The suppressed counts of a report as aggregate-file text."""
    cells = [{"characteristic": c, "group": g, "stage": column, "count": count}
             for (c, g, column), count in sorted(outcomes.counts.cells.items(),
                                                 key=lambda item: (item[0][0], item[0][1], COLUMNS.index(item[0][2])))]
    head = {"format": FORMAT, "version": VERSION, "blindrec_version": __version__,
            "ethnicity_grouping": outcomes.counts.grouping, "threshold": outcomes.threshold,
            "campaigns": outcomes.counts.campaigns}
    # One cell a line, so a council can read (and diff) what it is about to share.
    lines = [f" {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    body = ",\n".join(f"  {json.dumps(cell, ensure_ascii=False)}" for cell in cells)
    return "{\n" + "\n".join(lines) + '\n "cells": [\n' + body + "\n ]\n}\n"


def is_aggregate_file(path: Path) -> bool:
    """True for a file (rather than a campaign folder) given to `outcomes`."""
    return Path(path).is_file()


def read_aggregate(path: Path, grouping: Grouping | None = None) -> Counts:
    """The counts of an aggregate file, checked; its grouping must be the one asked for."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise OutcomesError(f"{path}: cannot be read ({error.strerror}); check the path.") from error
    except (ValueError, UnicodeDecodeError):
        raise OutcomesError(f"{path}: is not an aggregate file (JSON from outcomes --export-aggregate); "
                            f"give that file or a campaign folder.") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT or document.get("version") != VERSION:
        raise OutcomesError(f"{path}: is not an aggregate file (JSON from outcomes --export-aggregate); "
                            f"give that file or a campaign folder.")
    if grouping is not None and document.get("ethnicity_grouping") != grouping.name:
        raise OutcomesError(f"{path}: groups ethnicity as {document.get('ethnicity_grouping')!r}, not "
                            f"{grouping.name!r}; give the same --ethnicity-grouping, or export it again.")
    cells = {}
    for entry in document.get("cells", []):
        try:
            key = (str(entry["characteristic"]), str(entry["group"]), str(entry["stage"]))
            count = entry["count"]
        except (KeyError, TypeError):
            raise OutcomesError(f"{path}: has an entry without characteristic, group, stage and count; "
                                f"export it again.") from None
        if key[2] not in COLUMNS or not (count is None or (isinstance(count, int) and count >= 0)):
            raise OutcomesError(f"{path}: has an entry with an unknown stage or a count that is not a "
                                f"whole number; export it again.")
        cells[key] = count
    campaigns = document.get("campaigns", 1)
    return Counts(cells, str(document.get("ethnicity_grouping")), campaigns if isinstance(campaigns, int) else 1)
