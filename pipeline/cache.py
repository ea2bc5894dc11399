"""The incremental cache: parsed, validated files keyed by content and pipeline version.

A run after one new monthly file parses only that file. An entry is trusted only when its
header names this exact pipeline (a hash of the package's own source, so any code change
invalidates every entry) and its payload checksum (CRC-32) matches; anything else — a
truncated, corrupt or stale entry — is deleted and the file parsed again.

The cache holds pickles, so it must live where only the officer writes: the output
folder (default) or a user cache directory.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import zlib
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the module itself stays light: the command line imports it for its name
    from pipeline.tables import ParsedFile

MAGIC = b"LAKIPCACHE2\n"
FOLDER_NAME = ".lakip-cache"


@cache
def pipeline_version() -> str:
    """A hash of every source file of the package: any change to the code is a new version."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")) + sorted((package / "data").glob("*")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    schemas = package.parent / "schemas"
    for path in sorted(schemas.glob("*.py")) if schemas.is_dir() else []:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


class ParseCache:
    """Parsed files on disk, one entry per (content, display path)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0
        self.rebuilt = 0
        self.pending: list[ParsedFile] = []

    def _entry(self, digest: str, display: str) -> Path:
        key = hashlib.sha256(f"{digest}\0{display}".encode()).hexdigest()
        return self.folder / f"{key}.pickle"

    def holds(self, digest: str, display: str) -> bool:
        """True when an entry exists (`get` still checks it); counts a miss otherwise."""
        if self._entry(digest, display).is_file():
            return True
        self.misses += 1
        return False

    def answers(self, digest: str, display: str) -> bool:
        """True when an entry exists and was written by this pipeline: a quick look at its
        header, without counting (`get` still checks the whole entry)."""
        wanted = MAGIC + pipeline_version().encode() + b"\n"
        try:
            with self._entry(digest, display).open("rb") as entry:
                return entry.read(len(wanted)) == wanted
        except OSError:
            return False

    def get(self, digest: str, display: str) -> ParsedFile | None:
        entry = self._entry(digest, display)
        try:
            blob = entry.read_bytes()
        except OSError:
            self.misses += 1
            return None
        parsed = _decode(blob, digest, display)
        if parsed is None:
            self.rebuilt += 1
            entry.unlink(missing_ok=True)
            return None
        self.hits += 1
        return parsed

    def put(self, parsed: ParsedFile) -> None:
        """Remember an entry; it is written by `flush`, once the run has written its report
        (a run that writes nothing leaves no folder behind)."""
        self.pending.append(parsed)

    def flush(self) -> None:
        for parsed in self.pending:
            self._write(parsed)
        self.pending.clear()

    def _write(self, parsed: ParsedFile) -> None:
        """Store an entry atomically; a cache that cannot be written is simply not used."""
        payload = pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL)
        header = f"{pipeline_version()}\n{_checksum(payload)}\n".encode()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".part")
            with os.fdopen(handle, "wb") as stream:
                stream.write(MAGIC + header + payload)
            os.replace(temporary, self._entry(parsed.digest, parsed.path))
        except OSError:
            return


def _decode(blob: bytes, digest: str, display: str) -> ParsedFile | None:
    """The entry's ParsedFile, or None when anything about it is not exactly right."""
    if not blob.startswith(MAGIC):
        return None
    lines = blob[len(MAGIC):].split(b"\n", 2)
    if len(lines) != 3:
        return None
    version, checksum, payload = lines
    if version.decode(errors="replace") != pipeline_version():
        return None
    if _checksum(payload).encode() != checksum:
        return None
    from pipeline.tables import ParsedFile

    try:
        parsed = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - a damaged entry of any kind is rebuilt
        return None
    if not isinstance(parsed, ParsedFile) or (parsed.digest, parsed.path) != (digest, display):
        return None
    return parsed


def _checksum(payload: bytes) -> str:
    """CRC-32 of the payload: it catches a damaged entry, and costs a third of a hash (the
    entry's key is the content hash of its file already)."""
    return f"{zlib.crc32(payload):08x}"
