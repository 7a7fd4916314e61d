"""Monitoring answers to reporting groups: which question a column asks, and which group an answer is in.

Ethnicity is grouped the way HR configures it: the ONS 5 groups by default, the answers
as given, or a YAML file mapping each group to the answers (or answer prefixes) in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from blindrec.outcomes import OutcomesError

CHARACTERISTICS = ("sex", "ethnicity", "disability", "age_band")
LABELS = {"sex": "Sex", "ethnicity": "Ethnicity", "disability": "Disability", "age_band": "Age band"}
NOT_DISCLOSED = "Not disclosed"
_NOT_DISCLOSED = {"", "prefer not to say", "i prefer not to say", "prefer not to answer", "not stated",
                  "not disclosed", "do not wish to disclose", "i do not wish to say", "decline to state",
                  "prefer not to disclose", "not known", "unknown", "n/a", "na", "none given", "withheld"}
# ONS 2021 five groups, tried in this order so "Mixed - White and Asian" is Mixed.
ONS5 = (("Mixed or Multiple", ("mixed", "multiple")),
        ("Asian or Asian British", ("asian", "indian", "pakistani", "bangladeshi", "chinese")),
        ("Black, Black British, Caribbean or African", ("black", "african", "caribbean")),
        ("White", ("white", "english", "welsh", "scottish", "northern irish", "british", "irish",
                   "gypsy", "traveller", "roma")),
        ("Other ethnic group", ("arab", "other")))
AGE_BANDS = ((16, "16-24"), (25, "25-34"), (35, "35-44"), (45, "45-54"), (55, "55-64"), (65, "65+"))


@dataclass(frozen=True)
class Grouping:
    """How ethnicity answers become groups: a name (recorded in aggregates) and ordered word rules."""

    name: str
    rules: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())


def question_of(header: str) -> str | None:
    """The characteristic a monitoring column asks about, or None for one not reported on."""
    words = re.sub(r"[^a-z0-9]+", " ", header.casefold()).strip()
    if re.search(r"\b(same as|registered at birth|trans|transgender|orientation|sexual)", words):
        return None
    if re.search(r"\b(sex|gender)\b", words):
        return "sex"
    if re.search(r"\bethnic", words):
        return "ethnicity"
    if re.search(r"\bdisab", words):
        return "disability"
    if re.search(r"\bage\b", words):
        return "age_band"
    return None


def load_grouping(spec: str | Path | None) -> Grouping:
    """The ethnicity grouping named ("ons5", "as-given") or read from a YAML file of group: [answers]."""
    if spec in (None, "ons5"):
        return Grouping("ons5", ONS5)
    if spec == "as-given":
        return Grouping("as-given")
    import yaml

    path = Path(spec)
    try:
        mapping = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise OutcomesError(f"{path}: cannot be read ({error.strerror}); give ons5, as-given or a YAML "
                            f"file.") from error
    except yaml.YAMLError as error:
        raise OutcomesError(f"{path}: is not valid YAML ({error}); fix the file.") from error
    if not isinstance(mapping, dict) or not all(isinstance(v, list) and v for v in mapping.values()):
        raise OutcomesError(f"{path}: must map each group to a list of answers (Group: [answer, ...]); fix the file.")
    rules = tuple((str(group), tuple(str(a).casefold() for a in answers)) for group, answers in mapping.items())
    return Grouping(f"file:{path.name}", rules)


def group_of(question: str, answer: str, grouping: Grouping) -> str:
    """The reporting group of one answer to one question."""
    text = " ".join(answer.split())
    folded = text.casefold()
    if folded in _NOT_DISCLOSED:
        return NOT_DISCLOSED
    if question == "sex":
        return _SEX.get(folded, text[:1].upper() + text[1:])
    if question == "disability":
        return _DISABILITY.get(folded, "Disabled" if folded.startswith("yes") else text)
    if question == "age_band":
        return _age_band(text)
    return _ethnic_group(text, folded, grouping)


_SEX = {"male": "Male", "man": "Male", "m": "Male", "female": "Female", "woman": "Female", "f": "Female"}
_DISABILITY = {"yes": "Disabled", "y": "Disabled", "disabled": "Disabled", "no": "Not disabled",
               "n": "Not disabled", "not disabled": "Not disabled", "no known disability": "Not disabled"}


def _age_band(text: str) -> str:
    # An age (as some exports give) becomes its band; a band is kept as written ("25-34").
    if text.isdigit():
        age = int(text)
        label = "Under 16"
        for lower, band in AGE_BANDS:
            if age >= lower:
                label = band
        return label
    return re.sub(r"\s*(-|–|to)\s*", "-", text)


def _ethnic_group(text: str, folded: str, grouping: Grouping) -> str:
    if not grouping.rules:
        return text
    for group, words in grouping.rules:
        if grouping.name == "ons5":
            if any(re.search(rf"\b{re.escape(word)}\b", folded) for word in words):
                return group
        elif any(folded == word or folded.startswith(word) for word in words):
            return group
    return "Other ethnic group" if grouping.name == "ons5" else text


def answers_by_question(answers: Mapping[str, str]) -> dict[str, str]:
    """One candidate's monitoring answers (column: answer) as characteristic: answer (first column wins)."""
    found: dict[str, str] = {}
    for header, answer in answers.items():
        question = question_of(header)
        if question and (question not in found or not found[question].strip()):
            found[question] = answer or ""
    return found
