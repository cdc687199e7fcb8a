"""No formula from data (issue 20, item 2): a text from outside that a spreadsheet would take
for a formula is written as text that stays text, in every workbook and CSV vlr writes."""

from __future__ import annotations

import re
import zipfile

import openpyxl

from vlr.values import csv_cell, formula_like
from vlr.workbook.writer import write_folder

HOSTILE = ['=HYPERLINK("http://evil.example","Click")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\tx"]


def test_what_a_spreadsheet_would_take_for_a_formula():
    assert all(formula_like(t) for t in HOSTILE)
    assert not any(formula_like(t) for t in ("-5", "+3.1", "-0.5 %", "Women", "2024"))


def test_an_imported_text_beginning_like_a_formula_stays_text_in_the_workbook(tmp_path):
    rows = [["Indicator ID", "Series"], *[["I-1", text] for text in HOSTILE], ["I-1", "-5"]]
    [path] = write_folder(tmp_path / "review", {"data.xlsx": {"Data": rows}})
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        styles = z.read("xl/styles.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet  # no formula at all
    assert 'quotePrefix="1"' in styles
    ws = openpyxl.load_workbook(path)["Data"]
    cells = [ws.cell(row=r, column=2) for r in range(2, len(rows) + 1)]
    assert [c.value for c in cells] == [r[1] for r in rows[1:]]  # the text as it was
    assert all(c.data_type == "s" for c in cells)
    assert [c.quotePrefix for c in cells] == [True] * len(HOSTILE) + [False]  # "-5" is a number's text


def test_csv_cells_that_would_be_formulas_get_an_apostrophe():
    assert csv_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")' and csv_cell("-5") == "-5" and csv_cell(3) == 3
    assert re.match("^'", csv_cell("@SUM(A1)"))
