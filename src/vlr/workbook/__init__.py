"""The indicator workbooks: their format, reading them, checking them, writing them.

- :mod:`vlr.workbook.schema`: the workbook contract (sheets, columns, allowed values, the
  help text of every column); :mod:`vlr.workbook.words` its words in Finnish and Swedish,
  read in any of them;
- :mod:`vlr.workbook.reader`: workbooks → the review model, with a located finding for
  every cell it could not take; :mod:`vlr.workbook.files` says which files make a review,
  :mod:`vlr.workbook.table` finds a sheet's headings and reads its cells,
  :mod:`vlr.workbook.records` turns rows into records;
- :mod:`vlr.workbook.checks`: the checks over the whole review, yielding findings (those of
  years, periods and data values in :mod:`vlr.workbook.data_checks`);
  :mod:`vlr.workbook.translations` the city's Translations rows, those used and those not;
- :mod:`vlr.workbook.writer`: writes every .xlsx vlr produces (the one module that writes a
  spreadsheet), a file or a new folder of them, whole or not at all;
- :mod:`vlr.workbook.template`: the workbooks of a new review (``vlr init``).
"""
