"""People's comments on vlr's parts: never an edit, never lost.

Reviewers comment on figures; a comment (or a reply to vlr's margin note) on a generated
part is not a change to it, so a part is compared without people's comment anchors
(:func:`without_peoples_comments`). When the part is refreshed, each of their comments is
anchored again on the refreshed part (:func:`Anchors`): on the same paragraph where the part
still has it, else on its first; where the text it was on has changed, the comment says what
it was on. Replies and resolved states live in Word's own parts (``commentsExtended.xml``,
``commentsIds.xml``), keyed by the ``w14:paraId`` of each comment's last paragraph; they
stay as they are, and so does that key ([MS-DOCX] 2.5.2.1, 2.6.1.1: a reply's
``w15:paraIdParent`` names its parent's last paragraph).
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from vlr.draft import regions as R
from vlr.draft.living.package import Package, w
from vlr.formatting import _

_ANCHORS = (w("commentRangeStart"), w("commentRangeEnd"), w("commentReference"))


def peoples(package: Package) -> set[str]:
    """The ids of comments people wrote (not vlr's margin notes)."""
    if package.comments is None:
        return set()
    return {c.get(w("id")) for c in package.comments if c.get(w("author")) != R.NOTE_AUTHOR}


def without_peoples_comments(blocks: list, ids: set[str]) -> list:
    """Copies of ``blocks`` without the anchors of the comments ``ids`` (or ``blocks`` as
    they are where they hold none)."""
    if not ids or not any(a.get(w("id")) in ids for b in blocks for a in b.iter(*_ANCHORS)):
        return blocks
    copies = [copy.deepcopy(b) for b in blocks]
    for b in copies:
        _drop(b, ids)
    return copies


def _drop(block, ids: set[str]) -> None:
    for anchor in list(block.iter(*_ANCHORS)):
        if anchor.get(w("id")) not in ids:
            continue
        parent = anchor.getparent()
        if anchor.tag == w("commentReference") and parent.tag == w("r") and len(parent) <= 2:
            parent.getparent().remove(parent)  # the run holds only the reference (and its style)
        else:
            parent.remove(anchor)


W14_PARA_ID = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
W14_TEXT_ID = "{http://schemas.microsoft.com/office/word/2010/wordml}textId"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
COMMENTS_EXTENDED_REL = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"


def replies(package: Package) -> set[str]:
    """The ids of comments that answer another ([MS-DOCX] 2.6.1.1 ``w15:commentEx``, its
    ``w15:paraIdParent``): a reply is on what its parent is on, and says nothing of its own
    about it."""
    part = next((p for kind, p in package.rel_targets().values() if kind == COMMENTS_EXTENDED_REL), None)
    if package.comments is None or part not in package.parts:
        return set()
    answering = {
        e.get(f"{{{W15}}}paraId")
        for e in etree.fromstring(package.parts[part]).iter(f"{{{W15}}}commentEx")
        if e.get(f"{{{W15}}}paraIdParent")
    }
    found = set()
    for comment in package.comments:
        paragraphs = comment.findall(w("p"))
        if paragraphs and paragraphs[-1].get(W14_PARA_ID) in answering:
            found.add(comment.get(w("id")))
    return found


#: Word's parts about comments, keyed by their last paragraph's ``w14:paraId`` (or by the
#: durable id ``commentsIds.xml`` gives it): relationship type → (element, key attribute).
_THREAD_PARTS = {
    COMMENTS_EXTENDED_REL: (f"{{{W15}}}commentEx", f"{{{W15}}}paraId"),
    "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds": (
        "{http://schemas.microsoft.com/office/word/2016/wordml/cid}commentId",
        "{http://schemas.microsoft.com/office/word/2016/wordml/cid}paraId",
    ),
    "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible": (
        "{http://schemas.microsoft.com/office/word/2018/wordml/cex}commentExtensible",
        "{http://schemas.microsoft.com/office/word/2018/wordml/cex}durableId",
    ),
}
_DURABLE_ID = "{http://schemas.microsoft.com/office/word/2016/wordml/cid}durableId"


def forget(package: Package, comments: list) -> None:
    """The entries of Word's comment parts for ``comments`` (removed from the comments
    part) removed too: no reply, resolved state or id names a comment that is gone."""
    paras = {c.findall(w("p"))[-1].get(W14_PARA_ID) for c in comments if c.find(w("p")) is not None} - {None}
    if not paras:
        return
    targets = package.rel_targets()
    durable: set[str] = set()
    for kind, (tag, key) in _THREAD_PARTS.items():  # in this order: the ids part names the durable ids
        part = next((p for k, p in targets.values() if k == kind), None)
        if part not in package.parts:
            continue
        root = etree.fromstring(package.parts[part])
        gone = [e for e in root.iter(tag) if e.get(key) in paras or e.get(key) in durable]
        durable |= {e.get(_DURABLE_ID) for e in gone if e.get(_DURABLE_ID)}
        for e in gone:
            e.getparent().remove(e)
        if gone:
            package.parts[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(w("t")))


class Anchors:
    """People's comments anchored in a part, taken before it is replaced and anchored again
    on what replaces it."""

    def __init__(self, blocks: list, ids: set[str], answers: set[str] = frozenset()):
        self.found: list[tuple[str, int, str]] = []  # comment id, paragraph index, text it was on
        self.answers = answers  # replies: their parent says what the thread was on
        paragraphs = [p for b in blocks for p in ([b] if b.tag == w("p") else b.iter(w("p")))]
        for i, p in enumerate(paragraphs):
            for start in p.iter(w("commentRangeStart")):
                cid = start.get(w("id"))
                if cid in ids and cid not in {f[0] for f in self.found}:
                    self.found.append((cid, i, _text(p)))
        for b in blocks:
            _drop(b, {f[0] for f in self.found})

    def __bool__(self) -> bool:
        return bool(self.found)

    def place(self, blocks: list, package: Package) -> int:
        """Anchor the comments on ``blocks`` (the refreshed part); returns how many."""
        paragraphs = [p for b in blocks for p in ([b] if b.tag == w("p") else b.iter(w("p")))]
        if not paragraphs:
            return 0
        for cid, i, was in self.found:
            target = paragraphs[i] if i < len(paragraphs) else paragraphs[0]
            ppr = target.find(w("pPr"))
            start = etree.Element(w("commentRangeStart"))
            start.set(w("id"), cid)
            (ppr.addnext(start) if ppr is not None else target.insert(0, start))
            end = etree.SubElement(target, w("commentRangeEnd"))
            end.set(w("id"), cid)
            run = etree.SubElement(target, w("r"))
            etree.SubElement(etree.SubElement(run, w("rPr")), w("rStyle")).set(w("val"), "CommentReference")
            etree.SubElement(run, w("commentReference")).set(w("id"), cid)
            if was.strip() and _text(target).strip() != was.strip() and cid not in self.answers:
                _say_what_it_was_on(package, cid, was)
        return len(self.found)


def _say_what_it_was_on(package: Package, cid: str, was: str) -> None:
    """A last paragraph in comment ``cid`` quoting the text it was on. The paragraph takes
    the ``w14:paraId`` (and ``textId``) of the one that was last, which Word's replies,
    resolved states and ids are keyed by; that one gets a new id."""
    comment = next((c for c in package.comments if c.get(w("id")) == cid), None)
    if comment is None:
        return
    shown = was if len(was) <= 200 else was[:199] + "\u2026"
    last = comment.findall(w("p"))[-1] if comment.find(w("p")) is not None else None
    p = etree.SubElement(comment, w("p"))
    run = etree.SubElement(p, w("r"))
    t = etree.SubElement(run, w("t"))
    t.text = _("(vlr refreshed this part; the comment was on: \u201c{text}\u201d)").format(text=shown)
    if last is not None and last.get(W14_PARA_ID):
        for key in (W14_PARA_ID, W14_TEXT_ID):
            if last.get(key):
                p.set(key, last.get(key))
        last.set(W14_PARA_ID, _new_para_id(package))


def _new_para_id(package: Package) -> str:
    """A ``w14:paraId`` no paragraph of the package has (eight hex digits below 0x80000000)."""
    used = {
        m.decode().upper()
        for data in package.parts.values()
        if isinstance(data, bytes)
        for m in _PARA_IDS.findall(data)
    }
    used |= {p.get(W14_PARA_ID) for p in package.comments.iter(w("p")) if p.get(W14_PARA_ID)}
    n = 0x10000000
    while f"{n:08X}" in used:
        n += 1
    return f"{n:08X}"


_PARA_IDS = re.compile(rb'w14:paraId="([0-9A-Fa-f]{8})"')
