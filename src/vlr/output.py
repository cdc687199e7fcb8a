"""Writing files: always whole or not at all.

Every file vlr writes goes through :func:`write_atomic`: the bytes go to a temporary
file beside the target, which then replaces it in one step, so an interrupted run never
leaves a half-written file and an existing one stays untouched until the new one is
complete.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
import zipfile
from pathlib import Path

from vlr.exceptions import OutputError


def refuse_input(target: str | os.PathLike, inputs: list[str | os.PathLike]) -> None:
    """Raise :class:`OutputError` when ``target`` is one of the ``inputs`` (workbooks, or the
    folders of reviews) or lies inside an input folder: vlr never overwrites its input, nor
    writes a workbook where it would be read as part of a review next time."""
    resolved = Path(target).resolve()
    for given in inputs:
        source = Path(given).resolve()
        if source == resolved:
            raise OutputError(
                f"{target} is one of the review's own workbooks; vlr never overwrites its input. "
                "Choose another file name."
            )
        if source.is_dir() and resolved.parent == source:  # a review reads the top of its folder
            raise OutputError(
                f"{target} is inside the review's folder {given}: it would be read as part of the review "
                "next time, or overwrite one of its workbooks. Choose a file outside that folder."
            )


def write_atomic(path: str | os.PathLike, data: bytes) -> Path:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


#: The one time vlr writes into a file it makes (zip entries, the workbooks' properties):
#: none of the file's business, and a fixed one makes the same content give the same bytes.
#: 1980-01-01 is the earliest a zip entry can hold.
FIXED_TIME = dt.datetime(1980, 1, 1)
FIXED_ZIP_TIME = FIXED_TIME.timetuple()[:6]
_STORED = (".png", ".jpg", ".jpeg", ".gif")
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def deterministic_zip(data: bytes, stamp: str | None = None, transform: dict | None = None, append=None) -> bytes:
    """The same Office package with every zip entry's time fixed (and, given ``stamp``,
    the created/modified dates of its core properties set to it), so that equal input
    gives equal bytes. ``transform`` maps an entry's name to a function of its bytes;
    ``append``, given the (name, SHA-256 digest) of every entry written, returns entries
    to add at the end (entries named in its ``replaces`` are left out of the copy)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    return deterministic_package(((i.filename, src.read(i.filename)) for i in src.infolist()), stamp, transform, append)


def deterministic_package(entries, stamp: str | None = None, transform: dict | None = None, append=None) -> bytes:
    """:func:`deterministic_zip` of the entries ``entries`` ((name, bytes), in order) of a
    package: for a package held as its parts, without writing a zip to read it again."""
    import hashlib

    out = io.BytesIO()
    written: list[tuple[str, bytes]] = []  # (name, digest)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:

        def write(name: str, blob: bytes) -> None:
            entry = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            # pictures are compressed already: deflating them again costs time and saves nothing
            entry.compress_type = zipfile.ZIP_STORED if name.endswith(_STORED) else zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, blob)

        for name, blob in entries:
            if transform and name in transform:
                blob = transform[name](blob)
            if stamp and name == "docProps/core.xml":
                blob = _CORE_DATES.sub(lambda m: m.group(1) + stamp.encode() + m.group(2), blob)
            if append is not None and name in getattr(append, "replaces", ()):
                continue
            write(name, blob)
            written.append((name, hashlib.sha256(blob).digest()))
        for name, blob in (append(written) if append is not None else {}).items():
            write(name, blob)
    return out.getvalue()
