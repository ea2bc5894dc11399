"""Builders of hostile and broken input files, one function per kind, each taking the
path to write (or, for what is about file names, the folder).

Every workbook starts from a small valid Realisasi workbook (`valid_workbook`) whose zip
entries are then rewritten with `zipfile`: the attack sits in a real .xlsx that passes
every check but the one it targets. Builders are small and fast; the zip bomb streams
its part chunk by chunk, so neither the test nor its disk ever holds the expanded size.

Parts of the base workbook: `xl/worksheets/sheet1.xml` (sheet `Realisasi`, header on row
1, one data row on row 2) and `xl/sharedStrings.xml` (its texts, `ATK` among them).

At the end, `run_cli_measured`: the command line in a fresh process, with its wall time,
exit status, output and peak memory (the run and its worker processes).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

import xlsxwriter
from builders import ATK, REALISASI_HEADER, SUB, write_sheet

SHEET_PART = "xl/worksheets/sheet1.xml"
STRINGS_PART = "xl/sharedStrings.xml"
ROWS: list[list[object]] = [[2023, 1, SUB, ATK, "ATK", 100_000]]
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
PASSWD = "file:///etc/passwd"
LAUGH_TEXT = "lol"  # billion laughs: 10**9 of these if anything expanded &lol9;

Rewrite = Callable[[bytes], bytes]


def valid_workbook(path: Path, rows: list[list[object]] | None = None,
                   sheet: str = "Realisasi") -> Path:
    """A small valid Realisasi workbook (fixed metadata, so the same bytes every time)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    workbook.set_properties({"created": dt.datetime(2000, 1, 1)})
    write_sheet(workbook, sheet, REALISASI_HEADER, ROWS if rows is None else rows)
    workbook.close()
    return path


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def rewrite(path: Path, parts: Mapping[str, Rewrite] | None = None,
            extra: Iterable[tuple[str, bytes]] = (), drop: Iterable[str] = ()) -> Path:
    """Build the valid workbook at `path`, then rewrite it: each named part through its
    function, `drop`ped parts left out, `extra` parts appended."""
    valid_workbook(path)
    parts, dropped = parts or {}, set(drop)
    with zipfile.ZipFile(path) as old:
        contents = [(info.filename, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(path, "w") as new:
        for name, data in contents:
            if name not in dropped:
                new.writestr(_info(name), parts.get(name, lambda same: same)(data))
        for name, data in extra:
            new.writestr(_info(name), data)
    return path


def _part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


# --- size: zip bomb, entry count, declared and real sheet dimensions -------------------


def zip_bomb(path: Path, mebibytes: int = 128) -> Path:
    """The sheet part holds `mebibytes` MiB of blanks inside `<sheetData>` (still valid XML)
    and compresses about 1000:1; written in 1 MiB chunks."""
    valid_workbook(path)
    with zipfile.ZipFile(path) as old:
        contents = [(info.filename, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(path, "w", compresslevel=9) as new:
        for name, data in contents:
            if name != SHEET_PART:
                new.writestr(_info(name), data)
                continue
            head, tail = data.split(b"</sheetData>")
            with new.open(_info(name), "w", force_zip64=True) as stream:
                stream.write(head)
                chunk = b" " * (1 << 20)
                for _ in range(mebibytes):
                    stream.write(chunk)
                stream.write(b"</sheetData>" + tail)
    return path


def too_many_entries(path: Path, count: int = 10_001) -> Path:
    """A valid workbook with `count` extra empty parts."""
    return rewrite(path, extra=((f"xl/media/kosong{number}.bin", b"") for number in range(count)))


def declared_huge_dimension(path: Path) -> Path:
    """The sheet declares `A1:XFD1048576` (17 billion cells) but holds two rows."""
    return rewrite(path, {SHEET_PART: lambda data: re.sub(
        rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', data)})


def huge_cell_without_dimension(path: Path) -> Path:
    """No `<dimension>`, and besides the table one cell at XFD1048576: nothing for a
    pre-flight to see, but the sheet's range spans 17 billion cells. calamine 0.9 then
    asks for 512 GiB ("memory allocation of 549755813888 bytes failed") and aborts."""
    def grow(data: bytes) -> bytes:
        data = re.sub(rb'<dimension ref="[^"]*"/>', b"", data)
        return data.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c>'
                                              b"</row></sheetData>")
    return rewrite(path, {SHEET_PART: grow})


def large_workbook(path: Path, rows: int = 80_000) -> Path:
    """A legitimately large Realisasi workbook, `rows` rows of the base row (about a second
    to parse at 80 000 rows), its sheet XML generated directly so that building it is fast:
    for time and memory limits."""
    def fill(data: bytes) -> bytes:
        head, rest = data.split(b"<sheetData>")
        header, _ = rest.split(b"</row>", 1)
        tail = rest.split(b"</sheetData>")[1]
        strings = re.findall(rb'<c r="[C-E]2" t="s"><v>(\d+)</v>', data)  # sub, kode, uraian
        body = [b"<sheetData>" + header + b"</row>"]
        for row in range(2, rows + 2):
            body.append(b'<row r="%d"><c r="A%d"><v>2023</v></c><c r="B%d"><v>%d</v></c>'
                        b'<c r="C%d" t="s"><v>%s</v></c><c r="D%d" t="s"><v>%s</v></c>'
                        b'<c r="E%d" t="s"><v>%s</v></c><c r="F%d"><v>%d</v></c></row>'
                        % (row, row, row, 1 + row % 12, row, strings[0], row, strings[1], row,
                           strings[2], row, row))
        return re.sub(rb'<dimension ref="[^"]*"/>', b"", head) + b"".join(body) + \
            b"</sheetData>" + tail
    return rewrite(path, {SHEET_PART: fill})


def sparse_giant(path: Path, size: int = 256 << 30) -> Path:
    """A .xlsx of `size` bytes of zeros that takes no disk space (a sparse file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


# --- XML attacks ------------------------------------------------------------------------


def _doctype(root: bytes, declarations: bytes, padding: int) -> Rewrite:
    """Insert `<!DOCTYPE root [declarations]>` after the XML declaration, behind an XML
    comment of `padding` bytes (0: no comment)."""
    comment = b"<!--" + b" " * padding + b"-->" if padding else b""

    def insert(data: bytes) -> bytes:
        return data.replace(b"?>", b"?>" + comment + b"<!DOCTYPE " + root + b" [" +
                            declarations + b"]>", 1)
    return insert


LAUGHS = b'<!ENTITY lol0 "' + LAUGH_TEXT.encode() + b'">' + b"".join(
    b'<!ENTITY lol%d "%s">' % (level, b"&lol%d;" % (level - 1) * 10) for level in range(1, 10))


def billion_laughs(path: Path, padding: int = 0) -> Path:
    """sharedStrings.xml declares lol0…lol9 (each ten of the one before) and the text of
    the Uraian cell (E2) is `&lol9;`: 3 GB if expanded."""
    declare = _doctype(b"sst", LAUGHS, padding)
    return rewrite(path, {STRINGS_PART: lambda data: declare(data).replace(
        b"<t>ATK</t>", b"<t>&lol9;</t>")})


def external_entity(path: Path, padding: int = 0) -> Path:
    """The sheet declares `<!ENTITY e SYSTEM "file:///etc/passwd">` and cell E3 uses it."""
    declare = _doctype(b"worksheet", b'<!ENTITY e SYSTEM "' + PASSWD.encode() + b'">', padding)

    def attack(data: bytes) -> bytes:
        row = (b'<row r="3"><c r="A3"><v>2023</v></c><c r="B3"><v>2</v></c>'
               b'<c r="E3" t="inlineStr"><is><t>&e;</t></is></c><c r="F3"><v>5</v></c></row>')
        return declare(data).replace(b"</sheetData>", row + b"</sheetData>")
    return rewrite(path, {SHEET_PART: attack})


def utf16_external_entity(path: Path) -> Path:
    """The external entity of `external_entity`, in a part encoded as UTF-16: a byte
    search for `<!DOCTYPE` does not see it."""
    plain = _part(external_entity(path), SHEET_PART)
    utf16 = plain.replace(b'encoding="UTF-8"', b'encoding="UTF-16"').decode().encode("utf-16")
    return rewrite(path, {SHEET_PART: lambda data: utf16})


# --- containers that are not (readable) workbooks ----------------------------------------


def _ole(stream_name: str) -> bytes:
    """The first sector of a compound file and a directory entry naming `stream_name`."""
    header = OLE_SIGNATURE + bytes(16) + struct.pack("<HH", 0x3E, 3) + b"\xfe\xff"
    header = header.ljust(512, b"\0")
    name = stream_name.encode("utf-16-le") + b"\0\0"
    entry = name.ljust(64, b"\0") + struct.pack("<H", len(name)) + b"\x02"
    return (header + entry.ljust(128, b"\0")).ljust(4096, b"\0")


def fake_encrypted(path: Path) -> Path:
    """What Excel writes for a password-protected workbook: an OLE compound file with an
    `EncryptionInfo` stream (named in UTF-16LE in its directory)."""
    path.write_bytes(_ole("EncryptionInfo"))
    return path


def fake_legacy(path: Path) -> Path:
    """An Excel 97–2003 workbook (OLE file with a `Workbook` stream) renamed .xlsx."""
    path.write_bytes(_ole("Workbook"))
    return path


def broken_legacy(path: Path) -> Path:
    """An Excel 97–2003 workbook under its own name (.xls) with nothing but the start of
    its container (its stream named `Book`, as Excel 95 names it, so that it is no copy of
    another file here): read as a download, it cannot be opened."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_ole("Book"))
    return path


def other_formats(folder: Path) -> list[Path]:
    """An .ods and an .xlsb (never read), and a .csv that is neither a chart of accounts nor
    a download: it holds the Realisasi template's columns, which only a workbook sheet named
    Realisasi gives (read, and named once, with a warning)."""
    folder.mkdir(parents=True, exist_ok=True)
    ods, xlsb, csv = (folder / f"laporan.{suffix}" for suffix in ("ods", "xlsb", "csv"))
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr(_info("mimetype"), b"application/vnd.oasis.opendocument.spreadsheet")
    with zipfile.ZipFile(xlsb, "w") as archive:
        archive.writestr(_info("xl/workbook.bin"), b"\0" * 16)
    csv.write_text("Tahun;Bulan;Kode Rekening;Realisasi\n2023;1;5.1.02.01.01.0024;100000\n",
                   encoding="utf-8")
    return [ods, xlsb, csv]


def text_renamed(path: Path) -> Path:
    """CSV text saved under a .xlsx name."""
    path.write_text(f"Tahun,Bulan,Kode Sub Kegiatan,Kode Rekening,Uraian,Realisasi\n"
                    f"2023,1,{SUB},{ATK},ATK,100000\n", encoding="utf-8")
    return path


def truncated(path: Path) -> Path:
    """The first half of the bytes of a valid workbook (a download that stopped)."""
    data = valid_workbook(path).read_bytes()
    path.write_bytes(data[:len(data) // 2])
    return path


def empty_file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    return path


def empty_sheets(path: Path) -> Path:
    """A recognised Realisasi sheet with its header and no row below it."""
    return valid_workbook(path, rows=[])


def zip_without_workbook(path: Path) -> Path:
    """A zip archive (a folder of scans, say) renamed .xlsx."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(_info("scan/halaman1.txt"), b"halaman 1")
    return path


def missing_sheet_part(path: Path) -> Path:
    """A well-formed zip whose workbook names a sheet part that is not there."""
    return rewrite(path, drop=[SHEET_PART])


def _data_span(data: bytes | bytearray, info: zipfile.ZipInfo) -> tuple[int, int]:
    """Where an entry's compressed bytes sit in the archive."""
    offset = info.header_offset
    name_length, extra_length = struct.unpack("<HH", data[offset + 26:offset + 30])
    start = offset + 30 + name_length + extra_length
    return start, start + info.compress_size


def corrupted_inside(path: Path) -> Path:
    """The compressed bytes of the sheet part are damaged, the archive's length and
    directory intact (bit rot, a bad copy): its deflate stream cannot be decoded."""
    data = bytearray(valid_workbook(path).read_bytes())
    with zipfile.ZipFile(path) as archive:
        start, end = _data_span(data, archive.getinfo(SHEET_PART))
    for position in range(start + 4, end - 4):
        data[position] ^= 0xFF
    path.write_bytes(bytes(data))
    return path


def _patch_headers(path: Path, local_offset: int, central_offset: int, value: int,
                   combine: Callable[[int, int], int]) -> Path:
    """Set one 16-bit field of every local and central zip header."""
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", local_offset), (b"PK\x01\x02", central_offset)):
        position = data.find(signature)
        while position >= 0:
            old = struct.unpack("<H", data[position + offset:position + offset + 2])[0]
            data[position + offset:position + offset + 2] = struct.pack("<H", combine(old, value))
            position = data.find(signature, position + 4)
    path.write_bytes(bytes(data))
    return path


def zip_encrypted_entries(path: Path) -> Path:
    """Every entry flagged as encrypted with a zip password (general purpose bit 0)."""
    return _patch_headers(valid_workbook(path), 6, 8, 1, lambda old, bit: old | bit)


def unsupported_compression(path: Path) -> Path:
    """Every entry declares compression method 99 (AES), which zipfile cannot read."""
    return _patch_headers(valid_workbook(path), 8, 10, 99, lambda old, method: method)


# --- names: lock files, temporary files, undecodable names ------------------------------


def lock_file(folder: Path, name: str = "~$dpa.xlsx") -> Path:
    """The owner file Excel keeps beside an open workbook (165 bytes, the user's name)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes((b"\x05Admin" + b" " * 48 + "Admin".encode("utf-16-le")).ljust(165, b" "))
    return path


TEMPORARY_NAMES = (".~lock.dpa.xlsx#", "dpa.tmp", "~WRL0005.tmp", "._dpa.xlsx",
                   ".lakip-abc123.xlsx.part")


def temporary_files(folder: Path) -> list[Path]:
    """A LibreOffice lock, Excel temporaries, the resource fork macOS leaves on a USB stick
    (`._dpa.xlsx`) and a report being written (`.lakip-….xlsx.part`, a valid workbook)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / name for name in TEMPORARY_NAMES]
    for path in paths:
        if path.name.endswith(".part"):
            valid_workbook(path)
        elif path.name.startswith("._"):
            path.write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ")
        else:
            path.write_bytes(b"sementara")
    return paths


def undecodable_name(folder: Path) -> Path:
    """A valid workbook whose file name is not UTF-8 (`real_\\xff.xlsx`, as unzipping an
    archive made on an old Windows leaves it)."""
    folder.mkdir(parents=True, exist_ok=True)
    raw = os.fsencode(folder) + b"/real_\xff.xlsx"
    valid_workbook(Path(os.fsdecode(raw)))
    return Path(os.fsdecode(raw))


# --- the command line, measured ----------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
# Runs the command in its own session, kills the whole session at the timeout, and reports
# the peak resident size of the command and every process it waited for (its workers).
_MEASURE = r"""
import json, os, resource, signal, subprocess, sys, time
start = time.monotonic()
child = subprocess.Popen(sys.argv[2:], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         start_new_session=True)
try:
    out, err = child.communicate(timeout=float(sys.argv[1]))
    code = child.returncode
except subprocess.TimeoutExpired:
    os.killpg(child.pid, signal.SIGKILL)
    out, err = child.communicate()
    code = None
print(json.dumps({"code": code, "stdout": out.decode("utf-8", "replace"),
                  "stderr": err.decode("utf-8", "replace"),
                  "seconds": time.monotonic() - start,
                  "max_rss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


class CliRun(NamedTuple):
    code: int | None  # None: still running at the timeout, killed
    stdout: str
    stderr: str
    seconds: float
    max_rss_kib: int  # peak RSS of the run and its worker processes (Linux: KiB)


def run_cli_measured(input_dir: Path, output_dir: Path, timeout: float = 60.0) -> CliRun:
    """`python run.py --input … --output …` from the project root, in a fresh wrapper
    process so that RUSAGE_CHILDREN measures this run alone."""
    command = [sys.executable, "run.py", "--input", str(input_dir), "--output", str(output_dir)]
    done = subprocess.run([sys.executable, "-c", _MEASURE, str(timeout), *command], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout + 60, check=True)
    return CliRun(**json.loads(done.stdout))
