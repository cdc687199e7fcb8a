"""The living draft: refresh vlr's regions in a draft people have edited, in place in its
XML, and keep everything else exactly as they left it.

:func:`merge` takes the edited draft and a fresh build of the same review (both .docx
bytes) and decides region by region (:mod:`vlr.draft.regions`):

- a region holding what vlr wrote is replaced by the fresh one (left alone when the
  fresh one says the same);
- a *narrative* region someone rewrote is kept;
- a *generated* region someone edited stops the update
  (:class:`~vlr.exceptions.EditedRegions`, exit 1),
  unless ``discard_edits``;
- a region the data no longer needs (a goal that lost its actions) is removed when
  untouched, kept with a report line otherwise;
- a region the data now needs (a new goal chapter) is inserted after the region that
  precedes it in a fresh build, wherever the people moved that one;
- a region people deleted stays deleted (unless ``restore``).

Pictures of the fresh regions are copied into the draft's package; pictures no part of
the document uses any more are dropped. The table of contents is marked to be updated.
:func:`carry_over` starts a new cycle's draft from last cycle's: the people's texts go
into the matching places, each marked for checking.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx.oxml.ns import nsdecls
from lxml import etree

from vlr.draft import regions as R
from vlr.draft.docx_xml import remove_comments
from vlr.exceptions import DraftInUse, EditedRegions, NotADraft, UnreadableInput
from vlr.output import deterministic_zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
IMAGE_REL = REL + "/image"
WP_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
PIC_CNVPR = "{http://schemas.openxmlformats.org/drawingml/2006/picture}cNvPr"
A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
V_IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
COMMENTS_REL = REL + "/comments"
DOCUMENT = "word/document.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
ORIGIN_PROPERTY = "vlr:origin"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def lock_file(draft: Path) -> Path | None:
    """The lock file Word (``~$…``) or LibreOffice (``.~lock.….docx#``) keeps beside an open
    draft, if there is one."""
    name = draft.name
    candidates = [f".~lock.{name}#", f"~${name}", f"~${name[2:]}" if len(name) > 2 else None, f"~${name[1:]}"]
    for candidate in candidates:
        if candidate and (draft.parent / candidate).exists():
            return draft.parent / candidate
    return None


def check_draft(draft: Path, locked_ok: bool = False) -> bytes:
    """The bytes of the draft to update, after checking that it can be: there, not open
    (unless ``locked_ok``: it is only read), a .docx that vlr wrote."""
    lock = lock_file(draft)
    if lock is not None and not locked_ok:
        raise DraftInUse(
            f"{draft}: the draft is open ({lock.name} is there); close it in Word or LibreOffice and "
            "run the update again."
        )
    try:
        data = draft.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"{draft}: cannot be read ({exc.strerror or exc}).") from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            properties = R.read_properties(package)
            package.getinfo(DOCUMENT)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError):
        raise NotADraft(f"{draft}: not a Word document (.docx) that can be read.") from None
    if not R.recorded(properties):
        raise NotADraft(
            f"{draft}: not a draft vlr wrote (its document properties name no parts vlr generates); "
            "build a new draft with vlr build."
        )
    return data


def keep_previous(draft: Path) -> Path:
    """Copy ``draft`` to ``DRAFT.previous.docx`` (or ``DRAFT.previous-2.docx``, … where
    that is taken) before it is replaced: nothing is lost."""
    import shutil

    n = 1
    while True:
        backup = draft.with_name(f"{draft.stem}.previous{'' if n == 1 else f'-{n}'}{draft.suffix}")
        if not backup.exists():
            break
        n += 1
    try:
        shutil.copy2(draft, backup)
    except OSError as exc:
        from vlr.exceptions import OutputError

        raise OutputError(f"{backup}: cannot keep the previous draft there ({exc.strerror or exc}).") from None
    return backup


# --- the package -----------------------------------------------------------------------------


class Package:
    """A .docx opened for editing: its parts as bytes, the document and its relationships parsed."""

    def __init__(self, data: bytes):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.names = z.namelist()
            self.parts = {n: z.read(n) for n in self.names}
            self.properties = R.read_properties(z)
        self.rels = etree.fromstring(self.parts[DOCUMENT_RELS])
        self.comments_part = next((part for kind, part in self.rel_targets().values() if kind == COMMENTS_REL), None)
        self.comments = etree.fromstring(self.parts[self.comments_part]) if self.comments_part in self.parts else None

    @functools.cached_property
    def root(self):
        """The document, parsed when first needed (a fresh draft often is not)."""
        return etree.fromstring(self.parts[DOCUMENT])

    @property
    def body(self):
        return self.root.find(w("body"))

    def rel_targets(self) -> dict[str, tuple[str, str]]:
        """Relationship ID → (type, target part name)."""
        found = {}
        for rel in self.rels:
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            part = target.lstrip("/") if target.startswith("/") else "word/" + target
            found[rel.get("Id")] = (rel.get("Type"), posixpath.normpath(part))
        return found

    def add_comments_part(self, like: Package) -> None:
        """A comments part like ``like``'s, without comments (for a draft that has none)."""
        self.comments = etree.fromstring(like.parts[like.comments_part])
        for comment in list(self.comments):
            self.comments.remove(comment)
        self.comments_part = "word/comments.xml"
        self.names.append(self.comments_part)
        rel = etree.SubElement(self.rels, f"{{{PKG_REL}}}Relationship")
        rel.set("Id", "rIdVlrComments")
        rel.set("Type", COMMENTS_REL)
        rel.set("Target", "comments.xml")
        types = self.parts["[Content_Types].xml"]
        if b"/word/comments.xml" not in types:
            self.parts["[Content_Types].xml"] = types.replace(
                b"</Types>",
                b'<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-'
                b'officedocument.wordprocessingml.comments+xml"/></Types>',
            )

    def save(self, properties: dict[str, str]) -> bytes:
        if self.comments is not None:
            self.parts[self.comments_part] = etree.tostring(
                self.comments, xml_declaration=True, encoding="UTF-8", standalone=True
            )
        self.parts[DOCUMENT] = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
        self.parts[DOCUMENT_RELS] = etree.tostring(self.rels, xml_declaration=True, encoding="UTF-8", standalone=True)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            for name in self.names:
                if name in self.parts:
                    z.writestr(name, self.parts[name])
        seal = R.Seal(properties)
        return deterministic_zip(buffer.getvalue(), transform=seal.transform(), append=seal)


# --- merging ----------------------------------------------------------------------------------


@dataclass
class Merged:
    data: bytes
    #: What was done, a line each: "refreshed goal-11-facts", "kept goal-4-text (your text)", …
    report: list[str] = field(default_factory=list)


def _xml(blocks) -> list[str]:
    return [etree.tostring(b, encoding="unicode") for b in blocks]


def _hash(blocks) -> str:
    return R.text_hash(_xml(blocks))


def _content(blocks, package: Package) -> str:
    """What a region shows (:func:`regions.content_hash`), worked out from the document:
    for drafts whose records hold no such hash."""
    xml = "".join(_xml(blocks))
    targets = package.rel_targets()

    def picture_of(rid: str) -> str:
        blob = package.parts.get(targets.get(rid, (None, None))[1] or "")
        return hashlib.sha1(blob).hexdigest() if blob is not None else rid

    return R.content_hash(xml, R.text_hash([xml]), picture_of)


def _differences(current: list, fresh: list) -> list[str]:
    """Up to three lines of a region as it now reads that vlr's version does not hold."""
    now = R.region_text("".join(_xml(current))).split("\n")
    theirs = set(R.region_text("".join(_xml(fresh))).split("\n"))
    lines = [line for line in now if line not in theirs and not line.startswith("<")]
    return [f"now reads \u201c{line[:80]}{'…' if len(line) > 80 else ''}\u201d" for line in lines[:3]]


class _Merger:
    def __init__(self, old: Package, fresh: Package):
        self.old, self.fresh = old, fresh
        self.next_bookmark = 1 + max(
            (
                int(b.get(w("id")))
                for b in old.body.iter(w("bookmarkStart"), w("bookmarkEnd"))
                if (b.get(w("id")) or "").isdigit()
            ),
            default=0,
        )
        drawing_ids = [int(v) for e in old.root.iter(WP_DOCPR, PIC_CNVPR) if (v := e.get("id", "")).isdigit()]
        self.next_drawing = 1 + max(drawing_ids, default=0)
        self.comment_ids: dict[str, str] = {}
        ids = [
            int(c.get(w("id")))
            for c in (old.comments if old.comments is not None else [])
            if (c.get(w("id")) or "").isdigit()
        ]
        ids += [int(e.get(w("id"))) for e in old.body.iter(w("commentReference")) if (e.get(w("id")) or "").isdigit()]
        self.next_comment = 1 + max(ids, default=-1)
        self.fresh_rels = fresh.rel_targets()
        self.old_rels = old.rel_targets()
        self.image_ids: dict[str, str] = {}  # sha of picture → rId in the old package
        for rid, (kind, part) in self.old_rels.items():
            if kind == IMAGE_REL and part in old.parts:
                self.image_ids.setdefault(hashlib.sha1(old.parts[part]).hexdigest(), rid)

    def copy_blocks(self, blocks: list) -> list:
        """Fresh blocks made fit for the old document: bookmarks and drawings numbered
        after the old ones, pictures added to the old package."""
        copies = [copy.deepcopy(b) for b in blocks]
        ids: dict[str, str] = {}
        for c in copies:
            for mark in c.iter(w("bookmarkStart"), w("bookmarkEnd")):
                old_id = mark.get(w("id"))
                if old_id not in ids:
                    ids[old_id] = str(self.next_bookmark)
                    self.next_bookmark += 1
                mark.set(w("id"), ids[old_id])
            for element in c.iter(WP_DOCPR, PIC_CNVPR):
                element.set("id", str(self.next_drawing))
                self.next_drawing += 1
            for element in c.iter(w("commentRangeStart"), w("commentRangeEnd"), w("commentReference")):
                element.set(w("id"), self._comment(element.get(w("id"))))
            for element in c.xpath(".//*[@r:embed or @r:link or @r:id]", namespaces={"r": REL}):
                for attribute in (f"{{{REL}}}embed", f"{{{REL}}}link", f"{{{REL}}}id"):
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
        new_id = str(self.next_comment)
        self.next_comment += 1
        if source is not None:
            comment = copy.deepcopy(source)
            comment.set(w("id"), new_id)
            self.old.comments.append(comment)
        self.comment_ids[fresh_id] = new_id
        return new_id

    def drop_orphan_notes(self) -> None:
        """vlr's notes in the margin whose region is gone or was refreshed."""
        if self.old.comments is None:
            return
        used = {e.get(w("id")) for e in self.old.body.iter(w("commentReference"), w("commentRangeStart"))}
        for comment in list(self.old.comments):
            if comment.get(w("author")) == R.NOTE_AUTHOR and comment.get(w("id")) not in used:
                self.old.comments.remove(comment)

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

    def drop_unused_pictures(self) -> None:
        """Relationships to pictures no part of the document uses any more, and their parts."""
        used = {
            v
            for e in self.old.root.iter(A_BLIP, V_IMAGEDATA)
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


def _remove_marks(region: R.Region) -> None:
    for mark in region.marks:
        parent = mark.getparent()
        if parent is not None:
            parent.remove(mark)


def _section_breaks(blocks: list) -> list:
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


def _holders(breaks: list) -> list:
    """A paragraph for each section break, holding it."""
    holders = []
    for sect in breaks:
        p = etree.Element(w("p"))
        etree.SubElement(p, w("pPr")).append(sect)
        holders.append(p)
    return holders


def _remove(blocks: list) -> None:
    """Take ``blocks`` out of the body, leaving their section breaks where they were."""
    _replace(blocks, [])


def _replace(blocks: list, new: list) -> None:
    """``new`` in the place of ``blocks``. A section break among the old blocks stays:
    at the end of the last new paragraph, or in a paragraph of its own."""
    anchor = blocks[0]
    breaks = _section_breaks(blocks)
    for sect in breaks:
        sect.getparent().remove(sect)
    last = new[-1] if new else None
    # LibreOffice saves "page break before" of the next paragraph as a page break at the
    # end of this one: it belongs to what follows, so it stays
    page_breaks = _trailing_page_breaks(blocks[-1])
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
    for b in [*new, *_holders(breaks)]:
        anchor.addprevious(b)
    for b in blocks:  # emptied first: lxml removes an empty element quickly, a large one slowly
        b.clear()
        b.getparent().remove(b)


def _insert_after(block, new: list) -> None:
    for b in reversed(new):
        block.addnext(b)


def region_hashes(data: bytes) -> dict[str, str]:
    """The hash of the text of each region of the draft ``data``, as :func:`merge`
    works it out (worked out ahead, while the fresh draft is being built)."""
    package = Package(data)
    return {name: _hash(region.blocks) for name, region in R.find(package.body).items()}


def merge(
    old_data: bytes,
    fresh_data: bytes,
    *,
    discard_edits: bool = False,
    restore: bool = False,
    path: Path = Path("draft.docx"),
    hashes: dict[str, str] | None = None,
) -> Merged:
    """The edited draft ``old_data`` with vlr's regions refreshed from ``fresh_data``.
    ``hashes``: :func:`region_hashes` of ``old_data``, if they were worked out already."""
    old, fresh = Package(old_data), Package(fresh_data)
    recorded = R.recorded(old.properties)
    wanted = R.recorded(fresh.properties)
    found = R.find(old.body)
    merger = _Merger(old, fresh)
    report: list[str] = []
    #: what the merged draft records of each region: the fresh hash, or the one vlr wrote before
    record: dict[str, tuple[str, str]] = {}
    current: dict[str, str] = dict(hashes or {})  # the hash of each region's text, once, when it is needed

    def edited(name: str) -> bool:
        if name not in current:
            current[name] = _hash(found[name].blocks)
        return name not in recorded or current[name] != R.text_part(recorded[name][1])

    def needs_fresh(name: str) -> bool:
        """Whether the fresh region's blocks are needed: to insert, replace or report it."""
        kind, digest = wanted[name]
        if kind == R.CHAPTER:
            return False
        if name not in found:
            return name not in recorded or restore
        if edited(name):
            return kind == R.GENERATED  # a conflict to report, or edits to discard
        mine, theirs = R.content_part(recorded[name][1]), R.content_part(digest)
        return not (mine and mine == theirs)

    # the regions in document order, a chapter before its parts: the fresh draft's order, or,
    # where nothing of it is needed (often so), the draft's own, without parsing the fresh one
    source = fresh if any(needs_fresh(n) for n in wanted) else old
    new = R.find(source.body) if source is fresh else {}
    position = {id(c): i for i, c in enumerate(source.body)}
    span = {
        name: (position[id(r.blocks[0])], position[id(r.blocks[-1])])
        for name, r in (new if source is fresh else found).items()
        if r.blocks and name in wanted
    }
    order = [*sorted(span, key=lambda n: (span[n][0], -span[n][1])), *sorted(set(wanted) - set(span))]
    chapter_of = {
        leaf: chapter
        for chapter in order
        if wanted[chapter][0] == R.CHAPTER
        for leaf in order
        if leaf != chapter and leaf.startswith(chapter + "-")
    }

    def same_content(name: str) -> bool:
        """Whether the fresh region shows what the (unedited) draft's one shows."""
        mine, theirs = R.content_part(recorded[name][1]), R.content_part(wanted[name][1])
        if mine and theirs:
            return mine == theirs
        return _content(found[name].blocks, old) == _content(new[name].blocks, fresh)

    # 1. what people edited in vlr's generated parts stops the update
    conflicts = [
        (name, _differences(found[name].blocks, new[name].blocks))
        for name in order
        if wanted[name][0] == R.GENERATED and name in found and edited(name)
    ]
    if conflicts and not discard_edits:
        raise EditedRegions(conflicts, path)

    # 2. parts in both: refreshed, kept, or left as they are
    replaced = False
    for name in order:
        kind, fresh_hash = wanted[name]
        if kind == R.CHAPTER or name not in found:
            continue
        if kind == R.NARRATIVE and edited(name):
            report.append(f"kept {name}: your text")
            record[name] = recorded.get(name, (kind, ""))
        elif not edited(name) and same_content(name):
            record[name] = (kind, fresh_hash)
        else:
            discarded = kind == R.GENERATED and edited(name)
            _remove_marks(found[name])
            _replace(found[name].blocks, merger.copy_blocks(new[name].blocks))
            replaced = True
            report.append(f"refreshed {name}" + (": your edits were discarded" if discarded else ""))
            record[name] = (kind, fresh_hash)

    # 3. parts the data now needs: inserted after the part before them in a fresh build,
    #    wherever that one is now; parts the people deleted stay deleted
    present = R.find(old.body) if replaced else found
    handled: set[str] = set()
    for name in order:
        if name in found or name in handled or chapter_of.get(name) in handled:
            continue
        parts = [name, *(leaf for leaf, chapter in chapter_of.items() if chapter == name)]
        handled.update(parts)
        if name in recorded and not restore:
            report.append(
                f"not put back {name}: its bookmark {R.bookmark_name(name)} is not in the draft (the part "
                "was deleted, or its first or last paragraph with it); --restore-deleted puts it back"
            )
            record.update({n: recorded[n] for n in parts if n in recorded})
            continue
        a, b = span[name]
        before = [n for n in present if n in span and span[n][1] < a]
        copies = merger.copy_blocks(new[name].blocks)
        if before:
            anchor = max(before, key=lambda n: (span[n][1], span[n][0]))
            _insert_after(present[anchor].blocks[-1], copies)
        else:
            after = [n for n in present if n in span and span[n][0] > b]
            target = present[min(after, key=lambda n: span[n][0])].blocks[0] if after else old.body.find(w("sectPr"))
            for block in copies:
                target.addprevious(block) if target is not None else old.body.append(block)
        report.append(f"inserted {name}")
        record.update({n: wanted[n] for n in parts})
        present = R.find(old.body)

    # 4. parts the data no longer needs: removed when untouched, kept with a note otherwise
    removed = False
    for name in sorted(recorded):
        kind, digest = recorded[name]
        if name in wanted or name not in present:
            continue  # still needed, or already gone
        chapter = next((c for c in recorded if recorded[c][0] == R.CHAPTER and name.startswith(c + "-")), None)
        if chapter is not None and chapter not in wanted:
            continue  # goes with its chapter
        if kind == R.CHAPTER:
            parts = [n for n in present if n.startswith(name + "-")]
            own = {id(b) for n in parts for b in present[n].blocks}
            untouched = all(n in recorded and _hash(present[n].blocks) == R.text_part(recorded[n][1]) for n in parts)
            theirs = [b for b in present[name].blocks if id(b) not in own]
        else:
            parts, untouched, theirs = [name], _hash(present[name].blocks) == R.text_part(digest), []
        if untouched and not theirs:
            _remove(present[name].blocks)
            removed = True
            report.append(f"removed {name}: the data no longer needs it")
        else:
            report.append(f"kept {name}: the data no longer needs it, but it holds your edits; delete it if you wish")
            record.update({n: recorded[n] for n in [name, *parts] if n in recorded})

    # 5. each chapter spans its parts again (the people's paragraphs between them with them)
    if removed:
        present = R.find(old.body)
    children = list(old.body)
    index = {id(c): i for i, c in enumerate(children)}
    for name in order:
        if wanted[name][0] != R.CHAPTER or name not in present:
            continue
        parts = [n for n, c in chapter_of.items() if c == name and n in present]
        if not parts:
            continue
        first = min(index[id(present[n].blocks[0])] for n in parts)
        last = max(index[id(present[n].blocks[-1])] for n in parts)
        blocks = [c for c in children[first : last + 1] if c.tag in R.BLOCK_TAGS]
        if [id(b) for b in present[name].blocks] != [id(b) for b in blocks]:  # its parts changed: mark it anew
            _remove_marks(present[name])
            R.mark(blocks, name, merger.next_bookmark)
            merger.next_bookmark += 1
        record[name] = wanted[name]

    if _refresh_contents(old):
        report.append("refreshed the contents (Word updates their page numbers on opening)")
    merger.drop_unused_pictures()
    merger.drop_orphan_notes()
    _mark_contents_dirty(old)
    properties = {k: v for k, v in old.properties.items() if not k.startswith(R.PROPERTY_PREFIX)}
    properties.update(R.region_properties(record))
    properties[ORIGIN_PROPERTY] = "update"
    properties["vlr:version"] = fresh.properties.get("vlr:version", "")
    return Merged(old.save(properties), report)


def _contents(body) -> list | None:
    """The paragraphs of the table of contents as vlr writes it (from the paragraph with
    the TOC field's code to the one with its end, children of the body or, as
    LibreOffice saves it, of a content control there), or None where it is not found."""
    for instr in body.iter(w("instrText")):
        if "TOC" not in (instr.text or ""):
            continue
        first = instr.getparent().getparent()
        parent = first.getparent()
        if parent is not body and not (parent.tag == w("sdtContent") and parent.getparent().getparent() is body):
            return None  # LibreOffice's contents control at the top level is fine; anything deeper is not
        paragraphs, p = [], first
        while p is not None:
            if p.tag == w("p"):
                paragraphs.append(p)
                if any(f.get(w("fldCharType")) == "end" for f in p.iter(w("fldChar"))):
                    return paragraphs
            p = p.getnext()
        return None
    return None


def _headings(body, after) -> list[tuple[int, str]]:
    """(level, text) of the headings of levels 1 and 2 after the block ``after``."""
    found, block = [], after.getnext()
    while block is not None:
        if block.tag == w("p"):
            ppr = block.find(w("pPr"))
            style = (
                ppr.find(w("pStyle")).get(w("val"), "") if ppr is not None and ppr.find(w("pStyle")) is not None else ""
            )
            m = re.fullmatch(r"(?i)heading\s?([12])", style)
            text = "".join(t.text or "" for t in block.iter(w("t"))).strip()
            if m and text:
                found.append((int(m.group(1)), text))
        block = block.getnext()
    return found


def _refresh_contents(old: Package) -> bool:
    """The contents' entries made again from the headings of the draft as it now stands,
    where the draft holds vlr's contents in the form vlr wrote them (Word updates their
    page numbers on opening)."""
    from docx.oxml import parse_xml as oxml
    from docx.text.paragraph import Paragraph

    from vlr.draft import docx_xml

    mine = _contents(old.body)
    if not mine:
        return False
    entries = _headings(old.body, R.top(mine[-1], old.body))
    styles = old.parts.get("word/styles.xml", b"")
    style_ids = {n: f"TOC{n}" if f'w:styleId="TOC{n}"'.encode() in styles else None for n in (1, 2)}
    instr = next(i.text for i in mine[0].iter(w("instrText")) if "TOC" in (i.text or ""))
    first = oxml(f"<w:p {nsdecls('w')}/>")
    paragraph = Paragraph(first, None)
    docx_xml.add_toc(
        paragraph,
        levels=re.search(r'\\o "([^"]+)"', instr).group(1) if '\\o "' in instr else "1-2",
        placeholder="Right-click and choose Update Field to show the table of contents.",
    )
    holder = oxml(f"<w:body {nsdecls('w')}/>")
    holder.append(first)
    docx_xml.fill_toc(paragraph, entries, style_ids)
    new = list(holder)
    if R.region_text("".join(_xml(mine))) == R.region_text("".join(_xml(new))):
        return False
    for block in new:
        holder.remove(block)
    _replace(mine, new)
    return True


def _mark_contents_dirty(package: Package) -> None:
    """Ask Word to update the table of contents (and every field) on opening."""
    for instr in package.body.iter(w("instrText")):
        if "TOC" in (instr.text or ""):
            run = instr.getparent()
            previous = run.getprevious()
            while previous is not None:
                begin = previous.find(w("fldChar"))
                if begin is not None and begin.get(w("fldCharType")) == "begin":
                    begin.set(w("dirty"), "true")
                    break
                previous = previous.getprevious()
    settings = package.parts.get("word/settings.xml")
    if settings is not None and b"updateFields" not in settings:
        package.parts["word/settings.xml"] = re.sub(
            rb"(<w:settings[^>]*>)", rb'\1<w:updateFields w:val="true"/>', settings, count=1
        )


def is_pristine(old_data: bytes) -> bool:
    """Whether ``old_data`` is a build of vlr nobody changed since: same parts as written."""
    with zipfile.ZipFile(io.BytesIO(old_data)) as z:
        properties = R.read_properties(z)
        if properties.get(ORIGIN_PROPERTY, "build") != "build":
            return False
        entries = [(n, hashlib.sha256(z.read(n)).digest()) for n in z.namelist()]
    return properties.get(R.PACKAGE_PROPERTY) == R.package_hash(entries)


def refresh(
    old_data: bytes,
    fresh_data: bytes,
    *,
    discard_edits: bool = False,
    restore: bool = False,
    path: Path = Path("draft.docx"),
    hashes: dict[str, str] | None = None,
) -> Merged:
    """The updated draft: a fresh build where nobody changed the old one since vlr wrote
    it (the same bytes as building anew), else the merge."""
    if is_pristine(old_data):
        return Merged(fresh_data, ["rebuilt: the draft had not been changed since vlr wrote it"])
    return merge(old_data, fresh_data, discard_edits=discard_edits, restore=restore, path=path, hashes=hashes)


# --- across cycles ---------------------------------------------------------------------------


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
    copier = _Merger(fresh, last)  # copies from last cycle's package into the new one
    report: list[str] = []

    for name, region in before.items():
        kind = recorded.get(name, ("", ""))[0]
        if kind != R.NARRATIVE or name not in new or _hash(region.blocks) == R.text_part(recorded[name][1]):
            continue
        blocks = copier.copy_blocks([_without_comments(b) for b in region.blocks])
        target = new[name]
        _remove_marks(target)
        carried = [_mark_paragraph(note), *blocks]
        _replace(target.blocks, carried)
        R.mark(carried, name, copier.next_bookmark)
        copier.next_bookmark += 1
        report.append(f"carried over {name}: the text written in the previous review's draft")

    # what people added outside the regions: after the region it followed
    skeleton = {R.region_text(x) for x in _xml(b for b in fresh.body if b.tag in R.BLOCK_TAGS)}
    inside = {id(block) for region in before.values() for block in region.blocks}
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
            or _section_breaks([block])
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
            _insert_after(present[anchor_name].blocks[-1], carried)
        else:
            sect = fresh.body.find(w("sectPr"))
            for block in carried:
                sect.addprevious(block)
        report.append(
            f"carried over {len(blocks)} paragraph{'s' if len(blocks) != 1 else ''} written after "
            f"{anchor_name or 'the start'} in the previous review's draft"
        )
        present = R.find(fresh.body)
    properties = dict(fresh.properties)
    properties.pop(R.PACKAGE_PROPERTY, None)
    properties[ORIGIN_PROPERTY] = "carried"
    return Merged(fresh.save(properties), report)
