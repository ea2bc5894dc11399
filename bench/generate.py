"""Generate a large, realistic OPD year for the performance benchmark.

    python bench/generate.py --output /tmp/lakip-bench [--shape first|second]
                             [--rows 50000] [--lines 6000] [--sub-kegiatan N]
                             [--prior-rows 3000] [--year Y] [--seed S] [--jobs N]

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

Two shapes of year (`Shape`, `--shape`):

- `first` (the default, the benchmark's year): Dinas Sosial 2025, 7 programs of urusan
  1.06, about 5 sub kegiatan per kegiatan. Kode rekening are leaf codes of the bundled
  chart: belanja pegawai (`5.1.01`) only in the sub kegiatan Penyediaan Gaji dan
  Tunjangan ASN (ASN accounts only, one payroll SP2D a month), otherwise barang dan jasa
  (`5.1.02`) and modal (`5.2`). Dates are stored as Excel dates; SP2D numbers run
  through the year.
- `second`: Dinas Ketahanan Pangan dan Pertanian 2024, 11 programs of urusan 2.09 and
  3.27, about 3 sub kegiatan per kegiatan, lines spread more unevenly. Besides pegawai:
  barang dan jasa, modal, hibah (`5.1.05`), bantuan sosial (`5.1.06`), and 750
  well-formed codes that the bundled chart does not hold (`unknown_codes`). The Tanggal
  is text (`dd/mm/yyyy` January to June, `yyyy-mm-dd` July to December), and SP2D numbers
  start again every month, so the same Nomor SP2D is in every month's file.

Money is numbers (whole rupiah, mostly thousands), codes are text. Each line's yearly
realisasi is at most its pagu (perubahan). Dates are real weekdays of their month.
Everything is drawn from one seeded generator and the workbooks carry a fixed created
date: the same arguments give the same bytes.

The workbooks are written with xlsxwriter in constant_memory mode (rows streamed to disk,
strings inline), the monthly files in parallel worker processes.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import gzip
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
CHART = ROOT / "pipeline" / "data" / "kode_rekening.csv.gz"  # the bundled chart

DEFAULT_ROWS = 50_000
DEFAULT_LINES = 6_000
DEFAULT_PRIOR_ROWS = 3_000
CREATED = dt.datetime(2026, 1, 31)
EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass(frozen=True)
class Program:
    """One program of the Program sheet: its code, nomenklatur and indicator."""

    code: str
    name: str
    indicator: str


@dataclass(frozen=True)
class Shape:
    """What makes one generated year differ from another besides its size.

    - the OPD, its programs (codes, names, share of the kegiatan) and the words that
      name kegiatan and sub kegiatan;
    - `account_mix`: chart prefix → share of the non-pegawai budget lines; the prefix
      UNKNOWN stands for the `unknown_codes` made-up codes that are well formed but not
      in the bundled chart;
    - `text_date_formats`: empty for dates stored as Excel dates, else strftime formats
      for a Tanggal written as text, the year split evenly between them (January first);
    - `sp2d_per_month`: SP2D numbers start again at 1 every month, so the same Nomor
      SP2D appears in several months' files.
    """

    name: str
    year: int
    seed: int
    sub_kegiatan: int
    opd_short: str  # in the SP2D numbers
    opd_name: str
    region: str
    identitas: tuple[tuple[str, str | None], ...]  # None: the year, as a number
    programs: tuple[Program, ...]  # the first is Penunjang (it holds the gaji sub kegiatan)
    program_weights: tuple[float, ...]  # share of the kegiatan
    subs_per_kegiatan: int
    line_spread: float  # Dirichlet concentration of lines over sub kegiatan: lower, more uneven
    activities: tuple[str, ...]
    objects: tuple[str, ...]
    scopes: tuple[str, ...]
    units: tuple[str, ...]
    account_mix: tuple[tuple[str, float], ...]
    sasaran: tuple[str, str]  # sasaran strategis of Penunjang, of the other programs
    unknown_codes: int = 0
    text_date_formats: tuple[str, ...] = ()
    sp2d_per_month: bool = False

    @property
    def gaji_sub(self) -> str:
        """Penyediaan Gaji dan Tunjangan ASN: sub kegiatan 0001 of Penunjang's kegiatan 02."""
        return f"{self.programs[0].code}.2.02.0001"


UNKNOWN = "unknown"  # the account_mix entry of codes outside the bundled chart
SUMBER_DANA = ["DAU", "PAD", "DAK", "DBH"]
GAJI_LINES = 60

FIRST = Shape(
    name="first", year=2025, seed=2025, sub_kegiatan=200, opd_short="DINSOS",
    opd_name="Dinas Sosial", region="Kabupaten Deli Serdang",
    identitas=(
        ("Pemerintah Daerah", "Kabupaten Deli Serdang"),
        ("Perangkat Daerah", "Dinas Sosial"),
        ("Tahun Anggaran", None),
        ("Kepala Perangkat Daerah", "Drs. HENDRA SIREGAR, M.Si"),
        ("NIP", "197203151998031004"),
        ("Pangkat/Golongan", "Pembina Utama Muda (IV/c)"),
        ("Tempat Laporan", "Lubuk Pakam"),
    ),
    programs=(
        Program("1.06.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
                "Persentase ketersediaan sarana dan prasarana penunjang kinerja perangkat "
                "daerah"),
        Program("1.06.02", "Program Pemberdayaan Sosial",
                "Persentase Potensi Sumber Kesejahteraan Sosial (PSKS) yang diberdayakan"),
        Program("1.06.03", "Program Penanganan Warga Negara Migran Korban Tindak Kekerasan",
                "Persentase warga negara migran korban tindak kekerasan yang dipulangkan"),
        Program("1.06.04", "Program Rehabilitasi Sosial",
                "Persentase PMKS yang mendapatkan pelayanan rehabilitasi sosial"),
        Program("1.06.05", "Program Perlindungan dan Jaminan Sosial",
                "Persentase PMKS yang mendapatkan perlindungan dan jaminan sosial"),
        Program("1.06.06", "Program Penanganan Bencana",
                "Persentase korban bencana yang menerima bantuan sosial selama tanggap "
                "darurat"),
        Program("1.06.07", "Program Pengelolaan Taman Makam Pahlawan",
                "Persentase Taman Makam Pahlawan yang terpelihara"),
    ),
    program_weights=(0.30, 0.12, 0.06, 0.18, 0.16, 0.12, 0.06),
    subs_per_kegiatan=5,
    line_spread=4.0,
    activities=("Penyediaan", "Pengelolaan", "Koordinasi dan Pelaksanaan", "Fasilitasi",
                "Pendataan", "Pembinaan", "Peningkatan Kapasitas", "Pemeliharaan",
                "Penyelenggaraan", "Sosialisasi dan Bimbingan", "Pemberian Layanan",
                "Pengembangan"),
    objects=("Layanan Sosial Dasar", "Penyandang Disabilitas Terlantar", "Anak Terlantar",
             "Lanjut Usia Terlantar", "Fakir Miskin", "Korban Bencana Alam dan Sosial",
             "Tenaga Kesejahteraan Sosial Kecamatan", "Lembaga Kesejahteraan Sosial",
             "Data Terpadu Kesejahteraan Sosial", "Kampung Siaga Bencana",
             "Pekerja Sosial Masyarakat", "Karang Taruna", "Keluarga Penerima Manfaat",
             "Gelandangan dan Pengemis", "Sarana dan Prasarana Kantor", "Dokumen Perencanaan",
             "Barang Milik Daerah", "Kendaraan Dinas Operasional", "Taman Makam Pahlawan"),
    scopes=("Kabupaten/Kota", "Tingkat Kecamatan", "di Luar Panti Sosial", "Cakupan Daerah",
            "Perangkat Daerah", "Kewenangan Kabupaten/Kota"),
    units=("Orang", "Dokumen", "Laporan", "Unit", "Lembaga", "Keluarga", "Paket", "Kegiatan"),
    account_mix=(("5.1.02.", 0.85), ("5.2.", 0.15)),
    sasaran=("Optimalisasi sarana dan prasarana penunjang kinerja perangkat daerah",
             "Meningkatnya penanganan, pemberdayaan, rehabilitasi, perlindungan dan "
             "jaminan sosial bagi PMKS serta penguatan PSKS"),
)

SECOND = Shape(
    name="second", year=2024, seed=2024, sub_kegiatan=240, opd_short="DKPP",
    opd_name="Dinas Ketahanan Pangan dan Pertanian", region="Kabupaten Simalungun",
    identitas=(
        ("Pemerintah Daerah", "Kabupaten Simalungun"),
        ("Perangkat Daerah", "Dinas Ketahanan Pangan dan Pertanian"),
        ("Tahun Anggaran", None),
        ("Kepala Perangkat Daerah", "Ir. MARULAM SARAGIH, M.P."),
        ("NIP", "196908121996031002"),
        ("Pangkat/Golongan", "Pembina Tingkat I (IV/b)"),
        ("Tempat Laporan", "Pematang Raya"),
    ),
    programs=(
        Program("2.09.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
                "Persentase capaian kinerja penunjang urusan perangkat daerah"),
        Program("2.09.02", "Program Pengelolaan Sumber Daya Ekonomi untuk Kedaulatan dan "
                "Kemandirian Pangan", "Persentase cadangan pangan pemerintah daerah tersedia"),
        Program("2.09.03", "Program Peningkatan Diversifikasi dan Ketahanan Pangan Masyarakat",
                "Skor Pola Pangan Harapan (PPH)"),
        Program("2.09.04", "Program Penanganan Kerawanan Pangan",
                "Persentase desa rawan pangan yang tertangani"),
        Program("2.09.05", "Program Pengawasan Keamanan Pangan",
                "Persentase pangan segar asal tumbuhan yang memenuhi syarat keamanan"),
        Program("3.27.02", "Program Penyediaan dan Pengembangan Sarana Pertanian",
                "Persentase kelompok tani yang menerima sarana produksi pertanian"),
        Program("3.27.03", "Program Penyediaan dan Pengembangan Prasarana Pertanian",
                "Persentase jaringan irigasi tersier dalam kondisi baik"),
        Program("3.27.04", "Program Pengendalian Kesehatan Hewan dan Kesehatan Masyarakat "
                "Veteriner", "Persentase ternak yang divaksinasi"),
        Program("3.27.05", "Program Pengendalian dan Penanggulangan Bencana Pertanian",
                "Persentase luas tanaman terserang OPT yang dikendalikan"),
        Program("3.27.06", "Program Perizinan Usaha Pertanian",
                "Persentase izin usaha pertanian yang diterbitkan tepat waktu"),
        Program("3.27.07", "Program Penyuluhan Pertanian",
                "Persentase kelompok tani yang meningkat kelasnya"),
    ),
    program_weights=(0.14, 0.08, 0.10, 0.06, 0.05, 0.20, 0.14, 0.08, 0.06, 0.03, 0.06),
    subs_per_kegiatan=3,
    line_spread=1.5,
    activities=("Penyediaan", "Pengadaan", "Pembinaan", "Pengembangan", "Pengawasan",
                "Pendampingan", "Penyaluran", "Pemantauan", "Pelatihan", "Pengendalian",
                "Penyusunan", "Rehabilitasi"),
    objects=("Benih Padi Unggul", "Pupuk Organik", "Alat dan Mesin Pertanian", "Kelompok Tani",
             "Cadangan Pangan Pemerintah Daerah", "Jaringan Irigasi Tersier",
             "Jalan Usaha Tani", "Lumbung Pangan Masyarakat", "Pekarangan Pangan Lestari",
             "Penyuluh Pertanian Lapangan", "Pos Kesehatan Hewan", "Vaksinasi Rabies",
             "Organisme Pengganggu Tumbuhan", "Pangan Segar Asal Tumbuhan",
             "Neraca Bahan Makanan", "Balai Penyuluhan Pertanian", "Embung Pertanian",
             "Sarana dan Prasarana Kantor", "Dokumen Perencanaan", "Barang Milik Daerah"),
    scopes=("Kabupaten/Kota", "Lintas Kecamatan", "Desa Rawan Pangan",
            "Kawasan Sentra Produksi", "Perangkat Daerah"),
    units=("Hektare", "Ton", "Kelompok", "Unit", "Dokumen", "Ekor", "Orang", "Paket",
           "Laporan"),
    account_mix=(("5.1.02.", 0.52), ("5.2.", 0.28), ("5.1.05.", 0.03), ("5.1.06.", 0.02),
                 (UNKNOWN, 0.15)),
    sasaran=("Meningkatnya kualitas tata kelola perangkat daerah",
             "Meningkatnya ketersediaan pangan dan produksi pertanian daerah"),
    unknown_codes=750,
    text_date_formats=("%d/%m/%Y", "%Y-%m-%d"),
    sp2d_per_month=True,
)

SHAPES = {shape.name: shape for shape in (FIRST, SECOND)}
# Parents (rincian objek) under which the made-up codes of UNKNOWN are placed.
UNKNOWN_PARENTS = ("5.1.02.", "5.2.02.", "5.2.03.", "5.2.04.", "5.2.05.")


@dataclass
class Year:
    """One generated budget year: structure, budget lines and every SP2D row."""

    shape: Shape
    year: int
    units: list[tuple[str, str, str, str, object]]  # Program sheet: kode, nama, ind, sat, tgt
    sub_codes: list[str]
    program_of_sub: np.ndarray  # index into shape.programs of each sub kegiatan
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


def _code_key(code: str) -> tuple[int, ...]:
    return tuple(map(int, code.split(".")))


def unknown_codes(chart: dict[str, str], count: int) -> dict[str, str]:
    """`count` well-formed sub rincian objek codes that the chart does not hold, with a
    name: dealt in turn over the chart's rincian objek under UNKNOWN_PARENTS, numbered
    on from each one's highest child (a region's own extension of the chart)."""
    highest: dict[str, int] = {}
    for code in chart:
        if code.count(".") == 5 and code.startswith(UNKNOWN_PARENTS):
            parent, _, number = code.rpartition(".")
            highest[parent] = max(highest.get(parent, 0), int(number))
    parents = sorted(highest, key=_code_key)
    made: dict[str, str] = {}
    for index in range(count):
        parent = parents[index % len(parents)]
        number = highest[parent] + 1 + index // len(parents)
        code = f"{parent}.{number:04d}"
        assert number <= 9999 and code not in chart
        made[code] = f"{chart[parent]} (Rincian Daerah {number:04d})"
    return made


class _Dealer:
    """Hands out the made-up codes in a shuffled cycle, so that every one is used once
    before any is used twice and one sub kegiatan never gets the same code twice."""

    def __init__(self, rng: np.random.Generator, codes: list[str]) -> None:
        self.codes = [codes[i] for i in rng.permutation(len(codes))] if codes else []
        self.next = 0

    def take(self, count: int) -> list[str]:
        if count > len(self.codes):
            raise SystemExit(f"a sub kegiatan needs {count} unknown codes, only "
                             f"{len(self.codes)} exist")
        taken = [self.codes[(self.next + i) % len(self.codes)] for i in range(count)]
        self.next = (self.next + count) % len(self.codes)
        return taken


def _split(rng: np.random.Generator, count: int, shares: list[float]) -> list[int]:
    """How many of `count` lines fall in each category. Two categories: a binomial draw
    for the second (how the first year's data has always been drawn); more: multinomial."""
    if len(shares) == 2:
        second = int(rng.binomial(count, shares[1]))
        return [count - second, second]
    return rng.multinomial(count, np.array(shares) / sum(shares)).tolist()


def _fit(counts: list[int], capacity: list[int]) -> list[int]:
    """Move lines from a category over its pool's size to the category with most room."""
    counts = list(counts)
    for index, (wanted, room) in enumerate(zip(counts, capacity, strict=True)):
        if wanted > room:
            counts[index] = room
            spare = [room_ - have for room_, have in zip(capacity, counts, strict=True)]
            counts[int(np.argmax(spare))] += wanted - room
    return counts


def bundled_chart() -> dict[str, str]:
    """Code → name of the chart the pipeline bundles, read as `pipeline.chart` reads it
    (read here from the file, so that a pipeline being edited cannot break generation)."""
    lines = gzip.decompress(CHART.read_bytes()).decode("utf-8").splitlines()
    return {row["kode"]: row["uraian"] for row in csv.DictReader(lines)}


def build_year(rows: int, lines: int, subs: int, prior_rows: int, year: int,
               seed: int, shape: Shape = FIRST) -> Year:
    rng = np.random.default_rng(seed)
    chart = bundled_chart()
    leaves = sorted(code for code in chart if code.count(".") == 5)
    # Belanja pegawai of ASN only (gaji, tunjangan, TPP); not DPRD or KDH/WKDH.
    pegawai = [code for code in leaves if code.startswith(("5.1.01.01.", "5.1.01.02.",
                                                           "5.1.01.03."))]
    made_up = unknown_codes(chart, shape.unknown_codes)
    names = {**chart, **made_up}
    pools = [list(made_up) if prefix == UNKNOWN
             else [code for code in leaves if code.startswith(prefix)]
             for prefix, _ in shape.account_mix]
    shares = [share for _, share in shape.account_mix]

    units, sub_codes, program_of_sub = _structure(rng, subs, shape)

    # Lines per sub kegiatan: the gaji sub kegiatan holds the pegawai lines only.
    gaji = sub_codes.index(shape.gaji_sub)
    gaji_lines = min(GAJI_LINES, len(pegawai), max(lines // 100, 1))
    others = subs - 1
    rest = lines - gaji_lines
    if rest < 3 * others:
        raise SystemExit(f"--lines {lines} is too few for {subs} sub kegiatan.")
    sizes = 3 + rng.multinomial(rest - 3 * others,
                                rng.dirichlet(np.full(others, shape.line_spread)))
    sizes = np.minimum(sizes, sum(len(pool) for pool in pools))
    sizes[np.argmax(sizes)] += rest - int(sizes.sum())  # exact total after any clipping
    dealer = _Dealer(rng, list(made_up)) if made_up else None
    line_sub_list: list[int] = []
    line_code: list[str] = []
    for index in range(subs):
        if index == gaji:
            chosen = sorted(rng.choice(len(pegawai), gaji_lines, replace=False).tolist())
            codes = [pegawai[i] for i in chosen]
        else:
            count = int(sizes[index if index < gaji else index - 1])
            split = _fit(_split(rng, count, shares), [len(pool) for pool in pools])
            picks: list[str] = []
            for (prefix, _), pool, take in zip(shape.account_mix, pools, split, strict=True):
                if prefix == UNKNOWN:
                    picks += dealer.take(take) if take else []
                else:
                    picks += [pool[i] for i in rng.choice(len(pool), take, replace=False)]
            codes = sorted(picks, key=_code_key)
        line_sub_list += [index] * len(codes)
        line_code += codes
    line_sub = np.array(line_sub_list)
    n = len(line_code)
    line_pegawai = np.array([code.startswith("5.1.01.") for code in line_code])
    line_uraian = [names[code] for code in line_code]
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
        if shape.sp2d_per_month:  # numbers start again: the same Nomor SP2D every month
            sp2d_next = 1
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
    prior_codes = sorted(set(line_code), key=_code_key)
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

    return Year(shape, year, units, sub_codes, program_of_sub, line_sub, line_code,
                line_uraian, line_pegawai, line_sumber, murni, pagu, months, prior,
                prior_codes, [names[code] for code in prior_codes])


def _structure(rng: np.random.Generator, subs: int, shape: Shape
               ) -> tuple[list[tuple[str, str, str, str, object]], list[str], np.ndarray]:
    """The Program sheet: the shape's programs, kegiatan of about `subs_per_kegiatan` sub
    kegiatan each, spread over the programs by `program_weights`."""
    programs = shape.programs
    kegiatan = max(len(programs), -(-subs // shape.subs_per_kegiatan))
    per_program = 1 + rng.multinomial(kegiatan - len(programs), list(shape.program_weights))
    # Penunjang needs kegiatan 2.02 for the gaji sub kegiatan.
    if per_program[0] < 2:
        per_program[0] += 1
        per_program[int(np.argmax(per_program[1:])) + 1] -= 1
    kegiatan_list = [(p, k) for p, count in enumerate(per_program)
                     for k in range(1, int(count) + 1)]
    sub_counts = 1 + rng.multinomial(subs - len(kegiatan_list),
                                     np.full(len(kegiatan_list), 1 / len(kegiatan_list)))

    def pick(words: tuple[str, ...]) -> str:
        return words[int(rng.integers(len(words)))]

    units: list[tuple[str, str, str, str, object]] = []
    sub_codes: list[str] = []
    program_of_sub: list[int] = []
    for p, program in enumerate(programs):
        units.append((program.code, program.name, program.indicator, "%", 100))
        for (owner, k), count in zip(kegiatan_list, sub_counts, strict=True):
            if owner != p:
                continue
            kode = f"{program.code}.2.{k:02d}"
            obj = pick(shape.objects)
            units.append((kode, f"{pick(shape.activities)} {obj} {pick(shape.scopes)}",
                          f"Terlaksananya kegiatan {obj.lower()}", "Kegiatan", ""))
            for s in range(1, int(count) + 1):
                code = f"{kode}.{s:04d}"
                if code == shape.gaji_sub:
                    name_sub, unit = "Penyediaan Gaji dan Tunjangan ASN", "Orang/bulan"
                else:
                    obj = pick(shape.objects)
                    name_sub = f"{pick(shape.activities)} {obj} {pick(shape.scopes)}"
                    unit = pick(shape.units)
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

    def __init__(self, path: Path, title: str, company: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
        self.workbook.set_properties({"title": title, "author": "LAKIP Pipeline benchmark",
                                      "company": company, "created": CREATED})
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
    shape = data.shape
    book = Book(path, f"DPA {shape.opd_name} TA {data.year}", shape.opd_name)
    sheet = book.workbook.add_worksheet("Identitas")
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, 40)
    for row, (label, value) in enumerate(shape.identitas):
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
    sheet.merge_range(1, 0, 1, last_col, f"{shape.opd_name} {shape.region} - Tahun Anggaran "
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


def date_writer(book: Book, sheet, formats: tuple[str, ...], year: int, month: int):
    """`write(row, col, day)` for the Tanggal column: a date-formatted serial number, as
    Excel stores a date, or (with `formats`, see `Shape.text_date_formats`) text in the
    notation of this month."""
    if not formats:
        serial0 = (dt.date(year, month, 1) - EXCEL_EPOCH).days - 1
        date, write_number = book.date, sheet.write_number
        return lambda row, col, day: write_number(row, col, serial0 + day, date)
    notation = formats[(month - 1) * len(formats) // 12]
    texts = {day: dt.date(year, month, day).strftime(notation)
             for day in range(1, calendar.monthrange(year, month)[1] + 1)}
    write_string = sheet.write_string
    return lambda row, col, day: write_string(row, col, texts[day])


def write_month(path: Path, data: Year, month: int) -> int:
    """One month of SP2D rows; the Tanggal as the shape says (`date_writer`)."""
    shape = data.shape
    book = Book(path, f"Realisasi Belanja {shape.opd_name} {month:02d}/{data.year}",
                shape.opd_name)
    sheet = book.table("Realisasi", REALISASI_COLUMNS)
    book.header_row(sheet, 0, REALISASI_COLUMNS)
    rows = data.months[month - 1]
    write_date = date_writer(book, sheet, shape.text_date_formats, data.year, month)
    year, opd = data.year, shape.opd_short
    subs, codes, uraian = data.sub_codes, data.line_code, data.line_uraian
    sub_of, pegawai = data.line_sub.tolist(), data.line_pegawai.tolist()
    money = book.money
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
        write_string(row, 6, f"{sp2d:05d}/SP2D/{kind}/{opd}/{year}")
        write_date(row, 7, day)
    book.close()
    return len(rows["line"])


def write_prior(path: Path, data: Year) -> int:
    """The year before: Tahun, Kode Rekening, Uraian, Realisasi (Bulan and sub kegiatan
    blank, as the LRA's prior-year column needs only the account)."""
    book = Book(path, f"Realisasi Belanja {data.shape.opd_name} {data.year - 1}",
                data.shape.opd_name)
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
    shape = data.shape
    book = Book(path, f"Perjanjian Kinerja {shape.opd_name} {data.year}", shape.opd_name)
    columns = [("No", 5), ("Sasaran Strategis", 45), ("Indikator Kinerja", 45), ("Satuan", 8),
               ("Polaritas", 9), ("Target", 8), ("Realisasi", 9), ("Realisasi Tahun Lalu", 9),
               ("Target Akhir Renstra", 9), ("Tahun Akhir Renstra", 9),
               ("Standar Nasional", 9), ("Sumber Data", 16), ("Kode Program", 14),
               ("Analisis", 45), ("Solusi", 40)]
    sheet = book.table("Sasaran", columns)
    book.header_row(sheet, 0, columns)
    sasaran = {1: shape.sasaran[0], 2: shape.sasaran[1]}
    row = 0
    for p, program in enumerate(shape.programs):
        row += 1
        number = 1 if p == 0 else 2  # Penunjang, then the others
        target = float(rng.choice([60, 75, 80, 90, 100]))
        realisasi = round(target * float(rng.uniform(0.7, 1.05)), 2)
        values = [number, sasaran[number] if row in (1, 2) else "", program.indicator, "%",
                  "Positif", target, realisasi, round(target * 0.9, 2), 100, data.year + 1, "",
                  "Dokumen Kantor", program.code,
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
    for p, program in enumerate(shape.programs):
        row = p + 1
        target = float(rng.choice([80, 90, 100]))
        values = [program.code, program.indicator, "%", target,
                  round(target * float(rng.uniform(0.75, 1.0)), 2), "Menunjang",
                  "Tersedianya anggaran dan sumber daya manusia"]
        for col, value in enumerate(values):
            book.cell(sheet, row, col, value)
        book.cell(sheet, row, 7, int(data.murni[line_program == p].sum()), book.money)
    book.close()
    return sasaran_rows, len(shape.programs)


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
             subs: int | None = None, prior_rows: int = DEFAULT_PRIOR_ROWS,
             year: int | None = None, seed: int | None = None, jobs: int | None = None,
             echo=print, shape: Shape = FIRST) -> dict[str, int]:
    """Write the workbooks; returns path → data rows written. Sub kegiatan, year and seed
    default to the shape's."""
    global _DATA
    subs = shape.sub_kegiatan if subs is None else subs
    year = shape.year if year is None else year
    seed = shape.seed if seed is None else seed
    start = time.perf_counter()
    _DATA = build_year(rows, lines, subs, prior_rows, year, seed, shape)
    built = time.perf_counter() - start
    unknown = set(_DATA.line_code) - set(bundled_chart())
    echo(f"data built in {built:.1f} s ({shape.name} shape, {year}): "
         f"{len(_DATA.line_code)} DPA lines over {len(_DATA.sub_codes)} sub kegiatan, "
         f"{len(set(_DATA.line_code))} kode rekening ({len(unknown)} not in the bundled "
         f"chart), 12 × {rows} realisasi rows")
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
    parser.add_argument("--shape", choices=sorted(SHAPES), default=FIRST.name,
                        help="which year: first (Dinas Sosial 2025, the benchmark's year) or "
                             "second (Dinas Ketahanan Pangan dan Pertanian 2024: other codes, "
                             "text dates, SP2D numbers repeated across months, kode rekening "
                             "outside the bundled chart); default first")
    parser.add_argument("--sub-kegiatan", type=int, default=None,
                        help=f"sub kegiatan (default: the shape's, {FIRST.sub_kegiatan} / "
                             f"{SECOND.sub_kegiatan})")
    parser.add_argument("--prior-rows", type=int, default=DEFAULT_PRIOR_ROWS,
                        help=f"rows of the year before (default {DEFAULT_PRIOR_ROWS})")
    parser.add_argument("--year", type=int, default=None,
                        help=f"budget year (default: the shape's, {FIRST.year} / {SECOND.year})")
    parser.add_argument("--seed", type=int, default=None,
                        help="random seed (default: the shape's year)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="writer processes (default: the machine's core count)")
    args = parser.parse_args(argv)
    generate(args.output, args.rows, args.lines, args.sub_kegiatan, args.prior_rows,
             args.year, args.seed, args.jobs, shape=SHAPES[args.shape])
    return 0


if __name__ == "__main__":
    sys.exit(main())
