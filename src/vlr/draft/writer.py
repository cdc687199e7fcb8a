"""The writer the chapters share: paragraphs, headings, placeholders, tables and figures
added to a python-docx document, counted per top-level section; and the reference
document the draft is built on (the house style, or the city's own .docx/.dotx)."""

from __future__ import annotations

import io
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from docx.oxml.ns import qn

from vlr.charts.colours import readable
from vlr.charts.figures import Chart
from vlr.draft import docx_xml
from vlr.draft.paragraphs import add_comment, add_run, keep_with_next, new_paragraph, space_before
from vlr.exceptions import TemplateError, UnreadableInput
from vlr.formatting import _
from vlr.texts.narrative import Block

TWIPS_PER_CM = 567


@dataclass
class SectionSummary:
    """What one top-level section holds, for the build's closing report."""

    title: str
    words: int = 0
    table_rows: int = 0
    figures: int = 0
    #: Headings that start a new page: the section has at least that many pages.
    new_pages: int = 0

    @property
    def pages(self) -> float:
        """A rough page count: 450 words, 30 table rows or 3 charts a page, half a
        page lost to each heading that starts a new page, and at least one page each."""
        estimate = self.words / 450 + self.table_rows / 30 + self.figures / 3 + self.new_pages / 2
        return max(self.new_pages, 0.5, round(estimate * 2) / 2)


class Writer:
    """Adds content to the document and counts it per top-level section."""

    def __init__(self, document, language: str, date=None, notes: bool = True):
        self.doc = document
        self.language = language
        #: The date of the notes in the margin; whether regions are marked, and generated ones noted.
        self.date, self.notes = date, notes
        self.summaries: list[SectionSummary] = []
        self.table_style = _style_id(document, "Table Grid", table=True)
        self.figure_no = 0
        self.table_no = 0
        self.section_changed(document.sections[-1])
        self.pictures = docx_xml.PictureAdder(document)
        self.spliced = docx_xml.Spliced()
        #: The regions marked so far: name → (kind, hash of its text) (:mod:`vlr.draft.regions`).
        self.regions: dict[str, tuple[str, str]] = {}
        #: Generated region name → the hash of each of its blocks (:func:`regions.block_hash`).
        self.block_records: dict[str, list[str]] = {}
        self._bookmark_id = 1000
        self._styles: dict = {}
        #: (level, text) of the headings the contents lists (levels 1 and 2).
        self.headings: list[tuple[int, str]] = []
        #: Where each placeholder was left: the heading above it.
        self.placeholders: list[str] = []
        #: A figure waiting for a second one to share its row.
        self._pending: list[tuple[Chart, str, int, bool]] = []

    # regions -------------------------------------------------------------------------------
    @contextmanager
    def region(self, name: str, kind: str):
        """Everything added inside the ``with`` block is the region ``name``: bookmarked,
        and its text hashed for the custom properties."""
        from vlr.draft import regions

        self.flush_figures()
        body = self.doc.element.body
        before = self._last_block()
        yield
        if not self.notes:  # the final document: for publication, not to be refreshed
            return
        self.flush_figures()
        blocks = []
        element = before.getnext() if before is not None else (body[0] if len(body) else None)
        while element is not None and element.tag != qn("w:sectPr"):
            blocks.append(element)
            element = element.getnext()
        marks = (qn("w:bookmarkStart"), qn("w:bookmarkEnd"))
        blocks = [b for b in blocks if b.tag not in marks]
        if not blocks:
            return
        if kind == regions.GENERATED and self.notes:
            self._note(blocks, regions.NOTE.format(name=name))
        xmls = [self.spliced.text_of(b) for b in blocks]
        xml = "".join(xmls)
        said = [  # each block's text, read once (or known: a table planned apart)
            known if (known := self.spliced.known_text(b)) is not None else regions.region_text(x)
            for b, x in zip(blocks, xmls)
        ]
        text = regions.hash_of_text(regions.joined_text(said))
        content = regions.content_hash(xml, text, lambda rid: self.pictures.sha_by_rid.get(rid, rid))
        self.regions[name] = (kind, regions.digest(text, content))
        if kind == regions.GENERATED:  # which of its blocks are vlr's, when people wrote among them
            self.block_records[name] = [regions.block_hash_of_text(t) for t in said]
        self._bookmark_id += 1
        regions.mark(blocks, name, self._bookmark_id, self.spliced)

    def _note(self, blocks: list, text: str) -> None:
        """A comment by vlr in the margin, on the first paragraph of ``blocks`` that has text."""
        from vlr.draft import regions

        first = next((b for b in blocks if b.tag == qn("w:p") and b.find(qn("w:r")) is not None), None)
        if first is None:
            return
        if self.date is not None:
            date = f"{self.date.isoformat()}T00:00:00Z"
            add_comment(self.doc, first, text, author=regions.NOTE_AUTHOR, initials="vlr", date=date)
            return
        from docx.text.paragraph import Paragraph  # dated now, as python-docx dates it

        runs = Paragraph(first, self.doc._body).runs
        self.doc.add_comment(runs, text=text, author=regions.NOTE_AUTHOR, initials="vlr")

    def _last_block(self):
        """The body's last element before its final section properties, or None."""
        body = self.doc.element.body
        try:
            last = body[-1]
        except IndexError:
            return None
        return last.getprevious() if last.tag == qn("w:sectPr") else last

    # headings and text -------------------------------------------------------------------
    def section(self, title: str, new_page: bool = True):
        self.summaries.append(SectionSummary(title))
        return self.heading(title, 1, new_page=new_page)

    def heading(self, text: str, level: int, colour: str | None = None, new_page: bool = False):
        p = self._add(self.style(f"Heading {level}"))
        if colour:
            from docx.shared import RGBColor

            add_run(p, text, [("color", str(RGBColor.from_string(readable(colour).lstrip("#"))))])
        else:
            add_run(p, text)
        if level <= 2:
            self.headings.append((level, text))
        if new_page:
            p.paragraph_format.page_break_before = True
            if self.summaries:
                self.summaries[-1].new_pages += 1
        self._count(text)
        return p

    def style(self, name: str | None):
        """The paragraph style ``name``, or None where the reference lacks it."""
        if name is None:
            return None
        if not self._styles:
            self._styles = _paragraph_styles(self.doc)
        return self._styles.get(name)

    def _add(self, style):
        """A new paragraph in ``style`` (a style object or None), its style set in the XML:
        python-docx's own setter compares every style of the document each time."""
        self.flush_figures()
        return self.new_paragraph(style)

    def new_paragraph(self, style=None):
        """An empty paragraph in ``style`` at the end of the body, before its final
        ``w:sectPr`` (python-docx's ``add_paragraph`` searches the body's children for it
        each time)."""
        from docx.text.paragraph import Paragraph

        p = new_paragraph(style)
        self._append(p)
        return Paragraph(p, self.doc._body)

    def _append(self, element) -> None:
        """Put ``element`` at the end of the body, before the final section properties
        (``body[-1]``, not ``len(body)``: lxml counts an element's children one by one)."""
        body = self.doc.element.body
        try:
            last = body[-1]
        except IndexError:
            last = None
        if last is not None and last.tag == qn("w:sectPr"):
            last.addprevious(element)
        else:
            body.append(element)

    def paragraph(self, text: str, style: str | None = None, italic: bool = False, bold: bool = False):
        p = self._add(self.style(style))
        self._clear_of_a_table(p)
        add_run(p, text, _emphasis(bold, italic))
        self._count(text)
        return p

    def blocks(self, blocks: list[Block]) -> None:
        for block in blocks:
            if block.kind == "bullet":
                self.paragraph(block.text, "List Bullet")
            elif block.kind == "placeholder":
                self.placeholder(block.text)
            else:
                self.paragraph(block.text)

    def _clear_of_a_table(self, p, points: int = 8) -> None:
        """Space above ``p`` where it follows a table, so that its text never touches the
        table's last border."""
        above = p._p.getprevious()
        if above is not None and (self.spliced.holds(above) or above.tag == qn("w:tbl")):
            space_before(p, points)

    def placeholder(self, text: str) -> None:
        p = self._add(None)
        self._clear_of_a_table(p)
        self.placeholders.append(self.headings[-1][1] if self.headings else "the cover")
        highlight = ("highlight", "yellow")
        add_run(p, _("TO WRITE: "), [*_emphasis(bold=True), highlight])
        add_run(p, text, [*_emphasis(italic=True), highlight])
        self._count(text)

    def bullets(self, items: list[str]) -> None:
        for item in items:
            self.paragraph(item, "List Bullet")

    # tables and figures --------------------------------------------------------------------
    def table(
        self,
        caption: str,
        headers: list[str],
        rows: list[list],
        widths_cm: list[float],
        right: set[int] | None = None,
        small: bool = False,
        after_table: bool = False,
        pictures: dict[tuple[int, int], tuple[bytes, str, float]] | None = None,
        keep_together: bool | None = None,
    ) -> None:
        """A captioned table. A cell may hold runs of (text, colour) instead of text;
        ``pictures`` puts (PNG, alt text, width in cm) at the start of cell (row, column)."""
        usable, style = self._usable_width_cm(), self.table_style
        xml = table_xml_for(caption, headers, rows, widths_cm, usable, style, right, small, keep_together)
        if not pictures:
            self.placed_table(caption, xml, len(rows), after_table=after_table)
            return
        self._caption(caption, after_table)
        tbl = docx_xml.parse_xml(xml)
        for (i, j), (png, alt, width_cm) in pictures.items():
            self.pictures.add(docx_xml.cell_run(tbl, i + 1, j), io.BytesIO(png), int(width_cm * 360000), alt)
        self._append(tbl)
        self.summaries[-1].table_rows += len(rows) + 1

    def placed_table(self, caption: str, xml: str, rows: int, after_table: bool = False, text: str | None = None):
        """A captioned table whose XML is made (:func:`table_xml_for`), kept as text until the
        document is saved (see :class:`docx_xml.Spliced`); ``text``, what
        :func:`regions.region_text` reads in it, where that is known."""
        self._caption(caption, after_table)
        self._append(self.spliced.marker(xml, text))
        self.summaries[-1].table_rows += rows + 1

    def _caption(self, caption: str, after_table: bool) -> None:
        self.table_no += 1
        cap = self.paragraph(_("Table {number}. {caption}").format(number=self.table_no, caption=caption), "Caption")
        keep_with_next(cap)
        if after_table:  # a table straight after another: space between them
            from docx.shared import Pt

            cap.paragraph_format.space_before = Pt(10)

    def picture(self, png: bytes, alt: str, width_cm: float, text: str = "", italic: bool = False):
        """A paragraph with a picture, and ``text`` beside it."""
        from docx.shared import Cm

        p = self._add(None)
        self.pictures.add(add_run(p), io.BytesIO(png), Cm(width_cm), alt)
        if text:
            add_run(p, "  " + text, _emphasis(italic=italic))
            self._count(text)
        return p

    def figure(self, chart: Chart, caption: str, full: bool = False) -> int:
        """A chart and its caption, two to a row: the figure waits for a second one (any
        other content placed first lets it go alone); ``full``: alone, as wide as the chart
        (at most the text). Returns its number."""
        if full:
            self.flush_figures()
        self.figure_no += 1
        self._pending.append((chart, caption, self.figure_no, full))
        self.summaries[-1].figures += 1
        if len(self._pending) == 2 or full:
            self.flush_figures()
        return self.figure_no

    def flush_figures(self) -> None:
        """Place the figures waiting: side by side in one paragraph, then their captions."""
        if not self._pending:
            return
        from docx.shared import Inches

        pending, self._pending = self._pending, []
        p = self.new_paragraph()
        self._clear_of_a_table(p, 12)  # a chart row never touches the table above it (a spliced block is a table)
        half = (self._usable_width_cm() - 0.8) / 2 / 2.54
        for n, (chart, caption, _number, full) in enumerate(pending):
            if n:
                add_run(p, "  ")  # room between the two
            width = min(chart.width_in, self._usable_width_cm() / 2.54 if full else half)
            self.pictures.add(add_run(p), io.BytesIO(chart.png), Inches(width), chart.alt_text, title=caption)
        keep_with_next(p)
        for n, (_chart, caption, number, _full) in enumerate(pending):
            where = "" if len(pending) == 1 else " " + (_("(left)") if n == 0 else _("(right)"))
            cap = self.new_paragraph(self.style("Caption"))
            add_run(cap, _("Figure {number}{where}. {caption}").format(number=number, where=where, caption=caption))
            if n < len(pending) - 1:
                keep_with_next(cap)
            self._count(caption)

    def new_section(self, landscape: bool) -> None:
        """Start a new section on a new page, turned to ``landscape`` or portrait."""
        from docx.enum.section import WD_ORIENT, WD_SECTION

        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        short, long = sorted((section.page_width, section.page_height))
        section.page_width, section.page_height = (long, short) if landscape else (short, long)
        self.section_changed(section)

    def section_changed(self, section) -> None:
        """Remember the text width of the section now being written (reading
        ``document.sections`` searches the whole document, too slow to do per table)."""
        self.width_cm = (section.page_width - section.left_margin - section.right_margin) / 360000

    def _usable_width_cm(self) -> float:
        return self.width_cm

    def _count(self, text: str) -> None:
        if self.summaries:
            self.summaries[-1].words += len(text.split())


def _emphasis(bold: bool = False, italic: bool = False) -> list[tuple[str, None]]:
    """The run properties of bold and italic text, in the schema's order (an empty list
    still makes the empty ``w:rPr`` python-docx's ``run.bold = None`` leaves)."""
    return [(tag, None) for tag, on in (("b", bold), ("i", italic)) if on]


def _paragraph_styles(document) -> dict:
    """The document's paragraph styles by name as python-docx names them (the first of a
    name), read in one pass: python-docx reads every style on each lookup by name."""
    from docx.styles import BabelFish
    from docx.styles.style import StyleFactory

    found: dict = {}
    for element in document.styles.element.iterchildren(qn("w:style")):
        name = element.find(qn("w:name"))
        name = name.get(qn("w:val")) if name is not None else None
        if name is not None and element.get(qn("w:type"), "paragraph") == "paragraph":
            found.setdefault(BabelFish.internal2ui(name), element)
    return {name: StyleFactory(element) for name, element in found.items()}


def _style_id(document, name: str, table: bool = False) -> str | None:
    try:
        return document.styles[name].style_id
    except KeyError:
        return None


def open_reference(path: Path | None):
    """The document to build on: the city's reference (.docx or .dotx), emptied of its
    content, or the shipped house style."""
    import docx

    if path is None:
        document = docx.Document()
        _house_style(document)
        return document
    from vlr.inputs import check_package, read_bytes

    try:
        data = read_bytes(path, "docx", what="Word template")
        check_package(Path(path), data, "Word template")  # unpacked and parsed whole before python-docx reads it
    except UnreadableInput as exc:
        raise TemplateError(f"--reference-docx {exc.message}") from None
    if Path(path).suffix.lower() == ".dotx":
        data = docx_xml.docx_bytes_from_template(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise TemplateError(f"--reference-docx {path}: not a Word document python-docx can open ({exc}).") from None
    docx_xml.clear_body(document)
    return document


def _house_style(document) -> None:
    """The shipped reference: A4, 2.5 cm margins, readable heading colours, page numbers."""
    from docx.shared import Cm, Pt, RGBColor

    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
        footer = section.footer.paragraphs[0]
        footer.alignment = 1
        for xml in ('<w:fldSimple {ns} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>',):
            from docx.oxml import parse_xml
            from docx.oxml.ns import nsdecls

            footer._p.append(parse_xml(xml.format(ns=nsdecls("w"))))
    styles = document.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(11)
    dark = {
        "Heading 1": "1F3864",
        "Heading 2": "1F3864",
        "Heading 3": "262626",
        "Title": "1F3864",
        "Subtitle": "404040",
        "Caption": "404040",
        "TOC Heading": "1F3864",
    }
    for name, colour in dark.items():
        style = styles[name]
        style.font.color.rgb = RGBColor.from_string(colour)
        style.font.name = "Calibri"
    styles["Caption"].font.size = Pt(9)
    styles["Caption"].font.italic = True
    styles["Subtitle"].font.italic = False


#: The width of a character of the tables' font, in ems: DejaVu Sans's (the widest a draft is shown in,
#: where Calibri and Carlito are missing) and a little more: a word made room for never breaks.
CHAR_EM = 0.66
#: A cell's left and right padding together, in cm.
CELL_PADDING_CM = 0.4


def turned_width_cm(section, landscape: bool) -> float:
    """The text width (cm) of ``section``'s page turned to ``landscape`` or portrait, its margins
    kept (as :meth:`Writer.new_section` turns it)."""
    short, long = sorted((section.page_width, section.page_height))
    return ((long if landscape else short) - section.left_margin - section.right_margin) / 360000


def table_xml_for(
    caption: str,
    headers: list[str],
    rows: list[list],
    widths_cm: list[float],
    usable_cm: float,
    style_id: str | None,
    right: set[int] | None = None,
    small: bool = False,
    keep_together: bool | None = None,
) -> str:
    """A table's XML (:func:`docx_xml.table_xml`) for a text ``usable_cm`` wide: the columns
    scaled down to it where they are wider, each at least as wide as its longest word; a short
    table (15 rows or fewer) kept on one page unless ``keep_together`` says."""
    total = sum(widths_cm)
    scale = min(1.0, usable_cm / total) if total else 1.0
    fitted = fit_words(headers, rows, [w * scale for w in widths_cm], 8 if small else 9)
    return docx_xml.table_xml(
        headers,
        rows,
        [int(w * TWIPS_PER_CM) for w in fitted],
        style_id,
        align_right=right,
        font_half_points=16 if small else 18,
        caption=caption,
        keep_together=len(rows) <= 15 if keep_together is None else keep_together,
    )


def fit_words(headers: list, rows: list[list], widths_cm: list[float], font_pt: float) -> list[float]:
    """``widths_cm`` with each column at least as wide as its longest word (of its heading and
    cells), the room taken from columns wider than their own longest word: no word is broken
    across lines ("accelerati-on"). Where the others have too little to spare, the short columns
    share what there is."""

    def words(cell) -> list[str]:
        text = cell if isinstance(cell, str) else "".join(t for t, _ in cell) if isinstance(cell, list) else str(cell)
        return text.split()

    em_cm = font_pt * 2.54 / 72
    needed = []
    for j in range(len(widths_cm)):
        column = [headers[j] if j < len(headers) else ""] + [r[j] for r in rows if j < len(r)]
        longest = max((len(word) for cell in column for word in words(cell)), default=0)
        needed.append(longest * CHAR_EM * em_cm + CELL_PADDING_CM)
    short = sum(max(0.0, n - w) for n, w in zip(needed, widths_cm))
    spare = sum(max(0.0, w - n) for n, w in zip(needed, widths_cm))
    if short <= 0 or spare <= 0:
        return widths_cm
    give, take = min(1.0, spare / short), min(1.0, short / spare)  # as much as the others can spare
    return [w + (n - w) * give if n > w else w - (w - n) * take for n, w in zip(needed, widths_cm)]
