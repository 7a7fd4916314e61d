"""Column maps: which column of an ATS export is the reference, a name, monitoring data, free text.

A map comes from a YAML file (``--columns FILE``) or is guessed from the headers with the
synonyms in rules/columns/default.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

import yaml

from blindrec.detect.fold import fold_key

NAME_ROLES = ("first_name", "middle_name", "last_name", "full_name", "preferred_name")
# Roles whose values are identifiers of the row's applicant, with the entity they are redacted as.
VALUE_ROLES = {"email": "EMAIL_ADDRESS", "phone": "PHONE_NUMBER", "address": "STREET_ADDRESS",
               "postcode": "UK_POSTCODE", "date_of_birth": "DATE_OF_BIRTH", "ni_number": "UK_NINO",
               "url": "URL"}
PANEL_ROLES = ("free_text", "pass_through")
ROLES = ("reference", *NAME_ROLES, *VALUE_ROLES, "referee", "identifying", "drop", "monitoring", *PANEL_ROLES)
# What each role means, for the messages that say what was guessed.
_FATES = {"reference": "reference", "monitoring": "HR only (monitoring)", "free_text": "anonymised",
          "pass_through": "kept as is", "drop": "dropped (not needed)"}
_DROPPED = "dropped (identifying)"


class ColumnMapError(Exception):
    """A column map file that cannot be used; the message names the file and what to fix."""


class ColumnError(Exception):
    """An export whose columns do not fit the map; the message names the columns."""


@dataclass(frozen=True)
class Guesses:
    """Header synonyms per role (rules/columns/default.yaml) and monitoring answers to ignore."""

    exact: tuple[tuple[str, frozenset[str]], ...]
    contains: tuple[tuple[str, tuple[re.Pattern, ...]], ...]
    generic_answers: frozenset[str]


@dataclass(frozen=True)
class ColumnPlan:
    """The role of every column of one export, in column order."""

    headers: tuple[str, ...]
    roles: tuple[str, ...]

    def columns(self, *roles: str) -> tuple[int, ...]:
        """Indices of the columns with any of these roles."""
        return tuple(i for i, role in enumerate(self.roles) if role in roles)

    @property
    def panel_headers(self) -> tuple[str, ...]:
        """Headers of the columns the panel sees, in export order."""
        return tuple(self.headers[i] for i in self.columns(*PANEL_ROLES))

    @property
    def monitoring_headers(self) -> tuple[str, ...]:
        """Headers of the monitoring columns, in export order."""
        return tuple(self.headers[i] for i in self.columns("monitoring"))


def header_key(header: str) -> str:
    """A header folded for comparison: "First_Name", "firstName" and "FIRST NAME" give "first name"."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", header)
    return " ".join(re.findall(r"[a-z0-9]+", fold_key(spaced)))


def load_guesses(path: Path) -> Guesses:
    """The shipped header synonyms."""
    rules = _read_yaml(path)
    roles = rules.get("roles") or {}
    unknown = [r for r in roles if r not in ROLES]
    if unknown:
        raise ColumnMapError(f"{path}: unknown role(s) {', '.join(map(str, unknown))}; use {', '.join(ROLES)}.")
    exact = tuple((role, frozenset(header_key(str(h)) for h in (spec or {}).get("exact") or ()))
                  for role, spec in roles.items())
    contains = tuple((role, tuple(_word_pattern(str(w)) for w in (spec or {}).get("contains") or ()))
                     for role, spec in roles.items())
    generic = frozenset(fold_key(str(a)).strip() for a in rules.get("generic_answers") or ())
    return Guesses(exact, contains, generic)


def _word_pattern(phrase: str) -> re.Pattern:
    # "disab*" lets the last word run on; otherwise the phrase must be whole words.
    stem = phrase.endswith("*")
    body = re.escape(header_key(phrase.rstrip("*")))
    return re.compile(r"(?<![a-z0-9])" + body + ("" if stem else r"(?![a-z0-9])"))


def load_column_map(path: Path) -> dict[str, tuple[str, ...]]:
    """A user's column map: role to the column headers it covers."""
    rules = _read_yaml(path)
    column_map: dict[str, tuple[str, ...]] = {}
    seen: dict[str, str] = {}
    for role, value in rules.items():
        if role in ("description", "name"):
            continue
        if role not in ROLES:
            raise ColumnMapError(f"{path}: '{role}' is not a column role; use {', '.join(ROLES)}.")
        headers = (value,) if isinstance(value, str) else value
        if not isinstance(headers, (list, tuple)) or not all(isinstance(h, str) for h in headers):
            raise ColumnMapError(f"{path}: '{role}' must be a column header or a list of headers.")
        for header in headers:
            if header_key(header) in seen:
                raise ColumnMapError(f"{path}: column '{header}' is under both '{seen[header_key(header)]}' "
                                     f"and '{role}'; give it one role.")
            seen[header_key(header)] = role
        column_map[role] = tuple(headers)
    if len(column_map.get("reference", ())) > 1:
        raise ColumnMapError(f"{path}: 'reference' must name one column.")
    return column_map


def _read_yaml(path: Path) -> Mapping[str, Any]:
    try:
        parsed = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise ColumnMapError(f"{path}: cannot read the column map ({error.strerror}).") from error
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ColumnMapError(f"{path}: not valid YAML{where}; fix the column map (quote headers holding "
                             f"? : # or commas) and run again.") from error
    if not isinstance(parsed, Mapping):
        raise ColumnMapError(f"{path}: a column map must be a YAML mapping (role: column).")
    return parsed


def guess_role(header: str, guesses: Guesses) -> str | None:
    """The role a header's words suggest, or None."""
    key = header_key(header)
    for role, synonyms in guesses.exact:
        if key in synonyms:
            return role
    for role, patterns in guesses.contains:
        if any(p.search(key) for p in patterns):
            return role
    return None


def plan_columns(source: str, headers: Sequence[str], column_map: Mapping[str, Sequence[str]] | None,
                 guesses: Guesses, allow_unknown: bool) -> tuple[ColumnPlan, list[str]]:
    """Every column's role and the warnings to show; ColumnError when columns are missing or unknown."""
    blank = {i for i, h in enumerate(headers) if not h.strip()}
    headers = tuple(h.strip() or f"column {i + 1}" for i, h in enumerate(headers))
    if column_map is None:
        roles = [guess_role(h, guesses) for h in headers]
    else:
        roles = _mapped_roles(source, headers, column_map)
    roles = ["drop" if i in blank and role is None else role for i, role in enumerate(roles)]
    unknown = [i for i, role in enumerate(roles) if role is None]
    if unknown and not allow_unknown:
        raise ColumnError(
            f"{source}: {len(unknown)} column(s) are not in the column map: "
            f"{_quoted([headers[i] for i in unknown])}; name them "
            f"in a --columns map (see rules/columns/example-ats.yaml) or pass --allow-unknown-columns to "
            f"anonymise them as free text. Nothing from this export reached the panel.")
    warnings = []
    for i in unknown:
        # A column the map forgot still goes where its header says, when that keeps it from the panel.
        guess = guess_role(headers[i], guesses)
        if guess == "reference" and "reference" in roles:
            guess = "identifying"  # a second applicant number: one reference keys the row
        elif guess is None and (_NUMBER_HEADER.search(header_key(headers[i])) or "#" in headers[i]):
            guess = "identifying"  # "Cand. #", "ATS code": a code's value would link the row to the ATS
        roles[i] = "free_text" if guess in (None, *PANEL_ROLES) else guess
    if unknown:
        warnings.append(f"{source}: column(s) not in the column map, allowed by --allow-unknown-columns: "
                        + "; ".join(f"'{headers[i]}' {_fate(roles[i])}" for i in unknown))
    if blank:
        warnings.append(f"{source}: column(s) without a header were dropped: "
                        + ", ".join(str(i + 1) for i in sorted(blank)))
    plan = ColumnPlan(headers, tuple(roles))
    if column_map is None:
        warnings.append(f"{source}: no --columns map given; columns guessed from their headers: "
                        + describe_plan(plan) + ". Check this, and pass --columns FILE to change it.")
    warnings += _plan_warnings(source, plan, guesses)
    return plan, warnings


# Header words of a column that holds a code rather than prose.
_NUMBER_HEADER = re.compile(r"(?<![a-z0-9])(?:no|number|num|id|ref|reference|code|urn|key)(?![a-z0-9])")


def _mapped_roles(source: str, headers: tuple[str, ...], column_map: Mapping[str, Sequence[str]]) -> list:
    by_key: dict[str, list[int]] = {}
    for i, header in enumerate(headers):
        by_key.setdefault(header_key(header), []).append(i)
    roles: list[str | None] = [None] * len(headers)
    missing = []
    for role, names in column_map.items():
        for name in names:
            found = by_key.get(header_key(name))
            if not found:
                missing.append(name)
            for i in found or ():
                roles[i] = role
    if missing:
        raise ColumnError(f"{source}: the column map names column(s) the export does not have: "
                          f"{_quoted(missing)} (its columns are {_quoted(headers)}); fix the map or the "
                          f"export and run again. Nothing from this export reached the panel.")
    return roles


def _plan_warnings(source: str, plan: ColumnPlan, guesses: Guesses) -> list[str]:
    warnings = []
    if not plan.columns("reference"):
        warnings.append(f"{source}: no applicant reference column; hr/key.csv names rows by number "
                        f"(row-1, row-2, ...).")
    if not plan.columns(*NAME_ROLES):
        warnings.append(f"{source}: no name column; applicants' names are only found by detection in the "
                        f"free text. Check the panel file by hand.")
    risky = [plan.headers[i] for i in plan.columns(*PANEL_ROLES)
             if guess_role(plan.headers[i], guesses) not in (None, *PANEL_ROLES)]
    if risky:
        warnings.append(f"{source}: column(s) the map sends to the panel look identifying or like monitoring "
                        f"data: {_quoted(risky)}; check the column map.")
    if not plan.columns(*PANEL_ROLES):
        warnings.append(f"{source}: no column reaches the panel; the panel file holds candidate IDs only.")
    return warnings


def describe_plan(plan: ColumnPlan) -> str:
    """What happens to each column, grouped: "reference applicant_ref; anonymised statement; ..."."""
    groups: dict[str, list[str]] = {}
    for header, role in zip(plan.headers, plan.roles):
        groups.setdefault(_fate(role), []).append(header)
    return "; ".join(f"{fate} {', '.join(headers)}" for fate, headers in groups.items())


def _fate(role: str) -> str:
    return _FATES.get(role, _DROPPED)


def _quoted(headers: Sequence[str]) -> str:
    return ", ".join(f"'{h}'" for h in headers)
