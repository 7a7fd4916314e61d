"""Accent- and apostrophe-folding that keeps every character's position, and the comparison
keys built on it.

Names are matched on folded text so "Renée", "Renee" and "RENÉE" are one name, and the
offsets found there are valid in the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Letters that do not decompose under NFD but that people type without their mark.
_EXTRA = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "s", "ı": "i",
          "æ": "a", "Æ": "A", "œ": "o", "Œ": "O", "þ": "t", "ð": "d", "’": "'", "‘": "'",
          "ʼ": "'", "`": "'", "´": "'", "‐": "-", "‑": "-"}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _EXTRA:
        return _EXTRA[ch]
    base = unicodedata.normalize("NFD", ch)[0]
    return base if len(base) == 1 else ch


def fold(text: str) -> str:
    """The text without accents, with one apostrophe, and exactly as long as before."""
    if text.isascii() and "`" not in text:
        return text
    return "".join(_fold_char(ch) for ch in text)


def fold_key(word: str) -> str:
    """A case- and accent-free key for comparing name words."""
    return fold(word).casefold()


# One word of a name or a place: letters, with inner apostrophes and hyphens ("O'Neil", "Mary-Jane").
WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def phone_key(number: str) -> str:
    """A phone number's last ten digits: "+44 (0)7838 105368" and "07838 105 368" are one number."""
    return re.sub(r"\D", "", number)[-10:]


# The model's dictionary lists lemmas: "Opportunities" and "Recruiting" are known through them.
_INFLECTIONS = (("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"))


def in_dictionary(key: str, dictionary: frozenset[str]) -> bool:
    """Whether a folded, lower-case word or one of its base forms is a dictionary word."""
    stems = [key] + [key[:-len(end)] + add for end, add in _INFLECTIONS if key.endswith(end)]
    return any(stem in dictionary for stem in stems)
