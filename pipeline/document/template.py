"""The document's template: the bundled one, or the office's own `templat_lakip.docx`.

A template gives the styles (Word's own Heading 1–3, Body Text, Caption, Table Grid, and
the `Tabel …`, `Isian`, `Tanda …` styles below), the header and footer (a kop, a page
number) and the pages before the chapters (the cover). Text in it may hold placeholders,
`{{tahun}}`, `{{perangkat_daerah}}` … (see `PLACEHOLDERS`), filled from the report; the
chapters are added after its last page. A style the office's template lacks is copied
from the bundled one, so any `.docx` will do.
"""

from __future__ import annotations

import copy
import functools
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import cast

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from pipeline.findings import Issue, issue

TEMPLATE_NAME = "templat_lakip.docx"
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024  # a kop with a logo is well under this
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_]+)\s*\}\}")
PLACEHOLDERS = ("perangkat_daerah", "pemerintah_daerah", "tahun", "kepala", "pangkat", "nip",
                "tempat", "tanggal", "pagu_murni", "pagu_perubahan", "realisasi",
                "persen_realisasi")

# The document's own styles; the office may restyle any of them in its template.
BODY, PLACEHOLDER_STYLE, CAPTION = "Body Text", "Isian", "Caption"
TABLE, TABLE_TEXT, TABLE_NUMBER, TABLE_HEADER = ("Tabel LAKIP", "Tabel Isi", "Tabel Angka",
                                                 "Tabel Judul Kolom")
DRAFT, SIGNATURE, LIST = "Tanda Draf", "Tanda Tangan", "List Paragraph"
COVER_TITLE, COVER = "Judul Sampul", "Sampul"
# Every style the chapters use, each after the style it is based on.
STYLES = ("Normal", BODY, "Heading 1", "Heading 2", "Heading 3", COVER_TITLE, COVER,
          CAPTION, LIST, "Table Grid", TABLE, TABLE_TEXT, TABLE_NUMBER, TABLE_HEADER,
          PLACEHOLDER_STYLE, DRAFT, SIGNATURE)
FONT = "Arial"
THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
BLACK = RGBColor(0, 0, 0)


def find_template(folder: Path) -> Path | None:
    """`templat_lakip.docx` at the top of the input folder (any case)."""
    if not folder.is_dir():
        return None
    return next((path for path in sorted(folder.iterdir())
                 if path.name.casefold() == TEMPLATE_NAME and path.is_file()), None)


def read_template(folder: Path) -> tuple[bytes | None, list[Issue]]:
    """The office's template, or None (the bundled one) with a warning when it is there
    but cannot be used."""
    path = find_template(folder)
    if path is None:
        return None, []
    reason = "bukan dokumen Word (.docx) yang dapat dibaca"
    try:
        if path.stat().st_size > MAX_TEMPLATE_BYTES:
            reason = f"berkasnya lebih dari {MAX_TEMPLATE_BYTES // 1024 // 1024} MB"
        else:
            data = path.read_bytes()
            docx.Document(io.BytesIO(data))
            return data, []
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, PackageNotFoundError,
            etree.XMLSyntaxError):
        pass
    return None, [issue("template-unreadable", f"Templat dokumen {path.name}: {reason}; "
                        "dokumen LAKIP disusun dengan templat bawaan.", path.name)]


def open_template(data: bytes | None) -> Document:
    """The office's template with every style the chapters need, or the bundled one."""
    if data is None:
        return bundled()
    document = docx.Document(io.BytesIO(data))
    source = bundled()
    for name in STYLES:
        if name not in document.styles:
            document.styles.element.append(copy.deepcopy(source.styles[name].element))
    return document


def paragraphs(container: Document | Table) -> Iterator[Paragraph]:
    """Every paragraph of the body or a table, tables within tables included."""
    items = container.iter_inner_content() if isinstance(container, Document) else (
        item for row in container.rows for cell in row.cells
        for item in cell.iter_inner_content())
    for item in items:
        if isinstance(item, Paragraph):
            yield item
        else:
            yield from paragraphs(item)


def _all_paragraphs(document: Document) -> Iterator[Paragraph]:
    yield from paragraphs(document)
    for index, section in enumerate(document.sections):
        parts = [section.header, section.footer]
        if section.different_first_page_header_footer:
            parts += [section.first_page_header, section.first_page_footer]
        for part in parts:
            if index == 0 or not part.is_linked_to_previous:
                yield from part.paragraphs
                for table in part.tables:
                    yield from paragraphs(table)


def fill(document: Document, values: dict[str, str]) -> None:
    """Replace `{{name}}` everywhere (body, tables, headers, footers). A placeholder takes
    the formatting of its paragraph's first run; an unknown name is left as typed."""

    def filled(text: str) -> str:
        return PLACEHOLDER.sub(lambda match: values.get(match.group(1).casefold(),
                                                        match.group(0)), text)

    for paragraph in _all_paragraphs(document):
        text, runs = paragraph.text, paragraph.runs
        if "{{" not in text or filled(text) == text or not runs:
            continue
        if "".join(run.text for run in runs) == text:  # Word splits text into runs at will
            runs[0].text = filled(text)
            for run in runs[1:]:
                run.text = ""
        else:  # a hyperlink or field holds part of the text: only whole runs are filled
            for run in runs:
                run.text = filled(run.text)


# --- the bundled template -------------------------------------------------------------------

# Paragraph and character styles of python-docx's blank document that the report never uses.
UNUSED_STYLES = ("No Spacing", "Subtitle", "List Bullet", "List Number", "List Continue",
                 "List 2", "List 3", "Body Text 2", "Body Text 3", "macro",
                 "Macro", "Quote", "Intense", "Subtle", "Book Title", "TOC Heading", "Strong",
                 "Emphasis")


def bundled() -> Document:
    """python-docx's blank document with the report's styles, an A4 page, a page number in
    the footer and the cover: a new copy each time, read from the one built first."""
    return docx.Document(io.BytesIO(_bundled_bytes()))


@functools.cache
def _bundled_bytes() -> bytes:
    """The bundled template, built once a process: building it (25 ms) costs more than
    reading it back (2 ms), once per OPD in a pemda run. Both give the same document."""
    buffer = io.BytesIO()
    _build_bundled().save(buffer)
    return buffer.getvalue()


def _build_bundled() -> Document:
    document = docx.Document()
    for style in list(document.styles):  # python-docx's hundred table styles: none are used
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in ("Normal Table", "Table Grid"):
            style.delete()
        elif (style.name or "").startswith(UNUSED_STYLES):
            # Nor these: and every style set on a paragraph makes python-docx look through
            # all of them.
            style.delete()
    _define_styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)
    _page_number(section.footer.paragraphs[0])
    section.different_first_page_header_footer = True  # the cover: no page number
    _cover(document)
    return document


def _cover(document: Document) -> None:
    for _ in range(6):
        document.add_paragraph("", COVER_TITLE)
    document.add_paragraph("LAPORAN AKUNTABILITAS KINERJA INSTANSI PEMERINTAH", COVER_TITLE)
    document.add_paragraph("(LAKIP)", COVER_TITLE)
    for _ in range(8):
        document.add_paragraph("", COVER)
    for line in ("{{perangkat_daerah}}", "{{pemerintah_daerah}}", "Tahun Anggaran {{tahun}}"):
        document.add_paragraph(line, COVER)


def _page_number(paragraph: Paragraph) -> None:
    """`Halaman N`: a PAGE field, which Word and LibreOffice fill in."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Halaman ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)  # python-docx has no field API: the element, as Word writes it


def _define_styles(document: Document) -> None:
    styles = document.styles

    def style(name: str, size: float, bold: bool | None = None, base: str = "Normal",
              align: WD_ALIGN_PARAGRAPH | None = None, after: float = 6) -> ParagraphStyle:
        """The style `name` (added, based on `base`, when the blank document lacks it) in
        the report's font, black, not italic."""
        if name not in styles:
            styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = styles[base]
        found = cast(ParagraphStyle, styles[name])
        found.font.name, found.font.size, found.font.color.rgb = FONT, Pt(size), BLACK
        fonts = found.element.rPr.rFonts if found.element.rPr is not None else None
        if fonts is not None:
            for theme in THEME_FONTS:
                fonts.attrib.pop(qn(theme), None)  # a theme font would win over FONT
        found.font.bold, found.font.italic = bold, False
        found.paragraph_format.space_after = Pt(after)
        if align is not None:
            found.paragraph_format.alignment = align
        return found

    style("Normal", 11)
    style(BODY, 11, align=WD_ALIGN_PARAGRAPH.JUSTIFY).paragraph_format.line_spacing = 1.15
    for level, size in ((1, 14), (2, 12), (3, 11)):
        heading = style(f"Heading {level}", size, True, after=12 if level == 1 else 6)
        heading.paragraph_format.space_before = Pt(12)
        heading.paragraph_format.keep_with_next = True
    chapter = cast(ParagraphStyle, styles["Heading 1"]).paragraph_format
    chapter.alignment, chapter.page_break_before = WD_ALIGN_PARAGRAPH.CENTER, True
    style(COVER_TITLE, 18, True, align=WD_ALIGN_PARAGRAPH.CENTER)
    style(COVER, 14, True, align=WD_ALIGN_PARAGRAPH.CENTER, after=2).font.all_caps = True
    style(CAPTION, 10, True, align=WD_ALIGN_PARAGRAPH.CENTER).paragraph_format \
        .keep_with_next = True
    listed = style(LIST, 11, base=BODY).paragraph_format
    listed.left_indent, listed.first_line_indent = Cm(0.75), Cm(-0.5)
    style(TABLE_TEXT, 8, after=0)
    style(TABLE_NUMBER, 8, base=TABLE_TEXT, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    style(TABLE_HEADER, 8, True, base=TABLE_TEXT, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    placeholder = style(PLACEHOLDER_STYLE, 11, base=BODY)
    placeholder.font.italic, placeholder.font.highlight_color = True, WD_COLOR_INDEX.YELLOW
    style(DRAFT, 14, True, align=WD_ALIGN_PARAGRAPH.CENTER).font.color.rgb = RGBColor(0xC0, 0, 0)
    style(SIGNATURE, 11, align=WD_ALIGN_PARAGRAPH.CENTER, after=0).paragraph_format \
        .left_indent = Cm(8)
    styles.add_style(TABLE, WD_STYLE_TYPE.TABLE).base_style = styles["Table Grid"]
