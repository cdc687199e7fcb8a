"""Writing vlr workbooks: sheets of rows, headings styled and frozen, into a new folder.

An importer hands over the rows of each sheet; this module writes them with openpyxl's
streaming writer (a sheet of tens of thousands of rows in well under a second) and puts
the folder in place in one step, so that a failed import leaves nothing behind and an
existing review is never overwritten.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from vlr.exceptions import OutputError

Sheets = dict[str, list[list]]


def _write_workbook(path: Path, sheets: Sheets, widths: dict[str, list[float]]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    wb = Workbook(write_only=True)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE6F0")
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        ws.freeze_panes = "A2"
        for letter_index, width in enumerate(widths.get(name, []), 1):
            from openpyxl.utils import get_column_letter

            ws.column_dimensions[get_column_letter(letter_index)].width = width
        for n, row in enumerate(rows):
            if n == 0:
                cells = []
                for text in row:
                    cell = WriteOnlyCell(ws, value=text)
                    cell.font, cell.fill = bold, fill
                    cells.append(cell)
                ws.append(cells)
            else:
                ws.append(row)
    wb.save(path)


def write_folder(folder: str | os.PathLike, workbooks: dict[str, Sheets],
                 widths: dict[str, list[float]] | None = None) -> list[Path]:  # fmt: skip
    """Write ``workbooks`` (file name → sheets) into the new or empty ``folder``.

    Raises :class:`OutputError` when the folder already holds files: an import never
    mixes with, or overwrites, a review."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise OutputError(f"{folder}: the folder is not empty. Give a new folder for the imported workbooks "
                          "(vlr never overwrites a review).")  # fmt: skip
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError as exc:
        raise OutputError(f"Cannot write {folder}: {exc.strerror or exc}.") from None
    try:
        for name, sheets in workbooks.items():
            _write_workbook(staging / name, sheets, widths or {})
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
