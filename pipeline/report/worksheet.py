"""The report's worksheet: xlsxwriter's own, with fast paths for what the report writes.

The report writes about twenty thousand cells, and xlsxwriter's generality costs more
than the cells themselves:
- it runs about thirty regular expressions over every formula to give dynamic-array
  functions (FILTER, XLOOKUP …) their `_xlfn.` prefix. The report writes SUM, IF and
  ROUND and none of those functions. A formula that names none of them is stripped
  exactly as xlsxwriter strips it; any other formula goes xlsxwriter's way. A test reads
  the list of functions out of the installed xlsxwriter, so a newer one cannot slip past.
- every `write_*` call first checks whether it was given A1 notation. The report always
  gives row and column numbers, so those calls go straight to the undecorated writers.
- every cell's XML goes through generic attribute escaping. A formatted number, shared
  string, or formula with a numeric value and nothing to escape is written in one step,
  with the same bytes; every other cell goes xlsxwriter's way. A test writes the example
  report both ways and compares every part of the two workbooks.
- the parts are deflated at zlib's default level; the fastest level takes a third of the
  time for a file a fifth larger (`ReportWorkbook`).
"""

from __future__ import annotations

import math
import re
import zipfile
from typing import Any

import xlsxwriter.workbook
from xlsxwriter.utility import xl_rowcol_to_cell_fast
from xlsxwriter.worksheet import (
    CellFormulaTuple,
    CellNumberTuple,
    CellStringTuple,
    Worksheet,
)

DYNAMIC_FUNCTIONS = (
    "ANCHORARRAY", "BYCOL", "BYROW", "CHOOSECOLS", "CHOOSEROWS", "DROP", "EXPAND", "FILTER",
    "HSTACK", "LAMBDA", "MAKEARRAY", "MAP", "RANDARRAY", "REDUCE", "SCAN", "SINGLE",
    "SEQUENCE", "SORT", "SORTBY", "SWITCH", "TAKE", "TEXTSPLIT", "TOCOL", "TOROW", "UNIQUE",
    "VSTACK", "WRAPCOLS", "WRAPROWS", "XLOOKUP",
)
# Any of the names followed by "(", wherever it stands: a superset of xlsxwriter's matches.
_NAMES_A_FUNCTION = re.compile("|".join(f"{name}\\(" for name in DYNAMIC_FUNCTIONS))
# What xlsxwriter's XML writer looks for before escaping (`xmlwriter.xml_escapes`).
_NEEDS_ESCAPE = re.compile('["&<>\n]')


class ReportWorksheet(Worksheet):  # type: ignore[misc]
    # The used range, as xlsxwriter keeps it (None before the first cell).
    dim_rowmin: int | None
    dim_rowmax: int | None
    dim_colmin: int | None
    dim_colmax: int | None

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> Any:
        if (expand_future_functions or self.use_future_functions or "_xlfn." in formula
                or _NAMES_A_FUNCTION.search(formula)):
            return super()._prepare_formula(formula, expand_future_functions)
        return formula.removeprefix("{").removeprefix("=").removesuffix("}")

    # Row and column numbers, never A1 notation: no argument conversion.
    def write_string(self, row: int, col: int, *args: Any) -> Any:
        return self._write_string(row, col, *args)

    def write_number(self, row: int, col: int, *args: Any) -> Any:
        return self._write_number(row, col, *args)

    def write_formula(self, row: int, col: int, *args: Any) -> Any:
        return self._write_formula(row, col, *args)

    def write_blank(self, row: int, col: int, *args: Any) -> Any:
        return self._write_blank(row, col, *args)

    # The common cells, stored with the same checks in fewer steps: a finite number, a
    # string short enough never to be truncated, a plain formula; in bounds, and never in
    # constant-memory mode. Anything else goes xlsxwriter's way.
    def _write_number(self, row: int, col: int, number: Any, cell_format: Any = None) -> Any:
        kind = type(number)
        if (kind is int or (kind is float and math.isfinite(number))) and self._stored(row, col):
            self.table[row][col] = CellNumberTuple(number, cell_format)
            return 0
        return super()._write_number(row, col, number, cell_format)

    def _write_string(self, row: int, col: int, string: str, cell_format: Any = None) -> Any:
        if len(string) <= self.xls_strmax // 2 and self._stored(row, col):
            index = self.str_table._get_shared_string_index(string)
            self.table[row][col] = CellStringTuple(index, cell_format)
            return 0
        return super()._write_string(row, col, string, cell_format)

    def _write_formula(self, row: int, col: int, formula: str, cell_format: Any = None,
                       value: Any = 0) -> Any:
        if (formula and not formula.startswith("{") and "_xlfn." not in formula
                and not self.use_future_functions and not _NAMES_A_FUNCTION.search(formula)
                and self._stored(row, col)):
            self.table[row][col] = CellFormulaTuple(self._prepare_formula(formula), cell_format,
                                                    value)
            return 0
        return super()._write_formula(row, col, formula, cell_format, value)

    def _stored(self, row: int, col: int) -> bool:
        """True when a cell at (row, col) may be stored here; widens the used range."""
        if (self.constant_memory or not 0 <= row < self.xls_rowmax
                or not 0 <= col < self.xls_colmax):
            return False
        if self.dim_rowmin is None or row < self.dim_rowmin:
            self.dim_rowmin = row
        if self.dim_rowmax is None or row > self.dim_rowmax:
            self.dim_rowmax = row
        if self.dim_colmin is None or col < self.dim_colmin:
            self.dim_colmin = col
        if self.dim_colmax is None or col > self.dim_colmax:
            self.dim_colmax = col
        return True

    def _write_cell(self, row: int, col: int, cell: Any) -> None:
        kind = cell.__class__
        cell_format = cell.format
        if cell_format is None or self.constant_memory:
            super()._write_cell(row, col, cell)
            return
        head = f'<c r="{xl_rowcol_to_cell_fast(row, col)}" s="{cell_format._get_xf_index()}"'
        if kind is CellNumberTuple:
            self.fh.write(f"{head}><v>{cell.number:.16G}</v></c>")
        elif kind is CellStringTuple:
            self.fh.write(f'{head} t="s"><v>{cell.string}</v></c>')
        elif (kind is CellFormulaTuple and type(cell.value) in (int, float)
              and not _NEEDS_ESCAPE.search(cell.formula)):
            self.fh.write(f"{head}><f>{cell.formula}</f><v>{cell.value}</v></c>")
        else:
            super()._write_cell(row, col, cell)


class ReportWorkbook(xlsxwriter.workbook.Workbook):  # type: ignore[misc]
    """xlsxwriter's workbook, its parts deflated at the fastest level. xlsxwriter names
    each part with its own `ZipInfo`, which sets no level; while the workbook is stored,
    it gets one that does."""

    def _store_workbook(self) -> None:
        original = xlsxwriter.workbook.ZipInfo
        xlsxwriter.workbook.ZipInfo = _FastestZipInfo
        try:
            super()._store_workbook()
        finally:
            xlsxwriter.workbook.ZipInfo = original


class _FastestZipInfo(zipfile.ZipInfo):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._compresslevel = 1
