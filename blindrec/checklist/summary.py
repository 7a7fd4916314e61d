"""Aggregate many recruitments' checklists: per role level, the share that met each item."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

from blindrec.checklist.errors import ChecklistInputError
from blindrec.checklist.evaluate import DECLARATION, MET, Checklist, evaluate
from blindrec.checklist.items import ITEM_TITLES
from blindrec.checklist.panel import load_panel
from blindrec.checklist.policy import Policy, load_policy

PANEL_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class ItemTally:
    """How one item fared across a level's recruitments."""

    key: str
    title: str
    met: int
    unmet: int  # not met or needs action
    unconfirmed: int  # left to the chair's declaration
    required: int  # in how many of these recruitments the policy required it

    @property
    def total(self) -> int:
        """The recruitments counted."""
        return self.met + self.unmet + self.unconfirmed

    @property
    def share_met(self) -> float:
        """The share of recruitments that met the item, 0 to 1."""
        return self.met / self.total if self.total else 0.0


@dataclass(frozen=True)
class LevelSummary:
    """One role level's recruitments and how each item fared."""

    level: str
    recruitments: int
    items: tuple[ItemTally, ...]


@dataclass(frozen=True)
class Summary:
    """A council's progress figures: per level, the share of recruitments meeting each item."""

    folder: str
    policy_name: str
    recruitments: int
    levels: tuple[LevelSummary, ...]


def summarise(checklists: Iterable[Checklist], policy: Policy, folder: str) -> Summary:
    """Tally checklists by the policy's levels, in the policy's order; levels with no recruitments are left out."""
    by_level: dict[str, list[Checklist]] = {level: [] for level in policy.levels}
    for checklist in checklists:
        by_level[checklist.level].append(checklist)
    levels = tuple(
        LevelSummary(level, len(group), tuple(_tally(key, group) for key in ITEM_TITLES))
        for level, group in by_level.items() if group
    )
    return Summary(folder, policy.name, sum(level.recruitments for level in levels), levels)


def _tally(key: str, checklists: list[Checklist]) -> ItemTally:
    """One item's outcomes across checklists."""
    items = [next(item for item in checklist.items if item.key == key) for checklist in checklists]
    met = sum(item.status == MET for item in items)
    unconfirmed = sum(item.status == DECLARATION for item in items)
    return ItemTally(key, ITEM_TITLES[key], met, len(items) - met - unconfirmed, unconfirmed,
                     sum(item.required for item in items))


def panel_files(folder: Path) -> list[Path]:
    """The panel files in a folder (not its subfolders), in name order."""
    if not folder.is_dir():
        raise ChecklistInputError(f"{folder}: no such folder; give the folder holding the panel files.")
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in PANEL_SUFFIXES)
    if not files:
        raise ChecklistInputError(f"{folder}: no panel files (*.yaml) in this folder; give the folder holding the panel files.")
    return files


def build_summary(folder: Path, policy_path: Path | None = None, today: date | None = None) -> Summary:
    """The summary of every panel file in `folder`; the first bad file raises ChecklistInputError naming it."""
    policy = load_policy(policy_path)
    panels = [load_panel(path, policy, today or date.today()) for path in panel_files(folder)]
    return summarise((evaluate(panel, policy) for panel in panels), policy, str(folder))
