"""vlr import open-sdg on repositories shaped as Open SDG publishes them: indicator-config,
Series, UNIT_MULT, SDMX codes with translations, helper columns, odd periods, and a
reconciliation that adds up."""

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from vlr.analysis.gaps import gaps
from vlr.cli import main
from vlr.draft.accessibility import check_docx
from vlr.exceptions import ValueProblem
from vlr.framework.catalogue import load_framework
from vlr.imports.open_sdg import read_repository
from vlr.imports.open_sdg_rows import read_period, scale_of, scaled_unit
from vlr.main import load, validate


def write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def make_repository(root: Path) -> Path:
    write(
        root,
        "config_data.yml",
        "inputs:\n  - class: InputCsvData\n    path_pattern: data/*-*.csv\n"
        "  - class: InputYamlMeta\n    path_pattern: indicator-config/*-*.yml\n"
        "  - class: InputYamlMeta\n    path_pattern: meta/*-*.yml\n",
    )
    # Two Series (different measures) with sexes, in the same unit; the chart starts with deaths
    rows = ["Year,Series,Sex,Units,Value"]
    for year, base in ((2015, 100), (2020, 80)):
        rows += [f"{year},DEATHS,,Number,{base}", f"{year},DEATHS,F,Number,{base * 0.4}"]
        rows += [f"{year},DEATHS,M,Number,{base * 0.6}", f"{year},INJURED,,Number,{base * 10}"]
        rows += [f"{year},INJURED,F,Number,{base * 2}", f"{year},INJURED,M,Number,{base * 8}"]
    write(root, "data/indicator_3-6-1.csv", "\n".join(rows) + "\n")
    write(
        root,
        "indicator-config/3-6-1.yml",
        "indicator_name: Road traffic casualties\ncomputation_units: null\n"
        "data_start_values:\n  - field: Series\n    value: DEATHS\n"
        "progress_calculation_options:\n  - direction: negative\n    target: 40\n    series: DEATHS\n"
        "  - direction: positive\n    series: SOMETHING_ELSE\n",
    )
    write(root, "meta/3-6-1.yml", "indicator_name: Deaths and injuries on the roads\nsource_organisation_1: Police\n")
    write(root, "translations/en/SERIES.yml", "DEATHS: Deaths on the roads\nINJURED: People injured on the roads\n")
    write(root, "translations/en/SEX.yml", "SEX: Sex\nF: Female\nM: Male\n")
    write(root, "translations/en/UNIT_MEASURE.yml", "PT: Percent\nT: tonnes\n")
    write(root, "translations/fi/SEX.yml", "SEX: Sukupuoli\nF: Naiset\nM: Miehet\n")
    # SDMX codes, a unit from indicator-config as a translation key, a numeric multiplier
    write(
        root,
        "data/indicator_12-2-2.csv",
        "Year,UNIT_MEASURE,UNIT_MULT,SEX,Value\n2015,T,3,,12.5\n2020,T,3,,11.0\n2020,T,6,,0.011\n2021,T,Lots,,3\n",
    )
    write(root, "indicator-config/12-2-2.yml", "computation_units: UNIT_MEASURE.T\n")
    write(root, "data/indicator_5-5-1.csv", "Year,SEX,UNIT_MEASURE,Value\n2015,F,PT,26.1\n2020,F,PT,31.0\n")
    write(root, "indicator-config/5-5-1.yml", "computation_units: UNIT_MEASURE.PT\n")
    # a helper column; periods as they are published; one that is no period
    write(
        root,
        "data/indicator_4-1-1.csv",
        "Year,Progress,Value\n"
        + "".join(f"{y},{y * 0.37:.3f},{v}\n" for y, v in zip(range(2001, 2015), range(50, 64)))
        + "2002/03-2007/08,1,70\n2019/20 [Note 5],2,71\n2001-2005 (baseline),3,72\n1974a,4,73\n"
        + "17 May to 11 June 2023,5,74\nnext year,6,75\n",
    )
    # the metadata wins over indicator-config where both say something (the order above)
    write(root, "indicator-config/4-1-1.yml", "computation_units: Percentage (%)\nindicator_name: Old name\n")
    write(root, "meta/4-1-1.yml", "indicator_name: Pupils reaching minimum proficiency\n")
    write(
        root, "data/indicator_1-4-1.csv", "Year,Group,Value\n2015,A,1\n2015,B,3\n2015,,2\n2016,A,1\n2016,B,3\n2016,,2\n"
    )
    return root


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    return make_repository(tmp_path_factory.mktemp("pub") / "sdg-data")


@pytest.fixture(scope="module")
def imported(repo, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "review"
    result = CliRunner().invoke(main, ["import", "open-sdg", str(repo), "-o", str(out), "--city", "Testbury"])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_each_series_is_a_measure_of_its_own_and_the_start_values_choose_the_headline(imported):
    folder, _ = imported
    review = load(folder).review
    ind = review.indicators_by_id["3.6.1"]
    assert ind.name == "Deaths and injuries on the roads" and ind.source == "Police"
    assert ind.unit == "Number (Deaths on the roads)"
    assert ind.direction == "decrease" and ind.target_value == 40 and ind.target_year == 2030
    units = {(p.series, p.unit) for p in review.data_by_indicator["3.6.1"]}
    assert units == {
        (None, None),
        ("Female", None),
        ("Male", None),
        (None, "Number (People injured on the roads)"),
        ("Female", "Number (People injured on the roads)"),
        ("Male", "Number (People injured on the roads)"),
    }


def test_a_gap_sentence_never_compares_two_different_series(imported):
    folder, _ = imported
    review = load(folder).review
    gap = gaps(review)["3.6.1"]
    assert gap.unit == "Number (Deaths on the roads)"
    assert {gap.high.label, gap.low.label} == {"Female", "Male"}
    assert (gap.high.value, gap.low.value) == (48, 32)  # deaths in 2020, never the injured


def test_scales_translations_and_units_from_indicator_config(imported):
    folder, output = imported
    review = load(folder).review
    waste = review.indicators_by_id["12.2.2"]
    assert waste.unit == "thousand tonnes"
    points = {(p.label, p.unit): p.value for p in review.data_by_indicator["12.2.2"]}
    assert points == {("2015", None): 12.5, ("2020", None): 11.0, ("2020", "million tonnes"): 0.011}
    share = review.indicators_by_id["5.5.1"]
    assert share.unit == "Percent" and {p.series for p in review.data_by_indicator["5.5.1"]} == {"Female"}
    assert "1 with a unit multiplier vlr cannot read (first: data/indicator_12-2-2.csv line 5)" in output


def test_helper_columns_are_named_and_periods_read_or_counted(imported):
    folder, output = imported
    review = load(folder).review
    ind = review.indicators_by_id["4.1.1"]
    assert ind.name == "Pupils reaching minimum proficiency" and ind.unit == "Percentage (%)"
    points = review.data_by_indicator["4.1.1"]
    # Progress is no breakdown; the spans overlapping the years get series of their own
    assert all(p.series is None or p.series.startswith("Total (") for p in points)
    notes = {p.label: p.note for p in points if p.note}
    assert notes == {
        "2002-2008": "published as 2002/03-2007/08",
        "2019/20": "Note 5",
        "2001-2005": "baseline",
        "1974": "published as 1974a",  # a poll of two in one year
        "2023": "17 May to 11 June 2023",  # survey fieldwork within one year
    }
    assert "Columns left out (neither a breakdown nor an attribute vlr knows): Progress" in output
    assert (
        "1 with a period vlr cannot read (not a year, financial year, range, quarter, month or date) "
        "(first: data/indicator_4-1-1.csv line 21)" in output
    )


def test_the_rows_add_up_and_the_review_validates_and_builds(imported, tmp_path):
    folder, output = imported
    assert "Rows: 44 in the data files = 36 imported + 8 left out:" in output
    assert "6 in a file not imported: a placeholder" in output
    assert "Direction of the 3 indicators without one" in output
    report = validate(folder)
    assert report.ok and not report.errors, report.to_text()
    out = tmp_path / "draft.docx"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--date", "2026-11-28"])
    assert result.exit_code == 0, result.output
    assert not check_docx(out).findings
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "SDG" in text and "_L_" not in text and "UNIT_MEASURE" not in text


def test_the_language_chooses_the_translations(repo):
    result = read_repository(repo, load_framework(None), language="fi")
    labels = {r[3] for i in result.indicators if i.id == "3.6.1" for r in i.rows}
    assert labels == {None, "Naiset", "Miehet"}
    units = {r[4] for i in result.indicators if i.id == "3.6.1" for r in i.rows}
    assert "Number (INJURED)" in units  # no Finnish SERIES.yml: the code stays


def test_scales_and_periods():
    given = ("", "0", "Units", "3", "Thousands", "6.0", "Millions", "7", "x", "Percentage (%)")
    assert [scale_of(t) for t in given] == [0, 0, 0, 3, 3, 6, 6, 7, None, None]
    assert scaled_unit("EUR", 6) == "million EUR" and scaled_unit("GBP (£ Millions)", 6) == "GBP (£ Millions)"
    assert scaled_unit("Number of people", 3) == "thousand people" and scaled_unit(None, 3) == "thousand"
    assert read_period("2007/08 to 2008/09")[1:] == ("2007-2009", "published as 2007/08 to 2008/09")
    assert read_period("1993 01")[1] == "Jan 1993" and read_period("1980 to 1990")[1] == "1980-1990"
    assert read_period("2019 (p)")[1:] == ("2019", "p")


def test_places_go_to_the_area_and_the_reviews_own_rows_are_the_total(tmp_path):
    # Regions told apart by their GeoCode alone: each region's value has its area, never the total
    write(tmp_path, "data/indicator_11-1-1.csv", "Year,GeoCode,Value\n2021,R01,44\n2021,R02,58\n2022,R01,40\n")
    # Places named in Geography (the code beside them adds nothing); the country's own rows,
    # named by the country or left empty, are the total
    write(
        tmp_path,
        "data/indicator_3-9-1.csv",
        "Year,Geography,GeoCode,Sex,Value\n2021,,,,10\n2021,Ruritania,,F,11\n2021,North,R01,,12\n2021,South,R02,,8\n",
    )
    result = read_repository(tmp_path, load_framework(), country="Ruritania")
    by_id = {i.id: i for i in result.indicators}
    regions = by_id["11.1.1"]
    assert sorted((r[1], r[2], r[3], r[6]) for r in regions.rows) == [
        (2021, 44, None, "R01"),
        (2021, 58, None, "R02"),
        (2022, 40, None, "R01"),
    ]
    assert not regions.dropped
    named = by_id["3.9.1"]
    assert sorted((r[2], r[3], r[6]) for r in named.rows) == [
        (8, None, "South"),
        (10, None, None),
        (11, "F", None),
        (12, None, "North"),
    ]


def test_a_review_with_areas_compares_them_among_themselves(tmp_path):
    write(
        tmp_path,
        "data/indicator_3-9-1.csv",
        "Year,Geography,Sex,Value\n2015,,,10\n2020,,,9\n2020,,F,8\n2020,,M,12\n2015,North,,12\n2020,North,,11\n"
        "2015,South,,8\n2020,South,,4\n",
    )
    write(
        tmp_path,
        "data/indicator_11-6-2.csv",
        "Year,Geography,Value\n2015,,20\n2020,,18\n2015,North,25\n2020,North,24\n2015,South,14\n2020,South,9\n",
    )
    out = tmp_path.parent / f"{tmp_path.name}-review"  # beside the repository, never in it
    CliRunner().invoke(main, ["import", "open-sdg", str(tmp_path), "-o", str(out), "--city", "X", "--country", "Y"])
    loaded = load(out)
    assert loaded.report.ok, loaded.report.to_text()
    found = gaps(loaded.review)
    # the sexes within the review's own area; the areas among themselves where it has no breakdown
    assert {found["3.9.1"].high.label, found["3.9.1"].low.label} == {"M", "F"}
    assert {found["11.6.2"].high.label, found["11.6.2"].low.label} == {"North", "South"}
    assert found["11.6.2"].overall == 18


def test_a_row_is_for_the_most_local_place_it_names(tmp_path):
    write(
        tmp_path,
        "data/indicator_3-9-1.csv",
        "Year,Country,Region,Value\n2021,,,10\n2022,United Kingdom,,10.5\n2021,England,,11\n"
        "2021,England,North East,14\n",
    )
    result = read_repository(tmp_path, load_framework(), country="United Kingdom")
    rows = result.indicators[0].rows
    # the country's rows, unnamed or named, are the review's own; England's and the North East's theirs
    assert sorted((r[1], r[2], r[3], r[6]) for r in rows) == [
        (2021, 10, None, None),
        (2021, 11, None, "England"),
        (2021, 14, None, "North East"),
        (2022, 10.5, None, None),
    ]


def test_the_place_a_site_starts_with_is_the_reviews_own_only_without_rows_for_the_whole(tmp_path):
    # the site starts on England, but the file has the whole country too: England is an area
    write(tmp_path, "data/indicator_3-4-2.csv", "Year,Country,Value\n2020,,10\n2020,England,11\n2020,Wales,9\n")
    write(tmp_path, "meta/3-4-2.yml", "data_start_values:\n  - field: Country\n    value: England\n")
    # here every row names a place, and the site starts on the whole: that place is the total
    write(tmp_path, "data/indicator_3-9-1.csv", "Year,Geography,Value\n2020,Ruritania,20\n2020,North,21\n")
    write(tmp_path, "meta/3-9-1.yml", "data_start_values:\n  - field: Geography\n    value: Ruritania\n")
    by_id = {i.id: i for i in read_repository(tmp_path, load_framework()).indicators}
    assert sorted((r[2], r[6] or "") for r in by_id["3.4.2"].rows) == [(9, "Wales"), (10, ""), (11, "England")]
    assert not by_id["3.4.2"].dropped
    assert sorted((r[2], r[6] or "") for r in by_id["3.9.1"].rows) == [(20, ""), (21, "North")]


def test_the_csv_inputs_column_and_code_maps_and_key_valued_codes_give_labels(tmp_path):
    # as the US repository configures its CSV input; Canada's data values that are translation keys
    config = "inputs:\n  - class: InputCsvData\n    path_pattern: data/*-*.csv\n"
    write(tmp_path, "config_data.yml", config + "    column_map: column_map.csv\n    code_map: code_map.csv\n")
    write(tmp_path, "column_map.csv", "Text,Value\nGender of person,SEX\n")
    write(tmp_path, "code_map.csv", "Text,Dimension,Value\nWomen,SEX,F\nMen,SEX,M\n")
    write(tmp_path, "translations/en/SEX.yml", "SEX: Sex\nF: Female\nM: Male\n")
    write(tmp_path, "translations/en/data.yml", "Sub-indicator_C: Access to a bank account\n")
    write(tmp_path, "translations/en/UNIT_MEASURE.yml", "PT: Percent\n")
    write(tmp_path, "data/indicator_5-1-1.csv", "Year,Gender of person,Value\n2020,Women,10\n2020,Men,12\n2020,,11\n")
    write(tmp_path, "data/indicator_8-10-2.csv", "Year,Units,Series,Value\n2020,PT,data.Sub-indicator_C,80\n")
    write(tmp_path, "meta/5-1-1.yml", "UNIT_MEASURE: -1 = Not available\n")
    write(tmp_path, "data/indicator_3-3-3.csv", "Year,Value\n2015,-1\n2016,4.5\n")
    write(tmp_path, "meta/3-3-3.yml", "UNIT_MEASURE: Cases per 1,000; -1 = Not available\n")
    imported = read_repository(tmp_path, load_framework())
    rows = {i.id: i for i in imported.indicators}
    assert {r[3] for r in rows["5.1.1"].rows} == {"Female", "Male", None}
    # UNIT_MEASURE metadata is prose in real repositories, never taken as the unit; its
    # "-1 = Not available" says which value means none
    assert rows["5.1.1"].unit is None
    assert [(r[1], r[2]) for r in rows["3.3.3"].rows] == [(2016, 4.5)]
    assert rows["3.3.3"].dropped == {"a value the metadata says means 'not available'": 1}
    assert rows["8.10.2"].unit == "Percent (Access to a bank account)"


def test_placeholders_and_non_statistical_files_are_skipped_with_a_true_reason(tmp_path):
    write(tmp_path, "data/indicator_17-10-1.csv", "Year,Value\n2015,0\n")
    write(tmp_path, "meta/17-10-1.yml", "reporting_status: notstarted\n")
    write(tmp_path, "data/indicator_5-1-1.csv", "Year,Value\n2019,4\n2020,5\n")
    write(tmp_path, "meta/5-1-1.yml", "data_non_statistical: true\n")
    write(tmp_path, "data/indicator_1-1-1.csv", "Year,Value\n2019,0\n2020,0\n")  # zeros, but reported
    imported = read_repository(tmp_path, load_framework())
    reasons = {s.file: s.reason for s in imported.skipped}
    assert reasons["data/indicator_17-10-1.csv"] == "a placeholder: reporting_status notstarted and every value 0"
    assert "marked non-statistical in its metadata" in reasons["data/indicator_5-1-1.csv"]
    assert [i.id for i in imported.indicators] == ["1.1.1"]
    assert imported.source_rows == imported.data_rows + sum(n for n, _ in imported.left_out().values())


def test_a_column_of_urban_and_rural_or_one_crossing_the_places_is_a_breakdown(tmp_path):
    # Canada's 1.4.2: Area is Total/Urban/Rural beside the Geography of each city
    rows = "".join(
        f"2021,Percent,{g},{a},{v}\n"
        for g, base in (("Canada", 50), ("Abbotsford", 40), ("Toronto", 60))
        for a, v in (("Total", base), ("Urban", base + 1), ("Rural", base - 1))
    )
    write(tmp_path, "data/indicator_1-4-2.csv", "Year,Units,Geography,Area,Value\n" + rows)
    # a region that crosses the wards named beside it: both kept, no value falls on another
    write(
        tmp_path,
        "data/indicator_11-7-1.csv",
        "Year,Ward name,Region,Value\n2020,Central,North,1\n2020,Central,South,2\n2020,Harbour,North,3\n",
    )
    write(tmp_path, "data/indicator_3-d-2.csv", "Year,Территория,Value\n2020,,5\n2020,Баткенская область,4\n")
    imported = read_repository(tmp_path, load_framework(), country="Canada")
    rows = {i.id: i for i in imported.indicators}
    got = {(r[6], r[3]): r[2] for r in rows["1.4.2"].rows}
    assert got[(None, "Total")] == 50 and got[("Abbotsford", "Urban")] == 41 and got[("Toronto", "Rural")] == 59
    assert len(rows["1.4.2"].rows) == 9 and not rows["1.4.2"].dropped
    assert len(rows["11.7.1"].rows) == 3 and not rows["11.7.1"].dropped
    assert {r[6] for r in rows["3.d.2"].rows} == {None, "Баткенская область"}


def test_a_unit_that_says_its_scale_is_not_scaled_twice_and_translations_are_one_line(tmp_path):
    write(
        tmp_path,
        "data/indicator_15-2-1.csv",
        "Year,Units,Unit multiplier,Value\n2020,Area (000s hectares),Thousands,3155\n",
    )
    write(tmp_path, "data/indicator_3-7-2.csv", "Year,Value\n2020,20\n")
    write(tmp_path, "indicator-config/3-7-2.yml", "computation_units: data.per_1000\n")
    write(tmp_path, "translations/en/data.yml", 'per_1000: "per 1 000 women\\n in the age group"\n')
    imported = read_repository(tmp_path, load_framework())
    units = {i.id: i.unit for i in imported.indicators}
    assert units == {"15.2.1": "Area (000s hectares)", "3.7.2": "per 1 000 women in the age group"}
    assert (
        scaled_unit("Kilometres", 3) == "thousand Kilometres"
        and scaled_unit("Food (Kilotonnes)", 3) == "Food (Kilotonnes)"
    )


def test_a_year_vlr_does_not_take_is_left_out_counted_so_the_workbooks_validate(tmp_path):
    write(tmp_path, "data/indicator_8-1-1.csv", "Year,Value\n1850,1\n1990,2\n2020,3\n")
    out = tmp_path.parent / f"{tmp_path.name}-review"  # beside the repository, never in it
    result = CliRunner().invoke(main, ["import", "open-sdg", str(tmp_path), "-o", str(out), "--year", "2026"])
    assert result.exit_code == 0, result.output
    assert "1 with a year before 1900 or after 2100, which vlr does not take" in result.output
    assert validate(out).ok


def test_a_measure_column_in_the_citys_language_is_a_series_and_never_compared_with_another(tmp_path):
    # Kyrgyzstan's 11.b.2: a count and a share in one "Показатель" (measure) column
    write(
        tmp_path,
        "data/indicator_11-b-2.csv",
        "Year,Показатель,Value\n2020,Число органов,484\n2021,Число органов,484\n"
        "2020,Доля органов,40.5\n2021,Доля органов,41\n",
    )
    imported = read_repository(tmp_path, load_framework())
    (ind,) = imported.indicators
    assert {r[3] for r in ind.rows} == {None}  # no breakdown: two measures
    assert {r[4] for r in ind.rows} == {None, "Доля органов"} and ind.unit == "Число органов"


def test_a_row_putting_its_place_in_another_region_keeps_it_in_its_label(tmp_path):
    # the UK's 7.b.1: one row puts a Scottish council in Yorkshire; 4.2.1: boroughs in London and Outer London
    write(
        tmp_path,
        "data/indicator_7-b-1.csv",
        "Year,Country,Region,Local authority,Value\n"
        "2020,Scotland,,,10\n2020,Scotland,,Fife,3\n2020,Scotland,,Angus,4\n"
        "2020,England,Yorkshire,,20\n2020,England,Yorkshire,Leeds,6\n2020,Northern Ireland,Yorkshire,,7\n"
        "2020,England,London,,30\n2020,England,London,Camden,8\n2020,England,Outer London,Camden,8.5\n"
        "2020,England,Outer London,,12\n2020,England,London,Barnet,9\n",
    )
    imported = read_repository(tmp_path, load_framework())
    (ind,) = imported.indicators
    got = {(r[6], r[3]): r[2] for r in ind.rows}
    assert len(ind.rows) == 11 and not ind.dropped
    assert got[("Yorkshire", None)] == 20 and got[("Yorkshire", "Country: Northern Ireland")] == 7
    assert got[("Camden", None)] == 8 and got[("Camden", "Region: Outer London")] == 8.5
    assert got[("Outer London", None)] == 12 and got[("Scotland", None)] == 10 and got[("Fife", None)] == 3


def test_three_year_spans_written_like_months_are_spans_where_the_file_has_spans(tmp_path):
    # the UK's 3.1.1: 2003-05 ... 2010-12 beside 1985-87 and 2011-13
    write(tmp_path, "data/indicator_3-1-1.csv", "Year,Value\n1985-87,9\n2003-05,7\n2010-12,6\n2011-13,5\n")
    write(tmp_path, "data/indicator_3-1-2.csv", "Year,Value\n2003-05,7\n2003-06,6\n")  # months, alone
    write(tmp_path, "data/indicator_1-5-1.csv", "Year,Region,Value\n2020,Kyrgyz Republic,5\n2020,Batken,4\n")
    imported = read_repository(tmp_path, load_framework())
    rows = {i.id: i for i in imported.indicators}
    assert [r[1] for r in rows["3.1.1"].rows] == ["1985-87", "2003-2005", "2010-2012", "2011-13"]
    assert [r[1] for r in rows["3.1.2"].rows] == ["2003-05", "2003-06"]
    # every value for a named place, none the review's own: said, with what to do
    assert any("every value is for a named place" in n and "1.5.1" in n for n in imported.notes)


def test_codes_the_data_hold_are_named_by_the_sdmx_outputs_code_map(tmp_path):
    # the UK's 9.2.2: Activity ISIC4_C, which its SDMX output maps from Manufacturing
    config = "sdmx_output_global:\n  column_map: column_mapping.csv\n  code_map: code_mapping.csv\n"
    write(tmp_path, "config_data.yml", config)
    write(tmp_path, "column_mapping.csv", "Text,Value\nActivity,ACTIVITY\n")
    write(tmp_path, "code_mapping.csv", "Text,Dimension,Value\nManufacturing,ACTIVITY,ISIC4_C\n")
    write(tmp_path, "data/indicator_9-2-2.csv", "Year,Activity,Value\n2020,,10\n2020,ISIC4_C,20\n")
    imported = read_repository(tmp_path, load_framework())
    assert {r[3] for r in imported.indicators[0].rows} == {None, "Manufacturing"}


def test_the_city_named_beside_its_country_is_the_headline_the_country_an_area(tmp_path):
    write(tmp_path, "data/indicator_1-1-1.csv", "Year,Region,Value\n2020,Helsinki,20\n2020,Finland,10\n")
    imported = read_repository(tmp_path, load_framework(), city="Helsinki", country="Finland")
    assert sorted((r[6] or "", r[2]) for r in imported.indicators[0].rows) == [("", 20), ("Finland", 10)]


def test_scales_and_sub_annual_periods_are_never_quietly_wrong():
    assert scaled_unit("Number of households", 2) == "hundreds of households"  # "of" is no scale
    assert scaled_unit("Per 100,000 population", 3) == "thousand Per 100,000 population"
    assert scaled_unit("Thousand tonnes", 4) == "ten thousand Thousand tonnes"
    assert read_period("2015 (Q1)")[1] == "2015 Q1" and read_period("2020 (Jan)")[1] == "Jan 2020"
    for text in ("Jan-Mar 2020", "Baseline to target 2030"):
        with pytest.raises(ValueProblem):
            read_period(text)
