"""Command-line interface: thin click commands over the library API.

Heavy libraries (Presidio, spaCy) are imported inside the commands that need them so
``blindrec --help`` answers at once.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from blindrec import __version__

# Exit codes are part of the scripting contract (README, "Exit codes").
EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="blindrec")
def cli() -> None:
    """Anonymised (blind) recruitment: identity-free packs for recruiting panels."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Output folder: panel/ for the panel, hr/ for HR only.")
@click.option("--replace", is_flag=True,
              help="Run again into an --out that holds a run; its key is kept under hr/history/.")
@click.option("--rules", "rules_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra YAML rules, applied over the defaults (repeatable).")
@click.option("--role", default=None, help="Role title for the combined pack's cover page.")
@click.option("--level", type=click.Choice(["standard", "strict"]), default=None,
              help="Origin-cue policy (default: the rules' level, standard); strict also generalises "
                   "places of worship, languages, schools and employers abroad.")
@click.option("--format", "formats", multiple=True, type=click.Choice(["docx", "md", "json"]),
              default=("docx",), show_default=True,
              help="Per-candidate pack format(s) (repeatable); json writes ATS panel tables as JSON.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: every core).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary; errors only.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary on stdout.")
@click.option("--columns", "columns_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="YAML column map for ATS exports (CSV/JSON).")
@click.option("--allow-unknown-columns", is_flag=True,
              help="Pass ATS columns the column map does not name through, anonymised.")
@click.option("--panel-stdout", is_flag=True,
              help="Write the panel's ATS table to stdout (the key is still written to --out).")
@click.option("--no-verify", is_flag=True, help="Skip the leak check of panel/ at the end of the run.")
def anonymise(inputs: tuple[Path, ...], out_dir: str, replace: bool, rules_files: tuple[Path, ...],
              role: str | None, level: str | None, formats: tuple[str, ...], jobs: int | None, quiet: bool,
              as_json: bool,
              columns_file: Path | None, allow_unknown_columns: bool, panel_stdout: bool,
              no_verify: bool) -> None:
    """Anonymise applications (PDF, DOCX, ATS CSV/JSON) into panel packs and an HR key.

    An --out that already holds a run is refused unless --replace is given.
    """
    from blindrec.api import RunOptions, RunStopped, UsageProblem, anonymise_batch
    from blindrec.settings import SettingsError, load_settings

    if not out_dir.strip():
        raise click.UsageError("--out is empty; name a new folder for the output, for example --out blind.")
    out_dir = Path(out_dir)

    try:
        settings = load_settings(rules_files, level)
    except SettingsError as error:
        raise click.UsageError(str(error)) from error
    if columns_file:
        from blindrec.tabular.columns import ColumnMapError, load_column_map

        try:
            load_column_map(columns_file)
        except ColumnMapError as error:
            raise click.UsageError(str(error)) from error
    # "json" is for ATS tables; documents still get DOCX packs unless md is asked for.
    formats = formats if set(formats) - {"json"} else ("docx", *formats)
    options = RunOptions(
        role=role, formats=tuple(dict.fromkeys(formats)), jobs=jobs,
        show_progress=not quiet and not as_json and sys.stderr.isatty(),
        columns_file=columns_file, allow_unknown_columns=allow_unknown_columns,
        panel_stdout=panel_stdout, verify=not no_verify, replace=replace,
    )
    from blindrec.detect.engine import ModelError

    try:
        result = anonymise_batch(list(inputs), out_dir, settings, options)
    except ModelError as error:
        click.echo(f"blindrec: {error}", err=True)
        sys.exit(EXIT_USAGE)
    except (SettingsError, UsageProblem) as error:  # inputs, --out, hr/overrides.yaml: checked before any work
        raise click.UsageError(str(error)) from error
    except RunStopped as error:
        click.echo(f"blindrec: {error}", err=True)
        sys.exit(EXIT_INTERRUPTED if error.interrupted else EXIT_SOME_FAILED)
    from blindrec.hr.report import failure_lines, summary_json, summary_text

    for note in result.notes:
        click.echo(f"blindrec: {out_dir}: {note}.", err=True)
    for line in failure_lines(result):  # file names escaped: a newline in one must not add a line
        click.echo(line, err=True)
    from blindrec.tabular.outputs import panel_table_bytes, panel_tables, table_warnings

    for warning in [] if quiet else table_warnings(out_dir):
        click.echo(f"blindrec: {warning}", err=True)
    for table in panel_tables(out_dir) if panel_stdout else []:
        click.echo(panel_table_bytes(table), nl=False)
    if as_json:
        click.echo(summary_json(result), err=panel_stdout)
    elif not quiet:
        click.echo(summary_text(result), err=panel_stdout)
    sys.exit(result.exit_code)


@cli.command()
@click.argument("panel_file", required=False, metavar="[PANEL.yaml]",
                type=click.Path(path_type=Path, dir_okay=False))
@click.option("--out", "out_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the checklist to FILE (default: stdout; DOCX needs a file).")
@click.option("--format", "fmt", type=click.Choice(["md", "docx", "json"]), default=None,
              help="Output format (default: from --out's extension, else md).")
@click.option("--report", "report_file", type=click.Path(exists=True, path_type=Path, dir_okay=False),
              default=None, help="The HR report (DIR/hr/report.json) from blindrec anonymise.")
@click.option("--policy", "policy_file", type=click.Path(exists=True, path_type=Path, dir_okay=False),
              default=None, help="Panel policy YAML (default: rules/panel-policy.yaml).")
@click.option("--strict", is_flag=True, help="Exit 1 when a required item is not met or needs action.")
@click.option("--summary", "summary_dir", metavar="FOLDER", type=click.Path(path_type=Path, file_okay=False),
              default=None, help="Summarise every panel file in FOLDER by role level instead.")
def checklist(panel_file: Path | None, out_file: Path | None, fmt: str | None, report_file: Path | None,
              policy_file: Path | None, strict: bool, summary_dir: Path | None) -> None:
    """Check a recruiting panel (PANEL.yaml) against the council's panel-diversity policy.

    With --summary FOLDER instead: per role level, the share of recruitments that met each item.
    """
    from blindrec.checklist import (ChecklistInputError, build_checklist, build_summary, choose_format,
                                    render_checklist, render_summary, verdict)

    if (panel_file is None) == (summary_dir is None):
        raise click.UsageError("Give either PANEL.yaml or --summary FOLDER.")
    if summary_dir is not None and (report_file or strict):
        raise click.UsageError("--report and --strict apply to one panel file, not to --summary.")
    fmt = choose_format(fmt, out_file)
    if fmt == "docx" and out_file is None:
        raise click.UsageError("--format docx needs --out FILE.docx.")
    try:
        if summary_dir is not None:
            result, message = None, None
            output = render_summary(build_summary(summary_dir, policy_file), fmt)
        else:
            result = build_checklist(panel_file, policy_file, report_file)
            output, message = render_checklist(result, fmt), verdict(result)
    except ChecklistInputError as error:
        click.echo(f"blindrec: {error}", err=True)
        sys.exit(EXIT_USAGE)
    if out_file is None:
        click.echo(output, nl=False)
    else:
        try:
            out_file.write_bytes(output if isinstance(output, bytes) else output.encode("utf-8"))
        except OSError as error:
            click.echo(f"blindrec: {out_file}: cannot write the checklist ({error.strerror}); check the folder exists.",
                       err=True)
            sys.exit(EXIT_USAGE)
        click.echo(f"Wrote {out_file}" + (f": {message}" if message else "."), err=True)
    sys.exit(EXIT_SOME_FAILED if strict and result is not None and result.failing else EXIT_OK)


@cli.command()
@click.argument("out_dir", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
@click.option("--with-originals", "originals_dir", metavar="INPUT_DIR", default=None,
              type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Show each source (from the folder given to anonymise) beside its pack.")
def review(out_dir: Path, originals_dir: Path | None) -> None:
    """Write DIR/hr/review.html: every pack with its redactions highlighted, for HR to check."""
    from blindrec.hr.review import ReviewError, write_review

    try:
        path, result = write_review(out_dir, originals_dir)
    except ReviewError as error:
        click.echo(f"blindrec: {error}", err=True)
        sys.exit(EXIT_USAGE)
    unsure = sum(len(c.unsure) for c in result.candidates)
    click.echo(f"Wrote {path}: {len(result.candidates)} candidate(s), {unsure} kept word(s) to check.")


@cli.command()
@click.argument("out_dir", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
def verify(out_dir: Path) -> None:
    """Search DIR/panel for every identifier found in the sources; exit 1 on any leak."""
    from blindrec.hr.verify import VerifyError, verify_and_record

    try:
        result = verify_and_record(out_dir)
    except VerifyError as error:
        click.echo(f"blindrec: {error}", err=True)
        sys.exit(EXIT_USAGE)
    for leak in result.leaks:
        click.echo(f"LEAK panel/{leak.panel_file}: {leak.kind}")
    click.echo(f"Checked {result.files_checked} panel file(s) against {result.candidates} candidate(s): "
               f"{len(result.leaks) or 'no'} leak(s).")
    sys.exit(EXIT_SOME_FAILED if result.leaks else EXIT_OK)


@cli.command()
@click.argument("out_dir", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
@click.argument("scores_files", metavar="[SHEET.csv...]", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--correct", nargs=4, default=None, metavar="CANDIDATE_ID ASSESSOR CRITERION SCORE",
              help="Change one recorded score (needs --reason; recorded in hr/audit.jsonl).")
@click.option("--reason", default=None, help="Why the recorded score was wrong (for --correct).")
def scores(out_dir: Path, scores_files: tuple[Path, ...], correct: tuple[str, str, str, str] | None,
           reason: str | None) -> None:
    """Record (and lock) the panel's scores: columns candidate_id, assessor, criterion, score.

    After `blindrec sift`, give each panellist's returned sheet: each is checked whole and
    recorded and locked on its own.
    """
    from blindrec.hr.scores import ScoresError, ScoresLocked, correct_score

    if (not scores_files) == (correct is None) or (correct is None) != (reason is None):
        raise click.UsageError("Give FILE.csv, or --correct CANDIDATE_ID ASSESSOR CRITERION SCORE --reason TEXT.")
    try:
        if correct:
            earlier = correct_score(out_dir, *correct, reason=reason or "")
            click.echo(f"Corrected the score of {earlier.candidate_id} for {earlier.criterion!r} by "
                       f"{earlier.assessor}: {earlier.score} -> {correct[3].strip()} (reason recorded in "
                       f"{out_dir / 'hr' / 'audit.jsonl'}).")
            return
    except ScoresError as error:
        click.echo(f"blindrec: {error}", err=True)
        sys.exit(EXIT_SOME_FAILED if isinstance(error, ScoresLocked) else EXIT_USAGE)
    _record_sheets(out_dir, scores_files)


@cli.command()
@click.argument("out_dir", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
@click.argument("candidate_ids", metavar="CANDIDATE_ID...", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True,
              help="A table to read, or CSV for a mail merge.")
@click.option("--force", is_flag=True, help="Reveal although some candidates have no recorded scores.")
@click.option("--reason", default=None, help="Why --force is needed (recorded in hr/audit.jsonl; no names).")
def reveal(out_dir: Path, candidate_ids: tuple[str, ...], fmt: str, force: bool, reason: str | None) -> None:
    """Print the source and contact details of shortlisted candidates, for HR only."""
    from blindrec.hr.reveal import RevealError, RevealRefused, reveal as reveal_candidates, revealed_csv, revealed_table

    if force != bool(reason and reason.strip()):
        raise click.UsageError("--force needs --reason TEXT, and --reason is only for --force.")
    try:
        rows = reveal_candidates(out_dir, candidate_ids, reason.strip() if force and reason else None)
    except RevealError as error:
        click.echo(f"blindrec: {error}", err=True)
        sys.exit(EXIT_SOME_FAILED if isinstance(error, RevealRefused) else EXIT_USAGE)
    click.echo(revealed_csv(rows) if fmt == "csv" else revealed_table(rows), nl=False)


# Outcome monitoring (issue 17): thin commands over blindrec.outcomes.


def _outcomes_usage_error(error: Exception) -> None:
    click.echo(f"blindrec: {error}", err=True)
    sys.exit(EXIT_USAGE)


@cli.command()
@click.argument("out_dir", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
@click.argument("decisions_file", metavar="FILE.csv", type=click.Path(path_type=Path, dir_okay=False))
def decisions(out_dir: Path, decisions_file: Path) -> None:
    """Record the stages candidates reached: columns candidate_id, stage (and date, YYYY-MM-DD)."""
    from blindrec.outcomes import OutcomesError
    from blindrec.outcomes.decisions import DECISIONS_FILE, record_decisions

    try:
        result = record_decisions(out_dir, decisions_file)
    except OutcomesError as error:
        _outcomes_usage_error(error)
    click.echo(f"Recorded {result.added} new decision(s); {result.total} in {out_dir / 'hr' / DECISIONS_FILE} "
               f"for {result.with_decisions} of {result.candidates} candidate(s).")
    if result.after_reveal:
        click.echo("Note: identities were revealed in this campaign before these decisions were recorded "
                   "(the audit log says so).", err=True)


@cli.command()
@click.argument("out_dir", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
@click.argument("monitoring_file", metavar="FILE.csv", type=click.Path(path_type=Path, dir_okay=False))
def monitoring(out_dir: Path, monitoring_file: Path) -> None:
    """Import monitoring answers keyed by source file or applicant reference into DIR/hr/monitoring.csv."""
    from blindrec.outcomes import OutcomesError
    from blindrec.outcomes.monitoring import MONITORING_FILE, import_monitoring

    try:
        result = import_monitoring(out_dir, monitoring_file)
    except OutcomesError as error:
        _outcomes_usage_error(error)
    click.echo(f"Imported {result.questions} question(s) for {result.candidates_matched} of {result.candidates} "
               f"candidate(s) into {out_dir / 'hr' / MONITORING_FILE}.")


@cli.command()
@click.argument("sources", metavar="DIR|AGGREGATE.json...", nargs=-1, required=True,
                type=click.Path(path_type=Path))
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder for outcomes.md, .csv and .png (default: DIR/hr/outcomes for one campaign).")
@click.option("--threshold", type=click.IntRange(min=1), default=5, show_default=True,
              help="Suppress every count below this.")
@click.option("--ethnicity-grouping", "grouping", default="ons5", show_default=True,
              help="ons5, as-given, or a YAML file mapping each group to its answers.")
@click.option("--export-aggregate", "aggregate_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also write the suppressed counts to FILE.json, to pool with other councils.")
@click.option("--chart", "chart_format", type=click.Choice(["png", "svg"]), default="png", show_default=True,
              help="Format of the chart.")
def outcomes(sources: tuple[Path, ...], out_dir: Path | None, threshold: int, grouping: str,
             aggregate_file: Path | None, chart_format: str) -> None:
    """Selection rates by stage and group, adverse-impact ratios, suppressed: one campaign or several pooled."""
    from blindrec.outcomes import OutcomesError
    from blindrec.outcomes.api import outcomes_report

    if out_dir is None and (len(sources) != 1 or not sources[0].is_dir()):
        _outcomes_usage_error("Several campaigns or aggregate files need --out FOLDER for the report.")
    try:
        result, written = outcomes_report(sources, out_dir or sources[0] / "hr" / "outcomes", threshold,
                                          grouping, aggregate_file, chart_format)
    except OutcomesError as error:
        _outcomes_usage_error(error)
    applicants = result.shown("all", "All applicants", "applied")
    flagged = sum(rate.below_four_fifths for rate in result.rates)
    click.echo(f"{result.counts.campaigns} campaign(s), {applicants} applicant(s), {flagged} rate(s) below 0.8 of "
               f"the highest group's: wrote " + ", ".join(str(p) for p in written) + ".")


@cli.command()
@click.argument("out_dir", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
@click.option("--force", is_flag=True, help="Purge before the retention period has passed.")
@click.option("--reason", default=None, help="Why --force is needed (recorded in hr/audit.jsonl).")
def purge(out_dir: Path, force: bool, reason: str | None) -> None:
    """Delete the campaign's key, identifiers, monitoring and links to people once retention has passed."""
    from blindrec.outcomes import OutcomesError, PurgeRefused
    from blindrec.outcomes.purge import purge as purge_campaign

    if force != bool(reason and reason.strip()):
        raise click.UsageError("--force needs --reason TEXT, and --reason is only for --force.")
    try:
        result = purge_campaign(out_dir, reason.strip() if force and reason else None)
    except PurgeRefused as error:
        click.echo(f"blindrec: {error}", err=True)
        sys.exit(EXIT_SOME_FAILED)
    except OutcomesError as error:
        _outcomes_usage_error(error)
    if not result.deleted and not result.scores_unlinked:
        click.echo(f"Nothing to delete: {out_dir} was purged before (see hr/deletion-record.json).")
        return
    click.echo(f"Deleted {len(result.deleted)} file(s) and unlinked {result.scores_unlinked} score(s) from people; "
               f"kept the audit log" + (", the suppressed aggregate" if result.aggregate_kept else "")
               + " and hr/deletion-record.json.")



def _record_sheets(out_dir: Path, sheets: tuple[Path, ...]) -> None:
    """`blindrec scores DIR SHEET.csv...`: each sheet recorded or refused on its own."""
    from blindrec.hr.scores import ScoresError, ScoresLocked
    from blindrec.sift.errors import SiftError
    from blindrec.sift.returns import panellists_waited_for, record_sheets

    codes = [EXIT_OK]
    for outcome in record_sheets(out_dir, list(sheets)):
        result = outcome.recording
        if outcome.error is not None:
            click.echo(f"blindrec: {outcome.error}", err=True)
            codes.append(EXIT_SOME_FAILED if isinstance(outcome.error, ScoresLocked) else EXIT_USAGE)
        elif outcome.already_recorded:
            click.echo(f"{outcome.path}: already recorded for {', '.join(outcome.panellists)}; nothing new.")
        elif result is not None:
            who = f" from {', '.join(outcome.panellists)}" if outcome.panellists else ""
            click.echo(f"Recorded {result.added} new score(s){who}; {result.total} in "
                       f"{out_dir / 'hr' / 'scores.csv'} for {len(result.scored)} candidate(s).")
            if result.unscored:
                click.echo(f"Still no scores for: {', '.join(result.unscored)}")
    try:
        waiting = panellists_waited_for(out_dir)
    except (ScoresError, SiftError):
        waiting = []  # a broken hr/ file is reported with the sheets it stopped
    if waiting:
        click.echo(f"Still no sheet from: {', '.join(waiting)}")
    sys.exit(max(codes))


@cli.command()
@click.argument("out_dir", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
@click.option("--config", "config_file", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="The sift config: role, criteria, scale, panellists (see examples/sift.yaml).")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary on stdout.")
def sift(out_dir: Path, config_file: Path, as_json: bool) -> None:
    """Write DIR/sift/: per panellist, one document per criterion in their own order, and a score sheet."""
    from blindrec.sift.config import load_config
    from blindrec.sift.errors import SiftError
    from blindrec.sift.run import run_sift, summary_json

    try:
        config = load_config(config_file)
    except SiftError as error:
        raise click.UsageError(str(error)) from error
    try:
        result = run_sift(out_dir, config)
    except SiftError as error:
        click.echo(f"blindrec: {error}", err=True)
        sys.exit(EXIT_USAGE)
    except OSError as error:  # a full disk or a read-only folder: DIR/sift/ is swapped in whole or not at all
        click.echo(f"blindrec: {out_dir}: cannot write the sift ({error.strerror}); free space or fix the "
                   f"folder's permissions and run again.", err=True)
        sys.exit(EXIT_SOME_FAILED)
    if as_json:
        click.echo(summary_json(result))
        return
    click.echo(f"Wrote {result.folder}: {len(result.candidates)} candidate(s), {len(config.criteria)} criteria, "
               f"for panellists {', '.join(config.panellists)}.")
    whole = sorted({a.candidate_id for a in result.fallbacks})
    if whole:
        click.echo(f"Whole statement shown for some criteria (no heading matched): {', '.join(whole)}; "
                   f"see {result.folder / 'answers-found.md'}.")


@cli.command()
@click.argument("out_dir", metavar="DIR", type=click.Path(path_type=Path, file_okay=False))
def moderate(out_dir: Path) -> None:
    """Write DIR/sift/moderation.md, .csv and .png: scores by panellist, disagreements and ranking."""
    from blindrec.sift.errors import SiftError
    from blindrec.sift.moderate import write_moderation

    try:
        moderation, paths = write_moderation(out_dir)
    except SiftError as error:
        click.echo(f"blindrec: {error}", err=True)
        sys.exit(EXIT_USAGE)
    except OSError as error:
        click.echo(f"blindrec: {out_dir}: cannot write the moderation summary ({error.strerror}); free space or "
                   f"fix the folder's permissions and run again.", err=True)
        sys.exit(EXIT_SOME_FAILED)
    click.echo(f"Wrote {', '.join(str(p) for p in paths)}.")
    flagged = moderation.disagreements
    if flagged:
        click.echo("Disagreements: " + ", ".join(f"{c} on {s.criterion}" for c, s in flagged))
    if moderation.not_returned:
        click.echo(f"Not yet returned a sheet: {', '.join(moderation.not_returned)}")


def main() -> None:
    """Console-script entry point."""
    cli()
