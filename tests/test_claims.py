"""The officers' figures checked against the data (:mod:`vlr.texts.claims`), measured on a
corpus of sentences: claims the data confirm, claims they contradict, and sentences with no
figure about the review's indicators."""

from __future__ import annotations

import copy
import datetime as dt

import docx
import pytest
from click.testing import CliRunner

from claims_corpus import BLIND_1, BLIND_2, BLIND_3, CORPUS, SHEETS, SHEETS_2, SHEETS_3
from conftest import review_folder
from vlr.cli import main
from vlr.exceptions import ContradictedClaims, UnfinishedDraft
from vlr.main import BuildOptions, build, load
from vlr.texts.claims import claims


def review_saying(tmp_path, sheets: dict, corpus: list) -> object:
    sheets = copy.deepcopy(sheets)
    sheets["Narratives"] = [["Section", "Text"], *[[f"case-{n}", text] for n, (text, _) in enumerate(corpus)]]
    return load(review_folder(tmp_path, sheets)).review


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    return review_saying(tmp_path_factory.mktemp("claims"), SHEETS, CORPUS)


def outcomes(review, corpus) -> list[tuple[str, str, str]]:
    """(sentence, expected, what the check made of it) for each sentence of ``corpus``."""
    found: dict[str, list] = {}
    for claim in claims(review):
        found.setdefault(claim.record.text, []).append(claim)
    made = []
    for text, expected in corpus:
        mine = found.get(text, [])
        said = "unrelated" if not mine else "false" if any(not c.agrees for c in mine) else "true"
        made.append((text, expected, said))
    return made


@pytest.mark.parametrize(
    "name, sheets, corpus",
    [
        ("own", SHEETS, CORPUS),
        ("blind-1", SHEETS, BLIND_1),
        ("blind-2", SHEETS_2, BLIND_2),
        ("blind-3", SHEETS_3, BLIND_3),
    ],
)
def test_the_check_is_right_on_the_corpora(tmp_path, name, sheets, corpus):
    made = outcomes(review_saying(tmp_path, sheets, corpus), corpus)
    wrong = [(text, expected, said) for text, expected, said in made if expected != said]
    right = 1 - len(wrong) / len(made)
    # figures that agree are never flagged, figures about nothing vlr has are never guessed at
    assert not [w for w in wrong if w[2] == "false"], wrong
    assert right >= 0.9, f"{name}: {right:.0%} right; wrong: {wrong}"


def test_a_contradicted_claim_says_what_the_data_give_and_the_wording_that_would_be_right(review):
    claim = next(
        c for c in claims(review) if c.record.text.startswith("Emissions per inhabitant have fallen by a third")
    )
    assert not claim.agrees and claim.indicator == "I-2" and (claim.base_year, claim.year) == (1990, 2024)
    assert claim.data == "4\u00a0t CO2e in 2024 against 8\u00a0t CO2e in 1990: \u221250\u00a0%"
    assert claim.fixed == "Emissions per inhabitant have fallen by half since 1990"
    wrong_way = next(c for c in claims(review) if c.record.text.startswith("Library visits per inhabitant rose"))
    assert wrong_way.fixed.startswith("Library visits per inhabitant fell by 25\u00a0%")


def claimed_review(tmp_path):
    sheets = copy.deepcopy(SHEETS)
    sheets["Narratives"] = [
        ["Section", "Text"],
        [
            "highlights",
            "Emissions per inhabitant have fallen by a third since 1990. Renewable heat reached 60 % in 2024.",
        ],
    ]
    return review_folder(tmp_path, sheets)


def test_validate_warns_at_the_narrative_s_cell_and_stays_silent_on_what_agrees(tmp_path):
    result = CliRunner().invoke(main, ["validate", str(claimed_review(tmp_path))])
    assert result.exit_code == 0, result.output
    lines = [x for x in result.output.splitlines() if "[narrative-claim]" in x]
    assert len(lines) == 1 and lines[0].strip().startswith("warning B2:")
    assert "\u201cEmissions per inhabitant have fallen by a third since 1990\u201d" in lines[0]
    line = lines[0].replace("\u00a0", " ")  # the terminal's spaces
    assert "\u221250 %" in line and "would be right as \u201cEmissions per inhabitant have fallen by half" in line


def test_the_internal_annex_lists_them_and_final_refuses_unless_accepted(tmp_path):
    folder = claimed_review(tmp_path)
    draft = tmp_path / "draft.docx"
    build(folder, BuildOptions(output=draft, date=dt.date(2026, 11, 28)))
    document = docx.Document(str(draft))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Where")
    assert [c.text for c in table.rows[1].cells][1] == "Emissions per inhabitant have fallen by a third since 1990"
    said = " ".join(p.text for p in document.paragraphs)
    assert "2 figures in the texts refer to the review's indicators and were checked" in said
    with pytest.raises(ContradictedClaims, match="1 figure in the texts disagrees with the data"):
        build(folder, BuildOptions(output=tmp_path / "final.docx", date=dt.date(2026, 11, 28), final=True))
    assert not (tmp_path / "final.docx").exists()
    with pytest.raises(UnfinishedDraft):  # accepted: the next check of --final speaks
        build(folder, BuildOptions(output=tmp_path / "final.docx", final=True, accept_claims=True))
