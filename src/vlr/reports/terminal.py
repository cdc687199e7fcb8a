"""What the ``vlr`` command prints: each command's result as the lines a person reads in a
terminal (with colour when it is one), and JSON where a CI job needs it even on failure.
The command line (:mod:`vlr.cli`) only echoes what these functions return."""

from __future__ import annotations

import json
import shutil
import textwrap

import click

from vlr import rules
from vlr.findings import plural

#: The widest a wrapped line gets, however wide the terminal.
MAX_WIDTH = 100


def width() -> int:
    return min(shutil.get_terminal_size((MAX_WIDTH, 24)).columns, MAX_WIDTH)


def wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, width=width(), initial_indent=indent, subsequent_indent=indent + "  ")


def coloured_report(text: str) -> str:
    """A validation or check-docx report with its severities and summary line in colour
    (click leaves the colour out when the output is not a terminal)."""
    styles = {"error  ": "red", "warning": "yellow", "note   ": "cyan"}
    out = []
    for line in text.splitlines():
        stripped = line.lstrip()
        for word, colour in styles.items():
            if stripped.startswith(word):
                line = line.replace(word, click.style(word, fg=colour, bold=True), 1)
                break
        else:
            if line.startswith(("OK:", "NOT OK:")):
                line = click.style(line, bold=True, fg="green" if line.startswith("OK") else "red")
        out.append(line)
    return "\n".join(out)


def coloured_diff(text: str, tty: bool) -> str:
    """The text of a diff with headings in bold, additions green and removals red, in a terminal."""
    if not tty:
        return text
    out = []
    for line in text.splitlines():
        if line and not line.startswith(" ") and line.endswith(")"):
            line = click.style(line, bold=True)
        elif " added" in line or "now has" in line:
            line = click.style(line, fg="green")
        elif " removed" in line or "no longer" in line:
            line = click.style(line, fg="red")
        out.append(line)
    return "\n".join(out)


def unreadable_json(path: str, message: str) -> str:
    """The JSON report of an input that could not be read at all: ``ok`` false and the reason
    as its one finding, so that a CI job has something to parse."""
    finding = {
        "severity": rules.INPUT_UNREADABLE.severity.value,
        "rule": rules.INPUT_UNREADABLE.code,
        "file": str(path),
        "sheet": "",
        "cell": "",
        "message": message,
        "hint": None,
    }
    return json.dumps({"ok": False, "errors": 1, "warnings": 0, "findings": [finding]}, ensure_ascii=False)


def errors_note(errors: int) -> str | None:
    """The note that a review with errors was analysed all the same, or None without errors."""
    if not errors:
        return None
    return (
        f"Note: the review has {plural(errors, 'error')}, and what could not be read is left out below. "
        "'vlr validate' lists them."
    )


def diff_notes(result) -> list[str]:
    """A note for each side of a diff that has errors."""
    return [
        f"Note: {side} has {plural(errors, 'error')} and what could not be read is left out of the "
        "comparison; 'vlr validate' lists them."
        for side, errors in (("OLD", result.errors_old), ("NEW", result.errors_new))
        if errors
    ]


def build_summary(result, *, update: bool, final: bool) -> str:
    """What ``vlr build`` wrote and what the draft holds, section by section."""
    cov = result.analysis.coverage
    warnings = len(result.analysis.loaded.report.warnings)
    if update:
        lines = [f"\nUpdated {result.path}; the previous file is kept as {result.backup}"]
    else:
        lines = [f"\nWrote {result.path}" + (f" and {result.pdf}" if result.pdf else "")]
        if result.backup:
            lines.append(f"  The draft that was there is kept as {result.backup} (--force replaces it without a copy).")
    lines += [f"  {line}" for line in result.report]
    if result.data:
        lines.append(f"Wrote {result.data} (every value of the review, a sheet per indicator)")
    where = "left out of the final document" if final else "listed in the internal annex"
    lines.append(
        f"Goals covered: {len(cov.goals_covered)} of 17 ({', '.join(map(str, cov.goals_covered))}); "
        f"{result.charts} figures; {warnings} warning{'s' if warnings != 1 else ''} {where}."
    )
    lines.append("Contents (pages are estimates until the document is opened):")
    lines += [f"  {s.title:<42} about {s.pages:g} page{'s' if s.pages > 1 else ''}" for s in result.sections]
    return "\n".join(lines)


def timings(result) -> str:
    """The time each stage of a build took."""
    stages = ", ".join(f"{stage} {seconds * 1000:.0f} ms" for stage, seconds in result.timings.items())
    return f"Time by stage: {stages}; total {sum(result.timings.values()) * 1000:.0f} ms"


def init_summary(result, folder: str, *, city: str | None, last: str | None, loaded) -> str:
    """What ``vlr init`` wrote, and what to do next."""
    if loaded is not None:
        review = loaded.review
        lines = [
            f"Started the next review in {folder} from {last}: {plural(len(review.actions_by_id), 'action')}, "
            f"{plural(len(review.indicators_by_id), 'indicator')} and {plural(len(review.data), 'data point')} "
            "carried over."
        ]
    else:
        lines = [f"Wrote a new review for {city} in {folder}."]
    lines += [f"  {folder}/{name}" for name in result.files]
    lines += [wrap(f"Note: {note}", "") for note in result.notes]
    lines.append(f"Fill them in, then: vlr validate {folder}")
    return "\n".join(lines)


def import_json(result, source: str, folder: str) -> str:
    """The reconciliation of an import as JSON, for CI: rows in the source, imported, and left
    out by reason (each with where the first is), files skipped, what is left to add."""
    left = result.left_out()
    payload = {
        "ok": True,
        "source": source,
        "folder": folder,
        "workbooks": [f"{folder}/review.xlsx", f"{folder}/{result.book}"],
        "indicators": len(result.indicators),
        "rows": {
            "source": result.source_rows,
            "imported": result.data_rows,
            "left_out": sum(n for n, _ in left.values()),
            "adds_up": result.source_rows == result.data_rows + sum(n for n, _ in left.values()),
        },
        "left_out": [{"reason": why, "rows": n, "first": first} for why, (n, first) in sorted(left.items())],
        "skipped_files": [{"file": s.file, "reason": s.reason} for s in result.skipped],
        "to_fill": result.to_fill,
        "indicators_without_unit": [i.id for i in result.indicators if not i.unit],
        "indicators_with_direction": result.directions,
        "notes": result.notes,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


def import_summary(result, source: str, folder: str, fmt: str = "text") -> str:
    """What ``vlr import open-sdg`` or ``vlr import sdmx`` imported, left out and skipped, and
    what is left to add (``fmt`` json: :func:`import_json`)."""
    if fmt == "json":
        return import_json(result, source, folder)
    n = len(result.indicators)
    lines = [
        f"Imported {n} indicator{'s' if n != 1 else ''} with {result.data_rows} values from {source} "
        f"into {folder}/review.xlsx and {folder}/{result.book}."
    ]
    moved = sum(ind.moved for ind in result.indicators)
    if moved:
        lines.append(
            f"{moved} rows whose kind of period overlapped the rest of their series (a year beside a "
            "financial year) were given a series of their own."
        )
    lines += result.reconciliation()
    lines += [wrap(f"Note: {note}.", "") for note in result.notes]
    lines += _skipped(result.skipped)
    lines.append("\nFor you to add:")
    todo = [f"the {field} on the Review sheet of review.xlsx" for field in result.to_fill]
    given = result.directions
    todo += [
        "the Direction of each indicator (increase or decrease; the data do not say which way is good)"
        if not given
        else f"the Direction of the {n - given} indicators without one (increase or decrease; "
        f"{given} came from the repository's progress_calculation_options)",
        "the city's actions on the Actions sheet, and the indicators that follow them",
        "baselines and targets where the city has them",
    ]
    no_unit = [ind.id for ind in result.indicators if not ind.unit]
    if no_unit:
        shown = ", ".join(no_unit[:6]) + (f" and {len(no_unit) - 6} more" if len(no_unit) > 6 else "")
        n = len(no_unit)
        todo.append(f"a Unit for the {n} indicator{'s' if n != 1 else ''} the repository states none for ({shown})")
    lines += [f"  - {item}" for item in todo]
    lines.append(f"\nThen: vlr validate {folder}   and   vlr build {folder}")
    return "\n".join(lines)


def _skipped(skipped) -> list[str]:
    if not skipped:
        return []
    lines = [f"\nSkipped {len(skipped)} file{'s' if len(skipped) != 1 else ''}:"]
    by_reason: dict[str, list[str]] = {}
    for s in skipped:
        by_reason.setdefault(s.reason, []).append(s.file)
    for reason, files in sorted(by_reason.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        shown = ", ".join(files[:4]) + (f" and {len(files) - 4} more" if len(files) > 4 else "")
        lines.append(wrap(f"{len(files)} \u00d7 {reason}: {shown}", "  "))
    return lines
