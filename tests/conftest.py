"""Shared fixtures: real workbooks written by vlr.workbook.writer, and the UN files in ../shared."""

from __future__ import annotations

import copy
import os
import shutil
from pathlib import Path

import pytest

from vlr.workbook.writer import write_workbook

ROOT = Path(__file__).resolve().parent.parent
UN_DIR = ROOT.parent / "shared" / "data" / "un-sdg-framework"
UN_2025 = UN_DIR / "Global-Indicator-Framework-after-2025-review-English.xlsx"
UN_2023 = UN_DIR / "Global-Indicator-Framework-after-2023-refinement-English.xlsx"


def pytest_configure(config):
    # `pytest -m fuzz` runs the short fuzz campaigns alone, `-m "not fuzz"` everything else.
    config.addinivalue_line("markers", "fuzz: a short fuzz campaign (tests/fuzz_surfaces.py)")


@pytest.fixture(autouse=True, scope="session")
def _own_cache(tmp_path_factory):
    """The tests' builds keep vlr's cache (vlr.output.cached) in a folder of their own, not in
    the user's: every session starts with none, and the commands the tests run inherit it."""
    folder = tmp_path_factory.mktemp("vlr-cache")
    before = os.environ.get("VLR_CACHE_DIR")
    os.environ["VLR_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        os.environ.pop("VLR_CACHE_DIR", None)
    else:
        os.environ["VLR_CACHE_DIR"] = before


def need_un(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"the UN workbook is not here ({path}); it lives in ../shared beside the repository")
    return path


def need_tool(name: str) -> str:
    """The path of a system tool; skip without it, except in CI, where it must be there."""
    found = shutil.which(name)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{name} is not installed; .ci/system-deps should have installed it")
    pytest.skip(f"{name} is not installed (make test installs it)")


ACTION_HEAD = ["Action ID", "Title", "Theme", "SDG targets", "Status", "Start year", "End year"]
INDICATOR_HEAD = [
    "Indicator ID",
    "Name",
    "Unit",
    "Direction",
    "SDG targets",
    "SDG indicator",
    "Actions",
    "Baseline year",
    "Baseline value",
    "Target year",
    "Target value",
]
DATA_HEAD = ["Indicator ID", "Year", "Value", "Series"]

#: A small valid review: every test that needs one starts from a copy and breaks one thing.
MINIMAL = {
    "Review": [
        ["Field", "Value"],
        ["City", "Testville"],
        ["Country", "Finland"],
        ["Year", 2026],
        ["Themes", "Climate, Learning"],
    ],
    "Actions": [
        ACTION_HEAD,
        ["A-1", "Cycle lanes", "Climate", "11.2, 11.6", "Ongoing", 2020, 2028],
        ["A-2", "Adult courses", "Learning", "4.3", "Completed", 2019, 2022],
    ],
    "Indicators": [
        INDICATOR_HEAD,
        ["I-1", "Cycle network", "km", "increase", "11.2", None, "A-1", 2020, 100, 2030, 200],
        ["I-2", "PM2.5", "µg/m³", "decrease", "11.6", "11.6.2", "A-1", None, None, 2030, 5],
        ["I-3", "Adults in training", "%", "increase", "4.3", "4.3.1", "A-2", None, None, None, None],
    ],
    "Data": [DATA_HEAD]
    + [["I-1", y, 100 + 10 * (y - 2020), None] for y in range(2020, 2026)]
    + [["I-2", y, 8 - 0.3 * (y - 2020), None] for y in range(2020, 2026)]
    + [["I-3", 2022, 50, None], ["I-3", 2024, 54, None], ["I-3", 2024, 51, "Women"]],
    "Narratives": [["Section", "Text"], ["introduction", "Testville is small."]],
}


@pytest.fixture
def sheets() -> dict:
    """A deep copy of :data:`MINIMAL` to modify."""
    return copy.deepcopy(MINIMAL)


@pytest.fixture
def write(tmp_path):
    """write(sheets, name="review.xlsx") -> Path of a real .xlsx in a temporary folder."""

    def _write(content: dict, name: str = "review.xlsx") -> Path:
        path = tmp_path / name
        write_workbook(path, content)
        return path

    return _write


def review_folder(tmp_path: Path, sheets: dict, name: str = "review") -> Path:
    """A folder holding ``sheets`` as its one workbook, review.xlsx."""
    folder = tmp_path / name
    folder.mkdir()
    write_workbook(folder / "review.xlsx", sheets)
    return folder
