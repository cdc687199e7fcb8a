"""Goal tiles drawn by vlr: a square in the goal's colour with its number and short name.

The UN's own SDG icons may be used by local governments, but not altered, and their
files are not vlr's to ship; so the draft draws its own tiles (goal colour, number,
short name in capitals), or takes the city's own pictures from a folder (``--icons``),
one file per goal with the goal's number in its name (``goal-1.png``,
``E-WEB-Goal-01.png``, ``sdg_11.jpg``).

:func:`goal_tile` draws one tile, :func:`tile_grid` the cover's 17 tiles (the goals the
review covers in their colours, the others pale). Both return PNG bytes, the same bytes
for the same input.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass
from pathlib import Path

from vlr.charts.colours import contrast
from vlr.charts.line import drawing_libraries
from vlr.exceptions import TemplateError, UnreadableInput
from vlr.formatting import speaking_now
from vlr.inputs import picture_size, read_bytes
from vlr.output import cached

#: Picture files accepted in an icons folder.
ICON_SUFFIXES = (".png", ".jpg", ".jpeg")
_NUMBER = re.compile(r"(?<!\d)0*(1[0-7]|[1-9])(?!\d)")


@dataclass(frozen=True)
class GoalFace:
    number: int
    short_name: str
    colour: str
    #: False draws the tile pale: a goal the review does not cover (on the cover).
    active: bool = True


def _rgb(colour: str) -> tuple[int, int, int]:
    h = colour.lstrip("#")
    return tuple(int(h[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def _font(size: int):
    from vlr.charts.line import font

    return font(size, bold=True)


def _ink(colour: str) -> tuple[int, int, int]:
    """White on the tile, as the UN's icons have it, unless white reads too poorly on
    its colour (goal 7's yellow): then near-black."""
    return (255, 255, 255) if contrast("#FFFFFF", colour) >= 2.2 else (0x1A, 0x1A, 0x1A)


def _wrap(words: list[str], font, width: int, pen, hyphenate: bool = False) -> list[str]:
    lines: list[str] = []
    for word in _broken(words, font, width, pen) if hyphenate else words:
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and pen.textlength(trial, font=font) <= width:
            lines[-1] = trial
        else:
            lines.append(word)
    return lines


def _broken(words: list[str], font, width: int, pen) -> list[str]:
    """``words``, each one wider than ``width`` broken with a hyphen where the language spoken
    hyphenates it (Pyphen's dictionaries; "GESCHLECHTER-" "GLEICHSTELLUNG"), as often as needed;
    a word the language does not break, or no dictionary knows, stays whole."""
    out: list[str] = []
    for word in words:
        while pen.textlength(word, font=font) > width:
            cut = (
                next(
                    (
                        (head, tail)
                        for head, tail in _hyphenator().iterate(word)
                        if pen.textlength(head + "-", font=font) <= width
                    ),
                    None,
                )
                if _hyphenator()
                else None
            )
            if cut is None:
                break
            out.append(cut[0] + "-")
            word = cut[1]
        out.append(word)
    return out


def _hyphenator():
    """The hyphenation dictionary of the language spoken, or None where Pyphen has none."""
    return _dictionary(speaking_now())


@functools.lru_cache(maxsize=8)
def _dictionary(language: str):
    import pyphen

    return pyphen.Pyphen(lang=language) if pyphen.language_fallback(language) else None


def _draw_tile(pen, face: GoalFace, x: int, y: int, size: int) -> None:
    fill = _rgb(face.colour) if face.active else (0xE4, 0xE4, 0xE4)
    ink = _ink(face.colour) if face.active else (0x8C, 0x8C, 0x8C)
    pen.rectangle([x, y, x + size - 1, y + size - 1], fill=fill)
    pad = round(size * 0.07)
    number_font = _font(round(size * 0.36))
    pen.text((x + pad, y + pad - round(size * 0.03)), str(face.number), font=number_font, fill=ink)
    # the short name in capitals, beside the number where it fits, wrapped below it
    name = face.short_name.upper()
    left = x + pad + round(pen.textlength(str(face.number), font=number_font)) + pad
    # the largest size at which the words fit whole; only where none does, hyphenated (German)
    for hyphenate in (False, True):
        for scale in (0.105, 0.095, 0.085, 0.075, 0.065):
            font = _font(round(size * scale))
            line_h = round(size * scale * 1.15)
            beside = _wrap(name.split(), font, x + size - pad - left, pen, hyphenate)
            if len(beside) * line_h <= size * 0.42 and all(
                pen.textlength(t, font=font) <= x + size - pad - left for t in beside
            ):
                for i, text in enumerate(beside):
                    pen.text((left, y + pad + round(size * 0.02) + i * line_h), text, font=font, fill=ink)
                return
            below = _wrap(name.split(), font, size - 2 * pad, pen, hyphenate)
            if len(below) * line_h <= size * 0.5 and all(pen.textlength(t, font=font) <= size - 2 * pad for t in below):
                for i, text in enumerate(below):
                    pen.text((x + pad, y + round(size * 0.46) + i * line_h), text, font=font, fill=ink)
                return


def _png(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@functools.lru_cache(maxsize=64)
def goal_tile(face: GoalFace, size_px: int = 240) -> bytes:
    """One goal's tile as PNG bytes; kept in vlr's cache (:func:`vlr.output.cached`):
    drawing and packing the tiles of a draft took a third of its layout's time."""
    return cached("goal-tile", repr((face, size_px, drawing_libraries())), lambda: _goal_tile(face, size_px))


def _goal_tile(face: GoalFace, size_px: int) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (size_px, size_px), (255, 255, 255))
    _draw_tile(ImageDraw.Draw(image), face, 0, 0, size_px)
    return _png(image.quantize(64))


def tile_grid(faces: list[GoalFace], columns: int = 6, size_px: int = 150, gap_px: int = 8) -> bytes:
    """The goals' tiles in rows of ``columns``, as PNG bytes (the cover's graphic); kept in
    vlr's cache, as :func:`goal_tile` is."""
    key = repr((faces, columns, size_px, gap_px, drawing_libraries()))
    return cached("tile-grid", key, lambda: _tile_grid(faces, columns, size_px, gap_px))


def _tile_grid(faces: list[GoalFace], columns: int, size_px: int, gap_px: int) -> bytes:
    from PIL import Image, ImageDraw

    rows = -(-len(faces) // columns)
    width = columns * size_px + (columns - 1) * gap_px
    height = rows * size_px + (rows - 1) * gap_px
    image = Image.new("RGB", (width, height), (255, 255, 255))
    pen = ImageDraw.Draw(image)
    for i, face in enumerate(faces):
        row, column = divmod(i, columns)
        _draw_tile(pen, face, column * (size_px + gap_px), row * (size_px + gap_px), size_px)
    return _png(image.quantize(128))


def icon_files(folder: str | Path) -> dict[int, Path]:
    """The city's own goal icons in ``folder``: goal number → picture file, the number
    read from the file name. Raises :class:`TemplateError` for a folder that is not
    there, a picture that does not open, or two files for one goal."""
    from PIL import Image, UnidentifiedImageError

    root = Path(folder)
    if not root.is_dir():
        raise TemplateError(f"--icons {folder}: no such folder.")
    found: dict[int, Path] = {}
    for path in sorted(root.iterdir()):
        if path.suffix.lower() not in ICON_SUFFIXES or path.name.startswith((".", "~$")):
            continue
        match = _NUMBER.search(path.stem)
        if not match:
            continue
        goal = int(match.group(1))
        if goal in found:
            raise TemplateError(
                f"--icons {folder}: both {found[goal].name} and {path.name} are for goal {goal}; "
                "keep one picture per goal."
            )
        try:
            data = read_bytes(path, "picture", root, what="icon")
            picture_size(path, data)  # its pixels from its header, before anything is decoded
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
        except UnreadableInput as exc:
            raise TemplateError(f"--icons {folder}: {exc.message}") from None
        except (OSError, UnidentifiedImageError, ValueError, SyntaxError) as exc:
            raise TemplateError(
                f"--icons {folder}: {path.name} is not a picture that can be read "
                f"({type(exc).__name__}); save it again as PNG or JPEG."
            ) from None
        found[goal] = path
    if not found:
        raise TemplateError(f"--icons {folder}: no PNG or JPEG file with a goal number (1 to 17) in its name.")
    return found
