"""Leaving no one behind: the widest gap between the groups of an indicator's breakdowns.

For an indicator whose data has breakdown series (by sex, age, language group,
district…), the rule is:

1. The *groups* are the breakdown series in the headline's unit (the first unit where
   there is no headline), each by the latest value of each year (:func:`vlr.model.series.annual`).
2. Groups are compared **within one dimension only**: sex with sex, age groups among
   themselves, districts among districts. A group's dimension is the name before the colon
   in its label (``Sex: Women``, ``Age group: 15-24``), else what its words are
   (:data:`SEX_WORDS`; ages such as ``Aged 65-74``, ``15-24``, ``75+``, ``under 18``), else
   the Series column itself (``Native speakers`` beside ``Foreign-language speakers``);
   another area's figures are the dimension "area", used where the review's own area has
   no breakdown. A label naming a measure (``… per capita``, ``… tonnes``) is compared only
   with labels naming the same one. Parts of a label that say "all" (``Age: All ages``)
   are no dimension. Groups of several dimensions (``Sex: Women; Age: 15-24``) are compared
   in one of them with the others held the same (women and men aged 15-24), only where the
   indicator has no groups of one dimension.
3. In each dimension, the *year* is the latest year in which at least two groups have a value
   (or, for a dimension the headline is the total of, one group and the headline).
4. The *gap* that year is between the group with the highest value and the group with
   the lowest (the headline, "overall", where only one group has a value): the difference
   in the unit (percentage points for a share). The *ratio* of the two is given only where
   a ratio means something: a quantity that cannot be negative (no value of the groups is
   below zero, and the unit is not a change, a balance or a temperature) and a lower value
   above zero.
5. Of the dimensions, the one with the widest gap (the difference, all being in one unit)
   is the indicator's.
6. The gap is compared with the gap between the same two groups in the earliest earlier
   year both have a value: *narrowing* if it shrank by more than 5 %, *widening* if it grew
   by more than 5 %, otherwise *about the same*.
7. With a desired direction, the group *behind* is the lowest (an increase is desired) or
   the highest (a decrease is desired).

Pure functions over the review's series.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vlr.model.review import Indicator, Review
from vlr.model.series import SeriesKey, annual, headline_key, is_total_part, label_parts, series_by_indicator

#: A gap that changed by less than this share is "about the same".
STEADY = 0.05
#: Labels that are groups of a sex breakdown (compared case-insensitively), in the languages
#: of the cities vlr is used in.
SEX_WORDS = frozenset(
    {
        "women", "men", "woman", "man", "female", "male", "females", "males", "girls", "boys",
        "naiset", "miehet", "tytöt", "pojat", "kvinnor", "män", "flickor", "pojkar",
        "frauen", "männer", "mädchen", "jungen", "weiblich", "männlich",
    }
)  # fmt: skip
_AGE = re.compile(
    r"\b(aged?|ages|years?|yrs|age group)\b|\b\d+\s*(?:-|–|to)\s*\d+\b|\b\d+\s*\+|\b(under|over|below|above)\s+\d+"
    r"|\b\d+\s+(and|or)\s+(over|older|more|under|younger)\b"
    r"|\b(children|youth|young people|elderly|seniors|pensioners)\b|\b(vuotiaat|år|jahre)\b",
    re.IGNORECASE,
)
#: Words of a label that name a measure rather than a group.
_MEASURE = re.compile(
    r"\bper\s+(?:capita|inhabitant|person|head|\d[\d,. ]*|thousand|hundred|million)\b|\b(?:metric\s+)?tonnes?\b"
    r"|\b(?:metric\s+)?tons?\b|\bkg\b|\bkwh\b|\bgwh\b|\bmwh\b|\beur\b|\busd\b|€|\$|\bpercent(?:age)?\b|%",
    re.IGNORECASE,
)
#: Units of quantities that can be negative (a change, a balance, a temperature): a ratio of two of them
#: means nothing, and a chart's axis of them need not start at zero.
SIGNED_UNIT = re.compile(
    r"change|growth|net\b|balance|difference|deviation|surplus|deficit|°|degrees?\b|celsius|fahrenheit",
    re.IGNORECASE,
)


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
    #: What the groups differ in: ``sex``, ``age``, ``area``, a label's own name (``language``);
    #: None for the Series column's unnamed groups.
    dimension: str | None = None
    #: What the groups compared share, where they are of several dimensions (``Age: 15-24``).
    within: str | None = None
    #: Whether a ratio of the two values means something (rule 4).
    ratio_means: bool = True

    @property
    def ratio(self) -> float | None:
        if not self.ratio_means or self.low.value <= 0:
            return None
        return self.high.value / self.low.value

    @property
    def percentage(self) -> bool:
        return bool(self.unit) and self.unit.strip().startswith("%")


def dimension_of(part: str) -> str:
    """The dimension of one part of a label: ``Sex: Women`` → ``sex``, ``Aged 65-74`` → ``age``,
    ``Native speakers`` → ``""`` (the Series column's own); a part naming a measure is a
    dimension of its own (rule 2)."""
    if ":" in part:
        return " ".join(part.split(":", 1)[0].split()).casefold()
    measure = _MEASURE.search(part)
    if measure:
        return f"measure {measure.group(0).casefold()}"
    if " ".join(part.split()).casefold() in SEX_WORDS:
        return "sex"
    if _AGE.search(part):
        return "age"
    return ""


def facets(label: str) -> tuple[tuple[str, str], ...]:
    """The parts of a label that place its group, each with its dimension: (dimension, part);
    the parts saying "all" left out."""
    return tuple((dimension_of(p), p) for p in label_parts(label) if not is_total_part(p))


def _by_year(points) -> dict[int, tuple[float, str]]:
    return {p.year: (p.value, p.label) for p in annual(points)}


#: A set of groups compared with each other: (dimension, what they share), → label → values by year.
Comparisons = dict[tuple[str, tuple], dict[str, dict]]


def _comparisons(series: dict[SeriesKey, list], head: SeriesKey | None, unit: str | None) -> Comparisons:
    """The sets of groups that may be compared (rule 2): the breakdowns of the review's own
    area by dimension, or, where it has none, the other areas' totals."""
    single: Comparisons = {}
    crossed: Comparisons = {}
    for key in series:
        if key == head or key.unit != unit or not key.label or key.area:
            continue
        parts = facets(key.label)
        if len(parts) == 1:
            single.setdefault((parts[0][0], ()), {})[key.breakdown] = _by_year(series[key])
        for i, (dim, _) in enumerate(parts if len(parts) > 1 else ()):
            crossed.setdefault((dim, parts[:i] + parts[i + 1 :]), {})[key.breakdown] = _by_year(series[key])
    if single or crossed:
        return single or crossed
    areas = {k.breakdown: _by_year(series[k]) for k in series if k.unit == unit and k.area and not k.label}
    return {("area", ()): areas} if areas else {}


def indicator_gap(indicator: Indicator, series: dict[SeriesKey, list]) -> GroupGap | None:
    """The widest gap between the groups of one dimension of ``indicator`` (see the
    module's rule), or None where no dimension has two groups to compare."""
    if not series:
        return None
    head = headline_key(indicator, series)
    unit = head.unit if head else next(iter(series)).unit
    overall = _by_year(series[head]) if head else {}
    found = [
        gap
        for (dim, shared), groups in _comparisons(series, head, unit).items()
        if (gap := _gap(indicator, unit, groups, overall if not shared else {}, dim, shared)) is not None
    ]
    return max(found, key=lambda g: abs(g.gap), default=None)


def _gap(
    indicator: Indicator, unit: str | None, groups: dict[str, dict], overall: dict, dim: str, shared: tuple
) -> GroupGap | None:
    """The gap within one set of groups (rules 3, 4, 6 and 7)."""
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
    values = [v for by_year in (*groups.values(), overall) for v, _ in by_year.values()]
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
        dimension=None if not dim or dim.startswith("measure ") else dim,
        within="; ".join(part for _, part in shared) or None,
        ratio_means=all(v >= 0 for v in values) and not SIGNED_UNIT.search(unit or ""),
    )


def gaps(review: Review) -> dict[str, GroupGap]:
    """Indicator ID → its widest gap between groups, for every indicator that has one."""
    found = {}
    for ind in review.indicators_by_id.values():
        gap = indicator_gap(ind, series_by_indicator(review).get(ind.id, {}))
        if gap is not None:
            found[ind.id] = gap
    return found
