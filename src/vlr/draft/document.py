"""The Word draft, laid out with python-docx (the only module besides
:mod:`vlr.docx_xml` that touches it).

The document is built on a reference document (the shipped house style, or the city's
own .docx/.dotx), so styles, page setup, headers and footers come from it; headings are
real Word headings and the table of contents is a real field. The order follows the UN's
guiding elements for VLRs.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from vlr.draft import docx_xml
from vlr.charts import Chart
from vlr.colours import readable
from vlr.exceptions import TemplateError
from vlr.findings import Severity
from vlr.formatting import in_year, number
from vlr.values import quote
from vlr.main import Analysis
from vlr.narrative import Block
from vlr.output import deterministic_zip
from vlr.progress import METHOD_NAMES, STATUS_ORDER, label, status_counts
from vlr.series import annual, chart_keys, headline_key, is_sub_annual

LANGUAGE_TAGS = {"en": "en-GB", "fi": "fi-FI", "sv": "sv-SE", "de": "de-DE", "fr": "fr-FR", "es": "es-ES",
                 "it": "it-IT", "nl": "nl-NL", "da": "da-DK", "nb": "nb-NO", "et": "et-EE", "pt": "pt-PT"}  # fmt: skip

#: Sections in the order of the UN's guiding elements: (key, heading).
SECTIONS = [
    ("opening", "Opening statement"),
    ("highlights", "Highlights"),
    ("introduction", "Introduction"),
    ("methodology", "Methodology and process of preparation"),
    ("policy", "Policy and enabling environment"),
    ("progress", "Progress on goals and targets"),
    ("challenges", "New and emerging challenges"),
    ("means", "Means of implementation"),
    ("conclusion", "Conclusion and next steps"),
    ("annexes", "Annexes"),
]
HEADINGS = dict(SECTIONS)

TWIPS_PER_CM = 567
#: Most characters a core document property (title, author, …) may hold.
MAX_PROPERTY = 255


@dataclass
class RenderOptions:
    date: dt.date
    reference: Path | None = None
    #: File name of the companion data workbook the annex refers to, if one is written.
    data_workbook: str | None = None
    #: What changed since the previous review (a :class:`vlr.cycle.diff.Diff`), if one was given.
    changes: object | None = None


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


@dataclass
class Texts:
    sections: dict[str, list[Block]]
    goals: dict[int, list[Block]] = field(default_factory=dict)


class _Writer:
    """Adds content to the document and counts it per top-level section."""

    def __init__(self, document, language: str):
        self.doc = document
        self.language = language
        self.summaries: list[SectionSummary] = []
        self.table_style = _style_id(document, "Table Grid", table=True)
        self.figure_no = 0
        self.table_no = 0
        self.section_changed(document.sections[-1])
        self.pictures = docx_xml.PictureAdder(document)
        self._styles: dict = {}

    # headings and text -------------------------------------------------------------------
    def section(self, title: str, new_page: bool = True):
        self.summaries.append(SectionSummary(title))
        return self.heading(title, 1, new_page=new_page)

    def heading(self, text: str, level: int, colour: str | None = None, new_page: bool = False):
        p = self._add(self.style(f"Heading {level}"))
        p.add_run(text)
        if colour:
            from docx.shared import RGBColor

            for run in p.runs:
                run.font.color.rgb = RGBColor.from_string(readable(colour).lstrip("#"))
        if new_page:
            p.paragraph_format.page_break_before = True
            if self.summaries:
                self.summaries[-1].new_pages += 1
        self._count(text)
        return p

    def style(self, name: str | None):
        """The paragraph style ``name`` (looked up once: python-docx searches every
        style on each lookup by name), or None where the reference lacks it."""
        if name is None:
            return None
        if name not in self._styles:
            from docx.enum.style import WD_STYLE_TYPE

            found = [s for s in self.doc.styles if s.name == name and s.type == WD_STYLE_TYPE.PARAGRAPH]
            self._styles[name] = found[0] if found else None
        return self._styles[name]

    def _add(self, style):
        """A new paragraph in ``style`` (a style object or None), its style set in the XML:
        python-docx's own setter compares every style of the document each time."""
        p = self.doc.add_paragraph()
        if style is not None:
            docx_xml.set_paragraph_style(p, style.style_id)
        return p

    def paragraph(self, text: str, style: str | None = None, italic: bool = False, bold: bool = False):
        p = self._add(self.style(style))
        run = p.add_run(text)
        run.italic = italic or None
        run.bold = bold or None
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

    def placeholder(self, text: str) -> None:
        from docx.enum.text import WD_COLOR_INDEX

        p = self.doc.add_paragraph()
        lead = p.add_run("TO WRITE: ")
        lead.bold = True
        body = p.add_run(text)
        body.italic = True
        for run in (lead, body):
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        self._count(text)

    def bullets(self, items: list[str]) -> None:
        for item in items:
            self.paragraph(item, "List Bullet")

    # tables and figures --------------------------------------------------------------------
    def table(self, caption: str, headers: list[str], rows: list[list], widths_cm: list[float],
              right: set[int] | None = None, small: bool = False, after_table: bool = False) -> None:  # fmt: skip
        self.table_no += 1
        cap = self.paragraph(f"Table {self.table_no}. {caption}", "Caption")
        docx_xml.keep_with_next(cap)
        if after_table:  # a table straight after another: space between them
            from docx.shared import Pt

            cap.paragraph_format.space_before = Pt(10)
        total = sum(widths_cm)
        usable = self._usable_width_cm()
        scale = min(1.0, usable / total) if total else 1.0
        widths = [int(w * scale * TWIPS_PER_CM) for w in widths_cm]
        tbl = docx_xml.build_table(headers, rows, widths, self.table_style,
                                   align_right=right, font_half_points=16 if small else 18,
                                   keep_together=len(rows) <= 15)  # fmt: skip
        docx_xml.set_table_caption(tbl, caption)
        self.doc.element.body.insert(len(self.doc.element.body) - 1, tbl)  # before the final sectPr
        self.summaries[-1].table_rows += len(rows) + 1

    def figure(self, chart: Chart, caption: str) -> None:
        from docx.shared import Inches

        self.figure_no += 1
        p = self.doc.add_paragraph()
        width = min(chart.width_in, self._usable_width_cm() / 2.54)
        self.pictures.add(p.add_run(), io.BytesIO(chart.png), Inches(width), chart.alt_text, title=caption)
        docx_xml.keep_with_next(p)
        self.paragraph(f"Figure {self.figure_no}. {caption}", "Caption")
        self.summaries[-1].figures += 1

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
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise TemplateError(f"--reference-docx {path}: cannot be read ({exc.strerror or exc}).") from None
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
    dark = {"Heading 1": "1F3864", "Heading 2": "1F3864", "Heading 3": "262626", "Title": "1F3864",
            "Subtitle": "404040", "Caption": "404040", "TOC Heading": "1F3864"}  # fmt: skip
    for name, colour in dark.items():
        style = styles[name]
        style.font.color.rgb = RGBColor.from_string(colour)
        style.font.name = "Calibri"
    styles["Caption"].font.size = Pt(9)
    styles["Caption"].font.italic = True
    styles["Subtitle"].font.italic = False


def render(analysis: Analysis, texts: Texts, charts: Mapping[str, Chart], heatmap: Chart | Callable[[], Chart],
           options: RenderOptions) -> tuple[bytes, list[SectionSummary]]:  # fmt: skip
    """The .docx bytes of the draft and a summary per top-level section. ``charts``
    maps indicator IDs to their charts (it may draw them on demand), ``heatmap`` is the
    coverage heatmap or a function that returns it."""
    cov = analysis.coverage
    language = analysis.review.info.language or "en"
    document = open_reference(options.reference)
    w = _Writer(document, language)

    _cover(w, analysis, options)
    contents = w.paragraph("Contents", "TOC Heading", bold=w.style("TOC Heading") is None)
    contents.paragraph_format.page_break_before = True
    toc_lines = len(SECTIONS) + sum(1 for g in cov.goals if g.covered) + 6
    w.summaries[-1].new_pages = 1 + -(-toc_lines // 25)  # the cover, and the contents at 25 lines a page
    toc = document.add_paragraph()
    docx_xml.add_toc(toc, levels="1-2",
                     placeholder="Right-click and choose Update Field to show the table of contents.")

    for key, title in SECTIONS:
        w.section(title)
        if key == "highlights":
            _highlights(w, analysis, texts, heatmap)
        elif key == "progress":
            _progress(w, analysis, texts, charts, options.changes)
        elif key == "methodology":
            w.blocks(texts.sections[key])
            if options.changes is not None:
                _changes(w, options.changes)
        elif key == "annexes":
            _annexes(w, analysis, options)
        else:
            w.blocks(texts.sections[key])

    _properties(document, analysis, options, LANGUAGE_TAGS.get(language, language))
    docx_xml.set_language(document, LANGUAGE_TAGS.get(language, language))
    docx_xml.update_fields_on_open(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return deterministic_zip(buffer.getvalue()), w.summaries


def _cover(w: _Writer, analysis: Analysis, options: RenderOptions) -> None:
    info = analysis.review.info
    w.summaries.append(SectionSummary("Cover and contents"))
    w.paragraph(info.display_title, "Title")
    if "voluntary local review" not in info.display_title.casefold():
        w.paragraph(f"Voluntary Local Review {info.year or ''}".strip(), "Subtitle")
    w.paragraph(", ".join(x for x in (info.city, info.country) if x))
    if info.period:
        w.paragraph(f"Period covered: {info.period}")
    w.paragraph(f"DRAFT \u2013 {options.date.isoformat()} \u2013 not for publication", bold=True)
    if info.organisation:
        w.paragraph(info.organisation)
    if info.contact:
        w.paragraph(f"Contact: {info.contact}")


def _highlights(w: _Writer, analysis: Analysis, texts: Texts, heatmap: Chart | Callable[[], Chart]) -> None:
    review, cov, results = analysis.review, analysis.coverage, analysis.progress
    counts = status_counts(results)
    w.heading("Key figures", 2)
    figures = [
        f"{len(review.actions_by_id)} actions in {len(cov.themes)} themes ({', '.join(cov.themes)})",
        f"{len(review.indicators_by_id)} indicators, {len(review.indicators_with_data)} with data, "
        f"and {len(review.data)} data points",
        f"{len(cov.goals_covered)} of the 17 goals covered; {cov.targets_with_actions} targets backed by actions, "
        f"{cov.targets_with_evidence} by indicators with data",
    ]
    if counts:
        order = {label(analysis.method, s, True): i for i, s in enumerate(STATUS_ORDER)}
        parts = [f"{n} {lab.lower()}" for lab, n in sorted(counts.items(), key=lambda kv: order.get(kv[0], 99))]
        figures.append(f"Indicator status ({METHOD_NAMES[analysis.method]}): {'; '.join(parts)}")
    w.bullets(figures)
    w.figure(heatmap() if callable(heatmap) else heatmap, "Actions per goal and theme. Darker cells hold more actions, with their number; empty cells have none.")
    w.blocks(texts.sections["highlights"])


def _sources(ind, points) -> str:
    """A caption's sources: every source the points name (the indicator's for those that
    name none), and a warning when any point is marked illustrative."""
    names = list(dict.fromkeys(p.source or ind.source for p in points if p.source or ind.source))
    text = f" Source{'s' if len(names) > 1 else ''}: {'; '.join(names[:4])}" if names else ""
    if len(names) > 4:
        text += f" and {len(names) - 4} more"
    text += "." if names else ""
    marked = [p for p in points if "illustrative" in f"{p.note or ''} {p.source or ''}".casefold()]
    if marked:
        text += (" All figures are illustrative." if len(marked) == len(points)
                 else f" {len(marked)} of the {len(points)} figures are illustrative.")  # fmt: skip
    elif ind.source and "illustrative" in ind.source.casefold():
        text += " The figures are illustrative."
    return text


def _changes(w: _Writer, diff) -> None:
    """The methodology's account of what changed since the previous review."""
    w.heading("Changes since the previous review", 2)
    counts = diff.counts()
    if not counts:
        w.paragraph("The workbooks hold the same actions, indicators and data as those of the previous review.")
        return
    words = {"action-added": ("action added", "actions added"), "action-removed": ("action removed", "actions removed"),
             "action-changed": ("change to an action", "changes to actions"),
             "indicator-added": ("indicator added", "indicators added"),
             "indicator-removed": ("indicator removed", "indicators removed"),
             "indicator-changed": ("change to an indicator", "changes to indicators"),
             "data-added": ("new data point", "new data points"), "data-removed": ("data point removed", "data points removed"),
             "data-revised": ("revised data point", "revised data points"),
             "status-changed": ("indicator whose status changed", "indicators whose status changed")}  # fmt: skip
    parts = [f"{counts[k]} {one if counts[k] == 1 else many}" for k, (one, many) in words.items() if counts.get(k)]
    w.paragraph("Compared with the previous review: " + "; ".join(parts) + "." if parts else
                "Compared with the previous review, only the coverage of goals and targets changed.")  # fmt: skip
    items = []
    for c in diff.changes:
        if c.kind in ("action-added", "action-removed", "indicator-added", "indicator-removed", "status-changed",
                      "goal-coverage-gained", "goal-coverage-lost", "goal-evidence-gained", "goal-evidence-lost"):
            items.append(c.message[0].upper() + c.message[1:])
    revised = [c for c in diff.changes if c.kind == "data-revised"]
    if revised:
        biggest = sorted(revised, key=lambda c: -abs(c.relative or 0))[:5]
        items.append("Largest revisions of earlier figures: " + "; ".join(c.message for c in biggest))
    w.bullets(items[:40])
    if len(items) > 40:
        w.paragraph(f"{len(items) - 40} more changes are listed by 'vlr diff'.", italic=True)


def _progress(w: _Writer, analysis: Analysis, texts: Texts, charts: Mapping[str, Chart], changes=None) -> None:
    review, cov, results = analysis.review, analysis.coverage, analysis.progress
    language = review.info.language or "en"
    w.blocks(texts.sections["progress"])
    # A column per status label as the method words it: "On track" (with a target) and
    # "Good progress" (without one) are not folded into one column.
    headline = [r for r in results if r.headline]
    order = {s: i for i, s in enumerate(STATUS_ORDER)}
    labels = sorted({(order[r.status], r.target_value is None, r.label) for r in headline})
    columns = list(dict.fromkeys(lab for _, _, lab in labels))
    rows = []
    for g in cov.goals:
        if not g.covered:
            continue
        counts: dict[str, int] = {}
        for r in headline:
            if g.goal in r.goals:
                counts[r.label] = counts.get(r.label, 0) + 1
        rows.append([f"{g.goal} {g.short_name}" + (" (HLPF)" if g.hlpf else ""),
                     f"{len(g.targets_with_actions)}/{g.targets_total}", f"{len(g.targets_with_evidence)}/{g.targets_total}",
                     *[counts.get(c) or "" for c in columns]])  # fmt: skip
    totals: dict[str, int] = {}
    for r in headline:
        if r.goals:
            totals[r.label] = totals.get(r.label, 0) + 1
    shared = sum(1 for r in headline if len(r.goals) > 1)
    rows.append(["All goals (each indicator once)", f"{cov.targets_with_actions}", f"{cov.targets_with_evidence}",
                 *[totals.get(c) or "" for c in columns]])  # fmt: skip
    headers = ["Goal", "Targets with actions", "Targets with evidence", *columns]
    note = (f" {shared} indicator{'s count' if shared != 1 else ' counts'} under more than one goal; the last row "
            "counts each indicator once." if shared else "")  # fmt: skip
    w.table(f"Coverage and indicator status by goal ({METHOD_NAMES[analysis.method]}).{note}", headers, rows,
            [4.6, 2.0, 2.0, *[2.4] * len(columns)], right=set(range(1, len(headers))))  # fmt: skip

    progress_by = {r.indicator: r for r in results if r.headline}
    was = {c.subject: c.old for c in (changes.changes if changes is not None else []) if c.kind == "status-changed"}
    for g in cov.goals:
        if not g.covered:
            continue
        w.heading(f"Goal {g.goal}: {g.short_name}", 2, colour=g.colour, new_page=True)
        if g.hlpf:
            w.paragraph(f"Reviewed in depth: goal {g.goal} is among the goals the High-level Political Forum "
                        f"reviews in {cov.year}.", bold=True)  # fmt: skip
        w.paragraph(g.title, italic=True)
        acted, evidenced = len(g.targets_with_actions), len(g.targets_with_evidence)
        w.paragraph(f"{acted} of {g.targets_total} targets {'has' if acted == 1 else 'have'} actions; "
                    f"{evidenced} {'has' if evidenced == 1 else 'have'} indicators with data.")  # fmt: skip
        w.blocks(texts.goals[g.goal])
        actions = [review.actions_by_id[a] for a in g.actions]
        if actions:
            w.heading("Actions", 3)
            w.table(f"Actions of {review.info.city or 'the city'} mapped to goal {g.goal}.",
                    ["ID", "Action", "Theme", "Lead", "Status", "Targets"],
                    [[a.id, a.title, a.theme, a.lead, a.status, ", ".join(a.targets)] for a in actions],
                    [1.7, 5.0, 2.9, 3.2, 1.9, 1.9])  # fmt: skip
        indicators = [review.indicators_by_id[i] for i in g.indicators]
        if indicators:
            w.heading("Indicators", 3)
            rows = []
            for ind in indicators:
                r = progress_by[ind.id]
                rows.append([ind.name, r.unit or ind.unit, in_year(r.base_value, r.base_period, language),
                             in_year(r.latest_value, r.latest_period, language),
                             in_year(r.target_value, r.target_year, language),
                             r.label + (f" (changed; was: {was[ind.id]})" if ind.id in was else "")])  # fmt: skip
            w.table(f"Indicators of goal {g.goal} with their status ({METHOD_NAMES[analysis.method]} method).",
                    ["Indicator", "Unit", "Baseline", "Latest", "Target", "Status"], rows,
                    [5.0, 2.4, 2.2, 2.2, 2.2, 2.6])  # fmt: skip
            for ind in indicators:
                chart = charts.get(ind.id)
                if chart is None:
                    continue
                source = _sources(ind, review.data_by_indicator.get(ind.id, []))
                unit = progress_by[ind.id].unit or ind.unit
                more = (f" {chart.hidden} more series are in Annex 3 and the data workbook."
                        if chart.hidden else "")  # fmt: skip
                total = " The publisher gives no total." if progress_by[ind.id].label == "No total published" else ""
                w.figure(chart, f"{ind.name} ({unit}).{total}{source}{more}")
    uncovered = [f"{g.goal} {g.short_name}" for g in cov.goals if not g.covered]
    if uncovered:
        w.heading("Goals without mapped actions or indicators", 2, new_page=True)
        w.paragraph("No action or indicator of this review is mapped to these goals; they are gaps to consider "
                    "for the next review:")  # fmt: skip
        w.bullets(uncovered)


def _annexes(w: _Writer, analysis: Analysis, options: RenderOptions) -> None:
    review, fw = analysis.review, analysis.loaded.framework
    w.paragraph("The annexes hold the details behind the chapters above:")
    w.bullets(["Annex 1. Action\u2013target mapping: every action against the targets it serves",
               "Annex 2. Indicator metadata: sources, owners and the official SDG indicators",
               "Annex 3. Statistical annex: the data of every indicator, a row per series",
               "Annex 4. Data-quality notes: the warnings of the validation, with their places"])  # fmt: skip

    w.new_section(landscape=True)  # Annex 1 on landscape pages: a column per goal
    w.heading("Annex 1. Action\u2013target mapping", 2)
    w.paragraph("Each row is an action; a column per goal lists the targets of that goal the action is mapped to.")
    rows = []
    for a in review.actions_by_id.values():
        by_goal: dict[int, list[str]] = {}
        for code in a.targets:
            target = fw.target(code)
            if target:
                by_goal.setdefault(target.goal, []).append(code)
        rows.append([a.id, a.theme, *[", ".join(by_goal.get(n, [])) for n in range(1, 18)]])
    w.table("Actions (rows) mapped to SDG targets, by goal (columns).", ["Action", "Theme", *map(str, range(1, 18))],
            rows, [1.9, 2.7, *[1.3] * 17], small=True)  # fmt: skip

    w.new_section(landscape=False)
    w.heading("Annex 2. Indicator metadata", 2)
    rows = []
    for ind in review.indicators_by_id.values():
        official = "; ".join(f"{c}: {fw.indicator(c).text}" for c in ind.sdg_indicators if fw.indicator(c)) or "\u2013"
        rows.append([f"{ind.id} {ind.name}", ind.unit, ind.direction, ", ".join(ind.targets), official,
                     ind.source, ind.owner])  # fmt: skip
    w.table("Indicators, their SDG targets and official SDG indicators, sources and owners.",
            ["Indicator", "Unit", "Direction", "Targets", "Official SDG indicator", "Source", "Owner"], rows,
            [3.4, 1.8, 1.6, 1.5, 4.4, 2.3, 2.0], small=True)  # fmt: skip

    w.heading("Annex 3. Statistical annex", 2, new_page=True)
    _statistical_annex(w, analysis, options.data_workbook)

    w.heading("Annex 4. Data-quality notes", 2, new_page=True)
    warnings = [f for f in analysis.loaded.report.findings if f.severity == Severity.WARNING]
    if warnings:
        w.paragraph(f"Validation of the workbooks gave {len(warnings)} warning{'s' if len(warnings) != 1 else ''}; "
                    "each is listed with its place.")  # fmt: skip
        rows = [[Path(f.file).name if f.file else "\u2013", f.sheet, f.cell, f.message + (f" ({f.hint})" if f.hint else "")]
                for f in warnings]  # fmt: skip
        w.table("Validation warnings.", ["Workbook", "Sheet", "Cell", "Note"], rows, [3.0, 2.2, 1.3, 10.0], small=True)
    else:
        w.paragraph("Validation of the workbooks gave no warnings.")


#: Most series of one indicator in the statistical annex: the headline, the series of its
#: chart, then the others in order; the rest are in the data workbook.
ANNEX_SERIES = 12
#: Period columns per annex table, and most periods shown: a longer history is split into
#: tables of this many columns, its earliest periods left to the data workbook.
ANNEX_COLUMNS = 7
ANNEX_PERIODS = 21


def _annex_column(p) -> tuple[float, str]:
    """Where a value goes in the annex: its period, or for a month, quarter or date the
    calendar year it stands for (the latest value of the year)."""
    return (float(p.year), str(p.year)) if is_sub_annual(p) else (p.x, p.label)


def _statistical_annex(w: _Writer, analysis: Analysis, data_workbook: str | None) -> None:
    """A table per indicator with a row per series and a column per period, never wider
    than the page: at most :data:`ANNEX_COLUMNS` periods a table, :data:`ANNEX_SERIES`
    series and :data:`ANNEX_PERIODS` periods an indicator; the data workbook has the rest."""
    from docx.shared import Pt

    review = analysis.review
    language = review.info.language or "en"
    where = f"the data workbook {data_workbook}" if data_workbook else "the workbooks of the review"
    w.paragraph(f"The data of each indicator: a row per series (the headline first), a column per year or period as "
                f"the source writes it, at most {ANNEX_COLUMNS} periods a table. Where a series has several values "
                f"in one year (months, quarters, dates), the latest is shown under its year. Indicators with many series or a long history show the headline "
                f"and the series of their chart; every value of every series is in {where}, a sheet per indicator.")  # fmt: skip
    for ind in review.indicators_by_id.values():
        points = review.data_by_indicator.get(ind.id, [])
        if not points:
            continue
        series = review.series_by_indicator[ind.id]
        head = headline_key(ind, series)
        keys = list(dict.fromkeys([*chart_keys(series, head), *series]))
        shown = keys[:ANNEX_SERIES]
        # A column per period as written; sub-annual values in a column per calendar year.
        rows_of = {k: {_annex_column(p): p for p in annual(series[k])} for k in shown}
        periods = sorted({column for cells in rows_of.values() for column in cells})
        earlier = periods[:-ANNEX_PERIODS] if len(periods) > ANNEX_PERIODS else []
        periods = periods[len(earlier):]
        units = list(dict.fromkeys(k.unit for k in shown))
        unit_text = units[0] if len(units) == 1 else "several units"
        heading = w.paragraph(f"{ind.id} {ind.name} ({unit_text})", bold=True)
        heading.paragraph_format.space_before = Pt(14)
        docx_xml.keep_with_next(heading)
        notes = {p.note for p in points}
        common = notes.pop() if len(notes) == 1 else None
        if common:
            docx_xml.keep_with_next(w.paragraph(f"Note: {common}", italic=True))
        left_out = []
        if head is None:
            left_out.append("The source gives no total: the rows are its breakdowns.")
        if len(keys) > len(shown):
            left_out.append(f"{len(keys) - len(shown)} more series are in {where}.")
        if earlier:
            left_out.append(f"Earlier periods ({earlier[0][1]}\u2013{earlier[-1][1]}) are in {where}.")
        if left_out:
            docx_xml.keep_with_next(w.paragraph(" ".join(left_out), italic=True))
        label_head = ["Series", "Unit"] if len(units) > 1 else ["Series"]
        label_widths = [3.6, 2.6] if len(units) > 1 else [4.6]
        # columns wide enough for the longest period label (8-point text), as many as fit
        column = max(1.6, 0.17 * max((len(label) for _, label in periods), default=4) + 0.4)
        room = w.width_cm - sum(label_widths)
        columns = max(1, min(ANNEX_COLUMNS - (1 if len(units) > 1 else 0), int(room // column)))
        count = -(-len(periods) // columns) or 1  # tables needed; the periods spread evenly over them
        size = -(-len(periods) // count) if periods else 0
        chunks = [periods[i:i + size] for i in range(0, len(periods), size)] if periods else [[]]
        for n, chunk in enumerate(chunks, 1):
            rows = []
            for k in shown:
                cells = rows_of[k]
                name = k.name() if head is not None or k.label else "Total"
                rows.append([name, *([k.unit] if len(units) > 1 else []),
                             *[number(cells[c].value, language) if c in cells else "" for c in chunk]])  # fmt: skip
            part = f" ({chunk[0][1]}\u2013{chunk[-1][1]})" if len(chunks) > 1 and chunk else ""
            w.table(f"Data of {ind.id}{part}.", [*label_head, *[label for _, label in chunk]], rows,
                    [*label_widths, *[column] * len(chunk)],
                    right=set(range(len(label_head), len(label_head) + len(chunk))), small=True, after_table=n > 1)  # fmt: skip
        period_notes = sorted({(p.x, p.label, p.note) for p in points if p.note} if not common else set())
        if period_notes:
            listed = "; ".join(f"{label}: {note}" for _, label, note in period_notes[:5])
            rest = f"; {len(period_notes) - 5} more notes in {where}" if len(period_notes) > 5 else ""
            w.paragraph(f"Notes. {listed}{rest}.", italic=True)


def _properties(document, analysis: Analysis, options: RenderOptions, language_tag: str) -> None:
    info = analysis.review.info
    when = dt.datetime.combine(options.date, dt.time(0, 0), tzinfo=dt.timezone.utc)
    props = document.core_properties
    fields = {
        "title": info.display_title,
        "subject": f"Voluntary Local Review of {info.city or 'the city'} on the Sustainable Development Goals",
        "author": info.organisation or info.city or "vlr",
        "keywords": ", ".join(["SDG", "Voluntary Local Review", "VLR", "2030 Agenda",
                               *(x for x in (info.city, info.country) if x)]),
        "language": language_tag,
        "comments": "Draft assembled by vlr from the city's indicator workbooks.",
        "category": "Draft",
        "last_modified_by": "vlr",
    }  # fmt: skip
    for name, value in fields.items():  # a core property holds at most 255 characters
        setattr(props, name, quote(value, MAX_PROPERTY))
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
