"""What a download's title rows and columns say of its year and its SKPD.

`Tahun Anggaran 2023`, `TA 2023`, `… Sampai Dengan 31 Desember 2023`; `SKPD : Dinas Sosial`,
`Perangkat Daerah` `:` `Dinas Sosial` over three cells; else the most common value under a
`TAHUN` or `NAMA SKPD` column. Used where a layout has no better source, and for a file no
layout fits (so that a broken download of this OPD and year is told from an unrelated one).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from pipeline.excel.grid import Grid
from pipeline.exports.base import SKPD, YEAR
from pipeline.exports.cells import cell_text
from pipeline.layouts import normalise_label

SNIFF_ROWS = 40

_YEAR_TITLE = re.compile(
    r"\b(?:tahun(?:\s+anggaran)?|t\.?\s?a\.?)\s*:?\s*((?:19|20)\d{2})\b", re.IGNORECASE)
_AS_OF_TITLE = re.compile(
    r"\b(?:s\.?\s?d\.?|sampai\s+dengan|per\s+tanggal|berakhir)\b.*?((?:19|20)\d{2})\b",
    re.IGNORECASE)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
_SKPD_TITLE = re.compile(
    r"^\s*(?:skpd|opd|perangkat\s+daerah|organisasi|unit\s+organisasi|nama\s+skpd)\s*:\s*(.+)$",
    re.IGNORECASE)
_SKPD_LABELS = {"skpd", "opd", "perangkatdaerah", "organisasi", "unitorganisasi", "namaskpd"}
_YEAR_COLUMNS = {"tahun", "tahunanggaran", "ta"}
_SKPD_COLUMNS = {"namaskpd", "namaperangkatdaerah", "namaopd"}


def sniff_meta(grids: Sequence[Grid]) -> dict[str, str]:
    """The year and the SKPD a sheet names in its title rows (`Tahun Anggaran 2023`,
    `SKPD : Dinas Sosial`) or in a TAHUN / NAMA SKPD column; only what is found."""
    meta: dict[str, str] = {}
    for grid in grids:
        for key, value in _sniff(grid).items():
            meta.setdefault(key, value)
    return meta


def _sniff(grid: Grid) -> dict[str, str]:
    rows = grid.rows[:SNIFF_ROWS]
    found: dict[str, str] = {}
    for row in rows:
        cells = [str(cell).strip() for cell in row if str(cell).strip()]
        for position, cell in enumerate(cells):
            year = _YEAR_TITLE.search(cell) or _AS_OF_TITLE.search(cell)
            if YEAR not in found and year:
                found[YEAR] = year.group(1)
            if SKPD not in found and (skpd := _SKPD_TITLE.match(cell)):
                found[SKPD] = skpd.group(1).strip()
            elif (SKPD not in found and normalise_label(cell) in _SKPD_LABELS
                  and position + 1 < len(cells)):
                value = cells[position + 1].lstrip(":").strip() or (
                    cells[position + 2] if position + 2 < len(cells) else "")
                if any(char.isalpha() for char in value):
                    found[SKPD] = value
    for key, labels in ((YEAR, _YEAR_COLUMNS), (SKPD, _SKPD_COLUMNS)):
        value = _column_value(rows, grid.rows, labels)
        if key not in found and value and (key != YEAR or _YEAR.match(value)):
            found[key] = value
    return found


def _column_value(head: Sequence[Sequence[object]], rows: Sequence[Sequence[object]],
                  labels: set[str]) -> str:
    """The most common value under the first cell labelled one of `labels`."""
    for index, row in enumerate(head):
        for position, cell in enumerate(row):
            if normalise_label(cell) in labels:
                values = [cell_text(below[position]) for below in rows[index + 1:index + 201]
                          if position < len(below) and cell_text(below[position])]
                return Counter(values).most_common(1)[0][0] if values else ""
    return ""
