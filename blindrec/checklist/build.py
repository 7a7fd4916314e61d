"""Load a panel file, its policy and optional HR report, and evaluate them: the library entry point."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from blindrec.checklist.evaluate import Checklist, evaluate
from blindrec.checklist.panel import load_panel
from blindrec.checklist.policy import load_policy
from blindrec.checklist.report import load_report


def build_checklist(panel_path: Path, policy_path: Path | None = None, report_path: Path | None = None,
                    today: date | None = None) -> Checklist:
    """The checklist for one panel file; raises ChecklistInputError for input the user must fix."""
    policy = load_policy(policy_path)
    panel = load_panel(panel_path, policy, today or date.today())
    report = load_report(report_path) if report_path is not None else None
    if report_path is not None and Path(report_path).parent.name == "hr":
        # The run's own records (audit log, sift sheets) beat times typed into the panel file.
        from blindrec.sift.records import with_run_records

        panel = with_run_records(panel, Path(report_path).parent.parent)
    return evaluate(panel, policy, report)
