"""The draft's file on disk: checking that it can be updated (there, not open in Word or
LibreOffice, a .docx that vlr wrote) and keeping the previous one beside it before it is
replaced."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

from lxml import etree

from vlr.draft import regions as R
from vlr.draft.living.package import DOCUMENT
from vlr.exceptions import DraftInUse, NotADraft, OutputError, UnreadableInput


def lock_file(draft: Path) -> Path | None:
    """The lock file Word (``~$…``) or LibreOffice (``.~lock.….docx#``) keeps beside an open
    draft, if there is one."""
    name = draft.name
    candidates = [f".~lock.{name}#", f"~${name}", f"~${name[2:]}" if len(name) > 2 else None, f"~${name[1:]}"]
    for candidate in candidates:
        if candidate and (draft.parent / candidate).exists():
            return draft.parent / candidate
    return None


def check_draft(draft: Path, locked_ok: bool = False) -> bytes:
    """The bytes of the draft to update, after checking that it can be: there, not open
    (unless ``locked_ok``: it is only read), a .docx that vlr wrote."""
    lock = lock_file(draft)
    if lock is not None and not locked_ok:
        raise DraftInUse(
            f"{draft}: the draft is open ({lock.name} is there); close it in Word or LibreOffice and "
            "run the update again."
        )
    try:
        data = draft.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"{draft}: cannot be read ({exc.strerror or exc}).") from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            properties = R.read_properties(package)
            package.getinfo(DOCUMENT)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError):
        raise NotADraft(f"{draft}: not a Word document (.docx) that can be read.") from None
    if not R.recorded(properties):
        raise NotADraft(
            f"{draft}: not a draft vlr wrote (its document properties name no parts vlr generates); "
            "build a new draft with vlr build."
        )
    return data


def keep_previous(draft: Path) -> Path:
    """Copy ``draft`` to ``DRAFT.previous.docx`` (or ``DRAFT.previous-2.docx``, … where
    that is taken) before it is replaced: nothing is lost. A name that is taken by anything,
    a link that points nowhere too, is skipped, and the copy is made as a new file, never
    through a link (``O_EXCL``)."""
    data = draft.read_bytes()
    n = 1
    while True:
        backup = draft.with_name(f"{draft.stem}.previous{'' if n == 1 else f'-{n}'}{draft.suffix}")
        n += 1
        if os.path.lexists(backup):
            continue
        try:
            with open(backup, "xb") as out:
                out.write(data)
        except FileExistsError:
            continue  # taken meanwhile
        except OSError as exc:
            raise OutputError(f"{backup}: cannot keep the previous draft there ({exc.strerror or exc}).") from None
        shutil.copystat(draft, backup)
        return backup
