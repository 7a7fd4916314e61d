"""`blindrec sift`: from the anonymised panel packs to DIR/sift/, one folder per panellist.

hr/ is written first (the config record that `blindrec scores` checks sheets against, and
the seeds), then DIR/sift/ is built in a staging folder and swapped in whole.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from blindrec.sift.answers import Answer, find_answers
from blindrec.sift.config import SiftConfig, config_record
from blindrec.sift.errors import SiftError
from blindrec.sift.order import load_or_create_seeds, shuffled_order
from blindrec.sift.packs import read_panel

SIFT = "sift"
RECORD_FILE = "sift.yaml"  # DIR/hr/sift.yaml, whose scale `blindrec scores` reads (blindrec.hr.scores)
FOUND_FILE = "answers-found.md"


@dataclass(frozen=True)
class SiftResult:
    """What `blindrec sift` wrote: its folder, the candidates, each answer, and each panellist's orders."""

    folder: Path
    candidates: tuple[str, ...]
    answers: Mapping[str, Mapping[str, Answer]]  # candidate ID -> criterion ID -> answer
    orders: Mapping[str, Mapping[str, tuple[str, ...]]]  # panellist -> criterion ID -> candidate IDs

    @property
    def fallbacks(self) -> list[Answer]:
        """Answers where no heading, question or column matched and the whole statement stands in."""
        return [a for by_criterion in self.answers.values() for a in by_criterion.values() if a.is_fallback]


def run_sift(out_dir: Path, config: SiftConfig) -> SiftResult:
    """Find every answer, shuffle per panellist and criterion, write hr/ records and then DIR/sift/."""
    out_dir = Path(out_dir)
    packs = read_panel(out_dir)
    candidates = tuple(p.candidate_id for p in packs)
    _refuse_changed_sift(out_dir, config, candidates)
    answers = {p.candidate_id: find_answers(config, p) for p in packs}
    criterion_ids = [c.id for c in config.criteria]
    seeds = load_or_create_seeds(out_dir, config.panellists, criterion_ids)
    orders = {p: {c: tuple(shuffled_order(seeds["orders"][p][c], candidates)) for c in criterion_ids}
              for p in config.panellists}
    _write_record(out_dir, config, candidates)
    result = SiftResult(out_dir / SIFT, candidates, answers, orders)
    _write_sift_folder(out_dir, config, result)
    from blindrec.hr.audit import append_audit, audit_record, recorded_rules_sha256

    append_audit(out_dir, audit_record(SIFT, recorded_rules_sha256(out_dir), len(candidates), {
        "panellists": len(config.panellists), "criteria": len(criterion_ids),
        "whole_statement_answers": len(result.fallbacks)}))
    return result


def read_record(out_dir: Path) -> dict | None:
    """DIR/hr/sift.yaml as written by the sift (None when there was no sift)."""
    import yaml

    path = Path(out_dir) / "hr" / RECORD_FILE
    try:
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise SiftError(f"{path}: cannot be read ({error}); run blindrec sift again.") from error
    if not isinstance(record, dict) or not isinstance(record.get("panellists"), list):
        return None  # a scale-only file written by hand, for scores without a sift
    return record


def _refuse_changed_sift(out_dir: Path, config: SiftConfig, candidates: tuple[str, ...]) -> None:
    """Once scores are recorded the sift they were given against may not change under them."""
    from blindrec.hr.scores import ScoresError, recorded_scores

    previous = read_record(out_dir)
    try:
        scored = bool(recorded_scores(out_dir))
    except ScoresError as error:
        raise SiftError(str(error)) from error
    if previous is not None and scored and previous != config_record(config, candidates):
        raise SiftError(f"{out_dir / 'hr' / RECORD_FILE}: scores are already recorded against the sift it "
                        f"describes; a different config (criteria, panellists, scale) or set of candidates needs "
                        f"a new output folder.")


def _write_record(out_dir: Path, config: SiftConfig, candidates: tuple[str, ...]) -> None:
    import yaml

    from blindrec.output import write_private

    write_private(out_dir / "hr" / RECORD_FILE,
                  yaml.safe_dump(config_record(config, candidates), sort_keys=False, allow_unicode=True))


def _write_sift_folder(out_dir: Path, config: SiftConfig, result: SiftResult) -> None:
    staging = Path(tempfile.mkdtemp(prefix=".sift-new-", dir=out_dir))
    try:
        _write_documents(staging, config, result)
        target = out_dir / SIFT
        retired = None
        if target.exists():
            retired = Path(tempfile.mkdtemp(prefix=".sift-old-", dir=out_dir))
            os.rename(target, retired / SIFT)
        os.rename(staging, target)
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _write_documents(folder: Path, config: SiftConfig, result: SiftResult) -> None:
    from blindrec.sift.documents import criterion_html, write_criterion_docx
    from blindrec.sift.sheets import sheet_csv, sheet_name

    for panellist in config.panellists:
        own = folder / panellist
        own.mkdir()
        for criterion in config.criteria:
            answers = [result.answers[c][criterion.id] for c in result.orders[panellist][criterion.id]]
            write_criterion_docx(own / f"{criterion.id}.docx", config, criterion, panellist, answers)
            (own / f"{criterion.id}.html").write_text(criterion_html(config, criterion, panellist, answers),
                                                      encoding="utf-8")
        (own / sheet_name(panellist)).write_bytes(sheet_csv(config, panellist, result.orders[panellist]))
    (folder / FOUND_FILE).write_text(found_markdown(config, result), encoding="utf-8")


def found_markdown(config: SiftConfig, result: SiftResult) -> str:
    """Per candidate and criterion, how the answer was found: the sift report HR and the panel can check."""
    lines = [f"# Where each answer was found: {config.role}", "",
             "A candidate whose answer is marked 'whole statement' used no heading, question or column the sift "
             "could match; every panellist sees their whole statement for that criterion, so no evidence is lost.",
             "", "| Candidate | " + " | ".join(c.id for c in config.criteria) + " |",
             "|---|" + "---|" * len(config.criteria)]
    for candidate_id in result.candidates:
        cells = [result.answers[candidate_id][c.id].found_by for c in config.criteria]
        lines.append(f"| {candidate_id} | " + " | ".join(cells) + " |")
    lines.append("")
    return "\n".join(lines)


def summary_json(result: SiftResult) -> str:
    """A machine-readable summary of a sift run."""
    return json.dumps({"folder": str(result.folder), "candidates": len(result.candidates),
                       "whole_statement": sorted({a.candidate_id for a in result.fallbacks})}, indent=2)
