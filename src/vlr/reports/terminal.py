"""What the ``vlr`` command prints: each command's result as the lines a person reads in a
terminal (with colour when it is one), and JSON where a CI job needs it even on failure.
The command line (:mod:`vlr.cli`) only echoes what these functions return.

Every word is looked up in the language spoken (:func:`vlr.formatting.speaking`): the
command speaks the review's language, or ``--language``'s."""

from __future__ import annotations

import functools
import json
import shutil
import textwrap

import click

from vlr import rules
from vlr.findings import Severity, severity_width
from vlr.formatting import N_, _, n_, number, speaking, speaking_now

#: The widest a wrapped line gets, however wide the terminal.
MAX_WIDTH = 100


def width() -> int:
    return min(shutil.get_terminal_size((MAX_WIDTH, 24)).columns, MAX_WIDTH)


def wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, width=width(), initial_indent=indent, subsequent_indent=indent + "  ")


def _verdicts() -> list[tuple[str, str]]:
    """The start of the summary line (``OK:``, ``NOT OK:``) in the language spoken, with its colour."""
    found = []
    for message, colour in ((_("NOT OK: {errors}, {warnings}"), "red"), (_("OK: {errors}, {warnings}"), "green")):
        start = message.split("{", 1)[0].strip()
        if start:
            found.append((start, colour))
    return found


def coloured_report(text: str) -> str:
    """A validation or check-docx report with its severities and summary line in colour
    (click leaves the colour out when the output is not a terminal)."""
    width = severity_width()
    colours = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.NOTE: "cyan"}
    styles = {severity.said.ljust(width): colour for severity, colour in colours.items()}
    verdicts = _verdicts()
    out = []
    for line in text.splitlines():
        stripped = line.lstrip()
        for word, colour in styles.items():
            if stripped.startswith(word):
                line = line.replace(word, click.style(word, fg=colour, bold=True), 1)
                break
        else:
            for start, colour in verdicts:
                if line.startswith(start):
                    line = click.style(line, bold=True, fg=colour)
                    break
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


def language_note(language: str) -> str:
    """The one line that says a report is in English because vlr has no catalogue of
    ``language`` (English itself: there is no catalogue to say it in)."""
    return (
        f"Note: vlr has no catalogue for the language '{language}' yet: this report is in English "
        "(numbers follow the language)."
    )


def errors_note(errors: int) -> str | None:
    """The note that a review with errors was analysed all the same, or None without errors."""
    if not errors:
        return None
    return n_(
        "Note: the review has {n} error, and what could not be read is left out below. 'vlr validate' lists it.",
        "Note: the review has {n} errors, and what could not be read is left out below. 'vlr validate' lists them.",
        errors,
    ).format(n=errors)


def diff_notes(result) -> list[str]:
    """A note for each side of a diff that has errors."""
    notes = []
    if result.errors_old:
        notes.append(
            n_(
                "Note: OLD has {n} error and what could not be read is left out of the comparison; "
                "'vlr validate' lists it.",
                "Note: OLD has {n} errors and what could not be read is left out of the comparison; "
                "'vlr validate' lists them.",
                result.errors_old,
            ).format(n=result.errors_old)
        )
    if result.errors_new:
        notes.append(
            n_(
                "Note: NEW has {n} error and what could not be read is left out of the comparison; "
                "'vlr validate' lists it.",
                "Note: NEW has {n} errors and what could not be read is left out of the comparison; "
                "'vlr validate' lists them.",
                result.errors_new,
            ).format(n=result.errors_new)
        )
    return notes


def in_draft_language(say):
    """``say(result, …)`` in the language of the draft ``result`` (the build said where vlr has
    no catalogue of it)."""

    @functools.wraps(say)
    def said(result, *args, **options) -> str:
        with speaking(result.analysis.review.info.language):
            return say(result, *args, **options)

    return said


@in_draft_language
def build_summary(result, *, update: bool, final: bool) -> str:
    """What ``vlr build`` wrote and what the draft holds, section by section, in the draft's language."""
    cov = result.analysis.coverage
    warnings = len(result.analysis.loaded.report.warnings)
    if update:
        updated = _("Updated {path}; the previous file is kept as {backup}")
        lines = ["\n" + updated.format(path=result.path, backup=result.backup)]
    else:
        wrote = _("Wrote {path} and {pdf}") if result.pdf else _("Wrote {path}")
        lines = ["\n" + wrote.format(path=result.path, pdf=result.pdf)]
        if result.backup:
            lines.append(
                "  "
                + _("The draft that was there is kept as {backup} (--force replaces it without a copy).").format(
                    backup=result.backup
                )
            )
    lines += [f"  {line}" for line in result.report]
    if result.data:
        lines.append(_("Wrote {path} (every value of the review, a sheet per indicator)").format(path=result.data))
    if final:
        where = n_(
            "{n} warning left out of the final document", "{n} warnings left out of the final document", warnings
        )
    else:
        where = n_("{n} warning listed in the internal annex", "{n} warnings listed in the internal annex", warnings)
    lines.append(
        _("Goals covered: {covered} of 17 ({goals}); {figures}; {warnings}.").format(
            covered=len(cov.goals_covered),
            goals=", ".join(map(str, cov.goals_covered)),
            figures=n_("{n} figure", "{n} figures", result.charts).format(n=result.charts),
            warnings=where.format(n=warnings),
        )
    )
    lines.append(_("Contents (pages are estimates until the document is opened):"))
    language = speaking_now()
    for s in result.sections:
        pages = n_("about {n} page", "about {n} pages", 1 if s.pages == 1 else 2)  # half a page: "0.5 pages"
        lines.append(f"  {s.title:<42} " + pages.format(n=number(s.pages, language)))
    return "\n".join(lines)


#: The stages of a build, as ``--timings`` names them.
STAGES = {
    "read and validate": N_("read and validate"),
    "analyse": N_("analyse"),
    "texts": N_("texts"),
    "charts": N_("charts"),
    "render": N_("render"),
    "data workbook": N_("data workbook"),
    "refresh": N_("refresh"),
    "carry over": N_("carry over"),
    "write": N_("write"),
    "pdf": N_("pdf"),
}


@in_draft_language
def timings(result) -> str:
    """The time each stage of a build took, in the draft's language."""
    stages = ", ".join(
        _("{stage} {ms} ms").format(stage=_(STAGES.get(stage, stage)), ms=f"{seconds * 1000:.0f}")
        for stage, seconds in result.timings.items()
    )
    total = f"{sum(result.timings.values()) * 1000:.0f}"
    return _("Time by stage: {stages}; total {ms} ms").format(stages=stages, ms=total)


def init_summary(result, folder: str, *, city: str | None, last: str | None, loaded) -> str:
    """What ``vlr init`` wrote, and what to do next."""
    if loaded is not None:
        review = loaded.review
        a, i, d = len(review.actions_by_id), len(review.indicators_by_id), len(review.data)
        lines = [
            _(
                "Started the next review in {folder} from {last}: {actions}, {indicators} and {points} carried over."
            ).format(
                folder=folder,
                last=last,
                actions=n_("{n} action", "{n} actions", a).format(n=a),
                indicators=n_("{n} indicator", "{n} indicators", i).format(n=i),
                points=n_("{n} data point", "{n} data points", d).format(n=d),
            )
        ]
    else:
        lines = [_("Wrote a new review for {city} in {folder}.").format(city=city, folder=folder)]
    lines += [f"  {folder}/{name}" for name in result.files]
    lines += [wrap(_("Note: {note}").format(note=note), "") for note in result.notes]
    lines.append(_("Fill them in, then: vlr validate {folder}").format(folder=folder))
    return "\n".join(lines)


def import_json(result, source: str, folder: str) -> str:
    """The reconciliation of an import as JSON, for CI: rows in the source, imported, and left
    out by reason (each with where the first is), files skipped, what is left to add. Its
    reasons and notes are English in every language: the keys scripts group by."""
    from vlr.imports.imported import english

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
            "left_out": sum(n for n, _first in left.values()),
            "adds_up": result.source_rows == result.data_rows + sum(n for n, _first in left.values()),
        },
        "left_out": [
            {"reason": english(why), "rows": n, "first": english(first)}
            for why, (n, first) in sorted(left.items(), key=lambda item: english(item[0]))
        ],
        "skipped_files": [{"file": s.file, "reason": english(s.reason)} for s in result.skipped],
        "to_fill": result.to_fill,
        "indicators_without_unit": [i.id for i in result.indicators if not i.unit],
        "indicators_with_direction": result.directions,
        "notes": [english(note) for note in result.notes],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


#: The workbooks' words the report names, as the import writes them (its workbooks are English).
_REVIEW, _ACTIONS, _DIRECTION, _UNIT = "Review", "Actions", "Direction", "Unit"
_INCREASE, _DECREASE = "increase", "decrease"


def import_summary(result, source: str, folder: str, fmt: str = "text") -> str:
    """What ``vlr import open-sdg`` or ``vlr import sdmx`` imported, left out and skipped, and
    what is left to add, in the language spoken (``fmt`` json: :func:`import_json`, English)."""
    from vlr.imports.imported import some

    if fmt == "json":
        return import_json(result, source, folder)
    n = len(result.indicators)
    values = n_("{n} value", "{n} values", result.data_rows).format(n=result.data_rows)
    lines = [
        n_(
            "Imported {n} indicator with {values} from {source} into {review} and {book}.",
            "Imported {n} indicators with {values} from {source} into {review} and {book}.",
            n,
        ).format(n=n, values=values, source=source, review=f"{folder}/review.xlsx", book=f"{folder}/{result.book}")
    ]
    moved = sum(ind.moved for ind in result.indicators)
    if moved:
        lines.append(
            n_(
                "{n} row whose kind of period overlapped the rest of its series (a year beside a financial year) "
                "was given a series of its own.",
                "{n} rows whose kind of period overlapped the rest of their series (a year beside a financial year) "
                "were given a series of their own.",
                moved,
            ).format(n=moved)
        )
    lines += result.reconciliation()
    lines += [wrap(_("Note: {note}.").format(note=note), "") for note in result.notes]
    lines += _skipped(result.skipped)
    lines.append("\n" + _("For you to add:"))
    todo = [
        _("the {field} on the {sheet} sheet of {book}").format(field=field, sheet=_REVIEW, book="review.xlsx")
        for field in result.to_fill
    ]
    given = result.directions
    words = {"direction": _DIRECTION, "increase": _INCREASE, "decrease": _DECREASE}
    if not given:
        todo.append(
            _(
                "the {direction} of each indicator ({increase} or {decrease}; the data do not say which way is good)"
            ).format(**words)
        )
    elif n > given:
        todo.append(
            n_(
                "the {direction} of the {n} indicator without one ({increase} or {decrease}; {given} came from the "
                "repository's {options})",
                "the {direction} of the {n} indicators without one ({increase} or {decrease}; {given} came from the "
                "repository's {options})",
                n - given,
            ).format(n=n - given, given=given, options="progress_calculation_options", **words)
        )
    todo += [
        _("the city's actions on the {sheet} sheet, and the indicators that follow them").format(sheet=_ACTIONS),
        _("baselines and targets where the city has them"),
    ]
    no_unit = [ind.id for ind in result.indicators if not ind.unit]
    if no_unit:
        todo.append(
            n_(
                "a {unit} for the {n} indicator the repository states none for ({indicators})",
                "a {unit} for the {n} indicators the repository states none for ({indicators})",
                len(no_unit),
            ).format(unit=_UNIT, n=len(no_unit), indicators=some(no_unit, 6))
        )
    lines += [f"  - {item}" for item in todo]
    lines.append("\n" + _("Then: vlr validate {folder}   and   vlr build {folder}").format(folder=folder))
    return "\n".join(lines)


def _skipped(skipped) -> list[str]:
    """The files an import skipped, by reason (the commonest first), in the language spoken."""
    from vlr.imports.imported import english, some

    if not skipped:
        return []
    lines = ["\n" + n_("Skipped {n} file:", "Skipped {n} files:", len(skipped)).format(n=len(skipped))]
    by_reason: dict = {}
    for s in skipped:
        by_reason.setdefault(s.reason, []).append(s.file)
    for reason, files in sorted(by_reason.items(), key=lambda kv: (-len(kv[1]), english(kv[0]))):
        lines.append(wrap(f"{len(files)} \u00d7 {reason}: {some(files, 4)}", "  "))
    return lines
