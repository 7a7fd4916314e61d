"""hr/audit.jsonl: one line per blindrec run on an output folder, and no personal data in it.

Each line says when, which blindrec and which rules, how many inputs and what came of it
(counts, never names, file names or identifier values), so a council can show afterwards
that the panel saw only anonymised packs and when identities were revealed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path
from typing import Any, Mapping

from blindrec import __version__

AUDIT_FILE = "audit.jsonl"


class AuditError(Exception):
    """An audit log whose chain of recorded scores is broken (edited or cut by hand)."""


def audit_record(command: str, rules_sha256: str, inputs: int, outcomes: Mapping[str, Any],
                 now: dt.datetime | None = None, **extra: Any) -> dict[str, Any]:
    """One audit line as a mapping: time, version, rules hash, input count, outcomes."""
    moment = (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0)
    record = {"time": moment.isoformat(), "command": command, "blindrec_version": __version__,
              "rules_sha256": rules_sha256, "inputs": inputs, "outcomes": dict(outcomes)}
    record.update({key: value for key, value in extra.items() if value is not None})
    return record


def append_audit(out_dir: Path, record: Mapping[str, Any]) -> Path:
    """Append one record to DIR/hr/audit.jsonl, a file only its owner can read."""
    hr = Path(out_dir) / "hr"
    hr.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = hr / AUDIT_FILE
    # O_APPEND keeps earlier lines even if two runs overlap; the file is never rewritten.
    line = json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
    if _ends_mid_line(path):
        line = "\n" + line  # a write cut short by a full disk must not swallow this record
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(descriptor, "a", encoding="utf-8") as handle:
        handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())  # the scores chain relies on this line surviving a power cut
    os.chmod(path, 0o600)
    return path


def _ends_mid_line(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            handle.seek(-1, os.SEEK_END)
            return handle.read(1) != b"\n"
    except OSError:  # no file, or an empty one
        return False


def _line_sha256(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def append_chained(out_dir: Path, record: Mapping[str, Any]) -> Path:
    """Append a record that carries the hash of the audit line before it (a tamper-evident chain)."""
    path = Path(out_dir) / "hr" / AUDIT_FILE
    try:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except FileNotFoundError:
        lines = []
    return append_audit(out_dir, {**record, "previous_sha256": _line_sha256(lines[-1]) if lines else ""})


def last_chained(out_dir: Path, commands: tuple[str, ...]) -> dict[str, Any] | None:
    """The last chained record of these commands, after checking every link; AuditError when broken."""
    path = Path(out_dir) / "hr" / AUDIT_FILE
    try:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise AuditError(f"{path}: cannot be read ({error})") from error
    last = None
    for number, line in enumerate(lines):
        try:
            record = json.loads(line)
        except ValueError:
            # A line cut short by a full disk is no chained record; if it was one once, the
            # record after it no longer matches it, and that is caught below.
            continue
        if not isinstance(record, dict) or record.get("command") not in commands or "previous_sha256" not in record:
            continue
        if record["previous_sha256"] != (_line_sha256(lines[number - 1]) if number else ""):
            raise AuditError(f"{path}: line {number + 1} no longer follows the line before it")
        last = record
    return last


def read_audit(out_dir: Path) -> list[dict[str, Any]]:
    """Every record of DIR/hr/audit.jsonl, oldest first ([] when there is none)."""
    path = Path(out_dir) / "hr" / AUDIT_FILE
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    return [json.loads(line) for line in lines if line.strip()]


def recorded_rules_sha256(out_dir: Path) -> str:
    """The rules hash of the run that wrote the panel (from hr/report.json), or ''."""
    try:
        report = json.loads((Path(out_dir) / "hr" / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    return str(report.get("rules_sha256", "")) if isinstance(report, dict) else ""


def anonymise_record(result, settings, overrides_sha256: str = "", verified: bool = True) -> dict[str, Any]:
    """The audit line of an anonymise run, from its BatchResult."""
    outcomes = {"candidates": len(result.candidates),
                "documents": sum(len(pack.documents) for pack in result.candidates),
                "table_rows": result.table_rows, "failed": len(result.failures),
                # A verification that could not run (hr/identifiers.json broken) is not a verified panel.
                "verified": verified and not any(leak.endswith(": NOT_VERIFIED") for leak in result.leaks),
                "leaks": len(result.leaks), "exit_code": result.exit_code}
    return audit_record("anonymise", settings.rules_sha256, result.inputs, outcomes,
                        overrides_sha256=overrides_sha256 or None)
