"""vlr init: workbooks for a new review, and the next cycle started from the last one."""

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import ROOT, need_tool
from vlr.cli import main
from vlr.main import load, validate


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def new(tmp_path):
    folder = tmp_path / "review"
    result = run(
        "init",
        folder,
        "--city",
        "Tampere",
        "--country",
        "Finland",
        "--year",
        2027,
        "--themes",
        "Climate; Learning; Mobility",
    )
    assert result.exit_code == 0, result.output
    return folder


def validations(ws) -> dict[str, object]:
    found = {}
    for dv in ws.data_validations.dataValidation:
        for rng in str(dv.sqref).split():
            found[rng] = dv
    return found


def test_a_new_review_validates_clean_and_reads_back(new):
    assert sorted(p.name for p in new.iterdir()) == ["climate.xlsx", "learning.xlsx", "mobility.xlsx", "review.xlsx"]
    report = validate(new)
    assert report.ok and not report.errors and not report.warnings, report.to_text()
    review = load(new).review
    assert (review.info.city, review.info.country, review.info.year) == ("Tampere", "Finland", 2027)
    assert review.info.themes == ["Climate", "Learning", "Mobility"] and not review.actions


def test_headings_lists_and_the_targets_sheet(new):
    from vlr.workbook import schema

    wb = openpyxl.load_workbook(new / "climate.xlsx")
    assert wb.sheetnames == ["Guide", "Actions", "Indicators", "Data", "Targets"]
    actions = wb["Actions"]
    assert actions.freeze_panes == "A2" and actions["A1"].font.bold
    rules = validations(actions)
    assert rules["C2:C2000"].formula1 == '"Climate,Learning,Mobility"'  # Theme
    assert rules["G2:G2000"].formula1 == '"Planned,Ongoing,Completed,Discontinued"'  # Status
    assert rules["D2:D2000"].formula1 == "Targets!$A$2:$A$170" and rules["D2:D2000"].errorStyle == "warning"
    assert rules["H2:H2000"].type == "whole" and rules["H2:H2000"].formula1 == "1900"
    assert rules["A1"].prompt == schema.plain(schema.HELP["Actions"]["Action ID"])  # the guide's words
    indicators = validations(wb["Indicators"])
    assert indicators["D2:D2000"].formula1 == '"increase,decrease,unknown"'
    targets = list(wb["Targets"].iter_rows(values_only=True))
    assert len(targets) == 170 and targets[1][0] == "1.1" and targets[0] == ("Target", "Goal", "Text")


def test_filled_in_with_valid_and_invalid_values(new, tmp_path):
    wb = openpyxl.load_workbook(new / "climate.xlsx")
    wb["Actions"].append(["CLI-01", "Heat pumps", "Climate", "7.2, 13.2", None, "Energy", "Ongoing", 2024, 2030])
    wb["Actions"].append(["CLI-02", "Bad", "Climate", "13.9", None, None, "Running"])
    wb["Indicators"].append(["CLI-I1", "Emissions", "kt", "decrease", "13.2", None, "CLI-01"])
    wb["Data"].append(["CLI-I1", 2024, 100])
    wb["Data"].append(["CLI-I1", "2025/26", 90])
    wb.save(new / "climate.xlsx")
    report = validate(new)
    assert sorted(f.rule for f in report.errors) == ["status-invalid", "target-unknown"]
    wb["Actions"].delete_rows(3)
    wb.save(new / "climate.xlsx")
    out = tmp_path / "draft.docx"
    assert run("build", new, "-o", out, "--date", "2027-05-01").exit_code == 0


def test_one_workbook_and_libreoffice_opens_it(tmp_path):
    folder = tmp_path / "one"
    assert run("init", folder, "--city", "X", "--country", "Y", "--split", "one").exit_code == 0
    wb = openpyxl.load_workbook(folder / "review.xlsx")
    assert wb.sheetnames == [
        "Guide",
        "Review",
        "Narratives",
        "Actions",
        "Indicators",
        "Data",
        "Case studies",
        "Interlinkages",
        "Targets",
    ]
    assert validate(folder).ok
    import subprocess

    soffice = need_tool("soffice")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "ods", "--outdir", str(tmp_path), str(folder / "review.xlsx")],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (tmp_path / "review.ods").stat().st_size > 10_000


def test_the_next_cycle_carries_everything_over_and_never_touches_the_last(tmp_path):
    import hashlib

    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "indicators").iterdir()}
    folder = tmp_path / "next"
    result = run("init", folder, "--from", ROOT / "indicators", "--year", 2028)
    assert result.exit_code == 0, result.output
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (ROOT / "indicators").iterdir()} == before
    last, now = load(ROOT / "indicators").review, load(folder).review
    assert now.info.year == 2028 and now.info.city == last.info.city
    assert list(now.actions_by_id) == list(last.actions_by_id)
    assert [(p.indicator, p.label, p.value, p.series) for p in now.data] == [
        (p.indicator, p.label, p.value, p.series) for p in last.data
    ]
    assert all(n.text.startswith("[From the 2026 review: check and rewrite]") for n in now.narratives)
    assert "narrative texts were carried over" in result.output
    assert run("diff", ROOT / "indicators", folder).exit_code == 0  # the same records


def test_an_existing_review_is_not_overwritten(new):
    result = run("init", new, "--city", "A", "--country", "B")
    assert result.exit_code == 1 and "not empty" in result.output
    assert run("init", new.parent / "other").exit_code == 2  # --city and --country are needed


def test_the_next_cycle_reports_indicators_the_new_edition_replaced(write, sheets, tmp_path):
    from conftest import UN_2023, need_un

    need_un(UN_2023)
    old_framework = tmp_path / "sdg-2023.json"
    assert run("framework", "import", UN_2023, "-o", old_framework).exit_code == 0
    sheets["Indicators"].append(["I-4", "Literacy", "%", "increase", "4.6", "4.6.1", "A-2", None, None, None, None])
    last = write(sheets)
    result = run("init", tmp_path / "next", "--from", last, "--last-framework", old_framework)
    assert result.exit_code == 0, result.output
    assert "I-4: the official indicator 4.6.1 has a new UNSD code" in " ".join(result.output.split())


def test_a_file_where_the_new_folder_should_be_is_named_as_a_file(tmp_path):
    from click.testing import CliRunner

    from conftest import ROOT
    from vlr.cli import main

    taken = tmp_path / "review.txt"
    taken.write_text("not a folder")
    result = CliRunner().invoke(main, ["import", "open-sdg", str(ROOT / "examples" / "open-sdg"), "-o", str(taken)])
    assert result.exit_code == 1 and "is a file, not a folder" in result.output
    assert taken.read_text() == "not a folder"


@pytest.mark.parametrize(
    "language, names",
    [
        ("fi", {"Guide": "Ohje", "Actions": "Toimenpiteet", "Review": "Katsaus", "Ongoing": "Käynnissä"}),
        ("sv", {"Guide": "Anvisningar", "Actions": "Åtgärder", "Review": "Granskning", "Ongoing": "Pågående"}),
        ("fr", {"Guide": "Guide", "Actions": "Actions", "Review": "Examen", "Ongoing": "En cours"}),
        ("es", {"Guide": "Guía", "Actions": "Acciones", "Review": "Informe", "Ongoing": "En curso"}),
    ],
)
def test_a_review_in_its_language_is_written_and_read_in_it(tmp_path, language, names):
    from vlr.formatting import speaking
    from vlr.workbook.words import in_language

    folder = tmp_path / "review"
    result = run("init", folder, "--city", "Espoo", "--country", "Finland", "--language", language, "--split", "one")
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(folder / "review.xlsx")
    assert wb.sheetnames[0] == names["Guide"] and names["Actions"] in wb.sheetnames and names["Review"] in wb.sheetnames
    actions = wb[names["Actions"]]
    heads = [c.value for c in actions[1]]
    assert heads[0] == in_language("Action ID", language) != "Action ID"
    rules = validations(actions)
    status = next(r for r in rules.values() if r.formula1 and names["Ongoing"] in r.formula1)
    assert "Ongoing" not in status.formula1
    review = wb[names["Review"]]
    assert review["A2"].value == in_language("City", language) and review["B2"].value == "Espoo"
    from vlr.formatting import _

    with speaking(language):
        guide = _("How to fill in these workbooks")
    assert wb[names["Guide"]]["A1"].value == guide != "How to fill in these workbooks"
    # filled in the language it is in, it reads as one in English
    indicators = wb[in_language("Indicators", language)]
    data = wb[in_language("Data", language)]
    actions.append(["CLI-01", "Heat pumps", "Digitalisation", "7.2, 13.2", None, "Energy", names["Ongoing"], 2024])
    indicators.append(["CLI-I1", "Emissions", "kt", in_language("decrease", language), "13.2", None, "CLI-01"])
    data.append(["CLI-I1", 2024, 100])
    data.append(["CLI-I1", 2025, 90])
    wb.save(folder / "review.xlsx")
    report = validate(folder)
    assert report.ok and not report.errors, report.to_text()
    review_model = load(folder).review
    assert review_model.actions[0].status == "Ongoing" and review_model.indicators[0].direction == "decrease"
    assert review_model.info.language == language and review_model.info.city == "Espoo"
