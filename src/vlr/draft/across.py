"""The parts of the chapter "Progress on goals and targets" that reach across goals: case
studies (each shown in the first goal it serves), the budgets of a goal's actions, the
links between goals' targets, and leaving no one behind (the widest gap between groups,
per indicator, across goals)."""

from __future__ import annotations

from vlr.analysis.result import Analysis
from vlr.draft import docx_xml
from vlr.draft.paragraphs import keep_with_next
from vlr.draft.writer import Writer
from vlr.formatting import _, n_
from vlr.framework.goal_names import goal_name

#: How a synergy and a trade-off are shown: a sign in a colour, and the word.
LINK_MARKS = {"synergy": ("+", "#197236"), "trade-off": ("\u2212", "#BA2525")}


def link_goals(link, analysis: Analysis) -> tuple[int, int]:
    fw = analysis.loaded.framework
    return fw.target(link.source).goal, fw.target(link.target).goal


def case_studies_by_goal(analysis: Analysis) -> dict[int, list]:
    """Goal → its case studies, each with the first goal it serves (where it is shown)."""
    fw = analysis.loaded.framework
    by_goal: dict[int, list] = {}
    for study in analysis.review.case_studies:
        goals = sorted(
            {
                fw.target(c).goal if fw.target(c) else int(c)
                for c in study.targets
                if fw.target(c) or (c.isascii() and c.isdigit() and fw.goal(int(c)))
            }
        )
        for goal in goals:
            by_goal.setdefault(goal, []).append((study, goals[0]))
    return by_goal


def case_study(w: Writer, study) -> None:
    """A case study as a shaded box: title, text, picture, quote and link."""
    from vlr.texts.narrative import to_blocks

    parts = [w.paragraph(_("Case study: {title}").format(title=study.title), bold=True)]
    for block in to_blocks(study.text):
        parts.append(w.paragraph(block.text, "List Bullet" if block.kind == "bullet" else None))
    if study.picture_path is not None:
        alt = _("Picture of the case study {title}").format(title=study.title)
        parts.append(w.picture(study.picture_path.read_bytes(), alt, 7.0))
    if study.quote:
        quote = study.quote.strip().strip('"\u201c\u201d')
        parts.append(
            w.paragraph(f"\u201c{quote}\u201d" + (f" \u2013 {study.quote_by}" if study.quote_by else ""), italic=True)
        )
    if study.link:
        parts.append(w.paragraph(_("More: {link}").format(link=study.link)))
    for p in parts:
        docx_xml.box(p)
    for p in parts[:-1]:
        keep_with_next(p)


def goal_budget(analysis: Analysis, goal: int) -> str:
    """A sentence on the budget of the goal's actions, per currency; empty without one."""
    from vlr.formatting import money

    language = analysis.review.info.language or "en"
    parts = []
    for b in analysis.budgets:
        row = b.by_goal.get(goal)
        if row:
            parts.append(money(sum(row.values()), b.currency, language))
    if not parts:
        return ""
    return _(
        "The budgets of these actions add up to {sums} (an action that serves several goals counts in each of them)."
    ).format(sums=_(" and ").join(parts))


def links_summary(w: Writer, analysis: Analysis) -> None:
    """The interlinkages across goals: how many synergies and trade-offs link each pair."""
    links = analysis.review.interlinkages
    if not links:
        return
    pairs: dict[tuple[int, int], dict[str, int]] = {}
    for link in links:
        a, b = link_goals(link, analysis)
        counts = pairs.setdefault((min(a, b), max(a, b)), {"synergy": 0, "trade-off": 0})
        counts[link.kind] += 1
    synergies = sum(1 for x in links if x.kind == "synergy")
    w.heading(_("Links between goals"), 2)
    trade_offs = len(links) - synergies
    w.paragraph(
        n_(
            "The review records {n} link between targets:", "The review records {n} links between targets:", len(links)
        ).format(n=len(links))
        + " "
        + n_(
            "{n} synergy, where work on one target helps another,",
            "{n} synergies, where work on one target helps another,",
            synergies,
        ).format(n=synergies)
        + " "
        + n_(
            "and {n} trade-off, where it hinders another.", "and {n} trade-offs, where it hinders another.", trade_offs
        ).format(n=trade_offs)
        + " "
        + _("Each goal's chapter lists its own.")
    )
    short = {g.goal: goal_name(g.goal, g.short_name) for g in analysis.coverage.goals}
    rows = [
        [
            f"{a} {short[a]}" if a == b else f"{a} {short[a]} \u2013 {b} {short[b]}",
            c["synergy"] or "",
            c["trade-off"] or "",
        ]
        for (a, b), c in sorted(pairs.items())
    ]
    w.table(
        _("Links between the targets of two goals (or within one)."),
        [_("Goals"), _("Synergies"), _("Trade-offs")],
        rows,
        [9.0, 2.5, 2.5],
        right={1, 2},
    )


def leave_no_one_behind(w: Writer, analysis: Analysis) -> None:
    """The gaps between groups across goals, widest first relative to the lower value (the one
    measure of a gap that compares across units), where a ratio means something; the others after."""
    w.heading(_("Leaving no one behind"), 2)
    language = analysis.review.info.language or "en"
    found = sorted(analysis.gaps.values(), key=lambda gap: (gap.ratio is None, -_relative(gap), gap.name))
    if not found:
        w.paragraph(
            _(
                "No indicator of this review has data by group (sex, age, language, district or other), so the draft "
                "cannot show who is left behind."
            )
        )
        w.placeholder(
            _(
                "Leaving no one behind: which groups or districts the city's data show lagging, and what it does for "
                "them; add breakdowns to the Data sheets (the Series column) to show them here."
            )
        )
        return
    w.paragraph(
        n_("{n} indicator has data by group.", "{n} indicators have data by group.", len(found)).format(n=len(found))
        + " "
        + _(
            "For each, the table gives the widest gap between groups of one kind (women and men, age groups, "
            "districts: never one kind against another), in the latest year with data for at least two of them, and "
            "how that gap moved since the earliest year with data for both (narrowing or widening by more than 5 %). "
            "The gaps are ordered by how many times the lower value the higher one is; gaps of quantities that can "
            "be negative, for which that means nothing, come last."
        )
    )
    w.table(
        _("The widest gap between groups of one kind, per indicator, the largest relative to the lower value first."),
        [_("Indicator"), _("Goals"), _("Year"), _("Highest"), _("Lowest"), _("Gap"), _("Since")],
        [_gap_row(gap, analysis, language) for gap in found],
        [4.4, 1.3, 1.3, 2.9, 2.9, 1.8, 2.4],
        right={1, 2, 5},
        small=True,
    )


def _relative(gap) -> float:
    """A gap's size against the lower value, to compare gaps in different units (0 where a
    ratio means nothing)."""
    if gap.ratio is None:
        return 0.0
    return abs(gap.gap) / gap.low.value


def _gap_row(gap, analysis: Analysis, language: str) -> list:
    from vlr.texts.sentences import difference, number, with_unit

    ind = analysis.review.indicators_by_id[gap.indicator]
    goals = sorted({t.goal for c in ind.targets if (t := analysis.loaded.framework.target(c))})
    since = {"narrowing": _("narrower than"), "widening": _("wider than"), "about the same": _("as in")}.get(
        gap.trend or ""
    )
    high = _("overall") if gap.high.label == "overall" else gap.high.label
    low = _("overall") if gap.low.label == "overall" else gap.low.label
    return [
        ind.name,
        ", ".join(map(str, goals)),
        gap.period,
        f"{high}: {with_unit(gap.high.value, gap.unit, language)}",
        f"{low}: {with_unit(gap.low.value, gap.unit, language)}",
        difference(gap.gap, gap.unit, language)
        + (f" (\u00d7{number(gap.ratio, language, 1)})" if gap.ratio is not None else ""),
        f"{since} {gap.earlier_period} ({difference(gap.earlier_gap, gap.unit, language)})" if since else "\u2013",
    ]
