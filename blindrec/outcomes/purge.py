"""Retention: once a campaign's period has passed, delete what links it to people and keep the rest.

Deleted: the key, the identifier lists, the monitoring rows, the decisions by candidate ID,
the scores' candidate IDs, and every stored original path (report.json/.md, review.html,
overrides.yaml). Kept: the suppressed aggregate (written first, so the campaign can still be
pooled), the audit log and a deletion record. Panel packs (panel/) are not touched.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path

from blindrec.outcomes import OutcomesError, PurgeRefused

CAMPAIGN_CONFIG = "campaign.yaml"
DEFAULT_RETENTION_MONTHS = 6
LEGAL_HOLD_NAMES = ("legal-hold", "legal-hold.txt")
DELETION_RECORD = "deletion-record.json"
# Files of hr/ that name or point to people; monitoring*.csv are found by pattern.
PERSONAL_FILES = ("key.csv", "identifiers.json", "identifiers-rows.jsonl", "decisions.csv", "report.json",
                  "report.md", "review.html", "overrides.yaml")
SCORES_FILE = "scores.csv"


@dataclass(frozen=True)
class Purge:
    """What `blindrec purge` did: files deleted, score rows unlinked, the day retention ended."""

    deleted: tuple[str, ...]
    scores_unlinked: int
    aggregate_kept: bool
    retention_ended: dt.date | None
    forced: bool


def retention_months(out_dir: Path) -> int:
    """The campaign's retention period in months, from DIR/hr/campaign.yaml (default 6)."""
    import yaml

    path = Path(out_dir) / "hr" / CAMPAIGN_CONFIG
    if not path.exists():
        return DEFAULT_RETENTION_MONTHS
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise OutcomesError(f"{path}: cannot be read as YAML ({error}); fix the file.") from error
    months = config.get("retention_months", DEFAULT_RETENTION_MONTHS) if isinstance(config, dict) else None
    if not isinstance(months, int) or isinstance(months, bool) or months < 0:
        raise OutcomesError(f"{path}: retention_months must be a whole number of months (e.g. 6); fix the file.")
    return months


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day some months later (the month's last day when it has no such day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def legal_hold(out_dir: Path) -> Path | None:
    """The legal-hold file of a campaign (DIR/legal-hold or DIR/hr/legal-hold, .txt or not), if any."""
    for folder in (Path(out_dir), Path(out_dir) / "hr"):
        for name in LEGAL_HOLD_NAMES:
            if (folder / name).exists():
                return folder / name
    return None


def retention_end(out_dir: Path) -> dt.date | None:
    """The day the retention period ends: the last decision plus the campaign's months (None: no decisions)."""
    from blindrec.outcomes.decisions import last_decision_day

    last = last_decision_day(out_dir)
    return None if last is None else add_months(last, retention_months(out_dir))


def purge(out_dir: Path, force_reason: str | None = None, today: dt.date | None = None) -> Purge:
    """Delete a campaign's personal data once its retention has passed (or when forced with a reason)."""
    from blindrec.hr.audit import append_audit, audit_record, recorded_rules_sha256

    out_dir = Path(out_dir)
    hr = out_dir / "hr"
    if not hr.is_dir():
        raise OutcomesError(f"{out_dir}: has no hr/ folder; give the folder blindrec anonymise wrote.")
    rules = recorded_rules_sha256(out_dir)
    today = today or dt.date.today()
    if not _personal_files(hr) and not _scores_linked(hr / SCORES_FILE):
        return Purge((), 0, (hr / "outcomes-aggregate.json").exists(), None, False)  # purged before
    ends = retention_end(out_dir)
    refusal = _refusal(out_dir, ends, today, force_reason)
    if refusal:
        append_audit(out_dir, audit_record("purge", rules, 0, {"refused": True, "forced": force_reason is not None}))
        raise PurgeRefused(refusal)
    aggregate_kept = _keep_aggregate(out_dir)
    unlinked = _unlink_scores(hr / SCORES_FILE)
    deleted = []
    for path in _personal_files(hr):
        path.unlink()
        deleted.append(path.name)
    result = Purge(tuple(deleted), unlinked, aggregate_kept, ends, force_reason is not None)
    _write_deletion_record(hr, result, force_reason)
    append_audit(out_dir, audit_record("purge", rules, 0, {
        "refused": False, "forced": result.forced, "files_deleted": len(deleted),
        "scores_unlinked": unlinked, "aggregate_kept": aggregate_kept}, reason=force_reason))
    return result


def _personal_files(hr: Path) -> list[Path]:
    """The files of hr/ that purge deletes and that are still there."""
    return [p for p in [*(hr / name for name in PERSONAL_FILES), *sorted(hr.glob("monitoring*.csv"))] if p.exists()]


def _scores_linked(path: Path) -> bool:
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            return "candidate_id" in next(csv.reader(handle), [])
    except (OSError, csv.Error, UnicodeDecodeError):
        return False


def _refusal(out_dir: Path, ends: dt.date | None, today: dt.date, force_reason: str | None) -> str:
    hold = legal_hold(out_dir)
    if hold is not None:
        # A hold is lifted by removing its file, deliberately: --force does not override it.
        return f"{hold}: a legal hold is in place; nothing was deleted (remove the file once the hold is lifted)."
    if force_reason is not None:
        return ""
    if ends is None:
        return (f"{out_dir}: no decisions are recorded, so the retention period cannot be worked out; record "
                f"them with blindrec decisions, or use --force --reason TEXT.")
    if today < ends:
        return (f"{out_dir}: the retention period ends on {ends.isoformat()}; nothing was deleted (use --force "
                f"--reason TEXT to delete earlier, which the audit log records).")
    return ""


def _keep_aggregate(out_dir: Path) -> bool:
    """Write hr/outcomes-aggregate.json from the campaign before its monitoring rows go."""
    from blindrec.outcomes.aggregate import KEPT_AGGREGATE, aggregate_json
    from blindrec.outcomes.groups import load_grouping
    from blindrec.outcomes.stats import campaign_counts, outcomes
    from blindrec.output import write_private

    target = out_dir / "hr" / KEPT_AGGREGATE
    if not (out_dir / "hr" / "key.csv").exists():
        return target.exists()  # purged before: the aggregate written then is kept
    try:
        counts = campaign_counts(out_dir, load_grouping(None))
    except OutcomesError:
        return False  # no decisions: there is nothing to aggregate
    write_private(target, aggregate_json(outcomes(counts)))
    return True


def _unlink_scores(path: Path) -> int:
    """Drop the candidate ID from every recorded score, in an order that regroups nothing by person."""
    from blindrec.output import write_private

    try:
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
            columns = [c for c in reader.fieldnames or () if c != "candidate_id"]
    except FileNotFoundError:
        return 0
    except (OSError, csv.Error, UnicodeDecodeError) as error:
        raise OutcomesError(f"{path}: cannot be read ({error}); restore it from a backup, then purge.") from error
    if "candidate_id" not in (reader.fieldnames or ()):
        return 0
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(sorted([row.get(c, "") for c in columns] for row in rows))
    write_private(path, buffer.getvalue())
    return len(rows)


def _write_deletion_record(hr: Path, result: Purge, force_reason: str | None) -> None:
    from blindrec.output import write_private

    path = hr / DELETION_RECORD
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        records = []
    records = records if isinstance(records, list) else [records]
    records.append({"time": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
                    "retention_ended": result.retention_ended.isoformat() if result.retention_ended else None,
                    "forced": result.forced, "reason": force_reason, "deleted": list(result.deleted),
                    "scores_unlinked": result.scores_unlinked, "aggregate_kept": result.aggregate_kept,
                    "kept": sorted({DELETION_RECORD, *(p.name for p in hr.iterdir() if p.is_file())})})
    write_private(path, json.dumps(records, indent=2, ensure_ascii=False) + "\n")
