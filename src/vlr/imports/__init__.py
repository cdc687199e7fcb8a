"""Importers: other tools' data made into vlr's indicator workbooks.

- :mod:`vlr.imports.open_sdg` reads an Open SDG data repository (the CSV and metadata
  files a city or country publishes its SDG website from); the workbooks are written by
  :mod:`vlr.workbook.writer`, whole or not at all.
"""
