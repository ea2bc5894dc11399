"""Stand-ins for `parse.parse_file` that fail on purpose, for the worker-pool tests.

They live in a module of their own because spawned workers import the parse function by
name. Each records, in its worker, the files that worker has parsed; a success returns a
`ParsedFile` whose digest is `<worker pid>:<position in that worker>`.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from pipeline.tables import ParsedFile

parsed_here: list[str] = []  # in each worker: the files it has parsed, in order


def _record(display: str) -> bool:
    """Record the file; True when this worker had parsed another file before."""
    used = bool(parsed_here)
    parsed_here.append(display)
    return used


def _parsed(display: str) -> ParsedFile:
    return ParsedFile(display, f"{os.getpid()}:{len(parsed_here)}")


def ok(path: Path, display: str) -> ParsedFile:
    _record(display)
    return _parsed(display)


def memory_when_used(path: Path, display: str) -> ParsedFile:
    if _record(display):
        raise MemoryError
    return _parsed(display)


def memory_on_berkas_1(path: Path, display: str) -> ParsedFile:
    _record(display)
    if display == "berkas_1.xlsx":
        raise MemoryError
    return _parsed(display)


def crash_on_berkas_1(path: Path, display: str) -> ParsedFile:
    _record(display)
    if display == "berkas_1.xlsx":
        # Counted in a file beside it, since the worker's own memory dies with it.
        with (path.parent / "attempts.txt").open("a") as attempts:
            attempts.write(f"{os.getpid()}\n")
        os._exit(3)
    return _parsed(display)


def crash_when_used(path: Path, display: str) -> ParsedFile:
    if _record(display):
        os._exit(3)
    return _parsed(display)


def slow_on_berkas_0(path: Path, display: str) -> ParsedFile:
    _record(display)
    if display == "berkas_0.xlsx":
        with (path.parent / "attempts.txt").open("a") as attempts:
            attempts.write(f"{os.getpid()}\n")
        time.sleep(30)
    return _parsed(display)


def raises(path: Path, display: str) -> ParsedFile:
    raise RuntimeError("a bug in the reader")
