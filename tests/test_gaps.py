"""Leaving no one behind: a gap compares groups of one dimension only, in one unit, and gives a
ratio only where a ratio means something (the rule in :mod:`vlr.analysis.gaps`)."""

from __future__ import annotations

import copy

import pytest

from conftest import MINIMAL, review_folder
from vlr.analysis.gaps import dimension_of, gaps
from vlr.main import load


def review_with(tmp_path, rows: list[list], unit: str = "%"):
    sheets = copy.deepcopy(MINIMAL)
    sheets["Indicators"][3][2] = unit
    sheets["Data"] = [sheets["Data"][0], *[r for r in sheets["Data"][1:] if r[0] != "I-3"], *rows]
    tmp_path.mkdir(parents=True, exist_ok=True)
    return load(review_folder(tmp_path, sheets)).review


def test_the_dimension_of_a_group_is_its_label_s_name_else_what_its_words_are():
    assert dimension_of("Sex: Women") == "sex" and dimension_of("Age group: 15-24") == "age group"
    assert dimension_of("Women") == dimension_of("Miehet") == dimension_of("Frauen") == "sex"
    assert dimension_of("Aged 65-74") == dimension_of("75+") == dimension_of("under 18") == "age"
    assert dimension_of("Native speakers") == dimension_of("Foreign-language speakers") == ""
    assert dimension_of("Emissions per capita") != dimension_of("Emissions, metric tons")


def test_sex_is_compared_with_sex_and_age_with_age_never_across(tmp_path):
    rows = [
        ["I-3", 2024, 70, None],
        ["I-3", 2024, 82.3, "Men"],
        ["I-3", 2024, 78.0, "Women"],
        ["I-3", 2024, 63.6, "Aged 65-74"],
        ["I-3", 2024, 75.0, "Aged 25-34"],
        ["I-3", 2024, 14.8, "Foreign-language speakers"],
        ["I-3", 2024, 7.8, "Native speakers"],
    ]
    gap = gaps(review_with(tmp_path, rows))["I-3"]
    # the widest of the three one-dimensional gaps: age (11.4 points), not Men against Aged 65-74
    assert (gap.high.label, gap.low.label, gap.dimension) == ("Aged 25-34", "Aged 65-74", "age")
    assert gap.gap == pytest.approx(11.4)


def test_groups_of_two_dimensions_are_compared_in_one_with_the_other_held(tmp_path):
    rows = [
        ["I-3", 2024, 70, "Sex: Total; Age: All ages"],
        ["I-3", 2024, 60, "Sex: Female; Age: 15-24"],
        ["I-3", 2024, 64, "Sex: Male; Age: 15-24"],
        ["I-3", 2024, 90, "Sex: Female; Age: 65+"],
        ["I-3", 2024, 71, "Sex: Male; Age: 65+"],
    ]
    gap = gaps(review_with(tmp_path, rows))["I-3"]
    assert {gap.high.label, gap.low.label} in (
        {"Sex: Female; Age: 65+", "Sex: Male; Age: 65+"},  # sex among the over-65s: 19 points
        {"Sex: Female; Age: 65+", "Sex: Female; Age: 15-24"},  # age among women: 30 points
    )
    assert gap.gap == pytest.approx(30) and gap.dimension == "age" and gap.within == "Sex: Female"


def test_a_label_naming_a_measure_is_not_a_group_of_another(tmp_path):
    rows = [["I-3", 2024, 930.0, "Emissions, metric tons"], ["I-3", 2024, 0.8, "Emissions per capita"]]
    assert "I-3" not in gaps(review_with(tmp_path, rows, unit="t"))


def test_a_ratio_only_where_it_means_something(tmp_path):
    shares = [["I-3", 2024, 14.8, "Foreign-language speakers"], ["I-3", 2024, 7.8, "Native speakers"]]
    assert gaps(review_with(tmp_path, shares))["I-3"].ratio == pytest.approx(14.8 / 7.8)
    changes = [["I-3", 2024, 3.0, "Women"], ["I-3", 2024, -1.5, "Men"]]
    assert gaps(review_with(tmp_path / "b", changes))["I-3"].ratio is None  # a value below zero
    signed = [["I-3", 2024, 3.0, "Women"], ["I-3", 2024, 1.5, "Men"]]
    assert gaps(review_with(tmp_path / "c", signed, unit="% change"))["I-3"].ratio is None
