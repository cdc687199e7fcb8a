"""Progress: is each indicator moving the right way, and fast enough?

Two methods, named beside every result:

``unsd``
    The UN Statistics Division's progress chart (the SDG Report's method). With a
    target: project the latest value to the target year at the observed compound annual
    growth rate (CAGR), ``v̂_T = v_t (1 + CAGR)^(T − t)``, and compare the projected
    change with the change needed, ``R = (v̂_T − v_b) / (v* − v_b)``: R ≥ 0.95 on track,
    0.10 ≤ R < 0.95 progress but acceleration needed, R < 0.10 stagnation or regression.
    Without a target, the CAGR in the desired direction: ≥ 2 % good, 0.5–2 % fair,
    below 0.5 % stagnation or regression.
``eurostat``
    The CAGR ratio used by Eurostat and Statistics Canada (and Open SDG's progress
    measure). With a target: ``R = d · CAGR_observed / |CAGR_required|``: ≥ 0.95
    substantial progress, 0.6–0.95 moderate, 0–0.6 limited, < 0 deterioration.
    Without a target: d · CAGR ≥ 1.5 % substantial, 0.5–1.5 % moderate, 0–0.5 % limited,
    < 0 deterioration.

Common rules: the base year is the indicator's baseline year, else 2015, else the first
later year with data; at least two points are needed; a latest value that already meets
the target is *achieved*; when the data reach the target year and the latest value does
not meet the target, the target is *missed* (no projection is needed any more); a zero
base or values of different sign cannot give a growth rate; without a desired direction
only the trend is reported. Pure functions; thresholds are configurable.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from enum import Enum

from pydantic import BaseModel, Field

from vlr.formatting import N_, NP_, _, p_
from vlr.framework.catalogue import Framework
from vlr.model.review import DataPoint, Indicator, Review
from vlr.model.series import annual, headline_key, series_by_indicator, series_of

DEFAULT_BASE_YEAR = 2015
DEFAULT_TARGET_YEAR = 2030
METHODS = ("unsd", "eurostat")


class Status(str, Enum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    ACCELERATION_NEEDED = "acceleration_needed"
    LIMITED = "limited_progress"
    REGRESSION = "regression"
    #: The target year has come (the data reach it) and the target value was not reached.
    TARGET_MISSED = "target_missed"
    #: No desired direction is set: the trend is reported without a judgement.
    TREND_ONLY = "trend_only"
    INSUFFICIENT_DATA = "insufficient_data"
    NOT_COMPUTABLE = "not_computable"


#: Order used in summaries and legends: best first.
STATUS_ORDER = list(Status)


class Thresholds(BaseModel):
    """Cut-offs of one method. Ratios apply with a target, growth rates without."""

    on_track_ratio: float
    moderate_ratio: float
    limited_ratio: float | None = None  # eurostat: R between 0 and moderate is "limited"
    good_growth: float
    fair_growth: float
    limited_growth: float | None = None
    #: |d · CAGR| below this is a "stable" trend.
    stable_growth: float = 0.005

    @classmethod
    def changed(cls, method: str, items: list[str]) -> Thresholds:
        """The method's default cut-offs with ``NAME=VALUE`` items applied (``on_track_ratio=0.9``);
        a :class:`ValueError` saying what is wrong with an item."""
        values = DEFAULT_THRESHOLDS[method].model_dump()
        for item in items:
            key, _, number = item.partition("=")
            if key not in values:
                raise ValueError(f"'{key}' is not a threshold; use one of {', '.join(values)}")
            try:
                values[key] = float(number)
            except ValueError:
                raise ValueError(f"'{item}': the value must be a number, e.g. {key}=0.9") from None
        return cls(**values)


DEFAULT_THRESHOLDS = {
    "unsd": Thresholds(on_track_ratio=0.95, moderate_ratio=0.10, good_growth=0.02, fair_growth=0.005),
    "eurostat": Thresholds(
        on_track_ratio=0.95,
        moderate_ratio=0.6,
        limited_ratio=0.0,
        good_growth=0.015,
        fair_growth=0.005,
        limited_growth=0.0,
    ),
}

METHOD_NAMES = {
    "unsd": N_("UN Statistics Division progress chart"),
    "eurostat": N_("Eurostat CAGR ratio"),
}

#: Each method's own words for the shared statuses, with and without a target.
LABELS = {
    ("unsd", True): {
        Status.ACHIEVED: N_("Target achieved"),
        Status.ON_TRACK: N_("On track"),
        Status.ACCELERATION_NEEDED: N_("Progress, acceleration needed"),
        Status.REGRESSION: N_("Stagnation or regression"),
    },
    ("unsd", False): {
        Status.ON_TRACK: N_("Good progress"),
        Status.ACCELERATION_NEEDED: N_("Fair progress"),
        Status.REGRESSION: N_("Stagnation or regression"),
    },
    ("eurostat", True): {
        Status.ACHIEVED: N_("Target achieved"),
        Status.ON_TRACK: N_("Substantial progress"),
        Status.ACCELERATION_NEEDED: N_("Moderate progress"),
        Status.LIMITED: N_("Limited progress"),
        Status.REGRESSION: N_("Deterioration"),
    },
    ("eurostat", False): {
        Status.ON_TRACK: N_("Substantial progress"),
        Status.ACCELERATION_NEEDED: N_("Moderate progress"),
        Status.LIMITED: N_("Limited progress"),
        Status.REGRESSION: N_("Deterioration"),
    },
}
COMMON_LABELS = {
    Status.TARGET_MISSED: N_("Target missed"),
    Status.TREND_ONLY: N_("Trend only (no direction set)"),
    Status.INSUFFICIENT_DATA: N_("Insufficient data"),
    Status.NOT_COMPUTABLE: N_("Not computable"),
    Status.ACHIEVED: N_("Target achieved"),
}

#: The labels as they stand inside a sentence ("9 on track; 2 target missed"): lowered in most
#: languages, their nouns' capitals kept in German ("9 auf Kurs; 2 Ziel verfehlt").
IN_SENTENCE = (
    NP_("a status inside a sentence", "Target achieved"),
    NP_("a status inside a sentence", "On track"),
    NP_("a status inside a sentence", "Progress, acceleration needed"),
    NP_("a status inside a sentence", "Stagnation or regression"),
    NP_("a status inside a sentence", "Good progress"),
    NP_("a status inside a sentence", "Fair progress"),
    NP_("a status inside a sentence", "Substantial progress"),
    NP_("a status inside a sentence", "Moderate progress"),
    NP_("a status inside a sentence", "Limited progress"),
    NP_("a status inside a sentence", "Deterioration"),
    NP_("a status inside a sentence", "Target missed"),
    NP_("a status inside a sentence", "Trend only (no direction set)"),
    NP_("a status inside a sentence", "Insufficient data"),
    NP_("a status inside a sentence", "Not computable"),
    NP_("a status inside a sentence", "No total published"),
)


def in_sentence(status_label: str) -> str:
    """A status's label as it stands inside a sentence, in the language spoken: the catalogue's
    form (context "a status inside a sentence"), else the label lowered."""
    said = p_("a status inside a sentence", status_label)
    return said if said != status_label else _(status_label).lower()


class Progress(BaseModel):
    """The progress of one indicator series under one method."""

    indicator: str
    series: str | None = None
    name: str | None = None
    unit: str | None = None
    direction: str | None = None
    #: The series that stands for the indicator (:func:`vlr.model.series.headline_key`).
    headline: bool = False
    method: str
    status: Status
    label: str
    #: improving / stable / worsening; rising / stable / falling where no direction is set.
    trend: str | None = None
    reason: str | None = None
    base_year: int | None = None
    #: The base and latest periods as the publisher wrote them (``2019/20``).
    base_period: str | None = None
    base_value: float | None = None
    latest_year: int | None = None
    latest_period: str | None = None
    latest_value: float | None = None
    target_year: int | None = None
    target_value: float | None = None
    cagr: float | None = None
    required_cagr: float | None = None
    ratio: float | None = None
    projected_value: float | None = None
    goals: list[int] = Field(default_factory=list)


def label(method: str, status: Status, has_target: bool) -> str:
    return LABELS[(method, has_target)].get(status) or COMMON_LABELS.get(status) or status.value


def _cagr(v_b: float, v_t: float, years: int) -> float:
    """Compound annual growth of the magnitude; the caller checks signs."""
    return (abs(v_t) / abs(v_b)) ** (1 / years) - 1


def _clean(x: float) -> float:
    """Round away float noise before comparing with a threshold, so that the status
    does not depend on the order of operations (or on the scale of the values)."""
    return round(x, 9) if math.isfinite(x) else x


def _guarded(assess_numbers):
    """``assess`` that answers "not computable" where the values are so far apart that
    no float holds the growth rate (an overflow), instead of failing."""

    @functools.wraps(assess_numbers)
    def guarded(points, **options) -> dict:
        try:
            return assess_numbers(points, **options)
        except (OverflowError, ZeroDivisionError):
            method, target = options.get("method", "unsd"), options.get("target_value")
            return {
                "method": method,
                "target_value": target,
                "status": Status.NOT_COMPUTABLE,
                "label": label(method, Status.NOT_COMPUTABLE, target is not None),
                "reason": _("the values are too far apart for a growth rate"),
            }

    return guarded


@_guarded
def assess(
    points: Iterable[tuple[int, float]],
    *,
    direction: str | None,
    baseline_year: int | None = None,
    baseline_value: float | None = None,
    target_year: int | None = None,
    target_value: float | None = None,
    method: str = "unsd",
    thresholds: Thresholds | None = None,
) -> dict:
    """The status of one series of (position, value) points (:mod:`vlr.model.periods`: year Y
    at Y). Returns the fields of a :class:`Progress` that depend on the numbers."""
    if method not in METHODS:
        raise ValueError(f"unknown progress method {method!r}; use one of {', '.join(METHODS)}")
    th = thresholds or DEFAULT_THRESHOLDS[method]
    has_target = target_value is not None
    out: dict = {"method": method, "target_value": target_value}
    if has_target:
        out["target_year"] = target_year or DEFAULT_TARGET_YEAR

    def result(status: Status, reason: str | None = None) -> dict:
        out.update(status=status, label=label(method, status, has_target), reason=reason)
        return out

    series = dict(sorted(points))
    ends = _base_and_latest(series, baseline_year, baseline_value)
    if isinstance(ends, str):
        if series:  # no status, but the latest value is shown wherever the indicator is
            latest = max(series)
            out.update(latest_year=latest, latest_value=series[latest])
        return result(Status.INSUFFICIENT_DATA, ends)
    b, v_b, t, v_t = ends
    out.update(base_year=b, base_value=v_b, latest_year=t, latest_value=v_t)
    d = {"increase": 1, "decrease": -1}.get(direction or "", 0)
    settled = _settled(d, target_value, out.get("target_year"), v_b, t, v_t)
    if settled:
        return result(*settled)

    cagr = _cagr(v_b, v_t, t - b)
    sign = 1 if v_b > 0 else -1  # for negative values, a growing magnitude is a decrease
    out["cagr"] = cagr
    if not d:
        out["trend"] = _trend(_clean(sign * cagr), th, "rising", "falling")
        return result(Status.TREND_ONLY, _("no desired direction is set, so the trend is shown without a judgement"))
    growth = _clean(d * sign * cagr)  # growth in the desired direction
    out["trend"] = _trend(growth, th, "improving", "worsening")
    if not has_target:
        return result(_ladder(growth, th.good_growth, th.fair_growth, th.limited_growth))
    ratio, fields, reason = RATIOS[method](b, v_b, t, v_t, cagr, d * sign, target_value, out["target_year"])
    if reason:
        return result(Status.NOT_COMPUTABLE, reason)
    out.update(fields)
    return result(_ladder(ratio, th.on_track_ratio, th.moderate_ratio, th.limited_ratio))


def _base_and_latest(
    series: dict[float, float], baseline_year: int | None, baseline_value: float | None
) -> tuple[int, float, int, float] | str:
    """The base (the baseline year, with the Baseline value or data that year; else 2015;
    else the first later year with data) and the latest point, or why there are none."""
    b = start = baseline_year if baseline_year is not None else DEFAULT_BASE_YEAR
    if not series:
        return _("no data")
    if baseline_year is not None and baseline_value is not None:
        v_b = baseline_value
    else:
        later = [y for y in series if y >= b]
        if not later:
            return _("there are no data from the base year {year} on").format(year=b)
        b = later[0]
        v_b = series[b]
    after = [y for y in series if y > b]
    if not after and any(y < start for y in series):
        return _(
            "there is only one value from the base year {year} on; the earlier ones are not compared with it"
        ).format(year=start)
    if not after:
        return _("there is only one value, and a trend needs a base and a later one")
    return b, v_b, after[-1], series[after[-1]]


def _settled(
    d: int, target: float | None, target_year: int | None, v_b: float, t: int, v_t: float
) -> tuple[Status, str | None] | None:
    """The statuses decided before any growth rate: the target achieved or missed, or no
    growth rate to compute."""
    if d and target is not None and d * (v_t - target) >= 0:
        return Status.ACHIEVED, None
    if d and target is not None and t >= target_year:  # the data reach the target year, the value did not
        return Status.TARGET_MISSED, _("the target for {year} was not reached").format(year=target_year)
    if v_b == 0:
        return Status.NOT_COMPUTABLE, _("the base value is zero, so there is no growth rate")
    if v_t == 0 or (v_b > 0) != (v_t > 0):
        return Status.NOT_COMPUTABLE, _("the base and latest values have different signs")
    return None


def _trend(change: float, th: Thresholds, up: str, down: str) -> str:
    return "stable" if abs(change) < th.stable_growth else (up if change > 0 else down)


def _ladder(value: float, top: float, middle: float, limited: float | None) -> Status:
    """The one status ladder of both methods, for a ratio or a growth rate: at least ``top``
    on track, at least ``middle`` acceleration needed, at least ``limited`` (Eurostat's third
    rung) limited, else regression."""
    if value >= top:
        return Status.ON_TRACK
    if value >= middle:
        return Status.ACCELERATION_NEEDED
    if limited is not None and value >= limited:
        return Status.LIMITED
    return Status.REGRESSION


def _unsd_ratio(b, v_b, t, v_t, cagr, _way, target, target_year) -> tuple[float | None, dict, str | None]:
    """UNSD: the latest value projected to the target year at the observed CAGR, and
    R = (projected − base) / (target − base)."""
    projected = v_t * (1 + cagr) ** (max(target_year, t) - t)
    if target == v_b:
        return None, {}, _("the target equals the base value")
    ratio = _clean((projected - v_b) / (target - v_b))
    return ratio, {"projected_value": projected, "ratio": ratio}, None


def _eurostat_ratio(b, v_b, _t, _v_t, cagr, way, target, target_year) -> tuple[float | None, dict, str | None]:
    """Eurostat: R = the observed CAGR in the desired direction / the CAGR the target needs."""
    if b >= target_year:
        return None, {}, _("the target year is not after the base year")
    if target == 0 or (target > 0) != (v_b > 0):
        return None, {}, _("no constant growth rate leads from the base value to the target")
    required = _cagr(v_b, target, target_year - b)
    if _clean(required) == 0:
        return None, {}, _("the target equals the base value")
    ratio = _clean(way * cagr / abs(required))
    return ratio, {"required_cagr": required, "ratio": ratio}, None


#: Each method's ratio of the progress made to the progress a target needs.
RATIOS = {"unsd": _unsd_ratio, "eurostat": _eurostat_ratio}


def indicator_progress(
    indicator: Indicator,
    points: list[DataPoint],
    fw: Framework | None = None,
    *,
    method: str = "unsd",
    thresholds: Thresholds | None = None,
    breakdowns: bool = False,
    series: dict | None = None,
) -> list[Progress]:
    """The headline series (and, with ``breakdowns``, every other series) of one
    indicator, each series in its own unit. Sub-annual values count by the latest of each
    year (:func:`vlr.model.series.annual`). ``series``: its points already grouped, if they are."""
    series = series_of(indicator, points) if series is None else series
    head = headline_key(indicator, series)
    keys = [head, *(k for k in series if k != head)] if breakdowns else [head]
    goals = sorted({fw.target(c).goal for c in indicator.targets if fw and fw.target(c)})
    results = []
    for key in keys:
        is_head = key == head
        pts = annual(series.get(key, [])) if key is not None else []
        at = {p.x: p for p in pts}
        numbers = assess(
            [(p.x, p.value) for p in pts],
            direction=indicator.direction,
            baseline_year=indicator.baseline_year,
            baseline_value=indicator.baseline_value if is_head else None,
            target_year=indicator.target_year,
            target_value=indicator.target_value if is_head or key.unit == indicator.unit else None,
            method=method,
            thresholds=thresholds,
        )
        if key is None and points:
            numbers.update(
                label=N_("No total published"), reason=_("the data has breakdowns but no total; see the breakdowns")
            )
        for end in ("base", "latest"):
            x = numbers.get(f"{end}_year")
            if x is not None:
                point = at.get(x)
                numbers[f"{end}_year"] = point.year if point else int(x)
                numbers[f"{end}_period"] = point.label if point else str(int(x))
        results.append(
            Progress(
                indicator=indicator.id,
                series=key.breakdown if key else None,
                name=indicator.name,
                unit=key.unit if key else indicator.unit,
                direction=indicator.direction,
                headline=is_head,
                goals=goals,
                **numbers,
            )
        )
    return results


def progress(
    review: Review,
    fw: Framework | None = None,
    *,
    method: str = "unsd",
    thresholds: Thresholds | None = None,
    breakdowns: bool = False,
) -> list[Progress]:
    """Progress of every indicator of the review, in the order of the workbooks."""
    data = review.data_by_indicator
    results: list[Progress] = []
    for ind in review.indicators_by_id.values():
        results.extend(
            indicator_progress(
                ind,
                data.get(ind.id, []),
                fw,
                method=method,
                thresholds=thresholds,
                breakdowns=breakdowns,
                series=series_by_indicator(review).get(ind.id, {}),
            )
        )
    return results


def status_counts(results: list[Progress]) -> dict[str, int]:
    """Headline indicators per status label (the method's words)."""
    counts: dict[str, int] = {}
    for r in results:
        if r.headline:
            counts[r.label] = counts.get(r.label, 0) + 1
    return counts


def goal_summary(results: list[Progress]) -> dict[int, dict[str, int]]:
    """Per goal: how many of its indicators (headline series) are in each status."""
    summary: dict[int, dict[str, int]] = {}
    for r in results:
        if not r.headline:
            continue
        for g in r.goals:
            counts = summary.setdefault(g, {s.value: 0 for s in STATUS_ORDER})
            counts[r.status.value] += 1
    return dict(sorted(summary.items()))
