"""SDMX data made into vlr workbooks: ``vlr import sdmx``.

SDMX is how national statistics offices report SDG data to the UN and how the UN's global
SDG database publishes it. The files are read with `sdmx1 <https://sdmx1.readthedocs.io>`_,
the field's maintained library: SDMX-ML 2.1 (generic and structure-specific), SDMX-CSV
(2.0, and 1.0 with its ``DATAFLOW`` column) and SDMX-JSON. One file for a whole country and
one file per indicator both work, as do several files at once.

The data structure (DSD, :mod:`vlr.imports.sdmx_structure`) is needed for SDMX-ML and
SDMX-CSV: without it no code could be named nor any series matched to its indicator, so
the import refuses. A structure message among the files given is used as theirs.

What each observation becomes, a Data row with everything that gives its value meaning:

- **Indicator**: the file's own name where it names one (``1.1.1.xml``,
  ``indicator_1-1-1.xml``: a file per indicator), else the first indicator the structure
  names for its ``SERIES`` code. Its SDG targets and indicators are those of every indicator
  its series are for (``1.5.1, 11.5.1, 13.1.1``); its name the framework's.
- **Unit**: ``UNIT_MEASURE``'s name, scaled by ``UNIT_MULT`` (``thousand Tonnes``), with the
  series named: each SERIES is a measure of its own (a count, a rate), so two are never
  compared. The indicator's unit is that of its first series in the structure's order.
- **Area**: ``REF_AREA``'s name; the review's own area (``--city``/``--country``, by name or
  code; else the one area of the data; else the area all the others are part of) is the
  headline and gets no Area.
- **Series** (breakdown): every other dimension whose code is not a total (``_T``, ``_Z``),
  by its name (``Female``; ``Sex: Female; Age: 15-24`` where a measure has several);
  ``FREQ`` and ``REPORTING_TYPE`` only where they differ within a measure.
- **Period**: ``TIME_PERIOD`` (``2020``, ``2020-Q1``, ``2020-03``, dates).
- **Note** and **Source**: the observation's status and nature (where not the usual), time
  detail (where it differs), comment, base period and bounds; ``SOURCE_DETAIL``.

An observation that cannot have all of it is left out and counted by reason, with its key.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from vlr.exceptions import UnreadableInput, ValueProblem
from vlr.formatting import _, n_
from vlr.framework.catalogue import Framework
from vlr.imports import open_sdg_rows as rows_of
from vlr.imports.imported import (
    OBSERVATIONS,
    Import,
    ImportedIndicator,
    Skipped,
    code_order,
    english,
    said,
    some,
    targets_of,
)
from vlr.imports.sdmx_read import Observation, read_observations
from vlr.imports.sdmx_structure import (
    AREA,
    SCALE,
    SERIES,
    TIME,
    UNIT,
    Structure,
    series_name,
)

#: Codes that mean "no breakdown by this dimension".
TOTALS = frozenset({"_T", "_Z"})
#: Dimensions that are a breakdown only where they differ within one measure.
QUIET = ("FREQ", "REPORTING_TYPE")
#: Attribute values that are the usual and go unsaid in the note.
USUAL = {"OBS_STATUS": {"A"}, "NATURE": {"_X", "_Z", "_T", "C"}}  # C: country data, the usual of national files
NOTE_ATTRIBUTES = ("OBS_STATUS", "NATURE", "TIME_DETAIL", "COMMENT_OBS", "BASE_PER")
_FILE_INDICATOR = re.compile(r"(?:indicator_)?(\d{1,2}(?:[-.][0-9a-z]{1,3}){2,3})", re.IGNORECASE)
_SDMX_PERIOD = re.compile(r"(\d{4})-(?:A1|Y)?$|(\d{4}-\d{2}-\d{2})T[\d:.]+Z?$")

#: Why an observation is left out (and those of :mod:`vlr.imports.open_sdg_rows`).
NO_INDICATOR = said._("a {dimension} the structure names no SDG indicator for", dimension=SERIES)
NOT_LISTED = said._(
    "a {dimension} code the structure does not list (so no indicator is known for it)", dimension=SERIES
)
UNREAD = said._("an observation in the file that the SDMX reader (sdmx1) did not return")
NO_SERIES = said._("no {dimension} (the data does not say which measure it is)", dimension=SERIES)


# --- observations made into indicators ---------------------------------------------------


@functools.lru_cache(maxsize=1024)  # asked for every observation of a file
def file_indicator(name: str) -> str | None:
    """The indicator a file is for, where its name is one (``1.1.1.xml``, ``indicator_1-1-1.xml``)."""
    m = _FILE_INDICATOR.fullmatch(Path(name).stem)
    return m.group(1).lower().replace("-", ".") if m else None


def sdmx_period(text: str) -> str:
    """An SDMX ``TIME_PERIOD`` in the form vlr reads (``2020-A1`` → ``2020``, a time dropped)."""
    text = text.strip()
    if m := _SDMX_PERIOD.fullmatch(text):
        return m.group(1) or m.group(2)
    return text


@dataclass
class _Row:
    indicator: str
    series: str
    obs: Observation
    period: object
    written: object
    value: float
    power: int
    breakdown: dict[str, str]


def own_areas(areas: set[str], structure: Structure, names: list[str]) -> set[str] | None:
    """The area codes that are the review's own: a total code (``_T``, as sdg-build writes the
    whole) or the first of ``names`` (city, then country: codes or names, case-folded) the
    data have (the other stays an area of its own), else the one area, else the one every
    other is part of; None when no area is."""
    total = areas & TOTALS
    areas = areas - TOTALS
    if names:
        for name in names:
            found = {a for a in areas if a.casefold() == name or structure.name(AREA, a).casefold() == name}
            if found:
                return total or found  # beside a total (the whole), a named area is a part of it
        return total
    if total or len(areas) <= 1:
        return total or set(areas)
    for candidate in areas:
        if all(_part_of(a, candidate, structure.parents) for a in areas - {candidate}):
            return {candidate}
    return None


def _part_of(area: str, whole: str, parents: dict[str, str]) -> bool:
    seen = set()
    while area in parents and area not in seen:
        seen.add(area)
        area = parents[area]
        if area == whole:
            return True
    return False


def _note(obs: Observation, structure: Structure, period: str, series: str) -> str | None:
    parts = []
    for a in NOTE_ATTRIBUTES:
        code = obs.attributes.get(a, "").strip()
        if not code or code in USUAL.get(a, ()):
            continue
        if a == "TIME_DETAIL" and code == period:
            continue
        if a == "COMMENT_OBS" and " ".join(code.split()).casefold() == " ".join(series.split()).casefold():
            continue
        parts.append(f"{structure.names.get(a, a.title())}: {structure.name(a, code)}")
    low, high = obs.attributes.get("LOWER_BOUND"), obs.attributes.get("UPPER_BOUND")
    if low or high:
        parts.append(f"bounds {low or '?'} to {high or '?'}")
    return "; ".join(parts) or None


def _indicators(rows: list[_Row], structure: Structure, fw: Framework, own: set[str] | None, result: Import):
    by_indicator: dict[str, list[_Row]] = defaultdict(list)
    for r in rows:
        by_indicator[r.indicator].append(r)
    for code in sorted(by_indicator, key=code_order):
        members = by_indicator[code]
        ind = _indicator(code, members, structure, fw, own)
        if ind.rows:
            result.indicators.append(ind)


def _indicator(code: str, members: list[_Row], structure: Structure, fw: Framework, own) -> ImportedIndicator:
    codes = [code]
    for r in members:
        codes += [c for c in structure.indicators.get(r.series, []) if c not in codes]
    targets: list[str] = []
    official: list[str] = []
    for c in codes:
        t, o = targets_of(c, fw)
        targets += [x for x in t if x not in targets]
        official += [o] if o and o not in official else []
    name = (fw.indicator(code).text if fw.indicator(code) else None) or structure.titles.get(code)
    ind = ImportedIndicator(
        code,
        name or f"Indicator {code}",
        None,
        targets,
        ", ".join(official) or None,
        None,
        None,
        [],
        members[0].obs.file,
    )
    # Which dimensions break down each measure: one is named by its value alone.
    varying: dict[str, set[str]] = defaultdict(set)
    quiet: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in members:
        varying[r.series] |= {k for k, v in r.breakdown.items() if k not in QUIET and v not in TOTALS}
        for k in QUIET:
            quiet[(r.series, k)].add(r.breakdown.get(k, ""))
    plain = {c: series_name(structure, c) for c in {r.series for r in members}}  # once per series
    named = _series_names(plain)
    seen: dict[tuple, float] = {}
    kept: list[str] = []  # the SERIES of each row kept
    for r in members:
        # the structure's order, then any the structure does not list: none is left out
        shown = [k for k in structure.dimensions if k in r.breakdown]
        shown += [k for k in r.breakdown if k not in shown]
        dims = [k for k in shown if (k in varying[r.series] and r.breakdown[k] not in TOTALS)]
        dims += [k for k in QUIET if len(quiet[(r.series, k)]) > 1]
        count = len(varying[r.series]) + sum(1 for k in QUIET if len(quiet[(r.series, k)]) > 1)
        parts = [(structure.names.get(k, k), structure.name(k, r.breakdown[k])) for k in dims]
        label = rows_of.label_of(parts, count) if parts else None
        unit_code = r.obs.key.get(UNIT) or r.obs.attributes.get(UNIT)
        unit = structure.name(UNIT, unit_code) if unit_code else None
        unit = rows_of.series_unit(rows_of.scaled_unit(unit, r.power), named[r.series])
        area_code = r.obs.key.get(AREA)
        is_own = not area_code or area_code in TOTALS or (own is not None and area_code in own)
        area = None if is_own else structure.name(AREA, area_code)
        key = (r.period.start, r.period.end, r.period.kind, label, unit, area)
        if key in seen:
            why = rows_of.REPEATED if seen[key] == r.value else rows_of.CONFLICT
            ind.dropped[why] = ind.dropped.get(why, 0) + 1
            ind.examples.setdefault(why, f"{r.obs.where()}")
            continue
        seen[key] = r.value
        note = _note(r.obs, structure, str(r.written), plain[r.series])
        source = r.obs.attributes.get("SOURCE_DETAIL") or None
        ind.rows.append([code, r.written, r.value, label, unit, note, area, source])
        kept.append(r.series)
    ind.moved = rows_of.split_mixed_periods(ind.rows)
    ind.unit = _headline_unit(ind.rows, kept, structure)
    for row in ind.rows:
        if row[4] == ind.unit:
            row[4] = None
    return ind


def _series_names(plain: dict[str, str]) -> dict[str, str | None]:
    """Each SERIES' name; two series of one indicator with the same name (a structure's slip)
    are told apart by their codes, so their values never fall on each other."""
    names = {c: n for c, n in plain.items() if c not in TOTALS}  # _T: sdg-build's "no series"
    counts: dict[str, int] = defaultdict(int)
    for name in names.values():
        counts[name.casefold()] += 1
    named = {c: f"{n} [{c}]" if counts[n.casefold()] > 1 else n for c, n in names.items()}
    return {c: named.get(c) for c in plain}


def _headline_unit(rows: list[list], kept: list[str], structure: Structure) -> str | None:
    """The unit of the indicator's first series (in the structure's order) with a headline row
    (its own area, no breakdown), else of its first series."""
    first: dict[str, str | None] = {}
    for row, series in zip(rows, kept):
        first.setdefault(series, row[4])
    ranked = sorted(first, key=lambda s: structure.order.get(s, len(structure.order)))
    with_headline = {row[4] for row in rows if row[3] is None and row[6] is None}
    return next((first[s] for s in ranked if first[s] in with_headline), first[ranked[0]] if ranked else None)


def read_sdmx(
    data: list[Path],
    fw: Framework,
    *,
    structure: list[Path] | None = None,
    city: str | None = None,
    country: str | None = None,
    language: str = "en",
) -> Import:
    """Read the SDMX files (or folders of them) ``data`` with the data structure in
    ``structure`` (or among ``data``). Raises :class:`UnreadableInput` when they cannot be read."""
    observations, st, files, skipped = read_observations(data, structure or [], language)
    result = Import(data[0], counted=OBSERVATIONS, book="sdmx.xlsx")
    result.skipped = [Skipped(file, why) for file, why in skipped if not isinstance(why, int)]
    result.source_rows = len(observations)
    for file, why in skipped:
        if isinstance(why, int):  # observations in the file the SDMX reader did not give
            result.source_rows += why
            result.drop(UNREAD, Path(file).name, why)
    rows: list[_Row] = []
    for obs in observations:
        row = _row(obs, st, result)
        if row is not None:
            rows.append(row)
    names = [n.casefold() for n in (city, country) if n]
    own = own_areas({r.obs.key[AREA] for r in rows if r.obs.key.get(AREA)}, st, names)
    if own is not None and names and not own:
        if city and country:
            result.notes.append(said._("no area of the data is named {city} or {country}", city=city, country=country))
        else:
            result.notes.append(said._("no area of the data is named {name}", name=city or country))
    _indicators(rows, st, fw, own, result)
    result.to_fill = [f for f, given in (("City", city), ("Country", country)) if not given]
    if own is None:
        shown = sorted({st.name(AREA, r.obs.key[AREA]) for r in rows if r.obs.key.get(AREA)})
        result.notes.append(
            said._(
                "the data are for {n} areas ({areas}) and none is the one the others are part of: each is a "
                "breakdown and no total is published; give {city} or {country} (a name or code) to make one the "
                "headline",
                n=len(shown),
                areas=some(shown, 4),
                city="--city",
                country="--country",
            )
        )
    if not result.indicators:
        raise UnreadableInput(_nothing_imported(data[0], result))
    result.files = files
    return result


def _nothing_imported(path: Path, result: Import) -> str:
    """Why no observation was imported: how many were left out for each reason."""
    left = sorted(result.left_out().items(), key=lambda item: english(item[0]))
    if not left:
        return _("{path}: no observation could be imported (the files hold none).").format(path=path)
    reasons = "; ".join(
        n_("{n} with {reason}", "{n} with {reason}", n).format(n=n, reason=why) for why, (n, _first) in left
    )
    return _("{path}: no observation could be imported ({reasons}).").format(path=path, reasons=reasons)


def _row(obs: Observation, st: Structure, result: Import) -> _Row | None:
    """One observation with its indicator, period, value and scale, or None, counted."""
    series = obs.key.get(SERIES)
    indicator = file_indicator(obs.file)
    if not series:
        result.drop(NO_SERIES, f"{obs.file} {obs.where()}")
        return None
    if indicator is None:
        found = st.indicators.get(series) or []
        indicator = found[0] if found else None
    if indicator is None:
        result.drop(NO_INDICATOR if st.known(SERIES, series) else NOT_LISTED, f"{obs.file} {obs.where()}")
        return None
    raw = str(obs.value if obs.value is not None else "").strip()
    if raw.casefold() in rows_of.NO_VALUE:
        result.drop(rows_of.NO_VALUE_REASON, f"{obs.file} {obs.where()}")
        return None
    try:
        value = float(raw)
    except ValueError:
        value = math.inf
    if not math.isfinite(value):
        result.drop(rows_of.NOT_NUMBER, f"{obs.file} {obs.where()}")
        return None
    try:
        period, written, _note = rows_of.read_period(sdmx_period(obs.key.get(TIME, "")))
    except ValueProblem:
        result.drop(rows_of.NO_PERIOD, f"{obs.file} {obs.where()}")
        return None
    if not rows_of.FIRST_YEAR <= period.year <= rows_of.LAST_YEAR:
        result.drop(rows_of.OUT_OF_RANGE, f"{obs.file} {obs.where()}")
        return None
    scale = obs.attributes.get(SCALE) or obs.key.get(SCALE) or ""
    power = rows_of.scale_of(st.name(SCALE, scale) if not scale.strip().lstrip("-").isdigit() else scale)
    if power is None:
        result.drop(rows_of.NO_SCALE, f"{obs.file} {obs.where()}")
        return None
    breakdown = {
        k: v for k, v in obs.key.items() if k not in (SERIES, AREA, UNIT, TIME, SCALE) and not st.is_attribute(k)
    }
    shown = written if not period.plain else period.year
    return _Row(indicator, series, obs, period, shown, int(value) if value.is_integer() else value, power, breakdown)
