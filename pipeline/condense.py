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
# The cells that decide whether a row counts (see `assemble.split_realisasi`).
DECIDING_FLAGS = ["bad_kode_rekening", "bad_realisasi", "bad_tahun", "bad_kode_sub_kegiatan"]


def with_months(frame: pd.DataFrame) -> pd.DataFrame:
    """`bulan` taken from `tanggal` where the Bulan cell is blank."""
    undated = frame["bulan"].isna() & frame["tanggal"].notna()
    if not undated.any():
        return frame
    months = pd.to_datetime(frame.loc[undated, "tanggal"]).dt.month.astype("Int64")
    return frame.assign(bulan=frame["bulan"].fillna(months))


def sums_lines(frame: pd.DataFrame) -> pd.Series:
    """The rows `condense` sums into lines: every cell that decides whether a row counts is
    readable, the month is known, and the code is a leaf. (Lines themselves pass too.)"""
    return (frame[["kode_rekening", "realisasi", "tahun", "bulan"]].notna().all(axis=1)
            & ~frame[DECIDING_FLAGS].any(axis=1) & (frame["level"] == codes.LEAF_LEVEL))


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


def combine(parts: list[SheetTable]) -> SheetTable | None:
    """One table from the condensed parts of a sheet cut by rows (`pipeline.parts`), in
    row order: what `condense` gives for the whole sheet, provided no SP2D row is repeated
    across parts (compare their `sp2d_keys` first). A line whose rows lie in several parts
    becomes one line at its first row. None when a part was left unsummed (amounts too
    large): that needs the whole sheet."""
    frames = [part.frame for part in parts]
    traces = [part.trace for part in parts]
    if any(trace is None and sums_lines(frame).any()
           for frame, trace in zip(frames, traces, strict=True)):
        return None
    frame = pd.concat(frames, ignore_index=True)
    lines = sums_lines(frame)
    merged, moved = _merge_lines(frame[lines])
    if float(merged["realisasi"].astype("float64").abs().sum()) >= SUM_LIMIT:
        return None
    kept = pd.concat([frame[~lines], merged], ignore_index=True)
    kept = kept.astype(frames[0].dtypes.to_dict()).sort_values("row", kind="stable")
    first = parts[0]
    return SheetTable(first.kind, first.file, first.sheet, first.letters,
                      kept.reset_index(drop=True), _combined_trace(traces, moved))


def _combined_trace(traces: list[RowTrace | None], moved: dict[int, int]) -> RowTrace | None:
    """The parts' traces as one, each summed row pointing at its merged line."""
    present = [trace for trace in traces if trace is not None]
    if not present:
        return None
    members = pd.concat([trace.members for trace in present], ignore_index=True)
    line = members["line"]
    members["line"] = line.map(moved).fillna(line).astype("int32") if moved else line
    return RowTrace(members, pd.concat([trace.repeated for trace in present],
                                       ignore_index=True))


def sp2d_keys(frame: pd.DataFrame) -> np.ndarray:
    """A hash of each distinct SP2D row among the rows `condense` sums (`SP2D_KEY`), to
    find a row of one part repeated in another: parts that share a hash are not combined."""
    frame = with_months(frame)
    rows = frame[sums_lines(frame) & frame["nomor_sp2d"].notna()]
    return np.unique(pd.util.hash_pandas_object(rows[SP2D_KEY], index=False).to_numpy())


def _merge_lines(lines: pd.DataFrame) -> tuple[pd.DataFrame, dict[int, int]]:
    """Lines of the same key from several parts as one line at the first one's row, its
    name the first one given; and each dropped line's row → the row of its merged line."""
    grouped = lines.groupby(LINE_KEY, sort=False, dropna=False)
    first_row = grouped["row"].transform("min")
    if (first_row == lines["row"]).all():
        return lines, {}
    totals = grouped.agg(realisasi=("realisasi", "sum"), rows=("rows", "sum"))
    named = lines[lines["uraian"].notna()].sort_values("uraian_row").groupby(
        LINE_KEY, sort=False, dropna=False).agg(uraian=("uraian", "first"),
                                                uraian_row=("uraian_row", "first"))
    merged = lines[first_row == lines["row"]].drop(
        columns=["realisasi", "rows", "uraian", "uraian_row"]).join(
        totals, on=LINE_KEY).join(named, on=LINE_KEY)
    moved = lines.loc[first_row != lines["row"], "row"]
    return (merged.reindex(columns=lines.columns),
            dict(zip(moved.tolist(), first_row[moved.index].tolist(), strict=True)))
