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
import shutil
import json
from dataclasses import dataclass
from pathlib import Path

from blindrec.hr.scores import SCORES_FILE
from blindrec.outcomes import OutcomesError, PurgeRefused

CAMPAIGN_CONFIG = "campaign.yaml"
DEFAULT_RETENTION_MONTHS = 6
LEGAL_HOLD_NAMES = ("legal-hold", "legal-hold.txt")
DELETION_RECORD = "deletion-record.json"
# Files of hr/ that name or point to people; monitoring*.csv are found by pattern.
PERSONAL_FILES = ("key.csv", "identifiers.json", "identifiers-rows.jsonl", "decisions.csv", "report.json",
                  "report.md", "review.html", "overrides.yaml")
# Folders that hold copies of the key and identifiers: replaced runs' hr files, and the
# scratch spools of an ATS run that was killed.
HISTORY_FOLDER = "history"


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
    from blindrec.hr.audit import append_audit, append_chained, audit_record, recorded_rules_sha256

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
    personal = _personal_files(hr)
    unlinked = _scores_rows(hr / SCORES_FILE)
    result = Purge(tuple(p.relative_to(hr).as_posix() if p.parent == hr or hr in p.parents else p.name for p in personal), unlinked, aggregate_kept, ends,
                   force_reason is not None)
    # The record first: a kill or a full disk part-way leaves a record of what was being
    # deleted, and the next purge finishes the rest.
    _write_deletion_record(hr, result, force_reason)
    scores_text = _unlink_scores(hr / SCORES_FILE)
    for path in personal:
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    outcomes = {"refused": False, "forced": result.forced, "files_deleted": len(personal),
                "scores_unlinked": unlinked, "aggregate_kept": aggregate_kept}
    # Chained like a scores recording, so the rewritten scores file still matches the log.
    append_chained(out_dir, audit_record("purge", rules, 0, outcomes, reason=force_reason,
                                         scores_sha256=_sha256(scores_text) if scores_text is not None else None))
    return result


def _personal_files(hr: Path) -> list[Path]:
    """The files and folders that purge deletes and that are still there (copies of the key included)."""
    from blindrec.tabular.write import SCRATCH_PREFIX

    found = [*(hr / name for name in PERSONAL_FILES), *sorted(hr.glob("monitoring*.csv")), hr / HISTORY_FOLDER,
             *sorted(hr.parent.glob(f"{SCRATCH_PREFIX}*"))]
    return [p for p in found if p.exists()]


def _scores_rows(path: Path) -> int:
    """How many score rows still carry a candidate ID."""
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            return sum(1 for _ in reader) if "candidate_id" in (reader.fieldnames or ()) else 0
    except FileNotFoundError:
        return 0
    except (OSError, csv.Error, UnicodeDecodeError) as error:
        raise OutcomesError(f"{path}: cannot be read ({error}); restore it from a backup, then purge.") from error


def _sha256(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
    from blindrec.outcomes.decisions import recorded_decisions

    if not recorded_decisions(out_dir):
        return False  # no decisions: there is nothing to aggregate
    # Any other problem (unreadable monitoring or decisions) stops the purge before anything
    # is deleted: the campaign's aggregate could never be made again afterwards.
    write_private(target, aggregate_json(outcomes(campaign_counts(out_dir, load_grouping(None)))))
    return True


def _unlink_scores(path: Path) -> str | None:
    """Drop the candidate ID from every recorded score, in an order that regroups nothing by person.

    Returns the scores file's text as it now stands (None when there is none), for the audit chain.
    """
    from blindrec.output import write_private

    try:
        with open(path, newline="", encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise OutcomesError(f"{path}: cannot be read ({error}); restore it from a backup, then purge.") from error
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = list(reader)
    if "candidate_id" not in (reader.fieldnames or ()):
        return text
    columns = [c for c in reader.fieldnames or () if c != "candidate_id"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(sorted([row.get(c, "") for c in columns] for row in rows))
    write_private(path, buffer.getvalue())
    return buffer.getvalue()


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
