"""The officers' figures checked against the data: a figure in a narrative or a case study
that refers to one of the review's indicators is compared with that indicator's data.

How a figure is recognised, clause by clause (a sentence is cut at commas, semicolons and
"and"):

1. **A figure**: a percentage (``65 %``, ``65 per cent``), percentage points, a fraction in
   words (``half``, ``a third``, ``three quarters``), "N in M" (``four in five``), or a
   verb that is a figure (``halved``, ``doubled``); ``about``, ``nearly``, ``over``… before
   it widen or bound it. A number without one of those (``aged 12``, ``21 cities``) is no
   figure.
2. **A change or a level**: a change has a direction (``fallen``, ``rose``, ``below``,
   ``higher``…) and a year it is counted from (``since 2010``, ``from the 1990 level``);
   a level has neither. A clause without its own direction or base year takes the
   sentence's, where the sentence has only one (``total emissions were 33 % and emissions
   per inhabitant 50 % below the 1990 level``).
3. **Its year**: ``in 2020``, ``by 2023``, ``last year`` (the year before the review's),
   the sentence's where the clause names none; else the latest year with data.
4. **Its indicator**: the indicator whose name's words the clause has most of, words
   that few indicators share counting more; where two fit equally, the one whose data can
   answer the claim (has its years); where none or several do, nothing is guessed.
5. **Not a claim of fact**: a clause or sentence about aims (``aims to``, ``target``,
   ``will``…) or a year after the review's; a level ``N % of something`` where the
   indicator's unit is a share of something else.

A claim agrees with the data within the rounding of its figure (half its last digit; a
fraction in words: within 0.04 of it; ``about``: within 5 % of it); ``over``/``more than``
and ``nearly``/``under`` are bounds. A claim that disagrees becomes a warning at the
narrative's cell, quoting the claim, the data's value and years, and the wording that
would be right.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from vlr import rules
from vlr.findings import Finding, Message, later
from vlr.model.review import Indicator, Located, Review
from vlr.model.series import headline_key, series_by_indicator
from vlr.texts import claim_words as W
from vlr.texts.sentences import with_unit


@dataclass(frozen=True)
class Claim:
    """A figure an officer wrote about an indicator, and what the data say."""

    #: Where it was written (a narrative or a case study) and the field of its text.
    record: Located
    field: str
    #: The clause as written, and the words of its figure.
    clause: str
    figure: str
    indicator: str
    #: "change" (counted from ``base_year``) or "level".
    kind: str
    year: int
    base_year: int | None
    claimed: float
    actual: float
    agrees: bool
    #: The data in words, said in the language spoken (:attr:`data`).
    in_words: Message
    #: The clause as it would be right (in the text's words).
    fixed: str

    @property
    def where(self) -> str:
        return self.record.where(self.field)

    @property
    def data(self) -> str:
        """The data in words, in the language spoken: "52 in 2025 against 100 in 1990: −48 %"."""
        return str(self.in_words)


def claims(review: Review) -> list[Claim]:
    """Every figure of the review's narratives and case studies that refers to an indicator
    with data, checked (the module's rules); in the order written."""
    keys = _keys(review)
    found = []
    texts = [(n, "text", n.text) for n in review.narratives] + [(c, "text", c.text) for c in review.case_studies]
    for record, field, text in texts:
        for sentence in W.SENTENCES.split(text or ""):
            found.extend(_sentence_claims(review, keys, record, field, sentence.strip().rstrip(".!?")))
    return found


def _keys(review: Review) -> dict[str, set[str]]:
    """The words (stems) of each indicator's name, and how many indicators share each."""
    return {
        i.id: {_stem(w) for w in W.WORD.findall(f"{i.name} {i.unit or ''}") if w.casefold() not in W.STOP}
        for i in _with_names(review)
    }


def _with_names(review: Review) -> list[Indicator]:
    return [i for i in review.indicators_by_id.values() if i.name]


def _stem(word: str) -> str:
    stem = word.casefold()[:6]
    return W.SYNONYMS.get(stem, stem)


@dataclass
class _Sentence:
    """What a sentence says for all its clauses: its one base year and direction, if it has
    one of each, and its year; and, clause by clause, the indicator and base year the clause
    before named."""

    base: int | None
    down: int
    year: int | None
    previous: str | None = None
    when: int | None = None


def _sentence_claims(review: Review, keys: dict[str, set[str]], record, field: str, sentence: str) -> list[Claim]:
    if not sentence or W.AIM.search(sentence):
        return []
    clauses = W.CLAUSES.split(sentence)
    bases = {int(a or b) for a, b in W.BASE.findall(sentence)}
    directions = {_direction(c) for c in clauses if W.FIGURE.search(c)}
    said = _Sentence(
        next(iter(bases)) if len(bases) == 1 else None,
        _direction(sentence) if len(directions - {0}) == 1 else 0,
        _year(sentence, review),
    )
    if said.year is not None and review.info.year and said.year > review.info.year:
        return []
    found = []
    for clause in clauses:
        own_base = W.BASE.search(clause)
        between = W.BETWEEN.search(clause) or W.BETWEEN.search(sentence)
        base = int(own_base.group(1) or own_base.group(2)) if own_base else said.base
        year = _year(clause, review) or said.year
        if between:
            base, year = int(between.group(1)), int(between.group(2))
        down = _direction(clause) or (said.down if base is not None else 0)
        context = (review, keys, record, field, clause)
        figures = list(W.FIGURE.finditer(clause))
        if not figures and down and (own_base or between):  # "declined between 2016 and 2020"
            claim = _direction_claim(*context, base, down, year)
            found += [claim] if claim else []
        for figure in figures:
            placed = _placed(clause, figure, said, base, year, down, bool(own_base or between))
            claim = _claim(*context, figure, *placed, said.previous) if placed else None
            if claim is not None:
                found.append(claim)
                said.previous = claim.indicator
        said.when = int(own_base.group(1) or own_base.group(2)) if own_base else None
    return found


def _placed(clause: str, figure: re.Match, said: _Sentence, base, year, down, counted: bool):
    """(base year, direction, year) of one figure of a clause, or None where it is none to check."""
    own = W.OWN_YEAR.match(clause, figure.end()) or W.LEVEL_OF.search(clause, 0, figure.start())
    after = W.AFTER_AMOUNT.match(clause, figure.end())
    if own:  # a value in a year of its own: "from 53 % in 2016 to 48 % in 2024", "its 1990 level of 96"
        return None, 0, int(own.group(1))
    if said.when is not None and clause.lstrip().casefold().startswith("when "):
        return None, 0, said.when  # "compared with 2005, when the rate exceeded 11 %"
    if _before(clause, figure, "from"):  # the value a change started from
        return (None, 0, base) if base is not None else None
    if _before(clause, figure, "to"):  # the value it came to
        return None, 0, year
    if after and base is not None:  # "50 % more energy", "4 µg/m³ lower"
        word = after.group(0).strip().casefold()
        return base, 1 if word in ("higher", "more", "above", "up") else -1, year
    if figure.group("amt") and not _before(clause, figure, "by"):
        return None, 0, year  # an amount is a change only "by" it, or "N lower": else a level
    if base is not None and (counted or down):
        return base, down, year
    return None, 0, year


def _direction_claim(review, keys, record, field, clause, base, down, year) -> Claim | None:
    """A change said without a figure: "declined since 2016"; checked for its direction."""
    indicator = _indicator(review, keys, W.BASE.sub(" ", clause), [y for y in (year, base) if y])
    if indicator is None:
        return None
    key = headline_key(indicator, series_by_indicator(review).get(indicator.id, {}))
    points = {p.year: p.value for p in series_by_indicator(review).get(indicator.id, {}).get(key, [])} if key else {}
    at = year if year is not None else max(points, default=None)
    if not points or at not in points or base not in points or points[at] == points[base]:
        return None
    actual = points[at] - points[base]
    unit = (key.unit or indicator.unit or "").strip()
    data = _against(with_unit(points[at], unit), at, with_unit(points[base], unit), base)
    agrees = (actual < 0) == (down < 0)
    fixed = clause if agrees else _swap_direction(clause)
    return Claim(record, field, clause, "", indicator.id, "direction", at, base, down, actual, agrees, data, fixed)


def _against(value: str, year: int, before: str, base: int, **change: Any) -> Message:
    """``52 in 2025 against 100 in 1990``, with the ``change`` (``share=`` or ``change=``) where given."""
    args = {"value": value, "year": year, "before": before, "base": base, **change}
    if "share" in change:
        return later._("{value} in {year} against {before} in {base}: {share} of it", **args)
    if "change" in change:
        return later._("{value} in {year} against {before} in {base}: {change}", **args)
    return later._("{value} in {year} against {before} in {base}", **args)


def _before(clause: str, figure: re.Match, word: str) -> bool:
    """Whether ``word`` stands right before ``figure`` (its hedge aside)."""
    return bool(re.search(rf"\b{word}\s+$", clause[: figure.start()], re.IGNORECASE))


def _direction(text: str) -> int:
    """-1 for a fall, 1 for a rise, 0 for neither (or both)."""
    return bool(W.UP.search(text)) - bool(W.DOWN.search(text))


def _year(text: str, review: Review) -> int | None:
    m = W.YEAR.search(text)
    if not m:
        return None
    if m.group(3):
        said = m.group(3).casefold()
        return (review.info.year - 1) if said == "last year" and review.info.year else None
    return int(m.group(1) or m.group(2))


@dataclass(frozen=True)
class _Figure:
    """A figure found in a clause, with the indicator's values it is to be checked against."""

    record: Located
    field: str
    clause: str
    figure: re.Match
    indicator: str
    unit: str
    #: The indicator's headline values by year; the year the claim is of, and the base year.
    points: dict[int, float]
    at: int
    base: int | None
    hedge: str
    claimed: float
    #: Half the unit of the figure's last digit (0.04 for a fraction in words).
    precision: float
    fraction: bool

    def claim(self, kind: str, claimed: float, actual: float, agrees: bool, data: Message, wording: str) -> Claim:
        fixed = self.clause.replace(self.figure.group(0), wording, 1)
        if kind == "change" and actual and (actual < 0) != (claimed < 0):
            fixed = _swap_direction(fixed)
        base = self.base if kind != "level" else None
        return Claim(
            self.record, self.field, self.clause, self.figure.group(0), self.indicator, kind, self.at, base,
            claimed, actual, agrees, data, fixed,
        )  # fmt: skip


def _claim(review, keys, record, field, clause, figure, base, down, year, previous=None) -> Claim | None:
    """The claim of one figure of a clause (rules 2 to 5), checked; None where it is no claim
    vlr can check. A clause naming no indicator is of ``previous``'s, the clause's before it."""
    change = base is not None and (down != 0 or figure.group("times"))
    wanted = [y for y in (year, base) if y is not None]
    indicator = _indicator(review, keys, W.BASE.sub(" ", clause), wanted)
    if indicator is None and previous is not None and not _names_any(keys, clause):
        indicator = review.indicators_by_id[previous]
    if indicator is None:
        return None
    key = headline_key(indicator, series_by_indicator(review).get(indicator.id, {}))
    points = {p.year: p.value for p in series_by_indicator(review).get(indicator.id, {}).get(key, [])} if key else {}
    if not points:
        return None
    at = year if year is not None else max(points)
    hedge, claimed, precision, fraction = _figure_value(figure)
    if at not in points or (base is not None and base not in points) or claimed is None:
        return None  # refers to a year vlr has no value of
    unit = (key.unit or indicator.unit or "").strip()
    if figure.group("amt") and not _in_unit(figure.group("words"), unit):
        return None  # a number of something else: "aged 12", "21 cities"
    if figure.group("bare") and not (_before(clause, figure, "from") or _before(clause, figure, "to")):
        return None  # a number without a unit counts only as a value of the indicator's: "from 8 in 2015 to 6"
    found = _Figure(
        record, field, clause, figure, indicator.id, unit, points, at, base, hedge, claimed, precision, fraction
    )
    if change:
        return _change(found, down)
    if base is not None:
        return _ratio(found)
    return _level(found)


def _in_unit(words: str, unit: str) -> bool:
    """Whether one of ``words`` (those after a number) is a word of ``unit``: ``5 tonnes`` of
    ``t CO2e``, ``8 library visits`` of ``visits``."""
    if words.casefold().startswith(unit.split()[0].casefold() if unit.split() else "\0"):
        return True  # "12 µg/m³" of µg/m³
    mine = {w.casefold() for w in re.findall(r"[\w-]+", unit)}
    mine |= {alias for w in list(mine) for alias in W.UNIT_WORDS.get(w, ())}
    stems = {_stem(w) for w in mine if len(w) > 2}
    return any(w.casefold() in mine or (len(w) > 2 and _stem(w) in stems) for w in words.split())


def _amount(f: _Figure) -> Claim:
    """A value in the indicator's unit: ``5 tonnes CO2e in 2015``."""
    actual = f.points[f.at]
    agrees = _agrees(actual, f.claimed, f.hedge, f.precision)
    data = later._("{value} in {year}", value=with_unit(actual, f.unit), year=f.at)
    words = f.figure.group("words")
    return f.claim("level", f.claimed, actual, agrees, data, f"{_shown(actual, f.precision)} {words or ''}".strip())


def _level(f: _Figure) -> Claim | None:
    """A share in a year: ``58 % of adults``, ``four in five residents``; or an amount."""
    figure, unit = f.figure, f.unit
    if figure.group("amt") or figure.group("bare"):
        return _amount(f)
    if not unit.startswith("%") or figure.group("pts") or figure.group("times"):
        return None  # a level is checked for shares only
    of = re.search(rf"{re.escape(figure.group(0))}\s+of\s+([a-z ]+)", f.clause, re.IGNORECASE)
    if of and "of" in unit and not set(W.WORD.findall(of.group(1).casefold())) & set(W.WORD.findall(unit.casefold())):
        return None  # a share of something the unit is not
    value = f.claimed * 100 if f.fraction else f.claimed
    actual = f.points[f.at]
    agrees = _agrees(actual, value, f.hedge, f.precision * (100 if f.fraction else 1))
    shown = _shown(actual, f.precision if not f.fraction else 0)
    wording = _wording(actual / 100, f.fraction, shown + "\u00a0%")
    data = later._("{value} in {year}", value=with_unit(actual, unit), year=f.at)
    return f.claim("level", value, actual, agrees, data, wording)


def _ratio(f: _Figure) -> Claim | None:
    """A value against a base year's: ``half the 1990 level``, ``52 % of the 1990 level``."""
    if f.figure.group("pts") or f.figure.group("times") or f.figure.group("amt") or f.figure.group("bare"):
        return None
    before, after = f.points[f.base], f.points[f.at]
    if before <= 0 or after < 0:
        return None
    actual = after / before
    claimed = f.claimed if f.fraction else f.claimed / 100
    agrees = _agrees(actual, claimed, f.hedge, f.precision if f.fraction else f.precision / 100)
    shown = f"{_shown(actual * 100, f.precision if not f.fraction else 0)}\u00a0%"
    data = _against(with_unit(after, f.unit), f.at, with_unit(before, f.unit), f.base, share=shown)
    return f.claim("ratio", claimed, actual, agrees, data, _wording(actual, f.fraction, shown))


def _change(f: _Figure, down: int) -> Claim | None:
    """A change since a base year: ``fell by a quarter since 2015``, ``doubled``, ``rose by 5
    percentage points``."""
    before, after = f.points[f.base], f.points[f.at]
    figure = f.figure
    if figure.group("pts") or figure.group("amt"):  # a difference: in points, or in the unit
        actual = after - before
        claimed = down * abs(f.claimed) if down else f.claimed
        agrees = _agrees(actual, claimed, f.hedge, f.precision)
        said = "percentage points" if figure.group("pts") else figure.group("words")
        shown = f"{_shown(abs(actual), f.precision)} {said}"  # in the text's words
    else:
        if before == 0:
            return None
        actual = (after - before) / abs(before)
        if figure.group("times"):
            claimed = W.MULTIPLIED[figure.group("times").casefold()]
        else:
            claimed = (-1 if down < 0 else 1) * abs(f.claimed) / (1 if f.fraction else 100)
        tolerance = 0.04 if f.fraction or figure.group("times") else f.precision / 100
        agrees = _agrees(actual, claimed, f.hedge, tolerance)
        shown = f"{_shown(abs(actual) * 100, f.precision if not f.fraction else 0)}\u00a0%"
    sign = "\u2212" if actual < 0 else "+"
    change: str | Message = sign + shown
    if figure.group("pts"):  # said in the report's language
        change = later._("{number} percentage points", number=sign + _shown(abs(actual), f.precision))
    data = _against(with_unit(after, f.unit), f.at, with_unit(before, f.unit), f.base, change=change)
    wording = _wording(abs(actual), f.fraction and not figure.group("pts"), shown)
    return f.claim("change", claimed, actual, agrees, data, wording)


def _figure_value(figure) -> tuple[str, float | None, float, bool]:
    """The hedge, the figure's value (a percentage, points, or a fraction), the half-unit of
    its last digit, and whether it is a fraction in words."""
    hedge = (figure.group(1) or "").casefold()
    hedge = "over" if hedge in ("exceeded", "exceeds", "exceeding", "topped", "surpassed") else hedge
    for group in ("pct", "pts", "amt", "bare"):
        text = figure.group(group)
        if text:
            decimals = len(text.split(".")[1]) if "." in text else 0
            return hedge, float(text.replace(",", "")), 0.5 * 10**-decimals, False
    if figure.group("frac"):
        return hedge, W.FRACTIONS[figure.group("frac").casefold()], 0.04, True
    if figure.group("n"):
        n, m = (W.WORD_NUMBERS.get(x.casefold()) or int(x) for x in (figure.group("n"), figure.group("m")))
        return (hedge, n / m, 0.04, True) if m else (hedge, None, 0, True)
    return hedge, 1.0, 0.04, True  # halved, doubled…: the value is the verb's


def _agrees(actual: float, claimed: float, hedge: str, tolerance: float) -> bool:
    """Whether ``actual`` is what ``claimed`` says, within its rounding and its hedge."""
    if hedge in ("about", "around", "roughly", "approximately", "some", "close to"):
        tolerance = max(tolerance, abs(claimed) * 0.05)
    if hedge in W.BOUNDS:  # "fewer than half" of 52 %: no rounding makes it true
        tolerance = min(tolerance, 0.005 * max(abs(claimed), 1e-9))
    if hedge in ("over", "more than", "at least", "just over"):
        return abs(actual) >= abs(claimed) - tolerance and (actual < 0) == (claimed < 0)
    if hedge in ("under", "less than", "fewer than", "just under", "nearly", "almost"):
        low = abs(claimed) * (0.85 if hedge in ("nearly", "almost") else 0)
        return low - tolerance <= abs(actual) <= abs(claimed) + tolerance and (actual < 0) == (claimed < 0)
    return abs(actual - claimed) <= tolerance + 1e-9


def _shown(value: float, precision: float) -> str:
    decimals = max(0, -int(math.floor(math.log10(precision * 2)))) if precision else 0
    text = f"{value:,.{decimals}f}"
    return text


def _wording(share: float, fraction: bool, number: str) -> str:
    """The figure as it would be right: a fraction in words for a fraction ("almost half"),
    else the number."""
    if not fraction:
        return number
    name, value = min(
        ((n, v) for n, v in W.FRACTIONS.items() if not n.startswith("one ")), key=lambda nv: abs(nv[1] - share)
    )
    if abs(share - value) <= 0.01:
        return name
    return f"{'almost' if share < value else 'over'} {name}"


def _swap_direction(text: str) -> str:
    return re.sub(
        r"\b(" + "|".join(W.OPPOSITE) + r")\b", lambda m: W.OPPOSITE[m.group(0).casefold()], text, count=1, flags=re.I
    )


def _indicator(review: Review, keys: dict[str, set[str]], clause: str, years: list[int]) -> Indicator | None:
    """The one indicator the clause refers to (rule 4), or None."""
    words = {_stem(w) for w in W.WORD.findall(clause) if w.casefold() not in W.STOP}
    shared: dict[str, int] = {}
    for stems in keys.values():
        for s in stems:
            shared[s] = shared.get(s, 0) + 1
    n = max(len(keys), 1)
    scores = {i: sum(math.log(1 + n / shared[s]) for s in stems & words) for i, stems in keys.items() if stems & words}
    if not scores:
        return None
    best = max(scores.values())
    top = [i for i, s in scores.items() if s >= best - 1e-9]
    if len(top) > 1:
        series = series_by_indicator(review)
        top = [i for i in top if _has_years(review, series.get(i, {}), i, years)]
    if len(top) != 1:
        return None
    return review.indicators_by_id[top[0]]


def _names_any(keys: dict[str, set[str]], clause: str) -> bool:
    """Whether the clause has a word of any indicator's name (then it is about that one, or
    about several, and not the clause before's)."""
    words = {_stem(w) for w in W.WORD.findall(clause) if w.casefold() not in W.STOP}
    return any(stems & words for stems in keys.values())


def _has_years(review: Review, series: dict, indicator: str, years: list[int]) -> bool:
    key = headline_key(review.indicators_by_id[indicator], series)
    have = {p.year for p in series.get(key, [])} if key else set()
    return bool(have) and all(y in have for y in years)


def claim_findings(review: Review) -> list[Finding]:
    """A warning at its cell for each figure the data contradict (``vlr validate``)."""
    findings = []
    for claim in claims(review):
        if claim.agrees:
            continue
        indicator = review.indicators_by_id[claim.indicator]
        findings.append(
            Finding.of(
                rules.NARRATIVE_CLAIM,
                later._(
                    "\u201c{clause}\u201d: the data of {id} ({name}) give {data}; it would be right as "
                    "\u201c{fixed}\u201d.",
                    clause=claim.clause,
                    id=indicator.id,
                    name=indicator.name,
                    data=claim.in_words,
                    fixed=claim.fixed,
                ),
                **claim.record.place(claim.field),
            )
        )
    return findings
