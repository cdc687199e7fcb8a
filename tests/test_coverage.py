import json

import pytest
from click.testing import CliRunner

from vlr.analysis.coverage import HLPF_GOALS
from vlr.cli import main
from vlr.formatting import number, percent, quantity
from vlr.main import analyse


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def analysis(write, sheets):
    sheets["Actions"].append(["A-3", "Single", "Learning", "13.a", "Planned"])
    sheets["Indicators"].append(["I-4", "Old data", "%", "increase", "13.2", None, None])
    sheets["Data"].append(["I-4", 2020, 5])
    return analyse(write(sheets))


def test_every_goal_is_listed_with_its_targets(analysis):
    cov = analysis.coverage
    assert [g.goal for g in cov.goals] == list(range(1, 18))
    g11 = cov.goal(11)
    assert g11.targets_total == 10 and len(g11.targets) == 10
    assert g11.targets_with_actions == ["11.2", "11.6"]
    assert g11.targets_with_evidence == ["11.2", "11.6"]
    assert g11.actions == ["A-1"] and g11.indicators == ["I-1", "I-2"]
    g13 = cov.goal(13)
    assert g13.targets_with_actions == ["13.a"] and g13.targets_with_evidence == ["13.2"]
    assert g13.targets_with_recent_evidence == []  # 2020 data is stale in a 2026 review
    assert not cov.goal(1).covered and cov.goals_covered == [4, 11, 13]


def test_target_detail(analysis):
    t112 = analysis.coverage.goal(11).targets[1]
    assert (t112.code, t112.actions, t112.indicators, t112.indicators_with_data, t112.latest_year) == (
        "11.2",
        ["A-1"],
        ["I-1"],
        ["I-1"],
        2025,
    )
    assert t112.source.sheet == "Actions" and t112.source.cell == "D2"


def test_matrix_and_themes(analysis):
    cov = analysis.coverage
    assert cov.matrix[11] == {"Climate": 1, "Learning": 0}
    assert cov.matrix[4] == {"Climate": 0, "Learning": 1}
    assert cov.theme_goals == {"Climate": [11], "Learning": [4, 13]}


def test_gaps(analysis):
    kinds = {(g.kind, g.subject) for g in analysis.coverage.gaps}
    assert ("target-without-evidence", "13.a") in kinds
    assert ("indicator-stale", "I-4") in kinds
    assert ("action-unfollowed", "A-3") in kinds
    assert ("indicator-without-action", "I-4") in kinds
    assert ("target-single-action", "11.2") in kinds
    stale = next(g for g in analysis.coverage.gaps if g.kind == "indicator-stale")
    assert stale.place.sheet == "Indicators" and stale.place.cell == "A5"


def test_goal_without_evidence(write, sheets):
    sheets["Actions"].append(["A-3", "Peace", "Climate", "16.1"])
    kinds = {(g.kind, g.subject) for g in analyse(write(sheets)).coverage.gaps}
    assert ("goal-without-evidence", "Goal 16") in kinds


def test_hlpf_goals_from_the_year_or_the_review(write, sheets):
    assert analyse(write(sheets)).coverage.hlpf_goals == HLPF_GOALS[2026] == [6, 7, 9, 11, 17]
    sheets["Review"].append(["HLPF goals", "SDG 4, 13"])
    cov = analyse(write(sheets)).coverage
    assert cov.hlpf_goals == [4, 13] and cov.goal(4).hlpf and not cov.goal(11).hlpf
    assert analyse(write(sheets), hlpf_goals=[1]).coverage.hlpf_goals == [1]


def test_coverage_json_one_entry_per_goal(write, sheets):
    data = json.loads(run("coverage", str(write(sheets)), "--format", "json").output)
    assert len(data["goals"]) == 17
    g = data["goals"][10]
    assert g["goal"] == 11 and g["targets_total"] == 10
    assert g["targets_with_actions"] == ["11.2", "11.6"] and g["targets_with_evidence"] == ["11.2", "11.6"]
    assert g["actions"] == ["A-1"] and g["indicators"] == ["I-1", "I-2"]
    assert data["hlpf_goals"] == [6, 7, 9, 11, 17] and data["gaps"]


def test_coverage_text_csv_markdown(write, sheets):
    path = str(write(sheets))
    text = run("coverage", path).output
    assert "2 of 17 goals covered" in text and "\x1b[" not in text  # no colour when piped
    assert "Actions per goal and theme" in text and "Gaps" in text
    line = next(row for row in text.splitlines() if row.strip().startswith("11 "))
    assert "2/10" in line and "yes" in line  # HLPF 2026 goal
    csv_lines = run("coverage", path, "--format", "csv").output.splitlines()
    assert csv_lines[0].startswith("goal,goal_name,hlpf,target") and len(csv_lines) == 170
    md = run("coverage", path, "--format", "markdown").output
    assert md.startswith("# SDG coverage") and "| Goal | Name |" in md


def test_progress_cli(write, sheets):
    path = str(write(sheets))
    data = json.loads(run("progress", path, "--format", "json").output)
    assert [(d["indicator"], d["series"]) for d in data] == [("I-1", None), ("I-2", None), ("I-3", None)]
    first = data[0]
    assert {
        "indicator",
        "series",
        "method",
        "status",
        "trend",
        "base_year",
        "base_value",
        "latest_year",
        "latest_value",
        "target_value",
        "cagr",
        "ratio",
    } <= set(first)
    assert first["method"] == "unsd" and first["base_year"] == 2020 and first["base_value"] == 100
    with_breakdowns = json.loads(run("progress", path, "--format", "json", "--breakdowns").output)
    assert ("I-3", "Women") in [(d["indicator"], d["series"]) for d in with_breakdowns]
    euro = json.loads(run("progress", path, "--format", "json", "--method", "eurostat").output)
    assert {d["method"] for d in euro} == {"eurostat"}
    text = run("progress", path).output
    assert "UN Statistics Division progress chart" in text and "Indicators per goal and status" in text
    csv_out = run("progress", path, "--format", "csv").output.splitlines()
    assert csv_out[0].startswith("indicator,series,name") and len(csv_out) == 4
    strict = json.loads(run("progress", path, "--format", "json", "--threshold", "on_track_ratio=2").output)
    assert strict[0]["status"] != data[0]["status"] or data[0]["status"] != "on_track"
    bad = CliRunner().invoke(main, ["progress", path, "--threshold", "speed=1"])
    assert bad.exit_code == 2 and "not a threshold" in bad.output


def test_errors_are_mentioned_but_do_not_stop_the_analysis(write, sheets):
    sheets["Actions"][1][3] = "11.2, 99.9"
    result = CliRunner().invoke(main, ["coverage", str(write(sheets)), "--format", "json"])
    assert result.exit_code == 0
    assert "has 1 error," in result.stderr
    assert json.loads(result.stdout)["goals"][10]["targets_with_actions"] == ["11.2"]


def test_numbers_follow_the_review_language():
    assert number(1234.5, "fi") == "1\u00a0234" and number(3.6, "fi") == "3,6" and number(3.6, "en") == "3.6"
    assert quantity(3.6, "t CO2e", "fi") == "3,6\u00a0t CO2e"
    assert percent(0.0234, "fi") == "2,3\u00a0%" and percent(0.0234, "en") == "2.3%"
    assert number(None) == "\u2013" and number(0.1234) == "0.123"
