"""What the draft's texts are made of: the context every section template and narrative
is rendered with, the rendered sections themselves, and the check that an officer's
narrative renders (so that ``vlr validate`` and ``vlr build`` agree).

The words are rendered here (:mod:`vlr.texts.narrative`); they are laid out in Word by
:mod:`vlr.draft.document`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from vlr import rules
from vlr.analysis.progress import (
    DEFAULT_THRESHOLDS,
    METHOD_NAMES,
    Status,
    Thresholds,
    in_sentence,
    label,
    status_counts,
)
from vlr.analysis.result import Analysis, Loaded, analysis_of
from vlr.exceptions import TemplateError
from vlr.findings import Finding
from vlr.formatting import LANGUAGE_TAGS, N_, _, number, speaking_now
from vlr.framework.goal_names import goal_name
from vlr.framework.translations import marked
from vlr.model.series import headline_key, period_of, series_by_indicator, sub_annual_years
from vlr.texts.narrative import Block, TextRenderer
from vlr.texts.sentences import gap_facts, indicator_facts
from vlr.workbook.schema import NARRATIVE_SECTIONS

#: Sections in the order of the UN's guiding elements: (key, heading).
SECTIONS = [
    ("opening", N_("Opening statement")),
    ("highlights", N_("Highlights")),
    ("introduction", N_("Introduction")),
    ("methodology", N_("Methodology and process of preparation")),
    ("policy", N_("Policy and enabling environment")),
    ("progress", N_("Progress on goals and targets")),
    ("challenges", N_("New and emerging challenges")),
    ("means", N_("Means of implementation")),
    ("conclusion", N_("Conclusion and next steps")),
    ("annexes", N_("Annexes")),
]


@dataclass
class Texts:
    """The rendered texts of one draft, ready to be laid out."""

    sections: dict[str, list[Block]]
    goals: dict[int, list[Block]] = field(default_factory=dict)
    #: Indicator ID → the generated sentence on what its data show.
    indicators: dict[str, str] = field(default_factory=dict)
    #: Indicator ID → the generated sentence on the gap between its groups.
    gaps: dict[str, str] = field(default_factory=dict)


def _thresholds_text(method: str, thresholds: Thresholds, language: str = "en") -> list[str]:
    t = thresholds
    base = _(
        "the base is the indicator's baseline year, else 2015, else the first later year with data; a latest value "
        "that meets the target counts as achieved, and one that falls short once the data reach the target year as "
        "target missed"
    )
    cuts = {"on": number(t.on_track_ratio, language), "moderate": number(t.moderate_ratio, language)}
    share = lambda x: f"{number(x * 100, language)} %"  # noqa: E731 - 1 %, 0,5 %
    growth = {"good": share(t.good_growth), "fair": share(t.fair_growth)}
    if method == "unsd":
        return [
            _(
                "with a target: the latest value is projected to the target year at the observed compound annual "
                "growth rate (CAGR), and R = (projected \u2212 base) / (target \u2212 base); R \u2265 {on} on track, "
                "{moderate} \u2264 R < {on} progress but acceleration needed, R < {moderate} stagnation or regression"
            ).format(**cuts),
            _(
                "without a target: CAGR in the desired direction \u2265 {good} good progress, {fair}\u2013{good} fair "
                "progress, below {fair} stagnation"
            ).format(**growth),
            base,
        ]
    return [
        _(
            "with a target: R = observed CAGR in the desired direction / the CAGR needed to reach the target; "
            "R \u2265 {on} substantial progress, {moderate}\u2013{on} moderate, 0\u2013{moderate} limited, below 0 "
            "deterioration"
        ).format(**cuts),
        _(
            "without a target: CAGR in the desired direction \u2265 {good} substantial, {fair}\u2013{good} moderate, "
            "0\u2013{fair} limited, below 0 deterioration"
        ).format(**growth),
        base,
    ]


def data_facts(analysis: Analysis, data_workbook: str | None = None) -> dict:
    """What the methodology says of the data's shape: periods other than plain years,
    sub-annual data, indicators without a total, without a direction, in several units."""
    review = analysis.review
    kinds: dict[str, str] = {}
    for p in review.data:
        if p.period is not None and p.period not in kinds:
            kinds[p.period] = period_of(p).kind
    no_total = sub_annual = several_units = 0
    for ind in review.indicators_by_id.values():
        series = series_by_indicator(review).get(ind.id)
        if not series:
            continue
        no_total += headline_key(ind, series) is None
        several_units += len({k.unit for k in series}) > 1
        sub_annual += any(sub_annual_years(pts) for pts in series.values())
    plural = {
        "financial year": _("financial or academic years"),
        "range": _("ranges of years"),
        "quarter": _("quarters"),
        "month": _("months"),
        "date": _("dates"),
    }
    return {
        "periods": [plural[k] for k in plural if k in set(kinds.values())],
        "examples": list(_first_label_per_kind(kinds).values())[:4],
        "sub_annual": sub_annual,
        "no_total": no_total,
        "several_units": several_units,
        "no_direction": sum(1 for i in review.indicators_by_id.values() if i.direction is None),
        "workbook": data_workbook or "",
    }


def _first_label_per_kind(kinds: dict[str, str]) -> dict[str, str]:
    first: dict[str, str] = {}
    for written, kind in kinds.items():
        first.setdefault(kind, written)
    return first


def template_context(analysis: Analysis, date: dt.date, data_workbook: str | None = None) -> dict:
    review, cov, fw = analysis.review, analysis.coverage, analysis.loaded.framework
    info = review.info
    goals = {
        g.goal: {
            "number": g.goal,
            "short_name": g.short_name,
            "title": g.title,
            "hlpf": g.hlpf,
            "actions": len(g.actions),
            "indicators": len(g.indicators),
            "targets_total": g.targets_total,
            "targets_with_actions": len(g.targets_with_actions),
            "targets_with_evidence": len(g.targets_with_evidence),
        }
        for g in cov.goals
    }
    return {
        # Never an empty place in a sentence: without them (a place-missing warning) it reads "the city".
        "city": info.city or _("the city"),
        "country": info.country or _("the country"),
        "year": info.year or "",
        "title": info.display_title,
        "period": info.period or "",
        "organisation": info.organisation or "",
        "contact": info.contact or "",
        "language": LANGUAGE_TAGS.get(info.language, info.language),
        "date": date.isoformat(),
        "files": [Path(f).name for f in review.files],
        "themes": cov.themes,
        "counts": {
            "workbooks": len(review.files),
            "actions": len(review.actions_by_id),
            "indicators": len(review.indicators_by_id),
            "indicators_with_data": len(review.indicators_with_data),
            "data_points": len(review.data),
            "themes": len(cov.themes),
            "goals_covered": len(cov.goals_covered),
            "targets_with_actions": cov.targets_with_actions,
            "targets_with_evidence": cov.targets_with_evidence,
            "warnings": len(analysis.loaded.report.warnings),
        },
        # the framework's title is English: said to be, in another language (never a silent mix)
        "framework": {
            "edition": fw.edition,
            "title": fw.title if speaking_now() == "en" else marked(fw.title),
            "source": fw.source,
        },
        "method": {
            "id": analysis.method,
            "name": _(METHOD_NAMES[analysis.method]),
            "thresholds": _thresholds_text(
                analysis.method, DEFAULT_THRESHOLDS[analysis.method], analysis.review.info.language or "en"
            ),
        },
        "statuses": status_counts(analysis.progress),
        "hlpf_goals": cov.hlpf_goals,
        # the goals reviewed in depth this year that the review does not cover: said, never marked as if it did
        "hlpf_uncovered": [g for g in cov.hlpf_goals if g not in cov.goals_covered],
        "goals": goals,
        "data": data_facts(analysis, data_workbook),
        "attention": attention(analysis),
    }


#: Most names listed per kind in ``attention``.
ATTENTION_NAMES = 8


def attention(analysis: Analysis) -> dict:
    """What the data point to, for the recommendations: indicators whose target was missed,
    that regress or move too slowly, gaps between groups that widen, goals with actions
    but no evidence."""

    def names(statuses) -> list[str]:
        return [r.name or r.indicator for r in analysis.progress if r.headline and r.status in statuses][
            :ATTENTION_NAMES
        ]

    found = {
        "missed": names({Status.TARGET_MISSED}),
        "regressing": names({Status.REGRESSION}),
        "slow": names({Status.ACCELERATION_NEEDED, Status.LIMITED}),
        "widening": [g.name for g in analysis.gaps.values() if g.trend == "widening"][:ATTENTION_NAMES],
        "no_evidence": [
            f"{g.goal} ({goal_name(g.goal, g.short_name)})"
            for g in analysis.coverage.goals
            if g.actions and not g.targets_with_evidence
        ],
    }
    return {
        **found,
        "any": any(found.values()),
        "words": {
            "regressing": in_sentence(label(analysis.method, Status.REGRESSION, True)),
            "slow": _("progress needs to speed up"),
        },
    }


def narrative_findings(loaded: Loaded) -> list[Finding]:
    """Narratives that use template features (``{{ city }}``), rendered as the build
    renders them: a syntax error, an unknown name, an include or a text past the limits
    is a located error at its cell, so that validation and the build agree."""
    templated = [n for n in loaded.review.narratives if n.text and ("{" in n.text)]
    if not templated:
        return []
    analysis = analysis_of(loaded)
    context = template_context(analysis, dt.date.today())
    renderer, goals = TextRenderer(context), context["goals"]
    findings = []
    for n in templated:
        if n.section not in NARRATIVE_SECTIONS:
            continue
        extra = {"goal": goals[int(n.section[5:])]} if n.section.startswith("goal-") else {}
        try:
            renderer.narrative(n.text, n.where("text"), **extra)
        except TemplateError as exc:
            message = str(exc.message).replace(f"the narrative text in {n.where('text')}", "the text")
            findings.append(Finding.of(rules.NARRATIVE_TEMPLATE, message, **n.place("text")))
    return findings


def _missing(key: str, others: list[str]) -> str:
    """The note where a section has the officer's text in other languages but not this one."""
    from babel import Locale

    def named(code: str) -> str:
        from babel import UnknownLocaleError

        try:
            return Locale.parse(code).get_display_name(speaking_now()) or code
        except (ValueError, TypeError, LookupError, UnknownLocaleError):
            return code

    return _(
        "This section has no text in {language} yet: the Narratives sheet has it in {others} (a row with its "
        "Language); translate it, or write it."
    ).format(language=named(speaking_now()), others=", ".join(named(x) for x in others))


def texts_of(analysis: Analysis, date: dt.date, templates: Path | None, data_workbook: str | None = None) -> Texts:
    """Every text of the draft of ``analysis``, rendered with the shipped templates or those in
    ``templates``."""
    review = analysis.review
    renderer = TextRenderer(template_context(analysis, date, data_workbook), templates)
    spoken = speaking_now()  # the draft's language: the officer's texts in it, else a note that it is missing
    where = {n.section: n.where("text") for n in review.narratives if n.language in (None, spoken)}

    def section(key: str, template: str, **extra) -> list[Block]:
        text = review.narrative(key, spoken)
        others = [x for x in review.narrative_languages(key) if x != spoken] if text is None else []
        missing = [Block("placeholder", _missing(key, others))] if others else []
        return missing + renderer.section(template, text, where.get(key), **extra)

    sections = {}
    for key in [*(k for k, _title in SECTIONS if k != "annexes"), "stakeholders", "recommendations"]:
        sections[key] = section(key, key)  # the annexes: data alone
    sections["methodology-facts"] = renderer.section("methodology-facts")
    goals = {}
    for g in analysis.coverage.goals:
        if g.covered:
            goals[g.goal] = section(f"goal-{g.goal}", "goal", goal=renderer.context["goals"][g.goal])
    language = review.info.language or "en"
    indicators = {}
    for r in analysis.progress:
        if r.headline:
            ind = review.indicators_by_id[r.indicator]
            series = series_by_indicator(review).get(ind.id, {})
            points = next(iter(series.values()), []) if len(series) == 1 else []
            indicators[ind.id] = renderer.sentence("indicator", language, i=indicator_facts(r, ind, language, points))
    gaps = {key: renderer.sentence("gap", language, g=gap_facts(gap, language)) for key, gap in analysis.gaps.items()}
    return Texts(sections, goals, indicators=indicators, gaps=gaps)
