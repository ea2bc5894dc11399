"""Findings: the one record type for every validation and reconciliation result.

Every problem the pipeline sees in the input becomes an `Issue` that names the file,
sheet and cell, with a message written for a finance officer, in Indonesian. Bad data
never raises: stages return their results together with a list of issues.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal, NamedTuple, TypeGuard, get_args


class Severity(Enum):
    """How bad a finding is; the value is the label an officer reads."""

    ERROR = "Kesalahan"
    WARNING = "Peringatan"
    NOTE = "Catatan"


# The fixed set of finding codes, as a type: a code that is not here (a typo) fails mypy.
# `CATALOGUE` gives each its severity and title; docs/findings.md documents each
# (tests/test_findings_catalogue.py keeps the three equal).
Code = Literal[
    "file-unreadable", "file-unrecognised", "file-duplicate", "file-skipped", "file-other-format",
    "file-empty", "file-not-workbook", "file-damaged", "file-encrypted", "file-legacy",
    "file-too-large", "file-xml-entities", "file-unsafe", "workbook-empty", "header-not-found",
    "column-missing", "money-invalid", "cell-error", "money-rounded", "money-negative",
    "realisasi-negative", "code-as-number", "code-malformed", "code-unknown", "code-missing",
    "value-invalid", "year-other", "month-invalid", "identity-missing", "dpa-multiple",
    "sub-kegiatan-missing", "sub-kegiatan-unknown", "subtotal-mismatch", "realisasi-orphan",
    "realisasi-over-pagu", "lra-mismatch", "month-duplicate", "month-missing", "line-duplicate",
    "date-future", "value-missing", "polarity-invalid", "pk-missing", "program-unknown",
    "iku-without-program", "program-without-iku", "pk-budget-mismatch", "template-unreadable",
    "pemda-opd-without-dpa", "pemda-opd-draft", "pemda-file-duplicate", "pemda-year-other",
    "pemda-other-pemda", "file-set-aside", "layout-incomplete", "money-notation-mixed",
    "code-not-normalised", "prior-year-from-lra",
    "period-missing", "realisasi-decrease", "snapshot-superseded", "snapshot-period",
    "snapshot-pagu-mismatch", "spj-mismatch", "spj-total-mismatch", "template-sheet-renamed",
    "budget-stage-partial",
    "stage-unknown", "budget-stage-used", "budget-stage-unused", "murni-unknown",
    "line-one-stage", "dpa-print-mismatch", "code-replaced", "code-placeholder"
]
CODES: tuple[Code, ...] = get_args(Code)


def is_code(text: str) -> TypeGuard[Code]:
    """True when `text` is a catalogued finding code (for codes that arrive as text, such as
    the `error` of a pandera check)."""
    return text in CODES


class Issue(NamedTuple):
    """One finding, with the exact place it comes from (`Anggaran!D17`)."""

    severity: Severity
    code: Code
    message: str
    file: str = ""
    sheet: str = ""
    cell: str = ""
    value: str = ""

    @property
    def location(self) -> str:
        """`file › Sheet!D17`, or whatever part of that is known."""
        place = f"{self.sheet}!{self.cell}" if self.sheet and self.cell else self.sheet
        return " › ".join(part for part in (self.file, place) if part)


# Each finding code with its severity and a one-line title (Indonesian).
CATALOGUE: dict[Code, tuple[Severity, str]] = {
    "file-unreadable": (Severity.ERROR, "Berkas tidak dapat dibuka sebagai workbook Excel"),
    "file-unrecognised": (Severity.NOTE,
                          "Berkas tidak dikenali sebagai templat maupun unduhan; dilewati"),
    "file-duplicate": (Severity.NOTE, "Salinan identik dari berkas lain; dilewati"),
    "file-skipped": (Severity.NOTE, "Berkas sementara atau kunci Excel; dilewati"),
    "file-other-format": (Severity.WARNING, "Berkas bukan .xlsx; tidak dibaca"),
    "file-empty": (Severity.ERROR, "Berkas kosong"),
    "file-not-workbook": (Severity.ERROR, "Berkas bukan workbook Excel"),
    "file-damaged": (Severity.ERROR, "Berkas rusak atau terpotong"),
    "file-encrypted": (Severity.ERROR, "Workbook dilindungi kata sandi"),
    "file-legacy": (Severity.ERROR, "Workbook berformat Excel lama (.xls)"),
    "file-too-large": (Severity.ERROR, "Berkas melebihi batas ukuran yang aman"),
    "file-xml-entities": (Severity.ERROR, "Berkas berisi deklarasi entitas XML"),
    "file-unsafe": (Severity.ERROR, "Berkas menghentikan atau menghabiskan pembacanya"),
    "workbook-empty": (Severity.WARNING, "Workbook tanpa isi"),
    "header-not-found": (Severity.ERROR, "Baris judul kolom tidak ditemukan"),
    "column-missing": (Severity.ERROR, "Kolom wajib tidak ada"),
    "money-invalid": (Severity.ERROR, "Nilai uang tidak dapat dibaca dengan pasti"),
    "cell-error": (Severity.ERROR, "Sel berisi galat Excel"),
    "money-rounded": (Severity.WARNING, "Nilai uang memiliki pecahan di bawah satu sen"),
    "money-negative": (Severity.ERROR, "Nilai pagu negatif"),
    "realisasi-negative": (Severity.WARNING, "Realisasi negatif (pengembalian); tetap dihitung"),
    "code-as-number": (Severity.ERROR, "Kode tersimpan sebagai angka"),
    "code-malformed": (Severity.ERROR, "Format kode tidak sah"),
    "code-unknown": (Severity.WARNING, "Kode rekening tidak ada di bagan akun"),
    "code-missing": (Severity.ERROR, "Kode kosong padahal baris berisi angka"),
    "value-invalid": (Severity.ERROR, "Nilai tidak sah"),
    "year-other": (Severity.ERROR, "Tahun di luar tahun anggaran dan tahun sebelumnya"),
    "month-invalid": (Severity.ERROR, "Bulan tidak dapat dibaca"),
    "identity-missing": (Severity.WARNING, "Data identitas perangkat daerah tidak lengkap"),
    "dpa-multiple": (Severity.ERROR, "Lebih dari satu workbook DPA"),
    "sub-kegiatan-missing": (Severity.ERROR, "Kode sub kegiatan kosong"),
    "sub-kegiatan-unknown": (Severity.ERROR, "Sub kegiatan tidak ada di sheet Program"),
    "subtotal-mismatch": (Severity.ERROR,
                          "Subtotal yang dinyatakan tidak sama dengan jumlah rinciannya"),
    "realisasi-orphan": (Severity.ERROR, "Realisasi tanpa baris DPA"),
    "realisasi-over-pagu": (Severity.WARNING, "Realisasi melebihi pagu"),
    "lra-mismatch": (Severity.WARNING, "LRA sistem akuntansi berbeda dengan LRA yang dihitung"),
    "month-duplicate": (Severity.ERROR, "Bulan yang sama dikirim oleh dua berkas berbeda"),
    "month-missing": (Severity.WARNING, "Bulan realisasi tidak ada"),
    "line-duplicate": (Severity.WARNING, "Baris yang sama tertulis dua kali"),
    "date-future": (Severity.WARNING, "Tanggal di masa depan atau di luar tahun anggaran"),
    "value-missing": (Severity.ERROR, "Sel wajib kosong"),
    "polarity-invalid": (Severity.ERROR, "Polaritas bukan Positif atau Negatif"),
    "pk-missing": (Severity.NOTE, "Tidak ada workbook PK; tabel kinerja LAKIP kosong"),
    "program-unknown": (Severity.ERROR, "Kode program PK tidak ada di sheet Program DPA"),
    "iku-without-program": (Severity.WARNING, "Indikator kinerja utama tanpa program"),
    "program-without-iku": (Severity.WARNING, "Program berpagu tanpa indikator kinerja utama"),
    "pk-budget-mismatch": (Severity.WARNING, "Anggaran PK berbeda dengan pagu murni DPA"),
    "template-unreadable": (Severity.WARNING,
                            "Templat dokumen LAKIP tidak dapat dipakai; templat bawaan dipakai"),
    "pemda-opd-without-dpa": (Severity.WARNING,
                              "Folder perangkat daerah tanpa DPA; tidak ikut konsolidasi"),
    "pemda-opd-draft": (Severity.WARNING, "Laporan perangkat daerah masih DRAFT"),
    "pemda-file-duplicate": (Severity.ERROR,
                             "Berkas yang sama ada di dua folder perangkat daerah"),
    "pemda-year-other": (Severity.ERROR, "Tahun anggaran perangkat daerah berbeda"),
    "pemda-other-pemda": (Severity.ERROR, "Perangkat daerah dari pemerintah daerah lain"),
    "file-set-aside": (Severity.NOTE,
                       "Unduhan tahun lain atau perangkat daerah lain; disisihkan"),
    "layout-incomplete": (Severity.ERROR,
                          "Unduhan perangkat daerah dan tahun ini tanpa kolom yang dikenali"),
    "money-notation-mixed": (Severity.ERROR, "Satu berkas mencampur dua notasi angka"),
    "code-not-normalised": (Severity.ERROR, "Kode dari unduhan tidak dapat dinormalkan"),
    "prior-year-from-lra": (Severity.NOTE,
                            "Realisasi tahun lalu diambil dari LRA SIPD-RI (AKLAP)"),
    "period-missing": (Severity.ERROR,
                       "Tanggal atau bulan posisi unduhan realisasi tidak dapat ditentukan"),
    "realisasi-decrease": (Severity.WARNING,
                           "Realisasi kumulatif turun (koreksi); realisasi bulan itu negatif"),
    "snapshot-superseded": (Severity.NOTE,
                            "Realisasi kumulatif digantikan posisi yang lebih akhir di bulan "
                            "yang sama"),
    "snapshot-period": (Severity.NOTE,
                        "Cara realisasi kumulatif dibagi menjadi realisasi bulanan"),
    "snapshot-pagu-mismatch": (Severity.WARNING,
                               "Pagu di realisasi SIPD-RI berbeda dengan pagu DPA"),
    "spj-mismatch": (Severity.WARNING, "SPJ Fungsional berbeda dengan realisasi yang dihitung"),
    "spj-total-mismatch": (Severity.WARNING, "SPJ Fungsional tidak menjumlah dengan benar"),
    "template-sheet-renamed": (Severity.WARNING,
                               "Sheet templat dengan nama lain; berkas tidak dibaca"),
    "budget-stage-partial": (Severity.NOTE,
                             "Berkas unduhan anggaran dipakai untuk sebagian sub kegiatan"),
    "stage-unknown": (Severity.ERROR, "Tahap anggaran tidak dapat ditentukan dari nama berkas"),
    "budget-stage-used": (Severity.NOTE, "Berkas unduhan anggaran yang dipakai untuk pagu DPA"),
    "budget-stage-unused": (Severity.NOTE, "Berkas unduhan anggaran tidak dipakai"),
    "murni-unknown": (Severity.WARNING,
                      "Pagu murni tidak diketahui; disamakan dengan pagu perubahan"),
    "line-one-stage": (Severity.NOTE,
                       "Baris anggaran hanya ada pada satu tahap; tahap lain bernilai 0"),
    "dpa-print-mismatch": (Severity.ERROR, "Cetakan DPA tidak menjumlah dengan benar"),
    "code-replaced": (Severity.NOTE, "Kode X.XX diganti dengan bidang urusan perangkat daerah"),
    "code-placeholder": (Severity.WARNING, "Kode X.XX tidak dapat diganti dengan bidang urusan"),
}


_SEVERITY_ORDER = {severity: order for order, severity in enumerate(Severity)}


def issue(code: Code, message: str, file: str = "", sheet: str = "", cell: str = "",
          value: object = "") -> Issue:
    """Build an `Issue` whose severity comes from the catalogue."""
    severity, _ = CATALOGUE[code]
    return Issue(severity, code, message, file, sheet, cell, "" if value is None else str(value))


def count(issues: list[Issue], severity: Severity) -> int:
    """How many issues have this severity."""
    return sum(1 for found in issues if found.severity is severity)


def sort_key(found: Issue) -> tuple[int, str, str, int, int, str, str]:
    """Errors first, then by file, sheet and cell in reading order."""
    order = _SEVERITY_ORDER[found.severity]
    letters = found.cell.rstrip("0123456789")
    digits = found.cell[len(letters):]
    return (order, found.file, found.sheet, int(digits or 0), len(letters), letters, found.code)
