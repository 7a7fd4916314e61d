"""How big an input may be before blindrec refuses it: zip bombs and huge files must not eat the machine.

The limits live in the rules file (``limits:`` in rules/default.yaml); a council with a
genuinely large application raises one with ``--rules``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Mapping

_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Upper bounds on one input document; the defaults match rules/default.yaml."""

    zip_entry_bytes: int = 64 * _MB  # one part of a DOCX, uncompressed
    zip_total_bytes: int = 256 * _MB  # every part of a DOCX together, uncompressed
    zip_ratio: int = 200  # uncompressed / compressed size of a part bigger than 1 MB
    pages: int = 300  # pages of a PDF
    characters: int = 300_000  # extracted text (detection needs about 1 GB per 100,000)


def limits_from_rules(rules: Mapping[str, Any] | None) -> Limits:
    """Limits from a rules file's ``limits:`` mapping; ValueError names a bad key or value."""
    if not rules:
        return Limits()
    if not isinstance(rules, Mapping):
        raise ValueError("'limits' must be a mapping such as {pages: 300}")
    known = {f.name for f in fields(Limits)}
    unknown = sorted(set(map(str, rules)) - known)
    if unknown:
        raise ValueError(f"unknown key(s) under 'limits': {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    values = {}
    for key, value in rules.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"'limits.{key}' must be a whole number of at least 1, not {value!r}")
        values[key] = value
    return Limits(**values)


def over_limit(what: str, found: int, key: str, limit: int, unit: str = "") -> str:
    """The one-sentence reason for a document over a limit, naming the limit and how to raise it."""
    return (f"{what} is {found:,}{unit}, over the limit of {limit:,}{unit} (limits.{key} in the rules); "
            f"handle it manually, or if the file is genuine raise limits.{key} with --rules and run again")
