"""Schema of a `Realisasi` sheet: amounts realised per month (not cumulative)."""

from __future__ import annotations

import pandera.pandas as pa

from schemas.common import (
    account_column,
    code_present_when_amount,
    money_column,
    sub_kegiatan_column,
)

REALISASI = pa.DataFrameSchema(
    {
        "tahun": pa.Column("Int64", nullable=True),
        "bulan": pa.Column("Int64", nullable=True,
                           checks=pa.Check.in_range(1, 12, error="month-invalid")),
        "kode_sub_kegiatan": sub_kegiatan_column(),
        "kode_rekening": account_column(),
        "realisasi": money_column(finding="realisasi-negative"),
    },
    checks=[code_present_when_amount(["realisasi"])],
    strict=False,
    coerce=False,
)
