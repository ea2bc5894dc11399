"""An accounting system's LRA download as the "lra" table the template's `LRA` sheet gives.

Shared by C1 (SIPD-RI AKLAP) and C2 (SIMDA): the rows under the header typed field by field
in the file's notation of amounts (`notation`), codes normalised as downloads write them,
`level` computed and the LRA schema run, so that the external-LRA reconciliation
(`pipeline.reconcile.external_lra`) reads it exactly as it reads a template `LRA` sheet.
The year a download is for is read from its labels (`Anggaran 2023`) and title rows.
"""

from __future__ import annotations

import re

import pandas as pd

from pipeline import codes
from pipeline.coerce import DTYPES, coerce_column, problem_issues
from pipeline.excel.grid import Grid
from pipeline.excel.header import Header
from pipeline.exports import notation
from pipeline.findings import Issue
from pipeline.layouts import LRA, Field, Layout, normalise_label
from pipeline.tables import SheetTable
from pipeline.validate import validate_table

AMOUNTS = ("anggaran", "realisasi", "realisasi_lalu")
# The fields of every external LRA, as the template's LRA sheet names them.
FIELDS: tuple[Field, ...] = LRA.fields
_DATED = re.compile(r"^(anggaran|pagu|realisasi)(?:ta|tahun)?((?:19|20)\d{2})$")


def typed_lra(raw: pd.DataFrame, layout: Layout, letters: dict[str, str], file: str,
              sheet: str, decided: notation.Notation | None = None
              ) -> tuple[SheetTable, list[Issue]]:
    """The typed "lra" table of a raw table (`excel.header.raw_table`), with a finding per
    unreadable cell, the mixed-notation error if any, and the schema's findings. The
    notation is decided over `raw` unless the caller decided it over more (`decided`: its
    finding is then the caller's to report)."""
    issues: list[Issue] = []
    if decided is None:
        decided = notation.decide(raw, layout, letters, file, sheet)
        issues += decided.issues
    frame, found = typed_frame(raw, layout, letters, file, sheet, decided)
    issues += found
    frame["level"] = codes.levels_of(frame["kode_rekening"])
    shown = {name: letter for name, letter in letters.items() if name in frame}
    table = SheetTable("lra", file, sheet, shown, frame)
    return table, issues + validate_table(table)


def typed_frame(raw: pd.DataFrame, layout: Layout, letters: dict[str, str], file: str,
                sheet: str, decided: notation.Notation) -> tuple[pd.DataFrame, list[Issue]]:
    """The LRA fields of `raw` typed (a `bad_` flag each), and a finding per unreadable
    cell; a field the download lacks is a blank column."""
    readers = decided.readers()
    raw = raw.reset_index(drop=True)
    frame = pd.DataFrame({"row": raw["row"].astype("int64")})
    issues: list[Issue] = []
    for field in FIELDS:
        if field.name not in raw:
            frame[field.name] = pd.Series([None] * len(raw), dtype=DTYPES[field.kind])
            frame[f"bad_{field.name}"] = False
            continue
        typed, problems = coerce_column(raw[field.name], field, readers.get(field.kind))
        frame[field.name] = typed
        frame[f"bad_{field.name}"] = (problems.notna() & (problems != "money-rounded")).astype(bool)
        issues += problem_issues(raw[field.name], problems, raw["row"], _named(field, layout),
                                 file, sheet, letters.get(field.name, ""))
    return frame, issues


def year_of_labels(grid: Grid, header: Header) -> str:
    """The fiscal year the header's labels name (`Anggaran 2023`, `Realisasi 2023` beside
    `Realisasi 2022`): the anggaran's year, else the latest realisasi year; "" if none."""
    found: dict[str, set[str]] = {}
    for row in grid.rows[header.top:header.row_index + 1]:
        for cell in row:
            if dated := _DATED.match(normalise_label(cell)):
                found.setdefault(dated.group(1), set()).add(dated.group(2))
    for kind in ("anggaran", "pagu", "realisasi"):
        if found.get(kind):
            return max(found[kind])
    return ""


def title_lines(grid: Grid, header: Header) -> list[tuple[int, str]]:
    """The text of each row above the header (its cells joined), with its grid index."""
    lines = []
    for index, row in enumerate(grid.rows[:header.top]):
        text = " ".join(str(cell).strip() for cell in row if str(cell).strip())
        if text:
            lines.append((index, text))
    return lines


def _named(field: Field, layout: Layout) -> Field:
    """The field as this download labels it (`No Urut` for a SIMDA code), for messages."""
    return next((own for own in layout.fields if own.name == field.name), field)
