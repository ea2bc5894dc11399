"""The LRA with pendapatan and pembiayaan beside belanja: blocks, JUMLAH rows, SURPLUS/DEFISIT
and PEMBIAYAAN NETTO where the seed document puts them; the monthly sheet holds belanja only."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import ATK, SUB, write_dpa, write_realisasi
from libreoffice import compare_recalculated, recalculate

from pipeline.run import RunConfig, RunResult, run

PAJAK = "4.1.01.01.01.0001"
SILPA = "6.1.01.01.01.0001"
MODAL = "6.2.02.01.01.0001"


def _run(tmp_path: Path) -> RunResult:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [
        [None, PAJAK, "Pajak Hotel", 5_000_000, None],
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, None],
        [None, SILPA, "SiLPA", 300_000, None],
        [None, MODAL, "Penyertaan Modal", 100_000, None],
    ])
    write_realisasi(folder / "real.xlsx", [
        [2023, 1, None, PAJAK, "Pajak Hotel", 4_000_000],
        [2023, 1, SUB, ATK, "ATK", 500_000],
        [2023, 2, None, ATK, "ATK tanpa sub kegiatan", 10_000],
    ])
    return run(RunConfig(folder, tmp_path / "out"))


def test_blocks_totals_and_net_rows_in_order(tmp_path: Path) -> None:
    lra = _run(tmp_path).report.lra
    outline = [(row.kind, row.code or row.uraian) for row in lra if row.kind != "account"
               or row.code in ("4", "5", "6")]
    assert outline == [
        ("account", "4"), ("total", "JUMLAH PENDAPATAN ASLI DAERAH (PAD)"),
        ("total", "JUMLAH PENDAPATAN"),
        ("account", "5"), ("total", "JUMLAH BELANJA OPERASI"), ("total", "JUMLAH BELANJA"),
        ("surplus", "SURPLUS/DEFISIT"),
        ("account", "6"), ("total", "JUMLAH PENERIMAAN PEMBIAYAAN"),
        ("total", "JUMLAH PENGELUARAN PEMBIAYAAN"), ("surplus", "PEMBIAYAAN NETTO"),
    ]
    net = {row.uraian: (row.anggaran, row.realisasi) for row in lra if row.kind == "surplus"}
    # pendapatan 5.000.000 / 4.000.000 − belanja 1.000.000 / 510.000, in sen
    assert net["SURPLUS/DEFISIT"] == (400_000_000, 349_000_000)
    assert net["PEMBIAYAAN NETTO"] == (20_000_000, 0)  # 300.000 − 100.000


def test_monthly_sheet_holds_belanja_only(tmp_path: Path) -> None:
    monthly = _run(tmp_path).report.monthly
    assert [(line.code, line.pagu, line.realisasi) for line in monthly] == [
        ("1.06.01", 100_000_000, 50_000_000),
        ("1.06.01.2.01", 100_000_000, 50_000_000),
        (SUB, 100_000_000, 50_000_000),
        ("-", 0, 1_000_000),  # belanja booked without a sub kegiatan, still shown
    ]


@pytest.mark.libreoffice
def test_net_rows_recalculate_to_their_cached_values(tmp_path: Path, soffice: str) -> None:
    report = _run(tmp_path).report_path
    assert compare_recalculated(report, recalculate(report, tmp_path / "lo")) == []
