"""Blank input workbooks an officer can fill without reading a manual: DPA, Realisasi, PK.

Every data sheet has one styled, frozen header row whose labels come from the input
contract (`pipeline.layouts`), code columns formatted as text, money columns as numbers,
dropdowns and validation where Excel can enforce the rules, and an input message on each
header cell. A `Petunjuk` sheet explains everything in Indonesian; a `Contoh` sheet shows
one filled row per data sheet. The same command writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from pipeline.chart import bundled_chart
from pipeline.layouts import (
    ANGGARAN,
    IDENTITAS_FIELDS,
    IDENTITAS_REQUIRED,
    KRITERIA,
    PK_PROGRAM,
    PROGRAM,
    REALISASI,
    SASARAN,
    Layout,
)
from pipeline.months import MONTH_NAMES
from pipeline.performance import DEFAULT_BANDS
from pipeline.template_text import CHECKS, COLUMN_HELP, NOTATION, SHEET_HELP, USAGE

CREATED = dt.datetime(2024, 1, 1)
ROWS = 2000  # rows prepared with formats, validation and the Uraian formula
TEMPLATE_NAMES = {"dpa": "Template_DPA.xlsx", "realisasi": "Template_Realisasi.xlsx",
                  "pk": "Template_PK.xlsx"}
CODE_KINDS = {"account", "program"}
WIDTHS = {"account": 20, "program": 20, "money": 17, "number": 11, "year": 8, "month": 11,
          "date": 12, "text": 30}
LISTS = {
    ("sasaran", "polaritas"): ["Positif", "Negatif"],
    ("pk_program", "menunjang"): ["Menunjang", "Tidak Menunjang"],
    ("realisasi", "bulan"): list(MONTH_NAMES),
}
EXAMPLES: dict[str, list[object]] = {
    "program": ["1.06.02.2.03.0002", "Peningkatan Kemampuan Potensi Tenaga Kesejahteraan "
                "Sosial Kecamatan", "Jumlah TKSK yang meningkat kapasitasnya", 8, "orang"],
    "anggaran": ["1.06.02.2.03.0002", "5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan "
                 "Kantor-Alat Tulis Kantor", 5_000_000, 4_500_000, "DAU"],
    "realisasi": [2023, "Maret", "1.06.02.2.03.0002", "5.1.02.01.01.0024",
                  "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor", 1_250_000,
                  "0042/SP2D/LS/2023", "15/03/2023"],
    "sasaran": [1, "Meningkatnya penanganan PMKS", "Persentase PMKS yang memperoleh bantuan "
                "sosial", "%", "Positif", 18, 16.81, 3.17, 35, 2026, "", "Dokumen Kantor",
                "1.06.04", "Tersedianya anggaran dan SDM", ""],
    "pk_program": ["1.06.04", "Persentase PMKS yang mendapatkan pelayanan rehabilitasi", "%",
                   18, 16.81, "Menunjang", "Tersedianya anggaran dan SDM", 418_605_438],
}


class _Styles:
    def __init__(self, workbook: Workbook) -> None:
        base = {"font_name": "Arial", "font_size": 10}
        self.header = workbook.add_format({**base, "bold": True, "bg_color": "#D9E1F2",
                                           "border": 1, "text_wrap": True, "valign": "top"})
        self.code = workbook.add_format({**base, "num_format": "@"})
        self.money = workbook.add_format({**base, "num_format": "#,##0"})
        self.plain = workbook.add_format(base)
        self.title = workbook.add_format({**base, "bold": True, "font_size": 13})
        self.heading = workbook.add_format({**base, "bold": True, "font_size": 11})
        self.wrap = workbook.add_format({**base, "text_wrap": True, "valign": "top"})
        self.label = workbook.add_format({**base, "bold": True, "valign": "top"})


def write_templates(folder: Path) -> list[Path]:
    """Write the three templates into `folder`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    writers = {"dpa": _dpa, "realisasi": _realisasi, "pk": _pk}
    paths = []
    for kind, writer in writers.items():
        path = folder / TEMPLATE_NAMES[kind]
        workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                                   "strings_to_numbers": False})
        workbook.set_properties({"title": f"Templat {kind.upper()} LAKIP Pipeline",
                                 "author": "LAKIP Pipeline", "created": CREATED})
        writer(workbook, _Styles(workbook))
        workbook.close()
        paths.append(path)
    return paths


def _dpa(workbook: Workbook, styles: _Styles) -> None:
    sheets = [("Identitas", None), ("Program", PROGRAM), ("Anggaran", ANGGARAN)]
    _petunjuk(workbook, styles, "DPA (Dokumen Pelaksanaan Anggaran)", sheets + [
        ("Referensi", None)])
    identitas = workbook.add_worksheet("Identitas")
    identitas.set_column("A:A", 28)
    identitas.set_column("B:B", 50, styles.code)
    for row, (name, label) in enumerate(IDENTITAS_FIELDS.items()):
        wajib = " (wajib)" if name in IDENTITAS_REQUIRED else ""
        identitas.write_string(row, 0, label, styles.label)
        identitas.write_comment(row, 0, f"Isi kolom B{wajib}.")
    _data_sheet(workbook, styles, "Program", PROGRAM)
    anggaran = _data_sheet(workbook, styles, "Anggaran", ANGGARAN)
    for row in range(1, ROWS + 1):
        anggaran.write_formula(row, 2, f'=IF(B{row + 1}="","",IFERROR(VLOOKUP(B{row + 1},'
                               f'Referensi!$A:$B,2,FALSE),""))', styles.plain, "")
    reference = workbook.add_worksheet("Referensi")
    reference.set_column("A:A", 20, styles.code)
    reference.set_column("B:B", 90)
    reference.write_row(0, 0, ["Kode Rekening", "Uraian"], styles.header)
    for row, (code, name) in enumerate(bundled_chart().items(), start=1):
        reference.write_string(row, 0, code)
        reference.write_string(row, 1, name)
    reference.freeze_panes(1, 0)
    reference.protect()
    _examples(workbook, styles, [("Program", PROGRAM), ("Anggaran", ANGGARAN)])


def _realisasi(workbook: Workbook, styles: _Styles) -> None:
    _petunjuk(workbook, styles, "Realisasi", [("Realisasi", REALISASI)])
    _data_sheet(workbook, styles, "Realisasi", REALISASI)
    _examples(workbook, styles, [("Realisasi", REALISASI)])


def _pk(workbook: Workbook, styles: _Styles) -> None:
    _petunjuk(workbook, styles, "PK (Perjanjian Kinerja)", [
        ("Sasaran", SASARAN), ("Program PK", PK_PROGRAM), ("Kriteria", KRITERIA)])
    _data_sheet(workbook, styles, "Sasaran", SASARAN)
    _data_sheet(workbook, styles, "Program", PK_PROGRAM)
    kriteria = _data_sheet(workbook, styles, "Kriteria", KRITERIA)
    for row, band in enumerate(sorted(DEFAULT_BANDS, key=lambda band: band.lower), start=1):
        lower = 0 if band.lower.is_infinite() else int(band.lower)
        kriteria.write_number(row, 0, lower)
        kriteria.write_string(row, 2, band.label)
    _examples(workbook, styles, [("Sasaran", SASARAN), ("Program", PK_PROGRAM)])


def _data_sheet(workbook: Workbook, styles: _Styles, name: str, layout: Layout) -> Worksheet:
    """Header row, column formats, validation and input messages for one data sheet."""
    sheet = workbook.add_worksheet(name)
    for column, field in enumerate(layout.fields):
        column_format = styles.code if field.kind in CODE_KINDS else (
            styles.money if field.kind == "money" else None)
        sheet.set_column(column, column, WIDTHS[field.kind], column_format)
        sheet.write_string(0, column, field.label, styles.header)
        help_text = COLUMN_HELP.get((layout.kind, field.name), "")
        wajib = "Wajib. " if field.required else ""
        sheet.data_validation(0, column, 0, column, {
            "validate": "any", "input_title": field.label[:32],
            "input_message": (wajib + help_text)[:255]})
        _validate_column(sheet, layout.kind, field.name, field.kind, column)
    sheet.freeze_panes(1, 0)
    sheet.set_row(0, 30)
    return sheet


def _validate_column(sheet: Worksheet, kind: str, name: str, field_kind: str,
                     column: int) -> None:
    options: dict[str, object] | None = None
    if (kind, name) in LISTS:
        options = {"validate": "list", "source": LISTS[(kind, name)],
                   "error_type": "warning" if name == "bulan" else "stop",
                   "error_message": "Pilih dari daftar."}
    elif field_kind == "money" and kind != "realisasi":
        options = {"validate": "decimal", "criteria": ">=", "value": 0,
                   "error_title": "Nilai tidak sah",
                   "error_message": "Isi angka rupiah yang tidak negatif."}
    elif field_kind == "money":
        options = {"validate": "decimal", "criteria": "between", "minimum": -1e15,
                   "maximum": 1e15, "error_title": "Nilai tidak sah",
                   "error_message": "Isi angka rupiah (negatif untuk pengembalian)."}
    elif field_kind == "year":
        options = {"validate": "integer", "criteria": "between", "minimum": 2000,
                   "maximum": 2100, "error_message": "Isi tahun empat angka, misalnya 2023."}
    if options is not None:
        sheet.data_validation(1, column, ROWS, column, options)


def _petunjuk(workbook: Workbook, styles: _Styles, title: str,
              sheets: list[tuple[str, Layout | None]]) -> None:
    sheet = workbook.add_worksheet("Petunjuk")
    sheet.set_column("A:A", 24)
    sheet.set_column("B:B", 24)
    sheet.set_column("C:C", 90)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.write_string(0, 0, f"Templat {title} — LAKIP Pipeline", styles.title)
    row = 2
    for heading, lines in (("Cara memakai", USAGE), ("Notasi angka dan kode", NOTATION),
                           ("Yang diperiksa", CHECKS)):
        sheet.write_string(row, 0, heading, styles.heading)
        row += 1
        for line in lines:
            sheet.merge_range(row, 0, row, 2, f"• {line}", styles.wrap)
            sheet.set_row(row, 27)
            row += 1
        row += 1
    sheet.write_string(row, 0, "Sheet dan kolom", styles.heading)
    row += 1
    for name, layout in sheets:
        sheet.write_string(row, 0, name if name != "Program PK" else "Program", styles.label)
        sheet.merge_range(row, 1, row, 2, SHEET_HELP.get(name, ""), styles.wrap)
        row += 1
        kind = layout.kind if layout else ""
        for field in layout.fields if layout else ():
            wajib = " (wajib)" if field.required else ""
            sheet.write_string(row, 1, field.label + wajib)
            sheet.write_string(row, 2, COLUMN_HELP.get((kind, field.name), ""), styles.wrap)
            row += 1
        row += 1
    sheet.activate()


def _examples(workbook: Workbook, styles: _Styles, sheets: list[tuple[str, Layout]]) -> None:
    """One filled row per data sheet, under the same header, on a sheet of its own."""
    sheet = workbook.add_worksheet("Contoh")
    sheet.set_column("A:Z", 18)
    row = 0
    for name, layout in sheets:
        sheet.write_string(row, 0, f"Contoh sheet {name}", styles.heading)
        sheet.write_row(row + 1, 0, [field.label for field in layout.fields], styles.header)
        for column, value in enumerate(EXAMPLES[layout.kind]):
            if isinstance(value, str):
                sheet.write_string(row + 2, column, value)
            else:
                sheet.write_number(row + 2, column, value)
        row += 4
