"""An indicator's data as series: by breakdown and unit, with one headline.

A *series* is the data points of one indicator that share a breakdown label (``Series``;
none for the total), a unit (the row's ``Unit``, else the indicator's) and an area (the
row's ``Area``; none for the review's own): rows in two units are two series, so a
series never mixes units and a chart of one unit never mixes axes, and a district's
figures are never taken for the city's.

The **headline** is the series that stands for the indicator in tables, statuses and
sentences. In this order:

1. the series the ``Headline series`` column of the Indicators sheet names;
2. the series with no breakdown (and no area), in the indicator's own unit first, else in
   the first unit the data uses;
3. a series whose label says it is the total (:data:`TOTAL_WORDS`: ``Total``, ``All``,
   ``Sex: Total``, ``Both sexes``, ``Total; Age: All ages``…: every part of the label);
4. none: the publisher gave no total, and the chapter shows the breakdowns.

The headline is always of the review's own area: another area's figures are breakdowns
of their own kind, compared among themselves (:mod:`vlr.analysis.gaps`).

Several values of one series in the same calendar year (months, quarters, dates) are
*sub-annual*: progress, charts and the annex use the latest value of each year
(:func:`annual`), and the note says so; the companion data workbook keeps every value.

Pure functions.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from vlr.exceptions import ValueProblem
from vlr.formatting import _
from vlr.model.periods import SUB_ANNUAL, Period, as_month, parse_period, year_period
from vlr.model.review import DataPoint, Indicator, Review

#: Words that mark a label as the total, compared case-insensitively with each part of the label.
TOTAL_WORDS = frozenset(
    {
        "total",
        "totals",
        "all",
        "all persons",
        "all people",
        "persons",
        "people",
        "everyone",
        "both sexes",
        "both",
        "all sexes",
        "all ages",
        "total population",
        "population",
        "overall",
        "all groups",
        "all households",
        "whole city",
        "city total",
        "citywide",
        "city-wide",
        "all areas",
        "all wards",
        "all categories",
        "total (all)",
        "grand total",
    }
)
#: Most series a chart draws: the headline and the breakdowns a reader can still tell apart
#: on a chart half the text wide.
CHART_SERIES = 4

_PARTS = re.compile(r"\s*[;|]\s*|,\s+(?=[^,:]+:)")


@dataclass(frozen=True)
class SeriesKey:
    """One series of an indicator: its breakdown label (None: no breakdown), unit, and area
    (None: the review's own; a district, a region or the country otherwise)."""

    label: str | None
    unit: str | None
    area: str | None = None

    @property
    def breakdown(self) -> str | None:
        """What tells this series apart, unit aside: ``Women``, ``Kallio``, ``Kallio: Women``;
        None for the total of the review's own area."""
        if self.area:
            return f"{self.area}: {self.label}" if self.label else self.area
        return self.label

    def name(self, units: bool = False) -> str:
        """``Total`` or the breakdown, with the unit in brackets when ``units`` asks."""
        text = self.breakdown or _("Total")  # in the language spoken (English outside a build)
        return f"{text} [{self.unit}]" if units and self.unit else text


def label_parts(label: str) -> list[str]:
    """The parts of a breakdown label: ``Sex: Women; Age: 15-24`` → ``Sex: Women``, ``Age: 15-24``."""
    return [p for p in _PARTS.split(label.strip()) if p]


def is_total_part(part: str) -> bool:
    """Whether one part of a label (``Age: All ages``) says "all"."""
    return _part_is_total(part)


def is_total_label(label: str | None) -> bool:
    """``Total``, ``Sex: Total``, ``Sex: Total; Age: All ages``: every part says "all"."""
    if label is None:
        return True
    parts = [p for p in _PARTS.split(label.strip()) if p]
    return bool(parts) and all(_part_is_total(p) for p in parts)


def _part_is_total(part: str) -> bool:
    value = part.split(":", 1)[1] if ":" in part else part
    return " ".join(value.split()).casefold().rstrip(".") in TOTAL_WORDS


def series_of(indicator: Indicator, points: list[DataPoint]) -> dict[SeriesKey, list[DataPoint]]:
    """The indicator's series in the order they first appear, each in time order."""
    by_parts: dict[tuple, list[DataPoint]] = {}  # a key made per series, not per point: a tenth of the time
    unit = indicator.unit
    for p in points:
        by_parts.setdefault((p.series, p.unit or unit, p.area), []).append(p)
    grouped: dict[SeriesKey, list[DataPoint]] = {}
    for (label, its_unit, area), pts in by_parts.items():
        xs = [p.x for p in pts]
        in_order = all(a <= b for a, b in zip(xs, xs[1:]))
        grouped[SeriesKey(label, its_unit, area)] = pts if in_order else sorted(pts, key=lambda p: p.x)
    return grouped


def series_by_indicator(review: Review) -> dict[str, dict[SeriesKey, list[DataPoint]]]:
    """Indicator ID → its series (:func:`series_of`), grouped once per review for the annex,
    the data workbook, progress and the methodology alike, and kept on the review as a
    cached property would be."""
    grouped = review.__dict__.get("series_by_indicator")
    if grouped is None:
        data = review.data_by_indicator
        grouped = {i: series_of(ind, data[i]) for i, ind in review.indicators_by_id.items() if i in data}
        review.__dict__["series_by_indicator"] = grouped
    return grouped


def headline_key(indicator: Indicator, series: dict[SeriesKey, list[DataPoint]]) -> SeriesKey | None:
    """The headline series by the rule above; None when the data has no total."""
    if not series:
        return None
    units = list(dict.fromkeys(k.unit for k in series))
    if indicator.unit in units:
        units.remove(indicator.unit)
        units.insert(0, indicator.unit)
    own = [key for key in series if key.area is None]  # the headline is of the review's own area
    if indicator.headline:
        named = indicator.headline.casefold()
        for unit in units:
            for key in own:
                if key.unit == unit and (key.label or "total").casefold() == named:
                    return key
    for unit in units:
        if SeriesKey(None, unit) in series:
            return SeriesKey(None, unit)
    for unit in units:
        for key in own:
            if key.unit == unit and is_total_label(key.label):
                return key
    return None


def annual(points: list[DataPoint]) -> list[DataPoint]:
    """One value per calendar year: of several in a year (sub-annual data), the latest."""
    if len({p.year for p in points}) == len(points):
        return points
    latest: dict[int, DataPoint] = {}
    for p in points:
        if p.year not in latest or p.x >= latest[p.year].x:
            latest[p.year] = p
    return sorted(latest.values(), key=lambda p: p.x)


@functools.lru_cache(maxsize=65536)
def _period(label: str | None, year: int, position: float | None) -> Period:
    if label is None:
        return year_period(year)
    try:
        period = parse_period(label)
    except ValueProblem:  # not from the reader: take it as the year it was placed in
        return year_period(year)
    if position is not None and abs(period.position - position) > 1e-6:
        period = as_month(period) or period  # the reader read this 2010-11 as a month
    return period


def period_of(point: DataPoint) -> Period:
    """The period of a data point as the reader placed it (``2010-11`` read as a month
    in a series of months): the one place a point is turned back into its period."""
    return _period(point.period, point.year, point.position)


def is_sub_annual(point: DataPoint) -> bool:
    """A month, quarter or date: a period shorter than a year."""
    return point.period is not None and period_of(point).kind in SUB_ANNUAL


def sub_annual_years(points: list[DataPoint]) -> dict[int, int]:
    """Calendar years with more than one value in this series, with how many."""
    counts: dict[int, int] = {}
    for p in points:
        counts[p.year] = counts.get(p.year, 0) + 1
    return {y: n for y, n in counts.items() if n > 1}


def chart_keys(
    series: dict[SeriesKey, list[DataPoint]], headline: SeriesKey | None, limit: int = CHART_SERIES
) -> list[SeriesKey]:
    """The series a chart draws, in one unit, at most ``limit``.

    The headline first; then the breakdowns of its unit that have a value in the
    unit's latest year, taken alternately from the highest and the lowest latest value
    so that the chart shows the spread between groups; then, if room is left, the
    breakdowns with the most data. Without a headline, the first unit's breakdowns."""
    if not series:
        return []
    unit = headline.unit if headline else next(iter(series)).unit
    keys = [k for k in series if k.unit == unit and k != headline]
    chosen = [headline] if headline else []
    if not keys:
        return chosen
    latest_year = max(p.year for k in keys for p in series[k])
    with_latest = sorted(
        (k for k in keys if series[k][-1].year == latest_year),
        key=lambda k: (annual(series[k])[-1].value, k.label or "", k.area or ""),
    )
    order: list[SeriesKey] = []
    low, high = 0, len(with_latest) - 1
    while low <= high:
        order.append(with_latest[high])
        if low < high:
            order.append(with_latest[low])
        low, high = low + 1, high - 1
    placed = set(order)
    rest = sorted((k for k in keys if k not in placed), key=lambda k: (-len(series[k]), k.label or "", k.area or ""))
    for key in [*order, *rest]:
        if len(chosen) >= limit:
            break
        chosen.append(key)
    return chosen
