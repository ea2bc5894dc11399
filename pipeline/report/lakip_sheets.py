"""The performance chapter of the LAKIP: tables III.A.1 to III.A.5, in the seed's column
order and labels, one row per IKU, sasaran cells merged, ready to copy into the report."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from pipeline.performance import capaian
from pipeline.pk import Iku
from pipeline.report.formats import Formats
from pipeline.report.model import Report
from pipeline.report.performance_cells import write_capaian, write_number

HEADER_ROW = 2  # 0-based: the table's title and a blank row above the header
FIRST_ROW = HEADER_ROW + 1


def title_of(number: str, year: int) -> str:
    return {
        "III.A.1": f"Tabel III.A.1 Perbandingan Target dan Realisasi Kinerja Tahun {year}",
        "III.A.2": f"Tabel III.A.2 Perbandingan Realisasi Kinerja Tahun {year} dengan Tahun "
                   f"{year - 1}",
        "III.A.3": f"Tabel III.A.3 Perbandingan Realisasi Kinerja Tahun {year} dengan Target "
                   "Akhir Rencana Strategis",
        "III.A.4": f"Tabel III.A.4 Perbandingan Realisasi Kinerja Tahun {year} dengan Standar "
                   "Nasional",
        "III.A.5": "Tabel III.A.5 Analisis Penyebab Keberhasilan/Kegagalan dan Solusi",
        "III.A.6": "Tabel III.A.6 Analisis Efisiensi Penggunaan Sumber Daya",
        "III.A.7": "Tabel III.A.7 Analisis Program/Kegiatan yang Menunjang Pencapaian Kinerja",
    }[number]


def start_table(sheet: Worksheet, number: str, year: int, header: list[str],
                widths: list[float], formats: Formats) -> None:
    """Title, header row, column widths and print setup shared by every table."""
    sheet.merge_range(0, 0, 0, len(header) - 1, title_of(number, year), formats.title)
    for column, (label, width) in enumerate(zip(header, widths, strict=True)):
        sheet.write_string(HEADER_ROW, column, label, formats.header)
        sheet.set_column(column, column, width)
    sheet.set_row(HEADER_ROW, 30)
    sheet.freeze_panes(FIRST_ROW, 0)
    sheet.repeat_rows(HEADER_ROW)


def sasaran_groups(ikus: Sequence[Iku]) -> list[tuple[int, int]]:
    """(first, last) index of each run of IKU sharing one sasaran strategis."""
    groups: list[tuple[int, int]] = []
    for index, iku in enumerate(ikus):
        if groups and (ikus[groups[-1][0]].number, ikus[groups[-1][0]].sasaran) == (
                iku.number, iku.sasaran):
            groups[-1] = (groups[-1][0], index)
        else:
            groups.append((index, index))
    return groups


def write_merged(sheet: Worksheet, first: int, last: int, column: int, text: str,
                 cell_format: Format) -> None:
    if first == last:
        sheet.write_string(first, column, text, cell_format)
    else:
        sheet.merge_range(first, column, last, column, text, cell_format)


def write_sasaran(sheet: Worksheet, ikus: Sequence[Iku], formats: Formats,
                  row_of: Callable[[int], tuple[int, int]], columns: tuple[int, int] = (0, 1)
                  ) -> None:
    """No and Sasaran Strategis, merged over each sasaran's rows."""
    for first, last in sasaran_groups(ikus):
        top, bottom = row_of(first)[0], row_of(last)[1]
        write_merged(sheet, top, bottom, columns[0], ikus[first].number, formats.text)
        write_merged(sheet, top, bottom, columns[1], ikus[first].sasaran, formats.text)


def _one_row(index: int) -> tuple[int, int]:
    return FIRST_ROW + index, FIRST_ROW + index


def _write_achievement(sheet: Worksheet, row: int, iku: Iku, formats: Formats) -> None:
    """Indikator Kinerja, Target, Realisasi and Capaian % in columns C to F."""
    sheet.write_string(row, 2, iku.indikator, formats.text)
    write_number(sheet, row, 3, iku.target, formats.number)
    write_number(sheet, row, 4, iku.realisasi, formats.number)
    write_capaian(sheet, row, 5, f"D{row + 1}", f"E{row + 1}", iku.negative,
                  capaian(iku.target, iku.realisasi, iku.negative), formats.percent)


def write_iii_a_1(sheet: Worksheet, report: Report, formats: Formats) -> dict[int, str]:
    """Target vs realisasi; returns the capaian cell of each IKU (for other sheets)."""
    start_table(sheet, "III.A.1", report.year, ["No", "Sasaran Strategis", "Indikator Kinerja",
                "Target", "Realisasi", "Capaian %", "Sumber Data"],
                [5, 40, 44, 11, 11, 11, 18], formats)
    ikus = report.pk.ikus
    write_sasaran(sheet, ikus, formats, _one_row)
    cells: dict[int, str] = {}
    for index, iku in enumerate(ikus):
        row = FIRST_ROW + index
        _write_achievement(sheet, row, iku, formats)
        sheet.write_string(row, 6, iku.sumber_data, formats.text)
        cells[index] = f"'III.A.1'!F{row + 1}"
    return cells


def write_iii_a_2(sheet: Worksheet, report: Report, formats: Formats) -> None:
    year = report.year
    start_table(sheet, "III.A.2", year, ["No", "Sasaran Strategis", "Indikator Kinerja",
                f"Realisasi {year - 1}", f"Target {year}", f"Realisasi {year}",
                f"Capaian % {year}"], [5, 40, 44, 12, 11, 11, 12], formats)
    ikus = report.pk.ikus
    write_sasaran(sheet, ikus, formats, _one_row)
    for index, iku in enumerate(ikus):
        row = FIRST_ROW + index
        sheet.write_string(row, 2, iku.indikator, formats.text)
        write_number(sheet, row, 3, iku.realisasi_lalu, formats.number)
        write_number(sheet, row, 4, iku.target, formats.number)
        write_number(sheet, row, 5, iku.realisasi, formats.number)
        write_capaian(sheet, row, 6, f"E{row + 1}", f"F{row + 1}", iku.negative,
                      capaian(iku.target, iku.realisasi, iku.negative), formats.percent)


def renstra_year(ikus: Sequence[Iku]) -> str:
    years = sorted({iku.tahun_akhir for iku in ikus if iku.tahun_akhir})
    return "/".join(str(year) for year in years)


def write_iii_a_3(sheet: Worksheet, report: Report, formats: Formats) -> None:
    year = report.year
    ikus = report.pk.ikus
    target_label = f"Target Akhir Renstra {renstra_year(ikus)}".strip()
    start_table(sheet, "III.A.3", year, ["No", "Sasaran Strategis", "Indikator Kinerja",
                f"Realisasi {year}", target_label, "Tingkat Kemajuan %"],
                [5, 40, 44, 12, 14, 13], formats)
    write_sasaran(sheet, ikus, formats, _one_row)
    for index, iku in enumerate(ikus):
        row = FIRST_ROW + index
        sheet.write_string(row, 2, iku.indikator, formats.text)
        write_number(sheet, row, 3, iku.realisasi, formats.number)
        write_number(sheet, row, 4, iku.target_akhir, formats.number)
        write_capaian(sheet, row, 5, f"E{row + 1}", f"D{row + 1}", iku.negative,
                      capaian(iku.target_akhir, iku.realisasi, iku.negative), formats.percent)


def write_iii_a_4(sheet: Worksheet, report: Report, formats: Formats) -> None:
    year = report.year
    start_table(sheet, "III.A.4", year, ["No", "Indikator Kinerja", f"Realisasi {year}",
                "Standar Nasional", "Keterangan"], [5, 50, 12, 14, 40], formats)
    with_standard = [iku for iku in report.pk.ikus if iku.standar is not None]
    if not with_standard:
        sheet.merge_range(FIRST_ROW, 0, FIRST_ROW, 4, f"Untuk realisasi kinerja tahun {year} "
                          "tidak ada standar nasional.", formats.text)
        return
    for index, iku in enumerate(with_standard):
        row = FIRST_ROW + index
        sheet.write_string(row, 0, str(index + 1), formats.text)
        sheet.write_string(row, 1, iku.indikator, formats.text)
        write_number(sheet, row, 2, iku.realisasi, formats.number)
        write_number(sheet, row, 3, iku.standar, formats.number)
        meets = iku.realisasi is not None and iku.standar is not None and (
            iku.realisasi <= iku.standar if iku.negative else iku.realisasi >= iku.standar)
        compare = "<=" if iku.negative else ">="
        sheet.write_formula(row, 4, f'=IF(C{row + 1}{compare}D{row + 1},"Memenuhi standar",'
                            f'"Belum memenuhi standar")', formats.text,
                            "Memenuhi standar" if meets else "Belum memenuhi standar")


def write_iii_a_5(sheet: Worksheet, report: Report, formats: Formats) -> None:
    start_table(sheet, "III.A.5", report.year, ["No", "Sasaran Strategis", "Indikator Kinerja",
                "Target", "Realisasi", "Capaian %", "Analisis Keberhasilan/Kegagalan",
                "Solusi"], [5, 30, 34, 10, 10, 10, 40, 34], formats)
    ikus = report.pk.ikus
    write_sasaran(sheet, ikus, formats, _one_row)
    for index, iku in enumerate(ikus):
        row = FIRST_ROW + index
        _write_achievement(sheet, row, iku, formats)
        sheet.write_string(row, 6, iku.analisis, formats.text)
        sheet.write_string(row, 7, iku.solusi, formats.text)
