"""Load and validate a council's panel policy (rules/panel-policy.yaml) into a frozen Policy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import blindrec
from blindrec.checklist.errors import ChecklistInputError
from blindrec.checklist.fields import Fields, read_yaml_mapping
from blindrec.checklist.items import ITEM_KEYS

POLICY_FILE_NAME = "panel-policy.yaml"


@dataclass(frozen=True)
class Policy:
    """What the checklist requires, and at which role levels: a council's editable rules."""

    source: str
    name: str
    levels: tuple[str, ...]
    required_at: Mapping[str, frozenset[str]]  # item key -> levels where it is required
    training_valid_months: int
    stakeholder_panel_instead_of_training: bool
    panel_minimum: int
    panel_normal: int
    diversity_characteristics: tuple[str, ...]
    diversity_minimum_varied: int
    privacy_minimum_declared: int
    not_declared_answers: frozenset[str]
    equivalent_answers: Mapping[str, Mapping[str, str]]  # characteristic -> answer -> canonical answer
    guaranteed_interview_scheme: bool

    def is_required(self, item_key: str, level: str) -> bool:
        """Whether a failure of this item at this level fails the recruitment (and `--strict`)."""
        return level in self.required_at.get(item_key, frozenset(self.levels))


def _rules_dir() -> Path:
    """The folder holding blindrec's YAML rules, installed or in a source checkout."""
    installed = Path(blindrec.__file__).parent / "rules"
    return installed if installed.exists() else Path(blindrec.__file__).parent.parent / "rules"


def default_policy_path() -> Path:
    """The policy file used when the user names none."""
    return _rules_dir() / POLICY_FILE_NAME


def load_policy(path: Path | None = None) -> Policy:
    """The policy in `path` (default: the rules folder's panel-policy.yaml), validated."""
    path = path or default_policy_path()
    return parse_policy(read_yaml_mapping(path, "policy"), str(path))


def characteristic_key(name: Any) -> str:
    """The canonical spelling of a characteristic's name ("Age band" -> "age_band")."""
    return "_".join(str(name).strip().lower().replace("-", " ").split())


def answer_key(answer: Any) -> str:
    """The canonical spelling of a declared answer, for comparing members' answers."""
    return " ".join(str(answer).strip().lower().split())


def parse_policy(data: Mapping[str, Any], source: str) -> Policy:
    """A Policy from the already-parsed YAML mapping of `source`."""
    top = Fields(source, data)
    top.reject_unknown({"name", "levels", "inclusion_training", "panel_size", "diverse_representation",
                        "privacy", "guaranteed_interview_scheme", "required"})
    levels = _word_list(top, "levels")
    training = top.child("inclusion_training")
    training.reject_unknown({"valid_for_months", "stakeholder_panel_instead"})
    size = top.child("panel_size")
    size.reject_unknown({"minimum", "normal"})
    minimum = size.whole_number("minimum", 1)
    normal = size.whole_number("normal", 1)
    if normal < minimum:
        raise size.fail("normal", f"is {normal}, smaller than panel_size.minimum ({minimum}); make it at least the minimum.")
    diversity = top.child("diverse_representation")
    diversity.reject_unknown({"characteristics", "minimum_varied"})
    characteristics = tuple(characteristic_key(c) for c in _word_list(diversity, "characteristics"))
    minimum_varied = diversity.whole_number("minimum_varied", 1)
    if minimum_varied > len(characteristics):
        raise diversity.fail("minimum_varied", f"is {minimum_varied}, more than the {len(characteristics)} characteristics listed; lower it or list more.")
    privacy = top.child("privacy")
    privacy.reject_unknown({"minimum_declared_members", "not_declared", "equivalent_answers"})
    not_declared = frozenset(answer_key(a) for a in _word_list(privacy, "not_declared", allow_empty=True))
    return Policy(
        source=source,
        name=top.text("name"),
        levels=levels,
        required_at=_required_at(top, levels),
        training_valid_months=training.whole_number("valid_for_months", 1),
        stakeholder_panel_instead_of_training=training.flag("stakeholder_panel_instead"),
        panel_minimum=minimum,
        panel_normal=normal,
        diversity_characteristics=characteristics,
        diversity_minimum_varied=minimum_varied,
        # A threshold of one would let a single member's answer decide an item alone.
        privacy_minimum_declared=privacy.whole_number("minimum_declared_members", 2),
        not_declared_answers=not_declared,
        equivalent_answers=_equivalent_answers(privacy),
        guaranteed_interview_scheme=top.flag("guaranteed_interview_scheme"),
    )


def _word_list(fields: Fields, key: str, allow_empty: bool = False) -> tuple[str, ...]:
    """A list of non-empty texts, without repeats."""
    value = fields.raw(key)
    if not isinstance(value, list) or (not value and not allow_empty):
        raise fields.fail(key, "must be a list, e.g. [a, b].")
    words = []
    for entry in value:
        if isinstance(entry, (dict, list, bool)) or entry is None or not str(entry).strip():
            raise fields.fail(key, "must list plain words only, e.g. [a, b].")
        if str(entry).strip() in words:
            raise fields.fail(key, f"lists '{entry}' twice; remove the repeat.")
        words.append(str(entry).strip())
    return tuple(words)


def _required_at(top: Fields, levels: tuple[str, ...]) -> Mapping[str, frozenset[str]]:
    """Item key -> the levels where it is required; items the policy leaves out are required everywhere."""
    required = top.child("required")
    required.reject_unknown(set(ITEM_KEYS))
    result = {}
    for key in ITEM_KEYS:
        value = required.raw(key, "all")
        if value == "all":
            result[key] = frozenset(levels)
        elif isinstance(value, list) and all(isinstance(level, str) and level in levels for level in value):
            result[key] = frozenset(value)
        else:
            raise required.fail(key, f"must be 'all' or a list of levels from {', '.join(levels)} ([] for advisory only).")
    return MappingProxyType(result)


def _equivalent_answers(privacy: Fields) -> Mapping[str, Mapping[str, str]]:
    """Characteristic -> answers that mean the same -> one canonical answer."""
    value = privacy.raw("equivalent_answers", {})
    if not isinstance(value, dict):
        raise privacy.fail("equivalent_answers", "must map a characteristic to its answers, e.g. gender: {female: woman}.")
    result = {}
    for characteristic, answers in value.items():
        if not isinstance(answers, dict) or any(isinstance(a, (dict, list)) for a in answers.values()):
            raise privacy.fail(f"equivalent_answers.{characteristic}", "must map an answer to the answer it means, e.g. female: woman.")
        result[characteristic_key(characteristic)] = MappingProxyType(
            {answer_key(a): answer_key(b) for a, b in answers.items()})
    return MappingProxyType(result)


__all__ = ["Policy", "load_policy", "parse_policy", "default_policy_path", "ChecklistInputError"]
