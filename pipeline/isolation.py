"""Parsing untrusted files in worker processes, with memory and time limits.

Whatever a file does to its reader — a native abort, memory exhaustion, an endless loop —
only its worker dies: the file is reported and the run goes on. Files parse
independently, so two workers keep both cores busy.

The workers are forked once and parse one file after another: forking anew for every
file would copy the parent again each time, and the parent grows with every result. A
worker that fails is replaced. A file that ran out of memory or crashed its reader in a
worker that had parsed other files first gets one more try in a fresh worker, so that its
verdict never depends on what came before it.

When there are fewer files than workers (one new month, the rest from the cache), a large
file is cut by rows and its parts parse side by side (`pipeline.parts`). A part that fails
sends the whole file to a fresh worker, where it gets the verdict it would have had uncut.

Idle workers are kept for the next call in the same process (`watch` runs again whenever a
month lands): a kept worker's memory is already mapped, where a newly forked one pays a
page fault for every page it touches, about a fifth of a month's parse.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import multiprocessing
import os
import resource
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from pipeline.parse import digest_or_blank, parse_file, warm_up
from pipeline.parts import Part, merge, parse_part
from pipeline.tables import ParsedFile

_DONE = object()
# Failures that a worker's earlier files could have caused (a heap grown by them): the
# file gets one more try in a fresh worker. A time-out is the file's own.
RETRIED = ("memory", "crash")
MEMORY_LIMIT = 2 << 30  # bytes of address space for one worker
TIME_LIMIT = 45.0  # seconds for one file (a 50,000-row month takes about one)
# Files smaller than this are not cut: their parse is too short for the parts to pay off.
SPLIT_BYTES = 1 << 20


@dataclass(frozen=True)
class Limits:
    memory: int = MEMORY_LIMIT
    seconds: float = TIME_LIMIT
    workers: int = min(2, os.cpu_count() or 1)
    split_bytes: int = SPLIT_BYTES


@dataclass(frozen=True)
class _Job:
    path: Path
    display: str
    fresh: bool = False  # a retry: to be parsed by a worker that has parsed nothing yet
    part: tuple[int, int] | None = None  # (index, count) of a file cut by rows


def _serve(memory: int, tasks: Connection, results: Connection,
           inherited: list[Connection]) -> None:
    """In the child: let go of the parent's ends of every pipe (so that a worker whose
    parent dies sees it hang up and exits), cap the address space, silence native crash
    reports (the parent reports the file in Indonesian), then parse each file sent until
    told to stop."""
    for connection in inherited:
        connection.close()
    gc.enable()  # a run pauses it in the parent; a worker parses file after file
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    # Where RLIMIT_AS cannot be set, the time limit and the process boundary still hold.
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    while True:
        try:
            job = tasks.recv()
        except (EOFError, OSError):
            return
        except MemoryError:
            job = None
            results.send(None)
        if job is None:
            return
        results.send(_parse(job))


def _parse(job: _Job) -> ParsedFile | Part | None:
    """The parsed file or part; None when it needed more memory than the limit."""
    try:
        if job.part is not None:
            return parse_part(job.path, job.display, *job.part)
        return parse_file(job.path, job.display)
    except MemoryError:
        return None
    except Exception as error:  # noqa: BLE001 - a reader bug costs this file, not the run
        message = ("Berkas tidak dapat dibaca karena kesalahan di pembacanya "
                   f"({type(error).__name__}); berkas lain tetap diolah.")
        return ParsedFile.failed(job.display, "", "file-unreadable", message)


class _Worker:
    """One worker process, its two pipes, and the file it is parsing, if any."""

    def __init__(self, context: Any, memory: int, others: list[_Worker]) -> None:
        self.memory = memory
        task_reader, self.tasks = context.Pipe(duplex=False)
        self.results, result_writer = context.Pipe(duplex=False)
        # The child's copies of the parent's ends: its own, and every other worker's.
        inherited = [end for worker in (*others, self) for end in (worker.tasks, worker.results)]
        self.process = context.Process(target=_serve, daemon=True, args=(
            memory, task_reader, result_writer, inherited))
        self.process.start()
        task_reader.close()
        result_writer.close()
        self.parsed = 0
        self.job: _Job | None = None
        self.started = 0.0

    def give(self, job: _Job) -> bool:
        """Hand over a file; False when the worker is gone."""
        try:
            self.tasks.send(job)
        except OSError:
            return False
        self.job, self.started = job, time.monotonic()
        return True

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.tasks.send(None)
        self.tasks.close()
        self.process.join(timeout=1)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.results.close()


def parse_isolated(files: list[tuple[Path, str]], limits: Limits,
                   meanwhile: Iterator[object] | None = None) -> Iterator[ParsedFile]:
    """Parse each (path, display name) in a worker; yields results in completion order.
    The largest files go first, so that the small ones fill the last gaps. While the
    workers work, the parent takes one step of `meanwhile` at a time (reading cached
    files, say) instead of sitting idle; it is not exhausted here."""
    context: Any = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    if files and context.get_start_method() == "fork":
        warm_up()
    pending = deque(_jobs(files, limits))
    parts = _Parts()
    workers = _kept_workers(limits)
    try:
        while pending or any(worker.job for worker in workers):
            _assign(pending, workers, context, limits)
            busy = [worker for worker in workers if worker.job is not None]
            stepped = meanwhile is not None and next(meanwhile, _DONE) is not _DONE
            if not stepped:
                meanwhile = None
            ready = wait([worker.results for worker in busy]
                         + [worker.process.sentinel for worker in busy],
                         timeout=0 if stepped else 0.5)
            for worker in busy:
                outcome = _outcome(worker, ready, limits)
                if outcome is None:
                    continue
                job, worker.job = worker.job, None
                assert job is not None
                if not isinstance(outcome, str):
                    worker.parsed += 1
                else:
                    workers.remove(worker)
                    worker.stop()
                if job.part is not None:
                    yield from parts.take(job, outcome, pending, limits)
                elif not isinstance(outcome, str):
                    assert isinstance(outcome, ParsedFile)  # a whole file's job
                    yield outcome
                elif outcome in RETRIED and worker.parsed and not job.fresh:
                    pending.appendleft(_Job(job.path, job.display, fresh=True))
                else:
                    yield _failed(job, outcome, limits)
    finally:
        _keep(workers, limits)


# Idle workers between calls, for the next one (`stop_workers` ends them).
_KEPT: list[_Worker] = []


def stop_workers() -> None:
    """Stop the workers kept between calls."""
    while _KEPT:
        _KEPT.pop().stop()


atexit.register(stop_workers)


def _kept_workers(limits: Limits) -> list[_Worker]:
    """The kept workers that are alive and have this memory limit; the others stop."""
    kept, _KEPT[:] = list(_KEPT), []
    usable: list[_Worker] = []
    for worker in kept:
        if (worker.process.is_alive() and worker.memory == limits.memory
                and len(usable) < max(limits.workers, 1)):
            usable.append(worker)
        else:
            worker.stop()
    return usable


def _keep(workers: list[_Worker], limits: Limits) -> None:
    """Keep the idle workers for the next call; stop any still busy (the caller stopped
    early) or beyond the limit."""
    for worker in workers:
        if (worker.job is None and worker.process.is_alive()
                and len(_KEPT) < max(limits.workers, 1)):
            _KEPT.append(worker)
        else:
            worker.stop()


def _jobs(files: list[tuple[Path, str]], limits: Limits) -> list[_Job]:
    """One job per file, largest first; with fewer files than workers, the large files
    are cut into as many parts as there are workers for each."""
    ordered = sorted(files, key=lambda item: -_size(item[0]))
    count = max(limits.workers, 1) // max(len(files), 1)
    jobs: list[_Job] = []
    for path, display in ordered:
        if count > 1 and _size(path) >= limits.split_bytes:
            jobs += [_Job(path, display, part=(index, count)) for index in range(count)]
        else:
            jobs.append(_Job(path, display))
    return jobs


class _Parts:
    """The parts of the files being parsed in parts, until each file is whole."""

    def __init__(self) -> None:
        self.done: dict[Path, dict[int, Part]] = {}
        self.abandoned: set[Path] = set()

    def take(self, job: _Job, outcome: ParsedFile | Part | str, pending: deque[_Job],
             limits: Limits) -> Iterator[ParsedFile]:
        """Keep a part; yield the file once all its parts are in. A part that failed, or
        parts that disagree, send the whole file to a fresh worker; a part out of time
        fails the file, which would have run out of time whole as well."""
        assert job.part is not None
        if job.path in self.abandoned:
            return
        index, count = job.part
        if isinstance(outcome, Part):
            done = self.done.setdefault(job.path, {})
            done[index] = outcome
            if len(done) < count:
                return
            del self.done[job.path]
            merged = merge([done[position] for position in range(count)])
            if merged is not None:
                yield merged
                return
        self.abandoned.add(job.path)
        self.done.pop(job.path, None)
        if outcome == "time":
            yield _failed(job, outcome, limits)
        else:
            pending.appendleft(_Job(job.path, job.display, fresh=True))


def _assign(pending: deque[_Job], workers: list[_Worker], context: Any,
            limits: Limits) -> None:
    """Give files to idle workers, starting workers up to the limit."""
    while pending:
        job = pending[0]
        worker = _idle_worker(workers, job, context, limits)
        if worker is None:
            return
        pending.popleft()
        if not worker.give(job):
            workers.remove(worker)
            worker.stop()
            pending.appendleft(job)


def _idle_worker(workers: list[_Worker], job: _Job, context: Any,
                 limits: Limits) -> _Worker | None:
    """An idle worker for the job (one that has parsed nothing, for a retry), started when
    there is room; None when every worker is busy."""
    for worker in workers:
        if worker.job is None and (worker.parsed == 0 or not job.fresh):
            return worker
    if len(workers) >= max(limits.workers, 1):
        used = [worker for worker in workers if worker.job is None]
        if not used:
            return None
        workers.remove(used[0])  # an idle worker that has parsed before makes room
        used[0].stop()
    worker = _Worker(context, limits.memory, workers)
    workers.append(worker)
    return worker


def _outcome(worker: _Worker, ready: list[Any], limits: Limits
             ) -> ParsedFile | Part | str | None:
    """The worker's result, the reason it failed ("memory", "crash", "time"), or None while
    it is still working."""
    if worker.results in ready:
        try:
            parsed = worker.results.recv()
        except (EOFError, OSError):
            return "crash"
        return parsed if parsed is not None else "memory"
    if worker.process.sentinel in ready and not worker.process.is_alive():
        return "crash"
    if time.monotonic() - worker.started > limits.seconds:
        worker.process.kill()
        return "time"
    return None


def _failed(job: _Job, why: str, limits: Limits) -> ParsedFile:
    reason = {
        "memory": f"membutuhkan memori melebihi batas {limits.memory >> 20} MiB",
        "crash": "membuat pembacanya berhenti mendadak",
        "time": f"tidak selesai dibaca dalam {limits.seconds:g} detik",
    }[why]
    message = (f"Berkas ini {reason}, sehingga tidak dibaca; berkas lain tetap diolah. Buka di "
               "Excel, hapus isi di luar tabel, lalu simpan ulang sebagai .xlsx.")
    return ParsedFile.failed(job.display, digest_or_blank(job.path), "file-unsafe", message)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
