"""Re-read everything under panel/ and look for every identifier found in the sources.

What is searched for: each candidate's identifiers (hr/identifiers.json for documents,
hr/identifiers-rows.jsonl for ATS rows) and the words of the names of their source files
(hr/key.csv); every kind with recorded values (blindrec.entities) is checked. Where: every
panel file's text, its DOCX or PDF properties, hidden parts (comments and their authors,
document variables, customXml, the glossary, zip comments and entry names) and hyperlink
targets, and every panel file name. Every file is checked for everyone's exact values
(emails, phone numbers, postcodes, street addresses...) and for any other candidate's full
name. A candidate's own pack is checked for all of their identifiers; a shared file (the
combined pack, an ATS table), section by section or row by row, for those of the candidate
that section is about, and its cover page, header and properties for everyone's.

Fails closed: missing or broken HR files are a VerifyError (never "no leaks"), and a panel
file verify cannot read is reported as UNREADABLE_FILE.

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
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Iterable, Mapping, Sequence

from blindrec.detect.fold import WORD, fold, fold_key, phone_key
from blindrec.entities import BY_NAME, CHECKED_KINDS, WORD_KINDS
from blindrec.hr.identifiers import (IDENTIFIERS_FILE, ROW_IDENTIFIERS_FILE, RowIndex, exact_candidates,
                                     iter_row_identifiers, name_candidates)
from blindrec.hr.key import UnreadableKey, iter_key

SOURCE_FILE_NAME = "SOURCE_FILE_NAME"
HR_OVERRIDE = "HR_OVERRIDE"
# Every kind with recorded values, from the one registry (blindrec.entities).
_CHECKED_KINDS = CHECKED_KINDS
# Kinds matched like names: whole words, and only capitalised or upper-case ("will" is not "Will").
_WORD_KINDS = WORD_KINDS
# Shared files read a line at a time: the tables blindrec writes (one applicant a line).
_TABLE_SUFFIXES = (".csv", ".tsv", ".json", ".jsonl")
# Candidate-ID-shaped words ("C-7K2Q"), looked up in the ATS rows' index.
_ID_SHAPED = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*-[A-Z0-9]+(?![\w-])")


# Parts of a DOCX whose text a reader sees as the document; styles, fonts, numbering and the
# theme are the template's (a font called "Georgia" is no one's name).
_BODY_PART = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")
_GLOSSARY_PART = re.compile(r"^word/glossary/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")
_TEMPLATE_PART = re.compile(r"^(\[Content_Types\]\.xml|word/(glossary/)?(styles|stylesWithEffects|fontTable|numbering|webSettings)"
                            r"\.xml|word/theme/.*|.*\.(png|jpe?g|gif|emf|wmf|bin|odttf|ttf))$", re.IGNORECASE)
_WORD_BREAKS = re.compile(r"</w:p>|</w:tc>|<w:tab/>|<w:br/>|<w:cr/>")
# Attributes a reader can see in Word: who wrote a comment or a tracked change, document variables.
_SHOWN_ATTRIBUTE = re.compile(r'\bw:(?:author|initials|name|val)="([^"]*)"')
_ANY_ATTRIBUTE = re.compile(r'\b[\w:.-]+="([^"]*)"')
# Files verify can read whole; any other file in panel/ cannot be checked, so it is a failure.
_TEXT_SUFFIXES = (".md", ".txt", ".csv", ".tsv", ".json", ".jsonl", ".html", ".htm")
UNREADABLE = "UNREADABLE_FILE"
NOT_VERIFIED = "NOT_VERIFIED"


class UnreadablePanelFile(Exception):
    """A panel file verify cannot read, so cannot vouch for."""


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
    body, metadata = panel_file_parts(path)
    return body + metadata


def panel_file_parts(path: Path) -> tuple[str, str]:
    """A panel file's text as (body, metadata): what it says, and its name, properties and hidden parts.

    UnreadablePanelFile for a file verify cannot read: a checker that cannot read a file
    must not pass it.
    """
    name = path.stem + "\n"
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            body, metadata = _docx_parts(path)
            return body, name + metadata
        if suffix in _TEXT_SUFFIXES:
            return path.read_bytes().decode("utf-8-sig"), name
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError) as error:
        raise UnreadablePanelFile(f"{type(error).__name__}: {error}") from error
    if suffix == ".pdf":
        try:
            return _pdf_text(path), name
        except Exception as error:  # noqa: BLE001 - pypdf raises many kinds; any of them means unread
            raise UnreadablePanelFile(f"{type(error).__name__}: {error}") from error
    raise UnreadablePanelFile(f"verify cannot read {suffix or 'extension-less'} files")


def _docx_parts(path: Path) -> tuple[str, str]:
    body, metadata = [], []
    with zipfile.ZipFile(path) as package:
        # Names and comments of the zip's entries are shown by any archive tool.
        metadata.append(package.comment.decode("utf-8", "replace"))
        for info in package.infolist():
            metadata.append(info.filename + " " + info.comment.decode("utf-8", "replace"))
            name = info.filename
            if _TEMPLATE_PART.match(name) or name.endswith("/"):
                continue
            xml = package.read(name).decode("utf-8", "replace")
            targets = " ".join(html.unescape(t) for t in re.findall(r'Target="([^"]+)"', xml))
            if _BODY_PART.match(name):
                # Runs of one paragraph join without a gap, so "Jo" + "nathan" reads "Jonathan".
                body.append(html.unescape(re.sub(r"<[^>]+>", "", _WORD_BREAKS.sub("\n", xml))))
                attributes = _SHOWN_ATTRIBUTE.findall(xml) if "comments" in name else re.findall(
                    r'\bw:(?:author|initials)="([^"]*)"', xml)
                metadata.append(" ".join(html.unescape(v) for v in attributes) + " " + targets)
            elif name.endswith(".rels"):
                metadata.append(targets)
            elif _GLOSSARY_PART.match(name):  # building blocks Word offers to insert: text, no formatting
                metadata.append(html.unescape(re.sub(r"<[^>]+>", "", _WORD_BREAKS.sub("\n", xml))))
            else:
                # Properties, settings (document variables), customXml, anything else:
                # every text and attribute value, as no reader is guaranteed not to see them.
                text = re.sub(r"<[^>]+>", " ", _WORD_BREAKS.sub("\n", xml))
                values = " ".join(_ANY_ATTRIBUTE.findall(xml))
                metadata.append(html.unescape(text) + "\n" + html.unescape(values))
    return "\n".join(body) + "\n", "\n".join(metadata) + "\n"


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
    from blindrec.hr.rules import RunRulesError, run_settings

    try:
        name_signals = run_settings(out_dir).name_signals  # the run's rules, not the defaults
    except RunRulesError as error:
        raise VerifyError(str(error)) from error
    not_names = frozenset(fold_key(str(w)) for w in name_signals.get("not_names") or ())
    sources: dict[str, list[str]] = {}
    try:
        rows = list(_document_key_rows(Path(out_dir) / "hr" / "key.csv"))
    except UnreadableKey as error:
        raise VerifyError(str(error)) from error
    for row in rows:
        # An ATS row's source is "export.csv#REF": the file is the export, named after no one,
        # so only documents' rows are kept (there may be 100,000 of the others).
        source = row.get("source") or ""
        if row.get("candidate_id") and source and "#" not in source and source != "-":
            sources.setdefault(row["candidate_id"], []).append(source)
    return {candidate_id: {SOURCE_FILE_NAME: source_name_words(names, not_names)
                           + [PurePosixPath(n).name for n in names]}
            for candidate_id, names in sources.items()}


def _document_key_rows(path: Path):
    """Key rows of documents only, read strictly (ATS rows, possibly 100,000, are skipped as read)."""
    return (row for row in iter_key(path, strict=True) if "#" not in (row.get("source") or ""))


def verify_output(out_dir: Path) -> Verification:
    """Check every panel file of an output folder against everything HR knows was identifying."""
    from blindrec.output import JOURNAL

    out_dir = Path(out_dir)
    if (out_dir / "hr" / JOURNAL).exists():
        # A run was stopped between writing hr/ and swapping panel/: the two may not match.
        raise VerifyError(f"{out_dir}: a run into this folder was stopped part-way; run blindrec anonymise "
                          f"again with --replace to finish or undo it, then verify.")
    found = load_identifiers(out_dir)
    key = out_dir / "hr" / "key.csv"
    if not key.is_file():
        raise VerifyError(f"{key}: missing; run blindrec anonymise with --out {out_dir} again to rewrite it.")
    for candidate_id, extra in _source_identifiers(out_dir).items():
        merged = {kind: list(values) for kind, values in found.get(candidate_id, {}).items()}
        for kind, values in extra.items():
            merged[kind] = sorted(set(merged.get(kind, [])) | set(values))
        found[candidate_id] = merged
    panel = out_dir / "panel"
    if found and not panel.is_dir():
        raise VerifyError(f"{panel}: missing although hr/ lists candidates; run blindrec anonymise again.")
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
    try:
        append_audit(out_dir, audit_record("verify", recorded_rules_sha256(out_dir), verification.files_checked, {
            "candidates": verification.candidates, "leaks": len(verification.leaks),
            "leak_kinds": sorted({leak.kind for leak in verification.leaks})}))
    except OSError as error:
        # A verification that cannot be recorded is not a leak: it is a folder HR must fix.
        raise VerifyError(f"{Path(out_dir) / 'hr'}: cannot record the verification in the audit log "
                          f"({error.strerror or error}); make the output folder writable and run verify "
                          f"again.") from error
    return verification


def find_leaks(out_dir: Path) -> list[Leak]:
    """Identifiers of the candidates anywhere under panel/; a NOT_VERIFIED entry when it cannot be checked.

    Verification fails closed: a missing or broken hr/identifiers.json is never "no leaks".
    """
    try:
        return list(verify_output(out_dir).leaks)
    except VerifyError as error:
        return [Leak(f"(verification failed: {error})", NOT_VERIFIED)]


class _NameOwners:
    """Every candidate's own name words, for finding one candidate's full name in another's file.

    What counts is two words of one candidate's name side by side ("Zebedee Quartermaine",
    "QUARTERMAINE, Zebedee"): one word alone is too often an ordinary one ("West Midlands").
    A word more than one candidate has ("James", "Smith") is attributed to no one. Referees'
    and other people's names are not looked for across candidates: two candidates may name
    the same manager.
    """

    _KINDS = ("CANDIDATE_NAME",)

    def __init__(self, found: Mapping[str, Mapping[str, Sequence[str]]]) -> None:
        owners: dict[str, set[str]] = {}
        for candidate_id, identifiers in found.items():
            for kind in self._KINDS:
                for value in identifiers.get(kind, ()):
                    value = value.strip() if isinstance(value, str) else ""
                    if len(value) >= 2 and WORD.fullmatch(value):
                        owners.setdefault(fold(value).casefold(), set()).add(candidate_id)
        self._owner = {key: next(iter(who)) for key, who in owners.items() if len(who) == 1}
        self._shared = frozenset(key for key, who in owners.items() if len(who) > 1)

    def kinds(self, text: str, reader: str | None, folded: str | None = None,
              rows: RowIndex | None = None) -> set[str]:
        """CANDIDATE_NAME when ``text`` holds the full name of one candidate other than ``reader``.

        With ``rows``, ATS applicants' names count too (looked up in their index).
        """
        if not self._owner and not (rows and rows.count):
            return set()
        folded = fold(text) if folded is None else folded
        owners = self._owner
        if rows and rows.count:
            capitalised = {w.casefold() for w in WORD.findall(folded) if w[0].isupper()}
            from_rows = {key[2:]: owner for key, owner in rows.name_owners("n:" + w for w in capitalised).items()}
            # A word two people have, whether candidates or applicants, is nobody's ('' when applicants share it).
            owners = {w: self._owner[w] for w in capitalised & self._owner.keys() if w not in from_rows}
            owners.update({w: o for w, o in from_rows.items()
                           if o and w not in self._owner and w not in self._shared})
        previous: tuple[str, str, int] | None = None  # (owner, word, end)
        for match in WORD.finditer(folded):
            word = match.group(0)
            owner = owners.get(word.casefold()) if word[0].isupper() else None  # "will" is not "Will"
            if owner is None:
                previous = None
                continue
            if (previous and previous[0] == owner != reader and previous[1] != word.casefold()
                    and _NAME_GAP.fullmatch(folded[previous[2]:match.start()])):
                return {"CANDIDATE_NAME"}
            previous = (owner, word.casefold(), match.end())
        return set()


# What may stand between the words of a name: spaces, a comma ("SMITH, Jo"), a full stop.
_NAME_GAP = re.compile(r"[ \t,.]{1,3}")


def _leaks(panel: Path, files: Sequence[Path], found: Mapping[str, Mapping[str, Sequence[str]]],
           rows: RowIndex) -> list[Leak]:
    names_text = "\n".join(p.relative_to(panel).as_posix() for p in files).replace("_", " ")
    # Values like emails, phone numbers and street addresses identify one person wherever they
    # appear; name words ("West", "Hope") and HR's extra strings ("Bromsgrove") are only
    # checked where they point to their own candidate, or to one candidate alone.
    exact = {kind: sorted({v for ids in found.values() for v in ids.get(kind, ())})
             for kind in _CHECKED_KINDS if kind not in _WORD_KINDS + (HR_OVERRIDE,)}
    names = _NameOwners(found)
    leaks: set[Leak] = set()
    for path in files:
        label = path.relative_to(panel).as_posix()
        own = found[path.stem] if path.stem in found else rows.identifiers(path.stem) if rows.count else None
        try:
            if own is not None:
                body, metadata = panel_file_parts(path)
                text = body + metadata
                views = _Views(text)
                kinds = (set(_kinds_present(own, text, views=views)) | set(_kinds_present(exact, text, views=views))
                         | names.kinds(text, path.stem, views.folded, rows))
                if rows.count:
                    kinds |= rows.kinds(exact_candidates(text, views.casefolded))
            elif path.suffix.lower() in _TABLE_SUFFIXES:
                kinds = _table_kinds(path, found, exact, rows, names)
            else:
                kinds = _shared_kinds(*panel_file_parts(path), path.suffix.lower(), found, exact, rows, names)
        except (UnreadablePanelFile, UnicodeDecodeError, OSError):
            kinds = {UNREADABLE}
        leaks.update(Leak(label, kind) for kind in kinds)
    for identifiers in found.values():
        # File names are often all lower case ("cv-jo-bloggs.docx"): there, any case counts.
        leaks.update(Leak("(file names)", kind) for kind in _kinds_present(identifiers, names_text, any_case=True))
    if rows.count:
        leaks.update(Leak("(file names)", kind) for kind in rows.kinds(
            exact_candidates(names_text) | name_candidates(names_text, any_case=True)))
    return sorted(leaks, key=lambda leak: (leak.panel_file, leak.kind))


def _shared_kinds(body: str, metadata: str, suffix: str, found: Mapping[str, Mapping[str, Sequence[str]]],
                  exact: Mapping[str, Sequence[str]], rows: RowIndex, names: _NameOwners) -> set[str]:
    """A shared file read whole (the combined pack): everyone's exact values, each section its candidate's.

    What comes before the first candidate's section (the cover page) and the file's
    properties and hidden parts belong to no candidate: any one candidate's name there counts.
    """
    text = body + metadata
    kinds = set(_kinds_present(exact, text))
    if rows.count:
        kinds |= rows.kinds(exact_candidates(text))
    sections = _sections(body, list(found), suffix)
    # A file about no candidate has no business in panel/ (an original dropped there by
    # mistake): it is checked for everyone's identifiers of every kind.
    for candidate_id, section in sections or [(c, text) for c in found]:
        kinds.update(_kinds_present(found[candidate_id], section))
        kinds |= names.kinds(section, candidate_id, rows=rows)
    if sections:
        first = min(body.find(candidate_id) for candidate_id, _ in sections)
        kinds |= names.kinds(body[:first] + "\n" + metadata, None, rows=rows)
        for candidate_id in found:
            kinds.update(_kinds_present(found[candidate_id], metadata))
    if not sections and rows.count:
        kinds |= rows.kinds(name_candidates(text))
    return kinds


def _table_kinds(path: Path, found: Mapping[str, Mapping[str, Sequence[str]]], exact: Mapping[str, Sequence[str]],
                 rows: RowIndex, names: _NameOwners) -> set[str]:
    """A shared table, a line at a time: everyone's exact values, and each row its own applicant's identifiers.

    A line with no candidate ID (a free-text cell that runs over several lines) belongs to
    the row above it, and is checked for any other candidate's name too; the header and any
    line before the first ID belong to no one. A table with no candidate ID at all is about
    no one, so it is read a second time for everyone's identifiers of every kind, as a
    shared file would be.
    """
    marker = _marker(list(found))
    kinds: set[str] = set()
    owner: Mapping[str, Sequence[str]] | None = None
    owner_id: str | None = None
    owned = False
    for line in _table_lines(path):
        views = _Views(line)
        kinds.update(_kinds_present(exact, line, views=views))
        if rows.count:
            kinds |= rows.kinds(exact_candidates(line))
        line_owner = _line_owner(line, marker, found, rows)
        if line_owner is not None:
            owner, owner_id = line_owner
        if owner is not None:
            owned = True
            kinds.update(_kinds_present(owner, line, views=views))
        kinds |= names.kinds(line, owner_id, views.folded)
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
    # Strict: a table that is not UTF-8 text cannot be checked, and must not pass (UnicodeDecodeError).
    with open(path, encoding="utf-8-sig") as handle:
        for line in handle:
            yield line.rstrip("\n")


def _marker(candidate_ids: Sequence[str]) -> re.Pattern[str] | None:
    if not candidate_ids:
        return None
    return re.compile("|".join(re.escape(c) for c in sorted(candidate_ids, key=len, reverse=True)))


def _line_owner(line: str, marker: re.Pattern[str] | None, found: Mapping[str, Mapping[str, Sequence[str]]],
                rows: RowIndex) -> tuple[Mapping[str, Sequence[str]], str] | None:
    """(identifiers, ID) of the first candidate whose ID is on the line: a document's or an ATS row's."""
    match = marker.search(line) if marker else None
    best = (match.start(), found[match.group(0)], match.group(0)) if match else None
    if rows.count:
        for shaped in _ID_SHAPED.finditer(line):
            if best and shaped.start() >= best[0]:
                break
            identifiers = rows.identifiers(shaped.group(0))
            if identifiers is not None:
                best = (shaped.start(), identifiers, shaped.group(0))
                break
    return (best[1], best[2]) if best else None


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
        self._spaced: str | None = None

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
    def spaced(self) -> str:
        if self._spaced is None:
            self._spaced = re.sub(r"\s+", " ", self.casefolded)
        return self._spaced

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
    value = value.strip() if isinstance(value, str) else ""
    if len(value) < 2:
        return False
    how = BY_NAME[kind].match if kind in BY_NAME else "text"
    folded = views.folded
    if how == "name" and WORD.fullmatch(value):
        # Only a capitalised or upper-case occurrence counts: "will" is not "Will".
        if fold(value).casefold() not in views.casefolded:
            return False  # the cheap test first: most values are nowhere in the text
        pattern = re.compile(r"(?<![\w])" + re.escape(fold(value)) + r"(?![\w])", re.IGNORECASE)
        return any(any_case or folded[m.start()].isupper() for m in pattern.finditer(folded))
    if how == "digits":
        digits = phone_key(value)
        return len(digits) >= 9 and digits in views.digits
    if how == "squashed":
        squashed = re.sub(r"\s", "", value).casefold()
        return bool(squashed) and squashed in views.squashed
    if how == "phrase":
        pattern = re.compile(r"(?<![\w])" + re.escape(fold(value)) + r"(?![\w])", re.IGNORECASE)
        return bool(pattern.search(folded))
    if how == "address":
        spaced = views.spaced
        return any(line in spaced and re.search(r"(?<![\w])" + re.escape(line) + r"(?![\w])", spaced)
                   for line in _address_lines(value))
    return fold(value).casefold() in views.casefolded


# A line of an address that starts with a house number: "12 Larkspur Road", "4a Mill Lane".
_HOUSE_LINE = re.compile(r"^\d+[a-z]?\s+[^\W\d_]{3,}")


@lru_cache(maxsize=65536)
def _address_lines(value: str) -> tuple[str, ...]:
    """What of a recorded address identifies a home: the whole of it, and each line with a house number."""
    whole = re.sub(r"\s+", " ", fold(value).casefold()).strip()
    lines = [re.sub(r"\s+", " ", part).strip() for part in re.split(r"[,;\n]", whole)]
    found = [line for line in lines if _HOUSE_LINE.match(line)]
    # A town alone ("Stoke-on-Trent") is where thousands live; a street with its town is a home.
    specific = len([line for line in lines if line]) > 1 or re.search(r"\d", whole)
    return tuple(found + ([whole] if specific and len(whole) >= 10 and whole not in found else []))
