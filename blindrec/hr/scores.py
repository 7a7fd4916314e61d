"""hr/scores.csv: the panel's shortlisting scores, recorded (and so locked) before any reveal.

A scores file has the columns candidate_id, assessor, criterion, score (any case). Recording
adds its rows to those already recorded; a row that would change a recorded score is
refused, so scores cannot be adjusted once identities might be known. A genuine mistake is
put right with ``correct_score``, which needs a reason and is recorded in the audit log.

Scores must lie on the panel's scale: DIR/hr/sift.yaml ``scale: {min: 1, max: 5}``, 0-5
when there is no such file.

Every recording is chained into hr/audit.jsonl (blindrec.hr.audit.chained_record): the
hash of hr/scores.csv as written, and of the audit line before it. ``check_scores_file``
refuses a scores file that no longer matches its last recording (edited, appended to or
deleted by hand), and `scores` and `reveal` call it before anything else.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Sequence

from blindrec.hr.key import read_key
from blindrec.safecsv import read_cell, safe_writer

SCORES_FILE = "scores.csv"
SIFT_FILE = "sift.yaml"
SCORE_COLUMNS = ("candidate_id", "assessor", "criterion", "score")
DEFAULT_SCALE = (0.0, 5.0)
# Audit commands that write hr/scores.csv, each line carrying the file's hash.
SCORES_COMMANDS = ("scores", "scores-correct", "purge")  # purge rewrites the file without candidate IDs


class ScoresError(Exception):
    """A scores file that cannot be recorded; the message names the file and what to fix."""


class ScoresLocked(ScoresError):
    """A scores file that would change scores already recorded."""


class ScoresTampered(ScoresLocked):
    """hr/scores.csv no longer matches what blindrec recorded in the audit log."""


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


def score_scale(out_dir: Path) -> tuple[float, float]:
    """The panel's scale from DIR/hr/sift.yaml (``scale: {min, max}``), 0-5 without one."""
    import yaml

    path = Path(out_dir) / "hr" / SIFT_FILE
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        return DEFAULT_SCALE
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ScoresError(f"{path}: cannot be read as YAML ({error}); fix it or delete it for the 0-5 scale.") \
            from error
    scale = config.get("scale") if isinstance(config, dict) else None
    try:
        low, high = float(scale["min"]), float(scale["max"])
        if low >= high:
            raise ValueError
    except (TypeError, KeyError, ValueError):
        raise ScoresError(f"{path}: needs 'scale: {{min: 1, max: 5}}' with min below max; fix the file.") from None
    return low, high


def _header_name(name: str | None) -> str:
    """A header cell as a column name: "Candidate ID" and "candidate_id" are one column."""
    return re.sub(r"[\s\-]+", "_", (name or "").strip()).casefold()


def read_scores_csv(path: Path, scale: tuple[float, float] = DEFAULT_SCALE) -> list[Score]:
    """The rows of a scores CSV, checked; ScoresError lists every bad line, not only the first."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")  # Excel writes a byte-order mark
    except OSError as error:
        raise ScoresError(f"{path}: cannot be read ({error.strerror}); check the path.") from error
    except UnicodeDecodeError as error:
        raise ScoresError(f"{path}: is not UTF-8 text; save it from Excel as 'CSV UTF-8'.") from error
    try:
        reader = csv.DictReader(io.StringIO(text))
        header = [_header_name(name) for name in reader.fieldnames or ()]
        missing = [c for c in SCORE_COLUMNS if c not in header]
        if missing:
            raise ScoresError(f"{path}: the header needs the columns {', '.join(SCORE_COLUMNS)} "
                              f"(missing: {', '.join(missing)}); fix the first line.")
        reader.fieldnames = header
        rows = [(number, row) for number, row in enumerate(reader, start=2)
                if any((v or "").strip() for v in row.values() if isinstance(v, str))]
    except csv.Error as error:
        raise ScoresError(f"{path}: is not a readable CSV file ({error}); save it as CSV and try again.") from error
    scores, problems = [], []
    seen: dict[tuple[str, str, str], tuple[int, Score]] = {}
    for number, row in rows:
        score, problem = _score(number, row, scale)
        if score is not None and score.key in seen and float(seen[score.key][1].score) != float(score.score):
            problem = (f"line {number} scores {score.candidate_id} for {score.criterion!r} by {score.assessor} "
                       f"again, differently from line {seen[score.key][0]}")
        if problem:
            problems.append(problem)
        elif score.key not in seen:
            seen[score.key] = (number, score)
            scores.append(score)
    if problems:
        raise ScoresError(f"{path}: {len(problems)} bad row(s), nothing recorded: {'; '.join(problems)}; "
                          f"fix them and run again.")
    return scores


def _score(line: int, row: dict, scale: tuple[float, float]) -> tuple[Score | None, str]:
    values = {c: (row.get(c) or "").strip() for c in SCORE_COLUMNS}
    empty = [c for c, v in values.items() if not v]
    if empty:
        return None, f"line {line} has no {', '.join(empty)}"
    problem = score_problem(values["score"], scale)
    if problem:
        return None, f"line {line}: {problem}"
    return Score(values["candidate_id"].upper(), values["assessor"], values["criterion"], values["score"]), ""


def score_problem(value: str, scale: tuple[float, float]) -> str:
    """Why a score cannot be recorded on this scale ('' when it can)."""
    try:
        number = float(value)
    except ValueError:
        return f"the score {value!r} is not a number; use the panel's numeric scale"
    if not scale[0] <= number <= scale[1]:
        return f"the score {value} is outside the scale {scale[0]:g}-{scale[1]:g}"
    return ""


def recorded_scores(out_dir: Path) -> list[Score]:
    """Scores already recorded in DIR/hr/scores.csv ([] when none)."""
    path = Path(out_dir) / "hr" / SCORES_FILE
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            return [Score(*(read_cell(r[c]) for c in SCORE_COLUMNS), read_cell(r.get("recorded_at") or ""))
                    for r in csv.DictReader(handle)]
    except FileNotFoundError:
        return []
    except (OSError, KeyError, TypeError, csv.Error, UnicodeDecodeError) as error:
        raise ScoresError(f"{path}: cannot be read ({error}); restore it from a backup.") from error


def merge_scores(recorded: Sequence[Score], new: Iterable[Score], source: Path) -> tuple[list[Score], int]:
    """Recorded scores plus the new ones, and how many were added; changed scores are refused."""
    by_key = {score.key: score for score in recorded}
    assessors = {score.assessor.casefold(): score.assessor for score in recorded}
    added = 0
    for score in new:
        # An assessor keeps the spelling first recorded: "a1" is "A1".
        score = replace(score, assessor=assessors.setdefault(score.assessor.casefold(), score.assessor))
        earlier = by_key.get(score.key)
        if earlier is None:
            by_key[score.key] = score
            added += 1
        elif float(earlier.score) != float(score.score):
            raise ScoresLocked(f"{source}: the score of {score.candidate_id} for {score.criterion!r} by "
                               f"{score.assessor} was recorded as {earlier.score}; recorded scores are locked: "
                               f"correct a genuine mistake with blindrec scores DIR --correct "
                               f"{score.candidate_id} ASSESSOR CRITERION SCORE --reason TEXT.")
    return sorted(by_key.values(), key=lambda s: s.key), added


def scores_csv(scores: Sequence[Score]) -> str:
    """Recorded scores as CSV text, every cell safe to open in a spreadsheet."""
    buffer = io.StringIO()
    writer = safe_writer(buffer, lineterminator="\n")  # an assessor or criterion can start a formula
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
    """Candidates of the key with no recorded score; ScoresTampered when hr/scores.csv was edited.

    After a sift (hr/sift.yaml lists panellists and criteria) a candidate counts as scored
    only with a score from every panellist for every criterion.
    """
    check_scores_file(out_dir)
    recorded = recorded_scores(out_dir)
    scored = {score.candidate_id for score in recorded}
    panellists, criteria = sift_panel(out_dir)
    if panellists and criteria:
        have = {score.key for score in recorded}
        scored = {c for c in scored
                  if all((c, p.casefold(), k.casefold()) in have for p in panellists for k in criteria)}
    return [c for c in candidate_ids(out_dir) if c not in scored]


def sift_panel(out_dir: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The panellists and criterion IDs of the sift in DIR/hr/sift.yaml (empty without a sift).

    A sift record that exists but cannot be read is an error, not "no sift": reveal would
    otherwise count a candidate scored by one panellist as scored by all.
    """
    import yaml

    path = Path(out_dir) / "hr" / SIFT_FILE
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return (), ()
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ScoresError(f"{path}: cannot be read ({error}); run blindrec sift again to rewrite it.") from error
    if not isinstance(config, dict) or not isinstance(config.get("panellists"), list):
        raise ScoresError(f"{path}: lists no panellists; run blindrec sift again to rewrite it.")
    criteria = [c.get("id") for c in config.get("criteria") or () if isinstance(c, dict)]
    return tuple(str(p) for p in config["panellists"]), tuple(str(c) for c in criteria if c is not None)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_scores_file(out_dir: Path) -> None:
    """Refuse (ScoresTampered) a hr/scores.csv that is not exactly what the audit log last recorded."""
    from blindrec.hr.audit import AuditError, last_chained

    path = Path(out_dir) / "hr" / SCORES_FILE
    try:
        last = last_chained(out_dir, SCORES_COMMANDS)
    except AuditError as error:
        raise ScoresTampered(f"{error}; the scores cannot be trusted: restore hr/ from a backup.") from error
    try:
        current = _sha256(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        current = None
    except (OSError, UnicodeDecodeError) as error:
        raise ScoresError(f"{path}: cannot be read ({error}); restore it from a backup.") from error
    expected = last.get("scores_sha256") if last else None
    if current == expected:
        return
    if expected and _finish_pending(path, expected):
        return  # a run killed between its audit record and the rename: finished now
    if last is None and current is not None and _recorded_before_the_chain(out_dir):
        return  # scored with a blindrec that kept no chain: the next recording starts one
    if current is None:
        problem = "was deleted after scores were recorded"
    elif expected is None:
        problem = "was not written by blindrec scores"
    else:
        problem = "was changed by hand after it was recorded"
    raise ScoresTampered(f"{path}: {problem} (it no longer matches hr/audit.jsonl), so the recorded scores "
                         f"cannot be trusted; restore it from a backup, and use blindrec scores --correct for "
                         f"genuine mistakes.")


def _recorded_before_the_chain(out_dir: Path) -> bool:
    """Whether the audit log holds scores recordings from before the chain (no scores hash)."""
    from blindrec.hr.audit import read_audit

    try:
        records = read_audit(out_dir)
    except ValueError:
        return False
    return any(isinstance(r, dict) and r.get("command") in SCORES_COMMANDS and "scores_sha256" not in r
               for r in records)


def _finish_pending(path: Path, expected: str) -> bool:
    """Put a pending scores file in place when it is the one the audit log last recorded."""
    pending = _pending(path)
    try:
        if _sha256(pending.read_bytes().decode("utf-8")) != expected:
            return False
        os.replace(pending, path)
    except (OSError, UnicodeDecodeError):
        return False
    return True


def _save(out_dir: Path, scores: Sequence[Score], command: str, inputs: int, outcomes: dict,
          reason: str | None = None) -> None:
    """Write hr/scores.csv and chain its hash into the audit log."""
    from blindrec.hr.audit import append_chained, audit_record, recorded_rules_sha256
    from blindrec.output import write_private

    text = scores_csv(scores)
    path = Path(out_dir) / "hr" / SCORES_FILE
    pending = _pending(path)
    # The new file waits beside the old one until the audit log vouches for it: a full disk or
    # a kill leaves the old file with its record, or the new file with its record (finished by
    # check_scores_file), never a file the log does not know.
    try:
        write_private(pending, text)
        append_chained(out_dir, audit_record(command, recorded_rules_sha256(out_dir), inputs, outcomes,
                                             reason=reason, scores_sha256=_sha256(text)))
    except OSError as error:
        pending.unlink(missing_ok=True)
        raise ScoresError(f"{Path(out_dir) / 'hr'}: cannot be written ({error.strerror or error}); make the "
                          f"output folder writable and record the scores again.") from error
    os.replace(pending, path)


def _pending(path: Path) -> Path:
    """Where a new scores file waits for its audit record."""
    return path.with_name(f".{path.name}.pending")


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


def record_scores(out_dir: Path, scores_file: Path) -> Recording:
    """Add a scores CSV to DIR/hr/scores.csv, and note the run in the audit log."""
    out_dir = Path(out_dir)
    known = candidate_ids(out_dir)
    check_scores_file(out_dir)
    new = read_scores_csv(scores_file, score_scale(out_dir))
    unknown = sorted({s.candidate_id for s in new} - set(known))
    if unknown:
        raise ScoresError(f"{scores_file}: unknown candidate ID(s) {', '.join(unknown)}; use the IDs in "
                          f"{out_dir / 'panel'}.")
    now = _now()
    stamped = [replace(s, recorded_at=now) for s in new]
    merged, added = merge_scores(recorded_scores(out_dir), stamped, scores_file)
    scored = sorted({s.candidate_id for s in merged})
    recording = Recording(len(new), added, len(merged), tuple(scored), tuple(c for c in known if c not in scored))
    _save(out_dir, merged, "scores", len(new), {
        "added": added, "total": len(merged), "candidates_scored": len(scored),
        "candidates_unscored": len(recording.unscored)})
    return recording


def correct_score(out_dir: Path, candidate_id: str, assessor: str, criterion: str, score: str,
                  reason: str) -> Score:
    """Change one recorded score, with HR's reason recorded in the audit log; the earlier score."""
    out_dir = Path(out_dir)
    scores_path = out_dir / "hr" / SCORES_FILE
    if not reason.strip():
        raise ScoresError("--correct needs --reason TEXT saying why the recorded score was wrong.")
    check_scores_file(out_dir)
    problem = score_problem(score.strip(), score_scale(out_dir))
    if problem:
        raise ScoresError(f"--correct: {problem}.")
    wanted = Score(candidate_id.strip().upper(), assessor.strip(), criterion.strip(), score.strip())
    recorded = recorded_scores(out_dir)
    earlier = next((s for s in recorded if s.key == wanted.key), None)
    if earlier is None:
        raise ScoresError(f"{scores_path}: no recorded score of {wanted.candidate_id} for {wanted.criterion!r} by "
                          f"{wanted.assessor}; record new scores with blindrec scores DIR FILE.csv.")
    corrected = replace(earlier, score=wanted.score, recorded_at=_now())
    merged = sorted([corrected if s.key == wanted.key else s for s in recorded], key=lambda s: s.key)
    # The audit log holds no names or candidate IDs: the change and HR's reason only.
    _save(out_dir, merged, "scores-correct", 1, {"previous_score": earlier.score, "score": corrected.score,
                                                 "total": len(merged)}, reason=reason.strip())
    return earlier
