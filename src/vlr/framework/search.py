"""Finding SDG targets in a city's own words: ``vlr framework search``.

The UN's wording is not how a city talks ("bike lanes", "heat pump", "school meals").
Two sources of evidence are combined, offline:

- **a thesaurus** of everyday municipal terms (``vlr/data/thesaurus/en.yml``: transport,
  housing, energy, climate, water, waste, nature, food, education, health, social
  services, culture and events, digital services, governance, economy), each term mapped
  to the targets it concerns, matched on word stems in any order;
- **BM25 ranking** (:mod:`vlr.framework.ranking`) over each target's text together with the
  texts of its indicators, on Snowball stems (``cycling``, ``cycled`` → ``cycl``; PyStemmer)
  of words first folded to one spelling (``paediatric`` → ``pediatric``, ``buses`` → ``bus``;
  :mod:`vlr.framework.spelling`), a generic word (*free*, *support*) weighed down.

A result is a target with its indicators and the reasons it matched ("heat pump → 7.2
renewable energy share").

**In Finnish and Swedish** (``fi.yml``, ``sv.yml``: terms of the cities' own practice, not
translations of ``en.yml``), words are stemmed by their language's Snowball stemmer, and a
compound the thesaurus does not hold is split into its parts (:meth:`TargetSearch.parts`):
the longest known head, with the part before it where that is known too ("puistoalueet"
→ *puisto* + *alue*, "bostadsområde" → *bostad* + *område*, a linking *s* dropped). That
is the documented fallback for a morphology library: Voikko, which knows every Finnish
compound, is not used, so a compound of two words the thesaurus lacks is not split. The
framework's own texts are English, so BM25 answers English queries only. The language
of a query is the one whose thesaurus knows most of its words (:func:`query_language`),
unless it is given.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import importlib.resources
import json
import re
from dataclasses import dataclass, field

from vlr.formatting import _, speaking_now, spoken
from vlr.framework.catalogue import Framework, code_key
from vlr.framework.chances import Evidence, confidence, goal_chances
from vlr.framework.ranking import Ranking
from vlr.framework.spelling import fold, joined, own
from vlr.framework.translations import official
from vlr.output import cached

#: Words that say nothing about a target, per language.
_STOPWORDS = {
    "en": """
    a an and are as at be by for from in into is it its of on or our the their to with all city
    cities municipal municipality local new more per use using via we will this that these those
    """,
    "fi": """
    ja tai sekä on ovat oli ei se ne tämä nämä kaupunki kaupungin kaupungit kunta kunnan kuntien
    uusi uudet myös kuin kanssa varten mukaan koko kaikki
    """,
    "sv": """
    och eller att av för från i på med till som är om det den de en ett alla stad staden städer
    kommun kommunen kommunal ny nya även mer per
    """,
}
STOPWORDS = frozenset(_STOPWORDS["en"].split())
#: The languages vlr's thesauri speak; English also through the framework's own texts.
LANGUAGES = ("en", "fi", "sv")
#: How much a thesaurus term counts beside the best BM25 match (1.0).
THESAURUS_WEIGHT = 1.2
#: A query of this many different words or more is a paragraph (an action's description, a case
#: study): its targets are ranked goal by goal, the goal most of its evidence concerns first.
PARAGRAPH_WORDS = 6
#: The endings of an agent or a plural English stems keep (*smoker*, *counselor*), longest first.
AGENT_ENDINGS = ("ers", "ors", "er", "or", "es", "r", "s")


@functools.lru_cache(maxsize=4)
def _stemmer(language: str):
    """The Snowball stemmer of ``language``, through PyStemmer (its C build: stemming
    the framework's texts is the index's main cost)."""
    import Stemmer

    names = {"en": "english", "fi": "finnish", "sv": "swedish", "de": "german"}
    return Stemmer.Stemmer(names.get(language, "english"))


@functools.lru_cache(maxsize=1)
def _stemmer_version() -> str:
    """PyStemmer's version: stems cached by one are not another's."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("PyStemmer")
    except PackageNotFoundError:
        return "?"


def stems(text: str, language: str = "en") -> list[str]:
    """The stems of a text's words, stopwords and single letters left out; in English, each word
    first in the one spelling searched by (:mod:`vlr.framework.spelling`), and a word the
    stemmer would merge with another of another meaning kept whole."""
    words = words_of(text, language)
    if language != "en":
        return _stemmer(language).stemWords(words)
    stem = _stemmer("en").stemWord
    return [own(w) or stem(fold(w)) for w in words]


def words_of(text: str, language: str = "en") -> list[str]:
    """A text's words, folded, without the language's stopwords and single letters."""
    stop = _stop(language)
    # letters and digits together are one word (co2, pm2.5, 5g); a number alone is one too
    text = joined(text.casefold()) if language == "en" else text.casefold()
    found = re.findall(r"[^\W_]*[^\W\d_][^\W_]*(?:\.\d+)?|\d+(?:\.\d+)*", text)
    return [w for w in found if w not in stop and len(w) > 1]


@functools.lru_cache(maxsize=8)
def _stop(language: str) -> frozenset[str]:
    return frozenset(_STOPWORDS.get(language, _STOPWORDS["en"]).split())


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
    try:
        text = importlib.resources.files("vlr").joinpath(f"data/thesaurus/{language}.yml").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return ()

    def compiled() -> bytes:  # the terms with their stems: the stemming is most of the time
        import yaml  # only here: its import is a tenth of a search's whole process

        loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
        data = yaml.load(text, Loader=loader)  # noqa: S506 - every scalar a string: 8.10 stays 8.10
        rows = [
            [term, stems(term, language), list(codes), topic]
            for topic, terms in data.items()
            for term, codes in terms.items()
        ]
        return json.dumps(rows, ensure_ascii=False).encode("utf-8")

    key = hashlib.sha256(f"{language}\0{_stemmer_version()}\0{text}".encode()).hexdigest()
    rows = json.loads(cached("thesaurus", key, compiled))
    return tuple(Term(term, frozenset(found), tuple(codes), topic) for term, found, codes, topic in rows)


@dataclass
class Hit:
    code: str
    text: str
    score: float
    reasons: list[str] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    #: How likely the target is an acceptable one, 0 to 1 (:func:`confidence`).
    confidence: float = 0.0
    #: What it was found by (for calibrating the confidence; not shown).
    evidence: Evidence | None = field(default=None, repr=False, compare=False)


class TargetSearch:
    """A search index over one framework's targets (built once, queried many times)."""

    def __init__(self, fw: Framework, language: str = "en"):
        self.fw, self.language = fw, language
        self.targets = list(fw.targets)
        self.docs: list[list[str]] = []
        if language == "en":  # the framework's texts are English: BM25 over them answers English words only
            self.docs = _documents(fw)
        self.ranking = Ranking(self.docs) if self.docs else None
        self.terms = thesaurus(language)
        self.by_stem: dict[str, list[Term]] = {}  # the terms that hold a stem: a query looks at those only
        for term in self.terms:
            for stem in term.stems:
                self.by_stem.setdefault(stem, []).append(term)
        self._undoubled_stems = sorted((_undoubled(stem), stem) for stem in self.by_stem)
        #: The stems of the framework's texts (English only), which a query's language is told by too.
        self.vocabulary = frozenset(w for doc in self.docs for w in doc)
        self._known = self.vocabulary | self.by_stem.keys()
        self.index = {t.code: n for n, t in enumerate(self.targets)}
        self.indicator_codes = {t.code: [i.code for i in fw.indicators_of(t.code)] for t in self.targets}

    def _bm25(self, words: list[str]) -> dict[int, float]:
        """BM25 score of each document matching any of ``words`` (higher is better)."""
        return self.ranking.scores(words) if self.ranking is not None else {}

    def search(self, query: str, limit: int = 10) -> list[Hit]:
        """Targets for ``query``, best first, each with why it matched."""
        code = query.strip().lower().removeprefix("sdg").strip()
        if self.fw.target(code) or self.fw.indicator(code):  # a code: the answer itself, certain
            target = code if self.fw.target(code) else self.fw.indicator(code).target
            why = _("the target's own code") if target == code else _("its indicator {code}").format(code=code)
            hit = self._hit(target, 100.0, [why])
            hit.confidence, hit.evidence = 1.0, Evidence()
            return [hit]
        words = self.query_stems(query)
        if not words:
            return []
        scores: dict[str, float] = {}
        reasons: dict[str, list[str]] = {}
        evidence: dict[str, Evidence] = {}
        ranked_docs = self._bm25(words)
        top = max(ranked_docs.values(), default=0.0)
        if top > 0:
            for n, value in ranked_docs.items():
                target = self.targets[n].code
                scores[target] = value / top
                evidence[target] = Evidence(bm25=value, coverage=self.ranking.coverage(words, n))
                found = sorted(set(words) & set(self.docs[n]))
                why = _("words of the target and its indicators: {words}").format(words=", ".join(found))
                reasons.setdefault(target, []).append(why)
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
                found = evidence.setdefault(target, Evidence())
                found.thesaurus += gain
                found.terms += 1
                found.first = found.first or rank == 0  # the term's closest target
                notes.setdefault(target, []).append((gain, self._note(term.term, target)))
        for target, found in notes.items():
            reasons[target] = [r for _, r in sorted(found, key=lambda gr: (-gr[0], gr[1]))] + reasons.get(target, [])
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], code_key(kv[0])))
        best = ranked[0][1] if ranked else 1.0
        hits = []
        for rank, (code, score) in enumerate(ranked[: max(limit, 15)]):  # in the order of their scores
            hit = self._hit(code, score, reasons.get(code, []))
            hit.evidence = evidence.get(code, Evidence())
            hit.confidence = confidence(hit.evidence, score / best, rank, len(set(words)))
            hits.append(hit)
        if is_paragraph(words) and hits:  # a paragraph: first, the goal it is likeliest about
            self._goal_evidence(words, hits)
            hits = _goal_first(hits)
        return hits[:limit]

    @functools.cached_property
    def _goal_ranking(self) -> tuple[list[int], Ranking | None]:
        """The goals, and BM25 over each goal's texts as one document (made for the first
        paragraph asked: a short query needs none)."""
        by_goal: dict[int, list[str]] = {}
        for target, doc in zip(self.targets, self.docs):
            by_goal.setdefault(int(target.code.split(".")[0]), []).extend(doc)
        numbers = sorted(by_goal)
        return numbers, Ranking([by_goal[g] for g in numbers]) if by_goal else None

    def _goal_evidence(self, words: list[str], hits: list[Hit]) -> None:
        """Each hit's goal's BM25 score over all the goal's texts, into its evidence."""
        numbers, ranking = self._goal_ranking
        scores = ranking.scores(words) if ranking is not None else {}
        total, top = sum(scores.values()) or 1.0, max(scores.values(), default=0.0) or 1.0
        for hit in hits:
            score = scores.get(numbers.index(int(hit.code.split(".")[0])), 0.0)
            hit.evidence.goal_share, hit.evidence.goal_relative = score / total, score / top

    def _note(self, term: str, target: str) -> str:
        """``heat pump → 7.2 (increase substantially the share…)``: the target's first words in
        the language spoken, where its text is known in it; else none (never a silent mix)."""
        spoken_now = speaking_now() if spoken(speaking_now()) else "en"  # a report without its catalogue is English
        said = official(target, self.targets[self.index[target]].text, spoken_now)
        return f"{term} \u2192 {target} ({short_text(said.text, 6)})" if said.translated else f"{term} \u2192 {target}"

    def query_stems(self, query: str) -> list[str]:
        """The stems of ``query``'s words; in English, a word neither the thesaurus nor the
        framework's texts know taken as its root where that is known (:meth:`_root`: *smoker*,
        *smoke*); in Finnish and Swedish, a word's stem as the thesaurus holds it where the stemmer
        gave an inflected form another (:meth:`known_stem`), and a compound the thesaurus does not
        know replaced by its known parts (:meth:`parts`)."""
        if self.language == "en":  # a word neither source knows: its root, where that is known (smoker: smoke)
            return [s if s in self._known else self._root(s) for s in stems(query, "en")]
        found = []
        for word in words_of(query, self.language):
            stem = _stemmer(self.language).stemWord(word)
            if self.language == "en" or stem in self.by_stem:
                found.append(stem)
                continue
            known = self.known_stem(stem)
            found += [known] if known else (self.parts(word) or [stem])
        return found

    def _root(self, stem: str) -> str:
        """An English ``stem`` without the ending of an agent or a plural the stemmer left
        (*smoker*, *builder*, *counsellor*), where what is left is a known stem of four letters
        or more; else ``stem``. Only these endings: a looser rule made *launch* of *launder*."""
        for ending in AGENT_ENDINGS:
            root = stem.removesuffix(ending)
            if root != stem and len(root) >= 4 and root in self._known:
                return root
        return stem

    def known_stem(self, stem: str) -> str | None:
        """The thesaurus's stem of the word whose (inflected) stem is ``stem``: the same but for
        its last letter or two, or for a doubled consonant (Finnish *jätteet* and *jäte*, *-uuden*
        and *-uus*); None where there is none. Stems shorter than five letters are taken as they are."""
        if stem in self.by_stem:
            return stem
        if len(stem) < 5:
            return None
        folded = _undoubled(stem)
        for cut in (0, 1, 2):
            prefix = folded[: len(folded) - cut]
            if len(prefix) < 4:
                break
            close = [k for k in self._by_prefix(prefix) if abs(len(_undoubled(k)) - len(folded)) <= 2]
            if close:
                return min(close, key=lambda k: (abs(len(_undoubled(k)) - len(folded)), k))
        return None

    def _by_prefix(self, prefix: str) -> list[str]:
        """The thesaurus's stems whose undoubled form begins with ``prefix``."""
        keys = self._undoubled_stems
        start = bisect.bisect_left(keys, (prefix, ""))
        found = []
        for folded, stem in keys[start:]:
            if not folded.startswith(prefix):
                break
            found.append(stem)
        return found

    def parts(self, word: str) -> list[str]:
        """A compound's known parts, as stems: the split of ``word`` in two whose known parts are
        longest, both parts known before either alone (a linking *s* of a Swedish compound
        dropped), the unknown part split once more. Empty where no part is known."""
        stem = _stemmer(self.language).stemWord
        best: tuple[int, list[str]] = (0, [])
        for cut in range(3, len(word) - 2):
            before, after = word[:cut], word[cut:]
            head = self.known_stem(stem(after))
            first = self.known_stem(stem(before)) or (
                self.known_stem(stem(before[:-1])) if before.endswith("s") and len(before) > 4 else None
            )
            if not head and not first:
                continue
            known = (len(after) if head else 0) + (len(before) if first else 0) + (100 if head and first else 0)
            if known > best[0]:
                rest = [] if head and first else self._inner(after if first else before)
                best = (known, [*([first] if first else []), *rest, *([head] if head else [])])
        return best[1]

    def _inner(self, part: str) -> list[str]:
        """The known pieces of a compound's unknown part, one split further (three-part compounds)."""
        stem = _stemmer(self.language).stemWord
        for cut in range(3, len(part) - 2):
            pieces = [self.known_stem(stem(part[:cut])), self.known_stem(stem(part[cut:]))]
            if all(pieces):
                return pieces
        return []

    def known(self, query: str) -> int:
        """How many of ``query``'s words this index knows (:func:`query_language`): its thesaurus's,
        and in English the words of the framework's own texts too, which BM25 searches."""
        return sum(1 for s in self.query_stems(query) if s in self.by_stem or s in self.vocabulary)

    def _hit(self, code: str, score: float, why: list[str]) -> Hit:
        target = self.targets[self.index[code]]
        seen: list[str] = []
        for reason in why:
            if reason not in seen:
                seen.append(reason)
        return Hit(code, target.text, round(score, 4), seen[:4], self.indicator_codes[code])


def is_paragraph(words: list[str]) -> bool:
    """Whether a query of these stems is a paragraph (:data:`PARAGRAPH_WORDS` different ones)."""
    return len(set(words)) >= PARAGRAPH_WORDS


def _goal_first(hits: list[Hit]) -> list[Hit]:
    """``hits`` with the best target of the goal the paragraph likeliest concerns first
    (:func:`vlr.framework.chances.goal_chances`)."""
    goal = str(next(iter(goal_chances(hits))))
    lead = max((h for h in hits if h.code.split(".")[0] == goal), key=lambda h: h.score)
    return [lead, *(h for h in hits if h is not lead)]


_INDEXES: dict[tuple[int, str], TargetSearch] = {}


def _documents(fw: Framework) -> list[list[str]]:
    """Each target's stems with its indicators', kept between runs (:func:`vlr.output.cached`)."""
    texts = [[t.text, *(i.text for i in fw.indicators_of(t.code))] for t in fw.targets]

    def made() -> bytes:
        docs = [[s for text in group for s in stems(text, "en")] for group in texts]
        return json.dumps(docs).encode("utf-8")

    key = hashlib.sha256(f"{_stemmer_version()}\0{json.dumps(texts)}".encode()).hexdigest()
    return json.loads(cached("search-documents", key, made))


def _undoubled(stem: str) -> str:
    """``stem`` with its doubled letters single (Finnish consonant gradation: *jätte-*, *jäte*)."""
    return re.sub(r"(.)\1", r"\1", stem)


def query_language(query: str, fw: Framework, default: str = "en") -> str:
    """The language of ``query``: the one whose thesaurus knows most of its words (``default``
    where none knows more than it)."""
    known = {language: index_for(fw, language).known(query) for language in LANGUAGES if thesaurus(language)}
    best = max(known.values(), default=0)
    return default if known.get(default, 0) == best else max(known, key=known.get)


def index_for(fw: Framework, language: str = "en") -> TargetSearch:
    """The search index of ``fw``, built once per framework and language."""
    key = (id(fw), language)
    if key not in _INDEXES:
        _INDEXES[key] = TargetSearch(fw, language)
    return _INDEXES[key]
