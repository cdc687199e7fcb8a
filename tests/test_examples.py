"""The shipped example validates cleanly; the broken examples show every rule."""

from pathlib import Path

import pytest

from conftest import ROOT
from vlr.main import load, validate

ERROR_RULES = {
    "value-missing",
    "column-missing",
    "sheet-missing",
    "target-unknown",
    "indicator-unknown",
    "action-duplicate",
    "indicator-duplicate",
    "action-undefined",
    "indicator-undefined",
    "direction-invalid",
    "status-invalid",
    "year-invalid",
    "number-invalid",
    "baseline-after-target",
    "data-duplicate",
    "indicator-target-mismatch",
    "review-missing",
    "review-duplicate",
    "formula-uncached",
    "period-mixed",
    "narrative-template",
}
WARNING_RULES = {
    "action-unfollowed",
    "indicator-no-data",
    "indicator-stale",
    "theme-unknown",
    "narrative-unknown",
    "narrative-empty",
    "target-goal-only",
    "cell-stray",
}


@pytest.fixture(autouse=True)
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_shipped_example_has_no_errors_and_its_shape():
    loaded = load("indicators")
    assert loaded.report.ok and not loaded.report.errors, loaded.report.to_text()
    review = loaded.review
    assert (review.info.city, review.info.country) == ("Helsinki", "Finland")
    assert len(review.files) == 5
    assert 38 <= len(review.actions) <= 45 and 24 <= len(review.indicators) <= 30
    assert {a.theme for a in review.actions} == {"Digitalisation", "Climate", "Learning", "Events"}
    years = {p.year for p in review.data}
    assert set(range(2016, 2026)) <= years
    assert {"opening", "introduction", "methodology", "conclusion"} <= {n.section for n in review.narratives}


def test_every_example_figure_is_published_or_marked_illustrative():
    review = load("indicators").review
    for point in review.data:
        note = (point.note or "") + " " + (point.source or "")
        assert "Illustrative" in note or "Published" in note or "published" in note or "Derived" in note, point
    # the README names the published ones exactly
    published = sorted(
        (p.indicator, p.year)
        for p in review.data
        if not f"{p.note} {p.source}".startswith("Illustrative") and "Illustrative" not in f"{p.note} {p.source}"
    )
    assert published == [("CLI-I1", 1990), ("CLI-I1", 2018), ("CLI-I1", 2020), ("CLI-I2", 2012), ("CLI-I2", 2016),
                         ("CLI-I2", 2018), ("CLI-I2", 2020)]  # fmt: skip
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Seven of its values come from the City of\nHelsinki's published emissions statistics" in readme


@pytest.mark.parametrize("name", ["broken", "broken-structure.xlsx", "real-shapes.xlsx", "broken-layout.xlsx"])
def test_broken_examples_match_their_expected_reports(name):
    expected = (ROOT / "examples" / f"{Path(name).stem}.expected.txt").read_text(encoding="utf-8")
    assert validate(Path("examples") / name).to_text() + "\n" == expected


def test_broken_examples_show_every_rule():
    seen: set[tuple[str, str]] = set()
    for name in ("broken", "broken-structure.xlsx", "broken-layout.xlsx"):
        seen |= {(f.rule, f.severity.value) for f in validate(Path("examples") / name).findings}
    errors = {r for r, s in seen if s == "error"}
    warnings = {r for r, s in seen if s == "warning"}
    assert errors >= ERROR_RULES, ERROR_RULES - errors
    assert warnings >= WARNING_RULES, WARNING_RULES - warnings


def test_the_real_shapes_example_validates_and_shows_every_period_form():
    report = validate("examples/real-shapes.xlsx")
    assert report.ok and {f.rule for f in report.warnings} == {"direction-unknown"}, report.to_text()
    labels = {p.indicator: p.label for p in load("examples/real-shapes.xlsx").review.data}
    assert labels["HOU-1"] == "2024/25" and labels["HOU-2"].startswith("FY") and labels["AIR-1"] == "2023 - 25"
    assert labels["SLP-1"] == "2025-11-15" and labels["EDU-1"] == "2025 Q2"


def test_the_open_sdg_example_imports_cleanly(tmp_path):
    from vlr.main import import_open_sdg

    result = import_open_sdg("examples/open-sdg", tmp_path / "review", city="Exampleton", country="UK", year=2026)
    assert [i.id for i in result.indicators] == ["1.2.1", "3.9.1", "11.1.1.a"]
    assert {s.file for s in result.skipped} == {"data/indicator_1-4-1.csv", "data/demo_indicator.csv"}
    assert validate(tmp_path / "review").ok


def test_the_sdmx_example_imports_as_the_readme_says(tmp_path):
    from vlr.main import import_sdmx
    from vlr.reports.terminal import import_summary

    result = import_sdmx(["examples/sdmx/data"], tmp_path / "r", structure=["examples/sdmx/dsd.xml"], year=2026)
    said = import_summary(result, "examples/sdmx/data", "my-review")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for line in said.splitlines()[:5]:
        assert line in readme, line
    assert validate(tmp_path / "r").ok


def test_the_guides_tables_are_the_schemas_words():
    from vlr.workbook import schema

    guide = (ROOT / "docs" / "workbook-format.md").read_text(encoding="utf-8")
    for sheet in schema.HELP:
        assert schema.help_table(sheet) in guide, f"the {sheet} table of docs/workbook-format.md is not schema.HELP's"
