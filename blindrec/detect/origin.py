"""Origin cues generalised at the strict policy level: the evidence stays, where the candidate
is from goes.

"volunteer at my local gurdwara" becomes "volunteer at a local place of worship", "fluent in
Punjabi and Urdu" becomes "fluent in two further languages" (unless the role needs them), a
school or an employer abroad becomes "[SCHOOL OUTSIDE THE UK]" or "[EMPLOYER OUTSIDE THE UK]".
The word lists are data in rules/origin-cues.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import yaml

from blindrec.model import Span

STANDARD, STRICT = "standard", "strict"
LEVELS = (STANDARD, STRICT)
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@dataclass(frozen=True)
class OriginLists:
    """The word lists of rules/origin-cues.yaml, as patterns."""

    worship: re.Pattern
    named_worship: re.Pattern
    language: re.Pattern
    language_names: dict[str, str]  # folded -> as listed
    language_cue: re.Pattern
    place: str  # a regex alternation of places abroad


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=4)
def load_origin_lists(path: Path) -> OriginLists:
    """The origin word lists from a YAML file."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    worship = _alternation(str(w) for w in data.get("places_of_worship") or ())
    languages = [str(w) for w in data.get("languages") or ()]
    language = _alternation(languages)
    return OriginLists(
        worship=re.compile(rf"(?i)\b(?:my|our|the|a)[ \t]+(?:(?:local|nearest|family|community)[ \t]+)*(?:{worship})\b"),
        named_worship=re.compile(rf"\b(?:(?:St\.?|Saint|Guru|Sri|Shri|Holy|Our|Lady|Central|Jamia|Masjid|Beth|"
                                 rf"[A-Z][\w'’\-]+)[ \t]+){{1,4}}(?i:{worship})\b"),
        language=re.compile(rf"\b(?:{language})\b(?:[ \t]*\([^)\n]{{0,30}}\))?"),
        language_names={w.casefold(): w for w in languages},
        language_cue=re.compile(r"(?i)\b(?:" + _alternation(str(w) for w in data.get("language_cues") or ())
                                + r")\b"),
        place=_alternation(str(w) for w in data.get("places_abroad") or ()),
    )


def origin_spans(text: str, lists: OriginLists, required_languages: Sequence[str] = ()) -> list[Span]:
    """Spans that generalise origin cues in a document's text (the strict level)."""
    return [*_worship_spans(text, lists), *_language_spans(text, lists, required_languages),
            *_abroad_spans(text, lists)]


def _span(start: int, end: int, replacement: str, signal: str) -> Span:
    return Span(start, end, "ORIGIN_CUE", replacement, 0.8, signal)


def _worship_spans(text: str, lists: OriginLists) -> list[Span]:
    spans = [_span(m.start(), m.end(), "a local place of worship", "place of worship")
             for m in lists.worship.finditer(text)]
    spans += [_span(m.start(), m.end(), "a local place of worship", "place of worship")
              for m in lists.named_worship.finditer(text)]
    return spans


# A run of languages: "Punjabi, Urdu and Hindi", "Polish (native) / Russian (basic)".
_JOINER = r"[ \t]*(?:,[ \t]*(?:and[ \t]+|&[ \t]+)?|[ \t]+and[ \t]+|[ \t]*&[ \t]*|[ \t]*/[ \t]*|[ \t]+or[ \t]+)[ \t]*"


def _language_spans(text: str, lists: OriginLists, required: Sequence[str]) -> list[Span]:
    keep = {w.casefold() for w in required} | {"english"}
    run = re.compile(rf"{lists.language.pattern}(?:{_JOINER}(?:English\b(?:[ \t]*\([^)\n]{{0,30}}\))?|"
                     rf"{lists.language.pattern}))*")
    spans = []
    for match in run.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[max(line_start, match.start() - 60):match.start()]
        if not (lists.language_cue.search(before) or "(" in match.group(0)
                or re.match(r"(?i)[ \t]*languages?\b", text[line_start:match.start()])):
            continue  # "the Polish community": a people, not a skill
        after = text[match.end():match.end() + 30].lstrip(" \t")
        if re.match(r"[a-z]", after) and not re.match(r"(?:and|or|to|at|with|as|in|is|are|was|fluently|well|"
                                                       r"daily|every|for|from)\b", after):
            continue  # "Punjabi food", "Polish colleagues": an adjective before a noun
        names = [m.group(0).split("(")[0].strip() for m in re.finditer(
            rf"\bEnglish\b|{lists.language.pattern}", match.group(0))]
        kept = [n for n in dict.fromkeys(names) if n.casefold() in keep]
        others = len({n.casefold() for n in names} - keep)
        if not others:
            continue
        further = f"{_NUMBERS[others] if others < len(_NUMBERS) else others} further language{'s' * (others > 1)}"
        kept_text = ", ".join(kept)
        replacement = f"{kept_text} and {further}" if kept else further
        spans.append(_span(match.start(), match.end(), replacement, "languages"))
    return spans


_INSTITUTION = (r"(?:(?:Lycée|Lycee|Gymnasium|Liceum|Lyceum|Colegio|Escuela|Instituto|École|Ecole|Scoala|Școala)"
                r"(?:[ \t]+[A-Z0-9][\w'’.\-]*){1,5}|"
                r"(?:[A-Z][\w'’.\-]*[ \t]+){0,5}(?:School|Lycée|Lycee|Gymnasium|Liceum|Lyceum|College|Academy|"
                r"University|Institute|Polytechnic)(?:[ \t]+(?:of|for|de|du|di)[ \t]+[A-Z][\w'’\-]*(?:[ \t]+[A-Z][\w'’\-]*){0,3})?)")
_ORG = r"(?:[A-Z][\w&'’.\-]*)(?:[ \t]+(?:&[ \t]+|of[ \t]+|and[ \t]+|for[ \t]+)?[A-Z][\w&'’.\-]*){0,5}"


def _abroad_spans(text: str, lists: OriginLists) -> list[Span]:
    """Schools and employers named with a place outside the UK."""
    if not lists.place:
        return []
    place = rf"(?:{lists.place})\b"
    places = rf"{place}(?:,[ \t]*{place})*"
    # "Lycée Victor Hugo, Paris", "University of Lagos", "Government College, Lahore, Pakistan"
    school = re.compile(rf"(?:{_INSTITUTION}(?:,[ \t]*|[ \t]+in[ \t]+|[ \t]*[-–—(][ \t]*){places}\)?|"
                        rf"(?:[A-Z][\w'’.\-]*[ \t]+){{0,3}}(?:School|College|University|Institute|Academy)[ \t]+of[ \t]+{places}|"
                        rf"{places}[ \t]+(?:[A-Z][\w'’.\-]*[ \t]+){{0,3}}(?:School|College|University|Institute|Academy|"
                        rf"Lycée|Gymnasium|Liceum)\b)")
    spans = [_span(m.start(), m.end(), "[SCHOOL OUTSIDE THE UK]", "school abroad") for m in school.finditer(text)]
    taken = [(s.start, s.end) for s in spans]
    # "Dangote Group, Lagos, Nigeria", "Shell (Abuja)". Not "I worked in Lagos": no joiner "in".
    employer = re.compile(rf"(?<![\w'’])(?!I\b)({_ORG})(?:,[ \t]*|[ \t]*[-–—|(][ \t]*){places}\)?")
    for match in employer.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        # "Lagos, Nigeria" alone is a place, not an employer.
        is_place = re.fullmatch(places, match.group(1)) is not None
        spans.append(_span(match.start(), match.end(), "[PLACE OUTSIDE THE UK]" if is_place
                           else "[EMPLOYER OUTSIDE THE UK]", "employer abroad"))
    return spans
