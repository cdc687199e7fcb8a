"""How sure vlr is of what a search found: a target's confidence, a goal's chance.

- :class:`Evidence`: what a target was found by (thesaurus terms, BM25, the share of the
  query its texts hold);
- :func:`confidence`: how likely a hit is an acceptable target, a logistic regression on its
  evidence (:data:`CONFIDENCE_WEIGHTS`);
- :func:`goal_chances`: for a paragraph, how likely it concerns each goal its hits reach, a
  logistic regression on the goal's share of the hits (:data:`GOAL_WEIGHTS`).

Both are fitted by ``benchmarks/calibrate.py`` on the tuning halves of the blind sets and
checked on the other halves; neither is scaled to the best answer, so a weak best answer
looks weak.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol


class Found(Protocol):
    """A search's hit as a goal's chance reads it (:class:`vlr.framework.search.Hit`)."""

    code: str
    score: float
    confidence: float
    evidence: Evidence | None


@dataclass
class Evidence:
    """What a target was found by: the thesaurus terms' weight, its BM25 score and the share of
    the query's information its texts hold."""

    thesaurus: float = 0.0
    bm25: float = 0.0
    coverage: float = 0.0
    #: How many thesaurus terms point at it, and whether it is one's closest target.
    terms: int = 0
    first: bool = False
    #: For a paragraph, its goal's BM25 score over all the goal's texts, as a share of the
    #: goals' scores and beside the best goal's (:meth:`TargetSearch.search`).
    goal_share: float = 0.0
    goal_relative: float = 0.0


#: The confidence model's weights: a logistic regression of "an acceptable target" on the
#: evidence, fitted by benchmarks/calibrate.py on the tuning halves of the blind sets and
#: checked on the other halves, where 74 % of the hits at 0.5 or more are acceptable (README).
CONFIDENCE_WEIGHTS = {
    "bias": -2.522,
    "thesaurus": 13.689,
    "bm25": 0.279,
    "coverage": -1.095,
    "relative": 1.339,
    "rank": -0.321,
    "words": -0.054,
    "terms": -12.538,
    "first": 0.276,
}


def confidence(evidence: Evidence, relative: float, rank: int, words: int) -> float:
    """How likely a hit is an acceptable target, from its evidence, its score beside the best
    (``relative``), its rank and the query's number of words: calibrated, not scaled to the best."""
    w = CONFIDENCE_WEIGHTS
    z = (
        w["bias"]
        + w["thesaurus"] * math.log1p(evidence.thesaurus)
        + w["bm25"] * math.log1p(evidence.bm25)
        + w["coverage"] * evidence.coverage
        + w["relative"] * relative
        + w["rank"] * rank
        + w["words"] * words
        + w["terms"] * math.log1p(evidence.terms)
        + w["first"] * evidence.first
    )
    return round(1 / (1 + math.exp(-z)), 3)


#: How many of a search's first hits a goal's chance is read from.
GOAL_HITS = 10
#: What a goal's chance is read from (:func:`goal_features`), in the order of its weights.
GOAL_FEATURES = ("bias", "mass", "best", "share", "thesaurus", "relative", "first", "goal_share", "goal_relative")
#: The goal model's weights: a logistic regression of "the text concerns this goal" (one of its
#: acceptable targets is the goal's) on the goal's share of the first hits, fitted by
#: benchmarks/calibrate.py on the tuning halves of both sets of real actions' descriptions and
#: checked on the other halves, where 85 % of the goals at 0.5 or more are right (README).
GOAL_WEIGHTS = {
    "bias": -3.783,
    "mass": 3.398,
    "best": 1.34,
    "share": 2.17,
    "thesaurus": 0.544,
    "relative": -0.164,
    "first": 1.036,
    "goal_share": -2.724,
    "goal_relative": 2.0,
}


def goal_features(hits: list[Found]) -> dict[int, list[float]]:
    """What each goal the first :data:`GOAL_HITS` hits reach is found by: its share of their
    scores, its surest target's confidence, its share of the hits, its thesaurus weight, its best
    score beside the best, whether it holds the most of their scores, and the BM25 score of all
    its texts together (:class:`Evidence`)."""
    hits = hits[:GOAL_HITS]
    total = sum(h.score for h in hits) or 1.0
    top = max((h.score for h in hits), default=1.0) or 1.0
    by_goal: dict[int, list[Found]] = {}
    for h in hits:
        by_goal.setdefault(int(h.code.split(".")[0]), []).append(h)
    mass = {goal: sum(h.score for h in found) / total for goal, found in by_goal.items()}
    most = max(mass, key=lambda g: (mass[g], -g), default=None)
    return {
        goal: [
            1.0,
            mass[goal],
            max(h.confidence for h in found),
            len(found) / len(hits),
            math.log1p(sum(h.evidence.thesaurus for h in found if h.evidence is not None)),
            max(h.score for h in found) / top,
            float(goal == most),
            max((h.evidence.goal_share for h in found if h.evidence is not None), default=0.0),
            max((h.evidence.goal_relative for h in found if h.evidence is not None), default=0.0),
        ]
        for goal, found in by_goal.items()
    }


def goal_chances(hits: list[Found]) -> dict[int, float]:
    """The goals a paragraph's ``hits`` reach, each with the chance that the paragraph concerns
    it (:data:`GOAL_WEIGHTS`), likeliest first."""
    weights = [GOAL_WEIGHTS[f] for f in GOAL_FEATURES]
    chance = {
        goal: round(1 / (1 + math.exp(-sum(w * x for w, x in zip(weights, xs)))), 3)
        for goal, xs in goal_features(hits).items()
    }
    return dict(sorted(chance.items(), key=lambda kv: (-kv[1], kv[0])))
