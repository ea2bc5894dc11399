"""A download on a sheet bearing a template's name is read as the download it is.

An AKLAP LRA download (C1) whose only sheet is named `LRA` (or `Laporan Realisasi
Anggaran`, the template's other name): its `Realisasi Tahun Lalu` fills the prior year's
column, and another year's file is set aside. A SIPD-RI cumulative realisasi (B1) on a sheet
named `Realisasi` is a snapshot, never one month. A template LRA sheet (no title rows of a
download), a template DPA workbook with an LRA sheet and a template realisasi with a Pagu
column stay templates, read by their sheet names."""

from __future__ import annotations

from pathlib import Path

import xlsxwriter
from builders import ANGGARAN_HEADER, ATK, SUB, one_line_folder, write_realisasi
from export_builders import AKLAP_TITLES, write_aklap_lra

from pipeline.findings import Severity
from pipeline.parse import parse_file
from pipeline.run import RunConfig, RunResult, run

SEN = 100
TEMPLATE_LRA_HEADER = ["Kode Rekening", "Uraian", "Anggaran", "Realisasi 2023", "Realisasi 2022"]


def _run(folder: Path, tmp_path: Path) -> RunResult:
    return run(RunConfig(folder, tmp_path / "out", document=False))


def test_an_aklap_download_on_a_sheet_named_lra_is_read_as_the_download(tmp_path: Path) -> None:
    path = tmp_path / "LRA_SKPD.xlsx"
    write_aklap_lra(path, sheet_name="LRA")
    parsed = parse_file(path, path.name)
    assert parsed.meta == {"layout": "sipd-aklap-lra", "tahun": "2023", "skpd": "DINAS CONTOH"}
    [table] = parsed.tables
    assert (table.kind, table.sheet, table.letters["kode_rekening"]) == ("lra", "LRA", "B")
    assert parsed.issues == ()


def test_it_fills_the_prior_year_column(tmp_path: Path) -> None:
    folder = one_line_folder(tmp_path / "in")
    rows = write_aklap_lra(folder / "LRA_SKPD.xlsx", sheet_name="LRA")
    result = _run(folder, tmp_path)
    [note] = [found for found in result.report.issues if found.code == "prior-year-from-lra"]
    assert (note.file, note.sheet, note.cell) == ("LRA_SKPD.xlsx", "LRA",
                                                  f"G{rows['5.1.02.01.01.0024']}")
    lra = {row.code: row.realisasi_lalu for row in result.report.lra if row.kind == "account"}
    assert lra[ATK] == 700_000 * SEN
    assert result.report.errors == 0


def test_another_years_download_on_a_sheet_named_laporan_realisasi_anggaran_is_set_aside(
        tmp_path: Path) -> None:
    folder = one_line_folder(tmp_path / "in")
    titles = [*AKLAP_TITLES[:3], "Untuk Tahun Yang Berakhir Sampai Dengan 31 Desember 2021"]
    rows = [("5.1.02.01.01.0024", "Alat Tulis Kantor", "5", "4", "3")]  # sums nothing
    write_aklap_lra(folder / "arsip" / "lra_2021.xlsx", rows, titles=titles,
                    sheet_name="Laporan Realisasi Anggaran")
    result = _run(folder, tmp_path)
    own = [(found.code, found.severity) for found in result.report.issues
           if found.file == "arsip/lra_2021.xlsx"]
    assert own == [("file-set-aside", Severity.NOTE)]
    assert result.report.flatten(["code"], codes=["lra-mismatch", "prior-year-from-lra"]) == []
    assert result.report.errors == 0


def test_a_template_lra_sheet_stays_a_template(tmp_path: Path) -> None:
    """No title rows of a download above its header: read by its sheet name."""
    path = write_realisasi(tmp_path / "lra.xlsx", [[ATK, "ATK", 1_000_000, 800_000, 0]],
                           header=TEMPLATE_LRA_HEADER, sheet="LRA")
    parsed = parse_file(path, path.name)
    assert (parsed.meta, parsed.roles) == ({}, ("lra",))
    assert parsed.tables[0].letters["realisasi"] == "D"


def test_a_dpa_workbook_with_a_titled_lra_sheet_stays_a_template(tmp_path: Path) -> None:
    """`LRA` is not its only template sheet: every sheet is read by its name."""
    path = tmp_path / "dpa.xlsx"
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    anggaran = workbook.add_worksheet("Anggaran")
    anggaran.write_row(0, 0, ANGGARAN_HEADER)
    anggaran.write_row(1, 0, [SUB, ATK, "Alat Tulis Kantor", 1_000_000])
    lra = workbook.add_worksheet("LRA")
    for index, title in enumerate(AKLAP_TITLES):
        lra.write_string(index, 0, title)
    lra.write_row(5, 0, TEMPLATE_LRA_HEADER)
    lra.write_row(6, 0, [ATK, "ATK", 1_000_000, 800_000, 0])
    workbook.close()
    parsed = parse_file(path, path.name)
    assert parsed.meta == {}
    assert sorted(table.kind for table in parsed.tables) == ["anggaran", "lra"]


# --- a cumulative realisasi download (B1) on a sheet named `Realisasi` ---------------------------


def _write_b1_on_sheet(path: Path, sheet_name: str) -> None:
    from test_export_realisasi import b1_rows  # the B1 fixture built from the spec's labels

    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    sheet = workbook.add_worksheet(sheet_name)
    for row, values in enumerate(b1_rows([(SUB, ATK, "ATK", 1_000_000, 400_000)],
                                         "s.d. 31 Maret 2023")):
        for column, value in enumerate(values):
            if value is not None:
                sheet.write(row, column, value)
    workbook.close()


def test_a_snapshot_on_a_sheet_named_realisasi_is_read_as_the_download(tmp_path: Path) -> None:
    path = tmp_path / "statistik_belanja.xlsx"
    _write_b1_on_sheet(path, "Realisasi")
    parsed = parse_file(path, path.name)
    assert (parsed.meta["layout"], parsed.meta["per_tanggal"]) == ("sipd-realisasi-kumulatif",
                                                                   "2023-03-31")
    assert [table.kind for table in parsed.tables] == ["realisasi_kumulatif"]
    assert [found for found in parsed.issues if found.severity is Severity.ERROR] == []


def test_a_template_realisasi_with_a_pagu_column_stays_a_template(tmp_path: Path) -> None:
    """Pagu beside the template's columns fits B1's labels too; its Bulan column says it is
    the template's monthly realisasi."""
    path = tmp_path / "real.xlsx"
    header = ["Tahun", "Bulan", "Kode Sub Kegiatan", "Kode Rekening", "Uraian", "Pagu",
              "Realisasi"]
    write_realisasi(path, [[2023, 3, SUB, ATK, "ATK", 1_000_000, 400_000]], header=header)
    parsed = parse_file(path, path.name)
    assert parsed.meta == {}
    assert [table.kind for table in parsed.tables] == ["realisasi"]
