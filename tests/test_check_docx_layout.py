"""check-docx on page layout: tables and pictures that do not fit, on real .docx files."""

import io

import docx
from docx.shared import Cm, Inches
from PIL import Image

from vlr.draft.accessibility import check_docx


def base_document():
    document = docx.Document()
    document.core_properties.title = "Layout"
    document.core_properties.language = "en-GB"
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)  # 16 cm of text
    return document


def table(document, widths_cm):
    t = document.add_table(rows=2, cols=len(widths_cm))
    for col, width in zip(t.columns, widths_cm):
        col.width = Cm(width)
    grid = t._tbl.tblGrid
    for gc, width in zip(grid.gridCol_lst, widths_cm):
        gc.w = Cm(width)
    for cell, n in zip(t.rows[0].cells, range(len(widths_cm))):
        cell.text = f"H{n}"
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = t.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    return t


def rules_of(path):
    return {f.rule: f for f in check_docx(path).findings}


def save(document, tmp_path, name="t.docx"):
    path = tmp_path / name
    document.save(str(path))
    return path


def test_a_table_that_fits_is_fine(tmp_path):
    document = base_document()
    table(document, [4.0, 2.0, 2.0, 2.0])
    assert not rules_of(save(document, tmp_path))


def test_too_wide_too_many_and_too_narrow(tmp_path):
    document = base_document()
    table(document, [5.0] * 5)  # 25 cm on a 16 cm page
    document.add_paragraph("Between the tables.")
    table(document, [0.2] * 70)  # 70 columns of 2 mm: 14 cm
    found = check_docx(save(document, tmp_path))
    rules = [f.rule for f in found.findings]
    assert rules.count("table-too-wide") == 1 and "25.0 cm" in next(
        f.message for f in found.findings if f.rule == "table-too-wide"
    )
    assert "table-columns-too-many" in rules and "table-column-narrow" in rules
    narrow = next(f for f in found.findings if f.rule == "table-column-narrow")
    assert narrow.cell == "table 2" and "70 columns are narrower" in narrow.message


def test_landscape_sections_have_their_own_width(tmp_path):
    from docx.enum.section import WD_ORIENT, WD_SECTION

    document = base_document()
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    table(document, [2.0] * 11)  # 22 cm: fits a landscape page (24.7 cm), not a portrait one
    assert "table-too-wide" not in rules_of(save(document, tmp_path))


def test_a_picture_wider_than_the_text(tmp_path):
    image = io.BytesIO()
    Image.new("RGB", (40, 10), "white").save(image, format="PNG")
    document = base_document()
    image.seek(0)
    document.add_picture(image, width=Inches(8))
    for doc_pr in document.element.body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    ):
        doc_pr.set("descr", "A white bar.")
    found = rules_of(save(document, tmp_path))
    assert "picture-too-wide" in found and "20.3 cm" in found["picture-too-wide"].message


def test_a_list_typed_by_hand_is_found_and_an_official_name_beginning_a_is_not(tmp_path):
    d = docx.Document()
    d.add_paragraph("Our aims:")
    d.add_paragraph("- fewer cars")
    d.add_paragraph("- more trees")
    d.add_heading("(a) Number of commercial bank branches per 100,000 adults", 3)
    d.add_paragraph("(a) Number of commercial bank branches per 100,000 adults rose from 10 in 2015 to 12 in 2024.")
    d.add_paragraph("Figure 3. (b) Number of automated teller machines (ATMs) per 100,000 adults.")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "(a) Proportion of children achieving a minimum proficiency level in reading"
    table.cell(0, 1).text = "1. Finland"
    d.core_properties.title = "A test"
    path = tmp_path / "lists.docx"
    d.save(str(path))
    found = [f for f in check_docx(path).findings if f.rule == "list-fake"]
    assert [f.message.split("'")[1] for f in found] == ["- fewer cars", "- more trees"]
