"""The library entry points: every ``vlr`` command is one call here.

    >>> from vlr.main import validate
    >>> report = validate("indicators/")
    >>> report.ok, len(report.errors)

Each function reads what it needs, calls the stages in order and returns their result;
:mod:`vlr.cli` only turns options into a call and the result into a report
(:mod:`vlr.reports`). Heavy modules are imported by the functions that need them, so that
``vlr --help`` and ``vlr validate`` start quickly.

The words of a result (its messages, reasons, a workbook's headings) are in the review's
language (:func:`language_of`): ``language`` where a function takes one, else the Review
sheet's ``Language``; a report of it is written within :func:`vlr.formatting.speaking` that
language.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from vlr.analysis.result import Analysis, Loaded, analysis_of  # light: the analysis loads when it runs
from vlr.draft.options import BuildOptions  # light: a dataclass

if TYPE_CHECKING:
    from vlr.analysis.diff import Diff, Tolerance
    from vlr.analysis.progress import Thresholds
    from vlr.analysis.suggest import Suggestions
    from vlr.analysis.wording import Wording
    from vlr.draft.build import BuildResult
    from vlr.findings import Finding, Report
    from vlr.framework.catalogue import Framework, FrameworkDiff
    from vlr.framework.search import Hit
    from vlr.imports.imported import Import
    from vlr.workbook.template import InitResult

__all__ = [
    "DEFAULT_INPUT",
    "Analysis",
    "BuildOptions",
    "BuildResult",
    "Loaded",
    "analyse",
    "analysis_of",
    "build",
    "check_docx",
    "coverage_workbook",
    "diff_workbook",
    "diff",
    "framework_import",
    "framework_in_use",
    "framework_search",
    "framework_translations",
    "framework_translations_workbook",
    "import_open_sdg",
    "import_sdmx",
    "init",
    "language_of",
    "load",
    "suggest",
    "suggestions_workbook",
    "validate",
]

PathLike = str | os.PathLike

#: The review read when no path is given.
DEFAULT_INPUT = Path("indicators")


def load(path: PathLike = DEFAULT_INPUT, framework: PathLike | None = None, strict: bool = False) -> Loaded:
    """Read the workbook or folder at ``path`` and check it against the SDG framework.

    Raises :class:`vlr.exceptions.UnreadableInput` when the input cannot be read at all;
    every other problem is a finding in the report. Narratives that use template
    features are rendered as the build renders them (:func:`vlr.texts.context.narrative_findings`)."""
    from vlr.findings import Report
    from vlr.framework.catalogue import load_framework
    from vlr.workbook.checks import run_checks
    from vlr.workbook.reader import read_review

    fw = load_framework(framework)
    with _collector_paused():
        read = read_review(Path(path))
        findings = run_checks(read, fw)
    from vlr.texts.claims import claim_findings

    findings = [*findings, *claim_findings(read.review)]  # the officers' figures against the data
    loaded = Loaded(read.review, Report.of(findings, strict=strict), fw, Path(path))
    if any(n.text and "{" in n.text for n in read.review.narratives):
        from vlr.texts.context import narrative_findings

        loaded.report = Report.of([*findings, *narrative_findings(loaded)], strict=strict)
    return loaded


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector during a bulk load (hundreds of thousands of
    small objects, no cycles); where the process froze its objects already (the ``vlr``
    command, :func:`vlr.commandline.settle`), freeze the review too: it lives as long."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count():
            gc.freeze()  # else the collector passed over its million objects twice (0.4 s)
        if enabled:
            gc.enable()


def language_of(loaded: Loaded, language: str | None = None) -> str:
    """The language of the reports on the review ``loaded``: ``language`` (``--language``)
    where given, else the Review sheet's ``Language``, else English. Whether vlr speaks it
    says :func:`vlr.formatting.spoken`: where it does not, the words are English."""
    return language or loaded.review.info.language or "en"


def validate(path: PathLike = DEFAULT_INPUT, framework: PathLike | None = None, strict: bool = False) -> Report:
    """The validation report of the review at ``path`` (``vlr validate``)."""
    return load(path, framework, strict).report


def analyse(
    path: PathLike = DEFAULT_INPUT,
    framework: PathLike | None = None,
    *,
    method: str = "unsd",
    thresholds: Thresholds | None = None,
    breakdowns: bool = False,
    hlpf_goals: list[int] | None = None,
    language: str | None = None,
) -> Analysis:
    """Coverage and progress of the review at ``path`` (``vlr coverage``, ``vlr progress``).

    ``method`` is ``unsd`` or ``eurostat``; ``breakdowns`` adds each breakdown series
    to the headline; ``hlpf_goals`` overrides the goals marked as reviewed in depth. The
    messages are in ``language`` (:func:`language_of`), which the review takes as its own:
    its numbers are written as that language writes them."""
    from vlr.formatting import speaking

    loaded = load(path, framework)
    loaded.review.info.language = language_of(loaded, language)
    with speaking(loaded.review.info.language):
        return analysis_of(loaded, method=method, thresholds=thresholds, breakdowns=breakdowns, hlpf_goals=hlpf_goals)


def build(
    path: PathLike = DEFAULT_INPUT,
    options: BuildOptions | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> BuildResult:
    """Build the draft of the review at ``path`` as ``options`` say (``vlr build``); ``progress``
    is told what is being done, a line at a time.

    Raises :class:`~vlr.exceptions.InvalidReview` (with the validation report as its
    message) when the review has errors, and nothing is written. With ``options.update``
    the draft is refreshed in place (:mod:`vlr.draft.living`); with ``options.previous`` it
    says what changed since last review (:mod:`vlr.analysis.diff`)."""
    from vlr.draft.build import Build
    from vlr.formatting import _, base_language, speaking, spoken

    run = Build(options or BuildOptions(), progress)  # an open or foreign draft is refused before the long read
    with speaking(run.language or "en"):  # the review's own language is not known before it is read
        run.say(_("Reading and checking {path} \u2026").format(path=path))
    loaded = load(path, run.options.framework)
    run.lap("read and validate")
    language = run.language or loaded.review.info.language or "en"
    for n in loaded.review.narratives:  # a text that names no language is in the Review sheet's
        n.language = n.language or base_language(loaded.review.info.language)
    loaded.review.info.language = language  # numbers, dates and the document's language tag follow it
    if not spoken(language):
        run.say(
            f"  Note: vlr has no catalogue for the language '{language}' yet: its own words in the draft are "
            "in English (numbers and dates follow the language)."
        )
    with speaking(language):  # every word vlr writes into the draft and its data workbook, and says, in its language
        run.accept(loaded)
        last = None
        if run.options.previous is not None:
            run.say(_("Comparing with the previous review {path} \u2026").format(path=run.options.previous))
            last = load(run.options.previous, run.options.framework)
        return run.finish(loaded, path, last)


def build_drafts(
    path: PathLike, options: BuildOptions, *, progress: Callable[[str], None] | None = None
) -> list[BuildResult]:
    """The drafts ``vlr build`` writes: one (:func:`build`), or with several languages in
    ``options.language`` (``fi,sv,en``) one per language, each named ``NAME-<language>.docx``."""
    from dataclasses import replace

    languages = [x.strip() for x in (options.language or "").split(",") if x.strip()]
    if len(languages) <= 1:
        return [build(path, replace(options, language=languages[0] if languages else None), progress=progress)]
    if options.update is not None:
        from vlr.exceptions import OutputError

        raise OutputError("--update refreshes one draft, in its own language: give one --language, or none.")
    return [
        build(path, replace(options, language=language, language_suffix=True), progress=progress)
        for language in languages
    ]


def check_docx(path: PathLike) -> Report:
    """What EN 301 549 asks of a document, and the layout that makes a page unreadable,
    checked in any .docx (``vlr check-docx``)."""
    from vlr.draft.accessibility import check_docx as check

    return check(path)


def diff(
    old: PathLike,
    new: PathLike,
    framework: PathLike | None = None,
    *,
    method: str = "unsd",
    thresholds: Thresholds | None = None,
    tolerance: Tolerance | None = None,
    language: str | None = None,
) -> Diff:
    """Read the reviews at ``old`` and ``new`` (workbooks or folders) and compare them
    (``vlr diff``), the messages in ``language``, else in the new review's (:func:`language_of`).
    Raises :class:`~vlr.exceptions.UnreadableInput` when either cannot be read."""
    from vlr.analysis.diff import compare
    from vlr.formatting import speaking

    a, b = load(old, framework), load(new, framework)
    language = language_of(b, language)
    with speaking(language):
        result = compare(
            a.review,
            b.review,
            b.framework,
            method=method,
            thresholds=thresholds,
            tolerance=tolerance,
            old_name=str(old),
            new_name=str(new),
        )
    result.errors_old, result.errors_new = len(a.report.errors), len(b.report.errors)
    result.language = language
    return result


def init(
    folder: PathLike,
    *,
    city: str | None = None,
    country: str | None = None,
    year: int | None = None,
    themes: list[str] | None = None,
    split: str = "themes",
    language: str = "en",
    last: PathLike | None = None,
    last_framework: PathLike | None = None,
    framework: PathLike | None = None,
) -> tuple[InitResult, Loaded | None]:
    """Write the workbooks of a new review into ``folder`` (``vlr init``), or, with ``last``,
    of the next cycle of that review (``last_framework``: the edition it used). Returns what
    was written and the last review read, if any."""
    from vlr.framework.catalogue import load_framework
    from vlr.workbook.template import new_review, next_review

    fw = load_framework(framework)
    if last:
        from vlr.output import Input, refuse_input

        refuse_input(folder, [Input(Path(last), "last cycle's review", tree=True)], folder=True)
        loaded = load(last, framework)
        previous_edition = load_framework(last_framework) if last_framework else None
        return next_review(folder, loaded.review, fw, year=year, last_framework=previous_edition), loaded
    result = new_review(
        folder, fw, city=city, country=country, year=year, themes=themes, split=split, language=language
    )
    return result, None


def suggest(
    path: PathLike = DEFAULT_INPUT,
    framework: PathLike | None = None,
    *,
    last: PathLike | None = None,
    limit: int = 5,
    language: str | None = None,
) -> tuple[list[Suggestions], Loaded]:
    """SDG targets suggested for every action and indicator of the review at ``path``, and
    the doubtful mappings (``vlr suggest``); ``last``: last cycle's review, learnt from too.
    The reasons are in ``language`` (:func:`language_of`); the texts are searched in their own
    language. Returns the suggestions and the review read."""
    from vlr.analysis.suggest import suggest as suggestions
    from vlr.formatting import speaking

    loaded = load(path, framework)
    previous = load(last, framework).review if last else None
    with speaking(language_of(loaded, language)):
        return suggestions(loaded.review, loaded.framework, previous=previous, limit=limit), loaded


def framework_in_use(framework: PathLike | None = None) -> Framework:
    """The SDG framework vlr checks against: the shipped edition, or the file made by
    ``vlr framework import`` (``vlr framework info``, ``show``)."""
    from vlr.framework.catalogue import load_framework

    return load_framework(framework)


def framework_search(
    query: str, framework: PathLike | None = None, *, limit: int = 15, language: str | None = None
) -> list[Hit]:
    """Targets for a city's own words, best first, each with why it matched (``vlr framework
    search``), in ``language`` (``en``, ``fi``, ``sv``), else in the language the query is in."""
    from vlr.framework.catalogue import load_framework
    from vlr.framework.search import index_for, query_language

    fw = load_framework(framework)
    return index_for(fw, language or query_language(query, fw)).search(query, limit=limit)


def framework_translations(
    path: PathLike = DEFAULT_INPUT,
    language: str = "fi",
    framework: PathLike | None = None,
    *,
    everything: bool = False,
) -> tuple[Wording, list[Finding], Loaded]:
    """The official texts of the targets and indicators the review at ``path`` uses (all the
    framework's with ``everything``) in ``language``, each from the review's Translations
    sheets, vlr's shipped translations or none (``vlr framework translations``); the findings of
    the Translations rows that cannot be used; and the review read."""
    from vlr.analysis.wording import wording

    loaded = load(path, framework)
    from vlr.workbook.words import english

    rows = [
        f
        for f in loaded.report.findings
        if f.rule.startswith("translation-") or (f.sheet and english(f.sheet, ["Translations"]))
    ]
    return wording(loaded, language, everything), rows, loaded


def framework_translations_workbook(
    xlsx: PathLike, found: Wording, loaded: Loaded, *, force: bool = False
) -> Path | None:
    """Write the workbook of a Translations sheet to fill in for ``found`` (made by
    :func:`framework_translations`); never over or among the workbooks read, an earlier file kept
    as in :func:`coverage_workbook`."""
    from vlr.output import refuse_input, replace_file
    from vlr.reports.framework import translations_sheet

    refuse_input(xlsx, loaded.read())
    return replace_file(xlsx, translations_sheet(found), force=force)


def framework_import(
    file: PathLike, framework: PathLike | None = None, *, edition: str | None = None, output: PathLike | None = None
) -> tuple[Framework, FrameworkDiff, Framework]:
    """Import the UN Statistics Division's framework workbook ``file`` (``vlr framework
    import``). Returns the new edition, what changed from the one in use, and that one.
    Given the ``output`` it will be saved to (:func:`save_framework`), it is refused first
    where it is one of the files read."""
    from vlr.framework.catalogue import diff as framework_diff
    from vlr.framework.catalogue import load_framework
    from vlr.framework.unworkbook import import_un_workbook

    if output is not None:
        from vlr.output import refuse_input

        refuse_input(output, [file, *([framework] if framework else [])])
    current = load_framework(framework)
    new = import_un_workbook(file, edition=edition)
    return new, framework_diff(current, new), current


def save_framework(output: PathLike, framework: Framework, read: list, *, force: bool = False) -> Path | None:
    """Write ``framework`` (made by :func:`framework_import`) to ``output`` as JSON, never over
    a file it was read from (``read``: the UN workbook, the framework in use); an earlier
    file is kept as ``NAME.previous.json`` unless ``force``: returns that copy, if any."""
    from vlr.output import refuse_input, replace_file

    refuse_input(output, [p for p in read if p is not None])
    return replace_file(output, framework.to_json().encode("utf-8"), force=force)


def import_open_sdg(
    source: PathLike,
    folder: PathLike,
    *,
    city: str | None = None,
    country: str | None = None,
    year: int | None = None,
    language: str = "en",
    framework: PathLike | None = None,
) -> Import:
    """Make vlr workbooks in the new ``folder`` from the Open SDG data repository at
    ``source`` (:mod:`vlr.imports.open_sdg`). Returns what was imported and skipped;
    ``source`` is only read."""
    from vlr.framework.catalogue import load_framework
    from vlr.imports.imported import write_import
    from vlr.imports.open_sdg import read_repository
    from vlr.output import Input, refuse_input

    refuse_input(folder, [Input(Path(source), "the Open SDG repository", tree=True)], folder=True)
    imported = read_repository(source, load_framework(framework), city=city, country=country, language=language)
    return write_import(imported, folder, city=city, country=country, year=year, language=language)


def import_sdmx(
    data: list[PathLike],
    folder: PathLike,
    *,
    structure: list[PathLike] | None = None,
    city: str | None = None,
    country: str | None = None,
    year: int | None = None,
    language: str = "en",
    framework: PathLike | None = None,
) -> Import:
    """Make vlr workbooks in the new ``folder`` from the SDMX files (or folders of them)
    ``data``, whose codes the data structure in ``structure`` names (:mod:`vlr.imports.sdmx_data`).
    Returns what was imported and left out; the files are only read."""
    from vlr.framework.catalogue import load_framework
    from vlr.imports.imported import write_import
    from vlr.imports.sdmx_data import read_sdmx
    from vlr.output import inputs, refuse_input

    paths, dsd = [Path(p) for p in data], [Path(p) for p in structure or []]
    refuse_input(folder, [*inputs(paths, "the SDMX data", tree=True), *inputs(dsd, "the data structure")], folder=True)
    imported = read_sdmx(paths, load_framework(framework), structure=dsd, city=city, country=country, language=language)
    return write_import(imported, folder, city=city, country=country, year=year, language=language)


def coverage_workbook(xlsx: PathLike, analysis: Analysis, *, force: bool = False) -> Path | None:
    """Write the reviewer's coverage workbook of ``analysis`` (``vlr coverage --xlsx``); never
    over one of the review's own workbooks, nor among them. An earlier file at ``xlsx`` is
    kept as ``NAME.previous.xlsx`` unless ``force``: returns that copy, if one was made."""
    from vlr.formatting import speaking
    from vlr.framework.translations import using
    from vlr.output import refuse_input
    from vlr.reports.workbooks import write_coverage_workbook

    refuse_input(xlsx, analysis.loaded.read())
    # the language the analysis was made in (analyse); the targets' texts the city's where it gives them
    with speaking(language_of(analysis.loaded)), using(analysis.loaded.translations):
        return write_coverage_workbook(xlsx, analysis.coverage, analysis.progress, analysis.review, force=force)


def diff_workbook(xlsx: PathLike, result: Diff, inputs: list[PathLike], *, force: bool = False) -> Path | None:
    """Write the reviewer's workbook of the changes (``vlr diff --xlsx``); never over an input,
    nor inside the folder of one; an earlier file is kept as in :func:`coverage_workbook`."""
    from vlr.formatting import speaking
    from vlr.output import refuse_input
    from vlr.reports.workbooks import write_diff_workbook

    refuse_input(xlsx, inputs)
    with speaking(result.language):
        return write_diff_workbook(xlsx, result, force=force)


def suggestions_workbook(
    xlsx: PathLike,
    results: list[Suggestions],
    loaded: Loaded,
    last: PathLike | None = None,
    *,
    force: bool = False,
    language: str | None = None,
) -> Path | None:
    """Write the reviewer's workbook of the suggestions (``vlr suggest --xlsx``), in ``language``
    (:func:`language_of`, as :func:`suggest` was given); never over one of the workbooks read
    (this review's, or ``last`` cycle's), nor among them; an earlier file is kept as in
    :func:`coverage_workbook`."""
    from vlr.formatting import speaking
    from vlr.output import refuse_input
    from vlr.reports.workbooks import write_suggestions_workbook

    refuse_input(xlsx, [*loaded.read(), *([last] if last else [])])
    with speaking(language_of(loaded, language)):
        return write_suggestions_workbook(xlsx, results, force=force)


def __getattr__(name: str):
    """``vlr.main.BuildResult``, imported only when asked for: the build's module loads
    python-docx, which a ``vlr validate`` does not need."""
    if name == "BuildResult":
        from vlr.draft.build import BuildResult

        return BuildResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
