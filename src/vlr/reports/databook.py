"""The companion data workbook written beside the draft: every value of the review.

The draft's statistical annex is bounded (a page is only so wide); this workbook is not.
As a statistics office publishes: a ``Contents`` sheet listing the indicators, then a
sheet per indicator with one row per value: (its area, where the indicator has figures
for other areas than the review's,) series, unit, period as written, the year it ends in,
value, note and source, in the order series → time. Written by
:mod:`vlr.workbook.writer`; the same review and date give the same bytes. Its words are
those of the draft's language (:func:`vlr.formatting.speaking`).
"""

from __future__ import annotations

import datetime as dt
import re

from vlr.formatting import _, p_
from vlr.model.review import Review
from vlr.model.series import headline_key, series_by_indicator
from vlr.workbook.writer import Link, Sheet, workbook_bytes

#: The headings of an indicator's sheet, as the review's Data sheet words them (but Headline).
HEADERS = ["Series", "Unit", "Period", "Year", "Value", "Headline", "Note", "Source"]
_SHEET_CHARS = re.compile(r"[\[\]:*?/\\']")


def headers() -> list[str]:
    """:data:`HEADERS` in the language spoken, in the words of the review's own workbooks."""
    return [p_("workbook", h) if h != "Headline" else _("Headline") for h in HEADERS]


def contents_name() -> str:
    """The name of the Contents sheet, in the language spoken."""
    return _SHEET_CHARS.sub("-", _("Contents"))[:31]


def sheet_names(ids: list[str]) -> dict[str, str]:
    """A valid, distinct sheet name (31 characters at most, no ``[]:*?/\\'``) per indicator ID,
    none the Contents sheet's (in the language spoken)."""
    names: dict[str, str] = {}
    taken = {"contents", contents_name().casefold()}
    for ind in ids:
        base = _SHEET_CHARS.sub("-", ind).strip() or "indicator"
        base = base[:31]
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            suffix = f"~{n}"
            name = base[: 31 - len(suffix)] + suffix
        taken.add(name.casefold())
        names[ind] = name
    return names


def data_workbook(review: Review, date: dt.date) -> bytes:
    """The .xlsx bytes of the review's data workbook."""
    indicators = [i for i in review.indicators_by_id.values() if review.data_by_indicator.get(i.id)]
    names = sheet_names([i.id for i in indicators])
    heads = [p_("workbook", "Indicator ID"), p_("workbook", "Name"), p_("workbook", "Unit"), p_("workbook", "Series")]
    heads += [_("Values"), _("First period")]
    contents = [[*heads, _("Latest period"), _("Sheet")]]
    links = []
    for n, ind in enumerate(indicators, 1):
        points = review.data_by_indicator[ind.id]
        first = min(points, key=lambda p: p.x)
        last = max(points, key=lambda p: p.x)
        series_count = len(series_by_indicator(review)[ind.id])
        contents.append([ind.id, ind.name, ind.unit, series_count, len(points), first.label, last.label])
        links.append(Link(n, 7, names[ind.id], f"'{names[ind.id]}'!A1"))
    sheets = [Sheet(contents_name(), contents, {1: 50}, links=links)]
    sheets += [Sheet(names[ind.id], _values(review, ind), {0: 40}) for ind in indicators]
    return workbook_bytes(
        sheets,
        created=dt.datetime.combine(date, dt.time()),
        title=_("Data of {title}").format(title=review.info.display_title),
        author=review.info.organisation or review.info.city or "vlr",
    )


def _values(review: Review, ind) -> list[list]:
    """The rows of an indicator's sheet: the headline series first, then the others; an
    ``Area`` column first where the indicator has figures for other areas."""
    series = series_by_indicator(review)[ind.id]
    head = headline_key(ind, series)
    areas = any(k.area for k in series)
    heads = headers()
    rows = [[p_("workbook", "Area"), *heads] if areas else heads]
    for key in [*([head] if head else []), *(k for k in series if k != head)]:
        label, unit, flag = key.label or _("Total"), key.unit or None, p_("answer", "yes") if key == head else None
        where = [key.area or review.info.city or None] if areas else []
        rows += [
            [*where, label, unit, p.label, p.year, p.value, flag, p.note or None, p.source or None] for p in series[key]
        ]
    return rows
