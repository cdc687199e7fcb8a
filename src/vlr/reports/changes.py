"""What changed between two reviews (:mod:`vlr.analysis.diff`), as a reviewer reads it:
terminal text, Markdown and CSV, in the language spoken (:func:`vlr.formatting.speaking`;
the CSV's column names and the kinds of change stay English, for scripts). The workbook of
changes is in :mod:`vlr.reports.workbooks`."""

from __future__ import annotations

import csv
import io

import click

from vlr.analysis.diff import COLUMNS, KINDS, Diff
from vlr.formatting import _, n_
from vlr.values import csv_cell


def counted(kind: str, n: int) -> str:
    """``3 actions added``: ``n`` changes of ``kind``, in the language spoken."""
    words = {
        "action-added": n_("{n} action added", "{n} actions added", n),
        "action-removed": n_("{n} action removed", "{n} actions removed", n),
        "action-changed": n_("{n} action changed", "{n} actions changed", n),
        "indicator-added": n_("{n} indicator added", "{n} indicators added", n),
        "indicator-removed": n_("{n} indicator removed", "{n} indicators removed", n),
        "indicator-changed": n_("{n} indicator changed", "{n} indicators changed", n),
        "data-added": n_("{n} data point added", "{n} data points added", n),
        "data-removed": n_("{n} data point removed", "{n} data points removed", n),
        "data-revised": n_("{n} data point revised", "{n} data points revised", n),
        "status-changed": n_("{n} status changed", "{n} statuses changed", n),
        "target-coverage-gained": n_("{n} target that gained actions", "{n} targets that gained actions", n),
        "target-coverage-lost": n_("{n} target that lost its actions", "{n} targets that lost their actions", n),
        "target-evidence-gained": n_("{n} target that gained evidence", "{n} targets that gained evidence", n),
        "target-evidence-lost": n_("{n} target that lost its evidence", "{n} targets that lost their evidence", n),
        "goal-coverage-gained": n_("{n} goal that gained actions", "{n} goals that gained actions", n),
        "goal-coverage-lost": n_("{n} goal that lost all its actions", "{n} goals that lost all their actions", n),
        "goal-evidence-gained": n_("{n} goal that gained evidence", "{n} goals that gained evidence", n),
        "goal-evidence-lost": n_("{n} goal that lost all its evidence", "{n} goals that lost all their evidence", n),
    }
    return words[kind].format(n=n)


#: The kinds of change shown in green (something gained) and in red (something lost) in a terminal.
GAINED = ("-added", "-gained")
LOST = ("-removed", "-lost")


def _style(line: str, colour: bool, **style) -> str:
    return click.style(line, **style) if colour else line


def to_text(diff: Diff, colour: bool = False) -> str:
    """The changes as ``vlr diff`` prints them: a heading per kind of change (bold in a
    terminal), a line per change (what was added or gained green, what was lost red)."""
    if diff.empty:
        return _("No differences between {old} and {new}.").format(old=diff.old, new=diff.new)
    lines = [
        _("Changes from {old} to {new} (statuses by the {method} method):").format(
            old=diff.old, new=diff.new, method=diff.method
        )
    ]
    for kind, heading in KINDS.items():
        items = [c for c in diff.changes if c.kind == kind]
        if not items:
            continue
        lines.append("\n" + _style(f"{_(heading)} ({len(items)})", colour, bold=True))
        tint = "green" if kind.endswith(GAINED) else "red" if kind.endswith(LOST) else None
        for c in items:
            where = f"   [{c.sheet} {c.cell}]" if c.cell else ""
            line = f"  {c.message}{where}"
            lines.append(_style(line, colour and tint is not None, fg=tint))
    total = len(diff.changes)
    summary = "; ".join(counted(k, n) for k, n in diff.counts().items())  # an item may hold a comma
    changes = n_("{n} change", "{n} changes", total).format(n=total)
    lines.append("\n" + _("{changes}: {kinds}.").format(changes=changes, kinds=summary))
    return "\n".join(lines)


def to_markdown(diff: Diff) -> str:
    if diff.empty:
        return _("No differences between {old} and {new}.").format(old=f"`{diff.old}`", new=f"`{diff.new}`") + "\n"
    out = ["# " + _("Changes from {old} to {new}").format(old=f"`{diff.old}`", new=f"`{diff.new}`"), ""]
    head = f"| {_('Subject')} | {_('Change')} | {_('Where')} |"
    for kind, heading in KINDS.items():
        items = [c for c in diff.changes if c.kind == kind]
        if items:
            out += [f"## {_(heading)} ({len(items)})", "", head, "|---|---|---|"]
            out += [f"| {c.subject} | {c.message.replace('|', '/')} | {c.sheet} {c.cell} |" for c in items]
            out.append("")
    return "\n".join(out)


def to_csv(diff: Diff) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for c in diff.changes:
        writer.writerow([csv_cell(getattr(c, col)) if getattr(c, col) is not None else "" for col in COLUMNS])
    return buffer.getvalue()


def report(diff: Diff, fmt: str, colour: bool = False) -> str:
    """The changes in ``fmt`` (text, json, csv or markdown); CSV ends in a newline, the others not."""
    if fmt == "json":
        return diff.model_dump_json(indent=2)
    if fmt == "csv":
        return to_csv(diff)
    if fmt == "markdown":
        return to_markdown(diff)
    return to_text(diff, colour)
