"""Writing files: always whole or not at all; and the cache vlr keeps between runs.

Every file vlr writes goes through :func:`write_atomic`: the bytes go to a temporary
file beside the target, which then replaces it in one step, so an interrupted run never
leaves a half-written file and an existing one stays untouched until the new one is
complete.

:func:`cached` keeps what vlr makes the same way on every run (the charts and goal
tiles it draws, the section templates it compiles) in the user's cache folder
(:func:`cache_folder`), never in a review's folder. An entry is named by a hash of everything it is made from, vlr's
own code and version among them (:func:`code_version`), so a changed input or another
vlr makes a new entry instead of reusing one; an entry whose bytes do not match the hash
it carries is made again; one not used for 30 days is removed. Where the folder cannot
be written, nothing is kept and vlr works as without it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import io
import os
import re
import shutil
import stat
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from vlr.exceptions import OutputError


@dataclass(frozen=True)
class Input:
    """Something a command reads, for :func:`refuse_input`: a file or a folder (nothing is
    written anywhere inside one); ``tree`` for a folder read all the way down (a repository,
    a templates folder), not only at its top as a review's. ``what`` names it in a message."""

    path: Path
    what: str
    tree: bool = False


def inputs(paths: Iterable[str | os.PathLike | None], what: str, tree: bool = False) -> list[Input]:
    """The :class:`Input` of each path given (None skipped)."""
    return [Input(Path(p), what, tree) for p in paths if p is not None]


def refuse_input(target: str | os.PathLike, read: Iterable[Input | str | os.PathLike], *, folder: bool = False) -> None:
    """The one guard of everything vlr writes: raise :class:`OutputError` when ``target``
    is (links followed) one of the inputs ``read`` or lies anywhere inside one of them; and
    when ``target`` is a link, which vlr never writes through, or (unless ``folder``: a
    folder of workbooks is written) a folder or anything but a regular file. A plain path
    among ``read`` is a workbook or a review's folder."""
    target = Path(target)
    resolved = target.resolve()
    for given in read:
        source = given if isinstance(given, Input) else _review_input(Path(given))
        where = source.path.resolve()
        if where == resolved:
            named = source.what if str(source.path) == str(target) else _named(source)
            raise OutputError(f"{target} is {named}; vlr never writes over its input. Choose another file name.")
        if where.is_dir() and where in resolved.parents:
            why = " (a workbook there would become part of the review)" if not source.tree else ""
            raise OutputError(
                f"{target} is inside {_named(source)}; vlr writes nothing among the files it reads{why}. "
                "Choose a place outside that folder."
            )
    if folder:
        if target.is_symlink():
            raise OutputError(f"{target} is a link; vlr writes no workbooks through a link. Give a new folder.")
    else:
        refuse_unwritable(target)


def _review_input(path: Path) -> Input:
    return Input(path, "the review's folder" if path.is_dir() else "one of the review's own workbooks")


def _named(source: Input) -> str:
    return f"{source.what} ({source.path})" if source.what else str(source.path)


def refuse_unwritable(target: str | os.PathLike) -> None:
    """Raise :class:`OutputError` when ``target`` is a link (even one to nowhere), a folder
    or another kind of file than a regular one: vlr replaces only regular files, and never
    writes through a link, where the file changed would be another than the one named."""
    target = Path(target)
    try:
        info = target.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"Cannot write {target}: {exc.strerror or exc}.") from None
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(
            f"{target} is a link (to {os.readlink(target)}); vlr writes no file through a link. "
            "Give the file itself, or another name."
        )
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(f"{target} is a folder; give a file name.")
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(f"{target} is not a regular file (a device or a pipe); give another file name.")


def replace_file(path: str | os.PathLike, data: bytes, *, force: bool = False) -> Path | None:
    """Write ``data`` to ``path`` (:func:`write_atomic`) after checking it once more
    (:func:`refuse_unwritable`). An existing file with other bytes is first kept as
    ``NAME.previous.EXT`` (:func:`keep_copy`) unless ``force``; returns that copy, or None."""
    path = Path(path)
    refuse_unwritable(path)
    backup = None
    if not force and path.exists():
        try:
            same = path.stat().st_size == len(data) and path.read_bytes() == data
        except OSError as exc:
            raise OutputError(f"Cannot read {path} to keep it: {exc.strerror or exc}.") from None
        if not same:
            backup = keep_copy(path)
    write_atomic(path, data)
    return backup


def keep_copy(path: Path) -> Path:
    """Copy ``path`` to ``NAME.previous.EXT`` (or ``NAME.previous-2.EXT``, … where that is
    taken) before it is replaced: nothing is lost. A name that is taken by anything, a link
    that points nowhere too, is skipped, and the copy is made as a new file, never through
    a link (``O_EXCL``)."""
    data = path.read_bytes()
    n = 1
    while True:
        backup = path.with_name(f"{path.stem}.previous{'' if n == 1 else f'-{n}'}{path.suffix}")
        n += 1
        if os.path.lexists(backup):
            continue
        try:
            with open(backup, "xb") as out:
                out.write(data)
        except FileExistsError:
            continue  # taken meanwhile
        except OSError as exc:
            raise OutputError(f"{backup}: cannot keep the earlier {path.name} there ({exc.strerror or exc}).") from None
        shutil.copystat(path, backup)
        return backup


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
    return deterministic_package(
        ((info.filename, src.read(info.filename)) for info in src.infolist()), stamp, transform, append
    )


def deterministic_package(
    entries: Iterable[tuple[str, bytes]], stamp: str | None = None, transform: dict | None = None, append=None
) -> bytes:
    """:func:`deterministic_zip` of the package whose entries are ``entries`` (name and
    bytes, in order): one made here need not be zipped and read back first."""
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


#: Turns the cache off, or moves it: ``VLR_CACHE_DIR=off``, or a folder.
CACHE_SETTING = "VLR_CACHE_DIR"


def cache_folder() -> Path | None:
    """Where vlr keeps its cache: ``$VLR_CACHE_DIR`` (``off`` for none), else the user's
    cache folder (``$XDG_CACHE_HOME/vlr`` or ``~/.cache/vlr``; ``%LOCALAPPDATA%\\vlr\\Cache``
    on Windows, ``~/Library/Caches/vlr`` on macOS)."""
    setting = os.environ.get(CACHE_SETTING)
    if setting is not None:
        return None if setting.strip().lower() in ("", "off", "0", "no", "false") else Path(setting)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "vlr" / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "vlr"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "vlr"


#: The environment variable that says how many processes a command may use (``1``: none
#: forked; for a batch of builds run side by side, each on one core).
PROCESSES_SETTING = "VLR_PROCESSES"


def cores() -> int:
    """How many processes a command may work in at once: ``$VLR_PROCESSES`` where it is a
    whole number of 1 or more, else the cores this process may run on."""
    setting = os.environ.get(PROCESSES_SETTING, "").strip()
    if setting.isdigit() and int(setting) >= 1:
        return int(setting)
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of vlr's version, of Python's and of every file of the package (its code, fonts
    and data) by its name, size and time of change: a cache entry made by any other vlr, even
    one edited without a new version number, is never used. Files are not read: reading the
    fonts and data took 60 ms of every run, a tenth of a search's whole process."""
    import vlr

    root = Path(vlr.__file__).parent
    digest = hashlib.sha256(f"{vlr.__version__}\0{sys.version}".encode())
    for path in sorted(root.rglob("*")):
        if "__pycache__" in path.parts:  # bytecode of the sources named here
            continue
        with contextlib.suppress(OSError):
            info = path.stat()
            if stat.S_ISREG(info.st_mode):
                digest.update(f"\0{path.relative_to(root).as_posix()}\0{info.st_size}\0{info.st_mtime_ns}".encode())
    return digest.hexdigest()


def cached(kind: str, key: str, make: Callable[[], bytes]) -> bytes:
    """``make()``, or the bytes an earlier run got from it for the same ``kind`` and ``key``
    (``key`` must name everything the bytes depend on besides vlr's own code)."""
    data = cache_get(kind, key)
    if data is None:
        data = make()
        cache_put(kind, key, data)
    return data


#: An entry not used for this many days is removed (looked for once a day at most).
CACHE_DAYS = 30
_DAY = 86_400


def cache_get(kind: str, key: str) -> bytes | None:
    """The bytes kept for ``kind`` and ``key``, or None. An entry read is marked as used
    (its time set to now), so that :func:`_prune` keeps it."""
    path = _entry(kind, key)
    data = _read_entry(path) if path is not None else None
    if data is not None:
        with contextlib.suppress(OSError):
            os.utime(path)
    return data


def cache_put(kind: str, key: str, data: bytes) -> None:
    """Keep ``data`` for ``kind`` and ``key`` (nothing where there is no cache)."""
    path = _entry(kind, key)
    if path is not None:
        _write_entry(path, data)
        _prune(path.parent.parent)


def _prune(folder: Path, now: float | None = None) -> None:
    """Remove the entries of the cache in ``folder`` not used for :data:`CACHE_DAYS` days,
    at most once a day (a marker file's time says when it was last done): every edit of
    vlr, every changed chart makes new entries, and nothing else would remove the old."""
    now = time.time() if now is None else now
    marker = folder / ".pruned"
    try:
        if now - marker.stat().st_mtime < _DAY:
            return
    except FileNotFoundError:
        pass
    except OSError:
        return
    try:
        marker.touch()
        entries = list(folder.glob("*/*.bin"))
    except OSError:
        return
    for entry in entries:
        with contextlib.suppress(OSError):
            if now - entry.stat().st_mtime > CACHE_DAYS * _DAY:
                entry.unlink()


def _entry(kind: str, key: str) -> Path | None:
    folder = cache_folder()
    if folder is None:
        return None
    name = hashlib.sha256(f"{code_version()}\0{kind}\0{key}".encode()).hexdigest()
    return folder / kind / f"{name}.bin"


def _read_entry(path: Path) -> bytes | None:
    """An entry's bytes, or None when there is none or it does not match its hash (cut
    short, or changed since it was written)."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    digest, data = blob[:32], blob[32:]
    return data if len(digest) == 32 and hashlib.sha256(data).digest() == digest else None


def _write_entry(path: Path, data: bytes) -> None:
    """Keep ``data`` with its hash in front, written whole (two runs may write the same
    entry at once); a folder that cannot be written keeps nothing."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(hashlib.sha256(data).digest() + data)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
