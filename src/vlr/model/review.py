"""The review, as one model: what the workbooks say, typed and located.

Every record remembers where it came from (file, sheet, row and the column of each
field), so any later stage can point an officer at the very cell to fix.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from vlr.formatting import _


class Origin(BaseModel):
    """A sheet a record was read from, with the column letter of each field."""

    model_config = ConfigDict(frozen=True)

    file: str
    sheet: str
    columns: dict[str, str] = Field(default_factory=dict)
    #: Row of the column headings (1-based): where a missing column is reported.
    header_row: int = 1


class Located(BaseModel):
    """Base of every record: where it stands in the workbooks."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    origin: Origin = Field(exclude=True, repr=False)
    row: int = Field(exclude=True, repr=False)

    def cell(self, field: str | None = None) -> str:
        """A1 reference of ``field`` in this record's row; the row's first cell
        when no field is given or the column is absent."""
        cols = self.origin.columns
        letter = cols.get(field or "") or min(cols.values(), key=lambda c: (len(c), c), default="A")
        return f"{letter}{self.row}"

    def place(self, field: str | None = None) -> dict[str, str]:
        return {"file": self.origin.file, "sheet": self.origin.sheet, "cell": self.cell(field)}

    def where(self, field: str | None = None) -> str:
        """``file, sheet S, cell C``: the place in words, for messages."""
        return f"{self.origin.file}, sheet {self.origin.sheet}, cell {self.cell(field)}"


class ReviewInfo(BaseModel):
    """The ``Review`` sheet: which city, which year."""

    city: str | None = None
    country: str | None = None
    year: int | None = None
    title: str | None = None
    period: str | None = None
    language: str = "en"
    organisation: str | None = None
    contact: str | None = None
    themes: list[str] = Field(default_factory=list)
    #: Goals to mark as reviewed in depth; empty: the HLPF's goals for the review year.
    hlpf_goals: list[int] = Field(default_factory=list)
    #: The city's logo for the cover: a picture file next to the workbook.
    logo: str | None = None
    origin: Origin | None = Field(default=None, exclude=True, repr=False)
    #: field name → A1 cell of its value.
    cells: dict[str, str] = Field(default_factory=dict, exclude=True, repr=False)

    @property
    def logo_path(self) -> Path | None:
        """The logo's file, next to the workbook of the Review sheet."""
        if not self.logo or self.origin is None:
            return None
        return Path(self.origin.file).parent / self.logo

    @property
    def display_title(self) -> str:
        """The Title, else "*City* Voluntary Local Review *Year*" in the language spoken."""
        return self.title or " ".join(x for x in (self.city, _("Voluntary Local Review"), str(self.year or "")) if x)


class Action(Located):
    id: str
    title: str | None = None
    theme: str | None = None
    targets: list[str] = Field(default_factory=list)
    description: str | None = None
    lead: str | None = None
    status: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    link: str | None = None
    budget: float | None = None
    currency: str | None = None


class CaseStudy(Located):
    """A short story of the city's work, shown as a box in its goals' chapters."""

    title: str
    #: Target codes and whole goals (``11``) as written.
    targets: list[str] = Field(default_factory=list)
    text: str = ""
    quote: str | None = None
    quote_by: str | None = None
    #: A picture file next to the workbook.
    picture: str | None = None
    link: str | None = None

    @property
    def picture_path(self) -> Path | None:
        if not self.picture or self.origin is None:
            return None
        return Path(self.origin.file).parent / self.picture


class Interlinkage(Located):
    """Work on one target helping (a synergy) or hindering (a trade-off) another."""

    source: str
    target: str
    kind: str
    note: str | None = None


class Indicator(Located):
    id: str
    name: str | None = None
    unit: str | None = None
    #: ``increase``, ``decrease``, or None: not known (progress then shows the trend only).
    direction: str | None = None
    targets: list[str] = Field(default_factory=list)
    sdg_indicators: list[str] = Field(default_factory=list)
    actions: list[str] = Field(default_factory=list)
    baseline_year: int | None = None
    baseline_value: float | None = None
    target_year: int | None = None
    target_value: float | None = None
    source: str | None = None
    owner: str | None = None
    #: The series named as the headline (the ``Headline series`` column); None: found by
    #: the rule of :func:`vlr.model.series.headline_key`.
    headline: str | None = None


class DataPoint(Located):
    indicator: str
    #: The calendar year the period ends in (the year itself for a plain year).
    year: int
    value: float
    #: A breakdown label such as ``Women``; ``None`` is a series with no breakdown.
    series: str | None = None
    note: str | None = None
    source: str | None = None
    #: The period as the publisher wrote it (``2019/20``); None for a plain year.
    period: str | None = None
    #: Where the period stands on the time axis (:mod:`vlr.model.periods`); None: at ``year``.
    position: float | None = None
    #: The unit of this row, where it is not the indicator's own.
    unit: str | None = None
    #: Where the value is for (a district, a region, the country); None: the review's own area.
    area: str | None = None

    @property
    def label(self) -> str:
        """The period as written: ``2021``, ``2019/20``, ``2014 Q3``."""
        return self.period or str(self.year)

    @property
    def x(self) -> float:
        """The place on the time axis (calendar year Y at Y)."""
        return self.year if self.position is None else self.position


class Narrative(Located):
    section: str
    text: str = ""
    #: The language it is written in (its base: ``fi``), where the Narratives sheet says; else the review's.
    language: str | None = None


class FrameworkText(Located):
    """A row of the Translations sheet: a target's or indicator's official text in a language."""

    code: str
    language: str
    text: str
    #: The English wording it translates, where the row gives it.
    english: str | None = None


class Review(BaseModel):
    """Everything the workbooks of one review hold."""

    info: ReviewInfo = Field(default_factory=ReviewInfo)
    actions: list[Action] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    data: list[DataPoint] = Field(default_factory=list)
    narratives: list[Narrative] = Field(default_factory=list)
    case_studies: list[CaseStudy] = Field(default_factory=list)
    interlinkages: list[Interlinkage] = Field(default_factory=list)
    translations: list[FrameworkText] = Field(default_factory=list)
    #: The workbooks read, as shown to the user.
    files: list[str] = Field(default_factory=list)

    @cached_property
    def actions_by_id(self) -> dict[str, Action]:
        """Actions by ID, in workbook order; of two with the same ID, the first."""
        return _first_by_id(self.actions)

    @cached_property
    def indicators_by_id(self) -> dict[str, Indicator]:
        """Indicators by ID, in workbook order; of two with the same ID, the first."""
        return _first_by_id(self.indicators)

    @cached_property
    def data_by_indicator(self) -> dict[str, list[DataPoint]]:
        grouped: dict[str, list[DataPoint]] = {}
        for point in self.data:
            grouped.setdefault(point.indicator, []).append(point)
        return grouped

    @cached_property
    def latest_years(self) -> dict[str, int]:
        """Indicator ID → the most recent year it has data for."""
        return {ind: max(p.year for p in points) for ind, points in self.data_by_indicator.items()}

    @cached_property
    def indicators_with_data(self) -> list[str]:
        return [i for i in self.indicators_by_id if i in self.latest_years]

    @cached_property
    def followed_actions(self) -> set[str]:
        """IDs of the actions some indicator follows (names in its Actions column)."""
        return {ref for ind in self.indicators for ref in ind.actions}

    def narrative(self, section: str, language: str | None = None) -> str | None:
        """The officer's text of ``section`` in ``language`` (a base language, ``fi``): the row
        that says that language, else a row that says none where ``language`` is the review's
        own (or not given); None where there is neither."""
        own = (self.info.language or "en").split("-")[0].lower()
        rows = [n for n in self.narratives if n.section == section and n.text]
        for n in rows:
            if language is not None and n.language == language:
                return n.text
        for n in rows:
            if n.language is None and (language is None or language == own):
                return n.text
        return None

    def narrative_languages(self, section: str) -> list[str]:
        """The languages ``section`` has a text in (a row without one is in the review's)."""
        own = (self.info.language or "en").split("-")[0].lower()
        return sorted({n.language or own for n in self.narratives if n.section == section and n.text})


def _first_by_id(records: list) -> dict:
    found: dict = {}
    for r in records:
        found.setdefault(r.id, r)
    return found
