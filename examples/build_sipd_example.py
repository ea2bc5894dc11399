#!/usr/bin/env python3
"""Write the bundled template example as the SIPD-RI downloads an officer would have.

Reads `examples/dinsos-labuhanbatu-utara-2023/` (the DPA workbook: Identitas, Program,
Anggaran; the twelve monthly realisasi workbooks; the prior-year realisasi; the PK) and
writes `examples/dinsos-labuhanbatu-utara-2023-sipd/`, the same year as downloads, with the
labels of the layouts in `../shared/spec/real-exports.md` (A1, B1, B2, C1):

    Dinas Sosial_Rekap_Ver2_Penetapan APBD 2023_Terkunci.xlsx   A1, pagu murni
    Dinas Sosial_Rekap_Ver4_Perubahan APBD 2023_Terkunci.xlsx   A1, pagu perubahan
    realisasi/…                                                  B1, twelve month-end snapshots
    SPJ_Fungsional_Maret_2023.xlsx                               B2, March 2023
    LRA_SKPD_Dinas Sosial_2023.xlsx                              C1, the AKLAP LRA
    pk_2023.xlsx                                                 the PK, copied byte for byte
    identitas_dinsos_2023.xlsx                                   the DPA's Identitas sheet alone

Every amount is a whole-rupiah integer taken from the template workbooks; every sum is
checked here before anything is written. Deterministic: a fixed created date, no
randomness (CRC-32 only), stable orders; two runs give the same bytes.

Usage (from the repository root, with the project's environment):

    python examples/build_sipd_example.py [--output DIR]

Needs python-calamine and xlsxwriter (both dependencies of the pipeline).
"""

from __future__ import annotations

import argparse
import calendar
import csv
import shutil
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import xlsxwriter
from python_calamine import CalamineWorkbook
from xlsxwriter.worksheet import Worksheet

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "dinsos-labuhanbatu-utara-2023"
TARGET = HERE / "dinsos-labuhanbatu-utara-2023-sipd"
CREATED = datetime(2024, 1, 31)  # fixed workbook "created" date: reproducible files
YEAR = 2023

# What SIPD-RI prints beside the names the template gives (Permendagri 90 codes; the
# Kemendagri code of Kabupaten Labuhanbatu Utara is 12.23).
KODE_DAERAH = "12.23"
KODE_URUSAN, NAMA_URUSAN = "1", "URUSAN PEMERINTAHAN WAJIB YANG BERKAITAN DENGAN PELAYANAN DASAR"
KODE_BIDANG, NAMA_BIDANG = "1.06", "URUSAN PEMERINTAHAN BIDANG SOSIAL"
KODE_SKPD = "1.06.0.00.0.00.01.0000"
SUMBER_DANA = {  # the template's illustrative sumber dana, as SIPD-RI names them
    "DAU": ("1.2.01.01.01.0001", "DAU yang Tidak Ditentukan Penggunaannya"),
    "PAD": ("1.1.01.99.99.9999", "PAD yang Tidak Ditentukan Penggunaannya"),
}

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
          "September", "Oktober", "November", "Desember")
PERUBAHAN_FROM = 9  # APBD-P adopted in September: snapshots from 30 September show it
SPJ_MONTH = 3
GU_BELOW = 10_000_000  # a non-gaji SP2D below this is paid from UP/GU/TU in the SPJ

REKAP_HEADER = (
    "NO", "KODE DAERAH", "NAMA DAERAH", "TAHUN", "KODE URUSAN", "NAMA URUSAN", "KODE SKPD",
    "NAMA SKPD", "KODE SUB UNIT", "NAMA SUB UNIT", "KODE BIDANG URUSAN", "NAMA BIDANG URUSAN",
    "KODE PROGRAM", "NAMA PROGRAM", "KODE KEGIATAN", "NAMA KEGIATAN", "KODE SUB KEGIATAN",
    "NAMA SUB KEGIATAN", "KODE SUMBER DANA", "NAMA SUMBER DANA", "KODE REKENING",
    "NAMA REKENING", "KODE STANDAR HARGA", "NAMA STANDAR HARGA", "NAMA PAKET KELOMPOK", "PAGU",
)
SNAPSHOT_HEADER = (
    "NO", "TAHUN", "KODE SKPD", "NAMA SKPD", "KODE SUB UNIT", "NAMA SUB UNIT",
    "KODE BIDANG URUSAN", "NAMA BIDANG URUSAN", "KODE PROGRAM", "NAMA PROGRAM",
    "KODE KEGIATAN", "NAMA KEGIATAN", "KODE SUB KEGIATAN", "NAMA SUB KEGIATAN",
    "KODE REKENING", "NAMA REKENING", "PAGU", "REALISASI",
)
LEVEL_HEADER = ("AKUN", "KELOMPOK", "JENIS", "OBJEK", "RINCIAN OBJEK", "SUB RINCIAN OBJEK")
LRA_HEADER = ("Kode Rekening", "Uraian", "Anggaran", "Realisasi", "%", "Realisasi Tahun Lalu")


@dataclass(frozen=True)
class Snapshot:
    """One month-end download: where its date is written."""

    month: int
    name: str  # path inside the example folder
    title: str = ""  # the dated title row, or "" when the date is only in the file name
    level_names: bool = False  # followed by AKUN … SUB RINCIAN OBJEK


SNAPSHOTS = (
    Snapshot(1, "realisasi/statistik_belanja.xlsx",
             "Realisasi Belanja Tahun Anggaran 2023 s.d. 31 Januari 2023"),
    Snapshot(2, "realisasi/realisasi_belanja_20230228.xlsx"),
    Snapshot(3, "realisasi/statistik_belanja (1).xlsx", "s.d. 31 Maret 2023", True),
    Snapshot(4, "realisasi/statistik_belanja (2).xlsx", "Per Tanggal 30-04-2023"),
    Snapshot(5, "realisasi/realisasi_belanja_2023-05-31.xlsx"),
    Snapshot(6, "realisasi/realisasi_sd_Juni_2023.xlsx", level_names=True),
    Snapshot(7, "realisasi/statistik_belanja (3).xlsx", "Sampai Dengan 31/07/2023"),
    Snapshot(8, "realisasi/realisasi 31-08-2023.xlsx"),
    Snapshot(9, "realisasi/Realisasi Belanja September 2023.xlsx", level_names=True),
    Snapshot(10, "realisasi/statistik_belanja (4).xlsx", "s.d. 31 Oktober 2023"),
    Snapshot(11, "realisasi/statistik_belanja (5).xlsx", "Per Tanggal 30-11-2023"),
    Snapshot(12, "realisasi/realisasi_belanja_2023-12-31.xlsx", level_names=True),
)
REKAP_MURNI = "Dinas Sosial_Rekap_Ver2_Penetapan APBD 2023_Terkunci.xlsx"
REKAP_PERUBAHAN = "Dinas Sosial_Rekap_Ver4_Perubahan APBD 2023_Terkunci.xlsx"
SPJ_FILE = "SPJ_Fungsional_Maret_2023.xlsx"
LRA_FILE = "LRA_SKPD_Dinas Sosial_2023.xlsx"
IDENTITAS_FILE = "identitas_dinsos_2023.xlsx"
PK_FILE = "pk_2023.xlsx"


# ---------------------------------------------------------------------------------------
# Reading the template example
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One DPA line of the template (a leaf: 6-level kode rekening)."""

    sub: str
    rek: str
    uraian: str
    murni: int
    perubahan: int
    sumber: str


@dataclass(frozen=True)
class Payment:
    """One realisasi row of the template: an SP2D × kode rekening."""

    month: int
    sub: str
    rek: str
    amount: int
    sp2d: str


@dataclass(frozen=True)
class Template:
    identitas: list[tuple[str, object]]
    programs: dict[str, str]  # program / kegiatan / sub kegiatan code → nomenklatur
    lines: list[Line]
    payments: list[Payment]
    prior: dict[str, tuple[str, int]]  # kode rekening → (uraian, realisasi of YEAR - 1)
    names: dict[str, str]  # kode rekening (every level) → uraian, in the seed LRA's order

    @property
    def pemda(self) -> str:
        return str(dict(self.identitas)["Pemerintah Daerah"])

    @property
    def opd(self) -> str:
        return str(dict(self.identitas)["Perangkat Daerah"])


def rows_of(path: Path, sheet: str) -> list[list[object]]:
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    return [list(row) for row in rows]


def whole(value: object) -> int:
    """A money cell of the template: whole rupiah, stored as a number."""
    assert isinstance(value, (int, float)) and value == int(value), value
    return int(value)


def level(code: str) -> int:
    return code.count(".") + 1


def below_header(rows: list[list[object]], first: str) -> tuple[list[object], list[list[object]]]:
    index = next(i for i, row in enumerate(rows) if row and row[0] == first)
    return rows[index], [row for row in rows[index + 1:] if any(cell != "" for cell in row)]


def read_template(folder: Path = TEMPLATE) -> Template:
    identitas = [(str(row[0]), row[1]) for row in rows_of(folder / "dpa_2023.xlsx", "Identitas")]
    _, program_rows = below_header(rows_of(folder / "dpa_2023.xlsx", "Program"), "Kode")
    programs = {str(row[0]): str(row[1]) for row in program_rows}
    header, budget_rows = below_header(rows_of(folder / "dpa_2023.xlsx", "Anggaran"),
                                       "Kode Sub Kegiatan")
    assert header == ["Kode Sub Kegiatan", "Kode Rekening", "Uraian", "Pagu Murni",
                      "Pagu Perubahan", "Sumber Dana"], header
    lines = [Line(str(r[0]), str(r[1]), str(r[2]), whole(r[3]), whole(r[4]), str(r[5]))
             for r in budget_rows if level(str(r[1])) == 6]
    check_declared_subtotals(budget_rows, lines)
    payments = [payment for month in range(1, 13)
                for payment in read_month(folder / "realisasi" / f"realisasi_{YEAR}_{month:02d}"
                                          ".xlsx", month)]
    prior = read_prior(folder / "realisasi" / f"realisasi_{YEAR - 1}.xlsx")
    names = read_seed_names(folder / "build" / "seed_lra.tsv")
    return Template(identitas, programs, lines, payments, prior, names)


def check_declared_subtotals(rows: list[list[object]], lines: list[Line]) -> None:
    """The template's declared subtotal rows (Kode Rekening `5` per sub kegiatan) hold, so a
    Rekap, which has no such rows, loses nothing by leaving them out."""
    for row in (r for r in rows if level(str(r[1])) < 6):
        sub, code = str(row[0]), str(row[1])
        leaves = [line for line in lines if line.sub == sub and line.rek.startswith(code + ".")]
        assert whole(row[3]) == sum(line.murni for line in leaves), row
        assert whole(row[4]) == sum(line.perubahan for line in leaves), row


def read_month(path: Path, month: int) -> list[Payment]:
    header, body = below_header(rows_of(path, "Realisasi"), "Tahun")
    assert header[:7] == ["Tahun", "Bulan", "Kode Sub Kegiatan", "Kode Rekening", "Uraian",
                          "Realisasi", "Nomor SP2D"], header
    payments = []
    for row in body:
        assert whole(row[0]) == YEAR and whole(row[1]) == month, (path, row)
        assert level(str(row[3])) == 6, (path, row)  # no declared subtotals in realisasi
        payments.append(Payment(month, str(row[2]), str(row[3]), whole(row[5]), str(row[6])))
    return payments


def read_prior(path: Path) -> dict[str, tuple[str, int]]:
    _, body = below_header(rows_of(path, "Realisasi"), "Tahun")
    prior: dict[str, tuple[str, int]] = {}
    for row in body:
        assert whole(row[0]) == YEAR - 1 and row[1] == "" and row[2] == "", row
        code = str(row[3])
        assert code not in prior and level(code) == 6, row
        prior[code] = (str(row[4]), whole(row[5]))
    return prior


def read_seed_names(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["kode_rekening"]: row["uraian"]
                for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)}


# ---------------------------------------------------------------------------------------
# What the downloads hold, computed (and checked) before anything is written
# ---------------------------------------------------------------------------------------


def crc(*parts: object) -> int:
    return zlib.crc32("|".join(str(part) for part in parts).encode("utf-8"))


@dataclass(frozen=True)
class Komponen:
    """One Rekap row: a komponen (standar harga) of a DPA line."""

    line: Line
    number: int
    murni: int
    perubahan: int

    @property
    def kode(self) -> str:
        group, item = crc(self.line.rek) % 100, crc(self.line.sub, self.line.rek) % 10000
        return f"1.1.12.01.{group:02d}.{item:04d}.{self.number:05d}"

    @property
    def nama(self) -> str:
        item = self.line.uraian.rsplit("-", 1)[-1].removeprefix("Belanja ").strip()
        return f"{item} - Rincian {self.number}"


def split(total: int, weights: list[int]) -> list[int]:
    """`total` in whole rupiah shared by `weights`; the parts add up to it exactly."""
    parts = [total * weight // sum(weights) for weight in weights[:-1]]
    return [*parts, total - sum(parts)]


def komponen_of(line: Line) -> list[Komponen]:
    """Two or three komponen per line (by a CRC of the line), murni split by weights; the
    APBD-P cut taken from the largest komponen first."""
    seed = crc(line.sub, line.rek)
    count = 2 + seed % 2
    murni = split(line.murni, [1 + (seed >> (3 + 3 * i)) % 7 for i in range(count)])
    perubahan = list(murni)
    cut = line.murni - line.perubahan
    for index in sorted(range(count), key=lambda i: (-perubahan[i], i)):
        taken = min(cut, perubahan[index])
        perubahan[index] -= taken
        cut -= taken
    assert cut == 0 and sum(murni) == line.murni and sum(perubahan) == line.perubahan, line
    assert all(part > 0 for part in murni + perubahan), line
    return [Komponen(line, i + 1, murni[i], perubahan[i]) for i in range(count)]


def cumulative(template: Template) -> dict[tuple[str, str], list[int]]:
    """(sub kegiatan, kode rekening) → realisasi from 1 January to the end of each month."""
    monthly: dict[tuple[str, str], list[int]] = {(line.sub, line.rek): [0] * 12
                                                 for line in template.lines}
    for payment in template.payments:
        monthly[(payment.sub, payment.rek)][payment.month - 1] += payment.amount
    totals = {}
    for key, months in monthly.items():
        running, sums = 0, []
        for amount in months:
            running += amount
            sums.append(running)
        totals[key] = sums
    return totals


def spj_kind(payment: Payment, sp2d_totals: dict[str, int]) -> int:
    """0: SPJ - LS Gaji, 1: SPJ - LS Barang & Jasa, 2: SPJ - UP/GU/TU."""
    if "LS-GAJI" in payment.sp2d:
        return 0
    return 1 if sp2d_totals[payment.sp2d] >= GU_BELOW else 2


def spj_amounts(template: Template) -> dict[str, list[list[int]]]:
    """Kode rekening (6 levels) → per kind (LS Gaji, LS B&J, UP/GU/TU) → per month."""
    sp2d_totals: dict[str, int] = defaultdict(int)
    for payment in template.payments:
        sp2d_totals[payment.sp2d] += payment.amount
    amounts: dict[str, list[list[int]]] = {line.rek: [[0] * 12 for _ in range(3)]
                                           for line in template.lines}
    for payment in template.payments:
        amounts[payment.rek][spj_kind(payment, sp2d_totals)][payment.month - 1] += payment.amount
    return amounts


def prefixes(code: str) -> list[str]:
    parts = code.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts) + 1)]


def rolled_up(values: dict[str, tuple[int, ...]]) -> dict[str, tuple[int, ...]]:
    """Leaf amounts summed into every level above them (and the leaf itself)."""
    width = len(next(iter(values.values())))
    sums: dict[str, list[int]] = defaultdict(lambda: [0] * width)
    for code, amounts in values.items():
        for prefix in prefixes(code):
            sums[prefix] = [a + b for a, b in zip(sums[prefix], amounts, strict=True)]
    return {code: tuple(amounts) for code, amounts in sums.items()}


def in_seed_order(template: Template, codes: Iterable[str]) -> list[str]:
    wanted = set(codes)
    missing = wanted - set(template.names)
    assert not missing, f"no name for {sorted(missing)}"
    return [code for code in template.names if code in wanted]


def percent(realisasi: int, anggaran: int) -> float:
    if anggaran == 0:
        return 0.0
    ratio = Decimal(realisasi) * 100 / Decimal(anggaran)
    return float(ratio.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


# ---------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------


class Book:
    """An xlsxwriter workbook with a fixed created date; text stays text."""

    def __init__(self, path: Path, title: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
        self.workbook.set_properties({"title": title, "author": "SIPD-RI", "created": CREATED})
        add = self.workbook.add_format
        self.header = add({"bold": True, "border": 1, "align": "center", "valign": "vcenter",
                           "text_wrap": True})
        self.title = add({"bold": True})
        self.money = add({"num_format": "#,##0"})

    def sheet(self, name: str) -> Worksheet:
        return self.workbook.add_worksheet(name)

    def row(self, sheet: Worksheet, row: int, values: Iterable[object]) -> None:
        for column, value in enumerate(values):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                sheet.write_string(row, column, value)
            elif isinstance(value, int) and abs(value) >= 10_000:
                sheet.write_number(row, column, value, self.money)
            else:
                sheet.write_number(row, column, value)

    def close(self) -> None:
        self.workbook.close()


def names_of(template: Template, sub: str) -> list[str]:
    """Program, kegiatan and sub kegiatan codes and names of a sub kegiatan."""
    program, kegiatan = ".".join(sub.split(".")[:3]), ".".join(sub.split(".")[:5])
    return [program, template.programs[program], kegiatan, template.programs[kegiatan], sub,
            template.programs[sub]]


def write_rekap(template: Template, path: Path, stage: str) -> int:
    """A1: one row per komponen, the header in row 1."""
    book = Book(path, f"Rekap {stage}")
    sheet = book.sheet("Worksheet")
    book.row(sheet, 0, REKAP_HEADER)
    number = 0
    for line in template.lines:
        kode_dana, nama_dana = SUMBER_DANA[line.sumber]
        for komponen in komponen_of(line):
            number += 1
            pagu = komponen.murni if stage == "murni" else komponen.perubahan
            book.row(sheet, number, [
                number, KODE_DAERAH, template.pemda, YEAR, KODE_URUSAN, NAMA_URUSAN, KODE_SKPD,
                template.opd, KODE_SKPD, template.opd, KODE_BIDANG, NAMA_BIDANG,
                *names_of(template, line.sub), kode_dana, nama_dana, line.rek, line.uraian,
                komponen.kode, komponen.nama, f"[#] {template.programs[line.sub]}", pagu,
            ])
    book.close()
    return number


def write_snapshot(template: Template, path: Path, snapshot: Snapshot,
                   totals: dict[tuple[str, str], list[int]]) -> None:
    """B1: one row per DPA line, REALISASI from 1 January to the snapshot's date."""
    book = Book(path, "Statistik Belanja")
    sheet = book.sheet("Worksheet")
    row = 0
    if snapshot.title:
        book.row(sheet, 0, ["LAPORAN REALISASI BELANJA PER SUB KEGIATAN DAN REKENING"])
        book.row(sheet, 1, [f"{template.opd} {template.pemda}".upper()])
        book.row(sheet, 2, [snapshot.title])
        row = 4
    elif snapshot.month == 12:  # title rows that carry no date: the file name does
        book.row(sheet, 0, ["REALISASI BELANJA"])
        book.row(sheet, 1, [f"Tahun Anggaran {YEAR}"])
        row = 3
    header = SNAPSHOT_HEADER + (LEVEL_HEADER if snapshot.level_names else ())
    book.row(sheet, row, header)
    for number, line in enumerate(template.lines, start=1):
        pagu = line.perubahan if snapshot.month >= PERUBAHAN_FROM else line.murni
        values: list[object] = [
            number, YEAR, KODE_SKPD, template.opd, KODE_SKPD, template.opd, KODE_BIDANG,
            NAMA_BIDANG, *names_of(template, line.sub), line.rek, line.uraian, pagu,
            totals[(line.sub, line.rek)][snapshot.month - 1],
        ]
        if snapshot.level_names:
            values += [template.names[prefix] for prefix in prefixes(line.rek)]
        book.row(sheet, row + number, values)
    book.close()


SPJ_COLUMNS = 19  # A–F the code, G uraian, H anggaran, I–Q three SPJ groups, R total, S sisa


def write_spj(template: Template, path: Path, month: int) -> dict[str, int]:
    """B2: rows at every level, the code split over six cells under one merged label, two
    label rows and a numbering row. Returns the month's realisasi per 6-level rekening."""
    anggaran = rolled_up({code: (amount,) for code, amount in budget_by_rekening(template,
                                                                               "murni").items()})
    amounts = spj_amounts(template)
    flat = rolled_up({code: tuple(amount for kind in kinds for amount in
                                  (sum(kind[:month - 1]), kind[month - 1]))
                      for code, kinds in amounts.items()})
    book = Book(path, "SPJ Fungsional")
    sheet = book.sheet("Sheet1")
    sheet.set_column(0, 5, 5)
    sheet.set_column(6, 6, 45)
    sheet.set_column(7, SPJ_COLUMNS - 1, 15)
    titles = [f"PEMERINTAH {template.pemda.upper()}",
              "LAPORAN PERTANGGUNGJAWABAN BENDAHARA PENGELUARAN (SPJ FUNGSIONAL)",
              f"SKPD : {KODE_SKPD} {template.opd}", f"Tahun Anggaran : {YEAR}",
              f"Bulan : {MONTHS[month - 1]}"]
    for index, text in enumerate(titles):
        sheet.write_string(index, 0, text, book.title)
    top = len(titles) + 1
    head = book.header
    sheet.merge_range(top, 0, top + 1, 5, "Kode Rekening", head)
    sheet.merge_range(top, 6, top + 1, 6, "Uraian", head)
    sheet.merge_range(top, 7, top + 1, 7, "Jumlah Anggaran", head)
    for group, label in enumerate(("SPJ - LS Gaji", "SPJ - LS Barang & Jasa", "SPJ - UP/GU/TU")):
        first = 8 + 3 * group
        sheet.merge_range(top, first, top, first + 2, label, head)
        for offset, sub_label in enumerate(("s.d. Bulan Lalu", "Bulan Ini", "s.d. Bulan Ini")):
            sheet.write_string(top + 1, first + offset, sub_label, head)
    sheet.merge_range(top, 17, top + 1, 17, "Jumlah SPJ (LS + UP/GU/TU) s.d. Bulan Ini", head)
    sheet.merge_range(top, 18, top + 1, 18, "Sisa Pagu Anggaran", head)
    sheet.merge_range(top + 2, 0, top + 2, 5, "1", head)
    numbering = ["2", "3", "4", "5", "6 = (4+5)", "7", "8", "9 = (7+8)", "10", "11",
                 "12 = (10+11)", "13 = (6+9+12)", "14 = (3-13)"]
    for offset, text in enumerate(numbering):
        sheet.write_string(top + 2, 6 + offset, text, head)
    row = top + 3
    for code in in_seed_order(template, anggaran):
        lalu_gaji, ini_gaji, lalu_bj, ini_bj, lalu_gu, ini_gu = flat[code]
        total = sum(flat[code])
        segments = code.split(".")
        book.row(sheet, row, [
            *segments, *[""] * (6 - len(segments)), template.names[code], anggaran[code][0],
            lalu_gaji, ini_gaji, lalu_gaji + ini_gaji, lalu_bj, ini_bj, lalu_bj + ini_bj,
            lalu_gu, ini_gu, lalu_gu + ini_gu, total, anggaran[code][0] - total,
        ])
        row += 1
    book.close()
    return {code: flat[code][1] + flat[code][3] + flat[code][5] for code in amounts}


def budget_by_rekening(template: Template, stage: str) -> dict[str, int]:
    sums: dict[str, int] = defaultdict(int)
    for line in template.lines:
        sums[line.rek] += line.murni if stage == "murni" else line.perubahan
    return dict(sums)


def lra_values(template: Template) -> dict[str, tuple[int, ...]]:
    """Kode rekening (every level) → (anggaran, realisasi, realisasi tahun lalu)."""
    leaves: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for code, amount in budget_by_rekening(template, "perubahan").items():
        leaves[code][0] += amount
    for payment in template.payments:
        leaves[payment.rek][1] += payment.amount
    for code, (_, amount) in template.prior.items():
        leaves[code][2] += amount
    return rolled_up({code: tuple(amounts) for code, amounts in leaves.items()})


def write_lra(template: Template, path: Path) -> dict[str, tuple[int, ...]]:
    """C1: title rows, then codes at every level with Anggaran, Realisasi, %, Realisasi
    Tahun Lalu; then JUMLAH BELANJA and SURPLUS/(DEFISIT), as AKLAP prints them."""
    values = lra_values(template)
    book = Book(path, "Laporan Realisasi Anggaran")
    sheet = book.sheet("Page 1")
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, 5, 18)
    titles = [f"PEMERINTAH {template.pemda.upper()}", "LAPORAN REALISASI ANGGARAN",
              template.opd.upper(),
              f"Untuk Tahun Yang Berakhir Sampai Dengan 31 Desember {YEAR}"]
    for index, text in enumerate(titles):
        sheet.write_string(index, 0, text, book.title)
    top = len(titles) + 1
    book.row(sheet, top, LRA_HEADER)
    row = top + 1
    for code in in_seed_order(template, values):
        anggaran, realisasi, lalu = values[code]
        book.row(sheet, row, [code, template.names[code], anggaran, realisasi,
                              percent(realisasi, anggaran), lalu])
        row += 1
    anggaran, realisasi, lalu = values["5"]
    book.row(sheet, row, ["", "JUMLAH BELANJA", anggaran, realisasi,
                          percent(realisasi, anggaran), lalu])
    book.row(sheet, row + 1, ["", "SURPLUS / (DEFISIT)", -anggaran, -realisasi,
                              percent(realisasi, anggaran), -lalu])
    book.close()
    return values


def write_identitas(template: Template, path: Path) -> None:
    """The DPA's Identitas sheet, alone: field / value rows, no header."""
    book = Book(path, "Identitas")
    sheet = book.sheet("Identitas")
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, 40)
    for row, (field, value) in enumerate(template.identitas):
        number = isinstance(value, float) and value == int(value)
        book.row(sheet, row, [field, whole(value) if number else value])
    book.close()


# ---------------------------------------------------------------------------------------
# Checks of what was computed, against the template (nothing is written if one fails)
# ---------------------------------------------------------------------------------------


def check_downloads(template: Template) -> None:
    totals = cumulative(template)
    realised = sum(payment.amount for payment in template.payments)
    assert sum(sums[-1] for sums in totals.values()) == realised
    for line in template.lines:
        sums = totals[(line.sub, line.rek)]
        assert all(a <= b for a, b in zip(sums, sums[1:], strict=False)), line  # no correction
        assert sums[-1] <= line.perubahan, line
    values = lra_values(template)
    assert values["5"] == (sum(line.perubahan for line in template.lines), realised,
                           sum(amount for _, amount in template.prior.values()))
    for code, (uraian, _) in template.prior.items():
        assert template.names[code] == uraian, (code, uraian)
    month_total = sum(p.amount for p in template.payments if p.month == SPJ_MONTH)
    amounts = spj_amounts(template)
    by_kind = [sum(kinds[kind][SPJ_MONTH - 1] for kinds in amounts.values()) for kind in range(3)]
    assert sum(by_kind) == month_total and all(by_kind), by_kind  # all three kinds paid


def build(output: Path) -> list[str]:
    """Every download written into `output`; returns what was written, one line a file."""
    template = read_template()
    check_downloads(template)
    written = []
    count = write_rekap(template, output / REKAP_MURNI, "murni")
    written.append(f"{REKAP_MURNI}: {count} komponen, pagu murni "
                   f"{sum(line.murni for line in template.lines)}")
    count = write_rekap(template, output / REKAP_PERUBAHAN, "perubahan")
    written.append(f"{REKAP_PERUBAHAN}: {count} komponen, pagu perubahan "
                   f"{sum(line.perubahan for line in template.lines)}")
    totals = cumulative(template)
    for snapshot in SNAPSHOTS:
        write_snapshot(template, output / snapshot.name, snapshot, totals)
        day = calendar.monthrange(YEAR, snapshot.month)[1]
        total = sum(sums[snapshot.month - 1] for sums in totals.values())
        written.append(f"{snapshot.name}: s.d. {day} {MONTHS[snapshot.month - 1]} {YEAR}, "
                       f"realisasi kumulatif {total}")
    month = write_spj(template, output / SPJ_FILE, SPJ_MONTH)
    written.append(f"{SPJ_FILE}: {MONTHS[SPJ_MONTH - 1]} {YEAR}, realisasi bulan ini "
                   f"{sum(month.values())}")
    values = write_lra(template, output / LRA_FILE)
    written.append(f"{LRA_FILE}: {len(values)} kode rekening, belanja {values['5']}")
    write_identitas(template, output / IDENTITAS_FILE)
    written.append(f"{IDENTITAS_FILE}: {len(template.identitas)} isian")
    shutil.copyfile(TEMPLATE / PK_FILE, output / PK_FILE)
    written.append(f"{PK_FILE}: disalin dari {TEMPLATE.name}")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=TARGET,
                        help=f"where to write (default: {TARGET.relative_to(HERE.parent)})")
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    for line in build(args.output):
        print(line)


if __name__ == "__main__":
    main()
