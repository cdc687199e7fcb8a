"""Mapping a city's work to SDG targets: search in officers' words, and suggestions.

- :mod:`vlr.mapping.search` finds targets for everyday words (``vlr framework search``).
"""
