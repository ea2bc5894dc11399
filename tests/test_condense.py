"""Realisasi rows summed where they are read (`pipeline.condense`) lose nothing the officer
sees: findings name each Excel row's cell, counts count Excel rows (not summed lines), every
rupiah lands in the LRA or in a listed rejection. Each test writes several rows sharing one
(tahun, bulan, sub kegiatan, kode rekening) and works its expectations out by hand. Cells:
A Tahun, B Bulan, C Kode Sub Kegiatan, D Kode Rekening, E Uraian, F Realisasi, G Nomor SP2D,
H Tanggal, header on row 1. Amounts of `LraRow` and `Reconciliation` are in sen.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from builders import ATK, CETAK, REALISASI_HEADER, SUB, SUB2, write_dpa, write_realisasi

from pipeline import parse
from pipeline.condense import condense
from pipeline.findings import Issue, Severity
from pipeline.lra import LraRow
from pipeline.reconcile import Reconciliation
from pipeline.run import RunConfig, RunResult, run

SEN = 100
SP2D_HEADER = [*REALISASI_HEADER, "Nomor SP2D", "Tanggal"]  # G Nomor SP2D, H Tanggal
TODAY = dt.date(2023, 12, 31)
PLACE = ["file", "sheet", "cell", "value"]  # the fields of report.flatten(PLACE, ...)


def run_folder(folder: Path, today: dt.date = TODAY) -> RunResult:
    return run(RunConfig(folder, folder.parent / "out", today=today))


def issues_of(result: RunResult, code: str) -> list[Issue]:
    return [found for found in result.report.issues if found.code == code]


def account(result: RunResult, code: str) -> LraRow:
    return next(row for row in result.report.lra if row.kind == "account" and row.code == code)


def completeness(result: RunResult) -> Reconciliation:
    *_, last = result.report.reconciliation
    assert last.jenis == "Kelengkapan"
    return last


def two_line_dpa(folder: Path) -> Path:
    return write_dpa(folder / "dpa.xlsx", [
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, None],
        [SUB, CETAK, "Bahan Cetak", 500_000, None],
    ])


def test_rows_of_another_year_summed_together_are_each_named_and_not_counted(
        tmp_path: Path) -> None:
    folder = tmp_path / "in"
    two_line_dpa(folder)
    write_realisasi(folder / "real.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 100_000],     # row 2
        [2019, 1, SUB, ATK, "ATK", 10_000],      # row 3
        [2019, 1, SUB, ATK, "ATK", 20_000],      # row 4: same key as row 3
        [2023, 1, SUB, CETAK, "Cetak", 5_000],   # row 5
        [2019, 1, SUB, ATK, "ATK", 30_000],      # row 6: same key as row 3
    ])

    result = run_folder(folder)

    assert sorted(result.report.flatten(PLACE, codes=["year-other"])) == [
        ["real.xlsx", "Realisasi", cell, "2019"] for cell in ("A3", "A4", "A6")]
    assert {found.severity for found in issues_of(result, "year-other")} == {Severity.ERROR}
    assert (account(result, ATK).realisasi, account(result, "5").realisasi) == (
        100_000 * SEN, 105_000 * SEN)
    assert "3 ditolak (Rp 60.000; " in completeness(result).uraian
    assert completeness(result).dinyatakan == completeness(result).dihitung == 165_000 * SEN


def test_sp2d_row_pasted_twice_among_summed_rows_is_one_warning_and_both_count(
        tmp_path: Path) -> None:
    folder = tmp_path / "in"
    two_line_dpa(folder)
    write_realisasi(folder / "real_03.xlsx", [
        [2023, 3, SUB, ATK, "ATK", 40_000, "0012/SP2D/2023", "15/03/2023"],  # row 2
        [2023, 3, SUB, ATK, "ATK", 25_000, "0013/SP2D/2023", "16/03/2023"],  # row 3
        [2023, 3, SUB, ATK, "ATK", 40_000, "0012/SP2D/2023", "15/03/2023"],  # row 4: row 2 again
        [2023, 3, SUB, ATK, "ATK", 40_000, "0014/SP2D/2023", "17/03/2023"],  # row 5: other SP2D
        [2023, 4, SUB, ATK, "ATK", 40_000, "0012/SP2D/2023", "15/04/2023"],  # row 6: other month
    ], header=SP2D_HEADER)

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["line-duplicate"]) == [
        ["real_03.xlsx", "Realisasi", "G4", "0012/SP2D/2023"]]
    [duplicate] = issues_of(result, "line-duplicate")
    assert (duplicate.severity, "Rp 40.000" in duplicate.message) == (Severity.WARNING, True)
    assert account(result, ATK).realisasi == 185_000 * SEN  # all five rows, the repeat too


def test_implausible_dates_among_summed_rows_name_their_own_rows(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    two_line_dpa(folder)
    write_realisasi(folder / "real.xlsx", [
        [2023, 6, SUB, ATK, "ATK", 10_000, "1/SP2D", dt.datetime(2023, 6, 2)],   # row 2
        [2023, 6, SUB, ATK, "ATK", 20_000, "2/SP2D", dt.datetime(2023, 7, 15)],  # row 3: future
        [2023, 6, SUB, ATK, "ATK", 30_000, "3/SP2D", "30/06/2023"],              # row 4: today
        [2023, 5, SUB, ATK, "ATK", 40_000, "4/SP2D", "02/05/2023"],              # row 5
        [2023, 5, SUB, ATK, "ATK", 50_000, "5/SP2D", "31/12/2022"],              # row 6: 2022
        [2023, 5, SUB, ATK, "ATK", 60_000, "6/SP2D", "03/05/2023"],              # row 7
    ], header=SP2D_HEADER)

    result = run_folder(folder, today=dt.date(2023, 6, 30))

    assert sorted(result.report.flatten(PLACE, codes=["date-future"])) == [
        ["real.xlsx", "Realisasi", "H3", "15-07-2023"],
        ["real.xlsx", "Realisasi", "H6", "31-12-2022"],
    ]
    messages = {found.cell: found.message for found in issues_of(result, "date-future")}
    assert "setelah hari ini (30-06-2023)" in messages["H3"]
    assert "di luar tahun 2023" in messages["H6"]
    assert account(result, ATK).realisasi == 210_000 * SEN  # still counted


def test_month_from_two_files_counts_excel_rows_of_each_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    two_line_dpa(folder)
    write_realisasi(folder / "a_januari.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 10_000],
        [2023, 1, SUB, ATK, "ATK", 20_000],
        [2023, 1, SUB, ATK, "ATK", 30_000],
    ])
    write_realisasi(folder / "b_januari_revisi.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 5_000],
        [2023, 1, SUB, ATK, "ATK", 7_000],
        [2023, 1, SUB, CETAK, "Cetak", 1_000],
        [2023, 1, SUB, CETAK, "Cetak", 2_000],
        [2023, 2, SUB, ATK, "ATK", 8_000],   # February: no other file, counted
    ])

    result = run_folder(folder)

    [duplicate] = issues_of(result, "month-duplicate")
    assert (duplicate.severity, duplicate.file) == (Severity.ERROR, "b_januari_revisi.xlsx")
    assert "a_januari.xlsx: 3 baris, Rp 60.000" in duplicate.message
    assert "b_januari_revisi.xlsx: 4 baris, Rp 15.000" in duplicate.message
    assert (account(result, ATK).realisasi, account(result, "5").realisasi) == (68_000 * SEN,) * 2
    kelengkapan = completeness(result)
    assert kelengkapan.uraian.startswith(
        "Semua baris terhitung. 8 baris realisasi dibaca: 4 dihitung dalam LRA (Rp 68.000), "
        "4 ditolak (Rp 15.000; ")
    assert kelengkapan.dinyatakan == kelengkapan.dihitung == 83_000 * SEN


def test_orphan_realisasi_summed_from_three_rows_says_three_rows(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    two_line_dpa(folder)
    write_realisasi(folder / "real.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 100_000],   # row 2
        [2023, 1, SUB2, ATK, "ATK", 30_000],   # row 3: ATK has no line under SUB2
        [2023, 1, SUB2, ATK, "ATK", 20_000],   # row 4
        [2023, 1, SUB, ATK, "ATK", 5_000],     # row 5
        [2023, 1, SUB2, ATK, "ATK", 7_000],    # row 6
    ])

    result = run_folder(folder)

    assert result.report.flatten(PLACE, codes=["realisasi-orphan"]) == [
        ["real.xlsx", "Realisasi", "D3", ATK]]
    assert "Rp 57.000 (3 baris)" in issues_of(result, "realisasi-orphan")[0].message
    assert [line for line in result.report.reconciliation if line.jenis.endswith("tanpa DPA")] == [
        Reconciliation("Realisasi tanpa DPA", f"{SUB2} / {ATK}", "3 baris", None, 57_000 * SEN,
                       "real.xlsx › Realisasi!D3")]
    assert account(result, ATK).realisasi == 162_000 * SEN  # counted all the same


def test_completeness_rows_read_and_file_summary_count_excel_rows(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    two_line_dpa(folder)
    write_realisasi(folder / "real.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 10_000],                          # row 2
        [2023, 1, SUB, ATK, "ATK", 20_000],                          # row 3
        [2023, 1, SUB, ATK, "ATK", 30_000],                          # row 4
        [2022, 12, SUB, ATK, "ATK", 40_000],                         # row 5: last year
        [2022, 12, SUB, ATK, "ATK", 50_000],                         # row 6: last year
        [2019, 1, SUB, ATK, "ATK", 1_000],                           # row 7: rejected
        [2019, 1, SUB, ATK, "ATK", 2_000],                           # row 8: rejected
        [2023, 1, SUB, ATK, "ATK", "15.000.00"],                     # row 9: unreadable
        [2023, 1, SUB, "5.1.02", "Belanja Barang dan Jasa", 60_000],  # row 10: subtotal
    ])

    result = run_folder(folder)

    assert completeness(result) == Reconciliation(
        "Kelengkapan", "",
        "Semua baris terhitung. 9 baris realisasi dibaca: 5 dihitung dalam LRA (Rp 150.000), "
        "3 ditolak (Rp 3.000; 1 tanpa nilai terbaca), 1 baris subtotal hanya dibandingkan.",
        153_000 * SEN, 153_000 * SEN, "semua berkas realisasi", matched=True)
    assert result.rows_read == 9
    assert [item.rows for item in result.report.files if item.path == "real.xlsx"] == [9]
    assert result.report.flatten(PLACE, codes=["money-invalid"]) == [
        ["real.xlsx", "Realisasi", "F9", "15.000.00"]]
    assert issues_of(result, "subtotal-mismatch") == []  # 10.000 + 20.000 + 30.000
    assert (account(result, ATK).realisasi, account(result, ATK).realisasi_lalu) == (
        60_000 * SEN, 90_000 * SEN)


def test_condense_keeps_every_unclean_row_and_every_rupiah(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_realisasi(tmp_path / "real.xlsx", [
        [2023, 1, SUB, ATK, "ATK", 10_000],                  # row 2
        [2023, 1, SUB, ATK, "ATK", 20_000],                  # row 3
        [2023, 1, SUB, ATK, "ATK", "15.000.00"],             # row 4: unreadable amount
        [2023, None, SUB, ATK, "ATK", 40_000],               # row 5: no month, no date
        [2023, 1, SUB, "5.1.02", "Subtotal", 30_000],        # row 6: declared subtotal
        [2023, 1, SUB, ATK, "ATK", 5_000],                   # row 7
        [2023, 2, SUB, ATK, "ATK", 7_000],                   # row 8
        [2023, 1, "1.06.XX", ATK, "ATK", 9_000],             # row 9: unreadable sub kegiatan
        [2023, 1, None, ATK, "ATK", 1_000],                  # row 10: blank sub kegiatan
    ])
    monkeypatch.setattr(parse, "condense", lambda table: table)  # the table as read
    [table] = parse.parse_file(path, "real.xlsx").tables_of("realisasi")
    assert table.frame["row"].tolist() == [2, 3, 4, 5, 6, 7, 8, 9, 10]

    condensed = condense(table)
    frame = condensed.frame.set_index("row")

    amounts = [None if pd.isna(amount) else int(amount) // SEN for amount in frame["realisasi"]]
    assert list(zip(frame.index, frame["rows"], amounts, strict=True)) == [
        (2, 3, 35_000), (4, 1, None), (5, 1, 40_000), (6, 1, 30_000), (8, 1, 7_000),
        (9, 1, 9_000), (10, 1, 1_000)]
    assert bool(frame.at[4, "bad_realisasi"]) and pd.isna(frame.at[5, "bulan"])
    assert frame.at[6, "kode_rekening"] == "5.1.02" and bool(frame.at[9, "bad_kode_sub_kegiatan"])
    total = 122_000 * SEN  # 10.000 + 20.000 + 40.000 + 30.000 + 5.000 + 7.000 + 9.000 + 1.000
    assert int(table.frame["realisasi"].sum()) == int(condensed.frame["realisasi"].sum()) == total
    assert condensed.row_count == table.row_count == 9
    assert condensed.trace is not None
    members = condensed.trace.members
    assert list(zip(members["row"], members["line"], strict=True)) == [
        (2, 2), (3, 2), (7, 2), (8, 8), (10, 10)]


def test_account_name_from_realisasi_is_the_first_written_in_the_sheet(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    two_line_dpa(folder)
    other = "5.1.02.01.01.0025"  # no DPA line: its LRA name comes from the realisasi sheet
    write_realisasi(folder / "real.xlsx", [
        [2023, 1, SUB2, other, None, 1_000],           # row 2: no name
        [2023, 2, SUB2, other, "Nama baris 3", 1_000],  # row 3: the first name written
        [2023, 1, SUB2, other, "Nama baris 4", 1_000],  # row 4: summed with row 2
    ])

    result = run_folder(folder)

    assert account(result, other).realisasi == 3_000 * SEN
    assert account(result, other).uraian == "Nama baris 3"


def test_rows_without_an_uraian_are_summed_and_named_from_the_dpa(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    two_line_dpa(folder)
    write_realisasi(folder / "real.xlsx", [
        [2023, 1, SUB, ATK, None, 1_000],  # rows 2 and 3: one line, no Uraian at all
        [2023, 1, SUB, ATK, None, 2_500],
    ])

    result = run_folder(folder)

    assert account(result, ATK).realisasi == 3_500 * SEN
    assert not [found for found in result.report.issues if found.file == "real.xlsx"]


def test_a_blank_month_is_taken_from_the_date_before_rows_are_summed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    two_line_dpa(folder)
    write_realisasi(folder / "real.xlsx", [
        [2023, None, SUB, ATK, "ATK", 10_000, "1/SP2D", "15/03/2023"],  # row 2: March, by date
        [2023, 3, SUB, ATK, "ATK", 5_000, "2/SP2D", "20/03/2023"],      # row 3: March
        [2023, None, SUB, ATK, "ATK", 7_000, "3/SP2D", "02/04/2023"],   # row 4: April, by date
    ], header=SP2D_HEADER)

    result = run_folder(folder)

    [line] = [row for row in result.report.monthly if row.code == SUB]
    assert line.months[2:4] == (15_000 * SEN, 7_000 * SEN)
    assert sum(line.months) == line.realisasi == 22_000 * SEN
    assert not issues_of(result, "month-invalid")
