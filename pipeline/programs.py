"""The program hierarchy: program → kegiatan → sub kegiatan, with pagu and monthly realisasi.

Pure: `Inputs` in, a rollup (same shape as the account rollup) and names out. Realisasi
booked without a sub kegiatan cannot be placed in a program; it is kept as its own line
so that the monthly sheet still adds up to the LRA.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from pipeline import rollup
from pipeline.assemble import Inputs
from pipeline.findings import Issue, issue
from pipeline.lra import MONTHS, month_columns

PROGRAM_VALUES = ["pagu_murni", "pagu", "realisasi", *MONTHS]
NO_SUB_KEGIATAN = "-"
NO_SUB_KEGIATAN_NAME = "Belanja tanpa sub kegiatan"
BELANJA = "5"


def program_lines(inputs: Inputs) -> pd.DataFrame:
    """Every counted belanja amount of the year keyed by sub kegiatan code (pendapatan and
    pembiayaan belong to no program)."""
    lines = inputs.dpa_lines
    dpa = lines.loc[_belanja(lines), ["kode_sub_kegiatan", "pagu_murni", "pagu"]]
    realisasi = inputs.realisasi[_belanja(inputs.realisasi)]
    by_month = month_columns(realisasi, "kode_sub_kegiatan")
    lines = pd.concat([dpa, by_month], ignore_index=True)
    lines["kode_sub_kegiatan"] = lines["kode_sub_kegiatan"].fillna(NO_SUB_KEGIATAN)
    return lines.fillna({name: 0 for name in PROGRAM_VALUES}).astype(
        {name: "int64" for name in PROGRAM_VALUES})


def _belanja(frame: pd.DataFrame) -> pd.Series:
    return frame["kode_rekening"].str.startswith(BELANJA).fillna(False).astype(bool)


def program_rollup(inputs: Inputs) -> pd.DataFrame:
    """Nodes for every program, kegiatan and sub kegiatan with `own_*`/`total_*` amounts."""
    lines = program_lines(inputs)
    placed = lines[lines["kode_sub_kegiatan"] != NO_SUB_KEGIATAN]
    nodes = rollup.rollup(placed, "kode_sub_kegiatan", PROGRAM_VALUES, rollup.PROGRAM_DEPTHS)
    unplaced = lines[lines["kode_sub_kegiatan"] == NO_SUB_KEGIATAN]
    if unplaced.empty:
        return nodes
    extra = unplaced[PROGRAM_VALUES].sum()
    row = pd.DataFrame([{**{f"total_{name}": extra[name] for name in PROGRAM_VALUES},
                         **{f"own_{name}": extra[name] for name in PROGRAM_VALUES}}],
                       index=pd.Index([NO_SUB_KEGIATAN], name="code"))
    row.insert(0, "depth", 0)
    return pd.concat([nodes, row.astype("int64")])


def program_names(inputs: Inputs) -> dict[str, str]:
    """Code → nomenklatur from the DPA's `Program` sheet."""
    programs = inputs.programs
    if programs.empty or "kode" not in programs:
        return {NO_SUB_KEGIATAN: NO_SUB_KEGIATAN_NAME}
    named = programs.dropna(subset=["kode"]).drop_duplicates("kode")
    names = dict(zip(named["kode"], named["nomenklatur"].fillna(""), strict=True))
    names[NO_SUB_KEGIATAN] = NO_SUB_KEGIATAN_NAME
    return names


def unknown_sub_kegiatan(inputs: Inputs) -> list[Issue]:
    """DPA lines whose sub kegiatan is not in the `Program` sheet: one error per code."""
    if inputs.programs.empty or "kode" not in inputs.programs:
        return []
    known = set(inputs.programs["kode"].dropna())
    lines = inputs.dpa_lines.dropna(subset=["kode_sub_kegiatan"])
    unknown = lines[~lines["kode_sub_kegiatan"].isin(list(known))]
    first = unknown.sort_values("row").drop_duplicates("kode_sub_kegiatan")
    issues = []
    for line in first.itertuples(index=False):
        count = int((unknown["kode_sub_kegiatan"] == line.kode_sub_kegiatan).sum())
        message = (f"Sub kegiatan {line.kode_sub_kegiatan} ({count} baris anggaran) tidak ada di "
                   "sheet Program; tambahkan ke sheet Program atau perbaiki kodenya.")
        issues.append(issue("sub-kegiatan-unknown", message, line.file, line.sheet,
                            inputs.cell(line.file, line.sheet, "kode_sub_kegiatan", line.row),
                            line.kode_sub_kegiatan))
    return issues


class MonthlyRow(NamedTuple):
    """One program, kegiatan or sub kegiatan line of the `Realisasi Bulanan` sheet."""

    code: str
    name: str
    depth: int  # segments: 3 program, 5 kegiatan, 6 sub kegiatan; 0 without sub kegiatan
    pagu: int
    months: tuple[int, ...]
    realisasi: int
    children: tuple[str, ...]


def monthly_rows(nodes: pd.DataFrame, names: dict[str, str]) -> list[MonthlyRow]:
    """Programs in code order, each followed by its kegiatan and sub kegiatan."""
    placed = nodes[nodes.index != NO_SUB_KEGIATAN]
    tree = rollup.children(placed)
    records = nodes.to_dict("index")
    rows: list[MonthlyRow] = []

    def line(code: str, children: tuple[str, ...]) -> MonthlyRow:
        node = records[code]
        return MonthlyRow(code, names.get(code, ""), int(node["depth"]), int(node["total_pagu"]),
                          tuple(int(node[f"total_{month}"]) for month in MONTHS),
                          int(node["total_realisasi"]), children)

    def visit(code: str) -> None:
        rows.append(line(code, tuple(tree[code])))
        for child in tree[code]:
            visit(child)

    for code in rollup.roots(placed):
        visit(code)
    if NO_SUB_KEGIATAN in nodes.index:
        rows.append(line(NO_SUB_KEGIATAN, ()))
    return rows
