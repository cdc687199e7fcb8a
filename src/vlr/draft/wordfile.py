"""Will Word complain about this file? What of a .docx's package Word is strict about,
checked without Word and without the schemas: the order of the children of the elements
whose content ECMA-376 makes a sequence (``w:pPr``, ``w:rPr``, ``w:tblPr``, ``w:tcPr``,
``w:sectPr``, ``w:settings``, ``w:style``…; the order is derived from the schema by
``tests/make_ooxml_order.py`` into ``vlr/data/ooxml-order.json``), ids unique across the
parts (pictures' ``wp:docPr``, bookmarks) and paired bookmarks, and relationships that
resolve. Elements of namespaces Word ignores (``mc:Ignorable``: w14, w15…) are left alone.

Each problem is a finding of ``vlr check-docx`` (:mod:`vlr.draft.accessibility`) with its
part and element as the place.
"""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable
from functools import lru_cache
from importlib import resources
from pathlib import Path

from lxml import etree

from vlr import rules
from vlr.findings import Message, later

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#: Parts whose elements are checked for order.
ORDERED_PARTS = re.compile(r"word/(document|styles|settings|header\d*|footer\d*|footnotes|endnotes|comments)\.xml")
#: At most this many findings of one rule in one part: one damaged table is reported, not 1,500 cells.
MOST_PER_PART = 5


@lru_cache(maxsize=1)
def orders() -> dict[str, dict[str, int]]:
    text = resources.files("vlr.data").joinpath("ooxml-order.json").read_text(encoding="utf-8")
    return json.loads(text)


def check_package(path: str | Path, add: Callable) -> None:
    """Add (``add(rule, place, message)``) every problem of the package at ``path``."""
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        parts = {}
        for name in names:
            if name.endswith((".xml", ".rels")):
                try:
                    parts[name] = etree.fromstring(z.read(name))
                except etree.XMLSyntaxError:
                    continue  # an unreadable part: python-docx has said so already, or it is not Word's
    for name, root in sorted(parts.items()):
        if ORDERED_PARTS.fullmatch(name):
            _order(name, root, add)
    _ids(parts, add)
    _relationships(parts, names, add)


def _order(name: str, root, add: Callable) -> None:
    known = orders()
    ignorable = _ignorable(root)
    count = 0
    for el in root.iter(f"{{{W}}}*"):
        local = etree.QName(el).localname
        parent = el.getparent()
        key = f"pPr/{local}" if parent is not None and parent.tag == f"{{{W}}}pPr" and local == "rPr" else local
        ranks = known.get(key)
        if not ranks:
            continue
        seen: list[tuple[int, str]] = []
        for child in el:
            if not isinstance(child.tag, str) or etree.QName(child).namespace in ignorable:
                continue
            rank = ranks.get(etree.QName(child).localname) if etree.QName(child).namespace == W else None
            if rank is None:
                continue
            if seen and rank < seen[-1][0]:
                count += 1
                if count <= MOST_PER_PART:
                    add(
                        rules.WORD_ORDER,
                        f"{name} line {child.sourceline}",
                        later._(
                            "in {part}, a w:{element} has w:{child} after w:{previous}, which the schema puts "
                            "before it.",
                            part=name,
                            element=local,
                            child=etree.QName(child).localname,
                            previous=seen[-1][1],
                        ),
                    )
                break
            seen.append((rank, etree.QName(child).localname))
    if count > MOST_PER_PART:
        add(
            rules.WORD_ORDER,
            name,
            later.n_(
                "in {part}, {n} more element out of order.",
                "in {part}, {n} more elements out of order.",
                count - MOST_PER_PART,
                part=name,
            ),
        )


def _ignorable(root) -> set[str]:
    given = root.get("{http://schemas.openxmlformats.org/markup-compatibility/2006}Ignorable") or ""
    return {root.nsmap.get(prefix) for prefix in given.split()} - {None}


def _ids(parts: dict, add: Callable) -> None:
    doc = parts.get("word/document.xml")
    if doc is not None:
        starts = [b.get(f"{{{W}}}id") for b in doc.iter(f"{{{W}}}bookmarkStart")]
        ends = [b.get(f"{{{W}}}id") for b in doc.iter(f"{{{W}}}bookmarkEnd")]
        for i in _twice(starts):
            add(rules.WORD_IDS, "word/document.xml", later._("bookmark id {id} starts two bookmarks.", id=i))
        for i in sorted(set(ends) - set(starts), key=_number):
            add(rules.WORD_IDS, "word/document.xml", later._("a bookmark end (id {id}) has no start.", id=i))
    drawings = [
        (name, d.get("id"))
        for name, part in sorted(parts.items())
        if name.startswith("word/")
        for d in part.iter(f"{{{WP}}}docPr")
    ]
    for i in _twice([i for _, i in drawings]):
        where = sorted({name for name, j in drawings if j == i})
        parts_named: str | Message = where[0]
        for other in where[1:]:
            parts_named = later._("{first} and {second}", first=parts_named, second=other)
        add(
            rules.WORD_IDS,
            ", ".join(where),
            later._("picture id {id} (wp:docPr) is used twice, in {parts}.", id=i, parts=parts_named),
        )


def _number(text: str | None) -> tuple:
    return (0, int(text)) if text and text.isdigit() else (1, text or "")


def _twice(ids: list) -> list:
    seen: set = set()
    twice: list = []
    for i in ids:
        if i in seen and i not in twice:
            twice.append(i)
        seen.add(i)
    return twice


def _relationships(parts: dict, names: set[str], add: Callable) -> None:
    for rels_name, rels in sorted(parts.items()):
        if not rels_name.endswith(".rels"):
            continue
        source = rels_name.replace("_rels/", "").removesuffix(".rels")
        base = source.rsplit("/", 1)[0] if "/" in source else ""
        ids = set()
        for rel in rels:
            ids.add(rel.get("Id"))
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External":
                continue
            resolved = target.lstrip("/") if target.startswith("/") else _join(base, target)
            if resolved not in names:
                add(
                    rules.WORD_RELATIONSHIP,
                    rels_name,
                    later._("relationship {id} points at {target}, which is missing.", id=rel.get("Id"), target=target),
                )
        part = parts.get(source)
        if part is None:
            continue
        missing = sorted(
            {v for el in part.iter() for a, v in el.attrib.items() if a.startswith(f"{{{R}}}") and v not in ids}
        )
        for rid in missing:
            add(
                rules.WORD_RELATIONSHIP,
                source,
                later._("{part} refers to relationship {id}, which {rels} lacks.", part=source, id=rid, rels=rels_name),
            )


def _join(base: str, target: str) -> str:
    parts = base.split("/") if base else []
    for piece in target.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)
