"""Laying the outline's blocks into a Word document with python-docx.

Every paragraph and table gets a named style (`template.STYLES`), never direct formatting
beyond the bold rows of the LRA, the signer's name and the column widths, so an office
restyles the whole document by changing its styles.
"""

from __future__ import annotations

import copy

from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.shared import Cm, Emu
from docx.table import _Row
from docx.text.run import Run

from pipeline.document import template
from pipeline.document.outline import (
    Block,
    Heading,
    Numbered,
    Orientation,
    Placeholder,
    Signature,
    Text,
)
from pipeline.document.tables import Table

# At 8 pt a character is about 1,6 mm wide; a cell's margins take 4 mm.
CHARACTER, CELL_MARGINS, LONGEST_MINIMUM = Cm(0.16), Cm(0.4), Cm(3.5)


def render(document: Document, blocks: list[Block]) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, block.level)
        elif isinstance(block, Text):
            document.add_paragraph(block.text, template.BODY)
        elif isinstance(block, Placeholder):
            document.add_paragraph(f"[{block.text}]", template.PLACEHOLDER_STYLE)
        elif isinstance(block, Numbered):
            for number, item in enumerate(block.items, start=1):
                document.add_paragraph(f"{number}.\t{item}", template.LIST)
        elif isinstance(block, Table):
            add_table(document, block)
        elif isinstance(block, Signature):
            add_signature(document, block)
        else:
            new_section(document, block)


def new_section(document: Document, orientation: Orientation) -> None:
    """A section on a new page, landscape or portrait; its header and footer are the
    previous section's (the kop, the page number, the DRAF line)."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False
    wide = section.page_width is not None and section.page_height is not None and \
        section.page_width > section.page_height
    if wide != orientation.landscape:
        section.page_width, section.page_height = section.page_height, section.page_width
    section.orientation = WD_ORIENT.LANDSCAPE if orientation.landscape else WD_ORIENT.PORTRAIT


def _text_width(document: Document) -> int:
    section = document.sections[-1]
    return int((section.page_width or 0) - (section.left_margin or 0)
               - (section.right_margin or 0))


def column_widths(table: Table, available: int) -> list[Emu]:
    """Each column at least as wide as its longest word (so that `Menunjang` or
    `3.007.643.464` never breaks), the rest of the width shared in the proportions of the
    workbook's column widths; when even the words do not fit, the minimums shrink alike."""
    minimum = []
    for column in range(len(table.widths)):
        texts = [labels[column] for labels in table.header] + [
            row[column] for index, row in enumerate(table.rows)
            if index not in table.full_width]
        longest = max((len(word) for text in texts for word in text.split()), default=1)
        minimum.append(min(CELL_MARGINS + CHARACTER * longest, LONGEST_MINIMUM))
    if sum(minimum) > available:
        return [Emu(int(least * available / sum(minimum))) for least in minimum]
    spare, total = available - sum(minimum), sum(table.widths)
    return [Emu(int(least + spare * share / total))
            for least, share in zip(minimum, table.widths, strict=True)]


def _row_property(row: _Row, name: str) -> None:
    """Word's "Repeat as header row" (`w:tblHeader`) or "Allow row to break across pages"
    off (`w:cantSplit`): python-docx has no property for either, so the element Word
    writes."""
    row._tr.get_or_add_trPr().append(OxmlElement(name))


def _repeat(row: _Row, copies: int) -> None:
    """`copies` copies of `row` (its properties, widths, paragraph styles and empty runs)
    after it.

    python-docx has no API to copy a row, and setting a paragraph's style scans every
    style of the document (`Styles.default`) on each call: in a 2,600-line LRA that was
    most of the document's time. So the body's styles are set once, on one row, through
    the API, and that row's element is copied, as Word copies a row."""
    for _ in range(copies):
        row._tr.addnext(copy.deepcopy(row._tr))


def _write(run: Run, value: str) -> None:
    """`value` into an empty run. `Run.text` turns a tab or a line break into Word's own,
    looking at every character; text without them, nearly every cell, is added whole, to
    the same XML."""
    if "\t" in value or "\n" in value or "\r" in value:
        run.text = value
    else:
        run.add_text(value)


def add_table(document: Document, table: Table) -> None:
    """The title as a caption, then the table: header rows repeated on every page, figures
    right-aligned, merged cells as the workbook merges them."""
    document.add_paragraph(table.title, template.CAPTION)
    columns, first = len(table.widths), len(table.header)
    grid = document.add_table(rows=first + min(len(table.rows), 1), cols=columns)
    grid.style = document.styles[template.TABLE]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for column, width in zip(grid.columns, column_widths(table, _text_width(document)),
                             strict=True):
        column.width = width
    # Each style and width looked up once per table, not once per cell.
    header, text, number = (document.styles[name] for name in (
        template.TABLE_HEADER, template.TABLE_TEXT, template.TABLE_NUMBER))
    widths = [column.width for column in grid.columns]
    for row, labels in zip(grid.rows, table.header, strict=False):
        _row_property(row, "w:tblHeader")
        for cell, label in zip(row.cells, labels, strict=True):
            cell.paragraphs[0].style = header
            if label:  # a cell under a merged one stays empty, so the merge adds no line
                cell.paragraphs[0].add_run(label)
    for span in table.header_merges:
        grid.cell(span.first_row, span.first_column).merge(
            grid.cell(span.last_row, span.last_column))
    if table.rows:
        model = grid.rows[first]  # one body row styled, then copied for every other line
        _row_property(model, "w:cantSplit")
        for column, cell in enumerate(model.cells):
            cell.width = widths[column]
            paragraph = cell.paragraphs[0]
            paragraph.style = number if column in table.numeric else text
            paragraph.add_run().bold = None  # the run a line fills: `<w:rPr/>`, not bold
        _repeat(model, len(table.rows) - 1)
    for index, (row, values) in enumerate(zip(grid.rows[first:], table.rows, strict=True)):
        cells = row.cells
        if index in table.full_width:  # one sentence across: no figures in it
            for cell in cells:
                cell.paragraphs[0].style = text
        for cell, value in zip(cells, values, strict=True):
            paragraph = cell.paragraphs[0]
            if not value:
                paragraph.clear()
                continue
            run = paragraph.runs[0]
            _write(run, value)
            if index in table.bold:
                run.bold = True
    for index in table.full_width:
        grid.cell(first + index, 0).merge(grid.cell(first + index, columns - 1))
    for merge in table.merges:
        grid.cell(first + merge.first, merge.column).merge(
            grid.cell(first + merge.last, merge.column))
    if table.note:
        document.add_paragraph(table.note, template.TABLE_TEXT)
    document.add_paragraph("", template.BODY)


def add_signature(document: Document, signature: Signature) -> None:
    place, office, pemda, name, rank, nip = signature.lines
    document.add_paragraph("", template.BODY)
    for line in (place, office, pemda, "", "", ""):
        document.add_paragraph(line, template.SIGNATURE)
    signed = document.add_paragraph("", template.SIGNATURE).add_run(name)
    signed.bold = signed.underline = True
    document.add_paragraph(rank, template.SIGNATURE)
    document.add_paragraph(nip, template.SIGNATURE)
