"""The library entry points: every ``vlr`` command is one call here.

>>> from vlr.main import validate
>>> report = validate("indicators/")
>>> report.ok, len(report.errors)
"""

from __future__ import annotations

import functools
import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from vlr.analysis.coverage import Coverage, coverage
from vlr.analysis.progress import Progress, Thresholds, progress
from vlr.findings import Report
from vlr.framework.catalogue import Framework, load_framework
from vlr.model.review import Review
from vlr.workbook.checks import run_checks
from vlr.workbook.reader import read_review

#: The review read when no path is given.
DEFAULT_INPUT = Path("indicators")


@dataclass
class Loaded:
    """A review read and checked: the model, its findings and the framework used."""

    review: Review
    report: Report
    framework: Framework


def load(
    path: str | os.PathLike = DEFAULT_INPUT, framework: str | os.PathLike | None = None, strict: bool = False
) -> Loaded:
    """Read the workbook or folder at ``path`` and check it against the SDG framework.

    Raises :class:`vlr.exceptions.UnreadableInput` when the input cannot be read at all;
    every other problem is a finding in the report."""
    fw = load_framework(framework)
    with _collector_paused():
        read = read_review(Path(path))
        findings = run_checks(read, fw)
    loaded = Loaded(read.review, Report.of(findings, strict=strict), fw)
    if any(n.text and "{" in n.text for n in read.review.narratives):
        from vlr.draft.build import narrative_findings  # renders them as the build will

        loaded.report = Report.of([*findings, *narrative_findings(loaded)], strict=strict)
    return loaded


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector during a bulk load: reading a large
    review makes hundreds of thousands of small objects and no cycles, and the
    collector's repeated passes over them cost a third of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def validate(
    path: str | os.PathLike = DEFAULT_INPUT, framework: str | os.PathLike | None = None, strict: bool = False
) -> Report:
    """The validation report of the review at ``path``."""
    return load(path, framework, strict).report


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
    def gaps(self) -> dict:
        """Indicator ID → the widest gap between its groups (:mod:`vlr.analysis.gaps`)."""
        from vlr.analysis.gaps import gaps

        return gaps(self.review)

    @functools.cached_property
    def budgets(self) -> list:
        """The actions' budgets, a :class:`vlr.analysis.coverage.Budget` per currency."""
        from vlr.analysis.coverage import budgets

        return budgets(self.review, self.loaded.framework)


def analyse(
    path: str | os.PathLike = DEFAULT_INPUT,
    framework: str | os.PathLike | None = None,
    *,
    method: str = "unsd",
    thresholds: Thresholds | None = None,
    breakdowns: bool = False,
    hlpf_goals: list[int] | None = None,
) -> Analysis:
    """Coverage and progress of the review at ``path``.

    ``method`` is ``unsd`` or ``eurostat``; ``breakdowns`` adds each breakdown series
    to the headline; ``hlpf_goals`` overrides the goals marked as reviewed in depth."""
    return analysis_of(
        load(path, framework), method=method, thresholds=thresholds, breakdowns=breakdowns, hlpf_goals=hlpf_goals
    )


def analysis_of(
    loaded: Loaded,
    *,
    method: str = "unsd",
    thresholds: Thresholds | None = None,
    breakdowns: bool = False,
    hlpf_goals: list[int] | None = None,
) -> Analysis:
    """Coverage and progress of a review already read and checked."""
    cov = coverage(loaded.review, loaded.framework, hlpf_goals)
    results = progress(loaded.review, loaded.framework, method=method, thresholds=thresholds, breakdowns=breakdowns)
    return Analysis(loaded, cov, results, method)


def import_open_sdg(
    source: str | os.PathLike,
    folder: str | os.PathLike,
    *,
    city: str | None = None,
    country: str | None = None,
    year: int | None = None,
    language: str = "en",
    framework: str | os.PathLike | None = None,
):
    """Make vlr workbooks in the new ``folder`` from the Open SDG data repository at
    ``source`` (:mod:`vlr.imports.open_sdg`). Returns what was imported and skipped;
    ``source`` is only read."""
    from vlr.imports.open_sdg import WIDTHS, read_repository, workbooks
    from vlr.workbook.writer import write_folder

    fw = load_framework(framework)
    imported = read_repository(source, fw, city=city, country=country, year=year)
    books = workbooks(imported, city=city, country=country, year=year, language=language)
    write_folder(folder, books, WIDTHS)
    return imported
