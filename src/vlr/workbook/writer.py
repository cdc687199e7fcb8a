"""Writing .xlsx files: the one module that writes a spreadsheet, for every workbook vlr produces.

Callers describe what goes in (:class:`Sheet`: rows, column widths, styles, data
validation, links, conditional formats); this module writes it with XlsxWriter in
memory and returns, or puts in place, the bytes:

- :func:`workbook_bytes`: the .xlsx bytes of a list of sheets;
- :func:`write_workbook`: a plain workbook of rows into one file (the inputs that the
  examples and the tests write), whole or not at all;
- :func:`write_folder`: a set of workbooks into a new folder (``vlr import`` and
  ``vlr init``), whole or not at all: a failed run leaves nothing behind and an existing
  review is never overwritten.

Every heading row has the one :data:`HEADING` style. The same sheets give the same
bytes: the core properties carry :data:`vlr.output.FIXED_TIME` (or the date the caller
gives) and every zip entry the same fixed time (:func:`vlr.output.deterministic_zip`).
A number that is not finite is written as text (``inf``), which is what it is; links past
Excel's :data:`MOST_LINKS` a sheet are left out, and the sheet's last row says how many.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
import os
import pickle
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from vlr.exceptions import OutputError
from vlr.formatting import speaking_now
from vlr.output import FIXED_TIME, cached, deterministic_zip, write_atomic
from vlr.values import formula_like

#: Excel holds at most this many links in a worksheet; rows past them get none, and the
#: sheet says so in a last row.
MOST_LINKS = 65_530

Sheets = dict[str, list[list]]


@dataclass(frozen=True)
class Style:
    """How cells look: weight, size, fill colour (RGB hex), wrapping, number format."""

    bold: bool = False
    size: float | None = None
    fill: str | None = None
    top: bool = False
    wrap: bool = False
    number_format: str | None = None
    #: Excel's quote prefix: the cell's text stays text even when someone edits it.
    quoted: bool = False

    def options(self) -> dict:
        """The style as XlsxWriter's format properties."""
        found = {
            "bold": self.bold,
            "font_size": self.size,
            "bg_color": f"#{self.fill}" if self.fill else None,
            "valign": "top" if self.top else None,
            "text_wrap": self.wrap,
            "num_format": self.number_format,
            "quote_prefix": self.quoted,
        }
        return {key: value for key, value in found.items() if value}


#: The style of every heading row vlr writes: bold on a light blue, top-aligned.
HEADING = Style(bold=True, fill="DDE6F0", top=True)
#: Long texts in a column of their own: wrapped, top-aligned.
LONG_TEXT = Style(wrap=True, top=True)
#: Dates, and dates with a time of day, as Excel shows them.
DATE, DATETIME = Style(number_format="yyyy-mm-dd"), Style(number_format="yyyy-mm-dd h:mm:ss")


@dataclass(frozen=True)
class Link:
    """A link in the cell at 0-based ``row`` and ``column``, showing ``text``: to
    ``location`` (``'Sheet'!A1``) in the workbook ``file`` (relative to this one), or in
    this workbook when ``file`` is None."""

    row: int
    column: int
    text: str
    location: str
    file: str | None = None


@dataclass(frozen=True)
class Validation:
    """A data validation rule on an A1 ``area``. ``kind`` is ``any`` (only an input
    message), ``list`` (``source``: a quoted list or a range) or ``whole`` (``minimum``
    to ``maximum``); ``error_style`` is ``stop`` or ``warning``."""

    area: str
    kind: str = "any"
    source: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    allow_blank: bool = False
    prompt_title: str | None = None
    prompt: str | None = None
    error_style: str = "stop"
    error_title: str | None = None
    error: str | None = None

    def options(self) -> dict:
        """The rule as XlsxWriter's data validation options."""
        found: dict[str, Any] = {"validate": self.kind, "ignore_blank": self.allow_blank}
        if self.kind == "list":
            found["source"] = self.source
        elif self.kind == "whole":
            found |= {"criteria": "between", "minimum": self.minimum, "maximum": self.maximum}
        if self.prompt is not None:
            found |= {"input_title": self.prompt_title, "input_message": self.prompt}
        else:
            found["show_input"] = False
        if self.error is not None:
            found |= {"error_type": self.error_style, "error_title": self.error_title, "error_message": self.error}
        else:
            found["show_error"] = False
        return {key: value for key, value in found.items() if value is not None}


@dataclass(frozen=True)
class ColourScale:
    """Cells of ``area`` shaded from white at ``start`` to ``colour`` at the area's highest value."""

    area: str
    colour: str
    start: float = 0


@dataclass(frozen=True)
class DataBars:
    """A bar in each cell of ``area``, from ``start`` to ``end``."""

    area: str
    colour: str
    start: float = 0
    end: float = 1


@dataclass(frozen=True)
class FormulaFill:
    """Cells of ``area`` filled with ``colour`` where ``formula`` (relative to the first cell) is true."""

    area: str
    formula: str
    colour: str


Highlight = ColourScale | DataBars | FormulaFill


@dataclass
class Sheet:
    """One worksheet: its rows (the first one the headings), and how it looks.

    ``widths`` maps 0-based columns to widths; ``first_row`` is the style of row 1 (the
    :data:`HEADING`, or None), frozen above the rest unless ``freeze`` is False;
    ``columns`` maps 0-based columns to the style of their cells below row 1. With
    ``formulas``, a text that starts with ``=`` is written as a formula without a result
    (what a tool that does not calculate writes)."""

    name: str
    rows: list[list]
    widths: dict[int, float] = field(default_factory=dict)
    first_row: Style | None = HEADING
    freeze: bool = True
    autofilter: bool = False
    columns: dict[int, Style] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    validations: list[Validation] = field(default_factory=list)
    highlights: list[Highlight] = field(default_factory=list)
    formulas: bool = False


def workbook_bytes(
    sheets: Sequence[Sheet], *, created: dt.datetime = FIXED_TIME, title: str | None = None, author: str | None = None
) -> bytes:
    """The .xlsx bytes of ``sheets``, written with XlsxWriter; the core properties carry
    ``created`` (and ``title``, ``author`` when given). A workbook of more than
    :data:`CACHED_CELLS` cells is kept in vlr's cache: the same cells are the same bytes, and
    XlsxWriter takes about 10 µs a cell (a national review's data workbook, 5 s)."""
    if sum(len(row) for sheet in sheets for row in sheet.rows) <= CACHED_CELLS:
        return _workbook_bytes(sheets, created, title, author)
    try:  # the language spoken too: a cell may be a message said in it when written
        made_of = pickle.dumps((list(sheets), created, title, author, speaking_now()), protocol=5)
    except (pickle.PicklingError, TypeError, AttributeError):  # a cell of another kind: written, not kept
        return _workbook_bytes(sheets, created, title, author)
    return cached(
        "workbook", hashlib.sha256(made_of).hexdigest(), lambda: _workbook_bytes(sheets, created, title, author)
    )


#: A workbook of more cells than this is kept in vlr's cache (:func:`workbook_bytes`).
CACHED_CELLS = 50_000


def _workbook_bytes(sheets: Sequence[Sheet], created: dt.datetime, title: str | None, author: str | None) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    properties = {"title": title, "created": created, "author": author}
    wb.set_properties({key: value for key, value in properties.items() if value is not None})
    formats: dict[Style, Any] = {}

    def fmt(style: Style | None):
        if style is None:
            return None
        if style not in formats:
            formats[style] = wb.add_format(style.options())
        return formats[style]

    for sheet in sheets:
        _write_sheet(wb.add_worksheet(sheet.name), sheet, fmt, wb.add_format)
    wb.close()
    rels = {f"xl/worksheets/_rels/sheet{n}.xml.rels": _forward_slashes for n in range(1, len(sheets) + 1)}
    return deterministic_zip(buffer.getvalue(), stamp=created.strftime("%Y-%m-%dT%H:%M:%SZ"), transform=rels)


def _write_sheet(ws, sheet: Sheet, fmt: Callable[[Style | None], Any], add_format: Callable[[dict], Any]) -> None:
    """Everything of one sheet, the rows first."""
    rows = sheet.rows
    if rows and sheet.freeze and sheet.first_row is not None:
        ws.freeze_panes(1, 0)
    for col, width in sheet.widths.items():
        ws.set_column(col, col, width)
    links: dict[int, list[Link]] = {}
    for link in sheet.links[:MOST_LINKS]:
        links.setdefault(link.row, []).append(link)
    if len(sheet.links) > MOST_LINKS:
        first = sheet.links[MOST_LINKS].row + 1
        rows = [
            *rows,
            [
                f"Rows from row {first} on have no link to their source ({len(sheet.links) - MOST_LINKS:,} "
                f"links left out): Excel holds at most {MOST_LINKS:,} links in a sheet."
            ],
        ]
    for r, row in enumerate(rows):
        styles = dict.fromkeys(range(len(row)), sheet.first_row) if r == 0 else sheet.columns
        _write_row(ws, r, row, styles, sheet.formulas, fmt)
        for link in links.get(r, ()):  # after the row's cells: a link takes the place of its cell's value
            _write_link(ws, link, fmt(styles.get(link.column)))
    if sheet.autofilter and rows:
        ws.autofilter(0, 0, max(len(rows) - 1, 0), len(rows[0]) - 1)
    for rule in sheet.validations:
        _checked(ws.data_validation(rule.area, rule.options()), f"the data validation of {sheet.name}!{rule.area}")
    for highlight in sheet.highlights:
        _checked(ws.conditional_format(highlight.area, _highlight(highlight, add_format)), f"{sheet.name}!{highlight}")


def _write_row(ws, r: int, row: list, styles: dict[int, Style], formulas: bool, fmt: Callable) -> None:
    """The cells of one row, each written as what it is (no guessing from the text). A text
    that a spreadsheet would take for a formula (``=HYPERLINK(…)`` from an imported file) is
    text with Excel's quote prefix: it stays text even when someone edits the cell."""
    text, number = ws.write_string, ws.write_number
    for c, value in enumerate(row):
        if value is None:
            continue
        kind = type(value)
        style = fmt(styles.get(c))
        if kind is str:
            if formulas and value.startswith("=") and len(value) > 1:
                ws.write_formula(r, c, value, style, "")
            elif formula_like(value):
                text(r, c, value, fmt(replace(styles.get(c) or Style(), quoted=True)))
            else:
                text(r, c, value, style)
        elif kind is int or (kind is float and math.isfinite(value)):
            number(r, c, value, style)
        elif kind is bool:
            ws.write_boolean(r, c, value, style)
        elif isinstance(value, dt.datetime | dt.date):
            ws.write_datetime(r, c, value, style or fmt(DATETIME if isinstance(value, dt.datetime) else DATE))
        else:
            text(r, c, str(value), style)


def _write_link(ws, link: Link, style) -> None:
    if link.file is None:
        url = f"internal:{link.location}"
    else:
        url = f"external:{link.file}#{link.location}"
    _checked(ws.write_url(link.row, link.column, url, style, link.text), f"the link {link.text}")


def _highlight(rule: Highlight, add_format: Callable[[dict], Any]) -> dict:
    """A highlight as XlsxWriter's conditional format options."""
    if isinstance(rule, ColourScale):
        return {
            "type": "2_color_scale",
            "min_type": "num",
            "min_value": rule.start,
            "min_color": "#FFFFFF",
            "max_type": "max",
            "max_color": f"#{rule.colour}",
        }
    if isinstance(rule, DataBars):
        return {
            "type": "data_bar",
            "min_type": "num",
            "min_value": rule.start,
            "max_type": "num",
            "max_value": rule.end,
            "bar_color": f"#{rule.colour}",
        }
    return {"type": "formula", "criteria": rule.formula, "format": add_format({"bg_color": f"#{rule.colour}"})}


def _checked(result: int | None, what: str) -> None:
    """XlsxWriter warns and leaves a feature out when an option is wrong: make that an error."""
    if result is not None and result < 0:
        raise OutputError(f"The workbook could not be written: XlsxWriter refused {what}.")


_EXTERNAL = re.compile(rb'Target="([^"]*)" TargetMode="External"')


def _forward_slashes(xml: bytes) -> bytes:
    """Relative links as ``../folder/file.xlsx``: XlsxWriter writes Windows' backslashes,
    which other systems take for part of a file name."""
    return _EXTERNAL.sub(
        lambda m: m.group(0) if b"://" in m.group(1) else m.group(0).replace(b"\\", b"/"),
        xml,
    )


def write_workbook(path: str | os.PathLike, sheets: Sheets) -> Path:
    """Write a plain workbook of rows: one sheet per entry, the first row the frozen
    :data:`HEADING` row, columns sized to their content and long texts wrapped, a text
    that starts with ``=`` a formula without a result. For the examples and the tests
    (the workbooks an officer would fill in); the file is written whole."""
    return write_atomic(path, workbook_bytes([plain_sheet(name, rows) for name, rows in sheets.items()]))


def plain_sheet(name: str, rows: list[list]) -> Sheet:
    """The :class:`Sheet` of rows that :func:`write_workbook` writes."""
    longest = [0] * max((len(r) for r in rows), default=0)
    for row in rows:
        for j, value in enumerate(row):
            if value is not None:
                longest[j] = max(longest[j], len(str(value)))
    widths = {j: min(max(10, n + 2), 80) for j, n in enumerate(longest)}
    columns = {j: LONG_TEXT for j, n in enumerate(longest) if n > 80}
    return Sheet(name, rows, widths, columns=columns, formulas=True)


def write_folder(
    folder: str | os.PathLike, workbooks: dict[str, Sheets | bytes], widths: dict[str, list[float]] | None = None
) -> list[Path]:
    """Write ``workbooks`` (file name → sheets of rows, each with the frozen
    :data:`HEADING` row and the columns ``widths`` of its sheet; or the file's bytes)
    into the new or empty ``folder``.

    Raises :class:`OutputError` when the folder already holds files: an import never
    mixes with, or overwrites, a review."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder} is a file, not a folder. Give a new folder for the workbooks.")
    if folder.exists() and any(folder.iterdir()):
        raise OutputError(
            f"{folder}: the folder is not empty. Give a new folder for the workbooks (vlr never overwrites a review)."
        )
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError as exc:
        raise OutputError(f"Cannot write {folder}: {exc.strerror or exc}.") from None
    try:
        for name, sheets in workbooks.items():
            data = sheets if isinstance(sheets, bytes) else _rows_bytes(sheets, widths or {})
            (staging / name).write_bytes(data)
        os.chmod(staging, 0o755)
        if folder.exists():
            folder.rmdir()  # empty, checked above
        os.replace(staging, folder)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(f"Cannot write {folder}: {exc.strerror or exc}.") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [folder / name for name in workbooks]


def _rows_bytes(sheets: Sheets, widths: dict[str, list[float]]) -> bytes:
    return workbook_bytes([Sheet(name, rows, dict(enumerate(widths.get(name, [])))) for name, rows in sheets.items()])
