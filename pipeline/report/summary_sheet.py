"""The `Ringkasan` sheet: who and which year, budget totals, the capaian of each IKU with
its predikat and a count per predikat, findings, files read, charts, and a DRAFT banner
while errors remain. Figures refer by formula to the sheets they come from."""

from __future__ import annotations

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from pipeline.findings import Severity
from pipeline.money import percent, rupiah
from pipeline.performance import predikat_counts
from pipeline.report.efficiency_sheets import MONTHLY_TOTAL
from pipeline.report.formats import Formats
from pipeline.report.lakip_values import capaian_of, conclusion_of, predikat_of
from pipeline.report.model import Report
from pipeline.report.monthly_sheet import SHEET as MONTHLY
from pipeline.report.monthly_sheet import row_numbers
from pipeline.report.performance_cells import predikat_formula, write_number

CHART_COLUMN = 8  # I: charts sit to the right of the tables


def write_summary(workbook: Workbook, sheet: Worksheet, report: Report, formats: Formats,
                  lra_rows: dict[str, int], capaian_cells: dict[int, str]) -> None:
    for columns, width in (("A:A", 34), ("B:B", 44), ("C:F", 14), ("G:G", 16)):
        sheet.set_column(columns, width)
    _write_banner(sheet, report, formats)
    sheet.write_string(2, 0, "LAPORAN AKUNTABILITAS KINERJA INSTANSI PEMERINTAH", formats.label)
    identity = [
        ("Pemerintah Daerah", report.pemda),
        ("Perangkat Daerah", report.opd),
        ("Tahun Anggaran", str(report.year)),
        ("Kepala Perangkat Daerah", report.identitas.get("kepala", "")),
        ("NIP", report.identitas.get("nip", "")),
    ]
    for offset, (label, value) in enumerate(identity):
        sheet.write_string(4 + offset, 0, label, formats.label)
        sheet.write_string(4 + offset, 1, value)
    row = _write_totals(sheet, report, formats, lra_rows, first=10)
    row = _write_capaian(workbook, sheet, report, formats, capaian_cells, first=row + 1)
    row = _write_programs(workbook, sheet, report, formats, first=row + 1)
    row = _write_counts(sheet, report, formats, first=row + 1)
    _write_files(sheet, report, formats, first=row + 1)


def _write_banner(sheet: Worksheet, report: Report, formats: Formats) -> None:
    if report.errors:
        banner = (f"DRAFT — {report.errors} kesalahan. Perbaiki sel yang tercantum di sheet "
                  "Validasi, lalu jalankan ulang.")
        sheet.merge_range(0, 0, 0, 6, banner, formats.banner_draft)
    else:
        sheet.merge_range(0, 0, 0, 6, "Tidak ada kesalahan data", formats.banner_ok)
    sheet.set_row(0, 30)


def _write_totals(sheet: Worksheet, report: Report, formats: Formats,
                  lra_rows: dict[str, int], first: int) -> int:
    """Budget totals; returns the next free row."""
    belanja = report.belanja()
    anggaran = belanja.anggaran if belanja else 0
    realisasi = belanja.realisasi if belanja else 0
    sheet.write_string(first, 0, "Anggaran Belanja", formats.header)
    sheet.write_string(first, 1, "Rupiah", formats.header)
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
    return first + 6


def _write_capaian(workbook: Workbook, sheet: Worksheet, report: Report, formats: Formats,
                   capaian_cells: dict[int, str], first: int) -> int:
    """Capaian per IKU with predikat, the count per predikat and the conclusion."""
    header = ["No", "Indikator Kinerja Utama", "Target", "Realisasi", "Capaian %", "Predikat"]
    for column, label in enumerate(header):
        sheet.write_string(first, column, label, formats.header)
    ikus = report.pk.ikus
    values = []
    for index, iku in enumerate(ikus):
        row = first + 1 + index
        value = capaian_of(iku)
        values.append(value)
        sheet.write_string(row, 0, str(index + 1), formats.text)
        sheet.write_string(row, 1, iku.indikator, formats.text)
        write_number(sheet, row, 2, iku.target, formats.number)
        write_number(sheet, row, 3, iku.realisasi, formats.number)
        if value is None:
            sheet.write_string(row, 4, "", formats.percent)
        else:
            sheet.write_formula(row, 4, f"={capaian_cells[index]}", formats.percent, float(value))
        sheet.write_formula(row, 5, predikat_formula(f"E{row + 1}", report.pk.bands),
                            formats.text, predikat_of(report, iku))
    last = first + len(ikus)
    counts = predikat_counts(values, report.pk.bands)
    row = last + 2
    sheet.write_string(row, 0, "Predikat", formats.header)
    sheet.write_string(row, 1, "Jumlah indikator", formats.header)
    predikat_range = f"$F${first + 2}:$F${max(last + 1, first + 2)}"
    for offset, (label, number) in enumerate(counts, start=1):
        sheet.write_string(row + offset, 0, label, formats.text)
        sheet.write_formula(row + offset, 1, f"=COUNTIF({predikat_range},A{row + offset + 1})",
                            formats.number, number)
    summary_row = row + len(counts) + 1
    sentence = conclusion_of(report)
    if sentence:
        sheet.write_string(summary_row, 0, sentence)
    if ikus:
        _chart(workbook, sheet, "bar", "Capaian kinerja: realisasi terhadap target per IKU",
               (first, last), 1, {2: "Target", 3: "Realisasi"})
    return summary_row + 1


def _chart(workbook: Workbook, sheet: Worksheet, kind: str, title: str, rows: tuple[int, int],
           categories: int, series: dict[int, str], money: bool = False) -> None:
    """A chart of the table rows `rows` (first header row, last data row), one series per
    column, placed beside the table."""
    first, last = rows
    chart = workbook.add_chart({"type": kind})
    for column, name in series.items():
        chart.add_series({
            "name": name,
            "categories": ["Ringkasan", first + 1, categories, last, categories],
            "values": ["Ringkasan", first + 1, column, last, column],
        })
    chart.set_title({"name": title})
    if money:
        chart.set_y_axis({"num_format": "#,##0"})
    chart.set_size({"width": 620, "height": 300})
    sheet.insert_chart(first, CHART_COLUMN, chart)


def _write_programs(workbook: Workbook, sheet: Worksheet, report: Report, formats: Formats,
                    first: int) -> int:
    """Pagu and realisasi per program, by formula from `Realisasi Bulanan`, with a chart."""
    header = ["Kode Program", "Program", "Pagu", "Realisasi", "%"]
    for column, label in enumerate(header):
        sheet.write_string(first, column, label, formats.header)
    rows = row_numbers(report)
    programs = [line for line in report.monthly if line.depth == 3]
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
    last = first + len(programs)
    if programs:
        _chart(workbook, sheet, "column", "Pagu dan realisasi per program", (first, last), 0,
               {2: "Pagu", 3: "Realisasi"}, money=True)
    return max(last + 1, first + 16)  # leave room for the chart


def _write_counts(sheet: Worksheet, report: Report, formats: Formats, first: int) -> int:
    sheet.write_string(first, 0, "Hasil validasi", formats.header)
    sheet.write_string(first, 1, "Jumlah", formats.header)
    for offset, severity in enumerate(Severity, start=1):
        found = sum(1 for item in report.issues if item.severity is severity)
        sheet.write_string(first + offset, 0, severity.value, formats.text)
        sheet.write_formula(first + offset, 1, f'=COUNTIF(Validasi!A:A,"{severity.value}")',
                            formats.number, found)
    return first + len(Severity) + 2


def _write_files(sheet: Worksheet, report: Report, formats: Formats, first: int) -> None:
    header = ["Berkas masukan", "Isi", "Baris", "Kesalahan", "Peringatan"]
    for column, label in enumerate(header):
        sheet.write_string(first, column, label, formats.header)
    for offset, summary in enumerate(report.files, start=1):
        row = first + offset
        sheet.write_string(row, 0, summary.path, formats.text)
        sheet.write_string(row, 1, summary.roles, formats.text)
        for column, number in ((2, summary.rows), (3, summary.errors), (4, summary.warnings)):
            sheet.write_number(row, column, number, formats.number)

