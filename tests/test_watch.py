"""The drop folder, with the real watchdog observer on a temporary folder: files dropped one
by one, a slow copy in two halves, a broken file dropped later, a file removed."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from builders import simple_folder
from hostile_files import broken_legacy
from workbook_reading import sheet_rows

from pipeline.run import RunConfig, run
from pipeline.watch import Settle, Watcher

QUIET = 0.4


def wait_for(condition: Callable[[], bool], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("the watcher did not get there in time")


@pytest.fixture(params=[False, True], ids=["events", "polling"])
def watching(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Watcher, list[str]]]:
    """A watcher running in a thread on an empty folder; yields it with its printed lines."""
    folder = tmp_path / "masukan"
    folder.mkdir()
    lines: list[str] = []
    watcher = Watcher(folder, tmp_path / "laporan", quiet=QUIET, polling=request.param,
                      say=lines.append)
    thread = threading.Thread(target=watcher.watch, daemon=True)
    thread.start()
    wait_for(lambda: len(lines) == 1)  # the run at start: no DPA yet
    yield watcher, lines
    watcher.stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()


def report_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if "laporan final" in line or "laporan DRAFT" in line]


def test_a_folder_filled_file_by_file_gives_the_batch_report(
        watching: tuple[Watcher, list[str]], tmp_path: Path) -> None:
    watcher, lines = watching
    source = simple_folder(tmp_path / "sumber")
    assert "Belum ada laporan" in lines[0]
    shutil.copy(source / "dpa.xlsx", watcher.folder / "dpa.xlsx")
    wait_for(lambda: len(report_lines(lines)) == 1)
    shutil.copy(source / "real_01.xlsx", watcher.folder / "real_01.xlsx")
    wait_for(lambda: len(report_lines(lines)) == 2)
    # the last file arrives slowly: half, a pause longer than the quiet time, the rest
    data = (source / "real_02.xlsx").read_bytes()
    target = watcher.folder / "real_02.xlsx"
    with target.open("wb") as stream:
        stream.write(data[: len(data) // 2])
        stream.flush()
        time.sleep(QUIET * 2.5)
        stream.write(data[len(data) // 2:])
    wait_for(lambda: any(" 3 berkas," in line for line in report_lines(lines)))
    time.sleep(QUIET * 3)
    # The half-written file was never read: reading it would be an error in some report.
    # (How many runs the events make is the observer's timing, under load too: a late event
    # of an earlier copy may add a run, with the same report.)
    assert all(", 0 kesalahan," in line for line in report_lines(lines))
    batch = run(RunConfig(source, tmp_path / "batch"))
    watched = watcher.output / batch.report_path.name
    for sheet in ("LRA", "Realisasi Bulanan", "Rekonsiliasi"):
        assert sheet_rows(watched, sheet) == sheet_rows(batch.report_path, sheet), sheet


def test_a_broken_file_is_named_and_the_watcher_keeps_running(
        watching: tuple[Watcher, list[str]], tmp_path: Path) -> None:
    watcher, lines = watching
    source = simple_folder(tmp_path / "sumber")
    for name in ("dpa.xlsx", "real_01.xlsx"):
        shutil.copy(source / name, watcher.folder / name)
    wait_for(lambda: any("2 berkas" in line for line in report_lines(lines)))
    (watcher.folder / "rusak.xlsx").write_text("bukan workbook", encoding="utf-8")
    wait_for(lambda: any("rusak.xlsx" in line for line in report_lines(lines)))
    broken = report_lines(lines)[-1]
    assert "laporan DRAFT" in broken and "1 kesalahan" in broken
    # The message an officer reads, not the finding's code.
    assert "(kesalahan pertama: rusak.xlsx: Berkas ini bukan workbook Excel (.xlsx)" in broken
    assert "file-not-workbook" not in broken
    (watcher.folder / "rusak.xlsx").unlink()
    wait_for(lambda: report_lines(lines)[-1] != broken)
    assert ", 0 kesalahan," in report_lines(lines)[-1]
    rows = sheet_rows(watcher.output / "LAKIP_2023_dinas-contoh.xlsx", "Validasi")
    assert not any("rusak.xlsx" in str(cell) for row in rows for cell in row)


def test_a_removed_file_leaves_the_report(watching: tuple[Watcher, list[str]],
                                          tmp_path: Path) -> None:
    watcher, lines = watching
    source = simple_folder(tmp_path / "sumber")
    for name in ("dpa.xlsx", "real_01.xlsx", "real_02.xlsx"):
        shutil.copy(source / name, watcher.folder / name)
    wait_for(lambda: any("3 berkas" in line for line in report_lines(lines)))
    (watcher.folder / "real_02.xlsx").unlink()
    wait_for(lambda: "2 berkas" in report_lines(lines)[-1])
    assert ", 1 baris realisasi," in report_lines(lines)[-1]


def test_an_xls_or_csv_download_dropped_starts_a_run(watching: tuple[Watcher, list[str]],
                                                     tmp_path: Path) -> None:
    """Downloads come as CSV and old `.xls` too: each one dropped is read by a new run."""
    watcher, lines = watching
    source = simple_folder(tmp_path / "sumber")
    shutil.copy(source / "dpa.xlsx", watcher.folder / "dpa.xlsx")
    wait_for(lambda: any(" 1 berkas," in line for line in report_lines(lines)))
    (watcher.folder / "lra_simda_2016.csv").write_text(
        "NO URUT;URAIAN;ANGGARAN 2016;REALISASI 2016;(%);REALISASI 2015\n"
        "5;BELANJA;2.145.600,00;1.987.432,00;92,63;1.876.000,00\n", encoding="utf-8")
    wait_for(lambda: " 2 berkas," in report_lines(lines)[-1])
    broken_legacy(watcher.folder / "rekap_lama.xls")
    wait_for(lambda: " 3 berkas," in report_lines(lines)[-1])
    assert "rekap_lama.xls" in report_lines(lines)[-1]  # unreadable: the first error named


def test_lock_and_temporary_files_start_no_run(watching: tuple[Watcher, list[str]]) -> None:
    watcher, lines = watching
    (watcher.folder / "~$dpa.xlsx").write_bytes(b"lock")
    (watcher.folder / ".tersembunyi.xlsx").write_bytes(b"x")
    (watcher.folder / "salin.xlsx.tmp").write_bytes(b"x")
    time.sleep(QUIET * 4)
    assert len(lines) == 1


def test_settle_waits_for_quiet_then_for_a_complete_file(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"PK\x03\x04 half")
    settle = Settle(quiet=1.0, patience=10.0)
    settle.note(path, now=100.0)
    assert not settle.ready(100.5)  # not quiet yet
    assert not settle.ready(101.5)  # first look at its size
    assert not settle.ready(102.0)  # size held, but not a readable zip: still arriving
    assert settle.ready(111.6)  # held still for the patience: broken, let the run name it
    assert settle.take() == {path}
    assert not settle.ready(200.0)



@pytest.mark.parametrize("name", ["lra.csv", "rekap.xls"])
def test_settle_takes_a_csv_or_xls_once_its_size_holds(tmp_path: Path, name: str) -> None:
    """A CSV or an old `.xls` is no zip: its size holding still is all there is to wait for,
    never the patience given to a broken xlsx."""
    path = tmp_path / name
    path.write_bytes(b"NO URUT;URAIAN\n")
    settle = Settle(quiet=1.0, patience=10.0)
    settle.note(path, now=100.0)
    assert not settle.ready(101.5)  # first look at its size
    assert settle.ready(102.0)  # size held: ready

@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_the_command_stops_cleanly_on_a_signal(tmp_path: Path, stop: signal.Signals) -> None:
    folder = simple_folder(tmp_path / "masukan")
    root = Path(__file__).resolve().parent.parent
    process = subprocess.Popen(
        [sys.executable, "run.py", "watch", str(folder), "--output", str(tmp_path / "out"),
         "--tenang", str(QUIET)], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    report = tmp_path / "out" / "LAKIP_2023_dinas-contoh.xlsx"
    try:
        wait_for(report.exists)
        process.send_signal(stop)
        out, err = process.communicate(timeout=20)
    finally:
        process.kill()
    assert process.returncode == 0
    assert "Traceback" not in out + err
    assert out.splitlines()[-1] == "Berhenti memantau."
