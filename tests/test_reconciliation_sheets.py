"""The `Rekonsiliasi` and `Validasi` sheets: every comparison listed, mismatches first, with
their count on top and a status to filter on; every finding with the title of its code, or
the sentence that there is none; the files read below the findings.

The sheets are written from hand-made reports into a scratch workbook and read back with
openpyxl; the bundled example is checked against counts taken from its input workbooks.
Amounts in `Reconciliation` are in sen (rupiah × 100).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from openpyxl.worksheet.worksheet import Worksheet
from workbook_reading import rows_below, sheet_rows

from pipeline.findings import Issue, issue
from pipeline.reconcile import Reconciliation, Unaccounted, count_by_kind, count_line
from pipeline.report.findings_sheets import write_reconciliation, write_validation
from pipeline.report.formats import make_formats
from pipeline.report.model import FileSummary, Report
from pipeline.run import RunResult

SEN = 100
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "dinsos-labuhanbatu-utara-2023"
CREATED = dt.datetime(2024, 2, 1, 9, 30)
ROWS = [  # in the rules' order, as `reconcile` gives them
    Reconciliation("Subtotal DPA", "5", "Pagu Murni, sub kegiatan 1.06.01.2.01.0001",
                   1_000 * SEN, 1_000 * SEN, "dpa.xlsx › Anggaran!D2", matched=True),
    Reconciliation("Subtotal DPA", "5", "Pagu Perubahan, sub kegiatan 1.06.01.2.01.0001",
                   900 * SEN, 800 * SEN, "dpa.xlsx › Anggaran!E2"),
    Reconciliation("Subtotal DPA", "5", "Pagu Murni, sub kegiatan 1.06.01.2.01.0002",
                   500 * SEN, 500 * SEN, "dpa.xlsx › Anggaran!D9", matched=True),
    Reconciliation("Realisasi tanpa DPA", "1.06.01.2.01.0002 / 5.1.02.01.01.0024", "2 baris",
                   None, 50 * SEN, "real.xlsx › Realisasi!D3"),
    Reconciliation("Kelengkapan", "", "Semua baris terhitung. 3 baris realisasi dibaca.",
                   150 * SEN, 150 * SEN, "semua berkas realisasi", matched=True),
]


def written(tmp_path: Path, report: Report, sheet: str) -> Worksheet:
    path = tmp_path / "lembar.xlsx"
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    formats = make_formats(workbook)
    writer = {"Rekonsiliasi": write_reconciliation, "Validasi": write_validation}[sheet]
    writer(workbook.add_worksheet(sheet), report, formats)
    workbook.close()
    return openpyxl.load_workbook(path)[sheet]


def values(sheet: Worksheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def total_width(sheet: Worksheet) -> float:
    """The summed width of the columns A–H (openpyxl groups columns of equal width)."""
    return sum(dimension.width * (min(dimension.max, 8) - dimension.min + 1)
               for dimension in sheet.column_dimensions.values() if dimension.min <= 8)


def header_index(rows: list[list[object]], first: str) -> int:
    return next(index for index, row in enumerate(rows) if row[0] == first)


def report_of(reconciliation: list[Reconciliation] | None = None,
              issues: list[Issue] | None = None, files: list[FileSummary] | None = None
              ) -> Report:
    return Report({"perangkat_daerah": "Dinas Contoh"}, 2023, [], CREATED,
                  reconciliation=reconciliation or [], issues=issues or [], files=files or [])


# --- what a row and a set of rows say ---------------------------------------------------


def test_status_comes_from_the_matched_flag_and_defaults_to_a_mismatch() -> None:
    assert [row.status for row in ROWS] == ["Cocok", "Selisih", "Cocok", "Selisih", "Cocok"]
    assert Reconciliation("Bulan hilang", "3", "Maret 2023", None, 0, "").status == "Selisih"


def test_count_line_counts_every_row_and_the_mismatches() -> None:
    assert count_line(ROWS) == "5 pemeriksaan: 3 cocok, 2 selisih."
    assert count_line([]) == "Tidak ada pemeriksaan."


def test_count_by_kind_keeps_the_rules_order() -> None:
    assert count_by_kind(ROWS) == ("Subtotal DPA: 3 dicocokkan, 1 selisih; "
                                   "Realisasi tanpa DPA: 1; Kelengkapan: cocok.")


@pytest.mark.parametrize(("amount", "rows", "sentence"), [
    (0, 0, "Semua baris terhitung."),
    (5_000 * SEN, 2, "Belum semua terhitung: 2 baris dan Rp 5.000 realisasi yang dibaca tidak "
                     "ada di LRA maupun di baris yang ditolak."),
    (-750 * SEN, 0, "Belum semua cocok: LRA dan baris yang ditolak berisi Rp 750 lebih banyak "
                    "daripada realisasi yang dibaca."),
])
def test_completeness_says_plainly_what_is_missing(amount: int, rows: int,
                                                   sentence: str) -> None:
    assert Unaccounted(amount, rows).sentence() == sentence
    assert Unaccounted(amount, rows).none is (amount == rows == 0)


# --- the Rekonsiliasi sheet --------------------------------------------------------------


def test_rekonsiliasi_lists_mismatches_first_with_a_status_and_a_filter(tmp_path: Path) -> None:
    sheet = written(tmp_path, report_of(reconciliation=ROWS), "Rekonsiliasi")
    rows = values(sheet)
    start = header_index(rows, "Jenis")
    assert rows[start] == ["Jenis", "Kode", "Uraian", "Dinyatakan", "Dihitung", "Selisih",
                           "Sumber", "Status"]
    body = rows[start + 1:]
    assert [(row[0], row[6], row[7]) for row in body] == [
        ("Subtotal DPA", "dpa.xlsx › Anggaran!E2", "Selisih"),
        ("Realisasi tanpa DPA", "real.xlsx › Realisasi!D3", "Selisih"),
        ("Subtotal DPA", "dpa.xlsx › Anggaran!D2", "Cocok"),
        ("Subtotal DPA", "dpa.xlsx › Anggaran!D9", "Cocok"),
        ("Kelengkapan", "semua berkas realisasi", "Cocok")]
    assert [row[3:5] for row in body[:2]] == [[900, 800], [None, 50]]
    assert sheet.auto_filter.ref == f"A{start + 1}:H{start + 1 + len(ROWS)}"
    # the count opens the sheet, right under its title
    assert rows[1][0] == "5 pemeriksaan: 3 cocok, 2 selisih."
    assert "Subtotal DPA: 3 dicocokkan, 1 selisih" in str(rows[2][0])


def test_rekonsiliasi_prints_one_page_wide_at_80_percent_or_more(tmp_path: Path) -> None:
    sheet = written(tmp_path, report_of(reconciliation=ROWS), "Rekonsiliasi")
    # A4 landscape holds about 140 units at 100 %, 175 at 80 %; keep a margin (the stored
    # widths include the cell padding, 0.71 a column)
    assert 100 < total_width(sheet) <= 155


def test_long_uraian_gets_a_taller_row(tmp_path: Path) -> None:
    long = Reconciliation("Kelengkapan", "", "Belum semua terhitung: " + "kata " * 40,
                          1, 2, "semua berkas realisasi")
    sheet = written(tmp_path, report_of(reconciliation=[long]), "Rekonsiliasi")
    start = header_index(values(sheet), "Jenis")
    assert (sheet.row_dimensions[start + 2].height or 0) > 30  # 1-based: the first data row


# --- the Validasi sheet -------------------------------------------------------------------


def test_empty_validasi_says_there_is_nothing(tmp_path: Path) -> None:
    rows = values(written(tmp_path, report_of(), "Validasi"))
    start = header_index(rows, "Tingkat")
    assert rows[start + 1][0] == "Tidak ada kesalahan atau peringatan"
    assert rows[1][0] == "Tidak ada kesalahan atau peringatan."


def test_validasi_shows_the_title_of_each_code(tmp_path: Path) -> None:
    issues = [issue("month-missing", "Tidak ada realisasi bulan Maret 2023."),
              issue("subtotal-mismatch", "Subtotal 5 tertulis Rp 900.", "dpa.xlsx", "Anggaran",
                    "E2", "900"),
              issue("pk-missing", "Tidak ada workbook PK.")]
    rows = values(written(tmp_path, report_of(issues=issues), "Validasi"))
    start = header_index(rows, "Tingkat")
    assert rows[start] == ["Tingkat", "Kode", "Pesan", "Berkas", "Sheet", "Sel", "Nilai",
                           "Keterangan kode"]
    assert [(row[0], row[1], row[7]) for row in rows[start + 1:start + 4]] == [
        ("Kesalahan", "subtotal-mismatch",
         "Subtotal yang dinyatakan tidak sama dengan jumlah rinciannya"),
        ("Peringatan", "month-missing", "Bulan realisasi tidak ada"),
        ("Catatan", "pk-missing", "Tidak ada workbook PK; tabel kinerja LAKIP kosong")]
    assert rows[1][0] == "1 kesalahan, 1 peringatan, 1 catatan."


def test_validasi_lists_every_file_read_below_the_findings(tmp_path: Path) -> None:
    files = [FileSummary("dpa.xlsx", "DPA (Identitas, Anggaran)", 12, 1, 0),
             FileSummary("realisasi/real_01.xlsx", "Realisasi", 40, 0, 2)]
    issues = [issue("subtotal-mismatch", "Subtotal 5 tertulis Rp 900.", "dpa.xlsx")]
    rows = values(written(tmp_path, report_of(issues=issues, files=files), "Validasi"))
    title = next(index for index, row in enumerate(rows) if row[0] == "BERKAS YANG DIBACA")
    assert title > header_index(rows, "Tingkat") + 1  # under the findings
    assert rows[title + 1][:6] == ["No", "Isi", "Berkas", "Baris", "Kesalahan", "Peringatan"]
    assert [row[:6] for row in rows[title + 2:]] == [
        [1, "DPA (Identitas, Anggaran)", "dpa.xlsx", 12, 1, 0],
        [2, "Realisasi", "realisasi/real_01.xlsx", 40, 0, 2]]


def test_validasi_prints_one_page_wide_at_80_percent_or_more(tmp_path: Path) -> None:
    sheet = written(tmp_path, report_of(), "Validasi")
    assert 100 < total_width(sheet) <= 155


# --- the bundled example --------------------------------------------------------------------


def _declared_amounts(path: Path, sheet: str, amounts: list[str]) -> int:
    """How many declared subtotal amounts a sheet holds: on each row whose Kode Rekening is
    shorter than a leaf's six levels, each amount cell that is not blank."""
    rows = list(openpyxl.load_workbook(path, read_only=True)[sheet].iter_rows(values_only=True))
    start = next(index for index, row in enumerate(rows) if "Kode Rekening" in row)
    header = list(rows[start])
    code, columns = header.index("Kode Rekening"), [header.index(name) for name in amounts]
    return sum(1 for row in rows[start + 1:]
               if row[code] and len(str(row[code]).split(".")) < 6
               for column in columns if row[column] is not None)


def _pk_budgets() -> int:
    rows = list(openpyxl.load_workbook(EXAMPLE / "pk_2023.xlsx", read_only=True)["Program"]
                .iter_rows(values_only=True))
    column = list(rows[0]).index("Anggaran PK")
    return sum(1 for row in rows[1:] if row[column] is not None)


def test_example_rekonsiliasi_lists_its_matched_subtotals(example_run: RunResult) -> None:
    dpa = _declared_amounts(EXAMPLE / "dpa_2023.xlsx", "Anggaran",
                            ["Pagu Murni", "Pagu Perubahan"])
    realisasi = sum(_declared_amounts(path, "Realisasi", ["Realisasi"])
                    for path in sorted((EXAMPLE / "realisasi").glob("*.xlsx")))
    assert dpa == 62  # 31 sub kegiatan, each with its declared `5` in both pagu columns
    rows = sheet_rows(example_run.report_path, "Rekonsiliasi")
    header, body = rows_below(rows, "Jenis")
    status = header.index("Status")
    by_kind = {(row[0], row[status]) for row in body}
    assert sum(1 for row in body if row[0] == "Subtotal DPA" and row[status] == "Cocok") == dpa
    assert sum(1 for row in body if row[0] == "Subtotal Realisasi") == realisasi
    assert ("Subtotal DPA", "Selisih") not in by_kind
    # the one mismatch of the example, the PK's budget of Penunjang, comes first
    assert [(row[0], row[1], row[status]) for row in body[:2]] == [
        ("Anggaran PK vs pagu murni DPA", "1.06.01", "Selisih"),
        ("Subtotal DPA", "5", "Cocok")]
    assert [row[status] for row in body].count("Selisih") == 1
    assert body[-1][0] == "Kelengkapan" and str(body[-1][2]).startswith("Semua baris terhitung")
    total = dpa + realisasi + _pk_budgets() + 1  # and the completeness line
    assert rows[1][0] == f"{total} pemeriksaan: {total - 1} cocok, 1 selisih."


def test_example_validasi_lists_the_files_read(example_run: RunResult) -> None:
    expected = sorted(path.relative_to(EXAMPLE).as_posix() for path in EXAMPLE.rglob("*.xlsx")
                      if "build" not in path.parts)
    rows = sheet_rows(example_run.report_path, "Validasi")
    _, body = rows_below(rows, "BERKAS YANG DIBACA")
    files = [row for row in body[1:] if row[0] != ""]
    assert sorted(str(row[2]) for row in files) == expected
    roles = {str(row[2]): row[1] for row in files}
    assert (roles["dpa_2023.xlsx"], roles["pk_2023.xlsx"]) == ("DPA", "PK")
    warnings = {str(row[2]): row[5] for row in files}
    assert warnings["pk_2023.xlsx"] == 1  # the PK budget of Penunjang
    assert all(row[4] == 0 for row in files)  # no errors in the example
    assert [row[1] for row in rows_below(rows, "Tingkat")[1] if row[0] == "Peringatan"] == [
        "pk-budget-mismatch"]
