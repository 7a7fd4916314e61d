"""Small-number suppression of a table of counts (groups by stage), so no cell identifies a person.

Primary: every count from 1 to threshold-1 is hidden. Secondary: more cells are hidden until
no hidden count can be worked out from what is shown, because
- a stage's column never has exactly one hidden group (the column total is published), and
- a small number of people not progressing from one stage to the next is never shown as the
  difference of two shown counts (the stages are nested: appointed <= offered <= ...).
"""

from __future__ import annotations

from typing import Mapping, Sequence

DEFAULT_THRESHOLD = 5
Cell = tuple[str, str]  # (group, column)


def primary(cells: Mapping[Cell, int | None], threshold: int) -> set[Cell]:
    """Cells hidden for being small (or already unknown, as pooled suppressed counts are)."""
    return {cell for cell, count in cells.items() if count is None or 0 < count < threshold}


def suppress(cells: Mapping[Cell, int | None], columns: Sequence[str], nested: Sequence[str],
             threshold: int = DEFAULT_THRESHOLD) -> dict[Cell, int | None]:
    """The table with primary and secondary suppression applied: hidden cells become None."""
    hidden = primary(cells, threshold)
    groups = sorted({group for group, _ in cells})
    changed = True
    while changed:
        changed = _hide_small_differences(cells, hidden, groups, nested, threshold)
        changed = _hide_lone_cells(cells, hidden, groups, columns) or changed
    return {cell: None if cell in hidden else count for cell, count in cells.items()}


def _hide_small_differences(cells: Mapping[Cell, int | None], hidden: set[Cell], groups: Sequence[str],
                            nested: Sequence[str], threshold: int) -> bool:
    changed = False
    for group in groups:
        for earlier, later in zip(nested, nested[1:]):
            first, second = (group, earlier), (group, later)
            if first in hidden or second in hidden or first not in cells or second not in cells:
                continue
            if 0 < cells[first] - cells[second] < threshold:
                hidden.add(second)
                changed = True
    return changed


def _hide_lone_cells(cells: Mapping[Cell, int | None], hidden: set[Cell], groups: Sequence[str],
                     columns: Sequence[str]) -> bool:
    changed = False
    for column in columns:
        present = [(group, column) for group in groups if (group, column) in cells]
        if sum(cell in hidden for cell in present) != 1:
            continue
        shown = [cell for cell in present if cell not in hidden]
        if shown:
            # The smallest non-zero count hides the least; a zero only when nothing else is left.
            hidden.add(min(shown, key=lambda cell: (cells[cell] == 0, cells[cell], cell)))
            changed = True
    return changed
