"""Importers: other tools' data made into vlr's indicator workbooks.

- :mod:`vlr.imports.imported` is what every import makes of its source: the indicators with
  their Data rows, the files skipped and the rows left out by reason, and the workbooks
  they become (written by :mod:`vlr.workbook.writer`, whole or not at all);
- :mod:`vlr.imports.open_sdg` reads an Open SDG data repository (the CSV and metadata
  files a city or country publishes its SDG website from);
- :mod:`vlr.imports.open_sdg_meta` merges its metadata (``meta/``, ``indicator-config/``,
  ``csv-meta/``) as sdg-build does and reads its translations;
- :mod:`vlr.imports.open_sdg_rows` turns the rows of one data file into Data rows with
  their series, unit, scale and period, or counts why a row is left out, and
  :mod:`vlr.imports.open_sdg_places` finds where each row's value is for;
- :mod:`vlr.imports.sdmx_read` reads SDMX files (SDMX-ML, SDMX-CSV, SDMX-JSON) with sdmx1
  into plain observations; :mod:`vlr.imports.sdmx_structure` is what their data structure
  (DSD) says of the codes; :mod:`vlr.imports.sdmx_data` makes the observations Data rows,
  each with its indicator, area, breakdown, unit and scale, or counts why one is left out.
"""
