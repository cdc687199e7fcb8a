"""The checks of years, periods and data values over the whole review (the rest are
:mod:`vlr.workbook.checks`'s, which runs these too): plausible years, an action that ends
before it starts, two values for one point of a series, periods of a series that overlap.
"""

from __future__ import annotations

from collections.abc import Iterator

from vlr import rules
from vlr.findings import Finding, Message, later
from vlr.formatting import N_, NP_
from vlr.framework.catalogue import Framework
from vlr.model.periods import DATE, FINANCIAL, MONTH, QUARTER, RANGE, YEAR, Period, overlap_conflicts
from vlr.model.review import DataPoint, Located, Review
from vlr.model.series import period_of, sub_annual_years
from vlr.values import quote
from vlr.workbook import schema
from vlr.workbook.reader import ReadResult

#: The kinds of period (:mod:`vlr.model.periods`) as messages name them.
PERIOD_KINDS = {
    YEAR: NP_("period", "year"),
    FINANCIAL: NP_("period", "financial year"),
    RANGE: NP_("period", "range"),
    QUARTER: NP_("period", "quarter"),
    MONTH: NP_("period", "month"),
    DATE: NP_("period", "date"),
}


def years(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    first, last = schema.FIRST_YEAR, schema.LAST_YEAR
    now = review.info.year or last

    said = {  # what is said of an implausible year in each field
        "start_year": N_("start year {year} is not a plausible year."),
        "end_year": N_("end year {year} is not a plausible year."),
        "baseline_year": N_("baseline year {year} is not a plausible year."),
        "target_year": N_("target year {year} is not a plausible year."),
    }

    def bad(rec: Located, field: str, upper: int) -> Finding | None:
        year = getattr(rec, field)
        if year is None or first <= year <= upper:
            return None
        return Finding.of(
            rules.YEAR_INVALID,
            Message(said[field], {"year": year}),
            later._("write a year from {first} to {upper}", first=first, upper=upper),
            **rec.place(field),
        )

    for a in review.actions:
        for f in (bad(a, "start_year", last), bad(a, "end_year", last)):
            if f:
                yield f
        if a.start_year and a.end_year and a.start_year > a.end_year:
            yield Finding.of(
                rules.YEARS_REVERSED,
                later._("the action ends ({end}) before it starts ({start}).", end=a.end_year, start=a.start_year),
                **a.place("end_year"),
            )
    for i in review.indicators:
        for f in (bad(i, "baseline_year", now), bad(i, "target_year", last)):
            if f:
                yield f
        if i.baseline_year and i.target_year and i.baseline_year > i.target_year:
            yield Finding.of(
                rules.BASELINE_AFTER_TARGET,
                later._(
                    "the baseline year {baseline} is after the target year {target}.",
                    baseline=i.baseline_year,
                    target=i.target_year,
                ),
                **i.place("baseline_year"),
            )
    for p in review.data:
        if not (first <= p.year <= now):
            yield Finding.of(
                rules.YEAR_INVALID,
                later._("data year {year} is not a plausible year.", year=p.year)
                if p.period is None
                else later._(
                    "the period '{period}' (ending in {year}) is not a plausible year.",
                    period=quote(p.period),
                    year=p.year,
                ),
                later._(
                    "data years go from {first} to the review year ({now}); {first} leaves room for historic baselines",
                    first=first,
                    now=now,
                ),
                **p.place("year"),
            )


def _span(period: Period) -> tuple[float, float]:
    return (period.start, period.end)


def _series_name(name: str, p: DataPoint) -> str | Message:
    """``name`` (an indicator, a period) with the area, series and unit of ``p``'s series."""
    if p.area:
        name = later._("{name}, area '{area}'", name=name, area=quote(p.area))
    if p.series:
        name = later._("{name}, series '{series}'", name=name, series=quote(p.series))
    return later._("{name} in {unit}", name=name, unit=quote(p.unit)) if p.unit else name


def duplicate_data(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    seen: dict[tuple, DataPoint] = {}
    for p in review.data:
        if p.period is None and p.unit is None and p.area is None:  # the common case, kept cheap
            key = (p.indicator, p.year, p.series.casefold() if p.series else None)
        else:
            when = p.year if p.period is None else _span(period_of(p))
            key = (
                p.indicator,
                when,
                p.series.casefold() if p.series else None,
                p.unit.casefold() if p.unit else None,
                p.area.casefold() if p.area else None,
            )
        if key in seen:
            first = seen[key]
            args = {"indicator": p.indicator, "period": _series_name(p.label, p), "row": first.row}
            yield Finding.of(
                rules.DATA_DUPLICATE,
                later._("a second value for {indicator} in {period}; the first is in row {row}.", **args)
                if first.label == p.label
                else later._(
                    "a second value for {indicator} in {period}; the first is in row {row} (written '{label}').",
                    label=quote(first.label),
                    **args,
                ),
                **p.place("value"),
            )
        else:
            seen[key] = p


def periods(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    """Each series written in periods that can be put in one order, and a note where
    several values fall in one year (only the latest counts)."""
    if not read.has_periods:
        return
    by_series: dict[tuple, list[DataPoint]] = {}
    for p in review.data:
        if p.period is not None:
            by_series.setdefault((p.indicator, p.series, p.unit, p.area), []).append(p)
    for p in review.data:  # plain years of the series that have periods
        if p.period is None and (p.indicator, p.series, p.unit, p.area) in by_series:
            by_series[(p.indicator, p.series, p.unit, p.area)].append(p)
    noted: set[str] = set()
    for (indicator, _series, _unit, _area), points in by_series.items():
        placed = [(period_of(p), p) for p in points]
        kinds = {id(p): period for period, p in placed}
        for late, early in overlap_conflicts(placed):
            yield Finding.of(
                rules.PERIOD_MIXED,
                later._(
                    "{series}: the {kind} '{label}' overlaps the {other_kind} '{other}' in row {row}, so the series "
                    "has no single order in time.",
                    series=_series_name(indicator, late),
                    kind=Message(PERIOD_KINDS[kinds[id(late)].kind], context="period"),
                    label=quote(late.label),
                    other_kind=Message(PERIOD_KINDS[kinds[id(early)].kind], context="period"),
                    other=quote(early.label),
                    row=early.row,
                ),
                **late.place("year"),
            )
            break  # one finding per series
        several = sub_annual_years(points)
        if several and indicator not in noted:
            noted.add(indicator)
            year, count = max(several.items())
            first = min(points, key=lambda p: p.row)
            yield Finding.of(
                rules.PERIOD_SUB_ANNUAL,
                later._(
                    "{indicator} has several values in one year ({count} in {year}): progress, charts and the annex "
                    "use the latest value of each year; the companion data workbook keeps them all.",
                    indicator=indicator,
                    count=count,
                    year=year,
                ),
                **first.place("year"),
            )
