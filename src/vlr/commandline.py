"""What the ``vlr`` command is made of, apart from its commands (:mod:`vlr.cli`): the options
several commands share, the option values parsed with the library's own parsers, the
options of ``vlr build`` made from :class:`vlr.draft.options.BuildOptions`, the guard that
gives JSON even for an unreadable input, and the group that turns a bug into one line.
Imports nothing heavy: it is loaded for ``vlr --help``.
"""

from __future__ import annotations

import contextlib
import os
import sys

import click

from vlr.draft.options import METHOD_HELP, METHODS

INPUT = click.argument("path", required=False, default="indicators", type=click.Path(path_type=str))


def formats(*choices: str):
    return click.option("--format", "fmt", type=click.Choice(["text", *choices]), default="text", show_default=True)


# eager: the method is known before --threshold is parsed against its cut-offs, whatever
# the order the options are written in
METHOD = click.option(
    "--method", type=click.Choice(METHODS), default=METHODS[0], show_default=True, is_eager=True, help=METHOD_HELP
)
LANGUAGE = click.option(
    "--language", default="en", show_default=True, help="Language of the review (en, fi, sv, de, …)."
)


class Group(click.Group):
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


def settle(module: str) -> None:
    """Let the garbage collector look at new objects every 50,000 made rather than 700,
    import ``module``, and move every object made so far out of the collector's sight
    (:func:`gc.freeze`): the modules and classes of a command live as long as its process,
    and a build makes hundreds of thousands of small objects and few cycles. The
    collector's passes took 130-150 ms of a ``vlr build --update`` of the example, now
    about 10 ms. For a command only, never in the library: what is frozen is never
    collected."""
    import gc
    import importlib

    gc.set_threshold(50_000, 20, 10)
    importlib.import_module(module)
    gc.freeze()


def as_process(command: click.Command) -> None:
    """Run the click ``command`` as the ``vlr`` process, then end the process without
    Python's teardown, which frees every object one at a time: 60-250 ms after a ``vlr
    build`` (every module, the review, the draft's XML). The exit functions run and the
    output is flushed first; while another thread runs, the process ends as Python ends it."""
    import atexit
    import threading

    try:
        command(prog_name="vlr")
        code = 0
    except SystemExit as exc:
        code = exc.code
    if threading.active_count() > 1 or not (code is None or isinstance(code, int)):
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe, a closed stream
            stream.flush()
    os._exit(code or 0)


def note(text: str | None) -> None:
    if text:
        click.echo(text, err=True)


@contextlib.contextmanager
def json_on_failure(fmt: str, path: str, language: str | None = None):
    """With ``--format json``, an input that cannot be read still gives JSON on standard
    output (``ok`` false and the reason as a finding), so that a CI job has something to
    parse; the one-line reason goes to standard error and the exit code stays 2. Within the
    block, vlr speaks ``language`` where one is given (the review's is not known yet)."""
    from vlr.exceptions import UnreadableInput
    from vlr.formatting import speaking, speaking_now
    from vlr.reports.terminal import unreadable_json

    try:
        with speaking(language or speaking_now()):
            yield
    except UnreadableInput as exc:
        if fmt != "json":
            raise
        click.echo(unreadable_json(path, exc.message))
        click.echo(f"Error: {exc.message}", err=True)
        sys.exit(exc.exit_code)


@contextlib.contextmanager
def report_in(language: str):
    """Within the block, the report speaks ``language`` (:func:`vlr.formatting.speaking`); a
    language vlr has no catalogue for is said once, on standard error, and English is spoken."""
    from vlr.formatting import speaking, spoken
    from vlr.reports.terminal import language_note

    if not spoken(language):
        note(language_note(language))
    with speaking(language):
        yield


def report_import(fmt: str, shown: str, folder: str, language: str, call) -> None:
    """Run an import (``call``) and print what it imported and left out, and why, in
    ``language`` (a language vlr has no catalogue for is said once and the report is English);
    an input it cannot read is said in it too. The JSON (``--format json``), also of an input
    it cannot read, is English whatever the language: its reasons are what scripts group by."""
    from vlr.reports.terminal import import_summary

    spoken = "en" if fmt == "json" else language
    with contextlib.ExitStack() as stack:
        if fmt != "json":
            stack.enter_context(report_in(language))
        with json_on_failure(fmt, shown, spoken):
            result = call()
        click.echo(import_summary(result, shown, folder, fmt))


def parsed(parse, hint: str | None = None, advice: str | None = None):
    """A click callback that parses an option's value with ``parse`` and turns its
    :class:`ValueError` into click's message (``advice`` instead of the error's own words)."""

    def callback(ctx: click.Context, param, value):
        if value is None or value == ():  # not given
            return None
        try:
            return parse(ctx, value)
        except ValueError as exc:
            raise click.BadParameter(advice or str(exc), param_hint=hint) from None

    return callback


def parse_goals(ctx, text):
    from vlr.values import goal_numbers

    return goal_numbers(text)


def parse_thresholds(ctx, items):
    from vlr.analysis.progress import Thresholds

    return Thresholds.changed(ctx.params.get("method", "unsd"), items)


def parse_date(ctx, text):
    import datetime as dt

    if not text:  # --date "" is today, as no --date is
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a date; write it as YYYY-MM-DD") from None


def parse_tolerance(ctx, text):
    from vlr.analysis.diff import Tolerance

    return Tolerance.parse(text)


def path_option(*decls: str, help: str, metavar: str | None = None, **path):
    """An option naming a file or folder, kept as the user wrote it."""
    return click.option(*decls, type=click.Path(path_type=str, **path), metavar=metavar, help=help)


def build_options(command):
    """The options of ``vlr build``, one per field of :class:`vlr.draft.options.BuildOptions`."""
    from vlr.draft.options import command_line

    for name, spec in reversed(command_line()):
        flags, help = spec.pop("flags") or ("--" + name.replace("_", "-"),), spec.pop("help")
        if spec.pop("flag", False):
            option = click.option(*flags, name, is_flag=True, help=help)
        elif "choices" in spec:
            option = click.option(
                *flags,
                name,
                type=click.Choice(spec["choices"]),
                default=spec["choices"][0],
                show_default=True,
                help=help,
            )
        elif spec.pop("date", False):
            option = click.option(*flags, name, callback=parsed(parse_date, "--date"), metavar="YYYY-MM-DD", help=help)
        elif spec.pop("text", False):
            option = click.option(*flags, name, metavar=spec.get("metavar"), help=help)
        else:
            option = path_option(*flags, name, help=help, **spec)
        command = option(command)
    return command


def tell(message: str) -> None:
    click.echo(message, err=True)


def options(declared: list):
    """Apply a command's option declarations (a list of click options), in the order listed."""

    def apply(command):
        for option in reversed(declared):
            command = option(command)
        return command

    return apply


#: Replace an existing output without keeping the earlier one (``coverage``, ``diff``,
#: ``suggest``, ``framework import``; the build's is one of :class:`BuildOptions`).
FORCE = click.option(
    "--force", is_flag=True, help="Replace an existing file without keeping the earlier one as NAME.previous.xlsx."
)


def parse_language(ctx, text):
    from vlr.formatting import known_language

    if not known_language(text):
        raise ValueError(f"'{text}' is not a language code; give one such as fi, sv or en")
    return text.strip()


#: The language a report is written in (``vlr coverage``, ``progress``, ``diff``, ``suggest``, ``validate``).
REPORT_LANGUAGE = click.option(
    "--language",
    callback=parsed(parse_language, "--language"),
    metavar="CODE",
    help="Write the report in this language (fi, sv, en, …; default: the review's Language).",
)


def wrote(path: str, backup=None) -> None:
    """Say that ``path`` was written, and where the file that was there is kept (in the language spoken)."""
    from vlr.formatting import _

    click.echo(_("Wrote {path}").format(path=path), err=True)
    if backup is not None:
        kept = _("The file that was there is kept as {backup} (--force replaces it without a copy).")
        click.echo("  " + kept.format(backup=backup), err=True)


#: The options of ``vlr init``.
INIT = [
    click.option("--city", help="The city (or region) of the review."),
    click.option("--country", help="Its country."),
    click.option(
        "--year",
        type=click.IntRange(1900, 2100),
        help="The review year (default: this year; with --from, the year after the last review).",
    ),
    click.option("--themes", help='The review\'s themes, separated by semicolons: "Climate; Learning; Events".'),
    click.option(
        "--split",
        type=click.Choice(["themes", "one"]),
        default="themes",
        show_default=True,
        help="One workbook per theme beside review.xlsx, or a single workbook.",
    ),
    LANGUAGE,
    path_option(
        "--from",
        "last",
        help="Start from last cycle's review (a workbook or folder): actions, indicators, data and narratives carried "
        "over.",
    ),
    path_option(
        "--last-framework",
        help="With --from: the framework edition last cycle used (made by 'vlr framework import'), to report the "
        "official indicators the current one replaced or reworded.",
        dir_okay=False,
        exists=True,
    ),
]

#: The language of an import: the review's, the one the source's names are taken in where it has
#: them (an Open SDG repository's translations, a data structure's names) and the report's.
IMPORT_LANGUAGE = click.option(
    "--language",
    default="en",
    show_default=True,
    help="Language of the review (en, fi, sv, de, …): the source's names are taken in it where it has them, and "
    "the report is written in it.",
)

#: The options of ``vlr import open-sdg``.
IMPORT_OPEN_SDG = [
    click.option(
        "-o",
        "--output",
        "folder",
        required=True,
        type=click.Path(path_type=str),
        help="New (or empty) folder for the workbooks.",
    ),
    click.option("--city", help="The city (or region, country) of the review."),
    click.option("--country", help="Its country."),
    click.option("--year", type=click.IntRange(1900, 2100), help="The review year (default: this year)."),
    IMPORT_LANGUAGE,
    formats("json"),
]

#: The options of ``vlr coverage``.
COVERAGE = [
    formats("json", "csv", "markdown"),
    click.option(
        "--xlsx",
        type=click.Path(dir_okay=False),
        help="Also write a workbook with one sheet per view (goals, targets, heatmap, gaps, progress).",
    ),
    FORCE,
    click.option(
        "--hlpf",
        callback=parsed(parse_goals),
        help="Goals reviewed in depth (default: the HLPF's for the review year).",
    ),
    METHOD,
    REPORT_LANGUAGE,
]

#: The options of ``vlr import sdmx``: its data structure, then those of every import.
IMPORT_SDMX = [
    click.option(
        "--structure",
        multiple=True,
        type=click.Path(path_type=str),
        help="The data structure (DSD, an SDMX-ML structure message) that names the codes; may be given twice.",
    ),
    *IMPORT_OPEN_SDG,
]

#: The options of ``vlr progress`` beside its method and format.
PROGRESS = [
    click.option(
        "--breakdowns", is_flag=True, help="Also assess each breakdown series (Series column), not only the total."
    ),
    click.option(
        "--threshold",
        "thresholds",
        multiple=True,
        callback=parsed(parse_thresholds),
        metavar="NAME=VALUE",
        help="Change a cut-off of the method, e.g. on_track_ratio=0.9 (repeatable).",
    ),
    REPORT_LANGUAGE,
]

#: The options of ``vlr diff`` beside its method and format.
DIFF = [
    click.option(
        "--tolerance",
        callback=parsed(parse_tolerance, "--tolerance"),
        help="Leave out revisions this small: an absolute difference (0.05) or a share of the old value (1%).",
    ),
    path_option("--xlsx", help="Also write a reviewer's workbook of the changes.", dir_okay=False),
    FORCE,
    REPORT_LANGUAGE,
]

#: The options of ``vlr suggest``.
SUGGEST = [
    path_option("--from", "last", help="Also learn from last cycle's mappings."),
    formats("json"),
    path_option(
        "--xlsx",
        help="Write a reviewer's workbook: a row per action and indicator with its targets, the suggestions and the "
        "doubts.",
        dir_okay=False,
    ),
    FORCE,
    click.option("--limit", default=5, show_default=True, help="Suggestions per action or indicator."),
    REPORT_LANGUAGE,
]


# --- the framework's commands ----------------------------------------------------------

TRANSLATIONS = path_option(
    "--translations",
    help="A review (workbook or folder) whose Translations sheets give the framework's texts first.",
    metavar="PATH",
)
FRAMEWORK_SHOW = [
    click.option("--language", default="en", show_default=True, help="Show the texts in this language (de, fr, …)."),
    TRANSLATIONS,
    formats("json"),
]
FRAMEWORK_SEARCH = [
    click.option("--limit", default=15, show_default=True, help="Most results to show."),
    click.option("--language", type=click.Choice(["en", "fi", "sv"]), help="The query's language (default: found)."),
    click.option("--show-in", help="Show the targets' texts in this language (default: the query's).", metavar="LANG"),
    click.option(
        "--min-confidence",
        type=click.FloatRange(0, 1),
        default=0.0,
        help="Show only the targets at least this likely to be acceptable (0 to 1, e.g. 0.5).",
    ),
    TRANSLATIONS,
    formats("json"),
]


def parse_translation_language(ctx, text):
    """A language code other than English (the framework's own)."""
    text = parse_language(ctx, text)
    if text.replace("_", "-").split("-")[0].lower() == "en":
        raise ValueError("the framework's texts are English already; give the language to translate them into")
    return text


FRAMEWORK_TRANSLATIONS = [
    click.option(
        "--language",
        required=True,
        callback=parsed(parse_translation_language, "--language"),
        help="The language of the texts (fi, sv, de, …; not en).",
    ),
    click.option("--all", "everything", is_flag=True, help="Every target and indicator, not only the review's."),
    path_option("--xlsx", help="Also write a Translations sheet to fill in, with the texts known.", dir_okay=False),
    FORCE,
    formats("json"),
]


def city_translations(path: str | None, framework: str | None):
    """The usable rows of the Translations sheets of the review at ``path`` (None: none)."""
    from vlr.main import load

    return load(path, framework).translations if path else None
