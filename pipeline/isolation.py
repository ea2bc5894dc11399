"""The local executor: untrusted files parsed in worker processes, with limits.

Whatever a file does to its reader (a native abort, memory exhaustion, an endless loop),
only its worker dies: pebble's process pool replaces the worker and fails that file's
task alone, and the file is named. Files parse independently, so two workers keep both
cores busy; the largest files go first, so that the small ones fill the last gaps.

Workers are started with `spawn` everywhere, as Windows must: each imports the parser and
warms it up once, then parses file after file. The pool belongs to its owner (a run, or a
`watch` for its whole life) and is closed by it: `with LocalPool(limits) as pool: …`.
This module itself imports no pandas: the command line starts the workers first
(`LocalPool.start`), and they load the parser while it loads the rest of the pipeline.

Limits, where the operating system allows them:
- time: a file that takes longer than `Limits.seconds` is stopped (everywhere);
- memory: the worker's address space is capped at `Limits.memory` where POSIX rlimits
  exist (Linux, macOS). Windows has no such limit for a child process in the standard
  library: there the time limit and the process boundary still hold, and
  `memory_limit_available()` says so.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING

from pebble import ProcessExpired, ProcessPool

from pipeline.executor import RETRIED, Failure, ParseJob, failed

if TYPE_CHECKING:
    from pipeline.tables import ParsedFile

MEMORY_LIMIT = 2 << 30  # bytes of address space for one worker
TIME_LIMIT = 45.0  # seconds for one file (a 50,000-row month takes about one)
START_METHOD = "spawn"  # the one start method every platform has
NO_MEMORY_LIMIT = ("Catatan: sistem ini tidak dapat membatasi memori per berkas; batas waktu "
                   "baca tetap berlaku.")

# The per-file function, named `module:function`: workers import it themselves.
PARSE_FILE = "pipeline.parse:parse_file"
Parse = Callable[[Path, str], "ParsedFile"]


@dataclass(frozen=True)
class Limits:
    memory: int = MEMORY_LIMIT
    seconds: float = TIME_LIMIT
    workers: int = min(2, os.cpu_count() or 1)


def memory_limit_available() -> bool:
    """True where a worker's memory can be capped (POSIX rlimits)."""
    return _rlimits() is not None


def _rlimits() -> ModuleType | None:
    """The `resource` module where the system has it (not on Windows)."""
    try:
        return importlib.import_module("resource")
    except ImportError:
        return None


class LocalPool:
    """Worker processes on this machine (an `executor.Executor`). `parse` names the per-file
    function (`module:function`): `parse.parse_file`, or a stand-in in tests."""

    def __init__(self, limits: Limits | None = None, parse: str = PARSE_FILE,
                 notice: Callable[[str], None] | None = None) -> None:
        self.limits = limits or Limits()
        self.parse_file = parse
        self.notice = notice  # told once, when files are parsed without a memory limit
        self._pool: ProcessPool | None = None
        self._retry_pool: ProcessPool | None = None

    def __enter__(self) -> LocalPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Stop every worker (a file still being parsed is abandoned)."""
        for pool in (self._pool, self._retry_pool):
            if pool is not None:
                pool.stop()
                pool.join()
        self._pool = self._retry_pool = None

    def start(self, files: int) -> None:
        """Start the workers for `files` files now, before there is work: they load the
        parser meanwhile. None for none (every file answered by the cache): workers that
        load pandas for nothing slow the run that does need it, on a machine of two cores."""
        if files > 0:
            self._workers(files).schedule(ready)

    def parse(self, jobs: Sequence[ParseJob]) -> Iterator[ParsedFile]:
        """Schedule every job now; the results come in completion order."""
        if not jobs:
            return iter(())
        if self.notice is not None and not memory_limit_available():
            self.notice(NO_MEMORY_LIMIT)
            self.notice = None  # said once
        pool = self._workers(len(jobs))
        pending = {self._schedule(pool, job): (job, False)
                   for job in sorted(jobs, key=lambda job: -job.size())}
        return self._results(pending)

    def _results(self, pending: dict[Future[ParsedFile | None], tuple[ParseJob, bool]]
                 ) -> Iterator[ParsedFile]:
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                job, retried = pending.pop(future)
                outcome = _outcome(future)
                if not isinstance(outcome, str):
                    yield outcome
                elif outcome in RETRIED and not retried:
                    pending[self._schedule(self._fresh_worker(), job)] = (job, True)
                else:
                    yield failed(job, outcome, self.limits.memory, self.limits.seconds)

    def _schedule(self, pool: ProcessPool, job: ParseJob) -> Future[ParsedFile | None]:
        future: Future[ParsedFile | None] = pool.schedule(
            parse_in_worker, args=(self.parse_file, job.path, job.display),
            timeout=self.limits.seconds)
        return future

    def _workers(self, jobs: int) -> ProcessPool:
        """The pool, started on first use with as many workers as there are jobs, up to the
        limit (a run that parses one new month starts one worker)."""
        if self._pool is None:
            self._pool = self._new_pool(max(1, min(self.limits.workers, jobs)))
        return self._pool

    def _fresh_worker(self) -> ProcessPool:
        """A pool whose worker parses one file and is then replaced: a retry's fresh worker."""
        if self._retry_pool is None:
            self._retry_pool = self._new_pool(1, max_tasks=1)
        return self._retry_pool

    def _new_pool(self, workers: int, max_tasks: int = 0) -> ProcessPool:
        return ProcessPool(max_workers=workers, max_tasks=max_tasks, initializer=start_worker,
                           initargs=(self.limits.memory,),
                           context=multiprocessing.get_context(START_METHOD))


def _outcome(future: Future[ParsedFile | None]) -> ParsedFile | Failure:
    """The parsed file, or why the worker gave none."""
    try:
        parsed = future.result()
    except FutureTimeout:
        return "time"
    except ProcessExpired:
        return "crash"
    except Exception:  # noqa: BLE001 - a result that could not come back costs its file
        return "crash"
    return parsed if parsed is not None else "memory"


def ready() -> None:
    """A task that does nothing: scheduling it starts the pool's workers."""


def start_worker(memory: int) -> None:
    """In each new worker: silence native crash reports (the parent names the file in
    Indonesian), cap the address space where the system allows it, and warm the parser up
    so that the first file does not pay for its lazy set-up."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    resource = _rlimits()
    if resource is not None:
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    from pipeline.parse import warm_up

    warm_up()


def parse_in_worker(parse: str, path: Path, display: str) -> ParsedFile | None:
    """The parsed file; None when it needed more memory than the limit. A reader's bug
    costs this file, not the run."""
    from pipeline.tables import ParsedFile

    module, _, name = parse.partition(":")
    function: Parse = getattr(importlib.import_module(module), name)
    try:
        return function(path, display)
    except MemoryError:
        return None
    except Exception as error:  # noqa: BLE001 - a reader bug costs this file, not the run
        message = ("Berkas tidak dapat dibaca karena kesalahan di pembacanya "
                   f"({type(error).__name__}); berkas lain tetap diolah.")
        return ParsedFile.failed(display, "", "file-unreadable", message)
