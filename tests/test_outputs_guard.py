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


def vlr(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_an_existing_output_is_kept_beside_it_unless_forced(tmp_path):
    folder = review_folder(tmp_path, MINIMAL)
    out = tmp_path / "coverage.xlsx"
    out.write_bytes(b"a reviewer's own file")
    result = vlr("coverage", folder, "--xlsx", out)
    assert result.exit_code == 0, result.output
    kept = tmp_path / "coverage.previous.xlsx"
    assert kept.read_bytes() == b"a reviewer's own file" and f"kept as {kept}" in result.output
    written = out.read_bytes()
    assert vlr("coverage", folder, "--xlsx", out).exit_code == 0  # the same bytes again: nothing to keep
    assert out.read_bytes() == written and not (tmp_path / "coverage.previous-2.xlsx").exists()
    out.write_bytes(b"edited again")
    result = vlr("coverage", folder, "--xlsx", out, "--force")
    assert result.exit_code == 0 and "kept as" not in result.output
    assert out.read_bytes() == written and not (tmp_path / "coverage.previous-2.xlsx").exists()


def test_a_fresh_build_over_an_edited_draft_keeps_the_edited_one(tmp_path):
    folder = review_folder(tmp_path, MINIMAL)
    draft = tmp_path / "draft.docx"
    assert vlr("build", folder, "-o", draft).exit_code == 0
    import docx

    document = docx.Document(str(draft))
    document.add_paragraph("Hours of an officer's writing.")
    document.save(str(draft))
    edited = draft.read_bytes()
    result = vlr("build", folder, "-o", draft)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "draft.previous.docx").read_bytes() == edited
    assert "The draft that was there is kept as" in result.output
    assert b"officer" not in draft.read_bytes()


def test_no_output_is_written_through_a_link(tmp_path):
    folder = review_folder(tmp_path, MINIMAL)
    elsewhere = tmp_path / "elsewhere.xlsx"
    elsewhere.write_bytes(b"not vlr's")
    (tmp_path / "to-a-file.xlsx").symlink_to(elsewhere)
    (tmp_path / "to-nowhere.xlsx").symlink_to(tmp_path / "missing" / "planted.xlsx")
    (tmp_path / "draft.docx").symlink_to(tmp_path / "planted.docx")
    for args in (
        ["coverage", folder, "--xlsx", tmp_path / "to-a-file.xlsx"],
        ["coverage", folder, "--xlsx", tmp_path / "to-nowhere.xlsx"],
        ["suggest", folder, "--xlsx", tmp_path / "to-nowhere.xlsx"],
        ["build", folder, "-o", tmp_path / "draft.docx"],
    ):
        result = vlr(*args)
        assert result.exit_code == 1 and "is a link" in result.output and "Traceback" not in result.output, args
    assert elsewhere.read_bytes() == b"not vlr's"
    assert not (tmp_path / "missing").exists() and not (tmp_path / "planted.docx").exists()
    assert (tmp_path / "to-a-file.xlsx").is_symlink()  # the link itself is left as it was


def test_a_link_to_an_input_is_the_input(tmp_path):
    folder = review_folder(tmp_path, MINIMAL)
    workbook = next(folder.glob("*.xlsx"))
    before = workbook.read_bytes()
    (tmp_path / "alias.xlsx").symlink_to(workbook)
    result = vlr("coverage", folder, "--xlsx", tmp_path / "alias.xlsx")
    assert result.exit_code == 1 and "one of the review's own workbooks" in result.output
    assert workbook.read_bytes() == before


def test_nothing_is_written_anywhere_inside_what_is_read_all_the_way_down(tmp_path):
    folder = review_folder(tmp_path, MINIMAL)
    templates = tmp_path / "templates"
    (templates / "deep").mkdir(parents=True)
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    (repo / "data" / "indicator_1-1-1.csv").write_text("Year,Value\n2020,1\n")
    sdmx = tmp_path / "sdmx"
    sdmx.mkdir()
    (sdmx / "data.xml").write_text("<x/>")
    un = tmp_path / "framework.xlsx"
    un.write_bytes(b"a UN workbook")
    cases = [
        (["build", folder, "-o", templates / "deep" / "d.docx", "--templates", templates], "the templates folder"),
        (["import", "open-sdg", repo, "-o", repo / "data" / "vlr"], "the Open SDG repository"),
        (["import", "sdmx", sdmx, "-o", sdmx / "out"], "the SDMX data"),
        (["framework", "import", un, "-o", un], "vlr never writes over its input"),
    ]
    for args, said in cases:
        result = vlr(*args)
        assert result.exit_code == 1 and said in result.output, (args, result.output)
    assert not (templates / "deep" / "d.docx").exists() and not (repo / "data" / "vlr").exists()
    assert not (sdmx / "out").exists() and un.read_bytes() == b"a UN workbook"


def test_nothing_is_written_anywhere_inside_a_review(tmp_path):
    folder = review_folder(tmp_path, MINIMAL)
    for args in (
        ["build", folder, "-o", folder / "drafts" / "d.docx"],
        ["coverage", folder, "--xlsx", folder / "reports" / "c.xlsx"],
        ["diff", folder, folder, "--xlsx", folder / "reports" / "d.xlsx"],
    ):
        result = vlr(*args)
        assert result.exit_code == 1 and "inside" in result.output, (args, result.output)
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in folder.iterdir() if p.is_file())
