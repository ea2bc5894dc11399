"""The pipeline in a simulated Windows process (`tests/windows_sim/sitecustomize.py`): no
`resource`, `fcntl` or `termios`, no `os.fork`, `spawn` for every process, a cp1252 console.
CI also runs the end-to-end tests inside that simulation (`.ci/run`)."""

from __future__ import annotations

import os
import pkgutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from builders import ATK, SUB, simple_folder, write_realisasi
from conftest import EXAMPLE, ROOT

import pipeline
from pipeline.isolation import NO_MEMORY_LIMIT
from pipeline.run import RunResult

SIMULATION = ROOT / "tests" / "windows_sim"


def simulated(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[bytes]:
    """`python ARGS` from the project root in a simulated Windows process."""
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=simulated_env(),
                          capture_output=True, timeout=timeout, check=False)


def simulated_env() -> dict[str, str]:
    paths = [str(SIMULATION), *filter(None, [os.environ.get("PYTHONPATH")])]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def test_the_simulation_takes_away_what_windows_lacks() -> None:
    probe = ("import os, multiprocessing\n"
             "try:\n    import resource\nexcept ImportError:\n    resource = None\n"
             "print(hasattr(os, 'fork'), resource is None, multiprocessing.get_start_method())")
    done = simulated("-c", probe)
    assert done.stdout.decode().split() == ["False", "True", "spawn"], done.stderr


def test_no_module_of_the_package_needs_posix_to_import() -> None:
    names = [module.name for module in pkgutil.walk_packages(pipeline.__path__, "pipeline.")
             if module.name != "pipeline.__main__"]  # that one runs the program
    names += ["schemas"]
    assert len(names) > 40
    done = simulated("-c", "import importlib, sys\n"
                           "for name in sys.argv[1:]:\n    importlib.import_module(name)", *names)
    assert done.returncode == 0, done.stderr.decode(errors="replace")


def test_the_example_gives_the_same_report(example_run: RunResult, tmp_path: Path) -> None:
    done = simulated("run.py", "--input", str(EXAMPLE), "--output", str(tmp_path))
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert b"Traceback" not in done.stderr
    # No memory limit without POSIX rlimits: said once, not a failure.
    assert done.stderr.decode("cp1252").count(NO_MEMORY_LIMIT) == 1
    report = tmp_path / example_run.report_path.name
    assert report.read_bytes() == example_run.report_path.read_bytes()


def test_a_draft_names_its_cell_in_a_cp1252_console(tmp_path: Path) -> None:
    folder = simple_folder(tmp_path / "masukan")
    write_realisasi(folder / "real_03.xlsx", [[2023, 3, SUB, ATK, "ATK", "15.000.00"]])
    done = simulated("run.py", "--input", str(folder), "--output", str(tmp_path / "keluaran"))
    assert done.returncode == 1, done.stderr.decode(errors="replace")
    assert "real_03.xlsx › Realisasi!F2: Realisasi '15.000.00'" in done.stderr.decode("cp1252")


def test_templates_are_written(tmp_path: Path) -> None:
    done = simulated("run.py", "templates", "--output", str(tmp_path))
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "Template_DPA.xlsx", "Template_PK.xlsx", "Template_Realisasi.xlsx"]


@pytest.mark.skipif(not hasattr(signal, "SIGTERM"), reason="needs SIGTERM")
def test_watch_with_polling_makes_a_report_and_stops_cleanly(tmp_path: Path) -> None:
    folder, out = simple_folder(tmp_path / "masukan"), tmp_path / "laporan"
    watcher = subprocess.Popen([sys.executable, "run.py", "watch", str(folder), "--output",
                                str(out), "--polling", "--tenang", "0.5"], cwd=ROOT,
                               env=simulated_env(), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not (out / "LAKIP_2023_dinas-contoh.xlsx").exists():
            assert watcher.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)
    finally:
        watcher.send_signal(signal.SIGTERM)
        stdout, stderr = watcher.communicate(timeout=60)
    assert watcher.returncode == 0, stderr.decode(errors="replace")
    assert b"laporan final" in stdout and stdout.rstrip().endswith(b"Berhenti memantau.")


def test_folders_with_spaces_and_non_ascii_names(tmp_path: Path) -> None:
    folder = simple_folder(tmp_path / "Dinas Sosial – Kab. Labura" / "Realisasi Tahun 2023 ü")
    out = tmp_path / "Laporan Akhir ñ"
    done = simulated("run.py", "--input", str(folder), "--output", str(out))
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert (out / "LAKIP_2023_dinas-contoh.xlsx").is_file()
