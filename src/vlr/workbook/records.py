"""Rows into records of the review model, sheet by sheet.

Each function reads one row of a :class:`~vlr.workbook.table.Table` (an action, an
indicator, a data point, a narrative, a case study, an interlinkage) into its model
record, or None when a cell it needs cannot be read (the table has reported it);
:func:`read_data` reads the Data sheet in bulk and :func:`read_info` the Review sheet's
fields.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from vlr import rules
from vlr.exceptions import ValueProblem
from vlr.findings import Finding, Message, Severity, later
from vlr.formatting import N_, base_language, known_language
from vlr.model.review import (
    Action,
    CaseStudy,
    DataPoint,
    FrameworkText,
    Indicator,
    Interlinkage,
    Narrative,
    ReviewInfo,
)
from vlr.values import MAX_MAGNITUDE, clean_text, normalise_code, parse_number, quote, split_ids, split_list
from vlr.workbook import schema
from vlr.workbook.files import picture_problem
from vlr.workbook.table import Table
from vlr.workbook.words import english, names


def action(t: Table, row: list[Any], number: int) -> Action | None:
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
        status=t.choice(row, "status", schema.STATUSES, rules.STATUS_INVALID),
        start_year=t.year(row, "start_year"),
        end_year=t.year(row, "end_year"),
        link=t.text(row, "link"),
        budget=_budget(t, row),
        currency=_currency(t, row),
    )


def _budget(t: Table, row: list[Any]) -> float | None:
    value = t.number(row, "budget")
    if value is not None and value < 0:
        t.error(
            "budget",
            rules.NUMBER_INVALID,
            later._("{column} {value} is negative.", column=t.column("budget"), value=format(value, "g")),
            later._("write the money set aside for the action, 0 or more"),
        )
        return None
    return value


def _currency(t: Table, row: list[Any]) -> str | None:
    text = t.text(row, "currency")
    if text is None:
        return None
    code = text.strip().upper()
    if code not in _currencies():
        t.error(
            "currency",
            rules.CURRENCY_INVALID,
            later._("{column} '{value}' is not a currency code.", column=t.column("currency"), value=quote(text)),
        )
        return None
    return code


@functools.lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def case_study(t: Table, row: list[Any], number: int) -> CaseStudy | None:
    title = t.text(row, "title", required=True)
    targets = t.codes(row, "targets", required=True)
    text = t.text(row, "text", required=True)
    picture = t.text(row, "picture")
    if picture:
        problem = picture_problem(Path(t.shown).parent / picture, Path(t.shown).parent, picture)
        if problem:
            t.error(
                "picture",
                rules.PICTURE_INVALID,
                later._("{column}: {problem}", column=t.column("picture"), problem=problem),
                later._("put the picture as a PNG or JPEG file in the workbook's folder and write its file name here"),
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


def interlinkage(t: Table, row: list[Any], number: int) -> Interlinkage | None:
    source = t.codes(row, "source", required=True)
    target = t.codes(row, "target", required=True)
    kind = t.choice(row, "kind", schema.LINK_KINDS, rules.KIND_INVALID)
    for fieldname, codes in (("source", source), ("target", target)):
        if len(codes) > 1:
            t.error(
                fieldname,
                rules.VALUE_INVALID,
                later.n_(
                    "'{column}' holds {n} target; a row links one target to one other.",
                    "'{column}' holds {n} targets; a row links one target to one other.",
                    len(codes),
                    column=t.column(fieldname),
                ),
            )
            return None
    if not source or not target or kind is None:
        return None
    return Interlinkage(
        origin=t.origin, row=number, source=source[0], target=target[0], kind=kind, note=t.text(row, "note")
    )


def indicator(t: Table, row: list[Any], number: int) -> Indicator | None:
    indicator_id = t.text(row, "id", required=True)
    if indicator_id is None:
        _required_rest(t, row, ("name",))
        return None
    return Indicator(
        origin=t.origin,
        row=number,
        id=indicator_id,
        name=t.text(row, "name", required=True),
        unit=t.text(row, "unit"),
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


def _direction(t: Table, row: list[Any]) -> str | None:
    """``increase`` or ``decrease``; None where it is empty or says it is not known."""
    text = t.text(row, "direction")
    if text is None or english(text, schema.UNKNOWN_DIRECTIONS):
        return None
    return t.choice(row, "direction", schema.DIRECTIONS + schema.UNKNOWN_DIRECTIONS, rules.DIRECTION_INVALID)


def _data_point(t: Table, row: list[Any], number: int) -> DataPoint | None:
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
        area=t.text(row, "area"),
    )


def read_data(t: Table, into: list[DataPoint]) -> None:
    """The Data sheet, often the largest by far: rows whose cells are plainly typed
    (a text ID, a whole-number year, a number, optional texts) are read here without a
    call per cell and validated as one batch; any other row goes through
    :func:`_data_point`, which reports each cell it cannot read."""
    cols = t.columns
    if not {"indicator", "year", "value"} <= cols.keys() or t.sheet.uncached:
        t.read_into(_data_point, into)
        return
    ji, jy, jv = cols["indicator"], cols["year"], cols["value"]
    optional = [(f, cols[f]) for f in ("series", "note", "source", "unit", "area") if f in cols]
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
                            text = (
                                (text or texts.setdefault(cell, clean_text(cell)))
                                if type(cell) is str
                                else clean_text(cell)
                            )
                            if text:  # a cell of spaces is no value, as on the careful path
                                point[f] = text
                    batch.append(point)
                    continue
        slow = _data_point(t, row, top + i + 1)
        if slow is not None:
            batch.append(slow)
    into.extend(_DATA_POINTS.validate_python(batch))


_DATA_POINTS = TypeAdapter(list[DataPoint])


def narrative(t: Table, row: list[Any], number: int) -> Narrative | None:
    section = t.text(row, "section", required=True)
    if section is None:
        return None
    language = t.text(row, "language")
    if language and not known_language(language):
        t.error(
            "language",
            rules.NARRATIVE_LANGUAGE,
            _no_language(t, language),
            later._("write the language's code, such as fi, sv or en"),
        )
        return None
    return Narrative(
        origin=t.origin,
        row=number,
        section=section.casefold().replace(" ", "-"),
        text=t.text(row, "text") or "",
        language=base_language(language) if language else None,
    )


def _no_language(t: Table, language: str) -> Message:
    """That the Language cell's ``language`` is no language code."""
    return later._(
        "{column} '{value}' is not a language code vlr knows.", column=t.column("language"), value=quote(language)
    )


def translation(t: Table, row: list[Any], number: int) -> FrameworkText | None:
    text = t.text(row, "text")
    if text is None:  # a row left without its text (a fill-in workbook's) says nothing
        return None
    raw = t.raw(row, "code")
    codes = t.codes(row, "code", required=True)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and codes and codes[0].endswith(".1"):
        return None  # 17.1 or 17.10? Said at the cell (code-as-number); not guessed
    code = codes[0] if len(codes) == 1 else None
    language = t.text(row, "language", required=True)
    if language and (not known_language(language) or base_language(language) == "en"):
        t.error(
            "language",
            rules.TRANSLATION_LANGUAGE,
            _no_language(t, language)
            if not known_language(language)
            else later._("the framework's texts are English already; a translation into English is not used."),
        )
        return None
    if code is None or language is None:
        return None
    return FrameworkText(
        origin=t.origin,
        row=number,
        code=normalise_code(code),
        language=base_language(language),
        text=unicodedata.normalize("NFC", " ".join(text.split())),
        english=t.text(row, "english"),
    )


def _required_rest(t: Table, row: list[Any], fields: tuple[str, ...]) -> None:
    for f in fields:
        t.text(row, f, required=True)


def _goal_numbers(t: Table, row: list[Any]) -> list[int]:
    numbers = []
    for item in split_list(t.raw(row, "value")):
        if item.isascii() and item.isdigit() and 1 <= int(item) <= 17:
            numbers.append(int(item))
        else:
            t.error(
                "value",
                rules.NUMBER_INVALID,
                later._(
                    "{field}: '{value}' is not a goal number.", field=Message.word("HLPF goals"), value=quote(item)
                ),
                later._("list goal numbers from 1 to 17, e.g. 6, 7, 9, 11, 17"),
            )
    return numbers


def read_info(t: Table | None) -> ReviewInfo:
    info = ReviewInfo(themes=split_ids(schema.REVIEW_FIELDS["Themes"][1]))
    if t is None:
        return info
    info.origin = t.origin
    fields = {schema.canonical(local): name for name in schema.REVIEW_FIELDS for local in names(name)}
    seen: dict[str, str] = {}
    for _, row in t.rows():
        name = t.text(row, "field", required=True)
        if name is None:
            continue
        canonical = fields.get(schema.canonical(name))
        if canonical is None:
            t.error(
                "field",
                rules.FIELD_UNKNOWN,
                later._("field '{field}' is not one vlr reads; it was skipped.", field=quote(name)),
                later._(
                    "the {sheet} fields are {fields}",
                    sheet=Message.word("Review"),
                    fields=[Message.word(f) for f in schema.REVIEW_FIELDS],
                ),
            )
            continue
        if canonical in seen:
            t.error(
                "field",
                rules.FIELD_DUPLICATE,
                later._(
                    "field '{field}' is given twice (first in {cell}).",
                    field=Message.word(canonical),
                    cell=seen[canonical],
                ),
            )
            continue
        seen[canonical] = t.ref("field")
        info.cells[canonical.casefold()] = t.ref("value")
        _info_value(t, row, info, canonical)
    _rows_missing(t, seen)
    _place_missing(t, info, seen)
    return info


def _info_value(t: Table, row: list[Any], info: ReviewInfo, canonical: str) -> None:
    """The value of the Review field ``canonical`` into ``info``, or a finding at its cell."""
    if canonical == "Year":
        info.year = t.year(row, "value", required=True)
    elif canonical == "Themes":
        themes = t.ids(row, "value")
        if themes:
            info.themes = themes
        else:
            t.error(
                "value",
                rules.VALUE_MISSING,
                later._(
                    "{field} is empty, so the default themes are used ({themes}).",
                    field=Message.word("Themes"),
                    themes=info.themes,
                ),
                later._("list the review's themes separated by commas, or delete the row"),
                Severity.WARNING,  # the rule's other severity: the default themes stand
            )
    elif canonical == "HLPF goals":
        info.hlpf_goals = _goal_numbers(t, row)
    elif canonical == "Logo":
        value = t.text(row, "value")
        problem = picture_problem(Path(t.shown).parent / value, Path(t.shown).parent, value) if value else None
        if problem:
            t.error(
                "value",
                rules.PICTURE_INVALID,
                later._("{column}: {problem}", column=Message.word("Logo"), problem=problem),
                later._("put the logo as a PNG or JPEG file in the workbook's folder and write its file name here"),
            )
        elif value:
            info.logo = value
    else:
        value = t.text(row, "value", required=schema.REVIEW_FIELDS[canonical][0])
        if value is not None:
            setattr(info, canonical.casefold(), value.lower() if canonical == "Language" else value)


def _rows_missing(t: Table, seen: dict[str, str]) -> None:
    """An error for each required Review field without its row."""
    for name, (required, _default) in schema.REVIEW_FIELDS.items():
        if required and name not in seen:
            t.findings.append(
                Finding.of(
                    rules.VALUE_MISSING,
                    later._(
                        "the {sheet} sheet has no '{field}' row.",
                        sheet=Message.word("Review"),
                        field=Message.word(name),
                    ),
                    later._(
                        "add a row with '{field}' in the {fields} column and its value in the {values} column",
                        field=Message.word(name),
                        fields=Message.word("Field"),
                        values=Message.word("Value"),
                    ),
                    file=t.shown,
                    sheet=t.sheet.name,
                    cell=f"{t.origin.columns.get('field', 'A')}{t.origin.header_row}",
                )
            )


#: The hints of a City or Country left empty, and of its row missing.
_PLACE_HINTS = {
    ("City", True): N_("write the city in the {values} column"),
    ("Country", True): N_("write the country in the {values} column"),
    ("City", False): N_("write the city in the {values} column of a row with '{field}' in the {fields} column"),
    ("Country", False): N_("write the country in the {values} column of a row with '{field}' in the {fields} column"),
}


def _place_missing(t: Table, info: ReviewInfo, seen: dict[str, str]) -> None:
    """A warning at the City or Country cell left empty (or the heading, where the row is missing)."""
    for name in ("City", "Country"):
        if getattr(info, name.casefold()):
            continue
        given = name in seen
        words = {"field": Message.word(name), "fields": Message.word("Field"), "values": Message.word("Value")}
        t.findings.append(
            Finding.of(
                rules.PLACE_MISSING,
                later._(
                    "the {sheet} sheet's {field} is empty: the draft leaves it out.",
                    sheet=Message.word("Review"),
                    **words,
                )
                if given
                else later._(
                    "the {sheet} sheet's {field} is missing: the draft leaves it out.",
                    sheet=Message.word("Review"),
                    **words,
                ),
                Message(_PLACE_HINTS[name, given], words),
                file=t.shown,
                sheet=t.sheet.name,
                cell=info.cells.get(name.casefold()) or f"{t.origin.columns.get('field', 'A')}{t.origin.header_row}",
            )
        )
