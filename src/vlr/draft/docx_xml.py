"""The few raw WordprocessingML operations python-docx lacks, kept in one place.

Pictures with alt text, table header rows repeated on every page and accessible table
captions, a table of contents field, the document language, fast table building,
and opening a ``.dotx``. Paragraphs and runs are made by :mod:`vlr.draft.paragraphs`;
everything else goes through python-docx's own API.
"""

from __future__ import annotations

import io
import re
import zipfile

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def escape(text: str, quote: bool = False) -> str:
    """``text`` as XML character data (``&``, ``<`` and ``>`` escaped; with ``quote``, ``"``
    too), as ``xml.sax.saxutils.escape`` does: that module loads urllib, http and ssl, 20 ms
    of every build."""
    text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    return text.replace('"', "&quot;") if quote else text


# --- opening ---------------------------------------------------------------------------------


def docx_bytes_from_template(data: bytes) -> bytes:
    """A ``.dotx`` (Word template) as a ``.docx`` python-docx can open: only the main
    part's content type differs."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(b"wordprocessingml.template.main+xml", b"wordprocessingml.document.main+xml")
            dst.writestr(info, blob)
    return out.getvalue()


def package_entries(document) -> list[tuple[str, bytes]]:
    """The entries (name and bytes) of ``document``'s package, in the order and with the
    bytes ``document.save`` writes, but not zipped: :func:`vlr.output.deterministic_package`
    zips the draft once (saving first deflated every part, pictures too, only for them
    to be read back)."""
    from docx.opc.pkgwriter import PackageWriter

    class Entries(list):
        def write(self, pack_uri, blob: bytes) -> None:
            self.append((pack_uri.membername, blob))

    package, entries = document.part.package, Entries()
    for part in package.parts:
        part.before_marshal()
    parts = package.parts
    try:  # what PackageWriter.write does, into the list
        PackageWriter._write_content_types_stream(entries, parts)
        PackageWriter._write_pkg_rels(entries, package.rels)
        PackageWriter._write_parts(entries, parts)
    except AttributeError:  # a python-docx that writes its package otherwise
        buffer = io.BytesIO()
        document.save(buffer)
        saved = zipfile.ZipFile(buffer)
        return [(info.filename, saved.read(info.filename)) for info in saved.infolist()]
    return entries


def clear_body(document) -> None:
    """Remove the reference document's content, keeping its final section properties
    (page size, margins, headers and footers)."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


# --- document-wide settings ---------------------------------------------------------------------


def set_language(document, tag: str) -> None:
    """The document's language (``fi-FI``), on the default run properties of the styles."""
    styles = document.styles.element
    doc_defaults = styles.find(qn("w:docDefaults"))
    if doc_defaults is None:
        doc_defaults = parse_xml(f"<w:docDefaults {nsdecls('w')}/>")
        styles.insert(0, doc_defaults)
    rpr_default = doc_defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = parse_xml(f"<w:rPrDefault {nsdecls('w')}><w:rPr/></w:rPrDefault>")
        doc_defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = parse_xml(f"<w:rPr {nsdecls('w')}/>")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = parse_xml(f"<w:lang {nsdecls('w')}/>")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)
    lang.set(qn("w:bidi"), tag)


# --- fields, pictures, tables ---------------------------------------------------------------------


def add_toc(paragraph, levels: str = "1-3", placeholder: str = "") -> None:
    """A real TOC field in ``paragraph``: Word fills it on opening (with
    :func:`vlr.draft.word_settings.update_fields_on_open`), LibreOffice when asked to update indexes."""
    text = escape(placeholder)
    runs = (
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>',
        f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> TOC \\o "{levels}" \\h \\z \\u </w:instrText></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
        f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{text}</w:t></w:r>',
        f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>',
    )
    for run in runs:
        paragraph._p.append(parse_xml(run))


def remove_comments(element, ids: set[str] | None = None) -> None:
    """Take the anchors of comments (those whose id is in ``ids``, or all) out of
    ``element``: range starts and ends, and the runs holding their references."""
    for anchor in list(element.iter(qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:commentReference"))):
        if ids is not None and anchor.get(qn("w:id")) not in ids:
            continue
        parent = anchor.getparent()
        if anchor.tag == qn("w:commentReference"):  # the run holds only the reference
            parent.getparent().remove(parent)
        else:
            parent.remove(anchor)


def box(paragraph, fill: str = "F2F2F2", border: str = "A6A6A6") -> None:
    """Border and shade ``paragraph``: consecutive paragraphs boxed alike make one box,
    in Word and LibreOffice alike."""
    ppr = paragraph._p.get_or_add_pPr()
    sides = "".join(
        f'<w:{side} w:val="single" w:sz="6" w:space="4" w:color="{border}"/>'
        for side in ("top", "left", "bottom", "right")
    )
    ppr.append(parse_xml(f"<w:pBdr {nsdecls('w')}>{sides}</w:pBdr>"))
    ppr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))
    # pPr's children keep the schema's order: pStyle, keepNext, …, pBdr, shd, …, spacing, ind, jc
    order = [
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
    ]
    rank = {qn(f"w:{name}"): i for i, name in enumerate(order)}
    children = sorted(ppr, key=lambda el: rank.get(el.tag, len(order)))
    for child in children:
        ppr.remove(child)
        ppr.append(child)


def fill_toc(paragraph, entries: list[tuple[int, str]], style_ids: dict[int, str | None]) -> None:
    """Put ``entries`` (level, heading) in the result of the TOC field in ``paragraph``
    (made by :func:`add_toc`), a paragraph each, so that a viewer that does not update
    fields still shows the contents (without page numbers until Word updates it). The
    field then spans from ``paragraph`` to the last entry."""
    if not entries:
        return
    p = paragraph._p
    runs = p.findall(qn("w:r"))
    placeholder, end = runs[-2], runs[-1]
    placeholder.find(qn("w:t")).text = entries[0][1]
    p.remove(end)
    _toc_style(p, style_ids.get(entries[0][0]), entries[0][0])
    last = p
    for level, text in entries[1:]:
        new = parse_xml(
            f'<w:p {nsdecls("w")}><w:r><w:t xml:space="preserve">{escape(_INVALID_XML.sub("", text))}</w:t></w:r></w:p>'
        )
        _toc_style(new, style_ids.get(level), level)
        last.addnext(new)
        last = new
    last.append(end)


def _toc_style(p, style_id: str | None, level: int) -> None:
    """A contents line: the reference's ``TOC n`` style, else compact lines indented by level."""
    ppr = p.get_or_add_pPr()
    if style_id:
        ppr.style = style_id
        return
    ppr.append(parse_xml(f'<w:spacing {nsdecls("w")} w:before="0" w:after="40"/>'))
    if level > 1:
        ppr.append(parse_xml(f'<w:ind {nsdecls("w")} w:left="{220 * (level - 1)}"/>'))


class PictureAdder:
    """Inline pictures with alt text. python-docx finds each new picture's id by
    searching the whole document, and each new image's part name and duplicate by
    hashing every image already there (both quadratic in a long draft); here the ids and
    part names come from counters that start above those the document already holds,
    and each picture's bytes are hashed once."""

    def __init__(self, document):
        used = [int(v) for v in document.element.xpath("//@id") if v.isascii() and v.isdigit()]
        self.part = document.part
        # a city template's header or footer may hold pictures: ids are unique across parts
        for part in self.part.package.iter_parts():
            if part is not self.part and str(part.partname).startswith(("/word/header", "/word/footer")):
                element = getattr(part, "element", None)
                used += [
                    int(v) for v in (element.xpath("//wp:docPr/@id") if element is not None else []) if v.isdigit()
                ]
        self.next_id = max(used, default=0) + 1
        numbers = [
            int(m.group(1))
            for part in self.part.package.iter_parts()
            if (m := re.fullmatch(r"/word/media/image(\d+)\.\w+", str(part.partname)))
        ]
        self.next_image = max(numbers, default=0) + 1
        self.images: dict[str, tuple[str, object]] = {}  # sha1 → (rId, Image)
        self.sha_by_rid: dict[str, str] = {}
        self._free_rid = 1  # no rId below it is free: relationships are only added while drafting

    def _image(self, png_stream) -> tuple[str, object]:
        import hashlib

        from docx.image.image import Image
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.parts.image import ImagePart

        blob = png_stream.getvalue() if hasattr(png_stream, "getvalue") else png_stream.read()
        key = hashlib.sha1(blob).hexdigest()
        if key not in self.images:
            image = Image.from_blob(blob)
            part = ImagePart.from_image(image, PackURI(f"/word/media/image{self.next_image}.{image.ext}"))
            self.next_image += 1
            self.images[key] = (self._relate(part, RT.IMAGE), image)
            self.sha_by_rid[self.images[key][0]] = key
        return self.images[key]

    def _relate(self, part, reltype: str) -> str:
        """The rId of a new relationship to a new ``part``: the one python-docx's
        ``relate_to`` gives (the lowest free rId), without its two scans of every relationship
        (a new part matches none), which made a draft of 500 charts quadratic."""
        rels = self.part.rels
        while f"rId{self._free_rid}" in rels:
            self._free_rid += 1
        rid = f"rId{self._free_rid}"
        rels.add_relationship(reltype, part, rid)
        return rid

    def add(self, run, png_stream, width, description: str, title: str = ""):
        """An inline picture in ``run`` (a python-docx run or a ``w:r`` element): the
        elements python-docx's ``CT_Inline.new_pic_inline`` makes, parsed from one text
        instead of two templates filled in attribute by attribute."""
        rid, image = self._image(png_stream)
        cx, cy = image.scaled_dimensions(width, None)
        inline = parse_xml(
            _INLINE.format(ns=nsdecls("wp", "a", "pic", "r"), id=self.next_id, rid=rid, cx=cx, cy=cy).replace(
                "{filename}", escape(image.filename, quote=True)
            )
        )
        self.next_id += 1
        doc_pr = inline.find(qn("wp:docPr"))
        doc_pr.set("descr", description)
        if title:
            doc_pr.set("title", title)
        getattr(run, "_r", run).add_drawing(inline)
        return inline


#: A picture inline as python-docx makes it, with the distances LibreOffice needs (it adds
#: room around a picture without them).
_INLINE = (
    '<wp:inline {ns} distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
    '<wp:docPr id="{id}" name="Picture {id}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/>'
    '</wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
    '<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{{filename}}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
    '<a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>'
    '<a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic>'
    "</a:graphicData></a:graphic></wp:inline>"
)


_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _run_xml(text: str, bold: bool = False, colour: str | None = None, size: str = "") -> str:
    """A ``w:r``: its properties in the schema's order (bold, colour, size)."""
    text = _INVALID_XML.sub("", text)
    props = ("<w:b/>" if bold else "") + (f'<w:color w:val="{colour.lstrip("#")}"/>' if colour else "") + size
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    parts = text.split("\n")
    inner = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(p)}</w:t>' for p in parts)
    return f"<w:r>{rpr}{inner}</w:r>"


def table_xml(
    headers: list[str],
    rows: list[list],
    widths_twips: list[int],
    style_id: str | None,
    header_fill: str = "D9E2F3",
    cell_fills: dict[tuple[int, int], str] | None = None,
    align_right: set[int] | None = None,
    font_half_points: int | None = None,
    keep_together: bool = False,
    caption: str = "",
) -> str:
    """A ``w:tbl`` written in one go, as XML text (python-docx's cell API is slow on
    large tables): a header row marked to repeat on every page (``w:tblHeader``), rows
    that do not split across pages, fixed column widths, the accessible ``caption``.
    With ``keep_together`` every row keeps with the next, so a short table is not
    broken across pages. A cell holds text, or runs of (text, colour)."""
    fills = cell_fills or {}
    right = align_right or set()
    size = f'<w:sz w:val="{font_half_points}"/><w:szCs w:val="{font_half_points}"/>' if font_half_points else ""
    style = f'<w:tblStyle w:val="{style_id}"/>' if style_id else ""
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths_twips)
    borders = (
        "<w:tblBorders>"
        + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + "</w:tblBorders>"
    )

    def cell(text: str, j: int, fill: str | None, bold: bool, keep: bool = False) -> str:
        shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        keep_next = "<w:keepNext/>" if keep else ""  # before spacing: pPr is a sequence
        jc = '<w:jc w:val="right"/>' if j in right else ""
        parts = text if isinstance(text, list) else [(str(text), None)]
        run = "".join(_run_xml(t, bold, c, size) for t, c in parts)
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{widths_twips[j]}" w:type="dxa"/>{shd}</w:tcPr>'
            f'<w:p><w:pPr>{keep_next}<w:spacing w:before="20" w:after="20"/>{jc}</w:pPr>{run}</w:p></w:tc>'
        )

    head = "".join(cell(h, j, header_fill, True, keep_together) for j, h in enumerate(headers))
    body = []
    for i, row in enumerate(rows):
        keep = keep_together and i < len(rows) - 1
        cells = "".join(cell("" if v is None else v, j, fills.get((i, j)), False, keep) for j, v in enumerate(row))
        body.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
    xml = (
        f'<w:tbl {nsdecls("w")}><w:tblPr>{style}<w:tblW w:w="{sum(widths_twips)}" w:type="dxa"/>{borders}'
        f'<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        f'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>{_caption_xml(caption)}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head}</w:tr>{''.join(body)}</w:tbl>"
    )
    return xml


def _caption_xml(caption: str) -> str:
    text = escape(_INVALID_XML.sub("", caption), quote=True)
    return f'<w:tblCaption w:val="{text}"/>' if caption else ""


class Spliced:
    """Large parts of the body kept as XML text instead of python-docx elements (a
    table of thousands of cells is hundreds of thousands of elements in memory): the
    body holds a marker where each goes, and :meth:`splice` puts the text in its place
    in the saved document."""

    PART = "word/document.xml"

    def __init__(self):
        self.parts: list[str] = []
        #: The text a region reads in a part (:func:`vlr.draft.regions.region_text`), where known.
        self.texts: dict[int, str] = {}

    def marker(self, xml: str, text: str | None = None):
        """An element to put in the body where ``xml`` goes; ``text``, what a region reads in it."""
        from lxml import etree

        self.parts.append(xml)
        if text is not None:
            self.texts[len(self.parts) - 1] = text
        return etree.ProcessingInstruction("vlr-spliced", str(len(self.parts) - 1))

    def known_text(self, element) -> str | None:
        """The text a region reads in marker ``element``, where it was given; else None."""
        return self.texts.get(int(element.text)) if self.holds(element) else None

    def holds(self, element) -> bool:
        """Whether ``element`` is a marker of XML kept as text."""
        from lxml import etree

        return isinstance(element, etree._ProcessingInstruction) and element.target == "vlr-spliced"

    def edit(self, element, change) -> None:
        """Replace the text behind marker ``element`` with ``change(text)``."""
        n = int(element.text)
        self.parts[n] = change(self.parts[n])
        self.texts.pop(n, None)  # its text may have changed

    def text_of(self, element) -> str:
        """The XML of a block of the body: its spliced text for a marker."""
        from lxml import etree

        if isinstance(element, etree._ProcessingInstruction):
            return self.parts[int(element.text)]
        return etree.tostring(element, encoding="unicode")

    def splice(self, document_xml: bytes) -> bytes:
        """``document_xml`` with each marker replaced by its XML."""
        if not self.parts:
            return document_xml
        pieces = re.split(rb"<\?vlr-spliced (\d+)\?>", document_xml)
        out = [pieces[0]]
        for i in range(1, len(pieces), 2):
            out.append(self.parts[int(pieces[i])].replace(f" {nsdecls('w')}", "", 1).encode("utf-8"))
            out.append(pieces[i + 1])
        return b"".join(out)


def cell_run(tbl, row: int, column: int):
    """A new, empty run at the start of the first paragraph of a table's cell."""
    from docx.oxml import OxmlElement

    p = tbl.findall(qn("w:tr"))[row].findall(qn("w:tc"))[column].find(qn("w:p"))
    run = OxmlElement("w:r")
    ppr = p.find(qn("w:pPr"))
    p.insert(1 if ppr is not None else 0, run)
    return run


def set_table_caption(tbl, caption: str, description: str = "") -> None:
    """A table's accessible title and description (``w:tblCaption``, ``w:tblDescription``)."""
    tbl_pr = tbl.find(qn("w:tblPr"))
    for tag, value in (("w:tblCaption", caption), ("w:tblDescription", description)):
        if value:
            tbl_pr.append(parse_xml(f'<{tag} {nsdecls("w")} w:val="{escape(value, quote=True)}"/>'))


def set_paragraph_style(paragraph, style_id: str) -> None:
    """Give ``paragraph`` the style ``style_id`` (``w:pStyle``)."""
    paragraph._p.get_or_add_pPr().style = style_id
