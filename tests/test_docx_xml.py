"""The raw WordprocessingML helpers, each on a real document saved and reopened."""

import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.shared import Inches

from vlr.draft import docx_xml, word_settings

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def reopen(document):
    buffer = io.BytesIO()
    document.save(buffer)
    return docx.Document(io.BytesIO(buffer.getvalue()))


def test_language_and_update_fields():
    d = docx.Document()
    docx_xml.set_language(d, "fi-FI")
    word_settings.update_fields_on_open(d.settings.element)
    d = reopen(d)
    lang = d.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "fi-FI"
    settings = d.settings.element
    assert settings.find(f"{W}updateFields").get(f"{W}val") == "true"
    # in the schema's order (CT_Settings is a sequence): after savePreviewPicture, before compat
    names = [child.tag.split("}")[1] for child in settings]
    assert names.index("updateFields") < names.index("compat") and names[0] == "zoom"
    assert settings.find(f"{W}zoom").get(f"{W}percent") == "100"  # the attribute the schema requires


def test_toc_field():
    d = docx.Document()
    docx_xml.add_toc(d.add_paragraph(), levels="1-2", placeholder="Update <me> & see")
    p = reopen(d).paragraphs[0]
    assert 'TOC \\o "1-2"' in "".join(t.text for t in p._p.iter(f"{W}instrText"))
    kinds = [f.get(f"{W}fldCharType") for f in p._p.iter(f"{W}fldChar")]
    assert kinds == ["begin", "separate", "end"] and p.text == "Update <me> & see"


def test_pictures_get_unique_ids_and_alt_text(tmp_path):
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(png, format="PNG")
    d = docx.Document()
    adder = docx_xml.PictureAdder(d)
    for n in range(3):
        adder.add(d.add_paragraph().add_run(), io.BytesIO(png.getvalue()), Inches(2), f"alt {n}", title=f"t{n}")
    d = reopen(d)
    prs = list(d.element.body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"))
    assert [p.get("descr") for p in prs] == ["alt 0", "alt 1", "alt 2"]
    assert len({p.get("id") for p in prs}) == 3
    assert round(d.inline_shapes[0].width.inches, 2) == 2.0


def test_table_header_repeats_rows_keep_together_and_text_is_escaped():
    d = docx.Document()
    tbl = parse_xml(
        docx_xml.table_xml(
            ["A", "B & <b>"], [["x\ny", "1 < 2"], [None, "\x0bbad"]], [1000, 2000], "TableGrid", align_right={1}
        )
    )
    docx_xml.set_table_caption(tbl, 'Caption "quoted"', "What it shows")
    d.element.body.insert(0, tbl)
    d = reopen(d)
    table = d.tables[0]
    rows = table._tbl.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    assert [c.text for c in table.rows[0].cells] == ["A", "B & <b>"]
    assert [c.text for c in table.rows[1].cells] == ["x\ny", "1 < 2"]
    assert table.rows[2].cells[1].text == "bad"
    assert table._tbl.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val") == 'Caption "quoted"'


def test_dotx_opens_and_clear_body_keeps_page_setup(tmp_path):
    from docx.shared import Cm

    ref = docx.Document()
    ref.sections[0].left_margin = Cm(4)
    ref.add_paragraph("template text")
    path = tmp_path / "t.docx"
    ref.save(path)
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        types = zf.read("[Content_Types].xml")
    dotx = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(dotx, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            dst.writestr(
                info,
                types.replace(b"document.main+xml", b"template.main+xml")
                if info.filename == "[Content_Types].xml"
                else blob,
            )
    with pytest.raises(ValueError):
        docx.Document(io.BytesIO(dotx.getvalue()))
    d = docx.Document(io.BytesIO(docx_xml.docx_bytes_from_template(dotx.getvalue())))
    docx_xml.clear_body(d)
    assert d.paragraphs == [] and round(d.sections[0].left_margin.cm) == 4
