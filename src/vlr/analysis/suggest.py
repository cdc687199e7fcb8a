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
from vlr.framework.search import LANGUAGES, index_for, query_language, stems
from vlr.model.review import Review

#: A borrowed mapping counts this much beside the search's best match (1.0).
BORROW_WEIGHT = 0.7
#: The theme's words count this much beside the item's own.
THEME_WEIGHT = 0.3
#: Below this combined score, a mapped target is doubtful.
DOUBT_BELOW = 0.12


class Suggestion(BaseModel):
    target: str
    score: float
    reason: str


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

    def __init__(self, items: list[tuple[str, str, str, list[str]]]):
        self.items = items  # (key, label, text, targets)
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE ex USING fts5(n UNINDEXED, body)")
        docs = [stems(text) for _, _, text, _ in items]
        self.db.executemany("INSERT INTO ex VALUES (?, ?)", [(n, " ".join(d)) for n, d in enumerate(docs)])
        counts: dict[str, int] = {}
        for d in docs:
            for w in set(d):
                counts[w] = counts.get(w, 0) + 1
        # a word most items share tells them apart no better than none (and costs a full scan)
        self.common = {w for w, n in counts.items() if n > max(5, len(docs) // 5)}

    def like(self, text: str, exclude: str, limit: int = 5) -> list[tuple[float, str, list[str]]]:
        words = [w for w in dict.fromkeys(stems(text)) if w not in self.common]
        if not words:
            return []
        match = " OR ".join('"' + w.replace('"', "") + '"' for w in words)
        rows = self.db.execute(
            "SELECT n, bm25(ex) FROM ex WHERE ex MATCH ? ORDER BY bm25(ex) LIMIT ?", (match, limit + 1)
        ).fetchall()
        found = [(-score, self.items[int(n)]) for n, score in rows if self.items[int(n)][0] != exclude]
        top = max((s for s, _ in found), default=0)
        return [(s / top, label, targets) for s, (_, label, _, targets) in found[:limit] if top > 0]


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
                examples.append((key, label.format(id=rec.id, title=title), text, targets))
    similar = _Examples(examples) if examples else None
    results = []
    for kind, rec, text, theme in _items(review):
        scores: dict[str, float] = {}
        reasons: dict[str, str] = {}
        for hit in index(text).search(text, 15):
            scores[hit.code] = hit.score
            reasons[hit.code] = hit.reasons[0] if hit.reasons else _("words of the target")
        top = max(scores.values(), default=0) or 1.0
        scores = {k: v / top for k, v in scores.items()}
        if theme:  # the theme as a weaker hint: "Climate" says something, but less than the title
            themed = index(theme).search(theme, 5)
            best = max((h.score for h in themed), default=0) or 1.0
            for hit in themed:
                scores[hit.code] = scores.get(hit.code, 0.0) + THEME_WEIGHT * hit.score / best
                why = hit.reasons[0] if hit.reasons else ""
                reasons.setdefault(hit.code, _("the theme {theme}: {why}").format(theme=theme, why=why))
        if similar is not None:
            for weight, label, targets in similar.like(text, f"{kind}:{rec.id}" if hide_own else ""):
                for rank, target in enumerate(targets):
                    gain = BORROW_WEIGHT * weight * (1 - 0.1 * rank)
                    if gain > 0.05:
                        if gain > scores.get(target, 0) * 0.5 and target not in reasons or scores.get(target, 0) < gain:
                            reasons[target] = _("like {example}").format(example=label)
                        scores[target] = scores.get(target, 0.0) + gain
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        mapped = list(rec.targets)
        doubtful = [t for t in mapped if t in valid and scores.get(t, 0.0) < DOUBT_BELOW]
        results.append(
            Suggestions(
                kind=kind,
                id=rec.id,
                title=(rec.title if kind == "action" else rec.name) or "",
                mapped=mapped,
                suggestions=[
                    Suggestion(target=t, score=round(s, 3), reason=reasons.get(t, "")) for t, s in ranked[:limit]
                ],
                doubtful=doubtful,
                **rec.place("targets"),
            )
        )
    return results
