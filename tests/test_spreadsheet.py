"""The coverage workbook, opened with openpyxl and rendered once with LibreOffice."""

import subprocess
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import ROOT, need_tool
from vlr.cli import main
from vlr.reports.workbooks import STATUS_FILLS


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    out = tmp_path_factory.mktemp("cov") / "coverage.xlsx"
    result = CliRunner().invoke(
        main, ["coverage", str(ROOT / "indicators"), "--format", "json", "--xlsx", str(out)], catch_exceptions=False
    )
    assert result.exit_code == 0
    return out


def test_sheets_headers_and_frozen_panes(book):
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["Goals", "Targets", "Goal x theme", "Gaps", "Progress", "Mapping"]
    for ws in wb:
        assert ws.freeze_panes == "A2", ws.title
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), ws.title
        assert all(c.font.bold for c in ws[1] if c.value), ws.title
    assert [c.value for c in wb["Goals"][1]][:6] == [
        "Goal",
        "Name",
        "HLPF goal",
        "Targets",
        "Targets with actions",
        "Targets with evidence",
    ]
    assert [c.value for c in wb["Goal x theme"][1]] == [
        "Goal",
        "Digitalisation",
        "Climate",
        "Learning",
        "Events",
        "Total",
    ]


def test_values(book):
    wb = openpyxl.load_workbook(book)
    goals = wb["Goals"]
    assert goals.max_row == 18
    row13 = [c.value for c in goals[14]]
    assert row13[:6] == [13, "Climate action", "no", 5, 3, 1]
    assert goals["C12"].value == "yes"  # goal 11 is an HLPF 2026 goal
    targets = wb["Targets"]
    assert targets.max_row == 170  # every target of the framework
    heat = wb["Goal x theme"]
    assert [c.value for c in heat[14]] == ["13 Climate action", 0, 6, 1, 0, 7]
    progress = wb["Progress"]
    first = {h.value: c.value for h, c in zip(progress[1], progress[2])}
    assert (
        first["Indicator"] == "CLI-I1" and first["Method"] == "unsd" and first["Status code"] == "acceleration_needed"
    )
    assert first["Base year"] == 1990 and first["Latest year"] == 2025 and first["Target value"] == 20


def test_conditional_formats(book):
    wb = openpyxl.load_workbook(book)
    heat = wb["Goal x theme"].conditional_formatting
    rules = [r for cf in heat for r in cf.rules]
    assert any(r.type == "colorScale" for r in rules)
    assert any(r.type == "dataBar" for cf in wb["Goals"].conditional_formatting for r in cf.rules)
    assert sum(1 for cf in wb["Progress"].conditional_formatting for r in cf.rules) == len(
        STATUS_FILLS
    )  # one fill per status, trend-only included


def test_column_widths_fit(book):
    ws = openpyxl.load_workbook(book)["Targets"]
    assert ws.column_dimensions["A"].width < 12
    # long target texts: capped at 60 characters, which the file stores as Excel does (with the cell padding)
    assert ws.column_dimensions["C"].width == pytest.approx(60.71, abs=0.01)


def test_every_row_links_back(book):
    wb = openpyxl.load_workbook(book)
    for name in ("Mapping", "Progress"):
        ws = wb[name]
        col = ws.max_column
        for row in range(2, ws.max_row + 1):
            link = ws.cell(row=row, column=col).hyperlink
            assert link and link.target.endswith(".xlsx") and "!" in link.location, (name, row)
            assert (book.parent / link.target).name in {
                "climate.xlsx",
                "digitalisation.xlsx",
                "events.xlsx",
                "learning.xlsx",
            }
    goal_link = wb["Goals"].cell(row=12, column=wb["Goals"].max_column).hyperlink
    assert goal_link.location.startswith("'Targets'!A") and not goal_link.target
    row = next(r for r in wb["Targets"].iter_rows(min_row=2) if r[1].value == "4.1")
    assert row[-1].hyperlink.location == "'Actions'!D3" and row[-1].hyperlink.target.endswith("learning.xlsx")


def test_libreoffice_opens_it(book, tmp_path):
    soffice = need_tool("soffice")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(book)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "coverage.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    assert pdf.read_bytes().startswith(b"%PDF")


def test_never_overwrites_an_input(write, sheets):
    path = write(sheets)
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["coverage", str(path.parent), "--xlsx", str(path)])
    assert result.exit_code == 1 and "never writes over its input" in result.output
    assert path.read_bytes() == before


def test_numbers_that_are_not_finite_and_links_past_excels_limit(tmp_path):
    from python_calamine import CalamineWorkbook

    from vlr.workbook.writer import MOST_LINKS, Link, Sheet, workbook_bytes

    rows = [["Value"], [float("inf")], [float("-inf")], [float("nan")]] + [[i] for i in range(MOST_LINKS + 2)]
    links = [Link(r, 0, f"row {r}", f"'Data'!A{r + 1}") for r in range(4, len(rows))]
    path = tmp_path / "big.xlsx"
    path.write_bytes(workbook_bytes([Sheet("Data", rows, links=links)]))
    values = CalamineWorkbook.from_path(path).get_sheet_by_name("Data").to_python()
    assert [v[0] for v in values[1:4]] == ["inf", "-inf", "nan"]
    assert (
        values[-1][0].startswith(f"Rows from row {MOST_LINKS + 5} on have no link")
        and "(2 links left out)" in values[-1][0]
    )
    with zipfile.ZipFile(path) as package:
        assert package.read("xl/worksheets/sheet1.xml").count(b"<hyperlink ") == MOST_LINKS
