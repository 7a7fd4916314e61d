"""Read an ATS export as a stream of rows: CSV/TSV in any common encoding and delimiter, JSON, JSON Lines.

Nothing here holds more than one row (and a 64 KB sample) in memory; stdin is spooled to a
private temporary file first, because the export is read more than once.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Iterator

_CHUNK = 1 << 20
_SAMPLE = 1 << 16
_DELIMITERS = (",", ";", "\t", "|")
_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}
# A JSON record bigger than this is not an applicant; stop before buffering a whole broken file.
_MAX_RECORD = 16 << 20


class ExportError(Exception):
    """An export that cannot be read; the message names the file and what to do."""


@dataclass(frozen=True)
class ExportFormat:
    """How to read one export: its encoding, kind and delimiter, found by looking at it."""

    path: Path
    source: str
    sha256: str
    encoding: str
    kind: str  # "csv" | "json" | "jsonl"
    delimiter: str = ","
    lines: int = 0  # newlines in the file: an upper bound on its rows
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class RawRow:
    """One applicant's cells as the export gave them, with where the row starts."""

    number: int  # 1-based, header not counted
    line: int  # the line (CSV) or record (JSON) it starts at, for messages
    cells: tuple[str, ...]


def spool_stdin(stream: BinaryIO, scratch: Path) -> Path:
    """Copy standard input to a file in the scratch folder only this user can read, and return its path."""
    descriptor, name = tempfile.mkstemp(prefix="stdin-", suffix=".export", dir=scratch)
    with os.fdopen(descriptor, "wb") as handle:
        shutil.copyfileobj(stream, handle, _CHUNK)
    return Path(name)


def inspect_export(path: Path, source: str) -> ExportFormat:
    """Fingerprint and decode-check an export in one pass, then work out how to parse it."""
    digest, lines, sample, utf8_ok, has_nul = _scan(path, source)
    if not sample.strip():
        raise ExportError(f"{source}: the export is empty; export the applications again.")
    warnings = []
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif has_nul:
        raise ExportError(f"{source}: the file holds NUL bytes, so it is not a text export (perhaps "
                          f"UTF-16 without a byte-order mark, or a spreadsheet); save it as 'CSV UTF-8' "
                          f"and run again.")
    elif utf8_ok:
        encoding = "utf-8-sig"
    else:
        encoding = "cp1252"
        warnings.append(f"{source}: not UTF-8; read as Windows-1252 (the usual Excel export encoding).")
    text = sample.decode(encoding, errors="ignore")
    kind = _kind(source, text.lstrip("\ufeff \t\r\n"))
    delimiter = _delimiter(source, text) if kind == "csv" else ","
    return ExportFormat(path, source, digest, encoding, kind, delimiter, lines, tuple(warnings))


def _scan(path: Path, source: str) -> tuple[str, int, bytes, bool, bool]:
    digest, lines, sample = hashlib.sha256(), 0, b""
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8_ok, has_nul = True, False
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                lines += chunk.count(b"\n")
                has_nul = has_nul or b"\0" in chunk
                if len(sample) < _SAMPLE:
                    sample += chunk[:_SAMPLE - len(sample)]
                if utf8_ok:
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError:
                        utf8_ok = False
        if utf8_ok:
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        utf8_ok = False
    except OSError as error:
        raise ExportError(f"{source}: cannot be read ({error.strerror}); check the file and run again.") from error
    return digest.hexdigest(), lines + 1, sample, utf8_ok, has_nul


def _kind(source: str, start: str) -> str:
    suffix = Path(source).suffix.lower()
    looks_json = start[:1] in ("[", "{")
    if suffix in (".json", ".jsonl") and not looks_json:
        raise ExportError(f"{source}: is not JSON (it should start with [ or {{); export it again as JSON "
                          f"or CSV.")
    if suffix in (".csv", ".tsv") or not looks_json:
        return "csv"
    if suffix == ".jsonl":
        return "jsonl"
    if start[:1] == "[":
        return "json"
    first_line, _, rest = start.partition("\n")
    try:
        first = json.loads(first_line)
    except ValueError:
        return "json"  # one object spread over lines, holding the records
    # A complete object on the first line is a record, unless it alone holds the records.
    return "json" if not rest.strip() and _records_list(first) is not None else "jsonl"


def _delimiter(source: str, sample: str) -> str:
    hint = _sep_hint(sample.split("\n", 1)[0])
    if hint:
        return hint  # Excel's "sep=;" line
    header = _first_record(sample.lstrip("\ufeff"))
    counts = {d: len(next(csv.reader([header], delimiter=d), [])) for d in _DELIMITERS}
    preferred = ("\t",) if source.lower().endswith(".tsv") else ()
    best = max((*preferred, *_DELIMITERS), key=lambda d: counts[d])
    if counts[best] < 2:
        raise ExportError(f"{source}: found no column separator (comma, semicolon, tab or |) in the header "
                          f"row; check the file is a CSV export with a header row.")
    return best


def _first_record(sample: str) -> str:
    # The header row ends at the first newline outside quotes.
    quoted = False
    for i, ch in enumerate(sample):
        if ch == '"':
            quoted = not quoted
        elif ch == "\n" and not quoted:
            return sample[:i].rstrip("\r")
    return sample


def delimiter_name(delimiter: str) -> str:
    """A delimiter as a word for messages."""
    return _NAMES.get(delimiter, repr(delimiter))


def read_header(export: ExportFormat) -> tuple[str, ...]:
    """The export's column headers; for JSON, every key any record has, in first-seen order."""
    if export.kind == "csv":
        for row in _csv_rows(export):
            return tuple(cell.strip() for cell in row[1])
        raise ExportError(f"{export.source}: has no header row; export the applications again.")
    keys: dict[str, None] = {}
    for _, record in _json_records(export):
        if isinstance(record, dict):
            keys.update(dict.fromkeys(flatten(record)))
    if not keys:
        raise ExportError(f"{export.source}: holds no applicant records (JSON objects); export the "
                          f"applications again.")
    return tuple(keys)


def read_rows(export: ExportFormat, header: tuple[str, ...]) -> Iterator[RawRow]:
    """Every applicant row after the header; a ragged CSV row keeps its own length."""
    if export.kind == "csv":
        rows = _csv_rows(export)
        next(rows, None)
        number = 0
        for line, cells in rows:
            if not any(cell.strip() for cell in cells):
                continue  # blank lines between rows
            number += 1
            yield RawRow(number, line, tuple(cells))
        return
    for number, (line, record) in enumerate(_json_records(export), start=1):
        if not isinstance(record, dict):
            yield RawRow(number, line, ())  # not an object: reported as a ragged row
            continue
        flat = flatten(record)
        yield RawRow(number, line, tuple(flat.get(key, "") for key in header))


def _csv_rows(export: ExportFormat) -> Iterator[tuple[int, list[str]]]:
    line = 1
    try:
        with open(export.path, encoding=export.encoding, newline="") as handle:
            offset = 1 if _sep_hint(handle.readline()) else 0
            if not offset:
                handle.seek(0)
            reader, previous = csv.reader(handle, delimiter=export.delimiter), 0
            for cells in reader:
                line, previous = previous + 1 + offset, reader.line_num
                if cells:
                    yield line, cells
    except UnicodeDecodeError as error:
        raise ExportError(f"{export.source}: near line {line}, the text is neither UTF-8 nor Windows-1252; "
                          f"save the export as 'CSV UTF-8' and run again.") from error
    except csv.Error as error:
        raise ExportError(f"{export.source}: line {line} cannot be read as CSV ({error}); fix that row "
                          f"or export the applications again.") from error


def _sep_hint(line: str) -> str:
    """The delimiter an Excel "sep=X" first line names, or ""."""
    line = line.lstrip("\ufeff").rstrip("\r\n")
    return line[4] if len(line) == 5 and line.lower().startswith("sep=") else ""


def _json_records(export: ExportFormat) -> Iterator[tuple[int, Any]]:
    try:
        with open(export.path, encoding=export.encoding) as handle:
            if export.kind == "jsonl":
                for line, text in enumerate(handle, start=1):
                    if text.strip():
                        yield line, _json_line(export.source, line, text)
            else:
                yield from _json_array(export.source, handle)
    except UnicodeDecodeError as error:
        raise ExportError(f"{export.source}: the text is neither UTF-8 nor Windows-1252; save the export "
                          f"as UTF-8 and run again.") from error


def _json_line(source: str, line: int, text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as error:
        raise ExportError(f"{source}: line {line} is not valid JSON ({error.msg}); fix that line or export "
                          f"the applications again.") from error


def _json_array(source: str, handle) -> Iterator[tuple[int, Any]]:
    """Records of a JSON array, decoded one at a time; or of an object holding such an array."""
    decoder = json.JSONDecoder()
    buffer = handle.read(_CHUNK).lstrip("\ufeff")
    position = _skip_space(buffer, 0)
    if buffer[position:position + 1] == "{":
        yield from enumerate(_records_in_object(source, buffer + handle.read()), start=1)
        return
    position, number, after_record = position + 1, 0, False
    while True:
        position = _skip_space(buffer, position)
        if position >= len(buffer):
            more = handle.read(_CHUNK)
            if not more:
                raise ExportError(f"{source}: the JSON ends early (after record {number}); export the "
                                  f"applications again.")
            buffer, position = buffer[position:] + more, 0
            continue
        if buffer[position] == "]":
            return
        if after_record:
            if buffer[position] != ",":
                raise ExportError(f"{source}: is not valid JSON after record {number}; export the "
                                  f"applications again.")
            position, after_record = position + 1, False
            continue
        try:
            record, position = decoder.raw_decode(buffer, position)
        except ValueError:
            # Most often the record runs past the buffer: read on, unless the file is done.
            more = handle.read(_CHUNK)
            if not more or len(buffer) - position > _MAX_RECORD:
                raise ExportError(f"{source}: record {number + 1} is not valid JSON; export the "
                                  f"applications again.") from None
            buffer, position = buffer[position:] + more, 0
            continue
        number, after_record = number + 1, True
        yield number, record


def _skip_space(buffer: str, position: int) -> int:
    while position < len(buffer) and buffer[position] in " \t\r\n":
        position += 1
    return position


def _records_in_object(source: str, text: str) -> list:
    # {"applicants": [...]} and the like: read whole, since the list may come after other keys.
    try:
        document = json.loads(text)
    except ValueError as error:
        raise ExportError(f"{source}: is not valid JSON ({error}); export the applications again.") from error
    records = _records_list(document)
    if records is None:
        raise ExportError(f"{source}: a JSON export must be a list of applicant objects (or an object holding "
                          f"one such list); export the applications again.")
    return records


def _records_list(document: Any) -> list | None:
    if not isinstance(document, dict):
        return None
    lists = [v for v in document.values() if isinstance(v, list) and v and all(isinstance(r, dict) for r in v)]
    return lists[0] if len(lists) == 1 else None


def flatten(record: dict, prefix: str = "") -> dict[str, str]:
    """A JSON record as text cells: nested objects become "a.b" keys, lists are joined with "; "."""
    cells: dict[str, str] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            cells.update(flatten(value, name + "."))
        elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
            for i, item in enumerate(value, start=1):
                cells.update(flatten(item, f"{name}.{i}.") if isinstance(item, dict) else {f"{name}.{i}": _text(item)})
        elif isinstance(value, list):
            cells[name] = "; ".join(_text(v) for v in value if v is not None)
        else:
            cells[name] = _text(value)
    return cells


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
