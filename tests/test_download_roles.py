"""The file list (the Validasi sheet's file section) names what each file holds in plain
Indonesian, downloads too: no raw table kind (`anggaran_tahap`) reaches an officer, and an
LRA download says which accounting system it comes from."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import ATK, SUB, write_dpa, write_realisasi
from export_builders import write_aklap_lra, write_simda_lra

from pipeline.layouts import describe_roles
from pipeline.parse import parse_file
from pipeline.run import RunConfig, run
from pipeline.tables import ParsedFile

ROOT = Path(__file__).resolve().parent.parent
SIPD = ROOT / "examples" / "dinsos-labuhanbatu-utara-2023-sipd"


@pytest.mark.parametrize(("name", "roles"), [
    ("Dinas Sosial_Rekap_Ver2_Penetapan APBD 2023_Terkunci.xlsx", "DPA (unduhan SIPD-RI)"),
    ("realisasi/realisasi_belanja_2023-05-31.xlsx", "realisasi kumulatif (SIPD-RI)"),
    ("SPJ_Fungsional_Maret_2023.xlsx", "SPJ Fungsional"),
    ("LRA_SKPD_Dinas Sosial_2023.xlsx", "LRA (AKLAP)"),
    ("pk_2023.xlsx", "PK"),
])
def test_each_download_of_the_sipd_example_is_named_plainly(name: str, roles: str) -> None:
    parsed = parse_file(SIPD / name, name)
    assert describe_roles(parsed.roles) == roles


def test_an_lra_download_names_its_accounting_system(tmp_path: Path) -> None:
    aklap, simda = tmp_path / "lra_1.xlsx", tmp_path / "lra_2.xlsx"
    write_aklap_lra(aklap)
    write_simda_lra(simda)
    assert describe_roles(parse_file(aklap, aklap.name).roles) == "LRA (AKLAP)"
    assert describe_roles(parse_file(simda, simda.name).roles) == "LRA (SIMDA)"
    # Both are still read as an external LRA: their table's kind is the template's.
    assert [table.kind for table in parse_file(simda, simda.name).tables] == ["lra"]


def test_the_file_list_of_the_report_names_the_downloads(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_dpa(folder / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None]])
    write_realisasi(folder / "real.xlsx", [[2023, 3, SUB, ATK, "ATK", 800_000]])
    write_aklap_lra(folder / "Laporan_123.xlsx")
    result = run(RunConfig(folder, tmp_path / "out", document=False))
    assert {item.path: item.roles for item in result.report.files} == {
        "dpa.xlsx": "DPA", "real.xlsx": "realisasi", "Laporan_123.xlsx": "LRA (AKLAP)"}


@pytest.mark.parametrize(("kinds", "roles"), [
    (("anggaran", "program"), "DPA"),
    (("anggaran_tahap", "program"), "DPA (unduhan SIPD-RI)"),
    (("realisasi", "realisasi_kumulatif"), "realisasi, realisasi kumulatif (SIPD-RI)"),
    (("spj",), "SPJ Fungsional"),
    (("lra",), "LRA"),
    ((), "-"),
])
def test_roles_are_described_once_each(kinds: tuple[str, ...], roles: str) -> None:
    assert describe_roles(kinds) == roles


def test_an_identitas_workbook_is_named_as_such_in_the_progress() -> None:
    from pipeline.reading import _Tally  # the progress line of each file read

    lines: list[str] = []
    tally = _Tally(2, lines.append)
    tally.add(ParsedFile("identitas.xlsx", "d1", identitas={"kepala": "Drs. A"}))
    tally.add(ParsedFile("kosong.xlsx", "d2"))
    assert lines == ["[1/2] identitas.xlsx: identitas perangkat daerah",
                     "[2/2] kosong.xlsx: tidak ada tabel yang dibaca"]
