"""Real published data's shapes through the whole pipeline, on real workbooks: periods,
breakdowns without a total, several units, no direction, many series."""

import copy
import datetime as dt

import docx
import pytest
from click.testing import CliRunner

from conftest import INDICATOR_HEAD, MINIMAL
from vlr.cli import main
from vlr.draft.accessibility import check_docx
from vlr.draft.statistical import ANNEX_SERIES
from vlr.main import analyse, load, validate
from vlr.xlsx import read_workbook

DATA_HEAD = ["Indicator ID", "Year", "Value", "Series", "Unit", "Note"]


def real_shapes() -> dict:
    sheets = copy.deepcopy(MINIMAL)
    sheets["Indicators"][0] = [*INDICATOR_HEAD, "Headline series"]
    sheets["Indicators"] += [
        ["R-FY", "Homes built", "homes", "increase", "11.1", None, None, None, None, 2030, 900],
        ["R-SEX", "Employment rate", "%", "increase", "8.5", None, None, None, None, None, None],
        ["R-UNITS", "Waste collected", "t", "decrease", "11.6", None, None, None, None, None, None],
        ["R-DIR", "House price to earnings ratio", "ratio", None, "11.1", None, None, None, None, None, None],
        ["R-MANY", "Fish counted per site", "fish", "unknown", "14.4", None, None, None, None, None, None],
        ["R-MONTH", "Rough sleepers", "people", "decrease", "11.1", None, None, None, None, None, None],
        ["R-OLD", "Emissions", "kt", "decrease", "13.2", None, None, 1950, 100, 2030, 20],
        ["R-NAMED", "Pupils reading well", "%", "increase", "4.1", None, None, None, None, None, None, "Girls"],
    ]
    data = [DATA_HEAD]
    data += [["R-FY", f"{y}/{(y + 1) % 100:02d}", 500 + 40 * (y - 2015), None, None, None] for y in range(2015, 2024)]
    for y in range(2018, 2025):
        data += [
            ["R-SEX", y, 70 + y - 2018, "Sex: Total", None, None],
            ["R-SEX", y, 72 + y - 2018, "Sex: Male", None, None],
            ["R-SEX", y, 66 + (y - 2018) / 2, "Sex: Female", None, None],
        ]
    data += [["R-UNITS", y, 1000 - 20 * (y - 2018), None, None, None] for y in range(2018, 2025)]
    data += [["R-UNITS", y, 3.0 - 0.1 * (y - 2018), None, "kg per person", None] for y in range(2018, 2025)]
    data += [["R-DIR", 2015, 7.62, None, None, None], ["R-DIR", 2022, 8.59, None, None, None]]
    data += [
        ["R-MANY", y, float(site * 3 + y - 2015), f"Site {site:03d}", None, None]
        for site in range(1, 41)
        for y in (2015, 2016, 2017)
    ]
    data += [["R-MONTH", dt.datetime(2023, m, 15), 200 - m, None, None, None] for m in (1, 4, 7, 10)]
    data += [["R-MONTH", f"2024-{m:02d}", 180 - m, None, None, None] for m in (3, 6)]
    data += [
        ["R-OLD", 1950, 100, None, None, "Historic estimate"],
        ["R-OLD", 1990, 80, None, None, None],
        ["R-OLD", 2020, 40, None, None, None],
    ]
    data += [
        ["R-NAMED", y, v, s, None, None] for y in (2022, 2024) for s, v in (("Girls", 60 + y - 2022), ("Boys", 50))
    ]
    data += [["R-NAMED", 2024, 56, None, None, None]]
    sheets["Data"] = [DATA_HEAD] + [[*row, None, None] for row in MINIMAL["Data"][1:]] + data[1:]
    return sheets


@pytest.fixture
def review(write):
    return write(real_shapes())


def rules(report, severity=None):
    return [f.rule for f in report.findings if severity is None or f.severity.value == severity]


def test_real_shapes_validate_without_errors(review):
    report = validate(review)
    assert report.ok, report.to_text()
    warnings = rules(report, "warning")
    assert warnings.count("direction-unknown") == 2  # empty, and 'unknown'
    assert "indicator-no-data" not in warnings
    assert rules(report, "note").count("period-sub-annual") == 1
    note = next(f for f in report.findings if f.rule == "period-sub-annual")
    assert "R-MONTH" in note.message and "latest value of each year" in note.message


def test_periods_are_kept_as_written_and_progress_follows_them(review):
    analysis = analyse(review, breakdowns=True)
    by = {(r.indicator, r.series, r.unit): r for r in analysis.progress}
    fy = by[("R-FY", None, "homes")]
    assert (fy.base_period, fy.latest_period) == ("2015/16", "2023/24") and fy.headline
    assert fy.cagr == pytest.approx((820 / 500) ** (1 / 8) - 1)
    sex = by[("R-SEX", "Sex: Total", "%")]
    assert sex.headline and sex.latest_value == 76 and sex.label != "Insufficient data"
    assert not by[("R-SEX", "Sex: Female", "%")].headline
    units = by[("R-UNITS", None, "kg per person")]
    assert not units.headline and units.latest_value == pytest.approx(2.4)
    ratio = by[("R-DIR", None, "ratio")]
    assert ratio.status.value == "trend_only" and ratio.trend == "rising"  # never "good progress"
    many = by[("R-MANY", "Site 001", "fish")]
    assert not many.headline and by[("R-MANY", None, "fish")].label == "No total published"
    month = by[("R-MONTH", None, "people")]
    assert (month.base_period, month.latest_period) == ("2023-10-15", "2024-06")  # the latest of each year
    old = by[("R-OLD", None, "kt")]
    assert old.base_year == 1950 and old.status.value == "acceleration_needed"  # R = 0.81
    assert by[("R-NAMED", "Girls", "%")].headline


def test_errors_name_the_cell_and_the_period_as_written(write):
    sheets = real_shapes()
    sheets["Data"] += [
        ["R-FY", "2016", 510, None, None, None],  # a year inside financial years
        ["R-FY", "2017-18", 999, None, None, None],  # 2017/18 written another way
        ["R-FY", "1899", 1, None, None, None],
        ["R-FY", "soon", 1, None, None, None],
    ]
    report = validate(write(sheets))
    by_rule = {f.rule: f for f in report.findings if f.severity.value == "error"}
    mixed = by_rule["period-mixed"]
    assert "'2016'" in mixed.message and "2015/16" in mixed.message and mixed.cell.startswith("B")
    duplicate = by_rule["data-duplicate"]
    assert "2017-18" in duplicate.message and "written '2017/18'" in duplicate.message
    assert "1899" in by_rule["year-invalid"].message or any("1899" in f.message for f in report.findings)
    assert any("'soon' is not a year or a period" in f.message for f in report.findings)


@pytest.fixture(scope="module")
def draft(tmp_path_factory):
    folder = tmp_path_factory.mktemp("real")
    from vlr.workbook.writer import write_workbook

    write_workbook(folder / "review.xlsx", real_shapes())
    out = folder / "draft.docx"
    result = CliRunner().invoke(main, ["build", str(folder / "review.xlsx"), "-o", str(out), "--date", "2026-11-28"])
    assert result.exit_code == 0, result.output
    return out


def test_the_draft_shows_every_indicator_with_data_and_passes_its_own_check(draft):
    report = check_docx(draft)
    assert not report.findings, report.to_text()
    document = docx.Document(str(draft))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "2023/24" in " ".join(cells) and "(2023)" not in " ".join(c for c in cells if "820" in c)
    assert not any(c.startswith("Insufficient data") for c in cells if "no data" in c)
    assert "The publisher gives no total" in text and "more series are in Annex 3" in text
    alts = [
        d.get("descr")
        for d in document.element.body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
    ]
    fish = next(a for a in alts if "Fish counted" in a)
    assert "no total published" in fish and "36 more series" in fish
    assert "Trend only (no direction set)" in " ".join(cells)


def test_the_annex_is_bounded_and_the_data_workbook_holds_every_value(draft):
    document = docx.Document(str(draft))
    fish_tables = [
        t
        for t in document.tables
        if t.rows[0].cells[0].text == "Series" and any("Site 0" in r.cells[0].text for r in t.rows)
    ]
    assert fish_tables and all(len(t.rows) <= ANNEX_SERIES + 1 for t in fish_tables)
    widest = max(len(t.columns) for t in document.tables if t.rows[0].cells[0].text == "Series")
    assert widest <= 8
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"{40 - ANNEX_SERIES} more series are in the data workbook." in text  # 40 sites
    wb = {sheet.name: sheet.rows for sheet in read_workbook(draft.with_name("draft-data.xlsx"))}
    fish = wb["R-MANY"]
    assert fish[0][:5] == ["Series", "Unit", "Period", "Year", "Value"] and len(fish) == 1 + 40 * 3
    fy = wb["R-FY"]
    assert [r[2] for r in fy[1:3]] == ["2015/16", "2016/17"] and fy[1][3] == 2016
    contents = wb["Contents"]
    total = sum(r[4] for r in contents[1:])
    assert total == len(load(draft.parent / "review.xlsx").review.data)


def test_the_methodology_says_how_the_shapes_were_handled(draft):
    text = "\n".join(p.text for p in docx.Document(str(draft)).paragraphs)
    assert "besides calendar years the review has financial or academic years, months, dates" in text
    assert "as the sources write them (2015/16, 2023-01-15, 2024-03)" in text
    assert "1 indicator has several values within a year" in text
    assert "1 indicator has no total" in text and "2 indicators have no desired direction" in text
    assert "data workbook draft-data.xlsx" in text


def test_a_single_point_gets_a_sensible_axis():
    from vlr.charts.figures import x_limits

    assert x_limits([2021.0]) == (2019.0, 2023.0)
    low, high = x_limits([1990.0, 2020.0, 2030.0])
    assert 1988 < low < 1990 and 2030 < high < 2032
