"""Problems as data.

Reading and checking a review yield :class:`Finding` objects: a severity, a stable
rule id, the place (file, sheet, cell) and a message an officer understands, with a
hint where one helps. A finding is made from its rule in the catalogue
(:mod:`vlr.rules`), with :meth:`Finding.of`, which takes the rule's severity and default
hint; a finding naming a rule the catalogue does not declare, or a severity its rule does
not take, is refused. A :class:`Report` holds them; the terminal text, the JSON and the
draft's internal annex are views of the same list.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from enum import Enum
from itertools import groupby

from pydantic import BaseModel, field_validator, model_validator

from vlr.rules import RULES, Rule, Severity

#: Longest message or hint, in characters; a word (an ID, a cell's text) longer than
#: MAX_WORD is shortened on its own first.
MAX_MESSAGE = 500
MAX_WORD = 80


class Finding(BaseModel):
    severity: Severity
    rule: str
    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    hint: str | None = None

    @classmethod
    def of(
        cls,
        rule: Rule,
        message: str,
        hint: str | None = None,
        *,
        severity: Severity | None = None,
        file: str = "",
        sheet: str = "",
        cell: str = "",
    ) -> Finding:
        """A finding of ``rule``: its severity (or the other one it declares, where given)
        and, when ``hint`` is None, its default hint."""
        return cls(
            severity=severity or rule.severity,
            rule=rule.code,
            message=message,
            hint=hint if hint is not None else rule.hint,
            file=file,
            sheet=sheet,
            cell=cell,
        )

    @model_validator(mode="after")
    def _declared(self) -> Finding:
        rule = RULES.get(self.rule)
        if rule is None:
            raise ValueError(f"rule {self.rule!r} is not declared in vlr.rules")
        if self.severity not in rule.severities:
            article = "an" if self.severity.value[0] in "aeiou" else "a"
            raise ValueError(f"rule {self.rule!r} is not {article} {self.severity.value}: see vlr.rules")
        return self

    @field_validator("message", "hint")
    @classmethod
    def _one_bounded_line(cls, text: str | None) -> str | None:
        """Every message is one line of bounded length, whatever the cells it quotes:
        one finding per line in the terminal, and no 32,000-character cell repeated."""
        if text is None:
            return None
        half = MAX_WORD // 2  # a long word keeps both ends: a path keeps its file name
        words = [w if len(w) <= MAX_WORD else w[: half - 1] + "\u2026" + w[-half:] for w in text.split()]
        text = " ".join(words)
        return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1].rstrip() + "\u2026"

    @field_validator("file", "sheet", "cell")
    @classmethod
    def _one_short_line(cls, text: str, info) -> str:
        """A place on one line (a file or sheet name may hold a line break); a sheet or
        cell name of bounded length."""
        text = " ".join(text.split()) if any(c.isspace() and c != " " for c in text) else text
        if info.field_name == "file" or len(text) <= MAX_WORD:
            return text
        return text[: MAX_WORD - 1] + "\u2026"

    @property
    def place(self) -> str:
        parts = [p for p in (self.file, self.sheet, self.cell) if p]
        return " / ".join(parts)


def _cell_key(cell: str) -> tuple[int, str]:
    letters = cell.rstrip("0123456789")
    digits = cell[len(letters) :]
    return (int(digits) if digits else 0, letters.rjust(3))


class Report(BaseModel):
    """The findings of one validation, sorted by place."""

    findings: list[Finding]
    strict: bool = False

    @classmethod
    def of(cls, findings: Iterable[Finding], strict: bool = False) -> Report:
        ordered = sorted(
            findings, key=lambda f: (f.file, f.sheet, _cell_key(f.cell), f.severity != Severity.ERROR, f.rule)
        )
        return cls(findings=ordered, strict=strict)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.WARNING]

    @property
    def ok(self) -> bool:
        """No errors (and, when strict, no warnings either)."""
        return not self.errors and not (self.strict and self.warnings)

    def summary(self) -> str:
        e, w = len(self.errors), len(self.warnings)
        verdict = "OK" if self.ok else "NOT OK"
        text = f"{verdict}: {plural(e, 'error')}, {plural(w, 'warning')}"
        if self.strict and w and not e:
            text += " (--strict: warnings count as errors)"
        return text

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [
                {k: (v.value if isinstance(v, Enum) else v) for k, v in f.model_dump().items()} for f in self.findings
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_text(self, notes: bool = True) -> str:
        """Grouped by file and sheet, the summary line last."""
        lines: list[str] = []
        shown = [f for f in self.findings if notes or f.severity != Severity.NOTE]
        for file, by_file in groupby(shown, key=lambda f: f.file):
            lines.append(file or "(the review as a whole)")
            for sheet, by_sheet in groupby(by_file, key=lambda f: f.sheet):
                indent = "    " if sheet else "  "
                if sheet:
                    lines.append(f"  sheet {sheet}")
                for f in by_sheet:
                    where = f"{f.cell}: " if f.cell else ""
                    lines.append(f"{indent}{f.severity.value:<7} {where}{f.message} [{f.rule}]")
                    if f.hint:
                        lines.append(f"{indent}        hint: {f.hint}")
            lines.append("")
        lines.append(self.summary())
        return "\n".join(lines)


def plural(n: int, word: str) -> str:
    """``1 workbook``, ``2 workbooks``."""
    return f"{n} {word}{'' if n == 1 else 's'}"
