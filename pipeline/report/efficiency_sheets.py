"""Tables III.A.6 (efficiency: capaian against the budget spent on the IKU's programs) and
III.A.7 (the programs behind each IKU). Budget figures refer by formula to the program
rows of the `Realisasi Bulanan` sheet, so the tables and the budget never disagree."""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from pipeline.money import rupiah
from pipeline.pk import Iku
from pipeline.report.formats import Formats
from pipeline.report.lakip_sheets import FIRST_ROW, start_table, write_merged, write_sasaran
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
from pipeline.report.performance_cells import write_capaian, write_number

MONTHLY_TOTAL = chr(ord("A") + TOTAL_COLUMN)  # the Total column of `Realisasi Bulanan`


def _sum_of(column: str, codes: tuple[str, ...], rows: dict[str, int]) -> str:
    cells = [f"'{MONTHLY}'!{column}{rows[code]}" for code in codes if code in rows]
    return f"=SUM({','.join(cells)})" if cells else "=0"


def write_iii_a_6(sheet: Worksheet, report: Report, formats: Formats) -> None:
    start_table(sheet, "III.A.6", report, formats)
    rows = row_numbers(report)
    for index, iku in enumerate(report.pk.ikus):
        row = FIRST_ROW + index
        excel = row + 1
        sheet.write_string(row, 0, iku.indikator, formats.text)
        sheet.write_string(row, 1, iku.satuan, formats.text)
        write_number(sheet, row, 2, iku.target, formats.number)
        write_number(sheet, row, 3, iku.realisasi, formats.number)
        figures = efficiency(report, iku)
        write_capaian(sheet, row, 4, f"C{excel}", f"D{excel}", iku.negative, figures.capaian,
                      formats.percent)
        sheet.write_formula(row, 5, _sum_of("C", iku.programs, rows), formats.money,
                            rupiah(figures.pagu))
        sheet.write_formula(row, 6, _sum_of(MONTHLY_TOTAL, iku.programs, rows), formats.money,
                            rupiah(figures.spent))
        sheet.write_formula(row, 7, f"=IF(F{excel}=0,0,ROUND(G{excel}/F{excel}*100,2))",
                            formats.percent, float(figures.used))
        if figures.points is None:
            continue
        sheet.write_formula(row, 8, f"=ROUND(E{excel}-H{excel},2)", formats.percent,
                            float(figures.points))
        sheet.write_formula(row, 9, f'=IF(I{excel}>=0,"{EFFICIENT}","{INEFFICIENT}")',
                            formats.text, figures.verdict)
    note_row = FIRST_ROW + len(report.pk.ikus) + 1
    sheet.write_string(note_row, 0, EFFICIENCY_NOTE)


def write_iii_a_7(sheet: Worksheet, report: Report, formats: Formats,
                  capaian_cells: dict[int, str]) -> None:
    start_table(sheet, "III.A.7", report, formats)
    ikus = report.pk.ikus
    spans = _spans(ikus)
    write_sasaran(sheet, ikus, formats, lambda index: spans[index])
    for index, iku in enumerate(ikus):
        top, bottom = spans[index]
        write_merged(sheet, top, bottom, 2, iku.indikator, formats.text)
        achieved = capaian_of(iku)
        if achieved is None:
            write_merged(sheet, top, bottom, 3, "", formats.percent)
        elif top == bottom:
            sheet.write_formula(top, 3, f"={capaian_cells[index]}", formats.percent,
                                float(achieved))
        else:
            sheet.merge_range(top, 3, bottom, 3, "", formats.percent)
            sheet.write_formula(top, 3, f"={capaian_cells[index]}", formats.percent,
                                float(achieved))
        for offset, program in enumerate(program_rows(report, iku)):
            row = top + offset
            sheet.write_string(row, 4, program.name, formats.text)
            sheet.write_string(row, 5, program.indikator, formats.text)
            write_number(sheet, row, 9, program.target, formats.number)
            write_number(sheet, row, 10, program.realisasi, formats.number)
            write_capaian(sheet, row, 6, f"J{row + 1}", f"K{row + 1}", False, program.capaian,
                          formats.percent)
            sheet.write_string(row, 7, program.menunjang, formats.text)
            sheet.write_string(row, 8, program.analisis, formats.text)


def _spans(ikus: tuple[Iku, ...]) -> dict[int, tuple[int, int]]:
    """First and last sheet row of each IKU: one row per program (at least one)."""
    spans: dict[int, tuple[int, int]] = {}
    row = FIRST_ROW
    for index, iku in enumerate(ikus):
        height = max(len(iku.programs), 1)
        spans[index] = (row, row + height - 1)
        row += height
    return spans
