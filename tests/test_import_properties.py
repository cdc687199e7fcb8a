"""The imports' contract, as properties over generated inputs (their own fuzz corpus): an
Open SDG repository or SDMX file of any shape either imports into workbooks that validate
with 0 errors, every source row imported or left out with a reason (the numbers add up), or
is refused with UnreadableInput; never a traceback, never a workbook that fails validation."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sdmx_files as sf
from vlr.exceptions import UnreadableInput
from vlr.main import import_open_sdg, import_sdmx, validate

YEARS = st.one_of(
    st.integers(1800, 2200).map(str),
    st.sampled_from(
        [
            "2019/20",
            "2019-20",
            "2019/20 [Note 5]",
            "2001-2005 (baseline)",
            "2002/03-2007/08",
            "1980 to 1990",
            "1993 01",
            "2020 Q3",
            "2020-03-31",
            "17 May to 11 June 2023",
            "1974a",
            "2021-2022*",
            "",
            "n/a",
            "year",
            "2020-2019",
        ]
    ),
)
VALUES = st.one_of(
    st.floats(-1e9, 1e9, allow_nan=False).map(lambda v: f"{v:.3f}"),
    st.integers(-5, 500).map(str),
    st.sampled_from(["", "NaN", "n/a", "..", "x", "1,234", "1 234,5", "12 %", "inf", "-", "<5"]),
)
WORDS = st.sampled_from(["", "Female", "Male", "Total", "Urban", "Rural", "15-24", "Ward 1", "A;B", "_T", "F"])
PLACES = st.sampled_from(["", "", "England", "Wales", "North", "United Kingdom", "Helsinki"])
UNITS = st.sampled_from(["", "Percentage (%)", "Number", "PT", "Tonnes", "Area (000s hectares)"])
SCALES = st.sampled_from(["", "0", "3", "Thousands", "6", "Millions", "Percentage (%)", "7.5"])
#: Cases per run; a long campaign: VLR_IMPORT_EXAMPLES=1000 pytest tests/test_import_properties.py
EXAMPLES = int(os.environ.get("VLR_IMPORT_EXAMPLES", "60"))
COLUMNS = ["Year", "Series", "Units", "Unit multiplier", "Sex", "Region", "Progress", "Value"]


@st.composite
def repository(draw) -> dict[str, str]:
    """An Open SDG repository: a few data files, each with some of the columns real ones have."""
    files = {}
    for _ in range(draw(st.integers(1, 3))):
        cols = [c for c in COLUMNS if c in ("Year", "Value") or draw(st.booleans())]
        rows = []
        for _ in range(draw(st.integers(0, 12))):
            cell = {
                "Year": draw(YEARS),
                "Value": draw(VALUES),
                "Series": draw(st.sampled_from(["", "Rate", "Count"])),
                "Units": draw(UNITS),
                "Unit multiplier": draw(SCALES),
                "Sex": draw(WORDS),
                "Region": draw(PLACES),
                "Progress": str(draw(st.integers(0, 10**6))),
            }
            rows.append(",".join(f'"{cell[c]}"' if "," in cell[c] else cell[c] for c in cols))
        code = draw(st.sampled_from(["1-2-1", "3-4-1", "11-6-2", "8-5-1a", "10-x-1"]))
        files[f"data/indicator_{code}.csv"] = "\n".join([",".join(cols), *rows]) + "\n"
        if draw(st.booleans()):
            files[f"indicator-config/{code}.yml"] = draw(
                st.sampled_from(
                    [
                        "computation_units: Percentage (%)\n",
                        "progress_calculation_options:\n  - direction: negative\n    target: 5\n",
                        "data_start_values:\n  - field: Region\n    value: England\n",
                        "reporting_status: notstarted\n",
                        "data_non_statistical: true\n",
                        ": not yaml [\n",
                    ]
                )
            )
    return files


def _holds(run) -> None:
    folder = Path(tempfile.mkdtemp()) / "review"
    try:
        try:
            imported = run(folder)
        except UnreadableInput:
            assert not folder.exists()
            return
        left = sum(n for n, _ in imported.left_out().values())
        assert imported.source_rows == imported.data_rows + left, imported.reconciliation()
        report = validate(folder)
        assert report.ok, report.to_text()
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(repository())
def test_an_open_sdg_repository_imports_into_valid_workbooks_or_is_refused(files):
    root = Path(tempfile.mkdtemp())
    try:
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        _holds(lambda folder: import_open_sdg(root, folder, city="Helsinki", year=2026))
    finally:
        shutil.rmtree(root, ignore_errors=True)


SERIES_CODES = st.sampled_from([*sf.SERIES, "ZZ_UNLISTED"])
AREAS = st.sampled_from(list(sf.CODES["CL_AREA"]))
PERIODS = st.one_of(
    st.integers(1850, 2150).map(str), st.sampled_from(["2020-Q1", "2020-03", "2020-S1", "2020-03-31", "x"])
)


@st.composite
def observations(draw) -> list:
    series = []
    for _ in range(draw(st.integers(1, 5))):
        key = sf.key(
            draw(SERIES_CODES),
            area=draw(AREAS),
            sex=draw(st.sampled_from(list(sf.CODES["CL_SEX"]))),
            age=draw(st.sampled_from(list(sf.CODES["CL_AGE"]))),
            freq=draw(st.sampled_from(["A", "Q"])),
        )
        attrs = {"UNIT_MEASURE": draw(st.sampled_from([*sf.CODES["CL_UNIT_MEASURE"], "XX"]))}
        obs = [
            (
                draw(PERIODS),
                draw(st.one_of(st.floats(-1e6, 1e6, allow_nan=False).map(str), st.sampled_from(["NaN", "", "1e400"]))),
                {"UNIT_MULT": draw(st.sampled_from(["0", "3", "6", "x"])), "OBS_STATUS": draw(st.sampled_from("AE"))},
            )
            for _ in range(draw(st.integers(0, 6)))
        ]
        series.append((key, attrs, obs))
    return series


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(observations(), st.sampled_from(["structure-specific", "generic", "csv"]), st.sampled_from([None, "Finland"]))
def test_sdmx_data_imports_into_valid_workbooks_or_is_refused(series, form, country):
    root = Path(tempfile.mkdtemp())
    try:
        dsd = sf.write(root / "dsd.xml", sf.dsd_xml())
        text = {"structure-specific": sf.structure_specific, "generic": sf.generic, "csv": sf.sdmx_csv}[form](series)
        data = sf.write(root / ("data.csv" if form == "csv" else "data.xml"), text)
        _holds(lambda folder: import_sdmx([data], folder, structure=[dsd], country=country, year=2026))
    finally:
        shutil.rmtree(root, ignore_errors=True)
