"""Validation findings end to end, each with the exact cell it names.

Every test builds its input folder inline and runs the whole pipeline. Cells are worked out
by hand: header on Excel row 1 unless title rows are added, columns A.. in header order, so
the Anggaran sheet is A Kode Sub Kegiatan, B Kode Rekening, C Uraian, D Pagu Murni,
E Pagu Perubahan and the Realisasi sheet is A Tahun, B Bulan, C Kode Sub Kegiatan,
D Kode Rekening, E Uraian, F Realisasi. Amounts of `LraRow` are in sen (rupiah × 100).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter
from builders import (
    ATK,
    CETAK,
    PROGRAMS,
    REALISASI_HEADER,
    SUB,
    SUB2,
    write_dpa,
    write_realisasi,
)
from python_calamine import CalamineWorkbook

from pipeline.findings import Issue, Severity
from pipeline.lra import LraRow
from pipeline.run import NothingToReport, RunConfig, RunResult, run

SEN = 100
PLACE = ["code", "file", "sheet", "cell", "value"]  # the fields of report.flatten(PLACE, ...)


def run_folder(folder: Path) -> RunResult:
    return run(RunConfig(folder, folder.parent / "out"))


def findings(result: RunResult) -> list[Issue]:
    """Every finding except the note that these folders hold no PK, which is on purpose."""
    return [found for found in result.report.issues if found.code != "pk-missing"]


def issues_of(result: RunResult, *codes: str) -> list[Issue]:
    return [found for found in result.report.issues if found.code in codes]


def account(result: RunResult, code: str) -> LraRow | None:
    return next((row for row in result.report.lra
                 if row.kind == "account" and row.code == code), None)


def realisasi_of(result: RunResult, code: str) -> int:
    row = account(result, code)
    return 0 if row is None else row.realisasi


def validasi_rows(result: RunResult) -> list[list[object]]:
    """The `Validasi` findings table of the written report, read as a non-recalculating
    reader does: the rows under its header (Tingkat, Kode, Pesan, Berkas, Sheet, Sel, Nilai,
    Keterangan kode), down to the blank row above the list of files read."""
    sheet = CalamineWorkbook.from_path(str(result.report_path)).get_sheet_by_name("Validasi")
    rows = sheet.to_python()
    start = next(index for index, row in enumerate(rows) if row and row[0] == "Tingkat")
    assert rows[start] == ["Tingkat", "Kode", "Pesan", "Berkas", "Sheet", "Sel", "Nilai",
                           "Keterangan kode"]
    table = rows[start + 1:]
    return table[:next((index for index, row in enumerate(table)
                        if all(cell == "" for cell in row)), len(table))]


def one_dpa_line(folder: Path) -> Path:
    return write_dpa(folder / "dpa.xlsx", [
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, None],
        [SUB, CETAK, "Bahan Cetak", 500_000, None],
    ])


def write_sheet_at(path: Path, sheet: str, first_row: int, first_column: int,
                   header: list[str], rows: list[list[object]]) -> Path:
    """A workbook whose table starts at a given 0-based cell, nothing above or left of it
    (exported reports often leave column A and the first rows empty)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    worksheet = workbook.add_worksheet(sheet)
    worksheet.write_row(first_row, first_column, header)
    for offset, row in enumerate(rows, start=first_row + 1):
        for column, value in enumerate(row, start=first_column):
            if isinstance(value, str):
                worksheet.write_string(offset, column, value)
            elif value is not None:
                worksheet.write(offset, column, value)
    workbook.close()
    return path


# 11. Ambiguous money ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["15.000.00", "1,234.567"])
def test_ambiguous_money_is_an_error_with_its_cell_and_the_row_is_not_counted(
        tmp_path: Path, text: str) -> None:
    folder = tmp_path / "in"
    one_dpa_line(folder)
    write_realisasi(folder / "real.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 100_000],       # row 2
        [2023, 1, SUB, CETAK, "Bahan Cetak", text],  # row 3
    ])

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["money-invalid"]) == [
        ["money-invalid", "real.xlsx", "Realisasi", "F3", text]]
    assert issues_of(result, "money-invalid")[0].severity is Severity.ERROR
    assert realisasi_of(result, CETAK) == 0
    assert realisasi_of(result, "5") == 100_000 * SEN


def test_money_invalid_appears_in_the_validasi_sheet_with_its_cell(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    one_dpa_line(folder)
    write_realisasi(folder / "real.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 100_000],
        [2023, 1, SUB, CETAK, "Bahan Cetak", "15.000.00"],  # F3
    ])

    result = run_folder(folder)

    rows = validasi_rows(result)
    assert [(row[0], row[1], row[3], row[4], row[5], row[6]) for row in rows
            if row[5] == "F3"] == [
        ("Kesalahan", "money-invalid", "real.xlsx", "Realisasi", "F3", "15.000.00")]
    [message] = [row[2] for row in rows if row[5] == "F3"]
    assert "'15.000.00'" in message and "tidak ditebak" in message


# 12. Codes: typed as numbers, malformed, unknown -------------------------------------------


def test_code_typed_as_number_and_malformed_code_are_errors_and_not_counted(
        tmp_path: Path) -> None:
    folder = tmp_path / "in"
    one_dpa_line(folder)
    write_realisasi(folder / "real.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 100_000],          # row 2
        [2023, 1, SUB, 5.10201, "ATK", 40_000],       # row 3: Excel made a number of it
        [2023, 1, SUB, "5.1.2.1", "Cetak", 30_000],   # row 4: segments of the wrong width
    ])

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["code-as-number", "code-malformed"]) == [
        ["code-as-number", "real.xlsx", "Realisasi", "D3", "5.10201"],
        ["code-malformed", "real.xlsx", "Realisasi", "D4", "5.1.2.1"],
    ]
    assert {i.severity for i in issues_of(result, "code-as-number", "code-malformed")} == {
        Severity.ERROR}
    assert realisasi_of(result, "5") == 100_000 * SEN


def test_unambiguous_code_typed_as_number_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [
        [SUB, 5, "BELANJA DAERAH", 1_500_000, None],       # row 2: the number 5 is akun 5
        [SUB, 5.1, "BELANJA OPERASI", 1_500_000, None],    # row 3: 5.1 cannot be misread
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, None],
        [SUB, CETAK, "Bahan Cetak", 500_000, None],
    ])

    result = run_folder(folder)

    assert findings(result) == []
    assert account(result, "5").anggaran == 1_500_000 * SEN  # declared rows not added


def test_code_in_no_chart_is_a_warning_per_file_and_still_counted(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    unknown = "5.1.02.01.01.9999"
    write_dpa(folder / "dpa.xlsx", [
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, None],   # row 2
        [SUB, unknown, "Belanja Lain-lain", 200_000, None],  # row 3
    ])
    write_realisasi(folder / "real.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 100_000],                 # row 2
        [2023, 1, SUB, unknown, "Belanja Lain-lain", 5_000],  # row 3
        [2023, 2, SUB, unknown, "Belanja Lain-lain", 6_000],  # row 4: same code, same file
    ])

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["code-unknown"]) == [
        ["code-unknown", "dpa.xlsx", "Anggaran", "B3", unknown],
        ["code-unknown", "real.xlsx", "Realisasi", "D3", unknown],
    ]
    assert {i.severity for i in issues_of(result, "code-unknown")} == {Severity.WARNING}
    line = account(result, unknown)
    assert line is not None and (line.anggaran, line.realisasi) == (200_000 * SEN, 11_000 * SEN)
    assert (account(result, "5").anggaran, account(result, "5").realisasi) == (
        1_200_000 * SEN, 111_000 * SEN)


# 13. Amount without a code -----------------------------------------------------------------


def test_row_with_amount_but_no_kode_rekening_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, None],  # row 2
        [SUB, None, "Tanpa kode", 300_000, None],          # row 3
    ])
    write_realisasi(folder / "real.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 100_000],               # row 2
        [2023, 1, SUB, None, "Tanpa kode", 7_000],         # row 3
    ])

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["code-missing"]) == [
        ["code-missing", "dpa.xlsx", "Anggaran", "B3", ""],
        ["code-missing", "real.xlsx", "Realisasi", "D3", ""],
    ]
    assert {i.severity for i in issues_of(result, "code-missing")} == {Severity.ERROR}
    assert (account(result, "5").anggaran, account(result, "5").realisasi) == (
        1_000_000 * SEN, 100_000 * SEN)


def test_row_with_only_an_amount_is_an_error_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    one_dpa_line(folder)
    write_realisasi(folder / "real.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 100_000],           # row 2
        [None, None, None, None, None, 8_000],         # row 3: every key field empty
    ])

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["code-missing"]) == [
        ["code-missing", "real.xlsx", "Realisasi", "D3", ""]]
    assert realisasi_of(result, "5") == 100_000 * SEN


# 14. Years -------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [2019, 2024])
def test_year_other_than_the_dpa_year_or_the_one_before_is_an_error(
        tmp_path: Path, year: int) -> None:
    folder = tmp_path / "in"
    one_dpa_line(folder)
    write_realisasi(folder / "real.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 100_000],   # row 2
        [year, 1, SUB, ATK, "ATK", 70_000],    # row 3
        [2022, 1, SUB, ATK, "ATK", 20_000],    # row 4: the year before is fine
    ])

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["year-other"]) == [
        ["year-other", "real.xlsx", "Realisasi", "A3", str(year)]]
    assert issues_of(result, "year-other")[0].severity is Severity.ERROR
    assert (account(result, "5").realisasi, account(result, "5").realisasi_lalu) == (
        100_000 * SEN, 20_000 * SEN)


# 15. Header position and aliases -----------------------------------------------------------


def test_header_under_title_rows_shifts_the_cells_and_aliases_are_recognised(
        tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, None],     # row 5
        [SUB, "5.1.2.1", "Kode salah", 500_000, None],        # row 6
    ], title_rows=3)
    # aliases, in another order: A Kd Rek, B Nilai, C Tahun, D Bulan, E Kd Sub Keg, F Uraian
    write_realisasi(folder / "real.xlsx", [
        [ATK, 100_000, 2023, 1, SUB, "ATK"],                  # row 5
        [ATK, "15.000.00", 2023, 1, SUB, "ATK"],              # row 6
        [5.10201, 30_000, 2023, 1, SUB, "ATK"],               # row 7
    ], header=["Kd Rek", "Nilai", "Tahun", "Bulan", "Kd Sub Keg", "Uraian"], title_rows=3)

    result = run_folder(folder)

    malformed = ["code-malformed", "money-invalid", "code-as-number"]
    assert sorted(result.report.flatten(PLACE, codes=malformed)) == [
        ["code-as-number", "real.xlsx", "Realisasi", "A7", "5.10201"],
        ["code-malformed", "dpa.xlsx", "Anggaran", "B6", "5.1.2.1"],
        ["money-invalid", "real.xlsx", "Realisasi", "B6", "15.000.00"],
    ]
    assert (account(result, "5").anggaran, account(result, "5").realisasi) == (
        1_000_000 * SEN, 100_000 * SEN)


def test_table_starting_below_empty_rows_and_right_of_empty_columns_keeps_excel_cells(
        tmp_path: Path) -> None:
    folder = tmp_path / "in"
    one_dpa_line(folder)
    # header on Excel row 4 from column B: B Tahun … G Realisasi; rows 1–3 and column A empty
    write_sheet_at(folder / "real.xlsx", "Realisasi", 3, 1, REALISASI_HEADER, [
        [2023, 1, SUB, ATK, "ATK", 100_000],          # row 5
        [2023, 1, SUB, CETAK, "Cetak", "15.000.00"],  # row 6
    ])

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["money-invalid"]) == [
        ["money-invalid", "real.xlsx", "Realisasi", "G6", "15.000.00"]]
    assert realisasi_of(result, "5") == 100_000 * SEN


# 16. Columns and header missing ------------------------------------------------------------


def test_missing_required_column_is_an_error_naming_the_header_row(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    one_dpa_line(folder)
    write_realisasi(folder / "real.xlsx", [[2023, 1, SUB, ATK, "ATK"]],
                    header=REALISASI_HEADER[:5], title_rows=2)  # no Realisasi column

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["column-missing"]) == [
        ["column-missing", "real.xlsx", "Realisasi", "A3", ""]]
    [found] = issues_of(result, "column-missing")
    assert found.severity is Severity.ERROR and "Realisasi" in found.message
    assert realisasi_of(result, "5") == 0


@pytest.mark.parametrize(("header", "title_rows"), [
    (["No", "Keterangan", "Catatan"], 0),   # nothing the Realisasi layout knows
    (REALISASI_HEADER, 20),                 # a good header, but below the first 20 rows
])
def test_sheet_whose_header_cannot_be_found_is_an_error(
        tmp_path: Path, header: list[str], title_rows: int) -> None:
    folder = tmp_path / "in"
    one_dpa_line(folder)
    write_realisasi(folder / "real.xlsx", [[2023, 1, SUB, ATK, "ATK", 100_000][:len(header)]],
                    header=header, title_rows=title_rows)

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["header-not-found"]) == [
        ["header-not-found", "real.xlsx", "Realisasi", "A1", ""]]
    assert issues_of(result, "header-not-found")[0].severity is Severity.ERROR
    assert realisasi_of(result, "5") == 0


# 17. Files that are no input ---------------------------------------------------------------


def test_unrecognised_and_unreadable_files_are_named_and_the_run_goes_on(
        tmp_path: Path) -> None:
    folder = tmp_path / "in"
    one_dpa_line(folder)
    write_realisasi(folder / "real.xlsx", [[2023, 1, SUB, ATK, "ATK", 100_000]])
    write_realisasi(folder / "lampiran" / "catatan.xlsx", [["rapat", "Senin"]],
                    header=["Agenda", "Hari"], sheet="Catatan")
    (folder / "rusak.xlsx").write_text("ini bukan workbook, hanya teks\n", encoding="utf-8")

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["file-unrecognised", "file-not-workbook"]) == [
        ["file-unrecognised", "lampiran/catatan.xlsx", "", "", ""],
        ["file-not-workbook", "rusak.xlsx", "", "", ""],
    ]
    assert [i.severity for i in issues_of(result, "file-unrecognised", "file-not-workbook")] == [
        Severity.NOTE, Severity.ERROR]
    assert "Catatan" in issues_of(result, "file-unrecognised")[0].message
    assert result.report_path.is_file()
    assert realisasi_of(result, "5") == 100_000 * SEN
    berkas = {(row[1], row[3]) for row in validasi_rows(result)}
    assert {("file-unrecognised", "lampiran/catatan.xlsx"),
            ("file-not-workbook", "rusak.xlsx")} <= berkas


# 18. Negative amounts --------------------------------------------------------------------


def test_negative_pagu_is_an_error(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, None],    # row 2
        [SUB, CETAK, "Bahan Cetak", "(500.000)", None],      # row 3
        [SUB2, ATK, "Alat Tulis Kantor", 300_000, -50_000],  # row 4
    ])

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["money-negative"]) == [
        ["money-negative", "dpa.xlsx", "Anggaran", "D3", "(500.000)"],
        ["money-negative", "dpa.xlsx", "Anggaran", "E4", "(50.000)"],
    ]
    assert {i.severity for i in issues_of(result, "money-negative")} == {Severity.ERROR}


def test_negative_realisasi_is_a_warning_and_still_counted(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    one_dpa_line(folder)
    write_realisasi(folder / "real.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 100_000],               # row 2
        [2023, 2, SUB, ATK, "Pengembalian", "(20.000)"],   # row 3
        [2023, 2, SUB, CETAK, "Pengembalian", -5_000],     # row 4
    ])

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["realisasi-negative"]) == [
        ["realisasi-negative", "real.xlsx", "Realisasi", "F3", "(20.000)"],
        ["realisasi-negative", "real.xlsx", "Realisasi", "F4", "(5.000)"],
    ]
    assert {i.severity for i in issues_of(result, "realisasi-negative")} == {Severity.WARNING}
    assert (realisasi_of(result, ATK), realisasi_of(result, CETAK)) == (
        80_000 * SEN, -5_000 * SEN)
    assert realisasi_of(result, "5") == 75_000 * SEN


# 19. No DPA ------------------------------------------------------------------------------


def test_no_dpa_in_the_folder_raises_nothing_to_report(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_realisasi(folder / "real.xlsx", [[2023, 1, SUB, ATK, "ATK", 100_000]])

    with pytest.raises(NothingToReport, match="Tidak ada workbook DPA"):
        run_folder(folder)
    assert not (tmp_path / "out").exists()



def test_urusan_and_bidang_rows_of_a_sipd_program_list_are_structure(tmp_path: Path) -> None:
    folder = tmp_path / "masukan"
    programs = [["1", "URUSAN PEMERINTAHAN WAJIB … PELAYANAN DASAR", ""],
                ["1.06", "URUSAN PEMERINTAHAN BIDANG SOSIAL", ""], *PROGRAMS,
                ["1.6", "Bidang yang salah tulis", ""]]
    write_dpa(folder / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, 900_000]],
              programs=programs)

    result = run(RunConfig(folder, tmp_path / "keluaran"))

    # Only the malformed code is a finding; the structure rows are not read as programs.
    assert result.report.flatten(["code", "sheet", "cell"],
                                 codes=["code-malformed", "code-as-number"]) == [
        ["code-malformed", "Program", "A8"]]
    assert "1.06" not in result.report.program_names
