"""Panel-diversity checklist: judge a recruitment's panel against a council's editable policy."""

from blindrec.checklist.build import build_checklist
from blindrec.checklist.errors import ChecklistInputError
from blindrec.checklist.evaluate import (DECLARATION, MET, NEEDS_ACTION, NOT_MET, STATUSES, Checklist,
                                         ChecklistItem, evaluate)
from blindrec.checklist.items import ITEM_KEYS, ITEM_TITLES
from blindrec.checklist.panel import Panel, load_panel, parse_panel
from blindrec.checklist.policy import Policy, default_policy_path, load_policy, parse_policy
from blindrec.checklist.render import FORMATS, choose_format, render_checklist, render_summary, verdict
from blindrec.checklist.report import HrReport, load_report, parse_report
from blindrec.checklist.summary import Summary, build_summary, summarise

__all__ = [
    "build_checklist", "build_summary", "ChecklistInputError", "Checklist", "ChecklistItem", "evaluate",
    "STATUSES", "MET", "NOT_MET", "NEEDS_ACTION", "DECLARATION", "ITEM_KEYS", "ITEM_TITLES",
    "Panel", "load_panel", "parse_panel", "Policy", "load_policy", "parse_policy", "default_policy_path",
    "FORMATS", "choose_format", "render_checklist", "render_summary", "verdict",
    "HrReport", "load_report", "parse_report", "Summary", "summarise",
]
