import json
import re

import pytest

from conftest import UN_2023, UN_2025, need_un
from vlr.framework.catalogue import SHIPPED, Framework, code_key, diff, load_framework
from vlr.framework.unworkbook import clean_un_text, import_un_workbook

TARGETS_PER_GOAL = [7, 8, 13, 10, 9, 8, 5, 12, 8, 10, 10, 11, 5, 10, 12, 12, 19]
LISTINGS_PER_GOAL = [13, 15, 28, 12, 14, 11, 6, 17, 12, 14, 16, 13, 8, 10, 14, 24, 24]


@pytest.fixture(scope="module")
def fw() -> Framework:
    return load_framework(SHIPPED)


def test_shipped_counts(fw):
    counts = fw.counts()
    assert counts["goals"] == 17
    assert (counts["targets"], counts["targets_numbered"], counts["targets_lettered"]) == (169, 126, 43)
    assert (counts["indicator_listings"], counts["indicator_codes"], counts["unique_indicators"]) == (251, 235, 234)
    assert fw.edition == "2025" and "E/CN.3/2025/6" in fw.source


def test_per_goal_counts_and_every_target_has_an_indicator(fw):
    assert [len(fw.targets_of(g)) for g in range(1, 18)] == TARGETS_PER_GOAL
    listings = [sum(1 for i in fw.indicators if int(i.code.split(".")[0]) == g) for g in range(1, 18)]
    assert listings == LISTINGS_PER_GOAL
    assert all(fw.indicators_of(t.code) for t in fw.targets)


def test_goals_carry_short_names_and_colours(fw):
    g13 = fw.goal(13)
    assert g13.short_name == "Climate action" and g13.colour == "#3F7E44"
    assert g13.title == "Take urgent action to combat climate change and its impacts"
    assert all(re.fullmatch(r"#[0-9A-F]{6}", g.colour) for g in fw.goals)


def test_repeats(fw):
    assert fw.indicator("1.5.1").repeats == ["11.5.1", "13.1.1"]
    assert fw.indicator("13.b.1").repeats == ["13.2.1"]
    assert fw.indicator_targets("11.b.1") == ["1.5", "11.b", "13.1"]


def test_texts_are_clean(fw):
    texts = [g.title for g in fw.goals] + [t.text for t in fw.targets] + [i.text for i in fw.indicators]
    for text in texts:
        assert not re.search(r"[a-z]{3}\d\b", text), text
        assert not re.search("[\u00a0\u2011\n*\u2020]", text), text
    assert fw.indicator("17.6.1").text.endswith("by speed")
    assert "PM2.5 and PM10" in fw.indicator("11.6.2").text
    assert "CO2" in fw.indicator("9.4.1").text


@pytest.mark.parametrize(
    "raw, clean",
    [
        (
            "Take urgent action to combat climate change and its impacts3",
            "Take urgent action to combat climate change and its impacts",
        ),
        ("subscriptions per 100 inhabitants, by speed4", "subscriptions per 100 inhabitants, by speed"),
        ("CO2 emission per unit of value added", "CO2 emission per unit of value added"),
        ("fine particulate matter (e.g.\u00a0PM2.5 and PM10)", "fine particulate matter (e.g. PM2.5 and PM10)"),
        ("under\u20115 mortality\n of 12\u00a0per\u00a0cent", "under-5 mortality of 12 per cent"),
        ("Development*", "Development"),
        ("UNSD Indicator Codes\u2020", "UNSD Indicator Codes"),
        ("area in km2", "area in km2"),
    ],
)
def test_clean_un_text(raw, clean):
    assert clean_un_text(raw) == clean


def test_describe_goal_targets(fw):
    assert fw.describe_goal_targets(13) == "13.1\u201313.3, 13.a, 13.b"


def test_code_key_orders_codes_naturally():
    assert sorted(["1.10", "1.a", "1.2", "10.1", "1.1"], key=code_key) == ["1.1", "1.2", "1.10", "1.a", "10.1"]


def test_import_2025_reproduces_the_shipped_file():
    fw = import_un_workbook(need_un(UN_2025))
    assert json.loads(fw.to_json()) == json.loads(SHIPPED.read_text(encoding="utf-8"))


def test_import_2023_edition_and_diff(fw):
    old = import_un_workbook(need_un(UN_2023))
    counts = old.counts()
    assert (counts["indicator_listings"], counts["indicator_codes"], counts["unique_indicators"]) == (248, 232, 231)
    assert old.edition == "2023"
    assert not old.indicators_of("11.c")  # no indicator for 11.c before 2025
    changes = diff(old, fw)
    assert changes.added_indicators == ["2.2.4", "8.9.2", "11.c.1"]
    assert changes.removed_indicators == [] and changes.added_targets == []
    assert changes.recoded_indicators == ["3.b.3", "4.6.1", "15.9.1"]
    # 15 texts revised, plus the three replaced indicators, plus 12.a.1 which repeats 7.b.1
    assert len(changes.reworded_indicators) == 19
    assert diff(fw, fw).unchanged


def test_a_bad_framework_file_is_a_clear_error(tmp_path):
    from vlr.exceptions import FrameworkError

    bad = tmp_path / "fw.json"
    bad.write_text("{}")
    with pytest.raises(FrameworkError, match="not a vlr framework file"):
        load_framework(bad)
    with pytest.raises(FrameworkError, match="Cannot read"):
        load_framework(tmp_path / "missing.json")
