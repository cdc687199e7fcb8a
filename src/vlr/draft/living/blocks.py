"""The body's blocks (its top-level paragraphs and tables) and the regions found in them:
their XML and hashes as the records hold them (:func:`region_hashes`), the lines people
changed, and blocks replaced, removed or inserted so that the section and page breaks
among them stay where they were."""

from __future__ import annotations

import copy
import hashlib

from lxml import etree

from vlr.draft import regions as R
from vlr.draft.living.package import Package, w
from vlr.formatting import _, n_


def xml_of(blocks) -> list[str]:
    return [etree.tostring(b, encoding="unicode") for b in blocks]


def blocks_hash(blocks) -> str:
    return R.text_hash(xml_of(blocks))


def region_hashes(data: bytes) -> dict[str, str]:
    """The hash of the text of each region of the draft ``data``, as
    :func:`~vlr.draft.living.merge.merge` works it out (worked out ahead, while the fresh
    draft is being built)."""
    package = Package(data)
    return {name: blocks_hash(region.blocks) for name, region in R.find(package.body).items()}


def content_of(blocks, package: Package) -> str:
    """What a region shows (:func:`regions.content_hash`), worked out from the document:
    for drafts whose records hold no such hash."""
    xml = "".join(xml_of(blocks))
    targets = package.rel_targets()

    def picture_of(rid: str) -> str:
        blob = package.parts.get(targets.get(rid, (None, None))[1] or "")
        return hashlib.sha1(blob).hexdigest() if blob is not None else rid

    return R.content_hash(xml, R.text_hash([xml]), picture_of)


def differences(current: list, fresh: list, recorded: list[str] | None = None) -> list[str]:
    """In plain words, what people changed in a generated region (``current``, their comments
    left out) against vlr's version of it (``fresh``): up to three lines vlr's does not hold,
    else what is gone. With the hashes of the blocks vlr wrote (``recorded``), only the blocks
    no hash matches are looked at: a line the data changed elsewhere is no one's edit."""
    xmls = xml_of(current)
    written = set(recorded or ())
    changed = [x for x in xmls if R.block_hash(x) not in written] if recorded else xmls
    now = R.region_text("".join(changed)).split("\n")
    vlrs = R.region_text("".join(xml_of(fresh)))
    theirs = set(vlrs.split("\n"))
    lines = [_shown(line) for line in now if line and line not in theirs and not line.startswith("<")]
    said = [
        _("now reads \u201c{text}\u201d").format(text=line[:80] + ("\u2026" if len(line) > 80 else ""))
        for line in lines
        if line
    ][:3]
    pictures = vlrs.count("[picture]") - R.region_text("".join(xmls)).count("[picture]")
    if pictures > 0:
        said.append(
            n_(
                "{n} of vlr's charts or pictures in it is gone",
                "{n} of vlr's charts or pictures in it are gone",
                pictures,
            ).format(n=pictures)
        )
    if not said and recorded:
        kept = {R.block_hash(x) for x in xmls}
        gone = sum(1 for h in recorded if h not in kept)
        if gone:
            said.append(
                n_(
                    "{n} of vlr's paragraphs or tables in it was deleted",
                    "{n} of vlr's paragraphs or tables in it were deleted",
                    gone,
                ).format(n=gone)
            )
    return said or [_("its lines were moved, or their spacing changed")]


def _shown(line: str) -> str:
    """A line of :func:`regions.region_text` as a person reads it: vlr's note in the margin
    is no text, a tracked change is said in words."""
    line = line.replace("[comment]", "").replace("[picture]", "(a picture)")
    return line.replace("[ins]", "(tracked insertion) ").replace("[del]", "(tracked deletion) ").strip()


def remove_marks(region: R.Region) -> None:
    for mark in region.marks:
        parent = mark.getparent()
        if parent is not None:
            parent.remove(mark)


def section_breaks(blocks: list) -> list:
    """The section properties held by paragraphs of ``blocks`` (a section break: LibreOffice
    puts one in the last paragraph of the section before it)."""
    return [
        p.find(w("pPr")).find(w("sectPr"))
        for p in blocks
        if p.tag == w("p") and p.find(w("pPr")) is not None and p.find(w("pPr")).find(w("sectPr")) is not None
    ]


def _trailing_page_breaks(block) -> list:
    """The runs at the end of paragraph ``block`` that hold only a page break."""
    if block.tag != w("p"):
        return []
    runs = []
    for child in reversed(block):
        if child.tag == w("r"):
            content = [c for c in child if c.tag != w("rPr")]
            if content and all(c.tag == w("br") and c.get(w("type")) == "page" for c in content):
                runs.insert(0, child)
                continue
            break
        if child.tag in (w("bookmarkEnd"), w("bookmarkStart"), w("commentRangeEnd")):
            continue
        break
    return runs


def _next_block(block):
    """The paragraph or table after ``block`` (bookmarks in between skipped), or None."""
    following = block.getnext()
    while following is not None and following.tag not in (w("p"), w("tbl")):
        following = following.getnext()
    return following


def _starts_a_page(block) -> bool:
    """Whether ``block`` starts a page of its own (its "page break before"): then a page break
    kept from blocks before it would leave an empty page."""
    ppr = block.find(w("pPr")) if block is not None and block.tag == w("p") else None
    mark = ppr.find(w("pageBreakBefore")) if ppr is not None else None
    return mark is not None and mark.get(w("val"), "true") not in ("0", "false")


def _holders(breaks: list) -> list:
    """A paragraph for each section break, holding it."""
    holders = []
    for sect in breaks:
        p = etree.Element(w("p"))
        etree.SubElement(p, w("pPr")).append(sect)
        holders.append(p)
    return holders


def remove(blocks: list) -> None:
    """Take ``blocks`` out of the body, leaving their section breaks where they were."""
    replace(blocks, [])


def replace(blocks: list, new: list) -> None:
    """``new`` in the place of ``blocks``. A section break among the old blocks stays:
    at the end of the last new paragraph, or in a paragraph of its own."""
    anchor = blocks[0]
    breaks = section_breaks(blocks)
    for sect in breaks:
        sect.getparent().remove(sect)
    last = new[-1] if new else None
    # LibreOffice saves "page break before" of the next paragraph as a page break at the
    # end of this one: it belongs to what follows, so it stays
    page_breaks = _trailing_page_breaks(blocks[-1]) if not _starts_a_page(_next_block(blocks[-1])) else []
    if page_breaks and last is not None and last.tag == w("p") and not _trailing_page_breaks(last):
        for run in page_breaks:
            last.append(copy.deepcopy(run))
    elif page_breaks:
        holder = etree.Element(w("p"))
        for run in page_breaks:
            holder.append(copy.deepcopy(run))
        new = [*new, holder]
    if len(breaks) == 1 and last is not None and last.tag == w("p"):
        ppr = last.find(w("pPr"))
        if ppr is None:
            ppr = etree.Element(w("pPr"))
            last.insert(0, ppr)
        if ppr.find(w("sectPr")) is None:
            ppr.append(breaks.pop())
    before, after = _others_marks(blocks)
    for b in [*before, *new, *_holders(breaks), *after]:
        anchor.addprevious(b)
    for b in blocks:  # emptied first: lxml removes an empty element quickly, a large one slowly
        b.clear()
        b.getparent().remove(b)


def _shows_before(block, mark) -> bool:
    for el in block.iter():
        if el is mark:
            return False
        if el.tag in R._CONTENT:
            return True
    return False


def _others_marks(blocks: list) -> tuple[list, list]:
    """The bookmarks in ``blocks`` that are not theirs (the region's own are removed first):
    another region's end Word wrote at the start of a paragraph, a chapter's start, a
    bookmark of the people's. Taken out, to stand in the body before the blocks that
    replace them (where the bookmark ends or starts at them) or after (where it starts
    or ends further in), so that no bookmark loses an end."""
    marks = [(i, m) for i, b in enumerate(blocks) for m in b.iter(w("bookmarkStart"), w("bookmarkEnd"))]
    if not marks:
        return [], []
    starts = {m.get(w("id")) for _, m in marks if m.tag == w("bookmarkStart")}
    ends = {m.get(w("id")) for _, m in marks if m.tag == w("bookmarkEnd")}
    before, after = [], []
    for i, m in marks:
        if m.get(w("id")) in starts & ends:  # all of it inside: kept, empty, where the blocks begin
            goes = before
        elif m.tag == w("bookmarkStart"):
            goes = before if i == 0 else after
        else:  # an end: after the blocks when it closed the last one (vlr's form), else before
            goes = after if i == len(blocks) - 1 and _shows_before(blocks[i], m) else before
        m.getparent().remove(m)
        goes.append(m)
    return before, after


def insert_after(block, new: list) -> None:
    for b in reversed(new):
        block.addnext(b)
