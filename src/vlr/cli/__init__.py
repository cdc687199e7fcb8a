"""The ``vlr`` command: options → one :mod:`vlr.main` call → a report (:mod:`vlr.reports`).

Imports of anything heavy happen inside the commands, so ``vlr --help`` is instant.
Errors derive from :class:`vlr.exceptions.VlrError` (a ``ClickException``): click prints
them and exits with their code. Anything else is a bug, reported in one line.
:mod:`vlr.cli.framework` holds the ``vlr framework`` commands.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from vlr.cli.framework import framework
from vlr.commandline import (
    COVERAGE,
    DIFF,
    IMPORT_OPEN_SDG,
    IMPORT_SDMX,
    INIT,
    INPUT,
    METHOD,
    PROGRESS,
    REPORT_LANGUAGE,
    SUGGEST,
    Group,
    build_options,
    formats,
    json_on_failure,
    note,
    options,
    report_import,
    report_in,
    settle,
    tell,
    wrote,
)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--framework",
    "framework",
    envvar="VLR_FRAMEWORK",
    type=click.Path(dir_okay=False),
    help="SDG framework file made by 'vlr framework import' (default: the shipped edition).",
)
@click.version_option(package_name="vlr")
@click.pass_context
def main(ctx: click.Context, framework: str | None) -> None:
    """vlr: write SDG Voluntary Local Reviews from a city's indicator spreadsheets.

    PATH is an .xlsx workbook or a folder of them (default: indicators/).
    """
    ctx.obj = {"framework": framework}


# --- validate, check-docx -------------------------------------------------------------


@main.command()
@INPUT
@formats("json")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--notes/--no-notes", default=True, show_default=True, help="Show notes (skipped sheets and columns).")
@REPORT_LANGUAGE
@click.pass_context
def validate(ctx: click.Context, path: str, fmt: str, strict: bool, notes: bool, language: str | None) -> None:
    """Check the indicator workbooks at PATH and report every problem with its cell.

    Exit code 0: no errors; 1: errors found; 2: the input could not be read at all.
    """
    from vlr.main import language_of, load
    from vlr.reports.terminal import coloured_report

    with json_on_failure(fmt, path, language):
        loaded = load(path, ctx.obj["framework"], strict=strict)
    with report_in(language_of(loaded, language)):
        report = loaded.report
        click.echo(report.to_json() if fmt == "json" else coloured_report(report.to_text(notes=notes)))
    ctx.exit(0 if report.ok else 1)


@main.command("check-docx")
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@formats("json")
@REPORT_LANGUAGE
@click.pass_context
def check_docx_command(ctx: click.Context, file: str, fmt: str, language: str | None) -> None:
    """Check a .docx for accessibility (EN 301 549): alt text, table headers, empty
    paragraphs, fake lists, contrast, language and title. Exit 1 when anything is found.
    The report is in --language, else in the document's own language."""
    from vlr.draft.build import draft_language
    from vlr.main import check_docx
    from vlr.reports.terminal import coloured_report

    with json_on_failure(fmt, file, language):
        report = check_docx(file)
        own = draft_language(Path(file))  # its core part only: the package was checked by check_docx
    with report_in(language or own or "en"):
        click.echo(report.to_json() if fmt == "json" else coloured_report(report.to_text()))
    ctx.exit(0 if not report.findings else 1)


# --- coverage, progress ---------------------------------------------------------------


@main.command("coverage")
@INPUT
@options(COVERAGE)
@click.pass_context
def coverage_command(ctx: click.Context, path: str, fmt: str, xlsx: str | None, force: bool, hlpf, **options) -> None:
    """Which goals and targets the review covers, with what evidence, and the gaps."""
    from vlr.main import analyse, coverage_workbook
    from vlr.reports import views
    from vlr.reports.terminal import errors_note

    with json_on_failure(fmt, path, options["language"]):
        analysis = analyse(path, ctx.obj["framework"], hlpf_goals=hlpf, **options)
    with report_in(analysis.review.info.language):
        note(errors_note(len(analysis.loaded.report.errors)))
        click.echo(views.coverage_report(analysis.coverage, fmt, sys.stdout.isatty()), nl=False)
        if xlsx:
            wrote(xlsx, coverage_workbook(xlsx, analysis, force=force))


@main.command("progress")
@INPUT
@METHOD
@formats("json", "csv")
@options(PROGRESS)
@click.pass_context
def progress_command(ctx: click.Context, path: str, fmt: str, **options) -> None:
    """Each indicator's progress towards its target, with the method named."""
    from vlr.main import analyse
    from vlr.reports import views
    from vlr.reports.terminal import errors_note

    with json_on_failure(fmt, path, options["language"]):
        analysis = analyse(path, ctx.obj["framework"], **options)
    with report_in(analysis.review.info.language):
        note(errors_note(len(analysis.loaded.report.errors)))
        click.echo(views.progress_report(analysis, fmt, sys.stdout.isatty()), nl=False)


# --- build ----------------------------------------------------------------------------


@main.command("build")
@INPUT
@build_options
@click.option("--timings", is_flag=True, help="Print the time each stage took.")
@click.pass_context
def build_command(ctx: click.Context, path: str, timings: bool, **options) -> None:
    """Validate the review at PATH and write the draft VLR as a Word document."""
    from vlr.main import BuildOptions, build_drafts
    from vlr.reports.terminal import build_summary
    from vlr.reports.terminal import timings as stage_times

    settle("vlr.draft.build")
    for result in build_drafts(path, BuildOptions(framework=ctx.obj["framework"], **options), progress=tell):
        click.echo(build_summary(result, update=bool(options["update"]), final=options["final"]))
        if timings:
            click.echo(stage_times(result), err=True)


# --- framework: vlr.cli.framework ------------------------------------------------------

main.add_command(framework)


# --- init, diff, suggest, import ------------------------------------------------------


@main.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=str))
@options(INIT)
@click.pass_context
def init_command(ctx: click.Context, folder: str, themes: str | None, **options) -> None:
    """Write the workbooks of a new review into FOLDER (new or empty), ready to fill in.

    Headings with what goes in each column, lists to pick themes, directions and
    statuses from, SDG targets from a Targets sheet, and a Guide sheet at the front.
    """
    from vlr.main import framework_in_use, init
    from vlr.reports.terminal import init_summary
    from vlr.values import split_themes

    if not options["last"] and not (options["city"] and options["country"]):
        framework_in_use(ctx.obj["framework"])  # a framework file that cannot be read is said first
        raise click.UsageError("give the review's --city and --country (or start from a last review with --from)")
    from vlr.formatting import speaking

    result, loaded = init(folder, themes=split_themes(themes), framework=ctx.obj["framework"], **options)
    with speaking(options["language"]):  # said in the language the workbooks are written in
        click.echo(init_summary(result, folder, city=options["city"], last=options["last"], loaded=loaded))


@main.command("diff")
@click.argument("old", type=click.Path(path_type=str))
@click.argument("new", type=click.Path(path_type=str))
@METHOD
@formats("json", "csv", "markdown")
@options(DIFF)
@click.pass_context
def diff_command(ctx: click.Context, old: str, new: str, fmt: str, xlsx: str | None, force: bool, **options) -> None:
    """What changed from the review OLD to the review NEW (workbooks or folders).

    Actions and indicators added, removed and changed; data added, removed and revised;
    statuses that changed; targets and goals that gained or lost coverage.
    Exit code 0: no differences; 1: differences; 2: an input could not be read.
    """
    from vlr.main import diff, diff_workbook
    from vlr.reports.changes import report
    from vlr.reports.terminal import diff_notes

    with json_on_failure(fmt, new, options["language"]):
        result = diff(old, new, ctx.obj["framework"], **options)
    with report_in(result.language):
        note("\n".join(diff_notes(result)))
        backup = diff_workbook(xlsx, result, [old, new], force=force) if xlsx else None
        click.echo(report(result, fmt, sys.stdout.isatty()), nl=fmt != "csv")
        if xlsx:
            wrote(xlsx, backup)
    ctx.exit(0 if result.empty else 1)


@main.command("suggest")
@INPUT
@options(SUGGEST)
@click.pass_context
def suggest_command(
    ctx: click.Context, path: str, last: str | None, fmt: str, xlsx: str | None, force: bool, **options
) -> None:
    """Suggest SDG targets for every action and indicator at PATH, and flag doubtful ones.

    Works on reviews with errors (actions whose targets are still empty are what it is
    for) and never changes the workbooks.
    """
    from vlr.main import language_of, suggest, suggestions_workbook
    from vlr.reports.suggestions import report

    language = options["language"]
    with json_on_failure(fmt, path, language):
        results, loaded = suggest(path, ctx.obj["framework"], last=last, **options)
    with report_in(language_of(loaded, language)):
        backup = suggestions_workbook(xlsx, results, loaded, last, force=force, language=language) if xlsx else None
        click.echo(report(results, fmt))
        if xlsx:
            wrote(xlsx, backup)


@main.group("import")
def import_() -> None:
    """Make vlr workbooks from data published with other tools."""


@import_.command("open-sdg")
@click.argument("source", type=click.Path(path_type=str))
@options(IMPORT_OPEN_SDG)
@click.pass_context
def import_open_sdg(ctx: click.Context, source: str, folder: str, fmt: str, **options) -> None:
    """Import an Open SDG data repository (its data/ and meta/ folders) into vlr workbooks.

    Writes FOLDER/review.xlsx (Review, and Actions for you to fill in) and
    FOLDER/open-sdg.xlsx (Indicators and Data), then says what it imported and left out.
    """
    from vlr.main import import_open_sdg as run

    report_import(
        fmt,
        source,
        folder,
        options["language"],
        lambda: run(source, folder, framework=ctx.obj["framework"], **options),
    )


@import_.command("sdmx")
@click.argument("data", nargs=-1, required=True, type=click.Path(path_type=str))
@options(IMPORT_SDMX)
@click.pass_context
def import_sdmx(ctx: click.Context, data: tuple[str, ...], folder: str, fmt: str, **options) -> None:
    """Import SDMX data (SDMX-ML 2.1, SDMX-CSV, SDMX-JSON files or folders) into vlr workbooks:
    FOLDER/review.xlsx and FOLDER/sdmx.xlsx, then say what was imported and left out, and why."""
    from vlr.main import import_sdmx as run

    report_import(
        fmt,
        ", ".join(data),
        folder,
        options["language"],
        lambda: run(list(data), folder, framework=ctx.obj["framework"], **options),
    )


if __name__ == "__main__":  # pragma: no cover
    main(prog_name="vlr")
