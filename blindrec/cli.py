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
@click.option("--format", "formats", multiple=True, type=click.Choice(["docx", "md", "pdf"]),
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
    result = anonymise_batch(list(inputs), out_dir, settings, options)
    from blindrec.hr.report import summary_json, summary_text

    for failure in result.failures:
        click.echo(f"blindrec: {failure.relative_source}: {failure.reason}", err=True)
    if as_json:
        click.echo(summary_json(result))
    elif not quiet:
        click.echo(summary_text(result), err=panel_stdout)
    sys.exit(result.exit_code)


def main() -> None:
    """Console-script entry point."""
    cli()
