"""The records that flow out of reading: typed sheet tables and parsed files.

Every row of a `SheetTable` keeps its Excel row number; the table knows its file, sheet
and the column letter of each field, so any finding can name its cell (`Anggaran!D17`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pipeline.findings import Code, Issue, issue


@dataclass(frozen=True)
class RowTrace:
    """What the row-level rules need of realisasi rows that were summed into lines
    (`pipeline.condense`)."""

    members: pd.DataFrame  # one per summed row: row, line (its line's row), tahun, bulan, tanggal
    repeated: pd.DataFrame  # rows repeating an earlier SP2D row exactly: SP2D_KEY, row


@dataclass(frozen=True)
class SheetTable:
    """One recognised sheet, typed: a column per field, `row`, and `bad_<field>` flags
    for cells that could not be read. A realisasi table also has `rows`: how many Excel
    rows each line holds (more than one for a line summed in the worker, see `trace`)."""

    kind: str
    file: str
    sheet: str
    letters: dict[str, str]
    frame: pd.DataFrame
    trace: RowTrace | None = None

    @property
    def row_count(self) -> int:
        """The Excel rows the table was read from."""
        return int(self.frame["rows"].sum()) if "rows" in self.frame else len(self.frame)

    def cell(self, field_name: str, row: int) -> str:
        """`D17`: the cell of a field on an Excel row ('' when the column is absent)."""
        letter = self.letters.get(field_name, "")
        return f"{letter}{row}" if letter else ""


@dataclass(frozen=True)
class ParsedFile:
    """Everything one input file yields: its tables, identity fields and findings."""

    path: str  # as shown to the officer: relative to the input folder
    digest: str
    tables: tuple[SheetTable, ...] = ()
    identitas: dict[str, str] = field(default_factory=dict)
    issues: tuple[Issue, ...] = ()
    roles: tuple[str, ...] = ()
    # What a download says of itself (`pipeline.exports`): its layout, and where it knows them
    # its year, SKPD, stage (murni / perubahan), version and as-of date. Empty for templates.
    meta: dict[str, str] = field(default_factory=dict)

    @classmethod
    def failed(cls, path: str, digest: str, code: Code, message: str) -> ParsedFile:
        """A file that yields no table, only the one finding that says why."""
        return cls(path, digest, issues=(issue(code, message, path),))

    def issues_of_file(self) -> bool:
        """True when the file as a whole failed (unsafe, unreadable): never cached, so that
        a limit raised later gets a fresh try."""
        return any(not found.sheet and found.code.startswith("file-") for found in self.issues)

    def tables_of(self, kind: str) -> list[SheetTable]:
        return [table for table in self.tables if table.kind == kind]
