"""Schema of the PK's `Program` sheet: program indicators and the PK's budget per program."""

from __future__ import annotations

import pandera.pandas as pa

from schemas.common import PROGRAM_PATTERN, money_column

PK_PROGRAM = pa.DataFrameSchema(
    {
        "kode_program": pa.Column(
            "string", nullable=True,
            checks=pa.Check.str_matches(PROGRAM_PATTERN, error="code-malformed"),
        ),
        "anggaran_pk": money_column(),
    },
    strict=False,
    coerce=False,
)
