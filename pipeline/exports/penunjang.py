"""The `X.XX` of the Penunjang program's codes replaced with the OPD's bidang urusan.

Every OPD has the generic Penunjang program; SIPD prints its codes with `X.XX` where the
bidang urusan would be (`X.XX.01.2.01.0001`), while the template's `Program` sheet and the
PK use the OPD's own bidang (`1.06.01.2.01.0001`). The bidang is read from the OPD's own
code (Organisasi, Unit or KODE SKPD: `1.06.0.00.0.00.01.0000` → `1.06`); each replacement is
listed as a note, and a code that cannot be replaced is kept as printed, with a warning.
"""

from __future__ import annotations

import re

from pipeline.findings import Issue, issue

PLACEHOLDER = "X.XX"
_BIDANG = re.compile(r"^\s*(\d)\s*\.\s*(\d{2})(?!\d)")


def bidang_of(code: object) -> str | None:
    """`1.06.0.00.0.00.01.0000` → `1.06`; None for anything that does not start so."""
    if not isinstance(code, str):
        return None
    found = _BIDANG.match(code)
    return f"{found.group(1)}.{found.group(2)}" if found else None


def has_placeholder(code: str) -> bool:
    return code.startswith(PLACEHOLDER + ".")


def replaced(code: str, bidang: str) -> str:
    """`X.XX.01.2.01.0001` with bidang `1.06` → `1.06.01.2.01.0001`; other codes unchanged."""
    return bidang + code[len(PLACEHOLDER):] if has_placeholder(code) else code


def replacement_note(code: str, bidang: str, source: str, file: str, sheet: str,
                     cell: str) -> Issue:
    message = (f"Kode {code} dibaca sebagai {replaced(code, bidang)}: X.XX diganti dengan "
               f"bidang urusan perangkat daerah {bidang} (dari {source}).")
    return issue("code-replaced", message, file, sheet, cell, code)


def unreplaced_warning(code: str, file: str, sheet: str, cell: str) -> Issue:
    message = (f"Kode {code} memakai X.XX, tetapi bidang urusan perangkat daerah tidak "
               "ditemukan (baris Organisasi atau Unit, kolom KODE SKPD); kode dipakai apa "
               "adanya, sehingga tidak cocok dengan kode program di DPA atau PK. Isi kode "
               "Organisasi pada berkas, atau pakai DPA templat.")
    return issue("code-placeholder", message, file, sheet, cell, code)
