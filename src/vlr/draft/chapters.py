"""The chapter "Progress on goals and targets": the coverage and status table, a chapter
per goal with its targets, actions, indicators, charts and generated sentences."""

from __future__ import annotations

from collections.abc import Mapping

from vlr.charts import Chart
from vlr.draft.writer import Writer
from vlr.formatting import in_year
from vlr.main import Analysis
from vlr.progress import METHOD_NAMES, STATUS_ORDER


def _sources(ind, points) -> str:
    """A caption's sources: every source the points name (the indicator's for those that
    name none), and a warning when any point is marked illustrative."""
    names = list(dict.fromkeys(p.source or ind.source for p in points if p.source or ind.source))
    text = f" Source{'s' if len(names) > 1 else ''}: {'; '.join(names[:4])}" if names else ""
    if len(names) > 4:
        text += f" and {len(names) - 4} more"
    text += "." if names else ""
    marked = [p for p in points if "illustrative" in f"{p.note or ''} {p.source or ''}".casefold()]
    if marked:
        text += (" All figures are illustrative." if len(marked) == len(points)
                 else f" {len(marked)} of the {len(points)} figures are illustrative.")  # fmt: skip
    elif ind.source and "illustrative" in ind.source.casefold():
        text += " The figures are illustrative."
    return text


def progress_chapter(w: Writer, analysis: Analysis, texts, charts: Mapping[str, Chart], changes=None) -> None:
    review, cov, results = analysis.review, analysis.coverage, analysis.progress
    language = review.info.language or "en"
    w.blocks(texts.sections["progress"])
    # A column per status label as the method words it: "On track" (with a target) and
    # "Good progress" (without one) are not folded into one column.
    headline = [r for r in results if r.headline]
    order = {s: i for i, s in enumerate(STATUS_ORDER)}
    labels = sorted({(order[r.status], r.target_value is None, r.label) for r in headline})
    columns = list(dict.fromkeys(lab for _, _, lab in labels))
    rows = []
    for g in cov.goals:
        if not g.covered:
            continue
        counts: dict[str, int] = {}
        for r in headline:
            if g.goal in r.goals:
                counts[r.label] = counts.get(r.label, 0) + 1
        rows.append([f"{g.goal} {g.short_name}" + (" (HLPF)" if g.hlpf else ""),
                     f"{len(g.targets_with_actions)}/{g.targets_total}", f"{len(g.targets_with_evidence)}/{g.targets_total}",
                     *[counts.get(c) or "" for c in columns]])  # fmt: skip
    totals: dict[str, int] = {}
    for r in headline:
        if r.goals:
            totals[r.label] = totals.get(r.label, 0) + 1
    shared = sum(1 for r in headline if len(r.goals) > 1)
    rows.append(["All goals (each indicator once)", f"{cov.targets_with_actions}", f"{cov.targets_with_evidence}",
                 *[totals.get(c) or "" for c in columns]])  # fmt: skip
    headers = ["Goal", "Targets with actions", "Targets with evidence", *columns]
    note = (f" {shared} indicator{'s count' if shared != 1 else ' counts'} under more than one goal; the last row "
            "counts each indicator once." if shared else "")  # fmt: skip
    w.table(f"Coverage and indicator status by goal ({METHOD_NAMES[analysis.method]}).{note}", headers, rows,
            [4.6, 2.0, 2.0, *[2.4] * len(columns)], right=set(range(1, len(headers))))  # fmt: skip

    progress_by = {r.indicator: r for r in results if r.headline}
    was = {c.subject: c.old for c in (changes.changes if changes is not None else []) if c.kind == "status-changed"}
    for g in cov.goals:
        if not g.covered:
            continue
        w.heading(f"Goal {g.goal}: {g.short_name}", 2, colour=g.colour, new_page=True)
        if g.hlpf:
            w.paragraph(f"Reviewed in depth: goal {g.goal} is among the goals the High-level Political Forum "
                        f"reviews in {cov.year}.", bold=True)  # fmt: skip
        w.paragraph(g.title, italic=True)
        acted, evidenced = len(g.targets_with_actions), len(g.targets_with_evidence)
        w.paragraph(f"{acted} of {g.targets_total} targets {'has' if acted == 1 else 'have'} actions; "
                    f"{evidenced} {'has' if evidenced == 1 else 'have'} indicators with data.")  # fmt: skip
        w.blocks(texts.goals[g.goal])
        actions = [review.actions_by_id[a] for a in g.actions]
        if actions:
            w.heading("Actions", 3)
            w.table(f"Actions of {review.info.city or 'the city'} mapped to goal {g.goal}.",
                    ["ID", "Action", "Theme", "Lead", "Status", "Targets"],
                    [[a.id, a.title, a.theme, a.lead, a.status, ", ".join(a.targets)] for a in actions],
                    [1.7, 5.0, 2.9, 3.2, 1.9, 1.9])  # fmt: skip
        indicators = [review.indicators_by_id[i] for i in g.indicators]
        if indicators:
            w.heading("Indicators", 3)
            rows = []
            for ind in indicators:
                r = progress_by[ind.id]
                rows.append([ind.name, r.unit or ind.unit, in_year(r.base_value, r.base_period, language),
                             in_year(r.latest_value, r.latest_period, language),
                             in_year(r.target_value, r.target_year, language),
                             r.label + (f" (changed; was: {was[ind.id]})" if ind.id in was else "")])  # fmt: skip
            w.table(f"Indicators of goal {g.goal} with their status ({METHOD_NAMES[analysis.method]} method).",
                    ["Indicator", "Unit", "Baseline", "Latest", "Target", "Status"], rows,
                    [5.0, 2.4, 2.2, 2.2, 2.2, 2.6])  # fmt: skip
            for ind in indicators:
                chart = charts.get(ind.id)
                if chart is None:
                    continue
                source = _sources(ind, review.data_by_indicator.get(ind.id, []))
                unit = progress_by[ind.id].unit or ind.unit
                more = (f" {chart.hidden} more series are in Annex 3 and the data workbook."
                        if chart.hidden else "")  # fmt: skip
                total = " The publisher gives no total." if progress_by[ind.id].label == "No total published" else ""
                w.figure(chart, f"{ind.name} ({unit}).{total}{source}{more}")
    uncovered = [f"{g.goal} {g.short_name}" for g in cov.goals if not g.covered]
    if uncovered:
        w.heading("Goals without mapped actions or indicators", 2, new_page=True)
        w.paragraph("No action or indicator of this review is mapped to these goals; they are gaps to consider "
                    "for the next review:")  # fmt: skip
        w.bullets(uncovered)
