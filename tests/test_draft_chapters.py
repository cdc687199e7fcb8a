"""The draft reads like a published VLR: generated sentences, gaps between groups, the
dashboard, goal chapters, case studies, budgets, interlinkages, the cover, the contents,
and the final document. Real workbooks in, the real .docx opened and read back."""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile

import docx
import pytest
from click.testing import CliRunner
from PIL import Image

from conftest import ACTION_HEAD, MINIMAL, review_folder
from vlr.analysis.coverage import budgets
from vlr.analysis.gaps import indicator_gap
from vlr.charts.tiles import GoalFace, goal_tile, icon_files
from vlr.cli import main
from vlr.draft.accessibility import check_docx
from vlr.exceptions import TemplateError, UnfinishedDraft
from vlr.main import BuildOptions, analyse, build, load, validate
from vlr.model.series import series_by_indicator
from vlr.texts.sentences import change, with_unit

DATE = dt.date(2026, 11, 28)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def png(path, colour=(200, 30, 30), size=(60, 40)):
    Image.new("RGB", size, colour).save(path)
    return path


def rich() -> dict:
    """MINIMAL with the emissions of the guide, a breakdown by group, budgets, case
    studies, interlinkages and a logo."""
    sheets = copy.deepcopy(MINIMAL)
    sheets["Review"].append(["Logo", "logo.png"])
    sheets["Actions"][0] = [*ACTION_HEAD, "Budget", "Currency"]
    sheets["Actions"][1] += [1_000_000, "EUR"]  # goal 11 (11.2, 11.6), Climate
    sheets["Actions"][2] += [250_000, "EUR"]  # goal 4, Learning
    sheets["Actions"].append(["A-3", "Heat pumps", "Climate", "7.2, 13.2", "Ongoing", 2021, 2030, 500_000, "EUR"])
    sheets["Indicators"] += [
        [
            "I-4",
            "Greenhouse gas emissions per inhabitant",
            "t CO2e",
            "decrease",
            "13.2, 11.6",
            None,
            "A-3",
            None,
            None,
            2030,
            1.5,
        ],
        ["I-5", "Young people outside work and education", "%", "decrease", "8.6", None, None, None, None, None, None],
    ]
    sheets["Data"] += [["I-4", 2012, 5.0, None], ["I-4", 2016, 4.3, None], ["I-4", 2020, 3.6, None]]
    for year, overall, natives, foreign in ((2015, 9.9, 9.0, 17.0), (2024, 8.7, 7.9, 14.8)):
        sheets["Data"] += [
            ["I-5", year, overall, None],
            ["I-5", year, natives, "Native speakers"],
            ["I-5", year, foreign, "Foreign-language speakers"],
        ]
    sheets["Case studies"] = [
        ["Title", "SDG targets", "Text", "Quote", "Quote by", "Picture", "Link"],
        [
            "Night buses",
            "11.2, 13",
            "Buses run all night at weekends.\n- Six lines\n- Every 30 minutes",
            "I get home safely",
            "A nurse",
            "bus.png",
            "https://example.org/buses",
        ],
    ]
    sheets["Interlinkages"] = [
        ["From target", "To target", "Kind", "Note"],
        ["7.2", "13.2", "synergy", "Clean heat cuts emissions"],
        ["11.2", "15.5", "trade-off", "Roads take green areas"],
    ]
    return sheets


@pytest.fixture
def folder(tmp_path):
    review = review_folder(tmp_path, rich())
    png(review / "logo.png")
    png(review / "bus.png", (30, 90, 200))
    return review


@pytest.fixture
def draft(folder, tmp_path):
    result = build(folder, BuildOptions(output=tmp_path / "out" / "draft.docx", date=DATE))
    return result.path


def texts(path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def body_after_contents(path) -> str:
    """The document's paragraphs after the contents (whose entries repeat the headings)."""
    paragraphs = texts(path)
    start = paragraphs.index("Opening statement", paragraphs.index("Opening statement") + 1)
    return "\n".join(paragraphs[start:])


# --- generated sentences and gaps -----------------------------------------------------------


def test_a_sentence_states_the_change_and_the_outlook_from_the_numbers(draft):
    text = body_after_contents(draft)
    # the guide's figures: 5.0 t in 2012 to 3.6 t in 2020 is (3.6 - 5.0) / 5.0 = -28 %
    # the base is 2015, else the first later year: 4.3 t in 2016; (3.6 - 4.3) / 4.3 = -16 %
    assert (
        "Greenhouse gas emissions per inhabitant fell from 4.3\u00a0t CO2e in 2016 to 3.6\u00a0t CO2e in 2020 "
        "(\u221216\u00a0%)"
    ) in text
    assert change(5.0, 3.6, "t CO2e") == "\u221228\u00a0%"
    assert change(8.9, 8.7, "%") == "\u22120.2\u00a0percentage points"
    assert with_unit(4688, "number of courses") == "4,688\u00a0courses" and with_unit(52, "% of 1990") == "52\u00a0%"
    # the target of 1.5 t by 2030, projected at the observed pace: short of it
    analysis = analyse(draft.parent.parent / "review")
    r = next(x for x in analysis.progress if x.indicator == "I-4")
    assert r.status.value == "acceleration_needed"
    projected = with_unit(r.projected_value, "t CO2e", "en", 1)
    assert f"At this pace it would reach {projected} by 2030, short of the target of 1.5\u00a0t CO2e" in text


def test_the_widest_gap_between_groups_and_whether_it_narrows(folder):
    review = load(folder).review
    gap = indicator_gap(review.indicators_by_id["I-5"], series_by_indicator(review)["I-5"])
    assert (gap.high.label, gap.high.value, gap.low.label, gap.low.value) == (
        "Foreign-language speakers",
        14.8,
        "Native speakers",
        7.9,
    )
    assert gap.gap == pytest.approx(6.9) and gap.earlier_gap == pytest.approx(8.0)
    assert gap.trend == "narrowing" and gap.behind == "Foreign-language speakers" and gap.overall == 8.7


def test_the_gap_appears_in_the_chapter_and_in_the_section_on_leaving_no_one_behind(draft):
    text = body_after_contents(draft)
    assert (
        "Young people outside work and education: in 2024, 14.8\u00a0% for Foreign-language speakers against "
        "7.9\u00a0% for Native speakers (8.7\u00a0% overall), a gap of 6.9\u00a0percentage points (1.9 times as "
        "much)."
    ) in text
    assert "The gap has narrowed from 8\u00a0percentage points in 2015." in text
    document = docx.Document(str(draft))
    table = next(
        t for t in document.tables if t.rows[0].cells[0].text == "Indicator" and t.rows[0].cells[-1].text == "Since"
    )
    row = [c.text for c in table.rows[1].cells]
    assert row[0] == "Young people outside work and education" and row[2] == "2024"
    assert row[-1] == "narrower than 2015 (8\u00a0percentage points)"


# --- dashboard, chapters, charts once ----------------------------------------------------------


def test_the_dashboard_gives_every_goal_its_tile_coverage_and_statuses_in_words(draft):
    document = docx.Document(str(draft))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Tile")
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert [r[1].split()[0] for r in rows] == [str(n) for n in range(1, 18)]
    assert rows[0][4] == "Not covered by this review"
    goal_4 = rows[3]
    assert goal_4[2] == "1 of 10" and "good progress" in goal_4[4] and "\u25cf" in goal_4[4]  # shape + words
    assert all(r._tr.find(f"{W}tc").find(f".//{W}drawing") is not None for r in table.rows[1:])  # a tile each


def test_a_goal_chapter_names_its_targets_and_refers_to_a_chart_shown_elsewhere(draft):
    document = docx.Document(str(draft))
    targets = next(
        t
        for t in document.tables
        if t.rows[0].cells[0].text == "Target" and any(r.cells[0].text == "11.2" for r in t.rows)
    )
    texts_ = {r.cells[0].text: r.cells[1].text for r in targets.rows[1:]}
    assert texts_["11.2"].startswith("By 2030, provide access to safe, affordable, accessible") and texts_[
        "11.2"
    ].endswith("\u2026")
    text = body_after_contents(draft)
    # I-4 serves goals 11 and 13: its chart is drawn once, in goal 11, and goal 13 refers to it
    charts = [
        d.get("descr")
        for d in document.element.body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
        if "Greenhouse gas emissions per inhabitant" in d.get("descr", "")
    ]
    assert len(charts) == 1
    assert "(goal 11) shows Greenhouse gas emissions per inhabitant." in text
    # the UN's questions as separate placeholders where the officer wrote nothing
    for question in ("Trends:", "Successes:", "Challenges:", "Lessons learned:", "Who is left behind:"):
        assert f"TO WRITE: {question}" in text


def test_the_contents_are_filled_before_word_updates_them(draft):
    body = docx.Document(str(draft)).element.body
    paragraphs = list(body.iter(f"{W}p"))
    begin = next(
        i
        for i, p in enumerate(paragraphs)
        if p.find(f".//{W}instrText") is not None and "TOC" in p.find(f".//{W}instrText").text
    )
    end = next(
        i
        for i, p in enumerate(paragraphs)
        if i >= begin and p.find(f".//{W}fldChar[@{W}fldCharType='end']") is not None
    )
    entries = ["".join(t.text for t in p.iter(f"{W}t")) for p in paragraphs[begin : end + 1]]
    assert entries[0] == "Opening statement" and "Goal 11: Sustainable cities and communities" in entries
    assert "Annex 4. Internal: remove before publishing" in entries and len(entries) > 20


# --- case studies, budgets, interlinkages, cover ----------------------------------------------


def test_case_studies_are_boxes_with_their_picture_quote_and_link(draft):
    document = docx.Document(str(draft))
    start = next(i for i, p in enumerate(document.paragraphs) if p.text == "Case study: Night buses")
    box = document.paragraphs[start : start + 6]
    assert [p.text for p in box][1:4] == ["Buses run all night at weekends.", "Six lines", "Every 30 minutes"]
    assert box[4].text == "" and box[4]._p.find(f".//{W}drawing") is not None  # the picture
    quote = document.paragraphs[start + 5].text
    assert quote == "\u201cI get home safely\u201d \u2013 A nurse"
    assert all(p._p.find(f"{W}pPr/{W}pBdr") is not None for p in document.paragraphs[start : start + 7])
    assert "Case study on this goal in another chapter: \u2018Night buses\u2019 (goal 11)." in body_after_contents(
        draft
    )


def test_budgets_are_summed_per_goal_and_theme_with_each_action_once_in_the_total(folder, draft):
    analysis = analyse(folder)
    (eur,) = budgets(analysis.review, analysis.loaded.framework)
    assert eur.by_goal[11] == {"Climate": 1_000_000} and eur.by_goal[13] == {"Climate": 500_000}
    assert eur.total == 1_750_000 and eur.by_theme == {"Climate": 1_500_000, "Learning": 250_000}
    document = docx.Document(str(draft))
    table = next(
        t for t in document.tables if t.rows[0].cells[0].text == "Goal" and t.rows[0].cells[-1].text == "All themes"
    )
    last = [c.text for c in table.rows[-1].cells]
    assert last == ["All goals (each action once)", "1,500,000\u00a0EUR", "250,000\u00a0EUR", "1,750,000\u00a0EUR"]
    assert "The budgets of these actions add up to 1,000,000\u00a0EUR" in body_after_contents(draft)


def test_interlinkages_show_in_both_goals_and_are_summed_per_pair(draft):
    document = docx.Document(str(draft))
    chapters = [t for t in document.tables if [c.text for c in t.rows[0].cells] == ["From", "To", "Kind", "Note"]]
    assert len(chapters) == 3  # goals 7 and 13 (the synergy) and 11 (the trade-off; goal 15 has no chapter)
    summary = next(t for t in document.tables if t.rows[0].cells[0].text == "Goals" and len(t.columns) == 3)
    assert [[c.text for c in r.cells] for r in summary.rows[1:]] == [
        ["7 Affordable and clean energy \u2013 13 Climate action", "1", ""],
        ["11 Sustainable cities and communities \u2013 15 Life on land", "", "1"],
    ]


def test_the_cover_has_the_logo_the_tiles_and_the_draft_mark(draft):
    document = docx.Document(str(draft))
    cover = document.paragraphs[:12]
    alts = [
        d.get("descr")
        for p in cover
        for d in p._p.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
    ]
    assert any(a.startswith("Logo of") for a in alts)
    assert any("in colour the" in a and "11" in a for a in alts)
    assert any(p.text.startswith("DRAFT \u2013 2026-11-28") for p in cover)


def test_new_sheets_are_checked_at_their_cells(folder, tmp_path):
    from vlr.workbook.writer import write_workbook

    sheets = rich()
    sheets["Review"][-1] = ["Logo", "missing.png"]
    sheets["Actions"][1][-1] = "EURO"
    sheets["Actions"][2][-1] = None
    sheets["Case studies"][1][5] = "notes.txt"
    sheets["Interlinkages"] += [["7.2", "7.2", "synergy", None], ["7.2", "13.2", "helps", None]]
    bad = tmp_path / "bad"
    bad.mkdir()
    write_workbook(bad / "review.xlsx", sheets)
    (bad / "notes.txt").write_text("not a picture")
    found = {(f.rule, f.sheet, f.cell) for f in validate(bad).findings}
    assert ("picture-invalid", "Review", "B6") in found
    assert ("currency-invalid", "Actions", "I2") in found
    assert ("currency-missing", "Actions", "H3") in found
    assert ("picture-invalid", "Case studies", "F2") in found
    assert ("link-invalid", "Interlinkages", "B4") in found and ("kind-invalid", "Interlinkages", "C5") in found


# --- final document, icons, tiles ------------------------------------------------------------


def test_final_refuses_while_placeholders_are_left_and_writes_nothing(folder, tmp_path):
    out = tmp_path / "final" / "review.docx"
    with pytest.raises(UnfinishedDraft) as caught:
        build(folder, BuildOptions(output=out, date=DATE, final=True))
    assert "Goal 11: Sustainable cities and communities (5)" in str(caught.value.message)
    assert not out.exists() and not out.with_name("review-data.xlsx").exists()
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--final"])
    assert result.exit_code == 1 and "placeholders are still to be written" in result.output


def test_the_final_document_has_no_internal_annex_draft_mark_or_highlight(folder, tmp_path):
    from vlr.workbook.schema import NARRATIVE_SECTIONS
    from vlr.workbook.writer import write_workbook

    sheets = rich()
    sheets["Narratives"] = [["Section", "Text"], *[[s, f"Our text for {s}."] for s in NARRATIVE_SECTIONS]]
    write_workbook(folder / "review.xlsx", sheets)
    draft = build(folder, BuildOptions(output=tmp_path / "final.docx", date=DATE, final=True)).path
    xml = zipfile.ZipFile(draft).read("word/document.xml").decode()
    assert "w:highlight" not in xml and "TO WRITE" not in xml and "DRAFT" not in xml
    assert "Internal" not in xml and "review.xlsx" not in xml and "vlr" not in xml.replace("vlr@", "")
    assert not check_docx(draft).findings
    assert docx.Document(str(draft)).core_properties.category == "Voluntary Local Review"


def test_the_internal_annex_holds_what_is_only_for_the_authors(draft):
    paragraphs = texts(draft)
    start = len(paragraphs) - 1 - paragraphs[::-1].index("Annex 4. Internal: remove before publishing")
    before, after = "\n".join(paragraphs[:start]), "\n".join(paragraphs[start:])
    assert "review.xlsx" in after and "draft-data.xlsx" in after and "Assembled by vlr" in after
    assert "review.xlsx" not in before and "draft-data.xlsx" not in before


def test_the_citys_own_icons_replace_the_drawn_tiles(folder, tmp_path):
    icons = tmp_path / "icons"
    icons.mkdir()
    for n in range(1, 18):
        png(icons / f"E-WEB-Goal-{n:02d}.png", (n * 10, 0, 0))
    assert sorted(icon_files(icons)) == list(range(1, 18))
    result = CliRunner().invoke(
        main, ["build", str(folder), "-o", str(tmp_path / "i.docx"), "--icons", str(icons), "--date", "2026-11-28"]
    )
    assert result.exit_code == 0, result.output
    media = {
        n: zipfile.ZipFile(tmp_path / "i.docx").read(n)
        for n in zipfile.ZipFile(tmp_path / "i.docx").namelist()
        if n.startswith("word/media/")
    }
    assert (icons / "E-WEB-Goal-11.png").read_bytes() in media.values()
    (icons / "goal-11.png").write_bytes(b"twice")
    with pytest.raises(TemplateError, match="both E-WEB-Goal-11.png and goal-11.png are for goal 11"):
        icon_files(icons)
    result = CliRunner().invoke(
        main, ["build", str(folder), "-o", str(tmp_path / "j.docx"), "--icons", str(tmp_path / "no")]
    )
    assert result.exit_code != 0 and "no such folder" in result.output and not (tmp_path / "j.docx").exists()


def test_tiles_are_drawn_the_same_each_time_in_the_goals_colour():
    face = GoalFace(13, "Climate action", "#3F7E44")
    first = goal_tile(face, 120)
    goal_tile.cache_clear()
    assert goal_tile(face, 120) == first
    image = Image.open(io.BytesIO(first)).convert("RGB")
    assert image.size == (120, 120) and image.getpixel((110, 110)) == (0x3F, 0x7E, 0x44)


def test_the_draft_passes_its_own_check(draft):
    report = check_docx(draft)
    assert not report.findings, report.to_text()


def test_the_latest_value_is_shown_where_no_status_can_be_given(tmp_path):
    sheets = copy.deepcopy(MINIMAL)
    sheets["Data"] = [sheets["Data"][0], *[r for r in sheets["Data"][1:] if r[0] != "I-3"]]
    sheets["Data"] += [["I-3", 2008, 40, None], ["I-3", 2011, 45, None], ["I-3", 2017, 52, None]]
    out = tmp_path / "draft.docx"
    build(review_folder(tmp_path, sheets), BuildOptions(output=out, date=dt.date(2026, 11, 28)))
    document = docx.Document(str(out))
    row = next(
        [c.text for c in r.cells] for t in document.tables for r in t.rows if r.cells[0].text == "Adults in training"
    )
    assert row[3] == "52 (2017)" and "Insufficient data" in row[5]
    said = next(p.text for p in document.paragraphs if p.text.startswith("Adults in training:"))
    assert said.startswith("Adults in training: 52\u00a0% in 2017. No status can be given: there is only one value")
    assert "no data yet" not in said and "needs at least two years" not in said
