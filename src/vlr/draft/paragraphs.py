"""Paragraphs, runs and comments made straight in lxml: the elements python-docx's API
makes, in a tenth of its time.

python-docx's ``add_paragraph``, ``add_run``, ``run.text``, ``run.bold`` and
``paragraph_format`` find the place of each new child by looking for every tag the schema
puts after it, a descriptor call each, and read text a character at a time: a third of a
draft's layout. These make the same elements, so the draft's bytes do not change.
"""

from __future__ import annotations

import functools
import re

from vlr.draft.docx_xml import W_NS

#: The namespace as lxml spells a tag in it: ``W + "p"``.
W = f"{{{W_NS}}}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_RUN_BREAKS = re.compile(r"([\t\r\n])")
#: The children of a ``w:pPr`` in the schema's order, as python-docx (``CT_PPr``) has them.
PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
)  # fmt: skip


def new_paragraph(style=None):
    """A new ``w:p`` in ``style`` (a python-docx style, or None), as python-docx's
    ``add_paragraph`` and style setter make it; python-docx finds the place of each child
    by searching the tags that may follow it."""
    from docx.oxml import OxmlElement
    from lxml import etree

    p = OxmlElement("w:p")
    if style is not None:
        ppr = etree.SubElement(p, W + "pPr")
        if style.style_id is not None:
            etree.SubElement(ppr, W + "pStyle").set(W + "val", style.style_id)
    return p


def add_run(paragraph, text: str = "", properties: list[tuple[str, str | None]] | None = None):
    """A new ``w:r`` of ``text`` at the end of ``paragraph`` (a ``w:p`` or a python-docx
    paragraph), as python-docx's ``add_run`` makes it, which reads the text a character
    at a time: a tab is a ``w:tab``, a line break a ``w:br``, a piece with white space at
    an end keeps it (``xml:space``). ``properties`` are the run's (tag, value) in the
    schema's order; ``[]`` is the empty ``w:rPr`` python-docx leaves after ``run.bold =
    None``, None no ``w:rPr`` at all."""
    from lxml import etree

    run = etree.SubElement(getattr(paragraph, "_p", paragraph), W + "r")
    if properties is not None:
        rpr = etree.SubElement(run, W + "rPr")
        for tag, value in properties:
            prop = etree.SubElement(rpr, W + tag)
            if value is not None:
                prop.set(W + "val", value)
    for piece in _RUN_BREAKS.split(text) if text else ():
        if piece == "\t":
            etree.SubElement(run, W + "tab")
        elif piece in ("\r", "\n"):
            etree.SubElement(run, W + "br")
        elif piece:
            t = etree.SubElement(run, W + "t")
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(_XML_SPACE, "preserve")
    return run


def keep_with_next(paragraph) -> None:
    """Keep ``paragraph`` on the page of the next one (``w:keepNext``), as python-docx's
    ``keep_with_next = True`` does: before the child whose tag comes first among those the
    schema puts after it, which python-docx looks for a tag at a time."""
    ppr = _properties(paragraph._p)
    keep = ppr.find(W + "keepNext")
    if keep is not None:
        keep.attrib.pop(W + "val", None)  # true, the attribute's default
        return
    keep = ppr.makeelement(W + "keepNext")
    rank, successor = _after_keep_next(), None
    for child in ppr:
        if child.tag in rank and (successor is None or rank[child.tag] < rank[successor.tag]):
            successor = child
    if successor is not None:
        successor.addprevious(keep)
    else:
        ppr.append(keep)


def _properties(p):
    """The paragraph's ``w:pPr``, made first where it has none."""
    ppr = p.find(W + "pPr")
    if ppr is None:
        ppr = p.makeelement(W + "pPr")
        p.insert(0, ppr)
    return ppr


def space_before(paragraph, points: float) -> None:
    """Room above ``paragraph`` (``w:spacing w:before``, in twentieths of a point), its place
    among the paragraph's properties the schema's."""
    ppr = _properties(paragraph._p)
    spacing = ppr.find(W + "spacing")
    if spacing is None:
        spacing = ppr.makeelement(W + "spacing")
        rank = {W + tag: i for i, tag in enumerate(PPR_ORDER)}
        later = [c for c in ppr if rank.get(c.tag, -1) > rank[W + "spacing"]]
        (later[0].addprevious(spacing) if later else ppr.append(spacing))
    spacing.set(W + "before", str(round(points * 20)))


@functools.lru_cache(maxsize=1)
def _after_keep_next() -> dict[str, int]:
    """The tags a ``w:pPr`` holds after ``w:keepNext``, by their place in the schema."""
    after = PPR_ORDER[PPR_ORDER.index("keepNext") + 1 :]
    return {W + tag: i for i, tag in enumerate(after)}


def add_comment(document, paragraph, text: str, author: str, initials: str, date: str) -> None:
    """A comment on the runs of ``paragraph`` (a ``w:p`` holding one at least), as
    python-docx's ``document.add_comment(Paragraph(...).runs, …)`` makes it, dated ``date``
    (``2026-11-28T00:00:00Z``) instead of now: the comment, the range around the runs and
    the reference after them, without python-docx's template parsed for each comment and
    its wrapper objects (0.5 ms a comment)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    try:
        part = document.part.part_related_by(RT.COMMENTS)
    except KeyError:  # python-docx makes the comments part when first asked for it
        document.comments  # noqa: B018
        part = document.part.part_related_by(RT.COMMENTS)
    comments = part.element
    number = str(_next_comment_id(comments))
    comment = etree.SubElement(comments, W + "comment")
    for name, value in (("id", number), ("author", author), ("initials", initials), ("date", date)):
        comment.set(W + name, value)
    first, *more = text.split("\n")
    p = etree.SubElement(comment, W + "p")
    etree.SubElement(etree.SubElement(p, W + "pPr"), W + "pStyle").set(W + "val", "CommentText")
    mark = etree.SubElement(p, W + "r")
    etree.SubElement(etree.SubElement(mark, W + "rPr"), W + "rStyle").set(W + "val", "CommentReference")
    etree.SubElement(mark, W + "annotationRef")
    add_run(p, first)
    for line in more:
        add_run(etree.SubElement(comment, W + "p"), line)
    runs = paragraph.findall(W + "r")
    runs[0].insert_comment_range_start_above(int(number))
    runs[-1].insert_comment_range_end_and_reference_below(int(number))


def _next_comment_id(comments) -> int:
    """The id python-docx gives a new comment: one more than the highest, else the first free."""
    used = [int(c.get(W + "id")) for c in comments.iterchildren(W + "comment") if c.get(W + "id") is not None]
    following = max(used, default=-1) + 1
    if following <= 2**31 - 1:
        return following
    return next((n for n, m in enumerate(sorted(used)) if n != m), len(used))
