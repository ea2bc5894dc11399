"""What a download's cells hold: its table typed in the file's own notation, and the plain
text or amount of single values.

`typed_download` types a raw table (`excel.header.raw_table`) as the template sheets are
typed (`coerce.typed_frame`: one typed column and one `bad_<field>` flag per field, `level`
beside the kode rekening, a finding per unreadable cell), with what only downloads need:
amounts in the notation decided once for the file (`notation`: `1,234,567.89` where every
text amount of the file is written so, `money-notation-mixed` where both are), and codes
read loosely (spaces around the dots, trailing dots, a leading apostrophe).

`text`, `sen`, `blank`, `cell_text` and `row_text` are the one place a missing value becomes
"" or 0, and a grid cell or a title row becomes text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd

from pipeline.coerce import typed_frame
from pipeline.exports import notation
from pipeline.findings import Issue
from pipeline.layouts import Layout


def typed_download(raw: pd.DataFrame, layout: Layout, letters: Mapping[str, str], file: str,
                   sheet: str) -> tuple[pd.DataFrame, list[Issue]]:
    """The typed frame of a download's raw table, and its findings: the mixed-notation
    error first (when the file mixes both), then one per unreadable cell."""
    decided = notation.decide(raw, layout, dict(letters), file, sheet)
    frame, issues = typed_frame(raw, layout.fields, letters, file, sheet, decided.readers())
    return frame, [*decided.issues, *issues]


def text(value: object) -> str:
    """A frame value as text; "" for a missing one (None, NA)."""
    return "" if value is None or pd.isna(value) else str(value)  # type: ignore[call-overload]


def sen(value: object) -> int:
    """An amount of a frame, in sen; 0 for a missing one (a blank cell: nothing yet)."""
    return 0 if value is None or pd.isna(value) else int(value)  # type: ignore[call-overload]


def blank(cell: object) -> bool:
    """A grid cell that holds nothing: None, or text of spaces only."""
    return cell is None or (isinstance(cell, str) and not cell.strip())


def cell_text(cell: object) -> str:
    """A grid cell as an officer reads it: a whole number without `.0`, a date as
    `dd-mm-yyyy`, runs of spaces as one; "" for a blank cell."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime | dt.date):
        return f"{cell:%d-%m-%Y}"
    return " ".join(str(cell).split())


def row_text(row: Sequence[object]) -> str:
    """A row's filled cells as one text (a title row, a label row)."""
    return " ".join(text for text in map(cell_text, row) if text)


def title_lines(rows: Sequence[Sequence[object]]) -> list[tuple[int, str]]:
    """The text of each filled row (the title rows above a header), with its index."""
    return [(index, line) for index, row in enumerate(rows) if (line := row_text(row))]
