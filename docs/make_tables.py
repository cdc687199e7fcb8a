"""Write the tables of the officers' guide and the README from the code they describe:
each sheet's columns from :data:`vlr.workbook.schema.HELP`, the rules from
:mod:`vlr.rules`. ``make docs`` runs it; the tests fail while a table is out of date.

    python docs/make_tables.py          # rewrite the tables in place
    python docs/make_tables.py --check  # exit 1 when a table is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "workbook-format.md"
README = ROOT / "README.md"


def replace_table(text: str, heading: str, table: str) -> str:
    """``text`` with the first Markdown table after the line starting with ``heading`` made ``table``."""
    at = text.index(f"\n{heading}") + 1
    start = text.index("\n|", at) + 1
    end = text.find("\n\n", start)
    end = len(text) if end < 0 else end
    return text[:start] + table + text[end:]


def guide(text: str) -> str:
    from vlr import rules
    from vlr.workbook import schema

    for sheet in schema.HELP:
        text = replace_table(text, f"## {sheet}", schema.help_table(sheet))
    return replace_table(text, "## What vlr checks", rules.table("validate"))


def readme(text: str) -> str:
    from vlr import rules

    return replace_table(text, "### `vlr check-docx FILE`", rules.table("check-docx"))


def main(argv: list[str]) -> int:
    stale = []
    for path, make in ((GUIDE, guide), (README, readme)):
        text = path.read_text(encoding="utf-8")
        fresh = make(text)
        if fresh != text:
            stale.append(path.relative_to(ROOT))
            if "--check" not in argv:
                path.write_text(fresh, encoding="utf-8")
    if stale and "--check" in argv:
        print(f"out of date: {', '.join(map(str, stale))}; run make docs", file=sys.stderr)
        return 1
    for path in stale:
        print(f"wrote the tables of {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
