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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="blindrec")
def cli() -> None:
    """Anonymised (blind) recruitment: identity-free packs for recruiting panels."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Output folder: panel/ for the panel, hr/ for HR only.")
@click.option("--rules", "rules_files", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra YAML rules, applied over the defaults (repeatable).")
@click.option("--role", default=None, help="Role title for the combined pack's cover page.")
@click.option("--format", "formats", multiple=True, type=click.Choice(["docx", "md"]),
              default=("docx",), show_default=True, help="Per-candidate pack format(s) (repeatable).")
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
def anonymise(inputs: tuple[Path, ...], out_dir: Path, rules_files: tuple[Path, ...], role: str | None,
              formats: tuple[str, ...], jobs: int | None, quiet: bool, as_json: bool,
              columns_file: Path | None, allow_unknown_columns: bool, panel_stdout: bool,
              no_verify: bool) -> None:
    """Anonymise applications (PDF, DOCX, ATS CSV/JSON) into panel packs and an HR key."""
    from blindrec.api import RunOptions, anonymise_batch
    from blindrec.settings import SettingsError, load_settings

    try:
        settings = load_settings(rules_files)
    except SettingsError as error:
        raise click.UsageError(str(error)) from error
    options = RunOptions(
        role=role, formats=tuple(dict.fromkeys(formats)), jobs=jobs,
        show_progress=not quiet and not as_json and sys.stderr.isatty(),
        columns_file=columns_file, allow_unknown_columns=allow_unknown_columns,
        panel_stdout=panel_stdout, verify=not no_verify,
    )
    from blindrec.detect.engine import ModelError

    try:
        result = anonymise_batch(list(inputs), out_dir, settings, options)
    except ModelError as error:
        click.echo(f"blindrec: {error}", err=True)
        sys.exit(EXIT_USAGE)
    from blindrec.hr.report import summary_json, summary_text

    for failure in result.failures:
        click.echo(f"blindrec: {failure.relative_source}: {failure.reason}", err=True)
    if as_json:
        click.echo(summary_json(result))
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


def main() -> None:
    """Console-script entry point."""
    cli()
