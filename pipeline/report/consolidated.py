"""The consolidated workbook of a pemda: `Ringkasan`, `LRA`, `Per Perangkat Daerah`,
`Ringkasan per Jenis`, `Rekonsiliasi` and `Validasi`.

`LRA` and `Rekonsiliasi` are laid out by the OPD report's own writers, so they have its
layout, live formulas and cached values; figures elsewhere are formulas too, with their
values cached, and `Validasi` has the OPD report's columns with the OPD in front.

The workbook prints as the OPD report does: Arial as its default font
(`writer.report_options`), A4 landscape one page wide with the sheet's name and page in
the footer (`writer.set_up_page`), every wrapped row as tall as its text
(`fit.row_height`), and columns narrow enough that text prints at 8 pt or more (a table
whose amounts make it too wide for that on A4 takes F4 or A3: `paper_for`).
`Ringkasan per Jenis` has a column per OPD: when they do not fit one page at that size, it
prints at full size over pages across, with Kode and Uraian repeated on each.

This module puts the workbook together. Each sheet has a module of its own:
`consolidated_summary` (Ringkasan), `consolidated_lra` (what the LRA of a pemda needs over
the OPD's), `consolidated_opds` (Per Perangkat Daerah), `consolidated_jenis` (Ringkasan per
Jenis) and `consolidated_validation` (Validasi); what they share is in `consolidated_layout`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

from pipeline.consolidate import Consolidated
from pipeline.report.consolidated_jenis import jenis_pages, jenis_widths, write_jenis
from pipeline.report.consolidated_layout import paper_for
from pipeline.report.consolidated_lra import lra_widths, pemda_lra
from pipeline.report.consolidated_opds import PER_OPD, per_opd_widths, write_per_opd
from pipeline.report.consolidated_summary import summary_widths, write_summary
from pipeline.report.consolidated_validation import VALIDATION_COLUMN_WIDTHS, write_validation
from pipeline.report.findings_sheets import write_reconciliation
from pipeline.report.formats import make_formats
from pipeline.report.lra_sheet import write_lra
from pipeline.report.model import Report
from pipeline.report.writer import report_options, set_up_page

__all__ = [  # what callers import from here; the sheets' own names live in their modules
    "SHEETS",
    "VALIDATION_COLUMN_WIDTHS",
    "jenis_pages",
    "jenis_widths",
    "lra_widths",
    "paper_for",
    "per_opd_widths",
    "summary_widths",
    "write_consolidated",
]


SHEETS = ("Ringkasan", "LRA", PER_OPD, "Ringkasan per Jenis", "Rekonsiliasi", "Validasi")


def write_consolidated(consolidated: Consolidated, path: Path, created: dt.datetime) -> None:
    as_report = Report({"perangkat_daerah": "Konsolidasi", "pemerintah_daerah":
                        consolidated.pemda}, consolidated.year, consolidated.lra, created,
                       reconciliation=consolidated.reconciliation)
    workbook = xlsxwriter.Workbook(str(path), report_options())
    workbook.set_properties({"title": f"Konsolidasi {consolidated.pemda} {consolidated.year}",
                             "author": "LAKIP Pipeline", "created": created})
    with_sen = as_report.money_with_sen
    formats = make_formats(workbook, with_sen)
    sheets = {name: workbook.add_worksheet(name) for name in SHEETS}
    for sheet in sheets.values():
        set_up_page(sheet)
    lra_rows = write_lra(sheets["LRA"], as_report, formats)
    pemda_lra(sheets["LRA"], consolidated, formats, with_sen)
    opd_rows = write_per_opd(sheets[PER_OPD], consolidated, formats, with_sen)
    write_summary(workbook, sheets["Ringkasan"], consolidated, formats,
                  lra_rows.get("5"), opd_rows, with_sen)
    write_jenis(sheets["Ringkasan per Jenis"], consolidated, formats, with_sen)
    write_reconciliation(sheets["Rekonsiliasi"], as_report, formats)
    write_validation(sheets["Validasi"], consolidated, formats)
    workbook.close()
