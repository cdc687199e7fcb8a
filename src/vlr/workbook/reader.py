"""Reading indicator workbooks into the review model.

A review is one .xlsx file or a folder of them (:mod:`vlr.workbook.files`); every
workbook may hold any of the sheets of :mod:`vlr.workbook.schema`, and a folder's sheets
are merged. The reader does what can be decided cell by cell (a missing value, a number
that is not one, a year that is not one, a ``Direction`` outside its values) and reports
it as findings: :mod:`vlr.workbook.table` finds a sheet's headings and reads its cells,
:mod:`vlr.workbook.records` turns its rows into records. What needs the whole review or
the SDG framework is left to :mod:`vlr.workbook.checks`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from vlr import rules
from vlr.findings import Finding, Message, later
from vlr.model.periods import parse_period, resolve_months
from vlr.model.review import DataPoint, Review
from vlr.workbook import records, schema
from vlr.workbook.files import skipped_files, workbook_files
from vlr.workbook.table import Table
from vlr.workbook.words import english
from vlr.xlsx import Sheet, read_workbook


@dataclass
class ReadResult:
    review: Review
    findings: list[Finding] = field(default_factory=list)
    #: Every ``Review`` sheet seen, as (file, sheet): more than one is an error.
    review_sheets: list[tuple[str, str]] = field(default_factory=list)
    #: Sheet kinds seen anywhere in the review.
    sheets_seen: set[str] = field(default_factory=set)
    #: Whether any Data row holds a period other than a plain year.
    has_periods: bool = False


def read_review(path: str | Path) -> ReadResult:
    """Read the workbook or folder at ``path``. Never modifies it."""
    path = Path(path)
    files = workbook_files(path)
    result = ReadResult(Review())
    if path.is_dir():
        result.findings.extend(skipped_files(path))
    # Workbooks are unpacked and parsed two at a time (calamine and zlib work without the
    # GIL); their sheets are then read in order, so the findings keep theirs.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        books = [pool.submit(read_workbook, file) for file in files]
        for file, book in zip(files, books):
            shown = str(file)
            result.review.files.append(shown)
            for sheet in book.result():
                _read_sheet(sheet, shown, result)
    result.has_periods = any(p.period is not None for p in result.review.data)
    if result.has_periods:
        _resolve_months(result.review.data)
    return result


def _resolve_months(data: list[DataPoint]) -> None:
    """Read ``2010-11`` as November 2010 in a series whose other labels are months
    (:func:`vlr.model.periods.resolve_months`): a series is written one way."""
    series: dict[tuple, list[DataPoint]] = {}
    for p in data:
        if p.period is not None:
            series.setdefault((p.indicator, p.series, p.unit, p.area), []).append(p)
    for points in series.values():
        periods = [parse_period(p.period) for p in points]
        for p, period in zip(points, resolve_months(periods)):
            p.year, p.position = period.year, period.position


def _sheet_problems(sheet: Sheet, shown: str) -> list[Finding]:
    """What the xlsx reader could not read of a sheet: the sheet itself, or values far
    from its table (:func:`vlr.xlsx.read_workbook`)."""
    found = []
    if sheet.problem:
        found.append(
            Finding.of(
                rules.SHEET_UNREADABLE,
                later._("the sheet cannot be read: {problem}.", problem=sheet.problem),
                file=shown,
                sheet=sheet.name,
                cell="A1",
            )
        )
    for ref in sheet.strays[:5]:
        found.append(
            Finding.of(
                rules.CELL_STRAY,
                later._("a value in {cell}, far from the table, was not read.", cell=ref),
                later._("delete it, or move it next to the table if it belongs there"),
                file=shown,
                sheet=sheet.name,
                cell=ref,
            )
        )
    if len(sheet.strays) > 5:
        found.append(
            Finding.of(
                rules.CELL_STRAY,
                later.n_(
                    "{n} more value far from the table was not read.",
                    "{n} more values far from the table were not read.",
                    len(sheet.strays) - 5,
                ),
                later._("delete them, or move them next to the table"),
                file=shown,
                sheet=sheet.name,
                cell=sheet.strays[5],
            )
        )
    return found


_REVIEW_WORDS = {
    name.casefold(): Message.word(word)
    for name, word in (
        ("sheet", "Review"),
        ("City",) * 2,
        ("Country",) * 2,
        ("Year",) * 2,
        ("Field",) * 2,
        ("Value",) * 2,
    )
}


def _read_sheet(sheet: Sheet, shown: str, result: ReadResult) -> None:
    result.findings.extend(_sheet_problems(sheet, shown))
    if english(sheet.name, schema.REFERENCE_SHEETS):
        return  # the Guide and Targets sheets vlr init writes for people
    name = english(sheet.name, [s.name for s in schema.SHEETS.values()])  # its name in any language vlr reads
    spec = schema.SHEETS.get(schema.canonical(name)) if name else None
    if spec is None:
        known = [Message.word(s.name) for s in schema.SHEETS.values()]
        result.findings.append(
            Finding.of(
                rules.SHEET_UNKNOWN,
                later._("sheet '{sheet}' is not one vlr reads; it was skipped.", sheet=sheet.name),
                later._("vlr reads the sheets {sheets}", sheets=known),
                file=shown,
                sheet=sheet.name,
            )
        )
        return
    result.sheets_seen.add(spec.name)
    table = Table.open(sheet, spec, shown, result.findings)
    if spec is schema.REVIEW:
        result.review_sheets.append((shown, sheet.name))
        if len(result.review_sheets) == 1:
            result.review.info = records.read_info(table)
            if table is None:
                result.findings.append(
                    Finding.of(
                        rules.VALUE_MISSING,
                        later._(
                            "the {sheet} sheet is empty: vlr needs at least the {city}, {country} and {year} of the "
                            "review.",
                            **_REVIEW_WORDS,
                        ),
                        later._(
                            "put the headings {field} and {value} in row 1, then one row each for {city}, {country} "
                            "and {year}",
                            **_REVIEW_WORDS,
                        ),
                        file=shown,
                        sheet=sheet.name,
                        cell="A1",
                    )
                )
    elif table is not None:
        if spec is schema.DATA:
            records.read_data(table, result.review.data)
            return
        reader = {
            "Actions": (records.action, result.review.actions),
            "Indicators": (records.indicator, result.review.indicators),
            "Narratives": (records.narrative, result.review.narratives),
            "Case studies": (records.case_study, result.review.case_studies),
            "Interlinkages": (records.interlinkage, result.review.interlinkages),
            "Translations": (records.translation, result.review.translations),
        }[spec.name]
        table.read_into(*reader)
