"""How tall a row must be for its wrapped text, how wide a column for its numbers, how wide
a sheet prints: one estimate used by every sheet.

Excel and LibreOffice size a row to its wrapped text only when the file stores no height
and the cell is not merged, and LibreOffice does not even do that on opening an .xlsx: a
report read on another PC, printed, or with merged cells (the Sasaran cells of III.A.1)
needs the height written in the file. xlsxwriter cannot measure text, so this module does:
each character has the advance width of Arial (the report's font; LibreOffice prints it
with the metric-compatible Liberation Sans), words are wrapped greedily into the cell's
width as the spreadsheet does, and every rounding errs towards one line too many rather
than a line cut off.

Widths are Excel column width units (`set_column`), the unit a caller already has. The
report's default font is Arial 10 (writer.report_options), so a unit is 7 pixels in
Excel; LibreOffice prints a unit as the width of a digit of that font, 5.55 pt, about 5 %
wider. A text must fit in the narrower (Excel's), a page must hold the wider
(LibreOffice's). Calibrated against LibreOffice's PDF of the report (tests/print_check.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

# Advance widths of Arial (= Helvetica, Liberation Sans) for the characters " " to "~", in
# thousandths of the font size; other characters count as a digit (or wider in bold).
_ARIAL = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 "
    "556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 "
    "556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 "
    "556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 "
    "500 500 500 334 260 334 584")
_ARIAL_BOLD = (
    "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 "
    "556 556 556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 "
    "611 833 722 778 667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 556 333 556 "
    "611 556 611 556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 333 611 556 778 "
    "556 556 500 389 280 389 584")
OTHER_ADVANCE = {False: 600, True: 650}  # é, ×, — and the like: a little wider than a digit


class _Advances(dict[str, int]):
    """Character → advance width; a character not in the table gets `other`. Looked up
    with `__getitem__` over a whole text (`map`), a step in C per character."""

    def __init__(self, table: str, other: int) -> None:
        super().__init__((chr(32 + index), int(width)) for index, width in enumerate(table.split()))
        self.other = other

    def __missing__(self, character: str) -> int:
        return self.other


ADVANCE = {bold: _Advances(table, OTHER_ADVANCE[bold])
           for bold, table in ((False, _ARIAL), (True, _ARIAL_BOLD))}

PIXEL = 0.75  # points per pixel at 96 dpi
UNIT_PIXELS = 7  # Excel: the width of a digit of the default font (Arial 10)
COLUMN_PADDING_PIXELS = 5
LIBREOFFICE_UNIT = 5.55  # LibreOffice: points per width unit (a digit of Liberation Sans 10)
STORED_PADDING = 5 / 7  # xlsxwriter stores a width of w as w + 5/7 units
TEXT_MARGIN = 3.0  # points of a cell's width that text cannot use (both sides)
INDENT = 7.5  # points per indent level (Excel: 10 pixels)
LINE_SPACING = 1.3  # line height / font size (Arial 10: Excel 12.75 pt, LibreOffice 11.5 pt)
HEIGHT_PADDING = 2.0  # points above and below the lines
DEFAULT_HEIGHT = 15.0  # a height below which the row keeps the default, in points


class Paper(NamedTuple):
    """A sheet of paper: its xlsxwriter code (`set_paper`) and its sides in points."""

    code: int
    long_side: float
    short_side: float


A4 = Paper(9, 841.89, 595.28)
F4 = Paper(14, 936.0, 612.0)  # Folio, 8.5 × 13 in, what Indonesian offices call F4
A3 = Paper(8, 1190.55, 841.89)
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.6, "bottom": 0.6}  # inches, every sheet
INCH = 72.0
SMALLEST_PRINT = 8.0  # points: no text may print smaller
BODY_SIZE = 10.0  # points: the report's text (formats.FONT)


def printable_width(paper: Paper) -> float:
    """Points across a landscape page between the margins."""
    return paper.long_side - (MARGINS["left"] + MARGINS["right"]) * INCH


def printable_height(paper: Paper) -> float:
    """Points down a landscape page between the top and bottom margins."""
    return paper.short_side - (MARGINS["top"] + MARGINS["bottom"]) * INCH


def print_scale(band_points: float, paper: Paper) -> float:
    """The scale (≤ 1) at which columns `band_points` wide fit across the page."""
    return min(1.0, printable_width(paper) / band_points) if band_points > 0 else 1.0


def legible(scale: float, font_size: float = BODY_SIZE) -> bool:
    """Text of `font_size` printed at `scale` is no smaller than `SMALLEST_PRINT`."""
    return font_size * scale >= SMALLEST_PRINT - 1e-9


class Cell(NamedTuple):
    """One cell's text and the width it wraps in (Excel width units, summed over the
    columns of a merged range). `rows` is how many rows a merged range spans: the text may
    use their height together. `indent` is the format's indent level."""

    text: str
    width: float
    font_size: float = 10.0
    bold: bool = False
    rows: int = 1
    indent: int = 0


def text_points(text: str, font_size: float = 10.0, bold: bool = False) -> float:
    """The printed width of `text` on one line, in points."""
    return sum(map(ADVANCE[bold].__getitem__, text)) * font_size / 1000


def column_points(width: float) -> float:
    """How wide Excel prints a column of `width` units (the narrower of the two
    applications): where a text must fit."""
    if width <= 0:
        return 0.0
    return (math.floor(width * UNIT_PIXELS + 0.5) + COLUMN_PADDING_PIXELS) * PIXEL


def page_points(widths: Iterable[float]) -> float:
    """How wide LibreOffice prints these columns side by side at 100 % (the wider of the two
    applications): what a page must hold."""
    return sum((width + STORED_PADDING) * LIBREOFFICE_UNIT for width in widths if width > 0)


def width_for(texts: Iterable[str], font_size: float = 10.0, bold: bool = False,
              minimum: float = 1.0) -> float:
    """The column width (units) that shows the longest of `texts` on one line."""
    widest = max((text_points(text, font_size, bold) for text in texts), default=0.0)
    pixels = (widest + TEXT_MARGIN) / PIXEL - COLUMN_PADDING_PIXELS
    return max(math.ceil(pixels / UNIT_PIXELS * 4) / 4, minimum)


@lru_cache(maxsize=8192)
def line_count(text: str, width: float, font_size: float = 10.0, bold: bool = False,
               indent: int = 0) -> int:
    """The lines `text` takes when wrapped in a cell `width` units wide. Remembered: a
    column repeats its texts (a file name, a finding's kind, an account's name)."""
    text = str(text)
    room = max(column_points(width) - TEXT_MARGIN - indent * INDENT, font_size)
    advance = ADVANCE[bold].__getitem__  # `text_points`, inline: a call a word cost more
    if "\n" not in text and sum(map(advance, text)) * font_size / 1000 <= room:
        return 1  # the text as it is fits on one line (most cells): no words to wrap
    space = advance(" ") * font_size / 1000
    lines = 0
    for paragraph in text.split("\n"):
        words = [sum(map(advance, word)) * font_size / 1000 for word in paragraph.split()]
        lines += _wrapped_lines(words, room, space)
    return max(lines, 1)


def _wrapped_lines(words: list[float], room: float, space: float) -> int:
    """Greedy wrapping, as the spreadsheet does: a word that does not fit starts a new line,
    a word wider than a line is broken over as many lines as it needs."""
    lines, used = 1, 0.0
    for word in words:
        if used and used + space + word <= room:
            used += space + word
            continue
        if used:
            lines += 1
        extra = max(math.ceil(word / room) - 1, 0)
        lines += extra
        used = word - extra * room
    return lines


def text_height(cell: Cell) -> float:
    """Points needed to show the cell's text whole."""
    lines = line_count(cell.text, cell.width, cell.font_size, cell.bold, cell.indent)
    return lines * cell.font_size * LINE_SPACING + HEIGHT_PADDING


def row_height(cells: Iterable[Cell], minimum: float = DEFAULT_HEIGHT) -> float | None:
    """The height a row needs for the tallest of its cells (a merged cell spanning n rows
    asks each of them for 1/n of its height), or None when the default height is enough."""
    needed = max((text_height(cell) / cell.rows for cell in cells if cell.text), default=0.0)
    return round(needed, 2) if needed > minimum else None
