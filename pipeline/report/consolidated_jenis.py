"""The consolidated workbook's `Ringkasan per Jenis` sheet: kelompok and jenis rows by
OPD columns with their sum, printed over pages across when the OPDs do not fit one page."""

from __future__ import annotations

from collections.abc import Sequence

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from pipeline.consolidate import Consolidated
from pipeline.money import rupiah
from pipeline.report import fit
from pipeline.report.consolidated_layout import (
    HEADER_ROW,
    fit_row,
    header_width,
    set_widths,
    write_across,
    write_header,
)
from pipeline.report.formats import Formats, shown_money

URAIAN_WIDTH = 40
OPD_COLUMN_WIDTH = 14.0  # Ringkasan per Jenis: an OPD's name as its header, wrapped


def jenis_widths(consolidated: Consolidated, with_sen: bool) -> list[float]:
    """Kode, Uraian, one column per OPD and Jumlah, each as wide as its amounts."""
    codes = [line.code for line in consolidated.jenis]
    widths = [header_width(codes, "Kode"), URAIAN_WIDTH]
    for opd in consolidated.opds:
        amounts = [line.realisasi[opd.key] for line in consolidated.jenis]
        widths.append(max(OPD_COLUMN_WIDTH, header_width([shown_money(amount, with_sen)
                                              for amount in amounts], opd.opd)))
    totals = [shown_money(line.total, with_sen) for line in consolidated.jenis]
    widths.append(max(OPD_COLUMN_WIDTH, header_width(totals, "Jumlah")))
    return widths


def jenis_pages(widths: Sequence[float], paper: fit.Paper = fit.A4) -> list[int]:
    """The columns before which a new page across starts: none when the sheet prints one
    page wide at a legible scale; otherwise, at 100 %, as many OPD columns per page as fit
    beside Kode and Uraian (repeated on every page)."""
    if fit.legible(fit.print_scale(fit.page_points(widths), paper)):
        return []
    room = fit.printable_width(paper) - fit.page_points(widths[:2])
    breaks, used = [], 0.0
    for column in range(2, len(widths)):
        needed = fit.page_points([widths[column]])
        if used and used + needed > room:
            breaks.append(column)
            used = 0.0
        used += needed
    return breaks


def write_jenis(sheet: Worksheet, consolidated: Consolidated, formats: Formats,
                with_sen: bool = False) -> None:
    """Kelompok and jenis rows × OPD columns, with their sum, as the Perda
    pertanggungjawaban's ringkasan shows them."""
    keys = [opd.key for opd in consolidated.opds]
    widths = jenis_widths(consolidated, with_sen)
    set_widths(sheet, widths)
    breaks = jenis_pages(widths)
    title_last = 1 if breaks else len(widths) - 1  # over the repeated columns when split
    write_across(sheet, 0, title_last, f"RINGKASAN REALISASI PER JENIS — {consolidated.pemda} "
                 f"{consolidated.year}", sum(widths[:title_last + 1]), formats.title, 12, True)
    header = ["Kode", "Uraian", *[opd.opd for opd in consolidated.opds], "Jumlah"]
    write_header(sheet, HEADER_ROW, header, widths, formats)
    last_opd = xl_col_to_name(1 + len(keys))
    for index, line in enumerate(consolidated.jenis):
        row = HEADER_ROW + 1 + index
        bold = line.depth == 2
        sheet.write_string(row, 0, line.code, formats.code_bold if bold else formats.code)
        sheet.write_string(row, 1, line.uraian, formats.text_bold if bold else formats.text)
        for offset, key in enumerate(keys):
            sheet.write_number(row, 2 + offset, rupiah(line.realisasi[key]),
                               formats.money_bold if bold else formats.money)
        sheet.write_formula(row, 2 + len(keys), f"=SUM(C{row + 1}:{last_opd}{row + 1})",
                            formats.money_bold, rupiah(line.total))
        fit_row(sheet, row, [fit.Cell(line.uraian, widths[1], bold=bold)])
    sheet.freeze_panes(HEADER_ROW + 1, 2)
    sheet.repeat_rows(HEADER_ROW)
    if breaks:
        sheet.set_print_scale(100)  # replaces the fit to one page wide
        sheet.repeat_columns(0, 1)
        sheet.set_v_pagebreaks(breaks)
        sheet.print_across()
