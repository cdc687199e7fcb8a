"""The reviewers' workbooks: coverage (``vlr coverage --xlsx``), the changes between two
reviews (``vlr diff --xlsx``) and the suggested targets (``vlr suggest --xlsx``).

The coverage workbook a reviewer filters has one sheet per view.

Sheets: Goals, Targets, Goal x theme (a heatmap), Gaps, Progress and Mapping (every
action and indicator against every target it names). Each has a frozen heading row,
filters, columns sized to their content, and a link from every row back to the
place it comes from: the source workbook, sheet and row (goal rows link to their
targets in the Targets sheet). The workbooks of ``vlr diff`` and ``vlr suggest`` are
made the same way. What goes in is described here; :mod:`vlr.workbook.writer` writes it.

Sheet names, headings and the words in the cells are those of the language spoken
(:func:`vlr.formatting.speaking`); the status codes a sheet's colours follow stay English.
"""

from __future__ import annotations

import os
from pathlib import Path

from vlr.analysis.coverage import GAP_KINDS, Coverage, Place, place_of
from vlr.analysis.diff import KINDS as CHANGE_KINDS
from vlr.analysis.progress import STATUS_ORDER, Progress, Status, goal_summary
from vlr.formatting import N_, _, p_, percent, speaking_now
from vlr.framework.goal_names import goal_name
from vlr.framework.translations import shown
from vlr.model.review import Review
from vlr.output import replace_file
from vlr.reports.suggestions import kind_word
from vlr.reports.views import status_heads, trend_word, yes
from vlr.workbook.writer import ColourScale, DataBars, FormulaFill, Link, Sheet, Style, workbook_bytes
from vlr.xlsx import column_letter

#: The shares and rates, as percentages.
PERCENT = Style(number_format="0.0%")

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


def write_coverage_workbook(
    path: str | os.PathLike, cov: Coverage, results: list[Progress], review: Review, *, force: bool = False
) -> Path | None:
    """Write the workbook to ``path`` (whole or not at all); an earlier file there is kept
    and returned (:func:`vlr.output.replace_file`) unless ``force``."""
    path = Path(path)
    links = _Linker(path.parent)
    targets, first_target_row = _targets_sheet(cov, links)
    sheets = [
        _goals_sheet(cov, results, first_target_row, targets.name),
        targets,
        _matrix_sheet(cov),
        _gaps_sheet(cov, links),
        _progress_sheet(results, review, links),
        _mapping_sheet(review, links),
    ]
    return replace_file(path, workbook_bytes(sheets), force=force)


def sheet_name(title: str) -> str:
    """``title`` as a sheet may be named: without ``[]:*?/\\``, 31 characters at most."""
    cleaned = "".join("-" if c in "[]:*?/\\" else c for c in title).strip("' ")
    return cleaned[:31] or "Sheet"


def quoted(sheet: str) -> str:
    """A sheet's name as a cell reference names it: in quotes, a quote in it doubled (``'Kid''s'``)."""
    return "'" + sheet.replace("'", "''") + "'"


def _targets_sheet(cov: Coverage, links: _Linker) -> tuple[Sheet, dict[int, int]]:
    """The Targets sheet, and the 1-based row of each goal's first target in it."""
    first_target_row: dict[int, int] = {}
    heads = [_("Goal"), p_("a target's code", "Target"), _("Target text"), _("Actions"), _("Indicators")]
    heads += [_("Indicators with data"), _("Latest year"), _("Has actions"), _("Has evidence"), _("Source")]
    rows = [heads]
    places = []
    for g in cov.goals:
        for t in g.targets:
            first_target_row.setdefault(g.goal, len(rows) + 1)
            rows.append(
                [
                    g.goal,
                    t.code,
                    shown(t.code, t.text),
                    ", ".join(t.actions),
                    ", ".join(t.indicators),
                    ", ".join(t.indicators_with_data),
                    t.latest_year,
                    yes(t.has_actions),
                    yes(t.has_evidence),
                    None,
                ]
            )
            places.append(links.source(t.source))
    return _sheet(_("Targets"), rows, places), first_target_row


def _goals_sheet(cov: Coverage, results: list[Progress], first_target_row: dict[int, int], targets: str) -> Sheet:
    """A row per goal: its coverage, its indicators by status, a link to its targets (in the
    sheet named ``targets``)."""
    summary = goal_summary(results)
    heads = [_("Goal"), _("Name"), _("HLPF goal"), _("Targets"), _("Targets with actions"), _("Targets with evidence")]
    heads += [_("Share with actions"), _("Share with evidence"), _("Actions"), _("Indicators")]
    rows = [[*heads, *status_heads(), _("Targets sheet")]]
    places = []
    for g in cov.goals:
        counts = summary.get(g.goal, {})
        rows.append(
            [
                g.goal,
                goal_name(g.goal, g.short_name),
                yes(g.hlpf),
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
        shown = _("Targets of goal {number}").format(number=g.goal)
        places.append((None, f"{quoted(targets)}!A{first_target_row[g.goal]}", shown))
    sheet = _sheet(_("Goals"), rows, places, percent_columns=(6, 7))
    sheet.highlights.append(DataBars(f"G2:H{len(rows)}", "5B9BD5"))
    return sheet


def _matrix_sheet(cov: Coverage) -> Sheet:
    """Goals against themes: how many actions, shaded as a heatmap."""
    rows = [[_("Goal"), *cov.themes, _("Total")]]
    for g in cov.goals:
        name = f"{g.goal} {goal_name(g.goal, g.short_name)}"
        rows.append([name, *[cov.matrix[g.goal][t] for t in cov.themes], len(g.actions)])
    sheet = _sheet(_("Goal x theme"), rows, None)
    if len(rows) >= 2 and cov.themes:
        sheet.highlights.append(ColourScale(f"B2:{column_letter(len(cov.themes))}{len(rows)}", "3F7E44"))
    return sheet


def _gaps_sheet(cov: Coverage, links: _Linker) -> Sheet:
    rows = [[p_("report", "Kind"), _("Subject"), _("What"), _("Source")]]
    rows += [[_(GAP_KINDS[gap.kind]), gap.subject, gap.message, None] for gap in cov.gaps]
    return _sheet(_("Gaps"), rows, [links.source(gap.place) for gap in cov.gaps])


#: The Progress sheet's headings (translated where written).
PROGRESS_HEADS = [
    N_("Indicator"),
    N_("Series"),
    N_("Name"),
    N_("Unit"),
    N_("Direction"),
    N_("Goals"),
    N_("Method"),
    N_("Status"),
    N_("Status code"),
    N_("Trend"),
    N_("Base year"),
    N_("Base value"),
    N_("Latest year"),
    N_("Latest value"),
    N_("Target year"),
    N_("Target value"),
    N_("CAGR"),
    N_("Required CAGR"),
    N_("Ratio"),
    N_("Projected value"),
    N_("Reason"),
    N_("Source"),
]


def _direction(direction: str | None) -> str | None:
    """``increase`` or ``decrease`` as the review's own workbooks word it in the language spoken."""
    return p_("workbook", direction) if direction in ("increase", "decrease") else direction


def _progress_sheet(results: list[Progress], review: Review, links: _Linker) -> Sheet:
    """A row per indicator and series, its Status column coloured by status."""
    indicators = review.indicators_by_id
    rows, places = [[_(head) for head in PROGRESS_HEADS]], []
    for r in results:
        rows.append(
            [
                r.indicator,
                r.series or p_("series", "total"),
                r.name,
                r.unit,
                _direction(r.direction),
                ", ".join(map(str, r.goals)),
                r.method,
                _(r.label),
                r.status.value,
                trend_word(r.trend),
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
        places.append(links.record(ind, "id") if ind else None)
    sheet = _sheet(_("Progress"), rows, places, percent_columns=(16, 17))
    # the words stay, so colour is never the only carrier of meaning
    if len(rows) >= 2:
        sheet.highlights += [
            FormulaFill(f"H2:H{len(rows)}", f'$I2="{status.value}"', colour) for status, colour in STATUS_FILLS.items()
        ]
    return sheet


def _mapping_sheet(review: Review, links: _Linker) -> Sheet:
    """Every action and indicator against every target it names."""
    heads = [p_("a target's code", "Target"), _("Goal"), p_("report", "Kind"), _("ID"), _("Title or name")]
    rows = [[*heads, _("Theme"), _("Source")]]
    places = []
    records = [(a, "action") for a in review.actions_by_id.values()]
    records += [(i, "indicator") for i in review.indicators_by_id.values()]
    for record, kind in records:
        for code in record.targets:
            rows.append(
                [
                    code,
                    code.split(".")[0],
                    kind_word(kind),
                    record.id,
                    getattr(record, "title", None) or getattr(record, "name", None),
                    getattr(record, "theme", None),
                    None,
                ]
            )
            places.append(links.record(record, "targets"))
    return _sheet(_("Mapping"), rows, places)


class _Linker:
    """Hyperlinks from the output workbook to the source workbooks, relative to it."""

    def __init__(self, folder: Path):
        self.folder = folder.resolve()
        self._files: dict[str, tuple[str, str]] = {}  # file → (relative to the output, its name)

    def source(self, place: Place | None) -> tuple[str | None, str, str] | None:
        """(file relative to the output, cell location, text shown) of a place."""
        if place is None:
            return None
        known = self._files.get(place.file)
        if known is None:
            try:
                rel = os.path.relpath(Path(place.file).resolve(), self.folder)
            except ValueError:  # another drive on Windows
                rel = str(Path(place.file).resolve())
            known = self._files[place.file] = (rel, Path(place.file).name)
        rel, name = known
        return rel, f"{quoted(place.sheet)}!{place.cell}", f"{name}, {place.sheet} {place.cell}"

    def record(self, record, field: str) -> tuple[str | None, str, str] | None:
        return self.source(place_of(record, field))


def _sheet(title: str, rows: list[list], places: list | None, percent_columns: tuple[int, ...] = ()) -> Sheet:
    """A sheet of ``rows`` with filters, columns sized to their content, and in its last
    column the link of each row to its ``places`` (file, location, text)."""
    links = []
    col = len(rows[0]) - 1
    for i, place in enumerate(places or (), start=1):
        if place:
            target, location, text = place
            links.append(Link(i, col, text, location, target))
    widths = {}
    for j in range(len(rows[0])):
        longest = max(len(_shown(r[j])) for r in rows if j < len(r))
        widths[j] = min(max(8, longest + 2), 60)
    return Sheet(
        sheet_name(title),
        rows,
        widths,
        autofilter=True,
        columns=dict.fromkeys(percent_columns, PERCENT),
        links=links,
    )


def _shown(value) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    return "" if value is None else str(value)


def _period(label: str | None, year: int | None) -> str | int | None:
    """A plain year as a number (so that filters and sorting work), a period as written."""
    return year if label is None or label == str(year) else label


def _place(item) -> Place:
    """The :class:`Place` of anything that has ``file``, ``sheet`` and ``cell``."""
    return Place(
        file=item.file, sheet=item.sheet, cell=item.cell, row=int(item.cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") or 0)
    )


#: The sheets of the workbook of changes, each with the kinds of change it holds.
CHANGE_SHEETS = {
    N_("Actions"): ("action-",),
    N_("Indicators"): ("indicator-",),
    N_("Data"): ("data-",),
    N_("Statuses"): ("status-",),
    N_("Coverage"): ("target-", "goal-"),
}


def write_diff_workbook(path: str | os.PathLike, diff, *, force: bool = False) -> Path | None:
    """A reviewer's workbook of a :class:`vlr.analysis.diff.Diff`: a sheet per group of
    changes (actions, indicators, data, statuses, coverage), each row linked back to its
    cell in the new workbooks (the old ones for what was removed)."""
    path = Path(path)
    links = _Linker(path.parent)
    sheets = []
    heads = [p_("report", "Kind"), _("Subject"), _("Field"), _("Old"), _("New"), _("Change")]
    heads += [_("Relative change"), _("What"), _("Source")]
    for title, prefixes in CHANGE_SHEETS.items():
        items = [c for c in diff.changes if c.kind.startswith(prefixes)]
        rows = [heads]
        rows += [
            [_(CHANGE_KINDS[c.kind]), c.subject, _(c.field) if c.field else None, c.old, c.new]
            + [c.change, c.relative, c.message, None]
            for c in items
        ]
        places = [links.source(_place(c)) if c.file else None for c in items]
        sheets.append(_sheet(_(title), rows, places, percent_columns=(6,)))
    return replace_file(path, workbook_bytes(sheets), force=force)


def write_suggestions_workbook(path: str | os.PathLike, results, *, force: bool = False) -> Path | None:
    """A reviewer's sheet of :func:`vlr.analysis.suggest.suggest`: a row per action and
    indicator with its mapped targets, the top suggestions with their reasons and the
    doubtful mappings, filters on, each row linked to its SDG targets cell."""
    path = Path(path)
    links = _Linker(path.parent)
    heads = [p_("report", "Kind"), _("ID"), _("Title or name"), _("Mapped targets"), _("Doubtful")]
    rows = [[*heads, _("Suggestions"), _("Why (best suggestion)"), _("Source")]]
    places = []
    for r in results:
        rows.append(
            [
                kind_word(r.kind),
                r.id,
                r.title,
                ", ".join(r.mapped),
                ", ".join(r.doubtful),
                ", ".join(f"{s.target} ({percent(s.confidence, speaking_now(), decimals=0)})" for s in r.suggestions),
                r.suggestions[0].reason if r.suggestions else "",
                None,
            ]
        )
        places.append(links.source(_place(r)) if r.file else None)
    return replace_file(path, workbook_bytes([_sheet(_("Suggestions"), rows, places)]), force=force)
