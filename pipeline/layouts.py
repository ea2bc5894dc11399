"""The input contract as data: which sheets the pipeline knows, their columns and aliases.

Column labels match case-, space- and punctuation-insensitively (`Kd. Rek` = `kdrek`).
Each field has a kind that says how its cells are read (see `pipeline.coerce`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise_label(label: object) -> str:
    """`Kode Rekening` → `koderekening`; `Kd. Rek` → `kdrek`."""
    return _NOT_ALNUM.sub("", str(label).casefold())


class Field(NamedTuple):
    name: str
    label: str  # the canonical label an officer sees in templates and messages
    kind: str  # account | program | money | text | year | month | date | number
    aliases: tuple[str, ...] = ()
    required: bool = False

    def matches(self, normalised: str) -> bool:
        return normalised in {normalise_label(name) for name in (self.label, *self.aliases)}


class Layout(NamedTuple):
    kind: str
    sheet_names: tuple[str, ...]
    fields: tuple[Field, ...]

    @property
    def required(self) -> tuple[Field, ...]:
        return tuple(field for field in self.fields if field.required)

    def field(self, name: str) -> Field:
        return next(field for field in self.fields if field.name == name)


KODE_REKENING = Field(
    "kode_rekening", "Kode Rekening", "account",
    ("Kd Rek", "Kd Rekening", "Kode Rek", "kode_akun", "Kode Akun", "Rekening", "Akun"),
    required=True,
)
KODE_SUB_KEGIATAN = Field(
    "kode_sub_kegiatan", "Kode Sub Kegiatan", "program",
    ("Kd Sub Kegiatan", "Kode Subkegiatan", "Kd Sub Keg", "Kode Sub Keg"),
)
URAIAN = Field("uraian", "Uraian", "text", ("Nama Rekening", "Uraian Rekening", "Nama Akun"))

PROGRAM = Layout("program", ("Program",), (
    Field("kode", "Kode", "program", ("Kode Program", "Kode Kegiatan"), required=True),
    Field("nomenklatur", "Nomenklatur", "text",
          ("Nama", "Uraian", "Program/Kegiatan/Sub Kegiatan", "Nama Program")),
    Field("indikator", "Indikator", "text", ("Indikator Kinerja",)),
    Field("target", "Target", "text"),
    Field("satuan", "Satuan", "text"),
))

ANGGARAN = Layout("anggaran", ("Anggaran",), (
    KODE_SUB_KEGIATAN._replace(required=True),
    KODE_REKENING,
    URAIAN,
    Field("pagu_murni", "Pagu Murni", "money",
          ("Anggaran Murni", "Pagu Induk", "Pagu Sebelum Perubahan", "Pagu"), required=True),
    Field("pagu_perubahan", "Pagu Perubahan", "money",
          ("Anggaran Perubahan", "Pagu Setelah Perubahan", "Pagu P")),
    Field("sumber_dana", "Sumber Dana", "text"),
))

REALISASI = Layout("realisasi", ("Realisasi",), (
    Field("tahun", "Tahun", "year", ("Tahun Anggaran", "TA"), required=True),
    Field("bulan", "Bulan", "month"),
    KODE_SUB_KEGIATAN,
    KODE_REKENING,
    URAIAN,
    Field("realisasi", "Realisasi", "money",
          ("Nilai", "Jumlah", "Nilai Realisasi", "Jumlah Realisasi"), required=True),
    Field("nomor_sp2d", "Nomor SP2D", "text", ("No SP2D", "Nomor SP2D/SPJ")),
    Field("tanggal", "Tanggal", "date", ("Tgl", "Tanggal SP2D", "Tgl SP2D")),
))

LRA = Layout("lra", ("LRA", "Laporan Realisasi Anggaran"), (
    KODE_REKENING,
    URAIAN,
    Field("anggaran", "Anggaran", "money", ("Pagu", "Anggaran Setelah Perubahan"), required=True),
    Field("realisasi", "Realisasi", "money", ("Realisasi Tahun Ini",), required=True),
    Field("realisasi_lalu", "Realisasi Tahun Lalu", "money", ("Realisasi TA Lalu",)),
))

CHART = Layout("chart", ("Kode Rekening", "Bagan Akun"), (
    KODE_REKENING,
    URAIAN._replace(required=True),
))

SASARAN = Layout("sasaran", ("Sasaran",), (
    Field("no", "No", "text", ("Nomor",)),
    Field("sasaran", "Sasaran Strategis", "text", ("Sasaran",)),
    Field("indikator", "Indikator Kinerja", "text",
          ("Indikator Kinerja Utama", "IKU", "Indikator"), required=True),
    Field("satuan", "Satuan", "text"),
    Field("polaritas", "Polaritas", "text", ("Polarisasi", "Arah")),
    Field("target", "Target", "number", ("Target Kinerja",), required=True),
    Field("realisasi", "Realisasi", "number", ("Realisasi Kinerja",), required=True),
    Field("realisasi_lalu", "Realisasi Tahun Lalu", "number", ("Realisasi TA Lalu",)),
    Field("target_akhir", "Target Akhir Renstra", "number", ("Target Renstra",)),
    Field("tahun_akhir", "Tahun Akhir Renstra", "year", ("Tahun Renstra",)),
    Field("standar_nasional", "Standar Nasional", "number", ("Standar",)),
    Field("sumber_data", "Sumber Data", "text"),
    Field("kode_program", "Kode Program", "text", ("Program",)),
    Field("analisis", "Analisis", "text", ("Analisis Keberhasilan/Kegagalan", "Penyebab")),
    Field("solusi", "Solusi", "text", ("Solusi yang dilakukan",)),
))

PK_PROGRAM = Layout("pk_program", ("Program",), (
    Field("kode_program", "Kode Program", "program", ("Kode",), required=True),
    Field("indikator", "Indikator Program", "text", ("Indikator", "Indikator Kinerja")),
    Field("satuan", "Satuan", "text"),
    Field("target", "Target", "number"),
    Field("realisasi", "Realisasi", "number"),
    Field("menunjang", "Menunjang", "text", ("Menunjang/Tidak Menunjang", "Keterangan")),
    Field("analisis", "Analisis", "text"),
    Field("anggaran_pk", "Anggaran PK", "money", ("Anggaran", "Pagu PK")),
))

KRITERIA = Layout("kriteria", ("Kriteria",), (
    Field("batas_bawah", "Batas Bawah", "number", ("Dari", "Minimal"), required=True),
    Field("batas_atas", "Batas Atas", "number", ("Sampai", "Maksimal")),
    Field("predikat", "Predikat", "text", ("Kriteria", "Kategori", "Label"), required=True),
))

TABLE_LAYOUTS = (PROGRAM, ANGGARAN, REALISASI, LRA, CHART)
# In a PK workbook (one with a `Sasaran` sheet) these take the place of the DPA's layouts.
PK_LAYOUTS = (SASARAN, PK_PROGRAM, KRITERIA)
ALL_LAYOUTS = TABLE_LAYOUTS + PK_LAYOUTS

# What a file holds, as an officer names it (the file list of the Validasi sheet): a role
# → its workbook. A role is a table's kind: the template kinds, the kinds downloads give
# (`pipeline.exports.base`: budget lines of a stage, cumulative realisasi, SPJ), and, for an
# LRA download, the accounting system it comes from (`parse.LAYOUT_ROLES`).
KIND_TITLES = {"program": "DPA", "anggaran": "DPA", "realisasi": "realisasi", "lra": "LRA",
               "chart": "bagan akun", "sasaran": "PK", "pk_program": "PK", "kriteria": "PK",
               "anggaran_tahap": "DPA (unduhan SIPD-RI)",
               "realisasi_kumulatif": "realisasi kumulatif (SIPD-RI)",
               "spj": "SPJ Fungsional",
               "lra_aklap": "LRA (AKLAP)", "lra_simda": "LRA (SIMDA)"}


def describe_roles(kinds: tuple[str, ...]) -> str:
    """`("anggaran", "program")` → `DPA`; `()` → `-`. A name that another one of the file
    says more closely is said once: `("anggaran_tahap", "program")` → `DPA (unduhan
    SIPD-RI)`, not `DPA (unduhan SIPD-RI), DPA`."""
    titles = list(dict.fromkeys(KIND_TITLES.get(kind, kind) for kind in kinds))
    closer = [title for title in titles
              if not any(other.startswith(f"{title} (") for other in titles)]
    return ", ".join(closer) or "-"


IDENTITAS_SHEET = "Identitas"
IDENTITAS_FIELDS = {
    "pemerintah_daerah": "Pemerintah Daerah",
    "perangkat_daerah": "Perangkat Daerah",
    "tahun_anggaran": "Tahun Anggaran",
    "kepala": "Kepala Perangkat Daerah",
    "nip": "NIP",
    "pangkat": "Pangkat/Golongan",
    "tempat": "Tempat Laporan",
}
IDENTITAS_REQUIRED = ("pemerintah_daerah", "perangkat_daerah", "tahun_anggaran")
