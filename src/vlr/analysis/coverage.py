"""Coverage: which goals and targets the city's work reaches, and with what evidence.

Pure functions over the review model and the framework. The result is plain data
(:class:`Coverage`); the terminal, JSON, CSV, Markdown and the coverage workbook are
views of it, and the Word draft reuses it.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from vlr.formatting import N_, _, n_
from vlr.framework.catalogue import Framework, code_key
from vlr.framework.goal_names import goal_name
from vlr.model.review import Located, Review
from vlr.workbook import schema

#: Goals the UN High-level Political Forum reviews in depth, by year (SDG 17 every
#: year). 2016 and 2020 were thematic reviews. 2026 and 2027 are as announced and may
#: change: a review can name its own with the ``HLPF goals`` field of its Review sheet.
HLPF_GOALS: dict[int, list[int]] = {
    2017: [1, 2, 3, 5, 9, 14, 17],
    2018: [6, 7, 11, 12, 15, 17],
    2019: [4, 8, 10, 13, 16, 17],
    2021: [1, 2, 3, 8, 10, 12, 13, 16, 17],
    2022: [4, 5, 14, 15, 17],
    2023: [6, 7, 9, 11, 17],
    2024: [1, 2, 13, 16, 17],
    2025: [3, 5, 8, 14, 17],
    2026: [6, 7, 9, 11, 17],
    2027: [4, 10, 12, 15, 17],
}


class Place(BaseModel):
    file: str
    sheet: str
    cell: str
    row: int


def place_of(record: Located, field: str | None = None) -> Place:
    return Place(row=record.row, **record.place(field))


class TargetCoverage(BaseModel):
    code: str
    text: str
    actions: list[str] = Field(default_factory=list)
    indicators: list[str] = Field(default_factory=list)
    indicators_with_data: list[str] = Field(default_factory=list)
    #: The most recent data year among its indicators.
    latest_year: int | None = None
    #: Where the first action or indicator mapped to it is.
    source: Place | None = None

    @property
    def has_actions(self) -> bool:
        return bool(self.actions)

    @property
    def has_evidence(self) -> bool:
        return bool(self.indicators_with_data)


class GoalCoverage(BaseModel):
    goal: int
    short_name: str
    title: str
    colour: str
    hlpf: bool = False
    targets_total: int
    targets_with_actions: list[str] = Field(default_factory=list)
    targets_with_evidence: list[str] = Field(default_factory=list)
    #: Targets with an indicator whose data is no older than the staleness limit.
    targets_with_recent_evidence: list[str] = Field(default_factory=list)
    actions: list[str] = Field(default_factory=list)
    indicators: list[str] = Field(default_factory=list)
    #: Actions per theme.
    themes: dict[str, int] = Field(default_factory=dict)
    targets: list[TargetCoverage] = Field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.actions or self.indicators)


class Gap(BaseModel):
    """Something a reviewer must see: a kind, what it concerns, and where it is."""

    kind: str
    subject: str
    message: str
    place: Place | None = None


#: The kinds of gap, each with its heading (translated where shown: ``_(GAP_KINDS[kind])``).
GAP_KINDS = {
    "goal-without-evidence": N_("Goals with actions but no indicator data"),
    "target-without-evidence": N_("Targets with actions but no indicator data"),
    "indicator-stale": N_("Indicators with stale data"),
    "action-unfollowed": N_("Actions no indicator follows"),
    "indicator-without-action": N_("Indicators linked to no action"),
    "target-single-action": N_("Targets only one action covers"),
}


class Coverage(BaseModel):
    city: str | None
    year: int | None
    framework_edition: str
    hlpf_goals: list[int]
    themes: list[str]
    goals: list[GoalCoverage]
    #: Goal number → theme → number of actions.
    matrix: dict[int, dict[str, int]]
    #: Theme → the goals its actions reach.
    theme_goals: dict[str, list[int]]
    gaps: list[Gap]

    def goal(self, number: int) -> GoalCoverage:
        return self.goals[number - 1]

    @property
    def goals_covered(self) -> list[int]:
        return [g.goal for g in self.goals if g.covered]

    @property
    def targets_with_actions(self) -> int:
        """How many targets, over all goals, at least one action is mapped to."""
        return sum(len(g.targets_with_actions) for g in self.goals)

    @property
    def targets_with_evidence(self) -> int:
        """How many targets, over all goals, an indicator with data backs."""
        return sum(len(g.targets_with_evidence) for g in self.goals)


def hlpf_goals_for(review: Review) -> list[int]:
    """The review's own ``HLPF goals``, else the HLPF's goals for the review year."""
    if review.info.hlpf_goals:
        return sorted(set(review.info.hlpf_goals))
    return HLPF_GOALS.get(review.info.year or 0, [])


def _valid_targets(codes: list[str], fw: Framework) -> list[str]:
    return [c for c in codes if fw.target(c)]


def _goal_codes(codes: list[str], fw: Framework) -> set[int]:
    """Goals named by target codes or by bare goal numbers (``13``)."""
    goals = set()
    for c in codes:
        if fw.target(c):
            goals.add(fw.target(c).goal)
        elif c.isascii() and c.isdigit() and fw.goal(int(c)):
            goals.add(int(c))
    return goals


def coverage(review: Review, fw: Framework, hlpf_goals: list[int] | None = None) -> Coverage:
    """Per goal (all 17) and per target: what maps to it, with what evidence; the
    goal × theme matrix; and the gaps a reviewer must see."""
    year = review.info.year
    recent_from = year - schema.STALE_AFTER_YEARS if year else None
    hlpf = sorted(set(hlpf_goals)) if hlpf_goals is not None else hlpf_goals_for(review)
    latest = review.latest_years
    actions = list(review.actions_by_id.values())
    indicators = list(review.indicators_by_id.values())

    targets: dict[str, TargetCoverage] = {t.code: TargetCoverage(code=t.code, text=t.text) for t in fw.targets}
    for a in actions:
        for code in _valid_targets(a.targets, fw):
            tc = targets[code]
            if a.id not in tc.actions:
                tc.actions.append(a.id)
                tc.source = tc.source or place_of(a, "targets")
    for ind in indicators:
        for code in _valid_targets(ind.targets, fw):
            tc = targets[code]
            if ind.id in tc.indicators:
                continue
            tc.indicators.append(ind.id)
            tc.source = tc.source or place_of(ind, "targets")
            if ind.id in latest:
                tc.indicators_with_data.append(ind.id)
                tc.latest_year = max(tc.latest_year or 0, latest[ind.id])

    themes = list(review.info.themes)
    for a in actions:  # themes used but not declared still get a column
        if a.theme and a.theme.casefold() not in {t.casefold() for t in themes}:
            themes.append(a.theme)
    theme_of = {t.casefold(): t for t in themes}

    action_goals = {a.id: _goal_codes(a.targets, fw) for a in actions}
    indicator_goals = {i.id: _goal_codes(i.targets, fw) for i in indicators}
    goals = []
    matrix: dict[int, dict[str, int]] = {}
    for g in fw.goals:
        tcs = [targets[t.code] for t in fw.targets_of(g.number)]
        goal_actions = [a for a in actions if g.number in action_goals[a.id]]
        goal_inds = [i for i in indicators if g.number in indicator_goals[i.id]]
        per_theme = dict.fromkeys(themes, 0)
        for a in goal_actions:
            if a.theme:
                per_theme[theme_of[a.theme.casefold()]] += 1
        matrix[g.number] = per_theme
        goals.append(
            GoalCoverage(
                goal=g.number,
                short_name=g.short_name,
                title=g.title,
                colour=g.colour,
                hlpf=g.number in hlpf,
                targets_total=len(tcs),
                targets_with_actions=[t.code for t in tcs if t.has_actions],
                targets_with_evidence=[t.code for t in tcs if t.has_evidence],
                targets_with_recent_evidence=[
                    t.code for t in tcs if t.latest_year and (recent_from is None or t.latest_year >= recent_from)
                ],
                actions=[a.id for a in goal_actions],
                indicators=[i.id for i in goal_inds],
                themes=per_theme,
                targets=tcs,
            )
        )
    theme_goals = {t: [g for g in matrix if matrix[g][t]] for t in themes}
    return Coverage(
        city=review.info.city,
        year=year,
        framework_edition=fw.edition,
        hlpf_goals=hlpf,
        themes=themes,
        goals=goals,
        matrix=matrix,
        theme_goals=theme_goals,
        gaps=_gaps(review, goals, targets, latest, recent_from),
    )


def _gaps(  # the messages in the language spoken (vlr.formatting.speaking)
    review: Review,
    goals: list[GoalCoverage],
    targets: dict[str, TargetCoverage],
    latest: dict[str, int],
    recent_from: int | None,
) -> list[Gap]:
    gaps: list[Gap] = []
    for g in goals:
        if g.actions and not g.targets_with_evidence and not any(i in latest for i in g.indicators):
            gaps.append(
                Gap(
                    kind="goal-without-evidence",
                    subject=_("Goal {number}").format(number=g.goal),
                    message=n_(
                        "Goal {number} ({name}) has {n} action but no indicator data.",
                        "Goal {number} ({name}) has {n} actions but no indicator data.",
                        len(g.actions),
                    ).format(number=g.goal, name=goal_name(g.goal, g.short_name), n=len(g.actions)),
                )
            )
    for code in sorted(targets, key=code_key):
        tc = targets[code]
        if tc.actions and not tc.indicators_with_data:
            gaps.append(
                Gap(
                    kind="target-without-evidence",
                    subject=code,
                    place=tc.source,
                    message=_("Target {code} has actions ({actions}) but no indicator with data.").format(
                        code=code, actions=", ".join(tc.actions)
                    ),
                )
            )
    for ind in review.indicators_by_id.values():
        if ind.id in latest and recent_from is not None and latest[ind.id] < recent_from:
            gaps.append(
                Gap(
                    kind="indicator-stale",
                    subject=ind.id,
                    place=place_of(ind, "id"),
                    message=_("{id} ({name}): latest data from {year}.").format(
                        id=ind.id, name=ind.name, year=latest[ind.id]
                    ),
                )
            )
    for a in review.actions_by_id.values():
        if a.id not in review.followed_actions:
            gaps.append(
                Gap(
                    kind="action-unfollowed",
                    subject=a.id,
                    place=place_of(a, "id"),
                    message=_("{id} ({title}): no indicator follows it.").format(id=a.id, title=a.title),
                )
            )
    for ind in review.indicators_by_id.values():
        if not ind.actions:
            gaps.append(
                Gap(
                    kind="indicator-without-action",
                    subject=ind.id,
                    place=place_of(ind, "id"),
                    message=_("{id} ({name}) is linked to no action.").format(id=ind.id, name=ind.name),
                )
            )
    for code in sorted(targets, key=code_key):
        tc = targets[code]
        if len(tc.actions) == 1:
            gaps.append(
                Gap(
                    kind="target-single-action",
                    subject=code,
                    place=tc.source,
                    message=_("Target {code} is covered by one action only ({action}).").format(
                        code=code, action=tc.actions[0]
                    ),
                )
            )
    return gaps


class Budget(BaseModel):
    """The actions' budgets in one currency: per goal and theme, and in all."""

    currency: str
    #: Goal → theme → sum; an action serving several goals counts in each.
    by_goal: dict[int, dict[str, float]]
    #: Theme → sum, each action once.
    by_theme: dict[str, float]
    total: float
    actions: int


def budgets(review: Review, fw: Framework) -> list[Budget]:
    """The budgets of the review's actions, a :class:`Budget` per currency (in order of
    first use). Actions without a budget or a currency are left out."""
    found: dict[str, Budget] = {}
    for a in review.actions_by_id.values():
        if a.budget is None or a.currency is None:
            continue
        b = found.setdefault(a.currency, Budget(currency=a.currency, by_goal={}, by_theme={}, total=0.0, actions=0))
        theme = a.theme or "\u2013"
        for goal in sorted(_goal_codes(a.targets, fw)):
            row = b.by_goal.setdefault(goal, {})
            row[theme] = row.get(theme, 0.0) + a.budget
        b.by_theme[theme] = b.by_theme.get(theme, 0.0) + a.budget
        b.total += a.budget
        b.actions += 1
    for b in found.values():
        b.by_goal = dict(sorted(b.by_goal.items()))
    return list(found.values())
