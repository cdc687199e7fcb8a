"""The fresh build an update takes vlr's parts from (:class:`FreshRegions`), parsed part by
part as the merge needs them.

A fresh build of a large review is 34 MB of XML, over a million elements, and an update
takes only the parts that changed from it: parsing all of it, finding its regions in the
tree and copying them cost more than the rest of the merge. The fresh build is vlr's own
XML, written one way (Word's namespace as ``w:``, no comments, no processing instructions,
no CDATA), so the elements of its body are found in the text (an element ends at the
matching end tag of its own name), its regions by their bookmarks there as
:func:`regions.find` finds them in a tree (:class:`_BodyText`), and a part's blocks are
parsed from its stretch of the text when they are needed. XML that is not written that way
is parsed whole, as before.
"""

from __future__ import annotations

import bisect
import copy
import html
import re

from lxml import etree

from vlr.draft import regions as R
from vlr.draft.living.package import DOCUMENT, REL, Package, W

#: The body's block elements (:data:`regions.BLOCK_TAGS`) by their names in the text.
_BLOCKS = {b"p", b"tbl", b"sdt", b"customXml"}
_TAG = re.compile(rb"<w:([A-Za-z]+)(?:\s[^>]*?)?(/?)>")
_MARK = re.compile(rb"<w:bookmark(Start|End)\b([^>]*)>")
_ID = re.compile(rb'\sw:id="([^"]*)"')
_NAME = re.compile(rb'\sw:name="([^"]*)"')
#: What a block shows (:data:`regions._CONTENT`), as start tags in the text.
_CONTENT = re.compile(rb"<w:(?:t|drawing|pict|object|tab|br|sym|fldChar|instrText|tc)[\s/>]")
_DECLARATION = re.compile(rb'\sxmlns(?::[A-Za-z0-9_.-]+)?="[^"]*"')
#: What a table kept as text (:meth:`FreshRegions.take`) holds none of.
_NOT_PLAIN = (
    b"<w:bookmark",
    b"<w:comment",
    b"xmlns",
    b"docPr",
    b"cNvPr",
    b"<w:drawing",
    b"<w:pict",
    b"<w:object",
    b"<w:fld",
    b"<w:instrText",
    b"<w:sectPr",
    b"\r",
    b"\n",
    b"\t",
)
_STYLES = (b"<w:pStyle", b"<w:rStyle", b"<w:tblStyle")
#: An empty text as vlr's tables write it, and as lxml writes it.
_EMPTY_TEXT, _EMPTY_TEXT_AS_LXML = b'<w:t xml:space="preserve"></w:t>', b'<w:t xml:space="preserve"/>'
_PARTS = re.compile(rb'\sxmlns(?::([A-Za-z0-9_.-]+))?="([^"]*)"')


class FreshRegions:
    """The regions of a fresh build (``package``): where each stands among the body's
    children (:attr:`spans`), its blocks (:meth:`blocks`), and blocks of it to place in
    another document (:meth:`take`)."""

    def __init__(self, package: Package):
        self.package = package
        self._text = _BodyText.of(package.parts[DOCUMENT])
        self._parsed: dict[str, list] = {}
        #: whether the regions were read from the text (else the document was parsed whole)
        self.from_text = self._text is not None
        if self._text is not None:
            self.spans = self._text.spans
        else:  # not written the way vlr writes: the tree
            self._found = R.find(package.body)
            position = {id(c): i for i, c in enumerate(package.body)}
            self.spans = {
                name: (position[id(r.blocks[0])], position[id(r.blocks[-1])])
                for name, r in self._found.items()
                if r.blocks
            }

    def blocks(self, name: str) -> list:
        """The blocks of region ``name`` (kept: asked again, the same elements)."""
        if name not in self._parsed:
            self._parsed[name] = self._text.blocks(name) if self._text is not None else self._found[name].blocks
        return self._parsed[name]

    def take(self, name: str, into: Package | None = None, tables_as_text: bool = True) -> list:
        """Blocks of region ``name`` to place in the body of another package, ``into``: those
        :meth:`blocks` gave, where they were parsed from the text for it (the fresh build needs
        them no more), else copies; and, with ``tables_as_text``, tables that hold only text and
        styles as stand-ins for their text (:meth:`Package.keep_as_text`)."""
        if self._text is None:
            return [copy.deepcopy(b) for b in self.blocks(name)]
        return self._parsed.pop(name, None) or self._text.blocks(name, into, tables_as_text)

    @property
    def linkless(self) -> set:
        """Blocks taken whose text holds no link to another part (a picture, a hyperlink): not
        to be searched for one."""
        return self._text.linkless if self._text is not None else set()


class _BodyText:
    """The body of a document.xml as vlr writes it, read from its text: the span of each
    child element, and the regions (:func:`regions.find`) by the indexes of their first and
    last blocks among those children."""

    def __init__(self, xml: bytes, body_start: int, body_end: int):
        self.xml = xml
        self.declarations = _declarations(xml)
        #: prefix (None: the default namespace) → namespace, as the root declares them
        self.namespaces = {
            (m.group(1).decode() if m.group(1) else None): m.group(2).decode()
            for m in map(_PARTS.match, self.declarations)
        }
        self.link_prefixes = [p.encode() for p, uri in self.namespaces.items() if p and uri == REL]
        self.linkless: set = set()
        self.children = _children(xml, body_start, body_end)
        self.starts = [start for start, _, _ in self.children]
        self.regions = self._find(body_start, body_end)
        self.spans = {name: (blocks[0], blocks[-1]) for name, blocks in self.regions.items() if blocks}

    @classmethod
    def of(cls, xml: bytes) -> _BodyText | None:
        """``xml`` read from its text, or None where it is not written the way vlr writes it."""
        w = f'xmlns:w="{W}"'.encode()
        if (
            xml.count(b"<!--")
            or xml.count(b"<![CDATA[")
            or xml.count(b"<?", 1)
            or xml.count(b"xmlns:w=") != xml.count(w)
            or xml.count(f'"{W}"'.encode()) != xml.count(w)
        ):
            return None  # a comment, CDATA or processing instruction; Word's namespace not as w:
        body = re.search(rb"<w:body(?:\s[^>]*)?>", xml)
        end = xml.rfind(b"</w:body>")
        if body is None or end < body.end():
            return None
        try:
            return cls(xml, body.end(), end)
        except ValueError:
            return None

    def _child(self, offset: int) -> int | None:
        """The index of the child of the body that holds the text at ``offset``."""
        i = bisect.bisect_right(self.starts, offset) - 1
        return i if i >= 0 and offset < self.children[i][1] else None

    def _find(self, body_start: int, body_end: int) -> dict[str, list[int]]:
        """:func:`regions.find` on the text: each region's blocks, as indexes of children."""
        starts: dict[str, list] = {}
        by_id: dict[bytes, str] = {}
        all_ends = []
        for m in _MARK.finditer(self.xml, body_start, body_end):
            ident = _ID.search(m.group(2))
            ident = ident.group(1) if ident else None
            if m.group(1) == b"End":
                all_ends.append((m, ident))
                continue
            named = _NAME.search(m.group(2))
            name = R.region_name(html.unescape(named.group(1).decode())) if named else None
            if name is not None:
                starts.setdefault(name, []).append(m)
                by_id[ident] = name
        ends: dict[str, list] = {}
        for m, ident in all_ends:
            if ident in by_id:
                ends.setdefault(by_id[ident], []).append(m)
        regions = {}
        for name, marks in starts.items():
            last_mark = ends[name][-1] if name in ends else marks[-1]
            a, b = self._child(marks[0].start()), self._child(last_mark.start())
            if a is None or b is None:
                continue
            if self.children[a][2] not in _BLOCKS:  # a bookmark at the level of the body: the block after it
                a += 1
            if self.children[b][2] not in _BLOCKS or (name in ends and self._opens(b, last_mark)):
                b -= 1  # as regions.find: an end opening a block that shows something belongs before it
            regions[name] = [i for i in range(a, b + 1) if self.children[i][2] in _BLOCKS]
        return regions

    def _opens(self, child: int, mark) -> bool:
        """:func:`regions._opens` on the text: nothing shown before ``mark`` in the child, something after."""
        start, end, _ = self.children[child]
        return _CONTENT.search(self.xml, start, mark.start()) is None and bool(
            _CONTENT.search(self.xml, mark.end(), end)
        )

    def blocks(self, name: str, into: Package | None = None, tables_as_text: bool = False) -> list:
        """The blocks of region ``name``, each parsed from its stretch of the text as a document
        of its own that declares the namespaces it uses: moved into another document, a block
        whose namespaces are declared above it costs lxml a walk over every element (ten
        times as long as the parse). Declarations it does not use are dropped, unless the body
        they go into (``into``'s) declares them all the same (lxml drops them then). With
        ``tables_as_text``, tables that hold only text and styles stand in for their text."""
        context = into.body.nsmap if into is not None else {}
        tidy = any(context.get(prefix) != uri for prefix, uri in self.namespaces.items())
        plain = self._plain_test(context) if into is not None and tables_as_text else None
        blocks = []
        for start, end, tag in (self.children[i] for i in self.regions[name]):
            if plain is not None and tag == b"tbl" and plain(start, end):
                blocks.append(into.keep_as_text(self.xml[start:end].replace(_EMPTY_TEXT, _EMPTY_TEXT_AS_LXML)))
                continue
            head = self.xml.find(b">", start, end)
            declared = {d.split(b"=")[0] for d in _DECLARATION.findall(self.xml, start, head)}
            at = start + 3 + len(tag)  # after "<w:tbl"
            xml = b"".join(
                [
                    self.xml[start:at],
                    *(d for d in self.declarations if d.split(b"=")[0] not in declared),
                    self.xml[at:end],
                ]
            )
            block = etree.fromstring(xml)
            if tidy:
                etree.cleanup_namespaces(block)
            if not self._links(start, end):
                self.linkless.add(block)
            blocks.append(block)
        return blocks

    def _plain_test(self, context: dict):
        """A test of whether ``xml[start:end]``, a table, holds only text and styles, written as
        lxml writes it, that reads the same in the body of namespaces ``context``: nothing the
        merge renumbers or looks into (bookmarks, comments, pictures, links, fields, section
        breaks), no namespace declared in it, no prefix that ``context`` binds otherwise, no
        line break or tab as a character (lxml writes those in attributes as references), a
        style as ``w:val``, first; None where ``context`` binds Word's namespace otherwise."""
        if [p for p, uri in context.items() if uri == W] != ["w"] or None in context:
            return None
        foreign = [
            b"%s%s:" % (before, p.encode())
            for p, uri in self.namespaces.items()
            if p and p != "w" and context.get(p) != uri
            for before in (b"<", b" ")
        ]
        absent = (*_NOT_PLAIN, *foreign)
        xml = self.xml

        def plain(start: int, end: int) -> bool:
            return (
                all(xml.find(part, start, end) == -1 for part in absent)
                and not self._links(start, end)
                and all(_named_first(xml, tag, start, end) for tag in _STYLES)
            )

        return plain

    def _links(self, start: int, end: int) -> bool:
        """Whether ``xml[start:end]`` may hold a link to another part: an attribute of the
        relationships' namespace (vlr writes one space before each attribute), or a namespace
        declared in it (which could name that namespace otherwise)."""
        return self.xml.find(b"xmlns", start, end) != -1 or any(
            self.xml.find(b" " + prefix + b":", start, end) != -1 for prefix in self.link_prefixes
        )


def _named_first(xml: bytes, tag: bytes, start: int, end: int) -> bool:
    """Whether each ``tag`` (``<w:pStyle``) in ``xml[start:end]`` gives its ``w:val`` first."""
    at = xml.find(tag, start, end)
    while at != -1:
        if not xml.startswith(b' w:val="', at + len(tag)):
            return False
        at = xml.find(tag, at + len(tag), end)
    return True


def _declarations(xml: bytes) -> list[bytes]:
    """The namespace declarations of the document's root (`` xmlns:w="…"``)."""
    root = re.search(rb"<w:document\b[^>]*>", xml)
    if root is None:
        raise ValueError("no w:document")
    return _DECLARATION.findall(root.group(0))


def _children(xml: bytes, start: int, end: int) -> list[tuple[int, int, bytes]]:
    """(start, end, name) of each element in ``xml[start:end]`` (the body's children)."""
    children = []
    at = xml.find(b"<", start, end)
    while at != -1:
        tag = _TAG.match(xml, at, end)
        if tag is None:
            raise ValueError(f"not an element of Word's namespace at {at}")
        name = tag.group(1)
        close = tag.end() if tag.group(2) else _end_of(xml, name, tag.end(), end)
        children.append((at, close, name))
        at = xml.find(b"<", close, end)
    return children


def _end_of(xml: bytes, name: bytes, start: int, end: int) -> int:
    """Where the element named ``name`` whose start tag ends at ``start`` ends: after the end
    tag that closes it, counting the elements of the same name it holds (a table in a table).
    Searched for as plain bytes, which is several times quicker than a pattern."""
    opening, closing = b"<w:" + name, b"</w:" + name + b">"
    depth, at = 1, start
    while True:
        close = xml.find(closing, at, end)
        if close == -1:
            raise ValueError(f"w:{name.decode()} is not closed")
        depth += _opened(xml, opening, at, close) - 1
        at = close + len(closing)
        if depth == 0:
            return at


def _opened(xml: bytes, opening: bytes, start: int, end: int) -> int:
    """How many elements ``opening`` (``<w:tbl``) opens in ``xml[start:end]`` and leaves open:
    not ``<w:tblPr>``, which only begins the same way, nor an empty ``<w:tbl/>``."""
    count, at = 0, xml.find(opening, start, end)
    while at != -1:
        after = at + len(opening)
        if xml[after : after + 1] in (b" ", b">", b"/", b"\t", b"\n", b"\r"):
            count += xml[xml.find(b">", after, end) - 1] != ord("/")
        at = xml.find(opening, after, end)
    return count
