"""The performance chapter of the LAKIP: tables III.A.1 to III.A.5, in the seed's column
order and labels, one row per IKU, sasaran cells merged, ready to copy into the report."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from pipeline.pk import Iku
from pipeline.report.formats import Formats
from pipeline.report.lakip_values import (
    MEETS,
    MISSES,
    capaian_of,
    columns_of,
    kemajuan_of,
    no_standard,
    sasaran_groups,
    standard_note,
    title_of,
    with_standard,
)
from pipeline.report.model import Report
from pipeline.report.performance_cells import write_capaian, write_number

HEADER_ROW = 2  # 0-based: the table's title and a blank row above the header
FIRST_ROW = HEADER_ROW + 1


def start_table(sheet: Worksheet, number: str, report: Report, formats: Formats) -> None:
    """Title, header row, column widths and print setup shared by every table."""
    columns = columns_of(number, report)
    sheet.merge_range(0, 0, 0, len(columns) - 1, title_of(number, report.year), formats.title)
    for index, (label, width) in enumerate(columns):
        sheet.write_string(HEADER_ROW, index, label, formats.header)
        sheet.set_column(index, index, width)
    sheet.set_row(HEADER_ROW, 30)
    sheet.freeze_panes(FIRST_ROW, 0)
    sheet.repeat_rows(HEADER_ROW)


def write_merged(sheet: Worksheet, first: int, last: int, column: int, text: str,
                 cell_format: Format) -> None:
    if first == last:
        sheet.write_string(first, column, text, cell_format)
    else:
        sheet.merge_range(first, column, last, column, text, cell_format)


def write_sasaran(sheet: Worksheet, ikus: Sequence[Iku], formats: Formats,
                  row_of: Callable[[int], tuple[int, int]], columns: tuple[int, int] = (0, 1)
                  ) -> None:
    """No and Sasaran Strategis, merged over each sasaran's rows."""
    for first, last in sasaran_groups(ikus):
        top, bottom = row_of(first)[0], row_of(last)[1]
        write_merged(sheet, top, bottom, columns[0], ikus[first].number, formats.text)
        write_merged(sheet, top, bottom, columns[1], ikus[first].sasaran, formats.text)


def _one_row(index: int) -> tuple[int, int]:
    return FIRST_ROW + index, FIRST_ROW + index


def _write_achievement(sheet: Worksheet, row: int, iku: Iku, formats: Formats) -> None:
    """Indikator Kinerja, Target, Realisasi and Capaian % in columns C to F."""
    sheet.write_string(row, 2, iku.indikator, formats.text)
    write_number(sheet, row, 3, iku.target, formats.number)
    write_number(sheet, row, 4, iku.realisasi, formats.number)
    write_capaian(sheet, row, 5, f"D{row + 1}", f"E{row + 1}", iku.negative, capaian_of(iku),
                  formats.percent)


def write_iii_a_1(sheet: Worksheet, report: Report, formats: Formats) -> dict[int, str]:
    """Target vs realisasi; returns the capaian cell of each IKU (for other sheets)."""
    start_table(sheet, "III.A.1", report, formats)
    ikus = report.pk.ikus
    write_sasaran(sheet, ikus, formats, _one_row)
    cells: dict[int, str] = {}
    for index, iku in enumerate(ikus):
        row = FIRST_ROW + index
        _write_achievement(sheet, row, iku, formats)
        sheet.write_string(row, 6, iku.sumber_data, formats.text)
        cells[index] = f"'III.A.1'!F{row + 1}"
    return cells


def write_iii_a_2(sheet: Worksheet, report: Report, formats: Formats) -> None:
    start_table(sheet, "III.A.2", report, formats)
    ikus = report.pk.ikus
    write_sasaran(sheet, ikus, formats, _one_row)
    for index, iku in enumerate(ikus):
        row = FIRST_ROW + index
        sheet.write_string(row, 2, iku.indikator, formats.text)
        write_number(sheet, row, 3, iku.realisasi_lalu, formats.number)
        write_number(sheet, row, 4, iku.target, formats.number)
        write_number(sheet, row, 5, iku.realisasi, formats.number)
        write_capaian(sheet, row, 6, f"E{row + 1}", f"F{row + 1}", iku.negative,
                      capaian_of(iku), formats.percent)


def write_iii_a_3(sheet: Worksheet, report: Report, formats: Formats) -> None:
    ikus = report.pk.ikus
    start_table(sheet, "III.A.3", report, formats)
    write_sasaran(sheet, ikus, formats, _one_row)
    for index, iku in enumerate(ikus):
        row = FIRST_ROW + index
        sheet.write_string(row, 2, iku.indikator, formats.text)
        write_number(sheet, row, 3, iku.realisasi, formats.number)
        write_number(sheet, row, 4, iku.target_akhir, formats.number)
        write_capaian(sheet, row, 5, f"E{row + 1}", f"D{row + 1}", iku.negative,
                      kemajuan_of(iku), formats.percent)


def write_iii_a_4(sheet: Worksheet, report: Report, formats: Formats) -> None:
    start_table(sheet, "III.A.4", report, formats)
    ikus = with_standard(report.pk.ikus)
    if not ikus:
        sheet.merge_range(FIRST_ROW, 0, FIRST_ROW, 4, no_standard(report.year), formats.text)
        return
    for index, iku in enumerate(ikus):
        row = FIRST_ROW + index
        sheet.write_string(row, 0, str(index + 1), formats.text)
        sheet.write_string(row, 1, iku.indikator, formats.text)
        write_number(sheet, row, 2, iku.realisasi, formats.number)
        write_number(sheet, row, 3, iku.standar, formats.number)
        compare = "<=" if iku.negative else ">="
        sheet.write_formula(row, 4, f'=IF(C{row + 1}{compare}D{row + 1},"{MEETS}","{MISSES}")',
                            formats.text, standard_note(iku))


def write_iii_a_5(sheet: Worksheet, report: Report, formats: Formats) -> None:
    start_table(sheet, "III.A.5", report, formats)
    ikus = report.pk.ikus
    write_sasaran(sheet, ikus, formats, _one_row)
    for index, iku in enumerate(ikus):
        row = FIRST_ROW + index
        _write_achievement(sheet, row, iku, formats)
        sheet.write_string(row, 6, iku.analisis, formats.text)
        sheet.write_string(row, 7, iku.solusi, formats.text)
