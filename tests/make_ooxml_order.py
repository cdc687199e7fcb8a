"""Write src/vlr/data/ooxml-order.json: the order Word wants the children of the elements it
is strictest about in, derived from the ECMA-376 schema (../shared/data/ooxml-xsd/wml.xsd,
read where it is; only this derived order is shipped, for ``vlr check-docx``).

    python tests/make_ooxml_order.py

Each element maps its children's names to a rank: a child must not come after one of a
higher rank. A child the schema allows in two places (a bookmark before or between rows) is
left out: it may stand anywhere. Children of one ``xsd:choice`` share a rank, except in ``EG_RPrBase`` (the
children of ``w:rPr``), which Word's own schema makes a sequence.
"""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
WML = ROOT.parent / "shared" / "data" / "ooxml-xsd" / "wml.xsd"
OUT = ROOT / "src" / "vlr" / "data" / "ooxml-order.json"
X = "{http://www.w3.org/2001/XMLSchema}"
#: Element (``parent/child`` where the child's type depends on its parent) → its schema type.
TYPES = {
    "p": "CT_P",
    "pPr": "CT_PPr",
    "pPr/rPr": "CT_ParaRPr",
    "rPr": "CT_RPr",
    "tbl": "CT_Tbl",
    "tblPr": "CT_TblPr",
    "tc": "CT_Tc",
    "tcPr": "CT_TcPr",
    "sectPr": "CT_SectPr",
    "settings": "CT_Settings",
    "style": "CT_Style",
}
SEQUENCE_GROUPS = {"EG_RPrBase"}


def ranks(schema, type_name: str) -> dict[str, int]:
    found: dict[str, int] = {}
    twice: set[str] = set()
    counter = [0]

    def walk(node, in_sequence_group: bool = False) -> None:
        tag = node.tag
        if tag == f"{X}element":
            name = node.get("name") or node.get("ref", "").split(":")[-1]
            if found.setdefault(name, counter[0]) != counter[0]:
                twice.add(name)  # allowed in two places (a bookmark before or between rows): any
            counter[0] += 1
        elif tag == f"{X}choice" and not in_sequence_group:
            start = counter[0]
            for child in node:
                counter[0] = start
                walk(child)
            counter[0] = start + 1
        elif tag == f"{X}group" and node.get("ref"):
            name = node.get("ref").split(":")[-1]
            group = schema.find(f".//{X}group[@name='{name}']")
            for child in group:
                walk(child, name in SEQUENCE_GROUPS)
        elif tag in (f"{X}extension",):
            base = node.get("base").split(":")[-1]
            walk_type(base)
            for child in node:
                walk(child, in_sequence_group)
        else:
            for child in node:
                walk(child, in_sequence_group)

    def walk_type(name: str) -> None:
        node = schema.find(f".//{X}complexType[@name='{name}']")
        if node is not None:
            for child in node:
                walk(child)

    walk_type(type_name)
    return {name: rank for name, rank in found.items() if name not in twice}


def orders() -> dict[str, dict[str, int]]:
    schema = etree.parse(str(WML))
    return {element: ranks(schema, type_name) for element, type_name in TYPES.items()}


if __name__ == "__main__":
    OUT.write_text(json.dumps(orders(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
