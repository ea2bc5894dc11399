"""What the input templates tell an officer, in plain Indonesian: the purpose of each
sheet, the meaning of each column, one example row per sheet, and what the pipeline checks.
Kept apart from the layout code so that the wording can be edited on its own."""

from __future__ import annotations

COLUMN_HELP: dict[tuple[str, str], str] = {
    ("program", "kode"): "Kode program (1.06.02), kegiatan (1.06.02.2.01) atau sub kegiatan "
                         "(1.06.02.2.01.0001), sebagai teks.",
    ("program", "nomenklatur"): "Nama program, kegiatan atau sub kegiatan.",
    ("program", "indikator"): "Indikator kinerjanya (boleh kosong).",
    ("program", "target"): "Target indikator (boleh kosong).",
    ("program", "satuan"): "Satuan target: %, orang, dokumen … (boleh kosong).",
    ("anggaran", "kode_sub_kegiatan"): "Kode sub kegiatan 6 segmen yang ada di sheet Program. "
                                       "Boleh kosong hanya untuk pendapatan (4) dan "
                                       "pembiayaan (6).",
    ("anggaran", "kode_rekening"): "Kode rekening 6 level (5.1.02.01.01.0024), sebagai teks. "
                                   "Baris dengan kode lebih pendek (5, 5.1.02) dianggap subtotal: "
                                   "dibandingkan, tidak dijumlahkan.",
    ("anggaran", "uraian"): "Terisi otomatis dari kode rekening (sheet Referensi); boleh ditimpa.",
    ("anggaran", "pagu_murni"): "Pagu sebelum perubahan, dalam rupiah, tidak boleh negatif.",
    ("anggaran", "pagu_perubahan"): "Pagu setelah perubahan; kosong berarti sama dengan murni.",
    ("anggaran", "sumber_dana"): "Sumber dana (DAU, PAD, DAK …), boleh kosong.",
    ("realisasi", "tahun"): "Tahun anggaran realisasi (2023). Baris tahun sebelumnya mengisi "
                            "kolom realisasi tahun lalu di LRA.",
    ("realisasi", "bulan"): "Bulan 1–12 atau nama bulan; boleh kosong bila Tanggal diisi.",
    ("realisasi", "kode_sub_kegiatan"): "Kode sub kegiatan seperti di DPA.",
    ("realisasi", "kode_rekening"): "Kode rekening 6 level seperti di DPA.",
    ("realisasi", "uraian"): "Nama rekening (boleh kosong).",
    ("realisasi", "realisasi"): "Realisasi bulan itu saja (bukan kumulatif), dalam rupiah. "
                                "Negatif dibaca sebagai pengembalian.",
    ("realisasi", "nomor_sp2d"): "Nomor SP2D (boleh kosong, untuk penelusuran).",
    ("realisasi", "tanggal"): "Tanggal SP2D (boleh kosong).",
    ("sasaran", "no"): "Nomor sasaran strategis.",
    ("sasaran", "sasaran"): "Sasaran strategis; baris berikutnya dari sasaran yang sama boleh "
                            "dikosongkan.",
    ("sasaran", "indikator"): "Indikator kinerja utama (IKU).",
    ("sasaran", "satuan"): "Satuan: %, orang, dokumen …",
    ("sasaran", "polaritas"): "Positif (makin tinggi makin baik) atau Negatif (makin rendah "
                              "makin baik). Kosong berarti Positif.",
    ("sasaran", "target"): "Target tahun ini.",
    ("sasaran", "realisasi"): "Realisasi tahun ini.",
    ("sasaran", "realisasi_lalu"): "Realisasi tahun lalu (tabel III.A.2).",
    ("sasaran", "target_akhir"): "Target akhir Renstra (tabel III.A.3).",
    ("sasaran", "tahun_akhir"): "Tahun akhir Renstra.",
    ("sasaran", "standar_nasional"): "Standar nasional bila ada (tabel III.A.4).",
    ("sasaran", "sumber_data"): "Sumber data realisasi.",
    ("sasaran", "kode_program"): "Kode program DPA yang menunjang IKU ini; beberapa kode "
                                 "dipisah koma (1.06.02, 1.06.04).",
    ("sasaran", "analisis"): "Penyebab keberhasilan atau kegagalan (tabel III.A.5).",
    ("sasaran", "solusi"): "Solusi yang dilakukan (boleh kosong).",
    ("pk_program", "kode_program"): "Kode program seperti di sheet Program DPA.",
    ("pk_program", "indikator"): "Indikator program.",
    ("pk_program", "satuan"): "Satuan indikator program.",
    ("pk_program", "target"): "Target indikator program.",
    ("pk_program", "realisasi"): "Realisasi indikator program.",
    ("pk_program", "menunjang"): "Menunjang atau Tidak Menunjang (tabel III.A.7).",
    ("pk_program", "analisis"): "Analisis program.",
    ("pk_program", "anggaran_pk"): "Anggaran program yang tertulis di PK yang ditandatangani; "
                                   "dibandingkan dengan pagu murni DPA.",
    ("kriteria", "batas_bawah"): "Capaian terendah untuk predikat ini (≥).",
    ("kriteria", "batas_atas"): "Capaian tertinggi (keterangan saja).",
    ("kriteria", "predikat"): "Nama predikat.",
}

SHEET_HELP: dict[str, str] = {
    "Identitas": "Identitas perangkat daerah: isi kolom B di samping setiap keterangan.",
    "Program": "Struktur program → kegiatan → sub kegiatan beserta indikatornya.",
    "Anggaran": "Satu baris per rincian anggaran: sub kegiatan × kode rekening, dengan pagu "
                "murni dan pagu perubahan.",
    "Referensi": "Bagan akun Permendagri 90/2019 (jangan diubah): sumber isian otomatis Uraian.",
    "Realisasi": "Realisasi per bulan per sub kegiatan dan kode rekening, seperti ekspor SP2D "
                 "dari SIPD. Satu berkas per bulan atau satu berkas setahun, keduanya boleh.",
    "Sasaran": "Satu baris per indikator kinerja utama (IKU) dari Perjanjian Kinerja.",
    "Program PK": "Indikator program dan anggaran program yang tertulis di PK.",
    "Kriteria": "Batas predikat capaian (bawaan: Permendagri 86/2017). Ubah bila pemda Anda "
                "memakai batas lain.",
}

NOTATION = [
    "Angka boleh ditulis sebagai angka Excel atau teks dengan notasi Indonesia: 1.234.567 · "
    "1.234.567,89 · Rp 1.234.567 · (1.234.567) untuk negatif.",
    "Teks yang tidak cocok persis dengan notasi itu (misalnya 15.000.00 atau 1,234.567) "
    "dilaporkan sebagai kesalahan dengan nama sel; nilainya tidak pernah ditebak.",
    "Kode ditulis sebagai teks. Kolom kode di templat ini sudah berformat teks, sehingga Excel "
    "tidak mengubah 5.10 menjadi 5,1.",
]

CHECKS = [
    "Setiap sel yang tidak dapat dibaca disebut dengan berkas, sheet dan selnya di sheet "
    "Validasi laporan.",
    "Baris subtotal (kode rekening pendek) dibandingkan dengan jumlah rinciannya.",
    "Realisasi tanpa baris DPA, realisasi melebihi pagu, bulan yang hilang atau dikirim dua "
    "kali, dan kode rekening yang tidak ada di bagan akun dilaporkan.",
    "Setiap rupiah realisasi yang dibaca masuk ke LRA atau ke daftar baris yang ditolak.",
    "Anggaran PK dibandingkan dengan pagu murni DPA per program; setiap Kode Program di PK harus "
    "ada di sheet Program DPA.",
]

USAGE = [
    "Tempel atau ketik data di bawah baris judul setiap sheet data, mulai baris 2. Jangan "
    "mengubah judul kolom; kolom tambahan di sebelah kanan boleh.",
    "Simpan sebagai .xlsx, taruh di folder masukan bersama berkas lain, lalu jalankan "
    "`python run.py --input FOLDER`.",
    "Contoh pengisian ada di sheet Contoh; sheet Petunjuk dan Contoh tidak dibaca.",
]
