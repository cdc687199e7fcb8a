"""The workbook contract officers fill in: sheets, columns, fields and allowed values.

This module is the single statement of the format; the reader follows it, the docs
describe it, and ``vlr`` error messages quote it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SheetSpec:
    name: str
    #: column heading → model field, required columns first.
    required: dict[str, str]
    optional: dict[str, str]
    purpose: str

    @property
    def columns(self) -> dict[str, str]:
        return {**self.required, **self.optional}


REVIEW = SheetSpec(
    "Review",
    {"Field": "field", "Value": "value"},
    {},
    "One row per field describing the review (City, Country, Year, …).",
)
ACTIONS = SheetSpec(
    "Actions",
    {"Action ID": "id", "Title": "title", "Theme": "theme", "SDG targets": "targets"},
    {
        "Description": "description",
        "Lead": "lead",
        "Status": "status",
        "Start year": "start_year",
        "End year": "end_year",
        "Link": "link",
    },
    "The city's actions, each mapped to the SDG targets it contributes to.",
)
INDICATORS = SheetSpec(
    "Indicators",
    {
        "Indicator ID": "id",
        "Name": "name",
        "Unit": "unit",
        "Direction": "direction",
        "SDG targets": "targets",
    },
    {
        "SDG indicator": "sdg_indicators",
        "Actions": "actions",
        "Baseline year": "baseline_year",
        "Baseline value": "baseline_value",
        "Target year": "target_year",
        "Target value": "target_value",
        "Source": "source",
        "Owner": "owner",
        "Headline series": "headline",
    },
    "The indicators that show progress, with their baseline and target.",
)
DATA = SheetSpec(
    "Data",
    {"Indicator ID": "indicator", "Year": "year", "Value": "value"},
    {"Series": "series", "Unit": "unit", "Note": "note", "Source": "source"},
    "One row per indicator, year (or period) and series (blank series = the total).",
)
NARRATIVES = SheetSpec(
    "Narratives",
    {"Section": "section", "Text": "text"},
    {},
    "The officer's own prose for the sections of the draft.",
)

SHEETS = {spec.name.casefold(): spec for spec in (REVIEW, ACTIONS, INDICATORS, DATA, NARRATIVES)}
#: Sheets every review must have somewhere among its workbooks.
REQUIRED_SHEETS = ("Review", "Actions", "Indicators", "Data")

#: Review fields: name → (required, default).
REVIEW_FIELDS: dict[str, tuple[bool, str | None]] = {
    "City": (True, None),
    "Country": (True, None),
    "Year": (True, None),
    "Title": (False, None),
    "Period": (False, None),
    "Language": (False, "en"),
    "Organisation": (False, None),
    "Contact": (False, None),
    "Themes": (False, "Digitalisation, Climate, Learning, Events"),
    "HLPF goals": (False, None),
}

STATUSES = ("Planned", "Ongoing", "Completed", "Discontinued")
DIRECTIONS = ("increase", "decrease")
#: What a Direction cell may say when the desired direction is not known (or left empty).
UNKNOWN_DIRECTIONS = ("unknown", "none")

NARRATIVE_SECTIONS = (
    "opening",
    "highlights",
    "introduction",
    "methodology",
    "policy",
    *(f"goal-{n}" for n in range(1, 18)),
    "challenges",
    "means",
    "conclusion",
)

#: Plausible years: data from FIRST_YEAR to the review year; targets up to LAST_YEAR.
#: 1900 leaves room for the historic baselines reviews use (1990 emissions, census series
#: from the 1950s) while a year such as 190 or 1066 is still caught as a typing error.
FIRST_YEAR = 1900
LAST_YEAR = 2100
#: Data older than this many years before the review year is stale.
STALE_AFTER_YEARS = 3


def canonical(name: object) -> str:
    """How headings, sheet names and fields are compared: case-insensitive, spaces folded."""
    return " ".join(str(name).split()).casefold()
