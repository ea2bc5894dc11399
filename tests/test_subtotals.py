"""pipeline.subtotals.compare: declared subtotal rows against the leaves below them.

Covers the quiet case (declared rows equal to their leaves), one wrong leaf under a chain
of three declared rows (exactly one mismatch, on the nearest declared parent), groups
(the same code in two sub kegiatan or two months is compared separately), declared rows
with no amount, several amount columns, and a hypothesis property with a brute-force
oracle for the nearest declared ancestor.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from pipeline.codes import parents
from pipeline.subtotals import Comparison, compare, comparisons

SUB_A = "1.06.01.2.01.0001"
SUB_B = "1.06.01.2.01.0002"
GROUP = ["kode_sub_kegiatan"]
AMOUNTS = {"pagu": "amount_pagu"}


def leaves(rows: Sequence[tuple[str | None, str, int]]) -> pd.DataFrame:
    """(sub kegiatan, kode rekening, pagu) per leaf line."""
    return pd.DataFrame({
        "kode_sub_kegiatan": pd.Series([row[0] for row in rows], dtype="string"),
        "kode_rekening": pd.Series([row[1] for row in rows], dtype="string"),
        "pagu": pd.Series([row[2] for row in rows], dtype="int64"),
    })


def declared(rows: Sequence[tuple[str | None, str, int | None, int]]) -> pd.DataFrame:
    """(sub kegiatan, kode rekening, declared pagu or None, Excel row) per subtotal row."""
    return pd.DataFrame({
        "kode_sub_kegiatan": pd.Series([row[0] for row in rows], dtype="string"),
        "kode_rekening": pd.Series([row[1] for row in rows], dtype="string"),
        "amount_pagu": pd.array([row[2] for row in rows], dtype="Int64"),
        "file": "dpa.xlsx",
        "sheet": "Anggaran",
        "row": pd.Series([row[3] for row in rows], dtype="int64"),
    })


BUDGET = [
    (SUB_A, "5.1.01.01.01.0001", 1_000),
    (SUB_A, "5.1.02.01.01.0024", 100),
    (SUB_A, "5.1.02.01.01.0026", 200),
    (SUB_A, "5.1.02.02.01.0001", 40),
]
CHAIN = [
    (SUB_A, "5", 1_340, 2),
    (SUB_A, "5.1", 1_340, 3),
    (SUB_A, "5.1.02", 340, 4),
    (SUB_A, "5.1.02.01.01", 300, 5),
]


def test_declared_rows_equal_to_their_leaves_give_no_mismatch() -> None:
    assert compare(leaves(BUDGET), declared(CHAIN), GROUP, AMOUNTS) == []


def test_comparisons_lists_every_declared_amount_matched_or_not_in_row_order() -> None:
    wrong = [*BUDGET[:2], (SUB_A, "5.1.02.01.01.0026", 250), BUDGET[3]]  # 200 → 250
    found = comparisons(leaves(wrong), declared([*CHAIN, (SUB_B, "5", None, 6)]), GROUP,
                        AMOUNTS)
    # 5 and 5.1 hold 1.340 = 1.000 + 300 (the declared 5.1.02.01.01) + 40; the blank row is
    # not compared.
    assert [(item.code, item.declared, item.computed, item.matched) for item in found] == [
        ("5", 1_340, 1_340, True), ("5.1", 1_340, 1_340, True), ("5.1.02", 340, 340, True),
        ("5.1.02.01.01", 300, 350, False)]


def test_no_declared_rows() -> None:
    assert compare(leaves(BUDGET), declared([]), GROUP, AMOUNTS) == []


def test_one_wrong_leaf_gives_one_mismatch_on_its_nearest_declared_parent() -> None:
    wrong = [*BUDGET[:2], (SUB_A, "5.1.02.01.01.0026", 250), BUDGET[3]]  # 200 → 250
    found = compare(leaves(wrong), declared(CHAIN), GROUP, AMOUNTS)
    assert found == [Comparison("5.1.02.01.01", "amount_pagu", 300, 350, "dpa.xlsx", "Anggaran",
                              5, (SUB_A,))]


def test_declared_row_in_between_stands_for_its_leaves() -> None:
    # the documented rule: a declared row is compared with its nearest descendants, and a
    # declared row in between counts with its declared amount. 5.1.02 is declared 999
    # (its leaves: 300 + 40); 5.1 is then compared with 1.000 + 999.
    chain = [*CHAIN[:2], (SUB_A, "5.1.02", 999, 4), CHAIN[3]]
    found = compare(leaves(BUDGET), declared(chain), GROUP, AMOUNTS)
    assert [(item.code, item.declared, item.computed, item.row) for item in found] == [
        ("5.1", 1_340, 1_999, 3), ("5.1.02", 999, 340, 4)]


def test_leaf_directly_under_a_distant_declared_row() -> None:
    # only the akun is declared: every leaf counts towards it directly
    found = compare(leaves(BUDGET), declared([(SUB_A, "5", 1_000, 9)]), GROUP, AMOUNTS)
    assert found == [Comparison("5", "amount_pagu", 1_000, 1_340, "dpa.xlsx", "Anggaran", 9,
                              (SUB_A,))]


def test_leaves_of_another_branch_are_not_counted() -> None:
    lines = [(SUB_A, "5.1.02.01.01.0024", 100), (SUB_A, "5.2.02.01.01.0001", 7),
             (SUB_A, "4.1.01.01.01.0001", 9)]
    found = compare(leaves(lines), declared([(SUB_A, "5.1", 100, 3), (SUB_A, "5.2", 0, 4)]),
                    GROUP, AMOUNTS)
    assert [(item.code, item.declared, item.computed) for item in found] == [("5.2", 0, 7)]


def test_same_code_in_two_sub_kegiatan_is_compared_separately() -> None:
    lines = [(SUB_A, "5.1.02.01.01.0024", 100), (SUB_A, "5.1.02.01.01.0026", 200),
             (SUB_B, "5.1.02.01.01.0024", 50)]
    rows = [(SUB_A, "5.1.02", 300, 3), (SUB_B, "5.1.02", 300, 8)]
    found = compare(leaves(lines), declared(rows), GROUP, AMOUNTS)
    assert found == [Comparison("5.1.02", "amount_pagu", 300, 50, "dpa.xlsx", "Anggaran", 8,
                              (SUB_B,))]


def test_declared_row_of_a_group_without_leaves_compares_with_zero() -> None:
    found = compare(leaves(BUDGET), declared([(SUB_B, "5.1", 500, 12)]), GROUP, AMOUNTS)
    assert found == [Comparison("5.1", "amount_pagu", 500, 0, "dpa.xlsx", "Anggaran", 12,
                              (SUB_B,))]


def test_blank_sub_kegiatan_is_its_own_group() -> None:
    lines = [(None, "4.1.01.01.01.0001", 70), (SUB_A, "4.1.01.01.01.0001", 5)]
    assert compare(leaves(lines), declared([(None, "4.1", 70, 4)]), GROUP, AMOUNTS) == []
    found = compare(leaves(lines), declared([(None, "4.1", 75, 4)]), GROUP, AMOUNTS)
    assert [(item.declared, item.computed, item.group) for item in found] == [(75, 70, ("",))]


def test_several_leaf_rows_on_one_code_are_added() -> None:
    lines = [(SUB_A, "5.1.02.01.01.0024", 100), (SUB_A, "5.1.02.01.01.0024", 150)]
    assert compare(leaves(lines), declared([(SUB_A, "5.1.02", 250, 3)]), GROUP, AMOUNTS) == []


def test_declared_amount_na_is_skipped() -> None:
    rows = [(SUB_A, "5.1.02", None, 4)]
    assert compare(leaves(BUDGET), declared(rows), GROUP, AMOUNTS) == []


def test_declared_amount_na_in_the_middle_of_a_chain() -> None:
    # 5.1.02 prints no amount; 5.1 = 1.340 is still the sum of every leaf below it
    chain = [CHAIN[1], (SUB_A, "5.1.02", None, 4)]
    assert compare(leaves(BUDGET), declared(chain), GROUP, AMOUNTS) == []


def test_each_amount_column_is_compared() -> None:
    lines = leaves(BUDGET).assign(pagu_murni=[1_000, 100, 200, 40])
    lines.loc[lines["kode_rekening"] == "5.1.02.01.01.0024", "pagu"] = 90  # pagu changed
    rows = declared([(SUB_A, "5.1.02", 340, 4)]).assign(
        amount_pagu_murni=pd.array([340], dtype="Int64"))
    found = compare(lines, rows, GROUP, {"pagu_murni": "amount_pagu_murni",
                                         "pagu": "amount_pagu"})
    assert [(item.amount, item.declared, item.computed) for item in found] == [
        ("amount_pagu", 340, 330)]


def test_realisasi_groups_by_month() -> None:
    lines = pd.DataFrame({
        "kode_sub_kegiatan": [SUB_A, SUB_A, SUB_A],
        "tahun": pd.array([2023, 2023, 2023], dtype="Int64"),
        "bulan": pd.array([1, 1, 2], dtype="Int64"),
        "kode_rekening": ["5.1.02.01.01.0024", "5.1.02.01.01.0026", "5.1.02.01.01.0024"],
        "realisasi": [100, 20, 7],
    })
    rows = pd.DataFrame({
        "kode_sub_kegiatan": [SUB_A, SUB_A],
        "tahun": pd.array([2023, 2023], dtype="Int64"),
        "bulan": pd.array([1, 2], dtype="Int64"),
        "kode_rekening": ["5.1.02", "5.1.02"],
        "amount_realisasi": pd.array([120, 127], dtype="Int64"),
        "file": "real.xlsx", "sheet": "Realisasi", "row": [5, 9],
    })
    found = compare(lines, rows, ["kode_sub_kegiatan", "tahun", "bulan"],
                    {"realisasi": "amount_realisasi"})
    assert [(item.code, item.declared, item.computed, item.row, item.group) for item in found] \
        == [("5.1.02", 127, 7, 9, (SUB_A, 2023, 2))]


# --- property: exact subtotals are quiet; one changed leaf shows once -----------------------

leaf_codes = st.tuples(
    st.sampled_from(["5"]), st.sampled_from(["1", "2"]), st.sampled_from(["01", "02"]),
    st.sampled_from(["01", "02"]), st.sampled_from(["01"]), st.sampled_from(["0001", "0002"]),
).map(".".join)


@st.composite
def budgets(draw: st.DrawFn) -> tuple[dict[str, int], list[str], str, int]:
    codes = draw(st.lists(leaf_codes, min_size=1, max_size=8, unique=True))
    amount = {code: draw(st.integers(min_value=0, max_value=10**9)) for code in codes}
    inner = sorted({ancestor for code in codes for ancestor in parents(code)})
    chosen = draw(st.lists(st.sampled_from(inner), unique=True, max_size=len(inner)))
    changed = draw(st.sampled_from(codes))
    delta = draw(st.integers(min_value=-1000, max_value=1000).filter(bool))
    return amount, chosen, changed, delta


@given(budgets())
def test_exact_subtotals_are_quiet_and_one_change_shows_once(
        case: tuple[dict[str, int], list[str], str, int]) -> None:
    amount, chosen, changed, delta = case

    def oracle_sum(code: str) -> int:
        return sum(value for leaf, value in amount.items() if leaf.startswith(code + "."))

    rows = declared([(SUB_A, code, oracle_sum(code), 10 + index)
                     for index, code in enumerate(chosen)])
    exact = leaves([(SUB_A, code, value) for code, value in amount.items()])
    assert compare(exact, rows, GROUP, AMOUNTS) == []

    off = leaves([(SUB_A, code, value + (delta if code == changed else 0))
                  for code, value in amount.items()])
    found = compare(off, rows, GROUP, AMOUNTS)
    nearest = [code for code in parents(changed) if code in chosen][-1:]
    assert [(item.code, item.computed - item.declared) for item in found] == [
        (code, delta) for code in nearest]
