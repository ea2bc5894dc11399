"""Downloads built inline from the labels `shared/spec/real-exports.md` gives them.

Each builder writes the sheet as the download prints it: title rows, a header band with
merged group labels (the label in the top-left cell only, as any reader sees a merge), a
column-numbering row, and the columns in the order and with the extra columns the test
asks for. Cells are written as their Python type: str stays text.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import xlsxwriter

# C1 rows: (kode rekening as printed, uraian, anggaran, realisasi, realisasi tahun lalu)
AKLAP_ROWS: list[tuple[object, ...]] = [
    ("5", "BELANJA", "1.000.000", "800.000", "700.000"),
    ("5 . 1", "BELANJA OPERASI", "1.000.000", "800.000", "700.000"),
    ("5.1.02", "Belanja Barang dan Jasa", "1.000.000", "800.000", "700.000"),
    ("5.1.02.01.", "Belanja Barang", "1.000.000", "800.000", "700.000"),
    ("5.1.02.01.01", "Belanja Barang Pakai Habis", "1.000.000", "800.000", "700.000"),
    ("5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
     1_000_000, 800_000, "700.000"),
    ("", "JUMLAH BELANJA", "1.000.000", "800.000", "700.000"),
]
AKLAP_TITLES = ["PEMERINTAH KABUPATEN CONTOH", "LAPORAN REALISASI ANGGARAN", "DINAS CONTOH",
                "Untuk Tahun Yang Berakhir Sampai Dengan 31 Desember 2023"]


def write_rows(sheet: xlsxwriter.worksheet.Worksheet, first: int,
               rows: Sequence[Sequence[object]],
               merges: Sequence[tuple[int, int, int, int]] = ()) -> None:
    """`rows` from row `first` on; blank cells (None, "") are left empty. `merges` are
    (first row, first col, last row, last col) within `rows`, 0-based, written as Excel
    merges with the value in the top-left cell."""
    merged = {(top, left): (bottom, right) for top, left, bottom, right in merges}
    for offset, row in enumerate(rows):
        for column, value in enumerate(row):
            if (offset, column) in merged:
                bottom, right = merged[(offset, column)]
                sheet.merge_range(first + offset, column, first + bottom, right, value)
            elif value is None or value == "":
                continue
            elif isinstance(value, str):
                sheet.write_string(first + offset, column, value)
            else:
                sheet.write(first + offset, column, value)


def write_grid(path: Path, rows: Sequence[Sequence[object]], sheet_name: str = "Sheet1",
               merges: Sequence[tuple[int, int, int, int]] = ()) -> Path:
    """A workbook of one sheet holding `rows` as they are (see `write_rows`); text stays
    text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    write_rows(workbook.add_worksheet(sheet_name), 0, rows, merges)
    workbook.close()
    return path


def write_aklap_lra(path: Path, rows: Sequence[Sequence[object]] = AKLAP_ROWS, *,
                    titles: Sequence[str] = AKLAP_TITLES, drop: Sequence[str] = (),
                    sheet_name: str = "Sheet1") -> dict[str, int]:
    """A C1 download: four title rows, a blank row, a two-row header band (`Realisasi`
    merged over `2023` and `%`), a numbering row, then the rows. Columns reordered and
    widened: `Uraian | Kode Rekening | Keterangan | Anggaran | Realisasi 2023 | % |
    Realisasi Tahun Lalu`. `drop` leaves out header labels (a download missing a label).
    Returns the Excel row of each code as printed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    sheet = workbook.add_worksheet(sheet_name)
    merge = workbook.add_format({"align": "center"})
    for index, title in enumerate(titles):
        sheet.write_string(index, 0, title)
    top = len(titles) + 1
    labels = {0: "Uraian", 1: "Kode Rekening", 2: "Keterangan", 3: "Anggaran",
              6: "Realisasi Tahun Lalu"}
    for column, label in labels.items():
        if label not in drop:
            sheet.merge_range(top, column, top + 1, column, label, merge)
    if "Realisasi" not in drop:
        sheet.merge_range(top, 4, top, 5, "Realisasi", merge)
        sheet.write_string(top + 1, 4, "2023")
        sheet.write_string(top + 1, 5, "%")
    write_rows(sheet, top + 2, [["1", "2", "3", "4", "5", "6 = (5/4)", "7"]])
    first = top + 3
    printed = [[uraian, code, "", anggaran, realisasi, "", lalu]
               for code, uraian, anggaran, realisasi, lalu in rows]
    write_rows(sheet, first, printed)
    workbook.close()
    return {str(row[0]): first + offset + 1 for offset, row in enumerate(rows)}


# C2 rows: (NO URUT, URAIAN, ANGGARAN 2023, REALISASI 2023, REALISASI 2022)
SIMDA_ROWS: list[tuple[object, ...]] = [
    ("4", "PENDAPATAN", "100.000", "90.000", "80.000"),
    ("4.1", "PENDAPATAN ASLI DAERAH (PAD)", "100.000", "90.000", "80.000"),
    ("4.1.02", "Retribusi Daerah", "100.000", "90.000", "80.000"),
    ("5", "BELANJA", "1.000.000", "800.000", "700.000"),
    ("5.1", "BELANJA OPERASI", "1.000.000", "800.000", "700.000"),
    ("5.1.02", "Belanja Barang dan Jasa", "1.000.000", "800.000", "700.000"),
    ("5.1.02.01.01", "Belanja Barang Pakai Habis", "1.000.000", "800.000", "700.000"),
    ("", "DEFISIT", "900.000", "710.000", "620.000"),
]
SIMDA_TITLES = ["PEMERINTAH KABUPATEN CONTOH",
                "LAPORAN REALISASI ANGGARAN PENDAPATAN DAN BELANJA DAERAH",
                "SKPD : 1.06.01 - Dinas Contoh", "TAHUN ANGGARAN 2023"]


def write_simda_lra(path: Path, rows: Sequence[Sequence[object]] = SIMDA_ROWS, *,
                    titles: Sequence[str] = SIMDA_TITLES) -> dict[str, int]:
    """A C2 download: title rows, `NO URUT | URAIAN | ANGGARAN 2023 | REALISASI 2023 |
    (%) | REALISASI 2022`, a numbering row, the rows; returns each row's Excel row by
    its NO URUT, or by its URAIAN when it has none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    sheet = workbook.add_worksheet("LRA SAP")
    for index, title in enumerate(titles):
        sheet.write_string(index, 0, title)
    top = len(titles) + 1
    write_rows(sheet, top, [["NO URUT", "URAIAN", "ANGGARAN 2023", "REALISASI 2023", "(%)",
                             "REALISASI 2022"], ["1", "2", "3", "4", "5", "6"]])
    printed = [[code, uraian, anggaran, realisasi, "", lalu]
               for code, uraian, anggaran, realisasi, lalu in rows]
    write_rows(sheet, top + 2, printed)
    workbook.close()
    return {str(row[0]) or str(row[1]): top + 3 + offset for offset, row in enumerate(rows)}
