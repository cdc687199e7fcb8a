"""Profile one ``vlr`` command with cProfile, in this process, as the ``vlr`` command runs it.

    python benchmarks/profiling.py [--top 15] [--out FILE.prof] [--charts] -- build build/bench-review -o x.docx

The command runs as ``python -m vlr`` runs it (:func:`vlr.commandline.as_process`), but
returns here instead of ending the process, so the profile can be written. A garbage
collection is counted in the function that was running when it started (often a
``__exit__`` or click's ``main``). Printed: the wall time, and the ``--top`` functions by
cumulative time and by own time, each with its file and line. The profile is kept in
``--out`` (default build/profiles/COMMAND.prof) for ``python -m pstats`` or snakeviz.

Only this process is profiled: the chart workers and the data workbook's writer that
``vlr build`` forks are not. ``--charts`` profiles what those workers do instead: every
chart of the review at PATH (the command's first argument after ``build``) drawn here, one
after the other, without vlr's cache.

cProfile costs time of its own, most in code that calls many small functions: compare the
shares, not the seconds, with the benchmarks' figures.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def where(key: tuple[str, int, str]) -> str:
    """``function (file:line)``, the file shortened to what follows src/ or site-packages/."""
    file, line, name = key
    for marker in ("/src/", "/site-packages/", "/lib/python3"):
        if marker in file:
            file = file.split(marker, 1)[1]
            break
    return f"{name} ({file}:{line})" if line else name


def table(stats: pstats.Stats, sort: int, top: int, title: str) -> str:
    """The ``top`` rows of ``stats`` by ``sort`` (2: own time, 3: cumulative)."""
    rows = sorted(stats.stats.items(), key=lambda item: item[1][sort], reverse=True)[:top]
    lines = [f"{title}:", "", "| cumulative | own | calls | function |", "|---:|---:|---:|---|"]
    for key, (primitive, calls, own, cumulative, _) in rows:
        count = f"{calls}" if calls == primitive else f"{calls}/{primitive}"
        lines.append(f"| {cumulative:.3f} s | {own:.3f} s | {count} | {where(key)} |")
    return "\n".join(lines)


def run_command(args: list[str]) -> None:
    """``vlr ARGS`` as :func:`vlr.commandline.as_process` runs it, returning here."""
    from vlr.cli import main

    try:
        main(args, prog_name="vlr")
    except SystemExit as exc:
        if exc.code not in (None, 0):
            print(f"vlr {' '.join(args)} ended with {exc.code}", file=sys.stderr)


def draw_charts(path: str) -> tuple[cProfile.Profile, float, int]:
    """Every chart of the review at ``path`` drawn here, one after the other, uncached."""
    os.environ["VLR_CACHE_DIR"] = "off"
    from vlr.analysis.result import analysis_of
    from vlr.charts.figures import ChartSource
    from vlr.main import load

    loaded = load(path)
    analysis = analysis_of(loaded)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    with ChartSource(analysis.review, analysis.coverage, analysis.progress, parallel=False) as charts:
        charts.heatmap()
        for key in charts:
            charts[key]
    profiler.disable()
    return profiler, time.perf_counter() - start, len(charts) + 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--charts", action="store_true", help="Profile drawing the review's charts instead.")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = [a for a in args.command if a != "--"]
    name = "-".join([*command[:1], "charts"] if args.charts else command[:1]) or "vlr"
    out = args.out or ROOT / "build" / "profiles" / f"{name}.prof"
    out.parent.mkdir(parents=True, exist_ok=True)
    if args.charts:
        profiler, wall, count = draw_charts(command[1] if command[:1] == ["build"] else command[0])
        what = f"{count} charts drawn in one process"
    else:  # the collector as the command leaves it (build settles it: vlr.commandline.settle)
        profiler = cProfile.Profile()
        start = time.perf_counter()
        profiler.enable()
        run_command(command)
        profiler.disable()
        wall = time.perf_counter() - start
        what = f"vlr {' '.join(command)}"
    profiler.dump_stats(out)
    stats = pstats.Stats(str(out))
    print(f"{what}: {wall:.2f} s under cProfile (profile in {out})", file=sys.stderr)
    print(table(stats, 3, args.top, "By cumulative time"), file=sys.stderr)
    print(file=sys.stderr)
    print(table(stats, 2, args.top, "By own time"), file=sys.stderr)


if __name__ == "__main__":
    main()
