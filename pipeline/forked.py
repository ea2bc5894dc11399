"""A computation run in a forked child while the caller goes on with other work.

After reading, a run's remaining work is pure computation on data already in memory, and
one core would sit idle. A forked child shares that memory without copying it, computes
its share and sends back only the result. Where fork is not available, or the child fails
in any way, the caller computes the result itself, so the outcome never depends on it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")
_OK = b"1"


class Forked(Generic[T]):
    """`compute()` in a child process, started now; `result()` waits for it. Use it as a
    context manager: a child whose result is never asked for is stopped on the way out."""

    def __init__(self, compute: Callable[[], T]) -> None:
        self.compute = compute
        self.pid = 0
        self.reader = -1
        if not hasattr(os, "fork"):
            return
        reader, writer = os.pipe()
        try:
            pid = _fork()
        except OSError:
            os.close(reader)
            os.close(writer)
            return
        if pid == 0:  # the child: compute, send, and leave without any clean-up of the parent's
            os.close(reader)
            _send(writer, compute)
            os._exit(0)
        os.close(writer)
        self.pid, self.reader = pid, reader

    def __enter__(self) -> Forked[T]:
        return self

    def __exit__(self, *exception: object) -> None:
        if self.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            self._collect()

    def result(self) -> T:
        """The child's result, or the result computed here when the child had none."""
        if not self.pid:
            return self.compute()
        reader, self.reader = self.reader, -1
        with os.fdopen(reader, "rb") as stream:
            data = stream.read()
        self._collect()
        if data.startswith(_OK):
            with contextlib.suppress(Exception):
                return pickle.loads(data[len(_OK):])  # type: ignore[no-any-return]
        return self.compute()

    def _collect(self) -> None:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        if self.reader >= 0:
            with contextlib.suppress(OSError):
                os.close(self.reader)
        self.pid, self.reader = 0, -1


def _fork() -> int:
    return os.fork()


def _send(writer: int, compute: Callable[[], object]) -> None:
    """In the child: the result, pickled after a marker, or nothing when it failed."""
    try:
        data = _OK + pickle.dumps(compute(), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException:  # noqa: BLE001 - the parent computes it again and sees the error
        data = b""
    with contextlib.suppress(OSError), os.fdopen(writer, "wb") as stream:
        stream.write(data)
