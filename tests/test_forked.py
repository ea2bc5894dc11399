"""pipeline.forked: a result computed in a forked child is the result computed here, and
a child that fails in any way costs nothing but the time to compute it here."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from builders import simple_folder

from pipeline import forked
from pipeline.forked import Forked
from pipeline.run import RunConfig, run


def where_and_what(size: int = 10) -> tuple[int, list[int]]:
    return os.getpid(), list(range(size))


def test_the_result_is_computed_in_a_child() -> None:
    with Forked(where_and_what) as side:
        pid, values = side.result()
    assert pid != os.getpid()
    assert values == list(range(10))


def test_a_result_larger_than_a_pipe_buffer_arrives_whole() -> None:
    with Forked(lambda: where_and_what(1_000_000)) as side:
        pid, values = side.result()
    assert pid != os.getpid() and values == list(range(1_000_000))


def crashing() -> tuple[int, list[int]]:
    if os.getpid() != PARENT:
        os._exit(3)
    return where_and_what()


def failing() -> tuple[int, list[int]]:
    if os.getpid() != PARENT:
        raise ValueError("only in the child")
    return where_and_what()


PARENT = os.getpid()


@pytest.mark.parametrize("compute", [crashing, failing])
def test_a_failed_child_leaves_the_computation_to_the_caller(compute) -> None:  # type: ignore[no-untyped-def]
    with Forked(compute) as side:
        pid, values = side.result()
    assert pid == os.getpid() and values == list(range(10))


def test_an_error_of_the_computation_itself_reaches_the_caller() -> None:
    def broken() -> None:
        raise KeyError("rusak")

    with Forked(broken) as side, pytest.raises(KeyError, match="rusak"):
        side.result()


def test_without_fork_it_is_computed_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise OSError("no fork here")

    monkeypatch.setattr(forked, "_fork", no_fork)
    with Forked(where_and_what) as side:
        assert side.result()[0] == os.getpid()


def test_a_child_whose_result_is_not_taken_is_stopped() -> None:
    with Forked(lambda: time.sleep(60)) as side:
        child = side.pid
        assert child
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # already reaped: neither running nor a zombie


def test_the_report_is_the_same_with_or_without_the_child(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = simple_folder(tmp_path / "masukan")
    with_child = run(RunConfig(folder, tmp_path / "bercabang")).report_path.read_bytes()

    def no_fork() -> int:
        raise OSError("no fork here")

    monkeypatch.setattr(forked, "_fork", no_fork)
    alone = run(RunConfig(folder, tmp_path / "sendiri")).report_path.read_bytes()
    assert with_child == alone
