"""Open SDG data repositories made into vlr workbooks: ``vlr import open-sdg``.

A city or country that runs an Open SDG site keeps its data in a repository laid out as
`sdg-build <https://github.com/open-sdg/sdg-build>`_ reads it:

- ``data/indicator_11-1-1.csv`` (or ``data/11-1-1.csv``): ``Year``, ``Value`` and any
  breakdown columns (``Sex``, ``Age``, ``Ward``…), often ``Units`` and ``Series``, SDMX
  attributes (``OBS_STATUS``, ``UNIT_MULT``, ``GeoCode``…);
- metadata in ``meta/11-1-1.md`` (YAML front matter) or ``meta/11-1-1.yml``, or
  ``csv-meta/11-1-1.csv`` (field, value) translated by ``metadata-mapping.csv``; Bristol
  style repositories also keep global fields in ``global-meta/``;
- names of local indicators in ``translations/en/*.yml``.

What becomes of it:

- **Indicators**: one per data file with data. The ID is the code with dots (``11.1.1``,
  ``11.1.1.a``); ``SDG targets`` from the code where the framework has that target (a
  goal-level code such as ``10.x.1`` gives the goal, which validation flags); ``SDG
  indicator`` only where the code is an official one; name, unit, source from the
  metadata; a numeric ``national_target_line`` becomes the target value. Direction is left
  empty: Open SDG has none, and vlr never guesses one.
- **Data**: every row with a value; the period as written; breakdown columns joined into
  the Series label (``Sex: Female; Age: 16-24``, or just ``Female`` where the file has one
  breakdown column); ``Units`` into the row's Unit; SDMX attribute columns dropped.
  Rows without a value (empty, ``n/a``), rows whose year is no period and repeated rows
  are left out and counted.
- **Skipped files**, each with its reason: the template's placeholder files
  (``Year,Group,Value`` with groups A/B for 2015–16), demo files, non-statistical
  indicators, files with no value.

The Review sheet gets what the options give; what only the officer knows is listed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from vlr.exceptions import UnreadableInput, ValueProblem
from vlr.framework.catalogue import Framework
from vlr.model.periods import parse_period
from vlr.values import clean_text, parse_number
from vlr.workbook.schema import ACTIONS, DATA, INDICATORS, NARRATIVES, REVIEW

#: Columns that describe an observation rather than break it down (SDMX attributes,
#: map codes): dropped.
ATTRIBUTE_COLUMNS = frozenset(
    {
        "obs_status",
        "observation status",
        "unit_mult",
        "unit multiplier",
        "comment_obs",
        "comment",
        "geocode",
        "geo code",
        "geography code",
        "ref_area",
        "reporting_type",
        "nature",
        "time_detail",
        "source_detail",
        "upper_bound",
        "lower_bound",
        "base_period",
        "time_coverage",
        "obs_value_type",
    }
)
#: Columns that hold the unit of the row.
UNIT_COLUMNS = ("units", "unit", "unit of measurement", "unit_measure", "unit measure")
#: Values that mean "no value".
NO_VALUE = frozenset({"", "n/a", "na", "-", "..", ".", "x", "null", "none", "nan", ":"})
#: Metadata fields that hold the indicator's name, best first.
NAME_FIELDS = ("indicator_name_national", "indicator_name", "graph_title", "indicator_available", "title")

_FILE = re.compile(r"(?:indicator_)?(\d{1,2}(?:[-_][0-9a-z]{1,3}){1,4})\.csv", re.IGNORECASE)
_PLACEHOLDER_GROUPS = {"", "A", "B"}
_NUMBER_TARGET = re.compile(r"[-+]?\d[\d ,.]*%?")


@dataclass
class Skipped:
    file: str
    reason: str


@dataclass
class ImportedIndicator:
    id: str
    name: str
    unit: str
    targets: list[str]
    official: str | None
    source: str | None
    target_value: float | None
    rows: list[list]  # Data rows: Indicator ID, Year, Value, Series, Unit, Note
    file: str
    dropped: dict[str, int] = field(default_factory=dict)
    #: Rows moved to a series of their own: their kind of period overlapped the rest.
    moved: int = 0


@dataclass
class OpenSdgImport:
    """What was read from one repository."""

    source: Path
    indicators: list[ImportedIndicator] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    #: Review fields left for the officer.
    to_fill: list[str] = field(default_factory=list)

    @property
    def data_rows(self) -> int:
        return sum(len(i.rows) for i in self.indicators)


# --- reading files ---------------------------------------------------------------------


def _text(path: Path) -> str:
    """A text file as sdg-build reads it: UTF-8 with or without BOM (else Windows-1252),
    any line ending."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _csv_rows(path: Path) -> list[list[str]]:
    return [row for row in csv.reader(io.StringIO(_text(path))) if any(c.strip() for c in row)]


def _yaml(text: str) -> dict:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _front_matter(text: str) -> dict:
    if not text.lstrip().startswith("---"):
        return _yaml(text)
    parts = text.lstrip().split("\n---", 1)
    return _yaml(parts[0][3:]) if parts else {}


class _Metadata:
    """Every metadata source of a repository, by dashed code (``11-1-1``)."""

    def __init__(self, root: Path):
        self.by_code: dict[str, dict] = {}
        mapping = {}
        if (root / "metadata-mapping.csv").is_file():
            for row in _csv_rows(root / "metadata-mapping.csv"):
                if len(row) >= 2:
                    mapping[clean_text(row[0])] = clean_text(row[1])
        for folder in ("global-meta", "meta"):  # the local meta overrides the global one
            for path in sorted((root / folder).glob("*")) if (root / folder).is_dir() else []:
                if path.suffix.lower() in (".md", ".yml", ".yaml"):
                    self._add(path.stem, _front_matter(_text(path)))
        if (root / "csv-meta").is_dir():
            for path in sorted((root / "csv-meta").glob("*.csv")):
                fields = {}
                for row in _csv_rows(path):
                    if len(row) >= 2 and clean_text(row[1]):
                        key = clean_text(row[0])
                        fields[mapping.get(key, key)] = clean_text(row[1])
                self._add(path.stem, fields)
        self.translations: dict[str, str] = {}
        for folder in (root / "translations" / "en", root / "translations"):
            for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
                group = path.stem
                for key, value in _yaml(_text(path)).items():
                    if isinstance(value, str):
                        self.translations.setdefault(f"{group}.{key}", value)
                        self.translations.setdefault(str(key), value)

    def _add(self, code: str, fields: dict) -> None:
        if fields:
            self.by_code.setdefault(code.casefold(), {}).update(
                {str(k): v for k, v in fields.items() if v not in (None, "")}
            )

    def get(self, code: str) -> dict:
        return self.by_code.get(code.casefold(), {})

    def translate(self, value) -> str | None:
        """A metadata text, with a translation key (``global_indicators.1-1-1-title``) resolved."""
        if value is None:
            return None
        text = clean_text(value)
        if re.fullmatch(r"[\w-]+\.[\w.-]+", text) and " " not in text:
            return self.translations.get(text) or self.translations.get(text.split(".", 1)[1])
        return text or None


def is_repository(path: Path) -> bool:
    data = path / "data"
    return data.is_dir() and any(_FILE.fullmatch(p.name) for p in data.iterdir())


# --- one indicator ---------------------------------------------------------------------


def _code(dashed: str) -> str:
    """``11-1-1-a`` → ``11.1.1.a``."""
    return dashed.lower().replace("-", ".")


def _targets(code: str, fw: Framework) -> tuple[list[str], str | None]:
    """SDG targets (from the code) and the official indicator, where the code is one."""
    official = code if fw.indicator(code) else None
    if official:
        return [code.rsplit(".", 1)[0]], official
    parts = code.split(".")
    target = ".".join(parts[:2])
    if len(parts) >= 2 and fw.target(target):
        return [target], None
    return [parts[0]], None


def _is_placeholder(header: list[str], rows: list[list[str]]) -> bool:
    if [h.strip().casefold() for h in header] != ["year", "group", "value"]:
        return False
    return all(r[0].strip() in ("2015", "2016") and r[1].strip() in _PLACEHOLDER_GROUPS for r in rows if len(r) >= 2)


def _target_number(text: str | None) -> float | None:
    if not text or not _NUMBER_TARGET.fullmatch(text.strip()):
        return None
    try:
        return parse_number(text)
    except ValueProblem:
        return None


def _is_true(value) -> bool:
    return value is True or str(value).strip().casefold() in ("true", "yes", "y", "1")


def _indicator(
    path: Path, dashed: str, meta: _Metadata, fw: Framework, result: OpenSdgImport, shown: str
) -> ImportedIndicator | None:
    fields = meta.get(dashed)
    rows = _csv_rows(path)
    header = [clean_text(h) for h in rows[0]] if rows else []
    folded = [h.casefold() for h in header]
    why = _not_data(header, rows[1:], folded, fields) if rows else "the file is empty"
    if why:
        result.skipped.append(Skipped(shown, why))
        return None
    code = _code(dashed)
    name = (
        next((n for n in (meta.translate(fields.get(f)) for f in NAME_FIELDS) if n), None)
        or meta.translations.get(f"{dashed}-title")
        or (fw.indicator(code).text if fw.indicator(code) else None)
        or f"Indicator {code}"
    )
    unit = meta.translate(fields.get("computation_units")) or None
    targets, official = _targets(code, fw)
    source = meta.translate(fields.get("source_organisation_1")) or None
    out, dropped, row_units = _values(code, header, folded, rows[1:])
    if not out:
        why = ", ".join(f"{n} with {k}" for k, n in dropped.items()) or "no rows"
        result.skipped.append(Skipped(shown, f"no value to import ({why})"))
        return None
    moved = _split_mixed_periods(out)
    if unit is None:
        unit = next((u for u in row_units if u), None) or "(unit not given)"
    # Rows in the indicator's own unit need no Unit of their own.
    for r in out:
        if r[4] == unit:
            r[4] = None
    target = _target_number(meta.translate(fields.get("national_target_line")))
    return ImportedIndicator(code, name, unit, targets, official, source, target, out, shown, dropped, moved)


def _not_data(header: list[str], body: list[list], folded: list[str], fields: dict) -> str | None:
    """Why a data file holds no indicator's data to import, or None when it does."""
    if "year" not in folded or "value" not in folded:
        return "no Year and Value columns: not an Open SDG data file"
    if _is_placeholder(header, body):
        return "a placeholder left from the Open SDG template (groups A and B, 2015-16)"
    if {"planet", "fruit"} <= set(folded):
        return "demo data of the Open SDG template"
    if _is_true(fields.get("data_non_statistical")):
        return "a non-statistical indicator (its page has text, not data)"
    return None


def _values(
    code: str, header: list[str], folded: list[str], body: list[list]
) -> tuple[list[list], dict[str, int], list[str | None]]:
    """The Data rows of one file (code, period, value, series label, unit), what was left out
    and why (counted), and each row's unit as the file gives it."""
    year_col, value_col = folded.index("year"), folded.index("value")
    unit_col = next((folded.index(u) for u in UNIT_COLUMNS if u in folded), None)
    breakdowns = [
        j
        for j, h in enumerate(folded)
        if j not in (year_col, value_col, unit_col) and h not in ATTRIBUTE_COLUMNS and h not in UNIT_COLUMNS and h
    ]
    out: list[list] = []
    dropped: dict[str, int] = {}
    seen: dict[tuple, float] = {}
    row_units = []
    for row in body:
        cells = [clean_text(c) for c in row] + [""] * (len(header) - len(row))
        raw_value = cells[value_col]
        if raw_value.casefold() in NO_VALUE:
            dropped["no value"] = dropped.get("no value", 0) + 1
            continue
        try:
            value = parse_number(raw_value)
        except ValueProblem:
            dropped["a value that is not a number"] = dropped.get("a value that is not a number", 0) + 1
            continue
        try:
            period = parse_period(cells[year_col])
        except ValueProblem:
            dropped["a year that is no year or period"] = dropped.get("a year that is no year or period", 0) + 1
            continue
        parts = [(header[j], cells[j]) for j in breakdowns if cells[j]]
        if len(breakdowns) == 1:
            label = parts[0][1] if parts else None
        else:
            label = "; ".join(f"{h}: {v}" for h, v in parts) or None
        row_unit = cells[unit_col] if unit_col is not None and cells[unit_col] else None
        key = (period.start, period.end, period.kind, label, row_unit)
        if key in seen:
            why = (
                "a repeated row"
                if seen[key] == value
                else "a second, different value for the same period and series (the first is kept)"
            )
            dropped[why] = dropped.get(why, 0) + 1
            continue
        seen[key] = value
        row_units.append(row_unit)
        out.append([code, cells[year_col] if not period.plain else period.year, value, label, row_unit])
    return out, dropped, row_units


def _split_mixed_periods(rows: list[list]) -> int:
    """A series that mixes overlapping kinds of period (``2016`` beside ``2016-2017``)
    has no order in time: the rows of every kind but the series' most common one move to
    a series of their own, labelled with the kind (``Total (year)``); on a tie, the kind of
    the latest period keeps the series."""
    from vlr.model.periods import overlap_conflicts

    by_series: dict[tuple, list[list]] = {}
    for r in rows:
        by_series.setdefault((r[3], r[4]), []).append(r)
    moved = 0
    for (label, _unit), members in by_series.items():
        placed = [(parse_period(r[1]) if isinstance(r[1], str) else parse_period(int(r[1])), r) for r in members]
        if not overlap_conflicts(placed):
            continue
        counts: dict[str, tuple[int, float]] = {}
        for period, _ in placed:
            n, end = counts.get(period.granularity, (0, 0.0))
            counts[period.granularity] = (n + 1, max(end, period.end))
        main = max(counts, key=lambda g: counts[g])  # the commonest kind; on a tie, the most recent
        for period, r in placed:
            if period.granularity != main:
                r[3] = f"{label or 'Total'} ({period.granularity})"
                moved += 1
    return moved


# --- the repository ---------------------------------------------------------------------


def read_repository(
    source: str | Path, fw: Framework, *, city: str | None = None, country: str | None = None, year: int | None = None
) -> OpenSdgImport:
    """Read the Open SDG repository at ``source``. Raises :class:`UnreadableInput` when
    it is not one."""
    root = Path(source)
    if not root.is_dir():
        raise UnreadableInput(f"{root}: no such folder (give the folder of an Open SDG data repository).")
    if not is_repository(root):
        if (root / "config_data.yml").is_file() or (root / "meta").is_dir():
            other = [p.name for p in sorted(root.glob("*")) if p.is_dir() and "sdmx" in p.name.lower()]
            where = f" (its data is in {other[0]}/, as SDMX)" if other else ""
            raise UnreadableInput(
                f"{root}: an Open SDG repository, but without data/indicator_*.csv files{where}; "
                "vlr imports the CSV layout only."
            )
        raise UnreadableInput(f"{root}: not an Open SDG data repository (it has no data/indicator_*.csv files).")
    meta = _Metadata(root)
    result = OpenSdgImport(root)
    taken: set[str] = set()
    for path in sorted((root / "data").iterdir(), key=lambda p: _sort_key(p.name)):
        shown = f"data/{path.name}"
        m = _FILE.fullmatch(path.name)
        if not path.is_file():
            continue
        if not m:
            reason = (
                "demo data of the Open SDG template"
                if "demo" in path.name.casefold()
                else "not an indicator data file (its name is not indicator_G-T-I.csv)"
            )
            result.skipped.append(Skipped(shown, reason))
            continue
        dashed = m.group(1).lower().replace("_", "-")
        if _code(dashed) in taken:
            result.skipped.append(Skipped(shown, f"a second file for {_code(dashed)}"))
            continue
        indicator = _indicator(path, dashed, meta, fw, result, shown)
        if indicator is not None:
            taken.add(indicator.id)
            result.indicators.append(indicator)
    result.to_fill = [f for f, given in (("City", city), ("Country", country)) if not given]
    if not result.indicators:
        raise UnreadableInput(
            f"{root}: no indicator with data to import (all {len(result.skipped)} data files "
            "were placeholders, demo, non-statistical or empty)."
        )
    return result


def _sort_key(name: str) -> tuple:
    m = _FILE.fullmatch(name)
    if not m:
        return (1, name)
    return (0, [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in m.group(1).lower().split("-")])


def workbooks(
    imported: OpenSdgImport, *, city: str | None, country: str | None, year: int | None, language: str = "en"
) -> dict[str, dict[str, list[list]]]:
    """The vlr workbooks of an import: ``review.xlsx`` (Review, Actions and Narratives
    for the officer) and ``open-sdg.xlsx`` (Indicators and Data)."""
    year = year or dt.date.today().year
    latest = max(
        (r[1] if isinstance(r[1], int) else parse_period(r[1]).year) for i in imported.indicators for r in i.rows
    )
    year = max(year, latest)
    review = [
        list(REVIEW.columns),
        ["City", city or "(to fill in)"],
        ["Country", country or "(to fill in)"],
        ["Year", year],
        ["Language", language],
        ["Title", f"{city} Voluntary Local Review {year}" if city else None],
    ]
    review = [r for r in review if r[1] is not None]
    indicators = [list(INDICATORS.columns)]
    data = [["Indicator ID", "Year", "Value", "Series", "Unit", "Note", "Source"]]
    columns = list(INDICATORS.columns)
    for ind in imported.indicators:
        row = dict.fromkeys(columns)
        row.update(
            {
                "Indicator ID": ind.id,
                "Name": ind.name,
                "Unit": ind.unit,
                "Direction": None,
                "SDG targets": ", ".join(ind.targets),
                "SDG indicator": ind.official,
                "Source": ind.source,
                "Target value": ind.target_value,
                "Target year": 2030 if ind.target_value is not None else None,
            }
        )
        indicators.append([row[c] for c in columns])
        for code, period, value, label, unit in ind.rows:
            data.append([code, period, value, label, unit, None, None])
    assert set(DATA.columns) >= {"Indicator ID", "Year", "Value", "Series", "Unit", "Note", "Source"}
    return {
        "review.xlsx": {"Review": review, "Actions": [list(ACTIONS.columns)], "Narratives": [list(NARRATIVES.columns)]},
        "open-sdg.xlsx": {"Indicators": indicators, "Data": data},
    }


WIDTHS = {
    "Review": [18, 40],
    "Actions": [12, 40, 16, 16, 40, 20, 12, 10, 10, 30],
    "Indicators": [12, 50, 20, 12, 14, 14, 12, 10, 10, 10, 10, 30, 20, 16],
    "Data": [12, 12, 12, 40, 24, 20, 20],
    "Narratives": [16, 80],
}
