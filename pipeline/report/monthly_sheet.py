"""The `Realisasi Bulanan` sheet: program → kegiatan → sub kegiatan, pagu, realisasi per
month, total and %, with a chart of cumulative realisation against pagu.

Seventeen columns do not fit one page width at a legible size, so the sheet prints two
pages across, split by semester: Kode, name, Pagu and Januari–Juni, then Kode and name
again (repeated columns) with Juli–Desember, Total and %. The scale is fixed and computed
from the column widths (fit-to-page would ignore the semester break). The chart gets a
page of its own after the table.

A partial year is shown as one: the months after the last month with realisasi are
blank, not 0, and the cumulative line of the chart stops at that month.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from pipeline.money import percent, rupiah
from pipeline.months import MONTH_NAMES
from pipeline.programs import MonthlyRow
from pipeline.report import fit
from pipeline.report.formats import INDONESIAN, Formats, shown_money
from pipeline.report.model import Report

SHEET = "Realisasi Bulanan"
HEADER_ROW = 3
FIRST_MONTH_COLUMN = 3  # D
TOTAL_COLUMN = FIRST_MONTH_COLUMN + 12  # P
PERCENT_COLUMN = TOTAL_COLUMN + 1  # Q
SECOND_SEMESTER_COLUMN = FIRST_MONTH_COLUMN + 6  # J, Juli: the second page across
NAME_WIDTH = 34
INDENTS = {3: 0, 5: 1, 6: 2}  # program, kegiatan, sub kegiatan
TITLE = "REALISASI ANGGARAN PER BULAN"
CUMULATIVE_LABEL = "Realisasi kumulatif"
PAGU_LABEL = "Pagu"
CHART_TITLE = "Realisasi kumulatif terhadap pagu"
PAPERS = (fit.A4, fit.F4, fit.A3)
CHART_FONT = {"name": "Arial", "size": 10}  # the sheet's text: 8 pt or more at its scale
CHART_ROOM = 0.85  # of the page's width, and of its height under the repeated header


def header_labels() -> list[str]:
    return ["Kode", "Program/Kegiatan/Sub Kegiatan", "Pagu", *MONTH_NAMES, "Total", "%"]


def row_numbers(report: Report) -> dict[str, int]:
    """The Excel row of each program, kegiatan and sub kegiatan on this sheet."""
    return {line.code: HEADER_ROW + 2 + index for index, line in enumerate(report.monthly)}


def column_widths(report: Report) -> list[float]:
    """Kode, name, Pagu, twelve months, Total, %: each as wide as its widest value."""
    tops = [line for line in report.monthly if line.depth in (0, 3)]
    amounts = [amount for line in report.monthly for amount in (line.pagu, *line.months)]
    amounts += [sum(line.pagu for line in tops), sum(line.realisasi for line in tops)]
    with_sen = report.money_with_sen  # a scan of every LRA amount: once, not per amount
    money = fit.width_for([shown_money(amount, with_sen) for amount in amounts]
                          + ["September"], bold=True)
    percents = [f"{percent(line.realisasi, line.pagu):.2f}" for line in report.monthly]
    codes = [line.code for line in report.monthly]
    return [fit.width_for([*codes, "Kode"], bold=True), NAME_WIDTH,
            *[money] * 14, fit.width_for([*percents, "100.00"], bold=True)]


def semesters(widths: Sequence[float]) -> tuple[list[float], list[float]]:
    """The columns of each page across: the first semester's, and the second's with Kode
    and name repeated."""
    return (list(widths[:SECOND_SEMESTER_COLUMN]),
            [*widths[:2], *widths[SECOND_SEMESTER_COLUMN:]])


def page_layout(widths: Sequence[float]) -> tuple[fit.Paper, int]:
    """The smallest paper on which both semesters print at a legible scale, and that scale
    in percent (A3 at whatever scale fits when even it is too small)."""
    widest = max(fit.page_points(band) for band in semesters(widths))
    paper = next((paper for paper in PAPERS if fit.legible(fit.print_scale(widest, paper))),
                 PAPERS[-1])
    return paper, math.floor(fit.print_scale(widest, paper) * 100)


def write_monthly(workbook: Workbook, sheet: Worksheet, report: Report, formats: Formats) -> None:
    widths = column_widths(report)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    _write_title(sheet, report, widths, formats)
    for column, label in enumerate(header_labels()):
        sheet.write_string(HEADER_ROW, column, label, formats.header)
    _set_height(sheet, HEADER_ROW, [fit.Cell(label, widths[column], bold=True)
                                    for column, label in enumerate(header_labels())])
    rows = row_numbers(report)
    months = report.last_month or 0  # the months filled: up to the last with realisasi
    for index, line in enumerate(report.monthly):
        _write_line(sheet, HEADER_ROW + 1 + index, line, rows, months, formats)
    total_row = HEADER_ROW + 1 + len(report.monthly)
    _write_total(sheet, total_row, report.monthly, rows, months, formats)
    cumulative_row = total_row + 2
    _write_cumulative(sheet, cumulative_row, total_row + 1, report.monthly, months, formats)
    sheet.freeze_panes(HEADER_ROW + 1, 2)
    chart_row = cumulative_row + 3
    paper, scale = page_layout(widths)
    _set_up_pages(sheet, paper, scale, chart_row)
    _insert_chart(workbook, sheet, chart_row, cumulative_row, widths, paper, scale)


def _write_title(sheet: Worksheet, report: Report, widths: Sequence[float],
                 formats: Formats) -> None:
    """Title and subtitle over Kode and name, the columns every page across repeats: a
    title merged over the first page's columns would print cut on the second."""
    subtitle = f"{report.opd} {report.pemda} Tahun Anggaran {report.year}".strip()
    title_width = widths[0] + widths[1]
    for row, text, cell_format, size, bold in ((0, TITLE, formats.title, 12, True),
                                               (1, subtitle, formats.subtitle, 10, False)):
        sheet.merge_range(row, 0, row, 1, text, cell_format)
        _set_height(sheet, row, [fit.Cell(text, title_width, size, bold)])


def _set_up_pages(sheet: Worksheet, paper: fit.Paper, scale: int, chart_row: int) -> None:
    """Two pages across (semesters), header row and Kode/name on every page, the chart on
    a page of its own; replaces the writer's fit to one page wide."""
    sheet.set_paper(paper.code)
    sheet.set_print_scale(scale)
    sheet.repeat_rows(HEADER_ROW)
    sheet.repeat_columns(0, 1)
    sheet.set_v_pagebreaks([SECOND_SEMESTER_COLUMN])
    sheet.set_h_pagebreaks([chart_row])
    sheet.print_across()  # each block of rows: its first semester, then its second


def _set_height(sheet: Worksheet, row: int, cells: list[fit.Cell]) -> None:
    height = fit.row_height(cells)
    if height is not None:
        sheet.set_row(row, height)


def _write_line(sheet: Worksheet, row: int, line: MonthlyRow, rows: dict[str, int],
                months: int, formats: Formats) -> None:
    parent = bool(line.children)
    sheet.write_string(row, 0, line.code, formats.code_bold if parent else formats.code)
    indent = INDENTS.get(line.depth, 0)
    names = formats.indents_bold if parent else formats.indents
    sheet.write_string(row, 1, line.name, names[indent])
    _set_height(sheet, row, [fit.Cell(line.name, NAME_WIDTH, bold=parent, indent=indent)])
    money = formats.money_bold if parent else formats.money
    for offset, amount in enumerate((line.pagu, *line.months)):
        column = 2 + offset
        if offset > months:
            sheet.write_blank(row, column, None, money)
        elif parent:
            letter = xl_col_to_name(column)
            cells = ",".join(f"{letter}{rows[child]}" for child in line.children)
            sheet.write_formula(row, column, f"=SUM({cells})", money, rupiah(amount))
        else:
            sheet.write_number(row, column, rupiah(amount), money)
    _write_row_total(sheet, row, line.pagu, line.realisasi, money,
                     formats.percent_bold if parent else formats.percent)


def _write_row_total(sheet: Worksheet, row: int, pagu: int, realisasi: int, money: Format,
                     percent_format: Format) -> None:
    excel_row = row + 1
    first, last = xl_col_to_name(FIRST_MONTH_COLUMN), xl_col_to_name(TOTAL_COLUMN - 1)
    total = xl_col_to_name(TOTAL_COLUMN)
    sheet.write_formula(row, TOTAL_COLUMN, f"=SUM({first}{excel_row}:{last}{excel_row})", money,
                        rupiah(realisasi))
    sheet.write_formula(row, PERCENT_COLUMN,
                        f"=IF(C{excel_row}=0,0,ROUND({total}{excel_row}/C{excel_row}*100,2))",
                        percent_format, float(percent(realisasi, pagu)))


def _write_total(sheet: Worksheet, row: int, lines: list[MonthlyRow], rows: dict[str, int],
                 months: int, formats: Formats) -> None:
    tops = [line for line in lines if line.depth in (0, 3)]
    sheet.write_string(row, 0, "", formats.total_label)
    sheet.write_string(row, 1, "JUMLAH", formats.total_label)
    for offset in range(13):
        column = 2 + offset
        if offset > months:
            sheet.write_blank(row, column, None, formats.total_money)
            continue
        letter = xl_col_to_name(column)
        amount = sum(line.pagu if offset == 0 else line.months[offset - 1] for line in tops)
        cells = ",".join(f"{letter}{rows[line.code]}" for line in tops) or "0"
        sheet.write_formula(row, column, f"=SUM({cells})", formats.total_money, rupiah(amount))
    _write_row_total(sheet, row, sum(line.pagu for line in tops),
                     sum(line.realisasi for line in tops), formats.total_money,
                     formats.total_percent)


def _write_cumulative(sheet: Worksheet, row: int, total_excel_row: int,
                      lines: list[MonthlyRow], months: int, formats: Formats) -> None:
    """Under the table, in the month columns: realisation summed up to each month (blank
    after the last month with realisasi) and the pagu, the two lines of the chart."""
    sheet.write_string(row, 1, CUMULATIVE_LABEL, formats.text_bold)
    sheet.write_string(row + 1, 1, PAGU_LABEL, formats.text_bold)
    tops = [line for line in lines if line.depth in (0, 3)]
    pagu = sum(line.pagu for line in tops)
    running = 0
    for month in range(12):
        column = FIRST_MONTH_COLUMN + month
        letter = xl_col_to_name(column)
        running += sum(line.months[month] for line in tops)
        if month < months:
            sheet.write_formula(row, column,
                                f"=SUM($D${total_excel_row}:{letter}{total_excel_row})",
                                formats.money, rupiah(running))
        else:
            sheet.write_blank(row, column, None, formats.money)
        sheet.write_formula(row + 1, column, f"=$C${total_excel_row}", formats.money,
                            rupiah(pagu))


def _insert_chart(workbook: Workbook, sheet: Worksheet, row: int, cumulative_row: int,
                  widths: Sequence[float], paper: fit.Paper, scale: int) -> None:
    """The line chart on the page after the table (`row` starts it), as wide as the first
    semester's page and as tall as the page leaves under the repeated header. It is placed
    one row below the break: LibreOffice also draws an object that starts right at a
    manual break on the page before it, over that page's last rows."""
    chart = workbook.add_chart({"type": "line"})
    last_month = TOTAL_COLUMN - 1
    for offset, name in ((0, CUMULATIVE_LABEL), (1, PAGU_LABEL)):
        chart.add_series({
            "name": name,
            "categories": [SHEET, HEADER_ROW, FIRST_MONTH_COLUMN, HEADER_ROW, last_month],
            "values": [SHEET, cumulative_row + offset, FIRST_MONTH_COLUMN,
                       cumulative_row + offset, last_month],
            "marker": {"type": "circle"} if offset == 0 else {"type": "none"},
        })
    chart.set_title({"name": CHART_TITLE, "name_font": {**CHART_FONT, "size": 12}})
    chart.set_x_axis({"num_font": CHART_FONT})
    chart.set_y_axis({"num_format": INDONESIAN + "#,##0", "num_font": CHART_FONT})
    chart.set_legend({"position": "bottom", "font": CHART_FONT})
    chart.show_blanks_as("gap")  # the cumulative line stops at the last month
    page_width = sum(fit.column_points(width) for width in widths[:SECOND_SEMESTER_COLUMN])
    page_height = fit.printable_height(paper) * 100 / scale - 3 * fit.DEFAULT_HEIGHT
    chart.set_size({"width": round(page_width * CHART_ROOM / fit.PIXEL),
                    "height": round(page_height * CHART_ROOM / fit.PIXEL)})
    sheet.insert_chart(row + 1, 0, chart)
