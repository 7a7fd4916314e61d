"""`outcomes` as one call for scripts: campaign folders and aggregate files in, report files out."""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from blindrec.outcomes import OutcomesError
from blindrec.outcomes.aggregate import aggregate_json, read_aggregate
from blindrec.outcomes.groups import load_grouping
from blindrec.outcomes.stats import Counts, Outcomes, campaign_counts, outcomes, pool
from blindrec.outcomes.suppression import DEFAULT_THRESHOLD


def pooled_counts(sources: Sequence[Path], grouping: str | Path | None = None) -> Counts:
    """The counts of campaign folders and aggregate files, added up."""
    chosen = load_grouping(grouping)
    counts = []
    for source in map(Path, sources):
        if source.is_dir():
            counts.append(campaign_counts(source, chosen))
        elif source.is_file():
            counts.append(read_aggregate(source, chosen))
        else:
            raise OutcomesError(f"{source}: no such folder or file; give campaign folders or aggregate files.")
    return pool(counts)


def outcomes_report(sources: Sequence[Path], out_dir: Path, threshold: int = DEFAULT_THRESHOLD,
                    grouping: str | Path | None = None,
                    aggregate_file: Path | None = None, chart_format: str = "png") -> tuple[Outcomes, list[Path]]:
    """Write outcomes.md/.csv/.png for the pooled sources (and the aggregate file if asked); the paths."""
    from blindrec.outcomes.report import write_report

    result = outcomes(pooled_counts(sources, grouping), threshold)
    try:
        written = write_report(result, Path(out_dir), chart_format)
        if aggregate_file is not None:
            Path(aggregate_file).write_text(aggregate_json(result), encoding="utf-8")
            written.append(Path(aggregate_file))
    except OSError as error:
        raise OutcomesError(f"{error.filename or out_dir}: cannot be written ({error.strerror}); "
                            f"check the folder.") from error
    return result, written
