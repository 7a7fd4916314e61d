"""Outcome monitoring: decisions, monitoring import, rates and ratios, suppression, pooling, purge."""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from blindrec.cli import cli
from blindrec.hr.audit import read_audit
from blindrec.outcomes.decisions import Decision, decisions_csv
from blindrec.outcomes.groups import load_grouping
from blindrec.outcomes.report import report_csv, report_markdown
from blindrec.outcomes.stats import COLUMNS, NESTED, count_people, fisher_exact, outcomes
from blindrec.outcomes.suppression import suppress

STAGE_ORDER = ("shortlisted", "interviewed", "offered", "appointed")


# --- building campaigns ----------------------------------------------------------------------

def person(sex="Female", ethnicity="White - British", disability="No", age="25-34", reached=0, withdrew=False):
    """One synthetic applicant: monitoring answers and how many selection stages they reached."""
    stages = list(STAGE_ORDER[:reached]) + (["withdrew"] if withdrew else [])
    return {"Gender": sex, "Ethnicity": ethnicity, "Disability": disability, "Age band": age}, stages


def block(n: int, reached: dict[int, int], **answers):
    """n people with the same answers: reached maps a stage count to how many people got that far."""
    people = []
    for stage_count, how_many in sorted(reached.items()):
        people += [person(reached=stage_count, **answers) for _ in range(how_many)]
    return people + [person(reached=0, **answers) for _ in range(n - len(people))]


def make_campaign(folder: Path, people, prefix: str = "C", source=lambda i: f"applications.csv#APP-{i:04d}") -> Path:
    """A campaign folder as anonymise and decisions leave it: hr/key.csv, monitoring.csv, decisions.csv."""
    hr = folder / "hr"
    hr.mkdir(parents=True)
    ids = [f"{prefix}{i:05d}" for i in range(len(people))]
    with open(hr / "key.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("candidate_id", "source", "sha256"))
        writer.writerows((c, source(i), f"{i:064x}") for i, c in enumerate(ids))
    with open(hr / "monitoring.csv", "w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(("candidate_id", *people[0][0]))
        writer.writerows((c, *answers.values()) for c, (answers, _) in zip(ids, people))
    decisions = [Decision(c, s, "2026-01-10", "2026-01-10T12:00:00+00:00") for c, (_, stages) in zip(ids, people)
                 for s in stages]
    (hr / "decisions.csv").write_text(decisions_csv(decisions), encoding="utf-8")
    return folder


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def rates_of(result, characteristic, stage):
    return {r.group: r for r in result.rates if r.characteristic == characteristic and r.stage == stage}


def counts_for(people, grouping="ons5"):
    ids = [f"C{i:05d}" for i in range(len(people))]
    reached = {c: frozenset(stages) for c, (_, stages) in zip(ids, people)}
    answers = {c: a for c, (a, _) in zip(ids, people)}
    return count_people(ids, reached, answers, load_grouping(grouping))


# --- rates, ratios, Fisher ---------------------------------------------------------------------

def test_selection_rates_and_ratio_match_a_hand_computed_case():
    # Women: 20 applied, 10 shortlisted (50%). Men: 30 applied, 9 shortlisted (30%): ratio 0.6.
    people = block(20, {1: 10}, sex="Female") + block(30, {1: 9}, sex="Male")
    result = outcomes(counts_for(people))
    shortlisted = rates_of(result, "sex", "shortlisted")
    assert shortlisted["Female"].rate == pytest.approx(0.5) and shortlisted["Male"].rate == pytest.approx(0.3)
    assert shortlisted["Female"].ratio == pytest.approx(1.0) and shortlisted["Male"].ratio == pytest.approx(0.6)
    assert shortlisted["Male"].below_four_fifths and not shortlisted["Female"].below_four_fifths
    assert shortlisted["Male"].p_value == pytest.approx(fisher_exact(9, 21, 10, 10))
    assert shortlisted["Female"].p_value is None  # the reference group is not tested against itself


def test_a_later_stage_rate_is_out_of_those_who_reached_the_stage_before():
    people = block(40, {1: 10, 2: 10}, sex="Female") + block(40, {1: 10, 2: 10}, sex="Male")
    result = outcomes(counts_for(people))
    interviewed = rates_of(result, "sex", "interviewed")["Female"]
    assert (interviewed.considered, interviewed.selected) == (20, 10)
    assert interviewed.rate == pytest.approx(0.5)


def test_a_ratio_of_exactly_four_fifths_is_not_flagged():
    people = block(20, {1: 10}, sex="Female") + block(25, {1: 10}, sex="Male")
    male = rates_of(outcomes(counts_for(people)), "sex", "shortlisted")["Male"]
    assert male.ratio == pytest.approx(0.8) and not male.below_four_fifths


@pytest.mark.parametrize("table, expected", [
    ((3, 1, 1, 3), 0.4857142857142857),      # Fisher's tea-tasting experiment
    ((8, 2, 1, 5), 0.03496503496503497),     # R: fisher.test(matrix(c(8,1,2,5), 2))
    ((6, 2, 1, 4), 0.10256410256410257),     # SciPy's documented example
    ((1, 9, 11, 3), 0.002759456185220088),   # R: fisher.test(matrix(c(1,11,9,3), 2))
    ((10, 10, 10, 10), 1.0),
    ((0, 0, 0, 0), 1.0),
])
def test_fisher_exact_matches_known_values(table, expected):
    assert fisher_exact(*table) == pytest.approx(expected, rel=1e-9)


def test_fisher_exact_handles_a_regional_pool_of_thousands():
    assert fisher_exact(5000, 15000, 5200, 14800) == pytest.approx(0.022437314742718366, rel=1e-8)


def test_ethnicity_is_grouped_into_the_ons_five_groups_by_default():
    people = (block(10, {}, ethnicity="Mixed - White and Asian")
              + block(10, {}, ethnicity="Black or Black British - African")
              + block(10, {}, ethnicity="Asian or Asian British - Pakistani") + block(10, {}, ethnicity="Arab")
              + block(10, {}, ethnicity="White - Irish"))
    groups = {g for c, g, _ in counts_for(people).cells if c == "ethnicity"}
    assert groups == {"Mixed or Multiple", "Black, Black British, Caribbean or African", "Asian or Asian British",
                      "Other ethnic group", "White"}


def test_ethnicity_grouping_can_be_read_from_a_yaml_file(tmp_path):
    grouping = tmp_path / "two-groups.yaml"
    grouping.write_text("White: [white]\nEthnic minority: [asian, black, mixed, arab]\n", encoding="utf-8")
    people = block(10, {}, ethnicity="White - Irish") + block(10, {}, ethnicity="Black or Black British - African")
    groups = {g for c, g, _ in counts_for(people, grouping).cells if c == "ethnicity"}
    assert groups == {"White", "Ethnic minority"}


def test_non_disclosure_is_counted_per_question():
    people = block(30, {1: 10}) + block(6, {}, ethnicity="Prefer not to say") + block(7, {}, disability="")
    result = outcomes(counts_for(people))
    assert result.not_disclosed("ethnicity") == 6 and result.not_disclosed("disability") == 7
    assert result.not_disclosed("sex") == 0


# --- suppression ----------------------------------------------------------------------------

def _table(rows: dict[str, tuple[int, ...]]):
    return {(group, column): count for group, counts in rows.items() for column, count in zip(COLUMNS, counts)}


def test_counts_under_the_threshold_are_suppressed_and_zeros_are_not():
    table = _table({"A": (40, 20, 10, 5, 5, 0), "B": (40, 20, 10, 5, 5, 0), "C": (3, 0, 0, 0, 0, 0)})
    shown = suppress(table, COLUMNS, NESTED, 5)
    assert shown[("C", "applied")] is None
    assert shown[("C", "shortlisted")] == 0 and shown[("A", "withdrew")] == 0


def test_a_lone_suppressed_cell_in_a_column_gets_a_partner():
    table = _table({"A": (40, 20, 10, 5, 5, 0), "B": (30, 20, 10, 5, 5, 0), "C": (3, 0, 0, 0, 0, 0)})
    shown = suppress(table, COLUMNS, NESTED, 5)
    # With the column total published, 'applied' of C would be total - 40 - 30: B's count goes too.
    assert shown[("C", "applied")] is None and shown[("B", "applied")] is None and shown[("A", "applied")] == 40


def test_a_small_number_not_progressing_is_not_left_as_a_difference():
    table = _table({"A": (20, 18, 10, 5, 5, 0), "B": (20, 10, 10, 5, 5, 0)})
    shown = suppress(table, COLUMNS, NESTED, 5)
    assert shown[("A", "shortlisted")] is None  # 20 - 18 = 2 not shortlisted would be shown otherwise


def test_the_threshold_is_configurable():
    table = _table({"A": (40, 7, 7, 7, 7, 0), "B": (40, 20, 10, 10, 10, 0)})
    assert suppress(table, COLUMNS, NESTED, 5)[("A", "shortlisted")] == 7
    assert suppress(table, COLUMNS, NESTED, 10)[("A", "shortlisted")] is None


def test_no_suppressed_cell_can_be_worked_out_from_totals_or_differences():
    rng = random.Random(17)
    for _ in range(300):
        rows = {}
        for group in "ABCDE"[:rng.randint(2, 5)]:
            counts = [rng.randint(0, 40)]
            for _ in NESTED[1:]:
                counts.append(rng.randint(0, counts[-1]))
            rows[group] = (*counts, rng.randint(0, counts[0]))
        shown = suppress(_table(rows), COLUMNS, NESTED, 5)
        for column in COLUMNS:
            hidden = [g for g in rows if shown[(g, column)] is None]
            assert len(hidden) != 1, (rows, column)
        for group in rows:
            for earlier, later in zip(NESTED, NESTED[1:]):
                a, b = shown[(group, earlier)], shown[(group, later)]
                assert a is None or b is None or not 0 < a - b < 5
            assert all(v is None or not 0 < v < 5 for (g, _), v in shown.items() if g == group)


def test_a_suppressed_group_gets_no_rate_ratio_or_test_and_is_not_the_reference():
    people = block(20, {1: 10}, sex="Female") + block(30, {1: 9}, sex="Male") + block(3, {1: 3}, sex="Non-binary")
    shortlisted = rates_of(outcomes(counts_for(people)), "sex", "shortlisted")
    hidden = [r for r in shortlisted.values() if r.rate is None]
    assert any(r.group == "Non-binary" for r in hidden)
    assert all(r.ratio is None and r.p_value is None for r in hidden)


# --- pooling -----------------------------------------------------------------------------------

def _small(seed: int, n: int):
    rng = random.Random(seed)
    return [person(sex=rng.choice(["Female", "Male", "Non-binary"]),
                   ethnicity=rng.choice(["White - British", "Asian or Asian British - Indian", "Arab",
                                         "Prefer not to say"]),
                   disability=rng.choice(["No", "Yes", ""]), age=rng.choice(["16-24", "25-34", "55-64"]),
                   reached=rng.choice([0, 0, 1, 2, 4]), withdrew=rng.random() < 0.1) for _ in range(n)]


def _large():
    # Every group 80 strong and every step 5 or more (or 0): nothing in it is suppressed.
    reached = {1: 8, 2: 6, 4: 6}
    return (block(40, reached, sex="Female", ethnicity="White - British", disability="No", age="25-34")
            + block(40, reached, sex="Female", ethnicity="Asian or Asian British - Indian", disability="Yes",
                    age="35-44")
            + block(40, reached, sex="Male", ethnicity="White - British", disability="Yes", age="35-44")
            + block(40, reached, sex="Male", ethnicity="Asian or Asian British - Indian", disability="No", age="25-34"))


def _same_figures(a, b):
    assert a.counts.cells == b.counts.cells
    assert report_csv(a) == report_csv(b)


def test_several_campaigns_pooled_give_the_figures_of_one_combined_campaign(tmp_path):
    from blindrec.outcomes.api import pooled_counts

    a, b, c = _small(1, 37), _small(2, 23), _large()
    folders = [make_campaign(tmp_path / name, people, prefix=name.upper())
               for name, people in (("a", a), ("b", b), ("c", c))]
    combined = make_campaign(tmp_path / "combined", a + b + c)
    _same_figures(outcomes(pooled_counts(folders)), outcomes(pooled_counts([combined])))


def test_an_aggregate_file_pools_like_the_campaign_it_came_from(tmp_path):
    from blindrec.outcomes.api import pooled_counts

    a, b, c = _small(1, 37), _small(2, 23), _large()
    folders = [make_campaign(tmp_path / name, people, prefix=name.upper()) for name, people in (("a", a), ("b", b))]
    make_campaign(tmp_path / "c", c, prefix="C")
    exported = run("outcomes", tmp_path / "c", "--out", tmp_path / "report-c",
                   "--export-aggregate", tmp_path / "c.json")
    assert exported.exit_code == 0, exported.output
    combined = make_campaign(tmp_path / "combined", a + b + c)
    _same_figures(outcomes(pooled_counts([*folders, tmp_path / "c.json"])), outcomes(pooled_counts([combined])))


def test_a_count_suppressed_in_an_aggregate_stays_suppressed_when_pooled(tmp_path):
    from blindrec.outcomes.api import pooled_counts

    small, large = _small(3, 30), _large()
    make_campaign(tmp_path / "small", small, prefix="S")
    assert run("outcomes", tmp_path / "small", "--export-aggregate", tmp_path / "small.json").exit_code == 0
    make_campaign(tmp_path / "large", large, prefix="L")
    pooled = outcomes(pooled_counts([tmp_path / "small.json", tmp_path / "large"]))
    combined = outcomes(pooled_counts([make_campaign(tmp_path / "combined", small + large)]))
    exported = json.loads((tmp_path / "small.json").read_text())
    unknown = {(e["characteristic"], e["group"], e["stage"]) for e in exported["cells"] if e["count"] is None}
    assert unknown and all(pooled.counts.cells[key] is None for key in unknown)
    # Totals are exact, and every figure shown in the pool is the combined campaign's.
    assert all(pooled.counts.cells[("all", "All applicants", c)] == combined.counts.cells[("all", "All applicants", c)]
               for c in COLUMNS)
    assert all(v is None or v == combined.counts.cells[k] for k, v in pooled.counts.cells.items()
               if combined.counts.cells.get(k) is not None)


def test_aggregates_grouped_differently_are_refused(tmp_path):
    make_campaign(tmp_path / "c", _large())
    assert run("outcomes", tmp_path / "c", "--export-aggregate", tmp_path / "c.json").exit_code == 0
    result = run("outcomes", tmp_path / "c.json", "--out", tmp_path / "r", "--ethnicity-grouping", "as-given")
    assert result.exit_code == 2 and "groups ethnicity as 'ons5'" in result.stderr


def test_several_sources_need_an_output_folder(tmp_path):
    make_campaign(tmp_path / "c", _large())
    result = run("outcomes", tmp_path / "c", tmp_path / "c")
    assert result.exit_code == 2 and "--out FOLDER" in result.stderr


# --- nothing per person --------------------------------------------------------------------------

def test_no_output_holds_anything_about_one_person(tmp_path):
    people = _large() + [person(sex="Intersex", ethnicity="Gypsy or Irish Traveller", reached=4)]
    folder = make_campaign(tmp_path / "c", people, source=lambda i: f"CV - Zebedee Quartermaine {i}.docx")
    result = run("outcomes", folder, "--out", tmp_path / "report", "--export-aggregate", tmp_path / "agg.json",
                 "--ethnicity-grouping", "as-given")
    assert result.exit_code == 0, result.output
    texts = [result.output, *(p.read_text(encoding="utf-8") for p in
                              (tmp_path / "report" / "outcomes.md", tmp_path / "report" / "outcomes.csv",
                               tmp_path / "agg.json"))]
    ids = [row["candidate_id"] for row in csv.DictReader(open(folder / "hr" / "key.csv", encoding="utf-8"))]
    for text in texts:
        assert "Zebedee" not in text and "Quartermaine" not in text
        assert not any(candidate_id in text for candidate_id in ids)
    exported = json.loads((tmp_path / "agg.json").read_text())
    lone = [e for e in exported["cells"] if e["group"] in ("Intersex", "Gypsy or Irish Traveller")]
    assert lone and all(e["count"] in (None, 0) for e in lone)
    assert (tmp_path / "report" / "outcomes.png").read_bytes().startswith(b"\x89PNG")


def test_the_report_explains_the_ratio_and_the_mixed_evidence_in_two_sentences():
    text = report_markdown(outcomes(counts_for(_large())))
    assert "four-fifths rule" in text and "helped" in text and "harmed" in text and "its own figures" in text


# --- decisions -------------------------------------------------------------------------------------

@pytest.fixture
def campaign(tmp_path):
    """A campaign of two candidates, C00000 and C00001, with no decisions yet."""
    folder = make_campaign(tmp_path / "out", [person(), person(sex="Male")])
    (folder / "hr" / "decisions.csv").unlink()
    return folder


def decide(campaign, tmp_path, text: str, encoding: str = "utf-8"):
    path = tmp_path / "decisions-in.csv"
    path.write_bytes(text.encode(encoding))
    return run("decisions", campaign, path)


def test_decisions_are_recorded_with_implied_stages_and_audited(campaign, tmp_path):
    result = decide(campaign, tmp_path, "candidate_id,stage,date\nc00000,Interview,2026-02-01\nC00001,withdrawn,\n")
    assert result.exit_code == 0, result.output
    assert "Recorded 2 new decision(s)" in result.output and "for 2 of 2 candidate(s)" in result.output
    rows = list(csv.DictReader(open(campaign / "hr" / "decisions.csv", encoding="utf-8")))
    assert [(r["candidate_id"], r["stage"]) for r in rows] == [("C00000", "interviewed"), ("C00001", "withdrew")]
    line = read_audit(campaign)[-1]
    assert line["command"] == "decisions" and line["outcomes"]["stages"]["shortlisted"] == 1
    assert line["outcomes"]["after_reveal"] is False


def test_a_recorded_decision_cannot_be_redated(campaign, tmp_path):
    assert decide(campaign, tmp_path, "candidate_id,stage,date\nC00000,shortlisted,2026-02-01\n").exit_code == 0
    result = decide(campaign, tmp_path, "candidate_id,stage,date\nC00000,shortlisted,2026-02-03\n")
    assert result.exit_code == 2 and "locked" in result.stderr


@pytest.mark.parametrize("text, message", [
    ("candidate,stage\nC00000,shortlisted\n", "needs the columns candidate_id, stage"),
    ("candidate_id,stage\nC00000,promoted\n", "line 2: the stage 'promoted' is not one of"),
    ("candidate_id,stage,date\nC00000,offered,31/03/2026\n", "line 2: the date '31/03/2026' is not a date"),
    ("candidate_id,stage,date\nC00000,offered,2999-01-01\n", "line 2: the date 2999-01-01 is in the future"),
    ("candidate_id,stage\nC09999,offered\n", "unknown candidate ID(s) C09999"),
    ("candidate_id,stage\n,offered\n", "line 2 has no candidate_id"),
    ("candidate_id,stage\n", "has no decisions"),
])
def test_bad_decision_files_are_refused_with_one_clear_sentence(campaign, tmp_path, text, message):
    result = decide(campaign, tmp_path, text)
    assert result.exit_code == 2
    assert message in result.stderr and result.stderr.startswith("blindrec: ") and result.stderr.count("\n") == 1
    assert not (campaign / "hr" / "decisions.csv").exists()


def test_a_decisions_file_that_is_not_utf8_is_refused(campaign, tmp_path):
    result = decide(campaign, tmp_path, "candidate_id,stage\nC00000,shortlisted,Zoë\n", encoding="utf-16")
    assert result.exit_code == 2 and "not UTF-8" in result.stderr


def test_outcomes_without_decisions_is_a_usage_error(campaign):
    result = run("outcomes", campaign)
    assert result.exit_code == 2 and "no decisions recorded" in result.stderr


# --- monitoring import -----------------------------------------------------------------------------

def _document_campaign(tmp_path):
    sources = ["CV - Ada Quint.docx", "Cover letter - Ada Quint.pdf", "batch2/APP-0042 CV.pdf"]
    folder = tmp_path / "docs"
    (folder / "hr").mkdir(parents=True)
    (folder / "hr" / "key.csv").write_text("candidate_id,source,sha256\nK00001,CV - Ada Quint.docx,a\n"
                                           "K00001,Cover letter - Ada Quint.pdf,b\nK00002,batch2/APP-0042 CV.pdf,c\n",
                                           encoding="utf-8")
    return folder, sources


def test_monitoring_is_imported_by_source_file_and_printed_as_counts_only(tmp_path):
    folder, _ = _document_campaign(tmp_path)
    export = tmp_path / "eo.csv"
    export.write_text("Source file,Gender,Ethnicity\nCV - Ada Quint.docx,Female,Arab\nAPP-0042 CV.pdf,Male,=Other\n",
                      encoding="utf-8")
    result = run("monitoring", folder, export)
    assert result.exit_code == 0, result.output
    assert "2 question(s) for 2 of 2 candidate(s)" in result.output
    assert "Arab" not in result.output and "Female" not in result.output
    text = (folder / "hr" / "monitoring.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "candidate_id,Gender,Ethnicity"
    assert "K00001,Female,Arab" in text and "K00002,Male,'=Other" in text  # made safe as ATS runs do
    assert read_audit(folder)[-1]["command"] == "monitoring"


def test_monitoring_is_imported_by_applicant_reference(tmp_path):
    folder, _ = _document_campaign(tmp_path)
    export = tmp_path / "eo.csv"
    export.write_text("Applicant reference,Disability\nAPP-0042,Yes\n", encoding="utf-8")
    assert run("monitoring", folder, export).exit_code == 0
    assert "K00002,Yes" in (folder / "hr" / "monitoring.csv").read_text(encoding="utf-8-sig")


def test_a_monitoring_row_that_matches_no_application_is_refused_without_echoing_it(tmp_path):
    folder, _ = _document_campaign(tmp_path)
    export = tmp_path / "eo.csv"
    export.write_text("source,Gender\nCV - Someone Else.docx,Female\n", encoding="utf-8")
    result = run("monitoring", folder, export)
    assert result.exit_code == 2 and "line 2: its source matches no application" in result.stderr
    assert "Someone" not in result.stderr and not (folder / "hr" / "monitoring.csv").exists()


def test_imported_monitoring_feeds_the_outcomes(tmp_path):
    folder, _ = _document_campaign(tmp_path)
    export = tmp_path / "eo.csv"
    export.write_text("source,Gender\nCV - Ada Quint.docx,Female\nAPP-0042 CV.pdf,Male\n", encoding="utf-8")
    assert run("monitoring", folder, export).exit_code == 0
    (tmp_path / "d.csv").write_text("candidate_id,stage\nK00001,shortlisted\n", encoding="utf-8")
    assert run("decisions", folder, tmp_path / "d.csv").exit_code == 0
    result = run("outcomes", folder)
    assert result.exit_code == 0, result.output
    assert "Female" in (folder / "hr" / "outcomes" / "outcomes.md").read_text(encoding="utf-8")


# --- purge -------------------------------------------------------------------------------------------

@pytest.fixture
def finished(tmp_path):
    """A campaign whose last decision was long ago, with scores, identifiers and a report."""
    folder = make_campaign(tmp_path / "done", _large())
    hr = folder / "hr"
    for name in ("identifiers.json", "identifiers-rows.jsonl", "review.html", "overrides.yaml"):
        (hr / name).write_text("{}\n", encoding="utf-8")
    (hr / "report.json").write_text(json.dumps({"rules_sha256": "abc", "candidates": [
        {"candidate_id": "C00000", "sources": ["CV - Ada Quint.docx"]}]}), encoding="utf-8")
    (hr / "monitoring-second-export.csv").write_text("candidate_id,Gender\nC00001,Male\n", encoding="utf-8")
    (hr / "scores.csv").write_text("candidate_id,assessor,criterion,score,recorded_at\nC00001,A1,Experience,4,t\n"
                                   "C00000,A1,Experience,3,t\n", encoding="utf-8")
    (hr / "audit.jsonl").write_text('{"command": "anonymise"}\n', encoding="utf-8")
    (folder / "panel").mkdir()
    return folder


def test_purge_deletes_links_to_people_and_keeps_aggregates_and_audit(finished):
    result = run("purge", finished)
    assert result.exit_code == 0, result.output
    hr = finished / "hr"
    for name in ("key.csv", "identifiers.json", "identifiers-rows.jsonl", "monitoring.csv",
                 "monitoring-second-export.csv", "decisions.csv", "report.json", "review.html", "overrides.yaml"):
        assert not (hr / name).exists(), name
    scores = (hr / "scores.csv").read_text(encoding="utf-8")
    assert "C0000" not in scores and scores.splitlines()[0] == "assessor,criterion,score,recorded_at"
    assert json.loads((hr / "outcomes-aggregate.json").read_text())["format"] == "blindrec-outcomes-aggregate"
    record = json.loads((hr / "deletion-record.json").read_text())[-1]
    assert "key.csv" in record["deleted"] and record["scores_unlinked"] == 2 and record["forced"] is False
    audit = read_audit(finished)
    assert audit[0] == {"command": "anonymise"} and audit[-1]["command"] == "purge"
    assert (finished / "panel").is_dir()


def test_a_purged_campaign_still_reports_and_pools_from_its_kept_aggregate(finished, tmp_path):
    before = run("outcomes", finished, "--out", tmp_path / "before")
    assert run("purge", finished).exit_code == 0
    after = run("outcomes", finished, "--out", tmp_path / "after")
    assert after.exit_code == 0, after.output
    assert ((tmp_path / "before" / "outcomes.csv").read_text() == (tmp_path / "after" / "outcomes.csv").read_text())
    assert before.exit_code == 0


def test_purge_refuses_under_a_legal_hold_even_when_forced(finished):
    (finished / "legal-hold.txt").write_text("Tribunal claim 2026/17\n", encoding="utf-8")
    result = run("purge", finished, "--force", "--reason", "tidy up")
    assert result.exit_code == 1 and "legal hold" in result.stderr
    assert (finished / "hr" / "key.csv").exists() and (finished / "hr" / "monitoring.csv").exists()
    assert read_audit(finished)[-1]["outcomes"]["refused"] is True


def test_purge_refuses_before_the_retention_period_has_passed(finished):
    today = dt.date.today().isoformat()
    (finished / "hr" / "decisions.csv").write_text(
        decisions_csv([Decision("C00000", "shortlisted", today, today + "T09:00:00+00:00")]), encoding="utf-8")
    result = run("purge", finished)
    assert result.exit_code == 1 and "retention period ends on" in result.stderr
    assert (finished / "hr" / "key.csv").exists()


def test_the_retention_period_comes_from_the_campaign_config(finished):
    (finished / "hr" / "campaign.yaml").write_text("retention_months: 1200\n", encoding="utf-8")
    assert run("purge", finished).exit_code == 1
    (finished / "hr" / "campaign.yaml").write_text("retention_months: six\n", encoding="utf-8")
    result = run("purge", finished)
    assert result.exit_code == 2 and "retention_months must be a whole number" in result.stderr


def test_a_forced_purge_records_its_reason(finished):
    (finished / "hr" / "campaign.yaml").write_text("retention_months: 1200\n", encoding="utf-8")
    result = run("purge", finished, "--force", "--reason", "candidate asked for erasure")
    assert result.exit_code == 0, result.output
    assert read_audit(finished)[-1]["reason"] == "candidate asked for erasure"
    assert json.loads((finished / "hr" / "deletion-record.json").read_text())[-1]["forced"] is True


def test_force_without_a_reason_is_a_usage_error(finished):
    assert run("purge", finished, "--force").exit_code == 2
    assert (finished / "hr" / "key.csv").exists()


def test_months_are_added_to_the_last_day_of_a_shorter_month():
    from blindrec.outcomes.purge import add_months

    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2026, 1, 15), 6) == dt.date(2026, 7, 15)


# --- the README's example ------------------------------------------------------------------------------

def test_the_readme_shows_outcomes_on_the_example_campaign(tmp_path):
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    result = run("outcomes", root / "examples" / "outcomes" / "campaign-2026-061", "--out", tmp_path / "report")
    assert result.exit_code == 0, result.output
    report = (tmp_path / "report" / "outcomes.md").read_text(encoding="utf-8")
    section = readme.split("## Did blind shortlisting work?", 1)[1].split("**Regional summaries.**", 1)[0]
    shown = [line.strip() for line in section.splitlines() if line.startswith("    | ") and "---" not in line]
    assert len(shown) > 5 and all(line in report for line in shown)
    summary = result.output.split(": wrote")[0]
    assert summary == "1 campaign(s), 420 applicant(s), 3 rate(s) below 0.8 of the highest group's" and summary in readme
    assert "![Selection rate at each stage by group, example campaign](docs/outcomes-example.png)" in readme
    assert (root / "docs" / "outcomes-example.png").read_bytes().startswith(b"\x89PNG")


def test_the_chart_can_be_svg(tmp_path):
    make_campaign(tmp_path / "c", _large())
    result = run("outcomes", tmp_path / "c", "--chart", "svg")
    assert result.exit_code == 0, result.output
    report = tmp_path / "c" / "hr" / "outcomes"
    assert (report / "outcomes.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert "](outcomes.svg)" in (report / "outcomes.md").read_text(encoding="utf-8")


def test_a_second_purge_has_nothing_to_delete(finished):
    assert run("purge", finished).exit_code == 0
    again = run("purge", finished)
    assert again.exit_code == 0 and "Nothing to delete" in again.output
    assert len(json.loads((finished / "hr" / "deletion-record.json").read_text())) == 1


def test_outcomes_read_the_monitoring_an_ats_run_writes(tmp_path):
    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "ats"
    assert run("anonymise", root / "examples" / "ats-export.csv", "--out", out, "-q").exit_code == 0
    ids = [row["candidate_id"] for row in csv.DictReader(open(out / "hr" / "key.csv", encoding="utf-8"))]
    (tmp_path / "d.csv").write_text("candidate_id,stage\n" + "".join(f"{c},shortlisted\n" for c in ids[:3]),
                                    encoding="utf-8")
    assert run("decisions", out, tmp_path / "d.csv").exit_code == 0
    result = run("outcomes", out, "--threshold", "1")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(open(out / "hr" / "outcomes" / "outcomes.csv", encoding="utf-8")))
    shortlisted = {r["group"]: int(r["considered"]) for r in rows
                   if r["characteristic"] == "sex" and r["stage"] == "shortlisted"}
    assert sum(shortlisted.values()) == len(ids) and {"Female", "Male"} <= set(shortlisted)


@pytest.mark.parametrize("header, question", [
    ("Gender", "sex"), ("Sex", "sex"), ("Ethnic origin", "ethnicity"),
    ("Do you consider yourself disabled?", "disability"),
    ("Age band", "age_band"), ("Age", "age_band"),
    ("Is your gender identity the same as the sex you were registered at birth?", None),
    ("Sexual orientation", None), ("Religion", None),
])
def test_monitoring_columns_are_read_as_the_question_they_ask(header, question):
    from blindrec.outcomes.groups import question_of

    assert question_of(header) == question


@pytest.mark.parametrize("question, answer, group", [
    ("sex", "woman", "Female"), ("sex", "M", "Male"), ("sex", "Prefer not to say", "Not disclosed"),
    ("disability", "Yes", "Disabled"), ("disability", "No", "Not disabled"), ("disability", "", "Not disclosed"),
    ("age_band", "23", "16-24"), ("age_band", "67", "65+"), ("age_band", "25 to 34", "25-34"),
])
def test_answers_become_reporting_groups(question, answer, group):
    from blindrec.outcomes.groups import group_of

    assert group_of(question, answer, load_grouping("ons5")) == group


def test_decisions_recorded_after_a_reveal_say_so(campaign, tmp_path):
    from blindrec.hr.audit import append_audit, audit_record

    append_audit(campaign, audit_record("reveal", "", 1, {"revealed": 1}))
    result = decide(campaign, tmp_path, "candidate_id,stage\nC00000,shortlisted\n")
    assert result.exit_code == 0 and "revealed in this campaign before" in result.stderr
    assert read_audit(campaign)[-1]["outcomes"]["after_reveal"] is True


def test_purge_also_deletes_the_keys_kept_in_history_and_killed_runs_scratch_folders(tmp_path):
    from blindrec.outcomes.purge import purge

    hr = tmp_path / "hr"
    (hr / "history" / "20261201T000000Z-ab12").mkdir(parents=True)
    (hr / "history" / "20261201T000000Z-ab12" / "key.csv").write_text("candidate_id,source\nC-2345,a.docx\n")
    (hr / "key.csv").write_text("candidate_id,source\nC-2345,a.docx\n")
    scratch = tmp_path / ".blindrec-tmp-999999-x"
    scratch.mkdir()
    (scratch / "rows.jsonl").write_text("{}\n")
    result = purge(tmp_path, force_reason="test")
    assert not (hr / "history").exists() and not scratch.exists() and not (hr / "key.csv").exists()
    assert {"history", "key.csv"} <= set(result.deleted)


def test_a_purge_keeps_the_scores_file_matching_the_audit_chain(tmp_path):
    from blindrec.hr.scores import check_scores_file
    from blindrec.outcomes.purge import purge

    hr = tmp_path / "hr"
    hr.mkdir()
    (hr / "key.csv").write_text("candidate_id,source\nC-2345,a.docx\n")
    (hr / "scores.csv").write_text("candidate_id,assessor,criterion,score\nC-2345,A1,c1,3\n")
    purge(tmp_path, force_reason="test")
    assert "candidate_id" not in (hr / "scores.csv").read_text()
    check_scores_file(tmp_path)  # the purge's own chained record vouches for the rewritten file


def test_outcomes_csv_neutralises_formulas_in_group_labels(tmp_path):
    from blindrec.outcomes.api import pooled_counts

    people = block(40, {1: 8}, sex="=HYPERLINK(1)") + block(40, {1: 8}, sex="Male")
    text = report_csv(outcomes(pooled_counts([make_campaign(tmp_path / "c", people)])))
    assert "'=HYPERLINK(1)" in text and ",=HYPERLINK" not in text
