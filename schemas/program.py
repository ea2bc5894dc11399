"""Schema of the DPA's `Program` sheet: program → kegiatan → sub kegiatan."""

from __future__ import annotations

import pandera.pandas as pa

from schemas.common import program_column

PROGRAM = pa.DataFrameSchema(
    {
        "kode": program_column(),
        "nomenklatur": pa.Column("string", nullable=True),
    },
    strict=False,
    coerce=False,
)
