"""Starting a review: ``vlr init`` writes the workbooks departments fill in.

A new review (:func:`new_review`) gets, per workbook, the sheets of :mod:`vlr.workbook.schema`
with their headings styled and frozen, sensible widths, an input message on every
heading (the words of the workbook guide, from :data:`vlr.workbook.schema.HELP`), and Excel data
validation where a column has a closed set of values: Theme (the review's themes),
Direction, Status, Section, years as whole numbers from 1900 to 2100, and SDG targets
from a ``Targets`` sheet at the end that lists the framework's 169 targets with their
text (a warning, not a refusal, so that several codes can be typed). A ``Guide`` sheet at
the front states the few rules that matter. ``--split themes`` writes one workbook per
theme beside ``review.xlsx`` (as Helsinki works), ``--split one`` a single workbook.

The next cycle (:func:`next_review`) starts from last cycle's workbooks: the review year
moved on, actions, indicators and data carried over with their IDs (data is history),
narratives carried over marked as last cycle's text to rewrite, each record in a
workbook of the same name as before; official indicator codes the framework in use no
longer has are reported. Last cycle's files are only read.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from vlr.formatting import N_, _, n_, p_, speaking
from vlr.framework.catalogue import Framework
from vlr.framework.translations import column_header, column_texts, official
from vlr.model.review import Review
from vlr.workbook import schema
from vlr.workbook.words import in_language
from vlr.workbook.writer import LONG_TEXT, Sheet, Style, Validation, workbook_bytes, write_folder
from vlr.xlsx import column_letter

SPLITS = ("themes", "one")
#: The Guide's first line.
TITLE = Style(bold=True, size=14)
#: Rows of each sheet that get the columns' data validation.
VALIDATED_ROWS = 2000
GUIDE = [
    N_("How to fill in these workbooks"),
    "",
    N_("Each sheet has its column headings in row 1: click a heading to see what goes in its column."),
    N_("Actions: one row per action of the city, mapped to the SDG targets it contributes to (e.g. 11.2, 13.2)."),
    N_("Indicators: one row per indicator that shows progress, with its unit, direction and SDG targets."),
    N_(
        "Data: one row per indicator, year (or period such as 2019/20) and breakdown; leave Series empty for the total."
    ),
    N_(
        "Name targets, not whole goals. The Targets sheet at the end lists all 169 with their text: filter it to find "
        "one."
    ),
    N_("Keep the table together: no notes far below or to the right of it. Do not rename the sheets or the headings."),
    N_("Then run: vlr validate FOLDER (it names the file, sheet and cell of every problem) and vlr build FOLDER."),
    N_("The full guide: docs/workbook-format.md in vlr's documentation."),
]


@dataclass
class InitResult:
    folder: Path
    files: list[str]
    #: What the officer should know: codes the framework no longer has, texts to rewrite.
    notes: list[str] = field(default_factory=list)


def _rows_of(spec: schema.SheetSpec, records: list) -> list[list]:
    """A sheet's rows from records, headings first, in the schema's column order."""
    heads = list(spec.columns)
    rows = [heads]
    for rec in records:
        row = []
        for head in heads:
            value = getattr(rec, spec.columns[head], None)
            row.append(", ".join(map(str, value)) if isinstance(value, list) else value)
        rows.append(row)
    return rows


def _book(sheets: dict[str, list[list]], themes: list[str], fw: Framework, language: str = "en") -> bytes:
    """One workbook: the Guide first, the given sheets, the Targets sheet last; in ``language``
    (its sheet names, headings, fields, lists, input messages and Guide) where vlr speaks it."""
    with speaking(language):
        return _book_spoken(sheets, themes, fw, language)


def _book_spoken(sheets: dict[str, list[list]], themes: list[str], fw: Framework, language: str) -> bytes:
    guide = [[_(line) if line else line] for line in GUIDE]
    out = [Sheet(in_language("Guide", language), guide, {0: 110}, first_row=TITLE, freeze=False)]
    for title, rows in sheets.items():
        out.append(_input_sheet(title, rows, themes, fw, language))
    if any(rule.source == _targets_range(fw, language) for sheet in out for rule in sheet.validations):
        said = [official(t.code, t.text, language) for t in fw.targets]  # vlr's translations, else marked
        texts = column_texts(said)
        heads = [p_("a target's code", "Target"), _("Goal"), column_header(in_language("Text", language), said)]
        rows = [heads, *([t.code, t.goal, shown] for t, shown in zip(fw.targets, texts))]
        name = in_language("Targets", language)
        out.append(Sheet(name, rows, {2: 100}, autofilter=True, columns={2: LONG_TEXT}))
    return workbook_bytes(out)


def _input_sheet(title: str, rows: list[list], themes: list[str], fw: Framework, language: str = "en") -> Sheet:
    """A sheet departments fill in: widths to fit, the guide's words on every heading,
    and the rules of its columns down to row :data:`VALIDATED_ROWS` (or further); its
    name, headings and the Review sheet's fields in ``language``."""
    last = max(VALIDATED_ROWS, len(rows) + 500)
    helps = schema.HELP.get(title, {})
    widths, rules = {}, []
    shown = [in_language(head, language) for head in rows[0]]
    for j, head in enumerate(rows[0]):
        letter = column_letter(j)
        longest = max((len(str(r[j])) for r in rows[1:] if j < len(r) and r[j] is not None), default=0)
        widths[j] = min(60, max(12, len(shown[j]) + 4, longest + 2))
        text = helps.get(head) if title != "Review" else None
        if text:
            rules.append(_prompt(f"{letter}1", shown[j], _(text)))
        rule = _rule(title, head, themes, fw, language)
        if rule is not None:
            rules.append(replace(rule, area=f"{letter}2:{letter}{last}"))
    body = [list(r) for r in rows[1:]]
    if title == "Review":
        for i, row in enumerate(body, 2):
            text = schema.HELP["Review"].get(str(row[0]))
            if text:
                rules.append(_prompt(f"B{i}", in_language(str(row[0]), language), _(text)))
            row[0] = in_language(str(row[0]), language)
    return Sheet(in_language(title, language), [shown, *body], widths, validations=rules)


def _prompt(area: str, title: str, text: str) -> Validation:
    """The input message Excel shows on the cell: the words of the workbook guide."""
    return Validation(area, prompt_title=title[:32], prompt=schema.plain(text)[:255])


def _targets_range(fw: Framework, language: str = "en") -> str:
    name = in_language("Targets", language)
    sheet = f"'{name}'" if not name.isalnum() else name
    return f"{sheet}!$A$2:$A${len(fw.targets) + 1}"


def _list(values: list[str], title: str, what: str) -> Validation | None:
    formula = '"' + ",".join(v.replace('"', "") for v in values) + '"'
    if len(formula) > 255 or any("," in v for v in values):
        return None  # Excel's limit for a list typed in the rule
    error = _("Choose one of: {values} ({what}).").format(values=", ".join(values), what=what)
    if len(error) > 255:  # Excel's limit for the message: the list drops down anyway
        error = _("Choose one from the list ({what}).").format(what=what)
    return Validation("", kind="list", source=formula, allow_blank=True, error_title=title, error=error)


def _rule(sheet: str, head: str, themes: list[str], fw: Framework, language: str = "en") -> Validation | None:
    """The rule of a column (its area left to fill in), if it has one; its words and the
    values it lists in ``language`` (the one spoken)."""
    title = in_language(head, language)

    def listed(values) -> list[str]:
        return [in_language(v, language) for v in values]

    if head in ("SDG targets", "From target", "To target"):
        return Validation(
            "",
            kind="list",
            source=_targets_range(fw, language),
            error_style="warning",
            error_title=in_language("SDG targets", language),
            error=_("Not one target from the list: fine for several codes (11.2, 13.2); vlr validate checks each."),
        )
    if sheet == "Actions" and head == "Theme":
        return _list(themes, title, _("the review's themes, from the Review sheet"))
    if sheet == "Actions" and head == "Status":
        return _list(listed(schema.STATUSES), title, _("where the action stands"))
    if sheet == "Indicators" and head == "Direction":
        return _list(listed([*schema.DIRECTIONS, "unknown"]), title, _("which way is progress"))
    if sheet == "Interlinkages" and head == "Kind":
        return _list(listed(schema.LINK_KINDS), title, _("how one target affects the other"))
    if sheet == "Narratives" and head == "Section":
        return _list(list(schema.NARRATIVE_SECTIONS), title, _("the sections of the draft"))
    if head in ("Start year", "End year", "Baseline year", "Target year"):
        return Validation(
            "",
            kind="whole",
            minimum=schema.FIRST_YEAR,
            maximum=schema.LAST_YEAR,
            allow_blank=True,
            error_title=title,
            error=_("A year, from {first} to {last}.").format(first=schema.FIRST_YEAR, last=schema.LAST_YEAR),
        )
    return None


def _review_rows(
    city: str,
    country: str,
    year: int,
    themes: list[str],
    language: str,
    extra: dict[str, str | int | None] | None = None,
) -> list[list]:
    values = {
        "City": city,
        "Country": country,
        "Year": year,
        "Language": language,
        "Themes": ", ".join(themes),
        **(extra or {}),
    }
    return [["Field", "Value"], *([name, values.get(name)] for name in schema.REVIEW_FIELDS)]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "theme"


def new_review(
    folder: str | os.PathLike,
    fw: Framework,
    *,
    city: str,
    country: str,
    year: int | None = None,
    themes: list[str] | None = None,
    split: str = "themes",
    language: str = "en",
) -> InitResult:
    """Write the workbooks of a new, empty review into the new or empty ``folder``."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}")
    year = year or dt.date.today().year
    themes = themes or [t.strip() for t in (schema.REVIEW_FIELDS["Themes"][1] or "").split(",")]
    empty = {
        name: [list(spec.columns)]
        for name, spec in (("Actions", schema.ACTIONS), ("Indicators", schema.INDICATORS), ("Data", schema.DATA))
    }
    review = {
        "Review": _review_rows(city, country, year, themes, language),
        "Narratives": [list(schema.NARRATIVES.columns)],
    }
    optional = {
        "Case studies": [list(schema.CASE_STUDIES.columns)],
        "Interlinkages": [list(schema.INTERLINKAGES.columns)],
    }
    if split == "one":
        books = {"review.xlsx": _book({**review, **empty, **optional}, themes, fw, language)}
    else:
        books = {"review.xlsx": _book({**review, **optional}, themes, fw, language)}
        theme_book = _book(empty, themes, fw, language)  # the same empty workbook for every theme: made once
        for theme in themes:
            books[f"{_slug(theme)}.xlsx"] = theme_book
    write_folder(folder, books)
    return InitResult(Path(folder), list(books))


def next_review(
    folder: str | os.PathLike,
    last: Review,
    fw: Framework,
    *,
    year: int | None = None,
    last_framework: Framework | None = None,
) -> InitResult:
    """The next cycle's workbooks in ``folder``, from last cycle's review ``last``. With
    ``last_framework`` (the edition last cycle used), official indicators that the new
    edition rewords or gives a new UNSD code are reported too."""
    info = last.info
    old_year = info.year
    year = year or ((old_year or dt.date.today().year) + 1)
    notes: list[str] = []
    with speaking(info.language):  # the marks are in the narratives, in the review's language
        marker = (
            _("[From the {year} review: check and rewrite]").format(year=old_year)
            if old_year
            else _("[From the last review: rewrite]")
        ) + " "
        narratives = [n.model_copy(update={"text": marker + n.text}) for n in last.narratives if n.text]
        if narratives:
            notes.append(
                n_(
                    "{n} narrative text was carried over, marked '{marker}'.",
                    "{n} narrative texts were carried over, each marked '{marker}'.",
                    len(narratives),
                ).format(n=len(narratives), marker=marker.strip())
            )
        notes += _indicator_notes(last, fw, last_framework)
    grouped = _by_workbook(last, narratives)
    # the pictures the workbooks name go with them
    pictures = {
        p.name: p.read_bytes()
        for p in (info.logo_path, *(c.picture_path for c in last.case_studies))
        if p is not None and p.is_file()
    }
    review_file = Path(info.origin.file).name if info.origin else "review.xlsx"
    grouped.setdefault(review_file, {})
    specs = {
        "Actions": schema.ACTIONS,
        "Indicators": schema.INDICATORS,
        "Data": schema.DATA,
        "Narratives": schema.NARRATIVES,
        "Case studies": schema.CASE_STUDIES,
        "Interlinkages": schema.INTERLINKAGES,
        "Translations": schema.TRANSLATIONS,
    }
    books = {}
    for name, sheets in sorted(grouped.items()):
        content: dict[str, list[list]] = {}
        if name == review_file:
            content["Review"] = _next_review_rows(last, year)
        for sheet in specs:
            if sheet in sheets:
                records = sheets[sheet]
                if sheet == "Data":
                    records = [_data_row(p) for p in records]
                content[sheet] = _rows_of(specs[sheet], records)
        books[name] = _book(content, info.themes, fw)
    write_folder(folder, {**books, **{n: data for n, data in pictures.items() if n not in books}})
    return InitResult(Path(folder), list(books), notes)


def _next_review_rows(last: Review, year: int) -> list[list]:
    """The Review sheet of the next cycle: last cycle's, the year (and the title's year) moved on."""
    info = last.info
    old_year = info.year
    title = info.title.replace(str(old_year), str(year)) if info.title and old_year else info.title
    return _review_rows(
        info.city or "",
        info.country or "",
        year,
        info.themes,
        info.language,
        {
            "Title": title,
            "Period": info.period,
            "Organisation": info.organisation,
            "Contact": info.contact,
            "HLPF goals": ", ".join(map(str, info.hlpf_goals)) or None,
            "Logo": info.logo,
        },
    )


def _indicator_notes(last: Review, fw: Framework, last_framework: Framework | None) -> list[str]:
    """What the officer should check: official indicator codes the framework ``fw`` does
    not have, or (given the edition last cycle used) rewords or replaced."""
    notes = []
    changed: dict[str, str] = {}
    if last_framework is not None:
        from vlr.framework.catalogue import diff as framework_diff

        d = framework_diff(last_framework, fw)
        changed |= dict.fromkeys(
            d.recoded_indicators,
            N_(
                "indicator {id}: the official indicator {code} has a new UNSD code (the indicator was replaced) "
                "in the {edition} edition; check that it still measures the same."
            ),
        )
        changed |= {
            c: N_(
                "indicator {id}: the official indicator {code} has a new wording in the {edition} edition; "
                "check that it still measures the same."
            )
            for c in d.reworded_indicators
            if c not in changed
        }
    for ind in last.indicators:
        for code in ind.sdg_indicators:
            if code in changed:
                notes.append(_(changed[code]).format(id=ind.id, code=code, edition=fw.edition))
            elif fw.indicator(code) is None:
                notes.append(
                    _(
                        "indicator {id}: the official code {code} is not in the {edition} framework; "
                        "check its SDG indicator and targets ({place} last cycle)."
                    ).format(id=ind.id, code=code, edition=fw.edition, place=ind.where("sdg_indicators"))
                )
    return notes


def _by_workbook(last: Review, narratives: list) -> dict[str, dict[str, list]]:
    """Last cycle's records by the name of the workbook they came from, then by sheet."""
    grouped: dict[str, dict[str, list]] = {}
    for sheet, records in (
        ("Actions", last.actions),
        ("Indicators", last.indicators),
        ("Data", last.data),
        ("Narratives", narratives),
        ("Case studies", last.case_studies),
        ("Interlinkages", last.interlinkages),
        ("Translations", last.translations),
    ):
        for record in records:
            grouped.setdefault(Path(record.origin.file).name, {}).setdefault(sheet, []).append(record)
    return grouped


@dataclass
class _DataRow:
    """A data point as the Data sheet holds it: the period as written."""

    indicator: str
    year: str | int
    value: float
    series: str | None
    unit: str | None
    note: str | None
    source: str | None
    area: str | None


def _data_row(p) -> _DataRow:
    return _DataRow(p.indicator, p.period or p.year, p.value, p.series, p.unit, p.note, p.source, p.area)
