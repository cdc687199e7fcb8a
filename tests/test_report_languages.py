"""The reports and the reviewers' workbooks in the review's language (issue 21, point 1):
what ``vlr coverage``, ``progress``, ``diff``, ``suggest``, ``validate`` and ``build`` print
and the workbooks they write are in ``--language``, else the Review sheet's ``Language``,
with no English word vlr wrote itself; a language vlr has no catalogue for is said once and
the report is English, whole; CSV and JSON keep their keys and codes English."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from conftest import MINIMAL, review_folder
from test_languages import catalogue, english_words, in_language  # noqa: F401 - english_words is a fixture
from vlr.cli import main
from vlr.formatting import _, p_, speaking

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["fi", "sv"]


def run(*args, ok=(0,)):
    """``vlr ARGS``, as a person runs it: its output and its standard error apart."""
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code in ok, (args, result.output, result.exception)
    return result


def own_texts(*folders: Path) -> set[str]:
    """What the city wrote in the workbooks of ``folders`` (names, titles, themes, series, units),
    the names of its files and sheets (a link's text names them), the official UN texts vlr
    quotes in English, and the terms of the thesauri a suggestion names (the English one's
    where a text is English): none of it is vlr's own English."""
    from vlr.draft.official import short_text
    from vlr.framework.catalogue import load_framework
    from vlr.framework.search import LANGUAGES, thesaurus
    from vlr.framework.search import short_text as search_text

    known = set()
    for folder in folders:
        known |= {str(folder), str(folder.parent)}  # a path names the test's folder: not vlr's words
        for book in sorted(folder.glob("*.xlsx")):
            known |= {str(book), book.name}
            for sheet in openpyxl.load_workbook(book, read_only=True).worksheets:
                known |= {f"{book}, {sheet.title}", f"{book.name}, {sheet.title}", f"[{sheet.title} "}
                for row in sheet.iter_rows(min_row=2, values_only=True):
                    values = row[1:] if sheet.title == "Review" else row  # the Review sheet's fields are vlr's
                    for v in values:
                        if isinstance(v, str):
                            known |= {v.strip(), *(part.strip() for part in re.split(r"[,;]", v))}
    fw = load_framework()
    for official in [*(t.text for t in fw.targets), *(i.text for i in fw.indicators)]:
        shortened = (short_text(official, 6), search_text(official, 6), official[:59])
        known |= {official, *(cut.rstrip("\u2026") for cut in shortened)}
    known |= {term.term for language in LANGUAGES for term in thesaurus(language)}
    return {k for k in known if len(k) >= 4}


def own_words(language: str) -> set[str]:
    """The words of vlr's catalogue of ``language``: a word spelled alike in English (data,
    status, trend; Swedish "total") is the language's own too."""
    words = set()
    for message in catalogue(language):
        for text in message.string if isinstance(message.string, tuple) else [message.string]:
            words |= {w.casefold() for w in re.findall(r"[A-Za-z]{4,}", re.sub(r"\{\w*\}", " ", text or ""))}
    return words


def english_left(texts, known: set[str], language: str, english: set[str]) -> dict[str, str]:
    """vlr's own English words in ``texts`` once the city's and the UN's texts are taken out:
    each with the text it was found in."""
    ordered = sorted(known, key=len, reverse=True)
    own = own_words(language)
    left: dict[str, str] = {}
    for text in texts:
        rest = str(text)
        for k in ordered:
            if k in rest:
                rest = rest.replace(k, " ")
        for word in re.findall(r"[A-Za-z]{4,}", rest):
            if word.casefold() in english and word.casefold() not in own:
                left.setdefault(word.casefold(), str(text)[:120])
    return left


def workbook_texts(path: Path, *, skip_headings: tuple[str, ...] = ()) -> list[str]:
    """Every sheet name and every text cell of the workbook at ``path``, but the columns headed
    ``skip_headings`` (codes kept English for scripts and colours)."""
    book = openpyxl.load_workbook(path)
    texts = list(book.sheetnames)
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(values_only=True))
        skipped = {j for j, head in enumerate(rows[0] if rows else ()) if head in skip_headings}
        for row in rows:
            texts += [v for j, v in enumerate(row) if isinstance(v, str) and j not in skipped]
    return texts


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The shipped example, as Finnish and as Swedish reviews (their Review sheets say so)."""
    base = tmp_path_factory.mktemp("example")
    return {language: in_language(base, language) for language in LANGUAGES}


# --- the reviewers' workbooks ---------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_coverage_workbook_is_in_the_reviews_language(example, tmp_path, language, english_words):  # noqa: F811
    folder = example[language]
    out = tmp_path / "coverage.xlsx"
    result = run("coverage", folder, "--xlsx", out)  # no --language: the Review sheet's
    assert "no catalogue" not in result.stderr
    book = openpyxl.load_workbook(out)
    names = {"fi": ["Tavoitteet", "Alatavoitteet"], "sv": ["Mål", "Delmål"]}[language]
    assert book.sheetnames[:2] == names
    with speaking(language):
        assert book.sheetnames == [_("Goals"), _("Targets"), _("Goal x theme"), _("Gaps"), _("Progress"), _("Mapping")]
        goals = [c.value for c in book[_("Goals")][1]]
        assert goals[:2] == [_("Goal"), _("Name")] and p_("status", "on track") in goals
        status_code = _("Status code")
        assert _("Wrote {path}").format(path=out) in result.stderr and "Wrote" not in result.stderr
    assert book[names[0]]["B2"].value == {"fi": "Ei köyhyyttä", "sv": "Ingen fattigdom"}[language]
    # a goal's row links to its targets in the Targets sheet, under that sheet's own name
    link = book[names[0]].cell(row=12, column=book[names[0]].max_column).hyperlink
    assert book[names[0]].cell(row=12, column=1).value == 11 and link.location == f"'{names[1]}'!A{first_of_11(book)}"
    left = english_left(workbook_texts(out, skip_headings=(status_code,)), own_texts(folder), language, english_words)
    assert left == {}, f"{language}: English vlr wrote in the coverage workbook: {list(left.items())[:8]}"


def first_of_11(book) -> int:
    """The row of target 11.1 in the Targets sheet (the second sheet)."""
    return next(row[0].row for row in book.worksheets[1].iter_rows(min_row=2) if row[1].value == "11.1")


def finnish_review(tmp_path: Path, language: str = "fi", name: str = "review") -> Path:
    """A small review written in Finnish (or, its texts the same, said to be in ``language``)."""
    sheets = copy.deepcopy(MINIMAL)
    sheets["Review"].append(["Language", language])
    sheets["Review"][4][1] = "Ilmasto, Oppiminen"
    sheets["Actions"][1][1:3] = ["Pyöräteiden laajentaminen", "Ilmasto"]
    sheets["Actions"][2][1:3] = ["Aikuisten kurssit", "Oppiminen"]
    sheets["Indicators"][1][1] = "Pyörätieverkko"
    sheets["Indicators"][3][1] = "Aikuiskoulutukseen osallistuneet"
    return review_folder(tmp_path, sheets, name)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_suggestions_and_their_workbook_are_in_the_reviews_language(tmp_path, language, english_words):  # noqa: F811
    folder = finnish_review(tmp_path, language)
    out = tmp_path / "suggestions.xlsx"
    result = run("suggest", folder, "--xlsx", out)
    book = openpyxl.load_workbook(out)
    with speaking(language):
        assert book.sheetnames == [_("Suggestions")]
        assert [c.value for c in book.active[1]][:2] == [p_("report", "Kind"), _("ID")]
        assert {book.active.cell(r, 1).value for r in range(2, book.active.max_row + 1)} == {
            p_("kind", "action"),
            p_("kind", "indicator"),
        }
    known = own_texts(folder) | {str(out)}
    texts = [without_search_reasons(t) for t in [*workbook_texts(out), *result.output.splitlines()]]
    left = english_left(texts, known, language, english_words)
    assert left == {}, f"{language}: English vlr wrote in the suggestions: {list(left.items())[:8]}"
    summary = {"fi": "5 toimenpidettä ja indikaattoria", "sv": "5 åtgärder och indikatorer"}[language]
    assert result.stdout.rstrip().splitlines()[-1].startswith(summary)


#: The reasons the target search (vlr.framework.search) gives for a match of the framework's own
#: English words: not yet in the catalogues (the README says so), and the search's to word.
SEARCH_REASONS = re.compile(r"words of the target and its indicators: [^\n]*|its indicator \S+|the target's own code")


def without_search_reasons(text: str) -> str:
    return SEARCH_REASONS.sub(" ", text)


def two_reviews(tmp_path: Path, language: str) -> tuple[Path, Path]:
    """Last cycle's review (English) and this one's, in ``language``, with an action added, one
    removed, one retitled, a value revised and one added."""
    old = review_folder(tmp_path, MINIMAL, "old")
    sheets = copy.deepcopy(MINIMAL)
    sheets["Review"].append(["Language", language])
    sheets["Actions"][1][1] = "Cycle lanes and bike parking"
    sheets["Actions"][2] = ["A-3", "Street trees", "Climate", "11.7", "Planned", 2026, 2030]
    sheets["Indicators"][3][6] = "A-3"
    sheets["Data"][3][2] = 125.5  # I-1 2022: 120 → 125.5
    sheets["Data"].append(["I-3", 2025, 56, None])
    return old, review_folder(tmp_path, sheets, "new")


@pytest.mark.parametrize("language", LANGUAGES)
def test_diff_speaks_the_new_reviews_language_and_so_does_its_workbook(tmp_path, language, english_words):  # noqa: F811
    old, new = two_reviews(tmp_path, language)
    out = tmp_path / "changes.xlsx"
    result = run("diff", old, new, "--xlsx", out, ok=(1,))
    known = own_texts(old, new)
    left = english_left([*result.stdout.splitlines(), *workbook_texts(out)], known, language, english_words)
    assert left == {}, f"{language}: English vlr wrote in the changes: {list(left.items())[:8]}"
    with speaking(language):
        assert _("Actions added") in result.stdout and "Actions added" not in result.stdout
        assert openpyxl.load_workbook(out).sheetnames == [
            _("Actions"),
            _("Indicators"),
            _("Data"),
            _("Statuses"),
            _("Coverage"),
        ]
    assert "I-1 / 2022: 120 \u2192 125,5 (+5,5) (+4,6\u00a0%)" in result.stdout  # the language's decimal sign
    # the OLD review's language is not asked: --language wins over both
    english = run("diff", old, new, "--language", "en", ok=(1,))
    assert "Actions added (1)" in english.stdout and "120 \u2192 125.5 (+5.5) (+4.6%)" in english.stdout


# --- the terminal ---------------------------------------------------------------------


@pytest.mark.parametrize("command", ["coverage", "progress"])
def test_coverage_and_progress_print_swedish(example, command, english_words):  # noqa: F811
    folder = example["sv"]
    result = run(command, folder)
    left = english_left(result.stdout.splitlines(), own_texts(folder), "sv", english_words)
    assert left == {}, f"English vlr wrote in vlr {command}: {list(left.items())[:8]}"
    first = {"coverage": "SDG-täckning för Helsinki 2026", "progress": "Framsteg ("}[command]
    assert result.stdout.startswith(first)


def test_markdown_is_in_the_language_too(example, english_words):  # noqa: F811
    folder = example["fi"]
    result = run("coverage", folder, "--format", "markdown")
    assert result.stdout.startswith("# ") and "## Kattavuus tavoitteittain" in result.stdout
    left = english_left(result.stdout.splitlines(), own_texts(folder), "fi", english_words)
    assert left == {}, f"English vlr wrote in the Markdown: {list(left.items())[:8]}"


def test_validate_says_its_summary_in_swedish(example):
    result = run("validate", example["sv"])
    lines = result.stdout.rstrip().splitlines()
    assert lines[-1] == "OK: 0 fel, 4 varningar"
    # the severities padded to the longest ("anmärkning"), the hint under its message
    assert "  blad Actions" in lines and any(line.startswith("    varning    A7: ") for line in lines)
    assert any(line.startswith(" " * 15 + "tips: ") for line in lines)
    strict = run("validate", example["sv"], "--strict", ok=(1,))
    assert strict.stdout.rstrip().splitlines()[-1] == "INTE OK: 0 fel, 4 varningar (--strict: varningar räknas som fel)"


def test_the_severities_keep_their_colour_in_another_language(example):
    import click

    from vlr.main import load
    from vlr.reports.terminal import coloured_report

    report = load(example["fi"]).report
    with speaking("fi"):
        text = coloured_report(report.to_text())
    assert click.style("varoitus".ljust(9), fg="yellow", bold=True) in text  # padded to "huomautus"
    assert click.style("OK: 0 virhettä, 4 varoitusta", bold=True, fg="green") in text


def test_the_build_says_what_it_wrote_in_the_drafts_language(tmp_path, english_words):  # noqa: F811
    folder = finnish_review(tmp_path, "sv")
    out = tmp_path / "utkast.docx"
    result = run("build", folder, "-o", out)
    lines = result.stdout.splitlines()
    assert any(line.startswith(f"Skrev {out}") for line in lines), lines
    known = own_texts(folder) | {str(out), str(out.with_name("utkast-data.xlsx"))}
    left = english_left(lines, known, "sv", english_words)
    assert left == {}, f"English vlr wrote in the build's summary: {list(left.items())[:8]}"
    assert "Skriver dokumentet" in result.stderr and "Writing the document" not in result.stderr
    # its data workbook, beside the draft, too
    data = out.with_name("utkast-data.xlsx")
    book = openpyxl.load_workbook(data)
    assert book.sheetnames[0] == "Innehåll" and book["Innehåll"]["A1"].value == "Indikator-ID"
    assert [c.value for c in book["I-1"][1]][:2] == ["Serie", "Enhet"]
    left = english_left(workbook_texts(data), own_texts(folder), "sv", english_words)
    assert left == {}, f"English vlr wrote in the data workbook: {list(left.items())[:8]}"


# --- the language chosen, and a language vlr has no catalogue for ----------------------


def test_language_overrides_the_review_sheet_either_way(example):
    def coverage(folder, *options):  # the gaps name their files: the same but for the folder (in full: Markdown)
        return run("coverage", folder, "--format", "markdown", *options).stdout.replace(str(folder), "REVIEW")

    english = coverage(ROOT / "indicators")
    assert coverage(example["fi"], "--language", "en") == english
    finnish = coverage(ROOT / "indicators", "--language", "fi")
    assert finnish == coverage(example["fi"]) and finnish != english
    assert "## Kattavuus tavoitteittain" in finnish and "Coverage by goal" not in finnish


@pytest.mark.parametrize("command", ["coverage", "validate", "suggest"])
def test_a_language_without_a_catalogue_is_english_whole_with_one_warning(command):
    english = run(command, ROOT / "indicators")
    italian = run(command, ROOT / "indicators", "--language", "it")
    assert italian.stdout == english.stdout  # never a mix: vlr's words in English, whole
    warnings = [line for line in italian.stderr.splitlines() if "no catalogue" in line]
    assert len(warnings) == 1 and "'it'" in warnings[0]
    assert "no catalogue" not in english.stderr


def test_a_review_sheet_language_without_a_catalogue_is_said_once_for_a_diff(tmp_path):
    old, new = two_reviews(tmp_path, "it")
    result = run("diff", old, new, ok=(1,))
    assert [line for line in result.stderr.splitlines() if "no catalogue" in line] == [
        "Note: vlr has no catalogue for the language 'it' yet: this report is in English (numbers follow the language)."
    ]
    assert "Actions added (1)" in result.stdout and "120 \u2192 125,5" in result.stdout  # Italian numbers


def test_a_language_code_that_is_none_is_refused():
    result = run("progress", ROOT / "indicators", "--language", "klingon", ok=(2,))
    assert "'klingon' is not a language code" in result.output


# --- CSV and JSON: English keys and codes, the words for people in the language ----------


def test_json_and_csv_keep_their_keys_and_codes_and_translate_what_people_read(example):
    english = json.loads(run("progress", ROOT / "indicators", "--format", "json").stdout)
    finnish = json.loads(run("progress", example["fi"], "--format", "json").stdout)
    assert [sorted(r) for r in finnish] == [sorted(r) for r in english]
    assert [r["status"] for r in finnish] == [r["status"] for r in english]
    assert [r["trend"] for r in finnish] == [r["trend"] for r in english]
    on_track = next(r for r in finnish if r["status"] == "on_track" and r["target_value"] is not None)
    assert on_track["label"] == "Oikealla uralla"
    csv_en = run("coverage", ROOT / "indicators", "--format", "csv").stdout.splitlines()
    csv_fi = run("coverage", example["fi"], "--format", "csv").stdout.splitlines()
    assert csv_fi[0] == csv_en[0] and csv_fi[1].startswith("1,Ei köyhyyttä,")
    coverage = json.loads(run("coverage", example["fi"], "--format", "json").stdout)
    assert coverage["goals"][0]["short_name"] == "Ei köyhyyttä"
    kinds = {gap["kind"] for gap in coverage["gaps"]}
    assert "action-unfollowed" in kinds  # the code, for scripts; its message for people
    unfollowed = next(gap for gap in coverage["gaps"] if gap["kind"] == "action-unfollowed")
    assert "no indicator follows it" not in unfollowed["message"]


def test_an_update_says_what_it_did_to_the_draft_in_the_drafts_language(tmp_path):
    """The update is merged in a process begun before the review is read: it is told the
    language with the fresh build, so its report is not English (a German editor found it so)."""
    import docx

    folder = finnish_review(tmp_path, "fi")
    out = tmp_path / "luonnos.docx"
    run("build", folder, "-o", out)
    document = docx.Document(str(out))
    document.add_paragraph("Kaupungin oma lisäys luonnokseen.")  # people's text: the update is a real merge
    document.save(str(out))
    book = openpyxl.load_workbook(folder / "review.xlsx")  # new figures: vlr's parts are refreshed
    data = book["Data"]
    data.cell(row=data.max_row, column=3, value=float(data.cell(row=data.max_row, column=3).value) * 1.5)
    book.save(folder / "review.xlsx")
    result = run("build", folder, "--update", str(out))
    said = result.stdout + result.stderr
    assert "päivitettiin" in said or "säilytettiin" in said, said[-600:]
    assert "refreshed " not in said and "kept " not in said
