"""A file's SHA-256: the key of the parse cache, and how identical copies are told apart.

Light to import (hashlib only): the command line hashes the input folder before it loads
the pipeline, to know how many files the cache cannot answer for.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


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


def digests(paths: list[Path]) -> dict[Path, str]:
    """Each file's digest ("" when unreadable), two at a time: hashing lets go of the
    interpreter, so two threads hash twice as fast."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(paths, pool.map(digest_or_blank, paths), strict=True))
