# ruff: noqa: E501 - the official titles, each one string as the catalogues hold it
"""The goals' short names and titles, marked for the message catalogues: the framework file
holds them in English, and :func:`goal_name` and :func:`goal_title` give them in the language
spoken (:func:`vlr.formatting.speaking`), from the official translations in the catalogues
(in Finnish and Swedish, those of the UN's and the governments' publications)."""

from __future__ import annotations

from vlr.formatting import N_, _

#: Goal number → its short name and title, as the framework file gives them in English.
GOALS = {
    1: (N_("No poverty"), N_("End poverty in all its forms everywhere")),
    2: (
        N_("Zero hunger"),
        N_("End hunger, achieve food security and improved nutrition and promote sustainable agriculture"),
    ),
    3: (N_("Good health and well-being"), N_("Ensure healthy lives and promote well-being for all at all ages")),
    4: (
        N_("Quality education"),
        N_("Ensure inclusive and equitable quality education and promote lifelong learning opportunities for all"),
    ),
    5: (N_("Gender equality"), N_("Achieve gender equality and empower all women and girls")),
    6: (
        N_("Clean water and sanitation"),
        N_("Ensure availability and sustainable management of water and sanitation for all"),
    ),
    7: (
        N_("Affordable and clean energy"),
        N_("Ensure access to affordable, reliable, sustainable and modern energy for all"),
    ),
    8: (
        N_("Decent work and economic growth"),
        N_(
            "Promote sustained, inclusive and sustainable economic growth, full and productive employment and decent work for all"
        ),
    ),
    9: (
        N_("Industry, innovation and infrastructure"),
        N_("Build resilient infrastructure, promote inclusive and sustainable industrialization and foster innovation"),
    ),
    10: (N_("Reduced inequalities"), N_("Reduce inequality within and among countries")),
    11: (
        N_("Sustainable cities and communities"),
        N_("Make cities and human settlements inclusive, safe, resilient and sustainable"),
    ),
    12: (N_("Responsible consumption and production"), N_("Ensure sustainable consumption and production patterns")),
    13: (N_("Climate action"), N_("Take urgent action to combat climate change and its impacts")),
    14: (
        N_("Life below water"),
        N_("Conserve and sustainably use the oceans, seas and marine resources for sustainable development"),
    ),
    15: (
        N_("Life on land"),
        N_(
            "Protect, restore and promote sustainable use of terrestrial ecosystems, sustainably manage forests, combat desertification, and halt and reverse land degradation and halt biodiversity loss"
        ),
    ),
    16: (
        N_("Peace, justice and strong institutions"),
        N_(
            "Promote peaceful and inclusive societies for sustainable development, provide access to justice for all and build effective, accountable and inclusive institutions at all levels"
        ),
    ),
    17: (
        N_("Partnerships for the goals"),
        N_("Strengthen the means of implementation and revitalize the Global Partnership for Sustainable Development"),
    ),
}


def goal_name(number: int, english: str) -> str:
    """Goal ``number``'s short name in the language spoken; ``english`` where vlr has none."""
    return _(english) if number in GOALS else english


def goal_title(number: int, english: str) -> str:
    """Goal ``number``'s title in the language spoken; ``english`` where vlr has none."""
    return _(english) if number in GOALS else english
