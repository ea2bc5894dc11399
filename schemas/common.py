"""Checks shared by several sheet schemas."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

ACCOUNT_PATTERN = r"^\d(?:\.\d(?:\.\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?)?)?$"
SUB_KEGIATAN_PATTERN = r"^(?:\d|X)\.(?:\d{2}|XX)\.\d{2}\.\d\.\d{2}\.\d{4}$"
PROGRAM_PATTERN = r"^(?:\d|X)\.(?:\d{2}|XX)\.\d{2}(?:\.\d\.\d{2}(?:\.\d{4})?)?$"


def account_column() -> pa.Column:
    return pa.Column(
        "string", nullable=True,
        checks=pa.Check.str_matches(ACCOUNT_PATTERN, error="code-malformed"),
    )


def money_column(non_negative: bool = True, finding: str = "money-negative") -> pa.Column:
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
