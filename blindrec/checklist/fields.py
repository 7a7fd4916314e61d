"""Field readers shared by the panel and policy loaders: each names the file and field when it refuses."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Mapping

import yaml

from blindrec.checklist.errors import ChecklistInputError

MISSING = object()


def read_yaml_mapping(path: Path, what: str) -> Mapping[str, Any]:
    """The top-level mapping of a YAML file, or a ChecklistInputError saying why it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ChecklistInputError(f"{path}: no such {what} file; check the path.") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ChecklistInputError(f"{path}: cannot read the {what} file ({error}); save it as UTF-8 text.") from error
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" near line {where.line + 1}" if where is not None else ""
        raise ChecklistInputError(f"{path}: the {what} file is not valid YAML{line}; check its indentation and colons.") from error
    except ValueError as error:  # YAML reads 2027-13-03 as a date and the calendar refuses it
        raise ChecklistInputError(f"{path}: {_impossible_date(text)}is not a real date ({error}); "
                                  f"write dates as YYYY-MM-DD.") from error
    if not isinstance(data, dict):
        raise ChecklistInputError(f"{path}: the {what} file must be a YAML mapping of fields (name: value); see examples/.")
    return data


def _impossible_date(text: str) -> str:
    """'line N: 2027-13-03 ' for the first YYYY-MM-DD in the text that no calendar has, else ''."""
    import re

    for number, line in enumerate(text.splitlines(), start=1):
        for found in re.finditer(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", line):
            try:
                date(*(int(part) for part in found.groups()))
            except ValueError:
                return f"line {number}: {found.group(0)} "
    return ""


class Fields:
    """Reads typed fields out of one mapping, naming `source` and the dotted field path on any error."""

    def __init__(self, source: str, data: Any, prefix: str = "") -> None:
        if not isinstance(data, dict):
            raise ChecklistInputError(f"{source}: field '{prefix or 'top level'}' must be a mapping of fields (name: value).")
        self.source = source
        self.data = data
        self.prefix = prefix

    def name(self, key: str) -> str:
        """The dotted path of a field, as users see it in the file."""
        return f"{self.prefix}.{key}" if self.prefix else key

    def fail(self, key: str, problem: str) -> ChecklistInputError:
        """An error naming this file and field; `problem` finishes the sentence and says what to do."""
        return ChecklistInputError(f"{self.source}: field '{self.name(key)}' {problem}")

    def reject_unknown(self, known: set[str]) -> None:
        """Refuse misspelt fields, which would otherwise be silently ignored."""
        for key in self.data:
            if key not in known:
                raise self.fail(str(key), f"is not a known field; check the spelling (known fields: {', '.join(sorted(known))}).")

    def _absent(self, key: str, default: Any) -> bool:
        """Whether an optional field is left out or left blank, so its default applies."""
        return key not in self.data or (self.data[key] is None and default is not MISSING)

    def raw(self, key: str, default: Any = MISSING) -> Any:
        """The field's value as written, or `default`; with no default a missing field is an error."""
        if key not in self.data:
            if default is MISSING:
                raise self.fail(key, "is missing; add it.")
            return default
        return self.data[key]

    def text(self, key: str, default: Any = MISSING) -> Any:
        """A non-empty string field."""
        if self._absent(key, default):
            return self.raw(key, default) if key not in self.data else default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)) or not str(value).strip():
            raise self.fail(key, "must be a non-empty piece of text.")
        return str(value).strip()

    def flag(self, key: str, default: Any = MISSING) -> Any:
        """A yes/no field (true or false in YAML)."""
        if self._absent(key, default):
            return self.raw(key, default) if key not in self.data else default
        value = self.data[key]
        if not isinstance(value, bool):
            raise self.fail(key, "must be true or false.")
        return value

    def whole_number(self, key: str, minimum: int, default: Any = MISSING) -> Any:
        """An integer field no smaller than `minimum`."""
        if self._absent(key, default):
            return self.raw(key, default) if key not in self.data else default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(key, f"must be a whole number of at least {minimum}.")
        return value

    def day(self, key: str, not_after: date | None = None, allow_none: bool = False) -> date | None:
        """A required calendar date (YYYY-MM-DD), refused if later than `not_after`; None only if allowed."""
        value = self.raw(key)
        if value is None:
            if allow_none:
                return None
            raise self.fail(key, "is empty; give a date as YYYY-MM-DD.")
        day = as_date(value)
        if day is None:
            raise self.fail(key, f"is '{value}', which is not a date; write it as YYYY-MM-DD.")
        if not_after is not None and day > not_after:
            raise self.fail(key, f"is {day.isoformat()}, which is in the future; give the date it actually happened.")
        return day

    def moment(self, key: str, not_after: date | None = None) -> datetime | None:
        """An optional date or date-and-time, as a naive UTC datetime, refused if later than `not_after`."""
        value = self.raw(key, None)
        if value is None:
            return None
        moment = as_moment(value)
        if moment is None:
            raise self.fail(key, f"is '{value}', which is not a date; write it as YYYY-MM-DD or YYYY-MM-DD HH:MM.")
        if not_after is not None and moment.date() > not_after:
            raise self.fail(key, f"is {moment.date().isoformat()}, which is in the future; give when it actually happened.")
        return moment

    def child(self, key: str, default: Any = MISSING) -> Any:
        """The nested mapping under `key`, as Fields, or `default` when it is absent."""
        if self._absent(key, default):
            return self.raw(key, default) if key not in self.data else default
        return Fields(self.source, self.data[key], self.name(key))


def as_date(value: Any) -> date | None:
    """A date from a YAML date, datetime or ISO string; None when it is none of these."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def as_moment(value: Any) -> datetime | None:
    """A naive UTC datetime from a YAML date, datetime or ISO string; None when it is none of these."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            return None
    else:
        return None
    # Mixed aware and naive times cannot be compared, so everything becomes naive UTC.
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone.utc).replace(tzinfo=None)
    return moment
