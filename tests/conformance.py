"""Conformance of the Office files vlr writes, as Word and Excel read them: every XML part
validated against the ECMA-376 schemas (``../shared/data/ooxml-xsd/``, used where they are),
after Markup Compatibility is handled as Word handles it; Excel's limits kept; and what
``vlr check-docx`` checks of any package (Word's order, ids unique across parts,
relationships that resolve). :func:`problems` lists what is wrong, each with its part.
"""

from __future__ import annotations

import functools
import re
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

XSD = Path(__file__).resolve().parents[2] / "shared" / "data" / "ooxml-xsd"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#: The XML namespace's two attributes the schemas refer to (the W3C's xml.xsd, in brief).
XML_NS = """<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema"
 targetNamespace="http://www.w3.org/XML/1998/namespace">
 <xsd:attribute name="space"><xsd:simpleType><xsd:restriction base="xsd:NCName">
  <xsd:enumeration value="default"/><xsd:enumeration value="preserve"/>
 </xsd:restriction></xsd:simpleType></xsd:attribute>
 <xsd:attribute name="lang" type="xsd:language"/>
</xsd:schema>"""
#: Root element namespace → the schema file that declares it.
SCHEMAS = {
    W: "wml.xsd",
    S: "sml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "dml-main.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing": "dml-spreadsheetDrawing.xsd",
    "http://schemas.openxmlformats.org/package/2006/content-types": "opc-xsd/opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": "opc-xsd/opc-relationships.xsd",
    # app.xml
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": (
        "shared-documentPropertiesExtended.xsd"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties": "shared-documentPropertiesCustom.xsd",
}
#: Excel's limits (Microsoft's "Excel specifications and limits").
EXCEL_LIMITS = {"error": 255, "prompt": 255, "errorTitle": 32, "promptTitle": 32}


def available() -> bool:
    return (XSD / "wml.xsd").is_file()


@functools.cache
def schema(namespace: str) -> etree.XMLSchema:
    folder = Path(tempfile.mkdtemp(prefix="vlr-xsd-"))
    (folder / "xml.xsd").write_text(XML_NS, encoding="utf-8")
    imports = [("http://www.w3.org/XML/1998/namespace", folder / "xml.xsd"), (namespace, XSD / SCHEMAS[namespace])]
    driver = (
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:vlr:driver">'
        + "".join(f'<xsd:import namespace="{ns}" schemaLocation="{loc.as_uri()}"/>' for ns, loc in imports)
        + "</xsd:schema>"
    )
    return etree.XMLSchema(etree.fromstring(driver))


def compatible(root: etree._Element) -> etree._Element:
    """The part as Word reads it: what ``mc:Ignorable`` namespaces hold dropped, and an
    ``mc:AlternateContent`` replaced by its fallback."""
    root = etree.fromstring(etree.tostring(root))
    ignorable = set()
    for el in root.iter():
        given = el.get(f"{{{MC}}}Ignorable")
        if given:
            ignorable |= {el.nsmap.get(p) for p in given.split()} - {None}
    for alt in list(root.iter(f"{{{MC}}}AlternateContent")):
        fallback = alt.find(f"{{{MC}}}Fallback")
        parent = alt.getparent()
        at = parent.index(alt)
        for child in reversed(list(fallback) if fallback is not None else []):
            parent.insert(at, child)
        parent.remove(alt)
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if etree.QName(el).namespace in ignorable and el.getparent() is not None:
            el.getparent().remove(el)
            continue
        for name in list(el.attrib):
            if name.startswith("{") and (name[1:].split("}")[0] in ignorable or name == f"{{{MC}}}Ignorable"):
                del el.attrib[name]
    return root


def problems(path: str | Path) -> list[str]:
    """Everything in the .docx or .xlsx at ``path`` that Word or Excel would complain of: the
    schemas' verdict on every part, Excel's limits, and what ``vlr check-docx`` checks of a
    package (order, ids, relationships: :mod:`vlr.draft.wordfile`)."""
    from vlr.draft.wordfile import check_package

    found: list[str] = []
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        parts = {n: etree.fromstring(z.read(n)) for n in names if n.endswith((".xml", ".rels"))}
    for name, root in sorted(parts.items()):
        ns = etree.QName(root).namespace
        if ns not in SCHEMAS:
            continue  # w14/w15 parts: no schema here; Word ignores what it does not know
        checker = schema(ns)
        if not checker.validate(compatible(root)):
            found += [f"{name} line {e.line}: {e.message}" for e in checker.error_log]
        if ns == S:
            found += _excel_limits(name, root)
    check_package(path, lambda rule, place, message, hint=None: found.append(f"{place}: [{rule.code}] {message}"))
    return found


def _excel_limits(name: str, part) -> list[str]:
    out = []
    for dv in part.iter(f"{{{S}}}dataValidation"):
        for attr, most in EXCEL_LIMITS.items():
            if len(dv.get(attr) or "") > most:
                out.append(f"{name}: a data validation's {attr} has {len(dv.get(attr))} characters (Excel: {most})")
    for sheet in part.iter(f"{{{S}}}sheet"):
        if len(sheet.get("name") or "") > 31:
            out.append(f"{name}: sheet name {sheet.get('name')!r} is over 31 characters")
    return out


def summary(found: list[str], most: int = 12) -> str:
    """The problems grouped by their message without line numbers, for an assertion's text."""
    groups: dict[str, int] = {}
    for p in found:
        key = re.sub(r" line \d+", "", p)[:220]
        groups[key] = groups.get(key, 0) + 1
    return "\n".join(f"{n} × {k}" for k, n in sorted(groups.items(), key=lambda kv: -kv[1])[:most])
