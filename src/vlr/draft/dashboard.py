"""The dashboard near the front of the draft: the 17 goals at a glance, SDSN-style.

A real table (read by screen readers, not a picture): per goal its tile, the targets the
review's actions and evidence reach, and its indicators' statuses as a coloured shape,
the trend arrows and the method's words (:mod:`vlr.draft.symbols`), never colour alone.
Goals without indicators, or without data, say so.
"""

from __future__ import annotations

from collections.abc import Mapping

from vlr.analysis.progress import METHOD_NAMES
from vlr.analysis.result import Analysis
from vlr.draft.chapters import status_lines, tile_alt, tile_png
from vlr.draft.paragraphs import keep_with_next
from vlr.draft.symbols import legend
from vlr.draft.writer import Writer
from vlr.formatting import _, n_
from vlr.framework.goal_names import goal_name

#: Width of a goal's tile in the dashboard, in cm.
TILE_CM = 0.8


def dashboard(w: Writer, analysis: Analysis, icons: Mapping[int, object] | None = None) -> None:
    review, cov = analysis.review, analysis.coverage
    by_indicator = {r.indicator: r for r in analysis.progress if r.headline}
    w.heading(_("The goals at a glance"), 2, new_page=True)  # a page of its own, as the table needs
    intro = w.paragraph(
        _(
            "Each goal with the targets the review's actions reach, the targets backed by indicators with data, "
            "and its indicators' status by the {method} method: a shape for the status, an arrow for the trend, "
            "and the method's words."
        ).format(method=_(METHOD_NAMES[analysis.method]))
    )
    keep_with_next(intro)
    rows, pictures = [], {}
    for i, g in enumerate(cov.goals):
        results = [by_indicator[x] for x in g.indicators if x in by_indicator]
        with_data = [r for r in results if review.data_by_indicator.get(r.indicator)]
        if not g.covered:
            status = [(_("Not covered by this review"), "#595959")]
        elif not results:
            status = [(_("No indicator"), None)]
        elif not with_data:
            n = len(results)
            status = [
                (n_("No data yet for its {n} indicator", "No data yet for its {n} indicators", n).format(n=n), None)
            ]
        else:
            status = status_lines(results)
        rows.append(
            [
                "",
                f"{g.goal} {goal_name(g.goal, g.short_name)}" + (" " + _("(HLPF in depth)") if g.hlpf else ""),
                _("{n} of {all}").format(n=len(g.targets_with_actions), all=g.targets_total) if g.covered else "\u2013",
                _("{n} of {all}").format(n=len(g.targets_with_evidence), all=g.targets_total)
                if g.covered
                else "\u2013",
                status,
            ]
        )
        pictures[(i, 0)] = (tile_png(g, icons, 120), tile_alt(g), TILE_CM)
    w.table(
        _("The 17 goals: coverage and indicator status ({method}).").format(method=_(METHOD_NAMES[analysis.method])),
        [_("Tile"), _("Goal"), _("Targets with actions"), _("Targets with evidence"), _("Indicators by status")],
        rows,
        [1.2, 4.4, 2.0, 2.0, 6.4],
        small=True,
        pictures=pictures,
        keep_together=False,  # on one page where it fits (the English), else on with its heading row repeated
    )
    w.paragraph(_("Symbols: {symbols}.").format(symbols="; ".join(legend())), italic=True)
