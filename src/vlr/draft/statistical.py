"""Annex 3, the statistical annex: a table per indicator with a row per series and a column
per period, never wider than the page (the data workbook has everything).

It is planned apart from the document (:func:`plan`: its paragraphs and its tables' XML,
from the review's data and the page's width alone) and then placed (:func:`lay_out`). On a
large review the plan is made in a process of its own while the chapters are laid out
(:func:`vlr.draft.annexes.planned_apart`): it is the largest part of a national draft, and
nothing in it waits for the chapters. Placed, it is the same document either way."""

from __future__ import annotations

from dataclasses import dataclass

from vlr.draft import regions
from vlr.draft.paragraphs import keep_with_next
from vlr.draft.writer import Writer, table_xml_for
from vlr.formatting import _, n_, number
from vlr.model.series import annual, chart_keys, headline_key, is_sub_annual, series_by_indicator
from vlr.texts.sentences import unit_words

#: Most series of one indicator in the statistical annex: the headline, the series of its
#: chart, then the others in order; the rest are in the data workbook.
ANNEX_SERIES = 8
#: Period columns per annex table, and most periods shown: a longer history is split into
#: tables of this many columns, its earliest periods left to the data workbook.
ANNEX_COLUMNS = 7
ANNEX_PERIODS = 14


@dataclass
class Plan:
    """The annex's blocks, for a text this wide (cm) and this table style: ``("heading",
    text)``, ``("note", text, keep_with_next)``, ``("table", caption, xml, text, rows,
    after_table)``, a table's ``text`` being what :func:`regions.region_text` reads in it."""

    width_cm: float
    style: str | None
    blocks: list[tuple]


def annex(w: Writer, review, data_workbook: str | None, made: Plan | None = None) -> None:
    """The annex placed at the writer: its introduction, then the plan ``made`` apart where it
    was made for this page, else one made now."""
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
    if made is None or made.width_cm != w.width_cm or made.style != w.table_style:
        made = plan(review, data_workbook, w.width_cm, w.table_style)
    lay_out(w, made)


def lay_out(w: Writer, made: Plan) -> None:
    """The plan's blocks placed at the writer."""
    from docx.shared import Pt

    for kind, *what in made.blocks:
        if kind == "heading":
            heading = w.paragraph(what[0], bold=True)
            heading.paragraph_format.space_before = Pt(14)
            keep_with_next(heading)
        elif kind == "note":
            note = w.paragraph(what[0], italic=True)
            if what[1]:
                keep_with_next(note)
        else:
            caption, xml, text, rows, after_table = what
            w.placed_table(caption, xml, rows, after_table=after_table, text=text)


def plan(review, data_workbook: str | None, width_cm: float, style: str | None) -> Plan:
    """Every indicator's blocks: at most :data:`ANNEX_COLUMNS` periods a table,
    :data:`ANNEX_SERIES` series and :data:`ANNEX_PERIODS` periods an indicator."""
    language = review.info.language or "en"
    where = _("the data workbook") if data_workbook else _("the workbooks of the review")
    blocks: list[tuple] = []
    for ind in review.indicators_by_id.values():
        points = review.data_by_indicator.get(ind.id, [])
        if points:
            blocks += _indicator_blocks(review, ind, points, where, language, width_cm, style)
    return Plan(width_cm, style, blocks)


def _annex_column(p) -> tuple[float, str]:
    """Where a value goes in the annex: its period, or for a month, quarter or date the
    calendar year it stands for (the latest value of the year)."""
    return (float(p.year), str(p.year)) if is_sub_annual(p) else (p.x, p.label)


def _indicator_blocks(review, ind, points, where: str, language: str, width_cm: float, style) -> list[tuple]:
    """One indicator's data: its heading, what is left out, its tables, its notes."""
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
    blocks: list[tuple] = [("heading", f"{ind.id} {ind.name} ({unit_text})")]
    notes = {p.note for p in points}
    common = notes.pop() if len(notes) == 1 else None
    if common:
        blocks.append(("note", _("Note: {note}").format(note=common), True))
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
        blocks.append(("note", " ".join(left_out), True))
    blocks += _data_tables(shown, rows_of, periods, units, language, ind, width_cm, style)
    period_notes = sorted({(p.x, p.label, p.note) for p in points if p.note} if not common else set())
    if period_notes:
        listed = "; ".join(f"{label}: {note}" for _period, label, note in period_notes[:5])
        more = len(period_notes) - 5
        rest = "; " + _("{n} more notes in {where}").format(n=more, where=where) if more > 0 else ""
        blocks.append(("note", _("Notes. {notes}.").format(notes=listed + rest), False))
    return blocks


def _data_tables(shown, rows_of, periods, units, language: str, ind, width_cm: float, style) -> list[tuple]:
    """The series × periods tables of an indicator: as many periods a table as the page holds,
    spread evenly over the tables needed."""
    label_head = [_("Series"), _("Unit")] if len(units) > 1 else [_("Series")]
    label_widths = [3.6, 2.6] if len(units) > 1 else [4.6]
    # columns wide enough for the longest period label (8-point text), as many as fit
    column = max(1.6, 0.17 * max((len(label) for _, label in periods), default=4) + 0.4)
    room = width_cm - sum(label_widths)
    columns = max(1, min(ANNEX_COLUMNS - (1 if len(units) > 1 else 0), int(room // column)))
    count = -(-len(periods) // columns) or 1  # tables needed; the periods spread evenly over them
    size = -(-len(periods) // count) if periods else 0
    chunks = [periods[i : i + size] for i in range(0, len(periods), size)] if periods else [[]]
    tables = []
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
        caption = _("Data of {id}{part}.").format(id=ind.id, part=part)
        headers = [*label_head, *[label for _, label in chunk]]
        right = set(range(len(label_head), len(label_head) + len(chunk)))
        widths = [*label_widths, *[column] * len(chunk)]
        xml = table_xml_for(caption, headers, rows, widths, width_cm, style, right=right, small=True)
        tables.append(("table", caption, xml, regions.region_text(xml), len(rows), n > 1))
    return tables
