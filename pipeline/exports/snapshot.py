"""B1: the SIPD-RI realisasi per sub kegiatan × rekening, a cumulative snapshot.

One header row (title rows may sit above it):
`NO | TAHUN | KODE SKPD | NAMA SKPD | … | KODE SUB KEGIATAN | NAMA SUB KEGIATAN | KODE REKENING |
NAMA REKENING | PAGU | REALISASI`, optionally followed by the names of each level (`AKUN |
KELOMPOK | JENIS | OBJEK | RINCIAN OBJEK | SUB RINCIAN OBJEK`), which are not read.

REALISASI is cumulative, from 1 January to the file's as-of date; the month's flows are
made across files (`pipeline.exports.flows`). The as-of date comes from a title row
(`s.d. 31 Maret 2023`, `Per Tanggal 31-03-2023`) or else from the file name
(`2023-03-31`, `sd_Maret_2023`); a file with neither is an error naming the file. PAGU is a
control, compared with the DPA (`pipeline.exports.controls.snapshot_pagu`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

import pandas as pd

from pipeline.excel.grid import Grid
from pipeline.excel.header import Header, letters, raw_table
from pipeline.exports import period
from pipeline.exports.base import (
    AS_OF,
    LAYOUT,
    SKPD,
    SKPD_CODE,
    SNAPSHOT,
    YEAR,
    Export,
    Extract,
    Source,
)
from pipeline.exports.cells import typed_download
from pipeline.exports.skpd_rows import other_skpd
from pipeline.exports.totals import check_totals, rows_added, total_rows
from pipeline.findings import Issue, issue
from pipeline.layouts import Field, Layout
from pipeline.money import format_rupiah
from pipeline.tables import SheetTable

NAME = "sipd-realisasi-kumulatif"

SNAPSHOT_LAYOUT = Layout(SNAPSHOT, (), (
    Field("tahun", "Tahun", "year", ("Tahun Anggaran",)),
    Field("nama_skpd", "Nama SKPD", "text", ("Nama Perangkat Daerah", "Nama OPD")),
    Field("kode_skpd", "Kode SKPD", "text", ("Kode Perangkat Daerah", "Kode OPD")),
    Field("kode_sub_kegiatan", "Kode Sub Kegiatan", "program",
          ("Kd Sub Kegiatan", "Kode Subkegiatan", "Kode Sub Keg"), required=True),
    # Not the template's aliases `Akun` / `Rekening`: `AKUN` is a level-name column here.
    Field("kode_rekening", "Kode Rekening", "account", ("Kode Rek", "Kd Rek", "Kode Akun"),
          required=True),
    Field("uraian", "Nama Rekening", "text", ("Uraian", "Uraian Rekening", "Nama Akun")),
    Field("pagu", "Pagu", "money", ("Pagu Anggaran", "Anggaran"), required=True),
    Field("realisasi", "Realisasi", "money",
          ("Realisasi Kumulatif", "Jumlah Realisasi", "Total Realisasi"), required=True),
))
# Columns of the SNAPSHOT table, beside `row`, the `bad_` flags and `level`.
COLUMNS = ("tahun", "kode_sub_kegiatan", "kode_rekening", "uraian", "pagu", "realisasi")


def read(grid: Grid, header: Header, source: Source) -> Extract:
    """The snapshot's lines (cumulative realisasi) and what the file says of itself."""
    raw = raw_table(grid, header)
    columns = letters(grid, header)
    frame, issues = typed_download(raw, SNAPSHOT_LAYOUT, columns, source.display, grid.sheet)
    frame, found = _without_totals(frame, grid, columns, source)
    issues += found
    titles = grid.rows[:header.top]
    year = _year(frame)
    as_of, found = as_of_date(titles, source, grid.sheet)
    issues += found
    if year is None and as_of is not None:
        year = as_of.year
    if year is not None and as_of is not None:
        as_of, found = _within_year(as_of, year, source, grid.sheet)
        issues += found
    frame, found = _one_year(frame, year, columns, source, grid.sheet)
    issues += found
    other, found = other_skpd(frame, columns, source.display, grid.sheet, frame["bad_tahun"],
                              "baris ini")
    frame.loc[other, "bad_kode_sub_kegiatan"] = True  # a row that cannot be placed: refused
    issues += found
    issues += _codes_missing(frame, columns, source, grid.sheet)
    meta = {LAYOUT: NAME}
    if year is not None:
        meta[YEAR] = str(year)
    if as_of is not None:
        meta[AS_OF] = as_of.isoformat()
    for key, name in ((SKPD, "nama_skpd"), (SKPD_CODE, "kode_skpd")):
        named = frame[name].dropna()
        if len(named):
            meta[key] = str(named.mode().iloc[0])
    kept = frame[["row", *_flagged(COLUMNS), "level"]]
    table = SheetTable(SNAPSHOT, source.display, grid.sheet,
                       {name: letter for name, letter in columns.items() if name in COLUMNS},
                       kept.reset_index(drop=True))
    return Extract((table,), {}, tuple(issues), meta)


def as_of_date(titles: Sequence[Sequence[object]], source: Source, sheet: str
               ) -> tuple[dt.date | None, list[Issue]]:
    """The as-of date from the title rows, else from the file name; an error naming the
    file when neither states one, or when one states two different dates."""
    for where, found in (("judul", period.as_of_in_titles(titles)),
                         ("nama berkas", period.as_of_in_name(source.name))):
        if len(found) == 1:
            return found[0], []
        if len(found) > 1:
            dates = ", ".join(period.spoken(day) for day in found)
            message = (f"{where.capitalize()} berkas {source.name} menyebut lebih dari satu "
                       f"tanggal posisi ({dates}); realisasi kumulatif tidak dapat ditempatkan "
                       "pada satu bulan dan berkas ini tidak dihitung. Sisakan satu tanggal "
                       "posisi di judul atau di nama berkas.")
            return None, [issue("period-missing", message, source.display, sheet)]
    message = (f"Tanggal posisi realisasi kumulatif (misalnya 's.d. 31 Maret 2023') tidak "
               f"ditemukan di judul maupun di nama berkas {source.name}; berkas ini tidak "
               "dihitung. Tanggal berkas di komputer tidak dipakai. Beri nama berkas dengan "
               "tanggal posisinya, misalnya realisasi_2023-03-31.xlsx.")
    return None, [issue("period-missing", message, source.display, sheet)]


def _flagged(names: tuple[str, ...]) -> list[str]:
    return [column for name in names for column in (name, f"bad_{name}")]


def _year(frame: pd.DataFrame) -> int | None:
    """The year most rows state (None when no Tahun cell is readable)."""
    years = Counter(int(year) for year in frame.loc[~frame["bad_tahun"], "tahun"].dropna())
    return years.most_common(1)[0][0] if years else None


def _within_year(as_of: dt.date, year: int, source: Source, sheet: str
                 ) -> tuple[dt.date | None, list[Issue]]:
    """A date after the year's end (a download of the closed year) stands for 31 December;
    a date before the year began is an error."""
    if as_of.year == year:
        return as_of, []
    if as_of.year > year:
        message = (f"Tanggal posisi {period.spoken(as_of)} di berkas {source.name} sesudah akhir "
                   f"tahun anggaran {year}; realisasinya dibaca sebagai posisi 31 Desember "
                   f"{year}.")
        return dt.date(year, 12, 31), [issue("snapshot-period", message, source.display, sheet)]
    message = (f"Tanggal posisi {period.spoken(as_of)} di berkas {source.name} sebelum tahun "
               f"anggaran {year} yang tertulis di kolom Tahun; berkas ini tidak dihitung. "
               "Periksa tanggal di judul atau di nama berkas.")
    return None, [issue("period-missing", message, source.display, sheet)]


def _one_year(frame: pd.DataFrame, year: int | None, columns: dict[str, str], source: Source,
              sheet: str) -> tuple[pd.DataFrame, list[Issue]]:
    """A blank Tahun is the file's year; a row of another year is refused with its cell."""
    if year is None:
        return frame, []
    tahun = frame["tahun"].fillna(year).where(~frame["bad_tahun"])
    other = ((tahun != year).fillna(False) & ~frame["bad_tahun"]).astype(bool)
    issues = [issue("value-invalid", f"Tahun {int(value)} berbeda dengan tahun berkas ({year}); "
                    "baris ini tidak dihitung.", source.display, sheet,
                    f"{columns.get('tahun', '')}{row}", int(value))
              for value, row in zip(frame.loc[other, "tahun"], frame.loc[other, "row"],
                                    strict=True)]
    return frame.assign(tahun=tahun.astype("Int64"), bad_tahun=frame["bad_tahun"] | other), issues


def _codes_missing(frame: pd.DataFrame, columns: dict[str, str], source: Source, sheet: str
                   ) -> list[Issue]:
    """A row with an amount but no kode rekening is an error, not a skip."""
    has_amount = frame["realisasi"].notna() | frame["bad_realisasi"]
    missing = has_amount & frame["kode_rekening"].isna() & ~frame["bad_kode_rekening"]
    return [issue("code-missing", "Baris berisi angka Realisasi tetapi Kode Rekening kosong; "
                  "baris tidak dihitung.", source.display, sheet,
                  f"{columns.get('kode_rekening', '')}{row}")
            for row in frame.loc[missing, "row"]]


def _without_totals(frame: pd.DataFrame, grid: Grid, columns: dict[str, str], source: Source
                    ) -> tuple[pd.DataFrame, list[Issue]]:
    """A `JUMLAH` / `TOTAL` row (no codes, an amount) is a control, never counted: compared
    with the six-level lines it adds up (`totals`: those since the previous total, or all
    of them for a total of totals), as the file prints them."""
    totals = total_rows(frame, grid, ("kode_sub_kegiatan", "kode_rekening"), "realisasi")
    if not totals.any():
        return frame, []
    lines = frame["kode_rekening"].notna() & (frame["level"] == 6)
    unclear = (lines & frame["bad_realisasi"]) | frame["bad_kode_rekening"]
    issues = []
    for found in check_totals(frame, totals, lines, unclear, "realisasi"):
        message = (f"Baris jumlah realisasi tertulis Rp {format_rupiah(found.stated)}, "
                   f"sedangkan jumlah baris rekening yang dijumlahkannya ({rows_added(found)}) "
                   f"Rp {format_rupiah(found.computed)}; selisih Rp "
                   f"{format_rupiah(found.stated - found.computed)}. Baris jumlah tidak "
                   "dihitung.")
        issues.append(issue("subtotal-mismatch", message, source.display, grid.sheet,
                            f"{columns.get('realisasi', '')}{found.row}",
                            format_rupiah(found.stated)))
    return frame[~totals], issues


EXPORT = Export(
    name=NAME,
    title="Realisasi kumulatif SIPD-RI per sub kegiatan dan rekening",
    menu="SIPD-RI › Penatausahaan › Dashboard Statistik Belanja (realisasi per sub kegiatan, "
         "diunduh ke Excel)",
    layout=SNAPSHOT_LAYOUT,
    read=read,
)
