"""Schema of the DPA's `Anggaran` sheet: one row per budget line."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from schemas.common import (
    account_column,
    code_present_when_amount,
    money_column,
    sub_kegiatan_column,
)


def _sub_kegiatan_present(frame: pd.DataFrame) -> pd.Series:
    """Only pendapatan (akun 4) and pembiayaan (akun 6) lines may lack a sub kegiatan."""
    akun = frame["kode_rekening"].str.slice(0, 1)
    exempt = akun.isin(["4", "6"]) | frame["kode_rekening"].isna() | frame["bad_kode_sub_kegiatan"]
    return (frame["kode_sub_kegiatan"].notna() | exempt).fillna(True).astype(bool)


ANGGARAN = pa.DataFrameSchema(
    {
        "kode_sub_kegiatan": sub_kegiatan_column(),
        "kode_rekening": account_column(),
        "pagu_murni": money_column(),
        "pagu_perubahan": money_column(),
    },
    checks=[
        code_present_when_amount(["pagu_murni", "pagu_perubahan"]),
        pa.Check(_sub_kegiatan_present, error="sub-kegiatan-missing"),
    ],
    strict=False,
    coerce=False,
)
