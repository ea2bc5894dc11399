"""pipeline.money: reading cells as integer sen, percentages and rupiah formatting.

Covers every notation of the input contract (`1.234.567`, `1.234.567,89`, `Rp 1.234.567`,
`(1.234.567)` …), the ambiguous texts that must be refused with `money-invalid`, float
cells (formula noise vs. real sub-sen fractions), `percent` rounding half up and
`format_rupiah`. Expected amounts are written out by hand in sen (1 rupiah = 100 sen).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.money import BLANK, MAX_SEN, Money, format_rupiah, parse_money, percent, rupiah

# --- accepted notations --------------------------------------------------------------------

ACCEPTED_TEXT = [
    ("1.234.567", 123_456_700),
    ("1.234.567,89", 123_456_789),
    ("1.234.567,8", 123_456_780),  # one decimal digit means tens of sen
    ("1.234.567,80", 123_456_780),
    ("Rp 1.234.567", 123_456_700),
    ("Rp. 1.234.567", 123_456_700),
    ("Rp1.234.567", 123_456_700),
    ("rp 1.234.567", 123_456_700),
    ("IDR 5.000", 500_000),
    ("(1.234.567)", -123_456_700),
    ("-1.234.567", -123_456_700),
    ("(Rp 1.234)", -123_400),
    ("Rp (1.234)", -123_400),
    ("(1.234.567,50)", -123_456_750),
    ("1234567", 123_456_700),
    ("1234567,89", 123_456_789),
    ("999", 99_900),
    ("1.000", 100_000),
    ("0", 0),
    ("0,00", 0),
    ("0,05", 5),
    ("-", 0),  # exported reports print a dash for zero
    ("  1.234.567  ", 123_456_700),
    ("\u00a01.234.567\u00a0", 123_456_700),  # non-breaking spaces around
    ("Rp\u00a01.234.567", 123_456_700),  # non-breaking space after the currency
    ("1.234\u00a0", 123_400),
]


@pytest.mark.parametrize(("text", "sen"), ACCEPTED_TEXT)
def test_accepted_text_notations(text: str, sen: int) -> None:
    assert parse_money(text) == Money(sen, None)


@pytest.mark.parametrize(("value", "sen"), [
    (0, 0),
    (1, 100),
    (1_234_567, 123_456_700),
    (-5_000, -500_000),
    (10**13, 10**15),  # the largest amount accepted, exact
])
def test_int_cells_are_whole_rupiah(value: int, sen: int) -> None:
    assert parse_money(value) == Money(sen, None)


@pytest.mark.parametrize(("value", "sen"), [
    (3.0, 300),
    (1234.5, 123_450),
    (1234567.89, 123_456_789),
    (-0.5, -50),
    (0.0, 0),
    (0.1 + 0.2, 30),  # 0.30000000000000004: formula noise, not a fraction of a sen
    (1.1 * 3, 330),  # 3.3000000000000003
])
def test_float_cells_ignore_binary_noise(value: float, sen: int) -> None:
    assert parse_money(value) == Money(sen, None)


@pytest.mark.parametrize(("value", "sen"), [
    (0.001, 0),
    (1234.567, 123_457),  # 123456.7 sen rounds half up to 123457
    (0.005, 1),  # half a sen rounds up
])
def test_sub_sen_floats_are_rounded_and_flagged(value: float, sen: int) -> None:
    assert parse_money(value) == Money(sen, "money-rounded")


@pytest.mark.parametrize("value", [None, "", "   ", "\u00a0"])
def test_blank_cells_have_no_amount_and_no_problem(value: object) -> None:
    assert parse_money(value) == BLANK
    assert parse_money(value).sen is None
    assert parse_money(value).problem is None


# --- refused notations ---------------------------------------------------------------------

@pytest.mark.parametrize("value", [
    "15.000.00",  # dot used as decimal separator after grouping
    "1,234.567",  # English notation
    "1.5",  # a dot followed by fewer than three digits
    "1.23",
    "12.34.567",  # a group of two digits
    "1234.567",  # first group longer than three digits
    "1.234,567",  # three decimals
    "1.234.567,891",
    "abc",
    "Rp abc",
    "+5",
    "(-5)",
    "()",
    "5 rupiah",
    True,
    False,
    float("nan"),
    float("inf"),
    float("-inf"),
    [1],
])
def test_ambiguous_or_foreign_values_are_refused(value: object) -> None:
    assert parse_money(value) == Money(None, "money-invalid")


# --- property: Indonesian notation round trip ----------------------------------------------

def _group_thousands(whole: int) -> str:
    """`1234567` → `1.234.567`, written independently of the code under test."""
    digits = str(whole)
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return ".".join(groups)


@st.composite
def indonesian_notation(draw: st.DrawFn) -> tuple[int, str]:
    sen = draw(st.integers(min_value=-MAX_SEN, max_value=MAX_SEN))
    whole, rest = divmod(abs(sen), 100)
    number = _group_thousands(whole) if draw(st.booleans()) else str(whole)
    if rest:
        short = rest % 10 == 0 and draw(st.booleans())
        number += f",{rest // 10}" if short else f",{rest:02d}"
    elif draw(st.booleans()):
        number += ",00"
    currency = draw(st.sampled_from(["", "Rp ", "Rp. ", "Rp", "IDR ", "Rp\u00a0"]))
    if sen < 0:
        text = f"({currency}{number})" if draw(st.booleans()) else f"-{currency}{number}"
    else:
        text = currency + number
    padding = draw(st.sampled_from(["", " ", "\u00a0"]))
    return sen, padding + text + padding


@given(indonesian_notation())
def test_indonesian_notation_parses_back_to_the_same_sen(case: tuple[int, str]) -> None:
    sen, text = case
    assert parse_money(text) == Money(sen, None)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_float_of_whole_sen_parses_exactly(sen: int) -> None:
    # up to 15 significant digits a float's repr is the decimal it was written as
    assert parse_money(sen / 100) == Money(sen, None)


@given(st.integers(min_value=-MAX_SEN, max_value=MAX_SEN))
def test_format_rupiah_parses_back(sen: int) -> None:
    assert parse_money(format_rupiah(sen)) == Money(sen, None)


@pytest.mark.parametrize("value", [MAX_SEN // 100 + 1, float(MAX_SEN), 1e300,
                                   format_rupiah(MAX_SEN + 100), "999.999.999.999.999.999.999"])
def test_amounts_beyond_ten_trillion_rupiah_are_refused(value: object) -> None:
    # no budget line comes near it, and sums of such cells could leave int64
    assert parse_money(value) == Money(None, "money-invalid")


# --- percent, rupiah, format_rupiah ---------------------------------------------------------

@pytest.mark.parametrize(("part", "whole", "expected"), [
    (771, 800, "96.38"),  # 96.375 → half up
    (574_785_484, 595_538_588, "96.52"),  # 96.5152…
    (1, 800, "0.13"),  # 0.125: half up, not half even (0.12)
    (19_277, 20_000, "96.39"),  # 96.385: half even would give 96.38
    (1_005, 100_000, "1.01"),  # 1.005: binary floats would give 1.00
    (800, 800, "100.00"),
    (900, 800, "112.50"),
    (0, 800, "0.00"),
    (5, 0, "0.00"),  # zero whole
    (0, 0, "0.00"),
])
def test_percent_rounds_half_up_to_two_decimals(part: int, whole: int, expected: str) -> None:
    result = percent(part, whole)
    assert isinstance(result, Decimal)
    assert result == Decimal(expected)
    assert str(result) == expected  # always two decimals, also for zero


@pytest.mark.parametrize(("sen", "expected"), [
    (0, "0"),
    (5, "0,05"),
    (50, "0,50"),
    (100, "1"),
    (99_900, "999"),
    (100_000, "1.000"),
    (123_456_700, "1.234.567"),
    (123_456_789, "1.234.567,89"),
    (-123_456_750, "(1.234.567,50)"),
    (-100_000_000, "(1.000.000)"),
    (-5, "(0,05)"),
])
def test_format_rupiah(sen: int, expected: str) -> None:
    assert format_rupiah(sen) == expected


@pytest.mark.parametrize(("sen", "expected"), [
    (0, 0), (100, 1), (-100, -1), (150, 1.5), (-150, -1.5), (123_456_789, 1_234_567.89),
])
def test_rupiah_is_a_spreadsheet_number(sen: int, expected: float) -> None:
    result = rupiah(sen)
    assert result == expected
    assert isinstance(result, int) == (sen % 100 == 0)
