"""Numbers and words as a reader of the review expects them: in the review's language
(``3,6`` in Finnish, ``3.6`` in English), with their units (Babel's CLDR data); the
words vlr writes from its message catalogues (gettext, one per language, compiled in
``vlr/data/locale/``; :func:`speaking`, :func:`_`); and the language tag a document in the
review's language is marked with.

A string vlr writes is marked ``_("…")`` (``n_`` with a count) where it is written, and
looked up in the catalogue of the language being spoken: :func:`speaking` sets it for a
build, so that no function needs a language argument to find its words. A language vlr
has no catalogue for speaks English (:func:`spoken` says whether it has one), never a
mix: a message the catalogue lacks is English too, and counted as such by the tests.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext
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


#: The language vlr speaks now (:func:`speaking`); English unless a build says otherwise.
_SPOKEN: contextvars.ContextVar[str] = contextvars.ContextVar("vlr_language", default="en")
#: The catalogues' domain: ``data/locale/<language>/LC_MESSAGES/vlr.mo``.
DOMAIN = "vlr"


def base_language(language: str | None) -> str:
    """``fi`` of ``fi``, ``fi-FI`` or ``fi_FI``; English for none."""
    return (language or "en").replace("_", "-").split("-")[0].lower() or "en"


@functools.lru_cache(maxsize=16)
def catalogue(language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language`` (its base language), or English's (none:
    every message is its own English) where vlr has none."""
    from importlib.resources import files

    path = files("vlr") / "data" / "locale" / base_language(language) / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with path.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    except (OSError, FileNotFoundError):
        return gettext.NullTranslations()


def known_language(code: str) -> bool:
    """Whether ``code`` (``fi``, ``sv-FI``) names a language Babel knows."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(code.strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


def spoken(language: str | None) -> bool:
    """Whether vlr has a catalogue of ``language`` (English always)."""
    base = base_language(language)
    return base == "en" or isinstance(catalogue(base), gettext.GNUTranslations)


@contextlib.contextmanager
def speaking(language: str | None):
    """Within the ``with`` block, :func:`_` and :func:`n_` answer in ``language``."""
    token = _SPOKEN.set(base_language(language))
    try:
        yield
    finally:
        _SPOKEN.reset(token)


def speaking_now() -> str:
    """The language :func:`_` answers in."""
    return _SPOKEN.get()


def _(message: str) -> str:
    """``message`` in the language spoken (:func:`speaking`); itself where it has no translation."""
    return catalogue(_SPOKEN.get()).gettext(message)


def p_(context: str, message: str) -> str:
    """``message`` in the language spoken, where ``context`` tells it from the same English in
    another sense ("Target": a target's code, or the value aimed at)."""
    return catalogue(_SPOKEN.get()).pgettext(context, message)


def NP_(context: str, message: str) -> str:
    """``message`` itself, marked for the catalogues in ``context`` (translated where used, :func:`p_`)."""
    return message


def N_(message: str) -> str:
    """``message`` itself, marked for the catalogues: a constant translated where it is used (``_(title)``)."""
    return message


def n_(singular: str, plural: str, count: int) -> str:
    """The form of ``singular``/``plural`` for ``count`` in the language spoken (its own plural rule)."""
    return catalogue(_SPOKEN.get()).ngettext(singular, plural, count)


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
