"""Benchmark: a city's Open SDG repository through vlr, as whole processes.

    python benchmarks/open_sdg.py [--repeat 3]

Generates a repository shaped like a real city's (250 data files, 150 of them template
placeholders; about 17,000 data rows: plain years with breakdowns, financial years,
dates several a year per site, a Units column, one indicator with 1,000 series), then
times ``vlr import open-sdg``, ``vlr validate`` of the imported workbooks and ``vlr
build`` of their draft, each as a whole process, beside two baselines measured in the
same run: the interpreter's start-up, and a plain ``csv`` read of the same files.
Goals (this 2-core machine): import < 3 s, validate < 1 s, build < 6 s.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = "Year,Group,Value\n2015,A,1\n2015,B,3\n2015,,2\n2016,A,1\n2016,B,3\n2016,,2\n"


def codes(n: int) -> list[str]:
    found = []
    for goal in range(1, 18):
        for target in range(1, 11):
            for indicator in range(1, 3):
                found.append(f"{goal}-{target}-{indicator}")
    return found[:n]


def generate(root: Path) -> tuple[Path, int]:
    """The repository, and how many data rows it holds."""
    rng = random.Random(7)
    if root.exists():
        shutil.rmtree(root)
    (root / "data").mkdir(parents=True)
    (root / "meta").mkdir()
    rows = 0
    for n, code in enumerate(codes(250)):
        path = root / "data" / f"indicator_{code}.csv"
        if n % 5 in (1, 2, 3):  # 150 placeholders
            path.write_text(PLACEHOLDER)
            continue
        (root / "meta" / f"{code}.md").write_text(
            f"---\nindicator_name: Indicator {code.replace('-', '.')} of the city\ncomputation_units: Number\n"
            "source_organisation_1: City council\nreporting_status: complete\n---\n"
        )
        lines = []
        kind = n % 10
        if kind == 0 and n == 0:  # one indicator with 1,000 series: counts per site
            lines.append("Year,Site,Value")
            lines += [f"{y},Site {s:04d},{rng.randint(0, 300)}" for s in range(1000) for y in (2019, 2020)]
        elif kind == 0:  # dates, several a year, per site
            lines.append("Year,Site,Value")
            lines += [
                f"{y}-{m:02d}-{d:02d},Site {s},{rng.uniform(0, 50):.2f}"
                for s in range(10)
                for y in range(2016, 2024)
                for m in (2, 5, 8, 11)
                for d in (3,)
            ]
        elif kind == 4:  # financial years, two units
            lines.append("Year,Units,Value")
            lines += [
                f"{y}/{(y + 1) % 100:02d},{u},{rng.uniform(1, 100):.1f}"
                for u in ("Count", "Rate")
                for y in range(2010, 2024)
            ]
        else:  # plain years, a total and breakdowns by sex and ward
            lines.append("Year,Sex,Ward,Value")
            for y in range(2008, 2024):
                lines.append(f"{y},,,{rng.uniform(10, 90):.1f}")
                lines += [f"{y},{s},,{rng.uniform(10, 90):.1f}" for s in ("Female", "Male")]
                lines += [f"{y},,Ward {w},{rng.uniform(10, 90):.1f}" for w in range(6)]
        rows += len(lines) - 1
        path.write_text("\r\n".join(lines) + "\r\n")
    return root, rows


def csv_read(root: Path) -> int:
    count = 0
    for path in (root / "data").glob("*.csv"):
        with path.open(newline="", encoding="utf-8-sig") as fh:
            count += sum(1 for _ in csv.reader(fh))
    return count


def timed(cmd: list[str], repeat: int, before=None) -> float:
    times = []
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = ROOT / "build" / "bench-open-sdg"
    repo, rows = generate(work / "repo")
    review = work / "review"
    vlr = [sys.executable, "-m", "vlr"]

    start_up = timed([sys.executable, "-c", "pass"], 5)
    start = time.perf_counter()
    csv_read(repo)
    plain = time.perf_counter() - start
    importing = timed(
        [
            *vlr,
            "import",
            "open-sdg",
            str(repo),
            "-o",
            str(review),
            "--city",
            "Benchton",
            "--country",
            "Nowhere",
            "--year",
            "2026",
        ],
        args.repeat,
        before=lambda: shutil.rmtree(review, ignore_errors=True),
    )
    validating = timed([*vlr, "validate", str(review)], args.repeat)
    building = timed([*vlr, "build", str(review), "-o", str(work / "draft.docx"), "--date", "2026-11-28"], args.repeat)
    size = (work / "draft.docx").stat().st_size
    print(f"Open SDG repository: 250 data files (150 placeholders), {rows} data rows")
    print(f"  python -c pass         {start_up * 1000:8.0f} ms   (baseline: interpreter start-up)")
    print(f"  csv read of the files  {plain * 1000:8.0f} ms   (baseline: the csv module alone)")
    print(
        f"  vlr import open-sdg    {importing * 1000:8.0f} ms   {importing / start_up:5.1f}x start-up   goal < 3000 ms"
    )
    print(
        f"  vlr validate           {validating * 1000:8.0f} ms   {validating / start_up:5.1f}x start-up"
        "   goal < 1000 ms"
    )
    print(
        f"  vlr build              {building * 1000:8.0f} ms   {building / start_up:5.1f}x start-up   goal < 6000 ms"
        f"   ({size / 1e6:.1f} MB .docx)"
    )


if __name__ == "__main__":
    main()
