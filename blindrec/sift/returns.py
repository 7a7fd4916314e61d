"""Returned score sheets: each panellist's sheet checked whole, then recorded and locked on its own.

After a sift (DIR/hr/sift.yaml lists panellists, criteria and candidates) a sheet must hold,
for each panellist in it, one score for every candidate and criterion of the sift, on the
scale, and nothing else. A panellist whose scores are recorded is locked: the same sheet
again records nothing, a different one is refused, whatever other panellists return later.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from blindrec.hr.scores import (Recording, Score, ScoresError, ScoresLocked, read_scores_csv, record_scores,
                                recorded_scores, score_scale)
from blindrec.sift.errors import SiftError
from blindrec.sift.run import read_record

_SHOWN = 5  # problems named in one message before "and N more"


@dataclass(frozen=True)
class SheetOutcome:
    """What happened to one returned sheet: recorded (with the recording), already recorded, or refused."""

    path: Path
    panellists: tuple[str, ...]
    recording: Recording | None = None
    error: ScoresError | None = None
    already_recorded: bool = False


def record_sheets(out_dir: Path, paths: Sequence[Path]) -> list[SheetOutcome]:
    """Check and record each sheet on its own; one bad sheet never stops or unlocks the others."""
    return [_record_sheet(Path(out_dir), Path(path)) for path in paths]


def _record_sheet(out_dir: Path, path: Path) -> SheetOutcome:
    try:
        record = read_record(out_dir)
        if record is None:
            return SheetOutcome(path, (), recording=record_scores(out_dir, path))
        scores = read_scores_csv(path, score_scale(out_dir))
        panellists = check_sheet(path, scores, record)
        if _already_recorded(out_dir, path, scores, panellists):
            return SheetOutcome(path, panellists, already_recorded=True)
        return SheetOutcome(path, panellists, recording=record_scores(out_dir, path))
    except ScoresError as error:
        return SheetOutcome(path, (), error=error)
    except SiftError as error:  # hr/sift.yaml unreadable: the sheet cannot be checked, so it is not recorded
        return SheetOutcome(path, (), error=ScoresError(str(error)))


def check_sheet(path: Path, scores: Sequence[Score], record: dict) -> tuple[str, ...]:
    """The sheet's panellists, once it holds exactly one score per candidate and criterion for each of them."""
    panellists = {str(p).casefold(): str(p) for p in record["panellists"]}
    criteria = {str(c["id"]).casefold(): str(c["id"]) for c in record.get("criteria") or ()}
    candidates = [str(c) for c in record.get("candidates") or ()]
    if not scores:
        raise ScoresError(f"{path}: has no scores; fill in the score column of the panellist's sheet.")
    problems = []
    unknown_panellists = sorted({s.assessor for s in scores if s.assessor.casefold() not in panellists})
    if unknown_panellists:
        problems.append(f"unknown panellist(s) {', '.join(unknown_panellists)} (the sift's panellists are "
                        f"{', '.join(panellists.values())})")
    unknown_criteria = sorted({s.criterion for s in scores if s.criterion.casefold() not in criteria})
    if unknown_criteria:
        problems.append(f"unknown criterion ID(s) {', '.join(unknown_criteria)} (the sift's criteria are "
                        f"{', '.join(criteria.values())})")
    unknown_ids = sorted({s.candidate_id for s in scores} - set(candidates))
    if unknown_ids:
        problems.append(f"unknown candidate ID(s) {', '.join(unknown_ids)} (use the IDs on the sheet)")
    present = {(s.assessor.casefold(), s.candidate_id, s.criterion.casefold()) for s in scores}
    sheet_panellists = sorted({panellists[s.assessor.casefold()] for s in scores if s.assessor.casefold() in panellists})
    missing = [f"{c} for {criteria[k]} by {p}" for p in sheet_panellists for k in criteria for c in candidates
               if (p.casefold(), c, k) not in present]
    if missing:
        shown = ", ".join(missing[:_SHOWN]) + (f" and {len(missing) - _SHOWN} more" if len(missing) > _SHOWN else "")
        problems.append(f"no score for {shown} (every candidate needs a score for every criterion)")
    if problems:
        raise ScoresError(f"{path}: nothing recorded: {'; '.join(problems)}; fix the sheet and run blindrec scores "
                          f"again.")
    return tuple(sheet_panellists)


def _already_recorded(out_dir: Path, path: Path, scores: Sequence[Score], panellists: Sequence[str]) -> bool:
    """True when the sheet repeats its panellists' recorded scores; ScoresLocked when it differs from them."""
    wanted = {p.casefold() for p in panellists}
    recorded = {s.key: s for s in recorded_scores(out_dir) if s.assessor.casefold() in wanted}
    if not recorded:
        return False
    returned = {s.key: s for s in scores}
    changed = sorted(k for k in set(recorded) | set(returned)
                     if k not in recorded or k not in returned or float(recorded[k].score) != float(returned[k].score))
    if not changed:
        return True
    first = returned.get(changed[0]) or recorded[changed[0]]
    candidate_id, assessor, criterion = first.candidate_id, first.assessor, first.criterion
    locked = sorted({recorded[k].assessor for k in recorded})
    raise ScoresLocked(f"{path}: the sheet of {', '.join(locked)} is already recorded and locked, and this second "
                       f"sheet differs from it ({len(changed)} score(s), first {candidate_id} for {criterion} by "
                       f"{assessor}); nothing recorded: correct a genuine mistake with blindrec scores DIR --correct "
                       f"CANDIDATE_ID ASSESSOR CRITERION SCORE --reason TEXT.")


def panellists_waited_for(out_dir: Path) -> list[str]:
    """After a sift, the panellists with no recorded score yet ([] without a sift)."""
    record = read_record(Path(out_dir))
    if record is None:
        return []
    scored = {s.assessor.casefold() for s in recorded_scores(out_dir)}
    return [str(p) for p in record["panellists"] if str(p).casefold() not in scored]
