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

# The codes present in a group, and the nearest ancestor of each among them.
Tree = tuple[set[str], dict[str, "str | None"]]


class Comparison(NamedTuple):
    """A declared subtotal against the sum of what is below it."""

    code: str
    amount: str  # which amount column
    declared: int
    computed: int
    file: str
    sheet: str
    row: int
    group: tuple[object, ...]

    @property
    def matched(self) -> bool:
        return self.declared == self.computed


def compare(leaves: pd.DataFrame, declared: pd.DataFrame, group: list[str],
            amounts: dict[str, str]) -> list[Comparison]:
    """Every declared row whose amount differs from its nearest descendants' sum."""
    return [found for found in comparisons(leaves, declared, group, amounts)
            if not found.matched]


def comparisons(leaves: pd.DataFrame, declared: pd.DataFrame, group: list[str],
                amounts: dict[str, str]) -> list[Comparison]:
    """Every declared amount that is not blank against its nearest descendants' sum, the
    matched ones too, by file, sheet, row and amount column.

    `amounts` maps a leaf column to the declared row's column holding the same amount.
    Both frames have `kode_rekening` and the `group` columns; `declared` has file, sheet, row.
    """
    if declared.empty:
        return []
    declared = _keyed(declared, group)
    sums = _leaf_sums(_keyed(leaves, group), declared, group, list(amounts))
    found: list[Comparison] = []
    records: dict[tuple[object, ...], list[dict[str, object]]] = {}
    columns = list(dict.fromkeys([*group, "kode_rekening", "file", "sheet", "row",
                                  *amounts.values()]))
    for record in _records(declared[columns]):
        records.setdefault(tuple(record[column] for column in group), []).append(record)
    for key, rows in records.items():
        group_sums = sums.get(key, {})
        tree: Tree = (set(), {})
        for leaf_column, declared_column in amounts.items():
            values = {code: amount[leaf_column] for code, amount in group_sums.items()}
            compared, tree = _compare_group(key, values, rows, declared_column, tree)
            found += compared
    order = {column: position for position, column in enumerate(amounts.values())}
    return sorted(found, key=lambda item: (item.file, item.sheet, item.row, order[item.amount]))


def _leaf_sums(leaves: pd.DataFrame, declared: pd.DataFrame, group: list[str],
               columns: list[str]) -> dict[tuple[object, ...], dict[str, dict[str, int]]]:
    """group key → code → column → the leaves' sum, for the groups that declare anything."""
    if leaves.empty:
        return {}
    wanted = pd.MultiIndex.from_frame(declared[group].drop_duplicates())
    inside = pd.MultiIndex.from_frame(leaves[group]).isin(wanted)
    totals = leaves[inside].groupby([*group, "kode_rekening"], sort=False, dropna=False)[
        columns].sum()
    sums: dict[tuple[object, ...], dict[str, dict[str, int]]] = {}
    keys = zip(*(totals.index.get_level_values(column).tolist() for column in group),
               strict=True)
    accounts = [str(code) for code in totals.index.get_level_values("kode_rekening").tolist()]
    amounts = [dict(zip(columns, row, strict=True))
               for row in totals.to_numpy(dtype="int64").tolist()]
    for key, code, amount in zip(keys, accounts, amounts, strict=True):
        sums.setdefault(key, {})[code] = amount
    return sums


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """The rows as dicts of plain Python values (a column converted at once, not cell by
    cell as `to_dict` does with Arrow-backed text)."""
    names = list(frame.columns)
    columns = [frame[name].tolist() for name in names]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]


def _compare_group(key: tuple[object, ...], value: dict[str, int],
                   declared: list[dict[str, object]], declared_column: str, tree: Tree
                   ) -> tuple[list[Comparison], Tree]:
    """The group's comparisons in one amount column, and the tree they were made with:
    the next column of the group reuses it when the same codes are present."""
    stated = [row for row in declared if not pd.isna(row[declared_column])]
    value = dict(value)
    for row in stated:  # the first of a repeated declared code stands for it
        value.setdefault(str(row["kode_rekening"]), int(row[declared_column]))  # type: ignore[call-overload]
    present = set(value)  # a declared row left blank is transparent: its leaves go up
    if present != tree[0]:
        tree = (present, {code: codes.nearest_ancestor(code, present) for code in present})
    computed: dict[str, int] = {str(row["kode_rekening"]): 0 for row in stated}
    for code, amount in value.items():
        ancestor = tree[1][code]
        if ancestor in computed:
            computed[ancestor] += amount
    found = []
    for row in stated:
        code = str(row["kode_rekening"])
        amount = int(row[declared_column])  # type: ignore[call-overload]
        found.append(Comparison(code, declared_column, amount, computed[code], str(row["file"]),
                                str(row["sheet"]), int(row["row"]), key))  # type: ignore[call-overload]
    return found, tree


def _keyed(frame: pd.DataFrame, group: list[str]) -> pd.DataFrame:
    """Group columns as plain objects, a blank key as "" (so that it groups and matches)."""
    return frame.assign(**{column: frame[column].astype(object).where(frame[column].notna(), "")
                           for column in group})
