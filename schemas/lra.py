"""Schema of an `LRA` sheet exported by the accounting system (all levels)."""

from __future__ import annotations

import pandera.pandas as pa

from schemas.common import account_column, code_present_when_amount, money_column

LRA = pa.DataFrameSchema(
    {
        "kode_rekening": account_column(),
        "anggaran": money_column(non_negative=False),  # SURPLUS/DEFISIT is negative
        "realisasi": money_column(non_negative=False),
        "realisasi_lalu": money_column(non_negative=False),
    },
    checks=[code_present_when_amount(["anggaran", "realisasi"], totals_allowed=True)],
    strict=False,
    coerce=False,
)
