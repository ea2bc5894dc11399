"""Writing the report workbook: sheets in order, fixed metadata, atomic save.

The workbook is saved by `saving.save_atomically`: a temporary file renamed at the end,
an earlier report with different content kept under a timestamped name. The created date
comes from the caller, so the same input gives the same bytes. Only xlsxwriter's public API
is used.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from pipeline.report import fit
from pipeline.report.efficiency_sheets import write_iii_a_6, write_iii_a_7
from pipeline.report.findings_sheets import write_reconciliation, write_validation
from pipeline.report.formats import make_formats
from pipeline.report.lakip_sheets import (
    write_iii_a_1,
    write_iii_a_2,
    write_iii_a_3,
    write_iii_a_4,
    write_iii_a_5,
)
from pipeline.report.lakip_values import LAKIP_TABLES
from pipeline.report.lra_sheet import write_lra
from pipeline.report.model import Report
from pipeline.report.monthly_sheet import SHEET as MONTHLY_SHEET
from pipeline.report.monthly_sheet import write_monthly
from pipeline.report.saving import KEEP, Saved, save_atomically
from pipeline.report.summary_sheet import write_summary

WORKBOOK_OPTIONS = {
    "strings_to_formulas": False,  # no text from any input ever becomes a formula
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "in_memory": True,  # parts assembled in memory: no temporary file per part
}
DEFAULT_FONT = {"font_name": "Arial", "font_size": 10}
FOOTER = "&L&A&RHalaman &P dari &N"  # sheet name, page n of m


def report_options() -> dict[str, object]:
    """`WORKBOOK_OPTIONS` with the report's font as the workbook's default. Column widths
    are counted in digits of the default font, and a Calibri that LibreOffice lacks would
    print every column a third wider than Excel does (fit.py). Arial 10 goes with a
    64-pixel column and a 17-pixel row. A fresh dict each time: xlsxwriter keeps and
    amends the default format's properties."""
    return {**WORKBOOK_OPTIONS, "default_format_properties": dict(DEFAULT_FONT),
            "default_column_width": 64, "default_row_height": 17}


def report_name(report: Report) -> str:
    """`LAKIP_2023_dinas-sosial.xlsx`."""
    return f"LAKIP_{report.year}_{slug(report.opd, 'perangkat-daerah')}.xlsx"


def slug(name: str, fallback: str) -> str:
    """A name as a file name part: `Dinas Sosial` → `dinas-sosial`; `fallback` when empty."""
    return re.sub(r"[^0-9a-z]+", "-", name.casefold()).strip("-") or fallback


def write_workbook(report: Report, path: Path) -> None:
    """Lay the report out into a new workbook at `path`."""
    workbook = xlsxwriter.Workbook(str(path), report_options())
    workbook.set_properties({
        "title": f"LAKIP {report.opd} {report.year}",
        "subject": "Laporan Akuntabilitas Kinerja Instansi Pemerintah",
        "author": "LAKIP Pipeline",
        "created": report.created,
    })
    formats = make_formats(workbook, report.money_with_sen)
    names = ("Ringkasan", *LAKIP_TABLES, "LRA", MONTHLY_SHEET, "Rekonsiliasi", "Validasi")
    sheets = {name: workbook.add_worksheet(name) for name in names}
    for sheet in sheets.values():
        set_up_page(sheet)
    lra_rows = write_lra(sheets["LRA"], report, formats)
    capaian_cells = write_iii_a_1(sheets["III.A.1"], report, formats)
    write_iii_a_2(sheets["III.A.2"], report, formats)
    write_iii_a_3(sheets["III.A.3"], report, formats)
    write_iii_a_4(sheets["III.A.4"], report, formats)
    write_iii_a_5(sheets["III.A.5"], report, formats)
    write_iii_a_6(sheets["III.A.6"], report, formats)
    write_iii_a_7(sheets["III.A.7"], report, formats, capaian_cells)
    write_summary(workbook, sheets["Ringkasan"], report, formats, lra_rows, capaian_cells)
    write_monthly(workbook, sheets[MONTHLY_SHEET], report, formats)
    write_reconciliation(sheets["Rekonsiliasi"], report, formats)
    write_validation(sheets["Validasi"], report, formats)
    workbook.close()


def set_up_page(sheet: Worksheet) -> None:
    """Every sheet prints on A4 landscape, one page wide, as many pages tall as it needs,
    with the sheet's name and the page number in the footer (Excel keeps the footer's size;
    LibreOffice scales it with the sheet). A sheet whose columns are wider than the page is
    shrunk to fit it, so each writer keeps its columns' `fit.page_points` within
    `fit.printable_width(fit.A4)` / 0.8: text of 10 pt then prints at 8 pt or more.
    `Realisasi Bulanan` replaces the fit by its own paper, scale and two pages across."""
    sheet.set_landscape()
    sheet.set_paper(fit.A4.code)
    sheet.fit_to_pages(1, 0)
    sheet.set_margins(**fit.MARGINS)
    sheet.set_footer(FOOTER, {"scale_with_doc": False})


def save_report(report: Report, folder: Path, now: dt.datetime, keep: int = KEEP) -> Saved:
    """Write atomically into `folder`. An earlier, different report is kept under a
    timestamped name (the newest `keep` of those are kept). A report that is open in
    another program cannot be replaced on Windows: the new one goes to `…(2).xlsx`."""
    folder.mkdir(parents=True, exist_ok=True)
    return save_atomically(folder / report_name(report),
                           lambda path: write_workbook(report, path), now, keep)
