"""The import's report in the language of the command (issue 21): ``vlr import open-sdg`` and
``vlr import sdmx`` with ``--language fi`` or ``sv`` say what they imported, left out and why,
what is left to add and why an input cannot be read, with no English word vlr wrote itself;
the numbers add up as they do in English, and the JSON is the English one, whole (its
reasons are what CI scripts group by)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from test_import_open_sdg import PLACEHOLDER, make_repository, write
from test_languages import english_words  # noqa: F401 - a fixture
from test_report_languages import english_left
from vlr.cli import main
from vlr.formatting import speaking
from vlr.imports import sdmx_read
from vlr.imports.open_sdg import DEMO
from vlr.imports.open_sdg_rows import NO_VALUE_REASON
from vlr.imports.sdmx_data import NOT_LISTED, UNREAD

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["fi", "sv"]
#: The shipped examples, as the README imports them.
EXAMPLES = {
    "open-sdg": ["open-sdg", ROOT / "examples" / "open-sdg"],
    "sdmx": ["sdmx", ROOT / "examples" / "sdmx" / "data", "--structure", ROOT / "examples" / "sdmx" / "dsd.xml"],
}
#: The words of the imported workbooks the report names, as the import writes them: its
#: workbooks are English (a sheet, a field, a column, the values of Direction), and the report
#: says where to write as the file shows it.
WORKBOOK_WORDS = ("Review", "Actions", "City", "Country", "Direction", "Unit", "increase", "decrease")
#: Codes, settings and options the report quotes as the source or the command line spell them.
CODES = (
    "review.xlsx",
    "SERIES",
    "indicator_G-T-I.csv",
    "data_non_statistical: true",
    "--city",
    "--country",
)


def run(*args, ok=(0,)):
    """``vlr ARGS``: its output and its standard error apart."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code in ok, (args, result.output, result.exception)
    return result


def imported(source: list, folder: Path, *options, ok=(0,)):
    return run("import", *source, "-o", folder, *options, ok=ok)


def quoted(payload: dict, *paths) -> set[str]:
    """What a report quotes that is not vlr's own words: the paths of the source and the
    output, the files and keys of the first row of each reason and the files skipped (the
    English JSON ``payload`` lists them), the workbooks' words and the codes."""
    known = {str(p) for p in paths} | {f"{p}/review.xlsx" for p in paths}
    firsts = [r["first"] for r in payload["left_out"]]
    known |= {payload["source"], *firsts, *(re.sub(r" line \d+$", "", first) for first in firsts)}
    known |= {s["file"] for s in payload["skipped_files"]} | set(WORKBOOK_WORDS) | set(CODES)
    return {k for k in known if len(k) >= 4}


def reconciliation(lines: list[str]) -> tuple[list[int], list[int]]:
    """The numbers of the reconciliation: rows in the source, imported and left out (its first
    line), and the rows of each reason (the indented lines under it)."""
    at = next(i for i, line in enumerate(lines) if " = " in line and not line.startswith(" "))
    head = [int(n) for n in re.findall(r"\d+", lines[at])]
    reasons = []
    for line in lines[at + 1 :]:
        if not line.startswith("  "):
            break
        reasons.append(int(line.split()[0]))
    return head, reasons


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_the_shipped_imports_report_in_the_language_and_add_up_as_in_english(
    tmp_path,
    kind,
    language,
    english_words,  # noqa: F811
):
    source = EXAMPLES[kind]
    payload = json.loads(imported(source, tmp_path / "json", "--format", "json").stdout)
    english = imported(source, tmp_path / "en").stdout.splitlines()
    result = imported(source, tmp_path / language, "--language", language)
    assert result.stderr == ""  # a language vlr speaks: no note
    lines = result.stdout.splitlines()
    left = english_left(lines, quoted(payload, tmp_path / language), language, english_words)
    assert left == {}, f"{language}: English vlr wrote in the import's report: {list(left.items())[:8]}"
    assert lines[0].startswith({"fi": "Tuotiin ", "sv": "Importerade "}[language])
    # the same numbers as in English, and they add up: rows = imported + left out, by reason
    head, reasons = reconciliation(lines)
    rows = payload["rows"]
    assert head == [rows["source"], rows["imported"], rows["left_out"]] == reconciliation(english)[0]
    assert rows["adds_up"] and rows["source"] == rows["imported"] + sum(reasons)
    assert reasons == [r["rows"] for r in payload["left_out"]] == reconciliation(english)[1]
    with speaking(language):
        assert f"{NO_VALUE_REASON} (" in result.stdout and "no value" not in result.stdout
    # the workbooks' words the report names are the imported workbooks' own
    book = openpyxl.load_workbook(tmp_path / language / "review.xlsx", read_only=True)
    assert {"Review", "Actions"} <= set(book.sheetnames)
    assert {"City", "Country"} <= {row[0] for row in book["Review"].iter_rows(values_only=True)}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_the_json_is_the_english_one_whatever_the_language(tmp_path, kind, language):
    source = EXAMPLES[kind]
    english = imported(source, tmp_path / "report", "--format", "json")
    translated = imported(source, tmp_path / "raport", "--format", "json", "--language", language)
    assert translated.stdout.replace(str(tmp_path / "raport"), str(tmp_path / "report")) == english.stdout
    assert translated.stderr == english.stderr == ""


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_reason_note_and_line_of_a_repository_is_said_in_the_language(
    tmp_path,
    language,
    english_words,  # noqa: F811
):
    root = make_repository(tmp_path / "repo")  # placeholders, demo data, non-statistical, no values, mixed periods
    write(root, "data/indicator_16-1-1.csv", "Year,Value\n2019,3\n2019,3\n2020,abc\n1850,4\n2021,5\n")
    write(root, "data/indicator_16_1_1.csv", "Year,Value\n2019,3\n")  # a second file for 16.1.1
    write(root, "data/indicator_16-2-1.csv", "Year,Value\n")  # a heading only
    write(root, "data/indicator_16-3-1.csv", "Year,Region,Value\n2020,North,4\n2020,South,5\n")  # no total
    scores = "\n".join(f"{2000 + i},{i * 7 % 13}.{i},{i}" for i in range(14))
    write(root, "data/indicator_16-4-1.csv", f"Year,Progress,Value\n{scores}\n")  # a helper column
    payload = json.loads(imported(["open-sdg", root], tmp_path / "json", "--format", "json").stdout)
    result = imported(["open-sdg", root], tmp_path / language, "--language", language)
    lines = result.stdout.splitlines()
    files = {f"data/{path.name}" for path in (root / "data").iterdir()}
    known = quoted(payload, tmp_path / language) | files | {"Progress", "North", "South"}
    left = english_left(lines, known, language, english_words)
    assert left == {}, f"{language}: English vlr wrote in the import's report: {list(left.items())[:8]}"
    reasons = {r["reason"] for r in payload["left_out"]}
    assert {"a repeated row", "a value that is not a number"} <= reasons
    assert "in a file not imported: a second file for an indicator" in reasons
    assert any(s["reason"] == "no value to import (no rows below the heading)" for s in payload["skipped_files"])
    assert any("every value is for a named place" in note for note in payload["notes"])
    head, counts = reconciliation(lines)
    assert head[0] == head[1] + head[2] == payload["rows"]["source"] and sum(counts) == head[2]
    said = {
        "fi": ["Sarakkeet, jotka jätettiin pois", "siirrettiin omaksi sarjakseen", "Huomautus: 1 indikaattorissa"],
        "sv": ["Kolumner som lämnades utanför", "fick en egen serie", "Anmärkning: i 1 indikator"],
    }[language]
    assert all(text in result.stdout for text in said), result.stdout
    with speaking(language):
        assert str(DEMO) in result.stdout


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_refusal_is_one_line_in_the_language_and_english_in_the_json(
    tmp_path,
    language,
    english_words,  # noqa: F811
):
    given, out = tmp_path / "given", tmp_path / "out"
    starter = given / "starter"
    write(starter, "data/indicator_1-1-1.csv", PLACEHOLDER)
    (given / "empty").mkdir()
    cases = {
        "no such folder": ["open-sdg", given / "missing"],
        "not a repository": ["open-sdg", given / "empty"],
        "every file skipped": ["open-sdg", starter],
        "no such file": ["sdmx", given / "missing.xml"],
        "no structure": ["sdmx", ROOT / "examples" / "sdmx" / "data"],
    }
    for name, source in cases.items():
        english = imported(source, out, ok=(2,))
        result = imported(source, out, "--language", language, ok=(2,))
        assert len(result.output.strip().splitlines()) == 1 and result.output != english.output, (name, result.output)
        known = {str(p) for p in source[1:]} | {"data/indicator_*.csv", "data/indicator_1-1-1.csv", "--structure FILE"}
        # "Error:" is click's, before every command's refusal
        line = result.output.strip().removeprefix("Error: ")
        left = english_left([line], {k for k in known if len(k) >= 4}, language, english_words)
        assert left == {}, (name, line, left)
        json_english = imported(source, out, "--format", "json", ok=(2,))
        json_translated = imported(source, out, "--format", "json", "--language", language, ok=(2,))
        assert json_translated.stdout == json_english.stdout, name
        assert json.loads(json_english.stdout)["findings"][0]["message"] in english.output, name
        assert not out.exists(), name


def test_observations_the_reader_did_not_return_are_counted_and_said(tmp_path, monkeypatch):
    read = sdmx_read._count_obs
    monkeypatch.setattr(sdmx_read, "_count_obs", lambda path: read(path) + 1)  # sdmx1 returned one fewer
    source = EXAMPLES["sdmx"]
    payload = json.loads(imported(source, tmp_path / "json", "--format", "json").stdout)
    assert payload["rows"] == {"source": 20, "imported": 12, "left_out": 8, "adds_up": True}
    unread = {r["reason"]: r for r in payload["left_out"]}[UNREAD.english]
    assert unread["rows"] == 1 and unread["first"] == "FI_SDG.xml"
    result = imported(source, tmp_path / "fi", "--language", "fi")
    head, counts = reconciliation(result.stdout.splitlines())
    assert head == [20, 12, 8] and sum(counts) == 8
    with speaking("fi"):
        assert f"syy: {UNREAD} (ensimmäinen: FI_SDG.xml)" in result.stdout and f"syy: {NOT_LISTED}" in result.stdout
    assert "TÄSMÄÄ" not in result.stdout and "ADD UP" not in result.stdout


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_a_language_without_a_catalogue_gives_the_english_report_whole_and_says_so_once(tmp_path, kind):
    source = EXAMPLES[kind]
    english = imported(source, tmp_path / "report")
    italian = imported(source, tmp_path / "rapporto", "--language", "it")
    assert italian.stdout.replace(str(tmp_path / "rapporto"), str(tmp_path / "report")) == english.stdout
    notes = [line for line in italian.stderr.splitlines() if "no catalogue" in line]
    assert len(notes) == 1 and "'it'" in notes[0] and english.stderr == ""
    json_italian = imported(source, tmp_path / "json", "--format", "json", "--language", "it")
    assert json_italian.stderr == ""  # the JSON is English in every language: nothing to say
