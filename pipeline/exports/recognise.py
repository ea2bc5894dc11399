"""Which download layout a sheet holds, by its content only.

A sheet holds a layout (`base.Export`) when every required field of the layout is found on
one header row or header band within the first `RECOGNITION_ROWS` rows, in any order and
among any other columns, and, when the layout names title phrases, one of them is written
above the header (or in it). When several layouts fit, the one naming the most columns
wins; on a tie, the first in `registry.EXPORTS`.

A layout with title phrases may put its header lower: a DPA print (A2) states the whole
kegiatan (its indicators, its alokasi) above the first block's table, which can start near
row 40 or far below. When such a layout's title is written in the first `RECOGNITION_ROWS`
rows and its header is not complete there, the rows below are searched window by window,
down to `DEEP_ROWS`, stopping at the first complete header. A sheet without one of those
titles is never searched deeper, so an ordinary file costs what it did.

A workbook that no layout fits is named once (`file-unrecognised`, a note) with the layout
it resembles most (downloads and the template sheets alike) and the labels that layout
misses. What its title rows or columns say of its year and SKPD is kept in the file's meta,
so that a broken download of this OPD and year can still be told apart from an unrelated
one (`aside`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from pipeline.excel.band import MAX_BAND_ROWS
from pipeline.excel.grid import Grid
from pipeline.excel.header import Header, find_header
from pipeline.exports.base import Export
from pipeline.exports.registry import EXPORTS
from pipeline.layouts import ANGGARAN, LRA, PROGRAM, REALISASI, Layout, normalise_label

RECOGNITION_ROWS = 40  # printed reports put up to a page of titles above the table
DEEP_ROWS = 200  # how far a titled layout's header is looked for (a DPA print's indicators)
_OVERLAP = MAX_BAND_ROWS - 1  # windows overlap so that a band across their border is seen
# Meta keys of a file no layout fits: the layout it resembles most and what it misses.
RESEMBLES = "mirip"
MISSING = "kolom_hilang"
RESEMBLING_SHEET = "sheet_mirip"  # the sheet that resembles it
# The template sheets a download may resemble (a template sheet under another name).
TEMPLATES = tuple((f"sheet {layout.sheet_names[0]} templat", layout)
                  for layout in (ANGGARAN, REALISASI, LRA, PROGRAM))


class Match(NamedTuple):
    """A layout a sheet holds, with its header."""

    export: Export
    header: Header


class Likeness(NamedTuple):
    """How close a sheet comes to a layout it does not fit."""

    name: str  # as an officer names it: an Export's title, or a template sheet
    sheet: str
    found: int  # required labels (and the title, when the layout has one) found
    missing: tuple[str, ...]  # the labels not found, as the layout spells them

    @property
    def score(self) -> float:
        return self.found / (self.found + len(self.missing)) if self.found else 0.0


def match_grid(grid: Grid, exports: Sequence[Export] = EXPORTS) -> Match | None:
    """The layout this sheet holds, or None."""
    best: Match | None = None
    for export in exports:
        header = header_of(grid, export)
        if header is None or header.missing or not has_title(grid, header, export.titles):
            continue
        if best is None or len(header.columns) > len(best.header.columns):
            best = Match(export, header)
    return best


def header_of(grid: Grid, export: Export) -> Header | None:
    """The layout's header in the first `RECOGNITION_ROWS` rows; for a layout with title
    phrases, one of which is written there, whose header is not complete there: the first
    complete header below, window by window, down to `DEEP_ROWS`. None complete: the one
    naming the most columns (the first of equals), so that a note can say what it lacks."""
    header = find_header(grid, export.layout, rows=RECOGNITION_ROWS)
    complete = header is not None and not header.missing
    if complete or not export.titles or not titled(grid.rows[:RECOGNITION_ROWS], export.titles):
        return header
    end = min(len(grid.rows), DEEP_ROWS)
    for start in range(RECOGNITION_ROWS - _OVERLAP, end - _OVERLAP, RECOGNITION_ROWS - _OVERLAP):
        rows = grid.rows[start:min(start + RECOGNITION_ROWS, end)]
        window = Grid(grid.sheet, rows, grid.first_row + start, grid.first_col)
        found = find_header(window, export.layout, rows=RECOGNITION_ROWS)
        if found is None:
            continue
        found = found._replace(row_index=found.row_index + start)
        if not found.missing:
            return found
        if header is None or len(found.columns) > len(header.columns):
            header = found
    return header


def has_title(grid: Grid, header: Header, titles: Sequence[str]) -> bool:
    """True when one of the (normalised) phrases is written in the rows down to the header;
    always when the layout names none."""
    return not titles or titled(grid.rows[:header.row_index + 1], titles)


def titled(rows: Sequence[Sequence[object]], titles: Sequence[str]) -> bool:
    """True when one of the (normalised) phrases is written in one of these rows."""
    lines = ["".join(normalise_label(cell) for cell in row) for row in rows]
    return any(title in line for title in titles for line in lines)


def likeness(grids: Sequence[Grid], exports: Sequence[Export] = EXPORTS) -> Likeness | None:
    """The layout these sheets resemble most, or None when none shares a single label."""
    candidates = [_likeness(grid, export.title, export.layout, export.titles,
                            header_of(grid, export))
                  for grid in grids for export in exports]
    candidates += [_likeness(grid, name, layout, (),
                             find_header(grid, layout, rows=RECOGNITION_ROWS))
                   for grid in grids for name, layout in TEMPLATES]
    found = [item for item in candidates if item.found]
    if not found:
        return None
    return max(found, key=lambda item: (item.score, item.found))  # first of equals


def _likeness(grid: Grid, name: str, layout: Layout, titles: Sequence[str],
              header: Header | None) -> Likeness:
    columns = header.columns if header is not None else {}
    found = sum(1 for field in layout.required if field.name in columns)
    missing = [field.label for field in layout.required if field.name not in columns]
    if titles:
        if header is not None and has_title(grid, header, titles):
            found += 1
        else:
            missing.append("baris judul khas tata letak ini")
    return Likeness(name, grid.sheet, found, tuple(missing))


def unrecognised_message(sheets: Sequence[str], like: Likeness | None) -> str:
    """The one note for a workbook that no template sheet and no layout fits."""
    names = ", ".join(sheets) or "-"
    text = ("Berkas tidak dikenali: tidak ada sheet templat (Anggaran, Program, Realisasi, "
            "LRA, Identitas, Sasaran) dan isinya tidak cocok dengan tata letak unduhan "
            f"SIPD-RI/SIMDA mana pun (sheet: {names}). ")
    if like is None:
        return text + "Tidak ada judul kolom yang dikenal; berkas dilewati."
    if not like.missing:
        return text + (f"Sheet {like.sheet} memuat semua judul kolom wajib {like.name}, "
                       "tetapi namanya bukan nama sheet templat. Berkas dilewati.")
    return text + (f"Paling mirip: {like.name} (sheet {like.sheet}); yang tidak ditemukan: "
                   f"{', '.join(like.missing)}. Berkas dilewati.")
