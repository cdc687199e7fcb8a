"""Coverage and progress as tables, and those tables as terminal text, Markdown, CSV
and JSON. The spreadsheet (:mod:`vlr.reports.workbooks`) and the Word draft use the same
tables, so a figure reads the same everywhere.

The words are those of the language spoken (:func:`vlr.formatting.speaking`). CSV and JSON
are read by scripts: their column names and keys, and the codes in them (``status``,
``trend``, ``kind``, ``method``), stay English; what they hold for a person to read (a
status's ``label``, a ``reason``, a ``message``, a goal's name) is in the language spoken."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from vlr.analysis.coverage import GAP_KINDS, Coverage
from vlr.analysis.progress import METHOD_NAMES, STATUS_ORDER, Progress, Status, goal_summary
from vlr.formatting import N_, NP_, _, in_year, number, p_, percent
from vlr.framework.goal_names import goal_name, goal_title
from vlr.values import csv_cell

#: Each status in a few words, whatever the method: the heading of its column in a summary.
STATUS_HEADS = {
    Status.ACHIEVED: NP_("status", "achieved"),
    Status.ON_TRACK: NP_("status", "on track"),
    Status.ACCELERATION_NEEDED: NP_("status", "acceleration needed"),
    Status.LIMITED: NP_("status", "limited progress"),
    Status.REGRESSION: NP_("status", "regression"),
    Status.TARGET_MISSED: NP_("status", "target missed"),
    Status.TREND_ONLY: NP_("status", "trend only"),
    Status.INSUFFICIENT_DATA: NP_("status", "insufficient data"),
    Status.NOT_COMPUTABLE: NP_("status", "not computable"),
}
#: The trends a progress result names (its ``trend`` code), as a reader reads them.
TRENDS = {
    "improving": N_("improving"),
    "worsening": N_("worsening"),
    "stable": N_("stable"),
    "rising": N_("rising"),
    "falling": N_("falling"),
}


def status_heads() -> list[str]:
    """The statuses' column headings, best first, in the language spoken."""
    return [p_("status", STATUS_HEADS[s]) for s in STATUS_ORDER]


def trend_word(trend: str | None) -> str | None:
    """A progress result's trend in the language spoken (None for none)."""
    return _(TRENDS[trend]) if trend in TRENDS else trend


def yes(flag: bool) -> str:
    """``yes`` or ``no`` in the language spoken."""
    return p_("answer", "yes") if flag else p_("answer", "no")


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    note: str | None = None


def _codes(codes: list[str]) -> str:
    return ", ".join(codes)


def goals_table(cov: Coverage) -> Table:
    hlpf = _("HLPF {year}").format(year=cov.year) if cov.year else "HLPF"
    headers = [_("Goal"), _("Name"), hlpf, _("Targets"), _("With actions"), _("With evidence")]
    table = Table(_("Coverage by goal"), [*headers, _("Actions"), _("Indicators")])
    for g in cov.goals:
        table.rows.append(
            [
                g.goal,
                goal_name(g.goal, g.short_name),
                yes(True) if g.hlpf else "",
                g.targets_total,
                f"{len(g.targets_with_actions)}/{g.targets_total}",
                f"{len(g.targets_with_evidence)}/{g.targets_total}",
                len(g.actions),
                len(g.indicators),
            ]
        )
    table.note = " ".join(
        [
            _("With actions: targets at least one action is mapped to."),
            _("With evidence: targets with at least one indicator that has data."),
        ]
    )
    return table


def targets_table(cov: Coverage, covered_only: bool = True) -> Table:
    headers = [p_("a target's code", "Target"), _("Actions"), _("Indicators"), _("With data"), _("Latest year")]
    table = Table(_("Coverage by target"), headers)
    for g in cov.goals:
        for t in g.targets:
            if covered_only and not (t.actions or t.indicators):
                continue
            table.rows.append(
                [t.code, _codes(t.actions), _codes(t.indicators), _codes(t.indicators_with_data), t.latest_year or ""]
            )
    return table


def matrix_table(cov: Coverage) -> Table:
    table = Table(_("Actions per goal and theme"), [_("Goal"), *cov.themes, _("Total")])
    for g in cov.goals:
        counts = [cov.matrix[g.goal][t] for t in cov.themes]
        table.rows.append([f"{g.goal} {goal_name(g.goal, g.short_name)}", *counts, len(g.actions)])
    return table


def themes_table(cov: Coverage) -> Table:
    table = Table(_("Goals each theme reaches"), [_("Theme"), _("Goals")])
    for theme, goals in cov.theme_goals.items():
        table.rows.append([theme, ", ".join(str(g) for g in goals) or _("none")])
    return table


def gaps_table(cov: Coverage) -> Table:
    table = Table(_("Gaps"), [p_("report", "Kind"), _("Subject"), _("Where"), _("What")])
    for gap in cov.gaps:
        where = f"{gap.place.file}, {gap.place.sheet} {gap.place.cell}" if gap.place else ""
        table.rows.append([_(GAP_KINDS[gap.kind]), gap.subject, where, gap.message])
    return table


def progress_table(results: list[Progress], language: str = "en") -> Table:
    method = results[0].method if results else "unsd"
    headers = [_("Indicator"), _("Series"), _("Status"), _("Trend"), _("Base"), _("Latest")]
    headers += [p_("the value aimed at", "Target"), _("CAGR"), _("Ratio"), _("Method")]
    table = Table(_("Progress ({method})").format(method=_(METHOD_NAMES[method])), headers)
    for r in results:
        base, latest = (
            in_year(r.base_value, r.base_period, language),
            in_year(r.latest_value, r.latest_period, language),
        )
        target = in_year(r.target_value, r.target_year, language)
        status = _(r.label)
        if r.reason and r.status.value in ("insufficient_data", "not_computable"):
            status = _("{status}: {reason}").format(status=status, reason=r.reason)
        table.rows.append(
            [
                r.indicator,
                r.series or p_("series", "total"),
                status,
                trend_word(r.trend) or "\u2013",
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
    table = Table(_("Indicators per goal and status (headline series)"), [_("Goal"), *status_heads()])
    for goal, counts in summary.items():
        name = f"{goal} {goal_name(goal, cov.goal(goal).short_name)}" if cov else str(goal)
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
                elif c == yes(True):
                    padded = _style(padded, colour, fg="yellow", bold=True)
                line.append(padded)
            out.append("  ".join(line).rstrip())
        if not cells:
            out.append("  " + _("(none)"))
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
    fields = {
        "city": cov.city,
        "year": cov.year or "",
        "edition": cov.framework_edition,
        "covered": len(cov.goals_covered),
        "hlpf": ", ".join(map(str, cov.hlpf_goals)) or _("none"),
    }
    if cov.city:
        heading = _(
            "SDG coverage of {city} {year} (framework {edition}); {covered} of 17 goals covered; HLPF goals: {hlpf}"
        )
    else:
        heading = _(
            "SDG coverage of the review {year} (framework {edition}); {covered} of 17 goals covered; HLPF goals: {hlpf}"
        )
    return heading.format(**fields)


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
                    goal_name(g.goal, g.short_name),
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
    """The coverage as JSON, the goals' names and titles in the language spoken."""
    data = cov.model_dump(mode="json")
    for goal in data["goals"]:
        goal["short_name"] = goal_name(goal["goal"], goal["short_name"])
        goal["title"] = goal_title(goal["goal"], goal["title"])
    return json.dumps(data, ensure_ascii=False, indent=2)


def _progress_row(r: Progress) -> dict:
    """A progress result as JSON holds it, its label in the language spoken."""
    row = r.model_dump(mode="json")
    row["label"] = _(r.label)
    return row


def progress_json(results: list[Progress]) -> str:
    return json.dumps([_progress_row(r) for r in results], ensure_ascii=False, indent=2)


def progress_csv(results: list[Progress]) -> str:
    fields = list(Progress.model_fields)
    table = Table("progress", fields)
    for r in results:
        row = _progress_row(r)
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
