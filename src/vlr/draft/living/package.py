"""The draft's package: a .docx opened for editing (:class:`Package`, its zip parts as
bytes, the document and its relationships parsed) and written again, sealed; what an
update or a carry-over gives back (:class:`Merged`); the names of the parts and of the
XML they hold."""

from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from vlr.draft import regions as R
from vlr.output import deterministic_package

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
COMMENTS_REL = REL + "/comments"
DOCUMENT = "word/document.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
ORIGIN_PROPERTY = "vlr:origin"
#: The attribute of an empty table standing in for one kept as text (:meth:`Package.keep_as_text`).
KEPT = "vlr-kept"
_STAND_IN = re.compile(rb'<w:tbl vlr-kept="(\d+)"/>')


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


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
        #: tables placed in the body as their XML text (:meth:`keep_as_text`): key → text
        self.kept: dict[str, bytes] = {}
        self._standing_in: dict[str, etree._Element] = {}
        self._parsed: dict[str, etree._Element] = {}  # the tables parsed into the stand-ins' places

    @functools.cached_property
    def root(self):
        """The document, parsed when first needed (a fresh draft often is not)."""
        return etree.fromstring(self.parts[DOCUMENT])

    @property
    def body(self):
        return self.root.find(w("body"))

    def gather(self, in_body: tuple, anywhere: tuple = ()) -> dict[str, list]:
        """The elements of the tags ``in_body`` in the body and of ``anywhere`` in the whole
        document, by tag, in document order: one walk over a document that may hold a million
        elements, instead of one a tag."""
        found: dict[str, list] = {tag: [] for tag in (*in_body, *anywhere)}
        body = self.body
        for child in self.root:
            for element in child.iter(*in_body, *anywhere) if child is body else child.iter(*anywhere):
                found[element.tag].append(element)
        return found

    def keep_as_text(self, xml: bytes):
        """An empty ``w:tbl`` to stand in the body for the table ``xml``, written as that text
        when the package is saved. A fresh table of thousands of cells costs seconds as
        elements (parsed, walked, written, freed) and no step of an update looks into one that
        holds only text and styles (:meth:`~vlr.draft.living.fresh.FreshRegions.take` keeps
        only such, written as lxml would write them); a step that does takes it as elements
        (:meth:`materialize`)."""
        key = str(len(self.kept))
        self.kept[key] = xml
        self._standing_in[key] = stand_in = etree.Element(w("tbl"), {KEPT: key})
        return stand_in

    def _key(self, element) -> str | None:
        """The key of the text ``element`` stands in for, or None for an element of its own."""
        key = element.get(KEPT) if element.tag == w("tbl") else None
        return key if key is not None and self._standing_in.get(key) is element else None

    def kept_text(self, element) -> bytes | None:
        """The text ``element`` stands in for (not parsed into its place yet), or None."""
        key = self._key(element)
        return self.kept[key] if key is not None and key not in self._parsed else None

    def keep_text(self, element, xml: bytes) -> None:
        """The text ``element`` (a stand-in) stands in for, changed to ``xml``."""
        self.kept[element.get(KEPT)] = xml

    def materialize(self, element):
        """The table a stand-in stands in for, parsed and put in its place (once: asked again,
        the same table); any other element as it is."""
        key = self._key(element)
        if key is None:
            return element
        if key not in self._parsed:
            xml = self.kept[key]
            declarations = "".join(f' xmlns:{p}="{uri}"' for p, uri in self.body.nsmap.items() if p)
            self._parsed[key] = etree.fromstring(xml[:6] + declarations.encode() + xml[6:])  # after "<w:tbl"
            if element.getparent() is not None:
                element.getparent().replace(element, self._parsed[key])
        return self._parsed[key]

    def _spliced(self, xml: bytes) -> bytes | None:
        """``xml`` (the document written) with each stand-in replaced by its text; None where a
        stand-in in the body was not written as one (the body's prefix for Word's namespace not
        ``w``): the tables are then parsed into their places."""
        body = self.body
        standing = {key for key, e in self._standing_in.items() if e.getparent() is body and key not in self._parsed}
        pieces = _STAND_IN.split(xml)
        if {pieces[i].decode() for i in range(1, len(pieces), 2)} != standing or len(pieces) // 2 != len(standing):
            return None
        out = [pieces[0]]
        for i in range(1, len(pieces), 2):
            out += [self.kept[pieces[i].decode()], pieces[i + 1]]
        return b"".join(out)

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

    def save(self, properties: dict[str, str], section_breaks: list | None = None) -> bytes:
        """The package written again, sealed with ``properties``. ``section_breaks``: the
        document's ``w:sectPr``, where they were gathered already."""
        if self.comments is not None:
            self.parts[self.comments_part] = etree.tostring(
                self.comments, xml_declaration=True, encoding="UTF-8", standalone=True
            )
        section_breaks_in_order(self.root, section_breaks)
        xml = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
        if any(e.getparent() is not None for e in self._standing_in.values()):
            spliced = self._spliced(xml)
            if spliced is None:
                for element in self._standing_in.values():
                    self.materialize(element)
                spliced = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
            xml = spliced
        self.parts[DOCUMENT] = xml
        self.parts[DOCUMENT_RELS] = etree.tostring(self.rels, xml_declaration=True, encoding="UTF-8", standalone=True)
        seal = R.Seal(properties, self.parts.get(R.CUSTOM_PART))
        entries = ((name, self.parts[name]) for name in self.names if name in self.parts)
        return deterministic_package(entries, transform=seal.transform(), append=seal)


@dataclass
class Merged:
    data: bytes
    #: What was done, a line each: "refreshed goal-11-facts", "kept goal-4-text (your text)", …
    report: list[str] = field(default_factory=list)


def section_breaks_in_order(root, breaks: list | None = None) -> None:
    """A section break (``w:sectPr``) at the end of its paragraph's properties, where the
    schema puts it (after ``w:rPr``, before ``w:pPrChange``): LibreOffice writes it first,
    which Word repairs and Word for the web refuses. Only the break moves. ``breaks``: the
    section breaks of ``root``, where they were gathered already."""
    for sect in list(root.iter(w("sectPr")) if breaks is None else breaks):
        ppr = sect.getparent()
        if ppr.tag != w("pPr") or sect.getnext() is None:
            continue
        change = ppr.find(w("pPrChange"))
        if change is not None:
            change.addprevious(sect)
        else:
            ppr.append(sect)
