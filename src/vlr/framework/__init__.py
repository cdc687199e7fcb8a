"""The official SDG framework: goals, targets and indicators, and finding them.

- :mod:`vlr.framework.catalogue`: the framework as data (the shipped edition or a file
  made by ``vlr framework import``), and what changed between two editions;
- :mod:`vlr.framework.unworkbook`: the importer of the UN Statistics Division's workbook;
- :mod:`vlr.framework.goal_names`: the goals' names and titles in the language spoken;
- :mod:`vlr.framework.translations`: the targets' and indicators' texts in other languages
  (the city's, or those vlr ships from Open SDG), each for the English wording it translates;
- :mod:`vlr.framework.search`: targets for a city's everyday words
  (``vlr framework search``), with the thesaurus in ``vlr/data/thesaurus/``; its words
  folded to one spelling by :mod:`vlr.framework.spelling`, its targets ranked by
  :mod:`vlr.framework.ranking` (BM25 with generic words weighed down), how sure it is of each target and, for a
  paragraph, of each goal told by :mod:`vlr.framework.chances`.
"""
