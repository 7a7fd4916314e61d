"""One pack, one person: which documents join under one candidate ID, and which stay apart."""

from __future__ import annotations

import csv
from dataclasses import replace

import pytest
from click.testing import CliRunner

from blindrec.detect.evidence import candidate_evidence
from blindrec.detect.names import CANDIDATE, PERSON, REFEREE, NameVocabulary, PersonName
from blindrec.grouping import group_documents, packs_for
from blindrec.hr.overrides import OverridesError, load_overrides
from blindrec.model import CandidateEvidence, CandidateName, RedactedDocument, Span
from tests import builders

VOCAB = NameVocabulary(frozenset({"cv", "final"}), frozenset({"van", "de"}), frozenset(), frozenset(),
                       frozenset(), frozenset(), 4)


def _doc(source: str, *names: str, signal: str = "first line", **identifiers) -> RedactedDocument:
    """A redacted document whose evidence states the given names and identifiers."""
    folder = source.rpartition("/")[0]
    evidence = CandidateEvidence(
        names=tuple(CandidateName(tuple(n.lower().split()), signal) for n in names),
        folder=folder, **{k: tuple(v) for k, v in identifiers.items()})
    return RedactedDocument(source, source.encode().hex()[:64].ljust(64, "0"), (), {}, evidence=evidence)


def _groups(documents, **overrides) -> list[set[str]]:
    grouping = group_documents(documents, **overrides)
    return sorted(({d.relative_source for d in g} for g in grouping.groups), key=sorted)


# ---- strong evidence --------------------------------------------------------------------------

def test_cv_and_letter_with_the_same_own_email_join():
    cv = _doc("cv.docx", "Maria Santos", emails=["maria.santos@example.com"], phones=["7700900123"])
    letter = _doc("letter.pdf", "Maria Santos", emails=["maria.santos@example.com"])
    assert _groups([cv, letter]) == [{"cv.docx", "letter.pdf"}]


def test_cv_and_letter_in_different_sub_folders_join_on_their_email():
    cv = _doc("CVs/cv.docx", "Maria Santos", emails=["m.santos@example.com"])
    letter = _doc("Letters/letter.pdf", "Maria Santos", emails=["m.santos@example.com"])
    assert _groups([cv, letter]) == [{"CVs/cv.docx", "Letters/letter.pdf"}]


def test_a_shared_phone_with_different_own_emails_keeps_apart():
    a = _doc("a.docx", "Maria Santos", emails=["maria@example.com"], phones=["1214960000"])
    b = _doc("b.docx", "Maria Santos", emails=["santos.m@example.org"], phones=["1214960000"])
    grouping = group_documents([a, b])
    assert len(grouping.groups) == 2
    assert grouping.near_misses and "different emails" in grouping.near_misses[0].reason


def test_same_date_of_birth_but_different_names_keeps_apart():
    a = _doc("a.docx", "Maria Santos", dates_of_birth=["1986-03-14"])
    b = _doc("b.docx", "John Okafor", dates_of_birth=["1986-03-14"])
    assert len(group_documents([a, b]).groups) == 2


# ---- identifiers shared by many -----------------------------------------------------------------

def test_a_recruitment_mailbox_in_two_letters_is_evidence_of_nothing():
    mailbox = "resourcingteam@walsall.example.gov.uk"
    a = _doc("a.pdf", "Maria Santos", emails=[mailbox, "maria.santos@example.com"])
    b = _doc("b.pdf", "John Okafor", emails=[mailbox, "j.okafor@example.com"])
    assert len(group_documents([a, b]).groups) == 2


def test_a_mailbox_in_many_documents_is_evidence_of_nothing():
    mailbox = "jobsteam@dudley.example.gov.uk"
    letters = [_doc(f"{i}.pdf", emails=[mailbox]) for i in range(6)]
    assert len(group_documents(letters).groups) == 6


def test_a_switchboard_number_in_many_documents_is_evidence_of_nothing():
    letters = [_doc(f"{i}.pdf", "Maria Santos", phones=["1214960000"]) for i in range(5)]
    assert len(group_documents(letters).groups) == 5


# ---- names ------------------------------------------------------------------------------------

def test_two_people_with_the_same_full_name_and_different_contacts_stay_apart():
    a = _doc("a.docx", "Maria Santos", emails=["maria.santos@example.com"], phones=["7700900123"])
    b = _doc("b.docx", "Maria Santos", emails=["msantos77@example.org"], phones=["7700900456"])
    grouping = group_documents([a, b])
    assert len(grouping.groups) == 2
    assert grouping.near_misses


def test_the_same_full_name_alone_does_not_join_but_is_reported():
    a = _doc("a.docx", "Maria Santos")
    b = _doc("b.docx", "Maria Santos")
    grouping = group_documents([a, b])
    assert len(grouping.groups) == 2
    assert grouping.near_misses[0].sources == ("a.docx", "b.docx")


def test_the_same_full_name_in_the_same_sub_folder_joins():
    a = _doc("applicant 12/cv.docx", "Maria Santos", emails=["maria.santos@example.com"])
    b = _doc("applicant 12/statement.docx", "Maria Santos")
    assert len(group_documents([a, b]).groups) == 1


def test_the_same_full_name_with_an_email_spelling_it_joins():
    a = _doc("a.docx", "Maria Santos", emails=["maria.santos@example.com"],
             named_emails=["maria.santos@example.com"])
    b = _doc("b.docx", "Maria Santos")
    assert len(group_documents([a, b]).groups) == 1


def test_a_full_name_two_different_people_hold_joins_nothing():
    a = _doc("x/a.docx", "Maria Santos", emails=["maria.santos@example.com"])
    b = _doc("b.docx", "Maria Santos", emails=["msantos77@example.org"])
    statement = _doc("x/statement.docx", "Maria Santos")
    assert len(group_documents([a, b, statement]).groups) == 3


def test_a_statement_with_only_the_name_joins_the_one_candidate_with_that_full_name():
    cv = _doc("CVs/cv.docx", "Maria Santos", emails=["maria.santos@example.com"])
    statement = _doc("Statements/004 statement.docx", "Maria Santos", signal="sign-off")
    other = _doc("CVs/other.docx", "John Okafor", emails=["j.okafor@example.com"])
    grouping = group_documents([cv, statement, other])
    assert _groups([cv, statement, other]) == [{"CVs/cv.docx", "Statements/004 statement.docx"}, {"CVs/other.docx"}]
    assert [(m.sources, m.joined) for m in grouping.near_misses] == [
        (("CVs/cv.docx", "Statements/004 statement.docx"), True)]


def test_two_statements_with_only_the_same_name_stay_apart():
    a = _doc("a statement.docx", "Maria Santos", signal="sign-off")
    b = _doc("b statement.docx", "Maria Santos", signal="sign-off")
    grouping = group_documents([a, b])
    assert len(grouping.groups) == 2
    assert [m.joined for m in grouping.near_misses] == [False]


def test_a_statement_with_a_name_two_candidates_hold_stays_apart_from_both():
    a = _doc("a.docx", "Maria Santos", emails=["maria.santos@example.com"])
    b = _doc("b.docx", "Maria Santos", emails=["msantos77@example.org"])
    statement = _doc("statement.docx", "Maria Santos", signal="sign-off")
    grouping = group_documents([a, b, statement])
    assert len(grouping.groups) == 3
    assert not any(m.joined for m in grouping.near_misses)


@pytest.mark.parametrize("second", ["Maria Jones", "Ana Santos"])
def test_a_shared_first_name_or_surname_does_not_join(second):
    a = _doc("x/a.docx", "Maria Santos")
    b = _doc("x/b.docx", second)
    assert len(group_documents([a, b]).groups) == 2


def test_a_statement_signed_with_a_short_name_does_not_join_on_the_name_alone():
    cv = _doc("cv.docx", "Katarzyna Kasia Nowak", emails=["k.nowak@example.com"])
    statement = _doc("statement.docx", "Kasia", signal="sign-off")
    grouping = group_documents([cv, statement])
    assert len(grouping.groups) == 2
    assert "short name" in grouping.near_misses[0].reason


def test_a_letter_signed_with_a_nickname_joins_on_the_email():
    cv = _doc("cv.docx", "Mohammed Khan", emails=["mohammed.khan@example.com"])
    letter = _doc("letter.pdf", "Mo", signal="sign-off", emails=["mohammed.khan@example.com"])
    assert len(group_documents([cv, letter]).groups) == 1


def test_statements_signed_only_with_short_names_stay_apart():
    a = _doc("a.docx", "Kasia", signal="form label")
    b = _doc("b.docx", "Kasia", signal="form label")
    assert len(group_documents([a, b]).groups) == 2


# ---- evidence: what counts as a name ----------------------------------------------------------

def _evidence(text: str, sightings, spans=(), references=lambda offset: False, source="doc.docx"):
    return candidate_evidence(source, text, list(spans), sightings, VOCAB, references)


def test_a_town_in_an_address_block_is_not_a_name():
    text = "12 Oak Road\nSutton Coldfield\nB73 5AA"
    spans = [Span(12, 28, "STREET_ADDRESS", "[ADDRESS]"), Span(29, 37, "UK_POSTCODE", "[POSTCODE]")]
    evidence = _evidence(text, [PersonName(CANDIDATE, ("Sutton", "Coldfield"), "first line")], spans)
    assert evidence.names == ()


@pytest.mark.parametrize("author", ["HP", "user", "Candidate"])
def test_a_generic_author_is_not_a_name(author):
    assert _evidence("text", [PersonName(CANDIDATE, (author,), "document author")]).names == ()


def test_file_name_words_are_not_names():
    evidence = _evidence("text", [PersonName(CANDIDATE, ("final", "Cv"), "file name")], source="final cv.docx")
    assert evidence.names == () and evidence.file_words == ("final", "cv")


def test_a_referee_phone_and_a_recruitment_mailbox_are_not_the_candidates():
    text = "jo@example.com recruitment@council.example.gov.uk 0121 496 0000"
    spans = [Span(0, 14, "EMAIL_ADDRESS", "[EMAIL]"), Span(15, 49, "EMAIL_ADDRESS", "[EMAIL]"),
             Span(50, 63, "PHONE_NUMBER", "[PHONE]")]
    evidence = _evidence(text, [PersonName(CANDIDATE, ("Jo", "Bloggs"), "first line"),
                                PersonName(REFEREE, ("Ann", "Lee"), "reference line")],
                         spans, references=lambda offset: offset >= 50)
    assert evidence.emails == ("jo@example.com",) and evidence.phones == ()
    assert evidence.names == (CandidateName(("jo", "bloggs"), "first line"),)


# ---- HR's overrides ---------------------------------------------------------------------------

def test_join_override_joins_documents_the_evidence_kept_apart():
    a, b = _doc("a.docx", "Maria Santos"), _doc("letters/b.pdf", "Maria Santos")
    assert _groups([a, b], joins=[["a.docx", "b.pdf"]]) == [{"a.docx", "letters/b.pdf"}]


def test_split_override_keeps_a_document_alone():
    email = ["maria.santos@example.com"]
    a, b = _doc("a.docx", "Maria Santos", emails=email), _doc("b.docx", "Maria Santos", emails=email)
    assert len(group_documents([a, b], splits=["b.docx"]).groups) == 2


def test_a_split_group_gives_its_earlier_id_to_one_pack_only():
    a, b = _doc("a.docx"), _doc("b.docx")
    previous = {a.sha256: "C-AAAA", b.sha256: "C-AAAA"}
    packs = packs_for([(a,), (b,)], previous)
    assert sorted(p.candidate_id for p in packs).count("C-AAAA") == 1
    assert {p.candidate_id for p in packs_for([(a, b)], previous)} == {"C-AAAA"}


def test_overrides_file_reads_join_and_split(tmp_path):
    (tmp_path / "hr").mkdir()
    (tmp_path / "hr" / "overrides.yaml").write_text("join: [[a.docx, b.pdf]]\nsplit: [c.docx]\n", encoding="utf-8")
    overrides = load_overrides(tmp_path)
    assert overrides.joins == (("a.docx", "b.pdf"),) and overrides.splits == ("c.docx",)


def test_overrides_file_with_a_join_of_one_document_is_an_error(tmp_path):
    (tmp_path / "hr").mkdir()
    (tmp_path / "hr" / "overrides.yaml").write_text("join: [a.docx]\n", encoding="utf-8")
    with pytest.raises(OverridesError, match="'join' must be a list of lists"):
        load_overrides(tmp_path)


# ---- end to end -------------------------------------------------------------------------------

def _key(out) -> dict[str, str]:
    with open(out / "hr" / "key.csv", newline="", encoding="utf-8") as handle:
        return {row["source"]: row["candidate_id"] for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def same_name_run(tmp_path_factory):
    """Two different people called Maria Santos (a CV each), and a third person's CV and letter."""
    from blindrec.cli import cli

    folder = tmp_path_factory.mktemp("same-name")
    base = builders.APPLICANTS["nigerian"]
    first = replace(base, first="Maria", last="Santos", email="maria.santos@example.com", phone="07700 900111")
    second = replace(base, first="Maria", last="Santos", email="msantos77@example.org", phone="07700 900222",
                     street="5 Elm Grove", postcode="WV4 5AB", dob="02/11/1979", nino="QQ 65 43 21 A")
    builders.cv_docx(first, folder / "CV - Maria Santos.docx")
    builders.cv_docx(second, folder / "Maria Santos CV 2026.docx")
    builders.cv_docx(builders.APPLICANTS["irish"], folder / "cv final.docx", author=False)
    builders.cover_letter_pdf(builders.APPLICANTS["irish"], folder / "letter.pdf")
    out = tmp_path_factory.mktemp("run") / "out"
    result = CliRunner().invoke(cli, ["anonymise", str(folder), "--out", str(out), "--jobs", "1"])
    return result, out, folder


def test_two_people_with_the_same_name_get_two_ids(same_name_run):
    result, out, _ = same_name_run
    assert result.exit_code == 0, result.output
    key = _key(out)
    assert key["CV - Maria Santos.docx"] != key["Maria Santos CV 2026.docx"]


def test_a_cv_and_its_cover_letter_get_one_id(same_name_run):
    _, out, _ = same_name_run
    key = _key(out)
    assert key["cv final.docx"] == key["letter.pdf"]


def test_a_join_override_joins_on_the_next_run_and_keeps_the_ids(same_name_run, tmp_path):
    import shutil

    from blindrec.cli import cli

    _, out, folder = same_name_run
    run = tmp_path / "out"
    shutil.copytree(out, run)
    before = _key(run)
    (run / "hr" / "overrides.yaml").write_text(
        "join: [[CV - Maria Santos.docx, Maria Santos CV 2026.docx]]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["anonymise", str(folder), "--out", str(run), "--jobs", "1", "--replace"])
    assert result.exit_code == 0, result.output
    after = _key(run)
    assert after["CV - Maria Santos.docx"] == after["Maria Santos CV 2026.docx"]
    assert after["CV - Maria Santos.docx"] in {before["CV - Maria Santos.docx"], before["Maria Santos CV 2026.docx"]}
    assert after["letter.pdf"] == before["letter.pdf"]


def test_an_email_spelling_the_name_outweighs_other_addresses_beside_it():
    """A form listing referees' addresses outside its references, and a letter with a council mailbox."""
    form = _doc("forms/form.pdf", "Jubair Mollah", phones=["7409983602"],
                emails=["jubair-mollah@example.net", "neil.brown@example.org"],
                named_emails=["jubair-mollah@example.net"])
    letter = _doc("letters/letter.docx", "Jubair Mollah", phones=["7409983602"],
                  emails=["jubair-mollah@example.net", "resourcingteam@walsall.example.gov.uk"],
                  named_emails=["jubair-mollah@example.net"])
    assert len(group_documents([form, letter]).groups) == 1


def test_the_report_lists_the_same_named_cvs_as_a_near_miss(same_name_run):
    import json

    _, out, _ = same_name_run
    report = json.loads((out / "hr" / "report.json").read_text(encoding="utf-8"))
    pairs = [sorted(m["sources"]) for m in report["near_misses"]]
    assert ["CV - Maria Santos.docx", "Maria Santos CV 2026.docx"] in pairs
    assert "Documents that may belong together" in (out / "hr" / "report.md").read_text(encoding="utf-8")


def test_the_review_page_lists_the_near_misses(same_name_run):
    from blindrec.hr.review import build_review, render_review

    _, out, _ = same_name_run
    page = render_review(build_review(out))
    assert "Documents that may belong together" in page and "Maria Santos CV 2026.docx" in page


def test_an_address_a_pdf_cut_short_is_the_same_address():
    form = _doc("form.pdf", "Jubair Mollah", emails=["jubair-mollah@inbox.example.ne"])
    letter = _doc("letter.docx", "Jubair Mollah", emails=["jubair-mollah@inbox.example.net"])
    assert len(group_documents([form, letter]).groups) == 1


def test_a_sub_folder_of_everyones_letters_is_no_second_signal():
    letters = [_doc(f"Cover letters/{i}.pdf", "Maria Santos" if i < 2 else f"Person {chr(65 + i)}x")
               for i in range(6)]
    assert len(group_documents(letters).groups) == 6


def test_the_report_asks_hr_to_check_documents_joined_on_the_name_alone():
    from blindrec.hr.report import report_markdown

    report = {"created": "2026-12-02T09:00:00+00:00", "blindrec_version": "0", "rules_sha256": "0" * 64,
              "inputs": 2, "candidates": [], "failures": [],
              "near_misses": [{"sources": ["cv.docx", "statement.docx"], "reason": "joined on the same full name alone",
                               "joined": True},
                              {"sources": ["a.docx", "b.docx"], "reason": "a short name", "joined": False}]}
    text = report_markdown(report)
    check = text.index("## Documents joined on the name alone: check them")
    apart = text.index("## Documents that may belong together")
    assert text.index("cv.docx + statement.docx") < apart and check < text.index("a.docx + b.docx")
    assert "split: [one of the files]" in text[check:apart]


def test_a_name_ner_reads_that_the_file_name_spells_too_is_the_candidates():
    sightings = [PersonName(CANDIDATE, ("Alemu", "Abel", "europass"), "file name"),
                 PersonName(PERSON, ("Abel", "Biniam", "Alemu"), "ner"),
                 PersonName(PERSON, ("Ann", "Lee"), "ner")]
    evidence = _evidence("text", sightings, source="Alemu_Abel_europass.docx")
    assert evidence.names == (CandidateName(("abel", "biniam", "alemu"), "ner"),)


def test_a_profile_link_spelling_two_name_words_states_the_name():
    evidence = _evidence("text", [PersonName(CANDIDATE, ("Hayoon", "CHOI"), "profile link"),
                                  PersonName(CANDIDATE, ("CHOI",), "email")])
    assert evidence.names == (CandidateName(("hayoon", "choi"), "profile link"),)


def test_a_short_name_that_starts_the_name_joins_in_one_applicants_sub_folder():
    cv = _doc("Applicant 046/CV.docx", "Jaswinder Kaur Gill")
    letter = _doc("Applicant 046/Cover letter.docx", "Jas", signal="sign-off", emails=["jaswinder.gill@example.com"])
    assert len(group_documents([cv, letter]).groups) == 1


def test_a_short_name_that_starts_two_names_in_one_folder_stays_apart():
    a = _doc("Letters/a.docx", "Jaswinder Gill")
    b = _doc("Letters/b.docx", "Jasmine Okafor")
    letter = _doc("Letters/c.docx", "Jas", signal="sign-off")
    assert len(group_documents([a, b, letter]).groups) == 3
