"""Small input workbooks built inline, the way an officer's files look.

`write_dpa` and `write_realisasi` write the sheets of the input contract with xlsxwriter;
rows are plain lists in the order of the header given, so a test shows its data.
Every cell is written as its Python type: str stays text (codes, Indonesian notation),
int/float become numbers.
"""

from __future__ import annotations

from pathlib import Path

import xlsxwriter

IDENTITAS = {
    "Pemerintah Daerah": "Kabupaten Contoh",
    "Perangkat Daerah": "Dinas Contoh",
    "Tahun Anggaran": 2023,
    "Kepala Perangkat Daerah": "Kepala Contoh",
    "NIP": "197001012000011001",
}
PROGRAM_HEADER = ["Kode", "Nomenklatur", "Indikator"]
PROGRAMS = [
    ["1.06.01", "Program Penunjang", ""],
    ["1.06.01.2.01", "Perencanaan", ""],
    ["1.06.01.2.01.0001", "Penyusunan Dokumen", ""],
    ["1.06.01.2.01.0002", "Evaluasi Kinerja", ""],
]
ANGGARAN_HEADER = ["Kode Sub Kegiatan", "Kode Rekening", "Uraian", "Pagu Murni",
                   "Pagu Perubahan"]
REALISASI_HEADER = ["Tahun", "Bulan", "Kode Sub Kegiatan", "Kode Rekening", "Uraian",
                    "Realisasi"]
SUB = "1.06.01.2.01.0001"
SUB2 = "1.06.01.2.01.0002"
ATK = "5.1.02.01.01.0024"  # Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor
CETAK = "5.1.02.01.01.0026"  # Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Cetak


def write_sheet(workbook: xlsxwriter.Workbook, name: str, header: list[str],
                rows: list[list[object]], title_rows: int = 0) -> None:
    sheet = workbook.add_worksheet(name)
    for index in range(title_rows):
        sheet.write_string(index, 0, f"JUDUL LAPORAN {index + 1}")
    sheet.write_row(title_rows, 0, header)
    for offset, row in enumerate(rows, start=title_rows + 1):
        for column, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                sheet.write_string(offset, column, value)
            else:
                sheet.write(offset, column, value)


def write_dpa(path: Path, anggaran: list[list[object]], *, header: list[str] | None = None,
              programs: list[list[object]] | None = None, identitas: dict[str, object] | None
              = None, title_rows: int = 0) -> Path:
    """A DPA workbook: `Identitas`, `Program` and `Anggaran` (rows under `header`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    sheet = workbook.add_worksheet("Identitas")
    for row, (label, value) in enumerate((identitas or IDENTITAS).items()):
        sheet.write_string(row, 0, label)
        sheet.write(row, 1, value)
    write_sheet(workbook, "Program", PROGRAM_HEADER, programs or PROGRAMS)
    write_sheet(workbook, "Anggaran", header or ANGGARAN_HEADER, anggaran, title_rows)
    workbook.close()
    return path


def write_realisasi(path: Path, rows: list[list[object]], *, header: list[str] | None = None,
                    sheet: str = "Realisasi", title_rows: int = 0) -> Path:
    """A realisasi workbook with one sheet of rows under `header`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    write_sheet(workbook, sheet, header or REALISASI_HEADER, rows, title_rows)
    workbook.close()
    return path


def one_line_folder(folder: Path) -> Path:
    """A template DPA of one line (ATK, pagu Rp 1.000.000) and Rp 800.000 of its realisasi
    in March 2023; no realisasi of 2022."""
    write_dpa(folder / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None]])
    write_realisasi(folder / "real.xlsx", [[2023, 3, SUB, ATK, "ATK", 800_000]])
    return folder


def simple_folder(folder: Path) -> Path:
    """A clean minimal input: two DPA lines, realisasi in January and February."""
    write_dpa(folder / "dpa.xlsx", [
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, 900_000],
        [SUB, CETAK, "Bahan Cetak", 500_000, None],
    ])
    write_realisasi(folder / "real_01.xlsx", [[2023, 1, SUB, ATK, "ATK", 100_000]])
    write_realisasi(folder / "real_02.xlsx", [[2023, 2, SUB, CETAK, "Cetak", "250.000"]])
    return folder
