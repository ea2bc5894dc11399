"""The rules every download follows: recognition by content, the one note for a file no
layout fits, .xls and CSV (`,` or `;`), codes normalised, the per-file notation of amounts,
and downloads of another year or OPD set aside with one note each.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pandas as pd
import pytest
import xlsxwriter
from builders import ATK, SUB, one_line_folder, write_dpa, write_realisasi
from export_builders import AKLAP_ROWS, AKLAP_TITLES, write_aklap_lra

from pipeline import codes
from pipeline.exports import aside
from pipeline.exports.base import BUDGET_STAGE, LAYOUT, SKPD, SKPD_CODE, SNAPSHOT, YEAR
from pipeline.exports.notation import decide_cells
from pipeline.findings import Severity
from pipeline.parse import parse_file
from pipeline.run import RunConfig, RunResult, run
from pipeline.tables import ParsedFile, SheetTable

SEN = 100
LEAF = "5.1.02.01.01.0024"


def _run(folder: Path, tmp_path: Path) -> RunResult:
    return run(RunConfig(folder, tmp_path / "out", document=False))


def _csv(rows: list[tuple[object, ...]], delimiter: str) -> str:
    header = delimiter.join(["Kode Rekening", "Uraian", "Anggaran", "Realisasi",
                             "Realisasi Tahun Lalu", "Catatan"])
    lines = [*AKLAP_TITLES, header]
    for code, uraian, anggaran, realisasi, lalu in rows:
        cells = [str(code), str(uraian), str(anggaran), str(realisasi), str(lalu), ""]
        lines.append(delimiter.join(f'"{cell}"' if delimiter in cell else cell
                                    for cell in cells))
    return "\n".join(lines) + "\n"


# --- recognition ------------------------------------------------------------------------


@pytest.mark.parametrize(("delimiter", "english"), [(";", False), (",", False), (";", True)])
def test_a_csv_download_is_recognised_with_either_delimiter(
        tmp_path: Path, delimiter: str, english: bool) -> None:
    def written(value: object) -> object:
        if not english or not isinstance(value, str) or not value.replace(".", "").isdigit():
            return value
        return value.replace(".", ",") + ".00"  # 1.000.000 → 1,000,000.00

    rows = [tuple(written(cell) if position >= 2 else cell
                  for position, cell in enumerate(row)) for row in AKLAP_ROWS]
    path = tmp_path / "lra.csv"
    path.write_text(_csv(rows, delimiter), encoding="utf-8")
    parsed = parse_file(path, path.name)
    assert parsed.meta[LAYOUT] == "sipd-aklap-lra"
    [table] = parsed.tables
    assert (table.kind, table.sheet) == ("lra", "CSV")
    leaf = table.frame.set_index("kode_rekening").loc[LEAF]
    assert (leaf["anggaran"], leaf["realisasi"], leaf["realisasi_lalu"]) == (
        1_000_000 * SEN, 800_000 * SEN, 700_000 * SEN)
    assert [found.code for found in parsed.issues] == []


def test_a_workbook_like_nothing_known_is_one_note(tmp_path: Path) -> None:
    path = write_realisasi(tmp_path / "agenda.xlsx", [["rapat", "Senin"]],
                           header=["Agenda", "Hari"], sheet="Catatan")
    parsed = parse_file(path, "agenda.xlsx")
    [note] = parsed.issues
    assert (note.code, note.severity, note.file) == ("file-unrecognised", Severity.NOTE,
                                                     "agenda.xlsx")
    assert "Catatan" in note.message and "Tidak ada judul kolom yang dikenal" in note.message
    assert parsed.tables == ()


def test_a_template_sheet_under_another_name_is_named_as_resembling_it(tmp_path: Path) -> None:
    path = write_realisasi(tmp_path / "real.xlsx", [[2023, 1, SUB, ATK, "ATK", 100]],
                           sheet="Sheet1")
    [note] = parse_file(path, "real.xlsx").issues
    assert note.code == "file-unrecognised"
    assert ("Sheet Sheet1 memuat semua judul kolom wajib sheet Realisasi templat"
            in note.message)
    assert "yang tidak ditemukan" not in note.message  # nothing is missing but the name


def test_the_renamed_template_sheet_is_named_in_the_warning(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None]])
    write_realisasi(folder / "real.xlsx", [[2023, 1, SUB, ATK, "ATK", 100]], sheet="Sheet1")
    result = run(RunConfig(folder, tmp_path / "out", document=False))
    [warning] = [found for found in result.report.issues if found.file == "real.xlsx"]
    assert warning.code == "template-sheet-renamed"
    assert "Ganti nama sheet Sheet1 menjadi Realisasi" in warning.message


def test_an_xls_download_is_read(tmp_path: Path, soffice: str) -> None:
    source = tmp_path / "LRA_AKLAP.xlsx"
    write_aklap_lra(source)
    profile = tmp_path / "profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--norestore", "--convert-to", "xls", "--outdir", str(tmp_path / "xls"),
                    str(source)], check=True, capture_output=True, timeout=180)
    path = tmp_path / "xls" / "LRA_AKLAP.xls"
    parsed = parse_file(path, path.name)
    assert parsed.meta[LAYOUT] == "sipd-aklap-lra"
    [table] = parsed.tables
    assert table.frame.set_index("kode_rekening").loc[LEAF, "realisasi"] == 800_000 * SEN


def test_an_xls_in_the_folder_is_read_not_skipped(tmp_path: Path, soffice: str) -> None:
    folder = one_line_folder(tmp_path / "in")
    source = tmp_path / "LRA_AKLAP.xlsx"
    write_aklap_lra(source)
    profile = tmp_path / "profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--norestore", "--convert-to", "xls", "--outdir", str(folder),
                    str(source)], check=True, capture_output=True, timeout=180)
    result = _run(folder, tmp_path)
    assert [found.code for found in result.report.issues
            if found.file == "LRA_AKLAP.xls"] == ["prior-year-from-lra"]


# --- codes ------------------------------------------------------------------------------


@pytest.mark.parametrize(("written", "code"), [
    ("1 . 06 . 01", None), ("5 . 1 . 02", "5.1.02"), ("5.1.02.01.", "5.1.02.01"),
    ("'5.1.02.01.01.0024", LEAF), ("5.1.02.01.01.0024 .", LEAF), (5.0, "5"),
])
def test_download_accounts_are_normalised(written: object, code: str | None) -> None:
    cell = codes.read_download_account(written)
    assert cell.code == code
    assert cell.problem == (None if code else "code-not-normalised")


def test_download_program_codes_are_normalised() -> None:
    assert codes.read_download_program("1 . 06 . 01 . 2 . 01 . 0001").code == SUB
    assert codes.read_download_program("1.20 . 1.20.03 . 00 . 00 . 4").problem == (
        "code-not-normalised")


@pytest.mark.parametrize(("cells", "code", "problem"), [
    (["5", "1", "02", "01", "01", "0024"], LEAF, None),
    ([5.0, 1.0, 2.0, 1.0, 1.0, 24.0], LEAF, None),  # Excel turned the segments into numbers
    (["5", "1", "02", "", "", ""], "5.1.02", None),  # a parent row
    (["", "", "", "", "", ""], None, None),
    (["5", "", "02", "01", "", ""], None, "code-not-normalised"),  # a gap
    (["5", "1", "102", "01", "01", "0024"], None, "code-not-normalised"),  # too wide
    (["5", "1", "0x", "", "", ""], None, "code-not-normalised"),
    (["5.1.02.01.01.0024", "", "", "", "", ""], LEAF, None),  # the whole code in one cell
    (["5 . 1 . 02.", None, "", "", "", ""], "5.1.02", None),
])
def test_a_code_split_over_cells_is_joined(cells: list[object], code: str | None,
                                            problem: str | None) -> None:
    assert tuple(codes.join_segments(cells)) == (code, problem)


def test_a_code_that_cannot_be_normalised_keeps_its_raw_text_in_the_finding(
        tmp_path: Path) -> None:
    simda = "1.20 . 1.20.03 . 00 . 00 . 4"
    rows = [*AKLAP_ROWS[:-1], (simda, "Kode gaya SIMDA lama", "1.000", "1.000", "0")]
    excel = write_aklap_lra(tmp_path / "lra.xlsx", rows)
    parsed = parse_file(tmp_path / "lra.xlsx", "lra.xlsx")
    found = [(f.code, f.cell, f.value, f.severity) for f in parsed.issues
             if f.code == "code-not-normalised"]
    assert found == [("code-not-normalised", f"B{excel[simda]}", simda, Severity.ERROR)]


# --- notation ---------------------------------------------------------------------------


def test_notation_is_decided_once_per_file() -> None:
    assert decide_cells([("1.234.567", "C5"), ("1234", "C6")], "f", "s").english is False
    english = decide_cells([("1,234,567.89", "C5"), ("12", "C6"), (3.5, "C7")], "f", "s")
    assert english.english and english.issues == ()
    assert english.parse("1,234.50").sen == 123_450
    mixed = decide_cells([("1.234.567", "C5"), ("2,500.00", "D9")], "f.xlsx", "Sheet1")
    assert mixed.english is False
    [error] = mixed.issues
    assert (error.code, error.severity, error.cell) == ("money-notation-mixed", Severity.ERROR,
                                                        "D9")
    assert "C5" in error.message and "'1.234.567'" in error.message
    assert "D9" in error.message and "'2,500.00'" in error.message


def test_a_file_mixing_notations_is_an_error_naming_a_cell_of_each(tmp_path: Path) -> None:
    rows = [(code, uraian, anggaran, "800,000.00" if code == "5.1.02" else realisasi, lalu)
            for code, uraian, anggaran, realisasi, lalu in AKLAP_ROWS]
    excel = write_aklap_lra(tmp_path / "lra.xlsx", rows)
    parsed = parse_file(tmp_path / "lra.xlsx", "lra.xlsx")
    [mixed] = [found for found in parsed.issues if found.code == "money-notation-mixed"]
    assert mixed.cell == f"E{excel['5.1.02']}"
    assert f"D{excel['5']}" in mixed.message  # the first Indonesian amount
    invalid = [found.cell for found in parsed.issues if found.code == "money-invalid"]
    assert invalid == [f"E{excel['5.1.02']}"]  # read as Indonesian: the other cell refused


def test_a_file_all_in_english_notation_is_read_exactly(tmp_path: Path) -> None:
    def english(value: object) -> object:
        return value.replace(".", ",") + ".50" if isinstance(value, str) and value[:1].isdigit() \
            else value

    rows = [(code, uraian, *map(english, amounts)) for code, uraian, *amounts in AKLAP_ROWS]
    write_aklap_lra(tmp_path / "lra.xlsx", rows)
    parsed = parse_file(tmp_path / "lra.xlsx", "lra.xlsx")
    assert [found.code for found in parsed.issues] == []
    frame = parsed.tables[0].frame.set_index("kode_rekening")
    assert frame.loc["5", "anggaran"] == 1_000_000 * SEN + 50
    assert frame.loc[LEAF, "anggaran"] == 1_000_000 * SEN  # a number cell has no notation


# --- files set aside --------------------------------------------------------------------


def test_downloads_of_another_year_or_opd_get_one_note_each(tmp_path: Path) -> None:
    folder = one_line_folder(tmp_path / "in")
    last_year = [*AKLAP_TITLES[:3], "Untuk Tahun Yang Berakhir Sampai Dengan 31 Desember 2022"]
    write_aklap_lra(folder / "lama" / "LRA_2022.xlsx", titles=last_year)
    broken = [(code, uraian, "15.000.00", realisasi, lalu)
              for code, uraian, _, realisasi, lalu in AKLAP_ROWS]
    write_aklap_lra(folder / "lama" / "LRA_2022_rusak.xlsx", broken, titles=last_year)
    other = [AKLAP_TITLES[0], AKLAP_TITLES[1], "DINAS KESEHATAN", AKLAP_TITLES[3]]
    write_aklap_lra(folder / "unit_lain" / "LRA_dinkes.xlsx", titles=other)
    result = _run(folder, tmp_path)
    by_file: dict[str, list[tuple[str, Severity]]] = {}
    for found in result.report.issues:
        by_file.setdefault(found.file, []).append((found.code, found.severity))
    for name in ("lama/LRA_2022.xlsx", "lama/LRA_2022_rusak.xlsx", "unit_lain/LRA_dinkes.xlsx"):
        assert by_file[name] == [("file-set-aside", Severity.NOTE)], name
    notes = {found.file: found.message for found in result.report.issues
             if found.code == "file-set-aside"}
    assert "tahun lain" in notes["lama/LRA_2022.xlsx"] and "2022" in notes["lama/LRA_2022.xlsx"]
    assert "perangkat daerah lain" in notes["unit_lain/LRA_dinkes.xlsx"]
    assert "DINAS KESEHATAN" in notes["unit_lain/LRA_dinkes.xlsx"]
    assert result.report.errors == 0
    # Set aside means not read: no LRA of theirs is reconciled, no prior year taken.
    assert result.report.flatten(["code"], codes=["lra-mismatch", "prior-year-from-lra"]) == []


def _budget(year: str, skpd: str, code: str = "", path: str = "") -> ParsedFile:
    table = SheetTable(BUDGET_STAGE, "rekap.xlsx", "Sheet1", {}, pd.DataFrame({"row": []}))
    meta = {LAYOUT: "sipd-rekap", YEAR: year, SKPD: skpd} | ({SKPD_CODE: code} if code else {})
    return ParsedFile(path or f"rekap_{year}_{skpd}.xlsx", "", (table,), meta=meta)


def _snapshot(year: str, skpd: str, path: str = "") -> ParsedFile:
    table = SheetTable(SNAPSHOT, "real.xlsx", "Sheet1", {}, pd.DataFrame({"row": []}))
    return ParsedFile(path or f"realisasi_{year}_{skpd}.xlsx", "", (table,),
                      meta={LAYOUT: "sipd-realisasi-kumulatif", YEAR: year, SKPD: skpd})


def test_without_a_template_the_target_is_the_budget_downloads_latest_year() -> None:
    parsed = [_budget("2022", "Dinas Sosial"), _budget("2023", "Dinas Sosial"),
              _budget("2023", "Dinas Sosial"), _budget("2023", "Dinas Kesehatan")]
    target = aside.target_of(parsed)
    assert (target.year, target.opd) == ("2023", aside.Opd("Dinas Sosial"))
    kept, notes = aside.set_aside(parsed)
    assert [item.path for item in kept] == ["rekap_2023_Dinas Sosial.xlsx"] * 2
    assert [(note.code, note.file) for note in notes] == [
        ("file-set-aside", "rekap_2022_Dinas Sosial.xlsx"),
        ("file-set-aside", "rekap_2023_Dinas Kesehatan.xlsx")]


def test_next_years_budget_beside_this_years_set_does_not_set_the_set_aside() -> None:
    """A Penetapan Rekap of 2024, adopted in December 2023, beside the 2023 Rekap and the
    2023 snapshots: the report is 2023's, the year with budget and realisasi both."""
    parsed = [_budget("2023", "Dinas Sosial"), _snapshot("2023", "Dinas Sosial"),
              _budget("2024", "Dinas Sosial", path="Rekap_Penetapan APBD 2024.xlsx")]
    assert aside.target_of(parsed).year == "2023"
    kept, notes = aside.set_aside(parsed)
    assert [item.path for item in kept] == [parsed[0].path, parsed[1].path]
    [note] = notes
    assert (note.code, note.file) == ("file-set-aside", "Rekap_Penetapan APBD 2024.xlsx")
    assert "2024" in note.message and "anggaran dan realisasi" in note.message


def test_a_tie_between_two_opd_is_broken_the_same_way_in_any_order_and_said() -> None:
    kesehatan, sosial = _budget("2023", "Dinas Kesehatan"), _budget("2023", "Dinas Sosial")
    spj = _snapshot("2023", "Dinas Sosial")
    for parsed in ([kesehatan, sosial, spj], [spj, sosial, kesehatan]):
        target = aside.target_of(parsed)
        assert target.opd == aside.Opd("Dinas Sosial")
        assert "sama banyak dengan Dinas Kesehatan" in target.basis
    _, notes = aside.set_aside([kesehatan, sosial, spj])
    assert [note.file for note in notes] == [kesehatan.path]
    assert "sama banyak dengan Dinas Kesehatan" in notes[0].message
    # Without another download to tell them apart: the alphabet, said so.
    assert "menurut abjad" in aside.target_of([sosial, kesehatan]).basis
    assert aside.target_of([sosial, kesehatan]).opd == aside.Opd("Dinas Kesehatan")


def test_the_template_dpa_decides_the_target_over_the_downloads() -> None:
    dpa = ParsedFile("dpa.xlsx", "", (SheetTable("anggaran", "dpa.xlsx", "Anggaran", {},
                                                 pd.DataFrame({"row": []})),),
                     {"tahun_anggaran": "2022", "perangkat_daerah": "Dinas Sosial"})
    target = aside.target_of([_budget("2023", "X"), dpa])
    assert (target.year, target.opd) == ("2022", aside.Opd("Dinas Sosial"))


@pytest.mark.parametrize(("one", "other", "same"), [
    ("Dinas Sosial", "DINAS SOSIAL", True),
    ("Dinas Sosial", "Dinas Sosial Kab. Labuhanbatu Utara", True),
    ("Dinas Sosial", "DINAS SOSIAL KABUPATEN LABUHANBATU UTARA", True),
    ("1.06.01 - Dinas Sosial", "Dinas Sosial", True),
    ("1.06.0.00.0.00.01.0000 Dinas Sosial", "Dinas Sosial", True),
    ("Dinas Sosial", "Dinas Kesehatan", False),
    ("Dinas Sosial", "Dinas Sosial, Pemberdayaan Perempuan dan Perlindungan Anak", False),
    ("Dinas Tata Kota", "Dinas Tata Kota dan Pertamanan", False),
    ("1.06.0.00.0.00.01.0000", "Dinas Kesehatan", True),  # a code says nothing of a name
    ("", "Dinas Kesehatan", True),
])
def test_same_opd(one: str, other: str, same: bool) -> None:
    assert aside.same_opd(aside.Opd(one), aside.Opd(other)) is same
    assert aside.same_opd(aside.Opd(other), aside.Opd(one)) is same


def test_same_opd_by_code_where_both_have_one() -> None:
    sosial = aside.Opd("Dinas Sosial", "1.06.0.00.0.00.01.0000")
    assert aside.same_opd(sosial, aside.Opd("DINSOS", "1.06.0.00.0.00.01.0000"))
    assert not aside.same_opd(sosial, aside.Opd("Dinas Sosial", "1.02.0.00.0.00.01.0000"))
    assert aside.same_opd(sosial, aside.Opd("1.06.01 - Dinas Sosial"))  # SIMDA's code: names
    kept, notes = aside.set_aside([_budget("2023", "Dinas Sosial", "1.06.0.00.0.00.01.0000"),
                                   _budget("2023", "Dinas Sosial", "1.06.0.00.0.00.01.0000"),
                                   _budget("2023", "DINSOS", "1.02.0.00.0.00.01.0000", "x.xlsx")])
    assert [(note.code, note.file) for note in notes] == [("file-set-aside", "x.xlsx")]


# --- files no layout fits ---------------------------------------------------------------


def _reported(folder: Path, tmp_path: Path) -> list[tuple[str, Severity, str]]:
    return [(found.file, found.severity, found.code) for found in _run(folder, tmp_path)
            .report.issues]


def test_a_template_realisasi_under_another_sheet_name_is_a_warning_naming_the_sheet(
        tmp_path: Path) -> None:
    folder = one_line_folder(tmp_path / "in")
    write_realisasi(folder / "realisasi_april.xlsx", [[2023, 4, SUB, ATK, "ATK", 100_000]],
                    sheet="Sheet1")
    result = _run(folder, tmp_path)
    mine = [found for found in result.report.issues if found.file == "realisasi_april.xlsx"]
    assert [(found.code, found.severity) for found in mine] == [
        ("template-sheet-renamed", Severity.WARNING)]
    assert "menjadi Realisasi" in mine[0].message
    assert "ditemukan: ." not in mine[0].message


def _spj_without_up(path: Path, year: int) -> Path:
    """An SPJ Fungsional of April whose `SPJ - UP/GU/TU` columns were deleted, and whose
    title names no SKPD."""
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    sheet = workbook.add_worksheet("Sheet1")
    sheet.write_string(0, 0, "LAPORAN PERTANGGUNGJAWABAN BENDAHARA PENGELUARAN (SPJ FUNGSIONAL)")
    sheet.write_string(1, 0, f"Bulan : April    Tahun Anggaran {year}")
    sheet.write_row(3, 0, ["Kode Rekening", "Uraian", "Jumlah Anggaran", "SPJ LS Gaji Bulan Ini",
                           "SPJ LS Barang dan Jasa Bulan Ini"])
    sheet.write_row(4, 0, [ATK, "Alat Tulis Kantor", 1_000_000, 0, 250_000])
    workbook.close()
    return path


def test_a_broken_download_of_this_year_without_an_opd_is_an_error(tmp_path: Path) -> None:
    """Nothing contradicts it being this report's (its year is the report's, it names no
    SKPD): a broken input, an error naming what is missing."""
    folder = one_line_folder(tmp_path / "in")
    _spj_without_up(folder / "spj_april.xlsx", 2023)
    mine = [found for found in _run(folder, tmp_path).report.issues
            if found.file == "spj_april.xlsx"]
    assert [(found.code, found.severity) for found in mine] == [
        ("layout-incomplete", Severity.ERROR)]
    assert "SPJ - UP/GU/TU Bulan Ini" in mine[0].message and "2023" in mine[0].message


def test_a_broken_download_of_another_year_keeps_its_note(tmp_path: Path) -> None:
    folder = one_line_folder(tmp_path / "in")
    _spj_without_up(folder / "spj_lama.xlsx", 2021)
    assert [(severity, code) for file, severity, code in _reported(folder, tmp_path)
            if file == "spj_lama.xlsx"] == [(Severity.NOTE, "file-unrecognised")]


def test_a_workbook_with_only_an_identitas_sheet_gives_identity_and_no_note(
        tmp_path: Path) -> None:
    path = tmp_path / "identitas.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Identitas")
    sheet.write_row(0, 0, ["Kepala Perangkat Daerah", "Kepala Contoh"])
    sheet.write_row(1, 0, ["NIP", "197001012000011001"])
    workbook.close()
    parsed = parse_file(path, "identitas.xlsx")
    assert parsed.issues == () and parsed.identitas["kepala"] == "Kepala Contoh"
