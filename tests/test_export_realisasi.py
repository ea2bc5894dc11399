"""The realisasi downloads: B1 cumulative snapshots, B2 SPJ Fungsional, their flows and
controls (`pipeline.exports.snapshot`, `spj`, `flows`, `controls`).

Every fixture is built here from the labels of the spec (`real-exports.md` B1, B2): title
rows, the B1 header with its level-name columns, the SPJ's header band with the code split
over six cells under one merged `Kode Rekening`, and its numbering row. Expected amounts
are written out by hand, never taken from the code under test.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter
from builders import ATK, CETAK, SUB, SUB2, write_dpa, write_realisasi
from export_builders import write_grid

from pipeline import assemble
from pipeline.excel.grid import Grid
from pipeline.excel.header import find_header
from pipeline.exports import controls, flows, snapshot, spj
from pipeline.exports.base import AS_OF, MONTH, SKPD, SNAPSHOT, SPJ, YEAR, Extract, Source
from pipeline.findings import Issue
from pipeline.parse import parse_file
from pipeline.run import RunConfig, assemble_inputs
from pipeline.tables import ParsedFile

MAKAN = "5.1.02.01.01.0052"
SKPD_NAME = "Dinas Contoh"  # as builders.IDENTITAS names the OPD

# --- B1 fixtures ----------------------------------------------------------------------------

B1_HEADER = ["NO", "TAHUN", "KODE SKPD", "NAMA SKPD", "KODE SUB UNIT", "NAMA SUB UNIT",
             "KODE BIDANG URUSAN", "NAMA BIDANG URUSAN", "KODE PROGRAM", "NAMA PROGRAM",
             "KODE KEGIATAN", "NAMA KEGIATAN", "KODE SUB KEGIATAN", "NAMA SUB KEGIATAN",
             "KODE REKENING", "NAMA REKENING", "PAGU", "REALISASI",
             "AKUN", "KELOMPOK", "JENIS", "OBJEK", "RINCIAN OBJEK", "SUB RINCIAN OBJEK"]
REALISASI_COLUMN = "R"  # the 18th column of B1_HEADER
PAGU_COLUMN = "Q"
# (kode sub kegiatan, kode rekening, nama rekening, pagu, realisasi)
Line = tuple[str, str, str, object, object]


def b1_rows(lines: Sequence[Line], title: str = "", year: object = 2023) -> list[list[object]]:
    """Two title rows (the second may state the as-of date), the header, the lines."""
    rows: list[list[object]] = [["LAPORAN REALISASI BELANJA PER SUB KEGIATAN"], [title],
                                list(B1_HEADER)]
    for number, (sub, account, name, pagu, realisasi) in enumerate(lines, start=1):
        rows.append([number, year, "1.06.0.00.0.00.01.0000", SKPD_NAME, "", "", "1.06",
                     "SOSIAL", sub[:7], "PROGRAM", sub[:12], "KEGIATAN", sub, "SUB KEGIATAN",
                     account, name, pagu, realisasi, "Belanja", "Belanja Operasi",
                     "Belanja Barang dan Jasa", "", "", name])
    return rows


def read_b1(name: str, lines: Sequence[Line], title: str = "", year: object = 2023
            ) -> ParsedFile:
    """A B1 sheet read the way recognition reads it: find_header, then the layout's read."""
    grid = Grid("Realisasi", b1_rows(lines, title, year), 1, 0)
    header = find_header(grid, snapshot.EXPORT.layout)
    assert header is not None and header.missing == ()
    extract = snapshot.EXPORT.read(grid, header, Source(name, name))
    return ParsedFile(name, name, extract.tables, dict(extract.identitas), extract.issues,
                      (SNAPSHOT,), dict(extract.meta))


def write_b1(path: Path, lines: Sequence[Line], title: str = "") -> Path:
    return write_grid(path, b1_rows(lines, title))


# --- B2 fixtures ----------------------------------------------------------------------------

GROUPS = ("SPJ - LS Gaji", "SPJ - LS Barang & Jasa", "SPJ - UP/GU/TU")
STEPS = ("s.d. Bulan Lalu", "Bulan Ini", "s.d. Bulan Ini")
NUMBERS = ["1", "2", "3", "4", "5", "6 = (4+5)", "7", "8", "9 = (7+8)", "10", "11",
           "12 = (10+11)", "13 = (6+9+12)", "14 = (3-13)"]
# Code cells A–F, Uraian G, Jumlah Anggaran H, groups I–K, L–N, O–Q, Jumlah SPJ R, Sisa S.
GAJI_INI, BARJAS_INI, UP_INI, BARJAS_SD = "J", "M", "P", "N"


def spj_line(segments: Sequence[object], name: str, anggaran: int,
             gaji: tuple[object, object], barjas: tuple[object, object],
             up: tuple[object, object]) -> list[object]:
    """One SPJ row: (s.d. bulan lalu, bulan ini) per group; the s.d. cells, the Jumlah SPJ
    and the Sisa Pagu are worked out here as the form defines them (6 = 4+5 …, 14 = 3-13)."""
    cells: list[object] = [*segments, *[""] * (6 - len(segments)), name, anggaran]
    total = 0.0
    for before, month in (gaji, barjas, up):
        running = _number(before) + _number(month)
        cells += [before, month, running]
        total += running
    return cells + [total, anggaran - total]


def _number(value: object) -> float:
    return float(str(value).replace(".", "").replace(",", ".")) if isinstance(value, str) \
        else float(value)  # type: ignore[arg-type]


def spj_titles(month_title: str) -> list[list[object]]:
    return [["PEMERINTAH KABUPATEN CONTOH"],
            ["LAPORAN PERTANGGUNGJAWABAN BENDAHARA PENGELUARAN (SPJ FUNGSIONAL)"],
            [month_title], ["SKPD : Dinas Contoh"], []]


def spj_band() -> list[list[object]]:
    """The two label rows of the band as a reader sees merged cells: each label in its
    top-left cell only; the numbering row under them."""
    top: list[object] = ["Kode Rekening", "", "", "", "", "", "Uraian", "Jumlah Anggaran"]
    for group in GROUPS:
        top += [group, "", ""]
    top += ["Jumlah SPJ (LS + UP/GU/TU) s.d. Bulan Ini", "Sisa Pagu Anggaran"]
    child: list[object] = [""] * 8
    child += [*STEPS, *STEPS, *STEPS, "", ""]
    numbering: list[object] = ["1", "", "", "", "", ""]
    numbering += NUMBERS[1:]
    return [top, child, numbering]


SPJ_LINES = [
    spj_line(["5"], "BELANJA DAERAH", 3_000_000, (1_000_000, 500_000), (0, "2.250.000,50"),
             (100_000, 300_000)),
    spj_line([5, 1, 2, 1, 1, 24], "Belanja Alat Tulis Kantor", 1_000_000, (0, 0),
             (0, "2.250.000,50"), (100_000, 300_000)),
    spj_line(["5", "1", "01", "01", "01", "0001"], "Belanja Gaji Pokok PNS", 2_000_000,
             (1_000_000, 500_000), (0, 0), (0, 0)),
]


def spj_rows(month_title: str = "Bulan : Maret    Tahun Anggaran 2023",
             lines: Sequence[list[object]] = SPJ_LINES) -> list[list[object]]:
    return spj_titles(month_title) + spj_band() + [list(line) for line in lines]


def read_spj(rows: list[list[object]], name: str = "spj.xlsx") -> Extract:
    grid = Grid("SPJ", rows, 1, 0)
    header = find_header(grid, spj.EXPORT.layout)
    assert header is not None
    return spj.EXPORT.read(grid, header, Source(name, name))


def write_spj(path: Path, month_title: str = "Bulan : Maret    Tahun Anggaran 2023") -> Path:
    """The SPJ as an .xlsx with real merged cells: `Kode Rekening` over six cells and down
    the band, each group over its three columns, `1` over the six code cells."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    sheet = workbook.add_worksheet("SPJ Fungsional")
    for row, values in enumerate(spj_titles(month_title)):
        for column, value in enumerate(values):
            sheet.write_string(row, column, str(value))
    band = len(spj_titles(month_title))
    sheet.merge_range(band, 0, band + 1, 5, "Kode Rekening")
    sheet.merge_range(band, 6, band + 1, 6, "Uraian")
    sheet.merge_range(band, 7, band + 1, 7, "Jumlah Anggaran")
    for index, group in enumerate(GROUPS):
        first = 8 + 3 * index
        sheet.merge_range(band, first, band, first + 2, group)
        for offset, step in enumerate(STEPS):
            sheet.write_string(band + 1, first + offset, step)
    sheet.merge_range(band, 17, band + 1, 17, "Jumlah SPJ (LS + UP/GU/TU) s.d. Bulan Ini")
    sheet.merge_range(band, 18, band + 1, 18, "Sisa Pagu Anggaran")
    sheet.merge_range(band + 2, 0, band + 2, 5, "1")
    for column, number in enumerate(NUMBERS[1:], start=6):
        sheet.write_string(band + 2, column, number)
    for row, values in enumerate(SPJ_LINES, start=band + 3):
        for column, value in enumerate(values):
            if isinstance(value, str):
                if value:
                    sheet.write_string(row, column, value)
            else:
                sheet.write_number(row, column, value)  # type: ignore[arg-type]
    workbook.close()
    return path


def codes_of(issues: Sequence[Issue]) -> list[str]:
    return [found.code for found in issues]


def realisasi_frame(item: ParsedFile) -> pd.DataFrame:
    """The realisasi of a snapshot's one sheet, with the lines gone from it (if any)."""
    tables = item.tables_of("realisasi")
    assert len({table.sheet for table in tables if table.sheet}) == 1
    return pd.concat([table.frame for table in tables], ignore_index=True)


def flows_by_line(item: ParsedFile) -> dict[tuple[str, str], int]:
    """The counted lines of a flow table: (sub kegiatan, rekening) → realisasi in sen."""
    frame = realisasi_frame(item)
    lines = frame[~frame["bad_realisasi"] & frame["realisasi"].notna()]
    return {(str(line.kode_sub_kegiatan), str(line.kode_rekening)): int(line.realisasi)
            for line in lines.itertuples(index=False)}


# --- B1: reading a snapshot ----------------------------------------------------------------

@pytest.mark.parametrize("title", ["s.d. 31 Maret 2023", "Per Tanggal 31-03-2023",
                                   "Sampai Dengan 31/03/2023", "Posisi s.d. Maret 2023"])
def test_the_as_of_date_comes_from_a_title_row(title: str) -> None:
    item = read_b1("realisasi.xlsx", [(SUB, ATK, "ATK", 1_000_000, 250_000)], title)
    assert item.meta[AS_OF] == "2023-03-31"
    assert item.meta[YEAR] == "2023" and item.meta[SKPD] == SKPD_NAME
    assert item.issues == ()


@pytest.mark.parametrize(("name", "as_of"), [
    ("realisasi_2023-03-31.xlsx", "2023-03-31"), ("Realisasi 31-03-2023.xlsx", "2023-03-31"),
    ("realisasi_20230331.xlsx", "2023-03-31"), ("realisasi_sd_Maret_2023.xlsx", "2023-03-31"),
    ("Realisasi Februari 2023.xlsx", "2023-02-28"), ("realisasi_15_Maret_2023.xls", "2023-03-15"),
])
def test_the_as_of_date_comes_from_the_file_name(name: str, as_of: str) -> None:
    item = read_b1(name, [(SUB, ATK, "ATK", 1_000_000, 250_000)])
    assert item.meta[AS_OF] == as_of
    assert item.issues == ()


def test_a_title_date_wins_over_the_download_date_in_the_file_name() -> None:
    item = read_b1("unduhan_2023-04-05.xlsx", [(SUB, ATK, "ATK", 1, 1)], "s.d. 31 Maret 2023")
    assert item.meta[AS_OF] == "2023-03-31"


def test_a_snapshot_without_a_date_is_an_error_naming_the_file() -> None:
    item = read_b1("Realisasi SIPD Dinas Contoh.xlsx", [(SUB, ATK, "ATK", 1_000_000, 250_000)],
                   "Dicetak oleh operator")
    assert AS_OF not in item.meta
    assert codes_of(item.issues) == ["period-missing"]
    assert item.issues[0].severity.value == "Kesalahan"
    assert "Realisasi SIPD Dinas Contoh.xlsx" in item.issues[0].message


def test_a_file_name_with_two_different_dates_is_not_guessed() -> None:
    item = read_b1("realisasi_2023-03-31_sd_2023-04-30.xlsx", [(SUB, ATK, "ATK", 1, 1)])
    assert AS_OF not in item.meta
    assert codes_of(item.issues) == ["period-missing"]
    assert "31 Maret 2023" in item.issues[0].message and "30 April 2023" in item.issues[0].message


def test_a_download_after_the_year_ended_stands_for_31_december() -> None:
    item = read_b1("realisasi_2024-01-05.xlsx", [(SUB, ATK, "ATK", 1, 1)])
    assert item.meta[AS_OF] == "2023-12-31" and item.meta[YEAR] == "2023"
    assert codes_of(item.issues) == ["snapshot-period"]


def test_snapshot_cells_are_typed_and_the_level_names_are_not_read_as_codes() -> None:
    item = read_b1("realisasi_2023-03-31.xlsx", [
        (SUB, ATK, "ATK", 1_000_000, 250_000.5),
        (SUB, CETAK, "Cetak", "2.000.000", "Rp 100.000"),
        (SUB2, "5.1.02.01.01.0052 ", "Makan", "1.000.000", "sepuluh ribu"),
    ])
    table = item.tables_of(SNAPSHOT)[0]
    frame = table.frame
    assert frame["kode_rekening"].tolist() == [ATK, CETAK, MAKAN]  # KODE REKENING, not AKUN
    assert frame["realisasi"].tolist()[:2] == [25_000_050, 10_000_000]
    assert frame["pagu"].tolist() == [100_000_000, 200_000_000, 100_000_000]
    assert frame["bad_realisasi"].tolist() == [False, False, True]
    assert frame["row"].tolist() == [4, 5, 6]
    assert table.letters["realisasi"] == REALISASI_COLUMN
    assert [(found.code, found.cell) for found in item.issues] == [("money-invalid", "R6")]


def test_a_jumlah_row_is_a_control_never_a_line() -> None:
    rows = b1_rows([(SUB, ATK, "ATK", 1_000, 300), (SUB, CETAK, "Cetak", 1_000, 200)],
                   "s.d. 31 Maret 2023")
    rows.append(["JUMLAH", *[""] * 15, 2_000, 600])
    grid = Grid("Realisasi", rows, 1, 0)
    header = find_header(grid, snapshot.EXPORT.layout)
    assert header is not None
    extract = snapshot.EXPORT.read(grid, header, Source("r.xlsx", "r.xlsx"))
    assert extract.tables[0].frame["kode_rekening"].tolist() == [ATK, CETAK]
    assert [(found.code, found.cell) for found in extract.issues] == [("subtotal-mismatch",
                                                                        "R6")]
    assert "Rp 600" in extract.issues[0].message and "Rp 500" in extract.issues[0].message


def read_b1_rows(rows: list[list[object]]) -> Extract:
    grid = Grid("Realisasi", rows, 1, 0)
    header = find_header(grid, snapshot.EXPORT.layout)
    assert header is not None
    return snapshot.EXPORT.read(grid, header, Source("r.xlsx", "r.xlsx"))


def jumlah(label: str, amount: int) -> list[object]:
    return [label, *[""] * 15, "", amount]


@pytest.mark.parametrize("last_jumlah", [100, 101])
def test_a_jumlah_row_per_sub_kegiatan_adds_up_the_lines_since_the_previous_one(
        last_jumlah: int) -> None:
    """Rows 4–5 SUB (300 + 200), row 6 their Jumlah; row 7 SUB2 (100), row 8 its Jumlah;
    row 9 the TOTAL of both (600): each compared with what it adds up."""
    rows = b1_rows([(SUB, ATK, "ATK", 1_000, 300), (SUB, CETAK, "Cetak", 1_000, 200)],
                   "s.d. 31 Maret 2023")
    rows += [jumlah("Jumlah Sub Kegiatan", 500), *b1_rows([(SUB2, ATK, "ATK", 1_000, 100)])[3:],
             jumlah("Jumlah Sub Kegiatan", last_jumlah), jumlah("TOTAL", 600)]
    extract = read_b1_rows(rows)
    assert extract.tables[0].frame["row"].tolist() == [4, 5, 7]  # no total is a line
    found = [(issue.code, issue.cell) for issue in extract.issues]
    if last_jumlah == 100:
        assert found == []
    else:
        assert found == [("subtotal-mismatch", f"{REALISASI_COLUMN}8")]
        assert "baris 7" in extract.issues[0].message and "Rp 100" in extract.issues[0].message


def test_a_grand_total_adds_up_every_line_above_it() -> None:
    rows = b1_rows([(SUB, ATK, "ATK", 1_000, 300), (SUB2, ATK, "ATK", 1_000, 200)],
                   "s.d. 31 Maret 2023")
    extract = read_b1_rows([*rows, jumlah("GRAND TOTAL", 501)])
    assert [(issue.code, issue.cell) for issue in extract.issues] == [
        ("subtotal-mismatch", f"{REALISASI_COLUMN}6")]
    assert "baris 4–5" in extract.issues[0].message


def test_a_total_over_an_unreadable_line_is_not_compared() -> None:
    rows = b1_rows([(SUB, ATK, "ATK", 1_000, 300), (SUB2, ATK, "ATK", 1_000, "tiga ratus")],
                   "s.d. 31 Maret 2023")
    extract = read_b1_rows([*rows, jumlah("JUMLAH", 600)])
    assert [(issue.code, issue.cell) for issue in extract.issues] == [
        ("money-invalid", f"{REALISASI_COLUMN}5")]


# --- flows: a series of snapshots ------------------------------------------------------------

def series() -> list[ParsedFile]:
    """Four month-end snapshots; the amounts each month should give are worked out in
    `test_flows_of_a_series_of_snapshots` by hand."""
    january = read_b1("real_jan.xlsx", [
        (SUB, ATK, "ATK", 1_000_000, 100_000),
        (SUB, CETAK, "Cetak", 500_000, 50_000),
        (SUB2, ATK, "ATK", 800_000, 0),
    ], "s.d. 31 Januari 2023")
    march = read_b1("realisasi_2023-03-31.xlsx", [
        (SUB, ATK, "ATK", 1_000_000, 400_000),
        (SUB, CETAK, "Cetak", 500_000, 30_000),  # down by 20.000: a correction
        (SUB2, ATK, "ATK", 800_000, "75.000,50"),
        (SUB2, MAKAN, "Makan", 200_000, 10_000),  # new this month
    ])
    april = read_b1("realisasi_sd_April_2023.xlsx", [
        (SUB, ATK, "ATK", 1_000_000, 400_000),
        # SUB / CETAK is gone: corrected to 0
        (SUB2, ATK, "ATK", 800_000, "175.000,50"),
        (SUB2, MAKAN, "Makan", 200_000, "lima belas ribu"),  # unreadable
    ])
    may = read_b1("realisasi_2023-05-31.xlsx", [
        (SUB, ATK, "ATK", 1_000_000, 500_000),
        (SUB2, ATK, "ATK", 800_000, "175.000,50"),
        (SUB2, MAKAN, "Makan", 200_000, 15_000),
    ])
    return [may, january, april, march]  # any order: flows sorts by the as-of date


def test_flows_of_a_series_of_snapshots() -> None:
    parsed, issues = flows.snapshot_flows(series())
    by_name = {item.path: item for item in parsed}
    assert flows_by_line(by_name["real_jan.xlsx"]) == {
        (SUB, ATK): 100_000_00, (SUB, CETAK): 50_000_00, (SUB2, ATK): 0}
    assert flows_by_line(by_name["realisasi_2023-03-31.xlsx"]) == {
        (SUB, ATK): 300_000_00, (SUB, CETAK): -20_000_00, (SUB2, ATK): 75_000_50,
        (SUB2, MAKAN): 10_000_00}
    assert flows_by_line(by_name["realisasi_sd_April_2023.xlsx"]) == {
        (SUB, ATK): 0, (SUB, CETAK): -30_000_00, (SUB2, ATK): 100_000_00}
    assert flows_by_line(by_name["realisasi_2023-05-31.xlsx"]) == {
        (SUB, ATK): 100_000_00, (SUB2, ATK): 0, (SUB2, MAKAN): 5_000_00}
    months = {item.path: set(realisasi_frame(item)["bulan"]) for item in parsed}
    assert months == {"real_jan.xlsx": {1}, "realisasi_2023-03-31.xlsx": {3},
                      "realisasi_sd_April_2023.xlsx": {4}, "realisasi_2023-05-31.xlsx": {5}}
    assert all(item.roles == ("realisasi",) and not item.tables_of(SNAPSHOT) for item in parsed)
    assert sorted(codes_of(issues)) == ["realisasi-decrease", "realisasi-decrease",
                                        "snapshot-period"]


def test_nothing_is_lost_every_line_adds_up_to_its_last_snapshot() -> None:
    parsed, _ = flows.snapshot_flows(series())
    totals: dict[tuple[str, str], int] = {}
    for item in parsed:
        for key, amount in flows_by_line(item).items():
            totals[key] = totals.get(key, 0) + amount
    # The last readable cumulative of each line (May; SUB / CETAK is gone since April).
    assert totals == {(SUB, ATK): 500_000_00, (SUB, CETAK): 0, (SUB2, ATK): 175_000_50,
                      (SUB2, MAKAN): 15_000_00}
    # Every snapshot row is in a line or stays, unreadable, to be rejected with its cell.
    april = next(item for item in parsed if item.path == "realisasi_sd_April_2023.xlsx")
    frame = realisasi_frame(april)
    assert int(frame["rows"].sum()) == 3  # three rows read; the vanished line holds none
    unreadable = frame[frame["bad_realisasi"]]
    assert unreadable["row"].tolist() == [6] and unreadable["realisasi"].isna().all()


def test_a_snapshot_whose_realisasi_goes_down_warns_naming_both_cells() -> None:
    _, issues = flows.snapshot_flows(series())
    down = [found for found in issues if found.code == "realisasi-decrease"
            and found.file == "realisasi_2023-03-31.xlsx"]
    assert len(down) == 1
    found = down[0]
    assert found.severity.value == "Peringatan"
    assert (found.sheet, found.cell) == ("Realisasi", "R5")
    assert "real_jan.xlsx › Realisasi!R5" in found.message  # the earlier cell
    assert "Rp 50.000" in found.message and "Rp 30.000" in found.message
    assert "Rp (20.000)" in found.message  # the negative month


def test_a_line_that_disappears_is_a_correction_to_zero() -> None:
    _, issues = flows.snapshot_flows(series())
    gone = [found for found in issues if found.file == "realisasi_sd_April_2023.xlsx"]
    assert codes_of(gone) == ["realisasi-decrease"]
    assert CETAK in gone[0].message and "realisasi_2023-03-31.xlsx › Realisasi!R5" in \
        gone[0].message and "Rp (30.000)" in gone[0].message


def test_a_line_gone_from_a_snapshot_names_no_cell_of_it() -> None:
    """April's snapshot has no CETAK row: its -30.000 is no row of the April file, and no
    finding about that line may name a cell of it (the row above the first line is the
    header's)."""
    parsed, _ = flows.snapshot_flows(series())
    april = next(item for item in parsed if item.path == "realisasi_sd_April_2023.xlsx")
    placed = [(table.sheet, int(line.row), table.cell("kode_rekening", int(line.row)),
               table.cell("realisasi", int(line.row)))
              for table in april.tables_of("realisasi")
              for line in table.frame.itertuples(index=False) if line.kode_rekening == CETAK]
    assert placed == [("", 0, "", "")]
    inputs, _ = assemble.assemble(ParsedFile("dpa.xlsx", "d"), parsed, 2023)
    gone = inputs.realisasi[(inputs.realisasi["kode_rekening"] == CETAK)
                            & (inputs.realisasi["bulan"] == 4)].iloc[0]
    assert inputs.cell(gone["file"], gone["sheet"], "kode_rekening", int(gone["row"])) == ""


def test_a_first_snapshot_after_january_covers_the_months_before_with_a_note() -> None:
    _, issues = flows.snapshot_flows(series())
    notes = [found for found in issues if found.code == "snapshot-period"]
    assert [found.file for found in notes] == ["realisasi_2023-03-31.xlsx"]
    assert "Februari–Maret 2023" in notes[0].message


def test_two_snapshots_in_one_month_the_later_one_is_the_month() -> None:
    january = read_b1("real_jan.xlsx", [(SUB, ATK, "ATK", 1_000_000, 100_000)],
                      "s.d. 31 Januari 2023")
    middle = read_b1("realisasi_15_Maret_2023.xlsx", [(SUB, ATK, "ATK", 1_000_000, 180_000)])
    end = read_b1("realisasi_31_Maret_2023.xlsx", [(SUB, ATK, "ATK", 1_000_000, 260_000)])
    parsed, issues = flows.snapshot_flows([january, end, middle])
    by_name = {item.path: item for item in parsed}
    # March = 260.000 − 100.000 (the 15 March change is inside it), booked once.
    assert flows_by_line(by_name["realisasi_31_Maret_2023.xlsx"]) == {(SUB, ATK): 160_000_00}
    assert by_name["realisasi_15_Maret_2023.xlsx"] is middle  # not counted on its own
    superseded = [found for found in issues if found.code == "snapshot-superseded"]
    assert [found.file for found in superseded] == ["realisasi_15_Maret_2023.xlsx"]
    assert "realisasi_31_Maret_2023.xlsx" in superseded[0].message


def test_an_identical_snapshot_under_another_name_is_skipped() -> None:
    lines: list[Line] = [(SUB, ATK, "ATK", 1_000_000, 100_000)]
    first = read_b1("a_2023-01-31.xlsx", lines)
    copy = read_b1("b_2023-01-31.xlsx", lines)
    parsed, issues = flows.snapshot_flows([first, copy])
    assert [(found.code, found.file) for found in issues] == [("file-duplicate",
                                                               "b_2023-01-31.xlsx")]
    assert parsed[1] is copy and parsed[0].tables_of("realisasi")


def test_an_undated_snapshot_stays_out() -> None:
    undated = read_b1("realisasi.xlsx", [(SUB, ATK, "ATK", 1_000_000, 100_000)])
    parsed, issues = flows.snapshot_flows([undated])
    assert parsed == [undated] and issues == []


def test_the_flow_table_has_the_shape_condense_gives(tmp_path: Path) -> None:
    path = write_realisasi(tmp_path / "t.xlsx", [[2023, 1, SUB, ATK, "ATK", 1_000]])
    template = parse_file(path, "t.xlsx")
    parsed, _ = flows.snapshot_flows(series())
    ours = realisasi_frame(parsed[0])
    theirs = template.tables_of("realisasi")[0].frame
    assert sorted(ours.columns) == sorted(theirs.columns)
    assert {column: str(ours[column].dtype) for column in ours} == \
        {column: str(theirs[column].dtype) for column in theirs}


# --- across the run: one source per month ---------------------------------------------------

def parse_folder(folder: Path) -> list[ParsedFile]:
    return [parse_file(path, path.name) for path in sorted(folder.glob("*.xlsx"))]


def dpa(folder: Path) -> None:
    write_dpa(folder / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, 900_000],
                                    [SUB, CETAK, "Bahan Cetak", 500_000, None]])


def months_counted(inputs: assemble.Inputs) -> dict[int, int]:
    sums = inputs.realisasi.groupby("bulan")["realisasi"].sum()
    return {int(month): int(amount) for month, amount in sums.items()}


def test_snapshots_read_from_workbooks_give_the_months(tmp_path: Path) -> None:
    dpa(tmp_path)
    write_b1(tmp_path / "sipd_januari.xlsx", [(SUB, ATK, "ATK", 900_000, 100_000)],
             "s.d. 31 Januari 2023")
    write_b1(tmp_path / "sipd_2023-02-28.xlsx", [(SUB, ATK, "ATK", 900_000, 150_000),
                                                 (SUB, CETAK, "Cetak", 500_000, "20.000")])
    parsed = parse_folder(tmp_path)
    assert {item.path: item.meta.get(AS_OF) for item in parsed if item.path != "dpa.xlsx"} == {
        "sipd_januari.xlsx": "2023-01-31", "sipd_2023-02-28.xlsx": "2023-02-28"}
    inputs, issues = assemble_inputs(RunConfig(tmp_path, tmp_path / "out"), parsed, [])
    assert months_counted(inputs) == {1: 100_000_00, 2: 70_000_00}
    assert inputs.read_amount == 170_000_00 and inputs.rejected.empty
    assert [found for found in issues if found.severity.value == "Kesalahan"] == []


def test_a_row_of_another_skpd_in_a_snapshot_is_refused_with_its_cell(tmp_path: Path) -> None:
    """A download of several SKPD (filtered wrongly): the row of Dinas Kesehatan on the same
    sub kegiatan and rekening is neither added to this OPD's line nor lost: it is named at
    its KODE SKPD cell and listed among the rejections, as the Rekap refuses one."""
    dpa(tmp_path)
    rows = b1_rows([(SUB, ATK, "ATK", 900_000, 100_000), (SUB, CETAK, "Cetak", 500_000, 20_000),
                    (SUB, ATK, "ATK", 900_000, 55_000)], "s.d. 31 Januari 2023")
    rows[-1][2:4] = ["1.02.0.00.0.00.01.0000", "Dinas Kesehatan"]
    write_grid(tmp_path / "sipd_januari.xlsx", rows)
    inputs, issues = assemble_inputs(RunConfig(tmp_path, tmp_path / "out"),
                                     parse_folder(tmp_path), [])
    errors = [found for found in issues if found.severity.value == "Kesalahan"]
    assert [(found.file, found.code, found.cell) for found in errors] == [
        ("sipd_januari.xlsx", "value-invalid", "C6")]
    assert "KODE SKPD '1.02.0.00.0.00.01.0000' berbeda" in errors[0].message
    assert months_counted(inputs) == {1: 120_000_00}
    rejected = inputs.rejected[inputs.rejected["file"] == "sipd_januari.xlsx"]
    assert rejected["amount"].tolist() == [55_000_00]


def test_two_snapshots_of_one_date_with_different_contents_are_a_month_sent_twice(
        tmp_path: Path) -> None:
    dpa(tmp_path)
    write_b1(tmp_path / "sipd_a.xlsx", [(SUB, ATK, "ATK", 900_000, 100_000)],
             "s.d. 31 Januari 2023")
    write_b1(tmp_path / "sipd_b.xlsx", [(SUB, ATK, "ATK", 900_000, 120_000)],
             "s.d. 31 Januari 2023")
    inputs, issues = assemble_inputs(RunConfig(tmp_path, tmp_path / "out"),
                                     parse_folder(tmp_path), [])
    duplicate = [found for found in issues if found.code == "month-duplicate"]
    assert [found.file for found in duplicate] == ["sipd_b.xlsx"]
    assert "sipd_a.xlsx: 1 baris, Rp 100.000" in duplicate[0].message
    assert "sipd_b.xlsx: 1 baris, Rp 120.000" in duplicate[0].message
    assert months_counted(inputs) == {1: 100_000_00}  # never both added
    rejected = inputs.rejected[inputs.rejected["reason"] == "bulan ganda"]
    assert rejected["file"].tolist() == ["sipd_b.xlsx"] and rejected["amount"].tolist() == [
        120_000_00]


def test_a_superseded_or_copied_snapshot_gives_no_finding_of_its_own(tmp_path: Path) -> None:
    """The 15 March snapshot is superseded by the 31 March one (nothing of it is counted)
    and `b` is a copy of the January one: their unreadable cells are not reported, only
    the one note each; the January original's own error stays."""
    dpa(tmp_path)
    january: list[Line] = [(SUB, ATK, "ATK", 900_000, 100_000), (SUB, CETAK, "Cetak", 1, "x")]
    write_b1(tmp_path / "a_2023-01-31.xlsx", january)
    write_b1(tmp_path / "b_2023-01-31.xlsx", january)
    write_b1(tmp_path / "sipd_2023-03-15.xlsx", [(SUB, ATK, "ATK", 900_000, "rusak")])
    write_b1(tmp_path / "sipd_2023-03-31.xlsx", [(SUB, ATK, "ATK", 900_000, 260_000)])
    _, issues = assemble_inputs(RunConfig(tmp_path, tmp_path / "out"), parse_folder(tmp_path),
                                [])
    found = {(found.file, found.code) for found in issues
             if found.file != "sipd_2023-03-31.xlsx"}
    assert found == {("a_2023-01-31.xlsx", "money-invalid"),
                     ("b_2023-01-31.xlsx", "file-duplicate"),
                     ("sipd_2023-03-15.xlsx", "snapshot-superseded")}


def test_a_snapshot_and_a_template_file_of_the_same_month_are_an_error(tmp_path: Path) -> None:
    dpa(tmp_path)
    write_realisasi(tmp_path / "realisasi_maret.xlsx", [[2023, 3, SUB, ATK, "ATK", 40_000]])
    write_b1(tmp_path / "sipd_2023-03-31.xlsx", [(SUB, ATK, "ATK", 900_000, 300_000)])
    inputs, issues = assemble_inputs(RunConfig(tmp_path, tmp_path / "out"),
                                     parse_folder(tmp_path), [])
    duplicate = [found for found in issues if found.code == "month-duplicate"]
    assert len(duplicate) == 1 and duplicate[0].file == "sipd_2023-03-31.xlsx"
    message = duplicate[0].message
    assert "Bulan 3/2023" in message and "realisasi_maret.xlsx: 1 baris, Rp 40.000" in message
    assert "sipd_2023-03-31.xlsx: 1 baris, Rp 300.000" in message
    assert months_counted(inputs) == {3: 40_000_00}  # one source for the month, not both


def test_template_months_before_a_snapshot_are_netted_out_not_counted_twice(
        tmp_path: Path) -> None:
    dpa(tmp_path)
    write_realisasi(tmp_path / "realisasi_01.xlsx", [[2023, 1, SUB, ATK, "ATK", 100_000]])
    write_realisasi(tmp_path / "realisasi_02.xlsx", [[2023, 2, SUB, ATK, "ATK", 30_000],
                                                     [2023, 2, SUB, CETAK, "Cetak", 5_000]])
    # Cumulative to 31 March: ATK 100.000 + 30.000 + 70.000 in March; CETAK gone to 0.
    write_b1(tmp_path / "sipd_2023-03-31.xlsx", [(SUB, ATK, "ATK", 900_000, 200_000)])
    inputs, issues = assemble_inputs(RunConfig(tmp_path, tmp_path / "out"),
                                     parse_folder(tmp_path), [])
    assert months_counted(inputs) == {1: 100_000_00, 2: 35_000_00, 3: 65_000_00}
    assert int(inputs.realisasi["realisasi"].sum()) == 200_000_00  # = the snapshot's total
    codes = codes_of(issues)
    assert "month-duplicate" not in codes
    note = next(found for found in issues if found.code == "snapshot-period")
    assert "realisasi_01.xlsx" in note.message and "realisasi_02.xlsx" in note.message
    gone = next(found for found in issues if found.code == "realisasi-decrease")
    assert CETAK in gone.message and "Rp (5.000)" in gone.message


# --- B2: the SPJ Fungsional ----------------------------------------------------------------

def test_the_spj_month_is_the_three_bulan_ini_cells_added() -> None:
    extract = read_spj(spj_rows())
    assert extract.meta[MONTH] == "3" and extract.meta[YEAR] == "2023"
    assert extract.issues == ()
    table = extract.tables[0]
    assert table.kind == SPJ
    frame = table.frame
    assert frame["kode_rekening"].tolist() == ["5", ATK, "5.1.01.01.01.0001"]
    assert frame["level"].tolist() == [1, 6, 6]
    # ATK: LS Gaji 0 + LS Barang & Jasa 2.250.000,50 + UP/GU/TU 300.000
    # Gaji: 500.000 + 0 + 0; the akun row: 500.000 + 2.250.000,50 + 300.000
    assert frame["realisasi"].tolist() == [3_050_000_50, 2_550_000_50, 500_000_00]
    assert frame["bulan"].tolist() == [3, 3, 3] and frame["tahun"].tolist() == [2023] * 3
    assert frame["row"].tolist() == [9, 10, 11]  # below the band and its numbering row
    assert (table.letters["gaji_ini"], table.letters["barjas_ini"],
            table.letters["up_ini"]) == (GAJI_INI, BARJAS_INI, UP_INI)
    assert table.letters["kode_rekening"] == "A"


@pytest.mark.parametrize(("title", "month", "year"), [
    ("Bulan : Maret", "3", None), ("Periode Maret 2023", "3", "2023"),
    ("Periode : 1 April 2023 s.d. 30 April 2023", "4", "2023"),
])
def test_the_spj_month_comes_from_a_title_row(title: str, month: str, year: str | None) -> None:
    extract = read_spj(spj_rows(title))
    assert extract.meta[MONTH] == month and extract.meta.get(YEAR) == year


def test_an_spj_without_its_month_is_an_error_naming_the_file() -> None:
    extract = read_spj(spj_rows("Tahun Anggaran 2023"), "SPJ Dinas Contoh.xlsx")
    assert MONTH not in extract.meta
    assert codes_of(extract.issues) == ["period-missing"]
    assert "SPJ Dinas Contoh.xlsx" in extract.issues[0].message


def test_spj_figures_that_do_not_add_up_are_named_by_their_cell() -> None:
    lines = [list(line) for line in SPJ_LINES]
    lines[1][13] = 2_000_000  # ATK: LS Barang & Jasa s.d. Bulan Ini should be 2.250.000,50
    extract = read_spj(spj_rows(lines=lines))
    found = [(issue.code, issue.cell) for issue in extract.issues]
    # The group's s.d. cell, and the Jumlah SPJ that no longer adds up to the three s.d. cells.
    assert found == [("spj-total-mismatch", f"{BARJAS_SD}10"), ("spj-total-mismatch", "R10")]


def test_a_parent_row_of_the_spj_is_checked_against_its_lines() -> None:
    lines = [list(line) for line in SPJ_LINES]
    # Akun 5: UP/GU/TU Bulan Ini 200.000 where its lines have 300.000; its own row adds up.
    lines[0] = spj_line(["5"], "BELANJA DAERAH", 3_000_000, (1_000_000, 500_000),
                        (0, "2.250.000,50"), (100_000, 200_000))
    extract = read_spj(spj_rows(lines=lines))
    assert [(issue.code, issue.cell) for issue in extract.issues] == [
        ("spj-total-mismatch", f"{GAJI_INI}9")]
    assert "Rp 2.950.000,50" in extract.issues[0].message


def test_a_code_split_with_a_gap_is_refused_with_its_raw_text() -> None:
    lines = [spj_line(["5", "1", "", "01"], "Rusak", 0, (0, 0), (0, 1_000), (0, 0))]
    extract = read_spj(spj_rows(lines=lines))
    assert [(issue.code, issue.cell, issue.value) for issue in extract.issues] == [
        ("code-not-normalised", "A9", "5 | 1 | _ | 01")]
    assert "5 | 1 | _ | 01" in extract.issues[0].message


def test_an_spj_workbook_with_merged_cells_is_recognised_end_to_end(tmp_path: Path) -> None:
    item = parse_file(write_spj(tmp_path / "SPJ_Fungsional.xlsx"), "SPJ_Fungsional.xlsx")
    assert item.meta[MONTH] == "3" and item.roles == (SPJ,)
    frame = item.tables_of(SPJ)[0].frame
    assert frame["kode_rekening"].tolist() == ["5", ATK, "5.1.01.01.01.0001"]
    assert frame["realisasi"].tolist() == [3_050_000_50, 2_550_000_50, 500_000_00]
    assert [issue for issue in item.issues if issue.severity.value == "Kesalahan"] == []


def test_a_b1_workbook_is_recognised_end_to_end(tmp_path: Path) -> None:
    path = write_b1(tmp_path / "realisasi_sd_Maret_2023.xlsx",
                    [(SUB, ATK, "ATK", 900_000, "100.000"), (SUB, CETAK, "Cetak", 500_000, 0)])
    item = parse_file(path, path.name)
    assert item.meta[AS_OF] == "2023-03-31" and item.roles == (SNAPSHOT,)
    assert item.tables_of(SNAPSHOT)[0].frame["realisasi"].tolist() == [100_000_00, 0]
    assert item.issues == ()


# --- controls --------------------------------------------------------------------------------

def dpa_lines(rows: Sequence[tuple[str, str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame([{"kode_sub_kegiatan": sub, "kode_rekening": account,
                          "uraian": "", "pagu_murni": murni, "pagu": pagu, "file": "dpa.xlsx",
                          "sheet": "Anggaran", "row": index + 2}
                         for index, (sub, account, murni, pagu) in enumerate(rows)])


def test_the_latest_snapshot_pagu_is_compared_with_the_dpa() -> None:
    january = read_b1("real_jan.xlsx", [(SUB, ATK, "ATK", 123, 1)], "s.d. 31 Januari 2023")
    march = read_b1("real_mar.xlsx", [
        (SUB, ATK, "ATK", 1_000_000, 1),  # = pagu murni: taken before the perubahan
        (SUB, CETAK, "Cetak", 450_000, 1),  # neither murni nor perubahan
        (SUB2, MAKAN, "Makan", 10_000, 1),  # no DPA line
    ], "s.d. 31 Maret 2023")
    lines = dpa_lines([(SUB, ATK, 100_000_000, 90_000_000), (SUB, CETAK, 50_000_000, 40_000_000),
                       (SUB2, ATK, 30_000_000, 30_000_000)])
    rows, issues = controls.snapshot_pagu([january, march], lines, 2023)
    # Every line is listed; ATK matches its pagu murni, the others differ.
    assert [(row.kode, row.dinyatakan, row.dihitung, row.status) for row in rows] == [
        (f"{SUB} / {ATK}", 1_000_000_00, 1_000_000_00, "Cocok"),
        (f"{SUB} / {CETAK}", 45_000_000, 40_000_000, "Selisih"),
        (f"{SUB2} / {ATK}", None, 30_000_000, "Selisih"),
        (f"{SUB2} / {MAKAN}", 1_000_000, None, "Selisih"),
    ]
    assert [(found.code, found.file, found.cell) for found in issues] == [
        ("snapshot-pagu-mismatch", "real_mar.xlsx", f"{PAGU_COLUMN}5"),
        ("snapshot-pagu-mismatch", "real_mar.xlsx", ""),
        ("snapshot-pagu-mismatch", "real_mar.xlsx", f"{PAGU_COLUMN}6"),
    ]
    assert all("31 Maret 2023" in row.uraian for row in rows)


def test_the_spj_is_reconciled_per_rekening_and_month() -> None:
    table = read_spj(spj_rows()).tables[0]
    ours = pd.DataFrame({
        "tahun": [2023, 2023, 2023, 2023],
        "bulan": [3, 3, 3, 2],
        "kode_sub_kegiatan": [SUB, SUB2, SUB, SUB],
        "kode_rekening": [ATK, ATK, CETAK, "5.1.01.01.01.0001"],
        # ATK in March: 2.000.000,50 + 550.000 over two sub kegiatan = the SPJ's 2.550.000,50
        "realisasi": [2_000_000_50, 550_000_00, 7_000_00, 500_000_00],
    })
    rows, issues = controls.spj_control([table], ours)
    # Gaji is in the SPJ's March but in February here; Cetak is in ours only.
    assert [(row.kode, row.dinyatakan, row.dihitung, row.status) for row in rows] == [
        ("5.1.01.01.01.0001", 500_000_00, 0, "Selisih"), (ATK, 2_550_000_50, 2_550_000_50, "Cocok"),
        (CETAK, None, 7_000_00, "Selisih")]
    assert [(found.code, found.cell) for found in issues] == [("spj-mismatch", f"{GAJI_INI}11"),
                                                              ("spj-mismatch", "")]
    assert all(row.uraian == "Realisasi Maret 2023" for row in rows)


def test_an_spj_with_nothing_to_compare_says_so_once() -> None:
    table = read_spj(spj_rows()).tables[0]
    empty = pd.DataFrame({"tahun": [2023], "bulan": [1], "kode_rekening": [ATK],
                          "realisasi": [1]})
    rows, issues = controls.spj_control([table], empty)
    assert rows == [] and codes_of(issues) == ["spj-mismatch"]


def test_the_jumlah_row_of_an_spj_is_a_control_never_a_line() -> None:
    total = [""] * 6 + ["JUMLAH", 3_000_000] + [""] * 9 + [0, 0]
    total[9], total[12], total[15] = 500_000, "2.250.000,50", 300_000  # the three Bulan Ini
    extract = read_spj(spj_rows(lines=[*SPJ_LINES, total]))
    assert extract.issues == ()
    assert extract.tables[0].frame["row"].tolist() == [9, 10, 11]
    total[15] = 299_000
    found = read_spj(spj_rows(lines=[*SPJ_LINES, total])).issues
    assert [(issue.code, issue.cell) for issue in found] == [
        ("spj-total-mismatch", f"{GAJI_INI}12")]


def test_the_spj_names_its_skpd_for_setting_aside_other_units_files() -> None:
    assert read_spj(spj_rows()).meta[SKPD] == "Dinas Contoh"  # `SKPD : Dinas Contoh`


def test_an_undated_b1_workbook_is_an_error_whatever_its_file_time(tmp_path: Path) -> None:
    path = write_b1(tmp_path / "statistik_belanja (3).xlsx", [(SUB, ATK, "ATK", 900_000, 1)])
    item = parse_file(path, path.name)  # the file has a time stamp: it is never used
    assert AS_OF not in item.meta
    assert [(found.code, found.file) for found in item.issues] == [
        ("period-missing", "statistik_belanja (3).xlsx")]


# --- the file's notation and loose codes, in B1 and B2 ---------------------------------------

def test_a_snapshot_in_the_other_notation_with_quoted_codes_is_read_exactly() -> None:
    """Every text amount `1,234,567.89`: that notation, for this file; codes with a leading
    apostrophe (as SIPD-RI writes them to keep Excel from turning them into numbers)."""
    item = read_b1("realisasi_2023-03-31.xlsx", [
        (f"'{SUB}", f"'{ATK}", "ATK", "1,000,000.00", "250,000.50"),
        (SUB, f"{CETAK}.", "Cetak", "2,000,000.00", "1,234,567.89"),
    ])
    assert item.issues == ()
    frame = item.tables_of(SNAPSHOT)[0].frame
    assert frame["kode_sub_kegiatan"].tolist() == [SUB, SUB]
    assert frame["kode_rekening"].tolist() == [ATK, CETAK]
    assert frame["realisasi"].tolist() == [25_000_050, 123_456_789]
    assert frame["pagu"].tolist() == [100_000_000, 200_000_000]


def test_a_snapshot_mixing_both_notations_is_an_error_naming_a_cell_of_each() -> None:
    item = read_b1("realisasi_2023-03-31.xlsx", [
        (SUB, ATK, "ATK", "1.000.000", "250.000,50"),
        (SUB, CETAK, "Cetak", "2.000.000", "1,234.50"),
    ])
    found = [(issue.code, issue.cell) for issue in item.issues]
    assert found == [("money-notation-mixed", f"{REALISASI_COLUMN}5"),
                     ("money-invalid", f"{REALISASI_COLUMN}5")]
    assert f"{PAGU_COLUMN}4" in item.issues[0].message  # the first Indonesian amount


def test_an_spj_in_the_other_notation_is_read_exactly() -> None:
    # Code A–F, Uraian, Anggaran; Gaji, LS Barang & Jasa, UP/GU/TU (s.d. lalu, ini, s.d.
    # ini); Jumlah SPJ s.d. Bulan Ini; Sisa Pagu (3.000.000 − 2.650.000,50).
    lines: list[list[object]] = [[5, 1, 2, 1, 1, 24, "ATK", "3,000,000.00", 0, 0, 0, "0.00",
                                  "2,250,000.50", "2,250,000.50", 100_000, 300_000, 400_000,
                                  "2,650,000.50", "349,999.50"]]
    extract = read_spj(spj_rows(lines=lines))
    assert extract.issues == ()
    assert extract.tables[0].frame["realisasi"].tolist() == [2_550_000_50]


def test_an_spj_mixing_both_notations_is_an_error() -> None:
    lines = [spj_line([5, 1, 2, 1, 1, 24], "ATK", 1_000_000, (0, 0), (0, "2.250.000,50"),
                      (100_000, "300,000.00"))]
    extract = read_spj(spj_rows(lines=lines))
    assert [issue.code for issue in extract.issues][:1] == ["money-notation-mixed"]
    assert extract.issues[0].cell == f"{UP_INI}9"
