"""Charts for the draft, drawn with matplotlib (Agg) into PNG bytes.

One line chart per indicator (its headline series in the goal's colour, baseline and
target marked) and the goal × theme coverage heatmap. Each chart comes with the alt text
that says what it shows. Output is deterministic: the same data gives the same bytes
(no timestamps or software tags in the PNG). Nothing is written to disk.
"""

from __future__ import annotations

import io
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

WIDTH_IN, HEIGHT_IN, DPI = 6.3, 2.5, 120
MUTED = "#595959"


@dataclass(frozen=True)
class Chart:
    png: bytes
    alt_text: str
    width_in: float
    height_in: float


def _figure(width: float, height: float):
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=DPI)
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


def indicator_chart(indicator: Indicator, points: list[DataPoint], progress: Progress | None, colour: str,
                    language: str = "en", city: str | None = None) -> Chart:  # fmt: skip
    """The headline series of ``indicator``, with baseline and target marked.

    A new figure every time: matplotlib artists keep state from one drawing to the
    next (a reused figure gives slightly different pixels), and the draft must be the
    same bytes for the same data."""
    import matplotlib
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    line_colour = readable(colour, ratio=3.0)
    headline = sorted((p.year, p.value) for p in points if p.series is None)
    years = [y for y, _ in headline]
    values = [v for _, v in headline]
    with matplotlib.rc_context(_RC):
        fig = _figure(WIDTH_IN, HEIGHT_IN)
        ax = fig.add_subplot(1, 1, 1)
        ax.plot(years, values, color=line_colour, linewidth=2, marker="o", markersize=3.5, label="Observed",
                zorder=3)  # fmt: skip
        base_year = progress.base_year if progress else indicator.baseline_year
        base_value = progress.base_value if progress else indicator.baseline_value
        if base_year is not None and base_value is not None:
            ax.plot([base_year], [base_value], marker="s", markersize=7, markerfacecolor="white",
                    markeredgecolor="#262626", linestyle="none", label=f"Baseline {base_year}", zorder=4)  # fmt: skip
        if indicator.target_value is not None:
            target_year = indicator.target_year or (progress.target_year if progress else None) or 2030
            ax.axhline(indicator.target_value, color=MUTED, linewidth=1, linestyle="--", zorder=1)
            ax.plot([target_year], [indicator.target_value], marker="*", markersize=11, color="#262626",
                    linestyle="none", label=f"Target {target_year}", zorder=4)  # fmt: skip
            if years:
                ax.plot([years[-1], target_year], [values[-1], indicator.target_value], color=line_colour,
                        linewidth=1, linestyle=":", zorder=2)  # fmt: skip
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v, language)))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))
        ax.set_ylabel(indicator.unit or "")
        ax.grid(axis="y", color="#E0E0E0", linewidth=0.6)
        fig.legend(loc="upper center", ncols=3, frameon=False, fontsize=7)
        fig.subplots_adjust(left=0.1, right=0.98, top=0.86, bottom=0.12)
        png = _png(fig)
    return Chart(png, _indicator_alt_text(indicator, headline, progress, language, city), WIDTH_IN, HEIGHT_IN)


def _indicator_alt_text(indicator: Indicator, headline: list[tuple[int, float]], progress: Progress | None,
                        language: str, city: str | None) -> str:  # fmt: skip
    unit = f" {indicator.unit}" if indicator.unit else ""
    where = f" in {city}" if city else ""
    text = f"Line chart of {indicator.name}{where}"
    if headline:
        (y0, v0), (y1, v1) = headline[0], headline[-1]
        text += f", {y0}\u2013{y1}: from {number(v0, language)}{unit} in {y0} to {number(v1, language)}{unit} in {y1}"
        low = min(headline, key=lambda p: p[1])
        high = max(headline, key=lambda p: p[1])
        if low not in (headline[0], headline[-1]) or high not in (headline[0], headline[-1]):
            text += f" (lowest {number(low[1], language)} in {low[0]}, highest {number(high[1], language)} in {high[0]})"
    if indicator.target_value is not None:
        text += f"; target {number(indicator.target_value, language)}{unit} by {indicator.target_year or 2030}"
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
        fig = _figure(WIDTH_IN, height)
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
    return Chart(png, alt, WIDTH_IN, height)


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
        headline = {r.indicator: r for r in progress if r.series is None}
        language = review.info.language or "en"
        self._jobs = {}
        # in the order the document places them: goal by goal, then any left
        order = [review.indicators_by_id[i] for g in cov.goals for i in g.indicators]
        for ind in [*order, *review.indicators_by_id.values()]:
            if ind.id in self._jobs or not any(p.series is None for p in data.get(ind.id, [])):
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
