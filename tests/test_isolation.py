"""The local pool: files parsed in spawned workers, a failure costs only its file, which
is tried once more in a fresh worker (a time-out is not), and the cache sits in front of
any executor (`parse_many`).

The parse functions are stand-ins from `fake_parsers`, imported by name in each worker.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from pipeline.cache import ParseCache
from pipeline.executor import ParseJob, failed, parse_many
from pipeline.isolation import Limits, LocalPool
from pipeline.tables import ParsedFile


def jobs(tmp_path: Path, count: int) -> list[ParseJob]:
    found = []
    for number in range(count):
        path = tmp_path / f"berkas_{number}.xlsx"
        path.write_bytes(b"x" * (count - number))  # decreasing sizes: parsed in this order
        found.append(ParseJob(path, path.name, f"digest-{number}"))
    return found


def parse_all(parse: str, found: list[ParseJob],
              limits: Limits) -> dict[str, ParsedFile]:
    with LocalPool(limits, parse) as pool:
        return {item.path: item for item in pool.parse(found)}


def worker(item: ParsedFile) -> str:
    return item.digest.split(":")[0]


def position(item: ParsedFile) -> str:
    return item.digest.split(":")[1]


def test_one_worker_parses_file_after_file_largest_first(tmp_path: Path) -> None:
    results = parse_all("fake_parsers:ok", jobs(tmp_path, 3), Limits(workers=1))

    assert len({worker(item) for item in results.values()}) == 1
    assert worker(results["berkas_0.xlsx"]) != str(os.getpid())  # not this process
    assert [position(results[f"berkas_{number}.xlsx"]) for number in range(3)] == ["1", "2", "3"]


def test_out_of_memory_after_other_files_is_retried_in_a_fresh_worker(tmp_path: Path) -> None:
    results = parse_all("fake_parsers:memory_when_used", jobs(tmp_path, 3), Limits(workers=1))

    assert all(not item.issues for item in results.values())
    # Every file was parsed as the first file of its worker, each in a process of its own.
    assert {position(item) for item in results.values()} == {"1"}
    assert len({worker(item) for item in results.values()}) == 3


def test_out_of_memory_in_a_fresh_worker_is_unsafe_and_the_rest_is_read(tmp_path: Path) -> None:
    results = parse_all("fake_parsers:memory_on_berkas_1", jobs(tmp_path, 3), Limits(workers=2))

    [found] = results["berkas_1.xlsx"].issues
    assert found.code == "file-unsafe" and "memori melebihi batas" in found.message
    assert (found.file, results["berkas_1.xlsx"].digest) == ("berkas_1.xlsx", "digest-1")
    assert not results["berkas_0.xlsx"].issues and not results["berkas_2.xlsx"].issues


def test_a_crashing_file_is_tried_twice_then_named_and_costs_only_itself(
        tmp_path: Path) -> None:
    results = parse_all("fake_parsers:crash_on_berkas_1", jobs(tmp_path, 3), Limits(workers=1))

    [found] = results["berkas_1.xlsx"].issues
    assert found.code == "file-unsafe" and "berhenti mendadak" in found.message
    attempts = (tmp_path / "attempts.txt").read_text().split()
    assert len(attempts) == 2 and len(set(attempts)) == 2  # once more, in another process
    assert not results["berkas_0.xlsx"].issues and not results["berkas_2.xlsx"].issues
    assert worker(results["berkas_0.xlsx"]) != worker(results["berkas_2.xlsx"])  # replaced


def test_a_crash_after_other_files_is_retried_in_a_fresh_worker(tmp_path: Path) -> None:
    results = parse_all("fake_parsers:crash_when_used", jobs(tmp_path, 2), Limits(workers=1))

    assert all(not item.issues for item in results.values())
    assert position(results["berkas_1.xlsx"]) == "1"  # the first file of a new worker


def test_a_file_out_of_time_is_named_once_and_not_retried(tmp_path: Path) -> None:
    results = parse_all("fake_parsers:slow_on_berkas_0", jobs(tmp_path, 2),
                        Limits(workers=1, seconds=1.0))

    [found] = results["berkas_0.xlsx"].issues
    assert found.code == "file-unsafe" and "tidak selesai dibaca dalam 1 detik" in found.message
    assert len((tmp_path / "attempts.txt").read_text().split()) == 1
    assert not results["berkas_1.xlsx"].issues


def test_a_reader_bug_costs_only_its_file(tmp_path: Path) -> None:
    results = parse_all("fake_parsers:raises", jobs(tmp_path, 1), Limits(workers=1))

    [found] = results["berkas_0.xlsx"].issues
    assert found.code == "file-unreadable" and "RuntimeError" in found.message


def test_a_pool_parses_again_with_the_same_workers(tmp_path: Path) -> None:
    with LocalPool(Limits(workers=1), "fake_parsers:ok") as pool:
        first = list(pool.parse(jobs(tmp_path, 1)))
        second = list(pool.parse(jobs(tmp_path, 1)))

    assert worker(first[0]) == worker(second[0])
    assert (position(first[0]), position(second[0])) == ("1", "2")


# --- the seam: parse_many with any executor, the cache in front -------------------------


class InThisProcess:
    """The smallest executor: parses here, and remembers what it was asked to parse. The
    file named `failing` fails whole, as one whose worker crashed."""

    def __init__(self, failing: str = "") -> None:
        self.asked: list[str] = []
        self.failing = failing

    def parse(self, found: Sequence[ParseJob]) -> Iterator[ParsedFile]:
        self.asked += [job.display for job in found]
        return iter([failed(job, "crash", 0, 0) if job.display == self.failing
                     else ParsedFile(job.display, job.digest) for job in found])


def test_parse_many_sends_only_files_the_cache_does_not_hold(tmp_path: Path) -> None:
    found = jobs(tmp_path, 3)
    cache = ParseCache(tmp_path / "cache")
    list(parse_many(found[:2], InThisProcess(), cache))
    cache.flush()

    executor = InThisProcess()
    results = list(parse_many(found, executor, ParseCache(tmp_path / "cache")))

    assert executor.asked == ["berkas_2.xlsx"]
    assert sorted(item.path for item in results) == ["berkas_0.xlsx", "berkas_1.xlsx",
                                                     "berkas_2.xlsx"]


def test_parse_many_parses_a_damaged_cache_entry_again(tmp_path: Path) -> None:
    found = jobs(tmp_path, 2)
    cache = ParseCache(tmp_path / "cache")
    list(parse_many(found, InThisProcess(), cache))
    cache.flush()
    for entry in (tmp_path / "cache").iterdir():
        entry.write_bytes(entry.read_bytes()[:-5])

    executor = InThisProcess()
    results = list(parse_many(found, executor, ParseCache(tmp_path / "cache")))

    assert sorted(executor.asked) == ["berkas_0.xlsx", "berkas_1.xlsx"]
    assert len(results) == 2


def test_parse_many_does_not_remember_a_file_that_failed_whole(tmp_path: Path) -> None:
    found = jobs(tmp_path, 2)
    cache = ParseCache(tmp_path / "cache")
    list(parse_many(found, InThisProcess(failing="berkas_1.xlsx"), cache))
    cache.flush()

    executor = InThisProcess()
    list(parse_many(found, executor, ParseCache(tmp_path / "cache")))
    assert executor.asked == ["berkas_1.xlsx"]
