"""What a review is once read, checked and analysed: the objects the reports and the draft
are made of (:class:`Loaded`, :class:`Analysis`)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the analysis is imported when a review is analysed: vlr validate needs none of it
    from pathlib import Path

    from vlr.analysis.coverage import Budget, Coverage
    from vlr.analysis.gaps import GroupGap
    from vlr.analysis.progress import Progress, Thresholds
    from vlr.findings import Report
    from vlr.framework.catalogue import Framework
    from vlr.framework.translations import Translations
    from vlr.model.review import Review


@dataclass
class Loaded:
    """A review read and checked: the model, its findings and the framework used."""

    review: Review
    report: Report
    framework: Framework
    #: The workbook or folder it was read from.
    path: Path | None = None

    @functools.cached_property
    def translations(self) -> Translations:
        """The review's own framework translations (its Translations sheets' usable rows)."""
        from vlr.workbook.translations import city_translations

        return city_translations(self.review, self.framework)[0]

    def read(self) -> list:
        """What was read, for :func:`vlr.output.refuse_input`: the workbooks, and the folder
        whose top level they were found in when a folder was given."""
        folder = [self.path] if self.path is not None and self.path.is_dir() else []
        return [*self.review.files, *folder]


@dataclass
class Analysis:
    """A review read, checked and analysed: what the reports and the draft are made of."""

    loaded: Loaded
    coverage: Coverage
    progress: list[Progress]
    method: str

    @property
    def review(self) -> Review:
        return self.loaded.review

    @functools.cached_property
    def gaps(self) -> dict[str, GroupGap]:
        """Indicator ID → the widest gap between its groups (:mod:`vlr.analysis.gaps`)."""
        from vlr.analysis.gaps import gaps

        return gaps(self.review)

    @functools.cached_property
    def budgets(self) -> list[Budget]:
        """The actions' budgets, a :class:`vlr.analysis.coverage.Budget` per currency."""
        from vlr.analysis.coverage import budgets

        return budgets(self.review, self.loaded.framework)


def analysis_of(
    loaded: Loaded,
    *,
    method: str = "unsd",
    thresholds: Thresholds | None = None,
    breakdowns: bool = False,
    hlpf_goals: list[int] | None = None,
) -> Analysis:
    """Coverage and progress of a review already read and checked.

    ``method`` is ``unsd`` or ``eurostat``; ``breakdowns`` adds each breakdown series
    to the headline; ``hlpf_goals`` overrides the goals marked as reviewed in depth."""
    from vlr.analysis.coverage import coverage
    from vlr.analysis.progress import progress

    cov = coverage(loaded.review, loaded.framework, hlpf_goals)
    results = progress(loaded.review, loaded.framework, method=method, thresholds=thresholds, breakdowns=breakdowns)
    return Analysis(loaded, cov, results, method)
