"""Hostile and broken inputs: keep working, name the culprit, lose nothing.

Every kind of bad file from `hostile_files` is dropped into a folder beside a valid DPA and
a valid realisasi workbook, and the command line runs on it in a fresh process: the run
must end within 60 s and 2 GiB (the peak over the run and its workers), print no
traceback and nothing but its progress and DRAFT lines on stderr, name the file in
`Validasi` with its own finding code, and still count the valid realisasi. Files that
threaten memory or time get a run each; harmless ones share a run; one more run holds
them all. The runs are independent, so they go two at a time (two cores).

Below them, in process: the worker time and memory limits, formula injection through
every sheet that copies input text (PK, DPA `Program`, `Kriteria`), and bad data inside
good files that no other test covers (duplicate lines, dates in the future, wordy
amounts, Excel error values, amounts too large for the sums). Amounts in sen.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from builders import ATK, CETAK, IDENTITAS, REALISASI_HEADER, SUB, SUB2, write_dpa, write_sheet
from hostile_files import (
    ROOT,
    CliRun,
    billion_laughs,
    broken_legacy,
    corrupted_inside,
    declared_huge_dimension,
    empty_file,
    empty_sheets,
    external_entity,
    fake_encrypted,
    fake_legacy,
    huge_cell_without_dimension,
    large_workbook,
    lock_file,
    missing_sheet_part,
    other_formats,
    run_cli_measured,
    sparse_giant,
    temporary_files,
    text_renamed,
    too_many_entries,
    truncated,
    undecodable_name,
    unsupported_compression,
    valid_workbook,
    zip_bomb,
    zip_encrypted_entries,
    zip_without_workbook,
)
from python_calamine import CalamineWorkbook

from pipeline import preflight
from pipeline.findings import CATALOGUE, Issue, Severity
from pipeline.isolation import NO_MEMORY_LIMIT, Limits, LocalPool
from pipeline.reading import read_all
from pipeline.run import RunConfig, RunResult, run

SEN = 100
REPORT = "LAKIP_2023_dinas-contoh.xlsx"
PLACE = ["code", "file", "sheet", "cell", "value"]  # the fields of report.flatten(PLACE, ...)
MEMORY_KIB = 2 << 20  # the memory budget of one run: 2 GiB (time is the benchmark's job)
PROGRESS = re.compile(r"\[\d+/\d+\] .+: (\d+ baris .+|identitas perangkat daerah"
                      r"|tidak ada tabel yang dibaca)"
                      f"|{re.escape(NO_MEMORY_LIMIT)}")
DRAFT = re.compile(rf"DRAFT: \d+ kesalahan data; lihat sheet Validasi di {REPORT}\.")
# The findings the terminal lists after its summary (`pipeline.console`).
FINDINGS = re.compile(r"(Kesalahan yang harus diperbaiki|Peringatan) \(\d+\):"
                      r"|Peringatan: \d+ \(lihat sheet Validasi\)"
                      r"|  \S.*: \S.*|  dan \d+ lainnya \(lihat sheet Validasi\)")
NATIVE_CRASH = ("memory allocation", "panicked", "stack backtrace", "Aborted", "core dumped",
                "Segmentation", "fatal runtime error", "Traceback")


def html_as_xls(path: Path) -> Path:
    """An old SIPD/SIMDA "Excel" export: a web page under a .xls name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("<html><body><table><tr><td>Kode Rekening</td><td>Realisasi</td></tr>"
                    f"<tr><td>{ATK}</td><td>100.000</td></tr></table></body></html>",
                    encoding="utf-8")
    return path


def test_a_web_page_saved_as_xls_is_a_warning_not_an_error(tmp_path: Path) -> None:
    refusal = preflight.check(html_as_xls(tmp_path / "realisasi_2019.xls"))
    assert refusal is not None and refusal.code == "file-other-format"
    assert CATALOGUE[refusal.code][0] is Severity.WARNING
    assert "HTML" in refusal.message and ".xlsx" in refusal.message


def base_folder(folder: Path) -> Path:
    """A valid DPA and a valid realisasi (ATK, January, 100.000): the run always has them."""
    write_dpa(folder / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None]])
    valid_workbook(folder / "real_01.xlsx")
    return folder


@dataclass(frozen=True)
class Kind:
    """One kind of bad file: how to add it to a folder, the finding each of its files must
    get (file → acceptable codes), and the command line run it joins (its own if blank).
    Files that threaten memory or time get a run of their own, to be measured alone."""

    build: Callable[[Path], object]
    named: dict[str, set[str]] = field(default_factory=dict)
    run: str = ""


KINDS: dict[str, Kind] = {
    "zip-bomb": Kind(lambda folder: zip_bomb(folder / "bom.xlsx"),
                     {"bom.xlsx": {"file-too-large"}}),
    "too-many-entries": Kind(lambda folder: too_many_entries(folder / "banyak.xlsx"),
                             {"banyak.xlsx": {"file-too-large"}}),
    "declared-dimension": Kind(lambda folder: declared_huge_dimension(folder / "dimensi.xlsx"),
                               {"dimensi.xlsx": {"file-too-large"}}),
    "huge-cell-aborts-reader": Kind(
        lambda folder: huge_cell_without_dimension(folder / "sel-jauh.xlsx"),
        {"sel-jauh.xlsx": {"file-unsafe"}}),
    "billion-laughs": Kind(lambda folder: billion_laughs(folder / "tawa.xlsx"),
                           {"tawa.xlsx": {"file-xml-entities"}}),
    "external-entity": Kind(lambda folder: external_entity(folder / "entitas.xlsx"),
                            {"entitas.xlsx": {"file-xml-entities"}}),
    "encrypted": Kind(lambda folder: fake_encrypted(folder / "sandi.xlsx"),
                      {"sandi.xlsx": {"file-encrypted"}}, "containers"),
    "legacy-renamed": Kind(lambda folder: fake_legacy(folder / "lama.xlsx"),
                           {"lama.xlsx": {"file-legacy"}}, "containers"),
    "csv-renamed": Kind(lambda folder: text_renamed(folder / "teks.xlsx"),
                        {"teks.xlsx": {"file-not-workbook"}}, "containers"),
    "zip-renamed": Kind(lambda folder: zip_without_workbook(folder / "arsip.xlsx"),
                        {"arsip.xlsx": {"file-not-workbook"}}, "containers"),
    "truncated": Kind(lambda folder: truncated(folder / "terpotong.xlsx"),
                      {"terpotong.xlsx": {"file-damaged"}}, "containers"),
    "empty-file": Kind(lambda folder: empty_file(folder / "kosong.xlsx"),
                       {"kosong.xlsx": {"file-empty"}}, "containers"),
    "empty-sheets": Kind(lambda folder: empty_sheets(folder / "tanpa-isi.xlsx"),
                         {"tanpa-isi.xlsx": {"workbook-empty"}}, "containers"),
    "missing-sheet-part": Kind(lambda folder: missing_sheet_part(folder / "tanpa-sheet.xlsx"),
                               {"tanpa-sheet.xlsx": {"file-unreadable"}}, "containers"),
    "broken-legacy": Kind(lambda folder: broken_legacy(folder / "laporan.xls"),
                          {"laporan.xls": {"file-unreadable"}}, "containers"),
    "other-formats": Kind(other_formats, {"laporan.ods": {"file-other-format"},
                                          "laporan.xlsb": {"file-other-format"},
                                          "laporan.csv": {"template-sheet-renamed"}},
                          "names"),
    "html-saved-as-xls": Kind(lambda folder: html_as_xls(folder / "realisasi_2019.xls"),
                              {"realisasi_2019.xls": {"file-other-format"}}, "names"),
    "lock-file": Kind(lock_file, {"~$dpa.xlsx": {"file-skipped"}}, "names"),
    "temporary-files": Kind(temporary_files, {}, "names"),  # silently ignored
}
# Files that once stopped the whole run; one run each, so each is named.
BROKEN: dict[str, Kind] = {
    "corrupted-inside": Kind(lambda folder: corrupted_inside(folder / "rusak-dalam.xlsx"),
                             {"rusak-dalam.xlsx": {"file-damaged", "file-unreadable"}},
                             "undecodable-entries"),
    "zip-password": Kind(lambda folder: zip_encrypted_entries(folder / "zip-sandi.xlsx"),
                         {"zip-sandi.xlsx": {"file-encrypted", "file-damaged",
                                             "file-unreadable"}}, "undecodable-entries"),
    "zip-method-99": Kind(lambda folder: unsupported_compression(folder / "metode.xlsx"),
                          {"metode.xlsx": {"file-damaged", "file-unreadable"}},
                          "undecodable-entries"),
}
RUNS: dict[str, list[str]] = {}
for _name, _kind in {**KINDS, **BROKEN}.items():
    RUNS.setdefault(_kind.run or _name, []).append(_name)
RUNS["all-together"] = list(KINDS)
CLEAN_RUNS = {"names"}  # only warnings and notes: exit 0


def expected(run_name: str) -> dict[str, set[str]]:
    kinds = {**KINDS, **BROKEN}
    return {file: codes for name in RUNS[run_name] for file, codes in kinds[name].named.items()}


def validasi(report: Path) -> list[list[Any]]:
    """Rows of the `Validasi` findings table: under its header (Tingkat, Kode, Pesan,
    Berkas, …), down to the blank row above the list of files read."""
    rows = CalamineWorkbook.from_path(str(report)).get_sheet_by_name("Validasi").to_python()
    start = next(index for index, row in enumerate(rows) if row and row[0] == "Tingkat")
    table = rows[start + 1:]
    return table[:next((index for index, row in enumerate(table)
                        if all(cell == "" for cell in row)), len(table))]


def lra_realisasi(report: Path, code: str) -> object:
    rows = CalamineWorkbook.from_path(str(report)).get_sheet_by_name("LRA").to_python()
    return next((row[3] for row in rows if row and row[0] == code), None)


@pytest.fixture(scope="module")
def cli_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[CliRun, Path]]:
    """Every run of RUNS by the command line, two at a time: (result, report path)."""
    base = tmp_path_factory.mktemp("hostile-cli")
    kinds = {**KINDS, **BROKEN}
    folders: dict[str, tuple[Path, Path]] = {}
    for run_name, names in RUNS.items():
        source = base_folder(base / run_name / "masukan")
        for name in names:
            kinds[name].build(source)
        folders[run_name] = (source, base / run_name / "keluaran")
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {name: pool.submit(run_cli_measured, source, out)
                   for name, (source, out) in folders.items()}
        return {name: (future.result(), folders[name][1] / REPORT)
                for name, future in futures.items()}


def assert_survived(done: CliRun, report: Path, exit_code: int) -> None:
    """The run ended within its memory, wrote its report, printed only progress and the
    findings (never a native crash report or a traceback)."""
    assert done.code == exit_code, done.stderr
    assert done.max_rss_kib < MEMORY_KIB, done
    assert "Traceback" not in done.stderr + done.stdout
    noise = [line for line in done.stderr.splitlines()
             if not (PROGRESS.fullmatch(line) or DRAFT.fullmatch(line)
                     or FINDINGS.fullmatch(line))]
    assert noise == []
    assert report.is_file()
    assert lra_realisasi(report, ATK) == 100_000  # the valid realisasi is still counted


def assert_named(report: Path, named: dict[str, set[str]]) -> None:
    """Each file has one finding, with an acceptable code."""
    rows = validasi(report)
    for berkas, codes in named.items():
        found = [row[1] for row in rows if row[3] == berkas]
        assert len(found) == 1 and found[0] in codes, (berkas, found)


WORKING_RUNS = sorted(name for name in RUNS if name != "undecodable-entries")


@pytest.mark.parametrize("run_name", WORKING_RUNS)
def test_run_survives_its_files_within_2_gib(
        cli_runs: dict[str, tuple[CliRun, Path]], run_name: str) -> None:
    done, report = cli_runs[run_name]
    assert_survived(done, report, 0 if run_name in CLEAN_RUNS else 1)


@pytest.mark.parametrize("run_name", WORKING_RUNS)
def test_no_finding_for_the_valid_inputs_nor_for_ignored_files(
        cli_runs: dict[str, tuple[CliRun, Path]], run_name: str) -> None:
    rows = validasi(cli_runs[run_name][1])
    assert sorted({str(row[3]) for row in rows} - set(expected(run_name)) - {""}) == []
    assert not any(str(name).startswith(".") or name in {"dpa.tmp", "~WRL0005.tmp"}
                   for name in (row[3] for row in rows))


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_file_is_named_with_its_own_code(
        cli_runs: dict[str, tuple[CliRun, Path]], name: str) -> None:
    kind = KINDS[name]
    assert_named(cli_runs[kind.run or name][1], kind.named)
    assert_named(cli_runs["all-together"][1], kind.named)


def test_a_reader_that_aborts_is_reported_and_its_crash_stays_silent(
        cli_runs: dict[str, tuple[CliRun, Path]]) -> None:
    done, report = cli_runs["huge-cell-aborts-reader"]
    assert not any(text in done.stderr for text in NATIVE_CRASH), done.stderr
    [message] = [row[2] for row in validasi(report) if row[3] == "sel-jauh.xlsx"]
    assert "berkas lain tetap diolah" in message


def test_refusals_say_why_in_indonesian(cli_runs: dict[str, tuple[CliRun, Path]]) -> None:
    messages = {row[3]: row[2] for row in validasi(cli_runs["all-together"][1])}
    assert "bom zip" in messages["bom.xlsx"]
    assert "10011 bagian" in messages["banyak.xlsx"]
    assert "XFD1048576" in messages["dimensi.xlsx"]
    assert "entitas" in messages["tawa.xlsx"] and "entitas" in messages["entitas.xlsx"]
    assert "kata sandi" in messages["sandi.xlsx"]
    assert ".xls" in messages["lama.xlsx"] and ".xls" in messages["laporan.xls"]
    assert "terpotong" in messages["terpotong.xlsx"]
    assert "0 byte" in messages["kosong.xlsx"]


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_undecodable_zip_entries_are_named_and_the_run_goes_on(
        cli_runs: dict[str, tuple[CliRun, Path]], name: str) -> None:
    done, report = cli_runs["undecodable-entries"]
    assert_survived(done, report, 1)
    assert_named(report, BROKEN[name].named)


def test_file_name_that_is_not_utf8_is_named_and_the_run_goes_on(tmp_path: Path) -> None:
    source = base_folder(tmp_path / "masukan")
    undecodable_name(source)
    done = run_cli_measured(source, tmp_path / "keluaran")
    assert done.code in (0, 1), done.stderr
    assert_survived(done, tmp_path / "keluaran" / REPORT, done.code)
    names = {str(row[3]) for row in validasi(tmp_path / "keluaran" / REPORT)}
    assert any(name.startswith("real_") and name != "real_01.xlsx" for name in names)


def test_giant_file_does_not_stall_the_run(tmp_path: Path) -> None:
    source = base_folder(tmp_path / "masukan")
    sparse_giant(source / "raksasa.xlsx")
    done = run_cli_measured(source, tmp_path / "keluaran")
    assert done.code == 1, done.stderr
    # Refused before anything reads it: its cells are never inflated.
    assert [row[1] for row in validasi(tmp_path / "keluaran" / REPORT)
            if row[3] == "raksasa.xlsx"] == ["file-too-large"]


# --- worker limits, in process ----------------------------------------------------------


def issues_of(result: RunResult, *codes: str) -> list[Issue]:
    return [found for found in result.report.issues if found.code in codes]


def account(result: RunResult, code: str) -> tuple[int, int]:
    """(anggaran, realisasi) of an LRA account row; (0, 0) when the LRA does not show it."""
    row = next((row for row in result.report.lra if row.kind == "account" and row.code == code),
               None)
    return (0, 0) if row is None else (row.anggaran, row.realisasi)


def test_file_slower_than_the_time_limit_is_unsafe_and_the_others_are_read(
        tmp_path: Path) -> None:
    source = tmp_path / "masukan"
    valid_workbook(source / "real_01.xlsx")
    # ~2 s to parse; real_01 takes a few hundredths in a worker that has warmed up.
    large_workbook(source / "lambat.xlsx", rows=200_000)

    with LocalPool(Limits(seconds=0.5)) as pool:
        parsed, _ = read_all(source, pool, lambda message: None)

    slow, fast = parsed
    [found] = slow.issues
    assert (found.code, found.file, found.severity) == ("file-unsafe", "lambat.xlsx",
                                                        Severity.ERROR)
    assert "tidak selesai dibaca dalam 0.5 detik" in found.message
    assert (fast.path, fast.issues, [len(table.frame) for table in fast.tables]) == (
        "real_01.xlsx", (), [1])


# In a fresh process: a forked worker may reuse the free heap of its parent, which in a
# long test session can hold the whole parse without any new address space.
READ_WITH_MEMORY_LIMIT = r"""
import json, sys
from pathlib import Path
from pipeline.isolation import Limits, LocalPool
from pipeline.reading import read_all
with LocalPool(Limits(memory=int(sys.argv[2]))) as pool:
    parsed, notes = read_all(Path(sys.argv[1]), pool, lambda message: None)
print(json.dumps([[item.path, [found.code for found in item.issues], len(item.tables)]
                  for item in parsed]))
"""


def test_worker_out_of_memory_is_unsafe_not_a_crash(tmp_path: Path) -> None:
    source = tmp_path / "masukan"
    # Needs far more new memory than the free heap a worker inherits from its parent.
    large_workbook(source / "besar.xlsx", rows=200_000)

    done = subprocess.run([sys.executable, "-c", READ_WITH_MEMORY_LIMIT, str(source),
                           str(64 << 20)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=False)

    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert json.loads(done.stdout) == [["besar.xlsx", ["file-unsafe"], 0]]


# --- formula injection: every sheet that copies input text ------------------------------


def injected(prefix: str, number: int) -> str:
    return f'{prefix}HYPERLINK("http://x/{number}","teks {number}")'


PROGRAM_NAME = injected("=", 1)
KEGIATAN_NAME = injected("+", 2)
SUB_NAME = injected("-", 3)
SUB2_NAME = injected("@", 4)
SASARAN_TEXT = injected("\t=", 5)  # the tab (and CR below) is stripped on reading
INDIKATOR = injected("\r+", 6)
ANALISIS = injected("-", 7)
SOLUSI = injected("=", 8)
SUMBER = injected("\t@", 9)
SATUAN = "=1+1"
PROGRAM_INDIKATOR = injected("@", 10)
MENUNJANG = injected("=", 11)
PROGRAM_ANALISIS = injected("\r-", 12)
KODE_PROGRAM = "@SUM(13)"
URAIAN = injected("\r=", 14)
IKU_WITHOUT_PROGRAM = injected("+", 18)
# Where each text must appear, as a text cell (tab and CR stripped).
SHOWN: dict[str, set[str]] = {
    PROGRAM_NAME: {"Realisasi Bulanan", "Ringkasan", "III.A.7", "Rekonsiliasi"},
    KEGIATAN_NAME: {"Realisasi Bulanan"},
    SUB_NAME: {"Realisasi Bulanan"},
    SUB2_NAME: {"Realisasi Bulanan"},
    SASARAN_TEXT: {"III.A.1", "III.A.2", "III.A.3", "III.A.5", "III.A.7"},
    INDIKATOR: {"III.A.1", "III.A.2", "III.A.3", "III.A.5", "III.A.6", "III.A.7", "Ringkasan"},
    ANALISIS: {"III.A.5"},
    SOLUSI: {"III.A.5"},
    SUMBER: {"III.A.1"},
    SATUAN: {"III.A.6"},
    PROGRAM_INDIKATOR: {"III.A.7"},
    MENUNJANG: {"III.A.7"},
    PROGRAM_ANALISIS: {"III.A.7"},
    KODE_PROGRAM: {"Validasi"},
    URAIAN: {"LRA"},
    IKU_WITHOUT_PROGRAM: {"III.A.1", "III.A.5", "Validasi"},  # and in its warning's message
}
PK_SASARAN_HEADER = ["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Polaritas",
                     "Target", "Realisasi", "Kode Program", "Analisis", "Solusi", "Sumber Data"]
PK_PROGRAM_HEADER = ["Kode Program", "Indikator Program", "Target", "Realisasi", "Menunjang",
                     "Analisis", "Anggaran PK"]


def write_pk(path: Path, kriteria: list[list[object]] | None = None) -> Path:
    """A PK whose every text is an injection attempt; write_string keeps them text in the
    input, so any formula in the report would be the pipeline's doing."""
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False,
                                               "strings_to_formulas": False})
    write_sheet(workbook, "Sasaran", PK_SASARAN_HEADER, [
        [1, SASARAN_TEXT, INDIKATOR, SATUAN, "Positif", 80, 90, "1.06.01", ANALISIS, SOLUSI,
         SUMBER],
        [1, None, IKU_WITHOUT_PROGRAM, "%", "Positif", 50, 40, KODE_PROGRAM, "", "", ""],
    ])
    write_sheet(workbook, "Program", PK_PROGRAM_HEADER, [
        ["1.06.01", PROGRAM_INDIKATOR, 100, 95, MENUNJANG, PROGRAM_ANALISIS, 1_400_000],
    ])
    if kriteria is not None:
        write_sheet(workbook, "Kriteria", ["Batas Bawah", "Batas Atas", "Predikat"], kriteria)
    workbook.close()
    return path


def injection_folder(folder: Path, kriteria: list[list[object]] | None = None) -> Path:
    write_dpa(folder / "dpa.xlsx", [
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, None],
        [SUB2, CETAK, URAIAN, 500_000, None],
    ], programs=[
        ["1.06.01", PROGRAM_NAME, ""],
        ["1.06.01.2.01", KEGIATAN_NAME, ""],
        [SUB, SUB_NAME, ""],
        [SUB2, SUB2_NAME, ""],
    ])
    valid_workbook(folder / "real_01.xlsx")
    write_pk(folder / "pk.xlsx", kriteria)
    return folder


def outside_strings(formula: str) -> str:
    """A formula without its string literals ("…", quotes doubled inside)."""
    return re.sub(r'"(?:[^"]|"")*"', '""', formula)


@pytest.fixture(scope="module")
def injection_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("injeksi-pk")
    return run(RunConfig(injection_folder(base / "masukan"), base / "keluaran")).report_path


def test_no_pk_or_program_text_becomes_a_formula(injection_report: Path) -> None:
    workbook = openpyxl.load_workbook(injection_report)
    formulas = [(sheet.title, cell.coordinate, str(cell.value)) for sheet in workbook
                for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert formulas, "the report's own figures are formulas"
    assert [found for found in formulas if "http://x" in found[2] or "SUM(13)" in found[2]
            or "1+1" in found[2]] == []


@pytest.mark.parametrize("text", sorted(SHOWN, key=lambda text: str(text).strip()))
def test_pk_and_program_text_is_kept_as_text_on_every_sheet_that_shows_it(
        injection_report: Path, text: str) -> None:
    workbook = openpyxl.load_workbook(injection_report)
    shown = text.strip()
    where = {sheet.title for sheet in workbook for row in sheet.iter_rows() for cell in row
             if cell.data_type == "s" and cell.value is not None and shown in str(cell.value)}
    assert SHOWN[text] <= where
    exact = {sheet.title for sheet in workbook for row in sheet.iter_rows() for cell in row
             if cell.value == shown}
    assert SHOWN[text] - {"Validasi"} <= exact  # whole cells, not only inside a message


def test_kriteria_label_never_becomes_formula_code(tmp_path: Path) -> None:
    label = 'x")+HYPERLINK("http://x/15","klik'
    source = injection_folder(tmp_path / "masukan", kriteria=[[91, None, label],
                                                              [0, 91, "Kurang"]])
    report = run(RunConfig(source, tmp_path / "keluaran")).report_path
    workbook = openpyxl.load_workbook(report)
    code = [(sheet.title, cell.coordinate, cell.value) for sheet in workbook
            for row in sheet.iter_rows() for cell in row
            if cell.data_type == "f" and "HYPERLINK" in outside_strings(str(cell.value))]
    assert code == []


# --- bad data inside good files ---------------------------------------------------------


SP2D_HEADER = [*REALISASI_HEADER, "Nomor SP2D", "Tanggal"]  # G Nomor SP2D, H Tanggal


def write_rows(path: Path, header: list[str], rows: list[list[object]],
               sheet: str = "Realisasi") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    write_sheet(workbook, sheet, header, rows)
    workbook.close()
    return path


def run_folder(folder: Path, today: dt.date | None = None) -> RunResult:
    return run(RunConfig(folder, folder.parent / "keluaran", today=today))


def test_dpa_line_repeated_exactly_is_a_warning_and_both_are_counted(tmp_path: Path) -> None:
    source = tmp_path / "masukan"
    write_dpa(source / "dpa.xlsx", [
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, None],   # row 2
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, None],   # row 3: pasted twice
        [SUB, CETAK, "Bahan Cetak", 500_000, None],         # row 4
        [SUB2, ATK, "Alat Tulis Kantor", 1_000_000, None],  # row 5: another sub kegiatan
    ])

    result = run_folder(source)

    assert result.report.flatten(PLACE, codes=["line-duplicate"]) == [
        ["line-duplicate", "dpa.xlsx", "Anggaran", "B3", ATK]]
    assert issues_of(result, "line-duplicate")[0].severity is Severity.WARNING
    assert account(result, ATK)[0] == 3_000_000 * SEN


def test_sp2d_row_repeated_is_a_warning_and_both_are_counted(tmp_path: Path) -> None:
    source = tmp_path / "masukan"
    write_dpa(source / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None]])
    write_rows(source / "real_03.xlsx", SP2D_HEADER, [
        [2023, 3, SUB, ATK, "ATK", 40_000, "0012/SP2D/2023", "15/03/2023"],  # row 2
        [2023, 3, SUB, ATK, "ATK", 40_000, "0012/SP2D/2023", "15/03/2023"],  # row 3: again
        [2023, 3, SUB, ATK, "ATK", 25_000, "0012/SP2D/2023", "15/03/2023"],  # row 4: other
        [2023, 3, SUB, ATK, "ATK", 10_000, None, None],                      # row 5
        [2023, 3, SUB, ATK, "ATK", 10_000, None, None],                      # row 6: no SP2D
    ])

    result = run_folder(source)

    assert result.report.flatten(PLACE, codes=["line-duplicate"]) == [
        ["line-duplicate", "real_03.xlsx", "Realisasi", "G3", "0012/SP2D/2023"]]
    assert account(result, ATK)[1] == 125_000 * SEN


def test_dates_after_today_or_outside_the_row_year_are_warnings(tmp_path: Path) -> None:
    source = tmp_path / "masukan"
    write_dpa(source / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None]])
    write_rows(source / "real.xlsx", SP2D_HEADER, [
        [2023, 5, SUB, ATK, "ATK", 10_000, "1/SP2D", dt.datetime(2023, 5, 2)],  # row 2: fine
        [2023, 7, SUB, ATK, "ATK", 20_000, "2/SP2D", dt.datetime(2023, 7, 15)],  # after today
        [2023, 6, SUB, ATK, "ATK", 30_000, "3/SP2D", "31/12/2022"],  # row 4: other year
        [2023, 6, SUB, ATK, "ATK", 40_000, "4/SP2D", "30/06/2023"],  # row 5: today is fine
    ])

    result = run_folder(source, today=dt.date(2023, 6, 30))

    assert result.report.flatten(PLACE, codes=["date-future"]) == [
        ["date-future", "real.xlsx", "Realisasi", "H3", "15-07-2023"],
        ["date-future", "real.xlsx", "Realisasi", "H4", "31-12-2022"],
    ]
    assert {found.severity for found in issues_of(result, "date-future")} == {Severity.WARNING}
    assert account(result, ATK)[1] == 100_000 * SEN  # still counted


@pytest.mark.parametrize("text", ["satu juta", "1,5 juta", "Rp 1 jt", "1.000.000 rupiah",
                                  "\t=1000000", "100.000,-"])
def test_wordy_or_formula_like_amount_is_money_invalid_with_its_cell(
        tmp_path: Path, text: str) -> None:
    source = tmp_path / "masukan"
    write_dpa(source / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None]])
    write_rows(source / "real.xlsx", REALISASI_HEADER, [
        [2023, 1, SUB, ATK, "ATK", 100_000],  # row 2
        [2023, 1, SUB, ATK, "ATK", text],     # row 3
    ])

    result = run_folder(source)

    assert result.report.flatten(PLACE, codes=["money-invalid"]) == [
        ["money-invalid", "real.xlsx", "Realisasi", "F3", text]]
    assert account(result, ATK)[1] == 100_000 * SEN
    kelengkapan = result.report.reconciliation[-1]
    assert (kelengkapan.dinyatakan, kelengkapan.dihitung) == (100_000 * SEN, 100_000 * SEN)
    assert "1 tanpa nilai terbaca" in kelengkapan.uraian


@pytest.mark.parametrize("error", ["#DIV/0!", "#REF!", "#N/A"])
def test_amount_cell_holding_an_excel_error_is_named(tmp_path: Path, error: str) -> None:
    source = tmp_path / "masukan"
    write_dpa(source / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None]])
    path = source / "real.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Realisasi")
    sheet.write_row(0, 0, REALISASI_HEADER)
    sheet.write_row(1, 0, [2023, 1, SUB, ATK, "ATK", 100_000])
    sheet.write_row(2, 0, [2023, 1, SUB, ATK, "ATK"])
    sheet.write_formula(2, 5, "=1/0", None, error)  # F3 shows the error in Excel
    workbook.close()

    result = run_folder(source)

    assert [(i.file, i.sheet, i.cell) for i in result.report.issues if i.cell == "F3"] == [
        ("real.xlsx", "Realisasi", "F3")]


@pytest.mark.parametrize("amount", [1e300, "999.999.999.999.999.999.999"])
def test_amount_too_large_is_a_cell_finding_and_the_other_rows_count(
        tmp_path: Path, amount: object) -> None:
    source = tmp_path / "masukan"
    write_dpa(source / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None]])
    write_rows(source / "real.xlsx", REALISASI_HEADER, [
        [2023, 1, SUB, ATK, "ATK", 100_000],  # row 2
        [2023, 1, SUB, ATK, "ATK", amount],   # row 3
    ])

    result = run_folder(source)

    assert issues_of(result, "file-unsafe") == []
    assert result.report.flatten(["file", "cell"], codes=["money-invalid"]) == [["real.xlsx", "F3"]]
    assert account(result, ATK)[1] == 100_000 * SEN


def test_amounts_whose_sum_overflows_are_not_silently_wrapped(tmp_path: Path) -> None:
    source = tmp_path / "masukan"
    write_dpa(source / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None]])
    huge = 90_000_000_000_000_000  # rupiah: 9e18 sen, just inside int64; twice is not
    write_rows(source / "real.xlsx", REALISASI_HEADER, [
        [2023, 1, SUB, ATK, "ATK", huge],
        [2023, 2, SUB, ATK, "ATK", huge],
    ])

    result = run_folder(source)

    flagged = [i for i in result.report.issues if i.file == "real.xlsx" and i.cell]
    assert account(result, ATK)[1] == 2 * huge * SEN or flagged


def test_identitas_text_with_injection_prefixes_stays_text(tmp_path: Path) -> None:
    source = tmp_path / "masukan"
    write_dpa(source / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, None]],
              identitas={**IDENTITAS, "Pemerintah Daerah": "\t=HYPERLINK(\"http://x/16\")",
                         "Kepala Perangkat Daerah": "\r+HYPERLINK(\"http://x/17\")"})
    report = run_folder(source).report_path
    workbook = openpyxl.load_workbook(report)
    assert [cell.coordinate for sheet in workbook for row in sheet.iter_rows() for cell in row
            if cell.data_type == "f" and "http://x" in str(cell.value)] == []
    texts = {cell.value for row in workbook["Ringkasan"].iter_rows() for cell in row
             if cell.data_type == "s"}
    assert any("http://x/16" in str(text) for text in texts)
    assert any("http://x/17" in str(text) for text in texts)
