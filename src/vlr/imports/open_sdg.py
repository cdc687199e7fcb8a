"""Open SDG data repositories made into vlr workbooks: ``vlr import open-sdg``.

A city or country that runs an Open SDG site keeps its data in a repository laid out as
`sdg-build <https://github.com/open-sdg/sdg-build>`_ reads it:

- ``data/indicator_11-1-1.csv`` (or ``data/11-1-1.csv``): ``Year``, ``Value`` and any
  breakdown columns (``Sex``, ``Age``, ``Ward``…), often ``Units`` and ``Series``, SDMX
  attributes (``OBS_STATUS``, ``UNIT_MULT``, ``GeoCode``…);
- metadata in ``meta/11-1-1.md`` (YAML front matter) or ``meta/11-1-1.yml``, or
  ``csv-meta/11-1-1.csv`` (field, value) translated by ``metadata-mapping.csv``; Bristol
  style repositories also keep global fields in ``global-meta/``;
- indicator configuration in ``indicator-config/11-1-1.yml`` (unit, progress options, the
  series the chart starts with), merged with the metadata as sdg-build merges them
  (:mod:`vlr.imports.open_sdg_meta`);
- names of local indicators and labels of codes in ``translations/<language>/*.yml``.

What becomes of it:

- **Indicators**: one per data file with data. The ID is the code with dots (``11.1.1``,
  ``11.1.1.a``); ``SDG targets`` from the code where the framework has that target (a
  goal-level code such as ``10.x.1`` gives the goal, which validation flags); ``SDG
  indicator`` only where the code is an official one; name, unit, source from the
  metadata; ``progress_calculation_options`` give the Direction (``positive`` → increase,
  ``negative`` → decrease) and a numeric ``target`` the target value (for 2030), where an
  entry applies to the headline; else a numeric ``national_target_line`` is the target.
  Without them Direction is left empty: vlr never guesses one. ``data_start_values`` (the
  series Open SDG's chart starts with) choose the headline: its Series gives the
  indicator's unit, its breakdowns the ``Headline series``.
- **Data**: every row with a value, with its period, series, unit and scale
  (:mod:`vlr.imports.open_sdg_rows`); a row that cannot have all of them is left out
  and counted by reason, with the line of the first.
- **Skipped files**, each with its reason: the template's placeholder files
  (``Year,Group,Value`` with groups A/B for 2015–16), demo files, non-statistical
  indicators, files with no value.
- **Reconciliation**: the rows of the data files add up to the rows imported and the rows
  left out by reason (rows of skipped files under their file's reason).

The Review sheet gets what the options give; what only the officer knows is listed.
"""

from __future__ import annotations

import re
from pathlib import Path

from vlr.exceptions import UnreadableInput, ValueProblem
from vlr.formatting import _, n_
from vlr.framework.catalogue import Framework
from vlr.imports.imported import (
    Import,
    ImportedIndicator,
    Listed,
    Said,
    Skipped,
    code_order,
    count_skipped,
    english,
    said,
    targets_of,
)
from vlr.imports.open_sdg_meta import Metadata, csv_rows, progress_option, start_values
from vlr.imports.open_sdg_places import AREA_COLUMNS
from vlr.imports.open_sdg_rows import (
    SERIES_COLUMNS,
    FileRows,
    file_rows,
    label_of,
    sentinels,
    split_mixed_periods,
)
from vlr.inputs import within
from vlr.values import clean_text, parse_number

#: Metadata fields that hold the indicator's name, best first.
NAME_FIELDS = ("indicator_name_national", "indicator_name", "graph_title", "indicator_available", "title")

_FILE = re.compile(r"(?:indicator_)?(\d{1,2}(?:[-_][0-9a-z]{1,3}){1,4})\.csv", re.IGNORECASE)
_PLACEHOLDER_GROUPS = {"", "A", "B"}
_NUMBER_TARGET = re.compile(r"[-+]?\d[\d ,.]*%?")
#: The data files of the layout vlr imports, as the messages name them.
DATA_FILES = "data/indicator_*.csv"


# --- reading files ---------------------------------------------------------------------


def is_repository(path: Path) -> bool:
    data = path / "data"
    return data.is_dir() and any(_FILE.fullmatch(p.name) for p in data.iterdir())


# --- one indicator ---------------------------------------------------------------------


def _code(dashed: str) -> str:
    """``11-1-1-a`` → ``11.1.1.a``."""
    return dashed.lower().replace("-", ".")


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
    rows: list, dashed: str, meta: Metadata, fw: Framework, result: Import, shown: str
) -> ImportedIndicator | None:
    """The indicator of one data file, from its rows (:func:`csv_rows`), or None when skipped."""
    fields = meta.get(dashed)
    header = [meta.column_map.get(h, h) for h in (clean_text(h) for h in rows[0][1])] if rows else []
    folded = [h.casefold() for h in header]
    body = rows[1:]
    why = _not_data(header, [r for _, r in body], folded, fields) if rows else said._("the file is empty")
    if why:
        result.skipped.append(Skipped(shown, why))
        count_skipped(result, why, shown, len(body))
        return None
    code = _code(dashed)
    name = (
        next((n for n in (meta.translate(fields.get(f)) for f in NAME_FIELDS) if n), None)
        or meta.key(f"{dashed}-title")
        or (fw.indicator(code).text if fw.indicator(code) else None)
        or f"Indicator {code}"
    )
    given_unit = meta.translate(fields.get("computation_units")) or None
    targets, official = targets_of(code, fw)
    source = meta.translate(fields.get("source_organisation_1")) or None
    starts = {k.casefold(): v.casefold() for k, v in start_values(fields).items()}
    first_shown = frozenset(v for k, v in starts.items() if k in AREA_COLUMNS)
    found = file_rows(code, header, body, meta, given_unit, tuple(result.own_areas), first_shown, sentinels(fields))
    if not found.rows:
        # reasons only, no counts or lines: the files of one reason group in the report
        reasons = sorted(found.dropped, key=english)
        why = (
            said._("no value to import (rows with {reasons})", reasons=Listed(reasons))
            if reasons
            else said._("no value to import (no rows below the heading)")
        )
        result.skipped.append(Skipped(shown, why))
        for reason, n in found.dropped.items():
            count_skipped(
                result, said._("no value to import ({reason})", reason=reason), shown, n, found.examples[reason]
            )
        return None
    places = {r[6] for r in found.rows}
    if None not in places and len(places) > 1:
        result.placed_only.append((code, sorted(places)))
    moved = split_mixed_periods(found.rows)
    unit, series, headline = _headline(found, fields, meta, given_unit)
    # Rows in the indicator's own unit need no Unit of their own.
    for r in found.rows:
        if r[4] == unit:
            r[4] = None
    option = progress_option(fields, {series} if series else set(), {unit, given_unit} - {None})
    direction = {"positive": "increase", "negative": "decrease"}.get(
        str((option or {}).get("direction", "")).strip().casefold()
    )
    target = _target_number(str(option["target"])) if option and option.get("target") not in (None, "") else None
    if target is None:
        target = _target_number(meta.translate(fields.get("national_target_line")))
    ind = ImportedIndicator(
        code, name, unit, targets, official, source, target, found.rows, shown, found.dropped, moved
    )
    ind.direction, ind.headline, ind.examples, ind.helpers = direction, headline, found.examples, found.helpers
    return ind


def _headline(
    found: FileRows, fields: dict, meta: Metadata, given_unit: str | None
) -> tuple[str, str | None, str | None]:
    """The indicator's unit, the Series (as written) its headline is in and the
    ``Headline series`` label, from ``data_start_values`` where they name what the data has."""
    starts = {k.casefold(): v for k, v in start_values(fields).items()}
    series = next((v for k, v in starts.items() if k in SERIES_COLUMNS), None)
    units = [r[4] for r in found.rows]
    unit = None
    if series is not None and series in found.series:
        unit = units[found.series.index(series)]
    elif given_unit in units:
        unit, series = given_unit, found.series[units.index(given_unit)]
    elif units:
        unit, series = units[0], found.series[0]
    parts = [
        (words, meta.code(raw, starts[raw.casefold()])) for raw, words in found.breakdowns if raw.casefold() in starts
    ]
    label = label_of(parts, len(found.breakdowns)) if parts else None
    if label is not None and not any(r[3] == label and r[4] == unit for r in found.rows):
        label = None
    return unit or given_unit, series, label


#: A demo file of the Open SDG template, by its columns or by its name.
DEMO = said._("demo data of the Open SDG template")


def _not_data(header: list[str], body: list[list], folded: list[str], fields: dict) -> Said | None:
    """Why a data file holds no indicator's data to import, or None when it does."""
    if "year" not in folded or "value" not in folded:
        return said._("no {year} and {value} columns: not an Open SDG data file", year="Year", value="Value")
    if _is_placeholder(header, body):
        return said._("a placeholder left from the Open SDG template (groups A and B, 2015-16)")
    if {"planet", "fruit"} <= set(folded):
        return DEMO
    if _is_true(fields.get("data_non_statistical")):
        return said._(
            "marked non-statistical in its metadata ({setting}): its site shows none of its data",
            setting="data_non_statistical: true",
        )
    if str(fields.get("reporting_status", "")).strip().casefold() == "notstarted" and _all_zero(header, body, folded):
        return said._("a placeholder: {setting} and every value 0", setting="reporting_status notstarted")
    return None


def _all_zero(header: list[str], body: list[list], folded: list[str]) -> bool:
    j = folded.index("value")
    values = [r[j].strip() for r in body if j < len(r) and r[j].strip()]
    return bool(values) and all(v in ("0", "0.0") for v in values)


# --- the repository ---------------------------------------------------------------------


def read_repository(
    source: str | Path,
    fw: Framework,
    *,
    city: str | None = None,
    country: str | None = None,
    language: str = "en",
) -> Import:
    """Read the Open SDG repository at ``source`` (translations and translated metadata in
    ``language`` where it has them). Raises :class:`UnreadableInput` when it is not one."""
    root = Path(source)
    if not root.is_dir():
        raise UnreadableInput(
            _("{path}: no such folder (give the folder of an Open SDG data repository).").format(path=root)
        )
    if not is_repository(root):
        if (root / "config_data.yml").is_file() or (root / "meta").is_dir():
            other = [p.name for p in sorted(root.glob("*")) if p.is_dir() and "sdmx" in p.name.lower()]
            if other:
                refusal = _(
                    "{path}: an Open SDG repository, but without {files} files (its data is in {folder}/, as "
                    "SDMX); vlr imports the CSV layout only."
                )
            else:
                refusal = _(
                    "{path}: an Open SDG repository, but without {files} files; vlr imports the CSV layout only."
                )
            raise UnreadableInput(refusal.format(path=root, files=DATA_FILES, folder=other[0] if other else ""))
        raise UnreadableInput(
            _("{path}: not an Open SDG data repository (it has no {files} files).").format(path=root, files=DATA_FILES)
        )
    if not within(root / "data", root):
        raise UnreadableInput(
            _(
                "{path}: its data/ folder is a link to {target}, outside the repository; vlr reads nothing outside "
                "the repository it is given."
            ).format(path=root, target=(root / "data").resolve())
        )
    meta = Metadata(root, language)
    result = Import(root)
    result.own_areas = [name.casefold() for name in (city, country) if name]  # the city first
    taken: set[str] = set()
    for path in sorted((root / "data").iterdir(), key=lambda p: _sort_key(p.name)):
        if not path.is_dir():
            _read_file(path, root, meta, fw, result, taken)
    result.to_fill = [f for f, given in (("City", city), ("Country", country)) if not given]
    if result.placed_only:
        code, places = result.placed_only[0]
        result.notes.append(
            said.n_(
                "in {n} indicator every value is for a named place and none is the review's own (first: {code}, for "
                "{places}), so none has a total: give {city} or {country} as the data name the place to make its "
                "values the headline",
                "in {n} indicators every value is for a named place and none is the review's own (first: {code}, "
                "for {places}), so none has a total: give {city} or {country} as the data name the place to make "
                "its values the headline",
                len(result.placed_only),
                code=code,
                places=", ".join(places[:3]) + (" \u2026" if len(places) > 3 else ""),
                city="--city",
                country="--country",
            )
        )
    if not result.indicators:
        raise UnreadableInput(_nothing_imported(root, result.skipped))
    return result


def _nothing_imported(root: Path, skipped: list[Skipped]) -> str:
    """Why a repository gave no indicator: every data file skipped, and the reasons (the first four)."""
    reasons = sorted({english(s.reason): s.reason for s in skipped}.items())
    shown = "; ".join(str(why) for _english, why in reasons[:4]) + (" \u2026" if len(reasons) > 4 else "")
    return n_(
        "{path}: no indicator with data to import: the {n} data file was skipped ({reasons}).",
        "{path}: no indicator with data to import: all {n} data files were skipped ({reasons}).",
        len(skipped),
    ).format(path=root, n=len(skipped), reasons=shown)


def _read_file(path: Path, root: Path, meta: Metadata, fw: Framework, result: Import, taken: set[str]) -> None:
    shown = f"data/{path.name}"
    csv_file = path.suffix.casefold() == ".csv"
    try:
        lines = csv_rows(path, root) if csv_file else []  # read once: counted here, imported below
    except UnreadableInput as exc:  # a link out of the repository, a pipe, a file too large, not CSV
        # its reason as said when it was raised, in the language spoken then
        reason = str(exc.message).removeprefix(f"{path}: ").removeprefix(f"{shown}, ")
        result.skipped.append(Skipped(shown, said._("not read: {reason}", reason=reason)))
        return
    rows = max(len(lines) - 1, 0)
    result.source_rows += rows
    m = _FILE.fullmatch(path.name)
    if not m:
        reason = (
            DEMO
            if "demo" in path.name.casefold()
            else said._("not an indicator data file (its name is not {pattern})", pattern="indicator_G-T-I.csv")
        )
        result.skipped.append(Skipped(shown, reason))
        count_skipped(result, reason, shown, rows)
        return
    dashed = m.group(1).lower().replace("_", "-")
    if _code(dashed) in taken:
        result.skipped.append(Skipped(shown, said._("a second file for {indicator}", indicator=_code(dashed))))
        count_skipped(result, said._("a second file for an indicator"), shown, rows)
        return
    indicator = _indicator(lines, dashed, meta, fw, result, shown)
    if indicator is not None:
        taken.add(indicator.id)
        result.indicators.append(indicator)


def _sort_key(name: str) -> tuple:
    m = _FILE.fullmatch(name)
    if not m:
        return (1, name)
    return (0, code_order(m.group(1)))
