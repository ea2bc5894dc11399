"""The command line: exit status, the closing summary on stdout, progress and the one
sentence of a failure on stderr, never a traceback (output contract, "Exit status")."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from builders import ATK, CETAK, SUB, simple_folder, write_dpa, write_realisasi
from workbook_reading import rows_below, sheet_rows

from pipeline import cli
from pipeline.isolation import NO_MEMORY_LIMIT, LocalPool

ROOT = Path(__file__).resolve().parent.parent
REPORT = "LAKIP_2023_dinas-contoh.xlsx"  # Perangkat Daerah "Dinas Contoh" of the builders
DOCUMENT = "LAKIP_2023_dinas-contoh.docx"  # the LAKIP document beside it
PROGRESS = re.compile(r"\[\d+/\d+\] \S.*: (\d+ baris realisasi \(total realisasi \d+\)"
                      r"|\d+ baris (DPA|PK|LRA|bagan akun)|identitas perangkat daerah"
                      r"|tidak ada tabel yang dibaca)"
                      # where workers cannot be given a memory limit (Windows, simulated)
                      f"|{re.escape(NO_MEMORY_LIMIT)}")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """`python run.py ARGS` from the project root, as an officer types it."""
    return subprocess.run([sys.executable, "run.py", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding=console_encoding(), timeout=300, check=False)


def console_encoding() -> str:
    """What the program prints in: UTF-8, or the code page a (simulated) Windows console
    was given (`tests/windows_sim`)."""
    return os.environ.get("PYTHONIOENCODING") or "utf-8"


def no_traceback(*streams: str) -> bool:
    return not any("Traceback" in stream for stream in streams)


def failure_lines(stderr: str) -> list[str]:
    """stderr without the progress lines."""
    return [line for line in stderr.splitlines() if not PROGRESS.fullmatch(line)]


def draft_folder(folder: Path) -> Path:
    """A DPA and one realisasi workbook whose amount `15.000.00` cannot be read."""
    write_dpa(folder / "dpa.xlsx", [
        [SUB, ATK, "Alat Tulis Kantor", 1_000_000, 900_000],
        [SUB, CETAK, "Bahan Cetak", 500_000, None],
    ])
    write_realisasi(folder / "real_01.xlsx", [[2023, 1, SUB, ATK, "ATK", "15.000.00"]])
    return folder


# --- reports written -------------------------------------------------------------------


def test_clean_folder_exits_0_with_summary_and_progress(tmp_path: Path) -> None:
    folder, out = simple_folder(tmp_path / "masukan"), tmp_path / "keluaran"
    done = run_cli("--input", str(folder), "--output", str(out))
    assert done.returncode == 0, done.stderr
    # 900.000 (perubahan) + 500.000 (murni, no perubahan); 100.000 + 250.000 realised.
    # Warnings are allowed with exit 0 (no PK workbook is one), so their count is free.
    summary = [line for line in done.stdout.splitlines() if not line.startswith("Peringatan")]
    assert summary == [
        "Berkas dibaca    : 3",
        "Baris realisasi  : 2",
        "Pagu perubahan   : Rp 1.400.000",
        "Realisasi 2023   : Rp 350.000",
        "Kesalahan        : 0",
        f"Laporan          : {out / REPORT}",
        f"Dokumen          : {out / DOCUMENT}",
    ]
    assert re.search(r"^Peringatan       : \d+$", done.stdout, re.MULTILINE)
    assert (out / REPORT).is_file()
    assert (out / DOCUMENT).is_file()
    lines = done.stderr.splitlines()
    # Files parse in parallel: progress counts up in the order they finish.
    lines = [line for line in lines if line != NO_MEMORY_LIMIT]
    assert [line.split("] ")[0] for line in lines] == ["[1/3", "[2/3", "[3/3"]
    assert sorted(line.split("] ")[1].split(":")[0] for line in lines) == [
        "dpa.xlsx", "real_01.xlsx", "real_02.xlsx"]
    assert all(PROGRESS.fullmatch(line) for line in lines), lines


def test_data_error_exits_1_and_still_writes_the_draft(tmp_path: Path) -> None:
    folder, out = draft_folder(tmp_path / "masukan"), tmp_path / "keluaran"
    done = run_cli("--input", str(folder), "--output", str(out))
    assert done.returncode == 1, done.stderr
    assert "Kesalahan        : 1\n" in done.stdout
    assert f"Laporan          : {out / REPORT}\nDokumen          : {out / DOCUMENT}\n" \
        in done.stdout
    assert no_traceback(done.stdout, done.stderr)
    _, body = rows_below(sheet_rows(out / REPORT, "Validasi"), "Tingkat")
    errors = [row for row in body if row[0] == "Kesalahan"]
    assert [row[3:7] for row in errors] == [["real_01.xlsx", "Realisasi", "F2", "15.000.00"]]
    # The terminal names the file, the cell and the Validasi sheet's own message.
    message = errors[0][2]
    assert "15.000.00" in message
    assert failure_lines(done.stderr) == [
        "Kesalahan yang harus diperbaiki (1):",
        f"  real_01.xlsx › Realisasi!F2: {message}",
        f"DRAFT: 1 kesalahan data; lihat sheet Validasi di {REPORT}."]


def test_warnings_alone_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, out = tmp_path / "masukan", tmp_path / "keluaran"
    write_dpa(folder / "dpa.xlsx", [[SUB, "5.1.02.01.01.9999", "Tidak di bagan", 100, 100]])
    assert cli.main(["--quiet", "--input", str(folder), "--output", str(out)]) == 0
    captured = capsys.readouterr()
    assert "Kesalahan        : 0\n" in captured.out
    warnings = re.search(r"^Peringatan       : (\d+)$", captured.out, re.MULTILINE)
    assert warnings is not None and int(warnings.group(1)) >= 1  # code-unknown at least
    listed = captured.err.splitlines()
    assert listed[0] == f"Peringatan ({warnings.group(1)}):"
    assert "  dpa.xlsx › Anggaran!B2: Kode rekening 5.1.02.01.01.9999 tidak ada" in captured.err
    assert len(listed) == 1 + int(warnings.group(1))
    assert (out / REPORT).is_file()


def test_quiet_prints_no_progress(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, out = simple_folder(tmp_path / "masukan"), tmp_path / "keluaran"
    assert cli.main(["--quiet", "--input", str(folder), "--output", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.startswith("Berkas dibaca    : 3\n")


def test_tanpa_dokumen_writes_only_the_workbook(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    folder, out = simple_folder(tmp_path / "masukan"), tmp_path / "keluaran"
    assert cli.main(["--quiet", "--tanpa-dokumen", "--input", str(folder), "--output",
                     str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == f"Laporan          : {out / REPORT}"
    assert not [line for line in lines if line.startswith("Dokumen")]
    assert sorted(path.name for path in out.iterdir()) == [".lakip-cache", REPORT]


def test_a_document_open_in_word_is_written_beside_it_and_said_so(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    folder, out = simple_folder(tmp_path / "masukan"), tmp_path / "keluaran"
    assert cli.main(["--quiet", "--input", str(folder), "--output", str(out)]) == 0
    capsys.readouterr()
    monkeypatch.setattr("pipeline.report.saving._locked", lambda path: path.name == DOCUMENT)
    assert cli.main(["--quiet", "--input", str(folder), "--output", str(out)]) == 0
    captured = capsys.readouterr()
    sibling = out / "LAKIP_2023_dinas-contoh(2).docx"
    assert captured.out.splitlines()[-2:] == [f"Laporan          : {out / REPORT}",
                                              f"Dokumen          : {sibling}"]
    assert captured.err.splitlines()[0] == (
        f"{DOCUMENT} sedang dibuka di program lain (misalnya Word), jadi dokumen baru ditulis "
        f"sebagai {sibling.name}.")


def test_default_run_processes_the_bundled_example(tmp_path: Path) -> None:
    done = run_cli("--output", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        ".lakip-cache", "LAKIP_2023_dinas-sosial.docx", "LAKIP_2023_dinas-sosial.xlsx"]
    assert done.stdout.endswith(
        f"Laporan          : {tmp_path / 'LAKIP_2023_dinas-sosial.xlsx'}\n"
        f"Dokumen          : {tmp_path / 'LAKIP_2023_dinas-sosial.docx'}\n")
    assert "Kesalahan        : 0\n" in done.stdout


# --- nothing written: exit 2, one sentence, no traceback -------------------------------


def test_missing_input_folder_exits_2_with_one_sentence(tmp_path: Path) -> None:
    missing, out = tmp_path / "tidak-ada", tmp_path / "keluaran"
    done = run_cli("--input", str(missing), "--output", str(out))
    assert done.returncode == 2
    assert done.stderr == f"Gagal: Folder masukan {missing} tidak ditemukan.\n"
    assert done.stdout == ""
    assert no_traceback(done.stdout, done.stderr)
    assert not out.exists()


def test_folder_without_dpa_exits_2_with_one_sentence(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, out = tmp_path / "masukan", tmp_path / "keluaran"
    write_realisasi(folder / "real_01.xlsx", [[2023, 1, SUB, ATK, "ATK", 100_000]])
    assert cli.main(["--input", str(folder), "--output", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert failure_lines(captured.err) == [
        f"Gagal: Tidak ada workbook DPA (dengan sheet Anggaran) di {folder}, juga tidak ada "
        "Rekap atau DPA cetak dari SIPD-RI; laporan tidak dapat dibuat."]
    assert no_traceback(captured.out, captured.err)
    assert not out.exists()


def test_empty_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "kosong"
    folder.mkdir()
    assert cli.main(["--input", str(folder), "--output", str(tmp_path / "keluaran")]) == 2
    captured = capsys.readouterr()
    assert len(captured.err.splitlines()) == 1
    assert captured.err.startswith("Gagal: Tidak ada workbook DPA")


def test_unknown_argument_exits_2_in_indonesian() -> None:
    done = run_cli("--bogus")
    assert done.returncode == 2
    assert done.stderr == ("Gagal: argumen tidak sah (unrecognized arguments: --bogus); "
                           "lihat `python run.py --help`.\n")
    assert done.stdout == ""
    assert no_traceback(done.stdout, done.stderr)


def test_option_without_value_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--input"]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("Gagal: argumen tidak sah (")
    assert len(captured.err.splitlines()) == 1
    assert no_traceback(captured.out, captured.err)


def test_output_path_is_a_file_exits_2(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    folder = simple_folder(tmp_path / "masukan")
    occupied = tmp_path / "laporan.txt"
    occupied.write_text("bukan folder", encoding="utf-8")
    assert cli.main(["--quiet", "--input", str(folder), "--output", str(occupied)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (f"Gagal: laporan tidak dapat ditulis ke {occupied} "
                            "(sudah ada berkas dengan nama itu).\n")
    assert len(captured.err.splitlines()) == 1
    assert no_traceback(captured.out, captured.err)
    assert occupied.read_text(encoding="utf-8") == "bukan folder"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["laporan.txt", "masukan"]


def test_output_path_under_a_file_exits_2(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    folder = simple_folder(tmp_path / "masukan")
    occupied = tmp_path / "laporan.txt"
    occupied.write_text("bukan folder", encoding="utf-8")
    out = occupied / "2023"
    assert cli.main(["--quiet", "--input", str(folder), "--output", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"Gagal: laporan tidak dapat ditulis ke {out} (bukan folder).\n"
    assert len(captured.err.splitlines()) == 1
    assert no_traceback(captured.out, captured.err)


def test_internal_crash_is_one_sentence_and_a_log(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("rusak di tengah jalan")

    monkeypatch.setattr("pipeline.run.run", crash)
    folder, out = simple_folder(tmp_path / "masukan"), tmp_path / "keluaran"
    assert cli.main(["--input", str(folder), "--output", str(out)]) == 2
    captured = capsys.readouterr()
    log = out / "lakip-galat.log"
    assert captured.out == ""
    assert captured.err == ("Gagal: terjadi kesalahan internal program; laporan tidak ditulis. "
                            f"Kirim berkas {log} kepada pengembang.\n")
    text = log.read_text(encoding="utf-8")
    assert text.startswith("Traceback (most recent call last):")
    assert "RuntimeError: rusak di tengah jalan" in text
    assert sorted(path.name for path in out.iterdir()) == ["lakip-galat.log"]


def test_internal_crash_log_falls_back_to_temp_when_output_is_a_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("rusak")

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    monkeypatch.setattr("pipeline.run.run", crash)
    occupied = tmp_path / "laporan.txt"
    occupied.write_text("", encoding="utf-8")
    assert cli.main(["--input", str(tmp_path), "--output", str(occupied)]) == 2
    captured = capsys.readouterr()
    assert len(captured.err.splitlines()) == 1
    assert f"Kirim berkas {temp / 'lakip-galat.log'} kepada" in captured.err
    assert "RuntimeError: rusak" in (temp / "lakip-galat.log").read_text(encoding="utf-8")


# --- version and help -----------------------------------------------------------------


def test_version_exits_0() -> None:
    done = run_cli("--version")
    assert done.returncode == 0
    assert done.stdout == "LAKIP Pipeline 0.1.0\n"
    assert done.stderr == ""


def test_help_documents_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == 0
    text = capsys.readouterr().out
    for option in ("--input", "--output", "--quiet", "--tanpa-dokumen", "--version"):
        assert option in text
    assert "Menyusun laporan LAKIP dan LRA" in text


# --- bugs -----------------------------------------------------------------------------


def test_report_inside_the_input_folder_is_not_read_as_input(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = simple_folder(tmp_path / "masukan")
    out = folder / "laporan"
    arguments = ["--quiet", "--input", str(folder), "--output", str(out)]
    assert cli.main(arguments) == 0
    first = (out / REPORT).read_bytes()
    capsys.readouterr()
    assert cli.main(arguments) == 0
    assert "Berkas dibaca    : 3\n" in capsys.readouterr().out
    assert sorted(path.name for path in out.iterdir()) == [".lakip-cache", DOCUMENT, REPORT]
    assert (out / REPORT).read_bytes() == first


def test_the_command_line_imports_no_pipeline_until_there_is_work() -> None:
    """`--help` and argument errors answer at once: importing the command line loads neither
    pandas nor the parser (measured: about 0.04 s against 0.7 s with them)."""
    heavy = "{'pandas', 'pandera', 'pipeline.run', 'xlsxwriter'}"
    # The pool too: the command line starts the workers before it loads the pipeline.
    probe = (f"import sys, pipeline.cli, pipeline.isolation; "
             f"print(sorted({heavy} & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_the_main_process_never_loads_pandera() -> None:
    """Sheets are validated in the parse workers; the process that runs the pipeline after
    them imports every stage but does not pay pandera's import (about 0.2 s a run)."""
    probe = ("import sys, pipeline.cli, pipeline.run, pipeline.pemda, pipeline.parse; "
             "print('pandera' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "False"


def test_a_run_for_one_opd_does_not_load_the_consolidation(tmp_path: Path) -> None:
    """Whether the input is a pemda folder is asked of every run; the answer reads sheet
    names only, and the consolidation and its workbook (about 0.2 s of imports) load only
    for a pemda."""
    folder = simple_folder(tmp_path / "masukan")
    probe = ("import sys\n"
             "from pipeline import cli\n"
             "status = cli.main(['--quiet', '--input', sys.argv[1], '--output', sys.argv[2]])\n"
             "print(status, sorted({'pipeline.pemda', 'pipeline.consolidate'} & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", probe, str(folder), str(tmp_path / "out")],
                          cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "0 []"


def test_the_entry_exits_with_the_status_of_main_and_leaves_teardown_to_the_system(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "main", lambda: 1)
    frozen: list[bool] = []
    monkeypatch.setattr(cli.gc, "freeze", lambda: frozen.append(True))
    with pytest.raises(SystemExit) as stopped:
        cli.entry()
    assert stopped.value.code == 1
    assert frozen == [True]


def test_workers_start_only_for_the_files_the_cache_does_not_answer(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new month starts one worker, a run the cache answers whole starts none (workers
    that load pandas for nothing slow the run on two cores); the pool still starts on
    demand when a file needs parsing after all."""
    folder, out = simple_folder(tmp_path / "masukan"), tmp_path / "keluaran"
    started: list[int] = []
    monkeypatch.setattr(LocalPool, "start", lambda pool, files: started.append(files))
    arguments = ["--quiet", "--input", str(folder), "--output", str(out)]
    assert cli.main(arguments) == 0
    write_realisasi(folder / "real_03.xlsx", [[2023, 3, SUB, ATK, "ATK", 50_000]])
    assert cli.main(arguments) == 0
    assert cli.main(arguments) == 0
    assert cli.main([*arguments, "--no-cache"]) == 0
    assert started == [3, 1, 0, 4]


def test_with_nothing_cached_the_workers_start_before_the_files_are_hashed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a first run every file is to parse: the workers load the parser while this process
    hashes the files (on a shared folder, a read of every byte over the network). Once a
    cache exists, the digests come first, to count the files it does not answer."""
    from pipeline import digest

    folder, out = simple_folder(tmp_path / "masukan"), tmp_path / "keluaran"
    events: list[str] = []
    monkeypatch.setattr(LocalPool, "start",
                        lambda pool, files: events.append(f"start {files}"))
    hash_files = digest.known_digests
    monkeypatch.setattr(digest, "known_digests",
                        lambda paths: events.append("hash") or hash_files(paths))
    arguments = ["--quiet", "--input", str(folder), "--output", str(out)]
    assert cli.main(arguments) == 0
    assert events == ["start 3", "hash"]
    events.clear()
    assert cli.main(arguments) == 0
    assert events == ["hash", "start 0"]


def test_many_errors_are_listed_ten_then_counted(tmp_path: Path) -> None:
    folder, out = tmp_path / "masukan", tmp_path / "keluaran"
    write_dpa(folder / "dpa.xlsx", [[SUB, ATK, "Alat Tulis Kantor", 1_000_000, 900_000]])
    write_realisasi(folder / "real_01.xlsx",
                    [[2023, 1, SUB, ATK, "ATK", f"{number}.000.00"] for number in range(10, 22)])
    done = run_cli("--input", str(folder), "--output", str(out))
    assert done.returncode == 1, done.stderr
    lines = failure_lines(done.stderr)
    assert lines[0] == "Kesalahan yang harus diperbaiki (12):"
    assert [line.split(":")[0] for line in lines[1:11]] == [
        f"  real_01.xlsx › Realisasi!F{row}" for row in range(2, 12)]
    assert lines[11] == "  dan 2 lainnya (lihat sheet Validasi)"


def test_a_console_without_the_characters_does_not_stop_the_run(tmp_path: Path) -> None:
    """A console in a legacy code page lacks characters the messages use; ASCII, the poorest,
    lacks even `›`, which prints as `?`."""
    folder, out = draft_folder(tmp_path / "masukan"), tmp_path / "keluaran"
    done = subprocess.run([sys.executable, "run.py", "--input", str(folder), "--output", str(out)],
                          cwd=ROOT, capture_output=True, timeout=300, check=False,
                          env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert done.returncode == 1, done.stderr
    assert b"Traceback" not in done.stderr
    assert b"real_01.xlsx ? Realisasi!F2: " in done.stderr
