"""Reading .xlsx files: the only module that opens a spreadsheet for reading.

Cell values come from python-calamine (a Rust reader, far faster than openpyxl).
Before calamine sees a file, :func:`read_workbook` checks the zip container itself, so
that a hostile or broken file ends as one clear :class:`~vlr.exceptions.UnreadableInput`
instead of a crash or a machine brought to its knees:

- not a zip at all: an old ``.xls``, an encrypted (password-protected) workbook, a CSV;
- a zip bomb (members that would inflate past a gigabyte or at an implausible ratio), a
  member named twice or outside the package, encrypted or packed in an unknown way
  (:func:`vlr.inputs.check_zip`);
- XML with a document type declaration (Excel never writes one; it is how a
  "billion laughs" entity bomb starts);

and it finds the formula cells that have no cached value (a file saved by a tool that
does not calculate), which calamine would otherwise hand over as blank.

Files are opened read-only; nothing here ever writes.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from vlr.exceptions import UnreadableInput
from vlr.inputs import check_zip

#: What reading a damaged zip can raise: bad headers, bad CRCs, bad deflate streams, an
#: unknown compression method or an encrypted member (flipped bits in a header).
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError, RuntimeError)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_CELL_REF = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
_VALUE = re.compile(rb"<(?:\w+:)?v>[^<]")
_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class Sheet:
    """The cells of one worksheet.

    ``rows[i][j]`` is the cell at 0-based row ``top + i`` and column ``left + j``;
    an empty cell is ``""``. Merged areas carry their top-left value in every cell.
    """

    file: Path
    name: str
    rows: list[list[Any]]
    top: int = 0
    left: int = 0
    #: 0-based (row, column) of formula cells that have no cached value.
    uncached: frozenset[tuple[int, int]] = field(default_factory=frozenset)
    #: A1 references of values far from the table that were left unread.
    strays: tuple[str, ...] = ()
    #: Why the sheet could not be read (its cells are then empty), if it could not.
    problem: str | None = None

    def ref(self, i: int, j: int) -> str:
        """A1-style reference of ``rows[i][j]``."""
        return cell_ref(self.top + i, self.left + j)


def column_letter(col: int) -> str:
    """0-based column index to its letters: 0 → A, 26 → AA."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """0-based row and column to an A1 reference."""
    return f"{column_letter(col)}{row + 1}"


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def read_workbook(path: Path, fill_merged: bool = True) -> list[Sheet]:
    """Every worksheet of the .xlsx file at ``path``, in workbook order.

    With ``fill_merged``, every cell of a merged area carries the area's value (what an
    officer sees on screen); without it, only the top-left cell does.

    Before calamine reads a sheet densely, its XML is looked over: a value far from the
    table (``XFD1048576``) would make it allocate every cell in between, gigabytes; such
    values are left out and named in :attr:`Sheet.strays`. A sheet stored as UTF-16 is
    converted. A sheet that cannot be unpacked or parsed comes back empty with its
    :attr:`Sheet.problem`, the others are read.

    Raises :class:`UnreadableInput` with a one-line reason when the file cannot be
    read as a workbook at all.
    """
    path = Path(path)
    with _open_container(path) as zf:
        parts = _sheet_parts(zf)
        xml, problems = {}, {}
        for name, part in parts.items():
            try:
                xml[name] = zf.read(part)
            except KeyError:
                continue
            except ZIP_ERRORS as exc:
                problems[name] = f"its data ({part}) is damaged and cannot be unpacked: {_reason(exc)}"
        fixed = {name: _usable_xml(data) for name, data in xml.items()}
        strays = {name: found for name, (_data, found) in fixed.items() if found}
        changed = {parts[name]: data for name, (data, found) in fixed.items() if found or data is not xml[name]}
        source = _repacked(zf, changed, problems, parts) if changed or problems else None
    # calamine parses without holding the GIL: look for uncached formulas meanwhile.
    with ThreadPoolExecutor(max_workers=1) as pool:
        scan = pool.submit(lambda: {name: _uncached_in(data) for name, (data, _) in fixed.items()})
        from python_calamine import CalamineWorkbook

        book = None
        try:
            book = CalamineWorkbook.from_path(str(path)) if source is None else CalamineWorkbook.from_filelike(source)
            # chart sheets and macro sheets hold no table
            worksheets = [m for m in book.sheets_metadata if str(m.typ).rsplit(".", 1)[-1] == "WorkSheet"]
            raw = [_read_sheet(path, book, meta, fill_merged, problems.get(meta.name)) for meta in worksheets]
        except BaseException as exc:  # calamine's errors, and pyo3 panics (BaseException)
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            raise UnreadableInput(f"{path}: cannot be read as an Excel workbook ({_reason(exc)}).") from None
        finally:
            if book is not None:
                book.close()
        uncached = scan.result()
    return [
        replace(sheet, uncached=uncached.get(sheet.name, frozenset()), strays=tuple(strays.get(sheet.name, ())))
        for sheet in raw
    ]


#: Most cells a sheet's dense read may span (rows × columns between its first and last cell).
MAX_EXTENT = 5_000_000
#: Empty rows or columns that separate a stray value from the table.
ROW_GAP, COLUMN_GAP = 1000, 100
_ANY_WIDE = re.compile(rb' r="([A-Z]{2,3})[0-9]')
_ROW_REF = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="([0-9]{1,7})"')
_ANY_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?(?:/>|>.*?</(?:\w+:)?c>)", re.DOTALL)
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*/>")


def _usable_xml(data: bytes) -> tuple[bytes, list[str]]:
    """A sheet's XML as calamine can read it safely, and the A1 references of the values
    left out of it: UTF-16 converted to UTF-8; values far from the table removed."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or re.match(rb'<\?xml[^>]*encoding="UTF-16"', data[:100], re.I):
        try:
            text = data.decode("utf-16")
            data = re.sub(r'encoding="UTF-16"', 'encoding="UTF-8"', text, count=1, flags=re.I).encode("utf-8")
        except UnicodeDecodeError:
            return data, []
    last = data.rfind(b"<row")  # rows come in order: the last one holds the highest number
    found = _ROW_REF.match(data, last) if last >= 0 else None
    if found is None:
        rows = _ROW_REF.findall(data)
        last_row = int(rows[-1]) if rows else 0
    else:
        last_row = int(found.group(1))
    widest = 26
    if _ANY_WIDE.search(data):  # a column past Z somewhere: find the widest
        widest = max(_column_index(m.decode()) + 1 for m in _ANY_WIDE.findall(data))
    sparse = last_row > 2 * data.count(b"<row") + ROW_GAP
    if last_row * widest <= MAX_EXTENT and not sparse:
        return data, []
    cells = []
    for m in _ANY_CELL.finditer(data):
        ref = _CELL_REF.search(m.group(0)[:200])
        if ref:
            cells.append((int(ref.group(2)) - 1, _column_index(ref.group(1).decode()), m.start(), m.end()))
    keep_rows = _within_gap(sorted({r for r, *_ in cells}), ROW_GAP)
    keep_cols = _within_gap(sorted({c for _, c, *_ in cells}), COLUMN_GAP)
    stray = [(r, c, a, b) for r, c, a, b in cells if r > keep_rows or c > keep_cols]
    if not stray:
        return data, []
    pieces, at = [], 0
    for _r, _c, a, b in stray:
        pieces.append(data[at:a])
        at = b
    pieces.append(data[at:])
    cleaned = _DIMENSION.sub(b"", b"".join(pieces), count=1)
    return cleaned, [cell_ref(r, c) for r, c, *_ in stray]


def _within_gap(values: list[int], gap: int) -> int:
    """The last of the sorted ``values`` before the first gap wider than ``gap``."""
    last = values[0] if values else 0
    for v in values[1:]:
        if v - last > gap:
            break
        last = v
    return last


def _repacked(zf: zipfile.ZipFile, changed: dict[str, bytes], problems: dict[str, str], parts: dict[str, str]):
    """The workbook rebuilt in memory with ``changed`` parts and the damaged sheets
    emptied, for calamine to read instead of the file."""
    import io

    empty = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
        b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
    )
    damaged = {parts[name] for name in problems}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in zf.infolist():
            if info.filename in damaged:
                dst.writestr(info.filename, empty)
            elif info.filename in changed:
                dst.writestr(info.filename, changed[info.filename])
            else:
                try:
                    dst.writestr(info.filename, zf.read(info))
                except ZIP_ERRORS as exc:
                    raise UnreadableInput(
                        f"{zf.filename}: the file is damaged: its part {info.filename} cannot be "
                        f"unpacked ({_reason(exc)}). Open it in Excel or LibreOffice, which may "
                        "repair it, and save it again."
                    ) from None
    out.seek(0)
    return out


def _uncached_in(data: bytes) -> frozenset[tuple[int, int]]:
    if b"<f" not in data and b":f" not in data:  # no formula at all: a plain search, much quicker than the pattern
        return frozenset()
    if not _FORMULA.search(data):
        return frozenset()
    found = set()
    for attrs, inner in _CELL.findall(data):
        if inner and _FORMULA.search(inner) and not _has_cached_value(attrs, inner):
            m = _CELL_REF.search(attrs)
            if m:
                found.add((int(m.group(2)) - 1, _column_index(m.group(1).decode())))
    return frozenset(found)


def _read_sheet(path: Path, book: Any, meta: Any, fill_merged: bool, problem: str | None = None) -> Sheet:
    if problem:
        return Sheet(path, meta.name, [], 0, 0, problem=problem)
    try:
        raw = book.get_sheet_by_name(meta.name)
        start = raw.start
        if start is None:
            return Sheet(path, meta.name, [], 0, 0)
        top, left = start
        rows = raw.to_python(skip_empty_area=True)
        merged = raw.merged_cell_ranges or ()
    except Exception as exc:  # calamine's errors for this sheet's XML: the others can still be read
        return Sheet(path, meta.name, [], 0, 0, problem=f"its data cannot be read: {_reason(exc)}")
    for (r0, c0), (r1, c1) in merged if fill_merged else ():
        _fill_merged(rows, top, left, r0, c0, r1, c1)
    return Sheet(path, meta.name, rows, top, left)


def _fill_merged(rows: list[list[Any]], top: int, left: int, r0: int, c0: int, r1: int, c1: int) -> None:
    i0, j0 = r0 - top, c0 - left
    if not (0 <= i0 < len(rows)) or not (0 <= j0 < len(rows[i0])):
        return
    value = rows[i0][j0]
    for i in range(max(i0, 0), min(r1 - top + 1, len(rows))):
        row = rows[i]
        for j in range(max(j0, 0), min(c1 - left + 1, len(row))):
            if row[j] == "":
                row[j] = value


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


#: What a file that is not a workbook is, by its first bytes.
_MAGIC = [
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF8", "a GIF picture"),
    (b"%PDF", "a PDF document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"<?xml", "an XML file"),
    (b"<!DOCTYPE html", "a web page"),
    (b"<html", "a web page"),
]


def missing_reason(path: Path) -> str:
    """Why ``path`` cannot be opened although it was named: a broken or looping link, or nothing there."""
    if path.is_symlink():
        try:
            path.resolve(strict=True)
        except RuntimeError:
            return "a link that leads back to itself (a loop), not a file"
        except OSError:
            return "a link to something that does not exist"
    return "no such file or folder"


def _open_container(path: Path) -> zipfile.ZipFile:
    try:
        exists = path.exists()
    except OSError:  # a link loop, on some Pythons
        exists = False
    if not exists:
        raise UnreadableInput(f"{path}: {missing_reason(path)}.")
    if not path.is_file():
        raise UnreadableInput(f"{path}: not a file.")
    if path.stat().st_size == 0:
        raise UnreadableInput(
            f"{path}: the file is empty (0 bytes): it holds no workbook. Save the workbook "
            "from Excel again, or remove the file."
        )
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            if head.startswith(_OLE_MAGIC):
                fh.seek(0)
                body = fh.read(64 << 20)
                if "EncryptedPackage".encode("utf-16-le") in body:
                    raise UnreadableInput(
                        f"{path}: the workbook is password-protected. Save a copy without a password "
                        "(File > Info > Protect Workbook > Encrypt with Password, clear it) and use that."
                    )
                raise UnreadableInput(
                    f"{path}: this is an old Excel 97-2003 (.xls) file. Open it in Excel or LibreOffice "
                    "and save it as an Excel Workbook (.xlsx)."
                )
    except OSError as exc:
        raise UnreadableInput(f"{path}: cannot be opened ({exc.strerror or exc}).") from None
    if not head.startswith(_ZIP_MAGIC):
        kind = next((what for magic, what in _MAGIC if head.lower().startswith(magic.lower())), None)
        kind = kind or ("a text or CSV file" if _looks_like_text(head) else "a file of another kind")
        raise UnreadableInput(f"{path}: {kind}, not an Excel workbook (.xlsx). Save it from Excel as .xlsx.")
    try:
        zf = zipfile.ZipFile(path)
    except ZIP_ERRORS as exc:
        raise UnreadableInput(f"{path}: the file is damaged and cannot be opened as a workbook ({exc}).") from None
    try:
        _check_members(path, zf)
    except BaseException:
        zf.close()
        raise
    return zf


def _looks_like_text(head: bytes) -> bool:
    return all(32 <= b < 127 or b in b"\t\r\n" for b in head) or head.startswith(b"\xef\xbb\xbf")


def _check_members(path: Path, zf: zipfile.ZipFile) -> None:
    names = set(zf.namelist())
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            kind = "a Word document"
        elif "ppt/presentation.xml" in names:
            kind = "a PowerPoint presentation"
        elif "mimetype" in names and "content.xml" in names:
            kind = "an OpenDocument file (.ods or .odt): save it from LibreOffice as .xlsx"
        else:
            kind = "a zip archive"
        raise UnreadableInput(f"{path}: {kind}, not an Excel workbook (it has no xl/workbook.xml).")

    def sheet_named(name: str) -> str:  # read only for a message, once the package is found wanting
        sheet = next((n for n, p in _sheet_parts(zf).items() if p == name), None)
        return f"sheet '{sheet}' ({name})" if sheet else f"part {name}"

    check_zip(path, zf, "workbook", sheet_named)
    for info in zf.infolist():
        if info.filename.endswith((".xml", ".rels")):
            try:
                with zf.open(info) as fh:
                    head = fh.read(65536)
            except ZIP_ERRORS as exc:
                sheet = next(
                    (f"sheet '{n}' ({p})" for n, p in _sheet_parts(zf).items() if p == info.filename),
                    f"part {info.filename}",
                )
                raise UnreadableInput(
                    f"{path}: the file is damaged: its {sheet} cannot be unpacked "
                    f"({_reason(exc)}). Open it in Excel or LibreOffice, which may repair it, "
                    "and save it again."
                ) from None
            if _DTD.search(head):
                raise UnreadableInput(
                    f"{path}: refused: {info.filename} declares XML entities, which Excel never writes "
                    "(an 'XML bomb' does). Re-save the workbook from Excel."
                )


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip member of its XML."""
    from defusedxml import ElementTree

    try:
        book = ElementTree.fromstring(zf.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except Exception:
        return {}
    targets = {}
    for rel in rels:
        target = rel.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[rel.get("Id")] = target
    parts = {}
    for el in book.iter():
        if el.tag.endswith("}sheet") or el.tag == "sheet":
            rid = el.get(f"{{{_NS_REL}}}id")
            if rid in targets:
                parts[el.get("name", "")] = targets[rid]
    return parts


def _has_cached_value(attrs: bytes, inner: bytes) -> bool:
    # A text formula may cache an empty string (t="str" with <v></v>); any other
    # cell needs a non-empty <v>. openpyxl, for one, writes <v></v> for every formula.
    if _VALUE.search(inner):
        return True
    return b't="str"' in attrs and b"<v" in inner
