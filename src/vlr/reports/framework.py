"""The SDG framework as ``vlr framework`` shows it: its edition and counts, a goal, target or
indicator, the targets a search found, and what a newer edition changed; as terminal text
or JSON."""

from __future__ import annotations

import json
import textwrap

import click

from vlr.exceptions import VlrError
from vlr.framework.catalogue import Framework, FrameworkDiff
from vlr.framework.search import Hit
from vlr.reports.terminal import width, wrap
from vlr.values import normalise_code, split_list

#: What changed between two editions, in the order it is listed, with its words.
CHANGE_LABELS = {
    "added_targets": "targets added",
    "removed_targets": "targets removed",
    "reworded_targets": "targets reworded",
    "added_indicators": "indicators added",
    "removed_indicators": "indicators removed",
    "reworded_indicators": "indicators reworded",
    "recoded_indicators": "indicators with a new UNSD code",
}


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def info(fw: Framework, fmt: str) -> str:
    """The edition, source and counts of the framework in use."""
    counts = fw.counts()
    if fmt == "json":
        return _json(
            {"edition": fw.edition, "title": fw.title, "source": fw.source, "source_file": fw.source_file, **counts}
        )
    return "\n".join(
        [
            f"{fw.title}\nSource: {fw.source}\nImported from: {fw.source_file}\n",
            f"  goals                {counts['goals']}",
            f"  targets              {counts['targets']} ({counts['targets_numbered']} numbered, "
            f"{counts['targets_lettered']} lettered)",
            f"  indicator listings   {counts['indicator_listings']}",
            f"  indicator codes      {counts['indicator_codes']} (distinct UNSD codes)",
            f"  unique indicators    {counts['unique_indicators']}",
        ]
    )


def show(fw: Framework, code: str, fmt: str) -> str:
    """A goal (``13``), a target (``11.2``) or an indicator (``11.2.1``); a :class:`VlrError`
    saying what to try for a code the framework does not have."""
    items = split_list(code)
    key = normalise_code(items[0]) if items else ""
    if key.isascii() and key.isdigit() and fw.goal(int(key)):
        return _goal(fw, int(key), fmt)
    if fw.target(key):
        return _target(fw, key, fmt)
    if fw.indicator(key):
        return _indicator(fw, key, fmt)
    raise VlrError(
        f"'{code}' is not a goal, target or indicator of the {fw.edition} framework. Try 'vlr framework search WORDS'."
    )


def _goal(fw: Framework, number: int, fmt: str) -> str:
    goal = fw.goal(number)
    targets = fw.targets_of(goal.number)
    if fmt == "json":
        listed = [{**t.model_dump(), "indicators": [i.code for i in fw.indicators_of(t.code)]} for t in targets]
        return _json({**goal.model_dump(), "targets": listed})
    lines = [click.style(f"Goal {goal.number}: {goal.short_name}", bold=True) + f"  ({goal.colour})"]
    lines.append(wrap(goal.title, "") + "\n")
    for t in targets:
        lines.append(wrap(f"{t.code}  {t.text}", "  "))
        lines.append(f"        indicators: {', '.join(i.code for i in fw.indicators_of(t.code))}")
    return "\n".join(lines)


def _target(fw: Framework, key: str, fmt: str) -> str:
    t = fw.target(key)
    inds = fw.indicators_of(key)
    if fmt == "json":
        return _json({**t.model_dump(), "indicators": [i.model_dump() for i in inds]})
    goal = fw.goal(t.goal)
    lines = [click.style(f"Target {t.code}", bold=True) + f"  (goal {goal.number}: {goal.short_name})"]
    lines.append(wrap(t.text, "") + "\n")
    lines += [wrap(f"{i.code}  {i.text}", "  ") for i in inds]
    return "\n".join(lines)


def _indicator(fw: Framework, key: str, fmt: str) -> str:
    i = fw.indicator(key)
    if fmt == "json":
        return _json({**i.model_dump(), "targets": fw.indicator_targets(key)})
    lines = [click.style(f"Indicator {i.code}", bold=True) + f"  (target {i.target}, UNSD code {i.unsd_code or '-'})"]
    lines.append(wrap(i.text, ""))
    if i.repeats:
        lines.append(f"\nThe same indicator is listed as {', '.join(i.repeats)}.")
    return "\n".join(lines)


def search(hits: list[Hit], query: str, edition: str, fmt: str) -> str:
    """The targets a search found, best first, with why each matched and its indicators."""
    if fmt == "json":
        return _json(
            [
                {
                    "kind": "target",
                    "code": h.code,
                    "text": h.text,
                    "score": h.score,
                    "reasons": h.reasons,
                    "indicators": h.indicators,
                }
                for h in hits
            ]
        )
    if not hits:
        return f"Nothing in the {edition} framework matches '{query}'."
    columns = width()
    lines = []
    for h in hits:
        lines.append(textwrap.fill(f"{h.code:<6} {h.text}", width=columns, subsequent_indent=" " * 7))
        for reason in h.reasons[:2]:
            lines.append(
                textwrap.fill(f"why: {reason}", width=columns, initial_indent=" " * 7, subsequent_indent=" " * 12)
            )
        if h.indicators:
            lines.append(f"       indicators: {', '.join(h.indicators)}")
    return "\n".join(lines)


def imported(new: Framework, changes: FrameworkDiff, current: Framework, file: str) -> str:
    """What ``vlr framework import`` read, and what changed from the edition in use."""
    counts = new.counts()
    lines = [
        f"Read {new.title} from {file}: {counts['goals']} goals, {counts['targets']} targets, "
        f"{counts['indicator_listings']} indicator listings ({counts['unique_indicators']} unique).",
        f"\nChanges from the {current.edition} edition in use:",
    ]
    if changes.unchanged:
        lines.append("  none")
    for key, label in CHANGE_LABELS.items():
        codes = getattr(changes, key)
        if codes:
            lines.append(wrap(f"{label} ({len(codes)}): {', '.join(codes)}", "  "))
    return "\n".join(lines)


def written(output: str, backup=None) -> str:
    kept = f" The file that was there is kept as {backup} (--force replaces it without a copy)." if backup else ""
    return f"\nWrote {output}.{kept} Use it with: vlr --framework {output} validate"
