"""vlr build: the produced .docx, opened with python-docx and checked against the input."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from conftest import MINIMAL, ROOT, need_tool
from vlr.cli import main
from vlr.draft.accessibility import check_docx
from vlr.main import analyse, validate
from vlr.texts.context import SECTIONS

DATE = "2026-11-28"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("draft") / "draft.docx"
    result = run("build", str(ROOT / "indicators"), "-o", str(out), "--date", DATE)
    assert result.exit_code == 0, result.output
    return out


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_sections_in_the_un_order(example):
    d = docx.Document(str(example))
    assert headings(d, 1) == [title for _, title in SECTIONS]


def test_one_chapter_per_covered_goal_with_its_tables(example):
    d = docx.Document(str(example))
    analysis = analyse(ROOT / "indicators")
    cov, review = analysis.coverage, analysis.review
    chapters = [h for h in headings(d, 2) if h.startswith("Goal ")]
    assert chapters == [f"Goal {g.goal}: {g.short_name}" for g in cov.goals if g.covered]
    captions = {}
    body = list(d.element.body.iterchildren())
    for i, el in enumerate(body):
        if el.tag.endswith("}tbl"):
            caption = "".join(t.text or "" for t in body[i - 1].iter() if t.tag.endswith("}t"))
            captions[caption] = el
    for g in cov.goals:
        if not g.covered:
            continue
        if g.actions:
            tbl = next(t for c, t in captions.items() if f"mapped to goal {g.goal}." in c)
            assert len(tbl.findall("{*}tr")) == len(g.actions) + 1
        if g.indicators:
            tbl = next(t for c, t in captions.items() if f"Indicators of goal {g.goal} " in c)
            assert len(tbl.findall("{*}tr")) == len(g.indicators) + 1
    uncovered = next(p.text for p in d.paragraphs if p.text.startswith("No action or indicator of this review"))
    assert "1 No poverty; 2 Zero hunger" in uncovered and uncovered.endswith("14 Life below water.")
    assert len(review.indicators_by_id) == 26


def test_hlpf_goals_are_marked(example):
    text = [p.text for p in docx.Document(str(example)).paragraphs]
    marked = [t for t in text if t.startswith("Reviewed in depth: goal ")]
    assert [int(t.split()[4]) for t in marked] == [7, 9, 11, 17]  # HLPF 2026: 6, 7, 9, 11, 17; 6 has no work


def test_pictures_have_alt_text_and_tables_header_rows(example):
    d = docx.Document(str(example))
    pictures = list(d.element.body.iter(f"{WP}docPr"))
    analysis = analyse(ROOT / "indicators")
    data = analysis.review.data_by_indicator
    charts = [p for p in pictures if p.get("descr", "").startswith("Line chart")]
    assert len(charts) == sum(1 for i in analysis.review.indicators_by_id if data.get(i))  # each chart once
    tiles = [p for p in pictures if p.get("descr", "").startswith("Tile of goal")]
    covered = sum(1 for g in analysis.coverage.goals if g.covered)
    assert len(tiles) == covered + 17  # at the head of each goal's chapter, and in the dashboard
    assert sum("17 Sustainable Development Goals as tiles" in p.get("descr", "") for p in pictures) == 1  # the cover
    assert (
        len(pictures) == len(charts) + len(tiles) + 4
    )  # the cover's tiles, the logo, the heatmap, a case study's picture
    for pr in pictures:
        assert len(pr.get("descr", "")) > 40
    assert any("Heatmap of the number of actions" in pr.get("descr") for pr in pictures)
    tables = list(d.element.body.iter("{*}tbl"))
    assert tables and all(t.find("{*}tr/{*}trPr/{*}tblHeader") is not None for t in tables)


def test_properties_language_and_toc(example):
    d = docx.Document(str(example))
    props = d.core_properties
    assert props.title == "From Agenda to Action: Helsinki Voluntary Local Review 2026"
    assert "Helsinki" in props.subject and "SDG" in props.keywords and props.author
    midnight = dt.datetime(2026, 11, 28, tzinfo=dt.UTC)
    assert props.created == midnight and props.modified == midnight
    assert props.language == "en-GB"
    xml = d.element.xml
    assert 'TOC \\o "1-2"' in xml
    section = d.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert any(p.text.startswith("DRAFT \u2013 2026-11-28") for p in d.paragraphs)


def test_the_draft_passes_its_own_accessibility_check(example):
    report = check_docx(example)
    assert report.findings == [], report.to_text()
    result = run("check-docx", str(example))
    assert result.exit_code == 0


def test_rebuild_is_byte_identical(example, tmp_path):
    again = tmp_path / example.name  # the annex names the data workbook, after the draft
    assert run("build", str(ROOT / "indicators"), "-o", str(again), "--date", DATE).exit_code == 0
    assert again.read_bytes() == example.read_bytes()
    data = example.with_name("draft-data.xlsx")
    assert (tmp_path / "draft-data.xlsx").read_bytes() == data.read_bytes()
    for package in (again, data):
        with zipfile.ZipFile(package) as zf:
            assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_annexes_made_in_a_process_of_their_own_are_the_same_draft(example, tmp_path, monkeypatch):
    from vlr.draft import annexes, statistical

    planned = []
    made = statistical.plan
    monkeypatch.setattr(annexes, "APART_POINTS", 0)  # the example's annexes made apart, as a large one's
    monkeypatch.setattr(statistical, "plan", lambda *args: planned.append(os.getpid()) or made(*args))
    apart = tmp_path / example.name
    assert run("build", str(ROOT / "indicators"), "-o", str(apart), "--date", DATE).exit_code == 0
    assert apart.read_bytes() == example.read_bytes()
    assert os.getpid() not in planned  # it was made in the forked process, not here


def test_a_build_on_one_process_forks_nothing_and_is_the_same_draft(example, tmp_path, monkeypatch):
    from vlr.draft import annexes
    from vlr.output import cores

    monkeypatch.setenv("VLR_PROCESSES", "1")  # as each build of a batch run side by side
    monkeypatch.setattr(annexes, "APART_POINTS", 0)
    monkeypatch.setattr(os, "fork", None)  # nothing may fork: a fork would fail here
    assert cores() == 1
    alone = tmp_path / example.name
    assert run("build", str(ROOT / "indicators"), "-o", str(alone), "--date", DATE).exit_code == 0
    assert alone.read_bytes() == example.read_bytes()
    monkeypatch.setenv("VLR_PROCESSES", "none")  # not a number: the machine's cores
    assert cores() == len(os.sched_getaffinity(0))


def test_default_output_name_and_summary(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "indicators", tmp_path / "indicators")
    monkeypatch.chdir(tmp_path)
    result = run("build", "--date", DATE)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build" / "helsinki-vlr-2026-draft.docx").exists()
    assert "Goals covered: 12 of 17" in result.output and "4 warnings listed in the internal annex" in result.output
    assert "Progress on goals and targets" in result.output and "page" in result.output
    assert "Drawing 27 charts" in result.stderr  # 26 indicators and the heatmap


def test_errors_stop_the_build_and_leave_the_output_alone(tmp_path):
    out = tmp_path / "draft.docx"
    out.write_bytes(b"an earlier draft")
    result = run("build", str(ROOT / "examples" / "broken"), "-o", str(out))
    assert result.exit_code == 1
    assert "[target-unknown]" in result.output and "not written" in result.output
    assert out.read_bytes() == b"an earlier draft"
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind


def test_missing_narratives_get_placeholders(write, sheets, tmp_path):
    out = tmp_path / "min.docx"
    assert run("build", str(write(sheets)), "-o", str(out), "--date", DATE).exit_code == 0
    d = docx.Document(str(out))
    todo = [p for p in d.paragraphs if p.text.startswith("TO WRITE:")]
    assert any("Opening statement by the mayor" in p.text for p in todo)
    assert all(r.font.highlight_color is not None for p in todo for r in p.runs)
    intro = [p.text for p in d.paragraphs]
    assert "Testville is small." in intro


def test_awkward_text_does_not_break_the_document(write, sheets, tmp_path):
    awkward = "Pyöräilyn & <kehitys> \"lainaus\" 'x' – Göteborg – Åland 🚲 " + "pitkä " * 900
    sheets["Actions"][1][1] = awkward
    sheets["Narratives"].append(["opening", "{{ city }} & <friends> ✓ — \u00e4\u00f6 _x000B_ tab\there"])
    out = tmp_path / "awkward.docx"
    result = run("build", str(write(sheets)), "-o", str(out), "--date", DATE)
    assert result.exit_code == 0, result.output
    d = docx.Document(str(out))
    texts = [p.text for p in d.paragraphs]
    assert any(t.startswith("Testville & <friends> ✓") for t in texts)
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    assert any(c.startswith("Pyöräilyn & <kehitys>") and "🚲" in c for c in cells)


def test_templates_can_be_overridden_and_errors_are_located(write, sheets, tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "introduction.j2").write_text("Welcome to {{ city }}, with {{ counts.actions }} actions.\n- one\n- two\n")
    out = tmp_path / "t.docx"
    assert run("build", str(write(sheets)), "-o", str(out), "--templates", str(folder), "--date", DATE).exit_code == 0
    d = docx.Document(str(out))
    paras = [(p.text, p.style.name) for p in d.paragraphs]
    assert ("Welcome to Testville, with 2 actions.", "Normal") in paras
    assert ("one", "List Bullet") in paras and ("two", "List Bullet") in paras

    (folder / "introduction.j2").write_text("Line one\n{{ citty }}\n")
    result = run("build", str(write(sheets)), "-o", str(out), "--templates", str(folder))
    assert result.exit_code == 1
    assert "introduction.j2, line 2" in result.output and "citty" in result.output

    sheets["Narratives"].append(["opening", "Hello {{ mayor }}"])
    result = run("build", str(write(sheets)), "-o", str(tmp_path / "u.docx"))
    assert result.exit_code == 1 and "sheet Narratives" in result.output and "B3: the text, line 1" in result.output
    assert "'mayor' is undefined" in result.output and "[narrative-template]" in result.output
    assert not validate(write(sheets)).ok  # validate and build agree


def test_sandbox_blocks_unsafe_templates(write, sheets, tmp_path):
    sheets["Narratives"].append(["opening", "{{ city.__class__.__mro__ }}"])
    result = run("build", str(write(sheets)), "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 1 and "unsafe" in result.output.lower()


def _reference(tmp_path: Path) -> Path:
    from docx.shared import Cm, Pt

    ref = docx.Document()
    section = ref.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = Cm(3.3)
    section.header.paragraphs[0].text = "City of Testville \u2013 letterhead"
    ref.styles["Normal"].font.name = "Georgia"
    ref.styles["Normal"].font.size = Pt(10.5)
    ref.add_paragraph("Content of the template that must not appear in the draft.")
    path = tmp_path / "city.docx"
    ref.save(str(path))
    return path


@pytest.mark.parametrize("suffix", [".docx", ".dotx"])
def test_reference_document_brings_styles_and_page_setup(write, sheets, tmp_path, suffix):
    ref = _reference(tmp_path)
    if suffix == ".dotx":
        dotx = tmp_path / "city.dotx"
        with zipfile.ZipFile(ref) as src, zipfile.ZipFile(dotx, "w") as dst:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    data = data.replace(b"document.main+xml", b"template.main+xml")
                dst.writestr(info, data)
        ref = dotx
    out = tmp_path / "ref.docx"
    result = run("build", str(write(sheets)), "-o", str(out), "--reference-docx", str(ref), "--date", DATE)
    assert result.exit_code == 0, result.output
    d = docx.Document(str(out))
    assert d.sections[0].header.paragraphs[0].text == "City of Testville \u2013 letterhead"
    assert round(d.sections[0].left_margin.cm, 1) == 3.3
    assert d.styles["Normal"].font.name == "Georgia"
    assert not any("must not appear" in p.text for p in d.paragraphs)
    assert headings(d, 1)[0] == "Opening statement"


def test_bad_options(write, sheets, tmp_path):
    path = str(write(sheets))
    assert run("build", path, "--date", "28.11.2026").exit_code == 2
    assert run("build", path, "-o", str(tmp_path / "x.pdf")).exit_code == 1
    bad_ref = tmp_path / "not.docx"
    bad_ref.write_text("hello")
    result = run("build", path, "-o", str(tmp_path / "y.docx"), "--reference-docx", str(bad_ref))
    assert result.exit_code == 1 and "reference-docx" in result.output


def test_pdf_export_fills_the_toc(example, tmp_path):
    need_tool("soffice")
    pdfinfo = need_tool("pdfinfo")
    pdftotext = need_tool("pdftotext")
    from vlr.draft.pdf import export_pdf, toc_fills_in

    if not toc_fills_in():
        if __import__("os").environ.get("CI"):
            pytest.fail("python3-uno is missing; .ci/system-deps installs it")
        pytest.skip("python3-uno is not installed")
    pdf = export_pdf(example, tmp_path / "draft.pdf")
    info = subprocess.run([pdfinfo, str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 30 <= pages <= 80

    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE), info
    text = subprocess.run(
        [pdftotext, "-f", "2", "-l", "3", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Update Field" not in text
    pages_text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    opening = next(n for n, page in enumerate(pages_text.split("\f"), 1) if page.strip().startswith("Opening"))
    # the cover and contents aside, and the document's last page (the last chapter's)
    short = [n for n in pages_under_a_third_full(pdf, tmp_path) if opening <= n < pages]
    assert len(short) <= 2, short  # the sections run on: at most a chapter's last page or two

    entries = re.findall(r"(Opening statement|Highlights|Annexes|Goal 13: Climate action)\s*\.*\s*(\d+)", text)
    found = {name: int(page) for name, page in entries}
    assert {"Opening statement", "Highlights", "Annexes", "Goal 13: Climate action"} <= found.keys(), text[:800]
    assert (
        found["Opening statement"] <= found["Highlights"] < found["Goal 13: Climate action"] < found["Annexes"] <= pages
    )


def pages_under_a_third_full(pdf, tmp_path) -> list[int]:
    """The pages after the cover whose content ends above a third of the page (the footer's page
    number aside), from pictures of the pages (pdftoppm)."""
    from PIL import Image

    subprocess.run([need_tool("pdftoppm"), "-png", "-r", "20", str(pdf), str(tmp_path / "page")], check=True)
    short = []
    for n, path in enumerate(sorted(tmp_path.glob("page-*.png")), 1):
        image = Image.open(path).convert("L")
        width, height = image.size
        pixels = image.load()
        top, bottom = int(height * 0.08), int(height * 0.90)
        inked = [
            y
            for y in range(int(height * 0.05), bottom)
            if any(pixels[x, y] < 200 for x in range(int(width * 0.08), int(width * 0.92)))
        ]
        if n > 1 and (not inked or (max(inked) - top) / (bottom - top) < 1 / 3):
            short.append(n)
    return short


def test_minimal_review_builds(write, tmp_path):
    out = tmp_path / "m.docx"
    assert run("build", str(write(MINIMAL)), "-o", str(out), "--date", DATE, "--method", "eurostat").exit_code == 0
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Eurostat CAGR ratio" in text


def test_numbers_follow_the_review_language(write, sheets, tmp_path):
    sheets["Review"].append(["Language", "fi"])
    sheets["Data"][7][2] = 7.5  # I-2 in 2020: 7,5 in Finnish
    out = tmp_path / "fi.docx"
    assert run("build", str(write(sheets)), "-o", str(out), "--date", DATE).exit_code == 0
    d = docx.Document(str(out))
    assert d.core_properties.language == "fi-FI"
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    assert "7,5 (2020)" in cells


def test_table_1_counts_each_status_in_its_own_words_and_each_indicator_once(example):
    document = docx.Document(str(example))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Goal")
    heads = [c.text.split(" ", 1)[-1] for c in table.rows[0].cells]  # after the status's symbol
    assert "On track" in heads and "Good progress" in heads  # with and without a target: not folded
    last = [c.text for c in table.rows[-1].cells]
    assert last[0] == "All goals (each indicator once)"
    assert sum(int(x) for x in last[2:] if x) == 26 == int(last[1])  # the example's 26 indicators, once each
    caption = next(p.text for p in document.paragraphs if "Headline indicators by status, goal by goal" in p.text)
    assert "count under more than one goal" in caption


def test_captions_name_every_source_and_the_illustrative_points(example):
    document = docx.Document(str(example))
    captions = [p.text for p in document.paragraphs if p.text.startswith("Figure")]
    emissions = next(c for c in captions if "Greenhouse gas emissions, total" in c)
    assert "Sources: City of Helsinki" in emissions and "Illustrative example data" in emissions
    assert not any(c.endswith(("are illustrative.", "figures are illustrative.")) for c in captions)  # not each time
    number = emissions.split(".")[0].removeprefix("Figure ").split(" ")[0]
    said = [p.text for p in document.paragraphs if "illustrative, not official statistics" in p.text]
    assert any(number in s.split("Figure", 1)[1] for s in said if "Figure" in s), said  # once, for the chapter


def test_sections_run_on_and_only_chapters_start_a_page(example):
    document = docx.Document(str(example))
    starting = [
        p.text
        for p in document.paragraphs
        if p.style.name in ("Heading 1", "Heading 2") and p.paragraph_format.page_break_before
    ]
    # the chapters, and the dashboard: a table of the 17 goals that fills its page (it runs on to the next,
    # its heading row repeated, only where a language's longer words make it longer than a page)
    assert starting[:3] == ["Opening statement", "The goals at a glance", "Progress on goals and targets"]
    assert all(t.startswith("Goal ") for t in starting[3:]), starting  # the goal chapters
    assert "Highlights" not in starting and "Annexes" not in starting and "Introduction" not in starting
