"""Command line: a thin layer over `pipeline.run`, in Indonesian.

Exit status: 0 report written without errors (warnings allowed); 1 report written as
DRAFT; 2 nothing could be written (one sentence on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import traceback
from pathlib import Path
from typing import NoReturn

from pipeline import __version__, os_errors
from pipeline.cache import FOLDER_NAME
from pipeline.money import format_rupiah
from pipeline.run import NothingToReport, RunConfig, RunResult, run
from pipeline.templates import write_templates
from pipeline.watch import QUIET_SECONDS, Watcher, watch_until_signalled

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
    parser.add_argument("--version", action="version", version=f"LAKIP Pipeline {__version__}")
    return parser


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
    parser.add_argument("--tenang", type=float, default=QUIET_SECONDS, metavar="DETIK",
                        help="lama folder harus tenang sebelum laporan disusun")
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:
        return EXIT_CLEAN if stop.code == 0 else EXIT_NOTHING
    if not args.folder.is_dir():
        print(f"Gagal: folder {args.folder} tidak ditemukan.", file=sys.stderr)
        return EXIT_NOTHING
    output = args.output or args.folder / "laporan"
    print(f"Memantau {args.folder} (laporan ke {output}); tekan Ctrl-C untuk berhenti.",
          flush=True)
    watcher = Watcher(args.folder, output, args.tenang, args.polling,
                      say=lambda line: print(line, flush=True))
    watch_until_signalled(watcher)
    print("Berhenti memantau.", flush=True)
    return EXIT_CLEAN


def main(argv: list[str] | None = None) -> int:
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
    try:
        cache_dir = None if args.no_cache else args.output / FOLDER_NAME
        result = run(RunConfig(args.input, args.output, cache_dir=cache_dir), progress)
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
        print("Gagal: terjadi kesalahan internal program; laporan tidak ditulis. Kirim berkas "
              f"{log} kepada pengembang.", file=sys.stderr)
        return EXIT_NOTHING
    _summary(result)
    return EXIT_DRAFT if result.report.errors else EXIT_CLEAN


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
    print(f"Laporan          : {result.report_path}")
    if report.errors:
        print(f"DRAFT: {report.errors} kesalahan data; lihat sheet Validasi di "
              f"{result.report_path.name}.", file=sys.stderr)
