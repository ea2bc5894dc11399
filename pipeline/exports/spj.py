"""B2: the SPJ Fungsional / LPJ of one month, per rekening (SIPD-RI and SIMDA alike).

Title rows name the month (`Bulan : Maret`, `Periode Maret 2023`). A header band of up to
three rows: the code split over six cells (one segment each) under one merged `Kode
Rekening`; `Uraian`; `Jumlah Anggaran`; three groups `SPJ - LS Gaji`, `SPJ - LS Barang &
Jasa`, `SPJ - UP/GU/TU`, each over `s.d. Bulan Lalu | Bulan Ini | s.d. Bulan Ini`; `Jumlah
SPJ (LS + UP/GU/TU) s.d. Bulan Ini`; `Sisa Pagu Anggaran`; then a numbering row
`1 | 2 | 3 | 4 | 5 | 6 = (4+5) …`, which is skipped.

Rows come at every level; the 6-level ones are the lines. The month's realisasi of a line is
its three `Bulan Ini` cells added. The SPJ has no sub kegiatan: it is a control per
(rekening, month) (`pipeline.exports.controls.spj_control`); its own figures are checked
against each other here (s.d. Bulan Ini = s.d. Bulan Lalu + Bulan Ini, the Jumlah SPJ, the
Sisa Pagu, and each parent row against its lines). It is never counted: without a sub
kegiatan it cannot place realisasi in the program tables, so an SPJ alone gives no
realisasi and its control says there is nothing to compare with.

Columns are found by the band's labels (a column under a merged parent is named by the
parent and its own label: `SPJ - LS Gaji` + `Bulan Ini`, `pipeline.excel.band`), never by
position; the code's cells are those its merged `Kode Rekening` covers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from pipeline import codes, subtotals
from pipeline.excel.grid import Grid
from pipeline.excel.header import Header, is_numbering_row
from pipeline.exports import period
from pipeline.exports.base import (
    LAYOUT,
    MONTH,
    SKPD,
    SPJ,
    YEAR,
    Export,
    Extract,
    Source,
)
from pipeline.exports.cells import blank, typed_download
from pipeline.exports.totals import check_totals, rows_added, total_rows
from pipeline.findings import Issue, issue
from pipeline.layouts import Field, Layout
from pipeline.money import format_rupiah
from pipeline.tables import SheetTable

NAME = "spj-fungsional"

# The three SPJ groups: field prefix, label, aliases of the label.
GROUPS = (
    ("gaji", "SPJ - LS Gaji", ("SPJ LS Gaji", "LS Gaji")),
    ("barjas", "SPJ - LS Barang & Jasa",
     ("SPJ LS Barang dan Jasa", "SPJ LS Barang Jasa", "LS Barang & Jasa", "LS Barang dan Jasa")),
    ("up", "SPJ - UP/GU/TU", ("SPJ UP GU TU", "UP/GU/TU", "SPJ UP/GU", "SPJ UP/GU/TU")),
)
# The three columns under each group: field suffix and label.
STEPS = (("lalu", "s.d. Bulan Lalu"), ("ini", "Bulan Ini"), ("sd", "s.d. Bulan Ini"))
MONTH_FIELDS = tuple(f"{group}_ini" for group, _, _ in GROUPS)

SPJ_LAYOUT = Layout(SPJ, (), (
    Field("kode_rekening", "Kode Rekening", "account", ("Kode Rek", "Kd Rek", "Kode Akun"),
          required=True),
    Field("uraian", "Uraian", "text", ("Nama Rekening", "Uraian Rekening")),
    Field("anggaran", "Jumlah Anggaran", "money", ("Anggaran", "Pagu Anggaran")),
    *(Field(f"{group}_{step}", f"{label} {step_label}", "money",
            tuple(f"{alias} {step_label}" for alias in aliases), required=step == "ini")
      for group, label, aliases in GROUPS for step, step_label in STEPS),
    Field("jumlah_sd", "Jumlah SPJ (LS + UP/GU/TU) s.d. Bulan Ini", "money",
          ("Jumlah SPJ s.d. Bulan Ini", "Jumlah SPJ LS UP GU TU s.d. Bulan Ini")),
    Field("sisa", "Sisa Pagu Anggaran", "money", ("Sisa Pagu", "Sisa Anggaran")),
))
# `SKPD : Dinas Sosial` in a title row (also `Perangkat Daerah`, `Organisasi`, `OPD`).
_SKPD_TITLE = re.compile(r"^\s*(?:skpd|opd|perangkat\s+daerah|organisasi|unit\s+organisasi)"
                         r"\s*:\s*(.+?)\s*$", re.IGNORECASE)


def read(grid: Grid, header: Header, source: Source) -> Extract:
    """The SPJ's rows typed, its month's realisasi per row, and the month it reports.
    (Recognition found every required label: `header.missing` is empty.)"""
    letters = {name: grid.letter(column) for name, column in header.columns.items()}
    raw = _raw(grid, header)
    frame, issues = typed_download(raw, SPJ_LAYOUT, letters, source.display, grid.sheet)
    titles = grid.rows[:header.top]
    month, year, found = month_of(titles, source, grid.sheet)
    issues += found
    frame = frame.assign(
        tahun=pd.Series([year] * len(frame), dtype="Int64"),
        bulan=pd.Series([month] * len(frame), dtype="Int64"),
        realisasi=_month_realisasi(frame),
        bad_realisasi=frame[[f"bad_{name}" for name in MONTH_FIELDS]].any(axis=1))
    frame, found = _without_totals(frame, grid, letters, source)
    issues += found
    issues += _codes_missing(frame, letters, source, grid.sheet)
    table = SheetTable(SPJ, source.display, grid.sheet,
                       {**letters, "realisasi": letters[MONTH_FIELDS[0]]},
                       frame.reset_index(drop=True))
    issues += own_checks(table)
    meta = {LAYOUT: NAME}
    if month is not None:
        meta[MONTH] = str(month)
    if year is not None:
        meta[YEAR] = str(year)
    skpd = skpd_of(titles)
    if skpd:
        meta[SKPD] = skpd
    return Extract((table,), {}, tuple(issues), meta)


def skpd_of(titles: Sequence[Sequence[object]]) -> str:
    """The SKPD a title row names (`SKPD : Dinas Sosial`, the value in the same cell or in
    the next filled one), or ""."""
    for row in titles:
        cells = [str(cell).strip() for cell in row
                 if cell is not None and str(cell).strip() not in ("", ":")]
        for position, cell in enumerate(cells):
            match = _SKPD_TITLE.match(cell)
            if match:
                return match.group(1)
            label = cell.rstrip(":").strip()
            if _SKPD_TITLE.match(f"{label} : x") and position + 1 < len(cells):
                value = cells[position + 1].lstrip(":").strip()
                if value:
                    return value
    return ""


def _raw(grid: Grid, header: Header) -> pd.DataFrame:
    """The rows below the header band (and below its numbering row) as raw cells, the
    kode rekening's segments, spread over the cells its merged label covers, joined."""
    body = header.row_index + 1
    if body < len(grid.rows) and is_numbering_row(grid.rows[body]):
        body += 1
    start = header.columns["kode_rekening"]
    code_columns = range(start, start + header.span("kode_rekening"))
    records = []
    for offset, row in enumerate(grid.rows[body:]):
        cells = {name: _cell(row, column) for name, column in header.columns.items()}
        cells["kode_rekening"] = _code_cells([_cell(row, column) for column in code_columns])
        if all(blank(value) for value in cells.values()):
            continue
        records.append({**cells, "row": grid.excel_row(body + offset)})
    raw = pd.DataFrame({name: pd.Series([record[name] for record in records], dtype=object)
                        for name in header.columns})
    raw = raw.where(raw.notna(), "")  # a blank cell reads as "", as `raw_table` gives it
    raw["row"] = pd.Series([record["row"] for record in records], dtype="int64")
    return raw


def _code_cells(cells: Sequence[object]) -> object:
    """The kode rekening of a row from the cells its merged label covers: a code split over
    them joined (`codes.join_segments`), else their raw text for the finding that refuses
    it (`5 | 1 | _ | 01`); a code in one cell as it is."""
    if len(cells) == 1:
        return cells[0]
    joined = codes.join_segments(cells)
    if joined.code is not None:
        return joined.code
    return codes.shown_segments(cells) if joined.problem else None


def month_of(titles: Sequence[Sequence[object]], source: Source, sheet: str
             ) -> tuple[int | None, int | None, list[Issue]]:
    """The month (and year) the title rows name, else the file name; an error naming the
    file when neither does, or when two different months are named."""
    named = period.month_in_titles(titles)
    if not named:
        named = list(dict.fromkeys((day.month, day.year)
                                   for day in period.as_of_in_name(source.name)))
    months = sorted({month for month, _ in named})
    year = next((year for _, year in named if year is not None), None)
    if year is None:
        year = period.year_in_titles(titles)
    if year is None:
        year = next((day.year for day in period.as_of_in_name(source.name)), None)
    if len(months) == 1:
        return months[0], year, []
    if months:
        shown = ", ".join(period.month_name(month) for month in months)
        message = (f"Judul atau nama berkas {source.name} menyebut lebih dari satu bulan "
                   f"({shown}); SPJ Fungsional ini tidak dapat ditempatkan pada satu bulan dan "
                   "tidak dipakai sebagai pembanding. Sisakan satu bulan di judulnya.")
    else:
        message = (f"Bulan SPJ Fungsional (misalnya 'Bulan : Maret' atau 'Periode Maret 2023') "
                   f"tidak ditemukan di judul maupun di nama berkas {source.name}; SPJ ini tidak "
                   "dipakai sebagai pembanding. Beri nama berkas dengan bulannya, misalnya "
                   "SPJ_Fungsional_Maret_2023.xlsx.")
    return None, year, [issue("period-missing", message, source.display, sheet)]


def _month_realisasi(frame: pd.DataFrame) -> pd.Series:
    """The three `Bulan Ini` cells added (a blank cell is 0); blank when one is unreadable
    or when the row has none of them."""
    cells = frame[list(MONTH_FIELDS)]
    total = cells.fillna(0).sum(axis=1).astype("Int64")
    unreadable = frame[[f"bad_{name}" for name in MONTH_FIELDS]].any(axis=1)
    return total.mask(unreadable | cells.isna().all(axis=1))


def own_checks(table: SheetTable) -> list[Issue]:
    """The SPJ's figures against each other: each group's s.d. Bulan Ini, the Jumlah SPJ,
    the Sisa Pagu, and each parent row's month against its lines."""
    frame = table.frame
    rules: list[tuple[str, tuple[str, ...], tuple[int, ...], str]] = [
        (f"{group}_sd", (f"{group}_lalu", f"{group}_ini"), (1, 1),
         f"{label} s.d. Bulan Ini ≠ s.d. Bulan Lalu + Bulan Ini")
        for group, label, _ in GROUPS]
    rules.append(("jumlah_sd", tuple(f"{group}_sd" for group, _, _ in GROUPS), (1, 1, 1),
                  "Jumlah SPJ s.d. Bulan Ini ≠ jumlah tiga kolom s.d. Bulan Ini"))
    rules.append(("sisa", ("anggaran", "jumlah_sd"), (1, -1),
                  "Sisa Pagu Anggaran ≠ Jumlah Anggaran − Jumlah SPJ s.d. Bulan Ini"))
    issues: list[Issue] = []
    for stated, parts, signs, what in rules:
        if stated not in table.letters or not all(part in table.letters for part in parts):
            continue
        readable = frame[stated].notna() & ~frame[[f"bad_{name}" for name in (stated, *parts)]
                                                  ].any(axis=1)
        computed = sum((frame[part].fillna(0) * sign for part, sign in zip(parts, signs,
                                                                          strict=True)),
                       start=pd.Series(0, index=frame.index, dtype="Int64"))
        wrong = readable & (frame[stated] != computed).fillna(False)
        for index in frame.index[wrong]:
            issues.append(_own_mismatch(table, stated, int(frame.at[index, "row"]),
                                        int(frame.at[index, stated]), int(computed[index]), what))
    return issues + _parent_rows(table)


def _parent_rows(table: SheetTable) -> list[Issue]:
    frame = table.frame.assign(file=table.file, sheet=table.sheet)
    usable = frame["kode_rekening"].notna() & frame["realisasi"].notna() & ~frame["bad_realisasi"]
    leaves = frame[usable & (frame["level"] == codes.LEAF_LEVEL)]
    declared = frame[usable & (frame["level"] < codes.LEAF_LEVEL)]
    found = subtotals.compare(leaves, declared, ["sheet"], {"realisasi": "realisasi"})
    return [_own_mismatch(table, "realisasi", mismatch.row, mismatch.declared, mismatch.computed,
                          f"Realisasi bulan ini baris induk {mismatch.code} ≠ jumlah rinciannya")
            for mismatch in found]


def _own_mismatch(table: SheetTable, field: str, row: int, stated: int, computed: int,
                  what: str) -> Issue:
    cell = table.cell(field, row)
    message = (f"SPJ Fungsional tidak cocok dengan dirinya sendiri: {what} (tertulis Rp "
               f"{format_rupiah(stated)}, seharusnya Rp {format_rupiah(computed)}; selisih Rp "
               f"{format_rupiah(stated - computed)}).")
    return issue("spj-total-mismatch", message, table.file, table.sheet, cell,
                 format_rupiah(stated))


def _without_totals(frame: pd.DataFrame, grid: Grid, letters: dict[str, str], source: Source
                    ) -> tuple[pd.DataFrame, list[Issue]]:
    """A `JUMLAH` row (no code, an amount) is a control, never a line: its month realisasi
    compared with the six-level lines it adds up (`totals`)."""
    totals = total_rows(frame, grid, ("kode_rekening",), "realisasi")
    if not totals.any():
        return frame, []
    lines = frame["kode_rekening"].notna() & (frame["level"] == codes.LEAF_LEVEL)
    unclear = (lines & frame["bad_realisasi"]) | frame["bad_kode_rekening"]
    table = SheetTable(SPJ, source.display, grid.sheet, {"realisasi": letters[MONTH_FIELDS[0]]},
                       frame)
    issues = [_own_mismatch(table, "realisasi", found.row, found.stated, found.computed,
                            f"baris Jumlah ≠ jumlah rekening yang dijumlahkannya "
                            f"({rows_added(found)})")
              for found in check_totals(frame, totals, lines, unclear, "realisasi")]
    return frame[~totals], issues


def _codes_missing(frame: pd.DataFrame, letters: dict[str, str], source: Source, sheet: str
                   ) -> list[Issue]:
    has_amount = frame["realisasi"].notna() | frame["bad_realisasi"]
    missing = has_amount & frame["kode_rekening"].isna() & ~frame["bad_kode_rekening"]
    return [issue("code-missing", "Baris SPJ berisi angka tetapi Kode Rekening kosong; baris "
                  "tidak dipakai.", source.display, sheet, f"{letters['kode_rekening']}{row}")
            for row in frame.loc[missing, "row"]]


def _cell(row: Sequence[object], column: int) -> object:
    return row[column] if column < len(row) else None


EXPORT = Export(
    name=NAME,
    title="SPJ Fungsional / LPJ bulanan",
    menu="SIPD-RI › Penatausahaan › Pertanggungjawaban › SPJ Fungsional (juga SIMDA Keuangan "
         "› Laporan › SPJ Fungsional)",
    layout=SPJ_LAYOUT,
    read=read,
)
