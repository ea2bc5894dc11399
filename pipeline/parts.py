"""One large monthly export parsed in parts, side by side, and the parts put together.

When a run has fewer files to parse than workers (the usual run once the cache holds the
earlier months, when one new month lands), a workbook whose only table is a Realisasi
sheet is cut by rows (`pipeline.excel.cut`) and each worker parses one part. Every part
finds the header in the sheet's head, types and validates its own rows; `merge` stacks
them, each part summed into lines where it was parsed (`pipeline.condense.combine`), as
`parse.parse_file` would have.

The parts must agree on the header. When the file is anything else (several tables, a
sheet that cannot be cut, no header), the first part parses it whole and the others do
nothing; when the parts disagree, `merge` says so and the caller parses the file whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.condense import combine, condense, sp2d_keys
from pipeline.excel.cut import Cut, cut_sheet
from pipeline.excel.grid import Grid, read_grids, sheet_names
from pipeline.findings import issue
from pipeline.layouts import REALISASI
from pipeline.parse import (
    file_digest,
    mark_error_cells,
    parse_file,
    parse_sheet,
    read_identitas,
    recognise,
)
from pipeline.tables import ParsedFile


@dataclass(frozen=True)
class Part:
    """What one worker made of its part of a file.

    `whole`: the first part parsed the file whole (`parsed`), and the other parts did
    nothing (`parsed` None). Otherwise `parsed` holds the part's rows, summed into lines."""

    index: int
    parsed: ParsedFile | None
    whole: bool = False
    letters: tuple[tuple[str, str], ...] = ()  # the header each part found: must agree
    sp2d: np.ndarray | None = None  # `condense.sp2d_keys` of the part's rows


def parse_part(path: Path, display: str, index: int, count: int) -> Part:
    """Part `index` of `count` of the file; never raises for bad data."""
    sheets = _lone_realisasi(path)
    cut = cut_sheet(path, sheets[0], index, count) if sheets is not None else None
    if sheets is None or cut is None:
        return _whole(path, display, index)
    sheet, identitas_sheet = sheets
    wanted = [sheet, *([identitas_sheet] if identitas_sheet and not index else [])]
    grids = read_grids(cut.workbook, wanted)
    table, issues = parse_sheet(_own_rows(grids[sheet], cut, index), REALISASI, display,
                                cut.first_row if index else 0)
    if table is None:
        return _whole(path, display, index)
    issues += mark_error_cells(table, REALISASI, path)
    identitas = read_identitas(grids[identitas_sheet]) if identitas_sheet and not index else {}
    parsed = ParsedFile(display, file_digest(path) if not index else "", (condense(table),),
                        identitas, tuple(issues), ("realisasi",))
    return Part(index, parsed, letters=tuple(sorted(table.letters.items())),
                sp2d=sp2d_keys(table.frame))


def merge(parts: list[Part]) -> ParsedFile | None:
    """The file from its parts, in order; None when they disagree or an SP2D row repeats
    across them (parse it whole)."""
    first = parts[0]
    if first.whole:
        return first.parsed
    pieces = [part.parsed for part in parts if not part.whole and part.parsed is not None]
    if len(pieces) < len(parts) or len({part.letters for part in parts}) != 1:
        return None
    keys = [part.sp2d for part in parts if part.sp2d is not None]
    if len(keys) > 1 and len(np.unique(np.concatenate(keys))) < sum(map(len, keys)):
        return None
    table = combine([piece.tables[0] for piece in pieces])
    if table is None:
        return None
    parsed = pieces[0]
    issues = [found for piece in pieces for found in piece.issues]
    if table.frame.empty and not any(parsed.identitas.values()):
        issues.append(issue("workbook-empty", "Workbook dikenali tetapi tidak berisi baris data "
                            "di bawah judul kolomnya.", parsed.path))
    return ParsedFile(parsed.path, parsed.digest, (table,), parsed.identitas, tuple(issues),
                      parsed.roles)


def _lone_realisasi(path: Path) -> tuple[str, str | None] | None:
    """(the Realisasi sheet, the Identitas sheet) when that is the workbook's only table."""
    if path.suffix.lower() == ".csv":
        return None
    try:
        layouts, identitas_sheet = recognise(sheet_names(path))
    except Exception:  # noqa: BLE001 - calamine raises its own error types; parse it whole
        return None
    if len(layouts) != 1 or layouts[0][0] is not REALISASI:
        return None
    return layouts[0][1], identitas_sheet


def _own_rows(grid: Grid, cut: Cut, index: int) -> Grid:
    """The part's grid: the sheet's head, then the part's own rows (a later part's sheet
    is empty in between, and those empty rows are left out)."""
    if not index:
        return grid
    head = max(0, cut.head_end - grid.first_row + 1)
    own = max(head, cut.first_row - grid.first_row)
    rows = [*grid.rows[:head], *grid.rows[own:]]
    return Grid(grid.sheet, rows, grid.first_row, grid.first_col, (head, cut.first_row))


def _whole(path: Path, display: str, index: int) -> Part:
    return Part(index, parse_file(path, display) if not index else None, whole=True)
