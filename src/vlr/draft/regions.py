"""The draft's regions: the parts vlr generates, which it can find again and refresh in a
document people have edited.

A region is a run of top-level blocks (paragraphs and tables) of the body, marked by a
bookmark named ``vlr_<name>`` (``vlr_goal_11_facts``) from its first block to its last.
Bookmarks, unlike content controls, survive LibreOffice as well as Word (LibreOffice
turns a bookmark over several paragraphs into one at its start and an empty one of the
same name at its end; :func:`find` reads both forms). Everything outside the regions
belongs to the people.

Kinds: *generated* regions (tables, charts, sentences, facts) are vlr's own: an edit in
one stops the refresh. *Narrative* regions hold the officer's text from the Narratives
sheet or a placeholder: refreshed while they hold what vlr put there, kept once someone
rewrote them. A *chapter* holds a goal's regions, to be inserted or removed as a whole.

What vlr wrote is recorded in the document's custom properties (which survive both
Word and LibreOffice): for each region ``vlr:<name>`` = ``<kind>:<hash of its text>``,
and ``vlr:package``, a hash of every part of the file as written. The hash is of the
region's text, pictures and table structure (:func:`text_hash`), not of its XML, which
LibreOffice rewrites: vlr notices a change of words, numbers, pictures or rows, not one
of formatting alone.
"""

from __future__ import annotations

import hashlib
import html
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

GENERATED, NARRATIVE, CHAPTER = "generated", "narrative", "chapter"
KINDS = (GENERATED, NARRATIVE, CHAPTER)
BOOKMARK_PREFIX = "vlr_"
PROPERTY_PREFIX = "vlr:"
PACKAGE_PROPERTY = "vlr:package"
CUSTOM_PART = "docProps/custom.xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
#: The note in the margin at the start of each generated region.
NOTE = (
    "vlr: generated from the workbooks ({name}). vlr build --update refreshes it; an edit here stops the "
    "update. Write your own text outside this part."
)
NOTE_AUTHOR = "vlr"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def bookmark_name(region: str) -> str:
    """``goal-11-facts`` → ``vlr_goal_11_facts`` (Word's bookmark names: letters, digits
    and underscores, at most 40 characters)."""
    return BOOKMARK_PREFIX + region.replace("-", "_")


def region_name(bookmark: str) -> str | None:
    if not bookmark.startswith(BOOKMARK_PREFIX):
        return None
    return bookmark[len(BOOKMARK_PREFIX) :].replace("_", "-")


# --- the text a region is compared by ------------------------------------------------------

_TOKENS = re.compile(
    r"<w:(p|tc|tr)[ >/]|<w:t(?: [^>]*)?>([^<]*)</w:t>|<w:delText(?: [^>]*)?>([^<]*)</w:delText>"
    r"|<w:(tab|br|cr)\b[^>]*/>|<w:(drawing|pict|commentReference)\b|<w:(ins|del) "
)


def region_text(xml: str) -> str:
    """What a region says, from its XML: the text of its paragraphs (empty ones left
    out), a mark per picture and comment, cell and row breaks, tracked insertions and
    deletions."""
    out: list[str] = []
    append = out.append
    unescape = html.unescape
    for tag, text, deleted, space, picture, change in _TOKENS.findall(xml):
        if tag:
            append("\x00" if tag == "p" else f"\x00<{tag}>\x00")
        elif text:
            append(unescape(text) if "&" in text else text)
        elif deleted:
            append(f"[-{unescape(deleted)}]")
        elif space:
            append("\t" if space == "tab" else "\n")
        elif picture:
            append("[comment]" if picture == "commentReference" else "[picture]")
        elif change:
            append(f"[{change}]")
    lines = (line.strip() for line in "".join(out).split("\x00"))
    return "\n".join(line for line in lines if line)


def text_hash(xml_parts: Iterable[str]) -> str:
    return hash_of_text(region_text("".join(xml_parts)))


def hash_of_text(text: str) -> str:
    """:func:`text_hash` of a region whose :func:`region_text` is ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def joined_text(texts: Iterable[str]) -> str:
    """The :func:`region_text` of consecutive blocks from each one's: every block starts a
    line (a paragraph or a table row), so the region's text is theirs, line after line."""
    return "\n".join(t for t in texts if t)


_EMBED = re.compile(r'r:(?:embed|link)="([^"]+)"')
_DESCR = re.compile(r'<wp:docPr [^>]*?descr="([^"]*)"')


def content_hash(xml: str, text: str, picture_of) -> str:
    """What a region shows beyond its text: its pictures (``picture_of(rId)`` gives a
    picture's hash) and their alt text. A chart redrawn from revised data may keep its
    words; this hash changes."""
    parts = [text, *(picture_of(rid) for rid in _EMBED.findall(xml)), *_DESCR.findall(xml)]
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:20]


def digest(text: str, content: str = "") -> str:
    """A region's record: the hash of its text, and of what it shows."""
    return f"{text}/{content}"


def text_part(record: str) -> str:
    return record.split("/", 1)[0]


def content_part(record: str) -> str:
    return record.split("/", 1)[1] if "/" in record else ""


# --- marking and finding ------------------------------------------------------------------


@dataclass
class Region:
    name: str
    #: The top-level blocks of the body it spans, in order.
    blocks: list
    #: The bookmark elements that mark it (to remove when it is rewritten).
    marks: list


def mark(blocks: list, name: str, bookmark_id: int, spliced=None) -> None:
    """Bookmark ``blocks`` (top-level elements of the body, in order) as region ``name``:
    the start at the end of the first paragraph (of a table: of its first cell), the end
    at the end of the last paragraph (of a table: of its last cell). A region is made of
    whole blocks, so where in its first paragraph the start stands does not matter; but
    LibreOffice drops a bookmark that starts at the beginning of a paragraph right after
    a table, or ends between a table and a paragraph. Blocks kept as text (``spliced``,
    :class:`docx_xml.Spliced`) are marked in their text."""
    start = f'<w:bookmarkStart {nsdecls("w")} w:id="{bookmark_id}" w:name="{bookmark_name(name)}"/>'
    end = f'<w:bookmarkEnd {nsdecls("w")} w:id="{bookmark_id}"/>'
    first, last = blocks[0], blocks[-1]
    if spliced is not None and spliced.holds(first):
        spliced.edit(first, lambda xml: _in_first(xml, start.replace(f" {nsdecls('w')}", "")))
    else:
        p = first if first.tag == qn("w:p") else next(first.iter(qn("w:p")))
        p.append(parse_xml(start))
    if spliced is not None and spliced.holds(last):
        spliced.edit(last, lambda xml: _at_end(xml, end.replace(f" {nsdecls('w')}", "")))
    else:
        p = last if last.tag == qn("w:p") else list(last.iter(qn("w:p")))[-1]
        p.append(parse_xml(end))


def _in_first(xml: str, mark_xml: str) -> str:
    """``mark_xml`` at the end of the first paragraph of ``xml``."""
    i = xml.index("</w:p>")
    return xml[:i] + mark_xml + xml[i:]


def _at_end(xml: str, mark_xml: str) -> str:
    """``mark_xml`` at the end of the last paragraph of ``xml``."""
    i = xml.rindex("</w:p>")
    return xml[:i] + mark_xml + xml[i:]


BLOCK_TAGS = {qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:customXml")}


def top(element, body):
    """The child of ``body`` that holds ``element`` (or is it)."""
    while element.getparent() is not body:
        element = element.getparent()
        if element is None:
            return None
    return element


#: What a block shows (:func:`_opens`).
_CONTENT = {qn(f"w:{t}") for t in ("t", "drawing", "pict", "object", "tab", "br", "sym", "fldChar", "instrText", "tc")}


def _opens(block, mark) -> bool:
    """Whether ``mark`` opens ``block``: the block shows nothing before it, and something after.
    Word writes a bookmark's end at the start of the next paragraph (that paragraph is not in
    the region); a block that shows nothing is the region's own, wherever its mark is. (vlr's
    own starts close a region's first paragraph: a start is where it is.) The walk stops at
    the first thing shown: the block may be a table of thousands of cells."""
    passed = False
    for el in block.iter():
        if el is mark:
            passed = True
        elif el.tag in _CONTENT:
            return passed
    return False


START, END = qn("w:bookmarkStart"), qn("w:bookmarkEnd")


def _marks(body) -> tuple[dict[str, list], dict[str, list]]:
    """The starts of vlr's bookmarks in ``body`` by region name, and the ends that close them,
    in document order: one walk over the body (a large draft has over a million elements)."""
    starts: dict[str, list] = {}
    by_id: dict[str, str] = {}
    all_ends = []
    name_of, id_of = qn("w:name"), qn("w:id")
    for element in body.iter(START, END):
        if element.tag == END:
            all_ends.append(element)
            continue
        name = region_name(element.get(name_of, ""))
        if name is not None:
            starts.setdefault(name, []).append(element)
            by_id[element.get(id_of)] = name
    ends: dict[str, list] = {}
    for element in all_ends:
        name = by_id.get(element.get(id_of))
        if name is not None:
            ends.setdefault(name, []).append(element)
    return starts, ends


def find(body) -> dict[str, Region]:
    """The regions of a document's body, by name. A region runs from the block holding
    the first start of its bookmark to the block holding the last end (or, as
    LibreOffice writes it, the last start) of a bookmark of that name; a block that holds
    only the mark on its side (Word's end at the start of the next paragraph) is not in it."""
    starts, ends = _marks(body)
    children = list(body)
    index = {id(child): i for i, child in enumerate(children)}
    regions = {}
    for name, marks in starts.items():
        first = top(marks[0], body)
        last_mark = ends[name][-1] if name in ends else marks[-1]
        last = top(last_mark, body)
        if first is None or last is None:
            continue
        a, b = index[id(first)], index[id(last)]
        if first.tag not in BLOCK_TAGS:  # a bookmark at the level of the body: the block after it
            a += 1
        if last.tag not in BLOCK_TAGS or (name in ends and _opens(last, last_mark)):
            b -= 1  # an end at the body's level, or opening a block that shows something (Word): the one before
        blocks = [c for c in children[a : b + 1] if c.tag in BLOCK_TAGS]
        regions[name] = Region(name, blocks, [*marks, *ends.get(name, [])])
    return regions


# --- custom properties --------------------------------------------------------------------


def properties_xml(properties: dict[str, str], keep: bytes | None = None) -> bytes:
    """``docProps/custom.xml`` holding ``properties`` (name → text), in name order; the
    properties people gave the document (in ``keep``, the part as it was: any name not
    vlr's) stay as they were, with their types and links."""
    theirs = _peoples_properties(keep)
    mine = {n: v for n, v in properties.items() if n.startswith(VLR_PREFIX) or n not in theirs}
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{html.escape(name)}"><vt:lpwstr>{html.escape(value)}'
        "</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(sorted(mine.items()), 2)
    )
    for pid, xml in enumerate(theirs.values(), 2 + len(mine)):
        items += re.sub(r'\bpid="\d+"', f'pid="{pid}"', xml, count=1)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        f'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{items}</Properties>'
    ).encode()


#: The names of the custom properties vlr writes; any other is someone's.
VLR_PREFIX = "vlr:"


def _peoples_properties(data: bytes | None) -> dict[str, str]:
    """The custom properties not vlr's in a ``docProps/custom.xml``: name → the element's XML."""
    if not data:
        return {}
    from lxml import etree

    found = {}
    for prop in etree.fromstring(data):
        name = prop.get("name") or ""
        if name and not name.startswith(VLR_PREFIX):
            found[name] = (
                etree.tostring(prop, encoding="unicode")
                .replace(' xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"', "")
                .replace(' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"', "")
            )
    return found


def read_properties(package: zipfile.ZipFile) -> dict[str, str]:
    """The custom properties of an open .docx (empty without any)."""
    from lxml import etree

    try:
        data = package.read(CUSTOM_PART)
    except KeyError:
        return {}
    root = etree.fromstring(data)
    found = {}
    for prop in root:
        name = prop.get("name")
        value = "".join(prop.itertext())
        if name:
            found[name] = value
    return found


def register_content_type(content_types: bytes) -> bytes:
    """``[Content_Types].xml`` that knows the custom properties part."""
    if b"/docProps/custom.xml" in content_types:
        return content_types
    return content_types.replace(
        b"</Types>", f'<Override PartName="/{CUSTOM_PART}" ContentType="{CUSTOM_TYPE}"/></Types>'.encode()
    )


def register_relationship(package_rels: bytes) -> bytes:
    """``_rels/.rels`` that points to the custom properties part."""
    if CUSTOM_REL.encode() in package_rels:
        return package_rels
    return package_rels.replace(
        b"</Relationships>",
        f'<Relationship Id="rIdVlrCustom" Type="{CUSTOM_REL}" Target="{CUSTOM_PART}"/></Relationships>'.encode(),
    )


def region_properties(regions: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Custom properties for regions: name → (kind, hash)."""
    return {PROPERTY_PREFIX + name: f"{kind}:{digest}" for name, (kind, digest) in regions.items()}


#: How many block hashes one custom property holds: Word cuts a value at 255 characters.
_PER_PROPERTY = 28
#: Between a region's name and the number of one of its block records (``vlr:heatmap#1``).
BLOCKS_MARK = "#"


def block_hash(xml: str) -> str:
    """The record of one block vlr wrote into a generated region: the hash of its text
    (:func:`region_text`). A block of the region no record matches is someone's: written
    there, or changed."""
    return block_hash_of_text(region_text(xml))


def block_hash_of_text(text: str) -> str:
    """:func:`block_hash` of a block whose :func:`region_text` is ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def block_properties(blocks: dict[str, list[str]]) -> dict[str, str]:
    """Custom properties for the block records of regions (name → the hash of each block),
    as many properties of a region as its hashes need (``vlr:annex-3#1``, ``#2`` …)."""
    found = {}
    for name, hashes in blocks.items():
        for i in range(0, len(hashes), _PER_PROPERTY):
            key = f"{PROPERTY_PREFIX}{name}{BLOCKS_MARK}{i // _PER_PROPERTY + 1}"
            found[key] = " ".join(hashes[i : i + _PER_PROPERTY])
    return found


def recorded_blocks(properties: dict[str, str]) -> dict[str, list[str]]:
    """The block records of regions as :func:`block_properties` wrote them: name → hashes."""
    chunks: dict[str, dict[int, list[str]]] = {}
    for key, value in properties.items():
        if not key.startswith(PROPERTY_PREFIX) or BLOCKS_MARK not in key:
            continue
        name, _, number = key[len(PROPERTY_PREFIX) :].rpartition(BLOCKS_MARK)
        if number.isdigit():
            chunks.setdefault(name, {})[int(number)] = value.split()
    return {name: [h for n in sorted(parts) for h in parts[n]] for name, parts in chunks.items()}


def recorded(properties: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Regions as recorded in custom properties: name → (kind, hash)."""
    found = {}
    for key, value in properties.items():
        if key.startswith(PROPERTY_PREFIX) and key != PACKAGE_PROPERTY and ":" in value:
            kind, _, digest = value.partition(":")
            if kind in KINDS:
                found[key[len(PROPERTY_PREFIX) :]] = (kind, digest)
    return found


def package_hash(entries: Iterable[tuple[str, bytes]]) -> str:
    """A hash of a package's parts but its custom properties, from (name, SHA-256 digest
    of the part): equal for a file vlr wrote and nobody changed."""
    digest = hashlib.sha256()
    for name, part_digest in sorted(entries):
        if name == CUSTOM_PART:
            continue
        digest.update(name.encode() + b"\0" + part_digest)
    return digest.hexdigest()[:24]


class Seal:
    """The ``append`` of :func:`vlr.output.deterministic_zip` that writes ``properties``
    and the package's hash as the custom properties, and registers that part."""

    replaces = (CUSTOM_PART,)

    def __init__(self, properties: dict[str, str], keep: bytes | None = None):
        self.properties = properties
        self.keep = keep  # the custom properties part as it was: people's properties stay

    def transform(self) -> dict:
        """Transforms that register the custom properties part."""
        return {"[Content_Types].xml": register_content_type, "_rels/.rels": register_relationship}

    def __call__(self, written: list[tuple[str, bytes]]) -> dict[str, bytes]:
        return {CUSTOM_PART: properties_xml({**self.properties, PACKAGE_PROPERTY: package_hash(written)}, self.keep)}
