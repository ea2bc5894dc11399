"""The `Realisasi Bulanan` sheet: program → kegiatan → sub kegiatan, pagu, realisasi per
month, total and %, with a chart of cumulative realisation against pagu."""

from __future__ import annotations

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from pipeline.money import percent, rupiah
from pipeline.programs import MonthlyRow
from pipeline.reconcile import MONTH_NAMES
from pipeline.report.formats import Formats, wrapped_height
from pipeline.report.model import Report

SHEET = "Realisasi Bulanan"
HEADER_ROW = 3
FIRST_MONTH_COLUMN = 3  # D
TOTAL_COLUMN = FIRST_MONTH_COLUMN + 12  # P
PERCENT_COLUMN = TOTAL_COLUMN + 1  # Q


def header_labels() -> list[str]:
    return ["Kode", "Program/Kegiatan/Sub Kegiatan", "Pagu", *MONTH_NAMES, "Total", "%"]


def row_numbers(report: Report) -> dict[str, int]:
    """The Excel row of each program, kegiatan and sub kegiatan on this sheet."""
    return {line.code: HEADER_ROW + 2 + index for index, line in enumerate(report.monthly)}


def write_monthly(workbook: Workbook, sheet: Worksheet, report: Report, formats: Formats) -> None:
    sheet.set_column("A:A", 20)
    sheet.set_column("B:B", 48)
    sheet.set_column(2, TOTAL_COLUMN, 14)
    sheet.set_column(PERCENT_COLUMN, PERCENT_COLUMN, 8)
    sheet.merge_range(0, 0, 0, PERCENT_COLUMN, "REALISASI ANGGARAN PER BULAN", formats.title)
    sheet.merge_range(1, 0, 1, PERCENT_COLUMN,
                      f"{report.opd} {report.pemda} Tahun Anggaran {report.year}".strip(),
                      formats.subtitle)
    for column, label in enumerate(header_labels()):
        sheet.write_string(HEADER_ROW, column, label, formats.header)
    rows = row_numbers(report)
    for index, line in enumerate(report.monthly):
        _write_line(sheet, HEADER_ROW + 1 + index, line, rows, formats)
    total_row = HEADER_ROW + 1 + len(report.monthly)
    _write_total(sheet, total_row, report.monthly, rows, formats)
    sheet.freeze_panes(HEADER_ROW + 1, 2)
    sheet.repeat_rows(HEADER_ROW)
    _write_chart(workbook, sheet, report.monthly, total_row + 3, total_row + 1, formats)


def _write_line(sheet: Worksheet, row: int, line: MonthlyRow, rows: dict[str, int],
                formats: Formats) -> None:
    parent = bool(line.children)
    sheet.write_string(row, 0, line.code, formats.code_bold if parent else formats.code)
    indent = {3: 0, 5: 1, 6: 2}.get(line.depth, 0)
    names = formats.indents_bold if parent else formats.indents
    sheet.write_string(row, 1, line.name, names[indent])
    sheet.set_row(row, wrapped_height(line.name, 50 - indent))
    money = formats.money_bold if parent else formats.money
    amounts = (line.pagu, *line.months)
    for offset, amount in enumerate(amounts):
        column = 2 + offset
        if parent:
            letter = xl_col_to_name(column)
            cells = ",".join(f"{letter}{rows[child]}" for child in line.children)
            sheet.write_formula(row, column, f"=SUM({cells})", money, rupiah(amount))
        else:
            sheet.write_number(row, column, rupiah(amount), money)
    _write_row_total(sheet, row, line.pagu, line.realisasi,
                     formats.money_bold if parent else formats.money,
                     formats.percent_bold if parent else formats.percent)


def _write_row_total(sheet: Worksheet, row: int, pagu: int, realisasi: int, money: object,
                     percent_format: object) -> None:
    excel_row = row + 1
    first, last = xl_col_to_name(FIRST_MONTH_COLUMN), xl_col_to_name(TOTAL_COLUMN - 1)
    total = xl_col_to_name(TOTAL_COLUMN)
    sheet.write_formula(row, TOTAL_COLUMN, f"=SUM({first}{excel_row}:{last}{excel_row})", money,
                        rupiah(realisasi))
    sheet.write_formula(row, PERCENT_COLUMN,
                        f"=IF(C{excel_row}=0,0,ROUND({total}{excel_row}/C{excel_row}*100,2))",
                        percent_format, float(percent(realisasi, pagu)))


def _write_total(sheet: Worksheet, row: int, lines: list[MonthlyRow], rows: dict[str, int],
                 formats: Formats) -> None:
    tops = [line for line in lines if line.depth in (0, 3)]
    sheet.write_string(row, 0, "", formats.total_label)
    sheet.write_string(row, 1, "JUMLAH", formats.total_label)
    for offset in range(13):
        column = 2 + offset
        letter = xl_col_to_name(column)
        amount = sum(line.pagu if offset == 0 else line.months[offset - 1] for line in tops)
        cells = ",".join(f"{letter}{rows[line.code]}" for line in tops) or "0"
        sheet.write_formula(row, column, f"=SUM({cells})", formats.total_money, rupiah(amount))
    _write_row_total(sheet, row, sum(line.pagu for line in tops),
                     sum(line.realisasi for line in tops), formats.total_money,
                     formats.total_percent)


def _write_chart(workbook: Workbook, sheet: Worksheet, lines: list[MonthlyRow], first: int,
                 total_excel_row: int, formats: Formats) -> None:
    """A small table of cumulative realisation by month, and its line chart."""
    sheet.write_string(first, 1, "Realisasi kumulatif", formats.header)
    sheet.write_string(first + 1, 1, "Pagu", formats.header)
    tops = [line for line in lines if line.depth in (0, 3)]
    pagu = sum(line.pagu for line in tops)
    running = 0
    for month in range(12):
        column = FIRST_MONTH_COLUMN + month
        letter = xl_col_to_name(column)
        running += sum(line.months[month] for line in tops)
        sheet.write_string(first - 1, column, MONTH_NAMES[month], formats.header)
        sheet.write_formula(first, column, f"=SUM($D${total_excel_row}:{letter}{total_excel_row})",
                            formats.money, rupiah(running))
        sheet.write_formula(first + 1, column, f"=$C${total_excel_row}", formats.money,
                            rupiah(pagu))
    chart = workbook.add_chart({"type": "line"})
    for offset, name in ((0, "Realisasi kumulatif"), (1, "Pagu")):
        chart.add_series({
            "name": name,
            "categories": [SHEET, first - 1, FIRST_MONTH_COLUMN, first - 1, TOTAL_COLUMN - 1],
            "values": [SHEET, first + offset, FIRST_MONTH_COLUMN, first + offset,
                       TOTAL_COLUMN - 1],
            "marker": {"type": "circle"} if offset == 0 else {"type": "none"},
        })
    chart.set_title({"name": "Realisasi kumulatif terhadap pagu"})
    chart.set_y_axis({"num_format": "#,##0"})
    chart.set_size({"width": 900, "height": 360})
    sheet.insert_chart(first + 3, 1, chart)
