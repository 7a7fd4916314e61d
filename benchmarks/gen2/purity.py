"""The name-word rule for gen2: no name word occurs in any fixed text of the generator.

Checked on every string literal of the modules that write document text, so a name word in
a panel is always a leak and never a heading, place or employer.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from benchmarks.gen2.people import GROUPS, PARTICLES, REFEREES, SHORT_NAMES, FEMININE_SURNAME
from benchmarks.gen2.person import name_tokens

HERE = Path(__file__).resolve().parent
TEXT_MODULES = ("content.py", "text.py", "docx_layouts.py", "pdf_layouts.py")


def name_words() -> set[str]:
    """Every word any name list can put in a document, lower-cased."""
    words: set[str] = set()
    for group in GROUPS:
        for name in group.female + group.male + group.family:
            words.update(w.lower() for w in name_tokens(name))
    words.update(w.lower() for w in SHORT_NAMES.values())
    words.update(w.lower() for w in FEMININE_SURNAME.values())
    words.update(w.lower() for first, family, _ in REFEREES for w in (first, family))
    words.update({"kaur", "singh"})
    return words - PARTICLES


def _literals(path: Path) -> list[str]:
    """The string literals of a module, docstrings included (cheap and strict)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def violations() -> list[str]:
    """'module: word in "literal"' for every name word found in fixed text."""
    words = name_words()
    found = []
    for module in TEXT_MODULES:
        for literal in _literals(HERE / module):
            if literal.startswith(("{", "<w:", "http://schemas", "urn:", "application/")):
                continue
            for word in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", literal):
                if word.lower() in words:
                    found.append(f"{module}: {word!r} in {literal[:60]!r}")
    return found
