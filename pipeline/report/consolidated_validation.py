"""The consolidated workbook's `Validasi` sheet: every OPD's findings and the pemda's
own, errors first, in the OPD report's columns with the OPD in front."""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from pipeline.consolidate import Consolidated, OpdIssue
from pipeline.findings import CATALOGUE, sort_key
from pipeline.report import fit
from pipeline.report.consolidated_layout import (
    fit_row,
    path_cell,
    set_widths,
    write_across,
    write_header,
)
from pipeline.report.findings_sheets import (
    CODE_TITLE,
    FILES_TITLE,
    NOTHING_FOUND,
    VALIDATION_HEADER,
    VALIDATION_WIDTHS,
    findings_count,
)
from pipeline.report.formats import Formats

VALIDATION_COLUMNS = ["Perangkat Daerah", *VALIDATION_HEADER, CODE_TITLE]
VALIDATION_COLUMN_WIDTHS = [14, *VALIDATION_WIDTHS]
VALIDATION_NOTE = ("Setiap kesalahan dan peringatan semua perangkat daerah, kesalahan lebih "
                   "dulu. Berkas relatif terhadap folder perangkat daerahnya; (pemda): temuan "
                   "konsolidasi sendiri.")
FILES_NOTE = ("Berkas yang dibaca setiap perangkat daerah terdaftar di sheet Validasi "
              "laporannya (kolom Laporan di sheet Per Perangkat Daerah).")
PEMDA_OWN = "(pemda)"


def finding_order(item: OpdIssue) -> tuple[object, ...]:
    """Errors first, as on an OPD's `Validasi`; then by OPD, file, sheet and cell."""
    key = sort_key(item.issue)
    return (key[0], item.opd, *key[1:])


def write_validation(sheet: Worksheet, consolidated: Consolidated, formats: Formats) -> None:
    """Every OPD's findings and the pemda's own, with the OPD they belong to, in the OPD
    report's columns (`findings_sheets.write_validation`)."""
    widths = VALIDATION_COLUMN_WIDTHS
    last = len(widths) - 1
    sheet.write_string(0, 0, "VALIDASI", formats.label)
    issues = [item.issue for item in consolidated.issues]
    for row, text in ((1, findings_count(issues)), (2, VALIDATION_NOTE)):
        write_across(sheet, row, last, text, sum(widths), formats.wrap)
    header_row = 3
    set_widths(sheet, widths)
    write_header(sheet, header_row, VALIDATION_COLUMNS, widths, formats)
    ordered = sorted(consolidated.issues, key=finding_order)
    for index, item in enumerate(ordered):
        _write_finding(sheet, header_row + 1 + index, item, formats)
    if not ordered:
        sheet.merge_range(header_row + 1, 0, header_row + 1, last, NOTHING_FOUND, formats.text)
    end = header_row + max(len(ordered), 1)
    sheet.autofilter(header_row, 0, end, last)
    sheet.freeze_panes(header_row + 1, 0)
    sheet.repeat_rows(header_row)
    sheet.write_string(end + 2, 0, FILES_TITLE, formats.label)
    write_across(sheet, end + 3, last, FILES_NOTE, sum(widths), formats.wrap)


def _write_finding(sheet: Worksheet, row: int, item: OpdIssue, formats: Formats) -> None:
    found = item.issue
    _, title = CATALOGUE[found.code]
    values = (item.opd or PEMDA_OWN, found.severity.value, found.code, found.message,
              found.file, found.sheet, found.cell, found.value, title)
    for column, text in enumerate(values):
        sheet.write_string(row, column, text, formats.text)
    cells = [fit.Cell(text, width) for text, width in zip(values, VALIDATION_COLUMN_WIDTHS,
                                                           strict=True)]
    for column in (0, 4):  # the OPD's folder and the file: paths
        cells[column] = path_cell(values[column], VALIDATION_COLUMN_WIDTHS[column])
    fit_row(sheet, row, cells)
