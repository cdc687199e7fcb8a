"""Benchmark: how good are vlr's target suggestions, on mappings no one tuned for?

    python benchmarks/suggest.py [PATH]

Leave-one-out over the review at PATH (default: the shipped example, indicators/): for
each action and indicator, its own mapping is hidden (the rest of the review is used to
learn from, as ``vlr suggest`` does) and the suggestions are compared with it:

- top-k recall: the share of items with at least one of their true targets among the
  first k suggestions (k = 1, 3, 5);
- doubtful on correct mappings: the share of true (mapped) targets flagged doubtful.

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

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "indicators"
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


if __name__ == "__main__":
    main()
