"""The words of the draft that are not laid out yet, and the officers' own words checked.

- :mod:`vlr.texts.claims`: the figures of the officers' texts checked against the data
  (``narrative-claim``), with the words it recognises them by in :mod:`vlr.texts.claim_words`;
- :mod:`vlr.texts.context`: what the texts are rendered with (the templates' context), the
  rendered texts of a draft, and the check that an officer's narrative renders;
- :mod:`vlr.texts.narrative`: section texts through sandboxed jinja2 templates;
- :mod:`vlr.texts.sentences`: the facts the generated sentences word (what an indicator's
  data show, the widest gap between its groups).
"""
