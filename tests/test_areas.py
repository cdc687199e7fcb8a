"""Figures for other areas than the review's own (a district, a region, the country): the
Data sheet's Area column. Never the city's total, compared only among themselves, kept
apart wherever a series is (duplicates, changes, the data workbook)."""

from __future__ import annotations

import datetime as dt

from python_calamine import CalamineWorkbook

from conftest import review_folder
from vlr.analysis.gaps import gaps
from vlr.main import BuildOptions, build, diff, load
from vlr.model.series import headline_key, series_by_indicator


def with_areas(sheets: dict) -> dict:
    data = sheets["Data"]
    data[0] = ["Indicator ID", "Year", "Value", "Series", "Area"]
    for row in data[1:]:
        row.append(None)
    # the PM2.5 of two districts, in the same years as the city's
    data += [["I-2", y, 9 - 0.2 * (y - 2020), None, "Kallio"] for y in range(2020, 2026)]
    data += [["I-2", y, 6 - 0.1 * (y - 2020), None, "Vuosaari"] for y in range(2020, 2026)]
    return sheets


def test_an_areas_figures_are_a_series_of_their_own_and_never_the_headline(tmp_path, sheets):
    loaded = load(review_folder(tmp_path, with_areas(sheets)))
    assert loaded.report.ok and not loaded.report.warnings, loaded.report.to_text()
    ind = loaded.review.indicators_by_id["I-2"]
    series = series_by_indicator(loaded.review)["I-2"]
    head = headline_key(ind, series)
    assert head.area is None and [p.value for p in series[head]][0] == 8
    assert {k.name() for k in series} == {"Total", "Kallio", "Vuosaari"}


def test_the_same_year_in_two_areas_is_no_duplicate_but_twice_in_one_is(tmp_path, sheets):
    sheets = with_areas(sheets)
    assert load(review_folder(tmp_path, sheets)).report.ok
    sheets["Data"].append(["I-2", 2021, 7.0, None, "Kallio"])
    report = load(review_folder(tmp_path, sheets, "twice")).report
    duplicate = next(f for f in report.errors if f.rule == "data-duplicate")
    assert "area 'Kallio'" in duplicate.message


def test_areas_are_compared_among_themselves(tmp_path, sheets):
    gap = gaps(load(review_folder(tmp_path, with_areas(sheets))).review)["I-2"]
    assert (gap.high.label, gap.low.label) == ("Kallio", "Vuosaari") and gap.overall is not None


def test_changes_and_the_data_workbook_keep_areas_apart(tmp_path, sheets):
    old = review_folder(tmp_path, with_areas(sheets), "old")
    sheets["Data"][-1][2] = 5.0  # Vuosaari 2025 revised
    new = review_folder(tmp_path, sheets, "new")
    revised = [c for c in diff(old, new).changes if c.kind == "data-revised"]
    assert [c.subject for c in revised] == ["I-2 / Vuosaari / 2025"]
    result = build(new, BuildOptions(output=tmp_path / "out" / "draft.docx", date=dt.date(2026, 11, 28)))
    book = CalamineWorkbook.from_path(result.data)
    rows = book.get_sheet_by_name("I-2").to_python()
    assert rows[0][:2] == ["Area", "Series"]
    assert {r[0] for r in rows[1:]} == {"Testville", "Kallio", "Vuosaari"}
    assert book.get_sheet_by_name("I-1").to_python()[0][0] == "Series"  # no Area where there is none
