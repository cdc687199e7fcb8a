"""Every kind of Office file vlr writes is one Word and Excel open without complaint
(tests/conformance.py: the ECMA-376 schemas with Word's order, unique ids, resolvable
relationships, Excel's limits): drafts built, refreshed and carried into next year, on a
city's template; the data, coverage, init, diff, suggest and import workbooks."""

from __future__ import annotations

import io
import shutil

import docx
import pytest
from click.testing import CliRunner
from PIL import Image

import conformance
from conftest import MINIMAL, review_folder
from test_living_draft import DATE, changed, edit, review_sheets
from vlr.cli import main
from vlr.main import BuildOptions, build

pytestmark = pytest.mark.skipif(
    not conformance.available(), reason="../shared/data/ooxml-xsd/ is not beside the project"
)


def run(*args: str):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return result


def conforms(path) -> None:
    found = conformance.problems(path)
    assert not found, f"{path.name}: {len(found)} problems\n{conformance.summary(found)}"


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    """A review, its draft and data workbook, the draft edited and refreshed after a data
    change, and next year's draft from it."""
    tmp = tmp_path_factory.mktemp("conformance")
    folder = review_folder(tmp, review_sheets())
    draft = tmp / "draft.docx"
    build(folder, BuildOptions(output=draft, date=DATE))
    built = tmp / "built.docx"
    shutil.copy(draft, built)
    edit(draft)
    again = review_folder(tmp, changed(review_sheets()), "changed")
    result = run("build", again, "--update", draft, "--date", "2026-11-28")
    assert result.exit_code == 0, result.output
    nextyear = tmp / "next.docx"
    run("build", again, "--from", draft, "-o", nextyear, "--date", "2027-11-28")
    return {"built": built, "refreshed": draft, "carried": nextyear, "data": tmp / "built-data.xlsx", "tmp": tmp}


@pytest.mark.parametrize("kind", ["built", "refreshed", "carried"])
def test_drafts_conform(drafts, kind):
    conforms(drafts[kind])


def test_the_data_workbook_conforms(drafts):
    data = sorted(drafts["tmp"].glob("*-data.xlsx"))
    assert data
    for path in data:
        conforms(path)


def test_a_draft_on_a_citys_template_with_a_picture_in_its_header_conforms(tmp_path):
    template = docx.Document()
    picture = io.BytesIO()
    Image.new("RGB", (60, 20), (0, 80, 160)).save(picture, "PNG")
    template.sections[0].header.paragraphs[0].add_run().add_picture(picture)
    template.save(str(tmp_path / "city.docx"))
    folder = review_folder(tmp_path, review_sheets())
    out = tmp_path / "draft.docx"
    build(folder, BuildOptions(output=out, date=DATE, reference_docx=tmp_path / "city.docx"))
    conforms(out)


def test_the_reviewers_and_the_cycles_workbooks_conform(tmp_path):
    folder = review_folder(tmp_path, MINIMAL, "a")
    other = review_folder(tmp_path, changed(review_sheets()), "b")
    run("coverage", folder, "--xlsx", tmp_path / "coverage.xlsx")
    run("diff", folder, other, "--xlsx", tmp_path / "diff.xlsx")
    run("suggest", folder, "--xlsx", tmp_path / "suggest.xlsx")
    run("init", tmp_path / "new", "--city", "Testville", "--country", "Finland", "--year", "2026")
    for path in [tmp_path / "coverage.xlsx", tmp_path / "diff.xlsx", tmp_path / "suggest.xlsx"]:
        conforms(path)
    made = sorted((tmp_path / "new").glob("*.xlsx"))
    assert made
    for path in made:
        conforms(path)


def test_the_imports_workbooks_conform(tmp_path):
    import sdmx_files as sf
    from test_import_sdmx import COUNTRY

    run("import", "open-sdg", "examples/open-sdg", "-o", tmp_path / "osdg", "--city", "Exampleton")
    sf.write(tmp_path / "dsd.xml", sf.dsd_xml())
    sf.write(tmp_path / "data.xml", sf.structure_specific(COUNTRY))
    run("import", "sdmx", tmp_path / "data.xml", "--structure", tmp_path / "dsd.xml", "-o", tmp_path / "sdmx")
    for path in [*sorted((tmp_path / "osdg").glob("*.xlsx")), *sorted((tmp_path / "sdmx").glob("*.xlsx"))]:
        conforms(path)
