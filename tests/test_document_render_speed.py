"""The LAKIP document's tables, written the fast way (`render.add_table`: one styled row
copied for every line, texts set on the copies' elements, styles copied from the first
paragraph of each), are the XML python-docx's own API writes cell by cell: special text
(tabs, line breaks, spaces at the edges, markup characters), empty cells, bold lines,
full-width rows, merges, a table without rows, and a template whose default paragraph
style is a table's, where a style leaves `<w:pPr/>`."""

from __future__ import annotations

import io

import pytest
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from pipeline.document import template
from pipeline.document.outline import Block, Orientation, Signature, Text
from pipeline.document.render import (
    Styler,
    add_signature,
    column_widths,
    new_section,
    render,
)
from pipeline.document.tables import Merge, Table
from pipeline.report.lakip_values import Span

ODD = ["", "a\tb", "line\nbreak", "cr\rhere", " lead", "trail ", "  ", "\t", "x\n", "plain",
       "1.234.567", "ünï © ×", "a & <b> \"q\"", "two\t\ttabs\n\nlines", "\n", "word " * 12]
SPECIAL = Table(
    "X", "Tabel X", (("A", "B", "C", "D", "E"), ("1", "", "3", "4", "5")),
    tuple(tuple(ODD[(line * 3 + column) % len(ODD)] for column in range(5))
          for line in range(40)),
    (1, 2, 1, 1, 1), frozenset({2, 3}),
    merges=(Merge(0, 2, 5), Merge(1, 10, 11), Merge(4, 30, 39)),
    bold=frozenset({0, 1, 7, 12, 13, 20, 39}), full_width=frozenset({7, 8, 25}),
    note="a note\tunder", header_merges=(Span(0, 0, 0, 1),))
EMPTY = Table("Y", "Tabel Y", (("P", "Q"),), (), (1, 1), frozenset({1}))
NUMBERS = Table("Z", "Tabel Z", (("P", "Q", "R"),),
                (("", "", ""), ("1", "2", "3"), ("a\tb", "", "c")), (1, 1, 1),
                frozenset({0, 1, 2}), bold=frozenset({0, 1}), full_width=frozenset({0, 2}))
BLOCKS: list[Block] = [
    Text("Teks\tdengan tab"), SPECIAL, EMPTY, Orientation(True), NUMBERS, Text(""),
    Orientation(False), SPECIAL,
    Signature(("Tempat, 1 Januari 2026", "Kepala", "Pemda", "Nama", "Pembina", "1234")),
]


def _reference_table(document: Document, table: Table) -> None:
    """The table through python-docx's API alone, a style and a run for every cell."""
    document.add_paragraph(table.title, template.CAPTION)
    columns, first = len(table.widths), len(table.header)
    grid = document.add_table(rows=first + len(table.rows), cols=columns)
    grid.style = document.styles[template.TABLE]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    section = document.sections[-1]
    available = int((section.page_width or 0) - (section.left_margin or 0)
                    - (section.right_margin or 0))
    for column, width in zip(grid.columns, column_widths(table, available), strict=True):
        column.width = width
    for row, labels in zip(grid.rows, table.header, strict=False):
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for cell, label in zip(row.cells, labels, strict=True):
            cell.paragraphs[0].style = template.TABLE_HEADER
            if label:
                cell.paragraphs[0].add_run(label)
    for span in table.header_merges:
        grid.cell(span.first_row, span.first_column).merge(
            grid.cell(span.last_row, span.last_column))
    for index, (row, values) in enumerate(zip(grid.rows[first:], table.rows, strict=True)):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for column, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = grid.columns[column].width
            numeric = column in table.numeric and index not in table.full_width
            cell.paragraphs[0].style = template.TABLE_NUMBER if numeric else template.TABLE_TEXT
            if value:
                run = cell.paragraphs[0].add_run()
                run.bold = None
                run.text = value
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


class _ApiStyler(Styler):
    """Every paragraph styled through python-docx's API (`add_paragraph(text, style)`), none
    copied: the reference the styler's copies are set against."""

    def paragraph(self, text: str, style: str) -> Paragraph:
        return self.document.add_paragraph(text, style)


def _reference(document: Document, blocks: list[Block]) -> None:
    for block in blocks:
        if isinstance(block, Text):
            document.add_paragraph(block.text, template.BODY)
        elif isinstance(block, Table):
            _reference_table(document, block)
        elif isinstance(block, Signature):
            add_signature(_ApiStyler(document), block)
        elif isinstance(block, Orientation):
            new_section(document, block)


def _default_style(name: str) -> bytes:
    """The bundled template with `name` as the default paragraph style."""
    document = template.open_template(None)
    for style in document.styles.element.iterchildren(qn("w:style")):
        if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) == "1":
            del style.attrib[qn("w:default")]
    document.styles[name].element.set(qn("w:default"), "1")
    saved = io.BytesIO()
    document.save(saved)
    return saved.getvalue()


@pytest.mark.parametrize("default", [None, template.TABLE_TEXT, template.TABLE_HEADER])
def test_copied_rows_are_the_xml_of_the_api_cell_by_cell(default: str | None) -> None:
    data = None if default is None else _default_style(default)
    fast, reference = template.open_template(data), template.open_template(data)
    render(fast, BLOCKS)
    _reference(reference, BLOCKS)
    body = etree.tostring(fast.element.body)
    assert body == etree.tostring(reference.element.body)
    if default is not None:
        assert b"<w:pPr/>" in body  # the default style: python-docx writes no w:pStyle
    assert body.count(b"<w:tab/>") > 40 and body.count(b"<w:br/>") > 20
    assert b'xml:space="preserve"' in body and b"a &amp; &lt;b&gt;" in body
