"""The dask.distributed executor on a real `LocalCluster` of worker processes: the same
report as the local pool, files sent as bytes or read from their path, and a file that
kills its worker costs only that file, after one retry on another worker."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from builders import simple_folder
from conftest import EXAMPLE, ROOT

from pipeline.executor import ParseJob
from pipeline.run import RunConfig, RunResult, run

pytest.importorskip("distributed")

from pipeline.cluster import ClusterExecutor, local_cluster  # noqa: E402


@pytest.fixture(scope="module")
def cluster() -> Iterator[ClusterExecutor]:
    with local_cluster(2) as executor:
        yield executor


def test_the_example_gives_the_same_report_bytes(cluster: ClusterExecutor,
                                                 example_run: RunResult, tmp_path: Path) -> None:
    result = run(RunConfig(EXAMPLE, tmp_path), executor=cluster)
    assert result.report_path.read_bytes() == example_run.report_path.read_bytes()


def test_files_sent_as_bytes_give_the_same_report(cluster: ClusterExecutor,
                                                  tmp_path: Path) -> None:
    folder = simple_folder(tmp_path / "masukan")
    by_path = run(RunConfig(folder, tmp_path / "jalur"), executor=cluster)
    sending = ClusterExecutor(cluster.client, send_bytes=True)
    by_bytes = run(RunConfig(folder, tmp_path / "isi"), executor=sending)
    assert by_bytes.report_path.read_bytes() == by_path.report_path.read_bytes()
    assert [item.path for item in by_bytes.report.files] == [
        "dpa.xlsx", "real_01.xlsx", "real_02.xlsx"]


def test_a_file_that_kills_its_worker_is_retried_once_then_named(tmp_path: Path) -> None:
    # One worker: without one task per worker thread, the files queued behind berkas_1 on
    # the worker it kills, twice, would be named for a crash that is not theirs.
    jobs = []
    for number in range(3):
        path = tmp_path / f"berkas_{number}.xlsx"
        path.write_bytes(b"x")
        jobs.append(ParseJob(path, path.name, f"digest-{number}"))

    with local_cluster(1) as single:
        crashing = ClusterExecutor(single.client, parse="fake_parsers:crash_on_berkas_1")
        results = {item.path: item for item in crashing.parse(jobs)}

    [found] = results["berkas_1.xlsx"].issues
    assert found.code == "file-unsafe" and "berhenti mendadak" in found.message
    attempts = (tmp_path / "attempts.txt").read_text().split()
    assert len(attempts) == 2 and len(set(attempts)) == 2  # once more, in another process
    assert [name for name, parsed in results.items() if parsed.issues] == ["berkas_1.xlsx"]


def test_the_command_line_runs_on_a_local_cluster(tmp_path: Path) -> None:
    folder = simple_folder(tmp_path / "masukan")
    done = subprocess.run([sys.executable, "run.py", "--workers", "1", "--input", str(folder),
                           "--output", str(tmp_path / "keluaran")], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "keluaran" / "LAKIP_2023_dinas-contoh.xlsx").is_file()


def test_a_scheduler_out_of_reach_is_one_sentence(tmp_path: Path) -> None:
    folder = simple_folder(tmp_path / "masukan")
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    done = subprocess.run([sys.executable, "run.py", "--scheduler", "tcp://127.0.0.1:9",
                           "--input", str(folder), "--output", str(tmp_path / "keluaran")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
                          env=env)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Gagal: klaster dask (tcp://127.0.0.1:9)")
    assert "Traceback" not in done.stderr


def test_a_pemda_on_the_cluster_gives_the_local_consolidation(cluster: ClusterExecutor,
                                                              tmp_path: Path) -> None:
    from test_pemda import run_folder, three_opds

    from pipeline.pemda import run_pemda
    from pipeline.pemda_folders import pemda_layout

    source = three_opds(tmp_path / "masukan")
    local = run_folder(source, tmp_path / "lokal")
    layout = pemda_layout(source)
    assert layout is not None
    distributed = run_pemda(RunConfig(source, tmp_path / "klaster"), layout, cluster)
    assert distributed.consolidated.lra == local.consolidated.lra
    assert distributed.path.read_bytes() == local.path.read_bytes()
