"""The seed's own LRA, typed as an accounting-system export beside the example's inputs:
its `15.000.00` is caught with its cell, and the 5.1.02.04.01 subtotal it breaks is listed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import xlsxwriter
from conftest import EXAMPLE
from seed_lra import SEED_LRA_TEXT, TYPO

from pipeline.run import RunConfig, RunResult, run

HEADER = ["Kode Rekening", "URAIAN", "ANGGARAN", "REALISASI 2023", "% 2023", "REALISASI 2022"]
TITLE_ROWS = 2  # a title and a blank row above the header, as exports print them


def write_seed_export(path: Path) -> dict[str, int]:
    """The seed LRA as text cells, as if pasted from the document; returns code → Excel row."""
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    sheet = workbook.add_worksheet("LRA")
    sheet.write_string(0, 0, "LAPORAN REALISASI ANGGARAN DINAS SOSIAL TAHUN ANGGARAN 2023")
    sheet.write_row(TITLE_ROWS, 0, HEADER)
    sheet.write_row(TITLE_ROWS + 1, 0, ["1", "2", "3", "4", "5 = (4/3) x 100", "6"])
    rows: dict[str, int] = {}
    for offset, line in enumerate(SEED_LRA_TEXT.splitlines()):
        row = TITLE_ROWS + 2 + offset
        for column, text in enumerate(line.split("\t")):
            sheet.write_string(row, column, text)
        rows[line.split("\t")[0]] = row + 1
    workbook.close()
    return rows


@pytest.fixture(scope="module")
def seed_export_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[RunResult, dict[str, int]]:
    folder = tmp_path_factory.mktemp("with-export")
    shutil.copytree(EXAMPLE, folder / "masukan", ignore=shutil.ignore_patterns("build"))
    rows = write_seed_export(folder / "masukan" / "lra_sipd_2023.xlsx")
    return run(RunConfig(folder / "masukan", folder / "keluaran")), rows


def test_the_typo_is_an_error_naming_its_cell(seed_export_run) -> None:
    result, rows = seed_export_run
    found = result.report.flatten(["code", "file", "sheet", "cell", "value"],
                                  codes=["money-invalid"])
    assert found == [["money-invalid", "lra_sipd_2023.xlsx", "LRA",
                      f"D{rows['5.1.02.04.01.0005']}", TYPO]]


def test_the_subtotal_it_breaks_is_listed(seed_export_run) -> None:
    result, rows = seed_export_run
    mismatches = result.report.flatten(["code", "cell", "value"], codes=["subtotal-mismatch"])
    assert mismatches == [["subtotal-mismatch", f"D{rows['5.1.02.04.01']}", "659.763.313"]]
    [line] = [r for r in result.report.reconciliation
              if r.jenis == "Subtotal LRA sistem" and not r.matched]
    assert (line.kode, line.dinyatakan, line.dihitung) == ("5.1.02.04.01", 65_976_331_300,
                                                           64_476_331_300)


def test_every_other_line_agrees_with_the_computed_lra(seed_export_run) -> None:
    result, _ = seed_export_run
    assert [i for i in result.report.issues if i.code == "lra-mismatch"] == []
    assert result.report.errors == 2  # the typo and the subtotal it breaks, nothing else
