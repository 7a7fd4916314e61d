"""Load and validate a sift config (SIFT.yaml): the role, criteria, scale, panellists and where answers are."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from blindrec.checklist.errors import ChecklistInputError
from blindrec.checklist.fields import Fields, read_yaml_mapping
from blindrec.sift.errors import SiftError

# Panellist and criterion IDs become file names and sheet cells: short, plain and unambiguous.
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,19}")
# Where a candidate's supporting statement usually is: form sections and headings.
DEFAULT_STATEMENT_HEADINGS = ("supporting statement", "supporting information", "statement in support",
                              "personal statement", "statement of suitability", "how you meet the person specification")
DEFAULT_STATEMENT_COLUMNS = ("supporting statement", "supporting information", "personal statement", "statement")


@dataclass(frozen=True)
class Criterion:
    """One criterion of the person specification, and what names its answer in an application."""

    id: str
    title: str
    evidence: str
    keywords: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()  # form questions, section names or labels that hold its answer
    columns: tuple[str, ...] = ()  # ATS columns that hold its answer


@dataclass(frozen=True)
class Scale:
    """The marking scale, the same for every criterion, with optional words for each point."""

    low: int
    high: int
    labels: Mapping[int, str]


@dataclass(frozen=True)
class SiftConfig:
    """A validated sift config."""

    source: str
    role: str
    scale: Scale
    panellists: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    statement_headings: tuple[str, ...]
    statement_columns: tuple[str, ...]

    def criterion(self, key: str) -> Criterion | None:
        """The criterion with this ID (any case), or None."""
        return next((c for c in self.criteria if c.id.casefold() == key.strip().casefold()), None)


def load_config(path: Path) -> SiftConfig:
    """The sift config in `path`, validated; SiftError names the file and field when it is wrong."""
    try:
        return parse_config(read_yaml_mapping(Path(path), "sift config"), str(path))
    except ChecklistInputError as error:
        raise SiftError(str(error)) from error


def parse_config(data: Mapping[str, Any], source: str) -> SiftConfig:
    """A SiftConfig from the YAML mapping; ChecklistInputError on the first wrong field."""
    fields = Fields(source, data)
    fields.reject_unknown({"role", "scale", "panellists", "criteria", "statement"})
    panellists = _ids(fields, "panellists", minimum=2,
                      why="at least two panellists score independently (UK shortlisting practice)")
    criteria_data = fields.raw("criteria")
    if not isinstance(criteria_data, list) or not criteria_data:
        raise fields.fail("criteria", "must be a list of the person specification's criteria (id, title, evidence).")
    criteria = tuple(_criterion(source, item, number) for number, item in enumerate(criteria_data, start=1))
    duplicate = _first_duplicate(c.id for c in criteria)
    if duplicate:
        raise fields.fail("criteria", f"names the criterion ID '{duplicate}' twice; give each criterion its own ID.")
    statement = Fields(source, fields.raw("statement", {}) or {}, "statement")
    statement.reject_unknown({"headings", "columns"})
    return SiftConfig(
        source=source, role=fields.text("role"), scale=_scale(Fields(source, fields.raw("scale"), "scale")),
        panellists=panellists, criteria=criteria,
        statement_headings=_texts(statement, "headings") or DEFAULT_STATEMENT_HEADINGS,
        statement_columns=_texts(statement, "columns") or DEFAULT_STATEMENT_COLUMNS)


def _criterion(source: str, item: Any, number: int) -> Criterion:
    fields = Fields(source, item, f"criteria[{number}]")
    fields.reject_unknown({"id", "title", "evidence", "keywords", "questions", "columns"})
    criterion_id = fields.text("id")
    if not _ID.fullmatch(criterion_id):
        raise fields.fail("id", f"is '{criterion_id}'; use up to 20 letters, digits, '-' or '_' (like E1 or D2).")
    return Criterion(criterion_id, fields.text("title"), fields.text("evidence"), _texts(fields, "keywords"),
                     _texts(fields, "questions"), _texts(fields, "columns"))


def _scale(fields: Fields) -> Scale:
    fields.reject_unknown({"min", "max", "labels"})
    low = fields.whole_number("min", 0)
    high = fields.whole_number("max", 1)
    if high <= low:
        raise fields.fail("max", f"is {high}, which is not above min ({low}); give a scale like min: 0, max: 4.")
    labels_data = fields.raw("labels", {}) or {}
    if not isinstance(labels_data, dict):
        raise fields.fail("labels", "must map each score to its words (0: No evidence, 1: Limited ...).")
    labels: dict[int, str] = {}
    for point, words in labels_data.items():
        if isinstance(point, bool) or not isinstance(point, int) or not low <= point <= high:
            raise fields.fail("labels", f"has the score '{point}', which is not a whole number from {low} to {high}.")
        if not isinstance(words, str) or not words.strip():
            raise fields.fail("labels", f"gives no words for the score {point}; describe what it means.")
        labels[point] = words.strip()
    return Scale(low, high, dict(sorted(labels.items())))


def _ids(fields: Fields, key: str, minimum: int, why: str) -> tuple[str, ...]:
    values = fields.raw(key)
    if not isinstance(values, list) or len(values) < minimum:
        raise fields.fail(key, f"must list at least {minimum} IDs or initials ({why}).")
    ids = []
    for value in values:
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
        if not _ID.fullmatch(text):
            raise fields.fail(key, f"has '{value}'; use IDs or initials (letters, digits, '-' or '_'), never names.")
        ids.append(text)
    duplicate = _first_duplicate(ids)
    if duplicate:
        raise fields.fail(key, f"names '{duplicate}' twice; each panellist scores once.")
    return tuple(ids)


def _texts(fields: Fields, key: str) -> tuple[str, ...]:
    value = fields.raw(key, None)
    if value is None:
        return ()
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise fields.fail(key, "must be a piece of text or a list of them.")
    return tuple(v.strip() for v in values)


def _first_duplicate(values) -> str | None:
    seen: set[str] = set()
    for value in values:
        if value.casefold() in seen:
            return value
        seen.add(value.casefold())
    return None


def config_record(config: SiftConfig, candidates: tuple[str, ...]) -> dict:
    """What DIR/hr/sift.yaml keeps: the scale (read by `blindrec scores`), panellists, criteria, candidates."""
    return {"role": config.role,
            "scale": {"min": config.scale.low, "max": config.scale.high},
            "panellists": list(config.panellists),
            "criteria": [{"id": c.id, "title": c.title} for c in config.criteria],
            "candidates": list(candidates)}
