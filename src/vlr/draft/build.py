"""``vlr build``: from the indicator workbooks to the Word draft, as a straight line.

read and validate → analyse → texts → charts and render → write (→ PDF). Everything is
gathered first; the file is written last, atomically, and only for a review without
errors. Each stage's time is kept for the report and the benchmark.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from vlr.analysis.progress import DEFAULT_THRESHOLDS, METHOD_NAMES, Thresholds, status_counts
from vlr.charts.figures import ChartSource
from vlr.charts.tiles import icon_files
from vlr.draft.document import LANGUAGE_TAGS, SECTIONS, RenderOptions, SectionSummary, Texts, render
from vlr.exceptions import InvalidReview, OutputError, TemplateError
from vlr.findings import Finding, Severity
from vlr.main import DEFAULT_INPUT, Analysis, Loaded, analysis_of, load
from vlr.output import refuse_input, write_atomic
from vlr.reports.databook import data_workbook
from vlr.texts.narrative import TextRenderer
from vlr.texts.sentences import gap_facts, indicator_facts

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


def build(
    path: str | os.PathLike = DEFAULT_INPUT,
    output: str | os.PathLike | None = None,
    *,
    framework: str | os.PathLike | None = None,
    method: str = "unsd",
    date: dt.date | None = None,
    templates: str | os.PathLike | None = None,
    reference_docx: str | os.PathLike | None = None,
    pdf: bool = False,
    previous: str | os.PathLike | None = None,
    icons: str | os.PathLike | None = None,
    final: bool = False,
    update: str | os.PathLike | None = None,
    discard_edits: bool = False,
    restore_deleted: bool = False,
    carry_from: str | os.PathLike | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Build the draft of the review at ``path``.

    With ``previous`` (last review's workbooks), the draft says what changed since
    (:mod:`vlr.analysis.diff`). ``icons``: a folder of the city's own goal icons
    (:func:`vlr.charts.tiles.icon_files`). ``final``: the document for publication, without
    the internal annex or the draft mark; refused (:class:`UnfinishedDraft`) while a
    placeholder is left. Raises :class:`InvalidReview` (with the validation report as
    its message) when the review has errors; nothing is written then.

    With ``update`` (a draft vlr wrote, edited since in Word or LibreOffice), the draft
    is refreshed in place rather than written anew (:mod:`vlr.draft.update`): vlr's parts
    are rebuilt, everything people wrote is kept, and the previous file is kept beside it
    (``DRAFT.previous.docx``). Raises :class:`~vlr.draft.update.EditedRegions` when parts
    vlr generates were edited by hand (unless ``discard_edits``), writing nothing.
    ``restore_deleted`` puts back parts people deleted. With ``carry_from`` (last cycle's
    draft), the people's texts of that draft go into the new one, each marked to be
    checked (:func:`vlr.draft.update.carry_over`)."""
    say = progress or (lambda _msg: None)
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = timings.get(stage, 0.0) + now - clock
        clock = now

    old_draft = last_draft = None
    if carry_from is not None:
        from vlr.draft.update import check_draft

        last_draft = check_draft(Path(carry_from), locked_ok=True)
    if update is not None:
        from vlr.draft.update import check_draft

        old_draft = check_draft(Path(update))
        output = update
        # the draft's regions are read and hashed by a forked process while this one builds
        old_hashes = in_background(_region_hashes, old_draft)
    say(f"Reading and checking {path} \u2026")
    loaded = load(path, framework)
    lap("read and validate")
    report = loaded.report
    if report.errors:
        raise InvalidReview(report.to_text(notes=False) + "\n\nThe draft was not written: fix the errors above first.")
    target = Path(output) if output else default_output(loaded)
    if target.suffix.lower() != ".docx":
        raise OutputError(f"{target}: the draft is a Word document; give a file name ending in .docx.")
    refuse_input(target, loaded.review.files)
    data_target = data_workbook_path(target)
    refuse_input(data_target, loaded.review.files)
    say(
        f"  {len(loaded.review.files)} workbooks, {len(loaded.review.actions_by_id)} actions, "
        f"{len(loaded.review.indicators_by_id)} indicators, {len(report.warnings)} warnings"
    )
    date = date or dt.date.today()
    # the data workbook is written by a forked process while this one analyses and lays out
    databook = in_background(data_workbook, loaded.review, date)
    analysis = analysis_of(loaded, method=method)
    changes = None
    if previous is not None:
        from vlr.analysis.diff import compare

        say(f"Comparing with the previous review {previous} \u2026")
        last = load(previous, framework)
        changes = compare(
            last.review, loaded.review, loaded.framework, method=method, old_name=str(previous), new_name=str(path)
        )
    lap("analyse")

    texts = _texts(analysis, date, Path(templates) if templates else None, data_target.name)
    lap("texts")

    # The document is laid out while the workers draw; the time the layout waits
    # for a chart counts as the charts' share of the build.
    charts = ChartSource(analysis.review, analysis.coverage, analysis.progress, say=say)
    lap("charts")
    say("Writing the document \u2026")
    options = RenderOptions(
        date=date,
        reference=_path(reference_docx),
        data_workbook=data_target.name,
        changes=changes,
        icons=icon_files(icons) if icons else None,
        logo=loaded.review.info.logo_path,
        final=final,
    )
    with charts:
        data, sections = render(analysis, texts, charts, charts.heatmap, options)
    lap("render")
    timings["render"] -= charts.waited
    timings["charts"] += charts.waited
    count = len(charts) + 1
    databook = databook()
    lap("data workbook")
    report, backup = [], None
    if old_draft is not None:
        from vlr.draft.update import check_draft, keep_previous, refresh

        say(f"Refreshing {target} \u2026")
        merged = refresh(
            old_draft,
            data,
            discard_edits=discard_edits,
            restore=restore_deleted,
            path=target,
            hashes=json.loads(old_hashes() or b"{}"),
        )
        data, report = merged.data, merged.report
        if check_draft(target) != old_draft:  # still not open, and still the file read at the start
            raise OutputError(f"{target}: the draft changed while it was being updated; run the update again.")
        backup = keep_previous(target)
        lap("refresh")
    elif last_draft is not None:
        from vlr.draft.update import carry_over

        merged = carry_over(
            last_draft, data, note=f"From the previous review ({Path(carry_from).name}): check and update this text."
        )
        data, report = merged.data, merged.report
        lap("carry over")
    write_atomic(data_target, databook)
    write_atomic(target, data)
    lap("write")
    result = BuildResult(target, analysis, sections, count, timings, data=data_target, report=report, backup=backup)
    if pdf:
        from vlr.draft.pdf import export_pdf, toc_fills_in

        say("Exporting the PDF through LibreOffice …")
        if not toc_fills_in():
            say(
                "  Note: LibreOffice's Python bridge (python3-uno) is not installed, so the PDF's table of "
                "contents stays as Word left it; install it, or save the PDF from Word."
            )
        result.pdf = export_pdf(target)
        lap("pdf")
    return result


def _region_hashes(draft: bytes) -> bytes:
    from vlr.draft.update import region_hashes

    return json.dumps(region_hashes(draft)).encode()


def in_background(function: Callable[..., bytes], *args) -> Callable[[], bytes]:
    """Start ``function(*args)`` in a forked process (which shares this one's memory, so
    nothing is copied to it) and return a function that waits for its bytes. Where
    processes cannot be forked, or the child fails, the function runs here instead."""
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return lambda: function(*args)
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        try:
            send.send_bytes(function(*args))
        except BaseException:  # the parent computes it itself
            send.send_bytes(b"")
        finally:
            send.close()

    process = context.Process(target=child, daemon=True)
    try:
        process.start()
    except OSError:
        return lambda: function(*args)
    send.close()

    def result() -> bytes:
        try:
            data = receive.recv_bytes()
        except (EOFError, OSError):
            data = b""
        finally:
            receive.close()
            process.join()
        return data or function(*args)

    return result


def _path(value) -> Path | None:
    return Path(value) if value else None


def _thresholds_text(method: str, thresholds: Thresholds) -> list[str]:
    t = thresholds
    pct = lambda x: f"{x * 100:g} %"  # noqa: E731
    if method == "unsd":
        return [
            "with a target: the latest value is projected to the target year at the observed compound annual "
            "growth rate (CAGR), and R = (projected \u2212 base) / (target \u2212 base); "
            f"R \u2265 {t.on_track_ratio:g} on track, {t.moderate_ratio:g} \u2264 R < {t.on_track_ratio:g} progress "
            f"but acceleration needed, R < {t.moderate_ratio:g} stagnation or regression",
            f"without a target: CAGR in the desired direction \u2265 {pct(t.good_growth)} good progress, "
            f"{pct(t.fair_growth)}\u2013{pct(t.good_growth)} fair progress, below {pct(t.fair_growth)} stagnation",
            "the base is the indicator's baseline year, else 2015, else the first later year with data; a latest "
            "value that meets the target counts as achieved, and one that falls short once the data reach the "
            "target year as target missed",
        ]
    return [
        "with a target: R = observed CAGR in the desired direction / the CAGR needed to reach the target; "
        f"R \u2265 {t.on_track_ratio:g} substantial progress, {t.moderate_ratio:g}\u2013{t.on_track_ratio:g} moderate, "
        f"0\u2013{t.moderate_ratio:g} limited, below 0 deterioration",
        f"without a target: CAGR in the desired direction \u2265 {pct(t.good_growth)} substantial, "
        f"{pct(t.fair_growth)}\u2013{pct(t.good_growth)} moderate, 0\u2013{pct(t.fair_growth)} limited, "
        "below 0 deterioration",
        "the base is the indicator's baseline year, else 2015, else the first later year with data; a latest "
        "value that meets the target counts as achieved, and one that falls short once the data reach the "
        "target year as target missed",
    ]


def data_facts(analysis: Analysis, data_workbook: str | None = None) -> dict:
    """What the methodology says of the data's shape: periods other than plain years,
    sub-annual data, indicators without a total, without a direction, in several units."""
    from vlr.model.series import headline_key, period_of, sub_annual_years

    review = analysis.review
    kinds: dict[str, str] = {}
    for p in review.data:
        if p.period is not None and p.period not in kinds:
            kinds[p.period] = period_of(p).kind
    no_total = sub_annual = several_units = 0
    for ind in review.indicators_by_id.values():
        series = review.series_by_indicator.get(ind.id)
        if not series:
            continue
        no_total += headline_key(ind, series) is None
        several_units += len({k.unit for k in series}) > 1
        sub_annual += any(sub_annual_years(pts) for pts in series.values())
    plural = {
        "financial year": "financial or academic years",
        "range": "ranges of years",
        "quarter": "quarters",
        "month": "months",
        "date": "dates",
    }
    return {
        "periods": [plural[k] for k in plural if k in set(kinds.values())],
        "examples": list(_first_label_per_kind(kinds).values())[:4],
        "sub_annual": sub_annual,
        "no_total": no_total,
        "several_units": several_units,
        "no_direction": sum(1 for i in review.indicators_by_id.values() if i.direction is None),
        "workbook": data_workbook or "",
    }


def _first_label_per_kind(kinds: dict[str, str]) -> dict[str, str]:
    first: dict[str, str] = {}
    for label, kind in kinds.items():
        first.setdefault(kind, label)
    return first


def template_context(analysis: Analysis, date: dt.date, data_workbook: str | None = None) -> dict:
    review, cov, fw = analysis.review, analysis.coverage, analysis.loaded.framework
    info = review.info
    goals = {
        g.goal: {
            "number": g.goal,
            "short_name": g.short_name,
            "title": g.title,
            "hlpf": g.hlpf,
            "actions": len(g.actions),
            "indicators": len(g.indicators),
            "targets_total": g.targets_total,
            "targets_with_actions": len(g.targets_with_actions),
            "targets_with_evidence": len(g.targets_with_evidence),
        }
        for g in cov.goals
    }
    return {
        "city": info.city or "",
        "country": info.country or "",
        "year": info.year or "",
        "title": info.display_title,
        "period": info.period or "",
        "organisation": info.organisation or "",
        "contact": info.contact or "",
        "language": LANGUAGE_TAGS.get(info.language, info.language),
        "date": date.isoformat(),
        "files": [Path(f).name for f in review.files],
        "themes": cov.themes,
        "counts": {
            "workbooks": len(review.files),
            "actions": len(review.actions_by_id),
            "indicators": len(review.indicators_by_id),
            "indicators_with_data": len(review.indicators_with_data),
            "data_points": len(review.data),
            "themes": len(cov.themes),
            "goals_covered": len(cov.goals_covered),
            "targets_with_actions": cov.targets_with_actions,
            "targets_with_evidence": cov.targets_with_evidence,
            "warnings": len(analysis.loaded.report.warnings),
        },
        "framework": {"edition": fw.edition, "title": fw.title, "source": fw.source},
        "method": {
            "id": analysis.method,
            "name": METHOD_NAMES[analysis.method],
            "thresholds": _thresholds_text(analysis.method, DEFAULT_THRESHOLDS[analysis.method]),
        },
        "statuses": status_counts(analysis.progress),
        "hlpf_goals": cov.hlpf_goals,
        "goals": goals,
        "data": data_facts(analysis, data_workbook),
        "attention": attention(analysis),
    }


#: Most names listed per kind in ``attention``.
ATTENTION_NAMES = 8


def attention(analysis: Analysis) -> dict:
    """What the data point to, for the recommendations: indicators whose target was missed,
    that regress or move too slowly, gaps between groups that widen, goals with actions
    but no evidence."""
    from vlr.analysis.progress import Status, label

    def names(statuses) -> list[str]:
        return [r.name or r.indicator for r in analysis.progress if r.headline and r.status in statuses][
            :ATTENTION_NAMES
        ]

    found = {
        "missed": names({Status.TARGET_MISSED}),
        "regressing": names({Status.REGRESSION}),
        "slow": names({Status.ACCELERATION_NEEDED, Status.LIMITED}),
        "widening": [g.name for g in analysis.gaps.values() if g.trend == "widening"][:ATTENTION_NAMES],
        "no_evidence": [
            f"{g.goal} ({g.short_name})" for g in analysis.coverage.goals if g.actions and not g.targets_with_evidence
        ],
    }
    return {
        **found,
        "any": any(found.values()),
        "words": {
            "regressing": label(analysis.method, Status.REGRESSION, True).lower(),
            "slow": "progress needs to speed up",
        },
    }


def narrative_findings(loaded: Loaded) -> list[Finding]:
    """Narratives that use template features (``{{ city }}``), rendered as the build
    renders them: a syntax error, an unknown name, an include or a text past the limits
    is a located error at its cell, so that validation and the build agree."""
    templated = [n for n in loaded.review.narratives if n.text and ("{" in n.text)]
    if not templated:
        return []
    from vlr.workbook.schema import NARRATIVE_SECTIONS

    analysis = analysis_of(loaded)
    context = template_context(analysis, dt.date.today())
    renderer, goals = TextRenderer(context), context["goals"]
    findings = []
    for n in templated:
        if n.section not in NARRATIVE_SECTIONS:
            continue
        extra = {"goal": goals[int(n.section[5:])]} if n.section.startswith("goal-") else {}
        try:
            renderer.narrative(n.text, n.where("text"), **extra)
        except TemplateError as exc:
            message = str(exc.message).replace(f"the narrative text in {n.where('text')}", "the text")
            findings.append(
                Finding(
                    severity=Severity.ERROR,
                    rule="narrative-template",
                    message=message,
                    hint="correct the template part of the text (README of templates/ lists the names it can use)",
                    **n.place("text"),
                )
            )
    return findings


def _texts(analysis: Analysis, date: dt.date, templates: Path | None, data_workbook: str | None = None) -> Texts:
    review = analysis.review
    renderer = TextRenderer(template_context(analysis, date, data_workbook), templates)
    where = {n.section: n.where("text") for n in review.narratives}
    sections = {}
    for key in [*(k for k, _title in SECTIONS if k != "annexes"), "stakeholders", "recommendations"]:
        sections[key] = renderer.section(key, review.narrative(key), where.get(key))  # the annexes: data alone
    sections["methodology-facts"] = renderer.section("methodology-facts")
    goals = {}
    for g in analysis.coverage.goals:
        if g.covered:
            key = f"goal-{g.goal}"
            goal = renderer.context["goals"][g.goal]
            goals[g.goal] = renderer.section("goal", review.narrative(key), where.get(key), goal=goal)
    language = review.info.language or "en"
    indicators = {}
    for r in analysis.progress:
        if r.headline:
            ind = review.indicators_by_id[r.indicator]
            series = review.series_by_indicator.get(ind.id, {})
            points = next(iter(series.values()), []) if len(series) == 1 else []
            indicators[ind.id] = renderer.sentence("indicator", language, i=indicator_facts(r, ind, language, points))
    gaps = {key: renderer.sentence("gap", language, g=gap_facts(gap, language)) for key, gap in analysis.gaps.items()}
    return Texts(sections, goals, indicators=indicators, gaps=gaps)
