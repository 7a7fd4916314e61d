"""The moderation summary: every panellist's score per candidate and criterion, and where they disagree.

Per candidate and criterion: each panellist's score, the mean and the spread (highest minus
lowest), flagged when the spread is DISAGREEMENT points or more. Candidates are ranked by
the total of their criterion means, equal totals sharing a rank ("=2"). Panellists who have
not returned a sheet are named. Written as Markdown, CSV and a PNG chart under DIR/sift/.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from blindrec.safecsv import safe_writer
from blindrec.sift.errors import SiftError

DISAGREEMENT = 2.0
MODERATION = "moderation"


@dataclass(frozen=True)
class CriterionScores:
    """One candidate's scores against one criterion."""

    criterion: str
    by_panellist: Mapping[str, float]  # only panellists who scored it

    @property
    def mean(self) -> float | None:
        """The mean of the scores given (None when nobody scored it)."""
        values = list(self.by_panellist.values())
        return sum(values) / len(values) if values else None

    @property
    def spread(self) -> float | None:
        """Highest minus lowest score (None with fewer than two scores)."""
        values = list(self.by_panellist.values())
        return max(values) - min(values) if len(values) >= 2 else None

    @property
    def disagreement(self) -> bool:
        """Whether the panellists are DISAGREEMENT points or more apart."""
        return self.spread is not None and self.spread >= DISAGREEMENT


@dataclass(frozen=True)
class CandidateScores:
    """One candidate's row of the summary, with their rank (equal totals share a rank)."""

    candidate_id: str
    criteria: tuple[CriterionScores, ...]
    rank: int = 0
    tied: bool = False

    @property
    def total(self) -> float:
        """The sum of the criterion means (criteria nobody scored count nothing)."""
        return sum(c.mean for c in self.criteria if c.mean is not None)

    @property
    def complete(self) -> bool:
        """Whether every criterion has a score from someone."""
        return all(c.mean is not None for c in self.criteria)

    @property
    def rank_label(self) -> str:
        """'3', or '=3' when the total is shared."""
        return f"={self.rank}" if self.tied else str(self.rank)


@dataclass(frozen=True)
class Moderation:
    """The whole summary."""

    role: str
    panellists: tuple[str, ...]
    criteria: tuple[tuple[str, str], ...]  # (ID, title)
    candidates: tuple[CandidateScores, ...]  # ranked
    not_returned: tuple[str, ...]  # panellists with no recorded score
    incomplete: tuple[str, ...]  # panellists with some but not all scores

    @property
    def disagreements(self) -> list[tuple[str, CriterionScores]]:
        """(candidate ID, criterion scores) wherever the panellists disagree."""
        return [(c.candidate_id, s) for c in self.candidates for s in c.criteria if s.disagreement]


def build_moderation(record: Mapping, scores: Sequence) -> Moderation:
    """The summary from the sift's record (hr/sift.yaml) and the recorded scores (hr/scores.csv)."""
    panellists = tuple(str(p) for p in record["panellists"])
    criteria = tuple((str(c["id"]), str(c.get("title") or "")) for c in record["criteria"])
    spelled = {p.casefold(): p for p in panellists}
    wanted = {c.casefold(): c for c, _ in criteria}
    table: dict[tuple[str, str], dict[str, float]] = {}
    for score in scores:
        panellist, criterion = spelled.get(score.assessor.casefold()), wanted.get(score.criterion.casefold())
        if panellist and criterion:
            table.setdefault((score.candidate_id, criterion), {})[panellist] = float(score.score)
    rows = [CandidateScores(candidate_id, tuple(
        CriterionScores(c, {p: table[(candidate_id, c)][p] for p in panellists if p in table.get((candidate_id, c), {})})
        for c, _ in criteria)) for candidate_id in record["candidates"]]
    counts = {p: sum(1 for by in table.values() if p in by) for p in panellists}
    expected = len(rows) * len(criteria)
    return Moderation(str(record.get("role") or ""), panellists, criteria, tuple(rank(rows)),
                      tuple(p for p in panellists if counts[p] == 0),
                      tuple(p for p in panellists if 0 < counts[p] < expected))


def rank(rows: Sequence[CandidateScores]) -> list[CandidateScores]:
    """Candidates by total, highest first; equal totals share the rank of the first of them."""
    totals = [round(r.total, 9) for r in rows]
    ordered = sorted(zip(rows, totals), key=lambda pair: (-pair[1], pair[0].candidate_id))
    ranked = []
    for row, total in ordered:
        above = sum(1 for other in totals if other > total)
        tied = totals.count(total) > 1
        ranked.append(CandidateScores(row.candidate_id, row.criteria, above + 1, tied))
    return ranked


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def moderation_markdown(moderation: Moderation, chart_name: str | None = None) -> str:
    """The summary as Markdown, for the moderation meeting."""
    lines = [f"# Moderation summary: {moderation.role}", ""]
    if moderation.not_returned:
        lines += [f"**Not yet returned a sheet:** {', '.join(moderation.not_returned)}.", ""]
    if moderation.incomplete:
        lines += [f"**Returned some scores only:** {', '.join(moderation.incomplete)}.", ""]
    flagged = moderation.disagreements
    lines += [f"Disagreements ({DISAGREEMENT:g} points or more apart): "
              + (", ".join(f"{c} on {s.criterion}" for c, s in flagged) if flagged else "none") + ".", ""]
    if chart_name:
        lines += [f"![Bar chart: each candidate's total score from each panellist]({chart_name})", ""]
    lines += ["## Ranking", "", "| Rank | Candidate | Total | " + " | ".join(c for c, _ in moderation.criteria) + " |",
              "|---|---|---|" + "---|" * len(moderation.criteria)]
    for row in moderation.candidates:
        means = [_number(s.mean) + (" ⚠" if s.disagreement else "") for s in row.criteria]
        lines.append(f"| {row.rank_label} | {row.candidate_id} | {_number(row.total)} | " + " | ".join(means) + " |")
    lines += ["", "⚠ marks a disagreement. Totals are the sum of the criterion means.", ""]
    for criterion_id, title in moderation.criteria:
        lines += [f"## {criterion_id}: {title}", "",
                  "| Candidate | " + " | ".join(moderation.panellists) + " | Mean | Spread | Flag |",
                  "|---|" + "---|" * (len(moderation.panellists) + 3)]
        for row in moderation.candidates:
            scores = next(s for s in row.criteria if s.criterion == criterion_id)
            cells = [_number(scores.by_panellist.get(p)) for p in moderation.panellists]
            flag = "disagree" if scores.disagreement else ""
            lines.append(f"| {row.candidate_id} | " + " | ".join(cells)
                         + f" | {_number(scores.mean)} | {_number(scores.spread)} | {flag} |")
        lines.append("")
    return "\n".join(lines)


def moderation_csv(moderation: Moderation) -> str:
    """One row per candidate and criterion: each panellist's score, mean, spread, flag, total and rank."""
    buffer = io.StringIO()
    writer = safe_writer(buffer, lineterminator="\r\n")
    writer.writerow(("rank", "candidate_id", "total", "criterion", *moderation.panellists, "mean", "spread",
                     "disagreement"))
    for row in moderation.candidates:
        for scores in row.criteria:
            writer.writerow((row.rank_label, row.candidate_id, _number(row.total), scores.criterion,
                             *(_number(scores.by_panellist.get(p)) if p in scores.by_panellist else ""
                               for p in moderation.panellists),
                             _number(scores.mean), _number(scores.spread), "yes" if scores.disagreement else ""))
    return "\ufeff" + buffer.getvalue()


def write_chart(path: Path, moderation: Moderation) -> None:
    """A PNG of each candidate's total from each panellist, candidates in rank order."""
    import matplotlib

    matplotlib.use("Agg")  # no display, no window: files only
    import matplotlib.pyplot as plt

    candidates = [r.candidate_id for r in moderation.candidates]
    # A panellist with no sheet yet has no bars (zeros would read as scores); the Markdown names them.
    panellists = tuple(p for p in moderation.panellists if p not in moderation.not_returned)
    width = 0.8 / max(len(panellists), 1)
    figure, axes = plt.subplots(figsize=(max(6.0, 1.1 * len(candidates) + 2), 4.5), dpi=100)
    hatches = ("", "//", "..", "xx", "\\\\", "--", "++", "oo")  # told apart without colour too
    for number, panellist in enumerate(panellists):
        totals = [sum(s.by_panellist.get(panellist, 0.0) for s in r.criteria) for r in moderation.candidates]
        positions = [i + (number - (len(panellists) - 1) / 2) * width for i in range(len(candidates))]
        axes.bar(positions, totals, width, label=panellist, hatch=hatches[number % len(hatches)], edgecolor="black")
    axes.set_xticks(range(len(candidates)), [f"{r.rank_label}\n{r.candidate_id}" for r in moderation.candidates])
    axes.set_ylabel("Total score across criteria")
    axes.set_title(f"Scores by panellist: {moderation.role}" if moderation.role else "Scores by panellist")
    if panellists:
        axes.legend(title="Panellist")
    figure.tight_layout()
    figure.savefig(path, format="png", metadata={"Software": None})
    plt.close(figure)


def write_moderation(out_dir: Path) -> tuple[Moderation, list[Path]]:
    """DIR/sift/moderation.{md,csv,png} from the sift's record and the recorded scores."""
    from blindrec.hr.scores import ScoresError, check_scores_file, recorded_scores
    from blindrec.sift.run import SIFT, read_record

    out_dir = Path(out_dir)
    record = read_record(out_dir)
    if record is None:
        raise SiftError(f"{out_dir / 'hr' / 'sift.yaml'}: no sift recorded; run blindrec sift {out_dir} "
                        f"--config SIFT.yaml first.")
    try:
        check_scores_file(out_dir)
        scores = recorded_scores(out_dir)
    except ScoresError as error:
        raise SiftError(str(error)) from error
    moderation = build_moderation(record, scores)
    folder = out_dir / SIFT
    folder.mkdir(exist_ok=True)
    paths = [folder / f"{MODERATION}.md", folder / f"{MODERATION}.csv", folder / f"{MODERATION}.png"]
    write_chart(paths[2], moderation)
    paths[0].write_text(moderation_markdown(moderation, paths[2].name), encoding="utf-8")
    paths[1].write_text(moderation_csv(moderation), encoding="utf-8", newline="")
    from blindrec.hr.audit import append_audit, audit_record, recorded_rules_sha256

    # The first moderation is when the panel starts discussing: the checklist's "scored independently" needs it.
    append_audit(out_dir, audit_record("moderate", recorded_rules_sha256(out_dir), len(scores), {
        "candidates": len(moderation.candidates), "disagreements": len(moderation.disagreements),
        "panellists_not_returned": len(moderation.not_returned)}))
    return moderation, paths
