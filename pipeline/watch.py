"""The drop folder: a fresh report whenever the input folder settles after a change.

watchdog reports creations, modifications, moves and deletions anywhere under the folder
(a polling observer serves network shares, where file-system events do not arrive), for
every kind of file a run reads (`discover.READ_SUFFIXES`: workbooks, old `.xls`, CSV). A run
starts once the folder has been quiet for a moment and every changed file is complete: its
size stable between two looks and, for a zip (`.xlsx`, `.xlsm`, the document's template),
its zip directory readable, so that a slow copy is never read half-written. Nothing but
Ctrl-C or SIGTERM stops the watcher: a broken file, a file deleted mid-run, a permission
error or a full disk is reported, and it waits on.
"""

from __future__ import annotations

import datetime as dt
import signal
import threading
import time
import traceback
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from pipeline import os_errors
from pipeline.cache import FOLDER_NAME
from pipeline.console import finding_line
from pipeline.discover import READ_SUFFIXES, WORKBOOK_SUFFIXES, is_ignored
from pipeline.document.template import TEMPLATE_NAME
from pipeline.executor import Executor
from pipeline.findings import Severity, sort_key
from pipeline.isolation import LocalPool
from pipeline.report.writer import KEEP
from pipeline.run import NothingToReport, RunConfig, RunResult, run

QUIET_SECONDS = 2.0
LOOK_INTERVAL = 0.25


def relevant(path: Path, folder: Path, output: Path) -> bool:
    """A file the run reads (a workbook, an old `.xls`, a CSV) under the folder, or the
    document's template at its top, that is not a lock, temporary or hidden file, nor in
    the output folder."""
    try:
        relative = path.relative_to(folder)
    except ValueError:
        return False
    if path == output or output in path.parents:
        return False
    if any(is_ignored(part) for part in relative.parts):
        return False
    return path.suffix.lower() in READ_SUFFIXES or (
        path.parent == folder and path.name.casefold() == TEMPLATE_NAME)


def complete(path: Path) -> bool:
    """A file that is gone (deleted), a readable zip, or a file that is no zip: an old
    `.xls` or a CSV has no directory to check, its size holding still is all there is
    (`Settle.ready`). A half-copied xlsx is none of these."""
    if not path.exists() or not zipped(path):
        return True
    try:
        with zipfile.ZipFile(path) as archive:
            archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False
    return True


def zipped(path: Path) -> bool:
    """True for a file that reads as a zip when whole: an `.xlsx`/`.xlsm` workbook, or the
    document's template (a `.docx`)."""
    return path.suffix.lower() in WORKBOOK_SUFFIXES or path.name.casefold() == TEMPLATE_NAME


@dataclass
class Settle:
    """Which paths changed, when the last change was, and whether the folder has settled.

    A changed workbook is ready when its size held still between two looks and it reads as
    a zip — or when its size has held still for `patience` seconds without ever reading as
    one: then it is not arriving, it is broken, and the run names it."""

    quiet: float = QUIET_SECONDS
    patience: float = 3 * QUIET_SECONDS
    changed: set[Path] = field(default_factory=set)
    last_change: float = 0.0
    sizes: dict[Path, int] = field(default_factory=dict)
    still_since: dict[Path, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, path: Path, now: float) -> None:
        with self.lock:
            self.changed.add(path)
            self.last_change = now

    def ready(self, now: float) -> bool:
        """Quiet long enough, and every changed file stable in size and complete."""
        with self.lock:
            if not self.changed or now - self.last_change < self.quiet:
                return False
            paths = list(self.changed)
        stable = True
        for path in paths:
            size = path.stat().st_size if path.exists() else -1
            if self.sizes.get(path) != size:
                self.sizes[path] = size
                self.still_since[path] = now
                stable = False
        return stable and all(complete(path) or now - self.still_since[path] >= self.patience
                              for path in paths)

    def take(self) -> set[Path]:
        with self.lock:
            taken, self.changed = self.changed, set()
            self.sizes.clear()
            self.still_since.clear()
            return taken


class _Handler(FileSystemEventHandler):
    def __init__(self, folder: Path, output: Path, settle: Settle) -> None:
        self.folder, self.output, self.settle = folder, output, settle

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if not raw:
                continue
            path = Path(raw.decode() if isinstance(raw, bytes) else raw)
            if relevant(path, self.folder, self.output):
                self.settle.note(path, time.monotonic())


def one_line(result: RunResult, now: dt.datetime) -> str:
    """`12:03:04 15 berkas, 486 baris, 0 kesalahan, 1 peringatan → path`."""
    report = result.report
    state = "DRAFT" if report.errors else "final"
    line = (f"{now:%H:%M:%S} {len(report.files)} berkas, {result.rows_read} baris realisasi, "
            f"{report.errors} kesalahan, {report.warnings} peringatan, laporan {state}: "
            f"{result.report_path}")
    if result.locked is not None:
        line += f" ({result.locked.name} sedang dibuka di program lain)"
    first = next((found for found in sorted(report.issues, key=sort_key)
                  if found.severity is Severity.ERROR), None)
    if first is not None:
        line += f" (kesalahan pertama: {finding_line(first).strip()})"
    return line


def on_network_share(folder: Path) -> bool:
    """A UNC path (`\\\\server\\share`, `//server/share`): file-system events do not arrive
    from a network share, so the watcher polls it."""
    text = str(folder)
    return text.startswith(("\\\\", "//"))


@dataclass
class Watcher:
    folder: Path
    output: Path
    quiet: float = QUIET_SECONDS
    polling: bool = False
    say: Callable[[str], None] = print
    keep: int = KEEP
    stop: threading.Event = field(default_factory=threading.Event)
    document: bool = True  # the LAKIP document beside each report
    runs: int = 0

    def run_once(self, executor: Executor | None = None) -> RunResult | None:
        """One pipeline run; every failure becomes one line and the watcher goes on."""
        now = dt.datetime.now()
        try:
            config = RunConfig(self.folder, self.output, cache_dir=self.output / FOLDER_NAME,
                               keep=self.keep, document=self.document)
            result = run(config, executor=executor)
        except NothingToReport as nothing:
            self.say(f"{now:%H:%M:%S} Belum ada laporan: {nothing}")
            return None
        except OSError as error:
            self.say(f"{now:%H:%M:%S} Gagal menulis laporan ({os_errors.reason(error)}: "
                     f"{error.filename or self.output}); menunggu perubahan berikutnya.")
            return None
        except Exception:  # noqa: BLE001 - a bug must not stop the drop folder
            log = self.output / "lakip-galat.log"
            try:
                log.write_text(traceback.format_exc(), encoding="utf-8")
            except OSError:
                log = Path("-")
            self.say(f"{now:%H:%M:%S} Gagal: kesalahan internal program (rincian di {log}); "
                     "menunggu perubahan berikutnya.")
            return None
        finally:
            self.runs += 1
        self.say(one_line(result, now))
        return result

    def watch(self) -> None:
        """Run now, then after every settled change, until `stop` is set. The parse workers
        live as long as the watch: a new month is parsed by a worker that is already warm."""
        settle = Settle(self.quiet, patience=3 * self.quiet)
        observer = PollingObserver(timeout=0.5) if self.polling else Observer()
        observer.schedule(_Handler(self.folder, self.output, settle), str(self.folder),
                          recursive=True)
        observer.start()
        try:
            with LocalPool() as pool:
                self.run_once(pool)
                while not self.stop.wait(LOOK_INTERVAL):
                    if settle.ready(time.monotonic()):
                        settle.take()
                        self.run_once(pool)
        finally:
            observer.stop()
            observer.join(timeout=5)


def watch_until_signalled(watcher: Watcher) -> None:
    """Watch until Ctrl-C or SIGTERM; both end cleanly."""
    previous = signal.signal(signal.SIGTERM, lambda *_: watcher.stop.set())
    try:
        watcher.watch()
    except KeyboardInterrupt:
        watcher.stop.set()
    finally:
        signal.signal(signal.SIGTERM, previous)
