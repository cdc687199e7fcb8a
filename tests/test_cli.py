import json
import subprocess
import sys

from click.testing import CliRunner

from conftest import ROOT, UN_2023, need_un
from vlr.cli import main


def vlr(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_validate_default_is_the_shipped_example(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = vlr("validate")
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("OK: 0 errors")


def test_validate_json_shape(write, sheets):
    sheets["Actions"][1][3] = "13.9"
    result = vlr("validate", str(write(sheets)), "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["ok"] is False and data["errors"] == 1 and data["warnings"] == 0
    assert set(data["findings"][0]) == {"severity", "rule", "file", "sheet", "cell", "message", "hint"}
    f = next(f for f in data["findings"] if f["severity"] == "error")
    assert (f["rule"], f["sheet"], f["cell"]) == ("target-unknown", "Actions", "D2")


def test_strict_turns_warnings_into_failure(write, sheets):
    sheets["Actions"].append(["A-9", "Unfollowed", "Climate", "13.2"])
    path = str(write(sheets))
    assert vlr("validate", path).exit_code == 0
    result = vlr("validate", path, "--strict")
    assert result.exit_code == 1 and "warnings count as errors" in result.output


def test_report_groups_by_file_and_sheet_with_the_summary_last(write, sheets):
    sheets["Actions"][1][3] = "13.9"
    sheets["Data"][1][2] = "abc"
    lines = vlr("validate", str(write(sheets))).output.strip().splitlines()
    assert lines[0].endswith("review.xlsx")
    assert lines.index("  sheet Actions") < lines.index("  sheet Data")
    assert lines[-1] == "NOT OK: 2 errors, 0 warnings"


def test_framework_info_json():
    data = json.loads(vlr("framework", "info", "--format", "json").output)
    assert {k: data[k] for k in ("goals", "targets", "indicator_listings", "indicator_codes", "unique_indicators")} == {
        "goals": 17,
        "targets": 169,
        "indicator_listings": 251,
        "indicator_codes": 235,
        "unique_indicators": 234,
    }
    assert data["edition"] == "2025"


def test_framework_show_goal_target_indicator():
    goal = vlr("framework", "show", "13").output
    assert "Goal 13: Climate action" in goal and "13.b" in goal and "13.2.2" in goal
    target = vlr("framework", "show", "11.2").output
    assert "Target 11.2" in target and "11.2.1" in target and "public transport" in target
    ind = vlr("framework", "show", "SDG 11.2.1").output
    assert "Indicator 11.2.1" in ind and "C110201" in ind
    repeat = vlr("framework", "show", "13.1.1").output
    assert "1.5.1, 11.5.1" in repeat
    missing = vlr("framework", "show", "13.9")
    assert missing.exit_code == 1 and "not a goal, target or indicator" in missing.output
    assert json.loads(vlr("framework", "show", "11.2", "--format", "json").output)["indicators"][0]["code"] == "11.2.1"


def test_framework_search():
    out = vlr("framework", "search", "public", "transport").output.splitlines()
    assert "11.2" in out[0] or "11.2" in out[1]
    data = json.loads(vlr("framework", "search", "greenhouse gas", "--format", "json").output)
    assert data[0]["code"] == "13.2" and "13.2.2" in data[0]["indicators"]  # targets, with their indicators


def test_framework_import_reports_changes_and_writes(tmp_path):
    out = tmp_path / "fw-2023.json"
    result = vlr("framework", "import", str(need_un(UN_2023)), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "indicators removed (3): 2.2.4, 8.9.2, 11.c.1" in result.output
    assert "indicators with a new UNSD code (3)" in result.output
    # the imported edition is usable at once
    info = json.loads(vlr("--framework", str(out), "framework", "info", "--format", "json").output)
    assert info["indicator_listings"] == 248


def test_framework_import_of_a_non_framework_file_is_clear(write, sheets):
    result = vlr("framework", "import", str(write(sheets)))
    assert result.exit_code == 1 and "UN's indicator framework workbook" in result.output


def test_unreadable_input_exits_2_without_traceback(tmp_path):
    bad = tmp_path / "data.xlsx"
    bad.write_text("a,b\n1,2\n")
    proc = subprocess.run([sys.executable, "-m", "vlr", "validate", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1 and "data.xlsx" in proc.stderr


def test_help_starts_without_heavy_imports():
    code = (
        "import sys; from vlr.cli import main\n"
        "try: main(['--help'])\nexcept SystemExit: pass\n"
        "heavy = [m for m in ('docx', 'xlsxwriter', 'matplotlib', 'pydantic', 'python_calamine', 'jinja2')\n"
        "         if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "HEAVY []" in proc.stdout, proc.stdout


def test_an_empty_hlpf_means_no_goal_reviewed_in_depth():
    result = vlr("coverage", str(ROOT / "indicators"), "--hlpf", "")
    assert result.exit_code == 0 and "HLPF goals: none" in result.output


def test_thresholds_follow_the_method_written_after_them():
    # the method is read before the thresholds, whichever comes first on the line
    a = vlr(
        "progress",
        str(ROOT / "indicators"),
        "--threshold",
        "good_growth=0.01",
        "--method",
        "eurostat",
        "--format",
        "json",
    )
    b = vlr(
        "progress",
        str(ROOT / "indicators"),
        "--method",
        "eurostat",
        "--threshold",
        "good_growth=0.01",
        "--format",
        "json",
    )
    assert a.exit_code == b.exit_code == 0 and a.output == b.output


def test_reviewer_workbooks_are_never_written_among_the_inputs(tmp_path):
    import shutil

    last = tmp_path / "last"
    shutil.copytree(ROOT / "indicators", last)
    before = {p.name: p.read_bytes() for p in last.iterdir()}
    diff = vlr("diff", str(ROOT / "indicators"), str(last), "--xlsx", str(last / "review.xlsx"))
    suggest = vlr("suggest", str(ROOT / "indicators"), "--from", str(last), "--xlsx", str(last / "review.xlsx"))
    for result in (diff, suggest):
        assert result.exit_code == 1 and "inside the review's folder" in result.output
    assert {p.name: p.read_bytes() for p in last.iterdir()} == before


def test_a_framework_that_cannot_be_read_is_said_before_a_missing_city(tmp_path):
    result = vlr("--framework", str(tmp_path / "nope.json"), "init", str(tmp_path / "new"), "--city", "Tampere")
    assert result.exit_code == 1 and "Cannot read the SDG framework file" in result.output
