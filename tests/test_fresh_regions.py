"""The fresh build an update takes vlr's parts from is read from its text, not parsed whole
(:mod:`vlr.draft.living.fresh`): its regions are the ones :func:`regions.find` finds in the
parsed document, with the same blocks, and XML written another way is parsed whole."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import zipfile

import pytest
from lxml import etree

from conftest import MINIMAL, ROOT, review_folder
from vlr.draft import regions as R
from vlr.draft.living.fresh import FreshRegions
from vlr.draft.living.package import DOCUMENT, KEPT, Package
from vlr.main import BuildOptions, build
from vlr.workbook.writer import write_workbook

DATE = dt.date(2026, 11, 28)
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}
BOOKMARK_END = '<w:bookmarkEnd w:id="1002"/>'


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> bytes:
    """A fresh build of the shipped example: every kind of region vlr writes."""
    draft = tmp_path_factory.mktemp("example") / "draft.docx"
    build(ROOT / "indicators", BuildOptions(output=draft, date=DATE))
    return draft.read_bytes()


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> bytes:
    draft = tmp_path_factory.mktemp("small") / "draft.docx"
    build(review_folder(tmp_path_factory.mktemp("review"), MINIMAL), BuildOptions(output=draft, date=DATE))
    return draft.read_bytes()


def document_changed(data: bytes, change) -> bytes:
    """The package ``data`` with its document.xml passed through ``change``."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in source.namelist():
            blob = source.read(name)
            z.writestr(name, change(blob.decode()).encode() if name == DOCUMENT else blob)
    return out.getvalue()


def with_document(data: bytes, change) -> Package:
    return Package(document_changed(data, change))


def canonical(blocks) -> list[bytes]:
    return [etree.tostring(b, method="c14n", exclusive=True) for b in blocks]


def assert_as_in_the_tree(package: Package) -> FreshRegions:
    """The regions read from the text are those found in the parsed body, block for block."""
    fresh = FreshRegions(package)
    found = R.find(package.body)
    position = {id(c): i for i, c in enumerate(package.body)}
    assert fresh.spans == {
        name: (position[id(r.blocks[0])], position[id(r.blocks[-1])]) for name, r in found.items() if r.blocks
    }
    for name, region in found.items():
        assert canonical(fresh.blocks(name)) == canonical(region.blocks), name
        assert canonical(fresh.take(name)) == canonical(region.blocks), name
    return fresh


def test_the_regions_of_a_fresh_build_are_read_from_its_text_as_the_tree_holds_them(example, small):
    for data in (example, small):
        fresh = assert_as_in_the_tree(Package(data))
        assert fresh.from_text
        assert {"cover", "dashboard", "annex-3"} <= set(fresh.spans)


def test_taken_blocks_are_new_each_time_they_are_taken(small):
    fresh = FreshRegions(Package(small))
    shown = fresh.blocks("cover")
    taken = fresh.take("cover")
    assert taken == shown  # the blocks parsed for a look are given away
    again = fresh.take("cover")
    assert canonical(again) == canonical(taken)
    assert not set(map(id, again)) & set(map(id, taken))


def test_a_bookmark_end_at_the_start_of_the_next_paragraph_and_marks_beside_the_blocks_read_as_in_the_tree(small):
    """Word's ways, were a fresh build written so: an end opening the paragraph after the
    region's last, a start between the body's blocks, an empty paragraph holding an end."""

    def word_ways(xml: str) -> str:
        start = xml.index('<w:bookmarkStart w:id="1002"')
        start_tag = xml[start : xml.index("/>", start) + 2]
        xml = xml.replace(start_tag, "", 1)
        paragraph = xml.rindex("<w:p>", 0, start)
        xml = xml[:paragraph] + start_tag + xml[paragraph:]  # at the level of the body
        end = xml.index(BOOKMARK_END)
        xml = xml.replace(BOOKMARK_END, "", 1)
        after = xml.index("</w:p>", end) + len("</w:p>")
        opening = xml.index(">", after) + 1  # just inside the next paragraph's start tag
        xml = xml[:opening] + BOOKMARK_END + xml[opening:]
        return xml.replace('<w:bookmarkEnd w:id="1003"/>', '</w:p><w:p><w:bookmarkEnd w:id="1003"/>', 1)

    fresh = assert_as_in_the_tree(with_document(small, word_ways))
    assert fresh.from_text


@pytest.mark.parametrize(
    "change",
    [
        lambda xml: xml.replace("<w:body>", "<w:body><!-- <w:p> -->", 1),
        lambda xml: xml.replace("<w:body>", "<w:body><?mark <w:p>?>", 1),
        lambda xml: re.sub(r"(?<=[<\s/])w:", "x:", xml).replace("xmlns:w=", "xmlns:x="),
        lambda xml: xml.replace("<w:body>", '<w:body><w:p xmlns:w="urn:other"/>', 1),
    ],
    ids=["comment", "processing instruction", "another prefix", "another namespace as w"],
)
def test_xml_not_written_the_way_vlr_writes_is_parsed_whole(small, change):
    package = with_document(small, change)
    fresh = FreshRegions(package)
    assert not fresh.from_text
    if "cover" in R.find(package.body):
        assert_as_in_the_tree(package)


def test_only_blocks_whose_text_holds_no_link_to_another_part_are_left_unsearched(example):
    fresh = FreshRegions(Package(example))
    taken = [b for name in fresh.spans for b in fresh.take(name)]
    linking = {b for b in taken if b.xpath(".//@r:embed | .//@r:link | .//@r:id", namespaces={"r": R_NS})}
    assert linking and not linking & fresh.linkless
    assert fresh.linkless  # the tables and paragraphs of text


# --- tables kept as text -------------------------------------------------------------------------


def test_a_table_that_holds_only_text_is_kept_as_the_text_lxml_would_write_of_it(example, small):
    """Written into the draft as its text, a fresh table reads as the parsed one and is byte
    for byte what lxml writes of it, so that the next update, which parses and writes the
    whole draft again, writes the same bytes."""
    for data in (example, small):
        into = Package(data)
        fresh = FreshRegions(Package(data))
        kept = 0
        for name in fresh.spans:
            for block in fresh.take(name, into):
                text = into.kept_text(block)
                if text is None:
                    assert not (block.tag == f"{W}tbl" and block.get(KEPT)), name
                    continue
                kept += 1
                table = into.materialize(block)
                assert table.tag == f"{W}tbl" and not table.xpath(".//w:bookmarkStart | .//w:drawing", namespaces=NS)
                holder = etree.SubElement(into.body, f"{W}p")
                holder.addprevious(table)
                assert re.sub(rb' xmlns:\w+="[^"]*"', b"", etree.tostring(table, encoding="UTF-8")) == text
        assert kept


def test_a_stand_in_not_written_as_one_is_parsed_into_its_place(small):
    """A stand-in somewhere else than at the body's level (it never is): the package is
    written with the table itself in its place, not an empty one."""
    package = Package(small)
    xml = b"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>kept</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    stand_in = package.keep_as_text(xml)
    package.body[0].append(stand_in)  # inside a paragraph
    written = Package(package.save({}))
    first = written.body[0].find(f"{W}tbl")
    assert first is not None and "".join(first.itertext()) == "kept" and first.get(KEPT) is None


def test_a_table_kept_as_text_is_parsed_into_its_place_once(small):
    package = Package(small)
    stand_in = package.keep_as_text(b"<w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>")
    package.body.insert(0, stand_in)
    table = package.materialize(stand_in)
    assert package.body[0] is table and table.find(f"{W}tr") is not None
    assert package.materialize(stand_in) is table and package.materialize(table) is table
    assert package.kept_text(stand_in) is None and package.kept_text(table) is None


def test_an_update_with_tables_kept_as_text_writes_what_one_with_every_table_parsed_writes(tmp_path, monkeypatch):
    from vlr.draft.living import fresh as fresh_module
    from vlr.draft.living.merge import merge

    sheets = copy.deepcopy(MINIMAL)
    folder = review_folder(tmp_path, sheets)
    draft = tmp_path / "draft.docx"
    build(folder, BuildOptions(output=draft, date=DATE))
    old = document_changed(
        draft.read_bytes(), lambda xml: xml.replace("<w:sectPr", "<w:p><w:r><w:t>Ours.</w:t></w:r></w:p><w:sectPr", 1)
    )
    for row in sheets["Data"][1:]:
        row[2] = row[2] + 1 if isinstance(row[2], (int, float)) else row[2]
    write_workbook(folder / "review.xlsx", sheets)
    fresh = build(folder, BuildOptions(output=tmp_path / "fresh.docx", date=DATE)).path.read_bytes()
    as_text = merge(old, fresh)
    monkeypatch.setattr(fresh_module._BodyText, "_plain_test", lambda self, context: None)
    parsed = merge(old, fresh)
    assert as_text.data == parsed.data and as_text.report == parsed.report
    assert any(line.startswith("refreshed") for line in as_text.report)
