"""The words of the draft that are not laid out yet.

- :mod:`vlr.texts.context`: what the texts are rendered with (the templates' context), the
  rendered texts of a draft, and the check that an officer's narrative renders;
- :mod:`vlr.texts.narrative`: section texts through sandboxed jinja2 templates;
- :mod:`vlr.texts.sentences`: the facts the generated sentences word (what an indicator's
  data show, the widest gap between its groups).
"""
