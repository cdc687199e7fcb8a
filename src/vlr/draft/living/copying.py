"""Copying blocks from one draft's package into another's (:class:`Copier`): bookmarks,
drawings and comments numbered after the target's own, pictures added to its package
once each; and, after the copying, the pictures and vlr's notes nothing uses any more
dropped."""

from __future__ import annotations

import copy
import functools
import hashlib
import html
import re
from xml.sax.saxutils import escape

from lxml import etree

from vlr.draft import regions as R
from vlr.draft.living.comments import forget
from vlr.draft.living.package import PKG_REL, REL, Package, w

IMAGE_REL = REL + "/image"
WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
PIC_CNVPR = "{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr"
A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
V_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
_START, _END = w("bookmarkStart"), w("bookmarkEnd")
_BOOKMARKS = (_START, _END)
_DRAWINGS = (WP_DOCPR, PIC_CNVPR)
_STYLES = (w("pStyle"), w("rStyle"), w("tblStyle"))
_COMMENTS = (w("commentRangeStart"), w("commentRangeEnd"), w("commentReference"))
#: What a copy renumbers or renames: its bookmarks, drawings, styles and comments.
_RENUMBERED = (*_BOOKMARKS, *_DRAWINGS, *_STYLES, *_COMMENTS)


class Copier:
    """Copies blocks of ``fresh`` into ``old`` (which the copies are made fit for) and tidies ``old`` up after.
    ``fresh`` may be given later (set the attribute): an update reads the old package while
    the fresh one is being built."""

    def __init__(self, old: Package, fresh: Package | None):
        self.old, self.fresh = old, fresh
        numbered = old.gather((_START, _END, w("commentReference")), _DRAWINGS)  # one walk
        self.next_bookmark = 1 + max(
            (int(b.get(w("id"))) for b in numbered[_START] + numbered[_END] if (b.get(w("id")) or "").isdigit()),
            default=0,
        )
        drawing_ids = [int(v) for e in numbered[WP_DOCPR] + numbered[PIC_CNVPR] if (v := e.get("id", "")).isdigit()]
        drawing_ids += [  # pictures of the headers and footers: drawing ids are unique across parts
            int(m)
            for name, data in old.parts.items()
            if name.startswith(("word/header", "word/footer")) and isinstance(data, bytes)
            for m in re.findall(rb'<wp:docPr [^>]*?\bid="(\d+)"', data)
        ]
        self.next_drawing = 1 + max(drawing_ids, default=0)
        self.comment_ids: dict[str, str] = {}
        ids = [
            int(c.get(w("id")))
            for c in (old.comments if old.comments is not None else [])
            if (c.get(w("id")) or "").isdigit()
        ]
        ids += [int(e.get(w("id"))) for e in numbered[w("commentReference")] if (e.get(w("id")) or "").isdigit()]
        self.next_comment = 1 + max(ids, default=-1)
        self.old_rels = old.rel_targets()
        self.missing_styles: dict = {}
        self.image_ids: dict[str, str] = {}  # sha of picture → rId in the old package
        for rid, (kind, part) in self.old_rels.items():
            if kind == IMAGE_REL and part in old.parts:
                self.image_ids.setdefault(hashlib.sha1(old.parts[part]).hexdigest(), rid)

    def copy_blocks(self, blocks: list) -> list:
        """Copies of fresh blocks made fit for the old document (:meth:`fit`)."""
        return self.fit([copy.deepcopy(b) for b in blocks])

    def fit(self, copies: list, linkless=frozenset()) -> list:
        """Fresh blocks (copies, or parsed anew) made fit for the old document: bookmarks and
        drawings numbered after the old ones, pictures added to the old package. ``linkless``:
        blocks known to hold no link to another part (their text was read), not searched.
        Tables kept as text (:meth:`Package.keep_as_text`) hold only styles to rename."""
        kept = {c for c in copies if self.old.kept_text(c) is not None}
        # one walk: the copies may be large; a table kept as text in its place
        found = [e for c in copies for e in ((c,) if c in kept else c.iter(*_RENUMBERED))]
        # the end of a region that began before these blocks (a chapter ending with its last
        # part) belongs to the old document's own mark, kept where it is: a copy would be an
        # end without a start
        started = {e.get(w("id")) for e in found if e.tag == _START}
        ids: dict[str, str] = {}
        for element in found:
            tag = element.tag
            if element in kept:
                self._style_text(element)
            elif tag in _BOOKMARKS:
                old_id = element.get(w("id"))
                if tag == _END and old_id not in started:
                    element.getparent().remove(element)
                    continue
                if old_id not in ids:
                    ids[old_id] = str(self.next_bookmark)
                    self.next_bookmark += 1
                element.set(w("id"), ids[old_id])
            elif tag in _DRAWINGS:
                element.set("id", str(self.next_drawing))
                self.next_drawing += 1
            elif tag in _STYLES:
                self._style(element)
            else:
                element.set(w("id"), self._comment(element.get(w("id"))))
        for element in _linking([c for c in copies if c not in linkless and c not in kept]):
            for attribute in _LINKS:
                rid = element.get(attribute)
                if rid:
                    element.set(attribute, self._picture(rid))
        return copies

    def _comment(self, fresh_id: str) -> str:
        """The comment ``fresh_id`` of the fresh draft, copied into the old one: its new id."""
        if fresh_id in self.comment_ids:
            return self.comment_ids[fresh_id]
        if self.fresh.comments is None:
            return fresh_id
        if self.old.comments is None:
            self.old.add_comments_part(self.fresh)
        source = next((c for c in self.fresh.comments if c.get(w("id")) == fresh_id), None)
        if source is not None and source.get(w("author")) == R.NOTE_AUTHOR:
            kept = self._old_notes.get("".join(source.itertext()))
            if kept is not None:  # vlr's note on the part as it was: people's replies to it stay its replies
                self.comment_ids[fresh_id] = kept
                return kept
        new_id = str(self.next_comment)
        self.next_comment += 1
        if source is not None:
            comment = copy.deepcopy(source)
            comment.set(w("id"), new_id)
            self.old.comments.append(comment)
        self.comment_ids[fresh_id] = new_id
        return new_id

    @functools.cached_property
    def _old_notes(self) -> dict[str, str]:
        """vlr's margin notes in the old draft: text → id (a note names its part, so it is
        the same note in a fresh build)."""
        if self.old.comments is None:
            return {}
        notes: dict[str, str] = {}
        for c in self.old.comments:
            if c.get(w("author")) == R.NOTE_AUTHOR:
                notes.setdefault("".join(c.itertext()), c.get(w("id")))
        return notes

    @functools.cached_property
    def fresh_rels(self) -> dict[str, tuple[str, str]]:
        return self.fresh.rel_targets()

    @functools.cached_property
    def styles(self) -> dict[str, str]:
        """The fresh styles' IDs in the old document (:func:`style_map`), worked out when a block
        is first copied."""
        return style_map(self.fresh, self.old)

    @functools.cached_property
    def fresh_styles(self) -> dict:
        return {s.get(w("styleId")): s for s in _styles(self.fresh)}

    def _style(self, element) -> None:
        """A copied block's style, as the old document names it (:meth:`_restyled`)."""
        mapped = self._restyled(element.get(w("val")))
        if mapped is not None:
            element.set(w("val"), mapped)

    def _restyled(self, fresh_id: str | None) -> str | None:
        """The old document's ID of the fresh style ``fresh_id``: a Finnish Word saves Heading 2
        as ``Otsikko2``; None for a style the old document lacks, which is brought along."""
        mapped = self.styles.get(fresh_id)
        if mapped is None and fresh_id and fresh_id not in self.missing_styles:
            self.missing_styles[fresh_id] = self.fresh_styles.get(fresh_id)
        return mapped

    def _style_text(self, stand_in) -> None:
        """:meth:`_style` for each style the text of a table kept as text names, in order."""
        xml = self.old.kept_text(stand_in)
        pieces, at = [], 0
        for start, end in _style_values(xml):
            mapped = self._restyled(html.unescape(xml[start:end].decode()))
            if mapped is not None and _attribute(mapped) != xml[start:end]:
                pieces += [xml[at:start], _attribute(mapped)]
                at = end
        if pieces:
            self.old.keep_text(stand_in, b"".join([*pieces, xml[at:]]))

    def add_missing_styles(self) -> None:
        """The styles copied blocks use that the old document did not have, added to it."""
        found = [s for s in self.missing_styles.values() if s is not None]
        if not found or "word/styles.xml" not in self.old.parts:
            return
        root = etree.fromstring(self.old.parts["word/styles.xml"])
        have = {s.get(w("styleId")) for s in root.iter(w("style"))}
        for style in found:
            if style.get(w("styleId")) not in have:
                root.append(copy.deepcopy(style))
        self.old.parts["word/styles.xml"] = etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", standalone=True
        )

    def drop_orphan_notes(self, anchors: list | None = None) -> None:
        """vlr's notes in the margin whose region is gone or was refreshed. ``anchors``: the
        body's comment references and range starts, where they were gathered already."""
        if self.old.comments is None:
            return
        if anchors is None:
            anchors = self.old.body.iter(w("commentReference"), w("commentRangeStart"))
        used = {e.get(w("id")) for e in anchors}
        gone = [c for c in self.old.comments if c.get(w("author")) == R.NOTE_AUTHOR and c.get(w("id")) not in used]
        for comment in gone:
            self.old.comments.remove(comment)
        forget(self.old, gone)

    def _picture(self, fresh_rid: str) -> str:
        kind, part = self.fresh_rels[fresh_rid]
        blob = self.fresh.parts[part]
        key = hashlib.sha1(blob).hexdigest()
        if key in self.image_ids:
            return self.image_ids[key]
        ext = part.rsplit(".", 1)[-1].lower()
        n = 1
        while f"word/media/vlr{n}.{ext}" in self.old.parts or f"rIdVlr{n}" in self.old_rels:
            n += 1
        name, rid = f"word/media/vlr{n}.{ext}", f"rIdVlr{n}"
        self.old.parts[name] = blob
        self.old.names.append(name)
        rel = etree.SubElement(self.old.rels, f"{{{PKG_REL}}}Relationship")
        rel.set("Id", rid)
        rel.set("Type", kind)
        rel.set("Target", name[len("word/") :])
        self.old_rels[rid] = (kind, name)
        self.image_ids[key] = rid
        self._content_type(ext)
        return rid

    def _content_type(self, ext: str) -> None:
        types = self.old.parts["[Content_Types].xml"]
        if f'Extension="{ext}"'.encode() in types or f"Extension='{ext}'".encode() in types:
            return
        mime = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}.get(ext, f"image/{ext}")
        self.old.parts["[Content_Types].xml"] = types.replace(
            b"<Override", f'<Default Extension="{ext}" ContentType="{mime}"/><Override'.encode(), 1
        )

    def drop_unused_pictures(self, pictures: list | None = None) -> None:
        """Relationships to pictures no part of the document uses any more, and their parts.
        ``pictures``: the document's ``a:blip`` and ``v:imagedata``, where they were gathered already."""
        used = {
            v
            for e in (self.old.root.iter(A_BLIP, V_IMAGEDATA) if pictures is None else pictures)
            for v in (e.get(f"{{{REL}}}embed"), e.get(f"{{{REL}}}link"), e.get(f"{{{REL}}}id"))
            if v
        }
        for rel in list(self.old.rels):
            rid = rel.get("Id")
            if rel.get("Type") == IMAGE_REL and rid not in used:
                part = self.old_rels.get(rid, (None, None))[1]
                self.old.rels.remove(rel)
                others = [r for r in self.old.rels if self.old_rels.get(r.get("Id"), (None, None))[1] == part]
                if part and not others and part in self.old.parts:
                    del self.old.parts[part]
                    self.old.names.remove(part)


_LINKS = (f"{{{REL}}}embed", f"{{{REL}}}link", f"{{{REL}}}id")
#: The attributes that point to another part, in document order (a union of attribute paths is
#: several times quicker than a test of each element's attributes)
_LINK_ATTRIBUTES = etree.XPath(
    "descendant::*/@r:embed | descendant::*/@r:link | descendant::*/@r:id", namespaces={"r": REL}
)


def _linking(blocks: list) -> list:
    """The elements of ``blocks`` that point to another part (a picture), in document order."""
    found: dict = {}
    for block in blocks:
        for attribute in _LINK_ATTRIBUTES(block):
            found.setdefault(attribute.getparent(), None)
    return list(found)


_STYLE_VALUES = (b'<w:pStyle w:val="', b'<w:rStyle w:val="', b'<w:tblStyle w:val="')


def _style_values(xml: bytes) -> list[tuple[int, int]]:
    """Where the value of each style in ``xml`` (a table kept as text) stands, in order: found
    as plain bytes, several times quicker than a pattern over a large table."""
    found = []
    for opening in _STYLE_VALUES:
        at = xml.find(opening)
        while at != -1:
            start = at + len(opening)
            end = xml.index(b'"', start)
            found.append((start, end))
            at = xml.find(opening, end)
    return sorted(found)


def _attribute(value: str) -> bytes:
    """``value`` as lxml writes an attribute's value."""
    return escape(value, {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}).encode()


def _styles(package: Package):
    data = package.parts.get("word/styles.xml")
    return list(etree.fromstring(data).iter(w("style"))) if data else []


def style_map(fresh: Package, old: Package) -> dict[str, str]:
    """Each fresh style ID → the old document's ID of the same style: the same ID where the
    old document has it, else the style of the same type and name (Word keeps a built-in
    style's English name, ``heading 2``, whatever it calls its ID in the language it runs
    in), else none (the style is brought along)."""
    old_styles = _styles(old)
    ids = {s.get(w("styleId")) for s in old_styles}
    by_name = {}
    for s in old_styles:
        name = s.find(w("name"))
        if name is not None:
            by_name.setdefault((s.get(w("type")), (name.get(w("val")) or "").casefold()), s.get(w("styleId")))
    found = {}
    for s in _styles(fresh):
        sid, name = s.get(w("styleId")), s.find(w("name"))
        if sid in ids:
            found[sid] = sid
        elif name is not None:
            match = by_name.get((s.get(w("type")), (name.get(w("val")) or "").casefold()))
            if match:
                found[sid] = match
    return found
