"""The measures the benchmarks share (``bench.py``, ``open_sdg.py``): ``vlr validate`` beside
the raw read of the same cells; ``vlr build`` with an empty and a filled cache, its peak
memory, its stages, its render stage beside the same XML written with lxml alone, the size
of what it wrote, and whether its builds gave the same bytes. Each adds rows to a
:class:`_timing.Table`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

import _timing as timing
from _timing import Table, python, vlr

BENCH = Path(__file__).resolve().parent
#: The date every draft is built with, so that builds can be compared byte for byte.
DATE = "2026-11-28"


def say(text: str) -> None:
    """What is being measured, on stderr as it starts (a full run takes some minutes)."""
    print(f"[bench] {text}", file=sys.stderr, flush=True)


def baseline(what: str, folder: Path, runs: int) -> timing.Runs:
    """One of ``_baselines.py``'s reads of ``folder`` as a whole process."""
    return python([str(BENCH / "_baselines.py"), what, str(folder)], runs)


def validate_rows(table: Table, review: Path, runs: int, **goal) -> None:
    """``vlr validate`` of ``review`` beside the raw read of the same cells, both whole
    processes; ``goal`` as :meth:`Table.time` takes it."""
    say(f"vlr validate {review.name}")
    raw = baseline("raw-read", review, runs)
    whole = vlr(["validate", review], runs)
    table.time("`vlr validate`, whole process", whole, ("raw read, whole process", raw), **goal)
    table.memory("… its peak memory", whole)


def build_rows(
    table: Table,
    review: Path,
    out: Path,
    runs: int,
    *,
    goal_s: float | None = None,
    goal_mib: float | None = None,
    goal_bytes: float | None = None,
) -> None:
    """``vlr build`` of ``review`` into ``out``/draft.docx as whole processes, with an empty
    cache and then with the cache filled; peak memory; the stages; the render stage beside
    the same XML written with lxml; the .docx's size; whether the builds gave the same bytes."""
    out.mkdir(parents=True, exist_ok=True)
    cache = out / "cache"
    draft = out / "draft.docx"
    data = out / "draft-data.xlsx"
    env = {**os.environ, "VLR_CACHE_DIR": str(cache)}
    command = ["build", review, "-o", draft, "--date", DATE, "--timings", "--force"]
    digests: list[tuple[str, str]] = []

    def kept() -> None:  # each run's bytes; the first draft of other bytes kept to say what differs
        found = (_digest(draft), _digest(data))
        if digests and found[0] != digests[0][0] and not (out / "differs.docx").exists():
            shutil.copyfile(draft, out / "differs.docx")
        elif not digests:
            shutil.copyfile(draft, out / "first.docx")
        digests.append(found)

    for old in ("first.docx", "differs.docx"):
        (out / old).unlink(missing_ok=True)
    say(f"vlr build {review.name}, cache empty")
    cold = vlr(command, runs, env=env, before=lambda: shutil.rmtree(cache, ignore_errors=True), after=kept)
    say(f"vlr build {review.name}, cache filled")
    warm = vlr(command, runs, env=env, after=kept)
    for label, found in (("cache empty", cold), ("cache filled", warm)):
        table.time(f"`vlr build`, whole process, {label}", found, goal_s=goal_s)
        table.memory("… its peak memory", found, goal_mib)
        table.cpu("… its CPU time (user + system, all its processes)", found)
    stages = timing.stage_times(cold)
    say(f"the render stage's baselines ({draft.stat().st_size / 1e6:.1f} MB draft)")
    written = _lxml_write(draft, runs)
    for name, seconds in stages.items():
        label = f"… stage: {name} (cache empty)"
        if name == "render":
            table.time(label, timing.of(seconds), ("same XML with lxml, zipped", timing.of(written["lxml"]["seconds"])))
            table.time(
                "… stage: render, beside the same XML written as text",
                timing.of(seconds),
                ("same XML as text, zipped", timing.of(written["text"]["seconds"])),
            )
        else:
            table.time(label, timing.of(seconds))
    warm_charts = timing.stage_times(warm).get("charts")
    if warm_charts:
        table.time("… stage: charts (cache filled)", timing.of(warm_charts))
    table.size("… its .docx", draft.stat().st_size, goal_bytes)
    table.size("… its data workbook", data.stat().st_size)
    same = len({d for d, _ in digests}) == 1
    table.text(
        f"… {len(digests)} builds give the same bytes",
        f"{'yes' if same else 'no'} (data workbook: {'yes' if len({d for _, d in digests}) == 1 else 'no'})",
        "" if same else "differs: " + ", ".join(_differing(out / "first.docx", out / "differs.docx")),
    )


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _differing(a: Path, b: Path) -> list[str]:
    """The parts of two packages whose bytes (or zip headers) differ."""
    import zipfile

    with zipfile.ZipFile(a) as x, zipfile.ZipFile(b) as y:
        names = list(dict.fromkeys([*x.namelist(), *y.namelist()]))
        found = []
        for name in names:
            try:
                i, j = x.getinfo(name), y.getinfo(name)
            except KeyError:
                found.append(f"{name} (in one only)")
                continue
            if x.read(name) != y.read(name):
                found.append(name)
            elif (i.date_time, i.compress_type, i.external_attr) != (j.date_time, j.compress_type, j.external_attr):
                found.append(f"{name} (zip header)")
        return found or ["the zip's own bytes (order or comment)"]


def _lxml_write(draft: Path, runs: int) -> dict:
    """The render stage's baselines (``_baselines.py lxml-write``), in a process of their own."""

    found = python([str(BENCH / "_baselines.py"), "lxml-write", str(draft), "--runs", str(runs)], 1)
    return json.loads(found.stdout)
