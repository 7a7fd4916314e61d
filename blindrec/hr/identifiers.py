"""HR's record of what identified each candidate, and an on-disk index of it for verification.

Two files, both HR-only (0600):

    hr/identifiers.json        documents' candidates: {candidate_id: {kind: [values]}}
    hr/identifiers-rows.jsonl  ATS rows, one JSON object a line:
                               {"candidate_id": "C-7K2Q", "identifiers": {kind: [values]}}

Why two: a document batch is small and read whole, but an ATS export can hold 100,000
applicants. Their identifiers are written a line at a time while the rows stream, and every
reader streams them back, so no process ever holds all of them.

``RowIndex`` is what `blindrec verify` looks ATS applicants up in: a private temporary SQLite
file built from the JSON Lines, holding each row's identifiers by candidate ID and every
exact value (email, phone, postcode...) under a normalised key, so a panel row is checked by
looking up the values it carries instead of searching it for everyone's values.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import tempfile
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from blindrec.detect.fold import WORD, fold, phone_key
from blindrec.entities import EXACT_KINDS, NAME_KINDS

IDENTIFIERS_FILE = "identifiers.json"
ROW_IDENTIFIERS_FILE = "identifiers-rows.jsonl"

# Kinds whose values identify one person wherever they appear, and how each is normalised:
# the same comparisons hr/verify.py makes ("digits": last ten digits, "squashed": no
# whitespace, casefolded; "text": accent-folded, casefolded).
# Both come from the one registry of kinds, blindrec.entities.

# Shapes of exact values in panel text. Each match is normalised like the stored values and
# looked up; the shapes are those of UK applicants' details, which is what rows.py records.
_EMAIL = re.compile(r"[\w.+'\-]+@[\w\-]+(?:\.[\w\-]+)+")
_DIGIT_RUN = re.compile(r"\+?\d[\d\s().\-/]*\d")
_POSTCODE = re.compile(r"(?<![a-z0-9])[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}(?![a-z0-9])")
_NINO = re.compile(r"(?<![a-z0-9])[a-z]{2}\s*\d{2}\s*\d{2}\s*\d{2}\s*[a-d]?(?![a-z0-9])")
_LICENCE = re.compile(r"(?<![a-z0-9])[a-z9]{5}\d{6}[a-z9]{2}\d[a-z]{2}(?:\s*\d{2})?(?![a-z0-9])")
_DATE = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]+\.?,?\s+\d{4}"
                   r"|[a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}")
_URL = re.compile(r"(?:https?://)?(?:[\w\-]+\.)+[a-z]{2,}(?:/[^\s\"',;<>)\]]*)?")


def row_identifiers_line(candidate_id: str, identifiers: Mapping[str, Sequence[str]]) -> str:
    """One line of hr/identifiers-rows.jsonl."""
    return json.dumps({"candidate_id": candidate_id, "identifiers": {k: list(v) for k, v in identifiers.items()}},
                      ensure_ascii=False) + "\n"


def iter_row_identifiers(path: Path, strict: bool = False) -> Iterator[tuple[str, dict[str, list[str]]]]:
    """(candidate_id, identifiers) per line of a JSON Lines file; none when it is missing.

    ``strict`` raises ValueError naming the line for a broken one (verification must not
    quietly skip an applicant); otherwise broken lines are skipped (reveal, review).
    """
    try:
        handle = open(path, encoding="utf-8")
    except FileNotFoundError:
        return
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                candidate_id, identifiers = entry["candidate_id"], entry["identifiers"]
                if not isinstance(candidate_id, str) or not isinstance(identifiers, dict):
                    raise TypeError
            except (ValueError, KeyError, TypeError):
                if strict:
                    raise ValueError(f"line {number} is not a blindrec identifier entry") from None
                continue
            yield candidate_id, identifiers


def identifiers_of(out_dir: Path, candidate_ids: Iterable[str] | None = None) -> dict[str, dict[str, list[str]]]:
    """Identifiers of the given candidates (or all), from both HR files; {} for unreadable ones."""
    hr = Path(out_dir) / "hr"
    wanted = None if candidate_ids is None else set(candidate_ids)
    try:
        documents = json.loads((hr / IDENTIFIERS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        documents = {}
    found = {c: v for c, v in (documents.items() if isinstance(documents, dict) else ())
             if wanted is None or c in wanted}
    for candidate_id, identifiers in iter_row_identifiers(hr / ROW_IDENTIFIERS_FILE):
        if wanted is None or candidate_id in wanted:
            found[candidate_id] = identifiers
    return found


def exact_key(kind: str, value: str) -> str | None:
    """A stored exact value as its index key, or None when too short to identify anyone."""
    how = EXACT_KINDS[kind]
    if how == "digits":
        digits = phone_key(value)
        return "d:" + digits if len(digits) >= 9 else None
    if how == "squashed":
        squashed = re.sub(r"\s", "", value).casefold()
        return "s:" + squashed if len(squashed) >= 2 else None
    text = fold(value.strip()).casefold()
    if how == "text" and kind in ("URL", "PROFILE_URL"):
        text = _bare_url(text)
    return "t:" + text if len(text) >= 2 else None


def name_key(value: str) -> str | None:
    """A single-word name as its index key (multi-word values are not indexed)."""
    value = value.strip()
    return "n:" + fold(value).casefold() if len(value) >= 2 and WORD.fullmatch(value) else None


def _bare_url(url: str) -> str:
    url = re.sub(r"^https?://", "", url)
    return url.removeprefix("www.").rstrip("/")


def exact_candidates(text: str, casefolded: str | None = None) -> set[str]:
    """Keys of every exact-value shape in a text (emails, digit runs, postcodes...), for look-up.

    ``casefolded`` is the text already folded and casefolded, when the caller has it.
    """
    folded = fold(text).casefold() if casefolded is None else casefolded
    keys = {"t:" + m.group(0) for m in _EMAIL.finditer(folded)}
    keys.update("t:" + m.group(0) for m in _DATE.finditer(folded))
    for match in _URL.finditer(folded):
        bare = _bare_url(match.group(0).rstrip(".,"))
        # A profile recorded as "linkedin.com/in/jo" is in "https://www.linkedin.com/in/jo/about".
        parts = bare.split("/")
        keys.update("t:" + "/".join(parts[:i]) for i in range(1, len(parts) + 1))
    for match in _DIGIT_RUN.finditer(folded):
        digits = re.sub(r"\D", "", match.group(0))
        for width in (9, 10):  # a stored phone is its last ten digits (nine for short numbers)
            keys.update("d:" + digits[i:i + width] for i in range(len(digits) - width + 1))
        # Passport numbers are nine digits, stored squashed.
        keys.update("s:" + digits[i:i + 9] for i in range(len(digits) - 8))
    for pattern in (_POSTCODE, _NINO, _LICENCE):
        for match in pattern.finditer(folded):
            keys.add("s:" + re.sub(r"\s", "", match.group(0)))
            if pattern is _NINO and match.group(0)[-1].isalpha():
                keys.add("s:" + re.sub(r"\s", "", match.group(0))[:-1])  # stored without its suffix letter
    return keys


def name_candidates(text: str, any_case: bool = False) -> set[str]:
    """Keys of the words of a text that could be names: capitalised ones, or any with ``any_case``."""
    folded = fold(text)
    return {"n:" + w.casefold() for w in WORD.findall(folded) if len(w) >= 2 and (any_case or w[0].isupper())}


class RowIndex:
    """ATS applicants' identifiers in a private temporary SQLite file: by candidate ID, and by value.

    Memory stays flat however many rows there are: SQLite pages what it needs from disk
    (its page cache is bounded), and the file is deleted by ``close``.
    """

    def __init__(self, rows: Iterable[tuple[str, Mapping[str, Sequence[str]]]]) -> None:
        descriptor, name = tempfile.mkstemp(prefix="blindrec-verify-", suffix=".sqlite")  # 0600
        os.close(descriptor)
        self._path = Path(name)
        self._db = sqlite3.connect(name)
        # A scratch file: nothing to recover after a crash, so no journal and no syncing.
        self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                               "CREATE TABLE row (candidate_id TEXT PRIMARY KEY, identifiers TEXT) WITHOUT ROWID;"
                               "CREATE TABLE value (key TEXT, kind TEXT, PRIMARY KEY (key, kind)) WITHOUT ROWID;"
                               # Each candidate-name word's one owner, or '' when several applicants share it.
                               "CREATE TABLE name_owner (key TEXT PRIMARY KEY, owner TEXT) WITHOUT ROWID;")
        self.count = 0
        try:
            for candidate_id, identifiers in rows:
                self._db.execute("INSERT OR REPLACE INTO row VALUES (?, ?)", (candidate_id, json.dumps(identifiers)))
                self._db.executemany("INSERT OR IGNORE INTO value VALUES (?, ?)", _value_keys(identifiers))
                self._db.executemany(_OWNER_UPSERT, ((key, candidate_id) for key in _own_name_keys(identifiers)))
                self.count += 1
            self._db.commit()
        except BaseException:
            self.close()  # a broken identifier file must not leave the index behind
            raise

    def identifiers(self, candidate_id: str) -> dict[str, list[str]] | None:
        """One applicant's identifiers, or None when the ID is not an ATS row's."""
        found = self._db.execute("SELECT identifiers FROM row WHERE candidate_id = ?", (candidate_id,)).fetchone()
        return json.loads(found[0]) if found else None

    def kinds(self, keys: Iterable[str]) -> set[str]:
        """The kinds of identifier any applicant has under any of these keys."""
        keys = list(keys)
        kinds: set[str] = set()
        for start in range(0, len(keys), 500):  # SQLite's limit on parameters is 999 in old builds
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            kinds.update(k for (k,) in self._db.execute(f"SELECT DISTINCT kind FROM value WHERE key IN ({marks})",
                                                        chunk))
        return kinds

    def name_owners(self, keys: Iterable[str]) -> dict[str, str]:
        """The applicant each of these name keys belongs to, or '' when several applicants share it."""
        keys = list(keys)
        owners: dict[str, str] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            owners.update(self._db.execute(f"SELECT key, owner FROM name_owner WHERE key IN ({marks})", chunk))
        return owners

    def close(self) -> None:
        """Remove the index file."""
        self._db.close()
        self._path.unlink(missing_ok=True)

    def __enter__(self) -> RowIndex:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _value_keys(identifiers: Mapping[str, Sequence[str]]) -> Iterator[tuple[str, str]]:
    for kind, values in identifiers.items():
        for value in values if isinstance(values, list) else ():
            if not isinstance(value, str):
                continue
            key = exact_key(kind, value) if kind in EXACT_KINDS else name_key(value) if kind in NAME_KINDS else None
            if key:
                yield key, kind


_OWNER_UPSERT = ("INSERT INTO name_owner VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET owner = "
                 "CASE WHEN name_owner.owner = excluded.owner THEN name_owner.owner ELSE '' END")


def _own_name_keys(identifiers: Mapping[str, Sequence[str]]) -> set[str]:
    values = identifiers.get("CANDIDATE_NAME")
    return {key for value in values if isinstance(value, str) and (key := name_key(value))} \
        if isinstance(values, list) else set()
