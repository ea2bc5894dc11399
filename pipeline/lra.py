"""The Laporan Realisasi Anggaran as rows: accounts at all six levels in code order,
JUMLAH rows after each akun and kelompok block, then SURPLUS/DEFISIT (and PEMBIAYAAN
NETTO when akun 6 exists), as the seed document prints it.

Pure: the account rollup and names in, `LraRow`s out; the writer turns parent rows and
totals into live formulas from `children` and `refers`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from pipeline import rollup
from pipeline.assemble import Inputs

MONTHS = [f"m{month:02d}" for month in range(1, 13)]
ACCOUNT_VALUES = ["pagu_murni", "pagu", "realisasi", "realisasi_lalu", *MONTHS]
SHOWN = ["total_pagu", "total_realisasi", "total_realisasi_lalu"]
AKUN_TOTAL_LABELS = {"4": "JUMLAH PENDAPATAN", "5": "JUMLAH BELANJA"}
PEMBIAYAAN = "6"


class LraRow(NamedTuple):
    kind: str  # account | total | surplus
    code: str
    uraian: str
    depth: int
    anggaran: int
    realisasi: int
    realisasi_lalu: int
    children: tuple[str, ...] = ()  # account rows: the shown children that sum to it
    refers: tuple[str, ...] = ()  # total: the account repeated; surplus: (plus, minus)


def month_columns(realisasi: pd.DataFrame, key: str) -> pd.DataFrame:
    """One row per `key` (a blank key is a row of its own) with its `realisasi` and one
    column per month, summed in place: what follows works on thousands of rows."""
    keys, distinct = pd.factorize(realisasi[key], use_na_sentinel=False)
    spread = np.zeros((len(distinct), 12), dtype="int64")
    np.add.at(spread, (keys, realisasi["bulan"].to_numpy(dtype="int64") - 1),
              realisasi["realisasi"].to_numpy(dtype="int64"))
    frame = pd.DataFrame(spread, columns=MONTHS)
    frame.insert(0, "realisasi", spread.sum(axis=1))
    frame.insert(0, key, pd.Series(distinct, dtype=object).where(pd.notna(distinct), None))
    return frame


def account_lines(inputs: Inputs) -> pd.DataFrame:
    """Every counted amount as a row keyed by kode rekening, ready to roll up."""
    dpa = inputs.dpa_lines[["kode_rekening", "pagu_murni", "pagu"]]
    by_month = month_columns(inputs.realisasi, "kode_rekening")
    previous = inputs.realisasi_lalu[["kode_rekening", "realisasi"]].rename(
        columns={"realisasi": "realisasi_lalu"})
    lines = pd.concat([dpa, by_month, previous], ignore_index=True)
    return lines.fillna({name: 0 for name in ACCOUNT_VALUES}).astype(
        {name: "int64" for name in ACCOUNT_VALUES})


def account_rollup(inputs: Inputs) -> pd.DataFrame:
    return rollup.rollup(account_lines(inputs), "kode_rekening", ACCOUNT_VALUES,
                         rollup.ACCOUNT_DEPTHS)


def lra_rows(accounts: pd.DataFrame, names: dict[str, str]) -> list[LraRow]:
    """The LRA in print order."""
    shown = accounts[accounts[SHOWN].ne(0).any(axis=1)]
    tree = rollup.children(shown)
    nodes = shown[["depth", *SHOWN]].to_dict("index")
    rows: list[LraRow] = []

    def visit(code: str) -> None:
        node = nodes[code]
        rows.append(LraRow("account", code, names.get(code, ""), int(node["depth"]),
                           int(node["total_pagu"]), int(node["total_realisasi"]),
                           int(node["total_realisasi_lalu"]), tuple(tree[code])))
        for child in tree[code]:
            visit(child)
        if int(node["depth"]) == 2 or (int(node["depth"]) == 1 and code != PEMBIAYAAN):
            rows.append(_total_row(code, node, names))

    akun_roots = rollup.roots(shown)
    for code in [code for code in akun_roots if code < PEMBIAYAAN]:
        visit(code)
    rows += _net_row("SURPLUS/DEFISIT", shown, "4", "5")
    if PEMBIAYAAN in akun_roots:
        visit(PEMBIAYAAN)
        rows += _net_row("PEMBIAYAAN NETTO", shown, "6.1", "6.2")
    return rows


def _total_row(code: str, node: dict[str, int], names: dict[str, str]) -> LraRow:
    label = AKUN_TOTAL_LABELS.get(code) if int(node["depth"]) == 1 else None
    label = label or f"JUMLAH {names.get(code, code).upper()}"
    return LraRow("total", "", label, int(node["depth"]), int(node["total_pagu"]),
                  int(node["total_realisasi"]), int(node["total_realisasi_lalu"]),
                  refers=(code,))


def _net_row(label: str, shown: pd.DataFrame, plus: str, minus: str) -> list[LraRow]:
    """`plus − minus` for each column (SURPLUS/DEFISIT = pendapatan − belanja)."""

    def amounts(code: str) -> tuple[int, int, int]:
        if code not in shown.index:
            return 0, 0, 0
        return tuple(int(shown.at[code, column]) for column in SHOWN)  # type: ignore[return-value]

    anggaran, realisasi, lalu = (a - b for a, b in zip(amounts(plus), amounts(minus), strict=True))
    return [LraRow("surplus", "", label, 0, anggaran, realisasi, lalu, refers=(plus, minus))]


def account_names(inputs: Inputs, chart: dict[str, str]) -> dict[str, str]:
    """Names as the officer's own documents give them, else as the chart does."""
    names = dict(chart)
    sources = [inputs.realisasi_lalu, inputs.realisasi, inputs.declared, inputs.dpa_lines]
    for frame in sources:
        if frame.empty or "uraian" not in frame:
            continue
        named = frame[["kode_rekening", "uraian"]].dropna()
        if "uraian_row" in frame:  # a summed line: its name was written on `uraian_row`
            files = pd.factorize(frame["file"])[0][frame.index.get_indexer(named.index)]
            rows = frame["uraian_row"].loc[named.index].to_numpy(dtype="int64", na_value=1 << 62)
            named = named.iloc[np.lexsort((rows, files))]
        named = named.drop_duplicates("kode_rekening")
        names.update(zip(named["kode_rekening"].tolist(), named["uraian"].tolist(), strict=True))
    return names
