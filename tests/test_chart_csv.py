"""A chart of accounts supplied by the officer, as a CSV beside the workbooks."""

from __future__ import annotations

from pathlib import Path

from builders import SUB, write_dpa, write_realisasi

from pipeline.run import RunConfig, run

OWN_CODE = "5.1.02.01.01.9999"  # in no bundled chart


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [[SUB, OWN_CODE, None, 1_000_000, None]])
    write_realisasi(folder / "real.xlsx", [[2023, 1, SUB, OWN_CODE, None, 250_000]])
    return folder


def test_an_unknown_code_is_a_warning_without_a_chart(tmp_path: Path) -> None:
    result = run(RunConfig(_folder(tmp_path), tmp_path / "out"))
    assert result.report.flatten(["code", "file", "cell"], codes=["code-unknown"]) == [
        ["code-unknown", "dpa.xlsx", "B2"], ["code-unknown", "real.xlsx", "D2"]]


def test_a_csv_chart_extends_the_bundled_one(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "bagan_akun.csv").write_text(
        f"Kode Rekening;Uraian\n{OWN_CODE};Belanja Bahan Khusus Daerah\n", encoding="utf-8")
    result = run(RunConfig(folder, tmp_path / "out"))
    assert [i for i in result.report.issues if i.code == "code-unknown"] == []
    leaf = next(row for row in result.report.lra if row.code == OWN_CODE)
    assert (leaf.uraian, leaf.anggaran, leaf.realisasi) == (
        "Belanja Bahan Khusus Daerah", 100_000_000, 25_000_000)


def test_another_csv_is_named_once_as_unrecognised_and_not_read(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "catatan.csv").write_text("tanggal,catatan\n2023-01-02,rapat\n", encoding="utf-8")
    result = run(RunConfig(folder, tmp_path / "out"))
    assert [[i.code, i.file, i.severity.value] for i in result.report.issues
            if i.file == "catatan.csv"] == [["file-unrecognised", "catatan.csv", "Catatan"]]
