"""Benchmarks: how fast vlr is where its users meet it, each measure beside a baseline
measured in the same run, printed as one table (measure | median | min–max | baseline |
ratio | goal) that the README quotes with its date and machine.

    python benchmarks/bench.py [--runs 5] [--quick] [--no-large-build] [--rows 100000] …

Whole processes (``vlr …`` as people run it, interpreter start-up included) are timed
``--runs`` times (median, fastest–slowest), with each run's peak memory (the largest
resident set of the process and the workers it forks: ``_timing.py``). Builds are run
twice over: with vlr's cache empty before each run (the first build, or one after the
data changed: every chart drawn), and with the cache the last of those runs filled (the
next build from the same workbooks); their stage times are the ones ``vlr build
--timings`` prints, medians of the same runs.

1. **The large review**, generated once into build/bench-review: 5 workbooks, 2,000
   actions, 500 indicators with 100,000 data points (each a total, five groups by sex
   and age, and 14 districts as Areas, over ten years), so a chart per indicator and
   the data workbook's 500 sheets. ``vlr validate`` beside the raw read of the same
   cells with python-calamine, both whole processes (goal ≤ 2×), and both in this
   process; coverage and progress with every breakdown; ``vlr diff`` against a copy
   with about 1,000 revised values. ``vlr build`` (goal < 6 s, < 400 MiB), its stages,
   its render stage beside the same XML written with lxml alone (``_baselines.py``),
   the .docx's size, and whether two builds give the same bytes.
2. **The shipped example** (indicators/): ``vlr validate`` and ``vlr build`` (goal <
   1.2 s) the same way, and ``vlr build --update`` of an edited draft.
3. **A national Open SDG repository** (185 indicators, about 150,000 rows:
   ``open_sdg.py``): ``vlr import open-sdg`` beside the ``csv`` read of its files (goal <
   6 s), ``vlr validate`` of what it wrote, and its ``vlr build`` (goal < 6 s, < 400 MiB).
4. ``vlr build --update`` of an edited draft of the large review (one run each).

``--quick``: three runs a measure, without ``diff``, the updates and the national
repository (a few minutes; the whole run takes about 25 on two cores). The table is also
kept in build/bench-table.md. Nothing here is asserted by the test suite: the goals are
printed, said met or not.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _timing as timing  # noqa: E402
from _baselines import raw_read  # noqa: E402
from _measures import DATE, build_rows, say, validate_rows  # noqa: E402
from _timing import Table, in_process, python, vlr  # noqa: E402

ROOT = timing.ROOT
THEMES = ["Digitalisation", "Climate", "Learning", "Events"]
#: Each indicator's breakdowns beside its total, as councils publish them: by sex and age
#: (Series), and 14 districts (Area).
GROUPS = ["Sex: Women", "Sex: Men", "Age: 15-24", "Age: 25-64", "Age: 65 and over"]


def generate(folder: Path, actions: int, indicators: int, rows: int, revise: int = 0) -> Path:
    """Write the large review once; later runs reuse it. With ``revise``, that many data
    values differ from the review written without it (for ``vlr diff``)."""
    from vlr.framework.catalogue import load_framework
    from vlr.workbook.writer import write_workbook

    marker = folder / f".done-2-{actions}-{indicators}-{rows}-{revise}"
    if marker.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for old in [*folder.glob("*.xlsx"), *folder.glob(".done-*")]:
        old.unlink()
    rnd = random.Random(2030)
    targets = [t.code for t in load_framework().targets]

    def save(name: str, sheets: dict[str, list[list]]) -> None:
        write_workbook(folder / name, sheets)

    save(
        "review.xlsx", {"Review": [["Field", "Value"], ["City", "Bench City"], ["Country", "Finland"], ["Year", 2026]]}
    )
    per = actions // 4
    ind_per = indicators // 4
    rows_per = rows // 4
    for k, theme in enumerate(THEMES):
        acts = [["Action ID", "Title", "Theme", "SDG targets", "Status", "Start year"]]
        for n in range(per):
            acts.append(
                [
                    f"A{k}-{n}",
                    f"Action {n} of {theme}",
                    theme,
                    ", ".join(rnd.sample(targets, 2)),
                    "Ongoing",
                    2015 + n % 10,
                ]
            )
        inds = [["Indicator ID", "Name", "Unit", "Direction", "SDG targets", "Actions", "Target year", "Target value"]]
        for n in range(ind_per):
            followed = ", ".join(f"A{k}-{(n * 4 + j) % per}" for j in range(4))
            inds.append([f"I{k}-{n}", f"Indicator {n}", "%", "increase", rnd.choice(targets), followed, 2030, 90])
        data = [["Indicator ID", "Year", "Value", "Series", "Area", "Note"]]
        # the city's total and its groups, then its districts' figures (an Area each)
        series = [(None, None)] + [(g, None) for g in GROUPS]
        series += [(None, f"District {d}") for d in range(rows_per // (ind_per * 10) - len(series))]
        for n in range(rows_per):
            ind = n % ind_per
            year = 2016 + (n // ind_per) % 10
            group, area = series[(n // (ind_per * 10)) % len(series)]
            value = round(50 + rnd.random() * 10, 2) if n % 7 else f"{rnd.randint(40, 60)},{rnd.randint(0, 9)}"
            if revise and n % (rows_per // (revise // 4)) == 0:
                value = round((value if isinstance(value, float) else 55.0) + 1, 2)
            data.append([f"I{k}-{ind}", year, value, group, area, None])
        save(f"{theme.lower()}.xlsx", {"Actions": acts, "Indicators": inds, "Data": data})
    marker.touch()
    return folder


# --- 1. the large review ---------------------------------------------------------------------


def large_review(table: Table, folder: Path, args) -> None:
    from vlr.analysis.coverage import coverage
    from vlr.analysis.progress import progress
    from vlr.main import load, validate

    cells = raw_read(folder)
    table.section(
        f"Large review: {args.actions:,} actions, {args.indicators} indicators, {args.rows:,} data points "
        f"(breakdowns by sex, age and district), {cells:,} cells in 5 workbooks"
    )
    validate_rows(table, folder, args.runs, goal_ratio=2.0)
    say("validate in this process")
    raw, _ = in_process(lambda: raw_read(folder), args.runs)
    api, _ = in_process(lambda: validate(folder), args.runs)
    table.time("`vlr.main.validate`, in this process", api, ("raw read, in this process", raw))
    loaded = load(folder)
    cov, _ = in_process(lambda: coverage(loaded.review, loaded.framework), args.runs)
    prog, _ = in_process(lambda: progress(loaded.review, loaded.framework, breakdowns=True), args.runs)
    both = timing.of([c + p for c, p in zip(cov.seconds, prog.seconds)])
    table.time("coverage + progress (every breakdown), beyond validation", both, goal_s=1.0)
    if not args.quick:
        from vlr.main import diff as diff_paths

        revised = generate(
            folder.with_name(folder.name + "-revised"), args.actions, args.indicators, args.rows, revise=1000
        )
        say("vlr diff")
        validating, _ = in_process(lambda: (validate(folder), validate(revised)), args.runs)
        differing, result = in_process(lambda: diff_paths(folder, revised), args.runs)
        table.time(
            f"`vlr.main.diff` against a copy with {len(result.changes)} revised values",
            differing,
            ("validating both", validating),
            goal_ratio=2.0,
        )


def large_update(table: Table, folder: Path, tmp: Path) -> None:
    """``vlr build --update`` of an edited draft of the large review, beside building it:
    with the same workbooks (vlr's parts are checked, none needs rewriting), and with
    the copy whose values were revised (the annex and many chapters are rewritten)."""
    draft = tmp / "large-living.docx"
    say("vlr build --update of the large review")
    build = vlr(["build", folder, "-o", draft, "--date", DATE], 1)
    _edited(draft)
    edited = draft.read_bytes()
    update = vlr(["build", folder, "--update", draft, "--date", DATE], 1)
    table.time(
        "`vlr build --update` of an edited draft, same workbooks (one run)",
        update,
        ("its build", build),
        goal_ratio=1.5,
    )
    revised = folder.with_name(folder.name + "-revised")
    if revised.exists():
        draft.write_bytes(edited)
        again = vlr(["build", revised, "--update", draft, "--date", DATE], 1)
        table.time("… with about 1,000 values revised (one run)", again, ("its build", build), goal_ratio=1.2)


# --- 2. the shipped example ------------------------------------------------------------------


def example(table: Table, tmp: Path, args) -> None:
    table.section("Shipped example (indicators/)")
    say("python -c pass")
    table.time("`python -c pass` (the interpreter's start-up)", python("pass", args.runs))
    validate_rows(table, ROOT / "indicators", args.runs, goal_s=1.0)
    build_rows(table, ROOT / "indicators", ROOT / "build" / "bench-example", args.runs, goal_s=1.2)
    if not args.quick:
        update_example(table, tmp, args.runs)


def update_example(table: Table, tmp: Path, runs: int) -> None:
    """``vlr build --update`` of an edited draft of the shipped example, as a whole process,
    after a build of the same workbooks: the charts, goal tiles and compiled templates then
    come from vlr's cache. And the same without the cache."""
    draft = tmp / "living.docx"
    for label, env in (("", None), (", without vlr's cache", {**os.environ, "VLR_CACHE_DIR": "off"})):
        say(f"vlr build --update of the example{label}")
        built: list[float] = []

        def build_and_edit(env=env, built=built) -> None:
            built += vlr(["build", "indicators", "-o", draft, "--date", DATE, "--force"], 1, env=env).seconds
            _edited(draft)

        update = vlr(["build", "indicators", "--update", draft, "--date", DATE], runs, env=env, before=build_and_edit)
        table.time(
            f"`vlr build --update` of an edited draft{label}", update, ("its build", timing.of(built)), goal_s=1.5
        )


def _edited(draft: Path) -> None:
    """A draft as people leave it: a paragraph of theirs at the end (outside vlr's parts)."""
    import zipfile

    with zipfile.ZipFile(draft) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode()
    end = xml.rfind("<w:sectPr")
    parts["word/document.xml"] = (
        xml[:end] + "<w:p><w:r><w:t>A paragraph people added.</w:t></w:r></w:p>" + xml[end:]
    ).encode()
    with zipfile.ZipFile(draft, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in parts.items():
            z.writestr(name, blob)


# --- 3. the national repository --------------------------------------------------------------


def national(table: Table, args) -> None:
    import open_sdg

    open_sdg.measure("national", table, args.runs, ROOT / "build" / "bench-open-sdg")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actions", type=int, default=2000)
    parser.add_argument("--indicators", type=int, default=500)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument(
        "--runs", "--repeat", type=int, default=None, help="Runs a measure (default 5; 3 with --quick)."
    )
    parser.add_argument("--quick", action="store_true", help="Three runs a measure; no diff, updates or national.")
    parser.add_argument("--no-large-build", action="store_true", help="Skip building the large review's draft.")
    args = parser.parse_args()
    args.runs = args.runs or (3 if args.quick else timing.RUNS)

    table = Table("vlr benchmarks")
    # another size has a folder of its own: build/bench-review stays the large review (suggest.py reads it)
    size = (args.actions, args.indicators, args.rows)
    name = "bench-review" if size == (2000, 500, 100_000) else "bench-review-{}-{}-{}".format(*size)
    folder = generate(ROOT / "build" / name, *size)
    large_review(table, folder, args)
    if not args.no_large_build:
        out = folder.with_name(name.replace("bench-review", "bench-large"))
        build_rows(table, folder, out, args.runs, goal_s=6.0, goal_mib=400, goal_bytes=6e6)
    with tempfile.TemporaryDirectory() as tmp:
        example(table, Path(tmp), args)
        if not args.quick:
            national(table, args)
            if not args.no_large_build:
                table.section("Large review, refreshed")
                large_update(table, folder, Path(tmp))
    table.note(
        "whole processes: the median of the runs, fastest–slowest beside it; peak memory: the largest resident "
        "set of the process and the workers it forks (pages they share counted in each)"
    )
    table.note(
        "builds: *cache empty* is a first build (every chart drawn); *cache filled* the next one from the same "
        "workbooks; stage times are what `vlr build --timings` printed in the same runs"
    )
    table.note(
        "the same bytes: the builds write to the same file name; a draft names its data workbook "
        "(NAME-data.xlsx, in the methodology and in the region hashes of docProps/custom.xml), so drafts "
        "written under other names differ there and only there"
    )
    table.print(keep=ROOT / "build" / ("bench-table.md" if name == "bench-review" else f"{name}-table.md"))


if __name__ == "__main__":
    main()
