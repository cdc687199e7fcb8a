"""Line charts drawn with Pillow: the indicator charts of the draft.

matplotlib spends some 45 ms on an empty set of axes and 70–110 ms on an indicator chart;
a review of a hundred indicators spent most of its build there. The indicator charts
are always the same simple thing (a few lines over time, a baseline, a target, a
legend), so they are drawn here directly: on a canvas twice the final size, then scaled
down, which smooths the lines as anti-aliasing would. About a tenth of the time, and the
same bytes for the same data.

The module knows nothing of indicators: :func:`draw` takes lines and marks in data
units and returns PNG bytes. :mod:`vlr.charts.figures` decides what to draw.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vlr.formatting import _

SCALE = 2  # drawn at twice the size, then scaled down
MUTED = (0x59, 0x59, 0x59)
GRID = (0xE0, 0xE0, 0xE0)
INK = (0x26, 0x26, 0x26)

#: Dash patterns in points: solid, dashed, dash-dot, dotted, dash-dot-dot, long dash.
DASHES = {
    "-": (),
    "--": (3.7, 1.6),
    "-.": (6.4, 1.6, 1, 1.6),
    ":": (1, 1.65),
    "-..": (5, 1, 1, 1, 1, 1),
    "long": (8, 2),
}


@dataclass
class Line:
    points: Sequence[tuple[float, float]]
    colour: str
    label: str
    width_pt: float = 1.3
    dash: str = "-"
    marker: str | None = "dot"  # "circle", "dot" or None
    in_legend: bool = True
    #: Where the series breaks (a new method, a new definition): the line is cut before these x.
    breaks: frozenset[float] = frozenset()


@dataclass
class Mark:
    """A single marked point: the baseline (``square``) or the target (``star``)."""

    x: float
    y: float
    shape: str
    label: str


@dataclass
class ChartSpec:
    width_in: float
    height_in: float
    dpi: int
    lines: list[Line]
    marks: list[Mark] = field(default_factory=list)
    #: A horizontal reference line (the target), dashed.
    hline: float | None = None
    #: Whether the values cannot be below zero: the value axis then starts at zero, unless
    #: the data would fill too little of it (the axis title then says so).
    from_zero: bool = False
    #: Whether the values are shares (percent of a whole): the value axis ends at 100 at most.
    share: bool = False
    x_limits: tuple[float, float] = (0.0, 1.0)
    #: (position, label) ticks of the time axis; None: whole years chosen here.
    x_ticks: list[tuple[float, str]] | None = None
    y_label: str = ""
    y_format: Callable[[float], str] = str


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


#: DejaVu Sans, shipped with vlr (src/vlr/data/fonts/, with its licence): the charts and
#: tiles look the same on every machine, whatever fonts it has.
FONT_DIR = Path(__file__).parent.parent / "data" / "fonts"


@functools.lru_cache(maxsize=1)
def _font_file() -> str | None:
    """DejaVu Sans as vlr ships it, else the system's."""
    candidates = [FONT_DIR / "DejaVuSans.ttf", Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]
    return next((str(c) for c in candidates if c.exists()), None)


@functools.lru_cache(maxsize=1)
def drawing_libraries() -> str:
    """Pillow's version and those of the libraries that draw the text and pack the PNG
    (a Pillow built on the system's FreeType or zlib changes with them), and the font
    file: what a picture vlr keeps in its cache (:func:`vlr.output.cached`) depends on
    besides its own inputs and vlr's code."""
    import PIL
    from PIL import _imaging, _imagingft

    font = _font_file()
    found = Path(font).stat() if font else None
    return repr(
        (
            PIL.__version__,
            getattr(_imaging, "zlib_version", None),
            getattr(_imaging, "zlib_ng_version", None),
            *(getattr(_imagingft, name, None) for name in ("freetype2_version", "HAVE_RAQM", "raqm_version")),
            *(getattr(_imagingft, name, None) for name in ("harfbuzz_version", "fribidi_version")),
            font,
            (found.st_size, found.st_mtime_ns) if found else None,
        )
    )


@functools.lru_cache(maxsize=16)
def font(size_px: int, bold: bool = False):
    """DejaVu Sans (bold where asked and there) at ``size_px``, else Pillow's own font."""
    from PIL import ImageFont

    path = _font_file()
    if path and bold:
        heavy = Path(path).with_name("DejaVuSans-Bold.ttf")
        path = str(heavy) if heavy.exists() else path
    return ImageFont.truetype(path, size_px) if path else ImageFont.load_default(size_px)


def nice_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round tick values covering [low, high]: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return [0.0]
    if high <= low:
        spread = abs(low) * 0.1 or 1.0
        low, high = low - spread, high + spread
    raw = (high - low) / max(1, most - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks, value = [], first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 12))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 12))
    return ticks


#: Below this share of the axis from zero, the data would be a flat line: the axis then
#: starts near the data, and says so.
READABLE = 0.2


def value_ticks(values: list[float], from_zero: bool, share: bool) -> tuple[list[float], bool]:
    """The value axis' ticks, and whether it was cut short of zero: from zero for values
    that cannot be negative (unless they span less than :data:`READABLE` of the axis), never
    past 100 for shares, never below zero for values that cannot be negative."""
    low, high = min(values), max(values)
    margin = (high - low) * 0.04  # nothing drawn on the frame itself
    cut = from_zero and high > 0 and (high - low) < READABLE * high
    bottom = 0.0 if from_zero and not cut else low - margin
    if from_zero:
        bottom = max(bottom, 0.0)
    top = high + margin
    if share:
        top = min(top, 100.0)
    ticks = nice_ticks(bottom, top)
    if from_zero:
        ticks = [t for t in ticks if t >= 0] or [0.0]
    if share and ticks[-1] > 100:
        ticks = [t for t in ticks if t <= 100]
        if ticks[-1] < high:
            ticks.append(100.0)
    return ticks, cut


def year_ticks(low: float, high: float, most: int = 8) -> list[tuple[float, str]]:
    span = max(1.0, high - low)
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100) if span / s <= most - 1)
    first = math.ceil(low / step) * step
    return [(float(y), str(int(y))) for y in range(int(first), int(math.floor(high)) + 1, step)]


def draw(spec: ChartSpec) -> bytes:
    """The chart as PNG bytes (128 colours, no metadata): the legend across the top, the
    axes, then the reference lines, the lines and the marks."""
    from PIL import Image, ImageDraw

    px = spec.dpi * SCALE / 72  # pixels per point on the canvas
    width, height = round(spec.width_in * spec.dpi * SCALE), round(spec.height_in * spec.dpi * SCALE)
    image = Image.new("RGB", (width, height), "white")
    pen = ImageDraw.Draw(image)
    top = _legend(pen, spec, width, px)
    frame = _axes(image, pen, spec, top, width, height, px)
    _plot(pen, spec, frame, px)
    return _png(image)


def _legend(pen, spec: ChartSpec, width: int, px: float) -> float:
    """The legend, centred in rows across the top; returns where the plot may start."""
    legend_font = font(round(7 * px))
    entries = [(" ".join(line.label.split()), line) for line in spec.lines if line.in_legend]
    entries += [(" ".join(m.label.split()), m) for m in spec.marks]  # Pillow measures one line only
    swatch, gap, pad = 22 * px, 10 * px, 4 * px
    widths = [swatch + pad + pen.textlength(label, font=legend_font) for label, _ in entries]
    rows: list[list[int]] = [[]]
    for i, w in enumerate(widths):
        used = sum(widths[j] + gap for j in rows[-1])
        if rows[-1] and used + w > width * 0.96:
            rows.append([])
        rows[-1].append(i)
    row_height = 11 * px
    for r, members in enumerate(rows):
        total = sum(widths[i] for i in members) + gap * (len(members) - 1)
        x = (width - total) / 2
        y = 3 * px + r * row_height + row_height / 2
        for i in members:
            label, what = entries[i]
            if isinstance(what, Line):
                _polyline(pen, [(x, y), (x + swatch, y)], _rgb(what.colour), what.width_pt * px, what.dash, px)
                if what.marker:
                    _marker(pen, x + swatch / 2, y, what.marker, _rgb(what.colour), px)
            else:
                _mark(pen, x + swatch / 2, y, what.shape, px)
            pen.text((x + swatch + pad, y), label, font=legend_font, fill=INK, anchor="lm")
            x += widths[i] + gap
    return (len(rows) * row_height + 6 * px) if entries else 8 * px


@dataclass(frozen=True)
class _Frame:
    """Where the plot stands on the canvas, and the values at its edges."""

    left: float
    right: float
    top: float
    bottom: float
    x_low: float
    x_high: float
    y_low: float
    y_high: float

    def x(self, x: float) -> float:
        return self.left + (x - self.x_low) / ((self.x_high - self.x_low) or 1) * (self.right - self.left)

    def y(self, y: float) -> float:
        return self.bottom - (y - self.y_low) / ((self.y_high - self.y_low) or 1) * (self.bottom - self.top)


def _axes(image, pen, spec: ChartSpec, top: float, width: int, height: int, px: float) -> _Frame:
    """The value axis with its grid and title, and the time axis; returns the plot's frame."""
    tick_font = font(round(8 * px))
    values = [v for line in spec.lines for _, v in line.points] + [m.y for m in spec.marks]
    if spec.hline is not None:
        values.append(spec.hline)
    y_ticks, cut = value_ticks([v for v in values if math.isfinite(v)] or [0.0], spec.from_zero, spec.share)
    labels = [" ".join(spec.y_format(v).split()) for v in y_ticks]
    label_width = max(pen.textlength(t, font=tick_font) for t in labels)
    y_title = " ".join(spec.y_label.split()) + (" " + _("(axis not from 0)") if cut else "")
    left = 6 * px + (12 * px if y_title else 0) + label_width + 6 * px
    frame = _Frame(left, width - 6 * px, top, height - 18 * px, *spec.x_limits, y_ticks[0], y_ticks[-1])
    thin, rule = max(1, round(0.6 * px)), max(1, round(0.8 * px))
    for value, text in zip(y_ticks, labels):
        y = frame.y(value)
        pen.line([(frame.left, y), (frame.right, y)], fill=GRID, width=thin)
        pen.line([(frame.left - 3.5 * px, y), (frame.left, y)], fill=MUTED, width=rule)
        pen.text((frame.left - 5 * px, y), text, font=tick_font, fill=MUTED, anchor="rm")
    if y_title:
        _vertical_text(image, y_title, tick_font, 4 * px, (frame.top + frame.bottom) / 2)
    ticks = spec.x_ticks if spec.x_ticks is not None else year_ticks(frame.x_low, frame.x_high)
    right_of_last = -math.inf
    for x_value, text in ticks:
        x, text = frame.x(x_value), " ".join(text.split())
        half = pen.textlength(text, font=tick_font) / 2
        if x - half < right_of_last + 3 * px:
            continue  # its label would touch the one before: left out, never overlapping
        right_of_last = x + half
        pen.line([(x, frame.bottom), (x, frame.bottom + 3.5 * px)], fill=MUTED, width=rule)
        pen.text((x, frame.bottom + 5 * px), text, font=tick_font, fill=MUTED, anchor="mt")
    pen.line([(frame.left, frame.top), (frame.left, frame.bottom)], fill=MUTED, width=rule)
    pen.line([(frame.left, frame.bottom), (frame.right, frame.bottom)], fill=MUTED, width=rule)
    return frame


def _plot(pen, spec: ChartSpec, frame: _Frame, px: float) -> None:
    """The reference lines, the lines with their markers (the headline on top), the marks."""
    if spec.hline is not None:
        y = frame.y(spec.hline)
        _polyline(pen, [(frame.left, y), (frame.right, y)], MUTED, 1 * px, "--", px)
    for line in reversed(spec.lines):  # the first line (the headline) on top
        pts = [(frame.x(x), frame.y(y)) for x, y in line.points]
        colour = _rgb(line.colour)
        for run in _runs(line.points, pts, line.breaks):
            if len(run) > 1:
                _polyline(pen, run, colour, line.width_pt * px, line.dash, px)
        for x, y in pts if line.marker else ():
            _marker(pen, x, y, line.marker, colour, px)
    for mark in spec.marks:
        _mark(pen, frame.x(mark.x), frame.y(mark.y), mark.shape, px)


def _png(image) -> bytes:
    from PIL import Image

    # a 2 x 2 box average: the anti-aliasing of the supersampled canvas, at a tenth of
    # the cost of a Lanczos filter (which was most of the time a chart took)
    final = image.reduce(SCALE)
    # A palette of 128 colours holds the few hues and their smoothed edges: a file a
    # fifth of the size, and quicker to write than the full-colour one.
    final = final.quantize(colors=128, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    final.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()


def _runs(
    points: Sequence[tuple[float, float]], placed: list[tuple[float, float]], breaks: frozenset[float] = frozenset()
) -> list[list]:
    """The line cut where the data has a gap (a step more than one and a half times the
    series' usual step, and more than a year and a half) or a break (``breaks``: the series
    is not comparable across it). A line never joins two points across years without data or
    across a break; a point alone keeps its marker."""
    steps = sorted(b[0] - a[0] for a, b in zip(points, points[1:]))
    if not steps:
        return [placed]
    usual = steps[len(steps) // 2]
    runs = [[placed[0]]]
    for (a, b), point in zip(zip(points, points[1:]), placed[1:]):
        if b[0] - a[0] > max(1.5 * usual, 1.5) or b[0] in breaks:
            runs.append([])
        runs[-1].append(point)
    return runs


def _polyline(pen, points: list[tuple[float, float]], colour, width: float, dash: str, px: float) -> None:
    w = max(1, round(width))
    pattern = [d * px * max(1.0, width / px) for d in DASHES.get(dash, ())]
    if not pattern:
        pen.line(points, fill=colour, width=w, joint="curve")
        return
    index, left = 0, pattern[0]  # even indexes draw, odd ones skip
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        length = math.hypot(x1 - x0, y1 - y0)
        done = 0.0
        while done < length - 1e-9:
            step = min(left, length - done)
            if index % 2 == 0:
                a, b = done / length, (done + step) / length
                pen.line(
                    [(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a), (x0 + (x1 - x0) * b, y0 + (y1 - y0) * b)],
                    fill=colour,
                    width=w,
                )
            done += step
            left -= step
            if left <= 1e-9:
                index = (index + 1) % len(pattern)
                left = pattern[index]


def _marker(pen, x: float, y: float, shape: str, colour, px: float) -> None:
    r = (1.75 if shape == "circle" else 1.1) * px
    pen.ellipse([x - r, y - r, x + r, y + r], fill=colour)


def _mark(pen, x: float, y: float, shape: str, px: float) -> None:
    if shape == "square":
        r = 3.2 * px
        pen.rectangle([x - r, y - r, x + r, y + r], fill="white", outline=INK, width=max(1, round(1 * px)))
    else:  # a five-pointed star
        outer, inner = 5.5 * px, 2.3 * px
        points = []
        for i in range(10):
            angle = math.pi / 2 + i * math.pi / 5
            r = outer if i % 2 == 0 else inner
            points.append((x + r * math.cos(angle), y - r * math.sin(angle)))
        pen.polygon(points, fill=INK)


def _vertical_text(image, text: str, font, x: float, y_centre: float) -> None:
    from PIL import Image, ImageDraw

    size = (round(ImageDraw.Draw(image).textlength(text, font=font)) + 4, round(font.size * 1.3))
    strip = Image.new("RGB", size, "white")
    ImageDraw.Draw(strip).text((2, size[1] / 2), text, font=font, fill=INK, anchor="lm")
    turned = strip.rotate(90, expand=True)
    image.paste(turned, (round(x), round(y_centre - turned.size[1] / 2)))
