"""Problems as data.

Reading and checking a review yield :class:`Finding` objects: a severity, a stable
rule id, the place (file, sheet, cell) and a message an officer understands, with a
hint where one helps. A finding is made from its rule in the catalogue
(:mod:`vlr.rules`), with :meth:`Finding.of`, which takes the rule's severity and default
hint; a finding naming a rule the catalogue does not declare, or a severity its rule does
not take, is refused. A :class:`Report` holds them; the terminal text, the JSON and the
draft's internal annex are views of the same list.

A finding speaks the language of the report that shows it, though it is made while the
workbooks are read, before their Review sheet says the review's language. So its message
and hint are kept as a :class:`Message`, the English sentence (the catalogues' msgid) and
its arguments, made with the markers of :data:`later` (``later._("no indicator follows
action {id}.", id=a.id)``, ``later.n_(…)`` with a count), which ``make catalogues``
extracts as it does :func:`vlr.formatting._`. ``finding.message`` and ``finding.hint``
(and the JSON) say it in the language spoken when they are read (:func:`vlr.formatting.speaking`);
the arguments (the cells' texts, IDs, years) are data and never translated, and a word of
the workbook (a sheet's or column's name, :meth:`Message.word`) is said as the workbook in
that language names it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from enum import Enum
from itertools import groupby
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator, model_serializer, model_validator

from vlr.formatting import _, n_, p_
from vlr.rules import RULES, Rule, Severity

#: Longest message or hint, in characters; a word (an ID, a cell's text) longer than
#: MAX_WORD is shortened on its own first.
MAX_MESSAGE = 500
MAX_WORD = 80


class Message:
    """A sentence kept to be said when it is shown: its English (``id``, the catalogues'
    msgid; ``plural`` and ``count`` where it has a count, ``context`` where the same English
    has two senses) and the ``args`` of its ``{placeholders}``. ``str()`` says it in the
    language spoken then; an argument that is a Message is said in it too, a list or tuple
    as its items separated by commas, anything else as it is. Two messages are equal when
    their English and arguments are, whatever the language."""

    __slots__ = ("id", "args", "plural", "count", "context", "verbatim")

    def __init__(
        self,
        id: str,
        args: dict[str, Any] | None = None,
        *,
        plural: str | None = None,
        count: int | None = None,
        context: str | None = None,
        verbatim: bool = False,
    ):
        self.id, self.plural, self.count, self.context, self.verbatim = id, plural, count, context, verbatim
        self.args = dict(args or {})
        if plural is not None:
            self.args.setdefault("n", count)

    @classmethod
    def word(cls, word: str) -> Message:
        """A word of the workbook's format (a sheet's name, a column's heading, a value of a
        list: :mod:`vlr.workbook.words`), said as the workbook names it in the language spoken."""
        return cls(word, context="workbook")

    @classmethod
    def text(cls, text: str) -> Message:
        """A text said as it is, in every language (a message made outside the catalogues)."""
        return cls(text, verbatim=True)

    def __str__(self) -> str:
        if self.verbatim:
            return self.id
        if self.plural is not None:
            said = n_(self.id, self.plural, self.count if self.count is not None else 1)
        elif self.context:
            said = p_(self.context, self.id)
        else:
            said = _(self.id)
        if not self.args:
            return said
        values = {k: _said(v) for k, v in self.args.items()}
        try:
            return said.format(**values)
        except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder: its English
            english = self.id if self.plural is None or self.count == 1 else self.plural
            return english.format(**values)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def _key(self) -> tuple:
        return (
            self.id,
            self.plural,
            self.count,
            self.context,
            self.verbatim,
            tuple(sorted(self.args.items(), key=str)),
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(repr(self._key()))

    def __repr__(self) -> str:
        args = "".join(f", {k}={v!r}" for k, v in self.args.items())
        return f"Message({self.id!r}{args})"

    def bounded(self) -> Message:
        """The message with each text argument on one line of bounded length (:func:`bounded`)."""
        if not any(isinstance(v, str) and (len(v) > MAX_WORD or "\n" in v) for v in self.args.values()):
            return self
        copy = Message(self.id, plural=self.plural, count=self.count, context=self.context, verbatim=self.verbatim)
        copy.args = {k: bounded(v) if isinstance(v, str) else v for k, v in self.args.items()}
        return copy


def _said(value: Any) -> Any:
    if isinstance(value, Message):
        return str(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(_said(v)) for v in value)
    return value


class _Later:
    """The markers of messages said later: as :func:`vlr.formatting._`, :func:`~vlr.formatting.n_`
    and :func:`~vlr.formatting.p_`, whose names ``make catalogues`` extracts, with the
    message's arguments as keywords; each gives a :class:`Message`, said when shown."""

    @staticmethod
    def _(message: str, /, **args: Any) -> Message:
        return Message(message, args)

    @staticmethod
    def n_(singular: str, plural: str, count: int, /, **args: Any) -> Message:
        """With ``{n}`` the count, unless ``args`` give it."""
        return Message(singular, args, plural=plural, count=count)

    @staticmethod
    def p_(context: str, message: str, /, **args: Any) -> Message:
        return Message(message, args, context=context)


#: ``later._("…", name=value)``: a message to be said in the language of the report that shows it.
later = _Later()


def where(file: str, sheet: str, cell: str) -> Message:
    """``file, sheet S, cell C``: a place in words, for a message naming another place."""
    return later._("{file}, sheet {sheet}, cell {cell}", file=file, sheet=sheet, cell=cell)


def bounded(text: str) -> str:
    """Every message is one line of bounded length, whatever the cells it quotes: one
    finding per line in the terminal, and no 32,000-character cell repeated."""
    half = MAX_WORD // 2  # a long word keeps both ends: a path keeps its file name
    words = [w if len(w) <= MAX_WORD else w[: half - 1] + "\u2026" + w[-half:] for w in text.split()]
    text = " ".join(words)
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1].rstrip() + "\u2026"


def _message(value: str | Message | None) -> Message | None:
    if value is None or isinstance(value, Message):
        return value.bounded() if value is not None else None
    return Message.text(bounded(str(value)))


class Finding(BaseModel):
    """One problem at its place. ``text`` and ``hint_text`` are kept as messages to be said;
    :attr:`message` and :attr:`hint` say them in the language spoken, and the JSON (the keys
    ``severity, rule, message, file, sheet, cell, hint``) is written with them. A ``message``
    or ``hint`` given as a plain string is said as it is in every language."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    severity: Severity
    rule: str
    text: Message
    file: str = ""
    sheet: str = ""
    cell: str = ""
    hint_text: Message | None = None

    @classmethod
    def of(
        cls,
        rule: Rule,
        message: str | Message,
        hint: str | Message | None = None,
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
            hint=hint if hint is not None else (Message(rule.hint) if rule.hint is not None else None),
            file=file,
            sheet=sheet,
            cell=cell,
        )

    @model_validator(mode="before")
    @classmethod
    def _messages(cls, data: Any) -> Any:
        """``message=`` and ``hint=`` (a string or a :class:`Message`) kept as messages, each
        text argument bounded (:func:`bounded`)."""
        if isinstance(data, dict) and ("message" in data or "hint" in data):
            data = dict(data)
            if "message" in data:
                data["text"] = _message(data.pop("message"))
            if "hint" in data:
                data["hint_text"] = _message(data.pop("hint"))
        return data

    @model_validator(mode="after")
    def _declared(self) -> Finding:
        rule = RULES.get(self.rule)
        if rule is None:
            raise ValueError(f"rule {self.rule!r} is not declared in vlr.rules")
        if self.severity not in rule.severities:
            article = "an" if self.severity.value[0] in "aeiou" else "a"
            raise ValueError(f"rule {self.rule!r} is not {article} {self.severity.value}: see vlr.rules")
        return self

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
    def message(self) -> str:
        """The message in the language spoken, on one line of bounded length."""
        return bounded(str(self.text))

    @property
    def hint(self) -> str | None:
        """The hint in the language spoken, or None."""
        return None if self.hint_text is None else bounded(str(self.hint_text))

    @model_serializer(mode="plain")
    def _shown(self) -> dict[str, Any]:
        """The finding as the JSON shows it, said in the language spoken."""
        return {
            "severity": self.severity,
            "rule": self.rule,
            "message": self.message,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "hint": self.hint,
        }

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
        """``OK: 0 errors, 2 warnings``, in the language spoken."""
        e, w = len(self.errors), len(self.warnings)
        counts = {
            "errors": n_("{n} error", "{n} errors", e).format(n=e),
            "warnings": n_("{n} warning", "{n} warnings", w).format(n=w),
        }
        text = (_("OK: {errors}, {warnings}") if self.ok else _("NOT OK: {errors}, {warnings}")).format(**counts)
        if self.strict and w and not e:
            text += " " + _("(--strict: warnings count as errors)")
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
        """Grouped by file and sheet, the summary line last, in the language spoken."""
        lines: list[str] = []
        shown = [f for f in self.findings if notes or f.severity != Severity.NOTE]
        width = severity_width()
        for file, by_file in groupby(shown, key=lambda f: f.file):
            lines.append(file or _("(the review as a whole)"))
            for sheet, by_sheet in groupby(by_file, key=lambda f: f.sheet):
                indent = "    " if sheet else "  "
                if sheet:
                    lines.append("  " + _("sheet {sheet}").format(sheet=sheet))
                for f in by_sheet:
                    where = f"{f.cell}: " if f.cell else ""
                    lines.append(f"{indent}{f.severity.said:<{width}} {where}{f.message} [{f.rule}]")
                    if f.hint:
                        lines.append(f"{indent}{' ' * (width + 1)}" + _("hint: {hint}").format(hint=f.hint))
            lines.append("")
        lines.append(self.summary())
        return "\n".join(lines)


def severity_width() -> int:
    """The width the severities' words are padded to in a report, in the language spoken
    ("warning", 7, in English)."""
    return max(7, *(len(s.said) for s in Severity))


def plural(n: int, word: str) -> str:
    """``1 workbook``, ``2 workbooks``."""
    return f"{n} {word}{'' if n == 1 else 's'}"
