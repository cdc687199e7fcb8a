"""The reporting cycle: what happens between one review and the next.

- :mod:`vlr.cycle.diff` compares two versions of a review (``vlr diff``).
"""
