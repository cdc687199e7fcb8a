"""The Word draft as a whole: cover, contents and the sections in the order of the UN's
guiding elements, each laid out by its own module (python-docx, with
:mod:`vlr.draft.docx_xml` for the XML it lacks).

The document is built on a reference document (the shipped house style, or the city's
own .docx/.dotx), so styles, page setup, headers and footers come from it; headings are
real Word headings and the table of contents is a real field. The order follows the UN's
guiding elements for VLRs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from vlr import __version__
from vlr.analysis.progress import METHOD_NAMES, STATUS_ORDER, in_sentence, label, status_counts
from vlr.analysis.result import Analysis
from vlr.charts.figures import Chart
from vlr.charts.tiles import GoalFace, tile_grid
from vlr.draft import docx_xml, regions, word_settings
from vlr.draft.annexes import annexes, planned_apart
from vlr.draft.chapters import progress_chapter
from vlr.draft.dashboard import dashboard
from vlr.draft.regions import GENERATED, NARRATIVE
from vlr.draft.writer import SectionSummary, Writer, open_reference
from vlr.exceptions import UnfinishedDraft
from vlr.formatting import LANGUAGE_TAGS, _, n_
from vlr.framework.goal_names import goal_name
from vlr.output import deterministic_package
from vlr.texts.context import SECTIONS, Texts
from vlr.values import quote

#: Most characters a core document property (title, author, …) may hold.
MAX_PROPERTY = 255


@dataclass
class RenderOptions:
    date: dt.date
    reference: Path | None = None
    #: File name of the companion data workbook the annex refers to, if one is written.
    data_workbook: str | None = None
    #: What changed since the previous review (a :class:`vlr.analysis.diff.Diff`), if one was given.
    changes: object | None = None
    #: The city's own goal icons: goal number → picture file (:func:`vlr.charts.tiles.icon_files`).
    icons: dict[int, Path] | None = None
    #: The city's logo for the cover (the Review sheet's ``Logo``), a picture file.
    logo: Path | None = None
    #: For publication: no internal annex, no "draft" mark; refused while a placeholder is left.
    final: bool = False


def render(
    analysis: Analysis,
    texts: Texts,
    charts: Mapping[str, Chart],
    heatmap: Chart | Callable[[], Chart],
    options: RenderOptions,
) -> tuple[bytes, list[SectionSummary]]:
    """The .docx bytes of the draft and a summary per top-level section. ``charts``
    maps indicator IDs to their charts (it may draw them on demand), ``heatmap`` is the
    coverage heatmap or a function that returns it. With ``options.final``, raises
    :class:`UnfinishedDraft` while any placeholder is left."""
    language = analysis.review.info.language or "en"
    document = open_reference(options.reference)
    w = Writer(document, language, options.date, notes=not options.final)
    planned = planned_apart(analysis, options.data_workbook, w)  # the largest annexes, while the chapters are laid out

    with w.region("cover", GENERATED):
        _cover(w, analysis, options)
    contents = w.paragraph(_("Contents"), "TOC Heading", bold=w.style("TOC Heading") is None)
    contents.paragraph_format.page_break_before = True
    toc = document.add_paragraph()
    docx_xml.add_toc(
        toc, levels="1-2", placeholder=_("Right-click and choose Update Field to show the table of contents.")
    )

    # Headings of the sections are the people's once written; what follows them is in
    # regions (vlr.draft.regions): the officer's texts, and what vlr generates.
    for key, title in SECTIONS:
        _start_section(w, key, title)
        if key == "highlights":
            _highlights(w, analysis, texts, heatmap, options)
        elif key == "progress":
            progress_chapter(w, analysis, texts, charts, options.changes, options.icons)
        elif key == "methodology":
            text(w, texts, key)
            with w.region("methodology-facts", GENERATED):
                w.blocks(texts.sections["methodology-facts"])
            w.heading(_("Stakeholder engagement"), 2)
            text(w, texts, "stakeholders")
            if options.changes is not None:
                with w.region("changes", GENERATED):
                    _changes(w, options.changes)
        elif key == "means":
            text(w, texts, key)
            with w.region("budget", GENERATED):
                _budgets(w, analysis)
        elif key == "conclusion":
            text(w, texts, key)
            w.heading(_("Recommendations"), 2)
            text(w, texts, "recommendations")
        elif key == "annexes":
            annexes(w, analysis, options, planned)
        else:
            text(w, texts, key)
    w.flush_figures()
    if options.final and w.placeholders:
        raise UnfinishedDraft(w.placeholders)

    # the contents, filled with the headings so that no viewer shows it empty
    entries = w.headings
    docx_xml.fill_toc(toc, entries, {level: getattr(w.style(f"TOC {level}"), "style_id", None) for level in (1, 2)})
    w.summaries[0].new_pages = 1 + -(-len(entries) // 32)  # the cover, and the contents at 32 lines a page
    _properties(document, analysis, options, LANGUAGE_TAGS.get(language, language))
    docx_xml.set_language(document, LANGUAGE_TAGS.get(language, language))
    word_settings.update_fields_on_open(document.settings.element)
    word_settings.comment_styles(document.styles.element)
    records = {**regions.region_properties(w.regions), **regions.block_properties(w.block_records)}
    seal = regions.Seal({**records, "vlr:version": __version__})
    data = deterministic_package(
        docx_xml.package_entries(document),
        transform={w.spliced.PART: w.spliced.splice, **seal.transform()},
        append=seal,
    )
    return data, w.summaries


def _start_section(w: Writer, key: str, title: str) -> None:
    """A top-level section's heading: on a new page for the chapters; the annexes on the
    landscape pages of Annex 1, so that their list does not stand alone on a page."""
    if key == "annexes":
        w.flush_figures()
        w.new_section(landscape=True)
    w.section(_(title), new_page=key in CHAPTERS)


def text(w: Writer, texts: Texts, key: str) -> None:
    """The officer's text of section ``key`` (or its placeholders): a narrative region."""
    with w.region(f"{key}-text", NARRATIVE):
        w.blocks(texts.sections[key])


def _cover(w: Writer, analysis: Analysis, options: RenderOptions) -> None:
    """Logo, title, city and period, the goals' tiles (those the review covers in colour),
    the draft mark and who prepared it."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    info, cov = analysis.review.info, analysis.coverage
    w.summaries.append(SectionSummary(_("Cover and contents")))
    if options.logo is not None:
        owner = info.organisation or info.city or _("the city")
        logo = w.picture(options.logo.read_bytes(), _("Logo of {owner}").format(owner=owner), 4.0)
        logo.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    w.paragraph(info.display_title, "Title")
    if _("Voluntary Local Review").casefold() not in info.display_title.casefold():
        w.paragraph(_("Voluntary Local Review {year}").format(year=info.year or "").strip(), "Subtitle")
    w.paragraph(", ".join(x for x in (info.city, info.country) if x))
    if info.period:
        w.paragraph(_("Period covered: {period}").format(period=info.period))
    faces = [GoalFace(g.goal, goal_name(g.goal, g.short_name), g.colour, g.covered) for g in cov.goals]
    covered = [str(g.goal) for g in cov.goals if g.covered]
    w.picture(
        tile_grid(faces),
        n_(
            "The 17 Sustainable Development Goals as tiles; in colour the {n} goal this review covers: {goals}.",
            "The 17 Sustainable Development Goals as tiles; in colour the {n} goals this review covers: {goals}.",
            len(covered),
        ).format(n=len(covered), goals=", ".join(covered) or _("none")),
        min(15.0, w.width_cm),
    )
    if not options.final:
        w.paragraph(
            _("DRAFT \u2013 {date} \u2013 not for publication").format(date=options.date.isoformat()), bold=True
        )
    if info.organisation:
        w.paragraph(info.organisation)
    if info.contact:
        w.paragraph(_("Contact: {contact}").format(contact=info.contact))


#: The sections that start a page: the first after the contents, and the goals' progress,
#: whose goal chapters start pages of their own too (so does Annex 1, on landscape pages).
#: The others run on, as a published review's do, leaving no page a few lines full.
CHAPTERS = frozenset({"opening", "progress"})


def _with_data(review) -> str:
    """``all with data``, ``none with data yet``, ``12 with data``."""
    n, m = len(review.indicators_with_data), len(review.indicators_by_id)
    if n == m and m > 1:
        return _("all with data")
    return _("none with data yet") if not n else n_("{n} with data", "{n} with data", n).format(n=n)


def _highlights(
    w: Writer, analysis: Analysis, texts: Texts, heatmap: Chart | Callable[[], Chart], options: RenderOptions
) -> None:
    review, cov, results = analysis.review, analysis.coverage, analysis.progress
    counts = status_counts(results)
    actions, themes = len(review.actions_by_id), len(cov.themes)
    indicators, points = len(review.indicators_by_id), len(review.data)
    figures = [
        n_("{n} action", "{n} actions", actions).format(n=actions)
        + " "
        + n_("in {n} theme ({names})", "in {n} themes ({names})", themes).format(n=themes, names=", ".join(cov.themes)),
        n_("{n} indicator", "{n} indicators", indicators).format(n=indicators)
        + f", {_with_data(review)}, "
        + n_("and {n} data point", "and {n} data points", points).format(n=points),
        _(
            "{goals} of the 17 goals covered; {actions} targets backed by actions, {evidence} by indicators with data"
        ).format(goals=len(cov.goals_covered), actions=cov.targets_with_actions, evidence=cov.targets_with_evidence),
    ]
    if counts:
        order = {label(analysis.method, s, True): i for i, s in enumerate(STATUS_ORDER)}
        parts = [f"{n} {in_sentence(lab)}" for lab, n in sorted(counts.items(), key=lambda kv: order.get(kv[0], 99))]
        figures.append(
            _("Indicator status ({method}): {counts}").format(
                method=_(METHOD_NAMES[analysis.method]), counts="; ".join(parts)
            )
        )
    text(w, texts, "highlights")
    with w.region("key-figures", GENERATED):
        w.bullets(figures)
    with w.region("dashboard", GENERATED):
        dashboard(w, analysis, options.icons)
    with w.region("heatmap", GENERATED):
        w.heading(_("Actions by goal and theme"), 2)
        w.figure(
            heatmap() if callable(heatmap) else heatmap,
            _("Actions per goal and theme. Darker cells hold more actions, with their number; empty cells have none."),
            full=True,
        )


def _budgets(w: Writer, analysis: Analysis) -> None:
    """The actions' budgets per goal and theme, a table per currency."""
    from vlr.formatting import money

    language = analysis.review.info.language or "en"
    found = analysis.budgets
    if not found:
        return
    w.heading(_("Budget of the actions"), 2)
    short = {g.goal: goal_name(g.goal, g.short_name) for g in analysis.coverage.goals}
    with_budget = sum(b.actions for b in found)
    w.paragraph(
        _(
            "{n} of the {all} actions have a budget. The table sums them per goal and theme; an action that serves "
            "several goals counts under each, so the last row, which counts each action once, is less than the sum "
            "of the goals."
        ).format(n=with_budget, all=len(analysis.review.actions_by_id))
    )
    for b in found:
        themes = list(b.by_theme)
        rows = [
            [
                f"{goal} {short[goal]}",
                *[money(row[t], b.currency, language) if t in row else "" for t in themes],
                money(sum(row.values()), b.currency, language),
            ]
            for goal, row in b.by_goal.items()
        ]
        rows.append(
            [
                _("All goals (each action once)"),
                *[money(b.by_theme[t], b.currency, language) for t in themes],
                money(b.total, b.currency, language),
            ]
        )
        w.table(
            _("Budget of the actions per goal and theme, in {currency}.").format(currency=b.currency),
            [_("Goal"), *themes, _("All themes")],
            rows,
            [4.2, *[2.6] * len(themes), 2.8],
            right=set(range(1, len(themes) + 2)),
            small=True,
        )


def _changes(w: Writer, diff) -> None:
    """The methodology's account of what changed since the previous review."""
    w.heading(_("Changes since the previous review"), 2)
    counts = diff.counts()
    if not counts:
        w.paragraph(_("The workbooks hold the same actions, indicators and data as those of the previous review."))
        return
    words = {
        "action-added": lambda n: n_("{n} action added", "{n} actions added", n),
        "action-removed": lambda n: n_("{n} action removed", "{n} actions removed", n),
        "action-changed": lambda n: n_("{n} change to an action", "{n} changes to actions", n),
        "indicator-added": lambda n: n_("{n} indicator added", "{n} indicators added", n),
        "indicator-removed": lambda n: n_("{n} indicator removed", "{n} indicators removed", n),
        "indicator-changed": lambda n: n_("{n} change to an indicator", "{n} changes to indicators", n),
        "data-added": lambda n: n_("{n} new data point", "{n} new data points", n),
        "data-removed": lambda n: n_("{n} data point removed", "{n} data points removed", n),
        "data-revised": lambda n: n_("{n} revised data point", "{n} revised data points", n),
        "status-changed": lambda n: n_("{n} indicator whose status changed", "{n} indicators whose status changed", n),
    }
    parts = [word(counts[k]).format(n=counts[k]) for k, word in words.items() if counts.get(k)]
    w.paragraph(
        _("Compared with the previous review: {changes}.").format(changes="; ".join(parts))
        if parts
        else _("Compared with the previous review, only the coverage of goals and targets changed.")
    )
    items = []
    for c in diff.changes:
        if c.kind in (
            "action-added",
            "action-removed",
            "indicator-added",
            "indicator-removed",
            "status-changed",
            "goal-coverage-gained",
            "goal-coverage-lost",
            "goal-evidence-gained",
            "goal-evidence-lost",
        ):
            items.append(c.message[0].upper() + c.message[1:])
    revised = [c for c in diff.changes if c.kind == "data-revised"]
    if revised:
        biggest = sorted(revised, key=lambda c: -abs(c.relative or 0))[:5]
        items.append(
            _("Largest revisions of earlier figures: {changes}").format(changes="; ".join(c.message for c in biggest))
        )
    w.bullets(items[:40])
    if len(items) > 40:
        w.paragraph(_("{n} more changes are listed by 'vlr diff'.").format(n=len(items) - 40), italic=True)


def _properties(document, analysis: Analysis, options: RenderOptions, language_tag: str) -> None:
    info = analysis.review.info
    when = dt.datetime.combine(options.date, dt.time(0, 0), tzinfo=dt.UTC)
    props = document.core_properties
    fields = {
        "title": info.display_title,
        "subject": f"Voluntary Local Review of {info.city or 'the city'} on the Sustainable Development Goals",
        "author": info.organisation or info.city or "vlr",
        "keywords": ", ".join(
            ["SDG", "Voluntary Local Review", "VLR", "2030 Agenda", *(x for x in (info.city, info.country) if x)]
        ),
        "language": language_tag,
        "comments": "" if options.final else "Draft assembled by vlr from the city's indicator workbooks.",
        "category": "Voluntary Local Review" if options.final else "Draft",
        "last_modified_by": "vlr",
    }
    for name, value in fields.items():  # a core property holds at most 255 characters
        setattr(props, name, quote(value, MAX_PROPERTY))
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
