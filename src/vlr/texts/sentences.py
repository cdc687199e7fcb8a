"""Generated sentences: what the data of an indicator show, and the gap between its
groups, in words, from the numbers and the progress method.

The facts are computed here, formatted for the review's language (numbers, units,
changes); the words come from the templates ``indicator.j2`` and ``gap.j2`` (a city's
``--templates`` folder first; a language's own ``indicator.fi.j2`` before the English
one), so a city can reword or translate them without touching code.
"""

from __future__ import annotations

import math
import re

from vlr.analysis.gaps import GroupGap
from vlr.analysis.progress import METHOD_NAMES, Progress
from vlr.formatting import N_, _, n_, number
from vlr.model.review import Indicator
from vlr.model.series import label_parts

MINUS = "\u2212"
NBSP = "\u00a0"
#: Units that are a plain count: the number is written without them.
_COUNT_UNITS = re.compile(r"^(number|count|no\.?|n)$", re.I)


def is_share(unit: str | None) -> bool:
    return bool(unit) and unit.strip().startswith(("%", "per cent", "percent"))


#: What the draft says where an indicator has no unit (the workbook's Unit cell is empty).
NO_UNIT = N_("unit not stated")


def unit_words(unit: str | None) -> str:
    """The unit as a table, a caption or a heading gives it: the unit, or :data:`NO_UNIT`."""
    return unit if unit and unit.strip() else _(NO_UNIT)


def with_unit(value: float | None, unit: str | None, language: str = "en", decimals: int | None = None) -> str:
    """``3.6 t CO2e per inhabitant``, ``48 %`` (also for ``% of residents``: the
    indicator's name says of what), ``4,688 courses`` (``number of courses``), ``1,335``
    (``number``)."""
    text = number(value, language, decimals)
    if value is None or not unit or not unit.strip():
        return text
    unit = " ".join(unit.split())
    if is_share(unit):
        return f"{text}{NBSP}%"
    if _COUNT_UNITS.match(unit):
        return text
    unit = re.sub(r"^number of\s+", "", unit, flags=re.I)
    return f"{text}{NBSP}{unit}"


def signed(value: float, language: str = "en", decimals: int | None = None) -> str:
    """``−28`` with a real minus sign, ``+3.1``."""
    sign = MINUS if value < 0 else "+" if value > 0 else ""
    return sign + number(abs(value), language, decimals)


def change(base: float, latest: float, unit: str | None, language: str = "en") -> str:
    """The change from ``base`` to ``latest``: in percentage points for a share, else
    relative (``−28 %``)."""
    if is_share(unit):
        points = latest - base
        words = n_("percentage point", "percentage points", 1 if abs(round(points, 1)) == 1 else 2)
        return f"{signed(points, language, 1)}{NBSP}{words}"
    if base == 0:
        return f"{signed(latest - base, language)}"
    relative = (latest - base) / abs(base) * 100
    return f"{signed(relative, language, 0 if abs(relative) >= 10 else 1)}{NBSP}%"


def difference(gap: float, unit: str | None, language: str = "en") -> str:
    """A gap between two values: percentage points for a share, else in the unit."""
    if is_share(unit):
        words = n_("percentage point", "percentage points", 1 if round(abs(gap), 1) == 1 else 2)
        return f"{number(abs(gap), language, 1)}{NBSP}{words}"
    return with_unit(abs(gap), unit, language)


def indicator_facts(result: Progress, indicator: Indicator, language: str = "en", points=()) -> dict:
    """What ``indicator.j2`` is given: the status and its numbers, formatted. ``points``
    (the headline's) give the latest value where there is no trend to compute."""
    unit = result.unit or indicator.unit
    has_base = result.base_value is not None and result.latest_value is not None
    verb = ""
    if has_base:
        verb = (
            "rose from"
            if result.latest_value > result.base_value
            else "fell from"
            if result.latest_value < result.base_value
            else "stayed at"
        )
    growth = result.cagr
    facts = {
        "id": indicator.id,
        "name": indicator.name,
        "unit": unit or "",
        "status": result.status.value,
        "label": _(result.label),
        "method": result.method,
        "method_name": _(METHOD_NAMES[result.method]),
        "trend": result.trend or "",
        "reason": result.reason or "",
        "no_total": result.label == "No total published",
        "base": with_unit(result.base_value, unit, language) if has_base else "",
        "base_period": result.base_period or "",
        "latest": with_unit(result.latest_value, unit, language) if result.latest_value is not None else "",
        "latest_period": result.latest_period or "",
        "verb": verb,
        "change": change(result.base_value, result.latest_value, unit, language) if has_base else "",
        "target": with_unit(result.target_value, unit, language) if result.target_value is not None else "",
        "target_year": result.target_year or "",
        "projected": with_unit(result.projected_value, unit, language, _rounded(result.projected_value))
        if result.projected_value is not None and math.isfinite(result.projected_value)
        else "",
        "ratio": f"{number(result.ratio * 100, language, 0)}{NBSP}%" if result.ratio is not None else "",
        "growth": f"{number(abs(growth) * 100, language, 1)}{NBSP}%" if growth is not None else "",
        "growth_word": (_("rise") if growth > 0 else _("fall")) if growth else "",
    }
    if has_base:
        facts["base_number"] = _base_number(result.base_value, facts["base"], unit, language)
    facts["subject"] = _subject(indicator.name or indicator.id, unit)
    if not has_base and points:
        facts.update(latest_only(indicator, points, language))
    return facts


def _base_number(value: float, with_its_unit: str, unit: str | None, language: str) -> str:
    """The base value as the sentence gives it: without its unit where the unit is words
    that the latest value says anyway ("from 410 in 2016 to 571 thousand visitors"), else
    with it ("from 4.3 t CO2e", "from 52 %")."""
    shown = with_its_unit[len(number(value, language)) :]
    if not re.search(r"[a-z]{4,}", shown):
        return with_its_unit
    scale = re.match(r"\s*(thousand|million|billion)\b", shown)  # "from 3.9 million in 2016 to 4.7 million nights"
    return number(value, language) + (f"{NBSP}{scale.group(1)}" if scale else "")


def _subject(name: str, unit: str | None) -> str:
    """What the sentence is about: the indicator's name, or, where the name has a comma of its
    own ("…, aged 15-24"), the name and then "the share" (or "the figure") as the subject."""
    if "," not in name:
        return name
    return (_("{name}: the share") if is_share(unit or "") else _("{name}: the figure")).format(name=name)


def _rounded(value: float | None) -> int | None:
    """Decimals for a projection: a projection is no more precise than a whole number
    above 100, or a tenth below."""
    if value is None or not math.isfinite(value):
        return None
    return 0 if abs(value) >= 100 else 1


def latest_only(indicator: Indicator, points, language: str = "en") -> dict:
    """Facts for an indicator with one data point: no trend, only the value."""
    last = max(points, key=lambda p: p.x) if points else None
    return {
        "latest": with_unit(last.value, last.unit or indicator.unit, language) if last else "",
        "latest_period": last.label if last else "",
    }


def group_label(label: str, within: str | None) -> str:
    """A group's label without what the groups compared share (said once, as ``within``):
    ``Sex: Female; Age: 65+`` among women → ``Age: 65+``."""
    if not within:
        return label
    shared = set(label_parts(within))
    return "; ".join(p for p in label_parts(label) if p not in shared) or label


def gap_facts(gap: GroupGap, language: str = "en") -> dict:
    """What ``gap.j2`` is given: the two groups, the gap and how it moved."""
    unit = gap.unit
    return {
        "id": gap.indicator,
        "name": gap.name,
        "period": gap.period,
        "dimension": gap.dimension or "",
        "within": gap.within or "",
        "high_label": group_label(gap.high.label, gap.within),
        "high": with_unit(gap.high.value, unit, language),
        "low_label": group_label(gap.low.label, gap.within),
        "low": with_unit(gap.low.value, unit, language),
        "overall": with_unit(gap.overall, unit, language) if gap.overall is not None else "",
        "gap": difference(gap.gap, unit, language),
        "times": f"{number(gap.ratio, language, 1)}" if gap.ratio and gap.ratio >= 1.5 else "",
        "earlier_period": gap.earlier_period or "",
        "earlier_gap": difference(gap.earlier_gap, unit, language) if gap.earlier_gap is not None else "",
        "trend": gap.trend or "",
        "behind": gap.behind or "",
        "groups": gap.groups,
    }
