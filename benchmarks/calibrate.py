"""Fit and check the search's confidence (issue 22): a logistic regression of "this hit is an
acceptable target" on what the hit was found by (vlr.framework.chances.Evidence), and of "the
paragraph concerns this goal" on the goal's share of the hits, each fitted on the tuning halves
of the blind sets and checked on the other halves.

    python benchmarks/calibrate.py            # fit on the even items, check on the odd ones
    python benchmarks/calibrate.py --check    # only check the weights vlr ships

The blind sets (benchmarks/corpora/): 267 everyday officer queries and 77 real city actions,
written by people who had not seen the search (QUERIES.md, ACTIONS.md); and 150 queries and 40
actions more, written after the search's rules were chosen (CORPORA_2.md). Items are split by
their position (even: tuning, odd: checking), so that no item checks the weights it fitted.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "benchmarks" / "corpora"
#: The real actions are the corpora's last items (paragraphs: a title and its description).
ACTIONS, SECOND_ACTIONS = 77, 40
FEATURES = ("bias", "thesaurus", "bm25", "coverage", "relative", "rank", "words", "terms", "first")


def corpora(second: bool = False) -> list[tuple[str, set[str]]]:
    """(text, acceptable targets) of every blind item, queries first; with ``second``, of the
    second sets (queries_en_2.py, actions_en_2.jsonl: written after the search's rules and
    weights were chosen, never fitted on; CORPORA_2.md)."""
    tail = "_2" if second else ""
    spec = importlib.util.spec_from_file_location(f"queries_en{tail}", CORPORA / f"queries_en{tail}.py")
    queries = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(queries)
    items = [(q["query"], set(q["acceptable"])) for q in queries.QUERIES]
    for line in (CORPORA / f"actions_en{tail}.jsonl").read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        items.append((f"{a['title']}. {a['description']}", set(a["acceptable"])))
    return items


def features(hit, rank: int, words: int) -> list[float]:
    best = hit.relative
    e = hit.evidence
    return [
        1.0,
        math.log1p(e.thesaurus),
        math.log1p(e.bm25),
        e.coverage,
        best,
        float(rank),
        float(words),
        math.log1p(e.terms),
        float(e.first),
    ]


def rows(items, search, stems):
    out = []
    for text, good in items:
        hits = search.search(text, limit=5)
        best = hits[0].score if hits else 1.0
        n = len(set(stems(text)))
        for rank, h in enumerate(hits):
            h.relative = h.score / best
            out.append((features(h, rank, n), h.code in good, h.confidence))
    return out


def goal_rows(items, search):
    """(features, concerned, shipped chance) of every goal a paragraph's first hits reach: the
    real actions' descriptions (queries are not paragraphs)."""
    from vlr.framework.chances import goal_chances, goal_features

    out = []
    for text, good in items:
        hits = search.search(text, limit=10)
        goals = {int(code.split(".")[0]) for code in good}
        shipped = goal_chances(hits)
        for goal, xs in goal_features(hits).items():
            out.append((xs, goal in goals, shipped[goal]))
    return out


def fit(data, l2=1e-2, rounds=25) -> list[float]:
    """Logistic regression by Newton's method (iteratively reweighted least squares), with a
    small ridge: a few features, a few hundred rows."""
    k = len(data[0][0])
    w = [0.0] * k
    for _ in range(rounds):
        grad = [l2 * wj for wj in w]
        hess = [[(l2 if i == j else 0.0) for j in range(k)] for i in range(k)]
        for x, y, _c in data:
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, sum(a * b for a, b in zip(w, x))))))
            for i in range(k):
                grad[i] += (p - y) * x[i]
                for j in range(k):
                    hess[i][j] += p * (1 - p) * x[i] * x[j]
        step = _solve(hess, grad)
        w = [wj - sj for wj, sj in zip(w, step)]
    return w


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """``a x = b`` by Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for j in range(c, n + 1):
                m[r][j] -= f * m[c][j]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][j] * x[j] for j in range(r + 1, n))) / m[r][r]
    return x


def check(data, weights=None, what="hits", only_sure=False) -> None:
    def conf(x, c):
        return c if weights is None else 1 / (1 + math.exp(-sum(a * b for a, b in zip(weights, x))))

    scored = [(conf(x, c), y) for x, y, c in data]
    for low, high in () if only_sure else ((0.0, 0.3), (0.3, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01)):
        part = [y for c, y in scored if low <= c < high]
        if part:
            print(f"  confidence {low:.1f}-{min(high, 1):.1f}: {len(part):4} {what}, {sum(part) / len(part):.0%} right")
    sure = [y for c, y in scored if c >= 0.5]
    print(f"  at 0.5 or more: {len(sure)} {what}, {sum(sure) / max(len(sure), 1):.0%} right")


def main() -> None:
    from vlr.framework.catalogue import load_framework
    from vlr.framework.search import index_for, stems

    search = index_for(load_framework(), "en")
    first, second = corpora(), corpora(second=True)
    tune, hold = first[0::2] + second[0::2], first[1::2] + second[1::2]
    if "--check" not in sys.argv:
        weights = fit(rows(tune, search, stems))
        print("weights:", {f: round(w, 3) for f, w in zip(FEATURES, weights)})
        print("tuning halves:")
        check(rows(tune, search, stems), weights)
        print("checking halves:")
        check(rows(hold, search, stems), weights)
    print("checking halves, the weights vlr ships:")
    check(rows(hold, search, stems))
    for name, part in (("first", first[1::2]), ("second", second[1::2])):
        print(f"  the {name} sets' checking half:", end="")
        check(rows(part, search, stems), only_sure=True)
    from vlr.framework.chances import GOAL_FEATURES

    actions, later = first[-ACTIONS:], second[-SECOND_ACTIONS:]
    tune, hold = actions[0::2] + later[0::2], actions[1::2] + later[1::2]
    if "--check" not in sys.argv:
        weights = fit(goal_rows(tune, search))
        print("goal weights:", {f: round(w, 3) for f, w in zip(GOAL_FEATURES, weights)})
        print("goals, tuning halves:")
        check(goal_rows(tune, search), weights, "goals")
        print("goals, checking halves:")
        check(goal_rows(hold, search), weights, "goals")
    print("goals, checking halves, the weights vlr ships:")
    check(goal_rows(hold, search), what="goals")


if __name__ == "__main__":
    main()
