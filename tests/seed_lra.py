"""The LRA of the seed document (LAKIP Dinas Sosial Kabupaten Labuhanbatu Utara 2023,
section III.B), transcribed verbatim: Kode Rekening, Uraian, Anggaran, Realisasi 2023,
% 2023, Realisasi 2022, tab-separated, with the document's own notation and mistakes
(`15.000.00` on 5.1.02.04.01.0005 for 15.000.000)."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

SEED_LRA_TEXT = """\
5	BELANJA DAERAH	5.425.037.031	5.228.418.615	96,38	5.319.427.232
5.1	BELANJA OPERASI	5.387.902.631	5.191.284.215	96,35	5.269.175.232
5.1.01	Belanja Pegawai	2.188.980.591	2.147.340.751	98,10	2.241.027.169
5.1.01.01	Belanja Gaji dan Tunjangan ASN	1.202.476.870	1.181.828.104	98,28	1.262.897.851
5.1.01.01.01	Belanja Gaji Pokok ASN	829.551.980	815.542.780	98,31	881.270.080
5.1.01.01.01.0001	Belanja Gaji Pokok PNS	829.551.980	815.542.780	98,31	881.270.080
5.1.01.01.02	Belanja Tunjangan Keluarga ASN	99.557.447	97.897.464	98,33	106.640.274
5.1.01.01.02.0001	Belanja Tunjangan Keluarga PNS	99.557.447	97.897.464	98,33	106.640.274
5.1.01.01.03	Belanja Tunjangan Jabatan ASN	127.181.250	124.950.000	98,25	128.190.000
5.1.01.01.03.0001	Belanja Tunjangan Jabatan PNS	127.181.250	124.950.000	98,25	128.190.000
5.1.01.01.05	Belanja Tunjangan Fungsional Umum ASN	17.183.750	16.905.000	98,38	20.590.000
5.1.01.01.05.0001	Belanja Tunjangan Fungsional Umum PNS	17.183.750	16.905.000	98,38	20.590.000
5.1.01.01.06	Belanja Tunjangan Beras ASN	57.754.950	56.777.280	98,31	63.861.834
5.1.01.01.06.0001	Belanja Tunjangan Beras PNS	57.754.950	56.777.280	98,31	63.861.834
5.1.01.01.07	Belanja Tunjangan PPh/Tunjangan Khusus ASN	2.537.655	2.524.472	99,48	2.598.320
5.1.01.01.07.0001	Belanja Tunjangan PPh/Tunjangan Khusus PNS	2.537.655	2.524.472	99,48	2.598.320
5.1.01.01.08	Belanja Pembulatan Gaji ASN	14.491	13.562	93,59	10.920
5.1.01.01.08.0001	Belanja Pembulatan Gaji PNS	14.491	13.562	93,59	10.920
5.1.01.01.09	Belanja Iuran Jaminan Kesehatan ASN	61.886.067	60.542.754	97,83	59.736.423
5.1.01.01.09.0001	Belanja Iuran Jaminan Kesehatan PNS	61.886.067	60.542.754	97,83	59.736.423
5.1.01.01.10	Belanja Iuran Jaminan Kecelakaan Kerja ASN	1.702.309	1.668.687	98,02	0,00
5.1.01.01.10.0001	Belanja Iuran Jaminan Kecelakaan Kerja PNS	1.702.309	1.668.687	98,02	0,00
5.1.01.01.11	Belanja Iuran Jaminan Kematian ASN	5.106.971	5.006.105	98,02	0,00
5.1.01.01.11.0001	Belanja Iuran Jaminan Kematian PNS	5.106.971	5.006.105	98,02	0,00
5.1.01.02	Belanja Tambahan Penghasilan ASN	916.423.721	895.432.647	97,71	914.169.318
5.1.01.02.01	Tambahan Penghasilan berdasarkan Beban Kerja ASN	916.423.721	895.432.647	97,71	914.169.318
5.1.01.02.01.0001	Tambahan Penghasilan berdasarkan Beban Kerja PNS	916.423.721	895.432.647	97,71	914.169.318
5.1.01.03	Tambahan Penghasilan berdasarkan Pertimbangan Objektif Lainnya ASN	70.080.000	70.080.000	100,00	63.960.000
5.1.01.03.07	Belanja Honorarium	53.280.000	53.280.000	100,00	63.960.000
5.1.01.03.07.0001	Belanja Honorarium Penanggungjawaban Pengelola Keuangan	53.280.000	53.280.000	100,00	63.960.000
5.1.01.03.08	Belanja Jasa Pengelolaan BMD	16.800.000	16.800.000	100,00	0,00
5.1.01.03.08.0002	Belanja Jasa Pengelolaan BMD yang Tidak Menghasilkan Pendapatan	16.800.000	16.800.000	100,00	0,00
5.1.02	Belanja Barang dan Jasa	3.162.422.040	3.007.643.464	95,11	2.234.348.063
5.1.02.01	Belanja Barang	625.015.600	597.588.000	95,61	363.371.500
5.1.02.01.01	Belanja Barang Pakai Habis	625.015.600	597.588.000	95,61	363.371.500
5.1.02.01.01.0002	Belanja Bahan-Bahan Kimia	1.170.000	1.170.000	100,00	0,00
5.1.02.01.01.0010	Belanja Bahan-Isi Tabung Gas	800.000	800.000	100,00	0,00
5.1.02.01.01.0022	Belanja Suku Cadang-Persediaan dari Belanja Bantuan Sosial	0	0,00	0,00	43.000.000
5.1.02.01.01.0024	Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor	45.750.100	44.263.900	96,75	37.352.900
5.1.02.01.01.0026	Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Cetak	53.950.000	49.972.500	92,63	53.462.600
5.1.02.01.01.0027	Belanja Alat/Bahan untuk Kegiatan Kantor-Benda Pos	2.400.000	2.400.000	100,00	2.220.000
5.1.02.01.01.0029	Belanja Alat/Bahan untuk Kegiatan Kantor-Bahan Komputer	12.800.000	12.519.500	97,81	6.104.700
5.1.02.01.01.0031	Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Listrik	9.875.000	9.875.000	100,00	8.995.000
5.1.02.01.01.0036	Belanja Alat/Bahan untuk Kegiatan Kantor-Alat/Bahan untuk Kegiatan Kantor Lainnya	21.955.000	21.916.600	99,83	2.813.300
5.1.02.01.01.0037	Belanja Obat-Obatan-Obat	0	0,00	0,00	2.000.000
5.1.02.01.01.0038	Belanja Obat-Obatan-Obat-Obatan Lainnya	3.000.000	3.000.000,00	100,00	0,00
5.1.02.01.01.0039	Belanja Persediaan untuk Dijual/Diserahkan-Persediaan untuk Dijual/Diserahkan kepada Masyarakat	64.335.000	53.925.000	83,82	42.531.000
5.1.02.01.01.0052	Belanja Makanan dan Minuman Rapat	162.970.500	162.945.500	99,98	57.773.000
5.1.02.01.01.0057	Belanja Makanan dan Minuman pada Fasilitas Pelayanan Urusan Sosial	10.000.000	10.000.000	100,00	29.908.000
5.1.02.01.01.0058	Belanja Makanan dan Minuman Aktivitas Lapangan	62.810.000	51.600.000	82,15	52.611.000
5.1.02.01.01.0063	Belanja Pakaian Dinas Harian (PDH)	52.650.000	52.650.000	100,00	24.600.000
5.1.02.01.01.0064	Belanja Pakaian Dinas Lapangan (PDL)	82.750.000	82.750.000	100,00	0,00
5.1.02.01.01.0076	Belanja Pakaian Olahraga	37.800.000	37.800.000	100,00	0,00
5.1.02.02	Belanja Jasa	1.572.395.440	1.494.483.699	95,05	1.167.790.157
5.1.02.02.01	Belanja Jasa Kantor	1.453.158.000	1.380.927.917	95,03	1.108.672.097
5.1.02.02.01.0003	Honorarium Narasumber atau Pembahas, Moderator, Pembawa Acara, dan Panitia	46.300.000	34.500.000	74,51	19.100.000
5.1.02.02.01.0006	Honorarium Penyuluhan atau Pendampingan	171.600.000	152.400.000	88,81	0,00
5.1.02.02.01.0014	Belanja Jasa Tenaga Kesehatan	16.500.000	16.500.000	100,00	16.500.000
5.1.02.02.01.0019	Belanja Jasa Tenaga Penanganan Bencana	375.000.000	373.000.000	99,47	262.700.000
5.1.02.02.01.0020	Belanja Jasa Tenaga Penanganan Sosial	123.600.000	123.600.000	100,00	243.800.000
5.1.02.02.01.0025	Belanja Jasa Tenaga Kesenian dan Kebudayaan	73.250.000	73.250.000	100,00	0,00
5.1.02.02.01.0026	Belanja Jasa Tenaga Administrasi	176.400.000	176.400.000	100,00	176.400.000
5.1.02.02.01.0027	Belanja Jasa Tenaga Operator Komputer	278.400.000	265.400.000	95,33	234.000.000
5.1.02.02.01.0028	Belanja Jasa Tenaga Pelayanan Umum	18.000.000	18.000.000	100,00	18.000.000
5.1.02.02.01.0030	Belanja Jasa Tenaga Kebersihan	14.400.000	14.400.000	100,00	14.400.000
5.1.02.02.01.0031	Belanja Jasa Tenaga Keamanan	33.600.000	33.600.000	100,00	33.600.000
5.1.02.02.01.0033	Belanja Jasa Tenaga Supir	15.600.000	15.600.000	100,00	15.600.000
5.1.02.02.01.0047	Belanja Jasa Penyelenggaraan Acara	4.800.000	4.800.000	100,00	0,00
5.1.02.02.01.0059	Belanja Tagihan Telepon	25.000.000	23.443.660	93,77	23.261.650
5.1.02.02.01.0061	Belanja Tagihan Listrik	55.000.000	33.355.557,00	60,65	24.742.097
5.1.02.02.01.0062	Belanja Langganan Jurnal/Surat Kabar/Majalah	13.000.000	12.960.000	99,69	15.000.000
5.1.02.02.01.0063	Belanja Kawat/Faksimili/Internet/TV Berlangganan	7.200.000	5.993.700	83,25	6.565.350
5.1.02.02.01.0067	Belanja Pembayaran Pajak, Bea, dan Perizinan	5.508.000	3.725.000	67,63	5.003.000
5.1.02.02.02	Belanja Iuran Jaminan/Asuransi	31.087.440	27.055.782	87,03	24.118.060
5.1.02.02.02.0005	Belanja Iuran Jaminan Kesehatan bagi Non ASN	28.800.000	24.777.873	86,03	21.830.620
5.1.02.02.02.0006	Belanja Iuran Jaminan Kecelakaan Kerja bagi Non ASN	1.016.640	1.012.404	99,58	1.016.640
5.1.02.02.02.0007	Belanja Iuran Jaminan Kematian bagi Non ASN	1.270.800	1.265.505	99,58	1.270.800
5.1.02.02.03	Belanja Sewa Tanah	1.650.000	1.500.000	90,91	0,00
5.1.02.02.03.0001	Belanja Sewa Tanah Bangunan Perumahan/Gedung Tempat Tinggal	1.650.000	1.500.000	90,91	0,00
5.1.02.02.04	Belanja Sewa Peralatan dan Mesin	40.000.000	40.000.000	100,00	0,00
5.1.02.02.04.0036	Belanja Sewa Kendaraan Bermotor Penumpang	40.000.000	40.000.000	100,00	0,00
5.1.02.02.05	Belanja Sewa Gedung dan Bangunan	46.500.000	45.000.000	96,77	35.000.000
5.1.02.02.05.0001	Belanja Sewa Bangunan Gedung Kantor	37.500.000	37.500.000	100,00	35.000.000
5.1.02.02.05.0009	Belanja Sewa Bangunan Gedung Tempat Pertemuan	9.000.000	7.500.000	83,33	0,00
5.1.02.03	Belanja Pemeliharaan	240.969.800	239.317.252	99,31	177.054.926
5.1.02.03.02	Belanja Pemeliharaan Peralatan dan Mesin	136.740.000	135.503.700	99,10	148.200.426
5.1.02.03.02.0035	Belanja Pemeliharaan Alat Angkutan-Alat Angkutan Darat Bermotor-Kendaraan Dinas Bermotor Perorangan	118.720.000	118.613.700	99,91	96.919.526
5.1.02.03.02.0037	Belanja Pemeliharaan Alat Angkutan-Alat Angkutan Darat Bermotor-Kendaraan Bermotor Angkutan Barang	0	0,00	0,00	21.800.000
5.1.02.03.02.0039	Belanja Pemeliharaan Alat Angkutan-Alat Angkutan Darat Bermotor-Kendaraan Bermotor Beroda Tiga	1.700.000	800.000	47,06	1.700.000
5.1.02.03.02.0117	Belanja Pemeliharaan Alat Kantor dan Rumah Tangga-Alat Kantor-Alat Kantor Lainnya	0	0,00	0,00	4.140.000
5.1.02.03.02.0121	Belanja Pemeliharaan Alat Kantor dan Rumah Tangga-Alat Rumah Tangga-Alat Pendingin	4.880.000	4.880.000	100,00	4.880.000
5.1.02.03.02.0123	Belanja Pemeliharaan Alat Kantor dan Rumah Tangga-Alat Rumah Tangga-Alat Rumah Tangga Lainnya (Home Use)	0	0,00	0,00	11.460.900
5.1.02.03.02.0405	Belanja Pemeliharaan Komputer-Komputer Unit-Personal Computer	11.440.000	11.210.000	97,99	7.300.000
5.1.02.03.03	Belanja Pemeliharaan Gedung dan Bangunan	104.229.800	103.813.552	99,60	28.854.500
5.1.02.03.03.0001	Belanja Pemeliharaan Bangunan Gedung-Bangunan Gedung Tempat Kerja-Bangunan Gedung Kantor	102.836.000	102.419.752	99,60	28.854.500
5.1.02.03.03.0036	Belanja Pemeliharaan Bangunan Gedung-Bangunan Gedung Tempat Kerja-Taman	1.393.800	1.393.800	100,00	0,00
5.1.02.04	Belanja Perjalanan Dinas	707.550.000	659.763.313	93,25	526.131.480
5.1.02.04.01	Belanja Perjalanan Dinas Dalam Negeri	707.550.000	659.763.313	93,25	526.131.480
5.1.02.04.01.0001	Belanja Perjalanan Dinas Biasa	642.150.000	594.363.313	92,56	158.815.200
5.1.02.04.01.0003	Belanja Perjalanan Dinas Dalam Kota	0	0,00	0,00	191.762.000
5.1.02.04.01.0004	Belanja Perjalanan Dinas Paket Meeting Dalam Kota	50.400.000	50.400.000	100,00	61.520.000
5.1.02.04.01.0005	Belanja Perjalanan Dinas Paket Meeting Luar Kota	15.000.000	15.000.00	100,00	114.034.280
5.1.02.05	Belanja Uang dan/atau Jasa untuk Diberikan kepada Pihak Ketiga/Pihak Lain/Masyarakat	16.491.200	16.491.200	100,00	0,00
5.1.02.05.01	Belanja Uang yang Diberikan kepada Pihak Ketiga/Pihak Lain/Masyarakat	16.491.200	16.491.200	100,00	0,00
5.1.02.05.01.0001	Belanja Hadiah yang Bersifat Perlombaan	4.491.200	4.491.200	100,00	0,00
5.1.02.05.01.0002	Belanja Penghargaan atas Suatu Prestasi	12.000.000	12.000.000	100,00	0,00
5.1.06	Belanja Bantuan Sosial	36.500.000	36.300.000	99,45	793.800.000
5.1.06.01	Belanja Bantuan Sosial kepada Individu	36.500.000	36.300.000	99,45	0,00
5.1.06.01.01	Belanja Bantuan Sosial Uang yang direncanakan kepada Individu	10.000.000	9.800.000	98,00	0,00
5.1.06.01.01.0001	Belanja Bantuan Sosial Uang yang Direncanakan kepada Individu	10.000.000	9.800.000	98,00	0,00
5.1.06.01.02	Belanja Bantuan Sosial Barang yang Direncanakan kepada Individu	26.500.000	26.500.000	100,00	0,00
5.1.06.01.02.0001	Belanja Bantuan Sosial Barang yang Direncanakan kepada Individu	26.500.000	26.500.000	100,00	0,00
5.1.06.03	Belanja Bantuan Sosial kepada Kelompok Masyarakat	0	0,00	0,00	793.800.000
5.1.06.03.01	Belanja Bantuan Sosial Uang yang direncanakan kepada Kelompok Masyarakat	0	0,00	0,00	793.800.000
5.1.06.03.01.0001	Belanja Bantuan Sosial Uang yang Direncanakan kepada Kelompok Masyarakat	0	0,00	0,00	793.800.000
	JUMLAH BELANJA OPERASI	5.387.902.631	5.191.284.215	96,35	5.269.175.232
5.2	BELANJA MODAL	37.134.400	37.134.400	100,00	50.252.000
5.2.02	Belanja Modal Peralatan dan Mesin	37.134.400	37.134.400	100,00	43.734.000
5.2.02.05	Belanja Modal Alat Kantor dan Rumah Tangga	15.134.400	15.134.400	100,00	14.424.000
5.2.02.05.02	Belanja Modal Alat Rumah Tangga	15.134.400	15.134.400	100,00	10.424.000
5.2.02.05.02.0001	Belanja Modal Mebel	0	0,00	0,00	2.774.000
5.2.02.05.02.0003	Belanja Modal Alat Pembersih	1.795.000	1.795.000	100,00	0,00
5.2.02.05.02.0004	Belanja Modal Alat Pendingin	13.339.400	13.339.400	100,00	7.650.000
5.2.02.05.03	Belanja Modal Meja dan Kursi Kerja/Rapat Pejabat	0	0,00	0,00	4.000.000
5.2.02.05.03.0007	Belanja Modal Lemari dan Arsip Pejabat	0	0,00	0,00	4.000.000
5.2.02.10	Belanja Modal Komputer	22.000.000	22.000.000	100,00	29.310.000
5.2.02.10.01	Belanja Modal Komputer Unit	10.000.000	10.000.000	100,00	29.310.000
5.2.02.10.01.0002	Belanja Modal Personal Computer	10.000.000	10.000.000	100,00	29.310.000
5.2.02.10.02	Belanja Modal Peralatan Komputer	12.000.000	12.000.000	100,00	0,00
5.2.02.10.02.0003	Belanja Modal Peralatan Personal Computer	12.000.000	12.000.000	100,00	0,00
5.2.04	Belanja Modal Jalan, Jaringan, dan Irigasi	0	0,00	0,00	6.518.000
5.2.04.04	Belanja Modal Jaringan	0	0,00	0,00	6.518.000
5.2.04.04.02	Belanja Modal Jaringan Listrik	0	0,00	0,00	6.518.000
5.2.04.04.02.0003	Belanja Modal Jaringan Listrik Lainnya	0	0,00	0,00	6.518.000
	JUMLAH BELANJA MODAL	37.134.400	37.134.400	100,00	50.252.000
	JUMLAH BELANJA	5.425.037.031	5.228.418.615	96,38	5.319.427.232
	SURPLUS/DEFISIT	(5.425.037.031)	(5.228.418.615,00)	96,38	(5.319.427.232,00)
"""

# The seed's one unreadable amount: its subtotals and 100,00 % say 15.000.000 was meant.
TYPO = "15.000.00"
TYPO_MEANT = "15.000.000"


class SeedLine(NamedTuple):
    code: str
    uraian: str
    anggaran: Decimal
    realisasi: Decimal
    percent: Decimal
    realisasi_lalu: Decimal


def amount(text: str) -> Decimal:
    """Indonesian notation as printed by the seed, parsed independently of the pipeline."""
    text = TYPO_MEANT if text == TYPO else text
    negative = text.startswith("(")
    digits = text.strip("()").replace(".", "").replace(",", ".")
    return -Decimal(digits) if negative else Decimal(digits)


def seed_lines() -> list[SeedLine]:
    """Every line of the seed LRA: 133 accounts, then the JUMLAH and SURPLUS/DEFISIT rows."""
    lines = []
    for row in SEED_LRA_TEXT.splitlines():
        code, uraian, anggaran, realisasi, percent, previous = row.split("\t")
        lines.append(SeedLine(code, uraian, amount(anggaran), amount(realisasi),
                              amount(percent), amount(previous)))
    return lines
