"""The chapters of the LAKIP document, in the outline of PermenPANRB 53/2014, as blocks.

Pure: the report in, a list of blocks (headings, paragraphs, placeholders for what only
the office can write, tables, a signature) out; `render` lays them into Word. Figures
come only from `sentences` and `tables`.
"""

from __future__ import annotations

from typing import NamedTuple

from pipeline.document import sentences
from pipeline.document.table_sentences import table_sentence
from pipeline.document.tables import Table, lakip_table, lra_table, pk_tables
from pipeline.report.cover import signature_lines
from pipeline.report.lakip_values import LAKIP_TABLES
from pipeline.report.model import Report


class Heading(NamedTuple):
    level: int
    text: str


class Text(NamedTuple):
    text: str


class Placeholder(NamedTuple):
    """Where only the office can write: a highlighted note of what belongs there."""

    text: str


class Numbered(NamedTuple):
    items: tuple[str, ...]


class Signature(NamedTuple):
    lines: tuple[str, ...]  # place and date, office, pemda, name, pangkat, NIP


class Orientation(NamedTuple):
    """A new section from here on, landscape (for the wide tables of BAB III) or not."""

    landscape: bool


Block = Heading | Text | Placeholder | Numbered | Table | Signature | Orientation

SUBSECTIONS = {
    "III.A.1": "Perbandingan antara Target dan Realisasi Kinerja Tahun {year}",
    "III.A.2": "Perbandingan antara Realisasi Kinerja Tahun {year} dengan Tahun {last}",
    "III.A.3": "Perbandingan Realisasi Kinerja Tahun {year} dengan Target Jangka Menengah "
               "dalam Rencana Strategis",
    "III.A.4": "Perbandingan Realisasi Kinerja Tahun {year} dengan Standar Nasional",
    "III.A.5": "Analisis Penyebab Keberhasilan/Kegagalan dan Solusi",
    "III.A.6": "Analisis atas Efisiensi Penggunaan Sumber Daya",
    "III.A.7": "Analisis Program/Kegiatan yang Menunjang Keberhasilan atau Kegagalan "
               "Pencapaian Kinerja",
}


def signature(report: Report) -> Signature:
    return Signature(signature_lines(report))


def outline(report: Report) -> list[Block]:
    """Everything after the cover, in order."""
    return [*_foreword(report), *_summary(report), *_chapter_i(report),
            *_chapter_ii(report), Orientation(landscape=True), *_chapter_iii(report),
            Orientation(landscape=False), *_chapter_iv(report)]


def _foreword(report: Report) -> list[Block]:
    who = sentences.who(report)
    return [
        Heading(1, "KATA PENGANTAR"),
        Text(f"Laporan Akuntabilitas Kinerja Instansi Pemerintah (LAKIP) {who} Tahun "
             f"{report.year} disusun sebagai wujud pertanggungjawaban atas pelaksanaan program "
             "dan kegiatan selama satu tahun anggaran, dengan mengukur capaian sasaran "
             "strategis dan indikator kinerja utama yang diperjanjikan dalam Perjanjian "
             "Kinerja, serta realisasi anggaran yang menunjangnya."),
        Placeholder("Diisi oleh perangkat daerah: pengantar, harapan dan ucapan terima kasih."),
        signature(report),
    ]


def _summary(report: Report) -> list[Block]:
    return [
        Heading(1, "IKHTISAR EKSEKUTIF"),
        Text("Laporan ini disusun dengan mempedomani Peraturan Menteri Pendayagunaan Aparatur "
             "Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 tentang Petunjuk Teknis "
             "Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja "
             "Instansi Pemerintah."),
        *(Text(sentence) for sentence in (*sentences.capaian_overview(report),
                                          sentences.spending_sentence(report)) if sentence),
        Placeholder("Diisi oleh perangkat daerah: hal penting lain yang perlu diketahui "
                    "pimpinan."),
    ]


def _chapter_i(report: Report) -> list[Block]:
    return [
        Heading(1, "BAB I PENDAHULUAN"),
        Heading(2, "I.1. Latar Belakang"),
        Placeholder("Diisi oleh perangkat daerah: dasar pembentukan, tugas dan fungsi."),
        Heading(2, "I.2. Penjelasan Umum Organisasi"),
        Placeholder("Diisi oleh perangkat daerah: susunan organisasi, uraian tugas setiap "
                    "unit dan struktur organisasi."),
        Heading(2, "I.3. Permasalahan Utama"),
        Placeholder("Diisi oleh perangkat daerah: permasalahan utama (strategic issues) yang "
                    "sedang dihadapi."),
        Heading(2, "I.4. Dasar Hukum"),
        Placeholder("Diisi oleh perangkat daerah: peraturan yang menjadi dasar penyusunan "
                    "laporan."),
        Heading(2, "I.5. Sistematika Pelaporan"),
        Text("Sistematika laporan ini mengikuti Peraturan Menteri PAN dan RB Nomor 53 Tahun "
             "2014:"),
        Numbered((
            "Bab I Pendahuluan: penjelasan umum organisasi, aspek strategis dan permasalahan "
            "utama yang dihadapi.",
            "Bab II Perencanaan Kinerja: ringkasan Perjanjian Kinerja tahun yang bersangkutan.",
            "Bab III Akuntabilitas Kinerja: capaian kinerja organisasi untuk setiap sasaran "
            "strategis dan realisasi anggaran.",
            "Bab IV Penutup: simpulan umum atas capaian kinerja dan langkah perbaikan ke depan.",
        )),
    ]


def _chapter_ii(report: Report) -> list[Block]:
    iku_table, program_table = pk_tables(report)
    ikus = report.pk.ikus
    blocks: list[Block] = [
        Heading(1, "BAB II PERENCANAAN KINERJA"),
        Heading(2, "II.1. Tujuan dan Sasaran"),
        Placeholder("Diisi oleh perangkat daerah: tujuan dan sasaran dari Rencana Strategis."),
        Heading(2, f"II.2. Rencana Kerja Tahun {report.year}"),
        Placeholder("Diisi oleh perangkat daerah: program dan kegiatan Rencana Kerja."),
        Heading(2, f"II.3. Perjanjian Kinerja Tahun {report.year}"),
    ]
    if not ikus:
        return [*blocks, Text(sentences.NO_PK)]
    return [*blocks,
            Text(f"Perjanjian Kinerja {sentences.who(report)} tahun {report.year} memuat "
                 "sasaran strategis dan indikator kinerja utama berikut dengan targetnya:"),
            iku_table,
            Text("Sasaran tersebut dicapai melalui program berikut, masing-masing dengan "
                 "indikator dan target programnya:"),
            program_table]


def _chapter_iii(report: Report) -> list[Block]:
    blocks: list[Block] = [
        Heading(1, "BAB III AKUNTABILITAS KINERJA"),
        Heading(2, "A. Capaian Kinerja Organisasi"),
        Text(f"Pengukuran tingkat capaian kinerja {sentences.who(report)} tahun {report.year} "
             "dilakukan dengan membandingkan target setiap indikator kinerja utama dalam "
             "Perjanjian Kinerja dengan realisasinya. Capaian dihitung menurut polaritas "
             "indikator, dibulatkan ke dua desimal, dan diberi predikat menurut kriteria "
             "penilaian dalam Perjanjian Kinerja."),
    ]
    for index, number in enumerate(LAKIP_TABLES, start=1):
        title = SUBSECTIONS[number].format(year=report.year, last=report.year - 1)
        blocks += [Heading(3, f"{index}. {title}"),
                   Text(table_sentence(number, report)),
                   lakip_table(number, report)]
    blocks += [
        Heading(2, "B. Realisasi Anggaran"),
        Text(f"{sentences.budget_sentence(report)} Rinciannya menurut Laporan Realisasi "
             f"Anggaran (LRA) Tahun Anggaran {report.year}:"),
        lra_table(report),
    ]
    return blocks


def _chapter_iv(report: Report) -> list[Block]:
    blocks: list[Block] = [Heading(1, "BAB IV PENUTUP"), Heading(2, "A. Kesimpulan")]
    for line, items in sentences.conclusion_lists(report):
        blocks += [Text(line), Numbered(tuple(items))]
    blocks += [
        Text(sentences.budget_sentence(report)),
        Placeholder("Diisi oleh perangkat daerah: simpulan umum atas capaian kinerja."),
        Heading(2, "B. Saran"),
        Placeholder("Diisi oleh perangkat daerah: permasalahan, kendala dan langkah "
                    "perbaikan yang akan dilakukan untuk meningkatkan kinerja."),
        Text(f"Demikian Laporan Akuntabilitas Kinerja Instansi Pemerintah {sentences.who(report)} "
             f"Tahun {report.year} ini dibuat untuk dipergunakan sebagaimana mestinya sebagai "
             "bahan evaluasi kinerja."),
        signature(report),
    ]
    return blocks
