"""Budget downloads: the SIPD-RI Rekap (A1), the DPA- / DPPA-Rincian Belanja print (A2), and
`pipeline.exports.budget.merge_budget`, which joins their stages into one DPA.

Every fixture is built here from the labels of the spec (`real-exports.md`, A1 and A2) and
of the SIPD print itself (title cells, label / `:` / value rows, the header band over
`Koefisien | Satuan | Harga | PPN`, `Rp.` amounts); expected amounts are worked out by hand
in sen. Covers: komponen rows summed to lines (columns reordered, an extra column), rows
that cannot be lines, the stage and version from the file name (and the trap of a name
that tells no stage), `X.XX` replaced, a print's rekening rows as lines with every stated
subtotal checked (the trap of a block that does not add up), the DPPA's two stages, and
the merge: latest version wins, perubahan alone, murni + perubahan joined, a template DPA
first, the Identitas sheet, cells that stay real. Then both layouts end to end through
`parse_file` on written workbooks, and a folder through `run.assemble_inputs`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pytest
from builders import write_dpa
from export_builders import write_grid

from pipeline import assemble
from pipeline.excel.grid import Grid
from pipeline.excel.header import find_header
from pipeline.exports import aside, dpa_print, rekap
from pipeline.exports.base import BUDGET_STAGE, LAYOUT, STAGE, VERSION, Extract, Source
from pipeline.exports.budget import merge_budget
from pipeline.exports.recognise import match_grid
from pipeline.exports.stage import stage_of_name, version_of_name
from pipeline.findings import Issue
from pipeline.parse import parse_file
from pipeline.run import RunConfig, assemble_inputs
from pipeline.tables import ParsedFile

SEN = 100
REKAP_MURNI = "Dinsos_Rekap_Ver4_Penetapan APBD 2023_Terkunci.xlsx"
REKAP_PERUBAHAN = "Dinsos_Rekap_Ver2_Perubahan APBD 2023_Terkunci.xlsx"
SUB = "1.06.01.2.01.0002"
SUB_PRINTED = "X.XX.01.2.01.0002"
SUB2 = "1.06.04.2.01.0003"
ATK = "5.1.02.01.01.0024"
CETAK = "5.1.02.01.01.0026"
MAMIN = "5.1.02.01.01.0052"
OPD_CODE = "1.06.0.00.0.00.01.0000"

# --- A1 fixtures ---------------------------------------------------------------------------

REKAP_HEADER = [
    "NO", "KODE DAERAH", "NAMA DAERAH", "TAHUN", "KODE URUSAN", "NAMA URUSAN", "KODE SKPD",
    "NAMA SKPD", "KODE SUB UNIT", "NAMA SUB UNIT", "KODE BIDANG URUSAN", "NAMA BIDANG URUSAN",
    "KODE PROGRAM", "NAMA PROGRAM", "KODE KEGIATAN", "NAMA KEGIATAN", "KODE SUB KEGIATAN",
    "NAMA SUB KEGIATAN", "KODE SUMBER DANA", "NAMA SUMBER DANA", "KODE REKENING",
    "NAMA REKENING", "KODE STANDAR HARGA", "NAMA STANDAR HARGA", "NAMA PAKET KELOMPOK", "PAGU",
]
NAMES = {ATK: "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
         CETAK: "Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Cetak",
         MAMIN: "Belanja Makanan dan Minuman Rapat"}
SUB_NAMES = {SUB_PRINTED: "Koordinasi dan Penyusunan Dokumen RKA-SKPD",
             SUB: "Koordinasi dan Penyusunan Dokumen RKA-SKPD",
             SUB2: "Penyediaan Alat Bantu"}


def rekap_row(number: int, sub: object, account: object, pagu: object,
              komponen: str = "Kertas HVS") -> dict[str, object]:
    """One komponen row of a Rekap, by label."""
    text = str(sub)
    penunjang = text.startswith(("X.XX", "1.06.01"))
    return {
        "NO": number, "KODE DAERAH": "12.23", "NAMA DAERAH": "Kabupaten Labuhanbatu Utara",
        "TAHUN": 2023, "KODE URUSAN": "1", "NAMA URUSAN": "URUSAN PEMERINTAHAN WAJIB",
        "KODE SKPD": OPD_CODE, "NAMA SKPD": "Dinas Sosial", "KODE SUB UNIT": OPD_CODE,
        "NAMA SUB UNIT": "Dinas Sosial", "KODE BIDANG URUSAN": "X.XX" if penunjang else "1.06",
        "NAMA BIDANG URUSAN": "BIDANG SOSIAL",
        "KODE PROGRAM": text[:7], "NAMA PROGRAM": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH"
        if penunjang else "PROGRAM REHABILITASI SOSIAL", "KODE KEGIATAN": text[:12],
        "NAMA KEGIATAN": "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah"
        if penunjang else "Rehabilitasi Sosial Dasar", "KODE SUB KEGIATAN": sub,
        "NAMA SUB KEGIATAN": SUB_NAMES.get(text, ""), "KODE SUMBER DANA": "1.1",
        "NAMA SUMBER DANA": "PAD", "KODE REKENING": account,
        "NAMA REKENING": NAMES.get(str(account), "Belanja"), "KODE STANDAR HARGA": "1.1.12.01",
        "NAMA STANDAR HARGA": komponen, "NAMA PAKET KELOMPOK": "", "PAGU": pagu,
    }


def rekap_grid(rows: Sequence[dict[str, object]], header: Sequence[str] = REKAP_HEADER,
               extra: Sequence[Sequence[object]] = ()) -> Grid:
    table = [list(header)] + [[row.get(label, "") for label in header] for row in rows]
    return Grid("Sheet1", table + [list(item) for item in extra], 1, 0)


def read_rekap(grid: Grid, name: str = REKAP_MURNI) -> Extract:
    header = find_header(grid, rekap.EXPORT.layout)
    assert header is not None and header.missing == ()
    return rekap.EXPORT.read(grid, header, Source(f"anggaran/{name}", name))


def stage_table(extract: Extract, stage: str | None = None) -> pd.DataFrame:
    tables = [table for table in extract.tables if table.kind == BUDGET_STAGE
              and (stage is None or set(table.frame["tahap"]) == {stage})]
    assert len(tables) == 1
    return tables[0].frame


def lines_of(frame: pd.DataFrame) -> dict[tuple[str, str], int]:
    clean = frame[~frame[["bad_kode_sub_kegiatan", "bad_kode_rekening", "bad_pagu"]].any(axis=1)
                  & frame["kode_sub_kegiatan"].notna()]
    return {(row.kode_sub_kegiatan, row.kode_rekening): int(row.pagu)
            for row in clean.itertuples(index=False)}


def codes_of(issues: Sequence[Issue]) -> list[str]:
    return sorted(found.code for found in issues)


# --- A1 ------------------------------------------------------------------------------------

def test_rekap_komponen_rows_add_up_to_lines_exactly_with_columns_reordered() -> None:
    header = [*reversed(REKAP_HEADER), "KETERANGAN"]  # reordered, one column more
    grid = rekap_grid([
        rekap_row(1, SUB, ATK, 100_000.0),
        rekap_row(2, SUB, ATK, "449.118"),
        rekap_row(3, SUB, ATK, "1.000,50"),
        rekap_row(4, SUB, CETAK, 4_374_758.0, "Spanduk"),
        rekap_row(5, SUB2, ATK, 250_000.0),
    ], header)
    extract = read_rekap(grid)
    frame = stage_table(extract)
    assert lines_of(frame) == {(SUB, ATK): 55_011_850, (SUB, CETAK): 437_475_800,
                               (SUB2, ATK): 25_000_000}
    atk = frame[(frame["kode_sub_kegiatan"] == SUB) & (frame["kode_rekening"] == ATK)].iloc[0]
    assert (atk["row"], atk["rows"], atk["uraian"]) == (2, 3, NAMES[ATK])
    assert int(frame["rows"].sum()) == 5  # every komponen row is in a line
    assert extract.issues == ()
    table = next(table for table in extract.tables if table.kind == BUDGET_STAGE)
    # the cells a finding names: KODE REKENING and PAGU where they are in this file
    assert table.letters["kode_rekening"] == "F" and table.letters["pagu"] == "A"


def test_rekap_rows_that_cannot_be_lines_are_kept_flagged_and_named() -> None:
    grid = rekap_grid([
        rekap_row(1, SUB, ATK, 500_000.0),
        rekap_row(2, SUB, "5.1.02.01.01", 7_000.0),  # not a komponen's rekening
        rekap_row(3, "", CETAK, 8_000.0),  # no sub kegiatan
        rekap_row(4, SUB, MAMIN, "15.000.00"),  # no notation fits
        rekap_row(5, "1.06.01.2.01", MAMIN, 9_000.0),  # a kegiatan, not a sub kegiatan
    ])
    extract = read_rekap(grid)
    cells = {(found.code, found.cell) for found in extract.issues}
    assert cells == {("code-malformed", "U3"), ("sub-kegiatan-missing", "Q4"),
                     ("money-invalid", "Z5"), ("code-malformed", "Q6")}
    frame = stage_table(extract)
    assert lines_of(frame) == {(SUB, ATK): 50_000_000}
    kept = frame[frame["row"] != 2].set_index("row")
    assert sorted(kept.index) == [3, 4, 5, 6]  # each refused row is still in the table
    assert bool(kept.at[3, "bad_kode_rekening"]) and bool(kept.at[6, "bad_kode_sub_kegiatan"])
    assert bool(kept.at[5, "bad_pagu"]) and pd.isna(kept.at[4, "kode_sub_kegiatan"])


def test_rekap_total_row_is_compared_never_added() -> None:
    rows = [rekap_row(1, SUB, ATK, 500_000.0), rekap_row(2, SUB, CETAK, 250_000.0)]
    total = [""] * (len(REKAP_HEADER) - 2) + ["TOTAL", 750_001.0]
    extract = read_rekap(rekap_grid(rows, extra=[total]))
    assert lines_of(stage_table(extract)) == {(SUB, ATK): 50_000_000, (SUB, CETAK): 25_000_000}
    assert [(found.code, found.cell) for found in extract.issues] == [("subtotal-mismatch", "Z4")]
    assert "750.001" in extract.issues[0].message and "750.000" in extract.issues[0].message


def test_rekap_rows_of_another_year_or_skpd_are_refused_with_their_cell() -> None:
    rows = [rekap_row(1, SUB, ATK, 500_000.0), rekap_row(2, SUB, ATK, 100_000.0),
            rekap_row(3, SUB, CETAK, 250_000.0),
            {**rekap_row(4, SUB, ATK, 7_000.0), "TAHUN": 2022},
            {**rekap_row(5, SUB, ATK, 9_000.0), "KODE SKPD": "1.02.0.00.0.00.01.0000",
             "NAMA SKPD": "Dinas Kesehatan"},
            {**rekap_row(6, SUB, CETAK, 3_000.0), "KODE SKPD": "", "NAMA SKPD": "Dinas Kesehatan"}]
    extract = read_rekap(rekap_grid(rows))
    assert [(found.code, found.cell, found.value) for found in extract.issues] == [
        ("value-invalid", "D5", "2022"), ("value-invalid", "G6", "1.02.0.00.0.00.01.0000"),
        ("value-invalid", "H7", "Dinas Kesehatan")]
    frame = stage_table(extract)
    assert lines_of(frame) == {(SUB, ATK): 60_000_000, (SUB, CETAK): 25_000_000}
    refused = frame[frame["bad_kode_sub_kegiatan"]]
    assert sorted(refused["row"]) == [5, 6, 7] and int(refused["pagu"].sum()) == 1_900_000


def test_rekap_total_over_an_unreadable_pagu_is_not_compared() -> None:
    rows = [rekap_row(1, SUB, ATK, 500_000.0), rekap_row(2, SUB, CETAK, "dua ratus")]
    total = [""] * (len(REKAP_HEADER) - 2) + ["TOTAL", 700_000.0]
    extract = read_rekap(rekap_grid(rows, extra=[total]))
    assert [(found.code, found.cell) for found in extract.issues] == [("money-invalid", "Z3")]


def test_rekap_gives_identity_program_names_and_what_its_name_says() -> None:
    extract = read_rekap(rekap_grid([rekap_row(1, SUB, ATK, 1.0), rekap_row(2, SUB2, ATK, 2.0)]))
    assert extract.identitas == {"pemerintah_daerah": "Kabupaten Labuhanbatu Utara",
                                 "perangkat_daerah": "Dinas Sosial", "tahun_anggaran": "2023"}
    assert extract.meta == {LAYOUT: "sipd-rekap", "tahun": "2023", "skpd": "Dinas Sosial",
                            "kode_skpd": OPD_CODE, STAGE: "murni", VERSION: "4"}
    program = next(table for table in extract.tables if table.kind == "program").frame
    names = dict(zip(program["kode"], program["nomenklatur"], strict=True))
    assert names == {
        "1.06.01": "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH",
        "1.06.01.2.01": "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
        SUB: SUB_NAMES[SUB], "1.06.04": "PROGRAM REHABILITASI SOSIAL",
        "1.06.04.2.01": "Rehabilitasi Sosial Dasar", SUB2: "Penyediaan Alat Bantu"}


@pytest.mark.parametrize(("name", "stage", "version"), [
    ("Dinsos_Rekap_Ver4_Penetapan APBD 2023_Terkunci.xlsx", "murni", 4),
    ("rekap murni 2023.xlsx", "murni", None),
    ("Dinsos_Rekap_Ver2_Perubahan APBD 2023_Terkunci.xlsx", "perubahan", 2),
    ("Rekap_Ver3_Pergeseran 1 APBD 2023.xlsx", "perubahan", 3),
    ("Rekap APBD-P 2023.xls", "perubahan", None),
    ("Rekap_Versi_5_Penetapan Perubahan APBD 2023.xlsx", "perubahan", 5),
    ("Rekap anggaran 2023 (verifikasi).xlsx", None, None),
    ("Rekap Pemda 2023.xlsx", None, None),
])
def test_stage_and_version_come_from_the_file_name(name: str, stage: str | None,
                                                   version: int | None) -> None:
    assert (stage_of_name(name), version_of_name(name)) == (stage, version)


def test_rekap_whose_name_tells_no_stage_is_an_error_naming_the_file() -> None:
    extract = read_rekap(rekap_grid([rekap_row(1, SUB, ATK, 1.0)]), "Rekap anggaran 2023.xlsx")
    assert codes_of(extract.issues) == ["stage-unknown"]
    found = extract.issues[0]
    assert (found.severity.value, found.file) == ("Kesalahan", "anggaran/Rekap anggaran 2023.xlsx")
    assert "Rekap anggaran 2023.xlsx" in found.message and STAGE not in extract.meta
    assert set(stage_table(extract)["tahap"]) == {""}


def test_rekap_codes_written_loosely_are_normalised() -> None:
    rows = [rekap_row(1, "1 . 06 . 01 . 2 . 01 . 0002", "5 . 1 . 02 . 01 . 01 . 0024.", 10.0),
            rekap_row(2, SUB, "5.1.02.xx.01.0024", 20.0)]
    extract = read_rekap(rekap_grid(rows))
    assert lines_of(stage_table(extract)) == {(SUB, ATK): 1_000}
    assert [(found.code, found.cell) for found in extract.issues] == [
        ("code-not-normalised", "U3")]


def test_rekap_placeholder_codes_take_the_opd_bidang_with_a_note() -> None:
    extract = read_rekap(rekap_grid([rekap_row(1, SUB_PRINTED, ATK, 1.0),
                                     rekap_row(2, SUB_PRINTED, CETAK, 2.0)]))
    assert set(stage_table(extract)["kode_sub_kegiatan"]) == {SUB}
    assert [(found.code, found.cell, found.value) for found in extract.issues] == [
        ("code-replaced", "Q2", SUB_PRINTED)]
    assert "1.06" in extract.issues[0].message and "KODE SKPD" in extract.issues[0].message


def test_rekap_placeholder_without_an_opd_code_is_kept_with_a_warning() -> None:
    rows = [{**rekap_row(1, SUB_PRINTED, ATK, 1.0), "KODE SKPD": "", "KODE SUB UNIT": ""}]
    extract = read_rekap(rekap_grid(rows))
    assert set(stage_table(extract)["kode_sub_kegiatan"]) == {SUB_PRINTED}
    assert [(found.code, found.severity.value) for found in extract.issues] == [
        ("code-placeholder", "Peringatan")]


# --- A2 fixtures ---------------------------------------------------------------------------

WIDTH = 7  # Kode Rekening | Uraian | Koefisien | Satuan | Harga | PPN | Jumlah
DPPA_WIDTH = 14  # … | Sebelum (4 + Jumlah) | Setelah (4 + Jumlah) | Bertambah (Rp, %)


def rp(rupiah: int | None) -> str:
    """`Rp. 1.250.000,00` as SIPD prints it; None: a blank cell."""
    return "" if rupiah is None else "Rp. " + f"{rupiah:,}".replace(",", ".") + ",00"


def padded(cells: Sequence[object], width: int) -> list[object]:
    return list(cells) + [""] * (width - len(cells))


def titles(form: str, width: int) -> list[list[object]]:
    document = "DOKUMEN PELAKSANAAN PERUBAHAN ANGGARAN" if form == "DPPA" else (
        "RENCANA KERJA DAN ANGGARAN" if form == "RKA" else "DOKUMEN PELAKSANAAN ANGGARAN")
    return [padded([document, "", "", "", "", "Formulir"], width),
            padded(["SATUAN KERJA PERANGKAT DAERAH", "", "", "", "",
                    f"{form}-RINCIAN BELANJA SKPD"], width),
            padded(["Pemerintah Kabupaten Labuhanbatu Utara Tahun Anggaran 2023"], width)]


def context(width: int, program: str = "X.XX.01", kegiatan: str = "X.XX.01.2.01",
            unit: str = OPD_CODE, bidang: str = "1.06") -> list[list[object]]:
    rows = [
        ["Urusan Pemerintahan", ":", "1 URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN "
                                     "PELAYANAN DASAR"],
        ["Bidang Urusan", ":", f"{bidang} URUSAN PEMERINTAHAN BIDANG SOSIAL"],
        ["Program", ":", f"{program} PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA"],
        ["Sasaran Program", ":", "Meningkatnya tata kelola perangkat daerah"],
        ["Kegiatan", ":", f"{kegiatan} Perencanaan, Penganggaran, dan Evaluasi Kinerja "
                          "Perangkat Daerah"],
        ["Organisasi", ":", f"{unit} Dinas Sosial" if unit else "Dinas Sosial"],
        ["Unit", ":", f"{unit} Dinas Sosial" if unit else "Dinas Sosial"],
        ["Alokasi Tahun 2022", ":", "Rp. 0,00"],
        ["Alokasi Tahun 2023", ":", "Rp. 1.250.000,00"],
        ["Indikator & Tolok Ukur Kinerja Kegiatan"],
        ["Indikator", "Tolok Ukur Kinerja", "Target Kinerja"],
        ["Masukan", "Dana yang Dibutuhkan", "Rp. 1.250.000,00"],
        ["Rincian Anggaran Belanja Kegiatan Satuan Kerja Perangkat Daerah"],
    ]
    return [padded(row, width) for row in rows]


def block_head(sub: str, name: str, width: int, dppa: bool = False) -> list[list[object]]:
    rows: list[list[object]] = [
        padded(["Sub Kegiatan", ":", f"{sub} {name}"], width),
        padded(["Sumber Pendanaan", ":", "PAD"], width),
        padded(["Lokasi", ":", "Kabupaten Labuhanbatu Utara"], width),
        padded(["Waktu Pelaksanaan", ":", "Januari s.d. Desember"], width),
        padded(["Keluaran Sub Kegiatan", ":", "Jumlah Dokumen RKA-SKPD", "", "1 Dokumen"], width),
    ]
    if not dppa:
        return rows + [
            ["Kode Rekening", "Uraian", "Rincian Perhitungan", "", "", "", "Jumlah"],
            ["", "", "Koefisien", "Satuan", "Harga", "PPN", ""],
        ]
    return rows + [
        ["Kode Rekening", "Uraian", "Sebelum Perubahan", "", "", "", "", "Setelah Perubahan",
         "", "", "", "", "Bertambah/(Berkurang)", ""],
        ["", "", "Rincian Perhitungan", "", "", "", "Jumlah", "Rincian Perhitungan", "", "", "",
         "Jumlah", "", ""],
        ["", "", "Koefisien", "Satuan", "Harga", "PPN", "", "Koefisien", "Satuan", "Harga",
         "PPN", "", "(Rp)", "%"],
    ]


def account(code: str, name: str, amount: int | None) -> list[object]:
    return [code, name, "", "", "", "", rp(amount)]


def komponen(name: str, koefisien: str, satuan: str, harga: int, amount: int) -> list[object]:
    return ["", name, koefisien, satuan, f"{harga:,}".replace(",", "."), "0", rp(amount)]


def group(text: str, amount: int) -> list[object]:
    return ["", text, "", "", "", "", rp(amount)]


def total(amount: int) -> list[object]:
    return ["Jumlah Anggaran Sub Kegiatan :", "", "", "", "", "", rp(amount)]


def first_block(atk_komponen: tuple[int, int] = (600_000, 400_000), subtotal: int = 1_250_000,
                block_total: int = 1_250_000) -> list[list[object]]:
    """Sub kegiatan 0002: ATK 1.000.000 from two komponen (under [#] and [-] rows), Bahan
    Cetak 250.000; every level printed above them."""
    return [
        account("5", "BELANJA DAERAH", 1_250_000),
        account("5.1", "BELANJA OPERASI", 1_250_000),
        account("5.1.02", "Belanja Barang dan Jasa", subtotal),
        account("5.1.02.01", "Belanja Barang", 1_250_000),
        account("5.1.02.01.01", "Belanja Barang Pakai Habis", 1_250_000),
        account(ATK, NAMES[ATK], 1_000_000),
        group("[#] Alat Tulis Kantor", 1_000_000),
        group("[-] Kertas dan Map", 1_000_000),
        komponen("Kertas HVS A4 70 gram", "12 Rim", "Rim", 50_000, atk_komponen[0]),
        komponen("Map Snelhecter", "400 Buah", "Buah", 1_000, atk_komponen[1]),
        account(CETAK, NAMES[CETAK], 250_000),
        komponen("Cetak Spanduk", "1 Lembar", "Lembar", 250_000, 250_000),
        total(block_total),
    ]


def second_block() -> list[list[object]]:
    """Sub kegiatan 0003 of the same kegiatan: Makan Minum 300.000."""
    return [
        account("5", "BELANJA DAERAH", 300_000),
        account("5.1.02.01.01", "Belanja Barang Pakai Habis", 300_000),
        account(MAMIN, NAMES[MAMIN], 300_000),
        komponen("Nasi Kotak", "20 Kotak", "Kotak", 15_000, 300_000),
        total(300_000),
    ]


def print_grid(blocks: Sequence[tuple[str, list[list[object]]]], form: str = "DPA",
               kegiatan_total: int | None = None, unit: str = OPD_CODE,
               bidang: str = "1.06") -> Grid:
    rows = titles(form, WIDTH) + context(WIDTH, unit=unit, bidang=bidang)
    for sub, body in blocks:
        rows += block_head(sub, SUB_NAMES.get(sub, "Koordinasi dan Penyusunan Perubahan RKA"),
                           WIDTH) + body
    if kegiatan_total is not None:
        rows.append(["Jumlah Total Anggaran Kegiatan :", "", "", "", "", "", rp(kegiatan_total)])
    return Grid("DPA Rincian Belanja", rows, 1, 0)


def read_print(grid: Grid, name: str = "DPA Rincian Belanja Dinsos 2023.xlsx") -> Extract:
    match = match_grid(grid, [dpa_print.EXPORT])
    assert match is not None  # recognised by its labels and its title
    return dpa_print.EXPORT.read(grid, match.header, Source(f"anggaran/{name}", name))


def row_of(grid: Grid, text: str) -> int:
    """The Excel row of the first row with a cell that reads `text`."""
    return next(grid.first_row + index for index, row in enumerate(grid.rows) if text in row)


# --- A2 ------------------------------------------------------------------------------------

def test_print_lines_are_the_six_level_rekening_rows_never_their_komponen() -> None:
    grid = print_grid([(SUB_PRINTED, first_block()), ("X.XX.01.2.01.0003", second_block())],
                      kegiatan_total=1_550_000)
    extract = read_print(grid)
    frame = stage_table(extract)
    assert lines_of(frame) == {(SUB, ATK): 100_000_000, (SUB, CETAK): 25_000_000,
                               ("1.06.01.2.01.0003", MAMIN): 30_000_000}
    assert set(frame["level"]) == {6} and set(frame["tahap"]) == {"murni"}
    atk = frame[frame["kode_rekening"] == ATK].iloc[0]
    assert (atk["row"], atk["uraian"], atk["sumber_dana"]) == (row_of(grid, ATK), NAMES[ATK],
                                                               "PAD")
    assert codes_of(extract.issues) == ["code-replaced"] * 4  # program, kegiatan, two subs
    assert extract.identitas == {"pemerintah_daerah": "Kabupaten Labuhanbatu Utara",
                                 "perangkat_daerah": "Dinas Sosial", "tahun_anggaran": "2023"}
    assert (extract.meta[STAGE], extract.meta[dpa_print.DOCUMENT]) == ("murni", "DPA")
    table = next(table for table in extract.tables if table.kind == BUDGET_STAGE)
    assert (table.letters["kode_rekening"], table.letters["pagu"]) == ("A", "G")


def test_print_placeholders_take_the_bidang_of_the_unit_code_each_noted() -> None:
    grid = print_grid([(SUB_PRINTED, first_block())])
    extract = read_print(grid)
    notes = {found.value: found for found in extract.issues if found.code == "code-replaced"}
    assert set(notes) == {"X.XX.01", "X.XX.01.2.01", SUB_PRINTED}
    sub_row = row_of(grid, "Sub Kegiatan")
    assert notes[SUB_PRINTED].cell == f"C{sub_row}"  # the cell the code is printed in
    assert "1.06.01.2.01.0002" in notes[SUB_PRINTED].message
    program = next(table for table in extract.tables if table.kind == "program").frame
    assert set(program["kode"]) == {"1.06.01", "1.06.01.2.01", SUB}
    assert program.set_index("kode").at["1.06.01", "nomenklatur"].startswith("PROGRAM PENUNJANG")


def test_print_placeholder_without_organisation_code_is_kept_with_a_warning() -> None:
    extract = read_print(print_grid([(SUB_PRINTED, first_block())], unit="", bidang="X.XX"))
    assert set(stage_table(extract)["kode_sub_kegiatan"]) == {SUB_PRINTED}
    assert codes_of(extract.issues) == ["code-placeholder"] * 3


def test_print_block_that_does_not_add_up_is_named_at_each_stated_cell() -> None:
    body = first_block(atk_komponen=(600_000, 400_001), subtotal=1_250_100,
                       block_total=1_249_000)
    grid = print_grid([(SUB, body)], kegiatan_total=1_250_000 + 7)
    extract = read_print(grid)
    found = {(item.cell, item.value) for item in extract.issues
             if item.code == "dpa-print-mismatch"}
    assert found == {
        (f"G{row_of(grid, ATK)}", "1.000.000"),  # the rekening row against its komponen
        (f"G{row_of(grid, '[#] Alat Tulis Kantor')}", "1.000.000"),  # a group row
        (f"G{row_of(grid, '[-] Kertas dan Map')}", "1.000.000"),
        (f"G{row_of(grid, '5.1.02')}", "1.250.100"),  # a shorter rekening row …
        (f"G{row_of(grid, '5.1')}", "1.250.000"),  # … and its parent, which adds it up
        (f"G{row_of(grid, 'Jumlah Anggaran Sub Kegiatan :')}", "1.249.000"),
        (f"G{row_of(grid, 'Jumlah Total Anggaran Kegiatan :')}", "1.250.007"),
    }
    assert {item.severity.value for item in extract.issues
            if item.code == "dpa-print-mismatch"} == {"Kesalahan"}
    # the lines are still the rekening rows as printed
    assert lines_of(stage_table(extract)) == {(SUB, ATK): 100_000_000, (SUB, CETAK): 25_000_000}


def test_print_mismatch_messages_give_both_amounts() -> None:
    grid = print_grid([(SUB, first_block(block_total=1_249_000))])
    extract = read_print(grid)
    (found,) = [item for item in extract.issues if item.code == "dpa-print-mismatch"]
    assert "1.249.000" in found.message and "1.250.000" in found.message
    assert SUB in found.message and "(1.000)" in found.message


def test_print_unreadable_amount_is_named_and_its_line_flagged() -> None:
    body = first_block()
    body[10] = [CETAK, NAMES[CETAK], "", "", "", "", "Rp. 250.000.00"]
    extract = read_print(print_grid([(SUB, body)]))
    frame = stage_table(extract)
    cetak = frame[frame["kode_rekening"] == CETAK].iloc[0]
    assert bool(cetak["bad_pagu"]) and pd.isna(cetak["pagu"])
    assert [(item.code, item.value) for item in extract.issues
            if item.code != "code-replaced"] == [("money-invalid", "Rp. 250.000.00")]


def dppa_grid() -> Grid:
    """A DPPA print: ATK 1.000.000 → 900.000; Bahan Cetak 250.000 → removed (blank after);
    Makan Minum new in the perubahan (blank before), 300.000."""
    def line(code: str, name: str, before: int | None, after: int | None) -> list[object]:
        change = (after or 0) - (before or 0)
        return [code, name, "", "", "", "", rp(before), "", "", "", "", rp(after), rp(change), ""]

    def item(name: str, before: int | None, after: int | None) -> list[object]:
        return ["", name, "1 Paket", "Paket", "", "0", rp(before), "1 Paket", "Paket", "", "0",
                rp(after), "", ""]

    body = [
        line("5", "BELANJA DAERAH", 1_250_000, 1_200_000),
        line("5.1.02.01.01", "Belanja Barang Pakai Habis", 1_250_000, 1_200_000),
        line(ATK, NAMES[ATK], 1_000_000, 900_000),
        item("Kertas HVS", 1_000_000, 900_000),
        line(CETAK, NAMES[CETAK], 250_000, None),
        item("Spanduk", 250_000, None),
        line(MAMIN, NAMES[MAMIN], None, 300_000),
        item("Nasi Kotak", None, 300_000),
        ["Jumlah Anggaran Sub Kegiatan :", "", "", "", "", "", rp(1_250_000), "", "", "", "",
         rp(1_200_000), rp(-50_000), ""],
    ]
    rows = (titles("DPPA", DPPA_WIDTH) + context(DPPA_WIDTH, "1.06.01", "1.06.01.2.01")
            + block_head(SUB, SUB_NAMES[SUB], DPPA_WIDTH, dppa=True) + body)
    return Grid("DPPA", rows, 1, 0)


def test_dppa_gives_murni_from_sebelum_and_perubahan_from_setelah() -> None:
    extract = read_print(dppa_grid(), "DPPA Rincian Belanja Dinsos 2023.xlsx")
    murni, perubahan = stage_table(extract, "murni"), stage_table(extract, "perubahan")
    assert lines_of(murni) == {(SUB, ATK): 100_000_000, (SUB, CETAK): 25_000_000}
    assert lines_of(perubahan) == {(SUB, ATK): 90_000_000, (SUB, MAMIN): 30_000_000}
    letters = {table.frame["tahap"].iloc[0]: table.letters["pagu"] for table in extract.tables
               if table.kind == BUDGET_STAGE}
    assert letters == {"murni": "G", "perubahan": "L"}
    assert extract.issues == ()
    assert (extract.meta[STAGE], extract.meta[dpa_print.DOCUMENT]) == ("perubahan", "DPPA")


def test_dppa_checks_each_group_on_its_own() -> None:
    grid = dppa_grid()
    rows = [list(row) for row in grid.rows]
    rows[-1][11] = rp(1_200_001)  # the Setelah total
    extract = read_print(Grid("DPPA", rows, 1, 0))
    assert [(item.code, item.cell) for item in extract.issues] == [
        ("dpa-print-mismatch", f"L{len(rows)}")]
    assert "Setelah Perubahan" in extract.issues[0].message


def test_print_in_english_notation_throughout_is_read_in_it() -> None:
    grid = print_grid([(SUB, first_block())])
    rows = [[cell.replace("Rp. ", "Rp ").replace(".", "#").replace(",", ".").replace("#", ",")
             if isinstance(cell, str) and cell.startswith("Rp. ") else cell for cell in row]
            for row in grid.rows]
    assert rows[row_of(grid, ATK) - 1][6] == "Rp 1,000,000.00"
    extract = read_print(Grid(grid.sheet, rows, 1, 0))
    assert lines_of(stage_table(extract)) == {(SUB, ATK): 100_000_000, (SUB, CETAK): 25_000_000}
    assert "money-notation-mixed" not in codes_of(extract.issues)


@pytest.mark.parametrize(("form", "name", "stage"), [
    ("RKA", "RKA Rincian Belanja 2023.xlsx", "murni"),
    ("DPPA", "cetak rincian.xlsx", "perubahan"),
])
def test_print_stage_comes_from_its_form(form: str, name: str, stage: str) -> None:
    extract = read_print(print_grid([(SUB, first_block())], form=form), name)
    assert set(stage_table(extract)["tahap"]) == {stage}
    assert extract.meta[dpa_print.DOCUMENT] == form


# --- merge_budget --------------------------------------------------------------------------

def parsed_file(extract: Extract, path: str) -> ParsedFile:
    roles = tuple(sorted({table.kind for table in extract.tables}))
    return ParsedFile(path, f"digest-{path}", extract.tables, dict(extract.identitas),
                      extract.issues, roles, dict(extract.meta))


def rekap_file(name: str, rows: Sequence[dict[str, object]]) -> ParsedFile:
    return parsed_file(read_rekap(rekap_grid(rows), name), f"anggaran/{name}")


def identitas_file() -> ParsedFile:
    return ParsedFile("identitas.xlsx", "digest-identitas", identitas={
        "kepala": "JHON FERRY, S.STP, MM", "nip": "197807141998101001",
        "pangkat": "Pembina Utama Muda", "tempat": "Aek Kanopan"})


def merged_dpa(parsed: list[ParsedFile]) -> tuple[ParsedFile, list[ParsedFile], list[Issue]]:
    kept, issues = merge_budget(parsed)
    dpas = [item for item in kept if item.tables_of("anggaran")]
    assert len(dpas) == 1
    return dpas[0], kept, issues


def dpa_lines(dpa: ParsedFile, parsed: list[ParsedFile]) -> pd.DataFrame:
    inputs, _ = assemble.assemble(dpa, parsed, 2023)
    return inputs.dpa_lines.set_index(["kode_sub_kegiatan", "kode_rekening"]).sort_index()


MURNI_ROWS = [rekap_row(1, SUB, ATK, 500_000.0), rekap_row(2, SUB, ATK, 49_118.0),
              rekap_row(3, SUB, CETAK, 250_000.0), rekap_row(4, SUB2, MAMIN, 100_000.0)]
PERUBAHAN_ROWS = [rekap_row(1, SUB, ATK, 400_000.0), rekap_row(2, SUB, ATK, "49.118,25"),
                  rekap_row(3, SUB2, MAMIN, 100_000.0), rekap_row(4, SUB2, ATK, 75_000.0)]


def test_murni_and_perubahan_are_joined_into_one_dpa_with_exact_amounts() -> None:
    murni = rekap_file(REKAP_MURNI, MURNI_ROWS)
    perubahan = rekap_file(REKAP_PERUBAHAN, PERUBAHAN_ROWS)
    dpa, kept, issues = merged_dpa([murni, perubahan, identitas_file()])
    lines = dpa_lines(dpa, kept)
    amounts = {key: (int(line.pagu_murni), int(line.pagu)) for key, line in lines.iterrows()}
    assert amounts == {(SUB, ATK): (54_911_800, 44_911_825), (SUB, CETAK): (25_000_000, 0),
                       (SUB2, ATK): (0, 7_500_000), (SUB2, MAMIN): (10_000_000, 10_000_000)}
    one_stage = {(found.value, found.file, found.cell) for found in issues
                 if found.code == "line-one-stage"}
    assert one_stage == {(CETAK, murni.path, "U4"), (ATK, perubahan.path, "U5")}
    assert dpa.identitas == {"pemerintah_daerah": "Kabupaten Labuhanbatu Utara",
                             "perangkat_daerah": "Dinas Sosial", "tahun_anggaran": "2023",
                             "kepala": "JHON FERRY, S.STP, MM", "nip": "197807141998101001",
                             "pangkat": "Pembina Utama Muda", "tempat": "Aek Kanopan"}
    # the synthetic DPA carries the path of the file giving the latest stage
    assert {item.path for item in kept} == {perubahan.path, "identitas.xlsx"}
    assert not [item for item in kept if item.tables_of(BUDGET_STAGE)]


def test_each_joined_line_names_a_real_cell_of_its_file() -> None:
    murni = rekap_file(REKAP_MURNI, MURNI_ROWS)
    perubahan = rekap_file(REKAP_PERUBAHAN, PERUBAHAN_ROWS)
    dpa, kept, _ = merged_dpa([murni, perubahan, identitas_file()])
    inputs, _ = assemble.assemble(dpa, kept, 2023)
    lines = inputs.dpa_lines.set_index(["kode_sub_kegiatan", "kode_rekening"])
    atk = lines.loc[(SUB, ATK)]  # in both stages: the perubahan file's first komponen row
    assert (atk["file"], atk["sheet"], int(atk["row"])) == (perubahan.path, "Sheet1", 2)
    assert inputs.cell(atk["file"], atk["sheet"], "pagu_perubahan", 2) == "Z2"
    assert inputs.cell(atk["file"], atk["sheet"], "kode_rekening", 2) == "U2"
    cetak = lines.loc[(SUB, CETAK)]  # murni only: its cell in the murni file
    assert (cetak["file"], int(cetak["row"])) == (murni.path, 4)
    assert inputs.cell(cetak["file"], cetak["sheet"], "pagu_murni", 4) == "Z4"


def test_latest_version_of_a_stage_wins_and_each_file_is_named() -> None:
    older = rekap_file("Rekap_Ver3_Penetapan APBD 2023.xlsx", [rekap_row(1, SUB, ATK, 1.0)])
    newer = rekap_file(REKAP_MURNI, [rekap_row(1, SUB, ATK, 2.0)])
    dpa, kept, issues = merged_dpa([older, newer, identitas_file()])
    line = dpa_lines(dpa, kept).loc[(SUB, ATK)]
    assert (int(line.pagu_murni), int(line.pagu)) == (200, 200)
    notes = {(found.code, found.file) for found in issues}
    assert notes == {("budget-stage-used", newer.path), ("budget-stage-unused", older.path)}
    unused = next(found for found in issues if found.code == "budget-stage-unused")
    assert "versi 3" in unused.message and "versi 4" in unused.message


def test_perubahan_alone_leaves_murni_equal_to_perubahan_with_a_warning() -> None:
    perubahan = rekap_file(REKAP_PERUBAHAN, PERUBAHAN_ROWS)
    dpa, kept, issues = merged_dpa([perubahan, identitas_file()])
    lines = dpa_lines(dpa, kept)
    assert {key: (int(line.pagu_murni), int(line.pagu)) for key, line in lines.iterrows()} == {
        (SUB, ATK): (44_911_825, 44_911_825), (SUB2, ATK): (7_500_000, 7_500_000),
        (SUB2, MAMIN): (10_000_000, 10_000_000)}
    warnings = [found for found in issues if found.code == "murni-unknown"]
    assert [(found.severity.value, found.file) for found in warnings] == [
        ("Peringatan", perubahan.path)]
    assert not [found for found in issues if found.code == "line-one-stage"]


def test_a_stage_unknown_file_is_used_alone_and_set_aside_beside_a_known_one() -> None:
    unknown = rekap_file("Rekap anggaran 2023.xlsx", [rekap_row(1, SUB, ATK, 3.0)])
    dpa, kept, issues = merged_dpa([unknown, identitas_file()])
    line = dpa_lines(dpa, kept).loc[(SUB, ATK)]
    assert (int(line.pagu_murni), int(line.pagu)) == (300, 300)
    assert codes_of(issues) == ["budget-stage-used"]
    known = rekap_file(REKAP_MURNI, [rekap_row(1, SUB, ATK, 2.0)])
    dpa, kept, issues = merged_dpa([unknown, known, identitas_file()])
    assert int(dpa_lines(dpa, kept).loc[(SUB, ATK)].pagu_murni) == 200
    assert {(found.code, found.file) for found in issues} == {
        ("budget-stage-used", known.path), ("budget-stage-unused", unknown.path)}


def test_prints_of_one_stage_are_joined_per_sub_kegiatan() -> None:
    first = parsed_file(read_print(print_grid([(SUB, first_block())]), "DPA keg 1.xlsx"),
                        "DPA keg 1.xlsx")
    second = parsed_file(read_print(print_grid([(SUB2, second_block())]), "DPA keg 2.xlsx"),
                         "DPA keg 2.xlsx")
    again = parsed_file(read_print(print_grid([(SUB2, second_block())]), "DPA keg 2 (1).xlsx"),
                        "DPA keg 2 (1).xlsx")
    dpa, kept, issues = merged_dpa([first, second, again, identitas_file()])
    assert set(dpa_lines(dpa, kept).index) == {(SUB, ATK), (SUB, CETAK), (SUB2, MAMIN)}
    assert {(found.code, found.file) for found in issues} == {
        ("budget-stage-used", "DPA keg 1.xlsx"), ("budget-stage-used", "DPA keg 2 (1).xlsx"),
        ("budget-stage-unused", "DPA keg 2.xlsx")}


BAD_SUB = "1.06.01.2.01.000"  # a sub kegiatan code that cannot be read (three digits)


def test_rows_of_no_sub_kegiatan_of_every_print_used_end_in_the_rejections() -> None:
    """Two prints of one stage, each with a block whose sub kegiatan cannot be read: the
    rekening rows of both blocks are listed as rejected, none is dropped."""
    first = parsed_file(read_print(print_grid([(SUB, first_block()), (BAD_SUB, second_block())]),
                                   "DPA keg 1.xlsx"), "DPA keg 1.xlsx")
    cetak = [account(CETAK, NAMES[CETAK], 70_000), total(70_000)]
    second = parsed_file(read_print(print_grid([(SUB2, second_block()), (BAD_SUB, cetak)]),
                                    "DPA keg 2.xlsx"), "DPA keg 2.xlsx")
    dpa, kept, _ = merged_dpa([first, second, identitas_file()])
    inputs, _ = assemble.assemble(dpa, kept, 2023)
    assert set(inputs.dpa_lines.set_index(["kode_sub_kegiatan", "kode_rekening"]).index) == {
        (SUB, ATK), (SUB, CETAK), (SUB2, MAMIN)}
    assert sorted((row.file, int(row.amount)) for row in inputs.rejected.itertuples()) == [
        ("anggaran/DPA keg 1.xlsx", 30_000_000), ("anggaran/DPA keg 2.xlsx", 7_000_000)]


def test_a_print_used_in_part_reports_only_the_findings_of_what_was_used() -> None:
    """Version 1 prints SUB (its block total wrong) and SUB2 (its block total wrong too);
    version 2 prints SUB2 right. SUB2 comes from version 2: version 1's finding on SUB2 is
    not reported, its finding on SUB and its notes on the file as a whole are."""
    old_sub2 = [*second_block()[:-1], total(300_001)]
    older = parsed_file(read_print(print_grid([(SUB, first_block(block_total=1_249_000)),
                                               (SUB2, old_sub2)]), "DPA_Ver1 keg.xlsx"),
                        "anggaran/DPA_Ver1 keg.xlsx")
    newer = parsed_file(read_print(print_grid([(SUB2, second_block())]), "DPA_Ver2 keg.xlsx"),
                        "anggaran/DPA_Ver2 keg.xlsx")
    assert codes_of(older.issues).count("dpa-print-mismatch") == 2
    kept, issues = merge_budget([older, newer, identitas_file()])
    replaced = aside.superseded(issues)
    reported = [found for item in [older, newer] if item.path not in replaced
                for found in item.issues] + issues
    mine = [found for found in reported if found.file == older.path]
    grid = print_grid([(SUB, first_block(block_total=1_249_000)), (SUB2, old_sub2)])
    sub_total = f"G{row_of(grid, 'Jumlah Anggaran Sub Kegiatan :')}"
    assert [(found.code, found.cell) for found in mine if found.code == "dpa-print-mismatch"
            ] == [("dpa-print-mismatch", sub_total)]
    assert codes_of([found for found in mine if found.code != "dpa-print-mismatch"]) == [
        "budget-stage-partial", "code-replaced", "code-replaced"]  # program and kegiatan


def test_a_rekap_is_preferred_to_prints_of_the_same_stage() -> None:
    printed = parsed_file(read_print(print_grid([(SUB, first_block())]), "DPA.xlsx"), "DPA.xlsx")
    summary = rekap_file(REKAP_MURNI, [rekap_row(1, SUB2, MAMIN, 5.0)])
    dpa, kept, issues = merged_dpa([printed, summary, identitas_file()])
    assert set(dpa_lines(dpa, kept).index) == {(SUB2, MAMIN)}
    assert ("budget-stage-unused", "DPA.xlsx") in {(found.code, found.file) for found in issues}


def test_dppa_print_alone_gives_both_stages_from_its_own_cells() -> None:
    dppa = parsed_file(read_print(dppa_grid(), "DPPA.xlsx"), "DPPA.xlsx")
    dpa, kept, issues = merged_dpa([dppa, identitas_file()])
    inputs, _ = assemble.assemble(dpa, kept, 2023)
    lines = inputs.dpa_lines.set_index(["kode_sub_kegiatan", "kode_rekening"])
    assert {key: (int(line.pagu_murni), int(line.pagu)) for key, line in lines.iterrows()} == {
        (SUB, ATK): (100_000_000, 90_000_000), (SUB, CETAK): (25_000_000, 0),
        (SUB, MAMIN): (0, 30_000_000)}
    line = lines.loc[(SUB, ATK)]
    row = int(line.row)
    assert (line.file, line.sheet) == ("anggaran/DPPA.xlsx", "DPPA")
    assert inputs.cell(line.file, line.sheet, "pagu_murni", row) == f"G{row}"
    assert inputs.cell(line.file, line.sheet, "pagu_perubahan", row) == f"L{row}"
    assert codes_of(issues) == ["budget-stage-used", "line-one-stage", "line-one-stage"]


def test_a_file_giving_one_of_its_two_stages_is_named_once_as_used() -> None:
    dppa = parsed_file(read_print(dppa_grid(), "DPPA.xlsx"), "DPPA.xlsx")
    perubahan = rekap_file(REKAP_PERUBAHAN, [rekap_row(1, SUB, ATK, 950_000.0)])
    dpa, kept, issues = merged_dpa([dppa, perubahan, identitas_file()])
    lines = dpa_lines(dpa, kept)
    assert {key: (int(line.pagu_murni), int(line.pagu)) for key, line in lines.iterrows()} == {
        (SUB, ATK): (100_000_000, 95_000_000), (SUB, CETAK): (25_000_000, 0)}
    notes = {found.file: found for found in issues if found.code.startswith("budget-stage")}
    assert {path: found.code for path, found in notes.items()} == {
        "DPPA.xlsx": "budget-stage-used", perubahan.path: "budget-stage-used"}
    assert "Pagu Murni" in notes["DPPA.xlsx"].message
    assert "perubahan" in notes["DPPA.xlsx"].message and "tidak dipakai" in (
        notes["DPPA.xlsx"].message)


def test_a_template_dpa_wins_and_the_downloads_are_named_as_not_used(tmp_path: Path) -> None:
    template_path = write_dpa(tmp_path / "dpa.xlsx", [[SUB, ATK, "ATK", 1_000, 1_000]])
    template = parse_file(template_path, "dpa.xlsx")
    download = rekap_file(REKAP_MURNI, MURNI_ROWS)
    kept, issues = merge_budget([template, download])
    assert kept == [template]
    assert [(found.code, found.file) for found in issues] == [
        ("budget-stage-unused", download.path)]
    assert "dpa.xlsx" in issues[0].message


def test_rejected_rows_travel_to_the_dpa_rejections_with_their_cells() -> None:
    rows = [rekap_row(1, SUB, ATK, 10.0), rekap_row(2, "", CETAK, 20.0)]
    dpa, kept, _ = merged_dpa([rekap_file(REKAP_MURNI, rows), identitas_file()])
    inputs, _ = assemble.assemble(dpa, kept, 2023)
    rejected = inputs.rejected
    assert [(row.file, int(row.row), int(row.amount)) for row in rejected.itertuples()] == [
        (f"anggaran/{REKAP_MURNI}", 3, 2_000)]


def test_kepala_nip_pangkat_missing_is_a_warning() -> None:
    _, _, issues = merged_dpa([rekap_file(REKAP_MURNI, MURNI_ROWS)])
    (found,) = [item for item in issues if item.code == "identity-missing"]
    assert found.severity.value == "Peringatan"
    for label in ("Kepala Perangkat Daerah", "NIP", "Pangkat/Golongan"):
        assert label in found.message


def test_downloads_without_a_single_row_give_no_dpa() -> None:
    empty = rekap_file(REKAP_MURNI, [])
    kept, issues = merge_budget([empty, identitas_file()])
    assert [item.path for item in kept] == ["identitas.xlsx"]
    assert [(found.code, found.file) for found in issues] == [
        ("budget-stage-unused", empty.path)]


def test_files_without_budget_pass_through_unchanged() -> None:
    other = ParsedFile("realisasi.xlsx", "d", identitas={})
    assert merge_budget([other]) == ([other], [])


# --- end to end ----------------------------------------------------------------------------

def test_a_rekap_workbook_is_read_through_parse_file(tmp_path: Path) -> None:
    grid = rekap_grid(MURNI_ROWS)
    path = write_grid(tmp_path / REKAP_MURNI, grid.rows)
    parsed = parse_file(path, REKAP_MURNI)
    assert parsed.meta[LAYOUT] == "sipd-rekap" and parsed.meta[STAGE] == "murni"
    (table,) = parsed.tables_of(BUDGET_STAGE)
    assert lines_of(table.frame) == {(SUB, ATK): 54_911_800, (SUB, CETAK): 25_000_000,
                                     (SUB2, MAMIN): 10_000_000}


def test_a_dpa_print_with_merged_header_cells_is_read_through_parse_file(tmp_path: Path
                                                                         ) -> None:
    grid = print_grid([(SUB_PRINTED, first_block())])
    header = row_of(grid, "Kode Rekening") - 1  # 0-based
    merges = [(header, 0, header + 1, 0), (header, 1, header + 1, 1), (header, 2, header, 5),
              (header, 6, header + 1, 6)]
    name = "DPA-Rincian Belanja Dinsos.xlsx"
    parsed = parse_file(write_grid(tmp_path / name, grid.rows, "Laporan", merges), name)
    assert parsed.meta[LAYOUT] == "sipd-dpa-rincian"
    (table,) = parsed.tables_of(BUDGET_STAGE)
    assert lines_of(table.frame) == {(SUB, ATK): 100_000_000, (SUB, CETAK): 25_000_000}
    assert codes_of(parsed.issues) == ["code-replaced"] * 3


def test_a_folder_of_downloads_assembles_into_one_dpa(tmp_path: Path) -> None:
    folder = tmp_path / "masukan"
    folder.mkdir()
    write_grid(folder / REKAP_MURNI, rekap_grid(MURNI_ROWS).rows)
    write_grid(folder / REKAP_PERUBAHAN, rekap_grid(PERUBAHAN_ROWS).rows)
    identitas = [["Kepala Perangkat Daerah", "JHON FERRY, S.STP, MM"],
                 ["NIP", "197807141998101001"], ["Pangkat/Golongan", "Pembina Utama Muda"]]
    write_grid(folder / "identitas.xlsx", identitas, "Identitas")
    parsed = [parse_file(path, path.name) for path in sorted(folder.iterdir())]
    inputs, issues = assemble_inputs(RunConfig(folder, tmp_path / "keluaran"), parsed, [])
    assert inputs.year == 2023
    assert inputs.identitas["kepala"] == "JHON FERRY, S.STP, MM"
    assert int(inputs.dpa_lines["pagu_murni"].sum()) == 89_911_800
    assert int(inputs.dpa_lines["pagu"].sum()) == 62_411_825
    assert set(inputs.programs["kode"]) >= {"1.06.01", "1.06.01.2.01", SUB, SUB2}
    assert not [found for found in issues if found.severity.value == "Kesalahan"]



SIPD_EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / (
    "dinsos-labuhanbatu-utara-2023-sipd")
TEMPLATE_EXAMPLE = SIPD_EXAMPLE.parent / "dinsos-labuhanbatu-utara-2023"


def test_the_bundled_rekap_stages_give_the_template_examples_dpa() -> None:
    rekaps = sorted(SIPD_EXAMPLE.glob("*_Rekap_*.xlsx"))
    if len(rekaps) != 2:
        pytest.skip("the SIPD example is not built yet")
    files = [*rekaps, SIPD_EXAMPLE / "identitas_dinsos_2023.xlsx"]
    dpa, kept, _ = merged_dpa([parse_file(path, path.name) for path in files])
    template = parse_file(TEMPLATE_EXAMPLE / "dpa_2023.xlsx", "dpa_2023.xlsx")
    ours, _ = assemble.assemble(dpa, kept, 2023)
    theirs, _ = assemble.assemble(template, [template], 2023)
    keys = ["kode_sub_kegiatan", "kode_rekening"]
    assert ours.dpa_lines.groupby(keys)[["pagu_murni", "pagu"]].sum().equals(
        theirs.dpa_lines.groupby(keys)[["pagu_murni", "pagu"]].sum())
    assert dict(zip(ours.programs["kode"], ours.programs["nomenklatur"], strict=True)) == dict(
        zip(theirs.programs["kode"], theirs.programs["nomenklatur"], strict=True))
    assert {name: ours.identitas[name] for name in theirs.identitas} == theirs.identitas
    assert ours.rejected.empty
