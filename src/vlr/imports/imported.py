"""What an import made of its source, whatever the source's format: the indicators with their
Data rows, the files skipped, the rows left out by reason, and the workbooks they become.

The readers (:mod:`vlr.imports.open_sdg`, :mod:`vlr.imports.sdmx_data`) fill an :class:`Import`;
:func:`workbooks` turns it into vlr's workbooks, which :mod:`vlr.workbook.writer` writes.

The reasons rows and files were left out, the notes and where the first row of a reason is
are made while the source is read, before the report's language is known: each is a
:class:`Said` (made with the markers of :data:`said`, ``said._("no value")``), said in the
language spoken when the report shows it (:mod:`vlr.reports.terminal`), and in English in
the JSON, whose reasons CI scripts group by.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vlr.findings import Message
from vlr.formatting import N_, _, n_, speaking
from vlr.framework.catalogue import Framework
from vlr.model.periods import parse_period
from vlr.workbook.schema import ACTIONS, DATA, INDICATORS, NARRATIVES, REVIEW


class Said(Message):
    """A message of an import (a reason rows or a file were left out, a note, the place of the
    first row left out), said in the language spoken when it is shown. It compares, hashes and
    contains (``in``) as its English: a reason is known by its English, as the JSON's
    ``reason`` and a script grouping by it know it, and ``reasons[key] == "a repeated row"``
    holds in every language. Never mixed with plain :class:`~vlr.findings.Message` keys."""

    __slots__ = ("_english",)

    @property
    def english(self) -> str:
        """The message in English (its arguments too), as the JSON says it."""
        try:
            return self._english
        except AttributeError:
            with speaking("en"):
                self._english = str(self)
            return self._english

    def __eq__(self, other: object) -> bool:
        if isinstance(other, str):
            return self.english == other
        return super().__eq__(other)

    def __hash__(self) -> int:
        return hash(self.english)

    def __contains__(self, text: str) -> bool:
        return text in self.english


class _Saying:
    """The markers of an import's messages, as :data:`vlr.findings.later`'s (``make catalogues``
    extracts ``_`` and ``n_``), each giving a :class:`Said`."""

    @staticmethod
    def _(message: str, /, **args: Any) -> Said:
        return Said(message, args)

    @staticmethod
    def n_(singular: str, plural: str, count: int, /, **args: Any) -> Said:
        """With ``{n}`` the count, unless ``args`` give it."""
        return Said(singular, args, plural=plural, count=count)


#: ``said._("…", name=value)``: a message of the import, said in the language of its report.
said = _Saying()


class Listed:
    """Items (messages or texts) said one after another in the language spoken, separated by
    ``"; "``: the argument of a message that names several reasons."""

    __slots__ = ("items",)

    def __init__(self, items):
        self.items = tuple(items)

    def __str__(self) -> str:
        return "; ".join(map(str, self.items))

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Listed) and self.items == other.items

    def __hash__(self) -> int:
        return hash(self.items)

    def __repr__(self) -> str:
        return f"Listed({list(self.items)!r})"


def english(text: Said | str) -> str:
    """A reason, a note or a place in English (the JSON's words); a text as it is."""
    if isinstance(text, Said):
        return text.english
    with speaking("en"):
        return str(text)


def some(items: list[str], shown: int) -> str | Said:
    """The first ``shown`` of ``items``, separated by commas, and how many more there are."""
    listed = ", ".join(items[:shown])
    if len(items) <= shown:
        return listed
    rest = len(items) - shown
    return said.n_("{items} and {n} more", "{items} and {n} more", rest, items=listed)


def first_at(file: str, place: int | str | None = None) -> str | Said:
    """Where the first row left out for a reason is: its file, and a line (a number) or a key."""
    if place is None or place == "":
        return file
    if isinstance(place, int):
        return said._("{file} line {line}", file=file, line=place)
    return f"{file} {place}"


#: The reconciliation's first line of an Open SDG repository: when its numbers add up, and not.
ROWS = (
    N_("Rows: {n} in the data files = {imported} imported + {left} left out"),
    N_("Rows: {n} in the data files = {imported} imported + {left} left out (THESE DO NOT ADD UP)"),
)
#: ... and of SDMX files.
OBSERVATIONS = (
    N_("Observations: {n} in the SDMX files = {imported} imported + {left} left out"),
    N_("Observations: {n} in the SDMX files = {imported} imported + {left} left out (THESE DO NOT ADD UP)"),
)
#: The reason rows of a file skipped are left out for: the file's.
IN_SKIPPED_FILE = "in a file not imported: {reason}"


def in_skipped_file(reason: Said) -> Said:
    return said._("in a file not imported: {reason}", reason=reason)


@dataclass
class Skipped:
    file: str
    reason: Said


@dataclass
class ImportedIndicator:
    id: str
    name: str
    unit: str | None
    targets: list[str]
    official: str | None
    source: str | None
    target_value: float | None
    #: Data rows: Indicator ID, Year, Value, Series, Unit, Note, Area and, where the source gives
    #: one per value, its Source.
    rows: list[list]
    file: str
    dropped: dict[Said, int] = field(default_factory=dict)
    #: Rows moved to a series of their own: their kind of period overlapped the rest.
    moved: int = 0
    direction: str | None = None
    headline: str | None = None
    #: Reason → where in the file the first row left out for it is: a line, or a key.
    examples: dict[Said, int | str] = field(default_factory=dict)
    #: Columns left out: neither a breakdown nor an attribute vlr knows.
    helpers: list[str] = field(default_factory=list)


@dataclass
class Import:
    """What was read from one source (a repository, SDMX files)."""

    source: Path
    indicators: list[ImportedIndicator] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    #: Review fields left for the officer.
    to_fill: list[str] = field(default_factory=list)
    #: Data rows (not blank, below the heading) in the repository's CSV data files, or the
    #: observations in the SDMX files.
    source_rows: int = 0
    #: What :attr:`source_rows` counts, as the reconciliation's first line says it (:data:`ROWS`,
    #: :data:`OBSERVATIONS`), and the workbook the data go to.
    counted: tuple[str, str] = ROWS
    book: str = "open-sdg.xlsx"
    #: Rows of skipped files, by the file's reason: count and the first file.
    skipped_rows: dict[Said, list] = field(default_factory=dict)
    #: Area values (case-folded) that may name the review's own area: its city, then its country.
    own_areas: list[str] = field(default_factory=list)
    #: Rows left out before they had an indicator, by reason: count and where the first is.
    dropped: dict[Said, list] = field(default_factory=dict)
    #: What the officer should know of the import, in sentences.
    notes: list[Said] = field(default_factory=list)
    #: How many data files were read.
    files: int = 0
    #: Indicators every value of which is for a named place, none the review's own: (ID, places).
    placed_only: list[tuple[str, list[str]]] = field(default_factory=list)

    def drop(self, why: Said, where: str | Said, n: int = 1) -> None:
        count, first = self.dropped.get(why, (0, where))
        self.dropped[why] = [count + n, first]

    @property
    def data_rows(self) -> int:
        return sum(len(i.rows) for i in self.indicators)

    def left_out(self) -> dict[Said, tuple[int, str | Said]]:
        """Every reason a row was left out: how many, and the first (file and line)."""
        found: dict[Said, tuple[int, str | Said]] = {}
        for ind in self.indicators:
            for why, n in ind.dropped.items():
                count, example = found.get(why, (0, first_at(ind.file, ind.examples.get(why, "?"))))
                found[why] = (count + n, example)
        for why, (n, example) in self.dropped.items():
            count, first = found.get(why, (0, example))
            found[why] = (count + n, first)
        for why, (n, example) in self.skipped_rows.items():
            found[in_skipped_file(why)] = (n, example)
        return found

    def reconciliation(self) -> list[str]:
        """Rows in the source = rows imported + rows left out by reason, in words (the
        language spoken); the reasons in the order of their English, as the JSON lists them."""
        left = self.left_out()
        total = sum(n for n, _first in left.values())
        adds_up = self.source_rows == self.data_rows + total
        head = _(self.counted[0 if adds_up else 1]).format(n=self.source_rows, imported=self.data_rows, left=total)
        lines = [head + (":" if left else ".")]
        for why, (n, example) in sorted(left.items(), key=lambda item: item[0].english):
            if why.id == IN_SKIPPED_FILE:
                line = n_(
                    "{n} in a file not imported: {reason} (first: {first})",
                    "{n} in a file not imported: {reason} (first: {first})",
                    n,
                )
                why = why.args["reason"]
            else:
                line = n_("{n} with {reason} (first: {first})", "{n} with {reason} (first: {first})", n)
            lines.append("  " + line.format(n=n, reason=why, first=example))
        helpers: dict[str, list[str]] = {}
        for ind in self.indicators:
            for column in ind.helpers:
                helpers.setdefault(column, []).append(ind.file)
        if helpers:
            columns = "; ".join(
                n_("{column} ({n} file, first {first})", "{column} ({n} files, first {first})", len(files)).format(
                    column=c, n=len(files), first=files[0]
                )
                for c, files in helpers.items()
            )
            lines.append(
                _("Columns left out (neither a breakdown nor an attribute vlr knows): {columns}.").format(
                    columns=columns
                )
            )
        return lines

    @property
    def directions(self) -> int:
        """How many indicators got a Direction from their progress options."""
        return sum(1 for i in self.indicators if i.direction)


def code_order(code: str) -> list:
    """An indicator code's place among others: ``1.2.1`` before ``1.10.1``, numbers before letters."""
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.replace("-", ".").lower().split(".")]


def targets_of(code: str, fw: Framework) -> tuple[list[str], str | None]:
    """SDG targets (from the code) and the official indicator, where the code is one."""
    official = code if fw.indicator(code) else None
    if official:
        return [code.rsplit(".", 1)[0]], official
    parts = code.split(".")
    target = ".".join(parts[:2])
    if len(parts) >= 2 and fw.target(target):
        return [target], None
    return [parts[0]], None


def count_skipped(result: Import, why: Said, shown: str, n: int, place: int | str | None = None) -> None:
    """Count ``n`` rows of a file not imported, for ``why``; ``place``: the first's line or key."""
    if n:
        count, first = result.skipped_rows.get(why, (0, first_at(shown, place)))
        result.skipped_rows[why] = [count + n, first]


def workbooks(
    imported: Import, *, city: str | None, country: str | None, year: int | None, language: str = "en"
) -> dict[str, dict[str, list[list]]]:
    """The vlr workbooks of an import: ``review.xlsx`` (Review, Actions and Narratives
    for the officer) and the import's own book (``open-sdg.xlsx``, ``sdmx.xlsx``: Indicators
    and Data)."""
    year = year or dt.date.today().year
    latest = max(
        (r[1] if isinstance(r[1], int) else parse_period(r[1]).year) for i in imported.indicators for r in i.rows
    )
    year = max(year, latest)
    review = [
        list(REVIEW.columns),
        # Left empty, never a placeholder: validation warns at the cell (place-missing).
        ["City", city],
        ["Country", country],
        ["Year", year],
        ["Language", language],
        ["Title", f"{city} Voluntary Local Review {year}" if city else None],
    ]
    review = [r for r in review if r[1] is not None or r[0] in ("City", "Country")]
    indicators = [list(INDICATORS.columns)]
    data = [["Indicator ID", "Year", "Value", "Series", "Area", "Unit", "Note", "Source"]]
    columns = list(INDICATORS.columns)
    for ind in imported.indicators:
        row = dict.fromkeys(columns)
        row.update(
            {
                "Indicator ID": ind.id,
                "Name": ind.name,
                "Unit": ind.unit,
                "Direction": ind.direction,
                "SDG targets": ", ".join(ind.targets),
                "SDG indicator": ind.official,
                "Source": ind.source,
                "Target value": ind.target_value,
                "Target year": 2030 if ind.target_value is not None else None,
                "Headline series": ind.headline,
            }
        )
        indicators.append([row[c] for c in columns])
        for code, period, value, label, unit, note, area, *source in ind.rows:
            data.append([code, period, value, label, area, unit, note, source[0] if source else None])
    assert set(DATA.columns) >= set(data[0])
    return {
        "review.xlsx": {"Review": review, "Actions": [list(ACTIONS.columns)], "Narratives": [list(NARRATIVES.columns)]},
        imported.book: {"Indicators": indicators, "Data": data},
    }


WIDTHS = {
    "Review": [18, 40],
    "Actions": [12, 40, 16, 16, 40, 20, 12, 10, 10, 30],
    "Indicators": [12, 50, 20, 12, 14, 14, 12, 10, 10, 10, 10, 30, 20, 16],
    "Data": [12, 12, 12, 40, 20, 24, 20, 20],
    "Narratives": [16, 80],
}


def write_import(imported: Import, folder, *, city: str | None, country: str | None, year: int | None, language: str):
    """Write the workbooks of ``imported`` into the new or empty ``folder``, whole or not at
    all (:func:`vlr.workbook.writer.write_folder`); returns ``imported``."""
    from vlr.workbook.writer import write_folder

    write_folder(folder, workbooks(imported, city=city, country=country, year=year, language=language), WIDTHS)
    return imported
