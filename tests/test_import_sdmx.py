"""vlr import sdmx on small SDMX files shaped like national reporting platforms' (written by
the tests, :mod:`sdmx_files`): every observation with its indicator, area, breakdown, unit,
scale and period, or left out with a counted reason; never a wrong number."""

import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

import sdmx_files as sf
from vlr.cli import main
from vlr.draft.accessibility import check_docx
from vlr.main import load, validate

A, E = {"OBS_STATUS": "A"}, {"OBS_STATUS": "E"}

#: A whole country's file: a total, breakdowns by sex and by region (parts of the country),
#: a scale, two measures of one indicator, a series named for three indicators, quarters, and
#: what must be left out: a missing value, a series of no indicator, a code the structure
#: does not list, a half-year, a repeated and a conflicting observation.
COUNTRY = [
    (
        sf.key("SI_POV_DAY1"),
        {"UNIT_MEASURE": "PT"},
        [
            ("2015", "10.5", {**A, "SOURCE_DETAIL": "Statistics Finland"}),
            ("2020", "9.8", {**E, "SOURCE_DETAIL": "Statistics Finland"}),
            ("2021", "NaN", A),
        ],
    ),
    (sf.key("SI_POV_DAY1", sex="F"), {"UNIT_MEASURE": "PT"}, [("2015", "11", A)]),
    (sf.key("SI_POV_DAY1", sex="M"), {"UNIT_MEASURE": "PT"}, [("2015", "10", A)]),
    (sf.key("SI_POV_DAY1", area="FI1B"), {"UNIT_MEASURE": "PT"}, [("2020", "8", A)]),
    (sf.key("SI_POV_DAY1", area="FI19"), {"UNIT_MEASURE": "PT"}, [("2020", "11.2", A)]),
    (sf.key("SI_POV_DAY1"), {"UNIT_MEASURE": "PT"}, [("2015", "10.5", A), ("2020", "9.9", A)]),  # again
    (sf.key("VC_DSR_MORT"), {"UNIT_MEASURE": "NUMBER"}, [("2019", "3", A), ("2020", "5", A)]),
    (sf.key("EN_ATM_CO2"), {"UNIT_MEASURE": "T"}, [("2019", "45000", {"UNIT_MULT": "3"})]),
    (sf.key("EN_ATM_CO2PC"), {"UNIT_MEASURE": "T"}, [("2019", "8.2", {"UNIT_MULT": "0"})]),
    (
        sf.key("SH_STA_SCIDE", freq="Q"),
        {"UNIT_MEASURE": "PER_100000_POP"},
        [("2020-Q1", "3.1", A), ("2020-Q2", "2.9", A), ("2020-S1", "6", A)],
    ),
    (sf.key("XX_NO_INDICATOR"), {"UNIT_MEASURE": "NUMBER"}, [("2020", "1", A), ("2021", "2", A)]),
    (sf.key("ZZ_UNLISTED"), {"UNIT_MEASURE": "NUMBER"}, [("2020", "7", A)]),
]


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sdmx")
    sf.write(root / "dsd.xml", sf.dsd_xml())
    sf.write(root / "country" / "FI_SDG.xml", sf.structure_specific(COUNTRY))
    return root


@pytest.fixture(scope="module")
def imported(files, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "review"
    before = (files / "country" / "FI_SDG.xml").read_bytes()
    result = run(
        "import",
        "sdmx",
        str(files / "country"),
        "--structure",
        str(files / "dsd.xml"),
        "-o",
        str(out),
        "--year",
        "2026",
    )
    assert result.exit_code == 0, result.output
    assert (files / "country" / "FI_SDG.xml").read_bytes() == before  # only read
    return out, result.output


def points(folder: Path) -> dict:
    return load(folder).review.data_by_indicator


def test_the_reconciliation_adds_up_and_names_each_reason(imported):
    _, output = imported
    assert "Observations: 19 in the SDMX files = 12 imported + 7 left out:" in output
    assert "1 with no value" in output
    assert "2 with a SERIES the structure names no SDG indicator for" in output
    assert "1 with a SERIES code the structure does not list" in output and "SERIES=ZZ_UNLISTED" in output
    assert "1 with a period vlr cannot read" in output and "TIME_PERIOD=2020-S1" in output
    assert "1 with a repeated row" in output
    assert "1 with a second, different value" in output


def test_values_keep_their_area_breakdown_unit_scale_and_note(imported):
    folder, _ = imported
    review = load(folder).review
    inds = review.indicators_by_id
    data = review.data_by_indicator
    # Finland is the whole its regions are part of (the structure's hierarchy): the headline
    total = {(p.year, p.value, p.note, p.source) for p in data["1.1.1"] if p.series is None and p.area is None}
    assert total == {
        (2015, 10.5, None, "Statistics Finland"),
        (2020, 9.8, "Observation status: Estimated value", "Statistics Finland"),
    }
    assert {(p.series, p.value) for p in data["1.1.1"] if p.series} == {("Female", 11), ("Male", 10)}
    assert {(p.area, p.value) for p in data["1.1.1"] if p.area} == {("Helsinki-Uusimaa", 8), ("Western Finland", 11.2)}
    assert inds["1.1.1"].unit == "Percent (Proportion of population below international poverty line)"
    # two measures of one indicator: the first in the structure's order is the headline's unit
    assert inds["9.4.1"].unit == "thousand Tonnes (Carbon dioxide emissions)"
    co2 = {(p.unit, p.value) for p in data["9.4.1"]}
    assert co2 == {(None, 45000), ("Tonnes (Carbon dioxide emissions per capita)", 8.2)}
    # a series named for three indicators goes to the first; the others' targets come along
    assert inds["1.5.1"].sdg_indicators == ["1.5.1", "11.5.1", "13.1.1"]
    assert inds["1.5.1"].targets == ["1.5", "11.5", "13.1"]
    # the indicator only in the series' name, quarters kept as quarters, the name's code dropped
    assert [(p.label, p.value) for p in data["3.4.2"]] == [("2020-Q1", 3.1), ("2020-Q2", 2.9)]
    assert inds["3.4.2"].unit == "Per 100,000 population (Suicide mortality rate)"
    assert "XX_NO_INDICATOR" not in str(data)


def test_the_workbooks_validate_and_the_draft_builds_and_passes_its_check(imported, tmp_path):
    folder, _ = imported
    report = validate(folder)
    assert report.ok, report.to_text()
    assert {f.rule for f in report.warnings} <= {"direction-unknown", "indicator-stale", "place-missing"}
    out = tmp_path / "draft.docx"
    built = run("build", str(folder), "-o", str(out), "--date", "2026-11-28")
    assert built.exit_code == 0, built.output
    assert not check_docx(out).errors
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Carbon dioxide emissions" in text and "(to fill in)" not in text
    # the two measures of 9.4.1 are never compared with each other
    assert not [s for s in text.split(". ") if "per capita" in s and "times as much" in s]


def test_json_gives_the_same_account_for_ci(files, tmp_path):
    out = tmp_path / "review"
    result = run("import", "sdmx", str(files / "country"), "--structure", str(files / "dsd.xml"), "-o", str(out))
    assert result.exit_code == 0
    out2 = tmp_path / "review2"
    args = [str(files / "country"), "--structure", str(files / "dsd.xml"), "-o", str(out2), "--format", "json"]
    payload = json.loads(run("import", "sdmx", *args).output)
    assert payload["rows"] == {"source": 19, "imported": 12, "left_out": 7, "adds_up": True}
    reasons = {r["reason"]: r["rows"] for r in payload["left_out"]}
    assert reasons["no value"] == 1 and sum(reasons.values()) == 7
    assert payload["to_fill"] == ["City", "Country"]


def test_the_country_named_by_code_or_name_is_the_headline_and_areas_compare_among_themselves(files, tmp_path):
    flat = [
        (sf.key("SI_POV_DAY1", area=a), {"UNIT_MEASURE": "PT"}, [("2020", v, A)])
        for a, v in (("FI1B", "8"), ("FI19", "11"))
    ]
    sf.write(tmp_path / "regions" / "data.xml", sf.structure_specific(flat))
    dsd = str(files / "dsd.xml")
    out = tmp_path / "by-code"
    result = run("import", "sdmx", str(tmp_path / "regions"), "--structure", dsd, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "none is the one the others are part of" in " ".join(result.output.split())
    assert {p.area for p in points(out)["1.1.1"]} == {"Helsinki-Uusimaa", "Western Finland"}
    assert validate(out).ok
    out = tmp_path / "by-name"
    result = run("import", "sdmx", str(tmp_path / "regions"), "--structure", dsd, "-o", str(out), "--city", "FI1B")
    assert result.exit_code == 0, result.output
    assert {(p.area, p.value) for p in points(out)["1.1.1"]} == {(None, 8), ("Western Finland", 11)}


def test_a_file_per_indicator_in_generic_form_goes_to_the_indicator_its_name_says(files, tmp_path):
    # as Kyrgyzstan's platform has them: 11.5.1.xml holds the series annotated for 1.5.1
    series = [(sf.key("VC_DSR_MORT"), {"UNIT_MEASURE": "NUMBER"}, [("2019", "3", A), ("2020", "5", A)])]
    sf.write(tmp_path / "data" / "11.5.1.xml", sf.generic(series))
    sf.write(tmp_path / "data" / "1.1.1.xml", sf.generic(COUNTRY[:1]))
    out = tmp_path / "review"
    result = run("import", "sdmx", str(tmp_path / "data"), "--structure", str(files / "dsd.xml"), "-o", str(out))
    assert result.exit_code == 0, result.output
    review = load(out).review
    assert set(review.indicators_by_id) == {"1.1.1", "11.5.1"}
    assert [(p.year, p.value) for p in review.data_by_indicator["11.5.1"]] == [(2019, 3), (2020, 5)]
    assert review.indicators_by_id["11.5.1"].targets == ["11.5", "1.5", "13.1"]


@pytest.mark.parametrize("version", [1, 2])
def test_sdmx_csv_gives_the_same_values_as_sdmx_ml(files, imported, tmp_path, version):
    sf.write(tmp_path / "data.csv", sf.sdmx_csv(COUNTRY, version))
    out = tmp_path / "review"
    result = run("import", "sdmx", str(tmp_path / "data.csv"), "--structure", str(files / "dsd.xml"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "= 12 imported + 7 left out" in result.output
    want = {k: sorted((p.label, p.value, p.series, p.area, p.unit) for p in v) for k, v in points(imported[0]).items()}
    got = {k: sorted((p.label, p.value, p.series, p.area, p.unit) for p in v) for k, v in points(out).items()}
    assert got == want


@pytest.mark.parametrize("with_dsd", [False, True])
def test_sdmx_json_keeps_the_series_unit_sdmx1_drops(files, tmp_path, with_dsd):
    sf.write(tmp_path / "data.json", sf.sdmx_json(COUNTRY[:3]))
    out = tmp_path / "review"
    dsd = ["--structure", str(files / "dsd.xml")] if with_dsd else []
    result = run("import", "sdmx", str(tmp_path / "data.json"), *dsd, "-o", str(out), "--country", "Finland")
    assert result.exit_code == 0, result.output
    review = load(out).review
    assert (
        review.indicators_by_id["1.1.1"].unit == "Percent (Proportion of population below international poverty line)"
    )
    assert {(p.series, p.value) for p in review.data_by_indicator["1.1.1"] if p.year == 2015} == {
        (None, 10.5),
        ("Female", 11),
        ("Male", 10),
    }


def test_refusals_are_one_located_line_exit_2_and_nothing_written(files, tmp_path):
    out = tmp_path / "review"
    cases = {
        "without structure": ([str(files / "country")], "give it with --structure FILE"),
        "sdmx-ml 2.0": ([str(sf.write(tmp_path / "old.xml", _v20()))], "SDMX-ML 2.0, which vlr cannot read"),
        "broken": ([str(sf.write(tmp_path / "broken.xml", "<message:Structure"))], "not an SDMX file vlr can read"),
        "data as structure": (
            [str(files / "country"), "--structure", str(files / "country" / "FI_SDG.xml")],
            "not an SDMX structure message",
        ),
        "nothing": ([str(tmp_path / "missing")], "no such file or folder"),
    }
    for name, (args, said) in cases.items():
        result = run("import", "sdmx", *args, "-o", str(out))
        assert result.exit_code == 2, (name, result.output)
        assert said in result.output and "Traceback" not in result.output, (name, result.output)
        assert len(result.output.strip().splitlines()) == 1, (name, result.output)
        assert not out.exists(), name


def _v20() -> str:
    return (
        "<?xml version='1.0'?><GenericData xmlns='http://www.SDMX.org/resources/SDMXML/schemas/v2_0/message'>"
        "<Header><ID>X</ID></Header></GenericData>"
    )


def test_a_file_in_the_folder_that_is_no_sdmx_is_skipped_and_said(files, tmp_path):
    folder = tmp_path / "data"
    sf.write(folder / "1.1.1.xml", sf.structure_specific(COUNTRY[:1]))
    sf.write(folder / "code-map.csv", "Text,Dimension,Value\nWomen,SEX,F\n")  # sdg-build's, beside the data
    out = tmp_path / "review"
    result = run("import", "sdmx", str(folder), "--structure", str(files / "dsd.xml"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "not an SDMX file (in a folder of them)" in result.output and "code-map.csv" in result.output


def test_a_second_structure_names_what_the_first_does_not(files, tmp_path):
    # Kyrgyzstan's structures 1.8 and 1.7: a code only the second lists is named, and its series found
    series = [(sf.key("SI_POV_DAY1", age="Y_GE65"), {"UNIT_MEASURE": "PT"}, [("2020", "4", A)])]
    sf.write(tmp_path / "data.xml", sf.structure_specific(series))
    first = sf.write(tmp_path / "first.xml", sf.dsd_xml().replace("Y_GE65", "Y_GE70").replace("SI_POV_DAY1", "SI_X"))
    out = tmp_path / "review"
    args = [str(tmp_path / "data.xml"), "--structure", str(first), "--structure", str(files / "dsd.xml")]
    result = run("import", "sdmx", *args, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert [(p.series, p.value) for p in points(out)["1.1.1"]] == [("65 years old and over", 4)]


def test_sdg_builds_no_series_total_gives_no_series_name_and_country_data_goes_unsaid(files, tmp_path):
    # sdg-build writes SERIES=_T for an indicator without series, in a file per indicator
    series = [(sf.key("_T"), {"UNIT_MEASURE": "T"}, [("2020", "4", {"NATURE": "C"}), ("2021", "5", {"NATURE": "E"})])]
    sf.write(tmp_path / "data" / "12-4-1.xml", sf.structure_specific(series))
    out = tmp_path / "review"
    result = run("import", "sdmx", str(tmp_path / "data"), "--structure", str(files / "dsd.xml"), "-o", str(out))
    assert result.exit_code == 0, result.output
    review = load(out).review
    assert review.indicators_by_id["12.4.1"].unit == "Tonnes"
    assert [p.note for p in review.data_by_indicator["12.4.1"]] == [None, "Nature: E"]  # not in this DSD


def test_the_city_given_with_its_country_is_the_headline_and_the_country_an_area(files, tmp_path):
    out = tmp_path / "review"
    dsd = str(files / "dsd.xml")
    args = [str(files / "country"), "--structure", dsd, "-o", str(out), "--city", "Helsinki-Uusimaa", "--country", "FI"]
    assert run("import", "sdmx", *args).exit_code == 0
    got = {(p.year, p.area): p.value for p in points(out)["1.1.1"] if p.series is None}
    assert got[(2020, None)] == 8 and got[(2020, "Finland")] == 9.8 and got[(2015, "Finland")] == 10.5


def test_attributes_of_the_data_set_count_and_an_observations_own_win(files, tmp_path):
    series = [
        (sf.key("EN_ATM_CO2"), {"UNIT_MEASURE": "T"}, [("2019", "45", {}), ("2020", "46000", {"UNIT_MULT": "0"})]),
        (sf.key("EN_ATM_CO2", area="FI1B"), {"UNIT_MEASURE": "T", "UNIT_MULT": "3"}, [("2019", "2", {})]),
    ]
    text = sf.generic(series).replace(
        "<message:DataSet structureRef='TEST_SDG_1_0'>",
        "<message:DataSet structureRef='TEST_SDG_1_0'><generic:Attributes>"
        "<generic:Value id='UNIT_MULT' value='6'/></generic:Attributes>",
    )
    sf.write(tmp_path / "data.xml", text)
    out = tmp_path / "review"
    assert (
        run(
            "import", "sdmx", str(tmp_path / "data.xml"), "--structure", str(files / "dsd.xml"), "-o", str(out)
        ).exit_code
        == 0
    )
    got = {(p.year, p.area): (p.value, p.unit) for p in points(out)["9.4.1"]}
    review = load(out).review
    headline = review.indicators_by_id["9.4.1"].unit
    assert headline == "million Tonnes (Carbon dioxide emissions)" and got[(2019, None)] == (45, None)
    assert got[(2020, None)] == (46000, "Tonnes (Carbon dioxide emissions)")  # its own multiplier, 0
    assert got[(2019, "Helsinki-Uusimaa")] == (2, "thousand Tonnes (Carbon dioxide emissions)")  # the series'


def test_a_dimension_the_structure_does_not_list_still_tells_values_apart(files, tmp_path):
    series = [
        ({**sf.key("SI_POV_DAY1"), "URBANISATION": u}, {"UNIT_MEASURE": "PT"}, [("2020", v, A)])
        for u, v in (("_T", "10"), ("U", "8"), ("R", "13"))
    ]
    sf.write(tmp_path / "data.xml", sf.structure_specific(series))
    out = tmp_path / "review"
    assert (
        run(
            "import", "sdmx", str(tmp_path / "data.xml"), "--structure", str(files / "dsd.xml"), "-o", str(out)
        ).exit_code
        == 0
    )
    assert {(p.series, p.value) for p in points(out)["1.1.1"]} == {(None, 10), ("U", 8), ("R", 13)}


def test_odd_files_are_refused_in_one_line_or_skipped(files, tmp_path):
    dsd = str(files / "dsd.xml")
    bad_json = json.loads(sf.sdmx_json(COUNTRY[:1]))
    bad_json["dataSets"][0]["series"]["0:0:0:0:0:0"]["attributes"] = [7]
    cases = {
        "json index": (sf.write(tmp_path / "a.json", json.dumps(bad_json)), "which its structure does not list"),
        "cp1252 csv": (tmp_path / "b.csv", "not UTF-8"),
        "no time period": (
            sf.write(tmp_path / "c.xml", sf.structure_specific(COUNTRY[:1]).replace('TIME_PERIOD="2015" ', "")),
            "",
        ),
    }
    (tmp_path / "b.csv").write_bytes(
        sf.sdmx_csv(COUNTRY[:1]).replace("Statistics", "Tilastokeskus").encode() + "ä\n".encode("cp1252")
    )
    for name, (path, said) in cases.items():
        result = run("import", "sdmx", str(path), "--structure", dsd, "-o", str(tmp_path / name))
        assert "Traceback" not in result.output and "Internal error" not in result.output, (name, result.output)
        if result.exit_code == 2:
            assert len(result.output.strip().splitlines()) == 1 and said in result.output, (name, result.output)
    folder = tmp_path / "data"
    sf.write(folder / "1.1.1.xml", sf.structure_specific(COUNTRY[:1]))
    sf.write(folder / "package.json", '{"name": "sdg-site", "data": "x"}')
    result = run("import", "sdmx", str(folder), "--structure", dsd, "-o", str(tmp_path / "ok"))
    assert result.exit_code == 0 and "package.json" in result.output, result.output
