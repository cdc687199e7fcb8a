"""Bad inputs: each ends in located findings or a clean exit 2, never a traceback,
and never changes the file it was given."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import MINIMAL
from vlr.cli import main
from vlr.main import load
from vlr.workbook.writer import write_workbook


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(path: Path, *args: str):
    files = [path] if path.is_file() else sorted(path.iterdir()) if path.is_dir() else []
    before = {p: digest(p) for p in files}
    result = CliRunner().invoke(main, ["validate", str(path), *args])
    after = {p: digest(p) for p in before}
    assert before == after, "the input was modified"
    assert "Traceback" not in result.output
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def rewrite_member(path: Path, member: str | bytes, change) -> None:
    """Rewrite one member of a zip (the test's own copy, never a shipped file):
    the member named, or (given bytes) the first member that contains them."""
    with zipfile.ZipFile(path) as zf:
        items = [(info, zf.read(info.filename)) for info in zf.infolist()]
    if isinstance(member, bytes):
        member = next(info.filename for info, data in items if member in data)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in items:
            zf.writestr(info.filename, change(data) if info.filename == member else data)


def unreadable(path: Path, words: str) -> None:
    result = run(path)
    assert result.exit_code == 2, result.output
    assert words in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output


# --- files that are not workbooks --------------------------------------------------------------


def test_no_such_path(tmp_path):
    unreadable(tmp_path / "missing.xlsx", "no such file")


def test_empty_folder(tmp_path):
    unreadable(tmp_path, "no .xlsx workbooks")


def test_old_xls(tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    unreadable(path, "Excel 97-2003 (.xls)")
    xls = tmp_path / "old.xls"
    xls.write_bytes(path.read_bytes())
    unreadable(xls, "save it as an Excel Workbook (.xlsx)")


def test_password_protected(tmp_path):
    path = tmp_path / "secret.xlsx"
    path.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100
    )
    unreadable(path, "password-protected")


def test_csv(tmp_path):
    path = tmp_path / "data.xlsx"
    path.write_text("Indicator ID,Year,Value\nI-1,2020,5\n")
    unreadable(path, "CSV")


def test_corrupt_zip(tmp_path, write):
    path = write(MINIMAL)
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    unreadable(path, "damaged")


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "hi")
    unreadable(path, "not an Excel workbook")


# the hostile file repeats its shared strings part on purpose: zipfile warns of the duplicate
@pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")
def test_billion_laughs_shared_strings(write):
    path = write(MINIMAL)
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
        )
        + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        + b"<si><t>&lol9;</t></si></sst>"
    )
    rewrite_member(path, "xl/sharedStrings.xml", lambda _xml: bomb)
    unreadable(path, "declares XML entities")
    path = write(MINIMAL, "twice.xlsx")  # a second part of the same name, which readers take one or the other of
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/sharedStrings.xml", bomb)
    unreadable(path, "holds the part xl/sharedStrings.xml twice")
    path = write(MINIMAL, "bomb-in-sheet.xlsx")
    rewrite_member(path, b"Testville", lambda xml: bomb.replace(b"<sst", b"<!-- --><sst") + xml[len(b"<?xml") :][:0])
    unreadable(path, "declares XML entities")


def test_zip_bomb(write):
    path = write(MINIMAL)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/media/padding.bin", b"\0" * (300 << 20))
    assert path.stat().st_size < 2 << 20
    unreadable(path, "zip bomb")


# --- workbooks with awkward content ----------------------------------------------------------


def test_empty_workbook_gives_located_findings(tmp_path):
    path = tmp_path / "empty.xlsx"
    write_workbook(path, {"Sheet": []})  # what a new, untouched workbook holds
    result = run(path)
    assert result.exit_code == 1
    assert "[review-missing]" in result.output and "[sheet-missing]" in result.output
    assert "sheet 'Sheet' is not one vlr reads" in result.output


def test_header_only_sheets(write):
    path = write({name: rows[:1] for name, rows in MINIMAL.items()})
    result = run(path)
    assert result.exit_code == 1
    assert "the Review sheet has no 'Year' row" in result.output and "City is missing" in result.output


def test_empty_sheets_are_warnings(write, sheets):
    sheets["Narratives"] = []
    loaded = load(write(sheets))
    assert [f.rule for f in loaded.report.findings] == ["sheet-empty"]


def test_merged_cells_hidden_rows_dates_and_text_numbers(tmp_path):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in MINIMAL.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    actions = book["Actions"]
    actions.append(["A-3", "Third", None, "11.2", "Ongoing"])
    actions["C3"] = "Learning"
    actions["C4"] = None
    actions.merge_cells("C3:C4")  # Theme merged over two rows: both read as Learning
    data = book["Data"]
    data.row_dimensions[3].hidden = True  # hidden rows are still data
    data["B2"] = dt.datetime(2020, 1, 1)  # a date typed in the Year column
    data["C2"] = "1 000,5"  # Finnish number stored as text
    data["B3"] = "2021"  # year stored as text
    data["C3"] = "1,5"
    book["Indicators"]["K2"] = "200 km"  # unit typed into the number
    path = tmp_path / "awkward.xlsx"
    book.save(path)
    loaded = load(path)
    review = loaded.review
    assert review.actions_by_id["A-3"].theme == "Learning"
    first, second = review.data[0], review.data[1]
    assert (first.year, first.value) == (2020, 1000.5)
    assert (second.year, second.value) == (2021, 1.5)
    bad = list(loaded.report.errors)
    assert [(f.rule, f.cell) for f in bad] == [("number-invalid", "K2")]
    assert "Unit column" in bad[0].hint


def test_long_and_non_latin_text(write, sheets):
    sheets["Actions"][1][1] = 'Pyöräilyn edistäminen – Cykelfrämjande – 自行车 – دراجات 🚲 & <tags> "quotes"'
    sheets["Actions"][0].append("Description")
    sheets["Actions"][1].extend([None] * (len(sheets["Actions"][0]) - len(sheets["Actions"][1]) - 1) + ["x" * 5000])
    loaded = load(write(sheets))
    action = loaded.review.actions_by_id["A-1"]
    assert action.title.startswith("Pyöräilyn") and "🚲" in action.title
    assert len(action.description) == 5000
    assert loaded.report.ok


def test_control_characters_and_escapes_are_cleaned(write, sheets):
    sheets["Actions"][1][1] = "Cycle PLACEHOLDER lanes"
    path = write(sheets)
    rewrite_member(path, b"PLACEHOLDER", lambda xml: xml.replace(b"PLACEHOLDER", b"_x000B_\xc2\xa0&#x1;"))
    assert load(path).review.actions_by_id["A-1"].title == "Cycle lanes"


def test_sheet_dimension_that_lies(write):
    path = write(MINIMAL)
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if n.startswith("xl/worksheets/")]
    for name in names:
        rewrite_member(path, name, lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:A1"/>', xml))
    loaded = load(path)
    assert len(loaded.review.data) == 15 and loaded.report.ok


def test_formula_without_cached_value_is_reported(write, sheets):
    sheets["Data"][1][2] = "=100+0"  # written as a formula without a result
    loaded = load(write(sheets))
    f = [f for f in loaded.report.findings if f.rule == "formula-uncached"]
    assert [(x.sheet, x.cell) for x in f] == [("Data", "C2")]
    assert not any(x.rule == "value-missing" for x in loaded.report.findings)


def test_formula_with_cached_value_is_read(write, sheets):
    sheets["Data"][1][2] = "=100+0"
    path = write(sheets)
    with zipfile.ZipFile(path) as zf:
        sheet = next(n for n in zf.namelist() if b"100+0" in zf.read(n))
    rewrite_member(path, sheet, lambda xml: xml.replace(b"<f>100+0</f><v></v>", b"<f>100+0</f><v>100</v>"))
    loaded = load(path)
    assert loaded.report.ok and loaded.review.data[0].value == 100


def test_other_spreadsheets_in_a_folder_are_named(write, sheets):
    folder = write(sheets).parent
    (folder / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    loaded = load(folder)
    skipped = [f for f in loaded.report.findings if f.rule == "file-skipped"]
    assert len(skipped) == 1 and skipped[0].file.endswith("old.xls")


def test_codes_stored_as_numbers_warn_about_lost_zeros(write, sheets):
    sheets["Actions"][1][3] = 16.1  # 16.10 typed into a number cell arrives as 16.1
    loaded = load(write(sheets))
    warning = [f for f in loaded.report.findings if f.rule == "code-as-number"]
    assert [(f.cell, f.severity.value) for f in warning] == [("D2", "warning")]
    assert "16.10" in warning[0].message
    assert loaded.review.actions_by_id["A-1"].targets == ["16.1"]
    sheets["Actions"][1][3] = "16.10"
    loaded = load(write(sheets))
    assert loaded.review.actions_by_id["A-1"].targets == ["16.10"] and loaded.report.ok
