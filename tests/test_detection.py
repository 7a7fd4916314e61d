"""Name detection and redaction rules, on short synthetic texts and documents."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from blindrec.api import InputFile, anonymise_document
from blindrec.detect import detect_free_text
from blindrec.redact import redact_text
from blindrec.settings import load_settings


@pytest.fixture(scope="module")
def settings():
    return load_settings()


def _redact(text, settings, **known):
    return redact_text(text, detect_free_text(text, settings, **known))


def _document_text(tmp_path: Path, name: str, paragraphs: list[str], settings, author: str = "") -> str:
    document = docx.Document()
    document.core_properties.author = author
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    path = tmp_path / name
    document.save(str(path))
    redacted = anonymise_document(InputFile(path, name), settings)
    return "\n".join(" | ".join(b.segments) for b in redacted.blocks)


@pytest.mark.parametrize("text, leaked", [
    ("Contact 07700 900123 or 07700900123", "900123"),
    ("Call +44 (0)7700 900 123 today", "900 123"),
    ("Office (01902) 327588", "327588"),
    ("Landline 0121 496 0000", "496 0000"),
    ("Mobile: +447700900123", "7700900123"),
    ("Email jo.bloggs84@example.co.uk", "jo.bloggs84"),
    ("Postcode WV10 6UZ", "WV10"),
    ("postcode b90 8yz in lower case? no: B908YZ", "B908YZ"),
    ("National Insurance number: QQ 12 34 56 C", "QQ 12"),
    ("Date of birth: 20/06/1985", "1985"),
    ("Born 20th June 1985 in Leeds", "1985"),
    ("DOB 1985-06-20", "1985"),
    ("linkedin.com/in/jo-bloggs-123", "jo-bloggs"),
    ("See https://www.example.org/portfolio/jb", "portfolio"),
    ("I live at 39 Meadow Way, Telford TF1 2AY", "Meadow"),
    ("NI: ZZ 12 34 56 C (a prefix HMRC never issues, as sample numbers use)", "12 34 56"),
    ("ni number ab123456c", "123456"),
    ("Passport number: 123456789", "123456789"),
    ("Twitter: @jo_bloggs_planner", "jo_bloggs"),
    ("I was born in Lagos and grew up in Ibadan.", "Lagos"),
    ("I am 45 and was born in Lagos, Nigeria.", "Lagos"),
    ("I moved to the UK in 2010 to study.", "2010"),
    ("In my home country I was a teacher.", "teacher"),
    ("Wei Wang (王伟), Planning Officer", "王伟"),
    ("Mohammed Al-Farsi / محمد الفارسي", "الفارسي"),
    ("Contact: Иван Петров", "Петров"),
    ("Rajesh Kumar (राजेश कुमार)", "कुमार"),
    ("I am thirty-four years old.", "thirty"),
    ("Aged forty-five, I retrained as a planner.", "forty"),
])
def test_uk_identifiers_are_redacted(text, leaked, settings):
    assert leaked not in _redact(text, settings)


def test_employment_years_and_employers_are_kept(settings):
    text = "Principal Accountant – Redditch Borough Council, 2017 – present. ACCA qualified 2012."
    assert _redact(text, settings) == text


def test_known_names_are_redacted_in_any_case_with_possessives(settings):
    out = _redact("declan wrote this. DECLAN BRAY's report; Bray's team.", settings,
                  known_names={"CANDIDATE": ["Declan", "Bray"]})
    assert "eclan" not in out.lower() and "bray" not in out.lower()
    assert "[CANDIDATE]'s team" in out


def test_name_that_is_a_common_word_keeps_the_ordinary_word(settings):
    out = _redact("Hope Banks leads food banks and gives people hope.", settings,
                  known_names={"CANDIDATE": ["Hope", "Banks"]})
    assert out == "[CANDIDATE] leads food banks and gives people hope."


def test_initials_and_particles_go_with_the_name(settings):
    out = _redact("Signed D. Thomas for Daan de Vries and Anna van der Berg.", settings,
                  known_names={"CANDIDATE": ["Daan", "de", "Vries", "Damian", "Thomas"],
                               "PERSON": ["Anna", "van", "der", "Berg"]})
    assert "D." not in out and " de " not in out and "van der" not in out


def test_diacritics_match_with_or_without_accents(settings):
    out = _redact("Renee Marsh, also written RENÉE MARSH and Renée.", settings,
                  known_names={"CANDIDATE": ["Renée", "Marsh"]})
    assert "ren" not in out.lower()


def test_hyphenated_and_apostrophised_names(settings):
    out = _redact("Mary-Jane O'Connor-Walsh; Mary Jane; O’Connor; Walsh.", settings,
                  known_names={"CANDIDATE": ["Mary-Jane", "O'Connor-Walsh"]})
    for part in ("Mary", "Jane", "Connor", "Walsh"):
        assert part not in out


def test_name_from_file_name_is_redacted_in_the_text(tmp_path, settings):
    text = _document_text(tmp_path, "CV_Adaeze_Nwachukwu_final.docx",
                          ["Profile", "Adaeze has led the housing team since 2019."], settings)
    assert "Adaeze" not in text and "housing team" in text


def test_name_from_sign_off_is_redacted_everywhere(tmp_path, settings):
    text = _document_text(tmp_path, "letter.docx",
                          ["Dear Hiring Manager,", "Thi Thanh Huong has applied for the post.",
                           "Yours sincerely,", "Thi Thanh Huong"], settings)
    assert "Huong" not in text and "Thanh" not in text


def test_name_from_author_property_is_redacted(tmp_path, settings):
    text = _document_text(tmp_path, "cv.docx", ["Oyelaran joined the service in 2015."], settings,
                          author="Babajide Oyelaran")
    assert "Oyelaran" not in text


def test_name_spelled_in_email_local_part_is_redacted(tmp_path, settings):
    text = _document_text(tmp_path, "cv.docx", ["Contact: zbigniew.krawczyk@example.com",
                                                "Krawczyk delivered the project on time."], settings)
    assert "Krawczyk" not in text


def test_form_labels_give_the_name(tmp_path, settings):
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Surname", "Ogunbanjo"
    table.cell(1, 0).text, table.cell(1, 1).text = "Forename(s)", "Temitope"
    document.add_paragraph("Temitope Ogunbanjo has ten years of casework experience.")
    path = tmp_path / "form.docx"
    document.save(str(path))
    redacted = anonymise_document(InputFile(path, "form.docx"), settings)
    text = "\n".join(" | ".join(b.segments) for b in redacted.blocks)
    assert "Ogunbanjo" not in text and "Temitope" not in text and "casework" in text


def test_referees_are_numbered_in_reading_order(tmp_path, settings):
    text = _document_text(tmp_path, "cv.docx", [
        "Kwame Mensah", "Profile", "Experienced officer.", "References",
        "Eleanor Whitcombe, Head of Service, Dudley Council", "Tariq Mahmood, Team Manager, Walsall Council"],
        settings)
    assert "[REFEREE 1], Head of Service" in text and "[REFEREE 2], Team Manager" in text


def test_gender_titles_are_dropped(settings):
    out = _redact("Dear Mrs Okafor, Mr Smith agreed.", settings)
    assert out == "Dear [PERSON 1], [PERSON 2] agreed."


def test_age_statement_is_redacted_by_default(settings):
    assert "52" not in _redact("I am aged 52 and keen to learn.", settings)


def test_a_rule_can_be_switched_off_in_yaml(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text("recognizers:\n  - name: age_statement\n    enabled: false\n")
    assert "aged 52" in _redact("I am aged 52.", load_settings([rules]))


def test_a_rule_can_be_added_in_yaml(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        "entities: [PERSON, EMAIL_ADDRESS, STAFF_NUMBER]\n"
        "placeholders:\n  STAFF_NUMBER: '[STAFF NUMBER]'\n"
        "recognizers:\n  - name: staff_number\n    type: custom\n    supported_entity: STAFF_NUMBER\n"
        "    patterns:\n      - name: staff\n        regex: '\\bSN-\\d{6}\\b'\n        score: 0.9\n")
    assert _redact("My staff number is SN-123456.", load_settings([rules])) == "My staff number is [STAFF NUMBER]."


def test_pronoun_neutralisation_is_opt_in(tmp_path, settings):
    text = "She led the team and her work was praised."
    assert _redact(text, settings) == text
    rules = tmp_path / "rules.yaml"
    rules.write_text("pronouns:\n  enabled: true\n")
    assert _redact(text, load_settings([rules])) == "They led the team and their work was praised."


def test_immigration_status_sentence_is_redacted_but_casework_stays(settings):
    out = _redact("I hold a Graduate visa and would need sponsorship. I support refugees with housing.", settings)
    assert "visa" not in out and "sponsorship" not in out
    assert "I support refugees with housing." in out


def test_address_lines_above_a_postcode_are_redacted(settings):
    out = _redact("84 Kingsway\nPenkhull\nST4 7QP\n\nDear Hiring Manager,", settings)
    assert out.split("\n")[:3] == ["[ADDRESS]", "[ADDRESS]", "[POSTCODE]"]
    assert "Dear Hiring Manager," in out


def test_job_words_in_the_file_name_are_not_taken_for_a_name(tmp_path, settings):
    text = _document_text(tmp_path, "Environmental Health Officer application.docx",
                          ["Bogdan Zielinski", "Environmental Health work since 2015; environmental health law."],
                          settings)
    assert "Environmental Health work" in text and "Zielinski" not in text


def test_referee_label_names_a_referee(tmp_path, settings):
    text = _document_text(tmp_path, "cv.docx", ["Kwame Mensah", "Referee 1: Olumide Adebayo-Smith, Head of Service"],
                          settings)
    assert "Adebayo" not in text and "[REFEREE 1]" in text


def test_titles_and_letters_after_a_name_are_not_name_words(tmp_path, settings):
    text = _document_text(tmp_path, "cv.docx", ["Dr Amara Okonjo BSc (Hons) MCIPD", "Personal statement",
                                                "I completed a PhD in 2012 and my MCIPD in 2018."], settings)
    assert "Okonjo" not in text and "Amara" not in text
    assert "PhD in 2012" in text and "MCIPD in 2018" in text


def test_initial_and_surname_email_gives_the_surname(tmp_path, settings):
    text = _document_text(tmp_path, "notes.docx", ["Contact: jkowalczyk@example.com",
                                                   "Kowalczyk delivered the project."], settings)
    assert "Kowalczyk" not in text


def test_form_rows_flattened_by_a_pdf_still_give_the_names(settings):
    text = ("Title Miss Family name Balogun\nFirst name(s) Ifeoma Bukola Preferred name Adaeze\n"
            "Profile\nIfeoma Bukola Balogun, known to colleagues as Adaeze, leads the library service.")
    from blindrec.model import Block, Document
    from blindrec.detect import detect_document
    from blindrec.detect.text import join_document
    from blindrec.redact import redact_document

    document = Document(Path("form.pdf"), "form.pdf", tuple(Block("paragraph", line) for line in text.splitlines()))
    joined = join_document(document)
    redacted = redact_document(document, joined, list(detect_document(document, joined, settings).spans))
    out = "\n".join(b.text for b in redacted.blocks)
    for word in ("Balogun", "Ifeoma", "Bukola", "Adaeze", "Miss"):
        assert word not in out, word
    assert "leads the library service" in out


def test_known_as_names_are_redacted(tmp_path, settings):
    text = _document_text(tmp_path, "CV - Dzifa Acheampong.docx",
                          ["Dzifa Acheampong", "I usually go by Serwaa.", "Serwaa leads the team."], settings)
    assert "Serwaa" not in text


def test_a_name_set_one_word_per_line_is_found(tmp_path, settings):
    text = _document_text(tmp_path, "CV_Oyelaran_T.docx", ["Titilayo", "Oyelaran", "Revenues Officer",
                                                           "Titilayo led recovery work."], settings)
    assert "Titilayo" not in text and "Revenues Officer" in text


def test_referees_inside_a_layout_table_cell_are_referees(tmp_path, settings):
    document = docx.Document()
    row = document.add_table(rows=1, cols=2).rows[0]
    row.cells[0].text = "Skills\nExcel\nREFERENCES\nBernard Page\nService Manager\nSiobhan O'Brien\nHead of Audit"
    row.cells[1].text = "Profile\nAnalyst since 2019."
    path = tmp_path / "cv.docx"
    document.save(str(path))
    redacted = anonymise_document(InputFile(path, "cv.docx"), settings)
    text = "\n".join(" | ".join(b.segments) for b in redacted.blocks)
    assert "Page" not in text and "O'Brien" not in text and "[REFEREE 2]" in text


def test_an_address_block_stops_at_the_street_line(settings):
    out = _redact("Contact Details\nJoris Pryce\n209 Beacon Paddock\nHereford\nHR1 6DD", settings)
    assert out.split("\n") == ["Contact Details", "[CANDIDATE]", "[ADDRESS]", "[ADDRESS]", "[POSTCODE]"]


def test_a_form_row_with_two_label_value_pairs_pairs_them(tmp_path, settings):
    document = docx.Document()
    cells = document.add_table(rows=1, cols=4).rows[0].cells
    for cell, text in zip(cells, ("Postcode", "B15 2TT", "Telephone", "0121 496 0000")):
        cell.text = text
    path = tmp_path / "form.docx"
    document.save(str(path))
    redacted = anonymise_document(InputFile(path, "form.docx"), settings)
    assert redacted.blocks[0].cells == ("Postcode", "[POSTCODE]", "Telephone", "[PHONE]")
    assert "Telephone" not in redacted.found_identifiers.get("UK_POSTCODE", ())


@pytest.mark.parametrize("sentence, name", [
    ("My current manager, Dariusz Dziewior, has agreed to act as my referee.", ("Dariusz", "Dziewior")),
    ("My line manager Ewelina Pyrkosz will give a reference.", ("Ewelina", "Pyrkosz")),
    ("My referee is Kwame Mensah-Boateng at the trust.", ("Kwame", "Mensah-Boateng")),
])
def test_a_person_named_by_their_relation_to_the_applicant_is_redacted(sentence, name, settings):
    redacted = _redact(sentence, settings)
    assert not any(word in redacted for word in name) and "[REFEREE 1]" in redacted


def test_a_relation_followed_by_a_job_title_or_employer_keeps_it(settings):
    redacted = _redact("My manager, Head of Planning, and my previous employer Walsall Council agreed.", settings)
    assert "Head of Planning" in redacted and "Walsall Council" in redacted


def test_a_particle_joined_to_the_surname_goes_with_it(settings):
    text = "Kind regards, Noura Hassan. Ms Al-Hassan and D'Souza's report; Priya d’Souza."
    redacted = _redact(text, settings, known_names={"CANDIDATE": ["Noura", "Hassan", "Priya", "Souza"]})
    assert redacted == "Kind regards, [CANDIDATE]. [CANDIDATE] and [CANDIDATE]'s report; [CANDIDATE]."


def test_referees_side_by_side_after_a_heading_inside_a_layout_cell(tmp_path, settings):
    document = docx.Document()
    layout = document.add_table(rows=1, cols=2).rows[0].cells
    layout[0].text = "Skills\nExcel\nSQL\nTableau"
    layout[1].text = "Experience\nRevenues Officer\nCONTACT DETAILS\nFull UK driving licence.\nREFERENCES"
    referees = document.add_table(rows=2, cols=2)
    for cell, text in zip(referees.rows[0].cells, ("Liam Hardy", "Samantha O'Brien")):
        cell.text = text
    for cell, text in zip(referees.rows[1].cells, ("Assistant Director, Sandwell Council", "Head of Service")):
        cell.text = text
    document.save(str(tmp_path / "cv.docx"))
    redacted = anonymise_document(InputFile(tmp_path / "cv.docx", "cv.docx"), settings)
    text = "\n".join(" | ".join(b.segments) for b in redacted.blocks)
    assert "[REFEREE 1] | [REFEREE 2]" in text and "Brien" not in text and "Head of Service" in text


@pytest.mark.parametrize("text", [
    "I have supported residents who moved to the UK as refugees.",
    "I worked with residents who were born in Poland.",
    "I came to the team in 2019.",
])
def test_where_other_people_are_from_is_kept(text, settings):
    assert _redact(text, settings) == text


def test_an_email_at_the_end_of_a_sentence_keeps_the_full_stop(settings):
    assert _redact("Email jo@example.com. Meet me at 9.", settings) == "Email [EMAIL]. Meet me at 9."


def test_accented_latin_letters_are_not_another_script(settings):
    text = "Our café project cut costs by 12%; the α-test ran in Zoë Road Library."
    assert "[TEXT IN ANOTHER SCRIPT]" not in _redact(text, settings)


def test_equal_opportunities_answers_on_the_form_itself_are_redacted(tmp_path, settings):
    document = docx.Document()
    document.add_paragraph("Marital status: Married")
    document.add_paragraph("Pronouns: she/her")
    table = document.add_table(rows=3, cols=2)
    for row, (label, value) in zip(table.rows, [("Religion or belief", "Sikh"), ("Ethnic origin", "Indian"),
                                                 ("Current employer", "Sandwell Council")]):
        row.cells[0].text, row.cells[1].text = label, value
    document.save(str(tmp_path / "form.docx"))
    redacted = anonymise_document(InputFile(tmp_path / "form.docx", "form.docx"), settings)
    text = "\n".join(" | ".join(b.segments) for b in redacted.blocks)
    for answer in ("Married", "she/her", "Sikh", "Indian"):
        assert answer not in text
    assert text.count("[PERSONAL DETAIL]") == 4 and "Sandwell Council" in text


@pytest.mark.parametrize("text, kept, leaked", [
    ("Home: Flat 2B, The Maltings, 45-47 Station Road, Leek", "Home", "Maltings"),
    ("In 2019-2020 Walsall Road scheme won an award.", "2019-2020 Walsall Road", None),
])
def test_flats_building_names_and_number_ranges_go_with_the_address_but_years_stay(text, kept, leaked, settings):
    redacted = _redact(text, settings)
    assert kept in redacted and (leaked is None or leaked not in redacted)


@pytest.mark.parametrize("signoff", ["Yours faithfully", "Respectfully yours,", "Cheers,", "Best,", "Kind regards"])
def test_the_name_under_a_sign_off_is_the_candidates(signoff, settings):
    from blindrec.detect.names import CANDIDATE, NameVocabulary, gather_people
    from blindrec.model import Block, Document

    vocab = NameVocabulary.from_rules(settings.name_signals, settings.ner_names)
    lines = ["Dear Sir or Madam,", "I apply for the post of Housing Officer.", signoff, "Tomi Adeyemi-Bakare (Mr)"]
    document = Document(Path("letter.docx"), "letter.docx", tuple(Block("paragraph", line) for line in lines))
    sightings = gather_people(document, "\n".join(lines), [], vocab, frozenset())
    assert [(s.role, s.words) for s in sightings if s.signal == "sign-off"] == [
        (CANDIDATE, ("Tomi", "Adeyemi-Bakare"))]


def test_a_sentence_opening_with_a_sign_off_word_is_not_a_sign_off(settings):
    from blindrec.detect.names import _after_signoff

    signoffs = ["best", "kind regards"]
    assert _after_signoff("Best practice is to ask the tenant", signoffs) is None
    assert _after_signoff("Kind regards, Jo Bloggs", signoffs) == "Jo Bloggs"


def test_a_title_in_brackets_after_the_name_is_dropped(settings):
    assert "(Mr)" not in _redact("Yours faithfully, Tomi Adeyemi (Mr)", settings)


def test_a_document_kind_before_the_name_on_the_first_line(settings):
    from blindrec.detect.names import NameVocabulary, gather_people
    from blindrec.model import Block, Document

    vocab = NameVocabulary.from_rules(settings.name_signals, settings.ner_names)
    lines = ["Curriculum Vitae – Adebayo Ogundimu", "Profile", "Revenues officer since 2015."]
    document = Document(Path("cv.docx"), "cv.docx", tuple(Block("paragraph", line) for line in lines))
    sightings = gather_people(document, "\n".join(lines), [], vocab, frozenset())
    assert [s.words for s in sightings if s.signal == "first line"] == [("Adebayo", "Ogundimu")]


@pytest.mark.parametrize("lines, leaked", [
    (["Personal statement", "My friends call me Bisi.", "Olabisi Adewale-Jones applies for the role."],
     ("Olabisi", "Adewale")),
    (["Applicant: Dr Chukwuemeka Obi-Okafor", "Contact Emeka on extension 4."], ("Emeka",)),
])
def test_long_and_short_forms_of_the_candidates_name_and_the_surname_after_it(lines, leaked, tmp_path, settings):
    text = _document_text(tmp_path, "statement.docx", lines, settings)
    assert not any(word in text for word in leaked) and "[CANDIDATE]" in text


def test_a_known_name_before_an_organisation_or_a_dictionary_word_takes_nothing_more(tmp_path, settings):
    text = _document_text(tmp_path, "cv.docx", ["Ngozi Okafor", "Okafor Associates Limited hired me.",
                                                "Ngozi Lead on the Walsall bid."], settings)
    assert "Associates Limited" in text and "Lead" in text


@pytest.mark.parametrize("lines", [
    ["SURNAME: O'NEILL    FORENAMES: Aoife Máire", "Aoife led the library refurbishment."],
    ["Name: Ng, Wai Kit", "Wai Kit built dashboards in Power BI."],
])
def test_form_rows_laid_out_with_spaces_and_surname_first_names(lines, settings):
    from blindrec.detect.names import CANDIDATE, NameVocabulary, gather_people
    from blindrec.model import Block, Document

    vocab = NameVocabulary.from_rules(settings.name_signals, settings.ner_names)
    document = Document(Path("form.docx"), "form.docx", tuple(Block("paragraph", line) for line in lines))
    sightings = gather_people(document, "\n".join(lines), [], vocab, frozenset())
    words = {w for s in sightings if s.role == CANDIDATE and s.signal == "form label" for w in s.words}
    assert words >= ({"O'NEILL", "Aoife", "Máire"} if "O'NEILL" in lines[0] else {"Ng", "Wai", "Kit"})


@pytest.mark.parametrize("title, words", [
    ("CV of Jane Okafor", ("Jane", "Okafor")), ("Jane Okafor CV", ("Jane", "Okafor")),
    ("Curriculum Vitae - Adebayo Ogundimu", ("Adebayo", "Ogundimu")),
    ("Equal Opportunities Form", None), ("Person Specification", None), ("Tenancy Sustainment Officer", None),
])
def test_the_document_title_gives_a_name_but_not_ordinary_words(title, words, settings):
    from blindrec.detect.engine import dictionary_words
    from blindrec.detect.names import NameVocabulary, _from_metadata

    vocab = NameVocabulary.from_rules(settings.name_signals, settings.ner_names)
    found = [s.words for s in _from_metadata({"title": title}, vocab, dictionary_words(settings))]
    assert found == ([words] if words else [])


def test_irish_particles_go_with_the_name(settings):
    text = "Candidate: Tadhg Ó Súilleabháin. Áine Ní Bhriain was my referee. Tadhg Ó Súilleabháin, 4 May."
    redacted = _redact(text, settings, known_names={"CANDIDATE": ["Tadhg", "Súilleabháin"]})
    assert " Ó " not in redacted and "Súilleabháin" not in redacted


def test_a_surname_that_is_a_particle_elsewhere_is_still_a_surname(settings):
    text = "APPLICATION FORM\nSurname: LÊ\nForename(s): Jane\nMs Lê supervises two students."
    redacted = _redact(text, settings)
    assert "LÊ" not in redacted and "Lê" not in redacted and "Jane" not in redacted


def test_a_bare_reference_label_is_the_posts_reference_not_a_referee(settings):
    from blindrec.detect.names import REFEREE, NameVocabulary, gather_people
    from blindrec.model import Block, Document

    vocab = NameVocabulary.from_rules(settings.name_signals, settings.ner_names)
    lines = ["Post applied for: Housing Officer    Reference: HSG/2603/46",
             "Reference 1: Mrs Gwendolyn Pryce-Jones, Housing Manager"]
    document = Document(Path("form.docx"), "form.docx", tuple(Block("paragraph", line) for line in lines))
    referees = [s.words for s in gather_people(document, "\n".join(lines), [], vocab, frozenset())
                if s.role == REFEREE]
    assert referees == [("Gwendolyn", "Pryce-Jones")]
