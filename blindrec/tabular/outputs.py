"""What the CLI shows after a run with ATS exports: the panel table(s) and the warnings."""

from __future__ import annotations

import codecs
import json
from pathlib import Path


def panel_tables(out_dir: Path) -> list[Path]:
    """The ATS panel tables of a run (panel/applications*.csv or .json), by name."""
    panel = Path(out_dir) / "panel"
    return sorted(p for p in panel.glob("applications*") if p.suffix in (".csv", ".json")) if panel.is_dir() else []


def panel_table_bytes(path: Path) -> bytes:
    """A panel table as a script reading stdout wants it: without Excel's byte-order mark."""
    data = path.read_bytes()
    return data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data


def table_warnings(out_dir: Path) -> list[str]:
    """The run's ATS warnings (guessed columns, encodings, skipped rows), from hr/report.json, one line each."""
    try:
        report = json.loads((Path(out_dir) / "hr" / "report.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    from blindrec.hr.report import printable

    return [printable(w) for w in report.get("table_warnings") or ()]
