"""Finding SDG targets in a city's own words: ``vlr framework search``.

The UN's wording is not how a city talks ("bike lanes", "heat pump", "school meals").
Two sources of evidence are combined, offline:

- **a thesaurus** of everyday municipal terms (``vlr/data/thesaurus/en.yml``: transport,
  housing, energy, climate, water, waste, nature, food, education, health, social
  services, culture and events, digital services, governance, economy), each term mapped
  to the targets it concerns, matched on word stems in any order;
- **BM25 ranking** (SQLite's full-text index, whose ``bm25()`` is in C and in the standard
  library) over each target's text together with the texts of its indicators, on Snowball
  stems (``cycling``, ``cycled`` → ``cycl``; PyStemmer).

A result is a target with its indicators and the reasons it matched ("heat pump → 7.2
renewable energy share"). Other languages can add ``fi.yml``, ``sv.yml``, ``de.yml`` with
the same shape and a Snowball stemmer of their own.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from dataclasses import dataclass, field

from vlr.framework.catalogue import Framework, code_key

#: Words that say nothing about a target.
_STOPWORDS = """
    a an and are as at be by for from in into is it its of on or our the their to with all city
    cities municipal municipality local new more per use using via we will this that these those
    """
STOPWORDS = frozenset(_STOPWORDS.split())
#: How much a thesaurus term counts beside the best BM25 match (1.0).
THESAURUS_WEIGHT = 1.2


@functools.lru_cache(maxsize=4)
def _stemmer(language: str):
    """The Snowball stemmer of ``language``, through PyStemmer (its C build: stemming
    the framework's texts is the index's main cost)."""
    import Stemmer

    names = {"en": "english", "fi": "finnish", "sv": "swedish", "de": "german"}
    return Stemmer.Stemmer(names.get(language, "english"))


def stems(text: str, language: str = "en") -> list[str]:
    """The stems of a text's words, stopwords and single letters left out."""
    words = [w for w in re.findall(r"[^\W\d_]+|\d+(?:\.\d+)*", text.casefold()) if w not in STOPWORDS and len(w) > 1]
    return _stemmer(language).stemWords(words)


def short_text(text: str, words: int = 9) -> str:
    """A target's text cut to its first words, without "By 2030," and the like."""
    text = re.sub(r"^(by|from) 20\d\d,?\s*", "", text.strip(), flags=re.IGNORECASE)
    parts = text.split()
    return " ".join(parts[:words]) + ("\u2026" if len(parts) > words else "")


@dataclass(frozen=True)
class Term:
    term: str
    stems: frozenset[str]
    targets: tuple[str, ...]
    topic: str


@functools.lru_cache(maxsize=4)
def thesaurus(language: str = "en") -> tuple[Term, ...]:
    """The shipped thesaurus of ``language`` (empty when there is none)."""
    import yaml

    try:
        text = importlib.resources.files("vlr").joinpath(f"data/thesaurus/{language}.yml").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return ()
    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    data = yaml.load(text, Loader=loader)  # noqa: S506 - every scalar a string: 8.10 stays 8.10
    return tuple(
        Term(term, frozenset(stems(term, language)), tuple(codes), topic)
        for topic, terms in data.items()
        for term, codes in terms.items()
    )


@dataclass
class Hit:
    code: str
    text: str
    score: float
    reasons: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)


class TargetSearch:
    """A search index over one framework's targets (built once, queried many times)."""

    def __init__(self, fw: Framework, language: str = "en"):
        import sqlite3

        self.fw, self.language = fw, language
        self.targets = list(fw.targets)
        self.docs = []
        for t in self.targets:
            words = stems(t.text, language)
            for ind in fw.indicators_of(t.code):
                words += stems(ind.text, language)
            self.docs.append(words)
        # SQLite's full-text index ranks by BM25 (its bm25() function), in C, without numpy.
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.execute("CREATE VIRTUAL TABLE docs USING fts5(n UNINDEXED, body, tokenize='unicode61')")
        self.db.executemany("INSERT INTO docs VALUES (?, ?)", [(n, " ".join(d)) for n, d in enumerate(self.docs)])
        self.terms = thesaurus(language)
        self.by_stem: dict[str, list[Term]] = {}  # the terms that hold a stem: a query looks at those only
        for term in self.terms:
            for stem in term.stems:
                self.by_stem.setdefault(stem, []).append(term)
        self.index = {t.code: n for n, t in enumerate(self.targets)}
        self.indicator_codes = {t.code: [i.code for i in fw.indicators_of(t.code)] for t in self.targets}

    def _bm25(self, words: list[str]) -> dict[int, float]:
        """BM25 score of each document matching any of ``words`` (higher is better)."""
        match = " OR ".join('"' + w.replace('"', "") + '"' for w in dict.fromkeys(words))
        rows = self.db.execute("SELECT n, bm25(docs) FROM docs WHERE docs MATCH ? ORDER BY bm25(docs)", (match,))
        return {int(n): -score for n, score in rows}

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """Targets for ``query``, best first, each with why it matched."""
        code = query.strip().lower().removeprefix("sdg").strip()
        if self.fw.target(code):
            return [self._hit(code, 100.0, ["the target's own code"])]
        if self.fw.indicator(code):
            target = self.fw.indicator(code).target
            return [self._hit(target, 100.0, [f"its indicator {code}"])]
        words = stems(query, self.language)
        if not words:
            return []
        scores: dict[str, float] = {}
        reasons: dict[str, list[str]] = {}
        ranked_docs = self._bm25(words)
        top = max(ranked_docs.values(), default=0.0)
        if top > 0:
            for n, value in ranked_docs.items():
                target = self.targets[n].code
                scores[target] = value / top
                found = sorted(set(words) & set(self.docs[n]))
                reasons.setdefault(target, []).append(f"words of the target and its indicators: {', '.join(found)}")
        query_stems = set(words)
        # in a fixed order (by term), so that equal scores and reasons come out the same in every run
        found_terms = {id(t): t for w in query_stems for t in self.by_stem.get(w, ())}.values()
        candidates = sorted(found_terms, key=lambda t: t.term)
        whole = [t for t in candidates if t.stems <= query_stems]
        # a term inside a longer one that matched says less: "heating" beside "heat pump"
        whole = [t for t in whole if not any(t.stems < other.stems for other in whole)]
        part = [t for t in candidates if query_stems < t.stems] if not whole else []
        matched = [(t, THESAURUS_WEIGHT * (1 + 0.15 * (len(t.stems) - 1))) for t in whole]
        matched += [(t, THESAURUS_WEIGHT * 0.6 * len(query_stems) / len(t.stems)) for t in part]
        notes: dict[str, list[tuple[float, str]]] = {}
        for term, weight in matched:
            for rank, target in enumerate(term.targets):
                if target not in self.index:
                    continue
                gain = weight * (1 - 0.12 * rank)
                scores[target] = scores.get(target, 0.0) + gain
                short = short_text(self.targets[self.index[target]].text, 6)
                notes.setdefault(target, []).append((gain, f"{term.term} \u2192 {target} ({short})"))
        for target, found in notes.items():
            reasons[target] = [r for _, r in sorted(found, key=lambda gr: (-gr[0], gr[1]))] + reasons.get(target, [])
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], code_key(kv[0])))[:limit]
        return [self._hit(code, score, reasons.get(code, [])) for code, score in ranked]

    def _hit(self, code: str, score: float, why: list[str]) -> Hit:
        target = self.targets[self.index[code]]
        seen: list[str] = []
        for reason in why:
            if reason not in seen:
                seen.append(reason)
        return Hit(code, target.text, round(score, 4), seen[:4], self.indicator_codes[code])


_INDEXES: dict[tuple[int, str], TargetSearch] = {}


def index_for(fw: Framework, language: str = "en") -> TargetSearch:
    """The search index of ``fw``, built once per framework and language."""
    key = (id(fw), language)
    if key not in _INDEXES:
        _INDEXES[key] = TargetSearch(fw, language)
    return _INDEXES[key]
