"""Exact money: cell values to integer sen, and rupiah arithmetic helpers.

Amounts travel through the pipeline as integers of sen (1 rupiah = 100 sen), so sums are
exact and vectorisable (int64 holds 92 quadrillion rupiah). Text follows Indonesian
notation (`1.234.567`, `1.234.567,89`, `Rp 1.234.567`, `(1.234.567)`); text that fits no
notation exactly (`15.000.00`, `1,234.567`) is refused, never guessed.

A download may print `1,234,567.89` instead; `notation_of` tells which notation a text
amount is written in, and `parse_money_english` reads one in that notation. Which of the
two a file uses is decided once per file (`pipeline.exports.notation`).
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from pipeline.findings import Code

SEN_PER_RUPIAH = 100
# No budget line reaches 10 trillion rupiah; beyond that a cell is a typo, and sums of
# many such cells could leave int64.
MAX_SEN = 10**13 * SEN_PER_RUPIAH
# Beyond this, sums of sen could leave int64 (9.2 × 10^18); no OPD comes near it.
SUM_LIMIT = 9 * 10**18

_CURRENCY = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_PLAIN = re.compile(r"^(\d+)(?:,(\d{1,2}))?$")
_GROUPED = re.compile(r"^(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?$")
_GROUPED_EN = re.compile(r"^(\d{1,3}(?:,\d{3})+)(?:\.(\d{1,2}))?$")
_DECIMAL_EN = re.compile(r"^(\d+)\.(\d{1,2})$")
_PLAIN_WHOLE = re.compile(r"^(\d+)()$")
_DASHES = {"-", "–", "—"}  # noqa: RUF001 - exported reports print a dash for zero


class Money(NamedTuple):
    """A parsed cell: its amount in sen, or the reason it could not be read."""

    sen: int | None
    problem: Code | None = None  # finding code when the cell is not an exact amount


BLANK = Money(None)


def parse_money(value: object) -> Money:
    """Read one cell (number, text or blank) as an exact amount of sen."""
    money = _parse(value)
    if money.sen is not None and abs(money.sen) > MAX_SEN:
        return Money(None, "money-invalid")
    return money


def _parse(value: object) -> Money:
    if value is None or value == "":
        return BLANK
    if isinstance(value, bool):
        return Money(None, "money-invalid")
    if isinstance(value, int):
        return Money(value * SEN_PER_RUPIAH)
    if isinstance(value, float):
        return _from_float(value)
    if isinstance(value, str):
        return _from_text(value)
    return Money(None, "money-invalid")


def _from_float(value: float) -> Money:
    if not math.isfinite(value) or abs(value) * SEN_PER_RUPIAH > MAX_SEN:
        return Money(None, "money-invalid")
    scaled = Decimal(repr(value)) * SEN_PER_RUPIAH
    sen = int(scaled.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    # Formula results carry binary noise (0.1 + 0.2); anything beyond it is a real fraction.
    if abs(scaled - sen) > Decimal("0.0001"):
        return Money(sen, "money-rounded")
    return Money(sen)


def _from_text(text: str, english: bool = False) -> Money:
    cleaned = _SPACES.sub("", _CURRENCY.sub("", text.strip()))
    if cleaned == "":
        return BLANK
    if cleaned in _DASHES:
        return Money(0)
    cleaned, negative = _bare(cleaned)
    if english:
        match = _GROUPED_EN.match(cleaned) or _DECIMAL_EN.match(cleaned) or _PLAIN_WHOLE.match(
            cleaned)
        separator = ","
    else:
        match = _GROUPED.match(cleaned) or _PLAIN.match(cleaned)
        separator = "."
    if match is None:
        return Money(None, "money-invalid")
    whole, fraction = match.group(1).replace(separator, ""), match.group(2) or ""
    sen = int(whole) * SEN_PER_RUPIAH + int(fraction.ljust(2, "0") or 0)
    return Money(-sen if negative else sen)


def _bare(cleaned: str) -> tuple[str, bool]:
    """The digits and separators of a text amount without spaces or currency, and whether
    it was negative."""
    negative = False
    if cleaned.startswith("(") and cleaned.endswith(")"):
        negative, cleaned = True, cleaned[1:-1]
    elif cleaned.startswith("-"):
        negative, cleaned = True, cleaned[1:]
    return _CURRENCY.sub("", cleaned), negative


def parse_money_english(value: object) -> Money:
    """As `parse_money`, with text in `1,234,567.89` notation (comma groups, point
    decimals); numbers and blanks read as in `parse_money`."""
    if isinstance(value, str):
        money = _from_text(value, english=True)
        if money.sen is not None and abs(money.sen) > MAX_SEN:
            return Money(None, "money-invalid")
        return money
    return parse_money(value)


def notation_of(value: object) -> str | None:
    """`"id"` for a text amount only Indonesian notation reads (`1.234.567`, `1.234,5`),
    `"en"` for one only `1,234,567.89` notation reads (`1,234`, `1234.50`); None for
    numbers, blanks, plain digits and text neither reads. No text is read by both: money
    has at most two decimals, so `1.234` can only be grouped and `1.23` only a decimal."""
    if not isinstance(value, str):
        return None
    cleaned, _ = _bare(_SPACES.sub("", _CURRENCY.sub("", value.strip())))
    if _GROUPED.match(cleaned) or (_PLAIN.match(cleaned) and "," in cleaned):
        return "id"
    if _GROUPED_EN.match(cleaned) or _DECIMAL_EN.match(cleaned):
        return "en"
    return None


def rupiah(sen: int) -> int | float:
    """The amount as a spreadsheet number: an int when whole rupiah, else a float."""
    whole, rest = divmod(sen, SEN_PER_RUPIAH)
    return whole if rest == 0 else sen / SEN_PER_RUPIAH


def percent(part_sen: int, whole_sen: int) -> Decimal:
    """part / whole × 100, rounded half up to two decimals; 0.00 when whole is zero."""
    if whole_sen == 0:
        return Decimal("0.00")
    exact = Decimal(part_sen) * 100 / Decimal(whole_sen)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_rupiah(sen: int, always_sen: bool = False) -> str:
    """Indonesian notation: `1.234.567` or `(1.234.567,50)`; the sen shown when there are
    some, or always (`1.250,00`) with `always_sen`, as a report whose amounts have sen
    prints every amount."""
    whole, rest = divmod(abs(sen), SEN_PER_RUPIAH)
    text = f"{whole:,}".replace(",", ".") + (f",{rest:02d}" if rest or always_sen else "")
    return f"({text})" if sen < 0 else text
