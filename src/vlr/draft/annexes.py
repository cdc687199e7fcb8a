"""The annexes: the action–target mapping, indicator metadata, the statistical annex
(:mod:`vlr.draft.statistical`; bounded, every value is in the companion data workbook) and
the data-quality notes."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vlr.analysis.result import Analysis
from vlr.draft import statistical
from vlr.draft.background import in_background
from vlr.draft.official import official, official_of, official_texts
from vlr.draft.regions import GENERATED, region_text
from vlr.draft.statistical import Plan
from vlr.draft.writer import Writer, table_xml_for, turned_width_cm
from vlr.findings import Severity
from vlr.formatting import N_, _, n_
from vlr.rules import NARRATIVE_CLAIM
from vlr.texts.sentences import unit_words

#: A review with more data points than this has its largest annexes made in a process of
#: their own (:func:`planned_apart`).
APART_POINTS = 5_000


@dataclass
class Apart:
    """What was made apart of a large review's annexes: Annex 1's table (the landscape text
    width it was made for, its caption, XML, rows and the text a region reads in it) and
    Annex 3's plan."""

    mapping: tuple[float, str, str, int, str]
    statistical: Plan


def planned_apart(analysis: Analysis, data_workbook: str | None, w: Writer) -> Callable[[], Apart | None]:
    """Annex 1's table and Annex 3's plan of a large review, begun now in a forked process
    while the chapters are laid out; for a small review, made when placed. The widths are the
    landscape and portrait text widths of the pages they go on (:meth:`Writer.new_section`
    turns the page, its margins stay)."""
    if sum(len(points) for points in analysis.review.data_by_indicator.values()) <= APART_POINTS:
        return lambda: None
    section = w.doc.sections[-1]
    portrait, landscape = turned_width_cm(section, landscape=False), turned_width_cm(section, landscape=True)

    def made() -> bytes:
        caption, headers, rows, widths = _mapping_table(analysis)
        xml = table_xml_for(caption, headers, rows, widths, landscape, w.table_style, small=True)
        annex_3 = statistical.plan(analysis.review, data_workbook, portrait, w.table_style)
        return pickle.dumps(Apart((landscape, caption, xml, len(rows), region_text(xml)), annex_3))

    result = in_background(made)
    return lambda: pickle.loads(result())  # noqa: S301 - bytes this process's own fork made


def annexes(w: Writer, analysis: Analysis, options, planned: Callable[[], Apart | None] | None = None) -> None:
    """The annexes; ``planned`` gives Annex 1's table and Annex 3 where they were made apart
    (:func:`planned_apart`)."""
    apart = planned() if planned is not None else None
    with w.region("annexes-list", GENERATED):
        w.paragraph(_("The annexes hold the details behind the chapters above:"))
        w.bullets(
            [
                _("Annex 1. Action\u2013target mapping: every action against the targets it serves"),
                _("Annex 2. Indicator metadata: sources, owners and the official SDG indicators"),
                _("Annex 3. Statistical annex: the data of every indicator, a row per series"),
                *(
                    []
                    if options.final
                    else [
                        _(
                            "Annex 4. Internal: the workbooks, the validation's warnings with their places; remove "
                            "before publishing"
                        )
                    ]
                ),
            ]
        )

    # Annex 1 on landscape pages (a column per goal), begun before the annexes' heading
    with w.region("annex-1", GENERATED):
        _mapping(w, analysis, apart.mapping if apart else None)
    w.new_section(landscape=False)
    with w.region("annex-2", GENERATED):
        _metadata(w, analysis)
    with w.region("annex-3", GENERATED):
        w.heading(_("Annex 3. Statistical annex"), 2)
        statistical.annex(w, analysis.review, options.data_workbook, apart.statistical if apart else None)
    if not options.final:
        with w.region("annex-internal", GENERATED):
            internal_annex(w, analysis, options)


def _mapping(w: Writer, analysis: Analysis, made: tuple[float, str, str, int, str] | None = None) -> None:
    """Annex 1: its table as it was ``made`` apart for this page's width, else made now."""
    w.heading(_("Annex 1. Action\u2013target mapping"), 2)
    w.paragraph(_("Each row is an action; a column per goal lists the targets of that goal the action is mapped to."))
    if made is not None and made[0] == w.width_cm:
        _width, caption, xml, rows, text = made
        w.placed_table(caption, xml, rows, text=text)
    else:
        caption, headers, rows, widths = _mapping_table(analysis)
        w.table(caption, headers, rows, widths, small=True)


def _mapping_table(analysis: Analysis) -> tuple[str, list[str], list[list], list[float]]:
    """Annex 1's table: its caption, headings, a row per action, the columns' widths (cm)."""
    review, fw = analysis.review, analysis.loaded.framework
    rows = []
    for a in review.actions_by_id.values():
        by_goal: dict[int, list[str]] = {}
        for code in a.targets:
            target = fw.target(code)
            if target:
                by_goal.setdefault(target.goal, []).append(code)
        rows.append([a.id, a.theme, *[", ".join(by_goal.get(n, [])) for n in range(1, 18)]])
    caption = _("Actions (rows) mapped to SDG targets, by goal (columns).")
    return caption, [_("Action"), _("Theme"), *map(str, range(1, 18))], rows, [1.9, 2.7, *[1.3] * 17]


def _metadata(w: Writer, analysis: Analysis) -> None:
    review, fw = analysis.review, analysis.loaded.framework
    w.heading(_("Annex 2. Indicator metadata"), 2)
    rows = []
    indicators = list(review.indicators_by_id.values())
    codes = [[c for c in ind.sdg_indicators if fw.indicator(c)] for ind in indicators]
    said = [official_of(analysis, c) for listed in codes for c in listed]
    marked = iter(official_texts(said))
    for ind, listed in zip(indicators, codes):
        texts = "; ".join(f"{c}: {next(marked)}" for c in listed) or "\u2013"
        rows.append(
            [
                f"{ind.id} {ind.name}",
                unit_words(ind.unit),
                _(ind.direction) if ind.direction else ind.direction,
                ", ".join(ind.targets),
                texts,
                ind.source,
                ind.owner,
            ]
        )
    w.table(
        _("Indicators, their SDG targets and official SDG indicators, sources and owners."),
        [
            _("Indicator"),
            _("Unit"),
            _("Direction"),
            _("Targets"),
            official(N_("Official SDG indicator"), said),
            _("Source"),
            _("Owner"),
        ],
        rows,
        [3.4, 1.8, 1.6, 1.5, 4.4, 2.3, 2.0],
        small=True,
    )


def internal_annex(w: Writer, analysis: Analysis, options) -> None:
    """What only the people preparing the review need: file names, the validation's
    warnings with their cells, how the draft was made. Left out with ``--final``."""
    from vlr import __version__

    review = analysis.review
    w.heading(_("Annex 4. Internal: remove before publishing"), 2)
    w.paragraph(
        _(
            "This annex is for the people preparing the review, not for publication: delete it before the review "
            "is published, or build the final document with vlr build --final."
        ),
        bold=True,
    )
    w.paragraph(
        n_(
            "Assembled by vlr {version} on {date} from {n} workbook: {files}.",
            "Assembled by vlr {version} on {date} from {n} workbooks: {files}.",
            len(review.files),
        ).format(
            version=__version__,
            date=options.date.isoformat(),
            n=len(review.files),
            files=", ".join(Path(f).name for f in review.files),
        )
        + (
            " "
            + _("Every value is in the data workbook {name}, written beside this document.").format(
                name=options.data_workbook
            )
            if options.data_workbook
            else ""
        )
    )
    _checked_figures(w, analysis)
    warnings = [
        f for f in analysis.loaded.report.findings if f.severity == Severity.WARNING and f.rule != NARRATIVE_CLAIM.code
    ]
    if warnings:
        w.paragraph(
            n_(
                "Validation of the workbooks gave {n} warning; it is listed with its place.",
                "Validation of the workbooks gave {n} warnings; each is listed with its place.",
                len(warnings),
            ).format(n=len(warnings))
        )
        rows = [
            [Path(f.file).name if f.file else "\u2013", f.sheet, f.cell, f.message + (f" ({f.hint})" if f.hint else "")]
            for f in warnings
        ]
        headers = [_("Workbook"), _("Sheet"), _("Cell"), _("Note")]
        w.table(_("Validation warnings."), headers, rows, [3.0, 2.2, 1.3, 10.0], small=True)
    else:
        w.paragraph(_("Validation of the workbooks gave no warnings."))


def _checked_figures(w: Writer, analysis: Analysis) -> None:
    """The figures of the texts checked against the data (:mod:`vlr.texts.claims`): how many
    agree, and a row for each that does not, with the wording that would be right."""
    from vlr.texts.claims import claims

    found = claims(analysis.review)
    if not found:
        return
    wrong = [c for c in found if not c.agrees]
    checked = n_(
        "{n} figure in the texts refers to the review's indicators and was checked against its data:",
        "{n} figures in the texts refer to the review's indicators and were checked against their data:",
        len(found),
    ).format(n=len(found))
    verdict = (
        n_(
            "{n} disagrees; correct or accept it before publishing.",
            "{n} disagree; correct or accept them before publishing.",
            len(wrong),
        ).format(n=len(wrong))
        if wrong
        else _("all agree.")
    )
    w.paragraph(f"{checked} {verdict}")
    if wrong:
        rows = [
            [f"{Path(c.record.origin.file).name}, {c.record.origin.sheet} {c.record.cell(c.field)}", c.clause, c.data,
             c.fixed]
            for c in wrong
        ]  # fmt: skip
        w.table(
            _("Figures in the texts that the data contradict."),
            [_("Where"), _("The text says"), _("The data give"), _("Right as")],
            rows,
            [3.0, 5.0, 4.0, 4.5],
            small=True,
        )
