"""How far recognition looks. A DPA print (A2) states its kegiatan's indicators above the
first block's table, which may sit near row 40 or far below: with its title cells
(`Formulir DPA-RINCIAN BELANJA SKPD`, `DPPA-…`, `RKA-…`) in the first rows, its first block
header is found down to row 200. A sheet without such a title is never searched past the
first 40 rows, and a titled print is searched only as far as its first block header.

The prints are built with the spec's labels by test_export_budget's builders."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import overload

import pytest
from export_builders import write_grid
from test_export_budget import (
    ATK,
    CETAK,
    SUB,
    SUB_NAMES,
    SUB_PRINTED,
    WIDTH,
    block_head,
    context,
    first_block,
    lines_of,
    padded,
    titles,
)

from pipeline.excel.grid import Grid
from pipeline.exports import dpa_print
from pipeline.exports.base import BUDGET_STAGE, LAYOUT
from pipeline.exports.recognise import DEEP_ROWS, RECOGNITION_ROWS, likeness, match_grid
from pipeline.parse import parse_file

SEN = 100
HEADER_ROW = 120  # the Excel row of the first block's `Kode Rekening` header


class WatchedRows(Sequence[Sequence[object]]):
    """A sheet's rows that remember how far down they were read."""

    def __init__(self, rows: list[list[object]]) -> None:
        self.rows = rows
        self.read_to = 0  # the number of rows from the top that were read

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, key: int) -> Sequence[object]: ...

    @overload
    def __getitem__(self, key: slice) -> Sequence[Sequence[object]]: ...

    def __getitem__(self, key: int | slice) -> Sequence[object] | Sequence[Sequence[object]]:
        if isinstance(key, slice):
            taken = self.rows[key]
            if taken:
                start = key.start or 0
                self.read_to = max(self.read_to, min(start + len(taken), len(self.rows)))
            return taken
        self.read_to = max(self.read_to, key + 1)
        return self.rows[key]


def indicators(count: int) -> list[list[object]]:
    """A long indicator section, as a kegiatan with many outputs prints it."""
    return [padded(["Keluaran", f"Jumlah Dokumen Perencanaan Perangkat Daerah {number}",
                    "1 Dokumen"], WIDTH) for number in range(1, count + 1)]


def deep_print(form: str = "DPA", header_row: int = HEADER_ROW,
               after: int = 0) -> list[list[object]]:
    """A print whose first block's header band starts on Excel row `header_row`, with
    `after` filler rows below its block (a long sheet)."""
    top = titles(form, WIDTH) + context(WIDTH)[:12]  # down to the `Masukan` indicator
    head = block_head(SUB_PRINTED, SUB_NAMES[SUB_PRINTED], WIDTH)
    header_index = len(head) - 2  # the band's first row, `Kode Rekening | Uraian | …`
    filler = header_row - 1 - len(top) - 1 - header_index  # the section title row below
    rows = top + indicators(filler) + context(WIDTH)[12:] + head + first_block()
    assert rows[header_row - 1][0] == "Kode Rekening"
    return rows + indicators(after)


@pytest.mark.parametrize("form", ["DPA", "DPPA", "RKA"])
def test_a_print_whose_first_block_header_is_at_row_120_is_recognised(form: str) -> None:
    grid = Grid("DPA Rincian Belanja", deep_print(form), 1, 0)
    match = match_grid(grid)
    assert match is not None and match.export is dpa_print.EXPORT
    # The band is two rows: `Kode Rekening | … | Jumlah` over `Koefisien | … | PPN`.
    assert (grid.excel_row(match.header.top), grid.excel_row(match.header.row_index)) == (
        HEADER_ROW, HEADER_ROW + 1)


def test_it_is_read_end_to_end(tmp_path: Path) -> None:
    path = write_grid(tmp_path / "DPA Rincian Belanja Dinsos 2023.xlsx", deep_print())
    parsed = parse_file(path, path.name)
    assert parsed.meta[LAYOUT] == dpa_print.NAME
    [table] = parsed.tables_of(BUDGET_STAGE)
    assert lines_of(table.frame) == {(SUB, ATK): 1_000_000 * SEN, (SUB, CETAK): 250_000 * SEN}
    assert table.letters["pagu"] == "G"


def test_a_print_is_searched_only_down_to_its_first_block() -> None:
    rows = WatchedRows(deep_print(after=2_000))
    assert match_grid(Grid("DPA", rows, 1, 0)) is not None
    assert HEADER_ROW + 1 < rows.read_to < DEEP_ROWS


def test_a_sheet_without_a_print_title_is_read_no_further_than_40_rows() -> None:
    """The same block under ordinary titles: not a print, and nothing past row 40 read."""
    plain = [padded(["Daftar belanja Dinas Sosial"], WIDTH), *deep_print()[3:]]
    rows = WatchedRows([*plain, *indicators(2_000)])
    assert match_grid(Grid("Sheet1", rows, 1, 0)) is None
    assert rows.read_to == RECOGNITION_ROWS


def test_a_print_title_with_no_block_header_by_row_200_is_unrecognised() -> None:
    rows = WatchedRows(deep_print(header_row=DEEP_ROWS + 5))
    assert match_grid(Grid("DPA", rows, 1, 0)) is None
    assert rows.read_to == DEEP_ROWS


def test_a_print_with_a_label_missing_below_row_40_names_it() -> None:
    """A deep block header without `Koefisien`: the note names the layout and that label."""
    rows = [[("" if cell == "Koefisien" else cell) for cell in row] for row in deep_print()]
    grid = Grid("DPA", rows, 1, 0)
    assert match_grid(grid) is None
    like = likeness([grid], [dpa_print.EXPORT])
    assert like is not None and like.missing == ("Koefisien",)
