"""A month delivered by two files: the second file's rows of that month are rejected, and
none of its other rows is lost on the way, not even one without a month."""

from __future__ import annotations

from pathlib import Path

from builders import ATK, SUB, write_dpa, write_realisasi

from pipeline.run import RunConfig, run


def test_a_row_without_month_in_the_second_file_is_rejected_not_lost(tmp_path: Path) -> None:
    folder = tmp_path / "masukan"
    write_dpa(folder / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, 900_000]])
    write_realisasi(folder / "real_01.xlsx", [[2023, 1, SUB, ATK, "ATK", 100_000]])
    write_realisasi(folder / "real_02.xlsx", [[2023, 1, SUB, ATK, "ATK", 50_000],
                                              [2023, None, SUB, ATK, "ATK", 7_000]])

    result = run(RunConfig(folder, tmp_path / "keluaran"))

    kelengkapan = result.report.reconciliation[-1]
    assert kelengkapan.jenis == "Kelengkapan"
    assert kelengkapan.dinyatakan == kelengkapan.dihitung == 157_000 * 100
    assert kelengkapan.matched
    named = {(found.code, found.file, found.cell) for found in result.report.issues
             if found.file == "real_02.xlsx"}
    assert ("month-duplicate", "real_02.xlsx", "") in named
    assert any(cell == "B3" for _, _, cell in named), named  # the blank Bulan, by its cell
