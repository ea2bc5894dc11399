"""Schema of the PK's optional `Kriteria` sheet: the bands of the predikat."""

from __future__ import annotations

import pandera.pandas as pa

KRITERIA = pa.DataFrameSchema(
    {
        "batas_bawah": pa.Column(object, nullable=False),
        "predikat": pa.Column("string", nullable=False),
    },
    strict=False,
    coerce=False,
)
