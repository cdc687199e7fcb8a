"""The targets suggested for a review's actions and indicators (:mod:`vlr.analysis.suggest`)
as terminal text, in the language spoken (:func:`vlr.formatting.speaking`). The reviewer's
workbook of them is in :mod:`vlr.reports.workbooks`."""

from __future__ import annotations

import json

from vlr.analysis.suggest import Suggestions
from vlr.formatting import NP_, _, n_, p_, percent, speaking_now

#: An action's or an indicator's kind, as a reader reads it.
KINDS = {"action": NP_("kind", "action"), "indicator": NP_("kind", "indicator")}


def kind_word(kind: str) -> str:
    """``action`` or ``indicator`` in the language spoken."""
    return p_("kind", KINDS[kind]) if kind in KINDS else kind


def to_text(results: list[Suggestions]) -> str:
    lines = []
    for r in results:
        if r.kind == "action":
            item = _("action {id} '{title}'").format(id=r.id, title=r.title)
        else:
            item = _("indicator {id} '{title}'").format(id=r.id, title=r.title)
        lines.append(f"{item}   [{r.sheet} {r.cell}]")
        lines.append("  " + _("mapped: {targets}").format(targets=", ".join(r.mapped) or _("(none yet)")))
        for s in r.suggestions:
            mark = "  " + _("(mapped)") if s.target in r.mapped else ""
            sure = percent(s.confidence, speaking_now(), decimals=0)
            lines.append(f"  {s.target:<6} {sure:>5}  {s.reason}{mark}")
        if r.doubtful:
            doubt = n_(
                "doubtful: {targets} (nothing in its words supports it)",
                "doubtful: {targets} (nothing in its words supports them)",
                len(r.doubtful),
            )
            lines.append("  " + doubt.format(targets=", ".join(r.doubtful)))
    doubts = sum(len(r.doubtful) for r in results)
    empty = sum(1 for r in results if not r.mapped)
    counts = {
        "items": n_("{n} action or indicator", "{n} actions and indicators", len(results)).format(n=len(results)),
        "empty": n_("{n} without targets", "{n} without targets", empty).format(n=empty),
        "doubts": n_("{n} doubtful mapping", "{n} doubtful mappings", doubts).format(n=doubts),
    }
    lines.append("\n" + _("{items}; {empty}; {doubts}.").format(**counts))
    return "\n".join(lines)


def report(results: list[Suggestions], fmt: str) -> str:
    """The suggestions as text, or as JSON (``kind``, ``id``, ``mapped``, ``suggestions``, ``doubtful``;
    the reasons in the language spoken)."""
    if fmt == "json":
        fields = {"kind", "id", "mapped", "suggestions", "doubtful"}
        return json.dumps([r.model_dump(include=fields) for r in results], ensure_ascii=False, indent=2)
    return to_text(results)
