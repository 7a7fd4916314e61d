"""`blindrec verify` fails closed and checks everything a panel member could see (issue 9, section 4)."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from types import SimpleNamespace

import docx
import pytest
from click.testing import CliRunner

from blindrec.cli import cli
from blindrec.entities import CHECKED_KINDS, NEVER_KEPT_KINDS, SPAN_RECORDED_KINDS
from blindrec.hr.verify import NOT_VERIFIED, UNREADABLE, Leak, verify_output
from tests.test_hr_support import IDENTIFIERS, PACKS, write_output


def verify(out):
    """Run `blindrec verify` on an output folder."""
    return CliRunner().invoke(cli, ["verify", str(out)])


# --- a run's own verification never says "no leaks" when it could not check ------------------

@pytest.mark.parametrize("damage", ["missing", "broken"])
def test_verification_after_a_run_fails_without_identifiers(tmp_path, damage):
    from blindrec.output import verify_after_run

    out = write_output(tmp_path / "out")
    path = out / "hr" / "identifiers.json"
    path.unlink() if damage == "missing" else path.write_text("{not json", encoding="utf-8")
    leaks = verify_after_run(SimpleNamespace(out_dir=out))
    assert len(leaks) == 1 and leaks[0].endswith(f": {NOT_VERIFIED}") and "identifiers.json" in leaks[0]


def test_the_audit_does_not_call_an_unverifiable_run_verified():
    from blindrec.api import BatchResult
    from blindrec.hr.audit import anonymise_record
    from blindrec.settings import load_settings

    result = BatchResult(Path("out"), (), (), 0, (f"(verification failed: x): {NOT_VERIFIED}",))
    outcomes = anonymise_record(result, load_settings(), verified=True)["outcomes"]
    assert outcomes["verified"] is False and outcomes["exit_code"] == 1


def test_verify_without_a_key_is_an_error_not_a_pass(tmp_path):
    out = write_output(tmp_path / "out")
    (out / "hr" / "key.csv").unlink()
    result = verify(out)
    assert result.exit_code == 2 and "key.csv: missing" in result.output and "no leak" not in result.output


def test_verify_on_a_read_only_output_folder_is_a_clear_error_not_a_leak(tmp_path, monkeypatch):
    import blindrec.hr.audit

    out = write_output(tmp_path / "out")

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(blindrec.hr.audit, "append_audit", refuse)
    result = verify(out)
    assert result.exit_code == 2, result.output
    assert "cannot record the verification" in result.output and "Traceback" not in result.output


# --- one registry of kinds --------------------------------------------------------------

def test_every_kind_detection_can_record_is_checked_by_verify():
    from blindrec.hr.overrides import HR_OVERRIDE
    from blindrec.tabular.columns import VALUE_ROLES
    from blindrec.tabular.rows import _VALUE_ENTITIES

    from blindrec.detect import _IDENTIFIER_TYPES
    from blindrec.hr.overrides import _NEVER_KEPT
    from blindrec.hr.verify import _CHECKED_KINDS

    recorded = {*_IDENTIFIER_TYPES, "CANDIDATE_NAME", "REFEREE_NAME", "PERSON_NAME", "CANDIDATE_EMAIL",
                HR_OVERRIDE, *VALUE_ROLES.values(), *_VALUE_ENTITIES}
    assert recorded <= set(_CHECKED_KINDS) == set(CHECKED_KINDS)
    assert set(_IDENTIFIER_TYPES) == set(SPAN_RECORDED_KINDS) and set(_NEVER_KEPT) == set(NEVER_KEPT_KINDS)


SAMPLES = {"EMAIL_ADDRESS": "zebedee.q@example.com", "CANDIDATE_EMAIL": "zebedee.q@example.com",
           "PHONE_NUMBER": "07700 900111", "UK_POSTCODE": "WV3 7QT", "UK_NINO": "QQ 12 34 56 C",
           "UK_PASSPORT": "925076473", "UK_DRIVING_LICENCE": "QUART701017Z99AB", "DATE_OF_BIRTH": "17/10/1970",
           "URL": "zorblatt.example.net", "PROFILE_URL": "linkedin.com/in/zq-1970",
           "STREET_ADDRESS": "12 Larkspur Road, Wolverhampton", "CANDIDATE_NAME": "Quartermaine",
           "REFEREE_NAME": "Marchbanks", "PERSON_NAME": "Threepwood", "HR_OVERRIDE": "Bromsgrove Rovers",
           "SOURCE_FILE_NAME": "Quartermaine"}


@pytest.mark.parametrize("kind", CHECKED_KINDS)
def test_each_checked_kind_is_found_in_a_pack(tmp_path, kind):
    out = write_output(tmp_path / "out")
    identifiers = {**IDENTIFIERS, "C-AAAA": {**IDENTIFIERS["C-AAAA"], kind: [SAMPLES[kind]]}}
    (out / "hr" / "identifiers.json").write_text(json.dumps(identifiers), encoding="utf-8")
    (out / "panel" / "C-AAAA.md").write_text(PACKS["C-AAAA"] + f"\nSee {SAMPLES[kind]} here.\n", encoding="utf-8")
    assert Leak("C-AAAA.md", kind) in verify_output(out).leaks


def test_a_street_address_line_with_its_house_number_is_a_leak(tmp_path):
    leaked = PACKS["C-AAAA"] + "\nI live at 12  Larkspur Road and walk to work.\n"
    assert Leak("C-AAAA.md", "STREET_ADDRESS") in verify_output(write_output(tmp_path / "out",
                                                                             {**PACKS, "C-AAAA": leaked})).leaks


def test_a_town_alone_is_not_an_address_leak(tmp_path):
    out = write_output(tmp_path / "out")
    identifiers = {**IDENTIFIERS, "C-BBBB": {**IDENTIFIERS["C-BBBB"], "STREET_ADDRESS": ["Stoke-on-Trent"]}}
    (out / "hr" / "identifiers.json").write_text(json.dumps(identifiers), encoding="utf-8")
    (out / "panel" / "C-AAAA.md").write_text(PACKS["C-AAAA"] + "\nStoke-on-Trent City Council.\n", encoding="utf-8")
    assert verify_output(out).leaks == ()


# --- every candidate against every panel file ---------------------------------------------

def test_one_candidates_email_in_another_candidates_pack_is_a_leak(tmp_path):
    leaked = PACKS["C-BBBB"] + "\nCopy to zebedee.q@example.com.\n"
    assert Leak("C-BBBB.md", "EMAIL_ADDRESS") in verify_output(write_output(tmp_path / "out",
                                                                            {**PACKS, "C-BBBB": leaked})).leaks


def test_one_candidates_name_in_another_candidates_pack_is_a_leak(tmp_path):
    leaked = PACKS["C-BBBB"] + "\nI worked with QUARTERMAINE, Zebedee on this.\n"
    assert Leak("C-BBBB.md", "CANDIDATE_NAME") in verify_output(write_output(tmp_path / "out",
                                                                             {**PACKS, "C-BBBB": leaked})).leaks


def test_a_name_word_several_candidates_share_is_not_a_leak_in_another_pack(tmp_path):
    out = write_output(tmp_path / "out", {**PACKS, "C-BBBB": PACKS["C-BBBB"] + "\nZebedee Jones approved it.\n"})
    # "Jones" is C-AAAA's and another candidate's: "Zebedee Jones" points to no one in particular.
    identifiers = {**IDENTIFIERS, "C-AAAA": {**IDENTIFIERS["C-AAAA"], "CANDIDATE_NAME": ["zebedee", "jones"]},
                   "C-CCCC": {"CANDIDATE_NAME": ["jones", "pettigrew"]}}
    (out / "hr" / "identifiers.json").write_text(json.dumps(identifiers), encoding="utf-8")
    assert verify_output(out).leaks == ()


# --- everything a reader could see ---------------------------------------------------------

def _docx_with(path: Path, text: str = "Candidate C-BBBB", parts: dict[str, str] | None = None,
               replace: dict[str, tuple[str, str]] | None = None, comment: bytes = b"") -> Path:
    """A DOCX with extra or edited parts, written as Word would package them."""
    document = docx.Document()
    document.add_paragraph(text)
    plain = path.with_suffix(".plain.docx")
    document.save(str(plain))
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename).decode("utf-8") if item.filename.endswith((".xml", ".rels")) else None
            if data is not None and item.filename in (replace or {}):
                old, new = replace[item.filename]
                data = data.replace(old, new)
            target.writestr(item, data if data is not None else source.read(item.filename))
        for name, xml in (parts or {}).items():
            target.writestr(name, xml)
        target.comment = comment
    plain.unlink()
    return path


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize("variant", ["comment author", "document variable", "customXml", "glossary",
                                     "zip comment", "entry name"])
def test_hidden_parts_of_a_docx_are_searched(tmp_path, variant):
    out = write_output(tmp_path / "out")
    path = out / "panel" / "C-BBBB.docx"
    if variant == "comment author":
        _docx_with(path, parts={"word/comments.xml": f'<w:comments {W}><w:comment w:id="0" w:author="Ottoline '
                                                     f'Fairweather" w:initials="OF"><w:p><w:r><w:t>Check</w:t>'
                                                     f'</w:r></w:p></w:comment></w:comments>'})
    elif variant == "document variable":
        _docx_with(path, replace={"word/settings.xml": ("</w:settings>", '<w:docVars><w:docVar w:name="who" '
                                                        'w:val="Ottoline Fairweather"/></w:docVars></w:settings>')})
    elif variant == "customXml":
        _docx_with(path, parts={"customXml/item9.xml": "<applicant><name>Ottoline Fairweather</name></applicant>"})
    elif variant == "glossary":
        _docx_with(path, parts={"word/glossary/document.xml": f"<w:glossaryDocument {W}><w:docParts><w:docPart>"
                                                               f"<w:p><w:r><w:t>Ottoline Fairweather</w:t></w:r>"
                                                               f"</w:p></w:docPart></w:docParts></w:glossaryDocument>"})
    elif variant == "zip comment":
        _docx_with(path, comment="Ottoline Fairweather".encode())
    else:
        _docx_with(path, parts={"word/media/Ottoline Fairweather.xml": "<x/>"})
    assert Leak("C-BBBB.docx", "CANDIDATE_NAME") in verify_output(out).leaks


def test_combined_pack_properties_are_checked_for_every_candidate(tmp_path):
    out = write_output(tmp_path / "out")
    document = docx.Document()
    document.add_paragraph("Anonymised applications")
    for candidate_id in ("C-AAAA", "C-BBBB"):  # C-AAAA's name is in the properties, C-BBBB's section is last
        document.add_paragraph(f"Candidate {candidate_id}")
    document.core_properties.author = "Zebedee"
    document.save(str(out / "panel" / "pack.docx"))
    assert Leak("pack.docx", "CANDIDATE_NAME") in verify_output(out).leaks


def test_combined_pack_cover_page_is_checked_for_every_candidate(tmp_path):
    out = write_output(tmp_path / "out")
    document = docx.Document()
    document.add_paragraph("Shortlist prepared for Zebedee Quartermaine")
    for candidate_id in ("C-AAAA", "C-BBBB"):
        document.add_paragraph(f"Candidate {candidate_id}")
    document.save(str(out / "panel" / "pack.docx"))
    assert Leak("pack.docx", "CANDIDATE_NAME") in verify_output(out).leaks


def test_a_table_header_cell_is_checked(tmp_path):
    out = write_output(tmp_path / "out")
    (out / "panel" / "applications.csv").write_text(
        "candidate_id,Notes on Zebedee Quartermaine\nC-BBBB,Good\n", encoding="utf-8")
    assert Leak("applications.csv", "CANDIDATE_NAME") in verify_output(out).leaks


def test_a_table_row_without_a_candidate_id_is_checked_for_everyone(tmp_path):
    out = write_output(tmp_path / "out")
    (out / "panel" / "applications.csv").write_text(
        "candidate_id,notes\nC-BBBB,Good\n,Zebedee Quartermaine applied twice\n", encoding="utf-8")
    assert Leak("applications.csv", "CANDIDATE_NAME") in verify_output(out).leaks


@pytest.mark.parametrize("name, content", [("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00"),
                                           ("C-AAAA.docx", b"PK\x03\x04 not really a zip"),
                                           ("C-BBBB.md", b"\xff\xfe\x00 not utf-8 \x81"),
                                           ("applications.csv", b"candidate_id,notes\nC-AAAA,\xff\x81\n")])
def test_a_panel_file_verify_cannot_read_is_a_failure(tmp_path, name, content):
    out = write_output(tmp_path / "out")
    (out / "panel" / name).write_bytes(content)
    result = verify(out)
    assert result.exit_code == 1
    assert f"LEAK panel/{name}: {UNREADABLE}" in result.output


# --- the rules the run used ------------------------------------------------------------

def _record_rules(out: Path, rules: Path) -> None:
    from blindrec.hr.rules import rules_record
    from blindrec.settings import load_settings

    report_path = out / "hr" / "report.json"
    report = json.loads(report_path.read_text(encoding="utf-8"))
    report["rules_files"] = rules_record(load_settings([rules]))
    report_path.write_text(json.dumps(report), encoding="utf-8")


def test_a_run_records_its_rules_files_in_the_report(batch_run):
    _result, out = batch_run
    report = json.loads((out / "hr" / "report.json").read_text(encoding="utf-8"))
    assert report["rules_files"][0]["path"].endswith("default.yaml") and len(report["rules_files"][0]["sha256"]) == 64


@pytest.mark.parametrize("command", ["verify", "review"])
def test_verify_and_review_refuse_rules_changed_since_the_run(tmp_path, command):
    out = write_output(tmp_path / "out")
    rules = tmp_path / "council.yaml"
    rules.write_text("score_threshold: 0.5\n", encoding="utf-8")
    _record_rules(out, rules)
    rules.write_text("score_threshold: 0.9\n", encoding="utf-8")
    result = CliRunner().invoke(cli, [command, str(out)])
    assert result.exit_code == 2 and "council.yaml" in result.output and "changed since the run" in result.output


def test_review_uses_the_runs_placeholders(tmp_path):
    out = write_output(tmp_path / "out", {**PACKS, "C-BBBB": PACKS["C-BBBB"].replace("[CANDIDATE]", "[APPLICANT]")})
    rules = tmp_path / "council.yaml"
    rules.write_text('placeholders:\n  CANDIDATE: "[APPLICANT]"\n', encoding="utf-8")
    _record_rules(out, rules)
    assert CliRunner().invoke(cli, ["review", str(out)]).exit_code == 0
    page = (out / "hr" / "review.html").read_text(encoding="utf-8")
    assert "data-type='CANDIDATE' title='Redacted: candidate&#x27;s name'>[APPLICANT]" in page


def test_a_run_whose_verification_cannot_read_hr_exits_1_and_is_not_audited_as_verified(tmp_path, monkeypatch):
    import blindrec.hr.verify
    from blindrec.hr.audit import read_audit
    from tests import builders

    builders.cv_docx(builders.APPLICANTS["polish"], tmp_path / "in" / "cv.docx")

    def unreadable(out_dir):
        raise blindrec.hr.verify.VerifyError(f"{out_dir}/hr/identifiers.json: is not valid JSON")

    monkeypatch.setattr(blindrec.hr.verify, "load_identifiers", unreadable)
    result = CliRunner().invoke(cli, ["anonymise", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                                      "--jobs", "1"])
    assert result.exit_code == 1, result.output
    assert "verification found 1 possible leak(s)" in result.output
    report = json.loads((tmp_path / "out" / "hr" / "report.json").read_text(encoding="utf-8"))
    assert report["leaks"][0].endswith(NOT_VERIFIED)
    assert read_audit(tmp_path / "out")[-1]["outcomes"]["verified"] is False


def test_an_original_pdf_dropped_into_the_panel_is_read_for_its_leaks(tmp_path):
    from tests import builders

    out = write_output(tmp_path / "out")
    applicant = builders.APPLICANTS["irish"]
    builders.cover_letter_pdf(applicant, tmp_path / "letter.pdf")
    identifiers = {**IDENTIFIERS, "C-BBBB": {**IDENTIFIERS["C-BBBB"],
                                             "CANDIDATE_NAME": [applicant.first, applicant.last]}}
    (out / "hr" / "identifiers.json").write_text(json.dumps(identifiers), encoding="utf-8")
    shutil.copy(tmp_path / "letter.pdf", out / "panel" / "letter.pdf")
    leaks = verify_output(out).leaks
    assert Leak("letter.pdf", "CANDIDATE_NAME") in leaks and Leak("letter.pdf", UNREADABLE) not in leaks


def _with_rows(out: Path, rows: dict[str, list[str]]) -> Path:
    from blindrec.hr.identifiers import row_identifiers_line

    (out / "hr" / "identifiers-rows.jsonl").write_text("".join(
        row_identifiers_line(cid, {"CANDIDATE_NAME": names}) for cid, names in rows.items()), encoding="utf-8")
    return out


def test_an_ats_applicants_full_name_in_a_candidates_pack_is_a_leak(tmp_path):
    out = _with_rows(write_output(tmp_path / "out", {**PACKS, "C-BBBB": PACKS["C-BBBB"] + "\nAsk Perpetua Blenkinsop.\n"}),
                     {"C-R001": ["Perpetua", "Blenkinsop"], "C-R002": ["Jane", "Smith"]})
    assert Leak("C-BBBB.md", "CANDIDATE_NAME") in verify_output(out).leaks


def test_a_name_applicants_share_is_nobodys_in_a_candidates_pack(tmp_path):
    out = _with_rows(write_output(tmp_path / "out", {**PACKS, "C-BBBB": PACKS["C-BBBB"] + "\nAsk Jane Smith.\n"}),
                     {"C-R001": ["Jane", "Smith"], "C-R002": ["Jane", "Smith"]})
    assert verify_output(out).leaks == ()


def test_verify_fails_on_a_key_it_cannot_read_whole(tmp_path):
    from blindrec.hr.verify import VerifyError, verify_output

    hr = tmp_path / "hr"
    hr.mkdir()
    (tmp_path / "panel").mkdir()
    (hr / "identifiers.json").write_text("{}\n", encoding="utf-8")
    (hr / "key.csv").write_bytes(b"candidate_id,source,sha256\nC-2345,Zebedee \xff Quartermaine.docx,0\n")
    with pytest.raises(VerifyError, match="cannot be read"):
        verify_output(tmp_path)


def test_an_unreadable_key_counts_as_a_run_for_the_replace_guard(tmp_path):
    from blindrec.output import candidates_held

    (tmp_path / "hr").mkdir()
    (tmp_path / "hr" / "key.csv").write_bytes(b"candidate_id,source\nC-2345,\xff.docx\n")
    assert candidates_held(tmp_path) == 1


def test_verify_refuses_a_folder_a_stopped_run_left_half_written(tmp_path):
    from blindrec.hr.verify import VerifyError, verify_output

    (tmp_path / "hr").mkdir()
    (tmp_path / "panel").mkdir()
    (tmp_path / "hr" / "key.csv").write_text("candidate_id,source,sha256\n", encoding="utf-8")
    (tmp_path / "hr" / "identifiers.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "hr" / ".run-journal.json").write_text("{}\n", encoding="utf-8")
    with pytest.raises(VerifyError, match="stopped part-way"):
        verify_output(tmp_path)
