"""Outputs never aimed at inputs (issue 20, item 1): next year's review is never written into
last year's, nor next year's draft over the one it starts from."""

from __future__ import annotations

from click.testing import CliRunner

from conftest import MINIMAL, review_folder
from vlr.cli import main


def test_init_from_a_review_never_writes_inside_it(tmp_path):
    folder = review_folder(tmp_path, MINIMAL)
    before = sorted(p.name for p in folder.rglob("*"))
    result = CliRunner().invoke(main, ["init", str(folder / "next"), "--from", str(folder)])
    assert result.exit_code == 1 and "inside last cycle's review" in result.output
    assert sorted(p.name for p in folder.rglob("*")) == before  # nothing written
    assert CliRunner().invoke(main, ["init", str(tmp_path / "next"), "--from", str(folder)]).exit_code == 0


def test_next_years_draft_never_replaces_the_draft_it_starts_from(tmp_path):
    folder = review_folder(tmp_path, MINIMAL)
    draft = tmp_path / "draft.docx"
    assert CliRunner().invoke(main, ["build", str(folder), "-o", str(draft)]).exit_code == 0
    last = draft.read_bytes()
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(draft), "--from", str(draft)])
    assert result.exit_code == 1 and "is last cycle's draft" in result.output
    assert draft.read_bytes() == last


def test_the_backup_of_an_updated_draft_never_follows_a_link(tmp_path):
    folder = review_folder(tmp_path, MINIMAL)
    draft = tmp_path / "draft.docx"
    assert CliRunner().invoke(main, ["build", str(folder), "-o", str(draft)]).exit_code == 0
    import docx

    d = docx.Document(str(draft))
    d.add_paragraph("An edit, so that the update merges.")
    d.save(str(draft))
    outside = tmp_path / "elsewhere" / "planted.docx"
    (tmp_path / "draft.previous.docx").symlink_to(outside)  # a link that points nowhere (yet)
    result = CliRunner().invoke(main, ["build", str(folder), "--update", str(draft)])
    assert result.exit_code == 0, result.output
    assert not outside.exists()  # nothing written through the link
    assert (tmp_path / "draft.previous-2.docx").is_file()
