"""Reading indicator workbooks into the review model.

A review is one .xlsx file or a folder of them; every workbook may hold any of the
sheets of :mod:`vlr.workbook.schema`, and a folder's sheets are merged. The reader does what
can be decided cell by cell (a missing value, a number that is not one, a year that
is not one, a ``Direction`` outside its values) and reports it as findings; what needs
the whole review or the SDG framework is left to :mod:`vlr.workbook.checks`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from vlr.exceptions import UnreadableInput
from vlr.findings import Finding, Severity
from vlr.model.periods import Period, parse_period, resolve_months
from vlr.model.review import (
    Action,
    CaseStudy,
    DataPoint,
    Indicator,
    Interlinkage,
    Narrative,
    Origin,
    Review,
    ReviewInfo,
)
from vlr.values import (
    MAX_MAGNITUDE,
    ValueProblem,
    clean_text,
    is_blank,
    normalise_code,
    numeric_code,
    parse_number,
    parse_year,
    quote,
    split_ids,
    split_list,
)
from vlr.workbook import schema
from vlr.xlsx import Sheet, column_letter, missing_reason, read_workbook

_OTHER_SPREADSHEETS = (".xls", ".xlsb", ".ods", ".csv", ".numbers")


def workbook_files(path: Path) -> list[Path]:
    """The .xlsx files of a review: ``path`` itself, or those in the folder ``path``
    (Excel's ``~$`` lock files skipped)."""
    path = Path(path)
    try:
        exists = path.exists()
    except OSError:
        exists = False
    if not exists:
        raise UnreadableInput(f"{path}: {missing_reason(path)}.")
    if path.is_dir():
        files = sorted(
            p
            for p in path.iterdir()
            if p.suffix.lower() in (".xlsx", ".xlsm") and not p.name.startswith(("~$", ".~lock"))
        )
        if not files:
            near = near_misses(path)
            also = f" ({near[0][0].name!r}: {near[0][1]})" if near else ""
            raise UnreadableInput(f"{path}: the folder holds no .xlsx workbooks{also}.")
        return files
    if path.suffix.lower() == ".xls":
        raise UnreadableInput(
            f"{path}: this is an old Excel 97-2003 (.xls) file. Open it in Excel or LibreOffice "
            "and save it as an Excel Workbook (.xlsx)."
        )
    return [path]


def near_misses(folder: Path) -> list[tuple[Path, str, str]]:
    """Files of ``folder`` that look like workbooks but are not read for their name:
    (path, what is wrong, how to fix it)."""
    found = []
    for p in sorted(folder.iterdir()):
        name = p.name
        if p.suffix.lower() in (".xlsx", ".xlsm") or name.startswith(("~$", ".~lock")) or not p.is_file():
            continue
        stem = name.rstrip(" .")
        if stem.lower().endswith((".xlsx", ".xlsm")) and stem != name:
            found.append(
                (p, "its name ends in a space or a dot after .xlsx, so it is not read", f"rename it to '{stem}'")
            )
        elif "." not in name:
            try:
                with p.open("rb") as fh:
                    head = fh.read(4)
            except OSError:
                continue
            if head == b"PK\x03\x04":
                found.append(
                    (
                        p,
                        "it has no .xlsx at the end of its name, so it is not read",
                        f"rename it to '{name}.xlsx' if it is a workbook of the review",
                    )
                )
    return found


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
        for other, why, fix in near_misses(path):
            result.findings.append(
                Finding(
                    severity=Severity.WARNING,
                    rule="file-skipped",
                    file=str(other),
                    message=f"this file is skipped: {why}.",
                    hint=fix,
                )
            )
        for other in sorted(path.iterdir()):
            if other.suffix.lower() in _OTHER_SPREADSHEETS:
                result.findings.append(
                    Finding(
                        severity=Severity.WARNING,
                        rule="file-skipped",
                        file=str(other),
                        message="this file is not read: vlr reads only .xlsx workbooks.",
                        hint="open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx)",
                    )
                )
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
            series.setdefault((p.indicator, p.series, p.unit), []).append(p)
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
            Finding(
                severity=Severity.ERROR,
                rule="sheet-unreadable",
                file=shown,
                sheet=sheet.name,
                cell="A1",
                message=f"the sheet cannot be read: {sheet.problem}.",
                hint="open the workbook in Excel or LibreOffice (which may repair it) and save it again",
            )
        )
    for ref in sheet.strays[:5]:
        found.append(
            Finding(
                severity=Severity.WARNING,
                rule="cell-stray",
                file=shown,
                sheet=sheet.name,
                cell=ref,
                message=f"a value in {ref}, far from the table, was not read.",
                hint="delete it, or move it next to the table if it belongs there",
            )
        )
    if len(sheet.strays) > 5:
        found.append(
            Finding(
                severity=Severity.WARNING,
                rule="cell-stray",
                file=shown,
                sheet=sheet.name,
                cell=sheet.strays[5],
                message=f"{len(sheet.strays) - 5} more values far from the table were not read.",
                hint="delete them, or move them next to the table",
            )
        )
    return found


def _read_sheet(sheet: Sheet, shown: str, result: ReadResult) -> None:
    result.findings.extend(_sheet_problems(sheet, shown))
    if schema.canonical(sheet.name) in {schema.canonical(n) for n in schema.REFERENCE_SHEETS}:
        return  # the Guide and Targets sheets vlr init writes for people
    spec = schema.SHEETS.get(schema.canonical(sheet.name))
    if spec is None:
        known = ", ".join(s.name for s in schema.SHEETS.values())
        result.findings.append(
            Finding(
                severity=Severity.NOTE,
                rule="sheet-unknown",
                file=shown,
                sheet=sheet.name,
                message=f"sheet '{sheet.name}' is not one vlr reads; it was skipped.",
                hint=f"vlr reads the sheets {known}",
            )
        )
        return
    result.sheets_seen.add(spec.name)
    table = _Table.open(sheet, spec, shown, result.findings)
    if spec is schema.REVIEW:
        result.review_sheets.append((shown, sheet.name))
        if len(result.review_sheets) == 1:
            result.review.info = _read_info(table)
            if table is None:
                result.findings.append(
                    Finding(
                        severity=Severity.ERROR,
                        rule="value-missing",
                        file=shown,
                        sheet=sheet.name,
                        cell="A1",
                        message="the Review sheet is empty: vlr needs at least the City, Country and Year of the "
                        "review.",
                        hint="put the headings Field and Value in row 1, then one row each for City, Country and Year",
                    )
                )
    elif table is not None:
        if spec is schema.DATA:
            _read_data(table, result.review.data)
            return
        reader = {
            "Actions": (_action, result.review.actions),
            "Indicators": (_indicator, result.review.indicators),
            "Narratives": (_narrative, result.review.narratives),
            "Case studies": (_case_study, result.review.case_studies),
            "Interlinkages": (_interlinkage, result.review.interlinkages),
        }[spec.name]
        table.read_into(*reader)


class _Table:
    """One sheet with its headings resolved: yields typed cell values row by row and
    records a finding for every cell it cannot read."""

    def __init__(
        self,
        sheet: Sheet,
        spec: schema.SheetSpec,
        shown: str,
        findings: list[Finding],
        header: int,
        columns: dict[str, int],
    ):
        self.sheet, self.spec, self.shown, self.findings = sheet, spec, shown, findings
        self.header = header
        self.columns = columns  # field → index into the row
        self.origin = Origin(
            file=shown,
            sheet=sheet.name,
            columns={f: column_letter(sheet.left + j) for f, j in columns.items()},
            header_row=sheet.top + header + 1,
        )
        self.row_index = 0

    @classmethod
    def open(cls, sheet: Sheet, spec: schema.SheetSpec, shown: str, findings: list[Finding]) -> _Table | None:
        def add(rule: str, message: str, cell: str = "", hint: str | None = None, severity=Severity.ERROR):
            findings.append(
                Finding(
                    severity=severity, rule=rule, file=shown, sheet=sheet.name, cell=cell, message=message, hint=hint
                )
            )

        filled = [i for i, row in enumerate(sheet.rows[:200]) if any(not is_blank(c) for c in row)]
        if not filled:
            add(
                "sheet-empty",
                f"the {spec.name} sheet is empty.",
                "A1",
                f"put the column headings in the first row: {', '.join(spec.columns)}",
                Severity.WARNING,
            )
            return None
        wanted = {schema.canonical(h): f for h, f in spec.columns.items()}
        # The headings are the first row that names one of the sheet's columns: a title or a
        # note above them is passed over (and mentioned).
        header = next(
            (
                i
                for i in filled[:10]
                if any(type(c) is str and schema.canonical(clean_text(c)) in wanted for c in sheet.rows[i])
            ),
            filled[0],
        )
        if header != filled[0]:
            add(
                "rows-skipped",
                f"row{'s' if header - filled[0] > 1 else ''} above the headings (from row "
                f"{sheet.top + filled[0] + 1}) {'were' if header - filled[0] > 1 else 'was'} skipped: the headings "
                f"are in row {sheet.top + header + 1}.",
                sheet.ref(filled[0], 0),
                "nothing to do if it is a title; vlr reads the table from its headings down",
                Severity.NOTE,
            )
        columns: dict[str, int] = {}
        for j, head in enumerate(sheet.rows[header]):
            if is_blank(head):
                continue
            name = schema.canonical(clean_text(head))
            ref = sheet.ref(header, j)
            fieldname = wanted.get(name)
            if fieldname is None:
                add(
                    "column-unknown",
                    f"column '{quote(clean_text(head))}' is not one vlr reads; it was skipped.",
                    ref,
                    f"the {spec.name} sheet's columns are {', '.join(spec.columns)}",
                    Severity.NOTE,
                )
            elif fieldname in columns:
                first = sheet.ref(header, columns[fieldname])
                add(
                    "column-duplicate",
                    f"two columns are headed '{quote(clean_text(head))}' ({first} and {ref}).",
                    ref,
                    "delete or rename one of them",
                )
            else:
                columns[fieldname] = j
        first_cell = sheet.ref(header, 0)
        for head, fieldname in spec.required.items():
            if fieldname not in columns:
                add(
                    "column-missing",
                    f"the {spec.name} sheet has no '{head}' column.",
                    first_cell,
                    f"add a column headed '{head}' next to the others (headings go in row {sheet.top + header + 1})",
                )
        return cls(sheet, spec, shown, findings, header, columns)

    # --- cells -----------------------------------------------------------------
    def error(
        self, fieldname: str, rule: str, message: str, hint: str | None = None, severity: Severity = Severity.ERROR
    ) -> None:
        self.findings.append(
            Finding(
                severity=severity,
                rule=rule,
                file=self.shown,
                sheet=self.sheet.name,
                cell=self.ref(fieldname),
                message=message,
                hint=hint,
            )
        )

    def ref(self, fieldname: str) -> str:
        j = self.columns.get(fieldname)
        if j is None:
            return self.sheet.ref(self.row_index, 0)
        return self.sheet.ref(self.row_index, j)

    def heading(self, fieldname: str) -> str:
        return next(h for h, f in self.spec.columns.items() if f == fieldname)

    def raw(self, row: list[Any], fieldname: str) -> Any:
        j = self.columns.get(fieldname)
        if j is None or j >= len(row):
            return ""
        value = row[j]
        if (
            value == ""
            and self.sheet.uncached
            and (self.sheet.top + self.row_index, self.sheet.left + j) in self.sheet.uncached
        ):
            self.error(
                fieldname,
                "formula-uncached",
                "this formula has no saved result: the file was written by a program that does not calculate.",
                "open the workbook in Excel or LibreOffice, let it recalculate, and save it",
            )
            return None
        return value

    def text(self, row: list[Any], fieldname: str, required: bool = False) -> str | None:
        value = self.raw(row, fieldname)
        text = clean_text(value) if value is not None else ""
        if not text:
            if required and value is not None and fieldname in self.columns:
                self.error(
                    fieldname,
                    "value-missing",
                    f"'{self.heading(fieldname)}' is empty.",
                    f"every row of the {self.spec.name} sheet needs a {self.heading(fieldname)}",
                )
            return None
        return text

    def _filled(self, row: list[Any], fieldname: str, required: bool, hint: str) -> Any:
        """The cell's raw value, or None when it is blank (reported when required) or
        an uncached formula (reported by :meth:`raw`)."""
        value = self.raw(row, fieldname)
        if value is not None and is_blank(value):
            if required and fieldname in self.columns:
                self.error(fieldname, "value-missing", f"'{self.heading(fieldname)}' is empty.", hint)
            return None
        return value

    def _typed(
        self, row: list[Any], fieldname: str, required: bool, hint: str, rule: str, parse: Callable[[Any], Any]
    ) -> Any:
        """The cell read by ``parse``; None when blank (reported when required) or when
        ``parse`` refuses it (reported under ``rule``)."""
        value = self._filled(row, fieldname, required, hint)
        if value is None:
            return None
        try:
            return parse(value)
        except ValueProblem as p:
            self.error(fieldname, rule, f"{self.heading(fieldname)}: {p.message}", p.hint)
            return None

    def number(self, row: list[Any], fieldname: str, required: bool = False) -> float | None:
        return self._typed(
            row,
            fieldname,
            required,
            "enter a number, or delete the row if there is no value",
            "number-invalid",
            parse_number,
        )

    def year(self, row: list[Any], fieldname: str, required: bool = False) -> int | None:
        return self._typed(
            row, fieldname, required, "enter the year as four digits, e.g. 2021", "year-invalid", parse_year
        )

    def period(self, row: list[Any], fieldname: str, required: bool = False) -> Period | None:
        return self._typed(
            row,
            fieldname,
            required,
            "enter the year as four digits, e.g. 2021, or a period such as 2019/20",
            "year-invalid",
            parse_period,
        )

    def codes(self, row: list[Any], fieldname: str, required: bool = False) -> list[str]:
        value = self.raw(row, fieldname)
        if value is None:
            return []
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            code = numeric_code(value)
            if code.endswith(".1"):
                self.error(
                    fieldname,
                    "code-as-number",
                    f"{code} is stored as a number; if you meant {code}0, Excel dropped the zero.",
                    f"format the '{self.heading(fieldname)}' column as Text and type the codes again",
                    Severity.WARNING,
                )
            return [code]
        items = [normalise_code(c) for c in split_list(value)]
        if not items and required and fieldname in self.columns:
            self.error(
                fieldname,
                "value-missing",
                f"'{self.heading(fieldname)}' is empty.",
                "list the SDG targets, separated by commas, e.g. 11.2, 13.2",
            )
        return items

    def ids(self, row: list[Any], fieldname: str) -> list[str]:
        value = self.raw(row, fieldname)
        return split_ids(value) if value is not None else []

    def choice(self, row: list[Any], fieldname: str, allowed: tuple[str, ...], rule: str) -> str | None:
        text = self.text(row, fieldname, required=fieldname in self.spec.required.values())
        if text is None:
            return None
        for option in allowed:
            if text.casefold() == option.casefold():
                return option
        self.error(
            fieldname,
            rule,
            f"{self.heading(fieldname)} '{quote(text)}' is not one of: {', '.join(allowed)}.",
            f"write one of {', '.join(allowed)}",
        )
        return None

    # --- rows --------------------------------------------------------------------
    def rows(self):
        """(index, row) of every non-blank data row."""
        used = list(self.columns.values())
        rows = self.sheet.rows
        for i in range(self.header + 1, len(rows)):
            row = rows[i]
            for j in used:  # the first non-blank cell ends the test: usually the first one
                value = row[j] if j < len(row) else ""
                if value != "" and value is not None and not (type(value) is str and value.isspace()):
                    break
            else:
                continue
            self.row_index = i
            yield i, row

    def row_number(self, i: int) -> int:
        return self.sheet.top + i + 1

    def read_into(self, make: Callable[[_Table, list[Any], int], Any], into: list) -> None:
        for i, row in self.rows():
            record = make(self, row, self.row_number(i))
            if record is not None:
                into.append(record)


def _action(t: _Table, row: list[Any], number: int) -> Action | None:
    action_id = t.text(row, "id", required=True)
    if action_id is None:
        _required_rest(t, row, ("title", "theme"))
        t.codes(row, "targets", required=True)
        return None
    return Action(
        origin=t.origin,
        row=number,
        id=action_id,
        title=t.text(row, "title", required=True),
        theme=t.text(row, "theme", required=True),
        targets=t.codes(row, "targets", required=True),
        description=t.text(row, "description"),
        lead=t.text(row, "lead"),
        status=t.choice(row, "status", schema.STATUSES, "status-invalid"),
        start_year=t.year(row, "start_year"),
        end_year=t.year(row, "end_year"),
        link=t.text(row, "link"),
        budget=_budget(t, row),
        currency=_currency(t, row),
    )


def _budget(t: _Table, row: list[Any]) -> float | None:
    value = t.number(row, "budget")
    if value is not None and value < 0:
        t.error(
            "budget",
            "number-invalid",
            f"Budget {value:g} is negative.",
            "write the money set aside for the action, 0 or more",
        )
        return None
    return value


def _currency(t: _Table, row: list[Any]) -> str | None:
    text = t.text(row, "currency")
    if text is None:
        return None
    code = text.strip().upper()
    if code not in _currencies():
        t.error(
            "currency",
            "currency-invalid",
            f"Currency '{quote(text)}' is not a currency code.",
            "write the three-letter code of the currency, e.g. EUR, USD or SEK",
        )
        return None
    return code


@functools.lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def _case_study(t: _Table, row: list[Any], number: int) -> CaseStudy | None:
    title = t.text(row, "title", required=True)
    targets = t.codes(row, "targets", required=True)
    text = t.text(row, "text", required=True)
    picture = t.text(row, "picture")
    if picture:
        problem = picture_problem(Path(t.shown).parent / picture)
        if problem:
            t.error(
                "picture",
                "picture-invalid",
                f"Picture: the file '{quote(picture)}' {problem}.",
                "put the picture as a PNG or JPEG file in the workbook's folder and write its file name here",
            )
            picture = None
    if title is None or text is None:
        return None
    return CaseStudy(
        origin=t.origin,
        row=number,
        title=title,
        targets=targets,
        text=text,
        quote=t.text(row, "quote"),
        quote_by=t.text(row, "quote_by"),
        picture=picture,
        link=t.text(row, "link"),
    )


def _interlinkage(t: _Table, row: list[Any], number: int) -> Interlinkage | None:
    source = t.codes(row, "source", required=True)
    target = t.codes(row, "target", required=True)
    kind = t.choice(row, "kind", schema.LINK_KINDS, "kind-invalid")
    for fieldname, codes in (("source", source), ("target", target)):
        if len(codes) > 1:
            t.error(
                fieldname,
                "value-invalid",
                f"'{t.heading(fieldname)}' holds {len(codes)} targets; a row links one target to one other.",
                "write one target code here, and a row for each other link",
            )
            return None
    if not source or not target or kind is None:
        return None
    return Interlinkage(
        origin=t.origin, row=number, source=source[0], target=target[0], kind=kind, note=t.text(row, "note")
    )


def _indicator(t: _Table, row: list[Any], number: int) -> Indicator | None:
    indicator_id = t.text(row, "id", required=True)
    if indicator_id is None:
        _required_rest(t, row, ("name", "unit"))
        return None
    return Indicator(
        origin=t.origin,
        row=number,
        id=indicator_id,
        name=t.text(row, "name", required=True),
        unit=t.text(row, "unit", required=True),
        direction=_direction(t, row),
        targets=t.codes(row, "targets", required=True),
        sdg_indicators=t.codes(row, "sdg_indicators"),
        actions=t.ids(row, "actions"),
        baseline_year=t.year(row, "baseline_year"),
        baseline_value=t.number(row, "baseline_value"),
        target_year=t.year(row, "target_year"),
        target_value=t.number(row, "target_value"),
        source=t.text(row, "source"),
        owner=t.text(row, "owner"),
        headline=t.text(row, "headline"),
    )


def _direction(t: _Table, row: list[Any]) -> str | None:
    """``increase`` or ``decrease``; None where it is empty or says it is not known."""
    text = t.text(row, "direction")
    if text is None or text.casefold() in schema.UNKNOWN_DIRECTIONS:
        return None
    return t.choice(row, "direction", schema.DIRECTIONS + schema.UNKNOWN_DIRECTIONS, "direction-invalid")


def _data_point(t: _Table, row: list[Any], number: int) -> DataPoint | None:
    indicator = t.text(row, "indicator", required=True)
    period = t.period(row, "year", required=True)
    value = t.number(row, "value", required=True)
    if indicator is None or period is None or value is None:
        return None
    return DataPoint(
        origin=t.origin,
        row=number,
        indicator=indicator,
        year=period.year,
        value=value,
        period=None if period.plain else period.label,
        position=None if period.plain else period.position,
        series=t.text(row, "series"),
        note=t.text(row, "note"),
        source=t.text(row, "source"),
        unit=t.text(row, "unit"),
    )


def _read_data(t: _Table, into: list[DataPoint]) -> None:
    """The Data sheet, often the largest by far: rows whose cells are plainly typed
    (a text ID, a whole-number year, a number, optional texts) are read here without a
    call per cell and validated as one batch; any other row goes through
    :func:`_data_point`, which reports each cell it cannot read."""
    cols = t.columns
    if not {"indicator", "year", "value"} <= cols.keys() or t.sheet.uncached:
        t.read_into(_data_point, into)
        return
    ji, jy, jv = cols["indicator"], cols["year"], cols["value"]
    optional = [(f, cols[f]) for f in ("series", "note", "source", "unit") if f in cols]
    width = max(cols.values()) + 1
    origin, top = t.origin, t.sheet.top
    texts: dict[str, str] = {}  # IDs and series repeat: clean each distinct text once
    batch: list[dict[str, Any] | DataPoint] = []
    for i, row in t.rows():
        if len(row) >= width:
            ind, year, value = row[ji], row[jy], row[jv]
            if type(year) is float and year.is_integer():
                year = int(year)
            if type(value) is str and value:
                try:
                    value = parse_number(value)  # numbers stored as text, "1 234,5"
                except ValueProblem:
                    value = None  # the careful path below reports it
            if (
                type(ind) is str
                and type(year) is int
                and type(value) in (float, int)
                and -MAX_MAGNITUDE < value < MAX_MAGNITUDE
            ):
                ind = texts.get(ind) or texts.setdefault(ind, clean_text(ind))
                if ind:
                    point = {"origin": origin, "row": top + i + 1, "indicator": ind, "year": year, "value": value}
                    for f, j in optional:
                        cell = row[j]
                        if cell != "":
                            text = texts.get(cell) if type(cell) is str else None
                            point[f] = (
                                (text or texts.setdefault(cell, clean_text(cell)))
                                if type(cell) is str
                                else clean_text(cell)
                            )
                    batch.append(point)
                    continue
        slow = _data_point(t, row, top + i + 1)
        if slow is not None:
            batch.append(slow)
    into.extend(_DATA_POINTS.validate_python(batch))


_DATA_POINTS = TypeAdapter(list[DataPoint])


def _narrative(t: _Table, row: list[Any], number: int) -> Narrative | None:
    section = t.text(row, "section", required=True)
    if section is None:
        return None
    return Narrative(
        origin=t.origin, row=number, section=section.casefold().replace(" ", "-"), text=t.text(row, "text") or ""
    )


def _required_rest(t: _Table, row: list[Any], fields: tuple[str, ...]) -> None:
    for f in fields:
        t.text(row, f, required=True)


def _goal_numbers(t: _Table, row: list[Any]) -> list[int]:
    numbers = []
    for item in split_list(t.raw(row, "value")):
        if item.isascii() and item.isdigit() and 1 <= int(item) <= 17:
            numbers.append(int(item))
        else:
            t.error(
                "value",
                "number-invalid",
                f"HLPF goals: '{quote(item)}' is not a goal number.",
                "list goal numbers from 1 to 17, e.g. 6, 7, 9, 11, 17",
            )
    return numbers


#: Picture files the draft takes (the logo, case-study pictures).
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg")
#: Largest picture file taken, in bytes.
MAX_PICTURE = 20 * 1024 * 1024


def picture_problem(path: Path) -> str | None:
    """Why the picture at ``path`` cannot go into the draft, or None if it can."""
    if path.suffix.lower() not in PICTURE_SUFFIXES:
        return "is not a PNG or JPEG file (its name must end in .png, .jpg or .jpeg)"
    try:
        size = path.stat().st_size
    except OSError:
        return "is not in the workbook's folder"
    if not path.is_file():
        return "is not a file"
    if size > MAX_PICTURE:
        return f"is larger than {MAX_PICTURE // 2**20} MB"
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            if image.format not in ("PNG", "JPEG"):
                return f"is a {image.format} picture, not PNG or JPEG"
            if image.width * image.height > 40_000_000:
                return "has too many pixels (more than 40 million)"
            image.verify()
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError) as exc:
        return f"cannot be read as a picture ({type(exc).__name__})"
    return None


def _read_info(t: _Table | None) -> ReviewInfo:
    info = ReviewInfo(themes=split_ids(schema.REVIEW_FIELDS["Themes"][1]))
    if t is None:
        return info
    info.origin = t.origin
    fields = {schema.canonical(name): name for name in schema.REVIEW_FIELDS}
    seen: dict[str, str] = {}
    for _, row in t.rows():
        name = t.text(row, "field", required=True)
        if name is None:
            continue
        canonical = fields.get(schema.canonical(name))
        if canonical is None:
            t.error(
                "field",
                "field-unknown",
                f"field '{quote(name)}' is not one vlr reads; it was skipped.",
                f"the Review fields are {', '.join(schema.REVIEW_FIELDS)}",
                Severity.NOTE,
            )
            continue
        if canonical in seen:
            t.error(
                "field",
                "field-duplicate",
                f"field '{canonical}' is given twice (first in {seen[canonical]}).",
                "keep one of the two rows",
            )
            continue
        seen[canonical] = t.ref("field")
        info.cells[canonical.casefold()] = t.ref("value")
        if canonical == "Year":
            info.year = t.year(row, "value", required=True)
        elif canonical == "Themes":
            themes = t.ids(row, "value")
            if themes:
                info.themes = themes
            else:
                t.error(
                    "value",
                    "value-missing",
                    f"Themes is empty, so the default themes are used ({', '.join(info.themes)}).",
                    "list the review's themes separated by commas, or delete the row",
                    Severity.WARNING,
                )
        elif canonical == "HLPF goals":
            info.hlpf_goals = _goal_numbers(t, row)
        elif canonical == "Logo":
            value = t.text(row, "value")
            problem = picture_problem(Path(t.shown).parent / value) if value else None
            if problem:
                t.error(
                    "value",
                    "picture-invalid",
                    f"Logo: the file '{quote(value)}' {problem}.",
                    "put the logo as a PNG or JPEG file in the workbook's folder and write its file name here",
                )
            elif value:
                info.logo = value
        else:
            value = t.text(row, "value", required=schema.REVIEW_FIELDS[canonical][0])
            if value is not None:
                setattr(info, canonical.casefold(), value.lower() if canonical == "Language" else value)
    for name, (required, _default) in schema.REVIEW_FIELDS.items():
        if required and name not in seen:
            t.findings.append(
                Finding(
                    severity=Severity.ERROR,
                    rule="value-missing",
                    file=t.shown,
                    sheet=t.sheet.name,
                    cell=f"{t.origin.columns.get('field', 'A')}{t.origin.header_row}",
                    message=f"the Review sheet has no '{name}' row.",
                    hint=f"add a row with '{name}' in the Field column and its value in the Value column",
                )
            )
    return info
