"""The SDG framework as ``vlr framework`` shows it: its edition and counts, a goal, target or
indicator, the targets a search found, and what a newer edition changed; as terminal text
or JSON."""

from __future__ import annotations

import json
import textwrap

import click

from vlr.analysis.wording import Wording
from vlr.exceptions import VlrError
from vlr.formatting import _, percent, speaking, speaking_now
from vlr.framework.catalogue import Framework, FrameworkDiff
from vlr.framework.chances import goal_chances
from vlr.framework.goal_names import GOALS, goal_name, goal_title
from vlr.framework.search import LANGUAGES, Hit, is_paragraph, stems
from vlr.framework.translations import official, shown
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


def show(fw: Framework, code: str, fmt: str, language: str = "en") -> str:
    """A goal (``13``), a target (``11.2``) or an indicator (``11.2.1``), its texts in ``language``
    where a translation of their wording is known (:mod:`vlr.framework.translations`; the city's
    given with :func:`~vlr.framework.translations.using`), else in English, marked; a
    :class:`VlrError` saying what to try for a code the framework does not have."""
    items = split_list(code)
    key = normalise_code(items[0]) if items else ""
    with speaking(language):
        if key.isascii() and key.isdigit() and fw.goal(int(key)):
            return _goal(fw, int(key), fmt)
        if fw.target(key):
            return _target(fw, key, fmt)
        if fw.indicator(key):
            return _indicator(fw, key, fmt)
        raise VlrError(
            _(
                "'{code}' is not a goal, target or indicator of the {edition} framework. "
                "Try 'vlr framework search WORDS'."
            ).format(code=code, edition=fw.edition)
        )


def _translation(code: str, english: str) -> dict:
    """For JSON: the text in the language spoken, where it is not English."""
    if speaking_now() == "en":
        return {}
    said = official(code, english)
    found = {"language": speaking_now(), "text": said.text, "source": said.source} if said.translated else None
    return {"translation": found}


def _goal(fw: Framework, number: int, fmt: str) -> str:
    goal = fw.goal(number)
    targets = fw.targets_of(goal.number)
    name, title = goal_name(number, goal.short_name), goal_title(number, goal.title)
    if fmt == "json":
        listed = [
            {**t.model_dump(), **_translation(t.code, t.text), "indicators": [i.code for i in fw.indicators_of(t.code)]}
            for t in targets
        ]
        names = {} if speaking_now() == "en" else {"translation": {"short_name": name, "title": title}}
        return _json({**goal.model_dump(), **names, "targets": listed})
    heading = _("Goal {number}: {name}").format(number=goal.number, name=name)
    lines = [click.style(heading, bold=True) + f"  ({goal.colour})"]
    lines.append(wrap(title, "") + "\n")
    for t in targets:
        lines.append(wrap(f"{t.code}  {shown(t.code, t.text)}", "  "))
        codes = ", ".join(i.code for i in fw.indicators_of(t.code))
        lines.append("        " + _("indicators: {codes}").format(codes=codes))
    return "\n".join(lines)


def _target(fw: Framework, key: str, fmt: str) -> str:
    t = fw.target(key)
    inds = fw.indicators_of(key)
    if fmt == "json":
        listed = [{**i.model_dump(), **_translation(i.code, i.text)} for i in inds]
        return _json({**t.model_dump(), **_translation(t.code, t.text), "indicators": listed})
    goal = fw.goal(t.goal)
    about = _("goal {number}: {name}").format(number=goal.number, name=goal_name(goal.number, goal.short_name))
    lines = [click.style(_("Target {code}").format(code=t.code), bold=True) + f"  ({about})"]
    lines.append(wrap(shown(t.code, t.text), "") + "\n")
    lines += [wrap(f"{i.code}  {shown(i.code, i.text)}", "  ") for i in inds]
    return "\n".join(lines)


def _indicator(fw: Framework, key: str, fmt: str) -> str:
    i = fw.indicator(key)
    if fmt == "json":
        return _json({**i.model_dump(), **_translation(i.code, i.text), "targets": fw.indicator_targets(key)})
    about = _("target {target}, UNSD code {unsd}").format(target=i.target, unsd=i.unsd_code or "-")
    lines = [click.style(_("Indicator {code}").format(code=i.code), bold=True) + f"  ({about})"]
    lines.append(wrap(shown(i.code, i.text), ""))
    if i.repeats:
        lines.append("\n" + _("The same indicator is listed as {codes}.").format(codes=", ".join(i.repeats)))
    return "\n".join(lines)


def search(hits: list[Hit], query: str, edition: str, fmt: str, language: str = "en", floor: float = 0.0) -> str:
    """The targets a search found, best first, each with its confidence, why it matched and its
    indicators; their texts in ``language`` as :func:`show` gives them. With a ``floor``, only
    the hits as sure as that, and where none is, what the best one was and what to try."""
    kept = [h for h in hits if h.confidence >= floor]
    paragraph = is_paragraph(stems(query, "en" if language not in LANGUAGES else language))
    goals = {g: c for g, c in goal_chances(hits).items() if c >= floor} if paragraph else {}
    with speaking(language):
        if fmt == "json":  # a paragraph's goals first, each with its chance; then the targets
            return _json(
                [{"kind": "goal", "code": str(g), "name": GOALS[g][0], "confidence": c} for g, c in goals.items()]
                + [
                    {
                        "kind": "target",
                        "code": h.code,
                        "text": h.text,
                        **_translation(h.code, h.text),
                        "score": h.score,
                        "confidence": h.confidence,
                        "reasons": h.reasons,
                        "indicators": h.indicators,
                    }
                    for h in kept
                ]
            )
        if not kept:
            return _nothing(hits, query, edition, floor, language)
        columns = width()
        lines = []
        if goals:  # a paragraph: the goals it concerns first
            said = ", ".join(f"{goal} ({percent(c, language, decimals=0)})" for goal, c in goals.items())
            lines.append(textwrap.fill(_("Goals: {goals}").format(goals=said), width=columns) + "\n")
        for h in kept:
            sure = percent(h.confidence, language, decimals=0)
            head = f"{h.code:<6} {sure:>6}  {shown(h.code, h.text)}"
            lines.append(textwrap.fill(head, width=columns, subsequent_indent=" " * 15))
            for reason in h.reasons[:2]:
                lines.append(
                    textwrap.fill(
                        _("why: {reason}").format(reason=reason),
                        width=columns,
                        initial_indent=" " * 15,
                        subsequent_indent=" " * 20,
                    )
                )
            if h.indicators:
                lines.append(" " * 15 + _("indicators: {codes}").format(codes=", ".join(h.indicators)))
        return "\n".join(lines)


def _nothing(hits: list[Hit], query: str, edition: str, floor: float, language: str = "en") -> str:
    """Why a search shows nothing, and what to try."""
    if hits:  # found, but none as sure as asked
        best = max(hits, key=lambda h: h.confidence)
        said = _("Nothing matches '{query}' with a confidence of {floor} or more; the best is {code} at {sure}.")
        said = said.format(
            query=query,
            floor=percent(floor, language, decimals=0),
            code=best.code,
            sure=percent(best.confidence, language, decimals=0),
        )
    else:
        said = _("Nothing in the {edition} framework matches '{query}'.").format(edition=edition, query=query)
    return (
        said
        + "\n"
        + _(
            "Try other words for the same work (what the service is called, what it does for whom), "
            "or look through a goal's targets: vlr framework show 11"
        )
    )


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


def translations(wording: Wording, findings: list, fmt: str) -> str:
    """What ``vlr framework translations`` found: how many of the review's targets and
    indicators have their official text in the language, from the city's sheet or vlr's, and
    which the draft will quote in English; the findings of the Translations sheets' rows."""
    if fmt == "json":
        return _json(
            {
                "language": wording.language,
                "codes": [
                    {
                        "code": w.code,
                        "kind": w.kind,
                        "from": w.origin,
                        "text": w.said.text if w.said.translated else None,
                    }
                    for w in wording.codes
                ],
                "findings": [f.model_dump(mode="json") for f in findings],
            }
        )
    with speaking(wording.language):
        lines = [_("Official texts in '{language}':").format(language=wording.language)]
        for kind, label in (("target", _("targets")), ("indicator", _("indicators"))):
            line = _(
                "{label}: {total}, of which {city} from the city's Translations sheet, {vlr} from vlr's, "
                "{none} in English only"
            )
            counts = {origin: wording.count(origin, kind) for origin in ("city", "vlr", "none")}
            lines.append("  " + line.format(label=label, total=wording.total(kind), **counts))
        missing = wording.untranslated
        if missing:
            lines.append(
                wrap(
                    _("Quoted in English, marked as such: {codes}").format(codes=", ".join(w.code for w in missing)),
                    "  ",
                )
            )
        for f in findings:
            lines.append(wrap(f"{f.severity.said}: {f.file}, {f.sheet} {f.cell}: {f.message}", "  "))
    return "\n".join(lines)


def translations_sheet(wording: Wording) -> bytes:
    """A workbook of one Translations sheet to fill in: a row per code, its language, its text
    where one is known (to keep or change), and the English it translates."""
    from vlr.workbook.words import READ, in_language
    from vlr.workbook.writer import LONG_TEXT, Sheet, workbook_bytes

    own = wording.language if wording.language in READ else None  # the headings in a language vlr reads
    words = [in_language(w, own) for w in ("Code", "Language", "Text", "English")]
    rows = [words] + [
        [w.code, wording.language, w.said.text if w.said.translated else "", w.english] for w in wording.codes
    ]
    sheet = Sheet(
        in_language("Translations", own), rows, {0: 10, 1: 10, 2: 80, 3: 80}, columns={2: LONG_TEXT, 3: LONG_TEXT}
    )
    return workbook_bytes([sheet])
