"""End to end: the LAKIP performance tables III.A.1–III.A.7 and the `Ringkasan`.

The bundled example must reproduce the seed document's tables (transcribed in
`seed_tables`, with its two corrections stated there). A small PK built inline, next to a
DPA and realisasi from `builders`, covers what the example does not: negative polarity,
zero targets, capaian above 100, an IKU with two programs, custom predikat bands and the
PK's findings. Reports are read back as readers that do not recalculate see them
(python-calamine, cached values); formulas and merged cells with openpyxl.
"""

from __future__ import annotations

import functools
import itertools
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from builders import ATK, CETAK, write_dpa, write_realisasi, write_sheet
from openpyxl.utils import get_column_letter
from seed_tables import (
    III_A_4_SENTENCE,
    TEXTS,
    corrected,
    header,
    percent,
    rupiah,
    seed_predikat,
    table,
    worded,
)
from workbook_reading import rows_below, sheet_rows

from pipeline.report import fit
from pipeline.run import RunConfig, RunResult, run

Rows = list[list[object]]
D = Decimal

# The header of each table as the seed prints it (`seed_tables.header`); III.A.4, which the
# seed prints no table of (only its sentence), takes the words of that sentence.
HEADERS = {number: header(number) for number in TEXTS}
HEADERS["III.A.4"] = [["No", "Indikator Kinerja", "Realisasi Kinerja Tahun 2023",
                       "Standar Nasional", "Keterangan"]]
# Columns the pipeline adds after the seed's, each marked "(tambahan)" in its header.
ADDED = {"III.A.6": 2, "III.A.7": 2}

# How each column of the seed's table compares with the contract's column at the same
# place: t text, p percentage, r rupiah, - not compared (see the test).
COLUMNS = {
    "III.A.1": "tttpppt",
    "III.A.2": "tttpppp",
    "III.A.3": "tttppp",
    "III.A.5": "-ttppptt",
    "III.A.6": "ttppprrp",
    "III.A.7": "tttpttptt",
}

# The computed cells (capaian, tingkat kemajuan and the budget figures of III.A.6), by
# column, with the seed's label on the header's last line there.
COMPUTED = {
    "III.A.1": {5: "Capaian %"},
    "III.A.2": {6: "% Capaian"},
    "III.A.3": {5: "Tingkat Kemajuan"},
    "III.A.5": {5: "% Capaian"},
    "III.A.6": {4: "%", 5: "Pagu DPA", 6: "Realisasi (Rp.)", 7: "%"},
    "III.A.7": {3: "Capaian %", 6: "Capaian %"},
}
# The percentages among them, and the efficiency points the pipeline adds to III.A.6.
PERCENTAGES = {"III.A.1": [5], "III.A.2": [6], "III.A.3": [5], "III.A.5": [5],
               "III.A.6": [4, 7, 8], "III.A.7": [3, 6]}


def _number(value: object) -> object:
    """A cached number as a Decimal (`16.81` → Decimal('16.81')); anything else as is."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    return value


def _until_blank(rows: Rows) -> Rows:
    body = []
    for row in rows:
        if all(cell == "" for cell in row):
            break
        body.append(row)
    return body


def table_of(path: Path, sheet: str) -> tuple[Rows, Rows, int]:
    """Header rows (as many as the seed's), body rows (up to the first blank row) and the
    Excel row of the first body row of a LAKIP table."""
    rows = sheet_rows(path, sheet)
    expected = HEADERS[sheet]
    top = next(index for index, row in enumerate(rows) if row and row[0] == expected[0][0])
    below = top + len(expected)
    return rows[top:below], _until_blank(rows[below:]), below + 1


def _column(header: list[object], label: str) -> int:
    return header.index(label)


@functools.cache
def _formulas(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path, data_only=False)


def _merged(path: Path, sheet: str, first: int) -> set[str]:
    """The merged ranges that start on or below the Excel row `first` (not the title)."""
    return {str(cell_range) for cell_range in _formulas(path)[sheet].merged_cells.ranges
            if cell_range.min_row >= first}


# --- the example against the seed ----------------------------------------------------------

@pytest.mark.parametrize("sheet", sorted(HEADERS))
def test_headers_are_the_seed_s_then_the_added_columns(example_run: RunResult,
                                                       sheet: str) -> None:
    ours, _, _ = table_of(example_run.report_path, sheet)
    seed = HEADERS[sheet]
    width = len(seed[0])
    assert [row[:width] for row in ours] == seed
    added = [row[width:] for row in ours]
    labels = [label for label in added[0] if label != ""]
    assert len(labels) == len(added[0]) == ADDED.get(sheet, 0)
    assert all(str(label).endswith("(tambahan)") for label in labels), labels
    assert all(cell == "" for row in added[1:] for cell in row)  # each over both lines


def test_iii_a_4_header_takes_the_seed_s_words() -> None:
    assert HEADERS["III.A.4"][0][2] in III_A_4_SENTENCE  # Realisasi Kinerja Tahun 2023
    assert "Standar Nasional" in III_A_4_SENTENCE


def _merges_as_printed(lines: list[list[str]], top: int) -> set[str]:
    """The merged header cells the seed's two header lines show (Excel rows `top` and
    `top + 1`): a label with nothing under it spans both lines; a label followed by blank
    cells on its line spans them."""
    upper, lower = lines
    merges = set()
    for column, label in enumerate(upper):
        letter = get_column_letter(column + 1)
        if label and not lower[column]:
            merges.add(f"{letter}{top}:{letter}{top + 1}")
        elif label:
            end = column
            while end + 1 < len(upper) and not upper[end + 1]:
                end += 1
            if end > column:
                merges.add(f"{letter}{top}:{get_column_letter(end + 1)}{top}")
    return merges


@pytest.mark.parametrize(("sheet", "expected"), [
    ("III.A.2", {"A3:A4", "B3:B4", "C3:C4", "E3:G3"}),
    ("III.A.6", {"A3:A4", "B3:B4", "C3:D3", "F3:G3"}),
])
def test_two_row_headers_merge_as_the_seed_groups(example_run: RunResult, sheet: str,
                                                  expected: set[str]) -> None:
    assert _merges_as_printed(HEADERS[sheet], 3) == expected
    added = {f"{letter}3:{letter}4" for letter in "IJ"[:ADDED.get(sheet, 0)]}
    header = {str(cell_range) for cell_range in _formulas(example_run.report_path)[sheet]
              .merged_cells.ranges if cell_range.min_row in (3, 4)}
    assert header == expected | added


@pytest.mark.parametrize("sheet", sorted(PERCENTAGES))
def test_percentages_show_two_decimals_and_each_column_one_format(example_run: RunResult,
                                                                   sheet: str) -> None:
    _, body, first = table_of(example_run.report_path, sheet)
    cells = _formulas(example_run.report_path)[sheet]
    for column in range(len(body[0])):
        letter = get_column_letter(column + 1)
        shown = {cells[f"{letter}{first + index}"].number_format
                 for index, row in enumerate(body) if isinstance(row[column], int | float)}
        assert len(shown) <= 1, (letter, shown)  # one number of decimals in a column
        if column in PERCENTAGES[sheet]:
            assert [text.endswith("0.00") for text in shown] == [True], (letter, shown)


def test_figures_with_a_fraction_show_two_decimals_and_whole_ones_none(
        example_run: RunResult) -> None:
    # III.A.1 of the seed: Target 60, 18, 72, 100, 100 (whole); Realisasi 60, 16.81, …
    _, body, first = table_of(example_run.report_path, "III.A.1")
    assert [row[3] for row in body] == [percent(row[3]) for row in table("III.A.1")]
    cells = _formulas(example_run.report_path)["III.A.1"]
    assert cells[f"D{first}"].number_format == "General"
    assert cells[f"E{first}"].number_format.endswith("0.00")


@pytest.mark.parametrize("sheet", ["Ringkasan", *sorted(HEADERS)])
def test_columns_fit_a4_landscape_with_text_of_8_pt(example_run: RunResult, sheet: str) -> None:
    columns = _formulas(example_run.report_path)[sheet].column_dimensions
    widths = [dimension.width - fit.STORED_PADDING for dimension in columns.values()
              if dimension.width for _ in range(dimension.min, dimension.max + 1)]
    assert len(widths) >= 5
    scale = fit.print_scale(fit.page_points(widths), fit.A4)
    assert fit.legible(scale), (sheet, scale)


@pytest.mark.libreoffice
def test_example_tables_and_ringkasan_print_whole_and_legible(example_run: RunResult,
                                                              tmp_path: Path,
                                                              soffice: str) -> None:
    """Printed by LibreOffice: every text whole (no wrapped line lost below a row that is
    too short, the merged Sasaran cells included), nothing smaller than 8 pt, no chart
    split over two pages."""
    from print_check import by_sheet, check_workbook

    pages = by_sheet(check_workbook(example_run.report_path, tmp_path))
    for sheet in ["Ringkasan", *HEADERS]:
        assert [page.describe() for page in pages[sheet] if not page.clean] == [], sheet
    assert len(pages["Ringkasan"]) == 3  # the figures, the budget and signature, the charts


@pytest.mark.parametrize("sheet", sorted(COLUMNS))
def test_example_table_equals_the_seed(example_run: RunResult, sheet: str) -> None:
    _, body, _ = table_of(example_run.report_path, sheet)
    kinds = COLUMNS[sheet]
    convert = {"t": worded, "p": percent, "r": lambda text: Decimal(rupiah(text))}
    seed = [tuple(convert[kind](cell) for kind, cell in zip(kinds, row, strict=True)
                  if kind != "-") for row in corrected(sheet)]
    ours = [tuple(_number(cell) for kind, cell in zip(kinds, row[:len(kinds)], strict=True)
                  if kind != "-") for row in body]
    assert ours == seed


def test_example_corrections_are_the_report_s_arithmetic(example_run: RunResult) -> None:
    # III.A.6: 574.785.484 / 595.538.588 = 0,965154…, the seed prints 96.51, half up 96.52.
    _, body, _ = table_of(example_run.report_path, "III.A.6")
    assert table("III.A.6")[3][7] == "96.51"
    assert (body[3][5], body[3][6], body[3][7]) == (595_538_588, 574_785_484, 96.52)
    # III.A.7: the seed's "Capaian %" is the realisasi; the report's is the capaian.
    _, body, _ = table_of(example_run.report_path, "III.A.7")
    assert [row[3] for row in table("III.A.7")] == ["60", "16.81", "55.46", "100", "97.43"]
    assert [row[3] for row in body] == [100, 93.39, 77.03, 100, 97.43]
    assert [row[6] for row in body] == [100, 93.39, 77.03, 100, 100]


def test_example_iii_a_5_numbers_each_sasaran(example_run: RunResult) -> None:
    # The seed leaves No blank on its second sasaran in III.A.5 (it prints "2" in III.A.1);
    # the report numbers it as III.A.1 does.
    assert [row[0] for row in table("III.A.5")] == ["1", "", "", "", ""]
    _, body, _ = table_of(example_run.report_path, "III.A.5")
    assert [row[0] for row in body] == [row[0] for row in table("III.A.1")] == [
        "1", "", "", "", "2"]


def test_example_iii_a_4_has_the_single_no_standard_row(example_run: RunResult) -> None:
    # Seed: "Untuk Realisasi Kinerja Tahun 2023 dengan Standar Nasional tidak ada."
    _, body, _ = table_of(example_run.report_path, "III.A.4")
    assert len(body) == 1
    text = " ".join(str(cell) for cell in body[0] if cell != "").casefold()
    assert "tidak ada" in text
    assert "standar nasional" in text
    assert not any(row[2] in text for row in table("III.A.1"))
    rows = sheet_rows(example_run.report_path, "III.A.4")
    assert all(cell == "" for row in rows[rows.index(body[0]) + 1:] for cell in row)


def test_example_sasaran_is_merged_over_its_iku_rows(example_run: RunResult) -> None:
    path = example_run.report_path
    _, body, first = table_of(path, "III.A.1")
    seed = table("III.A.1")
    starts = [index for index, row in enumerate(seed) if row[1]] + [len(seed)]
    assert starts == [0, 4, 5]  # sasaran 1 over four IKU, sasaran 2 over one
    expected = {f"{column}{first + top}:{column}{first + bottom - 1}"
                for top, bottom in itertools.pairwise(starts) if bottom - top > 1
                for column in "AB"}
    assert expected == {"A4:A7", "B4:B7"}
    assert _merged(path, "III.A.1", first) == expected
    sheet = _formulas(path)["III.A.1"]
    assert sheet[f"B{first}"].value == seed[0][1]
    assert sheet[f"B{first + 4}"].value == seed[4][1]
    assert [row[1] for row in body] == [seed[0][1], "", "", "", seed[4][1]]


@pytest.mark.parametrize("sheet", sorted(COMPUTED))
def test_example_computed_cells_are_live_formulas(example_run: RunResult, sheet: str) -> None:
    path = example_run.report_path
    header, body, first = table_of(path, sheet)
    assert len(body) == 5
    formulas = _formulas(path)[sheet]
    for column, label in COMPUTED[sheet].items():
        assert header[-1][column] == label
        letter = get_column_letter(column + 1)
        cells = [formulas[f"{letter}{first + index}"].value for index in range(len(body))]
        assert all(isinstance(cell, str) and cell.startswith("=") for cell in cells), (
            label, cells)


def _ringkasan_capaian(path: Path) -> list[tuple[object, object, object]]:
    header, below = rows_below(sheet_rows(path, "Ringkasan"), "No")
    columns = [_column(header, label) for label in ("Indikator Kinerja Utama", "Capaian %",
                                                    "Predikat")]
    return [tuple(_number(row[column]) for column in columns) for row in _until_blank(below)]


def _ringkasan_counts(path: Path) -> list[tuple[object, object]]:
    """The count per predikat: the rows under its header that carry a number."""
    _, below = rows_below(sheet_rows(path, "Ringkasan"), "Predikat")
    counts = []
    for row in below:
        if not isinstance(row[1], int | float):
            break
        counts.append((row[0], row[1]))
    return counts


def _ringkasan_text(path: Path) -> list[str]:
    return [cell for row in sheet_rows(path, "Ringkasan") for cell in row
            if isinstance(cell, str)]


def test_ringkasan_lists_each_iku_with_its_capaian_and_predikat(
        example_run: RunResult) -> None:
    predikat = seed_predikat()  # BAB IV.A: which IKU are sangat tinggi, which tinggi
    expected = [(row[2], percent(row[5]), predikat[row[2]]) for row in table("III.A.1")]
    assert _ringkasan_capaian(example_run.report_path) == expected


def test_ringkasan_predikat_cells_are_live_formulas(example_run: RunResult) -> None:
    path = example_run.report_path
    rows = sheet_rows(path, "Ringkasan")
    header, below = rows_below(rows, "No")
    top = rows.index(header) + 2
    sheet = _formulas(path)["Ringkasan"]
    for label in ("Capaian %", "Predikat"):
        letter = get_column_letter(_column(header, label) + 1)
        cells = [sheet[f"{letter}{top + index}"].value for index in range(5)]
        assert all(str(cell).startswith("=") for cell in cells), (label, cells)


def test_ringkasan_counts_per_predikat_and_concludes_as_the_seed(
        example_run: RunResult) -> None:
    path = example_run.report_path
    assert _ringkasan_counts(path) == [("Sangat Tinggi", 4), ("Tinggi", 1), ("Sedang", 0),
                                       ("Rendah", 0), ("Sangat Rendah", 0)]
    # BAB IV.A: "terdapat 4 sasaran yang memiliki kinerja sangat tinggi … 1 sasaran yang
    # memiliki kinerja tinggi".
    assert any("4 sasaran sangat tinggi, 1 tinggi" in text for text in _ringkasan_text(path))


# --- a PK built inline ---------------------------------------------------------------------

SASARAN_HEADER = ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Polaritas",
                  "Target", "Realisasi", "Realisasi Tahun Lalu", "Target Akhir Renstra",
                  "Tahun Akhir Renstra", "Standar Nasional", "Sumber Data", "Kode Program",
                  "Analisis", "Solusi"]  # Kode Program is column M
PK_PROGRAM_HEADER = ["Kode Program", "Indikator Program", "Satuan", "Target", "Realisasi",
                     "Menunjang", "Analisis", "Anggaran PK"]  # Anggaran PK is column H
KRITERIA_HEADER = ["Batas Bawah", "Batas Atas", "Predikat"]

PENUNJANG = "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
PEMBERDAYAAN = "Program Pemberdayaan Sosial"
REHABILITASI = "Program Rehabilitasi Sosial"
SUB_PENUNJANG = "1.06.01.2.01.0002"
SUB_PEMBERDAYAAN = "1.06.02.2.03.0002"
SUB_REHABILITASI = "1.06.04.2.01.0003"
DPA_PROGRAMS = [
    ["1.06.01", PENUNJANG, ""],
    ["1.06.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", ""],
    [SUB_PENUNJANG, "Koordinasi dan Penyusunan Dokumen RKA-SKPD", ""],
    ["1.06.02", PEMBERDAYAAN, ""],
    ["1.06.02.2.03", "Pengembangan Potensi Sumber Kesejahteraan Sosial Daerah", ""],
    [SUB_PEMBERDAYAAN, "Peningkatan Kemampuan Potensi Tenaga Kesejahteraan Sosial", ""],
    ["1.06.04", REHABILITASI, ""],
    ["1.06.04.2.01", "Rehabilitasi Sosial Dasar di Luar Panti Sosial", ""],
    [SUB_REHABILITASI, "Penyediaan Alat Bantu", ""],
]
# Pagu murni / perubahan per program: 1.06.01 1.000.000 / 900.000; 1.06.02 500.000 /
# 500.000; 1.06.04 300.000 / 300.000. Realisasi 450.000, 250.000, 100.000.
ANGGARAN = [
    [SUB_PENUNJANG, ATK, "Alat Tulis Kantor", 1_000_000, 900_000],
    [SUB_PEMBERDAYAAN, CETAK, "Bahan Cetak", 500_000, 500_000],
    [SUB_REHABILITASI, ATK, "Alat Tulis Kantor", 300_000, 300_000],
]
REALISASI = [
    [2023, 3, SUB_PENUNJANG, ATK, "Alat Tulis Kantor", 450_000],
    [2023, 3, SUB_PEMBERDAYAAN, CETAK, "Bahan Cetak", 250_000],
    [2023, 3, SUB_REHABILITASI, ATK, "Alat Tulis Kantor", 100_000],
]

SAS_A = "Menurunnya angka kemiskinan dan keterlantaran"
SAS_B = "Meningkatnya kualitas pelayanan sosial"
MISKIN = "Persentase penduduk miskin"
KASUS = "Jumlah kasus anak terlantar"
PENGADUAN = "Jumlah pengaduan yang tidak tertangani"
LEMBAGA = "Persentase lembaga kesejahteraan sosial terakreditasi"
PANTI = "Jumlah panti sosial baru yang dibangun"
SASARAN = [  # Excel rows 2–6
    [1, SAS_A, MISKIN, "%", "Negatif", 10, 8, 9, 5, 2026, None, "BPS", "1.06.01, 1.06.02",
     "Bantuan tepat sasaran", "Lanjutkan pendataan"],
    [1, None, KASUS, "kasus", "Negatif", 10, 25, 12, 4, 2026, None, "Dinas", "1.06.02",
     "Pendataan terlambat", ""],
    [2, SAS_B, PENGADUAN, "pengaduan", "Negatif", 0, 0, 3, 0, 2026, None, "Dinas", "1.06.01",
     "Layanan cepat", ""],
    [2, None, LEMBAGA, "%", "Positif", 80, 100, 70, 90, 2026, None, "Dinas", None,
     "Pendampingan akreditasi", ""],
    [2, None, PANTI, "unit", "Positif", 0, 0, 0, 0, 2026, None, "Dinas", "1.06.01",
     "Tidak direncanakan", ""],
]
IND_PENUNJANG = "Persentase dokumen perencanaan yang tepat waktu"
IND_PEMBERDAYAAN = "Persentase TKSK yang meningkat kapasitasnya"
PK_PROGRAMS = [  # Excel rows 2–3
    ["1.06.01", IND_PENUNJANG, "%", 100, 95, "Menunjang", "Dokumen tepat waktu", 1_000_000],
    ["1.06.02", IND_PEMBERDAYAAN, "%", 60, 66, "Menunjang", "Pelatihan TKSK", 600_000],
]


def write_pk(path: Path, sasaran: list[list[object]], programs: list[list[object]],
             kriteria: list[list[object]] | None = None) -> Path:
    """A PK workbook: `Sasaran`, `Program` and optionally `Kriteria`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    write_sheet(workbook, "Sasaran", SASARAN_HEADER, sasaran)
    write_sheet(workbook, "Program", PK_PROGRAM_HEADER, programs)
    if kriteria is not None:
        write_sheet(workbook, "Kriteria", KRITERIA_HEADER, kriteria)
    workbook.close()
    return path


def run_case(folder: Path, sasaran: list[list[object]] = SASARAN,
             kriteria: list[list[object]] | None = None) -> RunResult:
    source = folder / "masukan"
    write_dpa(source / "dpa.xlsx", ANGGARAN, programs=DPA_PROGRAMS)
    write_realisasi(source / "realisasi_03.xlsx", REALISASI)
    write_pk(source / "pk.xlsx", sasaran, PK_PROGRAMS, kriteria)
    return run(RunConfig(source, folder / "keluaran"))


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> RunResult:
    return run_case(tmp_path_factory.mktemp("pk-inline"))


def _pk_issues(result: RunResult) -> set[tuple[str, str, str, str, str]]:
    return {(found.severity.value, found.code, found.sheet, found.cell, found.value)
            for found in result.report.issues if found.file == "pk.xlsx"}


def _rows(result: RunResult, sheet: str, columns: int) -> list[tuple[object, ...]]:
    _, body, _ = table_of(result.report_path, sheet)
    return [tuple(_number(cell) for cell in row[:columns]) for row in body]


def test_case_iii_a_1_capaian_with_polarity_zero_target_and_above_100(case: RunResult) -> None:
    assert _rows(case, "III.A.1", 6) == [
        ("1", SAS_A, MISKIN, 10, 8, 120),  # negative: (2×10 − 8) / 10
        ("", "", KASUS, 10, 25, 0),  # negative: (20 − 25) / 10 = −50, floored at 0
        ("2", SAS_B, PENGADUAN, 0, 0, 100),  # negative, zero target, zero realisasi
        ("", "", LEMBAGA, 80, 100, 125),  # positive, above 100 as computed
        ("", "", PANTI, 0, 0, 100),  # positive, zero target, zero realisasi
    ]


def test_case_iii_a_2_and_iii_a_5_carry_the_same_capaian(case: RunResult) -> None:
    assert _rows(case, "III.A.2", 7) == [
        ("1", SAS_A, MISKIN, 9, 10, 8, 120),
        ("", "", KASUS, 12, 10, 25, 0),
        ("2", SAS_B, PENGADUAN, 3, 0, 0, 100),
        ("", "", LEMBAGA, 70, 80, 100, 125),
        ("", "", PANTI, 0, 0, 0, 100),
    ]
    assert [row[3:6] for row in _rows(case, "III.A.5", 8)] == [
        (10, 8, 120), (10, 25, 0), (0, 0, 100), (80, 100, 125), (0, 0, 100)]


def test_case_iii_a_3_tingkat_kemajuan_is_polarity_aware(case: RunResult) -> None:
    assert [row[2:6] for row in _rows(case, "III.A.3", 6)] == [
        (MISKIN, 8, 5, 40),  # (2×5 − 8) / 5
        (KASUS, 25, 4, 0),  # (8 − 25) / 4 < 0
        (PENGADUAN, 0, 0, 100),
        (LEMBAGA, 100, 90, D("111.11")),  # 1,1111…
        (PANTI, 0, 0, 100),
    ]


def test_case_iku_with_two_programs_sums_their_budget_in_iii_a_6(case: RunResult) -> None:
    # Pagu DPA after perubahan: 900.000 (1.06.01) + 500.000 (1.06.02); realisasi 450.000 +
    # 250.000. An IKU without program has none.
    assert [row[:1] + row[4:8] for row in _rows(case, "III.A.6", 8)] == [
        (MISKIN, 120, 1_400_000, 700_000, 50),
        (KASUS, 0, 500_000, 250_000, 50),
        (PENGADUAN, 100, 900_000, 450_000, 50),
        (LEMBAGA, 125, 0, 0, 0),
        (PANTI, 100, 900_000, 450_000, 50),
    ]


def test_case_iku_with_two_programs_has_two_rows_in_iii_a_7(case: RunResult) -> None:
    assert _rows(case, "III.A.7", 9) == [
        ("1", SAS_A, MISKIN, 120, PENUNJANG, IND_PENUNJANG, 95, "Menunjang",
         "Dokumen tepat waktu"),
        ("", "", "", "", PEMBERDAYAAN, IND_PEMBERDAYAAN, 110, "Menunjang", "Pelatihan TKSK"),
        ("", "", KASUS, 0, PEMBERDAYAAN, IND_PEMBERDAYAAN, 110, "Menunjang",
         "Pelatihan TKSK"),
        ("2", SAS_B, PENGADUAN, 100, PENUNJANG, IND_PENUNJANG, 95, "Menunjang",
         "Dokumen tepat waktu"),
        ("", "", LEMBAGA, 125, "", "", "", "", ""),
        ("", "", PANTI, 100, PENUNJANG, IND_PENUNJANG, 95, "Menunjang",
         "Dokumen tepat waktu"),
    ]
    # The IKU's indicator and capaian span its two program rows; each sasaran its IKU's.
    _, _, first = table_of(case.report_path, "III.A.7")
    assert _merged(case.report_path, "III.A.7", first) == {
        "C4:C5", "D4:D5", "A4:A6", "B4:B6", "A7:A9", "B7:B9"}


def test_case_sasaran_merged_on_iii_a_1(case: RunResult) -> None:
    _, _, first = table_of(case.report_path, "III.A.1")
    assert _merged(case.report_path, "III.A.1", first) == {"A4:A5", "B4:B5", "A6:A8", "B6:B8"}


@pytest.mark.parametrize("sheet", sorted(COMPUTED))
def test_case_computed_cells_are_live_formulas(case: RunResult, sheet: str) -> None:
    header, body, first = table_of(case.report_path, sheet)
    formulas = _formulas(case.report_path)[sheet]
    for column, label in COMPUTED[sheet].items():
        assert header[-1][column] == label
        shown = [(index, row[column]) for index, row in enumerate(body) if row[column] != ""]
        assert len(shown) >= 5
        letter = get_column_letter(column + 1)
        cells = [formulas[f"{letter}{first + index}"].value for index, _ in shown]
        assert all(isinstance(cell, str) and cell.startswith("=") for cell in cells), (
            label, cells)


def test_case_ringkasan_default_predikat(case: RunResult) -> None:
    assert _ringkasan_capaian(case.report_path) == [
        (MISKIN, 120, "Sangat Tinggi"),
        (KASUS, 0, "Sangat Rendah"),
        (PENGADUAN, 100, "Sangat Tinggi"),
        (LEMBAGA, 125, "Sangat Tinggi"),
        (PANTI, 100, "Sangat Tinggi"),
    ]
    assert _ringkasan_counts(case.report_path) == [
        ("Sangat Tinggi", 4), ("Tinggi", 0), ("Sedang", 0), ("Rendah", 0),
        ("Sangat Rendah", 1)]
    assert any("4 sasaran sangat tinggi, 1 sangat rendah" in text
               for text in _ringkasan_text(case.report_path))


def test_case_findings_of_the_pk(case: RunResult) -> None:
    assert case.report.errors == 0
    assert _pk_issues(case) == {
        ("Peringatan", "iku-without-program", "Sasaran", "M5", ""),  # LEMBAGA
        ("Peringatan", "pk-budget-mismatch", "Program", "H3", "600.000"),  # 1.06.02
        ("Peringatan", "program-without-iku", "Sasaran", "", "1.06.04"),
    }


def test_case_iku_without_program_is_a_warning_naming_its_kode_program_cell(
        case: RunResult) -> None:
    found = [item for item in case.report.issues if item.code == "iku-without-program"]
    assert [(item.sheet, item.cell) for item in found] == [("Sasaran", "M5")]
    assert LEMBAGA in found[0].message


def test_case_program_with_pagu_but_no_iku_is_a_warning(case: RunResult) -> None:
    found = [item for item in case.report.issues if item.code == "program-without-iku"]
    assert [item.value for item in found] == ["1.06.04"]
    assert "1.06.04" in found[0].message


def test_case_pk_budget_differing_from_pagu_murni_is_reconciled(case: RunResult) -> None:
    # 1.06.02: Anggaran PK 600.000, pagu murni 500.000. 1.06.01: Anggaran PK 1.000.000
    # equals its pagu murni (its pagu perubahan is 900.000): no difference, listed as matched.
    found = [item for item in case.report.issues if item.code == "pk-budget-mismatch"]
    assert [(item.file, item.sheet, item.cell, item.value) for item in found] == [
        ("pk.xlsx", "Program", "H3", "600.000")]
    assert "1.06.02" in found[0].message
    rows = [row for row in case.report.reconciliation if row.jenis.startswith("Anggaran PK")]
    assert [(row.kode, row.dinyatakan, row.dihitung, row.sumber, row.matched)
            for row in rows] == [
        ("1.06.01", 100_000_000, 100_000_000, "pk.xlsx › Program!H2", True),
        ("1.06.02", 60_000_000, 50_000_000, "pk.xlsx › Program!H3", False)]  # sen
    _, below = rows_below(sheet_rows(case.report_path, "Rekonsiliasi"), "Jenis")
    written = [row for row in below if str(row[0]).startswith("Anggaran PK")]
    assert written == [  # the mismatch first
        [rows[0].jenis, "1.06.02", PEMBERDAYAAN, 600_000, 500_000, 100_000,
         "pk.xlsx › Program!H3", "Selisih"],
        [rows[0].jenis, "1.06.01", PENUNJANG, 1_000_000, 1_000_000, 0,
         "pk.xlsx › Program!H2", "Cocok"]]
    _, below = rows_below(sheet_rows(case.report_path, "Validasi"), "Tingkat")
    assert [row[3:7] for row in below if row[1] == "pk-budget-mismatch"] == [
        ["pk.xlsx", "Program", "H3", "600.000"]]


def test_unknown_program_is_an_error_naming_the_kode_program_cell(
        tmp_path: Path) -> None:
    sasaran = [list(row) for row in SASARAN]
    sasaran[0][12] = "1.06.01, 1.06.09"  # Sasaran!M2; 1.06.09 is not in the DPA
    result = run_case(tmp_path, sasaran)
    found = [item for item in result.report.issues if item.code == "program-unknown"]
    assert [(item.severity.value, item.file, item.sheet, item.cell, item.value)
            for item in found] == [("Kesalahan", "pk.xlsx", "Sasaran", "M2", "1.06.09")]
    assert "1.06.09" in found[0].message
    assert result.report.errors == 1
    _, below = rows_below(sheet_rows(result.report_path, "Validasi"), "Tingkat")
    assert [row[:2] + row[4:6] for row in below if row[1] == "program-unknown"] == [
        ["Kesalahan", "program-unknown", "Sasaran", "M2"]]
    # The title, the period, then the banner (tests/test_cover_page.py).
    assert sheet_rows(result.report_path, "Ringkasan")[2][0].startswith("DRAFT — 1 kesalahan")
    # The known program stays linked: III.A.6 shows 1.06.01's pagu alone.
    assert _rows(result, "III.A.6", 8)[0][5:7] == (900_000, 450_000)


def test_kriteria_sheet_changes_the_predikat(tmp_path: Path) -> None:
    kriteria = [  # lowest first, on purpose
        [0, 79.99, "Kurang"],
        [80, 100.99, "Baik"],
        [101, None, "Melampaui Target"],
    ]
    result = run_case(tmp_path, kriteria=kriteria)
    assert result.report.errors == 0
    assert _ringkasan_capaian(result.report_path) == [
        (MISKIN, 120, "Melampaui Target"),
        (KASUS, 0, "Kurang"),
        (PENGADUAN, 100, "Baik"),
        (LEMBAGA, 125, "Melampaui Target"),
        (PANTI, 100, "Baik"),
    ]
    assert _ringkasan_counts(result.report_path) == [
        ("Melampaui Target", 2), ("Baik", 2), ("Kurang", 1)]
    assert any("2 sasaran melampaui target, 2 baik, 1 kurang" in text
               for text in _ringkasan_text(result.report_path))
    rows = sheet_rows(result.report_path, "Ringkasan")
    header, _ = rows_below(rows, "No")
    cell = f"{get_column_letter(_column(header, 'Predikat') + 1)}{rows.index(header) + 2}"
    formula = openpyxl.load_workbook(result.report_path)["Ringkasan"][cell].value
    assert formula.startswith("=") and "Melampaui Target" in formula


def test_program_code_listed_twice_counts_once(tmp_path: Path) -> None:
    sasaran = [list(row) for row in SASARAN]
    sasaran[2][12] = "1.06.01, 1.06.01"  # PENGADUAN, Sasaran!M4
    result = run_case(tmp_path, sasaran)
    # What the report shows: 1.06.01 once (900.000 / 450.000), one III.A.7 row for the IKU.
    assert _rows(result, "III.A.6", 8)[2][5:7] == (900_000, 450_000)
    assert len(_rows(result, "III.A.7", 9)) == 6


@pytest.mark.libreoffice
def test_case_recalculated_by_libreoffice_changes_no_value(case: RunResult, tmp_path: Path,
                                                           soffice: str) -> None:
    from libreoffice import compare_recalculated, recalculate

    recalculated = recalculate(case.report_path, tmp_path)
    assert compare_recalculated(case.report_path, recalculated) == []
