"""The ``vlr`` command: parses options and calls the library (:mod:`vlr.main`).

Imports of anything heavy happen inside the commands, so ``vlr --help`` is instant.
Errors derive from :class:`vlr.exceptions.VlrError` (a ``ClickException``): click prints
them and exits with their code. Anything else is a bug, reported in one line.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sys
import textwrap

import click

INPUT = click.argument("path", required=False, default="indicators", type=click.Path(path_type=str))


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # output piped into `head` and the like: stop quietly
            sys.stderr.close()
            os._exit(0)
        except Exception as exc:  # a bug: say so plainly, not with a traceback
            if os.environ.get("VLR_DEBUG"):
                raise
            click.echo(
                f"Internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in vlr. Please report it, with the file that caused it if you can "
                "(set VLR_DEBUG=1 to see the details).",
                err=True,
            )
            ctx.exit(70)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
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


def _fw(ctx: click.Context):
    from vlr.framework.catalogue import load_framework

    return load_framework(ctx.obj.get("framework"))


# --- validate ---------------------------------------------------------------------------


@main.command()
@INPUT
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--notes/--no-notes", default=True, show_default=True, help="Show notes (skipped sheets and columns).")
@click.pass_context
def validate(ctx: click.Context, path: str, fmt: str, strict: bool, notes: bool) -> None:
    """Check the indicator workbooks at PATH and report every problem with its cell.

    Exit code 0: no errors; 1: errors found; 2: the input could not be read at all.
    """
    from vlr.main import validate as run

    with _json_on_failure(fmt, path):
        report = run(path, ctx.obj["framework"], strict=strict)
    if fmt == "json":
        click.echo(report.to_json())
    else:
        click.echo(_colour(report.to_text(notes=notes)))
    ctx.exit(0 if report.ok else 1)


@contextlib.contextmanager
def _json_on_failure(fmt: str, path: str):
    """With ``--format json``, an input that cannot be read still gives JSON on standard
    output (``ok`` false and the reason as a finding), so that a CI job has something to
    parse; the one-line reason goes to standard error and the exit code stays 2."""
    from vlr.exceptions import UnreadableInput

    try:
        yield
    except UnreadableInput as exc:
        if fmt != "json":
            raise
        click.echo(
            json.dumps(
                {
                    "ok": False,
                    "errors": 1,
                    "warnings": 0,
                    "findings": [
                        {
                            "severity": "error",
                            "rule": "input-unreadable",
                            "file": str(path),
                            "sheet": "",
                            "cell": "",
                            "message": exc.message,
                            "hint": None,
                        }
                    ],
                },
                ensure_ascii=False,
            )
        )
        click.echo(f"Error: {exc.message}", err=True)
        sys.exit(exc.exit_code)


def _colour(text: str) -> str:
    styles = {"error  ": "red", "warning": "yellow", "note   ": "cyan"}
    out = []
    for line in text.splitlines():
        stripped = line.lstrip()
        for word, colour in styles.items():
            if stripped.startswith(word):
                line = line.replace(word, click.style(word, fg=colour, bold=True), 1)
                break
        else:
            if line.startswith(("OK:", "NOT OK:")):
                line = click.style(line, bold=True, fg="green" if line.startswith("OK") else "red")
        out.append(line)
    return "\n".join(out)


# --- analysis ---------------------------------------------------------------------------

METHOD = click.option(
    "--method",
    type=click.Choice(["unsd", "eurostat"]),
    default="unsd",
    show_default=True,
    help="Progress method: the UN Statistics Division's progress chart, or Eurostat's CAGR ratio.",
)


def _goal_list(ctx, param, value: str | None) -> list[int] | None:
    if value is None:
        return None
    try:
        goals = [int(v) for v in value.replace(";", ",").split(",") if v.strip()]
    except ValueError:
        raise click.BadParameter("give goal numbers separated by commas, e.g. 6,7,9,11,17") from None
    if any(not 1 <= g <= 17 for g in goals):
        raise click.BadParameter("goal numbers go from 1 to 17")
    return goals


def _thresholds(ctx, param, values: tuple[str, ...]):
    if not values:
        return None
    from vlr.analysis.progress import DEFAULT_THRESHOLDS

    method = ctx.params.get("method", "unsd")
    fields = DEFAULT_THRESHOLDS[method].model_dump()
    for item in values:
        key, _, number = item.partition("=")
        if key not in fields:
            raise click.BadParameter(f"'{key}' is not a threshold; use one of {', '.join(fields)}")
        try:
            fields[key] = float(number)
        except ValueError:
            raise click.BadParameter(f"'{item}': the value must be a number, e.g. {key}=0.9") from None
    return type(DEFAULT_THRESHOLDS[method])(**fields)


def _warn_errors(analysis) -> None:
    errors = len(analysis.loaded.report.errors)
    if errors:
        click.echo(
            f"Note: the review has {errors} error(s), and what could not be read is left out below. "
            "'vlr validate' lists them.",
            err=True,
        )


@main.command("coverage")
@INPUT
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "csv", "markdown"]), default="text", show_default=True
)
@click.option(
    "--xlsx",
    "xlsx_path",
    type=click.Path(dir_okay=False),
    help="Also write a workbook with one sheet per view (goals, targets, heatmap, gaps, progress).",
)
@click.option("--hlpf", callback=_goal_list, help="Goals reviewed in depth (default: the HLPF's for the review year).")
@METHOD
@click.pass_context
def coverage_command(ctx: click.Context, path: str, fmt: str, xlsx_path: str | None, hlpf, method: str) -> None:
    """Which goals and targets the review covers, with what evidence, and the gaps."""
    from vlr.main import analyse
    from vlr.reports import views

    with _json_on_failure(fmt, path):
        analysis = analyse(path, ctx.obj["framework"], method=method, hlpf_goals=hlpf)
    _warn_errors(analysis)
    cov = analysis.coverage
    if fmt == "json":
        click.echo(views.coverage_json(cov))
    elif fmt == "csv":
        click.echo(views.coverage_csv(cov), nl=False)
    elif fmt == "markdown":
        click.echo(views.to_markdown(views.coverage_tables(cov), views.coverage_heading(cov)))
    else:
        colour = sys.stdout.isatty()
        click.echo(views.to_text(views.coverage_tables(cov), colour, views.coverage_heading(cov)), nl=False)
    if xlsx_path:
        from vlr.output import refuse_input
        from vlr.reports.coverage_workbook import write_coverage_workbook

        refuse_input(xlsx_path, analysis.review.files)
        write_coverage_workbook(xlsx_path, cov, analysis.progress, analysis.review)
        click.echo(f"Wrote {xlsx_path}", err=True)


@main.command("progress")
@INPUT
@METHOD
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option(
    "--breakdowns", is_flag=True, help="Also assess each breakdown series (Series column), not only the total."
)
@click.option(
    "--threshold",
    "thresholds",
    multiple=True,
    callback=_thresholds,
    metavar="NAME=VALUE",
    help="Change a cut-off of the method, e.g. on_track_ratio=0.9 (repeatable).",
)
@click.pass_context
def progress_command(ctx: click.Context, path: str, method: str, fmt: str, breakdowns: bool, thresholds) -> None:
    """Each indicator's progress towards its target, with the method named."""
    from vlr.main import analyse
    from vlr.reports import views

    with _json_on_failure(fmt, path):
        analysis = analyse(path, ctx.obj["framework"], method=method, thresholds=thresholds, breakdowns=breakdowns)
    _warn_errors(analysis)
    results = analysis.progress
    if fmt == "json":
        click.echo(views.progress_json(results))
    elif fmt == "csv":
        click.echo(views.progress_csv(results), nl=False)
    else:
        language = analysis.review.info.language
        tables = [views.progress_table(results, language), views.progress_summary_table(results, analysis.coverage)]
        click.echo(views.to_text(tables, sys.stdout.isatty()), nl=False)


# --- build -------------------------------------------------------------------------------


@main.command("build")
@INPUT
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="The .docx to write (default: build/<city>-vlr-<year>-draft.docx).",
)
@click.option(
    "--templates", type=click.Path(file_okay=False), help="A folder of text templates overriding the shipped ones."
)
@click.option(
    "--reference-docx",
    type=click.Path(dir_okay=False, exists=True),
    help="The city's Word template (.docx or .dotx): styles, page setup, headers and footers.",
)
@METHOD
@click.option("--date", "date_text", metavar="YYYY-MM-DD", help="The date printed and stored (default: today).")
@click.option("--pdf", is_flag=True, help="Also export a tagged PDF through LibreOffice.")
@click.option("--timings", is_flag=True, help="Print the time each stage took.")
@click.option(
    "--previous",
    type=click.Path(path_type=str),
    help="Last review's workbooks: the draft says what "
    "changed since (in the methodology) and marks the statuses that changed.",
)
@click.option(
    "--icons",
    type=click.Path(path_type=str),
    help="A folder of the city's own goal icons, one picture "
    "per goal with its number in the file name (goal-1.png …), instead of the tiles vlr draws.",
)
@click.option(
    "--final",
    is_flag=True,
    help="The document for publication: no internal annex, no draft mark; "
    "refused while a placeholder is left to write.",
)
@click.option(
    "--update",
    "update",
    metavar="DRAFT.docx",
    type=click.Path(dir_okay=False, exists=True),
    help="Refresh this draft in place: vlr's parts from the workbooks, everything people wrote kept "
    "(the previous file is kept as DRAFT.previous.docx).",
)
@click.option(
    "--discard-edits",
    is_flag=True,
    help="With --update: replace parts vlr generates even where they were edited by hand.",
)
@click.option(
    "--restore-deleted",
    is_flag=True,
    help="With --update: put back parts vlr generates that were deleted from the draft.",
)
@click.option(
    "--from",
    "carry_from",
    metavar="LAST.docx",
    type=click.Path(dir_okay=False, exists=True),
    help="Start from last cycle's draft: its people's texts go into the new draft, each marked to be checked.",
)
@click.pass_context
def build_command(
    ctx: click.Context,
    path: str,
    output: str | None,
    templates: str | None,
    reference_docx: str | None,
    method: str,
    date_text: str | None,
    pdf: bool,
    timings: bool,
    previous: str | None,
    icons: str | None,
    final: bool,
    update: str | None,
    discard_edits: bool,
    restore_deleted: bool,
    carry_from: str | None,
) -> None:
    """Validate the review at PATH and write the draft VLR as a Word document."""
    import datetime as dt

    from vlr.draft.build import build

    date = None
    if date_text:
        try:
            date = dt.date.fromisoformat(date_text)
        except ValueError:
            raise click.BadParameter(
                f"'{date_text}' is not a date; write it as YYYY-MM-DD", param_hint="--date"
            ) from None
    result = build(
        path,
        output,
        framework=ctx.obj["framework"],
        method=method,
        date=date,
        templates=templates,
        reference_docx=reference_docx,
        pdf=pdf,
        previous=previous,
        icons=icons,
        final=final,
        update=update,
        discard_edits=discard_edits,
        restore_deleted=restore_deleted,
        carry_from=carry_from,
        progress=lambda m: click.echo(m, err=True),
    )
    cov = result.analysis.coverage
    warnings = len(result.analysis.loaded.report.warnings)
    if update:
        click.echo(f"\nUpdated {result.path}; the previous file is kept as {result.backup}")
        for line in result.report:
            click.echo(f"  {line}")
    else:
        click.echo(f"\nWrote {result.path}" + (f" and {result.pdf}" if result.pdf else ""))
        for line in result.report:
            click.echo(f"  {line}")
    if result.data:
        click.echo(f"Wrote {result.data} (every value of the review, a sheet per indicator)")
    where = "left out of the final document" if final else "listed in the internal annex"
    click.echo(
        f"Goals covered: {len(cov.goals_covered)} of 17 ({', '.join(map(str, cov.goals_covered))}); "
        f"{result.charts} figures; {warnings} warning{'s' if warnings != 1 else ''} {where}."
    )
    click.echo("Contents (pages are estimates until the document is opened):")
    for s in result.sections:
        click.echo(f"  {s.title:<42} about {s.pages:g} page{'s' if s.pages > 1 else ''}")
    if timings:
        stages = ", ".join(f"{stage} {seconds * 1000:.0f} ms" for stage, seconds in result.timings.items())
        click.echo(f"Time by stage: {stages}; total {sum(result.timings.values()) * 1000:.0f} ms", err=True)


@main.command("check-docx")
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def check_docx_command(ctx: click.Context, file: str, fmt: str) -> None:
    """Check a .docx for accessibility (EN 301 549): alt text, table headers, empty
    paragraphs, fake lists, contrast, language and title. Exit 1 when anything is found."""
    from vlr.draft.accessibility import check_docx

    with _json_on_failure(fmt, file):
        report = check_docx(file)
    click.echo(report.to_json() if fmt == "json" else _colour(report.to_text()))
    ctx.exit(0 if not report.findings else 1)


# --- framework --------------------------------------------------------------------------


@main.group()
def framework() -> None:
    """The official SDG framework: goals, targets and indicators."""


@framework.command("info")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def framework_info(ctx: click.Context, fmt: str) -> None:
    """Edition, source and counts of the framework in use."""
    fw = _fw(ctx)
    counts = fw.counts()
    if fmt == "json":
        data = {"edition": fw.edition, "title": fw.title, "source": fw.source, "source_file": fw.source_file, **counts}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{fw.title}\nSource: {fw.source}\nImported from: {fw.source_file}\n")
    click.echo(f"  goals                {counts['goals']}")
    click.echo(
        f"  targets              {counts['targets']} ({counts['targets_numbered']} numbered, "
        f"{counts['targets_lettered']} lettered)"
    )
    click.echo(f"  indicator listings   {counts['indicator_listings']}")
    click.echo(f"  indicator codes      {counts['indicator_codes']} (distinct UNSD codes)")
    click.echo(f"  unique indicators    {counts['unique_indicators']}")


def _wrap(text: str, indent: str) -> str:
    width = min(shutil_width(), 100)
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent + "  ")


def shutil_width() -> int:
    import shutil

    return shutil.get_terminal_size((100, 24)).columns


@framework.command("show")
@click.argument("code")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def framework_show(ctx: click.Context, code: str, fmt: str) -> None:
    """Show a goal (13), a target (11.2) or an indicator (11.2.1)."""
    from vlr.exceptions import VlrError
    from vlr.values import normalise_code, split_list

    fw = _fw(ctx)
    items = split_list(code)
    key = normalise_code(items[0]) if items else ""
    if key.isascii() and key.isdigit() and fw.goal(int(key)):
        goal = fw.goal(int(key))
        targets = fw.targets_of(goal.number)
        if fmt == "json":
            data = {
                **goal.model_dump(),
                "targets": [
                    {**t.model_dump(), "indicators": [i.code for i in fw.indicators_of(t.code)]} for t in targets
                ],
            }
            click.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        click.echo(click.style(f"Goal {goal.number}: {goal.short_name}", bold=True) + f"  ({goal.colour})")
        click.echo(_wrap(goal.title, "") + "\n")
        for t in targets:
            click.echo(_wrap(f"{t.code}  {t.text}", "  "))
            click.echo(f"        indicators: {', '.join(i.code for i in fw.indicators_of(t.code))}")
        return
    if fw.target(key):
        t = fw.target(key)
        inds = fw.indicators_of(key)
        if fmt == "json":
            data = {**t.model_dump(), "indicators": [i.model_dump() for i in inds]}
            click.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        goal = fw.goal(t.goal)
        click.echo(click.style(f"Target {t.code}", bold=True) + f"  (goal {goal.number}: {goal.short_name})")
        click.echo(_wrap(t.text, "") + "\n")
        for i in inds:
            click.echo(_wrap(f"{i.code}  {i.text}", "  "))
        return
    if fw.indicator(key):
        i = fw.indicator(key)
        if fmt == "json":
            click.echo(
                json.dumps({**i.model_dump(), "targets": fw.indicator_targets(key)}, ensure_ascii=False, indent=2)
            )
            return
        click.echo(
            click.style(f"Indicator {i.code}", bold=True) + f"  (target {i.target}, UNSD code {i.unsd_code or '-'})"
        )
        click.echo(_wrap(i.text, ""))
        if i.repeats:
            click.echo(f"\nThe same indicator is listed as {', '.join(i.repeats)}.")
        return
    raise VlrError(
        f"'{code}' is not a goal, target or indicator of the {fw.edition} framework. Try 'vlr framework search WORDS'."
    )


@framework.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option("--limit", default=15, show_default=True, help="Most results to show.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def framework_search(ctx: click.Context, query: tuple[str, ...], limit: int, fmt: str) -> None:
    """Find SDG targets for words, as a city says them ("bike lanes", "heat pump"), best first.

    Each target comes with its indicators and why it matched: a term of vlr's municipal
    thesaurus, or words of the target's and its indicators' texts.
    """
    from vlr.framework.search import index_for

    fw = _fw(ctx)
    hits = index_for(fw).search(" ".join(query), limit=limit)
    if fmt == "json":
        click.echo(
            json.dumps(
                [
                    {
                        "kind": "target",
                        "code": h.code,
                        "text": h.text,
                        "score": h.score,
                        "reasons": h.reasons,
                        "indicators": h.indicators,
                    }
                    for h in hits
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if not hits:
        click.echo(f"Nothing in the {fw.edition} framework matches '{' '.join(query)}'.")
        return
    width = min(shutil_width(), 100)
    for h in hits:
        click.echo(textwrap.fill(f"{h.code:<6} {h.text}", width=width, subsequent_indent=" " * 7))
        for reason in h.reasons[:2]:
            click.echo(textwrap.fill(f"why: {reason}", width=width, initial_indent=" " * 7, subsequent_indent=" " * 12))
        if h.indicators:
            click.echo(f"       indicators: {', '.join(h.indicators)}")


@framework.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the framework here (JSON); without it, only the changes are shown.",
)
@click.option("--edition", help="Edition label (default: the year of the latest UN document cited in the file).")
@click.pass_context
def framework_import(ctx: click.Context, file: str, output: str | None, edition: str | None) -> None:
    """Import a UN indicator framework workbook and report what changed.

    Use a newer edition with 'vlr --framework FILE …' or VLR_FRAMEWORK=FILE.
    """
    from vlr.framework.catalogue import diff
    from vlr.framework.unworkbook import import_un_workbook
    from vlr.output import write_atomic

    current = _fw(ctx)
    new = import_un_workbook(file, edition=edition)
    counts = new.counts()
    click.echo(
        f"Read {new.title} from {file}: {counts['goals']} goals, {counts['targets']} targets, "
        f"{counts['indicator_listings']} indicator listings ({counts['unique_indicators']} unique)."
    )
    changes = diff(current, new)
    click.echo(f"\nChanges from the {current.edition} edition in use:")
    if changes.unchanged:
        click.echo("  none")
    labels = {
        "added_targets": "targets added",
        "removed_targets": "targets removed",
        "reworded_targets": "targets reworded",
        "added_indicators": "indicators added",
        "removed_indicators": "indicators removed",
        "reworded_indicators": "indicators reworded",
        "recoded_indicators": "indicators with a new UNSD code",
    }
    for key, label in labels.items():
        codes = getattr(changes, key)
        if codes:
            click.echo(_wrap(f"{label} ({len(codes)}): {', '.join(codes)}", "  "))
    if output:
        write_atomic(output, new.to_json().encode("utf-8"))
        click.echo(f"\nWrote {output}. Use it with: vlr --framework {output} validate")


# --- init --------------------------------------------------------------------------------


@main.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=str))
@click.option("--city", help="The city (or region) of the review.")
@click.option("--country", help="Its country.")
@click.option(
    "--year",
    type=click.IntRange(1900, 2100),
    help="The review year (default: this year; with --from, the year after the last review).",
)
@click.option("--themes", help='The review\'s themes, separated by semicolons: "Climate; Learning; Events".')
@click.option(
    "--split",
    type=click.Choice(["themes", "one"]),
    default="themes",
    show_default=True,
    help="One workbook per theme beside review.xlsx, or a single workbook.",
)
@click.option("--language", default="en", show_default=True, help="Language of the review (en, fi, sv, de, …).")
@click.option(
    "--from",
    "last",
    type=click.Path(path_type=str),
    help="Start from last cycle's review (a workbook "
    "or folder): actions, indicators, data and narratives carried over.",
)
@click.option(
    "--last-framework",
    type=click.Path(dir_okay=False, exists=True),
    help="With --from: the framework edition last cycle used (made by 'vlr framework import'), to report "
    "the official indicators the current one replaced or reworded.",
)
@click.pass_context
def init_command(
    ctx: click.Context,
    folder: str,
    city: str | None,
    country: str | None,
    year: int | None,
    themes: str | None,
    split: str,
    language: str,
    last: str | None,
    last_framework: str | None,
) -> None:
    """Write the workbooks of a new review into FOLDER (new or empty), ready to fill in.

    Headings with what goes in each column, lists to pick themes, directions and
    statuses from, SDG targets from a Targets sheet, and a Guide sheet at the front.
    """
    from vlr.workbook.template import new_review, next_review

    fw = _fw(ctx)
    if last:
        from vlr.main import load

        loaded = load(last, ctx.obj["framework"])
        from vlr.framework.catalogue import load_framework

        result = next_review(
            folder,
            loaded.review,
            fw,
            year=year,
            last_framework=load_framework(last_framework) if last_framework else None,
        )
        click.echo(
            f"Started the next review in {folder} from {last}: {len(loaded.review.actions_by_id)} actions, "
            f"{len(loaded.review.indicators_by_id)} indicators and {len(loaded.review.data)} data points "
            "carried over."
        )
    else:
        if not city or not country:
            raise click.UsageError("give the review's --city and --country (or start from a last review with --from)")
        names = [t.strip() for t in re.split(r"[;\n]", themes) if t.strip()] if themes else None
        result = new_review(
            folder, fw, city=city, country=country, year=year, themes=names, split=split, language=language
        )
        click.echo(f"Wrote a new review for {city} in {folder}.")
    for name in result.files:
        click.echo(f"  {folder}/{name}")
    for note in result.notes:
        click.echo(_wrap(f"Note: {note}", ""))
    click.echo(f"Fill them in, then: vlr validate {folder}")


# --- diff --------------------------------------------------------------------------------


@main.command("diff")
@click.argument("old", type=click.Path(path_type=str))
@click.argument("new", type=click.Path(path_type=str))
@METHOD
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "csv", "markdown"]), default="text", show_default=True
)
@click.option(
    "--tolerance",
    help="Leave out revisions this small: an absolute difference (0.05) or a share of the old value (1%).",
)
@click.option(
    "--xlsx", "xlsx", type=click.Path(dir_okay=False), help="Also write a reviewer's workbook of the changes."
)
@click.pass_context
def diff_command(
    ctx: click.Context, old: str, new: str, method: str, fmt: str, tolerance: str | None, xlsx: str | None
) -> None:
    """What changed from the review OLD to the review NEW (workbooks or folders).

    Actions and indicators added, removed and changed; data added, removed and revised;
    statuses that changed; targets and goals that gained or lost coverage.
    Exit code 0: no differences; 1: differences; 2: an input could not be read.
    """
    from vlr.analysis.diff import Tolerance, diff_paths, to_csv, to_markdown, to_text

    try:
        limit = Tolerance.parse(tolerance)
    except ValueError:
        raise click.BadParameter("give a number (0.05) or a percentage (1%)", param_hint="--tolerance") from None
    with _json_on_failure(fmt, new):
        result = diff_paths(old, new, ctx.obj["framework"], method=method, tolerance=limit)
    for side, errors in (("OLD", result.errors_old), ("NEW", result.errors_new)):
        if errors:
            click.echo(
                f"Note: {side} has {errors} error(s) and what could not be read is left out of the "
                "comparison; 'vlr validate' lists them.",
                err=True,
            )
    if xlsx:
        from vlr.output import refuse_input
        from vlr.reports.coverage_workbook import write_diff_workbook

        refuse_input(xlsx, [old, new])
        write_diff_workbook(xlsx, result)
    if fmt == "json":
        click.echo(result.model_dump_json(indent=2))
    elif fmt == "csv":
        click.echo(to_csv(result), nl=False)
    elif fmt == "markdown":
        click.echo(to_markdown(result))
    else:
        click.echo(_colour_diff(to_text(result)))
    if xlsx:
        click.echo(f"Wrote {xlsx}", err=True)
    ctx.exit(0 if result.empty else 1)


def _colour_diff(text: str) -> str:
    if not sys.stdout.isatty():
        return text
    out = []
    for line in text.splitlines():
        if line and not line.startswith(" ") and line.endswith(")"):
            line = click.style(line, bold=True)
        elif " added" in line or "now has" in line:
            line = click.style(line, fg="green")
        elif " removed" in line or "no longer" in line:
            line = click.style(line, fg="red")
        out.append(line)
    return "\n".join(out)


# --- suggest -----------------------------------------------------------------------------


@main.command("suggest")
@INPUT
@click.option("--from", "last", type=click.Path(path_type=str), help="Also learn from last cycle's mappings.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--xlsx",
    type=click.Path(dir_okay=False),
    help="Write a reviewer's workbook: a row per action and "
    "indicator with its targets, the suggestions and the doubts.",
)
@click.option("--limit", default=5, show_default=True, help="Suggestions per action or indicator.")
@click.pass_context
def suggest_command(ctx: click.Context, path: str, last: str | None, fmt: str, xlsx: str | None, limit: int) -> None:
    """Suggest SDG targets for every action and indicator at PATH, and flag doubtful ones.

    Works on reviews with errors (actions whose targets are still empty are what it is
    for) and never changes the workbooks.
    """
    from vlr.analysis.suggest import suggest, to_text
    from vlr.main import load

    with _json_on_failure(fmt, path):
        loaded = load(path, ctx.obj["framework"])
        previous = load(last, ctx.obj["framework"]).review if last else None
    results = suggest(loaded.review, loaded.framework, previous=previous, limit=limit)
    if xlsx:
        from vlr.output import refuse_input
        from vlr.reports.coverage_workbook import write_suggestions_workbook

        refuse_input(xlsx, loaded.review.files)
        write_suggestions_workbook(xlsx, results)
    if fmt == "json":
        click.echo(
            json.dumps(
                [r.model_dump(include={"kind", "id", "mapped", "suggestions", "doubtful"}) for r in results],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        click.echo(to_text(results))
    if xlsx:
        click.echo(f"Wrote {xlsx}", err=True)


# --- import --------------------------------------------------------------------------


@main.group("import")
def import_() -> None:
    """Make vlr workbooks from data published with other tools."""


@import_.command("open-sdg")
@click.argument("source", type=click.Path(path_type=str))
@click.option(
    "-o",
    "--output",
    "folder",
    required=True,
    type=click.Path(path_type=str),
    help="New (or empty) folder for the workbooks.",
)
@click.option("--city", help="The city (or region, country) of the review.")
@click.option("--country", help="Its country.")
@click.option("--year", type=click.IntRange(1900, 2100), help="The review year (default: this year).")
@click.option("--language", default="en", show_default=True, help="Language of the review (en, fi, sv, de, …).")
@click.pass_context
def import_open_sdg(
    ctx: click.Context, source: str, folder: str, city: str | None, country: str | None, year: int | None, language: str
) -> None:
    """Import an Open SDG data repository (its data/ and meta/ folders) into vlr workbooks.

    Writes FOLDER/review.xlsx (Review, and Actions for you to fill in) and
    FOLDER/open-sdg.xlsx (Indicators and Data), then says what it imported and skipped.
    """
    from vlr.main import import_open_sdg as run

    result = run(
        source, folder, city=city, country=country, year=year, language=language, framework=ctx.obj["framework"]
    )
    n = len(result.indicators)
    click.echo(
        f"Imported {n} indicator{'s' if n != 1 else ''} with {result.data_rows} values from {source} "
        f"into {folder}/review.xlsx and {folder}/open-sdg.xlsx."
    )
    dropped: dict[str, int] = {}
    for ind in result.indicators:
        for why, n in ind.dropped.items():
            dropped[why] = dropped.get(why, 0) + n
    if dropped:
        click.echo("Rows left out: " + "; ".join(f"{n} with {why}" for why, n in sorted(dropped.items())) + ".")
    moved = sum(ind.moved for ind in result.indicators)
    if moved:
        click.echo(
            f"{moved} rows whose kind of period overlapped the rest of their series (a year beside a "
            "financial year) were given a series of their own."
        )
    if result.skipped:
        click.echo(f"\nSkipped {len(result.skipped)} files:")
        by_reason: dict[str, list[str]] = {}
        for s in result.skipped:
            by_reason.setdefault(s.reason, []).append(s.file)
        for reason, files in sorted(by_reason.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            shown = ", ".join(files[:4]) + (f" and {len(files) - 4} more" if len(files) > 4 else "")
            click.echo(_wrap(f"{len(files)} \u00d7 {reason}: {shown}", "  "))
    click.echo("\nFor you to add:")
    todo = [f"the {field} on the Review sheet of review.xlsx" for field in result.to_fill]
    todo += [
        "the Direction of each indicator (increase or decrease; Open SDG does not say which way is good)",
        "the city's actions on the Actions sheet, and the indicators that follow them",
        "baselines and targets where the city has them",
    ]
    for item in todo:
        click.echo(f"  - {item}")
    click.echo(f"\nThen: vlr validate {folder}   and   vlr build {folder}")


def run() -> None:  # pragma: no cover - console entry used by python -m vlr
    main(prog_name="vlr")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run())
