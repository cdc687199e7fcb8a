"""Benchmark: Open SDG repositories and SDMX data through vlr, as whole processes.

    python benchmarks/open_sdg.py [--repeat 3] [--only city|national|sdmx]

Three inputs, generated:

- **city**: a repository shaped like a real city's (250 data files, 150 of them template
  placeholders; about 17,000 data rows: plain years with breakdowns, financial years, dates
  several a year per site, a Units column, one indicator with 1,000 series);
- **national**: shaped like a country's (185 indicators, 150,000 rows: regions, sex and age,
  two Series per indicator, a Unit multiplier, SDMX codes with translations, indicator-config
  units and progress options);
- **sdmx**: a country's SDMX-ML file (11,520 observations: regions, sex and age) with its DSD.

Each is timed as ``vlr import …``, ``vlr validate`` of the imported workbooks and ``vlr
build`` of their draft, beside baselines measured in the same run: the interpreter's start-up
and a plain read of the same files (``csv`` for the CSV, lxml for the SDMX). The ratios to the
plain read are what to compare between runs. Goals (this 2-core machine, issue 23): the city's
import < 3 s, validate < 1 s, build < 6 s; the national import < 6 s and its build < 6 s.
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


def generate_national(root: Path) -> tuple[Path, int]:
    """A country's repository: 185 indicators of about 810 rows each."""
    rng = random.Random(11)
    if root.exists():
        shutil.rmtree(root)
    for folder in ("data", "meta", "indicator-config", "translations/en"):
        (root / folder).mkdir(parents=True)
    (root / "config_data.yml").write_text(
        "inputs:\n  - class: InputCsvData\n    path_pattern: data/*-*.csv\n"
        "  - class: InputYamlMeta\n    path_pattern: indicator-config/*.yml\n"
        "  - class: InputYamlMdMeta\n    path_pattern: meta/*.md\n"
    )
    (root / "translations/en/SEX.yml").write_text("SEX: Sex\nF: Female\nM: Male\n")
    (root / "translations/en/UNIT_MEASURE.yml").write_text("PT: Percentage (%)\nNUMBER: Number\n")
    regions = [f"R{r:02d}" for r in range(12)]
    rows = 0
    for code in codes(185):
        (root / "meta" / f"{code}.md").write_text(f"---\nindicator_name: Indicator {code} of the country\n---\n")
        (root / "indicator-config" / f"{code}.yml").write_text(
            "computation_units: UNIT_MEASURE.PT\nprogress_calculation_options:\n  - direction: negative\n"
        )
        lines = ["Year,Series,REF_AREA,SEX,UNIT_MEASURE,UNIT_MULT,OBS_STATUS,Value"]
        for series, unit, mult in (("Share", "PT", "0"), ("Count", "NUMBER", "3")):
            for year in range(1990, 2024):
                for area in ["", *regions]:
                    lines += [
                        f"{year},{series},{area},{sex},{unit},{mult},A,{rng.uniform(1, 90):.1f}"
                        for sex in ("", "F")
                        if area == "" or sex == ""
                    ]
        lines = lines[:811]
        rows += len(lines) - 1
        (root / "data" / f"indicator_{code}.csv").write_text("\n".join(lines) + "\n")
    return root, rows


def generate_sdmx(root: Path) -> tuple[Path, int]:
    """A country's SDMX-ML 2.1 file and its DSD, in the shapes of the tests' files."""
    sys.path.insert(0, str(ROOT / "tests"))
    import sdmx_files as sf

    rng = random.Random(13)
    if root.exists():
        shutil.rmtree(root)
    series = []
    for code in ("SI_POV_DAY1", "SH_STA_SCIDE", "VC_DSR_MORT", "EN_ATM_CO2", "EN_ATM_CO2PC"):
        for area in ("FI", "FI1B", "FI19", "_T"):
            for sex in ("_T", "F", "M"):
                for age in ("_T", "Y15T24", "Y_GE65"):
                    obs = [(str(y), f"{rng.uniform(1, 90):.2f}", {"OBS_STATUS": "A"}) for y in range(1960, 2024)]
                    series.append((sf.key(code, area=area, sex=sex, age=age), {"UNIT_MEASURE": "PT"}, obs))
    sf.write(root / "dsd.xml", sf.dsd_xml())
    sf.write(root / "data" / "FI.xml", sf.structure_specific(series))
    return root, sum(len(obs) for *_, obs in series)


def lxml_read(root: Path) -> int:
    from lxml import etree

    return sum(1 for path in (root / "data").glob("*.xml") for _ in etree.parse(str(path)).iter("Obs"))


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


def run_one(name: str, repeat: int, work: Path) -> None:
    vlr = [sys.executable, "-m", "vlr"]
    review = work / f"review-{name}"
    if name == "sdmx":
        source, rows = generate_sdmx(work / "sdmx")
        command = ["import", "sdmx", str(source / "data"), "--structure", str(source / "dsd.xml")]
        read, what = lxml_read, "lxml read of the file"
    else:
        source, rows = (generate if name == "city" else generate_national)(work / f"repo-{name}")
        command = ["import", "open-sdg", str(source)]
        read, what = csv_read, "csv read of the files"
    start_up = timed([sys.executable, "-c", "pass"], 5)
    start = time.perf_counter()
    read(source)
    plain = time.perf_counter() - start
    importing = timed(
        [*vlr, *command, "-o", str(review), "--city", "Benchton", "--country", "Nowhere", "--year", "2026"],
        repeat,
        before=lambda: shutil.rmtree(review, ignore_errors=True),
    )
    validating = timed([*vlr, "validate", str(review)], repeat)
    draft = work / f"draft-{name}.docx"
    building = timed([*vlr, "build", str(review), "-o", str(draft), "--date", "2026-11-28"], repeat)
    print(f"{name}: {rows} rows")
    print(f"  python -c pass         {start_up * 1000:8.0f} ms   (baseline: interpreter start-up)")
    print(f"  {what:<22} {plain * 1000:8.0f} ms   (baseline)")
    for label, took in (("vlr import", importing), ("vlr validate", validating), ("vlr build", building)):
        print(f"  {label:<22} {took * 1000:8.0f} ms   {took / plain:6.1f}x the plain read")
    print(f"  draft                  {draft.stat().st_size / 1e6:8.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=("city", "national", "sdmx"))
    args = parser.parse_args()
    work = ROOT / "build" / "bench-open-sdg"
    for name in [args.only] if args.only else ["city", "national", "sdmx"]:
        run_one(name, args.repeat, work)


if __name__ == "__main__":
    main()
