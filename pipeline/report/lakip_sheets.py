"""The performance chapter of the LAKIP: tables III.A.1 to III.A.5, in the seed's column
order, labels and two-row headers, one row per IKU, sasaran cells merged, ready to copy
into the report."""

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
    kemajuan_of,
    no_standard,
    sasaran_groups,
    standard_note,
    with_standard,
)
from pipeline.report.model import Report
from pipeline.report.performance_cells import figure_format, write_capaian, write_number
from pipeline.report.table_layout import TableSheet


def write_sasaran(table: TableSheet, ikus: Sequence[Iku],
                  rows_of: Callable[[int], tuple[int, int]]) -> None:
    """No and Sasaran Strategis in columns A and B, merged over each sasaran's rows."""
    for first, last in sasaran_groups(ikus):
        top, bottom = rows_of(first)[0], rows_of(last)[1]
        table.merged(top, bottom, 0, ikus[first].number)
        table.merged(top, bottom, 1, ikus[first].sasaran)


def one_row_each(table: TableSheet) -> Callable[[int], tuple[int, int]]:
    return lambda index: (table.first + index, table.first + index)


def _achievement(sheet: Worksheet, row: int, iku: Iku, figures: tuple[Format, Format],
                 formats: Formats) -> None:
    """Target, Realisasi and Capaian % in columns D to F."""
    write_number(sheet, row, 3, iku.target, figures[0])
    write_number(sheet, row, 4, iku.realisasi, figures[1])
    write_capaian(sheet, row, 5, f"D{row + 1}", f"E{row + 1}", iku.negative, capaian_of(iku),
                  formats.percent)


def _target_formats(ikus: Sequence[Iku], formats: Formats) -> tuple[Format, Format]:
    return (figure_format([iku.target for iku in ikus], formats),
            figure_format([iku.realisasi for iku in ikus], formats))


def write_iii_a_1(sheet: Worksheet, report: Report, formats: Formats) -> dict[int, str]:
    """Target vs realisasi; returns the capaian cell of each IKU (for other sheets)."""
    table = TableSheet(sheet, "III.A.1", report, formats)
    ikus = report.pk.ikus
    write_sasaran(table, ikus, one_row_each(table))
    figures = _target_formats(ikus, formats)
    cells: dict[int, str] = {}
    for index, iku in enumerate(ikus):
        row = table.first + index
        table.text(row, 2, iku.indikator)
        _achievement(sheet, row, iku, figures, formats)
        table.text(row, 6, iku.sumber_data)
        cells[index] = f"'III.A.1'!F{row + 1}"
    table.finish()
    return cells


def write_iii_a_2(sheet: Worksheet, report: Report, formats: Formats) -> None:
    table = TableSheet(sheet, "III.A.2", report, formats)
    ikus = report.pk.ikus
    write_sasaran(table, ikus, one_row_each(table))
    last_year = figure_format([iku.realisasi_lalu for iku in ikus], formats)
    target, realisasi = _target_formats(ikus, formats)
    for index, iku in enumerate(ikus):
        row = table.first + index
        table.text(row, 2, iku.indikator)
        write_number(sheet, row, 3, iku.realisasi_lalu, last_year)
        write_number(sheet, row, 4, iku.target, target)
        write_number(sheet, row, 5, iku.realisasi, realisasi)
        write_capaian(sheet, row, 6, f"E{row + 1}", f"F{row + 1}", iku.negative,
                      capaian_of(iku), formats.percent)
    table.finish()


def write_iii_a_3(sheet: Worksheet, report: Report, formats: Formats) -> None:
    table = TableSheet(sheet, "III.A.3", report, formats)
    ikus = report.pk.ikus
    write_sasaran(table, ikus, one_row_each(table))
    realisasi = figure_format([iku.realisasi for iku in ikus], formats)
    target = figure_format([iku.target_akhir for iku in ikus], formats)
    for index, iku in enumerate(ikus):
        row = table.first + index
        table.text(row, 2, iku.indikator)
        write_number(sheet, row, 3, iku.realisasi, realisasi)
        write_number(sheet, row, 4, iku.target_akhir, target)
        write_capaian(sheet, row, 5, f"E{row + 1}", f"D{row + 1}", iku.negative,
                      kemajuan_of(iku), formats.percent)
    table.finish()


def write_iii_a_4(sheet: Worksheet, report: Report, formats: Formats) -> None:
    table = TableSheet(sheet, "III.A.4", report, formats)
    ikus = with_standard(report.pk.ikus)
    if not ikus:
        table.across(table.first, no_standard(report.year))
        table.finish()
        return
    realisasi = figure_format([iku.realisasi for iku in ikus], formats)
    standar = figure_format([iku.standar for iku in ikus], formats)
    for index, iku in enumerate(ikus):
        row = table.first + index
        table.text(row, 0, str(index + 1))
        table.text(row, 1, iku.indikator)
        write_number(sheet, row, 2, iku.realisasi, realisasi)
        write_number(sheet, row, 3, iku.standar, standar)
        compare = "<=" if iku.negative else ">="
        table.text_formula(row, 4, f'=IF(C{row + 1}{compare}D{row + 1},"{MEETS}","{MISSES}")',
                           standard_note(iku))
    table.finish()


def write_iii_a_5(sheet: Worksheet, report: Report, formats: Formats) -> None:
    table = TableSheet(sheet, "III.A.5", report, formats)
    ikus = report.pk.ikus
    write_sasaran(table, ikus, one_row_each(table))
    figures = _target_formats(ikus, formats)
    for index, iku in enumerate(ikus):
        row = table.first + index
        table.text(row, 2, iku.indikator)
        _achievement(sheet, row, iku, figures, formats)
        table.text(row, 6, iku.analisis)
        table.text(row, 7, iku.solusi)
    table.finish()
