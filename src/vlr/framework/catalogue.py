"""The official SDG global indicator framework, as data.

vlr ships the framework as JSON produced by its own importer (:mod:`vlr.framework.unworkbook`)
from the UN Statistics Division's workbook. :func:`load_framework` reads it (or a file
the user regenerated from a newer UN edition); the :class:`Framework` answers the
questions the rest of vlr asks: is this a target, which indicators belong to it, what
does goal 13 hold, which targets speak of "public transport".
"""

from __future__ import annotations

import functools
import json
import os
import re
from pathlib import Path

from pydantic import BaseModel, Field

from vlr.exceptions import FrameworkError, UnreadableInput

SHIPPED = Path(__file__).parent.parent / "data" / "sdg-framework.json"

#: Short goal names used in UN communications.
GOAL_SHORT_NAMES = {
    1: "No poverty",
    2: "Zero hunger",
    3: "Good health and well-being",
    4: "Quality education",
    5: "Gender equality",
    6: "Clean water and sanitation",
    7: "Affordable and clean energy",
    8: "Decent work and economic growth",
    9: "Industry, innovation and infrastructure",
    10: "Reduced inequalities",
    11: "Sustainable cities and communities",
    12: "Responsible consumption and production",
    13: "Climate action",
    14: "Life below water",
    15: "Life on land",
    16: "Peace, justice and strong institutions",
    17: "Partnerships for the goals",
}

#: The widely used SDG palette (goal number → hex colour).
GOAL_COLOURS = {
    1: "#E5243B",
    2: "#DDA63A",
    3: "#4C9F38",
    4: "#C5192D",
    5: "#FF3A21",
    6: "#26BDE2",
    7: "#FCC30B",
    8: "#A21942",
    9: "#FD6925",
    10: "#DD1367",
    11: "#FD9D24",
    12: "#BF8B2E",
    13: "#3F7E44",
    14: "#0A97D9",
    15: "#56C02B",
    16: "#00689D",
    17: "#19486A",
}

TARGET_CODE = re.compile(r"^(\d{1,2})\.(\d{1,2}|[a-z])$")
INDICATOR_CODE = re.compile(r"^(\d{1,2})\.(\d{1,2}|[a-z])\.(\d{1,2})$")


class Goal(BaseModel):
    number: int
    title: str
    short_name: str
    colour: str


class Target(BaseModel):
    code: str
    goal: int
    text: str

    @property
    def lettered(self) -> bool:
        return self.code.split(".")[1].isalpha()


class Indicator(BaseModel):
    """One listing of an indicator under a target. A repeated indicator (the same
    indicator listed under several targets) has one listing per target; ``repeats``
    names the other listings of the same indicator."""

    code: str
    target: str
    text: str
    unsd_code: str | None = None
    repeats: list[str] = Field(default_factory=list)


class Framework(BaseModel):
    edition: str
    title: str
    source: str
    source_file: str
    goals: list[Goal]
    targets: list[Target]
    indicators: list[Indicator]

    # Lookups by code: cached properties, kept in the instance's own dict. As pydantic's
    # private attributes they were read through its __getattr__, 50 times slower than a
    # dict lookup (a validation of the large review asks for 23,500 targets).
    @functools.cached_property
    def goals_by_number(self) -> dict[int, Goal]:
        return {g.number: g for g in self.goals}

    @functools.cached_property
    def targets_by_code(self) -> dict[str, Target]:
        return {t.code: t for t in self.targets}

    @functools.cached_property
    def indicators_by_code(self) -> dict[str, Indicator]:
        return {i.code: i for i in self.indicators}

    @functools.cached_property
    def indicators_by_target(self) -> dict[str, list[Indicator]]:
        found: dict[str, list[Indicator]] = {}
        for ind in self.indicators:
            found.setdefault(ind.target, []).append(ind)
        return found

    # lookups -------------------------------------------------------------------
    def goal(self, number: int) -> Goal | None:
        return self.goals_by_number.get(number)

    def target(self, code: str) -> Target | None:
        return self.targets_by_code.get(code)

    def indicator(self, code: str) -> Indicator | None:
        return self.indicators_by_code.get(code)

    def targets_of(self, goal: int) -> list[Target]:
        return [t for t in self.targets if t.goal == goal]

    def indicators_of(self, target: str) -> list[Indicator]:
        return list(self.indicators_by_target.get(target, ()))

    def indicator_targets(self, code: str) -> list[str]:
        """Every target an indicator serves: its own, and those of its repeats."""
        by_code = self.indicators_by_code
        ind = by_code.get(code)
        if ind is None:
            return []
        codes = [ind.target] + [by_code[c].target for c in ind.repeats if c in by_code]
        return sorted(set(codes), key=code_key)

    def describe_goal_targets(self, goal: int) -> str:
        """``13.1–13.3, 13.a, 13.b``: a goal's targets in a few words, for hints."""
        numbered = [t.code for t in self.targets_of(goal) if not t.lettered]
        lettered = [t.code for t in self.targets_of(goal) if t.lettered]
        parts = []
        if numbered:
            parts.append(numbered[0] if len(numbered) == 1 else f"{numbered[0]}\u2013{numbered[-1]}")
        parts.extend(lettered)
        return ", ".join(parts)

    # figures -------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        lettered = sum(1 for t in self.targets if t.lettered)
        distinct = {i.unsd_code or i.code for i in self.indicators}
        groups = {min([i.code, *i.repeats], key=code_key) for i in self.indicators}
        return {
            "goals": len(self.goals),
            "targets": len(self.targets),
            "targets_numbered": len(self.targets) - lettered,
            "targets_lettered": lettered,
            "indicator_listings": len(self.indicators),
            "indicator_codes": len(distinct),
            "unique_indicators": len(groups),
        }

    def to_json(self) -> str:
        return json.dumps(self.model_dump(), ensure_ascii=False, indent=1) + "\n"


def code_key(code: str) -> tuple:
    """Sort key for SDG codes: 1.2 < 1.10 < 1.a; 13 < 13.1 < 13.1.1."""
    key = []
    for part in code.split("."):
        key.append((0, int(part), "") if part.isdigit() else (1, 0, part))
    return tuple(key)


def load_framework(path: str | os.PathLike | None = None) -> Framework:
    """The framework at ``path``, else ``$VLR_FRAMEWORK``, else the shipped edition."""
    path = path or os.environ.get("VLR_FRAMEWORK") or SHIPPED
    return _load(str(Path(path).resolve()))


@functools.lru_cache(maxsize=4)
def _load(path: str) -> Framework:
    from vlr.inputs import read_bytes

    try:
        text = read_bytes(path, "framework", what="SDG framework file").decode("utf-8")
    except (UnreadableInput, UnicodeDecodeError) as exc:
        reason = exc.message if isinstance(exc, UnreadableInput) else f"{path}: not UTF-8 text."
        raise FrameworkError(f"Cannot read the SDG framework file: {reason}") from None
    try:
        return Framework.model_validate_json(text)
    except ValueError as exc:
        raise FrameworkError(
            f"{path} is not a vlr framework file ({str(exc).splitlines()[0]}). "
            "Create one with 'vlr framework import UN-WORKBOOK.xlsx -o FILE'."
        ) from None


class FrameworkDiff(BaseModel):
    """What changed between two editions."""

    old_edition: str
    new_edition: str
    added_targets: list[str] = []
    removed_targets: list[str] = []
    reworded_targets: list[str] = []
    added_indicators: list[str] = []
    removed_indicators: list[str] = []
    reworded_indicators: list[str] = []
    recoded_indicators: list[str] = []  # same code, new UNSD code

    @property
    def unchanged(self) -> bool:
        return not any(v for k, v in self.model_dump().items() if isinstance(v, list))


def diff(old: Framework, new: Framework) -> FrameworkDiff:
    def norm(text: str) -> str:
        return " ".join(text.split()).casefold()

    result = FrameworkDiff(old_edition=old.edition, new_edition=new.edition)
    for kind, o, n in (
        ("targets", {t.code: t for t in old.targets}, {t.code: t for t in new.targets}),
        ("indicators", {i.code: i for i in old.indicators}, {i.code: i for i in new.indicators}),
    ):
        setattr(result, f"added_{kind}", sorted(n.keys() - o.keys(), key=code_key))
        setattr(result, f"removed_{kind}", sorted(o.keys() - n.keys(), key=code_key))
        common = sorted(o.keys() & n.keys(), key=code_key)
        setattr(result, f"reworded_{kind}", [c for c in common if norm(o[c].text) != norm(n[c].text)])
        if kind == "indicators":
            result.recoded_indicators = [c for c in common if o[c].unsd_code != n[c].unsd_code]
    return result
