"""Schema of the PK's `Sasaran` sheet: one row per indikator kinerja utama (IKU)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

POLARITIES = ["positif", "negatif"]


def _known_polarity(values: pd.Series) -> pd.Series:
    return values.isna() | values.str.strip().str.casefold().isin(POLARITIES)


SASARAN = pa.DataFrameSchema(
    {
        "indikator": pa.Column("string", nullable=True),
        "polaritas": pa.Column("string", nullable=True,
                               checks=pa.Check(_known_polarity, error="polarity-invalid")),
        "target": pa.Column(object, nullable=False),
        "realisasi": pa.Column(object, nullable=True),
    },
    strict=False,
    coerce=False,
)
