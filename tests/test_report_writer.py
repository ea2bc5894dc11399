"""The report workbook: same input, same bytes; atomic save keeping earlier reports; input
text never becomes a formula; sheet names, header labels, DRAFT banner and print setup of
the output contract."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import stat
import time
from pathlib import Path

import openpyxl
import pytest
from builders import ATK, CETAK, IDENTITAS, SUB, simple_folder, write_dpa, write_realisasi
from conftest import EXAMPLE
from python_calamine import CalamineWorkbook

from pipeline.report import saving, writer
from pipeline.report.writer import save_report
from pipeline.run import RunConfig, RunResult, run

REPORT = "LAKIP_2023_dinas-contoh.xlsx"
DOCUMENT = "LAKIP_2023_dinas-contoh.docx"  # the LAKIP document, saved the same way
KERTAS = "5.1.02.01.01.0025"  # Kertas dan Cover: in the chart, not in the DPA below


def rows_of(path: Path, sheet: str) -> list[list[object]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def header_of(rows: list[list[object]], first_label: str) -> list[object]:
    return next(row for row in rows if row and row[0] == first_label)


def folder_names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def draft_folder(folder: Path) -> Path:
    """Two errors: an unreadable amount and realisasi on an account without a DPA line."""
    write_dpa(folder / "dpa.xlsx", [
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, 900_000],
        [SUB, CETAK, "Bahan Cetak", 500_000, None],
    ])
    write_realisasi(folder / "real_01.xlsx", [
        [2023, 1, SUB, ATK, "ATK", "15.000.00"],
        [2023, 1, SUB, KERTAS, "Kertas", 50_000],
    ])
    return folder


@pytest.fixture(scope="module")
def clean_report(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    base = tmp_path_factory.mktemp("bersih")
    return run(RunConfig(simple_folder(base / "masukan"), base / "keluaran"))


@pytest.fixture(scope="module")
def draft_report(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    base = tmp_path_factory.mktemp("draft")
    return run(RunConfig(draft_folder(base / "masukan"), base / "keluaran"))


# --- same input, same bytes -----------------------------------------------------------


def test_same_input_gives_identical_bytes(tmp_path: Path) -> None:
    folder = simple_folder(tmp_path / "masukan")
    first = run(RunConfig(folder, tmp_path / "satu")).report_path
    time.sleep(1.1)  # a clock that leaked into the file would now differ
    second = run(RunConfig(folder, tmp_path / "dua")).report_path
    assert first.name == second.name == REPORT
    assert first.read_bytes() == second.read_bytes()


def test_example_report_is_reproducible(example_run: RunResult, tmp_path: Path) -> None:
    again = run(RunConfig(EXAMPLE, tmp_path)).report_path
    assert again.name == "LAKIP_2023_dinas-sosial.xlsx"
    assert again.read_bytes() == example_run.report_path.read_bytes()


# --- keeping earlier reports ----------------------------------------------------------


def test_identical_rerun_keeps_one_file_and_a_change_keeps_the_earlier(tmp_path: Path) -> None:
    folder, out = simple_folder(tmp_path / "masukan"), tmp_path / "keluaran"
    run(RunConfig(folder, out))
    original = (out / REPORT).read_bytes()
    document = (out / DOCUMENT).read_bytes()
    run(RunConfig(folder, out))
    assert folder_names(out) == [DOCUMENT, REPORT]
    assert (out / REPORT).read_bytes() == original
    assert (out / DOCUMENT).read_bytes() == document

    write_realisasi(folder / "real_02.xlsx", [[2023, 2, SUB, CETAK, "Cetak", "260.000"]])
    result = run(RunConfig(folder, out))
    assert result.report_path == out / REPORT
    names = folder_names(out)
    assert len(names) == 4, names
    kept = [name for name in names if name not in (REPORT, DOCUMENT)]
    assert [re.fullmatch(r"LAKIP_2023_dinas-contoh\.sebelum-\d{8}-\d{6}\.(docx|xlsx)", name)
            is not None for name in kept] == [True, True], kept
    [kept_report] = [name for name in kept if name.endswith(".xlsx")]
    [kept_document] = [name for name in kept if name.endswith(".docx")]
    assert (out / kept_report).read_bytes() == original
    assert (out / kept_document).read_bytes() == document
    assert (out / REPORT).read_bytes() != original
    lra = rows_of(out / REPORT, "LRA")
    assert [row[3] for row in lra if row[0] == CETAK] == [260_000]
    assert not [name for name in names if name.startswith(".") or ".part" in name]


def test_earlier_reports_are_all_kept_within_one_second(clean_report: RunResult,
                                                         tmp_path: Path) -> None:
    now = dt.datetime(2024, 1, 2, 3, 4, 5)
    report = clean_report.report
    contents = []
    for extra in (0, 100, 200, 300):  # four different reports, all saved "at" the same time
        variant = dataclasses.replace(report, pagu_murni=report.pagu_murni + extra)
        contents.append(save_report(variant, tmp_path, now).path.read_bytes())
    assert len(set(contents)) == 4
    assert len(folder_names(tmp_path)) == 4, folder_names(tmp_path)
    assert sorted(path.read_bytes() for path in tmp_path.iterdir()) == sorted(contents)


def test_only_the_newest_earlier_reports_are_kept(clean_report: RunResult,
                                                   tmp_path: Path) -> None:
    report = clean_report.report
    saved = []
    for extra in range(5):  # five different reports: four earlier copies made
        variant = dataclasses.replace(report, pagu_murni=report.pagu_murni + extra)
        now = dt.datetime(2024, 1, 2, 3, 4, extra)
        saved.append(save_report(variant, tmp_path, now, keep=2).path.read_bytes())
    kept = sorted(name for name in folder_names(tmp_path) if ".sebelum-" in name)
    assert len(kept) == 2, kept
    assert sorted((tmp_path / name).read_bytes() for name in kept) == sorted(saved[2:4])
    assert (tmp_path / REPORT).read_bytes() == saved[4]


def test_a_report_open_in_another_program_gets_a_sibling_name(
        clean_report: RunResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report = clean_report.report
    first = save_report(report, tmp_path, dt.datetime(2024, 1, 2)).path
    original = first.read_bytes()
    # Windows refuses to open a workbook that Excel holds open for writing.
    monkeypatch.setattr(saving, "_locked", lambda path: path == first)
    variant = dataclasses.replace(report, pagu_murni=report.pagu_murni + 1)

    saved = save_report(variant, tmp_path, dt.datetime(2024, 1, 3))

    assert saved == (tmp_path / "LAKIP_2023_dinas-contoh(2).xlsx", first)
    assert first.read_bytes() == original
    assert saved.path.read_bytes() != original
    assert sorted(folder_names(tmp_path)) == sorted([REPORT, saved.path.name])


def test_report_file_mode_honours_the_umask(tmp_path: Path) -> None:
    folder = simple_folder(tmp_path / "masukan")
    previous = os.umask(0o022)
    try:
        path = run(RunConfig(folder, tmp_path / "keluaran")).report_path
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


# --- atomic save ----------------------------------------------------------------------


def test_a_failed_write_leaves_the_earlier_report_untouched(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder, out = simple_folder(tmp_path / "masukan"), tmp_path / "keluaran"
    run(RunConfig(folder, out))
    original = (out / REPORT).read_bytes()
    document = (out / DOCUMENT).read_bytes()

    def half_written(report: object, path: Path) -> None:
        path.write_bytes(b"PK\x03\x04 setengah")
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(writer, "write_workbook", half_written)
    write_realisasi(folder / "real_02.xlsx", [[2023, 2, SUB, CETAK, "Cetak", "260.000"]])
    with pytest.raises(RuntimeError, match="disk penuh"):
        run(RunConfig(folder, out))
    assert folder_names(out) == [DOCUMENT, REPORT]
    assert (out / REPORT).read_bytes() == original
    assert (out / DOCUMENT).read_bytes() == document  # no new document without its workbook


def test_a_failed_first_write_leaves_nothing(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    def half_written(report: object, path: Path) -> None:
        path.write_bytes(b"PK\x03\x04 setengah")
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(writer, "write_workbook", half_written)
    out = tmp_path / "keluaran"
    with pytest.raises(RuntimeError):
        run(RunConfig(simple_folder(tmp_path / "masukan"), out))
    assert folder_names(out) == []


# --- input text stays text ------------------------------------------------------------


HYPERLINK = '=HYPERLINK("http://x","y")'
KEPALA = '@HYPERLINK("http://k","kepala")'  # builders' write() would make "=…" a formula
INJECTED = {
    "dpa uraian": HYPERLINK,
    "dpa uraian minus": "-2+3",
    "realisasi uraian (orphan)": "@SUM(1)",
    "realisasi uraian": "=1+1",
    "realisasi amount": "=4*4",
    "file name": "=8+8.xlsx",
    "sheet name": "+9+9",
}
MARKERS = ["HYPERLINK", "2+3", "SUM(1)", "1+1", "4*4", "8+8", "9+9"]


@pytest.fixture(scope="module")
def injected_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("injeksi")
    write_dpa(folder / "masukan" / "dpa.xlsx", [
        [SUB, ATK, INJECTED["dpa uraian"], 1_000_000, 900_000],
        [SUB, CETAK, INJECTED["dpa uraian minus"], 500_000, None],
    ], identitas={**IDENTITAS, "Kepala Perangkat Daerah": KEPALA})
    write_realisasi(folder / "masukan" / INJECTED["file name"], [
        [2023, 1, SUB, ATK, INJECTED["realisasi uraian"], 100_000],
        [2023, 2, SUB, KERTAS, INJECTED["realisasi uraian (orphan)"], 50_000],
        [2023, 3, SUB, CETAK, "Cetak", INJECTED["realisasi amount"]],
    ])
    write_realisasi(folder / "masukan" / "lain.xlsx", [[1]], sheet=INJECTED["sheet name"])
    return run(RunConfig(folder / "masukan", folder / "keluaran")).report_path


def test_no_input_text_becomes_a_formula(injected_report: Path) -> None:
    workbook = openpyxl.load_workbook(injected_report, data_only=False)
    formulas = [(sheet.title, cell.coordinate, cell.value) for sheet in workbook
                for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert formulas, "the report's own totals are formulas"
    leaked = [found for found in formulas
              if any(marker in str(found[2]) for marker in MARKERS)]
    assert leaked == []


def test_injected_text_is_kept_as_text(injected_report: Path) -> None:
    lra = rows_of(injected_report, "LRA")
    names = {row[0]: row[1] for row in lra}
    assert names[ATK] == HYPERLINK
    assert names[CETAK] == "-2+3"
    assert names[KERTAS] == "@SUM(1)"
    summary = [cell for row in rows_of(injected_report, "Ringkasan") for cell in row]
    assert KEPALA in summary
    assert "=8+8.xlsx" not in summary  # the files read are listed on Validasi, below
    validation = rows_of(injected_report, "Validasi")
    assert ["=8+8.xlsx", "Realisasi", "F4", "=4*4"] in [row[3:7] for row in validation]
    assert any("+9+9" in str(row[2]) for row in validation)
    workbook = openpyxl.load_workbook(injected_report, data_only=False)
    kinds = {cell.value: cell.data_type for row in workbook["LRA"].iter_rows()
             for cell in row if cell.column == 2}
    assert kinds[HYPERLINK] == kinds["-2+3"] == kinds["@SUM(1)"] == "s"


# --- sheets and header labels ---------------------------------------------------------


def test_sheet_names(clean_report: RunResult) -> None:
    names = CalamineWorkbook.from_path(str(clean_report.report_path)).sheet_names
    assert {"Ringkasan", "LRA", "Realisasi Bulanan", "Rekonsiliasi", "Validasi"} <= set(names)


# Extra columns beyond the labels are the developers' design (output contract), so each
# header is compared on its first len(labels) cells.
HEADERS = {
    # the draft's realisasi stops in January: the column says so
    "LRA": ["Kode Rekening", "Uraian", "Anggaran", "Realisasi s.d. Januari 2023", "% 2023",
            "Realisasi 2022"],
    "Realisasi Bulanan": ["Kode", "Program/Kegiatan/Sub Kegiatan", "Pagu", "Januari",
                          "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                          "September", "Oktober", "November", "Desember", "Total", "%"],
    "Rekonsiliasi": ["Jenis", "Kode", "Uraian", "Dinyatakan", "Dihitung", "Selisih", "Sumber"],
    "Validasi": ["Tingkat", "Kode", "Pesan", "Berkas", "Sheet", "Sel", "Nilai"],
}


@pytest.mark.parametrize("sheet", sorted(HEADERS))
def test_header_labels(draft_report: RunResult, sheet: str) -> None:
    labels = HEADERS[sheet]
    header = header_of(rows_of(draft_report.report_path, sheet), labels[0])
    assert header[:len(labels)] == labels


# --- DRAFT banner ---------------------------------------------------------------------


def _cells_with(path: Path, text: str) -> list[str]:
    workbook = CalamineWorkbook.from_path(str(path))
    return [str(cell) for name in workbook.sheet_names
            for row in workbook.get_sheet_by_name(name).to_python()
            for cell in row if text in str(cell)]


def test_draft_banner_counts_the_errors(draft_report: RunResult) -> None:
    validation = rows_of(draft_report.report_path, "Validasi")
    errors = [row for row in validation if row[0] == "Kesalahan"]
    assert sorted(row[1] for row in errors) == ["money-invalid", "realisasi-orphan"]
    banners = [cell for row in rows_of(draft_report.report_path, "Ringkasan")
               for cell in row if "DRAFT" in str(cell)]
    assert len(banners) == 1
    assert banners[0].startswith("DRAFT — 2 kesalahan")


def test_no_draft_text_when_clean(clean_report: RunResult) -> None:
    assert clean_report.report.errors == 0
    assert _cells_with(clean_report.report_path, "DRAFT") == []


# --- LRA print setup ------------------------------------------------------------------


def test_lra_print_setup(clean_report: RunResult) -> None:
    sheet = openpyxl.load_workbook(clean_report.report_path)["LRA"]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    # one page wide (an absent fitToWidth is the OOXML default, 1), as many pages tall as needed
    assert sheet.page_setup.fitToWidth in (None, 1, "1")
    assert int(sheet.page_setup.fitToHeight) == 0
    assert sheet.print_title_rows == "$5:$6"  # header labels and the 1 2 3 … row
    assert sheet.freeze_panes == "C7"  # below the header, right of Kode and Uraian
