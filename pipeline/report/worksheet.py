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
"""

from __future__ import annotations

import re
from typing import Any

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
