"""Importing the UN's official indicator framework workbook.

The UN Statistics Division publishes the global indicator framework as an .xlsx
(sheet ``A.RES.71.313 Annex``): goals and targets in one column, indicators in the
next, UNSD indicator codes in a third. A goal row reads ``Goal 13. Take urgent
action…``; a target cell starts with its code (``13.1 Strengthen…``), an indicator cell
with its own (``13.1.1 Number of…``). Texts carry footnote digits glued to words
(``impacts3``), non-breaking spaces and hyphens, ``*``/``†`` markers and line breaks,
all cleaned here without breaking ``CO2`` or ``PM2.5``.

The importer finds the columns by their headings, so a re-laid-out edition still reads.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from vlr.exceptions import FrameworkError
from vlr.framework.catalogue import (
    GOAL_COLOURS,
    GOAL_SHORT_NAMES,
    INDICATOR_CODE,
    TARGET_CODE,
    Framework,
    Goal,
    Indicator,
    Target,
    code_key,
)
from vlr.values import clean_text
from vlr.xlsx import read_workbook

#: Repeats the UN counts that do not share a UNSD code. 13.b.1 measures the
#: 13.2.1 quantity for least developed countries and small island developing States,
#: and the UN counts it as a repeat (234 unique indicators in the 2025 list).
KNOWN_REPEATS = {"13.b.1": "13.2.1"}

_GOAL_ROW = re.compile(r"^Goal\s+(\d{1,2})\.\s*(.+)$", re.DOTALL)
_CODE_START = re.compile(r"^(\d{1,2}\.(?:\d{1,2}|[a-z])(?:\.\d{1,2})?)\s+(.+)$", re.DOTALL)
# A footnote number glued to the end of a lower-case word: "impacts3", "speed4".
# Upper-case formulas (CO2, PM2.5, PM10) and short units (km2) are left alone.
_FOOTNOTE = re.compile(r"(?<=[a-z]{3})\d{1,2}(?=[\s.,;:)]|$)")
_EDITION_REF = re.compile(r"E/CN\.3/(\d{4})/\d+")


def clean_un_text(value: object) -> str:
    """UN framework text on one line, footnote marks removed."""
    text = clean_text(value)
    text = text.replace("\u2011", "-").replace("\u00ad", "")
    text = " ".join(text.split())
    text = _FOOTNOTE.sub("", text)
    return text.rstrip("*\u2020 ").strip()


def import_un_workbook(path: str | Path, edition: str | None = None) -> Framework:
    """Read the UN's framework workbook at ``path`` into a :class:`Framework`."""
    path = Path(path)
    sheets = read_workbook(path, fill_merged=False)
    sheet = next((s for s in sheets if "71.313" in s.name), sheets[0] if sheets else None)
    if sheet is None or not sheet.rows:
        raise FrameworkError(f"{path}: no framework sheet found (expected 'A.RES.71.313 Annex').")
    header_index, cols = _find_columns(path, sheet.rows)

    goals: dict[int, Goal] = {}
    targets: dict[str, Target] = {}
    listings: list[Indicator] = []
    notes: list[str] = []
    current_target: str | None = None
    for row in sheet.rows[header_index + 1 :]:
        left, ind, unsd = (row[cols[key]] if cols[key] < len(row) else "" for key in ("targets", "indicators", "unsd"))
        left_text = clean_text(left)
        m = _GOAL_ROW.match(left_text)
        if m:
            number = int(m.group(1))
            goals[number] = Goal(
                number=number,
                title=clean_un_text(m.group(2)),
                short_name=GOAL_SHORT_NAMES.get(number, f"Goal {number}"),
                colour=GOAL_COLOURS.get(number, "#555555"),
            )
            current_target = None
            continue
        m = _CODE_START.match(left_text)
        if m and TARGET_CODE.match(m.group(1)):
            current_target = m.group(1)
            targets.setdefault(
                current_target,
                Target(code=current_target, goal=int(current_target.split(".")[0]), text=clean_un_text(m.group(2))),
            )
        elif left_text and not ind:
            notes.append(left_text)  # footnotes, sub-headings ("Data, monitoring and accountability")
            if not goals:
                continue
        listings.extend(_indicators_in(ind, unsd, current_target))

    if not goals or not targets:
        raise FrameworkError(f"{path}: no goals or targets found; is this the UN's indicator framework workbook?")
    _link_repeats(listings)
    year, reference, title = _edition(notes, path)
    return Framework(
        edition=edition or year,
        title=title,
        source="United Nations Statistics Division, global indicator framework "
        f"(A/RES/71/313{', ' + reference if reference else ''})",
        source_file=path.name,
        goals=[goals[n] for n in sorted(goals)],
        targets=sorted(targets.values(), key=lambda t: code_key(t.code)),
        indicators=listings,
    )


def _find_columns(path: Path, rows: list[list]) -> tuple[int, dict[str, int]]:
    for i, row in enumerate(rows[:20]):
        heads = [clean_text(c).casefold() for c in row]
        found = {}
        for j, h in enumerate(heads):
            if h.startswith("goals and targets"):
                found["targets"] = j
            elif h.startswith("indicators"):
                found["indicators"] = j
            elif "unsd" in h and "code" in h:
                found["unsd"] = j
        if {"targets", "indicators"} <= found.keys():
            found.setdefault("unsd", 10**6)
            return i, found
    raise FrameworkError(
        f"{path}: no header row with 'Goals and targets' and 'Indicators' in the first 20 rows; "
        "is this the UN's indicator framework workbook?"
    )


def _indicators_in(cell: object, unsd: object, target: str | None) -> list[Indicator]:
    text = clean_text(cell)
    if not text:
        return []
    # A cell may list several indicators, one per line; the UNSD codes follow suit.
    chunks = re.split(r"\n(?=\d{1,2}\.(?:\d{1,2}|[a-z])\.\d{1,2}\s)", text)
    codes = [c for c in re.split(r"[\s,;]+", clean_text(unsd)) if c]
    found = []
    for n, chunk in enumerate(chunks):
        m = _CODE_START.match(chunk)
        if not m or not INDICATOR_CODE.match(m.group(1)):
            continue  # "No suitable replacement indicator was proposed…"
        code = m.group(1)
        owner = target or ".".join(code.split(".")[:2])
        found.append(
            Indicator(
                code=code,
                target=owner,
                text=clean_un_text(m.group(2)),
                unsd_code=codes[n] if n < len(codes) else None,
            )
        )
    return found


def _link_repeats(listings: list[Indicator]) -> None:
    """Fill ``repeats``: listings sharing a UNSD code, plus :data:`KNOWN_REPEATS`."""
    parent = {i.code: i.code for i in listings}

    def find(c: str) -> str:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    def union(a: str, b: str) -> None:
        if a in parent and b in parent:
            parent[find(a)] = find(b)

    by_unsd: dict[str, list[str]] = defaultdict(list)
    for ind in listings:
        if ind.unsd_code:
            by_unsd[ind.unsd_code].append(ind.code)
    for codes in by_unsd.values():
        for c in codes[1:]:
            union(c, codes[0])
    for a, b in KNOWN_REPEATS.items():
        union(a, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for ind in listings:
        groups[find(ind.code)].append(ind.code)
    for ind in listings:
        ind.repeats = sorted((c for c in groups[find(ind.code)] if c != ind.code), key=code_key)


def _edition(notes: list[str], path: Path) -> tuple[str, str | None, str]:
    refs = [(m.group(1), m.group(0)) for note in notes for m in _EDITION_REF.finditer(note)]
    if refs:
        year, reference = max(refs)
    else:
        m = re.search(r"(20\d\d)", path.name)
        if not m:
            raise FrameworkError(f"{path}: cannot tell the edition's year; give it with --edition.")
        year, reference = m.group(1), None
    review = any(re.search(rf"{year} comprehensive review", n, re.IGNORECASE) for n in notes)
    kind = "comprehensive review" if review else "annual refinement"
    return year, reference, f"Global indicator framework after the {year} {kind}"
