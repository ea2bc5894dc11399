"""The months as an Indonesian reader names them: one list for every label and message."""

from __future__ import annotations

MONTH_NAMES = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
               "September", "Oktober", "November", "Desember")


def month_name(month: int) -> str:
    """1 → `Januari`."""
    return MONTH_NAMES[month - 1]
