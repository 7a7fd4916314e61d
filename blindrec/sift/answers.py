"""Find each criterion's answer in a candidate's anonymised pack.

In order of trust: a form question or section the config names for the criterion (or its
ID as a heading: "E1"); an ATS column that holds the criterion's answer; a heading in a
statement or letter sharing the criterion's words; a statement with one heading per
criterion, read in the person specification's order. When none of these finds it, the whole
statement (else the whole application) is the answer, so no candidate loses evidence for not
using headings, and the sift report says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from blindrec.model import Block
from blindrec.sift.config import Criterion, SiftConfig
from blindrec.sift.packs import ATS_KIND, CandidatePack, PackDocument

FORM_QUESTION = "form question"
HEADING = "heading"
SPEC_ORDER = "heading in person-specification order"
ATS_COLUMN = "ATS column"
WHOLE_STATEMENT = "whole statement (no heading matched)"
WHOLE_APPLICATION = "whole application (no statement found)"
FALLBACKS = (WHOLE_STATEMENT, WHOLE_APPLICATION)

_FORM_KINDS = ("Application form", ATS_KIND)
_CV_KIND = "CV"
_MIN_ANSWER_WORDS = 8
_PSEUDO_LEVEL = 99
_PSEUDO_WORDS = 10
# Short lines that start the next part of a form or CV, where a statement under a short line ends.
_NEXT_PART = re.compile(r"(?:section|part)\s+\w+\b|\d+\s*[.):–-]|(?:references?|referees?|declaration|education|"
                        r"employment|qualifications?|training|career|work history|personal details|"
                        r"equal opportunities|monitoring)\b", re.I)
# Short lines that are a letter's or form's furniture, never an answer's heading.
_NOT_A_HEADING = re.compile(r"(?:re|ref|reference|subject|post applied for|application for|job title|vacancy|"
                            r"dear|yours|kind regards|best wishes|date)\b", re.I)  # a short line standing alone, read as a heading below every real one
# Words that say nothing about which criterion a heading is for.
_STOPWORDS = frozenset("""a an and the of to in on for with by at or as be is are it its this that your you our we
i my me from into about able ability experience experienced knowledge understanding skill skills
demonstrate demonstrable demonstrated evidence proven good excellent strong sound high level levels
including relevant effective effectively use using work working criterion criteria essential desirable
question""".split())


@dataclass(frozen=True)
class Answer:
    """A candidate's answer to one criterion: the blocks to show, how they were found and where."""

    candidate_id: str
    criterion_id: str
    blocks: tuple[Block, ...]
    found_by: str
    where: str

    @property
    def is_fallback(self) -> bool:
        """Whether no heading, question or column matched and a whole statement stands in."""
        return self.found_by in FALLBACKS


@dataclass(frozen=True)
class Section:
    """A heading (or question, or short standalone line) and the blocks under it."""

    document: int
    kind: str
    title: str
    level: int
    blocks: tuple[Block, ...]
    start: int
    end: int
    from_form_row: bool = False


def find_answers(config: SiftConfig, pack: CandidatePack) -> dict[str, Answer]:
    """Each criterion's answer (by criterion ID) in one candidate's pack."""
    if pack.columns:
        return _table_answers(config, pack)
    return _document_answers(config, pack.candidate_id, pack.documents)


def _document_answers(config: SiftConfig, candidate_id: str, documents: Sequence[PackDocument],
                      column_found: dict[str, Answer] | None = None) -> dict[str, Answer]:
    sections = [s for number, d in enumerate(documents) for s in sections_of(number, d)]
    statements = [_statement_area(s, sections, documents) for s in sections
                  if _names_any(s.title, config.statement_headings)]
    answers = dict(column_found or {})
    for criterion in config.criteria:
        if criterion.id in answers:
            continue
        named = [s for s in sections if _names_criterion(s.title, criterion)]
        if named:
            answers[criterion.id] = _answer(candidate_id, criterion, named, _question_or_heading(named[0]))
            continue
        matched = _best_by_words(criterion, [s for s in sections if _may_head_an_answer(s, statements)])
        if matched:
            answers[criterion.id] = _answer(candidate_id, criterion, matched, _question_or_heading(matched[0]))
    for criterion, section in _by_spec_order(config, answers, sections, statements, documents):
        answers[criterion.id] = _answer(candidate_id, criterion, [section], SPEC_ORDER)
    fallback = _fallback(candidate_id, statements, documents)
    for criterion in config.criteria:
        if criterion.id not in answers:
            answers[criterion.id] = Answer(candidate_id, criterion.id, fallback[0], fallback[1], fallback[2])
    return answers


def _statement_area(statement: Section, sections: Sequence[Section], documents: Sequence[PackDocument]) -> Section:
    """A statement under a short line (a PDF's 'Section 4 - Supporting statement') runs to the form's next section.

    Its own sub-headings ('Criterion: ...') are short lines too, so ending it at the next short
    line would cut the statement to its first paragraph.
    """
    if statement.level < _PSEUDO_LEVEL or statement.from_form_row:
        return statement
    ends = [s.start for s in sections if s.document == statement.document and s.start > statement.start
            and (s.level < _PSEUDO_LEVEL or _NEXT_PART.match(s.title))]
    end = min(ends, default=len(documents[statement.document].blocks))
    return replace(statement, end=end, blocks=tuple(documents[statement.document].blocks[statement.start + 1:end]))


def _table_answers(config: SiftConfig, pack: CandidatePack) -> dict[str, Answer]:
    """An ATS row: the criterion's own column, else headings within the statement column, else the statement."""
    cells = {name.casefold().strip(): (name, cell) for name, cell in pack.columns}
    answers: dict[str, Answer] = {}
    for criterion in config.criteria:
        # Its own columns first, then a column its questions name ("Q3", "Question 3").
        named = [cells.get(c.casefold().strip(), ("", "")) for c in criterion.columns]
        named += [(n, c) for n, c in pack.columns if _names_criterion(n, criterion)]
        name, cell = next(((n, c) for n, c in named if c.strip()), ("", ""))
        if cell:
            answers[criterion.id] = Answer(pack.candidate_id, criterion.id, _paragraphs(cell), ATS_COLUMN, name)
    statement = [(n, c) for n, c in pack.columns if c.strip() and _names_any(n, config.statement_columns)]
    if statement:
        documents = [PackDocument(_statement_label(n), (Block("heading", n, level=1), *_paragraphs(c)))
                     for n, c in statement]
    else:
        documents = [PackDocument(ATS_KIND, tuple(b for n, c in pack.columns if c.strip()
                                                  for b in (Block("heading", n, level=1), *_paragraphs(c))))]
    found = _document_answers(config, pack.candidate_id, documents, answers)
    if statement:
        return found
    # Without a statement column the whole row stands in: that is the whole application.
    return {key: (Answer(a.candidate_id, a.criterion_id, a.blocks, WHOLE_APPLICATION, "every column")
                  if a.is_fallback else a) for key, a in found.items()}


def _statement_label(column: str) -> str:
    return f"Supporting statement ({column})"


def _paragraphs(cell: str) -> tuple[Block, ...]:
    return tuple(Block("paragraph", line.strip()) for line in cell.splitlines() if line.strip())


def sections_of(number: int, document: PackDocument) -> list[Section]:
    """Every heading, form question row and heading-like line of a document, with the blocks under it."""
    heads: list[tuple[int, str, int, bool]] = []  # (block index, title, level, from a form row)
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if block.kind == "heading":
            heads.append((index, block.text.strip(), block.level, False))
        elif block.kind == "table_row" and _is_question_row(block):
            heads.append((index, block.cells[0].strip(), _PSEUDO_LEVEL, True))
        elif block.kind == "paragraph" and _looks_like_heading(block.text) and not _continues(blocks, index):
            heads.append((index, block.text.strip(), _PSEUDO_LEVEL, False))
    sections = []
    for position, (index, title, level, row) in enumerate(heads):
        if row:
            body = (Block("paragraph", text) for text in blocks[index].cells[1:] if text.strip())
            sections.append(Section(number, document.kind, title, level, tuple(body), index, index + 1, True))
            continue
        end = next((i for i, _, other, _ in heads[position + 1:] if other <= level), len(blocks))
        sections.append(Section(number, document.kind, title, level, tuple(blocks[index + 1:end]), index, end))
    return sections


def _is_question_row(block: Block) -> bool:
    """A form row whose first cell asks and whose second answers at length."""
    return len(block.cells) >= 2 and bool(block.cells[0].strip()) and len(block.cells[1].split()) >= 12


def _looks_like_heading(text: str) -> bool:
    """A short line standing alone without closing punctuation: 'Leading a team', 'Q2', 'STATEMENT IN SUPPORT'."""
    text = text.strip()
    words = text.split()
    if not words or len(words) > _PSEUDO_WORDS or "\n" in text or text[-1] in ".,;!?'\"”’)]" \
            or not (text[0].isupper() or text[0].isdigit()) or _NOT_A_HEADING.match(text):
        return False
    return bool(re.search(r"[A-Za-z]{2}", re.sub(r"\[[^\]]*\]", "", text)))


def _continues(blocks: Sequence[Block], index: int) -> bool:
    """Whether the next block goes on in lower case: the line is a PDF's wrapped sentence, not a heading."""
    following = blocks[index + 1] if index + 1 < len(blocks) else None
    return following is not None and following.kind == "paragraph" and following.text.strip()[:1].islower()


def _normal(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _names_any(title: str, phrases: Sequence[str]) -> bool:
    title = _normal(title)
    return any(re.search(rf"(?<!\w){re.escape(_normal(p))}(?!\w)", title) for p in phrases if _normal(p))


def _names_criterion(title: str, criterion: Criterion) -> bool:
    """The config names this heading for the criterion, or the heading is the criterion's ID ('E1', 'E1:')."""
    if _names_any(title, criterion.questions):
        return True
    return bool(re.search(r"\d", criterion.id) and re.search(r"[A-Za-z]", criterion.id)
                and re.match(rf"(?:criterion\s+)?{re.escape(criterion.id)}(?!\w)", title.strip(), re.I))


def _stem(word: str) -> str:
    """A rough stem, enough to match 'leading', 'leader' and 'leadership', or 'managing' and 'management'."""
    for suffix in ("ership", "ations", "ation", "ments", "ment", "ship", "ings", "ing", "ies", "ers", "er", "ed",
                   "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.rstrip("e")[:5] if len(word) > 3 else word


def stems(text: str) -> frozenset[str]:
    """The meaningful word stems of a text: 'Leading and motivating a team' -> lead, motiva, team."""
    words = re.findall(r"[a-z]+", text.casefold())
    return frozenset(_stem(w) for w in words if w not in _STOPWORDS and len(w) > 1)


def _best_by_words(criterion: Criterion, sections: Sequence[Section]) -> list[Section]:
    """The sections whose headings share most of the criterion's words (all of the best, none if none match)."""
    wanted = stems(" ".join((criterion.title, *criterion.keywords)))
    best: tuple[int, float] = (0, 0.0)
    chosen: list[Section] = []
    for section in sections:
        heading = stems(section.title)
        shared = len(wanted & heading)
        # One shared word is enough only when it is the heading's only word ('Teamwork' no, 'Team' yes);
        # a heading with nothing under it is a letter's address line, not an answer.
        if not shared or (shared < 2 and len(heading) > 1) or _word_count(section.blocks) < _MIN_ANSWER_WORDS:
            continue
        score = (shared, shared / len(heading))
        if score > best:
            best, chosen = score, [section]
        elif score == best:
            chosen.append(section)
    return chosen


def _may_head_an_answer(section: Section, statements: Sequence[Section]) -> bool:
    """Headings of letters and statements, and of forms (not their short labels); in a CV only inside its statement."""
    if section in statements:
        return False
    if _within(section, statements):
        return True
    if section.kind == _CV_KIND:
        return False
    return section.kind not in _FORM_KINDS or section.level < _PSEUDO_LEVEL or section.from_form_row


def _word_count(blocks: Sequence[Block]) -> int:
    return sum(len(segment.split()) for block in blocks for segment in block.segments)


def _within(section: Section, outer: Sequence[Section]) -> bool:
    """Whether a section lies inside one of the `outer` sections (same document, among its blocks)."""
    return any(o.document == section.document and o.start < section.start < o.end for o in outer)


def _by_spec_order(config: SiftConfig, answers: dict[str, Answer], sections: Sequence[Section],
                   statements: Sequence[Section], documents: Sequence[PackDocument]):
    """A statement with exactly one heading per criterion: its i-th heading answers the i-th criterion."""
    missing = [c for c in config.criteria if c.id not in answers]
    if not missing:
        return []
    for group in _statement_headings(sections, statements, documents):
        if len(group) != len(config.criteria):
            continue
        place = {c.id: _where(s) for c, s in zip(config.criteria, group)}
        in_group = {_where(s) for s in group}
        # The order holds only if every heading that matched by words sits at its criterion's place.
        if all(place[key] == answer.where for key, answer in answers.items() if answer.where in in_group):
            return [(c, s) for c, s in zip(config.criteria, group) if c in missing]
    return []


def _statement_headings(sections: Sequence[Section], statements: Sequence[Section],
                        documents: Sequence[PackDocument]) -> list[list[Section]]:
    """The headings inside each statement section, and in each letter or statement document."""
    groups = [[s for s in sections if s.level >= outer.level and _within(s, [outer])] for outer in statements]
    for number, document in enumerate(documents):
        if document.kind not in _FORM_KINDS and document.kind != _CV_KIND:
            groups.append([s for s in sections if s.document == number])
    # A heading with nothing under it (an address line, a sign-off) answers nothing.
    return [[s for s in group if _word_count(s.blocks) >= _MIN_ANSWER_WORDS] for group in groups]


def _question_or_heading(section: Section) -> str:
    if section.kind == ATS_KIND and section.level < _PSEUDO_LEVEL:
        return ATS_COLUMN  # an ATS row's headings are its column names
    real_form_heading = section.kind in _FORM_KINDS and section.level < _PSEUDO_LEVEL
    return FORM_QUESTION if section.from_form_row or real_form_heading else HEADING


def _where(section: Section) -> str:
    return f"{section.kind}: {section.title}"


def _answer(candidate_id: str, criterion: Criterion, sections: Sequence[Section], found_by: str) -> Answer:
    blocks: list[Block] = []
    for section in sections:
        blocks += [Block("heading", section.title, level=1), *section.blocks] if len(sections) > 1 else section.blocks
    return Answer(candidate_id, criterion.id, tuple(blocks), found_by, "; ".join(_where(s) for s in sections))


def _fallback(candidate_id: str, statements: Sequence[Section],
              documents: Sequence[PackDocument]) -> tuple[tuple[Block, ...], str, str]:
    """The whole statement (its sections, else the letters and statements), else the whole application."""
    outermost = [s for s in statements if not _within(s, statements)]
    if outermost:
        blocks = [b for s in outermost for b in (Block("heading", s.title, level=1), *s.blocks)]
        return tuple(blocks), WHOLE_STATEMENT, "; ".join(_where(s) for s in outermost)
    letters = [d for d in documents if d.kind not in _FORM_KINDS and d.kind != _CV_KIND and d.kind != "Document"]
    chosen, found_by = (letters, WHOLE_STATEMENT) if letters else (list(documents), WHOLE_APPLICATION)
    blocks = [b for d in chosen for b in (Block("heading", d.kind, level=1), *d.blocks)]
    return tuple(blocks), found_by, "; ".join(d.kind for d in chosen) or "nothing"
