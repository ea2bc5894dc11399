"""Checks shared by several sheet schemas."""

from __future__ import annotations

import re

import pandas as pd
import pandera.pandas as pa

from pipeline.codes import ACCOUNT_PATTERN, PROGRAM_PATTERN, SUB_KEGIATAN_PATTERN
from pipeline.findings import Code


def _code_column(pattern: re.Pattern[str]) -> pa.Column:
    """A code column checked with the pattern of `pipeline.codes`, never one of its own."""
    return pa.Column(
        "string", nullable=True,
        checks=pa.Check.str_matches(pattern, error="code-malformed"),
    )


def account_column() -> pa.Column:
    """Kode rekening at any of its six levels."""
    return _code_column(ACCOUNT_PATTERN)


def program_column() -> pa.Column:
    """Program, kegiatan or sub kegiatan code."""
    return _code_column(PROGRAM_PATTERN)


def sub_kegiatan_column() -> pa.Column:
    """Sub kegiatan code: six segments only."""
    return _code_column(SUB_KEGIATAN_PATTERN)


def money_column(non_negative: bool = True, finding: Code = "money-negative") -> pa.Column:
    checks = [pa.Check.ge(0, error=finding)] if non_negative else []
    return pa.Column("Int64", nullable=True, checks=checks)


TOTAL_LABEL = r"^\s*(?:JUMLAH|SURPLUS|DEFISIT|PEMBIAYAAN NETTO)"


def code_present_when_amount(amounts: list[str], totals_allowed: bool = False) -> pa.Check:
    """A row with a number but no kode rekening is an error, not a skip (except, in an
    exported report, its JUMLAH and SURPLUS/DEFISIT rows)."""

    def check(frame: pd.DataFrame) -> pd.Series:
        bad_amount = frame[[f"bad_{name}" for name in amounts]].any(axis=1)
        has_amount = frame[amounts].notna().any(axis=1) | bad_amount
        is_total = (frame["uraian"].str.upper().str.contains(TOTAL_LABEL).fillna(False)
                    if totals_allowed else False)
        return (frame["kode_rekening"].notna() | frame["bad_kode_rekening"] | ~has_amount
                | is_total)

    return pa.Check(check, error="code-missing")
