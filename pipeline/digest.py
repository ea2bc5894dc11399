"""A file's SHA-256: the key of the parse cache, and how identical copies are told apart.

Light to import (hashlib only): the command line hashes the input folder before it loads
the pipeline, to know how many files the cache cannot answer for.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import NamedTuple


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def digest_or_blank(path: Path) -> str:
    """The file's digest, or "" when it cannot be read (the finding says so already)."""
    try:
        return file_digest(path)
    except OSError:
        return ""


class Known(NamedTuple):
    """A file's digest, with the size and modification time (ns) it was taken at."""

    size: int
    modified: int
    digest: str


def digests(paths: list[Path], known: Mapping[Path, Known] | None = None) -> dict[Path, str]:
    """Each file's digest ("" when unreadable). A file in `known` whose size and
    modification time are still the same is not read again: on a shared folder each read
    crosses the network. The others are hashed two at a time: hashing lets go of the
    interpreter, so two threads hash twice as fast."""
    wanted = set(paths)
    found = {path: entry.digest for path, entry in (known or {}).items()
             if path in wanted and _stamp(path) == (entry.size, entry.modified)}
    unknown = [path for path in paths if path not in found]
    with ThreadPoolExecutor(max_workers=2) as pool:
        found.update(zip(unknown, pool.map(digest_or_blank, unknown), strict=True))
    return {path: found[path] for path in paths}


def known_digests(paths: list[Path]) -> dict[Path, Known]:
    """Each readable file's digest with its size and modification time, taken before it is
    read (a file changed meanwhile then no longer matches, and is read again)."""
    stamped = {path: stamp for path in paths if (stamp := _stamp(path)) is not None}
    hashed = digests(list(stamped))
    return {path: Known(size, modified, hashed[path])
            for path, (size, modified) in stamped.items() if hashed[path]}


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns
