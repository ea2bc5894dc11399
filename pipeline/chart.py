"""The chart of accounts: account names, and warnings for codes found in no chart.

The bundled chart (Permendagri 90/2019, see `pipeline/data/README.md`) can be extended or
overridden by a chart the officer puts in the input folder.
"""

from __future__ import annotations

import csv
import gzip
from functools import cache
from importlib import resources

import pandas as pd

from pipeline.findings import Issue, issue
from pipeline.tables import SheetTable


@cache
def bundled_chart() -> dict[str, str]:
    """Code → name of every kode rekening of the bundled chart."""
    data = resources.files("pipeline").joinpath("data/kode_rekening.csv.gz").read_bytes()
    lines = gzip.decompress(data).decode("utf-8").splitlines()
    return {row["kode"]: row["uraian"] for row in csv.DictReader(lines)}


def chart_with(tables: tuple[SheetTable, ...]) -> dict[str, str]:
    """The bundled chart, extended or overridden by user-supplied chart tables."""
    chart = dict(bundled_chart())
    for table in tables:
        rows = table.frame.dropna(subset=["kode_rekening"])
        chart.update(zip(rows["kode_rekening"], rows["uraian"].fillna(""), strict=True))
    return chart


def unknown_codes(lines: pd.DataFrame, chart: dict[str, str],
                  letters: dict[tuple[str, str], dict[str, str]]) -> list[Issue]:
    """One warning per file and unknown code, naming its first cell."""
    if lines.empty:
        return []
    missing = [code for code in lines["kode_rekening"].dropna().unique() if code not in chart]
    unknown = lines[lines["kode_rekening"].isin(missing)]
    first = unknown.sort_values("row").drop_duplicates(["file", "sheet", "kode_rekening"])
    issues = []
    for row in first.itertuples(index=False):
        letter = letters.get((row.file, row.sheet), {}).get("kode_rekening", "")
        message = (f"Kode rekening {row.kode_rekening} tidak ada di bagan akun Permendagri 90 "
                   "yang dibundel maupun bagan akun dari folder masukan; tetap dihitung. "
                   "Periksa kodenya atau tambahkan ke bagan akun.")
        issues.append(issue("code-unknown", message, row.file, row.sheet, f"{letter}{row.row}",
                            row.kode_rekening))
    return issues
