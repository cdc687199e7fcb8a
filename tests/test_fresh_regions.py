"""The fresh build an update takes vlr's parts from is read from its text, not parsed whole
(:mod:`vlr.draft.living.fresh`): its regions are the ones :func:`regions.find` finds in the
parsed document, with the same blocks, and XML written another way is parsed whole."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from lxml import etree

from conftest import MINIMAL, ROOT, review_folder
from vlr.draft import regions as R
from vlr.draft.living.fresh import FreshRegions
from vlr.draft.living.package import DOCUMENT, Package
from vlr.main import BuildOptions, build

DATE = dt.date(2026, 11, 28)
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
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


def with_document(data: bytes, change) -> Package:
    """The package ``data`` with its document.xml passed through ``change``."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in source.namelist():
            blob = source.read(name)
            z.writestr(name, change(blob.decode()).encode() if name == DOCUMENT else blob)
    return Package(out.getvalue())


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
