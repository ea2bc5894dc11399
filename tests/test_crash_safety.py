"""Crash safety: killing a run at any moment never damages the report under its final name.

A first complete run writes report R. The input then changes (one more realisasi file),
so a second run would write a different report N. That second run is started as an
officer does (`python run.py --input … --output …` from the project root) and killed
with SIGKILL: as soon as its temporary `.lakip-*.xlsx.part` appears, a few milliseconds
later (in the middle of writing it), and at fixed delays from its start. After every kill
the file under the final name is byte for byte R or N (N is known: the same input gives
the same bytes), every kept `…sebelum-….xlsx` copy is R, and nothing else but a hidden
`.part` leftover (and the parse cache) lies in the folder; the next complete run still gives N.
The LAKIP document beside the report is held to the same: R's or N's, whole.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from builders import ATK, CETAK, SUB, simple_folder, write_realisasi
from hostile_files import ROOT, run_cli_measured

from pipeline.run import RunConfig, run

REPORT = "LAKIP_2023_dinas-contoh.xlsx"
DOCUMENT = "LAKIP_2023_dinas-contoh.docx"
CACHE = ".lakip-cache"  # the parse cache the command line keeps in the output folder
# How to kill: ("part", s) s seconds after the .part file appears; ("start", s) s seconds
# after the run starts.
ATTEMPTS = 5  # tries for the kill while the temporary file is written
KILLS = [("part", 0.0), ("part", 0.01), ("part", 0.05), ("start", 0.05), ("start", 0.6),
         ("start", 1.3)]


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, bytes]:
    """The changed input folder, the first report R and the report N of the changed input."""
    base = tmp_path_factory.mktemp("crash")
    source = simple_folder(base / "masukan")
    before = run(RunConfig(source, base / "pertama")).report_path.read_bytes()
    write_realisasi(source / "real_03.xlsx", [[2023, 3, SUB, ATK, "ATK", 70_000],
                                              [2023, 3, SUB, CETAK, "Cetak", "30.000"]])
    after = run(RunConfig(source, base / "kedua")).report_path.read_bytes()
    assert before != after
    return source, before, after


@pytest.fixture(scope="module")
def documents(reports: tuple[Path, bytes, bytes]) -> tuple[bytes, bytes]:
    """The documents of R and N, written by the fixture's runs beside them."""
    base = reports[0].parent
    before, after = ((base / folder / DOCUMENT).read_bytes() for folder in ("pertama", "kedua"))
    assert before != after
    return before, after


def start_run(source: Path, out: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "run.py", "--input", str(source), "--output",
                             str(out)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)


def kill(process: subprocess.Popen[bytes]) -> str:
    """SIGKILL the run and its workers (its own session); its stderr."""
    with contextlib.suppress(ProcessLookupError):  # it had already finished
        os.killpg(process.pid, signal.SIGKILL)
    _, stderr = process.communicate(timeout=30)
    return stderr.decode("utf-8", "replace")


def kill_when(process: subprocess.Popen[bytes], out: Path, trigger: str, delay: float) -> bool:
    """Wait for the trigger, then kill; whether the kill came before the run ended."""
    started = time.monotonic()
    if trigger == "part":
        while not list(out.glob(".lakip-*.xlsx.part")):
            if process.poll() is not None or time.monotonic() - started > 60:
                return False
            time.sleep(0.0005)
    else:
        time.sleep(delay)
        delay = 0.0
    time.sleep(delay)
    return process.poll() is None


def assert_complete_report(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
    assert "LRA" in openpyxl.load_workbook(path, read_only=True).sheetnames


@pytest.mark.parametrize(("trigger", "delay"), KILLS)
def test_kill_leaves_the_previous_report_or_the_complete_new_one(
        reports: tuple[Path, bytes, bytes], documents: tuple[bytes, bytes], tmp_path: Path,
        trigger: str, delay: float) -> None:
    source, before, after = reports
    # Killing the run while its temporary file is being written is a race on a busy machine:
    # when the writer wins it (the report already renamed), the same kill is tried again.
    for attempt in range(ATTEMPTS):
        out = tmp_path / f"keluaran-{attempt}"
        out.mkdir()
        (out / REPORT).write_bytes(before)
        (out / DOCUMENT).write_bytes(documents[0])
        process = start_run(source, out)
        killed_in_time = kill_when(process, out, trigger, delay)
        stderr = kill(process)
        if (trigger, delay) != ("part", 0.0) or (out / REPORT).read_bytes() == before:
            break

    assert "Traceback" not in stderr
    final = (out / REPORT).read_bytes()
    assert final in (before, after), "a partial report under the final name"
    assert_complete_report(out / REPORT)
    kept = sorted(out.glob("LAKIP_2023_dinas-contoh.sebelum-*.xlsx"))
    assert [path.read_bytes() == before for path in kept] == [True] * len(kept)
    assert len(kept) == (final == after)  # R is kept exactly when N replaced it
    document = (out / DOCUMENT).read_bytes()
    assert document in documents, "a partial document under the final name"
    kept_documents = sorted(out.glob("LAKIP_2023_dinas-contoh.sebelum-*.docx"))
    assert [path.read_bytes() for path in kept_documents] == [documents[0]] * (
        document == documents[1])
    others = [path.name for path in out.iterdir()
              if path.name not in (REPORT, DOCUMENT) and path not in kept + kept_documents
              and not path.name.startswith(".")]
    assert others == []
    leftovers = [path.name for path in out.iterdir()
                 if path.name.startswith(".") and path.name != CACHE]
    assert all(re.fullmatch(r"\.lakip-.*\.(xlsx|docx)\.part", name) for name in leftovers)
    if (trigger, delay) == ("part", 0.0):  # killed while writing the temporary file
        assert killed_in_time and leftovers and final == before
        assert document == documents[0]
        done = run_cli_measured(source, out)  # the leftover does not disturb the next run
        assert done.code == 0 and (out / REPORT).read_bytes() == after, done.stderr
        assert (out / DOCUMENT).read_bytes() == documents[1]


KILL_BETWEEN_RENAMES = r"""
import os, signal, sys
from pathlib import Path
out = Path(sys.argv[2]).resolve()
rename = os.replace
def replace(source, target, *args, **kwargs):
    rename(source, target, *args, **kwargs)
    if Path(target).resolve().parent == out:  # the earlier report moved aside: die here
        os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace
from pipeline.cli import main
sys.exit(main(["--input", sys.argv[1], "--output", sys.argv[2], "--quiet"]))
"""


def test_kill_between_the_two_renames_keeps_a_report_under_the_final_name(
        reports: tuple[Path, bytes, bytes], tmp_path: Path) -> None:
    source, before, after = reports
    out = tmp_path / "keluaran"
    out.mkdir()
    (out / REPORT).write_bytes(before)

    done = subprocess.run([sys.executable, "-c", KILL_BETWEEN_RENAMES, str(source), str(out)],
                          cwd=ROOT, capture_output=True, timeout=60, check=False)

    assert done.returncode == -signal.SIGKILL
    [kept] = out.glob("LAKIP_2023_dinas-contoh.sebelum-*.xlsx")
    assert kept.read_bytes() == before
    assert (out / REPORT).is_file()
