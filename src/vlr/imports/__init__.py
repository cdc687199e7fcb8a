"""Importers: other tools' data made into vlr's indicator workbooks.

- :mod:`vlr.imports.open_sdg` reads an Open SDG data repository (the CSV and metadata
  files a city or country publishes its SDG website from);
- :mod:`vlr.imports.workbooks` writes what an importer read as vlr workbooks, whole or
  not at all.
"""
