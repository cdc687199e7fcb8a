import datetime as dt

import pytest

from vlr.exceptions import ValueProblem
from vlr.values import clean_text, normalise_code, parse_number, parse_year, split_ids, split_list


@pytest.mark.parametrize(
    "raw, expected",
    [
        (12, 12.0),
        (3.5, 3.5),
        ("1234.5", 1234.5),
        ("1 234,5", 1234.5),
        ("1\u00a0234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.234,5", 1234.5),
        ("12 %", 12.0),
        ("\u22123,2", -3.2),
        ("0,125", 0.125),
        ("1 000 000", 1e6),
        ("+7", 7.0),
        (".5", 0.5),
    ],
)
def test_numbers_as_officers_type_them(raw, expected):
    assert parse_number(raw) == pytest.approx(expected)


@pytest.mark.parametrize("raw", ["abc", "12,5 km", "-", "1,234", True, dt.date(2020, 1, 1), "1..2,3,4.5"])
def test_not_numbers(raw):
    with pytest.raises(ValueProblem) as err:
        parse_number(raw)
    assert err.value.message and err.value.hint


def test_ambiguous_comma_says_why():
    with pytest.raises(ValueProblem) as err:
        parse_number("1,234")
    assert "ambiguous" in str(err.value.message) and "1234" in str(err.value.hint)


@pytest.mark.parametrize(
    "raw, year",
    [
        (2021, 2021),
        (2021.0, 2021),
        ("2021", 2021),
        (" 2021 ", 2021),
        ("2021.0", 2021),
        (dt.date(2019, 12, 31), 2019),
        (dt.datetime(2018, 1, 1, 0, 0), 2018),
        ("2017-06-30", 2017),
        ("30.6.2016", 2016),
    ],
)
def test_years(raw, year):
    assert parse_year(raw) == year


@pytest.mark.parametrize("raw", ["last year", 2021.5, "21", True])
def test_not_years(raw):
    with pytest.raises(ValueProblem):
        parse_year(raw)


def test_lists_take_commas_semicolons_line_breaks_and_sdg_words():
    assert split_list("SDG 11.2, Target 13.a;11.6\n  4.3 ") == ["11.2", "13.a", "11.6", "4.3"]
    assert [normalise_code(c) for c in split_list("11.A, 11 .2")] == ["11.a", "11.2"]
    assert split_ids("CLI-01; CLI-02\nCLI-03,") == ["CLI-01", "CLI-02", "CLI-03"]


def test_clean_text_removes_what_word_cannot_hold():
    assert clean_text("a_x000B_b\x07c") == "abc"
    assert clean_text("  Kallio\u00a0district \r\nline two ") == "Kallio district\nline two"
    assert clean_text("Åland – ÄÖ 🌍 <&>") == "Åland – ÄÖ 🌍 <&>"
    assert clean_text(2021.0) == "2021"
