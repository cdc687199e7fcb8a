"""Coverage and progress as tables, and those tables as terminal text, Markdown, CSV
and JSON. The spreadsheet (:mod:`vlr.reports.workbooks`) and the Word draft use the same
tables, so a figure reads the same everywhere."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from vlr.analysis.coverage import GAP_KINDS, Coverage
from vlr.analysis.progress import METHOD_NAMES, STATUS_ORDER, Progress, goal_summary
from vlr.formatting import in_year, number, percent
from vlr.values import csv_cell


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    note: str | None = None


def _codes(codes: list[str]) -> str:
    return ", ".join(codes)


def goals_table(cov: Coverage) -> Table:
    hlpf = f"HLPF {cov.year}" if cov.year else "HLPF"
    table = Table(
        "Coverage by goal", ["Goal", "Name", hlpf, "Targets", "With actions", "With evidence", "Actions", "Indicators"]
    )
    for g in cov.goals:
        table.rows.append(
            [
                g.goal,
                g.short_name,
                "yes" if g.hlpf else "",
                g.targets_total,
                f"{len(g.targets_with_actions)}/{g.targets_total}",
                f"{len(g.targets_with_evidence)}/{g.targets_total}",
                len(g.actions),
                len(g.indicators),
            ]
        )
    table.note = (
        "With actions: targets at least one action is mapped to. With evidence: targets with at least "
        "one indicator that has data."
    )
    return table


def targets_table(cov: Coverage, covered_only: bool = True) -> Table:
    table = Table("Coverage by target", ["Target", "Actions", "Indicators", "With data", "Latest year"])
    for g in cov.goals:
        for t in g.targets:
            if covered_only and not (t.actions or t.indicators):
                continue
            table.rows.append(
                [t.code, _codes(t.actions), _codes(t.indicators), _codes(t.indicators_with_data), t.latest_year or ""]
            )
    return table


def matrix_table(cov: Coverage) -> Table:
    table = Table("Actions per goal and theme", ["Goal", *cov.themes, "Total"])
    for g in cov.goals:
        counts = [cov.matrix[g.goal][t] for t in cov.themes]
        table.rows.append([f"{g.goal} {g.short_name}", *counts, len(g.actions)])
    return table


def themes_table(cov: Coverage) -> Table:
    table = Table("Goals each theme reaches", ["Theme", "Goals"])
    for theme, goals in cov.theme_goals.items():
        table.rows.append([theme, ", ".join(str(g) for g in goals) or "none"])
    return table


def gaps_table(cov: Coverage) -> Table:
    table = Table("Gaps", ["Kind", "Subject", "Where", "What"])
    for gap in cov.gaps:
        where = f"{gap.place.file}, {gap.place.sheet} {gap.place.cell}" if gap.place else ""
        table.rows.append([GAP_KINDS[gap.kind], gap.subject, where, gap.message])
    return table


def progress_table(results: list[Progress], language: str = "en") -> Table:
    method = results[0].method if results else "unsd"
    table = Table(
        f"Progress ({METHOD_NAMES[method]})",
        ["Indicator", "Series", "Status", "Trend", "Base", "Latest", "Target", "CAGR", "Ratio", "Method"],
    )
    for r in results:
        base, latest = (
            in_year(r.base_value, r.base_period, language),
            in_year(r.latest_value, r.latest_period, language),
        )
        target = in_year(r.target_value, r.target_year, language)
        status = r.label + (
            f": {r.reason}" if r.reason and r.status.value in ("insufficient_data", "not_computable") else ""
        )
        table.rows.append(
            [
                r.indicator,
                r.series or "total",
                status,
                r.trend or "\u2013",
                base,
                latest,
                target,
                percent(r.cagr, language),
                number(r.ratio, language, 2) if r.ratio is not None else "\u2013",
                r.method,
            ]
        )
    return table


def progress_summary_table(results: list[Progress], cov: Coverage | None = None) -> Table:
    summary = goal_summary(results)
    labels = [s.value.replace("_", " ") for s in STATUS_ORDER]
    table = Table("Indicators per goal and status (headline series)", ["Goal", *labels])
    for goal, counts in summary.items():
        name = f"{goal} {cov.goal(goal).short_name}" if cov else str(goal)
        table.rows.append([name, *[counts[s.value] or "" for s in STATUS_ORDER]])
    return table


# --- rendering -----------------------------------------------------------------------------


def _style(text: str, colour: bool, **style) -> str:
    if not colour:
        return text
    import click

    return click.style(text, **style)


def to_text(tables: list[Table], colour: bool = False, heading: str | None = None) -> str:
    out = []
    if heading:
        out += [_style(heading, colour, bold=True), ""]
    for table in tables:
        cells = [[str(c) for c in row] for row in table.rows]
        widths = [max([len(h)] + [len(r[j]) for r in cells]) for j, h in enumerate(table.headers)]
        widths = [min(w, 60) for w in widths[:-1]] + widths[-1:]  # the last column is never cut
        out.append(_style(table.title, colour, bold=True, underline=True))
        out.append("  ".join(h.ljust(w) for h, w in zip(table.headers, widths)).rstrip())
        for row in cells:
            line = []
            for c, w in zip(row, widths):
                shown = c if len(c) <= w else c[: w - 1] + "\u2026"
                padded = shown.rjust(w) if c.isdigit() or "/" in c[:3] else shown.ljust(w)
                if c == "0":
                    padded = _style(padded, colour, dim=True)
                elif c == "yes":
                    padded = _style(padded, colour, fg="yellow", bold=True)
                line.append(padded)
            out.append("  ".join(line).rstrip())
        if not cells:
            out.append("  (none)")
        if table.note:
            out.append(_style(table.note, colour, dim=True))
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def to_markdown(tables: list[Table], heading: str | None = None) -> str:
    def esc(c) -> str:
        return str(c).replace("|", "\\|").replace("\n", " ")

    out = [f"# {heading}", ""] if heading else []
    for table in tables:
        out += [
            f"## {table.title}",
            "",
            "| " + " | ".join(map(esc, table.headers)) + " |",
            "|" + "|".join("---" for _ in table.headers) + "|",
        ]
        out += ["| " + " | ".join(map(esc, row)) + " |" for row in table.rows]
        if table.note:
            out += ["", table.note]
        out.append("")
    return "\n".join(out)


def to_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.headers)
    writer.writerows([csv_cell(value) for value in row] for row in table.rows)
    return buffer.getvalue()


def coverage_heading(cov: Coverage) -> str:
    hlpf = ", ".join(map(str, cov.hlpf_goals)) or "none"
    return (
        f"SDG coverage of {cov.city or 'the review'} {cov.year or ''} (framework {cov.framework_edition}); "
        f"{len(cov.goals_covered)} of 17 goals covered; HLPF goals: {hlpf}"
    )


def coverage_tables(cov: Coverage) -> list[Table]:
    return [goals_table(cov), matrix_table(cov), themes_table(cov), targets_table(cov), gaps_table(cov)]


def coverage_csv(cov: Coverage) -> str:
    """One row per target of the framework: the flat view a spreadsheet filters best."""
    table = Table(
        "targets",
        [
            "goal",
            "goal_name",
            "hlpf",
            "target",
            "actions",
            "indicators",
            "indicators_with_data",
            "latest_year",
            "has_actions",
            "has_evidence",
        ],
    )
    for g in cov.goals:
        for t in g.targets:
            table.rows.append(
                [
                    g.goal,
                    g.short_name,
                    g.hlpf,
                    t.code,
                    _codes(t.actions),
                    _codes(t.indicators),
                    _codes(t.indicators_with_data),
                    t.latest_year or "",
                    t.has_actions,
                    t.has_evidence,
                ]
            )
    return to_csv(table)


def coverage_json(cov: Coverage) -> str:
    data = cov.model_dump(mode="json")
    return json.dumps(data, ensure_ascii=False, indent=2)


def progress_json(results: list[Progress]) -> str:
    return json.dumps([r.model_dump(mode="json") for r in results], ensure_ascii=False, indent=2)


def progress_csv(results: list[Progress]) -> str:
    fields = list(Progress.model_fields)
    table = Table("progress", fields)
    for r in results:
        row = r.model_dump(mode="json")
        table.rows.append([";".join(map(str, row[f])) if isinstance(row[f], list) else row[f] for f in fields])
    return to_csv(table)


def coverage_report(cov: Coverage, fmt: str, colour: bool = False) -> str:
    """The coverage report in ``fmt`` (text, json, csv or markdown), ending in a newline."""
    if fmt == "json":
        return coverage_json(cov) + "\n"
    if fmt == "csv":
        return coverage_csv(cov)
    if fmt == "markdown":
        return to_markdown(coverage_tables(cov), coverage_heading(cov)) + "\n"
    return to_text(coverage_tables(cov), colour, coverage_heading(cov))


def progress_report(analysis, fmt: str, colour: bool = False) -> str:
    """The progress report of an :class:`~vlr.analysis.result.Analysis` in ``fmt`` (text, json
    or csv), ending in a newline."""
    results = analysis.progress
    if fmt == "json":
        return progress_json(results) + "\n"
    if fmt == "csv":
        return progress_csv(results)
    tables = [
        progress_table(results, analysis.review.info.language),
        progress_summary_table(results, analysis.coverage),
    ]
    return to_text(tables, colour)
