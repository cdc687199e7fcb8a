"""Reading what comes from outside, within bounds: the files of an imported repository, a
templates or icons folder, pictures, the parts of a draft.

A file from outside may be a link to a secret, a pipe that never ends, a device that
never stops giving bytes, or a few bytes that unpack to gigabytes. Everything vlr reads
from such places comes through here, so each of these is refused in one clear
:class:`~vlr.exceptions.UnreadableInput` before anything large is read:

- :func:`read_bytes`: only regular files (no pipes, devices or folders); a link only when
  it stays inside the folder it was found in (``within``); at most the size that
  :data:`LIMITS` allows the file's kind, checked before reading;
- :func:`load_yaml`: YAML through the safe loader, with a budget of aliases and of the
  nodes they expand to (a "billion laughs" of a kilobyte is refused, not expanded);
- :func:`picture_size`: a picture's pixels from its header, refused past
  :data:`MAX_PIXELS` before anything is decoded (Pillow's ``MAX_IMAGE_PIXELS`` is set to
  the same on purpose);
- :func:`check_zip`: a package's entries, their names, compression, flags and the sizes
  they inflate to, before any is inflated.

Nothing here writes.
"""

from __future__ import annotations

import io
import os
import re
import stat
import zipfile
import zlib
from pathlib import Path

from vlr.exceptions import UnreadableInput

MB = 1 << 20
#: The largest file of each kind vlr reads, in bytes: generous for any real one.
LIMITS = {
    "csv": 256 * MB,  # Canada's largest Open SDG data file is 26 MB
    "sdmx": 512 * MB,
    "yaml": 8 * MB,  # metadata, translations, configuration
    "picture": 50 * MB,
    "template": 1 * MB,
    "docx": 512 * MB,
    "framework": 64 * MB,
}
#: The most pixels a picture vlr places may have (a 60-megapixel photograph passes).
MAX_PIXELS = 64_000_000
#: The most aliases a YAML file may use, and the most nodes it may expand to.
MAX_ALIASES = 200
MAX_YAML_NODES = 500_000


def within(path: Path, folder: Path | None) -> bool:
    """Whether ``path``, links followed, is ``folder`` or inside it (always, without one)."""
    if folder is None:
        return True
    resolved, root = path.resolve(), folder.resolve()
    return resolved == root or root in resolved.parents


def regular_file(path: Path, folder: Path | None = None, *, what: str = "file") -> os.stat_result:
    """The ``stat`` of ``path`` when it can be read: a regular file (links followed), and
    inside ``folder`` when one is given; else :class:`UnreadableInput` saying why."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise UnreadableInput(f"{path}: the {what} is a link to nothing ({os.readlink(path)}).") from None
        raise UnreadableInput(f"{path}: no such {what}.") from None
    except OSError as exc:
        raise UnreadableInput(f"{path}: the {what} cannot be read ({exc.strerror or exc}).") from None
    if not within(path, folder):
        raise UnreadableInput(
            f"{path}: the {what} is a link to {path.resolve()}, outside {folder}; vlr reads nothing outside "
            "the folder it is given. Copy the file in instead of linking it."
        )
    if stat.S_ISDIR(info.st_mode):
        raise UnreadableInput(f"{path}: a folder where a {what} was expected.")
    if not stat.S_ISREG(info.st_mode):
        raise UnreadableInput(f"{path}: not a regular file (a pipe or a device); vlr reads only files.")
    return info


def read_bytes(path: str | os.PathLike, kind: str, folder: Path | None = None, *, what: str = "file") -> bytes:
    """The bytes of ``path``, checked by :func:`regular_file` and refused past the limit of
    ``kind`` (:data:`LIMITS`) before they are read."""
    path = Path(path)
    limit = LIMITS[kind]
    if regular_file(path, folder, what=what).st_size > limit:
        raise UnreadableInput(_too_large(path, what, limit))
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise UnreadableInput(f"{path}: the {what} cannot be read ({exc.strerror or exc}).") from None
    if len(data) > limit:  # grew since
        raise UnreadableInput(_too_large(path, what, limit))
    return data


def _too_large(path: Path, what: str, limit: int) -> str:
    return f"{path}: the {what} is larger than vlr reads for its kind ({limit // MB} MB); is it the right file?"


def load_yaml(text: str, where: str = "the YAML file"):
    """``text`` read as YAML by the safe loader (the C one where PyYAML has it), every
    scalar as YAML types it; :class:`UnreadableInput` when it uses more than
    :data:`MAX_ALIASES` aliases or they expand to more than :data:`MAX_YAML_NODES` nodes.
    A syntax error is PyYAML's ``YAMLError``, for the caller to word."""
    import yaml

    loader = yaml.CSafeLoader(text) if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_expansion(node, where)
        return loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def _check_expansion(root, where: str) -> None:
    """Refuse a document whose aliases make it grow: nodes counted as they would be when
    every alias is expanded, each distinct node visited once."""
    sizes: dict[int, int] = {}
    seen: set[int] = set()
    aliases = 0
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            children = _children(node)
            sizes[key] = 1 + sum(sizes.get(id(c), 1) for c in children)
            if sizes[key] > MAX_YAML_NODES:
                raise UnreadableInput(
                    f"{where}: refused: its aliases (*name) expand it past {MAX_YAML_NODES:,} values, as a YAML "
                    "bomb does."
                )
            continue
        if key in seen:  # a node met again is an alias
            aliases += 1
            if aliases > MAX_ALIASES:
                raise UnreadableInput(f"{where}: refused: it uses more than {MAX_ALIASES} aliases (*name).")
            continue
        seen.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))


def _children(node) -> list:
    value = node.value
    if isinstance(value, list):
        return [c for item in value for c in (item if isinstance(item, tuple) else (item,))]
    return []


def picture_size(path: Path, data: bytes | None = None) -> tuple[int, int]:
    """The width and height a picture's header declares, read without decoding it;
    :class:`UnreadableInput` past :data:`MAX_PIXELS` or when it is no picture Pillow knows."""
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow refuses larger ones itself, as a bomb
    try:
        with Image.open(io.BytesIO(data) if data is not None else path) as image:
            width, height = image.size
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError, SyntaxError) as exc:
        if isinstance(exc, Image.DecompressionBombError):
            raise UnreadableInput(_too_many_pixels(path)) from None
        raise UnreadableInput(f"{path}: not a picture that can be read (PNG or JPEG).") from None
    if width * height > MAX_PIXELS:
        raise UnreadableInput(_too_many_pixels(path, width, height))
    return width, height


def _too_many_pixels(path: Path, width: int | None = None, height: int | None = None) -> str:
    size = f" ({width:,} × {height:,})" if width else ""
    return (
        f"{path}: the picture has more pixels{size} than vlr places ({MAX_PIXELS // 1_000_000} million); "
        "save a smaller copy."
    )


#: What a package's entries may inflate to, in all and for one, and the highest ratio of
#: a large entry: an Office file is mostly XML, which deflates some 10 to 30 times.
MAX_INFLATED = 1 << 30
MAX_RATIO = 200
RATIO_FLOOR = 1 << 20


def check_zip(path: Path, package: zipfile.ZipFile, kind: str = "document", describe=None) -> None:
    """Refuse a package vlr would not read safely, before any entry is inflated: entries
    named twice or outside the package (``../x``, ``/x``, ``C:``), encrypted or packed in a
    way zip readers do not share, or inflating past :data:`MAX_INFLATED` or at a ratio
    past :data:`MAX_RATIO`: a zip bomb. ``describe`` words an entry's name for a message
    ("sheet 'Actions' (xl/worksheets/sheet2.xml)"); a workbook's program is Excel, else Word."""
    names: set[str] = set()
    total = 0
    program = "Excel" if kind == "workbook" else "Word"
    for info in package.infolist():
        name = info.filename
        if name in names:
            raise UnreadableInput(f"{path}: damaged: the {kind} holds the part {name} twice.")
        names.add(name)
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":"):
            raise UnreadableInput(
                f"{path}: refused: the {kind} has a part named {name!r}, outside the package, which {program} "
                "never writes."
            )
        if info.flag_bits & 0x1:
            raise UnreadableInput(
                f"{path}: the {kind} is encrypted (its {_part(name, describe)}); save it without a password."
            )
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise UnreadableInput(
                f"{path}: the file is damaged: its {_part(name, describe)} is packed in a way {program} does not write "
                f"(method {info.compress_type}). Open it in {program} or LibreOffice, which may repair it, "
                "and save it again."
            )
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if total > MAX_INFLATED or (info.file_size > RATIO_FLOOR and ratio > MAX_RATIO):
            raise UnreadableInput(
                f"{path}: refused: the {kind} would inflate to far more data than it can hold ({name}); it may "
                "be a zip bomb."
            )


def _part(name: str, describe) -> str:
    """An entry's name in words, for a message (only when one is given: describing may read)."""
    if describe is not None:
        try:
            return describe(name)
        except Exception:  # the package is damaged already: the name is enough
            pass
    return f"part {name}"


#: Where an Office file's XML would declare entities (Word and Excel never write one).
_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def check_package(path: Path, data: bytes, kind: str = "document", keep: tuple[str, ...] = ()) -> dict:
    """Refuse an Office package that is damaged or hostile anywhere, before anything else
    reads it: every entry checked (:func:`check_zip`) and unpacked (its checksum tested),
    every XML part parsed as vlr parses it, without entities, DTD or network, and at most
    256 elements deep (libxml2's own bound). Returns the parsed root of each part named
    in ``keep`` that the package has, so that the caller need not parse it again."""
    from lxml import etree

    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise UnreadableInput(f"{path}: not a {kind} that can be read ({exc}).") from None
    kept = {}
    with package:
        check_zip(path, package, kind)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        for info in package.infolist():
            try:
                blob = package.read(info)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
                raise UnreadableInput(
                    f"{path}: damaged: its part {info.filename} cannot be unpacked ({exc}). Open it in Word, which "
                    "may repair it, and save it again."
                ) from None
            if not info.filename.endswith((".xml", ".rels")):
                continue
            if _DOCTYPE.search(blob[:4096]) or b"<!ENTITY" in blob:
                raise UnreadableInput(
                    f"{path}: refused: its part {info.filename} declares XML entities, which Word never writes "
                    "(an 'XML bomb' does)."
                )
            try:
                root = etree.fromstring(blob, parser)
            except etree.XMLSyntaxError as exc:
                raise UnreadableInput(
                    f"{path}: damaged: its part {info.filename} is not XML that can be read ({exc}). Open it in "
                    "Word, which may repair it, and save it again."
                ) from None
            if info.filename in keep:
                kept[info.filename] = root
    return kept
