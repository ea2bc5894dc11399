"""Reading a written report back the way readers that do not recalculate see it."""

from __future__ import annotations

from pathlib import Path

from python_calamine import CalamineWorkbook


def sheet_rows(path: Path, sheet: str) -> list[list[object]]:
    """All rows of a sheet from A1, cached values, '' for empty cells."""
    workbook = CalamineWorkbook.from_path(str(path))
    return workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


Rows = list[list[object]]


def rows_below(rows: Rows, first_label: str) -> tuple[list[object], Rows]:
    """The header row whose first cell is `first_label`, and the rows under it."""
    index = next(i for i, row in enumerate(rows) if row and row[0] == first_label)
    return rows[index], rows[index + 1:]
