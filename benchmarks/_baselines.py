"""The baselines the benchmarks measure vlr against, in the same run: the least work that
gives the same result with the fastest libraries at hand.

    python benchmarks/_baselines.py raw-read FOLDER     # every cell of every .xlsx (python-calamine)
    python benchmarks/_baselines.py csv-read FOLDER     # every row of every data/*.csv (csv)
    python benchmarks/_baselines.py lxml-write DOCX [--runs 5]

``raw-read`` and ``csv-read`` are run as whole processes, like the vlr commands beside
them. ``lxml-write`` is the render stage's baseline: it takes a draft vlr wrote, notes every
element of its ``word/document.xml`` (tag, attributes, text), and then, timed, makes the
same tree again with lxml alone (``etree.SubElement``, one call per element: the same
paragraphs, runs, tables, rows and cells, the same bytes), serialises it and zips it with the
draft's other parts as vlr zips them (pictures stored, the rest deflated). Then the same
XML written as text (each distinct start tag made once, the pieces joined), the floor of
any writer in Python. It prints the seconds of each run of each as JSON, with the size of
the XML each wrote beside the draft's.
"""

from __future__ import annotations

import sys
from pathlib import Path


def raw_read(folder: Path) -> int:
    """Every cell of every sheet through python-calamine: the floor for any reader."""
    from python_calamine import CalamineWorkbook

    cells = 0
    paths = [folder] if folder.is_file() else sorted(folder.glob("*.xlsx"))
    for path in paths:
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            cells += sum(len(r) for r in book.get_sheet_by_name(name).to_python())
        book.close()
    return cells


def csv_read(root: Path) -> int:
    """Every row of every CSV file of an Open SDG repository's data folder."""
    import csv

    count = 0
    for path in sorted((root / "data").glob("*.csv")):
        with path.open(newline="", encoding="utf-8-sig") as fh:
            count += sum(1 for _ in csv.reader(fh))
    return count


def lxml_read(root: Path) -> int:
    """Every observation of the SDMX-ML files of a folder's data folder."""
    from lxml import etree

    return sum(1 for path in (root / "data").glob("*.xml") for _ in etree.parse(str(path)).iter("Obs"))


# --- the render stage's baseline -----------------------------------------------------------

STORED = (".png", ".jpeg", ".jpg", ".gif", ".emf", ".wmf")


def skeleton(xml: bytes) -> list[tuple[int, str, dict, str | None, dict | None]]:
    """Every element of the XML ``xml``, in document order, as ``(depth, tag, attributes,
    text, namespaces declared on it)``. (WordprocessingML has no mixed content: the text
    between elements is never more than whitespace, and is left out.)"""
    import io

    from lxml import etree

    nodes: list = []
    shared: dict[tuple, dict] = {}  # one dict for all elements with the same attributes
    open_: list[int] = []
    declared: dict[str, str] = {}
    for event, item in etree.iterparse(io.BytesIO(xml), events=("start-ns", "start", "end"), huge_tree=True):
        if event == "start-ns":
            declared[item[0] or None] = item[1]
        elif event == "start":
            items = tuple(item.attrib.items())
            nodes.append([len(open_), item.tag, shared.setdefault(items, dict(items)), None, declared or None])
            declared = {}
            open_.append(len(nodes) - 1)
        else:
            nodes[open_.pop()][3] = item.text
            item.clear()  # its children are noted: the tree need not be kept
    return [tuple(node) for node in nodes]


def write_like(nodes, parts: list[tuple[str, bytes]]) -> tuple[bytes, int]:
    """The tree of ``nodes`` made with lxml, serialised, and zipped with ``parts`` (the
    draft's other entries, its ``word/document.xml`` replaced): the package's bytes, and the
    size of the XML."""
    from lxml import etree

    sub = etree.SubElement
    stack: list = []
    root = None
    for depth, tag, attributes, text, namespaces in nodes:
        if depth == 0:
            element = root = etree.Element(tag, attributes, nsmap=namespaces)
        elif namespaces:
            element = sub(stack[depth - 1], tag, attributes, nsmap=namespaces)
        else:
            element = sub(stack[depth - 1], tag, attributes)
        if text:
            element.text = text
        del stack[depth:]
        stack.append(element)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return zipped(xml, parts), len(xml)


def write_as_text(nodes, parts: list[tuple[str, bytes]]) -> tuple[bytes, int]:
    """The same XML as :func:`write_like`, written as text: each start tag made once for
    each tag and set of attributes and the pieces joined (the floor of a writer in Python
    that knows the document's shape), then zipped the same way."""
    prefixes = {"http://www.w3.org/XML/1998/namespace": "xml:"}

    def name(clark: str) -> str:
        if clark[0] != "{":
            return clark
        uri, _, local = clark[1:].partition("}")
        return prefixes.get(uri, "") + local

    starts: dict[tuple[str, int], tuple[str, str, str]] = {}
    out: list[str] = ["<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"]
    ends: list[tuple[str, int, str]] = []  # the end tag, where the start is in out, the empty form
    for depth, tag, attributes, text, namespaces in nodes:
        while len(ends) > depth:
            end, at, empty = ends.pop()
            if at == len(out) - 1:
                out[at] = empty
            else:
                out.append(end)
        if namespaces:  # rare (the root, pictures): not shared
            prefixes.update({uri: (f"{p}:" if p else "") for p, uri in namespaces.items()})
            xmlns = "".join(f' xmlns:{p}="{uri}"' if p else f' xmlns="{uri}"' for p, uri in namespaces.items())
            known = None
        else:
            xmlns = ""
            known = starts.get((tag, id(attributes)))
        if known is None:
            qname = name(tag)
            attrs = "".join(f' {name(k)}="{_escape(v, True)}"' for k, v in attributes.items())
            known = (f"<{qname}{xmlns}{attrs}>", f"</{qname}>", f"<{qname}{xmlns}{attrs}/>")
            if not namespaces:
                starts[tag, id(attributes)] = known
        ends.append((known[1], len(out), known[2]))
        out.append(known[0])
        if text:
            out.append(_escape(text))
    while ends:
        end, at, empty = ends.pop()
        if at == len(out) - 1:
            out[at] = empty
        else:
            out.append(end)
    xml = "".join(out).encode()
    return zipped(xml, parts), len(xml)


def _escape(text: str, quote: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


def zipped(xml: bytes, parts: list[tuple[str, bytes]]) -> bytes:
    """``parts`` zipped as vlr zips a draft, ``xml`` as its ``word/document.xml``."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, blob in parts:
            if name == "word/document.xml":
                blob = xml
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_STORED if name.lower().endswith(STORED) else zipfile.ZIP_DEFLATED
            package.writestr(entry, blob)
    return out.getvalue()


def lxml_write(docx: Path, runs: int) -> dict:
    import json
    import time
    import zipfile

    with zipfile.ZipFile(docx) as package:
        parts = [(name, package.read(name)) for name in package.namelist()]
    xml = dict(parts)["word/document.xml"]
    nodes = skeleton(xml)
    found = {"draft_xml_bytes": len(xml), "elements": len(nodes)}
    for key, writer in (("lxml", write_like), ("text", write_as_text)):
        times, size = [], 0
        for _ in range(runs):
            start = time.perf_counter()
            _, size = writer(nodes, parts)
            times.append(time.perf_counter() - start)
        found[key] = {"seconds": times, "xml_bytes": size}
    print(json.dumps(found))
    return found


def main(argv: list[str]) -> None:
    what, path = argv[0], Path(argv[1])
    if what == "raw-read":
        print(raw_read(path))
    elif what == "csv-read":
        print(csv_read(path))
    elif what == "lxml-read":
        print(lxml_read(path))
    elif what == "lxml-write":
        runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 5
        lxml_write(path, runs)
    else:
        sys.exit(f"unknown baseline {what!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
