"""The parse workers: reused from file to file, replaced when one fails, and a file's
verdict never depends on the files a worker parsed before it. A lone large file is parsed
in parts by both workers, and any failure of a part sends it whole to a fresh worker.

The workers are forked, so a reader patched here is the reader they run; each failure is
decided inside the worker, from what that worker has parsed so far.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from builders import ATK, CETAK, REALISASI_HEADER, SUB, write_realisasi

from pipeline import isolation, parse, parts
from pipeline.isolation import Limits, parse_isolated
from pipeline.tables import ParsedFile

parsed_here: list[str] = []  # in each worker: the files it has parsed, in order


def files(tmp_path: Path, count: int) -> list[tuple[Path, str]]:
    found = []
    for number in range(count):
        path = tmp_path / f"berkas_{number}.xlsx"
        path.write_bytes(b"x" * (count - number))  # decreasing sizes: parsed in this order
        found.append((path, path.name))
    return found


def fake_parse(behaviour: str):  # type: ignore[no-untyped-def]
    """A reader that fails as `behaviour` says: on `berkas_1.xlsx`, or (`…-when-used`) on
    every file after its worker's first. A success records its worker and position."""

    def parse(path: Path, display: str) -> ParsedFile:
        used = bool(parsed_here)
        parsed_here.append(display)
        if behaviour == "memory-when-used" and used:
            raise MemoryError
        if behaviour == "memory-always" and display == "berkas_1.xlsx":
            raise MemoryError
        if behaviour == "crash" and display == "berkas_1.xlsx":
            os._exit(3)
        if behaviour == "crash-when-used" and used:
            os._exit(3)
        if behaviour == "slow" and display == "berkas_0.xlsx":
            time.sleep(5)
        return ParsedFile(display, f"{os.getpid()}:{len(parsed_here)}")

    return parse


def run_workers(monkeypatch: pytest.MonkeyPatch, behaviour: str, found: list[tuple[Path, str]],
                workers: int = 1) -> dict[str, ParsedFile]:
    monkeypatch.setattr(isolation, "parse_file", fake_parse(behaviour))
    monkeypatch.setattr(isolation, "warm_up", lambda: None)
    return {item.path: item for item in parse_isolated(found, Limits(workers=workers))}


def test_one_worker_parses_file_after_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    results = run_workers(monkeypatch, "ok", files(tmp_path, 3))

    digests = [results[f"berkas_{number}.xlsx"].digest for number in range(3)]
    pids = {digest.split(":")[0] for digest in digests}
    assert len(pids) == 1 and pids != {str(os.getpid())}  # one worker, not this process
    assert [digest.split(":")[1] for digest in digests] == ["1", "2", "3"]  # largest first


def test_out_of_memory_after_other_files_is_retried_in_a_fresh_worker(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    results = run_workers(monkeypatch, "memory-when-used", files(tmp_path, 3))

    assert all(not item.issues for item in results.values())
    # Every file was parsed as the first file of its worker, each in a new process.
    assert {item.digest.split(":")[1] for item in results.values()} == {"1"}
    assert len({item.digest.split(":")[0] for item in results.values()}) == 3


def test_out_of_memory_in_a_fresh_worker_is_unsafe_and_the_rest_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    results = run_workers(monkeypatch, "memory-always", files(tmp_path, 3), workers=2)

    [found] = results["berkas_1.xlsx"].issues
    assert found.code == "file-unsafe" and "memori melebihi batas" in found.message
    assert not results["berkas_0.xlsx"].issues and not results["berkas_2.xlsx"].issues


def test_a_crashing_file_costs_its_worker_and_the_next_file_gets_a_new_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    results = run_workers(monkeypatch, "crash", files(tmp_path, 3))

    [found] = results["berkas_1.xlsx"].issues
    assert found.code == "file-unsafe" and "berhenti mendadak" in found.message
    before, after = results["berkas_0.xlsx"].digest, results["berkas_2.xlsx"].digest
    assert before.split(":")[0] != after.split(":")[0] and after.endswith(":1")


def test_a_crash_after_other_files_is_retried_in_a_fresh_worker(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    results = run_workers(monkeypatch, "crash-when-used", files(tmp_path, 2))

    assert all(not item.issues for item in results.values())
    assert results["berkas_1.xlsx"].digest.endswith(":1")  # first file of a new worker


# --- a lone large file, parsed in parts by both workers --------------------------------

def lone_month(tmp_path: Path) -> Path:
    """300 rows of one month: long enough to be cut in two below its head."""
    rows = [[2023, 3, SUB, (ATK, CETAK)[number % 2], "Belanja", 1000 + number,
             f"SP2D-{number:04d}"] for number in range(300)]
    rows[250] = list(rows[40])  # an SP2D pasted twice, across the cut
    return write_realisasi(tmp_path / "real_03.xlsx", rows,
                           header=[*REALISASI_HEADER, "Nomor SP2D"])


def parsed_apart(path: Path) -> ParsedFile:
    """The file through the workers, cut in parts (any file size is cut here)."""
    results = list(parse_isolated([(path, path.name)], Limits(workers=2, split_bytes=0)))
    assert len(results) == 1
    return results[0]


def same_parse(a: ParsedFile, b: ParsedFile) -> bool:
    return ((a.path, a.digest, sorted(a.issues), len(a.tables))
            == (b.path, b.digest, sorted(b.issues), len(b.tables))
            and all(x.frame.equals(y.frame) for x, y in zip(a.tables, b.tables, strict=True)))


def test_a_lone_file_is_parsed_in_parts_as_it_would_be_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_realisasi(tmp_path / "real_03.xlsx", [
        [2023, 3, SUB, (ATK, CETAK)[number % 2], "Belanja", 1000 + number, f"SP2D-{number}"]
        for number in range(300)])
    whole = parse.parse_file(path, path.name)

    def never(path: Path, display: str) -> ParsedFile:
        raise AssertionError("the file was parsed whole")

    monkeypatch.setattr(isolation, "parse_file", never)  # the parts must do it all
    apart = parsed_apart(path)
    assert not apart.issues and apart.tables[0].row_count == 300
    assert same_parse(apart, whole)


@pytest.mark.parametrize("failure", ["crash", "memory", "reader-error", "disagree"])
def test_a_failed_part_sends_the_whole_file_to_a_fresh_worker(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str) -> None:
    path = lone_month(tmp_path)
    whole = parse.parse_file(path, path.name)
    real_parse_part = isolation.parse_part

    def failing(path: Path, display: str, index: int, count: int) -> parts.Part:
        if index == 1 and failure == "crash":
            os._exit(3)
        if index == 1 and failure == "memory":
            raise MemoryError
        if index == 1 and failure == "reader-error":
            raise ValueError("a reader bug")
        return real_parse_part(path, display, index, count)

    monkeypatch.setattr(isolation, "parse_part", failing)
    if failure == "disagree":
        monkeypatch.setattr(isolation, "merge", lambda found: None)
    apart = parsed_apart(path)
    assert same_parse(apart, whole)
    assert not any(found.code.startswith("file-") for found in apart.issues)


def test_an_sp2d_row_repeated_across_parts_is_found_as_in_the_whole_file(
        tmp_path: Path) -> None:
    path = lone_month(tmp_path)
    apart = parsed_apart(path)
    assert same_parse(apart, parse.parse_file(path, path.name))
    trace = apart.tables[0].trace
    assert trace is not None and trace.repeated["row"].tolist() == [252]  # Excel row of 250


def test_several_files_are_not_cut(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def never(path: Path, display: str, index: int, count: int) -> parts.Part:
        raise AssertionError("a file was cut")

    monkeypatch.setattr(isolation, "parse_part", never)
    first = lone_month(tmp_path)
    second = write_realisasi(tmp_path / "real_04.xlsx", [[2023, 4, SUB, ATK, "ATK", 5]])
    results = list(parse_isolated([(first, first.name), (second, second.name)],
                                  Limits(workers=2, split_bytes=0)))
    assert sorted(item.path for item in results) == ["real_03.xlsx", "real_04.xlsx"]
    assert all(not item.issues for item in results)


# --- workers kept between calls ------------------------------------------------------

def pids_of(results: dict[str, ParsedFile]) -> set[str]:
    return {item.digest.split(":")[0] for item in results.values()}


def test_the_next_call_reuses_the_idle_workers(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    first = run_workers(monkeypatch, "ok", files(tmp_path, 2), workers=2)
    second = run_workers(monkeypatch, "ok", files(tmp_path, 2), workers=2)
    assert len(pids_of(first)) == 2 and pids_of(second) == pids_of(first)
    # They carry on counting: each has parsed a file before this call's.
    assert {item.digest.split(":")[1] for item in second.values()} == {"2"}


def test_kept_workers_that_died_or_have_another_limit_are_replaced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = pids_of(run_workers(monkeypatch, "ok", files(tmp_path, 2), workers=2))
    os.kill(int(min(first)), 9)
    second = pids_of(run_workers(monkeypatch, "ok", files(tmp_path, 2), workers=2))
    assert min(first) not in second and max(first) in second
    monkeypatch.setattr(isolation, "parse_file", fake_parse("ok"))
    found = files(tmp_path, 2)
    third = {item.digest.split(":")[0]
             for item in parse_isolated(found, Limits(workers=2, memory=1 << 30))}
    assert not third & second


def test_a_worker_left_busy_is_not_kept(tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(isolation, "parse_file", fake_parse("slow"))
    results = parse_isolated(files(tmp_path, 2), Limits(workers=2))
    first = next(results)  # berkas_1: berkas_0's worker is still at it
    results.close()  # the caller stops there
    assert first.path == "berkas_1.xlsx"
    assert [worker.process.pid for worker in isolation._KEPT] == [int(first.digest.split(":")[0])]


def test_stop_workers_ends_the_kept_workers(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    run_workers(monkeypatch, "ok", files(tmp_path, 2), workers=2)
    processes = [worker.process for worker in isolation._KEPT]
    assert len(processes) == 2 and all(process.is_alive() for process in processes)
    isolation.stop_workers()
    assert not isolation._KEPT and not any(process.is_alive() for process in processes)
