"""Exporting the draft to a tagged PDF (PDF/UA) through LibreOffice, headless.

With Debian's python3-uno, LibreOffice first updates the table of contents and the
fields, then exports (:mod:`vlr.draft._uno_export`, run by the system Python). Without it,
``soffice --convert-to`` exports the PDF with the table of contents as Word left it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from vlr.exceptions import OutputError, VlrError
from vlr.output import replace_file

TIMEOUT = 300
_FILTER = {
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "PDFUACompliance": {"type": "boolean", "value": "true"},
}


def uno_python() -> str | None:
    """A Python interpreter that can import LibreOffice's ``uno`` module."""
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and Path(candidate).exists():
            probe = subprocess.run([candidate, "-c", "import uno"], capture_output=True)
            if probe.returncode == 0:
                return candidate
    return None


def export_pdf(docx: Path, pdf: Path | None = None, *, force: bool = False) -> Path:
    """Write ``docx`` as a tagged PDF beside it (or at ``pdf``) and return the path; a PDF
    that was there is kept as ``NAME.previous.pdf`` unless ``force``
    (:func:`vlr.output.replace_file`)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise VlrError(
            "--pdf needs LibreOffice, which is not installed. Install it (Debian: apt-get install "
            "libreoffice-writer-nogui python3-uno) or open the .docx in Word and save it as PDF."
        )
    target = pdf or docx.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="vlr-pdf-") as tmp:
        out = Path(tmp) / target.name
        # vlr's notes in the margin are for the people editing, not for the PDF (and
        # LibreOffice's index update fails on a document with many of them)
        source = Path(tmp) / docx.name
        source.write_bytes(without_notes(docx.read_bytes()))
        docx = source
        python = uno_python()
        try:
            if python:
                script = Path(__file__).with_name("_uno_export.py")
                run = subprocess.run(
                    [python, str(script), str(docx), str(out)], capture_output=True, text=True, timeout=TIMEOUT
                )
            else:
                filter_ = "pdf:writer_pdf_Export:" + json.dumps(_FILTER)
                run = subprocess.run(
                    [soffice, "--headless", "--convert-to", filter_, "--outdir", tmp, str(docx)],
                    capture_output=True,
                    text=True,
                    timeout=TIMEOUT,
                )
                produced = Path(tmp) / docx.with_suffix(".pdf").name
                if produced.exists():
                    produced.rename(out)
        except subprocess.TimeoutExpired:
            raise OutputError(f"LibreOffice did not finish the PDF of {docx} within {TIMEOUT} s.") from None
        if run.returncode != 0 or not out.exists():
            detail = (run.stderr or run.stdout).strip().splitlines()[-1:] or ["no output"]
            raise OutputError(f"LibreOffice could not export {docx} to PDF ({detail[0]}).")
        replace_file(target, out.read_bytes(), force=force)
    return target


def toc_fills_in() -> bool:
    """Whether the PDF export can fill the table of contents (python3-uno is there)."""
    return uno_python() is not None


def without_notes(data: bytes) -> bytes:
    """A .docx without vlr's notes in the margin (:data:`vlr.draft.regions.NOTE`); other
    comments are kept."""
    import io
    import zipfile

    from lxml import etree

    from vlr.draft.docx_xml import remove_comments
    from vlr.draft.regions import NOTE_AUTHOR

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        parts = {n: z.read(n) for n in names}
    if "word/comments.xml" not in parts:
        return data
    comments = etree.fromstring(parts["word/comments.xml"])
    ids = {c.get(f"{w}id") for c in comments if c.get(f"{w}author") == NOTE_AUTHOR}
    if not ids:
        return data
    for c in list(comments):
        if c.get(f"{w}id") in ids:
            comments.remove(c)
    root = etree.fromstring(parts["word/document.xml"])
    remove_comments(root, ids)
    parts["word/comments.xml"] = etree.tostring(comments, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            z.writestr(name, parts[name])
    return out.getvalue()
