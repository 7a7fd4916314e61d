"""Re-read everything under panel/ and look for every identifier found in the sources."""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from blindrec.detect.fold import fold

_NAME_KINDS = ("CANDIDATE_NAME", "REFEREE_NAME", "PERSON_NAME")
_CHECKED_KINDS = _NAME_KINDS + ("EMAIL_ADDRESS", "PHONE_NUMBER", "UK_POSTCODE", "UK_NINO",
                                "DATE_OF_BIRTH", "PROFILE_URL", "URL")


# Parts of a DOCX a reader or a file browser shows; styles and fonts are the template's.
_VISIBLE_PART = re.compile(r"^(word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml"
                           r"|docProps/(core|app|custom)\.xml|.*\.rels)$")


@dataclass(frozen=True)
class Leak:
    """An identifier of a candidate found in a panel file (the value is never kept here)."""

    panel_file: str
    kind: str


def panel_file_text(path: Path) -> str:
    """All text a panel member could see in a file: content, properties and its name."""
    text = path.stem + "\n"
    if path.suffix.lower() == ".docx":
        try:
            with zipfile.ZipFile(path) as package:
                for name in package.namelist():
                    if _VISIBLE_PART.match(name):
                        xml = package.read(name).decode("utf-8", "replace")
                        text += re.sub(r"<[^>]+>", " ", xml) + "\n"
                        text += " ".join(re.findall(r'Target="([^"]+)"', xml)) + "\n"
        except zipfile.BadZipFile:
            text += path.read_bytes().decode("utf-8", "replace")
    else:
        text += path.read_bytes().decode("utf-8", "replace")
    return text


def find_leaks(out_dir: Path) -> list[Leak]:
    """Identifiers of each candidate that appear in their own panel files or in any file name."""
    hr, panel = Path(out_dir) / "hr", Path(out_dir) / "panel"
    try:
        identifiers = json.loads((hr / "identifiers.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    leaks: list[Leak] = []
    files = sorted(p for p in panel.rglob("*") if p.is_file()) if panel.is_dir() else []
    names_text = "\n".join(p.name for p in files)
    for candidate_id, found in identifiers.items():
        own = [p for p in files if p.stem == candidate_id]
        for path in own:
            leaks += [Leak(path.name, kind) for kind in _kinds_present(found, panel_file_text(path))]
        leaks += [Leak("(file names)", kind) for kind in _kinds_present(found, names_text)]
    return sorted(set(leaks), key=lambda leak: (leak.panel_file, leak.kind))


def _kinds_present(found: dict[str, list[str]], text: str) -> list[str]:
    folded = fold(text)
    kinds = []
    for kind in _CHECKED_KINDS:
        if any(_present(kind, value, text, folded) for value in found.get(kind, ())):
            kinds.append(kind)
    return kinds


def _present(kind: str, value: str, text: str, folded: str) -> bool:
    if kind in _NAME_KINDS:
        # Only a capitalised or upper-case occurrence counts: "will" is not "Will".
        pattern = re.compile(r"(?<![\w])" + re.escape(fold(value)) + r"(?![\w])", re.IGNORECASE)
        return any(folded[m.start()].isupper() for m in pattern.finditer(folded)) and len(value) > 1
    if kind == "PHONE_NUMBER":
        digits = re.sub(r"\D", "", value)[-10:]
        return len(digits) >= 9 and digits in re.sub(r"\D", "", text)
    if kind in ("UK_POSTCODE", "UK_NINO"):
        squashed = re.sub(r"\s", "", value).casefold()
        return bool(squashed) and squashed in re.sub(r"\s", "", text).casefold()
    return value.strip().casefold() in text.casefold()
