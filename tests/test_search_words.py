"""Words handled as officers write them (issue 22, point 2): British and American spellings
find the same targets, plurals their singulars, words the stemmer would merge stay apart, and
a generic word does not decide a ranking."""

from __future__ import annotations

import json

import pytest

from vlr.framework.catalogue import load_framework
from vlr.framework.ranking import Ranking
from vlr.framework.search import index_for, stems
from vlr.framework.spelling import fold

FW = load_framework()


@pytest.mark.parametrize(
    "british, american",
    [
        ("organisation", "organization"),
        ("immunisation", "immunization"),
        ("labour", "labor"),
        ("neighbourhood", "neighborhood"),
        ("centre", "center"),
        ("fibre", "fiber"),
        ("paediatric", "pediatric"),
        ("anaemia", "anemia"),
        ("diarrhoea", "diarrhea"),
        ("travelling", "traveling"),
        ("kerb", "curb"),
        ("tyres", "tires"),
        ("programmes", "programs"),
        ("licence", "license"),
        ("pavement", "sidewalk"),
        ("analyse", "analyze"),
        ("people-centred", "people-centered"),
    ],
)
def test_a_british_and_an_american_spelling_are_one_word(british, american):
    assert stems(british) == stems(american)


@pytest.mark.parametrize("word", ["exercise", "advise", "enterprise", "promise", "premises", "four", "hour", "tour"])
def test_words_that_only_look_british_are_left_as_they_are(word):
    assert fold(word) == word


def test_plurals_the_stemmer_leaves_apart_are_one_word_and_merged_words_stay_apart():
    assert stems("electric buses") == stems("electric bus")
    assert stems("gases") == stems("gas")
    for own, other in (("heating", "heat"), ("parking", "park"), ("zoning", "zone"), ("training", "train")):
        assert stems(own) != stems(other), own


def test_british_and_american_queries_find_the_same_targets():
    search = index_for(FW, "en")
    for british, american in (("labour market", "labor market"), ("fibre optic", "fiber optic")):
        assert [h.code for h in search.search(british, 5)] == [h.code for h in search.search(american, 5)]


def test_a_generic_word_counts_for_little():
    ranking = Ranking([["free", "trade"], ["school", "meal"], ["meal", "hunger"]])
    scores = ranking.scores(["free", "school", "meal"])
    assert max(scores, key=scores.get) == 1  # the document with the meaning-bearing words
    assert ranking.coverage(["school", "meal"], 1) == 1.0 and ranking.coverage(["school", "meal"], 0) == 0.0
    search = index_for(FW, "en")
    assert "17.12" not in [h.code for h in search.search("free school meals", 5)]  # duty-free market access


def test_every_hit_carries_a_confidence_and_a_floor_keeps_only_the_sure_ones():
    import json

    from click.testing import CliRunner

    from vlr.cli import main

    runner = CliRunner()
    hits = json.loads(runner.invoke(main, ["framework", "search", "heat", "pumps", "--format", "json"]).output)
    assert hits and all(0 <= h["confidence"] <= 1 for h in hits)
    assert hits[0]["code"] == "7.2" and hits[0]["confidence"] > hits[-1]["confidence"]  # not scaled so the best is 1
    floor = (hits[0]["confidence"] + hits[-1]["confidence"]) / 2
    kept = json.loads(
        runner.invoke(
            main, ["framework", "search", "heat", "pumps", "--format", "json", "--min-confidence", str(floor)]
        ).output
    )
    assert kept and all(h["confidence"] >= floor for h in kept) and len(kept) < len(hits)
    result = runner.invoke(main, ["framework", "search", "heat", "pumps", "--min-confidence", "1"])
    assert "Nothing matches 'heat pumps' with a confidence of 100% or more; the best is 7.2" in result.output
    assert "Try other words" in result.output  # and what to try


def test_a_paragraph_is_answered_with_the_goals_it_concerns_each_with_its_chance():
    from click.testing import CliRunner

    from vlr.cli import main
    from vlr.framework.chances import goal_chances

    text = "The city replaces oil boilers in its schools with ground-source heat pumps and insulates the buildings"
    hits = index_for(FW, "en").search(text, 10)
    chances = goal_chances(hits)
    assert next(iter(chances)) == 7 and all(0 <= c <= 1 for c in chances.values())
    assert list(chances.values()) == sorted(chances.values(), reverse=True)
    result = CliRunner().invoke(main, ["framework", "search", *text.split()])
    assert result.output.startswith("Goals: 7 (")
    found = json.loads(CliRunner().invoke(main, ["framework", "search", "--format", "json", *text.split()]).output)
    goals = [f for f in found if f["kind"] == "goal"]
    assert goals[0]["code"] == "7" and goals[0]["confidence"] == chances[7]
    assert found[: len(goals)] == goals and found[len(goals)]["kind"] == "target"  # the goals first
    short = json.loads(CliRunner().invoke(main, ["framework", "search", "--format", "json", "heat", "pumps"]).output)
    assert {f["kind"] for f in short} == {"target"}  # two words are no paragraph: targets only


def test_a_goal_s_chance_rises_with_its_share_of_the_hits():
    from vlr.framework.chances import goal_chances
    from vlr.framework.search import Hit

    def hit(code, score, sure):
        return Hit(code, "", score, confidence=sure)

    alone = goal_chances([hit("7.2", 5.0, 0.8), hit("7.3", 4.0, 0.7), hit("13.2", 1.0, 0.3)])
    shared = goal_chances([hit("7.2", 5.0, 0.8), hit("13.2", 4.5, 0.7), hit("11.6", 4.0, 0.6), hit("3.9", 4.0, 0.6)])
    assert alone[7] > shared[7] and alone[7] > alone[13]


def test_a_phrase_of_the_query_counts_where_a_target_holds_it_as_a_phrase():
    ranking = Ranking([["road", "safety", "zone"], ["safety", "zone", "road"]])
    scores = ranking.scores(["road", "safety"])
    assert scores[0] > scores[1]  # the same words, but only the first says "road safety"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("fertiliser run-off", "fertilizer runoff"),  # a hyphenated particle is one word
        ("start-up grants", "startup grant"),
        ("re-use centre", "reuse center"),  # so is a prefix
        ("20mph zones", "20 mph zone"),  # a number and its unit are two
        ("midwives", "midwife"),  # a plural in -ves
        ("blocks of flats", "apartment blocks"),  # a flat is an apartment
    ],
)
def test_words_written_apart_or_together_are_the_same_words(one, other):
    assert sorted(stems(one)) == sorted(stems(other))


def test_a_word_neither_source_knows_is_taken_as_its_known_root_and_only_by_its_ending():
    search = index_for(FW, "en")
    assert search.query_stems("smokers") == ["smoke"] and search.search("help smokers")[0].code.startswith("3.")
    assert search.query_stems("launch") == ["launch"]  # not "launder", though it begins alike
    assert "5g" in stems("5g masts") and "2030s" in stems("the 2030s")  # no unit: one word
