"""An update prepared while vlr builds (:mod:`vlr.draft.living.ahead`): the draft read and
examined by a forked process, which merges it when the fresh build comes, gives what the
update made in one process gives, bytes, report and refusals alike; without a process, or
when it fails, the update is made in this one."""

from __future__ import annotations

import copy
import datetime as dt

import docx
import pytest

from conftest import MINIMAL, review_folder
from vlr.draft.living import ahead
from vlr.draft.living.ahead import UpdateAhead
from vlr.draft.living.merge import Draft, refresh
from vlr.exceptions import EditedRegions
from vlr.main import BuildOptions, build
from vlr.workbook.writer import write_workbook

DATE = dt.date(2026, 11, 28)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory) -> tuple[bytes, bytes]:
    """A draft people added a paragraph to, and a fresh build after a revised value and a new action."""
    tmp = tmp_path_factory.mktemp("ahead")
    sheets = copy.deepcopy(MINIMAL)
    folder = review_folder(tmp, sheets)
    draft = tmp / "draft.docx"
    build(folder, BuildOptions(output=draft, date=DATE))
    d = docx.Document(str(draft))
    d.add_paragraph("A paragraph people added.")
    d.save(str(draft))
    for row in sheets["Data"][1:]:
        row[2] = row[2] + 1 if isinstance(row[2], (int, float)) else row[2]
    sheets["Actions"].append(["A-9", "Cycle lanes", "Climate", "11.2", "Planned", 2026, 2030])
    write_workbook(folder / "review.xlsx", sheets)
    fresh = build(folder, BuildOptions(output=tmp / "fresh.docx", date=DATE)).path
    return draft.read_bytes(), fresh.read_bytes()


def hand_edited(data: bytes, tmp_path) -> bytes:
    """``data`` with a word typed into a generated table."""
    path = tmp_path / "edited.docx"
    path.write_bytes(data)
    d = docx.Document(str(path))
    table = next(t for t in d.tables if len(t.rows) > 1)
    table.rows[1].cells[0].paragraphs[0].add_run(" (typed over)")
    d.save(str(path))
    return path.read_bytes()


def test_the_update_made_ahead_in_a_process_of_its_own_is_the_one_made_here(drafts, tmp_path, monkeypatch):
    old, fresh = drafts
    here = refresh(old, fresh, path=tmp_path / "draft.docx")
    assert here.report and not here.report[0].startswith("rebuilt")
    update = UpdateAhead(old, path=tmp_path / "draft.docx")
    assert update._process is not None
    monkeypatch.setattr(ahead, "refresh", None)  # not made here: in the other process
    made = update.refresh(fresh)
    assert (made.data, made.report) == (here.data, here.report)


def test_without_a_process_or_when_it_fails_the_update_is_made_here(drafts, tmp_path, monkeypatch):
    old, fresh = drafts
    here = refresh(old, fresh, path=tmp_path / "draft.docx")
    monkeypatch.setenv("VLR_PROCESSES", "1")  # one process: nothing forked
    alone = UpdateAhead(old, path=tmp_path / "draft.docx")
    assert alone._process is None
    assert alone.refresh(fresh).data == here.data
    monkeypatch.undo()

    def fails(self):
        raise RuntimeError("a bug in the examination")

    monkeypatch.setattr(Draft, "examine", fails)  # in the forked process too: it shares this memory
    failed = UpdateAhead(old, path=tmp_path / "draft.docx")
    assert failed._process is not None
    assert failed.refresh(fresh).data == here.data


def test_edits_that_stop_the_update_stop_it_made_ahead_as_here(drafts, tmp_path):
    old, fresh = drafts
    edited = hand_edited(old, tmp_path)
    with pytest.raises(EditedRegions) as here:
        refresh(edited, fresh, path=tmp_path / "draft.docx")
    with pytest.raises(EditedRegions) as made:
        UpdateAhead(edited, path=tmp_path / "draft.docx").refresh(fresh)
    assert made.value.edited == here.value.edited and str(made.value) == str(here.value)
    assert "(typed over)" in str(made.value)
    discarded = UpdateAhead(edited, discard_edits=True, path=tmp_path / "draft.docx").refresh(fresh)
    assert discarded.data == refresh(edited, fresh, discard_edits=True, path=tmp_path / "draft.docx").data


def test_an_unchanged_draft_is_the_fresh_build_and_nothing_is_read_ahead(drafts, tmp_path):
    _old, fresh = drafts
    update = UpdateAhead(fresh, path=tmp_path / "draft.docx")
    assert update._process is None
    assert update.refresh(fresh).data == fresh
    assert ahead.REBUILT in update.refresh(fresh).report
