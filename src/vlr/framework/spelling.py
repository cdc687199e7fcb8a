"""English words as officers write them, folded to one form before they are stemmed
(:func:`token`), so that a British and an American officer find the same targets and a
plural finds its singular, while words the stemmer would merge though they mean different
things stay apart.

- **British and American spellings**: *-ise*/*-ize* (*organise*, *immunisation*) but not the
  words that end so in American too (*exercise*, *advise*, *enterprise*), *-our*/*-or*
  (*labour*, *neighbour*), *-re*/*-er* (*centre*, *fibre*), *ae*/*oe* (*paediatric*,
  *anaemia*, *diarrhoea*), a doubled *l* (*travelling*, *counselling*), and whole words that
  differ (*kerb*/*curb*, *tyre*/*tire*, *programme*/*program*, *licence*/*license*), and the
  few everyday words that differ across the Atlantic (*pavement*/*sidewalk*,
  *petrol*/*gasoline*, *lorry*/*truck*, *nappy*/*diaper*).
- **Plurals Snowball leaves apart**: *buses* and *bus*, *gases* and *gas*, *midwives* and
  *midwife*; and *flats* are *apartments*.
- **Words written apart or together**: a word and its particle joined by a hyphen are one
  word (*run-off* is *runoff*, *start-up* *startup*, *drop-in*), so is a prefix (*re-use*,
  *co-operative*, *non-profit*), and a number and its unit
  written together two (*20mph* is *20 mph*, *100kw*) — :func:`joined`.
- **Words Snowball merges that mean different things**: *heating* is not *heat* (a heatwave),
  *parking* is not a *park*, *zoning* not a *zone*, *training* not a *train*, *lighting* not
  *light* rail, *planning* (of land) not any *plan*, *marketing* not a *market*,
  *mining* not a *mine*: each keeps a token of its own.
"""

from __future__ import annotations

import functools
import re

#: Whole words: the form every spelling of them is folded to.
WORDS = {
    "kerb": "curb",
    "kerbs": "curb",
    "kerbside": "curbside",
    "tyre": "tire",
    "tyres": "tire",
    "programme": "program",
    "programmes": "program",
    "licence": "license",
    "licences": "license",
    "defence": "defense",
    "offence": "offense",
    "offences": "offense",
    "practise": "practice",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "ageing": "aging",
    "judgement": "judgment",
    "enrol": "enroll",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "skilful": "skillful",
    "storey": "story",
    "storeys": "story",
    "jewellery": "jewelry",
    "aluminium": "aluminum",
    "sulphur": "sulfur",
    "grey": "gray",
    "mould": "mold",
    "mouldy": "moldy",
    "plough": "plow",
    "draught": "draft",
    "cheque": "check",
    "pyjamas": "pajamas",
    "aeroplane": "airplane",
    "aeroplanes": "airplane",
    "manoeuvre": "maneuver",
    "pavement": "sidewalk",
    "pavements": "sidewalk",
    "petrol": "gasoline",
    "lorry": "truck",
    "lorries": "truck",
    "nappy": "diaper",
    "nappies": "diaper",
    "fertiliser": "fertilizer",
    "fertilisers": "fertilizer",
    # plurals in -ves the stemmer leaves apart from their singulars
    "wives": "wife",
    "midwives": "midwife",
    "housewives": "housewife",
    "knives": "knife",
}

#: Words the stemmer would merge with others of another meaning, and plurals it leaves apart:
#: the token each is taken as, unstemmed.
OWN = {
    "heating": "heating",
    "parking": "parking",
    "zoning": "zoning",
    "training": "training",
    "trainings": "training",
    "lighting": "lighting",
    "planning": "planning",
    "marketing": "marketing",
    "mining": "mining",
    "buses": "bus",
    "busses": "bus",
    "gases": "gas",
    "gasses": "gas",
    "species": "species",
    "news": "news",
    # a flat is an apartment (British, American); the stemmer would make the one "apart"
    "flats": "apartment",
    "apartment": "apartment",
    "apartments": "apartment",
}

#: Words that end in -ise in American English too.
_ISE_ALIKE = frozenset(
    [
        "advertise",
        "advise",
        "apprise",
        "arise",
        "chastise",
        "circumcise",
        "comprise",
        "compromise",
        "concise",
        "demise",
        "despise",
        "devise",
        "disguise",
        "enterprise",
        "exercise",
        "excise",
        "expertise",
        "franchise",
        "improvise",
        "incise",
        "merchandise",
        "noise",
        "otherwise",
        "paradise",
        "poise",
        "praise",
        "precise",
        "premise",
        "promise",
        "raise",
        "revise",
        "rise",
        "sunrise",
        "supervise",
        "surmise",
        "surprise",
        "televise",
        "treatise",
        "wise",
        "cruise",
        "bruise",
        "porpoise",
        "tortoise",
        "turquoise",
        "anise",
        "valise",
        "reprise",
    ]
)
_ISE = re.compile(r"^(\w{3,}?)(is|ys)(e|es|ed|ing|ation|ations|er|ers|able|ational)$")
_OUR = re.compile(
    r"^(col|lab|neighb|behavi|harb|fav|hon|flav|hum|rum|vap|od|parl|rig|vig|tum|endeav|sav|arm|splend)our"
)
_RE = re.compile(
    r"^(cent|fib|met|lit|theat|calib|sab|spect|meag|somb|lust|kilomet|centimet|millimet|millilit)re(s|d)?$"
)
_AE = re.compile(r"(p)aed|(h)aem|(an)aem|(leuk)aem|(septic)aem|(an)aesth|(gyn)aec|(orthop)aed|(encyclop)aed")
_OE = re.compile(r"^(o)esoph|^(o)estr|^(f)oet|(diarrh)oea|(dyspn)oea|(am)oeb")
_LL = re.compile(
    r"^(travel|model|label|fuel|cancel|counsel|signal|level|equal|marshal|total|channel|tunnel|funnel|jewel|dial|"
    r"panel|pencil|quarrel|rival|shovel|refuel)l(ed|ing|er|ers|or|ors)$"
)


def _ise(match: re.Match) -> str:
    root, s, end = match.group(1), match.group(2), match.group(3)
    return f"{root}{s[0]}z{end}"


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """``word`` (folded to lower case) in the one spelling vlr searches by."""
    if word in WORDS:
        return WORDS[word]
    match = _ISE.match(word)
    if match and f"{match.group(1)}{match.group(2)}e" not in _ISE_ALIKE and word not in _ISE_ALIKE:
        word = _ise(match)
    word = _OUR.sub(r"\1or", word)
    word = _RE.sub(lambda m: f"{m.group(1)}er{'ed' if m.group(2) == 'd' else m.group(2) or ''}", word)
    word = _AE.sub(_ae, word)
    word = _OE.sub(_oe, word)
    return _LL.sub(r"\1\2", word)


def _ae(match: re.Match) -> str:
    """``paed`` → ``ped``, ``haem`` → ``hem``, ``anaesth`` → ``anesth``."""
    return match.group(0).replace("ae", "e", 1)


def _oe(match: re.Match) -> str:
    """``oesoph`` → ``esoph``, ``foet`` → ``fet``, ``diarrhoea`` → ``diarrhea``."""
    return match.group(0).replace("oe", "e", 1)


#: A word and its particle, hyphenated: one word (``run-off``, ``start-up``, ``drop-in``); and
#: a prefix written now apart, now together (``re-use``, ``co-operative``, ``pre-school``, ``non-profit``).
_PARTICLE = re.compile(r"(?<=[^\W\d_])-(up|off|in|out|on|over|down|back)\b|\b(re|co|pre|non)-(?=[^\W\d_])")
#: A number and a unit of two letters or more written together (``20mph``, ``100kw``; not ``5g``).
_UNIT = re.compile(r"\b(\d+)([^\W\d_]{2,})\b")


def joined(text: str) -> str:
    """``text`` (folded to lower case) with its compounds written as vlr searches them: a
    hyphenated particle joined to its word, a number split from its unit."""
    return _UNIT.sub(r"\1 \2", _PARTICLE.sub(lambda m: m.group(1) or m.group(2), text))


def own(word: str) -> str | None:
    """The token ``word`` keeps unstemmed, where it is one the stemmer would merge or split wrongly."""
    return OWN.get(word)
