"""Finding targets in Finnish and Swedish (issue 21, item 5), measured on everyday officer
queries written blind, before the search was tuned (tests/search_queries.py)."""

from __future__ import annotations

import pytest

from search_queries import FINNISH, SWEDISH
from vlr.framework.catalogue import load_framework
from vlr.framework.search import index_for, query_language, thesaurus

#: The share of queries that must get an acceptable target in the first five.
GOAL = 0.8


@pytest.fixture(scope="module")
def fw():
    return load_framework()


def found(fw, query: str, language: str | None = None) -> list[str]:
    language = language or query_language(query, fw)
    return [h.code for h in index_for(fw, language).search(query, 5)]


@pytest.mark.parametrize("language, queries", [("fi", FINNISH), ("sv", SWEDISH)])
def test_everyday_queries_in_the_citys_language_find_an_acceptable_target(fw, language, queries):
    assert len(queries) >= 40 and thesaurus(language)
    missed = [(q, ok, found(fw, q)) for q, ok in queries if not ok & set(found(fw, q))]
    right = 1 - len(missed) / len(queries)
    assert right >= GOAL, f"{language}: {right:.0%} right; missed: {missed}"


@pytest.mark.parametrize("language, queries", [("fi", FINNISH), ("sv", SWEDISH)])
def test_the_language_of_a_query_is_found(fw, language, queries):
    wrong = [q for q, _ok in queries if query_language(q, fw) != language]
    assert len(wrong) <= 0.1 * len(queries), wrong
    assert query_language("bike lanes", fw) == "en" and query_language("zzzz", fw) == "en"


def test_english_stays_where_it_is(fw):
    # the English index is the one it was: a Finnish or Swedish thesaurus takes nothing from it
    assert found(fw, "bike lanes")[0] == "11.2" and "7.2" in found(fw, "heat pump")


@pytest.mark.parametrize("language, linking", [("fi", ""), ("sv", "s")])
def test_a_compound_the_thesaurus_lacks_is_split_into_its_known_parts(fw, language, linking):
    index = index_for(fw, language)
    single = sorted({t.term for t in thesaurus(language) if " " not in t.term and len(t.term) >= 5})
    first, head = single[0], single[-1]  # two words the thesaurus knows, far apart
    compound = first + linking + head  # a compound it does not know
    stems = index.query_stems(compound)
    assert index.query_stems(head)[0] in stems and index.query_stems(first)[0] in stems, (compound, stems)
    assert index.known(compound) == 2 and index.parts("xyzxyzxyz") == []


def test_english_words_the_english_thesaurus_lacks_stay_english(fw):
    # words of the framework's own texts are English, which BM25 searches: never sent to another language
    for query in ("farmers", "labour", "deforestation", "new technologies", "marriage", "enterprises"):
        assert query_language(query, fw) == "en", query
    assert "2.3" in found(fw, "farmers")
