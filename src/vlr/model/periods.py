"""Periods as statistics offices write them, placed on one time axis.

A Data row's ``Year`` may hold a calendar year or a period:

============================  ===================  =========================================
written                        kind                 placed at (year Y stands at Y)
============================  ===================  =========================================
``2021``                       calendar year        2021
``2019/20``, ``2019-20``,      financial or         2019.5: halfway between its two years,
``2019–2020``, ``FY2019/20``   academic year        whatever month it starts in
``2000 - 02``, ``2004-2013``   range of years       its middle: 2001, 2008.5
``2014 Q3``, ``Q3 2014``       quarter              the middle of the quarter (2014.125)
``2014-11``, ``Nov 2014``      month                the middle of the month (2014.375)
``2021-07-27`` or a date cell  date                 the day (2021.07)
============================  ===================  =========================================

The axis counts years between the middles of periods: calendar year 2019 stands at
2019, the middle of 2019; so does any period centred on mid-2019. Progress computes
its growth rates from these positions, so a financial year and a three-year average are
each compared at their centre. A period's *year* is the calendar year it ends in
(2019/20 → 2020, 2004–2013 → 2013, 2014-11 → 2014): the year used for recency (how
recent an indicator's data is) and for the plausibility of the year.

``2010-11`` can be a financial year (2010/11) or a month (November 2010). When the second
number is the year after the first (``2010-11``, ``2019-20``) it is read as a financial
year, unless other labels of the same series are months that cannot be financial years
(``2014-03``): :func:`resolve_months` then reads the whole series as months.

Pure functions; a text that is no period raises :class:`~vlr.values.ValueProblem`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from vlr.exceptions import ValueProblem
from vlr.findings import later
from vlr.values import clean_text, quote, year_hint

YEAR, FINANCIAL, RANGE, QUARTER, MONTH, DATE = "year", "financial year", "range", "quarter", "month", "date"
SUB_ANNUAL = (QUARTER, MONTH, DATE)


@dataclass(frozen=True)
class Period:
    """One period: its label as written, its kind and where it lies (in years, ``start``
    inclusive, ``end`` exclusive, calendar year Y being [Y, Y+1))."""

    label: str
    kind: str
    start: float
    end: float

    @property
    def position(self) -> float:
        """Its place on the time axis: the midpoint, with calendar year Y at Y."""
        return round((self.start + self.end) / 2 - 0.5, 6)

    @property
    def year(self) -> int:
        """The calendar year it ends in."""
        return int(self.end - 1e-9)

    @property
    def granularity(self) -> str:
        """What a series must not mix where periods overlap: the kind, and for ranges their length."""
        if self.kind == RANGE:
            return f"{round(self.end - self.start)}-year period"
        return self.kind

    @property
    def plain(self) -> bool:
        """A calendar year: its label is the year itself."""
        return self.kind == YEAR


def year_period(year: int) -> Period:
    return Period(str(year), YEAR, float(year), float(year + 1))


_MONTHS = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}
_DASH = "[-\u2010\u2011\u2012\u2013\u2014/]"
_FY = re.compile(rf"(?:FY|AY)?\s*(\d{{4}})\s*{_DASH}\s*(\d{{2}}|\d{{4}})", re.IGNORECASE)
_QUARTER = re.compile(r"(\d{4})\s*[-/ ]?\s*Q([1-4])|Q([1-4])\s*[-/ ]?\s*(\d{4})", re.IGNORECASE)
_MONTH_NAME = re.compile(r"([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+Z?)?")
_DMY_DATE = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")
_YEAR = re.compile(r"(\d{4})(?:\.0+)?")


def _months(year: int, first: int, count: int, label: str, kind: str) -> Period:
    start = year + (first - 1) / 12
    return Period(label, kind, start, start + count / 12)


def _date(day: dt.date, label: str) -> Period:
    first = dt.date(day.year, 1, 1)
    # the length of the year (the first of the next; 9999, the last year a date can hold, is not a leap year)
    length = 366 if calendar.isleap(day.year) else 365
    start = day.year + (day - first).days / length
    return Period(label, DATE, start, start + 1 / length)


def parse_period(value: Any) -> Period:
    """The period a ``Year`` cell holds: a number, a date cell, or a text as above."""
    if isinstance(value, bool):
        raise ValueProblem(later._("'{value}' is a yes/no value, not a year.", value=value), year_hint())
    if isinstance(value, dt.datetime):
        return _date(value.date(), value.date().isoformat())
    if isinstance(value, dt.date):
        return _date(value, value.isoformat())
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not value.is_integer():
            raise ValueProblem(later._("'{value}' is not a year.", value=quote(f"{value:g}")), year_hint())
        return year_period(int(value))
    return _parse_text(clean_text(value))


@functools.lru_cache(maxsize=65536)
def _parse_text(label: str) -> Period:
    """A period from its text; labels repeat across series and sites, so each is parsed once."""
    text = " ".join(label.split())
    if m := _YEAR.fullmatch(text):
        return year_period(int(m.group(1)))
    if m := _ISO_DATE.fullmatch(text):
        return _date(_real_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), label), label)
    if m := _DMY_DATE.fullmatch(text):
        return _date(_real_date(int(m.group(3)), int(m.group(2)), int(m.group(1)), label), label)
    if m := _QUARTER.fullmatch(text):
        year, quarter = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(4)), int(m.group(3)))
        return _months(year, 3 * quarter - 2, 3, label, QUARTER)
    if m := _MONTH_NAME.fullmatch(text):
        month = _MONTHS.get(m.group(1).casefold())
        if month:
            return _months(int(m.group(2)), month, 1, label, MONTH)
    if m := _FY.fullmatch(text):
        first, second = int(m.group(1)), m.group(2)
        if len(second) == 2:
            nn = int(second)
            if nn != (first + 1) % 100 and 1 <= nn <= 12 and re.fullmatch(r"\d{4}-\d{2}", text):
                return _months(first, nn, 1, label, MONTH)  # 2014-11: November 2014
            last = first - first % 100 + nn
            if last < first and last + 100 - first <= 20:
                last += 100  # 1995-05: a range over the turn of a century
        else:
            last = int(second)
        if last == first + 1:
            return Period(label, FINANCIAL, first + 0.5, first + 1.5)
        if last > first:
            return Period(label, RANGE, float(first), float(last + 1))
        raise ValueProblem(
            later._("'{value}' ends before it starts.", value=quote(label)),
            later._("write the earlier year first, e.g. 2019/20"),
        )
    raise ValueProblem(
        later._("'{value}' is not a year or a period vlr knows.", value=quote(label)),
        later._(
            "write a year (2021), a financial year (2019/20), a range (2004-2013), a quarter (2014 Q3), "
            "a month (2014-11) or a date (2021-07-27)"
        ),
    )


def _real_date(year: int, month: int, day: int, label: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueProblem(
            later._("'{value}' is not a real date.", value=quote(label)), later._("write the date as YYYY-MM-DD")
        ) from None


def as_month(period: Period) -> Period | None:
    """A financial year written ``2010-11`` read as a month (November 2010) instead; None
    for any other period."""
    m = re.fullmatch(r"(\d{4})-(\d{2})", period.label.strip())
    if period.kind != FINANCIAL or not m or not 1 <= int(m.group(2)) <= 12:
        return None
    return _months(int(m.group(1)), int(m.group(2)), 1, period.label, MONTH)


def resolve_months(periods: list[Period]) -> list[Period]:
    """A series' periods with ``YYYY-NN`` labels read as months throughout when any
    label of the series is a month: one series is written one way."""
    if not any(p.kind == MONTH for p in periods):
        return periods
    return [as_month(p) or p for p in periods]


def overlap_conflicts(periods: list[tuple[Period, Any]]) -> list[tuple[Any, Any]]:
    """Pairs (later, earlier) of items whose periods overlap but are of different
    granularity (a year and a financial year that straddles it, a month inside a year):
    such a series has no single order. ``periods`` pairs each period with its item."""
    conflicts = []
    widest: tuple[Period, Any] | None = None
    for period, item in sorted(periods, key=lambda pi: (pi[0].start, pi[0].end)):
        if widest is not None and period.start < widest[0].end - 1e-9 and period.granularity != widest[0].granularity:
            conflicts.append((item, widest[1]))
        if widest is None or period.end > widest[0].end:
            widest = (period, item)
    return conflicts
