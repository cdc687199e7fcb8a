"""The workbook's own words in the city's languages: sheet names, column headings, the
Review sheet's fields and the values of closed lists, as the format states them in English
(:mod:`vlr.workbook.schema`) and as the catalogues give them in another language (context
``workbook``). ``vlr init --language fi`` writes them in Finnish (:func:`in_language`); the
reader takes every language vlr speaks (:func:`names`, :func:`english`), so a workbook
filled in Finnish reads as one filled in English."""

from __future__ import annotations

import functools

from vlr.formatting import NP_, p_, speaking

#: Every word of the format, marked for the catalogues.
WORDS = (
    NP_("workbook", "Review"),
    NP_("workbook", "Actions"),
    NP_("workbook", "Indicators"),
    NP_("workbook", "Data"),
    NP_("workbook", "Narratives"),
    NP_("workbook", "Case studies"),
    NP_("workbook", "Interlinkages"),
    NP_("workbook", "Translations"),
    NP_("workbook", "Guide"),
    NP_("workbook", "Targets"),
    NP_("workbook", "Field"),
    NP_("workbook", "Value"),
    NP_("workbook", "Action ID"),
    NP_("workbook", "Title"),
    NP_("workbook", "Theme"),
    NP_("workbook", "SDG targets"),
    NP_("workbook", "Description"),
    NP_("workbook", "Lead"),
    NP_("workbook", "Status"),
    NP_("workbook", "Start year"),
    NP_("workbook", "End year"),
    NP_("workbook", "Link"),
    NP_("workbook", "Budget"),
    NP_("workbook", "Currency"),
    NP_("workbook", "Indicator ID"),
    NP_("workbook", "Name"),
    NP_("workbook", "Unit"),
    NP_("workbook", "Direction"),
    NP_("workbook", "SDG indicator"),
    NP_("workbook", "Baseline year"),
    NP_("workbook", "Baseline value"),
    NP_("workbook", "Target year"),
    NP_("workbook", "Target value"),
    NP_("workbook", "Source"),
    NP_("workbook", "Owner"),
    NP_("workbook", "Headline series"),
    NP_("workbook", "Year"),
    NP_("workbook", "Series"),
    NP_("workbook", "Area"),
    NP_("workbook", "Note"),
    NP_("workbook", "Section"),
    NP_("workbook", "Text"),
    NP_("workbook", "Language"),
    NP_("workbook", "Quote"),
    NP_("workbook", "Quote by"),
    NP_("workbook", "Picture"),
    NP_("workbook", "From target"),
    NP_("workbook", "To target"),
    NP_("workbook", "Kind"),
    NP_("workbook", "Code"),
    NP_("workbook", "English"),
    NP_("workbook", "City"),
    NP_("workbook", "Country"),
    NP_("workbook", "Period"),
    NP_("workbook", "Organisation"),
    NP_("workbook", "Contact"),
    NP_("workbook", "Themes"),
    NP_("workbook", "HLPF goals"),
    NP_("workbook", "Logo"),
    NP_("workbook", "Planned"),
    NP_("workbook", "Ongoing"),
    NP_("workbook", "Completed"),
    NP_("workbook", "Discontinued"),
    NP_("workbook", "increase"),
    NP_("workbook", "decrease"),
    NP_("workbook", "unknown"),
    NP_("workbook", "none"),
    NP_("workbook", "synergy"),
    NP_("workbook", "trade-off"),
)


def _catalogued() -> tuple[str, ...]:
    """The languages vlr has a compiled catalogue of, besides English."""
    from importlib.resources import files

    folder = files("vlr") / "data" / "locale"
    return tuple(sorted(p.name for p in folder.iterdir() if (p / "LC_MESSAGES" / "vlr.mo").is_file()))


#: The languages whose workbook words vlr reads besides English: every language it speaks
#: (a word of one sheet means one thing in all of them: tests/test_languages.py checks it).
READ = _catalogued()


def in_language(word: str, language: str | None) -> str:
    """``word`` of the format (its English) in ``language``; itself where there is no translation."""
    if not language or language.split("-")[0].lower() == "en":
        return word
    with speaking(language):
        return p_("workbook", word)


@functools.lru_cache(maxsize=256)
def names(word: str) -> tuple[str, ...]:
    """``word`` in English and in every language vlr reads workbooks in."""
    return tuple(dict.fromkeys([word, *(in_language(word, language) for language in READ)]))


def english(text: str, words: tuple[str, ...] | list[str]) -> str | None:
    """The word of ``words`` (in English) that ``text`` is, in any language vlr reads; None if none."""
    folded = " ".join(text.split()).casefold()
    for word in words:
        if any(folded == " ".join(n.split()).casefold() for n in names(word)):
            return word
    return None
