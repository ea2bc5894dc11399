"""The `Rekonsiliasi` and `Validasi` sheets: every mismatch and every finding, with its
source cell, ready to filter."""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from pipeline.findings import sort_key
from pipeline.money import rupiah
from pipeline.report.formats import Formats, wrapped_height
from pipeline.report.model import Report

RECONCILIATION_HEADER = ["Jenis", "Kode", "Uraian", "Dinyatakan", "Dihitung", "Selisih", "Sumber"]
VALIDATION_HEADER = ["Tingkat", "Kode", "Pesan", "Berkas", "Sheet", "Sel", "Nilai"]
HEADER_ROW = 2  # 0-based: a title and a note above the header


def _heading(sheet: Worksheet, title: str, note: str, header: list[str], formats: Formats,
             widths: list[int]) -> None:
    sheet.write_string(0, 0, title, formats.label)
    sheet.write_string(1, 0, note)
    for column, (label, width) in enumerate(zip(header, widths, strict=True)):
        sheet.write_string(HEADER_ROW, column, label, formats.header)
        sheet.set_column(column, column, width)
    sheet.freeze_panes(HEADER_ROW + 1, 0)
    sheet.repeat_rows(HEADER_ROW)


def write_reconciliation(sheet: Worksheet, report: Report, formats: Formats) -> None:
    _heading(sheet, "REKONSILIASI",
             "Selisih = Dinyatakan − Dihitung. Sel kosong: angka itu tidak ada di sumbernya.",
             RECONCILIATION_HEADER, formats, [24, 30, 48, 17, 17, 17, 44])
    for index, line in enumerate(report.reconciliation):
        row = HEADER_ROW + 1 + index
        excel_row = row + 1
        for column, text in ((0, line.jenis), (1, line.kode), (2, line.uraian), (6, line.sumber)):
            sheet.write_string(row, column, text, formats.text)
        sheet.set_row(row, wrapped_height(line.uraian, 50))
        for column, amount in ((3, line.dinyatakan), (4, line.dihitung)):
            if amount is None:
                sheet.write_blank(row, column, None, formats.money)
            else:
                sheet.write_number(row, column, rupiah(amount), formats.money)
        difference = (line.dinyatakan or 0) - (line.dihitung or 0)
        sheet.write_formula(row, 5, f"=N(D{excel_row})-N(E{excel_row})", formats.money_bold,
                            rupiah(difference))
    last = HEADER_ROW + max(len(report.reconciliation), 1)
    sheet.autofilter(HEADER_ROW, 0, last, len(RECONCILIATION_HEADER) - 1)


def write_validation(sheet: Worksheet, report: Report, formats: Formats) -> None:
    _heading(sheet, "VALIDASI",
             "Setiap kesalahan dan peringatan, dengan berkas, sheet dan sel yang perlu diperbaiki.",
             VALIDATION_HEADER, formats, [12, 22, 80, 36, 14, 8, 24])
    for index, found in enumerate(sorted(report.issues, key=sort_key)):
        row = HEADER_ROW + 1 + index
        values = (found.severity.value, found.code, found.message, found.file, found.sheet,
                  found.cell, found.value)
        for column, text in enumerate(values):
            sheet.write_string(row, column, text, formats.text)
        sheet.set_row(row, wrapped_height(found.message, 85))
    last = HEADER_ROW + max(len(report.issues), 1)
    sheet.autofilter(HEADER_ROW, 0, last, len(VALIDATION_HEADER) - 1)
