"""Schema of the DPA's `Program` sheet: program → kegiatan → sub kegiatan."""

from __future__ import annotations

import pandera.pandas as pa

from schemas.common import PROGRAM_PATTERN

PROGRAM = pa.DataFrameSchema(
    {
        "kode": pa.Column(
            "string", nullable=True,
            checks=pa.Check.str_matches(PROGRAM_PATTERN, error="code-malformed"),
        ),
        "nomenklatur": pa.Column("string", nullable=True),
    },
    strict=False,
    coerce=False,
)
