"""How an identifier is recognised in panel text: one matcher per identifier category.

The scorer is deliberately lenient towards the output (accents, case, spacing and
punctuation variations still count as the identifier) because a reader would still
recognise the person.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# Letters NFKD does not decompose.
_SPECIAL_LETTERS = str.maketrans({
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ı": "i", "ħ": "h", "Ħ": "H",
    "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u00a0": " ",
})
# A name word is whole when no letter touches it (digits, "_", "." and "'s" are boundaries).
_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def fold(text: str) -> str:
    """Text with accents removed and typographic apostrophes/dashes made plain; case is kept."""
    text = text.translate(_SPECIAL_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def squash(text: str) -> str:
    """Folded, lower-cased text with runs of whitespace made single spaces (for phrase matching)."""
    return re.sub(r"\s+", " ", fold(text)).lower()


def word_pattern(word: str) -> re.Pattern[str]:
    """A case-insensitive whole-word pattern for a folded name word."""
    return re.compile(_NOT_LETTER_BEFORE + re.escape(fold(word)) + _NOT_LETTER_AFTER, re.IGNORECASE)


def name_word_found(word: str, folded_text: str, capitalised_only: bool = False) -> bool:
    """Whether a name word occurs in folded text; for hard names only as Capitalised or CAPS."""
    for match in word_pattern(word).finditer(folded_text):
        if not capitalised_only or match.group(0)[0].isupper():
            return True
    return False


def unspaced(text: str) -> str:
    """Squashed text with no whitespace at all (PDF extraction breaks long words at line ends)."""
    return re.sub(r"\s+", "", squash(text))


def email_found(email: str, nospace: str) -> bool:
    """Whether an email address occurs (case-insensitive, even if a line break splits it)."""
    return unspaced(email) in nospace


def phone_digits(phone: str) -> str:
    """The last ten digits of a phone number: the part every UK format shares."""
    return re.sub(r"\D", "", phone)[-10:]


_PHONE_RUN = re.compile(r"[+(]?\d[\d\s().\-/]{6,}\d")


def phone_found(phone: str, text: str) -> bool:
    """Whether a phone number's last ten digits occur in any run of digits and separators."""
    target = phone_digits(phone)
    return any(target in re.sub(r"\D", "", run.group(0)) for run in _PHONE_RUN.finditer(text))


def _spaced_pattern(chars: str) -> re.Pattern[str]:
    """A pattern for a code whose characters may be separated by spaces."""
    body = r"\s*".join(re.escape(c) for c in chars)
    return re.compile(r"(?<![a-z0-9])" + body + r"(?![a-z0-9])", re.IGNORECASE)


def postcode_found(postcode: str, text: str) -> bool:
    """Whether a postcode occurs with or without its space."""
    compact = re.sub(r"\s", "", postcode).lower()
    outward, inward = compact[:-3], compact[-3:]
    return re.search(r"(?<![a-z0-9])" + re.escape(outward) + r"\s*" + re.escape(inward) + r"(?![a-z0-9])",
                     text, re.IGNORECASE) is not None


def ni_found(ni_number: str, text: str) -> bool:
    """Whether a National Insurance number occurs, ignoring spaces."""
    return _spaced_pattern(re.sub(r"\s", "", ni_number).lower()).search(text) is not None


def _ordinal(day: int) -> str:
    """1 -> 1st, 22 -> 22nd."""
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def dob_patterns(iso: str) -> list[re.Pattern[str]]:
    """Patterns for a date of birth in the common UK, US-long and ISO spellings."""
    born = date.fromisoformat(iso)
    d, m, y = born.day, born.month, born.year
    month, mon = MONTHS[m - 1], MONTHS[m - 1][:3]
    numeric = []
    for dd in {f"{d:02d}", str(d)}:
        for mm in {f"{m:02d}", str(m)}:
            for yy in (str(y), f"{y % 100:02d}"):
                numeric.append(rf"{dd}\s*[/.\-]\s*{mm}\s*[/.\-]\s*{yy}")
    written_day = rf"(?:0?{d}|{_ordinal(d)})"
    written_month = rf"(?:{month}|{mon}\.?)"
    texts = numeric + [
        rf"{y}\s*[-/.]\s*{m:02d}\s*[-/.]\s*{d:02d}",
        rf"{written_day}(?:\s+of)?[\s\-]+{written_month},?[\s\-]+{y}",
        rf"{written_month}\s+{written_day},?\s+{y}",
    ]
    return [re.compile(r"(?<!\d)" + t + r"(?!\d)", re.IGNORECASE) for t in texts]


def dob_found(iso: str, text: str) -> bool:
    """Whether a date of birth (ISO in truth) occurs in any common format."""
    return any(p.search(text) for p in dob_patterns(iso))


def bare_url(url: str) -> str:
    """A URL without scheme, "www." and trailing slash, lower-cased."""
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip().lower()).rstrip("/")


def url_found(url: str, nospace: str) -> bool:
    """Whether a URL (ignoring scheme and www.) occurs, even if a line break splits it."""
    return unspaced(bare_url(url)) in nospace


def street_name(street_line: str) -> str:
    """The street of a street line, without flat and house number ("Flat 2, 14a Mill Lane" -> "Mill Lane")."""
    line = re.sub(r"^\s*(?:flat|apartment|unit)\s+\w+\s*,?\s*", "", street_line, flags=re.IGNORECASE)
    return re.sub(r"^\s*\d+[a-z]?\s*,?\s*", "", line, flags=re.IGNORECASE).strip()


def street_found(street_line: str, squashed: str) -> bool:
    """Whether the street of a street line occurs (the house number alone is not enough to find anyone)."""
    street = squash(street_name(street_line))
    return re.search(r"(?<![a-z0-9])" + re.escape(street) + r"(?![a-z0-9])", squashed) is not None


def phrase_found(phrase: str, squashed: str, nospace: str) -> bool:
    """Whether a keep phrase survives (case-, accent- and spacing-insensitive; PDFs may drop spaces)."""
    return squash(phrase) in squashed or unspaced(phrase) in nospace
