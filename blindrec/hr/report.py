"""The HR report (report.json and report.md) and the command-line summaries.

The report says what was redacted by type and count, never the values.
"""

from __future__ import annotations

import datetime as dt
import json

from blindrec import __version__


def report_dict(result, settings, table_result=None) -> dict:
    """The run as a JSON-ready mapping: per candidate counts and warnings, failures, leaks."""
    report = {
        "blindrec_version": __version__,
        "created": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "rules_sha256": settings.rules_sha256,
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
        "leaks": list(result.leaks),
        "exit_code": result.exit_code,
    }
    # Documents kept apart that may be one candidate's: HR joins them in hr/overrides.yaml.
    report["near_misses"] = [{"sources": list(m.sources), "reason": m.reason}
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
        lines += [f"| {f['source']} | {f['reason']} |" for f in report["failures"]]
        lines.append("")
    if report.get("table_warnings"):
        lines += ["## ATS exports: check these", ""]
        lines += [f"- {warning}" for warning in report["table_warnings"]]
        lines.append("")
    for table in report.get("tables", ()):
        redactions = ", ".join(f"{k.lower().replace('_', ' ')} {v}" for k, v in table["redactions"].items())
        lines += [f"## ATS export {table['source']}", "",
                  f"- {table['rows']} row(s) to panel/{table['panel_file']}, monitoring columns to "
                  f"hr/{table['monitoring_file']}; {table['failed_rows']} row(s) need manual handling",
                  f"- Columns: {table['columns']}", f"- Redactions: {redactions or 'none'}", ""]
    if report.get("leaks"):
        lines += ["## Possible leaks found by verification", ""]
        lines += [f"- {leak}" for leak in report["leaks"]]
        lines.append("")
    if report.get("near_misses"):
        lines += ["## Documents that may belong together", "",
                  "Kept apart because the evidence was not strong enough. If two are one person's, add "
                  "`join: [[first file, second file]]` to hr/overrides.yaml and run again.", "",
                  "| Documents | Why they may be one candidate's |", "|---|---|"]
        lines += [f"| {' + '.join(m['sources'])} | {m['reason']} |" for m in report["near_misses"]]
        lines.append("")
    lines += ["## Candidates", "", "| Candidate | Sources | Redactions | Warnings |", "|---|---|---|---|"]
    for candidate in report["candidates"]:
        redactions = ", ".join(f"{k.lower().replace('_', ' ')} {v}" for k, v in candidate["redactions"].items())
        lines.append(f"| {candidate['candidate_id']} | {'; '.join(candidate['sources'])} | "
                     f"{redactions or 'none'} | {'; '.join(candidate['warnings'])} |")
    return "\n".join(lines) + "\n"


def summary_dict(result) -> dict:
    """A short machine-readable summary of a run, for scripts (--json)."""
    return {
        "out": str(result.out_dir),
        "inputs": result.inputs,
        "candidates": len(result.candidates),
        "table_rows": result.table_rows,
        "failed": [{"source": f.relative_source, "reason": f.reason} for f in result.failures],
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
    if result.leaks:
        text += f"\nblindrec: verification found {len(result.leaks)} possible leak(s) (see hr/report.md)"
    return text
