"""The draft's text: the officer's narratives and the section templates, rendered with
Jinja2 in its sandbox, into blocks the document renderer lays out.

A template's output is read line by line: a line is a paragraph, ``- `` starts a bullet,
and ``placeholder("…")`` marks what the officer still has to write. A variable that does
not exist is an error naming the template (or the Narratives cell) and the line.
"""

from __future__ import annotations

import importlib.resources
import re
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vlr.exceptions import TemplateError

_PLACEHOLDER = "\u0000placeholder\u0000"


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph", "bullet" or "placeholder"
    text: str


def default_templates() -> Path:
    return Path(str(importlib.resources.files("vlr.templates")))


class TextRenderer:
    """Renders section templates (from ``override`` first, then the shipped ones) and
    narrative texts with one shared context."""

    def __init__(self, context: dict[str, Any], override: Path | None = None):
        from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
        from jinja2.sandbox import SandboxedEnvironment

        if override is not None and not Path(override).is_dir():
            raise TemplateError(f"--templates {override}: no such folder.")
        loaders = [FileSystemLoader(str(override))] if override else []
        loaders.append(FileSystemLoader(str(default_templates())))
        self.env = SandboxedEnvironment(loader=ChoiceLoader(loaders), undefined=StrictUndefined,
                                        autoescape=False, keep_trailing_newline=False)  # fmt: skip
        self.env.globals["placeholder"] = lambda text: f"{_PLACEHOLDER}{text}"
        self.context = context

    def section(self, name: str, narrative: str | None = None, where: str | None = None,
                **extra: Any) -> list[Block]:  # fmt: skip
        """Blocks of the template ``name.j2``; ``narrative`` (the officer's text, itself
        a template) is rendered first and passed in as ``narrative``."""
        text = self.narrative(narrative, where, **extra) if narrative else ""
        template_name = f"{name}.j2"
        try:
            template = self.env.get_template(template_name)
            output = template.render({**self.context, **extra, "narrative": text})
        except Exception as exc:
            raise TemplateError(_describe(exc, f"template {self._path(template_name)}")) from None
        return to_blocks(output)

    def narrative(self, text: str, where: str | None, **extra: Any) -> str:
        try:
            return self.env.from_string(text).render({**self.context, **extra})
        except Exception as exc:
            raise TemplateError(_describe(exc, f"the narrative text in {where or 'the Narratives sheet'}",
                                          hint=" (to write a literal {{, use {{ '{{' }})")) from None  # fmt: skip

    def _path(self, template_name: str) -> str:
        try:
            source = self.env.loader.get_source(self.env, template_name)[1]
            return source or template_name
        except Exception:
            return template_name


def _describe(exc: Exception, where: str, hint: str = "") -> str:
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError

    if isinstance(exc, TemplateNotFound):
        return f"{where}: not found."
    line = getattr(exc, "lineno", None)
    if line is None:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".j2", "<template>"))]
        line = frames[-1].lineno if frames else None
    at = f", line {line}" if line else ""
    if isinstance(exc, UndefinedError):
        return f"{where}{at}: {exc.message} (a variable or field that does not exist).{hint}"
    if isinstance(exc, TemplateSyntaxError):
        return f"{where}{at}: {exc.message}.{hint}"
    return f"{where}{at}: {type(exc).__name__}: {exc}"


def to_blocks(output: str) -> list[Block]:
    blocks = []
    for raw in output.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if _PLACEHOLDER in line:
            before, _, after = line.partition(_PLACEHOLDER)
            if before.strip():
                blocks.append(Block("paragraph", before.strip()))
            blocks.append(Block("placeholder", after.replace(_PLACEHOLDER, " ").strip()))
        elif re.match(r"^[-\u2022*]\s+", line):
            blocks.append(Block("bullet", re.sub(r"^[-\u2022*]\s+", "", line)))
        else:
            blocks.append(Block("paragraph", line))
    return blocks
