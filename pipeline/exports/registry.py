"""Every download layout the pipeline reads, in the order recognition tries them.

Adding a layout: one module with an `EXPORT` (see `base.Export`), one line here, a fixture
test and a row in the README's table.
"""

from __future__ import annotations

from pipeline.exports import aklap_lra, dpa_print, rekap, simda_lra, snapshot, spj
from pipeline.exports.base import Export

EXPORTS: tuple[Export, ...] = (
    rekap.EXPORT,  # A1: SIPD-RI Rekap of the budget
    dpa_print.EXPORT,  # A2: DPA- / DPPA- / RKA-RINCIAN BELANJA SKPD, printed to Excel
    snapshot.EXPORT,  # B1: SIPD-RI realisasi per sub kegiatan × rekening, cumulative
    spj.EXPORT,  # B2: SPJ Fungsional / LPJ of one month
    aklap_lra.EXPORT,  # C1: SIPD-RI Akuntansi (AKLAP) Laporan Realisasi Anggaran
    simda_lra.EXPORT,  # C2: SIMDA Keuangan LRA (SAP form)
)
