"""Checks on counted rows that need no other document: the same line written twice, and
dates that cannot be right. Both are warnings: the rows stay counted, the officer decides.

Pure: `Inputs` and today's date in, findings out.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from pipeline.assemble import Inputs
from pipeline.findings import Issue, issue
from pipeline.money import format_rupiah

DPA_KEY = ["kode_sub_kegiatan", "kode_rekening"]


def duplicate_lines(inputs: Inputs) -> list[Issue]:
    """A DPA line or an SP2D row that repeats an earlier one exactly (the SP2D rows were
    found where the file was read, `pipeline.condense`)."""
    issues = []
    lines = inputs.dpa_lines
    repeated = lines[lines.duplicated(DPA_KEY + ["pagu_murni", "pagu"], keep="first")]
    for row in repeated.itertuples(index=False):
        message = (f"Baris DPA sub kegiatan {row.kode_sub_kegiatan}, rekening {row.kode_rekening} "
                   f"dengan pagu Rp {format_rupiah(row.pagu)} sama persis dengan baris "
                   "sebelumnya; keduanya dihitung. Hapus salah satunya bila tertulis dua kali.")
        issues.append(issue("line-duplicate", message, row.file, row.sheet,
                            inputs.cell(row.file, row.sheet, "kode_rekening", row.row),
                            row.kode_rekening))
    for (file, sheet), trace in inputs.traces.items():
        for row in trace.repeated.itertuples(index=False):
            message = (f"SP2D {row.nomor_sp2d} untuk rekening {row.kode_rekening} sebesar Rp "
                       f"{format_rupiah(row.realisasi)} tertulis dua kali; keduanya dihitung. "
                       "Hapus salah satunya bila tertempel dua kali.")
            issues.append(issue("line-duplicate", message, file, sheet,
                                inputs.cell(file, sheet, "nomor_sp2d", row.row), row.nomor_sp2d))
    return issues


def implausible_dates(inputs: Inputs, today: dt.date) -> list[Issue]:
    """A Tanggal after today, or outside the row's own year."""
    issues = []
    for (file, sheet), trace in inputs.traces.items():
        rows = trace.members
        days = rows["tanggal"].to_numpy()
        future = days > np.datetime64(today)
        years = days.astype("datetime64[Y]").astype("int64") + 1970
        other_year = (years != rows["tahun"].to_numpy()) & ~np.isnat(days)
        for row in rows[future | other_year].itertuples(index=False):
            day = pd.Timestamp(row.tanggal).date()
            if day > today:
                reason = f"setelah hari ini ({today:%d-%m-%Y})"
            else:
                reason = f"di luar tahun {int(row.tahun)} yang tertulis di kolom Tahun"
            message = f"Tanggal {day:%d-%m-%Y} {reason}; periksa tanggal SP2D-nya."
            issues.append(issue("date-future", message, file, sheet,
                                inputs.cell(file, sheet, "tanggal", row.row), f"{day:%d-%m-%Y}"))
    return issues
