"""The annexes: the action–target mapping, indicator metadata, the statistical annex
(bounded; every value is in the companion data workbook) and the data-quality notes."""

from __future__ import annotations

from pathlib import Path

from vlr.analysis.result import Analysis
from vlr.draft.official import official, official_of, official_texts
from vlr.draft.paragraphs import keep_with_next
from vlr.draft.regions import GENERATED
from vlr.draft.writer import Writer
from vlr.findings import Severity
from vlr.formatting import N_, _, n_, number
from vlr.model.series import annual, chart_keys, headline_key, is_sub_annual, series_by_indicator
from vlr.rules import NARRATIVE_CLAIM
from vlr.texts.sentences import unit_words


def annexes(w: Writer, analysis: Analysis, options) -> None:
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
        _mapping(w, analysis)
    w.new_section(landscape=False)
    with w.region("annex-2", GENERATED):
        _metadata(w, analysis)
    with w.region("annex-3", GENERATED):
        w.heading(_("Annex 3. Statistical annex"), 2)
        _statistical_annex(w, analysis, options.data_workbook)
    if not options.final:
        with w.region("annex-internal", GENERATED):
            internal_annex(w, analysis, options)


def _mapping(w: Writer, analysis: Analysis) -> None:
    review, fw = analysis.review, analysis.loaded.framework
    w.heading(_("Annex 1. Action\u2013target mapping"), 2)
    w.paragraph(_("Each row is an action; a column per goal lists the targets of that goal the action is mapped to."))
    rows = []
    for a in review.actions_by_id.values():
        by_goal: dict[int, list[str]] = {}
        for code in a.targets:
            target = fw.target(code)
            if target:
                by_goal.setdefault(target.goal, []).append(code)
        rows.append([a.id, a.theme, *[", ".join(by_goal.get(n, [])) for n in range(1, 18)]])
    w.table(
        _("Actions (rows) mapped to SDG targets, by goal (columns)."),
        [_("Action"), _("Theme"), *map(str, range(1, 18))],
        rows,
        [1.9, 2.7, *[1.3] * 17],
        small=True,
    )


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


#: Most series of one indicator in the statistical annex: the headline, the series of its
#: chart, then the others in order; the rest are in the data workbook.
ANNEX_SERIES = 8
#: Period columns per annex table, and most periods shown: a longer history is split into
#: tables of this many columns, its earliest periods left to the data workbook.
ANNEX_COLUMNS = 7
ANNEX_PERIODS = 14


def _annex_column(p) -> tuple[float, str]:
    """Where a value goes in the annex: its period, or for a month, quarter or date the
    calendar year it stands for (the latest value of the year)."""
    return (float(p.year), str(p.year)) if is_sub_annual(p) else (p.x, p.label)


def _statistical_annex(w: Writer, analysis: Analysis, data_workbook: str | None) -> None:
    """A table per indicator with a row per series and a column per period, never wider
    than the page: at most :data:`ANNEX_COLUMNS` periods a table, :data:`ANNEX_SERIES`
    series and :data:`ANNEX_PERIODS` periods an indicator; the data workbook has the rest."""
    review = analysis.review
    language = review.info.language or "en"
    where = _("the data workbook") if data_workbook else _("the workbooks of the review")
    everything = (
        _("the data workbook that accompanies this review") if data_workbook else _("the workbooks of the review")
    )
    w.paragraph(
        _(
            "The data of each indicator: a row per series (the headline first), a column per year or period as the "
            "source writes it, at most {columns} periods a table. Where a series has several values in one year "
            "(months, quarters, dates), the latest is shown under its year. Indicators with many series or a long "
            "history show the headline and the series of their chart; every value of every series is in {where}, a "
            "sheet per indicator."
        ).format(columns=ANNEX_COLUMNS, where=everything)
    )
    for ind in review.indicators_by_id.values():
        points = review.data_by_indicator.get(ind.id, [])
        if points:
            _indicator_data(w, review, ind, points, where, language)


def _indicator_data(w: Writer, review, ind, points, where: str, language: str) -> None:
    """One indicator's data: its heading, what is left out, its tables, its notes."""
    from docx.shared import Pt

    series = series_by_indicator(review)[ind.id]
    head = headline_key(ind, series)
    keys = list(dict.fromkeys([*chart_keys(series, head), *series]))
    shown = keys[:ANNEX_SERIES]
    # A column per period as written; sub-annual values in a column per calendar year.
    rows_of = {k: {_annex_column(p): p for p in annual(series[k])} for k in shown}
    periods = sorted({column for cells in rows_of.values() for column in cells})
    earlier = periods[:-ANNEX_PERIODS] if len(periods) > ANNEX_PERIODS else []
    periods = periods[len(earlier) :]
    units = list(dict.fromkeys(k.unit for k in shown))
    unit_text = unit_words(units[0]) if len(units) == 1 else _("several units")
    heading = w.paragraph(f"{ind.id} {ind.name} ({unit_text})", bold=True)
    heading.paragraph_format.space_before = Pt(14)
    keep_with_next(heading)
    notes = {p.note for p in points}
    common = notes.pop() if len(notes) == 1 else None
    if common:
        keep_with_next(w.paragraph(_("Note: {note}").format(note=common), italic=True))
    left_out = []
    if head is None:
        left_out.append(_("The source gives no total: the rows are its breakdowns."))
    if len(keys) > len(shown):
        more = len(keys) - len(shown)
        left_out.append(
            n_("{n} more series is in {where}.", "{n} more series are in {where}.", more).format(n=more, where=where)
        )
    if earlier:
        left_out.append(
            _("Earlier periods ({first}\u2013{last}) are in {where}.").format(
                first=earlier[0][1], last=earlier[-1][1], where=where
            )
        )
    if left_out:
        keep_with_next(w.paragraph(" ".join(left_out), italic=True))
    _data_tables(w, shown, rows_of, periods, head, units, language, ind)
    period_notes = sorted({(p.x, p.label, p.note) for p in points if p.note} if not common else set())
    if period_notes:
        listed = "; ".join(f"{label}: {note}" for _period, label, note in period_notes[:5])
        more = len(period_notes) - 5
        rest = "; " + _("{n} more notes in {where}").format(n=more, where=where) if more > 0 else ""
        w.paragraph(_("Notes. {notes}.").format(notes=listed + rest), italic=True)


def _data_tables(w: Writer, shown, rows_of, periods, head, units, language: str, ind) -> None:
    """The series × periods tables of an indicator: as many periods a table as the page holds,
    spread evenly over the tables needed."""
    label_head = [_("Series"), _("Unit")] if len(units) > 1 else [_("Series")]
    label_widths = [3.6, 2.6] if len(units) > 1 else [4.6]
    # columns wide enough for the longest period label (8-point text), as many as fit
    column = max(1.6, 0.17 * max((len(label) for _, label in periods), default=4) + 0.4)
    room = w.width_cm - sum(label_widths)
    columns = max(1, min(ANNEX_COLUMNS - (1 if len(units) > 1 else 0), int(room // column)))
    count = -(-len(periods) // columns) or 1  # tables needed; the periods spread evenly over them
    size = -(-len(periods) // count) if periods else 0
    chunks = [periods[i : i + size] for i in range(0, len(periods), size)] if periods else [[]]
    for n, chunk in enumerate(chunks, 1):
        rows = []
        for k in shown:
            cells = rows_of[k]
            rows.append(
                [
                    k.name(),
                    *([unit_words(k.unit)] if len(units) > 1 else []),
                    *[number(cells[c].value, language) if c in cells else "" for c in chunk],
                ]
            )
        part = f" ({chunk[0][1]}\u2013{chunk[-1][1]})" if len(chunks) > 1 and chunk else ""
        w.table(
            _("Data of {id}{part}.").format(id=ind.id, part=part),
            [*label_head, *[label for _, label in chunk]],
            rows,
            [*label_widths, *[column] * len(chunk)],
            right=set(range(len(label_head), len(label_head) + len(chunk))),
            small=True,
            after_table=n > 1,
        )
