"""Benchmark: how good are vlr's target suggestions, on mappings no one tuned for?

    python benchmarks/suggest.py [PATH]

Leave-one-out over the review at PATH (default: the shipped example, indicators/): for
each action and indicator, its own mapping is hidden (the rest of the review is used to
learn from, as ``vlr suggest`` does) and the suggestions are compared with it:

- top-k recall: the share of items with at least one of their true targets among the
  first k suggestions (k = 1, 3, 5);
- doubtful on correct mappings: the share of true (mapped) targets flagged doubtful.

Then the blind sets no one tuned the thesaurus on (benchmarks/corpora: everyday officer
queries, real actions from published reviews; and the second sets, written after the
search's rules and weights were chosen): an acceptable target in the first five, the first
acceptable, the right goal first; and, given ``--sdgcb FILE`` (the SDG Classification
Benchmark's benchmark.csv: ``pip download --no-deps sdgclassification-benchmark`` holds it),
goal-level accuracy on its 1,251 expert-labelled paragraphs as the benchmark scores it (per
goal, then the mean), beside the figures published for other classifiers on the same set.

Also the time of ``vlr framework search`` as a whole process, beside the interpreter's
start-up, and of ``suggest`` on the large generated review if ``make bench`` made it.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    from vlr.analysis.suggest import suggest
    from vlr.main import load

    path = Path(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else ROOT / "indicators"
    loaded = load(path)
    start = time.perf_counter()
    results = suggest(loaded.review, loaded.framework)
    took = time.perf_counter() - start
    rows = [r for r in results if r.mapped]
    for kind in ("action", "indicator", None):
        part = [r for r in rows if kind is None or r.kind == kind]
        if not part:
            continue
        recall = {
            k: sum(1 for r in part if set(r.mapped) & {s.target for s in r.suggestions[:k]}) / len(part)
            for k in (1, 3, 5)
        }
        mapped = sum(len(r.mapped) for r in part)
        doubtful = sum(len(r.doubtful) for r in part)
        name = f"{kind}s" if kind else "all"
        print(
            f"{name} ({len(part)}): top-1 {recall[1]:.0%}, top-3 {recall[3]:.0%}, top-5 {recall[5]:.0%}; "
            f"doubtful on correct mappings {doubtful}/{mapped} = {doubtful / mapped:.0%}"
        )
    print(f"suggest on {path.name}: {took * 1000:.0f} ms for {len(results)} items")

    runs = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "vlr", "framework", "search", "bike", "lanes"], check=True, capture_output=True
        )
        runs.append(time.perf_counter() - t)
    base = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        base.append(time.perf_counter() - t)
    print(
        f"vlr framework search, whole process: {min(runs) * 1000:.0f} ms (interpreter start-up "
        f"{min(base) * 1000:.0f} ms)   goal < 500 ms"
    )
    large = ROOT / "build" / "bench-review"
    if large.exists():
        big = load(large)
        t = time.perf_counter()
        out = suggest(big.review, big.framework)
        print(
            f"suggest on the large review ({len(out)} actions and indicators): "
            f"{time.perf_counter() - t:.1f} s   goal < 10 s"
        )


#: Published average accuracy on the SDG Classification Benchmark (SDGClassification/benchmark).
PUBLISHED = {
    "AFD SDG Prospector": 87.8,
    "OpenAI GPT-4o": 87.2,
    "text2sdg": 83.0,
    "Aurora SDG mBERT": 79.2,
    "JRC SDG Mapper": 77.3,
    "OSDG v1": 69.7,
}


def blind() -> None:
    """The blind sets: queries, and real actions by search."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from calibrate import corpora
    from vlr.framework.catalogue import load_framework
    from vlr.framework.search import index_for

    search = index_for(load_framework(), "en")
    items, later = corpora(), corpora(second=True)
    sets = (
        ("officer queries", items[:-77]),
        ("real actions", items[-77:]),
        ("second queries", later[:-40]),
        ("second actions", later[-40:]),
    )
    for name, part in sets:
        five = first = goal = nothing = 0
        for text, good in part:
            codes = [h.code for h in search.search(text, 5)]
            nothing += not codes
            five += bool(set(codes) & good)
            first += bool(codes) and codes[0] in good
            goal += bool(codes) and codes[0].split(".")[0] in {g.split(".")[0] for g in good}
        n = len(part)
        print(
            f"{name} ({n}): first five {five / n:.0%}, first {first / n:.0%}, right goal first {goal / n:.0%}, "
            f"nothing found {nothing}"
        )


def sdgcb(path: Path) -> None:
    """Goal-level accuracy on the SDG Classification Benchmark, as it scores: a row is predicted
    yes where its goal is among the goals returned; accuracy per goal, then their mean."""
    import csv

    from vlr.framework.catalogue import load_framework
    from vlr.framework.chances import goal_chances
    from vlr.framework.search import index_for

    search = index_for(load_framework(), "en")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    found = {r["id"]: search.search(r["text"], 10) for r in rows}

    def accuracy(goals_of) -> str:
        """The benchmark's accuracy (per goal, then the mean), with precision and recall."""
        per: dict[int, list[int]] = {}
        told = {True: [0, 0], False: [0, 0]}  # said yes / said no: [predicted yes, rows]
        for r in rows:
            g, said = int(r["sdg"]), r["label"] in ("True", "true", "1")
            got = g in goals_of(found[r["id"]])
            per.setdefault(g, []).append(int(got == said))
            told[said][0] += got
            told[said][1] += 1
        mean = 100 * sum(sum(v) / len(v) for v in per.values()) / len(per)
        yes = told[True][0] + told[False][0]
        return (
            f"{mean:.1f} (precision {100 * told[True][0] / max(yes, 1):.0f} %, "
            f"recall {100 * told[True][0] / told[True][1]:.0f} %)"
        )

    print(f"SDG Classification Benchmark ({len(rows)} rows), goal-level accuracy:")
    for k in (2, 3):

        def first(hs, k=k):
            return {int(h.code.split(".")[0]) for h in hs[:k]}

        print(f"  vlr, the goals of the first {k} targets: {accuracy(first)}")

    def sure(hs):
        return {goal for goal, chance in goal_chances(hs).items() if chance >= 0.5}

    print(f"  vlr, the goals at a chance of 0.5 or more: {accuracy(sure)}   goal ≥ 85")
    for name, figure in PUBLISHED.items():
        print(f"  {name} (published): {figure:.1f}")


if __name__ == "__main__":
    main()
    blind()
    if "--sdgcb" in sys.argv:
        sdgcb(Path(sys.argv[sys.argv.index("--sdgcb") + 1]))
