"""The rows of one Open SDG data file as vlr Data rows, each with everything that gives
its value its meaning, or left out with a counted reason.

Columns, by their heading (case-insensitive):

- ``Year`` and ``Value``;
- the unit: ``Units``, ``Unit measure``, ``UNIT_MEASURE``… (the first one a row fills);
- the scale: ``UNIT_MULT`` / ``Unit multiplier`` (``3``, ``Thousands`` → ``thousand``):
  it goes into the row's unit (``thousand tonnes``), so rows of one series in different
  scales are different units and never mixed; a scale vlr cannot read leaves the row out;
- the measure: ``Series`` / ``SERIES``. In Open SDG each Series is a different measure
  (a count, a rate…), not a group of one breakdown, so it goes into the unit too
  (``Rate per 100,000 population (Deaths from road accidents)``, or the Series alone where
  no unit is given): vlr keys series by label and unit, and compares groups, draws charts
  and measures progress within one unit only, so two Series are never compared;
- SDMX attributes vlr knows (``OBS_STATUS``, ``GeoCode``, ``COMMENT_OBS``…): not imported, but a map
  code that is the only column telling places apart is a breakdown;
- helper columns (no heading, or numbers only with more than 12 different values, such as
  a ``Progress`` score): neither a breakdown nor an attribute, left out and named;
- every other column is a breakdown: its values, with their codes translated, make the
  Series label (``Sex: Female; Age: 16-24``; just ``Female`` with one breakdown column).

Periods are read as vlr reads them, and also with a note (``2019/20 [Note 5]``, ``2001-2005
(baseline)``: the note goes into the row's Note), as a span of financial years
(``2002/03-2007/08``, written ``2002-2008``: the same middle and end year; the Note keeps
the period as published), ``1980 to 1990`` (written ``1980-1990``) and ``1993 01``
(written ``Jan 1993``, a month). A row whose period is none of these is left out, counted.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from vlr.exceptions import ValueProblem
from vlr.imports.imported import Said, said
from vlr.imports.open_sdg_places import AREA_COLUMNS, GEOGRAPHY_CODES, Places, area_of, places
from vlr.model.periods import Period, overlap_conflicts, parse_period
from vlr.values import clean_text, parse_number
from vlr.workbook.schema import FIRST_YEAR, LAST_YEAR  # the validation's plausible years

#: Columns that describe an observation rather than break it down (SDMX attributes,
#: map codes): not imported.
ATTRIBUTE_COLUMNS = frozenset(
    {
        "obs_status",
        "observation status",
        "comment_obs",
        "comment",
        "geocode",
        "geo code",
        "geography code",
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
#: Columns that hold the unit of the row, best first.
UNIT_COLUMNS = ("units", "unit", "unit of measurement", "unit_measure", "unit measure")
SCALE_COLUMNS = ("unit_mult", "unit multiplier")
#: The measure column: Open SDG's Series, as the city's and its neighbours' languages name it
#: (Kyrgyzstan's repository keeps its measures in "Показатель").
SERIES_COLUMNS = (
    "series",
    "measure",
    "indicator",
    "sub-indicator",
    "sub-indicators",
    "serie",
    "sarja",
    "reihe",
    "показатель",
    "серия",
)
#: Values that mean "no value".
NO_VALUE = frozenset({"", "n/a", "na", "-", "..", ".", "x", "null", "none", "nan", ":"})
#: A helper column's numbers have more different values than this.
HELPER_DISTINCT = 12

_SCALE_WORDS = {
    "units": 0,
    "unit": 0,
    "ones": 0,
    "tens": 1,
    "hundreds": 2,
    "thousands": 3,
    "thousand": 3,
    "tens of thousands": 4,
    "hundreds of thousands": 5,
    "millions": 6,
    "million": 6,
    "tens of millions": 7,
    "hundreds of millions": 8,
    "billions": 9,
    "billion": 9,
    "trillions": 12,
    "trillion": 12,
}
_SCALE_NAMES = {
    1: "tens of",
    2: "hundreds of",
    3: "thousand",
    4: "ten thousand",
    5: "hundred thousand",
    6: "million",
    7: "ten million",
    8: "hundred million",
    9: "billion",
    12: "trillion",
}
_COUNT = re.compile(r"^(number|count|no\.?|n)$", re.IGNORECASE)
_NOTE = re.compile(r"^(.*?\S)\s*[\[(]([^\[\]()]+)[\])]$")
_TO = re.compile(r"(\d{4})\s+(?:to|until|\u2013|-)\s+(\d{4})", re.IGNORECASE)
#: A span of days or months within one year (survey fieldwork): ``17 May to 11 June 2023``.
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
#: Days on both sides: a span of months without them (``Jan-Mar 2020``) is a quarter, not a year.
_IN_YEAR = re.compile(
    rf"\d{{1,2}}\s+{_MONTH}(?:\s+(\d{{4}}))?\s*(?:to|until|\u2013|-)\s*\d{{1,2}}\s+{_MONTH}\s+(\d{{4}})",
    re.IGNORECASE,
)
#: What a bracket after a year may hold that makes it a part of the year, not a note.
_SUB_ANNUAL = re.compile(rf"(?:q[1-4]|h[12]|s[12]|{_MONTH})", re.IGNORECASE)
#: A year with a letter or a footnote mark (``1974a``, ``2021-2022*``): two polls in one year,
#: or a footnote; the mark goes into the note.
_MARKED = re.compile(r"(.*\d)\s*([a-z]|[*\u2020\u2021]+)", re.IGNORECASE)
_YEAR_MONTH = re.compile(r"(\d{4})\s+(\d{2})")
#: ``2003-05``: May 2003, or 2003 to 2005 where the file also has ``2011-13`` (:func:`file_rows`).
_YEAR_DASH_TWO = re.compile(r"(\d{2})(\d{2})-(\d{2})")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_FY_SPAN = re.compile(r"(\d{4})\s*/\s*(\d{2})\s*(?:[-\u2013\u2014]|to)\s*(\d{4})\s*/\s*(\d{2})", re.IGNORECASE)

#: Why a row (or an observation) is left out, as the reconciliation says it after "N with".
NO_VALUE_REASON = said._("no value")
NOT_NUMBER = said._("a value that is not a number")
OUT_OF_RANGE = said._(
    "a year before {first} or after {last}, which vlr does not take", first=FIRST_YEAR, last=LAST_YEAR
)
NO_PERIOD = said._("a period vlr cannot read (not a year, financial year, range, quarter, month or date)")
NO_SCALE = said._("a unit multiplier vlr cannot read")
REPEATED = said._("a repeated row")
CONFLICT = said._("a second, different value for the same period and series (the first is kept)")
MARKED_MISSING = said._("a value the metadata says means 'not available'")
#: A metadata text declaring a value that means no value: ``-1 = Not available``.
_SENTINEL = re.compile(
    r"(?<![\w.])(-?\d+(?:\.\d+)?)\s*(?:=|:|means)\s*(?:not available|n/?a\b|no data|missing|not applicable)",
    re.IGNORECASE,
)


def sentinels(fields: dict) -> frozenset[float]:
    """The values an indicator's metadata says mean 'not available' (``-1 = Not available``)."""
    found = set()
    for value in fields.values():
        if isinstance(value, str):
            found |= {float(m.group(1)) for m in _SENTINEL.finditer(value)}
    return frozenset(found)


def spans_of(years: list[str]) -> bool:
    """Whether a file's ``YYYY-YY`` periods are spans of years: one of them spans three years
    or more and ends in a number no month has (``2011-13``; ``2019-20`` is a financial year),
    so ``2003-05`` is 2003 to 2005 there, not May 2003."""
    return any(
        (m := _YEAR_DASH_TWO.fullmatch(y)) and int(m.group(3)) > 12 and (int(m.group(3)) - int(m.group(2))) % 100 >= 2
        for y in years
    )


def as_span(text: str) -> str:
    """``2003-05`` → ``2003-2005``, ``1999-01`` → ``1999-2001`` (in a file of spans,
    :func:`spans_of`: a form that would read as a month); anything else as it is."""
    m = _YEAR_DASH_TWO.fullmatch(text)
    if not m or int(m.group(3)) > 12:
        return text  # 2011-13, 2019-20: no month, read as written
    century, first, last = int(m.group(1)), int(m.group(2)), int(m.group(3))
    end = century * 100 + last if last > first else (century + 1) * 100 + last
    return f"{century * 100 + first}-{end}"


@dataclass
class FileRows:
    """What one data file gave: Data rows (code, period, value, label, unit, note), the rows
    left out by reason (with the line of the first), the columns left out and the row
    labels' parts, for the headline."""

    rows: list[list] = field(default_factory=list)
    dropped: dict[Said, int] = field(default_factory=dict)
    examples: dict[Said, int] = field(default_factory=dict)
    helpers: list[str] = field(default_factory=list)
    #: The breakdown columns: heading as written, in words.
    breakdowns: list[tuple[str, str]] = field(default_factory=list)
    #: Each row's Series (the measure) as the file gives it.
    series: list[str | None] = field(default_factory=list)

    def drop(self, why: Said, line: int) -> None:
        self.dropped[why] = self.dropped.get(why, 0) + 1
        self.examples.setdefault(why, line)


def scale_of(text: str) -> int | None:
    """The power of ten of a unit multiplier (``3``, ``Thousands``; ``''`` → 0), None when
    it is none vlr reads."""
    text = clean_text(text).casefold()
    if not text:
        return 0
    if text in _SCALE_WORDS:
        return _SCALE_WORDS[text]
    try:
        number = float(text)
    except ValueError:
        return None
    if number.is_integer() and (int(number) == 0 or int(number) in _SCALE_NAMES):
        return int(number)
    return None


#: A unit that already says its scale: ``(000s hectares)``, ``Kilotonnes``, ``£ Millions``.
_SAYS_SCALE = {
    3: re.compile(r"\bthousand|(?<![\d,.])'?000s?\b|\(000\)|\bkilotonne|\bkt\b|\bktoe\b", re.IGNORECASE),
    6: re.compile(r"\bmillion|\bmn\b|\bmio\b|\bmln\b|\bmega|\bMt\b", re.IGNORECASE),
    9: re.compile(r"\bbillion|\bbn\b|\bgiga", re.IGNORECASE),
}


def scaled_unit(unit: str | None, power: int) -> str | None:
    """``tonnes`` in thousands → ``thousand tonnes``; a count → ``thousand``; a unit that
    already says the scale (``£ Millions``, ``Area (000s hectares)``, ``Kilotonnes``) as it is."""
    if not power:
        return unit
    word = _SCALE_NAMES[power]
    says = _SAYS_SCALE.get(power)
    # what the unit counts, before a rate's "per …" (per million population is no scale)
    counted = re.split(r"\bper\b", unit, maxsplit=1, flags=re.IGNORECASE)[0] if unit else ""
    if counted and (re.search(rf"\b{re.escape(word)}\b", counted, re.IGNORECASE) or (says and says.search(counted))):
        return unit  # GBP (£ Millions) already says it
    if not unit or _COUNT.match(unit.strip()):
        return word
    rest = re.sub(r"^number of\s+", "", unit.strip(), flags=re.IGNORECASE)
    return f"{word} {rest}"


def series_unit(unit: str | None, series: str | None) -> str | None:
    """The unit of one Open SDG Series: the unit with the Series named (or the Series alone)."""
    if not series:
        return unit
    return f"{unit} ({series})" if unit else series


@functools.lru_cache(maxsize=65536)  # a repository writes the same few periods on every row
def read_period(text: str) -> tuple[Period, str, str | None]:
    """The period of a Year cell, the form to write it in and a note (what was in brackets,
    or the span as published). Raises :class:`ValueProblem` when it is no period."""
    text = clean_text(text)
    notes = []
    while (m := _NOTE.match(text)) and not _plain_period(text):
        text, note = m.group(1), m.group(2).strip()
        if _SUB_ANNUAL.fullmatch(note):  # 2015 (Q1): the first quarter, never the year
            text = f"{text} {note}" if note[0].casefold() in "qhs" else f"{note} {text}"
            break
        notes.insert(0, note)
    span = _FY_SPAN.fullmatch(text)
    if span:
        first, last = int(span.group(1)), int(span.group(3))
        if last < first:
            raise ValueProblem(f"{text!r} ends before it starts.")
        notes.insert(0, f"published as {text}")
        text = f"{span.group(1)}/{span.group(2)}" if first == last else f"{first}-{last + 1}"
    elif m := _TO.fullmatch(text):
        text = f"{m.group(1)}-{m.group(2)}"  # 1980 to 1990
    elif (m := _YEAR_MONTH.fullmatch(text)) and 1 <= int(m.group(2)) <= 12:
        text = f"{_MONTHS[int(m.group(2)) - 1]} {m.group(1)}"  # 1993 01: a month, never 1993/94
    elif (m := _IN_YEAR.fullmatch(text)) and m.group(1) in (None, m.group(2)):
        notes.insert(0, text)
        text = m.group(2)  # 17 May to 11 June 2023: within 2023
    elif (m := _MARKED.fullmatch(text)) and _plain_period(m.group(1)):
        notes.insert(0, f"published as {text}")
        text = m.group(1)
    period = parse_period(text)
    return period, text, "; ".join(notes) or None


def _plain_period(text: str) -> bool:
    try:
        parse_period(text)
    except ValueProblem:
        return False
    return True


def is_helper(heading: str, values: list[str]) -> bool:
    """A column that is neither a breakdown nor an attribute: no heading, or only numbers
    with many different values (a score, a count beside the value)."""
    filled = {v for v in values if v}
    if not filled:
        return False
    if not heading:
        return True
    if len(filled) <= HELPER_DISTINCT:
        return False
    try:
        for v in filled:
            parse_number(v)
    except ValueProblem:
        return False
    return True


def split_mixed_periods(rows: list[list]) -> int:
    """A series that mixes overlapping kinds of period (``2016`` beside ``2016-2017``)
    has no order in time: the rows of every kind but the series' most common one move to
    a series of their own, labelled with the kind (``Total (year)``); on a tie, the kind of
    the latest period keeps the series."""
    by_series: dict[tuple, list[list]] = {}
    for r in rows:
        by_series.setdefault((r[3], r[4], r[6]), []).append(r)
    moved = 0
    for (label, _unit, _area), members in by_series.items():
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


@dataclass
class Columns:
    """Where a file keeps what (column positions)."""

    year: int
    value: int
    units: list[int]
    scale: int | None
    series: int | None
    breakdowns: list[int]
    helpers: list[int]
    #: The columns saying where a value is for (:data:`AREA_COLUMNS`), the most local first.
    areas: Places = field(default_factory=Places)


def columns(header: list[str], body: list[list[str]]) -> Columns:
    folded = [h.casefold() for h in header]
    year, value = folded.index("year"), folded.index("value")
    units = [folded.index(u) for u in UNIT_COLUMNS if u in folded]
    scale = next((folded.index(s) for s in SCALE_COLUMNS if s in folded), None)
    series = next((folded.index(s) for s in SERIES_COLUMNS if s in folded), None)
    taken = {year, value, scale, series, *units}
    rest = [j for j, h in enumerate(folded) if j not in taken and h not in ATTRIBUTE_COLUMNS]
    rest = [j for j in rest if h_filled(body, j) or header[j]]
    helpers = [j for j in rest if is_helper(header[j], [r[j] if j < len(r) else "" for r in body])]
    breakdowns = [j for j in rest if j not in helpers]
    kept = [year, *units, *(c for c in (scale, series) if c is not None), *breakdowns]
    codes = [j for j, h in enumerate(folded) if h in GEOGRAPHY_CODES and _tells_apart(body, j, kept)]
    breakdowns = sorted(breakdowns + codes)
    areas = [j for name in AREA_COLUMNS for j in breakdowns if folded[j] == name]
    areas = places(body, areas)
    breakdowns = [j for j in breakdowns if j not in areas.columns]
    return Columns(year, value, units, scale, series, breakdowns, helpers, areas)


def _tells_apart(body: list[list[str]], column: int, kept: list[int]) -> bool:
    """Whether ``column`` holds two values for rows the ``kept`` columns cannot tell apart: a
    map code that is the only column saying where a value is for is a breakdown, not an
    attribute, or the places' values would fall on each other."""
    first: dict[tuple, str] = {}
    for row in body:
        cells = [row[j] if j < len(row) else "" for j in kept]
        value = row[column] if column < len(row) else ""
        if first.setdefault(tuple(cells), value) != value:
            return True
    return False


def h_filled(body: list[list[str]], j: int) -> bool:
    return any(j < len(r) and r[j].strip() for r in body)


def _own(header: list[str], cells_of: list[list[str]], columns: list[int], meta, names: tuple[str, ...]):
    """The review's own area among ``names`` (city, then country): the first a row of the
    file names, as written or by its label; the others stay areas of their own (Finland's
    rows beside Helsinki's are Finland's, not a second value for Helsinki)."""
    named = {c.casefold() for cells in cells_of for c in (cells[j] for j in columns) if c}
    named |= {meta.code(header[j], cells[j]).casefold() for cells in cells_of for j in columns if cells[j]}
    return frozenset(next(([n] for n in names if n in named), []))


def label_of(parts: list[tuple[str, str]], count: int) -> str | None:
    """The Series label of a row's breakdowns (heading, value): the value alone where the
    file has one breakdown column."""
    if count == 1:
        return parts[0][1] if parts else None
    return "; ".join(f"{h}: {v}" for h, v in parts) or None


def file_rows(
    code: str,
    header: list[str],
    body: list[tuple[int, list[str]]],
    meta,
    base_unit: str | None,
    names: tuple[str, ...] = (),
    first_shown: frozenset[str] = frozenset(),
    missing: frozenset[float] = frozenset(),
) -> FileRows:
    """The Data rows of one file (see the module's rules); ``base_unit`` is the unit of rows
    whose unit column is empty (the metadata's ``computation_units``); ``names``: the city
    and the country of the review (case-folded), the first the file names being its own
    area, whose rows get no Area (a file naming both keeps the country's as an area);
    ``first_shown``: the places ``data_start_values`` start the site with, the review's own
    only where no row goes without a place (else those rows are the whole, and England is
    not the United Kingdom); ``missing``: values the metadata says mean 'not available'."""
    clean: dict[str, str] = {}  # a file's places, breakdowns and units repeat: each text cleaned once
    cells_of = [
        [clean[c] if c in clean else clean.setdefault(c, clean_text(c)) for c in row] + [""] * (len(header) - len(row))
        for _, row in body
    ]
    cols = columns(header, cells_of)
    out = FileRows(helpers=[header[j] or f"(column {j + 1}, no heading)" for j in cols.helpers])
    out.breakdowns = [(header[j], meta.heading(header[j])) for j in cols.breakdowns]
    place_columns = cols.areas.columns
    own = _own(header, cells_of, place_columns, meta, names)
    if place_columns and not any(all(not cells[j] for j in place_columns) for cells in cells_of):
        own = own | first_shown
    seen: dict[tuple, float] = {}
    spans = spans_of([cells[cols.year] for cells in cells_of])
    for (line, _), cells in zip(body, cells_of):
        raw = cells[cols.value]
        if raw.casefold() in NO_VALUE:
            out.drop(NO_VALUE_REASON, line)
            continue
        try:
            value = parse_number(raw)
        except ValueProblem:
            out.drop(NOT_NUMBER, line)
            continue
        if value in missing:
            out.drop(MARKED_MISSING, line)
            continue
        try:
            period, written, note = read_period(as_span(cells[cols.year]) if spans else cells[cols.year])
        except ValueProblem:
            out.drop(NO_PERIOD, line)
            continue
        if not FIRST_YEAR <= period.year <= LAST_YEAR:
            out.drop(OUT_OF_RANGE, line)
            continue
        power = scale_of(meta.code(header[cols.scale], cells[cols.scale])) if cols.scale is not None else 0
        if power is None:
            out.drop(NO_SCALE, line)
            continue
        given = next((j for j in cols.units if cells[j]), None)
        unit = meta.code(header[given], cells[given]) if given is not None else base_unit
        series = meta.code(header[cols.series], cells[cols.series]) if cols.series is not None else ""
        unit = series_unit(scaled_unit(unit, power), series or None)
        parts = [(meta.heading(header[j]), meta.code(header[j], cells[j])) for j in cols.breakdowns if cells[j]]
        # a row that puts its place in another region than the others do says so in its label
        first = next((j for j in place_columns if cells[j]), None)
        other = cols.areas.elsewhere(cells, first) if first is not None else []
        parts += [(meta.heading(header[k]), meta.code(header[k], cells[k])) for k in other]
        label = label_of(parts, len(cols.breakdowns) + 2 * len(other))  # the other place by its heading
        area = area_of(header, cells, place_columns, meta, own)
        key = (period.start, period.end, period.kind, label, unit, area)
        if key in seen:
            out.drop(REPEATED if seen[key] == value else CONFLICT, line)
            continue
        seen[key] = value
        out.series.append(cells[cols.series] or None if cols.series is not None else None)
        out.rows.append([code, written if not period.plain else period.year, value, label, unit, note, area])
    return out
