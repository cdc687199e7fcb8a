"""The table of contents of an updated draft: its entries made again from the headings
as the draft now stands (:func:`refresh_contents`), and Word asked to update its page
numbers on opening (:func:`mark_contents_dirty`)."""

from __future__ import annotations

import re

from docx.oxml.ns import nsdecls
from lxml import etree

from vlr.draft import regions as R
from vlr.draft.living.blocks import replace, xml_of
from vlr.draft.living.package import Package, w
from vlr.draft.word_settings import update_fields_on_open


def _contents(body) -> list | None:
    """The paragraphs of the table of contents (from the paragraph with the TOC field's code
    to the one with that field's end, as vlr writes it or Word updates it with entries that
    are fields themselves; children of the body or, as LibreOffice saves it, of a content
    control there), or None where it is not found. Looked for block by block: lxml's iter
    finds the next match before it gives one, so ``body.iter`` would walk the whole body
    for the contents near its start."""
    for instr in (i for block in body for i in block.iter(w("instrText"))):
        if "TOC" not in (instr.text or ""):
            continue
        first = instr.getparent().getparent()
        parent = first.getparent()
        if parent is not body and not (parent.tag == w("sdtContent") and parent.getparent().getparent() is body):
            return None  # LibreOffice's contents control at the top level is fine; anything deeper is not
        # the field ends where its own end is: Word's entries hold fields of their own
        # (PAGEREF, HYPERLINK), each with an end, so ends are counted against begins
        marks = list(first.iter(w("fldChar"), w("instrText")))
        at = marks.index(instr)
        begin = next(
            (
                i
                for i in range(at - 1, -1, -1)
                if marks[i].tag == w("fldChar") and marks[i].get(w("fldCharType")) == "begin"
            ),
            None,
        )
        if begin is None:
            return None
        depth, started, paragraphs, p = 0, False, [], first
        while p is not None:
            if p.tag == w("p"):
                paragraphs.append(p)
                for f in p.iter(w("fldChar")):
                    if p is first and not started:
                        if f is not marks[begin]:
                            continue
                        started = True
                    kind = f.get(w("fldCharType"))
                    depth += 1 if kind == "begin" else -1 if kind == "end" else 0
                    if depth == 0:
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
            text = "".join(t.text or "" for t in block.iter(w("t"))).strip() if m else ""
            if text:
                found.append((int(m.group(1)), text))
        block = block.getnext()
    return found


def refresh_contents(old: Package) -> bool:
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
    if R.region_text("".join(xml_of(mine))) == R.region_text("".join(xml_of(new))):
        return False
    for block in new:
        holder.remove(block)
    replace(mine, new)
    return True


def mark_contents_dirty(package: Package, instructions: list | None = None) -> None:
    """Ask Word to update the table of contents (and every field) on opening. ``instructions``:
    the body's field instructions (``w:instrText``), where they were gathered already."""
    for instr in package.body.iter(w("instrText")) if instructions is None else instructions:
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
        root = etree.fromstring(settings)
        update_fields_on_open(root)  # at its place in the schema's order, as Word wants it
        package.parts["word/settings.xml"] = etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
