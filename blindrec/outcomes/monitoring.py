"""hr/monitoring.csv: equality-monitoring answers by candidate ID, kept apart from the panel.

ATS runs write it (one file per export: monitoring.csv or monitoring-<export>.csv). For
document batches, an HR export keyed by source file or applicant reference is imported into
the same place. Nothing here prints an answer or a row: callers get counts only.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from blindrec.outcomes import OutcomesError

MONITORING_FILE = "monitoring.csv"
# The column that says whose answers a row holds, by its folded header.
_SOURCE_HEADERS = {"source", "source file", "file", "file name", "filename", "document", "cv file"}
_REFERENCE_HEADERS = {"reference", "applicant reference", "applicant ref", "application reference",
                      "application ref", "applicant id", "candidate reference", "ref", "reference number"}


@dataclass(frozen=True)
class MonitoringImport:
    """What `blindrec monitoring` did (counts only)."""

    rows_read: int
    candidates_matched: int
    candidates: int
    questions: int


def monitoring_files(out_dir: Path) -> list[Path]:
    """Every monitoring file of a campaign: hr/monitoring.csv and the per-export monitoring-*.csv."""
    hr = Path(out_dir) / "hr"
    return sorted(p for p in hr.glob("monitoring*.csv") if p.is_file())


def read_monitoring(out_dir: Path) -> dict[str, dict[str, str]]:
    """Per candidate ID, their answers (column: answer) from every monitoring file of the campaign."""
    answers: dict[str, dict[str, str]] = {}
    for path in monitoring_files(out_dir):
        for candidate, given in _read_one(path).items():
            person = answers.setdefault(candidate, {})
            for question, answer in given.items():
                person.setdefault(question, answer)
    return answers


def _unsafe(cell: str) -> str:
    # write_csv puts a ' before cells a spreadsheet would run; answers compare without it.
    return cell[1:] if cell.startswith("'") else cell


def _read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise OutcomesError(f"{path}: cannot be read ({error.strerror}); check the path.") from error
    except UnicodeDecodeError as error:
        raise OutcomesError(f"{path}: is not UTF-8 text; save it from Excel as 'CSV UTF-8'.") from error
    try:
        rows = [row for row in csv.reader(io.StringIO(text))]
    except csv.Error as error:
        raise OutcomesError(f"{path}: is not a readable CSV file ({error}); save it as CSV and try again.") from error
    if not rows:
        raise OutcomesError(f"{path}: is empty; export the monitoring answers with a header line.")
    return [h.strip() for h in rows[0]], [r for r in rows[1:] if any(c.strip() for c in r)]


def _fold(header: str) -> str:
    return " ".join(header.casefold().replace("_", " ").replace("-", " ").split())


def _key_column(path: Path, header: Sequence[str]) -> tuple[int, str]:
    folded = [_fold(h) for h in header]
    for i, name in enumerate(folded):
        if name in _SOURCE_HEADERS:
            return i, "source"
    for i, name in enumerate(folded):
        if name in _REFERENCE_HEADERS:
            return i, "reference"
    raise OutcomesError(f"{path}: needs a column 'source' (the application's file name) or 'reference' "
                        f"(the applicant reference) saying whose answers each line holds; add one.")


def _candidate_index(key_rows: Iterable[Mapping[str, str]]) -> dict[str, set[str]]:
    """Each way a source can be named (its path, its file name, an ATS reference) to candidate IDs."""
    index: dict[str, set[str]] = {}
    for row in key_rows:
        source, candidate = row.get("source", ""), row.get("candidate_id", "")
        if not source or not candidate:
            continue
        names = {source, source.replace("\\", "/").rsplit("/", 1)[-1]}
        if "#" in source:
            names.add("#" + source.rsplit("#", 1)[1])
        for name in names:
            index.setdefault(name.casefold(), set()).add(candidate)
    return index


def _match(value: str, kind: str, index: Mapping[str, set[str]]) -> set[str]:
    folded = value.strip().casefold()
    if kind == "source":
        return set(index.get(folded, ()))
    found = set(index.get("#" + folded, ()))
    if not found:
        # A document batch's reference is in its file names ("APP-0042 CV.pdf").
        for name, candidates in index.items():
            if "#" not in name and "/" not in name and _has_token(name, folded):
                found |= candidates
    return found


def _has_token(name: str, token: str) -> bool:
    return re.search(rf"(?<![a-z0-9]){re.escape(token)}(?![a-z0-9])", name) is not None


def match_rows(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]],
               key_rows: Sequence[Mapping[str, str]]) -> dict[str, dict[str, str]]:
    """Each row's answers under the one candidate ID its source or reference names; refuses any other row."""
    column, kind = _key_column(path, header)
    index = _candidate_index(key_rows)
    questions = [(i, h) for i, h in enumerate(header) if i != column and h]
    matched: dict[str, dict[str, str]] = {}
    for number, row in enumerate(rows, start=2):
        value = row[column].strip() if column < len(row) else ""
        # Line numbers only: the value may be a name in a file name, and the terminal is not HR-only.
        if not value:
            raise OutcomesError(f"{path}: line {number} has no {kind}; fill it in or delete the line.")
        candidates = _match(value, kind, index)
        if len(candidates) != 1:
            problem = "matches no application in the key" if not candidates else "matches several candidates"
            raise OutcomesError(f"{path}: line {number}: its {kind} {problem}; use the file name or reference "
                                f"given to blindrec anonymise.")
        candidate = candidates.pop()
        answers = {h: (row[i].strip() if i < len(row) else "") for i, h in questions}
        if candidate in matched and matched[candidate] != answers:
            raise OutcomesError(f"{path}: line {number} gives one candidate different answers from an earlier "
                                f"line; keep one line per applicant.")
        matched[candidate] = answers
    return matched


def merged_table(existing: Mapping[str, Mapping[str, str]],
                 imported: Mapping[str, Mapping[str, str]]) -> tuple[list[str], list[list[str]]]:
    """hr/monitoring.csv's header and rows: the answers already there, with the imported ones added."""
    questions = list(dict.fromkeys(h for answers in (*existing.values(), *imported.values()) for h in answers))
    people = {c: dict(a) for c, a in existing.items()}
    for candidate, answers in imported.items():
        people.setdefault(candidate, {}).update({h: v for h, v in answers.items() if v})
    rows = [[c, *(people[c].get(q, "") for q in questions)] for c in sorted(people)]
    return ["candidate_id", *questions], rows


def import_monitoring(out_dir: Path, monitoring_file: Path) -> MonitoringImport:
    """Import an HR monitoring export into DIR/hr/monitoring.csv, and note it (counts only) in the audit log."""
    from blindrec.hr.audit import append_audit, audit_record, recorded_rules_sha256
    from blindrec.hr.key import read_key
    from blindrec.output import write_private_with
    from blindrec.tabular.write import safe_cell

    out_dir = Path(out_dir)
    key_rows = read_key(out_dir / "hr" / "key.csv")
    if not key_rows:
        raise OutcomesError(f"{out_dir / 'hr' / 'key.csv'}: missing or empty; run blindrec anonymise with "
                            f"--out {out_dir} first.")
    header, rows = _read_table(monitoring_file)
    imported = match_rows(Path(monitoring_file), header, rows, key_rows)
    target = out_dir / "hr" / MONITORING_FILE
    existing = _read_one(target) if target.exists() else {}
    columns, table = merged_table(existing, imported)

    def write(handle) -> None:
        handle.write("\ufeff")  # as the ATS runs write it: Excel opens it as UTF-8
        writer = csv.writer(handle)
        writer.writerow([safe_cell(c) for c in columns])
        writer.writerows([safe_cell(c) for c in row] for row in table)

    write_private_with(target, write)
    candidates = len({row["candidate_id"] for row in key_rows if row.get("candidate_id")})
    result = MonitoringImport(len(rows), len(imported), candidates, len(columns) - 1)
    append_audit(out_dir, audit_record("monitoring", recorded_rules_sha256(out_dir), len(rows), {
        "candidates_matched": result.candidates_matched, "candidates": candidates, "questions": result.questions}))
    return result


def _read_one(path: Path) -> dict[str, dict[str, str]]:
    header, rows = _read_table(path)
    lower = [h.casefold() for h in header]
    if "candidate_id" not in lower:
        raise OutcomesError(f"{path}: has no candidate_id column; restore it from a backup.")
    column = lower.index("candidate_id")
    return {row[column].strip().upper(): {h: _unsafe(row[i]) if i < len(row) else ""
                                          for i, h in enumerate(header) if i != column}
            for row in rows if column < len(row) and row[column].strip()}
