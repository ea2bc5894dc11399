"""A shared folder as officers keep it: the SIPD example beside a dozen downloads that are not
this OPD's or not this year's (issue 12, "Files that are not this OPD's, or not this
year's").

The unrelated files are built here from the labels of `../shared/spec/real-exports.md`:
other years' Rekap (A1) and snapshots (B1, also as CSV and as old `.xls`), another OPD's
Rekap, snapshot, AKLAP LRA (C1) and DPA print (A2), a last year's SPJ Fungsional (B2),
SIMDA-era LRA CSVs (C2) with codes like `1.20 . 1.20.03 . 00 . 00 . 4`, and a workbook that
matches no layout. The command line must exit 0, the report must not change, and each
unrelated file must get exactly one finding that names it, never an error.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import pytest
from export_builders import write_grid
from libreoffice import soffice_path
from test_sipd_example import (
    LAKIP_SHEETS,
    MONTHLY_SHEET,
    SIPD,
    cell_differences,
    lra_amounts,
    lra_table,
    row_differences,
    sheet_differences,
    sipd_alone,
)

from pipeline.cache import FOLDER_NAME
from pipeline.findings import Severity
from pipeline.report.model import IssueField, Report
from pipeline.run import RunConfig, RunResult, run

ROOT = Path(__file__).resolve().parent.parent

# The labels of the spec, as SIPD-RI and SIMDA print them.
REKAP = ["NO", "KODE DAERAH", "NAMA DAERAH", "TAHUN", "KODE URUSAN", "NAMA URUSAN",
         "KODE SKPD", "NAMA SKPD", "KODE SUB UNIT", "NAMA SUB UNIT", "KODE BIDANG URUSAN",
         "NAMA BIDANG URUSAN", "KODE PROGRAM", "NAMA PROGRAM", "KODE KEGIATAN",
         "NAMA KEGIATAN", "KODE SUB KEGIATAN", "NAMA SUB KEGIATAN", "KODE SUMBER DANA",
         "NAMA SUMBER DANA", "KODE REKENING", "NAMA REKENING", "KODE STANDAR HARGA",
         "NAMA STANDAR HARGA", "PAGU"]
SNAPSHOT = ["NO", "TAHUN", "KODE SKPD", "NAMA SKPD", "KODE SUB UNIT", "NAMA SUB UNIT",
            "KODE BIDANG URUSAN", "NAMA BIDANG URUSAN", "KODE PROGRAM", "NAMA PROGRAM",
            "KODE KEGIATAN", "NAMA KEGIATAN", "KODE SUB KEGIATAN", "NAMA SUB KEGIATAN",
            "KODE REKENING", "NAMA REKENING", "PAGU", "REALISASI"]


class Unit(NamedTuple):
    """A perangkat daerah as SIPD-RI names it, with a few of its budget lines."""

    kode_skpd: str
    nama_skpd: str
    bidang: tuple[str, str]
    program: tuple[str, str]
    kegiatan: tuple[str, str]
    sub: tuple[str, str]
    lines: tuple[tuple[str, str, int, int], ...]  # kode rekening, nama, pagu, realisasi


DAERAH = ("12.23", "Kabupaten Labuhanbatu Utara")
URUSAN = ("1", "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR")
DINSOS = Unit(
    "1.06.0.00.0.00.01.0000", "Dinas Sosial", ("1.06", "URUSAN PEMERINTAHAN BIDANG SOSIAL"),
    ("1.06.02", "Program Pemberdayaan Sosial"),
    ("1.06.02.2.03", "Pengembangan Potensi Sumber Kesejahteraan Sosial Daerah Kabupaten/Kota"),
    ("1.06.02.2.03.0002", "Peningkatan Kemampuan Potensi Tenaga Kesejahteraan Sosial "
                          "Kecamatan Kewenangan Kabupaten/Kota"),
    (("5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
      7_500_000, 6_250_000),
     ("5.1.02.01.01.0052", "Belanja Makanan dan Minuman Rapat", 12_000_000, 11_400_000),
     ("5.1.02.04.01.0001", "Belanja Perjalanan Dinas Biasa", 48_000_000, 39_850_000)),
)
DINKES = Unit(
    "1.02.0.00.0.00.01.0000", "Dinas Kesehatan", ("1.02", "URUSAN PEMERINTAHAN BIDANG KESEHATAN"),
    ("1.02.02", "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat"),
    ("1.02.02.2.02", "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah "
                     "Kabupaten/Kota"),
    ("1.02.02.2.02.0001", "Pengelolaan Pelayanan Kesehatan Ibu Hamil"),
    (("5.1.02.01.01.0052", "Belanja Makanan dan Minuman Rapat", 14_814_804, 9_300_000),
     ("5.1.02.02.01.0013", "Belanja Jasa Tenaga Kesehatan", 96_000_000, 48_000_000)),
)


class Unrelated(NamedTuple):
    path: str  # relative to the input folder, as findings name it
    why: str  # "tahun" (another year), "opd" (another OPD), "layout" (no layout)
    hint: str  # what the note must mention: the year, the other OPD, or a label


# --- writers -----------------------------------------------------------------------------------


Rows = list[Sequence[object]]


def write_csv(path: Path, rows: Sequence[Sequence[object]], delimiter: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def rekap_rows(unit: Unit, year: int) -> Rows:
    """A1: one header row, two komponen per line."""
    rows: Rows = [REKAP]
    for kode, nama, pagu, _ in unit.lines:
        for number, share in ((1, pagu // 3), (2, pagu - pagu // 3)):
            rows.append([len(rows), *DAERAH, year, *URUSAN, unit.kode_skpd, unit.nama_skpd,
                         unit.kode_skpd, unit.nama_skpd, *unit.bidang, *unit.program,
                         *unit.kegiatan, *unit.sub, "1.2.01.01.01.0001",
                         "DAU yang Tidak Ditentukan Penggunaannya", kode, nama,
                         f"1.1.12.01.01.0001.{number:05d}", f"{nama} - Rincian {number}", share])
    return rows


def snapshot_rows(unit: Unit, year: int, titles: Sequence[str] = ()) -> Rows:
    """B1: title rows (if any), a blank row, one header row, one row per line."""
    rows: Rows = [[title] for title in titles]
    if titles:
        rows.append([])
    rows.append(SNAPSHOT)
    for number, (kode, nama, pagu, realisasi) in enumerate(unit.lines, start=1):
        rows.append([number, year, unit.kode_skpd, unit.nama_skpd, unit.kode_skpd,
                     unit.nama_skpd, *unit.bidang, *unit.program, *unit.kegiatan, *unit.sub,
                     kode, nama, pagu, realisasi])
    return rows


CHART = {"5": "BELANJA DAERAH", "5.1": "BELANJA OPERASI", "5.1.02": "Belanja Barang dan Jasa",
         "5.1.02.01": "Belanja Barang", "5.1.02.01.01": "Belanja Barang Pakai Habis",
         "5.1.02.02": "Belanja Jasa", "5.1.02.02.01": "Belanja Jasa Kantor",
         "5.1.02.04": "Belanja Perjalanan Dinas", "5.1.02.04.01": "Belanja Perjalanan Dinas "
         "Dalam Negeri"}


def parents(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts) + 1)]


def lra_rows(unit: Unit, year: int) -> Rows:
    """C1 with the years in the labels (`Anggaran 2023`, `Realisasi 2022`)."""
    rows: Rows = [
        [f"PEMERINTAH {DAERAH[1].upper()}"], ["LAPORAN REALISASI ANGGARAN"],
        [unit.nama_skpd.upper()],
        [f"Untuk Tahun Yang Berakhir Sampai Dengan 31 Desember {year}"], [],
        ["Kode Rekening", "Uraian", f"Anggaran {year}", f"Realisasi {year}", "%",
         f"Realisasi {year - 1}"]]
    sums: dict[str, list[int]] = {}
    for kode, _, pagu, realisasi in unit.lines:
        for code in parents(kode):
            amounts = sums.setdefault(code, [0, 0])
            amounts[0] += pagu
            amounts[1] += realisasi
    names = {**CHART, **{kode: nama for kode, nama, _, _ in unit.lines}}
    for code in sorted(sums, key=lambda c: [int(part) for part in c.split(".")]):
        pagu, realisasi = sums[code]
        rows.append([code, names[code], pagu, realisasi, round(realisasi * 100 / pagu, 2), 0])
    return rows


def spj_rows(unit: Unit, year: int, month: str) -> Rows:
    """B2: titles naming the month, two label rows, a numbering row, the code split over
    six cells (merged labels are only in their top-left cell)."""
    rows: Rows = [
        [f"PEMERINTAH {DAERAH[1].upper()}"],
        ["LAPORAN PERTANGGUNGJAWABAN BENDAHARA PENGELUARAN (SPJ FUNGSIONAL)"],
        [f"SKPD : {unit.kode_skpd} {unit.nama_skpd}"], [f"Tahun Anggaran : {year}"],
        [f"Bulan : {month}"], [],
        ["Kode Rekening", "", "", "", "", "", "Uraian", "Jumlah Anggaran", "SPJ - LS Gaji", "",
         "", "SPJ - LS Barang & Jasa", "", "", "SPJ - UP/GU/TU", "", "",
         "Jumlah SPJ (LS + UP/GU/TU) s.d. Bulan Ini", "Sisa Pagu Anggaran"],
        ["", "", "", "", "", "", "", "", *["s.d. Bulan Lalu", "Bulan Ini", "s.d. Bulan Ini"] * 3],
        ["1", "", "", "", "", "", "2", "3", "4", "5", "6 = (4+5)", "7", "8", "9 = (7+8)", "10",
         "11", "12 = (10+11)", "13 = (6+9+12)", "14 = (3-13)"]]
    for kode, nama, pagu, realisasi in unit.lines:
        segments = kode.split(".")
        rows.append([*segments, nama, pagu, 0, 0, 0, 0, realisasi, realisasi, 0, 0, 0,
                     realisasi, pagu - realisasi])
    return rows


def dpa_print_rows(unit: Unit, year: int) -> Rows:
    """A2, the DPA-RINCIAN BELANJA SKPD print: title cells, label/`:`/value rows, one sub
    kegiatan block with its rekening, group and komponen rows."""
    total = sum(pagu for _, _, pagu, _ in unit.lines)
    rows: Rows = [
        ["DOKUMEN PELAKSANAAN ANGGARAN"], ["SATUAN KERJA PERANGKAT DAERAH"],
        ["Formulir DPA-RINCIAN BELANJA SKPD"],
        [f"Pemerintah {DAERAH[1]} Tahun Anggaran {year}"], [],
        ["Urusan Pemerintahan", ":", f"{URUSAN[0]} {URUSAN[1]}"],
        ["Bidang Urusan", ":", " ".join(unit.bidang)],
        ["Program", ":", " ".join(unit.program)],
        ["Kegiatan", ":", " ".join(unit.kegiatan)],
        ["Organisasi", ":", f"{unit.kode_skpd} {unit.nama_skpd}"],
        ["Unit", ":", f"{unit.kode_skpd} {unit.nama_skpd}"],
        [f"Alokasi Tahun {year}", ":", rupiah(total)], [],
        ["Sub Kegiatan", ":", " ".join(unit.sub)],
        ["Sumber Pendanaan", ":", "DAU yang Tidak Ditentukan Penggunaannya"],
        ["Lokasi", ":", DAERAH[1]], ["Waktu Pelaksanaan", ":", "Januari s.d. Desember"],
        ["Keluaran Sub Kegiatan", ":", "Jumlah Ibu Hamil yang Mendapatkan Layanan"], [],
        ["Kode Rekening", "Uraian", "Rincian Perhitungan", "", "", "", "Jumlah"],
        ["", "", "Koefisien", "Satuan", "Harga", "PPN", ""]]
    leaves = {kode: (nama, pagu) for kode, nama, pagu, _ in unit.lines}
    sums: dict[str, int] = {}
    for kode, (_, pagu) in leaves.items():
        for code in parents(kode):
            sums[code] = sums.get(code, 0) + pagu
    for code in sorted(sums, key=lambda c: [int(part) for part in c.split(".")]):
        if code not in leaves:
            rows.append([code, CHART[code], "", "", "", "", rupiah(sums[code])])
            continue
        nama, pagu = leaves[code]
        rows.append([code, nama, "", "", "", "", rupiah(pagu)])
        rows.append(["", "[#] Kebutuhan Pelayanan", "", "", "", "", rupiah(pagu)])
        rows.append(["", "[-] Rapat dan Pelayanan", "", "", "", "", rupiah(pagu)])
        rows.append(["", f"{nama} - Rincian 1", "1 Paket", "Paket", rupiah(pagu), "0",
                     rupiah(pagu)])
    rows.append(["", "Jumlah Anggaran Sub Kegiatan :", "", "", "", "", rupiah(total)])
    return rows


def rupiah(amount: int) -> str:
    """`Rp. 14.814.804`, as the DPA print writes amounts."""
    return f"Rp. {amount:,}".replace(",", ".")


SIMDA_PREFIX = "1.20 . 1.20.03 . 00 . 00 . "  # urusan.bidang . unit . program . kegiatan .


def simda_lra_sap(year: int) -> Rows:
    """C2, the SAP form of SIMDA Keuangan, as a `;` CSV with SIMDA-era codes."""
    rows: Rows = [["NO URUT", "URAIAN", f"ANGGARAN {year}", f"REALISASI {year}",
                                 "(%)", f"REALISASI {year - 1}"]]
    for code, name, anggaran, realisasi, lalu in (
            ("4", "PENDAPATAN", "0,00", "0,00", "0,00"),
            ("5", "BELANJA", "2.145.600.000,00", "1.987.432.150,00", "1.876.000.000,00"),
            ("5.1", "BELANJA TIDAK LANGSUNG", "1.200.000.000,00", "1.150.000.000,00",
             "1.100.000.000,00"),
            ("5.1.1", "Belanja Pegawai", "1.200.000.000,00", "1.150.000.000,00",
             "1.100.000.000,00"),
            ("5.2", "BELANJA LANGSUNG", "945.600.000,00", "837.432.150,00", "776.000.000,00"),
            ("5.2.2", "Belanja Barang dan Jasa", "945.600.000,00", "837.432.150,00",
             "776.000.000,00")):
        rows.append([SIMDA_PREFIX + code, name, anggaran, realisasi, "92,63", lalu])
    rows.append(["", "SURPLUS / (DEFISIT)", "2.145.600.000,00", "1.987.432.150,00", "92,63",
                 "1.876.000.000,00"])
    return rows


def simda_lra_plain(year: int) -> Rows:
    """C2, the plain form (ends `LEBIH / (KURANG)`), as a `,` CSV."""
    prefix = "1.06 . 1.06.01 . 00 . 00 . "
    rows: Rows = [["NO URUT", "URAIAN", f"ANGGARAN {year}", f"REALISASI {year}",
                                 "LEBIH / (KURANG)"]]
    for code, name, anggaran, realisasi, lebih in (
            ("5", "BELANJA", "3.402.117.500,00", "3.118.962.400,00", "283.155.100,00"),
            ("5.1", "BELANJA TIDAK LANGSUNG", "1.806.000.000,00", "1.772.500.000,00",
             "33.500.000,00"),
            ("5.1.1", "Belanja Pegawai", "1.806.000.000,00", "1.772.500.000,00",
             "33.500.000,00"),
            ("5.2", "BELANJA LANGSUNG", "1.596.117.500,00", "1.346.462.400,00",
             "249.655.100,00")):
        rows.append([prefix + code, name, anggaran, realisasi, lebih])
    return rows


def staff_list() -> Rows:
    """A workbook an officer keeps beside the downloads that matches no layout."""
    return [["DAFTAR PEGAWAI DINAS SOSIAL"], [],
            ["No", "NIP", "Nama", "Jabatan", "Pangkat/Golongan"],
            [1, "197807141998101001", "JHON FERRY, S.STP, MM", "Kepala Dinas",
             "Pembina Utama Muda (IV/c)"],
            [2, "198203152006042011", "SITI AMINAH, SE", "Sekretaris", "Pembina (IV/a)"]]


def write_xls(source: Path, target: Path, workdir: Path) -> bool:
    """`source` saved as an old-format `.xls` by a headless LibreOffice; False without one."""
    soffice = soffice_path()
    if soffice is None:
        return False
    profile = (workdir / "lo-profile").resolve()
    outdir = workdir / "xls"
    done = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                           "--convert-to", "xls:MS Excel 97", "--outdir", str(outdir),
                           str(source)], capture_output=True, timeout=180, check=False)
    converted = outdir / (source.stem + ".xls")
    if done.returncode != 0 or not converted.is_file():
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(converted, target)
    return True


def write_unrelated(folder: Path, workdir: Path) -> list[Unrelated]:
    """The unrelated downloads, written into `folder`; what each one is."""
    written = [
        Unrelated("arsip/Dinas Sosial_Rekap_Ver3_Penetapan APBD 2022_Terkunci.xlsx", "tahun",
                  "2022"),
        Unrelated("Dinas Sosial_Rekap_Ver1_Penetapan APBD 2024_Terkunci.xlsx", "tahun", "2024"),
        Unrelated("Dinas Kesehatan_Rekap_Ver4_Perubahan APBD 2023_Terkunci.xlsx", "opd",
                  "Kesehatan"),
        Unrelated("arsip/realisasi_belanja_2022-12-31.xlsx", "tahun", "2022"),
        Unrelated("statistik_belanja (6).xlsx", "tahun", "2024"),
        Unrelated("realisasi_belanja_2023-06-30 (Dinkes).xlsx", "opd", "Kesehatan"),
        Unrelated("LRA_SKPD_Dinas Kesehatan_2023.xlsx", "opd", "Kesehatan"),
        Unrelated("DPA-RINCIAN BELANJA Dinas Kesehatan 2023.xlsx", "opd", "Kesehatan"),
        Unrelated("arsip/SPJ_Fungsional_Juni_2022.xlsx", "tahun", "2022"),
        Unrelated("arsip/simda/lra_2016.csv", "tahun", "2016"),
        Unrelated("arsip/simda/lra_2017.csv", "tahun", "2017"),
        Unrelated("arsip/realisasi_2022-09-30.csv", "tahun", "2022"),
        Unrelated("Daftar Pegawai Dinas Sosial.xlsx", "layout", ""),
    ]
    at = {item.path: folder / item.path for item in written}
    write_grid(at[written[0].path], rekap_rows(DINSOS, 2022), "Worksheet")
    write_grid(at[written[1].path], rekap_rows(DINSOS, 2024), "Worksheet")
    write_grid(at[written[2].path], rekap_rows(DINKES, 2023), "Worksheet")
    write_grid(at[written[3].path], snapshot_rows(DINSOS, 2022), "Worksheet")
    write_grid(at[written[4].path], snapshot_rows(DINSOS, 2024, [
        "LAPORAN REALISASI BELANJA PER SUB KEGIATAN DAN REKENING", "s.d. 31 Januari 2024"]),
        "Worksheet")
    write_grid(at[written[5].path], snapshot_rows(DINKES, 2023), "Worksheet")
    write_grid(at[written[6].path], lra_rows(DINKES, 2023), "Page 1")
    write_grid(at[written[7].path], dpa_print_rows(DINKES, 2023), "Sheet1")
    write_grid(at[written[8].path], spj_rows(DINSOS, 2022, "Juni"), "Sheet1")
    write_csv(at[written[9].path], simda_lra_sap(2016), ";")
    write_csv(at[written[10].path], simda_lra_plain(2017), ",")
    write_csv(at[written[11].path], snapshot_rows(DINSOS, 2022), ";")
    write_grid(at[written[12].path], staff_list(), "Sheet1")
    xls = Unrelated("arsip/realisasi_belanja_2021-12-31.xls", "tahun", "2021")
    source = write_grid(workdir / "realisasi_belanja_2021-12-31.xlsx",
                        snapshot_rows(DINSOS, 2021), "Worksheet")
    if write_xls(source, folder / xls.path, workdir):
        written.append(xls)
    return written


# --- the run ------------------------------------------------------------------------------------


class Mixed(NamedTuple):
    cli: subprocess.CompletedProcess[str]
    report_path: Path | None  # the workbook the command line wrote
    result: RunResult | str  # the same folder through the API (its findings), or why not
    unrelated: list[Unrelated]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Mixed:
    """The SIPD example and the unrelated downloads in one folder, run by the command line
    as an officer types it; then through the API on the command line's parse cache, for the
    `Report` (the files are parsed once)."""
    base = tmp_path_factory.mktemp("shared-folder")
    folder, out = base / "masukan", base / "keluaran"
    shutil.copytree(SIPD, folder)
    unrelated = write_unrelated(folder, base / "work")
    cli = subprocess.run([sys.executable, "run.py", "--input", str(folder), "--output", str(out),
                          "--quiet"], cwd=ROOT, capture_output=True, text=True,
                         encoding="utf-8", timeout=600, check=False)
    reports = sorted(out.glob("LAKIP_*.xlsx"))
    try:
        result: RunResult | str = run(RunConfig(folder, base / "keluaran-api",
                                                cache_dir=out / FOLDER_NAME, document=False))
    except Exception as error:  # noqa: BLE001 - shown by the tests that need the report
        result = f"{type(error).__name__}: {error}"
    return Mixed(cli, reports[0] if len(reports) == 1 else None, result, unrelated)


def report_of(mixed: Mixed) -> Report:
    if isinstance(mixed.result, str):
        pytest.fail(f"the shared folder gives no report: {mixed.result}")
    return mixed.result.report


@pytest.fixture(scope="module")
def sipd_run(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    return sipd_alone(tmp_path_factory)


def test_the_folder_holds_a_dozen_unrelated_downloads(mixed: Mixed) -> None:
    assert len(mixed.unrelated) >= 12
    assert {item.why for item in mixed.unrelated} == {"tahun", "opd", "layout"}


def test_the_command_line_exits_0(mixed: Mixed) -> None:
    assert mixed.cli.returncode == 0, mixed.cli.stdout + mixed.cli.stderr
    assert "Traceback" not in mixed.cli.stderr
    assert mixed.report_path is not None


def test_each_unrelated_file_has_exactly_one_note(mixed: Mixed) -> None:
    found = report_of(mixed).flatten(["severity", "code", "file"])
    per_file = {item.path: [entry for entry in found if entry[2] == item.path]
                for item in mixed.unrelated}
    wrong = {path: entries for path, entries in per_file.items()
             if len(entries) != 1 or entries[0][0] is Severity.ERROR}
    assert wrong == {}


def test_each_note_says_why(mixed: Mixed) -> None:
    """Another year names the year, another OPD names it, an unknown workbook names the
    labels it lacks (the spec's labels, in the layout it resembles most)."""
    labels = ("kode rekening", "realisasi", "anggaran", "pagu", "uraian", "kode sub kegiatan")
    unsaid = []
    for item in mixed.unrelated:
        messages = [found.message for found in report_of(mixed).issues
                    if found.file == item.path]
        text = " ".join(messages).casefold()
        said = (any(label in text for label in labels) if item.why == "layout"
                else item.hint.casefold() in text)
        if not said:
            unsaid.append((item.path, messages))
    assert unsaid == []


def test_nothing_else_changes_in_the_findings(mixed: Mixed, sipd_run: RunResult) -> None:
    """No flood of Validasi: the findings not naming an unrelated file are those of the
    SIPD example alone, and no error is added."""
    unrelated = {item.path for item in mixed.unrelated}
    fields: list[IssueField] = ["severity", "code", "file", "sheet", "cell"]
    mixed_found = Counter(tuple(entry) for entry in report_of(mixed).flatten(fields)
                          if entry[2] not in unrelated)
    alone = Counter(tuple(entry) for entry in sipd_run.report.flatten(fields))
    assert (sorted(mixed_found - alone, key=str), sorted(alone - mixed_found, key=str)) == ([], [])
    assert report_of(mixed).errors == sipd_run.report.errors


def test_the_lra_is_unchanged(mixed: Mixed, sipd_run: RunResult) -> None:
    assert row_differences(lra_amounts(sipd_run.report), lra_amounts(report_of(mixed))) == []
    assert mixed.report_path is not None
    assert cell_differences(lra_table(sipd_run.report_path),
                            lra_table(mixed.report_path))[:10] == []


def test_the_lakip_tables_are_unchanged(mixed: Mixed, sipd_run: RunResult) -> None:
    assert mixed.report_path is not None
    assert sheet_differences(sipd_run.report_path, mixed.report_path,
                             (*LAKIP_SHEETS, MONTHLY_SHEET)) == {}
