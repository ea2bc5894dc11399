"""Reading an input folder: discover, pre-flight and parse every file in isolation.

The result is one `ParsedFile` per workbook, in path order whatever order the workers
finish in, plus the notes for files passed over (lock files, other formats).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pipeline import preflight
from pipeline.cache import ParseCache
from pipeline.discover import discover
from pipeline.findings import Issue, issue
from pipeline.isolation import Limits, parse_isolated
from pipeline.parse import digest_or_blank
from pipeline.tables import ParsedFile

Progress = Callable[[str], None]


def read_all(folder: Path, progress: Progress, exclude: Path | None = None,
             limits: Limits | None = None, cache: ParseCache | None = None
             ) -> tuple[list[ParsedFile], list[Issue]]:
    """Every workbook under `folder` parsed (or refused, with the reason), and the notes
    on the files that were not workbooks. Files found in `cache` are not parsed again:
    they are loaded while the workers parse the others."""
    found = discover(folder, exclude)
    display_of = {path: _display(path, folder) for path in found.workbooks}
    notes = [issue(skipped.code, skipped.message, skipped.path) for skipped in found.skipped]
    order = {display_of[path]: index for index, path in enumerate(found.workbooks)}
    parsed: list[ParsedFile] = []
    to_parse: list[tuple[Path, str]] = []
    in_cache: list[tuple[Path, str, str]] = []
    refused = {path: preflight.too_large(path) for path in found.workbooks}
    digests = _digests([path for path in found.workbooks if refused[path] is None]
                       if cache is not None else [])
    for path in found.workbooks:
        display = display_of[path]
        huge = refused[path]
        if huge is not None:  # refused before anything reads it, not even the hash
            parsed.append(ParsedFile.failed(display, "", huge.code, huge.message))
            continue
        # Unreadable: no digest, and pre-flight below names the reason.
        digest = digests.get(path, "")
        if cache is not None and digest and cache.holds(digest, display):
            in_cache.append((path, display, digest))
            continue
        refusal = preflight.check(path) if path.suffix.lower() != ".csv" else None
        if refusal is None:
            to_parse.append((path, display))
        else:
            parsed.append(ParsedFile.failed(display, digest_or_blank(path), refusal.code,
                                            refusal.message))
    rows = _Tally(len(found.workbooks), sum(table.row_count for item in parsed
                                            for table in item.tables), progress)
    stale: list[tuple[Path, str]] = []  # in the cache, but the entry had to be dropped

    def load_cached() -> Iterator[None]:
        for path, display, digest in in_cache:
            cached = cache.get(digest, display) if cache is not None else None
            if cached is None:
                stale.append((path, display))
            else:
                parsed.append(cached)
                rows.add(cached, len(parsed), "cache")
            yield None

    loading = load_cached()
    for batch in (to_parse, stale):
        for item in parse_isolated(batch, limits or Limits(), loading):
            if cache is not None and not item.issues_of_file():
                cache.put(item)
            parsed.append(item)
            rows.add(item, len(parsed))
        for _ in loading:  # whatever the workers left to load
            pass
    return sorted(parsed, key=lambda item: order[item.path]), notes


def _digests(paths: list[Path]) -> dict[Path, str]:
    """Each file's digest ("" when unreadable), two at a time: hashing lets go of the
    interpreter, so two threads hash twice as fast."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(paths, pool.map(digest_or_blank, paths), strict=True))


class _Tally:
    """Progress, one line per file: `[3/15] realisasi/2023_03.xlsx: 50000 baris (…)`."""

    def __init__(self, files: int, rows: int, progress: Progress) -> None:
        self.files, self.rows, self.progress = files, rows, progress

    def add(self, item: ParsedFile, done: int, source: str = "") -> None:
        count = sum(table.row_count for table in item.tables)
        self.rows += count
        where = source or f"total {self.rows}"
        self.progress(f"[{done}/{self.files}] {item.path}: {count} baris ({where})")


def _display(path: Path, folder: Path) -> str:
    """The path as the officer sees it; bytes that are not UTF-8 shown as �."""
    text = path.relative_to(folder).as_posix()
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
