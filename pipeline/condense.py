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

import numpy as np
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
    line = _key_numbers(rows[LINE_KEY])
    lines = _lines(rows, line)
    kept = pd.concat([frame[~clean], lines.reindex(columns=frame.columns)], ignore_index=True)
    kept = kept.astype(frame.dtypes.to_dict()).sort_values("row", kind="stable")
    trace = RowTrace(_members(rows, line, lines), _repeated(rows, line))
    return SheetTable(table.kind, table.file, table.sheet, table.letters,
                      kept.reset_index(drop=True), trace)


def _key_numbers(keys: pd.DataFrame) -> np.ndarray:
    """One number per row for its combination of key values, 0, 1, 2 … in order of first
    appearance; a blank key cell matches another blank one (as `groupby(dropna=False)`)."""
    numbers = np.zeros(len(keys), dtype=np.int64)
    combinations = 1  # how many distinct values `numbers` may take
    for name in keys.columns:
        column_numbers, distinct = pd.factorize(keys[name], use_na_sentinel=False)
        if combinations * len(distinct) >= 2**62:  # renumber densely before int64 overflows
            numbers, seen = pd.factorize(numbers)
            combinations = len(seen)
        numbers = numbers * len(distinct) + column_numbers
        combinations *= len(distinct)
    return pd.factorize(numbers)[0]


def _lines(rows: pd.DataFrame, line: np.ndarray) -> pd.DataFrame:
    """One row per line: its key, first Excel row, summed realisasi, number of rows, first
    Uraian and that Uraian's row; a leaf with no bad cell."""
    count = int(line.max()) + 1
    excel_rows = rows["row"].to_numpy(dtype=np.int64)
    sums = np.zeros(count, dtype=np.int64)
    np.add.at(sums, line, rows["realisasi"].to_numpy(dtype=np.int64))
    first = _first_of_each(line, count)
    first_named = _first_of_each(line, count, among=np.flatnonzero(rows["uraian"].notna()))
    return pd.DataFrame({
        **{name: rows[name].array.take(first) for name in LINE_KEY},
        "row": _smallest_of_each(excel_rows, line, count),
        "realisasi": pd.arrays.IntegerArray(sums, np.zeros(count, dtype=bool)),
        "rows": np.bincount(line, minlength=count),
        "uraian": rows["uraian"].array.take(first_named, allow_fill=True),
        "uraian_row": pd.array(excel_rows, dtype="Int64").take(first_named, allow_fill=True),
        "level": codes.LEAF_LEVEL,
        **dict.fromkeys(_flags(rows), False),
    })


def _first_of_each(groups: np.ndarray, count: int, among: np.ndarray | None = None
                   ) -> np.ndarray:
    """The position of each group's first member (of the positions `among`, when given;
    -1 for a group with none there)."""
    positions = np.arange(len(groups)) if among is None else among
    first = _smallest_of_each(positions, groups[positions], count)
    first[first == np.iinfo(np.int64).max] = -1
    return first


def _smallest_of_each(values: np.ndarray, groups: np.ndarray, count: int) -> np.ndarray:
    """The smallest value in each of `count` groups (`groups`: each value's group)."""
    smallest = np.full(count, np.iinfo(np.int64).max)
    np.minimum.at(smallest, groups, values)
    return smallest


def _flags(frame: pd.DataFrame) -> list[str]:
    return [column for column in frame.columns if column.startswith("bad_")]


def _members(rows: pd.DataFrame, line: np.ndarray, lines: pd.DataFrame) -> pd.DataFrame:
    """Each summed row: its Excel row, its line's first row, its year, month and date."""
    first = lines["row"].to_numpy(dtype="int64")[line]
    return pd.DataFrame({
        "row": rows["row"].to_numpy(dtype="int32"),
        "line": first.astype("int32"),
        "tahun": rows["tahun"].to_numpy(dtype="int32"),
        "bulan": rows["bulan"].to_numpy(dtype="int8"),
        "tanggal": pd.to_datetime(rows["tanggal"], errors="coerce").to_numpy(),
    })


def _repeated(rows: pd.DataFrame, line: np.ndarray) -> pd.DataFrame:
    """Rows repeating an earlier SP2D row exactly (the first of each stays out): the same
    line, amount and SP2D number."""
    sp2d = pd.DataFrame({"line": line, "realisasi": rows["realisasi"].array,
                         "nomor_sp2d": rows["nomor_sp2d"].array})
    repeated = (pd.Series(_key_numbers(sp2d)).duplicated().to_numpy()
                & rows["nomor_sp2d"].notna().to_numpy())
    return rows[[*SP2D_KEY, "row"]].iloc[np.flatnonzero(repeated)].reset_index(drop=True)
