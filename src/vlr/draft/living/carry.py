"""Carrying over (``vlr build --from``): a new cycle's draft starts from last cycle's, the
texts people wrote there put into the matching places, each marked for checking."""

from __future__ import annotations

import copy

from lxml import etree

from vlr.draft import regions as R
from vlr.draft.docx_xml import remove_comments
from vlr.draft.living.blocks import blocks_hash, insert_after, remove_marks, replace, section_breaks, xml_of
from vlr.draft.living.comments import peoples, without_peoples_comments
from vlr.draft.living.copying import Copier
from vlr.draft.living.package import ORIGIN_PROPERTY, Merged, Package, w
from vlr.formatting import _, n_


def _without_comments(block):
    """A copy of ``block`` without comment anchors: the comments stay with last cycle's draft."""
    block = copy.deepcopy(block)
    remove_comments(block)
    return block


def _mark_paragraph(note: str):
    """A highlighted paragraph saying where the next passage comes from."""
    p = etree.Element(w("p"))
    r = etree.SubElement(p, w("r"))
    rpr = etree.SubElement(r, w("rPr"))
    etree.SubElement(rpr, w("b"))
    etree.SubElement(rpr, w("highlight")).set(w("val"), "cyan")
    t = etree.SubElement(r, w("t"))
    t.text = f"[{note}]"
    return p


def _written_by_vlr(last: Package, regions: dict[str, R.Region], recorded: dict) -> tuple[set[int], dict[int, str]]:
    """The blocks of last cycle's regions (chapters aside) vlr wrote, and the blocks people
    wrote among them in a generated region (→ that region): those no hash vlr recorded of
    the region's blocks matches (people's comments left out). A draft without such records
    (an older vlr's) counts every block of its regions as vlr's."""
    written = R.recorded_blocks(last.properties)
    theirs = peoples(last)
    vlrs: set[int] = set()
    within: dict[int, str] = {}
    for name, region in regions.items():
        kind = recorded.get(name, ("",))[0]
        if kind == R.CHAPTER:
            continue
        if kind != R.GENERATED or name not in written:
            vlrs.update(id(b) for b in region.blocks)
            continue
        mine = set(written[name])
        for block, bare in zip(region.blocks, without_peoples_comments(region.blocks, theirs)):
            if R.block_hash(etree.tostring(bare, encoding="unicode")) in mine:
                vlrs.add(id(block))
            else:
                within[id(block)] = name
    return vlrs, within


def _counted(blocks: list) -> str:
    """``2 paragraphs``, ``1 paragraph and 1 table``."""
    tables = sum(1 for b in blocks if b.tag == w("tbl"))
    paragraphs = len(blocks) - tables
    said = [n_("{n} paragraph", "{n} paragraphs", paragraphs).format(n=paragraphs)] if paragraphs else []
    said += [n_("{n} table", "{n} tables", tables).format(n=tables)] if tables else []
    return _(" and ").join(said)


def _carried(blocks: list, anchor_name: str | None, inside: bool) -> str:
    """What was carried over and from where, for the report."""
    if inside:
        said = _("carried over {blocks} written inside {name} (now after it) in the previous review's draft")
    elif anchor_name:
        said = _("carried over {blocks} written after {name} in the previous review's draft")
    else:
        said = _("carried over {blocks} written at the start of the previous review's draft")
    return said.format(blocks=_counted(blocks), name=anchor_name)


def carry_over(last_data: bytes, fresh_data: bytes, *, note: str) -> Merged:
    """A new cycle's draft ``fresh_data`` with the people's content of last cycle's draft
    ``last_data``: the texts they wrote in narrative regions go into the same regions, and
    what they added outside vlr's regions goes after the same region as before, and what
    they wrote among vlr's blocks in a generated region goes after that region; each
    carried passage is preceded by a highlighted ``note`` to check it. Generated regions
    are all new."""
    last, fresh = Package(last_data), Package(fresh_data)
    recorded = R.recorded(last.properties)
    before = R.find(last.body)
    new = R.find(fresh.body)
    copier = Copier(fresh, last)  # copies from last cycle's package into the new one
    report: list[str] = []

    for name, region in before.items():
        kind = recorded.get(name, ("", ""))[0]
        if kind != R.NARRATIVE or name not in new or blocks_hash(region.blocks) == R.text_part(recorded[name][1]):
            continue
        blocks = copier.copy_blocks([_without_comments(b) for b in region.blocks])
        target = new[name]
        remove_marks(target)
        carried = [_mark_paragraph(note), *blocks]
        replace(target.blocks, carried)
        R.mark(carried, name, copier.next_bookmark)
        copier.next_bookmark += 1
        report.append(_("carried over {name}: the text written in the previous review's draft").format(name=name))

    # what people added outside the regions, or among vlr's blocks in a generated one: after
    # the region it followed, or was in
    skeleton = {R.region_text(x) for x in xml_of(b for b in fresh.body if b.tag in R.BLOCK_TAGS)}
    vlrs, within = _written_by_vlr(last, before, recorded)
    # the part a block of the people's follows: the last one (not a chapter) that ended before it
    ends = {id(r.blocks[-1]): name for name, r in before.items() if recorded.get(name, ("",))[0] != R.CHAPTER}
    groups: list[tuple[str | None, bool, list]] = []
    anchor = None
    for block in last.body:
        if block.tag not in R.BLOCK_TAGS:
            continue
        if id(block) in vlrs:
            anchor = ends.get(id(block), anchor)
            continue
        text = R.region_text(etree.tostring(block, encoding="unicode"))
        pictured = "[picture]" in text
        if (
            not text
            or (text in skeleton and not pictured)
            or section_breaks([block])
            or "TOC" in "".join(block.itertext())
        ):
            continue
        where = within.get(id(block))
        place = (where or anchor, where is not None)
        if groups and groups[-1][:2] == place and groups[-1][2][-1].getnext() is block:
            groups[-1][2].append(block)
        else:
            groups.append((*place, [block]))
        anchor = ends.get(id(block), anchor)
    present = R.find(fresh.body)
    last_put: dict[str | None, object] = {}  # after each part, the last passage carried there: the next goes after it
    for anchor_name, inside, blocks in groups:
        copies = copier.copy_blocks([_without_comments(b) for b in blocks])
        carried = [_mark_paragraph(note), *copies]
        if anchor_name in present:
            insert_after(last_put.get(anchor_name, present[anchor_name].blocks[-1]), carried)
            last_put[anchor_name] = carried[-1]
        else:
            sect = fresh.body.find(w("sectPr"))
            for block in carried:
                sect.addprevious(block)
        report.append(_carried(blocks, anchor_name, inside))
    copier.add_missing_styles()  # the people's paragraphs keep their styles
    properties = dict(fresh.properties)
    properties.pop(R.PACKAGE_PROPERTY, None)
    properties[ORIGIN_PROPERTY] = "carried"
    return Merged(fresh.save(properties), report)
