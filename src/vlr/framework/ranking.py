"""BM25 over the framework's targets, each with the texts of its indicators, with a weight per
query word: a generic word (*free*, *support*, *programme*) counts for little, so that "free
school meals" is about meals at school, not duty-free market access (:data:`GENERIC`).

169 documents are few: the scores are computed here, in Python, in well under a millisecond a
query, and every score is also said against what the query could have matched at best
(:meth:`Ranking.coverage`), which a calibrated confidence is made of
(:mod:`vlr.framework.search`)."""

from __future__ import annotations

import math
from collections import Counter

#: BM25's constants, as SQLite's FTS5 and most engines take them.
K1, B = 1.2, 0.75
#: How much a phrase of two words that a document holds as a phrase adds, beside one word.
PHRASE_WEIGHT = 0.5
#: How much a generic word counts beside a word that carries meaning.
GENERIC_WEIGHT = 0.25
#: Words that say little of which target an action serves: the officers' verbs of intent, the
#: words of every plan, and adjectives that go with anything (their English stems, folded).
GENERIC = frozenset(
    [
        "free",
        "low",
        "high",
        "new",
        "old",
        "big",
        "small",
        "good",
        "better",
        "best",
        "more",
        "less",
        "protect",
        "prevent",
        "prevention",
        "benefit",
        "support",
        "plan",
        "program",
        "project",
        "scheme",
        "initiative",
        "strategy",
        "policy",
        "action",
        "activ",
        "measur",
        "servic",
        "improv",
        "increas",
        "reduc",
        "promot",
        "develop",
        "ensur",
        "provid",
        "access",
        "enhanc",
        "strengthen",
        "help",
        "make",
        "creat",
        "build",
        "deliv",
        "offer",
        "encourag",
        "implement",
        "manag",
        "work",
        "use",
        "local",
        "city",
        "council",
        "public",
        "commun",
        "area",
        "region",
        "nation",
        "level",
        "system",
        "approach",
        "effect",
        "effici",
        "sustain",
        "inclus",
        "safe",
        "secur",
        "qualiti",
        "rate",
        "number",
        "proport",
        "share",
        "total",
        "annual",
        "year",
        "per",
        "all",
        "everi",
        "includ",
        "particular",
        "specif",
        "relat",
        "base",
        "target",
        "indic",
        "global",
        # everyday verbs and fillers of a plain-English query ("get the whole town online")
        "get",
        "put",
        "go",
        "stop",
        "keep",
        "take",
        "give",
        "set",
        "bring",
        "turn",
        "need",
        "want",
        "way",
        "thing",
        "whole",
        "just",
    ]
)


class Ranking:
    """The BM25 index of ``docs`` (each a list of tokens)."""

    def __init__(self, docs: list[list[str]]):
        self.docs = docs
        self.tf = [Counter(d) for d in docs]
        self.length = [len(d) for d in docs]
        self.average = sum(self.length) / max(len(docs), 1)
        df: Counter = Counter()
        for counts in self.tf:
            df.update(counts.keys())
        n = len(docs)
        self.idf = {t: math.log((n - f + 0.5) / (f + 0.5) + 1) for t, f in df.items()}
        #: The idf a word no document holds would have: what an unknown query word is worth.
        self.unknown_idf = math.log((n + 0.5) / 0.5 + 1)
        self.postings: dict[str, list[int]] = {}
        for i, counts in enumerate(self.tf):
            for t in counts:
                self.postings.setdefault(t, []).append(i)
        #: The pairs of words that stand side by side in each document (a phrase: "public transport").
        self.pairs = [set(zip(d, d[1:])) for d in docs]

    @staticmethod
    def weight(token: str) -> float:
        return GENERIC_WEIGHT if token in GENERIC else 1.0

    def scores(self, tokens: list[str]) -> dict[int, float]:
        """BM25 of every document that holds any of ``tokens``, each word weighed by :meth:`weight`;
        where the query has a word that carries meaning, only the documents that hold one (a
        document that shares only *free* with "free school meals" is not an answer)."""
        found: dict[int, float] = {}
        meaning = {t for t in tokens if t not in GENERIC and t in self.idf}
        for t in dict.fromkeys(tokens):
            idf, w = self.idf.get(t), self.weight(t)
            if idf is None:
                continue
            for i in self.postings[t]:
                f = self.tf[i][t]
                norm = f * (K1 + 1) / (f + K1 * (1 - B + B * self.length[i] / self.average))
                found[i] = found.get(i, 0.0) + w * idf * norm
        if meaning:
            found = {i: s for i, s in found.items() if any(t in self.tf[i] for t in meaning)}
        # a phrase of the query that a document holds as a phrase counts once more, as a word
        for a, b in zip(tokens, tokens[1:]):
            if a == b or (a in GENERIC and b in GENERIC):
                continue
            bonus = PHRASE_WEIGHT * min(self.idf.get(a, 0.0), self.idf.get(b, 0.0))
            for i in found:
                if (a, b) in self.pairs[i]:
                    found[i] += bonus
        return found

    def coverage(self, tokens: list[str], doc: int) -> float:
        """The share of the query's information (its words' weighed idf) that document ``doc``
        holds: 1 where it holds every word, 0 where none."""
        unique = list(dict.fromkeys(tokens))
        total = sum(self.weight(t) * self.idf.get(t, self.unknown_idf) for t in unique)
        held = sum(self.weight(t) * self.idf[t] for t in unique if t in self.tf[doc])
        return held / total if total else 0.0
