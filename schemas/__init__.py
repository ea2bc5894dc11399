"""pandera schemas, one per input sheet, applied after the pipeline has typed each cell.

Each check's `error` is a finding code (`pipeline.findings.Code`); the pipeline turns every
failure case into an `Issue` that names its cell (see `pipeline.validate`). Code columns are
checked with the patterns of `pipeline.codes`, never with patterns of their own.
"""

from __future__ import annotations

import pandera.pandas as pa

from schemas.anggaran import ANGGARAN
from schemas.chart import CHART
from schemas.kriteria import KRITERIA
from schemas.lra import LRA
from schemas.pk_program import PK_PROGRAM
from schemas.program import PROGRAM
from schemas.realisasi import REALISASI
from schemas.sasaran import SASARAN

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "anggaran": ANGGARAN,
    "realisasi": REALISASI,
    "program": PROGRAM,
    "lra": LRA,
    "chart": CHART,
    "sasaran": SASARAN,
    "pk_program": PK_PROGRAM,
    "kriteria": KRITERIA,
}
