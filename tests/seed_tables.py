# ruff: noqa: E501 - verbatim transcription of the seed document
"""Tables III.A.1 to III.A.7 of the seed document (LAKIP Dinas Sosial Kabupaten
Labuhanbatu Utara 2023, BAB III.A, `shared/seed/LAKIP_Dinsos_Labuhanbatu_Utara_2023.txt`
lines 470-550) and its conclusion (BAB IV.A, table 4.1), transcribed verbatim:
tab-separated, the document's header lines first, its own notation (`16.81%`,
`642.628.488`) and its own mistakes.

`header()` gives each table's header lines cell by cell (two lines in III.A.2 and III.A.6,
a group's label over its first column, blank over the rest); the labels are the seed's to
the letter, including `Indikator kinerja` (III.A.2) and the spaces of `Program/ Kegiatan`,
`Menunjang /Tidak Menunjang` and `Analisis Keberhasilan /Kegagalan`, which the report
prints as well (they let a narrow header wrap).

Only these liberties are taken, all of the text extraction, none of the numbers:
- blank lines and the `---` rule under III.A.1 are left out, as is trailing whitespace;
- a row the page break split in two (III.A.5 row 3, III.A.7 row 4) is a second line
  whose numeric cells are empty; `table()` joins its cells to the row above, with a space.

Two corrections, where the seed is wrong and the report is right (`CORRECTIONS`; they are
applied by `corrected()` and nowhere else):
1. III.A.6, Penanganan Bencana, % Realisasi Anggaran: the seed prints 96.51 for
   574.785.484 / 595.538.588 x 100 = 96,5154...; rounded half up that is 96.52.
2. III.A.7, both "Capaian %" columns: the seed repeats the realisasi (IKU: 60, 16.81,
   55.46, 100, 97.43; program: 60, 16.81, 55.46, 100, 100) where the capaian is meant.
   The IKU's capaian is III.A.1's (100, 93.39, 77.03, 100, 97.43); the program's is its
   realisasi against its 2023 target of II.1 (60, 18, 72, 100, 100): 100, 93.39, 77.03,
   100, 100.

The seed words some IKU, one sasaran and one program differently from table to table.
The report prints one wording per IKU, the PK's, which is III.A.1's (and II.3's for the
program); `WORDING` maps each variant to it, so a comparison states it explicitly.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

III_A_1_TEXT = """\
No	Sasaran Strategis	Indikator Kinerja	Target	Realisasi	Capaian %	Sumber Data
1	Meningkatnya Penanganan, Pemberdayaan, Rehabilitasi, Perlindungan dan Jaminan sosial bagi penyandang masalah kesejahteraan sosial (PMKS) serta penguatan potensi sumber kesejahteraan sosial (PSKS)	Persentase Kelembagaan Sosial yang diberdayakan	60%	60%	100%	Dokumen Kantor
		Persentase PMKS yang memperoleh bantuan sosial	18%	16.81%	93.39%	Dokumen Kantor
		Persentase PMKS yang memperoleh bantuan sosial untuk pemenuhan kebutuhan dasar	72%	55.46%	77.03%	Dokumen Kantor
		Persentase korban bencana yang menerima bantuan sosial selama tanggap darurat	100%	100%	100%	Dokumen Kantor
2	Optimalisasi sarana dan prasarana Penunjang kinerja perangkat daerah	Persentase ketersediaan sarana dan prasarana penunjang kinerja perangkat daerah	100%	97.43%	97.43%	Dokumen Kantor
"""

III_A_2_TEXT = """\
No	Sasaran Strategis	Indikator kinerja	Tahun 2022	Tahun 2023
			Realisasi	Target	Realisasi	% Capaian
1	Meningkatnya Penanganan, Pemberdayaan, Rehabilitasi, Perlindungan dan Jaminan sosial bagi penyandang masalah kesejahteraan sosial (PMKS) serta penguatan potensi sumber kesejahteraan sosial (PSKS)	Persentase Kelembagaan Sosial yang diberdayakan	55%	60%	60%	100%
		Persentase PMKS yang memperoleh bantuan sosial	3.17%	18%	16.81%	93.39%
		Persentase PMKS yang memperoleh bantuan sosial untuk pemenuhan kebutuhan dasar	53.92%	72%	55.46%	77.03%
		Persentase korban bencana yang menerima bantuan sosial selama tanggap darurat	100%	100%	100%	100%
2	Optimalisasi sarana dan prasarana Penunjang kinerja perangkat daerah	Persentase ketersediaan sarana dan prasarana penunjang kinerja perangkat daerah	91.85%	100%	97.43%	97.43%
"""

III_A_3_TEXT = """\
No	Sasaran Strategis	Indikator Kinerja	Realisasi Kinerja Tahun 2023	Target Akhir Rencana Strategis Tahun 2026	Tingkat Kemajuan
1	Meningkatnya Penanganan, Pemberdayaan, Rehabilitasi, Perlindungan dan Jaminan sosial bagi penyandang masalah kesejahteraan sosial (PMKS) serta penguatan potensi sumber kesejahteraan sosial (PSKS)	Persentase Kelembagaan Sosial yang diberdayakan	60%	75%	80%
		Persentase PMKS yang memperoleh bantuan sosial	16.81%	35%	48.03%
		Persentase PMKS yang memperoleh bantuan sosial untuk pemenuhan kebutuhan dasar	55.46%	80%	69.33%
		Persentase korban bencana yang menerima bantuan sosial selama tanggap darurat	100%	100%	100%
2	Optimalisasi sarana dan prasarana Penunjang kinerja perangkat daerah	Persentase ketersediaan sarana dan prasarana penunjang kinerja perangkat daerah	97.43%	100%	97.43%
"""

III_A_5_TEXT = """\
No	Sasaran Strategis	Indikator Kinerja	Target	Realisasi	% Capaian	Analisis Keberhasilan /Kegagalan	Solusi yang dilakukan
1	Meningkatnya Penanganan, Pemberdayaan, Rehabilitasi, Perlindungan dan Jaminan sosial bagi penyandang masalah kesejahteraan sosial (PMKS) serta penguatan potensi sumber kesejahteraan sosial (PSKS)	Persentase Kelembagaan Sosial yang diberdayakan	60%	60%	100%	Berhasilnya Program ini disebabkan tersedianya Sumber Daya Manusia yang terdapat pada Lembaga dan Perangkat Daerah
		Persentase PMKS yang memperoleh bantuan sosial	18%	16.81%	93.39%	Tersedianya Anggaran dan Sumber Daya Manusia pada Dinas Sosial Kabupaten Labuhanbatu Utara
		Persentase PMKS yang memperoleh bantuan sosial untuk	72%	55.46%	77.03%	Anggaran Belanja yang terbatas baik APBN dan APBD	Perlunya Verifikasi dan Validasi Data bagi
		pemenuhan kebutuhan dasar					Penerima bantuan sosial agar lebih tepat sasaran.
		Persentase korban bencana yang menerima bantuan sosial selama tanggap darurat	100%	100%	100%	Terpenuhinya bantuan sosial bagi korban bencana
	Optimalisasi sarana dan prasarana Penunjang kinerja perangkat daerah	Persentase ketersediaan sarana dan prasarana penunjang kinerja perangkat daerah	100%	97.43%	97.43%	Tersedianya Anggaran dan SDM pada Dinas Sosial Kabupaten Labuhanbatu Utara
"""

III_A_6_TEXT = """\
Indikator Kinerja Utama	Satuan	Kinerja Tahun 2023		Persentase Capaian	Anggaran Tahun 2023		Persentase Realisasi Anggaran terhadap Pagu DPA
		Target (Renstra)	Capaian	%	Pagu DPA	Realisasi (Rp.)	%
Persentase Kelembagaan Sosial yang diberdayakan	%	60%	60%	100	642.628.488	636.022.948	98.97
Persentase PMKS yang memperoleh bantuan sosial	%	18%	16.81%	93.39	393.159.188	334.317.742	85.03
Persentase PMKS yang memperoleh bantuan sosial untuk pemenuhan kebutuhan dasar	%	72%	55.46%	77.03	529.585.400	502.979.044	94.98
Persentase korban bencana yang menerima bantuan sosial selama masa tanggap darurat	%	100%	100%	100	595.538.588	574.785.484	96.51
Persentase ketersediaan sarana dan prasarana penunjang kinerja perangkat daerah	%	100%	97.43%	97.43	3.264.125.367	3.180.313.397	97.43
"""

III_A_7_TEXT = """\
No	Sasaran Strategis	Indikator Kinerja	Capaian %	Program/ Kegiatan	Indikator Kinerja	Capaian %	Menunjang /Tidak Menunjang	Analisis
1	Meningkatnya Penanganan, Pemberdayaan, Rehabilitasi, Perlindungan dan Jaminan sosial bagi penyandang masalah kesejahteraan sosial (PMKS) serta penguatan potensi sumber kesejahteraan sosial (PSKS)	Persentase Kelembagaan Sosial yang Diberdayakan	60	Program Pemberdayaan Sosial	Realisasi pengembangan kemampuan dan pemberdayaan SDM Potensi Sumber Kesejahteraan Sosial (PSKS)	60	Menunjang	Tersedianya Sumber Daya Manusia yang terdapat pada Lembaga dan Perangkat Daerah
		Persentase PMKS yang memperoleh bantuan sosial	16.81	Program Rehabilitasi Sosial	Persentase PMKS yang mendapatkan pelayanan rehabilitasi kesejahteraan sosial dan yang memperoleh bantuan sosial	16.81	Menunjang	Tersedianya Anggaran dan Sumber Daya Manusia pada Dinas Sosial Kabupaten Labuhanbatu Utara
		Persentase PMKS yang memperoleh bantuan sosial untuk pemenuhan kebutuhan dasar	55.46	Program Perlindungan dan Jaminan Sosial	Persentase PMKS yang mendapatkan perlindungan dan jaminan sosial	55.46	Menunjang	Perlunya Verifikasi dan Validasi Data bagi Penerima bantuan sosial agar lebih tepat sasaran.
		Persentase korban bencana yang menerima bantuan sosial selama masa tanggap	100	Program Penanganan Bencana	Persentase korban bencana skala kabupaten yang mendapatkan bantuan	100	Menunjang	Terpenuhinya bantuan sosial bagi korban bencana
		darurat			sosial kebutuhan dasar
2	Optimalisasi sarana dan prasarana penunjang kinerja perangkat daerah	Persentase ketersediaan sarana dan prasarana penunjang kinerja perangkat daerah	97.43	Program Penunjang Urusan Pemerintahan Daerah Kabupaten/ Kota	Jumlah kegiatan penunjang urusan pemerintah Dinas Sosial	100	Menunjang	Tersedianya Anggaran dan SDM pada Dinas Sosial Kabupaten Labuhanbatu Utara
"""

TABLE_4_1_TEXT = """\
No	Interval Realisasi Kinerja	Kriteria Penilaian Realisasi Kinerja
1	91% ≤ 100%	Sangat Tinggi
2	76% ≤ 90%	Tinggi
3	66% ≤ 75%	Sedang
4	51% ≤ 65%	Rendah
5	≤ 50%	Sangat Rendah
"""

CONCLUSION_TEXT = """\
Berdasarkan tabel 4.1 dapat disimpulkan bahwa dari 5 sasaran yang diperjanjikan kinerjanya pada tahun 2023 oleh Kepala Daerah, terdapat 4 sasaran yang memiliki kinerja sangat tinggi, antara lain
1. Persentase Kelembagaan Sosial yang diberdayakan
2. Persentase PMKS yang memperoleh bantuan sosial
3. Persentase korban bencana yang menerima bantuan sosial selama tanggap darurat
4. Persentase ketersediaan sarana dan prasarana penunjang kinerja perangkat daerah.
Dan terdapat 1 sasaran yang memiliki kinerja tinggi, yaitu:
1. Persentase PMKS yang memperoleh bantuan sosial untuk pemenuhan kebutuhan dasar
"""

TEXTS = {"III.A.1": III_A_1_TEXT, "III.A.2": III_A_2_TEXT, "III.A.3": III_A_3_TEXT,
         "III.A.5": III_A_5_TEXT, "III.A.6": III_A_6_TEXT, "III.A.7": III_A_7_TEXT}
HEADER_LINES = {"III.A.1": 1, "III.A.2": 2, "III.A.3": 1, "III.A.5": 1, "III.A.6": 2,
                "III.A.7": 1}
# The first numeric column of each table; it is empty only on a page-break continuation.
FIRST_NUMBER = {"III.A.1": 3, "III.A.2": 3, "III.A.3": 3, "III.A.5": 3, "III.A.6": 2,
                "III.A.7": 3}

Row = list[str]


def header(number: str) -> list[Row]:
    """The seed's header lines of one table, cell by cell as printed: one line, or two where
    the seed groups columns (III.A.2, III.A.6), a group's label in its first column and
    blank over the rest, blank under a label that spans both lines."""
    lines = TEXTS[number].splitlines()
    width = max(len(line.split("\t")) for line in lines)
    rows = [line.split("\t") for line in lines[:HEADER_LINES[number]]]
    return [cells + [""] * (width - len(cells)) for cells in rows]


# III.A.4: the seed prints no table, only the sentence below (BAB III.A.IV).
III_A_4_SENTENCE = "Untuk Realisasi Kinerja Tahun 2023 dengan Standar Nasional tidak ada."


def table(number: str) -> list[Row]:
    """The seed's body rows of one table, cell by cell as printed, continuations joined."""
    lines = TEXTS[number].splitlines()
    width = max(len(line.split("\t")) for line in lines)
    rows: list[Row] = []
    for line in lines[HEADER_LINES[number]:]:
        cells = line.split("\t")
        cells += [""] * (width - len(cells))
        if rows and cells[FIRST_NUMBER[number]] == "":
            rows[-1] = [f"{above} {below}".strip() for above, below in zip(rows[-1], cells,
                                                                             strict=True)]
        else:
            rows.append(cells)
    return rows


class Correction(NamedTuple):
    """One cell where the seed is wrong: where, what it prints, what is right, and why."""

    table: str
    row: int  # 0-based among the table's body rows
    column: int  # 0-based
    printed: str
    correct: str
    why: str


CORRECTIONS = (
    Correction("III.A.6", 3, 7, "96.51", "96.52",
               "574.785.484 / 595.538.588 x 100 = 96,5154..., half up 96,52"),
    # III.A.7, IKU "Capaian %": the seed repeats III.A.1's realisasi; the capaian is III.A.1's.
    # (Rows 4 and 5 print 100 and 97.43, which are also their capaian.)
    Correction("III.A.7", 0, 3, "60", "100", "60 of target 60 (III.A.1)"),
    Correction("III.A.7", 1, 3, "16.81", "93.39", "16.81 of target 18 (III.A.1)"),
    Correction("III.A.7", 2, 3, "55.46", "77.03", "55.46 of target 72 (III.A.1)"),
    # III.A.7, program "Capaian %": the same mistake; the program targets are II.1's 2023
    # column (60, 18, 72, 100, 100). (Rows 4 and 5 print 100, also their capaian.)
    Correction("III.A.7", 0, 6, "60", "100", "60 of program target 60 (II.1)"),
    Correction("III.A.7", 1, 6, "16.81", "93.39", "16.81 of program target 18 (II.1)"),
    Correction("III.A.7", 2, 6, "55.46", "77.03", "55.46 of program target 72 (II.1)"),
)


def corrected(number: str) -> list[Row]:
    """`table(number)` with the `CORRECTIONS` of that table applied (each checked against
    what the seed prints, so a correction can only replace the cell it names)."""
    rows = table(number)
    for fix in CORRECTIONS:
        if fix.table == number:
            assert rows[fix.row][fix.column] == fix.printed, fix
            rows[fix.row][fix.column] = fix.correct
    return rows


# Variant wording of one thing in the seed → the wording of III.A.1 (program: II.3).
WORDING = {
    # III.A.6 and III.A.7 add "masa"
    "Persentase korban bencana yang menerima bantuan sosial selama masa tanggap darurat":
        "Persentase korban bencana yang menerima bantuan sosial selama tanggap darurat",
    # III.A.7 capitalises "Diberdayakan"
    "Persentase Kelembagaan Sosial yang Diberdayakan":
        "Persentase Kelembagaan Sosial yang diberdayakan",
    # III.A.7 writes "penunjang" in lower case
    "Optimalisasi sarana dan prasarana penunjang kinerja perangkat daerah":
        "Optimalisasi sarana dan prasarana Penunjang kinerja perangkat daerah",
    # III.A.7 wraps the name in its cell after the slash
    "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/ Kota":
        "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
}


def worded(text: str) -> str:
    return WORDING.get(text, text)


def percent(text: str) -> Decimal:
    """`16.81%` or `16.81` (the seed writes percentages with a decimal point)."""
    return Decimal(text.removesuffix("%"))


def rupiah(text: str) -> int:
    """`642.628.488` → 642628488."""
    return int(text.replace(".", ""))


def table_4_1() -> list[tuple[str, str]]:
    """(interval, predikat) of table 4.1, as printed."""
    return [tuple(line.split("\t")[1:3]) for line in TABLE_4_1_TEXT.splitlines()[1:]]


def seed_predikat() -> dict[str, str]:
    """IKU → predikat as BAB IV.A lists them (each list's closing full stop dropped)."""
    found: dict[str, str] = {}
    label = ""
    for line in CONCLUSION_TEXT.splitlines():
        if "kinerja sangat tinggi" in line:
            label = "Sangat Tinggi"
        elif "kinerja tinggi" in line:
            label = "Tinggi"
        else:
            found[line.split(". ", 1)[1].removesuffix(".")] = label
    return found
