"""Every rule of the validation, each on a real workbook broken in one place."""

import pytest

from conftest import MINIMAL
from vlr.main import load, validate


def found(report, rule):
    return [f for f in report.findings if f.rule == rule]


def only(report, rule):
    hits = found(report, rule)
    assert len(hits) == 1, report.to_text()
    return hits[0]


def test_the_minimal_review_is_clean(write, sheets):
    report = validate(write(sheets))
    assert report.ok and not report.errors and not report.warnings, report.to_text()


def test_model_is_typed_and_located(write, sheets):
    loaded = load(write(sheets))
    review = loaded.review
    assert (review.info.city, review.info.year, review.info.themes) == ("Testville", 2026, ["Climate", "Learning"])
    a1 = review.actions_by_id["A-1"]
    assert a1.targets == ["11.2", "11.6"] and a1.start_year == 2020 and a1.status == "Ongoing"
    assert a1.place("targets")["cell"] == "D2" and a1.place("targets")["sheet"] == "Actions"
    i1 = review.indicators_by_id["I-1"]
    assert i1.baseline_value == 100.0 and i1.target_year == 2030 and i1.actions == ["A-1"]
    assert len(review.data) == 15 and review.data[-1].series == "Women"


def set_cell(sheets, sheet, row, heading, value):
    col = sheets[sheet][0].index(heading)
    line = sheets[sheet][row]
    line.extend([None] * (col + 1 - len(line)))
    line[col] = value


CASES = [
    # (sheet, row, heading, value, rule, severity, cell, words in the message or hint)
    ("Actions", 1, "SDG targets", "13.9", "target-unknown", "error", "D2", "13.1\u201313.3, 13.a, 13.b"),
    ("Actions", 1, "SDG targets", "11.2.1", "target-unknown", "error", "D2", "its target, 11.2"),
    ("Actions", 1, "SDG targets", "banana", "target-unknown", "error", "D2", "not an SDG target code"),
    ("Actions", 1, "SDG targets", "13", "target-goal-only", "warning", "D2", "goal 13 has"),
    ("Actions", 1, "Status", "Running", "status-invalid", "error", "E2", "Planned, Ongoing"),
    ("Actions", 1, "Title", None, "value-missing", "error", "B2", "Title"),
    ("Actions", 1, "Start year", 1850, "year-invalid", "error", "F2", "1850"),
    ("Actions", 1, "Start year", 2029, "years-reversed", "error", "G2", "before it starts"),
    ("Actions", 2, "Theme", "Learnin", "theme-unknown", "warning", "C3", "did you mean Learning?"),
    ("Actions", 2, "Action ID", "A-1", "action-duplicate", "error", "A3", "cell A2"),
    ("Indicators", 1, "Direction", "up", "direction-invalid", "error", "D2", "increase, decrease"),
    ("Indicators", 1, "SDG indicator", "11.2.9", "indicator-unknown", "error", "F2", "target 11.2 has 11.2.1"),
    ("Indicators", 1, "SDG indicator", "4.3.1", "indicator-target-mismatch", "error", "F2", "belongs to target 4.3"),
    ("Indicators", 1, "Actions", "A-3", "action-undefined", "error", "G2", "did you mean A-"),
    ("Indicators", 1, "Baseline year", 2031, "baseline-after-target", "error", "H2", "after the target year"),
    ("Indicators", 1, "Baseline value", "lots", "number-invalid", "error", "I2", "not a number"),
    ("Indicators", 1, "Target year", 2101, "year-invalid", "error", "J2", "2101"),
    ("Indicators", 2, "Indicator ID", "I-1", "indicator-duplicate", "error", "A3", "cell A2"),
    ("Data", 1, "Year", 2027, "year-invalid", "error", "B2", "review year (2026)"),
    ("Data", 1, "Year", "soon", "year-invalid", "error", "B2", "not a year"),
    ("Data", 1, "Value", "12,5 km", "number-invalid", "error", "C2", "Unit column"),
    ("Data", 1, "Value", None, "value-missing", "error", "C2", "Value"),
    ("Data", 1, "Indicator ID", "I-9", "indicator-undefined", "error", "A2", "did you mean I-"),
    ("Data", 2, "Year", 2020, "data-duplicate", "error", "C3", "row 2"),
    ("Narratives", 1, "Section", "summary", "narrative-unknown", "warning", "A2", "sections are"),
    ("Narratives", 1, "Text", None, "narrative-empty", "warning", "B2", "placeholder"),
]


@pytest.mark.parametrize(
    "sheet, row, heading, value, rule, severity, cell, words", CASES, ids=[f"{c[4]}-{c[3]}" for c in CASES]
)
def test_rule(write, sheets, sheet, row, heading, value, rule, severity, cell, words):
    set_cell(sheets, sheet, row, heading, value)
    report = validate(write(sheets))
    f = only(report, rule)
    assert f.severity.value == severity
    assert (f.sheet, f.cell) == (sheet, cell)
    assert f.file.endswith("review.xlsx")
    assert words in f.message + " " + (f.hint or "")
    assert report.ok == (severity != "error")


def test_a_goal_code_is_a_warning_and_strict_makes_it_fail(write, sheets):
    set_cell(sheets, "Actions", 1, "SDG targets", "13")
    path = write(sheets)
    assert validate(path).ok
    assert not validate(path, strict=True).ok


def test_warnings_for_what_reviewers_miss(write, sheets):
    sheets["Actions"].append(["A-3", "Unfollowed", "Climate", "13.2", "Planned"])
    sheets["Indicators"].append(["I-4", "No data", "%", "increase", "13.2"])
    sheets["Indicators"].append(["I-5", "Old data", "%", "increase", "13.2"])
    sheets["Data"].append(["I-5", 2022, 5])
    report = validate(write(sheets))
    assert only(report, "action-unfollowed").cell == "A4"
    assert only(report, "indicator-no-data").cell == "A5"
    stale = only(report, "indicator-stale")
    assert stale.cell == "A6" and "2022" in stale.message
    sheets["Data"][-1][1] = 2023  # exactly three years old is still recent
    assert not found(validate(write(sheets)), "indicator-stale")


def test_missing_sheets_columns_and_review(write, sheets):
    del sheets["Data"]
    del sheets["Review"]
    sheets["Actions"] = [list(row[:2]) + row[3:] for row in sheets["Actions"]]  # drop Theme
    report = validate(write(sheets))
    assert only(report, "sheet-missing").sheet == "Data"
    assert only(report, "review-missing").sheet == "Review"
    missing = only(report, "column-missing")
    assert (missing.sheet, missing.cell) == ("Actions", "A1") and "'Theme'" in missing.message


def test_review_fields_are_required(write, sheets):
    sheets["Review"] = [["Field", "Value"], ["City", "Testville"], ["Mayor", "Someone"]]
    report = validate(write(sheets))
    assert "'Year'" in only(report, "value-missing").message
    place = only(report, "place-missing")
    assert place.severity.value == "warning" and "Country is missing" in place.message and place.cell == "A1"
    assert only(report, "field-unknown").severity.value == "note"


def test_an_empty_city_is_a_warning_at_its_cell_and_the_title_leaves_it_out(write, sheets, tmp_path):
    sheets["Review"] = [["Field", "Value"], ["City", None], ["Country", "Finland"], ["Year", 2026]]
    path = write(sheets)
    report = validate(path)
    assert not report.errors
    place = only(report, "place-missing")
    assert (place.sheet, place.cell) == ("Review", "B2") and "City is empty" in place.message
    assert load(path).review.info.display_title == "Voluntary Local Review 2026"


def test_review_given_twice_across_workbooks_names_both(write, sheets):
    write(sheets, "a.xlsx")
    path = write({"Review": MINIMAL["Review"]}, "b.xlsx")
    report = validate(path.parent)
    dup = only(report, "review-duplicate")
    assert dup.file.endswith("b.xlsx") and "a.xlsx" in dup.message


def test_duplicate_ids_across_workbooks_name_both_places(write, sheets):
    write(sheets, "a.xlsx")
    path = write({"Actions": [MINIMAL["Actions"][0], ["A-2", "Same ID", "Learning", "4.3"]]}, "b.xlsx")
    dup = only(validate(path.parent), "action-duplicate")
    assert dup.file.endswith("b.xlsx") and "a.xlsx, sheet Actions, cell A3" in dup.message


def test_folder_sheets_merge_and_unknowns_are_notes(write, sheets):
    data = sheets.pop("Data")
    write(sheets, "main.xlsx")
    write({"Data": [data[0] + ["Colour"]] + [row + [None] for row in data[1:]], "Scratch": [["x"]]}, "data.xlsx")
    folder = write({"Notes": [["a"]]}, "notes.xlsx").parent
    (folder / "~$main.xlsx").write_bytes(b"lock file")  # Excel's lock file: skipped
    loaded = load(folder)
    assert len(loaded.review.data) == 15
    assert len(loaded.review.files) == 3
    rules = {f.rule: f.severity.value for f in loaded.report.findings}
    assert rules == {"column-unknown": "note", "sheet-unknown": "note"}
    assert loaded.report.ok


def test_headings_match_loosely_and_columns_may_move(write, sheets):
    sheets["Actions"] = [[r[3], r[0], r[2], r[1]] for r in sheets["Actions"]]
    sheets["Actions"][0] = ["  sdg TARGETS ", "action id", "THEME", " Title"]
    sheets["actions "] = sheets.pop("Actions")
    loaded = load(write(sheets))
    assert loaded.report.ok, loaded.report.to_text()
    assert loaded.review.actions_by_id["A-1"].targets == ["11.2", "11.6"]


def test_an_indicator_without_a_unit_is_a_warning_at_its_cell_and_the_draft_says_so(write, sheets, tmp_path):
    import datetime as dt

    import docx

    from vlr.main import BuildOptions, build

    sheets["Indicators"][1][2] = None  # I-1's Unit
    path = write(sheets)
    report = validate(path)
    assert report.ok
    missing = [f for f in report.warnings if f.rule == "unit-missing"]
    assert [(f.sheet, f.cell) for f in missing] == [("Indicators", "C2")]
    result = build(path, BuildOptions(output=tmp_path / "out" / "draft.docx", date=dt.date(2026, 11, 28)))
    document = docx.Document(str(result.path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert "unit not stated" in text and "None" not in text.split()
