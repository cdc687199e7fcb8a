"""The update (``vlr build --update``): vlr's regions refreshed in a draft people have
edited, in place in its XML, and everything else kept exactly as they left it.

:func:`merge` takes the edited draft and a fresh build of the same review (both .docx
bytes) and decides region by region (:mod:`vlr.draft.regions`), in numbered steps:

1. a *generated* region someone edited stops the update (:class:`~vlr.exceptions.EditedRegions`,
   exit 1), unless ``discard_edits``;
2. a region holding what vlr wrote is replaced by the fresh one (left alone when the
   fresh one says the same); a *narrative* region someone rewrote is kept;
3. a region the data now needs (a new goal chapter) is inserted after the region that
   precedes it in a fresh build, wherever the people moved that one; a region people
   deleted stays deleted (unless ``restore``);
4. a region the data no longer needs (a goal that lost its actions) is removed when
   untouched, kept with a report line otherwise;
5. each chapter spans its parts again.

Pictures of the fresh regions are copied into the draft's package; pictures no part of
the document uses any more are dropped. The table of contents is made again and marked
to be updated. :func:`refresh` gives a fresh build instead where nobody changed the draft.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from vlr.draft import regions as R
from vlr.draft.living.blocks import blocks_hash, content_of, differences, insert_after, remove, remove_marks, replace
from vlr.draft.living.comments import Anchors, peoples, replies, without_peoples_comments
from vlr.draft.living.contents import mark_contents_dirty, refresh_contents
from vlr.draft.living.copying import A_BLIP, V_IMAGEDATA, Copier
from vlr.draft.living.fresh import FreshRegions
from vlr.draft.living.package import ORIGIN_PROPERTY, Merged, Package, w
from vlr.exceptions import EditedRegions
from vlr.formatting import N_, _, n_

DRAWING = w("drawing")
#: The report of an update of a draft nobody changed.
REBUILT = N_("rebuilt: the draft had not been changed since vlr wrote it")


class Draft:
    """The edited draft an update refreshes, read on its own: its parts found, what vlr
    recorded of them, which of them people changed (:meth:`edited`), and the numbers copies
    into it are given after its own. None of it needs the fresh build, so all of it can be
    worked out while vlr builds (:meth:`examine`, by :class:`~vlr.draft.living.ahead.UpdateAhead`)."""

    def __init__(self, data: bytes, hashes: dict[str, str] | None = None):
        self.data = data
        self.package = Package(data)
        self.recorded = R.recorded(self.package.properties)
        self.found = R.find(self.package.body)
        #: the copier into the draft; the fresh package it copies from is given with the fresh build
        self.copier = Copier(self.package, None)
        self.current: dict[str, str] = dict(hashes or {})  # the hash of each region's text, once, when it is needed
        #: the comments people wrote: on vlr's parts they are no edit, and they follow a refresh
        self.peoples = peoples(self.package)
        self.answers = replies(self.package)  # of them, the replies
        self.stripped: set[str] = set()
        self.contents: dict[str, str] = {}  # what a part with pictures shows, once, when it is needed
        self.pictures_changed: dict[str, bool] = {}  # like the hashes, worked out once per part

    def examine(self) -> None:
        """Whether each part people could have edited was, worked out ahead (as the hashes of
        the draft, untouched, always were)."""
        for name in self.found:
            if self.recorded.get(name, ("",))[0] != R.CHAPTER:
                self.edited(name)

    def commented(self, name: str) -> bool:
        """Whether people commented on the part."""
        return bool(self.peoples) and any(
            a.get(w("id")) in self.peoples for b in self.found[name].blocks for a in b.iter(w("commentRangeStart"))
        )

    def edited(self, name: str) -> bool:
        """Whether people changed the part: its text, or a picture in it (Change Picture keeps
        the words); their comments on it are no change."""
        if name not in self.current or (name not in self.stripped and self.commented(name)):
            self.current[name] = blocks_hash(without_peoples_comments(self.found[name].blocks, self.peoples))
            self.stripped.add(name)  # worked out without people's comments: once
        if name not in self.recorded or self.current[name] != R.text_part(self.recorded[name][1]):
            return True
        if name not in self.pictures_changed:  # a walk over the part, which may be a table of thousands of cells
            self.pictures_changed[name] = self._picture_changed(name)
        return self.pictures_changed[name]

    def _picture_changed(self, name: str) -> bool:
        """Whether a picture of the part is not the one vlr placed (its bytes or alt text)."""
        recorded = R.content_part(self.recorded[name][1])
        blocks = self.found[name].blocks
        if not recorded or not any(True for b in blocks for _ in b.iter(DRAWING)):
            return False
        if name not in self.contents:
            self.contents[name] = content_of(without_peoples_comments(blocks, self.peoples), self.package)
        return self.contents[name] != recorded


class _Merge:
    """The edited draft (:class:`Draft`) and the fresh one being merged, what vlr recorded of
    each, and the order of the regions; the steps of :func:`merge` as methods."""

    def __init__(self, draft: Draft, fresh_data: bytes, *, restore: bool):
        self.draft = draft
        self.old, self.fresh = draft.package, Package(fresh_data)
        self.restore = restore
        self.recorded, self.found, self.peoples = draft.recorded, draft.found, draft.peoples
        self.answers = draft.answers
        self.edited, self.current = draft.edited, draft.current
        self.wanted = R.recorded(self.fresh.properties)
        self.copier = draft.copier
        self.copier.fresh = self.fresh
        self.report: list[str] = []
        #: what the merged draft records of each region: the fresh hash, or the one vlr wrote before
        self.record: dict[str, tuple[str, str]] = {}
        self._order()

    def needs_fresh(self, name: str) -> bool:
        """Whether the fresh region's blocks are needed: to insert, replace or report it."""
        kind, digest = self.wanted[name]
        if kind == R.CHAPTER:
            return False
        if name not in self.found:
            return name not in self.recorded or self.restore
        if self.edited(name):
            return kind == R.GENERATED  # a conflict to report, or edits to discard
        mine, theirs = R.content_part(self.recorded[name][1]), R.content_part(digest)
        return not (mine and mine == theirs)

    def same_content(self, name: str) -> bool:
        """Whether the fresh region shows what the (unedited) draft's one shows."""
        mine, theirs = R.content_part(self.recorded[name][1]), R.content_part(self.wanted[name][1])
        if mine and theirs:
            return mine == theirs
        return content_of(self.found[name].blocks, self.old) == content_of(self.new.blocks(name), self.fresh)

    def _order(self) -> None:
        """The regions in document order, a chapter before its parts: the fresh draft's order, or,
        where nothing of it is needed (often so), the draft's own, without reading the fresh one."""
        wanted, found = self.wanted, self.found
        if any(self.needs_fresh(n) for n in wanted):
            #: the fresh regions (none where nothing of the fresh draft is needed)
            self.new: FreshRegions | None = FreshRegions(self.fresh)
            spans = self.new.spans
        else:
            self.new = None
            position = {id(c): i for i, c in enumerate(self.old.body)}
            spans = {n: (position[id(r.blocks[0])], position[id(r.blocks[-1])]) for n, r in found.items() if r.blocks}
        span = {name: s for name, s in spans.items() if name in wanted}
        order = [*sorted(span, key=lambda n: (span[n][0], -span[n][1])), *sorted(set(wanted) - set(span))]
        #: the first and last block of each region, by position in the body it was found in
        self.span = span
        self.order = order
        self.chapter_of = {
            leaf: chapter
            for chapter in order
            if wanted[chapter][0] == R.CHAPTER
            for leaf in order
            if leaf != chapter and leaf.startswith(chapter + "-")
        }

    def stop_for_edits(self, discard_edits: bool, path: Path) -> None:
        """Step 1: what people edited in vlr's generated parts stops the update."""
        conflicts = [
            (name, self._what_changed(name))
            for name in self.order
            if self.wanted[name][0] == R.GENERATED and name in self.found and self.edited(name)
        ]
        if conflicts and not discard_edits:
            raise EditedRegions(conflicts, path)

    def _what_changed(self, name: str) -> list[str]:
        """In plain words, what people changed in a generated part: its lines that vlr's do not
        hold (people's comments left out), or that a picture in it is not vlr's."""
        if name in self.recorded and self.current[name] == R.text_part(self.recorded[name][1]):
            return [_("a picture in it is not the one vlr placed (Change Picture, or another picture put there)")]
        return differences(
            without_peoples_comments(self.found[name].blocks, self.peoples),
            self.new.blocks(name),
            R.recorded_blocks(self.old.properties).get(name),
        )

    def refresh_parts(self) -> bool:
        """Step 2: parts in both refreshed, kept, or left as they are. Whether any was replaced."""
        found, record, report = self.found, self.record, self.report
        replaced = False
        for name in self.order:
            kind, fresh_hash = self.wanted[name]
            if kind == R.CHAPTER or name not in found:
                continue
            if kind == R.NARRATIVE and self.edited(name):
                report.append(_("kept {name}: your text").format(name=name))
                record[name] = self.recorded.get(name, (kind, ""))
            elif not self.edited(name) and self.same_content(name):
                record[name] = (kind, fresh_hash)
            else:
                discarded = kind == R.GENERATED and self.edited(name)
                remove_marks(found[name])
                theirs = Anchors(found[name].blocks, self.peoples, self.answers) if self.draft.commented(name) else None
                # the comments go back on the refreshed part's paragraphs: its tables as elements then
                copies = self.copier.fit(self.new.take(name, self.old, tables_as_text=not theirs), self.new.linkless)
                replace(found[name].blocks, copies)
                replaced = True
                moved = theirs.place(copies, self.old) if theirs else 0
                said = _("refreshed {name}: your edits were discarded") if discarded else _("refreshed {name}")
                if moved:
                    said += " " + n_("(its {n} comment kept on it)", "(its {n} comments kept on it)", moved)
                report.append(said.format(name=name, n=moved))
                record[name] = (kind, fresh_hash)
        return replaced

    def insert_needed(self, replaced: bool) -> dict[str, R.Region]:
        """Step 3: parts the data now needs inserted after the part before them in a fresh build,
        wherever that one is now; parts the people deleted stay deleted. The regions then present."""
        old, found, recorded, span = self.old, self.found, self.recorded, self.span
        present = R.find(old.body) if replaced else found
        handled: set[str] = set()
        for name in self.order:
            if name in found or name in handled or self.chapter_of.get(name) in handled:
                continue
            parts = [name, *(leaf for leaf, chapter in self.chapter_of.items() if chapter == name)]
            handled.update(parts)
            if name in recorded and not self.restore:
                self.report.append(
                    _(
                        "not put back {name}: its bookmark {bookmark} is not in the draft (the part was deleted, "
                        "or its first or last paragraph with it); --restore-deleted puts it back"
                    ).format(name=name, bookmark=R.bookmark_name(name))
                )
                self.record.update({n: recorded[n] for n in parts if n in recorded})
                continue
            a, b = span[name]
            before = [n for n in present if n in span and span[n][1] < a]
            copies = self.copier.fit(self.new.take(name, old), self.new.linkless)
            if before:
                anchor = max(before, key=lambda n: (span[n][1], span[n][0]))
                insert_after(present[anchor].blocks[-1], copies)
            else:
                after = [n for n in present if n in span and span[n][0] > b]
                target = (
                    present[min(after, key=lambda n: span[n][0])].blocks[0] if after else old.body.find(w("sectPr"))
                )
                for block in copies:
                    target.addprevious(block) if target is not None else old.body.append(block)
            self.report.append(_("inserted {name}").format(name=name))
            self.record.update({n: self.wanted[n] for n in parts})
            present = R.find(old.body)
        return present

    def remove_unneeded(self, present: dict[str, R.Region]) -> bool:
        """Step 4: parts the data no longer needs removed when untouched, kept with a note
        otherwise. Whether any was removed."""
        recorded = self.recorded
        removed = False
        for name in sorted(recorded):
            kind, digest = recorded[name]
            if name in self.wanted or name not in present:
                continue  # still needed, or already gone
            chapter = next((c for c in recorded if recorded[c][0] == R.CHAPTER and name.startswith(c + "-")), None)
            if chapter is not None and chapter not in self.wanted:
                continue  # goes with its chapter
            for n in [name, *(n for n in present if n.startswith(name + "-"))]:  # read as elements
                present[n].blocks = [self.old.materialize(b) for b in present[n].blocks]
            if kind == R.CHAPTER:
                parts = [n for n in present if n.startswith(name + "-")]
                own = {id(b) for n in parts for b in present[n].blocks}
                untouched = all(
                    n in recorded and blocks_hash(present[n].blocks) == R.text_part(recorded[n][1]) for n in parts
                )
                theirs = [b for b in present[name].blocks if id(b) not in own]
            else:
                parts, untouched, theirs = [name], blocks_hash(present[name].blocks) == R.text_part(digest), []
            if untouched and not theirs:
                for n in {name, *parts}:  # marks outside the blocks too (Word's end in the next paragraph)
                    remove_marks(present[n])
                remove(present[name].blocks)
                removed = True
                self.report.append(_("removed {name}: the data no longer needs it").format(name=name))
            else:
                self.report.append(
                    _(
                        "kept {name}: the data no longer needs it, but it holds your edits; delete it if you wish"
                    ).format(name=name)
                )
                self.record.update({n: recorded[n] for n in [name, *parts] if n in recorded})
        return removed

    def span_chapters(self, present: dict[str, R.Region]) -> None:
        """Step 5: each chapter spans its parts again (the people's paragraphs between them with them)."""
        children = list(self.old.body)
        index = {id(c): i for i, c in enumerate(children)}
        for name in self.order:
            if self.wanted[name][0] != R.CHAPTER or name not in present:
                continue
            parts = [n for n, c in self.chapter_of.items() if c == name and n in present]
            if not parts:
                continue
            first = min(index[id(present[n].blocks[0])] for n in parts)
            last = max(index[id(present[n].blocks[-1])] for n in parts)
            blocks = [c for c in children[first : last + 1] if c.tag in R.BLOCK_TAGS]
            if [id(b) for b in present[name].blocks] != [id(b) for b in blocks]:  # its parts changed: mark it anew
                remove_marks(present[name])
                blocks[0], blocks[-1] = self.old.materialize(blocks[0]), self.old.materialize(blocks[-1])
                R.mark(blocks, name, self.copier.next_bookmark)
                self.copier.next_bookmark += 1
            self.record[name] = self.wanted[name]

    def _block_records(self) -> dict[str, list[str]]:
        """The hashes of the blocks of each generated part as the merged draft holds it: the
        fresh build's where the part is the fresh one, the draft's where it was kept."""
        mine, theirs = R.recorded_blocks(self.old.properties), R.recorded_blocks(self.fresh.properties)
        return {
            name: source[name]
            for name, record in self.record.items()
            if name in (source := theirs if record == self.wanted.get(name) else mine)
        }

    def finish(self) -> Merged:
        """The contents made again, what nothing uses any more dropped, the records written."""
        old = self.old
        if refresh_contents(old):
            self.report.append(_("refreshed the contents (Word updates their page numbers on opening)"))
        found = old.gather(_IN_BODY, _ANYWHERE)  # one walk for what the last steps look for
        self.copier.drop_unused_pictures(found[A_BLIP] + found[V_IMAGEDATA])
        self.copier.add_missing_styles()
        self.copier.drop_orphan_notes(found[w("commentReference")] + found[w("commentRangeStart")])
        mark_contents_dirty(old, found[w("instrText")])
        properties = {k: v for k, v in old.properties.items() if not k.startswith(R.PROPERTY_PREFIX)}
        properties.update(R.region_properties(self.record))
        properties.update(R.block_properties(self._block_records()))
        properties[ORIGIN_PROPERTY] = "update"
        properties["vlr:version"] = self.fresh.properties.get("vlr:version", "")
        return Merged(old.save(properties, found[w("sectPr")]), self.report)


#: What the last steps of the merge look for: the body's fields and comment anchors, and
#: the document's pictures and section breaks.
_IN_BODY = (w("instrText"), w("commentReference"), w("commentRangeStart"))
_ANYWHERE = (A_BLIP, V_IMAGEDATA, w("sectPr"))


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
    ``hashes``: :func:`~vlr.draft.living.blocks.region_hashes` of ``old_data``, if they
    were worked out already."""
    return merge_draft(Draft(old_data, hashes), fresh_data, discard_edits=discard_edits, restore=restore, path=path)


def merge_draft(
    draft: Draft,
    fresh_data: bytes,
    *,
    discard_edits: bool = False,
    restore: bool = False,
    path: Path = Path("draft.docx"),
) -> Merged:
    """:func:`merge` of a draft read already (and perhaps examined ahead)."""
    merging = _Merge(draft, fresh_data, restore=restore)
    merging.stop_for_edits(discard_edits, path)
    replaced = merging.refresh_parts()
    present = merging.insert_needed(replaced)
    if merging.remove_unneeded(present):
        present = R.find(merging.old.body)
    merging.span_chapters(present)
    return merging.finish()


def is_pristine(old_data: bytes) -> bool:
    """Whether ``old_data`` is a build of vlr nobody changed since: same parts as written."""
    with zipfile.ZipFile(io.BytesIO(old_data)) as z:
        properties = R.read_properties(z)
        if properties.get(ORIGIN_PROPERTY, "build") != "build":
            return False
        if any(not name.startswith(R.VLR_PREFIX) for name in properties):
            return False  # someone gave it a property of their own: merged, so it stays
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
        return Merged(fresh_data, [_(REBUILT)])
    return merge(old_data, fresh_data, discard_edits=discard_edits, restore=restore, path=path, hashes=hashes)
