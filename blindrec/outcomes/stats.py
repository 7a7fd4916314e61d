"""Selection rates by group and stage, the adverse-impact ratio, and Fisher's exact test (pure Python).

A campaign becomes ``Counts``: how many people of each group reached each stage, per
characteristic, with the campaign's totals. Counts from several campaigns (or from
aggregate files) add up; the report is worked out from the sum, after suppression.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from blindrec.outcomes import OutcomesError
from blindrec.outcomes.decisions import STAGES, WITHDREW, recorded_decisions, stages_reached
from blindrec.outcomes.groups import CHARACTERISTICS, NOT_DISCLOSED, Grouping, answers_by_question, group_of
from blindrec.outcomes.suppression import DEFAULT_THRESHOLD, suppress

APPLIED = "applied"
NESTED = (APPLIED, *STAGES)
COLUMNS = (*NESTED, WITHDREW)
# A stage's selection rate is out of those who reached the stage before it.
CONSIDERED = {**{later: earlier for earlier, later in zip(NESTED, NESTED[1:])}, WITHDREW: APPLIED}
ALL, TOTAL = "all", "All applicants"
FOUR_FIFTHS = 0.8
SIGNIFICANT = 0.05
Key = tuple[str, str, str]  # (characteristic, group, column)


@dataclass(frozen=True)
class Counts:
    """People per characteristic, group and stage (None: suppressed at source), and how many campaigns."""

    cells: Mapping[Key, int | None]
    grouping: str
    campaigns: int = 1


@dataclass(frozen=True)
class Rate:
    """One group at one stage: how many were considered and selected, and how that compares."""

    characteristic: str
    group: str
    stage: str
    considered: int | None
    selected: int | None
    rate: float | None = None
    ratio: float | None = None
    p_value: float | None = None

    @property
    def below_four_fifths(self) -> bool:
        """True when the group's rate is under 0.8 of the highest group's (the four-fifths rule)."""
        return self.ratio is not None and self.ratio < FOUR_FIFTHS


@dataclass(frozen=True)
class Outcomes:
    """Everything a report shows: suppressed counts, rates, ratios, tests and non-disclosure."""

    counts: Counts
    threshold: int
    rates: tuple[Rate, ...] = field(default=())

    def shown(self, characteristic: str, group: str, column: str) -> int | None:
        """A published count (None when suppressed or absent)."""
        return self.counts.cells.get((characteristic, group, column))

    def groups(self, characteristic: str) -> list[str]:
        """The groups of a characteristic, "Not disclosed" last."""
        found = {g for c, g, _ in self.counts.cells if c == characteristic}
        return sorted(found - {NOT_DISCLOSED}) + ([NOT_DISCLOSED] if NOT_DISCLOSED in found else [])

    def not_disclosed(self, characteristic: str) -> int | None:
        """How many applicants gave no answer (or preferred not to say) to one question; None if suppressed."""
        if (characteristic, NOT_DISCLOSED, APPLIED) not in self.counts.cells:
            return 0
        return self.shown(characteristic, NOT_DISCLOSED, APPLIED)


def campaign_counts(out_dir: Path, grouping: Grouping) -> Counts:
    """A campaign's counts from its key, decisions and monitoring (or its kept aggregate once purged)."""
    from blindrec.hr.key import read_key
    from blindrec.outcomes.aggregate import KEPT_AGGREGATE, read_aggregate
    from blindrec.outcomes.monitoring import read_monitoring

    out_dir = Path(out_dir)
    key = read_key(out_dir / "hr" / "key.csv")
    candidates = sorted({row["candidate_id"] for row in key if row.get("candidate_id")})
    if not candidates:
        kept = out_dir / "hr" / KEPT_AGGREGATE
        if kept.exists():
            return read_aggregate(kept, grouping)
        raise OutcomesError(f"{out_dir}: has no hr/key.csv (nor a purged campaign's {KEPT_AGGREGATE}); give the "
                            f"folder blindrec anonymise wrote.")
    decisions = recorded_decisions(out_dir)
    if not decisions:
        raise OutcomesError(f"{out_dir}: no decisions recorded; run blindrec decisions {out_dir} FILE.csv first.")
    return count_people(candidates, stages_reached(decisions), read_monitoring(out_dir), grouping)


def count_people(candidates: Sequence[str], reached: Mapping[str, frozenset[str]],
                 answers: Mapping[str, Mapping[str, str]], grouping: Grouping) -> Counts:
    """Counts from each candidate's stages and monitoring answers (pure)."""
    cells: Counter = Counter()
    for candidate in candidates:
        stages = {APPLIED, *reached.get(candidate, ())}
        by_question = answers_by_question(answers.get(candidate, {}))
        for characteristic in (ALL, *CHARACTERISTICS):
            group = TOTAL if characteristic == ALL else group_of(characteristic, by_question.get(characteristic, ""),
                                                                 grouping)
            for column in COLUMNS:
                cells[(characteristic, group, column)] += column in stages
    return Counts(dict(cells), grouping.name)


def pool(counts: Sequence[Counts]) -> Counts:
    """Counts of several campaigns added up; a count suppressed in any of them stays unknown."""
    if not counts:
        raise OutcomesError("Give at least one campaign folder or aggregate file.")
    groupings = {c.grouping for c in counts}
    if len(groupings) > 1:
        raise OutcomesError(f"The campaigns group ethnicity differently ({', '.join(sorted(groupings))}); "
                            f"export every aggregate with the same --ethnicity-grouping.")
    keys = sorted({key for c in counts for key in c.cells} | _zero_filled(counts))
    cells: dict[Key, int | None] = {}
    for key in keys:
        values = [c.cells.get(key, 0) for c in counts]
        cells[key] = None if any(v is None for v in values) else sum(values)
    return Counts(cells, counts[0].grouping, sum(c.campaigns for c in counts))


def _zero_filled(counts: Iterable[Counts]) -> set[Key]:
    # A group seen at any stage has a cell at every stage, so tables stay rectangular.
    return {(c, g, column) for campaign in counts for c, g, _ in campaign.cells for column in COLUMNS}


def suppressed(counts: Counts, threshold: int = DEFAULT_THRESHOLD) -> Counts:
    """The counts with every characteristic's table suppressed; the totals row stays as it is."""
    cells: dict[Key, int | None] = {}
    for characteristic in sorted({c for c, _, _ in counts.cells}):
        table = {(g, col): v for (c, g, col), v in counts.cells.items() if c == characteristic}
        if characteristic != ALL:
            table = suppress(table, COLUMNS, NESTED, threshold)
        cells.update({(characteristic, g, col): v for (g, col), v in table.items()})
    return Counts(cells, counts.grouping, counts.campaigns)


def outcomes(counts: Counts, threshold: int = DEFAULT_THRESHOLD) -> Outcomes:
    """Suppress the counts, then rates, adverse-impact ratios and Fisher tests from what is shown."""
    if threshold < 1:
        raise OutcomesError(f"The threshold must be 1 or more (got {threshold}); 5 is usual.")
    shown = suppressed(counts, threshold)
    rates: list[Rate] = []
    for characteristic in sorted({c for c, _, _ in shown.cells} - {ALL}, key=_order):
        for stage in COLUMNS[1:]:
            rates.extend(stage_rates(shown, characteristic, stage))
    return Outcomes(shown, threshold, tuple(rates))


def _order(characteristic: str) -> int:
    return CHARACTERISTICS.index(characteristic) if characteristic in CHARACTERISTICS else len(CHARACTERISTICS)


def stage_rates(counts: Counts, characteristic: str, stage: str) -> list[Rate]:
    """Each group's selection rate at one stage, with its ratio to the highest group and Fisher's p."""
    groups = sorted({g for c, g, _ in counts.cells if c == characteristic})
    base = [_with_rate(Rate(characteristic, g, stage, counts.cells.get((characteristic, g, CONSIDERED[stage])),
                            counts.cells.get((characteristic, g, stage)))) for g in groups]
    if stage == WITHDREW:
        return base
    # Compared only among groups whose counts are shown: a ratio to a hidden rate would reveal it.
    comparable = [r for r in base if r.rate is not None and r.group != NOT_DISCLOSED]
    best = max(comparable, key=lambda r: (r.rate, r.considered), default=None)
    if best is None or not best.rate:
        return base
    return [_compared(r, best) if r in comparable else r for r in base]


def _with_rate(rate: Rate) -> Rate:
    if rate.considered and rate.selected is not None:
        return replace(rate, rate=rate.selected / rate.considered)
    return rate


def _compared(rate: Rate, best: Rate) -> Rate:
    p_value = None if rate is best else fisher_exact(rate.selected, rate.considered - rate.selected,
                                                      best.selected, best.considered - best.selected)
    return replace(rate, ratio=rate.rate / best.rate, p_value=p_value)


def fisher_exact(a: int, b: int, c: int, d: int) -> float:
    """Two-sided p-value of Fisher's exact test on the 2x2 table [[a, b], [c, d]]."""
    if min(a, b, c, d) < 0:
        raise ValueError("Fisher's exact test needs counts of 0 or more.")
    row1, col1, total = a + b, a + c, a + b + c + d
    low, high = max(0, col1 - (total - row1)), min(row1, col1)
    # Log-probabilities of the hypergeometric distribution: exact integers would take minutes
    # on a regional pool of thousands of applicants, lgamma takes milliseconds.
    norm = _log_comb(total, col1)
    log_p = {x: _log_comb(row1, x) + _log_comb(total - row1, col1 - x) - norm for x in range(low, high + 1)}
    # Every table no more likely than the observed one, with SciPy's relative slack for ties.
    cutoff = log_p[a] + math.log1p(1e-7)
    return min(1.0, math.fsum(math.exp(v) for v in log_p.values() if v <= cutoff))


def _log_comb(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
