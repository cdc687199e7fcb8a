"""The validator's findings in the review's language (issue 21): a finding is made while the
workbooks are read, before their Review sheet says the language, and says its message and
hint in the language spoken when it is shown (vlr.formatting.speaking): the terminal text,
the JSON and the draft's internal annex. The cells' texts and IDs it quotes are never
translated, the English stays as it was, and every rule's title and hint has its Finnish and
Swedish."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
import pytest

from vlr import rules
from vlr.findings import MAX_MESSAGE, MAX_WORD, Finding, Message, Report, later
from vlr.formatting import _, speaking
from vlr.main import BuildOptions, build, check_docx, validate

LANGUAGES = ["fi", "sv"]
KEYS = ["severity", "rule", "message", "file", "sheet", "cell", "hint"]


def mistaken_review(folder: Path) -> Path:
    """A review with known mistakes at known cells, written with openpyxl."""
    folder.mkdir()
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Review"
    for row in [["Field", "Value"], ["City", "Testville"], ["Country", "Finland"], ["Year", 2026]]:
        sheet.append(row)
    sheet.append(["Themes", "Climate, Learning"])
    rows = {
        "Actions": [
            ["Action ID", "Title", "Theme", "SDG targets", "Status", "Start year", "End year"],
            ["A-1", "Cycle lanes", "Climate", "11.2", "Maybe", 2020, 2028],  # E2: no such status
            ["A-1", "Data portal", "Data", "11.6", "Ongoing", 2020, 2028],  # A3: A-1 again; C3: no such theme
        ],
        "Indicators": [
            ["Indicator ID", "Name", "Unit", "Direction", "SDG targets", "Actions"],
            ["I-1", "Cycle network", "km", "increase", "11.2", "A-9"],  # F2: no action A-9
        ],
        "Data": [["Indicator ID", "Year", "Value"], ["I-1", 2020, 100], ["I-1", 2024, 120]],
    }
    for name, content in rows.items():
        sheet = book.create_sheet(name)
        for row in content:
            sheet.append(row)
    book.save(folder / "review.xlsx")
    return folder


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Report:
    return validate(mistaken_review(tmp_path_factory.mktemp("findings") / "review"))


def at(report: Report, rule: str, cell: str) -> Finding:
    (found,) = [f for f in report.findings if f.rule == rule and f.cell == cell]
    return found


def test_the_findings_are_english_unless_another_language_is_spoken(report):
    assert at(report, "action-undefined", "F2").message == "action A-9 is not defined in any Actions sheet."
    assert at(report, "action-undefined", "F2").hint == "did you mean A-1?"
    assert at(report, "status-invalid", "E2").message == (
        "Status 'Maybe' is not one of: Planned, Ongoing, Completed, Discontinued."
    )
    assert at(report, "action-duplicate", "A3").message.endswith(", sheet Actions, cell A2.")
    with speaking("fi"):
        assert at(report, "action-undefined", "F2").message != "action A-9 is not defined in any Actions sheet."
    assert at(report, "action-undefined", "F2").message == "action A-9 is not defined in any Actions sheet."


def test_validated_findings_speak_finnish_with_the_cell_named(report):
    with speaking("fi"):
        undefined = at(report, "action-undefined", "F2")
        assert undefined.message == "toimenpidettä A-9 ei ole määritelty millään Toimenpiteet-välilehdellä."
        assert undefined.hint == "tarkoititko A-1?"
        # the column as the officer's sheet heads it ("Status"), the values it takes in the language
        assert at(report, "status-invalid", "E2").message == (
            "Status 'Maybe' ei ole mikään seuraavista: Suunniteltu, Käynnissä, Valmis, Keskeytetty."
        )
        duplicate = at(report, "action-duplicate", "A3")
        assert duplicate.message.startswith("Toimenpiteen tunnus A-1 on käytössä kahdesti: myös kohdassa ")
        assert duplicate.message.endswith(", välilehti Actions, solu A2.")  # the sheet as the workbook names it
        theme = at(report, "theme-unknown", "C3")  # the cell's text is the officer's: 'Data', never 'Tiedot'
        assert theme.message == "teema 'Data' ei ole katsauksen teemojen (Climate, Learning) joukossa."
        text = report.to_text()
    # the severities padded to the longest word, "huomautus"
    assert "  välilehti Actions\n" in text and "    virhe     F2: toimenpidettä A-9" in text
    assert "             vihje: tarkoititko A-1?" in text
    assert text.endswith("EI OK: 3 virhettä, 3 varoitusta")


def test_validated_findings_speak_swedish_with_the_cell_named(report):
    with speaking("sv"):
        assert at(report, "action-undefined", "F2").message == "åtgärden A-9 är inte definierad på något blad Åtgärder."
        assert at(report, "action-undefined", "F2").hint == "menade du A-1?"
        assert at(report, "status-invalid", "E2").hint == "skriv något av Planerad, Pågående, Genomförd, Avbruten"
        assert at(report, "theme-unknown", "C3").message.startswith("temat 'Data' är inte ett av granskningens teman")
        assert report.summary() == "INTE OK: 3 fel, 3 varningar"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_finding_of_the_review_is_said_in_the_language(report, language):
    english = [(f.message, f.hint) for f in report.findings]
    with speaking(language):
        said = [(f.message, f.hint) for f in report.findings]
    assert len(said) == len(english) >= 5
    for (message, hint), (english_message, english_hint) in zip(said, english):
        assert message != english_message
        assert hint is None or hint != english_hint


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_json_keeps_its_shape_and_says_the_messages_in_the_language(report, language):
    english = json.loads(report.to_json())
    with speaking(language):
        said = json.loads(report.to_json())
        dumped = [f.model_dump(mode="json") for f in report.findings]
    assert list(said) == list(english) == ["ok", "errors", "warnings", "findings"]
    for one, other, dump in zip(said["findings"], english["findings"], dumped):
        assert list(one) == list(other) == list(dump) == KEYS
        assert {k: one[k] for k in KEYS if k not in ("message", "hint")} == {
            k: other[k] for k in KEYS if k not in ("message", "hint")
        }  # the severity, the rule and the place are data
        assert one["message"] != other["message"] and one == dump
    assert {f["severity"] for f in said["findings"]} == {"error", "warning"}
    # a dump read back is a finding again, said as it was dumped
    again = Finding.model_validate(english["findings"][0])
    assert again.model_dump(mode="json") == english["findings"][0]


def test_findings_compare_and_sort_alike_whatever_is_spoken(report):
    again = validate(Path(report.findings[0].file).parent)
    with speaking("fi"):
        assert again.findings == report.findings
        finnish_order = [(f.rule, f.cell) for f in Report.of(reversed(report.findings)).findings]
    assert again == report
    assert [(f.rule, f.cell) for f in Report.of(reversed(report.findings)).findings] == finnish_order
    made = Finding.of(rules.ACTION_UNFOLLOWED, later._("no indicator follows action {id}.", id="A-1"))
    same = Finding.of(rules.ACTION_UNFOLLOWED, later._("no indicator follows action {id}.", id="A-1"))
    other = Finding.of(rules.ACTION_UNFOLLOWED, later._("no indicator follows action {id}.", id="A-2"))
    assert made == same != other
    assert len({made.text, same.text, other.text}) == 2


@pytest.mark.parametrize("language", ["en", *LANGUAGES])
def test_a_long_cell_is_bounded_in_every_language(language):
    long_id = "A" * 5000
    sentence = " ".join(["word"] * 400)
    finding = Finding.of(
        rules.ACTION_UNFOLLOWED, later._("no indicator follows action {id}.", id=long_id + "\n" + sentence)
    )
    with speaking(language):
        message = finding.message
    assert len(message) <= MAX_MESSAGE and "\n" not in message
    assert all(len(word) <= MAX_WORD for word in message.split())
    assert long_id[:30] in message and "\u2026" in message  # the ID shortened on its own, the message at its end


def test_an_argument_is_never_translated_a_workbook_word_is():
    quoted = later._("theme '{theme}' is not one of the review's themes ({themes}).", theme="Data", themes=["Budget"])
    sheet = later._("action {id} is not defined in any {sheet} sheet.", id="Data", sheet=Message.word("Actions"))
    with speaking("fi"):
        assert str(quoted) == "teema 'Data' ei ole katsauksen teemojen (Budget) joukossa."
        assert str(sheet) == "toimenpidettä Data ei ole määritelty millään Toimenpiteet-välilehdellä."
        assert f"{sheet}" == str(sheet)  # said when formatted, too
    assert str(sheet) == "action Data is not defined in any Actions sheet."
    assert str(Message.text("said as it is")) == "said as it is"


def test_a_plural_message_takes_the_count_of_the_language():
    one = later.n_(
        "{n} more value far from the table was not read.", "{n} more values far from the table were not read.", 1
    )
    two = later.n_(
        "{n} more value far from the table was not read.", "{n} more values far from the table were not read.", 2
    )
    with speaking("fi"):
        assert (str(one), str(two)) == (
            "vielä 1 arvo kaukana taulukosta jäi lukematta.",
            "vielä 2 arvoa kaukana taulukosta jäi lukematta.",
        )
    assert str(two) == "2 more values far from the table were not read."


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_rule_has_its_title_and_hint_in_the_language(language):
    with speaking(language):
        for rule in rules.RULES.values():
            assert rule.said_title and rule.said_title != rule.title, (language, rule.code)
            assert rule.hint is None or rule.said_hint != rule.hint, (language, rule.code)
            assert rule.unless is None or _(rule.unless[1]) != rule.unless[1], (language, rule.code)
            for severity in rule.severities:
                assert severity.said != severity.value
            finding = Finding.of(rule, "m")
            assert finding.hint == rule.said_hint  # a finding's default hint is its rule's, said
    assert all(rule.said_title == rule.title for rule in rules.RULES.values())


def test_the_guides_tables_of_rules_stay_english():
    with speaking("fi"):
        table = rules.table("validate")
    assert "| `target-unknown` | error | Not a target of the SDG framework" in table


@pytest.mark.parametrize("language", LANGUAGES)
def test_check_docx_says_its_findings_in_the_language_spoken(tmp_path, language):
    path = tmp_path / "plain.docx"
    document = docx.Document()
    document.add_paragraph("Text.")
    document.add_paragraph("")
    document.save(str(path))
    found = check_docx(path)
    english = {f.rule: f.message for f in found.findings}
    assert english["title-missing"] == "the document has no title in its properties."
    with speaking(language):
        said = {f.rule: (f.cell, f.message, f.hint) for f in found.findings}
    assert said["title-missing"][0] == "properties"
    assert (
        said["title-missing"][1]
        == {
            "fi": "asiakirjan ominaisuuksissa ei ole otsikkoa.",
            "sv": "dokumentet har ingen rubrik i sina egenskaper.",
        }[language]
    )
    assert (
        said["title-missing"][2]
        == {
            "fi": "määritä Tiedosto > Tiedot > Ominaisuudet > Otsikko",
            "sv": "ange Arkiv > Info > Egenskaper > Rubrik",
        }[language]
    )
    assert said["paragraph-empty"][0].startswith("paragraph ")
    assert said["paragraph-empty"][1] != english["paragraph-empty"]


def test_the_internal_annex_lists_the_warnings_in_the_drafts_language(tmp_path):
    folder = mistaken_review(tmp_path / "review")
    book = openpyxl.load_workbook(folder / "review.xlsx")
    actions = book["Actions"]  # the errors mended: the draft is built; the warnings stay
    actions["E2"].value, actions["A3"].value, actions["C3"].value = "Ongoing", "A-2", "Learning"
    book["Indicators"]["F2"].value = "A-1"
    book.save(folder / "review.xlsx")
    report = validate(folder)
    assert not report.errors and {f.rule for f in report.warnings} == {"action-unfollowed"}
    out = tmp_path / "luonnos.docx"
    build(folder, BuildOptions(output=out, language="fi"))
    cells = [c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells]
    finnish = "mikään indikaattori ei seuraa toimenpidettä A-2. (nimeä toimenpide sen edistymistä osoittavan "
    assert any(c.startswith(finnish) for c in cells), [c for c in cells if "A-2" in c]
    assert not any("no indicator follows action A-2" in c for c in cells)


def test_a_value_that_is_no_number_is_said_whole_in_the_language(tmp_path):
    """The cell's own reading (vlr.values, vlr.model.periods) is said in the report's language
    too: never a Finnish column name glued to an English sentence."""
    from vlr.exceptions import ValueProblem
    from vlr.formatting import speaking
    from vlr.values import parse_number, parse_year

    for parse, value in ((parse_number, "12 kpl"), (parse_year, "vuosi"), (parse_number, "1,234")):
        with pytest.raises(ValueProblem) as err:
            parse(value)
        english = str(err.value.message)
        with speaking("fi"):
            finnish, hint = str(err.value.message), str(err.value.hint)
        assert finnish != english and value.split()[0] in finnish and hint
        assert not any(word in finnish for word in ("is not", "ambiguous", "number"))
