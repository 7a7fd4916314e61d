"""The outcomes report for a board: Markdown, CSV and a chart, all from suppressed counts only."""

from __future__ import annotations

import io
from pathlib import Path

from blindrec.outcomes.decisions import STAGES, WITHDREW
from blindrec.outcomes.groups import CHARACTERISTICS, LABELS
from blindrec.outcomes.stats import ALL, APPLIED, COLUMNS, FOUR_FIFTHS, SIGNIFICANT, TOTAL, Outcomes, Rate
from blindrec.safecsv import safe_writer

HIDDEN = "–"
EXPLANATION = (
    "The adverse-impact ratio divides a group's selection rate at a stage by the rate of the group selected "
    "most often: under 0.8 (the four-fifths rule) the gap is large enough to look into, and Fisher's exact "
    "test (p) says how often a gap that size would arise by chance alone. Anonymised shortlisting has helped "
    "under-represented applicants in some trials (Sweden, The Hague) and harmed them in others (a French "
    "randomised trial, an Australian public-service trial), so the council watches its own figures, "
    "campaign by campaign.")
COLUMN_TITLES = {APPLIED: "Applied", "shortlisted": "Shortlisted", "interviewed": "Interviewed",
                 "offered": "Offered", "appointed": "Appointed", WITHDREW: "Withdrew"}


def _count(value: int | None) -> str:
    return HIDDEN if value is None else str(value)


def _rate_cell(rate: Rate) -> str:
    if rate.rate is None:
        return HIDDEN
    text = f"{rate.rate:.0%}"
    if rate.ratio is not None:
        text += f" ({rate.ratio:.2f}" + ("" if rate.p_value is None else f", p={rate.p_value:.2g}") + ")"
        if rate.below_four_fifths:
            text += " **below 0.8**"
    return text


def _characteristics(result: Outcomes) -> list[str]:
    present = {c for c, _, _ in result.counts.cells}
    return [c for c in CHARACTERISTICS if c in present]


def report_markdown(result: Outcomes, chart: str | None = None) -> str:
    """The report as Markdown: totals, then per characteristic the counts and the rates with ratios."""
    counts = result.counts
    lines = ["# Outcome monitoring", "",
             f"{counts.campaigns} campaign(s); ethnicity grouped as {counts.grouping}. Counts from 1 to "
             f"{result.threshold - 1} are suppressed ({HIDDEN}), and so are others from which a suppressed "
             f"count could be worked out. Rates are out of those who reached the stage before.", "",
             EXPLANATION, "", *([f"![Selection rate at each stage, by group]({chart})", ""] if chart else []),
             "## All applicants", "",
             "| " + " | ".join(COLUMN_TITLES[c] for c in COLUMNS) + " |",
             "|" + "---:|" * len(COLUMNS),
             "| " + " | ".join(_count(result.shown(ALL, TOTAL, c)) for c in COLUMNS) + " |", ""]
    lines += ["## Not disclosed", "", "| Question | Applicants who did not say |", "|---|---:|"]
    lines += [f"| {LABELS[c]} | {_count(result.not_disclosed(c))} |" for c in _characteristics(result)]
    lines.append("")
    for characteristic in _characteristics(result):
        lines += _characteristic_section(result, characteristic)
    return "\n".join(lines)


def _characteristic_section(result: Outcomes, characteristic: str) -> list[str]:
    label = LABELS[characteristic]
    groups = result.groups(characteristic)
    lines = [f"## {label}", "", "People reaching each stage:", "",
             "| Group | " + " | ".join(COLUMN_TITLES[c] for c in COLUMNS) + " |",
             "|---|" + "---:|" * len(COLUMNS)]
    lines += ["| " + " | ".join([g, *(_count(result.shown(characteristic, g, c)) for c in COLUMNS)]) + " |"
              for g in groups]
    by_key = {(r.group, r.stage): r for r in result.rates if r.characteristic == characteristic}
    lines += ["", "Selection rate (adverse-impact ratio, Fisher's p):", "",
              "| Group | " + " | ".join(COLUMN_TITLES[s] for s in STAGES) + " |",
              "|---|" + "---:|" * len(STAGES)]
    lines += ["| " + " | ".join([g, *(_rate_cell(by_key[(g, s)]) for s in STAGES)]) + " |" for g in groups]
    flagged = [r for r in by_key.values() if r.below_four_fifths]
    lines += ["", f"{len(flagged)} rate(s) below {FOUR_FIFTHS} of the highest group's"
              + (f"; {sum(r.p_value is not None and r.p_value < SIGNIFICANT for r in flagged)} of them with "
                 f"p < {SIGNIFICANT}." if flagged else "."), ""]
    return lines


CSV_COLUMNS = ("characteristic", "group", "stage", "considered", "selected", "rate", "adverse_impact_ratio",
               "below_four_fifths", "fisher_p")


def report_csv(result: Outcomes) -> str:
    """The report as CSV: one line per characteristic, group and stage (blank where suppressed)."""
    buffer = io.StringIO()
    writer = safe_writer(buffer, lineterminator="\n")  # group labels are free text from monitoring answers
    writer.writerow(CSV_COLUMNS)
    for rate in result.rates:
        writer.writerow((rate.characteristic, rate.group, rate.stage, _blank(rate.considered), _blank(rate.selected),
                         "" if rate.rate is None else f"{rate.rate:.4f}",
                         "" if rate.ratio is None else f"{rate.ratio:.4f}",
                         "yes" if rate.below_four_fifths else "",
                         "" if rate.p_value is None else f"{rate.p_value:.4g}"))
    return buffer.getvalue()


def _blank(value: int | None) -> str:
    return "" if value is None else str(value)


def write_chart(result: Outcomes, path: Path) -> Path:
    """A chart of selection rates by stage and group (PNG or SVG, by the file's extension)."""
    import matplotlib

    matplotlib.use("Agg")  # no display: the chart is written to a file
    import matplotlib.pyplot as plt

    characteristics = _characteristics(result)
    figure, axes = plt.subplots(len(characteristics), 1, figsize=(9, 3.2 * len(characteristics)), squeeze=False)
    for axis, characteristic in zip(axes[:, 0], characteristics):
        _draw(axis, result, characteristic)
    figure.suptitle("Selection rate at each stage, by group (suppressed figures not drawn; "
                    "hatched: below 0.8 of the highest group)", fontsize=10)
    figure.tight_layout(rect=(0, 0, 1, 0.97))
    path = Path(path)
    figure.savefig(path, dpi=100, metadata={"Software": None} if path.suffix.lower() == ".png" else None)
    plt.close(figure)
    return path


def _draw(axis, result: Outcomes, characteristic: str) -> None:
    groups = result.groups(characteristic)
    by_key = {(r.group, r.stage): r for r in result.rates if r.characteristic == characteristic}
    from matplotlib.patches import Patch

    width = 0.8 / max(1, len(groups))
    legend = []
    for i, group in enumerate(groups):
        rates = [by_key[(group, stage)] for stage in STAGES]
        positions = [s + (i - (len(groups) - 1) / 2) * width for s in range(len(STAGES))]
        heights = [100 * r.rate if r.rate is not None else 0 for r in rates]
        bars = axis.bar(positions, heights, width)
        for bar, rate in zip(bars, rates):
            if rate.rate is None:
                bar.set_visible(False)
            elif rate.below_four_fifths:
                bar.set_hatch("//")
        hidden = all(r.rate is None for r in rates)
        legend.append(Patch(facecolor="none" if hidden else bars.patches[0].get_facecolor(),
                            label=group + (" (suppressed)" if hidden else "")))
    axis.set_xticks(range(len(STAGES)), [COLUMN_TITLES[s] for s in STAGES])
    axis.set_ylim(0, 100)
    axis.set_ylabel("% selected")
    axis.set_title(LABELS[characteristic], fontsize=10, loc="left")
    axis.legend(handles=legend, fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0))


def write_report(result: Outcomes, folder: Path, chart_format: str = "png") -> list[Path]:
    """outcomes.md, outcomes.csv and the chart (outcomes.png or .svg) in a folder made if need be; the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    markdown, table, chart = folder / "outcomes.md", folder / "outcomes.csv", folder / f"outcomes.{chart_format}"
    markdown.write_text(report_markdown(result, chart.name), encoding="utf-8")
    table.write_text(report_csv(result), encoding="utf-8")
    return [markdown, table, write_chart(result, chart)]
