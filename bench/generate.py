"""Generate a large, realistic OPD year for the performance benchmark.

    python bench/generate.py --output /tmp/lakip-bench [--rows 50000] [--lines 6000]
                             [--sub-kegiatan 200] [--prior-rows 3000] [--seed 2025]

Writes, into the output folder, the three kinds of workbooks of `shared/spec/inputs.md`
in the layout of `examples/dinsos-labuhanbatu-utara-2023/`:

- `dpa_<year>.xlsx`: `Identitas`, `Program` (programs, kegiatan, sub kegiatan with
  indicators) and `Anggaran` (title rows, header on row 4, one declared subtotal `5` per
  sub kegiatan before its leaf lines, as exported DPA print them);
- `realisasi/realisasi_<year>_MM.xlsx`: twelve months of `--rows` SP2D rows each (Tahun,
  Bulan, Kode Sub Kegiatan, Kode Rekening, Uraian, Realisasi, Nomor SP2D, Tanggal);
- `realisasi/realisasi_<year-1>.xlsx`: the year before (Bulan and sub kegiatan blank);
- `pk_<year>.xlsx`: `Sasaran` (IKU linked to the generated programs) and `Program`
  (one indicator per program, Anggaran PK = the DPA's pagu murni of the program).

Codes are text, money is numbers (whole rupiah, mostly thousands). Kode rekening are
leaf (6-segment) codes of the bundled chart: belanja pegawai (`5.1.01`) only in the
sub kegiatan Penyediaan Gaji dan Tunjangan ASN (ASN accounts only, one payroll SP2D
a month), otherwise barang dan jasa (`5.1.02`) and
modal (`5.2`). Each line's yearly realisasi is at most its pagu (perubahan). Dates are
real weekdays of their month. Everything is drawn from one seeded generator and the
workbooks carry a fixed created date: the same arguments give the same bytes.

The workbooks are written with xlsxwriter in constant_memory mode (rows streamed to disk,
strings inline), the monthly files in parallel worker processes.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import multiprocessing
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import xlsxwriter

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `pipeline` without an install

DEFAULT_ROWS = 50_000
DEFAULT_LINES = 6_000
DEFAULT_SUB_KEGIATAN = 200
DEFAULT_PRIOR_ROWS = 3_000
DEFAULT_YEAR = 2025
DEFAULT_SEED = 2025
CREATED = dt.datetime(2026, 1, 31)
EXCEL_EPOCH = dt.date(1899, 12, 30)

URUSAN = "1.06"  # Sosial
OPD = "DINSOS"
IDENTITAS = [
    ("Pemerintah Daerah", "Kabupaten Deli Serdang"),
    ("Perangkat Daerah", "Dinas Sosial"),
    ("Tahun Anggaran", None),  # the year, as a number
    ("Kepala Perangkat Daerah", "Drs. HENDRA SIREGAR, M.Si"),
    ("NIP", "197203151998031004"),
    ("Pangkat/Golongan", "Pembina Utama Muda (IV/c)"),
    ("Tempat Laporan", "Lubuk Pakam"),
]
PROGRAMS = [  # P of 1.06.0P, nomenklatur, indicator
    (1, "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
     "Persentase ketersediaan sarana dan prasarana penunjang kinerja perangkat daerah"),
    (2, "Program Pemberdayaan Sosial",
     "Persentase Potensi Sumber Kesejahteraan Sosial (PSKS) yang diberdayakan"),
    (3, "Program Penanganan Warga Negara Migran Korban Tindak Kekerasan",
     "Persentase warga negara migran korban tindak kekerasan yang dipulangkan"),
    (4, "Program Rehabilitasi Sosial",
     "Persentase PMKS yang mendapatkan pelayanan rehabilitasi sosial"),
    (5, "Program Perlindungan dan Jaminan Sosial",
     "Persentase PMKS yang mendapatkan perlindungan dan jaminan sosial"),
    (6, "Program Penanganan Bencana",
     "Persentase korban bencana yang menerima bantuan sosial selama tanggap darurat"),
    (7, "Program Pengelolaan Taman Makam Pahlawan",
     "Persentase Taman Makam Pahlawan yang terpelihara"),
]
PROGRAM_WEIGHTS = [0.30, 0.12, 0.06, 0.18, 0.16, 0.12, 0.06]  # share of the kegiatan
ACTIVITIES = ["Penyediaan", "Pengelolaan", "Koordinasi dan Pelaksanaan", "Fasilitasi",
              "Pendataan", "Pembinaan", "Peningkatan Kapasitas", "Pemeliharaan",
              "Penyelenggaraan", "Sosialisasi dan Bimbingan", "Pemberian Layanan",
              "Pengembangan"]
OBJECTS = ["Layanan Sosial Dasar", "Penyandang Disabilitas Terlantar", "Anak Terlantar",
           "Lanjut Usia Terlantar", "Fakir Miskin", "Korban Bencana Alam dan Sosial",
           "Tenaga Kesejahteraan Sosial Kecamatan", "Lembaga Kesejahteraan Sosial",
           "Data Terpadu Kesejahteraan Sosial", "Kampung Siaga Bencana",
           "Pekerja Sosial Masyarakat", "Karang Taruna", "Keluarga Penerima Manfaat",
           "Gelandangan dan Pengemis", "Sarana dan Prasarana Kantor", "Dokumen Perencanaan",
           "Barang Milik Daerah", "Kendaraan Dinas Operasional", "Taman Makam Pahlawan"]
SCOPES = ["Kabupaten/Kota", "Tingkat Kecamatan", "di Luar Panti Sosial", "Cakupan Daerah",
          "Perangkat Daerah", "Kewenangan Kabupaten/Kota"]
UNITS = ["Orang", "Dokumen", "Laporan", "Unit", "Lembaga", "Keluarga", "Paket", "Kegiatan"]
SUMBER_DANA = ["DAU", "PAD", "DAK", "DBH"]
GAJI_SUB = f"{URUSAN}.01.2.02.0001"  # Penyediaan Gaji dan Tunjangan ASN
GAJI_LINES = 60


@dataclass
class Year:
    """One generated budget year: structure, budget lines and every SP2D row."""

    year: int
    units: list[tuple[str, str, str, str, object]]  # Program sheet: kode, nama, ind, sat, tgt
    sub_codes: list[str]
    program_of_sub: np.ndarray  # program number P of each sub kegiatan
    line_sub: np.ndarray  # sub kegiatan index of each line
    line_code: list[str]
    line_uraian: list[str]
    line_pegawai: np.ndarray  # bool
    line_sumber: list[str]
    murni: np.ndarray  # rupiah, int64
    pagu: np.ndarray
    months: list[dict[str, np.ndarray]]  # per month: line, day, sp2d, amount (row order)
    prior: dict[str, np.ndarray]  # line-independent: code index, amount
    prior_codes: list[str]
    prior_uraian: list[str]


# ---------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------


def build_year(rows: int, lines: int, subs: int, prior_rows: int, year: int,
               seed: int) -> Year:
    from pipeline.chart import bundled_chart

    rng = np.random.default_rng(seed)
    chart = bundled_chart()
    leaves = sorted(code for code in chart if code.count(".") == 5)
    # Belanja pegawai of ASN only (gaji, tunjangan, TPP); not DPRD or KDH/WKDH.
    pegawai = [code for code in leaves if code.startswith(("5.1.01.01.", "5.1.01.02.",
                                                           "5.1.01.03."))]
    barang = [code for code in leaves if code.startswith("5.1.02.")]
    modal = [code for code in leaves if code.startswith("5.2.")]

    units, sub_codes, program_of_sub = _structure(rng, subs)

    # Lines per sub kegiatan: the gaji sub kegiatan holds the pegawai lines only.
    gaji = sub_codes.index(GAJI_SUB)
    gaji_lines = min(GAJI_LINES, len(pegawai), max(lines // 100, 1))
    others = subs - 1
    rest = lines - gaji_lines
    if rest < 3 * others:
        raise SystemExit(f"--lines {lines} is too few for {subs} sub kegiatan.")
    sizes = 3 + rng.multinomial(rest - 3 * others, rng.dirichlet(np.full(others, 4.0)))
    sizes = np.minimum(sizes, len(barang) + len(modal))
    sizes[np.argmax(sizes)] += rest - int(sizes.sum())  # exact total after any clipping
    line_sub_list: list[int] = []
    line_code: list[str] = []
    for index in range(subs):
        if index == gaji:
            chosen = sorted(rng.choice(len(pegawai), gaji_lines, replace=False).tolist())
            codes = [pegawai[i] for i in chosen]
        else:
            count = int(sizes[index if index < gaji else index - 1])
            n_modal = int(rng.binomial(count, 0.15))
            picks = ([barang[i] for i in rng.choice(len(barang), count - n_modal, replace=False)]
                     + [modal[i] for i in rng.choice(len(modal), n_modal, replace=False)])
            codes = sorted(picks, key=lambda code: tuple(map(int, code.split("."))))
        line_sub_list += [index] * len(codes)
        line_code += codes
    line_sub = np.array(line_sub_list)
    n = len(line_code)
    line_pegawai = np.array([code.startswith("5.1.01.") for code in line_code])
    line_uraian = [chart[code] for code in line_code]
    sumber = np.array(SUMBER_DANA)[rng.choice(4, n, p=[0.55, 0.2, 0.15, 0.1])]
    sumber[line_pegawai] = "DAU"
    line_sumber = sumber.tolist()

    # How often each line is paid: a pegawai line once a month (the payroll SP2D), the
    # others in proportion to a random activity. Exactly `rows` rows per monthly file.
    activity = np.where(line_pegawai, 0.0, rng.gamma(1.2, 1.0, n))
    activity /= activity.sum()
    payroll = line_pegawai.astype(np.int64)
    if rows < payroll.sum():
        raise SystemExit(f"--rows {rows} is fewer than the {payroll.sum()} payroll lines.")
    counts = np.stack([payroll + rng.multinomial(rows - payroll.sum(), activity)
                       for _ in range(12)])  # 12 × n
    paid = counts.sum(axis=0)

    # Pagu: lognormal around 40 juta, in thousands, at least 60 ribu per payment so that
    # every payment is at least a thousand rupiah; a tenth of the lines changed by APBD-P.
    murni = np.round(np.exp(rng.normal(np.log(40e6), 1.1, n)) / 1000) * 1000
    murni = np.clip(murni, 2_500_000, 4_000_000_000)
    murni[line_pegawai] *= 8
    murni = np.maximum(murni, np.ceil(paid * 60_000 / 1000) * 1000).astype(np.int64)
    change = rng.random(n) < 0.10
    factor = np.where(change, rng.uniform(0.8, 1.15, n), 1.0)
    pagu = (np.round(murni * factor / 1000) * 1000).astype(np.int64)
    pagu = np.maximum(pagu, np.ceil(paid * 60_000 / 1000) * 1000).astype(np.int64)

    # Yearly realisasi per line, in thousands, ≤ pagu; some lines spend exactly their pagu.
    share = np.where(rng.random(n) < 0.08, 1.0, rng.uniform(0.55, 0.99, n))
    units_of = (pagu // 1000 * share).astype(np.int64)
    units_of = np.where(paid > 0, np.maximum(units_of, paid), 0)

    # Every row of the year, in month order, then split each line's units over its rows:
    # one thousand per row, the rest by random weights (even for pegawai), the remainder
    # on the line's last payment of the year.
    month_of = np.repeat(np.arange(12), counts.sum(axis=1))
    line_of = np.concatenate([np.repeat(np.arange(n), counts[m]) for m in range(12)])
    weight = np.where(line_pegawai[line_of], 1.0, rng.gamma(1.5, 1.0, len(line_of)))
    order = np.lexsort((month_of, line_of))  # by line, then month
    sorted_line = line_of[order]
    starts = np.searchsorted(sorted_line, np.arange(n))
    weight_sum = np.add.reduceat(weight[order], starts[paid > 0])
    total_weight = np.zeros(n)
    total_weight[paid > 0] = weight_sum
    spare = units_of - paid
    amount_units = 1 + np.floor(spare[sorted_line] * weight[order]
                                / total_weight[sorted_line]).astype(np.int64)
    given = np.zeros(n, dtype=np.int64)
    np.add.at(given, sorted_line, amount_units)
    last = starts[paid > 0] + paid[paid > 0] - 1
    amount_units[last] += units_of[paid > 0] - given[paid > 0]
    amount = np.empty(len(line_of), dtype=np.int64)
    amount[order] = amount_units * 1000
    if (amount <= 0).any():
        raise AssertionError("a payment of zero: raise the pagu floor")

    months = []
    offset = 0
    sp2d_next = 1
    for m in range(12):
        size = int(counts[m].sum())
        part = slice(offset, offset + size)
        offset += size
        month = m + 1
        line = line_of[part]
        day = _days(rng, year, month, line_pegawai[line])
        sub = line_sub[line]
        # One SP2D per sub kegiatan, day and round: a line paid twice on one day is paid
        # by two SP2D, so no SP2D pays the same line twice.
        first = np.lexsort((line, sub, day))
        d, s, ln = day[first], sub[first], line[first]
        new_run = np.ones(size, dtype=bool)
        new_run[1:] = (d[1:] != d[:-1]) | (ln[1:] != ln[:-1])
        run_start = np.maximum.accumulate(np.where(new_run, np.arange(size), 0))
        rank = np.arange(size) - run_start
        final = np.lexsort((ln, rank, s, d))
        d, s, ln, rank = d[final], s[final], ln[final], rank[final]
        new_key = np.ones(size, dtype=bool)
        new_key[1:] = (d[1:] != d[:-1]) | (s[1:] != s[:-1]) | (rank[1:] != rank[:-1])
        sp2d = sp2d_next + np.cumsum(new_key) - 1
        sp2d_next = int(sp2d[-1]) + 1 if size else sp2d_next
        rows_in_month = first[final] + part.start
        months.append({"line": ln, "day": d, "sp2d": sp2d, "amount": amount[rows_in_month]})

    # The year before: the DPA's accounts, a few payments each, in whole thousands.
    prior_codes = sorted(set(line_code), key=lambda code: tuple(map(int, code.split("."))))
    code_pagu: dict[str, int] = {}
    for code, value in zip(line_code, pagu.tolist(), strict=True):
        code_pagu[code] = code_pagu.get(code, 0) + value
    extra = max(prior_rows - len(prior_codes), 0)
    prior_index = np.sort(np.concatenate([np.arange(len(prior_codes)),
                                          rng.choice(len(prior_codes), extra)]))
    if prior_rows < len(prior_codes):
        prior_index = np.sort(rng.choice(len(prior_codes), prior_rows, replace=False))
    per_code = np.array([code_pagu[code] for code in prior_codes])
    repeats = np.bincount(prior_index, minlength=len(prior_codes))
    prior_amount = np.round(per_code[prior_index] * rng.uniform(0.5, 0.95, len(prior_index))
                            / repeats[prior_index] / 1000) * 1000
    prior = {"code": prior_index, "amount": np.maximum(prior_amount, 1000).astype(np.int64)}

    return Year(year, units, sub_codes, program_of_sub, line_sub, line_code, line_uraian,
                line_pegawai, line_sumber, murni, pagu, months, prior, prior_codes,
                [chart[code] for code in prior_codes])


def _structure(rng: np.random.Generator, subs: int
               ) -> tuple[list[tuple[str, str, str, str, object]], list[str], np.ndarray]:
    """The Program sheet: 7 programs of urusan Sosial, kegiatan of about 5 sub kegiatan."""
    kegiatan = max(len(PROGRAMS), -(-subs // 5))
    per_program = 1 + rng.multinomial(kegiatan - len(PROGRAMS), PROGRAM_WEIGHTS)
    # Penunjang needs kegiatan 2.02 for the gaji sub kegiatan.
    if per_program[0] < 2:
        per_program[0] += 1
        per_program[int(np.argmax(per_program[1:])) + 1] -= 1
    kegiatan_list = [(p, k) for (p, _, _), count in zip(PROGRAMS, per_program, strict=True)
                     for k in range(1, int(count) + 1)]
    sub_counts = 1 + rng.multinomial(subs - len(kegiatan_list),
                                     np.full(len(kegiatan_list), 1 / len(kegiatan_list)))
    units: list[tuple[str, str, str, str, object]] = []
    sub_codes: list[str] = []
    program_of_sub: list[int] = []
    for (p, name, indicator) in PROGRAMS:
        units.append((f"{URUSAN}.0{p}", name, indicator, "%", 100))
        for (program, k), count in zip(kegiatan_list, sub_counts, strict=True):
            if program != p:
                continue
            kode = f"{URUSAN}.0{p}.2.{k:02d}"
            obj = OBJECTS[int(rng.integers(len(OBJECTS)))]
            units.append((kode, f"{ACTIVITIES[int(rng.integers(len(ACTIVITIES)))]} {obj} "
                          f"{SCOPES[int(rng.integers(len(SCOPES)))]}",
                          f"Terlaksananya kegiatan {obj.lower()}", "Kegiatan", ""))
            for s in range(1, int(count) + 1):
                code = f"{kode}.{s:04d}"
                if code == GAJI_SUB:
                    name_sub, unit = "Penyediaan Gaji dan Tunjangan ASN", "Orang/bulan"
                else:
                    obj = OBJECTS[int(rng.integers(len(OBJECTS)))]
                    name_sub = (f"{ACTIVITIES[int(rng.integers(len(ACTIVITIES)))]} {obj} "
                                f"{SCOPES[int(rng.integers(len(SCOPES)))]}")
                    unit = UNITS[int(rng.integers(len(UNITS)))]
                target = int(rng.integers(1, 400)) if unit != "Dokumen" else 1
                units.append((code, name_sub, f"Jumlah {unit.lower()} {name_sub.lower()}",
                              unit, target))
                sub_codes.append(code)
                program_of_sub.append(p)
    return units, sub_codes, np.array(program_of_sub)


def _days(rng: np.random.Generator, year: int, month: int, pegawai: np.ndarray) -> np.ndarray:
    """Payment days: pegawai on the first weekday from the 2nd, the others on a random
    weekday between the 3rd and the 26th (December: up to the 22nd, books close)."""
    last = min(26 if month != 12 else 22, calendar.monthrange(year, month)[1])
    weekdays = np.array([day for day in range(3, last + 1)
                         if dt.date(year, month, day).weekday() < 5])
    gaji_day = next(day for day in range(2, 10) if dt.date(year, month, day).weekday() < 5)
    return np.where(pegawai, gaji_day, weekdays[rng.integers(len(weekdays), size=len(pegawai))])


# ---------------------------------------------------------------------------------------
# Workbooks
# ---------------------------------------------------------------------------------------


class Book:
    """An xlsxwriter workbook in constant_memory mode with the example's formats."""

    def __init__(self, path: Path, title: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        self.workbook.set_properties({"title": title, "author": "LAKIP Pipeline benchmark",
                                      "company": "Dinas Sosial", "created": CREATED})
        add = self.workbook.add_format
        self.header = add({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                           "text_wrap": True, "valign": "top"})
        self.title = add({"bold": True, "font_size": 13, "align": "center"})
        self.subtitle = add({"bold": True, "align": "center"})
        self.money = add({"num_format": "#,##0"})
        self.money_bold = add({"num_format": "#,##0", "bold": True})
        self.bold = add({"bold": True})
        self.number = add({"num_format": "0.##"})
        self.date = add({"num_format": "dd/mm/yyyy"})

    def table(self, name: str, columns: list[tuple[str, int]], first_row: int = 0):
        sheet = self.workbook.add_worksheet(name)
        for col, (_, width) in enumerate(columns):
            sheet.set_column(col, col, width)
        sheet.freeze_panes(first_row + 1, 0)
        return sheet

    def header_row(self, sheet, row: int, columns: list[tuple[str, int]]) -> None:
        for col, (label, _) in enumerate(columns):
            sheet.write_string(row, col, label, self.header)

    def cell(self, sheet, row: int, col: int, value, fmt=None) -> None:
        """Text as text, numbers as numbers, None / '' as nothing."""
        if value is None or value == "":
            return
        if isinstance(value, str):
            sheet.write_string(row, col, value, fmt)
        else:
            sheet.write_number(row, col, value, fmt)

    def close(self) -> None:
        self.workbook.close()


REALISASI_COLUMNS = [("Tahun", 7), ("Bulan", 7), ("Kode Sub Kegiatan", 20),
                     ("Kode Rekening", 19), ("Uraian", 60), ("Realisasi", 16),
                     ("Nomor SP2D", 30), ("Tanggal", 12)]
ANGGARAN_COLUMNS = [("Kode Sub Kegiatan", 20), ("Kode Rekening", 19), ("Uraian", 60),
                    ("Pagu Murni", 16), ("Pagu Perubahan", 16), ("Sumber Dana", 12)]


def write_dpa(path: Path, data: Year) -> int:
    book = Book(path, f"DPA Dinas Sosial TA {data.year}")
    sheet = book.workbook.add_worksheet("Identitas")
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, 40)
    for row, (label, value) in enumerate(IDENTITAS):
        sheet.write_string(row, 0, label, book.bold)
        book.cell(sheet, row, 1, data.year if value is None else value)

    columns = [("Kode", 20), ("Nomenklatur", 60), ("Indikator", 60), ("Target", 9),
               ("Satuan", 12)]
    sheet = book.table("Program", columns)
    book.header_row(sheet, 0, columns)
    for row, (kode, name, indicator, unit, target) in enumerate(data.units, start=1):
        fmt = book.bold if kode.count(".") < 5 else None
        book.cell(sheet, row, 0, kode, fmt)
        book.cell(sheet, row, 1, name, fmt)
        book.cell(sheet, row, 2, indicator)
        book.cell(sheet, row, 3, target, book.number)
        book.cell(sheet, row, 4, unit)

    sheet = book.table("Anggaran", ANGGARAN_COLUMNS, first_row=3)
    last_col = len(ANGGARAN_COLUMNS) - 1
    sheet.merge_range(0, 0, 0, last_col, "DOKUMEN PELAKSANAAN ANGGARAN", book.title)
    sheet.merge_range(1, 0, 1, last_col, f"Dinas Sosial {IDENTITAS[0][1]} - Tahun Anggaran "
                      f"{data.year}", book.subtitle)
    book.header_row(sheet, 3, ANGGARAN_COLUMNS)
    row = 4
    murni, pagu = data.murni.tolist(), data.pagu.tolist()
    by_sub: dict[int, list[int]] = {}
    for index, sub in enumerate(data.line_sub.tolist()):
        by_sub.setdefault(sub, []).append(index)
    for sub, indices in by_sub.items():
        code = data.sub_codes[sub]
        for col, value in enumerate((code, "5", "BELANJA DAERAH")):
            sheet.write_string(row, col, value, book.bold)
        sheet.write_number(row, 3, sum(murni[i] for i in indices), book.money_bold)
        sheet.write_number(row, 4, sum(pagu[i] for i in indices), book.money_bold)
        row += 1
        for i in indices:
            sheet.write_string(row, 0, code)
            sheet.write_string(row, 1, data.line_code[i])
            sheet.write_string(row, 2, data.line_uraian[i])
            sheet.write_number(row, 3, murni[i], book.money)
            sheet.write_number(row, 4, pagu[i], book.money)
            sheet.write_string(row, 5, data.line_sumber[i])
            row += 1
    book.close()
    return row - 4


def write_month(path: Path, data: Year, month: int) -> int:
    """One month of SP2D rows; dates as date-formatted serial numbers, as Excel stores them."""
    book = Book(path, f"Realisasi Belanja Dinas Sosial {month:02d}/{data.year}")
    sheet = book.table("Realisasi", REALISASI_COLUMNS)
    book.header_row(sheet, 0, REALISASI_COLUMNS)
    rows = data.months[month - 1]
    serial0 = (dt.date(data.year, month, 1) - EXCEL_EPOCH).days - 1
    year = data.year
    subs, codes, uraian = data.sub_codes, data.line_code, data.line_uraian
    sub_of, pegawai = data.line_sub.tolist(), data.line_pegawai.tolist()
    money, date = book.money, book.date
    write_string, write_number = sheet.write_string, sheet.write_number
    for row, (line, day, sp2d, amount) in enumerate(zip(
            rows["line"].tolist(), rows["day"].tolist(), rows["sp2d"].tolist(),
            rows["amount"].tolist(), strict=True), start=1):
        write_number(row, 0, year)
        write_number(row, 1, month)
        write_string(row, 2, subs[sub_of[line]])
        write_string(row, 3, codes[line])
        write_string(row, 4, uraian[line])
        write_number(row, 5, amount, money)
        kind = "LS-GAJI" if pegawai[line] else "LS"
        write_string(row, 6, f"{sp2d:05d}/SP2D/{kind}/{OPD}/{year}")
        write_number(row, 7, serial0 + day, date)
    book.close()
    return len(rows["line"])


def write_prior(path: Path, data: Year) -> int:
    """The year before: Tahun, Kode Rekening, Uraian, Realisasi (Bulan and sub kegiatan
    blank, as the LRA's prior-year column needs only the account)."""
    book = Book(path, f"Realisasi Belanja Dinas Sosial {data.year - 1}")
    sheet = book.table("Realisasi", REALISASI_COLUMNS)
    book.header_row(sheet, 0, REALISASI_COLUMNS)
    for row, (code, amount) in enumerate(zip(data.prior["code"].tolist(),
                                             data.prior["amount"].tolist(), strict=True),
                                         start=1):
        sheet.write_number(row, 0, data.year - 1)
        sheet.write_string(row, 3, data.prior_codes[code])
        sheet.write_string(row, 4, data.prior_uraian[code])
        sheet.write_number(row, 5, amount, book.money)
    book.close()
    return len(data.prior["code"])


def write_pk(path: Path, data: Year) -> tuple[int, int]:
    """Sasaran: one IKU per program (two sasaran strategis); Program: one indicator per
    program with Anggaran PK equal to the DPA's pagu murni of the program."""
    rng = np.random.default_rng(data.year)
    book = Book(path, f"Perjanjian Kinerja Dinas Sosial {data.year}")
    columns = [("No", 5), ("Sasaran Strategis", 45), ("Indikator Kinerja", 45), ("Satuan", 8),
               ("Polaritas", 9), ("Target", 8), ("Realisasi", 9), ("Realisasi Tahun Lalu", 9),
               ("Target Akhir Renstra", 9), ("Tahun Akhir Renstra", 9),
               ("Standar Nasional", 9), ("Sumber Data", 16), ("Kode Program", 14),
               ("Analisis", 45), ("Solusi", 40)]
    sheet = book.table("Sasaran", columns)
    book.header_row(sheet, 0, columns)
    sasaran = {1: "Optimalisasi sarana dan prasarana penunjang kinerja perangkat daerah",
               2: "Meningkatnya penanganan, pemberdayaan, rehabilitasi, perlindungan dan "
                  "jaminan sosial bagi PMKS serta penguatan PSKS"}
    row = 0
    for p, _, indicator in PROGRAMS:
        row += 1
        number = 1 if p == 1 else 2
        target = float(rng.choice([60, 75, 80, 90, 100]))
        realisasi = round(target * float(rng.uniform(0.7, 1.05)), 2)
        values = [number, sasaran[number] if row in (1, 2) else "", indicator, "%",
                  "Positif", target, realisasi, round(target * 0.9, 2), 100, data.year + 1, "",
                  "Dokumen Kantor", f"{URUSAN}.0{p}",
                  "Tersedianya anggaran dan sumber daya manusia yang memadai"
                  if realisasi >= target else "Anggaran belanja yang terbatas",
                  "" if realisasi >= target else "Verifikasi dan validasi data penerima"]
        for col, value in enumerate(values):
            book.cell(sheet, row, col, value)
    sasaran_rows = row

    columns = [("Kode Program", 14), ("Indikator Program", 55), ("Satuan", 8), ("Target", 8),
               ("Realisasi", 9), ("Menunjang", 16), ("Analisis", 45), ("Anggaran PK", 18)]
    sheet = book.table("Program", columns)
    book.header_row(sheet, 0, columns)
    line_program = data.program_of_sub[data.line_sub]
    for row, (p, _, indicator) in enumerate(PROGRAMS, start=1):
        target = float(rng.choice([80, 90, 100]))
        values = [f"{URUSAN}.0{p}", indicator, "%", target,
                  round(target * float(rng.uniform(0.75, 1.0)), 2), "Menunjang",
                  "Tersedianya anggaran dan sumber daya manusia"]
        for col, value in enumerate(values):
            book.cell(sheet, row, col, value)
        book.cell(sheet, row, 7, int(data.murni[line_program == p].sum()), book.money)
    book.close()
    return sasaran_rows, len(PROGRAMS)


# ---------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------

_DATA: Year | None = None  # set before the writer processes fork


def _write_job(job: tuple[str, str, int]) -> tuple[str, int]:
    kind, path, month = job
    assert _DATA is not None
    if kind == "month":
        return path, write_month(Path(path), _DATA, month)
    if kind == "dpa":
        return path, write_dpa(Path(path), _DATA)
    if kind == "prior":
        return path, write_prior(Path(path), _DATA)
    sasaran, programs = write_pk(Path(path), _DATA)
    return path, sasaran + programs


def monthly_path(output: Path, year: int, month: int) -> Path:
    return output / "realisasi" / f"realisasi_{year}_{month:02d}.xlsx"


def generate(output: Path, rows: int = DEFAULT_ROWS, lines: int = DEFAULT_LINES,
             subs: int = DEFAULT_SUB_KEGIATAN, prior_rows: int = DEFAULT_PRIOR_ROWS,
             year: int = DEFAULT_YEAR, seed: int = DEFAULT_SEED, jobs: int | None = None,
             echo=print) -> dict[str, int]:
    """Write the workbooks; returns path → data rows written."""
    global _DATA
    start = time.perf_counter()
    _DATA = build_year(rows, lines, subs, prior_rows, year, seed)
    built = time.perf_counter() - start
    echo(f"data built in {built:.1f} s: {len(_DATA.line_code)} DPA lines over "
         f"{len(_DATA.sub_codes)} sub kegiatan, 12 × {rows} realisasi rows")
    output.mkdir(parents=True, exist_ok=True)
    jobs_list = [("month", str(monthly_path(output, year, m)), m) for m in range(1, 13)]
    jobs_list += [("dpa", str(output / f"dpa_{year}.xlsx"), 0),
                  ("prior", str(output / "realisasi" / f"realisasi_{year - 1}.xlsx"), 0),
                  ("pk", str(output / f"pk_{year}.xlsx"), 0)]
    (output / "realisasi").mkdir(parents=True, exist_ok=True)
    workers = max(1, jobs or os.cpu_count() or 1)
    written: dict[str, int] = {}
    if workers == 1 or sys.platform == "win32":
        for job in jobs_list:
            path, count = _write_job(job)
            written[path] = count
    else:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            for path, count in pool.map(_write_job, jobs_list):
                written[path] = count
    for path, count in sorted(written.items()):
        size = Path(path).stat().st_size
        echo(f"  {Path(path).relative_to(output)}: {count} rows, {size / 1e6:.1f} MB")
    total = time.perf_counter() - start
    echo(f"wrote {len(written)} workbooks to {output} in {total:.1f} s "
         f"({workers} writer processes)")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=" ".join(__doc__.split("\n\n")[0].split()))
    parser.add_argument("--output", type=Path, required=True, help="folder to write into")
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS,
                        help=f"realisasi rows per monthly file (default {DEFAULT_ROWS})")
    parser.add_argument("--lines", type=int, default=DEFAULT_LINES,
                        help=f"DPA budget lines (default {DEFAULT_LINES})")
    parser.add_argument("--sub-kegiatan", type=int, default=DEFAULT_SUB_KEGIATAN,
                        help=f"sub kegiatan (default {DEFAULT_SUB_KEGIATAN})")
    parser.add_argument("--prior-rows", type=int, default=DEFAULT_PRIOR_ROWS,
                        help=f"rows of the year before (default {DEFAULT_PRIOR_ROWS})")
    parser.add_argument("--year", type=int, default=DEFAULT_YEAR)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--jobs", type=int, default=None,
                        help="writer processes (default: the machine's core count)")
    args = parser.parse_args(argv)
    generate(args.output, args.rows, args.lines, args.sub_kegiatan, args.prior_rows,
             args.year, args.seed, args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
