"""Every sheet prints legibly: printed to PDF by LibreOffice and read back (print_check),
no text spills out of its cell or is cut off, nothing prints smaller than 8 pt, no chart is
split by a page edge. Checked on the bundled example and on a report built here to be hard
to print: a 300-character sasaran, an IKU supported by five programs with long names,
400 LRA lines, amounts in the hundreds of billions, and realisasi up to March only.

The same long report shows a partial year honestly: the months after March are blank on
`Realisasi Bulanan` (not 0) and the cumulative line stops in March; the LRA says
`Realisasi s.d. Maret 2024`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from builders import IDENTITAS, write_dpa, write_realisasi, write_sheet
from print_check import MINIMUM_SIZE, by_sheet, check_workbook, summary

from pipeline.chart import bundled_chart
from pipeline.programs import MonthlyRow
from pipeline.report import fit
from pipeline.report.lra_sheet import header_labels
from pipeline.report.model import Report
from pipeline.report.monthly_sheet import (
    FIRST_MONTH_COLUMN,
    HEADER_ROW,
    SECOND_SEMESTER_COLUMN,
    column_widths,
    page_layout,
)
from pipeline.run import RunConfig, RunResult, run

YEAR = 2024
SASARAN_HEADER = ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Polaritas",
                  "Target", "Realisasi", "Realisasi Tahun Lalu", "Target Akhir Renstra",
                  "Tahun Akhir Renstra", "Standar Nasional", "Sumber Data", "Kode Program",
                  "Analisis", "Solusi"]
PK_PROGRAM_HEADER = ["Kode Program", "Indikator Program", "Satuan", "Target", "Realisasi",
                     "Menunjang", "Analisis", "Anggaran PK"]
LONG_SASARAN = (
    "Meningkatnya penanganan, pemberdayaan, rehabilitasi, perlindungan dan jaminan sosial "
    "bagi penyandang masalah kesejahteraan sosial (PMKS) serta penguatan potensi dan sumber "
    "kesejahteraan sosial (PSKS) melalui pendataan terpadu, pendampingan berkelanjutan dan "
    "kemitraan dengan dunia usaha di seluruh kecamatan kabupaten")
PROGRAMS = [f"1.06.0{number}" for number in range(1, 6)]
PROGRAM_NAME = ("Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota bidang Sosial "
                "dengan Kegiatan Pendukung Pelayanan Administrasi Perkantoran nomor {}")
BIG = 98_765_432_100  # rupiah: a pagu in the hundreds of billions widens the money columns
MONTHS = (1, 2, 3)  # realisasi up to March


def _belanja_codes(count: int) -> list[str]:
    """Six-level belanja codes of the bundled chart, the longest names first."""
    chart = bundled_chart()
    codes = [code for code in chart if code.startswith("5.1.02.") and code.count(".") == 5]
    return sorted(codes, key=lambda code: (-len(chart[code]), code))[:count]


def write_pk(path: Path) -> None:
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    linked = ", ".join(PROGRAMS)
    write_sheet(workbook, "Sasaran", SASARAN_HEADER, [
        [1, LONG_SASARAN, "Persentase PMKS yang memperoleh bantuan sosial untuk pemenuhan "
         "kebutuhan dasar selama tahun berjalan", "%", "Positif", 90, 93.39, 88, 95, 2026, None,
         "Dokumen Kantor", linked, "Penyaluran bantuan tepat waktu dan tepat sasaran berkat "
         "data terpadu yang diperbarui setiap bulan", "Memperluas pendataan ke desa terpencil"],
        [1, None, "Persentase korban bencana yang menerima bantuan sosial selama tanggap darurat",
         "%", "Positif", 100, 100, 100, 100, 2026, None, "Dokumen Kantor", PROGRAMS[4],
         "Tercapai", ""],
    ])
    write_sheet(workbook, "Program", PK_PROGRAM_HEADER, [
        [code, f"Persentase layanan program {code} yang diselesaikan tepat waktu", "%", 100, 95,
         "Menunjang", "Layanan diselesaikan sesuai standar pelayanan minimal", 1_000_000]
        for code in PROGRAMS])
    workbook.close()


def long_inputs(folder: Path) -> Path:
    codes = _belanja_codes(385)
    programs: list[list[object]] = []
    anggaran: list[list[object]] = []
    realisasi: dict[int, list[list[object]]] = {month: [] for month in MONTHS}
    for number, program in enumerate(PROGRAMS, start=1):
        kegiatan, sub = f"{program}.2.01", f"{program}.2.01.0001"
        programs += [[program, PROGRAM_NAME.format(number), ""],
                     [kegiatan, f"Kegiatan penunjang nomor {number} dengan uraian yang "
                      "panjang sekali untuk menguji pembungkusan teks", ""],
                     [sub, f"Sub kegiatan penyediaan jasa penunjang nomor {number}", ""]]
        for index, code in enumerate(codes[number - 1::len(PROGRAMS)]):
            pagu = BIG if (number, index) == (1, 0) else 1_000_000 * (index + 1)
            anggaran.append([sub, code, bundled_chart()[code], pagu, pagu])
            for month in MONTHS:
                realisasi[month].append([YEAR, month, sub, code, "", pagu // 10])
    write_dpa(folder / "dpa.xlsx", anggaran, programs=programs,
              identitas={**IDENTITAS, "Tahun Anggaran": YEAR})
    for month, rows in realisasi.items():
        write_realisasi(folder / f"realisasi_{month:02d}.xlsx", rows)
    write_pk(folder / "pk.xlsx")
    return folder


@pytest.fixture(scope="module")
def long_report(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    base = tmp_path_factory.mktemp("panjang")
    return run(RunConfig(long_inputs(base / "masukan"), base / "keluaran",
                         document=False))


# --- without LibreOffice: what the long report holds ---------------------------------------


def test_the_long_report_is_as_hard_as_intended(long_report: RunResult) -> None:
    report = long_report.report
    assert len(report.lra) >= 400
    assert report.last_month == 3
    [iku] = [iku for iku in report.pk.ikus if len(iku.programs) == 5]
    assert len(iku.sasaran) >= 300


def test_months_after_the_last_are_blank(long_report: RunResult) -> None:
    sheet = openpyxl.load_workbook(long_report.report_path, data_only=True)["Realisasi Bulanan"]
    rows = list(sheet.iter_rows(min_row=HEADER_ROW + 2, values_only=True))
    body = rows[:len(long_report.report.monthly) + 1]  # the lines and JUMLAH
    assert body[-1][1] == "JUMLAH"
    march = FIRST_MONTH_COLUMN + 2
    for row in body:
        assert all(isinstance(value, int | float) for value in row[FIRST_MONTH_COLUMN:march + 1])
        assert row[march + 1:FIRST_MONTH_COLUMN + 12] == (None,) * 9, row[0]
    # the yearly total is what was realised up to March
    total = body[-1][FIRST_MONTH_COLUMN + 12]
    assert total == sum(body[-1][FIRST_MONTH_COLUMN:march + 1])
    cumulative = next(row for row in rows if row[1] == "Realisasi kumulatif")
    assert cumulative[march] == total
    assert cumulative[march + 1:FIRST_MONTH_COLUMN + 12] == (None,) * 9


def test_the_lra_says_up_to_when_realisasi_runs(long_report: RunResult) -> None:
    sheet = openpyxl.load_workbook(long_report.report_path)["LRA"]
    header = [cell.value for cell in next(row for row in sheet.iter_rows()
                                          if row[0].value == "Kode Rekening")]
    assert header[3] == "Realisasi s.d. Maret 2024"
    assert header_labels(2023, 12)[3] == header_labels(2023)[3] == "Realisasi 2023"
    assert header_labels(2024, 11)[3] == "Realisasi s.d. November 2024"


def test_last_month_is_the_last_month_with_realisasi() -> None:
    def line(*months: int) -> MonthlyRow:
        return MonthlyRow("1.06.01", "Program", 3, 0, (*months, *[0] * (12 - len(months))), 0,
                          ())

    def report(*lines: MonthlyRow) -> Report:
        return Report({}, YEAR, [], dt.datetime(2024, 4, 1), monthly=list(lines))

    assert report().last_month is None
    assert report(line(0, 0, 0)).last_month is None
    assert report(line(5, 0, 7), line(1)).last_month == 3
    assert report(line(1), line(*[0] * 10, -4)).last_month == 11  # a correction is realisasi


def test_monthly_sheet_prints_by_semester(long_report: RunResult) -> None:
    sheet = openpyxl.load_workbook(long_report.report_path)["Realisasi Bulanan"]
    assert sheet.print_title_cols == "$A:$B"  # Kode and name on both pages across
    assert sheet.print_title_rows == f"${HEADER_ROW + 1}:${HEADER_ROW + 1}"
    assert [brk.id for brk in sheet.col_breaks.brk] == [SECOND_SEMESTER_COLUMN]  # Juli
    assert len(sheet.row_breaks.brk) == 1  # the chart's page
    fit_to_page = sheet.sheet_properties.pageSetUpPr
    assert fit_to_page is None or not fit_to_page.fitToPage  # a fixed scale instead
    widths = column_widths(long_report.report)
    paper, scale = page_layout(widths)
    assert (int(sheet.page_setup.paperSize), sheet.page_setup.scale) == (paper.code, scale)
    assert fit.legible(scale / 100)
    first, second = (fit.page_points(widths[:SECOND_SEMESTER_COLUMN]),
                     fit.page_points([*widths[:2], *widths[SECOND_SEMESTER_COLUMN:]]))
    assert max(first, second) * scale / 100 <= fit.printable_width(paper)


def test_a_sheet_too_wide_for_a4_takes_a_larger_paper() -> None:
    # 18 columns of 15-digit amounts print below 8 pt on A4 and F4.
    widths = [16, 34, *[fit.width_for(["(999.999.999.999.999)"], bold=True)] * 14, 8]
    paper, scale = page_layout(widths)
    assert paper == fit.A3
    assert fit.legible(scale / 100)


# --- printed by LibreOffice -----------------------------------------------------------


def _problems(pages: list) -> dict[str, list[str]]:
    return {sheet: [page.describe() for page in group if not page.clean]
            for sheet, group in by_sheet(pages).items()
            if any(not page.clean for page in group)}


@pytest.mark.libreoffice
def test_the_example_prints_legibly(example_run: RunResult, tmp_path: Path,
                                    soffice: str) -> None:
    pages = check_workbook(example_run.report_path, tmp_path)
    assert _problems(pages) == {}, summary(pages)
    assert min(page.smallest for page in pages) >= MINIMUM_SIZE
    sheets = by_sheet(pages)
    assert len(sheets) == 12  # every sheet printed, each named in its footer
    # Indonesian separators whatever the PC's locale (the formats' [$-421] tag)
    lra = "".join(page.text for page in sheets["LRA"])
    assert "5.425.037.031" in lra and "96,38" in lra and "5,425,037,031" not in lra


@pytest.mark.libreoffice
def test_the_long_report_prints_legibly(long_report: RunResult, tmp_path: Path,
                                        soffice: str) -> None:
    pages = check_workbook(long_report.report_path, tmp_path)
    assert _problems(pages) == {}, summary(pages)
    monthly = by_sheet(pages)["Realisasi Bulanan"]
    chart_page = monthly[-1]  # the chart alone under the repeated header row
    assert "Realisasikumulatifterhadappagu" in chart_page.text
    assert "JUMLAH" not in chart_page.text


SMALL_SENTENCE = "Sepuluh poin dicetak lima puluh persen"


def write_faulty_workbook(path: Path) -> Path:
    """One sheet per fault the checker must find, each in the report's page setup."""
    workbook = xlsxwriter.Workbook(str(path))
    text = workbook.add_format({"font_name": "Arial", "font_size": 10})
    wrapped = workbook.add_format({"font_name": "Arial", "font_size": 10, "text_wrap": True,
                                   "border": 1})
    sheets = {name: workbook.add_worksheet(name)
              for name in ("Kecil", "Terpotong", "Pagar", "Grafik")}
    for sheet in sheets.values():
        sheet.set_landscape()
        sheet.set_paper(fit.A4.code)
        sheet.set_footer("&L&A&RHalaman &P dari &N", {"scale_with_doc": False})
    sheets["Kecil"].set_print_scale(50)
    sheets["Kecil"].write_string(0, 0, SMALL_SENTENCE, text)
    sheets["Terpotong"].write_string(0, 0, "Teks panjang dibungkus dalam baris yang terlalu "
                                     "pendek untuknya sehingga baris awalnya hilang", wrapped)
    sheets["Terpotong"].write_string(1, 0, "Baris berikutnya", wrapped)
    sheets["Pagar"].set_column(0, 0, 3)
    sheets["Pagar"].write_number(0, 0, 1_234_567_890, workbook.add_format({"num_format": "#,##0"}))
    chart = workbook.add_chart({"type": "line"})
    chart.add_series({"values": ["Grafik", 0, 1, 5, 1], "name": "Seri"})
    chart.set_title({"name": "Judul grafik di atas teks sel"})
    grafik = sheets["Grafik"]
    for row in range(6):
        grafik.write_number(row, 1, row * 10)
    for row in range(20, 60):
        grafik.write_string(row, 0, "Teks sel di bawah grafik yang menumpuk", text)
    grafik.insert_chart(20, 0, chart, {"x_scale": 1.5, "y_scale": 3})
    workbook.close()
    return path


@pytest.mark.libreoffice
def test_the_checker_finds_each_fault(tmp_path: Path, soffice: str) -> None:
    pages = by_sheet(check_workbook(write_faulty_workbook(tmp_path / "rusak.xlsx"),
                                    tmp_path))
    [small] = pages["Kecil"]
    # pdfplumber's size is the printed size: 10 pt at 50 % is 5 pt (LibreOffice scales the
    # footer too, though the file asks it not to)
    sentence = SMALL_SENTENCE.split()
    assert [(word.text, round(word.size, 1)) for word in small.small
            if word.text in sentence] == [(word, 5.0) for word in sentence]
    assert not small.overlaps and not small.cut and not small.missing
    [cut] = pages["Terpotong"]
    assert len(cut.missing) == 1 and cut.missing[0].startswith("Teks panjang")
    [hashes] = pages["Pagar"]
    assert hashes.hashes and not hashes.small
    grafik = pages["Grafik"]
    assert sum(page.split_charts for page in grafik) >= 1
    assert sum(len(page.overlaps) for page in grafik) >= 1
