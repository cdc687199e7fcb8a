"""Leaving no one behind: the widest gap between the groups of an indicator's breakdowns.

For an indicator whose data has breakdown series (by sex, age, language group,
district…), the rule is:

1. The *groups* are the breakdown series in the headline's unit (the first unit where
   there is no headline), each by the latest value of each year (:func:`vlr.model.series.annual`);
   where the review's own area has no breakdown, the other areas (the districts) are the
   groups. Groups of the two kinds are never compared with each other.
2. The *year* is the latest year in which at least two groups have a value (or one group
   and the headline).
3. The *gap* that year is between the group with the highest value and the group with
   the lowest (the headline, "overall", where only one group has a value): the difference
   in the unit (percentage points for a share), and the ratio of the two.
4. The gap is compared with the gap between the same two groups in the earliest earlier
   year both have a value: *narrowing* if it shrank by more than 5 %, *widening* if it grew
   by more than 5 %, otherwise *about the same*.
5. With a desired direction, the group *behind* is the lowest (an increase is desired) or
   the highest (a decrease is desired).

Pure functions over the review's series.
"""

from __future__ import annotations

from dataclasses import dataclass

from vlr.model.review import Indicator, Review
from vlr.model.series import SeriesKey, annual, headline_key, series_by_indicator

#: A gap that changed by less than this share is "about the same".
STEADY = 0.05


@dataclass(frozen=True)
class Group:
    label: str
    value: float


@dataclass(frozen=True)
class GroupGap:
    indicator: str
    name: str
    unit: str | None
    #: The year (its label as written) of the comparison.
    period: str
    high: Group
    low: Group
    #: The headline's value that year, if there is one.
    overall: float | None
    gap: float
    #: The earlier year the same two groups can be compared in, and their gap then.
    earlier_period: str | None = None
    earlier_gap: float | None = None
    #: "narrowing", "widening", "about the same", or None without an earlier year.
    trend: str | None = None
    #: The label of the group behind, where the indicator has a desired direction.
    behind: str | None = None
    groups: int = 2

    @property
    def ratio(self) -> float | None:
        return self.high.value / self.low.value if self.low.value > 0 else None

    @property
    def percentage(self) -> bool:
        return bool(self.unit) and self.unit.strip().startswith("%")


def _by_year(points) -> dict[int, tuple[float, str]]:
    return {p.year: (p.value, p.label) for p in annual(points)}


def _groups(series: dict[SeriesKey, list], head: SeriesKey | None, unit: str | None) -> dict[str, dict]:
    """The groups compared, all of one kind: the breakdowns of the review's own area, or, where
    it has none, the other areas' totals (districts compared among themselves)."""
    mine = {k.breakdown: _by_year(series[k]) for k in series if k != head and k.unit == unit and k.label and not k.area}
    if mine:
        return mine
    return {k.breakdown: _by_year(series[k]) for k in series if k.unit == unit and k.area and not k.label}


def indicator_gap(indicator: Indicator, series: dict[SeriesKey, list]) -> GroupGap | None:
    """The widest gap between the groups of ``indicator`` (see the module's rule), or
    None where it has fewer than two groups to compare."""
    if not series:
        return None
    head = headline_key(indicator, series)
    unit = head.unit if head else next(iter(series)).unit
    groups = _groups(series, head, unit)
    if not groups:
        return None
    overall = _by_year(series[head]) if head else {}
    years = sorted({y for values in groups.values() for y in values}, reverse=True)
    for year in years:
        present = {label: values[year][0] for label, values in groups.items() if year in values}
        if len(present) >= 2 or (present and year in overall):
            break
    else:
        return None
    period = next(values[year][1] for values in groups.values() if year in values)
    ranked = sorted(present.items(), key=lambda kv: (kv[1], kv[0]))
    if len(ranked) >= 2:
        low, high = Group(*ranked[0]), Group(*ranked[-1])
    else:
        only = Group(*ranked[0])
        whole = Group("overall", overall[year][0])
        low, high = (only, whole) if only.value <= whole.value else (whole, only)
    gap = high.value - low.value

    def value_of(label: str, y: int) -> float | None:
        if label == "overall":
            return overall.get(y, (None,))[0]
        return groups[label].get(y, (None,))[0]

    earlier = [
        y
        for y in sorted({*groups.get(high.label, {}), *overall} | {*groups.get(low.label, {})})
        if y < year and value_of(high.label, y) is not None and value_of(low.label, y) is not None
    ]
    earlier_period = earlier_gap = trend = None
    if earlier:
        first = earlier[0]
        earlier_gap = value_of(high.label, first) - value_of(low.label, first)  # type: ignore[operator]
        source = groups.get(high.label) or overall
        earlier_period = (source.get(first) or overall.get(first) or (None, str(first)))[1]
        if abs(gap) < abs(earlier_gap) * (1 - STEADY):
            trend = "narrowing"
        elif abs(gap) > abs(earlier_gap) * (1 + STEADY):
            trend = "widening"
        else:
            trend = "about the same"
    behind = {"increase": low.label, "decrease": high.label}.get(indicator.direction or "")
    return GroupGap(
        indicator=indicator.id,
        name=indicator.name,
        unit=unit,
        period=period,
        high=high,
        low=low,
        overall=overall.get(year, (None,))[0],
        gap=gap,
        earlier_period=earlier_period,
        earlier_gap=earlier_gap,
        trend=trend,
        behind=behind if behind != "overall" else None,
        groups=len(present),
    )


def gaps(review: Review) -> dict[str, GroupGap]:
    """Indicator ID → its widest gap between groups, for every indicator that has one."""
    found = {}
    for ind in review.indicators_by_id.values():
        gap = indicator_gap(ind, series_by_indicator(review).get(ind.id, {}))
        if gap is not None:
            found[ind.id] = gap
    return found
