"""What the LAKIP performance tables III.A.1–III.A.7 show, computed once for every output.

Pure: the report in; titles, column labels and figures out. The workbook writes these
figures as cells (its live formulas cache exactly these values) and the LAKIP document
writes them as text, so the two can only show the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from pipeline.money import percent
from pipeline.performance import capaian, conclusion, predikat, predikat_counts
from pipeline.pk import Iku
from pipeline.report.model import Report

LAKIP_TABLES = ("III.A.1", "III.A.2", "III.A.3", "III.A.4", "III.A.5", "III.A.6", "III.A.7")
MEETS, MISSES = "Memenuhi standar", "Belum memenuhi standar"
EFFICIENT, INEFFICIENT = "Efisien", "Tidak Efisien"
EFFICIENCY_NOTE = ("Efisiensi = Capaian % − % Realisasi Anggaran; efisien bila tidak negatif. "
                   "Pagu DPA setelah perubahan.")


class Column(NamedTuple):
    label: str
    width: float  # in the workbook's character units; the document uses the proportions


def title_of(number: str, year: int) -> str:
    return {
        "III.A.1": f"Tabel III.A.1 Perbandingan Target dan Realisasi Kinerja Tahun {year}",
        "III.A.2": f"Tabel III.A.2 Perbandingan Realisasi Kinerja Tahun {year} dengan Tahun "
                   f"{year - 1}",
        "III.A.3": f"Tabel III.A.3 Perbandingan Realisasi Kinerja Tahun {year} dengan Target "
                   "Akhir Rencana Strategis",
        "III.A.4": f"Tabel III.A.4 Perbandingan Realisasi Kinerja Tahun {year} dengan Standar "
                   "Nasional",
        "III.A.5": "Tabel III.A.5 Analisis Penyebab Keberhasilan/Kegagalan dan Solusi",
        "III.A.6": "Tabel III.A.6 Analisis Efisiensi Penggunaan Sumber Daya",
        "III.A.7": "Tabel III.A.7 Analisis Program/Kegiatan yang Menunjang Pencapaian Kinerja",
    }[number]


def columns_of(number: str, report: Report) -> list[Column]:
    """The header labels of one table, in the seed's column order, with their widths."""
    year = report.year
    columns = {
        "III.A.1": [("No", 5), ("Sasaran Strategis", 40), ("Indikator Kinerja", 44),
                    ("Target", 11), ("Realisasi", 11), ("Capaian %", 11), ("Sumber Data", 18)],
        "III.A.2": [("No", 5), ("Sasaran Strategis", 40), ("Indikator Kinerja", 44),
                    (f"Realisasi {year - 1}", 12), (f"Target {year}", 11),
                    (f"Realisasi {year}", 11), (f"Capaian % {year}", 12)],
        "III.A.3": [("No", 5), ("Sasaran Strategis", 40), ("Indikator Kinerja", 44),
                    (f"Realisasi {year}", 12),
                    (f"Target Akhir Renstra {renstra_year(report.pk.ikus)}".strip(), 14),
                    ("Tingkat Kemajuan %", 13)],
        "III.A.4": [("No", 5), ("Indikator Kinerja", 50), (f"Realisasi {year}", 12),
                    ("Standar Nasional", 14), ("Keterangan", 40)],
        "III.A.5": [("No", 5), ("Sasaran Strategis", 30), ("Indikator Kinerja", 34),
                    ("Target", 10), ("Realisasi", 10), ("Capaian %", 10),
                    ("Analisis Keberhasilan/Kegagalan", 40), ("Solusi", 34)],
        "III.A.6": [("Indikator Kinerja Utama", 40), ("Satuan", 8), ("Target", 9),
                    ("Realisasi", 10), ("Capaian %", 10), ("Pagu DPA", 16),
                    ("Realisasi Anggaran", 16), ("% Realisasi Anggaran", 12),
                    ("Efisiensi (poin)", 11), ("Keterangan", 14)],
        "III.A.7": [("No", 5), ("Sasaran Strategis", 26), ("Indikator Kinerja", 28),
                    ("Capaian %", 10), ("Program", 26), ("Indikator Program", 28),
                    ("Capaian Program %", 11), ("Menunjang/Tidak Menunjang", 13),
                    ("Analisis", 30), ("Target Program", 10), ("Realisasi Program", 10)],
    }[number]
    return [Column(label, width) for label, width in columns]


def renstra_year(ikus: Sequence[Iku]) -> str:
    years = sorted({iku.tahun_akhir for iku in ikus if iku.tahun_akhir})
    return "/".join(str(year) for year in years)


def sasaran_groups(ikus: Sequence[Iku]) -> list[tuple[int, int]]:
    """(first, last) index of each run of IKU sharing one sasaran strategis."""
    groups: list[tuple[int, int]] = []
    for index, iku in enumerate(ikus):
        if groups and (ikus[groups[-1][0]].number, ikus[groups[-1][0]].sasaran) == (
                iku.number, iku.sasaran):
            groups[-1] = (groups[-1][0], index)
        else:
            groups.append((index, index))
    return groups


def capaian_of(iku: Iku) -> Decimal | None:
    """Capaian % of the IKU against its target (III.A.1), polarity-aware."""
    return capaian(iku.target, iku.realisasi, iku.negative)


def kemajuan_of(iku: Iku) -> Decimal | None:
    """Tingkat kemajuan % against the Renstra's end target (III.A.3)."""
    return capaian(iku.target_akhir, iku.realisasi, iku.negative)


# --- III.A.4 --------------------------------------------------------------------------------

def no_standard(year: int) -> str:
    return f"Untuk realisasi kinerja tahun {year} tidak ada standar nasional."


def with_standard(ikus: Sequence[Iku]) -> list[Iku]:
    return [iku for iku in ikus if iku.standar is not None]


def meets_standard(iku: Iku) -> bool:
    """The realisasi reaches the national standard (at most it, for a negative indicator)."""
    if iku.realisasi is None or iku.standar is None:
        return False
    return iku.realisasi <= iku.standar if iku.negative else iku.realisasi >= iku.standar


def standard_note(iku: Iku) -> str:
    return MEETS if meets_standard(iku) else MISSES


# --- III.A.6 --------------------------------------------------------------------------------

class Efficiency(NamedTuple):
    """Capaian against the budget spent on the IKU's programs (III.A.6)."""

    pagu: int  # sen, after perubahan
    spent: int  # sen
    used: Decimal  # % realisasi anggaran
    capaian: Decimal | None
    points: Decimal | None  # capaian − used; None without a capaian
    verdict: str  # Efisien | Tidak Efisien | "" without a capaian


def program_budget(report: Report, programs: tuple[str, ...]) -> tuple[int, int]:
    """Pagu (after perubahan) and realisasi summed over the programs, in sen."""
    lines = {line.code: line for line in report.monthly}
    found = [lines[code] for code in programs if code in lines]
    return sum(line.pagu for line in found), sum(line.realisasi for line in found)


def efficiency(report: Report, iku: Iku) -> Efficiency:
    pagu, spent = program_budget(report, iku.programs)
    used = percent(spent, pagu)
    achieved = capaian_of(iku)
    if achieved is None:
        return Efficiency(pagu, spent, used, None, None, "")
    return Efficiency(pagu, spent, used, achieved, achieved - used,
                      EFFICIENT if achieved >= used else INEFFICIENT)


# --- III.A.7 --------------------------------------------------------------------------------

class ProgramRow(NamedTuple):
    """One program behind an IKU, with its indicator from the PK's `Program` sheet."""

    code: str
    name: str
    indikator: str
    target: Decimal | None
    realisasi: Decimal | None
    capaian: Decimal | None
    menunjang: str
    analisis: str


def program_rows(report: Report, iku: Iku) -> list[ProgramRow]:
    """The IKU's programs in the PK's order; one empty row for an IKU without program."""
    indicators = report.pk.programs or {}
    rows = []
    for code in iku.programs or ("",):
        indicator = indicators.get(code)
        target = indicator.target if indicator else None
        realisasi = indicator.realisasi if indicator else None
        rows.append(ProgramRow(
            code, report.program_names.get(code, code),
            indicator.indikator if indicator else "", target, realisasi,
            capaian(target, realisasi), indicator.menunjang if indicator else "",
            indicator.analisis if indicator else ""))
    return rows


# --- the conclusion -------------------------------------------------------------------------

def predikat_of(report: Report, iku: Iku) -> str:
    return predikat(capaian_of(iku), report.pk.bands)


def conclusion_of(report: Report) -> str:
    """`Kesimpulan: dari 5 indikator kinerja utama, 4 sasaran sangat tinggi, 1 tinggi.`, or
    "" when no IKU has a capaian."""
    ikus = report.pk.ikus
    sentence = conclusion(predikat_counts([capaian_of(iku) for iku in ikus], report.pk.bands))
    if not sentence:
        return ""
    return f"Kesimpulan: dari {len(ikus)} indikator kinerja utama, {sentence}."
