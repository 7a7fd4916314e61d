"""Re-read everything under panel/ and look for every identifier found in the sources.

What is searched for: each candidate's identifiers (hr/identifiers.json for documents,
hr/identifiers-rows.jsonl for ATS rows) and the words of the names of their source files
(hr/key.csv). Where: every panel file's text, its DOCX or PDF properties and hyperlink
targets, and every panel file name. A candidate's own pack is checked for all of their
identifiers. A shared file (the combined pack, an ATS table) is checked for everyone's exact
values (emails, phone numbers, postcodes...) and, section by section or row by row, for the
name words of the candidate that section is about.

Scale: an ATS table of 100,000 rows is read a line at a time and never whole. The rows'
identifiers go into an on-disk index (blindrec.hr.identifiers.RowIndex): each table line's
candidate ID is looked up there for that applicant's identifiers, and instead of searching
the line for every applicant's exact values, the values the line carries (email-, phone-,
postcode-, NI-number-shaped...) are looked up. Documents' candidates, a few hundred at most,
are checked exactly as before: every value searched for in the text.
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable, Mapping, Sequence

from blindrec.detect.fold import WORD, fold, fold_key, phone_key
from blindrec.hr.identifiers import (IDENTIFIERS_FILE, NAME_KINDS, ROW_IDENTIFIERS_FILE, RowIndex, exact_candidates,
                                     iter_row_identifiers, name_candidates)
from blindrec.hr.key import iter_key

SOURCE_FILE_NAME = "SOURCE_FILE_NAME"
HR_OVERRIDE = "HR_OVERRIDE"
_CHECKED_KINDS = NAME_KINDS + ("EMAIL_ADDRESS", "PHONE_NUMBER", "UK_POSTCODE", "UK_NINO", "UK_PASSPORT",
                                "UK_DRIVING_LICENCE", "DATE_OF_BIRTH", "PROFILE_URL", "URL", HR_OVERRIDE,
                                SOURCE_FILE_NAME)
# Kinds matched like names: whole words, and only capitalised or upper-case ("will" is not "Will").
_WORD_KINDS = NAME_KINDS + (SOURCE_FILE_NAME,)
# Shared files read a line at a time: the tables blindrec writes (one applicant a line).
_TABLE_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl")
# Candidate-ID-shaped words ("C-7K2Q"), looked up in the ATS rows' index.
_ID_SHAPED = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*-[A-Z0-9]+(?![\w-])")


# Parts of a DOCX a reader or a file browser shows; styles and fonts are the template's.
_VISIBLE_PART = re.compile(r"^(word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml"
                           r"|docProps/(core|app|custom)\.xml|.*\.rels)$")
_WORD_BREAKS = re.compile(r"</w:p>|</w:tc>|<w:tab/>|<w:br/>|<w:cr/>")


class VerifyError(Exception):
    """An output folder that cannot be verified; the message names the file and what to do."""


@dataclass(frozen=True)
class Leak:
    """An identifier of a candidate found in a panel file (the value is never kept here)."""

    panel_file: str
    kind: str


@dataclass(frozen=True)
class Verification:
    """What `blindrec verify` checked and found."""

    files_checked: int
    candidates: int
    leaks: tuple[Leak, ...]


def panel_file_text(path: Path) -> str:
    """All text a panel member could see in a file: content, properties and its name."""
    text = path.stem + "\n"
    suffix = path.suffix.lower()
    if suffix == ".docx":
        try:
            return text + _docx_text(path)
        except zipfile.BadZipFile:
            pass
    if suffix == ".pdf":
        try:
            return text + _pdf_text(path)
        except Exception:  # noqa: BLE001 - an unreadable PDF is still searched as bytes
            pass
    return text + path.read_bytes().decode("utf-8", "replace")


def _docx_text(path: Path) -> str:
    parts = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if not _VISIBLE_PART.match(name):
                continue
            xml = package.read(name).decode("utf-8", "replace")
            if name.startswith("word/"):
                # Runs of one paragraph join without a gap, so "Jo" + "nathan" reads "Jonathan".
                body = re.sub(r"<[^>]+>", "", _WORD_BREAKS.sub("\n", xml))
            else:
                body = re.sub(r"<[^>]+>", " ", xml)
            parts.append(html.unescape(body))
            parts.append(" ".join(html.unescape(t) for t in re.findall(r'Target="([^"]+)"', xml)))
    return "\n".join(parts) + "\n"


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    pages = [page.extract_text() or "" for page in reader.pages]
    metadata = [str(value) for value in (reader.metadata or {}).values()]
    return "\n".join(pages + metadata) + "\n"


def load_identifiers(out_dir: Path) -> dict[str, dict[str, list[str]]]:
    """hr/identifiers.json (documents' candidates); VerifyError when it is missing or broken.

    ATS rows' identifiers are in hr/identifiers-rows.jsonl, read by ``row_index``.
    """
    path = Path(out_dir) / "hr" / IDENTIFIERS_FILE
    try:
        identifiers = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise VerifyError(f"{path}: cannot be read ({error.strerror}); run blindrec anonymise with "
                          f"--out {out_dir} first.") from error
    except ValueError as error:
        raise VerifyError(f"{path}: is not valid JSON; run blindrec anonymise again to rewrite it.") from error
    if not isinstance(identifiers, dict):
        raise VerifyError(f"{path}: is not a blindrec identifier list; run blindrec anonymise again.")
    return identifiers


def row_index(out_dir: Path) -> RowIndex:
    """hr/identifiers-rows.jsonl in an on-disk index (empty without ATS rows); VerifyError when broken."""
    path = Path(out_dir) / "hr" / ROW_IDENTIFIERS_FILE
    try:
        return RowIndex(iter_row_identifiers(path, strict=True))
    except ValueError as error:
        raise VerifyError(f"{path}: {error}; run blindrec anonymise again to rewrite it.") from error
    except OSError as error:
        raise VerifyError(f"{path}: cannot be read ({error.strerror}); run blindrec anonymise again.") from error


def source_name_words(sources: Iterable[str], not_names: frozenset[str]) -> list[str]:
    """The name-like words of source file names ("CV - Jo Bloggs.docx" -> Jo, Bloggs)."""
    from blindrec.detect.names import NameVocabulary, _from_file_name

    vocab = NameVocabulary(not_names, frozenset(), frozenset(), frozenset(), frozenset(), frozenset(), 4)
    words: set[str] = set()
    for source in sources:
        if "#" in source or source == "-":
            continue  # an ATS row: the file is the export, named after no one
        for sighting in _from_file_name(source, vocab):
            words.update(w for w in sighting.words if len(w) > 2)
    return sorted(words)


def _source_identifiers(out_dir: Path) -> dict[str, dict[str, list[str]]]:
    from blindrec.settings import SettingsError, load_settings

    try:
        name_signals = load_settings().name_signals
    except SettingsError:
        name_signals = {}
    not_names = frozenset(fold_key(str(w)) for w in name_signals.get("not_names") or ())
    sources: dict[str, list[str]] = {}
    for row in iter_key(Path(out_dir) / "hr" / "key.csv"):
        # An ATS row's source is "export.csv#REF": the file is the export, named after no one,
        # so only documents' rows are kept (there may be 100,000 of the others).
        source = row.get("source") or ""
        if row.get("candidate_id") and source and "#" not in source and source != "-":
            sources.setdefault(row["candidate_id"], []).append(source)
    return {candidate_id: {SOURCE_FILE_NAME: source_name_words(names, not_names)
                           + [PurePosixPath(n).name for n in names]}
            for candidate_id, names in sources.items()}


def verify_output(out_dir: Path) -> Verification:
    """Check every panel file of an output folder against everything HR knows was identifying."""
    out_dir = Path(out_dir)
    found = load_identifiers(out_dir)
    for candidate_id, extra in _source_identifiers(out_dir).items():
        merged = {kind: list(values) for kind, values in found.get(candidate_id, {}).items()}
        for kind, values in extra.items():
            merged[kind] = sorted(set(merged.get(kind, [])) | set(values))
        found[candidate_id] = merged
    panel = out_dir / "panel"
    files = sorted(p for p in panel.rglob("*") if p.is_file()) if panel.is_dir() else []
    # The sift's documents (blindrec sift) reach the panel too; its chart is an image of IDs and numbers.
    sift = out_dir / "sift"
    sift_files = sorted(p for p in sift.rglob("*") if p.is_file() and p.suffix.lower() != ".png") \
        if sift.is_dir() else []
    with row_index(out_dir) as rows:
        leaks = _leaks(panel, files, found, rows)
        leaks += [Leak(f"../sift/{leak.panel_file}", leak.kind) for leak in _leaks(sift, sift_files, found, rows)]
        return Verification(len(files) + len(sift_files), len(found) + rows.count, tuple(leaks))


def verify_and_record(out_dir: Path) -> Verification:
    """`blindrec verify`: check the output folder and note the outcome in the audit log."""
    from blindrec.hr.audit import append_audit, audit_record, recorded_rules_sha256

    verification = verify_output(out_dir)
    append_audit(out_dir, audit_record("verify", recorded_rules_sha256(out_dir), verification.files_checked, {
        "candidates": verification.candidates, "leaks": len(verification.leaks),
        "leak_kinds": sorted({leak.kind for leak in verification.leaks})}))
    return verification


def find_leaks(out_dir: Path) -> list[Leak]:
    """Identifiers of the candidates that appear anywhere under panel/ (none when hr/ is empty)."""
    try:
        return list(verify_output(out_dir).leaks)
    except VerifyError:
        return []


def _leaks(panel: Path, files: Sequence[Path], found: Mapping[str, Mapping[str, Sequence[str]]],
           rows: RowIndex) -> list[Leak]:
    names_text = "\n".join(p.relative_to(panel).as_posix() for p in files).replace("_", " ")
    # Values like emails and phone numbers identify one person wherever they appear; name
    # words ("West", "Hope") and HR's extra strings ("Bromsgrove") are only checked where
    # they would point to their own candidate.
    exact = {kind: sorted({v for ids in found.values() for v in ids.get(kind, ())})
             for kind in _CHECKED_KINDS if kind not in _WORD_KINDS + (HR_OVERRIDE,)}
    leaks: set[Leak] = set()
    for path in files:
        label = path.relative_to(panel).as_posix()
        own = found[path.stem] if path.stem in found else rows.identifiers(path.stem) if rows.count else None
        if own is not None:
            leaks.update(Leak(label, kind) for kind in _kinds_present(own, panel_file_text(path)))
        elif path.suffix.lower() in _TABLE_SUFFIXES:
            leaks.update(Leak(label, kind) for kind in _table_kinds(path, found, exact, rows))
        else:
            leaks.update(Leak(label, kind) for kind in _shared_kinds(panel_file_text(path), path.suffix.lower(),
                                                                     found, exact, rows))
    for identifiers in found.values():
        # File names are often all lower case ("cv-jo-bloggs.docx"): there, any case counts.
        leaks.update(Leak("(file names)", kind) for kind in _kinds_present(identifiers, names_text, any_case=True))
    if rows.count:
        leaks.update(Leak("(file names)", kind) for kind in rows.kinds(
            exact_candidates(names_text) | name_candidates(names_text, any_case=True)))
    return sorted(leaks, key=lambda leak: (leak.panel_file, leak.kind))


def _shared_kinds(text: str, suffix: str, found: Mapping[str, Mapping[str, Sequence[str]]],
                  exact: Mapping[str, Sequence[str]], rows: RowIndex) -> set[str]:
    """A shared file read whole (the combined pack): everyone's exact values, each section its candidate's."""
    kinds = set(_kinds_present(exact, text))
    if rows.count:
        kinds |= rows.kinds(exact_candidates(text))
    sections = _sections(text, list(found), suffix)
    # A file about no candidate has no business in panel/ (an original dropped there by
    # mistake): it is checked for everyone's identifiers of every kind.
    for candidate_id, section in sections or [(c, text) for c in found]:
        kinds.update(_kinds_present(found[candidate_id], section))
    if not sections and rows.count:
        kinds |= rows.kinds(name_candidates(text))
    return kinds


def _table_kinds(path: Path, found: Mapping[str, Mapping[str, Sequence[str]]], exact: Mapping[str, Sequence[str]],
                 rows: RowIndex) -> set[str]:
    """A shared table, a line at a time: everyone's exact values, and each row its own applicant's identifiers.

    A line with no candidate ID (a free-text cell that runs over several lines) belongs to
    the row above it. A table with no candidate ID at all is about no one, so it is read a
    second time for everyone's identifiers of every kind, as a shared file would be.
    """
    marker = _marker(list(found))
    kinds: set[str] = set()
    owner: Mapping[str, Sequence[str]] | None = None
    owned = False
    for line in _table_lines(path):
        views = _Views(line)
        kinds.update(_kinds_present(exact, line, views=views))
        if rows.count:
            kinds |= rows.kinds(exact_candidates(line))
        owner = _line_owner(line, marker, found, rows) or owner
        if owner is not None:
            owned = True
            kinds.update(_kinds_present(owner, line, views=views))
    if not owned:
        for line in _table_lines(path):
            views = _Views(line)
            for identifiers in found.values():
                kinds.update(_kinds_present(identifiers, line, views=views))
            if rows.count:
                kinds |= rows.kinds(name_candidates(line))
    return kinds


def _table_lines(path: Path) -> Iterable[str]:
    """The file's name, then its lines, read as they are needed."""
    yield path.stem
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            yield line.rstrip("\n")


def _marker(candidate_ids: Sequence[str]) -> re.Pattern[str] | None:
    if not candidate_ids:
        return None
    return re.compile("|".join(re.escape(c) for c in sorted(candidate_ids, key=len, reverse=True)))


def _line_owner(line: str, marker: re.Pattern[str] | None, found: Mapping[str, Mapping[str, Sequence[str]]],
                rows: RowIndex) -> Mapping[str, Sequence[str]] | None:
    """The identifiers of the first candidate whose ID is on the line: a document's or an ATS row's."""
    match = marker.search(line) if marker else None
    best = (match.start(), found[match.group(0)]) if match else None
    if rows.count:
        for shaped in _ID_SHAPED.finditer(line):
            if best and shaped.start() >= best[0]:
                break
            identifiers = rows.identifiers(shaped.group(0))
            if identifiers is not None:
                best = (shaped.start(), identifiers)
                break
    return best[1] if best else None


def _sections(text: str, candidate_ids: Sequence[str], suffix: str) -> list[tuple[str, str]]:
    """The parts of a shared file that belong to one candidate: their rows, or their section."""
    marker = _marker(candidate_ids)
    if marker is None:
        return []
    if suffix in (".csv", ".tsv", ".jsonl"):
        return [(m.group(0), line) for line in text.splitlines() if (m := marker.search(line))]
    starts = list(marker.finditer(text))
    return [(m.group(0), text[m.start():starts[i + 1].start() if i + 1 < len(starts) else len(text)])
            for i, m in enumerate(starts)]


class _Views:
    """One panel text in the shapes the checks compare against, each computed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)
        self._digits: str | None = None
        self._squashed: str | None = None
        self._casefolded: str | None = None

    @property
    def digits(self) -> str:
        if self._digits is None:
            self._digits = re.sub(r"\D", "", self.text)
        return self._digits

    @property
    def squashed(self) -> str:
        if self._squashed is None:
            self._squashed = re.sub(r"\s", "", self.text).casefold()
        return self._squashed

    @property
    def casefolded(self) -> str:
        if self._casefolded is None:
            self._casefolded = self.folded.casefold()
        return self._casefolded


def _kinds_present(found: Mapping[str, Sequence[str]], text: str, any_case: bool = False,
                   views: _Views | None = None) -> list[str]:
    views = views or _Views(text)
    kinds = []
    for kind in _CHECKED_KINDS:
        if any(_present(kind, value, views, any_case) for value in found.get(kind, ())):
            kinds.append(kind)
    return kinds


def _present(kind: str, value: str, views: _Views, any_case: bool = False) -> bool:
    value = value.strip()
    if len(value) < 2:
        return False
    folded = views.folded
    if kind in _WORD_KINDS and WORD.fullmatch(value):
        # Only a capitalised or upper-case occurrence counts: "will" is not "Will".
        if fold(value).casefold() not in views.casefolded:
            return False  # the cheap test first: most values are nowhere in the text
        pattern = re.compile(r"(?<![\w])" + re.escape(fold(value)) + r"(?![\w])", re.IGNORECASE)
        return any(any_case or folded[m.start()].isupper() for m in pattern.finditer(folded))
    if kind == "PHONE_NUMBER":
        digits = phone_key(value)
        return len(digits) >= 9 and digits in views.digits
    if kind in ("UK_POSTCODE", "UK_NINO", "UK_PASSPORT", "UK_DRIVING_LICENCE"):
        squashed = re.sub(r"\s", "", value).casefold()
        return bool(squashed) and squashed in views.squashed
    if kind == HR_OVERRIDE:
        pattern = re.compile(r"(?<![\w])" + re.escape(fold(value)) + r"(?![\w])", re.IGNORECASE)
        return bool(pattern.search(folded))
    return fold(value).casefold() in views.casefolded
