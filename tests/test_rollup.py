"""pipeline.rollup: own and total amounts of every node of a code tree.

Covers `rollup` on kode rekening (depths 1–6) and program codes (depths 3, 5, 6), the
segment boundary (`5.1.02` never rolls into `5.1.0`, `5.10` never into `5.1`), node order,
`children` and `roots`. Hypothesis compares every node with a brute-force oracle written
in the test: a node's total is the sum of the lines whose code has it as segment prefix.
"""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.rollup import ACCOUNT_DEPTHS, PROGRAM_DEPTHS, children, rollup, roots


def lines(rows: list[tuple[str, int]], code: str = "kode_rekening") -> pd.DataFrame:
    return pd.DataFrame({code: pd.Series([row[0] for row in rows], dtype="string"),
                         "amount": pd.Series([row[1] for row in rows], dtype="int64")})


def table(nodes: pd.DataFrame) -> dict[str, tuple[int, int, int]]:
    """code → (depth, own, total), as plain ints."""
    return {code: (int(row.depth), int(row.own_amount), int(row.total_amount))
            for code, row in nodes.iterrows()}


# --- worked examples -----------------------------------------------------------------------

def test_own_and_total_per_node() -> None:
    nodes = rollup(lines([
        ("5.1.02.01.01.0024", 10),
        ("5.1.02.01.01.0024", 5),  # several lines on one code add up
        ("5.1.02.01.01.0026", 20),
        ("5.1", 1000),  # booked on an inner node: own amount of 5.1
        ("5.2.03.01.01.0001", 100),
    ]), "kode_rekening", ["amount"], ACCOUNT_DEPTHS)
    assert table(nodes) == {
        "5": (1, 0, 1135),
        "5.1": (2, 1000, 1035),
        "5.1.02": (3, 0, 35),
        "5.1.02.01": (4, 0, 35),
        "5.1.02.01.01": (5, 0, 35),
        "5.1.02.01.01.0024": (6, 15, 15),
        "5.1.02.01.01.0026": (6, 20, 20),
        "5.2": (2, 0, 100),
        "5.2.03": (3, 0, 100),
        "5.2.03.01": (4, 0, 100),
        "5.2.03.01.01": (5, 0, 100),
        "5.2.03.01.01.0001": (6, 100, 100),
    }
    assert list(nodes.index) == list(table(nodes))  # parents first, then numeric order
    assert nodes.index.name == "code"
    assert all(str(dtype) == "int64" for dtype in nodes.dtypes)


def test_segment_boundaries() -> None:
    nodes = rollup(lines([
        ("5.1.0", 7),
        ("5.1.02.01.01.0024", 15),
        ("5.10.01", 300),
        ("5.1.01", 4000),
    ]), "kode_rekening", ["amount"], ACCOUNT_DEPTHS)
    found = table(nodes)
    assert found["5.1.0"] == (3, 7, 7)  # 5.1.02 is not below 5.1.0
    assert found["5.1.02"] == (3, 0, 15)
    assert found["5.1"] == (2, 0, 4022)  # 5.10 is not below 5.1
    assert found["5.10"] == (2, 0, 300)
    assert found["5"] == (1, 0, 4322)
    assert list(nodes.index[:4]) == ["5", "5.1", "5.1.0", "5.1.01"]
    assert list(nodes.index).index("5.10") > list(nodes.index).index("5.1.02.01.01.0024")


def test_several_value_columns() -> None:
    frame = pd.DataFrame({"kode_rekening": ["5.1.02.01.01.0024", "5.1.02.01.01.0026"],
                          "pagu": [1_000, 500], "realisasi": [900, 0]})
    nodes = rollup(frame, "kode_rekening", ["pagu", "realisasi"], ACCOUNT_DEPTHS)
    assert list(nodes.columns) == ["depth", "total_pagu", "total_realisasi", "own_pagu",
                                   "own_realisasi"]
    assert nodes.loc["5.1", ["total_pagu", "total_realisasi"]].tolist() == [1_500, 900]
    assert nodes.loc["5.1.02.01.01.0026", ["own_pagu", "own_realisasi"]].tolist() == [500, 0]


def test_program_depths_for_sub_kegiatan() -> None:
    nodes = rollup(lines([
        ("1.06.02.2.01.0001", 1),
        ("1.06.02.2.01.0002", 2),
        ("1.06.02.2.02.0001", 4),
        ("1.06.03.2.01.0001", 8),
        ("X.XX.01.2.01.0001", 16),
    ], "kode_sub_kegiatan"), "kode_sub_kegiatan", ["amount"], PROGRAM_DEPTHS)
    assert table(nodes) == {
        "X.XX.01": (3, 0, 16),
        "X.XX.01.2.01": (5, 0, 16),
        "X.XX.01.2.01.0001": (6, 16, 16),
        "1.06.02": (3, 0, 7),
        "1.06.02.2.01": (5, 0, 3),
        "1.06.02.2.01.0001": (6, 1, 1),
        "1.06.02.2.01.0002": (6, 2, 2),
        "1.06.02.2.02": (5, 0, 4),
        "1.06.02.2.02.0001": (6, 4, 4),
        "1.06.03": (3, 0, 8),
        "1.06.03.2.01": (5, 0, 8),
        "1.06.03.2.01.0001": (6, 8, 8),
    }  # no bidang (`1.06`) or depth-4 (`1.06.02.2`) nodes
    assert list(nodes.index) == list(table(nodes))


def test_children_and_roots() -> None:
    nodes = rollup(lines([
        ("1.06.02.2.01.0001", 1), ("1.06.02.2.01.0002", 2), ("1.06.03.2.01.0001", 4),
    ], "s"), "s", ["amount"], PROGRAM_DEPTHS)
    assert roots(nodes) == ["1.06.02", "1.06.03"]
    assert children(nodes) == {
        "1.06.02": ["1.06.02.2.01"],  # the nearest present descendant, skipping depth 4
        "1.06.02.2.01": ["1.06.02.2.01.0001", "1.06.02.2.01.0002"],
        "1.06.02.2.01.0001": [],
        "1.06.02.2.01.0002": [],
        "1.06.03": ["1.06.03.2.01"],
        "1.06.03.2.01": ["1.06.03.2.01.0001"],
        "1.06.03.2.01.0001": [],
    }


def test_children_and_roots_on_account_tree() -> None:
    nodes = rollup(lines([("4.1.01.01.01.0001", 1), ("5.1.02.01.01.0024", 2),
                          ("5.2.03.01.01.0001", 3)]), "kode_rekening", ["amount"], ACCOUNT_DEPTHS)
    assert roots(nodes) == ["4", "5"]
    tree = children(nodes)
    assert tree["5"] == ["5.1", "5.2"]
    assert tree["5.1.02.01.01"] == ["5.1.02.01.01.0024"]
    assert tree["4.1.01.01.01.0001"] == []


def test_empty_lines_give_no_nodes() -> None:
    nodes = rollup(lines([]), "kode_rekening", ["amount"], ACCOUNT_DEPTHS)
    assert len(nodes) == 0
    assert roots(nodes) == []
    assert children(nodes) == {}


# --- properties against a brute-force oracle ----------------------------------------------

def prefixes(code: str, depths: tuple[int, ...]) -> set[str]:
    parts = code.split(".")
    return {".".join(parts[:depth]) for depth in depths if depth <= len(parts)}


def oracle(rows: list[tuple[str, int]], depths: tuple[int, ...]
           ) -> dict[str, tuple[int, int, int]]:
    nodes = set().union(*(prefixes(code, depths) | {code} for code, _ in rows))
    result = {}
    for node in nodes:
        head = node.split(".")
        below = [amount for code, amount in rows if code.split(".")[:len(head)] == head]
        own = [amount for code, amount in rows if code == node]
        result[node] = (len(head), sum(own), sum(below))
    return result


def numeric(code: str) -> list[int]:
    return [int(part) for part in code.split(".")]


# small pools make shared prefixes and near-misses (`01` / `010`, `1` / `10`) likely
leaf_codes = st.tuples(
    st.sampled_from(["4", "5", "6"]), st.sampled_from(["1", "2"]),
    st.sampled_from(["01", "02", "10"]), st.sampled_from(["01", "02"]),
    st.sampled_from(["01", "10"]), st.sampled_from(["0001", "0010", "0100", "1000"]),
).map(".".join)
amounts = st.integers(min_value=-(10**12), max_value=10**12)


@settings(max_examples=150)
@given(st.lists(st.tuples(leaf_codes, amounts), min_size=1, max_size=30))
def test_rollup_of_leaves_matches_brute_force(rows: list[tuple[str, int]]) -> None:
    nodes = rollup(lines(rows), "kode_rekening", ["amount"], ACCOUNT_DEPTHS)
    assert table(nodes) == oracle(rows, ACCOUNT_DEPTHS)
    assert list(nodes.index) == sorted(nodes.index, key=numeric)
    # the roots partition the lines: together they hold every amount exactly once
    assert sum(int(nodes.loc[root, "total_amount"]) for root in roots(nodes)) == sum(
        amount for _, amount in rows)
    assert set(roots(nodes)) == {code.split(".")[0] for code, _ in rows}
    # a node's total is its own amount plus its children's totals
    for node, below in children(nodes).items():
        assert nodes.loc[node, "total_amount"] == nodes.loc[node, "own_amount"] + sum(
            int(nodes.loc[child, "total_amount"]) for child in below)


mixed_codes = st.lists(st.sampled_from(["0", "1", "2", "01", "02", "10", "010"]),
                       min_size=1, max_size=6).map(".".join)


@settings(max_examples=150)
@given(st.lists(st.tuples(mixed_codes, amounts), min_size=1, max_size=30))
def test_rollup_of_codes_at_any_depth_matches_brute_force(rows: list[tuple[str, int]]) -> None:
    nodes = rollup(lines(rows), "kode_rekening", ["amount"], ACCOUNT_DEPTHS)
    assert table(nodes) == oracle(rows, ACCOUNT_DEPTHS)


sub_kegiatan_codes = st.tuples(
    st.sampled_from(["1", "2", "X"]), st.sampled_from(["06", "01"]),
    st.sampled_from(["01", "02"]), st.sampled_from(["1", "2"]), st.sampled_from(["01", "10"]),
    st.sampled_from(["0001", "0010", "0002"]),
).map(lambda parts: ".".join(parts).replace("X.06", "X.XX").replace("X.01", "X.XX"))


@settings(max_examples=100)
@given(st.lists(st.tuples(sub_kegiatan_codes, amounts), min_size=1, max_size=20))
def test_program_rollup_matches_brute_force(rows: list[tuple[str, int]]) -> None:
    nodes = rollup(lines(rows, "s"), "s", ["amount"], PROGRAM_DEPTHS)
    assert table(nodes) == oracle(rows, PROGRAM_DEPTHS)
    assert set(nodes["depth"]) <= {3, 5, 6}
