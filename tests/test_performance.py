"""Capaian, predikat and the conclusion as pure arithmetic (`pipeline.performance`).

Every expected value is worked out by hand in the test or copied from the seed document
(tables III.A.1, III.A.3 and 4.1, and the conclusion of BAB IV.A, via `seed_tables`).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from seed_tables import percent, seed_predikat, table, table_4_1

from pipeline.performance import (
    DEFAULT_BANDS,
    Band,
    capaian,
    conclusion,
    predikat,
    predikat_counts,
)

D = Decimal


# --- capaian -------------------------------------------------------------------------------

@pytest.mark.parametrize(("target", "realisasi", "expected"), [
    ("60", "60", "100"),  # seed III.A.1
    ("100", "97.43", "97.43"),  # seed III.A.1
    ("18", "9", "50"),
    ("80", "100", "125"),  # above 100: shown as computed, not capped
    ("10", "0", "0"),
    ("0.5", "2", "400"),
])
def test_positive_capaian_is_realisasi_over_target(target: str, realisasi: str,
                                                   expected: str) -> None:
    assert capaian(D(target), D(realisasi)) == D(expected)


@pytest.mark.parametrize(("target", "realisasi", "expected"), [
    ("10", "8", "120"),  # (20 - 8) / 10
    ("10", "10", "100"),
    ("10", "12", "80"),  # (20 - 12) / 10
    ("10", "0", "200"),  # above 100: shown as computed
    ("10", "19", "10"),
    ("10", "20", "0"),  # exactly at the floor
    ("10", "25", "0"),  # (20 - 25) / 10 = -50, never below 0
    ("10", "1000", "0"),
    ("4", "5", "75"),  # (8 - 5) / 4
])
def test_negative_capaian_is_two_targets_minus_realisasi_over_target(
        target: str, realisasi: str, expected: str) -> None:
    assert capaian(D(target), D(realisasi), negative=True) == D(expected)


def test_negative_polarity_differs_from_positive_for_the_same_figures() -> None:
    assert capaian(D(10), D(8)) == D(80)
    assert capaian(D(10), D(8), negative=True) == D(120)


@pytest.mark.parametrize(("negative", "realisasi", "expected"), [
    (False, "0", "100"),  # zero of zero: met
    (True, "0", "100"),  # zero of zero: met
    (False, "5", "100"),  # higher is better: any realisation meets a zero target
    (True, "5", "0"),  # lower is better: anything above zero misses a zero target
])
def test_zero_target(negative: bool, realisasi: str, expected: str) -> None:
    assert capaian(D(0), D(realisasi), negative=negative) == D(expected)


@pytest.mark.parametrize(("target", "realisasi"), [(None, D(5)), (D(5), None), (None, None)])
@pytest.mark.parametrize("negative", [False, True])
def test_missing_figure_gives_no_capaian(target: Decimal | None, realisasi: Decimal | None,
                                         negative: bool) -> None:
    assert capaian(target, realisasi, negative=negative) is None


@pytest.mark.parametrize(("target", "realisasi", "negative", "expected"), [
    ("80", "55.46", False, "69.33"),  # 69.325 exactly: half up, not to even (69.32)
    ("18", "16.81", False, "93.39"),  # 93.3888...
    ("72", "55.46", False, "77.03"),  # 77.0277...
    ("35", "16.81", False, "48.03"),  # 48.0285...
    ("8", "7.71", False, "96.38"),  # 96.375 exactly, the contract's example
    ("8", "8.29", True, "96.38"),  # (16 - 8.29) / 8 = 96.375 exactly
    ("3", "1", False, "33.33"),  # 33.333...
    ("3", "2", False, "66.67"),  # 66.666...
    ("40", "0.001", False, "0.00"),  # 0.0025 rounds down
    ("40", "0.002", False, "0.01"),  # 0.005 rounds up
])
def test_capaian_rounds_half_up_to_two_decimals(target: str, realisasi: str, negative: bool,
                                                 expected: str) -> None:
    assert capaian(D(target), D(realisasi), negative=negative) == D(expected)


def test_seed_capaian_of_iii_a_1_follows_from_its_targets_and_realisasi() -> None:
    rows = table("III.A.1")
    assert [capaian(percent(row[3]), percent(row[4])) for row in rows] == [
        percent(row[5]) for row in rows]


def test_seed_tingkat_kemajuan_of_iii_a_3_is_realisasi_over_the_renstra_target() -> None:
    rows = table("III.A.3")
    assert [capaian(percent(row[4]), percent(row[3])) for row in rows] == [
        D("80"), D("48.03"), D("69.33"), D("100"), D("97.43")]
    assert [percent(row[5]) for row in rows] == [
        D("80"), D("48.03"), D("69.33"), D("100"), D("97.43")]


# --- predikat ------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    ("200", "Sangat Tinggi"),
    ("100", "Sangat Tinggi"),
    ("91", "Sangat Tinggi"),
    ("90.99", "Tinggi"),
    ("76", "Tinggi"),
    ("75.99", "Sedang"),
    ("66", "Sedang"),
    ("65.99", "Rendah"),
    ("51", "Rendah"),
    ("50.99", "Sangat Rendah"),
    ("0", "Sangat Rendah"),
    ("-5", "Sangat Rendah"),
    ("-1000", "Sangat Rendah"),
])
def test_default_predikat_at_every_band_edge(value: str, expected: str) -> None:
    assert predikat(D(value)) == expected


def test_no_capaian_has_no_predikat() -> None:
    assert predikat(None) == ""


def test_default_bands_are_table_4_1_of_the_seed() -> None:
    # 91% ≤ 100% Sangat Tinggi, 76% ≤ 90% Tinggi, 66% ≤ 75% Sedang, 51% ≤ 65% Rendah,
    # ≤ 50% Sangat Rendah: the same labels, highest first, with the same lower bounds.
    seed = table_4_1()
    assert [band.label for band in DEFAULT_BANDS] == [label for _, label in seed]
    lowers = [interval.split("%")[0] for interval, _ in seed[:-1]]
    assert lowers == ["91", "76", "66", "51"]
    assert [band.lower for band in DEFAULT_BANDS[:-1]] == [D(lower) for lower in lowers]


def test_seed_capaian_earn_the_predikat_of_the_seed_conclusion() -> None:
    expected = seed_predikat()  # BAB IV.A: 4 sangat tinggi, 1 tinggi, by name
    assert {row[2]: predikat(percent(row[5])) for row in table("III.A.1")} == expected


CUSTOM = (  # a Kriteria of other labels, deliberately not in order
    Band(D(80), "Baik"),
    Band(D(0), "Kurang"),
    Band(D(101), "Melampaui Target"),
)


@pytest.mark.parametrize(("value", "expected"), [
    ("125", "Melampaui Target"),
    ("101", "Melampaui Target"),
    ("100.99", "Baik"),
    ("100", "Baik"),
    ("80", "Baik"),
    ("79.99", "Kurang"),
    ("0", "Kurang"),
    ("-3", "Kurang"),  # below every lower bound: the lowest band
])
def test_custom_bands(value: str, expected: str) -> None:
    assert predikat(D(value), CUSTOM) == expected


def test_custom_bands_change_the_predikat_of_the_same_capaian() -> None:
    assert predikat(D("77.03")) == "Tinggi"
    assert predikat(D("77.03"), CUSTOM) == "Kurang"
    assert predikat(D("93.39")) == "Sangat Tinggi"
    assert predikat(D("93.39"), CUSTOM) == "Baik"


# --- counts and conclusion -----------------------------------------------------------------

SEED_CAPAIAN = [D("100"), D("93.39"), D("77.03"), D("100"), D("97.43")]  # III.A.1


def test_predikat_counts_of_the_seed() -> None:
    assert predikat_counts(SEED_CAPAIAN) == [
        ("Sangat Tinggi", 4), ("Tinggi", 1), ("Sedang", 0), ("Rendah", 0),
        ("Sangat Rendah", 0)]


def test_predikat_counts_skip_missing_capaian() -> None:
    assert predikat_counts([None, D("50"), None, D("66")]) == [
        ("Sangat Tinggi", 0), ("Tinggi", 0), ("Sedang", 1), ("Rendah", 0),
        ("Sangat Rendah", 1)]
    assert predikat_counts([]) == [(band.label, 0) for band in DEFAULT_BANDS]


def test_predikat_counts_with_custom_bands_highest_first() -> None:
    assert predikat_counts([D(120), D(0), D(100), D(125), D(100)], CUSTOM) == [
        ("Melampaui Target", 2), ("Baik", 2), ("Kurang", 1)]


def test_conclusion_of_the_seed() -> None:
    # BAB IV.A: "terdapat 4 sasaran yang memiliki kinerja sangat tinggi ... Dan terdapat
    # 1 sasaran yang memiliki kinerja tinggi".
    assert conclusion(predikat_counts(SEED_CAPAIAN)) == "4 sasaran sangat tinggi, 1 tinggi"


@pytest.mark.parametrize(("counts", "expected"), [
    ([("Sangat Tinggi", 0), ("Tinggi", 2), ("Sedang", 0), ("Rendah", 1),
      ("Sangat Rendah", 0)], "2 sasaran tinggi, 1 rendah"),
    ([("Sangat Tinggi", 5), ("Tinggi", 0)], "5 sasaran sangat tinggi"),
    ([("Melampaui Target", 2), ("Baik", 2), ("Kurang", 1)],
     "2 sasaran melampaui target, 2 baik, 1 kurang"),
    ([("Sangat Tinggi", 0), ("Tinggi", 0)], ""),
    ([], ""),
])
def test_conclusion(counts: list[tuple[str, int]], expected: str) -> None:
    assert conclusion(counts) == expected
