"""End to end: the bundled example reproduces the seed document's LRA, all 133 accounts
in all four columns, and its JUMLAH and SURPLUS/DEFISIT rows."""

from __future__ import annotations

from decimal import Decimal

from seed_lra import seed_lines
from workbook_reading import rows_below, sheet_rows

from pipeline.run import RunResult


def _report_lra(example_run: RunResult) -> list[list[object]]:
    header, body = rows_below(sheet_rows(example_run.report_path, "LRA"), "Kode Rekening")
    assert header[:6] == ["Kode Rekening", "Uraian", "Anggaran", "Realisasi 2023", "% 2023",
                          "Realisasi 2022"]
    return [row for row in body[1:] if any(cell != "" for cell in row)]  # skip "1 2 3 …"


def _as_decimal(value: object) -> Decimal:
    return Decimal(str(value))


def test_example_runs_clean(example_run: RunResult) -> None:
    assert example_run.report.errors == 0, [i.message for i in example_run.report.issues][:5]
    # The one warning is the seed's own: the PK budgets total 37.000 less than the DPA's
    # pagu murni (5.525.000.031 vs 5.525.037.031), carried on Program Penunjang.
    warnings = [(i.code, i.file, i.sheet, i.cell, i.value) for i in example_run.report.issues
                if i.severity.value == "Peringatan"]
    assert warnings == [("pk-budget-mismatch", "pk_2023.xlsx", "Program", "H6", "3.289.319.117")]
    pk_rows = [r for r in example_run.report.reconciliation if r.jenis.startswith("Anggaran PK")]
    assert [(r.kode, r.dinyatakan - r.dihitung) for r in pk_rows if not r.matched] == [
        ("1.06.01", -3_700_000)]
    # the other four programs' budgets agree, and are listed as checked
    assert [(r.kode, r.dinyatakan - r.dihitung) for r in pk_rows if r.matched] == [
        ("1.06.02", 0), ("1.06.04", 0), ("1.06.05", 0), ("1.06.06", 0)]


def test_lra_accounts_match_the_seed(example_run: RunResult) -> None:
    ours = {row[0]: row for row in _report_lra(example_run) if row[0]}
    seed = [line for line in seed_lines() if line.code]
    assert len(seed) == 133
    assert sorted(ours) == sorted(line.code for line in seed)
    mismatches = []
    for line in seed:
        row = ours[line.code]
        got = tuple(_as_decimal(value) for value in (row[2], row[3], row[4], row[5]))
        expected = (line.anggaran, line.realisasi, line.percent, line.realisasi_lalu)
        if got != expected:
            mismatches.append((line.code, got, expected))
    assert mismatches == []


def test_lra_rows_are_in_the_seed_order_with_its_totals(example_run: RunResult) -> None:
    ours = [(row[0], row[1] if not row[0] else "") for row in _report_lra(example_run)]
    expected = [(line.code, line.uraian if not line.code else "") for line in seed_lines()]
    assert ours == expected


def test_lra_totals_match_the_seed(example_run: RunResult) -> None:
    ours = {row[1]: row for row in _report_lra(example_run) if not row[0]}
    for line in (line for line in seed_lines() if not line.code):
        row = ours[line.uraian]
        got = tuple(_as_decimal(value) for value in (row[2], row[3], row[4], row[5]))
        assert got == (line.anggaran, line.realisasi, line.percent, line.realisasi_lalu), line
