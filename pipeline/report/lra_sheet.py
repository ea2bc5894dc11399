"""The `LRA` sheet: accounts at six levels, parents and totals as live formulas with
their computed values cached, percentages rounded half up to two decimals. The columns fit
A4 landscape at full size; every wrapped name gets the row height it needs (fit.py)."""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from pipeline.lra import LraRow
from pipeline.money import percent, rupiah
from pipeline.months import MONTH_NAMES
from pipeline.report.fit import Cell, row_height
from pipeline.report.formats import Formats
from pipeline.report.model import Report

HEADER_ROW = 4  # 0-based: three title rows and a blank row above the header
FIRST_DATA_ROW = HEADER_ROW + 2
SUM_ARGUMENTS = 200
MONEY_COLUMNS = {"anggaran": "C", "realisasi": "D", "realisasi_lalu": "F"}
COLUMN_WIDTHS = (17, 57, 17, 17, 12, 17)  # fits A4 landscape at 100 % (fit.page_points)
NUMBER_ROW = ("1", "2", "3", "4", "5 = (4/3) × 100", "6")  # the seed's column numbers


def header_labels(year: int, last_month: int | None = None) -> list[str]:
    """The header; when realisasi stops before December (`last_month`, 1–11), the realisasi
    column says up to when: `Realisasi s.d. Maret 2024`."""
    return ["Kode Rekening", "Uraian", "Anggaran", realisasi_label(year, last_month),
            f"% {year}", f"Realisasi {year - 1}"]


def realisasi_label(year: int, last_month: int | None = None) -> str:
    if last_month is None or last_month >= len(MONTH_NAMES):
        return f"Realisasi {year}"
    return f"Realisasi s.d. {MONTH_NAMES[last_month - 1]} {year}"


def write_lra(sheet: Worksheet, report: Report, formats: Formats) -> dict[str, int]:
    """Write the LRA; returns the 1-based Excel row of each account and total code."""
    _write_heading(sheet, report, formats)
    rows = _row_numbers(report.lra)
    for index, line in enumerate(report.lra):
        excel_row = FIRST_DATA_ROW + index + 1
        _write_line(sheet, excel_row, line, rows, formats)
    sheet.freeze_panes(FIRST_DATA_ROW, 2)
    sheet.repeat_rows(HEADER_ROW, HEADER_ROW + 1)
    return {code: row for (kind, code), row in rows.items() if kind == "account"}


def _write_heading(sheet: Worksheet, report: Report, formats: Formats) -> None:
    for column, width in enumerate(COLUMN_WIDTHS):
        sheet.set_column(column, column, width)
    sheet.merge_range(0, 0, 0, 5, "LAPORAN REALISASI ANGGARAN", formats.title)
    sheet.merge_range(1, 0, 1, 5, f"{report.opd} {report.pemda}".strip(), formats.subtitle)
    sheet.merge_range(2, 0, 2, 5, f"Tahun Anggaran {report.year}", formats.subtitle)
    labels = header_labels(report.year, report.last_month)
    for column, label in enumerate(labels):
        sheet.write_string(HEADER_ROW, column, label, formats.header)
    _set_height(sheet, HEADER_ROW, [Cell(label, width, bold=True)
                                    for label, width in zip(labels, COLUMN_WIDTHS, strict=True)])
    for column, label in enumerate(NUMBER_ROW):
        sheet.write_string(HEADER_ROW + 1, column, label, formats.header_number)


def _row_numbers(lines: list[LraRow]) -> dict[tuple[str, str], int]:
    """(kind, code) → Excel row, for the formulas that refer to other rows."""
    rows: dict[tuple[str, str], int] = {}
    for index, line in enumerate(lines):
        key = ("account", line.code) if line.kind == "account" else (line.kind, line.uraian)
        rows[key] = FIRST_DATA_ROW + index + 1
    return rows


def _write_line(sheet: Worksheet, excel_row: int, line: LraRow,
                rows: dict[tuple[str, str], int], formats: Formats) -> None:
    row = excel_row - 1
    is_parent = line.kind == "account" and bool(line.children)
    if line.kind == "account":
        code_format = formats.code_bold if is_parent else formats.code
        indent = min(line.depth - 1, 5)
        name_format = (formats.indents_bold if is_parent else formats.indents)[indent]
        money_format, percent_format = (formats.money_bold, formats.percent_bold) if is_parent \
            else (formats.money, formats.percent)
        sheet.write_string(row, 0, line.code, code_format)
        sheet.write_string(row, 1, line.uraian, name_format)
        _set_height(sheet, row, [Cell(line.uraian, COLUMN_WIDTHS[1], bold=is_parent,
                                      indent=indent)])
    else:
        money_format, percent_format = formats.total_money, formats.total_percent
        sheet.write_string(row, 0, "", formats.total_label)
        sheet.write_string(row, 1, line.uraian, formats.total_label)
    for name, letter in MONEY_COLUMNS.items():
        value = getattr(line, name)
        formula = _formula(line, letter, rows)
        if formula is None:
            sheet.write_number(row, _column(letter), rupiah(value), money_format)
        else:
            sheet.write_formula(row, _column(letter), formula, money_format, rupiah(value))
    ratio = float(percent(line.realisasi, line.anggaran))
    sheet.write_formula(row, 4, f"=IF(C{excel_row}=0,0,ROUND(D{excel_row}/C{excel_row}*100,2))",
                        percent_format, ratio)


def _set_height(sheet: Worksheet, row: int, cells: list[Cell]) -> None:
    height = row_height(cells)
    if height is not None:
        sheet.set_row(row, height)


def _formula(line: LraRow, letter: str, rows: dict[tuple[str, str], int]) -> str | None:
    """SUM of the children for a parent; the account's row for a JUMLAH; plus − minus for
    SURPLUS/DEFISIT; None for a leaf, whose amount is a value."""
    if line.kind == "account":
        if not line.children:
            return None
        cells = [f"{letter}{rows[('account', child)]}" for child in line.children]
        return "=" + _sum(cells)
    if line.kind == "total":
        return f"={letter}{rows[('account', line.refers[0])]}"
    plus, minus = (rows.get(("account", code)) for code in line.refers)
    plus_cell = f"{letter}{plus}" if plus else "0"
    minus_cell = f"{letter}{minus}" if minus else "0"
    return f"={plus_cell}-{minus_cell}"


def _sum(cells: list[str]) -> str:
    """SUM of the cells, nested when there are more than a function's 255 arguments."""
    if len(cells) <= SUM_ARGUMENTS:
        return f"SUM({','.join(cells)})"
    chunks = [cells[start:start + SUM_ARGUMENTS] for start in range(0, len(cells), SUM_ARGUMENTS)]
    return _sum([_sum(chunk) for chunk in chunks])


def _column(letter: str) -> int:
    return ord(letter) - ord("A")
