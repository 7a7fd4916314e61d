"""Tests for the panel-diversity checklist (issue 5): items, privacy, policy, bad input, outputs and CLI."""

from __future__ import annotations

import copy
import io
import json
import shutil
import subprocess
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from blindrec.checklist import (DECLARATION, MET, NEEDS_ACTION, NOT_MET, ChecklistInputError, build_checklist,
                                build_summary, load_policy, render_checklist)
from blindrec.checklist.policy import _rules_dir
from blindrec.cli import cli

TODAY = date(2026, 6, 1)
REPO = Path(__file__).resolve().parent.parent

# Distinctive characteristic answers, so a leak into any output can be found by search.
SECRETS = {
    "Alex Ward": {"gender": "Qgenderalpha", "ethnicity": "Qethnicalpha", "disability": "Qdisabledalpha", "age_band": "Qagealpha"},
    "Blake Shore": {"gender": "Qgenderbeta", "ethnicity": "Qethnicbeta", "disability": "Qdisabledbeta", "age_band": "Qagebeta"},
    "Casey Marr": {"gender": "Qgenderalpha", "ethnicity": "Qethnicgamma", "disability": "Qdisabledalpha", "age_band": "Qagegamma"},
}
SECRET_VALUES = {value.lower() for answers in SECRETS.values() for value in answers.values()}


def base_panel(today: date = TODAY, level: str = "supervisory") -> dict:
    """A panel description that meets every item, dated relative to `today`."""
    def member(name: str, days_since_training: int, independent: bool) -> dict:
        return {"name": name, "panel_role": "panel member", "department": "Housing",
                "inclusion_training": today - timedelta(days=days_since_training), "independent": independent,
                "conflicts": "none", "characteristics": dict(SECRETS[name])}

    return {
        "reference": "REF-1", "role": "Team Leader", "level": level, "interview_date": today + timedelta(days=10),
        "members": [member("Alex Ward", 100, False), member("Blake Shore", 200, False), member("Casey Marr", 300, True)],
        "process": {
            "blind_shortlisting": True,
            "scores_locked_at": datetime.combine(today - timedelta(days=5), datetime.min.time()).replace(hour=16),
            "identities_revealed_at": datetime.combine(today - timedelta(days=4), datetime.min.time()).replace(hour=9),
            "same_questions": True, "criteria_based_scoring": True, "independent_scoring": True,
            "reasonable_adjustments_offered": True, "guaranteed_interviews_offered": True,
            "positive_action": {"used": False},
        },
    }


def write_yaml(path: Path, data: dict) -> Path:
    """Write `data` as YAML to `path`."""
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def write_report(tmp_path: Path, candidates: list[dict], failures: list[dict] | None = None) -> Path:
    """An HR report in the format `blindrec anonymise` writes."""
    path = tmp_path / "report.json"
    path.write_text(json.dumps({
        "blindrec_version": "0.1.0", "created": "2026-05-20T10:00:00+00:00", "role": "Team Leader",
        "inputs": len(candidates) + len(failures or []), "candidates": candidates, "failures": failures or [],
        "exit_code": 1 if failures else 0}), encoding="utf-8")
    return path


def candidate(number: int, **extra) -> dict:
    """One anonymised candidate as the HR report lists it."""
    return {"candidate_id": f"C-{number:04d}", "sources": [f"app{number}.docx"], "redactions": {"CANDIDATE": 3},
            "warnings": [], **extra}


def write_policy(tmp_path: Path, **changes) -> Path:
    """The default policy with top-level sections changed (dotted keys reach into sections)."""
    policy = yaml.safe_load((REPO / "rules" / "panel-policy.yaml").read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        section, _, key = dotted.partition("__")
        if key:
            policy[section][key] = value
        else:
            policy[section] = value
    return write_yaml(tmp_path / "policy.yaml", policy)


def run(tmp_path: Path, panel: dict, report: Path | None = None, policy: Path | None = None):
    """The checklist for `panel`, written into tmp_path and read back as a user's file would be."""
    return build_checklist(write_yaml(tmp_path / "panel.yaml", panel), policy, report, today=TODAY)


def outcome(tmp_path: Path, panel: dict, key: str, **kwargs):
    """The one item `key` of the panel's checklist."""
    return next(item for item in run(tmp_path, panel, **kwargs).items if item.key == key)


def bad_input(tmp_path: Path, panel: dict) -> str:
    """The message of the ChecklistInputError a bad panel raises."""
    with pytest.raises(ChecklistInputError) as caught:
        run(tmp_path, panel)
    return str(caught.value)


# --- The complete panel -------------------------------------------------------------------------

def test_a_panel_meeting_the_policy_has_every_item_met(tmp_path):
    report = write_report(tmp_path, [candidate(1, reviewed=True), candidate(2, reviewed=True)])
    checklist = run(tmp_path, base_panel(), report=report)
    assert {item.key: item.status for item in checklist.items if item.status != MET} == {}
    assert checklist.failing == ()


def test_every_item_has_a_reason_and_a_known_status(tmp_path):
    for item in run(tmp_path, base_panel()).items:
        assert item.reason and item.title
        assert item.status in (MET, NOT_MET, NEEDS_ACTION, DECLARATION)


# --- Blind shortlisting --------------------------------------------------------------------------

def test_blind_shortlisting_recorded_is_met(tmp_path):
    assert outcome(tmp_path, base_panel(), "blind_shortlisting").status == MET


def test_shortlisting_recorded_as_not_blind_is_not_met(tmp_path):
    panel = base_panel()
    panel["process"]["blind_shortlisting"] = False
    assert outcome(tmp_path, panel, "blind_shortlisting").status == NOT_MET


def test_blind_shortlisting_not_recorded_is_a_chair_declaration(tmp_path):
    panel = base_panel()
    del panel["process"]["blind_shortlisting"]
    assert outcome(tmp_path, panel, "blind_shortlisting").status == DECLARATION


def test_blind_shortlisting_not_recorded_is_met_by_an_hr_report_of_anonymised_applications(tmp_path):
    panel = base_panel()
    del panel["process"]["blind_shortlisting"]
    report = write_report(tmp_path, [candidate(1)])
    assert outcome(tmp_path, panel, "blind_shortlisting", report=report).status == MET


# --- Scores locked before identities revealed ----------------------------------------------------

def test_identities_revealed_after_scores_locked_is_met(tmp_path):
    assert outcome(tmp_path, base_panel(), "scores_locked_before_reveal").status == MET


def test_identities_revealed_before_scores_locked_is_not_met(tmp_path):
    panel = base_panel()
    process = panel["process"]
    process["scores_locked_at"], process["identities_revealed_at"] = process["identities_revealed_at"], process["scores_locked_at"]
    item = outcome(tmp_path, panel, "scores_locked_before_reveal")
    assert item.status == NOT_MET
    assert "before scores were locked" in item.reason


def test_identities_revealed_with_no_lock_recorded_needs_action(tmp_path):
    panel = base_panel()
    del panel["process"]["scores_locked_at"]
    assert outcome(tmp_path, panel, "scores_locked_before_reveal").status == NEEDS_ACTION


def test_scores_locked_and_not_yet_revealed_is_met(tmp_path):
    panel = base_panel()
    del panel["process"]["identities_revealed_at"]
    assert outcome(tmp_path, panel, "scores_locked_before_reveal").status == MET


def test_lock_and_reveal_not_recorded_is_a_chair_declaration(tmp_path):
    panel = base_panel()
    del panel["process"]["scores_locked_at"], panel["process"]["identities_revealed_at"]
    assert outcome(tmp_path, panel, "scores_locked_before_reveal").status == DECLARATION


# --- HR report: anonymised and reviewed -----------------------------------------------------------

def test_hr_report_with_every_application_anonymised_is_met(tmp_path):
    report = write_report(tmp_path, [candidate(1), candidate(2)])
    assert outcome(tmp_path, base_panel(), "applications_anonymised", report=report).status == MET


def test_hr_report_with_a_failed_application_is_not_met(tmp_path):
    report = write_report(tmp_path, [candidate(1)], failures=[{"source": "Jo Bloggs CV.pdf", "reason": "encrypted"}])
    item = outcome(tmp_path, base_panel(), "applications_anonymised", report=report)
    assert item.status == NOT_MET
    assert "1 of 2" in item.reason
    # A failed file's name may be the candidate's own name: the panel's checklist never shows it.
    assert "Bloggs" not in render_checklist(run(tmp_path, base_panel(), report=report), "md")


def test_hr_report_with_no_candidates_is_not_met(tmp_path):
    report = write_report(tmp_path, [])
    assert outcome(tmp_path, base_panel(), "applications_anonymised", report=report).status == NOT_MET


def test_without_hr_report_anonymisation_is_a_chair_declaration(tmp_path):
    assert outcome(tmp_path, base_panel(), "applications_anonymised").status == DECLARATION


def test_hr_report_with_every_application_reviewed_is_met(tmp_path):
    report = write_report(tmp_path, [candidate(1, reviewed=True), candidate(2, reviewed=True)])
    assert outcome(tmp_path, base_panel(), "applications_reviewed", report=report).status == MET


def test_hr_report_with_an_unreviewed_application_needs_action(tmp_path):
    report = write_report(tmp_path, [candidate(1, reviewed=True), candidate(2, reviewed=False)])
    item = outcome(tmp_path, base_panel(), "applications_reviewed", report=report)
    assert item.status == NEEDS_ACTION
    assert item.reason.startswith("1 anonymised application")


def test_hr_report_without_review_records_leaves_review_to_a_declaration(tmp_path):
    report = write_report(tmp_path, [candidate(1), candidate(2)])
    assert outcome(tmp_path, base_panel(), "applications_reviewed", report=report).status == DECLARATION


# --- Diverse representation -----------------------------------------------------------------------

def test_panel_varied_in_enough_characteristics_meets_diverse_representation(tmp_path):
    assert outcome(tmp_path, base_panel(), "diverse_representation").status == MET


def test_panel_all_giving_the_same_answers_does_not_meet_diverse_representation(tmp_path):
    panel = base_panel()
    for member in panel["members"]:
        member["characteristics"] = {"gender": "woman", "ethnicity": "A", "disability": "no", "age_band": "35-44"}
    assert outcome(tmp_path, panel, "diverse_representation").status == NOT_MET


def test_panel_varied_in_fewer_characteristics_than_the_policy_needs_is_not_met(tmp_path):
    panel = base_panel()
    for member in panel["members"]:
        member["characteristics"].update(ethnicity="A", disability="no", age_band="35-44")
    assert outcome(tmp_path, panel, "diverse_representation").status == NOT_MET


def test_diverse_representation_is_required_at_supervisory_level(tmp_path):
    assert outcome(tmp_path, base_panel(level="supervisory"), "diverse_representation").required


def test_diverse_representation_is_required_at_management_level(tmp_path):
    assert outcome(tmp_path, base_panel(level="management"), "diverse_representation").required


def test_diverse_representation_is_advisory_at_entry_level(tmp_path):
    assert not outcome(tmp_path, base_panel(level="entry"), "diverse_representation").required


def test_diverse_representation_uses_the_policys_minimum(tmp_path):
    panel = base_panel()
    for member in panel["members"]:
        member["characteristics"].update(ethnicity="A", disability="no", age_band="35-44")
    policy = write_policy(tmp_path, diverse_representation__minimum_varied=1)
    assert outcome(tmp_path, panel, "diverse_representation", policy=policy).status == MET


# --- Inclusion training ---------------------------------------------------------------------------

def test_training_within_two_years_of_the_interview_is_met(tmp_path):
    assert outcome(tmp_path, base_panel(), "inclusion_training").status == MET


def test_training_exactly_two_years_before_the_interview_is_met(tmp_path):
    panel = base_panel()
    interview = panel["interview_date"]
    panel["members"][0]["inclusion_training"] = interview.replace(year=interview.year - 2)
    assert outcome(tmp_path, panel, "inclusion_training").status == MET


def test_training_lapsed_needs_action_naming_the_member(tmp_path):
    panel = base_panel()
    interview = panel["interview_date"]
    panel["members"][1]["inclusion_training"] = interview.replace(year=interview.year - 2) - timedelta(days=1)
    item = outcome(tmp_path, panel, "inclusion_training")
    assert item.status == NEEDS_ACTION
    assert "Blake Shore" in item.reason and "Alex Ward" not in item.reason


def test_member_never_trained_needs_action(tmp_path):
    panel = base_panel()
    panel["members"][2]["inclusion_training"] = None
    item = outcome(tmp_path, panel, "inclusion_training")
    assert item.status == NEEDS_ACTION
    assert "Casey Marr has no inclusion training recorded" in item.reason


def test_lapsed_training_with_a_stakeholder_panel_recorded_is_met(tmp_path):
    panel = base_panel()
    panel["members"][0]["inclusion_training"] = None
    panel["process"]["stakeholder_panel"] = True
    item = outcome(tmp_path, panel, "inclusion_training")
    assert item.status == MET
    assert "stakeholder panel" in item.reason


def test_stakeholder_panel_does_not_replace_training_when_the_policy_says_so(tmp_path):
    panel = base_panel()
    panel["members"][0]["inclusion_training"] = None
    panel["process"]["stakeholder_panel"] = True
    policy = write_policy(tmp_path, inclusion_training__stakeholder_panel_instead=False)
    assert outcome(tmp_path, panel, "inclusion_training", policy=policy).status == NEEDS_ACTION


def test_training_validity_follows_the_policy(tmp_path):
    panel = base_panel()
    panel["members"][0]["inclusion_training"] = panel["interview_date"] - timedelta(days=400)
    policy = write_policy(tmp_path, inclusion_training__valid_for_months=12)
    assert outcome(tmp_path, panel, "inclusion_training", policy=policy).status == NEEDS_ACTION


# --- Panel size -----------------------------------------------------------------------------------

def test_panel_of_three_meets_panel_size(tmp_path):
    assert outcome(tmp_path, base_panel(), "panel_size").status == MET


def test_panel_of_two_meets_panel_size_with_a_note(tmp_path):
    panel = base_panel()
    del panel["members"][1]
    item = outcome(tmp_path, panel, "panel_size")
    assert item.status == MET
    assert "normally expects 3" in item.reason


def test_panel_of_one_does_not_meet_panel_size(tmp_path):
    panel = base_panel()
    del panel["members"][1:]
    assert outcome(tmp_path, panel, "panel_size").status == NOT_MET


# --- Independent member ---------------------------------------------------------------------------

def test_panel_with_an_independent_member_is_met(tmp_path):
    item = outcome(tmp_path, base_panel(), "independent_member")
    assert item.status == MET
    assert "Casey Marr" in item.reason


def test_panel_without_an_independent_member_is_not_met(tmp_path):
    panel = base_panel()
    panel["members"][2]["independent"] = False
    assert outcome(tmp_path, panel, "independent_member").status == NOT_MET


# --- Same panel shortlists and interviews ---------------------------------------------------------

def test_every_member_on_both_stages_is_met(tmp_path):
    assert outcome(tmp_path, base_panel(), "same_panel").status == MET


def test_member_only_at_interview_is_not_met(tmp_path):
    panel = base_panel()
    panel["members"][1]["stages"] = ["interview"]
    item = outcome(tmp_path, panel, "same_panel")
    assert item.status == NOT_MET
    assert "Blake Shore only on the interview" in item.reason


# --- Not single-sex -------------------------------------------------------------------------------

def test_panel_declaring_more_than_one_gender_is_not_single_sex(tmp_path):
    assert outcome(tmp_path, base_panel(), "not_single_sex").status == MET


def test_panel_all_declaring_one_gender_is_single_sex_and_not_met(tmp_path):
    panel = base_panel()
    for member in panel["members"]:
        member["characteristics"]["gender"] = "woman"
    assert outcome(tmp_path, panel, "not_single_sex").status == NOT_MET


def test_equivalent_answers_count_as_the_same_gender(tmp_path):
    panel = base_panel()
    for member, answer in zip(panel["members"], ("Female", "woman", "F")):
        member["characteristics"]["gender"] = answer
    assert outcome(tmp_path, panel, "not_single_sex").status == NOT_MET


def test_prefer_not_to_say_counts_as_not_declared(tmp_path):
    panel = base_panel()
    panel["members"][1]["characteristics"]["gender"] = "Prefer not to say"
    assert outcome(tmp_path, panel, "not_single_sex").status == DECLARATION


def test_declarants_sharing_a_gender_while_others_did_not_declare_needs_action(tmp_path):
    panel = base_panel()
    panel["members"].append({**copy.deepcopy(panel["members"][0]), "name": "Drew Pike", "characteristics": {}})
    for member in panel["members"][:3]:
        member["characteristics"]["gender"] = "man"
    assert outcome(tmp_path, panel, "not_single_sex").status == NEEDS_ACTION


# --- Conflicts of interest ------------------------------------------------------------------------

def test_every_member_declaring_no_conflicts_is_met(tmp_path):
    assert outcome(tmp_path, base_panel(), "conflicts_declared").status == MET


def test_declared_conflict_with_how_it_is_managed_is_met(tmp_path):
    panel = base_panel()
    panel["members"][0]["conflicts"] = [{"description": "knows an applicant", "managed": "steps out for them"}]
    assert outcome(tmp_path, panel, "conflicts_declared").status == MET


def test_member_who_has_not_declared_conflicts_needs_action(tmp_path):
    panel = base_panel()
    del panel["members"][1]["conflicts"]
    item = outcome(tmp_path, panel, "conflicts_declared")
    assert item.status == NEEDS_ACTION
    assert "Blake Shore has not declared" in item.reason


def test_declared_conflict_without_how_it_is_managed_needs_action(tmp_path):
    panel = base_panel()
    panel["members"][0]["conflicts"] = ["knows an applicant"]
    item = outcome(tmp_path, panel, "conflicts_declared")
    assert item.status == NEEDS_ACTION
    # What the conflict is stays in the panel file, out of the checklist.
    assert "knows an applicant" not in item.reason


# --- Facts the panel file records about the process -----------------------------------------------

PROCESS_FACTS = [
    ("same_questions", "same_questions"),
    ("criteria_based_scoring", "criteria_based_scoring"),
    ("independent_scoring", "independent_scoring"),
    ("reasonable_adjustments", "reasonable_adjustments_offered"),
    ("guaranteed_interview", "guaranteed_interviews_offered"),
]


@pytest.mark.parametrize("key, field", PROCESS_FACTS)
def test_process_fact_recorded_true_is_met(tmp_path, key, field):
    assert outcome(tmp_path, base_panel(), key).status == MET


@pytest.mark.parametrize("key, field", PROCESS_FACTS)
def test_process_fact_recorded_false_is_not_met(tmp_path, key, field):
    panel = base_panel()
    panel["process"][field] = False
    assert outcome(tmp_path, panel, key).status == NOT_MET


@pytest.mark.parametrize("key, field", PROCESS_FACTS)
def test_process_fact_not_recorded_is_a_chair_declaration(tmp_path, key, field):
    panel = base_panel()
    del panel["process"][field]
    item = outcome(tmp_path, panel, key)
    assert item.status == DECLARATION
    assert f"process.{field}" in item.reason


def test_guaranteed_interview_is_met_where_the_council_runs_no_scheme(tmp_path):
    panel = base_panel()
    panel["process"]["guaranteed_interviews_offered"] = False
    policy = write_policy(tmp_path, guaranteed_interview_scheme=False)
    assert outcome(tmp_path, panel, "guaranteed_interview", policy=policy).status == MET


# --- Positive action ------------------------------------------------------------------------------

def positive_action(tmp_path: Path, **recorded):
    """The positive-action item with `process.positive_action` set to `recorded`."""
    panel = base_panel()
    panel["process"]["positive_action"] = recorded
    return outcome(tmp_path, panel, "positive_action")


def test_positive_action_not_used_is_met(tmp_path):
    assert positive_action(tmp_path, used=False).status == MET


def test_positive_action_as_a_tie_break_with_evidence_is_met(tmp_path):
    item = positive_action(tmp_path, used=True, tie_break_only=True, under_representation_evidence="Workforce profile 2025")
    assert item.status == MET


def test_positive_action_beyond_a_tie_break_is_not_met(tmp_path):
    item = positive_action(tmp_path, used=True, tie_break_only=False, under_representation_evidence="Workforce profile")
    assert item.status == NOT_MET
    assert "s.159" in item.reason


def test_positive_action_without_evidence_of_under_representation_needs_action(tmp_path):
    item = positive_action(tmp_path, used=True, tie_break_only=True)
    assert item.status == NEEDS_ACTION
    assert "under_representation_evidence" in item.reason


def test_positive_action_without_a_tie_break_record_needs_action(tmp_path):
    item = positive_action(tmp_path, used=True, under_representation_evidence="Workforce profile")
    assert item.status == NEEDS_ACTION
    assert "tie_break_only" in item.reason


def test_positive_action_not_recorded_is_a_chair_declaration(tmp_path):
    panel = base_panel()
    del panel["process"]["positive_action"]
    assert outcome(tmp_path, panel, "positive_action").status == DECLARATION


# --- Privacy --------------------------------------------------------------------------------------

def docx_text(data: bytes) -> str:
    """Every XML part of a .docx (body, headers, properties), as one lowercase string."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist()).lower()


@pytest.mark.parametrize("fmt", ["md", "json", "docx"])
def test_no_member_characteristic_appears_in_the_output(tmp_path, fmt):
    output = render_checklist(run(tmp_path, base_panel()), fmt)
    text = docx_text(output) if fmt == "docx" else output.lower()
    assert "casey marr is independent" in text  # the output is a real checklist, not an empty one
    assert [value for value in SECRET_VALUES if value in text] == []


@pytest.mark.parametrize("fmt", ["md", "json", "docx"])
def test_no_characteristic_appears_when_items_fail(tmp_path, fmt):
    panel = base_panel()
    for member in panel["members"]:
        member["characteristics"]["gender"] = "Qgendersame"
    output = render_checklist(run(tmp_path, panel), fmt)
    text = docx_text(output) if fmt == "docx" else output.lower()
    assert "qgendersame" not in text
    assert [value for value in SECRET_VALUES if value in text] == []


def test_summary_never_shows_a_member_characteristic(tmp_path):
    folder = tmp_path / "panels"
    folder.mkdir()
    write_yaml(folder / "a.yaml", base_panel())
    runner = CliRunner()
    for fmt in ("md", "json"):
        result = runner.invoke(cli, ["checklist", "--summary", str(folder), "--format", fmt])
        assert [value for value in SECRET_VALUES if value in result.output.lower()] == []


def small_panel(declared: int) -> dict:
    """A three-member panel where only `declared` members declared any characteristic."""
    panel = base_panel()
    for member in panel["members"][declared:]:
        member["characteristics"] = {}
    return panel


def test_too_few_declarations_leave_characteristic_items_to_the_chair(tmp_path):
    checklist = run(tmp_path, small_panel(2))
    statuses = {item.key: item.status for item in checklist.items}
    assert statuses["diverse_representation"] == DECLARATION
    assert statuses["not_single_sex"] == DECLARATION


def test_too_few_declarations_say_so(tmp_path):
    item = outcome(tmp_path, small_panel(2), "diverse_representation")
    assert "Fewer than 3 members declared" in item.reason


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_small_numbers_of_declarations_are_indistinguishable_in_the_output(tmp_path, fmt):
    # Counts of 0, 1 or 2 declarants could single someone out, so the output must not vary with them.
    outputs = {render_checklist(run(tmp_path, small_panel(declared)), fmt) for declared in (0, 1, 2)}
    assert len(outputs) == 1


def test_two_member_panel_does_not_reveal_whether_its_members_differ(tmp_path):
    mixed = base_panel()
    del mixed["members"][1]
    alike = copy.deepcopy(mixed)
    alike["members"][1]["characteristics"] = dict(alike["members"][0]["characteristics"])
    assert render_checklist(run(tmp_path, mixed), "md") == render_checklist(run(tmp_path, alike), "md")


def test_member_repr_hides_characteristics(tmp_path):
    from blindrec.checklist import load_panel, load_policy
    panel = load_panel(write_yaml(tmp_path / "panel.yaml", base_panel()), load_policy(), TODAY)
    assert [value for value in SECRET_VALUES if value in repr(panel).lower()] == []


def test_bad_characteristic_answer_error_does_not_print_the_answer(tmp_path):
    panel = base_panel()
    panel["members"][0]["characteristics"]["ethnicity"] = ["Qlisted", "Qanswer"]
    message = bad_input(tmp_path, panel)
    assert "members[0].characteristics.ethnicity" in message
    assert "qlisted" not in message.lower()


# --- Policy ---------------------------------------------------------------------------------------

def test_default_policy_follows_the_recommendations():
    policy = load_policy()
    assert policy.levels == ("entry", "supervisory", "management", "senior")
    assert policy.required_at["diverse_representation"] == {"supervisory", "management"}
    assert policy.training_valid_months == 24
    assert policy.stakeholder_panel_instead_of_training is True
    assert (policy.panel_minimum, policy.panel_normal) == (2, 3)
    assert policy.privacy_minimum_declared == 3


def test_rules_folder_is_found_in_the_source_tree():
    assert (_rules_dir() / "panel-policy.yaml").is_file()


def test_item_left_out_of_the_policy_is_required_everywhere(tmp_path):
    policy_path = write_policy(tmp_path)
    data = yaml.safe_load(policy_path.read_text())
    del data["required"]["panel_size"]
    policy = load_policy(write_yaml(policy_path, data))
    assert policy.is_required("panel_size", "entry")


def test_advisory_item_is_not_required(tmp_path):
    policy = write_policy(tmp_path, required={"independent_member": []})
    panel = base_panel()
    panel["members"][2]["independent"] = False
    item = outcome(tmp_path, panel, "independent_member", policy=policy)
    assert (item.status, item.required) == (NOT_MET, False)


def test_policy_naming_an_unknown_level_is_refused(tmp_path):
    path = write_policy(tmp_path, required={"panel_size": ["junior"]})
    with pytest.raises(ChecklistInputError, match=r"policy\.yaml: field 'required\.panel_size'"):
        load_policy(path)


def test_policy_naming_an_unknown_item_is_refused(tmp_path):
    path = write_policy(tmp_path, required={"panel_sise": "all"})
    with pytest.raises(ChecklistInputError, match=r"policy\.yaml: field 'required\.panel_sise' is not a known field"):
        load_policy(path)


def test_policy_with_a_normal_size_below_the_minimum_is_refused(tmp_path):
    path = write_policy(tmp_path, panel_size={"minimum": 3, "normal": 2})
    with pytest.raises(ChecklistInputError, match=r"field 'panel_size\.normal'"):
        load_policy(path)


def test_policy_privacy_threshold_of_one_is_refused(tmp_path):
    path = write_policy(tmp_path, privacy__minimum_declared_members=1)
    with pytest.raises(ChecklistInputError, match=r"field 'privacy\.minimum_declared_members'"):
        load_policy(path)


# --- Bad panel input ------------------------------------------------------------------------------

@pytest.mark.parametrize("field", ["reference", "role", "level", "interview_date", "members"])
def test_missing_recruitment_field_names_the_file_and_field(tmp_path, field):
    panel = base_panel()
    del panel[field]
    message = bad_input(tmp_path, panel)
    assert message.startswith(str(tmp_path / "panel.yaml"))
    assert f"field '{field}' is missing" in message


@pytest.mark.parametrize("field", ["name", "panel_role", "department", "inclusion_training", "independent"])
def test_missing_member_field_names_the_member_and_field(tmp_path, field):
    panel = base_panel()
    del panel["members"][1][field]
    assert f"panel.yaml: field 'members[1].{field}' is missing" in bad_input(tmp_path, panel)


def test_training_date_in_the_future_is_refused(tmp_path):
    panel = base_panel()
    panel["members"][0]["inclusion_training"] = TODAY + timedelta(days=1)
    assert "field 'members[0].inclusion_training' is 2026-06-02, which is in the future" in bad_input(tmp_path, panel)


def test_scores_locked_in_the_future_is_refused(tmp_path):
    panel = base_panel()
    panel["process"]["scores_locked_at"] = datetime(2026, 7, 1, 9, 0)
    assert "field 'process.scores_locked_at' is 2026-07-01, which is in the future" in bad_input(tmp_path, panel)


def test_unparseable_date_is_refused(tmp_path):
    panel = base_panel()
    panel["interview_date"] = "3rd of June"
    assert "field 'interview_date' is '3rd of June', which is not a date; write it as YYYY-MM-DD" in bad_input(tmp_path, panel)


def test_unparseable_training_date_is_refused(tmp_path):
    panel = base_panel()
    panel["members"][2]["inclusion_training"] = "31/02/2025"
    assert "field 'members[2].inclusion_training' is '31/02/2025', which is not a date" in bad_input(tmp_path, panel)


def test_interview_date_may_be_in_the_future(tmp_path):
    panel = base_panel()
    panel["interview_date"] = TODAY + timedelta(days=60)
    assert run(tmp_path, panel).interview_date == TODAY + timedelta(days=60)


def test_unknown_level_is_refused_with_the_levels_to_use(tmp_path):
    panel = base_panel(level="junior")
    message = bad_input(tmp_path, panel)
    assert "field 'level' is 'junior', which is not a level" in message
    assert "entry, supervisory, management, senior" in message


def test_level_is_read_case_insensitively(tmp_path):
    assert run(tmp_path, base_panel(level="Supervisory")).level == "supervisory"


def test_duplicate_member_is_refused(tmp_path):
    panel = base_panel()
    panel["members"][2]["name"] = "  alex   WARD "
    assert "field 'members[2].name' repeats members[0]" in bad_input(tmp_path, panel)


def test_misspelt_field_is_refused(tmp_path):
    panel = base_panel()
    panel["members"][0]["independant"] = True
    assert "field 'members[0].independant' is not a known field" in bad_input(tmp_path, panel)


def test_yes_no_field_that_is_not_true_or_false_is_refused(tmp_path):
    panel = base_panel()
    panel["members"][0]["independent"] = "sometimes"
    assert "field 'members[0].independent' must be true or false" in bad_input(tmp_path, panel)


def test_empty_member_list_is_refused(tmp_path):
    panel = base_panel()
    panel["members"] = []
    assert "field 'members' must be a list" in bad_input(tmp_path, panel)


def test_unknown_stage_is_refused(tmp_path):
    panel = base_panel()
    panel["members"][0]["stages"] = ["sifting"]
    assert "field 'members[0].stages' must be a list from shortlisting, interview" in bad_input(tmp_path, panel)


def test_invalid_yaml_is_refused_with_its_line(tmp_path):
    path = tmp_path / "panel.yaml"
    path.write_text("reference: X\nmembers: [\n  - name: a\n", encoding="utf-8")
    with pytest.raises(ChecklistInputError, match=r"panel\.yaml: the panel file is not valid YAML near line"):
        build_checklist(path, today=TODAY)


def test_panel_file_that_is_not_a_mapping_is_refused(tmp_path):
    path = tmp_path / "panel.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(ChecklistInputError, match=r"panel\.yaml: the panel file must be a YAML mapping"):
        build_checklist(path, today=TODAY)


def test_missing_panel_file_is_refused(tmp_path):
    with pytest.raises(ChecklistInputError, match=r"nope\.yaml: no such panel file"):
        build_checklist(tmp_path / "nope.yaml", today=TODAY)


def test_hr_report_without_candidates_is_refused(tmp_path):
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"failures": []}), encoding="utf-8")
    with pytest.raises(ChecklistInputError, match=r"report\.json: field 'candidates' is missing or not a list"):
        run(tmp_path, base_panel(), report=report)


def test_hr_report_that_is_not_json_is_refused(tmp_path):
    report = tmp_path / "report.json"
    report.write_text("{not json", encoding="utf-8")
    with pytest.raises(ChecklistInputError, match=r"report\.json: the HR report is not readable JSON"):
        run(tmp_path, base_panel(), report=report)


# --- Outputs --------------------------------------------------------------------------------------

def test_markdown_shows_declarations_as_tick_boxes_for_the_chair(tmp_path):
    panel = base_panel()
    del panel["process"]["same_questions"]
    text = render_checklist(run(tmp_path, panel), "md")
    assert "## For the chair to confirm" in text
    assert "- [ ] **The same questions for every candidate** (required):" in text


def test_markdown_table_lists_checked_items_with_status_and_reason(tmp_path):
    panel = base_panel()
    panel["members"][2]["independent"] = False
    text = render_checklist(run(tmp_path, panel), "md")
    assert "| An independent member on the panel | not met | yes | No member is independent" in text
    assert "**Result:** 1 required item not met or needing action" in text


def test_json_lists_every_item_in_order_with_the_failing_ones(tmp_path):
    panel = base_panel()
    panel["members"][2]["independent"] = False
    data = json.loads(render_checklist(run(tmp_path, panel), "json"))
    assert [item["key"] for item in data["items"]][:2] == ["blind_shortlisting", "scores_locked_before_reveal"]
    assert len(data["items"]) == 17
    assert data["result"]["required_unmet"] == ["independent_member"]


def test_docx_holds_the_items_and_tick_boxes(tmp_path):
    panel = base_panel()
    del panel["process"]["same_questions"]
    text = docx_text(render_checklist(run(tmp_path, panel), "docx"))
    assert "an independent member on the panel" in text
    assert "\u2610" in text


def test_docx_converts_to_pdf_with_libreoffice(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not on PATH; CI installs it from .ci/apt-packages-checklist.txt")
    docx_path = tmp_path / "checklist.docx"
    docx_path.write_bytes(render_checklist(run(tmp_path, base_panel()), "docx"))
    profile = (tmp_path / "lo-profile").as_uri()  # a private profile, so parallel runs do not collide
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx_path)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / "checklist.pdf"
    assert pdf.is_file()
    assert pdf.read_bytes().startswith(b"%PDF")


# --- Summary --------------------------------------------------------------------------------------

def summary_folder(tmp_path: Path) -> Path:
    """Three supervisory recruitments (two with an independent member) and one entry-level one."""
    folder = tmp_path / "panels"
    folder.mkdir()
    for number in range(3):
        panel = base_panel()
        panel["reference"] = f"S-{number}"
        panel["members"][2]["independent"] = number != 0
        write_yaml(folder / f"s{number}.yaml", panel)
    write_yaml(folder / "e.yaml", base_panel(level="entry"))
    (folder / "notes.txt").write_text("not a panel file", encoding="utf-8")
    return folder


def tally(summary, level: str, key: str):
    """One item's tally at one level."""
    group = next(group for group in summary.levels if group.level == level)
    return next(item for item in group.items if item.key == key)


def test_summary_counts_recruitments_per_level(tmp_path):
    summary = build_summary(summary_folder(tmp_path), today=TODAY)
    assert [(group.level, group.recruitments) for group in summary.levels] == [("entry", 1), ("supervisory", 3)]


def test_summary_gives_the_share_of_recruitments_meeting_each_item(tmp_path):
    summary = build_summary(summary_folder(tmp_path), today=TODAY)
    item = tally(summary, "supervisory", "independent_member")
    assert (item.met, item.unmet, item.unconfirmed) == (2, 1, 0)
    assert item.share_met == pytest.approx(2 / 3)


def test_summary_keeps_declarations_apart_from_met(tmp_path):
    item = tally(build_summary(summary_folder(tmp_path), today=TODAY), "entry", "applications_anonymised")
    assert (item.met, item.unconfirmed) == (0, 1)


def test_summary_refuses_a_bad_panel_file_by_name(tmp_path):
    folder = summary_folder(tmp_path)
    write_yaml(folder / "s9.yaml", base_panel(level="junior"))
    with pytest.raises(ChecklistInputError, match=r"s9\.yaml: field 'level'"):
        build_summary(folder, today=TODAY)


def test_summary_of_a_folder_without_panel_files_is_refused(tmp_path):
    with pytest.raises(ChecklistInputError, match="no panel files"):
        build_summary(tmp_path, today=TODAY)


# --- Command line ---------------------------------------------------------------------------------

def cli_panel(tmp_path: Path, panel: dict | None = None) -> Path:
    """A panel file dated relative to the real today, as the CLI checks dates against it."""
    return write_yaml(tmp_path / "panel.yaml", panel or base_panel(today=date.today()))


def invoke(*args: str):
    """Run `blindrec checklist ARGS` and return click's result."""
    return CliRunner().invoke(cli, ["checklist", *args])


def test_cli_prints_a_markdown_checklist(tmp_path):
    result = invoke(str(cli_panel(tmp_path)))
    assert result.exit_code == 0
    assert result.output.startswith("# Panel checklist: Team Leader")


def test_cli_writes_the_format_named_by_the_out_extension(tmp_path):
    out = tmp_path / "checklist.json"
    result = invoke(str(cli_panel(tmp_path)), "--out", str(out))
    assert result.exit_code == 0
    assert json.loads(out.read_text())["kind"] == "panel-checklist"


def test_cli_writes_docx(tmp_path):
    out = tmp_path / "checklist.docx"
    result = invoke(str(cli_panel(tmp_path)), "--format", "docx", "--out", str(out))
    assert result.exit_code == 0
    assert zipfile.is_zipfile(out)


def test_cli_reads_the_hr_report(tmp_path):
    report = write_report(tmp_path, [candidate(1)], failures=[{"source": "x.pdf", "reason": "encrypted"}])
    data = json.loads(invoke(str(cli_panel(tmp_path)), "--report", str(report), "--format", "json").output)
    assert "applications_anonymised" in data["result"]["required_unmet"]


def test_cli_strict_exits_1_when_a_required_item_is_not_met(tmp_path):
    panel = base_panel(today=date.today())
    panel["members"][2]["independent"] = False
    assert invoke(str(cli_panel(tmp_path, panel)), "--strict").exit_code == 1


def test_cli_strict_exits_1_when_a_required_item_needs_action(tmp_path):
    panel = base_panel(today=date.today())
    del panel["members"][0]["conflicts"]
    assert invoke(str(cli_panel(tmp_path, panel)), "--strict").exit_code == 1


def test_cli_without_strict_exits_0_when_a_required_item_is_not_met(tmp_path):
    panel = base_panel(today=date.today())
    panel["members"][2]["independent"] = False
    assert invoke(str(cli_panel(tmp_path, panel))).exit_code == 0


def test_cli_strict_exits_0_when_only_advisory_items_and_declarations_are_open(tmp_path):
    panel = base_panel(today=date.today(), level="entry")
    for member in panel["members"]:
        member["characteristics"].update(ethnicity="A", disability="no", age_band="35-44")
    del panel["process"]["same_questions"]
    result = invoke(str(cli_panel(tmp_path, panel)), "--strict")
    assert "| Diverse representation on the panel | not met | advisory |" in result.output
    assert result.exit_code == 0


def test_cli_bad_input_exits_2_with_a_one_line_message(tmp_path):
    panel = base_panel(today=date.today(), level="junior")
    result = invoke(str(cli_panel(tmp_path, panel)))
    assert result.exit_code == 2
    assert result.output.startswith("blindrec: ") and "panel.yaml: field 'level'" in result.output
    assert "Traceback" not in result.output and result.output.count("\n") == 1


def test_cli_docx_without_out_is_a_usage_error(tmp_path):
    result = invoke(str(cli_panel(tmp_path)), "--format", "docx")
    assert result.exit_code == 2
    assert "--format docx needs --out" in result.output


def test_cli_needs_a_panel_file_or_summary(tmp_path):
    result = invoke()
    assert result.exit_code == 2
    assert "Give either PANEL.yaml or --summary FOLDER" in result.output


def test_cli_summary_prints_each_level(tmp_path):
    folder = tmp_path / "panels"
    folder.mkdir()
    write_yaml(folder / "a.yaml", base_panel(today=date.today()))
    write_yaml(folder / "b.yaml", base_panel(today=date.today(), level="management"))
    result = invoke("--summary", str(folder))
    assert result.exit_code == 0
    assert "## Supervisory (1 recruitment)" in result.output and "## Management (1 recruitment)" in result.output
    assert "| An independent member on the panel | 1 of 1 (100%) |" in result.output


def test_cli_summary_with_a_bad_file_exits_2(tmp_path):
    folder = tmp_path / "panels"
    folder.mkdir()
    panel = base_panel(today=date.today())
    del panel["members"][0]["department"]
    write_yaml(folder / "bad.yaml", panel)
    result = invoke("--summary", str(folder))
    assert result.exit_code == 2
    assert "bad.yaml: field 'members[0].department' is missing" in result.output


def test_cli_uses_a_council_policy_file(tmp_path):
    panel = base_panel(today=date.today())
    del panel["members"][1]
    policy = write_policy(tmp_path, panel_size={"minimum": 3, "normal": 3})
    result = invoke(str(cli_panel(tmp_path, panel)), "--policy", str(policy), "--strict")
    assert result.exit_code == 1
    assert "| Panel size | not met |" in result.output


def test_example_panel_file_is_valid():
    checklist = build_checklist(REPO / "examples" / "panel.yaml")
    assert checklist.level == "supervisory"


def test_example_summary_folder_is_valid():
    summary = build_summary(REPO / "examples" / "panel-summary")
    assert summary.recruitments >= 3


def test_cli_out_in_a_missing_folder_exits_2_naming_the_file(tmp_path):
    out = tmp_path / "missing" / "checklist.md"
    result = invoke(str(cli_panel(tmp_path)), "--out", str(out))
    assert result.exit_code == 2
    assert f"blindrec: {out}: cannot write the checklist" in result.output
