"""vlr: write SDG Voluntary Local Reviews from a city's indicator spreadsheets.

The library entry points live in :mod:`vlr.main`; the ``vlr`` command is a thin
layer over them (:mod:`vlr.cli`). The package is laid out as the pipeline runs, each
stage importing only from those before it: :mod:`vlr.framework` → :mod:`vlr.model` →
:mod:`vlr.workbook` → :mod:`vlr.imports` → :mod:`vlr.analysis` → :mod:`vlr.charts` →
:mod:`vlr.texts` → :mod:`vlr.reports` → :mod:`vlr.draft`, with the helpers every stage
uses beside this file (:mod:`vlr.exceptions`, :mod:`vlr.rules`, :mod:`vlr.findings`,
:mod:`vlr.values`, :mod:`vlr.formatting`, :mod:`vlr.output`, :mod:`vlr.xlsx`).
"""

__version__ = "0.1.0"
