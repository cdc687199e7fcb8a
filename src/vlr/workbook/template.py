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
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from vlr.framework.catalogue import Framework
from vlr.model.review import Review
from vlr.output import deterministic_zip
from vlr.workbook import schema
from vlr.workbook.writer import FIXED_TIME, write_folder

SPLITS = ("themes", "one")
#: Rows of each sheet that get the columns' data validation.
VALIDATED_ROWS = 2000
GUIDE = [
    "How to fill in these workbooks",
    "",
    "Each sheet has its column headings in row 1: click a heading to see what goes in its column.",
    "Actions: one row per action of the city, mapped to the SDG targets it contributes to (e.g. 11.2, 13.2).",
    "Indicators: one row per indicator that shows progress, with its unit, direction and SDG targets.",
    "Data: one row per indicator, year (or period such as 2019/20) and breakdown; leave Series empty for the total.",
    "Name targets, not whole goals. The Targets sheet at the end lists all 169 with their text: filter it to find one.",
    "Keep the table together: no notes far below or to the right of it. Do not rename the sheets or the headings.",
    "Then run: vlr validate FOLDER (it names the file, sheet and cell of every problem) and vlr build FOLDER.",
    "The full guide: docs/workbook-format.md in vlr's documentation.",
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


def _book(sheets: dict[str, list[list]], themes: list[str], fw: Framework) -> bytes:
    """One workbook: the Guide first, the given sheets, the Targets sheet last."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    wb.properties.created = wb.properties.modified = FIXED_TIME
    guide = wb.active
    guide.title = "Guide"
    for line in GUIDE:
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=14)
    guide.column_dimensions["A"].width = 110
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE6F0")
    needs_targets = False
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        ws.freeze_panes = "A2"
        last = max(VALIDATED_ROWS, len(rows) + 500)
        helps = schema.HELP.get(title, {})
        for j, head in enumerate(rows[0], 1):
            letter = get_column_letter(j)
            cell = ws.cell(1, j)
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(vertical="top")
            longest = max((len(str(r[j - 1])) for r in rows[1:] if j <= len(r) and r[j - 1] is not None), default=0)
            ws.column_dimensions[letter].width = min(60, max(12, len(head) + 4, longest + 2))
            text = helps.get(head) if title != "Review" else None
            if text:
                prompt = DataValidation(showInputMessage=True, promptTitle=head[:32], prompt=schema.plain(text)[:255])
                prompt.add(f"{letter}1")
                ws.add_data_validation(prompt)
            rule = _rule(title, head, themes)
            if rule is not None:
                if rule == "targets":
                    needs_targets = True
                    rule = DataValidation(
                        type="list",
                        formula1=f"Targets!$A$2:$A${len(fw.targets) + 1}",
                        showErrorMessage=True,
                        errorStyle="warning",
                        errorTitle="SDG targets",
                        error="Not one target from the list: fine for several codes "
                        "(11.2, 13.2); vlr validate checks each.",
                    )
                rule.add(f"{letter}2:{letter}{last}")
                ws.add_data_validation(rule)
        if title == "Review":
            for i, row in enumerate(rows[1:], 2):
                text = schema.HELP["Review"].get(str(row[0]))
                if text:
                    prompt = DataValidation(
                        showInputMessage=True, promptTitle=str(row[0])[:32], prompt=schema.plain(text)[:255]
                    )
                    prompt.add(f"B{i}")
                    ws.add_data_validation(prompt)
    if needs_targets:
        ws = wb.create_sheet("Targets")
        ws.append(["Target", "Goal", "Text"])
        for t in fw.targets:
            ws.append([t.code, t.goal, t.text])
        for cell in ws[1]:
            cell.font, cell.fill = bold, fill
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:C{len(fw.targets) + 1}"
        ws.column_dimensions["C"].width = 100
        for row in ws.iter_rows(min_row=2, min_col=3, max_col=3):
            row[0].alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    wb.save(buffer)
    return deterministic_zip(buffer.getvalue(), stamp=FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ"))


def _list(values: list[str], title: str, what: str):
    from openpyxl.worksheet.datavalidation import DataValidation

    formula = '"' + ",".join(v.replace('"', "") for v in values) + '"'
    if len(formula) > 255 or any("," in v for v in values):
        return None  # Excel's limit for a list typed in the rule
    return DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle=title,
        error=f"Choose one of: {', '.join(values)} ({what}).",
    )


def _rule(sheet: str, head: str, themes: list[str]):
    from openpyxl.worksheet.datavalidation import DataValidation

    if head == "SDG targets":
        return "targets"
    if sheet == "Actions" and head == "Theme":
        return _list(themes, "Theme", "the review's themes, from the Review sheet")
    if sheet == "Actions" and head == "Status":
        return _list(list(schema.STATUSES), "Status", "where the action stands")
    if sheet == "Indicators" and head == "Direction":
        return _list([*schema.DIRECTIONS, "unknown"], "Direction", "which way is progress")
    if sheet == "Interlinkages" and head == "Kind":
        return _list(list(schema.LINK_KINDS), "Kind", "how one target affects the other")
    if head in ("From target", "To target"):
        return "targets"
    if sheet == "Narratives" and head == "Section":
        return _list(list(schema.NARRATIVE_SECTIONS), "Section", "the sections of the draft")
    if head in ("Start year", "End year", "Baseline year", "Target year"):
        return DataValidation(
            type="whole",
            operator="between",
            formula1=str(schema.FIRST_YEAR),
            formula2=str(schema.LAST_YEAR),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=head,
            error=f"A year, from {schema.FIRST_YEAR} to {schema.LAST_YEAR}.",
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
        books = {"review.xlsx": _book({**review, **empty, **optional}, themes, fw)}
    else:
        books = {"review.xlsx": _book({**review, **optional}, themes, fw)}
        for theme in themes:
            books[f"{_slug(theme)}.xlsx"] = _book(empty, themes, fw)
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
    themes = info.themes
    notes: list[str] = []
    title = info.title.replace(str(old_year), str(year)) if info.title and old_year else info.title
    review_rows = _review_rows(
        info.city or "",
        info.country or "",
        year,
        themes,
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
    marker = f"[From the {old_year} review: check and rewrite] " if old_year else "[From the last review: rewrite] "
    narratives = [n.model_copy(update={"text": marker + n.text}) for n in last.narratives if n.text]
    if narratives:
        notes.append(f"{len(narratives)} narrative texts were carried over, each marked '{marker.strip()}'.")
    changed: dict[str, str] = {}
    if last_framework is not None:
        from vlr.framework.catalogue import diff as framework_diff

        d = framework_diff(last_framework, fw)
        changed |= dict.fromkeys(d.recoded_indicators, "a new UNSD code (the indicator was replaced)")
        changed |= {c: "a new wording" for c in d.reworded_indicators if c not in changed}
    for ind in last.indicators:
        for code in ind.sdg_indicators:
            if code in changed:
                notes.append(
                    f"indicator {ind.id}: the official indicator {code} has {changed[code]} in the "
                    f"{fw.edition} edition; check that it still measures the same."
                )
            elif fw.indicator(code) is None:
                notes.append(
                    f"indicator {ind.id}: the official code {code} is not in the {fw.edition} framework; "
                    f"check its SDG indicator and targets ({ind.where('sdg_indicators')} last cycle)."
                )

    grouped: dict[str, dict[str, list]] = {}

    def put(record, sheet: str) -> None:
        name = Path(record.origin.file).name
        grouped.setdefault(name, {}).setdefault(sheet, []).append(record)

    for a in last.actions:
        put(a, "Actions")
    for i in last.indicators:
        put(i, "Indicators")
    for p in last.data:
        put(p, "Data")
    for n in narratives:
        put(n, "Narratives")
    for c in last.case_studies:
        put(c, "Case studies")
    for link in last.interlinkages:
        put(link, "Interlinkages")
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
    }
    books = {}
    for name, sheets in sorted(grouped.items()):
        content: dict[str, list[list]] = {}
        if name == review_file:
            content["Review"] = review_rows
        for sheet in specs:
            if sheet in sheets:
                records = sheets[sheet]
                if sheet == "Data":
                    records = [_data_row(p) for p in records]
                content[sheet] = _rows_of(specs[sheet], records)
        books[name] = _book(content, themes, fw)
    write_folder(folder, {**books, **{n: data for n, data in pictures.items() if n not in books}})
    return InitResult(Path(folder), list(books), notes)


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


def _data_row(p) -> _DataRow:
    return _DataRow(p.indicator, p.period or p.year, p.value, p.series, p.unit, p.note, p.source)
