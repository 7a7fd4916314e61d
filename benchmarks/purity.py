"""Checks that no name word ever appears in the corpus's ordinary text.

The ordinary text is every string literal in phrasebook.py and layouts.py (docstrings
aside), so a new template cannot slip a name word in unnoticed.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

from benchmarks import phrasebook
from benchmarks.matching import fold
from benchmarks.names import GROUPS_BY_KEY, all_name_words

_ORDINARY_MODULES = ("phrasebook.py", "layouts.py")
_HERE = Path(__file__).resolve().parent


def _docstring_nodes(tree: ast.AST) -> set[int]:
    """ids of the docstring constants of a module, its classes and functions."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


@lru_cache(maxsize=1)
def ordinary_literals() -> tuple[str, ...]:
    """Every string literal of the ordinary-text modules, with {placeholders} removed."""
    texts = []
    for module in _ORDINARY_MODULES:
        tree = ast.parse((_HERE / module).read_text(encoding="utf-8"))
        skip = _docstring_nodes(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                texts.append(re.sub(r"\{[^{}]*\}", " ", node.value))
    return tuple(texts)


@lru_cache(maxsize=1)
def ordinary_vocabulary() -> frozenset[str]:
    """The folded, lower-cased words of the ordinary text."""
    words = set()
    for text in ordinary_literals():
        words.update(w.lower() for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", fold(text)))
    return frozenset(words)


def _headings() -> tuple[str, ...]:
    """Texts that may be shown in capitals (so even lower-case hard words are not allowed)."""
    texts = list(phrasebook.FORM_TITLE)
    for group in (phrasebook.CV_HEADINGS, phrasebook.FORM_SECTIONS, phrasebook.FORM_LABELS):
        for values in group.values():
            texts.extend(values)
    return tuple(texts)


def _words_as_written(texts: list[str]) -> dict[str, set[str]]:
    """Folded lower-case word -> the spellings it has in the texts (apostrophe names kept whole too)."""
    found: dict[str, set[str]] = {}
    for text in texts:
        for word in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)*", fold(text)):
            parts = word.split("'")
            for piece in {*parts, *("'".join(parts[:i]) for i in range(2, len(parts) + 1))}:
                if piece:
                    found.setdefault(piece.lower(), set()).add(piece)
    return found


def name_word_problems() -> list[str]:
    """Every name word that occurs in ordinary text (empty when the corpus is sound)."""
    problems = []
    literals = _words_as_written([fold(t) for t in ordinary_literals()])
    headings = _words_as_written([fold(t) for t in _headings()])
    for group_key, words in all_name_words().items():
        capitalised_only = GROUPS_BY_KEY[group_key].case_sensitive_leaks
        for word in sorted(words):
            key = fold(word).lower()
            spellings = literals.get(key, set())
            if any(s[0].isupper() or not capitalised_only for s in spellings):
                problems.append(f"{group_key} name word {word!r} in ordinary text as {sorted(spellings)}")
            if key in headings:
                problems.append(f"{group_key} name word {word!r} in a heading")
    return problems


@lru_cache(maxsize=1)
def _reserved_words() -> frozenset[str]:
    """Words a made-up person name (referee, addressee) must avoid: candidate name words and ordinary words."""
    words = set(ordinary_vocabulary())
    for group_words in all_name_words().values():
        words.update(fold(w).lower() for w in group_words)
    return frozenset(words)


def usable_other_name(name: str) -> bool:
    """Whether a non-candidate person name (e.g. a referee from Faker) keeps the name-word rule."""
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", fold(name))
    return bool(words) and all(w.lower() not in _reserved_words() for w in words)
