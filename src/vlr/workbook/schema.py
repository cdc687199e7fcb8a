"""The workbook contract officers fill in: sheets, columns, fields and allowed values.

This module is the single statement of the format; the reader follows it, the docs
describe it, and ``vlr`` error messages quote it.
"""

from __future__ import annotations

from dataclasses import dataclass

from vlr.formatting import N_


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
    N_("One row per field describing the review (City, Country, Year, …)."),
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
        "Budget": "budget",
        "Currency": "currency",
    },
    N_("The city's actions, each mapped to the SDG targets it contributes to."),
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
    N_("The indicators that show progress, with their baseline and target."),
)
DATA = SheetSpec(
    "Data",
    {"Indicator ID": "indicator", "Year": "year", "Value": "value"},
    {"Series": "series", "Area": "area", "Unit": "unit", "Note": "note", "Source": "source"},
    N_("One row per indicator, year (or period) and series (blank series = the total)."),
)
NARRATIVES = SheetSpec(
    "Narratives",
    {"Section": "section", "Text": "text"},
    {"Language": "language"},
    N_(
        "The officer's own prose for the sections of the draft; with a Language column, a row per language "
        "of a section."
    ),
)
CASE_STUDIES = SheetSpec(
    "Case studies",
    {"Title": "title", "SDG targets": "targets", "Text": "text"},
    {"Quote": "quote", "Quote by": "quote_by", "Picture": "picture", "Link": "link"},
    N_("Short stories of the city's work, shown as boxes in the chapters of their goals."),
)
INTERLINKAGES = SheetSpec(
    "Interlinkages",
    {"From target": "source", "To target": "target", "Kind": "kind"},
    {"Note": "note"},
    N_("How work on one target helps (a synergy) or hinders (a trade-off) another."),
)
TRANSLATIONS = SheetSpec(
    "Translations",
    {"Code": "code", "Language": "language", "Text": "text"},
    {"English": "english"},
    "The official texts of SDG targets and indicators in the review's languages, where vlr has none or the city "
    "has its own.",
)

SHEETS = {
    spec.name.casefold(): spec
    for spec in (REVIEW, ACTIONS, INDICATORS, DATA, NARRATIVES, CASE_STUDIES, INTERLINKAGES, TRANSLATIONS)
}
#: Sheets vlr writes for the people who fill a review in (``vlr init``) and reads past quietly.
REFERENCE_SHEETS = ("Guide", "Targets")

#: What goes in each column (and Review field): the words of the workbook guide
#: (docs/workbook-format.md, whose tables :func:`help_table` writes) and of the input
#: messages ``vlr init`` puts on each heading. At most 255 characters each (Excel's limit).
HELP: dict[str, dict[str, str]] = {
    "Review": {
        "City": N_("The city or region the review is about (left empty: a warning, and the draft says *the city*)"),
        "Country": N_("Its country (left empty: a warning, and the draft says *the country*)"),
        "Year": N_("The year of the review"),
        "Title": N_('The document title (default: "*City* Voluntary Local Review *Year*")'),
        "Period": N_("The period the review covers, e.g. `2016–2025`"),
        "Language": N_("Language code of the review, default `en`: the draft's words, numbers and dates are in it"),
        "Organisation": N_("Who prepares the review"),
        "Contact": N_("An e-mail or phone number for questions"),
        "Themes": N_(
            "The review's themes, separated by commas (default, also when the field is left empty: "
            "Digitalisation, Climate, Learning, Events)"
        ),
        "HLPF goals": N_(
            "Goals to mark as reviewed in depth, e.g. `6, 7, 9, 11, 17` (default: the goals the UN "
            "High-level Political Forum reviews in the review year; the 2026 and 2027 sets are as "
            "announced and may change)"
        ),
        "Logo": N_(
            "The file name of the city's logo for the cover, a PNG or JPEG file in the same folder as the "
            "workbook, e.g. `logo.png`"
        ),
    },
    "Actions": {
        "Action ID": N_("A short, unique ID, e.g. `CLI-01`"),
        "Title": N_("The action's name"),
        "Theme": N_("One of the review's themes"),
        "SDG targets": N_("The SDG targets the action contributes to, e.g. `11.2, 13.2`"),
        "Description": N_("A sentence or two"),
        "Lead": N_("The department or company that leads it"),
        "Status": N_("`Planned`, `Ongoing`, `Completed` or `Discontinued`"),
        "Start year": N_("The year the action starts, from 1900 to 2100"),
        "End year": N_("The year it ends, from 1900 to 2100"),
        "Link": N_("A web address for more information"),
        "Budget": N_(
            "The money set aside for the action in the review period, a number without the currency, e.g. `2500000`"
        ),
        "Currency": N_("The currency of the budget as its three-letter code, e.g. `EUR`"),
    },
    "Indicators": {
        "Indicator ID": N_("A short, unique ID, e.g. `CLI-I1`"),
        "Name": N_("What is measured"),
        "Unit": N_(
            "The unit of the values, e.g. `%`, `km`, `t CO2e per inhabitant`. Left empty, it is a warning "
            "and the draft says the unit is not stated"
        ),
        "Direction": N_(
            "`increase` or `decrease`: which way is progress. Leave it empty, or write `unknown`, when "
            "neither is the aim: progress then shows the trend without a verdict"
        ),
        "SDG targets": N_("The SDG targets the indicator measures"),
        "SDG indicator": N_(
            "The official SDG indicator code(s) it corresponds to, e.g. `11.6.2`. Each must belong to "
            "one of the indicator's SDG targets"
        ),
        "Actions": N_("The IDs of the actions the indicator follows, e.g. `CLI-01, CLI-02`"),
        "Baseline year": N_("Where progress is measured from (default: 2015, or the first year with data after it)"),
        "Baseline value": N_("The value in the baseline year, if it is not in the Data sheet"),
        "Target year": N_("The year of the city's target, e.g. 2030"),
        "Target value": N_("The value the city aims at, e.g. 20"),
        "Source": N_("Where the figures come from"),
        "Owner": N_("Who keeps the figures up to date"),
        "Headline series": N_(
            "The Series that stands for the indicator, where it is not the total: e.g. `Girls`. "
            "Usually left empty (see *The headline* below)"
        ),
    },
    "Data": {
        "Indicator ID": N_("An ID from an Indicators sheet"),
        "Year": N_("A year from 1900 to the review year, or a period (see below)"),
        "Value": N_("The figure"),
        "Series": N_("A breakdown, e.g. `Women` or `Aged 65-74`. Leave it empty for the total"),
        "Area": N_(
            "Where the figure is for, when it is not the whole city (or region, or country) the review is "
            "about: a district, another region, the country, e.g. `Kallio`. Leave it empty for the review's own area"
        ),
        "Unit": N_("The unit of this row, where it is not the indicator's unit (a count beside a rate, say)"),
        "Note": N_("Anything a reader should know about the figure"),
        "Source": N_("Where this figure comes from, if not the indicator's source"),
    },
    "Narratives": {
        "Section": N_(
            "The section of the draft: opening, highlights, introduction, methodology, stakeholders, "
            "policy, goal-1 … goal-17, challenges, means, conclusion or recommendations"
        ),
        "Text": N_("Your text for that section; a line starting with `- ` is a bullet"),
        "Language": N_(
            "The language the text is in (`fi`, `sv`, `en`, …): a section may have a row per language. "
            "Without it, the text is in the Review sheet's `Language`"
        ),
    },
    "Case studies": {
        "Title": N_("The case study's title"),
        "SDG targets": N_(
            "The targets (e.g. `11.2`) or whole goals (e.g. `11`) it is about; it is shown in the "
            "chapter of the first goal and named in the others"
        ),
        "Text": N_("The story, a paragraph or two; a line starting with `- ` is a bullet"),
        "Quote": N_("A sentence someone said about it, without quotation marks"),
        "Quote by": N_("Who said it, e.g. `Anna Virtanen, teacher`"),
        "Picture": N_("The file name of a picture, a PNG or JPEG file in the same folder as the workbook"),
        "Link": N_("A web address for more information"),
    },
    "Interlinkages": {
        "From target": N_("The target whose work has the effect, e.g. `7.2`"),
        "To target": N_("The target it affects, e.g. `13.2`"),
        "Kind": N_("`synergy` (it helps) or `trade-off` (it hinders)"),
        "Note": N_("How, in a sentence"),
    },
    "Translations": {
        "Code": N_("A target (`11.2`) or an indicator (`11.2.1`) of the SDG framework"),
        "Language": N_("The language of the text, as a code: `fi`, `sv`, `de` …"),
        "Text": N_("The official text in that language, as the national statistics office or the government gives it"),
        "English": N_(
            "The English wording translated (optional): where the UN has reworded the text since, the row is not used"
        ),
    },
}


def help_table(sheet: str) -> str:
    """The guide's Markdown table of a sheet's columns (the Review sheet's fields)."""
    if sheet == "Review":
        rows = [(name, "yes" if REVIEW_FIELDS[name][0] else "no", text) for name, text in HELP[sheet].items()]
        head = "| Field | Required | Meaning |"
    else:
        spec = SHEETS[sheet.casefold()]
        rows = [(name, "yes" if name in spec.required else "no", text) for name, text in HELP[sheet].items()]
        head = "| Column | Required | Meaning |"
    return "\n".join([head, "|---|---|---|", *(f"| {a} | {b} | {c} |" for a, b, c in rows)])


def plain(text: str) -> str:
    """A help text without its Markdown, for an Excel input message."""
    return text.replace("`", "").replace("*", "")


#: Sheets every review must have somewhere among its workbooks.
REQUIRED_SHEETS = ("Review", "Actions", "Indicators", "Data")

#: Review fields: name → (required, default).
REVIEW_FIELDS: dict[str, tuple[bool, str | None]] = {
    # Not required: without them the draft leaves the place out (a place-missing warning).
    "City": (False, None),
    "Country": (False, None),
    "Year": (True, None),
    "Title": (False, None),
    "Period": (False, None),
    "Language": (False, "en"),
    "Organisation": (False, None),
    "Contact": (False, None),
    "Themes": (False, "Digitalisation, Climate, Learning, Events"),
    "HLPF goals": (False, None),
    "Logo": (False, None),
}

STATUSES = (N_("Planned"), N_("Ongoing"), N_("Completed"), N_("Discontinued"))
LINK_KINDS = (N_("synergy"), N_("trade-off"))
DIRECTIONS = (N_("increase"), N_("decrease"))
#: What a Direction cell may say when the desired direction is not known (or left empty).
UNKNOWN_DIRECTIONS = ("unknown", "none")

NARRATIVE_SECTIONS = (
    "opening",
    "highlights",
    "introduction",
    "methodology",
    "stakeholders",
    "policy",
    *(f"goal-{n}" for n in range(1, 18)),
    "challenges",
    "means",
    "conclusion",
    "recommendations",
)

#: Plausible years: data from FIRST_YEAR to the review year; targets up to LAST_YEAR.
#: 1900 leaves room for the historic baselines reviews use (1990 emissions, census series
#: from the 1950s) while a year such as 190 or 1066 is still caught as a typing error.
FIRST_YEAR = 1900  # the imports leave rows outside these out, counted (vlr.imports.open_sdg_rows)
LAST_YEAR = 2100
#: Data older than this many years before the review year is stale.
STALE_AFTER_YEARS = 3


def canonical(name: object) -> str:
    """How headings, sheet names and fields are compared: case-insensitive, spaces folded."""
    return " ".join(str(name).split()).casefold()
