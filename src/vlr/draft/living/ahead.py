"""An update prepared while vlr builds (:class:`UpdateAhead`): a forked process reads the
edited draft and works out what people changed in it (:class:`~vlr.draft.living.merge.Draft`)
while this one builds the fresh draft, which it is then sent to merge.

Reading a large draft (its 34 MB of XML parsed, its parts found and hashed) takes seconds;
the build leaves a core free for much of its time, and the merge then waits only for the
work that needs the fresh draft. A forked process shares this one's memory, so nothing is
copied to it but the fresh draft, and it ends without freeing the trees it built. Where
processes cannot be forked, or the process fails, the update is made here instead, as
:func:`~vlr.draft.living.merge.refresh` makes it: the same bytes either way.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from vlr.draft.living.merge import REBUILT, Draft, is_pristine, merge_draft, refresh
from vlr.draft.living.package import Merged
from vlr.exceptions import EditedRegions
from vlr.formatting import _, speaking, speaking_now
from vlr.output import cores


class UpdateAhead:
    """The update of ``old_data`` (a draft's bytes), begun now and finished with the fresh
    build's bytes by :meth:`refresh`; the options are :func:`~vlr.draft.living.merge.refresh`'s."""

    def __init__(self, old_data: bytes, *, discard_edits: bool = False, restore: bool = False, path: Path):
        self.old_data = old_data
        self.options = {"discard_edits": discard_edits, "restore": restore, "path": path}
        self.pristine = is_pristine(old_data)  # then the fresh build is the update: nothing to read ahead
        self._process = self._connection = None
        if not self.pristine:
            self._start()

    def _start(self) -> None:
        if not hasattr(os, "fork") or cores() < 2:
            return
        import multiprocessing

        context = multiprocessing.get_context("fork")
        mine, theirs = context.Pipe()
        process = context.Process(target=_prepare_and_merge, args=(theirs, self.old_data, self.options), daemon=True)
        try:
            process.start()
        except OSError:
            return
        theirs.close()
        self._process, self._connection = process, mine

    def refresh(self, fresh_data: bytes) -> Merged:
        """The updated draft, from the fresh build ``fresh_data``. Raises
        :class:`~vlr.exceptions.EditedRegions` as the update in this process would."""
        if self.pristine:
            return Merged(fresh_data, [_(REBUILT)])
        answer = self._ask(fresh_data)
        if answer is None:  # no process, or it failed: the update is made here
            return refresh(self.old_data, fresh_data, **self.options)
        if answer[0] == "edited":
            raise EditedRegions(answer[1], self.options["path"])
        return Merged(answer[1], answer[2])

    def _ask(self, fresh_data: bytes) -> tuple | None:
        """The process's answer to ``fresh_data``, or None where there is none."""
        if self._connection is None:
            return None
        try:
            self._connection.send(speaking_now())  # the process began before the build's language was known
            self._connection.send_bytes(fresh_data)
            return self._connection.recv()
        except (EOFError, OSError):
            return None
        finally:
            self._connection.close()
            self._process.join()
            self._connection = None


def _prepare_and_merge(connection, old_data: bytes, options: dict) -> None:
    """In the forked process: the draft read and examined, then, when the fresh build comes,
    merged with it; the merged bytes and report sent back, or the edits that stop the
    update, or None (anything else gone wrong: the parent makes the update itself, and
    shows what went wrong)."""
    try:
        draft = Draft(old_data)
        draft.examine()
        language = connection.recv()
        with speaking(language):  # what it says of the draft, in the draft's language
            merged = merge_draft(draft, connection.recv_bytes(), **options)
        connection.send(("merged", merged.data, merged.report))
    except EditedRegions as edited:
        connection.send(("edited", edited.edited))
    except BaseException:
        with contextlib.suppress(OSError):  # else the parent is gone: there is nobody to answer
            connection.send(None)
    finally:
        connection.close()
        os._exit(0)  # at once: freeing the draft's trees would keep the parent waiting
