"""hr/scores.csv: the panel's shortlisting scores, recorded (and so locked) before any reveal.

A scores file has the columns candidate_id, assessor, criterion, score. Recording adds its
rows to those already recorded; a row that would change a recorded score is refused, so
scores cannot be adjusted once identities might be known.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from blindrec.hr.key import read_key

SCORES_FILE = "scores.csv"
SCORE_COLUMNS = ("candidate_id", "assessor", "criterion", "score")


class ScoresError(Exception):
    """A scores file that cannot be recorded; the message names the file and what to fix."""


class ScoresLocked(ScoresError):
    """A scores file that would change scores already recorded."""


@dataclass(frozen=True)
class Score:
    """One assessor's score of one candidate against one criterion."""

    candidate_id: str
    assessor: str
    criterion: str
    score: str
    recorded_at: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        """What a score is for: a candidate, an assessor and a criterion."""
        return self.candidate_id, self.assessor.casefold(), self.criterion.casefold()


@dataclass(frozen=True)
class Recording:
    """What `blindrec scores` did."""

    rows_read: int
    added: int
    total: int
    scored: tuple[str, ...]
    unscored: tuple[str, ...]


def read_scores_csv(path: Path) -> list[Score]:
    """The rows of a scores CSV, checked: known columns, every cell filled, scores numeric."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")  # Excel writes a byte-order mark
    except OSError as error:
        raise ScoresError(f"{path}: cannot be read ({error.strerror}); check the path.") from error
    except UnicodeDecodeError as error:
        raise ScoresError(f"{path}: is not UTF-8 text; save it from Excel as 'CSV UTF-8'.") from error
    try:
        reader = csv.DictReader(io.StringIO(text))
        header = [(name or "").strip().casefold() for name in reader.fieldnames or ()]
        missing = [c for c in SCORE_COLUMNS if c not in header]
        if missing:
            raise ScoresError(f"{path}: the header needs the columns {', '.join(SCORE_COLUMNS)} "
                              f"(missing: {', '.join(missing)}); fix the first line.")
        reader.fieldnames = header
        return [_score(path, number, row) for number, row in enumerate(reader, start=2)
                if any((v or "").strip() for v in row.values() if isinstance(v, str))]
    except csv.Error as error:
        raise ScoresError(f"{path}: is not a readable CSV file ({error}); save it as CSV and try again.") from error


def _score(path: Path, line: int, row: dict) -> Score:
    values = {c: (row.get(c) or "").strip() for c in SCORE_COLUMNS}
    empty = [c for c, v in values.items() if not v]
    if empty:
        raise ScoresError(f"{path}: line {line} has no {', '.join(empty)}; fill it in or delete the line.")
    try:
        float(values["score"])
    except ValueError:
        raise ScoresError(f"{path}: line {line}: the score {values['score']!r} is not a number; "
                          f"use the panel's numeric scale.") from None
    return Score(values["candidate_id"].upper(), values["assessor"], values["criterion"], values["score"])


def recorded_scores(out_dir: Path) -> list[Score]:
    """Scores already recorded in DIR/hr/scores.csv ([] when none)."""
    path = Path(out_dir) / "hr" / SCORES_FILE
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            return [Score(r["candidate_id"], r["assessor"], r["criterion"], r["score"], r.get("recorded_at", ""))
                    for r in csv.DictReader(handle)]
    except FileNotFoundError:
        return []
    except (OSError, KeyError, csv.Error) as error:
        raise ScoresError(f"{path}: cannot be read ({error}); restore it from a backup.") from error


def merge_scores(recorded: Sequence[Score], new: Iterable[Score], source: Path) -> tuple[list[Score], int]:
    """Recorded scores plus the new ones, and how many were added; changed scores are refused."""
    by_key = {score.key: score for score in recorded}
    added = 0
    for score in new:
        earlier = by_key.get(score.key)
        if earlier is None:
            by_key[score.key] = score
            added += 1
        elif float(earlier.score) != float(score.score):
            raise ScoresLocked(f"{source}: the score of {score.candidate_id} for {score.criterion!r} by "
                               f"{score.assessor} was recorded as {earlier.score}; recorded scores are locked "
                               f"and cannot be changed.")
    return sorted(by_key.values(), key=lambda s: s.key), added


def scores_csv(scores: Sequence[Score]) -> str:
    """Recorded scores as CSV text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow((*SCORE_COLUMNS, "recorded_at"))
    writer.writerows((s.candidate_id, s.assessor, s.criterion, s.score, s.recorded_at) for s in scores)
    return buffer.getvalue()


def candidate_ids(out_dir: Path) -> list[str]:
    """Every candidate ID in DIR/hr/key.csv; ScoresError when there is no key."""
    key = Path(out_dir) / "hr" / "key.csv"
    ids = sorted({row["candidate_id"] for row in read_key(key) if row.get("candidate_id")})
    if not ids:
        raise ScoresError(f"{key}: missing or empty; run blindrec anonymise with --out {out_dir} first.")
    return ids


def unscored_candidates(out_dir: Path) -> list[str]:
    """Candidates of the key with no recorded score."""
    scored = {score.candidate_id for score in recorded_scores(out_dir)}
    return [c for c in candidate_ids(out_dir) if c not in scored]


def record_scores(out_dir: Path, scores_file: Path) -> Recording:
    """Add a scores CSV to DIR/hr/scores.csv, and note the run in the audit log."""
    from blindrec.hr.audit import append_audit, audit_record, recorded_rules_sha256
    from blindrec.output import write_private

    out_dir = Path(out_dir)
    known = candidate_ids(out_dir)
    new = read_scores_csv(scores_file)
    unknown = sorted({s.candidate_id for s in new} - set(known))
    if unknown:
        raise ScoresError(f"{scores_file}: unknown candidate ID(s) {', '.join(unknown)}; use the IDs in "
                          f"{out_dir / 'panel'}.")
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    stamped = [Score(s.candidate_id, s.assessor, s.criterion, s.score, now) for s in new]
    merged, added = merge_scores(recorded_scores(out_dir), stamped, scores_file)
    write_private(out_dir / "hr" / SCORES_FILE, scores_csv(merged))
    scored = sorted({s.candidate_id for s in merged})
    recording = Recording(len(new), added, len(merged), tuple(scored), tuple(c for c in known if c not in scored))
    append_audit(out_dir, audit_record("scores", recorded_rules_sha256(out_dir), len(new), {
        "added": added, "total": len(merged), "candidates_scored": len(scored),
        "candidates_unscored": len(recording.unscored)}))
    return recording
