"""The fuzzer's findings of the first round, each with the report it must give now."""

import io
import json
import zipfile

import docx
import pytest
from click.testing import CliRunner

from conftest import MINIMAL
from vlr.cli import main
from vlr.draft.accessibility import check_docx
from vlr.main import load, validate
from vlr.workbook.writer import write_workbook


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def rules(report, severity=None):
    return [f.rule for f in report.findings if severity is None or f.severity.value == severity]


def set_in_xml(path, part, old: bytes, new: bytes):
    """Replace bytes inside one part of the package at ``path``."""
    with zipfile.ZipFile(path) as zf:
        items = [(i.filename, zf.read(i)) for i in zf.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in items:
            if name == part:
                assert old in data, data[:300]
                data = data.replace(old, new, 1)
            zf.writestr(name, data)
    path.write_bytes(out.getvalue())


def build_ok(path, tmp_path):
    out = tmp_path / "draft.docx"
    result = run("build", path, "-o", out, "--date", "2026-11-28")
    assert result.exit_code == 0, result.output
    report = check_docx(out)
    assert not report.findings, report.to_text()
    return out


# --- what made the reader abort or crash ----------------------------------------------


@pytest.mark.parametrize("ref, sheet", [("XFD100000", "Review"), ("XFD1048576", "Data"), ("A1048576", "Actions")])
def test_a_value_far_from_the_table_is_reported_not_read(write, sheets, tmp_path, ref, sheet):
    row, col = int(ref.lstrip("AFDX")) - 1, 16_383 if ref.startswith("XFD") else 0  # XFD: the last column
    rows = sheets[sheet]
    sheets[sheet] = [*rows, *[[]] * (row - len(rows)), [None] * col + ["Comments"]]
    path = write(sheets)
    report = validate(path)
    assert report.ok, report.to_text()
    stray = [f for f in report.findings if f.rule == "cell-stray"]
    assert [(f.sheet, f.cell) for f in stray] == [(sheet, ref)]
    build_ok(path, tmp_path)


def test_a_damaged_sheet_is_named_and_the_file_refused_in_one_line(write, sheets, tmp_path):
    path = write(sheets)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet4.xml")  # the Data sheet
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw[start + info.compress_size // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    result = run("validate", path)
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1, result.output
    assert "damaged" in result.output and "sheet 'Data'" in result.output


def test_a_sheet_whose_xml_does_not_parse_is_an_error_and_the_others_are_read(write, sheets):
    path = write(sheets)
    set_in_xml(path, "xl/worksheets/sheet2.xml", b"<sheetData>", b'<sheetData><row><c r="A1"><v>1<</v>')
    report = validate(path)
    unreadable = [f for f in report.findings if f.rule == "sheet-unreadable"]
    assert len(unreadable) == 1 and unreadable[0].sheet == "Actions" and not report.ok
    assert load(path).review.indicators  # the other sheets were read


def test_a_sheet_stored_as_utf16_is_read(write, sheets):
    path = write(sheets)
    with zipfile.ZipFile(path) as zf:
        data = zf.read("xl/worksheets/sheet3.xml")
    text = data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    if "encoding=" not in text[:100]:
        text = '<?xml version="1.0" encoding="UTF-16"?>' + text.split("?>", 1)[-1]
    set_in_xml(path, "xl/worksheets/sheet3.xml", data, text.encode("utf-16"))
    assert len(load(path).review.indicators) == 3


def test_long_review_fields_fit_the_documents_properties(write, sheets, tmp_path):
    sheets["Review"][2][1] = "Finland " * 2000  # a 16,000-character Country
    sheets["Review"].append(["Organisation", "O" * 300])
    out = build_ok(write(sheets), tmp_path)
    props = docx.Document(str(out)).core_properties
    assert len(props.keywords) <= 255 and len(props.author) <= 255


def test_figures_no_statistic_reaches_are_errors_in_validate_and_build_alike(write, sheets, tmp_path):
    sheets["Data"].append(["I-1", 2019, 1e308, None])
    sheets["Indicators"][3][10] = "9" * 400  # a Target value of 400 nines
    path = write(sheets)
    report = validate(path)
    too_large = [f for f in report.findings if "too large" in f.message]
    assert len(too_large) == 2 and all(f.rule == "number-invalid" for f in too_large)
    assert run("build", path, "-o", tmp_path / "x.docx").exit_code == 1
    assert not (tmp_path / "x.docx").exists()


def test_a_superscript_is_not_a_goal_number(write, sheets):
    sheets["Review"].append(["HLPF goals", "6, \u00b2, 9"])
    report = validate(write(sheets))
    [finding] = [f for f in report.findings if f.rule == "number-invalid"]
    assert "'\u00b2' is not a goal number" in finding.message and finding.cell == "B6"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("{% include 'x' %}", "cannot include"),
        ("{% if %}", "Expected an expression"),
        ("{{ nonexistent }}", "'nonexistent' is undefined"),
        ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}", "range() of 99,999"),
    ],
)
def test_narrative_templates_are_checked_by_validate(write, sheets, tmp_path, text, expected):
    sheets["Narratives"].append(["conclusion", text])
    path = write(sheets)
    report = validate(path)
    [finding] = [f for f in report.findings if f.rule == "narrative-template"]
    assert expected in finding.message and finding.cell == "B3" and not report.ok
    assert run("build", path, "-o", tmp_path / "x.docx").exit_code == 1  # they agree


def test_hand_typed_lists_in_cells_do_not_fail_our_own_check(write, sheets, tmp_path):
    sheets["Actions"][0] = [*sheets["Actions"][0], "Lead"]
    sheets["Actions"][1].append("* star")
    sheets["Actions"][2][1] = "- item\n- item"
    build_ok(write(sheets), tmp_path)


# --- messages --------------------------------------------------------------------------


def test_messages_quote_cells_shortened_on_one_line(write, sheets):
    sheets["Data"].append(["I-1", 2019, "x" * 32767, None])
    sheets["Actions"][0].append("Heading\n" * 2000)
    sheets["Data"].append(["I-1", "9" * 309, 5, None])
    report = validate(write(sheets))
    assert all(len(f.message) <= 500 and "\n" not in f.message for f in report.findings)
    text = report.to_text()
    assert max(len(line) for line in text.splitlines()) < 700
    assert "x" * 100 not in text and "9" * 100 not in text and "\u2026" in text


def test_an_empty_themes_field_falls_back_to_the_defaults(write, sheets):
    sheets["Review"][4][1] = None
    sheets["Review"][4].append(None)
    sheets["Actions"][1][2] = "Climate"
    report = validate(write(sheets))
    assert rules(report, "warning") == ["value-missing"], report.to_text()
    [finding] = report.warnings
    assert finding.cell == "B5" and "default themes are used" in finding.message
    assert load(write(sheets)).review.info.themes == ["Digitalisation", "Climate", "Learning", "Events"]


def test_a_title_row_above_the_headings_is_passed_over(write, sheets):
    sheets["Data"].insert(0, ["Data of the review, 2016-2025"])
    report = validate(write(sheets))
    assert report.ok and "column-missing" not in rules(report) and "indicator-no-data" not in rules(report)
    [note] = [f for f in report.findings if f.rule == "rows-skipped"]
    assert note.cell == "A1" and "the headings are in row 2" in note.message
    assert len(load(write(sheets)).review.data) == len(MINIMAL["Data"]) - 1


# --- files that are not what their name says --------------------------------------------


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"", "the file is empty (0 bytes)"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "a PNG picture, not an Excel workbook"),
        (b"%PDF-1.7\n" + b"\x00" * 40, "a PDF document, not an Excel workbook"),
        (b"Indicator ID,Year\nX,2020\n", "a text or CSV file, not an Excel workbook"),
    ],
)
def test_unreadable_files_say_what_they_are(tmp_path, content, expected):
    path = tmp_path / "review.xlsx"
    path.write_bytes(content)
    result = run("validate", path)
    assert result.exit_code == 2 and expected in result.output and len(result.output.strip().splitlines()) == 1


def test_a_link_loop_is_called_one(tmp_path):
    (tmp_path / "loop.xlsx").symlink_to("loop.xlsx")
    result = run("validate", tmp_path / "loop.xlsx")
    assert result.exit_code == 2 and "leads back to itself" in result.output


def test_workbooks_skipped_for_their_name_are_mentioned(tmp_path):
    write_workbook(tmp_path / "review.xlsx", MINIMAL)
    write_workbook(tmp_path / "extra.xlsx ", {"Notes": [["a"]]})
    write_workbook(tmp_path / "noextension", {"Notes": [["a"]]})
    report = validate(tmp_path)
    skipped = {f.file.rsplit("/", 1)[-1]: f for f in report.findings if f.rule == "file-skipped"}
    assert set(skipped) == {"extra.xlsx ", "noextension"}
    assert "ends in a space" in skipped["extra.xlsx "].message and "'extra.xlsx'" in skipped["extra.xlsx "].hint


def test_json_is_printed_even_when_the_input_cannot_be_read(tmp_path):
    (tmp_path / "empty.xlsx").write_bytes(b"")
    for command in ("validate", "coverage", "progress"):
        result = CliRunner().invoke(main, [command, str(tmp_path / "empty.xlsx"), "--format", "json"])
        assert result.exit_code == 2
        data = json.loads(result.stdout)
        assert data["ok"] is False and data["findings"][0]["rule"] == "input-unreadable"
        assert result.stderr.strip().startswith("Error:") and len(result.stderr.strip().splitlines()) == 1


def test_an_unknown_compression_method_is_a_damaged_file(write, sheets):
    """Found by the fuzzer (seed 3, case 140): a flipped bit in a zip header gave
    NotImplementedError, an internal error."""
    path = write(sheets)
    raw = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet2.xml"
    header = raw.rfind(b"PK\x01\x02", 0, raw.rfind(name))  # its entry in the central directory
    raw[header + 10 : header + 12] = (99).to_bytes(2, "little")  # compression method 99
    path.write_bytes(bytes(raw))
    result = run("validate", path)
    assert result.exit_code == 2 and len(result.output.strip().splitlines()) == 1, result.output
    assert "damaged" in result.output and "sheet 'Actions'" in result.output


def test_a_series_label_with_line_breaks_is_drawn_on_one_line(write, sheets, tmp_path):
    """Found by the fuzzer (seed 5, case 120): Pillow cannot measure multi-line text."""
    sheets["Data"].append(["I-3", 2022, 49, "line\nline\nline"])
    build_ok(write(sheets), tmp_path)
