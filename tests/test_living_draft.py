"""The living draft: a draft edited in Word (here: python-docx and raw XML, as people's
tools write it) and in LibreOffice is refreshed from corrected workbooks in place, and
everything people wrote survives byte for byte in its XML."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree
from PIL import Image

from conftest import MINIMAL, need_tool, review_folder
from vlr.cli import main
from vlr.draft import regions as R
from vlr.draft.accessibility import check_docx
from vlr.exceptions import DraftInUse, EditedRegions, NotADraft
from vlr.main import BuildOptions, build
from vlr.workbook.writer import write_workbook

DATE = dt.date(2026, 11, 28)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def review_sheets() -> dict:
    sheets = copy.deepcopy(MINIMAL)
    sheets["Actions"].append(["A-4", "Bus lanes", "Climate", "11.2", "Ongoing", 2021, 2027])
    sheets["Narratives"].append(["opening", "Testville reviews its work."])
    return sheets


def changed(sheets: dict) -> dict:
    """The departments' corrections: a revised value, a new year of data, a first action on
    goal 6, goal 4's only action and indicator retargeted away, an action removed."""
    sheets = copy.deepcopy(sheets)
    for row in sheets["Data"][1:]:
        if row[0] == "I-1" and row[1] == 2022:
            row[2] = 125  # was 120
    sheets["Data"].append(["I-2", 2026, 6.1, None])
    sheets["Actions"].append(["A-3", "Clean stormwater", "Climate", "6.3", "Planned", 2026, 2030])
    for row in sheets["Actions"][1:]:
        if row[0] == "A-2":
            row[3] = "11.2"
    for row in sheets["Indicators"][1:]:
        if row[0] == "I-3":
            row[4], row[5] = "11.2", None
    sheets["Actions"] = [r for r in sheets["Actions"] if r[0] != "A-4"]
    return sheets


@pytest.fixture
def made(tmp_path):
    folder = review_folder(tmp_path, review_sheets())
    draft = tmp_path / "draft.docx"
    build(folder, BuildOptions(output=draft, date=DATE))
    return folder, draft


def edit(path) -> dict[str, str]:
    """What people do: a commented paragraph with a tracked insertion after the opening
    statement's text, a paragraph and a picture at the end. Returns their XML."""
    d = docx.Document(str(path))
    heading = [p for p in d.paragraphs if p.text == "Highlights"][-1]
    mine = heading.insert_paragraph_before("Our mayor adds a personal word.")
    d.add_comment(mine.runs[0], text="Check with the mayor's office.", author="Officer", initials="O")
    mine._p.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="9001" w:author="Editor" w:date="2026-11-30T10:00:00Z">'
            '<w:r><w:t xml:space="preserve"> A tracked insertion.</w:t></w:r></w:ins>'
        )
    )
    d.add_paragraph("A closing paragraph people wrote.")
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 60)).save(picture, "PNG")
    d.add_picture(picture)
    d.inline_shapes[-1]._inline.docPr.set("descr", "A green square the officer added at the end of the draft")
    d.save(str(path))
    d = docx.Document(str(path))
    return {
        "mine": etree.tostring(_paragraph(d, "Our mayor adds")),
        "end": etree.tostring(_paragraph(d, "A closing")),
        "picture": etree.tostring(d.paragraphs[-1]._p),
    }


@contextlib.contextmanager
def package_parts(path):
    """The parts of the .docx ``path`` (name → bytes), written back as they are left."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    yield parts
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _paragraph(d, start: str):
    return next(p._p for p in d.paragraphs if p.text.startswith(start))


def texts(path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def table_cells(path) -> list[str]:
    return [c.text for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells]


def update(folder, draft, *extra) -> object:
    return CliRunner().invoke(main, ["build", str(folder), "--update", str(draft), "--date", "2026-11-28", *extra])


# --- regions -----------------------------------------------------------------------------------


def test_every_region_is_found_again_with_what_vlr_wrote(made):
    _folder, draft = made
    with zipfile.ZipFile(draft) as z:
        recorded = R.recorded(R.read_properties(z))
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
    found = R.find(body)
    assert {
        "cover",
        "opening-text",
        "dashboard",
        "goal-4",
        "goal-4-head",
        "goal-4-text",
        "goal-4-facts",
        "annex-3",
    } <= set(recorded)
    assert set(found) == set(recorded)
    for name, (_kind, digest) in recorded.items():
        assert R.text_hash(etree.tostring(b, encoding="unicode") for b in found[name].blocks) == R.text_part(digest), (
            name
        )


def test_updating_an_unedited_draft_gives_the_same_bytes_as_building_anew(made, tmp_path):
    folder, draft = made
    write_workbook(folder / "review.xlsx", changed(review_sheets()))
    result = update(folder, draft)
    assert result.exit_code == 0, result.output
    fresh = build(folder, BuildOptions(output=tmp_path / "fresh" / "draft.docx", date=DATE)).path
    assert draft.read_bytes() == fresh.read_bytes()
    assert (tmp_path / "draft.previous.docx").exists()


# --- the people's edits survive, the numbers change ---------------------------------------------


def check_refresh(folder, draft, theirs: dict[str, str]) -> None:
    before = texts(draft)
    assert "Goal 4: Quality education" in before and "Goal 6" not in before
    write_workbook(folder / "review.xlsx", changed(review_sheets()))
    result = update(folder, draft)
    assert result.exit_code == 0, result.output
    assert "inserted goal-6" in result.output and "removed goal-4" in result.output
    d = docx.Document(str(draft))
    # every edit survives byte for byte in its XML
    assert etree.tostring(_paragraph(d, "Our mayor adds")) == theirs["mine"]
    assert etree.tostring(_paragraph(d, "A closing")) == theirs["end"]
    assert etree.tostring(d.paragraphs[-1]._p) == theirs["picture"]
    comments = zipfile.ZipFile(draft).read("word/comments.xml").decode()
    assert "Check with the mayor&apos;s office." in comments or "Check with the mayor's office." in comments
    # the new values everywhere, the old ones nowhere
    body = texts(draft)
    cells = " ".join(table_cells(draft))
    assert "Goal 6: Clean water and sanitation" in body and "Goal 4: Quality education" not in body
    assert "Clean stormwater" in cells and "Bus lanes" not in cells
    annex = [c for c in table_cells(draft) if c in ("120", "125")]
    assert annex == ["125"]  # the revised value in the statistical annex, the old one gone
    assert "(2026)" in cells  # the new year of PM2.5 data
    assert not check_docx(draft).findings, check_docx(draft).to_text()
    # a second update with nothing changed writes the same bytes
    once = draft.read_bytes()
    assert update(folder, draft).exit_code == 0
    assert draft.read_bytes() == once


def test_an_edited_draft_is_refreshed_in_place_and_keeps_what_people_wrote(made):
    folder, draft = made
    theirs = edit(draft)
    check_refresh(folder, draft, theirs)


def libreoffice_saves(draft, tmp_path):
    """``draft`` opened and saved as .docx by LibreOffice: the path of the file it wrote."""
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "docx", "--outdir", str(out), str(draft)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / draft.name


def test_a_draft_saved_by_libreoffice_is_refreshed_too(made, tmp_path):
    need_tool("soffice")
    folder, draft = made
    edit(draft)
    shutil.copy(libreoffice_saves(draft, tmp_path), draft)
    d = docx.Document(str(draft))
    theirs = {
        "mine": etree.tostring(_paragraph(d, "Our mayor adds")),
        "end": etree.tostring(_paragraph(d, "A closing")),
        "picture": etree.tostring(d.paragraphs[-1]._p),
    }
    check_refresh(folder, draft, theirs)


def test_a_hand_edit_in_a_generated_table_stops_the_update_and_writes_nothing(made):
    folder, draft = made
    d = docx.Document(str(draft))
    table = next(t for t in d.tables if t.rows[0].cells[0].text == "Indicator" and t.rows[0].cells[1].text == "Unit")
    table.rows[1].cells[0].paragraphs[0].runs[0].text += " (typed over)"
    d.save(str(draft))
    before = draft.read_bytes()
    result = update(folder, draft)
    assert result.exit_code == 1
    assert "edited by hand" in result.output and "(typed over)" in result.output and "--discard-edits" in result.output
    assert draft.read_bytes() == before and not (draft.parent / "draft.previous.docx").exists()
    result = update(folder, draft, "--discard-edits")
    assert result.exit_code == 0, result.output
    assert "(typed over)" not in " ".join(table_cells(draft))


def test_a_rewritten_narrative_is_kept_and_an_untouched_one_follows_the_workbook(made):
    folder, draft = made
    d = docx.Document(str(draft))
    _paragraph(d, "Testville is small.").find(f"{W}r").find(f"{W}t").text = "Testville is small, and proud of it."
    d.save(str(draft))
    sheets = review_sheets()
    sheets["Narratives"] = [
        ["Section", "Text"],
        ["introduction", "A new introduction."],
        ["opening", "A new opening statement."],
    ]
    write_workbook(folder / "review.xlsx", sheets)
    result = update(folder, draft)
    assert result.exit_code == 0, result.output
    body = texts(draft)
    assert "Testville is small, and proud of it." in body and "A new introduction." not in body
    assert "A new opening statement." in body and "Testville reviews its work." not in body
    assert "kept introduction-text: your text" in result.output


def word_moves_bookmark_ends(path) -> int:
    """As Word saves a bookmark that ends a paragraph (ECMA-376 allows both places; Word
    writes the end at the start of the next paragraph, after its properties, as Word-saved
    files show): every vlr end closing a paragraph moves there. Returns how many moved."""
    with package_parts(path) as parts:
        root = etree.fromstring(parts["word/document.xml"])
        body = root.find(f"{W}body")
        moved = 0
        for end in list(body.iter(f"{W}bookmarkEnd")):
            p, following = end.getparent(), end.getparent().getnext()
            if p.tag != f"{W}p" or p.getparent() is not body or end.getnext() is not None:
                continue
            if following is None or following.tag != f"{W}p" or following.find(f"{W}r") is None:
                continue
            ppr = following.find(f"{W}pPr")
            ppr.addnext(end) if ppr is not None else following.insert(0, end)
            moved += 1
        parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return moved


def test_a_bookmark_end_word_writes_at_the_start_of_the_next_paragraph_takes_nothing_in(made):
    folder, draft = made
    d = docx.Document(str(draft))
    _paragraph(d, "Testville is small.").find(f"{W}r").find(f"{W}t").text = "Testville is small, and proud of it."
    d.save(str(draft))
    assert word_moves_bookmark_ends(draft) > 10
    result = update(folder, draft)
    assert result.exit_code == 0, result.output
    assert "edited" not in result.output.replace("kept introduction-text", "")  # nobody touched vlr's parts
    assert "Testville is small, and proud of it." in texts(draft)
    assert update(folder, draft, "--discard-edits").exit_code == 0
    assert "Testville is small, and proud of it." in texts(draft)  # a narrative people wrote is never discarded


def word_updates_the_contents(path) -> int:
    """The table of contents as Word leaves it after updating it (the shape of Word-saved
    files: each entry a hyperlink to a ``_Toc`` bookmark holding a PAGEREF field of its own,
    the TOC field's begin in the first entry's paragraph and its end in a paragraph of its
    own). Returns how many entries."""
    from vlr.draft.living.contents import _contents

    with package_parts(path) as parts:
        root = etree.fromstring(parts["word/document.xml"])
        body = root.find(f"{W}body")
        mine = _contents(body)
        entries = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in mine]
        ns = nsdecls("w")

        def entry(n: int, text: str, begin: str = "") -> str:
            return (
                f'<w:p {ns}><w:pPr><w:pStyle w:val="TOC1"/></w:pPr>{begin}'
                f'<w:hyperlink w:anchor="_Toc{n}" w:history="1">'
                f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r><w:r><w:tab/></w:r>'
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r><w:instrText xml:space="preserve"> PAGEREF _Toc{n} \\h </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>'
            )

        begin = (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        )
        blocks = [entry(n, t, begin if n == 0 else "") for n, t in enumerate(entries)]
        blocks.append(f'<w:p {ns}><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
        for b in blocks:
            mine[0].addprevious(etree.fromstring(b))
        for p in mine:
            body.remove(p)
        parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return len(entries)


def test_a_table_of_contents_word_updated_is_refreshed_never_doubled(made):
    folder, draft = made
    n = word_updates_the_contents(draft)
    assert n > 5
    for _ in range(2):
        result = update(folder, draft)
        assert result.exit_code == 0, result.output
        # the contents' lines: paragraphs that say a heading's text but are no heading
        d = docx.Document(str(draft))
        headings = {p.text for p in d.paragraphs if p.style.name.startswith(("Heading", "Title"))}
        said = [(p.text.split("\t")[0], p.style.name) for p in d.paragraphs]  # an entry: heading, tab, page
        lines = [t for t, style in said if t in headings and not style.startswith(("Heading", "Title"))]
        assert len(lines) <= n + 2, (n, len(lines))
    begins = zipfile.ZipFile(draft).read("word/document.xml").count(b"TOC \\o")
    assert begins == 1


def word_localises_style_ids(path, names: dict[str, str]) -> None:
    """As a Finnish (Swedish, German…) Word saves a file: the style IDs in its language
    (``Heading2`` → ``Otsikko2``), every reference with them; the styles keep their names."""
    with package_parts(path) as parts:
        for part in ("word/styles.xml", "word/document.xml"):
            text = parts[part].decode("utf-8")
            for old, new in names.items():
                text = re.sub(rf'(w:(?:styleId|val)=")({old})"', rf'\g<1>{new}"', text)
            parts[part] = text.encode("utf-8")


def test_a_draft_saved_by_a_finnish_word_gets_its_own_styles_in_refreshed_parts(made):
    folder, draft = made
    finnish = {"Heading1": "Otsikko1", "Heading2": "Otsikko2", "Heading3": "Otsikko3", "Caption": "Kuvaotsikko"}
    word_localises_style_ids(draft, finnish)
    write_workbook(folder / "review.xlsx", changed(review_sheets()))
    result = update(folder, draft)
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(draft) as z:
        styles, document = z.read("word/styles.xml").decode(), z.read("word/document.xml").decode()
    defined = set(re.findall(r'w:styleId="([^"]+)"', styles))
    used = set(re.findall(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', document))
    assert used <= defined, used - defined
    assert not {"Heading1", "Heading2", "Caption"} & used  # the refreshed parts take the draft's own
    goal6 = next(p for p in docx.Document(str(draft)).paragraphs if p.text.startswith("Goal 6"))
    assert goal6.style.style_id == "Otsikko2"


def test_a_comment_on_a_generated_figure_never_stops_a_refresh_and_stays_on_its_part(made):
    folder, draft = made
    d = docx.Document(str(draft))
    cell = next(c for t in d.tables for r in t.rows for c in r.cells if c.text == "120")  # the annex's 2022 value
    run = cell.paragraphs[0].runs[0]
    d.add_comment(run, text="Is 120 the final figure?", author="Reviewer", initials="R")
    d.save(str(draft))
    write_workbook(folder / "review.xlsx", changed(review_sheets()))
    result = update(folder, draft)
    assert result.exit_code == 0, result.output  # a comment is no edit
    assert "comment kept on it" in result.output
    with zipfile.ZipFile(draft) as z:
        document, comments = z.read("word/document.xml").decode(), z.read("word/comments.xml").decode()
    assert "Is 120 the final figure?" in comments and "the comment was on: \u201c120\u201d" in comments
    ids = re.findall(r'<w:comment [^>]*w:id="(\d+)"[^>]*w:author="Reviewer"', comments) or re.findall(
        r'<w:comment [^>]*w:author="Reviewer"[^>]*w:id="(\d+)"', comments
    )
    assert ids and f'<w:commentReference w:id="{ids[0]}"/>' in document  # anchored again
    assert "125" in table_cells(draft) and not check_docx(draft).errors
    assert update(folder, draft).exit_code == 0  # and the next refresh goes through too


def add_custom_properties(path) -> None:
    """An officer's document properties as Word writes them: a number, and a text linked to
    a bookmark of theirs (File > Info > Properties > Advanced > Custom)."""
    with package_parts(path) as parts:
        fmtid = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
        mine = (
            f'<property fmtid="{fmtid}" pid="900" name="Case number"><vt:i4>4711</vt:i4></property>'
            f'<property fmtid="{fmtid}" pid="901" name="Checked by" linkTarget="reviewer"><vt:lpwstr>Anna</vt:lpwstr>'
            "</property>"
        )
        parts["docProps/custom.xml"] = parts["docProps/custom.xml"].replace(
            b"</Properties>", mine.encode() + b"</Properties>"
        )


@pytest.mark.parametrize("also_edited", [False, True])
def test_peoples_custom_properties_keep_their_names_types_and_links(made, also_edited):
    folder, draft = made
    if also_edited:
        d = docx.Document(str(draft))
        _paragraph(d, "Testville is small.").find(f"{W}r").find(f"{W}t").text = "Testville is small, and proud."
        d.save(str(draft))
    add_custom_properties(draft)
    write_workbook(folder / "review.xlsx", changed(review_sheets()))
    assert update(folder, draft).exit_code == 0
    custom = zipfile.ZipFile(draft).read("docProps/custom.xml").decode()
    assert 'name="Case number"><vt:i4>4711</vt:i4>' in custom
    assert 'name="Checked by" linkTarget="reviewer"><vt:lpwstr>Anna</vt:lpwstr>' in custom
    pids = re.findall(r'pid="(\d+)"', custom)
    assert len(pids) == len(set(pids))  # each property its own id
    assert (
        update(folder, draft).exit_code == 0 and "4711" in zipfile.ZipFile(draft).read("docProps/custom.xml").decode()
    )


def test_a_chart_people_changed_the_picture_of_is_an_edit_the_refresh_stops_for(made):
    folder, draft = made
    # Word's Change Picture: the same drawing, another picture in the package
    with package_parts(draft) as parts:
        chart = sorted(n for n in parts if n.startswith("word/media/") and n.endswith(".png"))[0]
        picture = io.BytesIO()
        Image.new("RGB", (40, 30), (200, 30, 30)).save(picture, "PNG")
        parts[chart] = picture.getvalue()
    before = draft.read_bytes()
    write_workbook(folder / "review.xlsx", changed(review_sheets()))
    result = update(folder, draft)
    assert result.exit_code == 1, result.output
    assert "picture" in result.output and draft.read_bytes() == before


def test_a_deleted_part_stays_deleted_unless_asked(made):
    folder, draft = made
    with zipfile.ZipFile(draft) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    d = docx.Document(str(draft))
    found = R.find(d.element.body)
    for block in found["heatmap"].blocks:
        block.getparent().remove(block)
    d.save(str(draft))
    result = update(folder, draft)
    assert result.exit_code == 0 and "not put back heatmap: its bookmark vlr_heatmap" in result.output
    assert "Actions by goal and theme" not in texts(draft)
    result = update(folder, draft, "--restore-deleted")
    assert result.exit_code == 0 and "inserted heatmap" in result.output
    assert "Actions by goal and theme" in texts(draft) and root is not None


def test_an_open_draft_or_a_file_vlr_did_not_write_is_refused(made, tmp_path):
    folder, draft = made
    lock = tmp_path / ".~lock.draft.docx#"
    lock.write_text("locked")
    with pytest.raises(DraftInUse, match="the draft is open"):
        build(folder, BuildOptions(update=draft, date=DATE))
    lock.unlink()
    other = tmp_path / "other.docx"
    docx.Document().save(str(other))
    result = CliRunner().invoke(main, ["build", str(folder), "--update", str(other)])
    assert result.exit_code == 2 and "not a draft vlr wrote" in result.output
    with pytest.raises(NotADraft):
        build(folder, BuildOptions(update=other, date=DATE))


# --- across cycles ------------------------------------------------------------------------------


def test_next_years_draft_starts_from_this_years_with_the_people_text_marked(made, tmp_path):
    folder, draft = made
    edit(draft)
    d = docx.Document(str(draft))
    _paragraph(d, "Testville is small.").find(f"{W}r").find(f"{W}t").text = "Testville grew this year."
    d.save(str(draft))
    result = CliRunner().invoke(
        main, ["build", str(folder), "-o", str(tmp_path / "next.docx"), "--from", str(draft), "--date", "2027-11-28"]
    )
    assert result.exit_code == 0, result.output
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "next.docx")).paragraphs]
    mark = "[From the previous review (draft.docx): check and update this text.]"
    i = paragraphs.index("Testville grew this year.")
    assert paragraphs[i - 1] == mark
    j = next(n for n, p in enumerate(paragraphs) if p.startswith("Our mayor adds a personal word."))
    assert paragraphs[j - 1] == mark
    assert paragraphs.count(mark) >= 3  # the introduction, the mayor's word, the end
    untouched = paragraphs.index("Testville reviews its work.")  # the opening, as the workbook has it
    assert paragraphs[untouched - 1] != mark
    assert not check_docx(tmp_path / "next.docx").findings


def test_next_years_draft_carries_what_people_wrote_inside_a_goal_chapter(made, tmp_path):
    folder, draft = made
    d = docx.Document(str(draft))
    # between two parts of goal 11's chapter: after its heading part, before its facts
    parts = R.find(d.element.body)
    mine = d.add_paragraph("Our district heating plan belongs here.")
    parts["goal-11-head"].blocks[-1].addnext(mine._p)
    d.save(str(draft))
    out = tmp_path / "next.docx"
    result = CliRunner().invoke(
        main, ["build", str(folder), "-o", str(out), "--from", str(draft), "--date", "2027-11-28"]
    )
    assert result.exit_code == 0, result.output
    said = [(p.text, p.style.name) for p in docx.Document(str(out)).paragraphs]
    paragraphs = [t for t, _ in said]
    i = paragraphs.index("Our district heating plan belongs here.")
    assert paragraphs[i - 1].startswith("[From the previous review")
    heads = [n for n, (t, style) in enumerate(said) if style.startswith("Heading")]
    goal = next(n for n in heads if paragraphs[n].startswith("Goal 11"))
    after = next((n for n in heads if n > goal and said[n][1] in ("Heading 1", "Heading 2")), len(paragraphs))
    assert goal < i < after  # in its chapter, where it was written
    assert not check_docx(out).errors


def word_saves(path) -> None:
    """What Word does to any file on save, beyond the behaviours above (ECMA-376 Part 1
    §17.3.1 rsid attributes; [MS-DOCX] 2.6 w14:paraId/textId; Word's "_GoBack" bookmark at
    the last edit; runs split at edit points with their rsids): applied to every paragraph."""
    with package_parts(path) as parts:
        root = etree.fromstring(parts["word/document.xml"])
        w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
        for n, p in enumerate(root.iter(f"{W}p")):
            p.set(f"{W}rsidR", "00A1B2C3")
            p.set(f"{W}rsidRDefault", "00A1B2C3")
            p.set(f"{{{w14}}}paraId", f"{n + 1:08X}")
            p.set(f"{{{w14}}}textId", "77777777")
            for r in p.findall(f"{W}r"):
                r.set(f"{W}rsidRPr", "00D4E5F6")
                t = r.find(f"{W}t")
                if t is not None and t.text and len(t.text) > 12:  # split the run in two, as an edit point does
                    second = copy.deepcopy(r)
                    half = len(t.text) // 2
                    second.find(f"{W}t").text = t.text[half:]
                    second.find(f"{W}t").set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    t.text = t.text[:half]
                    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    r.addnext(second)
        body = root.find(f"{W}body")
        last = body.findall(f"{W}p")[-1]
        last.append(etree.fromstring(f'<w:bookmarkStart {nsdecls("w")} w:id="9999" w:name="_GoBack"/>'))
        last.append(etree.fromstring(f'<w:bookmarkEnd {nsdecls("w")} w:id="9999"/>'))
        parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def word_places_marks(path) -> int:
    """Bookmarks where Word puts them beyond a paragraph's end (ECMA-376 Part 1 §17.13.6:
    ``bookmarkStart``/``bookmarkEnd`` are allowed in the body, a table and a table row, as
    Word writes a bookmark that starts or ends at a table): every other vlr start moved out
    of its paragraph into the body before it; the end of a part closing with a table moved
    out of the last cell into the last row, or after the last row. Returns how many moved."""
    moved = 0
    with package_parts(path) as parts:
        root = etree.fromstring(parts["word/document.xml"])
        body = root.find(f"{W}body")
        starts = [s for s in body.iter(f"{W}bookmarkStart") if s.get(f"{W}name", "").startswith("vlr_")]
        for n, start in enumerate(starts):
            p = start.getparent()
            if n % 2 == 0 and p.tag == f"{W}p" and p.getparent() is body:
                p.addprevious(start)
                moved += 1
        for n, end in enumerate(list(body.iter(f"{W}bookmarkEnd"))):
            cell = next(end.iterancestors(f"{W}tc"), None)
            if cell is None or cell.getparent().getnext() is not None or cell.getnext() is not None:
                continue  # not in a table's last cell
            row = cell.getparent()
            if row.getparent().getparent() is not body or end.getnext() is not None:
                continue
            (row.append(end) if n % 2 else row.getparent().append(end))
            moved += 1
        parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return moved


def word_renumbers_relationships(path) -> None:
    """As Word saves the document's relationships (the guide's §10: "Media are renamed
    image1.png, image2.png … and relationship ids renumbered"): ``rId1`` … in order, every
    reference with them, the pictures renamed."""
    with package_parts(path) as parts:
        rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
        ids, media = {}, 0
        for n, rel in enumerate(rels, 1):
            ids[rel.get("Id")] = f"rId{n}"
            rel.set("Id", f"rId{n}")
            target = rel.get("Target")
            if target.startswith("media/"):
                media += 1
                new = f"media/image{media}.{target.rsplit('.', 1)[-1]}"
                parts[f"word/{new}.renamed"] = parts.pop(f"word/{target}")
                rel.set("Target", new)
        for name in [n for n in parts if n.endswith(".renamed")]:
            parts[name[: -len(".renamed")]] = parts.pop(name)
        parts["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
        parts["word/document.xml"] = re.sub(
            rb'(r:(?:id|embed|link)=")([^"]+)"',
            lambda m: m.group(1) + ids.get(m.group(2).decode(), m.group(2).decode()).encode() + b'"',
            parts["word/document.xml"],
        )


def test_bookmarks_where_word_puts_them_find_the_same_parts(made):
    folder, draft = made
    found = {
        n: R.region_text("".join(etree.tostring(b, encoding="unicode") for b in r.blocks))
        for n, r in R.find(docx.Document(str(draft)).element.body).items()
    }
    assert word_places_marks(draft) > 10
    again = R.find(docx.Document(str(draft)).element.body)
    assert {
        n: R.region_text("".join(etree.tostring(b, encoding="unicode") for b in r.blocks)) for n, r in again.items()
    } == found
    write_workbook(folder / "review.xlsx", changed(review_sheets()))
    result = update(folder, draft)
    assert result.exit_code == 0, result.output
    assert "edited" not in result.output and "125" in table_cells(draft)
    assert not check_docx(draft).errors, check_docx(draft).to_text()  # no mark without its other end


def test_a_bookmark_on_table_columns_marks_the_table():
    body = parse_xml(
        f"<w:body {nsdecls('w')}><w:p><w:r><w:t>Before</w:t></w:r></w:p>"
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>"
        '<w:bookmarkStart w:id="5" w:name="vlr_x" w:colFirst="0" w:colLast="1"/>'
        "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        '<w:p><w:r><w:t>Caption</w:t></w:r><w:bookmarkEnd w:id="5"/></w:p>'
        '<w:p><w:bookmarkEnd w:id="6"/><w:r><w:t>After</w:t></w:r></w:p></w:body>'
    )
    blocks = R.find(body)["x"].blocks
    assert [b.tag.split("}")[1] for b in blocks] == ["tbl", "p"]


def parts_as_built(draft, folder, tmp_path) -> None:
    """Every generated part of ``draft`` says what a fresh build of ``folder`` says in it."""
    fresh = tmp_path / "fresh" / draft.name
    fresh.parent.mkdir(exist_ok=True)
    build(folder, BuildOptions(output=fresh, date=DATE))

    def said(path) -> dict[str, str]:
        found = R.find(docx.Document(str(path)).element.body)
        kinds = R.recorded(R.read_properties(zipfile.ZipFile(path)))
        return {
            n: R.region_text("".join(etree.tostring(b, encoding="unicode") for b in r.blocks)).replace("[comment]", "")
            for n, r in found.items()
            if kinds.get(n, ("",))[0] == R.GENERATED
        }

    assert said(draft) == said(fresh)


FINNISH = {"Heading1": "Otsikko1", "Heading2": "Otsikko2", "Heading3": "Otsikko3", "Caption": "Kuvaotsikko"}


@pytest.mark.parametrize("styles", [None, FINNISH], ids=["english", "finnish"])
def test_a_draft_saved_the_way_word_saves_it_refreshes_keeping_every_human_edit(made, tmp_path, styles):
    folder, draft = made
    theirs = edit(draft)
    d = docx.Document(str(draft))
    cell = next(c for t in d.tables for r in t.rows for c in r.cells if c.text == "120")
    d.add_comment(cell.paragraphs[0].runs[0], text="Final?", author="Reviewer", initials="R")
    # inside one of vlr's parts: the introduction the Narratives sheet gave, rewritten
    _paragraph(d, "Testville is small.").find(f"{W}r").find(f"{W}t").text = "Testville is small, and proud of it."
    d.save(str(draft))
    word_replies(
        draft, {"Final?": "Yes.", "vlr: generated from the workbooks (heatmap)": "Nice."}, resolved=("Final?",)
    )
    add_custom_properties(draft)
    word_updates_the_contents(draft)
    word_moves_bookmark_ends(draft)
    word_places_marks(draft)
    if styles:
        word_localises_style_ids(draft, styles)
    word_renumbers_relationships(draft)
    word_saves(draft)
    mine = etree.tostring(_paragraph(docx.Document(str(draft)), "Our mayor adds"))
    end = etree.tostring(_paragraph(docx.Document(str(draft)), "A closing"))
    introduction = etree.tostring(_paragraph(docx.Document(str(draft)), "Testville is small, and proud"))
    write_workbook(folder / "review.xlsx", changed(review_sheets()))
    result = update(folder, draft)
    assert result.exit_code == 0, result.output
    d = docx.Document(str(draft))
    assert etree.tostring(_paragraph(d, "Our mayor adds")) == mine  # byte for byte
    assert etree.tostring(_paragraph(d, "A closing")) == end and theirs
    assert etree.tostring(_paragraph(d, "Testville is small, and proud")) == introduction
    assert "Goal 6: Clean water and sanitation" in texts(draft) and "125" in table_cells(draft)
    parts_as_built(draft, folder, tmp_path)
    custom = zipfile.ZipFile(draft).read("docProps/custom.xml").decode()
    assert 'name="Case number"><vt:i4>4711</vt:i4>' in custom
    said = threads(draft)
    final = next(t for t in said if t.startswith("Final?"))
    assert said[final] == (None, True) and said["Yes."] == (final, False)
    assert said["Nice."][0].startswith("vlr: generated from the workbooks (heatmap)")
    if styles:
        styles_xml = zipfile.ZipFile(draft).read("word/styles.xml").decode()
        used = set(
            re.findall(
                r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"',
                zipfile.ZipFile(draft).read("word/document.xml").decode(),
            )
        )
        assert used <= set(re.findall(r'w:styleId="([^"]+)"', styles_xml))
    assert not check_docx(draft).errors, check_docx(draft).to_text()
    once = draft.read_bytes()
    assert update(folder, draft).exit_code == 0
    assert draft.read_bytes() == once  # a second refresh changes nothing


def test_a_draft_word_saved_and_vlr_refreshed_opens_in_libreoffice(made, tmp_path):
    need_tool("soffice")
    folder, draft = made
    edit(draft)
    word_replies(draft, {"vlr: generated from the workbooks (heatmap)": "Nice."})
    word_moves_bookmark_ends(draft)
    word_places_marks(draft)
    word_localises_style_ids(draft, FINNISH)
    word_renumbers_relationships(draft)
    word_saves(draft)
    write_workbook(folder / "review.xlsx", changed(review_sheets()))
    assert update(folder, draft).exit_code == 0
    saved = libreoffice_saves(draft, tmp_path)
    again = texts(saved)
    assert "Our mayor adds a personal word." in again and "Goal 6: Clean water and sanitation" in again
    assert "125" in table_cells(saved)
    shutil.copy(saved, draft)  # and the file LibreOffice saved refreshes again
    result = update(folder, draft)
    assert result.exit_code == 0 and "edited" not in result.output, result.output
    assert not check_docx(draft).errors, check_docx(draft).to_text()


def test_a_conflict_is_reported_as_data_too(made):
    folder, draft = made
    d = docx.Document(str(draft))
    cover = R.find(d.element.body)["cover"].blocks
    next(b for b in cover if b.tag == f"{W}p" and b.find(f".//{W}t") is not None).find(f".//{W}t").text = "Changed"
    d.save(str(draft))
    with pytest.raises(EditedRegions) as caught:
        build(folder, BuildOptions(update=draft, date=DATE))
    assert [name for name, _ in caught.value.edited] == ["cover"]


def test_discarding_edits_replaces_only_the_parts_listed_as_edited(made, tmp_path):
    folder, draft = made
    d = docx.Document(str(draft))
    _paragraph(d, "Testville is small.").find(f"{W}r").find(f"{W}t").text = "Testville is small, and proud."
    d.add_paragraph("A closing paragraph people wrote.")
    d.save(str(draft))
    theirs_only = tmp_path / "theirs-only" / "draft.docx"  # the same draft without the edits in generated parts
    theirs_only.parent.mkdir()
    shutil.copy(draft, theirs_only)
    d = docx.Document(str(draft))
    cell = next(c for t in d.tables for r in t.rows for c in r.cells if c.text == "120")
    cell.paragraphs[0].runs[0].text = "121"
    found = R.find(d.element.body)
    chart = next(b for b in found["heatmap"].blocks if b.find(f".//{W}drawing") is not None)
    chart.getparent().remove(chart)  # a chart deleted
    d.save(str(draft))
    before = draft.read_bytes()
    write_workbook(folder / "review.xlsx", changed(review_sheets()))
    refused = update(folder, draft)
    assert refused.exit_code == 1 and draft.read_bytes() == before
    listed = re.findall(r"^  ([a-z0-9-]+): (.*)$", refused.output, re.M)
    assert {name for name, _ in listed} == {"annex-3", "heatmap"}, refused.output
    said = dict(listed)
    assert "121" in said["annex-3"] and "picture" in said["heatmap"] and "formatting" not in refused.output
    result = update(folder, draft, "--discard-edits")
    assert result.exit_code == 0, result.output
    discarded = re.findall(r"refreshed ([a-z0-9-]+): your edits were discarded", result.output)
    assert sorted(discarded) == ["annex-3", "heatmap"]  # the report and the file agree
    assert update(folder, theirs_only).exit_code == 0
    with zipfile.ZipFile(draft) as a, zipfile.ZipFile(theirs_only) as b:
        assert a.read("word/document.xml") == b.read("word/document.xml")  # nothing else was replaced
    assert "Testville is small, and proud." in texts(draft) and "A closing paragraph people wrote." in texts(draft)


W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID = "http://schemas.microsoft.com/office/word/2016/wordml/cid"


def word_replies(path, replies: dict[str, str], resolved: tuple[str, ...] = ()) -> None:
    """Replies as Word writes them ([MS-DOCX] 2.6.1.1 ``commentsExtended.xml``, 2.6.1.3
    ``commentsIds.xml``; the guide's §10): each a comment of its own, its anchor nested in
    its parent's, linked to the parent by the ``w14:paraId`` of the parent's last paragraph
    (``w15:paraIdParent``); a resolved comment has ``w15:done="1"``. ``replies``: the start
    of a comment's text → the reply; ``resolved``: starts of comments marked resolved."""
    with package_parts(path) as parts:
        comments = etree.fromstring(parts["word/comments.xml"])
        document = etree.fromstring(parts["word/document.xml"])
        n = 0x20000000
        for p in comments.iter(f"{W}p"):  # Word gives every paragraph of a comment an id
            p.set(f"{{{W14}}}paraId", f"{n:08X}")
            p.set(f"{{{W14}}}textId", "77777777")
            n += 1
        extended, ids = [], []
        next_id = 1 + max(int(c.get(f"{W}id")) for c in comments)

        def text(c) -> str:
            return "".join(t.text or "" for t in c.iter(f"{W}t"))

        for parent in list(comments):
            last = parent.findall(f"{W}p")[-1].get(f"{{{W14}}}paraId")
            done = "1" if text(parent).startswith(resolved) and resolved else "0"
            extended.append(f'<w15:commentEx w15:paraId="{last}" w15:done="{done}"/>')
            ids.append(f'<w16cid:commentId w16cid:paraId="{last}" w16cid:durableId="{int(last, 16) + 7:08X}"/>')
            answer = next((r for start, r in replies.items() if text(parent).startswith(start)), None)
            if answer is None:
                continue
            cid, para = str(next_id), f"{n:08X}"
            next_id, n = next_id + 1, n + 1
            reply = etree.SubElement(comments, f"{W}comment")
            for key, value in (("id", cid), ("author", "Officer"), ("date", "2026-11-30T09:00:00Z"), ("initials", "O")):
                reply.set(f"{W}{key}", value)
            reply.append(
                etree.fromstring(
                    f'<w:p {nsdecls("w")} xmlns:w14="{W14}" w14:paraId="{para}" w14:textId="77777777">'
                    '<w:pPr><w:pStyle w:val="CommentText"/></w:pPr><w:r><w:rPr><w:rStyle w:val="CommentReference"/>'
                    f"</w:rPr><w:annotationRef/></w:r><w:r><w:t>{answer}</w:t></w:r></w:p>"
                )
            )
            extended.append(f'<w15:commentEx w15:paraId="{para}" w15:paraIdParent="{last}" w15:done="0"/>')
            ids.append(f'<w16cid:commentId w16cid:paraId="{para}" w16cid:durableId="{n + 7:08X}"/>')
            pid = parent.get(f"{W}id")
            start = next(e for e in document.iter(f"{W}commentRangeStart") if e.get(f"{W}id") == pid)
            end = next(e for e in document.iter(f"{W}commentRangeEnd") if e.get(f"{W}id") == pid)
            reference = next(e for e in document.iter(f"{W}commentReference") if e.get(f"{W}id") == pid)
            start.addnext(etree.fromstring(f'<w:commentRangeStart {nsdecls("w")} w:id="{cid}"/>'))
            run = reference.getparent()
            run.addnext(
                etree.fromstring(
                    f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
                    f'<w:commentReference w:id="{cid}"/></w:r>'
                )
            )
            run.addnext(etree.fromstring(f'<w:commentRangeEnd {nsdecls("w")} w:id="{cid}"/>'))
            assert end is not None
        parts["word/comments.xml"] = etree.tostring(comments, xml_declaration=True, encoding="UTF-8", standalone=True)
        parts["word/document.xml"] = etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)
        parts["word/commentsExtended.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w15:commentsEx xmlns:w15="{W15}">'
            + "".join(extended)
            + "</w15:commentsEx>"
        ).encode()
        parts["word/commentsIds.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w16cid:commentsIds xmlns:w16cid="{W16CID}">'
            + "".join(ids)
            + "</w16cid:commentsIds>"
        ).encode()
        parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
            b"</Relationships>",
            b'<Relationship Id="rIdWordCex" Type="http://schemas.microsoft.com/office/2011/relationships/'
            b'commentsExtended" Target="commentsExtended.xml"/><Relationship Id="rIdWordCid" '
            b'Type="http://schemas.microsoft.com/office/2016/09/relationships/commentsIds" Target="commentsIds.xml"/>'
            b"</Relationships>",
        )
        kind = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>",
            f'<Override PartName="/word/commentsExtended.xml" ContentType="{kind}.commentsExtended+xml"/>'
            f'<Override PartName="/word/commentsIds.xml" ContentType="{kind}.commentsIds+xml"/></Types>'.encode(),
        )


def threads(path) -> dict[str, tuple[str | None, bool]]:
    """Each comment's text → (the text of the comment it answers, whether resolved), read
    the way Word reads them: by the paraId of each comment's last paragraph."""
    with zipfile.ZipFile(path) as z:
        comments = etree.fromstring(z.read("word/comments.xml"))
        extended = etree.fromstring(z.read("word/commentsExtended.xml"))
    by_para = {}
    for c in comments:
        text = "".join(t.text or "" for t in c.iter(f"{W}t"))
        by_para[c.findall(f"{W}p")[-1].get(f"{{{W14}}}paraId")] = text
    found = {}
    for e in extended:
        text = by_para.get(e.get(f"{{{W15}}}paraId"))
        assert text is not None, "a commentEx names a paragraph no comment ends with"
        parent = e.get(f"{{{W15}}}paraIdParent")
        found[text] = (by_para[parent] if parent else None, e.get(f"{{{W15}}}done") == "1")
    return found


def test_replies_and_resolved_comments_stay_threads_through_a_refresh(made):
    folder, draft = made
    d = docx.Document(str(draft))
    cell = next(c for t in d.tables for r in t.rows for c in r.cells if c.text == "120")
    d.add_comment(cell.paragraphs[0].runs[0], text="Is 120 final?", author="Reviewer", initials="R")
    d.save(str(draft))
    # a reply to the reviewer's comment, which is then resolved; a reply to vlr's note on the annex
    word_replies(
        draft,
        {"Is 120 final?": "Yes, checked.", "vlr: generated from the workbooks (annex-3)": "Noted."},
        resolved=("Is 120 final?",),
    )
    write_workbook(folder / "review.xlsx", changed(review_sheets()))
    result = update(folder, draft)
    assert result.exit_code == 0, result.output
    said = threads(draft)
    question = next(t for t in said if t.startswith("Is 120 final?"))
    assert "the comment was on: \u201c120\u201d" in question  # the value it was on changed
    assert said["Yes, checked."] == (question, False) and said[question] == (None, True)
    note = next(t for t in said if t.startswith("vlr: generated from the workbooks (annex-3)"))
    assert said["Noted."] == (note, False)
    document = zipfile.ZipFile(draft).read("word/document.xml").decode()
    comments = etree.fromstring(zipfile.ZipFile(draft).read("word/comments.xml"))
    for c in comments:  # every comment anchored once
        assert document.count(f'<w:commentReference w:id="{c.get(f"{W}id")}"/>') == 1
    assert not check_docx(draft).errors, check_docx(draft).to_text()
    once = draft.read_bytes()
    assert update(folder, draft).exit_code == 0 and draft.read_bytes() == once


def test_next_years_draft_carries_what_people_wrote_inside_a_generated_part(made, tmp_path):
    folder, draft = made
    d = docx.Document(str(draft))
    facts = R.find(d.element.body)["goal-11-facts"].blocks
    mine = d.add_paragraph("Our note on the bus lanes, written among vlr's tables.")
    facts[2].addnext(mine._p)  # after the part's first table
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Our own figure", "42"
    mine._p.addnext(table._tbl)
    cell = next(c for t in d.tables for r in t.rows for c in r.cells if c.text == "120")
    d.add_comment(cell.paragraphs[0].runs[0], text="Final?", author="Reviewer", initials="R")  # no edit
    d.save(str(draft))
    out = tmp_path / "next.docx"
    result = CliRunner().invoke(
        main, ["build", str(folder), "-o", str(out), "--from", str(draft), "--date", "2027-11-28"]
    )
    assert result.exit_code == 0, result.output
    assert "carried over 1 paragraph and 1 table written inside goal-11-facts (now after it)" in result.output
    assert result.output.count("inside") == 1  # the commented table of another part is vlr's, not carried
    d = docx.Document(str(out))
    paragraphs = [p.text for p in d.paragraphs]
    i = paragraphs.index("Our note on the bus lanes, written among vlr's tables.")
    assert paragraphs[i - 1].startswith("[From the previous review")
    found = R.find(d.element.body)
    body = list(d.element.body)
    # right after the part, its mark first
    assert body.index(d.paragraphs[i]._p) == body.index(found["goal-11-facts"].blocks[-1]) + 2
    assert ["Our own figure", "42"] in [[c.text for c in r.cells] for t in d.tables for r in t.rows]
    # the file is sound (the officer's table without a header row is theirs to mark)
    assert [f.rule for f in check_docx(out).errors] == ["table-header-missing"]


def test_a_refusal_says_in_words_what_changed(made):
    folder, draft = made
    d = docx.Document(str(draft))
    first = R.find(d.element.body)["key-figures"].blocks[0]  # it holds vlr's note in the margin
    first.find(f".//{W}t").text = "Four actions"
    d.save(str(draft))
    result = update(folder, draft)
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if x.startswith("  key-figures:"))
    assert "now reads \u201cFour actions" in line and "[comment]" not in line and "[" not in line, line
