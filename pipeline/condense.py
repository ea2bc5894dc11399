"""Realisasi rows summed where they are read: one line per (tahun, bulan, sub kegiatan,
kode rekening), so that the run — and the cache — hold thousands of lines instead of
hundreds of thousands of SP2D rows.

Pure, and run in the parse worker, before the fiscal year is known. Only clean leaf rows
are summed: every cell that decides whether a row counts is readable and the month is
known. Every other row stays as it was read, with its own cell. What the row-level rules
still need of the summed rows travels beside the lines (`RowTrace`): each row's line,
year, month and date, and the SP2D rows written twice.
"""

from __future__ import annotations

import pandas as pd

from pipeline import codes
from pipeline.money import SUM_LIMIT
from pipeline.tables import RowTrace, SheetTable

LINE_KEY = ["tahun", "bulan", "kode_sub_kegiatan", "kode_rekening"]
# A row repeating an earlier one on all of these is an SP2D pasted twice.
SP2D_KEY = ["tahun", "bulan", "kode_sub_kegiatan", "kode_rekening", "realisasi", "nomor_sp2d"]
# The cells that decide whether a realisasi row counts: these must be filled and readable,
# and a Kode Sub Kegiatan, which may be blank, must be readable when it is given.
REQUIRED_CELLS = ["kode_rekening", "realisasi", "tahun"]
DECIDING_FLAGS = ["bad_kode_rekening", "bad_realisasi", "bad_tahun", "bad_kode_sub_kegiatan"]


def with_months(frame: pd.DataFrame) -> pd.DataFrame:
    """`bulan` taken from `tanggal` where the Bulan cell is blank."""
    undated = frame["bulan"].isna() & frame["tanggal"].notna()
    if not undated.any():
        return frame
    months = pd.to_datetime(frame.loc[undated, "tanggal"]).dt.month.astype("Int64")
    return frame.assign(bulan=frame["bulan"].fillna(months))


def readable(frame: pd.DataFrame) -> pd.Series:
    """Rows whose deciding cells are all there and readable: the one rule of whether a
    realisasi row can count (`assemble.split_realisasi` then asks for the year and month)."""
    return frame[REQUIRED_CELLS].notna().all(axis=1) & ~frame[DECIDING_FLAGS].any(axis=1)


def sums_lines(frame: pd.DataFrame) -> pd.Series:
    """The rows `condense` sums into lines: readable, the month known, the code a leaf.
    (Lines themselves pass too.)"""
    return readable(frame) & frame["bulan"].notna() & (frame["level"] == codes.LEAF_LEVEL)


def condense(table: SheetTable) -> SheetTable:
    """The realisasi table with its clean leaf rows summed into lines; each line keeps its
    first Excel row (`row`), how many rows it holds (`rows`), and its first Uraian with the
    row it was written on (`uraian_row`: names go by reading order, `lra.account_names`)."""
    frame = with_months(table.frame).assign(rows=1, uraian_row=table.frame["row"].astype("Int64"))
    clean = sums_lines(frame)
    amounts = frame.loc[clean, "realisasi"].astype("float64").abs().sum()
    # A sheet whose sums could leave int64 stays unsummed; the run refuses it with its own
    # message (`assemble.amounts_in_range`).
    if not clean.any() or amounts >= SUM_LIMIT:
        return SheetTable(table.kind, table.file, table.sheet, table.letters, frame)
    rows = frame[clean]
    grouped = rows.groupby(LINE_KEY, sort=False, dropna=False)
    lines = grouped.agg(row=("row", "min"), realisasi=("realisasi", "sum"),
                        rows=("row", "size")).reset_index()
    named = rows[rows["uraian"].notna()].groupby(LINE_KEY, sort=False, dropna=False).agg(
        uraian=("uraian", "first"), uraian_row=("row", "first"))
    lines = lines.join(named, on=LINE_KEY)
    lines = lines.assign(level=codes.LEAF_LEVEL, **{flag: False for flag in _flags(frame)})
    kept = pd.concat([frame[~clean], lines.reindex(columns=frame.columns)], ignore_index=True)
    kept = kept.astype(frame.dtypes.to_dict()).sort_values("row", kind="stable")
    trace = RowTrace(_members(rows, grouped.ngroup(), lines), _repeated(rows))
    return SheetTable(table.kind, table.file, table.sheet, table.letters,
                      kept.reset_index(drop=True), trace)


def _flags(frame: pd.DataFrame) -> list[str]:
    return [column for column in frame.columns if column.startswith("bad_")]


def _members(rows: pd.DataFrame, group: pd.Series, lines: pd.DataFrame) -> pd.DataFrame:
    """Each summed row: its Excel row, its line's first row, its year, month and date."""
    first = lines["row"].to_numpy(dtype="int64")[group.to_numpy()]
    return pd.DataFrame({
        "row": rows["row"].to_numpy(dtype="int32"),
        "line": first.astype("int32"),
        "tahun": rows["tahun"].to_numpy(dtype="int32"),
        "bulan": rows["bulan"].to_numpy(dtype="int8"),
        "tanggal": pd.to_datetime(rows["tanggal"], errors="coerce").to_numpy(),
    })


def _repeated(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows repeating an earlier SP2D row exactly (the first of each stays out)."""
    with_sp2d = rows[rows["nomor_sp2d"].notna()]
    repeated = with_sp2d[with_sp2d.duplicated(SP2D_KEY, keep="first")]
    return repeated[[*SP2D_KEY, "row"]].reset_index(drop=True)
