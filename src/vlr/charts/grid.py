"""A grid of shaded cells drawn with Pillow: the coverage heatmap of the draft (actions
per goal and theme).

matplotlib took half a second to import in the process that drew it, and the draft's
highlights wait for this picture; the grid is simple enough to draw directly, like the
line charts (:mod:`vlr.charts.line`): on a canvas twice the final size, then reduced. The
same counts give the same bytes. The module knows nothing of goals: :func:`draw` takes
labels and counts.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from vlr.charts.colours import text_on
from vlr.charts.line import INK, SCALE, font

LOW, HIGH = (0xFF, 0xFF, 0xFF), (0x1F, 0x5C, 0x99)
GRID = (0xE0, 0xE0, 0xE0)


@dataclass
class GridSpec:
    width_in: float
    dpi: int
    rows: list[str]
    columns: list[str]
    #: counts[row][column]; a cell of 0 is left white and empty.
    counts: list[list[int]]
    row_height_pt: float = 15.8


def shade(fraction: float) -> tuple[int, int, int]:
    """The fill of a cell: white to dark blue in proportion to its count."""
    return tuple(round(lo + (hi - lo) * fraction) for lo, hi in zip(LOW, HIGH))  # type: ignore[return-value]


def height_in(spec: GridSpec) -> float:
    return (len(spec.rows) + 1.6) * spec.row_height_pt / 72


def draw(spec: GridSpec) -> bytes:
    """The grid as PNG bytes: row labels on the left, column labels on top, each cell
    shaded by its count and holding it."""
    from PIL import Image, ImageDraw

    px = spec.dpi * SCALE / 72
    width, height = round(spec.width_in * spec.dpi * SCALE), round(height_in(spec) * spec.dpi * SCALE)
    image = Image.new("RGB", (width, height), "white")
    pen = ImageDraw.Draw(image)
    label_font, number_font = font(round(8 * px)), font(round(7 * px))
    row_h = spec.row_height_pt * px
    label_w = max((pen.textlength(r, font=label_font) for r in spec.rows), default=0) + 8 * px
    top = 1.4 * row_h
    cell_w = (width - label_w - 2 * px) / max(1, len(spec.columns))
    peak = max((max(row) for row in spec.counts if row), default=0) or 1
    for j, name in enumerate(spec.columns):
        pen.text((label_w + (j + 0.5) * cell_w, top - 0.45 * row_h), name, font=label_font, fill=INK, anchor="mm")
    for i, name in enumerate(spec.rows):
        y = top + i * row_h
        pen.text((label_w - 6 * px, y + row_h / 2), name, font=label_font, fill=INK, anchor="rm")
        for j, count in enumerate(spec.counts[i]):
            x = label_w + j * cell_w
            box = [x, y, x + cell_w, y + row_h]
            if count:
                fill = shade(count / peak)
                pen.rectangle(box, fill=fill)
                ink = text_on("#{:02X}{:02X}{:02X}".format(*fill))
                pen.text((x + cell_w / 2, y + row_h / 2), str(count), font=number_font, fill=ink, anchor="mm")
            pen.rectangle(box, outline=GRID, width=max(1, round(0.5 * px)))
    final = image.reduce(SCALE).quantize(colors=128, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    final.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()
