"""A whole pemda: every OPD's report as a run on its subfolder alone would write it, and
the consolidated LRA summed over the OPDs to the sen."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

import pytest
from builders import ATK, CETAK, IDENTITAS, SUB, SUB2, write_dpa, write_realisasi
from workbook_reading import sheet_rows

from pipeline import cli
from pipeline.isolation import LocalPool
from pipeline.pemda import PemdaResult, run_pemda
from pipeline.pemda_folders import pemda_layout
from pipeline.report.consolidated import write_consolidated
from pipeline.run import NothingToReport, RunConfig, run

PENDAPATAN = "4.1.02.01.01.0001"  # a retribusi: pendapatan needs no sub kegiatan


def opd(folder: Path, name: str, budget: list[list[object]], spent: list[list[object]],
        pemda: str = "Kabupaten Contoh") -> Path:
    write_dpa(folder / "dpa.xlsx", budget,
              identitas={**IDENTITAS, "Perangkat Daerah": name, "Pemerintah Daerah": pemda})
    write_realisasi(folder / "realisasi" / "real.xlsx", spent)
    return folder


def three_opds(root: Path) -> Path:
    """Three OPDs with the same program codes; one has pendapatan and sen amounts."""
    opd(root / "dinas-a", "Dinas A", [[SUB, ATK, "ATK", 1_000_000, 900_000],
                                      [SUB2, CETAK, "Cetak", 500_000, None]],
        [[2023, 1, SUB, ATK, "ATK", 100_000], [2023, 2, SUB2, CETAK, "Cetak", 250_000]])
    opd(root / "dinas-b", "Dinas B", [[SUB, ATK, "ATK", "2.000.000,50", None],
                                      [None, PENDAPATAN, "Retribusi", 3_000_000, None]],
        [[2023, 1, SUB, ATK, "ATK", "1.234.567,89"],
         [2023, 3, None, PENDAPATAN, "Retribusi", "2.500.000,25"],
         [2022, None, None, ATK, "ATK", 400_000]])
    opd(root / "dinas-c", "Dinas C", [[SUB, CETAK, "Cetak", 700_000, 650_000]],
        [[2023, 4, SUB, CETAK, "Cetak", 649_999]])
    return root


def run_folder(source: Path, output: Path) -> PemdaResult:
    layout = pemda_layout(source, output)
    assert layout is not None
    with LocalPool() as pool:
        return run_pemda(RunConfig(source, output), layout, pool)


@pytest.fixture(scope="module")
def pemda(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PemdaResult]:
    base = tmp_path_factory.mktemp("pemda")
    source = three_opds(base / "masukan")
    return source, run_folder(source, base / "keluaran")


def lra_amounts(path: Path) -> dict[str, tuple[object, ...]]:
    """Kode Rekening → (Anggaran, Realisasi, Realisasi tahun lalu) as the LRA sheet caches."""
    rows = sheet_rows(path, "LRA")
    return {str(row[0]): (row[2], row[3], row[5]) for row in rows[6:] if row[0]}


def test_the_consolidated_lra_is_the_sum_of_the_opds_lras(
        pemda: tuple[Path, PemdaResult]) -> None:
    _, result = pemda
    output = result.path.parent
    reports = [output / summary.report for summary in result.consolidated.opds]
    per_opd = [lra_amounts(path) for path in reports]
    consolidated = lra_amounts(result.path)
    every_code = set().union(*per_opd)
    assert set(consolidated) == every_code
    for code in every_code:
        summed = tuple(sum(float(amounts.get(code, (0, 0, 0))[column] or 0)  # type: ignore[arg-type]
                           for amounts in per_opd) for column in range(3))
        assert tuple(float(value or 0) for value in consolidated[code]) == pytest.approx(
            summed, abs=0.001), code  # type: ignore[arg-type]
    # To the sen, in the model: 1.234.567,89 + 100.000 realised on ATK, 2.500.000,25 earned.
    rows = {row.code: row for row in result.consolidated.lra if row.kind == "account"}
    assert rows[ATK].realisasi == 123_456_789 + 10_000_000
    assert rows[PENDAPATAN].realisasi == 250_000_025
    assert rows[ATK].realisasi_lalu == 40_000_000
    surplus = next(row for row in result.consolidated.lra if row.kind == "surplus")
    assert surplus.realisasi == rows["4"].realisasi - rows["5"].realisasi


def test_each_opd_report_equals_a_run_on_its_subfolder_alone(
        pemda: tuple[Path, PemdaResult], tmp_path: Path) -> None:
    source, result = pemda
    for summary in result.consolidated.opds:
        alone = run(RunConfig(source / summary.key, tmp_path / summary.key))
        pemda_report = result.path.parent / summary.report
        assert pemda_report.read_bytes() == alone.report_path.read_bytes(), summary.key


def test_the_consolidation_lists_every_opd_and_jenis(pemda: tuple[Path, PemdaResult]) -> None:
    _, result = pemda
    rows = sheet_rows(result.path, "Per Perangkat Daerah")
    assert [row[2] for row in rows[3:6]] == ["dinas-a", "dinas-b", "dinas-c"]
    assert rows[6][1] == "JUMLAH"
    jenis = sheet_rows(result.path, "Ringkasan per Jenis")
    assert jenis[2][:5] == ["Kode", "Uraian", "Dinas A", "Dinas B", "Dinas C"]
    assert result.consolidated.errors == 0


def test_a_dpa_at_the_root_beside_opd_folders_is_refused(tmp_path: Path) -> None:
    source = three_opds(tmp_path / "masukan")
    shutil.copy(source / "dinas-a" / "dpa.xlsx", source / "dpa.xlsx")
    with pytest.raises(NothingToReport, match="pindahkan DPA di folder induk"):
        pemda_layout(source)


def test_one_opd_folder_with_a_realisasi_subfolder_is_no_pemda(tmp_path: Path) -> None:
    source = three_opds(tmp_path / "masukan")
    assert pemda_layout(source / "dinas-a") is None


def test_an_opd_folder_without_dpa_is_named_and_left_out(tmp_path: Path) -> None:
    source = three_opds(tmp_path / "masukan")
    write_realisasi(source / "dinas-d" / "real.xlsx", [[2023, 1, SUB, ATK, "ATK", 5]])
    result = run_folder(source, tmp_path / "keluaran")
    assert [summary.key for summary in result.consolidated.opds] == [
        "dinas-a", "dinas-b", "dinas-c"]
    named = [(item.opd, item.issue.code) for item in result.consolidated.issues
             if item.issue.code.startswith("pemda-")]
    assert named == [("dinas-d", "pemda-opd-without-dpa")]


def test_a_file_in_two_opd_folders_and_another_pemda_are_errors(tmp_path: Path) -> None:
    source = three_opds(tmp_path / "masukan")
    shutil.copy(source / "dinas-a" / "realisasi" / "real.xlsx",
                source / "dinas-c" / "realisasi" / "salinan.xlsx")
    opd(source / "dinas-x", "Dinas X", [[SUB, ATK, "ATK", 1_000, None]], [],
        pemda="Kabupaten Lain")
    result = run_folder(source, tmp_path / "keluaran")
    codes = sorted((item.opd, item.issue.code) for item in result.consolidated.issues
                   if item.issue.code.startswith("pemda-"))
    # The copy is also realisasi without DPA lines in dinas-c: its own report is a DRAFT.
    assert codes == [("dinas-c", "pemda-file-duplicate"), ("dinas-c", "pemda-opd-draft"),
                     ("dinas-x", "pemda-other-pemda")]
    assert "dinas-x" not in [summary.key for summary in result.consolidated.opds]
    assert result.consolidated.errors >= 2


def test_the_command_line_runs_a_pemda_folder(pemda: tuple[Path, PemdaResult], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    source, _ = pemda
    assert cli.main(["--quiet", "--input", str(source), "--output", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Perangkat daerah : 3\n" in out
    assert f"Konsolidasi      : {tmp_path / 'Konsolidasi_2023_kabupaten-contoh.xlsx'}\n" in out


def test_a_pemda_wide_lra_at_the_root_is_reconciled_line_by_line(tmp_path: Path) -> None:
    source = three_opds(tmp_path / "masukan")
    # The pemda's accounting system: belanja ATK realised as the OPDs say, CETAK short.
    header = ["Kode Rekening", "Uraian", "Anggaran", "Realisasi 2023", "Realisasi 2022"]
    write_realisasi(source / "lra_pemda.xlsx", [
        [ATK, "ATK", "2.900.000,50", "1.334.567,89", 400_000],
        [CETAK, "Cetak", 1_150_000, 800_000, 0],
    ], header=header, sheet="LRA")
    result = run_folder(source, tmp_path / "keluaran")
    lines = [line for line in result.consolidated.reconciliation
             if line.jenis == "LRA sistem vs dihitung"]
    differing = [(line.kode, line.uraian, line.dinyatakan, line.dihitung)
                 for line in lines if line.kode == CETAK and not line.matched]
    assert differing == [(CETAK, "Realisasi", 80_000_000, 89_999_900)]
    assert all(line.matched for line in lines if line.kode == ATK)
    assert sorted(line.uraian for line in lines if line.kode == ATK) == [
        "Anggaran", "Realisasi", "Realisasi Tahun Lalu"]  # every comparison is listed


def test_the_period_runs_to_the_last_month_any_opd_has(pemda: tuple[Path, PemdaResult]) -> None:
    _, result = pemda
    # Belanja realisasi, as the monthly sheet shows it: dinas-b's March is pendapatan.
    assert [summary.last_month for summary in result.consolidated.opds] == [2, 1, 4]
    assert result.consolidated.period == "realisasi s.d. April 2023"
    summary = sheet_rows(result.path, "Ringkasan")
    assert summary[1][0] == "Tahun Anggaran 2023, realisasi s.d. April 2023"  # under the title
    assert summary[6][1:3] == ["Tahun Anggaran", "2023"]
    lra_header = next(row for row in sheet_rows(result.path, "LRA") if row[0] == "Kode Rekening")
    assert lra_header[3] == "Realisasi s.d. April 2023"  # as an OPD's LRA says a partial year


def test_the_summary_ranks_the_opds_by_percent_realisasi(
        pemda: tuple[Path, PemdaResult]) -> None:
    _, result = pemda
    rows = sheet_rows(result.path, "Ringkasan")
    header = next(index for index, row in enumerate(rows)
                  if row[1] == "Perangkat Daerah (urut % realisasi)")
    # Belanja, pagu perubahan (pagu murni where none is given): A 900.000 + 500.000, 350.000
    # spent (25,00 %); B 2.000.000,50, 1.234.567,89 spent (61,73 %); C 650.000, 649.999
    # spent (99,9998 → 100,00 %).
    ranked = [(row[1], row[4]) for row in rows[header + 1:header + 4]]
    assert ranked == [("Dinas C", 100.0), ("Dinas B", 61.73), ("Dinas A", 25.0)]
    assert rows[2][0] == "Tidak ada kesalahan data"


def test_rekonsiliasi_counts_and_marks_every_comparison(
        pemda: tuple[Path, PemdaResult]) -> None:
    _, result = pemda
    rows = sheet_rows(result.path, "Rekonsiliasi")
    # The sum of the three OPDs' belanja against the consolidated akun 5: anggaran, realisasi.
    assert rows[1][0] == "2 pemeriksaan: 2 cocok, 0 selisih."
    header = next(index for index, row in enumerate(rows) if row[0] == "Jenis")
    assert rows[header][7] == "Status"
    assert [(row[0], row[7]) for row in rows[header + 1:header + 3]] == [
        ("Total OPD", "Cocok"), ("Total OPD", "Cocok")]


def test_validasi_says_so_when_nothing_was_found(pemda: tuple[Path, PemdaResult],
                                                 tmp_path: Path) -> None:
    _, result = pemda
    clean = dataclasses.replace(result.consolidated, issues=[])
    write_consolidated(clean, tmp_path / "bersih.xlsx", dt.datetime(2024, 1, 2))
    rows = sheet_rows(tmp_path / "bersih.xlsx", "Validasi")
    assert rows[1][0] == "Tidak ada kesalahan atau peringatan."
    header = next(index for index, row in enumerate(rows) if row[0] == "Perangkat Daerah")
    assert rows[header][-1] == "Keterangan kode"
    assert rows[header + 1][0] == "Tidak ada kesalahan atau peringatan"


def test_validasi_names_the_opd_and_the_codes_title(pemda: tuple[Path, PemdaResult]) -> None:
    _, result = pemda
    rows = sheet_rows(result.path, "Validasi")
    header = next(index for index, row in enumerate(rows) if row[0] == "Perangkat Daerah")
    body = [row for row in rows[header + 1:] if row[0]]
    # Every OPD has no PK: a note each, with the code's title from the catalogue.
    pk = sorted((row[0], row[1], row[8]) for row in body if row[2] == "pk-missing")
    assert [opd for opd, _, _ in pk] == ["dinas-a", "dinas-b", "dinas-c"]
    assert {(severity, title) for _, severity, title in pk} == {
        ("Catatan", "Tidak ada workbook PK; tabel kinerja LAKIP kosong")}
