"""Schema of a user-supplied chart of accounts (`Kode Rekening`, `Uraian`)."""

from __future__ import annotations

import pandera.pandas as pa

from schemas.common import account_column

CHART = pa.DataFrameSchema(
    {"kode_rekening": account_column(), "uraian": pa.Column("string", nullable=True)},
    strict=False,
    coerce=False,
)
