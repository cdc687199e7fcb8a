"""The review as data, once it is read: no spreadsheet, no Word, only what the review says.

- :mod:`vlr.model.review`: the typed review model (pydantic): the review's fields,
  actions, indicators, data points and narratives;
- :mod:`vlr.model.periods`: periods as publishers write them (2019/20, 2014 Q3, …) placed
  on one time axis;
- :mod:`vlr.model.series`: an indicator's series by breakdown and unit, its headline, and
  what a chart of it shows.
"""
