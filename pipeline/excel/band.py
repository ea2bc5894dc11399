"""Header bands: a table header written over up to three rows.

Printed reports group columns under a parent label merged across them
(`SPJ - LS Gaji` over `s.d. Bulan Lalu | Bulan Ini | s.d. Bulan Ini`), and put labels
that need no child in one cell merged down the band (`Uraian`). A reader sees only the
top-left cell of a merge; the cells it covers are blank. So, inside a band:

- a column's *own label* is its lowest non-blank cell in the band; a column with no own
  label continues the merge on its left (the six cells under one `Kode Rekening`);
- a blank cell of an upper row above a column with an own label lower down takes the
  label on its left in that row: the parent of a group;
- a column is known by its path of labels, top-down (`SPJ - LS Gaji` + `Bulan Ini`), and by
  every shorter tail of it, down to its own label (`Bulan Ini`): a title row caught in the
  band adds a head to the path without hiding the labels below it.

Labels are normalised (`pipeline.layouts.normalise_label`) before any of this.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

MAX_BAND_ROWS = 3


class BandColumn(NamedTuple):
    """One column of a band: where it is, the labels it may be known by (most specific
    first) and how many grid columns its label covers (1, or more under a merge)."""

    position: int
    candidates: tuple[str, ...]
    span: int


def band_columns(rows: Sequence[Sequence[str]]) -> list[BandColumn]:
    """The labelled columns of a band, given its rows of normalised labels, top-down."""
    width = max(map(len, rows), default=0)
    grid = [list(row) + [""] * (width - len(row)) for row in rows]
    own = [_own_row(grid, column) for column in range(width)]  # band row of the own label
    labelled = [column for column in range(width) if own[column] is not None]
    columns: list[BandColumn] = []
    for index, column in enumerate(labelled):
        path: list[str] = []
        for depth, row in enumerate(grid):
            label = row[column] or (_parent(row, column) if depth < (own[column] or 0) else "")
            if label and (not path or path[-1] != label):
                path.append(label)
        candidates = tuple("".join(path[start:]) for start in range(len(path)))
        end = labelled[index + 1] if index + 1 < len(labelled) else column + 1
        columns.append(BandColumn(column, candidates, end - column))
    return columns


def _own_row(grid: list[list[str]], column: int) -> int | None:
    """The band row of a column's lowest non-blank cell, or None when all are blank."""
    return next((depth for depth in range(len(grid) - 1, -1, -1) if grid[depth][column]), None)


def _parent(row: list[str], column: int) -> str:
    """The nearest label on the left in this row: the top-left cell of a merge."""
    return next((row[left] for left in range(column - 1, -1, -1) if row[left]), "")
