"""One sheet as a table: its headings found, its cells read as typed values.

:func:`find_headings` finds the row of headings (passing over a title above it) and the
column of each field, reporting unknown, doubled and missing columns; :class:`Table` then
yields the data rows and reads each cell as text, a number, a year, a period, codes or one
of a list of words, recording a located finding for every cell it cannot read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vlr import rules
from vlr.exceptions import ValueProblem
from vlr.findings import Finding, Message, later
from vlr.model.periods import Period, parse_period
from vlr.model.review import Origin
from vlr.rules import Rule, Severity
from vlr.values import (
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
from vlr.workbook.words import english, names
from vlr.xlsx import Sheet, column_letter

word = Message.word


def find_headings(
    sheet: Sheet, spec: schema.SheetSpec, shown: str, findings: list[Finding]
) -> tuple[int, dict[str, int]] | None:
    """The index of the headings' row and each field's column index, or None (reported)
    when the sheet is empty."""

    def add(rule: Rule, message: Message, cell: str, hint: Message | None = None):
        findings.append(Finding.of(rule, message, hint, file=shown, sheet=sheet.name, cell=cell))

    filled = [i for i, row in enumerate(sheet.rows[:200]) if any(not is_blank(c) for c in row)]
    if not filled:
        add(
            rules.SHEET_EMPTY,
            later._("the {sheet} sheet is empty.", sheet=word(spec.name)),
            "A1",
            later._("put the column headings in the first row: {columns}", columns=[word(c) for c in spec.columns]),
        )
        return None
    wanted = {schema.canonical(n): f for h, f in spec.columns.items() for n in names(h)}  # in any language read
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
            rules.ROWS_SKIPPED,
            later.n_(
                "row above the headings (from row {first}) was skipped: the headings are in row {row}.",
                "rows above the headings (from row {first}) were skipped: the headings are in row {row}.",
                header - filled[0],
                first=sheet.top + filled[0] + 1,
                row=sheet.top + header + 1,
            ),
            sheet.ref(filled[0], 0),
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
                rules.COLUMN_UNKNOWN,
                later._("column '{column}' is not one vlr reads; it was skipped.", column=quote(clean_text(head))),
                ref,
                later._(
                    "the {sheet} sheet's columns are {columns}",
                    sheet=word(spec.name),
                    columns=[word(c) for c in spec.columns],
                ),
            )
        elif fieldname in columns:
            first = sheet.ref(header, columns[fieldname])
            add(
                rules.COLUMN_DUPLICATE,
                later._(
                    "two columns are headed '{column}' ({first} and {second}).",
                    column=quote(clean_text(head)),
                    first=first,
                    second=ref,
                ),
                ref,
            )
        else:
            columns[fieldname] = j
    _columns_missing(spec, columns, sheet.ref(header, 0), sheet.top + header + 1, add)
    return header, columns


def _columns_missing(spec: schema.SheetSpec, columns: dict[str, int], first_cell: str, row: int, add) -> None:
    """An error at the headings' first cell for each required column missing (headings in ``row``)."""
    for head, fieldname in spec.required.items():
        if fieldname not in columns:
            add(
                rules.COLUMN_MISSING,
                later._("the {sheet} sheet has no '{column}' column.", sheet=word(spec.name), column=word(head)),
                first_cell,
                later._(
                    "add a column headed '{column}' next to the others (headings go in row {row})",
                    column=word(head),
                    row=row,
                ),
            )


class Table:
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
    def open(cls, sheet: Sheet, spec: schema.SheetSpec, shown: str, findings: list[Finding]) -> Table | None:
        """The sheet as a table, or None when it is empty (reported)."""
        found = find_headings(sheet, spec, shown, findings)
        return None if found is None else cls(sheet, spec, shown, findings, *found)

    # --- cells -----------------------------------------------------------------
    def error(
        self,
        fieldname: str,
        rule: Rule,
        message: str | Message,
        hint: str | Message | None = None,
        severity: Severity | None = None,
    ) -> None:
        """A finding of ``rule`` at the field's cell of the current row."""
        self.findings.append(
            Finding.of(
                rule, message, hint, severity=severity, file=self.shown, sheet=self.sheet.name, cell=self.ref(fieldname)
            )
        )

    def ref(self, fieldname: str) -> str:
        j = self.columns.get(fieldname)
        if j is None:
            return self.sheet.ref(self.row_index, 0)
        return self.sheet.ref(self.row_index, j)

    def heading(self, fieldname: str) -> str:
        return next(h for h, f in self.spec.columns.items() if f == fieldname)

    def column(self, fieldname: str) -> Message:
        """The field's heading as messages name it: as the officer's sheet writes it where the
        sheet has the column (an English heading in a German report stays "Unit"), else the
        format's word in the language spoken."""
        j = self.columns.get(fieldname)
        written = self.sheet.rows[self.header][j] if j is not None and j < len(self.sheet.rows[self.header]) else ""
        if isinstance(written, str) and written.strip():
            return Message.text(" ".join(written.split()))
        return word(self.heading(fieldname))

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
                rules.FORMULA_UNCACHED,
                later._("this formula has no saved result: the file was written by a program that does not calculate."),
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
                    rules.VALUE_MISSING,
                    later._("'{column}' is empty.", column=self.column(fieldname)),
                    later._(
                        "every row of the {sheet} sheet needs a {column}",
                        sheet=Message.text(self.sheet.name),
                        column=self.column(fieldname),
                    ),
                )
            return None
        return text

    def _filled(self, row: list[Any], fieldname: str, required: bool, hint: Message) -> Any:
        """The cell's raw value, or None when it is blank (reported when required) or
        an uncached formula (reported by :meth:`raw`)."""
        value = self.raw(row, fieldname)
        if value is not None and is_blank(value):
            if required and fieldname in self.columns:
                self.error(
                    fieldname, rules.VALUE_MISSING, later._("'{column}' is empty.", column=self.column(fieldname)), hint
                )
            return None
        return value

    def _typed(
        self, row: list[Any], fieldname: str, required: bool, hint: Message, rule: Rule, parse: Callable[[Any], Any]
    ) -> Any:
        """The cell read by ``parse``; None when blank (reported when required) or when
        ``parse`` refuses it (reported under ``rule``)."""
        value = self._filled(row, fieldname, required, hint)
        if value is None:
            return None
        try:
            return parse(value)
        except ValueProblem as p:
            problem = later._("{column}: {problem}", column=self.column(fieldname), problem=p.message)
            self.error(fieldname, rule, problem, p.hint)
            return None

    def number(self, row: list[Any], fieldname: str, required: bool = False) -> float | None:
        return self._typed(
            row,
            fieldname,
            required,
            later._("enter a number, or delete the row if there is no value"),
            rules.NUMBER_INVALID,
            parse_number,
        )

    def year(self, row: list[Any], fieldname: str, required: bool = False) -> int | None:
        return self._typed(
            row,
            fieldname,
            required,
            later._("enter the year as four digits, e.g. 2021"),
            rules.YEAR_INVALID,
            parse_year,
        )

    def period(self, row: list[Any], fieldname: str, required: bool = False) -> Period | None:
        return self._typed(
            row,
            fieldname,
            required,
            later._("enter the year as four digits, e.g. 2021, or a period such as 2019/20"),
            rules.YEAR_INVALID,
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
                    rules.CODE_AS_NUMBER,
                    later._("{code} is stored as a number; if you meant {code}0, Excel dropped the zero.", code=code),
                    later._(
                        "format the '{column}' column as Text and type the codes again", column=self.column(fieldname)
                    ),
                )
            return [code]
        items = [normalise_code(c) for c in split_list(value)]
        if not items and required and fieldname in self.columns:
            self.error(
                fieldname,
                rules.VALUE_MISSING,
                later._("'{column}' is empty.", column=self.column(fieldname)),
                later._("list the SDG targets, separated by commas, e.g. 11.2, 13.2"),
            )
        return items

    def ids(self, row: list[Any], fieldname: str) -> list[str]:
        value = self.raw(row, fieldname)
        return split_ids(value) if value is not None else []

    def choice(self, row: list[Any], fieldname: str, allowed: tuple[str, ...], rule: Rule) -> str | None:
        text = self.text(row, fieldname, required=fieldname in self.spec.required.values())
        if text is None:
            return None
        option = english(text, allowed)  # in any language vlr reads workbooks in
        if option is not None:
            return option
        self.error(
            fieldname,
            rule,
            later._(
                "{column} '{value}' is not one of: {allowed}.",
                column=self.column(fieldname),
                value=quote(text),
                allowed=[word(a) for a in allowed],
            ),
            later._("write one of {allowed}", allowed=[word(a) for a in allowed]),
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

    def read_into(self, make: Callable[[Table, list[Any], int], Any], into: list) -> None:
        for i, row in self.rows():
            record = make(self, row, self.row_number(i))
            if record is not None:
                into.append(record)
