"""The parsing seam: `parse_many(jobs, executor)`.

Parsing one file is a pure function of that file (`parse.parse_file`), so files parse
anywhere, in any order: an `Executor` decides where. The default is `isolation.LocalPool`,
worker processes on this machine with memory and time limits; a cluster (dask.distributed)
is another executor with the same promise:

- `parse(jobs)` schedules every job at once and returns an iterator over the results in
  completion order, one `ParsedFile` per job;
- a file whose parse fails (its worker crashed, ran out of memory or time) costs only
  that file: it is tried once more in a fresh worker where that can help, then named
  (`failed`), and the other files go on.

`parse_many` puts the cache in front of any executor: files seen before are loaded while
the executor parses the others, and every file parsed whole is remembered.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:  # light to import: the command line starts workers before pandas loads
    from pipeline.cache import ParseCache
    from pipeline.tables import ParsedFile

# Why a worker produced no result. A crash or memory exhaustion may come from the worker's
# earlier files (a heap grown by them): one more try in a fresh worker. A time-out is the
# file's own.
Failure = Literal["memory", "crash", "time"]
RETRIED: tuple[Failure, ...] = ("memory", "crash")


@dataclass(frozen=True)
class ParseJob:
    """One file to parse: where it is, how the officer sees its name, and its digest ("" if
    it could not be hashed)."""

    path: Path
    display: str
    digest: str = ""

    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0


class Executor(Protocol):
    """Where files are parsed (see the module docstring for the promise)."""

    def parse(self, jobs: Sequence[ParseJob]) -> Iterator[ParsedFile]: ...


def parse_many(jobs: Sequence[ParseJob], executor: Executor,
               cache: ParseCache | None = None) -> Iterator[ParsedFile]:
    """Every job parsed, in completion order: from the cache where it holds the file, by the
    executor otherwise. A cache entry that turns out damaged is parsed after all."""
    held = [job for job in jobs if cache is not None and job.digest
            and cache.holds(job.digest, job.display)]
    fresh = [job for job in jobs if job not in held]
    parsing = executor.parse(fresh) if fresh else iter(())  # scheduled now
    stale: list[ParseJob] = []
    for job in held:
        assert cache is not None
        cached = cache.get(job.digest, job.display)
        if cached is None:
            stale.append(job)
        else:
            yield cached
    again = executor.parse(stale) if stale else iter(())
    yield from _remembered(parsing, cache)
    yield from _remembered(again, cache)


def _remembered(results: Iterator[ParsedFile], cache: ParseCache | None
                ) -> Iterator[ParsedFile]:
    """The results, each remembered by the cache unless the file as a whole failed (a limit
    raised later deserves a fresh try)."""
    for parsed in results:
        if cache is not None and not parsed.issues_of_file():
            cache.put(parsed)
        yield parsed


def failed(job: ParseJob, why: Failure, memory: int, seconds: float) -> ParsedFile:
    """The finding for a file whose parse produced no result, in the officer's words."""
    reason = {
        "memory": f"membutuhkan memori melebihi batas {memory >> 20} MiB",
        "crash": "membuat pembacanya berhenti mendadak",
        "time": f"tidak selesai dibaca dalam {seconds:g} detik",
    }[why]
    message = (f"Berkas ini {reason}, sehingga tidak dibaca; berkas lain tetap diolah. Buka di "
               "Excel, hapus isi di luar tabel, lalu simpan ulang sebagai .xlsx.")
    from pipeline.tables import ParsedFile

    return ParsedFile.failed(job.display, job.digest, "file-unsafe", message)
