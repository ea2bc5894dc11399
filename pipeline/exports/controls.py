"""Controls that downloads carry beside what is counted; pure, for the `Rekonsiliasi` sheet.

- The PAGU of the realisasi snapshots (B1) against the DPA lines: the latest snapshot of
  the year is compared line by line; a line's pagu matches when it equals the DPA's pagu
  murni or its pagu perubahan (a snapshot taken before the perubahan shows the murni).
- The SPJ Fungsional (B2) against the realisasi counted from the other sources (B1 flows or
  template files): per (kode rekening, month), the three `Bulan Ini` cells added against
  the month's realisasi summed over every sub kegiatan.

Neither is ever added to a total. Every comparison is one `Reconciliation` row (`Cocok` or
`Selisih`); each difference is also one warning that names the cell of the download.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from pipeline import codes
from pipeline.exports import period
from pipeline.exports.base import AS_OF, SNAPSHOT
from pipeline.exports.cells import text
from pipeline.findings import Issue, issue
from pipeline.money import format_rupiah
from pipeline.reconcile import Reconciliation
from pipeline.tables import ParsedFile, SheetTable

Result = tuple[list[Reconciliation], list[Issue]]
KEY = ["kode_sub_kegiatan", "kode_rekening"]


def snapshot_pagu(parsed: Sequence[ParsedFile], dpa_lines: pd.DataFrame, year: int) -> Result:
    """The latest snapshot's PAGU of each line against the DPA line's pagu murni and pagu
    perubahan (`dpa_lines` as `assemble.Inputs.dpa_lines`: pagu_murni, pagu, file, sheet,
    row). A line in only one of the two is a difference too."""
    latest = _latest_snapshot(parsed, year)
    if latest is None:
        return [], []
    item, as_of = latest
    stated = _snapshot_pagu(item.tables_of(SNAPSHOT))
    dpa = _dpa_pagu(dpa_lines)
    rows: list[Reconciliation] = []
    issues: list[Issue] = []
    label = f"Pagu realisasi SIPD-RI posisi {period.spoken(as_of)}"
    for key in sorted(set(stated) | set(dpa), key=lambda key: (key[0], codes.sort_key(key[1]))):
        snapshot_line, dpa_line = stated.get(key), dpa.get(key)
        amount = snapshot_line[0] if snapshot_line else None
        murni, pagu = (dpa_line[0], dpa_line[1]) if dpa_line else (None, None)
        line = f"{key[0] or '(tanpa sub kegiatan)'} / {key[1]}"
        if snapshot_line is not None:
            table, row = snapshot_line[1], snapshot_line[2]
            file, sheet, cell = table.file, table.sheet, table.cell("pagu", row)
        else:
            file, sheet, cell = item.path, "", ""
        where = f"{file} › {sheet}!{cell}" if cell else file
        matched = amount in (murni, pagu) or (amount or 0) == (pagu or 0) == 0
        compared = murni if matched and amount == murni else pagu
        rows.append(Reconciliation("Pagu SIPD-RI vs DPA", line, label, amount, compared, where,
                                   matched))
        if matched:
            continue
        shown = "tidak ada" if amount is None else f"Rp {format_rupiah(amount)}"
        dpa_shown = ("tidak ada di DPA" if dpa_line is None else
                     f"pagu murni Rp {format_rupiah(murni or 0)}, pagu perubahan Rp "
                     f"{format_rupiah(pagu or 0)}")
        message = (f"Pagu sub kegiatan {key[0] or '(kosong)'}, rekening {key[1]} di realisasi "
                   f"SIPD-RI posisi {period.spoken(as_of)}: {shown}; DPA: {dpa_shown}. Pagu "
                   "unduhan hanya pembanding; periksa apakah DPA di folder versi terakhir.")
        issues.append(issue("snapshot-pagu-mismatch", message, file, sheet, cell,
                            "" if amount is None else format_rupiah(amount)))
    return rows, issues


def spj_control(spj_tables: Sequence[SheetTable], realisasi_lines: pd.DataFrame) -> Result:
    """Each SPJ's month realisasi per kode rekening (its lines: 6-level rows) against the
    realisasi lines of that month (`assemble.Inputs.realisasi`: tahun, bulan, kode_rekening,
    realisasi), summed over every sub kegiatan."""
    rows: list[Reconciliation] = []
    issues: list[Issue] = []
    for table in spj_tables:
        frame = table.frame
        months = frame["bulan"].dropna().unique()
        if frame.empty or len(months) != 1:
            continue  # an SPJ without its month was reported when it was read
        month = int(months[0])
        years = frame["tahun"].dropna().unique()
        year = int(years[0]) if len(years) else None
        ours = _realisasi_of_month(realisasi_lines, month, year)
        when = f"{period.month_name(month)}{f' {year}' if year else ''}"
        if ours.empty:
            message = (f"SPJ Fungsional bulan {when} tidak dapat dicocokkan: tidak ada realisasi "
                       "bulan itu dari unduhan SIPD-RI atau berkas templat.")
            issues.append(issue("spj-mismatch", message, table.file, table.sheet))
            continue
        found_rows, found_issues = _compare_month(table, ours, when)
        rows += found_rows
        issues += found_issues
    return rows, issues


def _compare_month(table: SheetTable, ours: pd.Series, when: str) -> Result:
    frame = table.frame
    lines = frame[frame["kode_rekening"].notna() & (frame["level"] == codes.LEAF_LEVEL)
                  & frame["realisasi"].notna() & ~frame["bad_realisasi"]]
    stated = lines.groupby("kode_rekening")["realisasi"].sum()
    first_row = lines.groupby("kode_rekening")["row"].min()
    unreadable = set(frame.loc[frame["bad_realisasi"], "kode_rekening"].dropna())
    rows: list[Reconciliation] = []
    issues: list[Issue] = []
    for code in sorted(set(stated.index) | set(ours.index), key=codes.sort_key):
        if code in unreadable:
            continue  # its unreadable cell is a finding of its own
        theirs = int(stated[code]) if code in stated.index else None
        computed = int(ours[code]) if code in ours.index else 0
        cell = table.cell("realisasi", int(first_row[code])) if theirs is not None else ""
        where = f"{table.file} › {table.sheet}!{cell}" if cell else table.file
        matched = (theirs or 0) == computed
        rows.append(Reconciliation("SPJ Fungsional vs realisasi", code, f"Realisasi {when}",
                                   theirs, computed, where, matched))
        if matched:
            continue
        shown = "tidak ada" if theirs is None else f"Rp {format_rupiah(theirs)}"
        message = (f"Realisasi {when} rekening {code} di SPJ Fungsional (jumlah tiga kolom "
                   f"Bulan Ini): {shown}; dari realisasi yang dihitung: Rp "
                   f"{format_rupiah(computed)}; selisih Rp "
                   f"{format_rupiah((theirs or 0) - computed)}.")
        issues.append(issue("spj-mismatch", message, table.file, table.sheet, cell,
                            "" if theirs is None else format_rupiah(theirs)))
    return rows, issues


def _realisasi_of_month(lines: pd.DataFrame, month: int, year: int | None) -> pd.Series:
    """The month's realisasi per kode rekening (every sub kegiatan added)."""
    if lines.empty:
        return pd.Series(dtype="int64")
    chosen = (lines["bulan"] == month).fillna(False)
    if year is not None:
        chosen &= (lines["tahun"] == year).fillna(False)
    picked = lines[chosen]
    return picked.groupby("kode_rekening")["realisasi"].sum().astype("int64")


def _latest_snapshot(parsed: Sequence[ParsedFile], year: int
                     ) -> tuple[ParsedFile, dt.date] | None:
    dated = []
    for item in parsed:
        text = item.meta.get(AS_OF, "")
        if not item.tables_of(SNAPSHOT) or not text:
            continue
        try:
            as_of = dt.date.fromisoformat(text)
        except ValueError:
            continue
        if as_of.year == year:
            dated.append((as_of, item.path, item))
    if not dated:
        return None
    latest = max(as_of for as_of, _, _ in dated)
    _, _, item = min((entry for entry in dated if entry[0] == latest), key=lambda e: e[1])
    return item, latest


def _snapshot_pagu(tables: list[SheetTable]) -> dict[tuple[str, str], tuple[int, SheetTable, int]]:
    """Per line of the snapshot: its PAGU (rows of one line added), table and first row."""
    found: dict[tuple[str, str], tuple[int, SheetTable, int]] = {}
    for table in tables:
        frame = table.frame
        usable = (frame["kode_rekening"].notna() & (frame["level"] == codes.LEAF_LEVEL)
                  & ~frame[["bad_kode_rekening", "bad_kode_sub_kegiatan", "bad_pagu",
                            "bad_tahun"]].any(axis=1) & frame["pagu"].notna())
        for line in frame[usable].sort_values("row").itertuples(index=False):
            key = (text(line.kode_sub_kegiatan), str(line.kode_rekening))
            amount = int(line.pagu)
            if key in found:
                total, first_table, first_row = found[key]
                found[key] = (total + amount, first_table, first_row)
            else:
                found[key] = (amount, table, int(line.row))
    return found


def _dpa_pagu(lines: pd.DataFrame) -> dict[tuple[str, str], tuple[int, int]]:
    """Per DPA line: its pagu murni and pagu perubahan (rows of one line added)."""
    if lines.empty:
        return {}
    keyed = lines.assign(kode_sub_kegiatan=lines["kode_sub_kegiatan"].astype(object)
                         .where(lines["kode_sub_kegiatan"].notna(), ""))
    sums = keyed.groupby(KEY)[["pagu_murni", "pagu"]].sum()
    return {(str(sub), str(code)): (int(murni), int(pagu))
            for (sub, code), (murni, pagu) in zip(sums.index, sums.to_numpy().tolist(),
                                                  strict=True)}
