"""Carrying over (``vlr build --from``): a new cycle's draft starts from last cycle's, the
texts people wrote there put into the matching places, each marked for checking."""

from __future__ import annotations

import copy

from lxml import etree

from vlr.draft import regions as R
from vlr.draft.docx_xml import remove_comments
from vlr.draft.living.blocks import blocks_hash, insert_after, remove_marks, replace, section_breaks, xml_of
from vlr.draft.living.copying import Copier
from vlr.draft.living.package import ORIGIN_PROPERTY, Merged, Package, w


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


def carry_over(last_data: bytes, fresh_data: bytes, *, note: str) -> Merged:
    """A new cycle's draft ``fresh_data`` with the people's content of last cycle's draft
    ``last_data``: the texts they wrote in narrative regions go into the same regions, and
    what they added outside vlr's regions goes after the same region as before; each
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
        report.append(f"carried over {name}: the text written in the previous review's draft")

    # what people added outside the regions: after the region it followed
    skeleton = {R.region_text(x) for x in xml_of(b for b in fresh.body if b.tag in R.BLOCK_TAGS)}
    # a chapter's blocks are its parts' and the people's written among them: only the parts count
    inside = {
        id(block)
        for name, region in before.items()
        if recorded.get(name, ("",))[0] != R.CHAPTER
        for block in region.blocks
    }
    # the part a block of the people's follows: the last one (not a chapter) that ended before it
    ends = {id(r.blocks[-1]): name for name, r in before.items() if recorded.get(name, ("",))[0] != R.CHAPTER}
    groups: list[tuple[str | None, list]] = []
    anchor = None
    for block in last.body:
        if block.tag not in R.BLOCK_TAGS:
            continue
        if id(block) in inside:
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
        if groups and groups[-1][0] == anchor and groups[-1][1] and groups[-1][1][-1].getnext() is block:
            groups[-1][1].append(block)
        else:
            groups.append((anchor, [block]))
    present = R.find(fresh.body)
    for anchor_name, blocks in groups:
        copies = copier.copy_blocks([_without_comments(b) for b in blocks])
        carried = [_mark_paragraph(note), *copies]
        if anchor_name in present:
            insert_after(present[anchor_name].blocks[-1], carried)
        else:
            sect = fresh.body.find(w("sectPr"))
            for block in carried:
                sect.addprevious(block)
        report.append(
            f"carried over {len(blocks)} paragraph{'s' if len(blocks) != 1 else ''} written after "
            f"{anchor_name or 'the start'} in the previous review's draft"
        )
        present = R.find(fresh.body)
    copier.add_missing_styles()  # the people's paragraphs keep their styles
    properties = dict(fresh.properties)
    properties.pop(R.PACKAGE_PROPERTY, None)
    properties[ORIGIN_PROPERTY] = "carried"
    return Merged(fresh.save(properties), report)
