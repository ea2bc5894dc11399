"""The second bundled example: the template example's year as SIPD-RI downloads gives the
same report, value for value.

`examples/dinsos-labuhanbatu-utara-2023-sipd/` (written by `examples/build_sipd_example.py`
from the template example, with the labels of `../shared/spec/real-exports.md`) holds both
Rekap stages (A1), twelve cumulative snapshots (B1), one SPJ Fungsional (B2), the AKLAP LRA
(C1), the PK and an `Identitas` workbook. Its report must equal the template example's in
every LRA row (code, anggaran, realisasi, realisasi tahun lalu) and in every cell of tables
III.A.1–III.A.7. Each example is run once; the SIPD run is shared with
`test_unrelated_downloads.py`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from pipeline.findings import Severity
from pipeline.report.model import Report
from pipeline.run import RunConfig, RunResult, run

ROOT = Path(__file__).resolve().parent.parent
SIPD = ROOT / "examples" / "dinsos-labuhanbatu-utara-2023-sipd"
GENERATOR = ROOT / "examples" / "build_sipd_example.py"
LAKIP_SHEETS = ("III.A.1", "III.A.2", "III.A.3", "III.A.4", "III.A.5", "III.A.6", "III.A.7")
MONTHLY_SHEET = "Realisasi Bulanan"

_RUNS: dict[str, RunResult | Exception] = {}


def sipd_alone(factory: pytest.TempPathFactory) -> RunResult:
    """The SIPD example processed alone, once per test session whichever module asks."""
    if "sipd" not in _RUNS:
        try:
            _RUNS["sipd"] = run(RunConfig(SIPD, factory.mktemp("sipd-report"), document=False))
        except Exception as error:  # noqa: BLE001 - kept, so that every test shows it once
            _RUNS["sipd"] = error
    outcome = _RUNS["sipd"]
    if isinstance(outcome, Exception):
        pytest.fail(f"the SIPD example gives no report: {type(outcome).__name__}: {outcome}")
    return outcome


@pytest.fixture(scope="module")
def sipd_run(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    return sipd_alone(tmp_path_factory)


# --- reading both reports the same way ------------------------------------------------------


def lra_amounts(report: Report) -> list[tuple[str, str, str, int, int, int]]:
    """Every LRA row: kind, code, the uraian of total rows, anggaran, realisasi, realisasi
    tahun lalu (sen)."""
    return [(row.kind, row.code, row.uraian if row.kind != "account" else "", row.anggaran,
             row.realisasi, row.realisasi_lalu) for row in report.lra]


def sheet_values(path: Path, sheet: str) -> list[tuple[object, ...]]:
    """All cells of a sheet as a reader that does not recalculate sees them."""
    workbook = openpyxl.load_workbook(path, data_only=True, read_only=True)
    try:
        return [tuple(row) for row in workbook[sheet].iter_rows(values_only=True)]
    finally:
        workbook.close()


def lra_table(path: Path) -> list[tuple[object, ...]]:
    """The LRA sheet from its header row to the SURPLUS/DEFISIT row, cached values."""
    rows = sheet_values(path, "LRA")
    start = next(i for i, row in enumerate(rows) if row and row[0] == "Kode Rekening")
    end = next(i for i, row in enumerate(rows)
               if i > start and str(row[1] or "").upper().startswith("SURPLUS"))
    return rows[start:end + 1]


def cell_differences(expected: list[tuple[object, ...]], got: list[tuple[object, ...]]
                     ) -> list[tuple[int, int, object, object]]:
    """(row, column, expected, got) of every cell that differs, 1-based."""
    differences = []
    for row in range(max(len(expected), len(got))):
        left = expected[row] if row < len(expected) else ()
        right = got[row] if row < len(got) else ()
        for column in range(max(len(left), len(right))):
            a = left[column] if column < len(left) else None
            b = right[column] if column < len(right) else None
            if a != b:
                differences.append((row + 1, column + 1, a, b))
    return differences


def sheet_differences(expected: Path, got: Path, sheets: tuple[str, ...]
                      ) -> dict[str, list[tuple[int, int, object, object]]]:
    found = {sheet: cell_differences(sheet_values(expected, sheet), sheet_values(got, sheet))
             for sheet in sheets}
    return {sheet: cells[:10] for sheet, cells in found.items() if cells}


def row_differences(expected: list[tuple], got: list[tuple]) -> list[tuple[tuple, tuple]]:
    """The first rows (by position) that differ, and a row missing on either side."""
    pairs = list(zip(expected, got, strict=False))
    differing = [(a, b) for a, b in pairs if a != b]
    if len(expected) != len(got):
        longer = expected if len(expected) > len(got) else got
        differing.append((("rows", len(expected)), ("rows", len(got))))
        differing += [(row, ()) if longer is expected else ((), row)
                      for row in longer[len(pairs):len(pairs) + 5]]
    return differing[:15]


# --- the example itself -----------------------------------------------------------------------


def test_the_generator_writes_exactly_the_bundled_files(tmp_path: Path) -> None:
    """Same bytes on every run (fixed created dates), and the folder is what it writes."""
    done = subprocess.run([sys.executable, str(GENERATOR), "--output", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")
                     if p.is_file())
    bundled = sorted(p.relative_to(SIPD).as_posix() for p in SIPD.rglob("*")
                     if p.is_file() and p.name != "README.md")
    assert written == bundled
    assert len([name for name in written if name.startswith("realisasi/")]) == 12
    changed = [name for name in written
               if (tmp_path / name).read_bytes() != (SIPD / name).read_bytes()]
    assert changed == []


def test_the_sipd_example_runs_clean(sipd_run: RunResult) -> None:
    errors = [(found.code, found.file, found.sheet, found.cell, found.message)
              for found in sipd_run.report.issues if found.severity is Severity.ERROR]
    assert errors == []


def test_identity_and_year_are_the_template_example_s(example_run: RunResult,
                                                      sipd_run: RunResult) -> None:
    template, sipd = example_run.report, sipd_run.report
    assert sipd.year == template.year == 2023
    assert {key: sipd.identitas.get(key) for key in template.identitas} == template.identitas
    assert sipd_run.report_path.name == example_run.report_path.name


# --- LRA -----------------------------------------------------------------------------------------


def test_every_lra_row_is_equal(example_run: RunResult, sipd_run: RunResult) -> None:
    """Code, anggaran, realisasi and realisasi tahun lalu of every row, in the same order;
    the prior-year column comes from the AKLAP LRA's `Realisasi Tahun Lalu` here."""
    expected, got = lra_amounts(example_run.report), lra_amounts(sipd_run.report)
    assert len(expected) == 133 + 4  # the seed's 133 accounts, JUMLAH ×3, SURPLUS/DEFISIT
    assert row_differences(expected, got) == []


def test_every_lra_name_is_equal(example_run: RunResult, sipd_run: RunResult) -> None:
    expected = [(row.code, row.uraian) for row in example_run.report.lra]
    got = [(row.code, row.uraian) for row in sipd_run.report.lra]
    assert row_differences(expected, got) == []


def test_the_lra_sheet_is_equal_cell_for_cell(example_run: RunResult,
                                              sipd_run: RunResult) -> None:
    expected, got = lra_table(example_run.report_path), lra_table(sipd_run.report_path)
    assert expected[0][:6] == ("Kode Rekening", "Uraian", "Anggaran", "Realisasi 2023",
                               "% 2023", "Realisasi 2022")
    assert cell_differences(expected, got)[:10] == []


# --- LAKIP tables --------------------------------------------------------------------------------


def test_every_lakip_table_is_equal_cell_for_cell(example_run: RunResult,
                                                  sipd_run: RunResult) -> None:
    """III.A.1–III.A.7 read back with openpyxl: every cached value, titles included."""
    assert sheet_differences(example_run.report_path, sipd_run.report_path, LAKIP_SHEETS) == {}


def test_the_monthly_realisasi_is_equal(example_run: RunResult, sipd_run: RunResult) -> None:
    """The month-by-month realisasi per program (the snapshots differenced), which III.A.6
    refers to."""
    assert sheet_differences(example_run.report_path, sipd_run.report_path,
                             (MONTHLY_SHEET,)) == {}


def test_pagu_murni_and_the_pk_budget_check_are_equal(example_run: RunResult,
                                                      sipd_run: RunResult) -> None:
    """Pagu murni comes from the Penetapan Rekap: the PK's 37.000 on Penunjang still shows."""
    def pk_rows(result: RunResult) -> list[tuple[str, str, int | None, int | None]]:
        return [(r.jenis, r.kode, r.dinyatakan, r.dihitung) for r in result.report.reconciliation
                if r.jenis.startswith("Anggaran PK")]

    assert sipd_run.report.pagu_murni == example_run.report.pagu_murni == 552_503_703_100
    assert pk_rows(sipd_run) == pk_rows(example_run)
    assert pk_rows(sipd_run) != []


# --- controls ------------------------------------------------------------------------------------


def leaf_rows(path: Path, code_columns: int) -> list[str]:
    """The 6-level kode rekening of a download's rows, read with openpyxl: the code in one
    cell (`code_columns` 1) or split over six cells (the SPJ Fungsional)."""
    found = []
    for row in sheet_values(path, openpyxl.load_workbook(path, read_only=True).sheetnames[0]):
        for start in range(len(row)):
            cells = row[start:start + code_columns]
            text = ".".join(str(cell).strip() for cell in cells if cell is not None)
            parts = text.split(".")
            if len(parts) == 6 and parts[0] == "5" and all(part.isdigit() for part in parts):
                found.append(text)
                break
    return found


def test_the_downloads_controls_are_listed_and_match(sipd_run: RunResult) -> None:
    """The latest snapshot's PAGU is compared with every DPA line, and the SPJ Fungsional's
    March with the realisasi of March per rekening: every comparison listed, all `Cocok`."""
    rows = sipd_run.report.reconciliation
    pagu = [row for row in rows if row.jenis == "Pagu SIPD-RI vs DPA"]
    spj = [row for row in rows if row.jenis == "SPJ Fungsional vs realisasi"]
    december = SIPD / "realisasi" / "realisasi_belanja_2023-12-31.xlsx"
    spj_file = SIPD / "SPJ_Fungsional_Maret_2023.xlsx"
    assert len(pagu) == len(leaf_rows(december, 1)) > 100
    assert {row.kode for row in spj} >= set(leaf_rows(spj_file, 6))
    assert spj and all(row.status == "Cocok" for row in pagu + spj)
