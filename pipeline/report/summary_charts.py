"""The charts of the `Ringkasan`, below its tables on a page of their own: the capaian of
each IKU (one unit, %, whatever the indicators' own units), and the pagu and realisasi of
each program (Rupiah), each labelled with the names the tables show.

Each chart sits in a row of its own, sized to it, so that a page can only break between
two charts, never through one."""

from __future__ import annotations

from typing import NamedTuple

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from pipeline.report import fit
from pipeline.report.formats import MONEY, PERCENT

SHEET = "Ringkasan"
NAMES = 1  # column B: the IKU's indicator, the program's name
CAPAIAN = 4  # column E of the capaian table
PAGU, REALISASI = 2, 3  # columns C and D of the program table
WIDTH = 880  # pixels: within columns A–F
OFFSET = 10  # pixels from the row's top left corner to the chart
FRAME, BAR = 100, 26  # pixels: title, axis and legend; each category and series
SMALLEST, TALLEST = 240, 520  # pixels: a row is at most 409 pt tall
PAGE = fit.printable_height(fit.A4)  # points: what one printed page holds (at 100 %)


class Block(NamedTuple):
    """A table of the sheet: its header row and its last row (0-based)."""

    header: int
    last: int

    @property
    def size(self) -> int:
        return self.last - self.header


def write_charts(workbook: Workbook, sheet: Worksheet, capaian: Block, programs: Block,
                 first: int) -> list[int]:
    """From row `first` down, one chart a row; returns the rows after `first` before which
    a page must break (when both charts do not fit on one page)."""
    charts = []
    if capaian.size:
        charts.append(("Capaian kinerja per indikator (%)", capaian, {CAPAIAN: "Capaian %"},
                       PERCENT))
    if programs.size:
        charts.append(("Pagu dan realisasi per program (Rp)", programs,
                       {PAGU: "Pagu", REALISASI: "Realisasi"}, MONEY))
    breaks, used = [], 0.0
    for row, (title, table, series, number_format) in enumerate(charts, start=first):
        height = _chart(workbook, sheet, title, table, series, number_format, row)
        if used and used + height > PAGE:
            breaks.append(row)
            used = 0.0
        used += height
    return breaks


def _chart(workbook: Workbook, sheet: Worksheet, title: str, table: Block,
           series: dict[int, str], number_format: str, row: int) -> float:
    """A bar chart of the table's rows by name, one series per column (all in the one unit
    of `number_format`), in a row of its own; returns the row's height in points."""
    chart = workbook.add_chart({"type": "bar"})
    for column, name in series.items():
        chart.add_series({
            "name": name,
            "categories": [SHEET, table.header + 1, NAMES, table.last, NAMES],
            "values": [SHEET, table.header + 1, column, table.last, column],
            "data_labels": {"value": True, "num_format": number_format},
        })
    chart.set_title({"name": title, "name_font": {"size": 12}})
    # No gridlines: the values are written on the bars, where a line would cross them.
    chart.set_x_axis({"num_format": number_format, "min": 0,
                      "major_gridlines": {"visible": False}})
    chart.set_y_axis({"reverse": True, "crossing": "max"})  # the table's order, top down
    chart.set_legend({"position": "bottom"} if len(series) > 1 else {"none": True})
    pixels = min(max(FRAME + BAR * table.size * len(series), SMALLEST), TALLEST)
    chart.set_size({"width": WIDTH, "height": pixels})
    points = (pixels + 2 * OFFSET) * fit.PIXEL
    sheet.set_row(row, points)
    sheet.insert_chart(row, 0, chart, {"x_offset": OFFSET, "y_offset": OFFSET})
    return points
