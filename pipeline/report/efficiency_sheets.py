"""Tables III.A.6 (efficiency: capaian against the budget spent on the IKU's programs) and
III.A.7 (the programs behind each IKU), in the seed's columns and labels, the columns the
pipeline adds after them. Budget figures refer by formula to the program rows of the
`Realisasi Bulanan` sheet, so the tables and the budget never disagree."""

from __future__ import annotations

from decimal import Decimal

from xlsxwriter.worksheet import Worksheet

from pipeline.money import rupiah
from pipeline.pk import Iku
from pipeline.report.formats import Formats
from pipeline.report.lakip_sheets import write_sasaran
from pipeline.report.lakip_values import (
    EFFICIENCY_NOTE,
    EFFICIENT,
    INEFFICIENT,
    capaian_of,
    efficiency,
    program_rows,
)
from pipeline.report.model import Report
from pipeline.report.monthly_sheet import SHEET as MONTHLY
from pipeline.report.monthly_sheet import TOTAL_COLUMN, row_numbers
from pipeline.report.performance_cells import figure_format, write_capaian, write_number
from pipeline.report.table_layout import TableSheet

MONTHLY_TOTAL = chr(ord("A") + TOTAL_COLUMN)  # the Total column of `Realisasi Bulanan`


def _sum_of(column: str, codes: tuple[str, ...], rows: dict[str, int]) -> str:
    cells = [f"'{MONTHLY}'!{column}{rows[code]}" for code in codes if code in rows]
    return f"=SUM({','.join(cells)})" if cells else "=0"


def write_iii_a_6(sheet: Worksheet, report: Report, formats: Formats) -> None:
    table = TableSheet(sheet, "III.A.6", report, formats)
    rows = row_numbers(report)
    ikus = report.pk.ikus
    target = figure_format([iku.target for iku in ikus], formats)
    realisasi = figure_format([iku.realisasi for iku in ikus], formats)
    for index, iku in enumerate(ikus):
        row = table.first + index
        excel = row + 1
        table.text(row, 0, iku.indikator)
        table.text(row, 1, iku.satuan)
        write_number(sheet, row, 2, iku.target, target)
        write_number(sheet, row, 3, iku.realisasi, realisasi)
        budget = efficiency(report, iku)
        write_capaian(sheet, row, 4, f"C{excel}", f"D{excel}", iku.negative, budget.capaian,
                      formats.percent)
        sheet.write_formula(row, 5, _sum_of("C", iku.programs, rows), formats.money,
                            rupiah(budget.pagu))
        sheet.write_formula(row, 6, _sum_of(MONTHLY_TOTAL, iku.programs, rows), formats.money,
                            rupiah(budget.spent))
        sheet.write_formula(row, 7, f"=IF(F{excel}=0,0,ROUND(G{excel}/F{excel}*100,2))",
                            formats.percent, float(budget.used))
        if budget.points is None:
            continue
        sheet.write_formula(row, 8, f"=ROUND(E{excel}-H{excel},2)", formats.percent,
                            float(budget.points))
        table.text_formula(row, 9, f'=IF(I{excel}>=0,"{EFFICIENT}","{INEFFICIENT}")',
                           budget.verdict)
    table.across(table.first + len(ikus) + 1, EFFICIENCY_NOTE, formats.wrap)
    table.finish()


def write_iii_a_7(sheet: Worksheet, report: Report, formats: Formats,
                  capaian_cells: dict[int, str]) -> None:
    """The seed's nine columns, then the program's target and realisasi (added: the
    inputs of its capaian), one row per program of each IKU."""
    table = TableSheet(sheet, "III.A.7", report, formats)
    ikus = report.pk.ikus
    spans = _spans(ikus, table.first)
    write_sasaran(table, ikus, lambda index: spans[index])
    programs = {index: program_rows(report, iku) for index, iku in enumerate(ikus)}
    listed = [program for rows in programs.values() for program in rows]
    target = figure_format([program.target for program in listed], formats)
    realisasi = figure_format([program.realisasi for program in listed], formats)
    for index, iku in enumerate(ikus):
        top, bottom = spans[index]
        table.merged(top, bottom, 2, iku.indikator)
        _write_iku_capaian(sheet, (top, bottom), capaian_of(iku), capaian_cells[index],
                           formats)
        for offset, program in enumerate(programs[index]):
            row = top + offset
            table.text(row, 4, program.name)
            table.text(row, 5, program.indikator)
            write_capaian(sheet, row, 6, f"J{row + 1}", f"K{row + 1}", False, program.capaian,
                          formats.percent)
            table.text(row, 7, program.menunjang)
            table.text(row, 8, program.analisis)
            write_number(sheet, row, 9, program.target, target)
            write_number(sheet, row, 10, program.realisasi, realisasi)
    table.finish()


def _write_iku_capaian(sheet: Worksheet, rows: tuple[int, int], achieved: Decimal | None,
                       source: str, formats: Formats) -> None:
    """The IKU's capaian, by formula from III.A.1, over its program rows."""
    top, bottom = rows
    if bottom > top:
        sheet.merge_range(top, 3, bottom, 3, "", formats.percent)
    if achieved is None:
        sheet.write_string(top, 3, "", formats.percent)
    else:
        sheet.write_formula(top, 3, f"={source}", formats.percent, float(achieved))


def _spans(ikus: tuple[Iku, ...], first: int) -> dict[int, tuple[int, int]]:
    """First and last sheet row of each IKU: one row per program (at least one)."""
    spans: dict[int, tuple[int, int]] = {}
    row = first
    for index, iku in enumerate(ikus):
        height = max(len(iku.programs), 1)
        spans[index] = (row, row + height - 1)
        row += height
    return spans
