"""Indonesian number notation for the document: `5.425.037.031`, `96,38`, `16,81`.

The workbook shows the same values through locale-neutral number formats; here they are
text, so the notation is written out: dots group thousands, a comma marks decimals.
"""

from __future__ import annotations

from decimal import Decimal

from pipeline.money import format_rupiah

_SWAP = str.maketrans(",.", ".,")


def _indonesian(english: str) -> str:
    """`1,234.56` → `1.234,56`."""
    return english.translate(_SWAP)


def rupiah(sen: int, with_sen: bool = False) -> str:
    """`5.425.037.031`; negative amounts in parentheses, as the LRA prints them. With
    `with_sen` (a report whose amounts have sen) always two decimals: `1.250,00`."""
    return format_rupiah(sen, always_sen=with_sen)


def percent(value: Decimal) -> str:
    """A percentage already rounded half up to two decimals: `96,38`, `100,00`, `-3,21`."""
    return _indonesian(f"{value:,.2f}")


def number(value: Decimal) -> str:
    """A target or realisasi as typed: `60`, `16,81`, `1.250`, `0,5`."""
    if value == value.to_integral_value():
        return _indonesian(f"{int(value):,}")
    return _indonesian(f"{value.normalize():,f}")
