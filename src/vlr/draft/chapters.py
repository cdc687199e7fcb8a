"""The chapter "Progress on goals and targets": the coverage and status table, then a
chapter per goal as published reviews have them, and the gaps between groups.

A goal's chapter: its tile and official title, the goal at a glance (the dashboard's
row), the officer's text or the UN's questions as placeholders, case studies, the
targets the city works on with their official text, the actions, what the data show
(a generated sentence per indicator, the indicators' table and charts), who is left
behind (the gaps between groups) and the links to other goals' targets. A chart
appears once, in the first goal its indicator serves; other goals refer to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from vlr.analysis.coverage import GoalCoverage
from vlr.analysis.progress import METHOD_NAMES, STATUS_ORDER, Progress, in_sentence
from vlr.analysis.result import Analysis
from vlr.charts.figures import Chart
from vlr.charts.tiles import GoalFace, goal_tile
from vlr.draft.across import (
    LINK_MARKS,
    case_studies_by_goal,
    case_study,
    goal_budget,
    leave_no_one_behind,
    link_goals,
    links_summary,
)
from vlr.draft.official import TARGET_TEXT, official, official_of, official_texts, quoted_in_english
from vlr.draft.paragraphs import keep_with_next
from vlr.draft.regions import CHAPTER, GENERATED, NARRATIVE
from vlr.draft.symbols import arrow, mark, symbol
from vlr.draft.writer import Writer
from vlr.formatting import N_, _, in_year, n_, p_
from vlr.framework.goal_names import goal_name, goal_title
from vlr.texts.sentences import unit_words

#: Width of the tile at the head of a goal's chapter, in cm.
TILE_CM = 2.2


def _sources(ind, points) -> tuple[str, str | None]:
    """A caption's sources (every source the points name, the indicator's for those that
    name none), and whether its figures are marked illustrative: "all", "some" or None. The
    caveat is said once for the chapter's figures (:func:`_illustrative`), not in each caption."""
    names = list(dict.fromkeys(p.source or ind.source for p in points if p.source or ind.source))
    text = ""
    if names:
        listed = "; ".join(names[:4]) + (" " + _("and {n} more").format(n=len(names) - 4) if len(names) > 4 else "")
        text = " " + n_("Source: {names}.", "Sources: {names}.", len(names)).format(names=listed)
    marked = [p for p in points if "illustrative" in f"{p.note or ''} {p.source or ''}".casefold()]
    if marked:
        return text, "all" if len(marked) == len(points) else "some"
    if ind.source and "illustrative" in ind.source.casefold():
        return text, "all"
    return text, None


def _illustrative(marked: list[tuple[int, str]]) -> str:
    """One sentence for the chapter's figures whose data are marked illustrative."""

    def listed(numbers: list[int]) -> str:
        names = [str(n) for n in numbers]
        return (
            names[0] if len(names) == 1 else _("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])
        )

    every = [n for n, share in marked if share == "all"]
    some = [n for n, share in marked if share == "some"]
    said = []
    if every:
        said.append(
            n_(
                "The data of Figure {figures} are illustrative, not official statistics.",
                "The data of Figures {figures} are illustrative, not official statistics.",
                len(every),
            ).format(figures=listed(every))
        )
    if some:
        said.append(
            n_(
                "Some of the data of Figure {figures} are illustrative, not official statistics.",
                "Some of the data of Figures {figures} are illustrative, not official statistics.",
                len(some),
            ).format(figures=listed(some))
        )
    return " ".join(said)


def tile_png(goal: GoalCoverage, icons: Mapping[int, object] | None = None, size_px: int = 240) -> bytes:
    """The goal's tile: the city's own icon where ``icons`` has one, else drawn."""
    if icons and goal.goal in icons:
        return icons[goal.goal].read_bytes()
    return goal_tile(GoalFace(goal.goal, goal_name(goal.goal, goal.short_name), goal.colour), size_px)


def tile_alt(goal: GoalCoverage) -> str:
    return _("Tile of goal {number}, {name}: the goal's number and name on its colour.").format(
        number=goal.goal, name=goal_name(goal.goal, goal.short_name)
    )


def status_lines(results: list[Progress]) -> list[tuple[str, str | None]]:
    """The statuses of ``results`` as runs, a line per status label: shape, count and the
    method's word, best first (the dashboard's symbols)."""
    order = {s: i for i, s in enumerate(STATUS_ORDER)}
    counts: dict[tuple[int, str], list[Progress]] = {}
    for r in results:
        counts.setdefault((order[r.status], r.label), []).append(r)
    runs: list[tuple[str, str | None]] = []
    for (_rank, lab), members in sorted(counts.items()):
        sym = symbol(members[0].status)
        arrows = sorted({a for a in (arrow(m) for m in members) if a})
        if runs:
            runs.append(("\n", None))
        runs += [
            (sym.shape, sym.colour),
            (f"\u00a0{len(members)} {in_sentence(lab)}" + (f" {''.join(arrows)}" if arrows else ""), None),
        ]
    return runs


@dataclass
class Placed:
    """What the goal chapters share: where each indicator's chart went (indicator →
    (figure number, goal)), and each goal's case studies (:func:`case_studies_by_goal`)."""

    figures: dict[str, tuple[int, int]] = field(default_factory=dict)
    studies: dict[int, list] = field(default_factory=dict)
    #: indicator → the goal whose chapter says what its data show: later goals name it only
    described: dict[str, int] = field(default_factory=dict)


def progress_chapter(
    w: Writer,
    analysis: Analysis,
    texts,
    charts: Mapping[str, Chart],
    changes=None,
    icons: Mapping[int, object] | None = None,
) -> None:
    cov, results = analysis.coverage, analysis.progress
    with w.region("progress-facts", GENERATED):
        w.blocks(texts.sections["progress"])
        _status_table(w, analysis)
    progress_by = {r.indicator: r for r in results if r.headline}
    was = {c.subject: c.old for c in (changes.changes if changes is not None else []) if c.kind == "status-changed"}
    placed = Placed(studies=case_studies_by_goal(analysis))
    for g in cov.goals:
        if g.covered:
            with w.region(f"goal-{g.goal}", CHAPTER):
                goal_chapter(w, analysis, g, texts, charts, progress_by, placed, was, icons)
    with w.region("leave-no-one-behind", GENERATED):
        leave_no_one_behind(w, analysis)
    with w.region("links", GENERATED):
        links_summary(w, analysis)
    uncovered = [f"{g.goal} {goal_name(g.goal, g.short_name)}" for g in cov.goals if not g.covered]
    if uncovered:
        with w.region("uncovered", GENERATED):
            w.heading(_("Goals without mapped actions or indicators"), 2)
            w.paragraph(
                _(
                    "No action or indicator of this review is mapped to these goals; they are gaps to consider for the "
                    "next review: {goals}."
                ).format(goals="; ".join(uncovered))
            )


def _status_table(w: Writer, analysis: Analysis) -> None:
    """Per goal, its indicators per status label (a column per label as the method words it:
    "On track" with a target and "Good progress" without one are not folded into one column);
    the last row counts each indicator once. The goals' coverage (targets with actions and
    with evidence) is the dashboard's table, not repeated here."""
    cov, results = analysis.coverage, analysis.progress
    headline = [r for r in results if r.headline]
    order = {s: i for i, s in enumerate(STATUS_ORDER)}
    labels = sorted({(order[r.status], r.target_value is None, r.label, r.status) for r in headline})
    columns = list(dict.fromkeys(lab for _, _, lab, _ in labels))
    shapes = {lab: symbol(status) for _, _, lab, status in labels}
    rows = []
    for g in cov.goals:
        if not g.covered:
            continue
        counts: dict[str, int] = {}
        for r in headline:
            if g.goal in r.goals:
                counts[r.label] = counts.get(r.label, 0) + 1
        rows.append(
            [
                f"{g.goal} {goal_name(g.goal, g.short_name)}"
                + (" " + p_("a goal the HLPF reviews in depth this year", "(HLPF)") if g.hlpf else ""),
                sum(counts.values()) or "",
                *[counts.get(c) or "" for c in columns],
            ]
        )
    totals: dict[str, int] = {}
    for r in headline:
        if r.goals:
            totals[r.label] = totals.get(r.label, 0) + 1
    shared = sum(1 for r in headline if len(r.goals) > 1)
    rows.append(
        [
            _("All goals (each indicator once)"),
            sum(totals.values()) or "",
            *[totals.get(c) or "" for c in columns],
        ]
    )
    headers = [
        _("Goal"),
        _("Indicators"),
        *[[(shapes[c].shape, shapes[c].colour), (f" {_(c)}", None)] for c in columns],
    ]
    note = (
        " "
        + n_(
            "{n} indicator counts under more than one goal; the last row counts each indicator once.",
            "{n} indicators count under more than one goal; the last row counts each indicator once.",
            shared,
        ).format(n=shared)
        if shared
        else ""
    )
    w.table(
        _(
            "Headline indicators by status, goal by goal ({method}); the targets each goal covers are in the table of "
            "the goals at a glance."
        ).format(method=_(METHOD_NAMES[analysis.method]))
        + note,
        headers,
        rows,
        [4.2, 1.9, *[1.9] * len(columns)],
        right=set(range(1, len(headers))),
        small=True,
    )


def goal_chapter(
    w: Writer,
    analysis: Analysis,
    g: GoalCoverage,
    texts,
    charts: Mapping[str, Chart],
    progress_by: dict[str, Progress],
    placed: Placed,
    was: dict[str, str],
    icons: Mapping[int, object] | None = None,
) -> None:
    with w.region(f"goal-{g.goal}-head", GENERATED):
        _goal_head(w, analysis, g, progress_by, icons)
    with w.region(f"goal-{g.goal}-text", NARRATIVE):
        w.blocks(texts.goals[g.goal])
    with w.region(f"goal-{g.goal}-facts", GENERATED):
        _goal_facts(w, analysis, g, texts, charts, progress_by, placed, was)


def _goal_head(
    w: Writer, analysis: Analysis, g: GoalCoverage, progress_by: dict[str, Progress], icons: Mapping[int, object] | None
) -> None:
    """The chapter's heading, tile, official title and the goal at a glance."""
    review, cov = analysis.review, analysis.coverage
    name = goal_name(g.goal, g.short_name)
    w.heading(
        _("Goal {number}: {name}").format(number=g.goal, name=name), 2, colour=g.colour, new_page=True
    )  # a chapter: its own pages
    keep_with_next(w.picture(tile_png(g, icons), tile_alt(g), TILE_CM, goal_title(g.goal, g.title), italic=True))
    if g.hlpf:
        w.paragraph(
            _(
                "Reviewed in depth: goal {number} is among the goals the High-level Political Forum reviews in {year}."
            ).format(number=g.goal, year=cov.year),
            bold=True,
        )
    results = [progress_by[i] for i in g.indicators]
    with_data = [i for i in g.indicators if review.data_by_indicator.get(i)]
    glance = status_lines(results) if results else [(_("No indicator"), None)]
    w.table(
        _("Goal {number} at a glance.").format(number=g.goal),
        [_("Targets with actions"), _("Targets with evidence"), _("Indicators with data"), _("Indicators by status")],
        [
            [
                _("{n} of {all}").format(n=len(g.targets_with_actions), all=g.targets_total),
                _("{n} of {all}").format(n=len(g.targets_with_evidence), all=g.targets_total),
                _("{n} of {all}").format(n=len(with_data), all=len(g.indicators))
                if g.indicators
                else _("No indicator"),
                glance,
            ]
        ],
        [2.6, 2.6, 2.6, 8.2],
    )


def _goal_facts(
    w: Writer,
    analysis: Analysis,
    g: GoalCoverage,
    texts,
    charts: Mapping[str, Chart],
    progress_by: dict[str, Progress],
    placed: Placed,
    was: dict[str, str],
) -> None:
    """Case studies, targets, actions, what the data show, who is left behind, links."""
    _studies(w, g, placed)
    _targets(w, analysis, g)
    _actions(w, analysis, g)
    indicators = [analysis.review.indicators_by_id[i] for i in g.indicators]
    if indicators:
        w.heading(_("What the data show"), 3)
        again = []
        for ind in indicators:
            if ind.id in placed.described:
                again.append(_("{name} (under goal {number})").format(name=ind.name, number=placed.described[ind.id]))
                continue
            placed.described[ind.id] = g.goal
            w.paragraph(texts.indicators[ind.id])
        if again:
            w.paragraph(
                _("Also measured here, and described with an earlier goal: {names}.").format(names="; ".join(again))
            )
        _indicator_table(w, analysis, g, indicators, progress_by, was)
        _figures(w, analysis, g, indicators, charts, progress_by, placed)
        gaps = [texts.gaps[i.id] for i in indicators if i.id in texts.gaps]
        if gaps:
            w.heading(_("Leaving no one behind"), 3)
            for text in gaps:
                w.paragraph(text)
    _links(w, analysis, g)


def _studies(w: Writer, g: GoalCoverage, placed: Placed) -> None:
    """The goal's case studies, as boxes where first shown, else named."""
    studies = placed.studies.get(g.goal, [])
    for study, first in studies:
        if first == g.goal:
            case_study(w, study)
    elsewhere_studies = [
        _("\u2018{title}\u2019 (goal {number})").format(title=s.title, number=first)
        for s, first in studies
        if first != g.goal
    ]
    if elsewhere_studies:
        n = len(elsewhere_studies)
        w.paragraph(
            n_(
                "Case study on this goal in another chapter: {studies}.",
                "Case studies on this goal in another chapter: {studies}.",
                n,
            ).format(studies="; ".join(elsewhere_studies)),
            italic=True,
        )


def _targets(w: Writer, analysis: Analysis, g: GoalCoverage) -> None:
    targets = [t for t in g.targets if t.actions or t.indicators]
    if targets:
        said = [official_of(analysis, t.code) for t in targets]
        w.heading(_("Targets"), 3)
        w.table(
            _(
                "Targets of goal {number} that actions or indicators of the review serve, with their official text "
                "(shortened where long)."
            ).format(number=g.goal),
            [
                p_("a target's code", "Target"),
                official(N_("Official text"), said),
                _("Actions"),
                _("Indicators with data"),
            ],
            [
                [t.code, text, len(t.actions) or "", len(t.indicators_with_data) or ""]
                for t, text in zip(targets, official_texts(said, TARGET_TEXT))
            ],
            [1.4, 10.2, 1.9, 2.5],
            right={2, 3},
        )


def _actions(w: Writer, analysis: Analysis, g: GoalCoverage) -> None:
    review = analysis.review
    actions = [review.actions_by_id[a] for a in g.actions]
    if actions:
        w.heading(_("Actions"), 3)
        w.table(
            _("Actions of {city} mapped to goal {number}.").format(
                city=review.info.city or _("the city"), number=g.goal
            ),
            [_("ID"), _("Action"), _("Theme"), _("Lead"), _("Status"), _("Targets")],
            [
                [a.id, a.title, a.theme, a.lead, _(a.status) if a.status else a.status, ", ".join(a.targets)]
                for a in actions
            ],
            [1.7, 5.0, 2.9, 3.2, 1.9, 1.9],
        )
        money_text = goal_budget(analysis, g.goal)
        if money_text:
            w.paragraph(money_text)


def _indicator_table(w: Writer, analysis: Analysis, g: GoalCoverage, indicators, progress_by, was) -> None:
    """The goal's indicators with their baseline, latest value, target and status."""
    language = analysis.review.info.language or "en"
    rows = []
    for ind in indicators:
        r = progress_by[ind.id]
        changed = " " + _("(changed; was: {status})").format(status=_(was[ind.id])) if ind.id in was else ""
        status = mark(r) + ([(changed, None)] if changed else [])
        rows.append(
            [
                ind.name,
                unit_words(r.unit or ind.unit),
                in_year(r.base_value, r.base_period, language),
                in_year(r.latest_value, r.latest_period, language),
                in_year(r.target_value, r.target_year, language),
                status,
            ]
        )
    w.table(
        _("Indicators of goal {number} with their status ({method} method).").format(
            number=g.goal, method=_(METHOD_NAMES[analysis.method])
        ),
        [_("Indicator"), _("Unit"), _("Baseline"), _("Latest"), p_("the value aimed at", "Target"), _("Status")],
        rows,
        [4.6, 2.2, 2.0, 2.0, 2.0, 3.8],
        right={2, 3, 4},  # figures line up on their last digit
    )


def _figures(w: Writer, analysis: Analysis, g: GoalCoverage, indicators, charts, progress_by, placed) -> None:
    """The indicators' charts two to a row, each once: a chart shown in an earlier goal is named."""
    review = analysis.review
    elsewhere = []
    marked: list[tuple[int, str]] = []  # figures whose data are marked illustrative
    for ind in indicators:
        if ind.id in placed.figures:
            number, goal = placed.figures[ind.id]
            elsewhere.append(
                _("Figure {figure} (goal {number}) shows {name}.").format(figure=number, number=goal, name=ind.name)
            )
            continue
        chart = charts.get(ind.id)
        if chart is None:
            continue
        r = progress_by[ind.id]
        source, share = _sources(ind, review.data_by_indicator.get(ind.id, []))
        more = (
            " "
            + n_(
                "{n} more series is in Annex 3 and the data workbook.",
                "{n} more series are in Annex 3 and the data workbook.",
                chart.hidden,
            ).format(n=chart.hidden)
            if chart.hidden
            else ""
        )
        total = " " + _("The publisher gives no total.") if r.label == "No total published" else ""
        placed.figures[ind.id] = (
            w.figure(chart, f"{ind.name} ({unit_words(r.unit or ind.unit)}).{total}{source}{more}"),
            g.goal,
        )
        if share:
            marked.append((placed.figures[ind.id][0], share))
    w.flush_figures()
    if marked:
        w.paragraph(_illustrative(marked), italic=True)
    if elsewhere:
        w.paragraph(" ".join(elsewhere), italic=True)


def _links(w: Writer, analysis: Analysis, g: GoalCoverage) -> None:
    links = [link for link in analysis.review.interlinkages if g.goal in link_goals(link, analysis)]
    if links:
        said = [official_of(analysis, code) for link in links for code in (link.source, link.target)]
        texts = iter(official_texts(said, 70))
        w.heading(_("Links with other goals"), 3)
        w.table(
            _("How work on targets of goal {number} and of other goals affects each other.").format(number=g.goal)
            + quoted_in_english(said),
            [_("From"), _("To"), _("Kind"), _("Note")],
            [
                [
                    f"{link.source} {next(texts)}",
                    f"{link.target} {next(texts)}",
                    [(LINK_MARKS[link.kind][0], LINK_MARKS[link.kind][1]), (f" {_(link.kind)}", None)],
                    link.note or "",
                ]
                for link in links
            ],
            [4.6, 4.6, 2.2, 4.6],
        )
