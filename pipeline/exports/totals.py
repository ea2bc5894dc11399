"""A download's own total rows (`JUMLAH`, `TOTAL`): found, kept out of the lines, checked.

A total row has no code, a readable amount, and a cell saying `Jumlah`, `Total` or
`Subtotal`. It is a control, never a line: each one is compared with the lines it adds up,
by the file's own arithmetic (every line printed above it counts, whatever the line's year
or SKPD: the file's total includes what the file prints):

- a total that follows lines adds up the lines since the previous total row (or since the
  first row): a grand total at the end, and a `Jumlah` row closing each sub kegiatan, alike;
- a total right after another total (`TOTAL` under the last sub kegiatan's `Jumlah`) adds
  up the totals above it, that is every line above it.

A total is not compared when one of the rows it adds up cannot be read (an unreadable
amount or code is a finding of its own; the sum would mislead). Callers say which rows are
lines and which are unclear, and word the finding themselves.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pandas as pd

from pipeline.excel.grid import Grid
from pipeline.exports.cells import sen

_SAYS_TOTAL = re.compile(r"(?<![a-z])(?:sub\s*)?(?:jumlah|total)(?![a-z])", re.IGNORECASE)


class Mismatch(NamedTuple):
    """A total row whose amount differs from the lines it adds up."""

    row: int  # the total's Excel row
    stated: int
    computed: int
    first: int | None  # the Excel rows of the lines added: first and last (None: no line)
    last: int | None


class _Sum(NamedTuple):
    amount: int = 0
    unclear: bool = False
    first: int | None = None
    last: int | None = None

    def plus(self, amount: int, unclear: bool, row: int) -> _Sum:
        return _Sum(self.amount + amount, self.unclear or unclear,
                    row if self.first is None else self.first, row)


def total_rows(frame: pd.DataFrame, grid: Grid, code_fields: tuple[str, ...], amount: str
               ) -> pd.Series:
    """The rows of `frame` (typed, `row` = Excel row) that are total rows: every code field
    blank (and readable), the amount readable, and a cell of the row saying Jumlah/Total."""
    candidates = frame[amount].notna() & ~frame[f"bad_{amount}"]
    for name in code_fields:
        candidates &= frame[name].isna() & ~frame[f"bad_{name}"]
    flags = [bool(candidate) and _says_total(grid, int(row))
             for candidate, row in zip(candidates, frame["row"], strict=True)]
    return pd.Series(flags, index=frame.index, dtype=bool)


def check_totals(frame: pd.DataFrame, totals: pd.Series, lines: pd.Series, unclear: pd.Series,
                 amount: str) -> list[Mismatch]:
    """Each total row against the lines it adds up (see the module's rules). `lines` marks
    the rows added (their `amount`, a blank one 0); `unclear` the rows whose part cannot be
    known (a line's amount, or a code that may be a line's, unreadable)."""
    segment, everything = _Sum(), _Sum()
    found: list[Mismatch] = []
    for index in frame.sort_values("row", kind="stable").index:
        row = int(frame.at[index, "row"])
        if totals[index]:
            added = segment if segment.first is not None else everything
            stated = int(frame.at[index, amount])
            if not added.unclear and stated != added.amount:
                found.append(Mismatch(row, stated, added.amount, added.first, added.last))
            segment = _Sum()
            continue
        is_line, is_unclear = bool(lines[index]), bool(unclear[index])
        if is_line or is_unclear:
            value = sen(frame.at[index, amount]) if is_line and not is_unclear else 0
            segment = segment.plus(value, is_unclear, row)
            everything = everything.plus(value, is_unclear, row)
    return found


def rows_added(mismatch: Mismatch) -> str:
    """`baris 5–9` (the lines a total was compared with), for a message."""
    if mismatch.first is None or mismatch.last is None:
        return "tidak ada baris rincian"
    if mismatch.first == mismatch.last:
        return f"baris {mismatch.first}"
    return f"baris {mismatch.first}–{mismatch.last}"


def _says_total(grid: Grid, row: int) -> bool:
    cells = grid.rows[row - grid.first_row]
    return any(isinstance(cell, str) and _SAYS_TOTAL.search(cell) for cell in cells)
