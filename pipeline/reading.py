"""Reading an input folder: discover, pre-flight and parse every file.

The files that pre-flight lets through are parsed by an executor (`pipeline.executor`),
from the cache where it holds them. The result is one `ParsedFile` per workbook, in path
order whatever order the workers finish in, plus the notes for files passed over (lock
files, other formats).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from pipeline import preflight
from pipeline.cache import ParseCache
from pipeline.digest import Known, digests
from pipeline.discover import discover, display_name
from pipeline.executor import Executor, ParseJob, parse_many
from pipeline.findings import Issue, issue
from pipeline.layouts import describe_roles
from pipeline.tables import ParsedFile

Progress = Callable[[str], None]


def read_all(folder: Path, executor: Executor, progress: Progress,
             exclude: Path | None = None, cache: ParseCache | None = None,
             known: Mapping[Path, Known] | None = None) -> tuple[list[ParsedFile], list[Issue]]:
    """Every workbook under `folder` parsed (or refused, with the reason), and the notes
    on the files that were not workbooks. `known`: digests taken already, used for the
    files unchanged since."""
    found = discover(folder, exclude)
    notes = [issue(skipped.code, skipped.message, skipped.path) for skipped in found.skipped]
    refused = {path: preflight.too_large(path) for path in found.workbooks}
    found_digests = digests([path for path in found.workbooks if refused[path] is None],
                            known)
    parsed: list[ParsedFile] = []
    jobs: list[ParseJob] = []
    for path in found.workbooks:
        display = display_name(path, folder)
        huge = refused[path]
        if huge is not None:  # refused before anything reads it, not even the hash
            parsed.append(ParsedFile.failed(display, "", huge.code, huge.message))
            continue
        digest = found_digests[path]  # "" when unreadable: pre-flight names the reason
        refusal = preflight.check(path) if path.suffix.lower() != ".csv" else None
        if refusal is None:
            jobs.append(ParseJob(path, display, digest))
        else:
            parsed.append(ParsedFile.failed(display, digest, refusal.code, refusal.message))
    tally = _Tally(len(found.workbooks), progress)
    for item in parsed:
        tally.add(item)
    for item in parse_many(jobs, executor, cache):
        parsed.append(item)
        tally.add(item)
    order = {display_name(path, folder): index for index, path in enumerate(found.workbooks)}
    return sorted(parsed, key=lambda item: order[item.path]), notes


class _Tally:
    """Progress, one line per file, with what it holds and the running total of realisasi
    rows: `[3/15] realisasi/2023_03.xlsx: 50000 baris realisasi (total realisasi 150000)`."""

    def __init__(self, files: int, progress: Progress) -> None:
        self.files, self.done, self.realisasi, self.progress = files, 0, 0, progress

    def add(self, item: ParsedFile) -> None:
        count = sum(table.row_count for table in item.tables)
        realisasi = sum(table.row_count for table in item.tables_of("realisasi"))
        self.done += 1
        self.realisasi += realisasi
        where = f"[{self.done}/{self.files}] {item.path}"
        if not item.tables and any(item.identitas.values()):
            self.progress(f"{where}: identitas perangkat daerah")
        elif not item.tables:
            self.progress(f"{where}: tidak ada tabel yang dibaca")
        elif realisasi:
            self.progress(f"{where}: {realisasi} baris realisasi (total realisasi "
                          f"{self.realisasi})")
        else:
            self.progress(f"{where}: {count} baris {describe_roles(item.roles)}")
