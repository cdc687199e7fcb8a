"""The words the claims check (:mod:`vlr.texts.claims`) recognises figures, years and
indicators by: patterns of figures and their hedges, directions, base years, aims, and the
synonyms officers write for the words of indicators' names and units. English."""

from __future__ import annotations

import re

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
FRACTIONS = {
    "half": 1 / 2, "a half": 1 / 2, "one half": 1 / 2, "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3,
    "a quarter": 1 / 4, "one quarter": 1 / 4, "three quarters": 3 / 4, "a fifth": 1 / 5, "one fifth": 1 / 5,
    "a tenth": 1 / 10, "one tenth": 1 / 10,
}  # fmt: skip
ONE_TO_TEN = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
WORD_NUMBERS = {w: n for n, w in enumerate(ONE_TO_TEN, 1)}
MULTIPLIED = {"halved": -0.5, "doubled": 1.0, "tripled": 2.0, "trebled": 2.0, "quadrupled": 3.0}
HEDGE = (
    r"(?:(about|around|roughly|approximately|some|nearly|almost|over|more than|less than|fewer than|under|at least"
    r"|just over|just under|close to|exceeded|exceeds|exceeding|topped|surpassed)\s+)?"
)
#: Hedges that bound a figure rather than round it.
BOUNDS = frozenset({"over", "more than", "at least", "just over", "under", "less than", "fewer than", "just under"})
FIGURE = re.compile(
    HEDGE
    + rf"(?:(?P<pct>{NUM})\s?(?:%|per\s?cent\b|percent\b)"
    + rf"|(?P<pts>{NUM})\s?percentage points?\b"
    + r"|(?P<frac>" + "|".join(sorted(FRACTIONS, key=len, reverse=True)) + r")\b"
    + r"|\b(?P<n>one|two|three|four|five|six|seven|eight|nine|\d{1,2})\s+(?:[a-z]+\s+)?(?:in|out of)\s+"
    + r"(?P<m>two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b"
    + r"|\b(?P<times>" + "|".join(MULTIPLIED) + r")\b"
    + rf"|(?P<bare>{NUM})(?=\s+in\s+\d{{4}}\b)"
    + rf"|(?<![€$£\d.,])(?!(?:19|20)\d\d\b)(?P<amt>{NUM})"
    + r"\s*(?P<words>[^\W\d_][\w/\u00b3\u00b2-]*(?:\s+(?!(?:in|to|from|and|of|on|at|by|for|than)\b)[^\W\d_][\w-]*)?))",
    re.IGNORECASE,
)  # fmt: skip
DOWN = re.compile(
    r"\b(fallen|fell|falls?|dropped|drops?|decreased|decreases?|declined|declines?|reduced|cut|down|lower|less|"
    r"below|shrunk|shrank|halved)\b",
    re.IGNORECASE,
)
UP = re.compile(
    r"\b(risen|rose|rises?|increased|increases?|grown|grew|grows?|up|higher|above|doubled|tripled|trebled|"
    r"quadrupled)\b",
    re.IGNORECASE,
)
BASE = re.compile(
    r"\b(?:since|from|compared (?:with|to)|than(?: in)?|on|over)\s+(?:the\s+)?(?:year\s+)?(\d{4})(?:\s+levels?)?\b"
    r"|\b(?:the\s+)?(\d{4})\s+levels?\b",
    re.IGNORECASE,
)
BETWEEN = re.compile(r"\bbetween\s+(\d{4})\s+and\s+(\d{4})\b", re.IGNORECASE)
#: The year right after a figure: ``53 % in 2016``, ``5 t (2015)``.
OWN_YEAR = re.compile(r"\s*(?:\(|in\s+|,\s+)(\d{4})\b", re.IGNORECASE)
#: A year's value named before a figure: "its 1990 level of 96 million".
LEVEL_OF = re.compile(r"\b(\d{4})\s+(?:level|value|figure)\s+of\s+$", re.IGNORECASE)
#: Right after an amount, the words that make it a change: "4 µg/m³ lower".
AFTER_AMOUNT = re.compile(r"\s*(?:lower|higher|less|more|fewer|below|above|down|up)\b", re.IGNORECASE)
YEAR = re.compile(
    r"\b(?:in|by|for|during|as of)\s+(\d{4})\b|^\s*(\d{4})\b|\b(last year|this year|now|today|currently)\b", re.I
)
AIM = re.compile(
    r"\b(aims?|aiming|target(?:s|ed)?|goals?|plans?|planned|will|would|shall|should|intends?|commits?|"
    r"strategy|objective)\b|\bto (?:cut|reduce|raise|increase|halve|double|reach|lower)\b",
    re.IGNORECASE,
)
CLAUSES = re.compile(r",\s+(?:and\s+)?|;\s+|\s+and\s+(?=\D)")
SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\u201c\"(])|\n+")
WORD = re.compile(r"[a-zA-Z\u00c0-\u024f][a-zA-Z\u00c0-\u024f-]{2,}|\b[A-Z]{1,3}\d+(?:\.\d+)?\b")
STOP = frozenset(
    {
        "the", "and", "with", "from", "that", "this", "which", "their", "have", "has", "for", "who", "were", "was",
        "are", "per", "its", "into", "than", "more", "less", "all", "any", "share", "number", "proportion",
        "percentage", "rate", "total", "level", "city", "annual", "year", "years", "part", "made", "million",
        "thousand", "billion", "hundred",
    }
)  # fmt: skip
OPPOSITE = {
    "fallen": "risen", "fell": "rose", "falls": "rises", "fall": "rise", "dropped": "risen", "decreased": "increased",
    "declined": "increased", "reduced": "increased", "down": "up", "lower": "higher", "less": "more",
    "below": "above", "risen": "fallen", "rose": "fell", "rises": "falls", "rise": "fall", "increased": "decreased",
    "grown": "fallen", "grew": "fell", "up": "down", "higher": "lower", "above": "below", "more": "less",
}  # fmt: skip


#: Words officers write for a word of an indicator's name: the stem they stand for.
SYNONYMS = {
    "capita": "inhabi", "person": "inhabi", "per-ca": "inhabi",
    "journe": "trips", "trip": "trips", "bike": "bicycl", "bikes": "bicycl", "cyclin": "bicycl", "cycled": "bicycl",
    "cyclis": "bicycl", "jobles": "unempl", "homes": "dwelli", "home": "dwelli", "housin": "dwelli", "dust": "partic",
    "riders": "passen", "pupils": "studen",
}  # fmt: skip


#: Words officers write for a unit word.
UNIT_WORDS = {"t": {"tonne", "tonnes", "ton", "tons"}, "km": {"kilometre", "kilometres", "kilometer", "kilometers"}}
