"""The consolidated workbook's `LRA` sheet as a pemda needs it, over what the OPD
report's LRA writer (`lra_sheet.write_lra`) lays out: its header for the pemda's period and
money columns as wide as a pemda's amounts."""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from pipeline.consolidate import Consolidated
from pipeline.report import fit
from pipeline.report.consolidated_layout import fit_row, header_width, paper_for, set_widths
from pipeline.report.formats import Formats, shown_money
from pipeline.report.lra_sheet import COLUMN_WIDTHS as LRA_WIDTHS
from pipeline.report.lra_sheet import HEADER_ROW as LRA_HEADER_ROW
from pipeline.report.lra_sheet import header_labels


def last_month(consolidated: Consolidated) -> int | None:
    """The last month of belanja realisasi in any OPD (the consolidation's period)."""
    return max((opd.last_month for opd in consolidated.opds), default=0) or None


def pemda_lra(sheet: Worksheet, consolidated: Consolidated, formats: Formats,
              with_sen: bool = False) -> None:
    """The OPD's LRA as a pemda needs it: the header as an OPD's says it, `Realisasi s.d.
    April 2023` for a partial year (the LRA writer takes the month from an OPD's monthly
    lines, which a pemda has not), and money columns as wide as a pemda's amounts."""
    widths = lra_widths(consolidated, with_sen)
    set_widths(sheet, widths)
    sheet.set_paper(paper_for(widths).code)
    labels = header_labels(consolidated.year, last_month(consolidated))
    for column, label in enumerate(labels):
        sheet.write_string(LRA_HEADER_ROW, column, label, formats.header)
    fit_row(sheet, LRA_HEADER_ROW, [fit.Cell(label, width, bold=True)
                                    for label, width in zip(labels, widths, strict=True)])


def lra_widths(consolidated: Consolidated, with_sen: bool) -> list[float]:
    """The OPD's LRA columns, the money columns (C, D, F) widened for a pemda's totals (a
    deficit of trillions with sen does not fit an OPD's 17 units). Uraian keeps its width,
    so the heights the LRA writer stored still hold."""
    amounts = [shown_money(amount, with_sen) for row in consolidated.lra
               for amount in (row.anggaran, row.realisasi, row.realisasi_lalu)]
    money = max(LRA_WIDTHS[2], header_width(amounts, ""))
    return [money if column in (2, 3, 5) else width for column, width in enumerate(LRA_WIDTHS)]
