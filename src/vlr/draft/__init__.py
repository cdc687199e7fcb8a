"""The Word draft: the only code that touches python-docx.

- :mod:`vlr.draft.options`: :class:`~vlr.draft.options.BuildOptions`, every option of a
  build in one object (and the words of ``vlr build``'s options);
- :mod:`vlr.draft.build`: the build's stages, from a review read and checked to the
  written draft and its data workbook (run in order by :func:`vlr.main.build`);
- :mod:`vlr.draft.document`: the draft put together in the order of the UN's guiding
  elements: cover, contents, sections, properties;
- :mod:`vlr.draft.dashboard`: the goals at a glance;
- :mod:`vlr.draft.chapters`: "Progress on goals and targets", a chapter per goal, and
  :mod:`vlr.draft.official` the UN's texts it quotes, in the draft's language or marked English;
- :mod:`vlr.draft.across`: what reaches across goals: case studies, budgets, links between
  goals, leaving no one behind;
- :mod:`vlr.draft.annexes`: the annexes: action–target matrix, indicator metadata, the
  statistical annex (:mod:`vlr.draft.statistical`, planned apart from the document, on a
  large review in a process of its own), the internal annex;
- :mod:`vlr.draft.background`: work done in a forked process while the draft is laid out;
- :mod:`vlr.draft.symbols`: a status as a shape, an arrow and the method's words;
- :mod:`vlr.draft.writer`: paragraphs, tables, figures and placeholders in the draft's styles;
- :mod:`vlr.draft.regions`: the parts vlr generates, marked with bookmarks and recorded in
  the document's properties, and found again;
- :mod:`vlr.draft.docx_xml`: the raw WordprocessingML python-docx has no API for,
  :mod:`vlr.draft.paragraphs` paragraphs and runs made as python-docx makes them, faster,
  and :mod:`vlr.draft.word_settings` the settings part, in the order Word wants;
- :mod:`vlr.draft.living`: the living draft, refreshed in place (``--update``) or carried
  into the next cycle (``--from``);
- :mod:`vlr.draft.accessibility`: ``vlr check-docx``, EN 301 549 and the layout of any .docx,
  and :mod:`vlr.draft.wordfile` what Word is strict about in its package;
- :mod:`vlr.draft.pdf`: the tagged PDF through LibreOffice (``_uno_export.py`` runs inside
  LibreOffice's Python).
"""
