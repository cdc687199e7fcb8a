"""The catalogue of finding rules: every rule a finding can name, declared once.

A :class:`Rule` is a stable code (``target-unknown``), the severity of its findings, a
short title saying what it means, and the hint its findings carry unless they give a more
specific one. The workbook rules are ``vlr validate``'s (and every command that reads a
review); the document rules are ``vlr check-docx``'s. A finding is made from its rule,
``Finding.of(rules.TARGET_UNKNOWN, message, hint, **place)`` (:mod:`vlr.findings`), and a
finding that names an undeclared rule, or a severity its rule does not take, is refused.
:func:`table` writes the guide's list of rules from this catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    #: Something vlr ignored on purpose (an unknown sheet or column): worth knowing, not wrong.
    NOTE = "note"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    #: What the rule means, in a few words: a row of the guide's table.
    title: str
    #: The hint of its findings when they give none of their own.
    hint: str | None = None
    #: The one other severity the rule takes, and where: (severity, "where, in words").
    unless: tuple[Severity, str] | None = None
    #: The command whose rule it is: "validate" (the workbooks) or "check-docx" (a document).
    command: str = "validate"

    @property
    def severities(self) -> tuple[Severity, ...]:
        return (self.severity,) if self.unless is None else (self.severity, self.unless[0])


E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTE

# --- the workbooks: errors ---------------------------------------------------------------

INPUT_UNREADABLE = Rule(
    "input-unreadable",
    E,
    "The workbook, folder or document cannot be read at all: the command stops (with `--format json`, "
    "this is its one finding)",
)
SHEET_MISSING = Rule("sheet-missing", E, "No workbook has an Actions, Indicators or Data sheet; all three are needed")
REVIEW_MISSING = Rule(
    "review-missing",
    E,
    "No workbook has a Review sheet",
    "add a sheet named Review with the columns Field and Value, and rows City, Country and Year",
)
REVIEW_DUPLICATE = Rule(
    "review-duplicate",
    E,
    "More than one Review sheet",
    "keep one Review sheet for the whole review and delete the other",
)
SHEET_UNREADABLE = Rule(
    "sheet-unreadable",
    E,
    "A sheet whose data is damaged; the other sheets are read",
    "open the workbook in Excel or LibreOffice (which may repair it) and save it again",
)
COLUMN_MISSING = Rule("column-missing", E, "A required column is missing")
COLUMN_DUPLICATE = Rule("column-duplicate", E, "Two columns have the same heading", "delete or rename one of them")
VALUE_MISSING = Rule(
    "value-missing",
    E,
    "A required cell or Review field is empty",
    unless=(W, "when Themes is empty: the default themes are used"),
)
VALUE_INVALID = Rule(
    "value-invalid",
    E,
    "Several targets in an interlinkage's Source or Target, which take one",
    "write one target code here, and a row for each other link",
)
FIELD_DUPLICATE = Rule("field-duplicate", E, "A Review field given twice", "keep one of the two rows")
TARGET_UNKNOWN = Rule("target-unknown", E, "Not a target of the SDG framework (the hint lists the goal's targets)")
INDICATOR_UNKNOWN = Rule("indicator-unknown", E, "Not an official SDG indicator code")
INDICATOR_TARGET_MISMATCH = Rule(
    "indicator-target-mismatch", E, "The official indicator belongs to a target the indicator does not list"
)
ACTION_DUPLICATE = Rule(
    "action-duplicate", E, "The same Action ID twice (both places are named)", "give each row its own ID"
)
INDICATOR_DUPLICATE = Rule(
    "indicator-duplicate", E, "The same Indicator ID twice (both places are named)", "give each row its own ID"
)
ACTION_UNDEFINED = Rule(
    "action-undefined",
    E,
    "An indicator names an action that no Actions sheet defines",
    "add the action to an Actions sheet, or correct the ID",
)
INDICATOR_UNDEFINED = Rule(
    "indicator-undefined",
    E,
    "Data for an indicator that no Indicators sheet defines",
    "add the indicator to an Indicators sheet, or correct the ID",
)
DIRECTION_INVALID = Rule("direction-invalid", E, "A Direction that is not one of the allowed words")
STATUS_INVALID = Rule("status-invalid", E, "A Status that is not one of the allowed words")
KIND_INVALID = Rule("kind-invalid", E, "An interlinkage's Kind that is not one of the allowed words")
CURRENCY_INVALID = Rule(
    "currency-invalid",
    E,
    "Not a three-letter currency code (`EUR`, `USD`, …)",
    "write the three-letter code of the currency, e.g. EUR, USD or SEK",
)
PICTURE_INVALID = Rule(
    "picture-invalid",
    E,
    "A logo or case-study picture that is not a readable PNG or JPEG file next to the workbook",
)
LINK_INVALID = Rule("link-invalid", E, "An interlinkage from a target to itself", "write two different targets")
YEAR_INVALID = Rule("year-invalid", E, "An implausible year, or a period vlr cannot read")
YEARS_REVERSED = Rule(
    "years-reversed", E, "An action that ends before it starts", "swap the two years, or correct one of them"
)
BASELINE_AFTER_TARGET = Rule(
    "baseline-after-target",
    E,
    "An indicator's baseline year after its target year",
    "the baseline is where progress is measured from: it must come before the target year",
)
PERIOD_MIXED = Rule(
    "period-mixed",
    E,
    "A series mixes kinds of period that overlap (`2016` beside `2016-2017`)",
    "write one kind of period per series, or give the other kind its own Series label",
)
NUMBER_INVALID = Rule("number-invalid", E, "Not a number (or a negative budget, or an HLPF goal that is not 1 to 17)")
DATA_DUPLICATE = Rule(
    "data-duplicate",
    E,
    "Two values for the same indicator, period, series and unit (also when the period is written two ways, "
    "`2017/18` and `2017-18`)",
    "keep one row per indicator, period and series (use Series for breakdowns); Series labels are compared "
    "without regard to capitals and repeated spaces",
)
FORMULA_UNCACHED = Rule(
    "formula-uncached",
    E,
    "A formula without a saved result",
    "open the workbook in Excel or LibreOffice, let it recalculate, and save it",
)
NARRATIVE_TEMPLATE = Rule(
    "narrative-template",
    E,
    "A narrative that uses template features (`{{ city }}`) wrongly: a syntax error, a name that does not "
    "exist, an include, or a text too long or too slow to write",
    "correct the template part of the text (README of templates/ lists the names it can use)",
)

# --- the workbooks: warnings -------------------------------------------------------------

ACTION_UNFOLLOWED = Rule(
    "action-unfollowed",
    W,
    "No indicator follows the action",
    "name the action in the Actions column of the indicator that shows its progress",
)
INDICATOR_NO_DATA = Rule(
    "indicator-no-data", W, "An indicator without data", "add its values to a Data sheet, one row per year"
)
INDICATOR_STALE = Rule(
    "indicator-stale",
    W,
    "The latest data of an indicator is more than 3 years older than the review year",
    "add recent values, or explain the gap in the Data sheet's Note column",
)
NARRATIVE_CLAIM = Rule(
    "narrative-claim",
    W,
    "A figure in a narrative or a case study that the indicator's data contradict (`halved since 2010` where the "
    "data give \u221230 %)",
    "correct the figure as the message says; if it is about something else than this indicator, say what it is about",
)
THEME_UNKNOWN = Rule(
    "theme-unknown",
    W,
    "A theme that is not among the review's themes",
    "use one of the review's themes, or add it to Themes on the Review sheet",
)
UNIT_MISSING = Rule(
    "unit-missing",
    W,
    "No unit: the indicator's figures are shown without one, and the draft says the unit is not stated",
    "write the unit the figures are in: %, km, t CO2e per inhabitant, number of visitors …",
)
PLACE_MISSING = Rule(
    "place-missing",
    W,
    "The Review sheet's City or Country is empty or missing: the draft leaves the place out of its title page "
    "and says 'the city' where it would name it",
    "write the city (or region) the review is about, and its country",
)
DIRECTION_UNKNOWN = Rule(
    "direction-unknown",
    W,
    "No desired direction: progress shows the trend only",
    "write increase or decrease if one of them is the aim; leave it empty or write unknown if neither is",
)
CURRENCY_MISSING = Rule(
    "currency-missing",
    W,
    "A budget without its currency: it is left out of the sums",
    "write the currency's code, e.g. EUR, in the Currency column",
)
LINK_DUPLICATE = Rule("link-duplicate", W, "The same interlinkage twice", "keep one of the two rows")
TARGET_GOAL_ONLY = Rule(
    "target-goal-only",
    W,
    "A whole goal where a target is expected",
    unless=(E, "in an Interlinkages sheet"),
)
CODE_AS_NUMBER = Rule(
    "code-as-number",
    W,
    "A code stored as a number (Excel turns `16.10` into `16.1`): format the column as Text",
)
NARRATIVE_UNKNOWN = Rule("narrative-unknown", W, "A narrative for a section the draft does not have")
NARRATIVE_EMPTY = Rule(
    "narrative-empty",
    W,
    "An empty narrative section",
    "write the text, or delete the row to get a placeholder in the draft",
)
NARRATIVE_LANGUAGE = Rule(
    "narrative-language",
    E,
    "A narrative's Language that is no language code",
    "write the language's code: fi, sv, en, de …",
)
TRANSLATION_LANGUAGE = Rule(
    "translation-language",
    E,
    "A framework translation whose Language is no language code, or is English (the framework's own)",
    "write the code of the language the text is in: fi, sv, de …",
)
TRANSLATION_UNKNOWN = Rule(
    "translation-unknown",
    W,
    "A framework translation of a code that is no target or indicator of the framework: not used",
    "write the code of a target (11.2) or an indicator (11.2.1)",
)
TRANSLATION_OUTDATED = Rule(
    "translation-outdated",
    W,
    "A framework translation whose English is not the framework's wording (the UN has reworded it since): not "
    "used, the official English is quoted",
    "translate the framework's wording (vlr framework show CODE) and write it in the English column",
)
TRANSLATION_DUPLICATE = Rule(
    "translation-duplicate",
    W,
    "A second translation of a code in the same language: the first is used",
    "delete one of the rows",
)
SHEET_EMPTY = Rule("sheet-empty", W, "An empty sheet")
FILE_SKIPPED = Rule(
    "file-skipped",
    W,
    "A spreadsheet in the folder that is not `.xlsx`, or a workbook whose name ends in a space or lacks `.xlsx`",
)
CELL_STRAY = Rule("cell-stray", W, "A value far from the table, not read")

# --- the workbooks: notes ----------------------------------------------------------------

SHEET_UNKNOWN = Rule("sheet-unknown", N, "A sheet vlr does not read, skipped")
COLUMN_UNKNOWN = Rule("column-unknown", N, "A column vlr does not read, skipped")
FIELD_UNKNOWN = Rule("field-unknown", N, "A Review field vlr does not read, skipped")
PERIOD_SUB_ANNUAL = Rule(
    "period-sub-annual",
    N,
    "Several values in one year: the latest of each year is used",
    "nothing to do, unless another value should stand for the year",
)
ROWS_SKIPPED = Rule(
    "rows-skipped",
    N,
    "Rows above the headings (a title) were passed over",
    "nothing to do if it is a title; vlr reads the table from its headings down",
)

# --- a Word document (vlr check-docx) ----------------------------------------------------

TITLE_MISSING = Rule(
    "title-missing",
    E,
    "The document has no title in its properties",
    "set File > Info > Properties > Title",
    command="check-docx",
)
LANGUAGE_MISSING = Rule(
    "language-missing",
    E,
    "The document's language is not set",
    "choose Review > Language > Set Proofing Language for the whole document",
    command="check-docx",
)
PICTURE_ALT_MISSING = Rule(
    "picture-alt-missing",
    E,
    "A picture without alt text",
    "right-click it > Edit Alt Text, and say what it shows",
    command="check-docx",
)
TABLE_HEADER_MISSING = Rule(
    "table-header-missing",
    E,
    "A table whose first row is not marked as a header row (repeated on each page and read as headers by "
    "screen readers)",
    "select the first row, Table Properties > Row > Repeat as header row at the top of each page",
    command="check-docx",
)
CONTRAST_LOW = Rule(
    "contrast-low",
    E,
    "Text whose colour has less than 4.5:1 contrast with its background (3:1 for large text)",
    "use a darker text colour",
    command="check-docx",
)
TABLE_TOO_WIDE = Rule(
    "table-too-wide",
    E,
    "A table wider than the text area of its page",
    "narrow its columns, split it, or put it on a landscape page",
    command="check-docx",
)
TABLE_COLUMNS_TOO_MANY = Rule(
    "table-columns-too-many",
    E,
    "More than 63 columns, the most Word can hold",
    "split it into several tables, or turn it round (rows for columns)",
    command="check-docx",
)
PICTURE_TOO_WIDE = Rule(
    "picture-too-wide",
    E,
    "A picture wider than the text area",
    "make it smaller: select it, Format > Size",
    command="check-docx",
)
PARAGRAPH_EMPTY = Rule(
    "paragraph-empty",
    W,
    "An empty paragraph used for spacing",
    "delete it and use the paragraph's Spacing Before/After instead",
    command="check-docx",
)
LIST_FAKE = Rule(
    "list-fake",
    W,
    "A paragraph that starts with a bullet or number typed by hand instead of a real list (in a table, two "
    "such paragraphs in one cell: a name alone in a cell is not a list)",
    "use the Bullets or Numbering button",
    command="check-docx",
)
HEADING_SKIP = Rule("heading-skip", W, "A heading more than one level below the previous one", command="check-docx")
TABLE_COLUMN_NARROW = Rule(
    "table-column-narrow",
    W,
    "A column narrower than 0.7 cm (about four digits of table text), where numbers wrap one character a line",
    "give the table fewer columns, or split it",
    command="check-docx",
)

#: Every rule by its code, in the order declared (the order of the guide's tables).
WORD_ORDER = Rule(
    "word-order",
    E,
    "Elements in an order Word does not accept (ECMA-376 makes their properties a sequence): Word repairs or "
    "drops them, Word for the web calls the file damaged",
    "open and save the file in Word, or ask the tool that wrote it to write the schema's order",
    command="check-docx",
)
WORD_IDS = Rule(
    "word-ids",
    E,
    "An id used twice across the document's parts (pictures, bookmarks), or a bookmark end without its start",
    "open and save the file in Word, which renumbers them",
    command="check-docx",
)
WORD_RELATIONSHIP = Rule(
    "word-relationship",
    E,
    "A relationship of the package that points at a part it lacks, or a reference to a relationship that is not "
    "there (a picture or header that cannot be found)",
    "insert the picture or header again, or ask the tool that wrote the file",
    command="check-docx",
)

RULES: dict[str, Rule] = {r.code: r for r in list(globals().values()) if isinstance(r, Rule)}


def table(command: str) -> str:
    """The Markdown table of a command's rules: code, severity, what it means."""
    rows = []
    for rule in RULES.values():
        if rule.command == command:
            severity = rule.severity.value
            if rule.unless:
                severity += f" ({rule.unless[0].value} {rule.unless[1]})"
            rows.append(f"| `{rule.code}` | {severity} | {rule.title} |")
    return "\n".join(["| Rule | Severity | What it means |", "|---|---|---|", *rows])
