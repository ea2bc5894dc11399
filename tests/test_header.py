"""pipeline.excel.header: finding the header row and reading the rows below it.

Covers `find_header` (header below title rows, aliases matched case-, space- and
punctuation-insensitively, missing required fields, the 20-row search limit, the LRA's
year-named columns), `raw_table` (Excel row numbers that honour `Grid.first_row`, blank
rows and the `1 2 3 4 …` numbering row skipped), `is_numbering_row` and `letters`.
Grids are built directly, and once from a real workbook whose data start at column C.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter

from pipeline.excel.grid import Grid, read_grids
from pipeline.excel.header import find_header, is_numbering_row, letters, raw_table
from pipeline.layouts import ANGGARAN, LRA, REALISASI

ANGGARAN_HEADER = ["Kode Sub Kegiatan", "Kode Rekening", "Uraian", "Pagu Murni",
                   "Pagu Perubahan"]
SUB = "1.06.01.2.01.0001"
ATK = "5.1.02.01.01.0024"


def grid(rows: Sequence[Sequence[object]], first_row: int = 1, first_col: int = 0) -> Grid:
    return Grid("Anggaran", rows, first_row, first_col)


# --- find_header ---------------------------------------------------------------------------

def test_header_below_title_rows_is_found() -> None:
    rows: list[Sequence[object]] = [
        ["PEMERINTAH KABUPATEN CONTOH", "", "", "", ""],
        ["DOKUMEN PELAKSANAAN ANGGARAN", "", "", "", ""],
        ["Tahun Anggaran 2023"],
        [],
        ANGGARAN_HEADER,
        [SUB, ATK, "ATK", 1_000_000.0, ""],
    ]
    header = find_header(grid(rows), ANGGARAN)
    assert header is not None
    assert header.row_index == 4  # Excel row 5
    assert header.columns == {"kode_sub_kegiatan": 0, "kode_rekening": 1, "uraian": 2,
                              "pagu_murni": 3, "pagu_perubahan": 4}
    assert header.missing == ()


def test_aliases_match_case_space_and_punctuation_insensitively() -> None:
    rows = [["No", "TAHUN", " bulan ", "Kd. Sub Keg", "KD. REK", "URAIAN", "NILAI", "Ket."]]
    header = find_header(Grid("Realisasi", rows, 1, 0), REALISASI)
    assert header is not None
    assert header.columns == {"tahun": 1, "bulan": 2, "kode_sub_kegiatan": 3,
                              "kode_rekening": 4, "uraian": 5, "realisasi": 6}
    assert header.missing == ()


@pytest.mark.parametrize("label", [
    "kode_akun", "Kode Akun", "Kd Rek", "KODE-REKENING", "  Kode   Rekening ", "kode rekening",
    "Kode\nRekening",
])
def test_kode_rekening_aliases(label: str) -> None:
    rows = [["Tahun", label, "Jumlah"]]
    header = find_header(Grid("Realisasi", rows, 1, 0), REALISASI)
    assert header is not None
    assert header.columns == {"tahun": 0, "kode_rekening": 1, "realisasi": 2}


def test_missing_required_fields_are_reported() -> None:
    rows = [["Kode Rekening", "Uraian", "Pagu Murni"]]  # no Kode Sub Kegiatan
    header = find_header(grid(rows), ANGGARAN)
    assert header is not None
    assert [field.name for field in header.missing] == ["kode_sub_kegiatan"]

    rows = [["Tahun", "Bulan", "Kode Rekening", "Uraian"]]  # no Realisasi
    header = find_header(Grid("Realisasi", rows, 1, 0), REALISASI)
    assert header is not None
    assert [field.name for field in header.missing] == ["realisasi"]


def test_row_naming_most_fields_wins_over_a_title_naming_one() -> None:
    rows = [["Uraian", "Laporan"], ["Uraian", "Kode Rekening"], ANGGARAN_HEADER]
    header = find_header(grid(rows), ANGGARAN)
    assert header is not None
    assert header.row_index == 2


def _with_header_at(index: int) -> Sequence[Sequence[object]]:
    return [[f"judul {row}"] for row in range(index)] + [ANGGARAN_HEADER]


def test_header_on_row_20_is_found_and_on_row_21_or_25_is_not() -> None:
    found = find_header(grid(_with_header_at(19)), ANGGARAN)  # Excel row 20
    assert found is not None and found.row_index == 19
    assert find_header(grid(_with_header_at(20)), ANGGARAN) is None  # Excel row 21
    assert find_header(grid(_with_header_at(24)), ANGGARAN) is None  # Excel row 25


def test_no_header_when_at_most_one_known_column() -> None:
    assert find_header(grid([]), ANGGARAN) is None
    assert find_header(grid([["Kode Rekening", "Foo", "Bar"]]), ANGGARAN) is None
    assert find_header(grid([["a", "b"], [1.0, 2.0]]), ANGGARAN) is None


def test_lra_year_named_columns() -> None:
    rows = [["Kode Rekening", "Uraian", "Anggaran", "Realisasi 2023", "Realisasi 2022"]]
    header = find_header(Grid("LRA", rows, 1, 0), LRA)
    assert header is not None
    assert header.columns == {"kode_rekening": 0, "uraian": 1, "anggaran": 2, "realisasi": 3,
                              "realisasi_lalu": 4}
    assert header.missing == ()


def test_lra_year_columns_in_any_order_and_spelling() -> None:
    rows = [["Kode Rekening", "Uraian", "Anggaran", "Realisasi TA 2022", "Realisasi Tahun 2023"]]
    header = find_header(Grid("LRA", rows, 1, 0), LRA)
    assert header is not None
    assert header.columns["realisasi"] == 4
    assert header.columns["realisasi_lalu"] == 3


def test_lra_fiscal_year_picks_its_column() -> None:
    rows = [["Kode Rekening", "Anggaran", "Realisasi 2024", "Realisasi 2023", "Realisasi 2022"]]
    header = find_header(Grid("LRA", rows, 1, 0), LRA, year=2023)
    assert header is not None
    assert header.columns["realisasi"] == 3
    assert header.columns["realisasi_lalu"] == 4


@pytest.mark.parametrize("year", [2023, None])
def test_lra_plain_realisasi_is_not_replaced_by_last_years_column(year: int | None) -> None:
    rows = [["Kode Rekening", "Uraian", "Anggaran", "Realisasi", "Realisasi 2022"]]
    header = find_header(Grid("LRA", rows, 1, 0), LRA, year=year)
    assert header is not None
    assert header.columns["realisasi"] == 3


def test_year_named_columns_only_count_for_the_lra() -> None:
    rows = [["Tahun", "Kode Rekening", "Realisasi 2023"]]
    header = find_header(Grid("Realisasi", rows, 1, 0), REALISASI)
    assert header is not None
    assert "realisasi" not in header.columns
    assert [field.name for field in header.missing] == ["realisasi"]


# --- raw_table -----------------------------------------------------------------------------

def test_raw_table_keeps_excel_rows_and_skips_blank_and_numbering_rows() -> None:
    rows: list[Sequence[object]] = [
        ["DPA 2023", "", "", "", "", ""],  # Excel row 3 (the grid starts on row 3)
        [*ANGGARAN_HEADER, "Catatan"],  # row 4
        [1.0, 2.0, 3.0, 4.0, 5.0, 6.0],  # row 5: numbering
        [SUB, ATK, "ATK", 1_000_000.0, "", ""],  # row 6
        ["", "", "", "", "", ""],  # row 7: blank
        ["  ", None, "", "", ""],  # row 8: blank (spaces, short row)
        [SUB, "5.1.02", "Jumlah", "1.500.000", "", "x"],  # row 9
        ["", "", "", "", "", "only an extra column"],  # row 10: no matched field
        ["", "", "", 250_000.0],  # row 11: an amount without codes is kept
    ]
    g = grid(rows, first_row=3)
    header = find_header(g, ANGGARAN)
    assert header is not None and header.row_index == 1
    table = raw_table(g, header)
    assert table["row"].tolist() == [6, 9, 11]
    assert list(table.columns) == ["kode_sub_kegiatan", "kode_rekening", "uraian",
                                   "pagu_murni", "pagu_perubahan", "row"]
    assert table["kode_rekening"].tolist() == [ATK, "5.1.02", ""]
    assert table["pagu_murni"].tolist() == [1_000_000.0, "1.500.000", 250_000.0]
    assert table["pagu_murni"].dtype == object  # raw values, typed later


def test_raw_table_without_numbering_row_keeps_the_first_data_row() -> None:
    rows: list[Sequence[object]] = [ANGGARAN_HEADER, [SUB, ATK, "ATK", 1.0, 2.0],
                                [SUB, ATK, "ATK", 3.0, 4.0]]
    g = grid(rows, first_row=1)
    header = find_header(g, ANGGARAN)
    assert header is not None
    table = raw_table(g, header)
    assert table["row"].tolist() == [2, 3]
    assert table["pagu_murni"].tolist() == [1.0, 3.0]


def test_raw_table_with_header_only() -> None:
    g = grid([ANGGARAN_HEADER], first_row=7)
    header = find_header(g, ANGGARAN)
    assert header is not None
    table = raw_table(g, header)
    assert len(table) == 0
    assert "row" in table.columns


@pytest.mark.parametrize(("row", "expected"), [
    ([1, 2, 3, 4, 5], True),
    ([1.0, 2.0, 3.0], True),
    (["1", "2", "3", "4"], True),
    (["", 1, "", 2, 3], True),  # blank cells of merged headers do not count
    ([1, 2, 3, "4=2+3"], True),
    ([1, 2], False),
    ([2, 3, 4], False),
    (["1", "3", "2", "4"], False),
    ([2023, 1, SUB, ATK, "ATK", 1000.0], False),
    ([], False),
])
def test_is_numbering_row(row: list[object], expected: bool) -> None:
    assert is_numbering_row(row) is expected


def test_letters_follow_first_col() -> None:
    g = Grid("Anggaran", [ANGGARAN_HEADER], 1, 2)  # data start at column C
    header = find_header(g, ANGGARAN)
    assert header is not None
    assert letters(g, header) == {"kode_sub_kegiatan": "C", "kode_rekening": "D", "uraian": "E",
                                  "pagu_murni": "F", "pagu_perubahan": "G"}


# --- a real workbook -----------------------------------------------------------------------

def _write_offset_workbook(path: Path) -> Path:
    """Title in C2, header in C4:G4, numbering in row 5, data in rows 6, 7 and 9."""
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    sheet = workbook.add_worksheet("Anggaran")
    sheet.write_string(1, 2, "DOKUMEN PELAKSANAAN ANGGARAN 2023")
    sheet.write_row(3, 2, ANGGARAN_HEADER)
    sheet.write_row(4, 2, [1, 2, 3, 4, 5])
    sheet.write_row(5, 2, [SUB, ATK, "Alat Tulis Kantor"])
    sheet.write_number(5, 5, 1_000_000)
    sheet.write_row(6, 2, [SUB, "5.1.02.01.01.0026", "Bahan Cetak", "500.000"])
    sheet.write_number(6, 6, 450_000)
    sheet.write_row(8, 2, [SUB])
    sheet.write_number(8, 3, 5.1)  # a code typed as a number stays raw here
    workbook.close()
    return path


def test_real_workbook_with_data_from_column_c(tmp_path: Path) -> None:
    path = _write_offset_workbook(tmp_path / "dpa.xlsx")
    g = read_grids(path, ["Anggaran"])["Anggaran"]
    assert (g.first_row, g.first_col) == (2, 2)
    header = find_header(g, ANGGARAN)
    assert header is not None
    assert g.excel_row(header.row_index) == 4
    assert letters(g, header) == {"kode_sub_kegiatan": "C", "kode_rekening": "D", "uraian": "E",
                                  "pagu_murni": "F", "pagu_perubahan": "G"}
    table = raw_table(g, header)
    assert table["row"].tolist() == [6, 7, 9]
    assert table["kode_rekening"].tolist() == [ATK, "5.1.02.01.01.0026", 5.1]
    assert table["pagu_murni"].tolist() == [1_000_000.0, "500.000", ""]
    assert table["pagu_perubahan"].tolist() == ["", 450_000.0, ""]
    assert pd.api.types.is_object_dtype(table["kode_rekening"])
