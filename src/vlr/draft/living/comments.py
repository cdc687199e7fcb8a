"""People's comments on vlr's parts: never an edit, never lost.

Reviewers comment on figures; a comment (or a reply to vlr's margin note) on a generated
part is not a change to it, so a part is compared without people's comment anchors
(:func:`without_peoples_comments`). When the part is refreshed, each of their comments is
anchored again on the refreshed part (:func:`Anchors`): on the same paragraph where the part
still has it, else on its first; where the text it was on has changed, the comment says what
it was on. Replies and resolved states live in the comments' own parts and stay as they are.
"""

from __future__ import annotations

import copy

from lxml import etree

from vlr.draft import regions as R
from vlr.draft.living.package import Package, w

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


def _text(el) -> str:
    return "".join(t.text or "" for t in el.iter(w("t")))


class Anchors:
    """People's comments anchored in a part, taken before it is replaced and anchored again
    on what replaces it."""

    def __init__(self, blocks: list, ids: set[str]):
        self.found: list[tuple[str, int, str]] = []  # comment id, paragraph index, text it was on
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
            if was.strip() and _text(target).strip() != was.strip():
                _say_what_it_was_on(package, cid, was)
        return len(self.found)


def _say_what_it_was_on(package: Package, cid: str, was: str) -> None:
    comment = next((c for c in package.comments if c.get(w("id")) == cid), None)
    if comment is None:
        return
    shown = was if len(was) <= 200 else was[:199] + "\u2026"
    p = etree.SubElement(comment, w("p"))
    run = etree.SubElement(p, w("r"))
    t = etree.SubElement(run, w("t"))
    t.text = f"(vlr refreshed this part; the comment was on: \u201c{shown}\u201d)"
