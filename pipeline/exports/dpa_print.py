"""A2: the printed "DPA-RINCIAN BELANJA SKPD" saved to Excel (also `DPPA-` and `RKA-`).

A block layout, read top to bottom:
- title cells (`Formulir DPA-RINCIAN BELANJA SKPD`, `Pemerintah <daerah> Tahun Anggaran
  <yyyy>`) and label / `:` / value rows (`Program`, `Kegiatan`, `Organisasi`, `Unit` …);
- per sub kegiatan a `Sub Kegiatan : <kode> <nama>` row, a `Sumber Pendanaan` row, and a
  table under a header band `Kode Rekening | Uraian | Rincian Perhitungan | Jumlah` over
  `Koefisien | Satuan | Harga | PPN` (a DPPA has a `Sebelum …` and a `Setelah …` group, each
  with its Jumlah, then `Bertambah/(Berkurang)`), ending with `Jumlah Anggaran Sub Kegiatan`.

Table rows are rekening rows (a code, every level), group rows (`[#] …`, `[-] …`) and
komponen rows (koefisien, satuan, harga, jumlah). The six-level rekening rows are the DPA
lines; nothing else is added. Everything else the print states is checked as a declared
subtotal, each difference a `dpa-print-mismatch` naming its cell: a rekening row against
its komponen, a group row against its komponen, a shorter rekening row against the rows
below it, the block's `Jumlah Anggaran Sub Kegiatan` and a kegiatan's `Jumlah Total
Anggaran Kegiatan` against their lines.

The stage: a print with `Sebelum` / `Setelah` groups gives both (murni from Sebelum,
perubahan from Setelah); otherwise the form tells it (DPA, RKA → murni; DPPA, RKPA →
perubahan), else the file name, else it is unknown (`stage-unknown`). In a grouped print a
line left blank in one group is absent from that stage.

`X.XX` in program codes becomes the OPD's bidang urusan, read from the Unit or Organisasi
code (`penunjang`). The sub kegiatan of a line is printed on its block's `Sub Kegiatan` row;
the line's cells (code, uraian, jumlah) are on its own row, and its findings name those.

This module is the layout and its `read`: the walk (`dpa_print_scan`, into the records of
`dpa_print_model`), the notation of its amounts, then identity (`dpa_print_identity`),
findings (`dpa_print_checks`) and tables (`dpa_print_tables`).
"""

from __future__ import annotations

from pipeline.excel.grid import Grid
from pipeline.excel.header import Header
from pipeline.exports import notation
from pipeline.exports.base import LAYOUT, SKPD, STAGE, VERSION, YEAR, Export, Extract, Source
from pipeline.exports.dpa_print_checks import check_blocks, orphan_tables, unreadable_cells
from pipeline.exports.dpa_print_identity import (
    opd_bidang,
    organisation,
    placeholder_notes,
    single_stage,
)
from pipeline.exports.dpa_print_model import PRINT, SINGLE, Scan, Where, stated_amounts
from pipeline.exports.dpa_print_scan import scan_sheet
from pipeline.exports.dpa_print_tables import (
    line_letters,
    program_letters,
    program_rows,
    stage_records,
)
from pipeline.exports.stage import (
    MURNI,
    PERUBAHAN,
    program_table,
    stage_table,
    stage_unknown,
    version_of_name,
)
from pipeline.money import parse_money

NAME = "sipd-dpa-rincian"
DOCUMENT = "dokumen"  # meta key: the form printed, "DPA", "DPPA", "RKA" or "RKPA"
PLANS = ("RKA", "RKPA")  # forms of the plan, before the DPA was adopted


def read(grid: Grid, header: Header, source: Source) -> Extract:
    """The print's lines per stage, its program structure, identity and findings.
    (`header` is where recognition found the first table; the walk finds every block.)"""
    where = Where(source.display, grid.sheet, grid)
    scan = scan_sheet(grid, parse_money)
    decided = notation.decide_cells(_amount_cells(scan, where), where.file, where.sheet)
    if decided.english:  # every text amount of the print is `1,234,567.89`
        scan = scan_sheet(grid, decided.parse)
    bidang, bidang_source = opd_bidang(scan)
    issues = list(decided.issues)
    issues += placeholder_notes(scan, bidang, bidang_source, where)
    issues += orphan_tables(scan, where)
    issues += unreadable_cells(scan, where)
    issues += check_blocks(scan, bidang, where)
    file_stage = single_stage(scan.form, source.name)
    if file_stage is None and any(block.columns and SINGLE in block.columns.amounts
                                  for block in scan.blocks):
        issues.append(stage_unknown(source.name, where.file, where.sheet))

    tables = [program_table(where.file, where.sheet, program_letters(scan, grid),
                            program_rows(scan, bidang))]
    stages: list[str] = []
    for stage, (records, column) in stage_records(scan, bidang, file_stage or "").items():
        stages.append(stage)
        tables.append(stage_table(where.file, where.sheet, line_letters(scan, grid, column),
                                  records))
    identitas = {"pemerintah_daerah": scan.pemerintah or "",
                 "perangkat_daerah": organisation(scan), "tahun_anggaran": scan.year or ""}
    identitas = {name: value for name, value in identitas.items() if value}
    stage_meta = PERUBAHAN if PERUBAHAN in stages else (MURNI if MURNI in stages else "")
    meta = {LAYOUT: NAME, YEAR: scan.year or "", SKPD: identitas.get("perangkat_daerah", ""),
            STAGE: stage_meta, VERSION: str(version_of_name(source.name) or ""),
            DOCUMENT: scan.form or ""}
    return Extract(tuple(tables), identitas, tuple(issues),
                   {key: value for key, value in meta.items() if value})


def _amount_cells(scan: Scan, where: Where) -> list[tuple[object, str]]:
    """Every amount the print states, with its cell: what its notation is decided over."""
    return [(amount.raw, where.cell(row, amount.column)) for row, amounts in stated_amounts(scan)
            for amount in amounts.values()]


EXPORT = Export(
    name=NAME,
    title="DPA-Rincian Belanja SKPD (cetakan SIPD-RI, juga DPPA dan RKA)",
    menu="SIPD-RI › Penganggaran › Cetak DPA › DPA-Rincian Belanja SKPD (simpan sebagai Excel)",
    layout=PRINT,
    read=read,
    titles=("rincianbelanja",),
)
