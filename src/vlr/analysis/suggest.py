"""Suggested SDG targets for a review's actions and indicators: ``vlr suggest``.

For every action (title, description, theme) and indicator (name, unit), targets are
proposed, best first, each with a score and a reason, from three kinds of evidence:

- the **target search** (:mod:`vlr.framework.search`): the municipal thesaurus and BM25
  over the framework's texts;
- **the review itself**: actions and indicators whose words resemble this one's and that
  the city has already mapped lend their targets ("like CLI-02 'Coal phase-out'"),
  ranked by BM25 over their texts; ``previous`` (last cycle's review) adds its mappings;
- nothing else: no web service, no model download.

A mapped target that none of this supports is **doubtful**: for a reviewer to look at,
not an error. Works on reviews with errors too (an action whose ``SDG targets`` cell is
still empty is the case it is for) and never changes the workbooks. The reasons are in the
language spoken (:func:`vlr.formatting.speaking`).
"""

from __future__ import annotations

import sqlite3

from pydantic import BaseModel, Field

from vlr.formatting import _
from vlr.framework.catalogue import Framework
from vlr.framework.ranking import GENERIC
from vlr.framework.search import LANGUAGES, index_for, query_language, stems
from vlr.model.review import Review

#: A borrowed mapping counts this much beside the search's best match (1.0).
BORROW_WEIGHT = 0.7
#: A like item's mapping counts this much beside a target the item's own words found (only a
#: near tie is decided by it).
BORROW_NUDGE = 0.1
#: The theme's words count this much beside the item's own.
THEME_WEIGHT = 0.3
#: Below this combined score, a mapped target is doubtful.
DOUBT_BELOW = 0.12
#: Two items are alike when they share this many words that carry meaning (not generic, not
#: common to many items), or the same official indicator.
ALIKE_WORDS = 2


class Suggestion(BaseModel):
    target: str
    score: float
    reason: str
    #: How likely the target is acceptable, 0 to 1: the search's for what the item's own words
    #: found; for a target only borrowed from a like item, a modest one that grows with their likeness.
    confidence: float = 0.0


class Suggestions(BaseModel):
    kind: str  # action or indicator
    id: str
    title: str = ""
    mapped: list[str] = Field(default_factory=list)
    suggestions: list[Suggestion] = Field(default_factory=list)
    doubtful: list[str] = Field(default_factory=list)
    file: str = ""
    sheet: str = ""
    cell: str = ""


def _items(review: Review) -> list[tuple[str, object, str, str]]:
    """(kind, record, its own words, its theme) of every action and indicator. The theme
    helps the search but not the likeness between items: many items share it."""
    out = []
    for a in review.actions_by_id.values():
        out.append(("action", a, " ".join(x for x in (a.title, a.description) if x), a.theme or ""))
    for i in review.indicators_by_id.values():
        out.append(("indicator", i, " ".join(x for x in (i.name, i.unit) if x), ""))
    return out


class _Examples:
    """Mapped actions and indicators, searchable by their words (BM25 in SQLite)."""

    def __init__(self, items: list[tuple[str, str, str, list[str], frozenset[str]]]):
        docs = [stems(text) for _, _, text, _, _ in items]
        # (key, label, text, targets, its words, its official indicators)
        self.items = [(k, lab, text, t, frozenset(d), ind) for (k, lab, text, t, ind), d in zip(items, docs)]
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE ex USING fts5(n UNINDEXED, body)")
        self.db.executemany("INSERT INTO ex VALUES (?, ?)", [(n, " ".join(d)) for n, d in enumerate(docs)])
        counts: dict[str, int] = {}
        for d in docs:
            for w in set(d):
                counts[w] = counts.get(w, 0) + 1
        # a word most items share tells them apart no better than none (and costs a full scan)
        self.common = {w for w, n in counts.items() if n > max(5, len(docs) // 5)}

    def like(
        self, text: str, exclude: str, limit: int = 5, official: frozenset[str] = frozenset()
    ) -> list[tuple[float, str, list[str]]]:
        """The mapped items really like ``text``: sharing :data:`ALIKE_WORDS` words that carry
        meaning, or one of the ``official`` indicators; each with its likeness (0 to 1)."""
        words = [w for w in dict.fromkeys(stems(text)) if w not in self.common and w not in GENERIC]
        if not words:
            return []
        match = " OR ".join('"' + w.replace('"', "") + '"' for w in words)
        rows = self.db.execute(
            "SELECT n, bm25(ex) FROM ex WHERE ex MATCH ? ORDER BY bm25(ex) LIMIT ?", (match, limit * 3)
        ).fetchall()
        found = []
        for n, score in rows:
            key, label, _text, targets, words_of_it, indicators = self.items[int(n)]
            shared = len(set(words) & words_of_it)
            if key != exclude and (shared >= ALIKE_WORDS or official & indicators):
                found.append((-score, shared, label, targets))
        top = max((s for s, *_ in found), default=0)
        return [(s / top, label, targets) for s, _shared, label, targets in found[:limit] if top > 0]


def _merged(own: list[str], others: list[str], scores: dict[str, float], sure: dict[str, float]) -> list:
    """The item's own words' targets in the search's order (a paragraph's leading goal first),
    and the targets only a like item or the theme gives, each placed before the first of them it
    is surer than, never before the first: a borrowed target never pushes out one the item's own
    words support better."""
    merged = list(own)
    for target in sorted(others, key=lambda t: (-sure.get(t, 0.0), -scores[t])):
        at = next((n for n, t in enumerate(merged) if n > 0 and sure.get(t, 0.0) < sure.get(target, 0.0)), len(merged))
        merged.insert(at, target)
    return [(t, scores[t]) for t in merged]


def suggest(
    review: Review, fw: Framework, *, previous: Review | None = None, limit: int = 5, hide_own: bool = True
) -> list[Suggestions]:
    """Suggestions for every action and indicator of ``review``. With ``hide_own`` (the
    default), an item's own mapping is not used to suggest its targets (it would only
    repeat them); it is what the doubts are about."""
    own = (review.info.language or "en").split("-")[0].lower()
    own = own if own in LANGUAGES else "en"

    def index(text: str):  # each text in its own language, the review's where none knows more; English as it is
        return index_for(fw, own if own == "en" else query_language(text, fw, own))

    valid = {t.code for t in fw.targets}
    examples = []
    for source, last in ((review, False), (previous, True)):
        if source is None:
            continue
        for kind, rec, text, _theme in _items(source):
            targets = [t for t in rec.targets if t in valid]
            if targets:
                title = (rec.title if kind == "action" else rec.name) or ""
                label = _("previous review: {id} '{title}'") if last else "{id} '{title}'"
                key = f"previous review: {kind}:{rec.id}" if last else f"{kind}:{rec.id}"
                official = frozenset(getattr(rec, "sdg_indicators", None) or ())
                examples.append((key, label.format(id=rec.id, title=title), text, targets, official))
    similar = _Examples(examples) if examples else None
    results = []
    for kind, rec, text, theme in _items(review):
        scores: dict[str, float] = {}
        reasons: dict[str, str] = {}
        sure: dict[str, float] = {}
        for hit in index(text).search(text, 15):
            scores[hit.code] = hit.score
            sure[hit.code] = hit.confidence
            reasons[hit.code] = hit.reasons[0] if hit.reasons else _("words of the target")
        top = max(scores.values(), default=0) or 1.0
        scores = {k: v / top for k, v in scores.items()}
        own_words = dict(scores)  # what the item's own words support
        if (
            theme and not own_words
        ):  # the theme a hint where the item's words find nothing: broad, it would outweigh them
            themed = index(theme).search(theme, 5)
            best = max((h.score for h in themed), default=0) or 1.0
            for hit in themed:
                scores[hit.code] = scores.get(hit.code, 0.0) + THEME_WEIGHT * hit.score / best
                sure.setdefault(hit.code, round(hit.confidence * THEME_WEIGHT, 3))
                why = hit.reasons[0] if hit.reasons else ""
                reasons.setdefault(hit.code, _("the theme {theme}: {why}").format(theme=theme, why=why))
        borrowed: dict[str, float] = {}
        if similar is not None:
            official = frozenset(getattr(rec, "sdg_indicators", None) or ())
            for weight, label, targets in similar.like(text, f"{kind}:{rec.id}" if hide_own else "", official=official):
                for rank, target in enumerate(targets):
                    gain = BORROW_WEIGHT * weight * (1 - 0.1 * rank)
                    if gain <= 0.05:
                        continue
                    if target not in own_words and gain > borrowed.get(target, 0.0):
                        reasons[target] = _("like {example}").format(example=label)
                        sure[target] = round(0.15 + 0.35 * weight, 3)  # modest: a likeness, not the item's words
                    borrowed[target] = borrowed.get(target, 0.0) + gain
        for target, gain in borrowed.items():  # beside the item's own words, a like item only breaks near ties
            scores[target] = scores[target] + BORROW_NUDGE * gain if target in own_words else gain
        ranked = _merged(list(own_words), [t for t in scores if t not in own_words], scores, sure)
        mapped = list(rec.targets)
        doubtful = [t for t in mapped if t in valid and scores.get(t, 0.0) < DOUBT_BELOW]
        results.append(
            Suggestions(
                kind=kind,
                id=rec.id,
                title=(rec.title if kind == "action" else rec.name) or "",
                mapped=mapped,
                suggestions=[
                    Suggestion(target=t, score=round(s, 3), reason=reasons.get(t, ""), confidence=sure.get(t, 0.0))
                    for t, s in ranked[:limit]
                ],
                doubtful=doubtful,
                **rec.place("targets"),
            )
        )
    return results
