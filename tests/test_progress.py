"""Progress methods, by hand: each case writes its arithmetic so a reader can check it."""

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vlr.analysis.progress import DEFAULT_THRESHOLDS, Status, Thresholds, assess

ON, ACC, LIM, REG = Status.ON_TRACK, Status.ACCELERATION_NEEDED, Status.LIMITED, Status.REGRESSION


def status(points, **kw):
    return assess(points, **kw)["status"]


# --- UN Statistics Division, with a target ------------------------------------------------
# Base 2015 = 100, target 200 in 2025. When the latest year is the target year, the data
# reach it: the value met is "achieved", any other is "target missed" (no projection).


@pytest.mark.parametrize(
    "v_t, expected",
    [
        (195.1, Status.TARGET_MISSED),
        (110.0, Status.TARGET_MISSED),
        (90.0, Status.TARGET_MISSED),
        (200.0, Status.ACHIEVED),
        (250.0, Status.ACHIEVED),
    ],
)
def test_unsd_target_year_reached(v_t, expected):
    r = assess([(2015, 100), (2025, v_t)], direction="increase", target_year=2025, target_value=200)
    assert r["status"] == expected
    if expected == Status.TARGET_MISSED:
        assert r["label"] == "Target missed" and r["reason"] == "the target for 2025 was not reached"


def _unsd_ratio(v_b, v_t, years, ahead, target):
    """R by hand: project v_t ``ahead`` years at the observed CAGR over ``years`` years."""
    cagr = (v_t / v_b) ** (1 / years) - 1
    return (v_t * (1 + cagr) ** ahead - v_b) / (target - v_b)


# Target 200 in 2030, data 2015 = 100 and 2025 = v_t: R = (v̂_2030 − 100) / (200 − 100).
@pytest.mark.parametrize("v_t", [150.0, 172.0, 173.0, 106.0, 108.0, 90.0])
def test_unsd_target_increase(v_t):
    r = assess([(2015, 100), (2025, v_t)], direction="increase", target_year=2030, target_value=200)
    ratio = _unsd_ratio(100, v_t, 10, 5, 200)
    assert r["ratio"] == pytest.approx(ratio)
    assert r["status"] == (ON if ratio >= 0.95 else ACC if ratio >= 0.10 else REG)


def test_unsd_boundaries_fall_where_the_thresholds_say():
    # v_t = 172: v̂ = 172 · 1.72^(1/2) = 225.6, R = 1.256 → on track; v_t = 106: v̂ = 109.1, R = 0.091 → regression
    assert status([(2015, 100), (2025, 172)], direction="increase", target_year=2030, target_value=200) == ON
    assert status([(2015, 100), (2025, 106)], direction="increase", target_year=2030, target_value=200) == REG
    assert status([(2015, 100), (2025, 108)], direction="increase", target_year=2030, target_value=200) == ACC


@pytest.mark.parametrize("v_t", [60.0, 70.0, 94.0, 96.0])
def test_unsd_target_decrease(v_t):
    r = assess([(2015, 100), (2025, v_t)], direction="decrease", target_year=2030, target_value=50)
    ratio = _unsd_ratio(100, v_t, 10, 5, 50)
    assert r["ratio"] == pytest.approx(ratio)
    assert r["status"] == (ON if ratio >= 0.95 else ACC if ratio >= 0.10 else REG)
    assert status([(2015, 100), (2025, 49)], direction="decrease", target_year=2030, target_value=50) == Status.ACHIEVED


def test_unsd_projects_to_the_target_year():
    # 2015: 100, 2020: 110 → CAGR = 1.1^(1/5) − 1 = 1.9245 %
    # projected 2030 = 110 · 1.1^(10/5) = 110 · 1.21 = 133.1; R = (133.1 − 100) / (200 − 100) = 0.331
    r = assess([(2015, 100), (2020, 110)], direction="increase", target_year=2030, target_value=200)
    assert r["cagr"] == pytest.approx(1.1**0.2 - 1)
    assert r["projected_value"] == pytest.approx(133.1)
    assert r["ratio"] == pytest.approx(0.331)
    assert r["status"] == ACC and r["label"] == "Progress, acceleration needed" and r["trend"] == "improving"


def test_target_year_defaults_to_2030():
    # 2015: 100, 2020: 150 → projected 2030 = 150 · 1.5^2 = 337.5 ≥ 200: R = 2.375
    r = assess([(2015, 100), (2020, 150)], direction="increase", target_value=200)
    assert r["target_year"] == 2030 and r["ratio"] == pytest.approx(2.375) and r["status"] == ON


# --- UN Statistics Division, without a target: CAGR bands 2 % and 0.5 % ---------------------
# Two points a year apart, so CAGR = v_2016 / 100 − 1.


@pytest.mark.parametrize(
    "direction, v, expected",
    [
        ("increase", 102.01, ON),  # +2.01 % ≥ 2 %: good
        ("increase", 102.00, ON),  # exactly 2 %
        ("increase", 101.99, ACC),  # 1.99 %: fair
        ("increase", 100.51, ACC),  # 0.51 %
        ("increase", 100.49, REG),  # 0.49 %: stagnation
        ("increase", 95.0, REG),  # −5 %
        ("decrease", 97.99, ON),  # −2.01 %, a decrease is desired: d · CAGR = 2.01 %
        ("decrease", 98.01, ACC),  # d · CAGR = 1.99 %
        ("decrease", 99.49, ACC),  # 0.51 %
        ("decrease", 99.51, REG),  # 0.49 %
    ],
)
def test_unsd_without_target(direction, v, expected):
    r = assess([(2015, 100), (2016, v)], direction=direction)
    assert r["status"] == expected
    assert r["cagr"] == pytest.approx(v / 100 - 1)
    assert r["label"] in ("Good progress", "Fair progress", "Stagnation or regression")


# --- Eurostat, with a target: R = d · CAGR_obs / |CAGR_req| ----------------------------------
# Base 2015 = 100, target 200 in 2025: CAGR_req = 2^(1/10) − 1 = 7.177 %.
# Latest 2020 = 100 · (1 + g)^5 with g = R · CAGR_req, for a chosen R.

REQ = 2**0.1 - 1


@pytest.mark.parametrize(
    "r_wanted, expected",
    [
        (0.951, ON),
        (0.949, ACC),
        (0.601, ACC),
        (0.599, LIM),
        (0.001, LIM),
        (-0.001, REG),
        (-0.5, REG),
    ],
)
def test_eurostat_target_increase(r_wanted, expected):
    g = r_wanted * REQ
    v_t = 100 * (1 + g) ** 5
    r = assess([(2015, 100), (2020, v_t)], direction="increase", target_year=2025, target_value=200, method="eurostat")
    assert r["required_cagr"] == pytest.approx(REQ)
    assert r["ratio"] == pytest.approx(r_wanted)
    assert r["status"] == expected


@pytest.mark.parametrize("r_wanted, expected", [(0.96, ON), (0.94, ACC), (0.59, LIM), (-0.01, REG)])
def test_eurostat_target_decrease(r_wanted, expected):
    # base 100, target 50 by 2025: CAGR_req = 0.5^(1/10) − 1 = −6.697 %; a fall of g = R · 6.697 % a year
    req = 0.5**0.1 - 1
    v_t = 100 * (1 - r_wanted * abs(req)) ** 5
    r = assess([(2015, 100), (2020, v_t)], direction="decrease", target_year=2025, target_value=50, method="eurostat")
    assert r["ratio"] == pytest.approx(r_wanted)
    assert r["status"] == expected


@pytest.mark.parametrize(
    "direction, v, expected",
    [
        ("increase", 101.51, ON),
        ("increase", 101.49, ACC),
        ("increase", 100.51, ACC),
        ("increase", 100.49, LIM),
        ("increase", 100.01, LIM),
        ("increase", 99.99, REG),
        ("decrease", 98.49, ON),
        ("decrease", 98.51, ACC),
        ("decrease", 99.51, LIM),
        ("decrease", 100.01, REG),
    ],
)
def test_eurostat_without_target(direction, v, expected):
    # one year apart: d · CAGR = d · (v / 100 − 1); cut-offs 1.5 %, 0.5 %, 0
    r = assess([(2015, 100), (2016, v)], direction=direction, method="eurostat")
    assert r["status"] == expected


def test_eurostat_labels_name_the_method():
    r = assess([(2015, 100), (2016, 100.2)], direction="increase", method="eurostat")
    assert (r["status"], r["label"], r["method"]) == (LIM, "Limited progress", "eurostat")


# --- common rules ----------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["unsd", "eurostat"])
def test_single_point_is_insufficient(method):
    r = assess([(2020, 5)], direction="increase", target_value=10, method=method)
    assert r["status"] == Status.INSUFFICIENT_DATA and "only one value" in r["reason"]
    assert (r["latest_year"], r["latest_value"]) == (2020, 5)  # shown, though no status can be given
    assert assess([], direction="increase", method=method)["status"] == Status.INSUFFICIENT_DATA
    # values before the base year and one after it: the latest is still the latest
    r = assess([(2008, 40), (2011, 45), (2017, 52)], direction="increase", method=method)
    assert r["status"] == Status.INSUFFICIENT_DATA and (r["latest_year"], r["latest_value"]) == (2017, 52)
    assert "only one value from the base year 2015 on" in r["reason"]


@pytest.mark.parametrize("method", ["unsd", "eurostat"])
def test_zero_base_is_not_computable(method):
    r = assess([(2015, 0), (2020, 5)], direction="increase", method=method)
    assert r["status"] == Status.NOT_COMPUTABLE and "zero" in r["reason"]


@pytest.mark.parametrize("method", ["unsd", "eurostat"])
def test_values_of_different_sign_are_not_computable(method):
    r = assess([(2015, -3), (2020, 4)], direction="increase", method=method)
    assert r["status"] == Status.NOT_COMPUTABLE and "different signs" in r["reason"]


def test_negative_values_of_the_same_sign():
    # a net balance from −100 to −50 rises: the magnitude shrinks by CAGR = 0.5^(1/5) − 1 = −12.9 %,
    # which for negative values is an increase: d · sign · CAGR = 1 · −1 · −12.9 % = +12.9 %: good
    r = assess([(2015, -100), (2020, -50)], direction="increase")
    assert r["status"] == ON and r["trend"] == "improving"
    assert r["cagr"] == pytest.approx(0.5**0.2 - 1)


def test_baseline_year_rules():
    data = [(2012, 90), (2016, 100), (2020, 110)]
    # no baseline year: 2015 has no data, so the nearest later year, 2016
    assert assess(data, direction="increase")["base_year"] == 2016
    # a baseline year with a Baseline value from the Indicators sheet uses that value
    r = assess(data, direction="increase", baseline_year=2010, baseline_value=80)
    assert (r["base_year"], r["base_value"]) == (2010, 80)
    # a baseline year without a value takes the data of that year
    r = assess(data, direction="increase", baseline_year=2012)
    assert (r["base_year"], r["base_value"]) == (2012, 90)
    # data only before 2015: nothing to measure from
    assert assess([(2010, 1), (2012, 2)], direction="increase")["status"] == Status.INSUFFICIENT_DATA


def test_no_direction_gives_the_trend_without_a_judgement():
    rising = assess([(2015, 1), (2020, 2)], direction=None, target_value=0.5)
    assert rising["status"] == Status.TREND_ONLY and rising["trend"] == "rising"
    assert rising["label"] == "Trend only (no direction set)" and "no desired direction" in rising["reason"]
    assert abs(rising["cagr"] - (2 ** (1 / 5) - 1)) < 1e-12
    # a ratio rising from 7.62 to 8.59 is never called progress when nobody said which way is good
    assert assess([(2015, 7.62), (2020, 8.59)], direction=None)["status"] == Status.TREND_ONLY
    assert assess([(2015, 5), (2020, 4)], direction=None)["trend"] == "falling"
    assert assess([(2015, 5), (2020, 5.001)], direction=None)["trend"] == "stable"


def test_thresholds_are_configurable():
    stricter = Thresholds(**{**DEFAULT_THRESHOLDS["unsd"].model_dump(), "on_track_ratio": 0.99})
    points = [(2015, 100), (2025, 150)]
    target = 100 + (_unsd_ratio(100, 150, 10, 5, 200) * 100) / 0.97  # a target that makes R = 0.97
    assert status(points, direction="increase", target_year=2030, target_value=target) == ON
    assert status(points, direction="increase", target_year=2030, target_value=target, thresholds=stricter) == ACC


def test_trend_words():
    assert assess([(2015, 100), (2016, 100.1)], direction="increase")["trend"] == "stable"
    assert assess([(2015, 100), (2016, 103)], direction="decrease")["trend"] == "worsening"


# --- properties --------------------------------------------------------------------------------

series = st.lists(
    st.tuples(st.integers(2005, 2030), st.integers(1, 1_000_000)), min_size=0, max_size=12, unique_by=lambda p: p[0]
)


@settings(max_examples=300, deadline=None)
@given(
    points=series,
    method=st.sampled_from(["unsd", "eurostat"]),
    direction=st.sampled_from(["increase", "decrease"]),
    target=st.one_of(st.none(), st.integers(1, 1_000_000)),
    target_year=st.one_of(st.none(), st.integers(2016, 2040)),
    seed=st.integers(0, 1000),
)
def test_status_does_not_depend_on_row_order(points, method, direction, target, target_year, seed):
    shuffled = points[:]
    random.Random(seed).shuffle(shuffled)
    kw = {"direction": direction, "method": method, "target_value": target, "target_year": target_year}
    assert assess(points, **kw)["status"] == assess(shuffled, **kw)["status"]


@settings(max_examples=300, deadline=None)
@given(
    points=series,
    method=st.sampled_from(["unsd", "eurostat"]),
    direction=st.sampled_from(["increase", "decrease"]),
    target=st.one_of(st.none(), st.integers(1, 1_000_000)),
    baseline=st.one_of(st.none(), st.integers(1, 1000)),
    scale=st.one_of(st.integers(2, 1000), st.sampled_from([0.5, 0.25, 0.001])),
)
def test_scaling_all_values_does_not_change_the_status(points, method, direction, target, baseline, scale):
    kw = {"direction": direction, "method": method, "baseline_year": 2014 if baseline else None}
    plain = assess(points, target_value=target, baseline_value=baseline, **kw)
    scaled = assess(
        [(y, v * scale) for y, v in points],
        target_value=None if target is None else target * scale,
        baseline_value=None if baseline is None else baseline * scale,
        **kw,
    )
    assert plain["status"] == scaled["status"]
    if plain.get("cagr") is not None:
        assert math.isclose(plain["cagr"], scaled["cagr"], rel_tol=1e-9, abs_tol=1e-12)


def test_values_too_far_apart_for_a_float_are_not_computable():
    result = assess([(2015, 1e-10), (2016, 1e14)], direction="increase", target_year=2030, target_value=2e14)
    assert result["status"] == Status.NOT_COMPUTABLE and "too far apart" in result["reason"]
