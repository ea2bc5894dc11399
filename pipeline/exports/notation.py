"""The notation of a download's text amounts, decided once per file.

Amounts are Indonesian (`1.234.567,89`) unless every text amount of the file that is not
plain digits is in `1,234,567.89` notation; then that notation is read. A file with amounts
of both kinds is an error (`money-notation-mixed`) naming one cell of each, and is read
as Indonesian, so that each cell of the other kind is refused as `money-invalid` with its
own cell, as a template's would be. Number cells and plain digits carry no notation.

How a layout module uses it (`read(grid, header, source)` of an `Export`)::

    raw = raw_table(grid, header)
    columns = letters(grid, header)
    notation = decide(raw, layout, columns, source.display, grid.sheet)
    readers = notation.readers()  # field kind -> cell reader, for `coerce.coerce_column`
    for field in layout.fields:
        typed, problems = coerce_column(raw[field.name], field, readers.get(field.kind))
    issues += notation.issues

`readers()` also reads the download's code cells loosely (`codes.read_download_account`):
spaces around dots and trailing dots removed, `code-not-normalised` for the rest.
To decide over cells that are not in one raw table (a print with one block per sub
kegiatan), call `decide_cells` with every (value, cell) pair of the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

import pandas as pd

from pipeline import money
from pipeline.coerce import DOWNLOAD_READERS, Cell, money_reader
from pipeline.findings import Issue, issue
from pipeline.layouts import Layout

INDONESIAN = "id"
ENGLISH = "en"


class Notation(NamedTuple):
    """The notation a file's amounts are read in, and the finding when it mixes both."""

    english: bool = False
    issues: tuple[Issue, ...] = ()

    def parse(self, value: object) -> money.Money:
        """One cell as an amount in this notation."""
        return money.parse_money_english(value) if self.english else money.parse_money(value)

    def readers(self) -> dict[str, Callable[[object], Cell]]:
        """Field kind → cell reader for a download: money in this notation, codes loosely."""
        return {**DOWNLOAD_READERS, "money": money_reader(self.parse)}


def decide_cells(cells: Iterable[tuple[object, str]], file: str, sheet: str) -> Notation:
    """The notation of a file from its (raw value, cell address) amount pairs."""
    first: dict[str, tuple[object, str]] = {}
    for value, cell in cells:
        kind = money.notation_of(value)
        if kind is not None and kind not in first:
            first[kind] = (value, cell)
            if len(first) == 2:
                break
    if ENGLISH not in first:
        return Notation()
    if INDONESIAN not in first:
        return Notation(english=True)
    (id_value, id_cell), (en_value, en_cell) = first[INDONESIAN], first[ENGLISH]
    message = (f"Berkas ini mencampur dua notasi angka: sel {id_cell} ('{id_value}') bernotasi "
               f"Indonesia (1.234.567,89), sel {en_cell} ('{en_value}') bernotasi 1,234,567.89. "
               "Notasi tidak ditebak: angka dibaca bernotasi Indonesia dan sel bernotasi lain "
               "ditolak. Unduh ulang berkasnya, atau samakan notasinya.")
    return Notation(False, (issue("money-notation-mixed", message, file, sheet, en_cell,
                                  en_value),))


def decide(raw: pd.DataFrame, layout: Layout, columns: dict[str, str], file: str,
           sheet: str) -> Notation:
    """The notation of a raw table (`excel.header.raw_table`) from the text cells of the
    layout's money fields; `columns` gives each field's column letter."""
    money_fields = [field.name for field in layout.fields
                    if field.kind == "money" and field.name in raw]
    rows = raw["row"].tolist() if "row" in raw else [0] * len(raw)
    pairs = ((value, f"{columns.get(name, '')}{row}") for name in money_fields
             for value, row in zip(raw[name].tolist(), rows, strict=True))
    return decide_cells(pairs, file, sheet)
