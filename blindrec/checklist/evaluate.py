"""Judge a panel against a policy (and optionally the HR report): one ChecklistItem per checklist item.

Pure functions only. Members' characteristics are special category data: reasons here may say
whether the panel as a whole meets the policy, never any member's answer or how many gave one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Callable

from blindrec.checklist.items import ITEM_TITLES
from blindrec.checklist.panel import Member, Panel
from blindrec.checklist.policy import Policy
from blindrec.checklist.report import HrReport

MET = "met"
NOT_MET = "not met"
NEEDS_ACTION = "needs action"
DECLARATION = "declaration"  # not checkable from data: a tick box for the chair
STATUSES = (MET, NOT_MET, NEEDS_ACTION, DECLARATION)
UNMET = (NOT_MET, NEEDS_ACTION)


@dataclass(frozen=True)
class ChecklistItem:
    """One line of the checklist: its outcome and why, and whether the policy requires it at this level."""

    key: str
    title: str
    status: str  # one of STATUSES
    reason: str
    required: bool

    @property
    def fails(self) -> bool:
        """Whether this item stops the recruitment meeting the policy (what `--strict` gates on)."""
        return self.required and self.status in UNMET


@dataclass(frozen=True)
class Checklist:
    """A recruitment's checklist: what it is for, which policy judged it, and its items."""

    reference: str
    role: str
    level: str
    interview_date: date
    panel_source: str
    policy_name: str
    policy_source: str
    report_source: str | None
    items: tuple[ChecklistItem, ...]

    @property
    def failing(self) -> tuple[ChecklistItem, ...]:
        """The required items not met or needing action."""
        return tuple(item for item in self.items if item.fails)

    def count(self, status: str) -> int:
        """How many items have this status."""
        return sum(item.status == status for item in self.items)


Outcome = tuple[str, str]  # (status, reason)


def evaluate(panel: Panel, policy: Policy, report: HrReport | None = None) -> Checklist:
    """The checklist for `panel` under `policy`, using the HR report when one is given."""
    items = tuple(
        ChecklistItem(key, ITEM_TITLES[key], *CHECKS[key](panel, policy, report),
                      required=policy.is_required(key, panel.level))
        for key in ITEM_TITLES
    )
    return Checklist(
        reference=panel.reference, role=panel.role, level=panel.level, interview_date=panel.interview_date,
        panel_source=panel.source, policy_name=policy.name, policy_source=policy.source,
        report_source=report.source if report else None, items=items,
    )


def _recorded(flag: bool | None, field: str, met: str, not_met: str, confirm: str) -> Outcome:
    """The outcome of a yes/no fact the panel file may record; unrecorded, the chair confirms it."""
    if flag is True:
        return MET, f"Recorded: {met}."
    if flag is False:
        return NOT_MET, f"Recorded: {not_met}."
    return DECLARATION, f"Not recorded (process.{field}); the chair confirms {confirm}."


def check_blind_shortlisting(panel: Panel, policy: Policy, report: HrReport | None) -> Outcome:
    """Whether the panel shortlisted from anonymised applications only."""
    if panel.process.blind_shortlisting is None and report is not None and report.anonymised:
        return MET, f"The HR report shows {report.anonymised} applications anonymised for shortlisting."
    return _recorded(
        panel.process.blind_shortlisting, "blind_shortlisting",
        "the panel shortlisted from anonymised applications",
        "shortlisting was not blind; anonymise applications (blindrec anonymise) before the panel sees them",
        "the panel shortlisted from anonymised applications only")


def check_scores_locked_before_reveal(panel: Panel, policy: Policy, report: HrReport | None) -> Outcome:
    """Whether candidates' identities were revealed only after the panel's scores were locked."""
    locked, revealed = panel.process.scores_locked_at, panel.process.identities_revealed_at
    if locked and revealed:
        if revealed >= locked:
            return MET, f"Scores locked {_when(locked)}; identities revealed {_when(revealed)}."
        return NOT_MET, (f"Identities were revealed {_when(revealed)}, before scores were locked {_when(locked)}; "
                         "scores given after seeing who candidates are are not blind.")
    if locked:
        return MET, f"Scores locked {_when(locked)}; identities not yet revealed."
    if revealed:
        return NEEDS_ACTION, (f"Identities revealed {_when(revealed)}, but no time for locking the scores is recorded; "
                              "record process.scores_locked_at.")
    return DECLARATION, ("Not recorded (process.scores_locked_at, process.identities_revealed_at); "
                         "the chair confirms identities were revealed only after every score was locked.")


def check_applications_anonymised(panel: Panel, policy: Policy, report: HrReport | None) -> Outcome:
    """Whether the HR report shows every application anonymised and none failing."""
    if report is None:
        return DECLARATION, "No HR report given (--report hr/report.json); HR confirms every application was anonymised."
    total = report.anonymised + report.failed
    if report.failed:
        return NOT_MET, (f"{report.failed} of {total} applications could not be anonymised; "
                         f"HR fixes {'it' if report.failed == 1 else 'them'} (see the HR report) before the panel shortlists.")
    if not report.anonymised:
        return NOT_MET, "The HR report lists no anonymised applications; check it is the report for this recruitment."
    return MET, f"All {total} applications were anonymised; none failed."


def check_applications_reviewed(panel: Panel, policy: Policy, report: HrReport | None) -> Outcome:
    """Whether HR reviewed every anonymised application before release, where the report records it."""
    if report is None:
        return DECLARATION, "No HR report given (--report hr/report.json); HR confirms each anonymised application was reviewed."
    unreviewed = sum(flag is False for flag in report.reviewed)
    if unreviewed:
        verb = "application is" if unreviewed == 1 else "applications are"
        return NEEDS_ACTION, f"{unreviewed} anonymised {verb} not yet reviewed by HR; HR reviews them before the panel sees them."
    if report.reviewed and all(flag is True for flag in report.reviewed):
        return MET, f"HR reviewed all {len(report.reviewed)} anonymised applications."
    return DECLARATION, "The HR report does not record reviews; HR confirms each anonymised application was reviewed."


def _answers(members: tuple[Member, ...], characteristic: str) -> list[str]:
    """The answers members gave for one characteristic: for judging the panel as a whole only."""
    return [m.characteristics[characteristic] for m in members if characteristic in m.characteristics]


def check_diverse_representation(panel: Panel, policy: Policy, report: HrReport | None) -> Outcome:
    """Whether the panel's voluntary declarations show diverse representation as the policy defines it."""
    threshold = policy.privacy_minimum_declared
    definition = (f"variety in at least {policy.diversity_minimum_varied} of: "
                  f"{', '.join(c.replace('_', ' ') for c in policy.diversity_characteristics)}")
    # A characteristic too few members declared is left out altogether, so no result can single them out.
    usable = [answers for answers in (_answers(panel.members, c) for c in policy.diversity_characteristics)
              if len(answers) >= threshold]
    varied = sum(len(set(answers)) >= 2 for answers in usable)
    if varied >= policy.diversity_minimum_varied:
        return MET, f"The members' voluntary declarations show the panel meets the policy ({definition})."
    if len(usable) < policy.diversity_minimum_varied:
        return DECLARATION, (f"Fewer than {threshold} members declared enough of these characteristics for the checklist "
                             "to assess them without identifying anyone, so it does not; "
                             f"the chair confirms the panel meets the policy ({definition}).")
    return NOT_MET, (f"The members' voluntary declarations do not show the policy's diverse representation ({definition}); "
                     "change the panel's make-up.")


def check_inclusion_training(panel: Panel, policy: Policy, report: HrReport | None) -> Outcome:
    """Whether every member's inclusion training is recent enough, or a stakeholder panel stands in."""
    months = policy.training_valid_months
    cutoff = _months_before(panel.interview_date, months)
    lapsed = []
    for member in panel.members:
        trained = member.inclusion_training
        if trained is None:
            lapsed.append(f"{member.name} has no inclusion training recorded")
        elif trained < cutoff:
            lapsed.append(f"{member.name} was last trained {_day(trained)}, more than {months} months before the interview")
        elif trained > panel.interview_date:
            lapsed.append(f"{member.name} was trained only after the interview ({_day(trained)})")
    if not lapsed:
        return MET, f"Every member was trained in inclusion within {months} months before the interview on {_day(panel.interview_date)}."
    if panel.process.stakeholder_panel and policy.stakeholder_panel_instead_of_training:
        return MET, f"{'; '.join(lapsed)}; a stakeholder panel is recorded instead, as the policy allows."
    remedy = "train them in inclusion before they sit on the panel"
    if policy.stakeholder_panel_instead_of_training:
        remedy += ", or hold a stakeholder panel and record it (process.stakeholder_panel: true)"
    return NEEDS_ACTION, f"{'; '.join(lapsed)}: {remedy}."


def check_panel_size(panel: Panel, policy: Policy, report: HrReport | None) -> Outcome:
    """Whether the panel has at least the policy's minimum number of members."""
    size = len(panel.members)
    if size < policy.panel_minimum:
        return NOT_MET, f"The panel has {size} member(s); the policy needs at least {policy.panel_minimum}."
    if size < policy.panel_normal:
        return MET, (f"{size} members meets the minimum of {policy.panel_minimum}; the policy normally expects "
                     f"{policy.panel_normal}, so record why this panel is smaller.")
    return MET, f"{size} members (the policy needs at least {policy.panel_minimum}, normally {policy.panel_normal})."


def check_independent_member(panel: Panel, policy: Policy, report: HrReport | None) -> Outcome:
    """Whether at least one member is independent of the hiring team."""
    independent = [m.name for m in panel.members if m.independent]
    if independent:
        return MET, f"{_names(independent)} {'is' if len(independent) == 1 else 'are'} independent of the hiring team."
    return NOT_MET, "No member is independent of the hiring team; add one from another service (independent: true)."


def check_same_panel(panel: Panel, policy: Policy, report: HrReport | None) -> Outcome:
    """Whether the same members both shortlist and interview."""
    only = {stage: [m.name for m in panel.members if m.stages == (stage,)] for stage in ("shortlisting", "interview")}
    if not only["shortlisting"] and not only["interview"]:
        return MET, "Every member sits on both the shortlisting and the interview."
    parts = [f"{_names(names)} only on the {stage}" for stage, names in only.items() if names]
    return NOT_MET, (f"{'; '.join(parts)}: the same panel should shortlist and interview, "
                     "so every candidate is judged by the same people throughout.")


def check_not_single_sex(panel: Panel, policy: Policy, report: HrReport | None) -> Outcome:
    """Whether the panel's voluntary declarations show it is not single-sex."""
    threshold = policy.privacy_minimum_declared
    answers = _answers(panel.members, "gender") or _answers(panel.members, "sex")
    if len(answers) < threshold:
        return DECLARATION, (f"Fewer than {threshold} members declared their gender, so the checklist does not assess it, "
                             "to protect their privacy; the chair confirms the panel is not single-sex.")
    if len(set(answers)) >= 2:
        return MET, "The members' voluntary declarations show the panel is not single-sex."
    if len(answers) == len(panel.members):
        return NOT_MET, "The members' voluntary declarations show a single-sex panel; change its make-up."
    return NEEDS_ACTION, ("The voluntary declarations do not show a panel of more than one sex; "
                          "the chair confirms it is not single-sex, or changes its make-up.")


def check_conflicts_declared(panel: Panel, policy: Policy, report: HrReport | None) -> Outcome:
    """Whether every member declared their conflicts of interest, and each declared one is managed."""
    undeclared = [m.name for m in panel.members if m.conflicts is None]
    unmanaged = [m.name for m in panel.members if m.conflicts and any(not c.managed for c in m.conflicts)]
    problems = []
    if undeclared:
        problems.append(f"{_names(undeclared)} {'has' if len(undeclared) == 1 else 'have'} not declared conflicts of "
                        "interest (record conflicts: none, or a list)")
    if unmanaged:
        problems.append(f"{_names(unmanaged)} declared a conflict with no record of how it is managed (add managed: ...)")
    if problems:
        return NEEDS_ACTION, "; ".join(problems) + "."
    declared = sum(len(m.conflicts or ()) for m in panel.members)
    if declared:
        declared_text = "1 conflict declared, with how it is" if declared == 1 else f"{declared} conflicts declared, each with how it is"
        return MET, f"Every member declared; {declared_text} managed."
    return MET, "Every member declared no conflicts of interest."


def check_same_questions(panel: Panel, policy: Policy, report: HrReport | None) -> Outcome:
    """Whether every candidate was asked the same questions."""
    return _recorded(panel.process.same_questions, "same_questions",
                     "every candidate was asked the same questions",
                     "candidates were not all asked the same questions, so their answers cannot be compared fairly",
                     "every candidate is asked the same questions")


def check_criteria_based_scoring(panel: Panel, policy: Policy, report: HrReport | None) -> Outcome:
    """Whether every candidate was scored against the role's published criteria."""
    return _recorded(panel.process.criteria_based_scoring, "criteria_based_scoring",
                     "every candidate was scored against the published criteria",
                     "scoring was not against the published criteria; score every candidate against the person specification",
                     "every candidate is scored against the published criteria")


def check_independent_scoring(panel: Panel, policy: Policy, report: HrReport | None) -> Outcome:
    """Whether each member scored on their own before the panel discussed candidates."""
    return _recorded(panel.process.independent_scoring, "independent_scoring",
                     "each member scored independently before discussion",
                     "members did not score independently before discussion; collect each member's scores before the panel talks",
                     "each member scores independently before the panel discusses candidates")


def check_reasonable_adjustments(panel: Panel, policy: Policy, report: HrReport | None) -> Outcome:
    """Whether candidates were offered reasonable adjustments."""
    return _recorded(panel.process.reasonable_adjustments_offered, "reasonable_adjustments_offered",
                     "every candidate was offered reasonable adjustments",
                     "candidates were not offered reasonable adjustments; offer them to every shortlisted candidate",
                     "every candidate was offered reasonable adjustments")


def check_guaranteed_interview(panel: Panel, policy: Policy, report: HrReport | None) -> Outcome:
    """Whether disabled applicants meeting the essential criteria were interviewed, where the council runs a scheme."""
    if not policy.guaranteed_interview_scheme:
        return MET, "The council does not run a guaranteed-interview scheme (policy), so there is nothing to check."
    return _recorded(panel.process.guaranteed_interviews_offered, "guaranteed_interviews_offered",
                     "every disabled applicant who met the essential criteria was offered an interview",
                     "not every disabled applicant who met the essential criteria was offered an interview, as the council's scheme guarantees",
                     "every disabled applicant who met the essential criteria was offered an interview")


def check_positive_action(panel: Panel, policy: Policy, report: HrReport | None) -> Outcome:
    """Whether positive action, if used, stayed within Equality Act 2010 s.158/s.159."""
    action = panel.process.positive_action
    if action is None:
        return DECLARATION, ("Not recorded (process.positive_action); the chair confirms positive action was not used, "
                             "or only as a tie-break between equally qualified candidates with evidence of under-representation.")
    if not action.used:
        return MET, "Recorded: positive action was not used."
    if action.tie_break_only is False:
        return NOT_MET, ("Recorded: positive action went beyond a tie-break; s.159 allows preferring a candidate only over "
                         "one as qualified as them, never as an automatic preference.")
    missing = []
    if action.tie_break_only is None:
        missing.append("that it was only a tie-break between candidates as qualified as each other (positive_action.tie_break_only)")
    if not action.under_representation_evidence:
        missing.append("the evidence that the group is under-represented or disadvantaged (positive_action.under_representation_evidence)")
    if missing:
        return NEEDS_ACTION, f"Positive action was used; record {' and '.join(missing)}, as s.158/s.159 require."
    return MET, ("Used only as a tie-break between equally qualified candidates, "
                 "with the evidence of under-representation recorded.")


CHECKS: dict[str, Callable[[Panel, Policy, HrReport | None], Outcome]] = {
    key: globals()[f"check_{key}"] for key in ITEM_TITLES
}


def _months_before(day: date, months: int) -> date:
    """The same day of the month `months` earlier, clamped to the month's end (29 Feb -> 28 Feb)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for clamp in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, clamp))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


def _day(day: date) -> str:
    """A date as a UK reader writes it: 3 December 2026."""
    return f"{day.day} {day:%B %Y}"


def _when(moment: datetime) -> str:
    """A recorded moment, with its time only when one was given."""
    return _day(moment.date()) + (f" {moment:%H:%M}" if (moment.hour, moment.minute) != (0, 0) else "")


def _names(names: list[str]) -> str:
    """Names joined for a sentence: 'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
