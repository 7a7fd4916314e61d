"""Presidio set-up from the rules: one analyzer per process, built on first use, offline."""

from __future__ import annotations

import logging
import warnings
from functools import lru_cache
from typing import Any

from blindrec.settings import Settings


class ModelError(Exception):
    """The configured spaCy model is not installed; blindrec never downloads one."""


def analyze(text: str, settings: Settings) -> list[Any]:
    """Presidio results for the rules' entities, each above its own threshold."""
    engine = _engine(settings.nlp_model, _recognizers_key(settings))
    floor = min([settings.score_threshold, *settings.entity_thresholds.values()])
    results = engine.analyze(text=text, language="en", entities=list(settings.entities),
                             score_threshold=floor)
    return [r for r in results
            if r.score >= settings.entity_thresholds.get(r.entity_type, settings.score_threshold)]


def spacy_doc(text: str, settings: Settings):
    """The spaCy parse of a text, from the engine's own pipeline (no second model load)."""
    engine = _engine(settings.nlp_model, _recognizers_key(settings))
    return engine.nlp_engine.get_nlp("en")(text)


def dictionary_words(settings: Settings) -> frozenset[str]:
    """Ordinary English words known to the model's lemmatizer (empty if it has none)."""
    return _dictionary_words(settings.nlp_model, _recognizers_key(settings))


@lru_cache(maxsize=2)
def _dictionary_words(model: str, recognizers_json: str) -> frozenset[str]:
    nlp = _engine(model, recognizers_json).nlp_engine.get_nlp("en")
    try:
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, AttributeError, ValueError):
        return frozenset()
    return frozenset(word for pos in index for word in index[pos] if word.isalpha())


_KEYS: dict[int, tuple[Settings, str]] = {}


def _recognizers_key(settings: Settings) -> str:
    """The recognizers as JSON: hashable for lru_cache, computed once per Settings object."""
    import json

    cached = _KEYS.get(id(settings))
    if cached is None or cached[0] is not settings:
        cached = (settings, json.dumps(list(settings.recognizers), sort_keys=True, default=str))
        _KEYS[id(settings)] = cached
    return cached[1]


@lru_cache(maxsize=2)
def _engine(model: str, recognizers_json: str):
    import json

    import spacy
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.recognizer_registry import RecognizerRegistryProvider

    # Presidio downloads a model it cannot find; refuse instead, before it tries.
    if not (spacy.util.is_package(model) or _is_model_path(model)):
        raise ModelError(f"the spaCy model '{model}' is not installed; install it with pip "
                         f"or name an installed model under 'nlp: model:' in your rules")
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    nlp_engine = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": model}],
        # Presidio's default maps NER labels to its entities; keep only what we use.
        "ner_model_configuration": {
            "model_to_presidio_entity_mapping": {"PERSON": "PERSON", "PER": "PERSON", "NORP": "NRP"},
            "labels_to_ignore": ["CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "DATE", "TIME",
                                 "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
                                 "LANGUAGE"],
        },
    }).create_engine()
    _disable_unused_components(nlp_engine.get_nlp("en"))
    registry = RecognizerRegistryProvider(registry_configuration={
        "supported_languages": ["en"],
        "global_regex_flags": 8,  # re.MULTILINE; patterns that want IGNORECASE say (?i)
        "recognizers": [_registry_entry(r) for r in json.loads(recognizers_json)],
    }, nlp_engine=nlp_engine).create_recognizer_registry()
    return AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["en"])


# Components whose output nothing reads: blindrec and Presidio use the entities, and the
# lemmas only for context words, where the lemmatizer's fallback (the lower-cased word,
# when no tagger gives a part of speech) serves as well. They were half of the model's time.
_UNUSED_COMPONENTS = ("tagger", "parser", "morphologizer", "senter")


def _disable_unused_components(nlp) -> None:
    """Switch off unused components, and a shared tok2vec once nothing left listens to it."""
    unused = [name for name in _UNUSED_COMPONENTS if name in nlp.pipe_names]
    for name in nlp.pipe_names:
        listeners = getattr(nlp.get_pipe(name), "listening_components", None)
        if name in ("tok2vec", "transformer") and listeners is not None and set(listeners) <= set(unused):
            unused.append(name)
    nlp.select_pipes(disable=unused)
    # Without a tagger the lemmatizer warns on every text that it fell back to the word itself,
    # which is what blindrec wants here.
    warnings.filterwarnings("ignore", message=r"\[W108\]")


def _registry_entry(recognizer: dict) -> dict:
    entry = dict(recognizer)
    entry.setdefault("supported_language", "en") if entry.get("type") == "custom" else None
    if entry.get("type") == "predefined":
        entry.setdefault("supported_languages", ["en"])
    return entry


def _is_model_path(model: str) -> bool:
    from pathlib import Path

    return Path(model).is_dir()
