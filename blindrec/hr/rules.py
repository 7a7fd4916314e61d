"""The rules a run used, recorded in hr/report.json, so review and verify read the same rules.

report.json holds ``rules_files``: each rules file's absolute path and sha256, the shipped
defaults first. ``run_settings`` loads exactly those files again and refuses (RunRulesError)
when one is gone or has changed since the run, rather than falling back to the defaults.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from blindrec.settings import Settings, SettingsError, load_settings, rules_dir


class RunRulesError(Exception):
    """The rules of a run cannot be loaded as they were; the message names the file and what to do."""


def rules_record(settings: Settings) -> list[dict[str, str]]:
    """The rules files of a run, for report.json: absolute path and sha256 of each."""
    record = []
    for name in settings.rules_files:
        path = Path(name).resolve()
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            digest = ""
        record.append({"path": str(path), "sha256": digest})
    return record


def run_settings(out_dir: Path) -> Settings:
    """The settings of the run that wrote DIR (the defaults for a report from before rules were recorded)."""
    report_path = Path(out_dir) / "hr" / "report.json"
    try:
        report: Any = json.loads(report_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        report = {}
    except (OSError, ValueError) as error:
        raise RunRulesError(f"{report_path}: cannot be read ({error}); run blindrec anonymise again.") from error
    files = report.get("rules_files") if isinstance(report, dict) else None
    try:
        if not files:
            return load_settings()
        if not isinstance(files, list) or not all(isinstance(f, dict) for f in files):
            raise RunRulesError(f"{report_path}: 'rules_files' is not a list of rules files; run blindrec "
                                f"anonymise again.")
        for entry in files:
            path = Path(str(entry.get("path", "")))
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                digest = None
            if digest != entry.get("sha256"):
                state = "is missing" if digest is None else "has changed since the run"
                raise RunRulesError(f"{path}: the rules file the run used {state}; restore it, or run blindrec "
                                    f"anonymise again with the rules you want.")
        extra = [Path(str(f["path"])) for f in files[1:]]
        if Path(str(files[0]["path"])) != (rules_dir() / "default.yaml").resolve():
            extra.insert(0, Path(str(files[0]["path"])))
        return load_settings(extra)
    except SettingsError as error:
        raise RunRulesError(str(error)) from error
