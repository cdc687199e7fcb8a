"""vlr: write SDG Voluntary Local Reviews from a city's indicator spreadsheets.

The library entry points live in :mod:`vlr.main`; the ``vlr`` command is a thin
layer over them (:mod:`vlr.cli`).
"""

__version__ = "0.1.0"
