"""Turning what officers type into values: text, numbers, years, lists, SDG codes.

Pure functions. A value that cannot be understood raises :class:`ValueProblem`, whose
message says in plain words what was found and what is expected; the reader turns it
into a located finding.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from vlr.exceptions import ValueProblem
from vlr.findings import later


def number_hint():
    """The hint of a cell that is no number, said in the language of the report that shows it."""
    return later._("write a number such as 1234.5 or 1 234,5")


def year_hint():
    """The hint of a cell that is no year, said in the language of the report that shows it."""
    return later._("write the year as four digits, e.g. 2021")


_XML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Characters a Word document (XML 1.0) cannot hold: C0 controls but tab and line feed,
# lone surrogates, and the two non-characters U+FFFE/U+FFFF.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_EMPTY = ("", None)
_NEEDS_CLEANING = re.compile("[\x00-\x1f\x7f\u00a0\u2007\u202f\ud800-\udfff\ufffe\uffff]|_x|  ")


def clean_text(value: Any) -> str:
    """A cell as clean text: escapes such as ``_x000B_`` decoded, characters that
    cannot go into a Word document dropped, non-breaking spaces made plain,
    line breaks kept (``\\r\\n`` → ``\\n``), surrounding space stripped."""
    if type(value) is str:
        if not _NEEDS_CLEANING.search(value):
            return value.strip()  # the common case: plain text
        text = value
    elif value is None:
        return ""
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    if "_x" in text:
        text = _XML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _BAD_CHARS.sub("", text)
    text = _SPACES.sub(lambda m: "\t" if m.group() == "\t" else " ", text)
    return "\n".join(line.strip() for line in text.strip().split("\n"))


def quote(text: Any, limit: int = 60) -> str:
    """A cell's content as messages quote it: on one line, and shortened with an ellipsis
    when longer than ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def is_blank(value: Any) -> bool:
    return value in _EMPTY or (isinstance(value, str) and not value.strip())


_NUMBER_SPACES = re.compile(r"[\s\u00a0\u2007\u202f']")
_NUMBER_CHARS = re.compile(r"[+-]?[0-9.,]+([eE][+-]?\d+)?")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def parse_number(value: Any) -> float:
    """A number from a number cell or from text as officers type it:
    ``1234.5``, ``1 234,5`` (Finnish), ``1,234.5``, ``1.234,5``, ``12 %``, ``−3``.

    A lone comma followed by exactly three digits (``1,234``) is ambiguous and refused."""
    if type(value) is str and _PLAIN_NUMBER.fullmatch(plain := value.strip()):  # "12.5": most of a CSV file's
        return _plausible(float(plain), plain)
    if isinstance(value, bool):
        raise ValueProblem(
            later._("'{value}' is a yes/no value, not a number.", value=value), later._("type the number itself")
        )
    if isinstance(value, (int, float)):
        return _plausible(float(value), str(value))
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        raise ValueProblem(
            later._("'{value}' is a date or time, not a number.", value=value),
            later._("format the cell as Number (Format Cells > Number) and type the value again"),
        )
    text = clean_text(value)
    original = text
    text = text.replace("\u2212", "-").replace("\u2013", "-")
    text = _NUMBER_SPACES.sub("", text)
    if text.endswith("%"):
        text = text[:-1]
    if not _NUMBER_CHARS.fullmatch(text):
        hint = later._("write only the number; the unit belongs in the Unit column") if re.search(r"\d", text) else None
        raise ValueProblem(later._("'{value}' is not a number.", value=quote(original)), hint or number_hint())
    comma, dot = text.count(","), text.count(".")
    if comma and dot:
        # The separator that comes last is the decimal one.
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif comma == 1:
        whole, frac = text.split(",")
        if len(frac) == 3 and whole.lstrip("+-") not in ("", "0"):
            thousands, decimal = whole + frac, whole + "." + frac
            raise ValueProblem(
                later._("'{value}' is ambiguous: a thousands separator or a decimal comma?", value=quote(original)),
                later._("type {whole} or {decimal}, or enter it as a number cell", whole=thousands, decimal=decimal),
            )
        text = text.replace(",", ".")
    elif comma > 1:
        text = text.replace(",", "")
    elif dot > 1:
        text = text.replace(".", "")  # 1.234.567 (dots as thousands separators)
    if not _PLAIN_NUMBER.fullmatch(text):
        raise ValueProblem(later._("'{value}' is not a number.", value=quote(original)), number_hint())
    return _plausible(float(text), original)


#: Largest magnitude a figure of a review may have: a quadrillion is more than any budget
#: or population in euros or people; past it a value is a typing or export error (and
#: past 1e308 not a number a computer can hold at all).
MAX_MAGNITUDE = 1e15


def _plausible(number: float, original: str) -> float:
    if math.isnan(number):
        raise ValueProblem(later._("'{value}' is not a number.", value=quote(original, 30)), number_hint())
    if not math.isfinite(number) or abs(number) >= MAX_MAGNITUDE:
        raise ValueProblem(
            later._(
                "'{value}' is too large to be a figure of the review (a quadrillion or more).",
                value=quote(original, 30),
            ),
            later._("check the value: it may have lost its decimal point, or hold an error code"),
        )
    return number


_YEAR_TEXT = re.compile(r"(\d{4})(?:\.0+)?")
_DATE_TEXT = re.compile(r"(\d{4})-\d{1,2}-\d{1,2}(?:[ T].*)?|\d{1,2}[./]\d{1,2}[./](\d{4})")


def parse_year(value: Any) -> int:
    """A year from a number, a text such as ``2021``, or a date (its year)."""
    if isinstance(value, bool):
        raise ValueProblem(later._("'{value}' is a yes/no value, not a year.", value=value), year_hint())
    if isinstance(value, (dt.date, dt.datetime)):
        return value.year
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not value.is_integer():
            raise ValueProblem(later._("'{value}' is not a year.", value=quote(f"{value:g}")), year_hint())
        return int(value)
    text = clean_text(value)
    m = _YEAR_TEXT.fullmatch(text)
    if m:
        return int(m.group(1))
    m = _DATE_TEXT.fullmatch(text)
    if m:
        return int(m.group(1) or m.group(2))
    raise ValueProblem(later._("'{value}' is not a year.", value=quote(text)), year_hint())


_LIST_SEP = re.compile(r"[,;\n]+")
_LEADING_WORD = re.compile(r"^(?:sdgs?|targets?|indicators?|goals?)\b[\s:#.-]*", re.IGNORECASE)


def split_list(value: Any) -> list[str]:
    """Items of a list cell, separated by commas, semicolons or line breaks,
    with a leading ``SDG``/``Target``/``Indicator`` word dropped (``SDG 11.2`` → ``11.2``)."""
    text = clean_text(value)
    items = []
    for part in _LIST_SEP.split(text):
        part = _LEADING_WORD.sub("", part.strip()).strip()
        if part:
            items.append(part)
    return items


def split_ids(value: Any) -> list[str]:
    """Items of a list of IDs (action IDs), without dropping any leading word."""
    return [p.strip() for p in _LIST_SEP.split(clean_text(value)) if p.strip()]


def normalise_code(code: str) -> str:
    """``11.A`` → ``11.a``; ``11 .2`` → ``11.2``; ``11.2.`` → ``11.2``."""
    code = re.sub(r"\s+", "", code).rstrip(".")
    return code.lower()


def numeric_code(value: float) -> str:
    """The text Excel would show for a number typed in a code column (11.2 → ``11.2``)."""
    return f"{value:g}" if not float(value).is_integer() else str(int(value))


def goal_numbers(text: str) -> list[int]:
    """``6,7,9`` (or ``6; 7; 9``) → ``[6, 7, 9]``; a :class:`ValueError` saying what to write."""
    try:
        goals = [int(v) for v in text.replace(";", ",").split(",") if v.strip()]
    except ValueError:
        raise ValueError("give goal numbers separated by commas, e.g. 6,7,9,11,17") from None
    if any(not 1 <= g <= 17 for g in goals):
        raise ValueError("goal numbers go from 1 to 17")
    return goals


def split_themes(text: str | None) -> list[str] | None:
    """``Climate; Learning`` (or one a line) → the themes, as ``vlr init --themes`` takes them;
    None for no text. (The Themes cell of a review is read split at commas too, so a theme's
    name with a comma in it comes back as two.)"""
    if not text:
        return None
    return [t.strip() for t in re.split(r"[;\n]", text) if t.strip()]


#: What a text may begin with that makes a spreadsheet program take it for a formula (OWASP's
#: guidance on CSV injection): ``=``, ``+``, ``-``, ``@``, a tab, a carriage return.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\s?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?\s?%?")


def formula_like(text: str) -> bool:
    """Whether ``text`` would be read as a formula were it typed into a cell: it begins with
    one of :data:`FORMULA_STARTS` and is not a plain number (``-5``, ``+3.1 %``)."""
    return text.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(text.strip())


def csv_cell(value: Any) -> Any:
    """A value for a CSV that vlr writes: a text that a spreadsheet would take for a formula
    gets a leading apostrophe, as OWASP advises, so that it stays text when the file is opened."""
    return "'" + value if isinstance(value, str) and formula_like(value) else value
