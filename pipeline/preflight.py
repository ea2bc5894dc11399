"""Pre-flight: is a file a workbook we can safely hand to a parser at all?

Checked before any parser touches the file, from the zip directory and the first bytes of
each part: the container (a zip with the parts of a workbook, not an encrypted or legacy
OLE file, not text renamed to .xlsx), the entry count, total uncompressed size and
compression ratio (zip bombs), XML declarations of entities (billion laughs, external
entities: OOXML never needs a DTD), and each sheet's declared dimension (a 5 KB file that
declares a cell at XFD1048576 makes calamine allocate hundreds of gigabytes).
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path
from typing import NamedTuple

from pipeline import os_errors
from pipeline.findings import Code

LEGACY_SUFFIXES = {".xls"}  # read as they are (`pipeline.discover`); a renamed one is not
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
MAX_ENTRIES = 10_000
MAX_UNCOMPRESSED = 1 << 30  # 1 GiB of XML in one workbook
MAX_RATIO = 200  # uncompressed / compressed, for parts larger than 1 MiB
MAX_CELLS = 20_000_000  # rows × columns declared by one sheet
MAX_FILE_BYTES = 512 << 20  # a monthly export of 50,000 rows is about 3 MiB
PROLOG_CHUNK = 1 << 16
PROLOG_LIMIT = 1 << 22  # a prolog (before the root element) longer than this is refused
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')
_ROOT_START = re.compile(rb"<[A-Za-z]")


class Refusal(NamedTuple):
    """Why a file is not parsed: a finding code and a sentence for the officer."""

    code: Code
    message: str


def too_large(path: Path) -> Refusal | None:
    """A file too large to hash or parse at all (checked before anything reads it)."""
    try:
        size = path.stat().st_size
    except OSError as error:
        return Refusal("file-unreadable", f"Berkas tidak dapat dibaca ({os_errors.reason(error)}).")
    if size > MAX_FILE_BYTES:
        return Refusal("file-too-large", f"Berkas berukuran {size // (1 << 20):,} MiB; batasnya "
                       f"{MAX_FILE_BYTES // (1 << 20)} MiB. Pecah menjadi beberapa berkas."
                       .replace(",", "."))
    return None


def check(path: Path) -> Refusal | None:
    """None when the file may be parsed; else the reason it may not."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        return Refusal("file-unreadable", f"Berkas tidak dapat dibaca ({os_errors.reason(error)}).")
    if not head:
        return Refusal("file-empty", "Berkas kosong (0 byte); simpan ulang dari Excel.")
    if head.startswith(OLE_SIGNATURE):
        return _ole(path)
    if path.suffix.lower() in LEGACY_SUFFIXES and not head.startswith(ZIP_SIGNATURE):
        # Old SIPD/SIMDA "Excel" exports are often a web page (HTML) under a .xls name; an
        # unrelated old one in the shared folder must not turn the report into a DRAFT, and a
        # needed one is missed visibly (this warning, and the checks on what is missing).
        return Refusal("file-other-format", "Berkas .xls ini sebenarnya bukan workbook Excel, "
                       "melainkan halaman web (HTML) atau teks, seperti unduhan \"Excel\" lama "
                       "dari SIPD/SIMDA; berkas ini tidak dibaca. Bila isinya diperlukan, buka di "
                       "Excel lalu simpan sebagai Excel Workbook (.xlsx).")
    if not head.startswith(ZIP_SIGNATURE):
        return Refusal("file-not-workbook", "Berkas ini bukan workbook Excel (.xlsx): isinya "
                       "teks atau format lain yang diberi nama .xlsx. Buka di Excel lalu simpan "
                       "sebagai Excel Workbook (.xlsx).")
    try:
        with zipfile.ZipFile(path) as archive:
            return _zip(archive)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError,
            NotImplementedError, zlib.error):
        # damaged deflate data, password-flagged entries, unknown compression methods
        return Refusal("file-damaged", "Berkas .xlsx rusak atau terpotong (misalnya unduhan atau "
                       "salinan yang belum selesai); salin ulang berkasnya.")


def _ole(path: Path) -> Refusal | None:
    with path.open("rb") as handle:
        start = handle.read(1 << 20)
    if "EncryptionInfo".encode("utf-16-le") in start or b"EncryptionInfo" in start:
        return Refusal("file-encrypted", "Workbook dilindungi kata sandi; buka di Excel, hapus "
                       "kata sandinya (File › Info › Protect Workbook), lalu simpan ulang.")
    if path.suffix.lower() in LEGACY_SUFFIXES:
        return None  # an Excel 97-2003 workbook under its own name: calamine reads it
    return Refusal("file-legacy", "Berkas berformat Excel lama (.xls) yang diberi nama .xlsx; "
                   "buka di Excel lalu simpan sebagai Excel Workbook (.xlsx).")


def _zip(archive: zipfile.ZipFile) -> Refusal | None:
    entries = archive.infolist()
    names = {entry.filename for entry in entries}
    if len(entries) > MAX_ENTRIES:
        return Refusal("file-too-large", f"Berkas berisi {len(entries)} bagian; batasnya "
                       f"{MAX_ENTRIES}. Berkas ini tidak dibaca.")
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        return Refusal("file-not-workbook", "Berkas zip ini bukan workbook Excel (tidak ada "
                       "xl/workbook.xml); simpan sebagai Excel Workbook (.xlsx).")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNCOMPRESSED:
        return Refusal("file-too-large", f"Isi berkas setelah diekstrak {total // (1 << 20)} MiB; "
                       f"batasnya {MAX_UNCOMPRESSED // (1 << 20)} MiB.")
    for entry in entries:
        if entry.file_size > 1 << 20 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            return Refusal("file-too-large", f"Bagian {entry.filename} mengembang "
                           f"{entry.file_size // max(entry.compress_size, 1)}× saat diekstrak "
                           "(bom zip); berkas tidak dibaca.")
    for entry in entries:
        if entry.filename.endswith((".xml", ".rels")):
            refusal = _part(archive, entry)
            if refusal is not None:
                return refusal
    return None


def _part(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> Refusal | None:
    """The prolog of one XML part: no DTD; for a sheet, a sane dimension."""
    prolog = _prolog(archive, entry)
    root = _ROOT_START.search(prolog)
    before_root = prolog[:root.start()] if root else prolog
    endless = root is None and len(prolog) >= PROLOG_LIMIT
    if endless or b"<!DOCTYPE" in before_root.upper() or b"<!ENTITY" in prolog.upper():
        return Refusal("file-xml-entities", f"Bagian {entry.filename} berisi deklarasi entitas "
                       "XML yang tidak pernah dipakai Excel (pola serangan); berkas ditolak.")
    if entry.filename.startswith("xl/worksheets/"):
        match = _DIMENSION.search(prolog)
        if match and match.group(3) and match.group(4):
            cells = int(match.group(4)) * _column_number(match.group(3).decode())
            if cells > MAX_CELLS:
                return Refusal("file-too-large", f"Sheet {entry.filename} menyatakan ukuran "
                               f"{match.group(3).decode()}{match.group(4).decode()} "
                               f"({cells:,} sel); batasnya {MAX_CELLS:,} sel. Hapus isi di "
                               "luar tabel lalu simpan ulang.".replace(",", "."))
    return None


def _prolog(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    """The part's bytes up to and a little past its root element, as UTF-8 (a UTF-16 part,
    which Excel never writes, is decoded first so that nothing hides in it)."""
    data = b""
    with archive.open(entry) as stream:
        while len(data) < PROLOG_LIMIT:
            chunk = stream.read(PROLOG_CHUNK)
            data += chunk
            if not chunk or _ROOT_START.search(_as_utf8(data)):
                break
    return _as_utf8(data)


def _as_utf8(data: bytes) -> bytes:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="ignore").encode("utf-8")
    return data


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number
