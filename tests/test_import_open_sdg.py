"""vlr import open-sdg on small synthetic repositories shaped like the real ones."""

import hashlib
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from vlr.cli import main
from vlr.draft.accessibility import check_docx
from vlr.main import load, validate

PLACEHOLDER = "Year,Group,Value\n2015,A,1\n2015,B,3\n2015,,2\n2016,A,1\n2016,B,3\n2016,,2\n"


def write(root: Path, name: str, text: str, newline: str = "\n", bom: bool = False) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.replace("\n", newline).encode("utf-8")
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def make_repository(root: Path) -> Path:
    write(root, "config_data.yml", "inputs:\n  - class: InputCsvData\n")
    # an official indicator: a total row and groups, an empty and an n/a value, CRLF
    write(
        root,
        "data/indicator_1-2-1.csv",
        "Year,Group,Value\n2010,,14\n2010,children,19\n2015,,16\n2015,children,\n2018,,15.5\n2018,children,n/a\n",
        newline="\r\n",
    )
    write(
        root,
        "meta/1-2-1.md",
        "---\nindicator_name: Population below the poverty line\n"
        "computation_units: Percentage (%)\nsource_organisation_1: City council\nreporting_status: complete\n---\n"
        "Some page text.\n",
    )
    # a local indicator named only in the translations; financial years
    write(root, "data/indicator_11-1-1-a.csv", "Year,Value\n2017/18,7.62\n2018/19,8.1\n2019/20,8.59\n")
    write(root, "meta/11-1-1-a.md", "---\nindicator_name: localised_indicators.11-1-1-a-title\n---\n")
    write(root, "translations/en/localised_indicators.yml", "11-1-1-a-title: House price to earnings ratio\n")
    # suffixed local code, Sex: Total, SDMX attributes, CR-only line endings and a BOM
    write(
        root,
        "data/indicator_8-5-1a.csv",
        "Year,Sex,OBS_STATUS,UNIT_MULT,GeoCode,Value\n2019-20,Total,A,0,E06000023,12.5\n2019-20,Female,A,0,E06000023,11.0\n"
        "2020-21,Total,A,0,E06000023,12.9\n2020-21,Female,A,0,E06000023,11.8\n",
        newline="\r",
        bom=True,
    )
    # goal-level and invented codes
    write(root, "data/indicator_10-x-1.csv", "Year,Value\n2019,0.41\n2020,0.40\n")
    write(root, "data/indicator_11-2-2.csv", "Year,Value\n2019,55\n2021,57\n")
    # two units in one file, metadata in .yml, a numeric target line
    write(
        root,
        "data/indicator_3-4-1.csv",
        "Year,Units,Value\n2016,Deaths,120\n2016,Rate per 100000,25.1\n2020,Deaths,100\n2020,Rate per 100000,21.0\n",
    )
    write(
        root,
        "meta/3-4-1.yml",
        "indicator_name: Premature deaths from non-communicable diseases\n"
        "computation_units: Deaths\nnational_target_line: '80'\n",
    )
    # csv-meta with a mapping; dates, several per year, per site; an empty value
    write(root, "metadata-mapping.csv", "Indicator name,indicator_name\nUnit of measurement,computation_units\n")
    write(root, "csv-meta/14-4-1.csv", "Indicator name,Freshwater fish counts\nUnit of measurement,Number of fish\n")
    rows = ["Year,Site,Value"] + [f"2021-{m:02d}-15,Site {s},{s * m}" for s in (1, 2) for m in (3, 9)]
    write(root, "data/indicator_14-4-1.csv", "\n".join(rows + ["2022-03-15,Site 1,"]) + "\n")
    # a year beside a financial year that overlaps it
    write(root, "data/indicator_8-9-1.csv", "Year,Value\n2015,62\n2016,34\n2016-2017,43\n2017-2018,-0.5\n")
    # one data set published under two indicators
    shared = "Year,Units,Value\n2019,Deaths,3\n2019,Injuries,10\n2020,Deaths,1\n2020,Injuries,8\n"
    write(root, "data/indicator_1-5-1.csv", shared)
    write(root, "data/indicator_13-1-1.csv", shared)
    # what must not be imported
    write(root, "data/indicator_1-4-1.csv", PLACEHOLDER)
    write(root, "data/indicator_1-4-2.csv", PLACEHOLDER)
    write(root, "data/demo_indicator.csv", "Year,Grade,Planet,Fruit,Value\n2010,,,,15.1\n")
    write(root, "data/indicator_5-1-1.csv", "Year,Value\nThis is a non-statistical indicator,\n")
    write(root, "meta/5-1-1.md", "---\ndata_non_statistical: true\n---\n")
    write(root, "data/indicator_7-1-1.csv", "Year,Value\n2019,\n2020,n/a\n")
    write(root, "data/archive.indicator_11-1-1-c.csv.old", "Year,Value\n2019,1\n")
    write(root, "meta/stray.csv", "a,b\n")
    return root


def digest(folder: Path) -> dict:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = make_repository(tmp_path_factory.mktemp("repo") / "sdg-data")
    before = digest(root)
    out = tmp_path_factory.mktemp("out") / "review"
    result = run(
        "import", "open-sdg", str(root), "-o", str(out), "--city", "Testbury", "--country", "UK", "--year", "2026"
    )
    assert result.exit_code == 0, result.output
    assert digest(root) == before  # the repository is only read
    return out, result.output


def test_it_says_what_it_imported_and_skipped(imported):
    _, output = imported
    assert "Imported 10 indicators" in output
    assert "2 \u00d7 a placeholder left from the Open SDG template" in output
    assert "demo data" in output and "non-statistical" in output
    assert "data/indicator_7-1-1.csv" in output and "no value to import" in output
    assert "archive.indicator_11-1-1-c.csv.old" in output
    assert "Rows left out:" not in output and "with no value (first: data/" in output
    assert "given a series of their own" in output
    assert "Direction of each indicator" in output


def test_the_workbooks_validate_with_only_the_officers_warnings(imported):
    folder, _ = imported
    report = validate(folder)
    assert report.ok, report.to_text()
    warnings = {f.rule for f in report.warnings}
    assert warnings <= {"direction-unknown", "indicator-stale", "target-goal-only", "unit-missing"}, report.to_text()
    # a unit the repository does not state is left for the officer, never written as a placeholder
    no_unit = {f.message.split()[0] for f in report.warnings if f.rule == "unit-missing"}
    review = load(folder).review
    assert no_unit == {i.id for i in review.indicators if i.unit is None}
    assert all(i.unit != "(unit not given)" for i in review.indicators)


def test_indicators_and_data_match_the_csv(imported):
    folder, _ = imported
    review = load(folder).review
    inds = review.indicators_by_id
    assert set(inds) == {
        "1.2.1",
        "11.1.1.a",
        "8.5.1a",
        "10.x.1",
        "11.2.2",
        "3.4.1",
        "14.4.1",
        "8.9.1",
        "1.5.1",
        "13.1.1",
    }
    assert inds["1.2.1"].name == "Population below the poverty line" and inds["1.2.1"].unit == "Percentage (%)"
    assert inds["1.2.1"].sdg_indicators == ["1.2.1"] and inds["1.2.1"].source == "City council"
    assert inds["11.1.1.a"].name == "House price to earnings ratio" and inds["11.1.1.a"].sdg_indicators == []
    assert inds["11.1.1.a"].targets == ["11.1"] and inds["11.1.1.a"].direction is None
    assert inds["8.5.1a"].targets == ["8.5"] and inds["10.x.1"].targets == ["10"]
    assert inds["11.2.2"].targets == ["11.2"] and inds["11.2.2"].sdg_indicators == []
    assert inds["3.4.1"].target_value == 80 and inds["3.4.1"].unit == "Deaths"
    assert inds["14.4.1"].name == "Freshwater fish counts" and inds["14.4.1"].unit == "Number of fish"
    data = review.data_by_indicator
    assert sorted((p.year, p.series or "", p.value) for p in data["1.2.1"]) == [
        (2010, "", 14),
        (2010, "children", 19),
        (2015, "", 16),
        (2018, "", 15.5),
    ]
    assert [p.label for p in data["11.1.1.a"]] == ["2017/18", "2018/19", "2019/20"]
    sexes = {(p.label, p.series): p.value for p in data["8.5.1a"]}
    assert sexes == {
        ("2019-20", "Total"): 12.5,
        ("2019-20", "Female"): 11.0,
        ("2020-21", "Total"): 12.9,
        ("2020-21", "Female"): 11.8,
    }
    rates = [(p.year, p.value) for p in data["3.4.1"] if p.unit == "Rate per 100000"]
    assert rates == [(2016, 25.1), (2020, 21.0)]
    assert all(p.unit is None for p in data["3.4.1"] if p.value in (120, 100))  # the indicator's own unit
    assert len(data["14.4.1"]) == 4 and {p.series for p in data["14.4.1"]} == {"Site 1", "Site 2"}
    mixed = {p.label: p.series for p in data["8.9.1"]}
    assert mixed["2016-2017"] is None and mixed["2016"] == "Total (year)"
    assert [(p.year, p.value) for p in data["1.5.1"]] == [(p.year, p.value) for p in data["13.1.1"]]


def test_the_imported_review_builds_a_draft_that_passes_its_check(imported, tmp_path):
    folder, _ = imported
    out = tmp_path / "draft.docx"
    result = run("build", str(folder), "-o", str(out), "--date", "2026-11-28")
    assert result.exit_code == 0, result.output
    assert not check_docx(out).findings
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Testbury" in text and "House price to earnings ratio" in text


def test_without_a_city_the_draft_leaves_the_place_out_and_prints_no_placeholder(tmp_path):
    root = make_repository(tmp_path / "sdg-data")
    out = tmp_path / "review"
    result = run("import", "open-sdg", str(root), "-o", str(out), "--year", "2026")
    assert result.exit_code == 0, result.output
    assert "the City on the Review sheet" in result.output and "the Country on the Review sheet" in result.output
    report = validate(out)
    assert report.ok, report.to_text()
    places = sorted((f.cell, f.message) for f in report.warnings if f.rule == "place-missing")
    assert [cell for cell, _ in places] == ["B2", "B3"] and "City is empty" in places[0][1]
    draft = tmp_path / "draft.docx"
    built = run("build", str(out), "-o", str(draft), "--date", "2026-11-28")
    assert built.exit_code == 0, built.output
    document = docx.Document(str(draft))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Voluntary Local Review 2026" in text and "City Voluntary" not in text
    assert "to fill in" not in text and "Introduce the city:" in text
    assert document.core_properties.title == "Voluntary Local Review 2026"


def test_not_a_repository_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "empty").mkdir()
    for source in (tmp_path / "empty", tmp_path / "missing"):
        result = run("import", "open-sdg", str(source), "-o", str(tmp_path / "out"))
        assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1, result.output
    assert not (tmp_path / "out").exists()
    only_placeholders = tmp_path / "starter"
    write(only_placeholders, "data/indicator_1-1-1.csv", PLACEHOLDER)
    result = run("import", "open-sdg", str(only_placeholders), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "no indicator with data" in result.output


def test_an_existing_review_is_never_overwritten(tmp_path):
    root = make_repository(tmp_path / "repo")
    out = tmp_path / "review"
    out.mkdir()
    (out / "mine.xlsx").write_bytes(b"keep me")
    result = run("import", "open-sdg", str(root), "-o", str(out))
    assert result.exit_code == 1 and "not empty" in result.output
    assert [p.name for p in out.iterdir()] == ["mine.xlsx"] and (out / "mine.xlsx").read_bytes() == b"keep me"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".review")]  # no staging folder left


def test_underscored_names_conflicting_rows_and_sdmx_repositories(tmp_path):
    root = tmp_path / "repo"
    write(root, "data/indicator_16_1_1.csv", "Year,Value\n2019,3\n2019,4\n2020,5\n2020,5\n")
    result = run("import", "open-sdg", str(root), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0 and "Imported 1 indicator with 2 values" in result.output, result.output
    assert "1 with a repeated row" in result.output and "1 with a second, different value" in result.output
    sdmx = tmp_path / "sdmx"
    write(sdmx, "config_data.yml", "inputs: []\n")
    write(sdmx, "sdmx-data/data.xml", "<x/>")
    result = run("import", "open-sdg", str(sdmx), "-o", str(tmp_path / "out2"))
    assert result.exit_code == 2 and "its data is in sdmx-data/, as SDMX" in result.output
