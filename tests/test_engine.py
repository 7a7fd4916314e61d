"""The Presidio engine runs only the spaCy components whose output blindrec reads."""

from __future__ import annotations

from blindrec.detect.engine import _engine, _recognizers_key, analyze, dictionary_words
from blindrec.settings import load_settings


def _nlp():
    settings = load_settings()
    return _engine(settings.nlp_model, _recognizers_key(settings)).nlp_engine.get_nlp("en")


def test_unused_components_are_switched_off_and_ner_stays_on():
    nlp = _nlp()
    assert "ner" in nlp.pipe_names
    assert {"tagger", "parser"} <= set(nlp.disabled)
    # The small model's NER has its own embedding layer: the shared tok2vec fed only tagger/parser.
    assert "tok2vec" in nlp.disabled


def test_the_lemma_dictionary_still_loads_from_the_disabled_pipeline():
    assert {"opportunity", "recruit", "housing"} <= dictionary_words(load_settings())


def test_context_words_still_raise_a_score_without_the_tagger():
    settings = load_settings()
    scores = [r.score for r in analyze("Date of birth: 03/04/1990", settings) if r.entity_type == "DATE_OF_BIRTH"]
    # 0.6 is the pattern's own score; the context word "birth" lifts it (0.95 with lemmas, 0.6 without).
    assert scores and max(scores) > 0.9


def test_other_peoples_dictionary_words_are_not_recorded_for_verify_but_the_candidates_are():
    from blindrec.detect import _identifiers
    from blindrec.detect.names import CANDIDATE, PERSON
    from blindrec.detect.propagate import Person

    people = [Person(PERSON, 1, frozenset({"agresso", "business"})), Person(CANDIDATE, 1, frozenset({"hope", "banks"}))]
    found = _identifiers("", [], people, dictionary=frozenset({"business", "hope", "banks"}))
    # "Business" stays in "Finance Business Partner": recorded, verify would call it a leak.
    assert found["PERSON_NAME"] == ("agresso",)
    assert found["CANDIDATE_NAME"] == ("banks", "hope")

