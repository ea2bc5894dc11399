"""Reading cells: a workbook's sheets as grids of Python values, with Excel coordinates.

python-calamine reads the cached values of every cell (formulas included) far faster
than openpyxl. A grid remembers where its first cell sits, so that every value can be
traced back to its Excel address.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from python_calamine import CalamineWorkbook


@dataclass(frozen=True)
class Grid:
    """The used area of one sheet: `rows[i][j]` is the cell at Excel row
    `first_row + i` (1-based) and column index `first_col + j` (0-based)."""

    sheet: str
    rows: Sequence[Sequence[object]]
    first_row: int
    first_col: int

    def excel_row(self, index: int) -> int:
        return int(self.excel_rows(index, 1)[0])

    def excel_rows(self, start: int, count: int) -> np.ndarray:
        """The Excel rows of `count` grid rows from index `start` on."""
        return np.arange(start, start + count) + self.first_row

    def letter(self, column: int) -> str:
        return column_letter(self.first_col + column)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def sheet_names(path: Path) -> list[str]:
    """The sheet names of a workbook, in workbook order."""
    workbook = CalamineWorkbook.from_path(str(path))
    try:
        return list(workbook.sheet_names)
    finally:
        workbook.close()


def read_grids(path: Path, wanted: list[str]) -> dict[str, Grid]:
    """The grids of the named sheets (names as the workbook spells them)."""
    workbook = CalamineWorkbook.from_path(str(path))
    try:
        grids: dict[str, Grid] = {}
        for name in wanted:
            sheet = workbook.get_sheet_by_name(name)
            start = sheet.start or (0, 0)
            rows = sheet.to_python(skip_empty_area=True)
            grids[name] = Grid(name, rows, start[0] + 1, start[1])
        return grids
    finally:
        workbook.close()
