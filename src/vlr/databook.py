"""The companion data workbook written beside the draft: every value of the review.

The draft's statistical annex is bounded (a page is only so wide); this workbook is not.
As a statistics office publishes: a ``Contents`` sheet listing the indicators, then a
sheet per indicator with one row per value: series, unit, period as written, the year
it ends in, value, note and source, in the order series → time. Written with openpyxl's
streaming writer; the same review and date give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from vlr.model import Review
from vlr.output import deterministic_zip
from vlr.series import headline_key, series_of

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
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    when = dt.datetime.combine(date, dt.time())
    wb.properties.created = wb.properties.modified = when
    wb.properties.creator = review.info.organisation or review.info.city or "vlr"
    wb.properties.title = f"Data of {review.info.display_title}"
    bold = Font(bold=True)
    indicators = [i for i in review.indicators_by_id.values() if review.data_by_indicator.get(i.id)]
    names = sheet_names([i.id for i in indicators])

    def header(ws, cells: list[str]) -> None:
        row = []
        for text in cells:
            c = WriteOnlyCell(ws, value=text)
            c.font = bold
            row.append(c)
        ws.append(row)

    contents = wb.create_sheet("Contents")
    contents.freeze_panes = "A2"
    header(contents, ["Indicator ID", "Name", "Unit", "Series", "Values", "First period", "Latest period", "Sheet"])
    for ind in indicators:
        points = review.data_by_indicator[ind.id]
        first = min(points, key=lambda p: p.x)
        last = max(points, key=lambda p: p.x)
        series = series_of(ind, points)
        contents.append([ind.id, ind.name, ind.unit, len(series), len(points), first.label, last.label, names[ind.id]])
    for ind in indicators:
        ws = wb.create_sheet(names[ind.id])
        ws.freeze_panes = "A2"
        header(ws, HEADERS)
        series = series_of(ind, review.data_by_indicator[ind.id])
        head = headline_key(ind, series)
        for key in [*( [head] if head else []), *(k for k in series if k != head)]:
            for p in series[key]:
                ws.append([key.label or "Total", key.unit, p.label, p.year, p.value, "yes" if key == head else "",
                           p.note, p.source])  # fmt: skip
    buffer = io.BytesIO()
    wb.save(buffer)
    return deterministic_zip(buffer.getvalue(), stamp=when.strftime("%Y-%m-%dT%H:%M:%SZ"))
