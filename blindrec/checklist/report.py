"""Read the HR report (hr/report.json, written by `blindrec anonymise`) for what the checklist needs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blindrec.checklist.errors import ChecklistInputError

FIX = "give the hr/report.json that blindrec anonymise wrote"


@dataclass(frozen=True)
class HrReport:
    """How many applications were anonymised or failed, and which were reviewed (None: not recorded)."""

    source: str
    anonymised: int
    failed: int
    reviewed: tuple[bool | None, ...]  # one per anonymised candidate


def load_report(path: Path) -> HrReport:
    """The HR report in `path`, validated."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ChecklistInputError(f"{path}: no such HR report; {FIX}.") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ChecklistInputError(f"{path}: the HR report is not readable JSON ({error}); {FIX}.") from error
    return parse_report(data, str(path))


def parse_report(data: Any, source: str) -> HrReport:
    """An HrReport from the already-parsed JSON of `source`."""
    if not isinstance(data, dict):
        raise ChecklistInputError(f"{source}: the HR report must be a JSON object; {FIX}.")
    candidates = data.get("candidates")
    failures = data.get("failures")
    for field, value in (("candidates", candidates), ("failures", failures)):
        if not isinstance(value, list):
            raise ChecklistInputError(f"{source}: field '{field}' is missing or not a list; {FIX}.")
    reviewed = []
    for index, candidate in enumerate(candidates):
        if not isinstance(candidate, dict):
            raise ChecklistInputError(f"{source}: field 'candidates[{index}]' must be an object; {FIX}.")
        flag = candidate.get("reviewed")
        if flag is not None and not isinstance(flag, bool):
            raise ChecklistInputError(f"{source}: field 'candidates[{index}].reviewed' must be true or false.")
        reviewed.append(flag)
    return HrReport(source=source, anonymised=len(candidates), failed=len(failures), reviewed=tuple(reviewed))
