"""Tables III.A.6 (efficiency: capaian against the budget spent on the IKU's programs) and
III.A.7 (the programs behind each IKU). Budget figures refer by formula to the program
rows of the `Realisasi Bulanan` sheet, so the tables and the budget never disagree."""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from pipeline.money import percent, rupiah
from pipeline.performance import capaian
from pipeline.pk import Iku
from pipeline.report.formats import Formats
from pipeline.report.lakip_sheets import FIRST_ROW, start_table, write_merged, write_sasaran
from pipeline.report.model import Report
from pipeline.report.monthly_sheet import SHEET as MONTHLY
from pipeline.report.monthly_sheet import TOTAL_COLUMN, row_numbers
from pipeline.report.performance_cells import write_capaian, write_number

MONTHLY_TOTAL = chr(ord("A") + TOTAL_COLUMN)  # the Total column of `Realisasi Bulanan`


def program_budget(report: Report, programs: tuple[str, ...]) -> tuple[int, int]:
    """Pagu (after perubahan) and realisasi summed over the programs, in sen."""
    lines = {line.code: line for line in report.monthly}
    found = [lines[code] for code in programs if code in lines]
    return sum(line.pagu for line in found), sum(line.realisasi for line in found)


def _sum_of(column: str, codes: tuple[str, ...], rows: dict[str, int]) -> str:
    cells = [f"'{MONTHLY}'!{column}{rows[code]}" for code in codes if code in rows]
    return f"=SUM({','.join(cells)})" if cells else "=0"


def write_iii_a_6(sheet: Worksheet, report: Report, formats: Formats) -> None:
    start_table(sheet, "III.A.6", report.year, [
        "Indikator Kinerja Utama", "Satuan", "Target", "Realisasi", "Capaian %", "Pagu DPA",
        "Realisasi Anggaran", "% Realisasi Anggaran", "Efisiensi (poin)", "Keterangan"],
        [40, 8, 9, 10, 10, 16, 16, 12, 11, 14], formats)
    rows = row_numbers(report)
    for index, iku in enumerate(report.pk.ikus):
        row = FIRST_ROW + index
        excel = row + 1
        sheet.write_string(row, 0, iku.indikator, formats.text)
        sheet.write_string(row, 1, iku.satuan, formats.text)
        write_number(sheet, row, 2, iku.target, formats.number)
        write_number(sheet, row, 3, iku.realisasi, formats.number)
        achieved = capaian(iku.target, iku.realisasi, iku.negative)
        write_capaian(sheet, row, 4, f"C{excel}", f"D{excel}", iku.negative, achieved,
                      formats.percent)
        pagu, spent = program_budget(report, iku.programs)
        sheet.write_formula(row, 5, _sum_of("C", iku.programs, rows), formats.money, rupiah(pagu))
        sheet.write_formula(row, 6, _sum_of(MONTHLY_TOTAL, iku.programs, rows), formats.money,
                            rupiah(spent))
        used = percent(spent, pagu)
        sheet.write_formula(row, 7, f"=IF(F{excel}=0,0,ROUND(G{excel}/F{excel}*100,2))",
                            formats.percent, float(used))
        if achieved is None:
            continue
        sheet.write_formula(row, 8, f"=ROUND(E{excel}-H{excel},2)", formats.percent,
                            float(achieved - used))
        sheet.write_formula(row, 9, f'=IF(I{excel}>=0,"Efisien","Tidak Efisien")',
                            formats.text, "Efisien" if achieved >= used else "Tidak Efisien")
    note_row = FIRST_ROW + len(report.pk.ikus) + 1
    sheet.write_string(note_row, 0, "Efisiensi = Capaian % − % Realisasi Anggaran; efisien bila "
                       "tidak negatif. Pagu DPA setelah perubahan.")


def write_iii_a_7(sheet: Worksheet, report: Report, formats: Formats,
                  capaian_cells: dict[int, str]) -> None:
    start_table(sheet, "III.A.7", report.year, [
        "No", "Sasaran Strategis", "Indikator Kinerja", "Capaian %", "Program",
        "Indikator Program", "Capaian Program %", "Menunjang/Tidak Menunjang", "Analisis",
        "Target Program", "Realisasi Program"],
        [5, 26, 28, 10, 26, 28, 11, 13, 30, 10, 10], formats)
    ikus = report.pk.ikus
    spans = _spans(ikus)
    write_sasaran(sheet, ikus, formats, lambda index: spans[index])
    indicators = report.pk.programs or {}
    for index, iku in enumerate(ikus):
        top, bottom = spans[index]
        write_merged(sheet, top, bottom, 2, iku.indikator, formats.text)
        achieved = capaian(iku.target, iku.realisasi, iku.negative)
        if achieved is None:
            write_merged(sheet, top, bottom, 3, "", formats.percent)
        elif top == bottom:
            sheet.write_formula(top, 3, f"={capaian_cells[index]}", formats.percent,
                                float(achieved))
        else:
            sheet.merge_range(top, 3, bottom, 3, "", formats.percent)
            sheet.write_formula(top, 3, f"={capaian_cells[index]}", formats.percent,
                                float(achieved))
        for offset, code in enumerate(iku.programs or ("",)):
            row = top + offset
            indicator = indicators.get(code)
            name = report.program_names.get(code, code)
            sheet.write_string(row, 4, name, formats.text)
            sheet.write_string(row, 5, indicator.indikator if indicator else "", formats.text)
            target = indicator.target if indicator else None
            realisasi = indicator.realisasi if indicator else None
            write_number(sheet, row, 9, target, formats.number)
            write_number(sheet, row, 10, realisasi, formats.number)
            write_capaian(sheet, row, 6, f"J{row + 1}", f"K{row + 1}", False,
                          capaian(target, realisasi), formats.percent)
            sheet.write_string(row, 7, indicator.menunjang if indicator else "", formats.text)
            sheet.write_string(row, 8, indicator.analisis if indicator else "", formats.text)


def _spans(ikus: tuple[Iku, ...]) -> dict[int, tuple[int, int]]:
    """First and last sheet row of each IKU: one row per program (at least one)."""
    spans: dict[int, tuple[int, int]] = {}
    row = FIRST_ROW
    for index, iku in enumerate(ikus):
        height = max(len(iku.programs), 1)
        spans[index] = (row, row + height - 1)
        row += height
    return spans
