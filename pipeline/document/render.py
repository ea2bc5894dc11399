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
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Length
from docx.table import Table as Grid
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph

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
# The elements of a body row, by their full names (what lxml's `find` takes).
TR, RPR, T = (qn(tag) for tag in ("w:tr", "w:rPr", "w:t"))
SPACE = qn("xml:space")


class Styler:
    """`paragraph.style = …` for the paragraphs of one document, without its cost.

    python-docx scans every style of the document (`Styles.default`) on each call, a
    quarter of a millisecond, some 300 times a document (its paragraphs, the header cells,
    one body row a table). So the first new paragraph of each style gets it through the
    API, and the `w:pPr` that leaves (`<w:pPr><w:pStyle w:val="TabelIsi"/></w:pPr>`, or
    `<w:pPr/>` when the style is the document's default) is copied onto the next new
    ones: the same XML either way. A paragraph that has a `w:pPr` already (the cells of a
    full-width row) gets its style through the API."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.properties: dict[str, BaseOxmlElement] = {}  # style name → its `w:pPr`

    def apply(self, paragraph: Paragraph, style: str) -> None:
        """`paragraph.style = style`."""
        element = paragraph._p
        fresh = element.pPr is None
        if fresh and style in self.properties:
            element.insert(0, copy.deepcopy(self.properties[style]))  # `w:pPr` comes first
            return
        paragraph.style = style
        if fresh and element.pPr is not None:
            self.properties[style] = copy.deepcopy(element.pPr)

    def paragraph(self, text: str, style: str) -> Paragraph:
        """`document.add_paragraph(text, style)`."""
        paragraph = self.document.add_paragraph(text)
        self.apply(paragraph, style)
        return paragraph


def render(document: Document, blocks: list[Block]) -> None:
    styler = Styler(document)
    for block in blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, block.level)
        elif isinstance(block, Text):
            styler.paragraph(block.text, template.BODY)
        elif isinstance(block, Placeholder):
            styler.paragraph(f"[{block.text}]", template.PLACEHOLDER_STYLE)
        elif isinstance(block, Numbered):
            for number, item in enumerate(block.items, start=1):
                styler.paragraph(f"{number}.\t{item}", template.LIST)
        elif isinstance(block, Table):
            add_table(styler, block)
        elif isinstance(block, Signature):
            add_signature(styler, block)
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
        longest = max(map(len, " ".join(texts).split()), default=1)
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


def _repeat(row: _Row, copies: int) -> list[BaseOxmlElement]:
    """`row`'s element and `copies` copies of it (its properties, widths, paragraph styles
    and empty runs) after it, in the table's order.

    python-docx has no API to copy a row, and setting a paragraph's style scans every
    style of the document (`Styles.default`) on each call: in a 2,600-line LRA that was
    most of the document's time. So the body's styles are set once, on one row, through
    the API, and that row's element is copied, as Word copies a row."""
    for _ in range(copies):
        row._tr.addnext(copy.deepcopy(row._tr))
    return [row._tr, *row._tr.itersiblings(TR)]


def _style_model(model: _Row, widths: list[Length], numeric: frozenset[int],
                 styler: Styler) -> None:
    """The body row every other line copies: kept together on a page, each cell at its
    column's width, `Tabel Angka` on figures and `Tabel Isi` on the rest, and in each cell
    the run a line fills (`<w:rPr/>`, not bold) holding an empty `<w:t/>` for its text."""
    _row_property(model, "w:cantSplit")
    for column, cell in enumerate(model.cells):
        cell.width = widths[column]
        paragraph = cell.paragraphs[0]
        styler.apply(paragraph,
                     template.TABLE_NUMBER if column in numeric else template.TABLE_TEXT)
        run = paragraph.add_run()
        run.bold = None
        run._r.append(OxmlElement("w:t"))


def _write(t: BaseOxmlElement, value: str) -> None:
    """`value` into the empty `<w:t/>` of a copied run, as `Run.add_text` writes it into a
    new one: creating a python-docx proxy and an element for each of 16,000 cells cost
    more than the rest of the table. A tab or a line break goes through the run's
    `CT_R.text`, what `Run.text` calls, which turns it into Word's own (`<w:tab/>`,
    `<w:br/>`) in place of the `w:t`."""
    if "\t" in value or "\n" in value or "\r" in value:
        t.getparent().text = value
        return
    t.text = value
    if len(value.strip()) < len(value):  # as `CT_R.add_t`: keep the edges' spaces
        t.set(SPACE, "preserve")


def _fill(tr: BaseOxmlElement, values: tuple[str, ...], bold: bool) -> None:
    """One copied body row's texts. Each cell of the copied row holds one run with one
    `<w:t/>` (a body row has no merge yet), so the row's `w:t` elements, in order, are its
    cells'. An empty cell loses its run, as `Paragraph.clear` leaves it; a bold line's
    runs get `<w:b/>` in their `<w:rPr/>`, as `Run.bold = True` writes it."""
    for t, value in zip(list(tr.iter(T)), values, strict=True):
        run = t.getparent()
        if not value:
            run.getparent().remove(run)
            continue
        if bold:
            run.find(RPR).append(OxmlElement("w:b"))
        _write(t, value)


def _restyle(row: _Row, styler: Styler) -> None:
    """A full-width row (one sentence across, no figures): every cell in `Tabel Isi`
    (through the API: its paragraphs have a style already)."""
    for cell in row.cells:
        styler.apply(cell.paragraphs[0], template.TABLE_TEXT)


def _cell(grid: Grid, row: int, column: int) -> _Cell:
    """`grid.cell(row, column)`, found in its row alone: `Table.cell` lists every cell of
    the table on each call, a millisecond for a table of 100 cells. The same cell (a merged
    one included: the cell a span starts in), so the same merge."""
    return grid.rows[row].cells[column]


def add_table(styler: Styler, table: Table) -> None:
    """The title as a caption, then the table: header rows repeated on every page, figures
    right-aligned, merged cells as the workbook merges them."""
    document = styler.document
    styler.paragraph(table.title, template.CAPTION)
    columns, first = len(table.widths), len(table.header)
    grid = document.add_table(rows=first + min(len(table.rows), 1), cols=columns)
    grid.style = document.styles[template.TABLE]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for column, width in zip(grid.columns, column_widths(table, _text_width(document)),
                             strict=True):
        column.width = width
    widths = [column.width for column in grid.columns]  # looked up once, not once a cell
    for row, labels in zip(grid.rows, table.header, strict=False):
        _row_property(row, "w:tblHeader")
        for cell, label in zip(row.cells, labels, strict=True):
            paragraph = cell.paragraphs[0]
            styler.apply(paragraph, template.TABLE_HEADER)
            if label:  # a cell under a merged one stays empty, so the merge adds no line
                paragraph.add_run(label)
    for span in table.header_merges:
        _cell(grid, span.first_row, span.first_column).merge(
            _cell(grid, span.last_row, span.last_column))
    if table.rows:
        model = grid.rows[first]  # one body row styled, then copied for every other line
        _style_model(model, widths, table.numeric, styler)
        lines = _repeat(model, len(table.rows) - 1)
        for index, (tr, values) in enumerate(zip(lines, table.rows, strict=True)):
            if index in table.full_width:  # one sentence across: no figures in it
                _restyle(_Row(tr, grid), styler)
            _fill(tr, values, index in table.bold)
    for index in table.full_width:
        _cell(grid, first + index, 0).merge(_cell(grid, first + index, columns - 1))
    for merge in table.merges:
        _cell(grid, first + merge.first, merge.column).merge(
            _cell(grid, first + merge.last, merge.column))
    if table.note:
        styler.paragraph(table.note, template.TABLE_TEXT)
    styler.paragraph("", template.BODY)


def add_signature(styler: Styler, signature: Signature) -> None:
    place, office, pemda, name, rank, nip = signature.lines
    styler.paragraph("", template.BODY)
    for line in (place, office, pemda, "", "", ""):
        styler.paragraph(line, template.SIGNATURE)
    signed = styler.paragraph("", template.SIGNATURE).add_run(name)
    signed.bold = signed.underline = True
    styler.paragraph(rank, template.SIGNATURE)
    styler.paragraph(nip, template.SIGNATURE)
