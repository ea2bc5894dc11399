"""Saving an output file atomically beside the earlier copies of it.

Every output (the report workbook, the LAKIP document) is written to a temporary file
beside its target and renamed at the end, so no half-written file ever carries the final
name. An earlier file with different content is kept under a timestamped name
(`…sebelum-<waktu>.xlsx`), the newest `keep` of them. A file that is open in another
program (Excel or Word on Windows) cannot be replaced: the new one goes to `…(2).xlsx`.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

KEEP = 5  # earlier copies of an output kept beside it (`…sebelum-<waktu>.xlsx`)


class Saved(NamedTuple):
    """Where the file went; `locked` is the file's own name when that file was open in
    another program (Excel or Word on Windows), so the file went to a sibling name instead."""

    path: Path
    locked: Path | None = None


def save_atomically(target: Path, write: Callable[[Path], None], now: dt.datetime,
                    keep: int = KEEP) -> Saved:
    """`write` the file into a temporary path beside `target`, then give it its name. An
    earlier, different file is kept under a timestamped name (the newest `keep` of those);
    a target open in another program leaves its name to `…(2)`, `…(3)` …"""
    handle, name = tempfile.mkstemp(prefix=".lakip-", suffix=f"{target.suffix}.part",
                                    dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        os.chmod(temporary, 0o666 & ~_umask())
        destination = _writable_name(target)
        _place(temporary, destination, now, keep)
    finally:
        temporary.unlink(missing_ok=True)
    return Saved(destination, target if destination != target else None)


def _kept_name(target: Path, now: dt.datetime) -> Path:
    """A free name for the earlier file: `…sebelum-<time>.xlsx`, then `-2`, `-3` …"""
    stem = f"{target.stem}.sebelum-{now.strftime('%Y%m%d-%H%M%S')}"
    candidate = target.with_name(f"{stem}{target.suffix}")
    number = 2
    while candidate.exists():
        candidate = target.with_name(f"{stem}-{number}{target.suffix}")
        number += 1
    return candidate


def _keep(target: Path, kept: Path) -> None:
    """A second name for the earlier file, so that the final name is never empty: a hard
    link where the file system has them, else a copy."""
    try:
        os.link(target, kept)
    except OSError:
        shutil.copy2(target, kept)


def _umask() -> int:
    """The process umask (read by setting it, then restoring it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _place(temporary: Path, target: Path, now: dt.datetime, keep: int) -> None:
    """Give the new file its name; an earlier, different one is kept, not overwritten."""
    if target.exists():
        if temporary.read_bytes() == target.read_bytes():
            return
        _keep(target, _kept_name(target, now))
        _prune_kept(target, keep)
    os.replace(temporary, target)


def _writable_name(target: Path) -> Path:
    """The file's name, or `…(2).xlsx`, `…(3).xlsx` … when it is open elsewhere."""
    candidate, number = target, 2
    while _locked(candidate):
        candidate = target.with_name(f"{target.stem}({number}){target.suffix}")
        number += 1
    return candidate


def _locked(path: Path) -> bool:
    """True when the file exists and cannot be opened for writing: on Windows, a workbook
    open in Excel or a document open in Word. (Opening it for update writes nothing.)"""
    try:
        with path.open("r+b"):
            return False
    except FileNotFoundError:
        return False
    except PermissionError:
        return True


def _prune_kept(target: Path, keep: int) -> None:
    """Remove all but the newest `keep` earlier copies of this file."""
    copies = sorted(target.parent.glob(f"{target.stem}.sebelum-*{target.suffix}"),
                    key=lambda path: (path.stat().st_mtime, path.name))
    for old in copies[:max(len(copies) - keep, 0)]:
        old.unlink(missing_ok=True)
