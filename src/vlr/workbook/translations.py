"""The city's framework translations: the rows of the review's Translations sheet as the
:class:`~vlr.framework.translations.Translations` the draft and the reports take first, and
what is wrong with the rows that cannot be used (:func:`city_translations`).

A row is used where its code is a target or indicator of the framework in use, it is the
first of its code and language, and its English (where the row gives it) is the framework's
wording: a translation of a text the UN has since reworded would put old words in the
review, so it is left out, said, and the official English quoted instead.
"""

from __future__ import annotations

from vlr import rules
from vlr.findings import Finding, later, where
from vlr.framework.catalogue import Framework
from vlr.framework.translations import Translation, Translations, digest
from vlr.model.review import Review
from vlr.values import quote


def english_of(fw: Framework, code: str) -> str | None:
    """The framework's English of target or indicator ``code``; None for a code it lacks."""
    found = fw.target(code) or fw.indicator(code)
    return found.text if found is not None else None


def city_translations(review: Review, fw: Framework) -> tuple[Translations, list[Finding]]:
    """The usable rows of the review's Translations sheets, and a finding for each row left out."""
    found, findings = Translations(), []
    first: dict[tuple[str, str], str] = {}
    for row in review.translations:
        english = english_of(fw, row.code)
        if english is None:
            findings.append(
                Finding.of(
                    rules.TRANSLATION_UNKNOWN,
                    later._(
                        "'{code}' is not a target or indicator of the {edition} framework; "
                        "its translation is not used.",
                        code=quote(row.code),
                        edition=fw.edition,
                    ),
                    **row.place("code"),
                )
            )
            continue
        key = (row.code, row.language)
        if key in first:
            findings.append(
                Finding.of(
                    rules.TRANSLATION_DUPLICATE,
                    later._(
                        "a second {language} text of {code}; the first, in {place}, is used.",
                        language=row.language,
                        code=row.code,
                        place=first[key],
                    ),
                    **row.place("code"),
                )
            )
            continue
        if row.english and digest(row.english) != digest(english):
            findings.append(
                Finding.of(
                    rules.TRANSLATION_OUTDATED,
                    later._(
                        "the English of {code} here is not the {edition} framework's wording (\u201c{english}\u201d); "
                        "the translation is not used, the official English is quoted.",
                        code=row.code,
                        edition=fw.edition,
                        english=quote(english),
                    ),
                    **row.place("english"),
                )
            )
            continue
        first[key] = where(**row.place("code"))
        found.add(row.language, row.code, Translation(row.text, digest(english), row.where("text")))
    return found, findings
