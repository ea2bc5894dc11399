"""Finding the header row of a sheet and turning the rows below it into a raw table.

Exported reports put titles, logos and merged cells above the header; the header may
sit anywhere in the first 20 rows. The row that names the most known columns wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from pipeline.excel.grid import Grid
from pipeline.layouts import Field, Layout, normalise_label, year_in_label

HEADER_SEARCH_ROWS = 20


class Header(NamedTuple):
    """Where the header is (index into the grid) and which grid column holds each field."""

    row_index: int
    columns: dict[str, int]
    missing: tuple[Field, ...]


def find_header(grid: Grid, layout: Layout, year: int | None = None) -> Header | None:
    """The best header row in the first rows, or None when no row names two known columns."""
    best: Header | None = None
    for index, row in enumerate(grid.rows[:HEADER_SEARCH_ROWS]):
        columns = _match_columns(row, layout, year)
        if best is None or len(columns) > len(best.columns):
            missing = tuple(field for field in layout.required if field.name not in columns)
            best = Header(index, columns, missing)
    if best is None or len(best.columns) < min(2, len(layout.fields)):
        return None
    return best


def _match_columns(row: Sequence[object], layout: Layout, year: int | None) -> dict[str, int]:
    columns: dict[str, int] = {}
    by_year: dict[int, int] = {}
    for position, label in enumerate(row):
        normalised = normalise_label(label)
        if not normalised:
            continue
        field = next((field for field in layout.fields if field.matches(normalised)), None)
        if field is not None and field.name not in columns:
            columns[field.name] = position
        elif (labelled_year := year_in_label(normalised)) is not None:
            by_year[labelled_year] = position
    if layout.kind == "lra" and by_year:
        for name, position in _year_columns(by_year, year, "realisasi" in columns).items():
            columns.setdefault(name, position)
    return columns


def _year_columns(by_year: dict[int, int], year: int | None, has_current: bool
                  ) -> dict[str, int]:
    """`Realisasi 2023` / `Realisasi 2022`: the fiscal year's column and the year before.
    Beside a plain `Realisasi` column, a dated one is the year before."""
    if has_current:
        previous = year - 1 if year is not None and year - 1 in by_year else max(by_year)
        return {"realisasi_lalu": by_year[previous]}
    current = year if year in by_year else max(by_year)
    found = {"realisasi": by_year[current]}
    if current - 1 in by_year:
        found["realisasi_lalu"] = by_year[current - 1]
    return found


def raw_table(grid: Grid, header: Header) -> pd.DataFrame:
    """The rows below the header as raw values (object dtype), one column per matched
    field, plus `row`: the Excel row number. Entirely blank rows are dropped."""
    first = header.row_index + 1
    if first < len(grid.rows) and is_numbering_row(grid.rows[first]):
        first += 1
    body = grid.rows[first:]
    width = max(header.columns.values(), default=0) + 1
    lengths = set(map(len, body))
    longest = max(lengths, default=0)
    if len(lengths) > 1:  # calamine's rows are even; a grid may not be
        body = [list(row) + [""] * (longest - len(row)) for row in body]
    table = pd.DataFrame(list(body), dtype=object) if body else pd.DataFrame()
    for position in range(table.shape[1], width):  # short rows: the missing cells are empty
        table[position] = ""
    frame = pd.DataFrame({name: table[position].to_numpy(dtype=object) if len(table) else []
                          for name, position in header.columns.items()}, dtype=object)
    frame = frame.fillna("")
    frame["row"] = grid.excel_rows(first, len(frame))
    return frame.loc[_filled(frame.drop(columns="row"))].reset_index(drop=True)


def is_numbering_row(row: Sequence[object]) -> bool:
    """The `1 2 3 4 …` row that exported reports print under their header."""
    cells = [cell for cell in row if not _is_blank(cell)]
    numbered = [position for position, cell in enumerate(cells, start=1)
                if str(cell).strip().removesuffix(".0") == str(position)]
    return len(numbered) >= 3 and numbered[:3] == [1, 2, 3]


def letters(grid: Grid, header: Header) -> dict[str, str]:
    """The Excel column letter of each matched field."""
    return {name: grid.letter(position) for name, position in header.columns.items()}


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _filled(frame: pd.DataFrame) -> np.ndarray:
    """Rows with at least one cell that is neither empty nor only spaces. Column by column,
    only the rows still undecided are looked at: a data row is usually settled by its
    first cell, so the check costs about one look per row."""
    filled = np.zeros(len(frame), dtype=bool)
    for column in frame.columns:
        undecided = np.flatnonzero(~filled)
        if len(undecided) == 0:
            break
        values = frame[column].to_numpy(dtype=object)[undecided]
        filled[undecided] = [not _is_blank(value) for value in values]
    return filled
