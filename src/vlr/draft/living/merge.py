"""The update (``vlr build --update``): vlr's regions refreshed in a draft people have
edited, in place in its XML, and everything else kept exactly as they left it.

:func:`merge` takes the edited draft and a fresh build of the same review (both .docx
bytes) and decides region by region (:mod:`vlr.draft.regions`):

- a region holding what vlr wrote is replaced by the fresh one (left alone when the
  fresh one says the same);
- a *narrative* region someone rewrote is kept;
- a *generated* region someone edited stops the update
  (:class:`~vlr.exceptions.EditedRegions`, exit 1), unless ``discard_edits``;
- a region the data no longer needs (a goal that lost its actions) is removed when
  untouched, kept with a report line otherwise;
- a region the data now needs (a new goal chapter) is inserted after the region that
  precedes it in a fresh build, wherever the people moved that one;
- a region people deleted stays deleted (unless ``restore``).

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
from vlr.draft.living.contents import mark_contents_dirty, refresh_contents
from vlr.draft.living.copying import Copier
from vlr.draft.living.package import ORIGIN_PROPERTY, Merged, Package, w
from vlr.exceptions import EditedRegions


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
    old, fresh = Package(old_data), Package(fresh_data)
    recorded = R.recorded(old.properties)
    wanted = R.recorded(fresh.properties)
    found = R.find(old.body)
    merger = Copier(old, fresh)
    report: list[str] = []
    #: what the merged draft records of each region: the fresh hash, or the one vlr wrote before
    record: dict[str, tuple[str, str]] = {}
    current: dict[str, str] = dict(hashes or {})  # the hash of each region's text, once, when it is needed

    def edited(name: str) -> bool:
        if name not in current:
            current[name] = blocks_hash(found[name].blocks)
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
        return content_of(found[name].blocks, old) == content_of(new[name].blocks, fresh)

    # 1. what people edited in vlr's generated parts stops the update
    conflicts = [
        (name, differences(found[name].blocks, new[name].blocks))
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
            remove_marks(found[name])
            replace(found[name].blocks, merger.copy_blocks(new[name].blocks))
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
            insert_after(present[anchor].blocks[-1], copies)
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
            untouched = all(
                n in recorded and blocks_hash(present[n].blocks) == R.text_part(recorded[n][1]) for n in parts
            )
            theirs = [b for b in present[name].blocks if id(b) not in own]
        else:
            parts, untouched, theirs = [name], blocks_hash(present[name].blocks) == R.text_part(digest), []
        if untouched and not theirs:
            remove(present[name].blocks)
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
            remove_marks(present[name])
            R.mark(blocks, name, merger.next_bookmark)
            merger.next_bookmark += 1
        record[name] = wanted[name]

    if refresh_contents(old):
        report.append("refreshed the contents (Word updates their page numbers on opening)")
    merger.drop_unused_pictures()
    merger.drop_orphan_notes()
    mark_contents_dirty(old)
    properties = {k: v for k, v in old.properties.items() if not k.startswith(R.PROPERTY_PREFIX)}
    properties.update(R.region_properties(record))
    properties[ORIGIN_PROPERTY] = "update"
    properties["vlr:version"] = fresh.properties.get("vlr:version", "")
    return Merged(old.save(properties), report)


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
