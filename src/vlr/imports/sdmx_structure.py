"""What an SDMX data structure (DSD) says of the codes in the data: the names of its
components and codes, in the review's language where it has them, which components are
dimensions and which attributes, where each area sits in its hierarchy, and which SDG
indicator each ``SERIES`` code is for.

A ``SERIES`` code is matched to its indicators, in this order:

1. the code's ``Indicator`` annotations (by title or type, as the global SDG structure and
   national ones write them), each a code such as ``1.1.1``, ``1.5.1, 11.5.1`` or a
   national ``1.1.1.1``;
2. its name, where it starts with the code (``9.5.1 Research and development…``) or ends
   with them in brackets (``Proportion of population… [1.1.1]``).

A code with neither is for no indicator known: its observations are left out, counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

#: The SDG data structure's components that are not breakdowns of a value.
SERIES, AREA, UNIT, SCALE, TIME = "SERIES", "REF_AREA", "UNIT_MEASURE", "UNIT_MULT", "TIME_PERIOD"
#: Attributes of the global SDG structure (and national ones): where a file comes without
#: its structure's component list, these are still attributes, never breakdowns.
KNOWN_ATTRIBUTES = frozenset(
    {
        "OBS_STATUS",
        "UNIT_MULT",
        "UNIT_MEASURE",
        "BASE_PER",
        "NATURE",
        "TIME_DETAIL",
        "COMMENT_OBS",
        "TIME_COVERAGE",
        "UPPER_BOUND",
        "LOWER_BOUND",
        "SOURCE_DETAIL",
        "COMMENT_TS",
        "GEO_INFO_URL",
        "GEO_INFO_TYPE",
        "CUST_BREAKDOWN_LB",
        "DATA_LAST_UPDATE",
        "OBS_CONF",
        "OBS_VALUE",
    }
)
_INDICATOR = r"\d{1,2}\.[0-9a-z]{1,2}\.[0-9a-z]{1,2}(?:\.[0-9a-z]{1,3})?"
_CODES = re.compile(rf"(?<![\w.]){_INDICATOR}(?![\w.])", re.IGNORECASE)
_NAME_SUFFIX = re.compile(rf"\[\s*({_INDICATOR}(?:\s*[,;]\s*{_INDICATOR})*)\s*\]\s*$", re.IGNORECASE)
_NAME_PREFIX = re.compile(rf"^\s*({_INDICATOR})\s", re.IGNORECASE)


@dataclass
class Structure:
    """The codes of a data structure, by component ID (empty when the data came without one)."""

    dimensions: list[str] = field(default_factory=list)
    attributes: set[str] = field(default_factory=set)
    #: Component ID → its concept's name (``SEX`` → ``Sex``).
    names: dict[str, str] = field(default_factory=dict)
    #: Component ID → code → its name (``SEX`` → ``F`` → ``Female``).
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Area code → the area it is part of.
    parents: dict[str, str] = field(default_factory=dict)
    #: SERIES code → the indicators it is for, and its place in the code list.
    indicators: dict[str, list[str]] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    #: Indicator → its title, where an annotation gives one.
    titles: dict[str, str] = field(default_factory=dict)
    #: Where it came from (a file), for messages.
    source: str | None = None

    def name(self, component: str, code: str) -> str:
        """The name of ``code`` of ``component``, or the code itself where the structure has none."""
        return self.codes.get(component, {}).get(code) or code

    def known(self, component: str, code: str) -> bool:
        return code in self.codes.get(component, {})

    def is_attribute(self, component: str) -> bool:
        return component in self.attributes or component in KNOWN_ATTRIBUTES

    def merge(self, other: Structure) -> None:
        """Take from ``other`` (another structure given) what this one does not say."""
        self.attributes |= other.attributes
        self.dimensions += [d for d in other.dimensions if d not in self.dimensions]
        for component, codes in other.codes.items():
            mine = self.codes.setdefault(component, {})
            for code, name in codes.items():
                mine.setdefault(code, name)
        for mapping, theirs in ((self.names, other.names), (self.parents, other.parents), (self.titles, other.titles)):
            for key, value in theirs.items():
                mapping.setdefault(key, value)
        for code, found in other.indicators.items():
            if not self.indicators.get(code):
                self.indicators[code] = found
            self.order.setdefault(code, len(self.order))


def _text(international, language: str) -> str:
    """A name in ``language``, else English, else any."""
    if international is None:
        return ""
    if isinstance(international, str):
        return " ".join(international.split())
    found = getattr(international, "localizations", None) or {}
    for lang in (language, "en"):
        if found.get(lang):
            return " ".join(str(found[lang]).split())
    return " ".join(str(next(iter(found.values()), "") or "").split())


def indicators_of(code) -> tuple[list[str], str | None]:
    """The indicators a SERIES code (an sdmx1 ``Code``) is for (see the module), and the
    title its annotations give."""
    found: list[str] = []
    title = None
    for note in getattr(code, "annotations", []) or []:
        kind = " ".join(str(x or "") for x in (note.title, note.type)).casefold().split()
        text = _text(note.text, "en")
        if "indicator" in kind:
            found += [c.lower() for c in _CODES.findall(text) if c.lower() not in found]
        elif "indicatortitle" in kind and text:
            title = text
    return found or indicators_in_name(_text(getattr(code, "name", None), "en")), title


def indicators_in_name(name: str) -> list[str]:
    """The indicators a series' name carries: ``… [1.1.1, 11.5.1]`` or ``9.5.1 …``."""
    if m := _NAME_SUFFIX.search(name):
        return [c.lower() for c in _CODES.findall(m.group(1))]
    if m := _NAME_PREFIX.match(name):
        return [m.group(1).lower()]
    return []


def _codelist(component):
    rep = getattr(component, "local_representation", None)
    listed = getattr(rep, "enumerated", None) if rep else None
    if listed is None and getattr(component, "concept_identity", None) is not None:
        core = getattr(component.concept_identity, "core_representation", None)
        listed = getattr(core, "enumerated", None) if core else None
    return listed


def from_dsd(dsd, language: str = "en", source: str | None = None) -> Structure:
    """The :class:`Structure` of an sdmx1 data structure definition."""
    out = Structure(source=source)
    dims = [d for d in dsd.dimensions.components if d.id != TIME]
    out.dimensions = [d.id for d in dims]
    out.attributes = {a.id for a in dsd.attributes.components}
    for component in [*dims, *dsd.attributes.components]:
        concept = getattr(component, "concept_identity", None)
        out.names[component.id] = _text(getattr(concept, "name", None), language) or component.id.title()
        listed = _codelist(component)
        if listed is None:
            continue
        out.codes[component.id] = {c.id: _text(c.name, language) or c.id for c in listed}
        if component.id == AREA:
            out.parents = {c.id: c.parent.id for c in listed if type(c.parent) is type(c)}
        if component.id == SERIES:
            for i, c in enumerate(listed):
                out.indicators[c.id], title = indicators_of(c)
                out.order[c.id] = i
                for ind in out.indicators[c.id]:
                    if title:
                        out.titles.setdefault(ind, title)
    return out


def series_name(structure: Structure, code: str) -> str:
    """A SERIES code's name without the indicator codes it carries (``… [1.1.1]``)."""
    name = structure.name(SERIES, code)
    bare = _NAME_PREFIX.sub("", _NAME_SUFFIX.sub("", name)).strip()
    return bare or name
