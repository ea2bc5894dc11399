"""Command line: a thin layer over `pipeline.run`, in Indonesian.

Exit status: 0 report written without errors (warnings allowed); 1 report written as
DRAFT; 2 nothing could be written (one sentence on stderr, never a traceback).

Importing this module is light (no pandas): `--help` and argument errors answer at once,
and the pipeline is imported only once there is work for it.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import traceback
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from pipeline import __version__, os_errors
from pipeline.cache import FOLDER_NAME, ParseCache
from pipeline.console import problem_lines, safe_console
from pipeline.money import format_rupiah

if TYPE_CHECKING:
    from pipeline.digest import Known
    from pipeline.executor import Executor
    from pipeline.pemda import PemdaResult
    from pipeline.run import RunResult

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DIR = PROJECT_ROOT / "examples" / "dinsos-labuhanbatu-utara-2023"
OUTPUT_DIR = PROJECT_ROOT / "output"
TEMPLATES_DIR = PROJECT_ROOT / "input_templates"

EXIT_CLEAN, EXIT_DRAFT, EXIT_NOTHING = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse, with its one error sentence in Indonesian."""

    def error(self, message: str) -> NoReturn:
        print(f"Gagal: argumen tidak sah ({message}); lihat `python run.py --help`.",
              file=sys.stderr)
        raise SystemExit(EXIT_NOTHING)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="run.py",
        description="Menyusun laporan LAKIP dan LRA dari workbook DPA, realisasi dan PK.",
        epilog="Perintah lain: `python run.py templates [--output DIR]` menulis templat "
               "masukan kosong; `python run.py watch DIR [--output OUT]` memantau folder dan "
               "menyusun laporan setiap kali ada berkas baru.",
    )
    parser.add_argument("--input", type=Path, default=EXAMPLE_DIR,
                        help="folder berisi workbook masukan (default: contoh bawaan)")
    parser.add_argument("--output", type=Path, default=OUTPUT_DIR,
                        help="folder tempat laporan ditulis (default: output/)")
    parser.add_argument("--quiet", action="store_true", help="tanpa progres baca berkas")
    parser.add_argument("--no-cache", action="store_true",
                        help="baca ulang semua berkas tanpa cache (cache ada di "
                             f"OUTPUT/{FOLDER_NAME})")
    add_keep_option(parser)
    add_document_option(parser)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--workers", type=_at_least_one, metavar="N",
                       help="baca berkas dengan klaster dask lokal berisi N proses (perlu "
                            'pip install -e ".[dask]"); tanpa opsi ini: dua proses biasa')
    where.add_argument("--scheduler", metavar="tcp://HOST:8786",
                       help="baca berkas dengan klaster dask yang sudah berjalan (dask "
                            "scheduler / dask worker); pekerja membaca berkas dari jalur yang "
                            "sama, jadi folder masukan harus terlihat oleh mereka, kecuali "
                            "dengan --kirim-berkas")
    parser.add_argument("--kirim-berkas", action="store_true",
                        help="kirim isi setiap berkas ke pekerja klaster (untuk mesin yang "
                             "tidak melihat folder bersama)")
    parser.add_argument("--version", action="version", version=f"LAKIP Pipeline {__version__}")
    return parser


def add_keep_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--simpan", type=_at_least_one, default=5, metavar="N",
                        help="jumlah salinan laporan sebelumnya yang disimpan "
                             "(…sebelum-<waktu>.xlsx; default: 5)")


def add_document_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tanpa-dokumen", action="store_true",
                        help="tanpa dokumen LAKIP (.docx) di samping laporan")


def _at_least_one(text: str) -> int:
    number = int(text)
    if number < 1:
        raise argparse.ArgumentTypeError("minimal 1")
    return number


def templates_main(argv: list[str]) -> int:
    """`python run.py templates [--output DIR]`: the blank input workbooks."""
    parser = _Parser(prog="run.py templates",
                     description="Menulis templat masukan kosong: DPA, Realisasi dan PK.")
    parser.add_argument("--output", type=Path, default=TEMPLATES_DIR,
                        help="folder tujuan (default: input_templates/)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return EXIT_CLEAN if stop.code == 0 else EXIT_NOTHING
    from pipeline.templates import write_templates

    try:
        paths = write_templates(args.output)
    except OSError as error:
        reason = os_errors.reason(error)
        print(f"Gagal: templat tidak dapat ditulis ke {args.output} ({reason}).", file=sys.stderr)
        return EXIT_NOTHING
    for path in paths:
        print(f"Templat: {path}")
    return EXIT_CLEAN


def watch_main(argv: list[str]) -> int:
    """`python run.py watch DIR [--output OUT]`: a fresh report whenever DIR settles."""
    parser = _Parser(prog="run.py watch",
                     description="Memantau folder masukan dan menyusun laporan baru setiap kali "
                                 "ada berkas yang masuk, berubah atau dihapus.")
    parser.add_argument("folder", type=Path, help="folder masukan yang dipantau")
    parser.add_argument("--output", type=Path, default=None,
                        help="folder laporan (default: FOLDER/laporan)")
    parser.add_argument("--polling", action="store_true",
                        help="periksa folder secara berkala (untuk folder jaringan)")
    parser.add_argument("--tenang", type=float, default=None, metavar="DETIK",
                        help="lama folder harus tenang sebelum laporan disusun (default: 2)")
    add_keep_option(parser)
    add_document_option(parser)
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return EXIT_CLEAN if stop.code == 0 else EXIT_NOTHING
    if not args.folder.is_dir():
        print(f"Gagal: folder {args.folder} tidak ditemukan.", file=sys.stderr)
        return EXIT_NOTHING
    from pipeline.watch import QUIET_SECONDS, Watcher, on_network_share, watch_until_signalled

    output = args.output or args.folder / "laporan"
    print(f"Memantau {args.folder} (laporan ke {output}); tekan Ctrl-C untuk berhenti.",
          flush=True)
    quiet = QUIET_SECONDS if args.tenang is None else args.tenang
    polling = args.polling or on_network_share(args.folder)
    watcher = Watcher(args.folder, output, quiet, polling, keep=args.simpan,
                      say=lambda line: print(line, flush=True), document=not args.tanpa_dokumen)
    watch_until_signalled(watcher)
    print("Berhenti memantau.", flush=True)
    return EXIT_CLEAN


def entry() -> NoReturn:
    """`python run.py`, `python -m pipeline` and the `lakip` command: `main`, then exit.

    By then the report is written and every file closed. Python's own teardown would still
    search all the objects that pandas, pandera and xlsxwriter left in memory for reference
    cycles (about 0.2 s on every run, with nothing to gain); frozen, they are left to the
    operating system, which frees the whole process at once."""
    status = main()
    gc.freeze()
    raise SystemExit(status)


def main(argv: list[str] | None = None) -> int:
    safe_console()
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "templates":
        return templates_main(argv[1:])
    if argv and argv[0] == "watch":
        return watch_main(argv[1:])
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse already printed its message
        return EXIT_CLEAN if stop.code == 0 else EXIT_NOTHING
    progress = (lambda message: None) if args.quiet else _progress
    files = _input_files(args)
    with ExitStack() as stack:
        try:
            executor = stack.enter_context(_executor(args, progress))
        except Exception as error:  # noqa: BLE001 - dask missing, or a cluster out of reach
            print(f"Gagal: {_cluster_failure(error, args)}", file=sys.stderr)
            return EXIT_NOTHING
        known = _hash_and_start(executor, args, files)
        from pipeline.pemda_folders import pemda_layout
        from pipeline.run import NothingToReport, RunConfig, run

        cache_dir = None if args.no_cache else args.output / FOLDER_NAME
        config = RunConfig(args.input, args.output, cache_dir=cache_dir, keep=args.simpan,
                           document=not args.tanpa_dokumen, known_digests=known)
        try:
            layout = pemda_layout(args.input, args.output)
            if layout is not None:  # subfolders of OPDs: every report, then the pemda's own
                from pipeline.pemda import run_pemda

                pemda = run_pemda(config, layout, executor, progress)
                _pemda_summary(pemda)
                return EXIT_DRAFT if pemda.consolidated.errors else EXIT_CLEAN
            result = run(config, progress, executor=executor)
        except NothingToReport as nothing:
            print(f"Gagal: {nothing}", file=sys.stderr)
            return EXIT_NOTHING
        except OSError as error:
            reason = os_errors.reason(error)
            print(f"Gagal: laporan tidak dapat ditulis ke {error.filename or args.output} "
                  f"({reason}).", file=sys.stderr)
            return EXIT_NOTHING
        except Exception:  # noqa: BLE001 - a bug: one sentence for the officer, details in a log
            log = _write_crash_log(args.output)
            print("Gagal: terjadi kesalahan internal program; laporan tidak ditulis. Kirim "
                  f"berkas {log} kepada pengembang.", file=sys.stderr)
            return EXIT_NOTHING
    _summary(result)
    return EXIT_DRAFT if result.report.errors else EXIT_CLEAN


def _executor(args: argparse.Namespace,
              progress: Callable[[str], None]) -> AbstractContextManager[Executor]:
    """Where files are parsed: a dask cluster when asked for, else the local pool (its
    workers start in `_hash_and_start`)."""
    if args.workers or args.scheduler:
        from pipeline.cluster import local_cluster, remote_cluster

        if args.workers:
            return local_cluster(args.workers, send_bytes=args.kirim_berkas)
        return remote_cluster(args.scheduler, send_bytes=args.kirim_berkas)
    from pipeline.isolation import LocalPool

    return LocalPool(notice=progress)


def _input_files(args: argparse.Namespace) -> list[Path]:
    """The input workbooks the run will read, found before the pipeline loads. A file too
    large to read is left out, as the run refuses it before anything reads it."""
    from pipeline import preflight
    from pipeline.discover import discover

    try:
        found = discover(args.input, args.output).workbooks
    except OSError:  # no folder, or one that cannot be listed: the run says so itself
        return []
    return [path for path in found if preflight.too_large(path) is None]


def _hash_and_start(executor: Executor, args: argparse.Namespace,
                    files: list[Path]) -> dict[Path, Known]:
    """The digests of the input files (the run reuses them for the files unchanged since),
    with the local pool's workers started meanwhile: one per file to parse, up to the pool's
    limit, so that they load the parser while this process hashes and loads the pipeline.
    With nothing cached yet every file is to parse, and the workers start before the hashing
    (on the office's shared folder, hashing reads every byte over the network); otherwise
    after it, for the files the cache does not answer."""
    from pipeline.digest import known_digests
    from pipeline.isolation import LocalPool

    pool = executor if isinstance(executor, LocalPool) else None
    cache = None if args.no_cache else ParseCache(args.output / FOLDER_NAME)
    if pool is not None and (cache is None or not cache.folder.is_dir()):
        pool.start(len(files))
        return known_digests(files)
    known = known_digests(files)
    if pool is not None and cache is not None:
        pool.start(_files_to_parse(args, cache, known))
    return known


def _files_to_parse(args: argparse.Namespace, cache: ParseCache,
                    known: dict[Path, Known]) -> int:
    """How many input files the cache does not answer for."""
    from pipeline.discover import display_name

    return sum(not cache.answers(entry.digest, display_name(path, args.input))
               for path, entry in known.items())


def _cluster_failure(error: Exception, args: argparse.Namespace) -> str:
    from pipeline.cluster import DaskUnavailable

    if isinstance(error, DaskUnavailable):
        return str(error)
    where = args.scheduler or f"klaster lokal {args.workers} proses"
    return f"klaster dask ({where}) tidak dapat dipakai ({type(error).__name__}: {error})."


def _write_crash_log(folder: Path) -> Path:
    """The traceback of an internal error, kept for the developers."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        log = folder / "lakip-galat.log"
    except OSError:
        log = Path(tempfile.gettempdir()) / "lakip-galat.log"
    log.write_text(traceback.format_exc(), encoding="utf-8")
    return log


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _pemda_summary(result: PemdaResult) -> None:
    consolidated = result.consolidated
    belanja = consolidated.belanja()
    print(f"Perangkat daerah : {len(consolidated.opds)}")
    for opd in consolidated.opds:
        state = "DRAFT" if opd.draft else "final"
        print(f"  {opd.key}: {opd.errors} kesalahan, {opd.warnings} peringatan, laporan "
              f"{state}: {opd.report}")
    if belanja is not None:
        print(f"Pagu perubahan   : Rp {format_rupiah(belanja.anggaran)}")
        print(f"Realisasi {consolidated.year}   : Rp {format_rupiah(belanja.realisasi)}")
    print(f"Kesalahan        : {consolidated.errors}")
    print(f"Konsolidasi      : {result.path}", flush=True)
    if consolidated.errors:
        print(f"DRAFT: {consolidated.errors} kesalahan data; lihat sheet Validasi di "
              f"{result.path.name}.", file=sys.stderr)


def _summary(result: RunResult) -> None:
    report = result.report
    belanja = report.belanja()
    print(f"Berkas dibaca    : {len(report.files)}")
    print(f"Baris realisasi  : {result.rows_read}")
    if belanja is not None:
        print(f"Pagu perubahan   : Rp {format_rupiah(belanja.anggaran)}")
        print(f"Realisasi {report.year}   : Rp {format_rupiah(belanja.realisasi)}")
    print(f"Kesalahan        : {report.errors}")
    print(f"Peringatan       : {report.warnings}")
    print(f"Laporan          : {result.report_path}", flush=True)
    if result.document_path is not None:
        print(f"Dokumen          : {result.document_path}", flush=True)
    if result.locked is not None:
        print(f"{result.locked.name} sedang dibuka di program lain (misalnya Excel), jadi "
              f"laporan baru ditulis sebagai {result.report_path.name}.", file=sys.stderr)
    if result.document_locked is not None and result.document_path is not None:
        print(f"{result.document_locked.name} sedang dibuka di program lain (misalnya Word), "
              f"jadi dokumen baru ditulis sebagai {result.document_path.name}.", file=sys.stderr)
    for line in problem_lines(report.issues):
        print(line, file=sys.stderr)
    if report.errors:
        print(f"DRAFT: {report.errors} kesalahan data; lihat sheet Validasi di "
              f"{result.report_path.name}.", file=sys.stderr)
