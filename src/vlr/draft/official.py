"""The UN's official texts of targets and indicators as the draft quotes them: in the draft's
language where a translation of their wording is known (:mod:`vlr.framework.translations`:
the city's Translations sheet, else vlr's), else in English, marked, a column at a time
(:func:`official` for its header, :func:`official_texts` for its cells), never a silent mix."""

from __future__ import annotations

from collections.abc import Sequence

from vlr.analysis.result import Analysis
from vlr.formatting import _, speaking_now
from vlr.framework.translations import Said, column_header, column_texts
from vlr.framework.translations import official as official_text

#: Official target texts longer than this are shortened at a word, with an ellipsis.
TARGET_TEXT = 150


def official(header: str, said: Sequence[Said] = ()) -> str:
    """The header of a column of the UN's official texts, marked as English where none of them
    (``said``) is in the draft's language (:func:`vlr.framework.translations.column_header`)."""
    return column_header(_(header), said)


def official_texts(said: Sequence[Said], most: int | None = None) -> list[str]:
    """The column's texts, shortened to ``most`` where given, the English ones marked where
    the column mixes languages (:func:`vlr.framework.translations.column_texts`)."""
    return column_texts(said, (lambda text: short_text(text, most)) if most else str)


def official_of(analysis: Analysis, code: str) -> Said:
    """Target or indicator ``code``'s official text in the draft's language (the city's
    translation, the shipped one, or the English)."""
    fw = analysis.loaded.framework
    found = fw.target(code) or fw.indicator(code)
    return official_text(code, found.text if found else "", city=analysis.loaded.translations)


def quoted_in_english(said: Sequence[Said] = ()) -> str:
    """For a caption over the targets' official texts (``said``): where the draft is not in
    English and none of them is translated, that they are quoted in English."""
    if speaking_now() == "en" or any(s.translated for s in said):
        return ""
    return " " + _("The targets' official texts are quoted in English.")


def short_text(text: str, most: int = TARGET_TEXT) -> str:
    """The official text, shortened at a word where it is longer than ``most``."""
    text = " ".join(text.split())
    if len(text) <= most:
        return text
    cut = text[:most].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "\u2026"
