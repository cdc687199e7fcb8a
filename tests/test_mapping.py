"""Finding targets in a city's words, and suggestions for a review's actions."""

import json

import pytest
from click.testing import CliRunner

from conftest import ROOT
from vlr.analysis.suggest import suggest
from vlr.cli import main
from vlr.framework.catalogue import load_framework
from vlr.framework.search import TargetSearch, stems, thesaurus
from vlr.main import load
from vlr.xlsx import read_workbook


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def index():
    return TargetSearch(load_framework())


@pytest.mark.parametrize(
    "query, acceptable",
    [
        ("bike lanes", {"11.2"}),
        ("heat pump", {"7.2", "7.3"}),
        ("library", {"4.6", "16.10"}),
        ("homelessness", {"11.1", "1.3"}),
        ("school meals", {"2.1", "2.2"}),
        ("district heating", {"7.2", "7.3"}),
        ("digital skills", {"4.4"}),
        ("tree planting", {"15.2", "11.7"}),
        ("open data", {"16.10", "17.18"}),
        ("air quality", {"11.6", "3.9"}),
        ("flood", {"11.5", "13.1"}),
        ("greenhouse gas emissions", {"13.2"}),
        ("cyclists", {"11.2", "3.6"}),
        ("lanes for bikes", {"11.2"}),
        ("recycling of plastic", {"12.5"}),
        ("public transport", {"11.2"}),
        ("zzzz", set()),
        ("snow removal", {"11.2", "9.1"}),
        ("electric buses", {"11.2"}),
        ("citizen panel", {"16.7"}),
    ],
)
def test_everyday_words_find_the_targets_an_officer_accepts(index, query, acceptable):
    hits = index.search(query, 5)
    if not acceptable:  # nothing in the thesaurus or the framework's words
        assert hits == []
        return
    assert acceptable & {h.code for h in hits}, [(h.code, h.reasons) for h in hits]
    assert hits[0].reasons and hits[0].indicators


def test_reasons_say_why(index):
    top = index.search("heat pump", 3)
    assert top[0].code == "7.2" and top[0].reasons[0].startswith("heat pump \u2192 7.2 (increase substantially")
    assert index.search("11.2")[0].reasons == ["the target's own code"]
    assert index.search("11.6.2")[0].code == "11.6"


def test_the_thesaurus_is_valid_and_large():
    fw = load_framework()
    terms = thesaurus("en")
    assert len(terms) >= 400 and len({t.topic for t in terms}) == 15
    assert all(fw.target(code) for t in terms for code in t.targets)
    assert any("16.10" in t.targets for t in terms)  # codes stay strings: 16.10 is not 16.1
    assert stems("cycling cyclists") == ["cycl", "cyclist"]


def test_framework_search_on_the_command_line():
    result = run("framework", "search", "heat", "pump")
    assert (
        result.exit_code == 0 and "why: heat pump \u2192 7.2" in result.output and "indicators: 7.2.1" in result.output
    )
    data = json.loads(run("framework", "search", "bike lanes", "--format", "json").output)
    assert data[0]["code"] == "11.2" and data[0]["reasons"] and data[0]["indicators"] == ["11.2.1"]


def test_suggestions_for_actions_with_empty_targets(write, sheets, tmp_path):
    sheets["Actions"].append(["A-3", "Heat pumps for schools", "Climate", None, "Planned", 2026, 2028])
    path = write(sheets)
    results = {r.id: r for r in suggest(load(path).review, load_framework())}
    a3 = results["A-3"]
    assert a3.mapped == [] and {"7.2", "7.3"} & {s.target for s in a3.suggestions[:3]}
    assert all(s.score > 0 for s in a3.suggestions) and a3.suggestions[0].reason
    out = tmp_path / "suggestions.xlsx"
    result = run("suggest", path, "--xlsx", out)
    assert result.exit_code == 0 and "A-3 'Heat pumps for schools'" in result.output
    (sheet,) = read_workbook(out)
    assert sheet.name == "Suggestions"
    assert sheet.rows[0][:5] == ["Kind", "ID", "Title or name", "Mapped targets", "Doubtful"] and len(sheet.rows) == 7
    data = json.loads(run("suggest", path, "--format", "json").output)
    assert set(data[0]) == {"kind", "id", "mapped", "suggestions", "doubtful"}
    assert set(data[0]["suggestions"][0]) == {"target", "score", "reason", "confidence"}


def test_a_mapping_nothing_supports_is_doubtful(write, sheets):
    sheets["Actions"][1][3] = "11.2, 14.4"  # cycle lanes do not serve fish stocks
    results = {r.id: r for r in suggest(load(write(sheets)).review, load_framework())}
    assert results["A-1"].doubtful == ["14.4"]


def test_the_example_suggestions_find_most_true_targets():
    loaded = load(ROOT / "indicators")
    results = [r for r in suggest(loaded.review, loaded.framework) if r.mapped]
    recall5 = sum(1 for r in results if set(r.mapped) & {s.target for s in r.suggestions[:5]}) / len(results)
    assert recall5 >= 0.75


def test_suggestions_are_the_same_in_every_run():
    # Python seeds its string hashes anew in each process: the order of a set of words must
    # never decide which of two equal reasons is shown, or which of two equal targets comes first
    import os
    import subprocess
    import sys

    outputs = set()
    for seed in ("0", "1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = "from vlr.cli import main; main(['suggest', 'indicators'], standalone_mode=False)"
        done = subprocess.run([sys.executable, "-c", command], cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout)
    assert len(outputs) == 1
