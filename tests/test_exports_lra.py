"""C1 (SIPD-RI AKLAP LRA) and C2 (SIMDA LRA): recognised by content, read into "lra" tables,
reconciled with the computed LRA; C1 fills last year's column when no realisasi of that
year is given; C2's uncoded rows take their sign from their label.

Fixtures are built from the spec's labels (tests/export_builders.py): title rows, a header
band, a numbering row, reordered and extra columns, codes with spaces and trailing dots.
"""

from __future__ import annotations

from pathlib import Path

from builders import ATK, SUB, write_dpa, write_realisasi
from export_builders import (
    AKLAP_ROWS,
    SIMDA_ROWS,
    SIMDA_TITLES,
    write_aklap_lra,
    write_simda_lra,
)

from pipeline.findings import Severity
from pipeline.parse import parse_file
from pipeline.run import RunConfig, RunResult, run

SEN = 100


def _folder(tmp_path: Path, *, prior_year: bool = False) -> Path:
    """A template DPA (one ATK line, Rp 1.000.000) and Rp 800.000 of realisasi in 2023."""
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None]])
    rows: list[list[object]] = [[2023, 3, SUB, ATK, "ATK", 800_000]]
    if prior_year:
        rows.append([2022, 12, SUB, ATK, "ATK", 650_000])
    write_realisasi(folder / "real.xlsx", rows)
    return folder


def _run(folder: Path, tmp_path: Path) -> RunResult:
    return run(RunConfig(folder, tmp_path / "out", document=False))


def _lra(result: RunResult, code: str) -> tuple[int, int, int]:
    row = next(row for row in result.report.lra if row.kind == "account" and row.code == code)
    return row.anggaran, row.realisasi, row.realisasi_lalu


# --- C1 ---------------------------------------------------------------------------------


def test_c1_is_recognised_by_content_with_its_year_and_skpd(tmp_path: Path) -> None:
    path = tmp_path / "Laporan_123.xlsx"  # the name says nothing of the layout
    rows = write_aklap_lra(path)
    parsed = parse_file(path, path.name)
    assert parsed.meta == {"layout": "sipd-aklap-lra", "tahun": "2023", "skpd": "DINAS CONTOH"}
    [table] = parsed.tables
    frame = table.frame.set_index("row")
    assert table.kind == "lra"
    # `5 . 1` and `5.1.02.01.` are normalised; amounts read exactly, in sen.
    assert frame.loc[rows["5 . 1"], "kode_rekening"] == "5.1"
    assert frame.loc[rows["5.1.02.01."], "kode_rekening"] == "5.1.02.01"
    leaf = frame.loc[rows["5.1.02.01.01.0024"]]
    assert (leaf["anggaran"], leaf["realisasi"], leaf["realisasi_lalu"], leaf["level"]) == (
        1_000_000 * SEN, 800_000 * SEN, 700_000 * SEN, 6)
    # The band's second row (`2023 | %`) and the numbering row are no data rows.
    assert sorted(frame.index) == sorted(rows.values())
    assert table.letters["realisasi"] == "E" and table.letters["kode_rekening"] == "B"
    assert [found.code for found in parsed.issues] == []


def test_c1_matching_the_computed_lra_gives_no_mismatch_and_fills_last_year(
        tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    rows = write_aklap_lra(folder / "lra_aklap.xlsx")
    result = _run(folder, tmp_path)
    assert result.report.flatten(["code"], codes=["lra-mismatch", "subtotal-mismatch"]) == []
    # No realisasi of 2022 in the folder: the AKLAP column fills the report's, at every level.
    assert _lra(result, ATK) == (1_000_000 * SEN, 800_000 * SEN, 700_000 * SEN)
    assert _lra(result, "5")[2] == 700_000 * SEN
    [note] = [found for found in result.report.issues if found.code == "prior-year-from-lra"]
    assert note.severity is Severity.NOTE
    assert (note.file, note.sheet, note.cell) == ("lra_aklap.xlsx", "Sheet1",
                                                  f"G{rows['5.1.02.01.01.0024']}")
    assert "Realisasi 2022" in note.message and "700.000" in note.message
    assert result.report.errors == 0


def test_c1_does_not_replace_a_prior_year_that_was_given(tmp_path: Path) -> None:
    folder = _folder(tmp_path, prior_year=True)
    rows = write_aklap_lra(folder / "lra_aklap.xlsx")
    result = _run(folder, tmp_path)
    assert _lra(result, ATK)[2] == 650_000 * SEN  # the realisasi file's, not the AKLAP's
    assert result.report.flatten(["code"], codes=["prior-year-from-lra"]) == []
    mismatches = result.report.flatten(["code", "cell"], codes=["lra-mismatch"])
    assert ["lra-mismatch", f"G{rows['5.1.02.01.01.0024']}"] in mismatches


def test_c1_differing_from_the_computed_lra_names_its_cell(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    rows = [(code, uraian, anggaran, "750.000" if code == "5.1.02.01.01.0024" else realisasi,
             lalu) for code, uraian, anggaran, realisasi, lalu in AKLAP_ROWS]
    excel = write_aklap_lra(folder / "lra_aklap.xlsx", rows)
    result = _run(folder, tmp_path)
    found = result.report.flatten(["code", "file", "cell", "value"], codes=["lra-mismatch"])
    assert ["lra-mismatch", "lra_aklap.xlsx", f"E{excel['5.1.02.01.01.0024']}",
            "750.000"] in found
    subtotal = result.report.flatten(["code", "cell"], codes=["subtotal-mismatch"])
    assert subtotal == [["subtotal-mismatch", f"E{excel['5.1.02.01.01']}"]]


def test_c1_missing_a_label_is_one_note_naming_the_layout_it_resembles(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    write_aklap_lra(folder / "lra_lain.xlsx", drop=["Anggaran"],
                    titles=["PEMERINTAH KABUPATEN LAIN", "LAPORAN REALISASI ANGGARAN"])
    result = _run(folder, tmp_path)
    own = [found for found in result.report.issues if found.file == "lra_lain.xlsx"]
    assert [(found.code, found.severity) for found in own] == [
        ("file-unrecognised", Severity.NOTE)]
    assert "LRA SIPD-RI (Akuntansi/AKLAP)" in own[0].message
    assert "yang tidak ditemukan: Anggaran." in own[0].message
    assert result.report.errors == 0


def test_a_broken_c1_of_this_opd_and_year_is_an_error(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    write_aklap_lra(folder / "lra_rusak.xlsx", drop=["Anggaran"],
                    titles=["PEMERINTAH KABUPATEN CONTOH", "LAPORAN REALISASI ANGGARAN",
                            "SKPD : Dinas Contoh", "Tahun Anggaran 2023"])
    result = _run(folder, tmp_path)
    own = [found for found in result.report.issues if found.file == "lra_rusak.xlsx"]
    assert [(found.code, found.severity) for found in own] == [
        ("layout-incomplete", Severity.ERROR)]
    assert "Anggaran" in own[0].message


# --- C2 ---------------------------------------------------------------------------------


def _simda_folder(tmp_path: Path) -> Path:
    """A DPA with pendapatan and belanja that the SIMDA fixture's akun rows match."""
    folder = tmp_path / "in"
    retribusi = "4.1.02.01.01.0001"
    write_dpa(folder / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None],
                                    [None, retribusi, "Retribusi", 100_000, None]])
    write_realisasi(folder / "real.xlsx", [[2023, 3, SUB, ATK, "ATK", 800_000],
                                           [2023, 3, None, retribusi, "Retribusi", 90_000],
                                           [2022, 12, SUB, ATK, "ATK", 700_000],
                                           [2022, 12, None, retribusi, "Retribusi", 80_000]])
    return folder


def test_c2_is_read_with_its_year_skpd_and_coded_rows(tmp_path: Path) -> None:
    path = tmp_path / "LRA_SAP.xlsx"
    rows = write_simda_lra(path)
    parsed = parse_file(path, path.name)
    assert parsed.meta == {"layout": "simda-lra", "tahun": "2023",
                           "skpd": "1.06.01 - Dinas Contoh"}
    [table] = parsed.tables
    assert table.letters["kode_rekening"] == "A"
    frame = table.frame.set_index("row")
    assert sorted(frame["kode_rekening"]) == sorted(str(row[0]) for row in SIMDA_ROWS if row[0])
    assert frame.loc[rows["5.1.02.01.01"], "level"] == 5
    assert frame.loc[rows["4"], "realisasi_lalu"] == 80_000 * SEN
    assert parsed.issues == ()  # DEFISIT 900.000 = 100.000 - 1.000.000, signed by its label


def test_c2_reconciles_at_the_levels_it_carries(tmp_path: Path) -> None:
    folder = _simda_folder(tmp_path)
    write_simda_lra(folder / "LRA_SAP.xlsx")
    result = _run(folder, tmp_path)
    lra_sistem = [row for row in result.report.reconciliation
                  if row.jenis == "LRA sistem vs dihitung" and row.kode in ("4", "5", "5.1.02")]
    assert lra_sistem and all(row.dinyatakan == row.dihitung for row in lra_sistem)
    assert result.report.flatten(["code"], codes=["subtotal-mismatch", "lra-mismatch"]) == []

    # Compared at its own levels (1-3 and 5) and not below the rows where it stops: no
    # 5.1.02.01 (level 4), no six-level line, no 4.1.02.01.01 under its last pendapatan row.
    compared = {row.kode for row in result.report.reconciliation
                if row.jenis == "LRA sistem vs dihitung"}
    assert compared == {str(row[0]) for row in SIMDA_ROWS if row[0]}
    # Its own subtotals down to its own deepest rows (4.1.02 and 5.1.02.01.01), all matched.
    subtotals = [row for row in result.report.reconciliation
                 if row.jenis == "Subtotal LRA sistem"]
    assert {row.kode for row in subtotals} == {"4", "4.1", "5", "5.1", "5.1.02"}
    assert all(row.matched for row in subtotals)


def test_c2_lacking_a_line_at_a_level_it_carries_is_listed(tmp_path: Path) -> None:
    """The DPA has a second level-5 account (5.1.02.02.01) that the SIMDA LRA lacks while
    its parents count it: the parent's own subtotal differs and the line is missing."""
    folder = _simda_folder(tmp_path)
    honor = "5.1.02.02.01.0026"
    write_dpa(folder / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None],
                                    [SUB, honor, "Honorarium", 200_000, None],
                                    [None, "4.1.02.01.01.0001", "Retribusi", 100_000, None]])
    rows = [(code, uraian, "1.200.000" if code in ("5", "5.1", "5.1.02") else anggaran,
             realisasi, lalu) for code, uraian, anggaran, realisasi, lalu in SIMDA_ROWS
            if code]
    excel = write_simda_lra(folder / "LRA_SAP.xlsx", rows)
    result = _run(folder, tmp_path)
    assert result.report.flatten(["code", "cell", "value"], codes=["subtotal-mismatch"]) == [
        ["subtotal-mismatch", f"C{excel['5.1.02']}", "1.200.000"]]
    assert result.report.flatten(["code", "cell", "value"], codes=["lra-mismatch"]) == [
        ["lra-mismatch", "", ""]]
    [missing] = [row for row in result.report.reconciliation if not row.matched
                 and row.jenis == "LRA sistem vs dihitung"]
    assert (missing.kode, missing.uraian, missing.dinyatakan, missing.dihitung) == (
        "5.1.02.02.01", "Anggaran", None, 200_000 * SEN)


def test_c2_surplus_row_with_the_wrong_sign_is_a_mismatch_naming_its_cell(
        tmp_path: Path) -> None:
    path = tmp_path / "LRA_SAP.xlsx"
    rows = [row if row[0] or row[1] != "DEFISIT" else ("", "SURPLUS", "900.000", "710.000",
                                                       "620.000") for row in SIMDA_ROWS]
    excel = write_simda_lra(path, rows)
    parsed = parse_file(path, path.name)
    found = [(found.code, found.cell, found.value) for found in parsed.issues]
    row = excel["SURPLUS"]
    assert found == [("subtotal-mismatch", f"C{row}", "900.000"),
                     ("subtotal-mismatch", f"D{row}", "710.000"),
                     ("subtotal-mismatch", f"F{row}", "620.000")]


def test_c2_label_naming_both_sides_is_compared_without_a_sign(tmp_path: Path) -> None:
    path = tmp_path / "LRA_SAP.xlsx"
    rows = [row if row[0] else ("", "SURPLUS / (DEFISIT)", "900.000", "710.000", "620.000")
            for row in SIMDA_ROWS]
    write_simda_lra(path, rows, titles=SIMDA_TITLES)
    assert parse_file(path, path.name).issues == ()
    wrong = [row if row[0] else ("", "SURPLUS / (DEFISIT)", "900.000", "700.000", "620.000")
             for row in SIMDA_ROWS]
    write_simda_lra(path, wrong, titles=SIMDA_TITLES)
    assert [found.code for found in parse_file(path, path.name).issues] == ["subtotal-mismatch"]


def test_c2_pengeluaran_pembiayaan_without_a_code_is_negative(tmp_path: Path) -> None:
    path = tmp_path / "LRA_SAP.xlsx"
    rows = [*SIMDA_ROWS,
            ("6", "PEMBIAYAAN", "50.000", "50.000", "0"),
            ("6.2", "PENGELUARAN PEMBIAYAAN", "50.000", "50.000", "0"),
            ("", "JUMLAH PENGELUARAN PEMBIAYAAN", "50.000", "50.000", "0"),
            ("", "PEMBIAYAAN NETTO", "50.000", "50.000", "0")]
    write_simda_lra(path, rows)
    parsed = parse_file(path, path.name)
    assert parsed.issues == ()  # netto: |0 - 50.000| printed without its sign
    [table] = parsed.tables
    coded = table.frame.set_index("kode_rekening")
    assert coded.loc["6.2", "anggaran"] == 50_000 * SEN  # an account keeps its own amount


def test_c2_as_a_csv_without_titles_is_recognised_and_set_aside_by_its_year(
        tmp_path: Path) -> None:
    """A SIMDA-era CSV: no title rows, years in the labels, codes the pipeline cannot read
    (`1.20 . 1.20.03 . 00 . 00 . 5`). Another year: one note, none of its errors."""
    folder = _folder(tmp_path)
    lines = ["NO URUT;URAIAN;ANGGARAN 2016;REALISASI 2016;(%);REALISASI 2015",
             "1.20 . 1.20.03 . 00 . 00 . 5;BELANJA;2.145.600,00;1.987.432,00;92,63;1.876.000,00",
             ";SURPLUS / (DEFISIT);2.145.600,00;1.987.432,00;92,63;1.876.000,00"]
    path = folder / "arsip" / "lra_2016.csv"
    path.parent.mkdir(parents=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parsed = parse_file(path, "arsip/lra_2016.csv")
    assert (parsed.meta["layout"], parsed.meta["tahun"]) == ("simda-lra", "2016")
    assert [found.code for found in parsed.issues] == ["code-not-normalised"]
    result = _run(folder, tmp_path)
    own = [(found.code, found.severity) for found in result.report.issues
           if found.file == "arsip/lra_2016.csv"]
    assert own == [("file-set-aside", Severity.NOTE)]
    assert result.report.errors == 0
