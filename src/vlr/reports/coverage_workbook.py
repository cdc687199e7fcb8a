"""The coverage workbook a reviewer filters: one sheet per view.

Sheets: Goals, Targets, Goal x theme (a heatmap), Gaps, Progress and Mapping (every
action and indicator against every target it names). Each has a frozen, bold header
row, filters, columns sized to their content, and a link from every row back to the
place it comes from: the source workbook, sheet and row (goal rows link to their
targets in the Targets sheet).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from vlr.analysis.coverage import GAP_KINDS, Coverage, Place, place_of
from vlr.analysis.progress import STATUS_ORDER, Progress, Status, goal_summary
from vlr.model.review import Review
from vlr.output import write_atomic

STATUS_FILLS = {
    Status.ACHIEVED: "1B7837",
    Status.ON_TRACK: "5AAE61",
    Status.ACCELERATION_NEEDED: "F1B640",
    Status.LIMITED: "F4A582",
    Status.REGRESSION: "D6604D",
    Status.INSUFFICIENT_DATA: "BABABA",
    Status.NOT_COMPUTABLE: "BABABA",
    Status.TREND_ONLY: "9ECAE1",
    Status.TARGET_MISSED: "B2182B",
}


def write_coverage_workbook(path: str | os.PathLike, cov: Coverage, results: list[Progress], review: Review) -> Path:
    """Write the workbook to ``path`` (whole or not at all) and return the path."""
    from openpyxl import Workbook

    path = Path(path)
    book = Workbook()
    book.remove(book.active)
    links = _Linker(path.parent)
    summary = goal_summary(results)

    first_target_row: dict[int, int] = {}
    targets = [
        [
            "Goal",
            "Target",
            "Target text",
            "Actions",
            "Indicators",
            "Indicators with data",
            "Latest year",
            "Has actions",
            "Has evidence",
            "Source",
        ]
    ]
    target_links = []
    for g in cov.goals:
        for t in g.targets:
            first_target_row.setdefault(g.goal, len(targets) + 1)
            targets.append(
                [
                    g.goal,
                    t.code,
                    t.text,
                    ", ".join(t.actions),
                    ", ".join(t.indicators),
                    ", ".join(t.indicators_with_data),
                    t.latest_year,
                    "yes" if t.has_actions else "no",
                    "yes" if t.has_evidence else "no",
                    None,
                ]
            )
            target_links.append(links.source(t.source))

    status_heads = [s.value.replace("_", " ") for s in STATUS_ORDER]
    goals = [
        [
            "Goal",
            "Name",
            "HLPF goal",
            "Targets",
            "Targets with actions",
            "Targets with evidence",
            "Share with actions",
            "Share with evidence",
            "Actions",
            "Indicators",
            *status_heads,
            "Targets sheet",
        ]
    ]
    goal_links = []
    for g in cov.goals:
        counts = summary.get(g.goal, {})
        goals.append(
            [
                g.goal,
                g.short_name,
                "yes" if g.hlpf else "no",
                g.targets_total,
                len(g.targets_with_actions),
                len(g.targets_with_evidence),
                len(g.targets_with_actions) / g.targets_total,
                len(g.targets_with_evidence) / g.targets_total,
                len(g.actions),
                len(g.indicators),
                *[counts.get(s.value, 0) for s in STATUS_ORDER],
                None,
            ]
        )
        goal_links.append((None, f"'Targets'!A{first_target_row[g.goal]}", f"Targets of goal {g.goal}"))

    matrix = [["Goal", *cov.themes, "Total"]]
    for g in cov.goals:
        matrix.append([f"{g.goal} {g.short_name}", *[cov.matrix[g.goal][t] for t in cov.themes], len(g.actions)])

    gaps = [["Kind", "Subject", "What", "Source"]]
    gap_links = []
    for gap in cov.gaps:
        gaps.append([GAP_KINDS[gap.kind], gap.subject, gap.message, None])
        gap_links.append(links.source(gap.place))

    indicators = review.indicators_by_id
    progress = [
        [
            "Indicator",
            "Series",
            "Name",
            "Unit",
            "Direction",
            "Goals",
            "Method",
            "Status",
            "Status code",
            "Trend",
            "Base year",
            "Base value",
            "Latest year",
            "Latest value",
            "Target year",
            "Target value",
            "CAGR",
            "Required CAGR",
            "Ratio",
            "Projected value",
            "Reason",
            "Source",
        ]
    ]
    progress_links = []
    for r in results:
        progress.append(
            [
                r.indicator,
                r.series or "total",
                r.name,
                r.unit,
                r.direction,
                ", ".join(map(str, r.goals)),
                r.method,
                r.label,
                r.status.value,
                r.trend,
                _period(r.base_period, r.base_year),
                r.base_value,
                _period(r.latest_period, r.latest_year),
                r.latest_value,
                r.target_year,
                r.target_value,
                r.cagr,
                r.required_cagr,
                r.ratio,
                r.projected_value,
                r.reason,
                None,
            ]
        )
        ind = indicators.get(r.indicator)
        progress_links.append(links.record(ind, "id") if ind else None)

    mapping = [["Target", "Goal", "Kind", "ID", "Title or name", "Theme", "Source"]]
    mapping_links = []
    for record, kind in [(a, "action") for a in review.actions_by_id.values()] + [
        (i, "indicator") for i in indicators.values()
    ]:
        for code in record.targets:
            mapping.append(
                [
                    code,
                    code.split(".")[0],
                    kind,
                    record.id,
                    getattr(record, "title", None) or getattr(record, "name", None),
                    getattr(record, "theme", None),
                    None,
                ]
            )
            mapping_links.append(links.record(record, "targets"))

    _sheet(book, "Goals", goals, goal_links, percent_columns=(7, 8))
    _sheet(book, "Targets", targets, target_links)
    heat = _sheet(book, "Goal x theme", matrix, None)
    _sheet(book, "Gaps", gaps, gap_links)
    prog = _sheet(book, "Progress", progress, progress_links, percent_columns=(17, 18))
    _sheet(book, "Mapping", mapping, mapping_links)
    _heatmap(heat, len(matrix), len(cov.themes))
    _status_colours(prog, len(progress))
    _share_bars(book["Goals"], len(goals))

    buffer = io.BytesIO()
    book.save(buffer)
    return write_atomic(path, buffer.getvalue())


class _Linker:
    """Hyperlinks from the output workbook to the source workbooks, relative to it."""

    def __init__(self, folder: Path):
        self.folder = folder.resolve()

    def source(self, place: Place | None) -> tuple[str | None, str, str] | None:
        """(file relative to the output, cell location, text shown) of a place."""
        if place is None:
            return None
        try:
            rel = os.path.relpath(Path(place.file).resolve(), self.folder)
        except ValueError:  # another drive on Windows
            rel = str(Path(place.file).resolve())
        return rel, f"'{place.sheet}'!{place.cell}", f"{Path(place.file).name}, {place.sheet} {place.cell}"

    def record(self, record, field: str) -> tuple[str | None, str, str] | None:
        return self.source(place_of(record, field))


def _sheet(book, title: str, rows: list[list], links: list | None, percent_columns: tuple[int, ...] = ()):
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    ws = book.create_sheet(title)
    for row in rows:
        ws.append(row)
    header_fill = PatternFill("solid", fgColor="DDE4EE")
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    if links is not None:
        col = len(rows[0])
        for i, link in enumerate(links, start=2):
            if link:
                target, location, text = link
                cell = ws.cell(row=i, column=col, value=text)
                cell.hyperlink = Hyperlink(ref=cell.coordinate, target=target, location=location, display=text)
                cell.style = "Hyperlink"
    for col in percent_columns:
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = "0.0%"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(rows[0]))}{max(len(rows), 1)}"
    for j in range(len(rows[0])):
        longest = max(len(_shown(r[j])) for r in rows if j < len(r))
        ws.column_dimensions[get_column_letter(j + 1)].width = min(max(8, longest + 2), 60)
    ws.row_dimensions[1].height = 30
    return ws


def _shown(value) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    return "" if value is None else str(value)


def _heatmap(ws, rows: int, themes: int) -> None:
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.utils import get_column_letter

    if rows < 2 or themes < 1:
        return
    area = f"B2:{get_column_letter(themes + 1)}{rows}"
    ws.conditional_formatting.add(
        area, ColorScaleRule(start_type="num", start_value=0, start_color="FFFFFF", end_type="max", end_color="3F7E44")
    )


def _share_bars(ws, rows: int) -> None:
    from openpyxl.formatting.rule import DataBarRule

    ws.conditional_formatting.add(
        f"G2:H{rows}", DataBarRule(start_type="num", start_value=0, end_type="num", end_value=1, color="5B9BD5")
    )


def _status_colours(ws, rows: int) -> None:
    """Colour the Status column by status code; the words stay, so colour is never the
    only carrier of meaning."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill

    if rows < 2:
        return
    for status, colour in STATUS_FILLS.items():
        ws.conditional_formatting.add(
            f"H2:H{rows}",
            FormulaRule(formula=[f'$I2="{status.value}"'], fill=PatternFill("solid", fgColor=colour, bgColor=colour)),
        )


def _period(label: str | None, year: int | None) -> str | int | None:
    """A plain year as a number (so that filters and sorting work), a period as written."""
    return year if label is None or label == str(year) else label


def _place(item) -> Place:
    """The :class:`Place` of anything that has ``file``, ``sheet`` and ``cell``."""
    return Place(
        file=item.file, sheet=item.sheet, cell=item.cell, row=int(item.cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") or 0)
    )


def write_diff_workbook(path: str | os.PathLike, diff) -> Path:
    """A reviewer's workbook of a :class:`vlr.analysis.diff.Diff`: a sheet per group of
    changes (actions, indicators, data, statuses, coverage), each row linked back to its
    cell in the new workbooks (the old ones for what was removed)."""
    from openpyxl import Workbook

    path = Path(path)
    book = Workbook()
    book.remove(book.active)
    links = _Linker(path.parent)
    groups = {
        "Actions": "action-",
        "Indicators": "indicator-",
        "Data": "data-",
        "Statuses": "status-",
        "Coverage": ("target-", "goal-"),
    }
    for title, prefix in groups.items():
        items = [c for c in diff.changes if c.kind.startswith(prefix)]
        rows = [["Kind", "Subject", "Field", "Old", "New", "Change", "Relative change", "What", "Source"]]
        rows += [[c.kind, c.subject, c.field, c.old, c.new, c.change, c.relative, c.message, None] for c in items]
        places = [links.source(_place(c)) if c.file else None for c in items]
        _sheet(book, title, rows, places, percent_columns=(7,))
    buffer = io.BytesIO()
    book.save(buffer)
    return write_atomic(path, buffer.getvalue())


def write_suggestions_workbook(path: str | os.PathLike, results) -> Path:
    """A reviewer's sheet of :func:`vlr.analysis.suggest.suggest`: a row per action and
    indicator with its mapped targets, the top suggestions with their reasons and the
    doubtful mappings, filters on, each row linked to its SDG targets cell."""
    from openpyxl import Workbook

    path = Path(path)
    book = Workbook()
    book.remove(book.active)
    links = _Linker(path.parent)
    rows = [
        ["Kind", "ID", "Title or name", "Mapped targets", "Doubtful", "Suggestions", "Why (best suggestion)", "Source"]
    ]
    places = []
    for r in results:
        rows.append(
            [
                r.kind,
                r.id,
                r.title,
                ", ".join(r.mapped),
                ", ".join(r.doubtful),
                ", ".join(f"{s.target} ({s.score:.2f})" for s in r.suggestions),
                r.suggestions[0].reason if r.suggestions else "",
                None,
            ]
        )
        places.append(links.source(_place(r)) if r.file else None)
    _sheet(book, "Suggestions", rows, places)
    buffer = io.BytesIO()
    book.save(buffer)
    return write_atomic(path, buffer.getvalue())
