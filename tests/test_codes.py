"""pipeline.codes: kode rekening and program codes as values.

Covers level / parent / parents / is_ancestor / sort_key (segment boundaries: `5.1` is not
an ancestor of `5.10`), the validators `is_account`, `is_program_code` and
`is_sub_kegiatan_code`, and reading code cells (`read_account_cell`, `read_program_cell`):
text is normalised, a number is accepted only when it cannot be misread. Hypothesis checks
the tree helpers on generated six-level codes.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.codes import (
    ACCOUNT_WIDTHS,
    CodeCell,
    is_account,
    is_ancestor,
    is_program_code,
    is_structure_cell,
    is_sub_kegiatan_code,
    level,
    parent,
    parents,
    read_account_cell,
    read_program_cell,
    sort_key,
)

LEAF = "5.1.02.01.01.0024"


# --- tree helpers --------------------------------------------------------------------------

@pytest.mark.parametrize(("code", "expected"), [
    ("5", 1), ("5.1", 2), ("5.1.02", 3), ("5.1.02.01", 4), ("5.1.02.01.01", 5), (LEAF, 6),
    ("1.06.02", 3), ("1.06.02.2.01.0001", 6),
])
def test_level_counts_segments(code: str, expected: int) -> None:
    assert level(code) == expected


@pytest.mark.parametrize(("code", "expected"), [
    ("5", None),
    ("5.1", "5"),
    ("5.1.02", "5.1"),
    (LEAF, "5.1.02.01.01"),
    ("1.06.02.2.01.0001", "1.06.02.2.01"),
])
def test_parent(code: str, expected: str | None) -> None:
    assert parent(code) == expected


def test_parents_root_first() -> None:
    assert parents("5") == []
    assert parents("5.1.02") == ["5", "5.1"]
    assert parents(LEAF) == ["5", "5.1", "5.1.02", "5.1.02.01", "5.1.02.01.01"]


@pytest.mark.parametrize(("ancestor", "code", "expected"), [
    ("5", "5.1", True),
    ("5.1", LEAF, True),
    ("5.1.02.01.01", LEAF, True),
    ("5.1", "5.1", False),  # proper ancestors only
    ("5.1", "5.10", False),  # segment boundary, not a string prefix
    ("5.1", "5.10.01", False),
    ("5.1.0", "5.1.02", False),
    ("5.1.02.01.01.002", LEAF, False),
    ("5.1.02", "5.1", False),  # a child is not an ancestor
    ("4", LEAF, False),
])
def test_is_ancestor_respects_segment_boundaries(ancestor: str, code: str,
                                                 expected: bool) -> None:
    assert is_ancestor(ancestor, code) is expected


def test_sort_key_is_numeric_per_segment_and_parents_first() -> None:
    shuffled = ["5.1.10", "5.2", "5.1.2", "5", "4.1.01", "5.1", "5.1.02.01", "5.1.02", "6"]
    assert sorted(shuffled, key=sort_key) == [
        "4.1.01", "5", "5.1", "5.1.02", "5.1.02.01", "5.1.2", "5.1.10", "5.2", "6"]


def test_sort_key_places_penunjang_letters_before_numbers() -> None:
    # X.XX.01 is not a number: it sorts before every numeric program of its level
    assert sorted(["1.06.02", "X.XX.01", "1.06.01"], key=sort_key) == [
        "X.XX.01", "1.06.01", "1.06.02"]


# --- validators ----------------------------------------------------------------------------

@pytest.mark.parametrize("code", [
    "5", "5.1", "5.1.02", "5.1.02.01", "5.1.02.01.01", LEAF, "4.1.01.01.01.0001",
    "6.1.01.01.01.0001",
])
def test_is_account_accepts_the_six_levels(code: str) -> None:
    assert is_account(code)


@pytest.mark.parametrize("code", [
    "", "5.", ".5", "5..1", "05.1", "5.11", "5.1.2", "5.1.2.1", "5.1.02.1", "5.1.002",
    "5.1.02.01.01.024", "5.1.02.01.01.00024", "5.1.02.01.01.0024.1", "5.1.02.01.1.0024",
    "a.1", "5,1", "5.1.02 ",
])
def test_is_account_rejects_malformed_codes(code: str) -> None:
    assert not is_account(code)


@pytest.mark.parametrize("code", [
    "1.06.02", "1.06.02.2.01", "1.06.02.2.01.0001", "X.XX.01", "X.XX.01.2.01.0001",
])
def test_is_program_code_accepts_program_kegiatan_sub_kegiatan(code: str) -> None:
    assert is_program_code(code)


@pytest.mark.parametrize("code", [
    "1", "1.06", "1.06.02.2", "1.06.02.2.01.0001.1", "1.6.02", "1.06.2", "1.06.02.02.01",
    "1.06.02.2.1", "1.06.02.2.01.001", "x.xx.01", "Y.YY.01", "",
])
def test_is_program_code_rejects_other_shapes(code: str) -> None:
    assert not is_program_code(code)


@pytest.mark.parametrize(("code", "expected"), [
    ("1.06.02.2.01.0001", True), ("X.XX.01.2.01.0001", True),
    ("1.06.02", False), ("1.06.02.2.01", False), ("1.06.02.2.01.001", False),
    ("1.06.02.2.01.0001.1", False), ("5.1.02.01.01.0024", False), ("", False),
])
def test_is_sub_kegiatan_code_takes_six_segments_only(code: str, expected: bool) -> None:
    assert is_sub_kegiatan_code(code) is expected


# --- reading cells -------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    (LEAF, LEAF),
    (f" {LEAF} ", LEAF),
    (f"{LEAF}.", LEAF),  # trailing dot of exported reports
    ("5.1.02.", "5.1.02"),
    ("5. 1. 02", "5.1.02"),
    ("5.1\u00a0.02", "5.1.02"),
    ("5", "5"),
])
def test_read_account_cell_normalises_text(value: str, expected: str) -> None:
    assert read_account_cell(value) == CodeCell(expected, None)


@pytest.mark.parametrize("value", ["5.1.2.1", "5.1.02.1", "05.1", "5..1", "abc", "5,1"])
def test_read_account_cell_rejects_malformed_text(value: str) -> None:
    assert read_account_cell(value) == CodeCell(None, "code-malformed")


@pytest.mark.parametrize("value", [None, "", "  ", "."])
def test_read_account_cell_blank(value: object) -> None:
    assert read_account_cell(value) == CodeCell(None, None)


@pytest.mark.parametrize(("value", "expected"), [
    (5, "5"), (5.0, "5"), (5.1, "5.1"), (4.2, "4.2"),
])
def test_read_account_cell_accepts_unambiguous_numbers(value: float, expected: str) -> None:
    # an akun (one digit) or akun.kelompok (one digit each) cannot lose a zero
    assert read_account_cell(value) == CodeCell(expected, None)


@pytest.mark.parametrize("value", [
    5.11,  # `5.1.1`? `5.11`? kelompok has one digit: cannot be a kode as typed
    5.102,  # `5.1.02` with its dots lost
    51.0,  # `5.1`? `51`? not a code either way
    51,
    5102,
    -5.1,
])
def test_read_account_cell_refuses_ambiguous_numbers(value: float) -> None:
    assert read_account_cell(value) == CodeCell(None, "code-as-number")


def test_read_account_cell_bool_is_not_a_number() -> None:
    assert read_account_cell(True) == CodeCell(None, "code-malformed")


@pytest.mark.parametrize(("value", "expected"), [
    ("1.06.02", "1.06.02"),
    (" 1.06.02.2.01.0001 ", "1.06.02.2.01.0001"),
    ("1.06.02.2.01.", "1.06.02.2.01"),
    ("x.xx.01", "X.XX.01"),
])
def test_read_program_cell_text(value: str, expected: str) -> None:
    assert read_program_cell(value) == CodeCell(expected, None)


@pytest.mark.parametrize("value", [1, 1.0, 1.06, 1.0602, 106.02])
def test_read_program_cell_refuses_every_number(value: float) -> None:
    assert read_program_cell(value) == CodeCell(None, "code-as-number")


@pytest.mark.parametrize("value", ["1.06", "1.06.02.2", "5.1.02.01.01.0024"])
def test_read_program_cell_rejects_malformed_text(value: str) -> None:
    assert read_program_cell(value) == CodeCell(None, "code-malformed")


# --- properties on generated codes ---------------------------------------------------------

def _segment(width: int) -> st.SearchStrategy[str]:
    return st.integers(min_value=0, max_value=10**width - 1).map(lambda n: f"{n:0{width}d}")


account_codes = st.tuples(*[_segment(width) for width in ACCOUNT_WIDTHS]).map(".".join)


@given(account_codes)
def test_generated_leaf_codes_are_valid_accounts(code: str) -> None:
    assert is_account(code)
    assert level(code) == 6


@given(account_codes)
def test_parents_are_segment_prefixes(code: str) -> None:
    found = parents(code)
    pieces = code.split(".")
    assert found == [".".join(pieces[:size]) for size in range(1, 6)]
    for depth, ancestor in enumerate(found, start=1):
        assert is_ancestor(ancestor, code)
        assert level(ancestor) == depth
        assert is_account(ancestor)
        assert code.startswith(ancestor + ".")
    assert parent(code) == found[-1]
    assert level(parent(code)) == level(code) - 1  # type: ignore[arg-type]
    assert not is_ancestor(code, code)


@given(account_codes, account_codes)
def test_is_ancestor_matches_segment_prefix_oracle(left: str, right: str) -> None:
    for size in range(1, 7):
        prefix = ".".join(left.split(".")[:size])
        oracle = right.split(".")[:size] == prefix.split(".") and size < 6
        assert is_ancestor(prefix, right) is oracle


@given(st.lists(account_codes, min_size=1, max_size=20))
def test_sort_key_orders_parents_first_and_numerically(leaves: list[str]) -> None:
    everything = sorted({ancestor for code in leaves for ancestor in parents(code)} | set(leaves))
    ordered = sorted(everything, key=sort_key)
    position = {code: index for index, code in enumerate(ordered)}
    for code in everything:
        for ancestor in parents(code):
            assert position[ancestor] < position[code]
    # oracle: integers per segment, shorter prefix first (tuple comparison does exactly that)
    assert ordered == sorted(everything, key=lambda code: [int(part) for part in code.split(".")])


@pytest.mark.parametrize(("value", "structure"), [
    ("1", True), ("1.06", True), ("X.XX", True), (" 1 . 06 ", True), (1, True), (1.06, True),
    ("1.06.01", False), ("1.6", False), (1.1, False), (10, False), ("", False), (None, False),
    (True, False),
])
def test_urusan_and_bidang_rows_are_structure(value: object, structure: bool) -> None:
    assert is_structure_cell(value) is structure
