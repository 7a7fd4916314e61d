"""Load and validate a recruitment's panel description (PANEL.yaml) into a frozen Panel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from blindrec.checklist.errors import ChecklistInputError
from blindrec.checklist.fields import Fields, read_yaml_mapping
from blindrec.checklist.policy import Policy, characteristic_key

STAGES = ("shortlisting", "interview")
NO_CONFLICTS = ("none", "no", "nil", "n/a")


@dataclass(frozen=True)
class Conflict:
    """A conflict of interest a member declared, and how the panel manages it (empty: not yet)."""

    description: str
    managed: str = ""


@dataclass(frozen=True)
class Member:
    """One panel member. `characteristics` are voluntary, special category data: never print them."""

    name: str
    panel_role: str
    department: str
    inclusion_training: date | None  # None: never trained
    independent: bool
    conflicts: tuple[Conflict, ...] | None  # None: not yet declared; (): declared none
    stages: tuple[str, ...]
    characteristics: Mapping[str, str]

    def __repr__(self) -> str:
        # Keeps characteristics out of logs, tracebacks and test failure output.
        return f"Member(name={self.name!r}, panel_role={self.panel_role!r})"


@dataclass(frozen=True)
class PositiveAction:
    """Whether positive action was used and, if so, the facts s.158/s.159 turn on."""

    used: bool
    tie_break_only: bool | None = None  # only between candidates as qualified as each other
    under_representation_evidence: str = ""


@dataclass(frozen=True)
class Process:
    """What the panel file records about how the recruitment was run; None means not recorded."""

    blind_shortlisting: bool | None = None
    scores_locked_at: datetime | None = None
    identities_revealed_at: datetime | None = None
    same_questions: bool | None = None
    criteria_based_scoring: bool | None = None
    independent_scoring: bool | None = None
    reasonable_adjustments_offered: bool | None = None
    guaranteed_interviews_offered: bool | None = None
    stakeholder_panel: bool | None = None
    positive_action: PositiveAction | None = None


@dataclass(frozen=True)
class Panel:
    """A recruitment's panel description, validated."""

    source: str
    reference: str
    role: str
    level: str
    interview_date: date
    members: tuple[Member, ...]
    process: Process


def load_panel(path: Path, policy: Policy, today: date) -> Panel:
    """The panel described in `path`, validated against the policy's levels; dates after `today` are refused."""
    return parse_panel(read_yaml_mapping(path, "panel"), str(path), policy, today)


def parse_panel(data: Mapping[str, Any], source: str, policy: Policy, today: date) -> Panel:
    """A Panel from the already-parsed YAML mapping of `source`."""
    top = Fields(source, data)
    top.reject_unknown({"reference", "role", "level", "interview_date", "members", "process"})
    level = top.text("level").lower()
    if level not in policy.levels:
        raise top.fail("level", f"is '{level}', which is not a level in the policy; use one of {', '.join(policy.levels)}.")
    process = top.child("process", None)
    return Panel(
        source=source,
        reference=top.text("reference"),
        role=top.text("role"),
        level=level,
        interview_date=top.day("interview_date"),
        members=_members(top, policy, today),
        process=_process(process, today) if process is not None else Process(),
    )


def _members(top: Fields, policy: Policy, today: date) -> tuple[Member, ...]:
    """The panel's members, refusing an empty panel and the same person listed twice."""
    entries = top.raw("members")
    if not isinstance(entries, list) or not entries:
        raise top.fail("members", "must be a list with one entry (- name: ...) per panel member.")
    members: list[Member] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        fields = Fields(top.source, entry, f"members[{index}]")
        member = _member(fields, policy, today)
        key = " ".join(member.name.lower().split())
        if key in seen:
            raise fields.fail("name", f"repeats members[{seen[key]}] ('{member.name}'); list each panel member once.")
        seen[key] = index
        members.append(member)
    return tuple(members)


def _member(fields: Fields, policy: Policy, today: date) -> Member:
    """One member entry."""
    fields.reject_unknown({"name", "panel_role", "department", "inclusion_training", "independent",
                           "conflicts", "stages", "characteristics"})
    return Member(
        name=fields.text("name"),
        panel_role=fields.text("panel_role"),
        department=fields.text("department"),
        inclusion_training=fields.day("inclusion_training", not_after=today, allow_none=True),
        independent=fields.flag("independent"),
        conflicts=_conflicts(fields),
        stages=_stages(fields),
        characteristics=_characteristics(fields, policy),
    )


def _conflicts(fields: Fields) -> tuple[Conflict, ...] | None:
    """Declared conflicts: a list, or 'none'; absent or empty means not yet declared."""
    value = fields.raw("conflicts", None)
    if value is None:
        return None
    if isinstance(value, str) and value.strip().lower() in NO_CONFLICTS:
        return ()
    if not isinstance(value, list):
        raise fields.fail("conflicts", "must be 'none' or a list of conflicts, each a description or {description: ..., managed: ...}.")
    conflicts = []
    for index, entry in enumerate(value):
        if isinstance(entry, str) and entry.strip():
            conflicts.append(Conflict(entry.strip()))
            continue
        conflict = Fields(fields.source, entry, fields.name(f"conflicts[{index}]"))
        conflict.reject_unknown({"description", "managed"})
        conflicts.append(Conflict(conflict.text("description"), conflict.text("managed", "")))
    return tuple(conflicts)


def _stages(fields: Fields) -> tuple[str, ...]:
    """The recruitment stages the member sits on; a member listed without stages sits on both."""
    value = fields.raw("stages", list(STAGES))
    if not isinstance(value, list) or not value or any(stage not in STAGES for stage in value):
        raise fields.fail("stages", f"must be a list from {', '.join(STAGES)}; leave it out if the member sits on both.")
    return tuple(stage for stage in STAGES if stage in value)


def _characteristics(fields: Fields, policy: Policy) -> Mapping[str, str]:
    """Voluntary self-declared characteristics, canonically spelt; 'prefer not to say' and blanks dropped."""
    value = fields.raw("characteristics", None)
    if value is None:
        return MappingProxyType({})
    if not isinstance(value, dict):
        raise fields.fail("characteristics", "must be a mapping such as 'gender: ...'; leave it out if the member declared nothing.")
    declared = {}
    for name, answer in value.items():
        key = characteristic_key(name)
        # The answer itself is never put in a message: it is special category data.
        if isinstance(answer, (dict, list)):
            raise fields.fail(f"characteristics.{name}", "must be a single answer, not a list or mapping.")
        if answer is None:
            continue
        text = " ".join(str(answer).strip().lower().split())
        if not text or text in policy.not_declared_answers:
            continue
        if key in declared:
            raise fields.fail(f"characteristics.{name}", "is given twice under different spellings; keep one.")
        declared[key] = policy.equivalent_answers.get(key, {}).get(text, text)
    return MappingProxyType(declared)


def _process(fields: Fields, today: date) -> Process:
    """What the panel file records about the recruitment's process."""
    fields.reject_unknown({"blind_shortlisting", "scores_locked_at", "identities_revealed_at", "same_questions",
                           "criteria_based_scoring", "independent_scoring", "reasonable_adjustments_offered",
                           "guaranteed_interviews_offered", "stakeholder_panel", "positive_action"})
    return Process(
        blind_shortlisting=fields.flag("blind_shortlisting", None),
        scores_locked_at=fields.moment("scores_locked_at", not_after=today),
        identities_revealed_at=fields.moment("identities_revealed_at", not_after=today),
        same_questions=fields.flag("same_questions", None),
        criteria_based_scoring=fields.flag("criteria_based_scoring", None),
        independent_scoring=fields.flag("independent_scoring", None),
        reasonable_adjustments_offered=fields.flag("reasonable_adjustments_offered", None),
        guaranteed_interviews_offered=fields.flag("guaranteed_interviews_offered", None),
        stakeholder_panel=fields.flag("stakeholder_panel", None),
        positive_action=_positive_action(fields),
    )


def _positive_action(process: Fields) -> PositiveAction | None:
    """Positive action as recorded, or None when the file says nothing about it."""
    fields = process.child("positive_action", None)
    if fields is None:
        return None
    fields.reject_unknown({"used", "tie_break_only", "under_representation_evidence"})
    return PositiveAction(
        used=fields.flag("used"),
        tie_break_only=fields.flag("tie_break_only", None),
        under_representation_evidence=fields.text("under_representation_evidence", ""),
    )


__all__ = ["Panel", "Member", "Conflict", "Process", "PositiveAction", "load_panel", "parse_panel",
           "ChecklistInputError"]
