"""Schema of a `Realisasi` sheet: amounts realised per month (not cumulative)."""

from __future__ import annotations

import pandera.pandas as pa

from schemas.common import (
    SUB_KEGIATAN_PATTERN,
    account_column,
    code_present_when_amount,
    money_column,
)

REALISASI = pa.DataFrameSchema(
    {
        "tahun": pa.Column("Int64", nullable=True),
        "bulan": pa.Column("Int64", nullable=True,
                           checks=pa.Check.in_range(1, 12, error="month-invalid")),
        "kode_sub_kegiatan": pa.Column(
            "string", nullable=True,
            checks=pa.Check.str_matches(SUB_KEGIATAN_PATTERN, error="code-malformed"),
        ),
        "kode_rekening": account_column(),
        "realisasi": money_column(finding="realisasi-negative"),
    },
    checks=[code_present_when_amount(["realisasi"])],
    strict=False,
    coerce=False,
)
