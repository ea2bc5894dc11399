"""Rows of another SKPD inside one download.

A download filtered wrongly (or one of the whole pemda) holds rows of several SKPD. The
file is this OPD's or not as its SKPD says (`aside`); inside it, only the SKPD most rows
name is the file's, and a row naming another is refused with its cell, never counted:
the Rekap (`rekap`) and the cumulative realisasi (`snapshot`) alike.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from pipeline.findings import Issue, issue
from pipeline.layouts import normalise_label


def most_common(values: pd.Series) -> str:
    """The value most rows give ("" when none)."""
    found = Counter(str(value) for value in values.dropna())
    return found.most_common(1)[0][0] if found else ""


def other_skpd(frame: pd.DataFrame, columns: dict[str, str], file: str, sheet: str,
               refused: pd.Series, rows_named: str) -> tuple[pd.Series, list[Issue]]:
    """The rows (beyond those `refused` already) that name another SKPD than the one most
    rows name, by KODE SKPD where the row has one, else by NAMA SKPD, compared as
    normalised labels; and one finding each, naming its cell (`<rows_named> tidak
    dihitung`, e.g. "baris Rekap ini")."""
    other_rows = pd.Series(False, index=frame.index)
    issues: list[Issue] = []
    code = most_common(frame["kode_skpd"])
    by_code = frame["kode_skpd"].notna() & bool(code)
    for name, label, scope in (("kode_skpd", "KODE SKPD", by_code),
                               ("nama_skpd", "NAMA SKPD", ~by_code)):
        own = most_common(frame[name])
        written = scope & frame[name].notna() & ~refused & ~other_rows
        if not own or not written.any():
            continue
        other = written & (frame[name].map(normalise_label, na_action="ignore")
                           != normalise_label(own)).fillna(False).astype(bool)
        for row, value in zip(frame.loc[other, "row"], frame.loc[other, name], strict=True):
            message = (f"{label} '{value}' berbeda dengan perangkat daerah berkas ini ({own}); "
                       f"{rows_named} tidak dihitung.")
            issues.append(issue("value-invalid", message, file, sheet,
                                f"{columns.get(name, '')}{row}", value))
        other_rows |= other
    return other_rows, issues
