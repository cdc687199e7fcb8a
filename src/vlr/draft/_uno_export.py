"""Run by the system Python that has LibreOffice's UNO bridge (Debian's python3-uno):

    python3 _uno_export.py IN.docx OUT.pdf

Opens the document in a private headless LibreOffice, updates every index (the table of
contents) and field, and exports a tagged PDF (PDF/UA). Prints the page count.
"""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(source, target):
    profile = tempfile.mkdtemp(prefix="vlr-lo-")
    pipe = f"vlr{os.getpid()}"
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(600):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                if office.poll() is not None:
                    raise SystemExit("LibreOffice stopped while starting") from None
                time.sleep(0.1)
        else:
            raise SystemExit("LibreOffice did not start within 60 s")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(source)), "_blank", 0, (prop("Hidden", True),)
        )
        indexes = doc.getDocumentIndexes()
        for i in range(indexes.getCount()):
            indexes.getByIndex(i).update()
        doc.getTextFields().refresh()
        for i in range(indexes.getCount()):  # page numbers settle after the first update
            indexes.getByIndex(i).update()
        filter_data = uno.Any(
            "[]com.sun.star.beans.PropertyValue",
            (
                prop("UseTaggedPDF", True),
                prop("PDFUACompliance", True),
                prop("ExportBookmarks", True),
                prop("ExportFormFields", False),
            ),
        )
        args = uno.Any(
            "[]com.sun.star.beans.PropertyValue",
            (
                prop("FilterName", "writer_pdf_Export"),
                prop("FilterData", filter_data),
            ),
        )
        uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(os.path.abspath(target)), args))
        pages = doc.getCurrentController().getPropertyValue("PageCount")
        doc.close(True)
        print(pages)
        with contextlib.suppress(Exception):
            desktop.terminate()
    finally:
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
