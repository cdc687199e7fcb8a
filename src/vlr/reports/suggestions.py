"""The targets suggested for a review's actions and indicators (:mod:`vlr.analysis.suggest`)
as terminal text. The reviewer's workbook of them is in :mod:`vlr.reports.workbooks`."""

from __future__ import annotations

import json

from vlr.analysis.suggest import Suggestions


def to_text(results: list[Suggestions]) -> str:
    lines = []
    for r in results:
        lines.append(f"{r.kind} {r.id} '{r.title}'   [{r.sheet} {r.cell}]")
        lines.append(f"  mapped: {', '.join(r.mapped) or '(none yet)'}")
        for s in r.suggestions:
            mark = "  (mapped)" if s.target in r.mapped else ""
            lines.append(f"  {s.target:<6} {s.score:5.2f}  {s.reason}{mark}")
        if r.doubtful:
            lines.append(
                f"  doubtful: {', '.join(r.doubtful)} (nothing in its words supports "
                f"{'them' if len(r.doubtful) > 1 else 'it'})"
            )
    doubts = sum(len(r.doubtful) for r in results)
    empty = sum(1 for r in results if not r.mapped)
    lines.append(f"\n{len(results)} actions and indicators; {empty} without targets; {doubts} doubtful mappings.")
    return "\n".join(lines)


def report(results: list[Suggestions], fmt: str) -> str:
    """The suggestions as text, or as JSON (``kind``, ``id``, ``mapped``, ``suggestions``, ``doubtful``)."""
    if fmt == "json":
        fields = {"kind", "id", "mapped", "suggestions", "doubtful"}
        return json.dumps([r.model_dump(include=fields) for r in results], ensure_ascii=False, indent=2)
    return to_text(results)
