"""Periods as publishers write them, series and their headline: pure functions."""

import datetime as dt

import pytest

from vlr.analysis.progress import Status, indicator_progress
from vlr.exceptions import ValueProblem
from vlr.model.periods import (
    DATE,
    FINANCIAL,
    MONTH,
    QUARTER,
    RANGE,
    YEAR,
    overlap_conflicts,
    parse_period,
    resolve_months,
)
from vlr.model.review import DataPoint, Indicator, Origin
from vlr.model.series import CHART_SERIES, SeriesKey, annual, chart_keys, headline_key, is_total_label, series_of

ORIGIN = Origin(file="t.xlsx", sheet="Data", columns={"indicator": "A", "year": "B", "value": "C"})


@pytest.mark.parametrize(
    "written, kind, position, year",
    [
        (2021, YEAR, 2021, 2021),
        (2021.0, YEAR, 2021, 2021),
        ("2021", YEAR, 2021, 2021),
        ("2019/20", FINANCIAL, 2019.5, 2020),
        ("2019-20", FINANCIAL, 2019.5, 2020),
        ("2010-11", FINANCIAL, 2010.5, 2011),
        ("2019\u201320", FINANCIAL, 2019.5, 2020),
        ("2019\u20132020", FINANCIAL, 2019.5, 2020),
        ("2012/2013", FINANCIAL, 2012.5, 2013),
        ("FY2019/20", FINANCIAL, 2019.5, 2020),
        ("FY 2019-20", FINANCIAL, 2019.5, 2020),
        ("1999-00", FINANCIAL, 1999.5, 2000),
        ("2000 - 02", RANGE, 2001, 2002),
        ("2004-2013", RANGE, 2008.5, 2013),
        ("1990-1999", RANGE, 1994.5, 1999),
        ("2014-11", MONTH, 2014 + 10.5 / 12 - 0.5, 2014),
        ("Nov 2014", MONTH, 2014 + 10.5 / 12 - 0.5, 2014),
        ("2014 Q3", QUARTER, 2014.125, 2014),
        ("Q3 2014", QUARTER, 2014.125, 2014),
        ("2021-07-27", DATE, None, 2021),
        (dt.date(2021, 7, 27), DATE, None, 2021),
        (dt.datetime(2021, 7, 27, 0, 0), DATE, None, 2021),
        ("27.07.2021", DATE, None, 2021),
    ],
)
def test_periods_as_publishers_write_them(written, kind, position, year):
    period = parse_period(written)
    assert period.kind == kind and period.year == year
    if position is not None:
        assert period.position == pytest.approx(position)
    if isinstance(written, str):
        assert period.label == written  # kept exactly as written
    if kind == DATE:
        assert 2021.06 < period.position < 2021.08  # 27 July: a little after mid-year


@pytest.mark.parametrize("written", ["last year", "2015-2010", "2021-02-30", "12345", "2014-13", True, 2015.5])
def test_what_is_no_period_is_refused_in_words(written):
    with pytest.raises(ValueProblem) as info:
        parse_period(written)
    assert len(str(info.value.message)) < 120


def test_a_series_of_months_reads_2010_11_as_november():
    periods = [parse_period(t) for t in ("2010-10", "2010-11", "2010-12")]
    assert [p.kind for p in periods] == [MONTH, FINANCIAL, MONTH]
    assert [p.kind for p in resolve_months(periods)] == [MONTH, MONTH, MONTH]
    fy = [parse_period(t) for t in ("2010-11", "2011-12")]
    assert resolve_months(fy) == fy  # financial years stay financial years


def test_overlapping_kinds_cannot_be_ordered():
    year, fy, next_year = parse_period(2016), parse_period("2016-2017"), parse_period(2018)
    assert overlap_conflicts([(year, "a"), (fy, "b"), (next_year, "c")]) == [("b", "a")]
    rolling = [parse_period(t) for t in ("2000 - 02", "2001 - 03", "2002 - 04")]
    assert overlap_conflicts([(p, p.label) for p in rolling]) == []  # same length: ordered by their middle
    months = [parse_period(t) for t in ("2014-01", "2014-02")]
    assert overlap_conflicts([(p, p.label) for p in months]) == []


def point(year, value, series=None, unit=None, period=None, row=2):
    p = parse_period(period) if period else parse_period(year)
    return DataPoint(
        origin=ORIGIN,
        row=row,
        indicator="I",
        year=p.year,
        value=value,
        series=series,
        unit=unit,
        period=None if p.plain else p.label,
        position=None if p.plain else p.position,
    )


def indicator(**kw):
    base = {
        "origin": ORIGIN,
        "row": 2,
        "id": "I",
        "name": "Thing",
        "unit": "%",
        "direction": "increase",
        "targets": ["11.1"],
    }
    return Indicator(**{**base, **kw})


@pytest.mark.parametrize(
    "labels, expected",
    [
        ([None, "Women", "Men"], None),
        (["Sex: Total", "Sex: Female", "Sex: Male"], "Sex: Total"),
        (["Men", "Both sexes", "Women"], "Both sexes"),
        (["Sex: Total; Age: All ages", "Sex: Female; Age: All ages"], "Sex: Total; Age: All ages"),
        (["Ward A", "Ward B"], "-"),
    ],
)
def test_the_headline_is_found_by_the_documented_rule(labels, expected):
    points = [point(2020, 1, series=s) for s in labels]
    head = headline_key(indicator(), series_of(indicator(), points))
    assert (head.label if head else "-") == expected


def test_a_named_headline_wins_and_the_indicators_unit_first():
    points = [point(2020, 1, series=None, unit="count"), point(2020, 2, series="Women"), point(2020, 3, series=None)]
    ind = indicator()
    assert headline_key(ind, series_of(ind, points)) == SeriesKey(None, "%")
    named = indicator(headline="Women")
    assert headline_key(named, series_of(named, points)) == SeriesKey("Women", "%")
    assert not is_total_label("Women") and is_total_label("All") and is_total_label("Total.")


def test_sub_annual_values_count_by_the_latest_of_each_year():
    points = [point(None, v, period=f"2014-{m:02d}") for m, v in ((1, 10), (6, 20), (12, 30))]
    points += [point(None, 40, period="2015-03")]
    kept = annual(points)
    assert [(p.year, p.value, p.label) for p in kept] == [(2014, 30, "2014-12"), (2015, 40, "2015-03")]


def test_a_chart_draws_the_headline_and_the_spread_of_groups():
    points = [point(2020, 50)] + [point(2020, v, series=f"Group {v}") for v in (10, 20, 30, 40, 60, 70, 80, 90)]
    points += [point(2020, 5, series="Other unit", unit="count")]
    series = series_of(indicator(), points)
    keys = chart_keys(series, headline_key(indicator(), series))
    assert len(keys) == CHART_SERIES == 4 and keys[0] == SeriesKey(None, "%")
    assert [k.label for k in keys[1:]] == ["Group 90", "Group 10", "Group 80"]  # the highest and lowest first
    assert all(k.unit == "%" for k in keys)  # never two units on one axis


def test_progress_over_financial_years_uses_the_time_between_their_middles():
    points = [point(None, 100, period="2015/16"), point(None, 121, period="2017/18")]
    [result] = indicator_progress(indicator(), points)
    assert result.cagr == pytest.approx(0.10)  # two years apart
    assert (result.base_period, result.latest_period) == ("2015/16", "2017/18")
    assert (result.base_year, result.latest_year) == (2016, 2018) and result.headline


def test_progress_per_series_and_unit_and_no_total():
    points = [
        point(2016, 10, series="Women"),
        point(2020, 12, series="Women"),
        point(2016, 5, series="Women", unit="count"),
        point(2020, 4, series="Women", unit="count"),
    ]
    results = indicator_progress(indicator(), points, breakdowns=True)
    head = results[0]
    assert head.headline and head.label == "No total published" and head.status == Status.INSUFFICIENT_DATA
    rest = {(r.series, r.unit): r for r in results[1:]}
    assert rest[("Women", "%")].trend == "improving" and rest[("Women", "count")].trend == "worsening"


def test_line_charts_are_drawn_the_same_every_time_and_break_at_gaps():
    import io

    from PIL import Image

    from vlr.charts import line as linechart

    assert linechart.nice_ticks(0, 97) == [0, 20, 40, 60, 80, 100]
    assert linechart.nice_ticks(7.62, 8.59)[0] <= 7.62 <= 8.59 <= linechart.nice_ticks(7.62, 8.59)[-1]
    assert linechart.nice_ticks(5, 5)[0] < 5 < linechart.nice_ticks(5, 5)[-1]  # a single value: room around it
    assert [t for _, t in linechart.year_ticks(1989, 2031)] == ["1990", "2000", "2010", "2020", "2030"]
    points = [(1990, 100), (2016, 76), (2017, 75), (2018, 73)]
    runs = linechart._runs(points, points)
    assert runs == [[(1990, 100)], [(2016, 76), (2017, 75), (2018, 73)]]  # never a line across 1991-2015
    rolling = [(1996, 50), (2000, 47), (2004, 44)]
    assert len(linechart._runs(rolling, rolling)) == 1

    spec = linechart.ChartSpec(
        6.3,
        2.5,
        120,
        [
            linechart.Line(points, "#3F7E44", "Observed", 2, "-", "circle"),
            linechart.Line(points[1:], "#1F5C99", "Women", 1.3, "--"),
        ],
        marks=[linechart.Mark(2030, 20, "star", "Target 2030")],
        hline=20,
        x_limits=(1988, 2032),
        y_label="% of 1990",
    )
    png = linechart.draw(spec)
    assert png == linechart.draw(spec)
    image = Image.open(io.BytesIO(png))
    assert image.size == (756, 300) and not image.info.get("Software")


def test_the_last_day_a_date_can_hold_is_a_period():
    # the year after 9999 is past what a date can hold: the year's length comes from the calendar
    for value in ("9999-12-31", dt.date(9999, 12, 31), dt.date(2024, 2, 29)):
        period = parse_period(value)
        assert period.start < period.end
    assert parse_period("9999-12-31").end == pytest.approx(10000)
