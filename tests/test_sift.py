"""`blindrec sift`, returned score sheets and `blindrec moderate`: shortlisting by criterion."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner

from blindrec.cli import cli
from blindrec.model import Block
from blindrec.sift import answers as found
from blindrec.sift.config import load_config, parse_config
from blindrec.sift.moderate import build_moderation
from blindrec.sift.order import order_seed, shuffled_order
from blindrec.sift.packs import CandidatePack, PackDocument
from blindrec.hr.scores import Score
from tests import builders
from tests.test_hr_support import write_output

CONFIG = {
    "role": "Housing Team Leader",
    "scale": {"min": 0, "max": 4, "labels": {0: "No evidence", 4: "Strong evidence"}},
    "panellists": ["AB", "CD", "EF"],
    "criteria": [
        {"id": "E1", "title": "Leading and motivating a team", "evidence": "Has led people through change.",
         "questions": ["Question 1"], "columns": ["Q1 Leading a team"]},
        {"id": "E2", "title": "Managing a budget", "evidence": "Has held a budget and says how it went.",
         "questions": ["Question 2"], "columns": ["Q2 Budget"]},
    ],
}
LONG = "I did this for three years and it went well for the residents and for the council too."


def config(**changes):
    """The test config, parsed, with top-level fields replaced."""
    return parse_config({**CONFIG, **changes}, "SIFT.yaml")


def write_config(path: Path, **changes) -> Path:
    """The test config as a YAML file."""
    path.write_text(yaml.safe_dump({**CONFIG, **changes}), encoding="utf-8")
    return path


def answers_of(*documents: PackDocument, cfg=None) -> dict[str, found.Answer]:
    """The answers found in one candidate's documents."""
    return found.find_answers(cfg or config(), CandidatePack("C-TEST", tuple(documents)))


def heading(text: str, level: int = 1) -> Block:
    return Block("heading", text, level=level)


def para(text: str) -> Block:
    return Block("paragraph", text)


def texts(answer: found.Answer) -> str:
    return "\n".join(s for b in answer.blocks for s in b.segments)


# Finding answers ------------------------------------------------------------------------------------

def test_form_questions_in_part_d_answer_their_criteria():
    form = PackDocument("Application form", (
        heading("Section 1 – Personal details"), Block("table_row", cells=("Name", "[CANDIDATE]")),
        heading("Part D: Supporting information"), para("Please answer both questions."),
        Block("table_row", cells=("Question 1: Tell us how you led a group of staff", "TEAM-ANSWER " + LONG)),
        Block("table_row", cells=("Question 2: Describe your financial responsibilities", "MONEY-ANSWER " + LONG))))
    answers = answers_of(form)
    assert answers["E1"].found_by == found.FORM_QUESTION and "TEAM-ANSWER" in texts(answers["E1"])
    assert "MONEY-ANSWER" not in texts(answers["E1"])
    assert answers["E2"].found_by == found.FORM_QUESTION and "MONEY-ANSWER" in texts(answers["E2"])


def test_a_named_form_section_answers_a_criterion_whole():
    form = PackDocument("Application form", (
        heading("Part C: Employment"), para("Housing officer, 2019 to now."),
        heading("Part D: Supporting information"), para("PART-D " + LONG), heading("Part E: Referees"),
        para("[REFEREE 1]")))
    cfg = config(criteria=[{**CONFIG["criteria"][0], "questions": ["Part D"]}, CONFIG["criteria"][1]])
    answer = answers_of(form, cfg=cfg)["E1"]
    assert answer.found_by == found.FORM_QUESTION and answer.where == "Application form: Part D: Supporting information"
    assert "PART-D" in texts(answer) and "[REFEREE 1]" not in texts(answer)


def test_headings_of_a_statement_match_criteria_by_their_words():
    statement = PackDocument("Supporting statement", (
        para("I am applying for the post."), heading("Budget management"), para("MONEY " + LONG),
        heading("Team leadership"), para("TEAM " + LONG)))
    answers = answers_of(statement)
    assert answers["E1"].found_by == found.HEADING and texts(answers["E1"]).startswith("TEAM")
    assert answers["E2"].found_by == found.HEADING and texts(answers["E2"]).startswith("MONEY")


def test_a_short_line_standing_alone_is_read_as_a_heading():
    letter = PackDocument("Cover letter", (
        para("Dear Recruiting Manager,"), para("Leading a team"), para("TEAM " + LONG), para("Yours sincerely,")))
    assert texts(answers_of(letter)["E1"]).startswith("TEAM")


@pytest.mark.parametrize("line, after", [
    ("I hold a Level 4 Diploma in team leadership and", "management, which I use every day with " + LONG),
    ("Re: Housing Team Leader – reference HTL/2601/17", LONG),
    ("Kind regards,\n[CANDIDATE]", LONG),
], ids=["wrapped-pdf-line", "reference-line", "sign-off"])
def test_a_letters_furniture_is_not_a_heading(line, after):
    letter = PackDocument("Cover letter", (para("Dear Recruiting Manager,"), para(line), para(after)))
    assert answers_of(letter)["E1"].found_by == found.WHOLE_STATEMENT


def test_a_short_form_label_outside_the_statement_is_not_a_heading():
    form = PackDocument("Application form", (
        para("Team leader post"), para(LONG), heading("Supporting statement"), para("STATEMENT " + LONG)))
    answer = answers_of(form)["E1"]
    assert answer.found_by == found.WHOLE_STATEMENT and "STATEMENT" in texts(answer)


def test_a_pdf_forms_statement_under_a_short_line_runs_to_the_next_section():
    form = PackDocument("Application form", (
        para("Section 4 – Supporting statement"), para("INTRO " + LONG), para("Criterion: Managing a budget"),
        para("MONEY " + LONG), para("Section 5 – References"), para("[REFEREE 1], Team Manager, " + LONG)))
    answers = answers_of(form)
    assert answers["E2"].found_by == found.HEADING and texts(answers["E2"]).startswith("MONEY")
    whole = texts(answers["E1"])
    assert answers["E1"].found_by == found.WHOLE_STATEMENT
    assert "INTRO" in whole and "MONEY" in whole and "[REFEREE 1]" not in whole


def test_one_heading_per_criterion_is_read_in_person_specification_order():
    statement = PackDocument("Supporting statement", (
        heading("My first example"), para("FIRST " + LONG), heading("My second example"), para("SECOND " + LONG)))
    answers = answers_of(statement)
    assert answers["E1"].found_by == found.SPEC_ORDER and texts(answers["E1"]).startswith("FIRST")
    assert answers["E2"].found_by == found.SPEC_ORDER and texts(answers["E2"]).startswith("SECOND")


def test_an_ats_column_holds_one_questions_answer():
    row = CandidatePack("C-ROW1", columns=(("Current Job Title", "Housing Officer"), ("Q1 Leading a team", "TEAM " + LONG),
                                           ("Q2 Budget", "MONEY " + LONG)))
    answers = found.find_answers(config(), row)
    assert (answers["E1"].found_by, answers["E1"].where, texts(answers["E1"])) == \
        (found.ATS_COLUMN, "Q1 Leading a team", "TEAM " + LONG)
    assert answers["E2"].where == "Q2 Budget"


def test_an_ats_column_named_by_the_criterions_question_holds_its_answer():
    row = CandidatePack("C-ROW3", columns=(("Question 1 (max 250 words)", "TEAM " + LONG),
                                           ("Supporting Statement", "STATEMENT " + LONG)))
    answer = found.find_answers(config(), row)["E1"]
    assert (answer.found_by, answer.where) == (found.ATS_COLUMN, "Question 1 (max 250 words)")


def test_an_ats_column_matching_a_criterions_words_is_reported_as_a_column():
    row = CandidatePack("C-ROW4", columns=(("Current Job Title", "Housing Officer"),
                                           ("Budget management", "MONEY " + LONG)))
    answer = found.find_answers(config(criteria=[CONFIG["criteria"][0], {**CONFIG["criteria"][1], "columns": []}]),
                                row)["E2"]
    assert (answer.found_by, answer.where) == (found.ATS_COLUMN, "ATS application: Budget management")


def test_an_ats_row_without_the_column_falls_back_to_its_statement_column():
    row = CandidatePack("C-ROW2", columns=(("Q1 Leading a team", "TEAM " + LONG),
                                           ("Supporting Statement", "STATEMENT " + LONG)))
    answer = found.find_answers(config(), row)["E2"]
    assert answer.found_by == found.WHOLE_STATEMENT and "STATEMENT" in texts(answer)


def test_without_headings_the_whole_statement_is_the_answer_to_every_criterion():
    letter = PackDocument("Cover letter", (para("Dear Recruiting Manager,"), para("LETTER " + LONG),
                                           para("Yours sincerely,")))
    cv = PackDocument("CV", (heading("Profile"), para("CV-ONLY " + LONG)))
    answers = answers_of(cv, letter)
    assert {a.found_by for a in answers.values()} == {found.WHOLE_STATEMENT}
    assert all("LETTER" in texts(a) and "CV-ONLY" not in texts(a) for a in answers.values())


def test_without_any_statement_the_whole_application_is_the_answer():
    cv = PackDocument("CV", (heading("Profile"), para("CV-ONLY " + LONG)))
    answer = answers_of(cv)["E1"]
    assert answer.found_by == found.WHOLE_APPLICATION and "CV-ONLY" in texts(answer)


def test_a_cv_heading_sharing_a_word_is_not_taken_for_the_statement():
    cv = PackDocument("CV", (heading("Team"), para("CV-TEAM " + LONG)))
    letter = PackDocument("Cover letter", (para("LETTER " + LONG),))
    assert answers_of(cv, letter)["E1"].found_by == found.WHOLE_STATEMENT


# Orders ---------------------------------------------------------------------------------------------

IDS = [f"C-{n:04d}" for n in range(12)]


def test_each_panellist_reads_each_criterion_in_a_different_order():
    orders = {(p, c): shuffled_order(order_seed("ab" * 32, p, c), IDS) for p in ("AB", "CD", "EF") for c in ("E1", "E2")}
    assert len({tuple(o) for o in orders.values()}) == len(orders)
    assert all(sorted(o) == IDS for o in orders.values())


def test_an_order_is_reproducible_from_its_seed():
    seed = order_seed("cd" * 32, "AB", "E1")
    assert shuffled_order(seed, IDS) == shuffled_order(seed, list(IDS))
    assert order_seed("cd" * 32, "ab", "e1") == seed


def test_an_order_does_not_depend_on_the_order_candidates_arrive_in():
    seed = order_seed("ef" * 32, "CD", "E2")
    assert shuffled_order(seed, IDS) == shuffled_order(seed, reversed(IDS)) == shuffled_order(seed, IDS[5:] + IDS[:5])


def test_an_order_does_not_follow_the_candidate_ids():
    firsts = [shuffled_order(order_seed(f"{n:064x}", "AB", "E1"), IDS)[0] for n in range(600)]
    # Over 600 seeds every candidate leads about 1/12 of the time, whatever its ID.
    assert all(20 <= firsts.count(c) <= 85 for c in IDS)
    assert shuffled_order(order_seed("01" * 32, "AB", "E1"), IDS) != sorted(IDS)


# The sift folder ------------------------------------------------------------------------------------

PACKS = {
    "C-AAAA": "# Candidate C-AAAA\n\n## Supporting statement\n\n### Team leadership\n\n"
              "I led a team of nine housing officers through a restructure and kept every post filled.\n\n"
              "### Budget management\n\nI managed a budget of two million pounds and came in under it.\n",
    "C-BBBB": "# Candidate C-BBBB\n\n## Cover letter\n\nDear Recruiting Manager,\n\n"
              "I have managed tenancy services for eight years and I enjoy it very much indeed.\n\nYours sincerely,\n",
}


@pytest.fixture
def out(tmp_path):
    """An output folder of two candidates (C-AAAA headed, C-BBBB without headings), sifted."""
    folder = write_output(tmp_path / "out", PACKS)
    result = CliRunner().invoke(cli, ["sift", str(folder), "--config", str(write_config(tmp_path / "sift.yaml"))])
    assert result.exit_code == 0, result.output
    return folder


def test_sift_writes_a_document_per_criterion_and_a_sheet_per_panellist(out):
    for panellist in ("AB", "CD", "EF"):
        names = sorted(p.name for p in (out / "sift" / panellist).iterdir())
        assert names == ["E1.docx", "E1.html", "E2.docx", "E2.html", f"scores-{panellist}.csv"]
    record = yaml.safe_load((out / "hr" / "sift.yaml").read_text())
    assert record["scale"] == {"min": 0, "max": 4} and record["candidates"] == ["C-AAAA", "C-BBBB"]
    assert json.loads((out / "hr" / "sift-seeds.json").read_text())["orders"]["AB"]["E1"]


def test_the_sift_report_names_candidates_shown_whole(tmp_path):
    folder = write_output(tmp_path / "out", PACKS)
    result = CliRunner().invoke(cli, ["sift", str(folder), "--config", str(write_config(tmp_path / "s.yaml"))])
    assert "Whole statement shown for some criteria (no heading matched): C-BBBB;" in result.output
    report = (folder / "sift" / "answers-found.md").read_text()
    assert "| C-AAAA | heading | heading |" in report
    assert f"| C-BBBB | {found.WHOLE_STATEMENT} | {found.WHOLE_STATEMENT} |" in report


def test_a_panellists_document_and_sheet_follow_their_order(out):
    seeds = json.loads((out / "hr" / "sift-seeds.json").read_text())
    for panellist in ("AB", "CD", "EF"):
        order = shuffled_order(seeds["orders"][panellist]["E2"], ["C-AAAA", "C-BBBB"])
        text = "\n".join(p.text for p in docx.Document(str(out / "sift" / panellist / "E2.docx")).paragraphs)
        assert [text.index(f"Candidate {c}") for c in order] == sorted(text.index(f"Candidate {c}") for c in order)
        html = (out / "sift" / panellist / "E2.html").read_text()
        assert html.index(f'id="candidate-{order[0]}"') < html.index(f'id="candidate-{order[1]}"')
        rows = sheet_rows(out, panellist)
        assert [r["candidate_id"] for r in rows if r["criterion"] == "E2"] == order


def test_sift_json_summary_names_candidates_shown_whole(tmp_path):
    folder = write_output(tmp_path / "out", PACKS)
    result = CliRunner().invoke(cli, ["sift", str(folder), "--config", str(write_config(tmp_path / "s.yaml")), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output) == {"folder": str(folder / "sift"), "candidates": 2, "whole_statement": ["C-BBBB"]}


def test_the_html_is_self_contained_and_script_free(out):
    html = (out / "sift" / "AB" / "E1.html").read_text()
    assert '<html lang="en-GB">' in html and "<main>" in html and "<h1>" in html
    assert "<script" not in html and "src=" not in html and "href=" not in html


def test_rerunning_the_sift_keeps_every_panellists_order(out, tmp_path):
    before = (out / "sift" / "CD" / "scores-CD.csv").read_bytes()
    CliRunner().invoke(cli, ["sift", str(out), "--config", str(write_config(tmp_path / "again.yaml"))])
    assert (out / "sift" / "CD" / "scores-CD.csv").read_bytes() == before


def test_the_sheet_opens_in_excel_and_runs_no_formula(tmp_path):
    folder = write_output(tmp_path / "out", PACKS)
    criteria = [{**CONFIG["criteria"][0], "title": "=HYPERLINK(\"http://x\")"}, CONFIG["criteria"][1]]
    CliRunner().invoke(cli, ["sift", str(folder), "--config", str(write_config(tmp_path / "s.yaml", criteria=criteria))])
    data = (folder / "sift" / "AB" / "scores-AB.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    assert b",\"'=HYPERLINK(" in data


def test_sift_documents_pass_verify(out):
    result = CliRunner().invoke(cli, ["verify", str(out)])
    assert result.exit_code == 0, result.output


def test_verify_finds_a_leak_in_a_sift_document(out):
    page = out / "sift" / "EF" / "E1.html"
    page.write_text(page.read_text().replace("Candidate C-AAAA</h2>", "Candidate C-AAAA</h2><p>zebedee.q@example.com</p>"))
    result = CliRunner().invoke(cli, ["verify", str(out)])
    assert result.exit_code == 1 and "LEAK panel/../sift/EF/E1.html: EMAIL_ADDRESS" in result.output


@pytest.mark.parametrize("changes, message", [
    ({"panellists": ["AB"]}, "field 'panellists' must list at least 2"),
    ({"panellists": ["AB", "Jo Bloggs"]}, "never names"),
    ({"scale": {"min": 3, "max": 1}}, "field 'scale.max' is 1, which is not above min"),
    ({"criteria": [{"id": "E1", "title": "Team"}]}, "field 'criteria[1].evidence' is missing"),
    ({"criterion": []}, "field 'criterion' is not a known field"),
])
def test_a_wrong_config_is_a_usage_error_naming_the_field(tmp_path, changes, message):
    folder = write_output(tmp_path / "out", PACKS)
    result = CliRunner().invoke(cli, ["sift", str(folder), "--config", str(write_config(tmp_path / "s.yaml", **changes))])
    assert result.exit_code == 2 and message in result.output
    assert not (folder / "sift").exists() and not (folder / "hr" / "sift.yaml").exists()


def test_sift_before_anonymise_says_what_to_do(tmp_path):
    result = CliRunner().invoke(cli, ["sift", str(tmp_path / "nowhere"), "--config", str(write_config(tmp_path / "s.yaml"))])
    assert result.exit_code == 2 and "no panel folder; run blindrec anonymise" in result.output


def test_once_scores_are_recorded_the_sift_cannot_change_under_them(out, tmp_path):
    scores_cmd(out, filled(out, tmp_path, "AB"))
    changed = write_config(tmp_path / "changed.yaml", panellists=["AB", "CD"])
    result = CliRunner().invoke(cli, ["sift", str(out), "--config", str(changed)])
    assert result.exit_code == 2 and "scores are already recorded against the sift" in result.output
    assert yaml.safe_load((out / "hr" / "sift.yaml").read_text())["panellists"] == ["AB", "CD", "EF"]


def test_a_full_disk_leaves_no_half_written_sift(tmp_path, monkeypatch):
    import errno

    from blindrec.sift import run

    def full(folder, *_):
        (folder / "AB").mkdir()
        raise OSError(errno.ENOSPC, "No space left on device")

    folder = write_output(tmp_path / "out", PACKS)
    monkeypatch.setattr(run, "_write_documents", full)
    result = CliRunner().invoke(cli, ["sift", str(folder), "--config", str(write_config(tmp_path / "s.yaml"))])
    assert result.exit_code == 1 and "cannot write the sift (No space left on device)" in result.output
    assert not (folder / "sift").exists() and not list(folder.glob(".sift-*"))


def test_the_example_config_is_valid():
    example = load_config(Path(__file__).resolve().parent.parent / "examples" / "sift.yaml")
    assert len(example.panellists) >= 2 and example.criteria


# Returned sheets ------------------------------------------------------------------------------------

def sheet_rows(out: Path, panellist: str) -> list[dict]:
    with open(out / "sift" / panellist / f"scores-{panellist}.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def filled(out: Path, tmp_path: Path, panellist: str, scores: dict | None = None, drop: str = "",
           name: str = "") -> Path:
    """The panellist's sheet filled in (3 everywhere unless `scores` says otherwise), as they return it."""
    rows = sheet_rows(out, panellist)
    for row in rows:
        row["score"] = str((scores or {}).get((row["candidate_id"], row["criterion"]), 3))
    rows = [r for r in rows if r["candidate_id"] != drop]
    path = tmp_path / (name or f"returned-{panellist}.csv")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")
    return path


def scores_cmd(out: Path, *sheets: Path):
    return CliRunner().invoke(cli, ["scores", str(out), *map(str, sheets)])


def test_each_returned_sheet_is_recorded_on_its_own(out, tmp_path):
    result = scores_cmd(out, filled(out, tmp_path, "AB"), filled(out, tmp_path, "CD"))
    assert result.exit_code == 0, result.output
    assert "Recorded 4 new score(s) from AB" in result.output and "Recorded 4 new score(s) from CD" in result.output
    assert "Still no sheet from: EF" in result.output


def test_a_sheet_missing_a_candidate_is_refused(out, tmp_path):
    result = scores_cmd(out, filled(out, tmp_path, "AB", drop="C-BBBB"))
    assert result.exit_code == 2
    assert "no score for C-BBBB for E1 by AB, C-BBBB for E2 by AB" in result.output
    assert not (out / "hr" / "scores.csv").exists()


def test_a_sheet_with_an_unknown_candidate_id_is_refused(out, tmp_path):
    path = filled(out, tmp_path, "AB")
    path.write_text(path.read_text(encoding="utf-8-sig").replace("C-BBBB", "C-ZZZZ"), encoding="utf-8")
    result = scores_cmd(out, path)
    assert result.exit_code == 2 and "unknown candidate ID(s) C-ZZZZ" in result.output


def test_a_sheet_with_a_score_off_the_scale_is_refused(out, tmp_path):
    result = scores_cmd(out, filled(out, tmp_path, "AB", {("C-AAAA", "E2"): 5}))
    assert result.exit_code == 2 and "the score 5 is outside the scale 0-4" in result.output


def test_a_sheet_from_an_unknown_panellist_is_refused(out, tmp_path):
    path = filled(out, tmp_path, "AB")
    path.write_text(path.read_text(encoding="utf-8-sig").replace(",AB,", ",ZZ,"), encoding="utf-8")
    result = scores_cmd(out, path)
    assert result.exit_code == 2 and "unknown panellist(s) ZZ (the sift's panellists are AB, CD, EF)" in result.output


def test_a_panellists_second_different_sheet_is_refused(out, tmp_path):
    scores_cmd(out, filled(out, tmp_path, "AB"))
    result = scores_cmd(out, filled(out, tmp_path, "AB", {("C-BBBB", "E1"): 1}, name="second.csv"))
    assert result.exit_code == 1
    assert "the sheet of AB is already recorded and locked, and this second sheet differs" in result.output
    assert "first C-BBBB for E1 by AB" in result.output


def test_the_same_sheet_again_records_nothing_new(out, tmp_path):
    sheet = filled(out, tmp_path, "AB")
    scores_cmd(out, sheet)
    result = scores_cmd(out, sheet)
    assert result.exit_code == 0 and "already recorded for AB; nothing new" in result.output


def test_a_late_sheet_does_not_unlock_earlier_ones(out, tmp_path):
    scores_cmd(out, filled(out, tmp_path, "AB"))
    assert scores_cmd(out, filled(out, tmp_path, "CD")).exit_code == 0
    result = scores_cmd(out, filled(out, tmp_path, "AB", {("C-AAAA", "E1"): 0}, name="changed.csv"))
    assert result.exit_code == 1 and "already recorded and locked" in result.output


def test_one_bad_sheet_does_not_stop_the_others(out, tmp_path):
    bad = filled(out, tmp_path, "AB", drop="C-AAAA")
    result = scores_cmd(out, bad, filled(out, tmp_path, "CD"))
    assert result.exit_code == 2 and "Recorded 4 new score(s) from CD" in result.output


def test_a_broken_sift_record_refuses_the_sheet_without_a_traceback(out, tmp_path):
    (out / "hr" / "sift.yaml").write_text("panellists: [AB\n", encoding="utf-8")
    result = scores_cmd(out, filled(out, tmp_path, "AB"))
    assert result.exit_code == 2 and "sift.yaml: cannot be read" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_reveal_waits_for_every_panellists_sheet(out, tmp_path):
    scores_cmd(out, filled(out, tmp_path, "AB"), filled(out, tmp_path, "CD"))
    refused = CliRunner().invoke(cli, ["reveal", str(out), "C-AAAA"])
    assert refused.exit_code == 1 and "not recorded for 2 candidate(s)" in refused.output
    scores_cmd(out, filled(out, tmp_path, "EF"))
    assert CliRunner().invoke(cli, ["reveal", str(out), "C-AAAA"]).exit_code == 0


# Moderation -----------------------------------------------------------------------------------------

RECORD = {"role": "Housing Team Leader", "panellists": ["AB", "CD", "EF"],
          "criteria": [{"id": "E1", "title": "Team"}, {"id": "E2", "title": "Budget"}],
          "candidates": ["C-AAAA", "C-BBBB", "C-CCCC"]}


def score(candidate: str, panellist: str, criterion: str, value: str) -> Score:
    return Score(candidate, panellist, criterion, value)


def test_moderation_numbers_on_a_hand_computed_case():
    scores = [score("C-AAAA", "AB", "E1", "4"), score("C-AAAA", "CD", "E1", "2"),  # mean 3, spread 2: flagged
              score("C-AAAA", "AB", "E2", "3"), score("C-AAAA", "CD", "E2", "3"),  # mean 3: total 6
              score("C-BBBB", "AB", "E1", "3"), score("C-BBBB", "CD", "E1", "4"),  # mean 3.5
              score("C-BBBB", "AB", "E2", "2"), score("C-BBBB", "cd", "e2", "3"),  # mean 2.5: total 6, tied
              score("C-CCCC", "AB", "E1", "1"), score("C-CCCC", "CD", "E1", "1"),
              score("C-CCCC", "AB", "E2", "1"), score("C-CCCC", "CD", "E2", "2")]  # total 2.5
    moderation = build_moderation(RECORD, scores)
    by_id = {c.candidate_id: c for c in moderation.candidates}
    a_e1 = by_id["C-AAAA"].criteria[0]
    assert (a_e1.by_panellist, a_e1.mean, a_e1.spread, a_e1.disagreement) == ({"AB": 4.0, "CD": 2.0}, 3.0, 2.0, True)
    assert by_id["C-BBBB"].criteria[1].by_panellist == {"AB": 2.0, "CD": 3.0}
    assert [(c.candidate_id, c.total, c.rank_label) for c in moderation.candidates] == \
        [("C-AAAA", 6.0, "=1"), ("C-BBBB", 6.0, "=1"), ("C-CCCC", 2.5, "3")]
    assert [(c, s.criterion) for c, s in moderation.disagreements] == [("C-AAAA", "E1")]
    assert moderation.not_returned == ("EF",)


def test_moderate_writes_markdown_csv_and_a_chart(out, tmp_path):
    scores_cmd(out, filled(out, tmp_path, "AB", {("C-AAAA", "E1"): 4}),
               filled(out, tmp_path, "CD", {("C-AAAA", "E1"): 1}))
    result = CliRunner().invoke(cli, ["moderate", str(out)])
    assert result.exit_code == 0, result.output
    assert "Disagreements: C-AAAA on E1" in result.output and "Not yet returned a sheet: EF" in result.output
    markdown = (out / "sift" / "moderation.md").read_text()
    assert "| C-AAAA | 4 | 1 | – | 2.5 | 3 | disagree |" in markdown
    assert "| 1 | C-BBBB | 6 |" in markdown and "| 2 | C-AAAA | 5.5 |" in markdown and "![Bar chart" in markdown
    rows = list(csv.DictReader(io.StringIO((out / "sift" / "moderation.csv").read_text(encoding="utf-8-sig"))))
    assert {"rank": "2", "candidate_id": "C-AAAA", "total": "5.5", "criterion": "E1", "AB": "4", "CD": "1", "EF": "",
            "mean": "2.5", "spread": "3", "disagreement": "yes"} in rows
    assert (out / "sift" / "moderation.png").read_bytes().startswith(b"\x89PNG")
    assert CliRunner().invoke(cli, ["verify", str(out)]).exit_code == 0


def test_moderate_before_a_sift_says_what_to_do(tmp_path):
    folder = write_output(tmp_path / "out", PACKS)
    result = CliRunner().invoke(cli, ["moderate", str(folder)])
    assert result.exit_code == 2 and "no sift recorded; run blindrec sift" in result.output


# End to end on real files ---------------------------------------------------------------------------

def statement_docx(path: Path, applicant: builders.Applicant) -> Path:
    """A supporting statement with the candidate's name and one heading per criterion."""
    document = docx.Document()
    document.add_heading(f"Supporting statement – {applicant.name}", level=0)
    document.add_heading("Leadership of a team", level=1)
    document.add_paragraph(f"As team leader at {applicant.employer} I led nine officers through a restructure "
                           f"and every one of them stayed.")
    document.add_heading("Managing budgets", level=1)
    document.add_paragraph("I have held a budget of two million pounds for three years and met it every year.")
    document.add_paragraph(f"{applicant.name}, {applicant.email}")
    return builders.save_docx(document, path)


def part_d_form_docx(path: Path, applicant: builders.Applicant) -> Path:
    """A council form whose Part D holds numbered questions in a table."""
    document = docx.Document()
    document.add_heading("Application for Employment", level=0)
    document.add_heading("Part A: Personal details", level=1)
    table = document.add_table(rows=0, cols=2)
    for label, value in (("Surname", applicant.last), ("Forename(s)", applicant.first), ("Email", applicant.email),
                         ("Telephone", applicant.phone), ("Postcode", applicant.postcode)):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    document.add_heading("Part D: Supporting information", level=1)
    questions = document.add_table(rows=0, cols=2)
    for label, value in (("Question 1: How have you led a group of staff?",
                          "I supervised six caseworkers and introduced weekly one-to-ones for the whole team."),
                         ("Question 2: What financial responsibility have you held?",
                          "I monitored a homelessness prevention budget of four hundred thousand pounds each month.")):
        cells = questions.add_row().cells
        cells[0].text, cells[1].text = label, value
    return builders.save_docx(document, path)


@pytest.fixture(scope="module")
def real_run(tmp_path_factory):
    """Two real applications anonymised through the CLI, then sifted."""
    folder = tmp_path_factory.mktemp("sift-apps")
    a = builders.APPLICANTS
    statement_docx(folder / f"Supporting statement - {a['irish'].name}.docx", a["irish"])
    part_d_form_docx(folder / f"Application form - {a['polish'].name}.docx", a["polish"])
    out = tmp_path_factory.mktemp("sift-run") / "out"
    anonymised = CliRunner().invoke(cli, ["anonymise", str(folder), "--out", str(out), "--jobs", "1"])
    assert anonymised.exit_code == 0, anonymised.output
    config_path = folder.parent / "sift.yaml"
    write_config(config_path)
    sifted = CliRunner().invoke(cli, ["sift", str(out), "--config", str(config_path)])
    assert sifted.exit_code == 0, sifted.output
    return out


def test_real_packs_give_each_criterion_its_own_answer(real_run):
    report = (real_run / "sift" / "answers-found.md").read_text()
    rows = [line for line in report.splitlines() if line.startswith("| C-")]
    assert sorted(line.split(" | ", 1)[1] for line in rows) == \
        ["form question | form question |", "heading | heading |"]
    text = "\n".join(p.text for p in docx.Document(str(real_run / "sift" / "AB" / "E2.docx")).paragraphs)
    assert "four hundred thousand pounds" in text and "two million pounds" in text
    assert "nine officers" not in text and "six caseworkers" not in text


def test_real_sift_documents_pass_verify(real_run):
    result = CliRunner().invoke(cli, ["verify", str(real_run)])
    assert result.exit_code == 0, result.output
    # 2 packs and the combined pack; per panellist 2 DOCX, 2 HTML and a sheet; the sift report.
    assert "Checked 19 panel file(s)" in result.output


def test_the_sift_needs_neither_the_sources_nor_the_key(real_run, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(real_run, copy)
    (copy / "hr" / "key.csv").write_text("candidate_id,source,sha256\n", encoding="utf-8")
    config_path = write_config(tmp_path / "s.yaml")
    result = CliRunner().invoke(cli, ["sift", str(copy), "--config", str(config_path)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("formats", [[], ["--format", "json"]], ids=["csv", "json"])
def test_an_ats_export_is_sifted_from_its_panel_table(tmp_path, formats):
    a = builders.APPLICANTS
    export = tmp_path / "ats.csv"
    with open(export, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("Applicant Ref", "First Name", "Surname", "Email", "Q1 Leading a team", "Q2 Budget",
                         "Supporting Statement"))
        writer.writerow(("APP-1", a["polish"].first, a["polish"].last, a["polish"].email,
                         "I led a team of six officers for four years.", "I held a budget of two million pounds.",
                         "I want this job."))
        writer.writerow(("APP-2", a["irish"].first, a["irish"].last, a["irish"].email, "",
                         "I managed a grant budget of four hundred thousand pounds.",
                         "Team leadership\nI supervised nine staff through a restructure and kept every post."))
    out = tmp_path / "out"
    anonymised = CliRunner().invoke(cli, ["anonymise", str(export), "--out", str(out), "--allow-unknown-columns",
                                          *formats])
    assert anonymised.exit_code == 0, anonymised.output
    result = CliRunner().invoke(cli, ["sift", str(out), "--config", str(write_config(tmp_path / "s.yaml"))])
    assert result.exit_code == 0, result.output
    rows = sorted(line for line in (out / "sift" / "answers-found.md").read_text().splitlines()
                  if line.startswith("| C-"))
    assert sorted(line.split(" | ", 1)[1] for line in rows) == ["ATS column | ATS column |", "heading | ATS column |"]
    assert CliRunner().invoke(cli, ["verify", str(out)]).exit_code == 0


# The checklist learns from the run's records ------------------------------------------------------

def panel_file(tmp_path: Path, typed: str) -> Path:
    """examples/panel.yaml with its typed scoring facts replaced."""
    text = (Path(__file__).resolve().parent.parent / "examples" / "panel.yaml").read_text(encoding="utf-8")
    text = text.replace("  scores_locked_at: 2026-11-18 16:30\n  identities_revealed_at: 2026-11-19 09:00\n", typed)
    text = text.replace("  independent_scoring: true\n", "")
    path = tmp_path / "panel.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def checklist_line(out: Path, panel: Path, title: str) -> str:
    report = out / "hr" / "report.json"
    report.write_text(json.dumps({"failures": [], **json.loads(report.read_text())}))  # as anonymise writes it
    result = CliRunner().invoke(cli, ["checklist", str(panel), "--report", str(out / "hr" / "report.json")])
    return next(line for line in result.output.splitlines() if line.startswith(f"| {title} |"))


def test_the_checklist_takes_lock_and_reveal_times_from_the_audit_log(out, tmp_path):
    scores_cmd(out, *(filled(out, tmp_path, p) for p in ("AB", "CD", "EF")))
    assert CliRunner().invoke(cli, ["reveal", str(out), "C-AAAA"]).exit_code == 0
    # Typed times that would fail the item: the records win over them.
    panel = panel_file(tmp_path, "  scores_locked_at: 2026-11-19 10:00\n  identities_revealed_at: 2026-11-19 09:00\n")
    line = checklist_line(out, panel, "Candidates revealed only after scores were locked")
    assert "| met |" in line and "2026" in line and "19 November" not in line


def test_the_checklist_keeps_typed_times_without_records(out, tmp_path):
    panel = panel_file(tmp_path, "  scores_locked_at: 2026-11-19 10:00\n  identities_revealed_at: 2026-11-19 09:00\n")
    line = checklist_line(out, panel, "Candidates revealed only after scores were locked")
    assert "| not met |" in line and "19 November 2026 09:00" in line


def test_the_checklist_sees_every_sheet_recorded_before_moderation(out, tmp_path):
    scores_cmd(out, *(filled(out, tmp_path, p) for p in ("AB", "CD", "EF")))
    CliRunner().invoke(cli, ["moderate", str(out)])
    line = checklist_line(out, panel_file(tmp_path, ""), "Each member scored independently before discussion")
    assert "| met |" in line


def test_the_checklist_sees_a_sheet_recorded_after_moderation_began(out, tmp_path):
    scores_cmd(out, filled(out, tmp_path, "AB"), filled(out, tmp_path, "CD"))
    CliRunner().invoke(cli, ["moderate", str(out)])
    audit = out / "hr" / "audit.jsonl"
    # The moderation ran a minute before the last sheet came in.
    lines = audit.read_text().splitlines()
    moderate = json.loads(lines[-1])
    moderate["time"] = "2000-01-01T00:00:00+00:00"
    audit.write_text("\n".join(lines[:-1] + [json.dumps(moderate)]) + "\n")
    scores_cmd(out, filled(out, tmp_path, "EF"))
    line = checklist_line(out, panel_file(tmp_path, ""), "Each member scored independently before discussion")
    assert "| not met |" in line
