"""Reconciliation rules end to end: each test builds its input folder inline, runs the whole
pipeline and checks the findings (with their cells), the `Rekonsiliasi` rows and the LRA.
Every comparison is a `Rekonsiliasi` row, the matched ones too (`matched=True`).

Amounts in `Reconciliation` and `LraRow` are in sen (rupiah × 100). Cells are worked out by
hand from the layout: header on Excel row 1, columns A.. in header order, so the Anggaran
sheet is A Kode Sub Kegiatan, B Kode Rekening, C Uraian, D Pagu Murni, E Pagu Perubahan and
the Realisasi sheet is A Tahun, B Bulan, C Kode Sub Kegiatan, D Kode Rekening, E Uraian,
F Realisasi.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from builders import ANGGARAN_HEADER, ATK, CETAK, SUB, SUB2, write_dpa, write_realisasi
from workbook_reading import rows_below, sheet_rows

from pipeline.findings import Issue, Severity
from pipeline.lra import LraRow
from pipeline.reconcile import Reconciliation
from pipeline.run import RunConfig, RunResult, run

SEN = 100
LRA_HEADER = ["Kode Rekening", "Uraian", "Anggaran", "Realisasi 2023", "Realisasi 2022"]
PLACE = ["severity", "file", "sheet", "cell", "value"]  # the fields of report.flatten(PLACE, ...)


def run_folder(folder: Path) -> RunResult:
    return run(RunConfig(folder, folder.parent / "out"))


def findings(result: RunResult) -> list[Issue]:
    """Every finding except the note that these folders hold no PK, which is on purpose."""
    return [found for found in result.report.issues if found.code != "pk-missing"]


def issues_of(result: RunResult, code: str) -> list[Issue]:
    return [found for found in result.report.issues if found.code == code]


def rows_of(result: RunResult, jenis: str) -> list[Reconciliation]:
    return [line for line in result.report.reconciliation if line.jenis == jenis]


def mismatched(result: RunResult, jenis: str) -> list[Reconciliation]:
    return [line for line in rows_of(result, jenis) if not line.matched]


def account(result: RunResult, code: str) -> LraRow:
    return next(row for row in result.report.lra if row.kind == "account" and row.code == code)


def lra_codes(result: RunResult) -> list[str]:
    return [row.code for row in result.report.lra if row.kind == "account"]


def completeness(result: RunResult) -> Reconciliation:
    [line] = rows_of(result, "Kelengkapan")
    assert result.report.reconciliation[-1] == line  # always the last line
    return line


def write_lra_export(path: Path, rows: list[list[object]]) -> Path:
    """An accounting-system LRA: sheet `LRA`, all levels, year-named realisasi columns."""
    return write_realisasi(path, rows, header=LRA_HEADER, sheet="LRA")


# 1. Declared subtotal rows of the DPA ---------------------------------------------------


def test_dpa_declared_subtotals_equal_to_their_leaves_give_no_finding(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [
        [SUB, "5", "BELANJA DAERAH", 1_500_000, 1_400_000],                    # row 2
        [SUB, "5.1.02", "Belanja Barang dan Jasa", 1_500_000, 1_400_000],      # row 3
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, 900_000],                   # row 4
        [SUB, CETAK, "Bahan Cetak", 500_000, 500_000],                         # row 5
        [SUB2, ATK, "Alat Tulis Kantor", 300_000, None],                       # row 6
    ])
    write_realisasi(folder / "real_01.xlsx", [[2023, 1, SUB, ATK, "ATK", 100_000]])

    result = run_folder(folder)

    assert issues_of(result, "subtotal-mismatch") == []
    # every comparison is listed, matched: each declared amount equals its leaves' sum
    source = "dpa.xlsx › Anggaran!"
    assert rows_of(result, "Subtotal DPA") == [
        Reconciliation("Subtotal DPA", code, f"{column}, sub kegiatan {SUB}", amount * SEN,
                       amount * SEN, source + cell, matched=True)
        for code, column, amount, cell in (
            ("5", "Pagu Murni", 1_500_000, "D2"), ("5", "Pagu Perubahan", 1_400_000, "E2"),
            ("5.1.02", "Pagu Murni", 1_500_000, "D3"),
            ("5.1.02", "Pagu Perubahan", 1_400_000, "E3"))]
    # the subtotal rows are compared, never added: 900.000 + 500.000 + 300.000
    assert account(result, "5").anggaran == 1_700_000 * SEN
    assert account(result, "5.1.02").anggaran == 1_700_000 * SEN
    assert result.report.pagu_murni == 1_800_000 * SEN


@pytest.mark.parametrize(("code", "murni", "perubahan", "cell", "column", "declared"), [
    ("5", 1_600_000, 1_400_000, "D2", "Pagu Murni", 1_600_000),
    ("5.1.02", 1_500_000, 1_450_000, "E2", "Pagu Perubahan", 1_450_000),
])
def test_dpa_declared_subtotal_differing_from_its_leaves_is_one_error_with_its_cell(
        tmp_path: Path, code: str, murni: int, perubahan: int, cell: str, column: str,
        declared: int) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [
        [SUB, code, "Subtotal yang dinyatakan", murni, perubahan],             # row 2
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, 900_000],                   # row 3
        [SUB, CETAK, "Bahan Cetak", 500_000, 500_000],                         # row 4
        [SUB2, ATK, "Alat Tulis Kantor", 300_000, None],                       # row 5, other sub
    ])
    write_realisasi(folder / "real_01.xlsx", [[2023, 1, SUB, ATK, "ATK", 100_000]])

    result = run_folder(folder)

    computed = 1_500_000 if column == "Pagu Murni" else 1_400_000
    assert result.report.flatten(PLACE, codes=["subtotal-mismatch"]) == [
        [Severity.ERROR, "dpa.xlsx", "Anggaran", cell, f"{declared:,}".replace(",", ".")]]
    assert mismatched(result, "Subtotal DPA") == [
        Reconciliation("Subtotal DPA", code, f"{column}, sub kegiatan {SUB}", declared * SEN,
                       computed * SEN, f"dpa.xlsx › Anggaran!{cell}")]
    # the row's other amount agrees with its leaves: listed as matched
    other, other_cell, other_amount = (("Pagu Perubahan", "E2", 1_400_000)
                                       if column == "Pagu Murni"
                                       else ("Pagu Murni", "D2", 1_500_000))
    assert [line for line in rows_of(result, "Subtotal DPA") if line.matched] == [
        Reconciliation("Subtotal DPA", code, f"{other}, sub kegiatan {SUB}",
                       other_amount * SEN, other_amount * SEN, f"dpa.xlsx › Anggaran!{other_cell}",
                       matched=True)]
    assert account(result, "5").anggaran == 1_700_000 * SEN  # the subtotal is not added


# 2. Declared subtotal rows of realisasi, per sub kegiatan, year and month ---------------


def _realisasi_with_subtotals(folder: Path, january_subtotal: int) -> None:
    write_dpa(folder / "dpa.xlsx", [
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, None],
        [SUB, CETAK, "Bahan Cetak", 500_000, None],
        [SUB2, ATK, "Alat Tulis Kantor", 300_000, None],
    ])
    write_realisasi(folder / "real.xlsx", [
        [2023, 1, SUB, "5.1.02", "Belanja Barang dan Jasa", january_subtotal],  # row 2
        [2023, 1, SUB, ATK, "ATK", 100_000],                                    # row 3
        [2023, 1, SUB, CETAK, "Bahan Cetak", 200_000],                          # row 4
        [2023, 2, SUB, ATK, "ATK", 50_000],                                     # row 5, other month
        [2023, 1, SUB2, ATK, "ATK", 70_000],                                    # row 6, other sub
        [2022, 1, SUB, ATK, "ATK", 40_000],                                     # row 7, other year
        [2023, 2, SUB, "5.1.02", "Belanja Barang dan Jasa", 50_000],            # row 8
        [2023, 1, SUB2, "5", "BELANJA DAERAH", 70_000],                         # row 9
    ])


def test_realisasi_subtotals_are_compared_per_sub_kegiatan_year_and_month(
        tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _realisasi_with_subtotals(folder, january_subtotal=300_000)

    result = run_folder(folder)

    assert issues_of(result, "subtotal-mismatch") == []
    # January's 5.1.02 of SUB (100.000 + 200.000), February's (50.000), SUB2's 5 (70.000)
    assert rows_of(result, "Subtotal Realisasi") == [
        Reconciliation("Subtotal Realisasi", code, f"Realisasi, sub kegiatan {sub}",
                       amount * SEN, amount * SEN, f"real.xlsx › Realisasi!{cell}", matched=True)
        for code, sub, amount, cell in (("5.1.02", SUB, 300_000, "F2"),
                                        ("5.1.02", SUB, 50_000, "F8"),
                                        ("5", SUB2, 70_000, "F9"))]
    # leaves only: 100.000 + 200.000 + 50.000 + 70.000; last year's 40.000 apart
    assert account(result, "5").realisasi == 420_000 * SEN
    assert account(result, "5").realisasi_lalu == 40_000 * SEN
    assert completeness(result).dinyatakan == completeness(result).dihitung == 460_000 * SEN


def test_realisasi_subtotal_differing_from_its_month_is_one_error_with_its_cell(
        tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _realisasi_with_subtotals(folder, january_subtotal=350_000)

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["subtotal-mismatch"]) == [
        [Severity.ERROR, "real.xlsx", "Realisasi", "F2", "350.000"]]
    assert mismatched(result, "Subtotal Realisasi") == [
        Reconciliation("Subtotal Realisasi", "5.1.02", f"Realisasi, sub kegiatan {SUB}",
                       350_000 * SEN, 300_000 * SEN, "real.xlsx › Realisasi!F2")]
    assert sorted(line.sumber for line in rows_of(result, "Subtotal Realisasi")
                  if line.matched) == ["real.xlsx › Realisasi!F8", "real.xlsx › Realisasi!F9"]
    assert account(result, "5").realisasi == 420_000 * SEN


# 3. Realisasi without a DPA line ---------------------------------------------------------


def test_realisasi_without_dpa_line_is_an_orphan_error_and_still_counted(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, None],
        [SUB2, CETAK, "Bahan Cetak", 500_000, None],
    ])
    write_realisasi(folder / "real.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 100_000],          # row 2
        [2023, 1, SUB2, ATK, "ATK", 30_000],          # row 3: ATK has no line under SUB2
        [2023, 2, SUB2, ATK, "ATK", 20_000],          # row 4
        [2023, 2, SUB2, CETAK, "Bahan Cetak", 10_000],  # row 5
    ])

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["realisasi-orphan"]) == [
        [Severity.ERROR, "real.xlsx", "Realisasi", "D3", ATK]]
    assert rows_of(result, "Realisasi tanpa DPA") == [
        Reconciliation("Realisasi tanpa DPA", f"{SUB2} / {ATK}", "2 baris", None, 50_000 * SEN,
                       "real.xlsx › Realisasi!D3")]
    assert account(result, ATK).realisasi == 150_000 * SEN
    assert account(result, "5").realisasi == 160_000 * SEN


# 4. Realisasi above pagu -------------------------------------------------------------------


def test_realisasi_above_pagu_is_a_warning_and_at_pagu_is_none(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, 900_000],   # row 2: pagu 900.000
        [SUB, CETAK, "Bahan Cetak", 500_000, None],            # row 3: pagu 500.000
        [SUB2, ATK, "Alat Tulis Kantor", 300_000, None],       # row 4: pagu 300.000
    ])
    write_realisasi(folder / "real.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 600_000],
        [2023, 2, SUB, ATK, "ATK", 300_001],        # 900.001 > 900.000
        [2023, 1, SUB, CETAK, "Cetak", 500_000],    # exactly the pagu
        [2023, 1, SUB2, ATK, "ATK", 299_999],       # below
    ])

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["realisasi-over-pagu"]) == [
        [Severity.WARNING, "dpa.xlsx", "Anggaran", "E2", "900.000"]]
    assert rows_of(result, "Realisasi melebihi pagu") == [
        Reconciliation("Realisasi melebihi pagu", f"{SUB} / {ATK}", "", 900_000 * SEN,
                       900_001 * SEN, "dpa.xlsx › Anggaran!E2")]


def test_over_pagu_names_the_pagu_murni_cell_when_there_is_no_pagu_perubahan_column(
        tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 100_000]],
              header=ANGGARAN_HEADER[:4])  # Pagu Perubahan is optional
    write_realisasi(folder / "real.xlsx", [[2023, 1, SUB, ATK, "ATK", 150_000]])

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["realisasi-over-pagu"]) == [
        [Severity.WARNING, "dpa.xlsx", "Anggaran", "D2", "100.000"]]


# 5. External LRA from the accounting system ------------------------------------------------


def _dpa_and_realisasi_for_lra(folder: Path) -> None:
    """Computed LRA: anggaran ATK 900.000, CETAK 500.000; realisasi 2023 ATK 100.000,
    CETAK 250.000; realisasi 2022 ATK 80.000."""
    write_dpa(folder / "dpa.xlsx", [
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, 900_000],
        [SUB, CETAK, "Bahan Cetak", 500_000, None],
    ])
    write_realisasi(folder / "realisasi" / "real_01.xlsx", [[2023, 1, SUB, ATK, "ATK", 100_000]])
    write_realisasi(folder / "realisasi" / "real_02.xlsx",
                    [[2023, 2, SUB, CETAK, "Cetak", 250_000]])
    write_realisasi(folder / "realisasi" / "real_2022.xlsx",
                    [[2022, None, None, ATK, "ATK", 80_000]])


def _export_rows(cetak_realisasi: int = 250_000, parents_realisasi: int = 350_000,
                 root_anggaran: int = 1_400_000) -> list[list[object]]:
    return [
        ["5", "BELANJA DAERAH", root_anggaran, parents_realisasi, 80_000],             # row 2
        ["5.1", "BELANJA OPERASI", 1_400_000, parents_realisasi, 80_000],              # row 3
        ["5.1.02", "Belanja Barang dan Jasa", 1_400_000, parents_realisasi, 80_000],   # row 4
        ["5.1.02.01", "Belanja Barang", 1_400_000, parents_realisasi, 80_000],         # row 5
        ["5.1.02.01.01", "Belanja Barang Pakai Habis", 1_400_000, parents_realisasi,
         80_000],                                                                      # row 6
        [ATK, "Alat Tulis Kantor", 900_000, 100_000, 80_000],                          # row 7
        [CETAK, "Bahan Cetak", 500_000, cetak_realisasi, 0],                           # row 8
        [None, "JUMLAH BELANJA", root_anggaran, parents_realisasi, 80_000],            # row 9
    ]


def test_external_lra_equal_to_the_computed_one_gives_no_finding(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _dpa_and_realisasi_for_lra(folder)
    write_lra_export(folder / "lra.xlsx", _export_rows())

    result = run_folder(folder)

    assert findings(result) == []
    # every comparison listed, all matched: 7 lines × 3 columns, 5 parents × 3 columns
    columns = ["Anggaran", "Realisasi", "Realisasi Tahun Lalu"]
    parents = ["5", "5.1", "5.1.02", "5.1.02.01", "5.1.02.01.01"]
    lines = rows_of(result, "LRA sistem vs dihitung")
    assert sorted((line.kode, line.uraian) for line in lines) == sorted(
        (code, column) for code in [*parents, ATK, CETAK] for column in columns)
    subtotal_lines = rows_of(result, "Subtotal LRA sistem")
    assert sorted((line.kode, line.uraian) for line in subtotal_lines) == sorted(
        (code, column) for code in parents for column in columns)
    assert all(line.matched and line.dinyatakan == line.dihitung
               for line in lines + subtotal_lines)
    assert [line.sumber for line in lines if line.kode == CETAK] == [
        "lra.xlsx › LRA!C8", "lra.xlsx › LRA!D8", "lra.xlsx › LRA!E8"]


def test_external_lra_line_differing_is_a_warning_naming_its_cell(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _dpa_and_realisasi_for_lra(folder)
    # CETAK 260.000 instead of 250.000, its parents consistent with it (no own subtotal error)
    write_lra_export(folder / "lra.xlsx",
                     _export_rows(cetak_realisasi=260_000, parents_realisasi=360_000))

    result = run_folder(folder)

    assert issues_of(result, "subtotal-mismatch") == []
    assert [(i.severity, i.file, i.sheet, i.cell, i.value)
            for i in issues_of(result, "lra-mismatch") if i.cell == "D8"] == [
        (Severity.WARNING, "lra.xlsx", "LRA", "D8", "260.000")]
    assert sorted(i.cell for i in issues_of(result, "lra-mismatch")) == [
        "D2", "D3", "D4", "D5", "D6", "D8"]
    assert [line for line in mismatched(result, "LRA sistem vs dihitung")
            if line.kode == CETAK] == [
        Reconciliation("LRA sistem vs dihitung", CETAK, "Realisasi", 260_000 * SEN,
                       250_000 * SEN, "lra.xlsx › LRA!D8")]


def test_external_lra_missing_a_computed_line_is_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _dpa_and_realisasi_for_lra(folder)
    rows = [row for row in _export_rows() if row[0] != "5.1.02.01"]
    write_lra_export(folder / "lra.xlsx", rows)

    result = run_folder(folder)

    assert issues_of(result, "subtotal-mismatch") == []
    assert result.report.flatten(PLACE, codes=["lra-mismatch"]) == [
        [Severity.WARNING, "lra.xlsx", "LRA", "", ""]] * 3
    assert mismatched(result, "LRA sistem vs dihitung") == [
        Reconciliation("LRA sistem vs dihitung", "5.1.02.01", "Anggaran", None,
                       1_400_000 * SEN, "lra.xlsx"),
        Reconciliation("LRA sistem vs dihitung", "5.1.02.01", "Realisasi", None,
                       350_000 * SEN, "lra.xlsx"),
        Reconciliation("LRA sistem vs dihitung", "5.1.02.01", "Realisasi Tahun Lalu", None,
                       80_000 * SEN, "lra.xlsx"),
    ]


def test_external_lra_own_wrong_subtotal_is_a_subtotal_mismatch(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _dpa_and_realisasi_for_lra(folder)
    write_lra_export(folder / "lra.xlsx", _export_rows(root_anggaran=1_500_000))

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["subtotal-mismatch"]) == [
        [Severity.ERROR, "lra.xlsx", "LRA", "C2", "1.500.000"]]
    assert mismatched(result, "Subtotal LRA sistem") == [
        Reconciliation("Subtotal LRA sistem", "5", "Anggaran", 1_500_000 * SEN,
                       1_400_000 * SEN, "lra.xlsx › LRA!C2")]
    assert result.report.flatten(PLACE, codes=["lra-mismatch"]) == [
        [Severity.WARNING, "lra.xlsx", "LRA", "C2", "1.500.000"]]


# 6. The same month from two files ---------------------------------------------------------


def test_one_month_from_two_files_is_an_error_and_counted_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, None],
        [SUB, CETAK, "Bahan Cetak", 500_000, None],
    ])
    write_realisasi(folder / "januari.xlsx", [[2023, 1, SUB, ATK, "ATK", 100_000]])
    write_realisasi(folder / "realisasi_jan_revisi.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 60_000],
        [2023, 1, SUB, CETAK, "Cetak", 90_000],
    ])

    result = run_folder(folder)

    [duplicate] = issues_of(result, "month-duplicate")
    assert (duplicate.severity, duplicate.file) == (Severity.ERROR, "realisasi_jan_revisi.xlsx")
    assert "januari.xlsx: 1 baris, Rp 100.000" in duplicate.message
    assert "realisasi_jan_revisi.xlsx: 2 baris, Rp 150.000" in duplicate.message
    assert account(result, "5").realisasi == 100_000 * SEN
    assert completeness(result).dinyatakan == completeness(result).dihitung == 250_000 * SEN


def test_month_duplicate_message_totals_leave_out_declared_subtotal_rows(
        tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None]])
    write_realisasi(folder / "a.xlsx", [
        [2023, 1, SUB, "5", "BELANJA DAERAH", 100_000],  # a declared subtotal, not money spent
        [2023, 1, SUB, ATK, "ATK", 100_000],
    ])
    write_realisasi(folder / "b.xlsx", [[2023, 1, SUB, ATK, "ATK", 100_000]])

    result = run_folder(folder)

    [duplicate] = issues_of(result, "month-duplicate")
    assert "b.xlsx: 1 baris, Rp 100.000" in duplicate.message
    assert "Rp 200.000" not in duplicate.message


# 7. An identical copy of a file ------------------------------------------------------------


def test_identical_copy_of_a_file_is_skipped_with_a_note(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None]])
    original = write_realisasi(folder / "real_01.xlsx", [[2023, 1, SUB, ATK, "ATK", 100_000]])
    (folder / "salinan").mkdir()
    shutil.copyfile(original, folder / "salinan" / "real_01 (1).xlsx")

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["file-duplicate"]) == [
        [Severity.NOTE, "salinan/real_01 (1).xlsx", "", "", ""]]
    assert "real_01.xlsx" in issues_of(result, "file-duplicate")[0].message
    assert [item.path for item in result.report.files] == ["dpa.xlsx", "real_01.xlsx"]
    assert issues_of(result, "month-duplicate") == []
    assert account(result, "5").realisasi == 100_000 * SEN
    assert completeness(result).dinyatakan == 100_000 * SEN


# 8. Missing months -------------------------------------------------------------------------


def test_months_missing_between_first_and_last_are_warnings(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None]])
    write_realisasi(folder / "real_02.xlsx", [[2023, 2, SUB, ATK, "ATK", 10_000]])
    write_realisasi(folder / "real_05_06.xlsx", [
        [2023, 5, SUB, ATK, "ATK", 10_000],
        [2023, "Juni", SUB, ATK, "ATK", 10_000],
    ])

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["month-missing"]) == [
        [Severity.WARNING, "", "", "", ""]] * 2
    assert ["Maret 2023" in i.message for i in issues_of(result, "month-missing")] == [True, False]
    assert ["April 2023" in i.message for i in issues_of(result, "month-missing")] == [False, True]
    assert rows_of(result, "Bulan hilang") == [
        Reconciliation("Bulan hilang", "3", "Maret 2023", None, 0, ""),
        Reconciliation("Bulan hilang", "4", "April 2023", None, 0, ""),
    ]


def test_contiguous_months_give_no_missing_month(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None]])
    write_realisasi(folder / "real.xlsx", [
        [2023, 3, SUB, ATK, "ATK", 10_000],
        [2023, 4, SUB, ATK, "ATK", 10_000],
        [2023, 5, SUB, ATK, "ATK", 10_000],
    ])

    result = run_folder(folder)

    assert issues_of(result, "month-missing") == []
    assert rows_of(result, "Bulan hilang") == []


# 9. Completeness: every realisasi row and rupiah read is accounted for ---------------------


def test_completeness_holds_on_clean_input(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, None],
        [SUB, CETAK, "Bahan Cetak", 500_000, None],
    ])
    write_realisasi(folder / "real_01.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 100_000],
        [2023, 1, SUB, CETAK, "Cetak", "250.000,50"],
    ])
    write_realisasi(folder / "real_2022.xlsx", [[2022, None, None, ATK, "ATK", 80_000]])

    result = run_folder(folder)

    assert findings(result) == []
    assert completeness(result) == Reconciliation(
        "Kelengkapan", "", "Semua baris terhitung. 3 baris realisasi dibaca: 3 dihitung dalam "
        "LRA (Rp 430.000,50), 0 ditolak (Rp 0; 0 tanpa nilai terbaca), 0 baris subtotal hanya "
        "dibandingkan.", 43_000_050, 43_000_050, "semua berkas realisasi", matched=True)


def test_completeness_holds_when_rows_are_rejected(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, None],
        [SUB, CETAK, "Bahan Cetak", 500_000, None],
    ])
    write_realisasi(folder / "real.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 100_000],            # counted
        [2023, 1, SUB, CETAK, "Cetak", "15.000.00"],    # unreadable amount: rejected
        [2019, 1, SUB, ATK, "ATK", 70_000],             # year 2019: rejected
        [2023, 1, SUB, "5.1.2.1", "Kode salah", 30_000],  # malformed code: rejected
        [2023, 1, SUB, "5.1.02", "Subtotal", 100_000],  # declared subtotal: compared only
        [2022, None, None, CETAK, "Cetak", 20_000],     # last year: counted
    ])

    result = run_folder(folder)

    line = completeness(result)
    assert (line.dinyatakan, line.dihitung) == (220_000 * SEN, 220_000 * SEN)
    assert line.uraian == (
        "Semua baris terhitung. 6 baris realisasi dibaca: 2 dihitung dalam LRA (Rp 120.000), "
        "3 ditolak (Rp 100.000; 1 tanpa nilai terbaca), 1 baris subtotal hanya dibandingkan.")
    assert line.status == "Cocok"
    assert (account(result, "5").realisasi, account(result, "5").realisasi_lalu) == (
        100_000 * SEN, 20_000 * SEN)


def test_realisasi_row_with_blank_year_is_rejected_with_a_finding(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None]])
    write_realisasi(folder / "real.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 100_000],
        [None, 1, SUB, ATK, "ATK", 50_000],  # row 3: Tahun left blank
    ])

    result = run_folder(folder)

    assert account(result, "5").realisasi == 100_000 * SEN  # not counted …
    assert [(i.file, i.sheet, i.cell) for i in findings(result)] == [
        ("real.xlsx", "Realisasi", "A3")]  # … but said so, naming the Tahun cell


# 10. Prior-year rows --------------------------------------------------------------------


def test_prior_year_rows_feed_realisasi_lalu_and_are_not_orphans(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, None],
        [SUB, CETAK, "Bahan Cetak", 500_000, None],
    ])
    write_realisasi(folder / "real_01.xlsx", [[2023, 1, SUB, ATK, "ATK", 100_000]])
    write_realisasi(folder / "realisasi_2022.xlsx", [
        [2022, None, None, ATK, "ATK", 80_000],
        [2022, None, None, CETAK, "Bahan Cetak", 20_000],
        [2022, None, None, ATK, "ATK", 5_000],
    ])

    result = run_folder(folder)

    assert findings(result) == []
    assert [(row.code, row.realisasi, row.realisasi_lalu) for row in result.report.lra
            if row.kind == "account" and row.depth == 6] == [
        (ATK, 100_000 * SEN, 85_000 * SEN), (CETAK, 0, 20_000 * SEN)]
    assert account(result, "5").realisasi_lalu == 105_000 * SEN
    header, body = rows_below(sheet_rows(result.report_path, "LRA"), "Kode Rekening")
    column = header.index("Realisasi 2022")
    assert [row[column] for row in body if row[0] in (ATK, CETAK)] == [85_000, 20_000]

