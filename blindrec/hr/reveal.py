"""Turn shortlisted candidate IDs back into people, for HR, once the scores are locked.

For each ID: its source file(s) from hr/key.csv and the contact details blindrec found
there (hr/identifiers.json, or hr/identifiers-rows.jsonl for ATS rows). The candidate's own email is the one that spells their name;
phone numbers and postcodes are every one found, as a referee's may be among them.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from blindrec.hr.identifiers import identifiers_of
from blindrec.hr.key import read_key
from blindrec.safecsv import safe_writer

REVEAL_COLUMNS = ("candidate_id", "source", "email", "phone", "postcode", "address")


class RevealError(Exception):
    """A reveal that cannot be done as asked; the message says what to do."""


class RevealRefused(RevealError):
    """A reveal refused because the panel's scores are not all recorded."""


@dataclass(frozen=True)
class Revealed:
    """One candidate's identity as HR needs it for letters and calls."""

    candidate_id: str
    sources: tuple[str, ...]
    email: str
    phones: tuple[str, ...]
    postcodes: tuple[str, ...]
    address: str

    def row(self) -> tuple[str, ...]:
        """The candidate as one row of REVEAL_COLUMNS, each cell on one line."""
        cells = (self.candidate_id, "; ".join(self.sources), self.email, "; ".join(self.phones),
                 "; ".join(self.postcodes), self.address)
        return tuple(re.sub(r"\s*\n\s*", ", ", cell).strip() for cell in cells)


def reveal(out_dir: Path, ids: Sequence[str], force_reason: str | None = None) -> list[Revealed]:
    """The shortlisted candidates, refused until every candidate has scores unless forced with a reason."""
    from blindrec.hr.audit import audit_record, recorded_rules_sha256
    from blindrec.hr.scores import ScoresError, ScoresTampered, unscored_candidates

    out_dir = Path(out_dir)
    wanted = list(dict.fromkeys(i.strip().upper() for i in ids))
    key = read_key(out_dir / "hr" / "key.csv")
    sources: dict[str, list[str]] = {}
    for row in key:
        sources.setdefault(row.get("candidate_id", ""), []).append(row.get("source", ""))
    if not key:
        raise RevealError(f"{out_dir / 'hr' / 'key.csv'}: missing or empty; check DIR is a blindrec output folder.")
    unknown = [i for i in wanted if i not in sources]
    if unknown:
        raise RevealError(f"unknown candidate ID(s) {', '.join(unknown)}; see {out_dir / 'hr' / 'key.csv'}.")
    try:
        unscored = unscored_candidates(out_dir)
    except ScoresTampered as error:  # refused even with --force: the lock itself is in doubt
        _record(out_dir, audit_record("reveal", recorded_rules_sha256(out_dir), len(wanted),
                                           {"requested": len(wanted), "revealed": 0, "refused": True,
                                            "scores_tampered": True}))
        raise RevealRefused(str(error)) from error
    except ScoresError as error:
        raise RevealError(str(error)) from error
    audit = {"requested": len(wanted), "unscored_candidates": len(unscored), "forced": force_reason is not None}
    rules = recorded_rules_sha256(out_dir)
    if unscored and force_reason is None:
        _record(out_dir, audit_record("reveal", rules, len(wanted), {**audit, "revealed": 0, "refused": True}))
        raise RevealRefused(f"scores are not recorded for {len(unscored)} candidate(s) ({', '.join(unscored)}); "
                            f"record them first with: blindrec scores {out_dir} FILE.csv "
                            f"(or use --force --reason TEXT, which the audit log records).")
    identifiers = identifiers_of(out_dir, wanted)
    revealed = [_revealed(i, sources[i], identifiers.get(i, {})) for i in wanted]
    _record(out_dir, audit_record("reveal", rules, len(wanted), {**audit, "revealed": len(revealed),
                                                                      "refused": False},
                                       reason=force_reason))
    return revealed


def _record(out_dir: Path, record) -> None:
    """Note a reveal in the audit log; no reveal goes unrecorded (RevealError when it cannot be written)."""
    from blindrec.hr.audit import append_audit

    try:
        append_audit(out_dir, record)
    except OSError as error:
        raise RevealError(f"{out_dir / 'hr' / 'audit.jsonl'}: cannot be written ({error.strerror or error}), and "
                          f"no reveal goes unrecorded; make the folder writable and try again.") from error


def _revealed(candidate_id: str, sources: Sequence[str], found: Mapping[str, Sequence[str]]) -> Revealed:
    emails = list(found.get("CANDIDATE_EMAIL") or ())
    if not emails and len(found.get("EMAIL_ADDRESS") or ()) == 1:
        emails = list(found["EMAIL_ADDRESS"])  # the only address in the application is theirs
    addresses = sorted((a for a in found.get("STREET_ADDRESS") or () if re.search(r"\d", a)), key=len, reverse=True)
    return Revealed(candidate_id, tuple(sources), "; ".join(emails), tuple(found.get("PHONE_NUMBER") or ()),
                    tuple(found.get("UK_POSTCODE") or ()), addresses[0] if addresses else "")


def revealed_csv(rows: Sequence[Revealed]) -> str:
    """The revealed candidates as CSV, for a mail merge."""
    buffer = io.StringIO()
    writer = safe_writer(buffer, lineterminator="\n")  # a phone or address can start a formula
    writer.writerow(REVEAL_COLUMNS)
    writer.writerows(r.row() for r in rows)
    return buffer.getvalue()


def revealed_table(rows: Sequence[Revealed]) -> str:
    """The revealed candidates as an aligned text table, for reading."""
    table = [REVEAL_COLUMNS, *(r.row() for r in rows)]
    widths = [max(len(row[i]) for row in table) for i in range(len(REVEAL_COLUMNS))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in table]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines) + "\n"
