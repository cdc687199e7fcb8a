"""The reviewers' reports: what the analysis found, as text, tables and workbooks.

- :mod:`vlr.reports.terminal`: what the ``vlr`` command prints: summaries of a build, an
  init and an import, notes, colour in a terminal, JSON for an unreadable input;
- :mod:`vlr.reports.views`: coverage and progress as terminal text, Markdown, CSV and JSON;
- :mod:`vlr.reports.changes`: what changed between two reviews as text, Markdown and CSV;
- :mod:`vlr.reports.suggestions`: the targets suggested for actions and indicators;
- :mod:`vlr.reports.framework`: the SDG framework as ``vlr framework`` shows it;
- :mod:`vlr.reports.workbooks`: the reviewer's workbooks (``vlr coverage --xlsx``,
  ``vlr diff --xlsx``, ``vlr suggest --xlsx``);
- :mod:`vlr.reports.databook`: the data workbook beside the draft, every value of the review.
"""
