"""What the review shows: pure functions over the model, no file written.

- :mod:`vlr.analysis.result`: a review read and checked (:class:`~vlr.analysis.result.Loaded`)
  and analysed (:class:`~vlr.analysis.result.Analysis`), what the reports and the draft use;
- :mod:`vlr.analysis.coverage`: which goals and targets are covered, with what evidence,
  the gaps, and the actions' budgets;
- :mod:`vlr.analysis.progress`: the progress methods (UNSD, Eurostat) → a status per
  indicator and series;
- :mod:`vlr.analysis.gaps`: leaving no one behind, the widest gap between an indicator's groups;
- :mod:`vlr.analysis.diff`: what changed between two versions of a review (``vlr diff``);
- :mod:`vlr.analysis.suggest`: targets suggested for actions and indicators (``vlr suggest``);
- :mod:`vlr.analysis.wording`: which of the review's targets and indicators have their
  official text in a language, and from where (``vlr framework translations``).
"""
