"""The `Ringkasan` sheet, the cover page of the report: the title, the period, the DRAFT
banner while errors remain, who signs, budget totals, the capaian of each IKU with its
predikat and a count per predikat, the programs' budget, the findings counted, the
signature block, and below them (on a page of their own) the charts. Figures refer by
formula to the sheets they come from."""

from __future__ import annotations

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from pipeline.findings import Severity
from pipeline.money import percent, rupiah
from pipeline.performance import predikat_counts
from pipeline.report import cover
from pipeline.report.efficiency_sheets import MONTHLY_TOTAL
from pipeline.report.fit import Cell, row_height
from pipeline.report.formats import Formats
from pipeline.report.lakip_values import capaian_of, conclusion_of, money_width, predikat_of
from pipeline.report.model import Report
from pipeline.report.monthly_sheet import SHEET as MONTHLY
from pipeline.report.monthly_sheet import row_numbers
from pipeline.report.performance_cells import figure_format, predikat_formula, write_number
from pipeline.report.summary_charts import Block, write_charts

# A: labels, No, codes; B: names; C–F: figures. Printed at 100 % on A4 landscape
# (`fit.page_points` within `fit.printable_width`), as the LAKIP tables.
WIDTHS = (28, 48, 14, 14, 11, 15)
LAST = len(WIDTHS) - 1
TITLE, PERIOD, BANNER, IDENTITY = 0, 1, 2, 4
SIGNATURE_COLUMNS = (3, LAST)  # D:F


def write_summary(workbook: Workbook, sheet: Worksheet, report: Report, formats: Formats,
                  lra_rows: dict[str, int], capaian_cells: dict[int, str]) -> None:
    programs_shown = [line for line in report.monthly if line.depth == 3]
    money = money_width([amount for line in programs_shown
                         for amount in (line.pagu, line.realisasi)],
                        report.money_with_sen, WIDTHS[2])
    for column, width in enumerate(WIDTHS):  # heights are estimated on the narrower WIDTHS
        sheet.set_column(column, column, money if column in (2, 3) else width)
    sheet.merge_range(TITLE, 0, TITLE, LAST, cover.title(report), formats.cover_title)
    sheet.set_row(TITLE, row_height([Cell(cover.title(report), sum(WIDTHS), 14, True)],
                                    minimum=0))
    sheet.merge_range(PERIOD, 0, PERIOD, LAST, cover.period(report), formats.subtitle)
    _write_banner(sheet, report, formats)
    row = _write_identity(sheet, report, formats, IDENTITY)
    row = _write_totals(sheet, report, formats, lra_rows, first=row + 2)
    capaian = _write_capaian(sheet, report, formats, capaian_cells, first=row + 2)
    row = _write_counts(sheet, report, formats, capaian, first=capaian.last + 2)
    programs = _write_programs(sheet, report, formats, first=row + 1)
    row = _write_findings(sheet, report, formats, first=programs.last + 2)
    row = _write_signature(sheet, report, formats, first=row + 1)
    charts = write_charts(workbook, sheet, capaian, programs, first=row + 2)
    # Page 1 the figures of performance, page 2 the budget and the signature, then the charts.
    sheet.set_h_pagebreaks([programs.header, row + 2, *charts])


def _heights(sheet: Worksheet, rows: dict[int, list[Cell]]) -> None:
    for row, cells in rows.items():
        height = row_height(cells)
        if height is not None:
            sheet.set_row(row, height)


def _write_banner(sheet: Worksheet, report: Report, formats: Formats) -> None:
    if report.errors:
        banner = (f"DRAFT — {report.errors} kesalahan. Perbaiki sel yang tercantum di sheet "
                  "Validasi, lalu jalankan ulang.")
        sheet.merge_range(BANNER, 0, BANNER, LAST, banner, formats.banner_draft)
    else:
        sheet.merge_range(BANNER, 0, BANNER, LAST, "Tidak ada kesalahan data", formats.banner_ok)
    sheet.set_row(BANNER, 30)


def _write_identity(sheet: Worksheet, report: Report, formats: Formats, first: int) -> int:
    """Who reports and who signs; returns the last row."""
    identitas = report.identitas
    identity = [
        ("Pemerintah Daerah", report.pemda),
        ("Perangkat Daerah", report.opd),
        ("Tahun Anggaran", str(report.year)),
        ("Kepala Perangkat Daerah", identitas.get("kepala", "")),
        ("Pangkat/Golongan", identitas.get("pangkat", "")),
        ("NIP", cover.spaced_nip(identitas.get("nip", ""))),
    ]
    for offset, (label, value) in enumerate(identity):
        sheet.write_string(first + offset, 0, label, formats.label)
        sheet.write_string(first + offset, 1, value, formats.wrap)
    return first + len(identity) - 1


def _write_header(sheet: Worksheet, row: int, labels: list[str], formats: Formats) -> None:
    for column, label in enumerate(labels):
        sheet.write_string(row, column, label, formats.header)


def _write_totals(sheet: Worksheet, report: Report, formats: Formats,
                  lra_rows: dict[str, int], first: int) -> int:
    """Budget totals; returns the last row."""
    belanja = report.belanja()
    anggaran = belanja.anggaran if belanja else 0
    realisasi = belanja.realisasi if belanja else 0
    _write_header(sheet, first, ["Anggaran Belanja", "Rupiah"], formats)
    labels = ["Pagu murni", "Pagu perubahan", "Realisasi", "% realisasi terhadap pagu perubahan"]
    for offset, label in enumerate(labels, start=1):
        sheet.write_string(first + offset, 0, label, formats.text)
    sheet.write_number(first + 1, 1, rupiah(report.pagu_murni), formats.money)
    for offset, (column, amount) in enumerate((("C", anggaran), ("D", realisasi)), start=2):
        if belanja is None:
            sheet.write_number(first + offset, 1, 0, formats.money)
        else:
            sheet.write_formula(first + offset, 1, f"=LRA!{column}{lra_rows['5']}",
                                formats.money, rupiah(amount))
    pagu_cell, spent_cell = f"B{first + 3}", f"B{first + 4}"
    sheet.write_formula(first + 4, 1, f"=IF({pagu_cell}=0,0,ROUND({spent_cell}/{pagu_cell}*100,2))",
                        formats.percent, float(percent(realisasi, anggaran)))
    _heights(sheet, {first + 4: [Cell(labels[-1], WIDTHS[0])]})
    return first + 4


def _write_capaian(sheet: Worksheet, report: Report, formats: Formats,
                   capaian_cells: dict[int, str], first: int) -> Block:
    """Capaian per IKU with predikat, by formula from III.A.1."""
    _write_header(sheet, first, ["No", "Indikator Kinerja Utama", "Target", "Realisasi",
                                 "Capaian %", "Predikat"], formats)
    ikus = report.pk.ikus
    target = figure_format([iku.target for iku in ikus], formats)
    realisasi = figure_format([iku.realisasi for iku in ikus], formats)
    heights = {}
    for index, iku in enumerate(ikus):
        row = first + 1 + index
        value = capaian_of(iku)
        sheet.write_string(row, 0, str(index + 1), formats.text)
        sheet.write_string(row, 1, iku.indikator, formats.text)
        write_number(sheet, row, 2, iku.target, target)
        write_number(sheet, row, 3, iku.realisasi, realisasi)
        if value is None:
            sheet.write_string(row, 4, "", formats.percent)
        else:
            sheet.write_formula(row, 4, f"={capaian_cells[index]}", formats.percent, float(value))
        sheet.write_formula(row, 5, predikat_formula(f"E{row + 1}", report.pk.bands),
                            formats.text, predikat_of(report, iku))
        heights[row] = [Cell(iku.indikator, WIDTHS[1]), Cell(predikat_of(report, iku), WIDTHS[5])]
    _heights(sheet, heights)
    return Block(first, first + len(ikus))


def _write_counts(sheet: Worksheet, report: Report, formats: Formats, capaian: Block,
                  first: int) -> int:
    """The count per predikat and the conclusion; returns the last row."""
    values = [capaian_of(iku) for iku in report.pk.ikus]
    counts = predikat_counts(values, report.pk.bands)
    _write_header(sheet, first, ["Predikat", "Jumlah indikator"], formats)
    predikat_range = f"$F${capaian.header + 2}:$F${max(capaian.last + 1, capaian.header + 2)}"
    for offset, (label, number) in enumerate(counts, start=1):
        sheet.write_string(first + offset, 0, label, formats.text)
        sheet.write_formula(first + offset, 1, f"=COUNTIF({predikat_range},A{first + offset + 1})",
                            formats.number, number)
    last = first + len(counts)
    sentence = conclusion_of(report)
    if sentence:
        last += 1
        sheet.merge_range(last, 0, last, LAST, sentence, formats.wrap)
        _heights(sheet, {last: [Cell(sentence, sum(WIDTHS))]})
    return last


def _write_programs(sheet: Worksheet, report: Report, formats: Formats, first: int) -> Block:
    """Pagu and realisasi per program, by formula from `Realisasi Bulanan`."""
    _write_header(sheet, first, ["Kode Program", "Program", "Pagu", "Realisasi", "%"], formats)
    rows = row_numbers(report)
    programs = [line for line in report.monthly if line.depth == 3]
    heights = {}
    for offset, line in enumerate(programs, start=1):
        row = first + offset
        source = rows[line.code]
        sheet.write_string(row, 0, line.code, formats.code)
        sheet.write_string(row, 1, line.name, formats.text)
        sheet.write_formula(row, 2, f"='{MONTHLY}'!C{source}", formats.money, rupiah(line.pagu))
        sheet.write_formula(row, 3, f"='{MONTHLY}'!{MONTHLY_TOTAL}{source}", formats.money,
                            rupiah(line.realisasi))
        sheet.write_formula(row, 4, f"=IF(C{row + 1}=0,0,ROUND(D{row + 1}/C{row + 1}*100,2))",
                            formats.percent, float(percent(line.realisasi, line.pagu)))
        heights[row] = [Cell(line.name, WIDTHS[1])]
    _heights(sheet, heights)
    return Block(first, first + len(programs))


def _write_findings(sheet: Worksheet, report: Report, formats: Formats, first: int) -> int:
    """Errors and warnings counted from `Validasi`; returns the last row."""
    _write_header(sheet, first, ["Hasil validasi", "Jumlah"], formats)
    for offset, severity in enumerate(Severity, start=1):
        found = sum(1 for item in report.issues if item.severity is severity)
        sheet.write_string(first + offset, 0, severity.value, formats.text)
        sheet.write_formula(first + offset, 1, f'=COUNTIF(Validasi!A:A,"{severity.value}")',
                            formats.number, found)
    return first + len(Severity)


def _write_signature(sheet: Worksheet, report: Report, formats: Formats, first: int) -> int:
    """Place and date, jabatan, room to sign, name, pangkat and NIP, at the right as a
    letter is signed; returns the last row."""
    centred, name = formats.centred, formats.signer
    place, office, pemda, signer, rank, nip = cover.signature_lines(report)
    lines: list[tuple[str, Format]] = [(place, centred), (office, centred), (pemda, centred),
                                       ("", centred), ("", centred), ("", centred),
                                       (signer, name), (rank, centred), (nip, centred)]
    left, right = SIGNATURE_COLUMNS
    for offset, (text, cell_format) in enumerate(lines, start=1):
        sheet.merge_range(first + offset, left, first + offset, right, text, cell_format)
    return first + len(lines)
