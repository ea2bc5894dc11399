"""The consolidated workbook of a pemda: `Ringkasan`, `LRA`, `Per Perangkat Daerah`,
`Ringkasan per Jenis`, `Rekonsiliasi` and `Validasi`.

`LRA` and `Rekonsiliasi` are laid out by the OPD report's own writers, so they have its
layout, live formulas and cached values; figures elsewhere are formulas too, with their
values cached, and `Validasi` has the OPD report's columns with the OPD in front.

The workbook prints as the OPD report does: Arial as its default font
(`writer.report_options`), A4 landscape one page wide with the sheet's name and page in
the footer (`writer.set_up_page`), every wrapped row as tall as its text
(`fit.row_height`), and columns narrow enough that text prints at 8 pt or more (a table
whose amounts make it too wide for that on A4 takes F4 or A3: `paper_for`).
`Ringkasan per Jenis` has a column per OPD: when they do not fit one page at that size, it
prints at full size over pages across, with Kode and Uraian repeated on each.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from pipeline.consolidate import Consolidated, OpdIssue, OpdSummary
from pipeline.findings import CATALOGUE, sort_key
from pipeline.money import percent, rupiah
from pipeline.report import fit
from pipeline.report.findings_sheets import (
    CODE_TITLE,
    FILES_TITLE,
    NOTHING_FOUND,
    VALIDATION_HEADER,
    VALIDATION_WIDTHS,
    findings_count,
    write_reconciliation,
)
from pipeline.report.formats import INDONESIAN, PERCENT, Formats, make_formats, shown_money
from pipeline.report.lra_sheet import COLUMN_WIDTHS as LRA_WIDTHS
from pipeline.report.lra_sheet import HEADER_ROW as LRA_HEADER_ROW
from pipeline.report.lra_sheet import header_labels, write_lra
from pipeline.report.model import Report
from pipeline.report.writer import report_options, set_up_page

PER_OPD = "Per Perangkat Daerah"
SHEETS = ("Ringkasan", "LRA", PER_OPD, "Ringkasan per Jenis", "Rekonsiliasi", "Validasi")
OPD_HEADER = ["No", "Perangkat Daerah", "Folder", "Pagu Murni", "Pagu Perubahan", "Realisasi",
              "% Realisasi", "Kesalahan", "Peringatan", "Status", "Laporan"]
NAME_WIDTH = 28  # an OPD's name, wrapped
FOLDER_WIDTH = 16
REPORT_WIDTH = 24  # the OPD report's path, wrapped
PAPERS = (fit.A4, fit.F4, fit.A3)  # a table too wide for A4 at 8 pt takes the next
URAIAN_WIDTH = 40
OPD_COLUMN_WIDTH = 14.0  # Ringkasan per Jenis: an OPD's name as its header, wrapped
HEADER_ROW = 2  # 0-based: the title and a blank row above the header

# Ringkasan: A No; B labels and names; C, D figures; E %. Printed at 100 % on A4.
SUMMARY_WIDTHS = (6, 44, 18, 18, 12)
SUMMARY_LAST = len(SUMMARY_WIDTHS) - 1
TITLE, PERIOD, BANNER, DRAFTS, FACTS = 0, 1, 2, 3, 5
CHART_OFFSET = 10  # pixels from the chart row's top left corner
CHART_FRAME, CHART_BAR = 100, 26  # pixels: title and axis; each OPD
CHART_SMALLEST, CHART_TALLEST = 240, 520  # pixels: a row is at most 409 pt tall

VALIDATION_COLUMNS = ["Perangkat Daerah", *VALIDATION_HEADER, CODE_TITLE]
VALIDATION_COLUMN_WIDTHS = [14, *VALIDATION_WIDTHS]
VALIDATION_NOTE = ("Setiap kesalahan dan peringatan semua perangkat daerah, kesalahan lebih "
                   "dulu. Berkas relatif terhadap folder perangkat daerahnya; (pemda): temuan "
                   "konsolidasi sendiri.")
FILES_NOTE = ("Berkas yang dibaca setiap perangkat daerah terdaftar di sheet Validasi "
              "laporannya (kolom Laporan di sheet Per Perangkat Daerah).")
PEMDA_OWN = "(pemda)"


class OpdRows(NamedTuple):
    """Where `Per Perangkat Daerah` put each OPD (folder → 1-based Excel row) and JUMLAH."""

    rows: dict[str, int]
    total: int


def write_consolidated(consolidated: Consolidated, path: Path, created: dt.datetime) -> None:
    as_report = Report({"perangkat_daerah": "Konsolidasi", "pemerintah_daerah":
                        consolidated.pemda}, consolidated.year, consolidated.lra, created,
                       reconciliation=consolidated.reconciliation)
    workbook = xlsxwriter.Workbook(str(path), report_options())
    workbook.set_properties({"title": f"Konsolidasi {consolidated.pemda} {consolidated.year}",
                             "author": "LAKIP Pipeline", "created": created})
    with_sen = as_report.money_with_sen
    formats = make_formats(workbook, with_sen)
    sheets = {name: workbook.add_worksheet(name) for name in SHEETS}
    for sheet in sheets.values():
        set_up_page(sheet)
    lra_rows = write_lra(sheets["LRA"], as_report, formats)
    pemda_lra(sheets["LRA"], consolidated, formats, with_sen)
    opd_rows = write_per_opd(sheets[PER_OPD], consolidated, formats, with_sen)
    write_summary(workbook, sheets["Ringkasan"], consolidated, formats,
                  lra_rows.get("5"), opd_rows, with_sen)
    write_jenis(sheets["Ringkasan per Jenis"], consolidated, formats, with_sen)
    write_reconciliation(sheets["Rekonsiliasi"], as_report, formats)
    write_validation(sheets["Validasi"], consolidated, formats)
    workbook.close()


def last_month(consolidated: Consolidated) -> int | None:
    """The last month of belanja realisasi in any OPD (the consolidation's period)."""
    return max((opd.last_month for opd in consolidated.opds), default=0) or None


def pemda_lra(sheet: Worksheet, consolidated: Consolidated, formats: Formats,
              with_sen: bool = False) -> None:
    """The OPD's LRA as a pemda needs it: the header as an OPD's says it, `Realisasi s.d.
    April 2023` for a partial year (the LRA writer takes the month from an OPD's monthly
    lines, which a pemda has not), and money columns as wide as a pemda's amounts."""
    widths = lra_widths(consolidated, with_sen)
    _set_widths(sheet, widths)
    sheet.set_paper(paper_for(widths).code)
    labels = header_labels(consolidated.year, last_month(consolidated))
    for column, label in enumerate(labels):
        sheet.write_string(LRA_HEADER_ROW, column, label, formats.header)
    _fit_row(sheet, LRA_HEADER_ROW, [fit.Cell(label, width, bold=True)
                                     for label, width in zip(labels, widths, strict=True)])


def lra_widths(consolidated: Consolidated, with_sen: bool) -> list[float]:
    """The OPD's LRA columns, the money columns (C, D, F) widened for a pemda's totals (a
    deficit of trillions with sen does not fit an OPD's 17 units). Uraian keeps its width,
    so the heights the LRA writer stored still hold."""
    amounts = [shown_money(amount, with_sen) for row in consolidated.lra
               for amount in (row.anggaran, row.realisasi, row.realisasi_lalu)]
    money = max(LRA_WIDTHS[2], header_width(amounts, ""))
    return [money if column in (2, 3, 5) else width for column, width in enumerate(LRA_WIDTHS)]


# --- helpers ------------------------------------------------------------------------------


def _fit_row(sheet: Worksheet, row: int, cells: Sequence[fit.Cell],
             minimum: float = fit.DEFAULT_HEIGHT) -> None:
    height = fit.row_height(cells, minimum)
    if height is not None:
        sheet.set_row(row, height)


def _across(sheet: Worksheet, row: int, last_column: int, text: str, width: float,
            cell_format: Format, font_size: float = 10.0, bold: bool = False) -> None:
    """A text merged over columns A to `last_column`, wrapped, its row as tall as it needs."""
    sheet.merge_range(row, 0, row, last_column, text, cell_format)
    _fit_row(sheet, row, [fit.Cell(text, width, font_size, bold)])


def path_cell(path: str, width: float) -> fit.Cell:
    """A file path as LibreOffice wraps it: at spaces, and after a `/` or a `-` before a
    letter (never after `_`). Measured as if a space followed each of those, which errs a
    line too tall; Excel, which breaks a long word anywhere, needs no more lines."""
    return fit.Cell(re.sub(r"(/|-(?=[^\W\d_]))", r"\1 ", path), width)


def header_width(texts: Sequence[str], label: str) -> float:
    """A column showing each of `texts` on one line (bold, as totals are) and each word of
    its header `label` unbroken."""
    return fit.width_for([*texts, *label.split()], bold=True)


def _write_header(sheet: Worksheet, row: int, labels: Sequence[str],
                  widths: Sequence[float], formats: Formats) -> None:
    for column, label in enumerate(labels):
        sheet.write_string(row, column, label, formats.header)
    _fit_row(sheet, row, [fit.Cell(label, width, bold=True)
                          for label, width in zip(labels, widths, strict=True)])


def paper_for(widths: Sequence[float]) -> fit.Paper:
    """The smallest paper on which these columns print one page wide with text at 8 pt or
    more (A3 when none does)."""
    points = fit.page_points(widths)
    return next((paper for paper in PAPERS if fit.legible(fit.print_scale(points, paper))),
                PAPERS[-1])


def _set_widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)


def _percent_formula(row: int, pagu: str, spent: str) -> str:
    excel_row = row + 1
    return f"=IF({pagu}{excel_row}=0,0,ROUND({spent}{excel_row}/{pagu}{excel_row}*100,2))"


# --- Per Perangkat Daerah -----------------------------------------------------------------


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
    _set_widths(sheet, widths)
    sheet.set_paper(paper_for(widths).code)
    last = len(widths) - 1
    _across(sheet, 0, last, f"PER PERANGKAT DAERAH — {consolidated.pemda} {consolidated.year}",
            sum(widths), formats.title, 12, True)
    _write_header(sheet, HEADER_ROW, OPD_HEADER, widths, formats)
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
    sheet.write_formula(total, 6, _percent_formula(total, "E", "F"), formats.total_percent,
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
    sheet.write_formula(row, 6, _percent_formula(row, "E", "F"), formats.percent,
                        float(percent(opd.realisasi, opd.pagu)))
    sheet.write_number(row, 7, opd.errors, formats.number)
    sheet.write_number(row, 8, opd.warnings, formats.number)
    sheet.write_string(row, 9, "DRAFT" if opd.draft else "final",
                       formats.text_bold if opd.draft else formats.text)
    sheet.write_string(row, 10, opd.report, formats.text)
    _fit_row(sheet, row, [fit.Cell(opd.opd, widths[1]), path_cell(opd.key, widths[2]),
                          path_cell(opd.report, widths[10])])


# --- Ringkasan ----------------------------------------------------------------------------


def write_summary(workbook: Workbook, sheet: Worksheet, consolidated: Consolidated,
                  formats: Formats, belanja_row: int | None, opd_rows: OpdRows,
                  with_sen: bool = False) -> None:
    """The cover of the consolidation: title, period, banner, the pemda's figures, the OPDs
    ranked by % realisasi, and their chart on a page of its own. Figures are formulas on
    `LRA` and `Per Perangkat Daerah`."""
    widths = summary_widths(consolidated, with_sen)
    _set_widths(sheet, widths)
    title = f"KONSOLIDASI LRA {consolidated.year} – {consolidated.pemda}"
    _across(sheet, TITLE, SUMMARY_LAST, title, sum(widths), formats.title, 12, True)
    _across(sheet, PERIOD, SUMMARY_LAST, f"Tahun Anggaran {consolidated.year}, "
            f"{consolidated.period}", sum(widths), formats.subtitle)
    _write_banner(sheet, consolidated, formats, sum(widths))
    row = _write_facts(sheet, consolidated, formats, widths, FACTS)
    row = _write_totals(sheet, consolidated, formats, belanja_row, opd_rows, row + 2)
    header = row + 2
    last = _write_ranking(sheet, consolidated, formats, widths, opd_rows, header)
    if last > header:
        chart_row = last + 2
        _insert_chart(workbook, sheet, header, last, chart_row, widths)
        sheet.set_h_pagebreaks([chart_row])


def summary_widths(consolidated: Consolidated, with_sen: bool) -> list[float]:
    amounts = [amount for opd in consolidated.opds for amount in (opd.pagu_murni, opd.pagu,
                                                                  opd.realisasi)]
    amounts.append(sum(opd.pagu_murni for opd in consolidated.opds))
    belanja = consolidated.belanja()
    if belanja is not None:
        amounts += [belanja.anggaran, belanja.realisasi]
    money = max(SUMMARY_WIDTHS[2], header_width([shown_money(amount, with_sen)
                                                 for amount in amounts], "Realisasi"))
    return [SUMMARY_WIDTHS[0], SUMMARY_WIDTHS[1], money, money, SUMMARY_WIDTHS[4]]


def _write_banner(sheet: Worksheet, consolidated: Consolidated, formats: Formats,
                  width: float) -> None:
    if consolidated.errors:
        sheet.merge_range(BANNER, 0, BANNER, SUMMARY_LAST, f"DRAFT — {consolidated.errors} "
                          "kesalahan; lihat sheet Validasi", formats.banner_draft)
    else:
        sheet.merge_range(BANNER, 0, BANNER, SUMMARY_LAST, "Tidak ada kesalahan data",
                          formats.banner_ok)
    sheet.set_row(BANNER, 30)
    if consolidated.drafts:
        _across(sheet, DRAFTS, SUMMARY_LAST, "Laporan perangkat daerah yang masih DRAFT: "
                f"{', '.join(consolidated.drafts)}.", width, formats.wrap)


def _write_facts(sheet: Worksheet, consolidated: Consolidated, formats: Formats,
                 widths: Sequence[float], first: int) -> int:
    """Who and when; returns the last row."""
    facts = [("Pemerintah Daerah", consolidated.pemda),
             ("Tahun Anggaran", str(consolidated.year)),
             ("Perangkat daerah", str(len(consolidated.opds)))]
    for offset, (label, value) in enumerate(facts):
        row = first + offset
        sheet.write_string(row, 1, label, formats.label)
        sheet.merge_range(row, 2, row, SUMMARY_LAST, value, formats.wrap)
        _fit_row(sheet, row, [fit.Cell(value, sum(widths[2:]))])
    return first + len(facts) - 1


def _write_totals(sheet: Worksheet, consolidated: Consolidated, formats: Formats,
                  belanja_row: int | None, opd_rows: OpdRows, first: int) -> int:
    """The pemda's belanja: pagu murni, pagu perubahan, realisasi, %; returns the last row."""
    belanja = consolidated.belanja()
    pagu = belanja.anggaran if belanja else 0
    realisasi = belanja.realisasi if belanja else 0
    pagu_murni = sum(opd.pagu_murni for opd in consolidated.opds)
    sheet.write_string(first, 1, "Anggaran Belanja", formats.header)
    sheet.write_string(first, 2, "Rupiah", formats.header)
    sources = ((f"='{PER_OPD}'!D{opd_rows.total}", pagu_murni),
               (f"=LRA!C{belanja_row}" if belanja_row else None, pagu),
               (f"=LRA!D{belanja_row}" if belanja_row else None, realisasi))
    labels = ("Pagu murni", "Pagu perubahan", "Realisasi",
              "% realisasi terhadap pagu perubahan")
    for offset, label in enumerate(labels, start=1):
        sheet.write_string(first + offset, 1, label, formats.text)
    for offset, (formula, amount) in enumerate(sources, start=1):
        if formula is None:
            sheet.write_number(first + offset, 2, rupiah(amount), formats.money)
        else:
            sheet.write_formula(first + offset, 2, formula, formats.money, rupiah(amount))
    pagu_cell, spent_cell = f"C{first + 3}", f"C{first + 4}"
    sheet.write_formula(first + 4, 2,
                        f"=IF({pagu_cell}=0,0,ROUND({spent_cell}/{pagu_cell}*100,2))",
                        formats.percent, float(percent(realisasi, pagu)))
    return first + 4


def ranked(opds: list[OpdSummary]) -> list[OpdSummary]:
    """The OPDs by % realisasi of belanja, highest first (then by folder)."""
    return sorted(opds, key=lambda opd: (-percent(opd.realisasi, opd.pagu), opd.key))


def _write_ranking(sheet: Worksheet, consolidated: Consolidated, formats: Formats,
                   widths: Sequence[float], opd_rows: OpdRows, header: int) -> int:
    """The OPDs ranked by % realisasi, figures from `Per Perangkat Daerah`; returns the last
    row (the header's when there is no OPD)."""
    labels = ["No", "Perangkat Daerah (urut % realisasi)", "Pagu", "Realisasi", "% Realisasi"]
    _write_header(sheet, header, labels, widths, formats)
    order = ranked(consolidated.opds)
    for index, opd in enumerate(order):
        row = header + 1 + index
        source = opd_rows.rows[opd.key]
        name = opd.opd + (" (DRAFT)" if opd.draft else "")
        sheet.write_number(row, 0, index + 1, formats.number)
        sheet.write_string(row, 1, name, formats.text)
        sheet.write_formula(row, 2, f"='{PER_OPD}'!E{source}", formats.money, rupiah(opd.pagu))
        sheet.write_formula(row, 3, f"='{PER_OPD}'!F{source}", formats.money,
                            rupiah(opd.realisasi))
        sheet.write_formula(row, 4, _percent_formula(row, "C", "D"), formats.percent,
                            float(percent(opd.realisasi, opd.pagu)))
        _fit_row(sheet, row, [fit.Cell(name, widths[1])])
    return header + len(order)


def _insert_chart(workbook: Workbook, sheet: Worksheet, header: int, last: int, row: int,
                  widths: Sequence[float]) -> None:
    """% realisasi per OPD as bars, in the ranking's order, in a row of its own sized to it
    (the page breaks before it: a page can never cut it)."""
    chart = workbook.add_chart({"type": "bar"})
    chart.add_series({"name": "% realisasi belanja",
                      "categories": ["Ringkasan", header + 1, 1, last, 1],
                      "values": ["Ringkasan", header + 1, 4, last, 4],
                      "data_labels": {"value": True, "num_format": PERCENT}})
    chart.set_title({"name": "Realisasi belanja per perangkat daerah (%)",
                     "name_font": {"size": 12}})
    chart.set_legend({"none": True})
    chart.set_x_axis({"num_format": INDONESIAN + "0", "min": 0,
                      "major_gridlines": {"visible": False}})
    chart.set_y_axis({"reverse": True, "crossing": "max"})  # the table's order, top down
    pixels = min(max(CHART_FRAME + CHART_BAR * (last - header), CHART_SMALLEST), CHART_TALLEST)
    page = sum(fit.column_points(width) for width in widths) / fit.PIXEL
    chart.set_size({"width": round(page - 2 * CHART_OFFSET), "height": pixels})
    sheet.set_row(row, (pixels + 2 * CHART_OFFSET) * fit.PIXEL)
    sheet.insert_chart(row, 0, chart, {"x_offset": CHART_OFFSET, "y_offset": CHART_OFFSET})


# --- Ringkasan per Jenis ------------------------------------------------------------------


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
    _set_widths(sheet, widths)
    breaks = jenis_pages(widths)
    title_last = 1 if breaks else len(widths) - 1  # over the repeated columns when split
    _across(sheet, 0, title_last, f"RINGKASAN REALISASI PER JENIS — {consolidated.pemda} "
            f"{consolidated.year}", sum(widths[:title_last + 1]), formats.title, 12, True)
    header = ["Kode", "Uraian", *[opd.opd for opd in consolidated.opds], "Jumlah"]
    _write_header(sheet, HEADER_ROW, header, widths, formats)
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
        _fit_row(sheet, row, [fit.Cell(line.uraian, widths[1], bold=bold)])
    sheet.freeze_panes(HEADER_ROW + 1, 2)
    sheet.repeat_rows(HEADER_ROW)
    if breaks:
        sheet.set_print_scale(100)  # replaces the fit to one page wide
        sheet.repeat_columns(0, 1)
        sheet.set_v_pagebreaks(breaks)
        sheet.print_across()


# --- Validasi -----------------------------------------------------------------------------


def finding_order(item: OpdIssue) -> tuple[object, ...]:
    """Errors first, as on an OPD's `Validasi`; then by OPD, file, sheet and cell."""
    key = sort_key(item.issue)
    return (key[0], item.opd, *key[1:])


def write_validation(sheet: Worksheet, consolidated: Consolidated, formats: Formats) -> None:
    """Every OPD's findings and the pemda's own, with the OPD they belong to, in the OPD
    report's columns (`findings_sheets.write_validation`)."""
    widths = VALIDATION_COLUMN_WIDTHS
    last = len(widths) - 1
    sheet.write_string(0, 0, "VALIDASI", formats.label)
    issues = [item.issue for item in consolidated.issues]
    for row, text in ((1, findings_count(issues)), (2, VALIDATION_NOTE)):
        _across(sheet, row, last, text, sum(widths), formats.wrap)
    header_row = 3
    _set_widths(sheet, widths)
    _write_header(sheet, header_row, VALIDATION_COLUMNS, widths, formats)
    ordered = sorted(consolidated.issues, key=finding_order)
    for index, item in enumerate(ordered):
        _write_finding(sheet, header_row + 1 + index, item, formats)
    if not ordered:
        sheet.merge_range(header_row + 1, 0, header_row + 1, last, NOTHING_FOUND, formats.text)
    end = header_row + max(len(ordered), 1)
    sheet.autofilter(header_row, 0, end, last)
    sheet.freeze_panes(header_row + 1, 0)
    sheet.repeat_rows(header_row)
    sheet.write_string(end + 2, 0, FILES_TITLE, formats.label)
    _across(sheet, end + 3, last, FILES_NOTE, sum(widths), formats.wrap)


def _write_finding(sheet: Worksheet, row: int, item: OpdIssue, formats: Formats) -> None:
    found = item.issue
    _, title = CATALOGUE[found.code]
    values = (item.opd or PEMDA_OWN, found.severity.value, found.code, found.message,
              found.file, found.sheet, found.cell, found.value, title)
    for column, text in enumerate(values):
        sheet.write_string(row, column, text, formats.text)
    cells = [fit.Cell(text, width) for text, width in zip(values, VALIDATION_COLUMN_WIDTHS,
                                                           strict=True)]
    for column in (0, 4):  # the OPD's folder and the file: paths
        cells[column] = path_cell(values[column], VALIDATION_COLUMN_WIDTHS[column])
    _fit_row(sheet, row, cells)
