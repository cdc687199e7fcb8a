"""Where an Open SDG value is for: the columns that name places, the most local first, and
the place each row's value is for (its Area).

A row names its place in one or more columns (``Ward``, ``Region``, ``Country``…); its
Area is the most local it names, and the less local ones are, for most rows, the places
that one lies in (a ward of one region). A row that puts its place in another one than most
rows do (a slip, a borough counted in London and in Outer London) keeps that other place in
its Series label, so no value falls on another and a row naming only a region keeps the
region as its Area. A place column whose values say how urban a place is (``Urban``,
``Rural``: Canada's ``Area``) is a breakdown.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

#: Map codes: an attribute beside a column that names the place, a breakdown where they
#: are the only column that says where a value is for (:func:`columns`).
GEOGRAPHY_CODES = frozenset({"geocode", "geo code", "geography code"})
#: Columns that say where a value is for, the most local first: a row's Area is the first of
#: them it fills (a ward of a region of a country is that ward), a name before a code.
AREA_COLUMNS = (
    "ward",
    "ward name",
    "district",
    "district name",
    "local authority",
    "local authority name",
    "city",
    "municipality",
    "region",
    "region name",
    "area",
    "area name",
    "geography",
    "ref_area",
    "country",
    # the city's and its neighbours' languages: district, region, area
    "kaupunginosa",
    "kunta",
    "stadsdel",
    "kommun",
    "kreis",
    "gemeinde",
    "район",
    "maakunta",
    "landskap",
    "län",
    "bundesland",
    "регион",
    "область",
    "alue",
    "område",
    "gebiet",
    "территория",
    *sorted(GEOGRAPHY_CODES),
)
#: Values that say how urban a place is, not which place it is: a "place" column holding
#: them (Canada's ``Area``: Total, Urban, Rural) is a breakdown.
URBANISATION = frozenset({"urban", "rural", "total", "urban areas", "rural areas", "cities", "towns", "suburbs"})


@dataclass
class Places:
    """The place columns of a file, the most local first, and for each pair (inner, outer)
    the place each inner place lies in (as most rows have it)."""

    columns: list[int] = field(default_factory=list)
    within: dict[tuple[int, int], dict[str, str]] = field(default_factory=dict)

    def elsewhere(self, cells: list[str], j: int) -> list[int]:
        """The less local place columns of a row whose Area is from column ``j`` that put it
        in another place than most rows do."""
        found = []
        for k in self.columns[self.columns.index(j) + 1 :]:
            usual = self.within.get((j, k), {}).get(cells[j])
            if cells[k] and usual is not None and cells[k] != usual:
                found.append(k)
        return found


def places(body: list[list[str]], areas: list[int]) -> Places:
    """The :class:`Places` of a file among its place columns ``areas`` (see the module)."""
    out = Places()
    for j in (j for j in areas if not _urbanisation(body, j)):
        out.within.update({(i, j): _within(body, i, j) for i in out.columns})
        out.columns.append(j)
    return out


def _urbanisation(body: list[list[str]], j: int) -> bool:
    values = {r[j].strip().casefold() for r in body if j < len(r) and r[j].strip()}
    return bool(values) and values <= URBANISATION


def _within(body: list[list[str]], inner: int, outer: int) -> dict[str, str]:
    """Each place of column ``inner`` → the place of ``outer`` most rows put it in (on a tie,
    the first)."""
    seen: dict[str, Counter] = {}
    for r in body:
        a, b = (r[inner] if inner < len(r) else ""), (r[outer] if outer < len(r) else "")
        if a and b:
            seen.setdefault(a, Counter())[b] += 1
    return {a: c.most_common(1)[0][0] for a, c in seen.items()}


def area_of(header: list[str], cells: list[str], areas: list[int], meta, own: frozenset[str]) -> str | None:
    """The most local place a row names (its label), or None for the review's own area: no
    place, or one of ``own`` (the city, the country, the place the site starts with)."""
    j = next((j for j in areas if cells[j]), None)
    if j is None or cells[j].casefold() in own:
        return None
    label = meta.code(header[j], cells[j])
    return None if label.casefold() in own else label
