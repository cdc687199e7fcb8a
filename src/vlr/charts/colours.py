"""Colour arithmetic for accessible output (WCAG 2.1): contrast ratios, and goal
colours darkened just enough to be read on white."""

from __future__ import annotations


def _channel(c: float) -> float:
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str = "#FFFFFF") -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable(hex_colour: str, on: str = "#FFFFFF", ratio: float = 4.5) -> str:
    """``hex_colour``, darkened in small steps until it reaches ``ratio`` against ``on``
    (4.5:1 for text, 3:1 for lines and shapes)."""
    h = hex_colour.lstrip("#")
    rgb = [int(h[i : i + 2], 16) for i in (0, 2, 4)]
    colour = "#" + h.upper()
    while contrast(colour, on) < ratio and any(rgb):
        rgb = [max(0, int(c * 0.94)) for c in rgb]
        colour = "#{:02X}{:02X}{:02X}".format(*rgb)
    return colour


def text_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill``."""
    return "#000000" if contrast("#000000", fill) >= contrast("#FFFFFF", fill) else "#FFFFFF"
