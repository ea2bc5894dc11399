"""Laying out one LAKIP table on its sheet: the title, a one- or two-row header with its
group cells merged (as the seed prints III.A.2 and III.A.6), column widths, print titles,
and a stored height for every row whose text wraps or sits in a merged cell.

Neither Excel nor xlsxwriter sizes a merged cell, and a file read elsewhere or printed
needs its heights written: every text written through a `TableSheet` is remembered with
the width it wraps in, and `finish` stores each row's height from `fit.row_height`.
"""

from __future__ import annotations

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from pipeline.report.fit import Cell, row_height
from pipeline.report.formats import Formats
from pipeline.report.lakip_values import (
    Span,
    columns_of,
    header_rows,
    header_spans,
    title_of,
)
from pipeline.report.model import Report

TITLE_ROW = 0
HEADER_ROW = 2  # 0-based: the title and a blank row above the header
BODY_SIZE = 10  # formats.FONT


class TableSheet:
    """One table's sheet while it is written; `first` is its first body row."""

    def __init__(self, sheet: Worksheet, number: str, report: Report, formats: Formats):
        self.sheet = sheet
        self.formats = formats
        columns = columns_of(number, report)
        self.widths = [column.width for column in columns]
        self._cells: dict[int, list[Cell]] = {}
        header = header_rows(columns)
        self.first = HEADER_ROW + len(header)
        last = len(columns) - 1
        title = title_of(number, report.year)
        sheet.merge_range(TITLE_ROW, 0, TITLE_ROW, last, title, formats.title)
        for index, width in enumerate(self.widths):
            sheet.set_column(index, index, width)
        self._write_header(header, header_spans(columns))
        sheet.freeze_panes(self.first, 0)
        sheet.repeat_rows(HEADER_ROW, self.first - 1)

    def _write_header(self, header: tuple[tuple[str, ...], ...],
                      spans: tuple[Span, ...]) -> None:
        merged: set[tuple[int, int]] = set()
        for top, left, bottom, right in spans:
            label = header[top][left]
            self.sheet.merge_range(HEADER_ROW + top, left, HEADER_ROW + bottom, right, label,
                                   self.formats.header)
            self._remember(HEADER_ROW + top, self._cell(label, left, right, bottom - top + 1,
                                                        bold=True))
            merged.update((row, column) for row in range(top, bottom + 1)
                          for column in range(left, right + 1))
        for row, labels in enumerate(header):
            for column, label in enumerate(labels):
                if (row, column) not in merged:
                    self.sheet.write_string(HEADER_ROW + row, column, label,
                                            self.formats.header)
                    self._remember(HEADER_ROW + row, self._cell(label, column, column, 1,
                                                                bold=True))

    def _cell(self, text: str, left: int, right: int, rows: int, bold: bool = False) -> Cell:
        return Cell(text, sum(self.widths[left:right + 1]), BODY_SIZE, bold, rows)

    def _remember(self, row: int, cell: Cell) -> None:
        for covered in range(row, row + cell.rows):
            self._cells.setdefault(covered, []).append(cell)

    def text(self, row: int, column: int, text: str, cell_format: Format | None = None
             ) -> None:
        """A wrapped text cell (input text always stays text)."""
        self.sheet.write_string(row, column, text, cell_format or self.formats.text)
        self._remember(row, self._cell(text, column, column, 1))

    def text_formula(self, row: int, column: int, formula: str, value: str) -> None:
        """A formula whose result is a text (`Efisien`), its value cached."""
        self.sheet.write_formula(row, column, formula, self.formats.text, value)
        self._remember(row, self._cell(value, column, column, 1))

    def merged(self, top: int, bottom: int, column: int, text: str,
               cell_format: Format | None = None) -> None:
        """A text over the rows `top`–`bottom` of one column (one cell when they are one)."""
        if top == bottom:
            self.text(top, column, text, cell_format)
            return
        self.sheet.merge_range(top, column, bottom, column, text,
                               cell_format or self.formats.text)
        self._remember(top, self._cell(text, column, column, bottom - top + 1))

    def across(self, row: int, text: str, cell_format: Format | None = None) -> None:
        """One sentence across the whole table's width."""
        last = len(self.widths) - 1
        self.sheet.merge_range(row, 0, row, last, text, cell_format or self.formats.text)
        self._remember(row, self._cell(text, 0, last, 1))

    def finish(self) -> None:
        """Store the height each remembered row needs."""
        for row in sorted(self._cells):
            height = row_height(self._cells[row])
            if height is not None:
                self.sheet.set_row(row, height)
