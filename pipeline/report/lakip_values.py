"""What the LAKIP performance tables III.A.1–III.A.7 show, computed once for every output.

Pure: the report in; titles, column labels and figures out. The workbook writes these
figures as cells (its live formulas cache exactly these values) and the LAKIP document
writes them as text, so the two can only show the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple

from pipeline.money import percent
from pipeline.performance import capaian, conclusion, predikat, predikat_counts
from pipeline.pk import Iku
from pipeline.report import fit
from pipeline.report.formats import shown_money
from pipeline.report.model import Report

LAKIP_TABLES = ("III.A.1", "III.A.2", "III.A.3", "III.A.4", "III.A.5", "III.A.6", "III.A.7")
MEETS, MISSES = "Memenuhi standar", "Belum memenuhi standar"
EFFICIENT, INEFFICIENT = "Efisien", "Tidak Efisien"
EFFICIENCY_NOTE = ("Kolom tambahan: Efisiensi = Persentase Capaian − Persentase Realisasi "
                   "Anggaran (poin); efisien bila tidak negatif. Pagu DPA setelah perubahan.")
ADDED = "(tambahan)"  # marks a column the pipeline adds to the seed's table


class Column(NamedTuple):
    """One column of a table. In a two-row header (the seed's III.A.2 and III.A.6) `group`
    is the label of the merged cell above the column's own label; a column without group
    has its label over both rows."""

    label: str
    width: float  # in the workbook's character units; the document uses the proportions
    group: str = ""


class Span(NamedTuple):
    """Header cells shown as one: rows and columns counted from the header's top left."""

    first_row: int
    first_column: int
    last_row: int
    last_column: int


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
    """The columns of one table: the seed's labels as it prints them (`Program/ Kegiatan`,
    whose space lets a narrow header wrap) in the seed's order, then the columns the
    pipeline adds, marked `(tambahan)`. The widths of every table fit A4 landscape at 100 %
    (`fit.page_points` within `fit.printable_width`), the text columns wrapping."""
    year = report.year
    end = renstra_year(report.pk.ikus)
    kinerja, anggaran = f"Kinerja Tahun {year}", f"Anggaran Tahun {year}"
    budgets = [efficiency(report, iku) for iku in report.pk.ikus] if number == "III.A.6" else []
    money = money_width([amount for budget in budgets for amount in (budget.pagu, budget.spent)],
                        report.money_with_sen, 14)
    columns: dict[str, list[Column]] = {
        "III.A.1": [Column("No", 4), Column("Sasaran Strategis", 38),
                    Column("Indikator Kinerja", 42), Column("Target", 10),
                    Column("Realisasi", 10), Column("Capaian %", 10),
                    Column("Sumber Data", 16)],
        "III.A.2": [Column("No", 4), Column("Sasaran Strategis", 38),
                    Column("Indikator kinerja", 42),
                    Column("Realisasi", 11, f"Tahun {year - 1}"),
                    Column("Target", 11, f"Tahun {year}"),
                    Column("Realisasi", 11, f"Tahun {year}"),
                    Column("% Capaian", 11, f"Tahun {year}")],
        "III.A.3": [Column("No", 4), Column("Sasaran Strategis", 38),
                    Column("Indikator Kinerja", 42),
                    Column(f"Realisasi Kinerja Tahun {year}", 13),
                    Column(f"Target Akhir Rencana Strategis Tahun {end}" if end else
                           "Target Akhir Rencana Strategis", 15),
                    Column("Tingkat Kemajuan", 11)],
        "III.A.4": [Column("No", 4), Column("Indikator Kinerja", 48),
                    Column(f"Realisasi Kinerja Tahun {year}", 14),
                    Column("Standar Nasional", 13), Column("Keterangan", 30)],
        "III.A.5": [Column("No", 4), Column("Sasaran Strategis", 22),
                    Column("Indikator Kinerja", 24), Column("Target", 9),
                    Column("Realisasi", 9), Column("% Capaian", 9),
                    Column("Analisis Keberhasilan /Kegagalan", 30),
                    Column("Solusi yang dilakukan", 26)],
        "III.A.6": [Column("Indikator Kinerja Utama", 33), Column("Satuan", 7),
                    Column("Target (Renstra)", 10, kinerja), Column("Capaian", 9, kinerja),
                    Column("%", 10.5, "Persentase Capaian"),
                    Column("Pagu DPA", money, anggaran),
                    Column("Realisasi (Rp.)", money, anggaran),
                    Column("%", 11, "Persentase Realisasi Anggaran terhadap Pagu DPA"),
                    Column(f"Efisiensi, poin {ADDED}", 10.5),
                    Column(f"Keterangan Efisiensi {ADDED}", 11)],
        "III.A.7": [Column("No", 4), Column("Sasaran Strategis", 15),
                    Column("Indikator Kinerja", 17), Column("Capaian %", 8),
                    Column("Program/ Kegiatan", 15), Column("Indikator Kinerja", 16),
                    Column("Capaian %", 8), Column("Menunjang /Tidak Menunjang", 11),
                    Column("Analisis", 16), Column(f"Target Program {ADDED}", 10.5),
                    Column(f"Realisasi Program {ADDED}", 10.5)],
    }
    return columns[number]


def money_width(amounts: Iterable[int], with_sen: bool, minimum: float) -> float:
    """A money column wide enough for its largest amount on one line (`3.264.125.367`), as
    the cell's format shows it (`formats.shown_money`)."""
    return max(minimum, fit.width_for([shown_money(amount, with_sen) for amount in amounts]))


def header_rows(columns: Sequence[Column]) -> tuple[tuple[str, ...], ...]:
    """The header as it reads cell by cell: one row, or two when a column has a group (the
    group's label in its first column, blank in the rest and under a label over both)."""
    if not any(column.group for column in columns):
        return (tuple(column.label for column in columns),)
    top = [column.group or column.label for column in columns]
    for index in range(1, len(columns)):
        if columns[index].group and columns[index].group == columns[index - 1].group:
            top[index] = ""
    bottom = [column.label if column.group else "" for column in columns]
    return tuple(top), tuple(bottom)


def header_spans(columns: Sequence[Column]) -> tuple[Span, ...]:
    """The merged cells of a two-row header: each label over both rows, each group of
    more than one column across its columns."""
    if not any(column.group for column in columns):
        return ()
    spans = [Span(0, index, 1, index) for index, column in enumerate(columns)
             if not column.group]
    first = 0
    for index in range(1, len(columns) + 1):
        if index == len(columns) or columns[index].group != columns[first].group:
            if columns[first].group and index - 1 > first:
                spans.append(Span(0, first, 0, index - 1))
            first = index
    return tuple(sorted(spans, key=lambda span: span.first_column))


def two_decimals(values: Iterable[Decimal | None]) -> bool:
    """Whether a column of targets or realisasi shows every figure with two decimals (the
    seed's `16,81` beside `60,00`): some figure has a fraction of at most two decimals.
    Whole figures alone show whole; a figure with more decimals leaves the column as typed."""
    fractions = [value for value in values if value is not None
                 and value != value.to_integral_value()]
    return bool(fractions) and all(value == value.quantize(Decimal("0.01"))
                                   for value in fractions)


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
