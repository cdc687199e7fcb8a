"""Every option of one build, in one object (as black's ``Mode`` holds every option of a
run): :class:`BuildOptions`. Each field carries the words ``vlr build --help`` gives it, so
the command line's options are made from this class and cannot drift from it. Imports
nothing heavy: the command line reads it before it knows which command runs."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, fields

PathLike = str | os.PathLike

#: The progress methods, with the words the command line says of them.
METHODS = ("unsd", "eurostat")
METHOD_HELP = "Progress method: the UN Statistics Division's progress chart, or Eurostat's CAGR ratio."


def _option(default=None, *, help: str, flags: tuple[str, ...] = (), **cli):
    """A field of :class:`BuildOptions` and the command-line option that sets it: its
    ``flags`` (default ``--name``), ``help``, and for a path what it must be (``dir_okay``,
    ``file_okay``, ``exists``), else ``flag`` or ``choices``."""
    return field(default=default, metadata={"help": help, "flags": flags, **cli})


@dataclass(frozen=True)
class BuildOptions:
    """Every option of one build, made once (by the command line from its flags) and passed
    down whole. Paths are kept as given: they are named in the draft."""

    output: PathLike | None = _option(
        help="The .docx to write (default: build/<city>-vlr-<year>-draft.docx).",
        flags=("-o", "--output"),
        dir_okay=False,
    )
    templates: PathLike | None = _option(
        help="A folder of text templates overriding the shipped ones.", file_okay=False
    )
    reference_docx: PathLike | None = _option(
        help="The city's Word template (.docx or .dotx): styles, page setup, headers and footers.",
        dir_okay=False,
        exists=True,
    )
    method: str = _option("unsd", help=METHOD_HELP, choices=METHODS)
    #: The date printed and stored; default today.
    date: dt.date | None = _option(help="The date printed and stored (default: today).", date=True)
    pdf: bool = _option(False, help="Also export a tagged PDF through LibreOffice.", flag=True)
    previous: PathLike | None = _option(
        help="Last review's workbooks: the draft says what changed since (in the methodology) and marks the "
        "statuses that changed."
    )
    icons: PathLike | None = _option(
        help="A folder of the city's own goal icons, one picture per goal with its number in the file name "
        "(goal-1.png …), instead of the tiles vlr draws."
    )
    final: bool = _option(
        False,
        help="The document for publication: no internal annex, no draft mark; refused while a placeholder is "
        "left to write.",
        flag=True,
    )
    accept_claims: bool = _option(
        False,
        help="With --final: publish although figures in the texts disagree with the data (vlr validate lists them).",
        flag=True,
    )
    update: PathLike | None = _option(
        help="Refresh this draft in place: vlr's parts from the workbooks, everything people wrote kept (the "
        "previous file is kept as DRAFT.previous.docx).",
        metavar="DRAFT.docx",
        dir_okay=False,
        exists=True,
    )
    discard_edits: bool = _option(
        False, help="With --update: replace parts vlr generates even where they were edited by hand.", flag=True
    )
    restore_deleted: bool = _option(
        False, help="With --update: put back parts vlr generates that were deleted from the draft.", flag=True
    )
    carry_from: PathLike | None = _option(
        help="Start from last cycle's draft: its people's texts go into the new draft, each marked to be checked.",
        flags=("--from",),
        metavar="LAST.docx",
        dir_okay=False,
        exists=True,
    )
    language: str | None = _option(
        help="Write the draft in this language (fi, sv, en, …) whatever the Review sheet says; several, with "
        "commas (fi,sv,en), write a draft each, named NAME-fi.docx, NAME-sv.docx, ….",
        metavar="LANG[,LANG…]",
        text=True,
    )
    force: bool = _option(
        False,
        help="Replace an existing draft (and data workbook, PDF) without keeping the earlier one as "
        "NAME.previous.docx.",
        flag=True,
    )
    #: A framework file made by ``vlr framework import`` (the command line's ``vlr --framework``).
    framework: PathLike | None = None
    #: With ``language``: the draft's file name ends in it (``NAME-fi.docx``), one of several languages.
    language_suffix: bool = False


def command_line() -> list[tuple[str, dict]]:
    """``(name, what the option is)`` for every field the command line sets, in the order
    ``--help`` lists them."""
    return [(f.name, dict(f.metadata)) for f in fields(BuildOptions) if f.metadata]
