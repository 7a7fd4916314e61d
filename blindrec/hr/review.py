"""hr/review.html: one self-contained page for HR to check what blindrec redacted.

Each candidate's anonymised pack is shown as the panel will read it, every placeholder
highlighted and labelled by type, and every word blindrec kept but is unsure about marked.
With the originals, each source is shown beside it with the identifiers found in it marked.
The page loads nothing: no scripts, no fonts, no images, and a Content-Security-Policy that
forbids every request, so it works offline and leaks nothing when opened.

"Unsure" words are capitalised words of the anonymised text that are not at the start of a
sentence, not in the model's dictionary, not in the rules' lists of words that are not names,
not also used in lower case by the same candidate, and not used by many candidates of the
batch (a quarter of them, at least three): the shape of a name that slipped by.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from blindrec.detect.fold import fold, fold_key, in_dictionary
from blindrec.entities import COLOURS, LABELS
from blindrec.hr.identifiers import identifiers_of
from blindrec.hr.key import read_key
from blindrec.hr.overrides import PLACEHOLDER, placeholder_entity

REVIEW_FILE = "review.html"
_CAPITALISED = re.compile(r"(?<![\w'’\-])[A-Z][^\W\d_A-Z]+(?:['’\-][^\W\d_]+)*(?![\w])")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;•|\-–—(\"“'‘*#>]|\d[.)])\s*$")
# Capitalised anywhere in English prose, never a person's name on their own.
_ALWAYS_CAPITALISED = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "english", "british", "document", "candidate"})
_LABELS = LABELS
_COLOURS = COLOURS


class ReviewError(Exception):
    """An output folder that cannot be reviewed; the message names the file and what to do."""


@dataclass(frozen=True)
class Line:
    """One line of a pack or a source: a heading or ordinary text."""

    text: str
    heading: bool = False


@dataclass(frozen=True)
class Original:
    """One source document of a candidate as extracted, or why it could not be shown."""

    source: str
    lines: tuple[Line, ...] = ()
    problem: str = ""


@dataclass(frozen=True)
class CandidateReview:
    """What HR checks for one candidate."""

    candidate_id: str
    lines: tuple[Line, ...]
    redactions: Mapping[str, int]
    unsure: Mapping[str, int]
    found: tuple[str, ...] = ()
    originals: tuple[Original, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Review:
    """The whole review page's content."""

    candidates: tuple[CandidateReview, ...]
    created: str
    placeholders: Mapping[str, str] = field(default_factory=dict)  # entity type -> placeholder, from the rules
    near_misses: tuple[Mapping, ...] = ()  # report.json's "near_misses": documents that may be one person's


def write_review(out_dir: Path, originals_dir: Path | None = None) -> tuple[Path, Review]:
    """Build hr/review.html for an output folder; returns its path and what it shows."""
    from blindrec.hr.audit import append_audit, audit_record, recorded_rules_sha256
    from blindrec.output import write_private

    review = build_review(Path(out_dir), originals_dir, _dictionary(_settings(Path(out_dir))))
    path = Path(out_dir) / "hr" / REVIEW_FILE
    write_private(path, render_review(review))
    append_audit(out_dir, audit_record("review", recorded_rules_sha256(out_dir), len(review.candidates), {
        "candidates": len(review.candidates), "unsure_words": sum(len(c.unsure) for c in review.candidates),
        "with_originals": originals_dir is not None}))
    return path, review


def build_review(out_dir: Path, originals_dir: Path | None = None,
                 dictionary: frozenset[str] = frozenset()) -> Review:
    """Read an output folder (and optionally the sources) into a Review."""
    rows = read_key(out_dir / "hr" / "key.csv")
    if not rows:
        raise ReviewError(f"{out_dir / 'hr' / 'key.csv'}: missing or empty; run blindrec anonymise "
                          f"with --out {out_dir} first.")
    report = _read_json(out_dir / "hr" / "report.json")
    identifiers = identifiers_of(out_dir)  # documents' candidates and ATS rows
    sources: dict[str, list[str]] = {}
    for row in rows:
        sources.setdefault(row["candidate_id"], []).append(row["source"])
    per_candidate = {c["candidate_id"]: c for c in report.get("candidates", []) if isinstance(c, dict)}
    settings = _settings(out_dir)
    known = dictionary | _not_name_words(settings) | _ALWAYS_CAPITALISED
    packs = {candidate_id: tuple(panel_lines(out_dir / "panel", candidate_id)) for candidate_id in sorted(sources)}
    unsure = {candidate_id: unsure_words(lines, known) for candidate_id, lines in packs.items()}
    common = batch_words(unsure.values())
    candidates = []
    for candidate_id, lines in packs.items():
        found = _found_values(identifiers.get(candidate_id, {}))
        originals = tuple(_original(originals_dir, s) for s in sources[candidate_id]) if originals_dir else ()
        candidates.append(CandidateReview(
            candidate_id, lines, dict(per_candidate.get(candidate_id, {}).get("redactions", {})),
            {w: n for w, n in unsure[candidate_id].items() if w not in common}, found, originals,
            tuple(per_candidate.get(candidate_id, {}).get("warnings", ()))))
    created = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    near_misses = tuple(m for m in report.get("near_misses", ()) if isinstance(m, dict))
    return Review(tuple(candidates), created, _placeholders(settings), near_misses)


def _read_json(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def panel_lines(panel: Path, candidate_id: str) -> list[Line]:
    """The lines of a candidate's pack, from its DOCX or, failing that, its Markdown."""
    docx_path, md_path = panel / f"{candidate_id}.docx", panel / f"{candidate_id}.md"
    if docx_path.is_file():
        return _docx_lines(docx_path)
    if md_path.is_file():
        return [Line(line.lstrip("#").strip(), line.startswith("#"))
                for line in md_path.read_text(encoding="utf-8").splitlines() if line.strip(" -|")]
    return _table_row_lines(panel, candidate_id)


def _table_row_lines(panel: Path, candidate_id: str) -> list[Line]:
    """An ATS row of the panel's CSV tables, one "column: value" line per cell."""
    import csv

    for table in sorted(panel.glob("*.csv")):
        try:
            with open(table, newline="", encoding="utf-8-sig") as handle:
                for row in csv.DictReader(handle):
                    if row.get("candidate_id") == candidate_id:
                        return [Line(f"{table.name}, row of {candidate_id}", True)] + [
                            Line(f"{column}: {value}") for column, value in row.items()
                            if column and column != "candidate_id" and value]
        except (OSError, csv.Error, UnicodeDecodeError):
            continue
    return []


def _docx_lines(path: Path) -> list[Line]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines = []
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            paragraph = Paragraph(child, document)
            if paragraph.text.strip():
                heading = (paragraph.style.name or "").startswith(("Heading", "Title"))
                lines.append(Line(paragraph.text, heading))
        elif child.tag.endswith("}tbl"):
            for row in Table(child, document).rows:
                cells = list(dict.fromkeys(cell.text for cell in row.cells))  # merged cells repeat
                lines.append(Line(" | ".join(cells)))
    return lines


def unsure_words(lines: Sequence[Line], known_words: frozenset[str]) -> dict[str, int]:
    """Capitalised words kept in the pack that may be names, with how often each occurs."""
    text = "\n".join(line.text for line in lines)
    lower = {fold_key(w) for w in re.findall(r"(?<![\w'’\-])[a-z][^\W\d_]*", text)}
    counts: Counter[str] = Counter()
    for line in lines:
        if line.heading:
            continue
        for match in _unsure_matches(line.text, known_words, lower):
            counts[match.group(0)] += 1
    return dict(sorted(counts.items()))


def _unsure_matches(text: str, known_words: frozenset[str], lower: set[str]) -> Iterable[re.Match]:
    # A placeholder is text, not a sentence start: "[CANDIDATE] Smith" must still flag Smith.
    outside = PLACEHOLDER.sub(lambda m: "_" * len(m.group(0)), text)
    for match in _CAPITALISED.finditer(outside):
        word = fold_key(match.group(0))
        parts = re.split(r"['’\-]", word)
        if _SENTENCE_END.search(outside[:match.start()]) or word in lower:
            continue
        if len(word) < 3 or all(in_dictionary(p, known_words) for p in parts):
            continue
        yield match


def batch_words(per_candidate: Iterable[Mapping[str, int]]) -> frozenset[str]:
    """Words many candidates use (the region's towns, big employers): a name belongs to one person."""
    per_candidate = list(per_candidate)
    usage = Counter(word for words in per_candidate for word in words)
    threshold = max(3, len(per_candidate) // 4)
    return frozenset(word for word, count in usage.items() if count >= threshold)


def _found_values(found: Mapping[str, Sequence[str]]) -> tuple[str, ...]:
    values = {v.strip() for values in found.values() for v in values if len(v.strip()) > 1}
    return tuple(sorted(values, key=lambda v: (-len(v), v)))


def _original(originals_dir: Path, source: str) -> Original:
    from blindrec.extract import ExtractionError, extract_document

    if "#" in source:
        return Original(source, problem="a row of an ATS export; open the export to see it")
    path = Path(originals_dir) / source
    if not path.is_file():
        return Original(source, problem=f"not found under {originals_dir}")
    try:
        document = extract_document(path, source)
    except ExtractionError as error:
        return Original(source, problem=str(error))
    lines = tuple(Line(" | ".join(b.segments), b.kind == "heading") for b in document.blocks
                  if any(s.strip() for s in b.segments))
    return Original(source, lines)


def _settings(out_dir: Path):
    """The rules of the run that wrote DIR (hr/report.json), not the defaults."""
    from blindrec.hr.rules import RunRulesError, run_settings

    try:
        return run_settings(out_dir)
    except RunRulesError as error:
        raise ReviewError(str(error)) from error


def _dictionary(settings) -> frozenset[str]:
    from blindrec.detect.engine import ModelError, dictionary_words

    try:
        return dictionary_words(settings)
    except ModelError:
        return frozenset()  # without the model, more words are marked unsure, never fewer


def _not_name_words(settings) -> frozenset[str]:
    words = [*(settings.name_signals.get("not_names") or ()), *(settings.ner_names.get("not_person_words") or ())]
    return frozenset(fold_key(str(w)) for w in words)


def _placeholders(settings) -> dict[str, str]:
    return {entity: placeholder for entity, placeholder in settings.placeholders.items() if placeholder}


def render_review(review: Review) -> str:
    """The review page as one HTML document with its styles inline."""
    with_originals = any(c.originals for c in review.candidates)
    parts = [_HEAD, "<body>", "<h1>blindrec review</h1>",
             f"<p class='meta'>Generated {_e(review.created)} for {len(review.candidates)} candidate(s). "
             "HR only: this page is kept in hr/ and must not go to the panel.</p>",
             _legend(review), _how_to_correct(), _near_misses(review), _contents(review)]
    parts += [_candidate_section(c, review.placeholders, with_originals) for c in review.candidates]
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _legend(review: Review) -> str:
    totals: Counter[str] = Counter()
    for candidate in review.candidates:
        totals.update(candidate.redactions)
    items = [f"<li><mark class='redaction' data-type='{_e(kind)}'>{_e(_LABELS.get(kind, kind.lower()))}</mark> "
             f"{count}</li>" for kind, count in sorted(totals.items())]
    items.append("<li><mark class='unsure'>kept, but may identify someone</mark> "
                 f"{sum(sum(c.unsure.values()) for c in review.candidates)}</li>")
    return "<h2>Redactions by type</h2><ul class='legend'>" + "".join(items) + "</ul>"


def _how_to_correct() -> str:
    example = ("C-7K2Q:\n  redact:\n    - Ludlow Rugby Club\n    - pattern: 'Project \\w+'\n"
               "      placeholder: \"[PROJECT]\"\n  keep:\n    - Excel\n")
    return ("<details class='help'><summary>How to correct a pack</summary>"
            "<p>Write the corrections to <code>hr/overrides.yaml</code>, then run the same "
            "<code>blindrec anonymise ... --out DIR</code> again: candidate IDs stay the same.</p>"
            f"<pre>{_e(example)}</pre></details>")


def _near_misses(review: Review) -> str:
    def items(pairs) -> str:
        return "".join(f"<li>{_e(' + '.join(map(str, m.get('sources', ()))))}: {_e(str(m.get('reason', '')))}</li>"
                       for m in pairs)

    joined = [m for m in review.near_misses if m.get("joined")]
    apart = [m for m in review.near_misses if not m.get("joined")]
    html = ""
    if joined:
        html += ("<h2>Documents joined on the name alone: check them</h2><p>If two are different people's, add "
                 "<code>split: [one of the files]</code> to <code>hr/overrides.yaml</code> and run again.</p>"
                 "<ul class='name-joins'>" + items(joined) + "</ul>")
    if apart:
        html += ("<h2>Documents that may belong together</h2><p>Kept apart; if two are one person's, add "
                 "<code>join: [[first file, second file]]</code> to <code>hr/overrides.yaml</code> and run again.</p>"
                 "<ul class='near-misses'>" + items(apart) + "</ul>")
    return html


def _contents(review: Review) -> str:
    items = []
    for candidate in review.candidates:
        note = f" ({len(candidate.unsure)} unsure)" if candidate.unsure else ""
        items.append(f"<li><a href='#{_e(candidate.candidate_id)}'>{_e(candidate.candidate_id)}</a>{_e(note)}</li>")
    return "<nav><h2>Candidates</h2><ul class='contents'>" + "".join(items) + "</ul></nav>"


def _candidate_section(candidate: CandidateReview, placeholders: Mapping[str, str], with_originals: bool) -> str:
    counts = ", ".join(f"{_LABELS.get(k, k.lower())} {v}" for k, v in sorted(candidate.redactions.items()))
    head = [f"<section class='candidate' id='{_e(candidate.candidate_id)}'>",
            f"<h2>{_e(candidate.candidate_id)}</h2>",
            f"<p class='meta'>Redactions: {_e(counts or 'none')}</p>"]
    head += [f"<p class='warning'>{_e(w)}</p>" for w in candidate.warnings]
    if candidate.unsure:
        words = ", ".join(f"<mark class='unsure'>{_e(w)}</mark>" + (f" ×{n}" if n > 1 else "")
                          for w, n in candidate.unsure.items())
        head.append(f"<p class='unsure-list'>Kept but possibly identifying: {words}</p>")
    unsure = frozenset(candidate.unsure)
    anonymised = "".join(_line_html(line, _pack_html(line.text, placeholders, unsure)) for line in candidate.lines) \
        or "<p class='warning'>No pack for this candidate in panel/.</p>"
    left = f"<div class='pane anonymised'><h3>What the panel sees</h3>{anonymised}</div>"
    if not with_originals:
        return "\n".join(head + [f"<div class='columns one'>{left}</div>", "</section>"])
    right = "".join(_original_html(o, candidate.found) for o in candidate.originals)
    return "\n".join(head + [f"<div class='columns'>{left}<div class='pane original'><h3>Original</h3>{right}</div></div>",
                             "</section>"])


def _line_html(line: Line, inner: str) -> str:
    return f"<h4>{inner}</h4>" if line.heading else f"<p>{inner}</p>"


def _pack_html(text: str, placeholders: Mapping[str, str], unsure: frozenset[str]) -> str:
    out, cursor = [], 0
    for match in PLACEHOLDER.finditer(text):
        out.append(_unsure_html(text[cursor:match.start()], unsure))
        kind = placeholder_entity(match.group(0), placeholders)
        label = _LABELS.get(kind, kind.replace("_", " ").lower())
        out.append(f"<mark class='redaction' data-type='{_e(kind)}' title='Redacted: {_e(label)}'>"
                   f"{_e(match.group(0))}</mark>")
        cursor = match.end()
    out.append(_unsure_html(text[cursor:], unsure))
    return "".join(out)


def _unsure_html(text: str, unsure: frozenset[str]) -> str:
    if not unsure:
        return _e(text)
    pattern = re.compile(r"(?<![\w'’\-])(" + "|".join(re.escape(w) for w in sorted(unsure, key=len, reverse=True))
                         + r")(?![\w])")
    out, cursor = [], 0
    for match in pattern.finditer(text):
        out += [_e(text[cursor:match.start()]),
                f"<mark class='unsure' title='Kept, but may identify someone: check it'>{_e(match.group(0))}</mark>"]
        cursor = match.end()
    return "".join(out) + _e(text[cursor:])


def _original_html(original: Original, found: Sequence[str]) -> str:
    title = f"<h4 class='source'>{_e(original.source)}</h4>"
    if original.problem:
        return title + f"<p class='warning'>Cannot show this source: {_e(original.problem)}</p>"
    return title + "".join(_line_html(line, _found_html(line.text, found)) for line in original.lines)


def _found_html(text: str, found: Sequence[str]) -> str:
    if not found:
        return _e(text)
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(fold(v)) for v in found) + r")(?![\w])", re.IGNORECASE)
    folded = fold(text)  # same length as text, so offsets carry over
    out, cursor = [], 0
    for match in pattern.finditer(folded):
        out += [_e(text[cursor:match.start()]),
                f"<mark class='found' title='Found by blindrec'>{_e(text[match.start():match.end()])}</mark>"]
        cursor = match.end()
    return "".join(out) + _e(text[cursor:])


_TYPE_CSS = "".join(f"mark.redaction[data-type='{kind}']{{background:{colour}}}" for kind, colour in _COLOURS.items())
_HEAD = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>blindrec review (HR only)</title>
<style>
body{{font-family:system-ui,sans-serif;margin:1.5rem;line-height:1.45;color:#1b1b1b}}
.meta{{color:#555}} .warning{{color:#8a1c1c;font-weight:600}}
mark{{padding:0 .15em;border-radius:3px}}
mark.redaction{{background:#e0e0e0;font-weight:600}}
{_TYPE_CSS}
mark.unsure{{background:none;outline:2px dashed #d35400}}
mark.found{{background:#ffcdd2}}
ul.legend,ul.contents{{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem}}
section.candidate{{border-top:3px solid #333;margin-top:2rem;padding-top:.5rem}}
.columns{{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}} .columns.one{{grid-template-columns:1fr}}
.pane{{border:1px solid #ccc;padding:.5rem 1rem;overflow-wrap:anywhere}}
.pane.original{{background:#fffafa}}
pre{{background:#f4f4f4;padding:.5rem}}
@media print{{nav,details.help{{display:none}}}}
</style></head>"""
