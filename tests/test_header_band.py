"""Header bands: a header written over two or three rows, group labels merged over their
columns (the label in the top-left cell only), a numbering row under it.

The B2 (SPJ Fungsional) header of the spec is the hardest case: `Kode Rekening` merged over
six cells and two rows, three `SPJ - …` groups each over `s.d. Bulan Lalu | Bulan Ini |
s.d. Bulan Ini`, and `1 | 2 | 3 | 6 = (4+5)` under it. Single-row headers keep their
behaviour (tests/test_header.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import xlsxwriter

from pipeline.excel.band import band_columns
from pipeline.excel.grid import Grid, read_grids
from pipeline.excel.header import find_header, raw_table
from pipeline.layouts import LRA, Field, Layout, normalise_label

SPJ = Layout("spj", (), (
    Field("kode_rekening", "Kode Rekening", "account", required=True),
    Field("uraian", "Uraian", "text"),
    Field("anggaran", "Jumlah Anggaran", "money", required=True),
    Field("gaji", "SPJ LS Gaji Bulan Ini", "money", required=True),
    Field("gaji_lalu", "SPJ LS Gaji s.d. Bulan Lalu", "money"),
    Field("barang", "SPJ LS Barang Jasa Bulan Ini", "money", required=True),
    Field("up", "SPJ UP GU TU Bulan Ini", "money", required=True),
    Field("bulan_ini", "Bulan Ini", "money"),  # a bare label: only a column's own label
    Field("sisa", "Sisa Pagu Anggaran", "money"),
))
GROUPS = ["SPJ - LS Gaji", "SPJ - LS Barang & Jasa", "SPJ - UP/GU/TU"]
CHILDREN = ["s.d. Bulan Lalu", "Bulan Ini", "s.d. Bulan Ini"]
NUMBERS = ["1", "2", "3", "4", "5", "6 = (4+5)", "7", "8", "9 = (7+8)", "10", "11",
           "12 = (10+11)", "13 = (6+9+12)", "14 = (3-13)"]


def spj_rows() -> list[list[object]]:
    """The B2 sheet as a reader sees it: title rows, the band, the numbering row, a line."""
    top: list[object] = ["Kode Rekening", "", "", "", "", "", "Uraian", "Jumlah Anggaran"]
    second: list[object] = [""] * 8
    numbers: list[object] = [NUMBERS[0], "", "", "", "", "", *NUMBERS[1:3]]
    for group in GROUPS:
        top += [group, "", ""]
        second += CHILDREN
    top += ["Jumlah SPJ (LS + UP/GU/TU) s.d. Bulan Ini", "Sisa Pagu Anggaran"]
    second += ["", ""]
    numbers += NUMBERS[3:]
    line: list[object] = ["5", "1", "02", "01", "01", "0024", "ATK", "1.000.000",
                          0, 100, 100, 0, 0, 0, 0, 0, 0, 100, "999.900"]
    return [["PEMERINTAH KABUPATEN CONTOH"], ["SPJ FUNGSIONAL"], ["Bulan : Maret"],
            top, second, numbers, line]


def test_group_children_match_by_parent_and_child_path() -> None:
    header = find_header(Grid("SPJ", spj_rows(), 1, 0), SPJ)
    assert header is not None
    assert header.missing == ()
    assert header.columns == {"kode_rekening": 0, "uraian": 6, "anggaran": 7, "gaji_lalu": 8,
                              "gaji": 9, "barang": 12, "up": 15, "sisa": 18}
    assert (header.row_index, header.height, header.top) == (4, 2, 3)  # the band's LAST row


def test_a_merged_label_spans_the_cells_it_covers() -> None:
    header = find_header(Grid("SPJ", spj_rows(), 1, 0), SPJ)
    assert header is not None
    assert header.span("kode_rekening") == 6
    assert header.span("uraian") == 1


def test_the_body_starts_under_the_band_and_its_numbering_row() -> None:
    grid = Grid("SPJ", spj_rows(), 1, 0)
    header = find_header(grid, SPJ)
    assert header is not None
    body = raw_table(grid, header)
    assert body["row"].tolist() == [7]  # Excel row 7: the line, not the numbering row
    assert body.loc[0, "gaji"] == 100 and body.loc[0, "anggaran"] == "1.000.000"


def test_a_bare_child_label_is_matched_only_as_its_own_label() -> None:
    """`Bulan Ini` (a field of its own here) is the own label of three columns; the path
    names each first, so the bare field goes to no column already named by its path."""
    header = find_header(Grid("SPJ", spj_rows(), 1, 0), SPJ)
    assert header is not None
    assert "bulan_ini" not in header.columns


def test_a_title_row_caught_in_the_band_hides_no_label() -> None:
    columns = band_columns([[normalise_label("LAPORAN REALISASI ANGGARAN"), "", ""],
                            ["koderekening", "uraian", "anggaran"]])
    assert [column.candidates[-1] for column in columns] == ["koderekening", "uraian",
                                                             "anggaran"]
    assert columns[1].candidates == ("laporanrealisasianggaranuraian", "uraian")


def test_a_year_under_a_merged_realisasi_names_the_year_columns() -> None:
    rows: list[Sequence[object]] = [
        ["Kode Rekening", "Uraian", "Anggaran", "Realisasi", "", "%"],
        ["", "", "", "2023", "2022", ""],
        ["5", "BELANJA", 10, 8, 7, ""],
    ]
    header = find_header(Grid("LRA", rows, 1, 0), LRA)
    assert header is not None
    assert header.columns == {"kode_rekening": 0, "uraian": 1, "anggaran": 2, "realisasi": 3,
                              "realisasi_lalu": 4}
    assert header.row_index == 1


def test_a_second_band_row_that_adds_no_field_still_belongs_to_the_header() -> None:
    """`Realisasi` over `2023 | %`: the row alone names as many fields as the band, yet the
    row under it is header, not a data row."""
    rows: list[Sequence[object]] = [
        ["Kode Rekening", "Uraian", "Anggaran", "Realisasi", "", "Realisasi Tahun Lalu"],
        ["", "", "", "2023", "%", ""],
        ["5", "BELANJA", 10, 8, 80, 7],
    ]
    grid = Grid("LRA", rows, 1, 0)
    header = find_header(grid, LRA)
    assert header is not None and header.row_index == 1
    assert raw_table(grid, header)["row"].tolist() == [3]


def test_a_blank_row_under_a_one_row_header_is_not_taken_into_it() -> None:
    rows: list[Sequence[object]] = [["Kode Rekening", "Uraian", "Anggaran", "Realisasi"],
                                    [], ["5", "BELANJA", 10, 8]]
    header = find_header(Grid("LRA", rows, 1, 0), LRA)
    assert header is not None and (header.row_index, header.height) == (0, 1)


def test_a_real_workbook_with_merged_cells(tmp_path: Path) -> None:
    """xlsxwriter writes each merge's value in its top-left cell only, as Excel does."""
    path = tmp_path / "spj.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("SPJ")
    plain = workbook.add_format()
    sheet.write_string(0, 2, "SPJ FUNGSIONAL")
    sheet.merge_range(2, 0, 3, 5, "Kode Rekening", plain)
    sheet.merge_range(2, 6, 3, 6, "Uraian", plain)
    sheet.merge_range(2, 7, 3, 7, "Jumlah Anggaran", plain)
    for index, group in enumerate(GROUPS):
        first = 8 + 3 * index
        sheet.merge_range(2, first, 2, first + 2, group, plain)
        sheet.write_row(3, first, CHILDREN)
    sheet.write_row(4, 0, ["1"])
    sheet.write_row(4, 6, ["2", "3", "4", "5", "6 = (4+5)", "7", "8", "9", "10", "11", "12"])
    sheet.write_row(5, 0, ["5", "1", "02", "01", "01", "0024", "ATK", 1000, 0, 10, 10,
                           0, 20, 20, 0, 30, 30])
    workbook.close()
    grid = read_grids(path, ["SPJ"])["SPJ"]
    header = find_header(grid, SPJ)
    assert header is not None and header.missing == ()
    assert grid.excel_row(header.row_index) == 4
    assert {name: grid.letter(column) for name, column in header.columns.items()
            if name in ("gaji", "barang", "up")} == {"gaji": "J", "barang": "M", "up": "P"}
    body = raw_table(grid, header)
    assert body["row"].tolist() == [6]
    assert [body.loc[0, name] for name in ("gaji", "barang", "up")] == [10, 20, 30]
