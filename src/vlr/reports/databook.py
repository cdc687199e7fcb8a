"""The companion data workbook written beside the draft: every value of the review.

The draft's statistical annex is bounded (a page is only so wide); this workbook is not.
As a statistics office publishes: a ``Contents`` sheet listing the indicators, then a
sheet per indicator with one row per value: series, unit, period as written, the year
it ends in, value, note and source, in the order series → time. Written with XlsxWriter
(twice as fast as openpyxl's streaming writer on 17,000 rows); the same review and date
give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from vlr.model.review import Review
from vlr.model.series import headline_key, series_by_indicator
from vlr.output import deterministic_zip

HEADERS = ["Series", "Unit", "Period", "Year", "Value", "Headline", "Note", "Source"]
_SHEET_CHARS = re.compile(r"[\[\]:*?/\\']")


def sheet_names(ids: list[str]) -> dict[str, str]:
    """A valid, distinct sheet name (31 characters at most, no ``[]:*?/\\'``) per indicator ID."""
    names: dict[str, str] = {}
    taken = {"contents"}
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
    import xlsxwriter

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    when = dt.datetime.combine(date, dt.time())
    wb.set_properties(
        {
            "title": f"Data of {review.info.display_title}",
            "created": when,
            "author": review.info.organisation or review.info.city or "vlr",
        }
    )
    bold = wb.add_format({"bold": True})
    indicators = [i for i in review.indicators_by_id.values() if review.data_by_indicator.get(i.id)]
    names = sheet_names([i.id for i in indicators])

    contents = wb.add_worksheet("Contents")
    contents.freeze_panes(1, 0)
    contents.write_row(
        0, 0, ["Indicator ID", "Name", "Unit", "Series", "Values", "First period", "Latest period", "Sheet"], bold
    )
    contents.set_column(1, 1, 50)
    for n, ind in enumerate(indicators, 1):
        points = review.data_by_indicator[ind.id]
        first = min(points, key=lambda p: p.x)
        last = max(points, key=lambda p: p.x)
        series_count = len(series_by_indicator(review)[ind.id])
        contents.write_row(n, 0, [ind.id, ind.name, ind.unit, series_count, len(points), first.label, last.label])
        contents.write_url(n, 7, f"internal:'{names[ind.id]}'!A1", string=names[ind.id])
    for ind in indicators:
        ws = wb.add_worksheet(names[ind.id])
        ws.freeze_panes(1, 0)
        ws.write_row(0, 0, HEADERS, bold)
        ws.set_column(0, 0, 40)
        series = series_by_indicator(review)[ind.id]
        head = headline_key(ind, series)
        n = 0
        # typed writes: XlsxWriter's write_row() guesses each cell's type, a third of the time
        text, num = ws.write_string, ws.write_number
        for key in [*([head] if head else []), *(k for k in series if k != head)]:
            label, unit, flag = key.label or "Total", key.unit, "yes" if key == head else None
            for p in series[key]:
                n += 1
                text(n, 0, label)
                if unit:
                    text(n, 1, unit)
                text(n, 2, p.label)
                num(n, 3, p.year)
                num(n, 4, p.value)
                if flag:
                    text(n, 5, flag)
                if p.note:
                    text(n, 6, p.note)
                if p.source:
                    text(n, 7, p.source)
    wb.close()
    return deterministic_zip(buffer.getvalue(), stamp=when.strftime("%Y-%m-%dT%H:%M:%SZ"))
