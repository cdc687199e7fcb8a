"""Charts for the draft, as PNG bytes with the alt text that says what they show.

One line chart per indicator (its headline series in the goal's colour, the breakdowns
a reader can tell apart, baseline and target marked), drawn by :mod:`vlr.charts.line`
with Pillow; and the goal × theme coverage heatmap, drawn by :mod:`vlr.charts.grid`. Output
is deterministic: the same data gives the same bytes (no timestamps or software tags in
the PNG). Nothing is written to disk but vlr's cache, where a chart drawn once is kept
for the next build from the same data.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from vlr.analysis.coverage import Coverage
from vlr.analysis.gaps import SIGNED_UNIT
from vlr.analysis.progress import METHOD_NAMES, Progress
from vlr.charts.colours import readable
from vlr.formatting import _, n_, number, speaking_now
from vlr.framework.goal_names import goal_name
from vlr.model.review import DataPoint, Indicator, Review
from vlr.model.series import SeriesKey, annual, chart_keys, headline_key, series_of
from vlr.output import cache_folder, cache_get, cache_put, cores
from vlr.values import quote

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


#: Lines of the breakdown series: distinct in hue and in dash, so that they can be told
#: apart without colour; all at least 3:1 against white.
SERIES_STYLES = [
    ("#1F5C99", "--"),
    ("#B5501C", "-."),
    ("#5B6B2E", ":"),
    ("#7A3E8E", "-.."),
    ("#3D3D3D", "long"),
    ("#00697A", "--"),
]


def indicator_chart(
    indicator: Indicator,
    points: list[DataPoint],
    progress: Progress | None,
    colour: str,
    language: str = "en",
    city: str | None = None,
) -> Chart:
    """The headline series of ``indicator`` in the goal's colour, with the breakdowns a
    reader can tell apart (:func:`vlr.model.series.chart_keys`: one unit, at most four lines),
    baseline and target marked. Sub-annual data shows the latest value of each year.
    Drawn by :mod:`vlr.charts.line`."""
    from vlr.charts import line as linechart

    series = series_of(indicator, points)
    head = headline_key(indicator, series)
    keys = chart_keys(series, head)
    drawn = {k: annual(series[k]) for k in keys}
    unit = keys[0].unit if keys else indicator.unit
    line_colour = readable(colour, ratio=3.0)
    lines = []
    styles = itertools.cycle(SERIES_STYLES)
    names = distinct_labels([key.name() if len(drawn) > 1 else _("Observed") for key in drawn], 40)
    for (key, pts), name in zip(drawn.items(), names):
        breaks = frozenset(p.x for p in pts if is_break(p))
        if key == head:
            lines.append(
                linechart.Line([(p.x, p.value) for p in pts], line_colour, name, 2.0, "-", "circle", breaks=breaks)
            )
        else:
            hue, dash = next(styles)
            lines.append(linechart.Line([(p.x, p.value) for p in pts], hue, name, 1.3, dash, "dot", breaks=breaks))
    spec = linechart.ChartSpec(
        WIDTH_IN, HEIGHT_IN, DPI, lines, y_label=quote(unit or "", 30), y_format=lambda v: number(v, language)
    )
    values = [p.value for pts in drawn.values() for p in pts]
    spec.from_zero = bool(values) and min(values) >= 0 and not _signed(unit)
    spec.share = _is_share(unit) and bool(values) and max(values) <= 100
    xs = [p.x for pts in drawn.values() for p in pts]
    on_head = progress is not None and progress.headline and head is not None and progress.unit == unit
    if on_head and progress.base_year is not None and progress.base_value is not None:
        base = next((p for p in drawn[head] if p.label == progress.base_period), None)
        spec.marks.append(
            linechart.Mark(
                base.x if base else float(progress.base_year),
                progress.base_value,
                "square",
                _("Baseline {period}").format(period=progress.base_period),
            )
        )
    if indicator.target_value is not None and head is not None and unit == head.unit:
        target_year = indicator.target_year or (progress.target_year if progress else None) or 2030
        spec.hline = indicator.target_value
        target_mark = _("Target {year}").format(year=target_year)
        spec.marks.append(linechart.Mark(float(target_year), indicator.target_value, "star", target_mark))
        ceiling = 100.0 if _is_share(unit) else None
        projected = projection(progress, drawn.get(head) or [], float(target_year), ceiling) if on_head else None
        if projected:
            first, last = progress.base_period, progress.latest_period
            pace = _("Projected at the {first}\u2013{last} pace").format(first=first, last=last)
            lines.append(linechart.Line(projected, MUTED, pace, 1.0, ":", None))
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


def projection(
    progress: Progress, points: list[DataPoint], target_year: float, ceiling: float | None = None
) -> list[tuple[float, float]]:
    """Where the status projected the latest value (the UNSD method: at the base-to-latest
    growth rate, to the target year), as points a year apart; none where it projected nothing
    (a target reached or missed, a status without a projection, the Eurostat method). A
    share's projection stops where it reaches ``ceiling`` (100 %), which no share passes."""
    if progress.projected_value is None or progress.cagr is None or not points or not math.isfinite(progress.cagr):
        return []
    last = points[-1]
    start = float(progress.latest_year if progress.latest_year is not None else last.x)
    if target_year <= start:
        return []
    years = [start + n for n in range(1, int(target_year - start) + 1)]
    if not years or years[-1] < target_year:
        years.append(target_year)
    line = [(last.x, last.value)]
    for year in years:
        value = last.value * (1 + progress.cagr) ** (year - start)
        if ceiling is not None and value > ceiling and last.value > 0 and progress.cagr > 0:
            reached = start + math.log(ceiling / last.value) / math.log(1 + progress.cagr)
            if reached > line[-1][0]:
                line.append((reached, ceiling))
            break
        line.append((year, value))
    return line


#: A value's note that says the series breaks before it: a new method or definition (SDMX's
#: observation status B, "time series break").
_BREAK = re.compile(
    r"\bbreak in (?:the )?series\b|\bseries break\b|\btime series break\b|observation status: (?:b|break)\b"
    r"|\bnot comparable with (?:earlier|previous)|\bnew (?:method|definition|methodology)\b",
    re.IGNORECASE,
)


def is_break(point: DataPoint) -> bool:
    """Whether ``point``'s note says its series breaks before it: the chart does not join it to the
    value before."""
    return bool(point.note and _BREAK.search(point.note))


def distinct_labels(names: list[str], most: int) -> list[str]:
    """``names`` shortened to ``most`` characters so that they stay apart: the part they share
    is shortened, never the part that tells them apart (``…: Women``, ``…: Men``)."""
    if all(len(n) <= most for n in names) or len(set(names)) < 2:
        return [quote(n, most) for n in names]
    common = os.path.commonprefix(names)
    cut = common.rfind(" ") + 1 if " " in common else len(common)
    if cut > 8:
        names = ["\u2026" + n[cut:] for n in names]
    return [quote(n, most) for n in names]


def _signed(unit: str | None) -> bool:
    """Whether the unit is of a quantity that can be below zero (a change, a balance, a temperature)."""
    return bool(unit and SIGNED_UNIT.search(unit))


def _is_share(unit: str | None) -> bool:
    return bool(unit) and unit.strip().startswith("%") and not _signed(unit)


def x_limits(xs: list[float]) -> tuple[float, float]:
    """The time axis: the points shown (and the target), with a little room; two years
    either side of a single point rather than matplotlib's default decades."""
    low, high = min(xs), max(xs)
    if high - low < 1:
        return low - 2, high + 2
    pad = max(0.5, (high - low) * 0.04)
    return low - pad, high + pad


def _indicator_alt_text(
    indicator: Indicator,
    drawn: dict[SeriesKey, list[DataPoint]],
    head: SeriesKey | None,
    unit: str | None,
    progress: Progress | None,
    language: str,
    city: str | None,
    hidden: int,
) -> str:
    unit_text = f" {unit}" if unit else ""
    text = (_("Line chart of {name} in {city}") if city else _("Line chart of {name}")).format(
        name=indicator.name, city=city
    )

    def at(p: DataPoint, with_unit: bool = True) -> str:
        return _("{value} in {period}").format(
            value=number(p.value, language) + (unit_text if with_unit else ""), period=p.label
        )

    main = drawn.get(head) if head is not None else None
    if main:
        first, last = main[0], main[-1]
        text += _(", {first}\u2013{last}: from {start} to {end}").format(
            first=first.label, last=last.label, start=at(first), end=at(last)
        )
        low = min(main, key=lambda p: p.value)
        high = max(main, key=lambda p: p.value)
        if low not in (first, last) or high not in (first, last):
            text += _(" (lowest {low}, highest {high})").format(low=at(low, False), high=at(high, False))
    elif drawn:
        text += _(", no total published")
    others = [(k, pts) for k, pts in drawn.items() if k != head and pts]
    if others:
        parts = [f"{k.name()}: {at(pts[-1], False)}" for k, pts in others]
        text += _("; breakdowns {parts}").format(parts="; ".join(parts))
    if hidden:
        text += n_(
            "; {n} more series in the statistical annex and the data workbook",
            "; {n} more series in the statistical annex and the data workbook",
            hidden,
        ).format(n=hidden)
    if indicator.target_value is not None and head is not None and head.unit == unit:
        text += _("; target {value} by {year}").format(
            value=number(indicator.target_value, language) + unit_text, year=indicator.target_year or 2030
        )
    if progress:
        text += _(". Status: {label} ({method} method)").format(
            label=_(progress.label), method=_(METHOD_NAMES[progress.method])
        )
    return text + "."


def heatmap_key(cov: Coverage) -> str:
    """What the heatmap of ``cov`` is drawn from, as the key of vlr's cache."""
    from vlr.charts.line import drawing_libraries

    themes = cov.themes or [_("(no theme)")]
    counts = [[cov.matrix[g.goal].get(t, 0) for t in themes] for g in cov.goals]
    return repr(([(g.goal, g.short_name) for g in cov.goals], themes, counts, drawing_libraries(), speaking_now()))


def indicator_key(job: tuple) -> str:
    """What an indicator's chart is drawn from (the arguments of :func:`indicator_chart`:
    the indicator, its points without the cells they were read from, its headline
    progress, colour, language and city), as the key of vlr's cache; with Babel's version,
    which writes its numbers in the review's language."""
    import babel

    from vlr.charts.line import drawing_libraries

    indicator, points, progress, *rest = job
    dumped = [p.model_dump() for p in points]
    libraries = (drawing_libraries(), babel.__version__)
    words = speaking_now()  # the legend's and the description's language
    return repr((indicator.model_dump(), dumped, progress and progress.model_dump(), *rest, libraries, words))


def _stored(chart: Chart) -> bytes:
    """A chart as kept in vlr's cache: its description as a line of JSON, then the PNG."""
    about = [chart.alt_text, chart.width_in, chart.height_in, chart.shown, chart.hidden]
    return json.dumps(about).encode() + b"\n" + chart.png


def _restored(data: bytes) -> Chart:
    about, _, png = data.partition(b"\n")
    alt, width, height, shown, hidden = json.loads(about)
    return Chart(png, alt, width, height, shown, hidden)


def heatmap_chart(cov: Coverage) -> Chart:
    """Actions per goal and theme: a grid of numbers, shaded by count (:mod:`vlr.charts.grid`)."""
    from vlr.charts import grid as gridchart

    goals = cov.goals
    themes = cov.themes or [_("(no theme)")]
    counts = [[cov.matrix[g.goal].get(t, 0) for t in themes] for g in goals]
    spec = gridchart.GridSpec(
        HEATMAP_WIDTH_IN, HEATMAP_DPI, [f"{g.goal} {goal_name(g.goal, g.short_name)}" for g in goals], themes, counts
    )
    png = gridchart.draw(spec)
    height = gridchart.height_in(spec)
    busiest = sorted(((sum(row), g) for row, g in zip(counts, goals)), key=lambda x: (-x[0], x[1].goal))[:3]
    empty = [str(g.goal) for row, g in zip(counts, goals) if not sum(row)]
    most = "; ".join(
        _("goal {number} {name} ({n})").format(number=g.goal, name=goal_name(g.goal, g.short_name), n=n)
        for n, g in busiest
        if n
    )
    alt = _(
        "Heatmap of the number of actions per SDG goal (rows) and theme ({themes}; columns). Most actions: {most}. "
        "No actions: goals {empty}."
    ).format(themes=", ".join(themes), most=most, empty=", ".join(empty) or _("none"))
    return Chart(png, alt, HEATMAP_WIDTH_IN, height)


#: Up to this many data points, the charts' keys in vlr's cache are worked out by the
#: process that lays the draft out (a millisecond per 200 points), and no worker is forked
#: when every chart is there; past it, the workers work them out.
KEYS_HERE = 20_000

#: What each chart shows, by indicator ID (and the coverage, for the heatmap): set before
#: the workers are forked, so they inherit it instead of receiving it pickled.
_JOBS: dict = {}


def _draw(key: str, cache_key: str | None = None) -> Chart:
    """Chart ``key`` of :data:`_JOBS`, in a worker."""
    return _chart(key, _JOBS[key], cache_key)


def _chart(key: str, job, cache_key: str | None = None) -> Chart:
    """The chart of ``job`` (the heatmap's coverage, or an indicator's arguments), drawn
    and kept in vlr's cache under ``cache_key``. Without a key, the key is worked out
    here (in a worker, for a large review) and the chart taken from the cache when it was
    drawn before from the same data."""
    if cache_key is None and cache_folder() is not None:
        cache_key = heatmap_key(job) if key == "heatmap" else indicator_key(job)
        data = cache_get("chart", cache_key)
        if data is not None:
            return _restored(data)
    chart = heatmap_chart(job) if key == "heatmap" else indicator_chart(*job)
    if cache_key is not None:
        cache_put("chart", cache_key, _stored(chart))
    return chart


def _workers(count: int):
    """A pool of ``count`` forked processes, or None on one core or where processes
    cannot be forked (charts are then drawn in-process)."""
    if count < 2 or not hasattr(os, "fork"):
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        return ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("fork"))
    except OSError:
        return None


class ChartSource(Mapping):
    """Every chart a review's draft needs, by indicator ID. A chart drawn before from the
    same data is taken from vlr's cache (:func:`_chart`); with ``parallel`` the others
    are all handed at once to worker processes forked from this one (so they
    share the review without copying it), in the order the document places them, and
    the document is laid out meanwhile; otherwise each is drawn when asked for. Looking
    a chart up waits for it if it is not ready; ``waited`` adds up those waits. Use it
    as a context manager: leaving it stops the workers."""

    def __init__(
        self,
        review: Review,
        cov: Coverage,
        progress: list[Progress],
        parallel: bool = True,
        say: Callable[[str], None] | None = None,
    ):
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
            n = len(self._jobs) + 1
            say(n_("Drawing {n} chart \u2026", "Drawing {n} charts \u2026", n).format(n=n))
        _JOBS.clear()
        _JOBS.update(self._jobs, heatmap=cov)
        self._keys = self._cache_keys()
        self._kept = self._from_cache()
        missing = [key for key in ("heatmap", *self._jobs) if key not in self._kept]
        self._pool = _workers(min(cores(), 4)) if parallel and missing else None
        if self._pool is not None:  # the heatmap first: it is needed first, in the highlights
            for key in missing:
                self._futures[key] = self._pool.submit(_draw, key, self._keys.get(key))
            self._heatmap = self._futures.pop("heatmap", None)

    def _cache_keys(self) -> dict[str, str]:
        """Each chart's key in vlr's cache, worked out here for a review of up to
        :data:`KEYS_HERE` points; none without a cache, or for a larger review (each
        chart's worker works its own out)."""
        if cache_folder() is None or sum(len(job[1]) for job in self._jobs.values()) > KEYS_HERE:
            return {}
        return {"heatmap": heatmap_key(self._cov), **{key: indicator_key(job) for key, job in self._jobs.items()}}

    def _from_cache(self) -> dict[str, Chart]:
        """The charts drawn before from the same data."""
        kept = {}
        for key, cache_key in self._keys.items():
            data = cache_get("chart", cache_key)
            if data is not None:
                kept[key] = _restored(data)
        return kept

    def __enter__(self) -> ChartSource:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        _JOBS.clear()

    def __getitem__(self, key: str) -> Chart:
        start = time.perf_counter()
        self._served += 1
        step = max(10, len(self._jobs) // 10)
        if self._say and self._served % step == 0 and self._served < len(self._jobs):
            placed = n_("{n} chart placed \u2026", "{n} charts placed \u2026", self._served)
            self._say("  " + placed.format(n=self._served))
        try:
            if key in self._kept:
                return self._kept[key]
            if key in self._futures:
                return self._futures[key].result()
            return _chart(key, self._jobs[key], self._keys.get(key))
        finally:
            self.waited += time.perf_counter() - start

    def __iter__(self) -> Iterator[str]:
        return iter(self._jobs)

    def __len__(self) -> int:
        return len(self._jobs)

    def heatmap(self) -> Chart:
        start = time.perf_counter()
        try:
            if "heatmap" in self._kept:
                return self._kept["heatmap"]
            if self._heatmap is not None:
                return self._heatmap.result()
            return _chart("heatmap", self._cov, self._keys.get("heatmap"))
        finally:
            self.waited += time.perf_counter() - start
