"""The draft's package: a .docx opened for editing (:class:`Package`, its zip parts as
bytes, the document and its relationships parsed) and written again, sealed; what an
update or a carry-over gives back (:class:`Merged`); the names of the parts and of the
XML they hold."""

from __future__ import annotations

import functools
import io
import posixpath
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from vlr.draft import regions as R
from vlr.output import deterministic_zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
COMMENTS_REL = REL + "/comments"
DOCUMENT = "word/document.xml"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
ORIGIN_PROPERTY = "vlr:origin"


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

    def save(self, properties: dict[str, str], section_breaks: list | None = None) -> bytes:
        """The package written again, sealed with ``properties``. ``section_breaks``: the
        document's ``w:sectPr``, where they were gathered already."""
        if self.comments is not None:
            self.parts[self.comments_part] = etree.tostring(
                self.comments, xml_declaration=True, encoding="UTF-8", standalone=True
            )
        section_breaks_in_order(self.root, section_breaks)
        self.parts[DOCUMENT] = etree.tostring(self.root, xml_declaration=True, encoding="UTF-8", standalone=True)
        self.parts[DOCUMENT_RELS] = etree.tostring(self.rels, xml_declaration=True, encoding="UTF-8", standalone=True)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            for name in self.names:
                if name in self.parts:
                    z.writestr(name, self.parts[name])
        seal = R.Seal(properties, self.parts.get(R.CUSTOM_PART))
        return deterministic_zip(buffer.getvalue(), transform=seal.transform(), append=seal)


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
