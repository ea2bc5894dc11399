"""The consolidated workbook's `Per Perangkat Daerah` sheet: one row per OPD (pagu,
realisasi, %, findings, status, report) and their JUMLAH."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from pipeline.consolidate import Consolidated, OpdSummary
from pipeline.money import percent, rupiah
from pipeline.report import fit
from pipeline.report.consolidated_layout import (
    HEADER_ROW,
    fit_row,
    header_width,
    paper_for,
    path_cell,
    percent_formula,
    set_widths,
    write_across,
    write_header,
)
from pipeline.report.formats import Formats, shown_money

PER_OPD = "Per Perangkat Daerah"
OPD_HEADER = ["No", "Perangkat Daerah", "Folder", "Pagu Murni", "Pagu Perubahan", "Realisasi",
              "% Realisasi", "Kesalahan", "Peringatan", "Status", "Laporan"]
NAME_WIDTH = 28  # an OPD's name, wrapped
FOLDER_WIDTH = 16
REPORT_WIDTH = 24  # the OPD report's path, wrapped


class OpdRows(NamedTuple):
    """Where `Per Perangkat Daerah` put each OPD (folder → 1-based Excel row) and JUMLAH."""

    rows: dict[str, int]
    total: int


def per_opd_widths(opds: Sequence[OpdSummary], with_sen: bool) -> list[float]:
    amounts = [amount for opd in opds for amount in (opd.pagu_murni, opd.pagu, opd.realisasi)]
    amounts += [sum(opd.pagu for opd in opds), sum(opd.realisasi for opd in opds),
                sum(opd.pagu_murni for opd in opds)]
    money = header_width([shown_money(amount, with_sen) for amount in amounts], OPD_HEADER[4])
    percents = [f"{percent(opd.realisasi, opd.pagu):.2f}" for opd in opds]
    return [header_width([str(len(opds))], "No"), NAME_WIDTH, FOLDER_WIDTH, money, money, money,
            header_width([*percents, "100.00"], OPD_HEADER[6]),
            header_width([], OPD_HEADER[7]), header_width([], OPD_HEADER[8]),
            header_width(["DRAFT"], OPD_HEADER[9]), REPORT_WIDTH]


def write_per_opd(sheet: Worksheet, consolidated: Consolidated, formats: Formats,
                  with_sen: bool = False) -> OpdRows:
    """One row per OPD, in folder order, and JUMLAH."""
    opds = consolidated.opds
    widths = per_opd_widths(opds, with_sen)
    set_widths(sheet, widths)
    sheet.set_paper(paper_for(widths).code)
    last = len(widths) - 1
    write_across(sheet, 0, last, f"PER PERANGKAT DAERAH — {consolidated.pemda} {consolidated.year}",
                 sum(widths), formats.title, 12, True)
    write_header(sheet, HEADER_ROW, OPD_HEADER, widths, formats)
    rows = {}
    for index, opd in enumerate(opds):
        row = HEADER_ROW + 1 + index
        rows[opd.key] = row + 1
        _write_opd(sheet, row, index + 1, opd, widths, formats)
    total = HEADER_ROW + 1 + len(opds)
    sheet.write_string(total, 1, "JUMLAH", formats.total_label)
    for column, values in ((3, [opd.pagu_murni for opd in opds]), (4, [opd.pagu for opd in opds]),
                           (5, [opd.realisasi for opd in opds])):
        letter = xl_col_to_name(column)
        sheet.write_formula(total, column, f"=SUM({letter}{HEADER_ROW + 2}:{letter}{total})",
                            formats.total_money, rupiah(sum(values)))
    pagu, realisasi = sum(opd.pagu for opd in opds), sum(opd.realisasi for opd in opds)
    sheet.write_formula(total, 6, percent_formula(total, "E", "F"), formats.total_percent,
                        float(percent(realisasi, pagu)))
    sheet.autofilter(HEADER_ROW, 0, max(total - 1, HEADER_ROW + 1), last)
    sheet.freeze_panes(HEADER_ROW + 1, 2)
    sheet.repeat_rows(HEADER_ROW)
    return OpdRows(rows, total + 1)


def _write_opd(sheet: Worksheet, row: int, number: int, opd: OpdSummary,
               widths: Sequence[float], formats: Formats) -> None:
    sheet.write_number(row, 0, number, formats.number)
    sheet.write_string(row, 1, opd.opd, formats.text)
    sheet.write_string(row, 2, opd.key, formats.text)
    for column, amount in ((3, opd.pagu_murni), (4, opd.pagu), (5, opd.realisasi)):
        sheet.write_number(row, column, rupiah(amount), formats.money)
    sheet.write_formula(row, 6, percent_formula(row, "E", "F"), formats.percent,
                        float(percent(opd.realisasi, opd.pagu)))
    sheet.write_number(row, 7, opd.errors, formats.number)
    sheet.write_number(row, 8, opd.warnings, formats.number)
    sheet.write_string(row, 9, "DRAFT" if opd.draft else "final",
                       formats.text_bold if opd.draft else formats.text)
    sheet.write_string(row, 10, opd.report, formats.text)
    fit_row(sheet, row, [fit.Cell(opd.opd, widths[1]), path_cell(opd.key, widths[2]),
                         path_cell(opd.report, widths[10])])
