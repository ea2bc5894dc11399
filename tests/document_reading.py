"""Reading a written LAKIP document back: its paragraphs, its tables by title, and the
Indonesian notation of its figures, parsed independently of the pipeline."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

Rows = list[list[str]]

# `5.425.037.031`, `(5.425.037.031)`, `96,38`, `-17,95`, `60`
NUMBER = re.compile(r"\(?-?\d{1,3}(?:\.\d{3})+(?:,\d+)?\)?|\(?-?\d+(?:,\d+)?\)?")


def number(text: str) -> Decimal | None:
    """A cell or token in Indonesian notation as a Decimal; None for anything else."""
    text = text.strip()
    if not NUMBER.fullmatch(text):
        return None
    negative = text.startswith("(")
    value = Decimal(text.strip("()").replace(".", "").replace(",", "."))
    return -value if negative else value


def numbers_in(text: str) -> list[Decimal]:
    """Every figure written in a sentence (years and counts included)."""
    found = [number(token) for token in NUMBER.findall(text)]
    return [value for value in found if value is not None]


def paragraphs(path: Path) -> list[Paragraph]:
    return docx.Document(str(path)).paragraphs


def texts(path: Path) -> list[str]:
    return [paragraph.text for paragraph in paragraphs(path)]


def grid(table: Table) -> Rows:
    """The table's text, a merged cell's text only in its first row and column (as the
    workbook's merged cells read)."""
    rows: Rows = []
    above: list[object] = []
    for row in table.rows:
        cells = row.cells
        elements = [cell._tc for cell in cells]
        line = []
        for column, cell in enumerate(cells):
            merged = (column and elements[column - 1] is elements[column]) or (
                above and above[column] is elements[column])
            line.append("" if merged else cell.text)
        rows.append(line)
        above = elements
    return rows


def tables_by_title(path: Path) -> dict[str, Rows]:
    """Each table under the caption paragraph just before it."""
    document = docx.Document(str(path))
    found: dict[str, Rows] = {}
    caption = ""
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            if item.style is not None and item.style.name == "Caption":
                caption = item.text
        else:
            found[caption] = grid(item)
    return found


def table_starting(path: Path, prefix: str) -> Rows:
    """The table whose title starts with `prefix` (`Tabel III.A.1`)."""
    [rows] = [rows for title, rows in tables_by_title(path).items()
              if title.startswith(prefix + " ") or title == prefix]
    return rows
