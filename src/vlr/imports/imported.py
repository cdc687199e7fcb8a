"""What an import made of its source, whatever the source's format: the indicators with their
Data rows, the files skipped, the rows left out by reason, and the workbooks they become.

The readers (:mod:`vlr.imports.open_sdg`, :mod:`vlr.imports.sdmx_data`) fill an :class:`Import`;
:func:`workbooks` turns it into vlr's workbooks, which :mod:`vlr.workbook.writer` writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from vlr.framework.catalogue import Framework
from vlr.model.periods import parse_period
from vlr.workbook.schema import ACTIONS, DATA, INDICATORS, NARRATIVES, REVIEW


@dataclass
class Skipped:
    file: str
    reason: str


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
    dropped: dict[str, int] = field(default_factory=dict)
    #: Rows moved to a series of their own: their kind of period overlapped the rest.
    moved: int = 0
    direction: str | None = None
    headline: str | None = None
    #: Reason → where in the file the first row left out for it is: a line, or a key.
    examples: dict[str, int | str] = field(default_factory=dict)
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
    #: What :attr:`source_rows` counts, in words, and the workbook the data go to.
    counted: str = "Rows: {n} in the data files"
    book: str = "open-sdg.xlsx"
    #: Rows of skipped files, by the file's reason: count and the first file.
    skipped_rows: dict[str, list] = field(default_factory=dict)
    #: Area values (case-folded) that may name the review's own area: its city, then its country.
    own_areas: list[str] = field(default_factory=list)
    #: Rows left out before they had an indicator, by reason: count and where the first is.
    dropped: dict[str, list] = field(default_factory=dict)
    #: What the officer should know of the import, in sentences.
    notes: list[str] = field(default_factory=list)
    #: How many data files were read.
    files: int = 0
    #: Indicators every value of which is for a named place, none the review's own: (ID, places).
    placed_only: list[tuple[str, list[str]]] = field(default_factory=list)

    def drop(self, why: str, where: str, n: int = 1) -> None:
        count, first = self.dropped.get(why, (0, where))
        self.dropped[why] = [count + n, first]

    @property
    def data_rows(self) -> int:
        return sum(len(i.rows) for i in self.indicators)

    def left_out(self) -> dict[str, tuple[int, str]]:
        """Every reason a row was left out: how many, and the first (file and line)."""
        found: dict[str, tuple[int, str]] = {}
        for ind in self.indicators:
            for why, n in ind.dropped.items():
                count, example = found.get(why, (0, f"{ind.file} {_where(ind.examples.get(why, '?'))}"))
                found[why] = (count + n, example)
        for why, (n, example) in self.dropped.items():
            count, first = found.get(why, (0, example))
            found[why] = (count + n, first)
        for why, (n, example) in self.skipped_rows.items():
            found[f"in a file not imported: {why}"] = (n, example)
        return found

    def reconciliation(self) -> list[str]:
        """Rows in the source = rows imported + rows left out by reason, in words."""
        left = self.left_out()
        total = sum(n for n, _ in left.values())
        lines = [
            self.counted.format(n=self.source_rows)
            + f" = {self.data_rows} imported + {total} left out"
            + ("" if self.source_rows == self.data_rows + total else " (THESE DO NOT ADD UP)")
            + (":" if left else ".")
        ]
        lines += [
            f"  {n} {'' if why.startswith('in a ') else 'with '}{why} (first: {example})"
            for why, (n, example) in sorted(left.items())
        ]
        helpers: dict[str, list[str]] = {}
        for ind in self.indicators:
            for column in ind.helpers:
                helpers.setdefault(column, []).append(ind.file)
        if helpers:
            lines.append(
                "Columns left out (neither a breakdown nor an attribute vlr knows): "
                + "; ".join(f"{c} ({_files(files)})" for c, files in helpers.items())
                + "."
            )
        return lines

    @property
    def directions(self) -> int:
        """How many indicators got a Direction from their progress options."""
        return sum(1 for i in self.indicators if i.direction)


def code_order(code: str) -> list:
    """An indicator code's place among others: ``1.2.1`` before ``1.10.1``, numbers before letters."""
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.replace("-", ".").lower().split(".")]


def _where(place: int | str) -> str:
    return f"line {place}" if isinstance(place, int) else place


def _files(files: list[str]) -> str:
    return f"{len(files)} file{'s' if len(files) != 1 else ''}, first {files[0]}"


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


def count_skipped(result: Import, why: str, shown: str, n: int, place: int | str | None = None) -> None:
    """Count ``n`` rows of a file not imported, for ``why``; ``place``: the first's line or key."""
    if n:
        count, first = result.skipped_rows.get(why, (0, shown + (f" {_where(place)}" if place else "")))
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
