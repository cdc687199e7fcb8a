"""The reviewers' reports: what the analysis found, as text, tables and workbooks.

- :mod:`vlr.reports.views`: coverage and progress as terminal text, Markdown, CSV and JSON;
- :mod:`vlr.reports.coverage_workbook`: the coverage workbook (``vlr coverage --xlsx``);
- :mod:`vlr.reports.databook`: the data workbook beside the draft, every value of the review.
"""
