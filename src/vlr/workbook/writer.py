"""Writing vlr workbooks: sheets of rows, headings styled and frozen, into a new folder.

An importer hands over the rows of each sheet; this module writes them with openpyxl's
streaming writer (a sheet of tens of thousands of rows in well under a second) and puts
the folder in place in one step, so that a failed import leaves nothing behind and an
existing review is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import tempfile
from pathlib import Path

from vlr.exceptions import OutputError
from vlr.output import deterministic_zip

#: The time stored in the workbooks' properties: none of the import's business, and a
#: fixed one makes the same source give the same bytes.
FIXED_TIME = dt.datetime(2000, 1, 1)

Sheets = dict[str, list[list]]


def workbook_bytes(sheets: Sheets, widths: dict[str, list[float]]) -> bytes:
    """The .xlsx bytes of ``sheets`` (name → rows, the first row the headings), written
    with openpyxl's streaming writer; the same rows give the same bytes."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    wb.properties.created = wb.properties.modified = FIXED_TIME
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE6F0")
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        ws.freeze_panes = "A2"
        for j, width in enumerate(widths.get(name, []), 1):
            ws.column_dimensions[get_column_letter(j)].width = width
        for n, row in enumerate(rows):
            if n == 0:
                heads = [WriteOnlyCell(ws, value=text) for text in row]
                for cell in heads:
                    cell.font, cell.fill = bold, fill
                ws.append(heads)
            else:
                ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return deterministic_zip(buffer.getvalue(), stamp=FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ"))


def write_folder(
    folder: str | os.PathLike, workbooks: dict[str, Sheets | bytes], widths: dict[str, list[float]] | None = None
) -> list[Path]:
    """Write ``workbooks`` (file name → sheets, or the file's bytes) into the new or
    empty ``folder``.

    Raises :class:`OutputError` when the folder already holds files: an import never
    mixes with, or overwrites, a review."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise OutputError(
            f"{folder}: the folder is not empty. Give a new folder for the imported workbooks "
            "(vlr never overwrites a review)."
        )
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError as exc:
        raise OutputError(f"Cannot write {folder}: {exc.strerror or exc}.") from None
    try:
        for name, sheets in workbooks.items():
            data = sheets if isinstance(sheets, bytes) else workbook_bytes(sheets, widths or {})
            (staging / name).write_bytes(data)
        os.chmod(staging, 0o755)
        if folder.exists():
            folder.rmdir()  # empty, checked above
        os.replace(staging, folder)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(f"Cannot write {folder}: {exc.strerror or exc}.") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [folder / name for name in workbooks]
