"""Parsing untrusted files in worker processes, with memory and time limits.

Whatever a file does to its reader — a native abort, memory exhaustion, an endless loop —
only its worker dies: the file is reported and the run goes on. Files parse
independently, so two workers keep both cores busy.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from pipeline.parse import digest_or_blank, parse_file
from pipeline.tables import ParsedFile

MEMORY_LIMIT = 2 << 30  # bytes of address space for one worker
TIME_LIMIT = 45.0  # seconds for one file (a 50,000-row month takes about one)


@dataclass(frozen=True)
class Limits:
    memory: int = MEMORY_LIMIT
    seconds: float = TIME_LIMIT
    workers: int = min(2, os.cpu_count() or 1)


def _worker(path: Path, display: str, memory: int, connection: Connection) -> None:
    """In the child: cap the address space, silence native crash reports (the parent
    reports the file in Indonesian), parse, send the result back."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    # Where RLIMIT_AS cannot be set, the time limit and the process boundary still hold.
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        connection.send(parse_file(path, display))
    except MemoryError:
        connection.send(None)
    except Exception as error:  # noqa: BLE001 - a reader bug costs this file, not the run
        message = ("Berkas tidak dapat dibaca karena kesalahan di pembacanya "
                   f"({type(error).__name__}); berkas lain tetap diolah.")
        connection.send(ParsedFile.failed(display, "", "file-unreadable", message))
    finally:
        connection.close()


@dataclass
class _Running:
    path: Path
    display: str
    process: multiprocessing.process.BaseProcess
    connection: Connection
    started: float


def parse_isolated(files: list[tuple[Path, str]], limits: Limits) -> Iterator[ParsedFile]:
    """Parse each (path, display name) in a worker; yields results in completion order."""
    context: Any = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    pending = list(files)
    running: list[_Running] = []
    while pending or running:
        while pending and len(running) < max(limits.workers, 1):
            path, display = pending.pop(0)
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_worker, args=(path, display, limits.memory,
                                                            sender), daemon=True)
            process.start()
            sender.close()
            running.append(_Running(path, display, process, receiver, time.monotonic()))
        ready = wait([job.connection for job in running] + [job.process.sentinel
                                                             for job in running], timeout=0.5)
        for job in list(running):
            result = _collect(job, ready, limits)
            if result is not None:
                running.remove(job)
                yield result


def _collect(job: _Running, ready: Sequence[object], limits: Limits) -> ParsedFile | None:
    """The job's result when it has one (or has failed); None while it is still working."""
    if job.connection in ready:
        try:
            parsed = job.connection.recv()
        except (EOFError, OSError):
            parsed = None
        job.process.join(timeout=5)
        return parsed if parsed is not None else _failed(job, "memory", limits)
    if job.process.sentinel in ready and not job.process.is_alive():
        return _failed(job, "crash", limits)
    if time.monotonic() - job.started > limits.seconds:
        job.process.kill()
        job.process.join(timeout=5)
        return _failed(job, "time", limits)
    return None


def _failed(job: _Running, why: str, limits: Limits) -> ParsedFile:
    reason = {
        "memory": f"membutuhkan memori melebihi batas {limits.memory >> 20} MiB",
        "crash": "membuat pembacanya berhenti mendadak",
        "time": f"tidak selesai dibaca dalam {limits.seconds:g} detik",
    }[why]
    message = (f"Berkas ini {reason}, sehingga tidak dibaca; berkas lain tetap diolah. Buka di "
               "Excel, hapus isi di luar tabel, lalu simpan ulang sebagai .xlsx.")
    job.connection.close()
    return ParsedFile.failed(job.display, digest_or_blank(job.path), "file-unsafe", message)

