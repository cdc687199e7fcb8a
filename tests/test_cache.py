"""vlr's cache (vlr.output.cached): what a build keeps between runs never changes what it
writes, and an entry is used only for exactly what it was made from."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from click.testing import CliRunner

from conftest import ROOT, review_folder
from vlr.charts.tiles import GoalFace, goal_tile, tile_grid
from vlr.cli import main
from vlr.output import cache_folder, cached, code_version
from vlr.workbook.writer import write_workbook

DATE = "2026-11-28"


def build(folder, out, monkeypatch, cache) -> bytes:
    monkeypatch.setenv("VLR_CACHE_DIR", str(cache))
    goal_tile.cache_clear()  # as in a new process
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--date", DATE])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def entries(folder):
    """The cache's entries under ``folder``, each with its file's inode: an entry written
    again is a new file."""
    return {p: p.stat().st_ino for p in folder.rglob("*.bin")}


def test_a_build_from_the_cache_is_the_build_without_it(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    without = build(ROOT / "indicators", tmp_path / "a" / "d.docx", monkeypatch, "off")
    assert not cache.exists()
    filling = build(ROOT / "indicators", tmp_path / "b" / "d.docx", monkeypatch, cache)
    kept = entries(cache)
    assert {"chart", "goal-tile", "tile-grid", "template"} <= {p.parent.name for p in kept}
    from_cache = build(ROOT / "indicators", tmp_path / "c" / "d.docx", monkeypatch, cache)
    assert without == filling == from_cache
    assert entries(cache) == kept  # read, nothing made and written again


def test_an_entry_is_made_again_when_damaged_or_made_by_other_code(tmp_path, monkeypatch):
    monkeypatch.setenv("VLR_CACHE_DIR", str(tmp_path))
    made = []

    def make() -> bytes:
        made.append(1)
        return b"picture"

    assert cached("test", "key", make) == cached("test", "key", make) == b"picture" and len(made) == 1
    (entry,) = (tmp_path / "test").glob("*.bin")
    entry.write_bytes(entry.read_bytes()[:-1] + b"X")  # damaged: does not match its hash
    assert cached("test", "key", make) == b"picture" and len(made) == 2
    entry.write_bytes(b"")  # cut short
    assert cached("test", "key", make) == b"picture" and len(made) == 3
    assert cached("test", "other key", make) == b"picture" and len(made) == 4
    monkeypatch.setattr("vlr.output.code_version", lambda: "another vlr")
    assert cached("test", "key", make) == b"picture" and len(made) == 5


def test_the_code_version_names_every_file_of_the_package():
    assert len(code_version()) == 64 and code_version() == code_version()


def test_a_cache_that_cannot_be_written_keeps_nothing(tmp_path, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("VLR_CACHE_DIR", str(blocked / "cache"))
    faces = [GoalFace(n, f"Goal {n}", "#3F7E44", n % 2 == 0) for n in range(1, 18)]
    assert tile_grid(faces).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("setting", "expected"),
    [("off", None), ("", None), ("/somewhere/vlr", "/somewhere/vlr")],
)
def test_the_cache_folder_can_be_moved_or_turned_off(monkeypatch, setting, expected):
    monkeypatch.setenv("VLR_CACHE_DIR", setting)
    assert (str(cache_folder()) if cache_folder() else None) == expected


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG cache folder is Linux's and the BSDs'")
def test_the_cache_folder_is_the_users(monkeypatch, tmp_path):
    monkeypatch.delenv("VLR_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_folder() == tmp_path / "vlr"


def test_an_edited_template_is_compiled_again(tmp_path, monkeypatch):
    from vlr.main import analyse
    from vlr.texts.context import texts_of

    monkeypatch.setenv("VLR_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "templates"
    folder.mkdir()
    analysis = analyse(ROOT / "indicators")
    for text in ("First words on {{ city }}.", "Second words on {{ city }}."):
        (folder / "introduction.j2").write_text(text + "\n")
        blocks = texts_of(analysis, dt.date(2026, 11, 28), folder).sections["introduction"]
        assert blocks[0].text.startswith(text.split()[0])  # not the code compiled from the first text
    assert len(list((tmp_path / "cache" / "template").glob("*.bin"))) > 2


def test_a_chart_is_drawn_again_when_its_data_change(tmp_path, monkeypatch, sheets):
    cache = tmp_path / "cache"
    folder = review_folder(tmp_path, sheets)
    first = build(folder, tmp_path / "a" / "d.docx", monkeypatch, cache)
    sheets["Data"][3][2] = 131.5  # one value of I-1
    write_workbook(folder / "review.xlsx", sheets)
    changed = build(folder, tmp_path / "b" / "d.docx", monkeypatch, cache)
    assert changed != first
    assert changed == build(folder, tmp_path / "c" / "d.docx", monkeypatch, "off")


def test_the_workers_find_the_charts_of_a_large_review_in_the_cache(tmp_path, monkeypatch):
    monkeypatch.setattr("vlr.charts.figures.KEYS_HERE", 0)  # as for a review past it
    cache = tmp_path / "cache"
    first = build(ROOT / "indicators", tmp_path / "a" / "d.docx", monkeypatch, cache)
    charts = entries(cache / "chart")
    assert len(charts) == 27  # 26 indicators' and the heatmap
    assert build(ROOT / "indicators", tmp_path / "b" / "d.docx", monkeypatch, cache) == first
    assert entries(cache / "chart") == charts  # read, none drawn and written again


def test_entries_not_used_for_30_days_are_removed_once_a_day(tmp_path, monkeypatch):
    import os
    import time

    from vlr.output import _prune, cache_get, cache_put

    monkeypatch.setenv("VLR_CACHE_DIR", str(tmp_path))
    cache_put("test", "old", b"old")
    cache_put("test", "used", b"used")
    month_ago = time.time() - 31 * 86_400
    for entry in (tmp_path / "test").glob("*.bin"):
        os.utime(entry, (month_ago, month_ago))
    assert cache_get("test", "used") == b"used"  # read: in use again
    _prune(tmp_path)  # pruned less than a day ago, when the entries were written
    assert len(list((tmp_path / "test").glob("*.bin"))) == 2
    _prune(tmp_path, now=time.time() + 86_400 + 1)
    assert cache_get("test", "old") is None and cache_get("test", "used") == b"used"


def test_a_large_workbook_is_kept_and_written_again_only_when_a_cell_changes(tmp_path, monkeypatch):
    from vlr.workbook import writer

    monkeypatch.setenv("VLR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(writer, "CACHED_CELLS", 10)  # as a national review's data workbook
    written = []
    make = writer._workbook_bytes
    monkeypatch.setattr(writer, "_workbook_bytes", lambda *args: written.append(1) or make(*args))
    rows = [["Year", "Value"], *([2000 + n, n / 3] for n in range(20))]
    first = writer.workbook_bytes([writer.plain_sheet("Data", rows)])
    assert writer.workbook_bytes([writer.plain_sheet("Data", rows)]) == first and len(written) == 1
    assert len(list((tmp_path / "cache" / "workbook").glob("*.bin"))) == 1
    rows[5][1] = 99.0
    changed = writer.workbook_bytes([writer.plain_sheet("Data", rows)])
    assert changed != first and len(written) == 2
    monkeypatch.setattr(writer, "CACHED_CELLS", 10**6)  # a small workbook: written every time, the same bytes
    assert writer.workbook_bytes([writer.plain_sheet("Data", rows)]) == changed and len(written) == 3


def test_a_large_workbook_of_messages_is_kept_apart_for_each_language(tmp_path, monkeypatch):
    from vlr.formatting import speaking
    from vlr.workbook import writer

    monkeypatch.setenv("VLR_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(writer, "CACHED_CELLS", 1)
    rows = [["Status"], ["on track"]]
    with speaking("en"):
        english = writer.workbook_bytes([writer.plain_sheet("Data", rows)])
    with speaking("fi"):
        finnish = writer.workbook_bytes([writer.plain_sheet("Data", rows)])
    assert len(list((tmp_path / "cache" / "workbook").glob("*.bin"))) == 2 and english == finnish  # same cells
