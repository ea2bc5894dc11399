"""The document's tables as text: the PK (BAB II), III.A.1–III.A.7 and the LRA (BAB III).

Pure: the report in, rows of formatted text out. Every figure comes from the functions the
workbook's sheets use (`pipeline.report.lakip_values`, `pipeline.money.percent`), in the
workbook's column order and labels, written in Indonesian notation.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import NamedTuple

from pipeline import money
from pipeline.document import notation
from pipeline.pk import Iku
from pipeline.report.lakip_values import (
    EFFICIENCY_NOTE,
    Span,
    capaian_of,
    columns_of,
    efficiency,
    header_rows,
    header_spans,
    kemajuan_of,
    no_standard,
    program_rows,
    sasaran_groups,
    standard_note,
    title_of,
    two_decimals,
    with_standard,
)
from pipeline.report.lra_sheet import COLUMN_WIDTHS, NUMBER_ROW, header_labels
from pipeline.report.model import Report


class Percent(NamedTuple):
    value: Decimal


class Amount(NamedTuple):
    sen: int


Value = str | Decimal | Percent | Amount | None


class Merge(NamedTuple):
    """Body rows `first`–`last` of one column shown as one cell (the text sits in `first`)."""

    column: int
    first: int
    last: int


class Table(NamedTuple):
    key: str  # III.A.1 … III.A.7, II.1, II.2, LRA
    title: str
    header: tuple[tuple[str, ...], ...]  # one or more header rows
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]  # proportions
    numeric: frozenset[int]  # columns of figures, aligned right
    merges: tuple[Merge, ...] = ()
    bold: frozenset[int] = frozenset()  # body rows in bold
    full_width: frozenset[int] = frozenset()  # body rows that are one sentence across
    note: str = ""  # a line under the table
    header_merges: tuple[Span, ...] = ()  # header cells shown as one (two-row headers)


def text_of(value: Value, with_sen: bool = False, two: bool = False) -> str:
    """A value as the table writes it; with `two`, a figure with two decimals (`60,00`)."""
    if value is None:
        return ""
    if isinstance(value, Percent):
        return notation.percent(value.value)
    if isinstance(value, Amount):
        return notation.rupiah(value.sen, with_sen)
    if isinstance(value, Decimal):
        return notation.percent(value) if two else notation.number(value)
    return value


def _two_decimal_columns(rows: list[list[Value]]) -> frozenset[int]:
    """The columns whose figures all show two decimals, as the workbook's
    (`performance_cells.figure_format`)."""
    figures: dict[int, list[Decimal]] = {}
    for row in rows:
        for column, value in enumerate(row):
            if isinstance(value, Decimal):
                figures.setdefault(column, []).append(value)
    return frozenset(column for column, values in figures.items() if two_decimals(values))


def _percent(value: Decimal | None) -> Percent | None:
    return None if value is None else Percent(value)


def _table(key: str, title: str, header: Sequence[Sequence[str]], rows: list[list[Value]],
           widths: Sequence[float], with_sen: bool = False, *, merges: Sequence[Merge] = (),
           bold: frozenset[int] = frozenset(), full_width: frozenset[int] = frozenset(),
           note: str = "", header_merges: Sequence[Span] = ()) -> Table:
    """Format the typed rows; columns holding any figure are the numeric ones."""
    numeric = frozenset(column for row in rows for column, value in enumerate(row)
                        if value is not None and not isinstance(value, str))
    two = _two_decimal_columns(rows)
    text = tuple(tuple(text_of(value, with_sen, column in two)
                       for column, value in enumerate(row)) for row in rows)
    return Table(key, title, tuple(tuple(labels) for labels in header), text, tuple(widths),
                 numeric, tuple(merges), bold, full_width, note, tuple(header_merges))


def _sasaran_merges(ikus: Sequence[Iku], spans: Sequence[tuple[int, int]],
                    columns: tuple[int, ...] = (0, 1)) -> tuple[Merge, ...]:
    """No and Sasaran Strategis over each sasaran's rows (`spans`: rows of each IKU)."""
    return tuple(Merge(column, spans[first][0], spans[last][1])
                 for first, last in sasaran_groups(ikus) for column in columns
                 if spans[last][1] > spans[first][0])


def _sasaran_cells(ikus: Sequence[Iku]) -> list[tuple[str, str]]:
    """No and Sasaran on the first IKU of each sasaran, blank below (merged cells)."""
    cells = [("", "")] * len(ikus)
    for first, _ in sasaran_groups(ikus):
        cells[first] = (ikus[first].number, ikus[first].sasaran)
    return cells


class _Frame(NamedTuple):
    """What a LAKIP table has before its rows: name, title, header and widths."""

    key: str
    title: str
    header: tuple[tuple[str, ...], ...]
    spans: tuple[Span, ...]
    widths: list[float]

    def table(self, rows: list[list[Value]], with_sen: bool = False, *,
              merges: Sequence[Merge] = (), full_width: frozenset[int] = frozenset(),
              note: str = "") -> Table:
        return _table(self.key, self.title, self.header, rows, self.widths, with_sen,
                      merges=merges, full_width=full_width, note=note,
                      header_merges=self.spans)


def lakip_table(number: str, report: Report) -> Table:
    """One of III.A.1–III.A.7, as the workbook's sheet of that name shows it: the seed's
    header (two rows in III.A.2 and III.A.6), the columns the pipeline adds after it."""
    ikus = report.pk.ikus
    columns = columns_of(number, report)
    frame = _Frame(number, title_of(number, report.year), header_rows(columns),
                   header_spans(columns), [column.width for column in columns])
    one_each = [(index, index) for index in range(len(ikus))]
    sasaran = _sasaran_cells(ikus)
    rows: list[list[Value]]
    if number == "III.A.1":
        rows = [[*sasaran[i], iku.indikator, iku.target, iku.realisasi,
                 _percent(capaian_of(iku)), iku.sumber_data] for i, iku in enumerate(ikus)]
    elif number == "III.A.2":
        rows = [[*sasaran[i], iku.indikator, iku.realisasi_lalu, iku.target, iku.realisasi,
                 _percent(capaian_of(iku))] for i, iku in enumerate(ikus)]
    elif number == "III.A.3":
        rows = [[*sasaran[i], iku.indikator, iku.realisasi, iku.target_akhir,
                 _percent(kemajuan_of(iku))] for i, iku in enumerate(ikus)]
    elif number == "III.A.4":
        return _iii_a_4(report, frame)
    elif number == "III.A.5":
        rows = [[*sasaran[i], iku.indikator, iku.target, iku.realisasi,
                 _percent(capaian_of(iku)), iku.analisis, iku.solusi]
                for i, iku in enumerate(ikus)]
    elif number == "III.A.6":
        return _iii_a_6(report, frame)
    else:
        return _iii_a_7(report, frame)
    return frame.table(rows, merges=_sasaran_merges(ikus, one_each))


def _iii_a_4(report: Report, frame: _Frame) -> Table:
    ikus = with_standard(report.pk.ikus)
    if not ikus:
        sentence: list[Value] = [no_standard(report.year), "", "", "", ""]
        return frame.table([sentence], full_width=frozenset({0}))
    rows: list[list[Value]] = [[str(index + 1), iku.indikator, iku.realisasi, iku.standar,
                                standard_note(iku)] for index, iku in enumerate(ikus)]
    return frame.table(rows)


def _iii_a_6(report: Report, frame: _Frame) -> Table:
    rows: list[list[Value]] = []
    for iku in report.pk.ikus:
        figures = efficiency(report, iku)
        rows.append([iku.indikator, iku.satuan, iku.target, iku.realisasi,
                     _percent(figures.capaian), Amount(figures.pagu), Amount(figures.spent),
                     Percent(figures.used), _percent(figures.points), figures.verdict])
    return frame.table(rows, report.money_with_sen, note=EFFICIENCY_NOTE)


def _iii_a_7(report: Report, frame: _Frame) -> Table:
    ikus = report.pk.ikus
    rows: list[list[Value]] = []
    spans: list[tuple[int, int]] = []
    merges: list[Merge] = []
    sasaran = _sasaran_cells(ikus)
    for index, iku in enumerate(ikus):
        top = len(rows)
        for offset, program in enumerate(program_rows(report, iku)):
            first = offset == 0
            rows.append([*(sasaran[index] if first else ("", "")),
                         iku.indikator if first else "",
                         _percent(capaian_of(iku)) if first else None, program.name,
                         program.indikator, _percent(program.capaian), program.menunjang,
                         program.analisis, program.target, program.realisasi])
        spans.append((top, len(rows) - 1))
        if len(rows) - 1 > top:
            merges += [Merge(2, top, len(rows) - 1), Merge(3, top, len(rows) - 1)]
    return frame.table(rows, merges=_sasaran_merges(ikus, spans) + tuple(merges))


def pk_tables(report: Report) -> list[Table]:
    """BAB II: the PK's sasaran and IKU with their targets, and its program indicators."""
    ikus = report.pk.ikus
    year = report.year
    sasaran = _sasaran_cells(ikus)
    rows: list[list[Value]] = [[*sasaran[index], iku.indikator, iku.satuan, iku.target]
                               for index, iku in enumerate(ikus)]
    merges = _sasaran_merges(ikus, [(index, index) for index in range(len(ikus))])
    iku_table = _table("II.1", f"Tabel II.1 Perjanjian Kinerja Tahun {year}: Sasaran Strategis "
                       "dan Indikator Kinerja Utama",
                       [["No", "Sasaran Strategis", "Indikator Kinerja", "Satuan",
                         f"Target {year}"]], rows, [5, 40, 44, 8, 11], merges=merges)
    programs: dict[str, list[Value]] = {}
    for iku in ikus:
        for program in program_rows(report, iku):
            if program.code and program.code not in programs:
                programs[program.code] = [str(len(programs) + 1), program.name,
                                          program.indikator, program.target]
    program_table = _table("II.2", f"Tabel II.2 Program dan Indikator Program Tahun {year}",
                           [["No", "Program", "Indikator Program", f"Target {year}"]],
                           list(programs.values()), [5, 40, 44, 11])
    return [iku_table, program_table]


def lra_table(report: Report) -> Table:
    """The LRA, every row of the workbook's `LRA` sheet; parents and totals in bold."""
    rows: list[list[Value]] = []
    bold: set[int] = set()
    for index, line in enumerate(report.lra):
        if line.kind != "account" or line.children:
            bold.add(index)
        rows.append([line.code, line.uraian, Amount(line.anggaran), Amount(line.realisasi),
                     Percent(money.percent(line.realisasi, line.anggaran)),
                     Amount(line.realisasi_lalu)])
    return _table("LRA", f"Laporan Realisasi Anggaran Tahun Anggaran {report.year}",
                  [header_labels(report.year, report.last_month), NUMBER_ROW], rows, COLUMN_WIDTHS,
                  report.money_with_sen, bold=frozenset(bold))
