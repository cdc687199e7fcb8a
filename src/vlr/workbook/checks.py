"""Checks over the whole review: each yields findings.

The reader has already judged every cell on its own (:mod:`vlr.workbook.reader`); the checks
here need more: the SDG framework (is 13.9 a target?), other rows (duplicate IDs,
references), or the review year (is the data recent?).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator

from vlr import rules
from vlr.findings import Finding
from vlr.framework.catalogue import INDICATOR_CODE, TARGET_CODE, Framework
from vlr.model.periods import Period, overlap_conflicts
from vlr.model.review import DataPoint, Interlinkage, Located, Review
from vlr.model.series import period_of, sub_annual_years
from vlr.rules import Rule, Severity
from vlr.values import quote
from vlr.workbook import schema
from vlr.workbook.reader import ReadResult
from vlr.workbook.translations import city_translations


def _did_you_mean(value: str, candidates: list[str]) -> str | None:
    match = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return f"did you mean {match[0]}?" if match else None


# --- the review as a whole ---------------------------------------------------------


def review_sheet(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    if not read.review_sheets:
        yield Finding.of(
            rules.REVIEW_MISSING,
            "no workbook has a Review sheet, so vlr does not know the city and year of the review.",
            sheet="Review",
        )
    for file, sheet in read.review_sheets[1:]:
        first_file, first_sheet = read.review_sheets[0]
        yield Finding.of(
            rules.REVIEW_DUPLICATE,
            f"a second Review sheet; the review is already described in {first_file}, sheet {first_sheet}.",
            file=file,
            sheet=sheet,
            cell="A1",
        )
    info = review.info
    if info.year is not None and not (schema.FIRST_YEAR <= info.year <= schema.LAST_YEAR) and info.origin:
        yield Finding.of(
            rules.YEAR_INVALID,
            f"review year {info.year} is not a plausible year.",
            f"write the year of the review, between {schema.FIRST_YEAR} and {schema.LAST_YEAR}",
            file=info.origin.file,
            sheet=info.origin.sheet,
            cell=info.cells.get("year", ""),
        )


def required_sheets(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    for name in schema.REQUIRED_SHEETS:
        if name != "Review" and name not in read.sheets_seen:
            spec = schema.SHEETS[name.casefold()]
            yield Finding.of(
                rules.SHEET_MISSING,
                f"no workbook has a {name} sheet. {spec.purpose}",
                f"add a sheet named {name} with the columns {', '.join(spec.required)}",
                sheet=name,
            )


# --- identifiers and references ----------------------------------------------------


def duplicate_ids(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    for kind, records, rule in (
        ("Action ID", review.actions, rules.ACTION_DUPLICATE),
        ("Indicator ID", review.indicators, rules.INDICATOR_DUPLICATE),
    ):
        first: dict[str, Located] = {}
        for rec in records:
            key = rec.id.casefold()
            if key in first:
                yield Finding.of(
                    rule,
                    f"{kind} {rec.id} is used twice: also in {first[key].where('id')}.",
                    **rec.place("id"),
                )
            else:
                first[key] = rec


def references(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    actions = review.actions_by_id
    action_ids = list(actions)
    for ind in review.indicators:
        for ref in ind.actions:
            if ref not in actions:
                yield Finding.of(
                    rules.ACTION_UNDEFINED,
                    f"action {ref} is not defined in any Actions sheet.",
                    _did_you_mean(ref, action_ids),
                    **ind.place("actions"),
                )
    indicators = review.indicators_by_id
    indicator_ids = list(indicators)
    reported: set[str] = set()
    for point in review.data:
        if point.indicator not in indicators:
            if point.indicator in reported:
                continue  # one finding per unknown ID, at its first row
            reported.add(point.indicator)
            yield Finding.of(
                rules.INDICATOR_UNDEFINED,
                f"indicator {point.indicator} is not defined in any Indicators sheet.",
                _did_you_mean(point.indicator, indicator_ids),
                **point.place("indicator"),
            )


# --- the SDG framework ---------------------------------------------------------------


def _target_problem(code: str, fw: Framework) -> tuple[Rule, str, str] | None:
    """Why ``code`` is not a target: (the rule, the message, the hint), or None."""
    if fw.target(code):
        return None
    if re.fullmatch(r"\d{1,2}", code) and fw.goal(int(code)):
        return (
            rules.TARGET_GOAL_ONLY,
            f"'{quote(code)}' is a whole goal, not a target.",
            f"name the targets the work serves: goal {code} has {fw.describe_goal_targets(int(code))}",
        )
    if INDICATOR_CODE.match(code) and fw.indicator(code):
        target = fw.indicator(code).target
        return (
            rules.TARGET_UNKNOWN,
            f"{code} is an SDG indicator, not a target.",
            f"write its target, {target}, here, and {code} in the SDG indicator column",
        )
    m = TARGET_CODE.match(code)
    if m and fw.goal(int(m.group(1))):
        goal = int(m.group(1))
        return (
            rules.TARGET_UNKNOWN,
            f"{code} is not an SDG target.",
            f"goal {goal} has {fw.describe_goal_targets(goal)}",
        )
    return (
        rules.TARGET_UNKNOWN,
        f"'{quote(code)}' is not an SDG target code.",
        "write target codes such as 11.2 or 13.a, separated by commas",
    )


def target_codes(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    for rec in [*review.actions, *review.indicators]:
        for code in rec.targets:
            problem = _target_problem(code, fw)
            if problem:
                yield Finding.of(*problem, **rec.place("targets"))


def case_studies_and_links(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    """The targets of case studies (whole goals are fine there) and of interlinkages."""
    for study in review.case_studies:
        for code in study.targets:
            problem = _target_problem(code, fw)
            if problem and problem[0] is not rules.TARGET_GOAL_ONLY:
                yield Finding.of(*problem, **study.place("targets"))
    seen: dict[tuple[str, str], Interlinkage] = {}
    for link in review.interlinkages:
        for field in ("source", "target"):
            problem = _target_problem(getattr(link, field), fw)
            if problem:  # a whole goal is an error here: a link joins two targets
                yield Finding.of(*problem, severity=Severity.ERROR, **link.place(field))
        if link.source == link.target:
            yield Finding.of(
                rules.LINK_INVALID, f"the row links target {link.source} with itself.", **link.place("target")
            )
        key = (link.source, link.target)
        if key in seen:
            yield Finding.of(
                rules.LINK_DUPLICATE,
                f"the link from {link.source} to {link.target} is given twice (first in row {seen[key].row}).",
                **link.place("source"),
            )
        else:
            seen[key] = link


def budgets(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    """A budget needs its currency: sums in unknown currencies would mean nothing."""
    for action in review.actions:
        if action.budget is not None and action.currency is None:
            yield Finding.of(
                rules.CURRENCY_MISSING,
                f"action {action.id} has a budget but no currency, so its budget is left out of the sums.",
                **action.place("budget"),
            )


def official_indicators(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    for ind in review.indicators:
        for code in ind.sdg_indicators:
            official = fw.indicator(code)
            if official is None:
                m = TARGET_CODE.match(code)
                if m and fw.target(code):
                    codes = ", ".join(i.code for i in fw.indicators_of(code))
                    hint = f"{code} is a target; its indicators are {codes}"
                elif INDICATOR_CODE.match(code) and fw.target(code.rsplit(".", 1)[0]):
                    target = code.rsplit(".", 1)[0]
                    hint = f"target {target} has {', '.join(i.code for i in fw.indicators_of(target))}"
                else:
                    hint = "write official codes such as 11.6.2 (see 'vlr framework search')"
                yield Finding.of(
                    rules.INDICATOR_UNKNOWN,
                    f"{code} is not an indicator of the SDG framework ({fw.edition} edition).",
                    hint,
                    **ind.place("sdg_indicators"),
                )
                continue
            serves = fw.indicator_targets(code)
            if not set(serves) & set(ind.targets):
                listed = ", ".join(ind.targets) or "none"
                which = serves[0] if len(serves) == 1 else " or ".join(serves)
                yield Finding.of(
                    rules.INDICATOR_TARGET_MISMATCH,
                    f"official indicator {code} belongs to target {which}, which is not among this "
                    f"indicator's SDG targets ({listed}).",
                    f"add {serves[0]} to the SDG targets, or correct the SDG indicator",
                    **ind.place("sdg_indicators"),
                )


# --- years and values ----------------------------------------------------------------


def years(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    first, last = schema.FIRST_YEAR, schema.LAST_YEAR
    now = review.info.year or last

    def bad(rec: Located, field: str, year: int | None, upper: int, what: str) -> Finding | None:
        if year is None or first <= year <= upper:
            return None
        return Finding.of(
            rules.YEAR_INVALID,
            f"{what} {year} is not a plausible year.",
            f"write a year from {first} to {upper}",
            **rec.place(field),
        )

    for a in review.actions:
        for f in (
            bad(a, "start_year", a.start_year, last, "start year"),
            bad(a, "end_year", a.end_year, last, "end year"),
        ):
            if f:
                yield f
        if a.start_year and a.end_year and a.start_year > a.end_year:
            yield Finding.of(
                rules.YEARS_REVERSED,
                f"the action ends ({a.end_year}) before it starts ({a.start_year}).",
                **a.place("end_year"),
            )
    for i in review.indicators:
        for f in (
            bad(i, "baseline_year", i.baseline_year, now, "baseline year"),
            bad(i, "target_year", i.target_year, last, "target year"),
        ):
            if f:
                yield f
        if i.baseline_year and i.target_year and i.baseline_year > i.target_year:
            yield Finding.of(
                rules.BASELINE_AFTER_TARGET,
                f"the baseline year {i.baseline_year} is after the target year {i.target_year}.",
                **i.place("baseline_year"),
            )
    for p in review.data:
        if not (first <= p.year <= now):
            what = f"data year {p.year}" if p.period is None else f"the period '{quote(p.period)}' (ending in {p.year})"
            yield Finding.of(
                rules.YEAR_INVALID,
                f"{what} is not a plausible year.",
                f"data years go from {first} to the review year ({now}); {first} leaves room for historic baselines",
                **p.place("year"),
            )


def _span(period: Period) -> tuple[float, float]:
    return (period.start, period.end)


def _series_name(p: DataPoint) -> str:
    area = f", area '{quote(p.area)}'" if p.area else ""
    series = f", series '{quote(p.series)}'" if p.series else ""
    return area + series + (f" in {quote(p.unit)}" if p.unit else "")


def duplicate_data(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    seen: dict[tuple, DataPoint] = {}
    for p in review.data:
        if p.period is None and p.unit is None and p.area is None:  # the common case, kept cheap
            key = (p.indicator, p.year, p.series.casefold() if p.series else None)
        else:
            when = p.year if p.period is None else _span(period_of(p))
            key = (
                p.indicator,
                when,
                p.series.casefold() if p.series else None,
                p.unit.casefold() if p.unit else None,
                p.area.casefold() if p.area else None,
            )
        if key in seen:
            first = seen[key]
            also = f" (written '{quote(first.label)}')" if first.label != p.label else ""
            yield Finding.of(
                rules.DATA_DUPLICATE,
                f"a second value for {p.indicator} in {p.label}{_series_name(p)}; the first is in row "
                f"{first.row}{also}.",
                **p.place("value"),
            )
        else:
            seen[key] = p


def periods(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    """Each series written in periods that can be put in one order, and a note where
    several values fall in one year (only the latest counts)."""
    if not read.has_periods:
        return
    by_series: dict[tuple, list[DataPoint]] = {}
    for p in review.data:
        if p.period is not None:
            by_series.setdefault((p.indicator, p.series, p.unit, p.area), []).append(p)
    for p in review.data:  # plain years of the series that have periods
        if p.period is None and (p.indicator, p.series, p.unit, p.area) in by_series:
            by_series[(p.indicator, p.series, p.unit, p.area)].append(p)
    noted: set[str] = set()
    for (indicator, _series, _unit, _area), points in by_series.items():
        placed = [(period_of(p), p) for p in points]
        kinds = {id(p): period for period, p in placed}
        for later, earlier in overlap_conflicts(placed):
            yield Finding.of(
                rules.PERIOD_MIXED,
                f"{indicator}{_series_name(later)}: the {kinds[id(later)].kind} '{quote(later.label)}' "
                f"overlaps the {kinds[id(earlier)].kind} '{quote(earlier.label)}' in row {earlier.row}, "
                "so the series has no single order in time.",
                **later.place("year"),
            )
            break  # one finding per series
        several = sub_annual_years(points)
        if several and indicator not in noted:
            noted.add(indicator)
            year, count = max(several.items())
            first = min(points, key=lambda p: p.row)
            yield Finding.of(
                rules.PERIOD_SUB_ANNUAL,
                f"{indicator} has several values in one year ({count} in {year}): progress, charts and "
                "the annex use the latest value of each year; the companion data workbook keeps them all.",
                **first.place("year"),
            )


# --- what a reviewer will miss ---------------------------------------------------------


def follow_up(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    for a in review.actions:
        if a.id not in review.followed_actions:
            yield Finding.of(rules.ACTION_UNFOLLOWED, f"no indicator follows action {a.id}.", **a.place("id"))
    year = review.info.year
    for ind in review.indicators:
        latest = review.latest_years.get(ind.id)
        if latest is None:
            yield Finding.of(rules.INDICATOR_NO_DATA, f"indicator {ind.id} has no data.", **ind.place("id"))
            continue
        if year and latest < year - schema.STALE_AFTER_YEARS:
            yield Finding.of(
                rules.INDICATOR_STALE,
                f"the latest data for {ind.id} is from {latest}, more than {schema.STALE_AFTER_YEARS} "
                f"years before the review year {year}.",
                **ind.place("id"),
            )


def directions(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    invalid = {(f.file, f.sheet, f.cell) for f in read.findings if f.rule == rules.DIRECTION_INVALID.code}
    for ind in review.indicators:
        place = ind.place("direction")
        if (
            ind.direction is None
            and "direction" in ind.origin.columns
            and (place["file"], place["sheet"], place["cell"]) not in invalid
        ):
            yield Finding.of(
                rules.DIRECTION_UNKNOWN,
                f"{ind.id} has no desired direction, so its progress shows the trend without saying whether "
                "it is good or bad.",
                **ind.place("direction"),
            )


def units(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    for ind in review.indicators:
        points = review.data_by_indicator.get(ind.id, [])
        if ind.unit is None and "unit" in ind.origin.columns and not (points and all(p.unit for p in points)):
            yield Finding.of(
                rules.UNIT_MISSING,
                f"{ind.id} has no unit: its figures are shown without one.",
                **ind.place("unit"),
            )


def themes(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    known = {t.casefold(): t for t in review.info.themes}
    for a in review.actions:
        if a.theme and a.theme.casefold() not in known:
            yield Finding.of(
                rules.THEME_UNKNOWN,
                f"theme '{quote(a.theme)}' is not one of the review's themes ({', '.join(review.info.themes)}).",
                _did_you_mean(a.theme, list(known.values())),
                **a.place("theme"),
            )


def narratives(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    sections = list(schema.NARRATIVE_SECTIONS)
    for n in review.narratives:
        if n.section not in sections:
            yield Finding.of(
                rules.NARRATIVE_UNKNOWN,
                f"'{quote(n.section)}' is not a section of the draft.",
                _did_you_mean(n.section, sections) or f"sections are {', '.join(sections)}",
                **n.place("section"),
            )
        elif not n.text:
            yield Finding.of(rules.NARRATIVE_EMPTY, f"the narrative for '{n.section}' is empty.", **n.place("text"))


def translations(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    yield from city_translations(review, fw)[1]


CHECKS: list[Callable[[Review, ReadResult, Framework], Iterator[Finding]]] = [
    review_sheet,
    required_sheets,
    duplicate_ids,
    references,
    target_codes,
    case_studies_and_links,
    budgets,
    official_indicators,
    years,
    duplicate_data,
    periods,
    follow_up,
    directions,
    units,
    themes,
    narratives,
    translations,
]


def run_checks(read: ReadResult, fw: Framework) -> list[Finding]:
    """Every check's findings, after the reader's."""
    findings = list(read.findings)
    for check in CHECKS:
        findings.extend(check(read.review, read, fw))
    return findings
