"""Benchmark: Open SDG repositories and SDMX data through vlr, as whole processes.

    python benchmarks/open_sdg.py [--runs 5] [--only city|national|sdmx]

Three inputs, generated:

- **city**: a repository shaped like a real city's (250 data files, 150 of them template
  placeholders; about 17,000 data rows: plain years with breakdowns, financial years, dates
  several a year per site, a Units column, one indicator with 1,000 series);
- **national**: shaped like a country's (185 indicators, 150,000 rows: regions, sex and age,
  two Series per indicator, a Unit multiplier, SDMX codes with translations, indicator-config
  units and progress options);
- **sdmx**: a country's SDMX-ML file (11,520 observations: regions, sex and age) with its DSD.

Each is timed as whole processes (the median of ``--runs``, fastest–slowest beside it: see
``_timing.py``): ``vlr import …`` beside a plain read of the same files (``csv`` for the CSV,
lxml for the SDMX), ``vlr validate`` of the imported workbooks beside the raw read of their
cells, and ``vlr build`` of their draft with its peak memory, stages and render baseline
(``_measures.py``), printed as one table. The ratios to the plain read are what to compare
between runs. Goals (this 2-core machine, issue 23): the city's import < 3 s, validate < 1
s, build < 6 s; the national import < 6 s and its build < 6 s, < 400 MiB. ``bench.py``
measures the national repository in its own table too.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _timing as timing  # noqa: E402
from _measures import baseline, build_rows, say, validate_rows  # noqa: E402
from _timing import Table, vlr  # noqa: E402

ROOT = timing.ROOT
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


#: Per input: the import's goal, validate's, the build's (seconds) and the build's memory (MiB).
GOALS = {"city": (3.0, 1.0, 6.0, None), "national": (6.0, None, 6.0, 400), "sdmx": (None, None, None, None)}


LABELS = {"city": "City", "national": "National", "sdmx": "SDMX"}


def measure(name: str, table: Table, runs: int, work: Path) -> None:
    """The rows of one input (``city``, ``national`` or ``sdmx``), generated into ``work``."""
    review = work / f"review-{name}"
    if name == "sdmx":
        source, rows = generate_sdmx(work / "sdmx")
        command = ["import", "sdmx", source / "data", "--structure", source / "dsd.xml"]
        read, what = "lxml-read", "lxml read of the file"
        shape = f"an SDMX-ML file: {rows:,} observations"
    else:
        source, rows = (generate if name == "city" else generate_national)(work / f"repo-{name}")
        command = ["import", "open-sdg", source]
        read, what = "csv-read", "csv read of the files"
        files = len(list((source / "data").glob("*.csv")))
        shape = f"an Open SDG repository: {files} data files, {rows:,} rows"
    importing, validating, building, memory = GOALS[name]
    table.section(f"{LABELS[name]}: {shape}")
    say(f"vlr {' '.join(command[:2])} ({name})")
    plain = baseline(read, source, runs)
    imported = vlr(
        [*command, "-o", review, "--city", "Benchton", "--country", "Nowhere", "--year", "2026"],
        runs,
        before=lambda: shutil.rmtree(review, ignore_errors=True),
    )
    table.time(
        f"`vlr {' '.join(command[:2])}`, whole process", imported, (f"{what}, whole process", plain), goal_s=importing
    )
    table.memory("… its peak memory", imported)
    table.cpu("… its CPU time (user + system)", imported)
    validate_rows(table, review, runs, goal_s=validating)
    build_rows(table, review, work / f"build-{name}", runs, goal_s=building, goal_mib=memory)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", "--repeat", type=int, default=timing.RUNS)
    parser.add_argument("--only", choices=("city", "national", "sdmx"))
    args = parser.parse_args()
    work = ROOT / "build" / "bench-open-sdg"
    table = Table("vlr benchmarks: Open SDG and SDMX")
    for name in [args.only] if args.only else ["city", "national", "sdmx"]:
        measure(name, table, args.runs, work)
    table.print(keep=ROOT / "build" / "bench-open-sdg-table.md")


if __name__ == "__main__":
    main()
