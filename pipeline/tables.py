"""The records that flow out of reading: typed sheet tables and parsed files.

Every row of a `SheetTable` keeps its Excel row number; the table knows its file, sheet
and the column letter of each field, so any finding can name its cell (`Anggaran!D17`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pipeline.findings import Issue, issue


@dataclass(frozen=True)
class SheetTable:
    """One recognised sheet, typed: a column per field, `row`, and `bad_<field>` flags
    for cells that could not be read."""

    kind: str
    file: str
    sheet: str
    letters: dict[str, str]
    frame: pd.DataFrame

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

    @classmethod
    def failed(cls, path: str, digest: str, code: str, message: str) -> ParsedFile:
        """A file that yields no table, only the one finding that says why."""
        return cls(path, digest, issues=(issue(code, message, path),))

    def issues_of_file(self) -> bool:
        """True when the file as a whole failed (unsafe, unreadable): never cached, so that
        a limit raised later gets a fresh try."""
        return any(not found.sheet and found.code.startswith("file-") for found in self.issues)

    def tables_of(self, kind: str) -> list[SheetTable]:
        return [table for table in self.tables if table.kind == kind]
