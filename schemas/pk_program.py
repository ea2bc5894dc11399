"""Schema of the PK's `Program` sheet: program indicators and the PK's budget per program."""

from __future__ import annotations

import pandera.pandas as pa

from schemas.common import money_column, program_column

PK_PROGRAM = pa.DataFrameSchema(
    {
        "kode_program": program_column(),
        "anggaran_pk": money_column(),
    },
    strict=False,
    coerce=False,
)
