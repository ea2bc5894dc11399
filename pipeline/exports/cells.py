"""Typing the raw cells of a download, field by field, as the template sheets are typed.

A raw frame (object cells, one column per field found, `row` = Excel row) becomes a frame
with one typed column per field of the layout, a `bad_<field>` flag per field and `level`
for the kode rekening; every unreadable cell becomes a finding naming its cell and its raw
text (`pipeline.coerce`). A field the download does not carry is a blank column.
"""

from __future__ import annotations

import pandas as pd

from pipeline import codes
from pipeline.coerce import DTYPES, coerce_column, problem_issues
from pipeline.findings import Issue
from pipeline.layouts import Layout


def typed_frame(raw: pd.DataFrame, layout: Layout, letters: dict[str, str], file: str,
                sheet: str) -> tuple[pd.DataFrame, list[Issue]]:
    """The typed frame of `raw` and the findings of its unreadable cells."""
    raw = raw.reset_index(drop=True)
    frame = pd.DataFrame({"row": raw["row"].astype("int64")})
    issues: list[Issue] = []
    for field in layout.fields:
        if field.name not in raw:
            frame[field.name] = pd.Series([None] * len(raw), dtype=DTYPES[field.kind])
            frame[f"bad_{field.name}"] = False
            continue
        typed, problems = coerce_column(raw[field.name], field)
        frame[field.name] = typed
        errors = problems.notna() & (problems != "money-rounded")
        frame[f"bad_{field.name}"] = errors.astype(bool)
        issues += problem_issues(raw[field.name], problems, raw["row"], field, file, sheet,
                                 letters.get(field.name, ""))
    if "kode_rekening" in frame:
        frame["level"] = codes.levels_of(frame["kode_rekening"])
    return frame, issues
