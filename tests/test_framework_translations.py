"""The framework in the review's language (issue 21, point 3): the targets' and indicators'
official texts from the city's Translations sheet, else vlr's shipped translations (German,
French, Spanish from Open SDG), else the English, marked; a translation of an older wording
never used; ``vlr framework show``, ``search`` and ``translations`` speaking it."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import openpyxl
from click.testing import CliRunner

from test_languages import in_language
from vlr.cli import main
from vlr.formatting import speaking
from vlr.framework.catalogue import load_framework
from vlr.framework.translations import digest, official, shipped, shipped_languages
from vlr.main import BuildOptions, build, framework_translations, validate

ROOT = Path(__file__).resolve().parent.parent
FW = load_framework()

FI_11_2 = "Vuoteen 2030 mennessä tarjotaan kaikille turvalliset, edulliset ja kestävät liikennejärjestelmät"
FI_11_6_2 = "Pienhiukkasten vuosikeskiarvo kaupungeissa väestöllä painotettuna"


def review_with_translations(tmp_path: Path, rows: list[list], language: str = "fi") -> Path:
    """A copy of the example in ``language`` with a workbook holding a Translations sheet of ``rows``."""
    folder = in_language(tmp_path, language)
    book = openpyxl.Workbook()
    book.active.title = "Translations"
    book.active.append(["Code", "Language", "Text", "English"])
    for r in rows:
        book.active.append(r)
    book.save(folder / "translations.xlsx")
    return folder


def tables_with(path: Path, header: str) -> list:
    return [t for t in docx.Document(str(path)).tables if any(header in c.text for c in t.rows[0].cells)]


def test_shipped_translations_are_used_only_for_the_wording_they_translate():
    assert {"de", "fr", "es"} <= set(shipped_languages())
    german = official("11.2", FW.target("11.2").text, "de")
    assert german.translated and german.text.startswith("Bis 2030") and "Open SDG" in german.source
    # 1.a.1 was reworded by the UN after Open SDG's translation was made: its English is quoted
    reworded = FW.indicator("1.a.1").text
    assert shipped("de").get("de", "1.a.1") is not None
    said = official("1.a.1", reworded, "de")
    assert not said.translated and said.text == reworded
    # the digest reads past case, spacing and punctuation, not past words
    assert digest("By 2030, provide  access") == digest("by 2030 provide access")
    assert digest("By 2030, provide access") != digest("By 2030, provide no access")
    assert not official("11.2", FW.target("11.2").text, "fi").translated  # Open SDG has no Finnish
    assert official("11.2", "x", "en").text == "x"


def test_framework_show_speaks_the_language_and_marks_the_english():
    runner = CliRunner()
    result = runner.invoke(main, ["framework", "show", "11.2", "--language", "fr"])
    assert result.exit_code == 0, result.output
    assert "2030, assurer l" in result.output
    assert "Cible 11.2" in result.output or "Target 11.2" in result.output  # the word is the catalogue's
    result = runner.invoke(main, ["framework", "show", "1.a.1", "--language", "de"])
    assert "(auf Englisch)" in result.output  # the English of a reworded indicator, marked in German
    data = json.loads(
        runner.invoke(main, ["framework", "show", "11.2.1", "--language", "es", "--format", "json"]).output
    )
    assert data["text"].startswith("Proportion of population")  # the official English stays where it was
    assert data["translation"]["language"] == "es" and data["translation"]["text"].startswith("Proporción")
    data = json.loads(
        runner.invoke(main, ["framework", "show", "1.a.1", "--language", "es", "--format", "json"]).output
    )
    assert data["translation"] is None
    result = runner.invoke(main, ["framework", "show", "11.2", "--language", "sv"])
    assert "Delmål 11.2" in result.output and "(på engelska)" in result.output


def test_the_citys_translations_come_first_and_what_cannot_be_used_is_said(tmp_path):
    folder = review_with_translations(
        tmp_path,
        [
            ["11.2", "fi", FI_11_2, FW.target("11.2").text],
            ["11.6.2", "fi", FI_11_6_2, None],
            ["11.2", "fi", "toinen teksti", None],  # a second Finnish 11.2
            ["12.5.1", "fi", "Kierrätysaste", "National recycling rate, tons of material recycled (an older wording)"],
            ["99.1", "fi", "ei ole", None],
            ["11.3", "fi", None, FW.target("11.3").text],  # a row left to fill in
        ],
    )
    report = validate(folder)
    found = {(f.rule, f.cell) for f in report.findings if f.rule.startswith("translation-")}
    assert found == {("translation-duplicate", "A4"), ("translation-outdated", "D5"), ("translation-unknown", "A6")}
    assert report.errors == []
    outdated = next(f for f in report.findings if f.rule == "translation-outdated")
    assert outdated.file.endswith("translations.xlsx") and outdated.sheet == "Translations"
    assert "Proportion of municipal solid waste" not in outdated.message or "12.5.1" in outdated.message

    out = tmp_path / "draft-fi.docx"
    build(folder, BuildOptions(output=out))
    [goal_11] = [t for t in tables_with(out, "Virallinen teksti") if any(r.cells[0].text == "11.2" for r in t.rows)]
    rows = {r.cells[0].text: r.cells[1].text for r in goal_11.rows[1:]}
    assert rows["11.2"].startswith(FI_11_2[:40])  # the city's own text, not marked
    assert "(englanniksi)" not in rows["11.2"]
    assert all(text.endswith("(englanniksi)") for code, text in rows.items() if code != "11.2")  # each English marked
    assert "(englanniksi)" not in goal_11.rows[0].cells[1].text  # the column is not all English
    annex = tables_with(out, "Virallinen kestävän kehityksen indikaattori")[0]
    texts = " ".join(r.cells[4].text for r in annex.rows[1:])
    assert FI_11_6_2 in texts and "12.5.1: " in texts and "(englanniksi)" in texts
    assert "Kierrätysaste" not in texts  # the outdated translation is not used


def test_a_goal_whose_texts_are_all_english_says_so_once_in_its_header(tmp_path):
    folder = review_with_translations(tmp_path, [["11.2", "fi", FI_11_2, None]])
    out = tmp_path / "draft-fi.docx"
    build(folder, BuildOptions(output=out))
    goal_4 = [t for t in tables_with(out, "Virallinen teksti") if any(r.cells[0].text == "4.1" for r in t.rows)][0]
    assert "(englanniksi)" in goal_4.rows[0].cells[1].text
    assert not any(r.cells[1].text.endswith("(englanniksi)") for r in goal_4.rows[1:])


def test_a_translation_into_english_or_no_language_is_said_at_its_cell_and_not_used(tmp_path):
    folder = review_with_translations(tmp_path, [["11.2", "en", "x", None], ["11.3", "klingon", "y", None]])
    report = validate(folder)
    found = {(f.rule, f.cell) for f in report.findings if f.rule == "translation-language"}
    assert found == {("translation-language", "B2"), ("translation-language", "B3")}


def test_the_translations_command_counts_and_writes_a_sheet_that_reads_back(tmp_path):
    folder = review_with_translations(tmp_path, [["11.2", "fi", FI_11_2, None]])
    runner = CliRunner()
    sheet = tmp_path / "käännökset.xlsx"
    result = runner.invoke(main, ["framework", "translations", str(folder), "--language", "fi", "--xlsx", str(sheet)])
    assert result.exit_code == 0, result.output
    wording, findings, _loaded = framework_translations(folder, "fi")
    targets = wording.total("target")
    said = f"alatavoitteet: {targets}, joista 1 kaupungin Käännökset-välilehdeltä, 0 vlr:n omista, {targets - 1} vain"
    assert said in result.output  # said in the language asked about
    # written in Finnish (a language vlr reads workbooks in), a row per code, the known text filled in
    book = openpyxl.load_workbook(sheet)
    assert book.sheetnames == ["Käännökset"]
    rows = list(book.active.values)
    assert rows[0] == ("Koodi", "Kieli", "Teksti", "Englanniksi")
    assert len(rows) - 1 == len(wording.codes)
    assert ("11.2", "fi", FI_11_2, FW.target("11.2").text) in rows
    # filled in and put in the review, it is read: the next count has it
    book.active.cell(row=[r[0] for r in rows].index("11.7") + 1, column=3, value="Viheralueet kaikille")
    (folder / "translations.xlsx").unlink()
    book.save(folder / "käännökset.xlsx")
    assert not [f for f in validate(folder).findings if f.sheet == "Käännökset"]  # the empty rows say nothing
    wording, _f, _l = framework_translations(folder, "fi")
    assert wording.count("city") == 2
    # German: vlr's own texts for all of them
    data = json.loads(
        runner.invoke(main, ["framework", "translations", str(folder), "--language", "de", "--format", "json"]).output
    )
    assert {c["from"] for c in data["codes"]} == {"vlr"}


def test_search_shows_the_targets_in_the_language_asked_for():
    runner = CliRunner()
    result = runner.invoke(main, ["framework", "search", "bike", "lanes", "--show-in", "es", "--limit", "3"])
    assert result.exit_code == 0 and "transporte" in result.output
    result = runner.invoke(main, ["framework", "search", "leikkipuistot", "--limit", "2"])
    assert "(englanniksi)" in result.output  # found in Finnish, shown in Finnish: the English marked
    with speaking("fi"):
        assert "peruste" in result.output


def test_the_next_cycle_keeps_the_translations(tmp_path):
    folder = review_with_translations(tmp_path, [["11.2", "fi", FI_11_2, FW.target("11.2").text]])
    nxt = tmp_path / "next"
    result = CliRunner().invoke(main, ["init", str(nxt), "--from", str(folder)])
    assert result.exit_code == 0, result.output
    wording, _f, _l = framework_translations(nxt, "fi")
    assert wording.count("city") == 1  # the city's own text came along


def test_a_code_stored_as_a_number_is_not_guessed_and_english_is_no_language_to_translate_into(tmp_path):
    folder = review_with_translations(tmp_path, [[17.1, "fi", "Vahvistetaan …", None], ["11.2", "fi", FI_11_2, None]])
    report = validate(folder)
    assert any(f.rule == "code-as-number" and f.cell == "A2" for f in report.findings)
    wording, _f, _l = framework_translations(folder, "fi", everything=True)
    assert [w.code for w in wording.codes if w.origin == "city"] == ["11.2"]  # 17.1 or 17.10: not taken
    result = CliRunner().invoke(main, ["framework", "translations", str(folder), "--language", "en"])
    assert result.exit_code == 2 and "English already" in result.output
    result = CliRunner().invoke(main, ["framework", "translations", str(folder), "--language", "xx-nowhere"])
    assert result.exit_code == 2


def test_a_search_for_a_code_is_certain():
    result = CliRunner().invoke(main, ["framework", "search", "11.2.1", "--min-confidence", "0.9"])
    assert result.exit_code == 0 and result.output.startswith("11.2") and "100" in result.output.splitlines()[0]
