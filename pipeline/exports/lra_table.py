"""An accounting system's LRA download as the "lra" table the template's `LRA` sheet gives.

Shared by C1 (SIPD-RI AKLAP) and C2 (SIMDA): the rows under the header typed field by field
in the file's notation of amounts (`notation`), codes normalised as downloads write them,
`level` computed and the LRA schema run, so that the external-LRA reconciliation
(`pipeline.reconcile.external_lra`) reads it exactly as it reads a template `LRA` sheet.
The year a download is for is read from its labels (`Anggaran 2023`) and title rows.
"""

from __future__ import annotations

import pandas as pd

from pipeline.coerce import typed_frame
from pipeline.excel.grid import Grid
from pipeline.excel.header import Header, dated_label
from pipeline.exports import notation
from pipeline.findings import Issue
from pipeline.layouts import LRA, Field, Layout, normalise_label
from pipeline.tables import SheetTable
from pipeline.validate import validate_table

AMOUNTS = ("anggaran", "realisasi", "realisasi_lalu")


def typed_lra(raw: pd.DataFrame, layout: Layout, letters: dict[str, str], file: str,
              sheet: str, decided: notation.Notation | None = None
              ) -> tuple[SheetTable, list[Issue]]:
    """The typed "lra" table of a raw table (`excel.header.raw_table`): the template LRA
    sheet's fields (a field the download lacks is a blank column), with a finding per
    unreadable cell (named as this download labels the column: `No Urut` for a SIMDA code),
    the mixed-notation error if any, and the schema's findings. The notation is decided
    over `raw` unless the caller decided it over more (`decided`: its finding is then the
    caller's to report)."""
    issues: list[Issue] = []
    if decided is None:
        decided = notation.decide(raw, layout, letters, file, sheet)
        issues += decided.issues
    fields = [_named(field, layout) for field in LRA.fields]
    frame, found = typed_frame(raw, fields, letters, file, sheet, decided.readers())
    issues += found
    shown = {name: letter for name, letter in letters.items() if name in frame}
    table = SheetTable("lra", file, sheet, shown, frame)
    return table, issues + validate_table(table)


def year_of_labels(grid: Grid, header: Header) -> str:
    """The fiscal year the header's labels name (`Anggaran 2023`, `Realisasi 2023` beside
    `Realisasi 2022`): the anggaran's year, else the latest realisasi year; "" if none."""
    found: dict[str, set[int]] = {}
    for row in grid.rows[header.top:header.row_index + 1]:
        for cell in row:
            if dated := dated_label(normalise_label(cell)):
                found.setdefault(dated[0], set()).add(dated[1])
    for kind in ("anggaran", "pagu", "realisasi"):
        if found.get(kind):
            return str(max(found[kind]))
    return ""


def _named(field: Field, layout: Layout) -> Field:
    """The field as this download labels it (`No Urut` for a SIMDA code), for messages;
    its kind stays the template's."""
    own = next((own for own in layout.fields if own.name == field.name), None)
    return field if own is None else field._replace(label=own.label)
