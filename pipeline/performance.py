"""Capaian kinerja: pure arithmetic on targets and realisations, and the predikat bands.

Capaian uses the indicator's polarity: positive R/T×100; negative (2T−R)/T×100, never
below 0; a zero target gives 100 when the realisation is also zero (for a positive
indicator any realisation meets a zero target; for a negative one any realisation above
zero misses it). Above 100 is shown as computed. Results round half up to two decimals.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


class Band(NamedTuple):
    """A predikat band: capaian ≥ lower (and below the next band up) earns `label`."""

    lower: Decimal
    label: str


# Permendagri 86/2017, as table 4.1 of the seed document.
DEFAULT_BANDS = (
    Band(Decimal(91), "Sangat Tinggi"),
    Band(Decimal(76), "Tinggi"),
    Band(Decimal(66), "Sedang"),
    Band(Decimal(51), "Rendah"),
    Band(Decimal("-Infinity"), "Sangat Rendah"),
)


def half_up(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def capaian(target: Decimal | None, realisasi: Decimal | None, negative: bool = False
            ) -> Decimal | None:
    """Capaian % of a realisation against its target, or None when either is missing."""
    if target is None or realisasi is None:
        return None
    if target == 0:
        return HUNDRED if realisasi == 0 or not negative else Decimal(0)
    if negative:
        return max(Decimal(0), half_up((2 * target - realisasi) / target * HUNDRED))
    return half_up(realisasi / target * HUNDRED)


def predikat(value: Decimal | None, bands: tuple[Band, ...] = DEFAULT_BANDS) -> str:
    """The label of the highest band whose lower bound the capaian reaches."""
    if value is None:
        return ""
    ordered = sorted(bands, key=lambda band: band.lower, reverse=True)
    return next((band.label for band in ordered if value >= band.lower), ordered[-1].label)


def predikat_counts(values: list[Decimal | None], bands: tuple[Band, ...] = DEFAULT_BANDS
                    ) -> list[tuple[str, int]]:
    """How many capaian fall in each band, highest band first (bands with none included)."""
    labels = [predikat(value, bands) for value in values if value is not None]
    ordered = sorted(bands, key=lambda band: band.lower, reverse=True)
    return [(band.label, labels.count(band.label)) for band in ordered]


def conclusion(counts: list[tuple[str, int]]) -> str:
    """`4 sasaran sangat tinggi, 1 tinggi`, as the seed's conclusion says it."""
    parts = [f"{number} {label.casefold()}" for label, number in counts if number]
    if not parts:
        return ""
    return f"{parts[0].split(' ', 1)[0]} sasaran {parts[0].split(' ', 1)[1]}" + "".join(
        f", {part}" for part in parts[1:])
