"""The catalogue of rules (vlr.rules): declared once, used by every finding, and the
source of the guides' tables of rules."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from conftest import ROOT
from vlr import rules
from vlr.findings import Finding, Severity

SRC = ROOT / "src" / "vlr"


def rule_table_in(path: Path, heading: str) -> str:
    """The Markdown table of rules that follows ``heading`` in ``path``."""
    text = path.read_text(encoding="utf-8")
    start = text.index("| Rule | Severity | What it means |", text.index(heading))
    end = text.find("\n\n", start)
    return text[start : end if end >= 0 else None].rstrip("\n")


def test_the_guide_lists_exactly_the_catalogues_workbook_rules():
    table = rule_table_in(ROOT / "docs" / "workbook-format.md", "## What vlr checks")
    assert table == rules.table("validate"), "the rules table of docs/workbook-format.md is out of date: run make docs"


def test_the_readme_lists_exactly_the_catalogues_document_rules():
    table = rule_table_in(ROOT / "README.md", "### `vlr check-docx FILE`")
    assert table == rules.table("check-docx"), "the check-docx table of the README is out of date: run make docs"


def test_each_rule_is_declared_once_under_its_own_name():
    declared = {name: value for name, value in vars(rules).items() if isinstance(value, rules.Rule)}
    assert len(declared) == len(rules.RULES), "two rules share a code"
    for name, rule in declared.items():
        assert name == rule.code.upper().replace("-", "_"), name
        assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.code), rule.code
        assert rule.command in ("validate", "check-docx"), rule.code
        assert rule.title and not rule.title.endswith("."), rule.code
        assert rule.unless is None or rule.unless[0] != rule.severity, rule.code


def test_a_finding_takes_its_rules_severity_and_default_hint():
    f = Finding.of(rules.COLUMN_DUPLICATE, "two columns are headed 'ID'.", cell="B1")
    assert (f.severity, f.rule, f.cell) == (Severity.ERROR, "column-duplicate", "B1")
    assert f.hint == "delete or rename one of them"
    assert Finding.of(rules.COLUMN_DUPLICATE, "m", "a hint of its own").hint == "a hint of its own"
    assert Finding.of(rules.VALUE_MISSING, "Themes is empty", severity=Severity.WARNING).severity == Severity.WARNING


def test_a_finding_of_an_undeclared_rule_or_severity_is_refused():
    with pytest.raises(ValidationError, match="not declared"):
        Finding(severity=Severity.ERROR, rule="no-such-rule", message="m")
    with pytest.raises(ValidationError, match="is not a note"):
        Finding(severity=Severity.NOTE, rule="target-unknown", message="m")
    with pytest.raises(ValidationError, match="is not an error"):
        Finding.of(rules.SHEET_EMPTY, "m", severity=Severity.ERROR)


# --- the source: every rule it names is declared, every declared rule is named --------


def rule_uses(tree: ast.AST) -> tuple[set[str], set[str]]:
    """The rule codes a module writes as strings (``rule="…"``, ``{"rule": "…"}``,
    ``f.rule == "…"``) and the names it takes from vlr.rules (``rules.NAME``, imports)."""
    codes, names = set(), set()
    aliases = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "vlr":
            aliases |= {a.asname or a.name for a in node.names if a.name == "rules"}
        elif isinstance(node, ast.ImportFrom) and node.module == "vlr.rules":
            names |= {a.name for a in node.names}
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg == "rule" and isinstance(node.value, ast.Constant):
            codes.add(node.value.value)
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if isinstance(key, ast.Constant) and key.value == "rule" and isinstance(value, ast.Constant):
                    codes.add(value.value)
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Attribute) and s.attr == "rule" for s in sides):
                codes |= {s.value for s in sides if isinstance(s, ast.Constant)}
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
            names.add(node.attr)
    return codes, names


def source_uses() -> tuple[dict[str, str], dict[str, str]]:
    """Every rule code and vlr.rules name the package uses, each with a file using it."""
    codes, names = {}, {}
    for path in sorted(SRC.rglob("*.py")):
        if path == SRC / "rules.py":
            continue
        found_codes, found_names = rule_uses(ast.parse(path.read_text(encoding="utf-8")))
        for code in found_codes:
            codes.setdefault(code, str(path.relative_to(ROOT)))
        for name in found_names:
            names.setdefault(name, str(path.relative_to(ROOT)))
    return codes, names


def test_the_scan_sees_each_way_of_naming_a_rule():
    source = """
from vlr import rules
from vlr.rules import Rule, TARGET_UNKNOWN
Finding(severity=E, rule="a-rule", message="m")
json.dumps({"rule": "b-rule"})
[f for f in found if f.rule == "c-rule"]
Finding.of(rules.SHEET_EMPTY, "m")
"""
    codes, names = rule_uses(ast.parse(source))
    assert codes == {"a-rule", "b-rule", "c-rule"}
    assert names == {"Rule", "TARGET_UNKNOWN", "SHEET_EMPTY"}


def test_the_code_names_only_declared_rules():
    codes, names = source_uses()
    unknown = {code: where for code, where in codes.items() if code not in rules.RULES}
    assert not unknown, f"rules used but not declared in vlr.rules: {unknown}"
    missing = {name: where for name, where in names.items() if not hasattr(rules, name)}
    assert not missing, f"names taken from vlr.rules that it does not hold: {missing}"


def test_every_declared_rule_is_used():
    codes, names = source_uses()
    unused = [
        rule.code
        for name, rule in vars(rules).items()
        if isinstance(rule, rules.Rule) and name not in names and rule.code not in codes
    ]
    assert not unused, f"rules declared in vlr.rules that no code uses: {unused}"


def test_make_docs_writes_every_generated_table():
    # blank every table of the two files, and the script must give them back as they are
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_tables", ROOT / "docs" / "make_tables.py")
    make_tables = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_tables)
    for path, make in ((make_tables.GUIDE, make_tables.guide), (make_tables.README, make_tables.readme)):
        text = path.read_text(encoding="utf-8")
        generated = [m.group(0) for m in re.finditer(r"(?m)^\| (Column|Field|Rule) \|.*\n(?:\|.*\n?)*", text)]
        blank = text
        for table in generated:
            blank = blank.replace(table.rstrip("\n"), "| x |\n|---|", 1)
        assert blank != text
        assert make(blank) == text, f"make docs does not write back the tables of {path.name}"
