"""The consolidated workbook's `Ringkasan` sheet: title, period, banner, the pemda's
figures, the OPDs ranked by % realisasi, and their chart."""

from __future__ import annotations

from collections.abc import Sequence

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from pipeline.consolidate import Consolidated, OpdSummary
from pipeline.money import percent, rupiah
from pipeline.report import fit
from pipeline.report.consolidated_layout import (
    fit_row,
    header_width,
    percent_formula,
    set_widths,
    write_across,
    write_header,
)
from pipeline.report.consolidated_opds import PER_OPD, OpdRows
from pipeline.report.formats import INDONESIAN, PERCENT, Formats, shown_money

# Ringkasan: A No; B labels and names; C, D figures; E %. Printed at 100 % on A4.
SUMMARY_WIDTHS = (6, 44, 18, 18, 12)
SUMMARY_LAST = len(SUMMARY_WIDTHS) - 1
TITLE, PERIOD, BANNER, DRAFTS, FACTS = 0, 1, 2, 3, 5
CHART_OFFSET = 10  # pixels from the chart row's top left corner
CHART_FRAME, CHART_BAR = 100, 26  # pixels: title and axis; each OPD
CHART_SMALLEST, CHART_TALLEST = 240, 520  # pixels: a row is at most 409 pt tall


def write_summary(workbook: Workbook, sheet: Worksheet, consolidated: Consolidated,
                  formats: Formats, belanja_row: int | None, opd_rows: OpdRows,
                  with_sen: bool = False) -> None:
    """The cover of the consolidation: title, period, banner, the pemda's figures, the OPDs
    ranked by % realisasi, and their chart on a page of its own. Figures are formulas on
    `LRA` and `Per Perangkat Daerah`."""
    widths = summary_widths(consolidated, with_sen)
    set_widths(sheet, widths)
    title = f"KONSOLIDASI LRA {consolidated.year} – {consolidated.pemda}"
    write_across(sheet, TITLE, SUMMARY_LAST, title, sum(widths), formats.title, 12, True)
    write_across(sheet, PERIOD, SUMMARY_LAST, f"Tahun Anggaran {consolidated.year}, "
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
        write_across(sheet, DRAFTS, SUMMARY_LAST, "Laporan perangkat daerah yang masih DRAFT: "
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
        fit_row(sheet, row, [fit.Cell(value, sum(widths[2:]))])
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
    write_header(sheet, header, labels, widths, formats)
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
        sheet.write_formula(row, 4, percent_formula(row, "C", "D"), formats.percent,
                            float(percent(opd.realisasi, opd.pagu)))
        fit_row(sheet, row, [fit.Cell(name, widths[1])])
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
