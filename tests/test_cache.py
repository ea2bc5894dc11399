"""The incremental cache: a second run parses nothing, a new file parses alone, and a
corrupt or stale entry is detected and rebuilt, never trusted."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from builders import ATK, SUB, simple_folder, write_realisasi

from pipeline import cache as cache_module
from pipeline.cache import FOLDER_NAME, MAGIC, ParseCache
from pipeline.run import RunConfig, RunResult, run


def run_cached(folder: Path, out: Path) -> tuple[RunResult, ParseCache]:
    """One run with the cache, returning the cache object it used."""
    used: list[ParseCache] = []
    original = cache_module.ParseCache.flush

    def spy(self: ParseCache) -> None:
        used.append(self)
        original(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cache_module.ParseCache, "flush", spy)
        result = run(RunConfig(folder, out, cache_dir=out / FOLDER_NAME))
    return result, used[0]


def test_second_run_parses_nothing_and_writes_the_same_report(tmp_path: Path) -> None:
    folder = simple_folder(tmp_path / "in")
    first, cache = run_cached(folder, tmp_path / "out")
    assert (cache.hits, cache.misses) == (0, 3)
    report = first.report_path.read_bytes()
    second, cache = run_cached(folder, tmp_path / "out")
    assert (cache.hits, cache.misses, cache.pending) == (3, 0, [])
    assert second.report_path.read_bytes() == report


def test_a_new_month_is_the_only_file_parsed(tmp_path: Path) -> None:
    folder = simple_folder(tmp_path / "in")
    run_cached(folder, tmp_path / "out")
    write_realisasi(folder / "real_03.xlsx", [[2023, 3, SUB, ATK, "ATK", 75_000]])
    result, cache = run_cached(folder, tmp_path / "out")
    assert (cache.hits, cache.misses) == (3, 1)
    uncached = run(RunConfig(folder, tmp_path / "plain"))
    assert result.report.lra == uncached.report.lra


@pytest.mark.parametrize("damage", ["truncate", "garbage", "stale-version", "other-file"])
def test_a_damaged_entry_is_rebuilt(tmp_path: Path, damage: str) -> None:
    folder = simple_folder(tmp_path / "in")
    first, _ = run_cached(folder, tmp_path / "out")
    entries = sorted((tmp_path / "out" / FOLDER_NAME).glob("*.pickle"))
    assert len(entries) == 3
    victim = entries[0]
    blob = victim.read_bytes()
    if damage == "truncate":
        victim.write_bytes(blob[: len(blob) // 2])
    elif damage == "garbage":
        victim.write_bytes(MAGIC + b"x\ny\n" + b"not a pickle")
    elif damage == "stale-version":
        victim.write_bytes(blob.replace(cache_module.pipeline_version().encode(), b"0" * 32, 1))
    else:  # a valid entry of another file under this file's name
        victim.write_bytes(entries[1].read_bytes())
    second, cache = run_cached(folder, tmp_path / "out")
    assert (cache.hits, cache.rebuilt) == (2, 1)
    assert second.report_path.read_bytes() == first.report_path.read_bytes()
    assert victim.exists()  # written again, whole
    payload = victim.read_bytes().split(b"\n", 3)[3]
    assert pickle.loads(payload).digest  # a readable entry again


def test_no_cache_leaves_no_cache_folder(tmp_path: Path) -> None:
    folder = simple_folder(tmp_path / "in")
    run(RunConfig(folder, tmp_path / "out"))
    assert not (tmp_path / "out" / FOLDER_NAME).exists()
