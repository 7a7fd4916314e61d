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
    return evaluate(panel, policy, report)
