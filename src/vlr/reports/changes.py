"""What changed between two reviews (:mod:`vlr.analysis.diff`), as a reviewer reads it:
terminal text, Markdown and CSV. The workbook of changes is in
:mod:`vlr.reports.workbooks`."""

from __future__ import annotations

import csv
import io

from vlr.analysis.diff import COLUMNS, KINDS, Diff
from vlr.findings import plural
from vlr.reports.terminal import coloured_diff
from vlr.values import csv_cell


def to_text(diff: Diff) -> str:
    if diff.empty:
        return f"No differences between {diff.old} and {diff.new}."
    lines = [f"Changes from {diff.old} to {diff.new} (statuses by the {diff.method} method):"]
    for kind, heading in KINDS.items():
        items = [c for c in diff.changes if c.kind == kind]
        if not items:
            continue
        lines.append(f"\n{heading} ({len(items)})")
        for c in items:
            where = f"   [{c.sheet} {c.cell}]" if c.cell else ""
            lines.append(f"  {c.message}{where}")
    summary = ", ".join(f"{n} {KINDS[k].lower()}" for k, n in diff.counts().items())
    lines.append(f"\n{plural(len(diff.changes), 'change')}: {summary}.")
    return "\n".join(lines)


def to_markdown(diff: Diff) -> str:
    if diff.empty:
        return f"No differences between `{diff.old}` and `{diff.new}`.\n"
    out = [f"# Changes from `{diff.old}` to `{diff.new}`", ""]
    for kind, heading in KINDS.items():
        items = [c for c in diff.changes if c.kind == kind]
        if items:
            out += [f"## {heading} ({len(items)})", "", "| Subject | Change | Where |", "|---|---|---|"]
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
    return coloured_diff(to_text(diff), colour)
