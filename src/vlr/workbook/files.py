"""Which files make a review, and the pictures beside them.

A review is one .xlsx workbook or a folder of them (:func:`workbook_files`); in a folder,
files that look like workbooks but are not read for their name, and spreadsheets in other
formats, are reported as skipped (:func:`skipped_files`). A picture a workbook names (the
logo, a case study's) is taken only if it is a PNG or JPEG file that can be read
(:func:`picture_problem`). Opening a workbook itself is :func:`vlr.xlsx.read_workbook`'s.
"""

from __future__ import annotations

import os
from pathlib import Path

from vlr import rules
from vlr.exceptions import UnreadableInput
from vlr.findings import Finding, Message, later
from vlr.formatting import _
from vlr.values import quote
from vlr.xlsx import missing_reason

_OTHER_SPREADSHEETS = (".xls", ".xlsb", ".ods", ".csv", ".numbers")


def workbook_files(path: Path) -> list[Path]:
    """The .xlsx files of a review: ``path`` itself, or those in the folder ``path``
    (Excel's ``~$`` lock files skipped)."""
    path = Path(path)
    try:
        exists = path.exists()
    except OSError:
        exists = False
    if not exists:
        raise UnreadableInput(f"{path}: {missing_reason(path)}.")
    if path.is_dir():
        files = sorted(
            p
            for p in path.iterdir()
            if p.suffix.lower() in (".xlsx", ".xlsm") and not p.name.startswith(("~$", ".~lock"))
        )
        if not files:
            near = near_misses(path)
            if near:
                raise UnreadableInput(
                    _("{path}: the folder holds no .xlsx workbooks ({name}: {why}).").format(
                        path=path, name=repr(near[0][0].name), why=near[0][1]
                    )
                )
            raise UnreadableInput(_("{path}: the folder holds no .xlsx workbooks.").format(path=path))
        return files
    if path.suffix.lower() == ".xls":
        raise UnreadableInput(
            _(
                "{path}: this is an old Excel 97-2003 (.xls) file. Open it in Excel or LibreOffice "
                "and save it as an Excel Workbook (.xlsx)."
            ).format(path=path)
        )
    return [path]


def near_misses(folder: Path) -> list[tuple[Path, Message, Message]]:
    """Files of ``folder`` that look like workbooks but are not read for their name:
    (path, what is wrong, how to fix it)."""
    found = []
    for p in sorted(folder.iterdir()):
        name = p.name
        if p.suffix.lower() in (".xlsx", ".xlsm") or name.startswith(("~$", ".~lock")) or not p.is_file():
            continue
        stem = name.rstrip(" .")
        if stem.lower().endswith((".xlsx", ".xlsm")) and stem != name:
            found.append(
                (
                    p,
                    later._("its name ends in a space or a dot after .xlsx, so it is not read"),
                    later._("rename it to '{name}'", name=stem),
                )
            )
        elif "." not in name:
            try:
                with p.open("rb") as fh:
                    head = fh.read(4)
            except OSError:
                continue
            if head == b"PK\x03\x04":
                found.append(
                    (
                        p,
                        later._("it has no .xlsx at the end of its name, so it is not read"),
                        later._("rename it to '{name}.xlsx' if it is a workbook of the review", name=name),
                    )
                )
    return found


def skipped_files(folder: Path) -> list[Finding]:
    """A warning for each file of ``folder`` that is not read although it may be meant to
    be: a workbook by its content but not by its name, or a spreadsheet of another format."""
    found = []
    for other, why, fix in near_misses(folder):
        found.append(
            Finding.of(rules.FILE_SKIPPED, later._("this file is skipped: {why}.", why=why), fix, file=str(other))
        )
    for other in sorted(folder.iterdir()):
        if other.suffix.lower() in _OTHER_SPREADSHEETS:
            found.append(
                Finding.of(
                    rules.FILE_SKIPPED,
                    later._("this file is not read: vlr reads only .xlsx workbooks."),
                    later._("open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx)"),
                    file=str(other),
                )
            )
    return found


#: Picture files the draft takes (the logo, case-study pictures).
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg")
#: Largest picture file taken, in bytes.
MAX_PICTURE = 20 * 1024 * 1024


def picture_problem(path: Path, folder: Path | None = None, written: str | None = None) -> Message | None:
    """Why the picture at ``path`` cannot go into the draft, a sentence naming the file as
    ``written`` in the workbook (its name where not given), or None if it can; a link out of
    ``folder`` (the workbook's) is not followed."""
    from vlr.inputs import within

    name = quote(written if written is not None else path.name)
    if path.suffix.lower() not in PICTURE_SUFFIXES:
        return later._(
            "the file '{file}' is not a PNG or JPEG file (its name must end in .png, .jpg or .jpeg).", file=name
        )
    if folder is not None and os.path.lexists(path) and not within(path, folder):
        return later._(
            "the file '{file}' is a link to a file outside the review's folder, which vlr does not follow; "
            "copy the picture in.",
            file=name,
        )
    try:
        size = path.stat().st_size
    except OSError:
        return later._("the file '{file}' is not in the workbook's folder.", file=name)
    if not path.is_file():
        return later._("the file '{file}' is not a file.", file=name)
    if size > MAX_PICTURE:
        return later._("the file '{file}' is larger than {size} MB.", file=name, size=MAX_PICTURE // 2**20)
    return _unreadable_picture(path, name)


def _unreadable_picture(path: Path, name: str) -> Message | None:
    from PIL import Image, UnidentifiedImageError

    from vlr.inputs import MAX_PIXELS, picture_size

    try:
        picture_size(path)  # its pixels counted from its header, before anything is decoded
        with Image.open(path) as image:
            if image.format not in ("PNG", "JPEG"):
                return later._(
                    "the file '{file}' is a {format} picture, not PNG or JPEG.", file=name, format=image.format
                )
            image.verify()
    except UnreadableInput as exc:
        if "pixels" in exc.message:
            return later._(
                "the file '{file}' has too many pixels (more than {count} megapixels).",
                file=name,
                count=MAX_PIXELS // 1_000_000,
            )
        return later._("the file '{file}' cannot be read as a picture.", file=name)
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError) as exc:
        return later._("the file '{file}' cannot be read as a picture ({error}).", file=name, error=type(exc).__name__)
    return None
