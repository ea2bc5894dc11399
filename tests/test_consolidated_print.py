"""The pemda's consolidated workbook prints as an OPD's report does: Arial as the default
font, A4 landscape one page wide, every sheet named in its footer, and, printed to PDF by
LibreOffice and read back (print_check), no text spilled, cut or under 8 pt.

The three OPDs are small but built to be awkward on paper: the longest OPD names of a
kabupaten, long folder names, an amount in the hundreds of billions with sen, realisasi
up to April only, and findings with long messages.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from builders import ATK, CETAK, IDENTITAS, SUB, SUB2, write_dpa, write_realisasi
from print_check import MINIMUM_SIZE, by_sheet, check_workbook, summary
from workbook_reading import sheet_rows

from pipeline.consolidate import Consolidated, JenisRow, OpdSummary
from pipeline.isolation import LocalPool
from pipeline.lra import LraRow
from pipeline.pemda import PemdaResult, run_pemda
from pipeline.pemda_folders import pemda_layout
from pipeline.report import fit
from pipeline.report.consolidated import (
    SHEETS,
    VALIDATION_COLUMN_WIDTHS,
    jenis_pages,
    jenis_widths,
    lra_widths,
    paper_for,
    per_opd_widths,
    summary_widths,
)
from pipeline.report.lra_sheet import COLUMN_WIDTHS as LRA_WIDTHS
from pipeline.run import RunConfig

PEMDA = "Kabupaten Labuhanbatu Utara"
OPDS = {  # folder → the names as a kabupaten's nomenclature writes them
    "dinas-pemberdayaan-perempuan-dan-perlindungan-anak":
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan "
        "Keluarga Berencana",
    "dinas-pendidikan": "Dinas Pendidikan",
    "sekretariat-dprd": "Sekretariat Dewan Perwakilan Rakyat Daerah",
}
BIG = "987.654.321.098,76"  # rupiah, with sen: the widest money column
PENDAPATAN = "4.1.02.01.01.0001"


def write_opd(folder: Path, name: str, budget: list[list[object]],
              spent: list[list[object]]) -> None:
    write_dpa(folder / "dpa.xlsx", budget, identitas={
        **IDENTITAS, "Perangkat Daerah": name, "Pemerintah Daerah": PEMDA})
    write_realisasi(folder / "realisasi" / "realisasi.xlsx", spent)


def awkward_pemda(root: Path) -> Path:
    first, second, third = OPDS
    write_opd(root / first, OPDS[first], [[SUB, ATK, "ATK", BIG, None],
                                          [SUB2, CETAK, "Cetak", 500_000, None]],
              [[2023, 1, SUB, ATK, "ATK", "123.456.789.012,34"],
               [2023, 4, SUB2, CETAK, "Cetak", 250_000],
               [2023, 2, SUB, "5.1.02.99.99.9999", "Tidak ada", 10]])  # an error: no DPA line
    write_opd(root / second, OPDS[second], [[SUB, ATK, "ATK", 2_000_000, None],
                                            [None, PENDAPATAN, "Retribusi", 3_000_000, None]],
              [[2023, 1, SUB, ATK, "ATK", 1_500_000],
               [2023, 3, None, PENDAPATAN, "Retribusi", 2_500_000]])
    write_opd(root / third, OPDS[third], [[SUB, CETAK, "Cetak", 700_000, 650_000]],
              [[2023, 2, SUB, CETAK, "Cetak", 649_999]])
    return root


@pytest.fixture(scope="module")
def consolidation(tmp_path_factory: pytest.TempPathFactory) -> PemdaResult:
    base = tmp_path_factory.mktemp("konsolidasi")
    source = awkward_pemda(base / "masukan")
    layout = pemda_layout(source, base / "keluaran")
    assert layout is not None
    with LocalPool() as pool:
        return run_pemda(RunConfig(source, base / "keluaran", document=False), layout, pool)


# --- without LibreOffice: what the file asks the printer for ---------------------------------


def test_the_fixture_is_as_awkward_as_intended(consolidation: PemdaResult) -> None:
    result = consolidation.consolidated
    assert [opd.last_month for opd in result.opds] == [4, 1, 2]
    assert result.errors >= 1 and result.drafts == [next(iter(OPDS))]
    accounts = {row.code: row for row in result.lra if row.kind == "account"}
    assert accounts[ATK].anggaran == 98_765_432_109_876 + 200_000_000


def test_every_sheet_is_set_up_as_the_opd_report(consolidation: PemdaResult) -> None:
    book = openpyxl.load_workbook(consolidation.path)
    assert book.sheetnames == list(SHEETS)
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, int(setup.paperSize)) == ("landscape", fit.A4.code), sheet
        assert sheet.oddFooter.left.text == "&A" and "Halaman" in sheet.oddFooter.right.text
        assert sheet.page_margins.left == fit.MARGINS["left"]
        fitted = sheet.sheet_properties.pageSetUpPr
        assert fitted is not None and fitted.fitToPage, sheet.title
        assert setup.fitToWidth in (None, 1) and setup.fitToHeight == 0, sheet.title  # 1 wide
    with zipfile.ZipFile(consolidation.path) as archive:
        styles = archive.read("xl/styles.xml").decode()
    default_font = styles.split("<font>", 1)[1].split("</font>", 1)[0]
    assert '<name val="Arial"/>' in default_font and "Calibri" not in styles


def test_columns_print_legibly_on_a4(consolidation: PemdaResult) -> None:
    result = consolidation.consolidated
    for widths in (per_opd_widths(result.opds, True), summary_widths(result, True),
                   jenis_widths(result, True), lra_widths(result, True),
                   VALIDATION_COLUMN_WIDTHS):
        assert fit.legible(fit.print_scale(fit.page_points(widths), fit.A4)), widths


def test_a_provinces_lra_amounts_fit_their_columns() -> None:
    # A deficit of Rp 12 trillion with sen does not fit an OPD's 17 units.
    deficit = -1_234_567_890_123_456
    surplus = LraRow("surplus", "", "SURPLUS/(DEFISIT)", 0, deficit, deficit, deficit)
    widths = lra_widths(Consolidated(PEMDA, 2023, [], [surplus], [], [], []), True)
    shown = "(12.345.678.901.234,56)"
    # (within half a pixel: fit.width_for rounds to quarter units, Excel to whole pixels)
    assert all(fit.text_points(shown, bold=True) + fit.TEXT_MARGIN
               <= fit.column_points(widths[column]) + fit.PIXEL / 2 for column in (2, 3, 5))
    assert widths[2] > LRA_WIDTHS[2] and widths[1] == LRA_WIDTHS[1]
    assert fit.legible(fit.print_scale(fit.page_points(widths), fit.A4))


def test_a_table_too_wide_for_a4_takes_f4() -> None:
    widths = [*VALIDATION_COLUMN_WIDTHS, 20]  # 182 units: about 7.5 pt on A4
    assert not fit.legible(fit.print_scale(fit.page_points(widths), fit.A4))
    assert paper_for(widths) == fit.F4
    assert paper_for(VALIDATION_COLUMN_WIDTHS) == fit.A4


def test_forty_opds_print_the_jenis_sheet_over_pages_across() -> None:
    opds = [OpdSummary(f"opd-{number:02d}", f"Dinas Nomor {number}", PEMDA, 2023, "", 0, 0, 0,
                       [], []) for number in range(40)]
    jenis = [JenisRow("5.1", "Belanja Operasi", 2,
                      {opd.key: 123_456_789_012_34 for opd in opds})]
    widths = jenis_widths(Consolidated(PEMDA, 2023, opds, [], jenis, [], []), True)
    assert not fit.legible(fit.print_scale(fit.page_points(widths), fit.A3))
    breaks = jenis_pages(widths)
    pages = [widths[start:end] for start, end in zip([2, *breaks], [*breaks, len(widths)],
                                                     strict=True)]
    assert sum(len(page) for page in pages) == 41  # every OPD and Jumlah, once
    for page in pages:  # at 100 %, beside the repeated Kode and Uraian
        assert fit.page_points([*widths[:2], *page]) <= fit.printable_width(fit.A4)
    assert len(pages) == len(breaks) + 1 >= 8


def test_three_opds_fit_the_jenis_sheet_on_one_page(consolidation: PemdaResult) -> None:
    result = consolidation.consolidated
    assert jenis_pages(jenis_widths(result, True)) == []


def test_the_lra_says_up_to_when_realisasi_runs(consolidation: PemdaResult) -> None:
    header = next(row for row in sheet_rows(consolidation.path, "LRA")
                  if row[0] == "Kode Rekening")
    assert header[3] == "Realisasi s.d. April 2023"


def test_validasi_has_the_opd_reports_columns(consolidation: PemdaResult) -> None:
    rows = sheet_rows(consolidation.path, "Validasi")
    header = next(row for row in rows if row[0] == "Perangkat Daerah")
    assert header == ["Perangkat Daerah", "Tingkat", "Kode", "Pesan", "Berkas", "Sheet", "Sel",
                      "Nilai", "Keterangan kode"]
    orphan = next(row for row in rows if row[2] == "realisasi-orphan")
    assert orphan[0] == next(iter(OPDS)) and orphan[1] == "Kesalahan" and orphan[8]
    assert orphan[4] == "realisasi/realisasi.xlsx"
    assert any("kesalahan" in str(row[0]) for row in rows[1:3])  # the count on top
    assert [row[0] for row in rows if row[0] == "BERKAS YANG DIBACA"] == ["BERKAS YANG DIBACA"]


# --- printed by LibreOffice -----------------------------------------------------------------


@pytest.mark.libreoffice
def test_the_consolidation_prints_legibly(consolidation: PemdaResult, tmp_path: Path,
                                          soffice: str) -> None:
    pages = check_workbook(consolidation.path, tmp_path)
    problems = {sheet: [page.describe() for page in group if not page.clean]
                for sheet, group in by_sheet(pages).items()}
    assert {sheet: found for sheet, found in problems.items() if found} == {}, summary(pages)
    assert min(page.smallest for page in pages) >= MINIMUM_SIZE
    sheets = by_sheet(pages)
    assert list(sheets) == list(SHEETS)  # every sheet printed, each named in its footer
    per_opd = "".join(page.text for page in sheets["Per Perangkat Daerah"])
    assert "987.654.821.098,76" in per_opd  # the widest amount whole, in Indonesian notation
    ringkasan = sheets["Ringkasan"]
    assert len(ringkasan) == 2  # the chart on a page of its own
    assert "Realisasibelanjaperperangkatdaerah(%)" in ringkasan[1].text
    assert "Tahun Anggaran 2023, realisasi s.d. April 2023".replace(" ", "") in ringkasan[0].text
