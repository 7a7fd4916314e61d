"""Find the people in a document from every signal it offers, before propagation.

NER alone misses many names, and misses some origins more than others. A document also
says who wrote it through its structure: the file name, the author property, the first
line of a CV, form labels (Surname, Forename(s)), the sign-off of a letter, the local
part of an email address, a title (Mr, Dr) before a name. Each signal below yields
``PersonName`` candidates; ``gather_people`` groups them into the candidate, numbered
referees and other people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Iterable, Iterator, Mapping, Sequence

from blindrec.detect.fold import fold_key, in_dictionary
from blindrec.model import Block, Document

CANDIDATE, REFEREE, PERSON = "CANDIDATE", "REFEREE", "PERSON"

_WORD = re.compile(r"[^\W\d_]+(?:['’.\-][^\W\d_]+)*\.?")
_NAME_WORD = re.compile(r"^(?:[^\W\d_]['’])?[^\W\d_][^\W\d_'’\-]*(?:[-'’][^\W\d_]+)*$")
# Loose on purpose: a PDF may break an address across columns ("jo.bloggs@council.e xample").
_EMAIL = re.compile(r"(?i)(?<![\w.+-])([a-z0-9][a-z0-9._%+'-]*)@[a-z0-9-]")
_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Rev|Cllr|Councillor)\.?\s+"
                    r"((?:[A-Z][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*\.?\s?){1,3})")
# "This CV was prepared by X": a person named by a sentence about the document. Maybe the
# candidate, maybe an agency's consultant, so a person of the document, not the candidate
# (a consultant's name as the candidate's would group two agency candidates as one).
_PREPARED_BY = re.compile(r"(?i:\b(?:CV|résumé|resume|application|document|letter|form|profile)\s+"
                          r"(?:was\s+|has\s+been\s+|is\s+)?(?:prepared|written|compiled|produced|drafted|"
                          r"submitted)\s+(?:on\s+behalf\s+of\s+\w+\s+)?by)\s+"
                          r"((?:[A-Z][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*\s?){1,3})")
_MY_NAME = re.compile(r"(?i:\bmy name is|\bmy name's|\bI am called|\bI'm called|\bgo(?:es)? by|\bknown as|"
                      r"\bknow me as|\bcall(?:s)? me|\bprefer to be called|\bpreferred name is|\bnickname is)\s+"
                      r"((?:[A-Z][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*\s?){1,3})")
# "My current manager, Jo Bloggs, ..." / "my referee is Jo Bloggs": a person named by their
# relation to the applicant. Two or more capitalised words, so "my manager, Planning" is not taken.
_RELATION = re.compile(r"(?i:\b(?:my|our)\s+(?:(?:current|former|previous|last|present|line|direct|first|"
                       r"second|other|old|academic|personal|professional|character)\s+)*"
                       r"(?:manager|supervisor|referee|reference|mentor|tutor|boss|colleague|employer|"
                       r"head\s+teacher|headteacher|team\s+leader)s?)"
                       r"(?:\s*,\s*|\s+(?:is|was|will\s+be|would\s+be)\s+|\s+)"
                       r"((?:[A-Z][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*\s?){2,3})")
_SPLIT_PARTS = re.compile(r"\s*(?:\||•|·|–|—|,|\t| - |/)\s*")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_GENERIC_AUTHORS = {"microsoft office user", "user", "admin", "administrator", "windows user",
                    "owner", "author", "unknown", "hr", "python-docx", "microsoft", "office"}
_GENERIC_EMAIL_PARTS = {"info", "admin", "jobs", "hr", "recruitment", "enquiries", "contact",
                        "office", "mail", "hello", "careers", "team", "noreply", "no", "reply"}


@dataclass(frozen=True)
class PersonName:
    """One sighting of a person's name: its words, who it is, and which signal saw it."""

    role: str  # CANDIDATE | REFEREE | PERSON
    words: tuple[str, ...]
    signal: str
    position: int = 0  # block index, to number referees in reading order


@dataclass(frozen=True)
class NameVocabulary:
    """Word lists from the rules that decide what can be a name word."""

    not_names: frozenset[str]
    particles: frozenset[str]
    candidate_labels: frozenset[str]
    referee_words: frozenset[str]
    signoffs: frozenset[str]
    not_person_words: frozenset[str]
    ner_max_words: int
    # Job and place words that are also surnames ("Faith Bank", "Amy Lane"): a name may hold one.
    surname_words: frozenset[str] = frozenset()

    @classmethod
    def from_rules(cls, name_signals: Mapping, ner_names: Mapping) -> "NameVocabulary":
        """Build the vocabulary from the rules' name_signals and ner_names sections."""
        def keys(values: Iterable[str]) -> frozenset[str]:
            return frozenset(fold_key(str(v)) for v in values or ())
        return cls(keys(name_signals.get("not_names")), keys(name_signals.get("particles")),
                   keys(name_signals.get("candidate_name_labels")), keys(name_signals.get("referee_section_words")),
                   keys(name_signals.get("signoffs")), keys(ner_names.get("not_person_words")),
                   int(ner_names.get("max_words", 4)), keys(name_signals.get("surname_words")))

    def is_particle(self, word: str) -> bool:
        """Whether a word is a name particle (van, de, bin) rather than a name of its own."""
        return fold_key(word) in self.particles


_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "rev", "revd", "sir", "dame", "cllr"}
# Letters after a name are qualifications, not name words ("Amara Okafor PhD MCIPD").
_POST_NOMINALS = {"phd", "dphil", "mba", "msc", "bsc", "ba", "ma", "llb", "llm", "meng", "beng", "hons",
                  "cipd", "mcipd", "chmcipd", "fcipd", "assoc", "acca", "fcca", "cima", "aca", "fca", "cpfa",
                  "rgn", "rmn", "rn", "nmc", "mrtpi", "mcih", "cih", "frsa", "obe", "mbe", "cbe", "dipsw",
                  "pgce", "qts", "ceng", "mice", "miet", "mcmi", "fcmi", "mbcs", "pmp", "prince2"}


# A footnote mark glued to a word ("Pritchard¹", "Pritchard1" once extracted, "Okoro*"):
# superscripts and symbols after any letter, one or two plain digits after a lower-case one
# (so "DY2", a postcode district, is left for the digit check).
FOOTNOTE_MARK = re.compile(r"(?:(?<=[^\W\d_])[¹²³⁰⁴⁵⁶⁷⁸⁹*†‡§]+|(?<=[a-zà-ÿ])\d{1,2})(?=[\s,;|)]|$)")
# Letters typed apart for effect: "M A R C U S   O K O R O" (words two or more spaces apart).
_SPACED_WORD = r"[^\W\d_](?: (?:[^\W\d_]|['’\-]))+"
SPACED_CAPITALS = re.compile(rf"^\s*{_SPACED_WORD}(?:\s{{2,}}{_SPACED_WORD})*\s*$")
_VOWELS = set("aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿ")


def without_marks(text: str) -> str:
    """A short text with footnote marks dropped and spaced capitals closed up."""
    text = FOOTNOTE_MARK.sub("", text)
    if SPACED_CAPITALS.match(text):
        text = " ".join(word.replace(" ", "") for word in re.split(r"\s{2,}", text.strip()))
    return text


def is_acronym(word: str) -> bool:
    """An upper-case word of three letters or more without a vowel ("HHSRS", "NHS"): never a name."""
    return word.isupper() and len(word) >= 3 and not set(fold_key(word)) & _VOWELS


def name_words(text: str, vocab: NameVocabulary, *, require_capital: bool = True,
               labelled: bool = False) -> tuple[str, ...]:
    """The words of a short text if it reads as a person's name, else ()."""
    text = re.sub(r"\([^)]*\)", " ", without_marks(text))
    if any(ch.isdigit() for ch in text):
        return ()  # "Civil 3D", "Dudley DY2": products and places, not people
    words = [w.rstrip(".") for w in _WORD.findall(text)]
    while words and fold_key(words[0]) in _TITLES:
        words = words[1:]
    while len(words) > 1 and fold_key(words[-1]) in _POST_NOMINALS:
        words = words[:-1]
    if not 1 <= len(words) <= 6:
        return ()
    core = [w for w in words if not vocab.is_particle(w)]
    if not core or len(core) > 4:
        return ()
    ordinary_core = [w for w in core if fold_key(w) not in vocab.surname_words]
    for word in core:
        key = fold_key(word)
        # "Faith Bank": a surname that is also a job or place word, beside a word that is not one.
        surname = key in vocab.surname_words and (bool(ordinary_core) or labelled)
        if key in vocab.not_names or (key in vocab.not_person_words and not surname) or is_acronym(word):
            return ()
        if not _NAME_WORD.match(word) or (require_capital and not word[0].isupper()):
            return ()
    return tuple(words)


def gather_people(document: Document, text: str, ner_persons: Sequence[tuple[int, int, int]],
                  vocab: NameVocabulary, lowercase_words: frozenset[str],
                  ordinary_words: frozenset[str] = frozenset(),
                  dictionary: frozenset[str] = frozenset()) -> list[PersonName]:
    """Every name sighting in a document, from structure, emails, titles and NER."""
    referee_blocks = referee_section(document.blocks, vocab)
    sightings: list[PersonName] = []
    sightings += _from_file_name(document.relative_source, vocab, ordinary_words)
    sightings += _from_metadata(document.metadata, vocab, dictionary)
    first_lines = list(_from_first_lines(document.blocks, vocab))
    sightings += first_lines
    sightings += _from_labels(document.blocks, referee_blocks, vocab)
    sightings += _from_signoff(document.blocks, vocab)
    sightings += _from_phrases(document.blocks, referee_blocks, vocab)
    sightings += _from_reference_lines(document.blocks, referee_blocks, vocab)
    if not first_lines:  # a profile export's name is not on its first lines
        sightings += _from_profile_header(document.blocks, vocab, dictionary)
    sightings += _from_file_tags(text, vocab, ordinary_words, dictionary)
    known = {fold_key(w) for s in sightings if s.role == CANDIDATE for w in s.words}
    sightings += _from_emails(document.blocks, referee_blocks, text, known, vocab)
    sightings += _from_profile_links(text, vocab)
    known = {fold_key(w) for s in sightings if s.role == CANDIDATE for w in s.words}
    sightings += _from_split_name_lines(document.blocks, known, vocab)
    sightings += _from_ner(text, ner_persons, referee_blocks, vocab, lowercase_words, dictionary)
    known = {fold_key(w) for s in sightings if s.role == CANDIDATE for w in s.words}
    sightings += _from_name_variants(text, known, vocab, lowercase_words, dictionary)
    return sightings


def referee_section(blocks: Sequence[Block], vocab: NameVocabulary) -> frozenset[int]:
    """Indexes of the blocks that sit under a References/Referees heading."""
    inside: set[int] = set()
    in_section = False
    for index, block in enumerate(blocks):
        first = block.segments[0] if block.segments else ""
        heading_like = block.kind == "heading" or _is_short_heading(block)
        if heading_like:
            words = {fold_key(w) for w in _WORD.findall(" ".join(block.segments))}
            if words & vocab.referee_words and "request" not in words:
                in_section = True
            elif block.kind == "heading" or _looks_like_section_title(first):
                in_section = False
        if in_section:
            inside.add(index)
    return frozenset(inside)


def _is_short_heading(block: Block) -> bool:
    filled = [s for s in block.segments if s.strip()]
    if len(filled) != 1:
        return False
    text = filled[0].strip().rstrip(":")
    return 0 < len(text.split()) <= 4 and not any(ch.isdigit() and ch not in "12" for ch in text) and "@" not in text


def _looks_like_section_title(text: str) -> bool:
    text = text.strip().rstrip(":")
    return bool(text) and len(text.split()) <= 5 and (text.isupper() or re.match(
        r"(?i)^(section\s+\d+|part\s+[a-z0-9]{1,2}\b|declaration|supporting statement|personal statement|education|employment|"
        r"work experience|experience|skills|qualifications|training|interests|hobbies|additional information|"
        r"equal opportunities|monitoring|profile|summary|career history|personal details)\b", text) is not None)


def _from_file_name(relative_source: str, vocab: NameVocabulary,
                    ordinary_words: frozenset[str] = frozenset(), split_camel: bool = True) -> Iterator[PersonName]:
    """Name words in the file name, less document words and words the text uses as ordinary words."""
    stem = PurePath(relative_source.replace("\\", "/")).stem
    stem = _CAMEL.sub(" ", stem) if split_camel else stem
    stem = re.sub(r"\(\d+\)|\d+", " ", stem)
    parts = [p for p in re.split(r"[\s_.,;()\[\]+]+|\s-\s|(?<=\w)-(?=[A-Z][a-z]+(?:[-_ .]|$))", stem) if p]
    # "Environmental Health Officer application.docx" names a job, not a person.
    words = tuple(p for p in parts if len(p) > 1 and _NAME_WORD.match(p)
                  and not {fold_key(p)} & (vocab.not_names | vocab.not_person_words | ordinary_words))
    if words:
        yield PersonName(CANDIDATE, words, "file name")


def _from_metadata(metadata: Mapping[str, str], vocab: NameVocabulary,
                   dictionary: frozenset[str] = frozenset()) -> Iterator[PersonName]:
    for key in ("author", "last_modified_by"):
        value = (metadata.get(key) or "").strip()
        if value and value.casefold() not in _GENERIC_AUTHORS:
            words = name_words(value.replace(",", " "), vocab, require_capital=False)
            if words:
                yield PersonName(CANDIDATE, words, "document author")
    title = metadata.get("title") or ""
    # "CV - Jane Smith", "Jane Smith CV", "Curriculum Vitae of Jane Smith": the document words
    # go, and what is left is a name when it has two name words, not all of them dictionary words.
    for part in re.split(r"\s+[-–—:|]\s+", title):
        kept = " ".join(w for w in part.split() if fold_key(w.strip(".,")) not in vocab.not_names)
        words = name_words(kept, vocab)
        if len(words) >= 2 and not all(in_dictionary(fold_key(w), dictionary) for w in words):
            yield PersonName(CANDIDATE, words, "document title")


_AGENCY_BANNER = re.compile(r"(?i)\b(?:candidate\s+(?:profile|summary|details|cv)|presented\s+by|submitted\s+by|"
                            r"recruitment|resourcing|staffing|talent|agency)\b")


def _from_first_lines(blocks: Sequence[Block], vocab: NameVocabulary) -> Iterator[PersonName]:
    """The name at the top of a CV or letter: the first short line that reads as a name."""
    seen = 0
    lone_word = ""
    for block in blocks:
        for segment in block.segments:
            for line in segment.splitlines():
                if not line.strip():
                    continue
                seen += 1
                if fold_key(line.strip()).rstrip(":") in _SIDEBAR_HEADINGS:
                    return  # a profile export's sidebar: _from_profile_header reads it
                # "Curriculum Vitae – Adebayo Ogundimu": the document's kind goes before the split.
                heading = re.sub(r"(?i)^(?:curriculum vitae|cv|résumé|resume|covering letter|cover letter|"
                                 r"application)\s*(?:of|for|[-–—:|])?\s*", "", without_marks(line.strip()))
                parts = _SPLIT_PARTS.split(heading)
                first_part = parts[0]
                # "Brightwater Talent | Candidate Profile": an agency's banner over the candidate's name.
                words = () if _AGENCY_BANNER.search(" ".join(parts[1:])) else name_words(first_part, vocab)
                if lone_word:
                    # "Reuben" over "Ashdown": a name set one word per line in a text box or cell.
                    joined = name_words(f"{lone_word} {first_part}", vocab) if len(first_part.split()) <= 3 else ()
                    if len(joined) > 1:
                        yield PersonName(CANDIDATE, joined, "first line")
                    elif lone_word.isupper():
                        yield PersonName(CANDIDATE, (lone_word,), "first line")
                    return
                if len(words) >= 2:
                    yield PersonName(CANDIDATE, words, "first line")
                    return
                upper = len(words) == 1 and first_part.isupper() and len(first_part) > 2
                # One word alone: a name only with the line after it, or in capitals ("OKAFOR").
                lone_word = words[0] if upper or (len(words) == 1 and not _looks_like_section_title(line)) else ""
                # The name heads the document: past the first section heading it is someone else's.
                if seen >= 4 or (first_part and _looks_like_section_title(line) and not lone_word):
                    break
            else:
                continue
            break
        else:
            continue
        break
    if lone_word.isupper():
        yield PersonName(CANDIDATE, (lone_word,), "first line")


def _label_key(label: str) -> str:
    # "Preferred name (if different)", "Known as (optional)": the aside is not part of the label.
    label = re.sub(r"\s*\((?:if\b[^)]*|optional|where applicable|please\b[^)]*)\)", "", label.strip())
    return fold_key(re.sub(r"[:*\s]+$", "", label))


def _from_labels(blocks: Sequence[Block], referee_blocks: frozenset[int], vocab: NameVocabulary) -> Iterator[PersonName]:
    """Values of name labels in form tables and "Name: value" lines."""
    for index, block in enumerate(blocks):
        pairs: list[tuple[str, str]] = []
        if block.kind == "table_row" and len(block.cells) >= 2:
            pairs = _row_pairs(block.cells, vocab)
        else:
            for line in block.text.splitlines():
                # "SURNAME: O'NEILL    FORENAMES: Aoife": a form row laid out with spaces or tabs.
                for piece in re.split(r"\t+| {3,}", line):
                    match = re.match(r"^\s*([A-Za-z][A-Za-z0-9 ()/']{1,30}?)\s*[:|]\s*(.+)$", piece)
                    if match:
                        pairs.append((match.group(1), match.group(2)))
                    else:
                        pairs += _unseparated_label(piece, vocab)
        for label, value in pairs:
            key = _label_key(label)
            is_referee_label = bool({fold_key(w) for w in _WORD.findall(label)} & vocab.referee_words)
            plain_key = re.sub(r"^(?:referee|reference)\s*\d*\s*|\s*of\s+referee\s*\d*$", "", key).strip()
            # "Referee 1: Jo Bloggs" and "Name of referee" name a referee outright.
            # A bare "Reference: HSG/2603/46" is the post's reference number, not a referee.
            names_referee = is_referee_label and plain_key in ("", "name", "full name") and key != "reference"
            if not names_referee and plain_key not in vocab.candidate_labels and key not in vocab.candidate_labels:
                continue
            words = _label_value_name(value, vocab)
            if words:
                role = REFEREE if (index in referee_blocks or is_referee_label) else CANDIDATE
                yield PersonName(role, words, "form label", index)


def _label_value_name(value: str, vocab: NameVocabulary) -> tuple[str, ...]:
    """The name words of a name label's value; "Ng, Wai Kit" (surname first) gives all three."""
    parts = _SPLIT_PARTS.split(value.strip()) if "\n" not in value else [value.splitlines()[0]]
    untitled = [re.sub(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+", "", p) for p in parts[:2]]
    words = name_words(untitled[0], vocab, require_capital=False, labelled=True)
    lone = untitled[0].strip()
    if not words and vocab.is_particle(lone) and lone[:1].isupper():
        words = (lone,)  # "Surname: LÊ": a surname that is also a particle elsewhere ("Le Pen")
    if words and len(untitled) > 1 and re.match(r"^[^,]+,\s*[^,]+$", value.strip()):
        given = name_words(untitled[1], vocab, require_capital=False)
        if given and len(words) + len(given) <= 4:
            words += given
    return words


def _row_pairs(cells: Sequence[str], vocab: NameVocabulary) -> list[tuple[str, str]]:
    """(label, value) pairs of a table row: "Surname | Okafor | Forename(s) | Ngozi" gives two;
    "Name | Jo Bloggs | Sam Jones" (referees side by side) gives one per value."""
    is_label = [bool(_label_key(c) in vocab.candidate_labels or {fold_key(w) for w in _WORD.findall(c)}
                     & vocab.referee_words) and len(c.split()) <= 4 for c in cells]
    if sum(is_label) <= 1:
        return [(cells[0], value) for value in cells[1:]]
    return [(cells[i], cells[i + 1]) for i in range(len(cells) - 1) if is_label[i] and not is_label[i + 1]]


def _unseparated_label(line: str, vocab: NameVocabulary) -> list[tuple[str, str]]:
    """Form rows a PDF flattened into a line: "Title Miss Family name Balogun First name(s) Ifeoma".

    Wherever a name label stands, the capitalised words after it (up to the next label or
    lower-case word) are its value.
    """
    words = line.strip().split()
    pairs: list[tuple[str, str]] = []
    position = 0
    while position < len(words):
        size = _label_at(words, position, vocab)
        if not size:
            position += 1
            continue
        label = " ".join(words[position:position + size])
        value: list[str] = []
        position += size
        while position < len(words) and not _label_at(words, position, vocab):
            word = words[position]
            if not (word[:1].isupper() or vocab.is_particle(word)) or fold_key(word) in vocab.not_names:
                break  # the value ends at a lower-case word or the next label ("Known as")
            value.append(word)
            position += 1
        if value:
            pairs.append((label, " ".join(value)))
    return pairs


def _label_at(words: list[str], position: int, vocab: NameVocabulary) -> int:
    for size in (3, 2, 1):
        if position + size <= len(words) and _label_key(" ".join(words[position:position + size])) in vocab.candidate_labels:
            return size
    return 0


def _from_signoff(blocks: Sequence[Block], vocab: NameVocabulary) -> Iterator[PersonName]:
    """The name under "Yours sincerely," and its kin."""
    lines = [(i, line.strip()) for i, b in enumerate(blocks) for s in b.segments for line in s.splitlines() if line.strip()]
    signoffs = sorted(vocab.signoffs, key=len, reverse=True)
    for position, (index, line) in enumerate(lines):
        rest = _after_signoff(line, signoffs)
        if rest is None:
            continue
        following = [rest] if rest else [text for _, text in lines[position + 1:position + 3]]
        for candidate_line in following:
            words = name_words(_SPLIT_PARTS.split(candidate_line)[0], vocab)
            if words:
                yield PersonName(CANDIDATE, words, "sign-off", index)
                break


def _after_signoff(line: str, signoffs: Sequence[str]) -> str | None:
    """What follows a sign-off that opens the line ("Kind regards, Jo" -> "Jo"), else None."""
    lowered = line.lower()
    for phrase in signoffs:
        if lowered.startswith(phrase) and (len(line) == len(phrase) or line[len(phrase)] in ",.!; \t"):
            rest = line[len(phrase):].lstrip(",.!; \t")
            # "Best practice is ..." opens a sentence, not a sign-off: only a name may follow.
            return rest if not rest or not re.search(r"[a-z]{3,}\s+[a-z]", rest) else None
    return None


def _from_reference_lines(blocks: Sequence[Block], referee_blocks: frozenset[int],
                          vocab: NameVocabulary) -> Iterator[PersonName]:
    """Lines under References that open with a name ("Jo Bloggs, Head of Service, ...").

    The section is followed line by line as well as block by block, because a two-column
    CV keeps its References heading and referees inside one table cell.
    """
    previous = ""
    for index, line, in_section in _lines_with_reference_state(blocks, referee_blocks, vocab):
        # "Citizens Advice Dudley and" / "Wyre Forest": a line a PDF wrapped continues the one above.
        continues = re.search(r"(?i)(?:\b(?:and|of|for|the)|[&-])$", previous) is not None
        previous = line
        if not in_section or continues:
            continue
        opening = re.split(r",|\(| [-–—] |\||:|;", line)[0]
        opening = re.sub(r"^(?:\d+[.)]\s*|[•*\-–]\s*)", "", opening)
        words = name_words(opening, vocab)
        # Two real words at least: "Part F" (a form heading) and "Yes No" are not names.
        if len([w for w in words if not vocab.is_particle(w) and len(w) > 1 and w.lower() not in ("yes", "no")]) >= 2:
            yield PersonName(REFEREE, words, "reference line", index)


def _lines_with_reference_state(blocks: Sequence[Block], referee_blocks: frozenset[int],
                                vocab: NameVocabulary) -> Iterator[tuple[int, str, bool]]:
    carried = False  # a References heading ending the previous block (inside a layout cell)
    for index, block in enumerate(blocks):
        segments = _cells_that_may_open_with_a_name(block, vocab)
        for segment in segments:
            in_section = index in referee_blocks or carried
            for line in (l.strip() for l in segment.splitlines()):
                if not line:
                    continue
                words = {fold_key(w) for w in _WORD.findall(line)}
                if len(line.split()) <= 4 and words & vocab.referee_words and "request" not in words:
                    in_section = True
                    continue
                if _looks_like_section_title(line) and not words & vocab.referee_words:
                    in_section = False
                yield index, line, in_section
        if segments:
            carried = in_section if block.kind == "table_row" else index in referee_blocks


def _cells_that_may_open_with_a_name(block: Block, vocab: NameVocabulary) -> Sequence[str]:
    """The segments of a block whose lines may open with a referee's name.

    In a referee table ("Name | Jo Bloggs | Sam Lee") only a row's first cell can: the other
    cells hold the values of labels, read elsewhere. A layout table (cells of many lines) and a
    row of names side by side ("Jo Bloggs | Sam O'Brien") are read cell by cell.
    """
    if block.kind != "table_row" or len(block.cells) < 2:
        return block.segments
    filled = [c for c in block.segments if c.strip()]
    if any(len(c.strip().splitlines()) > 3 for c in filled):
        return block.segments
    if filled and all(len(name_words(c.strip(), vocab)) >= 2 for c in filled):
        return block.segments
    return block.segments[:1]


def _from_split_name_lines(blocks: Sequence[Block], candidate_words: set[str],
                           vocab: NameVocabulary) -> Iterator[PersonName]:
    """A name set one word per line ("Titilayo" over "Oyelaran"): a lone name-like word
    next to a line holding only a known word of the candidate's name."""
    lines = [(i, line.strip()) for i, b in enumerate(blocks) for s in b.segments
             for line in s.splitlines() if line.strip()]
    for position, (index, line) in enumerate(lines):
        words = name_words(line, vocab)
        if len(words) != 1 or fold_key(words[0]) in candidate_words:
            continue
        neighbours = [lines[p][1] for p in (position - 1, position + 1) if 0 <= p < len(lines)]
        if any(fold_key(n) in candidate_words for n in neighbours):
            yield PersonName(CANDIDATE, words, "name line", index)


def _from_phrases(blocks: Sequence[Block], referee_blocks: frozenset[int], vocab: NameVocabulary) -> Iterator[PersonName]:
    """"My name is X", "my manager, X Y" and titles before names (Mr X, Dr Y)."""
    for index, block in enumerate(blocks):
        for segment in block.segments:
            for match in _MY_NAME.finditer(segment):
                words = name_words(match.group(1), vocab)
                if words:
                    yield PersonName(CANDIDATE, words, "my name is", index)
            for match in _PREPARED_BY.finditer(segment):
                words = name_words(match.group(1), vocab)
                if words:
                    yield PersonName(PERSON, words, "prepared by", index)
            for match in _RELATION.finditer(segment):
                words = name_words(match.group(1), vocab)
                if len([w for w in words if not vocab.is_particle(w)]) >= 2:
                    yield PersonName(REFEREE, words, "my manager", index)
            for match in _TITLE.finditer(segment):
                words = name_words(match.group(1), vocab)
                if words:
                    role = REFEREE if index in referee_blocks else PERSON
                    yield PersonName(role, words, "title", index)


def _from_emails(blocks: Sequence[Block], referee_blocks: frozenset[int], text: str,
                 candidate_words: set[str], vocab: NameVocabulary) -> Iterator[PersonName]:
    """Name words spelled out in email local parts (jane.doe@, doe_j84@, janedoe@)."""
    capitalised = _capitalised_words(text)
    first_outside_references = True
    for index, block in enumerate(blocks):
        for segment in block.segments:
            for match in _EMAIL.finditer(segment):
                local = match.group(1)
                is_first = first_outside_references and index not in referee_blocks
                # The first address outside References is the candidate's own: every piece of
                # its local part counts, even one the text never spells out.
                words = _email_name_words(local, capitalised, vocab, keep_unmatched=is_first)
                if index not in referee_blocks:
                    first_outside_references = False
                if not words:
                    continue
                keys = {fold_key(w) for w in words}
                if index in referee_blocks:
                    role = REFEREE if not keys & candidate_words else CANDIDATE
                elif keys & candidate_words or is_first:
                    role = CANDIDATE
                else:
                    role = PERSON
                yield PersonName(role, words, "email", index)


_PROFILE_SLUG = re.compile(r"(?i)\b(?:linkedin\.com/(?:in|pub)|github\.com|gitlab\.com)/([a-z0-9%._-]{3,60})")


def _from_profile_links(text: str, vocab: NameVocabulary) -> Iterator[PersonName]:
    """Name words spelled out in a profile link ("linkedin.com/in/marcus-okoro-1a2b3c")."""
    capitalised = _capitalised_words(text)
    for match in _PROFILE_SLUG.finditer(text):
        words = _email_name_words(match.group(1), capitalised, vocab)
        if words:
            yield PersonName(CANDIDATE, words, "profile link")


# LinkedIn's "Save to PDF": a Contact / Top Skills column, then the name over a headline and a
# location, then Summary or Experience.
_SIDEBAR_HEADINGS = {"contact", "top skills", "languages", "certifications", "honors-awards", "publications"}
_MAIN_HEADINGS = {"summary", "about", "experience"}


def _from_profile_header(blocks: Sequence[Block], vocab: NameVocabulary,
                         dictionary: frozenset[str]) -> Iterator[PersonName]:
    """The name of a profile export: the first name-shaped line of the few above its Summary."""
    lines = [line.strip() for b in blocks for s in b.segments for line in s.splitlines() if line.strip()]
    keys = [fold_key(line).rstrip(":") for line in lines]
    if not _SIDEBAR_HEADINGS & set(keys):
        return
    main = next((i for i, key in enumerate(keys) if key in _MAIN_HEADINGS), None)
    # A location ("Leeds, West Yorkshire") has commas; a skill ("Case Management") is made of
    # dictionary words, and a word name ("Rose Lane") too, so that comes last.
    shaped = [words for line in lines[max(0, (main or 0) - 4):main or 0]
              if "," not in line and len(words := name_words(line, vocab)) >= 2
              and not any(_product_shaped(w) for w in words)]
    names = [w for w in shaped if not all(in_dictionary(fold_key(x), dictionary) for x in w)]
    if names or shaped:
        yield PersonName(CANDIDATE, names[0] if names else shaped[-1], "profile header")


# "20260211_Pritchard_CV", "Okoro_M_Application.pdf": a file's name printed in a footer.
_FILE_TAG = re.compile(r"(?<![\w/.@\\])[\w-]*(?:_[\w-]+)+(?:\.(?:docx?|pdf|odt|rtf))?(?![\w@])")
_DOCUMENT_WORD = re.compile(r"(?i)(?:^|[_\-\s])(?:cv|resume|application|covering|cover|letter|form)(?:[_\-\s.]|$)")


_TAG_WORDS = frozenset({"pack", "job", "post", "vacancy", "ref", "v", "rev", "docx", "pdf", "doc", "scan", "signed"})


def _from_file_tags(text: str, vocab: NameVocabulary, ordinary_words: frozenset[str],
                    dictionary: frozenset[str]) -> Iterator[PersonName]:
    """Name words of a file tag in the text, read like a file name."""
    for match in _FILE_TAG.finditer(text):
        tag = match.group(0)
        if not _DOCUMENT_WORD.search(tag):
            continue
        for sighting in _from_file_name(tag.replace("_", " "), vocab, ordinary_words | _TAG_WORDS, split_camel=False):
            yield PersonName(CANDIDATE, sighting.words, "file tag")


def _capitalised_words(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for word in _WORD.findall(text):
        if word[:1].isupper():
            found.setdefault(fold_key(word.rstrip(".")), word.rstrip("."))
    return found


def _email_name_words(local: str, capitalised: Mapping[str, str], vocab: NameVocabulary,
                      keep_unmatched: bool = False) -> tuple[str, ...]:
    pieces = [p for p in re.split(r"[._%+'\-\d]+", local) if len(p) >= 2]
    words: list[str] = []
    for piece in pieces:
        key = fold_key(piece)
        if key in _GENERIC_EMAIL_PARTS or key in vocab.not_names:
            continue
        if key in capitalised:
            words.append(capitalised[key])
        else:
            joined = _split_joined(key, capitalised)
            words.extend(joined or ([piece.capitalize()] if keep_unmatched and len(piece) >= 3 else []))
    return tuple(words)


def _split_joined(piece: str, capitalised: Mapping[str, str]) -> list[str]:
    # "janedoe": a capitalised word of the document at either end, the rest as a name word.
    for key, word in capitalised.items():
        if len(key) >= 4 and piece.endswith(key) and len(piece) - len(key) <= 2:
            return [word]  # an initial before a surname: "nokafor", "jkowalski"
        if len(key) >= 3 and len(piece) - len(key) >= 3:
            if piece.startswith(key):
                rest = piece[len(key):]
                return [word, capitalised.get(rest, rest.capitalize())]
            if piece.endswith(key):
                rest = piece[:-len(key)]
                return [capitalised.get(rest, rest.capitalize()), word]
    return []


def _from_ner(text: str, ner_persons: Sequence[tuple[int, int, int]], referee_blocks: frozenset[int],
              vocab: NameVocabulary, lowercase_words: frozenset[str],
              dictionary: frozenset[str] = frozenset()) -> Iterator[PersonName]:
    """spaCy PERSON entities that read as names (not software, courses or employers)."""
    for start, end, block_index in ner_persons:
        span_text = re.split(r"\n| \| ", text[start:end])[0]
        words = name_words(span_text, vocab)
        if not words or len(words) > vocab.ner_max_words or _looks_like_code(text, start, end, words):
            continue
        # A word the document also uses in lower case is an ordinary word, not a name.
        if any(fold_key(w) in lowercase_words for w in words if not vocab.is_particle(w)):
            continue
        core = [w for w in words if not vocab.is_particle(w)]
        if all(fold_key(w) in dictionary for w in core):
            continue  # "Power Query", "Foundry Walk": ordinary words NER took for a name
        if any(_product_shaped(w) or w.endswith(("'s", "’s")) for w in core) or _on_a_dated_line(text, start, end):
            continue  # "ArcGIS Pro", "APP Civica"; employers on "Balfour Beatty, 2019 – 2023" lines
        in_references = block_index in referee_blocks
        # One capitalised word is too often a product or a job word ("Mosaic", "Accountant");
        # in a references section, a referee's name starts its line ("Jo Bloggs, Head of ...").
        if len(core) < 2 or (in_references and not _starts_line(text, start)):
            continue
        yield PersonName(REFEREE if in_references else PERSON, words, "ner", block_index)


_CAPITALISED = re.compile(r"(?<![\w'’\-])[A-Z][^\W\d_]*(?:['’\-][A-Z]?[^\W\d_]+)*")


def _from_name_variants(text: str, known: set[str], vocab: NameVocabulary, lowercase_words: frozenset[str],
                        dictionary: frozenset[str]) -> Iterator[PersonName]:
    """Short and long forms of the candidate's name words, and a surname after their given name.

    "Bisi" known, "Olabisi Adewale-Jones applies": Olabisi is a long form (a name word of four
    letters or more begins or ends it), and Adewale-Jones follows it. "Chukwuemeka" known, so
    "Emeka" is a short form. Only words that are not in the dictionary, not job or place words
    and never written in lower case by the document count.
    """
    stems = {k for k in known if len(k) >= 4}
    if not stems:
        return

    def name_like(word: str) -> bool:
        key = fold_key(word)
        return (len(key) >= 2 and key not in dictionary and key not in lowercase_words and key not in vocab.not_names
                and key not in vocab.not_person_words and not vocab.is_particle(word) and not _product_shaped(word))

    matches = list(_CAPITALISED.finditer(text))
    for position, match in enumerate(matches):
        word = _without_possessive(match.group(0))  # "Kayode’s" is Kayode, not a longer form
        key = fold_key(word)
        is_variant = key not in known and len(key) >= 4 and name_like(word) and any(
            stem != key and (key.startswith(stem) or key.endswith(stem) or stem.startswith(key) or stem.endswith(key))
            for stem in stems)
        if not (key in known or is_variant):
            continue
        words = [word] if is_variant else []
        following = matches[position + 1] if position + 1 < len(matches) else None
        # The surname: the very next word, on the same line, separated by one space only.
        surname = _without_possessive(following.group(0)) if following else ""
        if (following and text[match.end():following.start()] == " " and fold_key(surname) not in known
                and (name_like(surname) or _between_names(text, matches, position + 1, known, lowercase_words, vocab))
                and not _starts_org(text, following.end(), vocab)):
            words.append(surname)
        # The given and middle names before a known surname ("Harleen Kaur" before "Sandhu").
        # Not before a surname that is also a word ("Lane", "Bank") nor before an organisation
        # word ("Sandhu Associates"): "Dudley Lane Surgery" and "Lloyds Bank" name no one.
        back = position
        walk_back = key not in vocab.surname_words and not _starts_org(text, match.end(), vocab)
        while walk_back and key in known and back > 0 and position - back < 2:
            previous = _without_possessive(matches[back - 1].group(0))
            if text[matches[back - 1].end():matches[back].start()] != " " or fold_key(previous) in known \
                    or not name_like(previous):
                break
            words.insert(0, previous)
            back -= 1
        if words:
            yield PersonName(CANDIDATE, tuple(words), "name variant")


def _between_names(text: str, matches: list, index: int, known: set[str], lowercase_words: frozenset[str],
                   vocab: NameVocabulary) -> bool:
    """Whether word ``index`` stands between two known name words ("Liban Faisal Mohamud").

    There a dictionary word is a middle name too ("Mary Rose Smith"), unless the document
    writes it in lower case elsewhere or it is a job or organisation word.
    """
    if index + 1 >= len(matches) or index < 1:
        return False
    after = matches[index + 1]
    key = fold_key(matches[index].group(0))
    return (text[matches[index].end():after.start()] == " " and fold_key(_without_possessive(after.group(0))) in known
            and key not in lowercase_words and key not in vocab.not_person_words and key not in vocab.not_names)


def _without_possessive(word: str) -> str:
    return re.sub(r"['’]s$", "", word)


def _starts_org(text: str, end: int, vocab: NameVocabulary) -> bool:
    """Whether an organisation or job word follows ("Adewale Associates", "Kirklees Council")."""
    after = re.match(r" ([A-Z][^\W\d_]+)", text[end:end + 40])
    return bool(after) and fold_key(after.group(1)) in vocab.not_person_words


def _starts_line(text: str, start: int) -> bool:
    line_start = max(text.rfind("\n", 0, start), text.rfind(" | ", 0, start) + 2) + 1
    prefix = text[line_start:start]
    return re.fullmatch(r"\s*(?:[\d.)•\-–*]+\s*)?(?:[A-Za-z ]{1,25}:\s*)?", prefix) is not None


def _looks_like_code(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """An acronym or reference code that NER took for a person ("CST/2611/33")."""
    touching = text[max(0, start - 1):start] + text[end:end + 1]
    if any(ch in "/\\#_0123456789@" for ch in touching):
        return True
    return len(words) == 1 and (words[0].isupper() or len(words[0]) < 3)


_NAME_PREFIXES = ("Mc", "Mac", "Nic", "Mhic", "Ní", "O'", "O’", "D'", "D’", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "St", "Fitz")


def _product_shaped(word: str) -> bool:
    """Capitals where names do not have them: ArcGIS, OpenRevenues, or a short acronym in a mixed span."""
    if word.isupper():
        return len(word) <= 4
    inner = [i for i, ch in enumerate(word) if ch.isupper() and i > 0]
    return any(not word[:i].endswith(_NAME_PREFIXES) and word[i - 1] not in "-'’" for i in inner)


def _on_a_dated_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return re.search(r"\b(?:19|20)\d\d\b", line) is not None
