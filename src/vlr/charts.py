"""Charts for the draft, as PNG bytes with the alt text that says what they show.

One line chart per indicator (its headline series in the goal's colour, the breakdowns
a reader can tell apart, baseline and target marked), drawn by :mod:`vlr.linechart`
with Pillow; and the goal × theme coverage heatmap, drawn with matplotlib (Agg). Output
is deterministic: the same data gives the same bytes (no timestamps or software tags in
the PNG). Nothing is written to disk.
"""

from __future__ import annotations

import io
import itertools
import os
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from vlr.colours import readable, text_on
from vlr.coverage import Coverage
from vlr.formatting import number
from vlr.model import DataPoint, Indicator, Review
from vlr.progress import Progress
from vlr.values import quote
from vlr.series import SeriesKey, annual, chart_keys, headline_key, series_of

#: Indicator charts are drawn for half the text width: two to a row.
WIDTH_IN, HEIGHT_IN, DPI = 3.0, 2.25, 150
#: The coverage heatmap takes the text's whole width.
HEATMAP_WIDTH_IN, HEATMAP_DPI = 6.3, 120
MUTED = "#595959"


@dataclass(frozen=True)
class Chart:
    png: bytes
    alt_text: str
    width_in: float
    height_in: float
    #: Series drawn, and series of the indicator left out (they are in the annex).
    shown: int = 1
    hidden: int = 0


def _figure(width: float, height: float, dpi: int = DPI):
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=dpi)
    FigureCanvasAgg(fig)
    return fig


def _png(fig) -> bytes:
    """Draw once and encode with Pillow: no timestamp or software tag, so the bytes
    depend on the picture alone."""
    from PIL import Image

    fig.canvas.draw()
    width, height = fig.canvas.get_width_height()
    image = Image.frombuffer("RGBA", (width, height), fig.canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


_RC = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": "#262626",
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "svg.hashsalt": "vlr",
}


#: Lines of the breakdown series: distinct in hue and in dash, so that they can be told
#: apart without colour; all at least 3:1 against white.
SERIES_STYLES = [("#1F5C99", "--"), ("#B5501C", "-."), ("#5B6B2E", ":"), ("#7A3E8E", "-.."),
                 ("#3D3D3D", "long"), ("#00697A", "--")]  # fmt: skip


def indicator_chart(indicator: Indicator, points: list[DataPoint], progress: Progress | None, colour: str,
                    language: str = "en", city: str | None = None) -> Chart:  # fmt: skip
    """The headline series of ``indicator`` in the goal's colour, with the breakdowns a
    reader can tell apart (:func:`vlr.series.chart_keys`: one unit, at most four lines),
    baseline and target marked. Sub-annual data shows the latest value of each year.
    Drawn by :mod:`vlr.linechart`."""
    from vlr import linechart

    series = series_of(indicator, points)
    head = headline_key(indicator, series)
    keys = chart_keys(series, head)
    drawn = {k: annual(series[k]) for k in keys}
    unit = keys[0].unit if keys else indicator.unit
    line_colour = readable(colour, ratio=3.0)
    lines = []
    styles = itertools.cycle(SERIES_STYLES)
    for key, pts in drawn.items():
        name = ("Total" if key.label is None else key.label) if len(drawn) > 1 else "Observed"
        if key == head:
            lines.append(linechart.Line([(p.x, p.value) for p in pts], line_colour, quote(name, 40), 2.0, "-", "circle"))
        else:
            hue, dash = next(styles)
            lines.append(linechart.Line([(p.x, p.value) for p in pts], hue, quote(name, 40), 1.3, dash, "dot"))
    spec = linechart.ChartSpec(WIDTH_IN, HEIGHT_IN, DPI, lines, y_label=quote(unit or "", 30),
                               y_format=lambda v: number(v, language))  # fmt: skip
    xs = [p.x for pts in drawn.values() for p in pts]
    on_head = progress is not None and progress.headline and head is not None and progress.unit == unit
    if on_head and progress.base_year is not None and progress.base_value is not None:
        base = next((p for p in drawn[head] if p.label == progress.base_period), None)
        spec.marks.append(linechart.Mark(base.x if base else float(progress.base_year), progress.base_value, "square",
                                         f"Baseline {progress.base_period}"))  # fmt: skip
    if indicator.target_value is not None and head is not None and unit == head.unit:
        target_year = indicator.target_year or (progress.target_year if progress else None) or 2030
        spec.hline = indicator.target_value
        spec.marks.append(linechart.Mark(float(target_year), indicator.target_value, "star", f"Target {target_year}"))
        if drawn.get(head):
            last = drawn[head][-1]
            spec.guide = ((last.x, last.value), (float(target_year), indicator.target_value))
            spec.guide_colour = line_colour
        xs.append(float(target_year))
    if xs:
        spec.x_limits = x_limits(xs)
    labelled = sorted({(p.x, p.label) for pts in drawn.values() for p in pts})
    if labelled and any(label != str(int(x)) for x, label in labelled):
        step = -(-len(labelled) // 7)  # periods: ticks at the periods, labelled as written
        spec.x_ticks = labelled[::step]
    png = linechart.draw(spec)
    hidden = len(series) - len(keys)
    alt = _indicator_alt_text(indicator, drawn, head, unit, progress if on_head else None, language, city, hidden)
    return Chart(png, alt, WIDTH_IN, HEIGHT_IN, shown=len(keys), hidden=hidden)


def x_limits(xs: list[float]) -> tuple[float, float]:
    """The time axis: the points shown (and the target), with a little room; two years
    either side of a single point rather than matplotlib's default decades."""
    low, high = min(xs), max(xs)
    if high - low < 1:
        return low - 2, high + 2
    pad = max(0.5, (high - low) * 0.04)
    return low - pad, high + pad


def _indicator_alt_text(indicator: Indicator, drawn: dict[SeriesKey, list[DataPoint]], head: SeriesKey | None,
                        unit: str | None, progress: Progress | None, language: str, city: str | None,
                        hidden: int) -> str:  # fmt: skip
    unit_text = f" {unit}" if unit else ""
    where = f" in {city}" if city else ""
    text = f"Line chart of {indicator.name}{where}"
    main = drawn.get(head) if head is not None else None
    if main:
        first, last = main[0], main[-1]
        text += (f", {first.label}\u2013{last.label}: from {number(first.value, language)}{unit_text} in {first.label} "
                 f"to {number(last.value, language)}{unit_text} in {last.label}")  # fmt: skip
        low = min(main, key=lambda p: p.value)
        high = max(main, key=lambda p: p.value)
        if low not in (first, last) or high not in (first, last):
            text += f" (lowest {number(low.value, language)} in {low.label}, highest {number(high.value, language)} in {high.label})"
    elif drawn:
        text += ", no total published"
    others = [(k, pts) for k, pts in drawn.items() if k != head and pts]
    if others:
        parts = [f"{k.label}: {number(pts[-1].value, language)} in {pts[-1].label}" for k, pts in others]
        text += f"; breakdowns {'; '.join(parts)}"
    if hidden:
        text += f"; {hidden} more series in the statistical annex and the data workbook"
    if indicator.target_value is not None and head is not None and head.unit == unit:
        text += f"; target {number(indicator.target_value, language)}{unit_text} by {indicator.target_year or 2030}"
    if progress:
        text += f". Status: {progress.label} ({progress.method} method)"
    return text + "."


def heatmap_chart(cov: Coverage) -> Chart:
    """Actions per goal and theme: a grid of numbers, shaded by count."""
    import matplotlib

    goals = cov.goals
    themes = cov.themes or ["(no theme)"]
    counts = [[cov.matrix[g.goal].get(t, 0) for t in themes] for g in goals]
    top = max((max(row) for row in counts), default=0) or 1
    height = 0.22 * len(goals) + 0.9
    with matplotlib.rc_context(_RC):
        fig = _figure(HEATMAP_WIDTH_IN, height, HEATMAP_DPI)
        ax = fig.add_subplot(1, 1, 1)
        from matplotlib.colors import LinearSegmentedColormap

        cmap = LinearSegmentedColormap.from_list("vlr", ["#FFFFFF", "#1F5C99"])
        ax.imshow(counts, cmap=cmap, vmin=0, vmax=top, aspect="auto")
        for i, row in enumerate(counts):
            for j, n in enumerate(row):
                if not n:
                    continue  # an empty cell: no action
                fill = cmap(n / top)
                hex_fill = "#{:02X}{:02X}{:02X}".format(*(int(c * 255) for c in fill[:3]))
                ax.text(j, i, str(n), ha="center", va="center", fontsize=7, color=text_on(hex_fill))
        ax.set_xticks([x - 0.5 for x in range(1, len(themes))], minor=True)
        ax.set_yticks([y - 0.5 for y in range(1, len(goals))], minor=True)
        ax.grid(which="minor", color="#E0E0E0", linewidth=0.5)
        ax.tick_params(which="minor", length=0)
        ax.set_xticks(range(len(themes)), labels=themes)
        ax.xaxis.tick_top()
        ax.set_yticks(range(len(goals)), labels=[f"{g.goal} {g.short_name}" for g in goals])
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        fig.subplots_adjust(left=0.43, right=0.99, top=1 - 0.35 / height, bottom=0.1 / height)
        png = _png(fig)
    busiest = sorted(((sum(row), g) for row, g in zip(counts, goals)), key=lambda x: (-x[0], x[1].goal))[:3]
    empty = [str(g.goal) for row, g in zip(counts, goals) if not sum(row)]
    alt = (f"Heatmap of the number of actions per SDG goal (rows) and theme ({', '.join(themes)}; columns). "
           f"Most actions: {'; '.join(f'goal {g.goal} {g.short_name} ({n})' for n, g in busiest if n)}. "
           f"No actions: goals {', '.join(empty) or 'none'}.")  # fmt: skip
    return Chart(png, alt, HEATMAP_WIDTH_IN, height)


@contextmanager
def chart_workers() -> Iterator[object | None]:
    """Worker processes for charts, one per core, started at once: each loads
    matplotlib and its fonts while the caller reads the review. ``None`` on a single
    core or where processes cannot be forked (charts are then drawn in-process)."""
    workers = min(os.cpu_count() or 1, 4)
    if workers < 2 or not hasattr(os, "fork"):
        yield None
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    try:
        for _ in range(workers):
            pool.submit(_warm_up)
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _warm_up() -> None:
    import matplotlib

    with matplotlib.rc_context(_RC):
        fig = _figure(1, 1)
        fig.text(0.5, 0.5, "2030 \u2013 0,5 %")
        fig.canvas.draw()


class ChartSource(Mapping):
    """Every chart a review's draft needs, by indicator ID. With ``pool`` (from
    :func:`chart_workers`) they are all handed to the workers at once, in the order the
    document places them, so the document can be laid out meanwhile; otherwise each
    is drawn when asked for. Looking a chart up waits for it if it is not ready;
    ``waited`` adds up those waits."""

    def __init__(self, review: Review, cov: Coverage, progress: list[Progress], pool=None,
                 say: Callable[[str], None] | None = None):  # fmt: skip
        data = review.data_by_indicator
        headline = {r.indicator: r for r in progress if r.headline}
        language = review.info.language or "en"
        self._jobs = {}
        # in the order the document places them: goal by goal, then any left
        order = [review.indicators_by_id[i] for g in cov.goals for i in g.indicators]
        for ind in [*order, *review.indicators_by_id.values()]:
            if ind.id in self._jobs or not data.get(ind.id):
                continue
            goals = headline[ind.id].goals if ind.id in headline else []
            colour = cov.goal(goals[0]).colour if goals else "#19486A"
            self._jobs[ind.id] = (ind, data[ind.id], headline.get(ind.id), colour, language, review.info.city)
        self._cov = cov
        self._futures: dict = {}
        self._heatmap = None
        self._say = say
        self._served = 0
        self.waited = 0.0
        if say:
            say(f"Drawing {len(self._jobs) + 1} charts \u2026")
        if pool is not None:
            self._heatmap = pool.submit(heatmap_chart, cov)  # needed first, in the highlights
            for key, job in self._jobs.items():
                self._futures[key] = pool.submit(indicator_chart, *job)

    def __getitem__(self, key: str) -> Chart:
        start = time.perf_counter()
        self._served += 1
        step = max(10, len(self._jobs) // 10)
        if self._say and self._served % step == 0 and self._served < len(self._jobs):
            self._say(f"  {self._served} charts placed \u2026")
        try:
            if key in self._futures:
                return self._futures[key].result()
            return indicator_chart(*self._jobs[key])
        finally:
            self.waited += time.perf_counter() - start

    def __iter__(self) -> Iterator[str]:
        return iter(self._jobs)

    def __len__(self) -> int:
        return len(self._jobs)

    def heatmap(self) -> Chart:
        start = time.perf_counter()
        try:
            return self._heatmap.result() if self._heatmap is not None else heatmap_chart(self._cov)
        finally:
            self.waited += time.perf_counter() - start
