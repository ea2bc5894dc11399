"""Formulas of the performance tables, each with the value our own arithmetic gives.

Every capaian, tingkat kemajuan and predikat cell is a live formula; its cached value comes
from `pipeline.performance`, so readers that do not recalculate show the same number a
spreadsheet application computes.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from pipeline.performance import Band
from pipeline.report.formats import Formats
from pipeline.report.lakip_values import two_decimals


def capaian_formula(target: str, realisasi: str, negative: bool) -> str:
    """Capaian % of the realisasi cell against the target cell, polarity-aware."""
    if negative:
        return (f"=IF({target}=0,IF({realisasi}=0,100,0),"
                f"MAX(0,ROUND((2*{target}-{realisasi})/{target}*100,2)))")
    return f"=IF({target}=0,100,ROUND({realisasi}/{target}*100,2))"


def predikat_formula(capaian: str, bands: tuple[Band, ...]) -> str:
    """Nested IF over the bands, highest first; the lowest band catches the rest."""
    ordered = sorted(bands, key=lambda band: band.lower, reverse=True)
    formula = f'"{_quoted(ordered[-1].label)}"'
    for band in reversed(ordered[:-1]):
        formula = f'IF({capaian}>={band.lower},"{_quoted(band.label)}",{formula})'
    return f"=IF({capaian}=\"\",\"\",{formula})"


def _quoted(label: str) -> str:
    return label.replace('"', '""')


def figure_format(values: Iterable[Decimal | None], formats: Formats) -> Format:
    """The format of a target or realisasi column: two decimals on every figure when some
    figure has them (`60,00` above `16,81`, as the capaian beside them), else as typed."""
    return formats.percent if two_decimals(values) else formats.number


def write_number(sheet: Worksheet, row: int, column: int, value: Decimal | None,
                 cell_format: Format) -> None:
    """A target or realisasi figure; a blank cell when the PK leaves it empty."""
    if value is None:
        sheet.write_blank(row, column, None, cell_format)
    else:
        sheet.write_number(row, column, float(value), cell_format)


def write_capaian(sheet: Worksheet, row: int, column: int, target: str, realisasi: str,
                  negative: bool, value: Decimal | None, cell_format: Format) -> None:
    """The capaian formula with its cached value; an empty string when a figure is missing."""
    if value is None:
        sheet.write_string(row, column, "", cell_format)
    else:
        sheet.write_formula(row, column, capaian_formula(target, realisasi, negative),
                            cell_format, float(value))
