"""The `Ringkasan` sheet: who, which year, the budget totals, how many findings, and a
DRAFT banner while errors remain. Totals refer to the LRA and Validasi sheets by formula."""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from pipeline.findings import Severity
from pipeline.money import percent, rupiah
from pipeline.report.formats import Formats
from pipeline.report.model import Report


def write_summary(sheet: Worksheet, report: Report, formats: Formats,
                  lra_rows: dict[str, int]) -> None:
    sheet.set_column("A:A", 34)
    sheet.set_column("B:B", 22)
    sheet.set_column("C:E", 14)
    sheet.set_column("F:F", 40)
    if report.errors:
        banner = (f"DRAFT — {report.errors} kesalahan. Perbaiki sel yang tercantum di sheet "
                  "Validasi, lalu jalankan ulang.")
        sheet.merge_range(0, 0, 0, 5, banner, formats.banner_draft)
    else:
        sheet.merge_range(0, 0, 0, 5, "Tidak ada kesalahan data", formats.banner_ok)
    sheet.set_row(0, 30)
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
    _write_totals(sheet, report, formats, lra_rows, first=10)
    _write_counts(sheet, report, formats, first=16)
    _write_files(sheet, report, formats, first=21)


def _write_totals(sheet: Worksheet, report: Report, formats: Formats,
                  lra_rows: dict[str, int], first: int) -> None:
    belanja = report.belanja()
    sheet.write_string(first, 0, "Anggaran Belanja", formats.header)
    sheet.write_string(first, 1, "Rupiah", formats.header)
    anggaran = belanja.anggaran if belanja else 0
    realisasi = belanja.realisasi if belanja else 0
    sheet.write_string(first + 1, 0, "Pagu murni", formats.text)
    sheet.write_number(first + 1, 1, rupiah(report.pagu_murni), formats.money)
    sheet.write_string(first + 2, 0, "Pagu perubahan", formats.text)
    sheet.write_string(first + 3, 0, "Realisasi", formats.text)
    if belanja is not None:
        row = lra_rows["5"]
        sheet.write_formula(first + 2, 1, f"=LRA!C{row}", formats.money, rupiah(anggaran))
        sheet.write_formula(first + 3, 1, f"=LRA!D{row}", formats.money, rupiah(realisasi))
    else:
        sheet.write_number(first + 2, 1, 0, formats.money)
        sheet.write_number(first + 3, 1, 0, formats.money)
    sheet.write_string(first + 4, 0, "% realisasi terhadap pagu perubahan", formats.text)
    b3, b4 = f"B{first + 3}", f"B{first + 4}"
    sheet.write_formula(first + 4, 1, f"=IF({b3}=0,0,ROUND({b4}/{b3}*100,2))", formats.percent,
                        float(percent(realisasi, anggaran)))


def _write_counts(sheet: Worksheet, report: Report, formats: Formats, first: int) -> None:
    sheet.write_string(first, 0, "Hasil validasi", formats.header)
    sheet.write_string(first, 1, "Jumlah", formats.header)
    for offset, severity in enumerate(Severity):
        label = severity.value
        found = sum(1 for item in report.issues if item.severity is severity)
        sheet.write_string(first + 1 + offset, 0, label, formats.text)
        sheet.write_formula(first + 1 + offset, 1, f'=COUNTIF(Validasi!A:A,"{label}")',
                            formats.money, found)


def _write_files(sheet: Worksheet, report: Report, formats: Formats, first: int) -> None:
    header = ["Berkas masukan", "Isi", "Baris", "Kesalahan", "Peringatan"]
    for column, label in enumerate(header):
        sheet.write_string(first, column, label, formats.header)
    for offset, summary in enumerate(report.files):
        row = first + 1 + offset
        sheet.write_string(row, 0, summary.path, formats.text)
        sheet.write_string(row, 1, summary.roles, formats.text)
        sheet.write_number(row, 2, summary.rows, formats.money)
        sheet.write_number(row, 3, summary.errors, formats.money)
        sheet.write_number(row, 4, summary.warnings, formats.money)
