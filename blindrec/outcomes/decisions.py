"""hr/decisions.csv: the stages each candidate reached, recorded by candidate ID like the scores.

A decisions file has the columns candidate_id and stage, and optionally date (YYYY-MM-DD,
the day the decision was made). Recording adds to what is recorded; a recorded stage is
never removed or re-dated, so shortlisting recorded blind stays as it was decided.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from blindrec.outcomes import OutcomesError

DECISIONS_FILE = "decisions.csv"
# Selection stages in order: reaching one means having reached those before it.
STAGES = ("shortlisted", "interviewed", "offered", "appointed")
WITHDREW = "withdrew"
ALL_STAGES = (*STAGES, WITHDREW)
_SPELLINGS = {"shortlist": "shortlisted", "interview": "interviewed", "offer": "offered",
              "appoint": "appointed", "appointment": "appointed", "hired": "appointed",
              "withdrawn": WITHDREW, "withdraw": WITHDREW, "withdrawal": WITHDREW}
REQUIRED = ("candidate_id", "stage")


@dataclass(frozen=True)
class Decision:
    """One stage one candidate reached, with the day it was decided and when it was recorded."""

    candidate_id: str
    stage: str
    date: str = ""
    recorded_at: str = ""

    @property
    def day(self) -> dt.date:
        """The day of the decision: its own date, else the day it was recorded."""
        return dt.date.fromisoformat(self.date or self.recorded_at[:10])


@dataclass(frozen=True)
class DecisionRecording:
    """What `blindrec decisions` did (counts only)."""

    rows_read: int
    added: int
    total: int
    candidates: int
    with_decisions: int
    after_reveal: bool


def read_decisions_csv(path: Path, today: dt.date | None = None) -> list[Decision]:
    """The rows of a decisions CSV, checked: known columns, known stages, real past dates."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")  # Excel writes a byte-order mark
    except OSError as error:
        raise OutcomesError(f"{path}: cannot be read ({error.strerror}); check the path.") from error
    except UnicodeDecodeError as error:
        raise OutcomesError(f"{path}: is not UTF-8 text; save it from Excel as 'CSV UTF-8'.") from error
    try:
        reader = csv.DictReader(io.StringIO(text))
        header = [(name or "").strip().casefold() for name in reader.fieldnames or ()]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise OutcomesError(f"{path}: the header needs the columns candidate_id, stage (and optionally date) "
                                f"(missing: {', '.join(missing)}); fix the first line.")
        reader.fieldnames = header
        rows = [_decision(path, number, row, today or dt.date.today())
                for number, row in enumerate(reader, start=2)
                if any((v or "").strip() for v in row.values() if isinstance(v, str))]
    except csv.Error as error:
        raise OutcomesError(f"{path}: is not a readable CSV file ({error}); save it as CSV and try again.") from error
    if not rows:
        raise OutcomesError(f"{path}: has no decisions; add one line per candidate and stage.")
    return rows


def _decision(path: Path, line: int, row: Mapping[str, str | None], today: dt.date) -> Decision:
    candidate_id = (row.get("candidate_id") or "").strip().upper()
    written = (row.get("stage") or "").strip()
    if not candidate_id or not written:
        raise OutcomesError(f"{path}: line {line} has no {'candidate_id' if not candidate_id else 'stage'}; "
                            f"fill it in or delete the line.")
    stage = _SPELLINGS.get(written.casefold(), written.casefold())
    if stage not in ALL_STAGES:
        raise OutcomesError(f"{path}: line {line}: the stage {written!r} is not one of {', '.join(ALL_STAGES)}; "
                            f"use one of those words.")
    date = (row.get("date") or "").strip()
    if date:
        try:
            day = dt.date.fromisoformat(date)
        except ValueError:
            raise OutcomesError(f"{path}: line {line}: the date {date!r} is not a date like 2026-03-31; "
                                f"write it as YYYY-MM-DD.") from None
        if day > today:
            raise OutcomesError(f"{path}: line {line}: the date {date} is in the future; record decisions "
                                f"once they are made.")
    return Decision(candidate_id, stage, date)


def recorded_decisions(out_dir: Path) -> list[Decision]:
    """Decisions already recorded in DIR/hr/decisions.csv ([] when none)."""
    path = Path(out_dir) / "hr" / DECISIONS_FILE
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            return [Decision(r["candidate_id"], r["stage"], r.get("date", ""), r.get("recorded_at", ""))
                    for r in csv.DictReader(handle)]
    except FileNotFoundError:
        return []
    except (OSError, KeyError, csv.Error, UnicodeDecodeError) as error:
        raise OutcomesError(f"{path}: cannot be read ({error}); restore it from a backup.") from error


def merge_decisions(recorded: Sequence[Decision], new: Iterable[Decision],
                    source: Path) -> tuple[list[Decision], int]:
    """Recorded decisions plus the new ones, and how many were added; a re-dated decision is refused."""
    by_key = {(d.candidate_id, d.stage): d for d in recorded}
    added = 0
    for decision in new:
        earlier = by_key.get((decision.candidate_id, decision.stage))
        if earlier is None:
            by_key[(decision.candidate_id, decision.stage)] = decision
            added += 1
        elif decision.date and earlier.date and decision.date != earlier.date:
            raise OutcomesError(f"{source}: {decision.candidate_id} was recorded as {decision.stage} on "
                                f"{earlier.date}; recorded decisions are locked and cannot be re-dated.")
    ordered = sorted(by_key.values(), key=lambda d: (d.candidate_id, ALL_STAGES.index(d.stage)))
    return ordered, added


def decisions_csv(decisions: Sequence[Decision]) -> str:
    """Recorded decisions as CSV text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(("candidate_id", "stage", "date", "recorded_at"))
    writer.writerows((d.candidate_id, d.stage, d.date, d.recorded_at) for d in decisions)
    return buffer.getvalue()


def stages_reached(decisions: Iterable[Decision]) -> dict[str, frozenset[str]]:
    """Per candidate ID, every stage reached: a later selection stage implies the earlier ones."""
    reached: dict[str, set[str]] = {}
    for decision in decisions:
        stages = reached.setdefault(decision.candidate_id, set())
        if decision.stage == WITHDREW:
            stages.add(WITHDREW)
        else:
            stages.update(STAGES[:STAGES.index(decision.stage) + 1])
    return {candidate: frozenset(stages) for candidate, stages in reached.items()}


def last_decision_day(out_dir: Path) -> dt.date | None:
    """The day of the campaign's last recorded decision, or None when none is recorded."""
    days = [decision.day for decision in recorded_decisions(out_dir)]
    return max(days) if days else None


def record_decisions(out_dir: Path, decisions_file: Path) -> DecisionRecording:
    """Add a decisions CSV to DIR/hr/decisions.csv, and note the run (counts only) in the audit log."""
    from blindrec.hr.audit import append_audit, audit_record, read_audit, recorded_rules_sha256
    from blindrec.hr.scores import ScoresError, candidate_ids
    from blindrec.output import write_private

    out_dir = Path(out_dir)
    try:
        known = candidate_ids(out_dir)
    except ScoresError as error:
        raise OutcomesError(str(error)) from error
    new = read_decisions_csv(decisions_file)
    unknown = sorted({d.candidate_id for d in new} - set(known))
    if unknown:
        raise OutcomesError(f"{decisions_file}: unknown candidate ID(s) {', '.join(unknown)}; use the IDs in "
                            f"{out_dir / 'panel'}.")
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    stamped = [Decision(d.candidate_id, d.stage, d.date, now) for d in new]
    merged, added = merge_decisions(recorded_decisions(out_dir), stamped, decisions_file)
    write_private(out_dir / "hr" / DECISIONS_FILE, decisions_csv(merged))
    # Shortlisting is meant to be decided blind: the audit line says whether anyone was revealed first.
    after_reveal = any(record.get("command") == "reveal" for record in read_audit(out_dir))
    reached = stages_reached(merged)
    recording = DecisionRecording(len(new), added, len(merged), len(known), len(reached), after_reveal)
    stage_counts = {stage: sum(stage in s for s in reached.values()) for stage in ALL_STAGES}
    append_audit(out_dir, audit_record("decisions", recorded_rules_sha256(out_dir), len(new), {
        "added": added, "total": len(merged), "candidates_with_decisions": len(reached),
        "after_reveal": after_reveal, "stages": stage_counts}))
    return recording
