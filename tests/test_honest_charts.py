"""Charts and sentences that say only what is true of the data: a projection only where the
status made one, value axes from zero for quantities that cannot be negative and never past
100 for shares, legends whose labels stay apart; and the generated sentences of real drafts
read by their rules."""

from __future__ import annotations

import re

import docx
import pytest

from vlr.charts.figures import distinct_labels, projection
from vlr.charts.line import value_ticks
from vlr.main import BuildOptions, analyse, build, import_open_sdg, import_sdmx


def test_the_value_axis_starts_at_zero_ends_at_100_for_shares_and_says_when_it_does_not():
    ticks, cut = value_ticks([52.0, 83.0], from_zero=True, share=True)
    assert ticks[0] == 0 and ticks[-1] == 100 and not cut
    ticks, cut = value_ticks([0.0, 9.0], from_zero=True, share=False)
    assert ticks[0] == 0  # never below zero for a count
    ticks, cut = value_ticks([1000.0, 1040.0], from_zero=True, share=False)
    assert cut and ticks[0] > 0  # a flat line from zero: the axis starts near the data, and says so
    ticks, _ = value_ticks([-3.0, 2.0], from_zero=False, share=False)
    assert ticks[0] < -3


def test_legend_labels_are_shortened_in_the_part_they_share():
    names = [
        "Population aged 15-74 living in the capital region: Women",
        "Population aged 15-74 living in the capital region: Men",
    ]
    short = distinct_labels(names, 40)
    assert len(set(short)) == 2 and all(len(n) <= 40 for n in short)
    assert short[0].endswith("Women") and short[1].endswith("Men")


@pytest.fixture(scope="module")
def example():
    return analyse("indicators")


def test_a_projection_only_where_the_status_made_one_at_its_pace(example):
    review = example.review
    by_id = {p.indicator: p for p in example.progress if p.headline}
    for ind_id, p in by_id.items():
        points = sorted(review.data_by_indicator[ind_id], key=lambda x: x.x)
        points = [x for x in points if x.series is None and x.area is None] or points
        line = projection(p, points, float(p.target_year or 2030))
        if p.projected_value is None:
            assert line == [], ind_id  # a target reached or missed, or no projection: none drawn
        else:
            assert line[-1][1] == pytest.approx(p.projected_value)  # where the status says it would be
            assert line[0][0] == points[-1].x  # from the latest value


def test_a_shares_projection_stops_where_it_reaches_100(example):
    grows = [p for p in example.progress if p.headline and p.cagr and p.cagr > 0 and p.projected_value]
    p = grows[0]
    points = sorted(example.review.data_by_indicator[p.indicator], key=lambda x: x.x)
    points = [x for x in points if x.series is None and x.area is None] or points
    ceiling = points[-1].value * 1.01  # just above the latest value: reached within the projection
    line = projection(p, points, float(p.target_year or 2030), ceiling)
    assert line[-1][1] == pytest.approx(ceiling) and all(v <= ceiling + 1e-9 for _, v in line)
    assert line[-1][0] < float(p.target_year or 2030)  # stopped on the way, not drawn on to the target year
    assert [x for x, _ in line] == sorted(x for x, _ in line)


def drafted(tmp_path_factory, path) -> list[str]:
    out = tmp_path_factory.mktemp("draft") / "draft.docx"
    build(path, BuildOptions(output=out))
    return [p.text for p in docx.Document(str(out)).paragraphs] + [
        c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells
    ]


#: The rules generated sentences keep, each a pattern none may match.
RULES = {
    "no (s) plural": r"\w\(s\)",
    "no singular with a plural noun": r"\b1 (?:figures|changes|indicators|actions|targets|goals|warnings|errors|"
    r"workbooks|themes|data points)\b",
    "no empty count": r"\b0 of 0\b",
    "one year per phrase": r"\bin (?:19|20)\d\d in (?:19|20)\d\d\b",
    "no 'for overall'": r"\bfor overall\b",
    "a worded unit once": r"\b\d[\d,.]* thousand visitors in \d{4} to [\d,.]+ thousand visitors",
}


@pytest.mark.parametrize("path", ["indicators", "examples/real-shapes.xlsx", "open-sdg", "sdmx"])
def test_the_generated_sentences_keep_their_rules(tmp_path_factory, path):
    if path in ("open-sdg", "sdmx"):  # the shipped imports, imported as a city would
        folder = tmp_path_factory.mktemp("imported") / "review"
        if path == "open-sdg":
            import_open_sdg("examples/open-sdg", folder, city="Example City", country="Finland", year=2026)
        else:
            import_sdmx(
                ["examples/sdmx/data"], folder, structure=["examples/sdmx/dsd.xml"], country="Finland", year=2026
            )
        path = folder
    texts = drafted(tmp_path_factory, path)
    for rule, pattern in RULES.items():
        broken = [t for t in texts if re.search(pattern, t)]
        assert not broken, f"{rule}: {broken[:3]}"
    caveats = [t for t in texts if "illustrative, not official statistics" in t]
    chapters = [t for t in texts if re.match(r"Goal \d+: ", t)]
    assert len(caveats) <= len(chapters)  # the caveat once per chapter at most, never per caption
    assert not [t for t in texts if t.startswith("Figure") and t.endswith("are illustrative.")]


def test_a_chart_row_never_touches_the_table_above_it(tmp_path):
    out = tmp_path / "draft.docx"
    build("indicators", BuildOptions(output=out))
    body = docx.Document(str(out)).element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    rows = [p for p in body.iterchildren(f"{w}p") if p.find(f".//{w}drawing") is not None]
    after_tables = [p for p in rows if p.getprevious() is not None and p.getprevious().tag == f"{w}tbl"]
    assert after_tables  # the example has chart rows right after tables
    for p in after_tables:
        spacing = p.find(f"{w}pPr/{w}spacing")
        assert spacing is not None and int(spacing.get(f"{w}before")) >= 200


def test_columns_are_as_wide_as_their_longest_word_where_the_table_has_room():
    from vlr.draft.writer import fit_words

    headers = ["Goal", "Indicators", "Progress, acceleration needed", "Stagnation or regression"]
    widths = fit_words(headers, [["4 Quality education", 3, 1, 2]], [6.0, 1.9, 1.9, 1.9], 8)
    assert sum(widths) == pytest.approx(11.7)  # the same room in all
    assert widths[2] > 1.9 and widths[3] > 1.9 and widths[0] < 6.0  # "acceleration", "regression" fit
    assert fit_words(["Supercalifragilistic"], [], [1.0], 9) == [1.0]  # no room to take: as given
    shared = fit_words(["Supercalifragilistic", "Short"], [], [1.0, 4.0], 9)
    assert shared[0] > 1.0 and sum(shared) == pytest.approx(5.0)  # too little room: what there is


def test_a_break_in_a_series_is_drawn_as_a_break():
    from vlr.charts.figures import is_break
    from vlr.charts.line import _runs
    from vlr.model.review import DataPoint, Origin

    origin = Origin(file="data.xlsx", sheet="Data")
    point = DataPoint(origin=origin, row=2, indicator="I-1", year=2019, value=4.0, note="Break in series: new method")
    assert is_break(point) and not is_break(point.model_copy(update={"note": "Published"}))
    points = [(2016.0, 1.0), (2017.0, 2.0), (2018.0, 3.0), (2019.0, 9.0), (2020.0, 10.0)]
    assert [len(r) for r in _runs(points, points)] == [5]
    assert [len(r) for r in _runs(points, points, frozenset({2019.0}))] == [3, 2]  # not joined across it
