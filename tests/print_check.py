"""Is a workbook legible on paper? Print it to PDF with headless LibreOffice and read the
printed words back with pdfplumber.

`check_workbook` prints every sheet (the page setup stored in the file decides paper,
orientation and scaling) and returns, per page, what a reader would stumble over:

- `small`: words printed smaller than `MINIMUM_SIZE` points;
- `overlaps`: pairs of words printed over each other (a header drawn over a chart, two
  cells' texts on the same spot);
- `cut`: words a cell border runs through (a line of wrapped text half outside its row);
- `missing`: cell texts not printed whole. LibreOffice does not draw what falls outside
  a cell: the lines of a wrapped text taller than its row, the end of a text wider than
  its column when the next cell is filled. The text simply is not in the PDF, so the
  checker looks for every text cell of the sheet in the page's characters;
- `hashes`: `###`, a number wider than its column;
- `split_charts`: charts cut by a page edge (part of the chart on the next page, where the
  repeated header rows print over it).

Text inside a chart is exempt from `cut` (its gridlines are no cell borders), and rotated
text (a chart's axis labels) from `overlaps` and `cut`: its boxes are not its outline.

Font size: pdfplumber's char `size` is measured in page space (pdfminer applies the text
matrix and the current transformation matrix to the glyph box), and LibreOffice writes
the font size already scaled by fit-to-page; a sheet printed at 50 % shows 10 pt text as
`size` 5.0 (the checker's own test asserts it). `rendered_size` still applies a scale
the char matrix might carry, so the size is what a ruler on the paper measures.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pdfplumber
from libreoffice import to_pdf

MINIMUM_SIZE = 8.0  # points: the smallest text an officer can read on paper
OVERLAP_MARGIN = 0.6  # points two word boxes must share both ways to count as overlapping
BORDER_MARGIN = 0.5  # points a border line must lie inside a word box to cut it
WORD_GAP = 1.2  # points between characters that split two words (a space is ≥ 2 pt at 8 pt)
FOOTER_LABEL = "Halaman"  # the page footer: `<sheet>  Halaman n dari m`
SPACE = re.compile(r"\s+")
CHART_FRAME = 100.0  # points: a stroked outline at least this wide and tall frames a chart
FOOTER_GAP = 20.0  # points between the footer's sheet name and whatever follows it


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # rendered font size in points
    upright: bool = True

    def __str__(self) -> str:
        return f"{self.text!r}@({self.x0:.0f},{self.top:.0f}) {self.size:.1f}pt"


@dataclass
class Page:
    number: int
    sheet: str
    words: tuple[Word, ...]
    text: str  # every character in drawing order, without white space
    overlaps: list[tuple[Word, Word]] = field(default_factory=list)
    cut: list[Word] = field(default_factory=list)
    small: list[Word] = field(default_factory=list)
    hashes: list[Word] = field(default_factory=list)
    split_charts: int = 0
    missing: list[str] = field(default_factory=list)  # filled per sheet by `check_workbook`

    @property
    def smallest(self) -> float:
        return min((word.size for word in self.words), default=math.inf)

    @property
    def clean(self) -> bool:
        return not (self.overlaps or self.cut or self.small or self.hashes or self.missing
                    or self.split_charts)

    def describe(self) -> str:
        lines = [f"page {self.number} ({self.sheet}): {len(self.overlaps)} overlapping, "
                 f"{len(self.cut)} cut, {len(self.small)} small (smallest "
                 f"{self.smallest:.1f} pt), {len(self.hashes)} ###, {len(self.missing)} missing, "
                 f"{self.split_charts} split charts"]
        lines += [f"  overlap {first} × {second}" for first, second in self.overlaps[:5]]
        lines += [f"  cut {word}" for word in self.cut[:5]]
        lines += [f"  small {word}" for word in self.small[:5]]
        lines += [f"  ### {word}" for word in self.hashes[:5]]
        lines += [f"  missing {text[:60]!r}" for text in self.missing[:5]]
        return "\n".join(lines)


def check_workbook(workbook: Path, workdir: Path, minimum: float = MINIMUM_SIZE) -> list[Page]:
    """Print `workbook` to PDF with headless LibreOffice and check every page, including
    that every text cell of every sheet is printed whole."""
    pages = check_pdf(to_pdf(workbook, workdir), minimum)
    texts = cell_texts(workbook)
    for sheet, group in by_sheet(pages).items():
        printed = "".join(page.text for page in group)
        group[0].missing = [text for text in texts.get(sheet, []) if _squeeze(text) not in printed]
    return pages


def check_pdf(pdf: Path, minimum: float = MINIMUM_SIZE) -> list[Page]:
    with pdfplumber.open(pdf) as document:
        return [_check_page(page, minimum) for page in document.pages]


def cell_texts(workbook: Path) -> dict[str, list[str]]:
    """Sheet → every text cell (cached formula results included)."""
    book = openpyxl.load_workbook(workbook, data_only=True, read_only=True)
    try:
        return {sheet.title: [value for row in sheet.iter_rows(values_only=True)
                              for value in row if isinstance(value, str) and value.strip()]
                for sheet in book.worksheets}
    finally:
        book.close()


def by_sheet(pages: Iterable[Page]) -> dict[str, list[Page]]:
    sheets: dict[str, list[Page]] = {}
    for page in pages:
        sheets.setdefault(page.sheet, []).append(page)
    return sheets


def summary(pages: Sequence[Page]) -> str:
    """One line per sheet: pages, and how many of each problem, smallest size."""
    lines = []
    for sheet, group in by_sheet(pages).items():
        lines.append(f"{sheet}: {len(group)} pages, "
                     f"{sum(len(page.overlaps) for page in group)} overlapping, "
                     f"{sum(len(page.cut) for page in group)} cut, "
                     f"{sum(len(page.missing) for page in group)} missing, "
                     f"{sum(len(page.hashes) for page in group)} ###, "
                     f"{sum(len(page.small) for page in group)} small, "
                     f"{sum(page.split_charts for page in group)} split charts, "
                     f"smallest {min(page.smallest for page in group):.1f} pt")
    return "\n".join(lines)


def _check_page(page: pdfplumber.page.Page, minimum: float) -> Page:
    words = _words(page)
    footer, body = _split_footer(words)
    upright = [word for word in body if word.upright]
    lines = [line for line in page.lines if line.get("stroke", True)]
    charts = _chart_frames(page)
    in_cells = [word for word in upright if not any(_inside(word, chart) for chart in charts)]
    return Page(
        number=page.page_number,
        sheet=_sheet_name(footer),
        words=tuple(words),
        text=_squeeze("".join(char["text"] for char in page.chars)),
        overlaps=overlapping_pairs(upright),
        cut=[word for word in in_cells if any(_cuts(line, word) for line in lines)],
        small=[word for word in words if word.size < minimum - 0.05],
        hashes=[word for word in body if "###" in word.text],
        split_charts=sum(1 for chart in charts
                         if chart["top"] < 0 or chart["bottom"] > page.height),
    )


def _words(page: pdfplumber.page.Page) -> list[Word]:
    """Words in drawing order, so that two texts drawn over each other stay two words."""
    found = page.extract_words(use_text_flow=True, x_tolerance=WORD_GAP, return_chars=True)
    return [Word(word["text"], word["x0"], word["top"], word["x1"], word["bottom"],
                 min(rendered_size(char["size"], char["matrix"]) for char in word["chars"]),
                 not any(_rotated(char["matrix"]) for char in word["chars"]))
            for word in found]


def _rotated(matrix: Sequence[float]) -> bool:
    """Text not running left to right along the page (pdfminer's `upright` also accepts
    a 45° turn)."""
    return abs(matrix[1]) > 0.01 or abs(matrix[2]) > 0.01


def _chart_frames(page: pdfplumber.page.Page) -> list[dict[str, float]]:
    """The outlines LibreOffice draws around charts: stroked curves of a chart's size."""
    return [curve for curve in page.curves if curve.get("stroke")
            and curve["x1"] - curve["x0"] >= CHART_FRAME
            and curve["bottom"] - curve["top"] >= CHART_FRAME]


def _inside(word: Word, frame: dict[str, float]) -> bool:
    return (frame["x0"] <= word.x0 and word.x1 <= frame["x1"]
            and frame["top"] <= word.top and word.bottom <= frame["bottom"])


def rendered_size(size: float, matrix: Sequence[float]) -> float:
    """The printed size: pdfminer's `size` is already in page space; a text matrix that
    scales by less than one (which LibreOffice does not write) is applied on top."""
    a, b, c, d = matrix[:4]
    scale = math.hypot(c, d)
    return size * scale if 0 < scale < 0.999 and math.hypot(a, b) < 0.999 else size


def _split_footer(words: list[Word]) -> tuple[list[Word], list[Word]]:
    """The footer line (the lowest line holding `Halaman`) and the rest of the page."""
    marks = [word for word in words if word.text == FOOTER_LABEL]
    if not marks:
        return [], words
    mark = max(marks, key=lambda word: word.top)
    footer = [word for word in words if abs(word.top - mark.top) < 1.0]
    return footer, [word for word in words if word not in footer]


def _sheet_name(footer: list[Word]) -> str:
    """The footer's left part: the words from the left margin up to the first wide gap (a
    chart cut by the page may print its labels on the footer's line)."""
    ordered = sorted(footer, key=lambda word: word.x0)
    name: list[Word] = []
    for word in ordered:
        if word.text == FOOTER_LABEL or (name and word.x0 - name[-1].x1 > FOOTER_GAP):
            break
        name.append(word)
    return " ".join(word.text for word in name) or "?"


def _squeeze(text: str) -> str:
    return SPACE.sub("", text)


def overlapping_pairs(words: Sequence[Word]) -> list[tuple[Word, Word]]:
    """Pairs of words whose boxes share more than `OVERLAP_MARGIN` both ways."""
    ordered = sorted(words, key=lambda word: word.top)
    pairs = []
    for index, first in enumerate(ordered):
        for second in ordered[index + 1:]:
            if second.top >= first.bottom - OVERLAP_MARGIN:
                break
            shared_x = min(first.x1, second.x1) - max(first.x0, second.x0)
            shared_y = min(first.bottom, second.bottom) - max(first.top, second.top)
            if shared_x > OVERLAP_MARGIN and shared_y > OVERLAP_MARGIN:
                pairs.append((first, second))
    return pairs


def _cuts(line: dict[str, float], word: Word) -> bool:
    """A border line runs through the word's box, not along its edge."""
    if abs(line["bottom"] - line["top"]) < 0.5:  # horizontal
        y = line["top"]
        return (word.top + BORDER_MARGIN < y < word.bottom - BORDER_MARGIN
                and line["x0"] < word.x1 - BORDER_MARGIN and line["x1"] > word.x0 + BORDER_MARGIN)
    if abs(line["x1"] - line["x0"]) < 0.5:  # vertical
        x = line["x0"]
        return (word.x0 + BORDER_MARGIN < x < word.x1 - BORDER_MARGIN
                and line["top"] < word.bottom - BORDER_MARGIN
                and line["bottom"] > word.top + BORDER_MARGIN)
    return False
