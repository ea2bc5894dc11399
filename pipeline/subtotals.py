"""Declared subtotals: exported reports print parent rows; we compare, never add them.

A declared row (`5`, `5.1.02`) is compared with the sum of its nearest descendants in the
same group (same sub kegiatan; for realisasi also the same year and month): the leaf lines
below it, or a declared row in between. One wrong leaf therefore shows as one mismatch
on its direct parent instead of a cascade up to the root.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from pipeline import codes


class Mismatch(NamedTuple):
    """A declared subtotal that differs from the sum of what is below it."""

    code: str
    amount: str  # which amount column
    declared: int
    computed: int
    file: str
    sheet: str
    row: int
    group: tuple[object, ...]


def compare(leaves: pd.DataFrame, declared: pd.DataFrame, group: list[str],
            amounts: dict[str, str]) -> list[Mismatch]:
    """Every declared row whose amount differs from its nearest descendants' sum.

    `amounts` maps a leaf column to the declared row's column holding the same amount.
    Both frames have `kode_rekening` and the `group` columns; `declared` has file, sheet, row.
    """
    if declared.empty:
        return []
    keyed_leaves = {key: frame for key, frame in _groups(leaves, group)}
    found: list[Mismatch] = []
    for key, rows in _groups(declared, group):
        group_leaves = keyed_leaves.get(key, leaves.iloc[0:0])
        for leaf_column, declared_column in amounts.items():
            found += _compare_group(key, group_leaves, rows, leaf_column, declared_column)
    return found


def _compare_group(key: tuple[object, ...], leaves: pd.DataFrame, declared: pd.DataFrame,
                   leaf_column: str, declared_column: str) -> list[Mismatch]:
    value: dict[str, int] = (leaves.groupby("kode_rekening")[leaf_column].sum().astype("int64")
                             .to_dict() if not leaves.empty else {})
    stated = declared.dropna(subset=[declared_column])
    declared_value = stated.drop_duplicates("kode_rekening").set_index("kode_rekening")[
        declared_column]
    value.update({code: int(amount) for code, amount in declared_value.items()})
    present = set(value)  # a declared row left blank is transparent: its leaves go up
    computed: dict[str, int] = {code: 0 for code in stated["kode_rekening"]}
    for code, amount in value.items():
        ancestor = next((item for item in reversed(codes.parents(code)) if item in present), None)
        if ancestor in computed:
            computed[ancestor] += amount
    found = []
    for row in stated.itertuples(index=False):
        amount = getattr(row, declared_column)
        if pd.isna(amount) or int(amount) == computed[row.kode_rekening]:
            continue
        found.append(Mismatch(row.kode_rekening, declared_column, int(amount),
                              computed[row.kode_rekening], row.file, row.sheet, int(row.row), key))
    return found


def _groups(frame: pd.DataFrame, group: list[str]):  # type: ignore[no-untyped-def]
    if frame.empty:
        return []
    keyed = frame.assign(**{column: frame[column].astype(object).where(frame[column].notna(), "")
                            for column in group})
    return keyed.groupby(group, sort=False, dropna=False)
