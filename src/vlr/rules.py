"""The catalogue of finding rules: every rule a finding can name, declared once.

A :class:`Rule` is a stable code (``target-unknown``), the severity of its findings, a
short title saying what it means, and the hint its findings carry unless they give a more
specific one. The workbook rules are ``vlr validate``'s (and every command that reads a
review); the document rules are ``vlr check-docx``'s. A finding is made from its rule,
``Finding.of(rules.TARGET_UNKNOWN, message, hint, **place)`` (:mod:`vlr.findings`), and a
finding that names an undeclared rule, or a severity its rule does not take, is refused.
:func:`table` writes the guide's list of rules from this catalogue, in English.

The titles and hints are English, marked for the catalogues (``N_``): a finding says its
rule's hint in the language of the report that shows it, and :attr:`Rule.said_title` and
:attr:`Rule.said_hint` say them in the language spoken.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from vlr.formatting import N_, NP_, _, p_


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    #: Something vlr ignored on purpose (an unknown sheet or column): worth knowing, not wrong.
    NOTE = "note"

    @property
    def said(self) -> str:
        """The severity's word in the language spoken (the value, ``error``, is the JSON's)."""
        return p_("severity", self.value)


#: The severities' words, for the catalogues.
SEVERITY_WORDS = (NP_("severity", "error"), NP_("severity", "warning"), NP_("severity", "note"))


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

    @property
    def said_title(self) -> str:
        """The title in the language spoken (:func:`vlr.formatting.speaking`)."""
        return _(self.title)

    @property
    def said_hint(self) -> str | None:
        """The default hint in the language spoken, or None."""
        return None if self.hint is None else _(self.hint)


E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTE

# --- the workbooks: errors ---------------------------------------------------------------

INPUT_UNREADABLE = Rule(
    "input-unreadable",
    E,
    N_(
        "The workbook, folder or document cannot be read at all: the command stops (with `--format json`, "
        "this is its one finding)"
    ),
)
SHEET_MISSING = Rule(
    "sheet-missing", E, N_("No workbook has an Actions, Indicators or Data sheet; all three are needed")
)
REVIEW_MISSING = Rule(
    "review-missing",
    E,
    N_("No workbook has a Review sheet"),
    N_("add a sheet named Review with the columns Field and Value, and rows City, Country and Year"),
)
REVIEW_DUPLICATE = Rule(
    "review-duplicate",
    E,
    N_("More than one Review sheet"),
    N_("keep one Review sheet for the whole review and delete the other"),
)
SHEET_UNREADABLE = Rule(
    "sheet-unreadable",
    E,
    N_("A sheet whose data is damaged; the other sheets are read"),
    N_("open the workbook in Excel or LibreOffice (which may repair it) and save it again"),
)
COLUMN_MISSING = Rule("column-missing", E, N_("A required column is missing"))
COLUMN_DUPLICATE = Rule(
    "column-duplicate", E, N_("Two columns have the same heading"), N_("delete or rename one of them")
)
VALUE_MISSING = Rule(
    "value-missing",
    E,
    N_("A required cell or Review field is empty"),
    unless=(W, N_("when Themes is empty: the default themes are used")),
)
VALUE_INVALID = Rule(
    "value-invalid",
    E,
    N_("Several targets in an interlinkage's Source or Target, which take one"),
    N_("write one target code here, and a row for each other link"),
)
FIELD_DUPLICATE = Rule("field-duplicate", E, N_("A Review field given twice"), N_("keep one of the two rows"))
TARGET_UNKNOWN = Rule("target-unknown", E, N_("Not a target of the SDG framework (the hint lists the goal's targets)"))
INDICATOR_UNKNOWN = Rule("indicator-unknown", E, N_("Not an official SDG indicator code"))
INDICATOR_TARGET_MISMATCH = Rule(
    "indicator-target-mismatch", E, N_("The official indicator belongs to a target the indicator does not list")
)
ACTION_DUPLICATE = Rule(
    "action-duplicate", E, N_("The same Action ID twice (both places are named)"), N_("give each row its own ID")
)
INDICATOR_DUPLICATE = Rule(
    "indicator-duplicate", E, N_("The same Indicator ID twice (both places are named)"), N_("give each row its own ID")
)
ACTION_UNDEFINED = Rule(
    "action-undefined",
    E,
    N_("An indicator names an action that no Actions sheet defines"),
    N_("add the action to an Actions sheet, or correct the ID"),
)
INDICATOR_UNDEFINED = Rule(
    "indicator-undefined",
    E,
    N_("Data for an indicator that no Indicators sheet defines"),
    N_("add the indicator to an Indicators sheet, or correct the ID"),
)
DIRECTION_INVALID = Rule("direction-invalid", E, N_("A Direction that is not one of the allowed words"))
STATUS_INVALID = Rule("status-invalid", E, N_("A Status that is not one of the allowed words"))
KIND_INVALID = Rule("kind-invalid", E, N_("An interlinkage's Kind that is not one of the allowed words"))
CURRENCY_INVALID = Rule(
    "currency-invalid",
    E,
    N_("Not a three-letter currency code (`EUR`, `USD`, …)"),
    N_("write the three-letter code of the currency, e.g. EUR, USD or SEK"),
)
PICTURE_INVALID = Rule(
    "picture-invalid",
    E,
    N_("A logo or case-study picture that is not a readable PNG or JPEG file next to the workbook"),
)
LINK_INVALID = Rule("link-invalid", E, N_("An interlinkage from a target to itself"), N_("write two different targets"))
YEAR_INVALID = Rule("year-invalid", E, N_("An implausible year, or a period vlr cannot read"))
YEARS_REVERSED = Rule(
    "years-reversed", E, N_("An action that ends before it starts"), N_("swap the two years, or correct one of them")
)
BASELINE_AFTER_TARGET = Rule(
    "baseline-after-target",
    E,
    N_("An indicator's baseline year after its target year"),
    N_("the baseline is where progress is measured from: it must come before the target year"),
)
PERIOD_MIXED = Rule(
    "period-mixed",
    E,
    N_("A series mixes kinds of period that overlap (`2016` beside `2016-2017`)"),
    N_("write one kind of period per series, or give the other kind its own Series label"),
)
NUMBER_INVALID = Rule(
    "number-invalid", E, N_("Not a number (or a negative budget, or an HLPF goal that is not 1 to 17)")
)
DATA_DUPLICATE = Rule(
    "data-duplicate",
    E,
    N_(
        "Two values for the same indicator, period, series and unit (also when the period is written two ways, "
        "`2017/18` and `2017-18`)"
    ),
    N_(
        "keep one row per indicator, period and series (use Series for breakdowns); Series labels are compared "
        "without regard to capitals and repeated spaces"
    ),
)
FORMULA_UNCACHED = Rule(
    "formula-uncached",
    E,
    N_("A formula without a saved result"),
    N_("open the workbook in Excel or LibreOffice, let it recalculate, and save it"),
)
NARRATIVE_TEMPLATE = Rule(
    "narrative-template",
    E,
    N_(
        "A narrative that uses template features (`{{ city }}`) wrongly: a syntax error, a name that does not "
        "exist, an include, or a text too long or too slow to write"
    ),
    N_("correct the template part of the text (README of templates/ lists the names it can use)"),
)

# --- the workbooks: warnings -------------------------------------------------------------

ACTION_UNFOLLOWED = Rule(
    "action-unfollowed",
    W,
    N_("No indicator follows the action"),
    N_("name the action in the Actions column of the indicator that shows its progress"),
)
INDICATOR_NO_DATA = Rule(
    "indicator-no-data", W, N_("An indicator without data"), N_("add its values to a Data sheet, one row per year")
)
INDICATOR_STALE = Rule(
    "indicator-stale",
    W,
    N_("The latest data of an indicator is more than 3 years older than the review year"),
    N_("add recent values, or explain the gap in the Data sheet's Note column"),
)
NARRATIVE_CLAIM = Rule(
    "narrative-claim",
    W,
    N_(
        "A figure in a narrative or a case study that the indicator's data contradict (`halved since 2010` where the "
        "data give \u221230 %)"
    ),
    N_(
        "correct the figure as the message says; if it is about something else than this indicator, "
        "say what it is about"
    ),
)
THEME_UNKNOWN = Rule(
    "theme-unknown",
    W,
    N_("A theme that is not among the review's themes"),
    N_("use one of the review's themes, or add it to Themes on the Review sheet"),
)
UNIT_MISSING = Rule(
    "unit-missing",
    W,
    N_("No unit: the indicator's figures are shown without one, and the draft says the unit is not stated"),
    N_("write the unit the figures are in: %, km, t CO2e per inhabitant, number of visitors …"),
)
PLACE_MISSING = Rule(
    "place-missing",
    W,
    N_(
        "The Review sheet's City or Country is empty or missing: the draft leaves the place out of its title page "
        "and says 'the city' where it would name it"
    ),
    N_("write the city (or region) the review is about, and its country"),
)
DIRECTION_UNKNOWN = Rule(
    "direction-unknown",
    W,
    N_("No desired direction: progress shows the trend only"),
    N_("write increase or decrease if one of them is the aim; leave it empty or write unknown if neither is"),
)
CURRENCY_MISSING = Rule(
    "currency-missing",
    W,
    N_("A budget without its currency: it is left out of the sums"),
    N_("write the currency's code, e.g. EUR, in the Currency column"),
)
LINK_DUPLICATE = Rule("link-duplicate", W, N_("The same interlinkage twice"), N_("keep one of the two rows"))
TARGET_GOAL_ONLY = Rule(
    "target-goal-only",
    W,
    N_("A whole goal where a target is expected"),
    unless=(E, N_("in an Interlinkages sheet")),
)
CODE_AS_NUMBER = Rule(
    "code-as-number",
    W,
    N_("A code stored as a number (Excel turns `16.10` into `16.1`): format the column as Text"),
)
NARRATIVE_UNKNOWN = Rule("narrative-unknown", W, N_("A narrative for a section the draft does not have"))
NARRATIVE_EMPTY = Rule(
    "narrative-empty",
    W,
    N_("An empty narrative section"),
    N_("write the text, or delete the row to get a placeholder in the draft"),
)
NARRATIVE_LANGUAGE = Rule(
    "narrative-language",
    E,
    N_("A narrative's Language that is no language code"),
    N_("write the language's code: fi, sv, en, de …"),
)
TRANSLATION_LANGUAGE = Rule(
    "translation-language",
    W,
    N_("A framework translation whose Language is no language code, or is English (the framework's own): not used"),
    N_("write the code of the language the text is in: fi, sv, de …"),
)
TRANSLATION_UNKNOWN = Rule(
    "translation-unknown",
    W,
    N_("A framework translation of a code that is no target or indicator of the framework: not used"),
    N_("write the code of a target (11.2) or an indicator (11.2.1)"),
)
TRANSLATION_OUTDATED = Rule(
    "translation-outdated",
    W,
    N_(
        "A framework translation whose English is not the framework's wording (the UN has reworded it since): "
        "not used, the official English is quoted"
    ),
    N_("translate the framework's wording (vlr framework show CODE) and write it in the English column"),
)
TRANSLATION_DUPLICATE = Rule(
    "translation-duplicate",
    W,
    N_("A second translation of a code in the same language: the first is used"),
    N_("delete one of the rows"),
)
SHEET_EMPTY = Rule("sheet-empty", W, N_("An empty sheet"))
FILE_SKIPPED = Rule(
    "file-skipped",
    W,
    N_("A spreadsheet in the folder that is not `.xlsx`, or a workbook whose name ends in a space or lacks `.xlsx`"),
)
CELL_STRAY = Rule("cell-stray", W, N_("A value far from the table, not read"))

# --- the workbooks: notes ----------------------------------------------------------------

SHEET_UNKNOWN = Rule("sheet-unknown", N, N_("A sheet vlr does not read, skipped"))
COLUMN_UNKNOWN = Rule("column-unknown", N, N_("A column vlr does not read, skipped"))
FIELD_UNKNOWN = Rule("field-unknown", N, N_("A Review field vlr does not read, skipped"))
PERIOD_SUB_ANNUAL = Rule(
    "period-sub-annual",
    N,
    N_("Several values in one year: the latest of each year is used"),
    N_("nothing to do, unless another value should stand for the year"),
)
ROWS_SKIPPED = Rule(
    "rows-skipped",
    N,
    N_("Rows above the headings (a title) were passed over"),
    N_("nothing to do if it is a title; vlr reads the table from its headings down"),
)

# --- a Word document (vlr check-docx) ----------------------------------------------------

TITLE_MISSING = Rule(
    "title-missing",
    E,
    N_("The document has no title in its properties"),
    N_("set File > Info > Properties > Title"),
    command="check-docx",
)
LANGUAGE_MISSING = Rule(
    "language-missing",
    E,
    N_("The document's language is not set"),
    N_("choose Review > Language > Set Proofing Language for the whole document"),
    command="check-docx",
)
PICTURE_ALT_MISSING = Rule(
    "picture-alt-missing",
    E,
    N_("A picture without alt text"),
    N_("right-click it > Edit Alt Text, and say what it shows"),
    command="check-docx",
)
TABLE_HEADER_MISSING = Rule(
    "table-header-missing",
    E,
    N_(
        "A table whose first row is not marked as a header row (repeated on each page and read as headers by "
        "screen readers)"
    ),
    N_("select the first row, Table Properties > Row > Repeat as header row at the top of each page"),
    command="check-docx",
)
CONTRAST_LOW = Rule(
    "contrast-low",
    E,
    N_("Text whose colour has less than 4.5:1 contrast with its background (3:1 for large text)"),
    N_("use a darker text colour"),
    command="check-docx",
)
TABLE_TOO_WIDE = Rule(
    "table-too-wide",
    E,
    N_("A table wider than the text area of its page"),
    N_("narrow its columns, split it, or put it on a landscape page"),
    command="check-docx",
)
TABLE_COLUMNS_TOO_MANY = Rule(
    "table-columns-too-many",
    E,
    N_("More than 63 columns, the most Word can hold"),
    N_("split it into several tables, or turn it round (rows for columns)"),
    command="check-docx",
)
PICTURE_TOO_WIDE = Rule(
    "picture-too-wide",
    E,
    N_("A picture wider than the text area"),
    N_("make it smaller: select it, Format > Size"),
    command="check-docx",
)
PARAGRAPH_EMPTY = Rule(
    "paragraph-empty",
    W,
    N_("An empty paragraph used for spacing"),
    N_("delete it and use the paragraph's Spacing Before/After instead"),
    command="check-docx",
)
LIST_FAKE = Rule(
    "list-fake",
    W,
    N_(
        "A paragraph that starts with a bullet or number typed by hand instead of a real list (in a table, two "
        "such paragraphs in one cell: a name alone in a cell is not a list)"
    ),
    N_("use the Bullets or Numbering button"),
    command="check-docx",
)
HEADING_SKIP = Rule("heading-skip", W, N_("A heading more than one level below the previous one"), command="check-docx")
TABLE_COLUMN_NARROW = Rule(
    "table-column-narrow",
    W,
    N_("A column narrower than 0.7 cm (about four digits of table text), where numbers wrap one character a line"),
    N_("give the table fewer columns, or split it"),
    command="check-docx",
)

#: Every rule by its code, in the order declared (the order of the guide's tables).
WORD_ORDER = Rule(
    "word-order",
    E,
    N_(
        "Elements in an order Word does not accept (ECMA-376 makes their properties a sequence): Word repairs or "
        "drops them, Word for the web calls the file damaged"
    ),
    N_("open and save the file in Word, or ask the tool that wrote it to write the schema's order"),
    command="check-docx",
)
WORD_IDS = Rule(
    "word-ids",
    E,
    N_("An id used twice across the document's parts (pictures, bookmarks), or a bookmark end without its start"),
    N_("open and save the file in Word, which renumbers them"),
    command="check-docx",
)
WORD_RELATIONSHIP = Rule(
    "word-relationship",
    E,
    N_(
        "A relationship of the package that points at a part it lacks, or a reference to a relationship that is not "
        "there (a picture or header that cannot be found)"
    ),
    N_("insert the picture or header again, or ask the tool that wrote the file"),
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
