"""What the sheets of a pemda's consolidated workbook (`pipeline.report.consolidated`)
share: column widths and the paper they print on, wrapped rows as tall as their text,
header rows, text merged across a sheet, and the % realisasi formula."""

from __future__ import annotations

import re
from collections.abc import Sequence

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from pipeline.report import fit
from pipeline.report.formats import Formats

PAPERS = (fit.A4, fit.F4, fit.A3)  # a table too wide for A4 at 8 pt takes the next
HEADER_ROW = 2  # 0-based: the title and a blank row above the header


def fit_row(sheet: Worksheet, row: int, cells: Sequence[fit.Cell],
            minimum: float = fit.DEFAULT_HEIGHT) -> None:
    height = fit.row_height(cells, minimum)
    if height is not None:
        sheet.set_row(row, height)


def write_across(sheet: Worksheet, row: int, last_column: int, text: str, width: float,
                 cell_format: Format, font_size: float = 10.0, bold: bool = False) -> None:
    """A text merged over columns A to `last_column`, wrapped, its row as tall as it needs."""
    sheet.merge_range(row, 0, row, last_column, text, cell_format)
    fit_row(sheet, row, [fit.Cell(text, width, font_size, bold)])


def path_cell(path: str, width: float) -> fit.Cell:
    """A file path as LibreOffice wraps it: at spaces, and after a `/` or a `-` before a
    letter (never after `_`). Measured as if a space followed each of those, which errs a
    line too tall; Excel, which breaks a long word anywhere, needs no more lines."""
    return fit.Cell(re.sub(r"(/|-(?=[^\W\d_]))", r"\1 ", path), width)


def header_width(texts: Sequence[str], label: str) -> float:
    """A column showing each of `texts` on one line (bold, as totals are) and each word of
    its header `label` unbroken."""
    return fit.width_for([*texts, *label.split()], bold=True)


def write_header(sheet: Worksheet, row: int, labels: Sequence[str],
                 widths: Sequence[float], formats: Formats) -> None:
    for column, label in enumerate(labels):
        sheet.write_string(row, column, label, formats.header)
    fit_row(sheet, row, [fit.Cell(label, width, bold=True)
                         for label, width in zip(labels, widths, strict=True)])


def paper_for(widths: Sequence[float]) -> fit.Paper:
    """The smallest paper on which these columns print one page wide with text at 8 pt or
    more (A3 when none does)."""
    points = fit.page_points(widths)
    return next((paper for paper in PAPERS if fit.legible(fit.print_scale(points, paper))),
                PAPERS[-1])


def set_widths(sheet: Worksheet, widths: Sequence[float]) -> None:
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)


def percent_formula(row: int, pagu: str, spent: str) -> str:
    excel_row = row + 1
    return f"=IF({pagu}{excel_row}=0,0,ROUND({spent}{excel_row}/{pagu}{excel_row}*100,2))"
