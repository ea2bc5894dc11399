"""What the cover of the report says, for the workbook's `Ringkasan` and the document alike:
the title, the period the realisasi covers, the signer's NIP as it is written, and the
signature block.

Pure: the report in, text out.
"""

from __future__ import annotations

import re

from pipeline.months import MONTH_NAMES
from pipeline.report.model import Report

NIP_GROUPS = (8, 6, 1, 3)  # birth date, appointment month, sex, serial: 19780714 199810 1 001
BLANK_DATE = "........................"


def title(report: Report) -> str:
    """`LAKIP 2023 – Dinas Sosial Kabupaten Labuhanbatu Utara`."""
    who = " ".join(part for part in (report.opd, report.pemda) if part)
    return f"LAKIP {report.year} – {who}" if who else f"LAKIP {report.year}"


def period(report: Report) -> str:
    """`Tahun Anggaran 2023, realisasi s.d. Desember 2023`: up to the last month with belanja
    realisasi."""
    month = report.last_month
    covered = (f"realisasi s.d. {MONTH_NAMES[month - 1]} {report.year}" if month
               else "belum ada realisasi")
    return f"Tahun Anggaran {report.year}, {covered}"


def spaced_nip(nip: str) -> str:
    """An 18-digit NIP in its four groups (`19780714 199810 1 001`), however it was typed;
    anything else as typed."""
    digits = re.sub(r"\s+", "", nip)
    if not re.fullmatch(r"\d{18}", digits):
        return nip.strip()
    groups, start = [], 0
    for size in NIP_GROUPS:
        groups.append(digits[start:start + size])
        start += size
    return " ".join(groups)


def signing_date(report: Report) -> str:
    """The day and month of signing are the office's: a line to fill in."""
    return f"{BLANK_DATE} {report.year + 1}"


def signature_lines(report: Report) -> tuple[str, ...]:
    """Place and date, jabatan (two lines, as the seed), name, pangkat and NIP."""
    identitas = report.identitas
    place = identitas.get("tempat") or "................"
    nip = spaced_nip(identitas.get("nip", ""))
    return (
        f"{place}, {signing_date(report)}",
        f"KEPALA {report.opd.upper()}".strip(),
        report.pemda.upper(),
        identitas.get("kepala") or "(nama kepala perangkat daerah)",
        identitas.get("pangkat") or "(pangkat/golongan)",
        f"NIP. {nip or BLANK_DATE}",
    )
