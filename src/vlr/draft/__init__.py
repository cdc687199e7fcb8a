"""The Word draft: laid out from the analysis (:mod:`vlr.draft.document`), on raw
WordprocessingML where python-docx has no API (:mod:`vlr.draft.docx_xml`)."""
