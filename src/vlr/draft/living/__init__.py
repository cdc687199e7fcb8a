"""The living draft: a draft people have edited in Word or LibreOffice refreshed from the
workbooks in place (``vlr build --update``), and a new cycle's draft started from last
cycle's (``vlr build --from``).

- :mod:`~vlr.draft.living.file`: the draft's file: checked before an update
  (:func:`check_draft`: not open, a draft vlr wrote); the previous one is kept beside it
  by :func:`vlr.output.keep_copy`;
- :mod:`~vlr.draft.living.package`: the .docx's zip parts opened for editing and written
  again; :class:`Merged`, what an update or a carry-over gives back;
- :mod:`~vlr.draft.living.blocks`: the body's blocks and the regions found in them: their
  hashes (:func:`region_hashes`), blocks replaced, removed and inserted;
- :mod:`~vlr.draft.living.copying`: blocks copied from one package into another, with
  their pictures and comments;
- :mod:`~vlr.draft.living.comments`: people's comments on vlr's parts, which are no edit
  and are anchored again on a refreshed part;
- :mod:`~vlr.draft.living.contents`: the table of contents made again and marked to be
  updated;
- :mod:`~vlr.draft.living.fresh`: the regions of the fresh build an update takes parts
  from, read from its text and parsed part by part;
- :mod:`~vlr.draft.living.merge`: the update in its numbered steps (:func:`merge`), or a
  fresh build where nobody changed the draft (:func:`refresh`);
- :mod:`~vlr.draft.living.ahead`: the update begun while vlr builds, in a forked process
  that reads the draft and merges it when the fresh build comes (:class:`UpdateAhead`);
- :mod:`~vlr.draft.living.carry`: last cycle's texts carried into a new draft
  (:func:`carry_over`).

The errors they raise (:class:`~vlr.exceptions.EditedRegions`,
:class:`~vlr.exceptions.DraftInUse`, :class:`~vlr.exceptions.NotADraft`) are in
:mod:`vlr.exceptions`.
"""

from vlr.draft.living.blocks import region_hashes
from vlr.draft.living.carry import carry_over
from vlr.draft.living.file import check_draft
from vlr.draft.living.merge import merge, refresh
from vlr.draft.living.package import Merged

__all__ = ["Merged", "carry_over", "check_draft", "merge", "refresh", "region_hashes"]
