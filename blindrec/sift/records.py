"""What a run's own records say about how the panel scored: for the checklist, instead of typed times.

"Revealed only after scores were locked" comes from hr/audit.jsonl: the last recording of
scores against the first reveal that revealed anyone. "Scored independently before
discussion" comes from a sift's sheets: every panellist's scores recorded (each sheet on its
own) before the first moderation summary was written. Nothing recorded gives None, and the
checklist falls back to what the panel file says.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path


@dataclass(frozen=True)
class RunRecords:
    """Facts about scoring and reveal taken from an output folder's records (None: not recorded there)."""

    scores_locked_at: datetime | None = None
    identities_revealed_at: datetime | None = None
    independent_scoring: bool | None = None


def _moment(text: object) -> datetime | None:
    """An audit time as the checklist's naive UTC datetime."""
    try:
        moment = datetime.fromisoformat(str(text))
    except ValueError:
        return None
    return moment.astimezone(timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment


def run_records(out_dir: Path) -> RunRecords:
    """The scoring and reveal facts recorded in DIR/hr/ (audit log, scores and sift record)."""
    from blindrec.hr.audit import read_audit

    try:
        audit = read_audit(out_dir)
    except ValueError:
        return RunRecords()  # a broken log proves nothing: the typed values stand
    recorded = [_moment(r.get("time")) for r in audit
                if r.get("command") == "scores" and (r.get("outcomes") or {}).get("added")]
    reveals = [_moment(r.get("time")) for r in audit
               if r.get("command") == "reveal" and (r.get("outcomes") or {}).get("revealed")]
    moderations = [_moment(r.get("time")) for r in audit if r.get("command") == "moderate"]
    locked = max((m for m in recorded if m), default=None)
    revealed = min((m for m in reveals if m), default=None)
    return RunRecords(locked, revealed, _independent(out_dir, min((m for m in moderations if m), default=None)))


def _independent(out_dir: Path, first_moderation: datetime | None) -> bool | None:
    """After a sift: True when every panellist's sheet was recorded before the first moderation summary."""
    from blindrec.hr.scores import ScoresError, recorded_scores, sift_panel

    panellists, _ = sift_panel(out_dir)
    if not panellists:
        return None
    try:
        scores = recorded_scores(out_dir)
    except ScoresError:
        return None
    latest: dict[str, datetime] = {}
    for score in scores:
        moment = _moment(score.recorded_at)
        if moment is not None:
            key = score.assessor.casefold()
            latest[key] = max(latest.get(key, moment), moment)
    if any(p.casefold() not in latest for p in panellists):
        return None  # not every sheet is in yet: nothing to judge
    if first_moderation is None:
        return True
    return all(moment <= first_moderation for moment in latest.values())


def with_run_records(panel, out_dir: Path):
    """The panel with its process facts taken from the run's records where they exist (typed values otherwise)."""
    from dataclasses import replace

    records = run_records(out_dir)
    process = panel.process
    changes = {name: value for name, value in (("scores_locked_at", records.scores_locked_at),
                                               ("identities_revealed_at", records.identities_revealed_at),
                                               ("independent_scoring", records.independent_scoring))
               if value is not None}
    return replace(panel, process=replace(process, **changes)) if changes else panel
