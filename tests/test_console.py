"""The terminal's list of findings: errors first and capped, warnings listed or counted."""

from __future__ import annotations

from pathlib import Path

from pipeline.console import ERRORS_SHOWN, WARNINGS_SHOWN, problem_lines
from pipeline.findings import Issue, issue
from pipeline.watch import on_network_share


def money_error(row: int) -> Issue:
    return issue("money-invalid", f"Nilai baris {row} tidak dapat dibaca.", "real.xlsx",
                 "Realisasi", f"F{row}", "15.000.00")


def unknown_code(row: int) -> Issue:
    return issue("code-unknown", f"Kode baris {row} tidak ada di bagan akun.", "dpa.xlsx",
                 "Anggaran", f"B{row}")


def test_errors_come_first_in_cell_order_then_the_warnings() -> None:
    found = [unknown_code(3), money_error(12), money_error(9)]
    assert problem_lines(found) == [
        "Kesalahan yang harus diperbaiki (2):",
        "  real.xlsx › Realisasi!F9: Nilai baris 9 tidak dapat dibaca.",
        "  real.xlsx › Realisasi!F12: Nilai baris 12 tidak dapat dibaca.",
        "Peringatan (1):",
        "  dpa.xlsx › Anggaran!B3: Kode baris 3 tidak ada di bagan akun.",
    ]


def test_many_warnings_are_only_counted() -> None:
    found = [unknown_code(row) for row in range(2, WARNINGS_SHOWN + 3)]
    assert problem_lines(found) == [
        f"Peringatan: {WARNINGS_SHOWN + 1} (lihat sheet Validasi)"]


def test_errors_beyond_the_first_ten_are_counted() -> None:
    lines = problem_lines([money_error(row) for row in range(2, ERRORS_SHOWN + 5)])
    assert len(lines) == 1 + ERRORS_SHOWN + 1
    assert lines[-1] == "  dan 3 lainnya (lihat sheet Validasi)"


def test_a_finding_without_a_file_still_has_a_place() -> None:
    lines = problem_lines([issue("pk-budget-mismatch", "Anggaran PK berbeda.")])
    assert lines == ["Peringatan (1):", "  (tanpa berkas): Anggaran PK berbeda."]


def test_unc_paths_are_network_shares() -> None:
    assert on_network_share(Path("//server/bersama/dinsos"))
    assert not on_network_share(Path("/srv/bersama/dinsos"))
    assert not on_network_share(Path("masukan"))
