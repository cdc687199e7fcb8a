"""The draft's file on disk: checking that it can be updated (there, not open in Word or
LibreOffice, a .docx that vlr wrote); the previous one is kept beside it before it is
replaced by :func:`vlr.output.keep_copy`."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from lxml import etree

from vlr.draft import regions as R
from vlr.draft.living.package import DOCUMENT
from vlr.exceptions import DraftInUse, NotADraft
from vlr.inputs import check_package, read_bytes


def lock_file(draft: Path) -> Path | None:
    """The lock file Word (``~$…``) or LibreOffice (``.~lock.….docx#``) keeps beside an open
    draft, if there is one."""
    name = draft.name
    candidates = [f".~lock.{name}#", f"~${name}", f"~${name[2:]}" if len(name) > 2 else None, f"~${name[1:]}"]
    for candidate in candidates:
        if candidate and (draft.parent / candidate).exists():
            return draft.parent / candidate
    return None


#: The parts an update and a carry-over read, which every .docx has.
NEEDED = ("[Content_Types].xml", DOCUMENT, "word/_rels/document.xml.rels")
BODY = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body"


def check_draft(draft: Path, locked_ok: bool = False, examine: bool = True) -> bytes:
    """The bytes of the draft to update, after checking that it can be: there, not open
    (unless ``locked_ok``: it is only read), a .docx that vlr wrote, and (with ``examine``)
    whole: every part unpacked and parsed (:func:`vlr.inputs.check_package`), so that a
    damaged draft is refused in one line before the build starts, not met half-way."""
    lock = lock_file(draft)
    if lock is not None and not locked_ok:
        raise DraftInUse(
            f"{draft}: the draft is open ({lock.name} is there); close it in Word or LibreOffice and "
            "run the update again."
        )
    data = read_bytes(draft, "docx", what="draft")
    parsed = check_package(draft, data, "Word document", keep=(DOCUMENT,)) if examine else {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            properties = R.read_properties(package)
            missing = [name for name in NEEDED if name not in package.NameToInfo]
            document = parsed.get(DOCUMENT) if not missing else None
            if document is None and not missing:  # not examined: parsed here, once
                document = etree.fromstring(package.read(DOCUMENT))
            body = document.find(BODY) if document is not None else None
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError):
        raise NotADraft(f"{draft}: not a Word document (.docx) that can be read.") from None
    if missing:
        raise NotADraft(
            f"{draft}: damaged: the Word document has no {missing[0]}, which every .docx holds; open it in Word, "
            "which may repair it, and save it again."
        )
    if body is None:
        raise NotADraft(f"{draft}: damaged: its document part has no body; open it in Word and save it again.")
    if not R.recorded(properties):
        raise NotADraft(
            f"{draft}: not a draft vlr wrote (its document properties name no parts vlr generates); "
            "build a new draft with vlr build."
        )
    return data
