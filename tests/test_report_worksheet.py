"""The report's worksheet writes every formula and cell exactly as xlsxwriter's own does."""

from __future__ import annotations

import inspect
import re
import zipfile
from fractions import Fraction
from pathlib import Path

import pytest
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from pipeline.report import writer
from pipeline.report.worksheet import DYNAMIC_FUNCTIONS, ReportWorksheet
from pipeline.run import RunResult


def functions_xlsxwriter_expands() -> set[str]:
    """The dynamic-array functions xlsxwriter prefixes whatever its options (the part of
    `_prepare_formula` before it checks `use_future_functions`)."""
    source = inspect.getsource(Worksheet._prepare_formula)
    always = source.split("use_future_functions")[0]
    return set(re.findall(r're\.sub\(r"\\.([A-Z][A-Z.]*)\\\(', always))


def test_the_fast_path_knows_every_function_the_installed_xlsxwriter_expands() -> None:
    expanded = functions_xlsxwriter_expands()
    assert len(expanded) >= 20  # the source was read, not an empty match
    # xlsxwriter spells one pattern `\SINGLE\(`, so that name reads "INGLE" here.
    assert {"SINGLE" if name == "INGLE" else name for name in expanded} <= set(DYNAMIC_FUNCTIONS)


FORMULAS = [
    "=SUM(C5:C9)",
    "=IF(C5=0,0,ROUND(D5/C5*100,2))",
    "=IFERROR(ROUND(D7/C7*100,2),0)",
    "=C5-C9",
    "{=SUM(A1:A3*B1:B3)}",
    "=FILTER(A1:A9,B1:B9>0)",
    "=_xlfn.XLOOKUP(A1,B1:B9,C1:C9)",
    "=XLOOKUP(A1,B1:B9,C1:C9)",
    "=SORT(UNIQUE(A1:A9))",
    "=LET(x,1,x)",
    "=SINGLE(A1:A3)",
    "=@SUM(A1)",
    "='Realisasi Bulanan'!D12",
    "=MYSORT(A1)",  # a name ending in a dynamic one: xlsxwriter decides
]


@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize("future", [False, True])
def test_each_formula_is_prepared_as_xlsxwriter_prepares_it(formula: str, future: bool) -> None:
    ours, theirs = ReportWorksheet(), Worksheet()
    ours.use_future_functions = theirs.use_future_functions = future
    assert ours._prepare_formula(formula) == theirs._prepare_formula(formula)
    assert ours._prepare_formula(formula, True) == theirs._prepare_formula(formula, True)


def workbook_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_cells(path: Path, worksheet_class: type[Worksheet]) -> None:
    """Every kind of cell the fast paths take, and the ones they leave to xlsxwriter."""
    workbook = xlsxwriter.Workbook(str(path), {"in_memory": True})
    sheet = workbook.add_worksheet("Sel", worksheet_class=worksheet_class)
    bold = workbook.add_format({"bold": True})
    sheet.set_row(3, None, bold)
    sheet.set_column(4, 4, 12, bold)
    values = [1, -2.5, 1e20, 1 / 3, 0.1 + 0.2, 10**15 + 1]
    for row, value in enumerate(values):
        sheet.write_number(row, 0, value, bold)
        sheet.write_number(row, 1, value)  # no format: xlsxwriter's way
    for row, text in enumerate(["Belanja", "A & B", "<tag>", ' "kutip" ', "", "baris\nbaru"]):
        sheet.write_string(row, 2, text, bold)
        sheet.write_string(row, 3, text)
    formulas = [
        ("=SUM(A1:A3)", 6), ("=A1/3", 1 / 3), ("=A1>0", True), ("=ISNUMBER(A1)", False),
        ('=IF(A1>0,"ya","")', "ya"), ("=A1&B1", "1-2.5"), ("=IF(A1<0,1,2)", 2),
        ('=LEN("a")', 1), ("=1/0", "#DIV/0!"), ("=A1", ""), ("=A1+1", 2.0),
        ("=SUM(A1:A2)", 10**15), ("{=SUM(A1:A3*B1:B3)}", 0), ("=FILTER(A1:A3,B1:B3>0)", 1),
    ]
    for row, (formula, value) in enumerate(formulas):
        sheet.write_formula(row, 4, formula, bold, value)
        sheet.write_formula(row, 5, formula, None, value)
    sheet.write_blank(0, 6, None, bold)
    sheet.write_blank(1, 6, None)
    sheet.write("H1", 5, bold)  # A1 notation still works through `write`
    sheet.write_number(1, 7, Fraction(1, 4), bold)
    sheet.write_string(2, 7, "panjang " * 3000, bold)  # past the fast path's length
    sheet.write_formula(3, 7, "=A1}", bold, 1)
    sheet.write_formula(4, 7, "=_xlfn.STDEV.S(A1:A3)", bold, 1)
    outside = [sheet.write_number(1_048_576, 0, 1), sheet.write_string(0, 16_384, "x"),
               sheet.write_formula(-1, 0, "=A1")]
    assert outside == [-1, -1, -1]
    with pytest.raises(TypeError):
        sheet.write_number(5, 7, float("nan"))
    workbook.close()


def test_every_cell_kind_has_the_bytes_xlsxwriter_writes(tmp_path: Path) -> None:
    write_cells(tmp_path / "ours.xlsx", ReportWorksheet)
    write_cells(tmp_path / "theirs.xlsx", Worksheet)
    ours, theirs = workbook_parts(tmp_path / "ours.xlsx"), workbook_parts(tmp_path / "theirs.xlsx")
    assert b"<f>SUM(A1:A3)</f><v>6</v>" in ours["xl/worksheets/sheet1.xml"]  # cells were written
    assert ours == theirs


def test_the_example_report_has_the_bytes_xlsxwriter_writes(
        example_run: RunResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writer.write_workbook(example_run.report, tmp_path / "ours.xlsx")
    monkeypatch.setattr(writer, "ReportWorksheet", Worksheet)
    writer.write_workbook(example_run.report, tmp_path / "theirs.xlsx")
    ours, theirs = workbook_parts(tmp_path / "ours.xlsx"), workbook_parts(tmp_path / "theirs.xlsx")
    assert len(ours) > 15
    assert ours == theirs
