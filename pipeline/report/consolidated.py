"""The consolidated workbook of a pemda: `Ringkasan`, `LRA`, `Per Perangkat Daerah`,
`Ringkasan per Jenis`, `Rekonsiliasi` and `Validasi`.

The LRA is laid out by the OPD report's own writer, so it has the same layout, live
formulas and cached values; percentages and sums elsewhere are formulas with their values
cached too.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from pipeline.consolidate import Consolidated, OpdSummary
from pipeline.findings import sort_key
from pipeline.money import percent, rupiah
from pipeline.report.findings_sheets import VALIDATION_HEADER, write_reconciliation
from pipeline.report.formats import Formats, make_formats
from pipeline.report.lra_sheet import write_lra
from pipeline.report.model import Report
from pipeline.report.writer import WORKBOOK_OPTIONS

SHEETS = ("Ringkasan", "LRA", "Per Perangkat Daerah", "Ringkasan per Jenis", "Rekonsiliasi",
          "Validasi")
OPD_HEADER = ["No", "Perangkat Daerah", "Folder", "Pagu Murni", "Pagu Perubahan", "Realisasi",
              "% Realisasi", "Kesalahan", "Peringatan", "Status", "Laporan"]


def write_consolidated(consolidated: Consolidated, path: Path, created: dt.datetime) -> None:
    as_report = Report({"perangkat_daerah": "Konsolidasi", "pemerintah_daerah":
                        consolidated.pemda}, consolidated.year, consolidated.lra, created,
                       reconciliation=consolidated.reconciliation)
    workbook = xlsxwriter.Workbook(str(path), WORKBOOK_OPTIONS)
    workbook.set_properties({"title": f"Konsolidasi {consolidated.pemda} {consolidated.year}",
                             "author": "LAKIP Pipeline", "created": created})
    formats = make_formats(workbook, as_report.money_with_sen)
    sheets = {name: workbook.add_worksheet(name) for name in SHEETS}
    for sheet in sheets.values():
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)
        sheet.set_footer("&L&A&RHalaman &P dari &N")
    write_lra(sheets["LRA"], as_report, formats)
    first_opd_row = write_per_opd(sheets["Per Perangkat Daerah"], consolidated, formats)
    write_summary(workbook, sheets["Ringkasan"], consolidated, formats, first_opd_row)
    write_jenis(sheets["Ringkasan per Jenis"], consolidated, formats)
    write_reconciliation(sheets["Rekonsiliasi"], as_report, formats)
    write_validation(sheets["Validasi"], consolidated, formats)
    workbook.close()


def ranked(opds: list[OpdSummary]) -> list[OpdSummary]:
    """The OPDs by % realisasi of belanja, highest first (then by folder)."""
    return sorted(opds, key=lambda opd: (-percent(opd.realisasi, opd.pagu), opd.key))


def write_per_opd(sheet: Worksheet, consolidated: Consolidated, formats: Formats) -> int:
    """One row per OPD; returns the 0-based row of the first OPD."""
    sheet.write_string(0, 0, f"PER PERANGKAT DAERAH — {consolidated.pemda} "
                       f"{consolidated.year}", formats.label)
    for column, (label, width) in enumerate(zip(OPD_HEADER, (5, 40, 22, 17, 17, 17, 11, 10, 10,
                                                             9, 48), strict=True)):
        sheet.write_string(2, column, label, formats.header)
        sheet.set_column(column, column, width)
    for index, opd in enumerate(consolidated.opds):
        row = 3 + index
        excel_row = row + 1
        sheet.write_number(row, 0, index + 1, formats.number)
        sheet.write_string(row, 1, opd.opd, formats.text)
        sheet.write_string(row, 2, opd.key, formats.text)
        for column, amount in ((3, opd.pagu_murni), (4, opd.pagu), (5, opd.realisasi)):
            sheet.write_number(row, column, rupiah(amount), formats.money)
        sheet.write_formula(row, 6, f"=IF(E{excel_row}=0,0,ROUND(F{excel_row}/E{excel_row}*100,2))",
                            formats.percent, float(percent(opd.realisasi, opd.pagu)))
        sheet.write_number(row, 7, opd.errors, formats.number)
        sheet.write_number(row, 8, opd.warnings, formats.number)
        sheet.write_string(row, 9, "DRAFT" if opd.draft else "final", formats.text)
        sheet.write_string(row, 10, opd.report, formats.text)
    total = 3 + len(consolidated.opds)
    sheet.write_string(total, 1, "JUMLAH", formats.total_label)
    for column, values in ((3, [opd.pagu_murni for opd in consolidated.opds]),
                           (4, [opd.pagu for opd in consolidated.opds]),
                           (5, [opd.realisasi for opd in consolidated.opds])):
        letter = xl_col_to_name(column)
        sheet.write_formula(total, column, f"=SUM({letter}4:{letter}{total})",
                            formats.total_money, rupiah(sum(values)))
    pagu, realisasi = (sum(opd.pagu for opd in consolidated.opds),
                       sum(opd.realisasi for opd in consolidated.opds))
    sheet.write_formula(total, 6, f"=IF(E{total + 1}=0,0,ROUND(F{total + 1}/E{total + 1}*100,2))",
                        formats.total_percent, float(percent(realisasi, pagu)))
    sheet.autofilter(2, 0, total - 1, len(OPD_HEADER) - 1)
    sheet.freeze_panes(3, 2)
    return 3


def write_summary(workbook: Workbook, sheet: Worksheet, consolidated: Consolidated,
                  formats: Formats, first_opd_row: int) -> None:
    sheet.set_column(0, 0, 6)
    sheet.set_column(1, 1, 44)
    sheet.set_column(2, 4, 18)
    sheet.write_string(0, 0, f"KONSOLIDASI LRA {consolidated.year} – {consolidated.pemda}",
                       formats.title)
    drafts = consolidated.drafts
    if consolidated.errors:
        banner = (f"DRAFT — {consolidated.errors} kesalahan; laporan DRAFT: "
                  f"{', '.join(drafts) or '-'}")
        sheet.write_string(1, 0, banner, formats.banner_draft)
    else:
        sheet.write_string(1, 0, "Final: tidak ada kesalahan data", formats.banner_ok)
    belanja = consolidated.belanja()
    pagu_murni = sum(opd.pagu_murni for opd in consolidated.opds)
    pagu = belanja.anggaran if belanja else 0
    realisasi = belanja.realisasi if belanja else 0
    facts = [("Pemerintah Daerah", consolidated.pemda),
             ("Tahun Anggaran", f"{consolidated.year} ({consolidated.period})"),
             ("Perangkat daerah", str(len(consolidated.opds)))]
    for offset, (label, value) in enumerate(facts):
        sheet.write_string(3 + offset, 1, label, formats.label)
        sheet.write_string(3 + offset, 2, value)
    for offset, (label, amount) in enumerate((("Pagu murni belanja", pagu_murni),
                                              ("Pagu perubahan belanja", pagu),
                                              ("Realisasi belanja", realisasi))):
        sheet.write_string(7 + offset, 1, label, formats.label)
        sheet.write_number(7 + offset, 2, rupiah(amount), formats.money)
    sheet.write_string(10, 1, "% realisasi", formats.label)
    sheet.write_formula(10, 2, "=IF(C9=0,0,ROUND(C10/C9*100,2))", formats.percent,
                        float(percent(realisasi, pagu)))
    header = 12
    for column, label in enumerate(("No", "Perangkat Daerah (urut % realisasi)", "Pagu",
                                    "Realisasi", "% Realisasi")):
        sheet.write_string(header, column, label, formats.header)
    order = ranked(consolidated.opds)
    for index, opd in enumerate(order):
        row = header + 1 + index
        sheet.write_number(row, 0, index + 1, formats.number)
        sheet.write_string(row, 1, opd.opd + (" (DRAFT)" if opd.draft else ""), formats.text)
        sheet.write_number(row, 2, rupiah(opd.pagu), formats.money)
        sheet.write_number(row, 3, rupiah(opd.realisasi), formats.money)
        sheet.write_formula(row, 4, f"=IF(C{row + 1}=0,0,ROUND(D{row + 1}/C{row + 1}*100,2))",
                            formats.percent, float(percent(opd.realisasi, opd.pagu)))
    if order:
        last = header + len(order)
        chart = workbook.add_chart({"type": "bar"})
        chart.add_series({"name": "% realisasi belanja",
                          "categories": ["Ringkasan", header + 1, 1, last, 1],
                          "values": ["Ringkasan", header + 1, 4, last, 4]})
        chart.set_title({"name": "Realisasi belanja per perangkat daerah (%)"})
        chart.set_legend({"none": True})
        chart.set_y_axis({"reverse": True})
        chart.set_size({"width": 720, "height": max(240, 22 * len(order) + 80)})
        sheet.insert_chart(last + 2, 1, chart)


def write_jenis(sheet: Worksheet, consolidated: Consolidated, formats: Formats) -> None:
    """Kelompok and jenis rows × OPD columns, with their sum, as the Perda
    pertanggungjawaban's ringkasan shows them."""
    keys = [opd.key for opd in consolidated.opds]
    sheet.write_string(0, 0, f"RINGKASAN REALISASI PER JENIS — {consolidated.pemda} "
                       f"{consolidated.year}", formats.label)
    header = ["Kode", "Uraian", *[opd.opd for opd in consolidated.opds], "Jumlah"]
    for column, label in enumerate(header):
        sheet.write_string(2, column, label, formats.header)
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, 1, 44)
    sheet.set_column(2, 2 + len(keys), 17)
    last_opd = xl_col_to_name(1 + len(keys))
    for index, line in enumerate(consolidated.jenis):
        row = 3 + index
        bold = line.depth == 2
        sheet.write_string(row, 0, line.code, formats.code_bold if bold else formats.code)
        sheet.write_string(row, 1, line.uraian, formats.text_bold if bold else formats.text)
        for offset, key in enumerate(keys):
            sheet.write_number(row, 2 + offset, rupiah(line.realisasi[key]),
                               formats.money_bold if bold else formats.money)
        sheet.write_formula(row, 2 + len(keys), f"=SUM(C{row + 1}:{last_opd}{row + 1})",
                            formats.money_bold, rupiah(line.total))
    sheet.freeze_panes(3, 2)


def write_validation(sheet: Worksheet, consolidated: Consolidated, formats: Formats) -> None:
    """Every OPD's findings and the pemda's own, with the OPD they belong to."""
    sheet.write_string(0, 0, "VALIDASI", formats.label)
    sheet.write_string(1, 0, "Setiap kesalahan dan peringatan semua perangkat daerah; "
                             "Berkas relatif terhadap folder perangkat daerahnya.")
    header = ["Perangkat Daerah", *VALIDATION_HEADER]
    for column, (label, width) in enumerate(zip(header, (22, 12, 22, 80, 36, 14, 8, 24),
                                                strict=True)):
        sheet.write_string(2, column, label, formats.header)
        sheet.set_column(column, column, width)
    ordered = sorted(consolidated.issues, key=lambda item: (item.opd, sort_key(item.issue)))
    for index, item in enumerate(ordered):
        found = item.issue
        values = (item.opd or "(pemda)", found.severity.value, found.code, found.message,
                  found.file, found.sheet, found.cell, found.value)
        for column, text in enumerate(values):
            sheet.write_string(3 + index, column, text, formats.text)
    sheet.autofilter(2, 0, 2 + max(len(ordered), 1), len(header) - 1)
    sheet.freeze_panes(3, 0)
