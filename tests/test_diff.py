"""vlr diff on two versions of a review with known changes planted."""

import copy
import json

import openpyxl
import pytest
from click.testing import CliRunner

from vlr.analysis.diff import Tolerance
from vlr.cli import main
from vlr.main import diff as diff_paths


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def planted(sheets: dict) -> dict:
    new = copy.deepcopy(sheets)
    new["Actions"].append(["A-3", "Street trees", "Climate", "15.2", "Planned", 2026, 2030])  # added
    new["Actions"] = [r for r in new["Actions"] if r[0] != "A-2"]  # removed: goal 4 loses its only action
    new["Actions"][1][3] = "11.2"  # A-1 retargeted: 11.2, 11.6 -> 11.2
    data = new["Data"]
    for row in data[1:]:
        if row[0] == "I-1" and row[1] == 2024:
            row[2] = 150  # revised
        if row[0] == "I-3" and row[1] == 2024 and row[3] == "Women":
            row[2] = 49  # revised, in a breakdown series
    data.append(["I-2", 2026, 4.0, None])  # a new year of data
    for row in data[1:]:  # the status of I-2 flips: from on track to regression
        if row[0] == "I-2" and row[1] == 2025:
            row[2] = 9.5
    return new


@pytest.fixture
def pair(write, sheets):
    old = write(sheets, "old.xlsx")
    new = write(planted(sheets), "new.xlsx")
    return old, new


def test_the_same_review_has_no_differences(write, sheets):
    path = write(sheets)
    result = run("diff", path, path)
    assert result.exit_code == 0 and "No differences" in result.output


def test_every_planted_change_is_reported_once_and_nothing_else(pair):
    diff = diff_paths(*pair)
    got = sorted((c.kind, c.subject, c.field or "") for c in diff.changes)
    assert ("action-added", "A-3", "") in got and ("action-removed", "A-2", "") in got
    assert ("action-changed", "A-1", "SDG targets") in got
    revised = {c.subject: (c.old, c.new, c.change) for c in diff.changes if c.kind == "data-revised"}
    assert revised == {
        "I-1 / 2024": (140, 150, 10),
        "I-3 / Women / 2024": (51, 49, -2),
        "I-2 / 2025": (6.5, 9.5, 3.0),
    }  # the revision that flips its status
    assert [c.subject for c in diff.changes if c.kind == "data-added"] == ["I-2 / 2026"]
    [status] = [c for c in diff.changes if c.kind == "status-changed"]
    assert status.subject == "I-2" and status.old != status.new
    assert ("goal-coverage-lost", "4", "") in got  # its indicator still gives evidence
    assert ("goal-coverage-gained", "15", "") in got  # A-3 is the first action on goal 15
    # A-2 was the only action on 4.3 (its indicator I-3 still gives evidence), A-3 is the first on 15.2,
    # and 11.6 lost A-1 but keeps its indicator
    coverage = sorted((c.kind, c.subject) for c in diff.changes if c.kind.startswith("target-"))
    assert coverage == [
        ("target-coverage-gained", "15.2"),
        ("target-coverage-lost", "11.6"),
        ("target-coverage-lost", "4.3"),
    ]
    assert len(got) == len(set(got)) == 13, got


def test_revisions_within_the_tolerance_are_left_out(pair):
    subjects = {
        c.subject for c in diff_paths(*pair, tolerance=Tolerance.parse("5%")).changes if c.kind == "data-revised"
    }
    assert subjects == {"I-1 / 2024", "I-2 / 2025"}  # 140 -> 150 is 7 %, 6.5 -> 9.5 46 %; 51 -> 49 is 3.9 %
    assert not [c for c in diff_paths(*pair, tolerance=Tolerance.parse("10")).changes if c.kind == "data-revised"]


def test_formats_exit_codes_and_the_reviewers_workbook(pair, tmp_path):
    old, new = pair
    text = run("diff", old, new)
    assert text.exit_code == 1 and "Actions added (1)" in text.output and "A-3" in text.output
    data = json.loads(run("diff", old, new, "--format", "json").stdout)
    assert data["changes"][0]["kind"] == "action-added" and data["method"] == "unsd"
    csv = run("diff", old, new, "--format", "csv").stdout.splitlines()
    assert csv[0].startswith("kind,subject,field,old,new") and len(csv) == 14
    assert "## Actions removed (1)" in run("diff", old, new, "--format", "markdown").output
    book = tmp_path / "changes.xlsx"
    assert run("diff", old, new, "--xlsx", book).exit_code == 1
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["Actions", "Indicators", "Data", "Statuses", "Coverage"]
    rows = list(wb["Data"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Kind", "Subject", "Field") and len(rows) == 5
    link = wb["Data"].cell(2, 9).hyperlink
    assert link is not None and "new.xlsx" in link.target and "'Data'!" in link.location
    assert run("diff", old, tmp_path / "missing.xlsx").exit_code == 2


def test_the_draft_says_what_changed_since_the_previous_review(pair, tmp_path):
    import docx

    from vlr.draft.accessibility import check_docx

    old, new = pair
    out = tmp_path / "draft.docx"
    wb = openpyxl.load_workbook(new)  # the planted review has an error (I-3 follows the removed A-2)
    for row in wb["Indicators"].iter_rows(min_row=2):
        if row[0].value == "I-3":
            row[6].value = "A-3"
    wb.save(new)
    result = run("build", new, "--previous", old, "-o", out, "--date", "2026-11-28")
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    paragraphs = [p.text for p in document.paragraphs]
    start = len(paragraphs) - 1 - paragraphs[::-1].index("Changes since the previous review")  # not the contents
    section = "\n".join(paragraphs[start : start + 12])
    assert "1 action added; 1 action removed; 1 change to an action" in section
    assert "Action A-3 added" in section and "Goal 4 Quality education no longer has any actions" in section
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any("(changed; was:" in c for c in cells)
    assert not check_docx(out).findings


def test_a_tolerance_that_would_hide_every_change_is_refused():
    for text in ("1e400%", "1e400", "-1", "150%", "nan", "abc"):
        with pytest.raises(ValueError):
            Tolerance.parse(text)
    assert Tolerance.parse("100%").relative == 1.0 and Tolerance.parse("0.5").absolute == 0.5
