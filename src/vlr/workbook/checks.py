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
from vlr.findings import Finding, Message, later, where
from vlr.framework.catalogue import INDICATOR_CODE, TARGET_CODE, Framework
from vlr.model.review import Interlinkage, Located, Review
from vlr.rules import Rule, Severity
from vlr.values import quote
from vlr.workbook import data_checks, schema
from vlr.workbook.reader import ReadResult
from vlr.workbook.translations import city_translations

word = Message.word


def _did_you_mean(value: str, candidates: list[str]) -> Message | None:
    match = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return later._("did you mean {value}?", value=match[0]) if match else None


# --- the review as a whole ---------------------------------------------------------


def review_sheet(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    if not read.review_sheets:
        yield Finding.of(
            rules.REVIEW_MISSING,
            later._("no workbook has a Review sheet, so vlr does not know the city and year of the review."),
            sheet="Review",
        )
    for file, sheet in read.review_sheets[1:]:
        first_file, first_sheet = read.review_sheets[0]
        yield Finding.of(
            rules.REVIEW_DUPLICATE,
            later._(
                "a second Review sheet; the review is already described in {file}, sheet {sheet}.",
                file=first_file,
                sheet=first_sheet,
            ),
            file=file,
            sheet=sheet,
            cell="A1",
        )
    info = review.info
    if info.year is not None and not (schema.FIRST_YEAR <= info.year <= schema.LAST_YEAR) and info.origin:
        yield Finding.of(
            rules.YEAR_INVALID,
            later._("review year {year} is not a plausible year.", year=info.year),
            later._(
                "write the year of the review, between {first} and {last}",
                first=schema.FIRST_YEAR,
                last=schema.LAST_YEAR,
            ),
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
                later._("no workbook has a {sheet} sheet. {purpose}", sheet=word(name), purpose=Message(spec.purpose)),
                later._(
                    "add a sheet named {sheet} with the columns {columns}",
                    sheet=word(name),
                    columns=[word(c) for c in spec.required],
                ),
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
                    later._(
                        "{kind} {id} is used twice: also in {place}.",
                        kind=word(kind),
                        id=rec.id,
                        place=where(**first[key].place("id")),
                    ),
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
                    later._("action {id} is not defined in any {sheet} sheet.", id=ref, sheet=word("Actions")),
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
                later._(
                    "indicator {id} is not defined in any {sheet} sheet.", id=point.indicator, sheet=word("Indicators")
                ),
                _did_you_mean(point.indicator, indicator_ids),
                **point.place("indicator"),
            )


# --- the SDG framework ---------------------------------------------------------------


def _target_problem(code: str, fw: Framework) -> tuple[Rule, Message, Message] | None:
    """Why ``code`` is not a target: (the rule, the message, the hint), or None."""
    if fw.target(code):
        return None
    if re.fullmatch(r"\d{1,2}", code) and fw.goal(int(code)):
        return (
            rules.TARGET_GOAL_ONLY,
            later._("'{code}' is a whole goal, not a target.", code=quote(code)),
            later._(
                "name the targets the work serves: goal {goal} has {targets}",
                goal=code,
                targets=fw.describe_goal_targets(int(code)),
            ),
        )
    if INDICATOR_CODE.match(code) and fw.indicator(code):
        target = fw.indicator(code).target
        return (
            rules.TARGET_UNKNOWN,
            later._("{code} is an SDG indicator, not a target.", code=code),
            later._(
                "write its target, {target}, here, and {code} in the {column} column",
                target=target,
                code=code,
                column=word("SDG indicator"),
            ),
        )
    m = TARGET_CODE.match(code)
    if m and fw.goal(int(m.group(1))):
        goal = int(m.group(1))
        return (
            rules.TARGET_UNKNOWN,
            later._("{code} is not an SDG target.", code=code),
            later._("goal {goal} has {targets}", goal=goal, targets=fw.describe_goal_targets(goal)),
        )
    return (
        rules.TARGET_UNKNOWN,
        later._("'{code}' is not an SDG target code.", code=quote(code)),
        later._("write target codes such as 11.2 or 13.a, separated by commas"),
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
                rules.LINK_INVALID,
                later._("the row links target {target} with itself.", target=link.source),
                **link.place("target"),
            )
        key = (link.source, link.target)
        if key in seen:
            yield Finding.of(
                rules.LINK_DUPLICATE,
                later._(
                    "the link from {source} to {target} is given twice (first in row {row}).",
                    source=link.source,
                    target=link.target,
                    row=seen[key].row,
                ),
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
                later._(
                    "action {id} has a budget but no currency, so its budget is left out of the sums.", id=action.id
                ),
                **action.place("budget"),
            )


def official_indicators(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    for ind in review.indicators:
        for code in ind.sdg_indicators:
            official = fw.indicator(code)
            if official is None:
                m = TARGET_CODE.match(code)
                if m and fw.target(code):
                    codes = [i.code for i in fw.indicators_of(code)]
                    hint = later._("{code} is a target; its indicators are {codes}", code=code, codes=codes)
                elif INDICATOR_CODE.match(code) and fw.target(code.rsplit(".", 1)[0]):
                    target = code.rsplit(".", 1)[0]
                    hint = later._(
                        "target {target} has {codes}", target=target, codes=[i.code for i in fw.indicators_of(target)]
                    )
                else:
                    hint = later._("write official codes such as 11.6.2 (see 'vlr framework search')")
                yield Finding.of(
                    rules.INDICATOR_UNKNOWN,
                    later._(
                        "{code} is not an indicator of the SDG framework ({edition} edition).",
                        code=code,
                        edition=fw.edition,
                    ),
                    hint,
                    **ind.place("sdg_indicators"),
                )
                continue
            serves = fw.indicator_targets(code)
            if not set(serves) & set(ind.targets):
                which: str | Message = serves[0]
                for other in serves[1:]:
                    which = later._("{codes} or {code}", codes=which, code=other)
                yield Finding.of(
                    rules.INDICATOR_TARGET_MISMATCH,
                    later._(
                        "official indicator {code} belongs to target {target}, which is not among this "
                        "indicator's SDG targets ({targets}).",
                        code=code,
                        target=which,
                        targets=ind.targets or later._("none"),
                    ),
                    later._(
                        "add {target} to the {targets}, or correct the {indicator}",
                        target=serves[0],
                        targets=word("SDG targets"),
                        indicator=word("SDG indicator"),
                    ),
                    **ind.place("sdg_indicators"),
                )


# --- what a reviewer will miss ---------------------------------------------------------


def follow_up(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    for a in review.actions:
        if a.id not in review.followed_actions:
            yield Finding.of(
                rules.ACTION_UNFOLLOWED, later._("no indicator follows action {id}.", id=a.id), **a.place("id")
            )
    year = review.info.year
    for ind in review.indicators:
        latest = review.latest_years.get(ind.id)
        if latest is None:
            yield Finding.of(
                rules.INDICATOR_NO_DATA, later._("indicator {id} has no data.", id=ind.id), **ind.place("id")
            )
            continue
        if year and latest < year - schema.STALE_AFTER_YEARS:
            yield Finding.of(
                rules.INDICATOR_STALE,
                later.n_(
                    "the latest data for {id} is from {latest}, more than {n} year before the review year {year}.",
                    "the latest data for {id} is from {latest}, more than {n} years before the review year {year}.",
                    schema.STALE_AFTER_YEARS,
                    id=ind.id,
                    latest=latest,
                    year=year,
                ),
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
                later._(
                    "{id} has no desired direction, so its progress shows the trend without saying whether it is "
                    "good or bad.",
                    id=ind.id,
                ),
                **ind.place("direction"),
            )


def units(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    for ind in review.indicators:
        points = review.data_by_indicator.get(ind.id, [])
        if ind.unit is None and "unit" in ind.origin.columns and not (points and all(p.unit for p in points)):
            yield Finding.of(
                rules.UNIT_MISSING,
                later._("{id} has no unit: its figures are shown without one.", id=ind.id),
                **ind.place("unit"),
            )


def themes(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    known = {t.casefold(): t for t in review.info.themes}
    for a in review.actions:
        if a.theme and a.theme.casefold() not in known:
            yield Finding.of(
                rules.THEME_UNKNOWN,
                later._(
                    "theme '{theme}' is not one of the review's themes ({themes}).",
                    theme=quote(a.theme),
                    themes=review.info.themes,
                ),
                _did_you_mean(a.theme, list(known.values())),
                **a.place("theme"),
            )


def narratives(review: Review, read: ReadResult, fw: Framework) -> Iterator[Finding]:
    sections = list(schema.NARRATIVE_SECTIONS)
    for n in review.narratives:
        if n.section not in sections:
            yield Finding.of(
                rules.NARRATIVE_UNKNOWN,
                later._("'{section}' is not a section of the draft.", section=quote(n.section)),
                _did_you_mean(n.section, sections) or later._("sections are {sections}", sections=sections),
                **n.place("section"),
            )
        elif not n.text:
            yield Finding.of(
                rules.NARRATIVE_EMPTY,
                later._("the narrative for '{section}' is empty.", section=n.section),
                **n.place("text"),
            )


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
    data_checks.years,
    data_checks.duplicate_data,
    data_checks.periods,
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
