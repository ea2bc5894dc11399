"""Finding the header of a sheet and turning the rows below it into a raw table.

Exported reports put titles, logos and merged cells above the header; the header may
sit anywhere in the first 20 rows, on one row or on a band of up to three rows
(`pipeline.excel.band`: group labels merged over their columns). The row or band that
names the most known columns wins; on a tie, the earliest, taken down as far as the rows
below its top row still name as many (the second row of a band may add no new field:
`Realisasi` merged over `2023 | %`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import chain
from types import MappingProxyType
from typing import NamedTuple

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from pipeline.excel.band import MAX_BAND_ROWS, band_columns
from pipeline.excel.grid import Grid
from pipeline.layouts import Field, Layout, normalise_label

HEADER_SEARCH_ROWS = 20
# `Anggaran 2023`, `Realisasi TA 2022` (normalised): exported LRA name their columns by year.
_DATED_LABEL = re.compile(r"^(anggaran|pagu|realisasi)(?:ta|tahun)?((?:19|20)\d{2})$")


class Header(NamedTuple):
    """Where the header is (index into the grid) and which grid column holds each field.

    `row_index` is the header's last row (the body starts below it, after a numbering
    row if any); `height` is how many rows the header band has (1 for one row); `spans`
    says, for a field whose label is merged over several cells (a code split over six
    cells under one `Kode Rekening`), how many grid columns from its own it covers
    (fields not in it cover one)."""

    row_index: int
    columns: dict[str, int]
    missing: tuple[Field, ...]
    height: int = 1
    spans: Mapping[str, int] = MappingProxyType({})

    @property
    def top(self) -> int:
        """The grid index of the band's first row (the title rows lie above it)."""
        return self.row_index - self.height + 1

    def span(self, name: str) -> int:
        return self.spans.get(name, 1)


def find_header(grid: Grid, layout: Layout, year: int | None = None,
                rows: int = HEADER_SEARCH_ROWS) -> Header | None:
    """The best header row or band in the first `rows` rows, or None when none names two
    known columns."""
    labels = [[normalise_label(cell) for cell in row] for row in grid.rows[:rows]]
    numbering = [is_numbering_row(row) for row in grid.rows[:rows]]
    best: Header | None = None
    for bottom in range(len(labels)):
        for height in range(1, MAX_BAND_ROWS + 1):
            top = bottom - height + 1
            if top < 0 or any(numbering[top:bottom + 1]):
                break
            columns, spans = _match_columns(labels[top:bottom + 1], layout, year)
            if best is None or len(columns) > len(best.columns) or _continues(
                    best, top, columns, labels[bottom]):
                missing = tuple(field for field in layout.required if field.name not in columns)
                best = Header(bottom, columns, missing, height, spans)
    if best is None or len(best.columns) < min(2, len(layout.fields)):
        return None
    return best


def _continues(best: Header, top: int, columns: dict[str, int], bottom: Sequence[str]) -> bool:
    """A band that adds a row under the best header, names as many columns from the same
    top row and is not blank: the header goes on (`Realisasi` over `2023 | %`)."""
    return top == best.top and len(columns) == len(best.columns) and any(bottom)


def _match_columns(band: Sequence[Sequence[str]], layout: Layout, year: int | None
                   ) -> tuple[dict[str, int], dict[str, int]]:
    """Field → grid column, and the spans wider than one column."""
    index = _label_index(layout)
    columns: dict[str, int] = {}
    spans: dict[str, int] = {}
    by_year: dict[int, int] = {}
    for column in band_columns(band):
        field = _field_of(column.candidates, index, layout.kind, columns)
        if field is not None:
            columns[field.name] = column.position
            if column.span > 1:
                spans[field.name] = column.span
            continue
        labelled_year = next((dated[1] for dated in map(dated_label, column.candidates)
                              if dated is not None and dated[0] == "realisasi"), None)
        if labelled_year is not None:
            by_year[labelled_year] = column.position
    if layout.kind == "lra" and by_year:
        for name, position in _year_columns(by_year, year, "realisasi" in columns).items():
            columns.setdefault(name, position)
    return columns, spans


def _field_of(candidates: Sequence[str], index: dict[str, Field], kind: str,
              taken: dict[str, int]) -> Field | None:
    """The first field not yet taken that one of the labels names, most specific first."""
    for label in candidates:
        field = index.get(label)
        dated = dated_label(label) if field is None and kind == "lra" else None
        if dated is not None and dated[0] != "realisasi":  # `Anggaran 2023`: the anggaran
            field = index.get(dated[0])
        if field is not None and field.name not in taken:
            return field
    return None


@lru_cache(maxsize=64)
def _label_index(layout: Layout) -> dict[str, Field]:
    """Normalised label or alias → field; a label two fields share goes to the first."""
    index: dict[str, Field] = {}
    for field in layout.fields:
        for name in (field.label, *field.aliases):
            index.setdefault(normalise_label(name), field)
    return index


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


def dated_label(normalised: str) -> tuple[str, int] | None:
    """`anggaran2023` → (`anggaran`, 2023), also `pagu…` and `realisasi…`, a `ta` or `tahun`
    between; None for any other label."""
    match = _DATED_LABEL.match(normalised)
    return (match.group(1), int(match.group(2))) if match else None


def raw_table(grid: Grid, header: Header) -> pd.DataFrame:
    """The rows below the header as raw values (object dtype), one column per matched
    field, plus `row`: the Excel row number. Entirely blank rows are dropped."""
    first = header.row_index + 1
    if first < len(grid.rows) and is_numbering_row(grid.rows[first]):
        first += 1
    cells = _field_cells(grid.rows[first:], list(header.columns.values()))
    filled = _filled(cells)
    frame = pd.DataFrame(cells if filled.all() else cells[filled], columns=list(header.columns),
                         dtype=object, copy=False)
    frame["row"] = grid.excel_rows(first, len(cells))[filled]
    return frame


def _field_cells(body: Sequence[Sequence[object]], positions: list[int]) -> np.ndarray:
    """The cells of the grid columns at `positions`, one row per body row, as a 2-D object
    array; a missing cell (None, NaN, or beyond the end of a short row) is ''."""
    lengths = set(map(len, body))
    width = max(lengths | {max(positions, default=-1) + 1})  # the longest row, or wider
    if lengths - {width}:  # calamine's rows are even; a grid may not be
        body = [[*row, *[""] * (width - len(row))] for row in body]
    # One pass in C over all cells: np.array would look into each cell for nested lists.
    grid = np.fromiter(chain.from_iterable(body), dtype=object,
                       count=len(body) * width).reshape(len(body), width)
    cells = grid if positions == list(range(grid.shape[1])) else grid[:, positions]
    for column in cells.T:
        column[_missing(column)] = ""
    return cells


def _missing(column: np.ndarray) -> np.ndarray:
    """Which cells are None or NaN, as a boolean mask. A column of text only, or of floats
    only, is settled by one pass in C."""
    kind = infer_dtype(column, skipna=False)
    if kind == "string":
        return np.zeros(len(column), dtype=bool)
    if kind == "floating":
        return np.isnan(column.astype(float))
    return pd.isna(column)


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


def _filled(cells: np.ndarray) -> np.ndarray:
    """Rows with at least one cell that is neither empty nor only spaces. Column by column,
    only the rows still undecided are looked at: a data row is usually settled by its
    first cell."""
    filled = np.zeros(len(cells), dtype=bool)
    for column in cells.T:
        undecided = np.flatnonzero(~filled)
        if len(undecided) == 0:
            break
        filled[undecided] = ~_blank_cells(column[undecided])
    return filled


_type_of = np.frompyfunc(type, 1, 1)
_is_space = np.frompyfunc(str.isspace, 1, 1)


def _blank_cells(values: np.ndarray) -> np.ndarray:
    """Which cells are None, empty or only spaces, as a boolean mask. Text and floats, the
    usual cells, are looked at in C; any other cell by `_is_blank`."""
    types = _type_of(values)
    text = np.asarray(types == str, dtype=bool)  # noqa: E721 - elementwise
    other = ~text & np.asarray(types != float, dtype=bool)  # noqa: E721 - elementwise
    blank = np.zeros(len(values), dtype=bool)
    texts = values[text]
    blank[text] = (texts == "") | _is_space(texts).astype(bool)
    blank[other] = [_is_blank(value) for value in values[other]]
    return blank
