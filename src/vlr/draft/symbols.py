"""The dashboard's symbols: a status as a coloured shape, an arrow for its trend and the
method's own words, never colour alone (after the SDSN dashboards).

Each status has a shape of its own (so the symbols differ without colour) in a colour
that reads at 4.5:1 on white; the arrow follows the trend: ↑ on track or achieved and
improving, ↗ improving too slowly, → stable, ↓ worsening; without a desired direction,
↗ rising and ↘ falling.
"""

from __future__ import annotations

from dataclasses import dataclass

from vlr.analysis.progress import Progress, Status
from vlr.formatting import N_, _

#: Colours that read at 4.5:1 on white and on the tables' header shading (D9E2F3).
GREEN, AMBER, ORANGE, RED, GREY, BLUE = "#197236", "#795F00", "#A84200", "#BA2525", "#595959", "#0A678F"


@dataclass(frozen=True)
class Symbol:
    shape: str
    colour: str
    #: What the shape stands for, in the legend.
    meaning: str


SYMBOLS: dict[Status, Symbol] = {
    Status.ACHIEVED: Symbol("\u2605", GREEN, N_("target achieved")),
    Status.ON_TRACK: Symbol("\u25cf", GREEN, N_("on track, or good or substantial progress")),
    Status.ACCELERATION_NEEDED: Symbol(
        "\u25d0", AMBER, N_("progress, but acceleration needed (fair or moderate progress)")
    ),
    Status.LIMITED: Symbol("\u25d4", ORANGE, N_("limited progress")),
    Status.REGRESSION: Symbol("\u25bc", RED, N_("stagnation, regression or deterioration")),
    Status.TARGET_MISSED: Symbol("\u2715", RED, N_("target missed: the target year has passed without the target")),
    Status.TREND_ONLY: Symbol("\u25c7", BLUE, N_("trend only: no desired direction is set")),
    Status.INSUFFICIENT_DATA: Symbol("\u25cb", GREY, N_("no status: too little data, or none that can be assessed")),
    Status.NOT_COMPUTABLE: Symbol("\u25cb", GREY, N_("no status: too little data, or none that can be assessed")),
}

ARROWS = {
    "up": "\u2191",
    "improving": "\u2197",
    "stable": "\u2192",
    "worsening": "\u2193",
    "rising": "\u2197",
    "falling": "\u2198",
}
ARROW_WORDS = {
    "\u2191": N_("on track and improving"),
    "\u2197": N_("improving (or rising, where no direction is set)"),
    "\u2192": N_("stable"),
    "\u2193": N_("worsening"),
    "\u2198": N_("falling (no direction set)"),
}


def arrow(result: Progress) -> str:
    """The trend arrow of ``result``; empty where there is no trend."""
    if result.trend is None:
        return ""
    if result.trend == "improving" and result.status in (Status.ON_TRACK, Status.ACHIEVED):
        return ARROWS["up"]
    return ARROWS.get(result.trend, "")


def symbol(status: Status) -> Symbol:
    return SYMBOLS[status]


def mark(result: Progress) -> list[tuple[str, str | None]]:
    """``result`` as runs of (text, colour): the shape in its colour, then the arrow and
    the method's word for the status."""
    sym = symbol(result.status)
    rest = " ".join(x for x in (arrow(result), _(result.label)) if x)
    return [(sym.shape, sym.colour), ("\u00a0" + rest, None)]


def legend() -> list[str]:
    """One line per shape and arrow, for the text under the dashboard."""
    seen: dict[str, str] = {}
    for sym in SYMBOLS.values():
        seen.setdefault(sym.shape, sym.meaning)
    shapes = [f"{shape} {_(meaning)}" for shape, meaning in seen.items()]
    arrows = [f"{a} {_(words)}" for a, words in ARROW_WORDS.items()]
    return shapes + arrows
