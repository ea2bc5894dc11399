"""A real spreadsheet engine recalculates the example's report and changes no value."""

from __future__ import annotations

from pathlib import Path

import pytest
from libreoffice import compare_recalculated, formula_cells, recalculate

from pipeline.run import RunResult

pytestmark = pytest.mark.libreoffice


def test_libreoffice_recalculation_changes_no_value(soffice: str, example_run: RunResult,
                                                    tmp_path: Path) -> None:
    report = example_run.report_path
    formulas = formula_cells(report)
    sheets = {sheet for sheet, _ in formulas}
    assert {"LRA", "Ringkasan", "Rekonsiliasi"} <= sheets
    percent_cells = [cell for sheet, cell in formulas if sheet == "LRA" and cell.startswith("E")]
    assert len(percent_cells) == len(example_run.report.lra)  # every % is a live formula
    recalculated = recalculate(report, tmp_path)
    assert compare_recalculated(report, recalculated) == []
