"""The HR report (report.json and report.md) and the command-line summaries.

The report says what was redacted by type and count, never the values.
"""

from __future__ import annotations

import datetime as dt
import json

from blindrec import __version__


def report_dict(result, settings, table_result=None) -> dict:
    """The run as a JSON-ready mapping: per candidate counts and warnings, failures, leaks."""
    from blindrec.hr.rules import rules_record

    report = {
        "blindrec_version": __version__,
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "rules_sha256": settings.rules_sha256,
        "rules_files": rules_record(settings),  # review and verify load these again
        "inputs": result.inputs,
        "candidates": [
            {
                "candidate_id": pack.candidate_id,
                "sources": [d.relative_source for d in pack.documents],
                "redactions": _summed(pack.documents),
                "warnings": sorted({w for d in pack.documents for w in d.warnings}),
            }
            for pack in result.candidates
        ],
        "table_rows": result.table_rows,
        "failures": [{"source": f.relative_source, "reason": f.reason} for f in result.failures],
        "ignored": [{"source": f.relative_source, "reason": f.reason} for f in result.ignored],
        "leaks": list(result.leaks),
        "exit_code": result.exit_code,
    }
    # Documents kept apart that may be one candidate's: HR joins them in hr/overrides.yaml.
    # Documents joined on the full name alone are listed too ("joined": true): HR checks them.
    report["near_misses"] = [{"sources": list(m.sources), "reason": m.reason, "joined": m.joined}
                             for m in getattr(result, "near_misses", ())]
    if table_result is not None:  # ATS exports: what was guessed or skipped, and per-export counts
        report["table_warnings"] = list(table_result.warnings)
        report["tables"] = list(table_result.exports)
    return report


def _summed(documents) -> dict[str, int]:
    totals: dict[str, int] = {}
    for document in documents:
        for entity, count in document.redaction_counts.items():
            totals[entity] = totals.get(entity, 0) + count
    return dict(sorted(totals.items()))


def printable(text: str) -> str:
    """Untrusted text (a file name) on one line: newlines and other invisible characters shown as escapes.

    Why: a file named "a.pdf\nblindrec: 0 input(s) need manual handling" must not add a line
    to report.md or to stderr. Bytes of a name that is not UTF-8 show as \\xNN.
    """
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in str(text))


def _escape(ch: str) -> str:
    if 0xDC80 <= ord(ch) <= 0xDCFF:  # a byte os.fsdecode could not decode (surrogateescape)
        return f"\\x{ord(ch) - 0xDC00:02x}"
    return ch.encode("unicode_escape").decode("ascii")


def _cell(text: str) -> str:
    """Text for one cell of a Markdown table: on one line, with no column break of its own."""
    return printable(text).replace("|", "\\|")


def failure_lines(result) -> list[str]:
    """The stderr lines naming each input that was not anonymised (or not read), one line each."""
    lines = [f"blindrec: {printable(f.relative_source)}: {printable(f.reason)}" for f in result.failures]
    lines += [f"blindrec: {printable(f.relative_source)}: {printable(f.reason)} (harmless)"
              for f in result.ignored]
    return lines


def report_markdown(report: dict) -> str:
    """report.md: the same facts as report.json, for a person."""
    lines = [
        "# blindrec run report", "",
        f"- Created: {report['created']}",
        f"- blindrec {report['blindrec_version']}, rules {report['rules_sha256'][:12]}",
        f"- Inputs: {report['inputs']}; candidates: {len(report['candidates'])}; "
        f"failed: {len(report['failures'])}", "",
    ]
    if report["failures"]:
        lines += ["## Needs manual handling", "", "| File | Reason |", "|---|---|"]
        lines += [f"| {_cell(f['source'])} | {_cell(f['reason'])} |" for f in report["failures"]]
        lines.append("")
    if report.get("ignored"):
        lines += ["## Not read (hidden or lock files; they do not fail the run)", "", "| File | Reason |", "|---|---|"]
        lines += [f"| {_cell(f['source'])} | {_cell(f['reason'])} |" for f in report["ignored"]]
        lines.append("")
    if report.get("table_warnings"):
        lines += ["## ATS exports: check these", ""]
        lines += [f"- {printable(warning)}" for warning in report["table_warnings"]]
        lines.append("")
    for table in report.get("tables", ()):
        redactions = ", ".join(f"{k.lower().replace('_', ' ')} {v}" for k, v in table["redactions"].items())
        lines += [f"## ATS export {printable(table['source'])}", "",
                  f"- {table['rows']} row(s) to panel/{table['panel_file']}, monitoring columns to "
                  f"hr/{table['monitoring_file']}; {table['failed_rows']} row(s) need manual handling",
                  f"- Columns: {printable(table['columns'])}", f"- Redactions: {redactions or 'none'}", ""]
    if report.get("leaks"):
        lines += ["## Possible leaks found by verification", ""]
        lines += [f"- {printable(leak)}" for leak in report["leaks"]]
        lines.append("")
    joined = [m for m in report.get("near_misses", ()) if m.get("joined")]
    apart = [m for m in report.get("near_misses", ()) if not m.get("joined")]
    if joined:
        lines += ["## Documents joined on the name alone: check them", "",
                  "One of each pair has no contact details, and no other candidate has that full name. If "
                  "they are two people's, add `split: [one of the files]` to hr/overrides.yaml and run again.",
                  "", "| Documents | Why they were joined |", "|---|---|"]
        lines += [f"| {_cell(' + '.join(m['sources']))} | {m['reason']} |" for m in joined]
        lines.append("")
    if apart:
        lines += ["## Documents that may belong together", "",
                  "Kept apart because the evidence was not strong enough. If two are one person's, add "
                  "`join: [[first file, second file]]` to hr/overrides.yaml and run again.", "",
                  "| Documents | Why they may be one candidate's |", "|---|---|"]
        lines += [f"| {_cell(' + '.join(m['sources']))} | {m['reason']} |" for m in apart]
        lines.append("")
    lines += ["## Candidates", "", "| Candidate | Sources | Redactions | Warnings |", "|---|---|---|---|"]
    for candidate in report["candidates"]:
        redactions = ", ".join(f"{k.lower().replace('_', ' ')} {v}" for k, v in candidate["redactions"].items())
        lines.append(f"| {candidate['candidate_id']} | {_cell('; '.join(candidate['sources']))} | "
                     f"{redactions or 'none'} | {_cell('; '.join(candidate['warnings']))} |")
    return "\n".join(lines) + "\n"


def summary_dict(result) -> dict:
    """A short machine-readable summary of a run, for scripts (--json)."""
    return {
        "out": str(result.out_dir),
        "inputs": result.inputs,
        "candidates": len(result.candidates),
        "table_rows": result.table_rows,
        "failed": [{"source": f.relative_source, "reason": f.reason} for f in result.failures],
        "ignored": [{"source": f.relative_source, "reason": f.reason} for f in result.ignored],
        "leaks": list(result.leaks),
        "exit_code": result.exit_code,
    }


def summary_json(result) -> str:
    """The --json summary as one JSON document."""
    return json.dumps(summary_dict(result), indent=2)


def summary_text(result) -> str:
    """The closing lines a person reads after a run."""
    text = (f"blindrec: {len(result.candidates)} candidate pack(s) written to {result.out_dir / 'panel'}; "
            f"key and report in {result.out_dir / 'hr'}")
    if result.table_rows:
        text += f"; {result.table_rows} ATS row(s)"
    if result.failures:
        text += f"\nblindrec: {len(result.failures)} input(s) need manual handling (see hr/report.md)"
    if result.ignored:
        text += f"\nblindrec: {len(result.ignored)} hidden or lock file(s) not read (listed in hr/report.md)"
    if result.leaks:
        text += f"\nblindrec: verification found {len(result.leaks)} possible leak(s) (see hr/report.md)"
    return text
