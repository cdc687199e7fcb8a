"""Accessibility checks of a Word document, after EN 301 549 (WCAG 2.1 applied to
documents): what a public body must get right before it publishes.

Findings use the same model as the workbook checks (:mod:`vlr.findings`), with the
document's paragraph, table or picture as the place, and the rules of ``vlr check-docx``
in the catalogue (:mod:`vlr.rules`): what EN 301 549 asks (alt text, header rows, real
lists, contrast, heading levels, the document's language and title, no empty paragraphs
for spacing), what makes a page unreadable however it is read (tables and pictures
wider than the text area, more than :data:`MAX_COLUMNS` columns, columns narrower than
:data:`NARROW_CM`), and what makes Word call the file damaged (:mod:`vlr.draft.wordfile`).
"""

from __future__ import annotations

import re
from pathlib import Path

from vlr import rules
from vlr.charts.colours import contrast
from vlr.draft.wordfile import check_package
from vlr.exceptions import UnreadableInput
from vlr.findings import Finding, Message, Report, later
from vlr.formatting import _
from vlr.rules import Rule

#: Narrowest column that still holds a number of four digits in 8-point table text.
NARROW_CM = 0.7
MAX_COLUMNS = 63
_TWIPS_PER_CM = 567
_EMU_PER_TWIP = 635
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_FAKE_LIST = re.compile(r"^\s*(?:[\u2022\u25cf\u25aa\u25e6\u2013\u2014*\-]\s+|\(?\d{1,2}[.)]\s+|\(?[a-z][.)]\s+)")
HIGHLIGHTS = {
    "yellow": "FFFF00",
    "green": "00FF00",
    "cyan": "00FFFF",
    "magenta": "FF00FF",
    "blue": "0000FF",
    "red": "FF0000",
    "darkBlue": "000080",
    "darkCyan": "008080",
    "darkGreen": "008000",
    "darkMagenta": "800080",
    "darkRed": "800000",
    "darkYellow": "808000",
    "darkGray": "808080",
    "lightGray": "C0C0C0",
    "black": "000000",
    "white": "FFFFFF",
}


def check_docx(path: str | Path) -> Report:
    """The accessibility and layout findings of the .docx at ``path``; an
    :class:`~vlr.exceptions.UnreadableInput` for a file that is not a readable Word document."""
    path = Path(path)
    document = _open(path)
    shown = str(path)
    findings: list[Finding] = []

    def add(rule: Rule, place: str, message: Message, hint: Message | None = None) -> None:
        findings.append(Finding.of(rule, message, hint, file=shown, cell=place))

    _properties(document, add)
    _paragraphs(document, add)
    _tables_and_pictures(document.element.body, add)
    _layout(document.element.body, add)
    check_package(path, add)  # what Word is strict about: order, ids, relationships
    return Report.of(findings)


def _open(path: Path):
    """The document at ``path``, read within bounds and checked whole first
    (:func:`vlr.inputs.check_package`): a damaged or hostile file is one line."""
    import io

    import docx

    from vlr.inputs import check_package as check_whole
    from vlr.inputs import read_bytes

    data = read_bytes(path, "docx", what="document")
    if not data:
        raise UnreadableInput(_("{path}: the file is empty (0 bytes), not a Word document.").format(path=path))
    if data[:4] != b"PK\x03\x04":
        raise UnreadableInput(
            _("{path}: not a Word document (.docx); a .doc or another file must be saved as .docx first.").format(
                path=path
            )
        )
    check_whole(path, data, "Word document")
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:
        reason = " ".join(str(exc).split())[:200]
        raise UnreadableInput(
            _("{path}: cannot be opened as a Word document; it may be damaged ({reason}).").format(
                path=path, reason=reason
            )
        ) from None


def _properties(document, add) -> None:
    """A title and a language, in the properties or the default style."""
    from docx.oxml.ns import qn

    if not (document.core_properties.title or "").strip():
        add(rules.TITLE_MISSING, "properties", later._("the document has no title in its properties."))
    lang = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    if (lang is None or not lang.get(qn("w:val"))) and not (document.core_properties.language or "").strip():
        add(rules.LANGUAGE_MISSING, "properties", later._("the document's language is not set."))


def _has_content(p, text: str) -> bool:
    from docx.oxml.ns import qn

    return bool(text.strip()) or any(
        p.find(f".//{qn(tag)}") is not None for tag in ("w:drawing", "w:instrText", "w:fldSimple", "w:object", "w:pict")
    )


def _paragraphs(document, add) -> None:
    """Empty paragraphs used for spacing, lists typed by hand, skipped heading levels, and
    text whose contrast is too low, paragraph by paragraph."""
    from docx.oxml.ns import qn

    style_colours, names = _style_colours(document), _style_names(document)
    last_heading = 0
    for n, p in enumerate(document.element.body.iter(qn("w:p")), 1):
        in_table = _ancestor(p, qn("w:tc"))
        style = _style_name(names, p)
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        section_break = p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
        if not _has_content(p, text) and not in_table and not section_break:
            add(rules.PARAGRAPH_EMPTY, f"paragraph {n}", later._("an empty paragraph, probably used for spacing."))
        if _item_marker(document, names, p, text) and _beside_an_item(document, names, p, text):
            add(
                rules.LIST_FAKE,
                f"paragraph {n}",
                later._("'{text}' looks like a list item typed by hand.", text=text[:40]),
            )
        level = _heading_level(style)
        if level:
            if last_heading and level > last_heading + 1:
                add(
                    rules.HEADING_SKIP,
                    f"paragraph {n}",
                    later._(
                        "heading level {level} follows level {previous}: '{text}'.",
                        level=level,
                        previous=last_heading,
                        text=text[:40],
                    ),
                    later._("use Heading {level} here, or add the missing level", level=last_heading + 1),
                )
            last_heading = level
        _contrast(p, n, style_colours.get(style), level, add)


def _contrast(p, n: int, style_colour: str | None, level: int, add) -> None:
    """The first run of the paragraph whose text is below 4.5:1 (3:1 when large) on its background."""
    from docx.oxml.ns import qn

    background = _cell_fill(p) or "FFFFFF"
    for r in p.iter(qn("w:r")):
        rtext = "".join(t.text or "" for t in r.iter(qn("w:t")))
        if not rtext.strip():
            continue
        colour = _run_colour(r) or style_colour
        if not colour:
            continue
        back = _highlight(r) or background
        ratio = contrast(colour, back)
        needed = 3.0 if _large(r, level) else 4.5
        if ratio < needed:
            add(
                rules.CONTRAST_LOW,
                f"paragraph {n}",
                later._(
                    "text '{text}' in #{colour} on #{background} has a contrast of {ratio}:1, below {needed}:1.",
                    text=rtext.strip()[:30],
                    colour=colour,
                    background=back,
                    ratio=format(ratio, ".1f"),
                    needed=format(needed, "g"),
                ),
            )
            return


def _tables_and_pictures(body, add) -> None:
    """Tables without a header row, pictures without alt text."""
    from docx.oxml.ns import qn

    for n, tbl in enumerate(body.iter(qn("w:tbl")), 1):
        first = tbl.find(qn("w:tr"))
        if first is None:
            continue
        if first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None:
            add(
                rules.TABLE_HEADER_MISSING,
                f"table {n}",
                later._("the table's first row is not marked as a header row."),
            )
    for n, doc_pr in enumerate(
        body.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"), 1
    ):
        if not (doc_pr.get("descr") or "").strip():
            add(
                rules.PICTURE_ALT_MISSING,
                f"picture {n}",
                later._("picture '{name}' has no alt text.", name=doc_pr.get("name", "")),
            )


def _text_width(sect_pr) -> int:
    """Twips between the margins of a section (A4 with 2.5 cm margins when unsaid)."""
    from docx.oxml.ns import qn

    size = sect_pr.find(qn("w:pgSz")) if sect_pr is not None else None
    margins = sect_pr.find(qn("w:pgMar")) if sect_pr is not None else None

    def twips(el, name: str, default: int) -> int:
        value = el.get(qn(f"w:{name}")) if el is not None else None
        try:
            return int(float(value)) if value is not None else default
        except ValueError:
            return default

    return twips(size, "w", 11906) - twips(margins, "left", 1418) - twips(margins, "right", 1418)


def _sections(body) -> list[tuple[list, int]]:
    """The body's top-level elements by section, each with its text width: a ``sectPr``
    in a paragraph ends a section; the body's own ``sectPr`` is the last one's."""
    from docx.oxml.ns import qn

    sections, current = [], []
    for child in body:
        if child.tag == qn("w:sectPr"):
            continue
        current.append(child)
        if child.tag == qn("w:p"):
            inner = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
            if inner is not None:
                sections.append((current, _text_width(inner)))
                current = []
    sections.append((current, _text_width(body.find(qn("w:sectPr")))))
    return sections


def _layout(body, add) -> None:
    from docx.oxml.ns import qn

    table_no = picture_no = 0
    # keyed by the elements themselves, which keeps their proxies alive: lxml gives the same
    # proxy for a node only while one exists, so an id() could be a freed proxy's, reused
    all_tables = {t: n for n, t in enumerate(body.iter(qn("w:tbl")), 1)}
    for elements, width in _sections(body):
        cm = lambda twips: f"{twips / _TWIPS_PER_CM:.1f} cm"  # noqa: E731
        for el in elements:
            for tbl in [el] if el.tag == qn("w:tbl") else []:
                table_no = all_tables.get(tbl, table_no)
                cols = []
                for col in tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"):
                    try:
                        cols.append(int(float(col.get(qn("w:w")) or 0)))
                    except ValueError:
                        cols.append(0)
                if len(cols) > MAX_COLUMNS:
                    add(
                        rules.TABLE_COLUMNS_TOO_MANY,
                        f"table {table_no}",
                        later._("the table has {n} columns; Word holds at most {most}.", n=len(cols), most=MAX_COLUMNS),
                    )
                if sum(cols) > width * 1.02:
                    add(
                        rules.TABLE_TOO_WIDE,
                        f"table {table_no}",
                        later._(
                            "the table is {width} wide, wider than the {text_width} between the margins.",
                            width=cm(sum(cols)),
                            text_width=cm(width),
                        ),
                    )
                narrow = [i for i, c in enumerate(cols, 1) if 0 < c < NARROW_CM * _TWIPS_PER_CM]
                if narrow:
                    add(
                        rules.TABLE_COLUMN_NARROW,
                        f"table {table_no}",
                        later.n_(
                            "{n} column is narrower than {narrowest} cm (column {first}: {width}), too narrow for a "
                            "number.",
                            "{n} columns are narrower than {narrowest} cm (column {first}: {width}), too narrow for a "
                            "number.",
                            len(narrow),
                            narrowest=format(NARROW_CM, "g"),
                            first=narrow[0],
                            width=cm(cols[narrow[0] - 1]),
                        ),
                    )
            for extent in el.iter(f"{_WP}extent"):
                picture_no += 1
                try:
                    cx = int(extent.get("cx") or 0)
                except ValueError:
                    continue
                if cx > width * _EMU_PER_TWIP * 1.02:
                    add(
                        rules.PICTURE_TOO_WIDE,
                        f"picture {picture_no}",
                        later._(
                            "the picture is {width} wide, wider than the {text_width} between the margins.",
                            width=cm(cx / _EMU_PER_TWIP),
                            text_width=cm(width),
                        ),
                    )


#: Styles whose paragraphs are never list items, whatever they begin with.
_NOT_ITEMS = ("Heading", "Title", "Subtitle", "Caption", "TOC")


def _item_marker(document, names: dict[str, str], p, text: str) -> str:
    """The marker of a list item typed by hand that ``p`` begins with (``-``, ``(a)``, ``2.``),
    or "" where it is none: a real list, a heading or caption, or no such start."""
    found = _FAKE_LIST.match(text) if text else None
    if not found:
        return ""
    style = _style_name(names, p)
    if style.startswith(_NOT_ITEMS) or _is_list(document, p, style):
        return ""
    return found.group(0).strip()


def _beside_an_item(document, names: dict[str, str], p, text: str) -> bool:
    """Whether the paragraph before or after ``p`` is another item of the same list typed by
    hand: a list has two items at least (the same bullet, or numbers or letters that differ).
    A name such as '(a) Number of bank branches' alone, or repeated in a heading and a
    sentence, is no list."""
    from docx.oxml.ns import qn

    mine = _item_marker(document, names, p, text)
    for q in (p.getprevious(), p.getnext()):
        if q is None or q.tag != qn("w:p"):
            continue
        theirs = _item_marker(document, names, q, "".join(t.text or "" for t in q.iter(qn("w:t"))))
        if theirs and (theirs == mine) == (not mine[0].isalnum() and not mine.startswith("(")):
            return True
    return False


def _ancestor(el, tag) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _style_name(names: dict[str, str], p) -> str:
    from docx.oxml.ns import qn

    ps = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    if ps is None:
        return "Normal"
    sid = ps.get(qn("w:val"))
    return names.get(sid, sid)


def _style_names(document) -> dict[str, str]:
    """Style ID → style name (the first style with an ID wins), worked out once a document."""
    names: dict[str, str] = {}
    for style in document.styles:
        names.setdefault(style.style_id, style.name)
    return names


def _heading_level(style: str) -> int:
    m = re.fullmatch(r"Heading (\d)", style or "")
    return int(m.group(1)) if m else 0


def _is_list(document, p, name: str) -> bool:
    """A paragraph numbered, or of a style (``name``) that is, or is based on, a list style."""
    from docx.oxml.ns import qn

    if p.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None:
        return True
    try:
        style = document.styles[name]
    except KeyError:
        return False
    while style is not None:
        if style.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}") is not None:
            return True
        style = style.base_style
    return False


def _style_colours(document) -> dict[str, str]:
    colours = {}
    for style in document.styles:
        s = style
        while s is not None:
            font = getattr(s, "font", None)
            rgb = font.color.rgb if font is not None and font.color is not None and font.color.type else None
            if rgb is not None:
                colours[style.name] = str(rgb)
                break
            s = getattr(s, "base_style", None)
    return colours


def _run_colour(r) -> str | None:
    from docx.oxml.ns import qn

    c = r.find(f"{qn('w:rPr')}/{qn('w:color')}")
    value = c.get(qn("w:val")) if c is not None else None
    return None if not value or value == "auto" else value


def _highlight(r) -> str | None:
    from docx.oxml.ns import qn

    h = r.find(f"{qn('w:rPr')}/{qn('w:highlight')}")
    return HIGHLIGHTS.get(h.get(qn("w:val"))) if h is not None else None


def _cell_fill(p) -> str | None:
    from docx.oxml.ns import qn

    parent = p.getparent()
    while parent is not None and parent.tag != qn("w:tc"):
        parent = parent.getparent()
    if parent is None:
        return None
    shd = parent.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
    fill = shd.get(qn("w:fill")) if shd is not None else None
    return None if not fill or fill == "auto" else fill


def _large(r, heading_level: int) -> bool:
    """WCAG large text: 18 pt, or 14 pt bold. Headings of levels 1-2 are large."""
    from docx.oxml.ns import qn

    if heading_level in (1, 2):
        return True
    sz = r.find(f"{qn('w:rPr')}/{qn('w:sz')}")
    bold = r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None
    size = int(sz.get(qn("w:val"))) / 2 if sz is not None else 11
    return size >= 18 or (bold and size >= 14)
