"""Every exception vlr raises on purpose is defined here, under one base class.

The base derives from :class:`click.ClickException`, so the command line prints the
message and exits with the class's ``exit_code``; no command needs an ``except``.
Problems *inside* a spreadsheet are not exceptions: they are findings
(:mod:`vlr.findings`). Exceptions are for input that cannot be read at all, and
for failures of the tool's own files.

Two more, at the end, never reach a user: they carry a problem from where it is found to
the code that turns it into a finding or a :class:`VlrError` (:class:`ValueProblem`,
:class:`RenderLimit`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from vlr.findings import Message


class VlrError(click.ClickException):
    """Base class of every error vlr reports to a user. Exit code 1."""

    exit_code = 1


class UnreadableInput(VlrError):
    """The input could not be read at all: no such path, not an .xlsx file, a
    corrupt, encrypted or hostile file. Exit code 2, as ``vlr validate`` promises."""

    exit_code = 2


class FrameworkError(VlrError):
    """A framework file (the shipped JSON or a UN workbook being imported) is
    missing or does not have the expected shape."""


class TemplateError(VlrError):
    """A document template could not be found or rendered."""


class OutputError(VlrError):
    """An output file could not be written."""


class InvalidReview(VlrError):
    """A command that needs a valid review (``vlr build``) was given one with errors."""


class UnfinishedDraft(VlrError):
    """``vlr build --final`` on a review whose draft still has placeholders to write.
    Exit code 1, like a review with errors: nothing is written."""

    def __init__(self, places: list[str]):
        self.places = places
        counts: dict[str, int] = {}
        for place in places:
            counts[place] = counts.get(place, 0) + 1
        named = [f"{place} ({n})" if n > 1 else place for place, n in counts.items()]
        shown = "; ".join(named[:12]) + (f"; and {len(named) - 12} more sections" if len(named) > 12 else "")
        super().__init__(
            f"--final: {len(places)} placeholder{'s are' if len(places) != 1 else ' is'} still to be "
            f"written ({shown}). Write them in the Narratives sheet (a row per section, or goal-N for a "
            "goal's chapter), or build without --final to get the draft."
        )


class ContradictedClaims(VlrError):
    """``vlr build --final`` while figures in the texts disagree with the data (``vlr validate``
    lists them as ``narrative-claim`` warnings), unless ``--accept-claims``. Nothing is written."""

    def __init__(self, claims: list[tuple[str, str]]):
        self.claims = claims
        lines = [
            f"--final: {len(claims)} figure{'s' if len(claims) != 1 else ''} in the texts "
            f"disagree{'s' if len(claims) == 1 else ''} with the data, so the document was not written:"
        ]
        lines += [f"  {where}: {what}" for where, what in claims[:12]]
        if len(claims) > 12:
            lines.append(f"  and {len(claims) - 12} more (vlr validate lists them all)")
        lines.append("Correct them in the workbook, or build with --accept-claims if they are right as written.")
        super().__init__("\n".join(lines))


class EditedRegions(VlrError):
    """Parts vlr generates were edited by hand: the update stops and writes nothing."""

    def __init__(self, edited: list[tuple[str, list[str]]], path: Path):
        self.edited = edited
        lines = [
            f"{path}: {len(edited)} part{'s' if len(edited) != 1 else ''} that vlr generates "
            f"{'were' if len(edited) != 1 else 'was'} edited by hand, so the draft was not updated:"
        ]
        for name, differences in edited:
            lines.append(f"  {name}: " + ("; ".join(differences) if differences else "its formatting or comments"))
        lines.append(
            "Move your text out of these parts (into your own paragraphs, or the Narratives sheet), or run "
            "again with --discard-edits to replace them with vlr's."
        )
        super().__init__("\n".join(lines))


class DraftInUse(VlrError):
    """The draft is open in Word or LibreOffice (its lock file is there)."""


class NotADraft(VlrError):
    """The file to update is not a draft vlr wrote."""

    exit_code = 2


# --- signals inside vlr, turned into findings or errors before a user sees them ---------


class ValueProblem(ValueError):
    """A cell's content cannot be read as the value its column expects (:mod:`vlr.values`);
    the reader makes it a finding at the cell, with ``message`` and ``hint``: plain strings,
    said as they are, or :class:`vlr.findings.Message` (``later._("'{value}' is not a
    number.", value=…)``), said in the language of the report that shows the finding."""

    def __init__(self, message: str | Message, hint: str | Message | None = None):
        super().__init__(str(message))
        self.message = message
        self.hint = hint


class RenderLimit(Exception):
    """A text template went past the limits of :mod:`vlr.texts.narrative` (characters written,
    seconds taken, items in a ``range()``); the renderer makes it a :class:`TemplateError`."""
