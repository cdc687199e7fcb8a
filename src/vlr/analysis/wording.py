"""Which of the framework's texts a review shows in a language, and from where
(``vlr framework translations``): each target and indicator the review uses, its English,
and its text in the language from the city's Translations sheet, vlr's shipped translations
(:mod:`vlr.framework.translations`) or none, so that a reviewer sees what the draft will
quote in English before it does."""

from __future__ import annotations

from dataclasses import dataclass, field

from vlr.analysis.result import Loaded
from vlr.framework.catalogue import code_key
from vlr.framework.translations import Said, official


@dataclass(frozen=True)
class Worded:
    """One code: a target or an indicator, its English and its text in the language."""

    code: str
    kind: str  # "target" or "indicator"
    english: str
    said: Said

    @property
    def origin(self) -> str:
        """``city``, ``vlr`` (the shipped translations) or ``none``."""
        return self.said.origin if self.said.translated and self.said.origin else "none"


@dataclass
class Wording:
    language: str
    codes: list[Worded] = field(default_factory=list)

    def count(self, origin: str, kind: str | None = None) -> int:
        return sum(1 for w in self.codes if w.origin == origin and (kind is None or w.kind == kind))

    def total(self, kind: str | None = None) -> int:
        return sum(1 for w in self.codes if kind is None or w.kind == kind)

    @property
    def untranslated(self) -> list[Worded]:
        return [w for w in self.codes if w.origin == "none"]


def used_codes(loaded: Loaded) -> tuple[list[str], list[str]]:
    """The targets and the official indicators the review names anywhere."""
    review, fw = loaded.review, loaded.framework
    targets = {c for a in review.actions for c in a.targets}
    targets |= {c for i in review.indicators for c in i.targets}
    targets |= {c for s in review.case_studies for c in s.targets}
    targets |= {c for link in review.interlinkages for c in (link.source, link.target)}
    indicators = {c for i in review.indicators for c in i.sdg_indicators}
    return (
        sorted((c for c in targets if fw.target(c)), key=code_key),
        sorted((c for c in indicators if fw.indicator(c)), key=code_key),
    )


def wording(loaded: Loaded, language: str, everything: bool = False) -> Wording:
    """The texts of the targets and indicators the review uses (``everything``: all the
    framework's) in ``language``."""
    fw = loaded.framework
    if everything:
        targets, indicators = [t.code for t in fw.targets], [i.code for i in fw.indicators]
    else:
        targets, indicators = used_codes(loaded)
    found = Wording(language)
    for kind, codes, get in (("target", targets, fw.target), ("indicator", indicators, fw.indicator)):
        for code in codes:
            english = get(code).text
            found.codes.append(Worded(code, kind, english, official(code, english, language, loaded.translations)))
    return found
