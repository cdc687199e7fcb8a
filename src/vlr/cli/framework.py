"""``vlr framework``: the official SDG framework, as the UN publishes it and in the review's
languages: ``info``, ``show``, ``search``, ``translations`` and ``import``. Registered on the
``vlr`` command by :mod:`vlr.cli`."""

from __future__ import annotations

import click

from vlr.commandline import (
    FORCE,
    FRAMEWORK_SEARCH,
    FRAMEWORK_SHOW,
    FRAMEWORK_TRANSLATIONS,
    INPUT,
    city_translations,
    formats,
    options,
    path_option,
    wrote,
)


@click.group()
def framework() -> None:
    """The official SDG framework: goals, targets and indicators."""


@framework.command("info")
@formats("json")
@click.pass_context
def framework_info(ctx: click.Context, fmt: str) -> None:
    """Edition, source and counts of the framework in use."""
    from vlr.main import framework_in_use
    from vlr.reports.framework import info

    click.echo(info(framework_in_use(ctx.obj["framework"]), fmt))


@framework.command("show")
@click.argument("code")
@options(FRAMEWORK_SHOW)
@click.pass_context
def framework_show(ctx: click.Context, code: str, language: str, translations: str | None, fmt: str) -> None:
    """Show a goal (13), a target (11.2) or an indicator (11.2.1); with --language, its texts in
    that language where known (the city's, vlr's German, French, Spanish), others marked (in English)."""
    from vlr.framework.translations import using
    from vlr.main import framework_in_use
    from vlr.reports.framework import show

    with using(city_translations(translations, ctx.obj["framework"])):
        click.echo(show(framework_in_use(ctx.obj["framework"]), code, fmt, language))


@framework.command("search")
@click.argument("query", nargs=-1, required=True)
@options(FRAMEWORK_SEARCH)
@click.pass_context
def framework_search(ctx: click.Context, query: tuple[str, ...], language: str | None, **shown) -> None:
    """Find SDG targets for words, as a city says them ("bike lanes", "leikkipuistot", "cykelbanor").

    Each target comes with its indicators and why it matched: a term of vlr's municipal
    thesaurus (English, Finnish, Swedish), or words of the target's and its indicators' texts."""
    from vlr.formatting import speaking
    from vlr.framework.search import query_language
    from vlr.framework.translations import using
    from vlr.main import framework_in_use
    from vlr.main import framework_search as run
    from vlr.reports.framework import search

    words, fw = " ".join(query), framework_in_use(ctx.obj["framework"])
    language = language or query_language(words, fw)
    shown_in = shown["show_in"] or language  # the results, and why each matched, in this language
    with using(city_translations(shown["translations"], ctx.obj["framework"])), speaking(shown_in):
        hits = run(words, ctx.obj["framework"], limit=shown["limit"], language=language)
        click.echo(search(hits, words, fw.edition, shown["fmt"], shown_in, shown["min_confidence"]))


@framework.command("translations")
@INPUT
@options(FRAMEWORK_TRANSLATIONS)
@click.pass_context
def framework_translations(ctx: click.Context, path: str, language: str, xlsx: str | None, **shown) -> None:
    """Which official texts of the review's targets and indicators are known in a language: from
    its Translations sheet, else vlr's (German, French, Spanish); the rest the draft quotes in
    English, marked. With --xlsx, a Translations sheet to fill in and add to the review."""
    from vlr.formatting import speaking
    from vlr.main import framework_translations as run
    from vlr.main import framework_translations_workbook
    from vlr.reports.framework import translations

    found, findings, loaded = run(path, language, ctx.obj["framework"], everything=shown["everything"])
    click.echo(translations(found, findings, shown["fmt"]))
    if xlsx:
        with speaking(language):  # said in the language asked about, as the report above
            wrote(xlsx, framework_translations_workbook(xlsx, found, loaded, force=shown["force"]))


@framework.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@path_option(
    "-o", "--output", help="Write the framework here (JSON); without it, only the changes are shown.", dir_okay=False
)
@click.option("--edition", help="Edition label (default: the year of the latest UN document cited in the file).")
@FORCE
@click.pass_context
def framework_import(ctx: click.Context, file: str, output: str | None, edition: str | None, force: bool) -> None:
    """Import a UN indicator framework workbook and report what changed.

    Use a newer edition with 'vlr --framework FILE …' or VLR_FRAMEWORK=FILE.
    """
    from vlr.main import framework_import as run
    from vlr.main import save_framework
    from vlr.reports.framework import imported, written

    new, changes, current = run(file, ctx.obj["framework"], edition=edition, output=output)
    click.echo(imported(new, changes, current, file))
    if output:
        click.echo(written(output, save_framework(output, new, [file, ctx.obj["framework"]], force=force)))
