"""The framework's texts in the review's language: its targets' and indicators' official
wording where a translation of that very wording is known, and the English, marked as such,
where none is.

Two sources, the city's first:

- the review's **Translations sheet** (``vlr framework translations`` writes one to fill in):
  a row per code with its language and text, read by :mod:`vlr.workbook.translations`;
- the **shipped translations** (``vlr/data/framework-translations/<language>.json``), made
  from Open SDG's ``sdg-translations`` (MIT licence) by ``docs/make_framework_translations.py``:
  German, French and Spanish; Open SDG has no Finnish or Swedish.

A translation is of one English wording. Each keeps the digest of the English it translates
(:func:`digest`), and is used only while the framework in use says the same: an indicator the
UN reworded since is quoted in English, never in the words of its old version.
:func:`official` answers with the text and whether it is in the language asked for, so that
whoever shows it can mark the English (``(in English)``): never a silent mix.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.resources import files

from vlr.formatting import _, base_language, speaking_now

#: Where the shipped translations are: ``<language>.json``.
SHIPPED_FOLDER = "framework-translations"


@functools.lru_cache(maxsize=8192)
def digest(english: str) -> str:
    """A short digest of an English wording, blind to case, spacing and punctuation (the
    UN's editions differ in dashes and commas, not only in words)."""
    words = re.sub(r"[\W_]+", " ", english.casefold()).strip()
    return hashlib.sha1(words.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Translation:
    """One code's text in one language, and the digest of the English wording it translates
    (``""`` where the source did not say: then it is taken as of the wording in use)."""

    text: str
    english: str = ""
    #: Where it comes from, in words: ``Open SDG sdg-translations``, or a file and its cell.
    source: str = ""
    #: ``city`` (a Translations sheet) or ``vlr`` (the shipped ones).
    origin: str = "city"


@dataclass
class Translations:
    """Texts by language and code (``11.2``, ``11.2.1``)."""

    texts: dict[str, dict[str, Translation]] = field(default_factory=dict)

    def get(self, language: str, code: str) -> Translation | None:
        return self.texts.get(base_language(language), {}).get(code)

    def add(self, language: str, code: str, translation: Translation) -> None:
        self.texts.setdefault(base_language(language), {})[code] = translation

    def languages(self) -> list[str]:
        return sorted(self.texts)

    def __len__(self) -> int:
        return sum(len(codes) for codes in self.texts.values())


@functools.lru_cache(maxsize=16)
def shipped(language: str) -> Translations:
    """The translations vlr ships for ``language`` (none for most languages)."""
    language = base_language(language)
    found = Translations()
    if not re.fullmatch(r"[a-z]{2,3}", language):
        return found
    path = files("vlr") / "data" / SHIPPED_FOLDER / f"{language}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, FileNotFoundError, ValueError):
        return found
    source = data.get("source", "")
    for code, (text, english) in data.get("texts", {}).items():
        found.add(language, code, Translation(text, english, source, "vlr"))
    return found


def shipped_languages() -> list[str]:
    """The languages vlr ships framework texts for."""
    folder = files("vlr") / "data" / SHIPPED_FOLDER
    try:
        return sorted(p.name[: -len(".json")] for p in folder.iterdir() if p.name.endswith(".json"))
    except (OSError, FileNotFoundError):
        return []


#: The city's translations in use (:func:`using`), before the shipped ones.
_CITY: contextvars.ContextVar[Translations | None] = contextvars.ContextVar("vlr_translations", default=None)


@contextlib.contextmanager
def using(translations: Translations | None):
    """Within the block, :func:`official` takes the city's ``translations`` first."""
    token = _CITY.set(translations)
    try:
        yield
    finally:
        _CITY.reset(token)


@dataclass(frozen=True)
class Said:
    """A text as shown: in the language asked for (``translated``), or its English."""

    text: str
    translated: bool
    source: str = ""
    #: ``city``, ``vlr``, or ``""`` for the English.
    origin: str = ""


def official(code: str, english: str, language: str | None = None, city: Translations | None = None) -> Said:
    """The official text of target or indicator ``code``, whose English in the framework in use
    is ``english``, in ``language`` (default: the language spoken): the ``city``'s translation
    (default: those :func:`using` gives), else the shipped one, where it translates that
    English; else the English, not translated."""
    language = base_language(language or speaking_now())
    if language == "en":
        return Said(english, True)
    wanted = digest(english)
    for source in (city if city is not None else _CITY.get(), shipped(language)):
        found = source.get(language, code) if source is not None else None
        if found is not None and found.english in ("", wanted):
            return Said(found.text, True, found.source, found.origin)
    return Said(english, False)


def marked(english: str) -> str:
    """An English text where another language is spoken, said to be in English."""
    return _("{text} (in English)").format(text=english)


def shown(code: str, english: str, language: str | None = None) -> str:
    """The official text of ``code`` as shown in ``language`` (default: spoken): translated, or
    its English marked (:func:`marked`)."""
    said = official(code, english, language)
    return said.text if said.translated else marked(english)


def column_header(header: str, said: Sequence[Said]) -> str:
    """The header of a column of official texts (``said``): marked as English where the language
    spoken is another and none of them is translated; where some are, each English one is marked
    instead (:func:`column_texts`), so that no mix goes unmarked."""
    if speaking_now() == "en" or any(s.translated for s in said):
        return header
    return _("{header} (in English)").format(header=header)


def column_texts(said: Sequence[Said], cut: Callable[[str], str] = str) -> list[str]:
    """A column's texts, each ``cut`` (shortened) where given; where some are translated and others
    not, the English ones marked."""
    mixed = any(s.translated for s in said) and not all(s.translated for s in said)
    return [marked(cut(s.text)) if mixed and not s.translated else cut(s.text) for s in said]
