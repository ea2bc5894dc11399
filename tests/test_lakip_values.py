"""The pure parts of the LAKIP tables and the cover: two-row headers and their merged cells,
how many decimals a column of figures shows, the NIP as it is written, the period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pipeline.programs import MonthlyRow
from pipeline.report import fit
from pipeline.report.cover import period, signature_lines, spaced_nip, title
from pipeline.report.lakip_values import (
    LAKIP_TABLES,
    Column,
    Span,
    columns_of,
    header_rows,
    header_spans,
    money_width,
    two_decimals,
)
from pipeline.report.model import Report

D = Decimal

# III.A.6 of the seed: two labels over both lines, two groups of two, one group of one.
III_A_6 = [Column("Indikator Kinerja Utama", 30), Column("Satuan", 8),
           Column("Target (Renstra)", 10, "Kinerja Tahun 2023"),
           Column("Capaian", 10, "Kinerja Tahun 2023"),
           Column("%", 10, "Persentase Capaian"),
           Column("Pagu DPA", 14, "Anggaran Tahun 2023"),
           Column("Realisasi (Rp.)", 14, "Anggaran Tahun 2023"),
           Column("Efisiensi (tambahan)", 9)]


def test_a_header_without_groups_is_one_row_without_merges() -> None:
    columns = [Column("No", 4), Column("Sasaran Strategis", 30)]
    assert header_rows(columns) == (("No", "Sasaran Strategis"),)
    assert header_spans(columns) == ()


def test_two_row_header_reads_as_the_seed_prints_it() -> None:
    assert header_rows(III_A_6) == (
        ("Indikator Kinerja Utama", "Satuan", "Kinerja Tahun 2023", "", "Persentase Capaian",
         "Anggaran Tahun 2023", "", "Efisiensi (tambahan)"),
        ("", "", "Target (Renstra)", "Capaian", "%", "Pagu DPA", "Realisasi (Rp.)", ""))
    assert header_spans(III_A_6) == (Span(0, 0, 1, 0), Span(0, 1, 1, 1), Span(0, 2, 0, 3),
                                     Span(0, 5, 0, 6), Span(0, 7, 1, 7))


def test_the_same_group_apart_is_two_groups() -> None:
    columns = [Column("Target", 9, "Tahun 2023"), Column("No", 4),
               Column("Realisasi", 9, "Tahun 2023")]
    assert header_rows(columns)[0] == ("Tahun 2023", "No", "Tahun 2023")
    assert header_spans(columns) == (Span(0, 1, 1, 1),)


@pytest.mark.parametrize("number", LAKIP_TABLES)
def test_no_header_word_is_broken_and_the_table_prints_at_full_size(number: str) -> None:
    columns = columns_of(number, _report({}))
    for column in columns:
        for label in (column.label, column.group):
            assert fit.width_for(label.split(), bold=True) <= column.width, (label, column)
    assert fit.print_scale(fit.page_points(column.width for column in columns), fit.A4) == 1


def test_a_money_column_widens_for_its_largest_amount() -> None:
    assert money_width([326_412_536_700], False, 14) == 14  # 3.264.125.367
    wider = money_width([15_000_000_000_000], False, 14)  # 150.000.000.000
    assert wider > 14
    assert money_width([15_000_000_000_000], True, 14) > wider  # …,00


@pytest.mark.parametrize(("values", "two"), [
    ([D(60), D("16.81"), None], True),  # the seed's realisasi: 60,00 above 16,81
    ([D(60), D(18), D(100)], False),  # whole: shown whole
    ([D("0.5"), D(1)], True),  # 0,50 and 1,00
    ([D("12.345"), D(1)], False),  # three decimals: as typed, never rounded away
    ([None, None], False),
    ([], False),
])
def test_two_decimals(values: list[Decimal | None], two: bool) -> None:
    assert two_decimals(values) is two


@pytest.mark.parametrize(("typed", "written"), [
    ("197807141998101001", "19780714 199810 1 001"),  # the seed: NIP. 19780714 199810 1 001
    ("19780714 199810 1 001", "19780714 199810 1 001"),
    (" 1978 0714 1998 1010 01 ", "19780714 199810 1 001"),
    ("12345", "12345"),  # not a NIP of 18 digits: as typed
    ("19780714199810100X", "19780714199810100X"),
    ("", ""),
])
def test_nip_is_spaced_8_6_1_3(typed: str, written: str) -> None:
    assert spaced_nip(typed) == written


def _report(identitas: dict[str, str], months: tuple[int, ...] = ()) -> Report:
    monthly = [MonthlyRow("1.06.01", "Program", 3, 100, months, sum(months), ())]
    return Report(identitas=identitas, year=2023, lra=[], created=dt.datetime(2024, 1, 1),
                  monthly=monthly)


def test_title_and_period() -> None:
    identitas = {"perangkat_daerah": "Dinas Sosial",
                 "pemerintah_daerah": "Kabupaten Labuhanbatu Utara"}
    march = _report(identitas, (5, 0, 7) + (0,) * 9)
    assert title(march) == "LAKIP 2023 – Dinas Sosial Kabupaten Labuhanbatu Utara"
    assert period(march) == "Tahun Anggaran 2023, realisasi s.d. Maret 2023"
    assert period(_report(identitas, (0,) * 12)) == "Tahun Anggaran 2023, belum ada realisasi"
    assert title(_report({})) == "LAKIP 2023"


def test_signature_without_identitas_says_what_to_fill_in() -> None:
    assert signature_lines(_report({"perangkat_daerah": "Dinas Sosial"})) == (
        "................, ........................ 2024", "KEPALA DINAS SOSIAL", "",
        "(nama kepala perangkat daerah)", "(pangkat/golongan)",
        "NIP. ........................")
