"""The `Rekonsiliasi` and `Validasi` sheets.

`Rekonsiliasi` lists every comparison made, mismatches first, with a count on top and a
status to filter on. `Validasi` lists every finding with its source cell and the short
title of its code, then every input file read. Both print one page wide on A4 landscape:
their columns sum to under 150 width units, which keeps the scale above 80 %.
"""

from __future__ import annotations

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from pipeline.findings import CATALOGUE, Issue, Severity, count, sort_key
from pipeline.money import rupiah
from pipeline.reconcile import Reconciliation, count_by_kind, count_line, mismatches_first
from pipeline.report.fit import Cell, row_height
from pipeline.report.formats import Formats
from pipeline.report.model import FileSummary, Report

RECONCILIATION_HEADER = ["Jenis", "Kode", "Uraian", "Dinyatakan", "Dihitung", "Selisih", "Sumber",
                         "Status"]
RECONCILIATION_WIDTHS = [16, 18, 30, 16, 16, 16, 27, 9]
RECONCILIATION_NOTE = ("Selisih = Dinyatakan − Dihitung. Sel kosong: angka itu tidak ada di "
                       "sumbernya. Baris berstatus Selisih di atas, yang Cocok di bawahnya.")
VALIDATION_HEADER = ["Tingkat", "Kode", "Pesan", "Berkas", "Sheet", "Sel", "Nilai"]
CODE_TITLE = "Keterangan kode"
VALIDATION_WIDTHS = [11, 20, 42, 22, 12, 7, 13, 21]
VALIDATION_NOTE = ("Setiap kesalahan dan peringatan, dengan berkas, sheet dan sel yang perlu "
                   "diperbaiki. Daftar berkas yang dibaca ada di bawah tabel ini.")
NOTHING_FOUND = "Tidak ada kesalahan atau peringatan"
FILES_TITLE = "BERKAS YANG DIBACA"
# The file list under the findings, in the findings' columns: (column, last column, label).
FILES_HEADER = [(0, 0, "No"), (1, 1, "Isi"), (2, 2, "Berkas"), (3, 3, "Baris"),
                (4, 4, "Kesalahan"), (5, 6, "Peringatan")]


def _heading(sheet: Worksheet, lines: list[str], header: list[str], widths: list[int],
             formats: Formats) -> int:
    """The title and note lines, then the header; returns the header's 0-based row."""
    sheet.write_string(0, 0, lines[0], formats.label)
    for row, text in enumerate(lines[1:], start=1):
        _wide_text(sheet, row, text, sum(widths), len(header) - 1, formats)
    header_row = len(lines)
    for column, (label, width) in enumerate(zip(header, widths, strict=True)):
        sheet.write_string(header_row, column, label, formats.header)
        sheet.set_column(column, column, width)
    sheet.freeze_panes(header_row + 1, 0)
    sheet.repeat_rows(header_row)
    return header_row


def _wide_text(sheet: Worksheet, row: int, text: str, width: int, last_column: int,
               formats: Formats) -> None:
    """A line of text across the whole table, wrapped, its row as tall as it needs."""
    sheet.merge_range(row, 0, row, last_column, text, formats.wrap)
    height = row_height([Cell(text, width)])
    if height is not None:
        sheet.set_row(row, height)


def write_reconciliation(sheet: Worksheet, report: Report, formats: Formats) -> None:
    rows = report.reconciliation
    header_row = _heading(sheet, ["REKONSILIASI", count_line(rows), count_by_kind(rows),
                                  RECONCILIATION_NOTE],
                          RECONCILIATION_HEADER, RECONCILIATION_WIDTHS, formats)
    for index, line in enumerate(mismatches_first(rows)):
        _write_comparison(sheet, header_row + 1 + index, line, formats)
    last = header_row + max(len(rows), 1)
    sheet.autofilter(header_row, 0, last, len(RECONCILIATION_HEADER) - 1)


def _write_comparison(sheet: Worksheet, row: int, line: Reconciliation,
                      formats: Formats) -> None:
    texts = ((0, line.jenis), (1, line.kode), (2, line.uraian), (6, line.sumber))
    for column, text in texts:
        sheet.write_string(row, column, text, formats.text)
    sheet.write_string(row, 7, line.status, formats.text if line.matched else formats.text_bold)
    height = row_height([Cell(text, RECONCILIATION_WIDTHS[column]) for column, text in texts])
    if height is not None:
        sheet.set_row(row, height)
    for column, amount in ((3, line.dinyatakan), (4, line.dihitung)):
        if amount is None:
            sheet.write_blank(row, column, None, formats.money)
        else:
            sheet.write_number(row, column, rupiah(amount), formats.money)
    difference = (line.dinyatakan or 0) - (line.dihitung or 0)
    sheet.write_formula(row, 5, f"=N(D{row + 1})-N(E{row + 1})", formats.money_bold,
                        rupiah(difference))


def findings_count(issues: list[Issue]) -> str:
    """`2 kesalahan, 3 peringatan, 1 catatan.`, or the sentence that there are none."""
    errors, warnings = count(issues, Severity.ERROR), count(issues, Severity.WARNING)
    notes = count(issues, Severity.NOTE)
    text = f"{errors} kesalahan, {warnings} peringatan" if errors or warnings else NOTHING_FOUND
    return f"{text}, {notes} catatan." if notes else f"{text}."


def write_validation(sheet: Worksheet, report: Report, formats: Formats) -> None:
    header = [*VALIDATION_HEADER, CODE_TITLE]
    header_row = _heading(sheet, ["VALIDASI", findings_count(report.issues), VALIDATION_NOTE],
                          header, VALIDATION_WIDTHS, formats)
    ordered = sorted(report.issues, key=sort_key)
    for index, found in enumerate(ordered):
        _write_finding(sheet, header_row + 1 + index, found, formats)
    if not ordered:
        sheet.merge_range(header_row + 1, 0, header_row + 1, len(header) - 1, NOTHING_FOUND,
                          formats.text)
    last = header_row + max(len(ordered), 1)
    sheet.autofilter(header_row, 0, last, len(header) - 1)
    write_files(sheet, report.files, last + 2, formats)


def _write_finding(sheet: Worksheet, row: int, found: Issue, formats: Formats) -> None:
    _, title = CATALOGUE[found.code]
    values = (found.severity.value, found.code, found.message, found.file, found.sheet,
              found.cell, found.value, title)
    for column, text in enumerate(values):
        sheet.write_string(row, column, text, formats.text)
    height = row_height([Cell(text, width) for text, width in zip(values, VALIDATION_WIDTHS,
                                                                  strict=True)])
    if height is not None:
        sheet.set_row(row, height)


def write_files(sheet: Worksheet, files: list[FileSummary], first: int,
                formats: Formats) -> None:
    """Every input file read, with its role, rows, errors and warnings, from row `first`."""
    sheet.write_string(first, 0, FILES_TITLE, formats.label)
    for column, last_column, label in FILES_HEADER:
        _cell(sheet, first + 1, column, last_column, label, formats.header)
    for index, summary in enumerate(files, start=1):
        row = first + 1 + index
        sheet.write_number(row, 0, index, formats.number)
        sheet.write_string(row, 1, summary.roles, formats.text)
        sheet.write_string(row, 2, summary.path, formats.text)
        for (column, last_column, _), number in zip(FILES_HEADER[3:], (
                summary.rows, summary.errors, summary.warnings), strict=True):
            _cell(sheet, row, column, last_column, number, formats.number)
        height = row_height([Cell(summary.roles, VALIDATION_WIDTHS[1]),
                             Cell(summary.path, VALIDATION_WIDTHS[2])])
        if height is not None:
            sheet.set_row(row, height)
    if not files:
        sheet.merge_range(first + 2, 0, first + 2, FILES_HEADER[-1][1],
                          "Tidak ada berkas yang dibaca", formats.text)


def _cell(sheet: Worksheet, row: int, column: int, last_column: int, value: str | int,
          cell_format: Format) -> None:
    """One cell, or a merged range when the value spans two narrow columns."""
    if last_column != column:
        sheet.merge_range(row, column, row, last_column, "", cell_format)
    if isinstance(value, str):
        sheet.write_string(row, column, value, cell_format)
    else:
        sheet.write_number(row, column, value, cell_format)
