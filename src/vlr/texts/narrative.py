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

from vlr.exceptions import RenderLimit, TemplateError, UnreadableInput
from vlr.formatting import base_language, speaking_now

_PLACEHOLDER = "\u0000placeholder\u0000"


@dataclass(frozen=True)
class Block:
    kind: str  # "paragraph", "bullet" or "placeholder"
    text: str


def default_templates() -> Path:
    return Path(str(importlib.resources.files("vlr.templates")))


def _sandbox(**options):
    """Jinja's sandbox, read-only and bounded. Read-only: the lists and mappings a template
    is given cannot be changed (``{{ goals.clear() }}``), since every later section reads
    the same ones. Bounded: whatever would build a large text in one step is refused before
    it does (``'a' * 10**9``, ``'x'|center(10**9)``, ``'%999999999s' % x``, ``s.replace('', s)``),
    since an output limit would see it only once the memory is taken; Jinja works out such
    expressions on constants while compiling, so the checks sit in the filters too."""
    import operator

    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**", "%"])

        def call_binop(self, context, operator_name, left, right):
            if operator_name == "**":
                if isinstance(right, (int, float)) and abs(right) > 100:
                    raise RenderLimit(f"raised a number to the power {right} (at most 100)")
                return operator.pow(left, right)
            if operator_name == "%":
                if isinstance(left, str):
                    _check_format(left, right if isinstance(right, tuple) else (right,))
                return operator.mod(left, right)
            sizes = [len(x) for x in (left, right) if isinstance(x, (str, list, tuple))]
            times = [x for x in (left, right) if isinstance(x, int) and not isinstance(x, bool)]
            if sizes and times and sizes[0] * max(times[0], 0) > MAX_OUTPUT:
                raise RenderLimit(f"wrote more than {MAX_OUTPUT:,} characters")
            return operator.mul(left, right)

        def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
            method = getattr(__obj, "__wrapped__", __obj)  # the sandbox wraps str.format
            owner = getattr(method, "__self__", None)
            if isinstance(owner, str):
                _check_text_method(owner, getattr(method, "__name__", ""), args, kwargs)
            return super().call(__context, __obj, *args, **kwargs)

    env = BoundedSandbox(**options)
    for name in ("center", "indent", "wordwrap", "format", "replace"):
        env.filters[name] = _bounded_filter(name, env.filters[name])
    return env


#: The longest text one step of a template may build (a ``replace``), in characters.
MAX_STEP = 10_000_000
_WIDTH = re.compile(r"%[-#0 +]*(\d+|\*)|\{[^{}]*:[^{}]*?(\d+)")


def _check_format(spec: str, args: tuple) -> None:
    """Refuse a printf- or format-style ``spec`` whose width or precision asks for more
    than :data:`MAX_OUTPUT` characters (``%999999999s``, ``%*s`` with a huge argument)."""
    for m in _WIDTH.finditer(spec):
        width = m.group(1) or m.group(2)
        if width == "*":
            if any(isinstance(a, int) and abs(a) > MAX_OUTPUT for a in args):
                raise RenderLimit(f"asked for a width of more than {MAX_OUTPUT:,} characters")
        elif width and len(width) > 6 and int(width) > MAX_OUTPUT:
            raise RenderLimit(f"asked for a width of {int(width):,} characters (at most {MAX_OUTPUT:,})")


def _check_text_method(text: str, name: str, args: tuple, kwargs: dict) -> None:
    """Refuse a call of a ``str`` method that would build more than a template may write."""
    numbers = [a for a in (*args, *kwargs.values()) if isinstance(a, int) and not isinstance(a, bool)]
    if name in ("center", "ljust", "rjust", "zfill", "expandtabs") and any(abs(n) > MAX_OUTPUT for n in numbers):
        raise RenderLimit(f"asked for a width of more than {MAX_OUTPUT:,} characters")
    if name in ("format", "format_map"):
        _check_format(text, args)
    new = args[1] if name == "replace" and len(args) > 1 else None
    if isinstance(new, str) and (len(text) + 1) * (len(new) + 1) > MAX_STEP:
        raise RenderLimit(f"would have replaced its way past {MAX_STEP:,} characters")


def _bounded_filter(name: str, function):
    """``function``, the filter ``name``, refusing arguments that would build a text past
    the limits (:func:`_check_text_method`)."""
    import functools

    passes = getattr(function, "jinja_pass_arg", None) is not None  # a context or environment comes first

    @functools.wraps(function)
    def bounded(*args, **kwargs):
        value, rest = (args[1], args[2:]) if passes else (args[0], args[1:])
        if name == "format":
            _check_format(str(value), rest)
        else:
            method = "center" if name in ("indent", "wordwrap") else name
            _check_text_method(str(value), method, rest, kwargs)
        return function(*args, **kwargs)

    return bounded


def _compiled_templates():
    """Jinja's bytecode cache in vlr's (:func:`vlr.output.cache_get`), or None without one:
    compiling the section templates took most of the texts' time on every run. An entry
    is keyed by the template's file and a hash of its source (Jinja's bucket), Jinja's
    version, and vlr's code, which sets up the environment the code was compiled for."""
    from vlr.output import cache_folder

    if cache_folder() is None:
        return None
    import jinja2
    from jinja2.bccache import BytecodeCache

    from vlr.output import cache_get, cache_put

    class Compiled(BytecodeCache):
        def load_bytecode(self, bucket) -> None:
            data = cache_get("template", _key(bucket))
            if data is not None:
                bucket.bytecode_from_string(data)  # checks Jinja's own magic and the source's hash

        def dump_bytecode(self, bucket) -> None:
            cache_put("template", _key(bucket), bucket.bytecode_to_string())

    def _key(bucket) -> str:
        return f"{jinja2.__version__}\0{bucket.key}\0{bucket.checksum}"

    return Compiled()


def _city_templates(folder: Path):
    """A loader of the city's templates in ``folder``, read within bounds
    (:func:`vlr.inputs.read_bytes`): only regular files inside the folder (a link out of it
    is refused), at most 1 MB, UTF-8 text without NUL or other control characters."""
    import os

    from jinja2 import BaseLoader, TemplateNotFound
    from jinja2.loaders import split_template_path

    from vlr.inputs import read_bytes

    class CityTemplates(BaseLoader):
        def get_source(self, environment, template):
            path = folder.joinpath(*split_template_path(template))
            if not os.path.lexists(path):
                raise TemplateNotFound(template)
            data = read_bytes(path, "template", folder, what="template")
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise TemplateError(f"template {path}: not UTF-8 text; save it as UTF-8.") from None
            bad = re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
            if bad:
                line = text.count("\n", 0, bad.start()) + 1
                raise TemplateError(
                    f"template {path}, line {line}: a control character (code {ord(bad.group())}) that text "
                    "never holds; is it a template?"
                )
            stamp = path.stat().st_mtime
            return text, str(path), lambda: os.path.exists(path) and path.stat().st_mtime == stamp

    return CityTemplates()


class TextRenderer:
    """Renders section templates (from ``override`` first, then the shipped ones) and
    narrative texts with one shared context."""

    def __init__(self, context: dict[str, Any], override: Path | None = None):
        from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined

        if override is not None and not Path(override).is_dir():
            raise TemplateError(f"--templates {override}: no such folder.")
        loaders = [_city_templates(Path(override))] if override else []
        loaders.append(FileSystemLoader(str(default_templates())))
        self.env = _sandbox(
            loader=ChoiceLoader(loaders),
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
            bytecode_cache=_compiled_templates(),
        )
        self.env.globals["placeholder"] = lambda text: f"{_PLACEHOLDER}{text}"
        self.env.globals["range"] = _bounded_range
        # Narratives come from a workbook cell: no loader, so they cannot include,
        # import or extend a template; the same limits as the sections.
        self.narrative_env = _sandbox(undefined=StrictUndefined, autoescape=False)
        self.narrative_env.globals.update(self.env.globals)
        self.context = context
        self._sentences: dict = {}

    def section(self, name: str, narrative: str | None = None, where: str | None = None, **extra: Any) -> list[Block]:
        """Blocks of the template ``name.j2``; ``narrative`` (the officer's text, itself
        a template) is rendered first and passed in as ``narrative``."""
        text = self.narrative(narrative, where, **extra) if narrative else ""
        template, template_name = self._template(name)
        try:
            output = render_bounded(template, {**self.context, **extra, "narrative": text})
        except (TemplateError, UnreadableInput):
            raise
        except Exception as exc:
            raise TemplateError(_describe(exc, f"template {self._path(template_name)}")) from None
        return to_blocks(output)

    def sentence(self, name: str, language: str | None = None, **extra: Any) -> str:
        """One generated paragraph from ``name.<language>.j2``, else ``name.j2``: the
        template's lines joined into one paragraph (``language``: the one spoken)."""
        key = (name, language or speaking_now())
        if key not in self._sentences:
            self._sentences[key] = self._template(name, key[1])
        template, template_name = self._sentences[key]
        try:
            output = render_bounded(template, {**self.context, **extra})
        except Exception as exc:
            raise TemplateError(_describe(exc, f"template {self._path(template_name)}")) from None
        # lines joined, runs of spaces made one; no-break spaces (between a number and its unit) kept
        return re.sub(r"[ \t\r\n]+", " ", output).strip().replace(" .", ".").replace(" ,", ",")

    def _template(self, name: str, language: str | None = None):
        """The template ``name`` in ``language`` (the one spoken): ``name.<language>.j2``, else
        ``name.j2``, with the name it was found under."""
        from jinja2 import TemplateNotFound

        for candidate in (f"{name}.{base_language(language or speaking_now())}.j2", f"{name}.j2"):
            try:
                return self.env.get_template(candidate), candidate
            except TemplateNotFound:
                continue
            except (TemplateError, UnreadableInput):
                raise
            except Exception as exc:
                raise TemplateError(_describe(exc, f"template {self._path(candidate)}")) from None
        raise TemplateError(f"template {name}.j2: not found.")

    def narrative(self, text: str, where: str | None, **extra: Any) -> str:
        try:
            return render_bounded(self.narrative_env.from_string(text), {**self.context, **extra})
        except Exception as exc:
            raise TemplateError(
                _describe(
                    exc,
                    f"the narrative text in {where or 'the Narratives sheet'}",
                    hint=" (to write a literal {{, use {{ '{{' }})",
                )
            ) from None

    def _path(self, template_name: str) -> str:
        try:
            source = self.env.loader.get_source(self.env, template_name)[1]
            return source or template_name
        except Exception:
            return template_name


#: Limits of one rendered text: characters written, seconds taken, items in a range().
MAX_OUTPUT = 200_000
MAX_SECONDS = 2.0
MAX_RANGE = 10_000


def _bounded_range(*args):
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise RenderLimit(f"asked for a range() of {len(numbers):,} numbers (at most {MAX_RANGE:,})")
    return numbers


def render_bounded(template, context: dict) -> str:
    """``template`` rendered with ``context``, stopped with :class:`RenderLimit` past
    :data:`MAX_OUTPUT` characters or :data:`MAX_SECONDS` seconds (the time limit holds in
    the main thread, where an alarm signal can interrupt a loop that writes nothing)."""
    import signal
    import threading

    def expired(_signum, _frame):
        raise RenderLimit(f"took more than {MAX_SECONDS:g} seconds")

    timed = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    if timed:
        previous = signal.signal(signal.SIGALRM, expired)
        signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
    try:
        parts, size = [], 0
        for chunk in template.generate(context):
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise RenderLimit(f"wrote more than {MAX_OUTPUT:,} characters")
            parts.append(chunk)
        return "".join(parts)
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


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
    if isinstance(exc, RenderLimit):
        return f"{where}{at}: stopped because it {exc}; a text template must stay small and quick."
    if isinstance(exc, TypeError) and "no loader" in str(exc):
        return f"{where}{at}: a narrative cannot include, import or extend another template."
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
