"""Numbers as a reader of the review expects them: in the review's language
(``3,6`` in Finnish, ``3.6`` in English), with their units. Uses Babel's CLDR data.
Also the language tag a document in the review's language is marked with."""

from __future__ import annotations

import functools
import math
import re

#: The review's language (the Review sheet's ``Language``) → the tag a document in it is marked with.
LANGUAGE_TAGS = {
    "en": "en-GB",
    "fi": "fi-FI",
    "sv": "sv-SE",
    "de": "de-DE",
    "fr": "fr-FR",
    "es": "es-ES",
    "it": "it-IT",
    "nl": "nl-NL",
    "da": "da-DK",
    "nb": "nb-NO",
    "et": "et-EE",
    "pt": "pt-PT",
}


@functools.lru_cache(maxsize=16)
def _locale(language: str):
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse("en")


def decimals_for(value: float) -> int:
    """Enough decimals to show a change without clutter: 1 234 | 123.4 | 12.34 | 0.123."""
    size = abs(value)
    if size >= 1000:
        return 0
    if size >= 100:
        return 1
    if size >= 1 or size == 0:
        return 2
    return 3


def number(value: float | None, language: str = "en", decimals: int | None = None) -> str:
    """``value`` formatted for ``language``; an en dash for no value."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "\u2013"
    if abs(value) >= 1e15:  # beyond what a review's figures hold: no grouping of 300 digits
        return f"{value:.3g}"
    places = decimals_for(value) if decimals is None else decimals
    symbols = _symbols(language or "en")
    if symbols is None:  # grouping other than by thousands (Indian lakh): Babel's own pattern
        return _pattern(places).apply(round(value, places), _locale(language))
    # Python's own formatting, with the locale's symbols: Babel's pattern.apply() is the
    # slow part of a large annex, and for grouping by thousands gives the same text
    text = f"{round(value, places):,.{places}f}"
    if places:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    group, decimal = symbols
    return text.translate({ord(","): group, ord("."): decimal})


@functools.lru_cache(maxsize=16)
def _symbols(language: str) -> tuple[str, str] | None:
    """The locale's group and decimal signs, where it groups digits by thousands (the
    minus stays a hyphen-minus, as Babel's patterns write it)."""
    locale = _locale(language)
    pattern = locale.decimal_formats.get(None)
    if pattern is None or tuple(pattern.grouping) != (3, 3):
        return None
    numbers = locale.number_symbols.get("latn", locale.number_symbols) if hasattr(locale, "number_symbols") else {}
    try:
        return numbers["group"], numbers["decimal"]
    except (KeyError, TypeError):
        return None


@functools.lru_cache(maxsize=8)
def _pattern(places: int):
    """Babel's parsed number pattern with up to ``places`` decimals (parsing is the slow part)."""
    from babel.numbers import parse_pattern

    return parse_pattern("#,##0" + ("." + "#" * places if places else ""))


def in_year(value: float | None, year: int | str | None, language: str = "en") -> str:
    """``3,6 (2020)``: a value with the year it is for; an en dash when either is missing."""
    if value is None or year is None:
        return "\u2013"
    return f"{number(value, language)} ({year})"


def quantity(value: float | None, unit: str | None, language: str = "en") -> str:
    """A value with its unit: ``3,6 t CO2e`` (a ``%`` unit is written as ``3,6 %``)."""
    text = number(value, language)
    if value is None or not unit:
        return text
    return f"{text}\u00a0{unit}" if unit.strip() else text


def percent(ratio: float | None, language: str = "en", decimals: int = 1) -> str:
    """A ratio as a percentage: 0.0234 → ``2.3 %`` (the locale decides the sign's place)."""
    if ratio is None or not math.isfinite(ratio) or abs(ratio) >= 1e13:
        return "\u2013"
    from babel.numbers import format_percent

    locale = _locale(language)
    pattern = locale.percent_formats[None].pattern  # the locale's own: "#,##0 %" in Finnish
    if decimals:
        pattern = re.sub(r"0(?=[^0]*%)", "0." + "0" * decimals, pattern, count=1)
    return format_percent(ratio, format=pattern, locale=locale)


def money(value: float, currency: str, language: str = "en") -> str:
    """``12,500,000 EUR``: whole units, the currency's code after the number (the code
    reads the same in every language and never hides which currency it is)."""
    return f"{number(value, language, 0)}\u00a0{currency}"
