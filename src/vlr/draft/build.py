"""``vlr build``: from the indicator workbooks to the Word draft, as a straight line.

read and validate → analyse → texts → charts and render → write (→ PDF). Everything is
gathered first; the file is written last, atomically, and only for a review without
errors. Each stage's time is kept for the report and the benchmark. :func:`vlr.main.build`
runs the stages; every option of a build is one :class:`BuildOptions`.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from vlr.analysis.result import Analysis, Loaded, analysis_of
from vlr.charts.figures import ChartSource
from vlr.charts.tiles import icon_files
from vlr.draft.background import in_background
from vlr.draft.document import RenderOptions, SectionSummary, render
from vlr.draft.living import carry_over, check_draft
from vlr.draft.living.ahead import UpdateAhead
from vlr.draft.options import BuildOptions, PathLike
from vlr.exceptions import ContradictedClaims, InvalidReview, OutputError
from vlr.formatting import _, n_
from vlr.output import Input, inputs, keep_copy, refuse_input, replace_file
from vlr.texts.claims import claims
from vlr.texts.context import texts_of

if TYPE_CHECKING:
    from vlr.analysis.diff import Diff

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    path: Path
    analysis: Analysis
    sections: list[SectionSummary]
    charts: int
    timings: dict[str, float] = field(default_factory=dict)
    pdf: Path | None = None
    #: The companion data workbook: every value, a sheet per indicator.
    data: Path | None = None
    #: With ``update``: what the refresh did, a line each, and where the previous file was kept.
    report: list[str] = field(default_factory=list)
    backup: Path | None = None


def data_workbook_path(draft: Path) -> Path:
    """``build/x-draft.docx`` → ``build/x-draft-data.xlsx``: written beside the draft."""
    return draft.with_name(f"{draft.stem}-data.xlsx")


def default_output(loaded: Loaded) -> Path:
    info = loaded.review.info
    city = re.sub(r"[^a-z0-9]+", "-", (info.city or "city").lower()).strip("-") or "city"
    return Path("build") / f"{city}-vlr-{info.year or 'draft'}-draft.docx"


class Build:
    """One run of ``vlr build``, stage by stage (:func:`vlr.main.build` calls them in order):
    the drafts to update or carry from are checked when it starts, before the long read;
    :meth:`accept` takes the review read and checked, :meth:`finish` writes the draft.

    With ``update``, the draft's parts are rebuilt and everything people wrote is kept
    (:mod:`vlr.draft.living`); :class:`~vlr.exceptions.EditedRegions` is raised when parts vlr
    generates were edited by hand (unless ``discard_edits``), and nothing is written."""

    def __init__(self, options: BuildOptions, progress: Progress | None = None):
        self.options = options
        self.say = progress or (lambda _msg: None)
        self.timings: dict[str, float] = {}
        self._clock = time.perf_counter()
        self.old_draft = self.last_draft = None
        self._update: UpdateAhead | None = None
        #: The draft's language: the option's, else (refreshing) the language the draft was written in.
        self.language = options.language
        if options.carry_from is not None:
            self.last_draft = check_draft(Path(options.carry_from), locked_ok=True)
        if options.update is not None:
            self.old_draft = check_draft(Path(options.update))
            self.language = self.language or draft_language(self.old_draft)
            # the draft is read and examined by a forked process while this one builds, and merged there
            self._update = UpdateAhead(
                self.old_draft,
                discard_edits=options.discard_edits,
                restore=options.restore_deleted,
                path=Path(options.update),
            )

    def lap(self, stage: str) -> None:
        """Count the time since the last lap to ``stage``."""
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self._clock
        self._clock = now

    def accept(self, loaded: Loaded) -> None:
        """Take the review read and checked: refused with its report when it has errors, and
        when the draft, its data workbook or its PDF would be written over or among anything the
        build reads (:meth:`_inputs`), or through a link. The data
        workbook is written by a forked process from here on, while this one lays out."""
        report = loaded.report
        if report.errors:
            raise InvalidReview(
                report.to_text(notes=False) + "\n\n" + _("The draft was not written: fix the errors above first.")
            )
        if self.options.final and not self.options.accept_claims:
            contradicted = [claim for claim in claims(loaded.review) if not claim.agrees]
            if contradicted:
                raise ContradictedClaims(
                    [(c.where, f"\u201c{c.clause}\u201d: the data give {c.data}") for c in contradicted]
                )
        output = self.options.update or self.options.output
        self.target = Path(output) if output else default_output(loaded)
        if self.options.language_suffix and self.language and not self.options.update:
            self.target = self.target.with_name(f"{self.target.stem}-{self.language}{self.target.suffix}")
        if self.target.suffix.lower() != ".docx":
            raise OutputError(f"{self.target}: the draft is a Word document; give a file name ending in .docx.")
        read = self._inputs(loaded)
        refuse_input(self.target, read)
        self.data_target = data_workbook_path(self.target)
        refuse_input(self.data_target, read)
        if self.options.pdf:
            refuse_input(self.target.with_suffix(".pdf"), read)
        review = loaded.review
        counts = [
            n_("{n} workbook", "{n} workbooks", len(review.files)).format(n=len(review.files)),
            n_("{n} action", "{n} actions", len(review.actions_by_id)).format(n=len(review.actions_by_id)),
            n_("{n} indicator", "{n} indicators", len(review.indicators_by_id)).format(n=len(review.indicators_by_id)),
            n_("{n} warning", "{n} warnings", len(report.warnings)).format(n=len(report.warnings)),
        ]
        self.say("  " + ", ".join(counts))
        self.date = self.options.date or dt.date.today()
        self._databook = in_background(_data_workbook, loaded.review, self.date)

    def _inputs(self, loaded: Loaded) -> list[Input]:
        """Everything this build reads, which nothing it writes may replace or lie in: the
        review's workbooks and folder, last review's, last cycle's draft (next year's draft
        never replaces the one it starts from), the templates, icons, Word template and logo."""
        options = self.options
        return [
            *loaded.read(),
            *inputs([options.previous], "last review's workbooks"),
            *inputs([options.carry_from], "last cycle's draft"),
            *inputs([options.templates], "the templates folder", tree=True),
            *inputs([options.icons], "the icons folder", tree=True),
            *inputs([options.reference_docx], "the city's Word template"),
            *inputs([loaded.review.info.logo_path], "the review's logo"),
        ]

    def finish(self, loaded: Loaded, path: PathLike, last: Loaded | None = None) -> BuildResult:
        """Analyse, word, draw and lay out the draft of ``loaded``, refresh or carry over into
        it as the options say, and write it with its data workbook (and the PDF)."""
        options = self.options
        analysis = analysis_of(loaded, method=options.method)
        changes = None
        if last is not None:
            changes = self._changes(last, loaded, path)
        self.lap("analyse")
        templates = Path(options.templates) if options.templates else None
        texts = texts_of(analysis, self.date, templates, self.data_target.name)
        self.lap("texts")
        data, sections, count = self._lay_out(analysis, texts, changes)
        databook = self._databook()
        self.lap("data workbook")
        data, report, backup = self._merge(data)
        replace_file(self.data_target, databook, force=options.force)
        if self.old_draft is None:
            backup = replace_file(self.target, data, force=options.force)
        else:
            replace_file(self.target, data, force=True)  # the update kept its own copy
        self.lap("write")
        result = BuildResult(
            self.target,
            analysis,
            sections,
            count,
            self.timings,
            data=self.data_target,
            report=report,
            backup=backup,
        )
        if options.pdf:
            result.pdf = self._pdf()
        return result

    def _changes(self, last: Loaded, loaded: Loaded, path: PathLike) -> Diff:
        from vlr.analysis.diff import compare  # only with --previous

        return compare(
            last.review,
            loaded.review,
            loaded.framework,
            method=self.options.method,
            old_name=str(self.options.previous),
            new_name=str(path),
        )

    def _lay_out(self, analysis: Analysis, texts, changes: Diff | None) -> tuple[bytes, list[SectionSummary], int]:
        """The document laid out while the workers draw the charts; the time the layout waits
        for a chart counts as the charts' share of the build."""
        options = self.options
        charts = ChartSource(analysis.review, analysis.coverage, analysis.progress, say=self.say)
        self.lap("charts")
        self.say(_("Writing the document \u2026"))
        render_options = RenderOptions(
            date=self.date,
            reference=Path(options.reference_docx) if options.reference_docx else None,
            data_workbook=self.data_target.name,
            changes=changes,
            icons=icon_files(options.icons) if options.icons else None,
            logo=analysis.review.info.logo_path,
            final=options.final,
        )
        with charts:
            data, sections = render(analysis, texts, charts, charts.heatmap, render_options)
        self.lap("render")
        self.timings["render"] -= charts.waited
        self.timings["charts"] += charts.waited
        return data, sections, len(charts) + 1

    def _merge(self, data: bytes) -> tuple[bytes, list[str], Path | None]:
        """With ``update``, the fresh draft merged into the edited one; with ``carry_from``, last
        cycle's texts carried into it; else the fresh draft as it is."""
        if self.old_draft is not None:
            self.say(_("Refreshing {path} \u2026").format(path=self.target))
            merged = self._update.refresh(data)
            # still not open, and still the file read at the start
            if check_draft(self.target, examine=False) != self.old_draft:
                raise OutputError(f"{self.target}: the draft changed while it was being updated; run the update again.")
            backup = keep_copy(self.target)
            self.lap("refresh")
            return merged.data, merged.report, backup
        if self.last_draft is not None:
            note = _("From the previous review ({file}): check and update this text.").format(
                file=Path(self.options.carry_from).name
            )
            merged = carry_over(self.last_draft, data, note=note)
            self.lap("carry over")
            return merged.data, merged.report, None
        return data, [], None

    def _pdf(self) -> Path:
        from vlr.draft.pdf import export_pdf, toc_fills_in

        self.say(_("Exporting the PDF through LibreOffice \u2026"))
        if not toc_fills_in():
            note = _(
                "Note: LibreOffice's Python bridge (python3-uno) is not installed, so the PDF's table of "
                "contents stays as Word left it; install it, or save the PDF from Word."
            )
            self.say("  " + note)
        pdf = export_pdf(self.target, force=self.options.force)
        self.lap("pdf")
        return pdf


def draft_language(data: bytes | Path) -> str | None:
    """The language a draft (its bytes, or its file) is in (its core properties' language,
    ``fi-FI`` → ``fi``); None where it says none, or has no core properties (a document another
    tool wrote)."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as package:
            core = package.read("docProps/core.xml")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError):
        return None
    match = re.search(rb"<dc:language>([^<]{1,35})</dc:language>", core)
    return match.group(1).decode("utf-8", "replace").split("-")[0].lower() if match else None


def _data_workbook(review, date: dt.date) -> bytes:
    """The data workbook's bytes (:mod:`vlr.reports.databook`), its writer loaded by the
    forked process that writes it, not by this one (13 dataclasses, 10 ms)."""
    from vlr.reports.databook import data_workbook

    return data_workbook(review, date)
